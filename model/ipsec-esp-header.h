// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The ESP header (RFC 4303 §2).
 */
#ifndef IPSEC_ESP_HEADER_H
#define IPSEC_ESP_HEADER_H

#include "ipsec-drop-reason.h"

#include "ns3/header.h"

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief ESP header: Security Parameters Index and (low 32 bits of the) Sequence Number.
 *
 * @verbatim
  0                   1                   2                   3
  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 |               Security Parameters Index (SPI)                 |
 +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 |                      Sequence Number                          |
 +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 @endverbatim
 *
 * The IV, the encrypted payload and trailer, and the ICV follow; see EspTrailer and EspCodec.
 * Deserialize() never reads past the buffer: on a short buffer it consumes nothing and
 * GetError() returns DropReason::TRUNCATED.
 */
class EspHeader : public Header
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    EspHeader();

    /**
     * @brief Construct with fields.
     * @param spi the Security Parameters Index
     * @param seq the (low 32 bits of the) sequence number
     */
    EspHeader(uint32_t spi, uint32_t seq);

    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

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
     * @brief The outcome of the last Deserialize().
     * @return DropReason::NONE, or DropReason::TRUNCATED if the buffer was too short
     */
    DropReason GetError() const;

  private:
    uint32_t m_spi{0};                    ///< Security Parameters Index
    uint32_t m_seq{0};                    ///< sequence number (low 32 bits)
    DropReason m_error{DropReason::NONE}; ///< result of the last Deserialize
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ESP_HEADER_H */
