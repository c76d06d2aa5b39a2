// SPDX-License-Identifier: GPL-2.0-only
// The SAD and SA configuration checks: lookups, conflicts, validation, sequence overflow.

#include "ipsec-test-util.h"

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-security-association-database.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>
#include <limits>

namespace ns3
{
namespace ipsec
{
namespace test
{
namespace
{

const Ipv4Address kSrc("10.2.1.1");
const Ipv4Address kDst("10.2.2.2");

/// An ESP SA configuration with aes128gcm16 (20-byte key incl. salt).
SaConfig
EspConfig(uint32_t spi, SaDirection direction, uint32_t reqid = 1)
{
    SaConfig c;
    c.spi = spi;
    c.direction = direction;
    c.protocol = IpsecProtocol::ESP;
    c.mode = IpsecMode::TRANSPORT;
    c.source = kSrc;
    c.destination = kDst;
    c.espSuite = EspSuite::Parse("aes128gcm16");
    c.encryptionKey = std::vector<uint8_t>(20, 0x11);
    c.reqid = reqid;
    return c;
}

/// An AH SA configuration with HMAC-SHA-256.
SaConfig
AhConfig(uint32_t spi, SaDirection direction, uint32_t reqid = 1)
{
    SaConfig c = EspConfig(spi, direction, reqid);
    c.protocol = IpsecProtocol::AH;
    c.encryptionKey.clear();
    bool esn = false;
    ParseAhProposal("sha256", c.ahIntegrity, esn);
    c.integrityKey = std::vector<uint8_t>(32, 0x22);
    return c;
}

/// Expect a ConfigError whose message contains a text.
template <typename F>
void
ExpectConfigError(F f, const std::string& needle)
{
    try
    {
        f();
        ADD_FAILURE() << "no ConfigError (expected one mentioning '" << needle << "')";
    }
    catch (const ConfigError& e)
    {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
}

/// Destroys the simulator after each test (the SAD schedules lifetime events).
class Sad : public ::testing::Test
{
  protected:
    void TearDown() override
    {
        Simulator::Destroy();
    }
};

TEST_F(Sad, FindInboundBySpiDestinationAndProtocol)
{
    SecurityAssociationDatabase sad;
    auto esp = CreateObject<SecurityAssociation>(EspConfig(0x1000, SaDirection::INBOUND));
    auto ah = CreateObject<SecurityAssociation>(AhConfig(0x1000, SaDirection::INBOUND));
    sad.Add(esp);
    sad.Add(ah); // same SPI and destination, other protocol: allowed
    EXPECT_EQ(sad.FindInbound(0x1000, kDst, IpsecProtocol::ESP), esp);
    EXPECT_EQ(sad.FindInbound(0x1000, kDst, IpsecProtocol::AH), ah);
    EXPECT_EQ(sad.FindInbound(0x1000, kSrc, IpsecProtocol::ESP), nullptr);
    EXPECT_EQ(sad.FindInbound(0x1001, kDst, IpsecProtocol::ESP), nullptr);
    EXPECT_EQ(sad.GetAll().size(), 2u);
    EXPECT_TRUE(sad.Remove(ah));
    EXPECT_EQ(sad.FindInbound(0x1000, kDst, IpsecProtocol::AH), nullptr);
    EXPECT_FALSE(sad.Remove(ah));
}

TEST_F(Sad, FindInboundIgnoresOutboundSas)
{
    SecurityAssociationDatabase sad;
    sad.Add(CreateObject<SecurityAssociation>(EspConfig(0x2000, SaDirection::OUTBOUND)));
    EXPECT_EQ(sad.FindInbound(0x2000, kDst, IpsecProtocol::ESP), nullptr);
}

TEST_F(Sad, FindOutboundReturnsTheNewestOfAReqid)
{
    SecurityAssociationDatabase sad;
    auto old = CreateObject<SecurityAssociation>(EspConfig(0x3000, SaDirection::OUTBOUND, 7));
    auto other = CreateObject<SecurityAssociation>(EspConfig(0x3001, SaDirection::OUTBOUND, 8));
    auto newer = CreateObject<SecurityAssociation>(EspConfig(0x3002, SaDirection::OUTBOUND, 7));
    sad.Add(old);
    EXPECT_EQ(sad.FindOutbound(7, IpsecProtocol::ESP), old);
    sad.Add(other);
    sad.Add(newer);
    EXPECT_EQ(sad.FindOutbound(7, IpsecProtocol::ESP), newer);
    EXPECT_EQ(sad.FindOutbound(8, IpsecProtocol::ESP), other);
    EXPECT_EQ(sad.FindOutbound(7, IpsecProtocol::AH), nullptr);
    EXPECT_EQ(sad.FindOutbound(9, IpsecProtocol::ESP), nullptr);
    sad.Remove(newer);
    EXPECT_EQ(sad.FindOutbound(7, IpsecProtocol::ESP), old);
}

TEST_F(Sad, OverlappingSpiIsRefused)
{
    SecurityAssociationDatabase sad;
    sad.Add(CreateObject<SecurityAssociation>(EspConfig(0x4000, SaDirection::INBOUND)));
    auto dup = CreateObject<SecurityAssociation>(EspConfig(0x4000, SaDirection::INBOUND, 2));
    ExpectConfigError([&] { sad.Add(dup); }, "SPI already used");
    EXPECT_EQ(sad.GetAll().size(), 1u);
    // Another destination with the same SPI is a different SA.
    SaConfig c = EspConfig(0x4000, SaDirection::INBOUND);
    c.destination = kSrc;
    c.source = kDst;
    EXPECT_NO_THROW(sad.Add(CreateObject<SecurityAssociation>(c)));
}

TEST_F(Sad, ReservedSpisAreRefused)
{
    for (uint32_t spi : {0u, 1u, 255u})
    {
        ExpectConfigError([&] { SecurityAssociation sa(EspConfig(spi, SaDirection::INBOUND)); },
                          "reserved");
    }
    EXPECT_NO_THROW(SecurityAssociation sa(EspConfig(256, SaDirection::INBOUND)));
}

TEST_F(Sad, ReqidZeroIsRefused)
{
    ExpectConfigError([] { SecurityAssociation sa(EspConfig(0x5000, SaDirection::INBOUND, 0)); },
                      "reqid");
}

TEST_F(Sad, TunnelWithoutEndpointsIsRefused)
{
    SaConfig c = EspConfig(0x5001, SaDirection::OUTBOUND);
    c.mode = IpsecMode::TUNNEL;
    c.destination = Ipv4Address();
    ExpectConfigError([&] { SecurityAssociation sa(c); }, "tunnel mode needs both");
    c.destination = kDst;
    c.source = Ipv4Address::GetAny();
    ExpectConfigError([&] { SecurityAssociation sa(c); }, "tunnel mode needs both");
}

TEST_F(Sad, WrongKeyLengthNamesTheNeededSize)
{
    SaConfig c = EspConfig(0x5002, SaDirection::OUTBOUND);
    c.encryptionKey.resize(16); // salt missing
    ExpectConfigError([&] { SecurityAssociation sa(c); }, "20 bytes");

    SaConfig cbc = EspConfig(0x5003, SaDirection::OUTBOUND);
    cbc.espSuite = EspSuite::Parse("aes256-sha256");
    cbc.encryptionKey = std::vector<uint8_t>(32, 1);
    cbc.integrityKey = std::vector<uint8_t>(20, 2);
    ExpectConfigError([&] { SecurityAssociation sa(cbc); }, "32 bytes");

    SaConfig ah = AhConfig(0x5004, SaDirection::OUTBOUND);
    ah.integrityKey.resize(31);
    ExpectConfigError([&] { SecurityAssociation sa(ah); }, "32 bytes");
}

TEST_F(Sad, SoftLifetimeMustBeBelowHard)
{
    SaConfig c = EspConfig(0x5005, SaDirection::OUTBOUND);
    c.lifetime.softPackets = 10;
    c.lifetime.hardPackets = 10;
    ExpectConfigError([&] { SecurityAssociation sa(c); }, "soft packets");
    c.lifetime = SaLifetime();
    c.lifetime.softBytes = 2000;
    c.lifetime.hardBytes = 1000;
    ExpectConfigError([&] { SecurityAssociation sa(c); }, "soft bytes");
    c.lifetime = SaLifetime();
    c.lifetime.softTime = Seconds(3);
    c.lifetime.hardTime = Seconds(2);
    ExpectConfigError([&] { SecurityAssociation sa(c); }, "soft time");
    c.lifetime.hardTime = Seconds(4);
    EXPECT_NO_THROW(SecurityAssociation sa(c));
}

TEST_F(Sad, SequenceOverflowWithoutEsn)
{
    SaConfig c = EspConfig(0x6000, SaDirection::OUTBOUND);
    c.initialSequence = 0xFFFFFFFE;
    SecurityAssociation sa(c);
    uint64_t seq = 0;
    EXPECT_EQ(sa.NextSequence(seq), DropReason::NONE);
    EXPECT_EQ(seq, 0xFFFFFFFFu);
    EXPECT_FALSE(sa.IsHardExpired());
    EXPECT_EQ(sa.NextSequence(seq), DropReason::SEQ_OVERFLOW);
    EXPECT_TRUE(sa.IsHardExpired());
    EXPECT_EQ(sa.NextSequence(seq), DropReason::SEQ_OVERFLOW);
}

TEST_F(Sad, SequenceOverflowRemovesTheSaFromTheSad)
{
    SecurityAssociationDatabase sad;
    SaConfig c = EspConfig(0x6001, SaDirection::OUTBOUND, 3);
    c.initialSequence = 0xFFFFFFFE;
    auto sa = CreateObject<SecurityAssociation>(c);
    sad.Add(sa);
    uint64_t seq = 0;
    EXPECT_EQ(sa->NextSequence(seq), DropReason::NONE);
    EXPECT_FALSE(sad.HasExpired(3));
    EXPECT_EQ(sa->NextSequence(seq), DropReason::SEQ_OVERFLOW);
    EXPECT_EQ(sad.FindOutbound(3, IpsecProtocol::ESP), nullptr);
    EXPECT_TRUE(sad.HasExpired(3));
}

TEST_F(Sad, EsnSequenceGoesPast32Bits)
{
    SaConfig c = EspConfig(0x6002, SaDirection::OUTBOUND);
    c.espSuite = EspSuite::Parse("aes128gcm16-esn");
    c.initialSequence = 0xFFFFFFFE;
    SecurityAssociation sa(c);
    uint64_t seq = 0;
    EXPECT_EQ(sa.NextSequence(seq), DropReason::NONE);
    EXPECT_EQ(seq, 0xFFFFFFFFu);
    EXPECT_EQ(sa.NextSequence(seq), DropReason::NONE);
    EXPECT_EQ(seq, uint64_t{1} << 32);
    EXPECT_FALSE(sa.IsHardExpired());

    SaConfig ah = AhConfig(0x6003, SaDirection::OUTBOUND);
    ah.esn = true;
    ah.initialSequence = 0xFFFFFFFF;
    SecurityAssociation ahSa(ah);
    EXPECT_EQ(ahSa.NextSequence(seq), DropReason::NONE);
    EXPECT_EQ(seq, uint64_t{1} << 32);
}

TEST_F(Sad, EsnSequenceOverflowAt64Bits)
{
    SaConfig c = EspConfig(0x6004, SaDirection::OUTBOUND);
    c.espSuite = EspSuite::Parse("aes128gcm16-esn");
    c.initialSequence = std::numeric_limits<uint64_t>::max() - 1;
    SecurityAssociation sa(c);
    uint64_t seq = 0;
    EXPECT_EQ(sa.NextSequence(seq), DropReason::NONE);
    EXPECT_EQ(seq, std::numeric_limits<uint64_t>::max());
    EXPECT_EQ(sa.NextSequence(seq), DropReason::SEQ_OVERFLOW);
    EXPECT_TRUE(sa.IsHardExpired());
}

TEST_F(Sad, InitialSequenceBeyond32BitsNeedsEsn)
{
    SaConfig c = EspConfig(0x6005, SaDirection::OUTBOUND);
    c.initialSequence = 0xFFFFFFFF;
    ExpectConfigError([&] { SecurityAssociation sa(c); }, "needs ESN");
}

TEST_F(Sad, PacketLifetimeExpiresAndRemoves)
{
    SecurityAssociationDatabase sad;
    uint32_t soft = 0;
    uint32_t hard = 0;
    sad.SetExpireCallbacks(
        SecurityAssociationDatabase::ExpireCallback([&](Ptr<SecurityAssociation>) { soft++; }),
        SecurityAssociationDatabase::ExpireCallback([&](Ptr<SecurityAssociation>) { hard++; }));
    SaConfig c = EspConfig(0x7000, SaDirection::OUTBOUND, 4);
    c.lifetime.softPackets = 2;
    c.lifetime.hardPackets = 3;
    auto sa = CreateObject<SecurityAssociation>(c);
    sad.Add(sa);
    auto p = Create<Packet>(10);
    sa->Account(p, 10, 1);
    EXPECT_EQ(soft, 0u);
    sa->Account(p, 10, 2);
    EXPECT_EQ(soft, 1u);
    EXPECT_TRUE(sa->IsSoftExpired());
    EXPECT_EQ(sad.FindOutbound(4, IpsecProtocol::ESP), sa);
    sa->Account(p, 10, 3);
    EXPECT_EQ(soft, 1u);
    EXPECT_EQ(hard, 1u);
    EXPECT_TRUE(sa->IsHardExpired());
    EXPECT_EQ(sad.FindOutbound(4, IpsecProtocol::ESP), nullptr);
    EXPECT_TRUE(sad.HasExpired(4));
    // A new SA for the reqid clears the expired mark.
    sad.Add(CreateObject<SecurityAssociation>(EspConfig(0x7001, SaDirection::OUTBOUND, 4)));
    EXPECT_FALSE(sad.HasExpired(4));
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
