// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-attack-replay.h"

#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace ipsec
{

NS_OBJECT_ENSURE_REGISTERED(ReplayAttack);

TypeId
ReplayAttack::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ipsec::ReplayAttack")
                            .SetParent<Attack>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<ReplayAttack>()
                            .AddAttribute("Delay",
                                          "How long after a datagram was seen its copies are sent",
                                          TimeValue(Seconds(0)),
                                          MakeTimeAccessor(&ReplayAttack::m_delay),
                                          MakeTimeChecker(Seconds(0)))
                            .AddAttribute("Every",
                                          "Capture every n-th targeted datagram",
                                          UintegerValue(1),
                                          MakeUintegerAccessor(&ReplayAttack::m_every),
                                          MakeUintegerChecker<uint32_t>(1))
                            .AddAttribute("Copies",
                                          "Copies sent of each captured datagram",
                                          UintegerValue(1),
                                          MakeUintegerAccessor(&ReplayAttack::m_copies),
                                          MakeUintegerChecker<uint32_t>(1, 1000));
    return tid;
}

void
ReplayAttack::DoObserve(const AttackPacket& packet, AttackContext& ctx)
{
    Capture(packet, ctx);
}

void
ReplayAttack::Capture(const AttackPacket& packet, AttackContext& ctx)
{
    if (m_seen++ % m_every != 0)
    {
        return;
    }
    Count("captured", packet);
    for (uint32_t i = 0; i < m_copies; i++)
    {
        // A copy of its own: the original goes on and may change further down the chain.
        AttackPacket copy{packet.header, packet.payload->Copy()};
        // The attacker's node outlives its attacks' events (it is the node's routing).
        Simulator::Schedule(m_delay, &ReplayAttack::Replay, this, copy, &ctx);
    }
}

void
ReplayAttack::Replay(AttackPacket packet, AttackContext* ctx)
{
    if (ctx->Inject(packet))
    {
        Count("replayed", packet);
    }
    else
    {
        Count("no-route", packet);
    }
}

} // namespace ipsec
} // namespace ns3
