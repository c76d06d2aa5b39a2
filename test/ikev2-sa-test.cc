// SPDX-License-Identifier: GPL-2.0-only
// IKEv2 exchanges message by message, as strongSwan tests its tasks: two Ikev2Sa objects
// hand each other their datagrams (no network), and each step's message, state and result
// is checked: IKE_SA_INIT and IKE_AUTH with a pre-shared key and the first CHILD SA
// (traffic selectors narrowed, keys the same on both ends), INVALID_KE_PAYLOAD and the retry,
// NO_PROPOSAL_CHOSEN, AUTHENTICATION_FAILED, TS_UNACCEPTABLE, transport mode, a retransmitted
// request, a tampered message, and the same seed giving the same bytes.

#include "ikev2-pair.h"
#include "ipsec-test-util.h"

#include "ns3/ikev2-sa.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

TEST(Ikev2SaTest, EstablishesWithPskAndNarrowsTheChildSa)
{
    Pair c = Configs();
    Ikev2Sa a(true, c.a, Sources(1, 0xc0000001));
    Ikev2Sa b(false, c.b, Sources(2, 0xd0000001));
    const auto wire = Exchange(a, b);
    ASSERT_EQ(wire.size(), 4u);
    EXPECT_EQ(Describe(wire[0]), "IKE_SA_INIT request 0 [ SA KE No ]");
    EXPECT_EQ(Describe(wire[1]), "IKE_SA_INIT response 0 [ SA KE No ]");
    EXPECT_EQ(Describe(wire[2]), "IKE_AUTH request 1 [ SK ]");
    EXPECT_EQ(Describe(wire[3]), "IKE_AUTH response 1 [ SK ]");
    EXPECT_EQ(a.GetState(), Ikev2SaState::ESTABLISHED) << a.GetContext().error;
    EXPECT_EQ(b.GetState(), Ikev2SaState::ESTABLISHED) << b.GetContext().error;
    const auto& ka = a.GetContext().keys;
    const auto& kb = b.GetContext().keys;
    EXPECT_EQ(Hex(ka.skD), Hex(kb.skD));
    EXPECT_EQ(Hex(ka.skEi), Hex(kb.skEi));
    EXPECT_EQ(a.GetContext().spiR, b.GetContext().spiR);
    EXPECT_NE(a.GetContext().spiR, 0u);

    ASSERT_EQ(a.GetContext().children.size(), 1u);
    ASSERT_EQ(b.GetContext().children.size(), 1u);
    const Ikev2ChildSa& ca = a.GetContext().children[0];
    const Ikev2ChildSa& cb = b.GetContext().children[0];
    // The responder's choice (its only proposal) and SPIs crosswise.
    EXPECT_EQ(ca.proposal.ToString(), "aes128-sha256");
    EXPECT_EQ(cb.proposal.ToString(), "aes128-sha256");
    EXPECT_EQ(ca.inboundSpi, 0xc0000001u);
    EXPECT_EQ(cb.inboundSpi, 0xd0000001u);
    EXPECT_EQ(ca.outboundSpi, cb.inboundSpi);
    EXPECT_EQ(cb.outboundSpi, ca.inboundSpi);
    // Keys: a's outbound is b's inbound and the other way round; 16 + 32 bytes.
    EXPECT_EQ(Hex(ca.outbound.encryptionKey), Hex(cb.inbound.encryptionKey));
    EXPECT_EQ(Hex(ca.outbound.integrityKey), Hex(cb.inbound.integrityKey));
    EXPECT_EQ(Hex(ca.inbound.encryptionKey), Hex(cb.outbound.encryptionKey));
    EXPECT_EQ(ca.outbound.encryptionKey.size(), 16u);
    EXPECT_EQ(ca.outbound.integrityKey.size(), 32u);
    EXPECT_NE(Hex(ca.outbound.encryptionKey), Hex(ca.inbound.encryptionKey));
    // Narrowed to the responder's /24s (§2.9), seen from each end.
    ASSERT_EQ(ca.localTs.size(), 1u);
    EXPECT_EQ(ca.localTs[0].ToString(), "10.1.0.0/24");
    EXPECT_EQ(ca.remoteTs[0].ToString(), "10.2.1.0/24");
    EXPECT_EQ(cb.localTs[0].ToString(), "10.2.1.0/24");
    EXPECT_EQ(cb.remoteTs[0].ToString(), "10.1.0.0/24");
    EXPECT_EQ(ca.mode, IpsecMode::TUNNEL);
}

TEST(Ikev2SaTest, EverySuiteAndGroupEstablishes)
{
    for (const char* ike : {"aes256gcm16-prfsha384-ecp384",
                            "aes256-sha512-curve25519",
                            "chacha20poly1305-prfsha256-ecp256",
                            "aes128-sha1-modp3072",
                            "aes192ctr-aesxcbc-modp2048",
                            "aes128-sha384-ecp521",
                            "3des-sha256-modp4096"})
    {
        Pair c = Configs();
        c.a.proposals = c.b.proposals = ParseIkeProposals(ike);
        Ikev2Sa a(true, c.a, Sources(3, 1000));
        Ikev2Sa b(false, c.b, Sources(4, 2000));
        EXPECT_EQ(Exchange(a, b).size(), 4u) << ike;
        EXPECT_EQ(a.GetState(), Ikev2SaState::ESTABLISHED) << ike << a.GetContext().error;
        EXPECT_EQ(b.GetState(), Ikev2SaState::ESTABLISHED) << ike << b.GetContext().error;
        EXPECT_EQ(a.GetContext().proposal.ToString(), IkeProposal::Parse(ike).ToString());
        EXPECT_EQ(a.GetContext().children.size(), 1u) << ike;
    }
}

TEST(Ikev2SaTest, InvalidKePayloadAndRetryWithTheResponderGroup)
{
    Pair c = Configs();
    c.a.proposals = ParseIkeProposals("aes128-sha256-modp2048-ecp256");
    c.b.proposals = ParseIkeProposals("aes128-sha256-ecp256");
    Ikev2Sa a(true, c.a, Sources(5, 1));
    Ikev2Sa b(false, c.b, Sources(6, 100));
    // The responder keeps no state for a refused IKE_SA_INIT (§1.2): a fresh one answers the
    // retry, as a daemon would make.
    const auto first = a.Initiate();
    const auto invalid = b.Receive(first);
    EXPECT_EQ(Describe(invalid), "IKE_SA_INIT response 0 [ N(INVAL_KE) ]");
    Ikev2Message m;
    uint8_t critical = 0;
    ASSERT_EQ(Ikev2Message::Parse(invalid, m, critical), IkeParseError::NONE);
    EXPECT_EQ(Hex(m.FindNotify(ikev2::INVALID_KE_PAYLOAD)->data), "0013"); // group 19
    EXPECT_EQ(m.header.responderSpi, 0u);
    EXPECT_EQ(b.GetState(), Ikev2SaState::FAILED);
    const auto retry = a.Receive(invalid);
    EXPECT_EQ(Describe(retry), "IKE_SA_INIT request 0 [ SA KE No ]");
    ASSERT_EQ(Ikev2Message::Parse(retry, m, critical), IkeParseError::NONE);
    EXPECT_EQ(m.Get<Ikev2KePayload>(ikev2::PAYLOAD_KE)->group, 19);
    Ikev2Sa b2(false, c.b, Sources(6, 100));
    auto next = b2.Receive(retry);
    next = a.Receive(next);
    next = b2.Receive(next);
    EXPECT_TRUE(a.Receive(next).empty());
    EXPECT_EQ(a.GetState(), Ikev2SaState::ESTABLISHED) << a.GetContext().error;
    EXPECT_EQ(b2.GetState(), Ikev2SaState::ESTABLISHED);
}

TEST(Ikev2SaTest, NoProposalChosen)
{
    Pair c = Configs();
    c.b.proposals = ParseIkeProposals("aes256gcm16-prfsha384-ecp384");
    Ikev2Sa a(true, c.a, Sources(7, 1));
    Ikev2Sa b(false, c.b, Sources(8, 100));
    const auto wire = Exchange(a, b);
    ASSERT_EQ(wire.size(), 2u);
    EXPECT_EQ(Describe(wire[1]), "IKE_SA_INIT response 0 [ N(NO_PROP) ]");
    EXPECT_EQ(a.GetState(), Ikev2SaState::FAILED);
    EXPECT_EQ(b.GetState(), Ikev2SaState::FAILED);
    EXPECT_EQ(a.GetContext().error, "NO_PROPOSAL_CHOSEN");
    EXPECT_TRUE(a.GetContext().children.empty());
}

TEST(Ikev2SaTest, WrongPreSharedKeyIsAuthenticationFailed)
{
    Pair c = Configs();
    c.b.psk = {'o', 't', 'h', 'e', 'r'};
    Ikev2Sa a(true, c.a, Sources(9, 1));
    Ikev2Sa b(false, c.b, Sources(10, 100));
    const auto wire = Exchange(a, b);
    ASSERT_EQ(wire.size(), 4u);
    EXPECT_EQ(a.GetState(), Ikev2SaState::FAILED);
    EXPECT_EQ(b.GetState(), Ikev2SaState::FAILED);
    EXPECT_EQ(a.GetContext().error, "AUTHENTICATION_FAILED (the responder refused our AUTH)");
    EXPECT_EQ(b.GetContext().error,
              "AUTHENTICATION_FAILED (AUTH does not verify: another pre-shared key?)");
    EXPECT_TRUE(a.GetContext().children.empty());
    EXPECT_TRUE(b.GetContext().children.empty());
    // The wrong identity fails the same way.
    Pair d = Configs();
    d.b.remoteId = IkeIdentity::Ipv4(Ipv4Address("192.0.2.99"));
    Ikev2Sa a2(true, d.a, Sources(9, 1));
    Ikev2Sa b2(false, d.b, Sources(10, 100));
    Exchange(a2, b2);
    EXPECT_EQ(b2.GetContext().error,
              "AUTHENTICATION_FAILED (the peer's identity is not the configured one)");
}

TEST(Ikev2SaTest, TsUnacceptableLeavesTheIkeSaUp)
{
    Pair c = Configs();
    c.b.children[0].remoteTs = {Ts("172.16.0.0", 12)};
    Ikev2Sa a(true, c.a, Sources(11, 1));
    Ikev2Sa b(false, c.b, Sources(12, 100));
    Exchange(a, b);
    EXPECT_EQ(a.GetState(), Ikev2SaState::ESTABLISHED);
    EXPECT_EQ(b.GetState(), Ikev2SaState::ESTABLISHED);
    EXPECT_TRUE(a.GetContext().children.empty());
    EXPECT_TRUE(b.GetContext().children.empty());
}

TEST(Ikev2SaTest, TransportModeWhenBothWantIt)
{
    Pair c = Configs();
    c.a.children[0].mode = IpsecMode::TRANSPORT;
    c.b.children[0].mode = IpsecMode::TRANSPORT;
    Ikev2Sa a(true, c.a, Sources(13, 1));
    Ikev2Sa b(false, c.b, Sources(14, 100));
    Exchange(a, b);
    ASSERT_EQ(a.GetContext().children.size(), 1u);
    EXPECT_EQ(a.GetContext().children[0].mode, IpsecMode::TRANSPORT);
    EXPECT_EQ(b.GetContext().children[0].mode, IpsecMode::TRANSPORT);
    // The responder configured for tunnel mode answers without USE_TRANSPORT_MODE (§1.3.1).
    c.b.children[0].mode = IpsecMode::TUNNEL;
    Ikev2Sa a2(true, c.a, Sources(13, 1));
    Ikev2Sa b2(false, c.b, Sources(14, 100));
    Exchange(a2, b2);
    ASSERT_EQ(a2.GetContext().children.size(), 1u);
    EXPECT_EQ(a2.GetContext().children[0].mode, IpsecMode::TUNNEL);
}

TEST(Ikev2SaTest, RetransmittedRequestsTamperingAndDeterminism)
{
    Pair c = Configs();
    Ikev2Sa a(true, c.a, Sources(15, 1));
    Ikev2Sa b(false, c.b, Sources(16, 100));
    const auto init = a.Initiate();
    const auto initResponse = b.Receive(init);
    // The same request again: the same response, no new state (§2.1).
    EXPECT_EQ(b.Receive(init), initResponse);
    const auto auth = a.Receive(initResponse);
    EXPECT_EQ(a.GetOutstandingRequest(), auth);
    // Another IKE SA's SPI: dropped before any decryption.
    std::vector<uint8_t> other = auth;
    other[15] ^= 1; // last byte of the responder's SPI
    EXPECT_TRUE(b.Receive(other).empty());
    EXPECT_EQ(b.GetDropReason(), "unknown-ike-spi");
    // A flipped bit in IKE_AUTH: dropped with a reason, nothing answered, state unchanged.
    std::vector<uint8_t> bad = auth;
    bad[bad.size() - 20] ^= 1;
    EXPECT_TRUE(b.Receive(bad).empty());
    EXPECT_EQ(b.GetDropReason(), "integrity-failed");
    EXPECT_EQ(b.GetState(), Ikev2SaState::CONNECTING);
    const auto authResponse = b.Receive(auth);
    EXPECT_EQ(b.Receive(auth), authResponse);
    EXPECT_TRUE(a.Receive(authResponse).empty());
    EXPECT_EQ(a.GetState(), Ikev2SaState::ESTABLISHED);
    EXPECT_TRUE(a.GetOutstandingRequest().empty());
    // A duplicate response is dropped.
    EXPECT_TRUE(a.Receive(authResponse).empty());
    EXPECT_EQ(a.GetDropReason(), "unexpected-response");
    // Same sources, same bytes.
    Ikev2Sa a2(true, c.a, Sources(15, 1));
    Ikev2Sa b2(false, c.b, Sources(16, 100));
    const auto again = Exchange(a2, b2);
    ASSERT_EQ(again.size(), 4u);
    EXPECT_EQ(again[0], init);
    EXPECT_EQ(again[3], authResponse);
}
