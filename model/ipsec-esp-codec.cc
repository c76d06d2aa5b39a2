// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-esp-codec.h"

#include "ipsec-config-error.h"
#include "ipsec-constants.h"
#include "ipsec-crypto-factory.h"
#include "ipsec-esp-trailer.h"

#include "ns3/log.h"

#include <cstring>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecEspCodec");

EspCodec::EspCodec(uint32_t spi,
                   const EspSuite& suite,
                   ByteSpan encryptionKey,
                   ByteSpan integrityKey,
                   CryptoMode mode,
                   CryptoUse use)
    : m_spi(spi),
      m_suite(suite),
      m_mode(mode),
      m_use(use)
{
    suite.Validate();
    if (suite.IsAead())
    {
        m_aead = CreateAead(*suite.encryption, encryptionKey, mode, use);
    }
    else
    {
        m_cipher = CreateCipher(*suite.encryption, encryptionKey, mode, use);
    }
    if (suite.integrity != nullptr)
    {
        m_integrity = CreateIntegrity(*suite.integrity, integrityKey, mode);
    }
    else if (integrityKey.size != 0) // AEAD or confidentiality-only
    {
        throw ConfigError("ESP suite " + suite.ToString() +
                          " has no integrity algorithm, but an integrity key was given");
    }
    m_ivSize = suite.encryption->ivSize;
    m_icvSize = suite.GetIcvSize();
    m_blockSize = suite.encryption->blockSize;
    if (use != CryptoUse::DECRYPT) // an inbound SA sends nothing: it needs no IVs
    {
        m_ivGenerator = CreateDefaultIvGenerator(*suite.encryption);
    }
}

EspCodec::~EspCodec() = default;

void
EspCodec::SetIvGenerator(std::unique_ptr<IvGenerator> generator)
{
    if (!generator && m_ivSize != 0)
    {
        throw ConfigError(std::string(m_suite.encryption->keyword) + " needs an IV generator");
    }
    m_ivGenerator = std::move(generator);
}

IvGenerator*
EspCodec::GetIvGenerator() const
{
    return m_ivGenerator.get();
}

uint32_t
EspCodec::GetSpi() const
{
    return m_spi;
}

const EspSuite&
EspCodec::GetSuite() const
{
    return m_suite;
}

CryptoMode
EspCodec::GetCryptoMode() const
{
    return m_mode;
}

uint32_t
EspCodec::GetIvSize() const
{
    return m_ivSize;
}

uint32_t
EspCodec::GetIcvSize() const
{
    return m_icvSize;
}

uint32_t
EspCodec::GetEncapsulatedSize(uint32_t payloadSize) const
{
    return ESP_HEADER_SIZE + m_ivSize + payloadSize +
           EspTrailer::ComputePadLength(payloadSize, m_blockSize) + ESP_TRAILER_FIXED_SIZE +
           m_icvSize;
}

ByteSpan
EspCodec::MakeAad(const uint8_t* header, uint32_t seqHigh, uint8_t* aad) const
{
    if (!m_suite.esn)
    {
        return ByteSpan(header, ESP_HEADER_SIZE); // SPI | 32-bit Sequence Number
    }
    // SPI | Sequence Number high | Sequence Number low (RFC 4106 §5, RFC 4543 §3.3)
    std::memcpy(aad, header, 4);
    WriteU32(aad + 4, seqHigh);
    std::memcpy(aad + 8, header + 4, 4);
    return ByteSpan(aad, 12);
}

ByteSpan
EspCodec::EsnHighBits(uint32_t seqHigh, uint8_t* scratch) const
{
    // Appended to the ICV input with ESN, never sent (RFC 4303 §2.2.1); nothing without ESN.
    if (!m_suite.esn)
    {
        return ByteSpan();
    }
    WriteU32(scratch, seqHigh);
    return ByteSpan(scratch, 4);
}

DropReason
EspCodec::Encapsulate(uint64_t seq, uint8_t nextHeader, ByteSpan payload, std::vector<uint8_t>& out)
{
    if (m_use == CryptoUse::DECRYPT)
    {
        NS_LOG_LOGIC("SPI 0x" << std::hex << m_spi << ": keyed to decrypt only");
        return DropReason::CRYPTO_ERROR;
    }
    if (!m_suite.esn && seq > 0xffffffffULL)
    {
        NS_LOG_LOGIC("SPI 0x" << std::hex << m_spi << ": sequence number overflow");
        return DropReason::SEQ_OVERFLOW;
    }
    const uint8_t padLength = EspTrailer::ComputePadLength(payload.size, m_blockSize);
    const size_t plainSize = payload.size + padLength + ESP_TRAILER_FIXED_SIZE;
    out.resize(ESP_HEADER_SIZE + m_ivSize + plainSize + m_icvSize);

    uint8_t* header = out.data();
    uint8_t* iv = header + ESP_HEADER_SIZE;
    uint8_t* text = iv + m_ivSize;
    uint8_t* icv = text + plainSize;
    const auto seqHigh = static_cast<uint32_t>(seq >> 32);
    WriteU32(header, m_spi);
    WriteU32(header + 4, static_cast<uint32_t>(seq));
    if (m_ivSize != 0)
    {
        m_ivGenerator->Generate(iv, m_ivSize);
    }
    if (payload.size != 0)
    {
        std::memcpy(text, payload.data, payload.size);
    }
    EspTrailer::WritePadding(text + payload.size, padLength);
    text[plainSize - 2] = padLength;
    text[plainSize - 1] = nextHeader;

    bool ok;
    if (m_aead)
    {
        uint8_t scratch[12];
        const ByteSpan aad = MakeAad(header, seqHigh, scratch);
        ok = m_aead->IsEncrypting()
                 ? m_aead->Encrypt(iv, {aad}, text, plainSize, icv)
                 : m_aead->Encrypt(iv, {aad, ByteSpan(iv, m_ivSize)}, text, plainSize, icv);
    }
    else
    {
        ok = m_cipher->Encrypt(iv, text, plainSize);
        if (ok && m_integrity)
        {
            uint8_t scratch[4];
            ok = m_integrity->Compute(
                {ByteSpan(header, icv - header), EsnHighBits(seqHigh, scratch)},
                icv);
        }
    }
    return ok ? DropReason::NONE : DropReason::CRYPTO_ERROR;
}

DropReason
EspCodec::Decapsulate(ByteSpan esp,
                      uint32_t seqHigh,
                      std::vector<uint8_t>& payload,
                      uint8_t& nextHeader)
{
    if (m_use == CryptoUse::ENCRYPT)
    {
        NS_LOG_LOGIC("SPI 0x" << std::hex << m_spi << ": keyed to encrypt only");
        payload.clear();
        return DropReason::CRYPTO_ERROR;
    }
    const DropReason result = Open(esp, seqHigh, payload, nextHeader);
    if (result != DropReason::NONE)
    {
        // No unauthenticated or half-processed plaintext leaves a failed decapsulation
        // (RFC 5116 §2.2).
        payload.clear();
    }
    return result;
}

DropReason
EspCodec::Open(ByteSpan esp, uint32_t seqHigh, std::vector<uint8_t>& payload, uint8_t& nextHeader)
{
    const size_t overhead = ESP_HEADER_SIZE + m_ivSize + m_icvSize;
    if (esp.size < overhead + ESP_TRAILER_FIXED_SIZE)
    {
        NS_LOG_LOGIC("ESP packet of " << esp.size << " bytes is truncated");
        return DropReason::TRUNCATED;
    }
    const size_t textSize = esp.size - overhead;
    if (textSize % m_blockSize != 0)
    {
        NS_LOG_LOGIC("ESP ciphertext of " << textSize << " bytes is not a multiple of "
                                          << m_blockSize);
        return DropReason::BAD_ALIGNMENT;
    }
    const uint8_t* header = esp.data;
    const uint8_t* iv = header + ESP_HEADER_SIZE;
    const uint8_t* text = iv + m_ivSize;
    const uint8_t* icv = text + textSize;

    payload.assign(text, text + textSize);
    if (m_aead)
    {
        uint8_t scratch[12];
        const ByteSpan aad = MakeAad(header, seqHigh, scratch);
        const bool ok =
            m_aead->IsEncrypting()
                ? m_aead->Decrypt(iv, {aad}, payload.data(), textSize, icv)
                : m_aead->Decrypt(iv, {aad, ByteSpan(iv, m_ivSize)}, payload.data(), textSize, icv);
        if (!ok)
        {
            NS_LOG_LOGIC("ESP SPI 0x" << std::hex << m_spi << ": ICV failure");
            return DropReason::ICV_FAILURE;
        }
    }
    else
    {
        if (m_integrity)
        {
            uint8_t scratch[4];
            if (!m_integrity->Verify(
                    {ByteSpan(header, icv - header), EsnHighBits(seqHigh, scratch)},
                    icv))
            {
                NS_LOG_LOGIC("ESP SPI 0x" << std::hex << m_spi << ": ICV failure");
                return DropReason::ICV_FAILURE;
            }
        }
        if (!m_cipher->Decrypt(iv, payload.data(), textSize))
        {
            return DropReason::CRYPTO_ERROR;
        }
    }
    return EspTrailer::Strip(payload, nextHeader);
}

} // namespace ipsec
} // namespace ns3
