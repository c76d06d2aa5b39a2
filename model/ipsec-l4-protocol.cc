// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-l4-protocol.h"

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
