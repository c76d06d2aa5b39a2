// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IKEv1 key material (RFC 2409 §5, §5.5, Appendix B): SKEYID for pre-shared keys and for
 * signatures, SKEYID_d/a/e, the encryption key expanded from SKEYID_e when the cipher needs
 * more than the PRF gives, the CBC IVs of phase 1 and of each later exchange, HASH_I/HASH_R,
 * the quick-mode HASH(1..3) and KEYMAT per SPI. Pure functions over the negotiated PRF (HMAC
 * of the phase-1 hash); the first piece of the IKEv1 issue.
 */
#ifndef IKEV1_KEYMAT_H
#define IKEV1_KEYMAT_H

#include "ike-prf.h"

#include <cstdint>
#include <openssl/evp.h>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief The keys of an ISAKMP SA (RFC 2409 §5).
 */
struct Ikev1Keys
{
    std::vector<uint8_t> skeyid;  ///< SKEYID
    std::vector<uint8_t> skeyidD; ///< SKEYID_d: keys of the IPsec SAs
    std::vector<uint8_t> skeyidA; ///< SKEYID_a: HASHes of later exchanges
    std::vector<uint8_t> skeyidE; ///< SKEYID_e: the ISAKMP SA's encryption key material
};

/**
 * @brief SKEYID for pre-shared keys: prf(pre-shared-key, Ni_b | Nr_b).
 * @param prf the negotiated PRF
 * @param psk the pre-shared key
 * @param ni the initiator's nonce (body)
 * @param nr the responder's nonce (body)
 * @return SKEYID; empty if the crypto library failed
 */
std::vector<uint8_t> Ikev1SkeyidPsk(Prf& prf, ByteSpan psk, ByteSpan ni, ByteSpan nr);

/**
 * @brief SKEYID for signatures: prf(Ni_b | Nr_b, g^xy).
 * @param prf the negotiated PRF
 * @param ni the initiator's nonce
 * @param nr the responder's nonce
 * @param gxy the Diffie-Hellman shared secret
 * @return SKEYID; empty if the crypto library failed
 */
std::vector<uint8_t> Ikev1SkeyidSignature(Prf& prf, ByteSpan ni, ByteSpan nr, ByteSpan gxy);

/**
 * @brief SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0),
 * SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1),
 * SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2).
 * @param prf the negotiated PRF
 * @param skeyid SKEYID
 * @param gxy the Diffie-Hellman shared secret
 * @param ckyI the initiator's cookie (8 bytes)
 * @param ckyR the responder's cookie (8 bytes)
 * @return the keys (SKEYID included); empty fields if the crypto library failed
 */
Ikev1Keys Ikev1DeriveKeys(Prf& prf,
                          const std::vector<uint8_t>& skeyid,
                          ByteSpan gxy,
                          ByteSpan ckyI,
                          ByteSpan ckyR);

/**
 * @brief The ISAKMP SA's encryption key (Appendix B): the first keyLength bytes of SKEYID_e
 * when it is long enough, else of K1 | K2 | ... with K1 = prf(SKEYID_e, 0) (one zero octet) and
 * Kn = prf(SKEYID_e, Kn-1).
 * @param prf the negotiated PRF
 * @param skeyidE SKEYID_e
 * @param keyLength the cipher's key length in bytes
 * @return the key; empty if the crypto library failed
 */
std::vector<uint8_t> Ikev1EncryptionKey(Prf& prf,
                                        const std::vector<uint8_t>& skeyidE,
                                        size_t keyLength);

/**
 * @brief Phase 1's first IV (Appendix B): hash(g^xi | g^xr), as long as the cipher's block.
 * @param md the negotiated hash (not its HMAC)
 * @param gxi the initiator's public value
 * @param gxr the responder's public value
 * @param blockSize the cipher's block size
 * @return the IV; empty if the hash is shorter than a block or failed
 */
std::vector<uint8_t> Ikev1Phase1Iv(const EVP_MD* md, ByteSpan gxi, ByteSpan gxr, size_t blockSize);

/**
 * @brief The first IV of a later exchange (quick mode, informational; Appendix B):
 * hash(last phase-1 ciphertext block | M-ID), as long as the cipher's block.
 * @param md the negotiated hash
 * @param lastBlock the last CBC block of phase 1 (its last message's ciphertext)
 * @param messageId the exchange's message ID (network order in the hash)
 * @param blockSize the cipher's block size
 * @return the IV; empty on failure
 */
std::vector<uint8_t> Ikev1ExchangeIv(const EVP_MD* md,
                                     ByteSpan lastBlock,
                                     uint32_t messageId,
                                     size_t blockSize);

/**
 * @brief HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b) and, with
 * initiator false, HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)
 * (RFC 2409 §5; SAi_b is the initiator's SA payload body, ID*_b the ID payload's body).
 * @param prf the negotiated PRF
 * @param skeyid SKEYID
 * @param initiator HASH_I (true) or HASH_R
 * @param gxi the initiator's public value
 * @param gxr the responder's public value
 * @param ckyI the initiator's cookie
 * @param ckyR the responder's cookie
 * @param saiBody the initiator's SA payload body
 * @param idBody the hashing side's ID payload body
 * @return the hash; empty on failure
 */
std::vector<uint8_t> Ikev1Phase1Hash(Prf& prf,
                                     ByteSpan skeyid,
                                     bool initiator,
                                     ByteSpan gxi,
                                     ByteSpan gxr,
                                     ByteSpan ckyI,
                                     ByteSpan ckyR,
                                     ByteSpan saiBody,
                                     ByteSpan idBody);

/**
 * @brief The quick-mode hashes (RFC 2409 §5.5): HASH(1) = prf(SKEYID_a, M-ID | rest of the
 * message after HASH), HASH(2) = prf(SKEYID_a, M-ID | Ni_b | rest of the message after HASH),
 * HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b).
 * @param prf the negotiated PRF
 * @param skeyidA SKEYID_a
 * @param which 1, 2 or 3
 * @param messageId the quick mode's message ID
 * @param ni the initiator's quick-mode nonce body (HASH(2), HASH(3))
 * @param rest for HASH(1) and HASH(2), the message's payloads after HASH (generic headers
 *        included); for HASH(3), the responder's nonce body
 * @return the hash; empty on failure or another which
 */
std::vector<uint8_t> Ikev1QuickModeHash(Prf& prf,
                                        ByteSpan skeyidA,
                                        int which,
                                        uint32_t messageId,
                                        ByteSpan ni,
                                        ByteSpan rest);

/**
 * @brief KEYMAT of one IPsec SA (RFC 2409 §5.5): K1 | K2 | ... with
 * K1 = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b) and
 * Kn = prf(SKEYID_d, Kn-1 | [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b), truncated.
 * @param prf the negotiated PRF
 * @param skeyidD SKEYID_d
 * @param gxyQm the quick mode's Diffie-Hellman secret (PFS), or empty
 * @param protocol the protocol ID (2 AH, 3 ESP)
 * @param spi the SA's SPI as it went in the proposal (4 bytes)
 * @param ni the initiator's quick-mode nonce body
 * @param nr the responder's quick-mode nonce body
 * @param length bytes wanted (encryption then integrity key, RFC 2409 §5.5)
 * @return KEYMAT; empty on failure
 */
std::vector<uint8_t> Ikev1Keymat(Prf& prf,
                                 ByteSpan skeyidD,
                                 ByteSpan gxyQm,
                                 uint8_t protocol,
                                 ByteSpan spi,
                                 ByteSpan ni,
                                 ByteSpan nr,
                                 size_t length);

} // namespace ipsec
} // namespace ns3

#endif /* IKEV1_KEYMAT_H */
