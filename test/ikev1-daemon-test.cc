// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * IKEv1 end to end through the IkeDaemon (one daemon per gateway, both versions on UDP 500):
 * main and aggressive mode with a pre-shared key, quick mode with and without PFS, traffic on
 * the IPsec SAs, 20 % loss, a wrong key, rekeying under traffic without loss, deletes, dead
 * peer detection, and the same keys for the same random streams.
 */

#include "ike-daemon-util.h"

#include "ns3/ike-certificate-helper.h"
#include "ns3/ipsec-config-error.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

/// An edit that makes both ends speak IKEv1 in a mode, with extra edits after.
std::function<void(IkePeerConfig&)>
V1(Ikev1Mode mode, const std::function<void(IkePeerConfig&)>& more = nullptr)
{
    return [mode, more](IkePeerConfig& k) {
        k.version = 1;
        k.ikev1Mode = mode;
        if (more)
        {
            more(k);
        }
    };
}

} // namespace

TEST(Ikev1DaemonTest, MainAndAggressiveModeBuildATunnelThatCarriesTraffic)
{
    for (Ikev1Mode mode : {Ikev1Mode::MAIN, Ikev1Mode::AGGRESSIVE})
    {
        Chain c;
        auto [a, b] = Gateways(c, IkeStartAction::START, "secret", 100, V1(mode));
        Log la;
        Log lb;
        la.Watch(a);
        lb.Watch(b);
        auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, 20, 200);
        auto back = SendUdp(c.hostB, c.hostA, c.hostAAddr, 10, 20, 200);
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u) << ToString(mode);
        EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u) << ToString(mode);
        const bool main = mode == Ikev1Mode::MAIN;
        ASSERT_EQ(la.messages.size(), main ? 9u : 6u) << ToString(mode);
        EXPECT_EQ(la.messages[0],
                  main ? "> ID_PROT request 0 [ SA V ]"
                       : "> AGGRESSIVE request 0 [ SA KE No ID V ]");
        EXPECT_EQ(la.messages[1],
                  main ? "< ID_PROT response 0 [ SA V ]"
                       : "< AGGRESSIVE response 0 [ SA KE No ID V HASH ]");
        EXPECT_NE(la.messages.back().find("QUICK_MODE request"), std::string::npos);
        EXPECT_NE(la.messages.back().find("[ HASH ]"), std::string::npos);
        EXPECT_EQ(la.states, (std::vector<std::string>{"a CONNECTING", "a ESTABLISHED"}));
        EXPECT_EQ(lb.states, (std::vector<std::string>{"b CONNECTING", "b ESTABLISHED"}));
        EXPECT_EQ(la.children, 1u);
        EXPECT_EQ(lb.children, 1u);
        // Trap policies were in place: every datagram went through the tunnel, none in clear.
        EXPECT_EQ(flow->received, 20u);
        EXPECT_EQ(back->received, 20u);
        auto childA = a->GetInstalledChildSas();
        auto childB = b->GetInstalledChildSas();
        ASSERT_EQ(childA.size(), 1u);
        ASSERT_EQ(childB.size(), 1u);
        ASSERT_TRUE(childA[0].outbound && childB[0].outbound);
        EXPECT_EQ(childA[0].outbound->GetConfig().spi, childB[0].inbound->GetConfig().spi);
        EXPECT_EQ(childA[0].outbound->GetConfig().encryptionKey,
                  childB[0].inbound->GetConfig().encryptionKey);
        EXPECT_EQ(childA[0].outbound->GetConfig().espSuite.ToString(), "aes128gcm16");
        EXPECT_EQ(childA[0].outbound->GetCounters().packets, 20u);
        EXPECT_EQ(childB[0].outbound->GetCounters().packets, 20u);
        EXPECT_EQ(a->GetDropCounts().size(), 0u);
        EXPECT_EQ(b->GetDropCounts().size(), 0u);
        Simulator::Destroy();
    }
}

TEST(Ikev1DaemonTest, RsaCertificatesAuthenticateAndTheTunnelCarriesTraffic)
{
    IkeCertificateHelper pki("rsa2048");
    pki.AssignStreams(50);
    for (Ikev1Mode mode : {Ikev1Mode::MAIN, Ikev1Mode::AGGRESSIVE})
    {
        Chain c;
        auto [a, b] =
            Gateways(c, IkeStartAction::START, "secret", 100, V1(mode, [&](IkePeerConfig& k) {
                         k.localAuth = IkeAuthMethod::PUBKEY;
                         k.remoteAuth = IkeAuthMethod::PUBKEY;
                         k.credential = pki.Issue(k.name, {k.localId});
                     }));
        Log la;
        la.Watch(a);
        auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, 20, 200);
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u) << ToString(mode);
        EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u) << ToString(mode);
        EXPECT_EQ(flow->received, 20u) << ToString(mode);
        EXPECT_GE(la.Count(mode == Ikev1Mode::MAIN ? "> ID_PROT request 0 [ ID CERT SIG"
                                                   : "> AGGRESSIVE request 0 [ CERT SIG ]"),
                  1u);
        Simulator::Destroy();
    }
}

TEST(Ikev1DaemonTest, BothVersionsShareTheDaemonAndItsPort)
{
    // Gateway B answers an IKEv2 connection and an IKEv1 one from two gateways: its daemon
    // dispatches on the version byte.
    Chain c;
    auto [a, b] = Gateways(c, IkeStartAction::START, "secret", 100, V1(Ikev1Mode::MAIN));
    IkePeerConfig v2 = Connection("v2",
                                  c.gwBWan,
                                  c.gwAWan,
                                  Ts(Ipv4Address("10.3.2.0"), 24),
                                  Ts(Ipv4Address("10.1.2.0"), 24));
    IkePeerConfig v2a = Connection("v2a",
                                   c.gwAWan,
                                   c.gwBWan,
                                   Ts(Ipv4Address("10.1.2.0"), 24),
                                   Ts(Ipv4Address("10.3.2.0"), 24));
    b->AddConnection(v2, IkeStartAction::NONE);
    a->AddConnection(v2a, IkeStartAction::START);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 2u);
    EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 2u);
    EXPECT_EQ(a->GetInstalledChildSas().size(), 2u);
    EXPECT_EQ(b->GetInstalledChildSas().size(), 2u);
    Simulator::Destroy();
}

TEST(Ikev1DaemonTest, EstablishesThroughTwentyPercentLoss)
{
    for (Ikev1Mode mode : {Ikev1Mode::MAIN, Ikev1Mode::AGGRESSIVE})
    {
        for (int64_t stream : {7, 8, 9})
        {
            Chain c;
            LoseOnTheWan(c, 0.2, stream);
            auto [a, b] = Gateways(c, IkeStartAction::START, "secret", 100, V1(mode));
            Log la;
            Log lb;
            la.Watch(a);
            lb.Watch(b);
            Simulator::Stop(Seconds(90));
            Simulator::Run();
            EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u)
                << ToString(mode) << " stream " << stream;
            EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u)
                << ToString(mode) << " stream " << stream;
            EXPECT_EQ(a->GetInstalledChildSas().size(), 1u);
            EXPECT_EQ(b->GetInstalledChildSas().size(), 1u);
            for (const auto& child : b->GetInstalledChildSas())
            {
                EXPECT_TRUE(child.outbound) << "message 3 of quick mode arrived in the end";
            }
            EXPECT_GT(la.retransmits.size() + lb.retransmits.size(), 0u);
            Simulator::Destroy();
        }
    }
}

TEST(Ikev1DaemonTest, AWrongPskFailsWithAuthenticationFailedAndNoSa)
{
    for (Ikev1Mode mode : {Ikev1Mode::MAIN, Ikev1Mode::AGGRESSIVE})
    {
        Chain c;
        auto [a, b] = Gateways(c, IkeStartAction::START, "not the secret", 100, V1(mode));
        Log la;
        Log lb;
        la.Watch(a);
        lb.Watch(b);
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        EXPECT_EQ(la.states.back(), "a FAILED") << ToString(mode);
        EXPECT_EQ(lb.states.back(), "b FAILED") << ToString(mode);
        EXPECT_EQ(la.children + lb.children, 0u);
        EXPECT_EQ(Chain::Stack(c.gwA)->GetSad().GetAll().size(), 0u);
        EXPECT_EQ(Chain::Stack(c.gwB)->GetSad().GetAll().size(), 0u);
        // The end that found out told the other.
        EXPECT_EQ(la.Count("> INFORMATIONAL_V1 request") + la.Count("< INFORMATIONAL_V1 request"),
                  1u);
        EXPECT_EQ(a->CountIkeSas(Ikev2SaState::CONNECTING), 0u);
        EXPECT_EQ(b->CountIkeSas(Ikev2SaState::CONNECTING), 0u);
        Simulator::Destroy();
    }
}

TEST(Ikev1DaemonTest, QuickModeRekeysUnderTrafficLoseNothing)
{
    for (const char* proposal : {"aes128gcm16", "aes128-sha256-modp2048"})
    {
        Chain c;
        auto [a, b] = Gateways(c,
                               IkeStartAction::TRAP_START,
                               "secret",
                               100,
                               V1(Ikev1Mode::MAIN, [proposal](IkePeerConfig& k) {
                                   k.children[0].rekeyTime = Seconds(10);
                                   k.children[0].randTime = Seconds(1);
                                   k.children[0].proposals = ParseChildProposals(proposal);
                               }));
        TwoWayRun traffic(c, a, b, 3400, 200);
        auto& [la, lb, drops, ab, ba] = traffic;
        Simulator::Stop(Seconds(36));
        Simulator::Run();
        EXPECT_GE(la.rekeys.size(), 3u) << proposal;
        EXPECT_EQ(la.rekeys.size(), lb.rekeys.size()) << proposal;
        EXPECT_EQ(ab->received, 3400u) << proposal;
        EXPECT_EQ(ba->received, 3400u) << proposal;
        EXPECT_EQ(drops->Total(), 0u) << proposal;
        // Each rekey deleted the CHILD SA it replaced: one left on each end.
        EXPECT_EQ(a->GetInstalledChildSas().size(), 1u) << proposal;
        EXPECT_EQ(b->GetInstalledChildSas().size(), 1u) << proposal;
        EXPECT_EQ(Chain::Stack(c.gwA)->GetSad().GetAll().size(), 2u) << proposal;
        EXPECT_EQ(Chain::Stack(c.gwB)->GetSad().GetAll().size(), 2u) << proposal;
        const bool pfs = std::string(proposal).find("modp") != std::string::npos;
        for (const std::string& m : la.messages)
        {
            if (m.find("QUICK_MODE request") != m.npos && m.find("HASH SA") != m.npos)
            {
                EXPECT_EQ(m.find(" KE ") != m.npos, pfs) << m;
            }
        }
        Simulator::Destroy();
    }
}

TEST(Ikev1DaemonTest, IsakmpSasAreReplacedUnderTrafficAndTheIpsecSasCarryOn)
{
    for (Ikev1Mode mode : {Ikev1Mode::MAIN, Ikev1Mode::AGGRESSIVE})
    {
        Chain c;
        auto [a, b] =
            Gateways(c, IkeStartAction::TRAP_START, "secret", 100, V1(mode, [](IkePeerConfig& k) {
                         k.rekeyTime = Seconds(10);
                         k.randTime = Seconds(1);
                         k.children[0].rekeyTime = Seconds(15);
                         k.children[0].randTime = Seconds(1);
                     }));
        TwoWayRun traffic(c, a, b, 3400, 200);
        auto& [la, lb, drops, ab, ba] = traffic;
        std::vector<double> rekeyA;
        std::vector<double> rekeyB;
        a->TraceConnectWithoutContext("IkeSaRekeyed", MakeBoundCallback(&RecordIkeRekey, &rekeyA));
        b->TraceConnectWithoutContext("IkeSaRekeyed", MakeBoundCallback(&RecordIkeRekey, &rekeyB));
        Simulator::Stop(Seconds(36));
        Simulator::Run();
        // A new phase 1 every 9-10 s, each adopting the IPsec SAs (both ends), the old ISAKMP
        // SA deleted; quick-mode rekeys of the IPsec SAs meanwhile, on whichever ISAKMP SA is
        // current.
        EXPECT_EQ(rekeyA.size(), 3u) << ToString(mode);
        EXPECT_EQ(rekeyB.size(), 3u) << ToString(mode);
        EXPECT_GE(la.rekeys.size(), 2u) << ToString(mode);
        EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u) << ToString(mode);
        EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u) << ToString(mode);
        EXPECT_EQ(a->GetInstalledChildSas().size(), 1u) << ToString(mode);
        EXPECT_EQ(b->GetInstalledChildSas().size(), 1u) << ToString(mode);
        EXPECT_EQ(ab->received, 3400u) << ToString(mode);
        EXPECT_EQ(ba->received, 3400u) << ToString(mode);
        EXPECT_EQ(drops->Total(), 0u) << ToString(mode);
        // Three phase 1s after the first, and a Delete of each replaced ISAKMP SA.
        EXPECT_EQ(la.Count(mode == Ikev1Mode::MAIN ? "> ID_PROT request 0 [ SA V ]"
                                                   : "> AGGRESSIVE request 0 [ SA KE No ID V ]"),
                  4u);
        Simulator::Destroy();
    }
}

TEST(Ikev1DaemonTest, ShorterResponderLifetimesHoldAtBothEndsAndRekeysComeBeforeThem)
{
    // a offers 33 s for the IPsec SAs (rekey_time 30 s) and 66 s for the ISAKMP SA (60 s); b
    // allows 10 s and 22 s and says so (RESPONDER-LIFETIME): both ends use b's, a rekeys and
    // reauthenticates before them, under traffic, losing nothing.
    Chain c;
    auto [a, b] = Gateways(c,
                           IkeStartAction::TRAP_START,
                           "secret",
                           100,
                           V1(Ikev1Mode::MAIN, [](IkePeerConfig& k) {
                               const bool responder = k.name == "b";
                               k.rekeyTime = Seconds(responder ? 20 : 60);
                               k.children[0].rekeyTime = Seconds(30);
                               k.children[0].randTime = Seconds(1);
                               k.children[0].lifeTime = Seconds(responder ? 10 : 33);
                           }));
    TwoWayRun traffic(c, a, b, 3400, 200);
    auto& [la, lb, drops, ab, ba] = traffic;
    std::vector<double> rekeyA;
    a->TraceConnectWithoutContext("IkeSaRekeyed", MakeBoundCallback(&RecordIkeRekey, &rekeyA));
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    for (const auto& d : {a, b})
    {
        ASSERT_EQ(d->GetInstalledChildSas().size(), 1u);
        const InstalledChildSa sa = d->GetInstalledChildSas().front();
        EXPECT_EQ(sa.inbound->GetConfig().lifetime.hardTime, Seconds(10));
        ASSERT_TRUE(sa.outbound);
        EXPECT_EQ(sa.outbound->GetConfig().lifetime.hardTime, Seconds(10));
    }
    // b said so twice: in quick-mode message 2, and in an INFORMATIONAL after phase 1.
    std::vector<std::string> said;
    for (const std::string& m : la.messages)
    {
        if (m.find("N(RESP_LIFETIME)") != m.npos)
        {
            said.push_back(m.substr(0, m.find(' ', 2)));
        }
    }
    EXPECT_EQ(said, (std::vector<std::string>{"< INFORMATIONAL_V1", "< QUICK_MODE"}));
    Simulator::Stop(Seconds(36));
    Simulator::Run();
    // Rekeys at 30/33 of 10 s, less up to 1/33 of it: about every 9 s.
    EXPECT_GE(la.rekeys.size(), 3u);
    EXPECT_EQ(la.rekeys.size(), lb.rekeys.size());
    for (size_t i = 1; i < la.rekeys.size(); i++)
    {
        EXPECT_LT(la.rekeys[i] - la.rekeys[i - 1], 10.0);
    }
    // The ISAKMP SA: replaced at 60/66 of 22 s (less up to 2 s), before b's 22 s.
    ASSERT_GE(rekeyA.size(), 1u);
    EXPECT_LT(rekeyA.front(), 22.0);
    EXPECT_GT(rekeyA.front(), 17.0);
    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    EXPECT_EQ(ab->received, 3400u);
    EXPECT_EQ(ba->received, 3400u);
    EXPECT_EQ(drops->Total(), 0u);
    Simulator::Destroy();
}

TEST(Ikev1DaemonTest, AnEspAhBundleCarriesTrafficRekeysAndGoesAway)
{
    Chain c;
    auto [a, b] = Gateways(c,
                           IkeStartAction::TRAP_START,
                           "secret",
                           100,
                           V1(Ikev1Mode::MAIN, [](IkePeerConfig& k) {
                               k.children[0].proposals = ParseChildProposals("aes128-sha256");
                               k.children[0].ahProposals =
                                   ParseChildProposals("sha256", IpsecProtocol::AH);
                               k.children[0].rekeyTime = Seconds(10);
                               k.children[0].randTime = Seconds(1);
                           }));
    TwoWayRun traffic(c, a, b, 3400, 200);
    auto& [la, lb, drops, ab, ba] = traffic;
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    // One ESP and one AH SA each way on each gateway, one reqid; the policies ask for both.
    for (const auto& node : {c.gwA, c.gwB})
    {
        const auto sas = Chain::Stack(node)->GetSad().GetAll();
        ASSERT_EQ(sas.size(), 4u);
        uint32_t esp = 0;
        for (const auto& sa : sas)
        {
            esp += sa->GetConfig().protocol == IpsecProtocol::ESP ? 1 : 0;
            EXPECT_EQ(sa->GetConfig().reqid, sas.front()->GetConfig().reqid);
        }
        EXPECT_EQ(esp, 2u);
        for (const SecurityPolicy* pol :
             Chain::Stack(node)->GetSpd().GetPolicies(PolicyDirection::OUT))
        {
            EXPECT_EQ(pol->protocol, IpsecProtocol::ESP_AH);
        }
        for (const auto& sa : sas)
        {
            if (sa->GetConfig().direction == SaDirection::OUTBOUND)
            {
                EXPECT_GT(sa->GetCounters().packets, 0u);
            }
        }
    }
    Simulator::Stop(Seconds(36));
    Simulator::Run();
    // Quick-mode rekeys replace both SAs of the bundle, make-before-break, losing nothing.
    EXPECT_GE(la.rekeys.size(), 3u);
    EXPECT_EQ(ab->received, 3400u);
    EXPECT_EQ(ba->received, 3400u);
    EXPECT_EQ(drops->Total(), 0u);
    EXPECT_EQ(Chain::Stack(c.gwA)->GetSad().GetAll().size(), 4u);
    EXPECT_EQ(Chain::Stack(c.gwB)->GetSad().GetAll().size(), 4u);
    // Terminate: both SAs of the bundle go at both ends.
    Simulator::Schedule(Seconds(0), &IkeDaemon::Terminate, a, 0);
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    EXPECT_EQ(Chain::Stack(c.gwA)->GetSad().GetAll().size(), 0u);
    EXPECT_EQ(Chain::Stack(c.gwB)->GetSad().GetAll().size(), 0u);
    Simulator::Destroy();
}

TEST(Ikev1DaemonTest, AhAloneInTransportModeBetweenTheIkeEnds)
{
    // Quick mode for AH in transport mode, selectors the two addresses (IKE's own datagrams
    // fall under them and bypass).
    Chain c;
    auto [a, b] = TransportGateways(c, [](IkePeerConfig& k) {
        k.version = 1;
        k.children[0].proposals = ParseChildProposals("sha256", IpsecProtocol::AH);
    });
    Log la;
    la.Watch(a);
    auto flow = SendUdp(c.gwA, c.gwB, c.gwBWan, 9, 10, 300);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    EXPECT_EQ(la.Count("> ID_PROT request"), 3u);
    EXPECT_EQ(flow->received, 10u);
    const auto childB = b->GetInstalledChildSas();
    ASSERT_EQ(childB.size(), 1u);
    EXPECT_EQ(childB[0].inbound->GetConfig().protocol, IpsecProtocol::AH);
    EXPECT_EQ(childB[0].inbound->GetConfig().mode, IpsecMode::TRANSPORT);
    EXPECT_EQ(childB[0].inbound->GetCounters().packets, 10u);
    EXPECT_FALSE(childB[0].inboundAh);
    Simulator::Destroy();
}

TEST(Ikev1DaemonTest, AnIdleTunnelIsClosedAfterItsInactivityTimeout)
{
    Chain c;
    auto [a, b] =
        Gateways(c, IkeStartAction::START, "secret", 100, V1(Ikev1Mode::MAIN, [](IkePeerConfig& k) {
                     k.children[0].inactivity = Seconds(10);
                 }));
    Log la;
    Log lb;
    la.Watch(a);
    lb.Watch(b);
    // Traffic until 5 s (the last datagram at 4.9 s), then silence: closed 10 s later with a
    // Delete of the IPsec SA, then of the ISAKMP SA (the last IPsec SA takes it along).
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, 40, 100, MilliSeconds(100));
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    EXPECT_EQ(flow->received, 40u);
    ASSERT_FALSE(la.states.empty());
    EXPECT_EQ(la.states.back(), "a DELETED");
    EXPECT_EQ(lb.states.back(), "b DELETED");
    EXPECT_EQ(la.Count("> INFORMATIONAL_V1 request"), 2u);
    EXPECT_EQ(a->CountIkeSas(Ikev2SaState::ESTABLISHED), 0u);
    EXPECT_EQ(b->CountIkeSas(Ikev2SaState::ESTABLISHED), 0u);
    EXPECT_EQ(Chain::Stack(c.gwA)->GetSad().GetAll().size(), 0u);
    EXPECT_EQ(Chain::Stack(c.gwB)->GetSad().GetAll().size(), 0u);
    Simulator::Destroy();
}

TEST(Ikev1DaemonTest, TerminateDeletesBothWays)
{
    Chain c;
    auto [a, b] = Gateways(c, IkeStartAction::START, "secret", 100, V1(Ikev1Mode::MAIN));
    Log la;
    Log lb;
    la.Watch(a);
    lb.Watch(b);
    Simulator::Schedule(Seconds(2), &IkeDaemon::Terminate, a, 0);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    // strongSwan's order: a Delete for the IPsec SA, then one for the ISAKMP SA.
    EXPECT_EQ(la.Count("> INFORMATIONAL_V1 request"), 2u);
    EXPECT_EQ(lb.Count("< INFORMATIONAL_V1 request"), 2u);
    EXPECT_EQ(la.states.back(), "a DELETED");
    EXPECT_EQ(lb.states.back(), "b DELETED");
    EXPECT_EQ(Chain::Stack(c.gwA)->GetSad().GetAll().size(), 0u);
    EXPECT_EQ(Chain::Stack(c.gwB)->GetSad().GetAll().size(), 0u);
    EXPECT_EQ(Chain::Stack(c.gwB)->GetSpd().GetPolicies(PolicyDirection::OUT).size(), 0u);
    Simulator::Destroy();
}

TEST(Ikev1DaemonTest, DeadPeerDetectionGivesUpADeadPeer)
{
    Chain c;
    auto [a, b] =
        Gateways(c, IkeStartAction::START, "secret", 100, V1(Ikev1Mode::MAIN, [](IkePeerConfig& k) {
                     k.dpdDelay = Seconds(10);
                 }));
    Log la;
    la.Watch(a);
    b->SetStopTime(Seconds(30));
    Simulator::Stop(Seconds(300));
    Simulator::Run();
    // R-U-THERE answered while B lived, then retransmitted unanswered until A gives up.
    EXPECT_GE(la.Count("< INFORMATIONAL_V1 request"), 1u);
    bool ack = false;
    for (const auto& m : la.messages)
    {
        ack = ack || m.find("N(DPD_ACK)") != m.npos;
    }
    EXPECT_TRUE(ack);
    EXPECT_EQ(la.retransmits.size(), 5u);
    EXPECT_EQ(la.states.back(), "a FAILED");
    EXPECT_EQ(Chain::Stack(c.gwA)->GetSad().GetAll().size(), 0u);
    Simulator::Destroy();
}

namespace
{

/// Gateway A's IPsec SA keys in a run with a stream.
std::vector<uint8_t>
V1Keys(int64_t stream)
{
    Chain c;
    auto [a, b] = Gateways(c, IkeStartAction::START, "secret", stream, V1(Ikev1Mode::MAIN));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    std::vector<uint8_t> out;
    for (const InstalledChildSa& child : a->GetInstalledChildSas())
    {
        for (const auto& sa : {child.inbound, child.outbound})
        {
            const SaConfig& k = sa->GetConfig();
            out.push_back(static_cast<uint8_t>(k.spi));
            out.insert(out.end(), k.encryptionKey.begin(), k.encryptionKey.end());
        }
    }
    Simulator::Destroy();
    return out;
}

} // namespace

TEST(Ikev1DaemonTest, SameStreamsSameKeys)
{
    const std::vector<uint8_t> first = V1Keys(100);
    ASSERT_FALSE(first.empty());
    EXPECT_EQ(V1Keys(100), first);
    EXPECT_NE(V1Keys(101), first);
}

TEST(Ikev1DaemonTest, ConnectionsIkev1CannotCarryAreRefusedAtSetUp)
{
    Ptr<Node> n = CreateObject<Node>();
    IkeDaemon d;
    IkePeerConfig k = Connection("k",
                                 Ipv4Address("10.0.0.1"),
                                 Ipv4Address("10.0.0.2"),
                                 Ts(Ipv4Address("10.1.0.0"), 16),
                                 Ts(Ipv4Address("10.2.0.0"), 16));
    k.version = 1;
    IkePeerConfig gcm = k;
    gcm.proposals = ParseIkeProposals("aes128gcm16-prfsha256-ecp256");
    EXPECT_THROW(d.AddConnection(gcm, IkeStartAction::NONE), ConfigError);
    IkePeerConfig mixed = k;
    mixed.proposals = ParseIkeProposals("aes128-sha1-prfsha256-modp2048");
    EXPECT_THROW(d.AddConnection(mixed, IkeStartAction::NONE), ConfigError);
    IkePeerConfig aggressive = k;
    aggressive.ikev1Mode = Ikev1Mode::AGGRESSIVE;
    aggressive.proposals = ParseIkeProposals("aes128-sha256-modp2048,aes128-sha256-ecp256");
    EXPECT_THROW(d.AddConnection(aggressive, IkeStartAction::NONE), ConfigError);
    IkePeerConfig chacha = k;
    chacha.children[0].proposals = ParseChildProposals("chacha20poly1305");
    EXPECT_THROW(d.AddConnection(chacha, IkeStartAction::NONE), ConfigError);
    IkePeerConfig pubkey = k;
    pubkey.localAuth = IkeAuthMethod::PUBKEY;
    EXPECT_THROW(d.AddConnection(pubkey, IkeStartAction::NONE), ConfigError);
    IkePeerConfig three = k;
    three.version = 3;
    EXPECT_THROW(d.AddConnection(three, IkeStartAction::NONE), ConfigError);
    // An ESP+AH bundle: IKEv1 only, ESP proposals bundled with AH ones.
    IkePeerConfig bundle = k;
    bundle.children[0].ahProposals = ParseChildProposals("sha256", IpsecProtocol::AH);
    IkePeerConfig v2bundle = bundle;
    v2bundle.version = 2;
    try
    {
        d.AddConnection(v2bundle, IkeStartAction::NONE);
        ADD_FAILURE() << "an IKEv2 bundle was accepted";
    }
    catch (const ConfigError& e)
    {
        EXPECT_NE(std::string(e.what()).find("only IKEv1"), std::string::npos) << e.what();
    }
    IkePeerConfig ahInAh = bundle;
    ahInAh.children[0].proposals = ParseChildProposals("sha1", IpsecProtocol::AH);
    EXPECT_THROW(d.AddConnection(ahInAh, IkeStartAction::NONE), ConfigError);
    EXPECT_NO_THROW(d.AddConnection(bundle, IkeStartAction::NONE));
    EXPECT_NO_THROW(d.AddConnection(k, IkeStartAction::NONE));
}
