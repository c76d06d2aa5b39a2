// SPDX-License-Identifier: GPL-2.0-only
// End-to-end: delivery through tunnel and transport mode.

#include "ipsec-scenario.h"

#include "ns3/ipsec-config-error.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace ipsec
{
namespace test
{
namespace
{

TEST(E2eSmoke, TunnelUdpDelivered)
{
    Chain c;
    IpsecConnection conn = c.Tunnel();
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 10, 500);
    DropLog drops;
    for (auto n = c.nodes.Begin(); n != c.nodes.End(); ++n)
    {
        drops.Watch(*n);
    }
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(flow->received, 10u);
    EXPECT_EQ(drops.count.size(), 0u);
    ASSERT_EQ(conn.aToB.size(), 1u);
    EXPECT_EQ(conn.aToB[0]->GetCounters().packets, 10u);
    c.ipsec.PrintSummary(std::cout);
}

TEST(E2eSmoke, TransportUdpDelivered)
{
    Chain c;
    IpsecConnection conn = c.Transport();
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 10, 500);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(flow->received, 10u);
    EXPECT_EQ(conn.aToB[0]->GetCounters().packets, 10u);
    c.ipsec.PrintSummary(std::cout);
}

TEST(E2eSmoke, LargeDatagramsBothModes)
{
    for (int mode = 0; mode < 2; mode++)
    {
        Chain c;
        if (mode == 0)
        {
            c.Tunnel();
        }
        else
        {
            c.Transport();
        }
        auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 5, 3000);
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        EXPECT_EQ(flow->received, 5u) << "mode " << mode;
        for (auto s : flow->sizes)
        {
            EXPECT_EQ(s, 3000u);
        }
    }
}

TEST(E2eSmoke, PingThroughTunnel)
{
    Chain c;
    IpsecConnection conn = c.Tunnel();
    ApplicationContainer app = compat::InstallPing(c.hostA, c.hostBAddr, Seconds(0.5));
    app.Start(Seconds(1));
    app.Stop(Seconds(3.2));
    uint32_t rtts = 0;
    ASSERT_TRUE(compat::ConnectPingRtt(app.Get(0),
                                       MakeBoundCallback(
                                           +[](uint32_t* n, Time) { (*n)++; },
                                           &rtts)));
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(rtts, 5u);
    EXPECT_EQ(conn.aToB[0]->GetCounters().packets, 5u);
    EXPECT_EQ(conn.bToA[0]->GetCounters().packets, 5u);
}

TEST(E2eSmoke, SaTraceSourcesConnect)
{
    // SAs are created with CreateObject, so their TypeId (and trace sources) are their own.
    Chain c;
    IpsecConnection conn = c.Transport();
    uint32_t tx = 0;
    ASSERT_TRUE(conn.aToB[0]->TraceConnectWithoutContext(
        "Tx",
        MakeBoundCallback(
            +[](uint32_t* n, Ptr<const Packet>, uint64_t) { (*n)++; },
            &tx)));
    EXPECT_EQ(conn.aToB[0]->GetInstanceTypeId(), SecurityAssociation::GetTypeId());
    SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 3, 100);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(tx, 3u);
}

TEST(E2eSmoke, ConnectionHoldsBothSidesOfEachSa)
{
    // aToB is A's outbound copy (Tx fires on A); aToBInbound is B's inbound copy (Rx fires on
    // B). Rx on aToB never fires: the documented example used to connect it there.
    Chain c;
    IpsecConnection conn = c.Tunnel();
    ASSERT_EQ(conn.aToBInbound.size(), conn.aToB.size());
    ASSERT_EQ(conn.bToAInbound.size(), conn.bToA.size());
    EXPECT_EQ(conn.aToBInbound[0], Chain::Inbound(c.gwB, conn.aToB[0]));
    EXPECT_EQ(conn.bToAInbound[0], Chain::Inbound(c.gwA, conn.bToA[0]));
    EXPECT_EQ(conn.aToBInbound[0]->GetConfig().direction, SaDirection::INBOUND);
    uint32_t rxOutbound = 0;
    uint32_t rxInbound = 0;
    auto count = +[](uint32_t* n, Ptr<const Packet>, uint64_t) { (*n)++; };
    conn.aToB[0]->TraceConnectWithoutContext("Rx", MakeBoundCallback(count, &rxOutbound));
    conn.aToBInbound[0]->TraceConnectWithoutContext("Rx", MakeBoundCallback(count, &rxInbound));
    SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 4, 100);
    RunUntil(Seconds(3));
    EXPECT_EQ(rxOutbound, 0u);
    EXPECT_EQ(rxInbound, 4u);
}

TEST(E2eSmoke, KeyFileHasEveryEspSaOnce)
{
    Chain c;
    IpsecConnection conn = c.Tunnel();
    EXPECT_EQ(c.ipsec.GetEspSaKeys().size(), 2u) << "each direction once, from its sender";
    // A real peer's SA towards gwB: only its inbound side is a node of this simulation.
    SaConfig in = conn.aToBInbound[0]->GetConfig();
    in.spi = 0x7777;
    in.source = Ipv4Address("10.2.2.9");
    c.ipsec.AddSa(c.gwB, in);
    const std::vector<EspSaKeys> keys = c.ipsec.GetEspSaKeys();
    ASSERT_EQ(keys.size(), 3u);
    uint32_t peer = 0;
    for (const EspSaKeys& k : keys)
    {
        peer += k.spi == 0x7777 && k.source == Ipv4Address("10.2.2.9") ? 1 : 0;
    }
    EXPECT_EQ(peer, 1u);
}

/// The message of the ConfigError f throws ("" if none).
template <typename F>
std::string
ConfigErrorOf(F f)
{
    try
    {
        f();
    }
    catch (const ConfigError& e)
    {
        return e.what();
    }
    return "";
}

TEST(E2eSmoke, HelperMistakesAreConfigErrorsNamingThem)
{
    Chain c;
    // Installing twice (ns-3 would abort aggregating a second IpsecStack).
    std::string what = ConfigErrorOf([&] { c.ipsec.Install(NodeContainer(c.gwA)); });
    EXPECT_NE(what.find("already installed on node 1"), std::string::npos) << what;
    // A misspelt attribute (ns-3's ObjectFactory::Set aborts on it).
    what = ConfigErrorOf([&] { c.ipsec.SetSaAttribute("ReplayWindw", UintegerValue(64)); });
    EXPECT_NE(what.find("has no attribute 'ReplayWindw'"), std::string::npos) << what;
    EXPECT_NE(what.find("ReplayWindow"), std::string::npos) << "lists the valid names: " << what;
    // The same connection twice.
    c.Tunnel();
    what = ConfigErrorOf([&] { c.Tunnel(); });
    EXPECT_NE(what.find("already protects"), std::string::npos) << what;
    EXPECT_EQ(Chain::Stack(c.gwA)->GetSpd().Size(PolicyDirection::OUT), 1u) << "nothing added";
}

TEST(E2eSmoke, EsnNeedsReplayWindow)
{
    // With ESN the receiver infers the high bits from its window (RFC 4303 App. A2.2).
    Chain c;
    c.ipsec.SetSaAttribute("Esn", BooleanValue(true));
    c.ipsec.SetSaAttribute("ReplayWindow", UintegerValue(0));
    EXPECT_THROW(c.Transport(), ConfigError);
    for (Ptr<Node> n : {c.hostA, c.hostB})
    {
        EXPECT_EQ(Chain::Stack(n)->GetSpd().Size(PolicyDirection::OUT), 0u) << "all or nothing";
        EXPECT_EQ(Chain::Stack(n)->GetSpd().Size(PolicyDirection::IN), 0u);
        EXPECT_TRUE(Chain::Stack(n)->GetSad().GetAll().empty());
    }
    EXPECT_TRUE(c.ipsec.GetSas().empty());
    c.ipsec.SetSaAttribute("ReplayWindow", UintegerValue(1));
    EXPECT_NO_THROW(c.Transport());
}

TEST(E2eSmoke, ConfigPathsReachEverySaTrace)
{
    Chain c;
    IpsecConnection conn = c.Tunnel();
    // Context -> (SA, packets): the stack-level SaTx/SaRx traces, connected by Config path as
    // ns-3 users connect every other trace.
    std::map<std::string, std::map<SecurityAssociation*, uint32_t>> seen;
    auto record = [&seen](std::string context,
                          Ptr<const Packet> packet,
                          uint64_t seq,
                          Ptr<SecurityAssociation> sa) {
        EXPECT_GT(seq, 0u);
        EXPECT_GT(packet->GetSize(), 0u);
        seen[context][PeekPointer(sa)]++;
    };
    Config::Connect("/NodeList/*/$ns3::ipsec::IpsecStack/SaTx",
                    compat::MakeFunctionCallback<void,
                                                 std::string,
                                                 Ptr<const Packet>,
                                                 uint64_t,
                                                 Ptr<SecurityAssociation>>(record));
    Config::Connect("/NodeList/*/$ns3::ipsec::IpsecStack/SaRx",
                    compat::MakeFunctionCallback<void,
                                                 std::string,
                                                 Ptr<const Packet>,
                                                 uint64_t,
                                                 Ptr<SecurityAssociation>>(record));
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 10, 500);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    ASSERT_EQ(flow->received, 10u);
    const std::string txPath =
        "/NodeList/" + std::to_string(c.gwA->GetId()) + "/$ns3::ipsec::IpsecStack/SaTx";
    const std::string rxPath =
        "/NodeList/" + std::to_string(c.gwB->GetId()) + "/$ns3::ipsec::IpsecStack/SaRx";
    ASSERT_EQ(seen.size(), 2u) << "only gwA protects and only gwB accepts";
    ASSERT_EQ(seen[txPath].size(), 1u);
    EXPECT_EQ(seen[txPath].begin()->first, PeekPointer(conn.aToB[0]));
    EXPECT_EQ(seen[txPath].begin()->second, 10u);
    ASSERT_EQ(seen[rxPath].size(), 1u);
    EXPECT_EQ(seen[rxPath].begin()->first, PeekPointer(conn.aToBInbound[0]));
    EXPECT_EQ(seen[rxPath].begin()->second, 10u);
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
