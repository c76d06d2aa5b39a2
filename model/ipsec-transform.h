// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The algorithm table: IANA transform IDs, names and sizes, as data.
 */
#ifndef IPSEC_TRANSFORM_H
#define IPSEC_TRANSFORM_H

#include "ipsec-constants.h"

#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief Which implementation serves a transform (see ipsec-crypto-factory).
 */
enum class CryptoKind : uint8_t
{
    NULL_CIPHER,       ///< ENCR_NULL: identity (RFC 2410)
    CBC,               ///< block cipher in CBC mode with explicit IV (RFC 3602, RFC 2451)
    CTR,               ///< AES counter mode (RFC 3686)
    GCM,               ///< AES-GCM AEAD (RFC 4106)
    GMAC,              ///< AES-GMAC, authentication only (RFC 4543)
    CHACHA20_POLY1305, ///< ChaCha20-Poly1305 AEAD (RFC 7634)
    HMAC,              ///< HMAC, truncated for integrity (RFC 2404, RFC 4868) or full for PRFs
    XCBC,              ///< AES-XCBC-MAC (RFC 3566) and AES-XCBC-PRF-128 (RFC 4434)
};

/**
 * @ingroup ipsec
 * @brief One row of the algorithm table.
 *
 * A row is one (transform type, IANA ID, key length) triple, so AES-CBC appears three times
 * (128/192/256). keySize counts all keying material an SA needs for the transform, salt or
 * nonce included (RFC 4106 §8.1, RFC 3686 §5.1, RFC 7634 §2), as in IKEv2's KEYMAT split.
 */
struct TransformInfo
{
    TransformType type;      ///< ENCR, INTEG or PRF
    uint16_t id;             ///< IANA IKEv2 transform ID
    uint16_t keyLengthBits;  ///< IKEv2 Key Length attribute (0: the transform has none)
    const char* ianaName;    ///< IANA name, e.g. "ENCR_AES_GCM_16"
    const char* keyword;     ///< strongSwan proposal keyword, e.g. "aes128gcm16"
    const char* aliases;     ///< other accepted keywords, space-separated ("" if none)
    CryptoKind kind;         ///< implementation family
    const char* opensslName; ///< OpenSSL cipher ("AES-128-GCM") or digest ("SHA256") name
    uint8_t keySize;         ///< keying material in bytes, salt/nonce included
    uint8_t saltSize;        ///< trailing salt/nonce bytes of keySize (AEAD, CTR)
    uint8_t ivSize;          ///< explicit IV carried in each packet, bytes
    uint8_t blockSize;       ///< padding block size in bytes (1: stream-like)
    uint8_t icvSize;         ///< ICV bytes (ENCR AEAD, INTEG); output bytes for PRF
    const char* reference;   ///< defining RFC
    /// Wireshark 4.0's name for the transform in its ESP SA table (esp_sa), e.g.
    /// "AES-CBC [RFC3602]"; nullptr if Wireshark 4.0 cannot decrypt or check it (and for PRFs)
    const char* wiresharkName;

    /**
     * @brief Whether this is an encryption transform that authenticates too (AEAD or GMAC),
     * so it takes no separate integrity transform (RFC 7296 §3.3).
     * @return true for GCM, GMAC and ChaCha20-Poly1305
     */
    bool IsAead() const;
    /**
     * @brief The cipher key without salt/nonce.
     * @return bytes
     */
    uint32_t GetCipherKeySize() const;
    /**
     * @brief Whether an IKE SA may use this transform. Every row may protect ESP or AH, but the
     * IANA "Transform Type 1 - Encryption Algorithm Transform IDs" registry marks ENCR_NULL and
     * ENCR_NULL_AUTH_AES_GMAC "Not allowed" in its IKEv2 column: IKE messages are encrypted.
     * @return false for those two encryption transforms, true otherwise
     */
    bool IsAllowedForIkeSa() const;
    /**
     * @brief Why this transform is broken, for the rows kept for labs: ENCR_DES (56-bit key),
     * AUTH_HMAC_MD5_96 and PRF_HMAC_MD5 (MD5). RFC 8221 and RFC 8247 say MUST NOT for them;
     * they remain because IKEv1 labs and old configurations use them. A configuration that
     * uses one gets a warning (WarnIfBroken), once per process.
     * @return the reason, or nullptr for a transform that is not broken
     */
    const char* GetBrokenReason() const;
};

/**
 * @brief The whole table, in a stable order.
 * @return every row
 */
const std::vector<TransformInfo>& GetTransformTable();

/**
 * @brief Find a row by IANA identifiers.
 * @param type transform type
 * @param id IANA transform ID
 * @param keyLengthBits Key Length attribute (0 for transforms without one)
 * @return the row, or nullptr if the table has none
 */
const TransformInfo* FindTransform(TransformType type, uint16_t id, uint16_t keyLengthBits = 0);

/**
 * @brief Find a row by strongSwan keyword or alias (case-insensitive).
 * @param keyword e.g. "aes128gcm16", "sha256", "prfsha256"
 * @return the row, or nullptr if no row has that keyword
 */
const TransformInfo* FindTransformByKeyword(const std::string& keyword);

/**
 * @brief The keywords of one transform type, for error messages and documentation.
 * @param type transform type
 * @return keywords separated by ", "
 */
std::string ListKeywords(TransformType type);

/**
 * @brief Warn that a configuration uses a broken algorithm: NS_LOG_WARN and one line on
 * standard error ("ns3-ipsec warning: DES-CBC is broken (...); for labs only"), once per
 * algorithm and process, so a simulation that sets up many SAs warns once. Called where a
 * configuration is read (proposal parsing, SA set-up), never per packet.
 * @param algorithm the algorithm's name, e.g. "DES-CBC"; the key for "once"
 * @param reason why it is broken
 * @return true if this call warned, false if that algorithm was warned about before
 */
bool WarnBrokenAlgorithm(const std::string& algorithm, const std::string& reason);

/**
 * @brief WarnBrokenAlgorithm for a transform with a GetBrokenReason().
 * @param row the transform
 * @return true if this call warned; false if the transform is not broken or was warned about
 */
bool WarnIfBroken(const TransformInfo& row);

/**
 * @brief A transform type's name.
 * @param type transform type
 * @return "encryption", "integrity", "PRF", ...
 */
const char* GetTransformTypeName(TransformType type);

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_TRANSFORM_H */
