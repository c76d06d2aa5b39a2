// SPDX-License-Identifier: GPL-2.0-only
#include "ikev2-sk-codec.h"

#include "ike-wire.h"
#include "ipsec-config-error.h"
#include "ipsec-crypto-factory.h"

#include "ns3/log.h"

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("Ikev2SkCodec");

namespace
{
/// Generic payload header bytes.
constexpr uint32_t GENERIC_HEADER = 4;
} // namespace

Ikev2SkCodec::Ikev2SkCodec(const TransformInfo& encryption,
                           const TransformInfo* integrity,
                           const Ikev2SkKeys& out,
                           const Ikev2SkKeys& in,
                           std::unique_ptr<IvGenerator> iv)
    : m_encryption(encryption),
      m_integrity(integrity),
      m_out(out),
      m_in(in),
      m_iv(std::move(iv)),
      m_ivSize(encryption.ivSize),
      m_blockSize(encryption.blockSize),
      m_icvSize(0)
{
    if (encryption.type != TransformType::ENCR)
    {
        throw ConfigError(std::string("IKEv2 SK payload: ") + encryption.keyword +
                          " is not an encryption algorithm");
    }
    // RFC 7296 §3.3.3 and RFC 8247 §2.1: an IKE SA must encrypt; GMAC and NULL do not (the
    // IANA registry marks them "Not allowed" for IKEv2).
    if (!encryption.IsAllowedForIkeSa())
    {
        throw ConfigError(std::string("IKEv2 SK payload: ") + encryption.keyword +
                          " does not encrypt and may not protect an IKE SA; use e.g. "
                          "aes128gcm16 or aes256-sha256");
    }
    if (encryption.IsAead())
    {
        if (integrity)
        {
            throw ConfigError(std::string("IKEv2 SK payload: ") + encryption.keyword +
                              " is an AEAD and takes no integrity algorithm");
        }
        // keyed once here so that a key OpenSSL refuses fails now, not at the first message
        CreateAead(encryption, out.encryption, CryptoMode::REAL, CryptoUse::ENCRYPT);
        CreateAead(encryption, in.encryption, CryptoMode::REAL, CryptoUse::DECRYPT);
        m_icvSize = encryption.icvSize;
    }
    else
    {
        if (!integrity || integrity->type != TransformType::INTEG)
        {
            throw ConfigError(std::string("IKEv2 SK payload: ") + encryption.keyword +
                              " needs an integrity algorithm");
        }
        CreateCipher(encryption, out.encryption, CryptoMode::REAL, CryptoUse::ENCRYPT);
        CreateCipher(encryption, in.encryption, CryptoMode::REAL, CryptoUse::DECRYPT);
        CreateIntegrity(*integrity, out.integrity);
        CreateIntegrity(*integrity, in.integrity);
        m_icvSize = integrity->icvSize;
    }
}

Ikev2SkCodec::~Ikev2SkCodec() = default;

uint32_t
Ikev2SkCodec::GetOverhead(uint32_t n) const
{
    const uint32_t padded = (n + 1 + m_blockSize - 1) / m_blockSize * m_blockSize;
    return GENERIC_HEADER + m_ivSize + (padded - n) + m_icvSize;
}

std::vector<uint8_t>
Ikev2SkCodec::Protect(IkeHeader header, const std::vector<Ikev2Payload>& inner)
{
    return ProtectMessage(header, inner, 0).front();
}

std::vector<std::vector<uint8_t>>
Ikev2SkCodec::ProtectMessage(IkeHeader header,
                             const std::vector<Ikev2Payload>& inner,
                             uint32_t maxMessage)
{
    std::vector<uint8_t> plain;
    const uint8_t first = SerializeIkev2Payloads(inner, plain);
    const size_t whole = IkeHeader::SIZE + plain.size() + GetOverhead(plain.size());
    if (maxMessage != 0 && whole > maxMessage)
    {
        auto fragments = SealFragments(header, first, plain, maxMessage);
        if (!fragments.empty())
        {
            return fragments;
        }
        // no room for fragments of that size: the whole message (IP fragments it)
    }
    return {Seal(header, first, 0, 0, plain.data(), plain.size())};
}

std::vector<std::vector<uint8_t>>
Ikev2SkCodec::SealFragments(const IkeHeader& header,
                            uint8_t first,
                            const std::vector<uint8_t>& plain,
                            uint32_t maxMessage)
{
    // RFC 7383 §2.5.3: each fragment has its own IV, padding and ICV; the content of each is as
    // long as fits, rounded to the block size, less the Pad Length octet (no padding then)
    const uint32_t fixed = IkeHeader::SIZE + GENERIC_HEADER + 4 + m_ivSize + m_icvSize;
    if (maxMessage <= fixed + m_blockSize)
    {
        return {};
    }
    uint32_t room = maxMessage - fixed;
    room -= room % m_blockSize;
    const size_t chunk = room - 1;
    const size_t total = std::max<size_t>(1, (plain.size() + chunk - 1) / chunk);
    if (total > IKEV2_MAX_FRAGMENTS)
    {
        return {};
    }
    std::vector<std::vector<uint8_t>> out;
    for (size_t i = 0; i < total; i++)
    {
        const size_t at = i * chunk;
        const size_t n = std::min(chunk, plain.size() - at);
        out.push_back(Seal(header,
                           i == 0 ? first : ikev2::NO_NEXT_PAYLOAD,
                           static_cast<uint16_t>(i + 1),
                           static_cast<uint16_t>(total),
                           plain.data() + at,
                           n));
        if (out.back().empty())
        {
            return {};
        }
    }
    return out;
}

std::vector<uint8_t>
Ikev2SkCodec::Seal(IkeHeader header,
                   uint8_t first,
                   uint16_t fragmentNumber,
                   uint16_t totalFragments,
                   const uint8_t* content,
                   size_t size)
{
    std::vector<uint8_t> plain(content, content + size);
    // §3.14: Padding makes payloads | Padding | Pad Length a multiple of the block size; its
    // value is the sender's choice (zeros here, as strongSwan for AEADs).
    const uint32_t padLength = (m_blockSize - (plain.size() + 1) % m_blockSize) % m_blockSize;
    plain.insert(plain.end(), padLength, 0);
    plain.push_back(static_cast<uint8_t>(padLength));

    const uint32_t fragmentFields = totalFragments != 0 ? 4 : 0;
    const uint32_t skLength = GENERIC_HEADER + fragmentFields + m_ivSize + plain.size() + m_icvSize;
    header.nextPayload = totalFragments != 0 ? ikev2::PAYLOAD_SKF : ikev2::PAYLOAD_SK;
    header.length = IkeHeader::SIZE + skLength;
    std::vector<uint8_t> out;
    out.reserve(header.length);
    header.Serialize(out);
    IkeWriter w(out);
    w.U8(first);
    w.U8(0);
    w.U16(static_cast<uint16_t>(skLength));
    if (totalFragments != 0)
    {
        w.U16(fragmentNumber);
        w.U16(totalFragments);
    }
    const size_t aadEnd = out.size();
    out.resize(aadEnd + m_ivSize);
    m_iv->Generate(out.data() + aadEnd, m_ivSize);
    const size_t dataAt = out.size();
    out.insert(out.end(), plain.begin(), plain.end());
    out.resize(out.size() + m_icvSize);
    uint8_t* data = out.data() + dataAt;
    uint8_t* icv = out.data() + out.size() - m_icvSize;
    const uint8_t* iv = out.data() + aadEnd;
    if (m_encryption.IsAead())
    {
        // RFC 5282 §5.1: the AAD is the IKE header and the Encrypted payload's header (and any
        // payloads before it), i.e. everything in front of the IV; for a fragment the
        // Fragment Number and Total Fragments too (RFC 7383 §2.5.3)
        auto aead =
            CreateAead(m_encryption, m_out.encryption, CryptoMode::REAL, CryptoUse::ENCRYPT);
        if (!aead->Encrypt(iv, {ByteSpan(out.data(), aadEnd)}, data, plain.size(), icv))
        {
            return {};
        }
    }
    else
    {
        // §3.14: encrypt, then the checksum over the whole message up to the ICV.
        auto cipher =
            CreateCipher(m_encryption, m_out.encryption, CryptoMode::REAL, CryptoUse::ENCRYPT);
        if (!cipher->Encrypt(iv, data, plain.size()) ||
            !CreateIntegrity(*m_integrity, m_out.integrity)
                 ->Compute({ByteSpan(out.data(), out.size() - m_icvSize)}, icv))
        {
            return {};
        }
    }
    return out;
}

IkeParseError
Ikev2SkCodec::Unseal(ByteSpan datagram,
                     const Ikev2Message& message,
                     bool fragment,
                     std::vector<uint8_t>& content)
{
    content.clear();
    if (message.payloads.empty())
    {
        return IkeParseError::NOT_ENCRYPTED;
    }
    const Ikev2Payload& last = message.payloads.back();
    const auto* sk = std::get_if<Ikev2SkPayload>(&last.body);
    if (!sk || (last.type == ikev2::PAYLOAD_SKF) != fragment)
    {
        return IkeParseError::NOT_ENCRYPTED;
    }
    const size_t header = GENERIC_HEADER + (fragment ? 4 : 0);
    if (sk->offset + header + sk->body.size() != datagram.size)
    {
        return IkeParseError::BAD_PAYLOAD;
    }
    if (sk->body.size() < m_ivSize + m_icvSize + 1)
    {
        return IkeParseError::BAD_PAYLOAD; // no room for IV, Pad Length and ICV
    }
    const size_t dataSize = sk->body.size() - m_ivSize - m_icvSize;
    if (dataSize % m_blockSize != 0)
    {
        return IkeParseError::BAD_PAYLOAD;
    }
    const uint8_t* iv = sk->body.data();
    const uint8_t* icv = sk->body.data() + sk->body.size() - m_icvSize;
    content.assign(sk->body.begin() + m_ivSize, sk->body.begin() + m_ivSize + dataSize);
    if (m_encryption.IsAead())
    {
        const ByteSpan aad(datagram.data, sk->offset + header);
        auto aead = CreateAead(m_encryption, m_in.encryption, CryptoMode::REAL, CryptoUse::DECRYPT);
        if (!aead->Decrypt(iv, {aad}, content.data(), content.size(), icv))
        {
            content.clear();
            return IkeParseError::INTEGRITY_FAILED;
        }
    }
    else
    {
        // Verify before decrypting (§3.14, §2.21.2: a bad checksum is dropped silently).
        if (!CreateIntegrity(*m_integrity, m_in.integrity)
                 ->Verify({ByteSpan(datagram.data, datagram.size - m_icvSize)}, icv))
        {
            content.clear();
            return IkeParseError::INTEGRITY_FAILED;
        }
        auto cipher =
            CreateCipher(m_encryption, m_in.encryption, CryptoMode::REAL, CryptoUse::DECRYPT);
        if (!cipher->Decrypt(iv, content.data(), content.size()))
        {
            content.clear();
            return IkeParseError::INTEGRITY_FAILED;
        }
    }
    const uint8_t padLength = content.back();
    if (size_t{padLength} + 1 > content.size())
    {
        content.clear();
        return IkeParseError::BAD_PADDING;
    }
    content.resize(content.size() - padLength - 1);
    return IkeParseError::NONE;
}

IkeParseError
Ikev2SkCodec::Open(ByteSpan datagram,
                   const Ikev2Message& message,
                   std::vector<Ikev2Payload>& inner,
                   uint8_t& criticalType)
{
    inner.clear();
    std::vector<uint8_t> content;
    const IkeParseError e = Unseal(datagram, message, false, content);
    if (e != IkeParseError::NONE)
    {
        return e;
    }
    const auto& sk = std::get<Ikev2SkPayload>(message.payloads.back().body);
    return ParseInner(sk.firstInner,
                      content,
                      sk.offset + GENERIC_HEADER + m_ivSize,
                      inner,
                      criticalType);
}

IkeParseError
Ikev2SkCodec::OpenFragment(ByteSpan datagram,
                           const Ikev2Message& message,
                           std::vector<uint8_t>& content)
{
    return Unseal(datagram, message, true, content);
}

IkeParseError
Ikev2SkCodec::ParseInner(uint8_t first,
                         const std::vector<uint8_t>& content,
                         size_t base,
                         std::vector<Ikev2Payload>& inner,
                         uint8_t& criticalType)
{
    inner.clear();
    const IkeParseError e = ParseIkev2Payloads(first, content, base, inner, criticalType);
    if (e != IkeParseError::NONE)
    {
        inner.clear();
        return e;
    }
    for (const auto& p : inner)
    {
        if (p.type == ikev2::PAYLOAD_SK || p.type == ikev2::PAYLOAD_SKF)
        {
            inner.clear();
            return IkeParseError::BAD_PAYLOAD; // an SK payload inside an SK payload
        }
    }
    return IkeParseError::NONE;
}

} // namespace ipsec
} // namespace ns3
