// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Make keyed crypto objects from algorithm-table rows, checking keys at configuration time.
 */
#ifndef IPSEC_CRYPTO_FACTORY_H
#define IPSEC_CRYPTO_FACTORY_H

#include "ike-prf.h"
#include "ipsec-aead.h"
#include "ipsec-byte-span.h"
#include "ipsec-cipher.h"
#include "ipsec-integrity.h"
#include "ipsec-modeled-crypto.h"
#include "ipsec-transform.h"

#include <memory>

namespace ns3
{
namespace ipsec
{

/**
 * @brief Check that a key has the length a transform needs.
 * @param info the table row
 * @param keySize the key's length in bytes
 * @throws ConfigError saying the expected length and its parts (key + salt/nonce)
 */
void CheckKeySize(const TransformInfo& info, size_t keySize);

/**
 * @brief Make a keyed confidentiality-only cipher (ENCR_NULL, CBC, CTR).
 * @param info an ENCR row that is not AEAD
 * @param key info.keySize bytes
 * @param mode CryptoMode::MODELED gives a ModeledCipher of the same sizes (the key is still
 * checked)
 * @param use the directions to key (an SA needs one)
 * @return the cipher
 * @throws ConfigError on a wrong key length or an AEAD row
 */
std::unique_ptr<Cipher> CreateCipher(const TransformInfo& info,
                                     ByteSpan key,
                                     CryptoMode mode = CryptoMode::REAL,
                                     CryptoUse use = CryptoUse::BOTH);

/**
 * @brief Make a keyed AEAD (GCM, GMAC, ChaCha20-Poly1305).
 * @param info an AEAD ENCR row
 * @param key info.keySize bytes (salt included)
 * @param mode CryptoMode::MODELED gives a ModeledAead of the same sizes (the key is still
 * checked)
 * @param use the directions to key (an SA needs one)
 * @return the AEAD
 * @throws ConfigError on a wrong key length or a non-AEAD row
 */
std::unique_ptr<Aead> CreateAead(const TransformInfo& info,
                                 ByteSpan key,
                                 CryptoMode mode = CryptoMode::REAL,
                                 CryptoUse use = CryptoUse::BOTH);

/**
 * @brief Make a keyed integrity algorithm.
 * @param info an INTEG row
 * @param key info.keySize bytes
 * @param mode CryptoMode::MODELED gives a ModeledIntegrity of the same ICV length (the key is
 * still checked)
 * @return the integrity algorithm
 * @throws ConfigError on a wrong key length or a row of another type
 */
std::unique_ptr<Integrity> CreateIntegrity(const TransformInfo& info,
                                           ByteSpan key,
                                           CryptoMode mode = CryptoMode::REAL);

/**
 * @brief Make an (unkeyed) PRF.
 * @param info a PRF row
 * @return the PRF
 * @throws ConfigError on a row of another type
 */
std::unique_ptr<Prf> CreatePrf(const TransformInfo& info);

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_CRYPTO_FACTORY_H */
