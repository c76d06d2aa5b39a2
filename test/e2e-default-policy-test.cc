// SPDX-License-Identifier: GPL-2.0-only
// End-to-end: the default policy of each direction (RFC 4301 §4.4.1; Linux's
// `ip xfrm policy setdefault`): bypass by default, discard on request.

#include "ipsec-scenario.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace ipsec
{
namespace test
{
namespace
{

void
SetDefault(Ptr<Node> n, const char* direction, DefaultPolicy action)
{
    Chain::Stack(n)->SetAttribute(std::string("Default") + direction + "Policy", EnumValue(action));
}

TEST(DefaultPolicy, BypassIsTheDefault)
{
    Chain c;
    auto drops = c.WatchDrops();
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 3, 200);
    RunUntil(Seconds(2));
    EXPECT_EQ(flow->received, 3u);
    EXPECT_EQ(drops->Total(), 0u);
}

TEST(DefaultPolicy, OutDiscardDropsWhatNoPolicyCovers)
{
    Chain c;
    SetDefault(c.hostA, "Out", DEFAULT_POLICY_DISCARD);
    SecurityPolicy bypass;
    bypass.direction = PolicyDirection::OUT;
    bypass.action = PolicyAction::BYPASS;
    bypass.selector.protocol = 17;
    bypass.selector.remotePorts = PortRange::Single(7000);
    c.ipsec.AddPolicy(c.hostA, bypass);
    auto drops = c.WatchDrops();
    RxLog gwA;
    gwA.Watch(c.gwA);
    auto uncovered = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 4, 200);
    auto allowed = SendUdp(c.hostA, c.hostB, c.hostBAddr, 7000, 2, 200);
    // IKE's own sockets (local port 500) bypass policies, as strongSwan's socket policies do.
    auto ike = std::make_shared<uint32_t>(0);
    Ptr<Socket> ikeRx = Socket::CreateSocket(c.hostB, UdpSocketFactory::GetTypeId());
    ikeRx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 500));
    ikeRx->SetRecvCallback([ike](Ptr<Socket> s) {
        while (s->Recv())
        {
            (*ike)++;
        }
    });
    Ptr<Socket> ikeTx = Socket::CreateSocket(c.hostA, UdpSocketFactory::GetTypeId());
    ikeTx->Bind(InetSocketAddress(c.hostAAddr, 500));
    Simulator::Schedule(Seconds(1.5), [ikeTx, &c]() {
        ikeTx->SendTo(Create<Packet>(100), 0, InetSocketAddress(c.hostBAddr, 500));
    });
    RunUntil(Seconds(3));
    EXPECT_EQ(uncovered->received, 0u);
    EXPECT_EQ(allowed->received, 2u);
    EXPECT_EQ(*ike, 1u);
    EXPECT_EQ(Chain::Stack(c.hostA)->GetDropCount(DropReason::NO_POLICY), 4u);
    EXPECT_EQ((*drops)[DropReason::NO_POLICY], 4u);
    EXPECT_EQ(gwA.entries.size(), 3u) << "only the bypassed flow and IKE left hostA";
}

TEST(DefaultPolicy, InDiscardAcceptsOnlyWhatAPolicyCovers)
{
    Chain c;
    c.Transport(); // hostA <-> hostB, in, out (transport mode has no fwd)
    SetDefault(c.hostB, "In", DEFAULT_POLICY_DISCARD);
    auto protectedFlow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 3, 200);
    auto plain = SendUdp(c.gwB, c.hostB, c.hostBAddr, 9001, 2, 200); // no policy covers it
    RunUntil(Seconds(3));
    EXPECT_EQ(protectedFlow->received, 3u);
    EXPECT_EQ(plain->received, 0u);
    EXPECT_EQ(Chain::Stack(c.hostB)->GetDropCount(DropReason::NO_POLICY), 2u);
}

TEST(DefaultPolicy, FwdDiscardOnARouterNeedsABypassForTransitEsp)
{
    // As on Linux, a router with `setdefault fwd block` drops transit ESP too unless a FWD
    // policy lets it through.
    for (bool bypassEsp : {false, true})
    {
        Chain c;
        c.Tunnel();
        SetDefault(c.router, "Fwd", DEFAULT_POLICY_DISCARD);
        if (bypassEsp)
        {
            SecurityPolicy esp;
            esp.direction = PolicyDirection::FWD;
            esp.action = PolicyAction::BYPASS;
            esp.selector.protocol = ESP_PROTOCOL_NUMBER;
            c.ipsec.AddPolicy(c.router, esp);
        }
        auto tunnelled = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 3, 200);
        auto plain = SendUdp(c.gwA, c.gwB, c.gwBWan, 9001, 2, 200); // WAN to WAN, plaintext
        RunUntil(Seconds(3));
        EXPECT_EQ(tunnelled->received, bypassEsp ? 3u : 0u);
        EXPECT_EQ(plain->received, 0u);
        EXPECT_EQ(Chain::Stack(c.router)->GetDropCount(DropReason::NO_POLICY), bypassEsp ? 2u : 5u);
    }
}

TEST(DefaultPolicy, FwdDiscardOnAGatewayPassesItsTunnelBothWays)
{
    // gwB forwards hostB -> hostA from its LAN into the tunnel: no FWD policy covers that
    // direction, but the OUT PROTECT policy does (RFC 4301: outbound traffic meets SPD-O).
    Chain c;
    c.Tunnel();
    SetDefault(c.gwA, "Fwd", DEFAULT_POLICY_DISCARD);
    SetDefault(c.gwB, "Fwd", DEFAULT_POLICY_DISCARD);
    auto aToB = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 3, 200);
    auto bToA = SendUdp(c.hostB, c.hostA, c.hostAAddr, 9001, 3, 200);
    auto aToRouter = SendUdp(c.hostA, c.router, Ipv4Address("10.2.1.2"), 9002, 2, 200);
    RunUntil(Seconds(3));
    EXPECT_EQ(aToB->received, 3u);
    EXPECT_EQ(bToA->received, 3u);
    EXPECT_EQ(aToRouter->received, 0u) << "uncovered forwarded traffic is still dropped";
    EXPECT_EQ(Chain::Stack(c.gwA)->GetDropCount(DropReason::NO_POLICY), 2u);
    EXPECT_EQ(Chain::Stack(c.gwB)->GetDropCount(DropReason::NO_POLICY), 0u);
}

TEST(DefaultPolicy, LoopbackIsExempt)
{
    // 127.0.0.1 goes through ns-3's loopback device, which IPsec never sees (Linux: lo is
    // NOXFRM and NOPOLICY). A node's own interface address is not loopback in ns-3: it
    // travels the interface, and meets the default policies like any datagram.
    Chain c;
    SetDefault(c.hostA, "In", DEFAULT_POLICY_DISCARD);
    SetDefault(c.hostA, "Out", DEFAULT_POLICY_DISCARD);
    auto lo = SendUdp(c.hostA, c.hostA, Ipv4Address("127.0.0.1"), 9000, 2, 200);
    auto self = SendUdp(c.hostA, c.hostA, c.hostAAddr, 9001, 2, 200);
    RunUntil(Seconds(2));
    EXPECT_EQ(lo->received, 2u);
    EXPECT_EQ(self->received, 0u);
    EXPECT_EQ(Chain::Stack(c.hostA)->GetDropCount(DropReason::NO_POLICY), 2u);
}

TEST(DefaultPolicy, SetFromConfigDefaults)
{
    Config::SetDefault("ns3::ipsec::IpsecStack::DefaultOutPolicy", StringValue("discard"));
    Chain c;
    Config::SetDefault("ns3::ipsec::IpsecStack::DefaultOutPolicy", StringValue("bypass"));
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 2, 200);
    RunUntil(Seconds(2));
    EXPECT_EQ(flow->received, 0u);
    EXPECT_EQ(Chain::Stack(c.hostA)->GetDropCount(DropReason::NO_POLICY), 2u);
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
