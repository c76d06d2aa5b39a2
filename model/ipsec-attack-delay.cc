// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-attack-delay.h"

#include "ns3/pointer.h"
#include "ns3/string.h"

namespace ns3
{
namespace ipsec
{

NS_OBJECT_ENSURE_REGISTERED(DelayAttack);

TypeId
DelayAttack::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ipsec::DelayAttack")
            .SetParent<Attack>()
            .SetGroupName("Ipsec")
            .AddConstructor<DelayAttack>()
            .AddAttribute("Delay",
                          "How long each targeted datagram is held back, in seconds",
                          StringValue("ns3::UniformRandomVariable[Min=0.0|Max=0.05]"),
                          MakePointerAccessor(&DelayAttack::m_delay),
                          MakePointerChecker<RandomVariableStream>());
    return tid;
}

AttackVerdict
DelayAttack::DoProcess(AttackPacket& packet, AttackContext& ctx)
{
    const double seconds = m_delay->GetValue();
    if (seconds <= 0 || !ctx.ForwardLater(Seconds(seconds), packet))
    {
        return AttackVerdict::FORWARD;
    }
    Count("delayed", packet);
    return AttackVerdict::HOLD;
}

int64_t
DelayAttack::DoAssignStreams(int64_t stream)
{
    m_delay->SetStream(stream);
    return 1;
}

} // namespace ipsec
} // namespace ns3
