// SPDX-License-Identifier: GPL-2.0-only
// End-to-end attacks on the tunnel between the gateways: bytes changed in flight, datagrams
// replayed, reordered within and beyond the anti-replay window.

#include "ipsec-scenario.h"

#include "ns3/ipsec-constants.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace ipsec
{
namespace test
{
namespace
{

/// The IP protocol of the outer header for a Protocol attribute value.
uint8_t
OuterProtocol(const std::string& protocol)
{
    return protocol == "esp" ? ESP_PROTOCOL_NUMBER : AH_PROTOCOL_NUMBER;
}

// --- Tampering ----------------------------------------------------------------------------

/// Flip one byte of the 3rd IPsec datagram gwB receives; the SA that checks it first counts it.
void
CheckTamper(const std::string& protocol, size_t offsetFromEnd)
{
    SCOPED_TRACE(protocol);
    Chain c;
    c.ipsec.SetSaAttribute("Protocol", StringValue(protocol));
    IpsecConnection conn = c.Tunnel();
    auto drops = c.WatchDrops();
    const uint8_t outer = OuterProtocol(protocol);
    uint32_t seen = 0;
    InstallFrameHook(c.GwBWan(), [&](Ptr<Packet> frame) {
        Ipv4Header ip;
        if (ParseFrame(frame, ip) && ip.GetProtocol() == outer && ++seen == 3)
        {
            EditFramePayload(frame, [offsetFromEnd](std::vector<uint8_t>& bytes) {
                bytes[bytes.size() - 1 - offsetFromEnd] ^= 0x40;
            });
        }
        return false;
    });
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 10, 500);
    RunUntil(Seconds(3));
    EXPECT_EQ(seen, 10u);
    EXPECT_EQ(flow->received, 9u);
    EXPECT_EQ((*drops)[DropReason::ICV_FAILURE], 1u);
    EXPECT_EQ(drops->Total(), 1u);
    EXPECT_EQ(Chain::Stack(c.gwB)->GetDropCount(DropReason::ICV_FAILURE), 1u);
    // The outermost SA verifies first: AH in a bundle, else the only one.
    Ptr<SecurityAssociation> checked = Chain::Inbound(c.gwB, conn.aToB.back());
    ASSERT_TRUE(checked);
    EXPECT_EQ(checked->GetCounters().icvFailures, 1u);
    EXPECT_EQ(checked->GetCounters().packets, 9u);
    EXPECT_EQ(checked->GetCounters().replayDrops, 0u);
    EXPECT_EQ(checked->GetCounters().otherDrops, 0u);
    // The window did not record the forged number: sequence 3 was never accepted, 10 was.
    EXPECT_EQ(checked->GetReplayWindow().GetHighest(), 10u);
    uint64_t seq = 0;
    EXPECT_EQ(checked->GetReplayWindow().Check(3, seq), DropReason::NONE);
    EXPECT_EQ(checked->GetReplayWindow().Check(4, seq), DropReason::REPLAY);
}

TEST(E2eTamper, EspCiphertextByteFlipped)
{
    CheckTamper("esp", 100);
}

TEST(E2eTamper, EspIcvByteFlipped)
{
    CheckTamper("esp", 0);
}

TEST(E2eTamper, AhPayloadByteFlipped)
{
    CheckTamper("ah", 100);
}

TEST(E2eTamper, EspAhPayloadByteFlipped)
{
    CheckTamper("esp+ah", 100);
}

TEST(E2eTamper, TamperedSpiFindsNoSa)
{
    Chain c;
    IpsecConnection conn = c.Tunnel();
    auto drops = c.WatchDrops();
    uint32_t seen = 0;
    InstallFrameHook(c.GwBWan(), [&](Ptr<Packet> frame) {
        Ipv4Header ip;
        if (ParseFrame(frame, ip) && ip.GetProtocol() == ESP_PROTOCOL_NUMBER && ++seen == 2)
        {
            EditFramePayload(frame, [](std::vector<uint8_t>& bytes) { bytes[0] ^= 0x80; });
        }
        return false;
    });
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 5, 200);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 4u);
    EXPECT_EQ((*drops)[DropReason::NO_SA], 1u);
    EXPECT_EQ(drops->Total(), 1u);
    Ptr<SecurityAssociation> in = Chain::Inbound(c.gwB, conn.aToB[0]);
    EXPECT_EQ(in->GetCounters().packets, 4u);
    EXPECT_EQ(in->GetCounters().icvFailures, 0u);
}

// --- Replay -------------------------------------------------------------------------------

/**
 * Copy the 2nd IPsec datagram gwB's WAN device receives (MacRx trace) and give it to gwB's IP
 * again at t = 2 s.
 */
void
CheckReplay(const std::string& protocol, bool esn)
{
    SCOPED_TRACE(protocol + (esn ? " esn" : ""));
    Chain c;
    c.ipsec.SetSaAttribute("Protocol", StringValue(protocol));
    if (esn)
    {
        c.ipsec.SetSaAttribute("Esn", BooleanValue(true));
        c.ipsec.SetSaAttribute("InitialSequence", UintegerValue(0xFFFFFFFE));
    }
    IpsecConnection conn = c.Tunnel();
    auto drops = c.WatchDrops();
    const uint8_t outer = OuterProtocol(protocol);
    uint32_t seen = 0;
    Ptr<Packet> captured;
    ASSERT_TRUE(c.GwBWan()->TraceConnectWithoutContext(
        "MacRx",
        Callback<void, Ptr<const Packet>>([&](Ptr<const Packet> frame) {
            Ipv4Header ip;
            if (ParseFrame(frame, ip) && ip.GetProtocol() == outer && ++seen == 2)
            {
                captured = FrameDatagram(frame);
            }
        })));
    Ptr<SecurityAssociation> in = Chain::Inbound(c.gwB, conn.aToB.back());
    ASSERT_TRUE(in);
    std::vector<DropReason> saDrops;
    ASSERT_TRUE(in->TraceConnectWithoutContext(
        "Drop",
        Callback<void, Ptr<const Packet>, DropReason>(
            [&saDrops](Ptr<const Packet>, DropReason r) { saDrops.push_back(r); })));
    Simulator::Schedule(Seconds(2), [&]() {
        ASSERT_TRUE(captured);
        Inject(c.gwB, c.GwBWan(), captured);
    });
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 6, 300);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 6u); // not 7: no duplicate delivery
    EXPECT_EQ((*drops)[DropReason::REPLAY], 1u);
    EXPECT_EQ(drops->Total(), 1u);
    EXPECT_EQ(saDrops, std::vector<DropReason>{DropReason::REPLAY});
    EXPECT_EQ(in->GetCounters().replayDrops, 1u);
    EXPECT_EQ(in->GetCounters().packets, 6u);
    EXPECT_EQ(in->GetCounters().highestSeq, (esn ? uint64_t{0xFFFFFFFE} : 0) + 6);
}

TEST(E2eReplay, EspReplayDropped)
{
    CheckReplay("esp", false);
}

TEST(E2eReplay, EspReplayDroppedWithEsn)
{
    // The replayed packet's number is 2^32 - 1 + 1 = 2^32: its low half is 0.
    CheckReplay("esp", true);
}

TEST(E2eReplay, AhReplayDropped)
{
    CheckReplay("ah", false);
}

TEST(E2eReplay, EspAhReplayDroppedWithEsn)
{
    CheckReplay("esp+ah", true);
}

// --- Reordering ---------------------------------------------------------------------------

/// What a reordering run saw.
struct ReorderResult
{
    uint32_t received{0};        ///< datagrams hostB received
    uint32_t replayDrops{0};     ///< replay drops (all nodes)
    uint32_t otherDrops{0};      ///< all other drops
    uint64_t saReplayDrops{0};   ///< gwB's inbound SA counter
    uint64_t saPackets{0};       ///< gwB's inbound SA accepted packets
    std::vector<uint32_t> sizes; ///< datagram sizes in arrival order
    uint32_t injected{0};        ///< re-injections done
};

/**
 * Hold the n-th ESP datagram gwB receives and hand it to gwB's IP after `later` more ESP
 * datagrams; with `duplicate` the original is delivered too. The i-th UDP datagram has
 * 100 + i bytes, so the arrival order shows in the sizes.
 */
ReorderResult
RunReorder(uint32_t window, uint32_t count, uint32_t n, uint32_t later, bool duplicate)
{
    Chain c;
    c.ipsec.SetSaAttribute("ReplayWindow", UintegerValue(window));
    IpsecConnection conn = c.Tunnel();
    auto drops = c.WatchDrops();
    ReorderResult r;
    uint32_t seen = 0;
    Ptr<Packet> held;
    InstallFrameHook(c.GwBWan(), [&](Ptr<Packet> frame) {
        Ipv4Header ip;
        if (!ParseFrame(frame, ip) || ip.GetProtocol() != ESP_PROTOCOL_NUMBER)
        {
            return false;
        }
        seen++;
        if (seen == n)
        {
            held = FrameDatagram(frame);
            return !duplicate;
        }
        if (held && seen == n + later)
        {
            Ptr<Packet> p = held;
            held = nullptr;
            Simulator::ScheduleNow([&c, &r, p]() {
                r.injected++;
                Inject(c.gwB, c.GwBWan(), p);
            });
        }
        return false;
    });

    Ptr<Socket> rx = Socket::CreateSocket(c.hostB, UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9000));
    rx->SetRecvCallback([&r](Ptr<Socket> s) {
        while (Ptr<Packet> p = s->Recv())
        {
            r.received++;
            r.sizes.push_back(p->GetSize());
        }
    });
    Ptr<Socket> tx = Socket::CreateSocket(c.hostA, UdpSocketFactory::GetTypeId());
    tx->Connect(InetSocketAddress(c.hostBAddr, 9000));
    for (uint32_t i = 1; i <= count; i++)
    {
        Simulator::Schedule(Seconds(1) + MilliSeconds(10) * i,
                            [tx, i]() { tx->Send(Create<Packet>(100 + i)); });
    }
    RunUntil(Seconds(3));
    r.replayDrops = (*drops)[DropReason::REPLAY];
    r.otherDrops = drops->Total() - r.replayDrops;
    Ptr<SecurityAssociation> in = Chain::Inbound(c.gwB, conn.aToB[0]);
    r.saReplayDrops = in->GetCounters().replayDrops;
    r.saPackets = in->GetCounters().packets;
    return r;
}

TEST(E2eReorder, DelayedWithinTheWindowIsDelivered)
{
    ReorderResult r = RunReorder(32, 10, 3, 5, false);
    EXPECT_EQ(r.injected, 1u);
    EXPECT_EQ(r.received, 10u);
    EXPECT_EQ(r.replayDrops, 0u);
    EXPECT_EQ(r.otherDrops, 0u);
    EXPECT_EQ(r.saReplayDrops, 0u);
    EXPECT_EQ(r.saPackets, 10u);
    // Datagram 3 arrives after datagram 8.
    EXPECT_EQ(r.sizes, (std::vector<uint32_t>{101, 102, 104, 105, 106, 107, 108, 103, 109, 110}));
}

TEST(E2eReorder, DelayedBeyondASmallWindowIsAReplay)
{
    ReorderResult r = RunReorder(4, 12, 3, 8, false);
    EXPECT_EQ(r.injected, 1u);
    EXPECT_EQ(r.received, 11u);
    EXPECT_EQ(r.replayDrops, 1u);
    EXPECT_EQ(r.otherDrops, 0u);
    EXPECT_EQ(r.saReplayDrops, 1u);
    EXPECT_EQ(r.saPackets, 11u);
    EXPECT_EQ(std::count(r.sizes.begin(), r.sizes.end(), 103u), 0);
}

TEST(E2eReorder, DelayedAtTheEdgeOfASmallWindowIsDelivered)
{
    // Window 4: with 3 later packets the highest is 6 and 3 is still inside (6 - 3 < 4).
    ReorderResult r = RunReorder(4, 8, 3, 3, false);
    EXPECT_EQ(r.received, 8u);
    EXPECT_EQ(r.replayDrops, 0u);
    // One more later packet and it falls out (7 - 3 >= 4).
    r = RunReorder(4, 8, 3, 4, false);
    EXPECT_EQ(r.received, 7u);
    EXPECT_EQ(r.replayDrops, 1u);
}

TEST(E2eReorder, DuplicateDroppedWithTheWindow)
{
    ReorderResult r = RunReorder(32, 6, 2, 2, true);
    EXPECT_EQ(r.injected, 1u);
    EXPECT_EQ(r.received, 6u);
    EXPECT_EQ(r.replayDrops, 1u);
    EXPECT_EQ(r.saReplayDrops, 1u);
}

TEST(E2eReorder, WindowZeroDeliversDuplicatesAndLatePackets)
{
    ReorderResult r = RunReorder(0, 6, 2, 2, true);
    EXPECT_EQ(r.injected, 1u);
    EXPECT_EQ(r.received, 7u);
    EXPECT_EQ(std::count(r.sizes.begin(), r.sizes.end(), 102u), 2);
    EXPECT_EQ(r.replayDrops, 0u);
    EXPECT_EQ(r.otherDrops, 0u);
    EXPECT_EQ(r.saReplayDrops, 0u);
    EXPECT_EQ(r.saPackets, 7u);

    r = RunReorder(0, 12, 3, 8, false);
    EXPECT_EQ(r.received, 12u);
    EXPECT_EQ(r.replayDrops, 0u);
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
