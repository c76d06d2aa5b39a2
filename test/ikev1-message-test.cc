// SPDX-License-Identifier: GPL-2.0-only
// ISAKMP messages (RFC 2408, RFC 2407's IPsec DOI, RFC 3947's NAT-D) against strongSwan's:
// every clear message of the IKEv1 fixtures (main mode, aggressive mode) parses and serializes
// back to the same bytes and is described as charon logged it; the phase-1 SA payload reads as
// the proposal charon sent; encrypted messages keep their ciphertext; truncated and damaged
// messages are refused with a reason, never read outside the datagram.

#include "ikev1-fixture-util.h"
#include "ipsec-test-util.h"

#include "ns3/ikev1-crypter.h"
#include "ns3/ikev1-keymat.h"
#include "ns3/ikev1-message.h"
#include "ns3/ipsec-crypto-factory.h"

#include <gtest/gtest.h>
#include <random>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

TEST(Ikev1MessageTest, StrongSwanMessagesRoundTripAndReadAsCharonLoggedThem)
{
    size_t clear = 0;
    size_t encrypted = 0;
    for (const std::string name :
         {"v1-01-main-psk", "v1-02-aggressive-psk", "v1-03-main-psk-quick-pfs"})
    {
        SCOPED_TRACE(name);
        const auto frames = ReadIkev1Frames(name);
        const auto logged = Ikev1LoggedMessages(name);
        ASSERT_GE(frames.size(), 6u);
        size_t line = 0;
        for (const auto& f : frames)
        {
            Ikev1Message m;
            ASSERT_EQ(Ikev1Message::Parse(f.ike, m), IkeParseError::NONE);
            EXPECT_EQ(m.header.majorVersion, 1);
            EXPECT_EQ(m.Serialize(), f.ike); // byte for byte
            if (m.header.flags & IkeHeader::FLAG_V1_ENCRYPTION)
            {
                EXPECT_FALSE(m.encrypted.empty());
                encrypted++;
                continue;
            }
            // phase 1 in the clear: requests from left (the initiator), answers from right
            const bool fromLeft = f.src.rfind("10.0.0.1:", 0) == 0;
            ASSERT_LT(line, logged.size());
            EXPECT_EQ(DescribeIkev1Message(m.header, m.payloads, fromLeft), logged[line]);
            line++;
            clear++;
        }
    }
    EXPECT_EQ(clear, 10u);     // 4 + 2 + 4 clear phase-1 messages
    EXPECT_EQ(encrypted, 14u); // main mode 5-6, quick mode, the deletes the capture holds
}

TEST(Ikev1MessageTest, PhaseOneProposalAsCharonSentIt)
{
    const auto frames = ReadIkev1Frames("v1-01-main-psk");
    Ikev1Message m;
    ASSERT_EQ(Ikev1Message::Parse(frames.at(0).ike, m), IkeParseError::NONE);
    EXPECT_EQ(m.header.exchangeType, ikev1::IDENTITY_PROTECTION);
    EXPECT_EQ(m.header.responderSpi, 0u);
    ASSERT_FALSE(m.payloads.empty());
    const auto* sa = std::get_if<Ikev1SaPayload>(&m.payloads[0].body);
    ASSERT_NE(sa, nullptr);
    EXPECT_EQ(sa->doi, ikev1::DOI_IPSEC);
    EXPECT_EQ(sa->situation, 1u); // SIT_IDENTITY_ONLY
    ASSERT_EQ(sa->proposals.size(), 1u);
    EXPECT_EQ(sa->proposals[0].protocolId, 1); // PROTO_ISAKMP
    ASSERT_FALSE(sa->proposals[0].transforms.empty());
    const Ikev1Transform& t = sa->proposals[0].transforms[0];
    EXPECT_EQ(t.id, 1); // KEY_IKE
    // aes128-sha1-modp2048 with a PSK (RFC 2409 Appendix A): Encryption 7 (AES-CBC), Key
    // Length 128, Hash 2 (SHA), Group 14, Authentication 1 (pre-shared key)
    std::map<uint16_t, uint16_t> tv;
    for (const auto& a : t.attributes)
    {
        if (a.tv)
        {
            tv[a.type] = a.value;
        }
    }
    EXPECT_EQ(tv[1], 7);
    EXPECT_EQ(tv[14], 128);
    EXPECT_EQ(tv[2], 2);
    EXPECT_EQ(tv[4], 14);
    EXPECT_EQ(tv[3], 1);
}

TEST(Ikev1MessageTest, MalformedMessagesAreRefusedWithAReason)
{
    const auto frames = ReadIkev1Frames("v1-02-aggressive-psk");
    const std::vector<uint8_t> good = frames.at(1).ike; // SA KE No ID V.. NAT-D NAT-D HASH
    Ikev1Message m;
    ASSERT_EQ(Ikev1Message::Parse(good, m), IkeParseError::NONE);
    // a version-2 header
    auto v2 = good;
    v2[17] = 0x20;
    EXPECT_EQ(Ikev1Message::Parse(v2, m), IkeParseError::UNSUPPORTED_VERSION);
    // the header's length longer than the datagram
    auto shortened = good;
    shortened.pop_back();
    EXPECT_EQ(Ikev1Message::Parse(shortened, m), IkeParseError::LENGTH_MISMATCH);
    // a first payload's length running past the end
    auto longPayload = good;
    longPayload[30] = 0xff;
    longPayload[31] = 0xff;
    EXPECT_EQ(Ikev1Message::Parse(longPayload, m), IkeParseError::TRUNCATED_PAYLOAD);
    // a payload length below its header
    auto tiny = good;
    tiny[30] = 0;
    tiny[31] = 2;
    EXPECT_EQ(Ikev1Message::Parse(tiny, m), IkeParseError::BAD_PAYLOAD_LENGTH);
    // a proposal payload at the top level
    auto proposal = good;
    proposal[16] = ikev1::PAYLOAD_PROPOSAL;
    EXPECT_EQ(Ikev1Message::Parse(proposal, m), IkeParseError::BAD_PAYLOAD);
    // random damage: a reason or a message, never a read outside it (ASan checks)
    std::mt19937 rng(7);
    for (int i = 0; i < 3000; i++)
    {
        auto d = good;
        for (int k = 0; k < 4; k++)
        {
            d[28 + rng() % (d.size() - 28)] ^= static_cast<uint8_t>(1 + rng() % 255);
        }
        if (i % 4 == 0)
        {
            d.resize(28 + rng() % (d.size() - 28));
            d[24] = static_cast<uint8_t>(d.size() >> 24);
            d[25] = static_cast<uint8_t>(d.size() >> 16);
            d[26] = static_cast<uint8_t>(d.size() >> 8);
            d[27] = static_cast<uint8_t>(d.size());
        }
        Ikev1Message::Parse(d, m);
    }
}

// Main mode from strongSwan (v1-01, aes128-sha1-modp2048): with the keys recomputed from the
// clear messages, the PSK and charon's DH secret, every encrypted message of the capture
// decrypts with the IVs chained as RFC 2409 Appendix B says (phase 1 from hash(g^xi | g^xr),
// then each message's last block; quick mode and informational from hash(last phase-1 block |
// M-ID)) and reads as charon logged it; charon's HASH_I verifies over the decrypted ID.
TEST(Ikev1MessageTest, StrongSwanEncryptedMessagesDecrypt)
{
    const std::string name = "v1-01-main-psk";
    const auto frames = ReadIkev1Frames(name);
    const auto logged = Ikev1LoggedMessages(name);
    std::vector<Ikev1Message> ms;
    for (const auto& f : frames)
    {
        Ikev1Message m;
        ASSERT_EQ(Ikev1Message::Parse(f.ike, m), IkeParseError::NONE);
        ms.push_back(m);
    }
    ASSERT_GE(ms.size(), 8u);
    const auto gxi = Ikev1BodyOf(ms[2].payloads, ikev1::PAYLOAD_KE);
    const auto gxr = Ikev1BodyOf(ms[3].payloads, ikev1::PAYLOAD_KE);
    const auto ni = Ikev1BodyOf(ms[2].payloads, ikev1::PAYLOAD_NONCE);
    const auto nr = Ikev1BodyOf(ms[3].payloads, ikev1::PAYLOAD_NONCE);
    std::vector<uint8_t> ckyI(8);
    std::vector<uint8_t> ckyR(8);
    for (int i = 0; i < 8; i++)
    {
        ckyI[i] = frames[0].ike[i];
        ckyR[i] = frames[1].ike[8 + i];
    }
    auto prf = CreatePrf(*FindTransformByKeyword("prfsha1"));
    const std::string pskText = "ns3-ipsec IKEv2 fixture PSK";
    const std::vector<uint8_t> psk(pskText.begin(), pskText.end());
    const auto skeyid = Ikev1SkeyidPsk(*prf, psk, ni, nr);
    const Ikev1Keys k = Ikev1DeriveKeys(*prf,
                                        skeyid,
                                        Ikev1Logged(name, "shared_Diffie_Hellman_secret"),
                                        ckyI,
                                        ckyR);
    ASSERT_EQ(Hex(k.skeyidE), Hex(Ikev1Logged(name, "SKEYID_e")));
    Ikev1Crypter crypter(*FindTransformByKeyword("aes128"),
                         Ikev1EncryptionKey(*prf, k.skeyidE, 16),
                         EVP_sha1(),
                         Ikev1Phase1Iv(EVP_sha1(), gxi, gxr, 16));
    size_t decrypted = 0;
    for (size_t i = 4; i < ms.size(); i++)
    {
        SCOPED_TRACE("message " + std::to_string(i + 1));
        ASSERT_TRUE(ms[i].header.flags & IkeHeader::FLAG_V1_ENCRYPTION);
        std::vector<uint8_t> plain;
        ASSERT_TRUE(crypter.Decrypt(ms[i].header.messageId, ms[i].encrypted, plain));
        std::vector<Ikev1Payload> payloads;
        ASSERT_EQ(ParseIkev1Payloads(ms[i].header.nextPayload, plain, payloads),
                  IkeParseError::NONE);
        // left starts every exchange of the capture: its messages are the requests
        const bool request = frames[i].src.rfind("10.0.0.1:", 0) == 0;
        ASSERT_LT(i, logged.size());
        EXPECT_EQ(DescribeIkev1Message(ms[i].header, payloads, request), logged[i]);
        if (i == 4) // message 5: IDii, HASH_I
        {
            const Ikev1Payload* id = nullptr;
            const Ikev1Payload* hash = nullptr;
            for (const auto& p : payloads)
            {
                id = p.type == ikev1::PAYLOAD_ID ? &p : id;
                hash = p.type == ikev1::PAYLOAD_HASH ? &p : hash;
            }
            ASSERT_TRUE(id && hash);
            EXPECT_EQ(Hex(Ikev1Phase1Hash(*prf,
                                          skeyid,
                                          true,
                                          gxi,
                                          gxr,
                                          ckyI,
                                          ckyR,
                                          Ikev1BodyOf(ms[0].payloads, ikev1::PAYLOAD_SA),
                                          Ikev1PayloadBody(*id))),
                      Hex(Ikev1PayloadBody(*hash)));
        }
        decrypted++;
    }
    EXPECT_GE(decrypted, 4u);
    // re-encrypting the first phase-1 message with a fresh crypter gives charon's bytes
    Ikev1Crypter again(*FindTransformByKeyword("aes128"),
                       Ikev1EncryptionKey(*prf, k.skeyidE, 16),
                       EVP_sha1(),
                       Ikev1Phase1Iv(EVP_sha1(), gxi, gxr, 16));
    std::vector<uint8_t> plain;
    Ikev1Crypter probe(*FindTransformByKeyword("aes128"),
                       Ikev1EncryptionKey(*prf, k.skeyidE, 16),
                       EVP_sha1(),
                       Ikev1Phase1Iv(EVP_sha1(), gxi, gxr, 16));
    ASSERT_TRUE(probe.Decrypt(0, ms[4].encrypted, plain));
    EXPECT_EQ(again.Encrypt(0, plain), ms[4].encrypted);
    // a ciphertext of no whole block is refused
    EXPECT_FALSE(again.Decrypt(0, std::vector<uint8_t>(15, 0), plain));
}
