// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * Topologies for the end-to-end tests.
 */
#ifndef IPSEC_TEST_SCENARIO_H
#define IPSEC_TEST_SCENARIO_H

#include "ipsec-ns3-app-compat.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/error-model.h"
#include "ns3/internet-apps-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-stack.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <functional>
#include <map>
#include <vector>

namespace ns3
{
namespace ipsec
{
namespace test
{

struct DropLog;

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
    /**
     * gwA's WAN device (towards the router).
     * @return it
     */
    Ptr<NetDevice> GwAWan() const;
    /**
     * gwB's WAN device (towards the router).
     * @return it
     */
    Ptr<NetDevice> GwBWan() const;
    /**
     * The inbound twin of an outbound SA, on the node that receives it.
     * @param n the receiving node
     * @param outbound the outbound SA
     * @return the inbound SA (null if not installed)
     */
    static Ptr<SecurityAssociation> Inbound(Ptr<Node> n, Ptr<SecurityAssociation> outbound);
    /**
     * A DropLog watching all five nodes.
     * @return it
     */
    std::shared_ptr<DropLog> WatchDrops() const;
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
 * @param start when the first is sent
 * @param configure called on the sending socket before it connects (e.g. to set MtuDiscover
 * or IpTtl), if set
 * @return the counts (filled while the simulation runs)
 */
std::shared_ptr<UdpFlow> SendUdp(Ptr<Node> from,
                                 Ptr<Node> to,
                                 Ipv4Address toAddr,
                                 uint16_t port,
                                 uint32_t count,
                                 uint32_t size,
                                 Time interval = MilliSeconds(10),
                                 Time start = Seconds(1),
                                 const std::function<void(Ptr<Socket>)>& configure = nullptr);

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
    /**
     * All drops.
     * @return the sum of all reasons
     */
    uint32_t Total() const;
};

/**
 * A receive error model that hands every frame a point-to-point device receives (PPP header
 * included) to a function, which may rewrite it (return false) or drop it (return true).
 */
class FrameHook : public ErrorModel
{
  public:
    /// The function: may change the frame; returns true to drop it.
    using Hook = std::function<bool(Ptr<Packet> frame)>;
    /**
     * Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();
    /**
     * Set the function.
     * @param hook it
     */
    void SetHook(Hook hook);

  private:
    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;
    Hook m_hook; ///< the function
};

/**
 * Install a FrameHook as a point-to-point device's receive error model.
 * @param device the device
 * @param hook the function
 * @return the error model
 */
Ptr<FrameHook> InstallFrameHook(Ptr<NetDevice> device, FrameHook::Hook hook);

/**
 * The IPv4 header of a PPP frame.
 * @param frame the frame (PPP header first)
 * @param ip out: the header
 * @return false if the frame is not IPv4
 */
bool ParseFrame(Ptr<const Packet> frame, Ipv4Header& ip);

/**
 * The IP datagram inside a PPP frame.
 * @param frame the frame
 * @return a copy without the PPP header
 */
Ptr<Packet> FrameDatagram(Ptr<const Packet> frame);

/**
 * Rewrite the IP payload of a PPP frame in place (the PPP and IPv4 headers are kept).
 * @param frame the frame
 * @param edit changes the payload bytes (their number must stay the same)
 */
void EditFramePayload(Ptr<Packet> frame, const std::function<void(std::vector<uint8_t>&)>& edit);

/**
 * Hand a datagram to a node's IPv4 as if a device had received it.
 * @param node the node
 * @param device the device
 * @param datagram the datagram with its IP header
 */
void Inject(Ptr<Node> node, Ptr<NetDevice> device, Ptr<const Packet> datagram);

/**
 * The datagrams one node's IPv4 receives (Ipv4L3Protocol "Rx" trace), headers parsed.
 */
struct RxLog
{
    /// One datagram.
    struct Entry
    {
        uint32_t interface;           ///< interface it arrived on
        Ipv4Header header;            ///< its header
        std::vector<uint8_t> payload; ///< its payload bytes
        Time time;                    ///< when
    };

    std::vector<Entry> entries; ///< in arrival order
    /**
     * Connect to a node's IPv4.
     * @param n the node
     */
    void Watch(Ptr<Node> n);
    /**
     * Datagrams of one IP protocol.
     * @param protocol the protocol
     * @return their number
     */
    uint32_t Count(uint8_t protocol) const;
    /**
     * Headers of the datagrams of one IP protocol.
     * @param protocol the protocol
     * @return them, in arrival order
     */
    std::vector<Ipv4Header> Headers(uint8_t protocol) const;
};

/**
 * Run a simulation until a time.
 * @param stop the time
 */
void RunUntil(Time stop);

} // namespace test
} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_TEST_SCENARIO_H */
