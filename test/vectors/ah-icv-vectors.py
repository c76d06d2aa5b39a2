#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Known-answer AH (RFC 4302) datagrams for test/ah-codec-test.cc, computed without ns3-ipsec.

Each vector is an IPv4 datagram as sent: a 20-byte header (protocol 51, total length including
AH, a real header checksum, and non-zero mutable fields so that zeroing them matters), the AH
header, then the payload (a transport-mode segment or a tunnel-mode inner datagram). The ICV is
computed the RFC 4302 way (§3.3.3, Appendix A1):

    MAC(key, IP header with TOS, flags, fragment offset, TTL and checksum zeroed
             | AH header with the ICV field (and its padding) zeroed
             | payload
             | ESN only: high 32 bits of the sequence number, network order (§3.3.2.1, App. B))

truncated to the ICV size, using Python's hmac/hashlib for HMAC-SHA1-96 (RFC 2404) and
HMAC-SHA2 (RFC 4868), and AES-XCBC-MAC-96 (RFC 3566) built here from the `cryptography`
package's AES-ECB (checked against RFC 3566 §4 test cases first). Run it with python3; the
printed hex (IPv4 header, AH fixed part, ICV, payload) is pasted into the test as constants.
"""

import hashlib
import hmac
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def aes_ecb(key, block):
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return encryptor.update(block) + encryptor.finalize()


def xcbc_mac(key, msg):
    """AES-XCBC-MAC (RFC 3566 §4), full 128-bit output."""
    k1 = aes_ecb(key, b"\x01" * 16)
    k2 = aes_ecb(key, b"\x02" * 16)
    k3 = aes_ecb(key, b"\x03" * 16)
    blocks = [msg[i:i + 16] for i in range(0, len(msg), 16)] or [b""]
    e = b"\x00" * 16
    for block in blocks[:-1]:
        e = aes_ecb(k1, bytes(a ^ b for a, b in zip(e, block)))
    last = blocks[-1]
    if len(last) == 16:
        last = bytes(a ^ b for a, b in zip(last, k2))
    else:
        last = last + b"\x80" + b"\x00" * (15 - len(last))
        last = bytes(a ^ b for a, b in zip(last, k3))
    return aes_ecb(k1, bytes(a ^ b for a, b in zip(e, last)))


# RFC 3566 §4 test cases #1, #3 and #4 guard the XCBC implementation above.
_K = bytes(range(16))
assert xcbc_mac(_K, b"").hex() == "75f0251d528ac01c4573dfd584d79f29"
assert xcbc_mac(_K, bytes(range(16))).hex() == "d2a246fa349b68a79998a4394ff7a263"
assert xcbc_mac(_K, bytes(range(20))).hex() == "47f51b4564966215b8985c63055ed308"

ALGORITHMS = {
    # name: (MAC function, key size, ICV size)
    "HMAC-SHA1-96": (lambda k, m: hmac.new(k, m, hashlib.sha1).digest(), 20, 12),
    "HMAC-SHA2-256-128": (lambda k, m: hmac.new(k, m, hashlib.sha256).digest(), 32, 16),
    "HMAC-SHA2-512-256": (lambda k, m: hmac.new(k, m, hashlib.sha512).digest(), 64, 32),
    "AES-XCBC-MAC-96": (xcbc_mac, 16, 12),
}


def checksum(header):
    total = sum(struct.unpack("!10H", header))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return (~total) & 0xFFFF


def ipv4_header(tos, total_length, ident, flags_frag, ttl, protocol, src, dst):
    fields = [0x45, tos, total_length, ident, flags_frag, ttl, protocol, 0, bytes(src), bytes(dst)]
    header = struct.pack("!BBHHHBBH4s4s", *fields)
    fields[7] = checksum(header)
    return struct.pack("!BBHHHBBH4s4s", *fields)


def zero_mutable(header):
    # TOS (DSCP+ECN), flags + fragment offset, TTL, checksum (RFC 4302 §3.3.3.1.1.1, App. A1).
    h = bytearray(header)
    h[1] = 0
    h[6:9] = b"\x00\x00\x00"
    h[10:12] = b"\x00\x00"
    return bytes(h)


def udp(src_port, dst_port, data):
    return struct.pack("!HHHH", src_port, dst_port, 8 + len(data), 0) + data


def datagram(alg, key, spi, seq, next_header, payload, esn=False, align=4):
    """align: the AH header is padded to a multiple of 4 (RFC 4302 §3.3.3.2.1, IPv4) or 8
    (Linux's IPv4 default without `flag align4`, net/ipv4/ah4.c); the padding is zero and
    covered by the ICV like the ICV field."""
    mac, key_size, icv_size = ALGORITHMS[alg]
    assert len(key) == key_size
    ah_size = (12 + icv_size + align - 1) // align * align
    ip = ipv4_header(tos=0xB8, total_length=20 + ah_size + len(payload), ident=0x1C46,
                     flags_frag=0x4000, ttl=64, protocol=51,
                     src=[192, 168, 1, 1], dst=[192, 168, 1, 2])
    fixed = struct.pack("!BBHII", next_header, ah_size // 4 - 2, 0, spi, seq & 0xFFFFFFFF)
    message = zero_mutable(ip) + fixed + b"\x00" * (ah_size - 12) + payload
    if esn:
        message += struct.pack("!I", seq >> 32)
    icv = mac(key, message)[:icv_size]
    ah = fixed + icv + b"\x00" * (ah_size - 12 - icv_size)
    return ip + ah + payload


def pattern(size, seed):
    return bytes((seed + 7 * i) & 0xFF for i in range(size))


def main():
    udp_payload = udp(5000, 6000, b"ns3-ipsec AH known answer")
    inner = ipv4_header(tos=0, total_length=20 + 8 + 12, ident=1, flags_frag=0, ttl=64,
                        protocol=17, src=[10, 0, 1, 1], dst=[10, 0, 2, 1]) + udp(7, 7, b"inner packet")
    tcp_like = pattern(41, 0x30)
    vectors = [
        ("kSha1", "HMAC-SHA1-96", pattern(20, 0x01), 0x00001000, 1, 17, udp_payload, False),
        ("kSha256Tunnel", "HMAC-SHA2-256-128", pattern(32, 0x02), 0x00001001, 2, 4, inner, False),
        ("kSha512", "HMAC-SHA2-512-256", pattern(64, 0x03), 0x00001002, 0x2A, 6, tcp_like, False),
        ("kXcbc", "AES-XCBC-MAC-96", pattern(16, 0x04), 0x00001003, 5, 17, udp_payload, False),
        ("kSha256Esn", "HMAC-SHA2-256-128", pattern(32, 0x02), 0x00001004, 0x0000000100000003, 17,
         udp_payload, True),
    ]
    # AH alignment (test/ah-alignment-test.cc): the same datagram with 4- and 8-byte alignment.
    for align in (4, 8):
        vectors += [
            (f"kAlign{align}Sha256", "HMAC-SHA2-256-128", pattern(32, 0x05), 0x00002000, 7, 17,
             udp_payload, False, align),
            (f"kAlign{align}Sha1", "HMAC-SHA1-96", pattern(20, 0x06), 0x00002001, 7, 17,
             udp_payload, False, align),
        ]
    for name, alg, key, spi, seq, nh, payload, esn, *rest in vectors:
        align = rest[0] if rest else 4
        print(f"// {name}: {alg}, SPI 0x{spi:08x}, seq 0x{seq:x}{' (ESN)' if esn else ''}, "
              f"next header {nh}, aligned to {align}")
        print(f"//   key {key.hex()}")
        data = datagram(alg, key, spi, seq, nh, payload, esn, align)
        ah_size = 20 + (12 + ALGORITHMS[alg][2] + align - 1) // align * align
        print(f'//   "{data[:20].hex()}"  IPv4 header')
        print(f'//   "{data[20:32].hex()}"  AH: next header, payload len, reserved, SPI, seq')
        print(f'//   "{data[32:ah_size].hex()}"  ICV')
        print(f'//   "{data[ah_size:].hex()}"  payload')


if __name__ == "__main__":
    main()
