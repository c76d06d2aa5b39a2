// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-attacker-off-path.h"

#include "ipsec-config-error.h"

#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecOffPathAttacker");
NS_OBJECT_ENSURE_REGISTERED(OffPathAttacker);

TypeId
OffPathAttacker::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ipsec::OffPathAttacker")
                            .SetParent<Object>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<OffPathAttacker>();
    return tid;
}

OffPathAttacker::OffPathAttacker() = default;

OffPathAttacker::~OffPathAttacker() = default;

void
OffPathAttacker::DoDispose()
{
    m_attacks.clear();
    m_ipv4 = nullptr;
    Object::DoDispose();
}

void
OffPathAttacker::Listen(Ptr<Node> node, Ptr<NetDevice> device)
{
    m_ipv4 = node->GetObject<Ipv4>();
    if (!m_ipv4)
    {
        throw ConfigError("node " + std::to_string(node->GetId()) +
                          " has no IPv4: an off-path attacker needs one to send");
    }
    if (device->GetNode() != node)
    {
        throw ConfigError("an off-path attacker listens on a device of its own node");
    }
    // Promiscuous: the device passes up every frame on the segment, PACKET_OTHERHOST included.
    node->RegisterProtocolHandler(MakeCallback(&OffPathAttacker::Receive, this),
                                  Ipv4L3Protocol::PROT_NUMBER,
                                  device,
                                  true);
}

void
OffPathAttacker::AddAttack(Ptr<Attack> attack)
{
    m_attacks.push_back(attack);
    attack->Attach(*this);
}

const std::vector<Ptr<Attack>>&
OffPathAttacker::GetAttacks() const
{
    return m_attacks;
}

uint64_t
OffPathAttacker::GetOverheard() const
{
    return m_overheard;
}

void
OffPathAttacker::Receive(Ptr<NetDevice> /* device */,
                         Ptr<const Packet> packet,
                         uint16_t /* protocol */,
                         const Address& /* from */,
                         const Address& /* to */,
                         NetDevice::PacketType type)
{
    if (type != NetDevice::PACKET_OTHERHOST)
    {
        return; // the node's own traffic goes up its IP stack as usual
    }
    AttackPacket copy{Ipv4Header(), packet->Copy()};
    if (copy.payload->GetSize() < 20 || copy.payload->RemoveHeader(copy.header) == 0)
    {
        return;
    }
    m_overheard++;
    for (const Ptr<Attack>& attack : m_attacks)
    {
        attack->Observe(copy, *this);
    }
}

bool
OffPathAttacker::Inject(const AttackPacket& packet)
{
    return m_ipv4 && SendFromAttacker(m_ipv4, packet);
}

bool
OffPathAttacker::ForwardLater(Time /* delay */, const AttackPacket& /* packet */)
{
    return false; // it only overhears: what it saw is already on its way
}

} // namespace ipsec
} // namespace ns3
