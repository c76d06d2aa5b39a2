// SPDX-License-Identifier: GPL-2.0-only
// The pcap bytes are a function of the seed and run only, even for several simulations in one
// process (e2e-pcap-test.cc compares runs in separate processes).

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
