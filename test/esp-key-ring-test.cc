// SPDX-License-Identifier: GPL-2.0-only
//
// A stolen key file: Wireshark's esp_sa table read back (ReadWiresharkEspSa) and an EspKeyRing
// that opens ESP with it, as the eavesdropper does. Known answers: hand-written table lines
// open the published packets of RFC 3602 and draft-mcgrew-gcm-test-01 to their payloads; then
// every suite the writer writes reads back to the same keys, in both table formats.

#include "ipsec-test-util.h"
#include "ipsec-test-vectors.h"

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-esp-codec.h"
#include "ns3/ipsec-esp-key-ring.h"
#include "ns3/ipsec-key-export.h"

#include <gtest/gtest.h>
#include <random>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

const Ipv4Address kSrc("192.168.1.1");
const Ipv4Address kDst("192.168.1.2");

/// A Wireshark 4.0 table of one record.
std::vector<EspSaKeys>
ReadLine(const std::string& line)
{
    std::istringstream is("# a comment\n\n" + line + "\n");
    return ReadWiresharkEspSa(is);
}

/// The payload and next header a published ESP plaintext (payload | padding | pad length |
/// next header) holds.
std::vector<uint8_t>
PayloadOf(const std::vector<uint8_t>& plaintext, uint8_t& nextHeader)
{
    nextHeader = plaintext.back();
    const size_t padLength = plaintext[plaintext.size() - 2];
    return {plaintext.begin(), plaintext.end() - 2 - padLength};
}

} // namespace

TEST(EspKeyRing, HandWrittenCbcLinesOpenRfc3602Packets)
{
    // RFC 3602 §4 cases 5-8 have no ICV: "NULL" authentication, an encryption-only suite.
    for (const auto& v : kRfc3602AesCbcEsp)
    {
        SCOPED_TRACE(v.source);
        const auto sas =
            ReadLine("\"IPv4\",\"192.168.1.1\",\"192.168.1.2\",\"0x" + std::string(v.spi) +
                     "\",\"AES-CBC [RFC3602]\",\"0x" + v.key + "\",\"NULL\",\"\"");
        ASSERT_EQ(sas.size(), 1u);
        EXPECT_EQ(sas[0].suite.encryption->keyword, std::string("aes128"));
        EXPECT_EQ(sas[0].suite.integrity, nullptr);
        EXPECT_TRUE(sas[0].suite.confidentialityOnly);
        EXPECT_EQ(sas[0].spi, SequenceNumber(v.spi));
        EspKeyRing ring;
        ring.Add(sas[0]);
        std::vector<uint8_t> payload;
        uint8_t nextHeader = 0;
        ASSERT_EQ(ring.Open(kDst, Bytes(v.espPacket), payload, nextHeader), DropReason::NONE);
        uint8_t expectedNext = 0;
        EXPECT_EQ(Hex(payload), Hex(PayloadOf(Bytes(v.plaintext), expectedNext)));
        EXPECT_EQ(nextHeader, expectedNext);
        EXPECT_EQ(Hex(payload), Hex(Bytes(v.payload)));
    }
}

TEST(EspKeyRing, HandWrittenGcmLinesOpenPublishedPacketsTryingEsnWhenTheTableIsSilent)
{
    size_t opened = 0;
    size_t viaEsn = 0;
    size_t esnHighZero = 0;
    for (const auto& v : kMcgrewGcmEsp)
    {
        if (v.gmac)
        {
            continue; // Wireshark's table has no AES-GMAC
        }
        SCOPED_TRACE(v.source);
        const uint64_t seq = SequenceNumber(v.seq);
        const bool highBits = v.esn && (seq >> 32) != 0;
        esnHighZero += v.esn && !highBits;
        // A Wireshark 4.0 line says nothing of ESN; the key is key | salt, its length picks
        // AES-128, -192 or -256.
        const auto sas =
            ReadLine("\"IPv4\",\"192.168.1.1\",\"192.168.1.2\",\"0x" + std::string(v.spi) +
                     "\",\"AES-GCM with 16 octet ICV [RFC4106]\",\"0x" + v.key + v.salt +
                     "\",\"NULL\",\"\"");
        ASSERT_EQ(sas.size(), 1u);
        EXPECT_EQ(sas[0].suite.encryption->keySize, Bytes(v.key).size() + 4);
        EXPECT_FALSE(sas[0].suite.esn);
        EspKeyRing ring;
        ring.Add(sas[0]);
        std::vector<uint8_t> payload;
        uint8_t nextHeader = 0;
        const DropReason r = ring.Open(kDst, Bytes(v.packet), payload, nextHeader);
        if (highBits)
        {
            // The packet does not carry the ESN high bits and the table does not give them:
            // without them the AAD cannot be rebuilt.
            EXPECT_EQ(r, DropReason::ICV_FAILURE);
            continue;
        }
        ASSERT_EQ(r, DropReason::NONE);
        uint8_t expectedNext = 0;
        EXPECT_EQ(Hex(payload), Hex(PayloadOf(Bytes(v.plaintext), expectedNext)));
        EXPECT_EQ(nextHeader, expectedNext);
        opened++;
        viaEsn += v.esn;
    }
    EXPECT_GE(opened, 5u);
    EXPECT_GE(esnHighZero, 1u) << "test case 8 and others: ESN with high bits 0";
    EXPECT_EQ(viaEsn, esnHighZero) << "each found by the retry with ESN";
}

TEST(EspKeyRing, EverySuiteTheWriterWritesReadsBackAndOpensItsPackets)
{
    struct Case
    {
        const char* proposal;
        WiresharkVersion version;
        uint8_t uncheckedIcv; ///< the table names no integrity algorithm, only its ICV size
    };

    const Case cases[] = {
        {"aes128-sha1", WiresharkVersion::V4_0, 0},
        {"aes192-sha256", WiresharkVersion::V4_0, 0},
        {"aes256-sha512", WiresharkVersion::V4_2, 0},
        {"3des-sha384", WiresharkVersion::V4_0, 0},
        {"aes128ctr-sha256", WiresharkVersion::V4_0, 0},
        {"aes256ctr-sha1", WiresharkVersion::V4_2, 0},
        {"aes128gcm16", WiresharkVersion::V4_0, 0},
        {"aes192gcm12", WiresharkVersion::V4_2, 0},
        {"aes256gcm8", WiresharkVersion::V4_0, 0},
        {"aes128gcm16-esn", WiresharkVersion::V4_0, 0}, // ESN found by the retry
        {"aes128gcm16-esn", WiresharkVersion::V4_2, 0}, // ESN from the "SN" field
        {"null-sha256", WiresharkVersion::V4_0, 0},
        {"aes128-aesxcbc", WiresharkVersion::V4_0, 12},
        {"null-aesxcbc", WiresharkVersion::V4_0, 12},
        {"aes128-sha256-esn", WiresharkVersion::V4_0, 16},
        {"chacha20poly1305", WiresharkVersion::V4_2, 0},
    };
    for (const Case& k : cases)
    {
        SCOPED_TRACE(std::string(k.proposal) +
                     (k.version == WiresharkVersion::V4_0 ? " (4.0)" : " (4.2)"));
        EspSaKeys sa;
        sa.source = kSrc;
        sa.destination = kDst;
        sa.spi = 0xc0ffee01;
        sa.suite = EspSuite::Parse(k.proposal);
        sa.encryptionKey = Pattern(sa.suite.encryption->keySize, 0x10);
        sa.integrityKey = Pattern(sa.suite.integrity ? sa.suite.integrity->keySize : 0, 0x40);
        std::ostringstream table;
        WriteWiresharkEspSa(table, {sa}, k.version);
        std::istringstream in(table.str());
        const auto back = ReadWiresharkEspSa(in);
        ASSERT_EQ(back.size(), 1u) << table.str();
        const EspSaKeys& b = back[0];
        EXPECT_EQ(b.source, kSrc);
        EXPECT_EQ(b.destination, kDst);
        EXPECT_EQ(b.spi, sa.spi);
        EXPECT_EQ(b.suite.encryption, sa.suite.encryption);
        EXPECT_EQ(Hex(b.encryptionKey), Hex(sa.encryptionKey));
        EXPECT_EQ(Hex(b.integrityKey), Hex(sa.integrityKey)) << "an ANY line keeps the key";
        EXPECT_EQ(b.uncheckedIcvSize, k.uncheckedIcv);
        EXPECT_EQ(b.suite.integrity, k.uncheckedIcv ? nullptr : sa.suite.integrity);
        EXPECT_EQ(b.suite.esn, sa.suite.esn && k.version != WiresharkVersion::V4_0);

        // The ring opens what the SA's own codec sealed, to the same payload.
        EspCodec seal(sa.spi, sa.suite, sa.encryptionKey, sa.integrityKey);
        EspKeyRing ring;
        ring.Add(b);
        EXPECT_TRUE(ring.Has(kDst, sa.spi));
        for (uint64_t seq : {1, 2, 1000})
        {
            const std::vector<uint8_t> data = Pattern(100 + seq % 7, static_cast<uint8_t>(seq));
            std::vector<uint8_t> esp;
            ASSERT_EQ(seal.Encapsulate(seq, 17, data, esp), DropReason::NONE);
            std::vector<uint8_t> payload;
            uint8_t nextHeader = 0;
            ASSERT_EQ(ring.Open(kDst, esp, payload, nextHeader), DropReason::NONE);
            EXPECT_EQ(Hex(payload), Hex(data));
            EXPECT_EQ(nextHeader, 17);
        }
    }
}

TEST(EspKeyRing, WhatItCannotOpenIsNamed)
{
    EspSaKeys sa;
    sa.source = kSrc;
    sa.destination = kDst;
    sa.spi = 0x2001;
    sa.suite = EspSuite::Parse("aes128-sha256");
    sa.encryptionKey = Pattern(16, 1);
    sa.integrityKey = Pattern(32, 2);
    EspCodec seal(sa.spi, sa.suite, sa.encryptionKey, sa.integrityKey);
    std::vector<uint8_t> esp;
    ASSERT_EQ(seal.Encapsulate(1, 17, Pattern(64, 3), esp), DropReason::NONE);

    EspKeyRing ring;
    std::vector<uint8_t> payload;
    uint8_t nextHeader = 0;
    EXPECT_EQ(ring.Open(kDst, esp, payload, nextHeader), DropReason::NO_SA);
    ring.Add(sa);
    EXPECT_EQ(ring.GetSize(), 1u);
    EXPECT_EQ(ring.Open(Ipv4Address("192.168.1.3"), esp, payload, nextHeader), DropReason::NO_SA)
        << "found by (destination, SPI)";
    EXPECT_EQ(ring.Open(kDst, ByteSpan(esp.data(), 6), payload, nextHeader), DropReason::TRUNCATED);
    std::vector<uint8_t> changed = esp;
    changed[30] ^= 0x01;
    EXPECT_EQ(ring.Open(kDst, changed, payload, nextHeader), DropReason::ICV_FAILURE);
    EXPECT_TRUE(payload.empty());
    ASSERT_EQ(ring.Open(kDst, esp, payload, nextHeader), DropReason::NONE);
    EXPECT_EQ(Hex(payload), Hex(Pattern(64, 3)));

    // NULL encryption with an integrity algorithm the table does not name: the ICV is skipped
    // unchecked, the trailer still follows EspCodec's rules.
    EspSaKeys null = sa;
    null.spi = 0x2003;
    null.suite = EspSuite::Parse("null-aesxcbc");
    null.integrityKey = Pattern(16, 4);
    EspCodec sealNull(null.spi, null.suite, ByteSpan(), null.integrityKey);
    null.encryptionKey.clear();
    std::vector<uint8_t> espNull;
    ASSERT_EQ(sealNull.Encapsulate(1, 17, Pattern(101, 5), espNull), DropReason::NONE);
    null.integrityKey.clear();
    null.suite.integrity = nullptr;
    null.uncheckedIcvSize = 12;
    ring.Add(null);
    ASSERT_EQ(ring.Open(kDst, espNull, payload, nextHeader), DropReason::NONE);
    EXPECT_EQ(Hex(payload), Hex(Pattern(101, 5)));
    const size_t padLengthAt = espNull.size() - 12 - 2;
    ASSERT_EQ(espNull[padLengthAt], 1) << "101 + 2 bytes padded to 104";
    espNull[padLengthAt - 1] ^= 0xff;
    EXPECT_EQ(ring.Open(kDst, espNull, payload, nextHeader), DropReason::BAD_PADDING);
    EXPECT_TRUE(payload.empty());
    espNull[padLengthAt - 1] ^= 0xff;
    espNull[padLengthAt] = 200;
    EXPECT_EQ(ring.Open(kDst, espNull, payload, nextHeader), DropReason::BAD_PAD_LENGTH);

    EspSaKeys modeled = sa;
    modeled.spi = 0x2002;
    modeled.crypto = CryptoMode::MODELED;
    ring.Add(modeled);
    EXPECT_FALSE(ring.Has(kDst, 0x2002)) << "modeled SAs carry plaintext: nothing to key";

    EspSaKeys bad = sa;
    bad.encryptionKey.pop_back();
    EXPECT_THROW(ring.Add(bad), ConfigError);
}

TEST(EspKeyRing, MalformedTablesAreConfigErrorsNamingTheLine)
{
    const std::string gcm =
        "\"AES-GCM with 16 octet ICV [RFC4106]\",\"0x" + std::string(40, 'a') + "\",\"NULL\",\"\"";

    struct Case
    {
        std::string line;
        std::string says;
    };

    const Case cases[] = {
        {"\"IPv6\",\"2001:db8::1\",\"2001:db8::2\",\"0x00001001\"," + gcm, "only IPv4"},
        {"\"IPv4\",\"*\",\"10.0.0.2\",\"0x00001001\"," + gcm, "wildcards"},
        {"\"IPv4\",\"10.0.0.1\",\"10.0.0.2\",\"0x00001001\",\"CAST5-CBC "
         "[RFC2144]\",\"0x0102030405060708\",\"NULL\",\"\"",
         "not one this module has"},
        {"\"IPv4\",\"10.0.0.1\",\"10.0.0.2\",\"0x00001001\",\"AES-CBC "
         "[RFC3602]\",\"0x0102\",\"NULL\",\"\"",
         "no key length of it fits"},
        {"\"IPv4\",\"10.0.0.1\",\"10.0.0.2\",\"0x00001001\"," + gcm.substr(0, gcm.rfind(',')),
         "8 (Wireshark 4.0) or 10"},
        {"IPv4,10.0.0.1,10.0.0.2,0x1001", "quoted fields"},
        {"\"IPv4\",\"10.0.0.1\",\"10.0.0.2\",\"spi\"," + gcm, "0x hex"},
        {"\"IPv4\",\"10.0.0.1\",\"10.0.0.2\",\"0x00001001\",\"AES-GCM with 16 octet ICV "
         "[RFC4106]\",\"0x" +
             std::string(40, 'a') + "\",\"ANY 96 bit authentication [no checking]\",\"\"",
         "authenticates by itself"},
        {"\"IPv4\",\"10.0.0.1\",\"10.0.0.2\",\"0x00001001\",\"NULL\",\"\",\"NULL\",\"\"",
         "NULL encryption without integrity"},
        {"\"IPv4\",\"10.0.0.1\",\"10.0.0.2\",\"0x00001001\",\"AES-CBC [RFC3602]\",\"0x" +
             std::string(32, 'a') + "\",\"ANY 96\",\"\"",
         "is not one this module has"},
        {"\"IPv4\",\"10.0.0.1\",\"10.0.0.2\",\"0x00001001\",\"AES-CBC [RFC3602]\",\"0x" +
             std::string(32, 'a') + "\",\"ANY  bit authentication [no checking]\",\"\"",
         "is not one this module has"},
        {"\"IPv4\",\"10.0.0.1\",\"10.0.0.2\",\"0x00001001\",\"AES-CBC [RFC3602]\",\"0x" +
             std::string(32, 'a') + "\",\"ANY 99999999999 bit authentication [no checking]\",\"\"",
         "is not one this module has"},
        {"\"IPv4\",\"10.0.0.1\",\"10.0.0.2\",\"0x00001001\",\"AES-CBC [RFC3602]\",\"0x" +
             std::string(32, 'a') + "\",\"ANY 100 bit authentication [no checking]\",\"\"",
         "no such ICV length"},
    };
    for (const Case& k : cases)
    {
        SCOPED_TRACE(k.line);
        const std::string what = WhatOf([&k]() { ReadLine(k.line); });
        EXPECT_NE(what.find("esp_sa line 3"), std::string::npos) << what;
        EXPECT_NE(what.find(k.says), std::string::npos) << what;
    }
    EXPECT_NE(WhatOf([]() {
                  ReadWiresharkEspSaFile("/nonexistent/esp_sa");
              }).find("cannot read the esp_sa file /nonexistent/esp_sa"),
              std::string::npos);
}

TEST(EspKeyRing, AnyDamageToATableIsAConfigErrorOrStillATable)
{
    // A valid table of both formats, then bytes changed, dropped or duplicated at random
    // (fixed seed): reading it returns SAs or throws a ConfigError, nothing else.
    EspSaKeys sa;
    sa.source = kSrc;
    sa.destination = kDst;
    sa.spi = 0x1234;
    std::ostringstream table;
    for (const char* proposal : {"aes128-sha256", "aes256gcm16", "aes128-aesxcbc", "null-sha1"})
    {
        sa.suite = EspSuite::Parse(proposal);
        sa.encryptionKey = Pattern(sa.suite.encryption->keySize, 1);
        sa.integrityKey = Pattern(sa.suite.integrity ? sa.suite.integrity->keySize : 0, 2);
        WriteWiresharkEspSa(table, {sa}, WiresharkVersion::V4_0);
        WriteWiresharkEspSa(table, {sa}, WiresharkVersion::V4_2);
    }
    const std::string text = table.str();
    std::mt19937 rng(7);
    const std::string alphabet = "\"\\\\,0x9aAF. -#\\nANYbit";
    size_t errors = 0;
    for (int i = 0; i < 3000; i++)
    {
        std::string damaged = text;
        for (int k = 0; k < 1 + static_cast<int>(rng() % 4); k++)
        {
            const size_t at = rng() % damaged.size();
            switch (rng() % 3)
            {
            case 0:
                damaged[at] = alphabet[rng() % alphabet.size()];
                break;
            case 1:
                damaged.erase(at, 1 + rng() % 8);
                break;
            default:
                damaged.insert(at, damaged.substr(rng() % damaged.size(), 1 + rng() % 8));
                break;
            }
        }
        std::istringstream is(damaged);
        try
        {
            ReadWiresharkEspSa(is);
        }
        catch (const ConfigError&)
        {
            errors++;
        }
    }
    EXPECT_GT(errors, 1000u) << "most damage is noticed";
}
