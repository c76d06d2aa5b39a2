#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The README's first command: build and run the flagship example. Arguments go to the example
# (try --help).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${IPSEC_BUILD_DIR:-$root/build}"
"$root/scripts/build.sh" ipsec-esp-packet >/dev/null
exec "$build/examples/ipsec-esp-packet" "$@"
