#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write payloads.txt beside each strongSwan fixture: per IKE frame, the payloads tshark
dissected (type, and the message type of a Notify), outside and inside the Encrypted payload,
from the fixture's JSON (scripts/ikev2-fixture-json.py). test/ikev2-fixture-test.cc compares
the module's parser and SK codec with it, so the C++ test needs neither tshark nor a JSON
library. Run from the repository root: scripts/ikev2-fixture-payloads.py"""
import glob
import json
import os


def describe(payloads):
    out = []
    for p in payloads:
        notify = [v for k, v in p.get("fields", []) if k == "isakmp.notify.msgtype"]
        out.append("%d:%s" % (p["type"], notify[0]) if notify else str(p["type"]))
    return " ".join(out)


for path in sorted(glob.glob("test/data/ikev2/*/*.json")):
    fixture = json.load(open(path))
    lines = ["# frame | payload types (41:n = Notify of message type n) | payload types inside "
             "the Encrypted payload; from tshark's dissection (scripts/ikev2-fixture-payloads.py)"]
    for f in fixture["frames"]:
        if f["kind"] != "ike":
            continue
        outer = f["payloads"]
        inner = [q for p in outer if p["type"] == 46 for q in p.get("payloads", [])]
        lines.append("%d | %s | %s" % (f["frame"], describe(outer), describe(inner)))
    with open(os.path.join(os.path.dirname(path), "payloads.txt"), "w") as out:
        out.write("\n".join(lines) + "\n")
    print(path, len(lines) - 1, "IKE frames")
