// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * AEAD implementations over OpenSSL EVP: AES-GCM, AES-GMAC, ChaCha20-Poly1305.
 */
#ifndef IPSEC_OPENSSL_AEAD_H
#define IPSEC_OPENSSL_AEAD_H

#include "ipsec-aead.h"
#include "ipsec-openssl-util.h"
#include "ipsec-transform.h"

#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief One class serves the three ESP combined modes, which share their framing: nonce =
 * 4-byte salt || 8-byte IV, tag after the data (RFC 4106 §3-4, RFC 4543 §3, RFC 7634 §2).
 *
 * For GMAC (CryptoKind::GMAC) the data is fed to GCM as additional authenticated data after
 * the given AAD, so it is authenticated and left in clear (RFC 4543 §3.2).
 */
class OpensslAead : public Aead
{
  public:
    /**
     * @brief Key the algorithm.
     * @param info the table row (kind GCM, GMAC or CHACHA20_POLY1305)
     * @param key info.keySize bytes: cipher key then the 4-byte salt
     */
    OpensslAead(const TransformInfo& info, ByteSpan key, CryptoUse use = CryptoUse::BOTH);
    uint32_t GetIvSize() const override;
    uint32_t GetIcvSize() const override;
    bool IsEncrypting() const override;
    bool Encrypt(const uint8_t* iv,
                 std::initializer_list<ByteSpan> aad,
                 uint8_t* data,
                 size_t size,
                 uint8_t* icv) override;
    bool Decrypt(const uint8_t* iv,
                 std::initializer_list<ByteSpan> aad,
                 uint8_t* data,
                 size_t size,
                 const uint8_t* icv) override;

  private:
    /// Nonce length: salt (4) + IV (8).
    static constexpr uint32_t NONCE_SIZE = 12;

    /**
     * @brief Start a packet: set the nonce and feed the AAD (and, for GMAC, the data).
     * @param ctx the direction's context
     * @param iv the IV
     * @param aad additional authenticated data
     * @param data the data
     * @param size its length
     * @return false if OpenSSL failed
     */
    bool Begin(EVP_CIPHER_CTX* ctx,
               const uint8_t* iv,
               std::initializer_list<ByteSpan> aad,
               const uint8_t* data,
               size_t size);

    const TransformInfo& m_info; ///< table row
    std::vector<uint8_t> m_salt; ///< salt from the keying material
    CipherCtxPtr m_encrypt;      ///< encrypting context
    CipherCtxPtr m_decrypt;      ///< decrypting context
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_OPENSSL_AEAD_H */
