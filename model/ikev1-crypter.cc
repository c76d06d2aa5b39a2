// SPDX-License-Identifier: GPL-2.0-only
#include "ikev1-crypter.h"

#include "ikev1-keymat.h"
#include "ipsec-config-error.h"
#include "ipsec-crypto-factory.h"

namespace ns3
{
namespace ipsec
{

Ikev1Crypter::Ikev1Crypter(const TransformInfo& cipher,
                           const std::vector<uint8_t>& key,
                           const EVP_MD* hash,
                           std::vector<uint8_t> phase1Iv)
    : m_hash(hash),
      m_block(cipher.blockSize),
      m_phase1Iv(std::move(phase1Iv))
{
    if (cipher.type != TransformType::ENCR || cipher.IsAead() || cipher.blockSize < 8 ||
        cipher.ivSize != cipher.blockSize)
    {
        throw ConfigError(std::string("IKEv1 encrypts with a CBC cipher (aes128, aes256, 3des), "
                                      "not ") +
                          cipher.keyword);
    }
    m_encrypt = CreateCipher(cipher, key, CryptoMode::REAL, CryptoUse::ENCRYPT);
    m_decrypt = CreateCipher(cipher, key, CryptoMode::REAL, CryptoUse::DECRYPT);
    if (m_phase1Iv.size() != m_block)
    {
        throw ConfigError("IKEv1: the phase-1 IV must be one cipher block");
    }
}

Ikev1Crypter::~Ikev1Crypter() = default;

std::vector<uint8_t>
Ikev1Crypter::GetIv(uint32_t messageId)
{
    if (messageId == 0)
    {
        return m_phase1Iv;
    }
    auto it = m_exchangeIv.find(messageId);
    if (it == m_exchangeIv.end())
    {
        // Appendix B: hash(last phase-1 CBC block | M-ID), the block of the last phase-1
        // message (its IV if phase 1 sent nothing encrypted yet)
        const std::vector<uint8_t>& last =
            m_lastPhase1Block.empty() ? m_phase1Iv : m_lastPhase1Block;
        it = m_exchangeIv.emplace(messageId, Ikev1ExchangeIv(m_hash, last, messageId, m_block))
                 .first;
    }
    return it->second;
}

std::vector<uint8_t>
Ikev1Crypter::Encrypt(uint32_t messageId, const std::vector<uint8_t>& plain)
{
    std::vector<uint8_t> data = plain;
    data.resize((data.size() + m_block - 1) / m_block * m_block, 0); // RFC 2408 §3.1 padding
    if (data.empty())
    {
        data.resize(m_block, 0);
    }
    const std::vector<uint8_t> iv = GetIv(messageId);
    if (!m_encrypt->Encrypt(iv.data(), data.data(), data.size()))
    {
        return {};
    }
    Advance(messageId, data);
    return data;
}

bool
Ikev1Crypter::Peek(uint32_t messageId,
                   const std::vector<uint8_t>& ciphertext,
                   std::vector<uint8_t>& plain)
{
    if (ciphertext.empty() || ciphertext.size() % m_block != 0)
    {
        return false;
    }
    const std::vector<uint8_t> iv = GetIv(messageId);
    plain = ciphertext;
    if (!m_decrypt->Decrypt(iv.data(), plain.data(), plain.size()))
    {
        plain.clear();
        return false;
    }
    return true;
}

void
Ikev1Crypter::Advance(uint32_t messageId, const std::vector<uint8_t>& ciphertext)
{
    if (ciphertext.size() < m_block)
    {
        return;
    }
    const std::vector<uint8_t> last(ciphertext.end() - m_block, ciphertext.end());
    if (messageId == 0)
    {
        m_phase1Iv = last;
        m_lastPhase1Block = last;
    }
    else
    {
        m_exchangeIv[messageId] = last;
    }
}

void
Ikev1Crypter::Forget(uint32_t messageId)
{
    m_exchangeIv.erase(messageId);
}

bool
Ikev1Crypter::Decrypt(uint32_t messageId,
                      const std::vector<uint8_t>& ciphertext,
                      std::vector<uint8_t>& plain)
{
    if (!Peek(messageId, ciphertext, plain))
    {
        return false;
    }
    Advance(messageId, ciphertext);
    return true;
}

} // namespace ipsec
} // namespace ns3
