// SPDX-License-Identifier: GPL-2.0-only
// IpsecStack's ForwardPath: "direct" puts the same bytes on the wire as "device" (ns-3's
// IpForward and ipsec0), keeps ns-3's TTL expiry, and differs only in what ns-3's forwarding
// traces see.

#include "ipsec-scenario.h"
#include "ipsec-test-util.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace ipsec
{
namespace test
{
namespace
{

/// What one run showed.
struct ForwardRun
{
    std::vector<std::vector<uint8_t>> wan; ///< every frame gwB received from the WAN
    uint32_t delivered{0};                 ///< UDP datagrams at hostB
    uint32_t forwardTrace{0};              ///< gwA's UnicastForward events
    uint32_t icmpAtHostA{0};               ///< ICMP datagrams hostA received
    uint32_t discarded{0};                 ///< discard-policy drops at gwA
};

/**
 * Run a tunnel with a forward path.
 * @param path "device" or "direct"
 * @param ttl the TTL of hostA's datagrams
 * @param discard whether gwA's OUT policy is DISCARD instead of the tunnel
 * @return what happened
 */
ForwardRun
RunPath(const char* path, uint8_t ttl, bool discard = false)
{
    Config::SetDefault("ns3::ipsec::IpsecStack::ForwardPath", StringValue(path));
    Chain c;
    Config::SetDefault("ns3::ipsec::IpsecStack::ForwardPath", StringValue("device"));
    if (discard)
    {
        SecurityPolicy p;
        p.direction = PolicyDirection::OUT;
        p.action = PolicyAction::DISCARD;
        p.selector.local = AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24);
        p.selector.remote = AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24);
        Chain::Stack(c.gwA)->AddPolicy(p);
    }
    else
    {
        c.Tunnel();
    }
    auto run = std::make_shared<ForwardRun>();
    InstallFrameHook(c.GwBWan(), [run](Ptr<Packet> frame) {
        run->wan.push_back(PacketBytes(frame));
        return false;
    });
    c.gwA->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "UnicastForward",
        Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
            [run](const Ipv4Header&, Ptr<const Packet>, uint32_t) { run->forwardTrace++; }));
    Chain::Stack(c.gwA)->TraceConnectWithoutContext(
        "Drop",
        Callback<void, const Ipv4Header&, Ptr<const Packet>, DropReason, Ptr<SecurityAssociation>>(
            [run](const Ipv4Header&, Ptr<const Packet>, DropReason r, Ptr<SecurityAssociation>) {
                run->discarded += r == DropReason::DISCARD_POLICY;
            }));
    RxLog hostA;
    hostA.Watch(c.hostA);
    Ptr<Socket> rx = Socket::CreateSocket(c.hostB, UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9000));
    rx->SetRecvCallback([run](Ptr<Socket> s) {
        while (s->Recv())
        {
            run->delivered++;
        }
    });
    Ptr<Socket> tx = Socket::CreateSocket(c.hostA, UdpSocketFactory::GetTypeId());
    tx->SetIpTtl(ttl);
    tx->Connect(InetSocketAddress(c.hostBAddr, 9000));
    for (uint32_t i = 0; i < 10; i++)
    {
        // 100..2800 bytes: the larger ones are fragmented after IPsec
        Simulator::Schedule(Seconds(1) + MilliSeconds(i),
                            [tx, i]() { tx->Send(Create<Packet>(100 + 300 * i)); });
    }
    RunUntil(Seconds(3));
    run->icmpAtHostA = hostA.Count(1);
    return *run;
}

TEST(ForwardPath, DirectPutsTheSameBytesOnTheWire)
{
    const ForwardRun device = RunPath("device", 64);
    const ForwardRun direct = RunPath("direct", 64);
    EXPECT_EQ(device.delivered, 10u);
    EXPECT_EQ(direct.delivered, 10u);
    ASSERT_GT(device.wan.size(), 10u) << "fragments too";
    ASSERT_EQ(direct.wan.size(), device.wan.size());
    for (size_t i = 0; i < device.wan.size(); i++)
    {
        EXPECT_EQ(Hex(direct.wan[i]), Hex(device.wan[i])) << "frame " << i;
    }
}

TEST(ForwardPath, OnlyTheDevicePathShowsInNs3sForwardTrace)
{
    // 10 datagrams, the 5 over 1472 bytes in two fragments each from hostA: 15 forwarded
    EXPECT_EQ(RunPath("device", 64).forwardTrace, 15u);
    EXPECT_EQ(RunPath("direct", 64).forwardTrace, 0u);
}

TEST(ForwardPath, ExpiringTtlGetsNs3sTimeExceededOnBothPaths)
{
    const ForwardRun device = RunPath("device", 1);
    const ForwardRun direct = RunPath("direct", 1);
    for (const ForwardRun* run : {&device, &direct})
    {
        EXPECT_EQ(run->delivered, 0u);
        EXPECT_EQ(run->icmpAtHostA, 15u) << "ICMP time exceeded from gwA, per fragment";
        EXPECT_TRUE(run->wan.empty());
    }
    EXPECT_EQ(direct.icmpAtHostA, device.icmpAtHostA);
}

TEST(ForwardPath, DiscardPolicyDropsOnBothPaths)
{
    for (const char* path : {"device", "direct"})
    {
        SCOPED_TRACE(path);
        const ForwardRun run = RunPath(path, 64, true);
        EXPECT_EQ(run.delivered, 0u);
        EXPECT_EQ(run.discarded, 15u) << "10 datagrams, 15 fragments from hostA";
        EXPECT_TRUE(run.wan.empty());
    }
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
