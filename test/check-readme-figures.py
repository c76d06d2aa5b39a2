#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The README's figures are what the flagship prints and what tshark shows of its capture.

Runs ipsec-site-to-site --pcap=1 (the README's first example run) in a fresh directory and
compares with the README, so that the figures fail this test when they drift:
1. the sample output from its first line to "Protected packets lost ...", line by line;
2. the decrypted tshark listing's frames the README shows (1-8 and 21);
3. the per-protocol counts of decrypted ESP frames (the `sort | uniq -c` block).
The figures are those of Debian's ns-3 3.37 (other releases' TCP differs): standalone builds.

usage: check-readme-figures.py <path to ipsec-site-to-site> <README.md>
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from importlib import import_module  # noqa: E402

# The Wireshark configuration directory the README describes, as check-example-pcap.py makes it.
wireshark_env = import_module("check-example-pcap").wireshark_env


def blocks(readme):
    """The README's fenced code blocks."""
    return re.findall(r"```[a-z]*\n(.*?)```", readme, flags=re.S)


def block_starting(readme, start):
    found = [b for b in blocks(readme) if b.lstrip().startswith(start)]
    if len(found) != 1:
        sys.exit(f"FAIL: the README has {len(found)} code blocks starting with {start!r}")
    return found[0]


def compare(what, expected, actual):
    if expected != actual:
        diff = "\n".join(f"  README: {e!r}\n  actual: {a!r}" for e, a in
                         zip(expected + [""] * len(actual), actual + [""] * len(expected))
                         if e != a)
        sys.exit(f"FAIL: {what} drifted from the README; update it:\n{diff}")
    print(f"ok: {what} ({len(expected)} lines)")


def main():
    example = os.path.abspath(sys.argv[1])
    with open(sys.argv[2]) as f:
        readme = f.read()
    with tempfile.TemporaryDirectory() as work:
        out = subprocess.run([example, "--pcap=1"], cwd=work, check=True, capture_output=True,
                             text=True).stdout.splitlines()
        sample = block_starting(readme, "ipsec-site-to-site: tunnel mode").splitlines()
        end = next(i for i, l in enumerate(sample) if l.startswith("Protected packets lost"))
        compare("the flagship's sample output", sample[:end + 1], out[:end + 1])

        env = wireshark_env(work)
        pcap = "ipsec-site-to-site-3-1.pcap"

        listing = subprocess.run(["tshark", "-r", pcap], cwd=work, env=env, check=True,
                                 capture_output=True, text=True).stdout.splitlines()
        frames = {l.split()[0]: " ".join(l.split()) for l in listing if l.strip()}
        shown = [" ".join(l.split()) for l in
                 block_starting(readme, "1   0.000000").splitlines() if l.strip() != "..."]
        compare("the decrypted frames the README lists", shown,
                [frames.get(l.split()[0], "(no such frame)") for l in shown])

        rows = subprocess.run(["tshark", "-r", pcap, "-Y", "esp", "-T", "fields", "-e",
                               "frame.protocols", "-e", "esp.icv_good"], cwd=work, env=env,
                              check=True, capture_output=True, text=True).stdout.splitlines()
        counts = {}
        for r in rows:
            counts[r] = counts.get(r, 0) + 1
        actual = [f"{n} {r}" for r, n in sorted(counts.items())]
        counted = block_starting(readme, "$ WIRESHARK_CONFIG_DIR=wireshark tshark").splitlines()
        # The block's first two lines are the command; then "  count protocols<TAB>icv".
        expected = [" ".join(l.split()) for l in counted[2:] if l.strip()]
        compare("the decrypted ESP frames per protocol", expected,
                [" ".join(a.split()) for a in actual])


if __name__ == "__main__":
    main()
