// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Integrity algorithms: truncated HMAC (RFC 2404, RFC 4868) and AES-XCBC-MAC-96 (RFC 3566).
 */
#ifndef IPSEC_OPENSSL_INTEGRITY_H
#define IPSEC_OPENSSL_INTEGRITY_H

#include "ipsec-aes-xcbc.h"
#include "ipsec-integrity.h"
#include "ipsec-openssl-hmac.h"
#include "ipsec-transform.h"

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief HMAC truncated to the transform's ICV size (e.g. HMAC-SHA-256-128).
 */
class HmacIntegrity : public Integrity
{
  public:
    /**
     * @brief Key the MAC.
     * @param info the table row
     * @param key info.keySize bytes
     */
    HmacIntegrity(const TransformInfo& info, ByteSpan key);
    uint32_t GetIcvSize() const override;
    bool Compute(std::initializer_list<ByteSpan> parts, uint8_t* icv) override;

  private:
    const TransformInfo& m_info; ///< table row
    OpensslHmac m_hmac;          ///< keyed HMAC
};

/**
 * @ingroup ipsec
 * @brief AES-XCBC-MAC-96: the first 96 bits of AES-XCBC-MAC (RFC 3566 §4).
 */
class XcbcIntegrity : public Integrity
{
  public:
    /**
     * @brief Key the MAC.
     * @param info the table row
     * @param key 16 bytes
     */
    XcbcIntegrity(const TransformInfo& info, ByteSpan key);
    uint32_t GetIcvSize() const override;
    bool Compute(std::initializer_list<ByteSpan> parts, uint8_t* icv) override;

  private:
    const TransformInfo& m_info; ///< table row
    AesXcbc m_xcbc;              ///< keyed MAC
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_OPENSSL_INTEGRITY_H */
