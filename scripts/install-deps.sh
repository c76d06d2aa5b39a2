#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Install the Debian 12 packages ns3-ipsec needs, only those missing (a second run does
# nothing). Needs root (or sudo) the first time.
#
#   libns3-dev ns3        ns-3 3.37 headers, libraries and CMake config; the config also
#                         checks for the helper binaries that the ns3 package ships
#   libgsl-dev libxml2-dev libsqlite3-dev libpython3.11-dev
#                         libraries and include directories that ns-3's CMake config names
#   libssl-dev            OpenSSL 3 (EVP) for all cryptography
#   libboost-dev          Boost headers
#   libgtest-dev          GoogleTest
#   cmake ninja-build g++ python3   build tools; python3 runs the build-file consistency test
#   tshark                the test that Wireshark decrypts our ESP packets with exported keys
#                         (installed without the setuid dumpcap question: answered "no")
#   gnuplot-nox           the test that renders the gateway-throughput example's plot
#   ike-scan              its psk-crack: the test that it recovers a weak pre-shared key from
#                         ipsec-ikev1's aggressive-mode capture, as our own attack does
set -euo pipefail

PACKAGES=(
    libns3-dev ns3
    libgsl-dev libxml2-dev libsqlite3-dev libpython3.11-dev
    libssl-dev libboost-dev libgtest-dev
    cmake ninja-build g++ python3
    tshark gnuplot-nox ike-scan
)
PACKAGES+=("$@")

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "ns3-ipsec: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then
        SUDO="sudo"
    else
        echo "ns3-ipsec: need root to install: ${missing[*]}" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
if printf '%s\n' "${missing[@]}" | grep -qx tshark; then
    # wireshark-common asks whether non-root users may capture; preseed the default (no).
    echo "wireshark-common wireshark-common/install-setuid boolean false" |
        $SUDO debconf-set-selections
fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
