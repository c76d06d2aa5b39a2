// SPDX-License-Identifier: GPL-2.0-only
// Attacks on IKEv2 (issue 15) from the WAN router between two gateways that set up their
// tunnel with IkeHelper: forged DELETEs are dropped before they act, replayed IKE messages get
// the cached response or nothing, ESP replayed after its SA was replaced finds no SA, and a
// man in the middle fails without the PSK (and, as the control, succeeds with it).

#include "ipsec-scenario.h"

#include "ns3/ike-daemon.h"
#include "ns3/ike-helper.h"
#include "ns3/ipsec-attack-eavesdrop.h"
#include "ns3/ipsec-attack-ike-mitm.h"
#include "ns3/ipsec-attacker-helper.h"
#include "ns3/string.h"
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

constexpr uint32_t DATAGRAMS = 200; ///< hostA -> hostB, 10 ms apart from 1 s

/// The chain with an IKEv2 tunnel gwA (initiator, started at once) <-> gwB.
struct IkeLab
{
    Chain c;
    IkeHelper ike;
    IkeConnection tunnel;
    IpsecAttackerHelper attacker;

    explicit IkeLab(IkeStartAction start = IkeStartAction::START)
    {
        ike.AssignStreams(300);
        ike.SetStartAction(start);
        attacker.AssignStreams(900);
    }

    /**
     * Add the tunnel (after the attacks, so they see its first datagram), send, run.
     * @param until when the run ends
     * @return the flow
     */
    std::shared_ptr<UdpFlow> Run(Time until = Seconds(4))
    {
        tunnel = ike.AddTunnel(c.gwA,
                               c.gwAWan,
                               AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                               c.gwB,
                               c.gwBWan,
                               AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24));
        auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, DATAGRAMS, 200);
        RunUntil(until);
        return flow;
    }
};

} // namespace

TEST(IkeAttack, AForgedDeleteIsDroppedBeforeItActs)
{
    // The forger knows the SPIs and the next message ID from the headers in the clear; it
    // cannot encrypt or authenticate. Unencrypted, the DELETE is "not-encrypted"; in an SK
    // payload of random bytes, "integrity-failed". Either way the IKE SA, the CHILD SA and the
    // traffic stay up, both ways.
    for (const char* kind : {"clear", "sk"})
    {
        for (const char* target : {"responder", "initiator"})
        {
            SCOPED_TRACE(std::string(kind) + " to the " + target);
            IkeLab lab;
            Ptr<Attack> forge = lab.attacker.AddOnPath(lab.c.router,
                                                       "ns3::ipsec::IkeForgeAttack",
                                                       "Kind",
                                                       StringValue(kind),
                                                       "Target",
                                                       StringValue(target),
                                                       "After",
                                                       TimeValue(Seconds(2)),
                                                       "Count",
                                                       UintegerValue(5));
            auto flow = lab.Run();
            Ptr<IkeDaemon> victim =
                std::string(target) == "responder" ? lab.tunnel.b : lab.tunnel.a;
            EXPECT_EQ(forge->GetCount("learned"), 1u);
            EXPECT_EQ(forge->GetCount("forged"), 5u);
            EXPECT_EQ(victim->GetDropCount(std::string(kind) == "clear" ? "not-encrypted"
                                                                        : "integrity-failed"),
                      5u)
                << "dropped at the protection check: the message ID was the expected one";
            EXPECT_EQ(victim->GetDropCount("unexpected-request"), 0u);
            EXPECT_EQ(lab.tunnel.a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
            EXPECT_EQ(lab.tunnel.b->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
            EXPECT_EQ(Chain::Stack(lab.c.gwA)->GetSad().GetAll().size(), 2u);
            EXPECT_EQ(Chain::Stack(lab.c.gwB)->GetSad().GetAll().size(), 2u);
            EXPECT_EQ(flow->received, DATAGRAMS);
            Simulator::Destroy();
        }
    }
}

TEST(IkeAttack, AReplayedIkeMessageGetsTheCachedResponseOrNothing)
{
    // Every IKE datagram (UDP; the tunnel's data is ESP) is replayed once. At once: the
    // responder's IKE SA has that request as its last one and sends its cached response again
    // (RFC 7296 §2.1); the initiator drops every response it did not wait for. Two seconds
    // later: IKE_SA_INIT is no longer the last request (unexpected-request, nothing sent);
    // IKE_AUTH still is, and gets the cached response, which the initiator drops. No second IKE
    // SA, no second CHILD SA, nothing lost.
    for (const Time& delay : {Seconds(0), Seconds(2)})
    {
        SCOPED_TRACE("replayed after " + std::to_string(delay.GetSeconds()) + " s");
        IkeLab lab;
        Ptr<Attack> replay = lab.attacker.AddOnPath(lab.c.router,
                                                    "ns3::ipsec::ReplayAttack",
                                                    "Protocol",
                                                    UintegerValue(17),
                                                    "Delay",
                                                    TimeValue(delay));
        auto flow = lab.Run();
        // IKE_SA_INIT and IKE_AUTH: two requests and two responses, and each response gwB
        // sends again from its cache is itself captured.
        const bool atOnce = delay.IsZero();
        const uint64_t cached = atOnce ? 2 : 1;
        EXPECT_EQ(replay->GetCount("captured"), 4 + cached);
        EXPECT_EQ(lab.tunnel.b->GetDropCount("unexpected-request"), 2 - cached);
        // gwA drops the two replayed responses, the cached ones resent and, at once, their
        // replays too (two seconds later those come after the end).
        EXPECT_EQ(replay->GetCount("replayed"), atOnce ? 6u : 4u);
        EXPECT_EQ(lab.tunnel.a->GetDropCount("unexpected-response"), atOnce ? 6u : 3u);
        EXPECT_EQ(lab.tunnel.a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
        EXPECT_EQ(lab.tunnel.b->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
        EXPECT_EQ(lab.tunnel.b->CountIkeSas(Ikev2SaState::CONNECTING), 0u);
        EXPECT_EQ(Chain::Stack(lab.c.gwA)->GetSad().GetAll().size(), 2u);
        EXPECT_EQ(Chain::Stack(lab.c.gwB)->GetSad().GetAll().size(), 2u);
        EXPECT_EQ(flow->received, DATAGRAMS);
        Simulator::Destroy();
    }
}

TEST(IkeAttack, EspReplayedAfterTheSaWasReplacedFindsNoSa)
{
    // The CHILD SA is rekeyed 2.455 s after it was made (no random part), at about 2.46 s.
    // The old inbound SA stays for packets still on the way (strongSwan's
    // delete_rekeyed_delay, 5 s) but not beyond its hard lifetime, 2.65 s: gone at about
    // 2.66 s. Every 10th ESP datagram is replayed 1 s later.
    IkeLab lab;
    lab.ike.SetChildRekeyTime(Seconds(2.455), Seconds(2.65), Seconds(0));
    Ptr<Attack> replay = lab.attacker.AddOnPath(lab.c.router,
                                                "ns3::ipsec::ReplayAttack",
                                                "Protocol",
                                                UintegerValue(50),
                                                "Every",
                                                UintegerValue(10),
                                                "Delay",
                                                TimeValue(Seconds(1)));
    auto flow = lab.Run(Seconds(5));
    EXPECT_EQ(replay->GetCount("replayed"), DATAGRAMS / 10);
    Ptr<IpsecStack> gwB = Chain::Stack(lab.c.gwB);
    // 10 ms apart from 1 s, the 1st, 11th, ... replayed: those sent at 1.0-1.6 s arrive while
    // their SA lives and those at 2.5-2.9 s went on the new SA (replays), those at 1.7-2.4 s
    // come after the old SA is gone (no SA has their SPI).
    EXPECT_EQ(gwB->GetDropCount(DropReason::REPLAY), 12u);
    EXPECT_EQ(gwB->GetDropCount(DropReason::NO_SA), 8u);
    EXPECT_EQ(flow->received, DATAGRAMS);
    Simulator::Destroy();
}

TEST(IkeAttack, AManInTheMiddleWithoutThePskFailsAuthenticationAndWithItReadsEverything)
{
    // The router takes gwA's IKE requests to gwB off the path and answers them as gwB. With a
    // guessed PSK: the Diffie-Hellman exchange completes, gwA's AUTH does not verify, the
    // answer is AUTHENTICATION_FAILED, gwA has no SA, and gwB never heard a thing. With the
    // PSK: gwA's tunnel is set up with the attacker, whose keys open all of gwA's traffic;
    // gwB, who holds no SA, drops it.
    for (bool knowsPsk : {false, true})
    {
        SCOPED_TRACE(knowsPsk ? "with the PSK" : "without the PSK");
        // trap_start: the policies stay when the negotiation fails (with start alone there are
        // none then, and gwA's traffic would leave in the clear, as with strongSwan and XFRM).
        IkeLab lab(IkeStartAction::TRAP_START);
        Ptr<EavesdropAttack> ear = DynamicCast<EavesdropAttack>(
            lab.attacker.AddOnPath(lab.c.router, "ns3::ipsec::EavesdropAttack"));
        Ptr<IkeMitmAttack> mitm = DynamicCast<IkeMitmAttack>(
            lab.attacker.AddOnPath(lab.c.router,
                                   "ns3::ipsec::IkeMitmAttack",
                                   "Victim",
                                   Ipv4AddressValue(lab.c.gwBWan),
                                   "Psk",
                                   StringValue(knowsPsk ? "ns3-ipsec-psk" : "a-good-guess")));
        auto flow = lab.Run();
        // Each attempt of gwA's: IKE_SA_INIT and IKE_AUTH, each answered. Without the PSK,
        // gwA's trap policy tries again when hostA's traffic comes.
        const uint64_t attempts = mitm->GetCount("failed") + mitm->GetCount("established");
        EXPECT_GE(attempts, 1u);
        EXPECT_EQ(mitm->GetCount("intercepted"), 2 * attempts);
        EXPECT_EQ(mitm->GetCount("answered"), 2 * attempts);
        EXPECT_EQ(lab.tunnel.b->CountIkeSas(Ikev2SaState::CONNECTING) +
                      lab.tunnel.b->CountIkeSas(Ikev2SaState::ESTABLISHED) +
                      lab.tunnel.b->CountIkeSas(Ikev2SaState::FAILED),
                  0u)
            << "gwB never heard gwA";
        EXPECT_EQ(flow->received, 0u);
        if (!knowsPsk)
        {
            EXPECT_EQ(mitm->GetCount("established"), 0u);
            EXPECT_TRUE(mitm->GetEspSaKeys().empty());
            EXPECT_EQ(lab.tunnel.a->CountIkeSas(Ikev2SaState::ESTABLISHED), 0u);
            EXPECT_EQ(Chain::Stack(lab.c.gwA)->GetSad().GetAll().size(), 0u);
            EXPECT_EQ(ear->GetCount("seen"), 2 * attempts)
                << "gwA's IKE requests only (the answers are the attacker's own): nothing else "
                   "left gwA";
        }
        else
        {
            EXPECT_EQ(mitm->GetCount("established"), 1u);
            EXPECT_EQ(lab.tunnel.a->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
            EXPECT_EQ(Chain::Stack(lab.c.gwA)->GetSad().GetAll().size(), 2u);
            ASSERT_EQ(mitm->GetEspSaKeys().size(), 2u);
            ear->AddKeys(mitm->GetEspSaKeys());
            EXPECT_EQ(ear->GetCount("decrypted"), DATAGRAMS);
            uint64_t espRead = 0;
            for (const EavesdropFlow& f : ear->GetFlows())
            {
                espRead += f.protocol == 50 ? f.plaintextBytes : 0;
            }
            EXPECT_EQ(espRead, 228u * DATAGRAMS);
            EXPECT_EQ(Chain::Stack(lab.c.gwB)->GetDropCount(DropReason::NO_SA), DATAGRAMS);
        }
        Simulator::Destroy();
    }
}

} // namespace test
} // namespace ipsec
} // namespace ns3
