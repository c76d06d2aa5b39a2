// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-modeled-crypto.h"

#include "ipsec-config-error.h"

#include <algorithm>
#include <cstring>

namespace ns3
{
namespace ipsec
{

const char*
GetCryptoModeName(CryptoMode mode)
{
    return mode == CryptoMode::MODELED ? "modeled" : "real";
}

CryptoMode
ParseCryptoMode(const std::string& name)
{
    if (name == "real")
    {
        return CryptoMode::REAL;
    }
    if (name == "modeled")
    {
        return CryptoMode::MODELED;
    }
    throw ConfigError("unknown crypto mode \"" + name + "\": use \"real\" or \"modeled\"");
}

ModeledCipher::ModeledCipher(const TransformInfo& info)
    : m_ivSize(info.ivSize),
      m_blockSize(std::max<uint32_t>(info.blockSize, 1))
{
}

uint32_t
ModeledCipher::GetIvSize() const
{
    return m_ivSize;
}

uint32_t
ModeledCipher::GetBlockSize() const
{
    return m_blockSize;
}

bool
ModeledCipher::Encrypt(const uint8_t* /* iv */, uint8_t* /* data */, size_t /* size */)
{
    return true;
}

bool
ModeledCipher::Decrypt(const uint8_t* /* iv */, uint8_t* /* data */, size_t /* size */)
{
    return true;
}

ModeledAead::ModeledAead(const TransformInfo& info)
    : m_ivSize(info.ivSize),
      m_icvSize(info.icvSize),
      m_isEncrypting(info.kind != CryptoKind::GMAC)
{
}

uint32_t
ModeledAead::GetIvSize() const
{
    return m_ivSize;
}

uint32_t
ModeledAead::GetIcvSize() const
{
    return m_icvSize;
}

bool
ModeledAead::IsEncrypting() const
{
    return m_isEncrypting;
}

bool
ModeledAead::Encrypt(const uint8_t* /* iv */,
                     std::initializer_list<ByteSpan> /* aad */,
                     uint8_t* /* data */,
                     size_t /* size */,
                     uint8_t* icv)
{
    std::memset(icv, 0, m_icvSize);
    return true;
}

bool
ModeledAead::Decrypt(const uint8_t* /* iv */,
                     std::initializer_list<ByteSpan> /* aad */,
                     uint8_t* /* data */,
                     size_t /* size */,
                     const uint8_t* icv)
{
    return std::all_of(icv, icv + m_icvSize, [](uint8_t b) { return b == 0; });
}

ModeledIntegrity::ModeledIntegrity(const TransformInfo& info)
    : m_icvSize(info.icvSize)
{
}

uint32_t
ModeledIntegrity::GetIcvSize() const
{
    return m_icvSize;
}

bool
ModeledIntegrity::Compute(std::initializer_list<ByteSpan> /* parts */, uint8_t* icv)
{
    std::memset(icv, 0, m_icvSize);
    return true;
}

} // namespace ipsec
} // namespace ns3
