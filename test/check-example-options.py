#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Options of the flagship and ipsec-transport do what their help says.

usage: check-example-options.py <ipsec-site-to-site> <ipsec-transport>
"""
import os
import subprocess
import sys
import tempfile


def run(binary, *args, cwd):
    out = subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        sys.exit(f"FAIL: {binary} {' '.join(args)} exited {out.returncode}:\n{out.stderr}")
    return out.stdout


def main():
    site, transport = (os.path.abspath(p) for p in sys.argv[1:3])
    with tempfile.TemporaryDirectory() as work:
        out = run(site, "--keyFile=none", "--tcpBytes=0", cwd=work)
        if "bytes (no limit)" not in out or "/0 bytes" in out:
            sys.exit(f"FAIL: --tcpBytes=0 is 'no limit':\n{out}")
        if "written to" in out or os.listdir(work):
            sys.exit(f"FAIL: --keyFile=none writes no file: {os.listdir(work)}\n{out}")
        print("ok: site-to-site --keyFile=none --tcpBytes=0")
        out = run(transport, cwd=work)
        if "run with --pcap=1, then decrypt" not in out:
            sys.exit(f"FAIL: without --pcap the tshark hint says to add it:\n{out}")
        out = run(transport, "--pcap=1", cwd=work)
        if "run with --pcap=1" in out or "; decrypt hostA's link" not in out:
            sys.exit(f"FAIL: with --pcap=1 the hint is the command alone:\n{out}")
        print("ok: ipsec-transport's tshark hint follows --pcap")


if __name__ == "__main__":
    main()
