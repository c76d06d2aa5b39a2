// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-attacker-helper.h"

#include "ipsec-factory-check.h"

#include "ns3/ipsec-config-error.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4.h"

#include <limits>

namespace ns3
{
namespace ipsec
{

Ptr<AttackerRouting>
IpsecAttackerHelper::InstallOnPath(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    if (!ipv4)
    {
        throw ConfigError("node " + std::to_string(node->GetId()) +
                          " has no IPv4: install an internet stack on the attacker's node first");
    }
    Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(ipv4->GetRoutingProtocol());
    if (!list)
    {
        throw ConfigError("node " + std::to_string(node->GetId()) +
                          ": an on-path attacker joins an Ipv4ListRouting (InternetStackHelper's "
                          "default), but this node routes with " +
                          ipv4->GetRoutingProtocol()->GetInstanceTypeId().GetName());
    }
    for (uint32_t i = 0; i < list->GetNRoutingProtocols(); i++)
    {
        int16_t priority = 0;
        if (Ptr<AttackerRouting> a =
                DynamicCast<AttackerRouting>(list->GetRoutingProtocol(i, priority)))
        {
            return a;
        }
    }
    Ptr<AttackerRouting> attacker = CreateObject<AttackerRouting>();
    // Ahead of every other protocol: it sees each forwarded datagram first.
    list->AddRoutingProtocol(attacker, std::numeric_limits<int16_t>::max());
    return attacker;
}

ObjectFactory
IpsecAttackerHelper::Factory(const std::string& typeId)
{
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(typeId, &tid))
    {
        throw ConfigError("IpsecAttackerHelper: no TypeId '" + typeId +
                          "' (e.g. ns3::ipsec::DropAttack, TamperAttack, ReplayAttack)");
    }
    if (!tid.IsChildOf(Attack::GetTypeId()))
    {
        throw ConfigError("IpsecAttackerHelper: " + typeId + " is not an ns3::ipsec::Attack");
    }
    ObjectFactory factory;
    factory.SetTypeId(tid);
    return factory;
}

void
IpsecAttackerHelper::SetAttribute(ObjectFactory& factory,
                                  const std::string& name,
                                  const AttributeValue& value)
{
    SetFactoryAttributeChecked(factory, name, value, "IpsecAttackerHelper::AddOnPath");
}

Ptr<OffPathAttacker>
IpsecAttackerHelper::InstallOffPath(Ptr<Node> node, Ptr<NetDevice> device)
{
    Ptr<OffPathAttacker> attacker = node->GetObject<OffPathAttacker>();
    if (!attacker)
    {
        attacker = CreateObject<OffPathAttacker>();
        attacker->Listen(node, device);
        node->AggregateObject(attacker);
    }
    return attacker;
}

Ptr<Attack>
IpsecAttackerHelper::AddOnPath(Ptr<Node> node, const ObjectFactory& factory)
{
    Ptr<Attack> attack = Make(factory);
    InstallOnPath(node)->AddAttack(attack);
    return attack;
}

Ptr<Attack>
IpsecAttackerHelper::Make(const ObjectFactory& factory)
{
    Ptr<Attack> attack = factory.Create<Attack>();
    if (m_streamBase >= 0)
    {
        if (m_streamsUsed >= MAX_ATTACKS)
        {
            throw ConfigError("IpsecAttackerHelper::AssignStreams covers " +
                              std::to_string(MAX_ATTACKS) + " attacks; call it again");
        }
        attack->AssignStreams(m_streamBase + Attack::STREAMS * m_streamsUsed++);
    }
    return attack;
}

int64_t
IpsecAttackerHelper::AssignStreams(int64_t stream)
{
    m_streamBase = stream;
    m_streamsUsed = 0;
    return MAX_ATTACKS * Attack::STREAMS;
}

} // namespace ipsec
} // namespace ns3
