// SPDX-License-Identifier: GPL-2.0-only
#ifndef IPSEC_ATTACKER_OFF_PATH_H
#define IPSEC_ATTACKER_OFF_PATH_H

#include "ipsec-attack.h"

#include "ns3/net-device.h"
#include "ns3/node.h"

#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief An off-path attacker: a node on a shared segment (CSMA) that overhears its neighbours'
 * IPv4 datagrams in promiscuous mode (a protocol handler registered with Node, ns-3's public
 * way) and sends datagrams of its own. Its attacks see copies (Attack::Observe); they cannot
 * change, drop or hold what they overhear (ForwardLater refuses), but they can replay, forge
 * and eavesdrop.
 */
class OffPathAttacker : public Object, public AttackContext
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    OffPathAttacker();
    ~OffPathAttacker() override;

    /**
     * @brief Listen on a device of the attacker's node.
     * @param node the attacker's node (it needs IPv4 to send)
     * @param device its device on the shared segment
     */
    void Listen(Ptr<Node> node, Ptr<NetDevice> device);
    /**
     * @brief Add an attack.
     * @param attack the attack
     */
    void AddAttack(Ptr<Attack> attack);
    /// @return the attacks
    const std::vector<Ptr<Attack>>& GetAttacks() const;
    /// @return the datagrams of others it overheard
    uint64_t GetOverheard() const;

    bool Inject(const AttackPacket& packet) override;
    bool ForwardLater(Time delay, const AttackPacket& packet) override;

  protected:
    void DoDispose() override;

  private:
    /**
     * @brief A frame the device passed up (promiscuous protocol handler).
     * @param device the device
     * @param packet the frame's payload (the IPv4 datagram)
     * @param protocol its EtherType
     * @param from the sender
     * @param to the receiver
     * @param type for this node, broadcast, multicast or another host
     */
    void Receive(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& from,
                 const Address& to,
                 NetDevice::PacketType type);

    Ptr<Ipv4> m_ipv4;                   ///< the node's IPv4
    std::vector<Ptr<Attack>> m_attacks; ///< in order
    uint64_t m_overheard{0};            ///< others' datagrams seen
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ATTACKER_OFF_PATH_H */
