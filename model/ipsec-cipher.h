// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The interface of confidentiality-only ciphers (ENCR_NULL, CBC, CTR).
 */
#ifndef IPSEC_CIPHER_H
#define IPSEC_CIPHER_H

#include <cstddef>
#include <cstdint>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief A keyed cipher without integrity (strongSwan's crypter_t).
 *
 * Made once per SA key (the key schedule is computed once); Encrypt/Decrypt are called per
 * packet with that packet's explicit IV. Lengths must be multiples of GetBlockSize().
 */
/**
 * @brief Which directions an SA's cipher is keyed for.
 *
 * An SA protects one direction: an outbound SA only encrypts, an inbound one only decrypts. OpenSSL
 * keys a context per direction (for AES-CBC the two key schedules differ), so keying only the
 * direction in use halves the cipher state of every SA. A call in a direction not keyed fails
 * (returns false) as a refused key would.
 */
enum class CryptoUse : uint8_t
{
    BOTH,    ///< encrypt and decrypt (tests, tools)
    ENCRYPT, ///< encrypt only (outbound SAs, IKE messages sent)
    DECRYPT, ///< decrypt only (inbound SAs, IKE messages received)
};

class Cipher
{
  public:
    virtual ~Cipher() = default;
    /**
     * @brief The explicit IV length carried in each packet.
     * @return bytes
     */
    virtual uint32_t GetIvSize() const = 0;
    /**
     * @brief The block size the data length must be a multiple of.
     * @return bytes (1 for stream-like modes)
     */
    virtual uint32_t GetBlockSize() const = 0;
    /**
     * @brief Encrypt in place.
     * @param iv GetIvSize() bytes
     * @param data the data
     * @param size its length, a multiple of GetBlockSize()
     * @return false if the crypto library failed
     */
    virtual bool Encrypt(const uint8_t* iv, uint8_t* data, size_t size) = 0;
    /**
     * @brief Decrypt in place.
     * @param iv GetIvSize() bytes
     * @param data the data
     * @param size its length, a multiple of GetBlockSize()
     * @return false if the crypto library failed
     */
    virtual bool Decrypt(const uint8_t* iv, uint8_t* data, size_t size) = 0;
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_CIPHER_H */
