// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * HMAC (RFC 2104) over OpenSSL's EVP_MAC, shared by integrity algorithms and PRFs.
 */
#ifndef IPSEC_OPENSSL_HMAC_H
#define IPSEC_OPENSSL_HMAC_H

#include "ipsec-byte-span.h"

#include <initializer_list>
#include <openssl/evp.h>
#include <string>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief An HMAC context: keyed by SetKey(), then computed any number of times.
 *
 * Re-initialising with the same key reuses OpenSSL's precomputed inner/outer pads, so per-packet
 * cost is the two hash passes only.
 */
class OpensslHmac
{
  public:
    /**
     * @brief Create an unkeyed HMAC.
     * @param digest OpenSSL digest name ("SHA1", "SHA256", ...)
     * @throws ConfigError if OpenSSL lacks the digest
     */
    explicit OpensslHmac(const std::string& digest);
    ~OpensslHmac();
    OpensslHmac(const OpensslHmac&) = delete;
    OpensslHmac& operator=(const OpensslHmac&) = delete;

    /**
     * @brief Set the key (any length, RFC 2104 §2).
     * @param key the key
     * @return false if OpenSSL failed
     */
    bool SetKey(ByteSpan key);
    /**
     * @brief The untruncated output length.
     * @return bytes (the digest size)
     */
    uint32_t GetSize() const;
    /**
     * @brief Compute HMAC(key, concatenated parts).
     * @param parts the message
     * @param out GetSize() bytes
     * @return false if OpenSSL failed
     */
    bool Compute(std::initializer_list<ByteSpan> parts, uint8_t* out);

  private:
    EVP_MAC_CTX* m_ctx{nullptr}; ///< OpenSSL context
    uint32_t m_size{0};          ///< digest size
    bool m_keyed{false};         ///< whether SetKey succeeded
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_OPENSSL_HMAC_H */
