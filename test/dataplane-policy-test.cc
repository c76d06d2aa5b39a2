// SPDX-License-Identifier: GPL-2.0-only
// End-to-end policy checks not in e2e-policy-test.cc: unknown SPI, the IKE bypass, a tunnel SA
// without inbound policy, and configuration errors that must fail at set-up.

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

TEST(Policy, OnlyTheNodesOwnIkeSocketsBypass)
{
    Chain c;
    c.Transport(); // all protocols between hostA and hostB
    RxLog wan;
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
    EXPECT_EQ(wan.Count(17), 1u) << "only the IKE socket's datagram in clear";
    EXPECT_EQ(wan.Count(50), 1u);
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
