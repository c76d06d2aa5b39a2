// SPDX-License-Identifier: GPL-2.0-only
// End-to-end: tampered, replayed and reordered ESP/AH packets (RFC 4303 §3.4.3-§3.4.4).

#include "ipsec-scenario.h"

#include "ns3/error-model.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace ipsec
{
namespace test
{
namespace
{

/// What the interceptor does with its chosen packet.
enum class Action
{
    TAMPER, ///< flip the last byte (in the ICV) and let it through
    COPY,   ///< let it through and keep a copy for a later replay
    HOLD,   ///< hold it back and deliver it later (reordering)
};

/**
 * A receive error model on a point-to-point device that picks the n-th IPsec packet (ESP or AH,
 * counted from 1) and tampers with it, copies it or holds it back; held and copied packets are
 * re-injected into the node's IP layer by Inject().
 */
class Interceptor : public ErrorModel
{
  public:
    Interceptor(Action action, uint32_t n)
        : m_action(action),
          m_n(n)
    {
    }

    /**
     * Hand the kept packet to the node's IP layer as if received again.
     * @param device the receiving device
     */
    void Inject(Ptr<NetDevice> device)
    {
        ASSERT_TRUE(m_kept) << "no packet was kept";
        Ptr<Ipv4L3Protocol> ip = device->GetNode()->GetObject<Ipv4L3Protocol>();
        ip->Receive(device,
                    m_kept->Copy(),
                    Ipv4L3Protocol::PROT_NUMBER,
                    device->GetAddress(),
                    device->GetAddress(),
                    NetDevice::PACKET_HOST);
    }

    uint32_t m_seen{0}; ///< IPsec packets seen

  private:
    bool DoCorrupt(Ptr<Packet> p) override
    {
        std::vector<uint8_t> b(p->GetSize());
        p->CopyData(b.data(), b.size());
        // PPP header 0x0021 (IPv4), then the IP header: protocol at byte 9
        if (b.size() < 22 || b[0] != 0x00 || b[1] != 0x21 || (b[11] != 50 && b[11] != 51))
        {
            return false;
        }
        if (++m_seen != m_n)
        {
            return false;
        }
        switch (m_action)
        {
        case Action::TAMPER:
            b.back() ^= 0x01;
            p->RemoveAtEnd(p->GetSize());
            p->AddAtEnd(Create<Packet>(b.data(), b.size()));
            return false;
        case Action::COPY:
        case Action::HOLD:
            m_kept = Create<Packet>(b.data() + 2, b.size() - 2);
            return m_action == Action::HOLD;
        }
        return false;
    }

    void DoReset() override
    {
    }

    Action m_action;    ///< what to do
    uint32_t m_n;       ///< which packet
    Ptr<Packet> m_kept; ///< kept packet (IP datagram)
};

/// Tunnel scenario with an interceptor on gwB's WAN device and a UDP flow of 10 packets.
struct Attacked
{
    Chain c;                       ///< topology
    IpsecConnection conn;          ///< the tunnel
    Ptr<Interceptor> interceptor;  ///< on gwB's WAN device
    std::shared_ptr<UdpFlow> flow; ///< hostA -> hostB, 10 packets every 10 ms from 1 s
    DropLog drops;                 ///< gwB's drops

    /**
     * Build it.
     * @param action interceptor action
     * @param n which IPsec packet
     * @param protocol esp, ah or esp+ah
     * @param window replay window
     * @param esn ESN on
     */
    Attacked(Action action,
             uint32_t n,
             const std::string& protocol = "esp",
             uint32_t window = 32,
             bool esn = false)
    {
        c.ipsec.SetSaAttribute("Protocol",
                               EnumValue(protocol == "esp"  ? 0
                                         : protocol == "ah" ? 1
                                                            : 2));
        c.ipsec.SetSaAttribute("ReplayWindow", UintegerValue(window));
        c.ipsec.SetSaAttribute("Esn", BooleanValue(esn));
        conn = c.Tunnel();
        interceptor = Create<Interceptor>(action, n);
        WanDevice()->SetAttribute("ReceiveErrorModel", PointerValue(interceptor));
        flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 10, 300);
        drops.Watch(c.gwB);
    }

    /**
     * gwB's device on the router link.
     * @return it
     */
    Ptr<NetDevice> WanDevice()
    {
        return c.links[2].Get(1);
    }

    /**
     * Re-inject the kept packet at a time.
     * @param t when
     */
    void InjectAt(Time t)
    {
        Simulator::Schedule(t, &Interceptor::Inject, interceptor, WanDevice());
    }

    /**
     * Run to the end.
     */
    void Run()
    {
        Simulator::Stop(Seconds(3));
        Simulator::Run();
    }

    /**
     * The inbound SA at gwB of the given protocol.
     * @param p protocol
     * @return the SA
     */
    Ptr<SecurityAssociation> InboundAtB(IpsecProtocol p)
    {
        for (auto& sa : conn.aToB)
        {
            if (sa->GetConfig().protocol == p)
            {
                return Chain::Stack(c.gwB)->GetSad().FindInbound(sa->GetSpi(), c.gwBWan, p);
            }
        }
        return nullptr;
    }
};

TEST(Attack, TamperedEspIsAnIcvFailure)
{
    Attacked a(Action::TAMPER, 4);
    a.Run();
    EXPECT_EQ(a.flow->received, 9u);
    EXPECT_EQ(a.drops[DropReason::ICV_FAILURE], 1u);
    EXPECT_EQ(a.drops.count.size(), 1u);
    auto sa = a.InboundAtB(IpsecProtocol::ESP);
    ASSERT_TRUE(sa);
    EXPECT_EQ(sa->GetCounters().icvFailures, 1u);
    EXPECT_EQ(sa->GetCounters().packets, 9u);
    EXPECT_EQ(sa->GetCounters().highestSeq, 10u);
}

TEST(Attack, TamperedAhIsAnIcvFailure)
{
    for (std::string protocol : {"ah", "esp+ah"})
    {
        Attacked a(Action::TAMPER, 2, protocol);
        a.Run();
        EXPECT_EQ(a.flow->received, 9u) << protocol;
        EXPECT_EQ(a.drops[DropReason::ICV_FAILURE], 1u) << protocol;
        auto ah = a.InboundAtB(IpsecProtocol::AH);
        ASSERT_TRUE(ah);
        EXPECT_EQ(ah->GetCounters().icvFailures, 1u) << "AH checks first";
    }
}

TEST(Attack, ReplayedPacketIsDropped)
{
    for (bool esn : {false, true})
    {
        Attacked a(Action::COPY, 3, "esp", 32, esn);
        a.InjectAt(Seconds(2));
        a.Run();
        EXPECT_EQ(a.flow->received, 10u) << "no duplicate delivery, esn " << esn;
        EXPECT_EQ(a.drops[DropReason::REPLAY], 1u);
        EXPECT_EQ(a.InboundAtB(IpsecProtocol::ESP)->GetCounters().replayDrops, 1u);
    }
}

TEST(Attack, ReplayedAhPacketIsDropped)
{
    Attacked a(Action::COPY, 5, "ah");
    a.InjectAt(Seconds(2));
    a.Run();
    EXPECT_EQ(a.flow->received, 10u);
    EXPECT_EQ(a.drops[DropReason::REPLAY], 1u);
}

TEST(Attack, WithoutWindowTheReplayIsDelivered)
{
    Attacked a(Action::COPY, 3, "esp", 0);
    a.InjectAt(Seconds(2));
    a.Run();
    EXPECT_EQ(a.flow->received, 11u) << "window 0 turns anti-replay off";
    EXPECT_EQ(a.drops.count.size(), 0u);
}

TEST(Attack, ReorderedInsideTheWindowIsDelivered)
{
    // Packet 3 (sent at 1.02 s) arrives after packets 4-8 (the last at ~1.071 s).
    Attacked a(Action::HOLD, 3, "esp", 32);
    a.InjectAt(Seconds(1.075));
    a.Run();
    EXPECT_EQ(a.flow->received, 10u);
    EXPECT_EQ(a.drops.count.size(), 0u);
}

TEST(Attack, ReorderedLeftOfASmallWindowIsDropped)
{
    // Window 4: when packet 3 comes back, packet 8 is the highest, so 3 <= 8 - 4.
    Attacked a(Action::HOLD, 3, "esp", 4);
    a.InjectAt(Seconds(1.075));
    a.Run();
    EXPECT_EQ(a.flow->received, 9u);
    EXPECT_EQ(a.drops[DropReason::REPLAY], 1u);
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
