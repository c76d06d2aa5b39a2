// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-openssl-hmac.h"

#include "ipsec-config-error.h"
#include "ipsec-openssl-util.h"

#include <openssl/core_names.h>
#include <openssl/params.h>

namespace ns3
{
namespace ipsec
{

OpensslHmac::OpensslHmac(const std::string& digest)
{
    EVP_MD* md = EVP_MD_fetch(nullptr, digest.c_str(), nullptr);
    if (md == nullptr)
    {
        throw ConfigError("OpenSSL has no digest \"" + digest + "\" (" + TakeOpensslError() + ")");
    }
    m_size = EVP_MD_get_size(md);
    EVP_MD_free(md);
    m_ctx = EVP_MAC_CTX_new(FetchHmac());
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                         const_cast<char*>(digest.c_str()),
                                         0),
        OSSL_PARAM_construct_end(),
    };
    if (m_ctx == nullptr || EVP_MAC_CTX_set_params(m_ctx, params) != 1)
    {
        EVP_MAC_CTX_free(m_ctx);
        throw ConfigError("OpenSSL refused HMAC-" + digest + " (" + TakeOpensslError() + ")");
    }
}

OpensslHmac::~OpensslHmac()
{
    EVP_MAC_CTX_free(m_ctx);
}

bool
OpensslHmac::SetKey(ByteSpan key)
{
    // OpenSSL rejects a NULL key pointer even with length 0; HMAC allows empty keys.
    static const uint8_t kEmpty = 0;
    m_keyed = EVP_MAC_init(m_ctx, key.size ? key.data : &kEmpty, key.size, nullptr) == 1;
    return m_keyed;
}

uint32_t
OpensslHmac::GetSize() const
{
    return m_size;
}

bool
OpensslHmac::Compute(std::initializer_list<ByteSpan> parts, uint8_t* out)
{
    // A null key re-initialises with the key already set (providers/implementations/macs/
    // hmac_prov.c: hmac_init), reusing the precomputed pads.
    if (!m_keyed || EVP_MAC_init(m_ctx, nullptr, 0, nullptr) != 1)
    {
        return false;
    }
    for (const ByteSpan& part : parts)
    {
        if (part.size != 0 && EVP_MAC_update(m_ctx, part.data, part.size) != 1)
        {
            return false;
        }
    }
    size_t written = 0;
    return EVP_MAC_final(m_ctx, out, &written, m_size) == 1 && written == m_size;
}

} // namespace ipsec
} // namespace ns3
