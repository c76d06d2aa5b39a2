// SPDX-License-Identifier: GPL-2.0-only
// IKEv2 proposal strings (model/ike-proposal): parsing against IANA IDs, every refusal and its
// message, ToString round trips, key sizes and what a chosen CHILD proposal gives an SA.

#include "ipsec-test-util.h"

#include "ns3/ike-proposal.h"
#include "ns3/ikev2-keymat.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-security-association.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace ipsec
{
namespace
{

using test::WhatOf;

/// (IANA ID, key length) of each transform, to compare with the RFC 7296 §3.3.2 registries.
std::vector<std::pair<uint16_t, uint16_t>>
Ids(const std::vector<const TransformInfo*>& rows)
{
    std::vector<std::pair<uint16_t, uint16_t>> out;
    for (const auto* row : rows)
    {
        out.emplace_back(row->id, row->keyLengthBits);
    }
    return out;
}

using IdList = std::vector<std::pair<uint16_t, uint16_t>>;

bool
Contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

std::string
IkeError(const std::string& text)
{
    return WhatOf([&] { ParseIkeProposals(text); });
}

std::string
EspError(const std::string& text)
{
    return WhatOf([&] { ParseChildProposals(text, IpsecProtocol::ESP); });
}

std::string
AhError(const std::string& text)
{
    return WhatOf([&] { ParseChildProposals(text, IpsecProtocol::AH); });
}

TEST(IkeProposal, ParsesToIanaTransforms)
{
    struct Case
    {
        const char* text;
        IdList encr;
        IdList integ;
        IdList prf;
        std::vector<uint16_t> ke;
    };

    const Case cases[] = {
        // The PRF comes from the integrity algorithm when no prf keyword is given (strongSwan).
        {"aes256-sha256-modp3072", {{12, 256}}, {{12, 0}}, {{5, 0}}, {15}},
        {"aes128gcm16-prfsha256-ecp256", {{20, 128}}, {}, {{5, 0}}, {19}},
        {"aes128-aes256-sha256-sha1-modp2048-ecp256",
         {{12, 128}, {12, 256}},
         {{12, 0}, {2, 0}},
         {{5, 0}, {2, 0}},
         {14, 19}},
        {"aes-sha1-x25519", {{12, 128}}, {{2, 0}}, {{2, 0}}, {31}},
        {"chacha20poly1305-prfsha512-curve25519", {{28, 0}}, {}, {{7, 0}}, {31}},
        {"aes128ctr-aesxcbc-modp2048", {{13, 128}}, {{5, 0}}, {{4, 0}}, {14}},
        // An explicit PRF replaces the derived one.
        {"aes256-sha384-prfsha256-ecp384", {{12, 256}}, {{13, 0}}, {{5, 0}}, {20}},
        {"3des-sha512-modp4096", {{3, 0}}, {{14, 0}}, {{7, 0}}, {16}},
        {" AES256 - SHA256 - MODP3072 ", {{12, 256}}, {{12, 0}}, {{5, 0}}, {15}},
        {"aes256gcm8-aes256gcm12-prfsha384-prfsha1-ecp521-ecp256",
         {{18, 256}, {19, 256}},
         {},
         {{6, 0}, {2, 0}},
         {21, 19}},
    };
    for (const auto& c : cases)
    {
        const IkeProposal p = IkeProposal::Parse(c.text);
        EXPECT_EQ(p.number, 1) << c.text;
        EXPECT_EQ(Ids(p.encryption), c.encr) << c.text;
        EXPECT_EQ(Ids(p.integrity), c.integ) << c.text;
        EXPECT_EQ(Ids(p.prf), c.prf) << c.text;
        EXPECT_EQ(p.keyExchange, c.ke) << c.text;
        EXPECT_NO_THROW(p.Validate()) << c.text;
    }
}

TEST(IkeProposal, ListIsNumberedFromOne)
{
    const auto list = ParseIkeProposals("aes256-sha256-modp3072,aes128gcm16-prfsha256-ecp256");
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].number, 1);
    EXPECT_EQ(list[1].number, 2);
    EXPECT_FALSE(list[0].IsAead());
    EXPECT_TRUE(list[1].IsAead());
    EXPECT_EQ(ToString(list), "aes256-sha256-prfsha256-modp3072,aes128gcm16-prfsha256-ecp256");
    EXPECT_EQ(ParseIkeProposals(" aes128-sha1-modp2048 , aes256-sha256-ecp256 ").size(), 2u);
}

TEST(IkeProposal, RefusalsSayWhatToFix)
{
    struct Case
    {
        const char* text;
        std::vector<const char*> says;
    };

    const Case cases[] = {
        {"", {"IKE proposal \"\": is empty"}},
        {"aes128-sha999-modp2048",
         {"unknown algorithm \"sha999\"", "valid IKE keywords", "prfsha256", "ecp256"}},
        {"aes128-sha256-modp6144",
         {"key exchange method \"modp6144\" is not available", "use one of modp2048"}},
        {"null-sha256-modp2048", {"ENCR_NULL (\"null\") is not allowed for an IKE SA"}},
        {"aes128gmac-prfsha256-modp2048",
         {"ENCR_NULL_AUTH_AES_GMAC (\"aes128gmac\") is not allowed for an IKE SA"}},
        {"aes128gcm16-ecp256", {"names no PRF", "\"aes128gcm16-prfsha256-ecp256\""}},
        {"aes128gcm16-sha256-ecp256",
         {"takes no integrity algorithm", "remove sha256", "\"aes128gcm16-prfsha256-ecp256\""}},
        {"aes128gcm16-sha256-prfsha384-ecp256", {"takes no integrity algorithm", "remove sha256"}},
        {"aes128-aes128gcm16-sha256-ecp256", {"mixes AEAD and non-AEAD", "separate proposals"}},
        {"aes128-sha256", {"names no key exchange method", "modp2048"}},
        {"aes128-modp2048", {"aes128 needs an integrity algorithm", "\"aes128-sha256\""}},
        {"aes128-prfsha256-modp2048", {"aes128 needs an integrity algorithm"}},
        {"sha256-modp2048", {"names no encryption algorithm"}},
        {"aes128-sha256-modp2048-esn", {"\"esn\" belongs in ESP or AH proposals"}},
        {"aes128-sha256-modp2048-none", {"always runs a key exchange", "remove \"none\""}},
        {"aes128-aes-sha256-modp2048", {"names \"aes\" twice"}},
        {"aes128-sha256-ecp256-x25519-curve25519", {"names \"curve25519\" twice"}},
        {"aes128--sha256-modp2048", {"empty keyword"}},
        {"aes128-sha256-modp2048-", {"empty keyword"}},
        {"aes128-sha256-modp2048,", {"IKE proposal 2 \"\" of", "is empty"}},
        {"aes128-sha256-modp2048,,aes256-sha256-modp2048", {"IKE proposal 2 \"\" of"}},
        {"aes128-sha256-modp2048,aes128gcm16-ecp256",
         {"IKE proposal 2 \"aes128gcm16-ecp256\" of \"aes128-sha256-modp2048,aes128gcm16-ecp256\"",
          "names no PRF"}},
    };
    for (const auto& c : cases)
    {
        const std::string error = IkeError(c.text);
        EXPECT_TRUE(Contains(error, "ns3-ipsec configuration error: ")) << c.text << ": " << error;
        for (const char* part : c.says)
        {
            EXPECT_TRUE(Contains(error, part)) << c.text << ": " << error;
        }
    }
}

TEST(IkeProposal, ValidateChecksAssembledProposals)
{
    IkeProposal p = IkeProposal::Parse("aes128-sha256-modp2048");
    p.keyExchange = {17}; // modp6144: not in this module's key exchange table
    EXPECT_TRUE(Contains(WhatOf([&] { p.Validate(); }), "key exchange method 17 is not available"));
    p.keyExchange = {14};
    p.prf.clear();
    EXPECT_TRUE(Contains(WhatOf([&] { p.Validate(); }), "names no PRF"));
    p.prf = {FindTransformByKeyword("sha256")};
    EXPECT_TRUE(
        Contains(WhatOf([&] { p.Validate(); }), "its PRF list holds sha256, of type integrity"));
    p.prf = {FindTransformByKeyword("prfsha256")};
    p.encryption = {FindTransformByKeyword("null")};
    EXPECT_TRUE(Contains(WhatOf([&] { p.Validate(); }), "not allowed for an IKE SA"));
    p.encryption = {nullptr};
    EXPECT_TRUE(Contains(WhatOf([&] { p.Validate(); }), "holds a null transform"));
}

TEST(ChildProposal, ParsesEspAndAh)
{
    struct Case
    {
        const char* text;
        IpsecProtocol protocol;
        IdList encr;
        IdList integ;
        std::vector<uint16_t> ke;
        std::vector<bool> esn;
    };

    const IpsecProtocol esp = IpsecProtocol::ESP;
    const IpsecProtocol ah = IpsecProtocol::AH;
    const Case cases[] = {
        {"aes128gcm16-ecp256", esp, {{20, 128}}, {}, {19}, {false}},
        {"aes128-sha256-esn", esp, {{12, 128}}, {{12, 0}}, {}, {true}},
        {"aes128gcm16", esp, {{20, 128}}, {}, {}, {false}},
        {"aes256-sha512-modp2048-none-esn-noesn",
         esp,
         {{12, 256}},
         {{14, 0}},
         {14, 0},
         {true, false}},
        {"null-sha256", esp, {{11, 0}}, {{12, 0}}, {}, {false}},
        {"aes128gmac", esp, {{21, 128}}, {}, {}, {false}},
        {"chacha20poly1305-x25519-noesn", esp, {{28, 0}}, {}, {31}, {false}},
        {"aes128ctr-aes256ctr-sha1-aesxcbc",
         esp,
         {{13, 128}, {13, 256}},
         {{2, 0}, {5, 0}},
         {},
         {false}},
        {"sha256", ah, {}, {{12, 0}}, {}, {false}},
        {"sha1-sha256-ecp256-esn", ah, {}, {{2, 0}, {12, 0}}, {19}, {true}},
        {"aesxcbc-noesn-esn", ah, {}, {{5, 0}}, {}, {false, true}},
    };
    for (const auto& c : cases)
    {
        const ChildProposal p = ChildProposal::Parse(c.text, c.protocol);
        EXPECT_EQ(p.protocol, c.protocol) << c.text;
        EXPECT_EQ(Ids(p.encryption), c.encr) << c.text;
        EXPECT_EQ(Ids(p.integrity), c.integ) << c.text;
        EXPECT_EQ(p.keyExchange, c.ke) << c.text;
        EXPECT_EQ(p.esn, c.esn) << c.text;
        EXPECT_NO_THROW(p.Validate()) << c.text;
    }
    const auto list = ParseChildProposals("aes128gcm16-ecp256,aes128-sha256-esn,aes128gcm16");
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[2].number, 3);
}

TEST(ChildProposal, RefusalsSayWhatToFix)
{
    struct Case
    {
        IpsecProtocol protocol;
        const char* text;
        std::vector<const char*> says;
    };

    const IpsecProtocol esp = IpsecProtocol::ESP;
    const IpsecProtocol ah = IpsecProtocol::AH;
    const Case cases[] = {
        {esp, "", {"ESP proposal \"\": is empty"}},
        {esp, "aes128gcm16-prfsha256", {"\"prfsha256\" is a PRF, which belongs in IKE proposals"}},
        {esp, "aes128", {"aes128 needs an integrity algorithm"}},
        {esp, "null", {"null needs an integrity algorithm"}},
        {esp, "sha256", {"names no encryption algorithm (\"null\" for integrity only)"}},
        {esp, "aes128gcm16-sha256", {"takes no integrity algorithm", "remove sha256"}},
        {esp, "aes128-aes128gcm16-sha256", {"mixes AEAD and non-AEAD"}},
        {esp, "aes128-sha256-modp8192", {"\"modp8192\" is not available", "curve25519"}},
        {esp, "aes128-sha256-esn-esn", {"names \"esn\" twice"}},
        {esp, "aes128-sha256-none-modpnone", {"names \"modpnone\" twice"}},
        {esp, "aes128-sha256-foo", {"unknown algorithm \"foo\"", "none (PFS optional)", "noesn"}},
        {esp, "aes128-sha256,aes128", {"ESP proposal 2 \"aes128\" of", "needs an integrity"}},
        {ah, "aes128-sha256", {"AH only authenticates", "remove \"aes128\" or use ESP"}},
        {ah, "aes128gmac", {"AH with AES-GMAC is not available", "ESP with \"aes128gmac\""}},
        {ah, "esn", {"AH proposal \"esn\": names no integrity algorithm"}},
        {ah, "sha256-prfsha256", {"is a PRF"}},
        {ah, "", {"AH proposal \"\": is empty"}},
    };
    for (const auto& c : cases)
    {
        const std::string error = c.protocol == esp ? EspError(c.text) : AhError(c.text);
        EXPECT_TRUE(Contains(error, "ns3-ipsec configuration error: ")) << c.text << ": " << error;
        for (const char* part : c.says)
        {
            EXPECT_TRUE(Contains(error, part)) << c.text << ": " << error;
        }
    }
    ChildProposal p = ChildProposal::Parse("aes128-sha256");
    p.esn.clear();
    EXPECT_TRUE(Contains(WhatOf([&] { p.Validate(); }), "offers no ESN choice"));
    p.esn = {false};
    p.protocol = IpsecProtocol::ESP_AH;
    EXPECT_TRUE(Contains(WhatOf([&] { p.Validate(); }), "for ESP or AH"));
}

TEST(Proposals, ToStringParsesBackToTheSameProposal)
{
    for (const char* text : {"aes256-sha256-modp3072",
                             "aes128gcm16-prfsha256-ecp256",
                             "aes-aes256-sha1-sha256-x25519-modp2048",
                             "chacha20poly1305-prfsha512-curve25519",
                             "3des-aesxcbc-prfsha1-modp4096-ecp521",
                             "aes256-sha256-modp3072,aes128gcm16-prfsha256-ecp256"})
    {
        const auto list = ParseIkeProposals(text);
        EXPECT_EQ(ParseIkeProposals(ToString(list)), list) << text;
    }
    for (const char* text : {"aes128gcm16-ecp256",
                             "aes128-sha256-esn",
                             "aes128gcm16",
                             "aes256-sha512-modp2048-none-noesn-esn",
                             "null-sha1,aes128gmac-esn",
                             "aes128-sha256-noesn"})
    {
        const auto list = ParseChildProposals(text);
        EXPECT_EQ(ParseChildProposals(ToString(list)), list) << text;
    }
    const auto ah = ParseChildProposals("sha256-esn,sha1-ecp256", IpsecProtocol::AH);
    EXPECT_EQ(ParseChildProposals(ToString(ah), IpsecProtocol::AH), ah);
    // The canonical spelling: main keywords, PRFs spelled out, "noesn" alone left out.
    EXPECT_EQ(IkeProposal::Parse("aes-sha1-x25519").ToString(), "aes128-sha1-prfsha1-curve25519");
    EXPECT_EQ(ChildProposal::Parse("AES128-SHA256-NOESN").ToString(), "aes128-sha256");
    EXPECT_EQ(ChildProposal::Parse("aes128-sha256-noesn-esn").ToString(),
              "aes128-sha256-noesn-esn");
    EXPECT_EQ(ChildProposal::Parse("aes128gcm16-modpnone-ecp256").ToString(),
              "aes128gcm16-none-ecp256");
    EXPECT_EQ(GetKeKeyword(17), "ke17"); // modp6144: not in this module's table
}

TEST(IkeProposal, KeySizesFollowRfc7296Section214)
{
    const IkeKeySizes cbc = IkeProposal::Parse("aes256-sha256-modp3072").GetKeySizes();
    EXPECT_EQ(cbc.skD, 32u); // PRF_HMAC_SHA2_256's preferred key length
    EXPECT_EQ(cbc.skA, 32u);
    EXPECT_EQ(cbc.skE, 32u);
    EXPECT_EQ(cbc.skP, 32u);
    EXPECT_EQ(cbc.GetTotal(), 32u + 2 * 96);
    // GCM keys carry their 4-byte salt (RFC 5282 §7.1); no integrity key.
    const IkeKeySizes gcm = IkeProposal::Parse("aes128gcm16-prfsha384-ecp256").GetKeySizes();
    EXPECT_EQ(gcm.skD, 48u);
    EXPECT_EQ(gcm.skA, 0u);
    EXPECT_EQ(gcm.skE, 20u);
    EXPECT_EQ(gcm.GetTotal(), 48u + 2 * (20 + 48));
    EXPECT_EQ(IkeProposal::Parse("aes128-aesxcbc-modp2048").GetKeySizes().skD, 16u);
    EXPECT_TRUE(
        Contains(WhatOf([] { IkeProposal::Parse("aes128-aes256-sha1-ecp256").GetKeySizes(); }),
                 "offers alternatives"));
}

TEST(ChildProposal, KeySizesFollowRfc7296Section217)
{
    struct Case
    {
        IpsecProtocol protocol;
        const char* text;
        uint32_t encr;
        uint32_t integ;
    };

    const Case cases[] = {
        {IpsecProtocol::ESP, "aes128gcm16", 20, 0},
        {IpsecProtocol::ESP, "aes256-sha512", 32, 64},
        {IpsecProtocol::ESP, "aes128ctr-sha1", 20, 20},
        {IpsecProtocol::ESP, "chacha20poly1305-ecp256", 36, 0},
        {IpsecProtocol::ESP, "null-aesxcbc", 0, 16},
        {IpsecProtocol::AH, "sha256-esn", 0, 32},
    };
    for (const auto& c : cases)
    {
        const ChildKeySizes sizes = ChildProposal::Parse(c.text, c.protocol).GetKeySizes();
        EXPECT_EQ(sizes.encryptionKey, c.encr) << c.text;
        EXPECT_EQ(sizes.integrityKey, c.integ) << c.text;
        EXPECT_EQ(sizes.GetTotal(), 2 * (c.encr + c.integ)) << c.text;
    }
    EXPECT_TRUE(
        Contains(WhatOf([] { ChildProposal::Parse("aes128-sha256-esn-noesn").GetKeySizes(); }),
                 "offers alternatives"));
    EXPECT_TRUE(
        Contains(WhatOf([] { ChildProposal::Parse("sha256", IpsecProtocol::AH).GetEspSuite(); }),
                 "has no ESP suite"));
}

TEST(Proposals, KeySizesAgreeWithIkev2Keymat)
{
    // The sizes a chosen proposal announces are those ikev2-keymat derives, for every cipher an
    // IKE SA may use with every PRF, and every ESP cipher and AH integrity algorithm.
    const std::vector<uint8_t> ni(32, 1);
    const std::vector<uint8_t> nr(32, 2);
    for (const auto& encr : GetTransformTable())
    {
        for (const auto& prf : GetTransformTable())
        {
            if (encr.type != TransformType::ENCR || !encr.IsAllowedForIkeSa() ||
                prf.type != TransformType::PRF)
            {
                continue;
            }
            const std::string text = std::string(encr.keyword) + (encr.IsAead() ? "" : "-sha384") +
                                     "-" + prf.keyword + "-ecp256";
            const IkeProposal p = IkeProposal::Parse(text);
            Ikev2IkeSaTransforms transforms;
            transforms.prf = p.prf.front();
            transforms.encryption = p.encryption.front();
            transforms.integrity = p.integrity.empty() ? nullptr : p.integrity.front();
            const std::vector<uint8_t> skeyseed(prf.icvSize, 3);
            const Ikev2IkeSaKeys keys = DeriveIkeSaKeys(transforms, skeyseed, ni, nr, 1, 2);
            const IkeKeySizes sizes = p.GetKeySizes();
            EXPECT_EQ(keys.skD.size(), sizes.skD) << text;
            EXPECT_EQ(keys.skAi.size(), sizes.skA) << text;
            EXPECT_EQ(keys.skEr.size(), sizes.skE) << text;
            EXPECT_EQ(keys.skPi.size(), sizes.skP) << text;
        }
    }
    const TransformInfo* prf = FindTransformByKeyword("prfsha256");
    const std::vector<uint8_t> skD(32, 4);
    for (const auto& row : GetTransformTable())
    {
        if (row.type != TransformType::ENCR && row.type != TransformType::INTEG)
        {
            continue;
        }
        const ChildProposal p =
            row.type == TransformType::ENCR
                ? ChildProposal::Parse(std::string(row.keyword) + (row.IsAead() ? "" : "-sha1"))
                : ChildProposal::Parse(row.keyword, IpsecProtocol::AH);
        Ikev2ChildSaTransforms transforms;
        transforms.encryption = p.encryption.empty() ? nullptr : p.encryption.front();
        transforms.integrity = p.integrity.empty() ? nullptr : p.integrity.front();
        const Ikev2ChildSaKeymat keymat = DeriveChildSaKeymat(*prf, skD, transforms, {}, ni, nr);
        const ChildKeySizes sizes = p.GetKeySizes();
        EXPECT_EQ(keymat.responderToInitiator.encryptionKey.size(), sizes.encryptionKey)
            << p.ToString();
        EXPECT_EQ(keymat.responderToInitiator.integrityKey.size(), sizes.integrityKey)
            << p.ToString();
    }
}

/// An SA built from an accepted proposal and keys of the sizes it announces.
SaConfig
SaFrom(const ChildProposal& p, uint32_t extraEncryption = 0, uint32_t extraIntegrity = 0)
{
    SaConfig c;
    c.spi = 0x1000;
    c.direction = SaDirection::INBOUND;
    c.source = Ipv4Address("10.0.0.1");
    c.destination = Ipv4Address("10.0.0.2");
    c.reqid = 1;
    p.ApplyTo(c);
    const ChildKeySizes sizes = p.GetKeySizes();
    c.encryptionKey.assign(sizes.encryptionKey + extraEncryption, 0x11);
    c.integrityKey.assign(sizes.integrityKey + extraIntegrity, 0x22);
    return c;
}

TEST(ChildProposal, AcceptedProposalConfiguresTheDataPlane)
{
    const ChildProposal esp = ChildProposal::Parse("aes128-sha256-esn");
    SaConfig c = SaFrom(esp);
    EXPECT_EQ(c.protocol, IpsecProtocol::ESP);
    EXPECT_EQ(c.espSuite.encryption, FindTransformByKeyword("aes128"));
    EXPECT_EQ(c.espSuite.integrity, FindTransformByKeyword("sha256"));
    EXPECT_TRUE(c.IsEsn());
    EXPECT_EQ(c.ahIntegrity, nullptr);
    EXPECT_EQ(esp.GetEspSuite().ToString(), "aes128-sha256-esn");

    const ChildProposal ah = ChildProposal::Parse("sha384-esn", IpsecProtocol::AH);
    c = SaFrom(ah);
    EXPECT_EQ(c.protocol, IpsecProtocol::AH);
    EXPECT_EQ(c.ahIntegrity, FindTransformByKeyword("sha384"));
    EXPECT_TRUE(c.IsEsn());
    EXPECT_TRUE(c.encryptionKey.empty());

    // Every ESP cipher and AH integrity algorithm: the announced KEYMAT sizes are exactly what
    // the data plane takes.
    std::vector<ChildProposal> accepted;
    for (const auto& row : GetTransformTable())
    {
        if (row.type == TransformType::ENCR)
        {
            accepted.push_back(
                ChildProposal::Parse(std::string(row.keyword) + (row.IsAead() ? "" : "-sha256")));
        }
        else if (row.type == TransformType::INTEG)
        {
            accepted.push_back(ChildProposal::Parse(row.keyword, IpsecProtocol::AH));
        }
    }
    for (const auto& p : accepted)
    {
        EXPECT_NO_THROW(CreateObject<SecurityAssociation>(SaFrom(p))) << p.ToString();
        EXPECT_THROW(CreateObject<SecurityAssociation>(SaFrom(p, 1, 0)), ConfigError)
            << p.ToString();
        EXPECT_THROW(CreateObject<SecurityAssociation>(SaFrom(p, 0, 1)), ConfigError)
            << p.ToString();
    }
    Simulator::Destroy();
}

} // namespace
} // namespace ipsec
} // namespace ns3
