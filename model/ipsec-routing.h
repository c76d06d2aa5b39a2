// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The routing shim that steers traffic through IPsec (DESIGN.md §2).
 */
#ifndef IPSEC_ROUTING_H
#define IPSEC_ROUTING_H

#include "ipsec-ns3-compat.h"

#include "ns3/ipv4-list-routing.h"

#include <unordered_map>

namespace ns3
{
namespace ipsec
{

class IpsecStack;

/**
 * @ingroup ipsec
 * @brief An Ipv4ListRouting that consults the node's IPsec policies first.
 *
 * RouteOutput() returns a route through ipsec0 for locally originated datagrams that a PROTECT
 * or DISCARD policy may cover (ports are not known yet at that point, so the decision with ports
 * is taken in ipsec0's send callback). RouteInput() applies the inbound policy check to every
 * datagram entering IP, and sends forwarded datagrams that an OUT policy protects to ipsec0.
 * Everything else is routed by the wrapped protocols (static, global, ...), so
 * Ipv4StaticRoutingHelper::GetStaticRouting and Ipv4GlobalRoutingHelper keep working: this is
 * the design of Linux's route-based VPNs and XFRM interfaces.
 *
 * Without an IpsecStack on the node it behaves exactly like Ipv4ListRouting.
 */
class IpsecRouting : public Ipv4ListRouting
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * @brief Attach the node's IPsec stack.
     * @param stack the stack (null to detach)
     */
    void SetStack(Ptr<IpsecStack> stack);

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    compat::RouteInputCallback<UnicastForwardCallback> ucb,
                    compat::RouteInputCallback<MulticastForwardCallback> mcb,
                    compat::RouteInputCallback<LocalDeliverCallback> lcb,
                    compat::RouteInputCallback<ErrorCallback> ecb) override;
    /**
     * @brief Pass on, and tell the stack its address cache is stale.
     * @param interface the interface
     * @param address the address
     */
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    /**
     * @brief Pass on, and tell the stack its address cache is stale.
     * @param interface the interface
     * @param address the address
     */
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;

    /**
     * @brief The route the wrapped protocols give, without IPsec (used to send protected and
     * bypassed datagrams).
     * @param header the header (destination, source if known)
     * @param sockerr out: error
     * @return the route or null
     */
    Ptr<Ipv4Route> RouteOutputPlain(const Ipv4Header& header, Socket::SocketErrno& sockerr);

    IpsecRouting();
    ~IpsecRouting() override;

  protected:
    void DoDispose() override;

  private:
    /**
     * @brief The IPv4 interface of a device, from a cache (ns-3 never removes an interface or
     * moves a device to another one, so an entry never goes stale).
     * @param device the device
     * @return its interface, or -1
     */
    int32_t InterfaceOf(Ptr<const NetDevice> device);

    std::unordered_map<const NetDevice*, int32_t> m_interfaces; ///< device -> interface
    Ptr<IpsecStack> m_stack;                                    ///< the node's IPsec stack
    Ptr<Ipv4> m_ipv4; ///< the node's IPv4 (set in SetStack)
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ROUTING_H */
