// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-openssl-util.h"

#include "ipsec-config-error.h"

#include <map>
#include <mutex>
#include <openssl/err.h>
#include <openssl/provider.h>

namespace ns3
{
namespace ipsec
{

namespace
{

/**
 * Whether OpenSSL 3 keeps a cipher in its legacy provider only (OSSL_PROVIDER-legacy(7)).
 * @param name the cipher's name
 * @return true for DES-CBC
 */
bool
IsLegacyCipher(const std::string& name)
{
    return name == "DES-CBC";
}

/**
 * Load OpenSSL's legacy provider, once per process, the first time a legacy cipher is fetched
 * (a simulation without one never loads it). The default provider is loaded explicitly too:
 * once any provider is loaded explicitly, OpenSSL no longer loads the default one by itself
 * (provider(7)). The caller holds FetchCipher's lock.
 * @param cipher the cipher that needs it, for the message
 * @throws ConfigError if the legacy provider cannot be loaded
 */
void
LoadLegacyProvider(const std::string& cipher)
{
    // Kept for the whole process (never unloaded), as the fetched ciphers are.
    static OSSL_PROVIDER* defaultProvider = nullptr;
    static OSSL_PROVIDER* legacyProvider = nullptr;
    if (legacyProvider != nullptr)
    {
        return;
    }
    if (defaultProvider == nullptr)
    {
        defaultProvider = OSSL_PROVIDER_load(nullptr, "default");
    }
    if (defaultProvider != nullptr)
    {
        legacyProvider = OSSL_PROVIDER_load(nullptr, "legacy");
    }
    if (legacyProvider == nullptr)
    {
        throw ConfigError(cipher + " needs OpenSSL's legacy provider, which could not be loaded (" +
                          TakeOpensslError() +
                          "); install it (Debian: legacy.so in libssl3's ossl-modules directory, "
                          "/usr/lib/<arch>/ossl-modules/legacy.so) or point OPENSSL_MODULES at "
                          "the directory that holds it");
    }
}

} // namespace

const EVP_CIPHER*
FetchCipher(const std::string& name)
{
    // Fetched algorithms live for the whole process: the cache is never destroyed, because
    // freeing them from a static destructor could run after OpenSSL's own atexit clean-up.
    // ns-3 runs are single-threaded; the mutex only guards tests or tools that are not.
    static auto* cache = new std::map<std::string, EVP_CIPHER*>();
    static std::mutex mutex;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache->find(name);
    if (it != cache->end())
    {
        return it->second;
    }
    if (IsLegacyCipher(name))
    {
        LoadLegacyProvider(name);
    }
    EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, name.c_str(), nullptr);
    if (cipher == nullptr)
    {
        throw ConfigError("OpenSSL has no cipher \"" + name + "\" (" + TakeOpensslError() + ")");
    }
    cache->emplace(name, cipher);
    return cipher;
}

void
PrepareLegacyCipher(const char* name)
{
    if (name != nullptr && IsLegacyCipher(name))
    {
        FetchCipher(name);
    }
}

EVP_MAC*
FetchHmac()
{
    static EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (mac == nullptr)
    {
        throw ConfigError("OpenSSL has no HMAC implementation (" + TakeOpensslError() + ")");
    }
    return mac;
}

std::string
TakeOpensslError()
{
    unsigned long code = ERR_peek_last_error();
    ERR_clear_error();
    if (code == 0)
    {
        return "no OpenSSL error";
    }
    char text[256];
    ERR_error_string_n(code, text, sizeof(text));
    return text;
}

CipherCtxPtr
MakeCipherCtx(const EVP_CIPHER* cipher, const unsigned char* key, bool encrypt, int ivLength)
{
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    bool ok = ctx &&
              EVP_CipherInit_ex(ctx.get(), cipher, nullptr, nullptr, nullptr, encrypt ? 1 : 0) == 1;
    if (ok && ivLength > 0)
    {
        ok = EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_IVLEN, ivLength, nullptr) == 1;
    }
    ok = ok && EVP_CipherInit_ex(ctx.get(), nullptr, nullptr, key, nullptr, -1) == 1 &&
         EVP_CIPHER_CTX_set_padding(ctx.get(), 0) == 1;
    if (!ok)
    {
        throw ConfigError(std::string("OpenSSL refused to key ") + EVP_CIPHER_get0_name(cipher) +
                          " (" + TakeOpensslError() + ")");
    }
    return ctx;
}

} // namespace ipsec
} // namespace ns3
