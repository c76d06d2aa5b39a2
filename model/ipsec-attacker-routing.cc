// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-attacker-routing.h"

#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/simulator.h"

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecAttackerRouting");
NS_OBJECT_ENSURE_REGISTERED(AttackerRouting);

TypeId
AttackerRouting::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ipsec::AttackerRouting")
                            .SetParent<Ipv4RoutingProtocol>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<AttackerRouting>();
    return tid;
}

AttackerRouting::AttackerRouting() = default;

AttackerRouting::~AttackerRouting() = default;

void
AttackerRouting::DoDispose()
{
    m_attacks.clear();
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

void
AttackerRouting::AddAttack(Ptr<Attack> attack)
{
    m_attacks.push_back(attack);
    attack->Attach(*this);
}

const std::vector<Ptr<Attack>>&
AttackerRouting::GetAttacks() const
{
    return m_attacks;
}

Ptr<Ipv4Route>
AttackerRouting::RouteOutput(Ptr<Packet> /* p */,
                             const Ipv4Header& /* header */,
                             Ptr<NetDevice> /* oif */,
                             Socket::SocketErrno& sockerr)
{
    sockerr = Socket::ERROR_NOROUTETOHOST; // the node's own traffic: the other protocols'
    return nullptr;
}

bool
AttackerRouting::RouteInput(Ptr<const Packet> p,
                            const Ipv4Header& header,
                            Ptr<const NetDevice> idev,
                            compat::RouteInputCallback<UnicastForwardCallback> ucb,
                            compat::RouteInputCallback<MulticastForwardCallback> mcb,
                            compat::RouteInputCallback<LocalDeliverCallback> lcb,
                            compat::RouteInputCallback<ErrorCallback> ecb)
{
    // Ipv4ListRouting delivered the node's own datagrams before asking its protocols; this one
    // attacks forwarded unicast only.
    const Ipv4Address destination = header.GetDestination();
    if (m_attacks.empty() || destination.IsMulticast() || destination.IsBroadcast())
    {
        return false;
    }
    const Arrival arrival{idev, ucb, mcb, lcb, ecb};
    AttackPacket packet{header, p->Copy()};
    AttackVerdict verdict = AttackVerdict::FORWARD;
    m_current = &arrival;
    for (const Ptr<Attack>& attack : m_attacks)
    {
        verdict = attack->Process(packet, *this);
        if (verdict != AttackVerdict::FORWARD)
        {
            break;
        }
    }
    m_current = nullptr;
    if (verdict == AttackVerdict::FORWARD)
    {
        Forward(packet, arrival);
    }
    return true;
}

void
AttackerRouting::Forward(const AttackPacket& packet, const Arrival& arrival)
{
    Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(m_ipv4->GetRoutingProtocol());
    for (uint32_t i = 0; list && i < list->GetNRoutingProtocols(); i++)
    {
        int16_t priority = 0;
        Ptr<Ipv4RoutingProtocol> protocol = list->GetRoutingProtocol(i, priority);
        if (protocol != this && protocol->RouteInput(packet.payload,
                                                     packet.header,
                                                     arrival.idev,
                                                     arrival.ucb,
                                                     arrival.mcb,
                                                     arrival.lcb,
                                                     arrival.ecb))
        {
            return;
        }
    }
    m_noRoute++;
    NS_LOG_LOGIC("no route for " << packet.header);
}

bool
AttackerRouting::ForwardLater(Time delay, const AttackPacket& packet)
{
    if (m_current == nullptr)
    {
        return false;
    }
    AttackPacket copy{packet.header, packet.payload->Copy()};
    Simulator::Schedule(delay, &AttackerRouting::Forward, this, copy, *m_current);
    return true;
}

bool
AttackerRouting::Inject(const AttackPacket& packet)
{
    if (!SendFromAttacker(m_ipv4, packet))
    {
        m_noRoute++;
        return false;
    }
    return true;
}

void
AttackerRouting::NotifyInterfaceUp(uint32_t /* interface */)
{
}

void
AttackerRouting::NotifyInterfaceDown(uint32_t /* interface */)
{
}

void
AttackerRouting::NotifyAddAddress(uint32_t /* interface */, Ipv4InterfaceAddress /* address */)
{
}

void
AttackerRouting::NotifyRemoveAddress(uint32_t /* interface */, Ipv4InterfaceAddress /* address */)
{
}

void
AttackerRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    m_ipv4 = ipv4;
}

void
AttackerRouting::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit /* unit */) const
{
    *stream->GetStream() << "AttackerRouting: " << m_attacks.size() << " attacks, " << m_noRoute
                         << " datagrams without a route\n";
}

} // namespace ipsec
} // namespace ns3
