#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""IKEv2 key derivation (RFC 7296 §2.13, §2.14, §2.17, §2.18) computed without ns3-ipsec, for
test/ikev2-kdf-vectors.h and test/ikev2-keymat-test.cc.

1. Re-checks every published vector transcribed in test/ikev2-kdf-vectors.h (NIST CAVP/ACVP
   IKEv2 KDF values as vendored by NSS, libreswan and NIST's ACVP-Server): each SKEYSEED, DKM,
   DKM(Child SA), DKM(Child SA D-H) and SKEYSEED(Rekey) is recomputed from its inputs and must
   match, which catches transcription errors.
2. Computes the values that have no published vector at hand, printed as hex to paste into the
   header: DKM(Child SA) and DKM(Child SA D-H) for the SHA-1, SHA-384 and SHA-512 CAVP inputs
   (132 bytes, the CAVP DKM length), and the PRF_AES128_XCBC cases (SKEYSEED from the first 64
   bits of each nonce, RFC 7296 §2.14; prf+ over the whole nonces).

PRFs: Python's hmac/hashlib for PRF_HMAC_SHA1/SHA2 (RFC 2104, RFC 4868), and AES-XCBC-PRF-128
(RFC 4434) built here from the `cryptography` package's AES-ECB, checked first against RFC 4434
§2.1's three test cases. The CAVP child-SA definitions (SP 800-135 §4.1.2, and the ACVP
kdf-components IKEv2 specification): SK_d is the first PRF-output-size bytes of DKM,
DKM(Child SA) = prf+(SK_d, Ni | Nr), DKM(Child SA D-H) = prf+(SK_d, g^ir (new) | Ni | Nr),
SKEYSEED(Rekey) = prf(SK_d, g^ir (new) | Ni | Nr), each child DKM as long as DKM.

Run: python3 test/vectors/ikev2-kdf-vectors.py  (exits non-zero if a published value differs)
"""

import hashlib
import hmac
import sys

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
        e = aes_ecb(k1, bytes(x ^ y for x, y in zip(e, block)))
    last = blocks[-1]
    if len(last) == 16:
        mask = k2
    else:
        last = last + b"\x80" + b"\x00" * (15 - len(last))
        mask = k3
    return aes_ecb(k1, bytes(x ^ y ^ z for x, y, z in zip(e, last, mask)))


def xcbc_prf(key, msg):
    """AES-XCBC-PRF-128 (RFC 4434 §2): keys other than 128 bits are padded or hashed."""
    if len(key) < 16:
        key = key + b"\x00" * (16 - len(key))
    elif len(key) > 16:
        key = xcbc_mac(b"\x00" * 16, key)
    return xcbc_mac(key, msg)


PRFS = {
    "prfsha1": (lambda k, m: hmac.new(k, m, hashlib.sha1).digest(), 20),
    "prfsha256": (lambda k, m: hmac.new(k, m, hashlib.sha256).digest(), 32),
    "prfsha384": (lambda k, m: hmac.new(k, m, hashlib.sha384).digest(), 48),
    "prfsha512": (lambda k, m: hmac.new(k, m, hashlib.sha512).digest(), 64),
    "prfaesxcbc": (xcbc_prf, 16),
}


def prf_plus(prf, key, seed, length):
    """RFC 7296 §2.13: T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n), n <= 255."""
    out, t, n = b"", b"", 1
    while len(out) < length:
        assert n <= 255
        t = prf(key, t + seed + bytes([n]))
        out += t
        n += 1
    return out[:length]


def skeyseed(name, ni, nr, gir):
    """RFC 7296 §2.14, with the AES-XCBC-PRF-128 rule (first 64 bits of each nonce)."""
    prf = PRFS[name][0]
    key = ni[:8] + nr[:8] if name == "prfaesxcbc" else ni + nr
    return prf(key, gir)


def derive(name, v, length):
    """All CAVP outputs for one vector's inputs."""
    prf, size = PRFS[name]
    b = {k: bytes.fromhex(x) for k, x in v.items()}
    seed = skeyseed(name, b["ni"], b["nr"], b["gir"])
    dkm = prf_plus(prf, seed, b["ni"] + b["nr"] + b["spii"] + b["spir"], length)
    skd = dkm[:size]
    return {
        "skeyseed": seed,
        "dkm": dkm,
        "dkmChild": prf_plus(prf, skd, b["ni"] + b["nr"], length),
        "dkmChildDh": prf_plus(prf, skd, b["girNew"] + b["ni"] + b["nr"], length),
        "skeyseedRekey": prf(skd, b["girNew"] + b["ni"] + b["nr"]),
    }


# Inputs and published outputs, exactly as in test/ikev2-kdf-vectors.h (sources cited there).
CAVP = [
    ("prfsha1", 132, {
        "ni": "32b50d5f4a3763f3", "nr": "9206a04b26564cb1",
        "gir": "4b2c1f971981a8ad8d0abeafabf38cf75fc8349c148142465ed9c8b516b8be52",
        "girNew": "863f3c9d06efd39d2b907b97f8699e5dd5251ef64a2a176f36ee40c87d4f9330",
        "spii": "34c9e7c188868785", "spir": "3ff77d760d2b2199",
    }, {
        "skeyseed": "a9a7b222b59f8f48645f28a1db5b5f5d7479cba7",
        "dkm": "a14293677cc80ff8f9cc0eee30d895da9d8f405666e30ef0dfcb63c634a46002"
               "a2a63080e514a062768b76606f9fa5e992204fc5a670bde3f10d6b027113936a"
               "5c55b648a194ae587b0088d52204b702c979fa280870d2ed41efa9c549fd1119"
               "8af1670b143d384bd275c5f594cf266b05ebadca855e4249520a441a81157435"
               "a7a56cc4",
        "skeyseedRekey": "63e81194946ebd05df7df5ebf5d8750056bf1f1d",
    }),
    ("prfsha256", 132, {
        "ni": "3f302be1abcb28e1", "nr": "8c332ee006064c9b",
        "gir": "0f4d257d7a58fc4545c7d7a88119eee5d5c9690c5b4c989171d3abbfd99d1d29",
        "girNew": "25f3b12d6f282739256e39bf54eda53b60ffcf379bb7bcc90c27b4c4c578616c",
        "spii": "40dac39e1e1a8640", "spir": "8619a1cf9a6e4c07",
    }, {
        "skeyseed": "5f00d1bd2c58ec224b1e6b71fa0f19a1faa7a193952c444411b47c1a9d8ba6fe",
        "dkm": "0b137d669b0947d7d026d593f0305ad401ff0c471357d695778a9c7f4b4869ec"
               "e98aca531188d16041b3bb936d2dbb3b4993a6e768a809160de45d0283f273a6"
               "cdf6854379e31be72b8d3d1fa990cf9c5b015ca9f918a7df6253c958114a09d4"
               "e1c19bdcd4db14b29d98db1a74ad405c588662c14a04d0d36aa4ab55e90f8986"
               "d12d4aad",
        "skeyseedRekey": "2d63f6debc92048b4fef3889c4c99ca67d6496e0fac14a2bca9a2d6566ff2398",
    }),
    ("prfsha384", 132, {
        "ni": "fd1b572a8e735591", "nr": "6013b0ef88dacd3d",
        "gir": "d3288cd87565101e88fe3bad918f31939d8dd26ff1071f8b2d7f447524e58d7c",
        "girNew": "3358f620539473aee8d07e779764c4c6a9aabddc79a28e136b3bac021dbde44a",
        "spii": "2116ad07ce61f749", "spir": "24880e55f11a65b7",
    }, {
        "skeyseed": "69fe7a1ac94adaeb711295f5fe004b1a8d6a0b65d05692758ce8ad2f7a45f59d"
                    "7d0b596f51f7dfcf3330061888f6a94f",
        "dkm": "4f904c2025c90c817ea5ff9b662a6fdb445a73b57cdf09eacd379b95e1f03cac"
               "b04cd6deeda4f952191dd9bc1f7a9502471a648d74dc06d38112de48a42501f6"
               "b1a3ad55c2099cd9a648e5f17e5bf3e34bf9b5953decb768a34f875fe2b78dca"
               "0c2fcca81ec1a412006dfaed38fa06882e61f4c148105fb8e231fdb33c4d484c"
               "001721d4",
        "skeyseedRekey": "e0548c1682e13bce454026b3b1bdf42985b24e4e7408095a7c529de38c3d1fcb"
                         "04c9fe6868042a34c9614c6c99e3fcea",
    }),
    ("prfsha512", 132, {
        "ni": "97c41a9b0a03e74c", "nr": "a659fd06e1746600",
        "gir": "276255c3eaace5c6db32b609aa86c0ef07bba4bf2dc4c262995efd95ca607c3f",
        "girNew": "bb4015f7727b35532021336a9e4a6370ac8729b01fbb8f15d52236820fac4709",
        "spii": "ff43c5c689b95481", "spir": "e2ba607f30079bb7",
    }, {
        "skeyseed": "d6e74966b75fd2afab48be319d63d97c8a5d2ffe2e320763a462c664b36c3a94"
                    "4067d867c3a55fd8a7e5cca64b22e24415987e15549f09a81b455adaa5303df8",
        "dkm": "22259105314717dc73c210919ee9cb3ded774dc087e866aa3960404c0ed7b8e7"
               "8e79b993888388e2e5cb238d4bfcb4cdee9da074a26e329d6c2f2f660cc9c711"
               "c941a2fb3d85a2e5d01e579c8f2c9d00fa6fabe76a137b00c7ff1b291899906"
               "588c26f073d819063238c4c844f0f8d221b65b76dbc9ed6f6368e5dba86b3e81"
               "b60eb44a1",
        "skeyseedRekey": "ecdaf3ccb990abc898a453b03fd56f9975275f150e1e571b0560b3cb2ee67289"
                         "e82b899cdc2129fd821fe8aebea796f190765c25798f5883f923526551f16a4b",
    }),
]


def check(label, got, want):
    if got.hex() != want:
        print(f"MISMATCH {label}:\n  got  {got.hex()}\n  want {want}")
        return False
    return True


def main():
    ok = True
    k = bytes(range(16))
    m = bytes(range(20))
    ok &= check("RFC 4434 key 16", xcbc_prf(k, m), "47f51b4564966215b8985c63055ed308")
    ok &= check("RFC 4434 key 10", xcbc_prf(k[:10], m), "0fa087af7d866e7653434e602fdde835")
    ok &= check("RFC 4434 key 18", xcbc_prf(k + b"\xed\xcb", m),
                "8cd3c93ae598a9803006ffb67c40e9e4")

    for name, length, inputs, published in CAVP:
        out = derive(name, inputs, length)
        for field, want in published.items():
            ok &= check(f"{name} {field}", out[field], want)
        print(f"{name} computed dkmChild   {out['dkmChild'].hex()}")
        print(f"{name} computed dkmChildDh {out['dkmChildDh'].hex()}")

    # ACVP-Server "IKEv2 SHA2-256" (384-byte DKMs, 256-byte nonces): every field published.
    acvp = ACVP_SHA256
    out = derive("prfsha256", {k: acvp[k] for k in INPUTS}, 384)
    for field in OUTPUTS:
        ok &= check(f"ACVP SHA2-256 {field}", out[field], acvp[field])

    # NSS's self-generated PRF_AES128_XCBC values (8-byte nonces, so the first 64 bits are the
    # whole nonces), as a cross-check of this script's XCBC and prf+.
    nss = derive("prfaesxcbc", CAVP[0][2], 132)
    ok &= check("NSS XCBC SKEYSEED", nss["skeyseed"], "08b95345c9557240ddc98d6e1dfda875")
    ok &= check("NSS XCBC DKM", nss["dkm"],
                "efa38ecee9fd05062f64b655105436d54b4728da66f3bc5768636170ff5017ab"
                "082342a683e7144a58d549c53d4575a2897d14c7c687040e86384065456b8dcd"
                "8aaea88b85b5e4d8ab2f61c015859337000550cda1750a15c1f90af0ddd296e0"
                "a7f291afe46295dd3108078bd8eadf09bc614c205a7c283907c3e6a384ad3f53"
                "73887e83")

    # PRF_AES128_XCBC with 32-byte nonces: SKEYSEED keyed with Ni[0:8] | Nr[0:8] (§2.14), and
    # for contrast the value RFC 4434's long-key rule would give with the whole Ni | Nr.
    xi = bytes(range(0x00, 0x20))
    xr = bytes(range(0x80, 0xa0))
    xg = bytes(range(0x40, 0x60)) * 2
    spii = bytes.fromhex("0123456789abcdef")
    spir = bytes.fromhex("fedcba9876543210")
    seed = skeyseed("prfaesxcbc", xi, xr, xg)
    print("xcbc Ni", xi.hex(), "Nr", xr.hex(), "g^ir", xg.hex())
    print("xcbc SKEYSEED (first 64 bits of each nonce)", seed.hex())
    print("xcbc prf(Ni | Nr, g^ir) (whole nonces, RFC 4434 hashing)", xcbc_prf(xi + xr, xg).hex())
    # prf+ for {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} with aes128 + aesxcbc:
    # 16 + 16 + 16 + 16 + 16 + 16 + 16 = 112 bytes, over the whole nonces.
    dkm = prf_plus(xcbc_prf, seed, xi + xr + spii + spir, 112)
    print("xcbc DKM (112 bytes)", dkm.hex())
    skd = dkm[:16]
    print("xcbc SKEYSEED(Rekey)", xcbc_prf(skd, xg + xi + xr).hex())
    print("xcbc child KEYMAT (aes128 + aesxcbc, 64 bytes)", prf_plus(xcbc_prf, skd, xi + xr, 64).hex())

    print("all published values match" if ok else "SOME PUBLISHED VALUES DIFFER")
    return 0 if ok else 1


INPUTS = ["ni", "nr", "gir", "girNew", "spii", "spir"]
OUTPUTS = ["skeyseed", "dkm", "dkmChild", "dkmChildDh", "skeyseedRekey"]
ACVP_SHA256 = {
    "ni": (
        "0a58fea9c1d4fee2e74e1aad6fb02dd5f318eb127465a112be8dc3c04d5dba62"
        "eae708f9dc1b2362afd6ba4bda3cf5000f4979fbcbadbcfda9291593829c4e90"
        "5c21db0c2ee15175ce77a8a0dadf25c7f175bc53fd91b636a9b3c50b203de9b9"
        "d6dc463dcb4048f101e26498ceaed3afbcd931394a7e099392dfff82e5d6fa85"
        "c2e8a8ab90ad363a66795dc32798847e405acd87988140f973058917273a6b0b"
        "afb962c75e2b1a21e79c08beeb82168bf8b4b57f3dce867bf7862a7b8acbc21b"
        "e838021913daf64340c055ed17aaf7b6e1d0ca33ae890ddbdb83f4e615aad5e3"
        "bff58c3db70bac81a0dfbabe5391fc62bca4659e22a0741e01d8d06e67d9bb41"
    ),
    "nr": (
        "e4fdfa68df6171d9eaff8b7b5ad31e7c6098d259f3397c9854cbefe7449b0864"
        "c1df16ddece8b26567560f8d59182a44c19149c2d0d72606a160021ade3d23c7"
        "c6936c91a4b6bec37adf38cfc84b851c68dcee06f81306f63abbefc07e231e30"
        "58c49437a557df617eac01663593d2a3e594699284c0a35eae6931492ccb2a43"
        "db72a600a3899205d681d2b76b1280e456339bb10e0c584aecfdae31c77a4c40"
        "dbcb345f782ac32835d4c220c1e97254ded6a40075dd717b00b69c86a49e8017"
        "73026536ae02d58a649827f1ba67610ee936dffd11c9d5a9156631916a0a0046"
        "ec0ba42f56f2a18de83d5d71a985b0cc9eec2c06b3d907ca58454419f374069d"
    ),
    "gir": (
        "9d469de41b4739c7dd01f19aa94f17e48150ae9dbede94832142db19"
    ),
    "girNew": (
        "c2987b0767006c3b9aea491bfed1646a3d7194639492b8d45b23b383"
    ),
    "spii": (
        "c8de93111750e409"
    ),
    "spir": (
        "32d51b33508997fa"
    ),
    "skeyseed": (
        "eec13ac67c2e072abb684ab4e7b6ce3e7f400af8b96bed48e113497ed337f8d4"
    ),
    "dkm": (
        "bc83518f63b762874ac57947cdfae33a8d9724df0b83ee4b6df38c23fc2ad829"
        "f4d70b5a68dd1f5a52416f09758638aedf919c09a17c5298cdb703bb75b1005c"
        "ba0109739aaa4efd2fe7534c95ad05e546e4419931270eddcab68ac1589d7fde"
        "47f5b9e8d5b614cb24ec3caf515497a9e99ee6f1b318ff153b539ef071dcaff9"
        "b41945dcb780700d69e5dc888a91de195c52825badfd0ab4c33cec71ab5c2b4b"
        "adefe5455455ce5d8ae91721a2091bcccc1514e69482c9c8da1d9f0f187eedda"
        "916393570a8c0a8dfabc26d8ed31e8ea47662515972a22d11d692bc1fac6395a"
        "ecd82a01ab78daafcd6f3070b1201f158a19331b5d21ceee66fccd2ea37bc076"
        "48b9539a52dbf797af53e31a0e8706dd86cf5081ebabd095f281d23c222dd3bc"
        "5abf06869017ca8f751cafcc85abea6ba88c139d1f32a12f7f486cf57eae5d85"
        "551b97f3963616d8f597c70efa98c1e1fa369fb77a80b1ec5fe533890672c455"
        "1172eab1b7fd68ad08c4d4c69f2a867302065ca730aa6915bc2cfb6d93820977"
    ),
    "dkmChild": (
        "c725012285d56e53244a9baaaf95abfca543708d333a3f3a86ba660e00edd4d4"
        "89bcd631819fda0413382edd9f53d1ed718e056c2ad91d38de90f06cd434de70"
        "141d051c021e7ddd6e4137946b4770dca59a4decabdd866852eb557fdd995646"
        "613ff2923f5f23aa58c8fbd5ad52cf2eac9bda97faad5596695f4a747a0f1cc6"
        "a1f78b2181138fb19ac24574d2e6b3a40d6e688abb919a27d793b76568ec66bd"
        "099f6f476b705c1472d774a1516a11311b887688f36649e24227640ea8d8666b"
        "9f452217e7103b6f0a92b6adb8fbda650ba58d6ac13ac6f6b6361a5d1c44f1e9"
        "f22196c96295115c5d01a120e7265962d20353a049286908da776c2165f706a1"
        "6f43d85fcd319f89c4386340bcb8ed10df38345cb68af719abaf997e9789a5f1"
        "9a392dcecd78168ba282f0b30555c7a47031a3156d12d7158aa41b863b8394d3"
        "0fec63120e89cbc5750eed7786f7d5961b1f2e6faca641ed776d2211bee757b6"
        "8b77f94056172553715da9fbd1c9a8728f28a2f3c9714a4917490132562484cd"
    ),
    "dkmChildDh": (
        "140a1f2a3c94318ece6edfa8c63f37d8d45982de8b6cbfe34011150db0253e34"
        "de3796d4aa579954a0bbf234794eb6e7ece2a8f91100f5507df4ee8e66c7813d"
        "4c0ff64d484a3494c54b0d9c605ea24234a49a010ce5c352feb9e1060c8c7872"
        "29466296cdc9d11bb9d221ed2bb39544572464254ec02a0fbe777b07402c775e"
        "b6d3e53cd16214c707f851942cc7da92a811b6c5c82f29d9fc3751b0ebff9898"
        "fb14372402a6989ffb9cc32dfe7e2cea32fd882e09804d7fea34ce3b5eb6f303"
        "e095c48a452b0a3eccada81af22195ebbaad289aeabdab074c94e751496bde39"
        "d868ebf1d693f36d1c3c672bbb59c9f77aeb68de57d77da231b7f13d6d277f60"
        "0c3d3086c4de7b3a59127f4cb9c118935574f30e1b7c88b52c8c3531fdbd38ee"
        "3d14c69e81803ced6e7501fa0180f6d110b648272002dc1ad5bf09dc83188011"
        "da1d48632e0d2453c8abdd8e9fd32a576aeb9ddfb0a024f674441c20a950d9bd"
        "8cd7b30933cc0d8e87b55e8aa9d913579b410417b3acc13c14bf73c457327873"
    ),
    "skeyseedRekey": (
        "05f796c8df322a7e33283ae5fa2f376d8d5efa0ac3745fc548e430031424c121"
    ),
}

if __name__ == "__main__":
    sys.exit(main())
