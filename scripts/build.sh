#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Configure (once) and build ns3-ipsec in build/ (override with IPSEC_BUILD_DIR). Extra
# arguments are CMake target names. IPSEC_CMAKE_ARGS adds configure options, e.g.
# IPSEC_CMAKE_ARGS="-DIPSEC_SANITIZE=ON" IPSEC_BUILD_DIR=build-asan scripts/build.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${IPSEC_BUILD_DIR:-$root/build}"

"$root/scripts/install-deps.sh"
if [ ! -f "$build/build.ninja" ]; then
    # shellcheck disable=SC2086
    cmake -S "$root" -B "$build" -G Ninja -DIPSEC_WERROR=ON ${IPSEC_CMAKE_ARGS:-} >/dev/null
fi
cmake --build "$build" -- ${1+"$@"}
