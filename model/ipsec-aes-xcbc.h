// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * AES-XCBC-MAC (RFC 3566), built on OpenSSL's AES block cipher (OpenSSL has no XCBC mode).
 */
#ifndef IPSEC_AES_XCBC_H
#define IPSEC_AES_XCBC_H

#include "ipsec-byte-span.h"
#include "ipsec-openssl-util.h"

#include <initializer_list>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief AES-XCBC-MAC with a 128-bit key: the full 16-byte MAC. AUTH_AES_XCBC_96 truncates it;
 * PRF_AES128_XCBC (RFC 4434) uses it whole.
 */
class AesXcbc
{
  public:
    /// Key, block and MAC length (RFC 3566 §4).
    static constexpr uint32_t SIZE = 16;

    AesXcbc();

    /**
     * @brief Derive K1, K2, K3 from the key (RFC 3566 §4 step 1).
     * @param key exactly SIZE bytes
     * @return false if the key length is wrong or OpenSSL failed
     */
    bool SetKey(ByteSpan key);
    /**
     * @brief Compute the MAC of the concatenated parts (RFC 3566 §4 steps 2-3).
     * @param parts the message
     * @param out SIZE bytes
     * @return false if not keyed or OpenSSL failed
     */
    bool Compute(std::initializer_list<ByteSpan> parts, uint8_t* out);

  private:
    /**
     * @brief Encrypt one block with K1 in place.
     * @param block SIZE bytes
     * @return false if OpenSSL failed
     */
    bool EncryptK1(uint8_t* block);

    CipherCtxPtr m_k1;  ///< AES-128-ECB keyed with K1
    uint8_t m_k2[SIZE]; ///< K2, for a complete last block
    uint8_t m_k3[SIZE]; ///< K3, for a padded last block
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_AES_XCBC_H */
