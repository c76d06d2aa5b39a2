// SPDX-License-Identifier: GPL-2.0-only
// End-to-end: delivery through tunnel and transport mode.

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

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
