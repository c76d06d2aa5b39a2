// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-test-util.h"

#include "ns3/ipsec-esp-header.h"

#include <gtest/gtest.h>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

// The ESP header of RFC 3602 §4 case #5: SPI 0x4321, sequence number 1.
TEST(EspHeader, SerializesExactBytes)
{
    auto packet = Create<Packet>();
    packet->AddHeader(EspHeader(0x4321, 1));
    EXPECT_EQ(Hex(PacketBytes(packet)), "0000432100000001");
    EXPECT_EQ(EspHeader().GetSerializedSize(), 8u);
}

TEST(EspHeader, RoundTripsThroughPacket)
{
    auto packet = MakePacket(Bytes("aabbccdd"));
    packet->AddHeader(EspHeader(0xfedcba98, 0x80000001));
    EspHeader parsed;
    EXPECT_EQ(packet->RemoveHeader(parsed), 8u);
    EXPECT_EQ(parsed.GetError(), DropReason::NONE);
    EXPECT_EQ(parsed.GetSpi(), 0xfedcba98u);
    EXPECT_EQ(parsed.GetSequenceNumber(), 0x80000001u);
    EXPECT_EQ(Hex(PacketBytes(packet)), "aabbccdd");
}

TEST(EspHeader, TruncatedIsNamedAndConsumesNothing)
{
    auto packet = MakePacket(Bytes("00004321000000"));
    EspHeader parsed;
    EXPECT_EQ(packet->RemoveHeader(parsed), 0u);
    EXPECT_EQ(parsed.GetError(), DropReason::TRUNCATED);
    EXPECT_EQ(packet->GetSize(), 7u);
    EXPECT_STREQ(GetDropReasonName(parsed.GetError()), "truncated");
}

TEST(EspHeader, EmptyPacketIsTruncated)
{
    auto packet = Create<Packet>();
    EspHeader parsed;
    EXPECT_EQ(packet->PeekHeader(parsed), 0u);
    EXPECT_EQ(parsed.GetError(), DropReason::TRUNCATED);
}

TEST(EspHeader, PrintsFields)
{
    std::ostringstream os;
    EspHeader(0x4321, 7).Print(os);
    EXPECT_EQ(os.str(), "ESP spi=0x4321 seq=7");
}
