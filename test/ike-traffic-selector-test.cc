// SPDX-License-Identifier: GPL-2.0-only
// IKE traffic selectors: the TS_IPV4_ADDR_RANGE bytes of RFC 7296 §3.13.1, narrowing (§2.9)
// checked against what strongSwan's responder did in a captured exchange, intersections, and
// the conversion to and from the data plane's two-sided selectors (ICMP type/code packing of
// RFC 4301 §4.4.1.3).

#include "ikev2-fixture-util.h"
#include "ipsec-test-util.h"

#include "ns3/ike-child-sa-installer.h"
#include "ns3/ike-traffic-selector.h"
#include "ns3/ipsec-config-error.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

IkeTsSide
Side(const char* prefix, uint8_t len, uint8_t protocol = 0, uint16_t p1 = 0, uint16_t p2 = 65535)
{
    IkeTsSide s;
    s.protocol = protocol;
    s.ports = PortRange{p1, p2};
    s.addresses = AddressRange::Prefix(Ipv4Address(prefix), len);
    return s;
}

std::vector<IkeTsSide>
Sides(const Ikev2TsPayload* ts)
{
    std::vector<IkeTsSide> sides;
    for (const auto& s : ts->selectors)
    {
        auto side = FromIkev2(s);
        EXPECT_TRUE(side.has_value());
        sides.push_back(*side);
    }
    return sides;
}

} // namespace

TEST(IkeTrafficSelectorTest, Ikev2EntryBytes)
{
    Ikev2TsPayload payload{{ToIkev2(Side("10.1.0.0", 24, 17, 500, 500))}};
    Ikev2Message m;
    m.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_TSI, payload));
    const auto bytes = m.Serialize();
    // TS payload: header, 1 selector, reserved; type 7, UDP, length 16, ports, addresses.
    EXPECT_EQ(Hex(std::vector<uint8_t>(bytes.begin() + 28, bytes.end())),
              "000000180100000007110010"
              "01f401f40a0100000a0100ff");
    const auto back = FromIkev2(payload.selectors[0]);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, Side("10.1.0.0", 24, 17, 500, 500));
    EXPECT_EQ(back->ToString(), "10.1.0.0/24[17/500]");
    EXPECT_EQ(Side("10.1.0.0", 16).ToString(), "10.1.0.0/16");
    IkeTsSide range = Side("10.0.0.0", 32, 6, 1000, 2000);
    range.addresses.last = Ipv4Address("10.0.0.9");
    EXPECT_EQ(range.ToString(), "10.0.0.0..10.0.0.9[6/1000-2000]");
}

TEST(IkeTrafficSelectorTest, UnusableEntriesAreNarrowedAway)
{
    Ikev2TrafficSelector v6;
    v6.tsType = ikev2::TS_IPV6_ADDR_RANGE;
    v6.startAddress = std::vector<uint8_t>(16, 0);
    v6.endAddress = std::vector<uint8_t>(16, 0xff);
    EXPECT_FALSE(FromIkev2(v6).has_value());
    Ikev2TrafficSelector inverted = ToIkev2(Side("10.0.0.0", 24));
    std::swap(inverted.startAddress, inverted.endAddress);
    EXPECT_FALSE(FromIkev2(inverted).has_value());
    Ikev2TrafficSelector ports = ToIkev2(Side("10.0.0.0", 24, 6, 90, 80));
    EXPECT_FALSE(FromIkev2(ports).has_value());
}

TEST(IkeTrafficSelectorTest, NarrowsAsStrongSwanDid)
{
    // Fixture 01: the initiator proposed 10.1.0.0/16 === 10.2.0.0/16; the responder
    // allows 10.1.0.0/24 === 10.2.1.0/24 (its swanctl.conf) and answered with the narrowed pair.
    const std::string fixture = "01-psk-aes128-sha256-modp2048";
    const auto keys = ReadIkev2Keys(fixture);
    std::vector<Ikev2Payload> request;
    std::vector<Ikev2Payload> response;
    for (const auto& f : ReadIkev2Frames(fixture))
    {
        Ikev2Message m;
        std::vector<Ikev2Payload> inner;
        ASSERT_EQ(OpenIkev2FixtureMessage(keys, f.ike, m, inner), IkeParseError::NONE);
        if (m.header.exchangeType == ikev2::IKE_AUTH)
        {
            (m.header.IsResponse() ? response : request) = inner;
        }
    }
    auto get = [](const std::vector<Ikev2Payload>& ps, uint8_t type) {
        for (const auto& p : ps)
        {
            if (p.type == type)
            {
                return std::get_if<Ikev2TsPayload>(&p.body);
            }
        }
        return static_cast<const Ikev2TsPayload*>(nullptr);
    };
    ASSERT_NE(get(request, ikev2::PAYLOAD_TSI), nullptr);
    ASSERT_NE(get(response, ikev2::PAYLOAD_TSR), nullptr);
    const auto tsi = Narrow(Sides(get(request, ikev2::PAYLOAD_TSI)), {Side("10.1.0.0", 24)});
    const auto tsr = Narrow(Sides(get(request, ikev2::PAYLOAD_TSR)), {Side("10.2.1.0", 24)});
    EXPECT_EQ(tsi, Sides(get(response, ikev2::PAYLOAD_TSI)));
    EXPECT_EQ(tsr, Sides(get(response, ikev2::PAYLOAD_TSR)));
    ASSERT_EQ(tsi.size(), 1u);
    EXPECT_EQ(tsi[0].ToString(), "10.1.0.0/24");
    // Nothing in common: TS_UNACCEPTABLE.
    EXPECT_TRUE(Narrow(Sides(get(request, ikev2::PAYLOAD_TSI)), {Side("192.168.0.0", 16)}).empty());
}

TEST(IkeTrafficSelectorTest, ATriggerSelectorDisappearsIntoItsRange)
{
    // §2.9: an Acquire's initiator puts the packet's selector first; strongSwan's responder
    // drops any narrowed entry another contains, so a gateway that allows the subnet answers
    // with the subnet alone, and one that allows only the host with the host.
    const IkeTsSide trigger = Side("10.1.0.5", 32, 17, 4000, 4000);
    const std::vector<IkeTsSide> proposed{trigger, Side("10.1.0.0", 16)};
    const auto subnet = Narrow(proposed, {Side("10.1.0.0", 24)});
    ASSERT_EQ(subnet.size(), 1u);
    EXPECT_EQ(subnet[0].ToString(), "10.1.0.0/24");
    const auto host = Narrow(proposed, {Side("10.1.0.5", 32)});
    ASSERT_EQ(host.size(), 1u);
    EXPECT_EQ(host[0].ToString(), "10.1.0.5/32");
    const auto flow = Narrow(proposed, {Side("10.1.0.0", 24, 17, 4000, 4000)});
    ASSERT_EQ(flow.size(), 1u);
    EXPECT_EQ(flow[0].ToString(), "10.1.0.0/24[17/4000]");
    // Disjoint entries all stay, in the proposer's order.
    const auto two = Narrow({Side("10.1.1.0", 24), Side("10.1.2.0", 24)}, {Side("10.1.0.0", 16)});
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[1].ToString(), "10.1.2.0/24");
}

TEST(IkeTrafficSelectorTest, Intersections)
{
    // Nested, partial overlap, disjoint.
    EXPECT_EQ(*Intersect(Side("10.0.0.0", 8), Side("10.1.2.0", 24)), Side("10.1.2.0", 24));
    IkeTsSide a = Side("10.0.0.0", 32);
    a.addresses.last = Ipv4Address("10.0.0.100");
    IkeTsSide b = Side("10.0.0.50", 32);
    b.addresses.last = Ipv4Address("10.0.0.200");
    const auto ab = Intersect(a, b);
    ASSERT_TRUE(ab.has_value());
    EXPECT_EQ(ab->addresses.first, Ipv4Address("10.0.0.50"));
    EXPECT_EQ(ab->addresses.last, Ipv4Address("10.0.0.100"));
    EXPECT_FALSE(Intersect(Side("10.0.0.0", 24), Side("10.0.1.0", 24)).has_value());
    // Protocol any gives way; two different protocols do not meet; ports intersect.
    EXPECT_EQ(*Intersect(Side("10.0.0.0", 24), Side("10.0.0.0", 24, 6, 80, 80)),
              Side("10.0.0.0", 24, 6, 80, 80));
    EXPECT_FALSE(Intersect(Side("10.0.0.0", 24, 6), Side("10.0.0.0", 24, 17)).has_value());
    EXPECT_EQ(*Intersect(Side("10.0.0.0", 24, 17, 0, 1000), Side("10.0.0.0", 24, 17, 500, 4500)),
              Side("10.0.0.0", 24, 17, 500, 1000));
    EXPECT_FALSE(Intersect(Side("10.0.0.0", 24, 17, 0, 499), Side("10.0.0.0", 24, 17, 500, 500))
                     .has_value());
    // Narrow keeps the proposer's order and drops duplicates.
    const auto n = Narrow({Side("10.0.0.0", 16), Side("10.0.0.0", 24)}, {Side("10.0.0.0", 24)});
    ASSERT_EQ(n.size(), 1u);
    EXPECT_EQ(n[0], Side("10.0.0.0", 24));
}

TEST(IkeTrafficSelectorTest, DataPlaneSelectorsConvertBothWays)
{
    TrafficSelector udp;
    udp.local = AddressRange::Prefix(Ipv4Address("10.1.0.0"), 24);
    udp.remote = AddressRange::Single(Ipv4Address("10.2.0.5"));
    udp.protocol = 17;
    udp.remotePorts = PortRange::Single(53);
    EXPECT_EQ(LocalSide(udp), Side("10.1.0.0", 24, 17));
    EXPECT_EQ(RemoteSide(udp), Side("10.2.0.5", 32, 17, 53, 53));
    const auto back = Combine(LocalSide(udp), RemoteSide(udp));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->ToString(), udp.ToString());
    // The peer's view: its local side is our remote side.
    const auto mirrored = Combine(RemoteSide(udp), LocalSide(udp));
    ASSERT_TRUE(mirrored.has_value());
    EXPECT_EQ(mirrored->ToString(), udp.Mirror().ToString());

    // ICMP: echo request (type 8, any code) packs to 0x0800-0x08ff on the local side.
    TrafficSelector echo;
    echo.protocol = 1;
    echo.localPorts = PortRange::Single(8);
    EXPECT_EQ(LocalSide(echo).ports.first, 0x0800);
    EXPECT_EQ(LocalSide(echo).ports.last, 0x08ff);
    EXPECT_TRUE(RemoteSide(echo).ports.IsAny());
    const auto echoBack = Combine(LocalSide(echo), RemoteSide(echo));
    ASSERT_TRUE(echoBack.has_value());
    EXPECT_EQ(echoBack->ToString(), echo.ToString());
    // Type 3 code 4 (fragmentation needed) and all ICMP.
    TrafficSelector fragNeeded = echo;
    fragNeeded.localPorts = PortRange::Single(3);
    fragNeeded.remotePorts = PortRange::Single(4);
    EXPECT_EQ(LocalSide(fragNeeded).ports.first, 0x0304);
    EXPECT_EQ(Combine(LocalSide(fragNeeded), RemoteSide(fragNeeded))->ToString(),
              fragNeeded.ToString());
    TrafficSelector allIcmp;
    allIcmp.protocol = 1;
    EXPECT_EQ(Combine(LocalSide(allIcmp), RemoteSide(allIcmp))->ToString(), allIcmp.ToString());
    // Types 0-8 with code 0 only: not one IKEv2 range.
    TrafficSelector box = echo;
    box.localPorts = PortRange::Range(0, 8);
    box.remotePorts = PortRange::Single(0);
    EXPECT_THROW(LocalSide(box), ConfigError);
    // A packed range that is not a type x code box does not become a selector.
    IkeTsSide odd = Side("0.0.0.0", 0, 1, 0x0305, 0x0402);
    EXPECT_FALSE(Combine(odd, Side("0.0.0.0", 0, 1)).has_value());
    // Different protocols, and ports with protocol any, do not combine.
    EXPECT_FALSE(Combine(Side("10.0.0.0", 8, 6), Side("10.0.0.0", 8, 17)).has_value());
    EXPECT_FALSE(Combine(Side("10.0.0.0", 8, 0, 80, 80), Side("10.0.0.0", 8)).has_value());
}

TEST(IkeTrafficSelectorTest, PolicyPrioritiesAsStrongSwanComputesThem)
{
    // strongSwan's kernel-netlink get_priority, class DEFAULT: ((512 << 1) - src prefix - dst
    // prefix) << 2, + 2 without ports, + 1 without a protocol.
    TrafficSelector subnets;
    subnets.local = AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24);
    subnets.remote = AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24);
    EXPECT_EQ(IkePolicyPriority(subnets), (1024u - 48) * 4 + 2 + 1);
    TrafficSelector flow;
    flow.local = AddressRange::Single(Ipv4Address("10.1.1.1"));
    flow.remote = AddressRange::Single(Ipv4Address("10.3.1.2"));
    flow.protocol = 17;
    flow.remotePorts = PortRange::Single(9);
    EXPECT_EQ(IkePolicyPriority(flow), (1024u - 64) * 4);
    EXPECT_EQ(IkePolicyPriority(TrafficSelector()), 1024u * 4 + 3) << "0.0.0.0/0 both ways";
    // A range that is not a prefix counts as the smallest subnet that holds it.
    TrafficSelector range = subnets;
    range.local.first = Ipv4Address("10.1.1.10");
    range.local.last = Ipv4Address("10.1.1.20"); // within 10.1.1.0/27
    EXPECT_EQ(IkePolicyPriority(range), (1024u - 27 - 24) * 4 + 3);
    EXPECT_LT(IkePolicyPriority(flow), IkePolicyPriority(subnets)) << "narrower first";
}

TEST(IkeTrafficSelectorTest, TriggerSidesAreThePacketsOwnValues)
{
    PacketSelector udp;
    udp.local = Ipv4Address("10.1.1.1");
    udp.remote = Ipv4Address("10.3.1.2");
    udp.protocol = 17;
    udp.localPort = 49153;
    udp.remotePort = 9;
    udp.portsKnown = true;
    auto [local, remote] = TriggerSides(udp);
    EXPECT_EQ(local.ToString(), "10.1.1.1/32[17/49153]");
    EXPECT_EQ(remote.ToString(), "10.3.1.2/32[17/9]");
    // Ports unknown (a non-first fragment): protocol only.
    udp.portsKnown = false;
    std::tie(local, remote) = TriggerSides(udp);
    EXPECT_EQ(local.ToString(), "10.1.1.1/32[17]");
    // ICMP echo request (type 8, code 0): type and code on the local side, as LocalSide()
    // lays out a policy's, the remote side open.
    PacketSelector icmp = udp;
    icmp.protocol = 1;
    icmp.localPort = 8;
    icmp.remotePort = 0;
    icmp.portsKnown = true;
    std::tie(local, remote) = TriggerSides(icmp);
    EXPECT_EQ(local.ports.first, 8u << 8);
    EXPECT_EQ(local.ports.last, 8u << 8);
    EXPECT_EQ(remote.ports.first, 0u);
    EXPECT_EQ(remote.ports.last, 65535u);
}
