// SPDX-License-Identifier: GPL-2.0-only
// The names of crypto operations: the documented strings, and the SA's names come from them.

#include "ns3/ipsec-crypto-operation.h"
#include "ns3/ipsec-proposal.h"
#include "ns3/ipsec-security-association.h"
#include "ns3/ipsec-transform.h"

#include <gtest/gtest.h>
#include <set>

namespace ns3
{
namespace ipsec
{
namespace
{

TEST(CryptoOperation, NamesAreTheDocumentedStrings)
{
    EXPECT_EQ(EspOperation(EspSuite::Parse("aes128gcm16"), true), "esp/aes128gcm16/out");
    EXPECT_EQ(EspOperation(EspSuite::Parse("aes128-sha256"), false), "esp/aes128-sha256/in");
    EXPECT_EQ(EspOperation(EspSuite::Parse("aes256-sha512-esn"), true), "esp/aes256-sha512/out")
        << "ESN does not change the name";
    EXPECT_EQ(EspOperation(EspSuite::Parse("aes128gcm"), true), "esp/aes128gcm16/out")
        << "aliases give the keyword";
    EXPECT_EQ(AhOperation(*FindTransformByKeyword("sha256"), true), "ah/sha256/out");
    EXPECT_EQ(AhOperation(*FindTransformByKeyword("aesxcbc"), false), "ah/aesxcbc/in");
    EXPECT_EQ(KeOperation("ecp256", KePhase::KEYGEN), "ke/ecp256/keygen");
    EXPECT_EQ(KeOperation("modp2048", KePhase::DERIVE), "ke/modp2048/derive");
    EXPECT_EQ(SignOperation("rsa2048"), "sign/rsa2048");
    EXPECT_EQ(VerifyOperation("ecdsa384"), "verify/ecdsa384");
    EXPECT_EQ(PrfOperation("prfsha256"), "prf/prfsha256");
    EXPECT_STREQ(GetKePhaseName(KePhase::KEYGEN), "keygen");
    EXPECT_STREQ(GetKePhaseName(KePhase::DERIVE), "derive");
}

TEST(CryptoOperation, KeGroupsFoundByNumberAndKeywordWithTheirWireSizes)
{
    for (const auto& g : GetKeGroups())
    {
        EXPECT_EQ(FindKeGroup(g.ianaId), &g);
        EXPECT_EQ(FindKeGroup(g.keyword), &g);
        switch (g.kind)
        {
        case KeKind::MODP: // RFC 7296 §3.4: padded to the prime
            EXPECT_EQ(g.publicSize, g.secretSize) << g.keyword;
            EXPECT_GT(g.privateBits, 0) << g.keyword;
            break;
        case KeKind::ECP: // RFC 5903 §7, §9: x | y, and x
            EXPECT_EQ(g.publicSize, 2 * g.secretSize) << g.keyword;
            break;
        case KeKind::X25519: // RFC 8031 §2
            EXPECT_EQ(g.publicSize, 32) << g.keyword;
            EXPECT_EQ(g.secretSize, 32) << g.keyword;
            break;
        }
        // An OpenSSL group name, or for MODP groups OpenSSL has no name for, the prime.
        EXPECT_EQ(g.opensslGroup == nullptr && g.primeHex == nullptr, g.kind == KeKind::X25519)
            << g.keyword;
        EXPECT_TRUE(g.primeHex == nullptr || (g.kind == KeKind::MODP && g.opensslGroup == nullptr))
            << g.keyword;
    }
    EXPECT_EQ(FindKeGroup("modp2048")->publicSize, 256);
    EXPECT_EQ(FindKeGroup("ecp521")->secretSize, 66);
    EXPECT_EQ(FindKeGroup(uint16_t{17}), nullptr);
    EXPECT_EQ(FindKeGroup("modp6144"), nullptr);
}

TEST(CryptoOperation, ListsNameTheGroupsSchemesAndPrfs)
{
    std::set<std::pair<std::string, uint16_t>> groups;
    for (const auto& g : GetKeGroups())
    {
        groups.emplace(g.keyword, g.ianaId);
        EXPECT_GT(std::string(g.description).size(), 0u) << g.keyword;
    }
    EXPECT_EQ(groups,
              (std::set<std::pair<std::string, uint16_t>>{{"modp2048", 14},
                                                          {"modp3072", 15},
                                                          {"modp4096", 16},
                                                          {"ecp256", 19},
                                                          {"ecp384", 20},
                                                          {"ecp521", 21},
                                                          {"curve25519", 31},
                                                          {"modp768", 1},
                                                          {"modp1024", 2},
                                                          {"modp1536", 5}}));
    std::set<std::string> schemes;
    for (const auto& s : GetSignatureSchemes())
    {
        schemes.insert(s.keyword);
    }
    EXPECT_EQ(schemes,
              (std::set<std::string>{"rsa2048",
                                     "rsa3072",
                                     "ecdsa256",
                                     "ecdsa384",
                                     "ecdsa521",
                                     "ed25519"}));
    const auto prfs = GetPrfKeywords();
    EXPECT_EQ(std::set<std::string>(prfs.begin(), prfs.end()),
              (std::set<std::string>{"prfsha1",
                                     "prfsha256",
                                     "prfsha384",
                                     "prfsha512",
                                     "prfaesxcbc",
                                     "prfmd5"}));
}

TEST(CryptoOperation, SecurityAssociationsUseTheseNames)
{
    SaConfig esp;
    esp.spi = 0x1000;
    esp.direction = SaDirection::OUTBOUND;
    esp.protocol = IpsecProtocol::ESP;
    esp.source = Ipv4Address("10.0.0.1");
    esp.destination = Ipv4Address("10.0.0.2");
    esp.espSuite = EspSuite::Parse("aes128ctr-sha256");
    esp.encryptionKey = std::vector<uint8_t>(20, 0x11);
    esp.integrityKey = std::vector<uint8_t>(32, 0x22);
    esp.reqid = 1;
    auto a = CreateObject<SecurityAssociation>(esp);
    EXPECT_EQ(a->GetCryptoOperation(true), EspOperation(esp.espSuite, true));
    EXPECT_EQ(a->GetCryptoOperation(false), "esp/aes128ctr-sha256/in");

    SaConfig ah = esp;
    ah.protocol = IpsecProtocol::AH;
    ah.encryptionKey.clear();
    ah.ahIntegrity = FindTransformByKeyword("sha384");
    ah.integrityKey = std::vector<uint8_t>(48, 0x22);
    auto b = CreateObject<SecurityAssociation>(ah);
    EXPECT_EQ(b->GetCryptoOperation(true), "ah/sha384/out");
    EXPECT_EQ(b->GetCryptoOperation(false), AhOperation(*ah.ahIntegrity, false));
}

} // namespace
} // namespace ipsec
} // namespace ns3
