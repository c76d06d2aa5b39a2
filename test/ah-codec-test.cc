// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-test-util.h"

#include "ns3/ipsec-ah-codec.h"
#include "ns3/ipsec-ah-header.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-esp-codec.h"
#include "ns3/ipsec-openssl-hmac.h"

#include <functional>
#include <gtest/gtest.h>
#include <random>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

/// An IPv4 datagram protected by AH, and the SA that protected it.
struct AhVector
{
    const char* name;     ///< test name
    const char* keyword;  ///< integrity transform
    const char* key;      ///< integrity key (hex)
    uint64_t seq;         ///< full sequence number
    bool esn;             ///< Extended Sequence Numbers
    uint8_t nextHeader;   ///< protocol after AH
    const char* datagram; ///< IPv4 header | AH | payload (hex)
};

// Produced by test/vectors/ah-icv-vectors.py with Python's hmac/hashlib and, for AES-XCBC, the
// cryptography package's AES (checked against RFC 3566 §4 first), not with ns3-ipsec. Every
// datagram: TOS 0xb8, DF, TTL 64, id 0x1c46, 192.168.1.1 -> 192.168.1.2, a real checksum.
// Each is written as IPv4 header | AH fixed part | ICV | payload.
const AhVector kVectors[] = {
    {"Sha1",
     "sha1",
     "01080f161d242b323940474e555c636a71787f86",
     1,
     false,
     17, // a UDP segment
     "45b8004d1c46400040339a2cc0a80101c0a80102"
     "110400000000100000000001"
     "94691c4e0341ad6c50e8cb6c"
     "13881770002100006e73332d6970736563204148206b6e6f776e20616e73776572"},
    {"Sha256Tunnel",
     "sha256",
     "020910171e252c333a41484f565d646b727980878e959ca3aab1b8bfc6cdd4db",
     2,
     false,
     4, // an inner IPv4 datagram 10.0.1.1 -> 10.0.2.1
     "45b800581c46400040339a21c0a80101c0a80102"
     "040500000000100100000002"
     "f582395e2ea22d0081d37c9d05222db2"
     "4500002800010000401163c30a0001010a0002010007000700140000696e6e6572207061636b6574"},
    {"Sha512",
     "sha512",
     "030a11181f262d343b424950575e656c737a81888f969da4abb2b9c0c7ced5dce3eaf1f8ff060d141b222930"
     "373e454c535a61686f767d848b9299a0a7aeb5bc",
     0x2a,
     false,
     6, // 41 bytes of pattern
     "45b800691c46400040339a10c0a80101c0a80102"
     "06090000000010020000002a"
     "6f5af8d3198ea7ab5188b0641ecb082dd069fdbfb2c5d9950b9fff9da8217339"
     "30373e454c535a61686f767d848b9299a0a7aeb5bcc3cad1d8dfe6edf4fb020910171e252c333a4148"},
    {"AesXcbc",
     "aesxcbc",
     "040b121920272e353c434a51585f666d",
     5,
     false,
     17,
     "45b8004d1c46400040339a2cc0a80101c0a80102"
     "110400000000100300000005"
     "461fd1126186b475438e152b"
     "13881770002100006e73332d6970736563204148206b6e6f776e20616e73776572"},
    {"Sha256Esn",
     "sha256",
     "020910171e252c333a41484f565d646b727980878e959ca3aab1b8bfc6cdd4db",
     0x0000000100000003ULL, // high 32 bits 1: authenticated, not sent
     true,
     17,
     "45b800511c46400040339a28c0a80101c0a80102"
     "110500000000100400000003"
     "ea57a5a27e3f223f70b411c03457e35b"
     "13881770002100006e73332d6970736563204148206b6e6f776e20616e73776572"},
};

/// A datagram cut into its three parts.
struct Datagram
{
    std::vector<uint8_t> ip;      ///< 20-byte IPv4 header
    std::vector<uint8_t> ah;      ///< AH header
    std::vector<uint8_t> payload; ///< what follows AH

    Datagram(const std::vector<uint8_t>& bytes, uint32_t ahSize)
        : ip(bytes.begin(), bytes.begin() + 20),
          ah(bytes.begin() + 20, bytes.begin() + 20 + ahSize),
          payload(bytes.begin() + 20 + ahSize, bytes.end())
    {
    }
};

const TransformInfo&
Integ(const char* keyword)
{
    const TransformInfo* info = FindTransformByKeyword(keyword);
    EXPECT_NE(info, nullptr) << keyword;
    return *info;
}

uint32_t
SpiOf(const Datagram& d)
{
    return (uint32_t(d.ah[4]) << 24) | (uint32_t(d.ah[5]) << 16) | (uint32_t(d.ah[6]) << 8) |
           d.ah[7];
}

AhCodec
MakeCodec(const AhVector& v)
{
    return AhCodec(SpiOf(Datagram(Bytes(v.datagram), 12)), Integ(v.keyword), Bytes(v.key), v.esn);
}

} // namespace

class AhCodecVectors : public ::testing::TestWithParam<AhVector>
{
};

// AhCodec::Compute reproduces the independently computed datagram byte for byte, and the
// result is a well-formed AhHeader (RFC 4302 §2) that serializes to the same bytes.
TEST_P(AhCodecVectors, ComputeReproducesKnownAnswer)
{
    const AhVector& v = GetParam();
    const auto expected = Bytes(v.datagram);
    AhCodec tx = MakeCodec(v);
    const Datagram d(expected, tx.GetHeaderSize());
    std::vector<uint8_t> ah;
    ASSERT_EQ(tx.Compute(v.seq, v.nextHeader, d.ip, d.payload, ah), DropReason::NONE);
    EXPECT_EQ(Hex(ah), Hex(d.ah));

    AhHeader header;
    header.SetIcvSize(tx.GetIcvSize());
    Ptr<Packet> parsed = MakePacket(ah);
    ASSERT_EQ(parsed->RemoveHeader(header), tx.GetHeaderSize());
    ASSERT_EQ(header.GetError(), DropReason::NONE);
    EXPECT_EQ(header.GetNextHeader(), v.nextHeader);
    EXPECT_EQ(header.GetSpi(), tx.GetSpi());
    EXPECT_EQ(header.GetSequenceNumber(), static_cast<uint32_t>(v.seq));

    AhHeader rebuilt;
    rebuilt.SetNextHeader(v.nextHeader);
    rebuilt.SetSpi(tx.GetSpi());
    rebuilt.SetSequenceNumber(static_cast<uint32_t>(v.seq));
    rebuilt.SetIcv(header.GetIcv());
    Ptr<Packet> packet = MakePacket(d.payload);
    packet->AddHeader(rebuilt);
    std::vector<uint8_t> datagram = d.ip;
    const auto rest = PacketBytes(packet);
    datagram.insert(datagram.end(), rest.begin(), rest.end());
    EXPECT_EQ(Hex(datagram), Hex(expected));
}

TEST_P(AhCodecVectors, VerifyAcceptsKnownAnswer)
{
    const AhVector& v = GetParam();
    AhCodec rx = MakeCodec(v);
    const Datagram d(Bytes(v.datagram), rx.GetHeaderSize());
    uint8_t nh = 0;
    EXPECT_EQ(rx.Verify(d.ip, d.ah, d.payload, static_cast<uint32_t>(v.seq >> 32), nh),
              DropReason::NONE);
    EXPECT_EQ(nh, v.nextHeader);

    // The rest of the datagram may be given as the AH span: the same bytes are authenticated.
    nh = 0;
    std::vector<uint8_t> rest = d.ah;
    rest.insert(rest.end(), d.payload.begin(), d.payload.end());
    EXPECT_EQ(rx.Verify(d.ip, rest, ByteSpan(), static_cast<uint32_t>(v.seq >> 32), nh),
              DropReason::NONE);
    EXPECT_EQ(nh, v.nextHeader);
}

// TOS, flags (DF included), fragment offset, TTL and checksum are zeroed for the ICV
// (RFC 4302 §3.3.3.1.1.1, App. A1): changing them in transit does not break the ICV.
TEST_P(AhCodecVectors, MutableIpFieldsDoNotMatter)
{
    const AhVector& v = GetParam();
    AhCodec rx = MakeCodec(v);
    const Datagram d(Bytes(v.datagram), rx.GetHeaderSize());
    const uint32_t seqHigh = static_cast<uint32_t>(v.seq >> 32);

    struct Change
    {
        size_t offset;
        uint8_t mask;
        const char* what;
    };

    for (const Change& c : {Change{1, 0xfc, "DSCP"},
                            Change{1, 0x03, "ECN"},
                            Change{6, 0x40, "DF"},
                            Change{6, 0x20, "MF"},
                            Change{6, 0x80, "reserved flag"},
                            Change{6, 0x1f, "fragment offset (high)"},
                            Change{7, 0xff, "fragment offset (low)"},
                            Change{8, 0x01, "TTL"},
                            Change{8, 0xff, "TTL"},
                            Change{10, 0xff, "checksum"},
                            Change{11, 0x5a, "checksum"}})
    {
        auto ip = d.ip;
        ip[c.offset] ^= c.mask;
        uint8_t nh = 0;
        EXPECT_EQ(rx.Verify(ip, d.ah, d.payload, seqHigh, nh), DropReason::NONE) << c.what;
    }
}

// Total length, identification, protocol and the addresses are authenticated.
TEST_P(AhCodecVectors, ImmutableIpFieldsAreAuthenticated)
{
    const AhVector& v = GetParam();
    AhCodec rx = MakeCodec(v);
    const Datagram d(Bytes(v.datagram), rx.GetHeaderSize());
    const uint32_t seqHigh = static_cast<uint32_t>(v.seq >> 32);
    for (size_t offset : {2, 3, 4, 5, 9, 12, 13, 14, 15, 16, 17, 18, 19})
    {
        for (uint8_t mask : {0x01, 0x80})
        {
            auto ip = d.ip;
            ip[offset] ^= mask;
            uint8_t nh = 0;
            EXPECT_EQ(rx.Verify(ip, d.ah, d.payload, seqHigh, nh), DropReason::ICV_FAILURE)
                << "IP byte " << offset;
            EXPECT_EQ(nh, 0) << "unchanged on a drop";
        }
    }
}

// Every AH byte but Payload Len (checked before the ICV), and every payload byte.
TEST_P(AhCodecVectors, EveryAhAndPayloadByteIsAuthenticated)
{
    const AhVector& v = GetParam();
    AhCodec rx = MakeCodec(v);
    const Datagram d(Bytes(v.datagram), rx.GetHeaderSize());
    const uint32_t seqHigh = static_cast<uint32_t>(v.seq >> 32);
    uint8_t nh;
    for (size_t i = 0; i < d.ah.size(); ++i)
    {
        auto ah = d.ah;
        ah[i] ^= 0x01;
        EXPECT_EQ(rx.Verify(d.ip, ah, d.payload, seqHigh, nh),
                  i == 1 ? DropReason::BAD_PAYLOAD_LENGTH : DropReason::ICV_FAILURE)
            << "AH byte " << i;
    }
    for (size_t i = 0; i < d.payload.size(); ++i)
    {
        auto payload = d.payload;
        payload[i] ^= 0x80;
        EXPECT_EQ(rx.Verify(d.ip, d.ah, payload, seqHigh, nh), DropReason::ICV_FAILURE)
            << "payload byte " << i;
    }
    auto longer = d.payload;
    longer.push_back(0);
    EXPECT_EQ(rx.Verify(d.ip, d.ah, longer, seqHigh, nh), DropReason::ICV_FAILURE);
    EXPECT_EQ(rx.Verify(d.ip, d.ah, ByteSpan(d.payload.data(), d.payload.size() - 1), seqHigh, nh),
              DropReason::ICV_FAILURE);
}

TEST_P(AhCodecVectors, MalformedHeadersAreNamed)
{
    const AhVector& v = GetParam();
    AhCodec rx = MakeCodec(v);
    const Datagram d(Bytes(v.datagram), rx.GetHeaderSize());
    uint8_t nh = 0;
    for (int payloadLength = 0; payloadLength < 256; ++payloadLength)
    {
        auto ah = d.ah;
        if (payloadLength == ah[1])
        {
            continue;
        }
        ah[1] = static_cast<uint8_t>(payloadLength);
        EXPECT_EQ(rx.Verify(d.ip, ah, d.payload, 0, nh), DropReason::BAD_PAYLOAD_LENGTH)
            << payloadLength;
    }
    for (size_t size = 0; size < d.ah.size(); ++size)
    {
        EXPECT_EQ(rx.Verify(d.ip, ByteSpan(d.ah.data(), size), d.payload, 0, nh),
                  DropReason::TRUNCATED)
            << size;
    }
    // IHL != 5 (options are not supported), another version, a short or long header.
    for (uint8_t first : {0x46, 0x4f, 0x44, 0x65, 0x00})
    {
        auto ip = d.ip;
        ip[0] = first;
        EXPECT_EQ(rx.Verify(ip, d.ah, d.payload, 0, nh), DropReason::MALFORMED) << +first;
        std::vector<uint8_t> ah;
        EXPECT_EQ(rx.Compute(v.seq, v.nextHeader, ip, d.payload, ah), DropReason::MALFORMED);
    }
    auto withOptions = d.ip;
    withOptions[0] = 0x46;
    withOptions.insert(withOptions.end(), {0x01, 0x01, 0x01, 0x00}); // NOP NOP NOP EOL
    EXPECT_EQ(rx.Verify(withOptions, d.ah, d.payload, 0, nh), DropReason::MALFORMED);
    EXPECT_EQ(rx.Verify(ByteSpan(d.ip.data(), 19), d.ah, d.payload, 0, nh), DropReason::MALFORMED);
    EXPECT_EQ(rx.Verify(ByteSpan(), d.ah, d.payload, 0, nh), DropReason::MALFORMED);
    EXPECT_EQ(nh, 0);
}

INSTANTIATE_TEST_SUITE_P(Rfc4302,
                         AhCodecVectors,
                         ::testing::ValuesIn(kVectors),
                         [](const ::testing::TestParamInfo<AhVector>& info) {
                             return std::string(info.param.name);
                         });

// RFC 4302 §3.3.3.1.1.1 and App. A1, byte by byte; in place too.
TEST(AhCodec, ZeroMutableFields)
{
    const auto in = Bytes("45b8 004d 1c46 4000 4033 9a2c c0a80101 c0a80102");
    std::vector<uint8_t> out(20, 0xee);
    AhCodec::ZeroMutableFields(in.data(), out.data());
    EXPECT_EQ(Hex(out),
              "4500004d1c4600000033"
              "0000c0a80101c0a80102");
    auto inPlace = in;
    AhCodec::ZeroMutableFields(inPlace.data(), inPlace.data());
    EXPECT_EQ(Hex(inPlace), Hex(out));
}

// Sizes: 12 + ICV, a multiple of 4 bytes in IPv4 (RFC 4302 §2.2), as AhHeader computes them.
TEST(AhCodec, HeaderSizes)
{
    for (const auto& [keyword, size] :
         std::vector<std::pair<const char*, uint32_t>>{{"sha1", 24},
                                                       {"aesxcbc", 24},
                                                       {"sha256", 28},
                                                       {"sha384", 36},
                                                       {"sha512", 44}})
    {
        const TransformInfo& info = Integ(keyword);
        AhCodec codec(0x1234, info, std::vector<uint8_t>(info.keySize));
        EXPECT_EQ(codec.GetHeaderSize(), size) << keyword;
        EXPECT_EQ(codec.GetIcvSize(), info.icvSize);
        EXPECT_EQ(codec.GetSpi(), 0x1234u);
        EXPECT_FALSE(codec.IsEsn());
        EXPECT_STREQ(codec.GetIntegrity().keyword, keyword);

        AhHeader header;
        header.SetIcv(std::vector<uint8_t>(info.icvSize));
        EXPECT_EQ(header.GetSerializedSize(), size);
    }
    EXPECT_TRUE(AhCodec(1, Integ("sha1"), std::vector<uint8_t>(20), true).IsEsn());
}

// An ICV that is not a multiple of 4 bytes (a hypothetical 80-bit HMAC-SHA1) is padded with
// zeros, which count in Payload Len and are zero in the ICV input (RFC 4302 §2.6, §3.3.3).
TEST(AhCodec, IcvPaddingIsZeroAndCounted)
{
    TransformInfo sha1x80 = Integ("sha1");
    sha1x80.icvSize = 10;
    const auto key = Bytes("0102030405060708090a0b0c0d0e0f1011121314");
    AhCodec codec(0x2000, sha1x80, key);
    EXPECT_EQ(codec.GetHeaderSize(), 24u);
    const auto ip = Bytes("45000030 00070000 40330000 0a000001 0a000002");
    const auto payload = Bytes("0102030405060708");
    std::vector<uint8_t> ah;
    ASSERT_EQ(codec.Compute(9, 17, ip, payload, ah), DropReason::NONE);
    ASSERT_EQ(ah.size(), 24u);
    EXPECT_EQ(Hex(ByteSpan(ah.data(), 12)), "110400000000200000000009");
    EXPECT_EQ(Hex(ByteSpan(ah.data() + 22, 2)), "0000");

    OpensslHmac hmac("SHA1");
    ASSERT_TRUE(hmac.SetKey(key));
    std::vector<uint8_t> zeroedAh(ah.begin(), ah.begin() + 12);
    zeroedAh.resize(24, 0);
    uint8_t full[20];
    const auto zeroedIp = Bytes("45000030 00070000 00330000 0a000001 0a000002"); // TTL 0
    ASSERT_TRUE(hmac.Compute({ByteSpan(zeroedIp), ByteSpan(zeroedAh), ByteSpan(payload)}, full));
    EXPECT_EQ(Hex(ByteSpan(full, 10)), Hex(ByteSpan(ah.data() + 12, 10)));

    AhHeader header;
    header.SetIcvSize(10);
    ASSERT_EQ(MakePacket(ah)->RemoveHeader(header), 24u);
    EXPECT_EQ(header.GetError(), DropReason::NONE);
    uint8_t nh = 0;
    EXPECT_EQ(codec.Verify(ip, ah, payload, 0, nh), DropReason::NONE);
    EXPECT_EQ(nh, 17);
}

// With ESN the high 32 bits are authenticated but not sent (RFC 4302 §3.3.2.1, App. B).
TEST(AhCodec, EsnHighBitsAreAuthenticatedNotSent)
{
    const AhVector& v = kVectors[4];
    ASSERT_TRUE(v.esn);
    AhCodec esn = MakeCodec(v);
    const Datagram d(Bytes(v.datagram), esn.GetHeaderSize());
    uint8_t nh;
    EXPECT_EQ(esn.Verify(d.ip, d.ah, d.payload, 1, nh), DropReason::NONE);
    EXPECT_EQ(esn.Verify(d.ip, d.ah, d.payload, 0, nh), DropReason::ICV_FAILURE);
    EXPECT_EQ(esn.Verify(d.ip, d.ah, d.payload, 2, nh), DropReason::ICV_FAILURE);

    std::vector<uint8_t> other;
    ASSERT_EQ(esn.Compute(0x0000000200000003ULL, 17, d.ip, d.payload, other), DropReason::NONE);
    EXPECT_EQ(Hex(ByteSpan(other.data(), 12)), Hex(ByteSpan(d.ah.data(), 12)));
    EXPECT_NE(Hex(other), Hex(d.ah));
    EXPECT_EQ(esn.Verify(d.ip, other, d.payload, 2, nh), DropReason::NONE);

    // The same SA without ESN: a different ICV for the same low 32 bits, high bits ignored.
    AhCodec plain(0x1004, Integ(v.keyword), Bytes(v.key));
    std::vector<uint8_t> ah;
    ASSERT_EQ(plain.Compute(3, 17, d.ip, d.payload, ah), DropReason::NONE);
    EXPECT_EQ(Hex(ByteSpan(ah.data(), 12)), Hex(ByteSpan(d.ah.data(), 12)));
    EXPECT_NE(Hex(ah), Hex(d.ah));
    EXPECT_EQ(plain.Verify(d.ip, ah, d.payload, 12345, nh), DropReason::NONE);
    EXPECT_EQ(plain.Compute(0x100000000ULL, 17, d.ip, d.payload, ah), DropReason::SEQ_OVERFLOW);
    EXPECT_EQ(esn.Compute(0x100000000ULL, 17, d.ip, d.payload, ah), DropReason::NONE);
}

TEST(AhCodec, EmptyPayloadRoundTrip)
{
    AhCodec codec(0x3000, Integ("sha256"), std::vector<uint8_t>(32, 7));
    const auto ip = Bytes("4500002c 00010000 40330000 0a000001 0a000002");
    std::vector<uint8_t> ah;
    ASSERT_EQ(codec.Compute(1, NEXT_HEADER_NONE, ip, ByteSpan(), ah), DropReason::NONE);
    uint8_t nh = 0;
    EXPECT_EQ(codec.Verify(ip, ah, ByteSpan(), 0, nh), DropReason::NONE);
    EXPECT_EQ(nh, NEXT_HEADER_NONE);
}

TEST(AhCodec, ConfigurationErrors)
{
    // A wrong key length: the same message as the ESP side gives for the same algorithm.
    for (const char* keyword : {"sha1", "aesxcbc", "sha256", "sha384", "sha512"})
    {
        const TransformInfo& info = Integ(keyword);
        for (size_t size : {size_t(0), size_t(info.keySize - 1), size_t(info.keySize + 1)})
        {
            const std::vector<uint8_t> key(size);
            const std::string ah = WhatOf([&] { AhCodec(0x1000, info, key); });
            const std::string esp = WhatOf([&] {
                EspCodec(0x1000,
                         EspSuite::Parse(std::string("aes128-") + keyword),
                         std::vector<uint8_t>(16),
                         key);
            });
            EXPECT_NE(ah, "no exception") << keyword << " " << size;
            EXPECT_EQ(ah, esp);
        }
    }

    // NONE: AH without integrity means nothing.
    const TransformInfo none{TransformType::INTEG,
                             integ::NONE,
                             0,
                             "NONE",
                             "none",
                             "",
                             CryptoKind::HMAC,
                             "",
                             0,
                             0,
                             0,
                             1,
                             0,
                             "RFC 7296",
                             nullptr};
    EXPECT_THROW(AhCodec(0x1000, none, ByteSpan()), ConfigError);

    // AES-GMAC (RFC 4543 AUTH_AES_128_GMAC, here a hand-made row) is not supported in AH.
    const TransformInfo gmac{TransformType::INTEG,
                             9,
                             128,
                             "AUTH_AES_128_GMAC",
                             "aes128gmacinteg",
                             "",
                             CryptoKind::GMAC,
                             "AES-128-GCM",
                             20,
                             4,
                             8,
                             1,
                             16,
                             "RFC 4543",
                             nullptr};
    EXPECT_THROW(AhCodec(0x1000, gmac, std::vector<uint8_t>(20)), ConfigError);

    // Rows of other types.
    EXPECT_THROW(AhCodec(0x1000, Integ("aes128gmac"), std::vector<uint8_t>(20)), ConfigError);
    EXPECT_THROW(AhCodec(0x1000, Integ("aes128gcm16"), std::vector<uint8_t>(20)), ConfigError);
    EXPECT_THROW(AhCodec(0x1000, Integ("prfsha256"), std::vector<uint8_t>(32)), ConfigError);
}

// Garbage of every length up to 300 bytes as AH (and as the IP header), for every algorithm:
// always dropped with a reason, never read out of bounds (the ASan build runs this too).
TEST(AhCodec, RandomGarbageIsDropped)
{
    std::mt19937 rng(4302);
    const auto ip = Bytes("4500005c 00010000 40330000 0a000001 0a000002");
    const auto payload = Bytes("0011223344556677");
    for (const char* keyword : {"sha1", "aesxcbc", "sha256", "sha384", "sha512"})
    {
        const TransformInfo& info = Integ(keyword);
        AhCodec rx(0x1000, info, std::vector<uint8_t>(info.keySize, 1));
        for (size_t size = 0; size <= 300; ++size)
        {
            uint8_t nh = 0xaa;
            std::vector<uint8_t> garbage = RandomBytes(rng, size);
            EXPECT_NE(rx.Verify(ip, garbage, payload, 0, nh), DropReason::NONE);
            if (size >= 2)
            {
                // A plausible Payload Len reaches the ICV check.
                garbage[1] = static_cast<uint8_t>(rx.GetHeaderSize() / 4 - 2);
                EXPECT_NE(rx.Verify(ip, garbage, ByteSpan(), 0, nh), DropReason::NONE);
            }
            const std::vector<uint8_t> badIp = RandomBytes(rng, size % 41);
            EXPECT_NE(rx.Verify(badIp, garbage, payload, 0, nh), DropReason::NONE);
            EXPECT_EQ(nh, 0xaa) << keyword << " size " << size;
        }
    }
}
