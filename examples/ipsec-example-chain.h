// SPDX-License-Identifier: GPL-2.0-only
// The IKE examples' topology: hostA - gwA - router - gwB - hostB over point-to-point links
// (10 Mb/s, 5 ms), subnets 10.1.1.0/24, 10.2.1.0/24, 10.2.2.0/24 and 10.3.1.0/24. Apart from
// ipsec-example-util.h because it needs the point-to-point module, which not every example
// links.
#ifndef IPSEC_EXAMPLE_CHAIN_H
#define IPSEC_EXAMPLE_CHAIN_H

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/point-to-point-module.h"

#include <vector>

namespace ns3
{
namespace ipsec
{
namespace example
{

/// The five nodes, their links and addresses; routing is left to the caller (who may add links).
struct ExampleChain
{
    NodeContainer nodes;                     ///< hostA, gwA, router, gwB, hostB
    PointToPointHelper p2p;                  ///< the links' settings, for more links
    Ipv4AddressHelper address;               ///< the address helper, for more subnets
    std::vector<NetDeviceContainer> links;   ///< hostA-gwA, gwA-router, router-gwB, gwB-hostB
    std::vector<Ipv4InterfaceContainer> ifs; ///< their interfaces

    /// @return the node (0 hostA, 1 gwA, 2 router, 3 gwB, 4 hostB)
    Ptr<Node> Get(uint32_t i) const
    {
        return nodes.Get(i);
    }

    /// @return gwA's WAN address (10.2.1.1)
    Ipv4Address GwAWan() const
    {
        return ifs[1].GetAddress(0);
    }

    /// @return gwB's WAN address (10.2.2.2)
    Ipv4Address GwBWan() const
    {
        return ifs[2].GetAddress(1);
    }

    /// @return hostB's address (10.3.1.2)
    Ipv4Address HostB() const
    {
        return ifs[3].GetAddress(1);
    }
};

/**
 * Build the chain, with the Internet stack (IpsecHelper's) on every node.
 * @param mtu the links' MTU (0: the device's default)
 * @return the chain
 */
inline ExampleChain
BuildExampleChain(uint32_t mtu = 0)
{
    ExampleChain c;
    c.nodes.Create(5);
    IpsecHelper::InstallInternetStack(c.nodes);
    c.p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    c.p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    if (mtu != 0)
    {
        c.p2p.SetDeviceAttribute("Mtu", UintegerValue(mtu));
    }
    const char* nets[] = {"10.1.1.0", "10.2.1.0", "10.2.2.0", "10.3.1.0"};
    for (uint32_t i = 0; i < 4; i++)
    {
        c.links.push_back(c.p2p.Install(c.nodes.Get(i), c.nodes.Get(i + 1)));
        c.address.SetBase(nets[i], "255.255.255.0");
        c.ifs.push_back(c.address.Assign(c.links.back()));
    }
    return c;
}

} // namespace example
} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_EXAMPLE_CHAIN_H */
