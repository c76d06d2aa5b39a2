// SPDX-License-Identifier: GPL-2.0-only
// End-to-end: BYPASS, DISCARD, not-protected plaintext, PROTECT without SA, and configuration
// errors that must fail at set-up.

#include "ipsec-scenario.h"

#include "ns3/ipsec-config-error.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace ipsec
{
namespace test
{
namespace
{

/// IP protocol numbers seen by the router (the WAN), per destination port of clear UDP.
struct WanLog
{
    uint32_t esp{0};      ///< ESP datagrams
    uint32_t clearUdp{0}; ///< UDP in clear

    /**
     * Record one packet.
     * @param log the log
     * @param p the packet
     */
    static void Record(WanLog* log, Ptr<const Packet> p, Ptr<Ipv4>, uint32_t)
    {
        Ipv4Header h;
        p->PeekHeader(h);
        log->esp += h.GetProtocol() == 50 ? 1 : 0;
        log->clearUdp += h.GetProtocol() == 17 ? 1 : 0;
    }

    /**
     * Watch the router.
     * @param router the router
     */
    void Watch(Ptr<Node> router)
    {
        router->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Rx",
            MakeBoundCallback(&WanLog::Record, this));
    }
};

/**
 * A policy for UDP to one port.
 * @param dir direction
 * @param action action
 * @param port the destination port (remote port outbound, local port inbound)
 * @return the policy
 */
SecurityPolicy
UdpPort(PolicyDirection dir, PolicyAction action, uint16_t port)
{
    SecurityPolicy p;
    p.direction = dir;
    p.action = action;
    p.selector.protocol = 17;
    if (dir == PolicyDirection::OUT)
    {
        p.selector.remotePorts = PortRange::Single(port);
    }
    else
    {
        p.selector.localPorts = PortRange::Single(port);
    }
    return p;
}

TEST(Policy, BypassBeforeProtectSendsThatFlowInClear)
{
    Chain c;
    c.Tunnel();
    // First in order: UDP to port 7777 bypasses IPsec, outbound at gwA and inbound at gwB.
    c.ipsec.AddPolicy(c.gwA, UdpPort(PolicyDirection::OUT, PolicyAction::BYPASS, 7777), 0);
    c.ipsec.AddPolicy(c.gwB, UdpPort(PolicyDirection::FWD, PolicyAction::BYPASS, 7777), 0);
    WanLog wan;
    wan.Watch(c.router);
    auto clear = SendUdp(c.hostA, c.hostB, c.hostBAddr, 7777, 4, 100);
    auto secret = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 6, 100);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(clear->received, 4u);
    EXPECT_EQ(secret->received, 6u);
    EXPECT_EQ(wan.clearUdp, 4u);
    EXPECT_EQ(wan.esp, 6u);
}

TEST(Policy, BypassOnOneSideOnlyIsNotProtectedOnTheOther)
{
    Chain c;
    c.Tunnel();
    c.ipsec.AddPolicy(c.gwA, UdpPort(PolicyDirection::OUT, PolicyAction::BYPASS, 7777), 0);
    DropLog drops;
    drops.Watch(c.gwB);
    auto clear = SendUdp(c.hostA, c.hostB, c.hostBAddr, 7777, 4, 100);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(clear->received, 0u);
    EXPECT_EQ(drops[DropReason::NOT_PROTECTED], 4u) << "gwB's FWD policy demands ESP";
}

TEST(Policy, DiscardDrops)
{
    Chain c;
    c.Transport();
    c.ipsec.AddPolicy(c.hostA, UdpPort(PolicyDirection::OUT, PolicyAction::DISCARD, 6666), 0);
    DropLog drops;
    drops.Watch(c.hostA);
    auto discarded = SendUdp(c.hostA, c.hostB, c.hostBAddr, 6666, 3, 100);
    auto kept = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 3, 100);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(discarded->received, 0u);
    EXPECT_EQ(kept->received, 3u);
    EXPECT_EQ(drops[DropReason::DISCARD_POLICY], 3u);
    EXPECT_EQ(Chain::Stack(c.hostA)->GetDropCount(DropReason::DISCARD_POLICY), 3u);
}

TEST(Policy, PlaintextCoveredByAnInboundProtectPolicyIsDropped)
{
    Chain c;
    IpsecConnection conn = c.Transport();
    // hostA forgets its outbound policy and sends in clear.
    Ptr<IpsecStack> a = Chain::Stack(c.hostA);
    for (const SecurityPolicy* p : a->GetSpd().GetPolicies(PolicyDirection::OUT))
    {
        a->RemovePolicy(p->id);
    }
    DropLog drops;
    drops.Watch(c.hostB);
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 5, 100);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(flow->received, 0u);
    EXPECT_EQ(drops[DropReason::NOT_PROTECTED], 5u);
}

TEST(Policy, ProtectWithoutSaDropsAndAcquires)
{
    Chain c;
    SecurityPolicy p;
    p.direction = PolicyDirection::OUT;
    p.action = PolicyAction::PROTECT;
    p.selector.remote = AddressRange::Single(c.hostBAddr);
    p.mode = IpsecMode::TRANSPORT;
    p.selector.local = AddressRange::Single(c.hostAAddr);
    p.reqid = IpsecHelper::AllocateReqid();
    const uint32_t id = c.ipsec.AddPolicy(c.hostA, p);
    uint32_t acquires = 0;
    Chain::Stack(c.hostA)->TraceConnectWithoutContext(
        "Acquire",
        MakeBoundCallback(
            +[](std::pair<uint32_t*, uint32_t> ctx, Ptr<const Packet>, uint32_t policy) {
                *ctx.first += policy == ctx.second ? 1 : 0;
            },
            std::make_pair(&acquires, id)));
    DropLog drops;
    drops.Watch(c.hostA);
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 3, 100);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(flow->received, 0u);
    EXPECT_EQ(drops[DropReason::NO_SA], 3u);
    EXPECT_EQ(acquires, 3u);
}

TEST(Policy, UnknownSpiIsNoSa)
{
    Chain c;
    IpsecConnection conn = c.Tunnel();
    // gwB loses its inbound SA: ESP arrives for an SPI it does not know.
    Chain::Stack(c.gwB)->GetSad().Remove(
        Chain::Stack(c.gwB)->GetSad().FindInbound(conn.aToB[0]->GetSpi(),
                                                  c.gwBWan,
                                                  IpsecProtocol::ESP));
    DropLog drops;
    drops.Watch(c.gwB);
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 3, 100);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(flow->received, 0u);
    EXPECT_EQ(drops[DropReason::NO_SA], 3u);
}

TEST(Policy, DecryptedOutsideTheSaPolicyIsAMismatch)
{
    Chain c;
    IpsecConnection conn = c.Tunnel();
    // gwB narrows its inbound side of the tunnel to one host that is not hostB.
    Ptr<IpsecStack> b = Chain::Stack(c.gwB);
    for (auto dir : {PolicyDirection::IN, PolicyDirection::FWD})
    {
        for (const SecurityPolicy* p : b->GetSpd().GetPolicies(dir))
        {
            b->RemovePolicy(p->id);
        }
    }
    SecurityPolicy narrow;
    narrow.direction = PolicyDirection::FWD;
    narrow.action = PolicyAction::PROTECT;
    narrow.mode = IpsecMode::TUNNEL;
    narrow.tunnelLocal = c.gwBWan;
    narrow.tunnelRemote = c.gwAWan;
    narrow.selector.local = AddressRange::Single(Ipv4Address("10.3.1.99"));
    narrow.selector.remote = AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24);
    narrow.reqid = conn.reqidB;
    c.ipsec.AddPolicy(c.gwB, narrow);
    DropLog drops;
    drops.Watch(c.gwB);
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 4, 100);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(flow->received, 0u);
    EXPECT_EQ(drops[DropReason::POLICY_MISMATCH], 4u);
    Ptr<SecurityAssociation> in =
        b->GetSad().FindInbound(conn.aToB[0]->GetSpi(), c.gwBWan, IpsecProtocol::ESP);
    ASSERT_TRUE(in);
    EXPECT_EQ(in->GetCounters().otherDrops, 4u);
}

TEST(Policy, OnlyTheNodesOwnIkeSocketsBypass)
{
    Chain c;
    c.Transport(); // all protocols between hostA and hostB
    WanLog wan;
    wan.Watch(c.router);
    DropLog drops;
    drops.Watch(c.hostB);
    // hostA's IKE socket (local port 500) talks in clear, and hostB accepts it.
    Ptr<Socket> rx = Socket::CreateSocket(c.hostB, UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 500));
    uint32_t ikeReceived = 0;
    rx->SetRecvCallback(MakeBoundCallback(
        +[](uint32_t* n, Ptr<Socket> s) {
            while (s->Recv())
            {
                (*n)++;
            }
        },
        &ikeReceived));
    Ptr<Socket> ike = Socket::CreateSocket(c.hostA, UdpSocketFactory::GetTypeId());
    ike->Bind(InetSocketAddress(Ipv4Address::GetAny(), 500));
    ike->Connect(InetSocketAddress(c.hostBAddr, 500));
    Simulator::Schedule(Seconds(1), [ike]() { ike->Send(Create<Packet>(100)); });
    // Another local port towards the peer's port 500 is ordinary traffic: protected.
    Ptr<Socket> other = Socket::CreateSocket(c.hostA, UdpSocketFactory::GetTypeId());
    other->Bind(InetSocketAddress(Ipv4Address::GetAny(), 12345));
    other->Connect(InetSocketAddress(c.hostBAddr, 500));
    Simulator::Schedule(Seconds(1.5), [other]() { other->Send(Create<Packet>(100)); });
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(ikeReceived, 2u);
    EXPECT_EQ(wan.clearUdp, 1u) << "only the IKE socket's datagram in clear";
    EXPECT_EQ(wan.esp, 1u);
    EXPECT_EQ(drops.count.size(), 0u);
}

TEST(Policy, TunnelSaWithoutAnInboundPolicyAcceptsNoInnerDatagram)
{
    Chain c;
    c.Tunnel();
    // gwB has the SAs but no IN/FWD policy at all: a tunnel must not deliver arbitrary inner
    // addresses (Linux: secpath_has_nontransport).
    Ptr<IpsecStack> b = Chain::Stack(c.gwB);
    for (auto dir : {PolicyDirection::IN, PolicyDirection::FWD})
    {
        for (const SecurityPolicy* p : b->GetSpd().GetPolicies(dir))
        {
            b->RemovePolicy(p->id);
        }
    }
    DropLog drops;
    drops.Watch(c.gwB);
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 3, 100);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(flow->received, 0u);
    EXPECT_EQ(drops[DropReason::POLICY_MISMATCH], 3u);
}

TEST(PolicyConfig, ErrorsAtSetUp)
{
    Chain c;
    // Transport mode for an address that is not the node's own (a gateway's forwarded traffic).
    EXPECT_THROW(c.ipsec.AddTransport(c.gwA, c.hostAAddr, c.gwB, c.hostBAddr), ConfigError);
    // Transport PROTECT policy with a subnet as local selector on a gateway.
    SecurityPolicy p;
    p.direction = PolicyDirection::OUT;
    p.action = PolicyAction::PROTECT;
    p.mode = IpsecMode::TRANSPORT;
    p.selector.local = AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24);
    p.reqid = 99;
    EXPECT_THROW(c.ipsec.AddPolicy(c.gwA, p), ConfigError);
    // Transport in direction FWD.
    p.direction = PolicyDirection::FWD;
    p.selector.local = AddressRange::Single(c.gwALan);
    EXPECT_THROW(c.ipsec.AddPolicy(c.gwA, p), ConfigError);
    // Tunnel policy without endpoints.
    p.direction = PolicyDirection::OUT;
    p.mode = IpsecMode::TUNNEL;
    EXPECT_THROW(c.ipsec.AddPolicy(c.gwA, p), ConfigError);
    // Overlapping SPI on the receiver.
    SaConfig sa;
    sa.spi = 0x4242;
    sa.direction = SaDirection::INBOUND;
    sa.mode = IpsecMode::TUNNEL;
    sa.source = c.gwAWan;
    sa.destination = c.gwBWan;
    sa.espSuite = EspSuite::Parse("aes128gcm16");
    sa.encryptionKey = std::vector<uint8_t>(20, 1);
    sa.reqid = 7;
    c.ipsec.AddSa(c.gwB, sa);
    EXPECT_THROW(c.ipsec.AddSa(c.gwB, sa), ConfigError);
    // Wrong key length, reserved SPI, an inbound SA whose destination is not the node's.
    sa.spi = 0x4243;
    sa.encryptionKey = std::vector<uint8_t>(16, 1);
    EXPECT_THROW(c.ipsec.AddSa(c.gwB, sa), ConfigError);
    sa.encryptionKey = std::vector<uint8_t>(20, 1);
    sa.spi = 200;
    EXPECT_THROW(c.ipsec.AddSa(c.gwB, sa), ConfigError);
    sa.spi = 0x4244;
    EXPECT_THROW(c.ipsec.AddSa(c.gwA, sa), ConfigError);
    // One counter-mode key for both directions would repeat nonces.
    SaKeys same{"0x" + std::string(40, 'a'), "", ""};
    EXPECT_THROW(c.ipsec.AddTransport(c.hostA, c.hostAAddr, c.hostB, c.hostBAddr, same, same),
                 ConfigError);
    // A bad proposal.
    c.ipsec.SetSaAttribute("EspProposal", StringValue("aes128gcm16-sha256"));
    EXPECT_THROW(c.Tunnel(), ConfigError);
}

TEST(PolicyConfig, InstallNeedsTheRoutingShim)
{
    NodeContainer n;
    n.Create(1);
    InternetStackHelper internet;
    internet.Install(n);
    IpsecHelper ipsec;
    try
    {
        ipsec.Install(n);
        FAIL() << "no ConfigError";
    }
    catch (const ConfigError& e)
    {
        EXPECT_NE(std::string(e.what()).find("IpsecRouting"), std::string::npos) << e.what();
    }
    Simulator::Destroy();
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
