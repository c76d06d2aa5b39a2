#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""ipsec-ikev1 does what its header says: main mode in six messages, aggressive mode in three,
then quick mode; traffic crosses the tunnel; the eavesdropper reads the identities in the clear
only in aggressive mode and recovers a weak pre-shared key only there (ike-scan's psk-crack finds
the same key in the line the example writes), not a strong one; with --pcap=1 and --keyFile,
tshark decrypts every IKEv1 message and every ESP packet of each mode's capture. And
ipsec-site-to-site --keying=ikev1 (both modes, PFS; RSA signatures; DES-MD5-MODP1024; an ESP+AH
bundle; AH alone in transport mode) delivers its traffic and its pcap decrypts.

usage: check-ikev1-example.py <path to ipsec-ikev1> <path to ipsec-site-to-site>
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile


def run(example, work, *args):
    return subprocess.run([example, *args], cwd=work, check=True, capture_output=True,
                          text=True).stdout


def expect(cond, what, out):
    if not cond:
        sys.exit(f"FAIL: {what}\n{out}")
    print(f"ok: {what}")


def row(out, mode):
    m = re.search(rf"^  {mode}\s+(\d+)\s+([\d.]+)\s+([\d.]+) ms\s+([\d.]+) ms\s+(\w+)\s+(.*)$",
                  out, re.M)
    return m.groups() if m else None


def tshark_frames(args, work, flt, field="frame.number"):
    return subprocess.run(args + ["-Y", flt, "-T", "fields", "-e", field], cwd=work, check=True,
                          capture_output=True, text=True).stdout.split()


def main():
    ikev1 = os.path.abspath(sys.argv[1])
    site = os.path.abspath(sys.argv[2])
    for tool in ("tshark", "psk-crack"):
        if not shutil.which(tool):
            sys.exit(f"FAIL: {tool} is missing; scripts/install-deps.sh installs it")
    with tempfile.TemporaryDirectory() as work:
        out = run(ikev1, work, "--pskCrackFile=agg.psk")
        main_row = row(out, "main")
        agg_row = row(out, "aggressive")
        expect(main_row and main_row[0] == "6" and main_row[1] == "3",
               "main mode: 6 phase-1 messages, 3 round trips", out)
        expect(agg_row and agg_row[0] == "3" and agg_row[1] == "1.5",
               "aggressive mode: 3 phase-1 messages, 1.5 round trips", out)
        expect(float(agg_row[2]) < float(main_row[2]) and float(agg_row[3]) < float(main_row[3]),
               "aggressive mode's SAs come up sooner", out)
        expect(main_row[4] == "no" and main_row[5].startswith("no (nothing to test)"),
               "main mode: no identity in the clear, nothing to test a guess against", out)
        expect(agg_row[4] == "yes" and agg_row[5].strip() == "yes",
               "aggressive mode: identities in the clear, the weak key found", out)
        expect("HASH_R of message 2 matched the key 'letmein'" in out,
               "the dictionary attack names the key", out)
        expect(out.count("20/20 datagrams delivered") == 2, "traffic crosses in both modes", out)
        for name in ("ipsec-ikev1-main.svg", "ipsec-ikev1-aggressive.svg"):
            with open(os.path.join(work, name)) as f:
                svg = f.read()
            expect(svg.startswith("<svg") and "QUICK_MODE" in svg, f"{name} drawn", "")
        with open(os.path.join(work, "words"), "w") as f:
            f.write("password\nsecret\nletmein\nvpn\n")
        crack = subprocess.run(["psk-crack", "-d", "words", "agg.psk"], cwd=work,
                               capture_output=True, text=True).stdout
        expect('key "letmein" matches SHA1 hash' in crack,
               "ike-scan's psk-crack recovers the key from the example's capture", crack)

        out = run(ikev1, work, "--psk=x7#Qv!9zR2p$Lk0w", "--chart=0")
        agg_row = row(out, "aggressive")
        expect(agg_row and agg_row[5].strip() == "testable, not found",
               "a strong key: testable, but not in the dictionary", out)

        out = run(ikev1, work, "--espProposal=aes128-sha1-modp2048", "--pcap=1",
                  "--keyFile=k.esp_sa", "--chart=0")
        for mode in ("main", "aggressive"):
            cmd = [l.strip() for l in out.splitlines()
                   if l.strip().startswith(f"tshark -r ipsec-ikev1-{mode}")]
            expect(len(cmd) == 1, f"{mode}: a tshark command", out)
            args = shlex.split(cmd[0])
            encrypted = tshark_frames(args, work, "isakmp.flags == 1")
            decrypted = tshark_frames(args, work, "isakmp.flags == 1 && isakmp.typepayload in {5, 6, 8, 9}")
            expect(len(encrypted) == (5 if mode == "main" else 4) and encrypted == decrypted,
                   f"{mode}: {len(decrypted)}/{len(encrypted)} encrypted IKEv1 messages decrypt "
                   "(their ID, CERT, HASH or SIG payloads read)", out)
            pfs = tshark_frames(args, work, "isakmp.exchangetype == 32 && isakmp.typepayload == 4")
            expect(len(pfs) == 2, f"{mode}: quick mode carries KE payloads (PFS)", out)
            esp = tshark_frames(args, work, "esp")
            inner = tshark_frames(args, work, "esp && udp.dstport == 9")
            expect(len(esp) == 20 and inner == esp,
                   f"{mode}: {len(inner)}/{len(esp)} ESP packets decrypt to the UDP flow", out)
            bad = tshark_frames(args, work, "_ws.malformed || _ws.expert.severity >= 8388608")
            expect(not bad, f"{mode}: nothing malformed", out)

        bundle = ["--protocol=esp+ah", "--ahProposal=sha256"]
        for mode, auth, ike, esp, extra in (
                ("main", "psk", "aes128-sha256-modp2048", "aes128-sha256-modp2048", []),
                ("aggressive", "psk", "aes128-sha256-modp2048", "aes128-sha256-modp2048", []),
                ("main", "rsa", "aes128-sha256-modp2048", "aes128-sha256-modp2048", []),
                ("main", "psk", "des-md5-modp1024", "des-md5", []),
                ("main", "psk", "aes128-sha256-modp2048", "aes128-sha256", bundle),
                ("main", "psk", "aes128-sha256-modp2048", "sha256",
                 ["--mode=transport", "--protocol=ah"])):
            out = run(site, work, "--keying=ikev1", f"--ikev1Mode={mode}", f"--auth={auth}",
                      f"--ikeProposal={ike}", f"--espProposal={esp}", "--pcap=1",
                      f"--keyFile=s2s-{mode}.esp_sa", *extra)
            mode = f"{mode} {auth} {ike} {' '.join(extra)}".strip()
            if auth == "rsa":
                expect("ID_PROT request 0 [ ID CERT SIG N(INITIAL_CONTACT) ]" in out,
                       "site-to-site --auth=rsa: main mode with certificates and signatures", out)
            expect("20/20 datagrams of 3000 B" in out and "1000000/1000000 bytes" in out,
                   f"site-to-site {mode}: UDP and TCP cross the negotiated tunnel", out)
            with open(os.path.join(work, f"s2s-{mode.split()[0]}.ikev1_keys")) as f:
                keys = f.read().splitlines()
            expect(keys[0] == "initiator_cookie,responder_cookie,skeyid,skeyid_d,skeyid_a,"
                   "skeyid_e,prf" and len(keys) == 2 and
                   keys[1].endswith(",hmac-md5" if "md5" in ike else ",hmac-sha256"),
                   f"site-to-site {mode}: the ikev1_keys file", "\n".join(keys))
            cmd = [l.strip() for l in out.splitlines() if l.strip().startswith("tshark -r")]
            args = shlex.split(cmd[0])
            encrypted = tshark_frames(args, work, "isakmp.flags == 1")
            decrypted = tshark_frames(args, work, "isakmp.flags == 1 && isakmp.typepayload in {5, 6, 8, 9}")
            expect(encrypted and encrypted == decrypted,
                   f"site-to-site {mode}: {len(decrypted)}/{len(encrypted)} IKEv1 messages "
                   "decrypt", out)
            if "--protocol=ah" in extra:
                # AH alone, transport mode: nothing to decrypt; every AH packet carries the
                # hosts' UDP or ping in the clear.
                ah = tshark_frames(args, work, "ah")
                expect(ah and tshark_frames(args, work, "ah && (udp || icmp)") == ah and
                       not tshark_frames(args, work, "esp"),
                       f"site-to-site {mode}: {len(ah)} AH packets, UDP and ping inside", out)
                continue
            # A decrypted ESP packet shows its inner IP header: two ip.src values.
            sources = tshark_frames(args, work, "esp", "ip.src")
            expect(sources and all("," in s for s in sources),
                   f"site-to-site {mode}: all {len(sources)} ESP packets decrypt", out)
            if extra:
                # Quick mode's SA payloads (decrypted): proposal #1 twice, ESP (3) then AH (2);
                # every ESP packet travels inside AH.
                protos = tshark_frames(args, work, "isakmp.exchangetype == 32 && isakmp.prop.protoid",
                                       "isakmp.prop.protoid")
                numbers = tshark_frames(args, work, "isakmp.exchangetype == 32 && isakmp.prop.number",
                                        "isakmp.prop.number")
                expect(len(protos) == 2 and all(p == "3,2" for p in protos) and
                       all(n == "1,1" for n in numbers),
                       f"site-to-site {mode}: quick mode offers and answers ESP and AH under "
                       "one proposal number", f"{protos} {numbers}")
                expect(tshark_frames(args, work, "esp") == tshark_frames(args, work, "ah && esp")
                       and tshark_frames(args, work, "ah") == tshark_frames(args, work, "esp"),
                       f"site-to-site {mode}: every ESP packet is inside AH", out)
    print("PASS")


if __name__ == "__main__":
    main()
