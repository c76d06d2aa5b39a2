#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""ipsec-ikev2 does what its scenarios say: establishment, an hour of rekeys with PFS, a rekey
collision, dead peer detection and a wrong pre-shared key, a half-open flood with and without
cookies, certificates and EAP (--auth) with a wrong EAP password, IKE fragmentation, a burst of road warriors; its files
are written, and with
--pcap=1 its tshark command decrypts every IKE message after IKE_SA_INIT and every ESP packet.

usage: check-ikev2-example.py <path to ipsec-ikev2>
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile


def run(example, work, *args):
    out = subprocess.run([example, *args], cwd=work, check=True, capture_output=True,
                         text=True).stdout
    return out


def expect(cond, what, out):
    if not cond:
        sys.exit(f"FAIL: {what}\n{out}")
    print(f"ok: {what}")


def delivered(out):
    m = re.search(r"UDP hostA -> hostB: (\d+)/(\d+) datagrams delivered", out)
    return int(m.group(1)), int(m.group(2))


def main():
    example = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as work:
        out = run(example, work)
        expect("|-- IKE_SA_INIT request 0 [ SA KE No ]" in out and
               "IKE_AUTH response 1 [ IDr AUTH SA TSi TSr ] --|" in out, "establish: the chart",
               out)
        got, sent = delivered(out)
        expect(got == sent and sent > 0, f"establish: {got}/{sent} delivered", out)
        expect(os.path.getsize(os.path.join(work, "ipsec-ikev2-chart.svg")) > 1000,
               "establish: the SVG chart", out)

        out = run(example, work, "--scenario=rekeys", "--pfs=1")
        child = len(re.findall(r"rekeyed the CHILD SA", out))
        ike = len(re.findall(r"gwA has a rekeyed IKE SA", out))
        expect(5 <= child <= 7 and ike == 2, f"rekeys: {child} CHILD and {ike} IKE SA rekeys "
               "in the hour", out)
        got, sent = delivered(out)
        expect(got == sent == 3599, f"rekeys: {got}/{sent} delivered", out)
        expect("CHILD SAs: gwA 1, gwB 1" in out, "rekeys: one CHILD SA left each end", out)
        with open(os.path.join(work, "ipsec-ikev2-rekeys.dat")) as f:
            points = [l for l in f if not l.startswith("#")]
        expect(len(points) == child + 2 * ike, "rekeys: the timeline's data", out)
        if shutil.which("gnuplot"):
            subprocess.run(["gnuplot", "ipsec-ikev2-rekeys.gnuplot"], cwd=work, check=True)
            expect(os.path.exists(os.path.join(work, "ipsec-ikev2-rekeys.svg")),
                   "rekeys: gnuplot draws the timeline", out)

        out = run(example, work, "--scenario=collision")
        expect(out.count("rekeyed the CHILD SA") == 2 and
               "IKE SAs at the end: gwA 1, gwB 1; CHILD SAs: gwA 1, gwB 1" in out,
               "collision: both rekeys complete, one IKE SA and one CHILD SA left", out)
        got, sent = delivered(out)
        expect(got == sent, f"collision: {got}/{sent} delivered", out)

        out = run(example, work, "--scenario=dpd")
        expect(out.count("INFORMATIONAL request 2 [ ] (retransmission") == 5 and
               "gwA IKE SA FAILED" in out, "dpd: the dead peer is given up", out)

        out = run(example, work, "--scenario=wrongpsk")
        expect("IKE_AUTH response 1 [ N(AUTH_FAILED) ]" in out and
               "IKE SAs at the end: gwA 0, gwB 0" in out, "wrongpsk: AUTHENTICATION_FAILED", out)
        expect(delivered(out)[0] == 0, "wrongpsk: nothing crosses in the clear", out)

        for auth in ("rsa", "ecdsa", "ed25519"):
            out = run(example, work, f"--auth={auth}", "--chart=none", "--engine=1")
            expect("IKE_SA_INIT response 0 [ SA KE No CERTREQ N(HASH_ALG) ]" in out and
                   "IKE_AUTH request 1 [ IDi CERT CERTREQ IDr AUTH SA TSi TSr ]" in out and
                   "IKE_AUTH response 1 [ IDr CERT AUTH SA TSi TSr ]" in out,
                   f"auth={auth}: CERTREQ, CERT and AUTH in the chart", out)
            got, sent = delivered(out)
            expect(got == sent and sent > 0, f"auth={auth}: {got}/{sent} delivered", out)
        up = {}
        for auth, rounds in (("psk", 1), ("eap-md5", 4), ("eap-mschapv2", 5)):
            out = run(example, work, f"--auth={auth}", "--chart=none", "--engine=1")
            expect(f"IKE_AUTH response {rounds} [ " in out and
                   f"IKE_AUTH response {rounds + 1} [" not in out and
                   "CHILD SAs: gwA 1, gwB 1" in out,
                   f"auth={auth}: established after {rounds} IKE_AUTH exchanges", out)
            m = re.search(r"gwA's IKE SA established at ([0-9.]+) ms", out)
            expect(m is not None, f"auth={auth}: when the IKE SA came up", out)
            up[auth] = float(m.group(1))
        expect(up["psk"] < up["eap-md5"] < up["eap-mschapv2"],
               f"auth: each EAP round trip costs time ({up})", out)
        out = run(example, work, "--auth=eap-mschapv2", "--password=wrong", "--chart=none")
        expect("IKE_AUTH response 3 [ EAP/FAIL N(AUTH_FAILED) ]" in out and
               "IKE SAs at the end: gwA 0, gwB 0" in out and delivered(out)[0] == 0,
               "auth: a wrong EAP password is EAP-Failure, no SA, nothing crosses", out)

        last = {}
        for auth in ("psk", "rsa3072"):
            out = run(example, work, "--peers=20", f"--auth={auth}", "--chart=none")
            m = re.search(r"road warriors up: 20/20, first at ([0-9.]+) ms, median ([0-9.]+) "
                          r"ms, last ([0-9.]+) ms", out)
            expect(m is not None and "gwB 21; CHILD SAs: gwA 1, gwB 21" in out,
                   f"peers ({auth}): 20 road warriors and gwA connect to gwB", out)
            last[auth] = float(m.group(3))
        expect(last["rsa3072"] > last["psk"] + 10,
               f"peers: gwB's RSA-3072 signatures queue the burst ({last})", out)

        out = run(example, work, "--auth=rsa3072", "--fragmentation=1", "--wanMtu=1280",
                  "--chart=none")
        m = re.search(r"IKE fragments sent \(RFC 7383\): gwA (\d+), gwB (\d+)", out)
        got, sent = delivered(out)
        expect(m is not None and int(m.group(1)) >= 2 and int(m.group(2)) >= 2 and
               "N(FRAG_SUP)" in out and got == sent > 0,
               "fragmentation: IKE_AUTH with RSA-3072 certificates goes as IKE fragments over "
               "a 1280-byte MTU", out)

        flood = {}
        for cookies in ("1", "0"):
            out = run(example, work, "--flood=300", f"--cookies={cookies}", "--chart=none")
            m = re.search(r"gwB half-open IKE SAs: peak (\d+), at the end (\d+); cookies sent "
                          r"(\d+).*\n  gwA's IKE SA established at ([0-9.]+) s", out)
            expect(m is not None, f"flood (cookies={cookies}): the summary", out)
            flood[cookies] = [float(x) for x in m.groups()]
            if cookies == "1":
                expect("|-- IKE_SA_INIT request 0 [ SA KE No ] ------" in out and
                       "IKE_SA_INIT response 0 [ N(COOKIE) ] --|" in out and
                       "IKE_SA_INIT request 0 [ N(COOKIE) SA KE No ] ---" in out,
                       "flood: the chart shows gwA's COOKIE round trip", out)
            expect(delivered(out)[0] > 0, f"flood (cookies={cookies}): gwA's traffic crosses",
                   out)
        peak, _, sent, up = flood["1"]
        expect(peak <= 31 and sent >= 269, f"flood: with cookies gwB keeps {peak:.0f} half-open "
               f"IKE SAs (threshold 30, and gwA's) and sends {sent:.0f} cookies", out)
        peak0, _, sent0, up0 = flood["0"]
        expect(peak0 >= 300 and sent0 == 0, f"flood: without cookies {peak0:.0f} half-open",
               out)
        expect(up < up0, f"flood: gwA is up at {up} s with cookies, {up0} s without", out)

        digests = set()
        for _ in range(2):
            run(example, work, "--auth=ecdsa", "--pcap=1", "--chart=none")
            with open(os.path.join(work, "ipsec-ikev2-2-1.pcap"), "rb") as f:
                digests.add(f.read())
        expect(len(digests) == 1, "auth=ecdsa: the same run gives the same certificates, "
               "signatures and pcap bytes", "")

        if shutil.which("tshark"):
            # certificates and EAP payloads decrypt and dissect too
            for auth in ("ecdsa", "eap-mschapv2"):
                out = run(example, work, f"--auth={auth}", "--pcap=1", "--keyFile=auth.esp_sa",
                          "--chart=none")
                cmd = [l.strip() for l in out.splitlines() if l.strip().startswith("tshark -r")]
                args = shlex.split(cmd[0])
                text = subprocess.run(args + ["-Y", "isakmp", "-V"], cwd=work, check=True,
                                      capture_output=True, text=True).stdout
                want = (["Certificate Encoding: X.509 Certificate - Signature (4)",
                         "Authentication Method: Digital Signature (14)",
                         "Supported Signature Hash Algorithm: SHA2-256 (2)"]
                        if auth == "ecdsa" else
                        ["EAP-MS-CHAP-v2 OpCode: Success (3)",
                         "Authentication Method: Shared Key Message Integrity Code (2)"])
                missing = [w for w in want if w not in text]
                expect(not missing and "Malformed" not in text,
                       f"pcap: auth={auth}: tshark decrypts and dissects {want}",
                       f"missing: {missing}")
            out = run(example, work, "--auth=rsa3072", "--fragmentation=1", "--wanMtu=1280",
                      "--pcap=1", "--keyFile=frag.esp_sa", "--chart=none")
            cmd = [l.strip() for l in out.splitlines() if l.strip().startswith("tshark -r")]
            args = shlex.split(cmd[0])
            text = subprocess.run(args + ["-Y", "isakmp", "-V"], cwd=work, check=True,
                                  capture_output=True, text=True).stdout
            summary = subprocess.run(args + ["-Y", "isakmp"], cwd=work, check=True,
                                     capture_output=True, text=True).stdout
            expect(summary.count("(reassembled)") == 2 and
                   text.count("Certificate Encoding: X.509 Certificate - Signature (4)") == 2 and
                   "[incorrect]" not in text and "Malformed" not in text,
                   "pcap: tshark checks every IKE fragment's ICV, reassembles both IKE_AUTH "
                   "messages and reads their certificates", summary)
            out = run(example, work, "--scenario=collision", "--pfs=1", "--pcap=1",
                      "--keyFile=ikev2.esp_sa")
            cmd = [l.strip() for l in out.splitlines() if l.strip().startswith("tshark -r")]
            expect(len(cmd) == 1, "pcap: a tshark command", out)
            args = shlex.split(cmd[0])

            def frames(flt):
                return subprocess.run(args + ["-Y", flt, "-T", "fields", "-e", "frame.number"],
                                      cwd=work, check=True, capture_output=True,
                                      text=True).stdout.split()

            encrypted = frames("isakmp && isakmp.exchangetype != 34")
            decrypted = frames("isakmp.enc.decrypted")
            esp = frames("esp")
            inner = frames("esp && ip.proto == 17 && udp.dstport == 9")
            expect(len(encrypted) >= 8 and encrypted == decrypted,
                   f"pcap: {len(decrypted)}/{len(encrypted)} IKE messages decrypt", out)
            expect(len(esp) > 0 and len(inner) == len(esp),
                   f"pcap: {len(inner)}/{len(esp)} ESP packets decrypt to the UDP flow", out)
            bad = frames("isakmp.ikev2.integrity_checksum || _ws.malformed")
            expect(not bad, "pcap: no bad checksum, nothing malformed", out)
    print("PASS")


if __name__ == "__main__":
    main()
