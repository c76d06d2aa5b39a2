// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The offline dictionary attack on IKEv1 aggressive mode with a pre-shared key, as ike-scan's
 * psk-crack performs it: a passive eavesdropper reads the first two messages, which carry in
 * the clear everything HASH_R covers (g^xr, g^xi, the cookies, SAi_b, IDir_b) and both nonces,
 * and for each candidate key computes SKEYID = prf(psk, Ni_b | Nr_b) and
 * HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b) (RFC 2409 §5, §5.4) until it
 * equals the HASH_R of message 2. In main mode the HASHes travel encrypted under keys derived
 * from g^xy, which the eavesdropper cannot compute: it has nothing to test a guess against.
 */
#ifndef IKEV1_PSK_CRACK_H
#define IKEV1_PSK_CRACK_H

#include "ipsec-byte-span.h"
#include "ipsec-transform.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief What psk-crack needs from an aggressive-mode exchange (its input line's fields).
 */
struct Ikev1PskCrackData
{
    std::vector<uint8_t> gxr;          ///< the responder's KE data
    std::vector<uint8_t> gxi;          ///< the initiator's KE data
    std::vector<uint8_t> ckyR;         ///< the responder's cookie
    std::vector<uint8_t> ckyI;         ///< the initiator's cookie
    std::vector<uint8_t> saiBody;      ///< the initiator's SA payload body
    std::vector<uint8_t> idirBody;     ///< the responder's ID payload body
    std::vector<uint8_t> ni;           ///< the initiator's nonce
    std::vector<uint8_t> nr;           ///< the responder's nonce
    std::vector<uint8_t> hashR;        ///< HASH_R
    const TransformInfo* prf{nullptr}; ///< the PRF of the transform the responder chose
};

/**
 * @brief Read what the attack needs from an exchange's first two messages as captured.
 * @param first the initiator's first message (UDP payload)
 * @param second the responder's answer
 * @param why when nothing can be read: why (main mode's encrypted HASHes, not a pair of one
 *        exchange, an unknown hash, malformed)
 * @return the data, or nothing
 */
std::optional<Ikev1PskCrackData> Ikev1PskCrackDataFrom(ByteSpan first,
                                                       ByteSpan second,
                                                       std::string& why);

/**
 * @brief Whether a candidate pre-shared key gives the captured HASH_R.
 * @param data the captured values
 * @param psk the candidate
 * @return whether it does
 */
bool Ikev1PskMatches(const Ikev1PskCrackData& data, const std::string& psk);

/**
 * @brief Try each candidate in order.
 * @param data the captured values
 * @param dictionary the candidates
 * @param tries if not null, how many candidates were tried
 * @return the key found, or nothing
 */
std::optional<std::string> CrackIkev1Psk(const Ikev1PskCrackData& data,
                                         const std::vector<std::string>& dictionary,
                                         uint64_t* tries = nullptr);

/**
 * @brief The captured values as ike-scan's --pskcrack writes them for psk-crack:
 * g_xr:g_xi:cky_r:cky_i:sai_b:idir_b:ni_b:nr_b:hash_r (lower-case hex; psk-crack tells MD5 from
 * SHA-1 by the length of hash_r).
 * @param data the captured values
 * @return the line, without a newline
 */
std::string ToPskCrackLine(const Ikev1PskCrackData& data);

} // namespace ipsec
} // namespace ns3

#endif /* IKEV1_PSK_CRACK_H */
