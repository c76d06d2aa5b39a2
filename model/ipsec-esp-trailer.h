// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The ESP trailer (RFC 4303 §2.4-§2.8): padding, pad length, next header and ICV.
 */
#ifndef IPSEC_ESP_TRAILER_H
#define IPSEC_ESP_TRAILER_H

#include "ipsec-drop-reason.h"

#include "ns3/trailer.h"

#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief ESP trailer in its plaintext form: Padding, Pad Length, Next Header, then the ICV.
 *
 * @verbatim
 ... payload | Padding (0-255) | Pad Length | Next Header | ICV (variable) |
 @endverbatim
 *
 * The padding uses the default pattern 1, 2, 3, ... (RFC 4303 §2.4). Its length makes
 * payload + padding + 2 a multiple of the cipher's block size and of 4 bytes, so the ICV is
 * 32-bit aligned (ComputePadLength). The static helpers hold the padding rules for EspCodec,
 * which encrypts the trailer together with the payload.
 *
 * Deserialize() needs the ICV size (SetIcvSize) and never reads past the buffer: a short
 * buffer gives DropReason::TRUNCATED, a Pad Length larger than the data gives
 * DropReason::BAD_PAD_LENGTH, padding other than 1, 2, 3, ... gives DropReason::BAD_PADDING;
 * in each case nothing is consumed.
 */
class EspTrailer : public Trailer
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    EspTrailer();

    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator end) const override;
    uint32_t Deserialize(Buffer::Iterator end) override;

    /**
     * @brief The pad length for a payload, by RFC 4303 §2.4.
     *
     * payload + padding + 2 becomes a multiple of max(blockSize, 4).
     * @param payloadSize bytes of payload data (after the IV, before the padding)
     * @param blockSize the cipher's block size in bytes (1 for stream/AEAD ciphers)
     * @return the number of padding bytes
     */
    static uint8_t ComputePadLength(uint32_t payloadSize, uint32_t blockSize);
    /**
     * @brief Write the default padding pattern 1, 2, 3, ...
     * @param dst where to write
     * @param padLength how many bytes
     */
    static void WritePadding(uint8_t* dst, uint8_t padLength);
    /**
     * @brief Check the default padding pattern.
     * @param pad the padding bytes
     * @param padLength how many bytes
     * @return DropReason::NONE if the bytes are 1, 2, 3, ..., else DropReason::BAD_PADDING
     */
    static DropReason CheckPadding(const uint8_t* pad, uint8_t padLength);
    /**
     * @brief Take the trailer off decrypted ESP data (RFC 4303 §2.4-§2.6), by the rules above.
     * @param text payload | padding | Pad Length | Next Header; left with the payload (the
     * caller empties it on failure)
     * @param nextHeader receives the Next Header field
     * @return DropReason::NONE; DropReason::TRUNCATED for fewer than 2 bytes;
     * DropReason::BAD_PAD_LENGTH if the Pad Length exceeds the data; DropReason::BAD_PADDING
     */
    static DropReason Strip(std::vector<uint8_t>& text, uint8_t& nextHeader);

    /**
     * @brief Set the Next Header field (an IP protocol number; 4 for tunnel mode).
     * @param nextHeader the protocol of the payload
     */
    void SetNextHeader(uint8_t nextHeader);
    /**
     * @brief Get the Next Header field.
     * @return the protocol of the payload
     */
    uint8_t GetNextHeader() const;
    /**
     * @brief Set the number of padding bytes.
     * @param padLength bytes of padding
     */
    void SetPadLength(uint8_t padLength);
    /**
     * @brief Get the number of padding bytes.
     * @return bytes of padding
     */
    uint8_t GetPadLength() const;
    /**
     * @brief Set the Integrity Check Value.
     * @param icv the ICV bytes (empty for no integrity)
     */
    void SetIcv(const std::vector<uint8_t>& icv);
    /**
     * @brief Get the Integrity Check Value.
     * @return the ICV bytes
     */
    const std::vector<uint8_t>& GetIcv() const;
    /**
     * @brief Set how many ICV bytes Deserialize() expects at the end.
     * @param icvSize the SA's ICV length in bytes
     */
    void SetIcvSize(uint32_t icvSize);
    /**
     * @brief The outcome of the last Deserialize().
     * @return DropReason::NONE or the reason the trailer was rejected
     */
    DropReason GetError() const;

  private:
    uint8_t m_padLength{0};               ///< Pad Length
    uint8_t m_nextHeader{0};              ///< Next Header
    std::vector<uint8_t> m_icv;           ///< ICV
    uint32_t m_icvSize{0};                ///< ICV size expected by Deserialize
    DropReason m_error{DropReason::NONE}; ///< result of the last Deserialize
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ESP_TRAILER_H */
