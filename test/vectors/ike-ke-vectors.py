#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Known answers for test/ike-key-exchange-test.cc, computed without ns3-ipsec or OpenSSL's DH.

MODP (RFC 3526): each prime is rebuilt from its formula in RFC 3526 §3-5,
    p = 2^N - 2^(N-64) - 1 + 2^64 * (floor(2^(N-130) * pi) + k),  g = 2,
with pi from mpmath, and checked to be a safe prime (p and (p-1)/2 prime, sympy). For each group
two private exponents x_i, x_r are chosen (the first SHA-512 counters whose values make g^x_i and
g^(x_i x_r) start with a zero byte, so the test sees the padding of RFC 7296 §3.4), and Python's
pow() gives the public values and the shared secret. The test compares SHA-256 digests of the
padded values (a 4096-bit value is 1024 hex digits).

Private keys from a byte source (KeyExchange::GeneratePrivateKey): the bytes 00 01 02 ... are fed
to the documented mapping (c = the first ceil(N/8) + 8 bytes, big-endian; key = c mod (M - 1) + 1
with M = 2^N for MODP, N = the group's private bits, and M = n, N = bits of n for ECP; X25519
takes 32 bytes as they are), and the public value is computed here (pow() for MODP, the
`cryptography` package for ECP and X25519).

Run it with python3; the printed lines are pasted into the test as constants.
"""

import hashlib

import mpmath
import sympy
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, x25519

# RFC 3526: group, prime bits N, the constant k of the formula, our private exponent bits
# (the table in model/ipsec-crypto-operation.cc).
MODP = [("modp2048", 2048, 124476, 225), ("modp3072", 3072, 1690314, 275),
        ("modp4096", 4096, 240904, 325)]


def rfc3526_prime(bits, k):
    mpmath.mp.prec = bits + 64
    return 2**bits - 2**(bits - 64) - 1 + 2**64 * (
        int(mpmath.floor(mpmath.ldexp(mpmath.pi, bits - 130))) + k)


def pad(value, size):
    return value.to_bytes(size, "big")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def exponent(label, counter, bits):
    digest = hashlib.sha512(f"{label} {counter}".encode()).digest()
    return int.from_bytes(digest, "big") >> (512 - bits)


def mapped(source, modulus, bits):
    """The private key the byte source gives: c mod (M - 1) + 1 over ceil(N/8) + 8 bytes."""
    c = int.from_bytes(source[:(bits + 7) // 8 + 8], "big")
    return c % (modulus - 1) + 1


def modp():
    counting = bytes(range(256))
    for name, bits, k, private_bits in MODP:
        p = rfc3526_prime(bits, k)
        assert p.bit_length() == bits and sympy.isprime(p) and sympy.isprime((p - 1) // 2), name
        size = bits // 8
        xi = next(x for x in (exponent(name + " i", c, private_bits) for c in range(10000))
                  if pow(2, x, p) < 2**(bits - 8))
        gi = pow(2, xi, p)
        xr = next(x for x in (exponent(name + " r", c, private_bits) for c in range(10000))
                  if pow(gi, x, p) < 2**(bits - 8))
        gr = pow(2, xr, p)
        gir = pow(gi, xr, p)
        assert gir == pow(gr, xi, p)
        print(f"// {name}: p from RFC 3526 (checked: a safe prime), g = 2")
        print(f'//   x_i "{xi:x}"')
        print(f'//   x_r "{xr:x}"')
        print(f'//   sha256(g^x_i) "{sha256(pad(gi, size))}" (first byte {pad(gi, size)[0]:02x})')
        print(f'//   sha256(g^x_r) "{sha256(pad(gr, size))}"')
        print(f'//   sha256(g^ir)  "{sha256(pad(gir, size))}" (first byte {pad(gir, size)[0]:02x})')
        x = mapped(counting, 2**private_bits, private_bits)
        print(f'//   bytes 00 01 02 ...: x "{x:x}", sha256(g^x) "{sha256(pad(pow(2, x, p), size))}"')


def ecp_and_x25519():
    counting = bytes(range(256))
    n256 = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551  # FIPS 186-4 D.1.2.3
    d = mapped(counting, n256, 256)
    numbers = ec.derive_private_key(d, ec.SECP256R1()).public_key().public_numbers()
    print(f'// ecp256, bytes 00 01 02 ...: d "{d:064x}"')
    print(f'//   public "{numbers.x:064x}{numbers.y:064x}"')
    key = x25519.X25519PrivateKey.from_private_bytes(counting[:32])
    public = key.public_key().public_bytes(serialization.Encoding.Raw,
                                           serialization.PublicFormat.Raw)
    print(f'// curve25519, bytes 00 01 02 ...: public "{public.hex()}"')


if __name__ == "__main__":
    modp()
    ecp_and_x25519()
