#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Known answers for test/legacy-algorithms-test.cc (DES-CBC, HMAC-MD5, MODP 768/1024/1536),
computed without ns3-ipsec and without OpenSSL's legacy provider.

MODP: each prime is rebuilt from its formula,
    p = 2^N - 2^(N-64) - 1 + 2^64 * (floor(2^(N-130) * pi) + k),  g = 2,
(RFC 2409 §6.1: N = 768, k = 149686; §6.2: N = 1024, k = 129093; RFC 3526 §2: N = 1536,
k = 741804) with pi from mpmath, checked to be a safe prime (sympy) and printed as hex, with
the SHA-256 of its big-endian bytes (hashlib). As in test/vectors/ike-ke-vectors.py, two
private exponents of the group's length (the table in model/ipsec-crypto-operation.cc: 160,
160 and 200 bits) are chosen so that g^x_i and g^(x_i x_r) start with a zero byte, and
Python's pow() gives the public values and the shared secret (the test compares SHA-256
digests of the padded values).

ESP with des-md5 (RFC 2405, RFC 2403, RFC 4303 §2): SPI | seq | IV | DES-CBC(payload |
padding 01 02 ... | pad length | next header) | first 12 bytes of HMAC-MD5(key, SPI | seq | IV |
ciphertext). DES-CBC is computed as TripleDES-CBC with K1 = K2 = K3 (EDE with one key is DES),
from the `cryptography` package, so OpenSSL's legacy DES-CBC is not involved; the FIPS 81
vector below guards that construction. HMAC-MD5 is Python's hmac/hashlib.

AH with md5 (RFC 4302 §3.3.3, Appendix A1): as test/vectors/ah-icv-vectors.py, with HMAC-MD5-96.

Run it with python3; the printed lines are pasted into the test as constants.
"""

import hashlib
import hmac
import struct

import mpmath
import sympy
from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, modes

# group, prime bits N, the constant k, our private exponent bits
MODP = [("modp768", 768, 149686, 160), ("modp1024", 1024, 129093, 160),
        ("modp1536", 1536, 741804, 200)]


def oakley_prime(bits, k):
    mpmath.mp.prec = bits + 64
    return 2**bits - 2**(bits - 64) - 1 + 2**64 * (
        int(mpmath.floor(mpmath.ldexp(mpmath.pi, bits - 130))) + k)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def exponent(label, counter, bits):
    digest = hashlib.sha512(f"{label} {counter}".encode()).digest()
    return int.from_bytes(digest, "big") >> (512 - bits)


def modp():
    for name, bits, k, private_bits in MODP:
        p = oakley_prime(bits, k)
        assert p.bit_length() == bits and sympy.isprime(p) and sympy.isprime((p - 1) // 2), name
        size = bits // 8
        print(f"// {name}: p (a safe prime), {size} bytes:")
        hexp = f"{p:X}"
        for i in range(0, len(hexp), 64):
            print(f'//   "{hexp[i:i + 64]}"')
        print(f'//   sha256(p) "{sha256(p.to_bytes(size, "big"))}"')
        xi = next(x for x in (exponent(name + " i", c, private_bits) for c in range(10000))
                  if pow(2, x, p) < 2**(bits - 8))
        gi = pow(2, xi, p)
        xr = next(x for x in (exponent(name + " r", c, private_bits) for c in range(10000))
                  if pow(gi, x, p) < 2**(bits - 8))
        gr = pow(2, xr, p)
        gir = pow(gi, xr, p)
        assert gir == pow(gr, xi, p)
        print(f'//   x_i "{xi:x}"')
        print(f'//   x_r "{xr:x}"')
        print(f'//   sha256(g^x_i) "{sha256(gi.to_bytes(size, "big"))}"')
        print(f'//   sha256(g^x_r) "{sha256(gr.to_bytes(size, "big"))}"')
        print(f'//   sha256(g^ir)  "{sha256(gir.to_bytes(size, "big"))}"')


def des_cbc(key, iv, data):
    encryptor = Cipher(TripleDES(key * 3), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


# FIPS 81 Appendix B, Table B1 (CBC mode) guards des_cbc.
assert des_cbc(bytes.fromhex("0123456789abcdef"), bytes.fromhex("1234567890abcdef"),
               b"Now is the time for all ").hex() == (
    "e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6")
# RFC 2202 §2 test case 1 guards HMAC-MD5.
assert hmac.new(b"\x0b" * 16, b"Hi There", hashlib.md5).hexdigest() == (
    "9294727a3638bb1c13f48ef8158bfc9d")


def pattern(size, seed):
    return bytes((seed + 7 * i) & 0xFF for i in range(size))


def udp(src_port, dst_port, data):
    return struct.pack("!HHHH", src_port, dst_port, 8 + len(data), 0) + data


def esp():
    key = bytes.fromhex("0123456789abcdef")
    integrity_key = pattern(16, 0x11)
    iv = bytes.fromhex("1234567890abcdef")
    spi, seq, next_header = 0x00001001, 1, 17
    payload = udp(5000, 6000, b"ns3-ipsec des-md5")
    pad = (-(len(payload) + 2)) % 8
    plaintext = payload + bytes(range(1, pad + 1)) + bytes([pad, next_header])
    head = struct.pack("!II", spi, seq) + iv + des_cbc(key, iv, plaintext)
    packet = head + hmac.new(integrity_key, head, hashlib.md5).digest()[:12]
    print(f"// ESP des-md5: SPI 0x{spi:08x}, seq {seq}, next header {next_header}")
    print(f"//   encryption key {key.hex()}, integrity key {integrity_key.hex()}")
    print(f'//   iv "{iv.hex()}"')
    print(f'//   payload "{payload.hex()}"')
    print(f'//   packet "{packet.hex()}"')


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
    h = bytearray(header)
    h[1] = 0
    h[6:9] = b"\x00\x00\x00"
    h[10:12] = b"\x00\x00"
    return bytes(h)


def ah():
    key = pattern(16, 0x07)
    spi, seq, next_header, icv_size = 0x00001005, 3, 17, 12
    payload = udp(5000, 6000, b"ns3-ipsec AH md5")
    ah_size = 12 + icv_size  # a multiple of 4 (IPv4)
    ip = ipv4_header(tos=0xB8, total_length=20 + ah_size + len(payload), ident=0x1C46,
                     flags_frag=0x4000, ttl=64, protocol=51,
                     src=[192, 168, 1, 1], dst=[192, 168, 1, 2])
    fixed = struct.pack("!BBHII", next_header, ah_size // 4 - 2, 0, spi, seq)
    message = zero_mutable(ip) + fixed + b"\x00" * icv_size + payload
    icv = hmac.new(key, message, hashlib.md5).digest()[:icv_size]
    print(f"// AH md5: SPI 0x{spi:08x}, seq {seq}, next header {next_header}, key {key.hex()}")
    print(f'//   "{ip.hex()}"  IPv4 header')
    print(f'//   "{(fixed + icv).hex()}"  AH')
    print(f'//   "{payload.hex()}"  payload')


if __name__ == "__main__":
    modp()
    esp()
    ah()
