// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-esp-header.h"

#include "ipsec-constants.h"

#include "ns3/log.h"

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecEspHeader");
NS_OBJECT_ENSURE_REGISTERED(EspHeader);

TypeId
EspHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ipsec::EspHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<EspHeader>();
    return tid;
}

EspHeader::EspHeader() = default;

EspHeader::EspHeader(uint32_t spi, uint32_t seq)
    : m_spi(spi),
      m_seq(seq)
{
}

TypeId
EspHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
EspHeader::Print(std::ostream& os) const
{
    os << "ESP spi=0x" << std::hex << m_spi << std::dec << " seq=" << m_seq;
}

uint32_t
EspHeader::GetSerializedSize() const
{
    return ESP_HEADER_SIZE;
}

void
EspHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(m_spi);
    start.WriteHtonU32(m_seq);
}

uint32_t
EspHeader::Deserialize(Buffer::Iterator start)
{
    if (start.GetRemainingSize() < ESP_HEADER_SIZE)
    {
        NS_LOG_LOGIC("ESP header truncated: " << start.GetRemainingSize() << " bytes");
        m_error = DropReason::TRUNCATED;
        return 0;
    }
    m_spi = start.ReadNtohU32();
    m_seq = start.ReadNtohU32();
    m_error = DropReason::NONE;
    return ESP_HEADER_SIZE;
}

void
EspHeader::SetSpi(uint32_t spi)
{
    m_spi = spi;
}

uint32_t
EspHeader::GetSpi() const
{
    return m_spi;
}

void
EspHeader::SetSequenceNumber(uint32_t seq)
{
    m_seq = seq;
}

uint32_t
EspHeader::GetSequenceNumber() const
{
    return m_seq;
}

DropReason
EspHeader::GetError() const
{
    return m_error;
}

} // namespace ipsec
} // namespace ns3
