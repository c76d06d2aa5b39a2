// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Signatures for IKE authentication: private keys made deterministically from a byte source,
 * RSASSA-PKCS1-v1_5 (RFC 8017), ECDSA with RFC 6979 deterministic nonces (OpenSSL 3.0 draws
 * ECDSA nonces from its own random generator, which would break "same seed, same bytes"),
 * Ed25519 (RFC 8032), and the AUTH data formats of IKEv2: method 1 (RSA, SHA-1 DigestInfo),
 * methods 9/10/11 (RFC 4754: r | s), method 14 (RFC 7427: AlgorithmIdentifier, then the
 * signature; ECDSA as a DER Ecdsa-Sig-Value, Ed25519 per RFC 8420).
 */
#ifndef IKE_SIGNATURE_H
#define IKE_SIGNATURE_H

#include "ipsec-byte-span.h"
#include "ipsec-openssl-util.h"

#include <cstdint>
#include <functional>
#include <openssl/evp.h>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/// An owned private or public key.
using PkeyPtr = OpensslPtr<EVP_PKEY, EVP_PKEY_free>;

/// A source of random bytes (an ns-3 stream through FillRandomBytes, in simulations).
using ByteSource = std::function<void(uint8_t* out, size_t n)>;

/**
 * @ingroup ipsec
 * @brief Hash algorithms of signatures, numbered as RFC 7427 §7 / IANA "IKEv2 Hash Algorithms"
 * (the SIGNATURE_HASH_ALGORITHMS notify carries these numbers).
 */
enum class IkeHash : uint16_t
{
    SHA1 = 1,     ///< SHA-1
    SHA256 = 2,   ///< SHA2-256
    SHA384 = 3,   ///< SHA2-384
    SHA512 = 4,   ///< SHA2-512
    IDENTITY = 5, ///< Identity (RFC 8420): no hash, for Ed25519
};

/**
 * @param hash a hash
 * @return its OpenSSL digest; nullptr for IDENTITY and unknown values
 */
const EVP_MD* IkeHashDigest(IkeHash hash);

/**
 * @brief The key types and sizes this module signs with, by the scheme keywords of the cost
 * table (GetSignatureSchemes): "rsa2048", "rsa3072",
 * "ecdsa256", "ecdsa384", "ecdsa521", "ed25519".
 * @return the keywords
 */
const std::vector<std::string>& GetIkeKeySchemes();

/**
 * @brief Make a private key from a byte source: the same bytes give the same key.
 * RSA: each prime from the source's bytes (top two bits and the low bit set), the next
 * probable prime with gcd(p - 1, 65537) = 1, e = 65537; ECDSA: the private scalar from the
 * source (redrawn while outside [1, n - 1]); Ed25519: the 32-byte seed.
 * @param scheme a keyword of GetIkeKeySchemes()
 * @param random the source
 * @return the key
 * @throws ConfigError for an unknown keyword (naming the known ones)
 */
PkeyPtr GenerateIkePrivateKey(const std::string& scheme, const ByteSource& random);

/**
 * @brief The scheme keyword of a key (its type and size).
 * @param key a private or public key
 * @return e.g. "ecdsa384"; empty for other types, curves and RSA sizes (IkeSign and IkeVerify
 * still take RSA keys of any size OpenSSL accepts)
 */
std::string IkeKeyScheme(const EVP_PKEY* key);

/**
 * @brief The hash a key's scheme uses by default: SHA-256 for RSA and P-256, SHA-384 for
 * P-384, SHA-512 for P-521, IDENTITY for Ed25519 (RFC 4754 pairs each curve with its hash).
 * @param key the key
 * @return the hash
 */
IkeHash DefaultIkeHash(const EVP_PKEY* key);

/**
 * @brief RFC 6979 §3.2: the deterministic ECDSA nonce k for a private key and a message hash.
 * @param key an EC private key
 * @param hash the hash function H (SHA1..SHA512) used for HMAC_K
 * @param h1 H(m), the message's hash
 * @return k, big-endian, as long as the group order; empty if the key is not an EC private key
 * of P-256/384/521 or the hash is IDENTITY
 */
std::vector<uint8_t> Rfc6979Nonce(const EVP_PKEY* key, IkeHash hash, ByteSpan h1);

/**
 * @brief Sign a message.
 * RSA: RSASSA-PKCS1-v1_5 with the hash's DigestInfo; ECDSA: the message hashed with the hash,
 * nonce per RFC 6979, signature r | s, each as long as the group order (RFC 4754 §7; use
 * EcdsaRawToDer for DER); Ed25519: pure Ed25519 over the message (hash must be IDENTITY).
 * @param key the private key
 * @param hash the hash
 * @param message the octets to sign
 * @return the signature; empty if the key and hash do not go together or OpenSSL failed
 */
std::vector<uint8_t> IkeSign(const EVP_PKEY* key, IkeHash hash, ByteSpan message);

/**
 * @brief Verify a signature made as IkeSign() makes it.
 * @param key the public (or private) key
 * @param hash the hash
 * @param message the signed octets
 * @param signature the signature (ECDSA: r | s)
 * @return whether it verifies; false for malformed input, never an exception
 */
bool IkeVerify(const EVP_PKEY* key, IkeHash hash, ByteSpan message, ByteSpan signature);

/**
 * @brief An ECDSA signature r | s as a DER Ecdsa-Sig-Value (RFC 3279 §2.2.3).
 * @param rs r | s, two halves of equal length
 * @return the DER; empty if rs is empty or of odd length
 */
std::vector<uint8_t> EcdsaRawToDer(ByteSpan rs);

/**
 * @brief A DER Ecdsa-Sig-Value as r | s, each padded to a length.
 * @param der the DER (from an untrusted peer)
 * @param half the length of r and of s (the group order's length)
 * @return r | s; empty if the DER is malformed or a value is too long
 */
std::vector<uint8_t> EcdsaDerToRaw(ByteSpan der, size_t half);

/**
 * @brief The RFC 7427 AlgorithmIdentifier (DER, RFC 7427 Appendix A, RFC 8420 §2) for a key's
 * type and a hash: sha256WithRSAEncryption, ecdsa-with-SHA384, id-Ed25519, ...
 * @param key the key (its type)
 * @param hash the hash
 * @return the DER; empty if the pair has none
 */
std::vector<uint8_t> Rfc7427AlgorithmId(const EVP_PKEY* key, IkeHash hash);

/**
 * @brief The AUTH data of method 14 (RFC 7427 §3): one octet with the AlgorithmIdentifier's
 * length, the AlgorithmIdentifier, the signature (ECDSA in DER).
 * @param key the private key
 * @param hash the hash
 * @param octets the signed octets (RFC 7296 §2.15)
 * @return the AUTH data; empty on failure
 */
std::vector<uint8_t> Ikev2DigitalSignatureAuth(const EVP_PKEY* key, IkeHash hash, ByteSpan octets);

/**
 * @brief Verify AUTH data of method 14 with the peer's public key: the AlgorithmIdentifier
 * must be one this module knows (Rfc7427AlgorithmId) and for the key's type. Any of its hashes
 * is accepted here: the caller checks hashUsed against the hashes it announced in
 * SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4).
 * @param key the peer's public key
 * @param auth the AUTH data (untrusted)
 * @param octets the peer's signed octets
 * @param hashUsed set to the hash the peer used, when the AlgorithmIdentifier is known
 * @return whether it verifies
 */
bool Ikev2VerifyDigitalSignatureAuth(const EVP_PKEY* key,
                                     ByteSpan auth,
                                     ByteSpan octets,
                                     IkeHash& hashUsed);

/**
 * @brief The classic AUTH method for a key (RFC 7296 §3.8, RFC 4754 §3): 1 for RSA (SHA-1),
 * 9/10/11 for ECDSA P-256/P-384/P-521 (SHA-256/384/512, r | s); 0 for Ed25519 (none: only
 * method 14).
 * @param key the key
 * @return the method, or 0
 */
uint8_t Ikev2ClassicAuthMethod(const EVP_PKEY* key);

/**
 * @brief AUTH data of a classic method (1, 9, 10, 11) over the signed octets.
 * @param key the private key (its type must suit the method)
 * @param method the method
 * @param octets the signed octets
 * @return the AUTH data; empty if the key does not suit the method or signing failed
 */
std::vector<uint8_t> Ikev2ClassicSignatureAuth(const EVP_PKEY* key,
                                               uint8_t method,
                                               ByteSpan octets);

/**
 * @brief Verify AUTH data of a classic method (1, 9, 10, 11).
 * @param key the peer's public key (its type must suit the method)
 * @param method the method
 * @param auth the AUTH data (untrusted)
 * @param octets the peer's signed octets
 * @return whether it verifies
 */
bool Ikev2VerifyClassicSignatureAuth(const EVP_PKEY* key,
                                     uint8_t method,
                                     ByteSpan auth,
                                     ByteSpan octets);

/**
 * @brief The IKEv1 Authentication Method of signatures with a key (RFC 2409 Appendix A, RFC 4754
 * §3): 3 (RSA signatures) for RSA, 9/10/11 for ECDSA P-256/P-384/P-521; 0 for Ed25519 (IKEv1
 * has none).
 * @param key the key
 * @return the method, or 0
 */
uint16_t Ikev1SignatureAuthMethod(const EVP_PKEY* key);

/**
 * @brief The SIG payload's data over HASH_I or HASH_R (RFC 2409 §5.1): RSA signs the hash itself
 * with PKCS#1 v1.5 type-1 padding and no DigestInfo (what strongSwan calls
 * SIGN_RSA_EMSA_PKCS1_NULL); ECDSA (RFC 4754) signs it with the curve's hash, r | s.
 * Deterministic either way (RFC 6979 nonces for ECDSA).
 * @param key this end's private key
 * @param hash HASH_I or HASH_R
 * @return the signature; empty if the key cannot sign it
 */
std::vector<uint8_t> Ikev1Sign(const EVP_PKEY* key, ByteSpan hash);

/**
 * @brief Verify a SIG payload's data.
 * @param key the peer's public key
 * @param method the negotiated Authentication Method (3, 9, 10, 11)
 * @param hash the HASH_I or HASH_R this end computed
 * @param signature the SIG payload's data (untrusted)
 * @return whether it verifies with that key and method
 */
bool Ikev1VerifySignature(const EVP_PKEY* key, uint16_t method, ByteSpan hash, ByteSpan signature);

} // namespace ipsec
} // namespace ns3

#endif /* IKE_SIGNATURE_H */
