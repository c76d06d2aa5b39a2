// SPDX-License-Identifier: GPL-2.0-only

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-proposal.h"

#include <gtest/gtest.h>

using namespace ns3::ipsec;

namespace
{
/// The message of the ConfigError that parsing throws, or "" if none.
std::string
ErrorOf(const std::string& text)
{
    try
    {
        EspSuite::Parse(text);
    }
    catch (const ConfigError& e)
    {
        return e.what();
    }
    return "";
}

bool
Contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}
} // namespace

TEST(EspProposal, IssueExamplesParse)
{
    struct Case
    {
        const char* text;
        const char* encr;
        const char* integ; // nullptr: AEAD
    };

    const Case cases[] = {
        {"aes128gcm16", "ENCR_AES_GCM_16", nullptr},
        {"aes256-sha512", "ENCR_AES_CBC", "AUTH_HMAC_SHA2_512_256"},
        {"aes128ctr-sha256", "ENCR_AES_CTR", "AUTH_HMAC_SHA2_256_128"},
        {"chacha20poly1305", "ENCR_CHACHA20_POLY1305", nullptr},
        {"aes128gmac", "ENCR_NULL_AUTH_AES_GMAC", nullptr},
        {"null-sha256", "ENCR_NULL", "AUTH_HMAC_SHA2_256_128"},
        {"3des-sha1", "ENCR_3DES", "AUTH_HMAC_SHA1_96"},
    };
    for (const auto& c : cases)
    {
        const EspSuite suite = EspSuite::Parse(c.text);
        EXPECT_STREQ(suite.encryption->ianaName, c.encr) << c.text;
        if (c.integ == nullptr)
        {
            EXPECT_EQ(suite.integrity, nullptr) << c.text;
            EXPECT_TRUE(suite.IsAead()) << c.text;
        }
        else
        {
            ASSERT_NE(suite.integrity, nullptr) << c.text;
            EXPECT_STREQ(suite.integrity->ianaName, c.integ) << c.text;
        }
        EXPECT_FALSE(suite.esn);
        EXPECT_EQ(suite.ToString(), c.text);
    }
    EXPECT_EQ(EspSuite::Parse("aes256-sha512").encryption->keyLengthBits, 256);
}

TEST(EspProposal, EsnTokens)
{
    EXPECT_TRUE(EspSuite::Parse("aes128gcm16-esn").esn);
    EXPECT_FALSE(EspSuite::Parse("aes128gcm16-noesn").esn);
    EXPECT_EQ(EspSuite::Parse("aes128-sha1-esn").ToString(), "aes128-sha1-esn");
}

TEST(EspProposal, AlternativesForNegotiation)
{
    const EspProposal p = EspProposal::Parse("aes128-aes256-sha256-sha1-esn-noesn");
    ASSERT_EQ(p.encryption.size(), 2u);
    ASSERT_EQ(p.integrity.size(), 2u);
    ASSERT_EQ(p.esn.size(), 2u);
    EXPECT_STREQ(p.encryption[1]->keyword, "aes256");
    EXPECT_STREQ(p.integrity[1]->keyword, "sha1");
    EXPECT_EQ(p.ToString(), "aes128-aes256-sha256-sha1-esn-noesn");
    EXPECT_TRUE(Contains(ErrorOf("aes128-aes256-sha256"), "offers alternatives"));
}

TEST(EspProposal, UnknownTokenIsNamedWithValidList)
{
    const std::string error = ErrorOf("aes128-sha999");
    EXPECT_TRUE(Contains(error, "unknown algorithm \"sha999\"")) << error;
    EXPECT_TRUE(Contains(error, "aes128gcm16")) << error;
    EXPECT_TRUE(Contains(error, "sha256")) << error;
}

TEST(EspProposal, AeadWithIntegrityIsRejected)
{
    const std::string error = ErrorOf("aes128gcm16-sha256");
    EXPECT_TRUE(Contains(error, "takes no integrity algorithm")) << error;
    EXPECT_TRUE(Contains(error, "remove sha256")) << error;
    EXPECT_FALSE(ErrorOf("aes128gmac-sha1").empty());
}

TEST(EspProposal, OtherStructuralErrors)
{
    EXPECT_TRUE(Contains(ErrorOf(""), "is empty"));
    EXPECT_TRUE(Contains(ErrorOf("sha256"), "no encryption algorithm"));
    EXPECT_TRUE(Contains(ErrorOf("aes128"), "needs an integrity algorithm"));
    EXPECT_TRUE(Contains(ErrorOf("null"), "needs an integrity algorithm"));
    EXPECT_TRUE(Contains(ErrorOf("aes128-aes128gcm16-sha1"), "mixes AEAD and non-AEAD"));
    EXPECT_TRUE(Contains(ErrorOf("aes128-prfsha256"), "belongs in IKE proposals"));
    EXPECT_TRUE(Contains(ErrorOf("aes128--sha1"), "unknown algorithm \"\""));
}

TEST(EspSuite, ConfidentialityOnlyIsExplicit)
{
    const EspSuite suite = EspSuite::ConfidentialityOnly(FindTransformByKeyword("aes128"));
    EXPECT_EQ(suite.integrity, nullptr);
    EXPECT_EQ(suite.GetIcvSize(), 0u);
    EXPECT_FALSE(suite.IsAead());
    EXPECT_THROW(EspSuite::ConfidentialityOnly(FindTransformByKeyword("aes128gcm16")), ConfigError);
    EXPECT_THROW(EspSuite::ConfidentialityOnly(FindTransformByKeyword("null")), ConfigError);
    EXPECT_THROW(EspSuite::ConfidentialityOnly(nullptr), ConfigError);
}

TEST(EspProposal, CaseAndBlanksAreIgnored)
{
    EXPECT_EQ(EspSuite::Parse("AES128-SHA256-ESN").ToString(), "aes128-sha256-esn");
    EXPECT_EQ(EspSuite::Parse(" aes128gcm16 - esn ").ToString(), "aes128gcm16-esn");
}

TEST(EspProposal, TrailingDashAndKeyExchangeAreExplained)
{
    EXPECT_TRUE(Contains(ErrorOf("aes128-sha1-"), "ends with '-'"));
    const std::string ke = ErrorOf("aes128gcm16-ecp256");
    EXPECT_TRUE(Contains(ke, "\"ecp256\" is a key exchange method")) << ke;
    EXPECT_TRUE(Contains(ErrorOf("aes128-sha1-modp2048"), "key exchange method"));
}
