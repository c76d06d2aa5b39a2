// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * strongSwan-style ESP proposal strings ("aes128gcm16", "aes256-sha512-esn").
 */
#ifndef IPSEC_PROPOSAL_H
#define IPSEC_PROPOSAL_H

#include "ipsec-transform.h"

#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief An ESP proposal: the algorithms one peer accepts, in preference order.
 *
 * Syntax as strongSwan's esp_proposals: keywords joined by '-', e.g. "aes128-aes256-sha256"
 * offers two ciphers with one integrity algorithm; "esn"/"noesn" select Extended Sequence
 * Numbers (default: noesn). Keywords are those of the algorithm table (ListKeywords()).
 * AEAD and non-AEAD ciphers cannot share one proposal, AEAD ciphers take no integrity
 * algorithm (RFC 7296 §3.3) and other ciphers need one.
 */
struct EspProposal
{
    std::vector<const TransformInfo*> encryption; ///< ENCR transforms
    std::vector<const TransformInfo*> integrity;  ///< INTEG transforms (empty for AEAD)
    std::vector<bool> esn;                        ///< ESN choices (false = 32-bit seq)

    /**
     * @brief Parse a proposal string.
     * @param text e.g. "aes128gcm16-esn"
     * @return the proposal
     * @throws ConfigError naming the bad token and listing the valid keywords
     */
    static EspProposal Parse(const std::string& text);
    /**
     * @brief The proposal in strongSwan syntax.
     * @return e.g. "aes128-sha256-noesn"
     */
    std::string ToString() const;
};

/**
 * @ingroup ipsec
 * @brief The algorithms of one ESP SA: one cipher, at most one integrity algorithm, ESN.
 */
struct EspSuite
{
    const TransformInfo* encryption{nullptr}; ///< ENCR transform (never null when valid)
    const TransformInfo* integrity{nullptr};  ///< INTEG transform; null for AEAD ciphers
    bool esn{false};                          ///< Extended Sequence Numbers
    bool confidentialityOnly{false}; ///< set by ConfidentialityOnly(): no integrity on purpose

    /**
     * @brief Parse a proposal string that names exactly one choice of each kind, as manual
     * keying needs.
     * @param text e.g. "aes256-sha512" or "chacha20poly1305-esn"
     * @return the suite
     * @throws ConfigError on a bad proposal or one with alternatives
     */
    static EspSuite Parse(const std::string& text);
    /**
     * @brief A confidentiality-only suite (RFC 4303 §3.2 allows it; RFC 8221 §5 advises
     * against it). Not reachable from proposal strings: it exists for published vectors such
     * as RFC 3602 §4 and for attack demonstrations.
     * @param encryption a non-AEAD encryption transform
     * @return the suite
     * @throws ConfigError if encryption is null, AEAD or ENCR_NULL
     */
    static EspSuite ConfidentialityOnly(const TransformInfo* encryption);
    /**
     * @brief Check the combination, for suites assembled field by field.
     * @throws ConfigError if there is no encryption transform, if an AEAD cipher has an
     * integrity transform (RFC 7296 §3.3), if ENCR_NULL has none (RFC 4303 §3.2), or if another
     * cipher has none without confidentialityOnly
     */
    void Validate() const;
    /**
     * @brief Whether the cipher authenticates by itself.
     * @return true for AEAD/GMAC
     */
    bool IsAead() const;
    /**
     * @brief The ICV size of this suite.
     * @return bytes (0 for confidentiality-only)
     */
    uint32_t GetIcvSize() const;
    /**
     * @brief The suite in strongSwan syntax.
     * @return e.g. "aes128-sha256" or "aes128gcm16-esn"
     */
    std::string ToString() const;
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_PROPOSAL_H */
