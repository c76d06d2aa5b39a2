// SPDX-License-Identifier: GPL-2.0-only
// End-to-end: the outer header of tunnel mode (RFC 4301 §5.1.2: DSCP copied; RFC 6040: ECN at
// ingress and egress; DF copy/set/clear; TTL) as seen on the WAN and after decapsulation.

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

/// Sets the ECN field of every received IPv4 packet (after the 2-byte PPP header) to CE.
class MarkCe : public ErrorModel
{
  private:
    bool DoCorrupt(Ptr<Packet> p) override
    {
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        if (bytes.size() > 3 && bytes[0] == 0x00 && bytes[1] == 0x21) // PPP: IPv4
        {
            bytes[3] |= 0x03;
            p->RemoveAtEnd(p->GetSize());
            p->AddAtEnd(Create<Packet>(bytes.data(), bytes.size()));
        }
        return false;
    }

    void DoReset() override
    {
    }
};

/**
 * Send UDP from hostA to hostB with a TOS byte.
 * @param c the chain
 * @param tos the TOS byte (DSCP << 2 | ECN)
 * @param count datagrams
 * @param size bytes
 */
void
SendWithTos(Chain& c, uint8_t tos, uint32_t count, uint32_t size = 200)
{
    Ptr<Socket> rx = Socket::CreateSocket(c.hostB, UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5000));
    Ptr<Socket> tx = Socket::CreateSocket(c.hostA, UdpSocketFactory::GetTypeId());
    tx->Connect(InetSocketAddress(c.hostBAddr, 5000));
    tx->SetIpTos(tos); // after Connect(): up to ns-3.41 it sets the TOS from the address
    for (uint32_t i = 0; i < count; i++)
    {
        Simulator::Schedule(Seconds(1) + MilliSeconds(10 * i),
                            [tx, size]() { tx->Send(Create<Packet>(size)); });
    }
}

TEST(TunnelHeader, DscpAndEcnCopiedTtlAndDfFromAttributes)
{
    Chain c;
    Chain::Stack(c.gwA)->SetAttribute("TunnelTtl", UintegerValue(17));
    Chain::Stack(c.gwA)->SetAttribute("TunnelDf", EnumValue(TUNNEL_DF_SET));
    c.Tunnel();
    RxLog wan;
    wan.Watch(c.router);
    RxLog lan;
    lan.Watch(c.hostB);
    const uint8_t tos = (46 << 2) | 0x02; // EF, ECT(0)
    SendWithTos(c, tos, 3);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    auto esp = wan.Headers(50);
    ASSERT_EQ(esp.size(), 3u);
    for (const auto& h : esp)
    {
        EXPECT_EQ(h.GetTos(), tos) << "DSCP and ECN copied (RFC 4301 §5.1.2.1, RFC 6040 normal)";
        EXPECT_EQ(h.GetTtl(), 17) << "the router's Rx trace sees the TTL gwA set";
        EXPECT_TRUE(h.IsDontFragment());
        EXPECT_EQ(h.GetSource(), c.gwAWan);
        EXPECT_EQ(h.GetDestination(), c.gwBWan);
    }
    EXPECT_EQ(wan.Headers(17).size(), 0u) << "no inner UDP in clear on the WAN";
    auto udp = lan.Headers(17);
    ASSERT_EQ(udp.size(), 3u);
    for (const auto& h : udp)
    {
        EXPECT_EQ(h.GetTos(), tos) << "inner header unchanged by the tunnel";
        EXPECT_EQ(h.GetSource(), c.hostAAddr);
    }
}

TEST(TunnelHeader, EcnCompatibilityModeAndDfClear)
{
    Chain c;
    Chain::Stack(c.gwA)->SetAttribute("TunnelEcn", EnumValue(TUNNEL_ECN_COMPATIBILITY));
    Chain::Stack(c.gwA)->SetAttribute("TunnelDf", EnumValue(TUNNEL_DF_CLEAR));
    c.Tunnel();
    RxLog wan;
    wan.Watch(c.router);
    SendWithTos(c, (10 << 2) | 0x01, 2);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    auto esp = wan.Headers(50);
    ASSERT_EQ(esp.size(), 2u);
    for (const auto& h : esp)
    {
        EXPECT_EQ(h.GetDscp(), 10);
        EXPECT_EQ(h.GetEcn(), Ipv4Header::ECN_NotECT);
        EXPECT_FALSE(h.IsDontFragment());
    }
}

TEST(TunnelHeader, CeOnOuterReachesEctInnerAndDropsNotEctInner)
{
    for (uint8_t innerEcn : {uint8_t{0x02}, uint8_t{0x00}})
    {
        Chain c;
        c.Tunnel();
        // Mark CE on every packet gwB receives from the WAN (link 2: router - gwB).
        c.links[2].Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(CreateObject<MarkCe>()));
        RxLog lan;
        lan.Watch(c.hostB);
        DropLog drops;
        drops.Watch(c.gwB);
        SendWithTos(c, innerEcn, 4);
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        auto udp = lan.Headers(17);
        if (innerEcn == 0x02)
        {
            ASSERT_EQ(udp.size(), 4u);
            for (const auto& h : udp)
            {
                EXPECT_EQ(h.GetEcn(), Ipv4Header::ECN_CE) << "RFC 6040 §4.2: CE propagates";
            }
        }
        else
        {
            EXPECT_EQ(udp.size(), 0u) << "RFC 6040 §4.2: outer CE, inner Not-ECT: drop";
            EXPECT_EQ(drops[DropReason::ECN_CE_NOT_ECT], 4u);
        }
    }
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
