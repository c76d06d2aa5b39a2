#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The README's second command: build everything and run every test with CTest. Arguments go
# to ctest (e.g. -R Esp).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${IPSEC_BUILD_DIR:-$root/build}"
"$root/scripts/build.sh"
cd "$build"
exec ctest --output-on-failure -j"$(nproc)" "$@"
