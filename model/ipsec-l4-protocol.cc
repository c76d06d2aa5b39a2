// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-l4-protocol.h"

#include "ipsec-constants.h"
#include "ipsec-stack.h"

#include "ns3/buffer.h"
#include "ns3/log.h"

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecL4Protocol");
NS_OBJECT_ENSURE_REGISTERED(IpsecL4Protocol);

TypeId
IpsecL4Protocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ipsec::IpsecL4Protocol").SetParent<IpL4Protocol>().SetGroupName("Ipsec");
    return tid;
}

void
IpsecL4Protocol::SetStack(Ptr<IpsecStack> stack)
{
    m_stack = stack;
}

enum IpL4Protocol::RxStatus
IpsecL4Protocol::Receive(Ptr<Packet> /* p */,
                         const Ipv6Header& /* header */,
                         Ptr<Ipv6Interface> /* incomingInterface */)
{
    NS_LOG_WARN("IPsec over IPv6 is not supported yet; dropping");
    return RX_ENDPOINT_UNREACH;
}

void
IpsecL4Protocol::ReceiveIcmp(Ipv4Address icmpSource,
                             uint8_t /* icmpTtl */,
                             uint8_t icmpType,
                             uint8_t icmpCode,
                             uint32_t icmpInfo,
                             Ipv4Address /* payloadSource */,
                             Ipv4Address payloadDestination,
                             const uint8_t payload[8])
{
    constexpr uint8_t DEST_UNREACH = 3; // RFC 792
    constexpr uint8_t FRAG_NEEDED = 4;  // RFC 792, RFC 1191
    if (!m_stack || icmpType != DEST_UNREACH || icmpCode != FRAG_NEEDED)
    {
        return;
    }
    const bool ah = GetProtocolNumber() == AH_PROTOCOL_NUMBER;
    const uint32_t spi = ReadU32(payload + (ah ? 4 : 0));
    NS_LOG_LOGIC("fragmentation needed from " << icmpSource << ", MTU " << icmpInfo << ", SPI "
                                              << spi);
    m_stack->ReceivePathMtu(ah ? IpsecProtocol::AH : IpsecProtocol::ESP,
                            spi,
                            payloadDestination,
                            icmpInfo);
}

void
IpsecL4Protocol::SetDownTarget(DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
IpsecL4Protocol::SetDownTarget6(DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
IpsecL4Protocol::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
IpsecL4Protocol::GetDownTarget6() const
{
    return m_downTarget6;
}

void
IpsecL4Protocol::SerializeIpv4(const Ipv4Header& header, uint8_t* out)
{
    Buffer buffer;
    buffer.AddAtStart(header.GetSerializedSize());
    header.Serialize(buffer.Begin());
    buffer.CopyData(out, 20);
}

std::vector<uint8_t>&
IpsecL4Protocol::CopyToScratch(Ptr<const Packet> p)
{
    m_scratch.resize(p->GetSize());
    p->CopyData(m_scratch.data(), m_scratch.size());
    return m_scratch;
}

void
IpsecL4Protocol::DoDispose()
{
    m_stack = nullptr;
    m_downTarget = DownTargetCallback();
    m_downTarget6 = DownTargetCallback6();
    IpL4Protocol::DoDispose();
}

} // namespace ipsec
} // namespace ns3
