// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The names of crypto operations in a CryptoCostTable, in one place: the data plane (ESP, AH),
 * IKE (key exchange, signatures, PRFs) and bench/ipsec-measure-costs all build them here.
 *
 * | operation                 | one job is                                        | bytes        |
 * |---------------------------|---------------------------------------------------|--------------|
 * | `esp/<enc>[-<integ>]/out` | protect one payload (EspCodec::Encapsulate)       | payload      |
 * | `esp/<enc>[-<integ>]/in`  | check and open one ESP packet                     | ESP packet   |
 * | `ah/<integ>/out`, `/in`   | compute / verify one AH ICV                       | payload / AH
 * packet | | `ke/<group>/keygen`       | make our key pair and encode our public value     | 0 | |
 * `ke/<group>/derive`       | import the peer's public value, check it, derive  | 0            | |
 * `sign/<scheme>`           | sign a message                                    | message      | |
 * `verify/<scheme>`         | verify a signature over a message                 | message      | |
 * `prf/<prf>`               | key the PRF and compute it once over a message    | message      |
 *
 * Keywords are strongSwan's (ipsec-transform.h for encryption, integrity and PRFs; the lists
 * below for key exchange groups and signature schemes). The key exchange list is also the
 * group table of KeyExchange (ike-key-exchange.h): sizes and OpenSSL names per group.
 */
#ifndef IPSEC_CRYPTO_OPERATION_H
#define IPSEC_CRYPTO_OPERATION_H

#include "ipsec-proposal.h"
#include "ipsec-transform.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief The two steps of a key exchange (Diffie-Hellman) an IKE peer performs.
 */
enum class KePhase : uint8_t
{
    KEYGEN, ///< make our key pair and our public value (the KE payload's data)
    DERIVE, ///< take the peer's public value, check it and compute the shared secret
};

/**
 * @ingroup ipsec
 * @brief The kinds of key exchange groups: how values are computed and encoded.
 */
enum class KeKind : uint8_t
{
    MODP,   ///< finite-field Diffie-Hellman modulo a safe prime (RFC 3526)
    ECP,    ///< elliptic curve Diffie-Hellman over a prime field (RFC 5903)
    X25519, ///< Curve25519 (RFC 7748, RFC 8031)
};

/**
 * @ingroup ipsec
 * @brief A key exchange method (IKEv2 transform type 4, IKEv1 Group Description; same IANA
 * numbers): the cost table's groups, and what KeyExchange (ike-key-exchange.h) needs to run
 * them.
 */
struct KeGroupInfo
{
    const char* keyword;      ///< strongSwan keyword, e.g. "ecp256"
    uint16_t ianaId;          ///< IANA Key Exchange Method ID, e.g. 19
    const char* description;  ///< what it is and its defining RFC
    KeKind kind;              ///< MODP, ECP or X25519
    const char* opensslType;  ///< OpenSSL key type: "DH", "EC" or "X25519"
    const char* opensslGroup; ///< OpenSSL group name ("modp_2048", "P-256"), nullptr for X25519
                              ///< and for the MODP groups OpenSSL 3 has no name for
    uint16_t publicSize;      ///< bytes of a public value (the KE payload's data)
    uint16_t secretSize;      ///< bytes of the shared secret g^ir
    uint16_t privateBits;     ///< MODP: bits of the private exponents we draw; others: 0
    /// MODP groups without an OpenSSL name (modp768, modp1024): the prime p in hex, as the RFC
    /// prints it (blanks allowed); the generator is 2 and the subgroup order q = (p - 1) / 2,
    /// as in every RFC 2409/3526 group. nullptr for the other groups.
    const char* primeHex;

    /**
     * @brief Why this group is broken, for the groups kept for labs: modp768 and modp1024
     * (RFC 2409) and modp1536 (RFC 3526 §2). RFC 8247 §2.4 says MUST NOT for modp768 and
     * SHOULD NOT for modp1024 and modp1536. A configuration that uses one gets a warning
     * (WarnIfBroken), once per process.
     * @return the reason, or nullptr for a group that is not broken
     */
    const char* GetBrokenReason() const;
};

/**
 * @brief WarnBrokenAlgorithm (ipsec-transform.h) for a group with a GetBrokenReason().
 * @param group the group
 * @return true if this call warned; false if the group is not broken or was warned about
 */
bool WarnIfBroken(const KeGroupInfo& group);

/**
 * @ingroup ipsec
 * @brief A signature scheme (IKEv2 AUTH) the cost table covers.
 */
struct SignatureSchemeInfo
{
    const char* keyword;     ///< e.g. "rsa2048", "ecdsa256", "ed25519"
    const char* description; ///< key, padding and hash
};

/**
 * @brief The key exchange methods, with costs in the reference table and run by KeyExchange,
 * in IANA order: modp2048 (14), modp3072 (15), modp4096 (16), ecp256 (19), ecp384 (20),
 * ecp521 (21), curve25519 (31); then the broken ones kept for labs: modp768 (1), modp1024 (2),
 * modp1536 (5).
 * @return the list
 */
const std::vector<KeGroupInfo>& GetKeGroups();

/**
 * @brief Find a key exchange group by its IANA number.
 * @param ianaId e.g. 19
 * @return the row, or nullptr if GetKeGroups() has no such group
 */
const KeGroupInfo* FindKeGroup(uint16_t ianaId);

/**
 * @brief Find a key exchange group by its keyword.
 * @param keyword e.g. "ecp256"
 * @return the row, or nullptr if GetKeGroups() has no such group
 */
const KeGroupInfo* FindKeGroup(const std::string& keyword);

/**
 * @brief The signature schemes with costs in the reference table: rsa2048, rsa3072
 * (RSASSA-PKCS1-v1_5 with SHA-256), ecdsa256 (P-256, SHA-256), ecdsa384 (P-384, SHA-384),
 * ed25519 (RFC 8032, pure).
 * @return the list
 */
const std::vector<SignatureSchemeInfo>& GetSignatureSchemes();

/**
 * @brief The PRF keywords with costs in the reference table: every PRF row of the
 * algorithm table (prfsha1, prfaesxcbc, prfsha256, prfsha384, prfsha512, prfmd5).
 * @return the keywords
 */
std::vector<std::string> GetPrfKeywords();

/**
 * @brief A phase's name.
 * @param phase the phase
 * @return "keygen" or "derive"
 */
const char* GetKePhaseName(KePhase phase);

/**
 * @brief The operation of protecting (out) or checking and opening (in) with an ESP suite.
 * @param suite the suite (ESN does not change the name)
 * @param outbound protect (true) or check (false)
 * @return "esp/<encryption>[-<integrity>]/out" or ".../in", e.g. "esp/aes128gcm16/out",
 * "esp/aes128-sha256/in"
 */
std::string EspOperation(const EspSuite& suite, bool outbound);

/**
 * @brief The operation of computing (out) or verifying (in) an AH ICV.
 * @param integrity the integrity transform
 * @param outbound compute (true) or verify (false)
 * @return "ah/<integrity>/out" or ".../in", e.g. "ah/sha256/in"
 */
std::string AhOperation(const TransformInfo& integrity, bool outbound);

/**
 * @brief A key exchange step.
 * @param group the group's keyword (GetKeGroups), e.g. "ecp256"
 * @param phase keygen or derive
 * @return "ke/<group>/keygen" or "ke/<group>/derive"
 */
std::string KeOperation(const std::string& group, KePhase phase);

/**
 * @brief Signing a message (charged with the message's size).
 * @param scheme the scheme's keyword (GetSignatureSchemes), e.g. "rsa2048"
 * @return "sign/<scheme>"
 */
std::string SignOperation(const std::string& scheme);

/**
 * @brief Verifying a signature over a message (charged with the message's size).
 * @param scheme the scheme's keyword, e.g. "ecdsa256"
 * @return "verify/<scheme>"
 */
std::string VerifyOperation(const std::string& scheme);

/**
 * @brief Keying a PRF and computing it once (charged with the size of its data).
 * @param prf the PRF's keyword, e.g. "prfsha256"
 * @return "prf/<prf>"
 */
std::string PrfOperation(const std::string& prf);

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_CRYPTO_OPERATION_H */
