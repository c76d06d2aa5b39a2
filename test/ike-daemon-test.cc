// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * IkeDaemon end to end: two gateways negotiate a tunnel over UDP 500 with IKEv2 and the data
 * plane carries traffic on the CHILD SA they installed; transport mode between two hosts whose
 * own IKE datagrams fall under the policy; trap policies that start the connection on the
 * first packet (one IKE SA, however many packets); a wrong PSK (AUTHENTICATION_FAILED, no SA);
 * retransmission through a lossy link and strongSwan's give-up schedule without a peer.
 */

#include "ike-daemon-util.h"
#include "ipsec-scenario.h"

#include "ns3/ike-daemon.h"
#include "ns3/ike-proposal.h"
#include "ns3/ipsec-crypto-engine.h"

#include <gtest/gtest.h>
#include <set>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

TEST(IkeDaemonTest, GatewaysNegotiateATunnelAndCarryTrafficOnIt)
{
    Chain c;
    auto [a, b] = Gateways(c, IkeStartAction::START);
    Log la;
    Log lb;
    la.Watch(a);
    lb.Watch(b);
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, 20, 200);
    Simulator::Stop(Seconds(5));
    Simulator::Run();

    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    ASSERT_EQ(la.messages.size(), 4u);
    EXPECT_EQ(la.messages[0].rfind("> IKE_SA_INIT request 0 [ SA KE No", 0), 0u) << la.messages[0];
    EXPECT_EQ(la.messages[1].rfind("< IKE_SA_INIT response 0 [ SA KE No", 0), 0u) << la.messages[1];
    EXPECT_EQ(la.messages[2].rfind("> IKE_AUTH request 1 [ IDi", 0), 0u) << la.messages[2];
    EXPECT_EQ(la.messages[3].rfind("< IKE_AUTH response 1 [ IDr", 0), 0u) << la.messages[3];
    EXPECT_EQ(la.states, (std::vector<std::string>{"a CONNECTING", "a ESTABLISHED"}));
    EXPECT_EQ(lb.states, (std::vector<std::string>{"b CONNECTING", "b ESTABLISHED"}));
    EXPECT_EQ(la.children, 1u);
    EXPECT_EQ(lb.children, 1u);

    // The tunnel carries the flow: every datagram arrived, through gateway B's inbound SA.
    EXPECT_EQ(flow->received, 20u);
    auto childA = a->GetInstalledChildSas();
    auto childB = b->GetInstalledChildSas();
    ASSERT_EQ(childA.size(), 1u);
    ASSERT_EQ(childB.size(), 1u);
    EXPECT_EQ(childA[0].outbound->GetCounters().packets, 20u);
    EXPECT_EQ(childB[0].inbound->GetCounters().packets, 20u);
    // Each end's outbound SPI is the other's inbound one, and the keys match.
    EXPECT_EQ(childA[0].outbound->GetConfig().spi, childB[0].inbound->GetConfig().spi);
    EXPECT_EQ(childB[0].outbound->GetConfig().spi, childA[0].inbound->GetConfig().spi);
    EXPECT_EQ(childA[0].outbound->GetConfig().encryptionKey,
              childB[0].inbound->GetConfig().encryptionKey);
    EXPECT_EQ(childA[0].outbound->GetConfig().espSuite.ToString(), "aes128gcm16");
    EXPECT_EQ(a->GetDropCounts().size(), 0u);
    EXPECT_EQ(b->GetDropCounts().size(), 0u);
    Simulator::Destroy();
}

/// The TS payloads of the IKE_AUTH messages a daemon sent or received.
struct AuthTs
{
    std::vector<Ikev2TrafficSelector> requestTsi;  ///< the request's TSi
    std::vector<Ikev2TrafficSelector> requestTsr;  ///< the request's TSr
    std::vector<Ikev2TrafficSelector> responseTsi; ///< the response's TSi

    void Watch(Ptr<IkeDaemon> d)
    {
        d->TraceConnectWithoutContext("Message", MakeCallback(&AuthTs::Message, this));
    }

    void Message(bool, Ipv4Address, const IkeHeader& h, const std::vector<Ikev2Payload>& payloads)
    {
        if (h.exchangeType != ikev2::IKE_AUTH)
        {
            return;
        }
        const auto* tsi = FindIkev2Payload<Ikev2TsPayload>(payloads, ikev2::PAYLOAD_TSI);
        const auto* tsr = FindIkev2Payload<Ikev2TsPayload>(payloads, ikev2::PAYLOAD_TSR);
        if (tsi && tsr)
        {
            (h.IsResponse() ? responseTsi : requestTsi) = tsi->selectors;
            if (!h.IsResponse())
            {
                requestTsr = tsr->selectors;
            }
        }
    }
};

TEST(IkeDaemonTest, TrapPoliciesStartTheConnectionOnceOnTheFirstPacket)
{
    Chain c;
    auto [a, b] = Gateways(c, IkeStartAction::TRAP);
    Log la;
    la.Watch(a);
    AuthTs ts;
    ts.Watch(a);
    auto drops = c.WatchDrops();
    // 1 ms apart: several packets meet the trap policy before the tunnel is up.
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, 200, 100, MilliSeconds(1));
    Simulator::Stop(Seconds(5));
    Simulator::Run();

    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    EXPECT_EQ(la.messages.size(), 4u) << "one IKE SA, however many packets hit the trap";
    EXPECT_EQ(la.children, 1u);
    // Nothing went in the clear: what did not arrive was dropped for want of an SA.
    EXPECT_GT((*drops)[DropReason::NO_SA], 0u);
    EXPECT_EQ(flow->received + (*drops)[DropReason::NO_SA], 200u);
    auto childB = b->GetInstalledChildSas();
    ASSERT_EQ(childB.size(), 1u);
    EXPECT_EQ(childB[0].inbound->GetCounters().packets, flow->received);
    // §2.9: the triggering packet's selector first (hostA's UDP from its ephemeral port to
    // hostB's port 9), then the configured subnets; B narrows to the subnet alone.
    ASSERT_EQ(ts.requestTsi.size(), 2u);
    ASSERT_EQ(ts.requestTsr.size(), 2u);
    EXPECT_EQ(FromIkev2(ts.requestTsi[0])->ToString().rfind("10.1.1.1/32[17/", 0), 0u)
        << FromIkev2(ts.requestTsi[0])->ToString();
    EXPECT_EQ(ts.requestTsi[0].startPort, ts.requestTsi[0].endPort) << "one port";
    EXPECT_EQ(FromIkev2(ts.requestTsr[0])->ToString(), "10.3.1.2/32[17/9]");
    EXPECT_EQ(FromIkev2(ts.requestTsi[1])->ToString(), "10.1.1.0/24");
    EXPECT_EQ(FromIkev2(ts.requestTsr[1])->ToString(), "10.3.1.0/24");
    ASSERT_EQ(ts.responseTsi.size(), 1u);
    EXPECT_EQ(FromIkev2(ts.responseTsi[0])->ToString(), "10.1.1.0/24");
    Simulator::Destroy();
}

TEST(IkeDaemonTest, APolicyAddedByHandLaterStillComesBeforeIkes)
{
    // IKE's policies carry strongSwan's priorities (3907 for /24 === /24, any protocol); one
    // added by hand once the tunnel is up has XFRM's default 0 and is looked up first, as an
    // `ip xfrm policy add` beside charon's: here a DISCARD for UDP to port 7 inside the tunnel.
    Chain c;
    auto [a, b] = Gateways(c, IkeStartAction::TRAP_START);
    auto drops = c.WatchDrops();
    auto tunnelled =
        SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, 100, 100, MilliSeconds(10), Seconds(2));
    auto discarded =
        SendUdp(c.hostA, c.hostB, c.hostBAddr, 7, 100, 100, MilliSeconds(10), Seconds(2));
    Simulator::Schedule(Seconds(1), [&c]() {
        SecurityPolicy p;
        p.direction = PolicyDirection::OUT;
        p.action = PolicyAction::DISCARD;
        p.selector.local = AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24);
        p.selector.remote = AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24);
        p.selector.protocol = 17;
        p.selector.remotePorts = PortRange::Single(7);
        c.ipsec.AddPolicy(c.gwA, p);
    });
    Simulator::Stop(Seconds(5));
    Simulator::Run();

    const auto out = Chain::Stack(c.gwA)->GetSpd().GetPolicies(PolicyDirection::OUT);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0]->action, PolicyAction::DISCARD);
    EXPECT_EQ(out[1]->priority, 3907u);
    EXPECT_EQ(tunnelled->received, 100u);
    EXPECT_EQ(discarded->received, 0u);
    EXPECT_EQ((*drops)[DropReason::DISCARD_POLICY], 100u);
    EXPECT_EQ(drops->Total(), 100u);
    Simulator::Destroy();
}

TEST(IkeDaemonTest, TransportModeBetweenHostsWhoseIkeFallsUnderThePolicy)
{
    Chain c;
    auto [a, b] = TransportGateways(c);
    auto flow = SendUdp(c.gwA, c.gwB, c.gwBWan, 9, 10, 300);
    Simulator::Stop(Seconds(5));
    Simulator::Run();

    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    EXPECT_EQ(flow->received, 10u);
    auto childB = b->GetInstalledChildSas();
    ASSERT_EQ(childB.size(), 1u);
    EXPECT_EQ(childB[0].inbound->GetConfig().mode, IpsecMode::TRANSPORT);
    EXPECT_EQ(childB[0].inbound->GetCounters().packets, 10u);
    Simulator::Destroy();
}

TEST(IkeDaemonTest, AWrongPskFailsWithoutAnySa)
{
    Chain c;
    auto [a, b] = Gateways(c, IkeStartAction::START, "wrong");
    Log la;
    Log lb;
    la.Watch(a);
    lb.Watch(b);
    Simulator::Stop(Seconds(5));
    Simulator::Run();

    ASSERT_EQ(la.messages.size(), 4u);
    EXPECT_EQ(la.messages[3], "< IKE_AUTH response 1 [ N(AUTH_FAILED) ]");
    EXPECT_EQ(la.states, (std::vector<std::string>{"a CONNECTING", "a FAILED"}));
    EXPECT_EQ(lb.states, (std::vector<std::string>{"b CONNECTING", "b FAILED"}));
    EXPECT_EQ(la.children + lb.children, 0u);
    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::CONNECTING) + a->CountIkeSas(Ikev2SaState::ESTABLISHED),
              0u);
    EXPECT_EQ(Chain::Stack(c.gwA)->GetSad().GetAll().size(), 0u);
    EXPECT_EQ(Chain::Stack(c.gwB)->GetSad().GetAll().size(), 0u);
    Simulator::Destroy();
}

TEST(IkeDaemonTest, NoCommonProposalFailsWithoutAnySa)
{
    // The IKE SA: A offers AES-CBC/SHA-256/MODP-2048 only, B accepts AES-GCM/ECP-256 only:
    // NO_PROPOSAL_CHOSEN in IKE_SA_INIT, no state kept on B (§2.6), no SA anywhere. Then the
    // CHILD SA: the IKE SA agrees but the ESP proposals do not (IKE_AUTH answers
    // NO_PROPOSAL_CHOSEN; the IKE SA stays up without a CHILD SA, RFC 7296 §1.2).
    for (bool child : {false, true})
    {
        Chain c;
        Ptr<IkeDaemon> a = Daemon(c.gwA, 100);
        Ptr<IkeDaemon> b = Daemon(c.gwB, 200);
        IkePeerConfig ca = Connection("a",
                                      c.gwAWan,
                                      c.gwBWan,
                                      Ts(Ipv4Address("10.1.1.0"), 24),
                                      Ts(Ipv4Address("10.3.1.0"), 24));
        IkePeerConfig cb = Connection("b",
                                      c.gwBWan,
                                      c.gwAWan,
                                      Ts(Ipv4Address("10.3.1.0"), 24),
                                      Ts(Ipv4Address("10.1.1.0"), 24));
        if (child)
        {
            ca.children[0].proposals = ParseChildProposals("aes128gcm16");
            cb.children[0].proposals = ParseChildProposals("aes256-sha512");
        }
        else
        {
            cb.proposals = ParseIkeProposals("aes128gcm16-prfsha256-ecp256");
        }
        a->AddConnection(ca, IkeStartAction::START);
        b->AddConnection(cb, IkeStartAction::NONE);
        Log la;
        Log lb;
        la.Watch(a);
        lb.Watch(b);
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        if (child)
        {
            ASSERT_EQ(la.messages.size(), 4u);
            EXPECT_EQ(la.messages[3].rfind("< IKE_AUTH response 1 [ IDr AUTH N(NO_PROP) ]", 0), 0u)
                << la.messages[3];
            EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
            EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
        }
        else
        {
            ASSERT_EQ(la.messages.size(), 2u);
            EXPECT_EQ(la.messages[1], "< IKE_SA_INIT response 0 [ N(NO_PROP) ]");
            EXPECT_EQ(la.states, (std::vector<std::string>{"a CONNECTING", "a FAILED"}));
            EXPECT_EQ(b->CountIkeSas(Ikev2SaState::CONNECTING), 0u) << "no half-open state";
            EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 0u);
        }
        EXPECT_EQ(la.children + lb.children, 0u);
        EXPECT_EQ(Chain::Stack(c.gwA)->GetSad().GetAll().size(), 0u);
        EXPECT_EQ(Chain::Stack(c.gwB)->GetSad().GetAll().size(), 0u);
        Simulator::Destroy();
    }
}

TEST(IkeDaemonTest, RetransmitsOnStrongSwansScheduleAndGivesUp)
{
    Chain c;
    Ptr<IkeDaemon> a = Daemon(c.gwA, 100); // gateway B runs no IKE: nothing answers
    a->AddConnection(Connection("a",
                                c.gwAWan,
                                c.gwBWan,
                                Ts(Ipv4Address("10.1.1.0"), 24),
                                Ts(Ipv4Address("10.3.1.0"), 24)),
                     IkeStartAction::START);
    Log la;
    la.Watch(a);
    Simulator::Stop(Seconds(300));
    Simulator::Run();

    // 4 s * 1.8^n: retransmissions at 4, 11.2, 24.16, 47.49, 89.47 s; given up at 165.06 s.
    const std::vector<double> expected{4, 11.2, 24.16, 47.488, 89.4784};
    ASSERT_EQ(la.retransmits.size(), expected.size());
    for (size_t i = 0; i < expected.size(); i++)
    {
        EXPECT_NEAR(la.retransmits[i], expected[i], 0.01) << i;
    }
    EXPECT_EQ(la.states, (std::vector<std::string>{"a CONNECTING", "a FAILED"}));
    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::CONNECTING), 0u);
    Simulator::Destroy();
}

TEST(IkeDaemonTest, EstablishesThroughTwentyPercentLoss)
{
    Chain c;
    // 20 % of the frames on both WAN links are lost, either way.
    LoseOnTheWan(c, 0.2, 7);
    auto [a, b] = Gateways(c, IkeStartAction::START);
    Log la;
    la.Watch(a);
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    EXPECT_EQ(la.children, 1u);
    EXPECT_GT(la.retransmits.size(), 0u) << "the stream should lose something";
    Simulator::Destroy();
}

namespace
{

/// The SPIs and keys gateway A's CHILD SA got in a run with the given stream of A's daemon.
std::vector<uint8_t>
NegotiatedKeys(int64_t stream)
{
    Chain c;
    auto [a, b] = Gateways(c, IkeStartAction::START, "secret", stream);
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    std::vector<uint8_t> out;
    for (const InstalledChildSa& child : a->GetInstalledChildSas())
    {
        for (const auto& sa : {child.inbound, child.outbound})
        {
            const SaConfig& k = sa->GetConfig();
            out.push_back(static_cast<uint8_t>(k.spi >> 8));
            out.insert(out.end(), k.encryptionKey.begin(), k.encryptionKey.end());
        }
    }
    Simulator::Destroy();
    return out;
}

} // namespace

TEST(IkeDaemonTest, SameStreamsSameKeys)
{
    const std::vector<uint8_t> first = NegotiatedKeys(100);
    ASSERT_FALSE(first.empty());
    EXPECT_EQ(NegotiatedKeys(100), first);
    // Another stream: other nonces and key exchange values, other keys.
    EXPECT_NE(NegotiatedKeys(101), first);
}

namespace
{

/// A short rekey_time so that rekeys happen within the run.
void
RekeyEvery10s(IkePeerConfig& c)
{
    c.children[0].rekeyTime = Seconds(10);
    c.children[0].randTime = Seconds(1);
}

} // namespace

TEST(IkeDaemonTest, ChildSasRekeyWithTrafficBothWaysAndNothingIsLost)
{
    for (const char* proposal : {"aes128gcm16", "aes128-sha256-modp2048"})
    {
        Chain c;
        auto [a, b] = Gateways(c, IkeStartAction::TRAP_START, "secret", 100, [&](IkePeerConfig& k) {
            RekeyEvery10s(k);
            k.children[0].proposals = ParseChildProposals(proposal);
        });
        // 100 datagrams a second each way for 34 s: three rekeys happen under them.
        TwoWayRun traffic(c, a, b, 3400, 200);
        auto& [la, lb, drops, ab, ba] = traffic;
        Simulator::Stop(Seconds(36));
        Simulator::Run();

        EXPECT_EQ(la.rekeys.size(), 3u) << proposal;
        EXPECT_EQ(lb.rekeys.size(), 3u) << proposal;
        for (size_t i = 0; i < la.rekeys.size(); i++)
        {
            // rekey_time 10 s less up to rand_time 1 s after each CHILD SA's creation
            const double since = la.rekeys[i] - (i == 0 ? 0 : la.rekeys[i - 1]);
            EXPECT_GT(since, 8.9) << i;
            EXPECT_LT(since, 10.1) << i;
        }
        EXPECT_EQ(ab->received, 3400u) << proposal;
        EXPECT_EQ(ba->received, 3400u) << proposal;
        EXPECT_EQ(drops->Total(), 0u) << proposal;
        // Either end may rekey (each on its own random schedule).
        EXPECT_EQ(la.Count("> CREATE_CHILD_SA request") + la.Count("< CREATE_CHILD_SA request"),
                  3u);
        EXPECT_EQ(la.Count("> INFORMATIONAL request") + la.Count("< INFORMATIONAL request"), 3u)
            << "each old CHILD SA deleted";
        // One CHILD SA left on each end, in the data plane too (old inbound SAs gone after
        // DeleteRekeyedDelay).
        ASSERT_EQ(a->GetInstalledChildSas().size(), 1u);
        ASSERT_EQ(b->GetInstalledChildSas().size(), 1u);
        EXPECT_EQ(Chain::Stack(c.gwA)->GetSad().GetAll().size(), 2u);
        EXPECT_EQ(Chain::Stack(c.gwB)->GetSad().GetAll().size(), 2u);
        const bool pfs = std::string(proposal).find("modp") != std::string::npos;
        for (const std::string& m : la.messages)
        {
            if (m.find("CREATE_CHILD_SA request") != m.npos)
            {
                EXPECT_EQ(m.find(" KE ") != m.npos, pfs) << m;
            }
        }
        Simulator::Destroy();
    }
}

TEST(IkeDaemonTest, TerminateDeletesTheIkeSaAndItsChildSasOnBothEnds)
{
    Chain c;
    auto [a, b] = Gateways(c, IkeStartAction::START);
    Log la;
    Log lb;
    la.Watch(a);
    lb.Watch(b);
    Simulator::Schedule(Seconds(2), &IkeDaemon::Terminate, a, 0);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(la.Count("> INFORMATIONAL request 2 [ D(IKE) ]"), 1u);
    EXPECT_EQ(la.states.back(), "a DELETED");
    EXPECT_EQ(lb.states.back(), "b DELETED");
    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 0u);
    EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 0u);
    EXPECT_EQ(Chain::Stack(c.gwA)->GetSad().GetAll().size(), 0u);
    EXPECT_EQ(Chain::Stack(c.gwB)->GetSad().GetAll().size(), 0u);
    EXPECT_EQ(Chain::Stack(c.gwB)->GetSpd().GetPolicies(PolicyDirection::OUT).size(), 0u);
    Simulator::Destroy();
}

TEST(IkeDaemonTest, DeadPeerDetectionOnlyWhenSilentAndTheDeadPeerIsGivenUp)
{
    Chain c;
    auto [a, b] = Gateways(c, IkeStartAction::START, "secret", 100, [](IkePeerConfig& k) {
        k.dpdDelay = Seconds(10);
    });
    Log la;
    la.Watch(a);
    // Traffic from B's side for 25 s: A hears its peer and sends no DPD while it lasts.
    SendUdp(c.hostB, c.hostA, c.hostAAddr, 9, 250, 100, MilliSeconds(100));
    // Then B dies (its daemon stops answering) at 55 s.
    b->SetStopTime(Seconds(55));
    Simulator::Stop(Seconds(300));
    Simulator::Run();
    ASSERT_FALSE(la.messages.empty());
    // A hears B while B's traffic lasts, then B's own DPD requests (B hears nothing from A,
    // which sends no traffic): A sends its first DPD only once B is dead, 10 to 20 s later.
    const auto first = std::find_if(la.messages.begin(), la.messages.end(), [](const auto& m) {
        return m.rfind("> INFORMATIONAL request", 0) == 0;
    });
    ASSERT_NE(first, la.messages.end());
    EXPECT_EQ(*first, "> INFORMATIONAL request 2 [ ]");
    EXPECT_EQ(first + 1, la.messages.end()) << "nothing answered it";
    EXPECT_GE(la.Count("< INFORMATIONAL request"), 2u) << "B's DPD while it lived";
    ASSERT_FALSE(la.retransmits.empty());
    EXPECT_GT(la.retransmits[0], 55 + 4);
    EXPECT_LT(la.retransmits[0], 55 + 20 + 4);
    EXPECT_EQ(la.retransmits.size(), 5u);
    EXPECT_EQ(la.states.back(), "a FAILED");
    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 0u);
    EXPECT_EQ(Chain::Stack(c.gwA)->GetSad().GetAll().size(), 0u);
    Simulator::Destroy();
}

TEST(IkeDaemonTest, HardLifetimeWithoutRekeyDeletesTheChildSa)
{
    Chain c;
    auto [a, b] = Gateways(c, IkeStartAction::START, "secret", 100, [](IkePeerConfig& k) {
        k.children[0].rekeyTime = Seconds(0); // never rekeyed
        k.children[0].lifeTime = Seconds(10);
    });
    Log la;
    Log lb;
    la.Watch(a);
    lb.Watch(b);
    Simulator::Stop(Seconds(15));
    Simulator::Run();
    EXPECT_EQ(la.rekeys.size(), 0u);
    EXPECT_EQ(la.deletes, 1u);
    EXPECT_EQ(lb.deletes, 1u);
    // B's SAs, installed first, expire first: B deletes the CHILD SA with A.
    EXPECT_EQ(la.Count("< INFORMATIONAL request 0 [ D(CHILD) ]"), 1u);
    EXPECT_EQ(a->GetInstalledChildSas().size(), 0u);
    EXPECT_EQ(b->GetInstalledChildSas().size(), 0u);
    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u) << "the IKE SA stays";
    Simulator::Destroy();
}

TEST(IkeDaemonTest, ATrapPolicyBringsBackAChildSaItsIkeSaLost)
{
    // The CHILD SA ends at its hard lifetime (no rekey) while the IKE SA stays; the trap policy
    // stays too, so the next packet is an Acquire and the IKE SA creates a new CHILD SA with a
    // CREATE_CHILD_SA (strongSwan's acquire on an established IKE SA), once, not per packet.
    Chain c;
    auto [a, b] = Gateways(c, IkeStartAction::TRAP_START, "secret", 100, [](IkePeerConfig& k) {
        k.children[0].rekeyTime = Seconds(0);
        k.children[0].lifeTime = Seconds(10);
    });
    Log la;
    la.Watch(a);
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, 1500, 100, MilliSeconds(10));
    Simulator::Stop(Seconds(17));
    Simulator::Run();

    EXPECT_EQ(la.Count("> IKE_SA_INIT request"), 1u) << "one IKE SA throughout";
    EXPECT_EQ(la.Count("> CREATE_CHILD_SA request"), 1u) << "one new CHILD SA, however many "
                                                            "packets met the trap";
    EXPECT_EQ(la.children, 2u);
    EXPECT_EQ(la.deletes, 1u);
    ASSERT_EQ(a->GetInstalledChildSas().size(), 1u);
    EXPECT_GT(a->GetInstalledChildSas()[0].outbound->GetCounters().packets, 400u)
        << "the traffic after the gap went on the new CHILD SA";
    EXPECT_GT(flow->received, 1400u) << "only the packets of the gap are lost";
    Simulator::Destroy();
}

TEST(IkeDaemonTest, IkeSaRekeysCarryTheChildSasAlongAndNothingIsLost)
{
    Chain c;
    auto [a, b] = Gateways(c, IkeStartAction::TRAP_START, "secret", 100, [](IkePeerConfig& k) {
        RekeyEvery10s(k);
        k.rekeyTime = Seconds(25); // IKE SA: twice in the run, between the CHILD SA rekeys
        k.randTime = Seconds(2);
    });
    TwoWayRun traffic(c, a, b, 5500, 200);
    auto& [la, lb, drops, ab, ba] = traffic;
    std::vector<double> ikeRekeys;
    a->TraceConnectWithoutContext("IkeSaRekeyed", MakeBoundCallback(&RecordIkeRekey, &ikeRekeys));
    Simulator::Stop(Seconds(60));
    Simulator::Run();

    EXPECT_EQ(ikeRekeys.size(), 2u);
    EXPECT_GE(la.rekeys.size(), 5u);
    EXPECT_EQ(ab->received, 5500u);
    EXPECT_EQ(ba->received, 5500u);
    EXPECT_EQ(drops->Total(), 0u);
    const auto deletes = std::count_if(la.messages.begin(), la.messages.end(), [](const auto& m) {
        return m.rfind("> INFORMATIONAL request", 0) == 0 && m.find("[ D(IKE) ]") != m.npos;
    });
    EXPECT_EQ(deletes, 2) << "each old IKE SA deleted after its rekey";
    // One IKE SA on each end, with the one CHILD SA.
    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    EXPECT_EQ(a->GetInstalledChildSas().size(), 1u);
    EXPECT_EQ(b->GetInstalledChildSas().size(), 1u);
    EXPECT_EQ(std::count(lb.states.begin(), lb.states.end(), "b ESTABLISHED"), 3);
    EXPECT_EQ(std::count(lb.states.begin(), lb.states.end(), "b DELETED"), 2);
    Simulator::Destroy();
}

/// IkeSaExpired sink: when.
void
RecordIkeExpire(std::vector<double>* times, const std::string&, uint64_t, uint64_t)
{
    times->push_back(Simulator::Now().GetSeconds());
}

TEST(IkeDaemonTest, AnIkeSaNoRekeyReplacesIsDeletedAtItsHardLifetime)
{
    // rekey_time 30 s (rand_time 1 s), over_time 15 s. Gateway B starts a CHILD SA rekey at
    // 10 s whose requests never reach A (a hook on A's WAN drops every CREATE_CHILD_SA request
    // from B), so B keeps an exchange under way and answers A's IKE SA rekeys with
    // TEMPORARY_FAILURE (RFC 7296 §2.25.2); A retries every 5-15 s, and at rekey time + 15 s
    // deletes the IKE SA, as strongSwan does at its hard lifetime (STAT_DELETE).
    Chain c;
    InstallFrameHook(c.links[1].Get(0), [](Ptr<Packet> frame) {
        std::vector<uint8_t> b(frame->GetSize());
        frame->CopyData(b.data(), b.size());
        // PPP (2) | IPv4 (20) | UDP (8) | IKE header: exchange type at 18, flags at 19
        const bool ike = b.size() > 50 && b[11] == 17 && b[24] == 0x01 && b[25] == 0xf4;
        return ike && b[48] == 36 && (b[49] & 0x20) == 0;
    });
    auto [a, b] = Gateways(c, IkeStartAction::START, "secret", 100, [](IkePeerConfig& k) {
        k.rekeyTime = Seconds(30);
        k.randTime = Seconds(1);
        k.overTime = Seconds(15);
    });
    Log la;
    la.Watch(a);
    std::vector<double> expired;
    std::vector<double> rekeyed;
    a->TraceConnectWithoutContext("IkeSaExpired", MakeBoundCallback(&RecordIkeExpire, &expired));
    a->TraceConnectWithoutContext("IkeSaRekeyed", MakeBoundCallback(&RecordIkeRekey, &rekeyed));
    Simulator::Schedule(Seconds(10), [b = b]() { b->RekeyChildSas(0); });
    Simulator::Stop(Seconds(40));
    Simulator::Run();
    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u) << "before the hard lifetime";
    EXPECT_GE(la.Count("< CREATE_CHILD_SA response"), 1u);
    Simulator::Stop(Seconds(30));
    Simulator::Run();

    ASSERT_EQ(expired.size(), 1u);
    EXPECT_GE(expired[0], 29 + 15.0);
    EXPECT_LE(expired[0], 30 + 15.0);
    EXPECT_TRUE(rekeyed.empty()) << "every IKE SA rekey failed";
    const auto failures = std::count_if(la.messages.begin(), la.messages.end(), [](auto& m) {
        return m.rfind("< CREATE_CHILD_SA response", 0) == 0 &&
               m.find("N(TEMPORARY_FAILURE)") != m.npos;
    });
    EXPECT_GE(failures, 2) << "the first rekey and at least one retry";
    const auto deletes = std::count_if(la.messages.begin(), la.messages.end(), [](auto& m) {
        return m.rfind("> INFORMATIONAL request", 0) == 0 && m.find("[ D(IKE) ]") != m.npos;
    });
    EXPECT_EQ(deletes, 1);
    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 0u);
    EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 0u) << "B deleted it on A's DELETE";
    EXPECT_TRUE(a->GetInstalledChildSas().empty());
    EXPECT_TRUE(b->GetInstalledChildSas().empty());
    Simulator::Destroy();
}

TEST(IkeDaemonTest, RekeysThroughTwentyPercentLossKeepTheTunnel)
{
    // CHILD SAs rekeyed every ~30 s and the IKE SA every ~70 s while 20 % of the WAN frames
    // are lost either way: requests, answers and deletes are retransmitted, rekeys collide
    // with lost answers, and at the end one IKE SA (an old one whose DELETE lost its answer is
    // DELETING until it gives up) and one CHILD SA remain on each end, the traffic on them;
    // IPsec itself drops nothing (the loss is the link's). Under this loss it found: two
    // CHILD SA rekeys merged into one CREATE_CHILD_SA, a queued IKE SA rekey or delete moved
    // to the new IKE SA, the peer's rekey lost when it deleted the old IKE SA during ours,
    // and IKE SA timers re-armed during the rekey they had started.
    Chain c;
    LoseOnTheWan(c, 0.2, 11);
    // Hard lifetimes well after the rekey times: a rekey may take a few retransmissions (4 s,
    // 11.2 s); strongSwan's defaults (10 % of rekey_time) are minutes for hours.
    auto [a, b] = Gateways(c, IkeStartAction::TRAP_START, "secret", 100, [](IkePeerConfig& k) {
        k.children[0].rekeyTime = Seconds(30);
        k.children[0].randTime = Seconds(3);
        k.children[0].lifeTime = Seconds(60);
        k.rekeyTime = Seconds(70);
        k.randTime = Seconds(5);
        k.overTime = Seconds(30);
    });
    TwoWayRun traffic(c, a, b, 14000, 100);
    auto& [la, lb, drops, ab, ba] = traffic;
    std::vector<double> ikeRekeys;
    a->TraceConnectWithoutContext("IkeSaRekeyed", MakeBoundCallback(&RecordIkeRekey, &ikeRekeys));
    b->TraceConnectWithoutContext("IkeSaRekeyed", MakeBoundCallback(&RecordIkeRekey, &ikeRekeys));
    Simulator::Stop(Seconds(150));
    Simulator::Run();

    EXPECT_GT(la.retransmits.size() + lb.retransmits.size(), 0u) << "the loss hit IKE";
    EXPECT_GE(la.rekeys.size(), 4u);
    EXPECT_GE(ikeRekeys.size(), 2u);
    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    EXPECT_EQ(a->GetInstalledChildSas().size(), 1u);
    EXPECT_EQ(b->GetInstalledChildSas().size(), 1u);
    EXPECT_EQ((*drops)[DropReason::NO_SA], 0u);
    EXPECT_EQ(drops->Total(), 0u);
    // About 64 % of the datagrams cross two lossy links (0.8 * 0.8): none lost otherwise.
    EXPECT_GT(ab->received, 14000u * 0.58);
    EXPECT_GT(ba->received, 14000u * 0.58);
    Simulator::Destroy();
}

TEST(IkeDaemonTest, ARekeyCollisionUnderTrafficLeavesOneChildSaAndLosesNothing)
{
    for (uint32_t run = 1; run <= 4; run++)
    {
        RngSeedManager::SetRun(run);
        Chain c;
        auto [a, b] = Gateways(c, IkeStartAction::TRAP_START, "secret", 100 + run);
        TwoWayRun traffic(c, a, b, 5000, 200, MilliSeconds(1));
        auto& [la, lb, drops, ab, ba] = traffic;
        // Both ends rekey at the same instant: each request meets the other's in flight.
        Simulator::Schedule(Seconds(3), &IkeDaemon::RekeyChildSas, a, 0);
        Simulator::Schedule(Seconds(3), &IkeDaemon::RekeyChildSas, b, 0);
        Simulator::Stop(Seconds(12));
        Simulator::Run();
        EXPECT_EQ(la.Count("> CREATE_CHILD_SA request"), 1u);
        EXPECT_EQ(la.Count("< CREATE_CHILD_SA request"), 1u);
        EXPECT_EQ(la.rekeys.size(), 2u) << "both rekeys completed";
        ASSERT_EQ(a->GetInstalledChildSas().size(), 1u) << run;
        ASSERT_EQ(b->GetInstalledChildSas().size(), 1u) << run;
        EXPECT_EQ(a->GetInstalledChildSas()[0].outbound->GetConfig().spi,
                  b->GetInstalledChildSas()[0].inbound->GetConfig().spi);
        EXPECT_EQ(ab->received, 5000u) << run;
        EXPECT_EQ(ba->received, 5000u) << run;
        EXPECT_EQ(drops->Total(), 0u) << run;
        // Only the survivor's two SAs are left in each data plane.
        EXPECT_EQ(Chain::Stack(c.gwA)->GetSad().GetAll().size(), 2u);
        EXPECT_EQ(Chain::Stack(c.gwB)->GetSad().GetAll().size(), 2u);
        Simulator::Destroy();
    }
    RngSeedManager::SetRun(1);
}

TEST(IkeDaemonTest, AnIkeSaRekeyCollisionUnderTrafficLeavesOneIkeSaAndLosesNothing)
{
    for (uint32_t run = 1; run <= 6; run++)
    {
        RngSeedManager::SetRun(run);
        Chain c;
        auto [a, b] = Gateways(c, IkeStartAction::TRAP_START, "secret", 100 + run);
        Log la;
        la.Watch(a);
        auto drops = c.WatchDrops();
        auto ab = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, 5000, 200, MilliSeconds(1));
        auto ba = SendUdp(c.hostB, c.hostA, c.hostAAddr, 10, 5000, 200, MilliSeconds(1));
        Simulator::Schedule(Seconds(3), &IkeDaemon::RekeyIkeSa, a, 0);
        Simulator::Schedule(Seconds(3), &IkeDaemon::RekeyIkeSa, b, 0);
        // Afterwards the surviving IKE SA still works: a CHILD SA rekey on it.
        Simulator::Schedule(Seconds(5), &IkeDaemon::RekeyChildSas, a, 0);
        Simulator::Stop(Seconds(12));
        Simulator::Run();
        EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u) << run;
        EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u) << run;
        ASSERT_EQ(a->GetInstalledChildSas().size(), 1u) << run;
        ASSERT_EQ(b->GetInstalledChildSas().size(), 1u) << run;
        EXPECT_EQ(la.rekeys.size(), 1u) << run;
        EXPECT_EQ(ab->received, 5000u) << run;
        EXPECT_EQ(ba->received, 5000u) << run;
        EXPECT_EQ(drops->Total(), 0u) << run;
        EXPECT_EQ(a->GetDropCounts().size(), 0u) << run;
        EXPECT_EQ(b->GetDropCounts().size(), 0u) << run;
        // Two D(IKE) each way in all: the old IKE SA and the redundant new one.
        const auto deletes = std::count_if(la.messages.begin(), la.messages.end(), [](auto& m) {
            return m.find("INFORMATIONAL request") != m.npos && m.find("D(IKE)") != m.npos;
        });
        EXPECT_EQ(deletes, 2) << run;
        Simulator::Destroy();
    }
    RngSeedManager::SetRun(1);
}

namespace
{

/// When gateway A's IKE SA became ESTABLISHED, and when its first IKE datagram left.
struct Timing
{
    Time established;
    Time firstSend;
    bool sent{false};
};

void
RecordEstablished(Timing* t, const std::string&, uint64_t, uint64_t, Ikev2SaState state)
{
    if (state == Ikev2SaState::ESTABLISHED && t->established.IsZero())
    {
        t->established = Simulator::Now();
    }
}

void
RecordFirstSend(Timing* t, Ptr<const Packet>)
{
    if (!t->sent)
    {
        t->sent = true;
        t->firstSend = Simulator::Now();
    }
}

Timing
EstablishWithEngines(bool engines)
{
    Chain c;
    if (engines)
    {
        c.ipsec.InstallCryptoEngine(NodeContainer(c.gwA, c.gwB));
    }
    auto [a, b] = Gateways(c, IkeStartAction::START);
    Timing t;
    a->TraceConnectWithoutContext("IkeSaState", MakeBoundCallback(&RecordEstablished, &t));
    c.GwAWan()->TraceConnectWithoutContext("MacTx", MakeBoundCallback(&RecordFirstSend, &t));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    Simulator::Destroy();
    return t;
}

} // namespace

TEST(IkeDaemonTest, KeyExchangeAndPrfWorkIsChargedToTheCryptoEngines)
{
    const Timing plain = EstablishWithEngines(false);
    const Timing charged = EstablishWithEngines(true);
    CryptoCost keygen;
    CryptoCost derive;
    const CryptoCostTable table = CryptoCostTable::Reference();
    ASSERT_TRUE(table.Find("ke/modp2048/keygen", keygen));
    ASSERT_TRUE(table.Find("ke/modp2048/derive", derive));
    // The first IKE_SA_INIT request leaves once gateway A has made its key pair.
    EXPECT_EQ(plain.firstSend, Seconds(0));
    EXPECT_EQ(charged.firstSend, keygen.ServiceTime(256));
    // Establishment: each gateway makes a key pair and derives g^ir (modp2048: 0.22 + 1.63 ms
    // in the reference table), plus PRFs and the SK payloads (microseconds).
    const Time ke = (keygen.ServiceTime(256) + derive.ServiceTime(256)) * 2;
    const Time extra = charged.established - plain.established;
    EXPECT_GE(extra, ke);
    EXPECT_LT(extra, ke + MicroSeconds(100)) << extra.As(Time::US);
}

TEST(IkeDaemonTest, AnIdleTunnelIsClosedAfterItsInactivityTimeout)
{
    Chain c;
    auto [a, b] = Gateways(c, IkeStartAction::START, "secret", 100, [](IkePeerConfig& k) {
        k.children[0].inactivity = Seconds(10);
    });
    Log la;
    la.Watch(a);
    // Traffic until 5 s (last datagram at 4.9 s), then silence: closed 10 s after the last.
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, 40, 100, MilliSeconds(100));
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    EXPECT_EQ(flow->received, 40u);
    ASSERT_FALSE(la.states.empty());
    EXPECT_EQ(la.states.back(), "a DELETED") << "the last CHILD SA takes its IKE SA along";
    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 0u);
    EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 0u);
    EXPECT_EQ(Chain::Stack(c.gwA)->GetSad().GetAll().size(), 0u);
    Simulator::Destroy();
}

TEST(IkeDaemonTest, EveryKeyExchangeGroupEstablishesEndToEnd)
{
    for (const KeGroupInfo& group : GetKeGroups())
    {
        Chain c;
        const std::string proposal = std::string("aes128-sha256-") + group.keyword;
        auto [a, b] = Gateways(c, IkeStartAction::START, "secret", 100, [&](IkePeerConfig& k) {
            k.proposals = ParseIkeProposals(proposal);
            k.children[0].proposals =
                ParseChildProposals(std::string("aes128gcm16-") + group.keyword);
            RekeyEvery10s(k); // and a CHILD SA rekey with PFS in the same group
        });
        auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, 120, 100, MilliSeconds(100));
        Log la;
        la.Watch(a);
        Simulator::Stop(Seconds(14));
        Simulator::Run();
        EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u) << proposal;
        EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u) << proposal;
        EXPECT_EQ(la.rekeys.size(), 1u) << proposal;
        EXPECT_EQ(flow->received, 120u) << proposal;
        Simulator::Destroy();
    }
}

TEST(IkeDaemonTest, AConnectionWithTwoChildSasCarriesEachFlowOnItsOwn)
{
    Chain c;
    // Two CHILD SAs: UDP to port 9 and UDP to port 10, LAN A to LAN B; the second is created
    // by a CREATE_CHILD_SA after IKE_AUTH, and the responder picks its configuration by the
    // proposed selectors.
    auto split = [](IkePeerConfig& k) {
        IkeChildConfig first = k.children[0];
        first.name = k.name + "-port9";
        IkeChildConfig second = first;
        second.name = k.name + "-port10";
        const bool initiator = k.name == "a";
        for (auto* cfg : {&first, &second})
        {
            const uint16_t port = cfg == &first ? 9 : 10;
            IkeTsSide& remote = initiator ? cfg->remoteTs[0] : cfg->localTs[0];
            IkeTsSide& local = initiator ? cfg->localTs[0] : cfg->remoteTs[0];
            remote.protocol = 17;
            remote.ports.first = port;
            remote.ports.last = port;
            local.protocol = 17;
        }
        k.children = {first, second};
    };
    auto [a, b] = Gateways(c, IkeStartAction::START, "secret", 100, split);
    Log la;
    la.Watch(a);
    auto nine = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, 30, 100, MilliSeconds(20));
    auto ten = SendUdp(c.hostA, c.hostB, c.hostBAddr, 10, 20, 100, MilliSeconds(20));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(la.Count("> CREATE_CHILD_SA request 2 [ SA No TSi TSr ]"), 1u);
    EXPECT_EQ(nine->received, 30u);
    EXPECT_EQ(ten->received, 20u);
    const auto children = b->GetInstalledChildSas();
    ASSERT_EQ(children.size(), 2u);
    std::multiset<uint64_t> counts;
    for (const auto& child : children)
    {
        counts.insert(child.inbound->GetCounters().packets);
    }
    EXPECT_EQ(counts, (std::multiset<uint64_t>{20, 30})) << "each flow on its own CHILD SA";
    EXPECT_NE(children[0].reqid, children[1].reqid);
    Simulator::Destroy();
}
