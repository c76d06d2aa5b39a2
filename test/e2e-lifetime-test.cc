// SPDX-License-Identifier: GPL-2.0-only
// End-to-end: SA lifetimes in packets, bytes and time, and sequence-number exhaustion.

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

/// Times of the expiry traces of one source.
struct ExpiryLog
{
    std::vector<Time> soft;                    ///< soft expiry times
    std::vector<Time> hard;                    ///< hard expiry times
    std::vector<Ptr<SecurityAssociation>> sas; ///< the SAs, soft then hard, in order

    /**
     * Connect to an object with SoftExpire and HardExpire traces.
     * @param object an IpsecStack or SecurityAssociation
     */
    void Watch(Ptr<Object> object)
    {
        EXPECT_TRUE(object->TraceConnectWithoutContext(
            "SoftExpire",
            Callback<void, Ptr<SecurityAssociation>>([this](Ptr<SecurityAssociation> sa) {
                soft.push_back(Simulator::Now());
                sas.push_back(sa);
            })))
            << object->GetInstanceTypeId().GetName();
        EXPECT_TRUE(object->TraceConnectWithoutContext(
            "HardExpire",
            Callback<void, Ptr<SecurityAssociation>>([this](Ptr<SecurityAssociation> sa) {
                hard.push_back(Simulator::Now());
                sas.push_back(sa);
            })))
            << object->GetInstanceTypeId().GetName();
    }
};

/// Acquire trace counts of a node.
struct AcquireLog
{
    uint32_t count{0};            ///< how many
    std::vector<uint32_t> policy; ///< policy ids

    /**
     * Connect to a stack.
     * @param stack the stack
     */
    void Watch(Ptr<IpsecStack> stack)
    {
        EXPECT_TRUE(stack->TraceConnectWithoutContext(
            "Acquire",
            Callback<void, Ptr<const Packet>, uint32_t, const PacketSelector&>(
                [this](Ptr<const Packet>, uint32_t id, const PacketSelector&) {
                    count++;
                    policy.push_back(id);
                })));
    }
};

/**
 * When gwA protects the i-th datagram (from 0) of SendUdp: sent at 1 s + 10 ms * i, then one
 * 100 Mb/s hop with 1 ms delay (UDP, IP and PPP headers: 30 bytes).
 * @param i the datagram
 * @param size its UDP payload
 * @return the time
 */
Time
AtGwA(uint32_t i, uint32_t size)
{
    return Seconds(1) + MilliSeconds(10) * i + MilliSeconds(1) +
           DataRate("100Mbps").CalculateBytesTxTime(size + 30);
}

/// The id of a node's OUT PROTECT policy with a reqid.
uint32_t
OutPolicyId(Ptr<Node> n, uint32_t reqid)
{
    for (const SecurityPolicy* p : Chain::Stack(n)->GetSpd().GetPolicies(PolicyDirection::OUT))
    {
        if (p->reqid == reqid)
        {
            return p->id;
        }
    }
    return 0;
}

TEST(E2eLifetime, PacketLimits)
{
    Chain c;
    c.ipsec.SetSaAttribute("SoftPackets", UintegerValue(5));
    c.ipsec.SetSaAttribute("HardPackets", UintegerValue(10));
    IpsecConnection conn = c.Tunnel();
    Ptr<SecurityAssociation> out = conn.aToB[0];
    Ptr<SecurityAssociation> in = Chain::Inbound(c.gwB, out);
    ASSERT_TRUE(in);
    ExpiryLog stackA;
    ExpiryLog stackB;
    ExpiryLog saOut;
    stackA.Watch(Chain::Stack(c.gwA));
    stackB.Watch(Chain::Stack(c.gwB));
    saOut.Watch(out);
    AcquireLog acquire;
    acquire.Watch(Chain::Stack(c.gwA));
    auto drops = c.WatchDrops();
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 20, 300);
    RunUntil(Seconds(3));

    EXPECT_EQ(flow->received, 10u);
    // The sender's SA: soft with the 5th packet, hard with the 10th.
    ASSERT_EQ(saOut.soft.size(), 1u);
    ASSERT_EQ(saOut.hard.size(), 1u);
    EXPECT_EQ(saOut.soft[0], AtGwA(4, 300));
    EXPECT_EQ(saOut.hard[0], AtGwA(9, 300));
    ASSERT_EQ(stackA.soft.size(), 1u);
    ASSERT_EQ(stackA.hard.size(), 1u);
    EXPECT_EQ(stackA.sas[0], out);
    EXPECT_EQ(stackA.sas[1], out);
    EXPECT_TRUE(out->IsSoftExpired());
    EXPECT_TRUE(out->IsHardExpired());
    // The receiver's SA counts the same packets and expires with them.
    ASSERT_EQ(stackB.soft.size(), 1u);
    ASSERT_EQ(stackB.hard.size(), 1u);
    EXPECT_EQ(stackB.sas[0], in);
    EXPECT_GT(stackB.soft[0], saOut.soft[0]);
    EXPECT_LT(stackB.soft[0], saOut.soft[0] + MilliSeconds(10));
    EXPECT_TRUE(in->IsHardExpired());
    EXPECT_EQ(in->GetCounters().packets, 10u);
    // Both are gone from the SADs; later packets find the SA expired and ask for a new one.
    EXPECT_EQ(Chain::Stack(c.gwA)->GetSad().FindOutbound(conn.reqidA, IpsecProtocol::ESP), nullptr);
    EXPECT_EQ(Chain::Inbound(c.gwB, out), nullptr);
    EXPECT_EQ((*drops)[DropReason::SA_EXPIRED], 10u);
    EXPECT_EQ(Chain::Stack(c.gwA)->GetDropCount(DropReason::SA_EXPIRED), 10u);
    EXPECT_EQ(drops->Total(), 10u);
    EXPECT_EQ(acquire.count, 10u);
    const uint32_t policy = OutPolicyId(c.gwA, conn.reqidA);
    EXPECT_NE(policy, 0u);
    EXPECT_EQ(acquire.policy, std::vector<uint32_t>(10, policy));
    EXPECT_EQ(out->GetCounters().packets, 10u);
}

TEST(E2eLifetime, PacketLimitsOfABundle)
{
    Chain c;
    c.ipsec.SetSaAttribute("Protocol", StringValue("esp+ah"));
    c.ipsec.SetSaAttribute("HardPackets", UintegerValue(4));
    IpsecConnection conn = c.Transport();
    ExpiryLog stackA;
    stackA.Watch(Chain::Stack(c.hostA));
    auto drops = c.WatchDrops();
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 6, 100);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 4u);
    EXPECT_EQ(stackA.hard.size(), 2u); // the ESP and the AH SA
    EXPECT_EQ(Chain::Stack(c.hostA)->GetDropCount(DropReason::SA_EXPIRED), 2u);
    EXPECT_EQ(drops->Total(), 2u);
}

TEST(E2eLifetime, TimeLimits)
{
    Chain c;
    c.ipsec.SetSaAttribute("SoftLifetime", TimeValue(Seconds(1.5)));
    c.ipsec.SetSaAttribute("HardLifetime", TimeValue(Seconds(2.5)));
    IpsecConnection conn = c.Tunnel();
    ExpiryLog stackA;
    ExpiryLog stackB;
    ExpiryLog saOut;
    stackA.Watch(Chain::Stack(c.gwA));
    stackB.Watch(Chain::Stack(c.gwB));
    saOut.Watch(conn.aToB[0]);
    AcquireLog acquire;
    acquire.Watch(Chain::Stack(c.gwA));
    auto drops = c.WatchDrops();
    // From 1 s to 3.88 s every 120 ms: 1.00 ... 2.44 (13 packets) before the hard limit.
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 25, 300, MilliSeconds(120));
    RunUntil(Seconds(5));

    EXPECT_EQ(flow->received, 13u);
    EXPECT_EQ(saOut.soft, std::vector<Time>{Seconds(1.5)});
    EXPECT_EQ(saOut.hard, std::vector<Time>{Seconds(2.5)});
    // Each gateway has two SAs (one per direction), installed at t = 0.
    EXPECT_EQ(stackA.soft, std::vector<Time>(2, Seconds(1.5)));
    EXPECT_EQ(stackA.hard, std::vector<Time>(2, Seconds(2.5)));
    EXPECT_EQ(stackB.soft, std::vector<Time>(2, Seconds(1.5)));
    EXPECT_EQ(stackB.hard, std::vector<Time>(2, Seconds(2.5)));
    EXPECT_EQ(conn.aToB[0]->GetCounters().packets, 13u);
    EXPECT_EQ((*drops)[DropReason::SA_EXPIRED], 12u);
    EXPECT_EQ(drops->Total(), 12u);
    EXPECT_EQ(acquire.count, 12u);
    EXPECT_TRUE(Chain::Stack(c.gwA)->GetSad().GetAll().empty());
    EXPECT_TRUE(Chain::Stack(c.gwB)->GetSad().GetAll().empty());
}

TEST(E2eLifetime, ByteLimits)
{
    Chain c;
    // Tunnel mode protects the inner datagram: 472 + 8 + 20 = 500 bytes each.
    c.ipsec.SetSaAttribute("SoftBytes", UintegerValue(2000));
    c.ipsec.SetSaAttribute("HardBytes", UintegerValue(5000));
    IpsecConnection conn = c.Tunnel();
    ExpiryLog saOut;
    saOut.Watch(conn.aToB[0]);
    ExpiryLog stackB;
    stackB.Watch(Chain::Stack(c.gwB));
    auto drops = c.WatchDrops();
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 15, 472);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 10u);
    EXPECT_EQ(saOut.soft, std::vector<Time>{AtGwA(3, 472)});
    EXPECT_EQ(saOut.hard, std::vector<Time>{AtGwA(9, 472)});
    EXPECT_EQ(stackB.soft.size(), 1u);
    EXPECT_EQ(stackB.hard.size(), 1u);
    EXPECT_EQ(conn.aToB[0]->GetCounters().bytes, 5000u);
    EXPECT_EQ((*drops)[DropReason::SA_EXPIRED], 5u);
    EXPECT_EQ(drops->Total(), 5u);
}

/// InitialSequence 2^32 - 3: two packets fit, the third overflows, the rest find no SA.
void
CheckSequenceOverflow(const std::string& protocol)
{
    SCOPED_TRACE(protocol);
    Chain c;
    c.ipsec.SetSaAttribute("Protocol", StringValue(protocol));
    c.ipsec.SetSaAttribute("InitialSequence", UintegerValue(0xFFFFFFFD));
    IpsecConnection conn = c.Tunnel();
    ExpiryLog stackA;
    stackA.Watch(Chain::Stack(c.gwA));
    AcquireLog acquire;
    acquire.Watch(Chain::Stack(c.gwA));
    auto drops = c.WatchDrops();
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 5, 200);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 2u);
    EXPECT_EQ((*drops)[DropReason::SEQ_OVERFLOW], 1u);
    EXPECT_EQ((*drops)[DropReason::SA_EXPIRED], 2u);
    EXPECT_EQ(drops->Total(), 3u);
    EXPECT_EQ(stackA.hard, std::vector<Time>{AtGwA(2, 200)});
    EXPECT_EQ(acquire.count, 2u);
    Ptr<SecurityAssociation> first = conn.aToB[0];
    EXPECT_TRUE(first->IsHardExpired());
    EXPECT_EQ(first->GetCounters().packets, 2u);
    EXPECT_EQ(first->GetCounters().highestSeq, 0xFFFFFFFFu);
    EXPECT_EQ(first->GetCounters().otherDrops, 1u);
    Ptr<SecurityAssociation> in = Chain::Inbound(c.gwB, first);
    ASSERT_TRUE(in);
    EXPECT_EQ(in->GetCounters().highestSeq, 0xFFFFFFFFu);
}

TEST(E2eLifetime, SequenceOverflowEsp)
{
    CheckSequenceOverflow("esp");
}

TEST(E2eLifetime, SequenceOverflowAh)
{
    CheckSequenceOverflow("ah");
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
