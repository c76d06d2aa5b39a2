// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IKEv2 authentication data (RFC 7296 §2.15): the signed octets of each side and the AUTH value
 * of the shared-key method (AUTH method 2).
 */
#ifndef IKEV2_AUTH_H
#define IKEV2_AUTH_H

#include "ike-prf.h"
#include "ikev2-message.h"

#include <vector>

namespace ns3
{
namespace ipsec
{

/// The key pad of §2.15: the 17 ASCII characters "Key Pad for IKEv2", no NUL.
constexpr char IKEV2_KEY_PAD[] = "Key Pad for IKEv2";

/**
 * @brief The octets one side signs or MACs (§2.15): its own first message as sent, the peer's
 * nonce (the Nonce payload's data), and prf(SK_px, RestOfIDPayload), where RestOfIDPayload is
 * the ID payload's body (ID type, three reserved bytes, identification data).
 * @param firstMessage the side's IKE_SA_INIT message, exactly as sent (RealMessage1 for the
 *        initiator, RealMessage2 for the responder)
 * @param peerNonce the other side's nonce
 * @param prf the negotiated PRF (its key is overwritten)
 * @param skP SK_pi for the initiator's octets, SK_pr for the responder's
 * @param id the side's own IDi or IDr payload
 * @return the octets; empty if the crypto library failed
 */
std::vector<uint8_t> Ikev2SignedOctets(ByteSpan firstMessage,
                                       ByteSpan peerNonce,
                                       Prf& prf,
                                       ByteSpan skP,
                                       const Ikev2IdPayload& id);

/**
 * @brief AUTH for the shared-key method: prf(prf(Shared Secret, "Key Pad for IKEv2"), octets).
 * @param prf the negotiated PRF (its key is overwritten)
 * @param sharedSecret the pre-shared key
 * @param octets the signed octets (Ikev2SignedOctets)
 * @return the AUTH data; empty if the crypto library failed
 */
std::vector<uint8_t> Ikev2PskAuth(Prf& prf, ByteSpan sharedSecret, ByteSpan octets);

/**
 * @brief Check a peer's shared-key AUTH data in constant time.
 * @param prf the negotiated PRF (its key is overwritten)
 * @param sharedSecret the pre-shared key
 * @param octets the peer's signed octets
 * @param auth the AUTH data received
 * @return true if it is right
 */
bool Ikev2VerifyPskAuth(Prf& prf, ByteSpan sharedSecret, ByteSpan octets, ByteSpan auth);

} // namespace ipsec
} // namespace ns3

#endif /* IKEV2_AUTH_H */
