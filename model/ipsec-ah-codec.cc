// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-ah-codec.h"

#include "ipsec-config-error.h"
#include "ipsec-constants.h"
#include "ipsec-crypto-factory.h"

#include "ns3/log.h"

#include <cstring>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecAhCodec");

namespace
{

/// IPv4 header without options (IHL 5), the only form AH processes here.
constexpr uint32_t IPV4_HEADER_SIZE = 20;
/// Largest ICV this codec handles (the scratch buffers below; Integrity::Verify's limit).
constexpr uint32_t MAX_ICV_SIZE = 64;
/// Largest AH header: fixed part + the largest ICV, 8-byte aligned (the largest alignment).
constexpr uint32_t MAX_AH_SIZE = (AH_FIXED_HEADER_SIZE + MAX_ICV_SIZE + AH_ALIGNMENT_IPV6 - 1) /
                                 AH_ALIGNMENT_IPV6 * AH_ALIGNMENT_IPV6;

} // namespace

AhCodec::AhCodec(uint32_t spi,
                 const TransformInfo& integrity,
                 ByteSpan integrityKey,
                 bool esn,
                 CryptoMode mode,
                 uint32_t alignment)
    : m_spi(spi),
      m_info(integrity),
      m_icvSize(integrity.icvSize),
      m_alignment(alignment),
      m_esn(esn),
      m_mode(mode)
{
    if (alignment != AH_ALIGNMENT_IPV4 && alignment != AH_ALIGNMENT_IPV6)
    {
        throw ConfigError("AH alignment of " + std::to_string(alignment) +
                          " bytes; use 4 (RFC 4302 §3.3.3.2.1, IPv4) or 8 (Linux's IPv4 "
                          "default, a multiple of 8 as for IPv6)");
    }
    if (integrity.type != TransformType::INTEG)
    {
        throw ConfigError(std::string("AH: ") + integrity.keyword +
                          " is not an integrity transform; " + ListKeywords(TransformType::INTEG));
    }
    if (integrity.id == integ::NONE || integrity.icvSize == 0)
    {
        throw ConfigError("AH needs an integrity algorithm (RFC 4302 §3.3.3), not NONE; " +
                          ListKeywords(TransformType::INTEG));
    }
    if (integrity.kind == CryptoKind::GMAC)
    {
        throw ConfigError(std::string("AH: ") + integrity.keyword +
                          " (AES-GMAC, RFC 4543) is not supported in AH; " +
                          ListKeywords(TransformType::INTEG));
    }
    if (integrity.icvSize > MAX_ICV_SIZE)
    {
        throw ConfigError(std::string("AH: ") + integrity.keyword + " has an ICV of " +
                          std::to_string(integrity.icvSize) + " bytes, more than the " +
                          std::to_string(MAX_ICV_SIZE) + " supported");
    }
    m_integrity = CreateIntegrity(integrity, integrityKey, mode); // checks the key length
    m_headerSize = (AH_FIXED_HEADER_SIZE + m_icvSize + alignment - 1) / alignment * alignment;
}

AhCodec::~AhCodec() = default;

CryptoMode
AhCodec::GetCryptoMode() const
{
    return m_mode;
}

uint32_t
AhCodec::GetSpi() const
{
    return m_spi;
}

const TransformInfo&
AhCodec::GetIntegrity() const
{
    return m_info;
}

uint32_t
AhCodec::GetIcvSize() const
{
    return m_icvSize;
}

bool
AhCodec::IsEsn() const
{
    return m_esn;
}

uint32_t
AhCodec::GetHeaderSize() const
{
    return m_headerSize;
}

uint32_t
AhCodec::GetAlignment() const
{
    return m_alignment;
}

void
AhCodec::ZeroMutableFields(const uint8_t* in, uint8_t* out)
{
    std::memmove(out, in, IPV4_HEADER_SIZE);
    // RFC 4302 §3.3.3.1.1.1 and Appendix A1: mutable, zeroed for the ICV.
    out[1] = 0; // TOS: DSCP (RFC 2474) and ECN (RFC 3168) may be rewritten in transit
    // Flags and fragment offset. Note: RFC 4302 treats the whole flags field as mutable, DF
    // included, although DF is the sender's choice, because an intermediate router might set
    // DF (App. A1); so a changed DF bit does not break the ICV. The offset is excluded although
    // predictable: AH is applied to whole datagrams only, so it is zero anyway.
    out[6] = 0;
    out[7] = 0;
    out[8] = 0;  // TTL: decremented by each router
    out[10] = 0; // header checksum: changes with TTL and any other mutable field
    out[11] = 0;
    // Kept (immutable or predictable): version/IHL, total length, identification, protocol,
    // source and destination address.
}

bool
AhCodec::IsSupportedIpHeader(ByteSpan ipHeader)
{
    // Version 4, IHL 5: options are not supported (their mutability is per option).
    return ipHeader.size == IPV4_HEADER_SIZE && ipHeader.data[0] == 0x45;
}

ByteSpan
AhCodec::EsnHighBits(uint32_t seqHigh, uint8_t* scratch) const
{
    // Appended to the ICV input with ESN, never sent (RFC 4302 §3.3.2.1, App. B); nothing
    // without ESN.
    if (!m_esn)
    {
        return ByteSpan();
    }
    WriteU32(scratch, seqHigh);
    return ByteSpan(scratch, 4);
}

DropReason
AhCodec::Compute(uint64_t seq,
                 uint8_t nextHeader,
                 ByteSpan ipHeader,
                 ByteSpan payload,
                 std::vector<uint8_t>& ah)
{
    if (!IsSupportedIpHeader(ipHeader))
    {
        NS_LOG_LOGIC("AH SPI 0x" << std::hex << m_spi << ": not a 20-byte IPv4 header");
        return DropReason::MALFORMED;
    }
    if (!m_esn && seq > 0xffffffffULL)
    {
        NS_LOG_LOGIC("AH SPI 0x" << std::hex << m_spi << ": sequence number overflow");
        return DropReason::SEQ_OVERFLOW;
    }
    ah.assign(m_headerSize, 0); // ICV and its padding zero while the ICV is computed
    ah[0] = nextHeader;
    ah[1] = static_cast<uint8_t>(m_headerSize / 4 - 2); // Payload Len (RFC 4302 §2.2)
    // ah[2..3]: RESERVED, zero (RFC 4302 §2.3)
    WriteU32(ah.data() + 4, m_spi);
    WriteU32(ah.data() + 8, static_cast<uint32_t>(seq));

    uint8_t ip[IPV4_HEADER_SIZE];
    ZeroMutableFields(ipHeader.data, ip);
    uint8_t scratch[4];
    uint8_t icv[MAX_ICV_SIZE];
    if (!m_integrity->Compute({ByteSpan(ip, sizeof(ip)),
                               ByteSpan(ah),
                               payload,
                               EsnHighBits(static_cast<uint32_t>(seq >> 32), scratch)},
                              icv))
    {
        return DropReason::CRYPTO_ERROR;
    }
    std::memcpy(ah.data() + AH_FIXED_HEADER_SIZE, icv, m_icvSize);
    return DropReason::NONE;
}

DropReason
AhCodec::Verify(ByteSpan ipHeader,
                ByteSpan ah,
                ByteSpan payload,
                uint32_t seqHigh,
                uint8_t& nextHeader)
{
    if (!IsSupportedIpHeader(ipHeader))
    {
        NS_LOG_LOGIC("AH SPI 0x" << std::hex << m_spi << ": not a 20-byte IPv4 header");
        return DropReason::MALFORMED;
    }
    // The same checks, in the same order, as AhHeader::Deserialize (and Linux's ah_input()).
    if (ah.size < AH_FIXED_HEADER_SIZE)
    {
        NS_LOG_LOGIC("AH truncated: " << ah.size << " bytes");
        return DropReason::TRUNCATED;
    }
    const uint32_t size = (ah.data[1] + 2u) * 4u;
    if (size != m_headerSize)
    {
        NS_LOG_LOGIC("AH payload length " << +ah.data[1] << " means " << size << " bytes, expected "
                                          << m_headerSize);
        return DropReason::BAD_PAYLOAD_LENGTH;
    }
    if (ah.size < size)
    {
        NS_LOG_LOGIC("AH truncated: " << ah.size << " < " << size);
        return DropReason::TRUNCATED;
    }

    uint8_t ip[IPV4_HEADER_SIZE];
    ZeroMutableFields(ipHeader.data, ip);
    // The fixed part as received (RESERVED included, RFC 4302 §2.3), ICV and padding zeroed.
    uint8_t zeroed[MAX_AH_SIZE] = {};
    std::memcpy(zeroed, ah.data, AH_FIXED_HEADER_SIZE);
    uint8_t scratch[4];
    if (!m_integrity->Verify({ByteSpan(ip, sizeof(ip)),
                              ByteSpan(zeroed, size),
                              ByteSpan(ah.data + size, ah.size - size),
                              payload,
                              EsnHighBits(seqHigh, scratch)},
                             ah.data + AH_FIXED_HEADER_SIZE))
    {
        NS_LOG_LOGIC("AH SPI 0x" << std::hex << m_spi << ": ICV failure");
        return DropReason::ICV_FAILURE;
    }
    nextHeader = ah.data[0];
    return DropReason::NONE;
}

} // namespace ipsec
} // namespace ns3
