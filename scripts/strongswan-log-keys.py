#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Wireshark decryption tables from a strongSwan charon log.

Usage: strongswan-log-keys.py CHARON-LOG OUTDIR

Writes OUTDIR/ikev2_decryption_table and OUTDIR/esp_sa in the format of strongSwan's save-keys
plugin (src/libcharon/plugins/save_keys/save_keys_listener.c), which Debian's strongSwan is built
without; the one difference is the name of AES-GCM in esp_sa (see ESP_ENCR). The keys come
from the charon log itself: a filelog with `ike = 4` and `chd = 4` dumps every derived SK_e/SK_a
and CHILD SA key (and, at `chd` >= 2, each CHILD SA's SPIs and addresses), and `mgr = 2` names
each IKE SA's SPIs. The log must be charon's filelog with a time_format without spaces and
`ike_name = yes`, as capture-strongswan-fixtures.sh configures it.

How the lines pair up:
- IKE: the n-th set of SK_* secrets in the log belongs to the n-th IKE SA (by charon's unique
  id) that got a responder SPI; a rekeyed IKE SA is created, and its keys derived, after the old
  one. Each set uses the IKE proposal selected last before it.
- CHILD: a set of "encryption/integrity initiator/responder key" dumps belongs to the next
  "CHILD_SA ... established with SPIs X_i Y_o" line of the same thread; this peer was the
  exchange's initiator when the last message that thread parsed was a response.
"""
import re
import sys

LINE = re.compile(r"^\S+ (\d+)\[(\w+)\] (?:<([^|>]*)\|(\d+)> )?(.*)$")
DUMP = re.compile(r"^(.*) => (\d+) bytes @ 0x[0-9a-f]+$")
HEX = re.compile(r"^\s*\d+: ((?:[0-9A-F]{2} )*[0-9A-F]{2})")

IKE_ENCR = {"AES_CBC": "AES-CBC-{bits} [RFC3602]", "AES_CTR": "AES-CTR-{bits} [RFC5930]",
            "AES_GCM_8": "AES-GCM-{bits} with 8 octet ICV [RFC5282]",
            "AES_GCM_12": "AES-GCM-{bits} with 12 octet ICV [RFC5282]",
            "AES_GCM_16": "AES-GCM-{bits} with 16 octet ICV [RFC5282]",
            "AES_CCM_8": "AES-CCM-{bits} with 8 octet ICV [RFC5282]",
            "AES_CCM_12": "AES-CCM-{bits} with 12 octet ICV [RFC5282]",
            "AES_CCM_16": "AES-CCM-{bits} with 16 octet ICV [RFC5282]",
            "3DES": "3DES [RFC2451]", "NULL": "NULL [RFC2410]"}
IKE_INTEG = {"HMAC_MD5_96": "HMAC_MD5_96 [RFC2403]", "HMAC_SHA1_96": "HMAC_SHA1_96 [RFC2404]",
             "HMAC_SHA2_256_128": "HMAC_SHA2_256_128 [RFC4868]",
             "HMAC_SHA2_384_192": "HMAC_SHA2_384_192 [RFC4868]",
             "HMAC_SHA2_512_256": "HMAC_SHA2_512_256 [RFC4868]", None: "NONE [RFC4306]"}
ESP_ENCR = {"AES_CBC": "AES-CBC [RFC3602]", "AES_CTR": "AES-CTR [RFC3686]",
            # save-keys (5.9.8) writes "AES-GCM [RFC4106]" with "ANY 64/128 bit authentication
            # [no checking]", which Wireshark 4.0 refuses ("AES-GCM encryption can only be used
            # with NULL authentication"); these are the names Wireshark 4.0 takes for an AEAD
            "AES_GCM_8": "AES-GCM with 8 octet ICV [RFC4106]",
            "AES_GCM_12": "AES-GCM with 12 octet ICV [RFC4106]",
            "AES_GCM_16": "AES-GCM with 16 octet ICV [RFC4106]",
            "3DES": "TripleDes-CBC [RFC2451]", "NULL": "NULL"}
ESP_INTEG = {"HMAC_MD5_96": "HMAC-MD5-96 [RFC2403]", "HMAC_SHA1_96": "HMAC-SHA-1-96 [RFC2404]",
             "HMAC_SHA2_256_128": "HMAC-SHA-256-128 [RFC4868]",
             "HMAC_SHA2_384_192": "HMAC-SHA-384-192 [RFC4868]",
             "HMAC_SHA2_512_256": "HMAC-SHA-512-256 [RFC4868]", None: "NULL"}


def split_proposal(text):
    """'IKE:AES_CBC_128/HMAC_SHA2_256_128/PRF_...' -> ('AES_CBC', 128, 'HMAC_SHA2_256_128')."""
    algs = text.split(":", 1)[1].split("/")
    m = re.match(r"^(.*)_(\d+)$", algs[0])
    encr, bits = (m.group(1), int(m.group(2))) if m else (algs[0], 0)
    integ = next((a for a in algs[1:] if a.startswith(("HMAC_", "AES_XCBC", "AES_CMAC"))), None)
    return encr, bits, integ


def parse(path):
    ike_sets, child_sets, ike_spis, child_addrs = [], [], {}, {}
    ike_prop = esp_prop = None
    last_parsed = {}        # thread -> 'request' | 'response'
    pending_child = {}      # thread -> {name: bytes, 'initiator': bool, 'proposal': ...}
    pending_ike = {}        # thread -> {name: bytes}
    dump = None             # (thread, name, length, collected bytes)
    last_install = None     # SPI direction line follows "adding inbound/outbound ESP SA"
    with open(path, errors="replace") as log:
        for raw in log:
            m = LINE.match(raw.rstrip("\n"))
            if not m:
                continue
            thread, group, _name, _uid, text = m.groups()
            if dump and dump[0] == thread:
                h = HEX.match(text)
                if h:
                    dump[3].extend(bytes.fromhex(h.group(1).replace(" ", "")))
                    if len(dump[3]) >= dump[2]:
                        store(dump, pending_ike, pending_child, ike_sets, ike_prop,
                              esp_prop, last_parsed)
                        dump = None
                    continue
            d = DUMP.match(text)
            if d and (d.group(1).startswith("Sk_") or d.group(1).endswith(" key")):
                dump = (thread, d.group(1), int(d.group(2)), bytearray())
                if dump[2] == 0:
                    store(dump, pending_ike, pending_child, ike_sets, ike_prop, esp_prop,
                          last_parsed)
                    dump = None
                continue
            p = re.match(r"^parsed \S+ (request|response) \d+", text)
            if p:
                last_parsed[thread] = p.group(1)
            s = re.match(r"^selected proposal: ((IKE|ESP):\S+)", text)
            if s:
                if s.group(2) == "IKE":
                    ike_prop = s.group(1)
                else:
                    esp_prop = s.group(1)
            c = re.match(r"^checkin IKEv2 SA \S+\[(\d+)\] with SPIs ([0-9a-f]{16})_i "
                         r"([0-9a-f]{16})_r", text)
            if c and int(c.group(3), 16) != 0:
                ike_spis[int(c.group(1))] = (c.group(2), c.group(3))
            a = re.match(r"^adding (inbound|outbound) ESP SA", text)
            if a:
                last_install = a.group(1)
            a = re.match(r"^\s+SPI 0x([0-9a-f]{8}), src (\S+) dst (\S+)", text)
            if a and last_install:
                child_addrs[a.group(1)] = (a.group(2), a.group(3))
                last_install = None
            # "inbound CHILD_SA ..." and then "outbound CHILD_SA ..." after a rekey
            e = re.match(r"^(?:inbound )?CHILD_SA \S+ established with SPIs ([0-9a-f]{8})_i "
                         r"([0-9a-f]{8})_o", text)
            if e and thread in pending_child:
                keys = pending_child.pop(thread)
                keys["in"], keys["out"] = e.group(1), e.group(2)
                child_sets.append(keys)
    uids = sorted(ike_spis)
    if len(uids) < len(ike_sets):
        sys.exit(f"{path}: {len(ike_sets)} IKE key sets but SPIs of only {len(uids)} IKE SAs")
    return [(ike_spis[u], k) for u, k in zip(uids, ike_sets)], child_sets, child_addrs


def store(dump, pending_ike, pending_child, ike_sets, ike_prop, esp_prop, last_parsed):
    thread, name, _length, data = dump
    if name.startswith("Sk_"):
        keys = pending_ike.setdefault(thread, {"proposal": ike_prop})
        keys[name.split()[0]] = bytes(data)
        if name.startswith("Sk_pr"):      # the last one derive_ike_keys() dumps
            ike_sets.append(pending_ike.pop(thread))
    else:
        keys = pending_child.setdefault(thread, {
            "proposal": esp_prop, "initiator": last_parsed.get(thread) == "response"})
        keys[name] = bytes(data)


def main():
    log, outdir = sys.argv[1], sys.argv[2]
    ike, child, addrs = parse(log)
    with open(f"{outdir}/ikev2_decryption_table", "w") as f:
        for (spi_i, spi_r), k in ike:
            encr, bits, integ = split_proposal(k["proposal"])
            f.write(f'{spi_i},{spi_r},{k["Sk_ei"].hex()},{k["Sk_er"].hex()},'
                    f'"{IKE_ENCR[encr].format(bits=bits)}",{k.get("Sk_ai", b"").hex()},'
                    f'{k.get("Sk_ar", b"").hex()},"{IKE_INTEG[integ]}"\n')
    with open(f"{outdir}/esp_sa", "w") as f:
        for k in child:
            encr, _bits, integ = split_proposal(k["proposal"])
            # save-keys: first the initiator->responder SA (the responder's SPI) with the
            # initiator's keys, then the other direction
            if k["initiator"]:
                to_r, to_i = k["out"], k["in"]
            else:
                to_r, to_i = k["in"], k["out"]
            for spi, who in ((to_r, "initiator"), (to_i, "responder")):
                src, dst = addrs[spi]
                f.write(f'"IPv4","{src}","{dst}","0x{spi}","{ESP_ENCR[encr]}",'
                        f'"0x{k["encryption " + who + " key"].hex()}","{ESP_INTEG[integ]}",'
                        f'"0x{k.get("integrity " + who + " key", b"").hex()}"\n')


if __name__ == "__main__":
    main()
