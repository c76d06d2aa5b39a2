// SPDX-License-Identifier: GPL-2.0-only
#ifndef IPSEC_ATTACKER_ROUTING_H
#define IPSEC_ATTACKER_ROUTING_H

#include "ipsec-attack.h"
#include "ipsec-ns3-compat.h"

#include "ns3/ipv4-routing-protocol.h"

#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief An on-path attacker inside a forwarding node's routing, through ns-3's public
 * extension point: a routing protocol added to the node's Ipv4ListRouting ahead of the others.
 * Every datagram the node forwards (not those for the node itself: Ipv4ListRouting delivers
 * them first) goes through its attacks in order; what they let through is handed to the node's
 * other routing protocols with the ns-3 callbacks it came with, so it leaves as forwarded
 * traffic does (TTL, fragmentation, queues). Held datagrams are handed over later the same way;
 * injected ones are routed by the node's routing and sent with Ipv4::SendWithHeader, whatever
 * their source address. It routes nothing of the node's own (RouteOutput gives no route).
 */
class AttackerRouting : public Ipv4RoutingProtocol, public AttackContext
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    AttackerRouting();
    ~AttackerRouting() override;

    /**
     * @brief Add an attack after those already there.
     * @param attack the attack
     */
    void AddAttack(Ptr<Attack> attack);
    /// @return the attacks, in order
    const std::vector<Ptr<Attack>>& GetAttacks() const;

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
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

    bool Inject(const AttackPacket& packet) override;
    bool ForwardLater(Time delay, const AttackPacket& packet) override;

  protected:
    void DoDispose() override;

  private:
    /// How a datagram in hand goes on: the ns-3 callbacks it arrived with.
    struct Arrival
    {
        Ptr<const NetDevice> idev;    ///< the device it came in on
        UnicastForwardCallback ucb;   ///< unicast forwarding
        MulticastForwardCallback mcb; ///< multicast forwarding
        LocalDeliverCallback lcb;     ///< local delivery
        ErrorCallback ecb;            ///< errors
    };

    /**
     * @brief Hand a datagram to the node's other routing protocols.
     * @param packet the datagram
     * @param arrival how it arrived
     */
    void Forward(const AttackPacket& packet, const Arrival& arrival);

    Ptr<Ipv4> m_ipv4;                   ///< the node's IPv4
    std::vector<Ptr<Attack>> m_attacks; ///< in order
    const Arrival* m_current{nullptr};  ///< the arrival in hand (during RouteInput)
    uint64_t m_noRoute{0};              ///< datagrams no other protocol would route
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ATTACKER_ROUTING_H */
