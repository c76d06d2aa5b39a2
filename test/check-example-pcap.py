#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The README's tshark commands decrypt the flagship example's pcap with the key file it writes.

Runs ipsec-site-to-site --pcap=1 in a fresh directory, then both ways the README shows:
1. the tshark command the example prints (keys inline as -o uat:esp_sa:...),
2. the key file copied into a Wireshark configuration directory (WIRESHARK_CONFIG_DIR).
Every ESP frame of the WAN capture must decrypt to an inner IPv4 packet with its ICV checked
good, and no frame may be malformed. With --keying=ikev2 the example also writes the IKEv2
decryption table and its tshark command loads it: every IKE message after IKE_SA_INIT must
decrypt, with no integrity checksum reported incorrect.

usage: check-example-pcap.py <path to ipsec-site-to-site> [example args...]
"""
import collections
import os
import shlex
import subprocess
import sys
import tempfile

PCAP = "ipsec-site-to-site-3-1.pcap"  # router side of the gwA-router link: the WAN


def fields(cmd, env=None):
    """Run tshark printing frame.protocols and esp.icv_good for each ESP frame."""
    out = subprocess.run(cmd + ["-Y", "esp", "-T", "fields", "-e", "frame.protocols",
                                "-e", "esp.icv_good"],
                         check=True, capture_output=True, text=True, env=env).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def check(rows, how):
    counts = collections.Counter(tuple(r) for r in rows)
    print(f"{how}: {len(rows)} ESP frames")
    for (protocols, icv), n in sorted(counts.items()):
        print(f"  {n:6} {protocols} icv_good={icv}")
    # tunnel mode: an inner IPv4 packet; transport mode: the segment itself
    bad = [r for r in rows
           if not any(f":esp:{p}" in r[0] for p in ("ip", "udp", "tcp", "icmp")) or r[1] != "1"]
    if len(rows) < 100 or bad:  # transport mode protects UDP and ping only: 151 frames
        sys.exit(f"FAIL ({how}): {len(rows)} ESP frames, {len(bad)} not decrypted/verified: "
                 f"{bad[:5]}")


def check_ike(cmd):
    """Every IKE message but IKE_SA_INIT (exchange 34) decrypts; no checksum is incorrect."""
    def frames(flt):
        out = subprocess.run(cmd + ["-Y", flt, "-T", "fields", "-e", "frame.number"],
                             check=True, capture_output=True, text=True).stdout
        return out.split()
    ike = frames("isakmp")
    encrypted = frames("isakmp && isakmp.exchangetype != 34")
    decrypted = frames("isakmp.enc.decrypted")
    bad = frames("isakmp.ikev2.integrity_checksum || _ws.expert.severity >= warning && isakmp")
    print(f"IKE: {len(ike)} messages, {len(encrypted)} encrypted, {len(decrypted)} decrypted, "
          f"{len(bad)} with warnings")
    if len(encrypted) < 2 or decrypted != encrypted or bad:
        sys.exit(f"FAIL (IKE): encrypted frames {encrypted}, decrypted {decrypted}, "
                 f"warnings in {bad}")


def wireshark_env(work):
    """The README's second way: the flagship's key file (in work) as the esp_sa table of a
    Wireshark configuration directory work/wireshark, decryption and ICV checks on; returns the
    environment that points tshark at it."""
    conf = os.path.join(work, "wireshark")
    os.mkdir(conf)
    with open(os.path.join(work, "ipsec-site-to-site.esp_sa")) as src, \
            open(os.path.join(conf, "esp_sa"), "w") as dst:
        dst.write(src.read())
    with open(os.path.join(conf, "preferences"), "w") as prefs:
        prefs.write("esp.enable_encryption_decode: TRUE\n"
                    "esp.enable_authentication_check: TRUE\n")
    return dict(os.environ, WIRESHARK_CONFIG_DIR=conf)


def main():
    example = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as work:
        run = subprocess.run([example, "--pcap=1", "--simTime=4"] + sys.argv[2:], cwd=work,
                             check=True, capture_output=True, text=True)
        printed = [l.strip() for l in run.stdout.splitlines() if l.strip().startswith("tshark -r")]
        if len(printed) != 1:
            sys.exit("FAIL: the example did not print one tshark command:\n" + run.stdout)
        # 1. The printed command, as `sh decrypt.sh` runs it.
        inline = shlex.split(printed[0])
        inline = [os.path.join(work, a) if a == PCAP else a for a in inline]
        check(fields(inline), "inline keys")
        if "--keying=ikev2" in sys.argv[2:]:
            check_ike(inline)
        # 2. The key file as a configuration directory's esp_sa table.
        env = wireshark_env(work)
        pcap = os.path.join(work, PCAP)
        check(fields(["tshark", "-r", pcap], env), "WIRESHARK_CONFIG_DIR")
        malformed = subprocess.run(["tshark", "-r", pcap, "-Y", "_ws.malformed"], env=env,
                                   check=True, capture_output=True, text=True).stdout
        if malformed.strip():
            sys.exit("FAIL: malformed frames:\n" + malformed)
    print("PASS")


if __name__ == "__main__":
    main()
