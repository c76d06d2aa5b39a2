// SPDX-License-Identifier: GPL-2.0-only
// End-to-end regression tests for fixes of commit 341b3ec that had none: the MF flag of a
// re-injected transport datagram whose first fragment arrived last, the outbound policy check
// of a socket bound to a secondary address, and the inbound policy check of plaintext
// multicast and limited broadcast.

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

constexpr uint8_t UDP = 17;

/// Datagrams a socket receives, and their sizes.
struct Received
{
    uint32_t count{0};           ///< datagrams
    std::vector<uint32_t> sizes; ///< their sizes, in order
};

/**
 * A UDP socket on a node bound to `local`:`port` that counts what it receives.
 * @param node the node
 * @param local the address to bind to
 * @param port the port
 * @param echo also send every datagram back to its sender
 * @return the counts (filled while the simulation runs)
 */
std::shared_ptr<Received>
Listen(Ptr<Node> node, Ipv4Address local, uint16_t port, bool echo = false)
{
    auto rx = std::make_shared<Received>();
    Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    EXPECT_EQ(s->Bind(InetSocketAddress(local, port)), 0);
    s->SetRecvCallback(compat::MakeFunctionCallback<void, Ptr<Socket>>([rx, echo](Ptr<Socket> s) {
        Address from;
        Ptr<Packet> p;
        while ((p = s->RecvFrom(from)))
        {
            rx->count++;
            rx->sizes.push_back(p->GetSize());
            if (echo)
            {
                s->SendTo(p, 0, from);
            }
        }
    }));
    return rx;
}

/**
 * Send `count` datagrams of `size` bytes from a socket to `to`:`port`, one every 10 ms from
 * `start`.
 * @param s the socket (bound or not)
 * @param to the destination
 * @param port its port
 * @param count datagrams
 * @param size bytes each
 * @param start when the first is sent
 */
void
SendFrom(Ptr<Socket> s, Ipv4Address to, uint16_t port, uint32_t count, uint32_t size, Time start)
{
    EXPECT_EQ(s->Connect(InetSocketAddress(to, port)), 0);
    for (uint32_t i = 0; i < count; i++)
    {
        compat::Schedule(start + MilliSeconds(10) * i,
                         [s, size]() { s->Send(Create<Packet>(size)); });
    }
}

// Transport mode, hostA -> hostB, 3000-byte datagrams: hostA fragments each ESP packet for its
// 1500-byte link, and hostB's link holds back the first fragment (offset 0, MF) of each for
// 3 ms, so that it completes the reassembly. ns-3 keeps the header of the fragment that
// completed the datagram, MF included; the decrypted datagram re-injected on ipsec0 must be
// whole (MF clear), or IP takes it for a fragment again and never delivers it.
TEST(E2eRegression, TransportDatagramWhoseFirstFragmentArrivesLastIsDelivered)
{
    Chain c;
    IpsecConnection conn = c.Transport();
    auto drops = c.WatchDrops();
    Ptr<NetDevice> hostBDev = c.links[3].Get(1);
    uint32_t held = 0;
    InstallFrameHook(hostBDev, [&](Ptr<Packet> frame) {
        Ipv4Header ip;
        if (!ParseFrame(frame, ip) || ip.GetProtocol() != ESP_PROTOCOL_NUMBER ||
            ip.GetFragmentOffset() != 0 || ip.IsLastFragment())
        {
            return false;
        }
        held++;
        Ptr<Packet> datagram = FrameDatagram(frame);
        Ptr<Node> hostB = c.hostB;
        compat::Schedule(MilliSeconds(3),
                         [hostB, hostBDev, datagram]() { Inject(hostB, hostBDev, datagram); });
        return true; // the device drops it; it comes back in 3 ms
    });
    RxLog rx;
    rx.Watch(c.hostB);
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 3, 3000);
    RunUntil(Seconds(3));

    EXPECT_EQ(held, 3u) << "each ESP packet is fragmented and its first fragment held back";
    EXPECT_EQ(flow->received, 3u);
    EXPECT_EQ(flow->sizes, std::vector<uint32_t>(3, 3000)) << "the datagrams arrive whole";
    EXPECT_EQ(drops->Total(), 0u);
    EXPECT_EQ(conn.aToB[0]->GetCounters().packets, 3u);
    EXPECT_EQ(conn.aToBInbound[0]->GetCounters().packets, 3u);
    // The last ESP fragment of each datagram to arrive is its first (MF set); the datagram
    // re-injected on ipsec0 is whole.
    const uint32_t ipsec0 = Chain::Stack(c.hostB)->GetInterface();
    uint32_t reinjected = 0;
    for (const auto& e : rx.entries)
    {
        if (e.interface == ipsec0)
        {
            reinjected++;
            EXPECT_EQ(e.header.GetProtocol(), UDP);
            EXPECT_TRUE(e.header.IsLastFragment()) << "MF clear";
            EXPECT_EQ(e.header.GetFragmentOffset(), 0u);
            EXPECT_EQ(e.payload.size(), 3008u);
        }
    }
    EXPECT_EQ(reinjected, 3u);
}

// hostA has a second address, 10.1.1.10, and a transport SA pair with hostB for it alone; its
// primary address has no policy (plaintext). A socket bound to the secondary address is
// protected by that SA both ways (the outbound check uses the header's source, not the route's,
// which is the primary address); an unbound socket's traffic (primary source) is not matched
// by that SA's policy and goes in plaintext.
TEST(E2eRegression, SocketBoundToSecondaryAddressUsesItsPolicy)
{
    Chain c;
    Ptr<Ipv4> ipv4 = c.hostA->GetObject<Ipv4>();
    const int32_t lan = ipv4->GetInterfaceForDevice(c.links[0].Get(0));
    ASSERT_GE(lan, 0);
    const Ipv4Address secondary("10.1.1.10");
    ASSERT_TRUE(ipv4->AddAddress(lan, Ipv4InterfaceAddress(secondary, Ipv4Mask("255.255.255.0"))));
    IpsecConnection conn = c.ipsec.AddTransport(c.hostA, secondary, c.hostB, c.hostBAddr, UDP);
    auto drops = c.WatchDrops();
    RxLog wan;
    wan.Watch(c.router);

    const uint16_t echoPort = 7000;
    auto echoed = Listen(c.hostB, Ipv4Address::GetAny(), echoPort, true);
    // The socket bound to the secondary address, and an unbound one (primary source).
    Ptr<Socket> bound = Socket::CreateSocket(c.hostA, UdpSocketFactory::GetTypeId());
    ASSERT_EQ(bound->Bind(InetSocketAddress(secondary, 0)), 0);
    auto boundReplies = std::make_shared<Received>();
    Ptr<Socket> unbound = Socket::CreateSocket(c.hostA, UdpSocketFactory::GetTypeId());
    auto unboundReplies = std::make_shared<Received>();
    for (auto [s, r] :
         {std::make_pair(bound, boundReplies), std::make_pair(unbound, unboundReplies)})
    {
        std::shared_ptr<Received> replies = r;
        s->SetRecvCallback(
            compat::MakeFunctionCallback<void, Ptr<Socket>>([replies](Ptr<Socket> s) {
                Ptr<Packet> p;
                while ((p = s->Recv()))
                {
                    replies->count++;
                    replies->sizes.push_back(p->GetSize());
                }
            }));
    }
    SendFrom(bound, c.hostBAddr, echoPort, 4, 300, Seconds(1));
    SendFrom(unbound, c.hostBAddr, echoPort, 3, 200, Seconds(2));
    RunUntil(Seconds(4));

    EXPECT_EQ(echoed->count, 7u);
    EXPECT_EQ(boundReplies->sizes, std::vector<uint32_t>(4, 300)) << "the replies arrive";
    EXPECT_EQ(unboundReplies->sizes, std::vector<uint32_t>(3, 200));
    EXPECT_EQ(drops->Total(), 0u);
    // The secondary address's SAs carried its flow, both ways, and nothing else.
    EXPECT_EQ(conn.aToB[0]->GetCounters().packets, 4u);
    EXPECT_EQ(conn.aToBInbound[0]->GetCounters().packets, 4u);
    EXPECT_EQ(conn.bToA[0]->GetCounters().packets, 4u);
    EXPECT_EQ(conn.bToAInbound[0]->GetCounters().packets, 4u);
    // On the WAN: the secondary address's datagrams only inside ESP; the primary's in plaintext.
    uint32_t plainPrimary = 0;
    uint32_t esp = 0;
    for (const auto& e : wan.entries)
    {
        if (e.header.GetProtocol() == UDP)
        {
            EXPECT_NE(e.header.GetSource(), secondary) << "no plaintext from the secondary";
            EXPECT_NE(e.header.GetDestination(), secondary) << "no plaintext to the secondary";
            plainPrimary +=
                e.header.GetSource() == c.hostAAddr || e.header.GetDestination() == c.hostAAddr ? 1
                                                                                                : 0;
        }
        else if (e.header.GetProtocol() == ESP_PROTOCOL_NUMBER)
        {
            esp++;
            const bool fromSecondary = e.header.GetSource() == secondary;
            EXPECT_EQ(fromSecondary ? e.header.GetDestination() : e.header.GetSource(),
                      c.hostBAddr);
            EXPECT_EQ(fromSecondary ? e.header.GetSource() : e.header.GetDestination(), secondary);
        }
    }
    EXPECT_EQ(plainPrimary, 6u) << "3 datagrams and 3 replies of the primary address";
    EXPECT_EQ(esp, 8u) << "4 datagrams and 4 replies of the secondary address";
}

// gwA's inbound policy requires UDP to port 5000 of a multicast group, to port 5001 of the
// limited broadcast address and to port 5002 of LAN A's broadcast address, from LAN A, to
// arrive through a tunnel from hostA. hostA sends them in plaintext (its own routing never steers
// multicast or broadcast to IPsec): gwA drops them as not-protected, while multicast and broadcast
// to other ports, which no policy covers, are delivered.
TEST(E2eRegression, PlaintextMulticastAndBroadcastGetTheInboundCheck)
{
    Chain c;
    const Ipv4Address group("224.1.2.3");
    const Ipv4Address subnetBroadcast("10.1.1.255");
    const AddressRange lanA = AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24);
    const std::pair<AddressRange, uint16_t> covered[] = {
        {AddressRange::Prefix(Ipv4Address("224.0.0.0"), 4), 5000},
        {AddressRange::Single(Ipv4Address::GetBroadcast()), 5001},
        {AddressRange::Single(subnetBroadcast), 5002},
    };
    for (const auto& [local, port] : covered)
    {
        SecurityPolicy in;
        in.direction = PolicyDirection::IN;
        in.action = PolicyAction::PROTECT;
        in.mode = IpsecMode::TUNNEL;
        in.selector.local = local;
        in.selector.remote = lanA;
        in.selector.protocol = UDP;
        in.selector.localPorts = PortRange::Single(port);
        in.tunnelLocal = c.gwALan;
        in.tunnelRemote = c.hostAAddr;
        in.reqid = IpsecHelper::AllocateReqid();
        c.ipsec.AddPolicy(c.gwA, in);
    }
    // hostA's multicast leaves on its LAN A device.
    Ptr<Ipv4> ipv4 = c.hostA->GetObject<Ipv4>();
    Ipv4StaticRoutingHelper staticRouting;
    staticRouting.GetStaticRouting(ipv4)->SetDefaultMulticastRoute(
        ipv4->GetInterfaceForDevice(c.links[0].Get(0)));
    auto drops = c.WatchDrops();

    auto multicastCovered = Listen(c.gwA, Ipv4Address::GetAny(), 5000);
    auto broadcastCovered = Listen(c.gwA, Ipv4Address::GetAny(), 5001);
    auto multicastOpen = Listen(c.gwA, Ipv4Address::GetAny(), 6000);
    auto broadcastOpen = Listen(c.gwA, Ipv4Address::GetAny(), 6001);
    auto subnetCovered = Listen(c.gwA, Ipv4Address::GetAny(), 5002);
    auto subnetOpen = Listen(c.gwA, Ipv4Address::GetAny(), 6002);
    const std::pair<Ipv4Address, uint16_t> flows[] = {
        {group, 5000},
        {Ipv4Address::GetBroadcast(), 5001},
        {group, 6000},
        {Ipv4Address::GetBroadcast(), 6001},
        {subnetBroadcast, 5002},
        {subnetBroadcast, 6002},
    };
    Time start = Seconds(1);
    for (const auto& [to, port] : flows)
    {
        Ptr<Socket> s = Socket::CreateSocket(c.hostA, UdpSocketFactory::GetTypeId());
        s->SetAllowBroadcast(true);
        SendFrom(s, to, port, 3, 100, start);
        start += Seconds(0.5);
    }
    RunUntil(Seconds(4));

    EXPECT_EQ(multicastCovered->count, 0u);
    EXPECT_EQ(broadcastCovered->count, 0u);
    EXPECT_EQ(Chain::Stack(c.gwA)->GetDropCount(DropReason::NOT_PROTECTED), 9u);
    EXPECT_EQ((*drops)[DropReason::NOT_PROTECTED], 9u);
    EXPECT_EQ(drops->Total(), 9u);
    EXPECT_EQ(multicastOpen->count, 3u) << "multicast no policy covers is delivered";
    EXPECT_EQ(broadcastOpen->count, 3u) << "broadcast no policy covers is delivered";
    // A subnet-directed broadcast is one of the node's destination addresses: it had the
    // check before the fix too (covered here so that the three kinds behave alike).
    EXPECT_EQ(subnetCovered->count, 0u);
    EXPECT_EQ(subnetOpen->count, 3u);
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
