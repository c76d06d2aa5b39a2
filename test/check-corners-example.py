#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check what ipsec-tunnel-corners claims in its header comment (RFC 4301 §4.4.1, §6.2, §7, §8).

usage: check-corners-example.py <path to ipsec-tunnel-corners>
"""
import re
import subprocess
import sys


def run(binary, *args):
    out = subprocess.run([binary, *args], capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        sys.exit(f"{binary} {' '.join(args)} failed ({out.returncode}):\n{out.stderr}")
    return out.stdout


def expect(text, pattern, what):
    if not re.search(pattern, text, re.MULTILINE):
        sys.exit(f"FAIL: {what}: /{pattern}/ not in:\n{text}")
    print(f"ok: {what}")


def main():
    binary = sys.argv[1]
    out = run(binary)
    # traceroute, quoted: gwB answers from its WAN address, through the tunnel
    expect(out, r"^  2  10\.2\.2\.2  time exceeded$", "hop 2 is gwB's WAN address")
    expect(out, r"^  3  10\.3\.1\.2  port unreachable$", "hop 3 is hostB")
    expect(out, r"ICMP errors seen in plaintext on the WAN: 0$", "quoted: no ICMP in clear")
    expect(out, r"packets gwB's SA carried back to gwA: 2$", "quoted: both errors in the SA")
    # pmtu: 1500 - 54 = 1446 fits aes128gcm16 in a tunnel, and fills the WAN exactly
    expect(out, r"1500 bytes with DF: +refused by 10\.1\.1\.2, fragmentation needed, MTU 1446$",
           "gwA refuses DF 1500 with MTU 1446")
    expect(out, r"1446 bytes with DF: +delivered; on the WAN 1 ESP packet, largest 1500 bytes$",
           "1446 bytes fill the WAN MTU")
    expect(out, r"1500 bytes without DF: delivered; on the WAN 2 ESP fragments", "no DF: fragmented")
    # fragments: only port 6000's bytes in clear
    expect(out, r"port 5000: 4/4 datagrams delivered whole, 4 protected by gwA", "port 5000 protected")
    expect(out, r"on the WAN: 12032 plaintext UDP bytes", "only port 6000 in clear")
    # default discard
    expect(out, r"router -> hostB, no policy: +0/3 delivered, 3 dropped by gwB as no-policy$",
           "default discard drops uncovered traffic")
    expect(out, r"hostA -> hostB through the tunnel: 3/3 delivered$", "covered traffic passes")

    plain = run(binary, "--scenario=traceroute", "--icmpErrors=plain")
    expect(plain, r"^  2  10\.2\.2\.2  time exceeded$", "plain: hop 2 still answers")
    expect(plain, r"ICMP errors seen in plaintext on the WAN: 1$", "plain: the error in clear")

    pmtu = run(binary, "--scenario=pmtu", "--wanMtu=1400")
    expect(pmtu, r"refused by 10\.1\.1\.2, fragmentation needed, MTU 1346$", "WAN 1400: MTU 1346")
    expect(pmtu, r"1346 bytes with DF: +delivered; on the WAN 1 ESP packet, largest 1400 bytes$",
           "1346 bytes fill 1400")

    bypass = run(binary, "--scenario=default", "--defaultPolicy=bypass")
    expect(bypass, r"router -> hostB, no policy: +3/3 delivered, 0 dropped", "bypass default")

    bad = subprocess.run([binary, "--scenario=nope"], capture_output=True, text=True)
    if bad.returncode == 0 or "unknown --scenario" not in bad.stderr:
        sys.exit("FAIL: an unknown scenario must be refused with a message")
    print("ok: unknown scenario refused")


if __name__ == "__main__":
    main()
