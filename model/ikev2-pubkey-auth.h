// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Certificate authentication in IKEv2 (RFC 7296 §2.15, §3.6-§3.8, RFC 7427, RFC 4754, RFC
 * 8420), as strongSwan's pubkey authenticator does it: SIGNATURE_HASH_ALGORITHMS in
 * IKE_SA_INIT, CERTREQ naming the trusted CAs, CERT with the end's certificate and chain, AUTH
 * signed with method 14 when the peer announced RFC 7427 (else the classic method of the key:
 * 1 for RSA, 9/10/11 for ECDSA); the peer's chain validated to a trusted CA at the simulated
 * date, its identity checked against its certificate, its AUTH verified.
 */
#ifndef IKEV2_PUBKEY_AUTH_H
#define IKEV2_PUBKEY_AUTH_H

#include "ike-credential.h"
#include "ikev2-task.h"

#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/// The hashes this end announces in SIGNATURE_HASH_ALGORITHMS, as strongSwan does: SHA2-256,
/// SHA2-384, SHA2-512, Identity (RFC 7427 §4, RFC 8420 §2).
const std::vector<IkeHash>& Ikev2AnnouncedHashes();

/**
 * @param config a connection
 * @return whether either end of it authenticates with a certificate
 */
bool Ikev2UsesSignatures(const IkePeerConfig& config);

/**
 * @param config a connection
 * @return whether its IKE_SA_INIT carries SIGNATURE_HASH_ALGORITHMS (it uses signatures and
 *         signatureAuthentication is on)
 */
bool Ikev2AnnouncesHashes(const IkePeerConfig& config);

/// @return N(SIGNATURE_HASH_ALGORITHMS) with Ikev2AnnouncedHashes(), two octets each
Ikev2Payload MakeIkev2SignatureHashNotify();

/**
 * @param payloads a message's payloads
 * @return the hash numbers of its SIGNATURE_HASH_ALGORITHMS notify (empty: none; an odd last
 *         octet is ignored)
 */
std::vector<uint16_t> ReadIkev2SignatureHashes(const std::vector<Ikev2Payload>& payloads);

/**
 * @param credential this end's credential
 * @return CERTREQ with encoding 4 and the SHA-1 hashes of the trusted CAs' public keys
 */
Ikev2Payload MakeIkev2CertReq(const IkeCredential& credential);

/**
 * @brief Append CERT payloads (encoding 4): this end's certificate, then its intermediates.
 * @param credential this end's credential
 * @param out the message's payloads
 */
void AppendIkev2Certs(const IkeCredential& credential, std::vector<Ikev2Payload>& out);

/**
 * @brief This end's AUTH payload with its key: method 14 with the first of the key's default
 * hash, SHA2-256, SHA2-384, SHA2-512 (Identity for Ed25519) that the peer announced;
 * without the peer's announcement the key's classic method (Ed25519 has none: method 14).
 * Charges `sign/<scheme>` over the octets.
 * @param credential this end's credential
 * @param peerHashes the peer's SIGNATURE_HASH_ALGORITHMS
 * @param octets this end's signed octets
 * @param jobs where to charge
 * @return the payload (empty data if signing failed)
 */
Ikev2AuthPayload Ikev2SignAuth(const IkeCredential& credential,
                               const std::vector<uint16_t>& peerHashes,
                               ByteSpan octets,
                               std::vector<IkeCryptoJob>& jobs);

/**
 * @brief Check a peer that authenticates with a certificate: its CERT payloads (the first is
 * its certificate, the others intermediates) validated to one of this end's trusted CAs at
 * a date, its ID vouched for by the certificate (and equal to the identity configured for it,
 * unless that is %any), its AUTH verified with the certificate's key. Charges `verify/<scheme>`
 * for each certificate signature and for AUTH.
 * @param credential this end's credential (the trusted CAs)
 * @param expected the identity configured for the peer
 * @param in the peer's payloads (untrusted)
 * @param id the peer's ID payload
 * @param auth the peer's AUTH payload
 * @param octets the peer's signed octets
 * @param when the date (Unix time)
 * @param jobs where to charge
 * @param subject set to the certificate's subject once it is valid
 * @return empty if the peer is authentic, else why not (for "AUTHENTICATION_FAILED (...)")
 */
std::string Ikev2VerifyPubkeyPeer(const IkeCredential& credential,
                                  const IkeIdentity& expected,
                                  const std::vector<Ikev2Payload>& in,
                                  const Ikev2IdPayload& id,
                                  const Ikev2AuthPayload& auth,
                                  ByteSpan octets,
                                  int64_t when,
                                  std::vector<IkeCryptoJob>& jobs,
                                  std::string& subject);

} // namespace ipsec
} // namespace ns3

#endif /* IKEV2_PUBKEY_AUTH_H */
