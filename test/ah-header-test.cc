// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-test-util.h"

#include "ns3/ipsec-ah-header.h"

#include <gtest/gtest.h>
#include <random>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{
AhHeader
MakeAh(const std::string& icvHex, bool ipv6 = false)
{
    AhHeader ah;
    ah.SetNextHeader(6);
    ah.SetSpi(0x12345678);
    ah.SetSequenceNumber(1);
    ah.SetIpv6(ipv6);
    ah.SetIcv(Bytes(icvHex));
    return ah;
}
} // namespace

// HMAC-SHA1-96: 12 + 12 = 24 bytes = 6 words, Payload Len 4 (RFC 4302 §2.2).
TEST(AhHeader, SerializesSha1Layout)
{
    auto packet = Create<Packet>();
    packet->AddHeader(MakeAh("111111111111111111111111"));
    EXPECT_EQ(Hex(PacketBytes(packet)),
              "06040000"
              "12345678"
              "00000001"
              "111111111111111111111111");
}

// A 16-byte ICV: 28 bytes in IPv4 (Payload Len 5); IPv6 pads to 32 bytes (Payload Len 6).
TEST(AhHeader, PadsIcvToFamilyAlignment)
{
    const std::string icv = "22222222222222222222222222222222";
    auto v4 = Create<Packet>();
    v4->AddHeader(MakeAh(icv, false));
    EXPECT_EQ(Hex(PacketBytes(v4)),
              "06050000"
              "12345678"
              "00000001" +
                  icv);
    auto v6 = Create<Packet>();
    v6->AddHeader(MakeAh(icv, true));
    EXPECT_EQ(Hex(PacketBytes(v6)),
              "06060000"
              "12345678"
              "00000001" +
                  icv + "00000000");
}

TEST(AhHeader, RoundTrip)
{
    auto packet = MakePacket(Bytes("deadbeef"));
    packet->AddHeader(MakeAh("0102030405060708090a0b0c0d0e0f10", true));
    AhHeader parsed;
    parsed.SetIpv6(true);
    parsed.SetIcvSize(16);
    EXPECT_EQ(packet->RemoveHeader(parsed), 32u);
    EXPECT_EQ(parsed.GetError(), DropReason::NONE);
    EXPECT_EQ(parsed.GetNextHeader(), 6);
    EXPECT_EQ(parsed.GetPayloadLength(), 6);
    EXPECT_EQ(parsed.GetSpi(), 0x12345678u);
    EXPECT_EQ(parsed.GetSequenceNumber(), 1u);
    EXPECT_EQ(Hex(parsed.GetIcv()), "0102030405060708090a0b0c0d0e0f10");
    EXPECT_EQ(Hex(PacketBytes(packet)), "deadbeef");
}

TEST(AhHeader, ShortFixedHeaderIsTruncated)
{
    auto packet = MakePacket(Bytes("0604000012345678000000"));
    AhHeader parsed;
    parsed.SetIcvSize(12);
    EXPECT_EQ(packet->RemoveHeader(parsed), 0u);
    EXPECT_EQ(parsed.GetError(), DropReason::TRUNCATED);
}

TEST(AhHeader, MissingIcvBytesAreTruncated)
{
    // Payload Len 4 announces 24 bytes; only 20 are there.
    auto packet = MakePacket(Bytes("06040000 12345678 00000001 1111111111111111"));
    AhHeader parsed;
    parsed.SetIcvSize(12);
    EXPECT_EQ(packet->RemoveHeader(parsed), 0u);
    EXPECT_EQ(parsed.GetError(), DropReason::TRUNCATED);
    EXPECT_EQ(packet->GetSize(), 20u);
}

TEST(AhHeader, PayloadLengthInconsistentWithIcvIsNamed)
{
    // The SA's ICV is 12 bytes (Payload Len 4) but the packet says 5.
    auto packet = MakePacket(Bytes("06050000 12345678 00000001 "
                                   "11111111111111111111111111111111"));
    AhHeader parsed;
    parsed.SetIcvSize(12);
    EXPECT_EQ(packet->RemoveHeader(parsed), 0u);
    EXPECT_EQ(parsed.GetError(), DropReason::BAD_PAYLOAD_LENGTH);
    EXPECT_EQ(parsed.GetPayloadLength(), 5);
}

TEST(AhHeader, Ipv6NeedsSixtyFourBitAlignment)
{
    // 28 bytes (Payload Len 5) is valid for IPv4 with a 16-byte ICV but not for IPv6.
    auto packet = MakePacket(Bytes("06050000 12345678 00000001 "
                                   "22222222222222222222222222222222"));
    AhHeader v6;
    v6.SetIpv6(true);
    v6.SetIcvSize(16);
    EXPECT_EQ(packet->PeekHeader(v6), 0u);
    EXPECT_EQ(v6.GetError(), DropReason::BAD_PAYLOAD_LENGTH);
    AhHeader v4;
    v4.SetIcvSize(16);
    EXPECT_EQ(packet->PeekHeader(v4), 28u);
    EXPECT_EQ(v4.GetError(), DropReason::NONE);
}

// Random bytes never make the parser read out of bounds; whatever it accepts is consistent.
TEST(AhHeader, RandomInputIsParsedSafely)
{
    std::mt19937 rng(4302);
    size_t accepted = 0;
    for (int i = 0; i < 5000; ++i)
    {
        std::vector<uint8_t> bytes = RandomBytes(rng, rng() % 48);
        if (bytes.size() >= 2 && i % 2 == 0)
        {
            bytes[1] = 4; // a plausible Payload Len for a 12-byte ICV
        }
        auto packet = MakePacket(bytes);
        AhHeader ah;
        ah.SetIcvSize(12);
        const uint32_t consumed = packet->RemoveHeader(ah);
        if (ah.GetError() == DropReason::NONE)
        {
            ++accepted;
            EXPECT_EQ(consumed, 24u);
            EXPECT_EQ(ah.GetIcv().size(), 12u);
        }
        else
        {
            EXPECT_EQ(consumed, 0u);
            EXPECT_EQ(packet->GetSize(), bytes.size());
        }
    }
    EXPECT_GT(accepted, 0u);
}

// Header sizes per integrity algorithm (RFC 4302 §2.2, §2.6): 12 + ICV, aligned to 4 (IPv4)
// or 8 (IPv6) bytes.
TEST(AhHeader, SizesPerIntegrityAlgorithm)
{
    struct Case
    {
        uint32_t icv, v4, v6;
    };

    for (const Case& c : {Case{12, 24, 24}, Case{16, 28, 32}, Case{24, 36, 40}, Case{32, 44, 48}})
    {
        AhHeader v4 = MakeAh(std::string(c.icv * 2, '1'));
        AhHeader v6 = MakeAh(std::string(c.icv * 2, '1'), true);
        EXPECT_EQ(v4.GetSerializedSize(), c.v4) << c.icv;
        EXPECT_EQ(v6.GetSerializedSize(), c.v6) << c.icv;
    }
}
