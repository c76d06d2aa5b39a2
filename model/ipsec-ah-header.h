// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The Authentication Header (RFC 4302 §2).
 */
#ifndef IPSEC_AH_HEADER_H
#define IPSEC_AH_HEADER_H

#include "ipsec-drop-reason.h"

#include "ns3/header.h"

#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief AH: Next Header, Payload Len, Reserved, SPI, Sequence Number, ICV (+ padding).
 *
 * @verbatim
  0                   1                   2                   3
  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 | Next Header   |  Payload Len  |          RESERVED             |
 +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 |                 Security Parameters Index (SPI)               |
 +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 |                    Sequence Number Field                      |
 +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 |                Integrity Check Value-ICV (variable)           |
 +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 @endverbatim
 *
 * Payload Len is the AH length in 32-bit words minus 2 (RFC 4302 §2.2). The ICV is padded with
 * zeros so the header is a multiple of 32 bits in IPv4 and 64 bits in IPv6 (§2.6).
 *
 * Deserialize() checks the packet against the expected ICV size (SetIcvSize) and address
 * family (SetIpv6), like Linux's ah_input(): fewer bytes than Payload Len announces give
 * DropReason::TRUNCATED; a Payload Len that does not equal the aligned ICV size gives
 * DropReason::BAD_PAYLOAD_LENGTH. Rejected input consumes nothing and is never read past.
 */
class AhHeader : public Header
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    AhHeader();

    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

    /**
     * @brief Set the Next Header field.
     * @param nextHeader IP protocol of what follows AH (4 in tunnel mode)
     */
    void SetNextHeader(uint8_t nextHeader);
    /**
     * @brief Get the Next Header field.
     * @return IP protocol of what follows AH
     */
    uint8_t GetNextHeader() const;
    /**
     * @brief Set the SPI.
     * @param spi the Security Parameters Index
     */
    void SetSpi(uint32_t spi);
    /**
     * @brief Get the SPI.
     * @return the Security Parameters Index
     */
    uint32_t GetSpi() const;
    /**
     * @brief Set the sequence number field.
     * @param seq the low 32 bits of the sequence number
     */
    void SetSequenceNumber(uint32_t seq);
    /**
     * @brief Get the sequence number field.
     * @return the low 32 bits of the sequence number
     */
    uint32_t GetSequenceNumber() const;
    /**
     * @brief Set the ICV; also sets the ICV size that Deserialize() expects.
     * @param icv the ICV bytes (without alignment padding)
     */
    void SetIcv(const std::vector<uint8_t>& icv);
    /**
     * @brief Get the ICV (without alignment padding).
     * @return the ICV bytes
     */
    const std::vector<uint8_t>& GetIcv() const;
    /**
     * @brief Set the ICV size that Deserialize() expects (the SA's integrity algorithm).
     * @param icvSize bytes
     */
    void SetIcvSize(uint32_t icvSize);
    /**
     * @brief Choose the alignment: 64 bits for IPv6, 32 bits for IPv4 (default).
     * @param ipv6 true for IPv6
     */
    void SetIpv6(bool ipv6);
    /**
     * @brief The Payload Len field as sent or received.
     * @return the AH length in 32-bit words, minus 2
     */
    uint8_t GetPayloadLength() const;
    /**
     * @brief The outcome of the last Deserialize().
     * @return DropReason::NONE or the reason the header was rejected
     */
    DropReason GetError() const;

  private:
    /**
     * @brief The whole header length for an ICV size, with alignment padding.
     * @param icvSize ICV bytes
     * @return bytes
     */
    uint32_t AlignedSize(uint32_t icvSize) const;

    uint8_t m_nextHeader{0};              ///< Next Header
    uint8_t m_payloadLength{0};           ///< Payload Len, as last received
    uint16_t m_reserved{0};               ///< RESERVED, as last received
    uint32_t m_spi{0};                    ///< SPI
    uint32_t m_seq{0};                    ///< sequence number
    std::vector<uint8_t> m_icv;           ///< ICV without padding
    uint32_t m_icvSize{0};                ///< ICV size expected by Deserialize
    bool m_ipv6{false};                   ///< 64-bit alignment if true
    DropReason m_error{DropReason::NONE}; ///< result of the last Deserialize
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_AH_HEADER_H */
