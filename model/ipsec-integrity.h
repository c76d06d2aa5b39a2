// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The interface of integrity algorithms (truncated MACs for ESP/AH ICVs).
 */
#ifndef IPSEC_INTEGRITY_H
#define IPSEC_INTEGRITY_H

#include "ipsec-byte-span.h"

#include <initializer_list>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief A keyed MAC whose output is truncated to the ICV size (strongSwan's signer_t).
 *
 * The message comes in parts, so that ESN high-order bits, which are authenticated but not
 * sent (RFC 4303 §2.2.1), need no copy of the packet.
 */
class Integrity
{
  public:
    virtual ~Integrity() = default;
    /**
     * @brief The ICV length.
     * @return bytes
     */
    virtual uint32_t GetIcvSize() const = 0;
    /**
     * @brief Compute the ICV of the concatenated parts.
     * @param parts the message, in order
     * @param icv GetIcvSize() bytes of output
     * @return false if the crypto library failed
     */
    virtual bool Compute(std::initializer_list<ByteSpan> parts, uint8_t* icv) = 0;

    /**
     * @brief Compute and compare in constant time.
     * @param parts the message, in order
     * @param icv the received ICV, GetIcvSize() bytes
     * @return true if it verifies
     */
    bool Verify(std::initializer_list<ByteSpan> parts, const uint8_t* icv)
    {
        uint8_t computed[64];
        return GetIcvSize() <= sizeof(computed) && Compute(parts, computed) &&
               ConstantTimeEqual(computed, icv, GetIcvSize());
    }
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_INTEGRITY_H */
