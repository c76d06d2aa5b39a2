// SPDX-License-Identifier: GPL-2.0-only
// SecurityAssociation configuration units not covered by sad-test.cc: replay window limit,
// AH without integrity, AH proposals, newest outbound SA after removal.

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-security-association-database.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace ipsec
{
namespace
{

SaConfig
Esp(uint32_t spi, SaDirection dir, const char* dst = "10.0.0.2", uint32_t reqid = 1)
{
    SaConfig c;
    c.spi = spi;
    c.direction = dir;
    c.source = Ipv4Address("10.0.0.1");
    c.destination = Ipv4Address(dst);
    c.espSuite = EspSuite::Parse("aes128gcm16");
    c.encryptionKey = std::vector<uint8_t>(20, 7);
    c.reqid = reqid;
    return c;
}

TEST(SaConfig, InboundLookupBySpiDestinationAndProtocol)
{
    SecurityAssociationDatabase sad;
    auto in = CreateObject<SecurityAssociation>(Esp(0x1000, SaDirection::INBOUND));
    sad.Add(in);
    EXPECT_EQ(sad.FindInbound(0x1000, Ipv4Address("10.0.0.2"), IpsecProtocol::ESP), in);
    EXPECT_FALSE(sad.FindInbound(0x1000, Ipv4Address("10.0.0.3"), IpsecProtocol::ESP));
    EXPECT_FALSE(sad.FindInbound(0x1000, Ipv4Address("10.0.0.2"), IpsecProtocol::AH));
    EXPECT_FALSE(sad.FindInbound(0x1001, Ipv4Address("10.0.0.2"), IpsecProtocol::ESP));
    // The same SPI for another destination is another SA.
    sad.Add(CreateObject<SecurityAssociation>(Esp(0x1000, SaDirection::INBOUND, "10.0.0.3")));
    EXPECT_THROW(sad.Add(CreateObject<SecurityAssociation>(Esp(0x1000, SaDirection::INBOUND))),
                 ConfigError);
    EXPECT_TRUE(sad.Remove(in));
    EXPECT_FALSE(sad.Remove(in));
    EXPECT_FALSE(sad.FindInbound(0x1000, Ipv4Address("10.0.0.2"), IpsecProtocol::ESP));
    Simulator::Destroy();
}

TEST(SaConfig, OutboundByReqidNewestFirst)
{
    SecurityAssociationDatabase sad;
    auto old = CreateObject<SecurityAssociation>(Esp(0x2000, SaDirection::OUTBOUND, "10.0.0.2", 5));
    auto fresh =
        CreateObject<SecurityAssociation>(Esp(0x2001, SaDirection::OUTBOUND, "10.0.0.2", 5));
    sad.Add(old);
    sad.Add(fresh);
    EXPECT_EQ(sad.FindOutbound(5, IpsecProtocol::ESP), fresh);
    EXPECT_FALSE(sad.FindOutbound(6, IpsecProtocol::ESP));
    EXPECT_FALSE(sad.FindOutbound(5, IpsecProtocol::AH));
    EXPECT_FALSE(sad.FindInbound(0x2000, Ipv4Address("10.0.0.2"), IpsecProtocol::ESP))
        << "outbound SAs are not found by SPI";
    sad.Remove(fresh);
    EXPECT_EQ(sad.FindOutbound(5, IpsecProtocol::ESP), old);
    old->HardExpire();
    EXPECT_FALSE(sad.FindOutbound(5, IpsecProtocol::ESP));
    EXPECT_TRUE(sad.HasExpired(5));
    Simulator::Destroy();
}

TEST(SaConfig, ConfigurationErrors)
{
    auto bad = [](SaConfig c) { CreateObject<SecurityAssociation>(c); };
    SaConfig c = Esp(255, SaDirection::INBOUND);
    EXPECT_THROW(bad(c), ConfigError) << "reserved SPI";
    c = Esp(0x1000, SaDirection::INBOUND, "10.0.0.2", 0);
    EXPECT_THROW(bad(c), ConfigError) << "reqid 0";
    c = Esp(0x1000, SaDirection::INBOUND);
    c.mode = IpsecMode::TUNNEL;
    c.destination = Ipv4Address::GetAny();
    EXPECT_THROW(bad(c), ConfigError) << "tunnel without endpoints";
    c = Esp(0x1000, SaDirection::INBOUND);
    c.encryptionKey.resize(16);
    try
    {
        bad(c);
        FAIL();
    }
    catch (const ConfigError& e)
    {
        const std::string what = e.what();
        EXPECT_NE(what.find("20 bytes"), std::string::npos) << what;
        const std::string prefix = "ns3-ipsec configuration error: ";
        EXPECT_EQ(what.find(prefix), 0u) << what;
        EXPECT_EQ(what.find(prefix, 1), std::string::npos) << "the prefix once: " << what;
        EXPECT_EQ(what, prefix + e.GetDetail());
    }
    c = Esp(0x1000, SaDirection::INBOUND);
    c.lifetime.softTime = Seconds(90);
    c.lifetime.hardTime = Minutes(1);
    try
    {
        bad(c);
        FAIL();
    }
    catch (const ConfigError& e)
    {
        EXPECT_NE(std::string(e.what()).find("soft time limit (90 s) must be below the hard "
                                             "limit (60 s)"),
                  std::string::npos)
            << "lifetimes in seconds, not raw time steps: " << e.what();
    }
    c = Esp(0x1000, SaDirection::INBOUND);
    c.lifetime.softPackets = 10;
    c.lifetime.hardPackets = 10;
    EXPECT_THROW(bad(c), ConfigError) << "soft must be below hard";
    c = Esp(0x1000, SaDirection::INBOUND);
    c.replayWindow = 4097;
    EXPECT_THROW(bad(c), ConfigError) << "window above 4096";
    c = Esp(0x1000, SaDirection::INBOUND);
    c.protocol = IpsecProtocol::AH;
    EXPECT_THROW(bad(c), ConfigError) << "AH without an integrity algorithm";
}

TEST(SaConfig, SequenceNumbers)
{
    SaConfig c = Esp(0x1000, SaDirection::OUTBOUND);
    c.initialSequence = 0xFFFFFFFE;
    auto sa = CreateObject<SecurityAssociation>(c);
    uint64_t seq = 0;
    EXPECT_EQ(sa->NextSequence(seq), DropReason::NONE);
    EXPECT_EQ(seq, 0xFFFFFFFFu);
    EXPECT_EQ(sa->NextSequence(seq), DropReason::SEQ_OVERFLOW);
    EXPECT_TRUE(sa->IsHardExpired());

    c = Esp(0x1000, SaDirection::OUTBOUND);
    c.espSuite = EspSuite::Parse("aes128gcm16-esn");
    c.initialSequence = 0xFFFFFFFF;
    auto esn = CreateObject<SecurityAssociation>(c);
    EXPECT_EQ(esn->NextSequence(seq), DropReason::NONE);
    EXPECT_EQ(seq, 0x100000000u);
    EXPECT_FALSE(esn->IsHardExpired());
}

TEST(SaConfig, AhProposals)
{
    const TransformInfo* integ = nullptr;
    bool esn = false;
    ParseAhProposal("sha256-esn", integ, esn);
    ASSERT_NE(integ, nullptr);
    EXPECT_STREQ(integ->keyword, "sha256");
    EXPECT_TRUE(esn);
    EXPECT_THROW(ParseAhProposal("aes128", integ, esn), ConfigError);
    EXPECT_THROW(ParseAhProposal("sha1-sha256", integ, esn), ConfigError);
    EXPECT_THROW(ParseAhProposal("esn", integ, esn), ConfigError);
}

} // namespace
} // namespace ipsec
} // namespace ns3
