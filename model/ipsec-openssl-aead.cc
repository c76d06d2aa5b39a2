// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-openssl-aead.h"

#include <cstring>

namespace ns3
{
namespace ipsec
{

OpensslAead::OpensslAead(const TransformInfo& info, ByteSpan key, CryptoUse use)
    : m_info(info),
      m_salt(key.data + info.GetCipherKeySize(), key.data + key.size)
{
    const EVP_CIPHER* cipher = FetchCipher(info.opensslName);
    if (use != CryptoUse::DECRYPT)
    {
        m_encrypt = MakeCipherCtx(cipher, key.data, true, NONCE_SIZE);
    }
    if (use != CryptoUse::ENCRYPT)
    {
        m_decrypt = MakeCipherCtx(cipher, key.data, false, NONCE_SIZE);
    }
}

uint32_t
OpensslAead::GetIvSize() const
{
    return m_info.ivSize;
}

uint32_t
OpensslAead::GetIcvSize() const
{
    return m_info.icvSize;
}

bool
OpensslAead::IsEncrypting() const
{
    return m_info.kind != CryptoKind::GMAC;
}

bool
OpensslAead::Begin(EVP_CIPHER_CTX* ctx,
                   const uint8_t* iv,
                   std::initializer_list<ByteSpan> aad,
                   const uint8_t* data,
                   size_t size)
{
    if (ctx == nullptr) // not keyed for this direction
    {
        return false;
    }
    uint8_t nonce[NONCE_SIZE];
    std::memcpy(nonce, m_salt.data(), m_salt.size());
    std::memcpy(nonce + m_salt.size(), iv, NONCE_SIZE - m_salt.size());
    if (EVP_CipherInit_ex(ctx, nullptr, nullptr, nullptr, nonce, -1) != 1)
    {
        return false;
    }
    int outLength = 0;
    for (const ByteSpan& part : aad)
    {
        if (part.size != 0 &&
            EVP_CipherUpdate(ctx, nullptr, &outLength, part.data, static_cast<int>(part.size)) != 1)
        {
            return false;
        }
    }
    if (!IsEncrypting() && size != 0)
    {
        return EVP_CipherUpdate(ctx, nullptr, &outLength, data, static_cast<int>(size)) == 1;
    }
    return true;
}

bool
OpensslAead::Encrypt(const uint8_t* iv,
                     std::initializer_list<ByteSpan> aad,
                     uint8_t* data,
                     size_t size,
                     uint8_t* icv)
{
    EVP_CIPHER_CTX* ctx = m_encrypt.get();
    if (!Begin(ctx, iv, aad, data, size))
    {
        return false;
    }
    int outLength = 0;
    if (IsEncrypting() && size != 0 &&
        (EVP_EncryptUpdate(ctx, data, &outLength, data, static_cast<int>(size)) != 1 ||
         outLength != static_cast<int>(size)))
    {
        return false;
    }
    uint8_t last[16];
    return EVP_EncryptFinal_ex(ctx, last, &outLength) == 1 &&
           EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, static_cast<int>(m_info.icvSize), icv) ==
               1;
}

bool
OpensslAead::Decrypt(const uint8_t* iv,
                     std::initializer_list<ByteSpan> aad,
                     uint8_t* data,
                     size_t size,
                     const uint8_t* icv)
{
    EVP_CIPHER_CTX* ctx = m_decrypt.get();
    if (!Begin(ctx, iv, aad, data, size))
    {
        return false;
    }
    int outLength = 0;
    if (IsEncrypting() && size != 0 &&
        (EVP_DecryptUpdate(ctx, data, &outLength, data, static_cast<int>(size)) != 1 ||
         outLength != static_cast<int>(size)))
    {
        return false;
    }
    uint8_t tag[16];
    std::memcpy(tag, icv, m_info.icvSize);
    uint8_t last[16];
    return EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, static_cast<int>(m_info.icvSize), tag) ==
               1 &&
           EVP_DecryptFinal_ex(ctx, last, &outLength) == 1;
}

} // namespace ipsec
} // namespace ns3
