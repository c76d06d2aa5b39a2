// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-esp-key-ring.h"

#include "ipsec-config-error.h"
#include "ipsec-esp-codec.h"
#include "ipsec-esp-trailer.h"

namespace ns3
{
namespace ipsec
{

namespace
{

/// ESP header bytes (SPI, sequence number).
constexpr size_t ESP_HEADER = 8;

/**
 * @brief Open NULL-encrypted ESP whose ICV is skipped unchecked: the data after the header is
 * the plaintext (RFC 2410), its trailer taken off as EspCodec does.
 * @param esp the ESP bytes without the ICV
 * @param payload receives the payload
 * @param nextHeader receives the Next Header field
 * @return DropReason::NONE, or why the trailer does not make sense
 */
DropReason
OpenNull(ByteSpan esp, std::vector<uint8_t>& payload, uint8_t& nextHeader)
{
    if (esp.size < ESP_HEADER)
    {
        return DropReason::TRUNCATED;
    }
    payload.assign(esp.data + ESP_HEADER, esp.data + esp.size);
    const DropReason r = EspTrailer::Strip(payload, nextHeader);
    if (r != DropReason::NONE)
    {
        payload.clear();
    }
    return r;
}

} // namespace

EspKeyRing::EspKeyRing() = default;
EspKeyRing::~EspKeyRing() = default;

std::unique_ptr<EspCodec>
EspKeyRing::MakeCodec(const EspSaKeys& keys)
{
    if (keys.uncheckedIcvSize == 0)
    {
        return std::make_unique<EspCodec>(keys.spi,
                                          keys.suite,
                                          keys.encryptionKey,
                                          keys.integrityKey,
                                          CryptoMode::REAL,
                                          CryptoUse::DECRYPT);
    }
    if (keys.suite.encryption == nullptr || keys.suite.integrity != nullptr || keys.suite.IsAead())
    {
        throw ConfigError("ESP SA keys with an unnamed integrity algorithm (ICV of " +
                          std::to_string(keys.uncheckedIcvSize) +
                          " bytes) need a suite of a non-AEAD cipher without integrity");
    }
    if (keys.suite.encryption->kind == CryptoKind::NULL_CIPHER)
    {
        return nullptr; // OpenNull
    }
    return std::make_unique<EspCodec>(keys.spi,
                                      EspSuite::ConfidentialityOnly(keys.suite.encryption),
                                      keys.encryptionKey,
                                      ByteSpan(),
                                      CryptoMode::REAL,
                                      CryptoUse::DECRYPT);
}

void
EspKeyRing::Add(const EspSaKeys& keys)
{
    if (keys.crypto == CryptoMode::MODELED)
    {
        return;
    }
    Entry e;
    e.keys = keys;
    e.open = MakeCodec(keys);
    m_entries[{keys.destination.Get(), keys.spi}] = std::move(e);
}

bool
EspKeyRing::Has(Ipv4Address destination, uint32_t spi) const
{
    return m_entries.count({destination.Get(), spi}) != 0;
}

size_t
EspKeyRing::GetSize() const
{
    return m_entries.size();
}

DropReason
EspKeyRing::Open(Ipv4Address destination,
                 ByteSpan esp,
                 std::vector<uint8_t>& payload,
                 uint8_t& nextHeader)
{
    payload.clear();
    if (esp.size < ESP_HEADER)
    {
        return DropReason::TRUNCATED;
    }
    const uint32_t spi = ReadU32(esp.data);
    auto it = m_entries.find({destination.Get(), spi});
    if (it == m_entries.end())
    {
        return DropReason::NO_SA;
    }
    Entry& e = it->second;
    if (e.keys.uncheckedIcvSize != 0)
    {
        if (esp.size < ESP_HEADER + e.keys.uncheckedIcvSize)
        {
            return DropReason::TRUNCATED;
        }
        const ByteSpan withoutIcv(esp.data, esp.size - e.keys.uncheckedIcvSize);
        return e.open ? e.open->Decapsulate(withoutIcv, 0, payload, nextHeader)
                      : OpenNull(withoutIcv, payload, nextHeader);
    }
    const DropReason r = e.open->Decapsulate(esp, 0, payload, nextHeader);
    if (r != DropReason::ICV_FAILURE || !e.keys.suite.IsAead() || e.keys.suite.esn)
    {
        return r;
    }
    // A key file for Wireshark 4.0 does not tell ESN; an AEAD's AAD then differs.
    if (!e.withEsn)
    {
        EspSaKeys esn = e.keys;
        esn.suite.esn = true;
        e.withEsn = MakeCodec(esn);
    }
    if (e.withEsn->Decapsulate(esp, 0, payload, nextHeader) != DropReason::NONE)
    {
        return r;
    }
    e.keys.suite.esn = true;
    std::swap(e.open, e.withEsn);
    return DropReason::NONE;
}

} // namespace ipsec
} // namespace ns3
