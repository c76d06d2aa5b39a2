// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-attack-drop.h"

namespace ns3
{
namespace ipsec
{

NS_OBJECT_ENSURE_REGISTERED(DropAttack);

TypeId
DropAttack::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ipsec::DropAttack")
                            .SetParent<Attack>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<DropAttack>();
    return tid;
}

AttackVerdict
DropAttack::DoProcess(AttackPacket& packet, AttackContext& /* ctx */)
{
    Count("dropped", packet);
    return AttackVerdict::DROP;
}

} // namespace ipsec
} // namespace ns3
