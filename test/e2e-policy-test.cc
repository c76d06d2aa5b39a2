// SPDX-License-Identifier: GPL-2.0-only
// End-to-end: BYPASS and DISCARD policies, the inbound policy checks (plaintext where IPsec is
// required, decrypted traffic outside its SA's policy), transport mode refused on gateways, and
// PROTECT policies without SAs.

#include "ipsec-scenario.h"

#include "ns3/ipsec-config-error.h"
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

const AddressRange kLanA = AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24);
const AddressRange kLanB = AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24);
constexpr uint8_t UDP = 17;

/// A node's policy in a direction with a reqid (the first one), or null.
const SecurityPolicy*
FindPolicy(Ptr<Node> n, PolicyDirection direction, uint32_t reqid)
{
    for (const SecurityPolicy* p : Chain::Stack(n)->GetSpd().GetPolicies(direction))
    {
        if (p->reqid == reqid)
        {
            return p;
        }
    }
    return nullptr;
}

/// The UDP destination port of a logged datagram (0 if not UDP).
uint16_t
UdpDestinationPort(const RxLog::Entry& e)
{
    if (e.header.GetProtocol() != UDP || e.payload.size() < 8)
    {
        return 0;
    }
    return static_cast<uint16_t>((e.payload[2] << 8) | e.payload[3]);
}

TEST(E2ePolicy, BypassOneFlowThroughTheTunnel)
{
    Chain c;
    IpsecConnection conn = c.Tunnel();
    // gwA sends UDP to port 7777 around the tunnel, and gwB lets it in.
    SecurityPolicy out;
    out.direction = PolicyDirection::OUT;
    out.action = PolicyAction::BYPASS;
    out.selector.local = kLanA;
    out.selector.remote = kLanB;
    out.selector.protocol = UDP;
    out.selector.remotePorts = PortRange::Single(7777);
    c.ipsec.AddPolicy(c.gwA, out, 0);
    SecurityPolicy fwd;
    fwd.direction = PolicyDirection::FWD;
    fwd.action = PolicyAction::BYPASS;
    fwd.selector = out.selector.Mirror();
    c.ipsec.AddPolicy(c.gwB, fwd, 0);

    auto drops = c.WatchDrops();
    RxLog router;
    router.Watch(c.router);
    auto clear = SendUdp(c.hostA, c.hostB, c.hostBAddr, 7777, 5, 200);
    auto secret = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 7, 200);
    RunUntil(Seconds(3));
    EXPECT_EQ(clear->received, 5u);
    EXPECT_EQ(secret->received, 7u);
    EXPECT_EQ(drops->Total(), 0u);
    EXPECT_EQ(conn.aToB[0]->GetCounters().packets, 7u);

    ASSERT_EQ(router.entries.size(), 12u);
    uint32_t clearSeen = 0;
    for (const auto& e : router.entries)
    {
        if (e.header.GetProtocol() == UDP)
        {
            clearSeen++;
            EXPECT_EQ(UdpDestinationPort(e), 7777);
            EXPECT_EQ(e.header.GetSource(), c.hostAAddr);
            EXPECT_EQ(e.header.GetDestination(), c.hostBAddr);
        }
        else
        {
            EXPECT_EQ(e.header.GetProtocol(), ESP_PROTOCOL_NUMBER);
            EXPECT_EQ(e.header.GetDestination(), c.gwBWan);
        }
    }
    EXPECT_EQ(clearSeen, 5u);
}

TEST(E2ePolicy, BypassOnlyAtTheSenderIsNotProtectedAtTheReceiver)
{
    // Without gwB's BYPASS, gwB's FWD PROTECT policy refuses the plaintext.
    Chain c;
    c.Tunnel();
    SecurityPolicy out;
    out.direction = PolicyDirection::OUT;
    out.action = PolicyAction::BYPASS;
    out.selector.local = kLanA;
    out.selector.remote = kLanB;
    out.selector.protocol = UDP;
    out.selector.remotePorts = PortRange::Single(7777);
    c.ipsec.AddPolicy(c.gwA, out, 0);
    auto drops = c.WatchDrops();
    auto clear = SendUdp(c.hostA, c.hostB, c.hostBAddr, 7777, 4, 200);
    RunUntil(Seconds(3));
    EXPECT_EQ(clear->received, 0u);
    EXPECT_EQ(Chain::Stack(c.gwB)->GetDropCount(DropReason::NOT_PROTECTED), 4u);
    EXPECT_EQ(drops->Total(), 4u);
}

TEST(E2ePolicy, OutboundDiscard)
{
    Chain c;
    SecurityPolicy discard;
    discard.direction = PolicyDirection::OUT;
    discard.action = PolicyAction::DISCARD;
    discard.selector.local = AddressRange::Single(c.hostAAddr);
    discard.selector.remote = AddressRange::Single(c.hostBAddr);
    c.ipsec.AddPolicy(c.hostA, discard);
    auto drops = c.WatchDrops();
    RxLog router;
    router.Watch(c.router);
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 5, 200);
    auto other = SendUdp(c.hostA, c.gwB, c.gwBWan, 9001, 3, 200); // not covered
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 0u);
    EXPECT_EQ(other->received, 3u);
    EXPECT_EQ(Chain::Stack(c.hostA)->GetDropCount(DropReason::DISCARD_POLICY), 5u);
    EXPECT_EQ((*drops)[DropReason::DISCARD_POLICY], 5u);
    EXPECT_EQ(drops->Total(), 5u);
    EXPECT_EQ(router.entries.size(), 3u);
}

TEST(E2ePolicy, InboundDiscard)
{
    Chain c;
    SecurityPolicy discard;
    discard.direction = PolicyDirection::IN;
    discard.action = PolicyAction::DISCARD;
    discard.selector.local = AddressRange::Single(c.hostBAddr);
    discard.selector.remote = AddressRange::Single(c.hostAAddr);
    discard.selector.protocol = UDP;
    discard.selector.localPorts = PortRange::Single(9000);
    c.ipsec.AddPolicy(c.hostB, discard);
    auto drops = c.WatchDrops();
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 5, 200);
    auto other = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9001, 2, 200);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 0u);
    EXPECT_EQ(other->received, 2u);
    EXPECT_EQ(Chain::Stack(c.hostB)->GetDropCount(DropReason::DISCARD_POLICY), 5u);
    EXPECT_EQ(drops->Total(), 5u);
}

TEST(E2ePolicy, DiscardAheadOfATunnel)
{
    Chain c;
    IpsecConnection conn = c.Tunnel();
    SecurityPolicy discard;
    discard.direction = PolicyDirection::OUT;
    discard.action = PolicyAction::DISCARD;
    discard.selector.local = kLanA;
    discard.selector.remote = kLanB;
    discard.selector.protocol = UDP;
    discard.selector.remotePorts = PortRange::Single(6666);
    c.ipsec.AddPolicy(c.gwA, discard, 0);
    auto drops = c.WatchDrops();
    auto dropped = SendUdp(c.hostA, c.hostB, c.hostBAddr, 6666, 4, 200);
    auto passed = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 3, 200);
    RunUntil(Seconds(3));
    EXPECT_EQ(dropped->received, 0u);
    EXPECT_EQ(passed->received, 3u);
    EXPECT_EQ(Chain::Stack(c.gwA)->GetDropCount(DropReason::DISCARD_POLICY), 4u);
    EXPECT_EQ(drops->Total(), 4u);
    EXPECT_EQ(conn.aToB[0]->GetCounters().packets, 3u);
}

TEST(E2ePolicy, PlaintextWhereIpsecIsRequired)
{
    Chain c;
    IpsecConnection conn = c.Transport();
    // hostA forgets its OUT policy and sends in clear; hostB's IN policy requires ESP.
    const SecurityPolicy* out = FindPolicy(c.hostA, PolicyDirection::OUT, conn.reqidA);
    ASSERT_NE(out, nullptr);
    ASSERT_TRUE(Chain::Stack(c.hostA)->RemovePolicy(out->id));
    EXPECT_EQ(FindPolicy(c.hostA, PolicyDirection::OUT, conn.reqidA), nullptr);
    auto drops = c.WatchDrops();
    RxLog router;
    router.Watch(c.router);
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 5, 200);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 0u);
    EXPECT_EQ(router.Count(UDP), 5u);
    EXPECT_EQ(Chain::Stack(c.hostB)->GetDropCount(DropReason::NOT_PROTECTED), 5u);
    EXPECT_EQ((*drops)[DropReason::NOT_PROTECTED], 5u);
    EXPECT_EQ(drops->Total(), 5u);
    EXPECT_EQ(conn.aToB[0]->GetCounters().packets, 0u);
}

TEST(E2ePolicy, PlaintextWhereIpsecIsRequiredWithExplicitPolicies)
{
    // Only hostB has IPsec configured (policy and SA by hand); hostA sends in clear.
    Chain c;
    const uint32_t reqid = IpsecHelper::AllocateReqid();
    SecurityPolicy in;
    in.direction = PolicyDirection::IN;
    in.action = PolicyAction::PROTECT;
    in.selector.local = AddressRange::Single(c.hostBAddr);
    in.selector.remote = AddressRange::Single(c.hostAAddr);
    in.reqid = reqid;
    c.ipsec.AddPolicy(c.hostB, in);
    SaConfig sa;
    sa.spi = 0x00777001;
    sa.direction = SaDirection::INBOUND;
    sa.source = c.hostAAddr;
    sa.destination = c.hostBAddr;
    sa.espSuite = EspSuite::Parse("aes128gcm16");
    sa.encryptionKey = std::vector<uint8_t>(20, 0x5a);
    sa.reqid = reqid;
    c.ipsec.AddSa(c.hostB, sa);
    auto drops = c.WatchDrops();
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 3, 200);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 0u);
    EXPECT_EQ(Chain::Stack(c.hostB)->GetDropCount(DropReason::NOT_PROTECTED), 3u);
    EXPECT_EQ(drops->Total(), 3u);
}

TEST(E2ePolicy, DecryptedTrafficOutsideTheNarrowedPolicy)
{
    Chain c;
    IpsecConnection conn = c.Tunnel();
    // gwB's FWD policy for the SA's reqid is narrowed to TCP; the UDP that arrives through the
    // SA no longer matches it.
    const SecurityPolicy* fwd = FindPolicy(c.gwB, PolicyDirection::FWD, conn.reqidB);
    ASSERT_NE(fwd, nullptr);
    SecurityPolicy narrowed = *fwd;
    ASSERT_TRUE(Chain::Stack(c.gwB)->RemovePolicy(fwd->id));
    narrowed.id = 0;
    narrowed.selector.protocol = 6;
    c.ipsec.AddPolicy(c.gwB, narrowed);
    auto drops = c.WatchDrops();
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 5, 200);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 0u);
    EXPECT_EQ(Chain::Stack(c.gwB)->GetDropCount(DropReason::POLICY_MISMATCH), 5u);
    EXPECT_EQ(drops->Total(), 5u);
    Ptr<SecurityAssociation> in = Chain::Inbound(c.gwB, conn.aToB[0]);
    ASSERT_TRUE(in);
    EXPECT_EQ(in->GetCounters().otherDrops, 5u);
}

TEST(E2ePolicy, DecryptedTrafficForAnAddressOutsideThePeersPolicy)
{
    Chain c;
    IpsecConnection conn = c.Tunnel();
    // gwA also sends traffic for gwB's own WAN address through the tunnel, but gwB's policies
    // for this SA cover LAN B only: the decrypted datagram is refused instead of delivered.
    SecurityPolicy wide = *FindPolicy(c.gwA, PolicyDirection::OUT, conn.reqidA);
    wide.id = 0;
    wide.selector.remote = AddressRange::Single(c.gwBWan);
    c.ipsec.AddPolicy(c.gwA, wide, 0);
    auto drops = c.WatchDrops();
    auto toGw = SendUdp(c.hostA, c.gwB, c.gwBWan, 9000, 4, 200);
    auto toHost = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9001, 3, 200);
    RunUntil(Seconds(3));
    EXPECT_EQ(toGw->received, 0u);
    EXPECT_EQ(toHost->received, 3u);
    EXPECT_EQ(conn.aToB[0]->GetCounters().packets, 7u);
    EXPECT_EQ(Chain::Stack(c.gwB)->GetDropCount(DropReason::POLICY_MISMATCH), 4u);
    EXPECT_EQ(drops->Total(), 4u);
}

/// Expect a ConfigError whose message contains a text.
template <typename F>
void
ExpectConfigError(F f, const std::string& needle)
{
    try
    {
        f();
        ADD_FAILURE() << "no ConfigError (expected one mentioning '" << needle << "')";
    }
    catch (const ConfigError& e)
    {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        EXPECT_EQ(std::string(e.what()).find("policy policy"), std::string::npos) << e.what();
    }
}

TEST(E2ePolicy, TransportModeOnAGatewayIsRefused)
{
    Chain c;
    // The host's address is not the gateway's own.
    ExpectConfigError([&] { c.ipsec.AddTransport(c.gwA, c.hostAAddr, c.hostB, c.hostBAddr); },
                      "transport mode");
    // A transport FWD policy.
    SecurityPolicy fwd;
    fwd.direction = PolicyDirection::FWD;
    fwd.action = PolicyAction::PROTECT;
    fwd.mode = IpsecMode::TRANSPORT;
    fwd.selector.local = kLanA;
    fwd.selector.remote = kLanB;
    fwd.reqid = IpsecHelper::AllocateReqid();
    ExpectConfigError([&] { c.ipsec.AddPolicy(c.gwA, fwd); }, "forwarded traffic");
    // A transport OUT policy whose local side is the gateway's whole LAN.
    SecurityPolicy out = fwd;
    out.direction = PolicyDirection::OUT;
    ExpectConfigError([&] { c.ipsec.AddPolicy(c.gwA, out); }, "also covers other addresses");
    // An outbound SA whose source is not the node's.
    SaConfig sa;
    sa.spi = 0x00777002;
    sa.direction = SaDirection::OUTBOUND;
    sa.source = c.hostAAddr;
    sa.destination = c.hostBAddr;
    sa.espSuite = EspSuite::Parse("aes128gcm16");
    sa.encryptionKey = std::vector<uint8_t>(20, 1);
    sa.reqid = fwd.reqid;
    ExpectConfigError([&] { c.ipsec.AddSa(c.gwA, sa); }, "must be an address of this node");
    EXPECT_EQ(Chain::Stack(c.gwA)->GetSpd().Size(PolicyDirection::FWD), 0u);
    EXPECT_TRUE(Chain::Stack(c.gwA)->GetSad().GetAll().empty());
    // The gateway's own address is fine.
    EXPECT_NO_THROW(c.ipsec.AddTransport(c.gwA, c.gwAWan, c.gwB, c.gwBWan));
}

TEST(E2ePolicy, ProtectWithoutSaAcquires)
{
    Chain c;
    SecurityPolicy p;
    p.direction = PolicyDirection::OUT;
    p.action = PolicyAction::PROTECT;
    p.selector.local = AddressRange::Single(c.hostAAddr);
    p.selector.remote = AddressRange::Single(c.hostBAddr);
    p.reqid = IpsecHelper::AllocateReqid();
    const uint32_t id = c.ipsec.AddPolicy(c.hostA, p);
    std::vector<uint32_t> acquired;
    std::vector<uint32_t> sizes;
    std::vector<PacketSelector> selectors;
    ASSERT_TRUE(Chain::Stack(c.hostA)->TraceConnectWithoutContext(
        "Acquire",
        Callback<void, Ptr<const Packet>, uint32_t, const PacketSelector&>(
            [&](Ptr<const Packet> packet, uint32_t policy, const PacketSelector& sel) {
                acquired.push_back(policy);
                sizes.push_back(packet->GetSize());
                selectors.push_back(sel);
            })));
    auto drops = c.WatchDrops();
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 4, 200);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 0u);
    EXPECT_EQ(acquired, std::vector<uint32_t>(4, id));
    EXPECT_EQ(sizes, std::vector<uint32_t>(4, 208)); // the UDP datagram's payload of IP
    ASSERT_EQ(selectors.size(), 4u);
    // the datagram's selector, as XFRM's acquire gives IKE (the trigger of RFC 7296 §2.9)
    EXPECT_EQ(selectors[0].local, c.hostAAddr);
    EXPECT_EQ(selectors[0].remote, c.hostBAddr);
    EXPECT_EQ(selectors[0].protocol, 17);
    EXPECT_TRUE(selectors[0].portsKnown);
    EXPECT_EQ(selectors[0].remotePort, 9000);
    EXPECT_GE(selectors[0].localPort, 49152) << "an ephemeral port";
    EXPECT_EQ(Chain::Stack(c.hostA)->GetDropCount(DropReason::NO_SA), 4u);
    EXPECT_EQ((*drops)[DropReason::NO_SA], 4u);
    EXPECT_EQ(drops->Total(), 4u);
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
