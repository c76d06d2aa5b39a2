// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IKEv2 proposals (RFC 7296 §3.3) for the IKE SA and for CHILD SAs, read from and printed as
 * strongSwan proposal strings: "aes256-sha256-modp3072,aes128gcm16-prfsha256-ecp256" (IKE),
 * "aes128gcm16-ecp256", "aes128-sha256-esn" (ESP), "sha256" (AH).
 *
 * The model knows no wire format: the SA payload codec maps each list to transform substructures
 * (IKEv2) or attribute sets (IKEv1, one transform per combination), and builds proposals of the
 * peer from what it receives (transforms unknown to the algorithm table are left out).
 * Selection lives in ike-proposal-selection.h.
 */
#ifndef IKE_PROPOSAL_H
#define IKE_PROPOSAL_H

#include "ipsec-mode.h"
#include "ipsec-proposal.h"
#include "ipsec-transform.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

struct SaConfig;

/// IANA Transform Type 4 (Key Exchange Method) ID 0, "NONE": in an ESP or AH proposal, "no
/// key exchange" is acceptable (PFS optional); strongSwan's keyword "none" (RFC 7296 §3.3.2).
constexpr uint16_t KE_NONE = 0;

/**
 * @ingroup ipsec
 * @brief The key lengths of an IKE SA's keys (RFC 7296 §2.14), in the order prf+ produces
 * them: SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr.
 */
struct IkeKeySizes
{
    uint32_t skD{0}; ///< SK_d: the PRF's preferred key length (§2.14)
    uint32_t skA{0}; ///< SK_ai and SK_ar each: the integrity key (0 with an AEAD cipher)
    uint32_t skE{0}; ///< SK_ei and SK_er each: the cipher key with its salt (RFC 5282 §7.1)
    uint32_t skP{0}; ///< SK_pi and SK_pr each: the PRF's preferred key length (§2.14)

    /**
     * @brief The bytes prf+ must produce for all seven keys.
     * @return skD + 2 * (skA + skE + skP)
     */
    uint32_t GetTotal() const;
};

/**
 * @ingroup ipsec
 * @brief The KEYMAT lengths of one CHILD SA (RFC 7296 §2.17): the encryption key is taken
 * first, then the integrity key; for a pair of SAs, the initiator-to-responder SA's keys come
 * before the responder-to-initiator SA's.
 */
struct ChildKeySizes
{
    uint32_t encryptionKey{0}; ///< ESP cipher key with its salt or nonce (0 for AH), bytes
    uint32_t integrityKey{0};  ///< integrity key (0 with an AEAD cipher), bytes

    /**
     * @brief The KEYMAT of one SA (one direction).
     * @return encryptionKey + integrityKey
     */
    uint32_t GetPerSa() const;
    /**
     * @brief The KEYMAT of the pair of SAs a CHILD SA installs.
     * @return 2 * GetPerSa()
     */
    uint32_t GetTotal() const;
};

/**
 * @ingroup ipsec
 * @brief A proposal for an IKE SA: the encryption, integrity, PRF and key exchange transforms
 * one peer accepts, each list in preference order. Several transforms of one type are
 * alternatives (RFC 7296 §3.3); an accepted proposal has one of each (IsSingleChoice()).
 *
 * Rules (RFC 7296 §3.3.2-3.3.3, strongSwan's proposal.c): encryption, PRF and key exchange are
 * mandatory; AEAD ciphers take no integrity transform and cannot share a proposal with other
 * ciphers; other ciphers need one; ENCR_NULL and AES-GMAC are not allowed for an IKE SA
 * (TransformInfo::IsAllowedForIkeSa). Without a prf keyword, Parse() derives the PRFs from the
 * integrity algorithms as strongSwan does (sha256 -> prfsha256, aesxcbc -> prfaesxcbc, ...);
 * an AEAD proposal must name its PRF.
 */
struct IkeProposal
{
    uint8_t number{1}; ///< Proposal Num (RFC 7296 §3.3.1): 1 for the first, then one more each
    std::vector<const TransformInfo*> encryption; ///< ENCR transforms (key length in the row)
    std::vector<const TransformInfo*> integrity;  ///< INTEG transforms (empty with AEAD)
    std::vector<const TransformInfo*> prf;        ///< PRF transforms
    std::vector<uint16_t> keyExchange;            ///< IANA key exchange method IDs (GetKeGroups)

    /**
     * @brief Parse one proposal: keywords joined by '-' (case and blanks ignored).
     * @param text e.g. "aes256-sha256-modp3072" or "aes128gcm16-prfsha256-ecp256"
     * @return the proposal, number 1, PRFs derived from the integrity algorithms if none given
     * @throws ConfigError naming the keyword or rule to fix and listing the valid keywords
     */
    static IkeProposal Parse(const std::string& text);
    /**
     * @brief Check the rules above, for proposals assembled field by field.
     * @throws ConfigError naming the rule that is broken
     */
    void Validate() const;
    /**
     * @brief Whether the encryption transforms authenticate by themselves.
     * @return true if the first encryption transform is AEAD
     */
    bool IsAead() const;
    /**
     * @brief Whether this is an accepted proposal: exactly one transform of each type (no
     * integrity transform with an AEAD cipher).
     * @return true if so
     */
    bool IsSingleChoice() const;
    /**
     * @brief The IKE SA's key lengths (RFC 7296 §2.14).
     * @return the sizes
     * @throws ConfigError unless IsSingleChoice()
     */
    IkeKeySizes GetKeySizes() const;
    /**
     * @brief The proposal in strongSwan syntax, every PRF spelled out, so Parse() reads it back
     * to the same transforms.
     * @return e.g. "aes256-sha256-prfsha256-modp3072"
     */
    std::string ToString() const;
};

/**
 * @brief Whether two IKE proposals have the same number and the same transforms in the same
 * order.
 * @param a one proposal
 * @param b the other
 * @return true if equal
 */
bool operator==(const IkeProposal& a, const IkeProposal& b);
/**
 * @brief The negation of operator==.
 * @param a one proposal
 * @param b the other
 * @return true if different
 */
bool operator!=(const IkeProposal& a, const IkeProposal& b);

/**
 * @ingroup ipsec
 * @brief A proposal for a CHILD SA: ESP (encryption, integrity) or AH (integrity only), an
 * optional key exchange for perfect forward secrecy, and Extended Sequence Numbers; each list in
 * preference order, several transforms of one type being alternatives.
 *
 * Rules (RFC 7296 §3.3.2-3.3.3, RFC 4303 §3.2): ESP needs an encryption transform ("null" for
 * none) and, except with an AEAD cipher, an integrity transform; AEAD and other ciphers cannot
 * share a proposal; AH takes integrity transforms only. A key exchange makes PFS mandatory,
 * adding "none" (KE_NONE) makes it optional. Without esn/noesn, the proposal offers no ESN.
 */
struct ChildProposal
{
    uint8_t number{1};                            ///< Proposal Num (RFC 7296 §3.3.1)
    IpsecProtocol protocol{IpsecProtocol::ESP};   ///< ESP or AH
    std::vector<const TransformInfo*> encryption; ///< ENCR transforms (ESP only)
    std::vector<const TransformInfo*> integrity;  ///< INTEG transforms (empty with AEAD)
    std::vector<uint16_t> keyExchange; ///< key exchange method IDs, KE_NONE allowed; empty: none
    std::vector<bool> esn{false};      ///< ESN choices (false: 32-bit sequence numbers)

    /**
     * @brief Parse one proposal: keywords joined by '-' (case and blanks ignored).
     * @param text e.g. "aes128gcm16-ecp256", "aes128-sha256-esn" (ESP) or "sha256" (AH)
     * @param protocol ESP or AH
     * @return the proposal, number 1
     * @throws ConfigError naming the keyword or rule to fix and listing the valid keywords
     */
    static ChildProposal Parse(const std::string& text,
                               IpsecProtocol protocol = IpsecProtocol::ESP);
    /**
     * @brief Check the rules above, for proposals assembled field by field.
     * @throws ConfigError naming the rule that is broken
     */
    void Validate() const;
    /**
     * @brief Whether the encryption transforms authenticate by themselves.
     * @return true for an ESP proposal whose first encryption transform is AEAD or GMAC
     */
    bool IsAead() const;
    /**
     * @brief Whether this is an accepted proposal: one transform of each type (one encryption
     * transform for ESP, one integrity transform unless AEAD, at most one key exchange method
     * and not NONE, one ESN choice).
     * @return true if so
     */
    bool IsSingleChoice() const;
    /**
     * @brief The key exchange method of an accepted proposal.
     * @return its IANA ID, or KE_NONE without PFS
     */
    uint16_t GetKeGroup() const;
    /**
     * @brief The ESP suite of an accepted ESP proposal, as SaConfig::espSuite takes it.
     * @return the suite
     * @throws ConfigError unless an ESP proposal with IsSingleChoice()
     */
    EspSuite GetEspSuite() const;
    /**
     * @brief The KEYMAT lengths of an accepted proposal (RFC 7296 §2.17).
     * @return the sizes
     * @throws ConfigError unless IsSingleChoice()
     */
    ChildKeySizes GetKeySizes() const;
    /**
     * @brief Set the algorithms of an SA from an accepted proposal: protocol, espSuite (ESP) or
     * ahIntegrity and esn (AH). SPI, keys, mode and addresses are left as they are.
     * @param config the SA to set up
     * @throws ConfigError unless IsSingleChoice()
     */
    void ApplyTo(SaConfig& config) const;
    /**
     * @brief The proposal in strongSwan syntax; Parse() reads it back to the same transforms.
     * @return e.g. "aes128-sha256-modp2048-none-esn"; "noesn" is left out when it is the only
     * ESN choice
     */
    std::string ToString() const;
};

/**
 * @brief Whether two CHILD proposals have the same number, protocol and transforms in the same
 * order.
 * @param a one proposal
 * @param b the other
 * @return true if equal
 */
bool operator==(const ChildProposal& a, const ChildProposal& b);
/**
 * @brief The negation of operator==.
 * @param a one proposal
 * @param b the other
 * @return true if different
 */
bool operator!=(const ChildProposal& a, const ChildProposal& b);

/**
 * @brief Parse a strongSwan IKE proposal list (swanctl.conf's `proposals`).
 * @param text proposals separated by ',', e.g.
 * "aes256-sha256-modp3072,aes128gcm16-prfsha256-ecp256"
 * @return the proposals, numbered from 1 in the order given (the order of preference)
 * @throws ConfigError naming the proposal and what to fix
 */
std::vector<IkeProposal> ParseIkeProposals(const std::string& text);

/**
 * @brief Parse a strongSwan ESP or AH proposal list (swanctl.conf's `esp_proposals`,
 * `ah_proposals`).
 * @param text proposals separated by ',', e.g. "aes128gcm16-ecp256,aes128-sha256"
 * @param protocol ESP or AH
 * @return the proposals, numbered from 1 in the order given
 * @throws ConfigError naming the proposal and what to fix
 */
std::vector<ChildProposal> ParseChildProposals(const std::string& text,
                                               IpsecProtocol protocol = IpsecProtocol::ESP);

/**
 * @brief A proposal list in strongSwan syntax.
 * @param proposals the list
 * @return the proposals' ToString() joined by ','
 */
std::string ToString(const std::vector<IkeProposal>& proposals);

/**
 * @brief A proposal list in strongSwan syntax.
 * @param proposals the list
 * @return the proposals' ToString() joined by ','
 */
std::string ToString(const std::vector<ChildProposal>& proposals);

/**
 * @brief The strongSwan keyword of a key exchange method.
 * @param id IANA key exchange method ID
 * @return e.g. "ecp256", "none" for KE_NONE, "ke<id>" for a method this module lacks
 */
std::string GetKeKeyword(uint16_t id);

} // namespace ipsec
} // namespace ns3

#endif /* IKE_PROPOSAL_H */
