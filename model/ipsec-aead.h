// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The interface of combined-mode algorithms (AES-GCM, AES-GMAC, ChaCha20-Poly1305).
 */
#ifndef IPSEC_AEAD_H
#define IPSEC_AEAD_H

#include "ipsec-byte-span.h"
#include "ipsec-cipher.h"

#include <initializer_list>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief A keyed AEAD (strongSwan's aead_t). The salt (the last bytes of the keying material)
 * is kept inside: the nonce is salt || IV (RFC 4106 §4, RFC 4543 §3.1, RFC 7634 §2).
 *
 * For AES-GMAC (RFC 4543) the data is authenticated but left as it is: the whole message is
 * additional authenticated data and there is no ciphertext.
 */
class Aead
{
  public:
    virtual ~Aead() = default;
    /**
     * @brief The explicit IV length carried in each packet.
     * @return bytes
     */
    virtual uint32_t GetIvSize() const = 0;
    /**
     * @brief The ICV (tag) length.
     * @return bytes
     */
    virtual uint32_t GetIcvSize() const = 0;
    /**
     * @brief Whether the data is encrypted (false for GMAC).
     * @return true if Encrypt changes the data
     */
    virtual bool IsEncrypting() const = 0;
    /**
     * @brief Encrypt (or, for GMAC, only authenticate) in place and produce the ICV.
     * @param iv GetIvSize() bytes
     * @param aad additional authenticated data, in order
     * @param data the plaintext, replaced by the ciphertext
     * @param size its length
     * @param icv GetIcvSize() bytes of output
     * @return false if the crypto library failed
     */
    virtual bool Encrypt(const uint8_t* iv,
                         std::initializer_list<ByteSpan> aad,
                         uint8_t* data,
                         size_t size,
                         uint8_t* icv) = 0;
    /**
     * @brief Verify the ICV and decrypt in place. On failure the data is garbage.
     * @param iv GetIvSize() bytes
     * @param aad additional authenticated data, in order
     * @param data the ciphertext, replaced by the plaintext
     * @param size its length
     * @param icv the received ICV
     * @return false if the ICV does not verify (or the crypto library failed)
     */
    virtual bool Decrypt(const uint8_t* iv,
                         std::initializer_list<ByteSpan> aad,
                         uint8_t* data,
                         size_t size,
                         const uint8_t* icv) = 0;
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_AEAD_H */
