// SPDX-License-Identifier: GPL-2.0-only
// The offline dictionary attack on aggressive mode with a PSK (ike-scan's psk-crack): on
// strongSwan's aggressive-mode capture (test/data/ikev1/v1-02) and on our own exchanges; main
// mode gives the eavesdropper nothing to test.

#include "ikev1-fixture-util.h"
#include "ikev2-pair.h"

#include "ns3/ikev1-psk-crack.h"
#include "ns3/ikev1-sa.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace ipsec
{
namespace test
{
namespace
{

const std::string kFixturePsk = "ns3-ipsec IKEv2 fixture PSK";

TEST(Ikev1PskCrackTest, RecoversStrongSwansKeyFromItsAggressiveModeMessages)
{
    const auto frames = ReadIkev1Frames("v1-02-aggressive-psk");
    ASSERT_GE(frames.size(), 2u);
    std::string why;
    const auto data = Ikev1PskCrackDataFrom(frames[0].ike, frames[1].ike, why);
    ASSERT_TRUE(data) << why;
    // HASH_R as charon logged it, the PRF of the chosen transform (aes256-sha256-modp2048).
    EXPECT_EQ(data->hashR, Ikev1Logged("v1-02-aggressive-psk", "HASH_R"));
    ASSERT_NE(data->prf, nullptr);
    EXPECT_STREQ(data->prf->keyword, "prfsha256");
    EXPECT_EQ(data->gxi.size(), 256u);
    uint64_t tries = 0;
    const auto found =
        CrackIkev1Psk(*data, {"password", "secret", "ipsec", kFixturePsk, "letmein"}, &tries);
    ASSERT_TRUE(found);
    EXPECT_EQ(*found, kFixturePsk);
    EXPECT_EQ(tries, 4u);
    EXPECT_FALSE(
        CrackIkev1Psk(*data, {"password", "secret", "ns3-ipsec IKEv2 fixture psk"}, &tries));
    EXPECT_EQ(tries, 3u);
    // psk-crack's line: nine hex fields, HASH_R last.
    const std::string line = ToPskCrackLine(*data);
    EXPECT_EQ(std::count(line.begin(), line.end(), ':'), 8);
    EXPECT_EQ(line.substr(line.rfind(':') + 1),
              "349b124ac510fb93913f9490a6cbd3ff79c8fa7d16aa8a7b0ab5995966470bf0");
}

TEST(Ikev1PskCrackTest, MainModeGivesTheEavesdropperNothingToTest)
{
    const auto frames = ReadIkev1Frames("v1-01-main-psk");
    ASSERT_GE(frames.size(), 6u);
    std::string why;
    for (size_t i = 0; i + 1 < 6; i++)
    {
        EXPECT_FALSE(Ikev1PskCrackDataFrom(frames[i].ike, frames[i + 1].ike, why)) << i;
    }
    EXPECT_FALSE(Ikev1PskCrackDataFrom(frames[0].ike, frames[1].ike, why));
    EXPECT_NE(why.find("main mode"), std::string::npos) << why;
}

TEST(Ikev1PskCrackTest, RecoversAWeakKeyFromOurOwnAggressiveModeButNotAStrongOne)
{
    for (const std::string& psk : {std::string("letmein"), std::string("x7#Qv!9zR2p$Lk0w")})
    {
        Pair c;
        for (IkePeerConfig* k : {&c.a, &c.b})
        {
            k->version = 1;
            k->ikev1Mode = Ikev1Mode::AGGRESSIVE;
            k->proposals = ParseIkeProposals("aes128-sha1-modp2048");
            k->psk.assign(psk.begin(), psk.end());
            k->localId = IkeIdentity::Ipv4(Ipv4Address(k == &c.a ? "192.0.2.1" : "192.0.2.2"));
            k->remoteId = IkeIdentity::Any();
        }
        Ikev1Sa a(true, c.a, Sources(5, 0xc0000001));
        Ikev1Sa b(false, c.b, Sources(6, 0xd0000001));
        const auto m1 = a.Initiate();
        const auto m2 = b.Receive(m1.front());
        ASSERT_EQ(m2.size(), 1u);
        std::string why;
        const auto data = Ikev1PskCrackDataFrom(m1.front(), m2.front(), why);
        ASSERT_TRUE(data) << why;
        EXPECT_EQ(data->hashR.size(), 20u);
        const auto found = CrackIkev1Psk(*data, {"123456", "password", "vpn", "letmein", "qwerty"});
        EXPECT_EQ(found.has_value(), psk == "letmein") << psk;
        // The candidate that is the key matches; a neighbour does not.
        EXPECT_TRUE(Ikev1PskMatches(*data, psk));
        EXPECT_FALSE(Ikev1PskMatches(*data, psk + " "));
    }
}

TEST(Ikev1PskCrackTest, MessagesOfDifferentExchangesOrMalformedOnesAreRefused)
{
    const auto a = ReadIkev1Frames("v1-02-aggressive-psk");
    const auto b = ReadIkev1Frames("v1-01-main-psk");
    std::string why;
    EXPECT_FALSE(Ikev1PskCrackDataFrom(a[0].ike, b[1].ike, why));
    EXPECT_FALSE(why.empty());
    EXPECT_FALSE(Ikev1PskCrackDataFrom(std::vector<uint8_t>{1, 2}, a[1].ike, why));
    // Message 2 without its HASH.
    Ikev1Message m2;
    ASSERT_EQ(Ikev1Message::Parse(a[1].ike, m2), IkeParseError::NONE);
    m2.payloads.pop_back();
    const auto shortened = m2.Serialize();
    EXPECT_FALSE(Ikev1PskCrackDataFrom(a[0].ike, shortened, why));
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
