// SPDX-License-Identifier: GPL-2.0-only
// End-to-end: DF and path MTU (RFC 4301 §8). Every link is 1500 bytes; the tunnel's ESP
// (aes128gcm16: 8-byte header, 8-byte IV, 4-byte alignment with the 2-byte trailer, 16-byte
// ICV) and outer header add 54 to 56 bytes to an inner datagram.

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

constexpr uint8_t ICMP = 1;
constexpr uint32_t UDP_IP_HEADERS = 28;

/**
 * The largest inner datagram an aes128gcm16 tunnel fits in an outer MTU, by RFC 4303 §2.4
 * and RFC 4106 §3 arithmetic: outer = 20 + 8 (SPI, seq) + 8 (IV) + pad4(inner + 2) + 16.
 */
uint16_t
GcmTunnelMtu(uint32_t outerMtu)
{
    uint16_t inner = 0;
    while (20u + 8 + 8 + ((inner + 1u + 2 + 3) / 4) * 4 + 16 <= outerMtu)
    {
        inner++;
    }
    return inner;
}

/// The "fragmentation needed" messages a log holds: their next-hop MTUs.
std::vector<uint16_t>
FragNeeded(const RxLog& log)
{
    std::vector<uint16_t> mtus;
    for (const auto& e : log.entries)
    {
        const auto& b = e.payload;
        if (e.header.GetProtocol() == ICMP && b.size() >= 8 && b[0] == 3 && b[1] == 4)
        {
            mtus.push_back(static_cast<uint16_t>(b[6] << 8 | b[7]));
        }
    }
    return mtus;
}

/**
 * UDP datagrams of `size` payload bytes from hostA to hostB:port, with DF or without. ns-3's
 * IPv4 never sets DF itself (it ignores UdpSocket's MtuDiscover), so hostA writes the IP header
 * through a raw socket (IpHeaderInclude), as a Linux sender with IP_PMTUDISC_DO would send.
 */
std::shared_ptr<UdpFlow>
Send(Chain& c, uint16_t port, uint32_t size, bool df, Time start, uint32_t count = 1)
{
    // The receiver counts as SendUdp's does; nothing is sent through its own socket.
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, port, 0, 0);
    Ptr<Socket> raw = Socket::CreateSocket(c.hostA, Ipv4RawSocketFactory::GetTypeId());
    raw->SetAttribute("Protocol", UintegerValue(17));
    raw->SetAttribute("IpHeaderInclude", BooleanValue(true));
    for (uint32_t i = 0; i < count; i++)
    {
        Ptr<Packet> p = Create<Packet>(size);
        UdpHeader udp;
        udp.SetSourcePort(4000);
        udp.SetDestinationPort(port);
        p->AddHeader(udp);
        Ipv4Header ip;
        ip.SetSource(c.hostAAddr);
        ip.SetDestination(c.hostBAddr);
        ip.SetProtocol(17);
        ip.SetTtl(64);
        ip.SetIdentification(static_cast<uint16_t>(port + i));
        ip.SetPayloadSize(p->GetSize());
        if (df)
        {
            ip.SetDontFragment();
        }
        p->AddHeader(ip);
        const Address to = InetSocketAddress(c.hostBAddr, port);
        Simulator::Schedule(start + MilliSeconds(10) * i,
                            [raw, p, to]() { raw->SendTo(p, 0, to); });
    }
    return flow;
}

TEST(Pmtu, DfDatagramThatDoesNotFitAfterEspGetsFragmentationNeeded)
{
    Chain c;
    c.Tunnel();
    const uint32_t fit = GcmTunnelMtu(1500);
    ASSERT_EQ(fit, 1446u);
    RxLog wan;
    wan.Watch(c.router);
    RxLog hostA;
    hostA.Watch(c.hostA);
    auto big = Send(c, 5000, 1500 - UDP_IP_HEADERS, true, Seconds(1), 3); // fits LAN A
    auto justFits = Send(c, 5001, fit - UDP_IP_HEADERS, true, Seconds(2));
    auto oneMore = Send(c, 5002, fit + 1 - UDP_IP_HEADERS, true, Seconds(3));
    RunUntil(Seconds(4));
    EXPECT_EQ(big->received, 0u);
    EXPECT_EQ(justFits->received, 1u);
    EXPECT_EQ(oneMore->received, 0u);
    EXPECT_EQ(Chain::Stack(c.gwA)->GetDropCount(DropReason::PACKET_TOO_BIG), 4u);
    EXPECT_EQ(FragNeeded(hostA), std::vector<uint16_t>(4, fit)) << "RFC 4301 §8.2.1";
    for (const auto& e : wan.entries)
    {
        EXPECT_FALSE(e.header.IsDontFragment() && FragmentBuffer::IsFragment(e.header))
            << "no fragment with DF on the WAN";
    }
    ASSERT_EQ(wan.Count(ESP_PROTOCOL_NUMBER), 1u);
    EXPECT_EQ(wan.entries[0].payload.size() + 20, 1500u) << "the one that fits fills the MTU";
}

TEST(Pmtu, WithoutDfTheOuterPacketIsFragmented)
{
    Chain c;
    c.Tunnel();
    RxLog wan;
    wan.Watch(c.router);
    auto flow = Send(c, 5000, 1500 - UDP_IP_HEADERS, false, Seconds(1), 3);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 3u);
    EXPECT_EQ(Chain::Stack(c.gwA)->GetDropCount(DropReason::PACKET_TOO_BIG), 0u);
    EXPECT_EQ(wan.Count(ESP_PROTOCOL_NUMBER), 6u) << "each outer packet in two fragments";
    for (const auto& e : wan.entries)
    {
        EXPECT_FALSE(e.header.IsDontFragment());
    }
}

TEST(Pmtu, TunnelDfSetRefusesWhatDoesNotFitEvenWithoutInnerDf)
{
    Chain c;
    Chain::Stack(c.gwA)->SetAttribute("TunnelDf", EnumValue(TUNNEL_DF_SET));
    c.Tunnel();
    RxLog hostA;
    hostA.Watch(c.hostA);
    auto flow = Send(c, 5000, 1500 - UDP_IP_HEADERS, false, Seconds(1));
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 0u);
    EXPECT_EQ(FragNeeded(hostA), std::vector<uint16_t>{1446});
}

TEST(Pmtu, LearnedFromARouterUsedAndAgedOut)
{
    // The router's link towards gwB has MTU 1400 and it follows RFC 1191: a DF datagram that
    // does not fit is dropped and its source gets "fragmentation needed" with MTU 1400.
    Chain c;
    IpsecConnection conn = c.Tunnel();
    Chain::Stack(c.gwA)->SetAttribute("PmtuTimeout", TimeValue(Seconds(10)));
    uint32_t routerRefused = 0;
    Ptr<Node> router = c.router;
    InstallFrameHook(c.links[1].Get(1), [&routerRefused, router](Ptr<Packet> frame) {
        Ipv4Header ip;
        if (!ParseFrame(frame, ip) || !ip.IsDontFragment() ||
            ip.GetPayloadSize() + ip.GetSerializedSize() <= 1400)
        {
            return false;
        }
        routerRefused++;
        Ptr<Packet> datagram = FrameDatagram(frame);
        datagram->RemoveHeader(ip);
        Simulator::ScheduleNow([router, ip, datagram]() {
            router->GetObject<Icmpv4L4Protocol>()->SendDestUnreachFragNeeded(ip, datagram, 1400);
        });
        return true; // dropped
    });
    RxLog hostA;
    hostA.Watch(c.hostA);
    const uint32_t size = 1400 - UDP_IP_HEADERS; // 1400 inner: 1456 outer, too big for 1400
    auto first = Send(c, 5000, size, true, Seconds(1));
    auto second = Send(c, 5001, size, true, Seconds(2));
    auto fitting = Send(c, 5002, GcmTunnelMtu(1400) - UDP_IP_HEADERS, true, Seconds(3));
    auto afterAging = Send(c, 5003, size, true, Seconds(15));
    Simulator::Schedule(Seconds(1.5), [&]() {
        EXPECT_EQ(conn.aToB[0]->GetPathMtu(), 1400) << "learned from the router's ICMP";
    });
    Simulator::Schedule(Seconds(14), [&]() {
        EXPECT_EQ(conn.aToB[0]->GetPathMtu(), 0) << "aged out after PmtuTimeout";
    });
    RunUntil(Seconds(16));
    EXPECT_EQ(first->received + second->received + afterAging->received, 0u);
    EXPECT_EQ(fitting->received, 1u) << "1346 bytes fit the learned 1400 exactly";
    EXPECT_EQ(routerRefused, 2u) << "the first and the one after aging reached the router";
    EXPECT_EQ(FragNeeded(hostA), std::vector<uint16_t>{GcmTunnelMtu(1400)})
        << "the second was refused at gwA with the MTU left inside the tunnel";
    EXPECT_EQ(GcmTunnelMtu(1400), 1346u);
    EXPECT_EQ(conn.aToB[0]->GetPathMtu(), 1400) << "learned again";
}

TEST(Pmtu, TransportModeLocalDfDatagramIsNotFragmented)
{
    Chain c;
    c.Transport();
    RxLog gwA;
    gwA.Watch(c.gwA);
    auto flow = Send(c, 5000, 1500 - UDP_IP_HEADERS, true, Seconds(1), 2);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 0u);
    EXPECT_EQ(Chain::Stack(c.hostA)->GetDropCount(DropReason::PACKET_TOO_BIG), 2u);
    EXPECT_EQ(gwA.entries.size(), 0u) << "nothing leaves hostA: no DF fragments";
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
