#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The README's first command: build and run the flagship example, ipsec-site-to-site.
# Arguments go to the example (try --help). It runs in the current directory, where it writes
# its key file (and pcaps with --pcap=1).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${IPSEC_BUILD_DIR:-$root/build}"
"$root/scripts/build.sh" ipsec-site-to-site >/dev/null
exec "$build/examples/ipsec-site-to-site" "$@"
