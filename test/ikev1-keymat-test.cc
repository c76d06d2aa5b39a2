// SPDX-License-Identifier: GPL-2.0-only
// IKEv1 key material (RFC 2409 §5, §5.5, Appendix B) against an independent computation: the
// expected values were computed with Python's hmac and hashlib from the RFC's formulas, for
// HMAC-SHA1 and HMAC-SHA2-256: SKEYID for PSK and signatures, SKEYID_d/a/e, the encryption key
// for 16, 24 and 32-byte ciphers (Appendix B expansion when SKEYID_e is too short), HASH_I and
// HASH_R, the quick-mode HASH(1..3), KEYMAT with and without PFS, and the phase-1 and exchange
// IVs. strongSwan IKEv1 captures (the IKEv1 issue's fixtures) are to check them again.
//
//   prf(h, k, *p) = hmac.new(k, b"".join(p), h).digest()
//   psk = b"ns3-ipsec IKEv1 PSK"; ni = bytes(range(16)); nr = bytes(range(16, 48))
//   gxy = b"\xa5" * 128; ckyI = b"\x11" * 8; ckyR = b"\x22" * 8
//   skeyid = prf(h, psk, ni, nr); skeyid_sig = prf(h, ni + nr, gxy)
//   d = prf(h, skeyid, gxy, ckyI, ckyR, b"\0"); a = prf(h, skeyid, d, gxy, ckyI, ckyR, b"\1")
//   e = prf(h, skeyid, a, gxy, ckyI, ckyR, b"\2")
//   enc(n) = e[:n] if len(e) >= n else (K1 = prf(h, e, b"\0"), Kn = prf(h, e, Kn-1))[:n]
//   gxi = b"\x01" * 128; gxr = b"\x02" * 128; sai = b"\0\0\0\1SAbody"
//   hashi = prf(h, skeyid, gxi, gxr, ckyI, ckyR, sai, b"\1\0\0\0\x0a\0\0\1")
//   hashr = prf(h, skeyid, gxr, gxi, ckyR, ckyI, sai, b"\1\0\0\0\x0a\0\0\2")
//   mid = b"\1\2\3\4"; ni2 = b"\x44" * 16; nr2 = b"\x55" * 16; rest = b"the rest of the message"
//   qm1 = prf(h, a, mid, rest); qm2 = prf(h, a, mid, ni2, rest); qm3 = prf(h, a, b"\0", mid,
//   ni2, nr2); keymat: K1 = prf(h, d, [gqm], b"\3", b"\xc0\0\0\1", ni2, nr2), Kn = prf(h, d,
//   Kn-1, [gqm], ...), gqm = b"\x66" * 64 for PFS; IVs: sha1/sha256 as below

#include "ikev1-fixture-util.h"
#include "ipsec-test-util.h"

#include "ns3/ikev1-keymat.h"
#include "ns3/ikev1-message.h"
#include "ns3/ipsec-crypto-factory.h"
#include "ns3/ipsec-hex.h"

#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

struct Ikev1Kat
{
    const char* prf;         ///< PRF keyword
    const char* skeyidPsk;   ///< SKEYID (PSK)
    const char* skeyidSig;   ///< SKEYID (signatures)
    const char* skeyidD;     ///< SKEYID_d
    const char* skeyidA;     ///< SKEYID_a
    const char* skeyidE;     ///< SKEYID_e
    const char* enc16;       ///< 16-byte encryption key
    const char* enc24;       ///< 24-byte encryption key
    const char* enc32;       ///< 32-byte encryption key
    const char* hashI;       ///< HASH_I
    const char* hashR;       ///< HASH_R
    const char* qm1;         ///< HASH(1)
    const char* qm2;         ///< HASH(2)
    const char* qm3;         ///< HASH(3)
    const char* keymat36;    ///< KEYMAT, 36 bytes, no PFS
    const char* keymatPfs52; ///< KEYMAT, 52 bytes, PFS
};

const Ikev1Kat kKats[] = {
    {"prfsha1",
     "e7065e7bc3b1abede921e0f8abb7597f0b4fa4f3",
     "e2ee0510ffe8b1a726faa7ab889465645fcf54d4",
     "6e25e402e9738891a04a2ab3272053803f792526",
     "2ed7c8b5e539ebe2db425ccf157d1e4be73324c9",
     "25b8a966fae7c5f11ded5c4ff6578e655d86f582",
     "25b8a966fae7c5f11ded5c4ff6578e65",
     "bfe62ebdb07252c6e5bc3ecb07ffcd07a359793306b5c88e",
     "bfe62ebdb07252c6e5bc3ecb07ffcd07a359793306b5c88e3fe15463360a4e4c",
     "635d751af54e3ee72aceb8d19cfdbb6dc9c36be5",
     "b98efc7727cc375977c73528238f97d7e28d0ed6",
     "cf335205e2b21c41121bf14e2e52213d556eadf8",
     "d10e3a68a72383d9ae2ac97be58f6b1b5219a4f9",
     "44eae22ded79c8dae0030a9c8ee43e0905cd0ee5",
     "e907ac7e112efb400fc700d9b574909741a22996eecd7264425de011543da6da09b77eaf",
     "fc5517ad5bb4d30c042f49993d11d6bffa76cbda293fbc2aa0daf915cd130026d65ff2d49f901eb5ddf7fe78ea5b7"
     "3264604a82e"},
    {"prfsha256",
     "2aeab24d64a19c4c4132506d45fc7a7ceb40e57a70b55ed5767649e47a21c994",
     "e749dbfaa17d675b8c8a2b1a8892b4ccaa595fb4b911d101dc0608357abeaec4",
     "8050af086e8654bb4dd9f4ec05ce6ee44e7c8db67eca4a3bd1829d4e981414ce",
     "ad3f09dd5048ac2a5bc07652c66ce03df382237128cd92f993af34abd9993e5e",
     "0a25ae9fbfbbf3c6967d9b8b0c40b4a4a2cc88f6c9001eab79f94403b40e844b",
     "0a25ae9fbfbbf3c6967d9b8b0c40b4a4",
     "0a25ae9fbfbbf3c6967d9b8b0c40b4a4a2cc88f6c9001eab",
     "0a25ae9fbfbbf3c6967d9b8b0c40b4a4a2cc88f6c9001eab79f94403b40e844b",
     "957b836b5cb5ee170fe55b666c764a4bef1bfc2c889c845b4f874cfd59bbbe72",
     "0c8325e5904d9ebff93ebe055bab6b9a1f532fd351a480c4ff1016692338fc59",
     "af060a392049ddd516fcf39d2dd57afc2b2956b302a59ca6e46fac51cfad68d8",
     "8439eae4bede4e47c6080acd9718976a027375f94f41468f4198f34e22c8709e",
     "01349c37b9ce60d7bcf4b1400118d7629890bebda541e2a302ab168409147020",
     "20a23c6118fe7fe7b89c1ad09b3d252153d07d24a500c184ec419efec178de1e41a7c5c0",
     "d7261f85547326a8a588c2ff8ccea0d61893b7ed52d4c9aef8b9554a4541d287f39b128c468c8636b615c47cd8032"
     "012cbf6cd9e"},
};

std::vector<uint8_t>
Fill(uint8_t v, size_t n)
{
    return std::vector<uint8_t>(n, v);
}

std::vector<uint8_t>
Text(const std::string& s)
{
    return std::vector<uint8_t>(s.begin(), s.end());
}

std::vector<uint8_t>
Range(unsigned from, unsigned to)
{
    std::vector<uint8_t> v;
    for (unsigned i = from; i < to; i++)
    {
        v.push_back(static_cast<uint8_t>(i));
    }
    return v;
}

} // namespace

TEST(Ikev1Keymat, DerivationMatchesAnIndependentComputation)
{
    const auto psk = Text("ns3-ipsec IKEv1 PSK");
    const auto ni = Range(0, 16);
    const auto nr = Range(16, 48);
    const auto gxy = Fill(0xa5, 128);
    const auto ckyI = Fill(0x11, 8);
    const auto ckyR = Fill(0x22, 8);
    const auto gxi = Fill(0x01, 128);
    const auto gxr = Fill(0x02, 128);
    const std::vector<uint8_t> sai = {0, 0, 0, 1, 'S', 'A', 'b', 'o', 'd', 'y'};
    const std::vector<uint8_t> idi = {1, 0, 0, 0, 10, 0, 0, 1};
    const std::vector<uint8_t> idr = {1, 0, 0, 0, 10, 0, 0, 2};
    const auto ni2 = Fill(0x44, 16);
    const auto nr2 = Fill(0x55, 16);
    const auto rest = Text("the rest of the message");
    const std::vector<uint8_t> spi = {0xc0, 0, 0, 1};
    for (const Ikev1Kat& k : kKats)
    {
        SCOPED_TRACE(k.prf);
        auto prf = CreatePrf(*FindTransformByKeyword(k.prf));
        const auto skeyid = Ikev1SkeyidPsk(*prf, psk, ni, nr);
        EXPECT_EQ(Hex(skeyid), k.skeyidPsk);
        EXPECT_EQ(Hex(Ikev1SkeyidSignature(*prf, ni, nr, gxy)), k.skeyidSig);
        const Ikev1Keys keys = Ikev1DeriveKeys(*prf, skeyid, gxy, ckyI, ckyR);
        EXPECT_EQ(Hex(keys.skeyid), k.skeyidPsk);
        EXPECT_EQ(Hex(keys.skeyidD), k.skeyidD);
        EXPECT_EQ(Hex(keys.skeyidA), k.skeyidA);
        EXPECT_EQ(Hex(keys.skeyidE), k.skeyidE);
        EXPECT_EQ(Hex(Ikev1EncryptionKey(*prf, keys.skeyidE, 16)), k.enc16);
        EXPECT_EQ(Hex(Ikev1EncryptionKey(*prf, keys.skeyidE, 24)), k.enc24);
        EXPECT_EQ(Hex(Ikev1EncryptionKey(*prf, keys.skeyidE, 32)), k.enc32);
        EXPECT_EQ(Hex(Ikev1Phase1Hash(*prf, skeyid, true, gxi, gxr, ckyI, ckyR, sai, idi)),
                  k.hashI);
        EXPECT_EQ(Hex(Ikev1Phase1Hash(*prf, skeyid, false, gxi, gxr, ckyI, ckyR, sai, idr)),
                  k.hashR);
        EXPECT_EQ(Hex(Ikev1QuickModeHash(*prf, keys.skeyidA, 1, 0x01020304, {}, rest)), k.qm1);
        EXPECT_EQ(Hex(Ikev1QuickModeHash(*prf, keys.skeyidA, 2, 0x01020304, ni2, rest)), k.qm2);
        EXPECT_EQ(Hex(Ikev1QuickModeHash(*prf, keys.skeyidA, 3, 0x01020304, ni2, nr2)), k.qm3);
        EXPECT_TRUE(Ikev1QuickModeHash(*prf, keys.skeyidA, 4, 0x01020304, ni2, nr2).empty());
        EXPECT_EQ(Hex(Ikev1Keymat(*prf, keys.skeyidD, {}, 3, spi, ni2, nr2, 36)), k.keymat36);
        EXPECT_EQ(Hex(Ikev1Keymat(*prf, keys.skeyidD, Fill(0x66, 64), 3, spi, ni2, nr2, 52)),
                  k.keymatPfs52);
    }
}

TEST(Ikev1Keymat, CbcIvsOfPhaseOneAndOfLaterExchanges)
{
    // sha1(gxi | gxr)[:16], sha256(gxi | gxr)[:8], sha1(b"\x33" * 16 | mid)[:16]
    EXPECT_EQ(Hex(Ikev1Phase1Iv(EVP_sha1(), Fill(1, 128), Fill(2, 128), 16)),
              "f64fd25db61edf0bc60f87d4f99dec09");
    EXPECT_EQ(Hex(Ikev1Phase1Iv(EVP_sha256(), Fill(1, 128), Fill(2, 128), 8)), "95a08fc25e02ca70");
    EXPECT_EQ(Hex(Ikev1ExchangeIv(EVP_sha1(), Fill(0x33, 16), 0x01020304, 16)),
              "4ff2bf32696986fbfa7fe4756667ff18");
    // a hash shorter than the block gives no IV rather than a short one
    EXPECT_TRUE(Ikev1Phase1Iv(EVP_md5(), Fill(1, 8), Fill(2, 8), 32).empty());
}

namespace
{

/// A clear IKEv1 message's payloads, read with this module's codec.
std::vector<Ikev1Payload>
V1Payloads(const std::vector<uint8_t>& m)
{
    Ikev1Message message;
    EXPECT_EQ(Ikev1Message::Parse(m, message), IkeParseError::NONE);
    return message.payloads;
}

} // namespace

// strongSwan 5.9.8 in IKEv1 aggressive mode with a PSK (test/data/ikev1/v1-02-aggressive-psk:
// aes256-sha256-modp2048, charon's level-4 log as derivations.txt). Messages 1 and 2 are in
// the clear, so SKEYID, SKEYID_d/a/e, Ka, the phase-1 IV and HASH_I/HASH_R can be recomputed
// from them and the PSK; the first quick-mode IV from the last block of message 3; KEYMAT from
// the SA seeds charon logged.
TEST(Ikev1Keymat, StrongSwanAggressiveModeValues)
{
    const std::string name = "v1-02-aggressive-psk";
    std::vector<std::vector<uint8_t>> msgs;
    for (const auto& f : ReadIkev1Frames(name))
    {
        msgs.push_back(f.ike);
    }
    ASSERT_GE(msgs.size(), 3u);
    const auto m1 = V1Payloads(msgs[0]);
    const auto m2 = V1Payloads(msgs[1]);
    constexpr uint8_t SA = 1, KE = 4, ID = 5, NONCE = 10;
    const std::vector<uint8_t> ckyI(msgs[0].begin(), msgs[0].begin() + 8);
    const std::vector<uint8_t> ckyR(msgs[1].begin() + 8, msgs[1].begin() + 16);
    const auto ni = Ikev1BodyOf(m1, NONCE);
    const auto nr = Ikev1BodyOf(m2, NONCE);
    const auto gxi = Ikev1BodyOf(m1, KE);
    const auto gxr = Ikev1BodyOf(m2, KE);
    ASSERT_FALSE(ni.empty() || nr.empty() || gxi.empty() || gxr.empty());
    auto prf = CreatePrf(*FindTransformByKeyword("prfsha256"));
    const auto skeyid = Ikev1SkeyidPsk(*prf, Text("ns3-ipsec IKEv2 fixture PSK"), ni, nr);
    EXPECT_EQ(Hex(skeyid), Hex(Ikev1Logged(name, "SKEYID")));
    const Ikev1Keys k = Ikev1DeriveKeys(*prf,
                                        skeyid,
                                        Ikev1Logged(name, "shared_Diffie_Hellman_secret"),
                                        ckyI,
                                        ckyR);
    EXPECT_EQ(Hex(k.skeyidD), Hex(Ikev1Logged(name, "SKEYID_d")));
    EXPECT_EQ(Hex(k.skeyidA), Hex(Ikev1Logged(name, "SKEYID_a")));
    EXPECT_EQ(Hex(k.skeyidE), Hex(Ikev1Logged(name, "SKEYID_e")));
    EXPECT_EQ(Hex(Ikev1EncryptionKey(*prf, k.skeyidE, 32)),
              Hex(Ikev1Logged(name, "encryption_key_Ka")));
    EXPECT_EQ(Hex(Ikev1Phase1Iv(EVP_sha256(), gxi, gxr, 16)), Hex(Ikev1Logged(name, "initial_IV")));
    EXPECT_EQ(Hex(Ikev1Phase1Hash(*prf,
                                  skeyid,
                                  false,
                                  gxi,
                                  gxr,
                                  ckyI,
                                  ckyR,
                                  Ikev1BodyOf(m1, SA),
                                  Ikev1BodyOf(m2, ID))),
              Hex(Ikev1Logged(name, "HASH_R")));
    EXPECT_EQ(Hex(Ikev1Phase1Hash(*prf,
                                  skeyid,
                                  true,
                                  gxi,
                                  gxr,
                                  ckyI,
                                  ckyR,
                                  Ikev1BodyOf(m1, SA),
                                  Ikev1BodyOf(m1, ID))),
              Hex(Ikev1Logged(name, "HASH_I")));
    // the first quick mode's IV: hash(last phase-1 block | M-ID), M-ID from message 4's header
    const auto& m3 = msgs[2];
    const auto& qm1 = msgs[3];
    const uint32_t mid = (qm1[20] << 24) | (qm1[21] << 16) | (qm1[22] << 8) | qm1[23];
    EXPECT_EQ(
        Hex(Ikev1ExchangeIv(EVP_sha256(), std::vector<uint8_t>(m3.end() - 16, m3.end()), mid, 16)),
        Hex(Ikev1Logged(name, "next_IV_for_MID_" + std::to_string(mid))));
    // KEYMAT = encryption key | integrity key, from protocol | SPI | Ni_b | Nr_b
    for (const char* side : {"initiator", "responder"})
    {
        SCOPED_TRACE(side);
        const auto seed = Ikev1Logged(name, std::string(side) + "_SA_seed");
        ASSERT_EQ(seed.size(), 69u);
        const auto keymat = Ikev1Keymat(*prf,
                                        k.skeyidD,
                                        {},
                                        seed[0],
                                        ByteSpan(seed.data() + 1, 4),
                                        ByteSpan(seed.data() + 5, 32),
                                        ByteSpan(seed.data() + 37, 32),
                                        48);
        EXPECT_EQ(Hex(keymat),
                  Hex(Ikev1Logged(name, std::string("encryption_") + side + "_key")) +
                      Hex(Ikev1Logged(name, std::string("integrity_") + side + "_key")));
    }
}
