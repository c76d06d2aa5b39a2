#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Extract the values charon logs while it derives keys and authenticates (loglevel ike 4,
chd 4: "name => N bytes @ addr" followed by a hex dump) into derivations.txt beside each
strongSwan fixture: one line per value, "<IKE SA unique id> <name> <hex>", in log order.
Tests recompute them (DH secret -> SKEYSEED -> SK_*, CHILD SA keys, PSK AUTH) from the
captured messages.

  scripts/strongswan-log-derivations.py LOGDIR FIXTUREDIR   (LOGDIR/<fixture>/left/charon.log)
"""
import os
import re
import sys

HEAD = re.compile(r"<[^|>]*\|(\d+)> (.+?) => (\d+) bytes @ 0x[0-9a-f]+$")
DUMP = re.compile(r"<[^|>]*\|\d+>\s+\d+: ((?:[0-9A-F]{2} ){1,16})")


def extract(log):
    out = []
    current = None
    for line in open(log, errors="replace"):
        line = line.rstrip("\n")
        m = HEAD.search(line)
        if m:
            current = [m.group(1), m.group(2).replace(" ", "_"), int(m.group(3)), ""]
            out.append(current)
            continue
        d = DUMP.search(line)
        if d and current is not None and len(current[3]) < 2 * current[2]:
            current[3] += d.group(1).replace(" ", "").lower()
        else:
            current = None if not d else current
    wanted = ("shared_Diffie_Hellman_secret", "SKEYSEED", "Sk_", "encryption_", "integrity_",
              "octets", "secret", "prf(secret", "AUTH", "nonce",
              # IKEv1 (keymat_v1): SKEYID*, Ka, IVs, HASH_I/R with their input, quick-mode
              # hashes and the SA seeds of KEYMAT
              "SKEYID", "initial_IV", "HASH_", "next_IV", "Hash", "initiator_SA_seed",
              "responder_SA_seed")
    return [o for o in out if o[1].startswith(wanted) and len(o[3]) == 2 * o[2]]


def main():
    logdir, fixtures = sys.argv[1], sys.argv[2]
    for name in sorted(os.listdir(fixtures)):
        log = os.path.join(logdir, name, "left", "charon.log")
        if not os.path.isfile(log):
            continue
        values = extract(log)
        with open(os.path.join(fixtures, name, "derivations.txt"), "w") as f:
            f.write("# values charon (initiator, left) logged while deriving keys and "
                    "authenticating: IKE SA id, name, hex (scripts/strongswan-log-derivations.py)\n")
            for sa, what, _, hexs in values:
                f.write("%s %s %s\n" % (sa, what, hexs))
        print(name, len(values), "values")


if __name__ == "__main__":
    main()
