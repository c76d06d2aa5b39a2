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

        # --xfrmFile=PREFIX: one valid shell script per node with IPsec (hostA, hostB), of
        # ip xfrm commands; --wiresharkVersion=4.2 writes a ChaCha20-Poly1305 line.
        out = run(transport, "--proposal=chacha20poly1305", "--xfrmFile=x",
                  "--wiresharkVersion=4.2", "--keyFile=k.esp_sa", "--traffic=udp", cwd=work)
        scripts = sorted(f for f in os.listdir(work) if f.startswith("x-") and f.endswith(".sh"))
        if len(scripts) != 2 or "ip xfrm scripts" not in out:
            sys.exit(f"FAIL: --xfrmFile=x writes x-<node>.sh for both hosts: {scripts}\n{out}")
        for name in scripts:
            path = os.path.join(work, name)
            if subprocess.run(["sh", "-n", path]).returncode != 0:
                sys.exit(f"FAIL: {name} is not valid shell")
            text = open(path).read()
            if "aead 'rfc7539esp(chacha20,poly1305)' 0x" not in text or \
                    text.count("ip xfrm state add") != 2 or text.count("ip xfrm policy add") != 2:
                sys.exit(f"FAIL: {name} lacks the ChaCha20 SAs or the policies:\n{text}")
        keys = open(os.path.join(work, "k.esp_sa")).read()
        if '"ChaCha20 with Poly1305 [RFC7634]"' not in keys or "4.2" not in keys.split("\n")[0]:
            sys.exit(f"FAIL: --wiresharkVersion=4.2 writes the ChaCha20 line:\n{keys}")
        out = subprocess.run([transport, "--wiresharkVersion=3.6"], cwd=work,
                             capture_output=True, text=True, timeout=300)
        if out.returncode != 2 or "4.2" not in out.stderr:
            sys.exit(f"FAIL: --wiresharkVersion=3.6 is refused with a hint:\n{out.stderr}")
        print("ok: --xfrmFile and --wiresharkVersion")


if __name__ == "__main__":
    main()
