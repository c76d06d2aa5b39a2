// SPDX-License-Identifier: GPL-2.0-only
// End-to-end: fragments under a policy with port selectors (RFC 4301 §7). A tunnel protects UDP
// port 5000 only; hostA sends 3000-byte datagrams that its 1500-byte link fragments. gwA must
// protect every fragment of them (it reassembles before the policy lookup, as Linux gateways
// do), gwB must refuse plaintext fragments of the protected flow, and other flows' fragments
// pass as they are.

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
constexpr uint16_t PROTECTED_PORT = 5000;

/// A tunnel between the LANs for UDP to and from port 5000 of LAN B only.
IpsecConnection
PortTunnel(Chain& c)
{
    TrafficSelector ts;
    ts.local = AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24);
    ts.remote = AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24);
    ts.protocol = UDP;
    ts.remotePorts = PortRange::Single(PROTECTED_PORT);
    return c.ipsec.AddTunnel(c.gwA, c.gwAWan, c.gwB, c.gwBWan, ts);
}

/// A UDP datagram hostA -> hostB:port of `size` payload bytes, split into two fragments.
std::vector<std::pair<Ipv4Header, Ptr<Packet>>>
TwoFragments(const Chain& c, uint16_t port, uint32_t size, uint16_t id)
{
    std::vector<uint8_t> udp(8 + size, 0x5a);
    udp[0] = 0x0f; // source port 4000
    udp[1] = 0xa0;
    udp[2] = port >> 8;
    udp[3] = port & 0xff;
    udp[4] = (udp.size() >> 8) & 0xff;
    udp[5] = udp.size() & 0xff;
    udp[6] = 0; // no checksum (RFC 768)
    udp[7] = 0;
    const uint32_t split = 1480;
    std::vector<std::pair<Ipv4Header, Ptr<Packet>>> out;
    for (uint32_t offset : {0u, split})
    {
        const uint32_t n = offset == 0 ? split : udp.size() - split;
        Ipv4Header h;
        h.SetSource(c.hostAAddr);
        h.SetDestination(c.hostBAddr);
        h.SetProtocol(UDP);
        h.SetTtl(60);
        h.SetIdentification(id);
        h.SetFragmentOffset(offset);
        if (offset == 0)
        {
            h.SetMoreFragments();
        }
        else
        {
            h.SetLastFragment();
        }
        h.SetPayloadSize(n);
        out.emplace_back(h, Create<Packet>(udp.data() + offset, n));
    }
    return out;
}

/// The datagram a header and payload make.
Ptr<Packet>
Datagram(const Ipv4Header& h, Ptr<const Packet> payload)
{
    Ptr<Packet> p = payload->Copy();
    p->AddHeader(h);
    return p;
}

TEST(FragmentPolicy, EveryFragmentOfAPortSelectedFlowIsProtected)
{
    Chain c;
    IpsecConnection conn = PortTunnel(c);
    auto drops = c.WatchDrops();
    RxLog wan;
    wan.Watch(c.router);
    RxLog lanB;
    lanB.Watch(c.hostB);
    auto secret = SendUdp(c.hostA, c.hostB, c.hostBAddr, PROTECTED_PORT, 5, 3000);
    auto open = SendUdp(c.hostA, c.hostB, c.hostBAddr, 6000, 3, 3000, MilliSeconds(10), Seconds(2));
    RunUntil(Seconds(4));

    EXPECT_EQ(secret->received, 5u);
    EXPECT_EQ(secret->sizes, std::vector<uint32_t>(5, 3000)) << "the datagrams arrive whole";
    EXPECT_EQ(open->received, 3u);
    EXPECT_EQ(drops->Total(), 0u);
    EXPECT_EQ(conn.aToB[0]->GetCounters().packets, 5u) << "one ESP packet per whole datagram";

    // On the WAN: plaintext UDP only of port 6000 (3 datagrams x 3 fragments: gwA reassembles
    // them to read their ports and refragments them); every port-5000 byte inside ESP.
    uint32_t plainBytes = 0;
    uint32_t plainFragments = 0;
    for (const auto& e : wan.entries)
    {
        if (e.header.GetProtocol() == UDP)
        {
            plainFragments++;
            plainBytes += e.payload.size();
            if (e.header.GetFragmentOffset() == 0)
            {
                EXPECT_EQ((e.payload[2] << 8) | e.payload[3], 6000);
            }
        }
    }
    EXPECT_EQ(plainFragments, 9u);
    EXPECT_EQ(plainBytes, 3u * 3008);
    EXPECT_GE(wan.Count(ESP_PROTOCOL_NUMBER), 10u) << "each tunnelled datagram is fragmented";
    // hostB gets gwB's refragmented plaintext: the port-5000 datagrams too (after the tunnel).
    EXPECT_EQ(lanB.Count(UDP), 5u * 3 + 3u * 3);
}

TEST(FragmentPolicy, PlaintextFragmentsOfAProtectedFlowAreRefused)
{
    Chain c;
    PortTunnel(c);
    auto drops = c.WatchDrops();
    RxLog lanB;
    lanB.Watch(c.hostB);
    // Both fragments of a plaintext datagram of the protected flow reach gwB from the WAN,
    // non-first fragment first; a datagram of another port follows the same way.
    auto leaked = TwoFragments(c, PROTECTED_PORT, 2000, 77);
    auto other = TwoFragments(c, 6000, 2000, 78);
    Simulator::Schedule(Seconds(1), [&]() {
        for (auto* d : {&leaked, &other})
        {
            Inject(c.gwB, c.GwBWan(), Datagram((*d)[1].first, (*d)[1].second));
            Inject(c.gwB, c.GwBWan(), Datagram((*d)[0].first, (*d)[0].second));
        }
    });
    RunUntil(Seconds(2));
    EXPECT_EQ(Chain::Stack(c.gwB)->GetDropCount(DropReason::NOT_PROTECTED), 1u)
        << "the reassembled datagram, once";
    EXPECT_EQ(drops->Total(), 1u);
    uint32_t seen = 0;
    for (const auto& e : lanB.entries)
    {
        if (e.header.GetProtocol() == UDP)
        {
            seen++;
            EXPECT_EQ(e.header.GetIdentification(), 78) << "no fragment of the protected flow";
        }
    }
    EXPECT_EQ(seen, 2u) << "the other datagram, refragmented for the 1500-byte LAN";
}

TEST(FragmentPolicy, IncompleteDatagramIsDroppedAfterTheTimeout)
{
    Chain c;
    PortTunnel(c);
    Chain::Stack(c.gwA)->SetAttribute("FragmentTimeout", TimeValue(Seconds(3)));
    auto drops = c.WatchDrops();
    RxLog wan;
    wan.Watch(c.router);
    auto frags = TwoFragments(c, PROTECTED_PORT, 2000, 9);
    // Only the non-first fragment (no ports) reaches gwA from LAN A.
    Simulator::Schedule(Seconds(1), [&]() {
        Inject(c.gwA, c.links[0].Get(1), Datagram(frags[1].first, frags[1].second));
    });
    RunUntil(Seconds(3.5));
    EXPECT_EQ(drops->Total(), 0u) << "held, not yet dropped";
    RunUntil(Seconds(5));
    EXPECT_EQ(Chain::Stack(c.gwA)->GetDropCount(DropReason::FRAGMENT_TIMEOUT), 1u);
    EXPECT_EQ(wan.entries.size(), 0u) << "never sent in plaintext";
}

TEST(FragmentPolicy, FragmentedIkeDatagramsBypassTheirHostsPolicies)
{
    // A transport policy protects everything between hostA and hostB. IKE (UDP port 500 to port
    // 500) bypasses it by its ports, but an IKE message larger than the link's MTU is
    // fragmented, and its non-first fragments have no ports: hostB must reassemble before it
    // decides, as Linux does (xfrm's policy check runs after defragmentation), or it drops the
    // message it needs to key the SAs. Another flow of the same size is still protected.
    Chain c;
    IpsecConnection conn = c.Transport();
    auto drops = c.WatchDrops();
    RxLog wan;
    wan.Watch(c.router);
    auto bindIke = [](Ptr<Socket> s) { s->Bind(InetSocketAddress(Ipv4Address::GetAny(), 500)); };
    auto ike =
        SendUdp(c.hostA, c.hostB, c.hostBAddr, 500, 3, 3000, MilliSeconds(10), Seconds(1), bindIke);
    auto other =
        SendUdp(c.hostA, c.hostB, c.hostBAddr, 6000, 2, 3000, MilliSeconds(10), Seconds(2));
    RunUntil(Seconds(4));

    EXPECT_EQ(ike->received, 3u);
    EXPECT_EQ(ike->sizes, std::vector<uint32_t>(3, 3000)) << "IKE messages arrive whole";
    EXPECT_EQ(other->received, 2u);
    EXPECT_EQ(drops->Total(), 0u);
    EXPECT_EQ(conn.aToB[0]->GetCounters().packets, 2u) << "only the other flow used the SA";
    uint32_t plainFragments = 0;
    for (const auto& e : wan.entries)
    {
        if (e.header.GetProtocol() == UDP)
        {
            plainFragments++;
        }
    }
    EXPECT_EQ(plainFragments, 3u * 3) << "IKE in plaintext, in fragments";
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
