#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build and check ns3-ipsec as contrib/ipsec of an ns-3 source tree (a CMake release, 3.36 and
# later, or a waf one, 3.35 and earlier), against the standalone build on the installed ns-3:
#
#   scripts/check-ns3-tree.sh [--jobs=N] [--profile=P] [--no-configure] <ns-3 source dir>
#
#  1. copies this working tree (tracked and untracked files, not build directories) into
#     <dir>/contrib/ipsec, keeping file times so a second run rebuilds only what changed;
#  2. configures the tree with the modules ipsec needs and examples on (CMake: ./ns3 configure;
#     waf: ./waf configure) and builds it;
#  3. runs the GoogleTest binary ipsec-test (CMake trees; waf does not build it);
#  4. runs every example, and compares each one's delivered-traffic lines with the standalone
#     build's (scripts/build.sh, built here if needed); runs the claim checks of
#     test/check-engine-examples.py and, where tshark is installed, test/check-example-pcap.py
#     on the tree's binaries.
#
# Prints one line per step and a summary; exits non-zero if any step fails. --profile passes
# ns-3's build profile (debug, default, release, optimized); without it ns-3's default is used
# (CMake: "default", asserts on; waf: "debug"). Needs what ns-3 itself needs to build (g++,
# cmake and ninja-build or python3 for waf) and libssl-dev; scripts/install-deps.sh has them.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
jobs="$(nproc)"
profile=""
configure=1
tree=""
for arg in "$@"; do
    case "$arg" in
    --jobs=*) jobs="${arg#--jobs=}" ;;
    --profile=*) profile="${arg#--profile=}" ;;
    --no-configure) configure=0 ;;
    -h | --help)
        sed -n '3,22p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*)
        echo "check-ns3-tree: unknown option $arg (see --help)" >&2
        exit 2
        ;;
    *) tree="$arg" ;;
    esac
done
if [ -z "$tree" ] || [ ! -f "$tree/VERSION" ]; then
    echo "check-ns3-tree: give the ns-3 source directory (the one with VERSION), see --help" >&2
    exit 2
fi
tree="$(cd "$tree" && pwd)"
version="$(cat "$tree/VERSION")"
if [ -x "$tree/ns3" ]; then
    kind=cmake
elif [ -x "$tree/waf" ]; then
    kind=waf
else
    echo "check-ns3-tree: $tree has neither ./ns3 (CMake) nor ./waf" >&2
    exit 2
fi
modules=(internet internet-apps point-to-point csma applications flow-monitor virtual-net-device ipsec)
logs="$tree/ipsec-check-logs"
mkdir -p "$logs"
failures=0
summary=()

step() { # step NAME STATUS DETAIL
    printf '  %-34s %-6s %s\n' "$1" "$2" "$3"
    summary+=("$(printf '%-34s %-6s %s' "$1" "$2" "$3")")
    if [ "$2" = "FAIL" ]; then
        failures=$((failures + 1))
    fi
}

echo "ns-3 $version ($kind) in $tree; logs in $logs"

# 1. The module as contrib/ipsec: a copy of this working tree.
dest="$tree/contrib/ipsec"
if [ -e "$dest" ] && [ ! -f "$dest/.ns3-ipsec-copy" ]; then
    if [ "$(cd "$dest" && pwd -P)" != "$(cd "$root" && pwd -P)" ]; then
        echo "check-ns3-tree: $dest exists and is not a copy this script made; move it away" >&2
        exit 2
    fi
    echo "  (contrib/ipsec is this repository itself: not copied)"
else
    rm -rf "$dest"
    mkdir -p "$dest"
    (cd "$root" && git ls-files -co --exclude-standard -z | grep -zv '^build' |
        tar --null -T - -cf -) | tar -C "$dest" -xf -
    touch "$dest/.ns3-ipsec-copy"
fi

# Compiler warnings in the module's own files (ns-3's are not ours to count).
module_warnings() {
    grep -E 'contrib/ipsec/.*warning:' "$logs/build.log" | sort -u | wc -l
}

# 2. Configure and build.
if [ "$kind" = cmake ]; then
    build_dir="$tree/build"
    if [ $configure -eq 1 ]; then
        args=(configure --enable-examples --enable-modules="$(IFS=';' && echo "${modules[*]}")")
        [ -n "$profile" ] && args+=(-d "$profile")
        # Only ipsec's examples (ns-3 3.37 and later): the other modules' examples take as
        # long to build as the module and prove nothing about it.
        if grep -q -- --filter-module-examples-and-tests "$tree/ns3"; then
            args+=(--filter-module-examples-and-tests=ipsec)
        fi
        if (cd "$tree" && ./ns3 "${args[@]}") >"$logs/configure.log" 2>&1; then
            step configure ok "./ns3 ${args[*]}"
        else
            step configure FAIL "see $logs/configure.log"
        fi
    fi
    if (cd "$tree" && cmake --build cmake-cache -j "$jobs") >"$logs/build.log" 2>&1; then
        step build ok "$(module_warnings) compiler warnings in the module"
    else
        step build FAIL "$(grep -c 'error:' "$logs/build.log") errors, see $logs/build.log"
    fi
else
    build_dir="$tree/build"
    if [ $configure -eq 1 ]; then
        # --disable-werror: ns-3.35's own core (test.cc) does not build with -Werror under
        # GCC 12, which is newer than that release; the module's warnings are counted below.
        args=(configure --enable-examples --disable-werror
            --enable-modules="$(IFS=',' && echo "${modules[*]}")")
        [ -n "$profile" ] && args+=(-d "$profile")
        if (cd "$tree" && python3 ./waf "${args[@]}") >"$logs/configure.log" 2>&1; then
            step configure ok "./waf ${args[*]}"
        else
            step configure FAIL "see $logs/configure.log"
        fi
    fi
    if (cd "$tree" && python3 ./waf build -j "$jobs") >"$logs/build.log" 2>&1; then
        step build ok "$(module_warnings) compiler warnings in the module"
    else
        step build FAIL "$(grep -c 'error:' "$logs/build.log") errors, see $logs/build.log"
    fi
    # waf's programs find the ns-3 libraries through LD_LIBRARY_PATH (./waf --run sets it).
    export LD_LIBRARY_PATH="$build_dir/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi

# The tree's program for an example: ns3.<version>-<name>-<profile> (CMake and waf both).
tree_program() {
    find "$build_dir" -type f -perm -u+x \( -name "ns3*-$1-*" -o -name "ns3*-$1" \) \
        -path '*ipsec*' 2>/dev/null | head -n1
}

# Every program of the module is built (ns-3's build_lib_example skips, silently, an example
# whose libraries it takes for disabled modules).
expected=(ipsec-site-to-site ipsec-transport ipsec-replay-window ipsec-esp-packet
    ipsec-gateway-throughput ipsec-parallel-workers ipsec-tunnel-corners ipsec-ikev2
    ipsec-ikev1 ipsec-attacks)
[ "$kind" = cmake ] && expected+=(ipsec-bench ipsec-measure-costs)
missing=()
for name in "${expected[@]}"; do
    [ -n "$(tree_program "$name")" ] || missing+=("$name")
done
if [ ${#missing[@]} -eq 0 ]; then
    step "programs" ok "${#expected[@]} built (${expected[*]})"
else
    step "programs" FAIL "not built: ${missing[*]}"
fi

# 3. The GoogleTest suite.
if [ "$kind" = cmake ]; then
    test_bin="$(find "$build_dir" "$tree/cmake-cache" -type f -perm -u+x -name 'ipsec-test' \
        2>/dev/null | head -n1)"
    if [ -z "$test_bin" ]; then
        step "ipsec-test" FAIL "not built (libgtest-dev installed?)"
    else
        work="$(mktemp -d)"
        (cd "$work" && "$test_bin" --gtest_brief=1) >"$logs/ipsec-test.log" 2>&1
        rc=$?
        rm -rf "$work"
        passed="$(sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$logs/ipsec-test.log")"
        total="$(sed -n 's/.*\[==========\] \([0-9]*\) tests from .* ran.*/\1/p' \
            "$logs/ipsec-test.log")"
        if [ $rc -eq 0 ]; then
            step "ipsec-test" ok "${passed:-?}/${total:-?} passed"
        else
            step "ipsec-test" FAIL "${passed:-0}/${total:-?} passed (exit $rc), see $logs/ipsec-test.log"
        fi
    fi
else
    step "ipsec-test" n/a "waf trees do not build the GoogleTest suite"
fi

# 4. Examples against the standalone build.
standalone="${IPSEC_BUILD_DIR:-$root/build}/examples"
if [ ! -x "$standalone/ipsec-site-to-site" ]; then
    echo "  (building the standalone examples for the comparison: scripts/build.sh)"
    "$root/scripts/build.sh" >"$logs/standalone-build.log" 2>&1 ||
        step "standalone build" FAIL "see $logs/standalone-build.log"
fi

# The lines of an example's output that say what was delivered (RTTs left out: they follow
# queueing, not delivery).
delivered() { # delivered NAME < output
    case "$1" in
    ipsec-site-to-site) awk '/^Delivered traffic/{f=1;next} f&&/^$/{f=0} f' |
        sed 's/, mean RTT.*//' ;;
    ipsec-transport) awk '/^Delivered$/{f=1;next} f&&/^$/{f=0} f' | sed 's/, mean RTT.*//' ;;
    ipsec-replay-window) grep -E '^ *[0-9]+ \|' ;;
    *) cat ;; # ipsec-esp-packet: all of it (no ns-3 simulation, one packet)
    esac
}

runs=(
    "ipsec-site-to-site"
    "ipsec-site-to-site --mode=transport --proposal=aes256-sha256"
    "ipsec-site-to-site --protocol=esp+ah --ahProposal=sha256 --esn=1"
    "ipsec-transport"
    "ipsec-transport --mode=tunnel --traffic=tcp"
    "ipsec-replay-window"
    "ipsec-esp-packet"
    "ipsec-tunnel-corners"
    "ipsec-attacks --attack=tamper --protection=esp"
)
for spec in "${runs[@]}"; do
    read -r -a words <<<"$spec"
    name="${words[0]}"
    label="$(echo "$spec" | tr ' ' '_')"
    program="$(tree_program "$name")"
    if [ -z "$program" ]; then
        step "$spec" FAIL "not built in the tree"
        continue
    fi
    mine="$(mktemp -d)"
    ref="$(mktemp -d)"
    (cd "$mine" && "$program" "${words[@]:1}") >"$logs/$label.tree.txt" 2>&1
    rc=$?
    (cd "$ref" && "$standalone/$name" "${words[@]:1}") >"$logs/$label.standalone.txt" 2>&1
    rm -rf "$mine" "$ref"
    if [ $rc -ne 0 ]; then
        step "$spec" FAIL "exit $rc, see $logs/$label.tree.txt"
        continue
    fi
    delivered "$name" <"$logs/$label.tree.txt" >"$logs/$label.tree.delivered"
    delivered "$name" <"$logs/$label.standalone.txt" >"$logs/$label.standalone.delivered"
    if [ ! -s "$logs/$label.tree.delivered" ]; then
        step "$spec" FAIL "no delivered-traffic lines in $logs/$label.tree.txt"
    elif cmp -s "$logs/$label.tree.delivered" "$logs/$label.standalone.delivered"; then
        other="same output"
        cmp -s "$logs/$label.tree.txt" "$logs/$label.standalone.txt" ||
            other="other lines differ: diff $logs/$label.standalone.txt $logs/$label.tree.txt"
        step "$spec" ok "delivered as standalone; $other"
    else
        step "$spec" FAIL "delivered differs from standalone:"
        diff "$logs/$label.standalone.delivered" "$logs/$label.tree.delivered" | sed 's/^/      /'
    fi
done

for check in throughput:ipsec-gateway-throughput workers:ipsec-parallel-workers; do
    program="$(tree_program "${check#*:}")"
    if [ -z "$program" ]; then
        step "${check#*:} claims" FAIL "not built in the tree"
    elif python3 "$root/test/check-engine-examples.py" "${check%%:*}" "$program" \
        >"$logs/${check#*:}-claims.txt" 2>&1; then
        step "${check#*:} claims" ok "test/check-engine-examples.py ${check%%:*}"
    else
        step "${check#*:} claims" FAIL "see $logs/${check#*:}-claims.txt"
    fi
done
program="$(tree_program ipsec-tunnel-corners)"
if [ -z "$program" ]; then
    step "ipsec-tunnel-corners claims" FAIL "not built in the tree"
elif python3 "$root/test/check-corners-example.py" "$program" \
    >"$logs/ipsec-tunnel-corners-claims.txt" 2>&1; then
    step "ipsec-tunnel-corners claims" ok "test/check-corners-example.py"
else
    step "ipsec-tunnel-corners claims" FAIL "see $logs/ipsec-tunnel-corners-claims.txt"
fi
program="$(tree_program ipsec-esp-packet)"
if [ -z "$program" ]; then
    step "example errors" FAIL "ipsec-esp-packet not built in the tree"
else
    # ns3.<version>-ipsec-esp-packet-<profile>: the same prefix and suffix for every example.
    base="$(basename "$program")"
    if python3 "$root/test/check-example-errors.py" "$(dirname "$program")" \
        "${base%%ipsec-esp-packet*}" "${base##*ipsec-esp-packet}" >"$logs/example-errors.txt" 2>&1; then
        step "example errors" ok "test/check-example-errors.py"
    else
        step "example errors" FAIL "see $logs/example-errors.txt"
    fi
fi
for options in "" "--mode=transport" "--protocol=esp+ah"; do
    program="$(tree_program ipsec-site-to-site)"
    if [ -n "$program" ] && python3 "$root/test/check-flagship-claims.py" "$program" $options \
        >"$logs/flagship-claims$options.txt" 2>&1; then
        step "site-to-site claims $options" ok "test/check-flagship-claims.py"
    else
        step "site-to-site claims $options" FAIL "see $logs/flagship-claims$options.txt"
    fi
done
if command -v tshark >/dev/null; then
    program="$(tree_program ipsec-site-to-site)"
    if [ -n "$program" ] && python3 "$root/test/check-example-pcap.py" "$program" \
        >"$logs/pcap.txt" 2>&1; then
        step "site-to-site pcap in tshark" ok "test/check-example-pcap.py"
    else
        step "site-to-site pcap in tshark" FAIL "see $logs/pcap.txt"
    fi
fi

echo
echo "Summary: ns-3 $version ($kind), profile ${profile:-ns-3 default}"
printf '  %s\n' "${summary[@]}"
if [ $failures -ne 0 ]; then
    echo "$failures step(s) failed"
    exit 1
fi
echo "all steps passed"
