// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-aes-xcbc.h"

#include <cstring>

namespace ns3
{
namespace ipsec
{

AesXcbc::AesXcbc()
    : m_k2{},
      m_k3{}
{
}

bool
AesXcbc::SetKey(ByteSpan key)
{
    if (key.size != SIZE)
    {
        return false;
    }
    const EVP_CIPHER* aes = FetchCipher("AES-128-ECB");
    CipherCtxPtr base = MakeCipherCtx(aes, key.data, true);
    // K1 = E(K, 0x0101..01), K2 = E(K, 0x0202..02), K3 = E(K, 0x0303..03)
    uint8_t derived[3 * SIZE];
    for (uint32_t i = 0; i < 3; ++i)
    {
        std::memset(derived + i * SIZE, static_cast<int>(i + 1), SIZE);
    }
    int outLength = 0;
    if (EVP_EncryptUpdate(base.get(), derived, &outLength, derived, sizeof(derived)) != 1 ||
        outLength != static_cast<int>(sizeof(derived)))
    {
        return false;
    }
    m_k1 = MakeCipherCtx(aes, derived, true);
    std::memcpy(m_k2, derived + SIZE, SIZE);
    std::memcpy(m_k3, derived + 2 * SIZE, SIZE);
    return true;
}

bool
AesXcbc::EncryptK1(uint8_t* block)
{
    int outLength = 0;
    return EVP_EncryptUpdate(m_k1.get(), block, &outLength, block, SIZE) == 1 &&
           outLength == static_cast<int>(SIZE);
}

bool
AesXcbc::Compute(std::initializer_list<ByteSpan> parts, uint8_t* out)
{
    if (!m_k1)
    {
        return false;
    }
    // E holds the chaining value; pending holds the last (possibly partial) block, which must
    // not be encrypted until we know whether more data follows.
    uint8_t e[SIZE] = {};
    uint8_t pending[SIZE];
    uint32_t pendingSize = 0;
    for (const ByteSpan& part : parts)
    {
        for (size_t i = 0; i < part.size; ++i)
        {
            if (pendingSize == SIZE)
            {
                for (uint32_t j = 0; j < SIZE; ++j)
                {
                    e[j] ^= pending[j];
                }
                if (!EncryptK1(e))
                {
                    return false;
                }
                pendingSize = 0;
            }
            pending[pendingSize++] = part.data[i];
        }
    }
    // Last block: complete -> XOR K2; partial or empty -> pad 10* and XOR K3 (RFC 3566 §4).
    const uint8_t* k = m_k2;
    if (pendingSize < SIZE)
    {
        pending[pendingSize] = 0x80;
        std::memset(pending + pendingSize + 1, 0, SIZE - pendingSize - 1);
        k = m_k3;
    }
    for (uint32_t j = 0; j < SIZE; ++j)
    {
        e[j] ^= pending[j] ^ k[j];
    }
    if (!EncryptK1(e))
    {
        return false;
    }
    std::memcpy(out, e, SIZE);
    return true;
}

} // namespace ipsec
} // namespace ns3
