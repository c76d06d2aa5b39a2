#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the libFuzzer targets of fuzz/ (clang, ASan + UBSan, build-fuzz/) and run each for a
# while. Exits non-zero if any target finds a crash, a leak, a sanitizer report or a broken
# invariant; prints the executions per target.
#
#   scripts/fuzz.sh --seconds=N [target...]     default: 60 s each, every target
#   scripts/fuzz.sh --list                      the targets
#
# Targets: fuzz-esp-decapsulate fuzz-esp-trailer fuzz-ah fuzz-inner-datagram fuzz-inbound
# fuzz-proposal fuzz-cost-table fuzz-ikev2-message fuzz-ikev2-sa fuzz-ike-auth-data fuzz-ikev1-message fuzz-ikev1-sa. Seeds come from fuzz-make-seeds (the known-answer vectors);
# each target's corpus grows in build-fuzz/corpus/<target>/, findings go to
# build-fuzz/findings/<target>/ and the logs to build-fuzz/logs/<target>.log.
# IPSEC_FUZZ_JOBS runs that many targets at once (default 1). Extra libFuzzer options go in
# IPSEC_FUZZ_ARGS (e.g. "-max_len=2048").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${IPSEC_FUZZ_BUILD_DIR:-$root/build-fuzz}"
all=(fuzz-esp-decapsulate fuzz-esp-trailer fuzz-ah fuzz-inner-datagram fuzz-inbound
     fuzz-proposal fuzz-cost-table fuzz-ikev2-message fuzz-ikev2-sa fuzz-ike-auth-data fuzz-ikev1-message fuzz-ikev1-sa)

seconds=60
targets=()
for arg in "$@"; do
    case "$arg" in
    --seconds=*) seconds="${arg#--seconds=}" ;;
    --list) printf '%s\n' "${all[@]}"; exit 0 ;;
    -h | --help) sed -n '3,17p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $arg" >&2; exit 2 ;;
    *) targets+=("$arg") ;;
    esac
done
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
for t in "${targets[@]}"; do
    if ! printf '%s\n' "${all[@]}" | grep -qx "$t"; then
        echo "fuzz.sh: unknown target $t (targets: ${all[*]})" >&2
        exit 2
    fi
done

# clang with libFuzzer (Debian: clang pulls in libclang-rt-dev, which has it).
"$root/scripts/install-deps.sh" clang
if [ ! -f "$build/build.ninja" ]; then
    CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DIPSEC_WERROR=ON \
        -DIPSEC_FUZZ=ON >/dev/null
fi
cmake --build "$build" --target "${targets[@]}" fuzz-make-seeds

mkdir -p "$build/seeds" "$build/corpus" "$build/findings" "$build/logs"
"$build/fuzz/fuzz-make-seeds" "$build/seeds" >/dev/null

# Leaks and UBSan reports are failures; libFuzzer stops at the first finding.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
run_one() {
    local t="$1"
    mkdir -p "$build/corpus/$t" "$build/findings/$t"
    local seeds=()
    [ -d "$build/seeds/$t" ] && seeds=("$build/seeds/$t")
    # shellcheck disable=SC2086
    (cd "$build/findings/$t" && exec nice "$build/fuzz/$t" -max_total_time="$seconds" \
        -print_final_stats=1 -detect_leaks=1 -rss_limit_mb=4096 -timeout=30 \
        -artifact_prefix="$build/findings/$t/" ${IPSEC_FUZZ_ARGS:-} \
        "$build/corpus/$t" "${seeds[@]}") >"$build/logs/$t.log" 2>&1
}

status=0
declare -A rcs=()
jobs_max="${IPSEC_FUZZ_JOBS:-1}"
pids=()
names=()
for t in "${targets[@]}"; do
    run_one "$t" &
    pids+=($!)
    names+=("$t")
    if [ ${#pids[@]} -ge "$jobs_max" ]; then
        wait "${pids[0]}" && rcs[${names[0]}]=0 || rcs[${names[0]}]=$?
        pids=("${pids[@]:1}")
        names=("${names[@]:1}")
    fi
done
for i in "${!pids[@]}"; do
    wait "${pids[$i]}" && rcs[${names[$i]}]=0 || rcs[${names[$i]}]=$?
done

printf '%-22s %14s %8s  %s\n' target executions exec/s result
for t in "${targets[@]}"; do
    log="$build/logs/$t.log"
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
    result=ok
    if [ "${rcs[$t]}" -ne 0 ] || [ -z "$execs" ] ||
        grep -qE '^==[0-9]+==ERROR|runtime error:|ERROR: libFuzzer|fuzz invariant broken' "$log"; then
        result="FAILED (exit ${rcs[$t]}; see $log and $build/findings/$t/)"
        status=1
    fi
    printf '%-22s %14s %8s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "$result"
done
exit $status
