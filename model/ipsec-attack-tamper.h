// SPDX-License-Identifier: GPL-2.0-only
#ifndef IPSEC_ATTACK_TAMPER_H
#define IPSEC_ATTACK_TAMPER_H

#include "ipsec-attack.h"

#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief On-path: changes the targeted datagrams on their way. Field chooses what: a byte of
 * the IP payload at Offset (for ESP, the ciphertext beyond the 8-byte header and the IV; for
 * plaintext, the data an application sends), the ICV (ESP: the last byte; AH: its first), the
 * SPI or the sequence number (ESP and AH), the outer source or destination address, or the
 * length (Truncate or Pad by Bytes). Bits are flipped with Mask (XOR). Action "tampered", or
 * "skipped" when the datagram has no such field (a SPI in UDP, an offset past the end).
 *
 * What the victim does with it shows the protections: integrity (ESP with an integrity
 * algorithm or an AEAD, AH) drops it as icv-failure; without integrity the change reaches the
 * plaintext (CBC and CTR are malleable); a changed SPI is no-sa; AH covers the outer addresses
 * and ESP does not.
 */
class TamperAttack : public Attack
{
  public:
    /// What is changed.
    enum Field : uint8_t
    {
        PAYLOAD,     ///< the IP payload's byte at Offset
        ICV,         ///< ESP: the last byte; AH: the first byte of the ICV
        SPI,         ///< ESP or AH SPI (its last byte)
        SEQUENCE,    ///< ESP or AH sequence number (its last byte)
        SOURCE,      ///< the outer source address (its last byte)
        DESTINATION, ///< the outer destination address (its last byte)
        TRUNCATE,    ///< the last Bytes bytes removed
        PAD,         ///< Bytes zero bytes appended
    };

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * @brief The field's name ("payload", "icv", ...).
     * @param field the field
     * @return its name
     */
    static const char* GetFieldName(Field field);

  protected:
    AttackVerdict DoProcess(AttackPacket& packet, AttackContext& ctx) override;

  private:
    /**
     * @brief Where Field is in an IP payload of a protocol.
     * @param protocol the IP protocol
     * @param bytes the payload
     * @return the byte's index, or -1 if the payload has no such byte
     */
    int64_t Locate(uint8_t protocol, const std::vector<uint8_t>& bytes) const;

    Field m_field{PAYLOAD}; ///< attribute Field
    uint32_t m_offset{24};  ///< attribute Offset
    uint8_t m_mask{0x01};   ///< attribute Mask
    uint32_t m_bytes{4};    ///< attribute Bytes
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ATTACK_TAMPER_H */
