// SPDX-License-Identifier: GPL-2.0-only
#ifndef IPSEC_ATTACKER_HELPER_H
#define IPSEC_ATTACKER_HELPER_H

#include "ns3/ipsec-attack.h"
#include "ns3/ipsec-attacker-off-path.h"
#include "ns3/ipsec-attacker-routing.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"

#include <string>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief Places attackers. On-path: any forwarding node whose IPv4 routing is an
 * Ipv4ListRouting (InternetStackHelper's default, and IpsecHelper::InstallInternetStack's)
 * gets an AttackerRouting ahead of its other routing protocols; the victims' configuration does
 * not change. Attacks are made from their TypeId with attributes, in the order they act:
 *
 * @code
 *   IpsecAttackerHelper attacker;
 *   attacker.AddOnPath(router, "ns3::ipsec::TamperAttack", "Field", StringValue("spi"),
 *                      "Protocol", UintegerValue(50));
 * @endcode
 */
class IpsecAttackerHelper
{
  public:
    /**
     * @brief The node's on-path attacker, added to its routing if it has none yet.
     * @param node a forwarding node
     * @return its attacker
     * @throws ConfigError if the node has no IPv4 or its routing is not an Ipv4ListRouting
     */
    static Ptr<AttackerRouting> InstallOnPath(Ptr<Node> node);

    /**
     * @brief Add an attack to a node's on-path attacker, after its other attacks.
     * @param node a forwarding node
     * @param typeId the attack's TypeId name (e.g. "ns3::ipsec::DropAttack")
     * @param args attribute name and value pairs
     * @return the attack
     * @throws ConfigError for an unknown TypeId, a TypeId that is not an Attack, or an unknown
     * attribute or a value its checker refuses
     */
    template <typename... Args>
    Ptr<Attack> AddOnPath(Ptr<Node> node, const std::string& typeId, Args&&... args)
    {
        ObjectFactory factory = Factory(typeId);
        SetAttributes(factory, std::forward<Args>(args)...);
        return AddOnPath(node, factory);
    }

    /**
     * @brief Add an attack made by a factory to a node's on-path attacker.
     * @param node a forwarding node
     * @param factory the attack's factory
     * @return the attack
     */
    Ptr<Attack> AddOnPath(Ptr<Node> node, const ObjectFactory& factory);

    /**
     * @brief The node's off-path attacker, listening on one of its devices (a shared segment:
     * CSMA), made if it has none yet.
     * @param node the attacker's node (with an internet stack, to send)
     * @param device its device on the segment
     * @return its attacker
     * @throws ConfigError if the node has no IPv4 or the device is another node's
     */
    static Ptr<OffPathAttacker> InstallOffPath(Ptr<Node> node, Ptr<NetDevice> device);

    /**
     * @brief Add an attack to a node's off-path attacker (it sees copies of what it overhears:
     * eavesdrop, replay, inject).
     * @param node the attacker's node
     * @param device its device on the shared segment
     * @param typeId the attack's TypeId name
     * @param args attribute name and value pairs
     * @return the attack
     * @throws ConfigError as AddOnPath()
     */
    template <typename... Args>
    Ptr<Attack> AddOffPath(Ptr<Node> node,
                           Ptr<NetDevice> device,
                           const std::string& typeId,
                           Args&&... args)
    {
        ObjectFactory factory = Factory(typeId);
        SetAttributes(factory, std::forward<Args>(args)...);
        Ptr<Attack> attack = Make(factory);
        InstallOffPath(node, device)->AddAttack(attack);
        return attack;
    }

    /**
     * @brief Fix the random streams of the attacks added from now on (Attack::STREAMS each).
     * @param stream the first stream
     * @return the streams reserved (MAX_ATTACKS * Attack::STREAMS)
     */
    int64_t AssignStreams(int64_t stream);

    /// Attacks one AssignStreams call covers.
    static constexpr int64_t MAX_ATTACKS = 1024;

  private:
    /**
     * @brief Make an attack, with its streams if AssignStreams was called.
     * @param factory its factory
     * @return the attack
     */
    Ptr<Attack> Make(const ObjectFactory& factory);
    /**
     * @brief A factory for an attack's TypeId, checked.
     * @param typeId the name
     * @return the factory
     */
    static ObjectFactory Factory(const std::string& typeId);

    /**
     * @brief Set attributes on a factory, with a ConfigError that names a mistake.
     * @param factory the factory
     */
    static void SetAttributes(ObjectFactory& /* factory */)
    {
    }

    /**
     * @brief Set attributes on a factory, with a ConfigError that names a mistake.
     * @param factory the factory
     * @param name an attribute
     * @param value its value
     * @param rest the other pairs
     */
    template <typename... Rest>
    static void SetAttributes(ObjectFactory& factory,
                              const std::string& name,
                              const AttributeValue& value,
                              Rest&&... rest)
    {
        SetAttribute(factory, name, value);
        SetAttributes(factory, std::forward<Rest>(rest)...);
    }

    /**
     * @brief Set one attribute on a factory.
     * @param factory the factory
     * @param name the attribute
     * @param value its value
     */
    static void SetAttribute(ObjectFactory& factory,
                             const std::string& name,
                             const AttributeValue& value);

    int64_t m_streamBase{-1}; ///< first stream (-1: not assigned)
    int64_t m_streamsUsed{0}; ///< streams handed out
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ATTACKER_HELPER_H */
