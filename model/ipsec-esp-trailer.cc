// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-esp-trailer.h"

#include "ipsec-constants.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecEspTrailer");
NS_OBJECT_ENSURE_REGISTERED(EspTrailer);

TypeId
EspTrailer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ipsec::EspTrailer")
                            .SetParent<Trailer>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<EspTrailer>();
    return tid;
}

EspTrailer::EspTrailer() = default;

TypeId
EspTrailer::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
EspTrailer::Print(std::ostream& os) const
{
    os << "ESP-trailer padLength=" << static_cast<uint32_t>(m_padLength)
       << " nextHeader=" << static_cast<uint32_t>(m_nextHeader) << " icv=" << m_icv.size() << "B";
}

uint32_t
EspTrailer::GetSerializedSize() const
{
    return m_padLength + ESP_TRAILER_FIXED_SIZE + m_icv.size();
}

void
EspTrailer::Serialize(Buffer::Iterator end) const
{
    // ns-3 hands trailers an iterator at the end of the buffer.
    Buffer::Iterator start = end;
    start.Prev(GetSerializedSize());
    for (uint32_t i = 1; i <= m_padLength; ++i)
    {
        start.WriteU8(static_cast<uint8_t>(i));
    }
    start.WriteU8(m_padLength);
    start.WriteU8(m_nextHeader);
    for (uint8_t b : m_icv)
    {
        start.WriteU8(b);
    }
}

uint32_t
EspTrailer::Deserialize(Buffer::Iterator end)
{
    // The iterator stands at the end of the buffer: what lies before it is readable.
    const uint32_t available = end.GetSize() - end.GetRemainingSize();
    if (available < ESP_TRAILER_FIXED_SIZE || m_icvSize > available - ESP_TRAILER_FIXED_SIZE)
    {
        NS_LOG_LOGIC("ESP trailer truncated: " << available << " bytes, ICV " << m_icvSize);
        m_error = DropReason::TRUNCATED;
        return 0;
    }
    const uint32_t fixed = m_icvSize + ESP_TRAILER_FIXED_SIZE;
    Buffer::Iterator it = end;
    it.Prev(fixed);
    uint8_t padLength = it.ReadU8();
    uint8_t nextHeader = it.ReadU8();
    if (padLength > available - fixed)
    {
        NS_LOG_LOGIC("ESP pad length " << +padLength << " exceeds " << available - fixed);
        m_error = DropReason::BAD_PAD_LENGTH;
        return 0;
    }
    it = end;
    it.Prev(fixed + padLength);
    std::vector<uint8_t> tail(fixed + padLength);
    it.Read(tail.data(), tail.size());
    if (CheckPadding(tail.data(), padLength) != DropReason::NONE)
    {
        m_error = DropReason::BAD_PADDING;
        return 0;
    }
    m_padLength = padLength;
    m_nextHeader = nextHeader;
    m_icv.assign(tail.end() - m_icvSize, tail.end());
    m_error = DropReason::NONE;
    return tail.size();
}

uint8_t
EspTrailer::ComputePadLength(uint32_t payloadSize, uint32_t blockSize)
{
    const uint32_t align = std::max(blockSize, ESP_MIN_ALIGNMENT);
    const uint32_t used = (payloadSize + ESP_TRAILER_FIXED_SIZE) % align;
    return static_cast<uint8_t>(used == 0 ? 0 : align - used);
}

void
EspTrailer::WritePadding(uint8_t* dst, uint8_t padLength)
{
    for (uint32_t i = 0; i < padLength; ++i)
    {
        dst[i] = static_cast<uint8_t>(i + 1);
    }
}

DropReason
EspTrailer::CheckPadding(const uint8_t* pad, uint8_t padLength)
{
    for (uint32_t i = 0; i < padLength; ++i)
    {
        if (pad[i] != static_cast<uint8_t>(i + 1))
        {
            NS_LOG_LOGIC("ESP padding byte " << i << " is " << +pad[i]);
            return DropReason::BAD_PADDING;
        }
    }
    return DropReason::NONE;
}

DropReason
EspTrailer::Strip(std::vector<uint8_t>& text, uint8_t& nextHeader)
{
    if (text.size() < ESP_TRAILER_FIXED_SIZE)
    {
        return DropReason::TRUNCATED;
    }
    const size_t textSize = text.size();
    const uint8_t padLength = text[textSize - 2];
    if (padLength > textSize - ESP_TRAILER_FIXED_SIZE)
    {
        NS_LOG_LOGIC("ESP pad length " << +padLength << " exceeds the data");
        return DropReason::BAD_PAD_LENGTH;
    }
    const size_t payloadSize = textSize - ESP_TRAILER_FIXED_SIZE - padLength;
    const DropReason padding = CheckPadding(text.data() + payloadSize, padLength);
    if (padding != DropReason::NONE)
    {
        return padding;
    }
    nextHeader = text[textSize - 1];
    text.resize(payloadSize);
    return DropReason::NONE;
}

void
EspTrailer::SetNextHeader(uint8_t nextHeader)
{
    m_nextHeader = nextHeader;
}

uint8_t
EspTrailer::GetNextHeader() const
{
    return m_nextHeader;
}

void
EspTrailer::SetPadLength(uint8_t padLength)
{
    m_padLength = padLength;
}

uint8_t
EspTrailer::GetPadLength() const
{
    return m_padLength;
}

void
EspTrailer::SetIcv(const std::vector<uint8_t>& icv)
{
    m_icv = icv;
    m_icvSize = icv.size();
}

const std::vector<uint8_t>&
EspTrailer::GetIcv() const
{
    return m_icv;
}

void
EspTrailer::SetIcvSize(uint32_t icvSize)
{
    m_icvSize = icvSize;
}

DropReason
EspTrailer::GetError() const
{
    return m_error;
}

} // namespace ipsec
} // namespace ns3
