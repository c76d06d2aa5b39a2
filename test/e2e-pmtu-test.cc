// SPDX-License-Identifier: GPL-2.0-only
// End-to-end: DF and path MTU (RFC 4301 §8). Every link is 1500 bytes; the tunnel's ESP
// (aes128gcm16: 8-byte header, 8-byte IV, 4-byte alignment with the 2-byte trailer, 16-byte
// ICV) and outer header add 54 to 56 bytes to an inner datagram.

#include "ipsec-scenario.h"

#include <array>
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

/**
 * Make the router behave as RFC 1191 asks of a router whose next link has MTU `linkMtu`: a DF
 * datagram from gwA's side that does not fit is dropped, and its source gets "fragmentation
 * needed" reporting `reported` (a forger may report less than the link's MTU).
 * @return how many datagrams it refused
 */
std::shared_ptr<uint32_t>
Rfc1191Router(Chain& c, uint32_t linkMtu, uint16_t reported)
{
    auto refused = std::make_shared<uint32_t>(0);
    Ptr<Node> router = c.router;
    InstallFrameHook(c.links[1].Get(1), [refused, router, linkMtu, reported](Ptr<Packet> frame) {
        Ipv4Header ip;
        if (!ParseFrame(frame, ip) || !ip.IsDontFragment() ||
            ip.GetPayloadSize() + ip.GetSerializedSize() <= linkMtu)
        {
            return false;
        }
        (*refused)++;
        Ptr<Packet> datagram = FrameDatagram(frame);
        datagram->RemoveHeader(ip);
        Simulator::ScheduleNow([router, ip, datagram, reported]() {
            router->GetObject<Icmpv4L4Protocol>()->SendDestUnreachFragNeeded(ip,
                                                                             datagram,
                                                                             reported);
        });
        return true; // dropped
    });
    return refused;
}

/// Records the ICMP errors IP hands to protocol 253 (RFC 3692's experimental number).
class IcmpRecorder : public IpL4Protocol
{
  public:
    /// One error: type, code and info (the MTU for "fragmentation needed").
    std::vector<std::array<uint32_t, 3>> errors;

    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::ipsec::test::IcmpRecorder")
                                .SetParent<IpL4Protocol>()
                                .SetGroupName("Ipsec");
        return tid;
    }

    int GetProtocolNumber() const override
    {
        return 253;
    }

    RxStatus Receive(Ptr<Packet>, const Ipv4Header&, Ptr<Ipv4Interface>) override
    {
        return RX_OK;
    }

    RxStatus Receive(Ptr<Packet>, const Ipv6Header&, Ptr<Ipv6Interface>) override
    {
        return RX_ENDPOINT_UNREACH;
    }

    void ReceiveIcmp(Ipv4Address,
                     uint8_t,
                     uint8_t type,
                     uint8_t code,
                     uint32_t info,
                     Ipv4Address,
                     Ipv4Address,
                     const uint8_t*) override
    {
        errors.push_back({type, code, info});
    }

    void SetDownTarget(DownTargetCallback) override
    {
    }

    void SetDownTarget6(DownTargetCallback6) override
    {
    }

    DownTargetCallback GetDownTarget() const override
    {
        return DownTargetCallback();
    }

    DownTargetCallback6 GetDownTarget6() const override
    {
        return DownTargetCallback6();
    }
};

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

TEST(Pmtu, TunnelDfSetFragmentsAnInnerDatagramWithoutDfFirst)
{
    // TunnelDf=set with an inner datagram that may be fragmented: gwA fragments it before
    // IPsec (RFC 4301 §8.1), so each outer packet fits with DF set and nothing is refused.
    Chain c;
    Chain::Stack(c.gwA)->SetAttribute("TunnelDf", EnumValue(TUNNEL_DF_SET));
    IpsecConnection conn = c.Tunnel();
    RxLog wan;
    wan.Watch(c.router);
    RxLog hostA;
    hostA.Watch(c.hostA);
    auto flow = Send(c, 5000, 1500 - UDP_IP_HEADERS, false, Seconds(1));
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 1u);
    EXPECT_TRUE(FragNeeded(hostA).empty());
    EXPECT_EQ(conn.aToB[0]->GetCounters().packets, 2u) << "two inner fragments, two ESP packets";
    ASSERT_EQ(wan.Count(ESP_PROTOCOL_NUMBER), 2u);
    for (const auto& e : wan.entries)
    {
        EXPECT_TRUE(e.header.IsDontFragment());
        EXPECT_FALSE(FragmentBuffer::IsFragment(e.header)) << "the outer packets are whole";
        EXPECT_LE(e.payload.size() + 20, 1500u);
    }
}

TEST(Pmtu, LearnedFromARouterUsedAndAgedOut)
{
    // The router's link towards gwB has MTU 1400 and it follows RFC 1191: a DF datagram that
    // does not fit is dropped and its source gets "fragmentation needed" with MTU 1400.
    Chain c;
    IpsecConnection conn = c.Tunnel();
    Chain::Stack(c.gwA)->SetAttribute("PmtuTimeout", TimeValue(Seconds(10)));
    auto routerRefused = Rfc1191Router(c, 1400, 1400);
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
    EXPECT_EQ(*routerRefused, 2u) << "the first and the one after aging reached the router";
    EXPECT_EQ(FragNeeded(hostA), std::vector<uint16_t>{GcmTunnelMtu(1400)})
        << "the second was refused at gwA with the MTU left inside the tunnel";
    EXPECT_EQ(GcmTunnelMtu(1400), 1346u);
    EXPECT_EQ(conn.aToB[0]->GetPathMtu(), 1400) << "learned again";
}

TEST(Pmtu, TransportModeLocalDfDatagramIsRefusedToItsOwnProtocol)
{
    // hostA's own DF datagram (protocol 253) that transport-mode ESP would push past the
    // link MTU: not sent; the error goes straight to hostA's protocol 253, as Linux's
    // ip_local_error reports EMSGSIZE, with the MTU left for it: 20 + 8 + 8 + pad4(n - 20 + 2)
    // + 16 <= 1500 gives n = 1466.
    Chain c;
    c.Transport();
    Ptr<IcmpRecorder> recorder = CreateObject<IcmpRecorder>();
    c.hostA->GetObject<Ipv4L3Protocol>()->Insert(recorder);
    RxLog gwA;
    gwA.Watch(c.gwA);
    Ptr<Socket> raw = Socket::CreateSocket(c.hostA, Ipv4RawSocketFactory::GetTypeId());
    raw->SetAttribute("Protocol", UintegerValue(253));
    raw->SetAttribute("IpHeaderInclude", BooleanValue(true));
    for (uint32_t size : {1500u, 1466u, 1467u})
    {
        Ipv4Header ip;
        ip.SetSource(c.hostAAddr);
        ip.SetDestination(c.hostBAddr);
        ip.SetProtocol(253);
        ip.SetTtl(64);
        ip.SetDontFragment();
        ip.SetPayloadSize(size - 20);
        Ptr<Packet> p = Create<Packet>(size - 20);
        p->AddHeader(ip);
        Simulator::Schedule(Seconds(1) + MilliSeconds(size), [raw, p, &c]() {
            raw->SendTo(p, 0, InetSocketAddress(c.hostBAddr, 0));
        });
    }
    RunUntil(Seconds(4));
    EXPECT_EQ(Chain::Stack(c.hostA)->GetDropCount(DropReason::PACKET_TOO_BIG), 2u);
    using E = std::array<uint32_t, 3>;
    EXPECT_EQ(recorder->errors, (std::vector<E>{E{3, 4, 1466}, E{3, 4, 1466}}));
    ASSERT_EQ(gwA.Count(ESP_PROTOCOL_NUMBER), 1u) << "only the 1466-byte datagram left";
    EXPECT_FALSE(FragmentBuffer::IsFragment(gwA.entries[0].header));
    EXPECT_EQ(gwA.entries[0].payload.size() + 20, 1500u);
}

TEST(Pmtu, AForgedTinyReportIsRaisedToMinPmtu)
{
    // A report of 100 bytes (RFC 1191 allows down to 68) would make the gateway refuse
    // almost everything; like Linux (min_pmtu), the SA records MinPmtu, 552, instead.
    Chain c;
    IpsecConnection conn = c.Tunnel();
    auto refused = Rfc1191Router(c, 1400, 100);
    RxLog hostA;
    hostA.Watch(c.hostA);
    Send(c, 5000, 1400 - UDP_IP_HEADERS, true, Seconds(1));
    Send(c, 5001, 1400 - UDP_IP_HEADERS, true, Seconds(2));
    auto fits = Send(c, 5002, GcmTunnelMtu(552) - UDP_IP_HEADERS, true, Seconds(3));
    RunUntil(Seconds(4));
    EXPECT_EQ(*refused, 1u);
    EXPECT_EQ(conn.aToB[0]->GetPathMtu(), 552);
    EXPECT_EQ(FragNeeded(hostA), std::vector<uint16_t>{GcmTunnelMtu(552)});
    EXPECT_EQ(fits->received, 1u);
}

TEST(Pmtu, APathTooSmallForAMinimalDatagramLetsTheOuterPacketFragment)
{
    // With MinPmtu lowered to 68, a report of 68 leaves no room for even a 68-byte inner
    // datagram after ESP: DF would be a black hole, so gwA sends without DF instead.
    Chain c;
    Chain::Stack(c.gwA)->SetAttribute("MinPmtu", UintegerValue(68));
    IpsecConnection conn = c.Tunnel();
    Rfc1191Router(c, 1400, 68);
    RxLog wan;
    wan.Watch(c.router);
    RxLog hostA;
    hostA.Watch(c.hostA);
    Send(c, 5000, 1400 - UDP_IP_HEADERS, true, Seconds(1));
    auto second = Send(c, 5001, 200 - UDP_IP_HEADERS, true, Seconds(2));
    RunUntil(Seconds(3));
    EXPECT_EQ(conn.aToB[0]->GetPathMtu(), 68);
    EXPECT_TRUE(FragNeeded(hostA).empty()) << "no MTU below 68 is ever reported";
    EXPECT_EQ(second->received, 1u);
    ASSERT_FALSE(wan.entries.empty());
    EXPECT_FALSE(wan.entries.back().header.IsDontFragment());
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
