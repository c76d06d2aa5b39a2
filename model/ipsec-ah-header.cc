// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-ah-header.h"

#include "ipsec-constants.h"

#include "ns3/log.h"

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecAhHeader");
NS_OBJECT_ENSURE_REGISTERED(AhHeader);

TypeId
AhHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ipsec::AhHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<AhHeader>();
    return tid;
}

AhHeader::AhHeader() = default;

TypeId
AhHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
AhHeader::Print(std::ostream& os) const
{
    os << "AH nextHeader=" << static_cast<uint32_t>(m_nextHeader) << " spi=0x" << std::hex << m_spi
       << std::dec << " seq=" << m_seq << " icv=" << m_icv.size() << "B";
}

uint32_t
AhHeader::AlignedSize(uint32_t icvSize) const
{
    const uint32_t align = m_ipv6 ? AH_ALIGNMENT_IPV6 : AH_ALIGNMENT_IPV4;
    const uint32_t size = AH_FIXED_HEADER_SIZE + icvSize;
    return (size + align - 1) / align * align;
}

uint32_t
AhHeader::GetSerializedSize() const
{
    return AlignedSize(m_icv.size());
}

void
AhHeader::Serialize(Buffer::Iterator start) const
{
    const uint32_t size = GetSerializedSize();
    start.WriteU8(m_nextHeader);
    start.WriteU8(static_cast<uint8_t>(size / 4 - 2));
    start.WriteHtonU16(0); // RESERVED: MUST be zero when sent (RFC 4302 §2.3)
    start.WriteHtonU32(m_spi);
    start.WriteHtonU32(m_seq);
    start.Write(m_icv.data(), m_icv.size());
    for (uint32_t i = AH_FIXED_HEADER_SIZE + m_icv.size(); i < size; ++i)
    {
        start.WriteU8(0);
    }
}

uint32_t
AhHeader::Deserialize(Buffer::Iterator start)
{
    const uint32_t available = start.GetRemainingSize();
    if (available < AH_FIXED_HEADER_SIZE)
    {
        NS_LOG_LOGIC("AH truncated: " << available << " bytes");
        m_error = DropReason::TRUNCATED;
        return 0;
    }
    Buffer::Iterator it = start;
    const uint8_t nextHeader = it.ReadU8();
    const uint8_t payloadLength = it.ReadU8();
    const uint32_t size = (payloadLength + 2u) * 4u;
    m_payloadLength = payloadLength;
    if (size != AlignedSize(m_icvSize))
    {
        NS_LOG_LOGIC("AH payload length " << +payloadLength << " means " << size
                                          << " bytes, expected " << AlignedSize(m_icvSize));
        m_error = DropReason::BAD_PAYLOAD_LENGTH;
        return 0;
    }
    if (available < size)
    {
        NS_LOG_LOGIC("AH truncated: " << available << " < " << size);
        m_error = DropReason::TRUNCATED;
        return 0;
    }
    m_nextHeader = nextHeader;
    m_reserved = it.ReadNtohU16();
    m_spi = it.ReadNtohU32();
    m_seq = it.ReadNtohU32();
    m_icv.resize(m_icvSize);
    it.Read(m_icv.data(), m_icvSize);
    m_error = DropReason::NONE;
    return size;
}

void
AhHeader::SetNextHeader(uint8_t nextHeader)
{
    m_nextHeader = nextHeader;
}

uint8_t
AhHeader::GetNextHeader() const
{
    return m_nextHeader;
}

void
AhHeader::SetSpi(uint32_t spi)
{
    m_spi = spi;
}

uint32_t
AhHeader::GetSpi() const
{
    return m_spi;
}

void
AhHeader::SetSequenceNumber(uint32_t seq)
{
    m_seq = seq;
}

uint32_t
AhHeader::GetSequenceNumber() const
{
    return m_seq;
}

void
AhHeader::SetIcv(const std::vector<uint8_t>& icv)
{
    m_icv = icv;
    m_icvSize = icv.size();
}

const std::vector<uint8_t>&
AhHeader::GetIcv() const
{
    return m_icv;
}

void
AhHeader::SetIcvSize(uint32_t icvSize)
{
    m_icvSize = icvSize;
}

void
AhHeader::SetIpv6(bool ipv6)
{
    m_ipv6 = ipv6;
}

uint8_t
AhHeader::GetPayloadLength() const
{
    return m_payloadLength;
}

DropReason
AhHeader::GetError() const
{
    return m_error;
}

} // namespace ipsec
} // namespace ns3
