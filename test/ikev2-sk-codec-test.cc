// SPDX-License-Identifier: GPL-2.0-only
// IKEv2 Encrypted payload (RFC 7296 §3.14): RFC 7634 Appendix B's whole INFORMATIONAL message
// (ChaCha20-Poly1305) opened and rebuilt byte for byte; AES-CBC + HMAC-SHA-256 and 3DES checked
// with raw OpenSSL calls (layout: IV, padding, checksum over the whole message); AES-GCM both
// ways; tampering, bad padding and refused algorithms.

#include "ipsec-test-util.h"
#include "ipsec-test-vectors.h"

#include "ns3/ikev2-sk-codec.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-crypto-factory.h"
#include "ns3/ipsec-hex.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

/// The same IV every time (for known answers).
class FixedIv : public IvGenerator
{
  public:
    explicit FixedIv(std::vector<uint8_t> iv)
        : m_iv(std::move(iv))
    {
    }

    void Generate(uint8_t* iv, uint32_t size) override
    {
        for (uint32_t i = 0; i < size; i++)
        {
            iv[i] = m_iv[i % m_iv.size()];
        }
    }

  private:
    std::vector<uint8_t> m_iv;
};

std::vector<uint8_t>
Key(size_t size, uint8_t seed)
{
    std::vector<uint8_t> k(size);
    for (size_t i = 0; i < size; i++)
    {
        k[i] = static_cast<uint8_t>(seed + i);
    }
    return k;
}

const TransformInfo&
Row(const char* keyword)
{
    const TransformInfo* t = FindTransformByKeyword(keyword);
    EXPECT_NE(t, nullptr) << keyword;
    return *t;
}

/// RFC 7634 Appendix B: aad (IKE header | SK header) | IV | ciphertext | tag.
std::vector<uint8_t>
AppendixBMessage()
{
    const ChachaEspVector& v = kRfc7634Chacha20Poly1305[1];
    std::vector<uint8_t> m = HexToBytes(v.aad);
    for (const char* part : {v.iv, v.ciphertext, v.tag})
    {
        const auto b = HexToBytes(part);
        m.insert(m.end(), b.begin(), b.end());
    }
    return m;
}

IkeHeader
Header()
{
    IkeHeader h;
    h.initiatorSpi = 0x1111222233334444ULL;
    h.responderSpi = 0x5555666677778888ULL;
    h.exchangeType = ikev2::IKE_AUTH;
    h.flags = IkeHeader::FLAG_INITIATOR;
    h.messageId = 1;
    return h;
}

std::vector<Ikev2Payload>
AuthPayloads()
{
    std::vector<Ikev2Payload> p;
    p.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_IDI,
                                   Ikev2IdPayload{ikev2::ID_IPV4_ADDR, {192, 0, 2, 1}}));
    p.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_AUTH,
                                   Ikev2AuthPayload{ikev2::AUTH_SHARED_KEY, Key(32, 0x60)}));
    Ikev2NotifyPayload n;
    n.type = ikev2::INITIAL_CONTACT;
    p.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_NOTIFY, n));
    return p;
}

} // namespace

TEST(Ikev2SkCodecTest, Rfc7634AppendixBOpensAndRebuildsByteForByte)
{
    const ChachaEspVector& v = kRfc7634Chacha20Poly1305[1];
    Ikev2SkKeys keys;
    keys.encryption = HexToBytes(std::string(v.key) + v.salt);
    Ikev2SkCodec codec(Row("chacha20poly1305"),
                       nullptr,
                       keys,
                       keys,
                       std::make_unique<FixedIv>(HexToBytes(v.iv)));
    const std::vector<uint8_t> wire = AppendixBMessage();
    Ikev2Message m;
    uint8_t critical = 0;
    ASSERT_EQ(Ikev2Message::Parse(wire, m, critical), IkeParseError::NONE);
    EXPECT_EQ(m.Describe(), "INFORMATIONAL request 9 [ SK ]");
    std::vector<Ikev2Payload> inner;
    ASSERT_EQ(codec.Open(wire, m, inner, critical), IkeParseError::NONE);
    ASSERT_EQ(inner.size(), 1u);
    const auto* n = std::get_if<Ikev2NotifyPayload>(&inner[0].body);
    ASSERT_NE(n, nullptr);
    EXPECT_EQ(n->type, ikev2::SET_WINDOW_SIZE);
    EXPECT_EQ(Hex(n->data), "0000000a");
    EXPECT_EQ(Hex(codec.Protect(m.header, inner)), Hex(wire));
    EXPECT_EQ(codec.GetOverhead(12), wire.size() - 28 - 12);
}

TEST(Ikev2SkCodecTest, CbcWithHmacMatchesRawOpenSsl)
{
    Ikev2SkKeys i2r{Key(16, 0x10), Key(32, 0x40)};
    Ikev2SkKeys r2i{Key(16, 0x20), Key(32, 0x50)};
    const std::vector<uint8_t> iv = Key(16, 0xa0);
    Ikev2SkCodec initiator(Row("aes128"), &Row("sha256"), i2r, r2i, std::make_unique<FixedIv>(iv));
    const std::vector<Ikev2Payload> payloads = AuthPayloads();
    const std::vector<uint8_t> wire = initiator.Protect(Header(), payloads);
    ASSERT_FALSE(wire.empty());

    // Layout by hand: header | SK header | IV | ciphertext (multiple of 16) | 16-byte ICV.
    std::vector<uint8_t> plainPayloads;
    const uint8_t first = SerializeIkev2Payloads(payloads, plainPayloads);
    const size_t padded = (plainPayloads.size() + 1 + 15) / 16 * 16;
    ASSERT_EQ(wire.size(), 28 + 4 + 16 + padded + 16);
    EXPECT_EQ(wire[16], ikev2::PAYLOAD_SK);
    EXPECT_EQ(wire[28], first);
    EXPECT_EQ(Hex(std::vector<uint8_t>(wire.begin() + 32, wire.begin() + 48)), Hex(iv));
    // HMAC-SHA-256-128 over everything before the ICV, with SK_ai.
    uint8_t mac[32];
    unsigned int macSize = 0;
    HMAC(EVP_sha256(),
         i2r.integrity.data(),
         static_cast<int>(i2r.integrity.size()),
         wire.data(),
         wire.size() - 16,
         mac,
         &macSize);
    EXPECT_EQ(Hex(std::vector<uint8_t>(mac, mac + 16)),
              Hex(std::vector<uint8_t>(wire.end() - 16, wire.end())));
    // AES-128-CBC decryption with SK_ei: the payloads, zero padding, Pad Length.
    std::vector<uint8_t> plain(padded);
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    int n = 0;
    EVP_DecryptInit_ex(ctx, EVP_aes_128_cbc(), nullptr, i2r.encryption.data(), iv.data());
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    EVP_DecryptUpdate(ctx, plain.data(), &n, wire.data() + 48, static_cast<int>(padded));
    EVP_CIPHER_CTX_free(ctx);
    EXPECT_EQ(plain.back(), padded - plainPayloads.size() - 1);
    EXPECT_EQ(Hex(std::vector<uint8_t>(plain.begin(), plain.begin() + plainPayloads.size())),
              Hex(plainPayloads));

    // The responder opens it with the same keys the other way round.
    Ikev2SkCodec responder(Row("aes128"), &Row("sha256"), r2i, i2r, std::make_unique<FixedIv>(iv));
    Ikev2Message m;
    uint8_t critical = 0;
    ASSERT_EQ(Ikev2Message::Parse(wire, m, critical), IkeParseError::NONE);
    std::vector<Ikev2Payload> inner;
    ASSERT_EQ(responder.Open(wire, m, inner, critical), IkeParseError::NONE);
    EXPECT_EQ(DescribeIkev2Payloads(inner), "IDi AUTH N(INIT_CONTACT)");
    EXPECT_EQ(std::get<Ikev2AuthPayload>(inner[1].body).data, Key(32, 0x60));
    // The initiator cannot open its own message (other direction's keys).
    EXPECT_EQ(initiator.Open(wire, m, inner, critical), IkeParseError::INTEGRITY_FAILED);
}

TEST(Ikev2SkCodecTest, EveryEncryptionAnIkeSaMayUseRoundTrips)
{
    for (const char* enc : {"aes128",
                            "aes256",
                            "3des",
                            "aes128ctr",
                            "aes128gcm16",
                            "aes256gcm8",
                            "aes192gcm12",
                            "chacha20poly1305"})
    {
        const TransformInfo& e = Row(enc);
        const TransformInfo* integ = e.IsAead() ? nullptr : &Row("sha384");
        Ikev2SkKeys a{Key(e.keySize, 1), integ ? Key(integ->keySize, 2) : std::vector<uint8_t>{}};
        Ikev2SkKeys b{Key(e.keySize, 3), integ ? Key(integ->keySize, 4) : std::vector<uint8_t>{}};
        Ikev2SkCodec one(e, integ, a, b, std::make_unique<CounterIvGenerator>());
        Ikev2SkCodec two(e, integ, b, a, std::make_unique<CounterIvGenerator>());
        const auto payloads = AuthPayloads();
        std::vector<uint8_t> wire = one.Protect(Header(), payloads);
        std::vector<uint8_t> plain;
        SerializeIkev2Payloads(payloads, plain);
        EXPECT_EQ(wire.size(), 28 + plain.size() + one.GetOverhead(plain.size())) << enc;
        Ikev2Message m;
        uint8_t critical = 0;
        ASSERT_EQ(Ikev2Message::Parse(wire, m, critical), IkeParseError::NONE) << enc;
        std::vector<Ikev2Payload> inner;
        ASSERT_EQ(two.Open(wire, m, inner, critical), IkeParseError::NONE) << enc;
        EXPECT_EQ(DescribeIkev2Payloads(inner), "IDi AUTH N(INIT_CONTACT)") << enc;
        // One flipped bit anywhere (header, SK header, IV, ciphertext, ICV) fails the check.
        for (size_t at : {size_t{5}, size_t{30}, size_t{33}, wire.size() / 2, wire.size() - 1})
        {
            std::vector<uint8_t> bad = wire;
            bad[at] ^= 0x01;
            Ikev2Message mb;
            if (Ikev2Message::Parse(bad, mb, critical) != IkeParseError::NONE)
            {
                continue; // a header field the parser itself refuses
            }
            EXPECT_EQ(two.Open(bad, mb, inner, critical), IkeParseError::INTEGRITY_FAILED)
                << enc << " byte " << at;
            EXPECT_TRUE(inner.empty());
        }
    }
}

TEST(Ikev2SkCodecTest, MalformedEncryptedPayloads)
{
    const TransformInfo& e = Row("aes128gcm16");
    Ikev2SkKeys k{Key(e.keySize, 9), {}};
    Ikev2SkCodec codec(e, nullptr, k, k, std::make_unique<CounterIvGenerator>());
    // Pad Length 200 in a 13-byte plaintext, correctly encrypted and tagged.
    std::vector<uint8_t> plain = HexToBytes("0000000c000040010000000ac8");
    IkeHeader h = Header();
    h.nextPayload = ikev2::PAYLOAD_SK;
    h.length = 28 + 4 + 8 + plain.size() + 16;
    std::vector<uint8_t> wire;
    h.Serialize(wire);
    const uint8_t skHeader[] = {ikev2::PAYLOAD_NOTIFY,
                                0,
                                0,
                                static_cast<uint8_t>(4 + 8 + plain.size() + 16)};
    wire.insert(wire.end(), skHeader, skHeader + 4);
    const std::vector<uint8_t> iv(8, 0x77);
    std::vector<uint8_t> tag(16);
    auto aead = CreateAead(e, k.encryption);
    ASSERT_TRUE(aead->Encrypt(iv.data(), {ByteSpan(wire)}, plain.data(), plain.size(), tag.data()));
    wire.insert(wire.end(), iv.begin(), iv.end());
    wire.insert(wire.end(), plain.begin(), plain.end());
    wire.insert(wire.end(), tag.begin(), tag.end());
    Ikev2Message m;
    uint8_t critical = 0;
    ASSERT_EQ(Ikev2Message::Parse(wire, m, critical), IkeParseError::NONE);
    std::vector<Ikev2Payload> inner;
    EXPECT_EQ(codec.Open(wire, m, inner, critical), IkeParseError::BAD_PADDING);

    // An SK payload too short for IV and ICV.
    std::vector<uint8_t> shortSk;
    h.length = 28 + 4 + 10;
    h.Serialize(shortSk);
    const uint8_t shortHeader[] = {0, 0, 0, 14};
    shortSk.insert(shortSk.end(), shortHeader, shortHeader + 4);
    shortSk.resize(h.length, 0);
    ASSERT_EQ(Ikev2Message::Parse(shortSk, m, critical), IkeParseError::NONE);
    EXPECT_EQ(codec.Open(shortSk, m, inner, critical), IkeParseError::BAD_PAYLOAD);

    // A message without an SK payload (§3.14: after IKE_SA_INIT every message has one).
    Ikev2Message plainMessage;
    plainMessage.header = Header();
    plainMessage.payloads = AuthPayloads();
    const auto bytes = plainMessage.Serialize();
    EXPECT_EQ(codec.Open(bytes, plainMessage, inner, critical), IkeParseError::NOT_ENCRYPTED);
    EXPECT_STREQ(ToString(IkeParseError::NOT_ENCRYPTED), "not-encrypted");
}

TEST(Ikev2SkCodecTest, RefusesWhatAnIkeSaMayNotUse)
{
    auto make = [&](const char* enc, const char* integ) {
        const TransformInfo& e = Row(enc);
        Ikev2SkKeys keys{Key(e.keySize, 1),
                         integ ? Key(Row(integ).keySize, 2) : std::vector<uint8_t>{}};
        Ikev2SkCodec codec(e,
                           integ ? &Row(integ) : nullptr,
                           keys,
                           keys,
                           std::make_unique<CounterIvGenerator>());
    };
    EXPECT_EQ(WhatOf([&] { make("aes128gmac", nullptr); }),
              "ns3-ipsec configuration error: IKEv2 SK payload: aes128gmac does not encrypt and "
              "may not protect an IKE SA; use "
              "e.g. aes128gcm16 or aes256-sha256");
    EXPECT_THROW(make("null", "sha256"), ConfigError);
    EXPECT_EQ(WhatOf([&] { make("aes128gcm16", "sha256"); }),
              "ns3-ipsec configuration error: IKEv2 SK payload: aes128gcm16 is an AEAD and takes "
              "no integrity algorithm");
    EXPECT_EQ(
        WhatOf([&] { make("aes128", nullptr); }),
        "ns3-ipsec configuration error: IKEv2 SK payload: aes128 needs an integrity algorithm");
    EXPECT_THROW(make("aes128", "prfsha256"), ConfigError);
}
