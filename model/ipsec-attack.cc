// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-attack.h"

#include "ns3/double.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecAttack");
NS_OBJECT_ENSURE_REGISTERED(Attack);

bool
SendFromAttacker(Ptr<Ipv4> ipv4, const AttackPacket& packet)
{
    Ipv4Header header = packet.header;
    header.SetPayloadSize(packet.payload->GetSize());
    Socket::SocketErrno error = Socket::ERROR_NOTERROR;
    Ptr<Packet> payload = packet.payload->Copy();
    Ptr<Ipv4Route> route = ipv4->GetRoutingProtocol()->RouteOutput(payload, header, nullptr, error);
    if (!route)
    {
        return false;
    }
    ipv4->SendWithHeader(payload, header, route);
    return true;
}

AttackPacket
MakeUdpAttackPacket(Ipv4Address source,
                    Ipv4Address destination,
                    uint16_t sourcePort,
                    uint16_t destinationPort,
                    const std::vector<uint8_t>& data)
{
    AttackPacket p;
    p.header.SetSource(source);
    p.header.SetDestination(destination);
    p.header.SetProtocol(UdpL4Protocol::PROT_NUMBER);
    p.header.SetTtl(64);
    p.payload = Create<Packet>(data.data(), data.size());
    UdpHeader udp;
    udp.SetSourcePort(sourcePort);
    udp.SetDestinationPort(destinationPort);
    if (Node::ChecksumEnabled())
    {
        // As UdpL4Protocol sends it: the receiver checks it when checksums are on.
        udp.EnableChecksums();
        udp.InitializeChecksum(source, destination, UdpL4Protocol::PROT_NUMBER);
    }
    p.payload->AddHeader(udp);
    return p;
}

bool
ReadUdpAttackPacket(const AttackPacket& packet,
                    uint16_t& sourcePort,
                    uint16_t& destinationPort,
                    std::vector<uint8_t>& data)
{
    constexpr uint32_t UDP_HEADER = 8;
    if (packet.header.GetProtocol() != UdpL4Protocol::PROT_NUMBER ||
        packet.payload->GetSize() < UDP_HEADER)
    {
        return false;
    }
    std::vector<uint8_t> b(packet.payload->GetSize());
    packet.payload->CopyData(b.data(), b.size());
    sourcePort = static_cast<uint16_t>(b[0] << 8 | b[1]);
    destinationPort = static_cast<uint16_t>(b[2] << 8 | b[3]);
    data.assign(b.begin() + UDP_HEADER, b.end());
    return true;
}

TypeId
Attack::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ipsec::Attack")
            .SetParent<Object>()
            .SetGroupName("Ipsec")
            .AddAttribute("Protocol",
                          "IP protocol of the datagrams attacked (50 ESP, 51 AH, 17 UDP, ...; "
                          "0: any)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&Attack::m_protocol),
                          MakeUintegerChecker<uint8_t>())
            .AddAttribute("Probability",
                          "Fraction of the targeted datagrams attacked (drawn per datagram)",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&Attack::m_probability),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("Start",
                          "When the attack begins",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Attack::m_start),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("Stop",
                          "When the attack ends (0: never)",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Attack::m_stop),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("Action",
                            "The attack did something to or with a datagram (action name, "
                            "header, payload)",
                            MakeTraceSourceAccessor(&Attack::m_actionTrace),
                            "ns3::ipsec::Attack::ActionTracedCallback");
    return tid;
}

Attack::Attack()
    : m_random(CreateObject<UniformRandomVariable>())
{
}

Attack::~Attack() = default;

AttackVerdict
Attack::Process(AttackPacket& packet, AttackContext& ctx)
{
    return Selects(packet.header) ? DoProcess(packet, ctx) : AttackVerdict::FORWARD;
}

void
Attack::Observe(const AttackPacket& packet, AttackContext& ctx)
{
    if (Selects(packet.header))
    {
        DoObserve(packet, ctx);
    }
}

AttackVerdict
Attack::DoProcess(AttackPacket& packet, AttackContext& ctx)
{
    DoObserve(packet, ctx);
    return AttackVerdict::FORWARD;
}

void
Attack::DoObserve(const AttackPacket& /* packet */, AttackContext& /* ctx */)
{
}

bool
Attack::Selects(const Ipv4Header& header)
{
    const Time now = Simulator::Now();
    if (now < m_start || (m_stop.IsStrictlyPositive() && now >= m_stop))
    {
        return false;
    }
    if (m_protocol != 0 && header.GetProtocol() != m_protocol)
    {
        return false;
    }
    return m_probability >= 1.0 || m_random->GetValue() < m_probability;
}

Time
Attack::GetStart() const
{
    return m_start;
}

bool
Attack::HasStopped() const
{
    return m_stop.IsStrictlyPositive() && Simulator::Now() >= m_stop;
}

void
Attack::Count(const std::string& action, const AttackPacket& packet)
{
    m_counts[action]++;
    NS_LOG_INFO(GetInstanceTypeId().GetName() << ": " << action << " " << packet.header);
    m_actionTrace(action, packet.header, packet.payload);
}

uint64_t
Attack::GetCount(const std::string& action) const
{
    auto it = m_counts.find(action);
    return it == m_counts.end() ? 0 : it->second;
}

const std::map<std::string, uint64_t>&
Attack::GetCounts() const
{
    return m_counts;
}

int64_t
Attack::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1 + DoAssignStreams(stream + 1);
}

int64_t
Attack::DoAssignStreams(int64_t /* stream */)
{
    return 0;
}

void
Attack::Attach(AttackContext& /* ctx */)
{
}

} // namespace ipsec
} // namespace ns3
