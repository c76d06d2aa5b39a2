// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IKE pseudo-random functions: PRF_HMAC_SHA1/SHA2 (RFC 2104, RFC 4868) and PRF_AES128_XCBC
 * (RFC 4434), and IKEv2's prf+ expansion (RFC 7296 §2.13).
 */
#ifndef IKE_PRF_H
#define IKE_PRF_H

#include "ipsec-aes-xcbc.h"
#include "ipsec-byte-span.h"
#include "ipsec-openssl-hmac.h"
#include "ipsec-transform.h"

#include <initializer_list>
#include <memory>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief A PRF as IKEv2 uses it (RFC 7296 §2.13): keyed with variable-length keys (nonces,
 * SKEYSEED, SK_d), output of fixed size (strongSwan's prf_t).
 */
class Prf
{
  public:
    virtual ~Prf() = default;
    /**
     * @brief The output length.
     * @return bytes
     */
    virtual uint32_t GetOutputSize() const = 0;
    /**
     * @brief The preferred key length (the length of keys IKEv2 derives for this PRF).
     * @return bytes
     */
    virtual uint32_t GetKeySize() const = 0;
    /**
     * @brief Set the key; any length is accepted.
     * @param key the key
     * @return false if the crypto library failed
     */
    virtual bool SetKey(ByteSpan key) = 0;
    /**
     * @brief Compute prf(key, concatenated parts).
     * @param parts the message
     * @param out GetOutputSize() bytes
     * @return false if the crypto library failed
     */
    virtual bool Compute(std::initializer_list<ByteSpan> parts, uint8_t* out) = 0;
};

/**
 * @ingroup ipsec
 * @brief PRF_HMAC_*: full-length HMAC output.
 */
class HmacPrf : public Prf
{
  public:
    /**
     * @brief Create an unkeyed PRF.
     * @param info the table row (type PRF, kind HMAC)
     */
    explicit HmacPrf(const TransformInfo& info);
    uint32_t GetOutputSize() const override;
    uint32_t GetKeySize() const override;
    bool SetKey(ByteSpan key) override;
    bool Compute(std::initializer_list<ByteSpan> parts, uint8_t* out) override;

  private:
    const TransformInfo& m_info; ///< table row
    OpensslHmac m_hmac;          ///< the HMAC
};

/**
 * @ingroup ipsec
 * @brief PRF_AES128_XCBC (RFC 4434): AES-XCBC-MAC with the key adjusted to 128 bits (shorter:
 * padded with zeros; longer: replaced by AES-XCBC-MAC(0^128, key)).
 */
class XcbcPrf : public Prf
{
  public:
    /**
     * @brief Create an unkeyed PRF.
     * @param info the table row (type PRF, kind XCBC)
     */
    explicit XcbcPrf(const TransformInfo& info);
    uint32_t GetOutputSize() const override;
    uint32_t GetKeySize() const override;
    bool SetKey(ByteSpan key) override;
    bool Compute(std::initializer_list<ByteSpan> parts, uint8_t* out) override;

  private:
    const TransformInfo& m_info; ///< table row
    AesXcbc m_xcbc;              ///< the MAC
};

/// prf+ is defined for at most this many PRF outputs (RFC 7296 §2.13: a one-octet counter).
constexpr uint32_t PRF_PLUS_MAX_BLOCKS = 255;

/**
 * @ingroup ipsec
 * @brief IKEv2's prf+ (RFC 7296 §2.13): the first length bytes of T1 | T2 | T3 | ..., where
 * T1 = prf(K, S | 0x01) and Tn = prf(K, Tn-1 | S | n).
 *
 * IKEv2 draws all its keys from it: SK_d ... SK_pr from SKEYSEED (§2.14), CHILD SA KEYMAT from
 * SK_d (§2.17). IKEv1 expands keys without a counter (RFC 2409 §5.5 and Appendix B); that
 * expansion is meant to sit beside this function as a sibling sharing the same Prf, so callers
 * of PrfPlus stay as they are.
 * @param prf the PRF; keyed here with key (a key it held before is replaced)
 * @param key K, any length (the PRF's own key rule applies, e.g. RFC 4434 for AES-XCBC)
 * @param seed S, given as parts that are concatenated
 * @param length bytes wanted; at most PRF_PLUS_MAX_BLOCKS times the PRF's output size
 * @return length bytes
 * @throws ConfigError if length needs more than PRF_PLUS_MAX_BLOCKS PRF outputs, or if the
 * crypto library fails
 */
std::vector<uint8_t> PrfPlus(Prf& prf,
                             ByteSpan key,
                             std::initializer_list<ByteSpan> seed,
                             size_t length);

} // namespace ipsec
} // namespace ns3

#endif /* IKE_PRF_H */
