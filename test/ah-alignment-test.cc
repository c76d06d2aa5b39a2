// SPDX-License-Identifier: GPL-2.0-only
// AH alignment (issue 16): RFC 4302 pads the IPv4 AH header to a multiple of 4 bytes, Linux to
// a multiple of 8 unless the SA has `flag align4`. Known answers for both, the drop of a
// packet with the other alignment, tshark's dissection of an 8-byte-aligned packet, and the
// same end to end through the helper's AhAlignment attribute.

#include "ipsec-scenario.h"
#include "ipsec-test-util.h"

#include "ns3/ipsec-ah-codec.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-constants.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace ipsec
{
namespace test
{
namespace
{

/// One AH-protected UDP datagram with a given alignment.
struct AlignVector
{
    const char* name;     ///< test name
    const char* keyword;  ///< integrity transform
    const char* key;      ///< integrity key (hex)
    uint32_t alignment;   ///< 4 or 8
    uint32_t ahSize;      ///< AH header bytes
    const char* datagram; ///< IPv4 header | AH | payload (hex)
};

// Produced by test/vectors/ah-icv-vectors.py (the kAlign* vectors) with Python's hmac/hashlib,
// not with ns3-ipsec: 192.168.1.1 -> 192.168.1.2, TOS 0xb8, DF, TTL 64, id 0x1c46, SPI
// 0x2000 (SHA-256) or 0x2001 (SHA-1), sequence number 7, a UDP segment 5000 -> 6000. The ICV is
// HMAC(key, IP header with mutable fields zeroed | AH with ICV and padding zeroed | payload),
// truncated. HMAC-SHA-256-128: 12 + 16 = 28 bytes, 4-aligned 28 (Payload Len 5), 8-aligned 32
// (Payload Len 6, 4 zero bytes after the ICV), so the IP total length and the ICV differ too.
// HMAC-SHA-1-96: 12 + 12 = 24 bytes either way, the same datagram.
const AlignVector kVectors[] = {
    {"Sha256Align4",
     "sha256",
     "050c131a21282f363d444b525960676e757c838a91989fa6adb4bbc2c9d0d7de",
     4,
     28,
     "45b800511c46400040339a28c0a80101c0a80102"
     "110500000000200000000007"
     "6ed49d223e55d51ebf6f096ab1eff1ed"
     "13881770002100006e73332d6970736563204148206b6e6f776e20616e73776572"},
    {"Sha256Align8",
     "sha256",
     "050c131a21282f363d444b525960676e757c838a91989fa6adb4bbc2c9d0d7de",
     8,
     32,
     "45b800551c46400040339a24c0a80101c0a80102"
     "110600000000200000000007"
     "2d821dc3cf19b197b296ecd8d3cb7812"
     "00000000"
     "13881770002100006e73332d6970736563204148206b6e6f776e20616e73776572"},
    {"Sha1Align4",
     "sha1",
     "060d141b222930373e454c535a61686f767d848b",
     4,
     24,
     "45b8004d1c46400040339a2cc0a80101c0a80102"
     "110400000000200100000007"
     "807b72500dc3d1fd507dd810"
     "13881770002100006e73332d6970736563204148206b6e6f776e20616e73776572"},
    {"Sha1Align8",
     "sha1",
     "060d141b222930373e454c535a61686f767d848b",
     8,
     24,
     "45b8004d1c46400040339a2cc0a80101c0a80102"
     "110400000000200100000007"
     "807b72500dc3d1fd507dd810"
     "13881770002100006e73332d6970736563204148206b6e6f776e20616e73776572"},
};

const AlignVector&
Find(const std::string& name)
{
    for (const auto& v : kVectors)
    {
        if (name == v.name)
        {
            return v;
        }
    }
    throw std::logic_error(name);
}

AhCodec
MakeCodec(const AlignVector& v, uint32_t alignment)
{
    const std::vector<uint8_t> d = Bytes(v.datagram);
    const uint32_t spi =
        (uint32_t(d[24]) << 24) | (uint32_t(d[25]) << 16) | (uint32_t(d[26]) << 8) | d[27];
    return AhCodec(spi,
                   *FindTransformByKeyword(v.keyword),
                   Bytes(v.key),
                   false,
                   CryptoMode::REAL,
                   alignment);
}

/// A path quoted for /bin/sh.
std::string
ShellQuoted(const std::string& s)
{
    return "'" + s + "'"; // scratch paths hold no quote
}

/// Verify a vector's datagram with a codec of the given alignment.
DropReason
VerifyWith(const AlignVector& v, uint32_t alignment)
{
    AhCodec codec = MakeCodec(v, alignment);
    const std::vector<uint8_t> d = Bytes(v.datagram);
    // As AhProtocol does: the receiver cuts the AH header at its own SA's size.
    const uint32_t size = codec.GetHeaderSize();
    uint8_t next = 0;
    return codec.Verify(ByteSpan(d.data(), 20),
                        ByteSpan(d.data() + 20, size),
                        ByteSpan(d.data() + 20 + size, d.size() - 20 - size),
                        0,
                        next);
}

} // namespace

class AhAlignmentVectors : public ::testing::TestWithParam<AlignVector>
{
};

// Compute reproduces the independently computed datagram byte for byte (padding zero).
TEST_P(AhAlignmentVectors, ComputeReproducesKnownAnswer)
{
    const AlignVector& v = GetParam();
    AhCodec codec = MakeCodec(v, v.alignment);
    EXPECT_EQ(codec.GetAlignment(), v.alignment);
    ASSERT_EQ(codec.GetHeaderSize(), v.ahSize);
    const std::vector<uint8_t> d = Bytes(v.datagram);
    std::vector<uint8_t> ah;
    ASSERT_EQ(codec.Compute(7,
                            17,
                            ByteSpan(d.data(), 20),
                            ByteSpan(d.data() + 20 + v.ahSize, d.size() - 20 - v.ahSize),
                            ah),
              DropReason::NONE);
    EXPECT_EQ(Hex(ah), Hex(ByteSpan(d.data() + 20, v.ahSize)));
    EXPECT_EQ(ah[1], v.ahSize / 4 - 2) << "Payload Len";
}

// Verify accepts it with the same alignment.
TEST_P(AhAlignmentVectors, VerifyAcceptsKnownAnswer)
{
    EXPECT_EQ(VerifyWith(GetParam(), GetParam().alignment), DropReason::NONE);
}

INSTANTIATE_TEST_SUITE_P(Rfc4302AndLinux,
                         AhAlignmentVectors,
                         ::testing::ValuesIn(kVectors),
                         [](const ::testing::TestParamInfo<AlignVector>& info) {
                             return std::string(info.param.name);
                         });

// HMAC-SHA-256-128: the alignments give different packets, and each receiver drops the other
// one's as a bad Payload Len, before any ICV work.
TEST(AhAlignment, Sha256ReceiversDropTheOtherAlignment)
{
    EXPECT_NE(std::string(Find("Sha256Align4").datagram), Find("Sha256Align8").datagram);
    EXPECT_EQ(VerifyWith(Find("Sha256Align4"), 8), DropReason::BAD_PAYLOAD_LENGTH);
    EXPECT_EQ(VerifyWith(Find("Sha256Align8"), 4), DropReason::BAD_PAYLOAD_LENGTH);
}

// HMAC-SHA-1-96: 24 bytes is a multiple of 8 already; the packets are the same and both
// receivers accept both.
TEST(AhAlignment, Sha1IsTheSameForBoth)
{
    EXPECT_EQ(std::string(Find("Sha1Align4").datagram), Find("Sha1Align8").datagram);
    EXPECT_EQ(VerifyWith(Find("Sha1Align4"), 8), DropReason::NONE);
    EXPECT_EQ(VerifyWith(Find("Sha1Align8"), 4), DropReason::NONE);
}

// Header sizes per algorithm and alignment (ICV 12, 16, 24, 32 bytes).
TEST(AhAlignment, HeaderSizes)
{
    const std::pair<const char*, std::pair<uint32_t, uint32_t>> sizes[] = {
        {"sha1", {24, 24}},
        {"aesxcbc", {24, 24}},
        {"sha256", {28, 32}},
        {"sha384", {36, 40}},
        {"sha512", {44, 48}},
    };
    for (const auto& [keyword, expected] : sizes)
    {
        const TransformInfo* info = FindTransformByKeyword(keyword);
        ASSERT_NE(info, nullptr);
        const std::vector<uint8_t> key(info->keySize, 0x11);
        EXPECT_EQ(AhCodec(0x1000, *info, key, false, CryptoMode::REAL, 4).GetHeaderSize(),
                  expected.first)
            << keyword;
        EXPECT_EQ(AhCodec(0x1000, *info, key, false, CryptoMode::REAL, 8).GetHeaderSize(),
                  expected.second)
            << keyword;
    }
}

// Alignments other than 4 and 8 are refused with a message that says what to use.
TEST(AhAlignment, OtherAlignmentsRefused)
{
    const TransformInfo* info = FindTransformByKeyword("sha256");
    const std::vector<uint8_t> key(32, 0x11);
    for (uint32_t alignment : {0u, 2u, 6u, 16u})
    {
        try
        {
            AhCodec(0x1000, *info, key, false, CryptoMode::REAL, alignment);
            ADD_FAILURE() << alignment << " accepted";
        }
        catch (const ConfigError& e)
        {
            EXPECT_NE(std::string(e.what()).find("use 4"), std::string::npos) << e.what();
        }
    }
    SaConfig esp;
    esp.spi = 0x1000;
    esp.reqid = 1;
    esp.source = Ipv4Address("10.0.0.1");
    esp.destination = Ipv4Address("10.0.0.2");
    esp.espSuite = EspSuite::Parse("aes128gcm16");
    esp.encryptionKey.assign(20, 1);
    esp.ahAlignment = 8;
    EXPECT_THROW(CreateObject<SecurityAssociation>(esp), ConfigError) << "ESP has no alignment";
}

// tshark dissects the 8-byte-aligned datagram: it reads Payload Len 6, skips the 4 padding
// bytes with the ICV, and finds the UDP header after them, nothing malformed.
TEST(AhAlignment, TsharkDissectsAlign8)
{
    std::string out;
    ASSERT_EQ(RunCommand("command -v tshark", out), 0) << "tshark is not installed";
    ScratchDir dir("ipsec-ah-align");
    const std::string pcap = dir.File("ah-align8.pcap");
    ASSERT_TRUE(WriteRawIpPcap(
        pcap,
        {Bytes(Find("Sha256Align8").datagram), Bytes(Find("Sha256Align4").datagram)}));
    ASSERT_EQ(RunCommand("tshark -n -r " + ShellQuoted(pcap) +
                             " -T fields -E separator=/t -e frame.protocols -e ah.spi "
                             "-e ah.sequence -e udp.srcport -e udp.dstport -e _ws.malformed "
                             "2>/dev/null",
                         out),
              0);
    EXPECT_EQ(out,
              "raw:ip:ah:udp:data\t0x00002000\t7\t5000\t6000\t\n"
              "raw:ip:ah:udp:data\t0x00002000\t7\t5000\t6000\t\n")
        << "both alignments dissect to the same UDP segment";
}

namespace
{

/**
 * AH transport between hostA and hostB with the helper's AhAlignment, optionally replacing
 * hostB's inbound SA with one of another alignment, and 10 UDP datagrams A -> B.
 * @param integrity the AH proposal
 * @param sender the helper's alignment (both ends)
 * @param receiver hostB's inbound alignment
 * @param drops receives hostB's bad-payload-length count
 * @param saDrops receives the inbound SA's other-drops counter
 * @return datagrams delivered
 */
uint32_t
RunAhTransport(const std::string& integrity,
               uint32_t sender,
               uint32_t receiver,
               uint64_t& drops,
               uint64_t& saDrops)
{
    Chain c;
    c.ipsec.SetSaAttribute("Protocol", StringValue("ah"));
    c.ipsec.SetSaAttribute("AhProposal", StringValue(integrity));
    c.ipsec.SetSaAttribute("AhAlignment", UintegerValue(sender));
    IpsecConnection conn = c.Transport();
    EXPECT_EQ(conn.aToB[0]->GetAhCodec()->GetAlignment(), sender);
    Ptr<SecurityAssociation> in = conn.aToBInbound[0];
    if (receiver != sender)
    {
        SaConfig cfg = in->GetConfig();
        Chain::Stack(c.hostB)->GetSad().Remove(in);
        cfg.ahAlignment = receiver;
        in = Chain::Stack(c.hostB)->AddSa(cfg);
    }
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 10, 300);
    RunUntil(Seconds(3));
    drops = Chain::Stack(c.hostB)->GetDropCount(DropReason::BAD_PAYLOAD_LENGTH);
    saDrops = in->GetCounters().otherDrops;
    return flow->received;
}

} // namespace

// End to end: the same alignment on both ends delivers; an 8-byte sender and a 4-byte receiver
// (a Linux peer without `flag align4` against an RFC 4302 one) lose every packet with
// HMAC-SHA-256, counted as bad-payload-length, and so the other way round; with HMAC-SHA-1 the
// alignment does not matter.
TEST(AhAlignment, EndToEnd)
{
    uint64_t drops = 0;
    uint64_t saDrops = 0;
    EXPECT_EQ(RunAhTransport("sha256", 8, 8, drops, saDrops), 10u);
    EXPECT_EQ(drops, 0u);
    EXPECT_EQ(RunAhTransport("sha256", 8, 4, drops, saDrops), 0u);
    EXPECT_EQ(drops, 10u);
    EXPECT_EQ(saDrops, 10u);
    EXPECT_EQ(RunAhTransport("sha256", 4, 8, drops, saDrops), 0u);
    EXPECT_EQ(drops, 10u);
    EXPECT_EQ(saDrops, 10u);
    EXPECT_EQ(RunAhTransport("sha1", 8, 4, drops, saDrops), 10u);
    EXPECT_EQ(drops, 0u);
}

} // namespace test
} // namespace ipsec
} // namespace ns3
