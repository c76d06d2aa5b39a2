// SPDX-License-Identifier: GPL-2.0-only

#include "ike-prf.h"

#include <cstring>

namespace ns3
{
namespace ipsec
{

HmacPrf::HmacPrf(const TransformInfo& info)
    : m_info(info),
      m_hmac(info.opensslName)
{
}

uint32_t
HmacPrf::GetOutputSize() const
{
    return m_hmac.GetSize();
}

uint32_t
HmacPrf::GetKeySize() const
{
    return m_info.keySize;
}

bool
HmacPrf::SetKey(ByteSpan key)
{
    return m_hmac.SetKey(key);
}

bool
HmacPrf::Compute(std::initializer_list<ByteSpan> parts, uint8_t* out)
{
    return m_hmac.Compute(parts, out);
}

XcbcPrf::XcbcPrf(const TransformInfo& info)
    : m_info(info)
{
}

uint32_t
XcbcPrf::GetOutputSize() const
{
    return AesXcbc::SIZE;
}

uint32_t
XcbcPrf::GetKeySize() const
{
    return m_info.keySize;
}

bool
XcbcPrf::SetKey(ByteSpan key)
{
    // RFC 4434 §2: a 128-bit key is used as is; a shorter one is padded with zeros on the
    // right; a longer one becomes AES-XCBC-PRF-128 with a key of 128 zero bits over it.
    uint8_t adjusted[AesXcbc::SIZE] = {};
    if (key.size <= AesXcbc::SIZE)
    {
        if (key.size != 0)
        {
            std::memcpy(adjusted, key.data, key.size);
        }
    }
    else
    {
        const uint8_t zeros[AesXcbc::SIZE] = {};
        if (!m_xcbc.SetKey(ByteSpan(zeros, sizeof(zeros))) || !m_xcbc.Compute({key}, adjusted))
        {
            return false;
        }
    }
    return m_xcbc.SetKey(ByteSpan(adjusted, sizeof(adjusted)));
}

bool
XcbcPrf::Compute(std::initializer_list<ByteSpan> parts, uint8_t* out)
{
    return m_xcbc.Compute(parts, out);
}

} // namespace ipsec
} // namespace ns3
