// SPDX-License-Identifier: GPL-2.0-only
// Explicit SPIs, keys and sequence-number state through IpsecHelper (issue 16), as needed to
// reproduce a peer configured by hand with `ip xfrm state add ... spi ... replay-oseq ...`.

#include "ipsec-scenario.h"
#include "ipsec-test-util.h"

#include "ns3/boolean.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-constants.h"

#include <functional>
#include <gtest/gtest.h>

namespace ns3
{
namespace ipsec
{
namespace test
{
namespace
{

/// 2^32, the first sequence number with non-zero ESN high bits.
constexpr uint64_t WRAP = uint64_t{1} << 32;

/// Whether text contains part.
::testing::AssertionResult
Contains(const std::string& text, const std::string& part)
{
    if (text.find(part) != std::string::npos)
    {
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "'" << text << "' lacks '" << part << "'";
}

/// How many SAs hostA and hostB hold together.
size_t
SaCount(Chain& c)
{
    return Chain::Stack(c.hostA)->GetSad().GetAll().size() +
           Chain::Stack(c.hostB)->GetSad().GetAll().size();
}

} // namespace

// The SPIs and keys given are the ones installed on both ends, and traffic flows both ways.
TEST(ExplicitSa, SpisAndKeysAreUsed)
{
    Chain c;
    c.ipsec.SetSaAttribute("EspProposal", StringValue("aes128gcm16"));
    SaKeys aToB;
    aToB.spi = 0xc0de0001;
    aToB.encryption = "0x000102030405060708090a0b0c0d0e0f10111213";
    SaKeys bToA;
    bToA.spi = 0x00000100; // the smallest SPI allowed
    bToA.encryption = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3";
    IpsecConnection conn =
        c.ipsec.AddTransport(c.hostA, c.hostAAddr, c.hostB, c.hostBAddr, aToB, bToA);
    ASSERT_EQ(conn.aToB.size(), 1u);
    EXPECT_EQ(conn.aToB[0]->GetSpi(), 0xc0de0001u);
    EXPECT_EQ(conn.aToBInbound[0]->GetSpi(), 0xc0de0001u);
    EXPECT_EQ(conn.bToA[0]->GetSpi(), 0x100u);
    EXPECT_EQ(conn.bToAInbound[0]->GetSpi(), 0x100u);
    EXPECT_EQ(Hex(conn.aToB[0]->GetConfig().encryptionKey),
              "000102030405060708090a0b0c0d0e0f10111213");
    EXPECT_EQ(Hex(conn.aToBInbound[0]->GetConfig().encryptionKey),
              "000102030405060708090a0b0c0d0e0f10111213");
    EXPECT_EQ(Hex(conn.bToA[0]->GetConfig().encryptionKey),
              "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3");
    // An SPI allocated later on hostB skips the explicit one.
    EXPECT_NE(Chain::Stack(c.hostB)->AllocateSpi(), 0xc0de0001u);
    auto ab = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 5, 200);
    auto ba = SendUdp(c.hostB, c.hostA, c.hostAAddr, 9001, 5, 200);
    RunUntil(Seconds(3));
    EXPECT_EQ(ab->received, 5u);
    EXPECT_EQ(ba->received, 5u);
    EXPECT_EQ(conn.aToBInbound[0]->GetCounters().packets, 5u);
}

// An ESP+AH bundle takes an SPI for each SA, and keys for ESP's cipher, ESP's HMAC and AH's.
TEST(ExplicitSa, BundleSpisAndKeys)
{
    Chain c;
    c.ipsec.SetSaAttribute("Protocol", StringValue("esp+ah"));
    c.ipsec.SetSaAttribute("EspProposal", StringValue("aes128-sha256"));
    c.ipsec.SetSaAttribute("AhProposal", StringValue("sha1"));
    SaKeys aToB;
    aToB.spi = 0x2000;
    aToB.ahSpi = 0x2000; // another protocol: the same SPI is allowed (RFC 4301 §4.1)
    aToB.encryption = std::string(32, '1');
    aToB.integrity = std::string(64, '2');
    aToB.ahIntegrity = std::string(40, '3');
    IpsecConnection conn = c.ipsec.AddTunnel(c.gwA,
                                             c.gwAWan,
                                             AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                                             c.gwB,
                                             c.gwBWan,
                                             AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24),
                                             aToB,
                                             SaKeys());
    ASSERT_EQ(conn.aToB.size(), 2u);
    EXPECT_EQ(conn.aToB[0]->GetConfig().protocol, IpsecProtocol::ESP);
    EXPECT_EQ(conn.aToB[0]->GetSpi(), 0x2000u);
    EXPECT_EQ(conn.aToB[1]->GetConfig().protocol, IpsecProtocol::AH);
    EXPECT_EQ(conn.aToB[1]->GetSpi(), 0x2000u);
    EXPECT_EQ(Hex(conn.aToB[0]->GetConfig().integrityKey), std::string(64, '2'));
    EXPECT_EQ(Hex(conn.aToB[1]->GetConfig().integrityKey), std::string(40, '3'));
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 5, 200);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 5u);
}

// Bad input is refused with a ConfigError that says what to fix, and nothing is installed.
TEST(ExplicitSa, BadInputRefused)
{
    Chain c;
    c.ipsec.SetSaAttribute("EspProposal", StringValue("aes128gcm16"));
    const size_t before = SaCount(c);
    auto add = [&c](const SaKeys& aToB, const SaKeys& bToA) {
        return WhatOf(
            [&] { c.ipsec.AddTransport(c.hostA, c.hostAAddr, c.hostB, c.hostBAddr, aToB, bToA); });
    };
    SaKeys k;
    k.spi = 0;
    EXPECT_TRUE(Contains(add(k, SaKeys()), "SPI 0 means"));
    k.spi = 1;
    EXPECT_TRUE(Contains(add(k, SaKeys()), "SPIs 1-255 are reserved"));
    k.spi = 255;
    EXPECT_TRUE(Contains(add(SaKeys(), k), "SPIs 1-255 are reserved"));
    EXPECT_TRUE(Contains(add(SaKeys(), k), "for node 0")) << "names the receiver (hostA)";

    SaKeys shortKey;
    shortKey.encryption = std::string(32, 'a'); // 16 bytes: the salt is missing
    const std::string what = add(shortKey, SaKeys());
    EXPECT_TRUE(Contains(what,
                         "is 16 bytes; it needs 20 bytes (16-byte key followed by a "
                         "4-byte salt)"));
    EXPECT_TRUE(Contains(what, "node 0 -> node 4"));
    SaKeys integrityForAead;
    integrityForAead.integrity = std::string(64, 'b');
    EXPECT_TRUE(Contains(add(integrityForAead, SaKeys()), "no separate integrity algorithm"));
    SaKeys zeroSeq;
    zeroSeq.nextSequence = 0;
    EXPECT_TRUE(Contains(add(zeroSeq, SaKeys()), "next sequence number 0"));
    SaKeys beyond;
    beyond.replayHighest = WRAP;
    EXPECT_TRUE(Contains(add(beyond, SaKeys()), "needs ESN"));
    EXPECT_EQ(SaCount(c), before) << "a refused connection installs nothing";

    // Duplicate SPI on the receiving node: the second connection (another protocol number, so
    // its selector differs) is refused, the first stays.
    SaKeys first;
    first.spi = 0x3000;
    c.ipsec.AddTransport(c.hostA, c.hostAAddr, c.hostB, c.hostBAddr, first, SaKeys(), 17);
    const size_t installed = SaCount(c);
    const std::string dup = WhatOf([&] {
        c.ipsec.AddTransport(c.hostA, c.hostAAddr, c.hostB, c.hostBAddr, first, SaKeys(), 6);
    });
    EXPECT_TRUE(Contains(dup, "esp SPI 0x00003000 for node 4"));
    EXPECT_TRUE(Contains(dup, "already receives"));
    EXPECT_EQ(SaCount(c), installed);
}

class ExplicitSaWrap : public ::testing::TestWithParam<std::string>
{
};

// Both directions start just below 2^32 with ESN, receivers preset to match, and cross the wrap:
// every packet arrives, and sender and receiver count up to 2^32 + 2.
TEST_P(ExplicitSaWrap, PresetNearTheWrapCrossesIt)
{
    Chain c;
    c.ipsec.SetSaAttribute("Protocol", StringValue(GetParam()));
    c.ipsec.SetSaAttribute("Esn", BooleanValue(true));
    SaKeys aToB;
    aToB.nextSequence = WRAP - 2;  // sends 2^32-2, 2^32-1, 2^32, 2^32+1, 2^32+2
    aToB.replayHighest = WRAP - 3; // the receiver saw everything before it
    SaKeys bToA = aToB;
    IpsecConnection conn =
        c.ipsec.AddTransport(c.hostA, c.hostAAddr, c.hostB, c.hostBAddr, aToB, bToA);
    EXPECT_EQ(conn.aToBInbound[0]->GetReplayWindow().GetHighest(), WRAP - 3);
    auto ab = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 5, 200);
    auto ba = SendUdp(c.hostB, c.hostA, c.hostAAddr, 9001, 5, 200);
    auto drops = c.WatchDrops();
    RunUntil(Seconds(3));
    EXPECT_EQ(ab->received, 5u);
    EXPECT_EQ(ba->received, 5u);
    EXPECT_EQ(drops->Total(), 0u);
    for (const auto& sa : {conn.aToB[0], conn.bToA[0], conn.aToBInbound[0], conn.bToAInbound[0]})
    {
        EXPECT_EQ(sa->GetCounters().highestSeq, WRAP + 2) << sa->GetConfig().ToString();
        EXPECT_EQ(sa->GetCounters().packets, 5u);
    }
    EXPECT_EQ(conn.aToBInbound[0]->GetReplayWindow().GetHighest(), WRAP + 2);
    EXPECT_EQ(conn.bToAInbound[0]->GetReplayWindow().GetHighest(), WRAP + 2);
}

// The preset is the receiver's real state: the highest number counts as received (a replay),
// and without the ESN high bits a sender past the wrap is not understood (the receiver infers
// high bits 0 and every ICV fails).
TEST_P(ExplicitSaWrap, PresetDecidesWhatIsAccepted)
{
    for (bool preset : {true, false})
    {
        SCOPED_TRACE(preset ? "receiver preset" : "receiver not preset");
        Chain c;
        c.ipsec.SetSaAttribute("Protocol", StringValue(GetParam()));
        c.ipsec.SetSaAttribute("Esn", BooleanValue(true));
        SaKeys aToB;
        aToB.nextSequence = WRAP + 5;
        if (preset)
        {
            aToB.replayHighest = WRAP + 5;
        }
        IpsecConnection conn =
            c.ipsec.AddTransport(c.hostA, c.hostAAddr, c.hostB, c.hostBAddr, aToB, SaKeys());
        auto drops = c.WatchDrops();
        auto ab = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 5, 200);
        RunUntil(Seconds(3));
        if (preset)
        {
            EXPECT_EQ(ab->received, 4u) << "2^32+5 was preset as received";
            EXPECT_EQ((*drops)[DropReason::REPLAY], 1u);
            EXPECT_EQ(conn.aToBInbound[0]->GetCounters().highestSeq, WRAP + 9);
        }
        else
        {
            EXPECT_EQ(ab->received, 0u);
            EXPECT_EQ((*drops)[DropReason::ICV_FAILURE], 5u);
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Protocols,
                         ExplicitSaWrap,
                         ::testing::Values("esp", "ah"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                             return info.param == "esp" ? std::string("Esp") : std::string("Ah");
                         });

} // namespace test
} // namespace ipsec
} // namespace ns3
