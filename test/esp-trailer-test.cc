// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-test-util.h"

#include "ns3/ipsec-esp-trailer.h"

#include <gtest/gtest.h>
#include <random>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

TEST(EspTrailer, PadLengthFollowsBlockAndFourByteAlignment)
{
    // RFC 3602 §4 case #5: 48 bytes of ICMP in AES-CBC -> 14 bytes of padding.
    EXPECT_EQ(EspTrailer::ComputePadLength(48, 16), 14);
    EXPECT_EQ(EspTrailer::ComputePadLength(14, 16), 0);
    EXPECT_EQ(EspTrailer::ComputePadLength(0, 16), 14);
    EXPECT_EQ(EspTrailer::ComputePadLength(15, 16), 15);
    EXPECT_EQ(EspTrailer::ComputePadLength(3, 8), 3); // 3DES
    EXPECT_EQ(EspTrailer::ComputePadLength(1, 1), 1); // stream/AEAD: 4-byte alignment
    EXPECT_EQ(EspTrailer::ComputePadLength(2, 1), 0);
    EXPECT_EQ(EspTrailer::ComputePadLength(5, 1), 1);
    EXPECT_EQ(EspTrailer::ComputePadLength(0, 1), 2);
}

TEST(EspTrailer, SerializesDefaultPaddingPattern)
{
    EspTrailer trailer;
    trailer.SetPadLength(3);
    trailer.SetNextHeader(17);
    trailer.SetIcv(Bytes("aabb"));
    auto packet = MakePacket(Bytes("cafe"));
    packet->AddTrailer(trailer);
    EXPECT_EQ(Hex(PacketBytes(packet)),
              "cafe010203"
              "0311"
              "aabb");
    EXPECT_EQ(trailer.GetSerializedSize(), 7u);
}

TEST(EspTrailer, DeserializesFromPacketEnd)
{
    auto packet = MakePacket(Bytes("cafe 0102 02 04 00112233"));
    EspTrailer trailer;
    trailer.SetIcvSize(4);
    EXPECT_EQ(packet->RemoveTrailer(trailer), 8u);
    EXPECT_EQ(trailer.GetError(), DropReason::NONE);
    EXPECT_EQ(trailer.GetPadLength(), 2);
    EXPECT_EQ(trailer.GetNextHeader(), 4);
    EXPECT_EQ(Hex(trailer.GetIcv()), "00112233");
    EXPECT_EQ(Hex(PacketBytes(packet)), "cafe");
}

TEST(EspTrailer, TruncatedIsNamed)
{
    auto packet = MakePacket(Bytes("0011 2233"));
    EspTrailer trailer;
    trailer.SetIcvSize(4); // needs at least 4 + 2 bytes
    EXPECT_EQ(packet->RemoveTrailer(trailer), 0u);
    EXPECT_EQ(trailer.GetError(), DropReason::TRUNCATED);
    EXPECT_EQ(packet->GetSize(), 4u);
}

TEST(EspTrailer, PadLengthBeyondDataIsNamed)
{
    // Pad length 5, but only 2 bytes precede the pad length field.
    auto packet = MakePacket(Bytes("0102 05 11"));
    EspTrailer trailer;
    EXPECT_EQ(packet->RemoveTrailer(trailer), 0u);
    EXPECT_EQ(trailer.GetError(), DropReason::BAD_PAD_LENGTH);
}

TEST(EspTrailer, NonMonotonicPaddingIsNamed)
{
    auto packet = MakePacket(Bytes("cafe 010204 03 11"));
    EspTrailer trailer;
    EXPECT_EQ(packet->RemoveTrailer(trailer), 0u);
    EXPECT_EQ(trailer.GetError(), DropReason::BAD_PADDING);
    EXPECT_EQ(EspTrailer::CheckPadding(Bytes("010203").data(), 3), DropReason::NONE);
    EXPECT_EQ(EspTrailer::CheckPadding(Bytes("000000").data(), 3), DropReason::BAD_PADDING);
}

TEST(EspTrailer, RoundTrip)
{
    EspTrailer out;
    out.SetPadLength(EspTrailer::ComputePadLength(5, 16));
    out.SetNextHeader(6);
    out.SetIcv(Bytes("0102030405060708090a0b0c"));
    auto packet = MakePacket(Bytes("0102030405"));
    packet->AddTrailer(out);
    EXPECT_EQ(packet->GetSize() % 4, 0u);
    EspTrailer in;
    in.SetIcvSize(12);
    EXPECT_EQ(packet->RemoveTrailer(in), out.GetSerializedSize());
    EXPECT_EQ(in.GetError(), DropReason::NONE);
    EXPECT_EQ(in.GetPadLength(), 9);
    EXPECT_EQ(in.GetNextHeader(), 6);
    EXPECT_EQ(in.GetIcv(), out.GetIcv());
    EXPECT_EQ(Hex(PacketBytes(packet)), "0102030405");
}

// Random trailers: parsed safely; whatever is accepted has a valid padding pattern.
TEST(EspTrailer, RandomInputIsParsedSafely)
{
    std::mt19937 rng(4303);
    size_t accepted = 0;
    for (int i = 0; i < 5000; ++i)
    {
        std::vector<uint8_t> bytes = RandomBytes(rng, rng() % 40);
        // Make short, well-formed padding likely so that acceptance is exercised too.
        if (bytes.size() >= 8 && i % 2 == 0)
        {
            const uint8_t pad = rng() % 3;
            for (uint8_t k = 0; k < pad; ++k)
            {
                bytes[bytes.size() - 6 - pad + k] = k + 1;
            }
            bytes[bytes.size() - 6] = pad;
        }
        auto packet = MakePacket(bytes);
        EspTrailer trailer;
        trailer.SetIcvSize(4);
        const uint32_t consumed = packet->RemoveTrailer(trailer);
        if (trailer.GetError() == DropReason::NONE)
        {
            ++accepted;
            EXPECT_EQ(consumed, trailer.GetPadLength() + 2u + 4u);
            EXPECT_LE(consumed, bytes.size());
        }
        else
        {
            EXPECT_EQ(consumed, 0u);
        }
    }
    EXPECT_GT(accepted, 0u);
}

TEST(EspTrailer, HugeIcvSizeIsTruncatedNotOverflowed)
{
    auto packet = MakePacket(Bytes("0102 02 11 aabbccdd"));
    EspTrailer trailer;
    trailer.SetIcvSize(0xffffffffU);
    EXPECT_EQ(packet->RemoveTrailer(trailer), 0u);
    EXPECT_EQ(trailer.GetError(), DropReason::TRUNCATED);
}

TEST(EspTrailer, PadLengthTakingAllDataIsAccepted)
{
    // No payload: 2 bytes of padding fill everything before the pad length field.
    auto packet = MakePacket(Bytes("0102 02 3b"));
    EspTrailer trailer;
    EXPECT_EQ(packet->RemoveTrailer(trailer), 4u);
    EXPECT_EQ(trailer.GetError(), DropReason::NONE);
    EXPECT_EQ(trailer.GetNextHeader(), 59);
    EXPECT_EQ(packet->GetSize(), 0u);
}
