#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""What tshark sees in one IKEv2 fixture, for tests that cannot run tshark.

Usage: ikev2-fixture-json.py [--markdown] FIXTURE-DIR...

FIXTURE-DIR is one directory of test/data/ikev2/ (NAME/NAME.pcap, NAME/ikev2_decryption_table,
NAME/esp_sa, NAME/left/swanctl.conf, NAME/right/swanctl.conf). tshark reads the pcap with the two
tables as the decryption tables of a Wireshark configuration directory (WIRESHARK_CONFIG_DIR) and
this writes:
- NAME/NAME.json: per frame the UDP payload (hex), the IKE message (without the non-ESP marker
  on port 4500), its header, and its payloads as tshark shows them (label, type, bytes, fields;
  SA proposals and transforms nested; for the Encrypted (SK) payload the decrypted bytes, the
  checksum verdict and the inner payloads); ESP frames with SPI, sequence number and ICV verdict;
  and the keys, PSK and identities of the exchange;
- NAME/udp-payloads.txt: one line per frame, "FRAME SRC:PORT DST:PORT HEX-OF-UDP-PAYLOAD".
With --markdown it prints a table of the IKE messages of each fixture (for the README).
It fails when an Encrypted payload did not decrypt or its checksum is not correct.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PAYLOAD = "isakmp.typepayload"
EXCHANGES = {34: "IKE_SA_INIT", 35: "IKE_AUTH", 36: "CREATE_CHILD_SA", 37: "INFORMATIONAL"}


def tshark(args, conf):
    env = dict(os.environ, WIRESHARK_CONFIG_DIR=conf)
    run = subprocess.run(["tshark"] + args, env=env, capture_output=True, text=True, check=True)
    return run.stdout


def wireshark_conf(fixture, work):
    conf = os.path.join(work, "wireshark")
    os.mkdir(conf)
    for table in ("ikev2_decryption_table", "esp_sa"):
        shutil.copy(os.path.join(fixture, table), conf)
    with open(os.path.join(conf, "preferences"), "w") as prefs:
        prefs.write("esp.enable_encryption_decode: TRUE\n"
                    "esp.enable_authentication_check: TRUE\n")
    return conf


def fields_of(elem):
    """[name, show] of elem's descendant fields that do not belong to a nested payload."""
    out = []
    for child in elem:
        name = child.get("name", "")
        if name == PAYLOAD or name in ("isakmp.enc.decrypted",):
            continue
        if child.get("show") is not None and name:
            out.append([name, child.get("show")])
        out.extend(fields_of(child))
    return out


def payloads_in(elem):
    """The payloads nearest below elem (not those nested in them)."""
    found = []
    for child in elem:
        if child.get("name") == PAYLOAD:
            found.append(child)
        else:
            found.extend(payloads_in(child))
    return found


def payload(elem, decrypted_raw):
    label = re.sub(r"^Payload: ", "", elem.get("showname"))
    p = {"type": int(elem.get("show")), "label": label, "hex": elem.get("value"),
         "fields": fields_of(elem)}
    if p["type"] == 46:  # Encrypted and Authenticated (SK)
        icd = elem.find(".//field[@name='isakmp.enc.icd']")
        dec = elem.find(".//field[@name='isakmp.enc.decrypted']")
        iv = elem.find(".//field[@name='isakmp.enc.iv']")
        p["iv"] = iv.get("value") if iv is not None else None
        p["checksum"] = icd.get("value") if icd is not None else None
        verdict = re.search(r"\[(correct|incorrect[^\]]*)\]", icd.get("showname")) \
            if icd is not None else None
        p["checksum_status"] = verdict.group(1) if verdict else "not verified"
        p["decrypted"] = decrypted_raw.pop(0) if dec is not None and decrypted_raw else None
        pad = elem.find(".//field[@name='isakmp.enc.pad_length']")
        p["pad_length"] = int(pad.get("show")) if pad is not None else None
        p["payloads"] = [payload(c, decrypted_raw) for c in payloads_in(dec)] \
            if dec is not None else []
        p["fields"] = [f for f in p["fields"] if not f[0].startswith("isakmp.enc.")]
    else:
        inner = payloads_in(elem)
        if inner:
            p["payloads"] = [payload(c, decrypted_raw) for c in inner]
    return p


def raw_values(node, key, out):
    """Every value of key in tshark's -T json -x output, in document order (duplicates kept)."""
    if isinstance(node, list):
        for item in node:
            if isinstance(item, tuple):
                if item[0] == key:
                    out.append(item[1][0])
                raw_values(item[1], key, out)
            else:
                raw_values(item, key, out)
    return out


def field(proto, name):
    f = proto.find(f".//field[@name='{name}']")
    return f.get("show") if f is not None else None


def read_conf(path):
    text = open(path).read()
    ids = re.findall(r"^\s*id = (\S+)", text, re.M)
    return {"local_id": ids[0], "remote_id": ids[1],
            "psk": re.search(r'secret = "([^"]*)"', text).group(1),
            "proposals": re.search(r"^\s*proposals = (\S+)", text, re.M).group(1),
            "esp_proposals": re.search(r"^\s*esp_proposals = (\S+)", text, re.M).group(1),
            "local_ts": re.search(r"^\s*local_ts = (\S+)", text, re.M).group(1),
            "remote_ts": re.search(r"^\s*remote_ts = (\S+)", text, re.M).group(1)}


def read_tables(fixture):
    ike, esp = [], []
    for line in open(os.path.join(fixture, "ikev2_decryption_table")):
        f = [x.strip('"') for x in line.strip().split(",")]
        ike.append(dict(zip(["spi_i", "spi_r", "sk_ei", "sk_er", "encryption", "sk_ai", "sk_ar",
                             "integrity"], f)))
    for line in open(os.path.join(fixture, "esp_sa")):
        f = [x.strip('"') for x in line.strip().split(",")]
        esp.append(dict(zip(["family", "src", "dst", "spi", "encryption", "encryption_key",
                             "authentication", "authentication_key"], f)))
    return ike, esp


def fixture_json(fixture):
    name = os.path.basename(os.path.normpath(fixture))
    pcap = os.path.join(fixture, name + ".pcap")
    with tempfile.TemporaryDirectory() as work:
        conf = wireshark_conf(fixture, work)
        pdml = ET.fromstring(tshark(["-r", pcap, "-T", "pdml"], conf))
        raw = json.loads(tshark(["-r", pcap, "-T", "json", "-x"], conf),
                         object_pairs_hook=lambda pairs: pairs)
    frames = []
    for packet, jpacket in zip(pdml.findall("packet"), raw):
        protos = {}
        for p in packet.findall("proto"):     # the outer one where ESP carries IP in IP
            protos.setdefault(p.get("name"), p)
        udp_payload = raw_values(jpacket, "udp.payload_raw", [])
        fr = {"frame": int(field(protos["frame"], "frame.number")),
              "time_relative": float(field(protos["frame"], "frame.time_relative")),
              "src": field(protos["ip"], "ip.src"), "dst": field(protos["ip"], "ip.dst"),
              "sport": int(field(protos["udp"], "udp.srcport")) if "udp" in protos else None,
              "dport": int(field(protos["udp"], "udp.dstport")) if "udp" in protos else None,
              "udp_payload": udp_payload[0] if udp_payload else None}
        if "isakmp" in protos:
            isakmp = protos["isakmp"]
            fr["kind"] = "ike"
            fr["non_esp_marker"] = "udpencap" in protos
            fr["ike_message"] = raw_values(jpacket, "isakmp_raw", [])[0]
            ex = int(field(isakmp, "isakmp.exchangetype"))
            hdr = {"spi_i": field(isakmp, "isakmp.ispi").replace(":", ""),
                   "spi_r": field(isakmp, "isakmp.rspi").replace(":", ""),
                   "next_payload": int(field(isakmp, "isakmp.nextpayload")),
                   "version": field(isakmp, "isakmp.version"),
                   "exchange_type": ex, "exchange": EXCHANGES.get(ex, str(ex)),
                   "flags": field(isakmp, "isakmp.flags"),
                   "initiator": field(isakmp, "isakmp.flag_i") in ("1", "True"),
                   "response": field(isakmp, "isakmp.flag_r") in ("1", "True"),
                   "message_id": int(field(isakmp, "isakmp.messageid"), 16),
                   "length": int(field(isakmp, "isakmp.length"))}
            fr["header"] = hdr
            decrypted = raw_values(jpacket, "isakmp.enc.decrypted_raw", [])
            fr["payloads"] = [payload(p, decrypted) for p in payloads_in(isakmp)]
        elif "esp" in protos:
            esp = protos["esp"]
            fr["kind"] = "esp"
            fr["non_esp_marker"] = False
            icv = esp.find(".//field[@name='esp.icv']")
            verdict = re.search(r"\[(correct|incorrect[^\]]*)\]", icv.get("showname")) \
                if icv is not None else None
            fr["esp"] = {"spi": "%08x" % int(field(esp, "esp.spi"), 0),
                         "sequence": int(field(esp, "esp.sequence")),
                         "icv_status": verdict.group(1) if verdict else "not verified",
                         "inner": field(protos["frame"], "frame.protocols")}
        frames.append(fr)
    ike, esp = read_tables(fixture)
    return {
        "fixture": name,
        "pcap": name + ".pcap",
        "made_by": "scripts/capture-strongswan-fixtures.sh; this file by scripts/ikev2-fixture-json.py",
        "peers": {"left": dict(address="10.0.0.1", **read_conf(
                      os.path.join(fixture, "left", "swanctl.conf"))),
                  "right": dict(address="10.0.0.2", **read_conf(
                      os.path.join(fixture, "right", "swanctl.conf")))},
        "ikev2_decryption_table": ike,
        "esp_sa": esp,
        "frames": frames,
    }


def check(doc):
    bad = []
    for fr in doc["frames"]:
        for p in fr.get("payloads", []):
            if p["type"] == 46 and (p.get("decrypted") is None or
                                    p["checksum_status"] != "correct"):
                bad.append(f'frame {fr["frame"]}: SK payload {p["checksum_status"]}')
        if fr.get("kind") == "esp" and fr["esp"]["icv_status"] != "correct":
            bad.append(f'frame {fr["frame"]}: ESP ICV {fr["esp"]["icv_status"]}')
    return bad


def short(p, response):
    label = p["label"]
    if p["type"] == 40:
        return "Nr" if response else "Ni"
    m = re.match(r"^Notify \(41\) - (\S+)", label)
    if m:
        return f"N({m.group(1)})"
    m = re.match(r"^Delete \(42\)", label)
    if m:
        proto = next((v for k, v in p["fields"] if k == "isakmp.delete.protoid"), "?")
        return {"1": "D(IKE)", "3": "D(ESP)"}.get(proto, "D")
    names = {33: "SA", 34: "KE", 35: "IDi", 36: "IDr", 39: "AUTH", 44: "TSi",
             45: "TSr", 46: "SK"}
    return names.get(p["type"], label)


def markdown(doc):
    rows = [f'`{doc["fixture"]}`', "",
            "| frame | UDP | exchange | msg ID | from | request/response | payloads |",
            "|---|---|---|---|---|---|---|"]
    for fr in doc["frames"]:
        port = f'{fr["sport"]}→{fr["dport"]}'
        if fr.get("kind") == "esp":
            rows.append(f'| {fr["frame"]} | {port} | ESP, seq {fr["esp"]["sequence"]} | | '
                        f'{fr["src"]} | | ICV {fr["esp"]["icv_status"]} |')
            continue
        h = fr["header"]
        parts = []
        for p in fr["payloads"]:
            if p["type"] == 46:
                parts.append("SK{" + "".join(" " + short(c, h["response"]) for c in p["payloads"])
                             + " }")
            else:
                parts.append(short(p, h["response"]))
        who = "initiator" if h["initiator"] else "responder"
        rows.append(f'| {fr["frame"]} | {port} | {h["exchange"]} | {h["message_id"]} | {who} '
                    f'({fr["src"]}) | {"response" if h["response"] else "request"} | '
                    f'{" ".join(parts)} |')
    return "\n".join(rows) + "\n"


def main():
    args = sys.argv[1:]
    md = "--markdown" in args
    failed = False
    for fixture in [a for a in args if a != "--markdown"]:
        doc = fixture_json(fixture)
        name = doc["fixture"]
        text = json.dumps(doc, indent=1)
        # one line for each [field name, value] pair
        text = re.sub(r'\[\n\s+("(?:[^"\\]|\\.)*"),\n\s+("(?:[^"\\]|\\.)*")\n\s+\]',
                      r"[\1, \2]", text)
        with open(os.path.join(fixture, name + ".json"), "w") as out:
            out.write(text + "\n")
        with open(os.path.join(fixture, "udp-payloads.txt"), "w") as out:
            for fr in doc["frames"]:
                out.write(f'{fr["frame"]} {fr["src"]}:{fr["sport"]} {fr["dst"]}:{fr["dport"]} '
                          f'{fr["udp_payload"]}\n')
        bad = check(doc)
        for b in bad:
            print(f"{name}: {b}", file=sys.stderr)
        failed |= bool(bad)
        if md:
            print(markdown(doc))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
