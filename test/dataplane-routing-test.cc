// SPDX-License-Identifier: GPL-2.0-only
// IpsecRouting's own bookkeeping on the per-packet path: the cached address and interface
// checks follow address changes, the OUT policy handed from RouteInput to ipsec0 is never used
// after a policy change, and unicast datagrams meet ns-3's list-routing semantics.

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

TEST(Routing, AddressesAddedAndRemovedAfterSetUpAreSeen)
{
    Chain c;
    c.Tunnel();
    // hostB discards inbound (IN) UDP to port 9100: only a datagram hostB takes for one of its
    // own is checked against it; one it forwards meets the FWD policies (none).
    SecurityPolicy discard;
    discard.direction = PolicyDirection::IN;
    discard.action = PolicyAction::DISCARD;
    discard.selector.local = AddressRange::Prefix(Ipv4Address("0.0.0.0"), 0);
    discard.selector.remote = AddressRange::Prefix(Ipv4Address("0.0.0.0"), 0);
    discard.selector.protocol = 17;
    discard.selector.localPorts = PortRange::Single(9100);
    Chain::Stack(c.hostB)->AddPolicy(discard);
    DropLog drops;
    drops.Watch(c.hostB);
    Ptr<Ipv4> ipv4 = c.hostB->GetObject<Ipv4>();
    const Ipv4Address extra("10.3.1.99");
    // Traffic to hostB's address at 1 s fills the caches; the extra address exists from 1.5 s
    // to 2.5 s only.
    auto first = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 2, 100);
    Simulator::Schedule(Seconds(1.5), [ipv4, extra]() {
        ipv4->AddAddress(1, Ipv4InterfaceAddress(extra, Ipv4Mask("255.255.255.0")));
    });
    Simulator::Schedule(Seconds(2.5), [ipv4]() { ipv4->RemoveAddress(1, 1); });
    auto during = std::make_shared<UdpFlow>();
    auto after = std::make_shared<UdpFlow>();
    uint32_t* counter = &during->received;
    Ptr<Socket> rx = Socket::CreateSocket(c.hostB, UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9100));
    rx->SetRecvCallback([&counter](Ptr<Socket> s) {
        while (s->Recv())
        {
            (*counter)++;
        }
    });
    Ptr<Socket> tx = Socket::CreateSocket(c.hostA, UdpSocketFactory::GetTypeId());
    tx->Connect(InetSocketAddress(extra, 9100));
    for (double t : {2.0, 2.1, 2.2})
    {
        Simulator::Schedule(Seconds(t), [tx]() { tx->Send(Create<Packet>(100)); });
    }
    Simulator::Schedule(Seconds(2.9), [&counter, after]() { counter = &after->received; });
    for (double t : {3.0, 3.1})
    {
        Simulator::Schedule(Seconds(t), [tx]() { tx->Send(Create<Packet>(100)); });
    }
    RunUntil(Seconds(5));
    EXPECT_EQ(first->received, 2u);
    EXPECT_EQ(during->received, 0u);
    EXPECT_EQ(drops[DropReason::DISCARD_POLICY], 3u)
        << "an address added after set-up is local (IN policy)";
    EXPECT_EQ(after->received, 0u) << "a removed address is not local any more";
}

TEST(Routing, PolicyRemovedWhileForwardingIsNotUsed)
{
    Chain c;
    c.Tunnel();
    IpsecStack* stack = PeekPointer(Chain::Stack(c.gwA)); // a Ptr in the sink would be a cycle
    // A UnicastForward sink runs inside IpForward, between IpsecRouting's lookup and ipsec0's
    // DeviceSend: it removes the OUT policy, so the datagram must go out by the SPD as it is
    // then (no policy: in clear), not by the policy found before.
    bool removed = false;
    c.gwA->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "UnicastForward",
        Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
            [stack, &removed](const Ipv4Header&, Ptr<const Packet>, uint32_t) {
                if (removed)
                {
                    return;
                }
                for (const SecurityPolicy* p : stack->GetSpd().GetPolicies(PolicyDirection::OUT))
                {
                    if (p->action == PolicyAction::PROTECT)
                    {
                        stack->RemovePolicy(p->id);
                        removed = true;
                        return;
                    }
                }
            }));
    RxLog wan;
    wan.Watch(c.router);
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 1, 100);
    RunUntil(Seconds(3));
    EXPECT_TRUE(removed);
    EXPECT_EQ(wan.Count(ESP_PROTOCOL_NUMBER), 0u);
    EXPECT_EQ(wan.Count(17), 1u) << "sent in clear by the policies in force";
}

TEST(Routing, NoForwardingOnTheInterfaceIsARouteErrorAsInNs3)
{
    Chain c;
    c.Tunnel();
    Ptr<Ipv4L3Protocol> l3 = c.router->GetObject<Ipv4L3Protocol>();
    l3->SetForwarding(1, false); // the router's interface towards gwA
    std::vector<Ipv4L3Protocol::DropReason> drops;
    l3->TraceConnectWithoutContext(
        "Drop",
        Callback<void,
                 const Ipv4Header&,
                 Ptr<const Packet>,
                 Ipv4L3Protocol::DropReason,
                 Ptr<Ipv4>,
                 uint32_t>([&drops](const Ipv4Header&,
                                    Ptr<const Packet>,
                                    Ipv4L3Protocol::DropReason reason,
                                    Ptr<Ipv4>,
                                    uint32_t) { drops.push_back(reason); }));
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 2, 100);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 0u);
    ASSERT_EQ(drops.size(), 2u);
    EXPECT_EQ(drops[0], Ipv4L3Protocol::DROP_ROUTE_ERROR);
}

TEST(Routing, InboundPolicyAppliesToBroadcast)
{
    Chain c;
    // gwA discards everything hostA sends it (IN), broadcasts included.
    SecurityPolicy discard;
    discard.direction = PolicyDirection::IN;
    discard.action = PolicyAction::DISCARD;
    discard.selector.local = AddressRange::Prefix(Ipv4Address("0.0.0.0"), 0);
    discard.selector.remote = AddressRange::Prefix(c.hostAAddr, 32);
    discard.selector.protocol = 17;
    Chain::Stack(c.gwA)->AddPolicy(discard);
    DropLog drops;
    drops.Watch(c.gwA);
    RxLog arrivals;
    arrivals.Watch(c.gwA);
    uint32_t received = 0;
    Ptr<Socket> rx = Socket::CreateSocket(c.gwA, UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9000));
    rx->SetRecvCallback([&received](Ptr<Socket> s) {
        while (s->Recv())
        {
            received++;
        }
    });
    Ptr<Socket> tx = Socket::CreateSocket(c.hostA, UdpSocketFactory::GetTypeId());
    tx->SetAllowBroadcast(true);
    tx->Bind();
    // (Multicast is checked by the same branch of RouteInput; ns-3.37's static routing cannot
    // send to a local multicast group from an unbound socket, so it is not sent here.)
    for (const char* to : {"10.1.1.255", "255.255.255.255", "10.1.1.2"})
    {
        const Ipv4Address address(to);
        Simulator::Schedule(Seconds(1), [tx, address]() {
            tx->SendTo(Create<Packet>(50), 0, InetSocketAddress(address, 9000));
        });
    }
    RunUntil(Seconds(2));
    EXPECT_EQ(received, 0u) << "subnet and limited broadcast and unicast all checked";
    EXPECT_EQ(drops[DropReason::DISCARD_POLICY], 3u);
    // ns-3 sends the limited broadcast out of each of hostA's interfaces: ipsec0's copy must go
    // nowhere (it once came out on the LAN with ipsec0's link-local source).
    const std::vector<Ipv4Header> udp = arrivals.Headers(17);
    EXPECT_EQ(udp.size(), 3u);
    for (const Ipv4Header& h : udp)
    {
        EXPECT_EQ(h.GetSource(), c.hostAAddr);
    }
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
