// SPDX-License-Identifier: GPL-2.0-only
// The inner datagram's packet and byte tags survive protection: CarriedTags, and FlowMonitor
// through transport and tunnel mode.

#include "ipsec-scenario.h"

#include "ns3/flow-monitor-helper.h"
#include "ns3/ipsec-carried-tags.h"
#include "ns3/ipv4-flow-classifier.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace ipsec
{
namespace test
{
namespace
{

/// A tag with one value, registered with a constructor as ns-3's tags are.
class ValueTag : public Tag
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::ipsec::test::ValueTag")
                                .SetParent<Tag>()
                                .SetGroupName("Ipsec")
                                .AddConstructor<ValueTag>();
        return tid;
    }

    TypeId GetInstanceTypeId() const override
    {
        return GetTypeId();
    }

    uint32_t GetSerializedSize() const override
    {
        return 4;
    }

    void Serialize(TagBuffer b) const override
    {
        b.WriteU32(value);
    }

    void Deserialize(TagBuffer b) override
    {
        value = b.ReadU32();
    }

    void Print(std::ostream& os) const override
    {
        os << value;
    }

    uint32_t value{0};
};

/// Another type, so that a packet can hold it as a packet tag beside a ValueTag byte tag.
class OtherTag : public ValueTag
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::ipsec::test::OtherTag")
                                .SetParent<ValueTag>()
                                .SetGroupName("Ipsec")
                                .AddConstructor<OtherTag>();
        return tid;
    }

    TypeId GetInstanceTypeId() const override
    {
        return GetTypeId();
    }
};

struct ByteTagSeen
{
    uint32_t value;
    uint32_t start;
    uint32_t end;
};

std::vector<ByteTagSeen>
ValueByteTags(Ptr<const Packet> p)
{
    std::vector<ByteTagSeen> seen;
    ByteTagIterator i = p->GetByteTagIterator();
    while (i.HasNext())
    {
        ByteTagIterator::Item item = i.Next();
        if (item.GetTypeId() == ValueTag::GetTypeId())
        {
            ValueTag t;
            item.GetTag(t);
            seen.push_back({t.value, item.GetStart(), item.GetEnd()});
        }
    }
    return seen;
}

uint32_t
CountByteTags(Ptr<const Packet> p)
{
    uint32_t n = 0;
    ByteTagIterator i = p->GetByteTagIterator();
    while (i.HasNext())
    {
        i.Next();
        n++;
    }
    return n;
}

TEST(CarriedTags, WrapHidesTagsAndUnwrapRestoresThemAtTheirOffsets)
{
    Ptr<Packet> inner = Create<Packet>(100);
    ValueTag a;
    a.value = 7;
    inner->AddByteTag(a, 10, 30);
    ValueTag b;
    b.value = 9;
    inner->AddByteTag(b); // the whole datagram
    OtherTag pkt;
    pkt.value = 42;
    inner->AddPacketTag(pkt);

    // The ESP packet: new bytes, plus a byte tag it inherited (as AH's output does).
    Ptr<Packet> outer = Create<Packet>(150);
    ValueTag stray;
    stray.value = 1;
    outer->AddByteTag(stray);
    CarriedTags::Wrap(inner, outer);
    EXPECT_EQ(CountByteTags(outer), 0u) << "routers and queues must not see the inner tags";
    OtherTag peek;
    EXPECT_FALSE(outer->PeekPacketTag(peek));
    CarriedTags carrier;
    EXPECT_TRUE(outer->PeekPacketTag(carrier));
    // The inner datagram keeps its tags.
    EXPECT_EQ(ValueByteTags(inner).size(), 2u);

    // Decryption makes a new packet: the carrier passes to it, then comes off at delivery with
    // a 20-byte IP header in front.
    Ptr<Packet> decrypted = Create<Packet>(120);
    CarriedTags::Pass(outer, decrypted);
    CarriedTags::Unwrap(decrypted, 20);
    EXPECT_FALSE(decrypted->PeekPacketTag(carrier)) << "the carrier is removed";
    std::vector<ByteTagSeen> seen = ValueByteTags(decrypted);
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].value, 7u);
    EXPECT_EQ(seen[0].start, 30u);
    EXPECT_EQ(seen[0].end, 50u);
    EXPECT_EQ(seen[1].value, 9u);
    EXPECT_EQ(seen[1].start, 20u);
    EXPECT_EQ(seen[1].end, 120u);
    ASSERT_TRUE(decrypted->PeekPacketTag(peek));
    EXPECT_EQ(peek.value, 42u);
}

TEST(CarriedTags, NoTagsNoCarrierAndUnwrapLeavesOtherTags)
{
    Ptr<Packet> inner = Create<Packet>(10);
    Ptr<Packet> outer = Create<Packet>(40);
    CarriedTags::Wrap(inner, outer);
    CarriedTags carrier;
    EXPECT_FALSE(outer->PeekPacketTag(carrier));
    EXPECT_EQ(outer->GetPacketTagIterator().HasNext(), false);

    // A delivered packet that already holds a packet tag of a carried type gets the carried
    // value (no duplicate, which ns-3 would assert on).
    Ptr<Packet> original = Create<Packet>(10);
    OtherTag carried;
    carried.value = 5;
    original->AddPacketTag(carried);
    Ptr<Packet> esp = Create<Packet>(40);
    CarriedTags::Wrap(original, esp);
    Ptr<Packet> delivered = Create<Packet>(30);
    OtherTag existing;
    existing.value = 6;
    delivered->AddPacketTag(existing);
    CarriedTags::Pass(esp, delivered);
    CarriedTags::Unwrap(delivered, 20);
    OtherTag peek;
    ASSERT_TRUE(delivered->RemovePacketTag(peek));
    EXPECT_EQ(peek.value, 5u);
    EXPECT_FALSE(delivered->PeekPacketTag(peek));
}

/// FlowMonitor on every node of the chain, one UDP flow A -> B; the flow's statistics.
struct FlowResult
{
    uint32_t flows{0};
    FlowMonitor::FlowStats stats;
};

FlowResult
MonitorUdp(const char* mode, const char* protocol, uint32_t size)
{
    Chain c;
    c.ipsec.SetSaAttribute("Protocol", StringValue(protocol));
    IpsecConnection conn = std::string(mode) == "tunnel" ? c.Tunnel() : c.Transport();
    FlowMonitorHelper helper;
    Ptr<FlowMonitor> monitor = helper.InstallAll();
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 20, size);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(flow->received, 20u);
    // A host's 3000-byte datagram leaves it in 3 fragments, which a gateway tunnels one by one.
    const bool fragments = std::string(mode) == "tunnel" && size > 1500;
    EXPECT_EQ(conn.aToB[0]->GetCounters().packets, fragments ? 60u : 20u);
    monitor->CheckForLostPackets();
    FlowResult r;
    Ptr<Ipv4FlowClassifier> classifier = DynamicCast<Ipv4FlowClassifier>(helper.GetClassifier());
    for (const auto& [id, stats] : monitor->GetFlowStats())
    {
        r.flows++;
        Ipv4FlowClassifier::FiveTuple t = classifier->FindFlow(id);
        if (t.sourceAddress == c.hostAAddr && t.destinationAddress == c.hostBAddr &&
            t.destinationPort == 9000)
        {
            r.stats = stats;
        }
    }
    return r;
}

class FlowMonitorThroughIpsec
    : public ::testing::TestWithParam<std::tuple<const char*, const char*>>
{
};

TEST_P(FlowMonitorThroughIpsec, SeesTheInnerFlowEndToEnd)
{
    const auto [mode, protocol] = GetParam();
    for (uint32_t size : {500u, 3000u}) // 3000: fragmented after IPsec, reassembled before
    {
        FlowResult r = MonitorUdp(mode, protocol, size);
        SCOPED_TRACE(std::string(mode) + " " + protocol + " " + std::to_string(size));
        EXPECT_EQ(r.flows, 1u) << "ESP/AH packets are not counted as flows of their own";
        EXPECT_EQ(r.stats.txPackets, 20u);
        EXPECT_EQ(r.stats.rxPackets, 20u);
        EXPECT_EQ(r.stats.lostPackets, 0u);
        EXPECT_EQ(r.stats.txBytes, 20u * (size + 8 + 20));
        EXPECT_EQ(r.stats.rxBytes, r.stats.txBytes) << "the inner datagram's size, not ESP's";
        EXPECT_EQ(r.stats.packetsDropped.size(), 0u);
        EXPECT_GT(r.stats.delaySum, Seconds(0));
        // Tunnel mode: each gateway forwards the inner datagram (the router forwards ESP, which
        // is not the flow's); transport: the router forwards only ESP. FlowMonitor does not
        // count forwarded fragments, which the gateways see of a host's 3000-byte datagrams.
        const bool tunnel = std::string(mode) == "tunnel";
        EXPECT_EQ(r.stats.timesForwarded, tunnel && size < 1500 ? 40u : 0u);
    }
}

INSTANTIATE_TEST_SUITE_P(Modes,
                         FlowMonitorThroughIpsec,
                         ::testing::Values(std::make_tuple("transport", "esp"),
                                           std::make_tuple("tunnel", "esp"),
                                           std::make_tuple("transport", "ah"),
                                           std::make_tuple("tunnel", "esp+ah")));

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
