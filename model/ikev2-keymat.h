// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IKEv2 key derivation: SKEYSEED and the IKE SA keys (RFC 7296 §2.14), SKEYSEED of a rekeyed
 * IKE SA (§2.18), and CHILD SA KEYMAT (§2.17).
 */
#ifndef IKEV2_KEYMAT_H
#define IKEV2_KEYMAT_H

#include "ipsec-byte-span.h"
#include "ipsec-transform.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief The negotiated transforms that size an IKE SA's keys (rows of the algorithm table).
 */
struct Ikev2IkeSaTransforms
{
    const TransformInfo* prf{nullptr};        ///< PRF
    const TransformInfo* encryption{nullptr}; ///< ENCR
    const TransformInfo* integrity{nullptr};  ///< INTEG; nullptr with an AEAD cipher
};

/**
 * @ingroup ipsec
 * @brief The keys of an IKE SA (RFC 7296 §2.14), in the order prf+ produces them.
 */
struct Ikev2IkeSaKeys
{
    std::vector<uint8_t> skeyseed; ///< SKEYSEED they were derived from
    std::vector<uint8_t> skD;      ///< SK_d: CHILD SA KEYMAT and the next SKEYSEED
    std::vector<uint8_t> skAi;     ///< SK_ai: integrity, initiator's messages (empty: AEAD)
    std::vector<uint8_t> skAr;     ///< SK_ar: integrity, responder's messages (empty: AEAD)
    std::vector<uint8_t> skEi;     ///< SK_ei: encryption, initiator's messages, salt included
    std::vector<uint8_t> skEr;     ///< SK_er: encryption, responder's messages, salt included
    std::vector<uint8_t> skPi;     ///< SK_pi: the initiator's AUTH payload
    std::vector<uint8_t> skPr;     ///< SK_pr: the responder's AUTH payload
};

/**
 * @ingroup ipsec
 * @brief The negotiated transforms of a CHILD SA (one protocol, ESP or AH).
 */
struct Ikev2ChildSaTransforms
{
    const TransformInfo* encryption{nullptr}; ///< ENCR for ESP; nullptr for AH
    const TransformInfo* integrity{nullptr};  ///< INTEG; nullptr with an AEAD cipher
};

/**
 * @ingroup ipsec
 * @brief The keys of one IPsec SA (one direction), as SaConfig takes them.
 */
struct ChildSaKeys
{
    std::vector<uint8_t> encryptionKey; ///< salt/nonce included; empty for AH (and ENCR_NULL)
    std::vector<uint8_t> integrityKey;  ///< empty with an AEAD cipher
};

/**
 * @ingroup ipsec
 * @brief The keys of a CHILD SA pair, split from KEYMAT in RFC 7296 §2.17 order.
 */
struct Ikev2ChildSaKeymat
{
    ChildSaKeys initiatorToResponder; ///< taken first from KEYMAT
    ChildSaKeys responderToInitiator; ///< taken next
};

/**
 * @brief SKEYSEED = prf(Ni | Nr, g^ir) of an IKE SA made by IKE_SA_INIT (RFC 7296 §2.14).
 *
 * For PRF_AES128_XCBC the key is the first 64 bits of Ni followed by the first 64 bits of Nr
 * (§2.14's rule for PRFs that took fixed-length keys): exactly the 128-bit key AES-XCBC uses
 * as is, where RFC 4434's rule for longer keys would hash the whole nonces instead. A nonce
 * shorter than 64 bits (IKEv2 nonces have at least 128, §2.10) is used whole.
 * @param prf the negotiated PRF
 * @param ni the initiator's nonce, without payload header
 * @param nr the responder's nonce, without payload header
 * @param sharedSecret g^ir, big-endian, padded to the group's size (§2.14)
 * @return SKEYSEED, the PRF's output size
 * @throws ConfigError if prf is not a PRF, or the crypto library fails
 */
std::vector<uint8_t> ComputeSkeyseed(const TransformInfo& prf,
                                     ByteSpan ni,
                                     ByteSpan nr,
                                     ByteSpan sharedSecret);

/**
 * @brief SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr) of an IKE SA made by rekeying an IKE
 * SA with CREATE_CHILD_SA (RFC 7296 §2.18).
 *
 * The exchange belongs to the old IKE SA, so its PRF computes SKEYSEED; the new SA's PRF then
 * expands it (DeriveIkeSaKeys).
 * @param oldPrf the old IKE SA's PRF
 * @param oldSkD the old IKE SA's SK_d
 * @param sharedSecret g^ir of this exchange's key exchange (mandatory when rekeying an IKE SA)
 * @param ni the initiator's nonce of this exchange
 * @param nr the responder's nonce of this exchange
 * @return SKEYSEED, oldPrf's output size
 * @throws ConfigError if oldPrf is not a PRF, or the crypto library fails
 */
std::vector<uint8_t> ComputeRekeySkeyseed(const TransformInfo& oldPrf,
                                          ByteSpan oldSkD,
                                          ByteSpan sharedSecret,
                                          ByteSpan ni,
                                          ByteSpan nr);

/**
 * @brief {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED, Ni | Nr | SPIi |
 * SPIr) (RFC 7296 §2.14; with the new exchange's nonces and SPIs after a rekey, §2.18).
 *
 * Sizes: SK_d, SK_pi and SK_pr take the PRF's preferred key size (its output size for the
 * HMAC PRFs, 16 bytes for AES-XCBC); SK_ai and SK_ar the integrity key size, none with an
 * AEAD cipher; SK_ei and SK_er the cipher key plus its salt (RFC 5282 §7.1, RFC 7634 §2).
 * @param transforms the new IKE SA's transforms
 * @param skeyseed from ComputeSkeyseed or ComputeRekeySkeyseed; copied into the result
 * @param ni the initiator's nonce
 * @param nr the responder's nonce
 * @param spiI the initiator's IKE SPI (the 8 octets of the header field, read big-endian)
 * @param spiR the responder's IKE SPI
 * @return the keys
 * @throws ConfigError if a transform is missing or of the wrong type, an integrity transform
 * accompanies an AEAD cipher or is missing with another cipher, or the crypto library fails
 */
Ikev2IkeSaKeys DeriveIkeSaKeys(const Ikev2IkeSaTransforms& transforms,
                               ByteSpan skeyseed,
                               ByteSpan ni,
                               ByteSpan nr,
                               uint64_t spiI,
                               uint64_t spiR);

/**
 * @brief KEYMAT = prf+(SK_d, Ni | Nr), or prf+(SK_d, g^ir (new) | Ni | Nr) with a key exchange
 * in CREATE_CHILD_SA (PFS), split into the keys of a CHILD SA pair (RFC 7296 §2.17).
 *
 * Order: the SA carrying data from initiator to responder first, then the other; within each,
 * the encryption key (salt included) before the integrity key. For the CHILD SA made by
 * IKE_AUTH, Ni and Nr are the IKE_SA_INIT nonces and there is no g^ir (new).
 * @param prf the IKE SA's PRF
 * @param skD the IKE SA's SK_d
 * @param transforms the CHILD SA's transforms
 * @param pfsSharedSecret g^ir (new); empty without a key exchange
 * @param ni the initiator's nonce
 * @param nr the responder's nonce
 * @return the keys of both SAs
 * @throws ConfigError if prf is not a PRF, neither transform is given, a transform has the
 * wrong type, an integrity transform accompanies an AEAD cipher, or the crypto library fails
 */
Ikev2ChildSaKeymat DeriveChildSaKeymat(const TransformInfo& prf,
                                       ByteSpan skD,
                                       const Ikev2ChildSaTransforms& transforms,
                                       ByteSpan pfsSharedSecret,
                                       ByteSpan ni,
                                       ByteSpan nr);

} // namespace ipsec
} // namespace ns3

#endif /* IKEV2_KEYMAT_H */
