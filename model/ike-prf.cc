// SPDX-License-Identifier: GPL-2.0-only

#include "ike-prf.h"

#include "ipsec-config-error.h"
#include "ipsec-openssl-util.h"

#include <cstring>
#include <string>

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

std::vector<uint8_t>
PrfPlus(Prf& prf, ByteSpan key, std::initializer_list<ByteSpan> seed, size_t length)
{
    const size_t outputSize = prf.GetOutputSize();
    const size_t blocks = (length + outputSize - 1) / outputSize;
    if (blocks > PRF_PLUS_MAX_BLOCKS)
    {
        throw ConfigError("prf+ is defined for at most " + std::to_string(PRF_PLUS_MAX_BLOCKS) +
                          " PRF outputs (RFC 7296 §2.13), but " + std::to_string(length) +
                          " bytes need " + std::to_string(blocks) + " outputs of " +
                          std::to_string(outputSize) + " bytes");
    }
    std::vector<uint8_t> s; // S, concatenated once
    for (const ByteSpan& part : seed)
    {
        if (part.size != 0)
        {
            s.insert(s.end(), part.data, part.data + part.size);
        }
    }
    std::vector<uint8_t> out(blocks * outputSize);
    bool ok = blocks == 0 || prf.SetKey(key);
    for (size_t n = 1; ok && n <= blocks; ++n)
    {
        // Tn = prf(K, Tn-1 | S | n), with T0 empty
        const auto counter = static_cast<uint8_t>(n);
        const ByteSpan previous =
            n == 1 ? ByteSpan() : ByteSpan(out.data() + (n - 2) * outputSize, outputSize);
        ok = prf.Compute({previous, ByteSpan(s), ByteSpan(&counter, 1)},
                         out.data() + (n - 1) * outputSize);
    }
    if (!ok)
    {
        throw ConfigError("the crypto library failed to compute prf+ (" + TakeOpensslError() + ")");
    }
    out.resize(length);
    return out;
}

} // namespace ipsec
} // namespace ns3
