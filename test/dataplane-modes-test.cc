// SPDX-License-Identifier: GPL-2.0-only
// End-to-end: every mode and protocol carries UDP, TCP and ping; the pcap bytes are a function of
// the seed and run only.

#include "ipsec-scenario.h"

#include <fstream>
#include <gtest/gtest.h>
#include <iterator>

namespace ns3
{
namespace ipsec
{
namespace test
{
namespace
{

/// One combination: mode, protocol(s), ESP proposal.
struct Combo
{
    bool tunnel;          ///< tunnel (else transport)
    int protocol;         ///< 0 esp, 1 ah, 2 esp+ah
    std::string proposal; ///< ESP proposal
};

/**
 * A readable test name.
 * @param info the parameter
 * @return the name
 */
std::string
ComboName(const testing::TestParamInfo<Combo>& info)
{
    static const char* protocols[] = {"Esp", "Ah", "EspAh"};
    std::string name = std::string(info.param.tunnel ? "Tunnel" : "Transport") +
                       protocols[info.param.protocol] + "_" + info.param.proposal;
    for (auto& ch : name)
    {
        ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    }
    return name;
}

class Modes : public testing::TestWithParam<Combo>
{
};

TEST_P(Modes, UdpTcpAndPingDelivered)
{
    const Combo& combo = GetParam();
    Chain c;
    c.ipsec.SetSaAttribute("Protocol", EnumValue(combo.protocol));
    c.ipsec.SetSaAttribute("EspProposal", StringValue(combo.proposal));
    IpsecConnection conn = combo.tunnel ? c.Tunnel() : c.Transport();
    DropLog drops;
    for (auto n = c.nodes.Begin(); n != c.nodes.End(); ++n)
    {
        drops.Watch(*n);
    }
    auto udp = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 20, 700);
    // TCP bulk transfer hostA -> hostB
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 50000));
    ApplicationContainer sink = sinkHelper.Install(c.hostB);
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(c.hostBAddr, 50000));
    bulk.SetAttribute("MaxBytes", UintegerValue(100000));
    ApplicationContainer src = bulk.Install(c.hostA);
    src.Start(Seconds(1));
    // ping hostA -> hostB
    V4PingHelper ping(c.hostBAddr);
    ping.SetAttribute("Interval", TimeValue(Seconds(0.25)));
    ApplicationContainer pinger = ping.Install(c.hostA);
    pinger.Start(Seconds(1));
    pinger.Stop(Seconds(2.1));
    uint32_t rtts = 0;
    pinger.Get(0)->TraceConnectWithoutContext("Rtt",
                                              MakeBoundCallback(
                                                  +[](uint32_t* n, Time) { (*n)++; },
                                                  &rtts));
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    EXPECT_EQ(udp->received, 20u);
    EXPECT_EQ(DynamicCast<PacketSink>(sink.Get(0))->GetTotalRx(), 100000u);
    EXPECT_EQ(rtts, 5u);
    EXPECT_EQ(drops.count.size(), 0u);
    const size_t expected = combo.protocol == 2 ? 2 : 1;
    ASSERT_EQ(conn.aToB.size(), expected);
    ASSERT_EQ(conn.bToA.size(), expected);
    for (const auto& sa : conn.aToB)
    {
        // UDP 20 + TCP data segments (>= 69 of 1448 bytes) + 5 echo requests
        EXPECT_GT(sa->GetCounters().packets, 90u) << sa->GetConfig().ToString();
        EXPECT_EQ(sa->GetConfig().mode, combo.tunnel ? IpsecMode::TUNNEL : IpsecMode::TRANSPORT);
    }
    for (const auto& sa : conn.bToA)
    {
        EXPECT_GT(sa->GetCounters().packets, 5u) << "TCP ACKs and echo replies";
    }
}

INSTANTIATE_TEST_SUITE_P(DataPlane,
                         Modes,
                         testing::Values(Combo{false, 0, "aes128gcm16"},
                                         Combo{false, 1, "aes128gcm16"},
                                         Combo{false, 2, "aes128gcm16"},
                                         Combo{true, 0, "aes128gcm16"},
                                         Combo{true, 1, "aes128gcm16"},
                                         Combo{true, 2, "aes256-sha256"},
                                         Combo{true, 0, "aes256-sha256"},
                                         Combo{true, 0, "chacha20poly1305"},
                                         Combo{true, 0, "aes128ctr-sha1"},
                                         Combo{true, 0, "3des-sha1"},
                                         Combo{true, 0, "null-sha256"},
                                         Combo{true, 0, "aes128gmac"},
                                         Combo{false, 0, "aes256gcm16-esn"},
                                         Combo{true, 2, "aes128-sha256-esn"}),
                         ComboName);

/**
 * Run the tunnel scenario with pcaps and return the bytes of gwA's WAN capture.
 * @param dir output directory
 * @param run the RngRun
 * @return the pcap file's bytes
 */
std::string
CaptureWan(const std::string& dir, uint32_t run)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(run);
    std::string bytes;
    {
        Chain c;
        c.ipsec.SetSaAttribute("EspProposal", StringValue("aes128-sha256")); // random CBC IVs
        c.Tunnel();
        PointToPointHelper p2p;
        p2p.EnablePcap(dir + "/wan.pcap", c.links[1].Get(0), false, true);
        SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 10, 500);
        Simulator::Stop(Seconds(3));
        Simulator::Run();
    } // the Chain destroys the simulation, which closes the pcap file
    std::ifstream in(dir + "/wan.pcap", std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    RngSeedManager::SetRun(1);
    return bytes;
}

TEST(Pcap, SameSeedAndRunGiveTheSameBytes)
{
    std::string dir = testing::TempDir() + "ipsec-pcap-regression";
    std::system(("mkdir -p " + dir).c_str());
    const std::string first = CaptureWan(dir, 1);
    const std::string second = CaptureWan(dir, 1);
    const std::string other = CaptureWan(dir, 2);
    // 24-byte global header + 10 records of 16 + 2 (PPP) + 20 (IP) + ESP(8 + 16 IV + 528 + 16)
    ASSERT_GT(first.size(), 24u + 10 * (16 + 2 + 20 + 8 + 16 + 528 + 16) - 1);
    EXPECT_EQ(static_cast<uint8_t>(first[24 + 16 + 2 + 9]), 50) << "the first record is ESP";
    EXPECT_TRUE(first == second) << "same seed and run, same pcap bytes";
    EXPECT_EQ(first.size(), other.size());
    EXPECT_FALSE(first == other) << "another run draws other keys and IVs";
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
