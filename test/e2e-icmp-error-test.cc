// SPDX-License-Identifier: GPL-2.0-only
// End-to-end: ICMP error messages and the SPD (RFC 4301 §6.2). A UDP flow from hostA with TTL 2
// expires at gwB after the tunnel; gwB's Time Exceeded comes from its WAN address, outside the
// tunnel's selectors, and quotes the protected inner header.

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
constexpr uint8_t TIME_EXCEEDED = 11;

/// hostA -> hostB UDP with TTL 2: gwA forwards it with TTL 1, gwB's forwarding expires it.
std::shared_ptr<UdpFlow>
ExpiringFlow(Chain& c, uint32_t count)
{
    return SendUdp(c.hostA,
                   c.hostB,
                   c.hostBAddr,
                   5000,
                   count,
                   100,
                   MilliSeconds(10),
                   Seconds(1),
                   [](Ptr<Socket> s) { s->SetAttribute("IpTtl", UintegerValue(2)); });
}

/// The ICMP errors of a log: type and the quoted destination.
struct IcmpSeen
{
    uint32_t timeExceeded{0}; ///< type 11 messages quoting hostB
    Ipv4Address source;       ///< the source of the last one
};

IcmpSeen
TimeExceededAbout(const RxLog& log, Ipv4Address quotedDestination)
{
    IcmpSeen seen;
    for (const auto& e : log.entries)
    {
        const auto& b = e.payload;
        if (e.header.GetProtocol() != ICMP || b.size() < 28 || b[0] != TIME_EXCEEDED)
        {
            continue;
        }
        const Ipv4Address quoted(uint32_t{b[24]} << 24 | uint32_t{b[25]} << 16 |
                                 uint32_t{b[26]} << 8 | b[27]);
        if (quoted == quotedDestination)
        {
            seen.timeExceeded++;
            seen.source = e.header.GetSource();
        }
    }
    return seen;
}

void
SetIcmpErrors(Ptr<Node> n, IcmpErrorPolicy mode)
{
    Chain::Stack(n)->SetAttribute("IcmpErrors", EnumValue(mode));
}

TEST(IcmpErrors, QuotedErrorGoesBackThroughTheFlowsSa)
{
    Chain c;
    IpsecConnection conn = c.Tunnel();
    auto drops = c.WatchDrops();
    RxLog wan;
    wan.Watch(c.router);
    RxLog hostA;
    hostA.Watch(c.hostA);
    auto flow = ExpiringFlow(c, 4);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 0u);
    EXPECT_EQ(wan.Count(ICMP), 0u) << "no ICMP in plaintext on the WAN";
    EXPECT_EQ(conn.bToA[0]->GetCounters().packets, 4u) << "the errors went through gwB's SA";
    const IcmpSeen seen = TimeExceededAbout(hostA, c.hostBAddr);
    EXPECT_EQ(seen.timeExceeded, 4u);
    EXPECT_EQ(seen.source, c.gwBWan) << "traceroute shows the gateway that expired it";
    EXPECT_EQ(drops->Total(), 0u);
}

TEST(IcmpErrors, PlainErrorsCrossTheWanInPlaintext)
{
    // Linux without the policy flag 'icmp': the error's own addresses decide.
    Chain c;
    IpsecConnection conn = c.Tunnel();
    SetIcmpErrors(c.gwA, ICMP_ERRORS_PLAIN);
    SetIcmpErrors(c.gwB, ICMP_ERRORS_PLAIN);
    RxLog wan;
    wan.Watch(c.router);
    RxLog hostA;
    hostA.Watch(c.hostA);
    ExpiringFlow(c, 3);
    RunUntil(Seconds(3));
    EXPECT_EQ(conn.bToA[0]->GetCounters().packets, 0u);
    EXPECT_EQ(TimeExceededAbout(wan, c.hostBAddr).timeExceeded, 3u)
        << "the quoted inner header crosses the WAN in clear";
    EXPECT_EQ(TimeExceededAbout(hostA, c.hostBAddr).timeExceeded, 3u);
}

TEST(IcmpErrors, PlaintextErrorAboutAProtectedFlowIsRefused)
{
    Chain c;
    c.Tunnel();
    SetIcmpErrors(c.gwB, ICMP_ERRORS_PLAIN); // gwB leaks, gwA (quoted) refuses
    RxLog hostA;
    hostA.Watch(c.hostA);
    ExpiringFlow(c, 3);
    RunUntil(Seconds(3));
    EXPECT_EQ(Chain::Stack(c.gwA)->GetDropCount(DropReason::NOT_PROTECTED), 3u);
    EXPECT_EQ(TimeExceededAbout(hostA, c.hostBAddr).timeExceeded, 0u);
}

/// hostB sends hostA an ICMP time exceeded quoting a datagram source -> destination.
void
SendForgedError(Chain& c, Ipv4Address source, Ipv4Address destination, Time when)
{
    Ptr<Socket> raw = Socket::CreateSocket(c.hostB, Ipv4RawSocketFactory::GetTypeId());
    raw->SetAttribute("Protocol", UintegerValue(ICMP));
    Ipv4Header quoted;
    quoted.SetSource(source);
    quoted.SetDestination(destination);
    quoted.SetProtocol(17);
    quoted.SetPayloadSize(100);
    quoted.SetTtl(1);
    uint8_t udp[8] = {0x0f, 0xa0, 0x13, 0x88, 0, 108, 0, 0};
    Icmpv4TimeExceeded body;
    body.SetHeader(quoted);
    body.SetData(Create<Packet>(udp, sizeof(udp)));
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(body);
    Icmpv4Header icmp;
    icmp.SetType(TIME_EXCEEDED);
    icmp.SetCode(0);
    p->AddHeader(icmp);
    Simulator::Schedule(when,
                        [raw, p, &c]() { raw->SendTo(p, 0, InetSocketAddress(c.hostAAddr, 0)); });
}

TEST(IcmpErrors, ErrorThroughAnSaMustQuoteItsSelectors)
{
    // RFC 4301 §6.2: gwA checks the datagram an error quotes against the SA it came through.
    for (IcmpErrorPolicy mode : {ICMP_ERRORS_QUOTED, ICMP_ERRORS_PLAIN})
    {
        Chain c;
        IpsecConnection conn = c.Tunnel();
        SetIcmpErrors(c.gwA, mode);
        RxLog hostA;
        hostA.Watch(c.hostA);
        SendForgedError(c, c.hostAAddr, c.hostBAddr, Seconds(1)); // consistent
        SendForgedError(c, Ipv4Address("10.7.7.7"), Ipv4Address("10.8.8.8"), Seconds(2)); // not
        RunUntil(Seconds(3));
        EXPECT_EQ(conn.bToA[0]->GetCounters().packets, 2u) << "both are inside the tunnel";
        EXPECT_EQ(TimeExceededAbout(hostA, c.hostBAddr).timeExceeded, 1u);
        const uint32_t forged = TimeExceededAbout(hostA, Ipv4Address("10.8.8.8")).timeExceeded;
        const uint64_t mismatches = Chain::Stack(c.gwA)->GetDropCount(DropReason::POLICY_MISMATCH);
        if (mode == ICMP_ERRORS_QUOTED)
        {
            EXPECT_EQ(forged, 0u);
            EXPECT_EQ(mismatches, 1u);
        }
        else
        {
            EXPECT_EQ(forged, 1u) << "plain: the error's own addresses fit the SA";
            EXPECT_EQ(mismatches, 0u);
        }
    }
}

TEST(IcmpErrors, AnErrorAddressedElsewhereIsNotCarriedByTheQuotedFlowsSa)
{
    // hostB sends the router an "error" quoting hostA -> hostB: it is not about that flow
    // (a genuine error goes to the quoted source), so it must not ride the tunnel to gwA.
    Chain c;
    IpsecConnection conn = c.Tunnel();
    RxLog routerLog;
    routerLog.Watch(c.router);
    Ptr<Socket> raw = Socket::CreateSocket(c.hostB, Ipv4RawSocketFactory::GetTypeId());
    raw->SetAttribute("Protocol", UintegerValue(ICMP));
    Ipv4Header quoted;
    quoted.SetSource(c.hostAAddr);
    quoted.SetDestination(c.hostBAddr);
    quoted.SetProtocol(17);
    quoted.SetPayloadSize(100);
    Icmpv4TimeExceeded body;
    body.SetHeader(quoted);
    uint8_t udp[8] = {0x0f, 0xa0, 0x13, 0x88, 0, 108, 0, 0};
    body.SetData(Create<Packet>(udp, sizeof(udp)));
    Ptr<Packet> p = Create<Packet>(1000);
    p->AddHeader(body);
    Icmpv4Header icmp;
    icmp.SetType(TIME_EXCEEDED);
    p->AddHeader(icmp);
    const Ipv4Address router("10.2.2.1"); // the router's address on gwB's side
    Simulator::Schedule(Seconds(1),
                        [raw, p, router]() { raw->SendTo(p, 0, InetSocketAddress(router, 0)); });
    RunUntil(Seconds(2));
    EXPECT_EQ(conn.bToA[0]->GetCounters().packets, 0u);
    EXPECT_EQ(TimeExceededAbout(routerLog, c.hostBAddr).timeExceeded, 1u)
        << "hostB's own ICMP to the router, which no policy covers";
}

TEST(IcmpErrors, AnOutDiscardForIcmpHoldsForQuotedErrors)
{
    Chain c;
    IpsecConnection conn = c.Tunnel();
    SecurityPolicy discard;
    discard.direction = PolicyDirection::OUT;
    discard.action = PolicyAction::DISCARD;
    discard.selector.protocol = ICMP;
    c.ipsec.AddPolicy(c.gwB, discard, 0);
    RxLog hostA;
    hostA.Watch(c.hostA);
    ExpiringFlow(c, 3);
    RunUntil(Seconds(3));
    EXPECT_EQ(conn.bToA[0]->GetCounters().packets, 0u);
    EXPECT_EQ(Chain::Stack(c.gwB)->GetDropCount(DropReason::DISCARD_POLICY), 3u);
    EXPECT_EQ(TimeExceededAbout(hostA, c.hostBAddr).timeExceeded, 0u);
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
