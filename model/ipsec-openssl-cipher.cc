// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-openssl-cipher.h"

#include <cstring>

namespace ns3
{
namespace ipsec
{

uint32_t
NullCipher::GetIvSize() const
{
    return 0;
}

uint32_t
NullCipher::GetBlockSize() const
{
    return 1;
}

bool
NullCipher::Encrypt(const uint8_t* /* iv */, uint8_t* /* data */, size_t /* size */)
{
    return true;
}

bool
NullCipher::Decrypt(const uint8_t* /* iv */, uint8_t* /* data */, size_t /* size */)
{
    return true;
}

OpensslCbcCipher::OpensslCbcCipher(const TransformInfo& info, ByteSpan key, CryptoUse use)
    : m_info(info),
      m_cipher(FetchCipher(info.opensslName))
{
    // Key the directions in use now: a key OpenSSL refuses fails at configuration, never while a
    // packet is processed.
    if (use != CryptoUse::DECRYPT)
    {
        m_encrypt = MakeCipherCtx(m_cipher, key.data, true);
    }
    if (use != CryptoUse::ENCRYPT)
    {
        m_decrypt = MakeCipherCtx(m_cipher, key.data, false);
    }
}

uint32_t
OpensslCbcCipher::GetIvSize() const
{
    return m_info.ivSize;
}

uint32_t
OpensslCbcCipher::GetBlockSize() const
{
    return m_info.blockSize;
}

bool
OpensslCbcCipher::Run(CipherCtxPtr& ctx, const uint8_t* iv, uint8_t* data, size_t size)
{
    if (!ctx || size % m_info.blockSize != 0) // not keyed for this direction, or not whole blocks
    {
        return false;
    }
    int outLength = 0;
    return EVP_CipherInit_ex(ctx.get(), nullptr, nullptr, nullptr, iv, -1) == 1 &&
           EVP_CipherUpdate(ctx.get(), data, &outLength, data, static_cast<int>(size)) == 1 &&
           outLength == static_cast<int>(size);
}

bool
OpensslCbcCipher::Encrypt(const uint8_t* iv, uint8_t* data, size_t size)
{
    return Run(m_encrypt, iv, data, size);
}

bool
OpensslCbcCipher::Decrypt(const uint8_t* iv, uint8_t* data, size_t size)
{
    return Run(m_decrypt, iv, data, size);
}

OpensslCtrCipher::OpensslCtrCipher(const TransformInfo& info, ByteSpan key, CryptoUse /* use */)
    : m_info(info),
      // CTR is the same both ways: one encrypting context serves either use
      m_ctx(MakeCipherCtx(FetchCipher(info.opensslName), key.data, true))
{
    std::memcpy(m_nonce, key.data + info.GetCipherKeySize(), sizeof(m_nonce));
}

uint32_t
OpensslCtrCipher::GetIvSize() const
{
    return m_info.ivSize;
}

uint32_t
OpensslCtrCipher::GetBlockSize() const
{
    return 1;
}

bool
OpensslCtrCipher::Encrypt(const uint8_t* iv, uint8_t* data, size_t size)
{
    // RFC 3686 §4: nonce || IV || block counter, the counter starting at one.
    uint8_t counterBlock[16] = {};
    std::memcpy(counterBlock, m_nonce, 4);
    std::memcpy(counterBlock + 4, iv, 8);
    counterBlock[15] = 1;
    int outLength = 0;
    return EVP_EncryptInit_ex(m_ctx.get(), nullptr, nullptr, nullptr, counterBlock) == 1 &&
           EVP_EncryptUpdate(m_ctx.get(), data, &outLength, data, static_cast<int>(size)) == 1 &&
           outLength == static_cast<int>(size);
}

bool
OpensslCtrCipher::Decrypt(const uint8_t* iv, uint8_t* data, size_t size)
{
    return Encrypt(iv, data, size);
}

} // namespace ipsec
} // namespace ns3
