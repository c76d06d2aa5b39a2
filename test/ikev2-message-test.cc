// SPDX-License-Identifier: GPL-2.0-only
// IKEv2 message codec: a message assembled by hand from RFC 7296 §3's layouts (header §3.1,
// SA §3.3 with a Key Length attribute §3.3.5, KE §3.4, Nonce §3.9, Notify §3.10), every payload
// type round trip, and each malformed input's named error.

#include "ipsec-test-util.h"

#include "ns3/ikev2-message.h"
#include "ns3/ipsec-hex.h"

#include <gtest/gtest.h>

using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

// IKE_SA_INIT request: SPIi 0102030405060708, one IKE proposal (AES-CBC-128, PRF_HMAC_SHA2_256,
// AUTH_HMAC_SHA2_256_128, group 14), a 4-byte KE value, a 16-byte nonce and
// N(IKEV2_FRAGMENTATION_SUPPORTED). Field by field from RFC 7296 §3.
const char* kSaInit = "0102030405060708 0000000000000000 21 20 22 08 00000000 00000074"
                      // SA: next KE, length 48; proposal: last, length 44, #1, IKE, no SPI, 4
                      "22 00 0030  00 00 002c 01 01 00 04"
                      "03 00 000c 01 00 000c 800e 0080" // ENCR 12, Key Length 128
                      "03 00 0008 02 00 0005"           // PRF 5
                      "03 00 0008 03 00 000c"           // INTEG 12
                      "00 00 0008 04 00 000e"           // KE 14, last transform
                      // KE: next Nonce, length 12, group 14
                      "28 00 000c 000e 0000 aabbccdd"
                      // Nonce: next Notify, length 20
                      "29 00 0014 101112131415161718191a1b1c1d1e1f"
                      // Notify: last, length 8, no protocol, no SPI, type 16430
                      "00 00 0008 00 00 402e";

Ikev2Message
SaInitMessage()
{
    Ikev2Message m;
    m.header.initiatorSpi = 0x0102030405060708ULL;
    m.header.exchangeType = ikev2::IKE_SA_INIT;
    m.header.flags = IkeHeader::FLAG_INITIATOR;
    Ikev2Proposal p;
    p.transforms = {{TransformType::ENCR, 12, 128},
                    {TransformType::PRF, 5, 0},
                    {TransformType::INTEG, 12, 0},
                    {TransformType::KE, 14, 0}};
    m.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_SA, Ikev2SaPayload{{p}}));
    m.payloads.push_back(
        Ikev2Payload::Make(ikev2::PAYLOAD_KE, Ikev2KePayload{14, {0xaa, 0xbb, 0xcc, 0xdd}}));
    m.payloads.push_back(
        Ikev2Payload::Make(ikev2::PAYLOAD_NONCE,
                           Ikev2NoncePayload{HexToBytes("101112131415161718191a1b1c1d1e1f")}));
    Ikev2NotifyPayload n;
    n.type = ikev2::IKEV2_FRAGMENTATION_SUPPORTED;
    m.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_NOTIFY, n));
    return m;
}

/// Parse hex after setting the header's Length to the bytes' size.
IkeParseError
ParseHex(const std::string& hex, Ikev2Message& m, uint8_t& critical)
{
    std::vector<uint8_t> bytes = HexToBytes(hex);
    bytes[26] = static_cast<uint8_t>(bytes.size() >> 8);
    bytes[27] = static_cast<uint8_t>(bytes.size());
    return Ikev2Message::Parse(bytes, m, critical);
}

} // namespace

TEST(Ikev2MessageTest, BuildsTheRfcLayoutByteForByte)
{
    Ikev2Message m = SaInitMessage();
    EXPECT_EQ(Hex(m.Serialize()), Hex(HexToBytes(kSaInit)));
    EXPECT_EQ(m.header.nextPayload, ikev2::PAYLOAD_SA);
    EXPECT_EQ(m.header.length, 116u);
}

TEST(Ikev2MessageTest, ParsesTheRfcLayout)
{
    Ikev2Message m;
    uint8_t critical = 0;
    ASSERT_EQ(ParseHex(kSaInit, m, critical), IkeParseError::NONE);
    EXPECT_EQ(m.header.initiatorSpi, 0x0102030405060708ULL);
    EXPECT_EQ(m.header.responderSpi, 0u);
    EXPECT_EQ(m.header.majorVersion, 2);
    EXPECT_EQ(m.header.exchangeType, ikev2::IKE_SA_INIT);
    EXPECT_TRUE(m.header.IsInitiator());
    EXPECT_FALSE(m.header.IsResponse());
    ASSERT_EQ(m.payloads.size(), 4u);
    const auto* sa = m.Get<Ikev2SaPayload>(ikev2::PAYLOAD_SA);
    ASSERT_NE(sa, nullptr);
    ASSERT_EQ(sa->proposals.size(), 1u);
    EXPECT_EQ(sa->proposals[0].number, 1);
    EXPECT_EQ(sa->proposals[0].protocolId, ikev2::PROTOCOL_IKE);
    ASSERT_EQ(sa->proposals[0].transforms.size(), 4u);
    EXPECT_EQ(sa->proposals[0].transforms[0], (Ikev2Transform{TransformType::ENCR, 12, 128}));
    EXPECT_EQ(sa->proposals[0].transforms[3], (Ikev2Transform{TransformType::KE, 14, 0}));
    const auto* ke = m.Get<Ikev2KePayload>(ikev2::PAYLOAD_KE);
    ASSERT_NE(ke, nullptr);
    EXPECT_EQ(ke->group, 14);
    EXPECT_EQ(Hex(ke->data), "aabbccdd");
    EXPECT_NE(m.FindNotify(ikev2::IKEV2_FRAGMENTATION_SUPPORTED), nullptr);
    EXPECT_EQ(m.FindNotify(ikev2::COOKIE), nullptr);
    EXPECT_EQ(m.Describe(), "IKE_SA_INIT request 0 [ SA KE No N(FRAG_SUP) ]");
}

TEST(Ikev2MessageTest, EveryPayloadTypeRoundTrips)
{
    Ikev2Message m;
    m.header.initiatorSpi = 1;
    m.header.responderSpi = 2;
    m.header.exchangeType = ikev2::CREATE_CHILD_SA;
    m.header.flags = IkeHeader::FLAG_RESPONSE;
    m.header.messageId = 7;
    Ikev2Proposal esp;
    esp.number = 2;
    esp.protocolId = ikev2::PROTOCOL_ESP;
    esp.spi = {0xc0, 0x01, 0x02, 0x03};
    esp.transforms = {{TransformType::ENCR, 20, 256}, {TransformType::ESN, 0, 0}};
    Ikev2Proposal ah;
    ah.number = 3;
    ah.protocolId = ikev2::PROTOCOL_AH;
    ah.spi = {0xc0, 0x01, 0x02, 0x04};
    ah.transforms = {{TransformType::INTEG, 12, 0}};
    m.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_SA, Ikev2SaPayload{{esp, ah}}));
    m.payloads.push_back(
        Ikev2Payload::Make(ikev2::PAYLOAD_IDI, Ikev2IdPayload{ikev2::ID_FQDN, {'g', 'w'}}));
    m.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_AUTH,
                                            Ikev2AuthPayload{ikev2::AUTH_SHARED_KEY, {1, 2, 3}}));
    Ikev2NotifyPayload rekey;
    rekey.protocolId = ikev2::PROTOCOL_ESP;
    rekey.spi = {9, 9, 9, 9};
    rekey.type = ikev2::REKEY_SA;
    m.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_NOTIFY, rekey));
    Ikev2DeletePayload del;
    del.protocolId = ikev2::PROTOCOL_ESP;
    del.spiSize = 4;
    del.spis = {{1, 2, 3, 4}, {5, 6, 7, 8}};
    m.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_DELETE, del));
    Ikev2TrafficSelector ts;
    ts.ipProtocol = 17;
    ts.startPort = 500;
    ts.endPort = 500;
    ts.startAddress = {10, 1, 0, 0};
    ts.endAddress = {10, 1, 255, 255};
    m.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_TSI, Ikev2TsPayload{{ts, ts}}));
    m.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_VENDOR_ID, Ikev2RawPayload{{0xfe}}));
    Ikev2SkPayload sk;
    sk.firstInner = ikev2::PAYLOAD_IDR;
    sk.body = {1, 2, 3, 4, 5, 6, 7, 8};
    m.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_SK, sk));
    const std::vector<uint8_t> bytes = m.Serialize();

    Ikev2Message back;
    uint8_t critical = 0;
    ASSERT_EQ(Ikev2Message::Parse(bytes, back, critical), IkeParseError::NONE);
    EXPECT_EQ(back.Describe(),
              "CREATE_CHILD_SA response 7 [ SA IDi AUTH N(REKEY_SA) D(CHILD) TSi V SK ]");
    const auto* sa = back.Get<Ikev2SaPayload>(ikev2::PAYLOAD_SA);
    ASSERT_NE(sa, nullptr);
    ASSERT_EQ(sa->proposals.size(), 2u);
    EXPECT_EQ(sa->proposals[0].spi, esp.spi);
    EXPECT_EQ(sa->proposals[0].transforms, esp.transforms);
    EXPECT_EQ(sa->proposals[1].number, 3);
    EXPECT_EQ(sa->proposals[1].transforms, ah.transforms);
    EXPECT_EQ(back.Get<Ikev2IdPayload>(ikev2::PAYLOAD_IDI)->data, (std::vector<uint8_t>{'g', 'w'}));
    EXPECT_EQ(back.Get<Ikev2AuthPayload>(ikev2::PAYLOAD_AUTH)->data,
              (std::vector<uint8_t>{1, 2, 3}));
    EXPECT_EQ(back.FindNotify(ikev2::REKEY_SA)->spi, rekey.spi);
    EXPECT_EQ(back.Get<Ikev2DeletePayload>(ikev2::PAYLOAD_DELETE)->spis, del.spis);
    const auto* tsi = back.Get<Ikev2TsPayload>(ikev2::PAYLOAD_TSI);
    ASSERT_EQ(tsi->selectors.size(), 2u);
    EXPECT_EQ(tsi->selectors[1], ts);
    const auto* skBack = back.Get<Ikev2SkPayload>(ikev2::PAYLOAD_SK);
    ASSERT_NE(skBack, nullptr);
    EXPECT_EQ(skBack->firstInner, ikev2::PAYLOAD_IDR);
    EXPECT_EQ(skBack->body, sk.body);
    // The SK payload's generic header: 4 + 8 bytes at the end of the message.
    EXPECT_EQ(skBack->offset, bytes.size() - 12);
    EXPECT_EQ(bytes[skBack->offset], ikev2::PAYLOAD_IDR);
}

TEST(Ikev2MessageTest, MalformedInputGetsANamedError)
{
    Ikev2Message m;
    uint8_t critical = 0;
    const std::string ok = kSaInit;
    // 27 bytes: no header.
    EXPECT_EQ(Ikev2Message::Parse(std::vector<uint8_t>(27, 0), m, critical),
              IkeParseError::TRUNCATED_HEADER);
    // Length says 0x75 but the datagram has 0x74 bytes, and the other way round.
    std::vector<uint8_t> b = HexToBytes(ok);
    b[27] = 0x75;
    EXPECT_EQ(Ikev2Message::Parse(b, m, critical), IkeParseError::LENGTH_MISMATCH);
    b = HexToBytes(ok);
    b.push_back(0);
    EXPECT_EQ(Ikev2Message::Parse(b, m, critical), IkeParseError::LENGTH_MISMATCH);
    // IKEv1 header: not read by the IKEv2 parser (INVALID_MAJOR_VERSION territory).
    b = HexToBytes(ok);
    b[17] = 0x10;
    EXPECT_EQ(Ikev2Message::Parse(b, m, critical), IkeParseError::UNSUPPORTED_VERSION);
    // SA payload length 3 (below the generic header).
    b = HexToBytes(ok);
    b[31] = 0x03;
    EXPECT_EQ(Ikev2Message::Parse(b, m, critical), IkeParseError::BAD_PAYLOAD_LENGTH);
    // SA payload length past the end of the message.
    b = HexToBytes(ok);
    b[30] = 0x01;
    EXPECT_EQ(Ikev2Message::Parse(b, m, critical), IkeParseError::TRUNCATED_PAYLOAD);
    // Proposal says 5 transforms, carries 4.
    b = HexToBytes(ok);
    b[39] = 5;
    EXPECT_EQ(Ikev2Message::Parse(b, m, critical), IkeParseError::BAD_PAYLOAD);
    // Proposal says 3 transforms: the third is not marked last.
    b = HexToBytes(ok);
    b[39] = 3;
    EXPECT_EQ(Ikev2Message::Parse(b, m, critical), IkeParseError::BAD_PAYLOAD);
    // A transform length of 4 (below its 8-byte minimum).
    b = HexToBytes(ok);
    b[43] = 4;
    EXPECT_EQ(Ikev2Message::Parse(b, m, critical), IkeParseError::BAD_PAYLOAD);
    // Last Substruct of the proposal 2 ("more") with nothing after it.
    b = HexToBytes(ok);
    b[32] = 2;
    EXPECT_EQ(Ikev2Message::Parse(b, m, critical), IkeParseError::BAD_PAYLOAD);
    // The last payload names a next payload that is not there.
    b = HexToBytes(ok);
    b[108] = ikev2::PAYLOAD_NONCE;
    EXPECT_EQ(Ikev2Message::Parse(b, m, critical), IkeParseError::TRUNCATED_PAYLOAD);
    // The chain ends (next payload 0 at the Nonce) with a Notify's bytes left over.
    b = HexToBytes(ok);
    b[88] = ikev2::NO_NEXT_PAYLOAD;
    EXPECT_EQ(Ikev2Message::Parse(b, m, critical), IkeParseError::BAD_PAYLOAD_LENGTH);
    // KE payload shorter than its 4 fixed bytes.
    EXPECT_EQ(ParseHex("0102030405060708 0000000000000000 22 20 22 08 00000000 0000001f"
                       "00 00 0007 000e00",
                       m,
                       critical),
              IkeParseError::BAD_PAYLOAD_LENGTH);
    // Delete: 2 SPIs of 4 bytes announced, 4 bytes present.
    EXPECT_EQ(ParseHex("0102030405060708 0000000000000001 2a 20 25 08 00000002 00000028"
                       "00 00 000c 03 04 0002 01020304",
                       m,
                       critical),
              IkeParseError::BAD_PAYLOAD);
    // TS_IPV4_ADDR_RANGE with a selector length of 40.
    EXPECT_EQ(ParseHex("0102030405060708 0000000000000001 2c 20 24 08 00000002 0000003c"
                       "00 00 0030 01 000000 07 00 0028 0000 ffff 0a000000 0a0000ff 00000000"
                       "00000000 00000000 00000000 00000000 00000000",
                       m,
                       critical),
              IkeParseError::BAD_PAYLOAD);
}

TEST(Ikev2MessageTest, UnknownPayloadsAreSkippedUnlessCritical)
{
    // Payload type 200, not critical, between Nonce and nothing: kept as raw bytes.
    const char* skipped = "0102030405060708 0000000000000000 28 20 22 08 00000000 00000030"
                          "c8 00 0008 01020304"
                          "00 00 0008 deadbeef";
    Ikev2Message m;
    uint8_t critical = 0;
    ASSERT_EQ(ParseHex(skipped, m, critical), IkeParseError::NONE);
    ASSERT_EQ(m.payloads.size(), 2u);
    EXPECT_EQ(m.payloads[1].type, 200);
    EXPECT_FALSE(m.payloads[1].critical);
    EXPECT_EQ(m.Describe(), "IKE_SA_INIT request 0 [ No U(200) ]");
    // The same with the critical bit: the message is refused and the type reported, for the
    // UNSUPPORTED_CRITICAL_PAYLOAD answer (§2.5).
    std::vector<uint8_t> b = HexToBytes(skipped);
    b[27] = static_cast<uint8_t>(b.size());
    b[37] = 0x80;
    EXPECT_EQ(Ikev2Message::Parse(b, m, critical), IkeParseError::UNSUPPORTED_CRITICAL_PAYLOAD);
    EXPECT_EQ(critical, 200);
    // A known payload with the critical bit set is read as usual (§3.2: the bit is ignored).
    b[37] = 0;
    b[29] = 0x80;
    EXPECT_EQ(Ikev2Message::Parse(b, m, critical), IkeParseError::NONE);
    EXPECT_TRUE(m.payloads[0].critical);
}

TEST(Ikev2MessageTest, EncryptedPayloadMustBeLast)
{
    const char* skThenNonce = "0102030405060708 0000000000000001 2e 20 23 08 00000001 00000030"
                              "28 00 0008 01020304"
                              "00 00 0008 05060708";
    Ikev2Message m;
    uint8_t critical = 0;
    EXPECT_EQ(ParseHex(skThenNonce, m, critical), IkeParseError::SK_NOT_LAST);
}

TEST(Ikev2MessageTest, TransformAttributesOtherThanKeyLengthMarkTheTransform)
{
    // One ESP proposal, one ENCR transform with a TLV attribute (type 1, 2 bytes).
    const char* tlv = "0102030405060708 0000000000000000 21 20 22 08 00000000 00000040"
                      "00 00 0014  00 00 0010 01 03 00 01"
                      "00 00 000e 01 00 000c 0001 0002 abcd";
    Ikev2Message m;
    uint8_t critical = 0;
    // 28 + 4 + 8 + 14 = 54 bytes, not 64: fix the header length first.
    std::vector<uint8_t> b = HexToBytes(tlv);
    b[27] = static_cast<uint8_t>(b.size());
    b[31] = static_cast<uint8_t>(b.size() - 28);
    b[35] = static_cast<uint8_t>(b.size() - 32);
    ASSERT_EQ(Ikev2Message::Parse(b, m, critical), IkeParseError::NONE);
    const auto* sa = m.Get<Ikev2SaPayload>(ikev2::PAYLOAD_SA);
    ASSERT_NE(sa, nullptr);
    EXPECT_TRUE(sa->proposals[0].transforms[0].unknownAttribute);
    EXPECT_EQ(sa->proposals[0].transforms[0].keyLength, 0);
}

TEST(Ikev2MessageTest, ParseErrorsHaveNames)
{
    EXPECT_STREQ(ToString(IkeParseError::UNSUPPORTED_CRITICAL_PAYLOAD),
                 "unsupported-critical-payload");
    EXPECT_STREQ(ToString(IkeParseError::LENGTH_MISMATCH), "length-mismatch");
    EXPECT_EQ(Ikev2NotifyName(ikev2::NO_PROPOSAL_CHOSEN), "NO_PROPOSAL_CHOSEN");
    EXPECT_EQ(Ikev2NotifyName(60000), "NOTIFY-60000");
    EXPECT_EQ(Ikev2ExchangeName(99), "exchange-99");
}
