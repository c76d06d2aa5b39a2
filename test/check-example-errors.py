#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Bad options end the examples with the module's message and exit code 2, never an abort;
ipsec-esp-packet reads its options whole and checks them.

usage: check-example-errors.py <directory with the example binaries> [name prefix] [suffix]
(in an ns-3 tree the binaries are named ns3.<version>-<example>-<profile>).
"""
import os
import subprocess
import sys
import tempfile

PREFIX = "ns3-ipsec configuration error: "


def binary(directory, name, prefix, suffix):
    path = os.path.abspath(os.path.join(directory, prefix + name + suffix))
    if not os.path.exists(path):
        sys.exit(f"FAIL: {path} does not exist")
    return path


def run(program, args, cwd):
    out = subprocess.run([program, *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    return out.returncode, out.stdout, out.stderr


def refused(program, args, expect, cwd):
    rc, out, err = run(program, args, cwd)
    name = f"{os.path.basename(program)} {' '.join(args)}"
    if rc != 2 or not err.startswith(PREFIX) or expect not in err or "terminate called" in err:
        sys.exit(f"FAIL: {name}: want exit 2 and '{PREFIX}...{expect}', got {rc}:\n{err}{out}")
    print(f"ok: {name} -> {err.strip()}")


def accepted(program, args, expect, cwd):
    rc, out, err = run(program, args, cwd)
    name = f"{os.path.basename(program)} {' '.join(args)}"
    for e in expect:
        if rc != 0 or e not in out:
            sys.exit(f"FAIL: {name}: want exit 0 and '{e}', got {rc}:\n{out}{err}")
    print(f"ok: {name}")


def main():
    directory = sys.argv[1]
    prefix = sys.argv[2] if len(sys.argv) > 2 else ""
    suffix = sys.argv[3] if len(sys.argv) > 3 else ""
    ex = {n: binary(directory, n, prefix, suffix) for n in (
        "ipsec-site-to-site", "ipsec-transport", "ipsec-esp-packet", "ipsec-replay-window",
        "ipsec-parallel-workers", "ipsec-gateway-throughput", "ipsec-ikev2")}
    with tempfile.TemporaryDirectory() as work:
        for name in ("ipsec-site-to-site", "ipsec-transport"):
            p = ex[name]
            refused(p, ["--replayWindow=-1"], "--replayWindow=-1 is out of range: from 0 to 4096",
                    work)
            refused(p, ["--replayWindow=5000"], "from 0 to 4096", work)
            refused(p, ["--ns3::ipsec::SaParameters::ReplayWindow=128"],
                    "--ns3::ipsec::SaParameters::ReplayWindow has no effect in this example, "
                    "which sets it from --replayWindow", work)
            refused(p, ["--proposal=aes999"], "aes999", work)
        refused(ex["ipsec-ikev2"], ["--scenario=bogus"], "--scenario must be establish", work)
        refused(ex["ipsec-site-to-site"], ["--keying=ikev3"],
                "--keying must be manual, ikev2 or ikev1", work)
        refused(ex["ipsec-site-to-site"], ["--keying=ikev1", "--ikev1Mode=quick"],
                "unknown IKEv1 mode \"quick\" (known: main, aggressive)", work)
        refused(ex["ipsec-site-to-site"], ["--keying=ikev1", "--auth=eap-md5"],
                "EAP and Ed25519 need IKEv2", work)
        refused(ex["ipsec-site-to-site"], ["--keying=ikev1", "--ikeProposal=aes128gcm16-prfsha256-modp2048"],
                "aes128gcm16", work)
        refused(ex["ipsec-site-to-site"], ["--keying=ikev2", "--ikeProposal=aes128-sha256"],
                "names no key exchange method", work)
        refused(ex["ipsec-site-to-site"], ["--keying=ikev2", "--protocol=esp+ah"],
                "RFC 7296 has no bundles", work)
        refused(ex["ipsec-site-to-site"],
                ["--keying=ikev1", "--protocol=esp+ah", "--ahProposal=aes128-sha256"],
                "AH only authenticates", work)
        refused(ex["ipsec-replay-window"], ["--holdEvery=1"], "--holdEvery must be at least 2",
                work)
        refused(ex["ipsec-replay-window"], ["--ns3::ipsec::SaParameters::Esn=true"],
                "which sets it from --esn", work)
        refused(ex["ipsec-parallel-workers"], ["--large=100000"], "65507", work)
        refused(ex["ipsec-parallel-workers"], ["--ns3::ipsec::CryptoEngine::Workers=4"],
                "which sets it from --workers", work)
        table = os.path.join(work, "costs.txt")
        with open(table, "w") as f:
            f.write("esp/aes128gcm16/out 2000 1\nesp/aes128gcm16/in 2000 1\n")
        accepted(ex["ipsec-gateway-throughput"],
                 [f"--ns3::ipsec::CryptoEngine::TableFile={table}", "--steps=1",
                  "--duration=0.05", "--warmup=0.05", f"--prefix={work}/gt"],
                 [f"(cost table {table} x "], work)
        p = ex["ipsec-esp-packet"]
        refused(p, ["--spi=-1"], "--spi='-1' is not a number from 256 to 4294967295", work)
        refused(p, ["--spi=12"], "from 256", work)
        refused(p, ["--spi=0"], "from 256", work)
        refused(p, ["--nextHeader=300"], "--nextHeader='300' is not a number from 0 to 255", work)
        refused(p, ["--seq=0"], "--seq='0'", work)
        refused(p, ["--seq=4294967301"], "needs ESN", work)
        accepted(p, ["--spi=0x1234"], ["SPI                     [  0..  4) 00 00 12 34"], work)
        accepted(p, ["--payload=hello world"], ['payload "hello world"'], work)
        accepted(p, ["--nextHeader=0x3b"], ["next header 59"], work)
        accepted(p, ["--proposal=aes128gcm16-esn", "--seq=0x100000005"],
                 ["ESN high 32 bits        (not sent) 0x00000001",
                  "Sequence Number         [  4..  8) 00 00 00 05"], work)
        accepted(p, ["--proposal=null-sha256"], ["Payload+trailer (clear)"], work)
        rc, out, err = run(p, ["--PrintHelp"], work)
        if "[Hello from ns3-ipsec!]" not in out or "[0xc0ffee01]" not in out:
            sys.exit(f"FAIL: the help shows the defaults used:\n{out}")
        print("ok: ipsec-esp-packet --PrintHelp shows the defaults used")


if __name__ == "__main__":
    main()
