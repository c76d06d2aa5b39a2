// SPDX-License-Identifier: GPL-2.0-only
// IKE fragmentation (RFC 7383) message by message: negotiated with IKEV2_FRAGMENTATION_SUPPORTED
// in IKE_SA_INIT, an IKE_AUTH with RSA-3072 certificates goes as SKF fragments no larger than
// the fragment size (with AES-CBC/HMAC and with AES-GCM, whose AAD covers the fragment
// fields), reassembled in any order; a tampered fragment is dropped and the good one still
// completes the message; duplicates, changed totals, malformed numbers and fragments of an
// answered request are refused by name, and the first fragment of a retransmitted request
// gets the whole response again.

#include "ikev2-pair.h"
#include "ipsec-test-util.h"

#include "ns3/ike-certificate-helper.h"
#include "ns3/ikev2-sa.h"

#include <algorithm>
#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

IkeCertificateHelper&
Pki()
{
    static IkeCertificateHelper pki = [] {
        IkeCertificateHelper p("rsa3072");
        p.AssignStreams(400);
        return p;
    }();
    return pki;
}

/// The usual pair with RSA-3072 certificates and fragmentation at 1280 bytes on both ends.
Pair
FragmentingConfigs(const std::string& ikeProposal = "aes128-sha256-modp2048")
{
    Pair c = Configs();
    c.a.proposals = ParseIkeProposals(ikeProposal);
    c.b.proposals = c.a.proposals;
    c.a.credential = Pki().Issue("gw-a", {IkeIdentity::Ipv4(Ipv4Address("192.0.2.1"))});
    c.b.credential = Pki().Issue("gw-b", {IkeIdentity::Fqdn("gw-b.example")});
    for (IkePeerConfig* p : {&c.a, &c.b})
    {
        p->localAuth = IkeAuthMethod::PUBKEY;
        p->remoteAuth = IkeAuthMethod::PUBKEY;
        p->fragmentation = true;
        p->fragmentSize = 1280;
    }
    return c;
}

/// The first message of a side and the datagrams it goes out as.
std::vector<std::vector<uint8_t>>
Out(const Ikev2Sa& sa, const std::vector<uint8_t>& message)
{
    return sa.Datagrams(message);
}

/// IKE_SA_INIT both ways; returns a's IKE_AUTH request (its first datagram).
std::vector<uint8_t>
ToIkeAuth(Ikev2Sa& a, Ikev2Sa& b)
{
    return a.Receive(b.Receive(a.Initiate()));
}

std::string
DescribeFragment(const std::vector<uint8_t>& d)
{
    Ikev2Message m;
    uint8_t critical = 0;
    if (Ikev2Message::Parse(d, m, critical) != IkeParseError::NONE || m.payloads.empty())
    {
        return "?";
    }
    const auto* sk = std::get_if<Ikev2SkPayload>(&m.payloads.back().body);
    return sk ? std::to_string(sk->fragmentNumber) + "/" + std::to_string(sk->totalFragments) : "?";
}

} // namespace

TEST(Ikev2FragmentTest, IkeAuthGoesAsFragmentsNoLargerThanTheFragmentSize)
{
    for (const std::string proposal : {"aes128-sha256-modp2048", "aes256gcm16-prfsha384-ecp256"})
    {
        SCOPED_TRACE(proposal);
        Pair c = FragmentingConfigs(proposal);
        Ikev2Sa a(true, c.a, Sources(1, 0xc0000001));
        Ikev2Sa b(false, c.b, Sources(2, 0xd0000001));
        MessageLog log;
        log.Watch(a);
        const std::vector<uint8_t> init = a.Initiate();
        EXPECT_EQ(Describe(init), "IKE_SA_INIT request 0 [ SA KE No N(FRAG_SUP) N(HASH_ALG) ]");
        const std::vector<uint8_t> initResponse = b.Receive(init);
        EXPECT_EQ(Describe(initResponse),
                  "IKE_SA_INIT response 0 [ SA KE No CERTREQ N(FRAG_SUP) N(HASH_ALG) ]");
        const std::vector<uint8_t> auth = a.Receive(initResponse);
        const auto request = Out(a, auth);
        ASSERT_GE(request.size(), 2u);
        EXPECT_EQ(request.front(), auth); // the message returned is the first fragment
        std::vector<uint8_t> response;
        for (size_t i = 0; i < request.size(); ++i)
        {
            EXPECT_LE(request[i].size(), 1280u - 28u);
            EXPECT_EQ(DescribeFragment(request[i]),
                      std::to_string(i + 1) + "/" + std::to_string(request.size()));
            response = b.Receive(request[i]);
            EXPECT_EQ(b.GetDropReason(), "");
            EXPECT_EQ(response.empty(), i + 1 < request.size()); // held until the last
        }
        EXPECT_EQ(b.GetState(), Ikev2SaState::ESTABLISHED) << b.GetContext().error;
        const auto fragments = Out(b, response);
        ASSERT_GE(fragments.size(), 2u);
        for (auto it = fragments.rbegin(); it != fragments.rend(); ++it) // in reverse order
        {
            a.Receive(*it);
            EXPECT_EQ(a.GetDropReason(), "");
        }
        EXPECT_EQ(a.GetState(), Ikev2SaState::ESTABLISHED) << a.GetContext().error;
        EXPECT_EQ(a.GetContext().children.size(), 1u);
        // the message trace shows the whole message once, as strongSwan's "generating" line
        EXPECT_NE(std::find(log.lines.begin(),
                            log.lines.end(),
                            "> IKE_AUTH request 1 [ IDi CERT CERTREQ IDr AUTH SA TSi TSr ]"),
                  log.lines.end())
            << ::testing::PrintToString(log.lines);
    }
}

TEST(Ikev2FragmentTest, OnlyWhenBothEndsAnnounceIt)
{
    Pair c = FragmentingConfigs();
    c.b.fragmentation = false;
    Ikev2Sa a(true, c.a, Sources(1, 0xc0000001));
    Ikev2Sa b(false, c.b, Sources(2, 0xd0000001));
    const std::vector<uint8_t> initResponse = b.Receive(a.Initiate());
    EXPECT_EQ(Describe(initResponse), "IKE_SA_INIT response 0 [ SA KE No CERTREQ N(HASH_ALG) ]");
    const std::vector<uint8_t> auth = a.Receive(initResponse);
    EXPECT_EQ(Out(a, auth).size(), 1u); // one large message (IP fragments it)
    EXPECT_GT(auth.size(), 1280u);
    const std::vector<uint8_t> response = b.Receive(auth);
    a.Receive(response);
    EXPECT_EQ(a.GetState(), Ikev2SaState::ESTABLISHED) << a.GetContext().error;
}

TEST(Ikev2FragmentTest, TamperedDuplicateAndInconsistentFragmentsAreRefused)
{
    Pair c = FragmentingConfigs();
    Ikev2Sa a(true, c.a, Sources(1, 0xc0000001));
    Ikev2Sa b(false, c.b, Sources(2, 0xd0000001));
    const auto request = Out(a, ToIkeAuth(a, b));
    ASSERT_EQ(request.size(), 2u);
    std::vector<uint8_t> bad = request[0];
    bad[bad.size() - 1] ^= 0x01; // its ICV
    EXPECT_TRUE(b.Receive(bad).empty());
    EXPECT_EQ(b.GetDropReason(), "integrity-failed");
    EXPECT_TRUE(b.Receive(request[0]).empty());
    EXPECT_EQ(b.GetDropReason(), "");
    EXPECT_TRUE(b.Receive(request[0]).empty());
    EXPECT_EQ(b.GetDropReason(), "duplicate-fragment");
    // fragment 2 of "3": Total Fragments changed (the ICV covers it, so the attacker must be a
    // party to the IKE SA: forged with the sender's own codec state here)
    Ikev2Message m;
    uint8_t critical = 0;
    ASSERT_EQ(Ikev2Message::Parse(request[1], m, critical), IkeParseError::NONE);
    std::vector<uint8_t> renumbered = request[1];
    renumbered[IkeHeader::SIZE + 6] = 0;
    renumbered[IkeHeader::SIZE + 7] = 3; // Total Fragments 3: fails its ICV first
    EXPECT_TRUE(b.Receive(renumbered).empty());
    EXPECT_EQ(b.GetDropReason(), "integrity-failed");
    const std::vector<uint8_t> response = b.Receive(request[1]);
    EXPECT_FALSE(response.empty());
    EXPECT_EQ(b.GetState(), Ikev2SaState::ESTABLISHED);

    // the peer retransmits its request: fragment 1 has the whole response sent again, the
    // others nothing
    const std::vector<uint8_t> again = b.Receive(request[0]);
    EXPECT_EQ(again, response);
    EXPECT_EQ(Out(b, again), Out(b, response));
    EXPECT_TRUE(b.Receive(request[1]).empty());
    EXPECT_EQ(b.GetDropReason(), "retransmitted-fragment");
    // ... but only a verified one: a forged first fragment makes it send nothing
    std::vector<uint8_t> forged = request[0];
    forged.back() ^= 0x01;
    EXPECT_TRUE(b.Receive(forged).empty());
    EXPECT_EQ(b.GetDropReason(), "integrity-failed");

    // malformed numbers never get as far as the keys
    for (const auto& [number, total] :
         std::vector<std::pair<uint8_t, uint8_t>>{{0, 2}, {3, 2}, {1, 0}})
    {
        std::vector<uint8_t> d = request[0];
        d[IkeHeader::SIZE + 5] = number;
        d[IkeHeader::SIZE + 7] = total;
        Ikev2Message parsed;
        EXPECT_EQ(Ikev2Message::Parse(d, parsed, critical), IkeParseError::BAD_PAYLOAD);
    }
}

TEST(Ikev2FragmentTest, NoFragmentsBeforeTheKeys)
{
    // an SKF payload in IKE_SA_INIT is refused (RFC 7383 §2.5: only messages with keys)
    Pair c = FragmentingConfigs();
    Ikev2Sa a(true, c.a, Sources(1, 0xc0000001));
    Ikev2Sa b(false, c.b, Sources(2, 0xd0000001));
    const auto request = Out(a, ToIkeAuth(a, b));
    std::vector<uint8_t> early = request[0];
    early[18] = ikev2::IKE_SA_INIT; // exchange type
    Ikev2Sa fresh(false, c.b, Sources(3, 0xe0000001));
    EXPECT_TRUE(fresh.Receive(early).empty());
    EXPECT_NE(fresh.GetDropReason(), "");
}
