// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-openssl-integrity.h"

#include "ipsec-config-error.h"
#include "ipsec-openssl-util.h"

#include <cstring>

namespace ns3
{
namespace ipsec
{

HmacIntegrity::HmacIntegrity(const TransformInfo& info, ByteSpan key)
    : m_info(info),
      m_hmac(info.opensslName)
{
    if (!m_hmac.SetKey(key))
    {
        throw ConfigError(std::string("OpenSSL refused the ") + info.keyword + " key (" +
                          TakeOpensslError() + ")");
    }
}

uint32_t
HmacIntegrity::GetIcvSize() const
{
    return m_info.icvSize;
}

bool
HmacIntegrity::Compute(std::initializer_list<ByteSpan> parts, uint8_t* icv)
{
    uint8_t full[EVP_MAX_MD_SIZE];
    if (!m_hmac.Compute(parts, full))
    {
        return false;
    }
    std::memcpy(icv, full, m_info.icvSize);
    return true;
}

XcbcIntegrity::XcbcIntegrity(const TransformInfo& info, ByteSpan key)
    : m_info(info)
{
    if (!m_xcbc.SetKey(key))
    {
        throw ConfigError(std::string("OpenSSL refused the ") + info.keyword + " key (" +
                          TakeOpensslError() + ")");
    }
}

uint32_t
XcbcIntegrity::GetIcvSize() const
{
    return m_info.icvSize;
}

bool
XcbcIntegrity::Compute(std::initializer_list<ByteSpan> parts, uint8_t* icv)
{
    uint8_t full[AesXcbc::SIZE];
    if (!m_xcbc.Compute(parts, full))
    {
        return false;
    }
    std::memcpy(icv, full, m_info.icvSize);
    return true;
}

} // namespace ipsec
} // namespace ns3
