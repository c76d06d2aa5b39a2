// SPDX-License-Identifier: GPL-2.0-only
// End-to-end: the crypto engine's time in the data plane (added latency, reordering by parallel
// workers meeting the replay window, queue overflow).

#include "ipsec-scenario.h"

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-crypto-engine.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace ipsec
{
namespace test
{
namespace
{

/**
 * Give a node a crypto engine.
 * @param n the node
 * @param workers workers
 * @param limit queue limit
 * @param out cost of ESP aes128gcm16 outbound
 * @param in cost of ESP aes128gcm16 inbound
 * @return the engine
 */
Ptr<CryptoEngine>
AddEngine(Ptr<Node> n, uint32_t workers, uint32_t limit, CryptoCost out, CryptoCost in)
{
    Ptr<CryptoEngine> e = CreateObject<CryptoEngine>();
    e->SetAttribute("Workers", UintegerValue(workers));
    e->SetAttribute("QueueLimit", UintegerValue(limit));
    CryptoCostTable t;
    t.Set("esp/aes128gcm16/out", out);
    t.Set("esp/aes128gcm16/in", in);
    e->SetTable(t);
    n->AggregateObject(e);
    Chain::Stack(n)->SetCryptoEngine(e);
    return e;
}

/// Arrival times and sizes of UDP datagrams at a socket.
struct Arrivals
{
    std::vector<std::pair<Time, uint32_t>> got; ///< (time, size)

    /**
     * Listen on a node's port.
     * @param n the node
     * @param port the port
     */
    void Listen(Ptr<Node> n, uint16_t port)
    {
        Ptr<Socket> rx = Socket::CreateSocket(n, UdpSocketFactory::GetTypeId());
        rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        rx->SetRecvCallback(MakeCallback(&Arrivals::Receive, this));
    }

    /**
     * Receive.
     * @param s the socket
     */
    void Receive(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            got.emplace_back(Simulator::Now(), p->GetSize());
        }
    }
};

/**
 * Send UDP datagrams of the given sizes from hostA to hostB, all at 1 s (back to back).
 * @param c the chain
 * @param sizes the sizes
 */
void
Burst(Chain& c, std::vector<uint32_t> sizes)
{
    Ptr<Socket> tx = Socket::CreateSocket(c.hostA, UdpSocketFactory::GetTypeId());
    tx->Connect(InetSocketAddress(c.hostBAddr, 9000));
    Simulator::Schedule(Seconds(1), [tx, sizes]() {
        for (uint32_t s : sizes)
        {
            tx->Send(Create<Packet>(s));
        }
    });
}

/**
 * One-way time of one 500-byte datagram through the tunnel.
 * @param engines whether the gateways have engines
 * @return the arrival time minus the send time
 */
Time
OneWay(bool engines)
{
    Chain c;
    c.Tunnel();
    if (engines)
    {
        // gwA: 10 us + 1 ns per byte of the inner datagram (528 bytes); gwB: 20 us.
        AddEngine(c.gwA, 1, 10, CryptoCost{10000, 1}, CryptoCost{0, 0});
        AddEngine(c.gwB, 1, 10, CryptoCost{0, 0}, CryptoCost{20000, 0});
    }
    Arrivals a;
    a.Listen(c.hostB, 9000);
    Burst(c, {500});
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(a.got.size(), 1u);
    return a.got.empty() ? Time() : a.got[0].first - Seconds(1);
}

TEST(E2eCryptoEngine, AddsExactlyItsServiceTimes)
{
    const Time plain = OneWay(false);
    const Time timed = OneWay(true);
    EXPECT_EQ(timed - plain, NanoSeconds(10000 + 528 + 20000));
}

/**
 * Big and small datagrams alternately, through a gateway with two workers whose cost is mostly
 * per byte, so small ones overtake big ones.
 * @param window the receiver's replay window
 * @param delivered out: datagrams delivered
 * @param replays out: replay drops at gwB
 */
void
Reordered(uint32_t window, uint32_t& delivered, uint32_t& replays)
{
    Chain c;
    c.ipsec.SetSaAttribute("ReplayWindow", UintegerValue(window));
    c.Tunnel();
    AddEngine(c.gwA, 2, 100, CryptoCost{0, 200}, CryptoCost{0, 0});
    DropLog drops;
    drops.Watch(c.gwB);
    Arrivals a;
    a.Listen(c.hostB, 9000);
    Burst(c, {1000, 100, 1000, 100, 1000, 100});
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    delivered = a.got.size();
    replays = drops[DropReason::REPLAY];
    if (!a.got.empty())
    {
        EXPECT_EQ(a.got[0].second, 100u) << "a small datagram overtook the first big one";
    }
}

TEST(E2eCryptoEngine, ParallelWorkersReorderAndASmallWindowDropsValidPackets)
{
    uint32_t delivered = 0;
    uint32_t replays = 0;
    Reordered(1, delivered, replays);
    EXPECT_GT(replays, 0u) << "window 1: every overtaken packet is left of the window";
    EXPECT_EQ(delivered + replays, 6u);
    Reordered(32, delivered, replays);
    EXPECT_EQ(replays, 0u);
    EXPECT_EQ(delivered, 6u) << "a larger window absorbs the reordering";
}

TEST(E2eCryptoEngine, FullQueueDropsWithItsReason)
{
    Chain c;
    c.Tunnel();
    Ptr<CryptoEngine> e = AddEngine(c.gwA, 1, 0, CryptoCost{0, 1000}, CryptoCost{0, 0});
    DropLog drops;
    drops.Watch(c.gwA);
    Arrivals a;
    a.Listen(c.hostB, 9000);
    Burst(c, {1000, 1000, 1000});
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    // Each job takes ~1 ms, far longer than the 80 us between arrivals: with no queue only the
    // first gets a worker.
    EXPECT_EQ(a.got.size(), 1u);
    EXPECT_EQ(drops[DropReason::QUEUE_FULL], 2u);
    EXPECT_EQ(e->GetDropCount(), 2u);
}

TEST(E2eCryptoEngine, MissingCostIsASetUpError)
{
    Chain c;
    Ptr<CryptoEngine> e = CreateObject<CryptoEngine>();
    e->SetTable(CryptoCostTable());          // no costs at all
    Chain::Stack(c.gwA)->SetCryptoEngine(e); // no SA yet: fine
    EXPECT_THROW(c.Tunnel(), ConfigError);
}

TEST(E2eCryptoEngine, ReferenceTableTimesEverySuite)
{
    for (const char* proposal : {"aes128gcm16", "aes256-sha256", "chacha20poly1305", "3des-sha1"})
    {
        Chain c;
        c.ipsec.SetSaAttribute("EspProposal", StringValue(proposal));
        c.ipsec.SetCryptoEngineAttribute("Workers", UintegerValue(2));
        c.ipsec.InstallCryptoEngine(NodeContainer(c.gwA, c.gwB)); // the reference table
        Ptr<CryptoEngine> e = c.gwA->GetObject<CryptoEngine>();
        ASSERT_TRUE(e);
        UintegerValue workers;
        e->GetAttribute("Workers", workers);
        EXPECT_EQ(workers.Get(), 2u);
        EXPECT_EQ(Chain::Stack(c.gwB)->GetCryptoEngine(), c.gwB->GetObject<CryptoEngine>());
        c.Tunnel();
        Arrivals a;
        a.Listen(c.hostB, 9000);
        Burst(c, {1000});
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        EXPECT_EQ(a.got.size(), 1u) << proposal;
        EXPECT_GT(e->GetBusyTime(), NanoSeconds(0)) << proposal;
    }
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
