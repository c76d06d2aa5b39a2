// SPDX-License-Identifier: GPL-2.0-only
// IKEv2 key derivation (RFC 7296 §2.13-2.18) against NIST's IKEv2 KDF vectors and, for
// PRF_AES128_XCBC, values computed without ns3-ipsec (sources in test/ikev2-kdf-vectors.h).
// Key sizes below are written from the RFCs, not read from the algorithm table: SK_d/SK_pi/SK_pr
// = PRF output (RFC 7296 §2.14, RFC 4434), integrity keys = RFC 2404/3566/4868 key lengths,
// AEAD/CTR keys = cipher key + 4-byte salt or nonce (RFC 5282 §7.1, RFC 7634 §2, RFC 3686 §5.1).

#include "ikev2-kdf-vectors.h"
#include "ipsec-test-util.h"

#include "ns3/ike-prf.h"
#include "ns3/ikev2-keymat.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-crypto-factory.h"

#include <gtest/gtest.h>

using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

const TransformInfo*
Row(const char* keyword)
{
    return keyword == nullptr ? nullptr : FindTransformByKeyword(keyword);
}

uint64_t
Spi(const char* hex)
{
    uint64_t spi = 0;
    for (uint8_t byte : Bytes(hex))
    {
        spi = spi << 8 | byte;
    }
    return spi;
}

/// Bytes [offset, offset + n) of hex, as hex.
std::string
Slice(const char* hex, size_t offset, size_t n)
{
    const auto bytes = Bytes(hex);
    return Hex(ByteSpan(bytes.data() + offset, n));
}

size_t
PrfSize(const Ikev2KdfVector& v)
{
    return CreatePrf(*Row(v.prf))->GetOutputSize();
}

/// An SA suite and its key sizes in bytes, from the RFCs.
struct Suite
{
    const char* encryption; ///< keyword, nullptr for AH
    const char* integrity;  ///< keyword, nullptr for AEAD
    size_t encryptionKey;   ///< key + salt/nonce
    size_t integrityKey;    ///< integrity key
};

const Suite kSuites[] = {
    {"aes128", "sha1", 16, 20},           // RFC 3602, RFC 2404
    {"aes256gcm16", nullptr, 36, 0},      // RFC 4106 §8.1, RFC 5282 §7.1: 32 + 4 salt
    {"chacha20poly1305", nullptr, 36, 0}, // RFC 7634 §2: 32 + 4-byte salt
    {"aes128", "sha256", 16, 32},         // RFC 4868
    {"aes256ctr", "sha512", 36, 64},      // RFC 3686 §5.1: 32 + 4-byte nonce
    {"aes192gcm8", nullptr, 28, 0},       // RFC 4106 §8.1, RFC 5282 §7.1: 24 + 4 salt
    {nullptr, "sha384", 0, 48},           // AH, RFC 4868
    {"aes128", "aesxcbc", 16, 16},        // RFC 3566
};

} // namespace

TEST(Ikev2KeymatKat, NistSkeyseed)
{
    for (const auto& v : kIkev2Kdf)
    {
        const auto skeyseed = ComputeSkeyseed(*Row(v.prf), Bytes(v.ni), Bytes(v.nr), Bytes(v.gir));
        EXPECT_EQ(Hex(skeyseed), Hex(Bytes(v.skeyseed))) << v.source;
    }
}

TEST(Ikev2KeymatKat, NistDkmIsPrfPlus)
{
    for (const auto& v : kIkev2Kdf)
    {
        auto prf = CreatePrf(*Row(v.prf));
        const auto dkm = Bytes(v.dkm);
        const auto got = PrfPlus(*prf,
                                 Bytes(v.skeyseed),
                                 {Bytes(v.ni), Bytes(v.nr), Bytes(v.spiI), Bytes(v.spiR)},
                                 dkm.size());
        EXPECT_EQ(Hex(got), Hex(dkm)) << v.source;
    }
}

TEST(Ikev2KeymatKat, NistChildDkmIsPrfPlusOfSkD)
{
    for (const auto& v : kIkev2Kdf)
    {
        auto prf = CreatePrf(*Row(v.prf));
        const auto skD = Bytes(Slice(v.dkm, 0, PrfSize(v)));
        const size_t length = Bytes(v.dkmChild).size();
        const auto child = PrfPlus(*prf, skD, {Bytes(v.ni), Bytes(v.nr)}, length);
        const auto childDh =
            PrfPlus(*prf, skD, {Bytes(v.girNew), Bytes(v.ni), Bytes(v.nr)}, length);
        EXPECT_EQ(Hex(child), Hex(Bytes(v.dkmChild))) << v.source;
        EXPECT_EQ(Hex(childDh), Hex(Bytes(v.dkmChildDh))) << v.source;
    }
}

TEST(Ikev2KeymatKat, NistRekeySkeyseed)
{
    for (const auto& v : kIkev2Kdf)
    {
        const auto skD = Bytes(Slice(v.dkm, 0, PrfSize(v)));
        const auto skeyseed =
            ComputeRekeySkeyseed(*Row(v.prf), skD, Bytes(v.girNew), Bytes(v.ni), Bytes(v.nr));
        EXPECT_EQ(Hex(skeyseed), Hex(Bytes(v.skeyseedRekey))) << v.source;
    }
}

// {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} are consecutive pieces of the
// published DKM, for every suite whose keys fit in it (132 bytes: e.g. prfsha1 with aes128 +
// sha1 exactly; 384 bytes for the ACVP vector).
TEST(Ikev2KeymatKat, NistIkeSaKeysSplitDkm)
{
    size_t checked = 0;
    for (const auto& v : kIkev2Kdf)
    {
        const size_t prfKey = PrfSize(v);
        const size_t dkmSize = Bytes(v.dkm).size();
        for (const auto& s : kSuites)
        {
            const size_t total = 3 * prfKey + 2 * s.integrityKey + 2 * s.encryptionKey;
            if (s.encryption == nullptr || total > dkmSize)
            {
                continue;
            }
            const auto keys = DeriveIkeSaKeys({Row(v.prf), Row(s.encryption), Row(s.integrity)},
                                              Bytes(v.skeyseed),
                                              Bytes(v.ni),
                                              Bytes(v.nr),
                                              Spi(v.spiI),
                                              Spi(v.spiR));
            const std::string what = std::string(v.source) + " " + s.encryption;
            size_t at = 0;
            auto next = [&](size_t n) {
                at += n;
                return Slice(v.dkm, at - n, n);
            };
            EXPECT_EQ(Hex(keys.skeyseed), Hex(Bytes(v.skeyseed))) << what;
            EXPECT_EQ(Hex(keys.skD), next(prfKey)) << what;
            EXPECT_EQ(Hex(keys.skAi), next(s.integrityKey)) << what;
            EXPECT_EQ(Hex(keys.skAr), next(s.integrityKey)) << what;
            EXPECT_EQ(Hex(keys.skEi), next(s.encryptionKey)) << what;
            EXPECT_EQ(Hex(keys.skEr), next(s.encryptionKey)) << what;
            EXPECT_EQ(Hex(keys.skPi), next(prfKey)) << what;
            EXPECT_EQ(Hex(keys.skPr), next(prfKey)) << what;
            ++checked;
        }
    }
    EXPECT_GE(checked, 8u);
}

// KEYMAT order (§2.17): initiator-to-responder encryption, integrity, then responder-to-
// initiator; from SK_d as DeriveIkeSaKeys gives it, without and with PFS.
TEST(Ikev2KeymatKat, NistChildSaKeymatSplit)
{
    size_t checked = 0;
    for (const auto& v : kIkev2Kdf)
    {
        const auto keys = DeriveIkeSaKeys({Row(v.prf), Row("aes256gcm16"), nullptr},
                                          Bytes(v.skeyseed),
                                          Bytes(v.ni),
                                          Bytes(v.nr),
                                          Spi(v.spiI),
                                          Spi(v.spiR));
        for (const auto& s : kSuites)
        {
            if (2 * (s.encryptionKey + s.integrityKey) > Bytes(v.dkmChild).size())
            {
                continue;
            }
            for (const bool pfs : {false, true})
            {
                const auto keymat = DeriveChildSaKeymat(*Row(v.prf),
                                                        keys.skD,
                                                        {Row(s.encryption), Row(s.integrity)},
                                                        pfs ? Bytes(v.girNew) : Bytes(""),
                                                        Bytes(v.ni),
                                                        Bytes(v.nr));
                const char* expected = pfs ? v.dkmChildDh : v.dkmChild;
                const std::string what = std::string(v.source) + (pfs ? " PFS " : " ") +
                                         (s.encryption ? s.encryption : "AH");
                size_t at = 0;
                auto next = [&](size_t n) {
                    at += n;
                    return Slice(expected, at - n, n);
                };
                EXPECT_EQ(Hex(keymat.initiatorToResponder.encryptionKey), next(s.encryptionKey))
                    << what;
                EXPECT_EQ(Hex(keymat.initiatorToResponder.integrityKey), next(s.integrityKey))
                    << what;
                EXPECT_EQ(Hex(keymat.responderToInitiator.encryptionKey), next(s.encryptionKey))
                    << what;
                EXPECT_EQ(Hex(keymat.responderToInitiator.integrityKey), next(s.integrityKey))
                    << what;
                ++checked;
            }
        }
    }
    EXPECT_GE(checked, 40u);
}

TEST(Ikev2Keymat, PfsChangesChildKeys)
{
    const auto& v = kIkev2Kdf[0];
    const Ikev2ChildSaTransforms esp{Row("aes128"), Row("sha256")};
    const auto skD = Bytes(Slice(v.dkm, 0, PrfSize(v)));
    const auto plain = DeriveChildSaKeymat(*Row(v.prf), skD, esp, {}, Bytes(v.ni), Bytes(v.nr));
    const auto pfs =
        DeriveChildSaKeymat(*Row(v.prf), skD, esp, Bytes(v.girNew), Bytes(v.ni), Bytes(v.nr));
    EXPECT_NE(plain.initiatorToResponder.encryptionKey, pfs.initiatorToResponder.encryptionKey);
    EXPECT_NE(plain.responderToInitiator.integrityKey, pfs.responderToInitiator.integrityKey);
    EXPECT_NE(plain.initiatorToResponder.encryptionKey, plain.responderToInitiator.encryptionKey);
}

TEST(Ikev2Keymat, AeadHasNoIntegrityKeysAndKeepsItsSalt)
{
    const auto& v = kIkev2Kdf[2]; // 384-byte DKMs
    for (const char* aead : {"aes128gcm16", "aes256gcm8", "chacha20poly1305"})
    {
        const TransformInfo* row = Row(aead);
        const auto keys = DeriveIkeSaKeys({Row(v.prf), row, nullptr},
                                          Bytes(v.skeyseed),
                                          Bytes(v.ni),
                                          Bytes(v.nr),
                                          Spi(v.spiI),
                                          Spi(v.spiR));
        EXPECT_TRUE(keys.skAi.empty() && keys.skAr.empty()) << aead;
        EXPECT_EQ(keys.skEi.size(), row->GetCipherKeySize() + 4u) << aead;
        // SK_ei follows SK_d directly: no integrity keys in between
        EXPECT_EQ(Hex(keys.skEi), Slice(v.dkm, 32, keys.skEi.size())) << aead;
        const auto child = DeriveChildSaKeymat(*Row(v.prf),
                                               keys.skD,
                                               {row, nullptr},
                                               {},
                                               Bytes(v.ni),
                                               Bytes(v.nr));
        EXPECT_TRUE(child.initiatorToResponder.integrityKey.empty()) << aead;
        EXPECT_EQ(child.responderToInitiator.encryptionKey.size(), row->GetCipherKeySize() + 4u);
    }
}

TEST(Ikev2Keymat, XcbcSkeyseedTakesFirst64BitsOfEachNonce)
{
    std::vector<uint8_t> nonceI(32);
    std::vector<uint8_t> nonceR(32);
    std::vector<uint8_t> gir(64);
    for (size_t i = 0; i < 32; ++i)
    {
        nonceI[i] = static_cast<uint8_t>(i);
        nonceR[i] = static_cast<uint8_t>(0x80 + i);
        gir[i] = gir[i + 32] = static_cast<uint8_t>(0x40 + i);
    }
    const TransformInfo& xcbc = *Row("prfaesxcbc");
    const auto skeyseed = ComputeSkeyseed(xcbc, nonceI, nonceR, gir);
    EXPECT_EQ(Hex(skeyseed), Hex(Bytes(kXcbcLongNonces.skeyseed)));
    EXPECT_NE(Hex(skeyseed), Hex(Bytes(kXcbcLongNonces.wholeNonceResult)));

    // Bits after the first 64 do not count for SKEYSEED ...
    auto laterBitsChanged = nonceI;
    laterBitsChanged[8] ^= 0xff;
    EXPECT_EQ(ComputeSkeyseed(xcbc, laterBitsChanged, nonceR, gir), skeyseed);
    auto firstBitsChanged = nonceR;
    firstBitsChanged[7] ^= 0x01;
    EXPECT_NE(ComputeSkeyseed(xcbc, nonceI, firstBitsChanged, gir), skeyseed);

    // ... but prf+ takes the whole nonces (§2.14), and so does everything derived later.
    const auto keys = DeriveIkeSaKeys({&xcbc, Row("aes128"), Row("aesxcbc")},
                                      skeyseed,
                                      nonceI,
                                      nonceR,
                                      0x0123456789abcdefULL,
                                      0xfedcba9876543210ULL);
    std::vector<uint8_t> all;
    for (const auto* key :
         {&keys.skD, &keys.skAi, &keys.skAr, &keys.skEi, &keys.skEr, &keys.skPi, &keys.skPr})
    {
        EXPECT_EQ(key->size(), 16u);
        all.insert(all.end(), key->begin(), key->end());
    }
    EXPECT_EQ(Hex(all), Hex(Bytes(kXcbcLongNonces.ikeKeymat)));
    EXPECT_EQ(Hex(ComputeRekeySkeyseed(xcbc, keys.skD, gir, nonceI, nonceR)),
              Hex(Bytes(kXcbcLongNonces.skeyseedRekey)));
    const auto child =
        DeriveChildSaKeymat(xcbc, keys.skD, {Row("aes128"), Row("aesxcbc")}, {}, nonceI, nonceR);
    EXPECT_EQ(Hex(child.initiatorToResponder.encryptionKey) +
                  Hex(child.initiatorToResponder.integrityKey) +
                  Hex(child.responderToInitiator.encryptionKey) +
                  Hex(child.responderToInitiator.integrityKey),
              Hex(Bytes(kXcbcLongNonces.childKeymat)));
}

TEST(Ikev2Keymat, XcbcMatchesNssWithShortNonces)
{
    const auto& v = kIkev2Kdf[0];
    const TransformInfo& xcbc = *Row("prfaesxcbc");
    const auto skeyseed = ComputeSkeyseed(xcbc, Bytes(v.ni), Bytes(v.nr), Bytes(v.gir));
    EXPECT_EQ(Hex(skeyseed), Hex(Bytes(kNssXcbc.skeyseed)));
    auto prf = CreatePrf(xcbc);
    const auto dkm = Bytes(kNssXcbc.dkm);
    EXPECT_EQ(Hex(PrfPlus(*prf,
                          skeyseed,
                          {Bytes(v.ni), Bytes(v.nr), Bytes(v.spiI), Bytes(v.spiR)},
                          dkm.size())),
              Hex(dkm));
}

TEST(Ikev2Keymat, RekeySkeyseedUsesTheOldPrf)
{
    const auto& v = kIkev2Kdf[0]; // HMAC-SHA1
    const auto skD = Bytes(Slice(v.dkm, 0, 20));
    const auto skeyseed =
        ComputeRekeySkeyseed(*Row("prfsha1"), skD, Bytes(v.girNew), Bytes(v.ni), Bytes(v.nr));
    EXPECT_EQ(Hex(skeyseed), Hex(Bytes(v.skeyseedRekey)));
    // the new SA may negotiate another PRF: it expands the old PRF's SKEYSEED
    const auto keys = DeriveIkeSaKeys({Row("prfsha256"), Row("aes128gcm16"), nullptr},
                                      skeyseed,
                                      Bytes(v.ni),
                                      Bytes(v.nr),
                                      1,
                                      2);
    EXPECT_EQ(keys.skeyseed.size(), 20u);
    EXPECT_EQ(keys.skD.size(), 32u);
    EXPECT_EQ(keys.skPr.size(), 32u);
}

TEST(Ikev2Keymat, RefusesTransformsThatDoNotFit)
{
    const auto seed = Bytes("00112233445566778899aabbccddeeff");
    const TransformInfo* prf = Row("prfsha256");
    auto ike = [&](const Ikev2IkeSaTransforms& t) {
        return WhatOf([&]() { DeriveIkeSaKeys(t, seed, seed, seed, 1, 2); });
    };
    auto child = [&](const Ikev2ChildSaTransforms& t) {
        return WhatOf([&]() { DeriveChildSaKeymat(*prf, seed, t, {}, seed, seed); });
    };
    EXPECT_NE(ike({prf, Row("aes128gcm16"), Row("sha256")}).find("no integrity"),
              std::string::npos);
    EXPECT_NE(ike({prf, Row("aes128"), nullptr}).find("needs an integrity"), std::string::npos);
    EXPECT_NE(ike({nullptr, Row("aes128"), Row("sha1")}).find("needs a PRF"), std::string::npos);
    EXPECT_NE(ike({prf, Row("sha1"), Row("sha1")}).find("expected a transform of type encryption"),
              std::string::npos);
    EXPECT_NE(ike({Row("sha256"), Row("aes128"), Row("sha1")})
                  .find("PRF: expected a transform of type PRF"),
              std::string::npos);
    EXPECT_NE(child({Row("chacha20poly1305"), Row("sha1")}).find("no integrity"),
              std::string::npos);
    EXPECT_NE(child({nullptr, nullptr}).find("needs an encryption"), std::string::npos);
    EXPECT_NE(child({Row("aes128"), Row("prfsha1")}).find("expected a transform of type integrity"),
              std::string::npos);
    EXPECT_THROW(ComputeSkeyseed(*Row("sha256"), seed, seed, seed), ConfigError);
    EXPECT_THROW(
        DeriveChildSaKeymat(*Row("aes128"), seed, {Row("aes128"), Row("sha1")}, {}, seed, seed),
        ConfigError);
    // ESP with a confidentiality-only cipher is a valid CHILD SA (RFC 4303 §3.2)
    EXPECT_EQ(child({Row("aes128"), nullptr}), "no exception");
}
