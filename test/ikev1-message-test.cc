// SPDX-License-Identifier: GPL-2.0-only
// ISAKMP messages (RFC 2408, RFC 2407's IPsec DOI, RFC 3947's NAT-D) against strongSwan's:
// every clear message of the IKEv1 fixtures (main mode, aggressive mode) parses and serializes
// back to the same bytes and is described as charon logged it; the phase-1 SA payload reads as
// the proposal charon sent; encrypted messages keep their ciphertext; truncated and damaged
// messages are refused with a reason, never read outside the datagram.

#include "ikev1-fixture-util.h"
#include "ipsec-test-util.h"

#include "ns3/ikev1-message.h"

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
