// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Cipher implementations: ENCR_NULL, CBC (AES, 3DES) and AES-CTR over OpenSSL EVP.
 */
#ifndef IPSEC_OPENSSL_CIPHER_H
#define IPSEC_OPENSSL_CIPHER_H

#include "ipsec-byte-span.h"
#include "ipsec-cipher.h"
#include "ipsec-openssl-util.h"
#include "ipsec-transform.h"

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief ENCR_NULL (RFC 2410): no IV, block size 1, data unchanged.
 */
class NullCipher : public Cipher
{
  public:
    uint32_t GetIvSize() const override;
    uint32_t GetBlockSize() const override;
    bool Encrypt(const uint8_t* iv, uint8_t* data, size_t size) override;
    bool Decrypt(const uint8_t* iv, uint8_t* data, size_t size) override;
};

/**
 * @ingroup ipsec
 * @brief CBC mode with an explicit per-packet IV (RFC 3602 for AES, RFC 2451 for 3DES).
 *
 * Keeps one keyed context per direction and only resets the IV per packet.
 */
class OpensslCbcCipher : public Cipher
{
  public:
    /**
     * @brief Key the cipher (both directions).
     * @param info the table row (opensslName, ivSize, blockSize)
     * @param key info.keySize bytes
     */
    OpensslCbcCipher(const TransformInfo& info, ByteSpan key, CryptoUse use = CryptoUse::BOTH);
    uint32_t GetIvSize() const override;
    uint32_t GetBlockSize() const override;
    bool Encrypt(const uint8_t* iv, uint8_t* data, size_t size) override;
    bool Decrypt(const uint8_t* iv, uint8_t* data, size_t size) override;

  private:
    /**
     * @brief Run one direction.
     * @param ctx the direction's keyed context
     * @param iv the IV
     * @param data the data, in place
     * @param size its length
     * @return false if OpenSSL failed
     */
    bool Run(CipherCtxPtr& ctx, const uint8_t* iv, uint8_t* data, size_t size);

    const TransformInfo& m_info; ///< table row
    const EVP_CIPHER* m_cipher;  ///< fetched cipher
    CipherCtxPtr m_encrypt;      ///< encrypting context
    CipherCtxPtr m_decrypt;      ///< decrypting context
};

/**
 * @ingroup ipsec
 * @brief AES-CTR for ESP (RFC 3686): counter block = nonce (4) || IV (8) || counter (4),
 * counter starting at 1 for each packet.
 */
class OpensslCtrCipher : public Cipher
{
  public:
    /**
     * @brief Key the cipher.
     * @param info the table row
     * @param key info.keySize bytes: AES key then the 4-byte nonce
     */
    OpensslCtrCipher(const TransformInfo& info, ByteSpan key, CryptoUse use = CryptoUse::BOTH);
    uint32_t GetIvSize() const override;
    uint32_t GetBlockSize() const override;
    bool Encrypt(const uint8_t* iv, uint8_t* data, size_t size) override;
    bool Decrypt(const uint8_t* iv, uint8_t* data, size_t size) override;

  private:
    const TransformInfo& m_info; ///< table row
    CipherCtxPtr m_ctx;          ///< keyed context (CTR is the same both ways)
    uint8_t m_nonce[4];          ///< RFC 3686 nonce from the keying material
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_OPENSSL_CIPHER_H */
