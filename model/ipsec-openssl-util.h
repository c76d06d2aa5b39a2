// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Shared OpenSSL plumbing: algorithm fetching and context ownership.
 */
#ifndef IPSEC_OPENSSL_UTIL_H
#define IPSEC_OPENSSL_UTIL_H

#include <memory>
#include <openssl/evp.h>
#include <string>

namespace ns3
{
namespace ipsec
{

/**
 * @brief Fetch an OpenSSL cipher once per process (explicit fetching avoids a provider look-up
 * per packet, see OpenSSL's crypto(7) "Performance").
 * DES-CBC lives in OpenSSL 3's legacy provider only: the first fetch of it loads that
 * provider (and the default one) for the process.
 * @param name e.g. "AES-128-GCM"
 * @return the cipher, owned by a process-wide cache
 * @throws ConfigError if the provider has no such cipher, or the legacy provider a legacy
 * cipher needs cannot be loaded
 */
const EVP_CIPHER* FetchCipher(const std::string& name);

/**
 * @brief At set-up: fetch now a cipher that needs OpenSSL's legacy provider (DES-CBC), so that a
 * missing provider is a ConfigError when the SA or the proposal is configured, not in the
 * middle of a run (the first packet, or IKE's first encrypted message); other ciphers are left
 * for their first use.
 * @param name the cipher's OpenSSL name (nullptr: none)
 * @throws ConfigError as FetchCipher()
 */
void PrepareLegacyCipher(const char* name);

/**
 * @brief Fetch the HMAC MAC implementation once per process.
 * @return the MAC, owned by a process-wide cache
 * @throws ConfigError if the provider has none
 */
EVP_MAC* FetchHmac();

/**
 * @brief The newest error on OpenSSL's error queue, as text, and clear the queue.
 * @return text, or "no OpenSSL error" if the queue is empty
 */
std::string TakeOpensslError();

/**
 * @brief Deleter that calls an OpenSSL free function.
 * @tparam T the OpenSSL type
 * @tparam Free its free function, e.g. EVP_PKEY_free
 */
template <typename T, void (*Free)(T*)>
struct OpensslFree
{
    /// @param object the object to free
    void operator()(T* object) const
    {
        Free(object);
    }
};

/// An owned OpenSSL object, e.g. OpensslPtr<EVP_PKEY, EVP_PKEY_free>.
template <typename T, void (*Free)(T*)>
using OpensslPtr = std::unique_ptr<T, OpensslFree<T, Free>>;

/// Deleter for EVP_CIPHER_CTX.
struct CipherCtxDeleter
{
    /// @param ctx the context to free
    void operator()(EVP_CIPHER_CTX* ctx) const
    {
        EVP_CIPHER_CTX_free(ctx);
    }
};

/// An owned EVP_CIPHER_CTX.
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

/**
 * @brief Create a cipher context keyed once for one direction.
 * @param cipher the fetched cipher
 * @param key the key (no salt)
 * @param encrypt true to encrypt, false to decrypt
 * @param ivLength for AEAD ciphers, the nonce length to set (0: leave the default)
 * @return the context
 * @throws ConfigError if OpenSSL refuses the key
 */
CipherCtxPtr MakeCipherCtx(const EVP_CIPHER* cipher,
                           const unsigned char* key,
                           bool encrypt,
                           int ivLength = 0);

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_OPENSSL_UTIL_H */
