// SPDX-License-Identifier: GPL-2.0-only
// End-to-end: SA lifetimes (soft trace, hard removal, sa-expired drops and Acquire) and
// sequence-number exhaustion (RFC 4303 §3.3.3).

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

/// Times of expiry and acquire events seen on a node's stack.
struct Events
{
    std::vector<Time> soft;    ///< SoftExpire times
    std::vector<Time> hard;    ///< HardExpire times
    std::vector<Time> acquire; ///< Acquire times

    /**
     * Record an expiry.
     * @param v the vector
     * @param sa the SA
     */
    static void Expire(std::vector<Time>* v, Ptr<SecurityAssociation> /* sa */)
    {
        v->push_back(Simulator::Now());
    }

    /**
     * Record an acquire.
     * @param v the vector
     * @param p the packet
     * @param policy the policy id
     */
    static void Acquire(std::vector<Time>* v, Ptr<const Packet> /* p */, uint32_t /* policy */)
    {
        v->push_back(Simulator::Now());
    }

    /**
     * Watch a node.
     * @param n the node
     */
    void Watch(Ptr<Node> n)
    {
        Ptr<IpsecStack> s = Chain::Stack(n);
        s->TraceConnectWithoutContext("SoftExpire", MakeBoundCallback(&Events::Expire, &soft));
        s->TraceConnectWithoutContext("HardExpire", MakeBoundCallback(&Events::Expire, &hard));
        s->TraceConnectWithoutContext("Acquire", MakeBoundCallback(&Events::Acquire, &acquire));
    }
};

TEST(Lifetime, PacketLimits)
{
    Chain c;
    c.ipsec.SetSaAttribute("SoftPackets", UintegerValue(5));
    c.ipsec.SetSaAttribute("HardPackets", UintegerValue(10));
    IpsecConnection conn = c.Tunnel();
    Events ev;
    ev.Watch(c.gwA);
    uint32_t saSoft = 0;
    conn.aToB[0]->TraceConnectWithoutContext(
        "SoftExpire",
        MakeBoundCallback(
            +[](uint32_t* n, Ptr<SecurityAssociation>) { (*n)++; },
            &saSoft));
    DropLog drops;
    drops.Watch(c.gwA);
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 20, 100);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(flow->received, 10u);
    EXPECT_EQ(saSoft, 1u);
    ASSERT_EQ(ev.soft.size(), 1u);
    ASSERT_EQ(ev.hard.size(), 1u);
    EXPECT_LT(ev.soft[0], ev.hard[0]);
    EXPECT_TRUE(conn.aToB[0]->IsHardExpired());
    EXPECT_EQ(conn.aToB[0]->GetCounters().packets, 10u);
    EXPECT_EQ(drops[DropReason::SA_EXPIRED], 10u);
    EXPECT_EQ(ev.acquire.size(), 10u);
    EXPECT_FALSE(Chain::Stack(c.gwA)->GetSad().FindOutbound(conn.reqidA, IpsecProtocol::ESP));
}

TEST(Lifetime, TimeLimits)
{
    Chain c;
    c.ipsec.SetSaAttribute("SoftLifetime", TimeValue(Seconds(1.5)));
    c.ipsec.SetSaAttribute("HardLifetime", TimeValue(Seconds(2.5)));
    IpsecConnection conn = c.Tunnel();
    Events ev;
    ev.Watch(c.gwA);
    DropLog drops;
    drops.Watch(c.gwA);
    // 30 packets every 100 ms from 1 s: 15 before 2.5 s (1.0 ... 2.4), 15 after.
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 30, 100, MilliSeconds(100));
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    // Each SA of the connection on gwA (one outbound, one inbound) expires at the same times.
    ASSERT_EQ(ev.soft.size(), 2u);
    ASSERT_EQ(ev.hard.size(), 2u);
    EXPECT_EQ(ev.soft[0], Seconds(1.5));
    EXPECT_EQ(ev.hard[0], Seconds(2.5));
    EXPECT_EQ(flow->received, 15u);
    EXPECT_EQ(drops[DropReason::SA_EXPIRED], 15u);
    EXPECT_EQ(ev.acquire.size(), 15u);
}

TEST(Lifetime, ByteLimits)
{
    Chain c;
    c.ipsec.SetSaAttribute("SoftBytes", UintegerValue(1000));
    c.ipsec.SetSaAttribute("HardBytes", UintegerValue(2000));
    IpsecConnection conn = c.Tunnel();
    Events ev;
    ev.Watch(c.gwA);
    // 300-byte UDP payloads: 328-byte inner datagrams; the 7th reaches 2000 bytes.
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 10, 300);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(flow->received, 7u);
    EXPECT_EQ(ev.soft.size(), 1u);
    EXPECT_EQ(ev.hard.size(), 1u);
    EXPECT_EQ(conn.aToB[0]->GetCounters().bytes, 7u * 328);
}

TEST(Lifetime, SequenceNumberOverflowExpiresTheSa)
{
    Chain c;
    c.ipsec.SetSaAttribute("InitialSequence", UintegerValue(0xFFFFFFFD));
    IpsecConnection conn = c.Tunnel();
    DropLog drops;
    drops.Watch(c.gwA);
    Events ev;
    ev.Watch(c.gwA);
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 5, 100);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(flow->received, 2u) << "0xFFFFFFFE and 0xFFFFFFFF, then the counter may not wrap";
    EXPECT_EQ(conn.aToB[0]->GetCounters().highestSeq, 0xFFFFFFFFu);
    EXPECT_EQ(drops[DropReason::SEQ_OVERFLOW], 1u);
    EXPECT_EQ(drops[DropReason::SA_EXPIRED], 2u);
    EXPECT_EQ(ev.hard.size(), 1u);
}

TEST(Lifetime, EsnCarriesPastTwoToThe32)
{
    Chain c;
    c.ipsec.SetSaAttribute("InitialSequence", UintegerValue(0xFFFFFFFD));
    c.ipsec.SetSaAttribute("Esn", BooleanValue(true));
    IpsecConnection conn = c.Tunnel();
    DropLog drops;
    drops.Watch(c.gwB);
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 5, 100);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(flow->received, 5u);
    EXPECT_EQ(drops.count.size(), 0u);
    EXPECT_EQ(conn.aToB[0]->GetCounters().highestSeq, 0x100000002u);
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
