// SPDX-License-Identifier: GPL-2.0-only
// End-to-end: transport and tunnel mode with ESP, AH and ESP+AH for UDP, TCP and ping; ESP
// suites and ESN; large datagrams and fragmentation after IPsec; what the WAN sees.

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

/// Traffic of a matrix case.
enum class Traffic
{
    UDP,
    TCP,
    PING,
};

/// One case of the modes matrix.
struct ModeCase
{
    bool tunnel;          ///< tunnel (else transport)
    const char* protocol; ///< esp, ah or esp+ah
    Traffic traffic;      ///< what to send
};

std::ostream&
operator<<(std::ostream& os, const ModeCase& c)
{
    static const char* const names[] = {"udp", "tcp", "ping"};
    return os << (c.tunnel ? "tunnel" : "transport") << ' ' << c.protocol << ' '
              << names[static_cast<int>(c.traffic)];
}

/// The SA protocols a Protocol attribute value gives, in the helper's order.
std::vector<IpsecProtocol>
ExpectedProtocols(const std::string& protocol)
{
    if (protocol == "esp")
    {
        return {IpsecProtocol::ESP};
    }
    if (protocol == "ah")
    {
        return {IpsecProtocol::AH};
    }
    return {IpsecProtocol::ESP, IpsecProtocol::AH};
}

class ModesMatrix : public ::testing::TestWithParam<ModeCase>
{
};

TEST_P(ModesMatrix, DeliveredOnTheRightSasWithoutDrops)
{
    const ModeCase& m = GetParam();
    Chain c;
    c.ipsec.SetSaAttribute("Protocol", StringValue(m.protocol));
    IpsecConnection conn = m.tunnel ? c.Tunnel() : c.Transport();
    Ptr<Node> sideA = m.tunnel ? c.gwA : c.hostA;
    Ptr<Node> sideB = m.tunnel ? c.gwB : c.hostB;
    auto drops = c.WatchDrops();

    std::shared_ptr<UdpFlow> udp;
    Ptr<PacketSink> sink;
    uint32_t rtts = 0;
    constexpr uint64_t tcpBytes = 100000;
    switch (m.traffic)
    {
    case Traffic::UDP:
        udp = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 10, 500);
        break;
    case Traffic::TCP: {
        PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                    InetSocketAddress(Ipv4Address::GetAny(), 5000));
        ApplicationContainer sinkApp = sinkHelper.Install(c.hostB);
        sinkApp.Start(Seconds(0.5));
        sink = DynamicCast<PacketSink>(sinkApp.Get(0));
        BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(c.hostBAddr, 5000));
        bulk.SetAttribute("MaxBytes", UintegerValue(tcpBytes));
        ApplicationContainer bulkApp = bulk.Install(c.hostA);
        bulkApp.Start(Seconds(1));
        break;
    }
    case Traffic::PING: {
        ApplicationContainer app = compat::InstallPing(c.hostA, c.hostBAddr, Seconds(0.5));
        app.Start(Seconds(1));
        app.Stop(Seconds(3.2));
        EXPECT_TRUE(
            compat::ConnectPingRtt(app.Get(0), Callback<void, Time>([&rtts](Time) { rtts++; })));
        break;
    }
    }
    RunUntil(Seconds(5));

    switch (m.traffic)
    {
    case Traffic::UDP:
        EXPECT_EQ(udp->received, 10u);
        break;
    case Traffic::TCP:
        EXPECT_EQ(sink->GetTotalRx(), tcpBytes);
        break;
    case Traffic::PING:
        EXPECT_EQ(rtts, 5u);
        break;
    }
    EXPECT_EQ(drops->Total(), 0u);

    const auto protocols = ExpectedProtocols(m.protocol);
    ASSERT_EQ(conn.aToB.size(), protocols.size());
    ASSERT_EQ(conn.bToA.size(), protocols.size());
    for (size_t i = 0; i < protocols.size(); i++)
    {
        Ptr<SecurityAssociation> out = conn.aToB[i];
        EXPECT_EQ(out->GetConfig().protocol, protocols[i]);
        EXPECT_EQ(out->GetConfig().mode, m.tunnel ? IpsecMode::TUNNEL : IpsecMode::TRANSPORT);
        Ptr<SecurityAssociation> in = Chain::Inbound(sideB, out);
        ASSERT_TRUE(in);
        EXPECT_GT(out->GetCounters().packets, 0u) << out->GetConfig().ToString();
        EXPECT_EQ(in->GetCounters().packets, out->GetCounters().packets);
        EXPECT_EQ(in->GetCounters().bytes, out->GetCounters().bytes);

        Ptr<SecurityAssociation> back = conn.bToA[i];
        Ptr<SecurityAssociation> backIn = Chain::Inbound(sideA, back);
        ASSERT_TRUE(backIn);
        if (m.traffic == Traffic::UDP)
        {
            EXPECT_EQ(out->GetCounters().packets, 10u);
            EXPECT_EQ(back->GetCounters().packets, 0u);
        }
        else
        {
            EXPECT_GT(back->GetCounters().packets, 0u) << back->GetConfig().ToString();
            EXPECT_EQ(backIn->GetCounters().packets, back->GetCounters().packets);
        }
        if (m.traffic == Traffic::PING)
        {
            EXPECT_EQ(out->GetCounters().packets, 5u);
            EXPECT_EQ(back->GetCounters().packets, 5u);
        }
    }
}

std::vector<ModeCase>
AllModeCases()
{
    std::vector<ModeCase> cases;
    for (bool tunnel : {false, true})
    {
        for (const char* protocol : {"esp", "ah", "esp+ah"})
        {
            for (Traffic t : {Traffic::UDP, Traffic::TCP, Traffic::PING})
            {
                cases.push_back({tunnel, protocol, t});
            }
        }
    }
    return cases;
}

INSTANTIATE_TEST_SUITE_P(E2e,
                         ModesMatrix,
                         ::testing::ValuesIn(AllModeCases()),
                         [](const ::testing::TestParamInfo<ModeCase>& info) {
                             std::ostringstream os;
                             os << info.param;
                             std::string name = os.str();
                             for (auto& ch : name)
                             {
                                 ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
                             }
                             return name;
                         });

// --- ESP suites in tunnel mode ------------------------------------------------------------

class TunnelSuites : public ::testing::TestWithParam<const char*>
{
};

TEST_P(TunnelSuites, UdpDelivered)
{
    Chain c;
    c.ipsec.SetSaAttribute("EspProposal", StringValue(GetParam()));
    IpsecConnection conn = c.Tunnel();
    auto drops = c.WatchDrops();
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 10, 333);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 10u);
    EXPECT_EQ(flow->bytes, 3330u);
    EXPECT_EQ(drops->Total(), 0u);
    ASSERT_EQ(conn.aToB.size(), 1u);
    const EspSuite& suite = conn.aToB[0]->GetConfig().espSuite;
    EXPECT_EQ(suite.ToString(), EspSuite::Parse(GetParam()).ToString());
    Ptr<SecurityAssociation> in = Chain::Inbound(c.gwB, conn.aToB[0]);
    ASSERT_TRUE(in);
    EXPECT_EQ(in->GetCounters().packets, 10u);
    EXPECT_EQ(in->GetCounters().highestSeq, 10u);
}

INSTANTIATE_TEST_SUITE_P(E2e,
                         TunnelSuites,
                         ::testing::Values("aes128gcm16",
                                           "aes256-sha256",
                                           "chacha20poly1305",
                                           "aes128ctr-sha1",
                                           "3des-sha1",
                                           "null-sha256",
                                           "aes128gcm16-esn",
                                           "aes256-sha256-esn"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                             std::string name = info.param;
                             for (auto& ch : name)
                             {
                                 ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
                             }
                             return name;
                         });

/// ESN end to end: the sequence number crosses 2^32 and every packet still arrives.
void
CheckEsnCrossesTheBoundary(const std::string& protocol)
{
    Chain c;
    c.ipsec.SetSaAttribute("Protocol", StringValue(protocol));
    c.ipsec.SetSaAttribute("Esn", BooleanValue(true));
    c.ipsec.SetSaAttribute("InitialSequence", UintegerValue(0xFFFFFFFD));
    IpsecConnection conn = c.Tunnel();
    auto drops = c.WatchDrops();
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 6, 200);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 6u);
    EXPECT_EQ(drops->Total(), 0u);
    ASSERT_FALSE(conn.aToB.empty());
    for (const auto& sa : conn.aToB)
    {
        EXPECT_TRUE(sa->GetConfig().IsEsn());
        EXPECT_EQ(sa->GetCounters().highestSeq, uint64_t{0xFFFFFFFD} + 6);
        Ptr<SecurityAssociation> in = Chain::Inbound(c.gwB, sa);
        ASSERT_TRUE(in);
        EXPECT_EQ(in->GetCounters().packets, 6u);
        EXPECT_EQ(in->GetCounters().highestSeq, uint64_t{0xFFFFFFFD} + 6);
        EXPECT_EQ(in->GetReplayWindow().GetHighest(), uint64_t{0xFFFFFFFD} + 6);
    }
}

TEST(E2eEsn, EspSequenceCrosses32Bits)
{
    CheckEsnCrossesTheBoundary("esp");
}

TEST(E2eEsn, AhSequenceCrosses32Bits)
{
    CheckEsnCrossesTheBoundary("ah");
}

TEST(E2eEsn, EspAhSequenceCrosses32Bits)
{
    CheckEsnCrossesTheBoundary("esp+ah");
}

// --- Per-SA traces ------------------------------------------------------------------------

TEST(E2eSaTraces, InstalledSasHaveTheirTraces)
{
    Chain c;
    IpsecConnection conn = c.Tunnel();
    Ptr<SecurityAssociation> out = conn.aToB[0];
    Ptr<SecurityAssociation> in = Chain::Inbound(c.gwB, out);
    ASSERT_TRUE(in);
    EXPECT_EQ(out->GetInstanceTypeId(), SecurityAssociation::GetTypeId());
    EXPECT_EQ(in->GetInstanceTypeId(), SecurityAssociation::GetTypeId());
    std::vector<uint64_t> tx;
    std::vector<uint64_t> rx;
    std::vector<uint32_t> rxSizes;
    ASSERT_TRUE(out->TraceConnectWithoutContext(
        "Tx",
        Callback<void, Ptr<const Packet>, uint64_t>(
            [&tx](Ptr<const Packet>, uint64_t seq) { tx.push_back(seq); })));
    ASSERT_TRUE(in->TraceConnectWithoutContext(
        "Rx",
        Callback<void, Ptr<const Packet>, uint64_t>([&](Ptr<const Packet> p, uint64_t seq) {
            rx.push_back(seq);
            rxSizes.push_back(p->GetSize());
        })));
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 4, 100);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 4u);
    EXPECT_EQ(tx, (std::vector<uint64_t>{1, 2, 3, 4}));
    EXPECT_EQ(rx, (std::vector<uint64_t>{1, 2, 3, 4}));
    EXPECT_EQ(rxSizes, std::vector<uint32_t>(4, 128)); // the inner datagram
}

// --- Large datagrams ----------------------------------------------------------------------

/// 3000-byte datagrams over 1500-byte links arrive whole.
void
CheckLargeDatagrams(bool tunnel, const std::string& protocol)
{
    SCOPED_TRACE(std::string(tunnel ? "tunnel " : "transport ") + protocol);
    Chain c;
    c.ipsec.SetSaAttribute("Protocol", StringValue(protocol));
    IpsecConnection conn = tunnel ? c.Tunnel() : c.Transport();
    auto drops = c.WatchDrops();
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 5, 3000);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 5u);
    EXPECT_EQ(flow->sizes, std::vector<uint32_t>(5, 3000));
    EXPECT_EQ(drops->Total(), 0u);
    for (const auto& sa : conn.aToB)
    {
        // Tunnel mode protects the host's fragments one by one; transport the whole datagram.
        EXPECT_EQ(sa->GetCounters().packets, tunnel ? 15u : 5u) << sa->GetConfig().ToString();
    }
}

TEST(E2eLarge, AhBothModes)
{
    CheckLargeDatagrams(false, "ah");
    CheckLargeDatagrams(true, "ah");
}

TEST(E2eLarge, EspAhBothModes)
{
    CheckLargeDatagrams(false, "esp+ah");
    CheckLargeDatagrams(true, "esp+ah");
}

TEST(E2eLarge, OuterEspPacketFragmentedOn1400ByteLinks)
{
    Chain c(1400);
    IpsecConnection conn = c.Tunnel();
    auto drops = c.WatchDrops();
    RxLog router;
    router.Watch(c.router);
    // 1360 + 28 bytes of UDP/IP fit a 1400-byte link, but not with the tunnel's overhead.
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 4, 1360);
    RunUntil(Seconds(3));
    EXPECT_EQ(flow->received, 4u);
    EXPECT_EQ(flow->sizes, std::vector<uint32_t>(4, 1360));
    EXPECT_EQ(drops->Total(), 0u);
    EXPECT_EQ(conn.aToB[0]->GetCounters().packets, 4u);
    uint32_t first = 0;
    uint32_t later = 0;
    for (const auto& e : router.entries)
    {
        EXPECT_EQ(e.header.GetProtocol(), ESP_PROTOCOL_NUMBER);
        EXPECT_LE(e.header.GetSerializedSize() + e.header.GetPayloadSize(), 1400u);
        if (!e.header.IsLastFragment() && e.header.GetFragmentOffset() == 0)
        {
            first++;
        }
        else if (e.header.GetFragmentOffset() != 0)
        {
            later++;
        }
    }
    EXPECT_EQ(first, 4u);
    EXPECT_EQ(later, 4u);
}

// --- What crosses the WAN -----------------------------------------------------------------

/// Whether a byte string contains an address in network order.
bool
ContainsAddress(const std::vector<uint8_t>& bytes, Ipv4Address a)
{
    uint8_t needle[4];
    a.Serialize(needle);
    return std::search(bytes.begin(), bytes.end(), needle, needle + 4) != bytes.end();
}

TEST(E2eWan, OnlyEspBetweenTheGatewaysInTunnelMode)
{
    Chain c;
    IpsecConnection conn = c.Tunnel();
    RxLog router;
    router.Watch(c.router);
    auto udp = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 10, 400);
    ApplicationContainer app = compat::InstallPing(c.hostA, c.hostBAddr, Seconds(0.25));
    app.Start(Seconds(1));
    app.Stop(Seconds(2.1));
    RunUntil(Seconds(3));
    EXPECT_EQ(udp->received, 10u);

    // 10 UDP + 5 echo requests one way, 5 replies the other way.
    ASSERT_EQ(router.entries.size(), 20u);
    EXPECT_EQ(router.Count(ESP_PROTOCOL_NUMBER), 20u);
    uint32_t fromA = 0;
    for (const auto& e : router.entries)
    {
        const bool aToB = e.header.GetSource() == c.gwAWan;
        fromA += aToB ? 1 : 0;
        EXPECT_EQ(e.header.GetSource(), aToB ? c.gwAWan : c.gwBWan);
        EXPECT_EQ(e.header.GetDestination(), aToB ? c.gwBWan : c.gwAWan);
        EXPECT_FALSE(ContainsAddress(e.payload, c.hostAAddr));
        EXPECT_FALSE(ContainsAddress(e.payload, c.hostBAddr));
    }
    EXPECT_EQ(fromA, 15u);
    EXPECT_EQ(conn.aToB[0]->GetCounters().packets, 15u);
    EXPECT_EQ(conn.bToA[0]->GetCounters().packets, 5u);
}

TEST(E2eWan, InnerAddressesVisibleWithAh)
{
    // The check above is not vacuous: AH tunnel packets carry the inner header in clear.
    Chain c;
    c.ipsec.SetSaAttribute("Protocol", StringValue("ah"));
    c.Tunnel();
    RxLog router;
    router.Watch(c.router);
    auto udp = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 3, 100);
    RunUntil(Seconds(3));
    EXPECT_EQ(udp->received, 3u);
    ASSERT_EQ(router.entries.size(), 3u);
    EXPECT_EQ(router.Count(AH_PROTOCOL_NUMBER), 3u);
    for (const auto& e : router.entries)
    {
        EXPECT_TRUE(ContainsAddress(e.payload, c.hostAAddr));
        EXPECT_TRUE(ContainsAddress(e.payload, c.hostBAddr));
    }
}

TEST(E2eWan, TransportModeKeepsTheHostAddresses)
{
    Chain c;
    c.Transport();
    RxLog router;
    router.Watch(c.router);
    auto udp = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 3, 100);
    RunUntil(Seconds(3));
    EXPECT_EQ(udp->received, 3u);
    ASSERT_EQ(router.entries.size(), 3u);
    for (const auto& e : router.entries)
    {
        EXPECT_EQ(e.header.GetProtocol(), ESP_PROTOCOL_NUMBER);
        EXPECT_EQ(e.header.GetSource(), c.hostAAddr);
        EXPECT_EQ(e.header.GetDestination(), c.hostBAddr);
    }
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
