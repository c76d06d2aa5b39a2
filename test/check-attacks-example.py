#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check what ipsec-attacks claims in its header comment, from its own CSV.

usage: check-attacks-example.py <path to ipsec-attacks>
"""
import csv
import os
import subprocess
import sys
import tempfile

HEADER = "attack,protection,injected,accepted,dropped,reason,plaintext_bytes_seen"
INTEGRITY = ["esp", "esp-null", "ah", "esp+ah", "esp-w0", "esp-w32", "esp-w1024",
             "esp-transport", "ah-transport"]
TRANSPORT = ["esp-transport", "ah-transport"]
ENCRYPTED = ["esp", "esp-enc-only", "esp+ah", "esp-w0", "esp-w32", "esp-w1024", "esp-transport"]
DATAGRAMS = 100


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "attacks.csv")
        out = subprocess.run([binary, f"--csv={path}"], capture_output=True, text=True,
                             timeout=600)
        if out.returncode != 0:
            sys.exit(f"FAIL: {binary} exited {out.returncode}:\n{out.stderr}")
        with open(path) as f:
            text = f.read()
    if text.splitlines()[0] != HEADER:
        sys.exit(f"FAIL: CSV header {text.splitlines()[0]!r} != {HEADER!r}")
    rows = {(r["attack"], r["protection"]): r for r in csv.DictReader(text.splitlines())}
    failures = []

    def check(ok, what):
        print(("ok: " if ok else "FAIL: ") + what)
        if not ok:
            failures.append(what)

    def n(attack, protection, column):
        return int(rows[(attack, protection)][column])

    for p in INTEGRITY:
        for attack in ("tamper", "spoof"):
            check(n(attack, p, "injected") > 0 and n(attack, p, "accepted") == 0
                  and n(attack, p, "dropped") == n(attack, p, "injected"),
                  f"integrity ({p}) stops {attack}: all {n(attack, p, 'injected')} dropped")
    for attack in ("tamper", "spoof", "replay"):
        check(n(attack, "none", "accepted") == n(attack, "none", "injected") > 0,
              f"without IPsec every {attack} is accepted")
    for p in ("esp", "ah", "esp+ah", "esp-w32", "esp-w1024") + tuple(TRANSPORT):
        check(n("replay", p, "accepted") == 0 and rows[("replay", p)]["reason"] == "replay",
              f"the replay window ({p}) stops replays")
    check(n("replay", "esp-w0", "accepted") == n("replay", "esp-w0", "injected") > 0,
          "without a window (esp-w0) every replay is delivered")
    check(n("reorder", "esp-w32", "dropped") > 0
          and rows[("reorder", "esp-w32")]["reason"] == "replay",
          "a 32-packet window drops valid reordered packets as replays")
    check(n("reorder", "esp-w1024", "dropped") == 0,
          "a 1024-packet window keeps every reordered packet")
    check(n("tamper", "esp-enc-only", "accepted") == n("tamper", "esp-enc-only", "injected") > 0
          and n("tamper", "esp-enc-only", "dropped") == 0,
          "encryption without integrity delivers every flipped bit")
    check(n("tamper-source", "ah", "accepted") == 0
          and n("tamper-source", "ah", "dropped") == n("tamper-source", "ah", "injected") > 0,
          "AH protects the outer addresses")
    check(n("tamper-source", "ah-transport", "accepted") == 0
          and rows[("tamper-source", "ah-transport")]["reason"] == "icv-failure"
          and n("tamper-source", "ah-transport", "dropped")
          == n("tamper-source", "ah-transport", "injected") > 0,
          "AH in transport mode: a changed source fails the ICV")
    check(n("tamper-source", "esp", "accepted") == n("tamper-source", "esp", "injected") > 0,
          "ESP (tunnel) does not protect the outer addresses: every changed one is delivered")
    check(rows[("tamper-source", "esp-transport")]["reason"] == "policy-mismatch"
          and n("tamper-source", "esp-transport", "dropped")
          == n("tamper-source", "esp-transport", "injected") > 0,
          "ESP in transport mode does not protect the addresses either: a changed source "
          "passes the ICV and only the SA's selector check drops it (policy-mismatch)")
    for p in ENCRYPTED:
        check(n("eavesdrop", p, "plaintext_bytes_seen") == 0,
              f"an eavesdropper reads nothing of {p}")
    for p in ("none", "esp-null", "ah", "ah-transport"):
        check(n("eavesdrop", p, "plaintext_bytes_seen") > 0,
              f"an eavesdropper reads {p} ({n('eavesdrop', p, 'plaintext_bytes_seen')} bytes)")
    for p in sorted({p for (a, p) in rows if a == "eavesdrop-keys"}):
        # Tunnel mode: each inner datagram, 20 + 8 + 200 bytes; else the UDP datagram.
        each = 208 if p == "none" or p in TRANSPORT else 228
        check(n("eavesdrop-keys", p, "plaintext_bytes_seen") == DATAGRAMS * each,
              f"with the victims' key file an eavesdropper reads everything of {p} "
              f"({DATAGRAMS} x {each} bytes)")
    for attack, reason in (("ike-delete", "not-encrypted"), ("ike-delete-sk", "integrity-failed")):
        check(n(attack, "ikev2", "accepted") == 0
              and n(attack, "ikev2", "dropped") == n(attack, "ikev2", "injected") > 0
              and rows[(attack, "ikev2")]["reason"] == reason,
              f"a forged IKE DELETE ({attack}) is dropped as {reason}, nothing deleted")
    check(n("ike-replay", "ikev2", "injected") > 0 and n("ike-replay", "ikev2", "accepted") == 0
          and n("ike-replay", "ikev2", "dropped") > 0,
          "replayed IKE messages get the cached response or nothing: no extra IKE SA")
    check(n("ike-mitm", "ikev2", "accepted") == 0 and n("ike-mitm", "ikev2", "dropped") > 0
          and rows[("ike-mitm", "ikev2")]["reason"] == "AUTHENTICATION_FAILED",
          "a man in the middle without the PSK fails authentication")
    check(n("ike-mitm-psk", "ikev2", "accepted") == 1
          and n("ike-mitm-psk", "ikev2", "plaintext_bytes_seen") >= DATAGRAMS * 228,
          "with the PSK the man in the middle holds gwA's tunnel and reads all of its traffic")
    if failures:
        sys.exit(f"{len(failures)} claim(s) failed")


if __name__ == "__main__":
    main()
