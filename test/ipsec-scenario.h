// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * Topologies for the end-to-end tests.
 */
#ifndef IPSEC_TEST_SCENARIO_H
#define IPSEC_TEST_SCENARIO_H

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-apps-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-stack.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <map>

namespace ns3
{
namespace ipsec
{
namespace test
{

/**
 * hostA -- gwA -- router -- gwB -- hostB, point-to-point links (MTU 1500 unless given):
 * LAN A 10.1.1.0/24 (hostA .1, gwA .2), WAN 10.2.1.0/24 (gwA .1, router .2),
 * WAN 10.2.2.0/24 (router .1, gwB .2), LAN B 10.3.1.0/24 (gwB .1, hostB .2).
 * Global routing; IPsec installed on all five nodes. Simulator::Destroy() in the destructor.
 */
struct Chain
{
    /**
     * Build it.
     * @param mtu the links' MTU
     */
    explicit Chain(uint16_t mtu = 1500);
    ~Chain();

    NodeContainer nodes;                   ///< all five
    Ptr<Node> hostA;                       ///< host on LAN A
    Ptr<Node> gwA;                         ///< gateway A
    Ptr<Node> router;                      ///< WAN router
    Ptr<Node> gwB;                         ///< gateway B
    Ptr<Node> hostB;                       ///< host on LAN B
    Ipv4Address hostAAddr;                 ///< 10.1.1.1
    Ipv4Address gwALan;                    ///< 10.1.1.2
    Ipv4Address gwAWan;                    ///< 10.2.1.1
    Ipv4Address gwBWan;                    ///< 10.2.2.2
    Ipv4Address gwBLan;                    ///< 10.3.1.1
    Ipv4Address hostBAddr;                 ///< 10.3.1.2
    NetDeviceContainer devices;            ///< all devices, link by link
    std::vector<NetDeviceContainer> links; ///< per link: [LAN A, WAN1, WAN2, LAN B]
    IpsecHelper ipsec;                     ///< the helper (Install already called)

    /**
     * The IPsec stack of a node.
     * @param n the node
     * @return its stack
     */
    static Ptr<IpsecStack> Stack(Ptr<Node> n);
    /**
     * Tunnel between the gateways for LAN A and LAN B.
     * @return the connection
     */
    IpsecConnection Tunnel();
    /**
     * Transport between hostA and hostB.
     * @param protocol protocol (0 = all)
     * @return the connection
     */
    IpsecConnection Transport(uint8_t protocol = 0);
};

/**
 * Counts of UDP datagrams received by a sink, and their sizes.
 */
struct UdpFlow
{
    uint32_t received{0};        ///< datagrams received
    uint64_t bytes{0};           ///< bytes received
    std::vector<uint32_t> sizes; ///< sizes in order
};

/**
 * Send `count` UDP datagrams of `size` bytes from `from` to `to`:`port`, one every `interval`
 * from t = 1 s, and count what arrives.
 * @param from sender
 * @param to receiver
 * @param toAddr receiver's address
 * @param port port
 * @param count datagrams
 * @param size bytes each
 * @param interval spacing
 * @return the counts (filled while the simulation runs)
 */
std::shared_ptr<UdpFlow> SendUdp(Ptr<Node> from,
                                 Ptr<Node> to,
                                 Ipv4Address toAddr,
                                 uint16_t port,
                                 uint32_t count,
                                 uint32_t size,
                                 Time interval = MilliSeconds(10));

/**
 * Drop counts by reason, from an IpsecStack's Drop trace.
 */
struct DropLog
{
    std::map<DropReason, uint32_t> count; ///< per reason
    /**
     * Connect to a node's stack.
     * @param n the node
     */
    void Watch(Ptr<Node> n);
    /**
     * Count of a reason.
     * @param r the reason
     * @return count
     */
    uint32_t operator[](DropReason r) const;
};

} // namespace test
} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_TEST_SCENARIO_H */
