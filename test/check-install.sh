#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The README's install command and doc/ipsec.rst's "Writing your own simulation": install the
# module from a build directory into a fresh prefix, build doc/my-simulation against the
# installed package (find_package(ns3-ipsec), ns3::libipsec) and run it.
#
# usage: check-install.sh <build directory> <source directory>
set -euo pipefail
build="$1"
src="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null
for f in lib/libns3-ipsec.so include/ns3/ipsec-module.h include/ns3/ipsec-helper.h \
    lib/cmake/ns3-ipsec/ns3-ipsec-config.cmake lib/cmake/ns3-ipsec/ns3-ipsec-targets.cmake; do
    [ -e "$work/prefix/$f" ] || { echo "FAIL: $f not installed" >&2; exit 1; }
done
echo "ok: installed into a fresh prefix"

# The script's project sees only the prefix, not this source tree or build directory.
cp -r "$src/doc/my-simulation" "$work/sim"
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cmake -S "$work/sim" -B "$work/sim/build" "${generator[@]}" -DCMAKE_PREFIX_PATH="$work/prefix" \
    >"$work/configure.log" 2>&1 || { cat "$work/configure.log" >&2; echo "FAIL: configure" >&2; exit 1; }
cmake --build "$work/sim/build" >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; echo "FAIL: build" >&2; exit 1; }
echo "ok: doc/my-simulation builds against find_package(ns3-ipsec)"

out="$("$work/sim/build/my-ipsec-sim" --packets=7)"
echo "$out"
grep -q "^A -> B: esp transport 10.0.0.1->10.0.0.2 .* aes256gcm16, 7 packets accepted$" <<<"$out" &&
    grep -q "^B -> A: esp transport 10.0.0.2->10.0.0.1 .* aes256gcm16, 7 packets accepted$" <<<"$out" ||
    { echo "FAIL: the script's echo exchange was not protected both ways" >&2; exit 1; }
set +e
err="$("$work/sim/build/my-ipsec-sim" --proposal=aes999 2>&1 >/dev/null)"
rc=$?
set -e
if [ $rc -ne 2 ] || ! grep -q '^ns3-ipsec configuration error: ESP proposal "aes999"' <<<"$err"; then
    echo "FAIL: a bad proposal should end with the module's message and exit 2, got $rc: $err" >&2
    exit 1
fi
echo "ok: RunScript ends a bad configuration with exit 2 and the message"
