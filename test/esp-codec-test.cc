// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-test-util.h"

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-crypto-factory.h"
#include "ns3/ipsec-esp-codec.h"
#include "ns3/ipsec-openssl-hmac.h"

#include <gtest/gtest.h>
#include <random>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

constexpr uint32_t kSpi = 0x01020304;

/// A sender and receiver of one suite with deterministic keys.
struct Pair
{
    EspSuite suite;
    std::vector<uint8_t> encKey;
    std::vector<uint8_t> integKey;
    EspCodec tx;
    EspCodec rx;

    explicit Pair(const EspSuite& s)
        : suite(s),
          encKey(Pattern(s.encryption->keySize, 0x11)),
          integKey(s.integrity ? Pattern(s.integrity->keySize, 0x55) : std::vector<uint8_t>()),
          // keyed as SAs are: the sender's cipher only encrypts, the receiver's only decrypts
          tx(kSpi, s, encKey, integKey, CryptoMode::REAL, CryptoUse::ENCRYPT),
          rx(kSpi, s, encKey, integKey, CryptoMode::REAL, CryptoUse::DECRYPT)
    {
    }
};

const char* kSuites[] = {
    "null-sha256",
    "3des-sha1",
    "aes128-sha1",
    "aes192-sha256",
    "aes256-sha512",
    "aes256-sha384",
    "aes128-aesxcbc",
    "aes128ctr-sha256",
    "aes256ctr-sha512",
    "aes128gcm8",
    "aes192gcm12",
    "aes256gcm16",
    "aes128gmac",
    "aes256gmac",
    "chacha20poly1305",
};

} // namespace

class EspCodecSuites : public ::testing::TestWithParam<const char*>
{
};

TEST_P(EspCodecSuites, RoundTripAllSizesWithAndWithoutEsn)
{
    for (const char* esn : {"", "-esn"})
    {
        Pair pair(EspSuite::Parse(std::string(GetParam()) + esn));
        for (size_t size : {0, 1, 2, 3, 13, 16, 100, 1400, 65000})
        {
            const auto payload = Pattern(size, static_cast<uint8_t>(size));
            const uint64_t seq = pair.suite.esn ? 0x100000005ULL : 5;
            std::vector<uint8_t> esp;
            ASSERT_EQ(pair.tx.Encapsulate(seq, 17, payload, esp), DropReason::NONE);
            ASSERT_EQ(esp.size(), pair.tx.GetEncapsulatedSize(size));
            // Header in clear; the ESN high half is never sent.
            EXPECT_EQ(Hex(ByteSpan(esp.data(), 8)), "0102030400000005");
            const size_t text = esp.size() - 8 - pair.tx.GetIvSize() - pair.tx.GetIcvSize();
            EXPECT_EQ(text % 4, 0u);
            EXPECT_EQ(text % pair.suite.encryption->blockSize, 0u);

            std::vector<uint8_t> opened;
            uint8_t nh = 0;
            ASSERT_EQ(pair.rx.Decapsulate(esp, static_cast<uint32_t>(seq >> 32), opened, nh),
                      DropReason::NONE)
                << pair.suite.ToString() << " size " << size;
            EXPECT_EQ(opened, payload);
            EXPECT_EQ(nh, 17);
        }
    }
}

TEST_P(EspCodecSuites, EveryFlippedByteIsAnIcvFailure)
{
    Pair pair(EspSuite::Parse(GetParam()));
    std::vector<uint8_t> esp;
    ASSERT_EQ(pair.tx.Encapsulate(9, 6, Pattern(37, 3), esp), DropReason::NONE);
    std::vector<uint8_t> opened;
    uint8_t nh;
    for (size_t i = 0; i < esp.size(); ++i)
    {
        auto bad = esp;
        bad[i] ^= 0x80;
        EXPECT_EQ(pair.rx.Decapsulate(bad, 0, opened, nh), DropReason::ICV_FAILURE)
            << GetParam() << " byte " << i;
    }
}

TEST_P(EspCodecSuites, EsnHighBitsAreAuthenticatedNotSent)
{
    Pair pair(EspSuite::Parse(std::string(GetParam()) + "-esn"));
    Pair plain(EspSuite::Parse(GetParam()));
    std::vector<uint8_t> esp;
    std::vector<uint8_t> espPlain;
    ASSERT_EQ(pair.tx.Encapsulate(0x700000001ULL, 17, Pattern(50, 1), esp), DropReason::NONE);
    ASSERT_EQ(plain.tx.Encapsulate(1, 17, Pattern(50, 1), espPlain), DropReason::NONE);
    EXPECT_EQ(esp.size(), espPlain.size());
    std::vector<uint8_t> opened;
    uint8_t nh;
    EXPECT_EQ(pair.rx.Decapsulate(esp, 6, opened, nh), DropReason::ICV_FAILURE);
    EXPECT_EQ(pair.rx.Decapsulate(esp, 8, opened, nh), DropReason::ICV_FAILURE);
    EXPECT_EQ(pair.rx.Decapsulate(esp, 7, opened, nh), DropReason::NONE);
    // Without ESN the high half plays no part.
    EXPECT_EQ(plain.rx.Decapsulate(espPlain, 12345, opened, nh), DropReason::NONE);
}

TEST_P(EspCodecSuites, EveryTruncationIsDroppedNotRead)
{
    Pair pair(EspSuite::Parse(GetParam()));
    std::vector<uint8_t> esp;
    ASSERT_EQ(pair.tx.Encapsulate(1, 17, Pattern(40, 9), esp), DropReason::NONE);
    std::vector<uint8_t> opened;
    uint8_t nh;
    const size_t minimum = 8 + pair.tx.GetIvSize() + pair.tx.GetIcvSize() + 2;
    for (size_t size = 0; size < esp.size(); ++size)
    {
        // A fresh copy of exactly `size` bytes, so ASan sees any read past the end.
        std::vector<uint8_t> cut(esp.begin(), esp.begin() + size);
        const DropReason r = pair.rx.Decapsulate(cut, 0, opened, nh);
        EXPECT_NE(r, DropReason::NONE) << size;
        if (size < minimum)
        {
            EXPECT_EQ(r, DropReason::TRUNCATED) << size;
        }
    }
}

TEST_P(EspCodecSuites, DirectionNotKeyedFailsByName)
{
    // An SA's codec is keyed for its own direction only (outbound encrypts, inbound decrypts);
    // used the other way it fails with a named reason and writes nothing, it never crashes.
    Pair pair(EspSuite::Parse(GetParam()));
    const auto payload = Pattern(100, 7);
    std::vector<uint8_t> esp;
    ASSERT_EQ(pair.tx.Encapsulate(5, 17, payload, esp), DropReason::NONE);
    std::vector<uint8_t> wrong;
    EXPECT_EQ(pair.rx.Encapsulate(5, 17, payload, wrong), DropReason::CRYPTO_ERROR);
    uint8_t nextHeader = 0;
    std::vector<uint8_t> plain;
    EXPECT_EQ(pair.tx.Decapsulate(ByteSpan(esp), 0, plain, nextHeader), DropReason::CRYPTO_ERROR);
    EXPECT_TRUE(plain.empty());
    ASSERT_EQ(pair.rx.Decapsulate(ByteSpan(esp), 0, plain, nextHeader), DropReason::NONE);
    EXPECT_EQ(plain, payload);
}

TEST(EspCodec, SequenceOverflowWithoutEsn)
{
    Pair pair(EspSuite::Parse("aes128gcm16"));
    std::vector<uint8_t> esp;
    EXPECT_EQ(pair.tx.Encapsulate(0xffffffffULL, 17, Pattern(4, 0), esp), DropReason::NONE);
    EXPECT_EQ(pair.tx.Encapsulate(0x100000000ULL, 17, Pattern(4, 0), esp),
              DropReason::SEQ_OVERFLOW);
    Pair esn(EspSuite::Parse("aes128gcm16-esn"));
    EXPECT_EQ(esn.tx.Encapsulate(0x100000000ULL, 17, Pattern(4, 0), esp), DropReason::NONE);
}

TEST(EspCodec, CbcCiphertextNotBlockAlignedIsMalformed)
{
    Pair pair(EspSuite::Parse("aes128-sha256"));
    std::vector<uint8_t> esp;
    ASSERT_EQ(pair.tx.Encapsulate(1, 17, Pattern(30, 0), esp), DropReason::NONE);
    // Remove 4 bytes from the ciphertext: still long enough, no longer a multiple of 16.
    esp.erase(esp.begin() + 30, esp.begin() + 34);
    std::vector<uint8_t> opened;
    uint8_t nh;
    EXPECT_EQ(pair.rx.Decapsulate(esp, 0, opened, nh), DropReason::BAD_ALIGNMENT);
}

namespace
{
/// A null-sha256 packet whose plaintext trailer we write ourselves, with a valid ICV.
std::vector<uint8_t>
NullPacketWithText(const Pair& pair, const std::vector<uint8_t>& text)
{
    std::vector<uint8_t> esp = Bytes("01020304 00000001");
    esp.insert(esp.end(), text.begin(), text.end());
    auto integrity = CreateIntegrity(*pair.suite.integrity, pair.integKey);
    std::vector<uint8_t> icv(integrity->GetIcvSize());
    EXPECT_TRUE(integrity->Compute({ByteSpan(esp)}, icv.data()));
    esp.insert(esp.end(), icv.begin(), icv.end());
    return esp;
}
} // namespace

TEST(EspCodec, AuthenticBadPadLengthIsNamed)
{
    Pair pair(EspSuite::Parse("null-sha256"));
    std::vector<uint8_t> opened;
    uint8_t nh;
    // 2 bytes of data, then pad length 3 (> 2) and next header.
    auto esp = NullPacketWithText(pair, Bytes("0102 03 11"));
    EXPECT_EQ(pair.rx.Decapsulate(esp, 0, opened, nh), DropReason::BAD_PAD_LENGTH);
}

TEST(EspCodec, AuthenticNonMonotonicPaddingIsNamed)
{
    Pair pair(EspSuite::Parse("null-sha256"));
    std::vector<uint8_t> opened;
    uint8_t nh;
    auto esp = NullPacketWithText(pair, Bytes("aa 0103 02 11"));
    EXPECT_EQ(pair.rx.Decapsulate(esp, 0, opened, nh), DropReason::BAD_PADDING);
    auto good = NullPacketWithText(pair, Bytes("aa 01 01 11"));
    EXPECT_EQ(pair.rx.Decapsulate(good, 0, opened, nh), DropReason::NONE);
    EXPECT_EQ(Hex(opened), "aa");
}

TEST(EspCodec, NullEncryptionLeavesPayloadVisible)
{
    Pair pair(EspSuite::Parse("null-sha1"));
    std::vector<uint8_t> esp;
    ASSERT_EQ(pair.tx.Encapsulate(3, 17, Bytes("cafebabe01"), esp), DropReason::NONE);
    // header | payload | padding 01 | pad length 01 | next header 11 | 12-byte ICV
    EXPECT_EQ(Hex(ByteSpan(esp.data(), 16)), "0102030400000003cafebabe01010111");
    EXPECT_EQ(esp.size(), 16u + 12u);
}

TEST(EspCodec, GmacAuthenticatesButDoesNotEncrypt)
{
    Pair pair(EspSuite::Parse("aes128gmac"));
    std::vector<uint8_t> esp;
    ASSERT_EQ(pair.tx.Encapsulate(3, 17, Bytes("cafebabe"), esp), DropReason::NONE);
    // header | IV (counter 1) | payload in clear | padding 01 02 | pad length 2 |
    // next header 17 | ICV 16
    EXPECT_EQ(Hex(ByteSpan(esp.data(), 24)),
              "0102030400000003"
              "0000000000000001"
              "cafebabe"
              "0102"
              "0211");
    EXPECT_EQ(esp.size(), 24u + 16u);
}

TEST(EspCodec, IvSources)
{
    Pair gcm(EspSuite::Parse("aes128gcm16"));
    std::vector<uint8_t> a;
    std::vector<uint8_t> b;
    ASSERT_EQ(gcm.tx.Encapsulate(1, 17, Pattern(16, 0), a), DropReason::NONE);
    ASSERT_EQ(gcm.tx.Encapsulate(1, 17, Pattern(16, 0), b), DropReason::NONE);
    EXPECT_EQ(Hex(ByteSpan(a.data() + 8, 8)), "0000000000000001");
    EXPECT_EQ(Hex(ByteSpan(b.data() + 8, 8)), "0000000000000002");
    EXPECT_NE(a, b); // same seq and payload, new IV: new ciphertext

    Pair cbc(EspSuite::Parse("aes128-sha1"));
    ASSERT_EQ(cbc.tx.Encapsulate(1, 17, Pattern(16, 0), a), DropReason::NONE);
    ASSERT_EQ(cbc.tx.Encapsulate(1, 17, Pattern(16, 0), b), DropReason::NONE);
    EXPECT_NE(Hex(ByteSpan(a.data() + 8, 16)), Hex(ByteSpan(b.data() + 8, 16)));
}

TEST(EspCodec, ConfigurationErrors)
{
    const EspSuite gcm = EspSuite::Parse("aes128gcm16");
    const std::vector<uint8_t> key20(20);
    EXPECT_NO_THROW(EspCodec(0x1000, gcm, key20));
    EXPECT_THROW(EspCodec(0x1000, gcm, std::vector<uint8_t>(16)), ConfigError);
    EXPECT_THROW(EspCodec(0x1000, gcm, key20, std::vector<uint8_t>(32)), ConfigError);
    const EspSuite cbc = EspSuite::Parse("aes128-sha256");
    EXPECT_THROW(EspCodec(0x1000, cbc, std::vector<uint8_t>(16), std::vector<uint8_t>(16)),
                 ConfigError);
    EXPECT_THROW(EspCodec(0x1000, EspSuite(), key20), ConfigError);
}

// Garbage of every length up to 300 bytes, for every suite: always dropped with a reason,
// never accepted, never read out of bounds (the ASan build runs this too).
TEST(EspCodec, RandomGarbageIsDropped)
{
    std::mt19937 rng(4303);
    for (const char* text : kSuites)
    {
        Pair pair(EspSuite::Parse(text));
        std::vector<uint8_t> opened;
        uint8_t nh;
        for (size_t size = 0; size <= 300; ++size)
        {
            const std::vector<uint8_t> garbage = RandomBytes(rng, size);
            EXPECT_NE(pair.rx.Decapsulate(garbage, 0, opened, nh), DropReason::NONE)
                << text << " size " << size;
        }
    }
}

TEST(EspCodec, SuitesAssembledByHandAreValidated)
{
    EspSuite nullOnly;
    nullOnly.encryption = FindTransformByKeyword("null");
    EXPECT_THROW(EspCodec(0x1000, nullOnly, ByteSpan()), ConfigError); // RFC 4303 §3.2

    EspSuite aeadWithInteg;
    aeadWithInteg.encryption = FindTransformByKeyword("aes128gcm16");
    aeadWithInteg.integrity = FindTransformByKeyword("sha256");
    EXPECT_THROW(
        EspCodec(0x1000, aeadWithInteg, std::vector<uint8_t>(20), std::vector<uint8_t>(32)),
        ConfigError); // RFC 7296 §3.3

    EspSuite cbcAlone;
    cbcAlone.encryption = FindTransformByKeyword("aes128");
    EXPECT_THROW(EspCodec(0x1000, cbcAlone, std::vector<uint8_t>(16)), ConfigError);

    EspCodec gcm(0x1000, EspSuite::Parse("aes128gcm16"), std::vector<uint8_t>(20));
    EXPECT_THROW(gcm.SetIvGenerator(nullptr), ConfigError);
}

TEST(EspCodec, FailureLeavesNoPlaintext)
{
    Pair pair(EspSuite::Parse("aes128gcm16"));
    std::vector<uint8_t> esp;
    ASSERT_EQ(pair.tx.Encapsulate(1, 6, Pattern(64, 0), esp), DropReason::NONE);
    esp[20] ^= 1;
    std::vector<uint8_t> opened{1, 2, 3};
    uint8_t nh = 99;
    EXPECT_EQ(pair.rx.Decapsulate(esp, 0, opened, nh), DropReason::ICV_FAILURE);
    EXPECT_TRUE(opened.empty());
    EXPECT_EQ(nh, 99);
}

// The per-SA contexts carry no state from one packet to the next: after forged packets and
// after a CTR packet ending in a partial block, results equal those of fresh contexts.
TEST_P(EspCodecSuites, ContextsCarryNoStateBetweenPackets)
{
    Pair used(EspSuite::Parse(GetParam()));
    std::vector<uint8_t> first;
    ASSERT_EQ(used.tx.Encapsulate(1, 17, Pattern(21, 1), first), DropReason::NONE);
    std::vector<uint8_t> opened;
    uint8_t nh;
    auto forged = first;
    forged[forged.size() - 1] ^= 1;
    ASSERT_EQ(used.rx.Decapsulate(forged, 0, opened, nh), DropReason::ICV_FAILURE);

    Pair fresh(EspSuite::Parse(GetParam()));
    fresh.tx.SetIvGenerator(std::make_unique<CounterIvGenerator>(2));
    used.tx.SetIvGenerator(std::make_unique<CounterIvGenerator>(2));
    std::vector<uint8_t> a;
    std::vector<uint8_t> b;
    ASSERT_EQ(used.tx.Encapsulate(2, 17, Pattern(40, 2), a), DropReason::NONE);
    ASSERT_EQ(fresh.tx.Encapsulate(2, 17, Pattern(40, 2), b), DropReason::NONE);
    EXPECT_EQ(Hex(a), Hex(b));
    ASSERT_EQ(used.rx.Decapsulate(a, 0, opened, nh), DropReason::NONE);
    EXPECT_EQ(opened, Pattern(40, 2));
}

// ESN placement checked independently of EspCodec: ICV = HMAC(SPI..ciphertext | seq high)
// (RFC 4303 §2.2.1); AEAD AAD = SPI | seq high | seq low (RFC 4106 §5, RFC 7634 §2.1); GMAC
// AAD = SPI | seq high | seq low | IV | plaintext (RFC 4543 §3.3).
TEST(EspCodec, EsnPlacementMatchesIndependentComputation)
{
    const uint64_t seq = 0x0000000700000001ULL;
    const auto payload = Pattern(30, 4);
    {
        Pair pair(EspSuite::Parse("aes128-sha256-esn"));
        std::vector<uint8_t> esp;
        ASSERT_EQ(pair.tx.Encapsulate(seq, 17, payload, esp), DropReason::NONE);
        OpensslHmac hmac("SHA256");
        ASSERT_TRUE(hmac.SetKey(pair.integKey));
        std::vector<uint8_t> full(32);
        const auto high = Bytes("00000007");
        ASSERT_TRUE(
            hmac.Compute({ByteSpan(esp.data(), esp.size() - 16), ByteSpan(high)}, full.data()));
        EXPECT_EQ(Hex(ByteSpan(full.data(), 16)), Hex(ByteSpan(esp.data() + esp.size() - 16, 16)));
    }
    for (const char* suite : {"aes128gcm16-esn", "chacha20poly1305-esn", "aes128gmac-esn"})
    {
        Pair pair(EspSuite::Parse(suite));
        std::vector<uint8_t> esp;
        ASSERT_EQ(pair.tx.Encapsulate(seq, 17, payload, esp), DropReason::NONE);
        auto aead = CreateAead(*pair.suite.encryption, pair.encKey);
        const auto aad = Bytes("01020304 00000007 00000001");
        const ByteSpan iv(esp.data() + 8, 8);
        std::vector<uint8_t> text(esp.begin() + 16, esp.end() - 16);
        std::vector<uint8_t> tag(16);
        if (aead->IsEncrypting())
        {
            std::vector<uint8_t> plain = payload;
            plain.insert(plain.end(), {0x00, 17}); // 30 + 2 is aligned: pad length 0, next header
            ASSERT_TRUE(
                aead->Encrypt(iv.data, {ByteSpan(aad)}, plain.data(), plain.size(), tag.data()));
            EXPECT_EQ(Hex(plain), Hex(text)) << suite;
        }
        else
        {
            ASSERT_TRUE(aead->Encrypt(iv.data,
                                      {ByteSpan(aad), iv, ByteSpan(text)},
                                      nullptr,
                                      0,
                                      tag.data()));
        }
        EXPECT_EQ(Hex(tag), Hex(ByteSpan(esp.data() + esp.size() - 16, 16))) << suite;
    }
}

TEST(EspCodec, EsnBoundaryLowHalfZero)
{
    Pair pair(EspSuite::Parse("aes256gcm16-esn"));
    std::vector<uint8_t> esp;
    ASSERT_EQ(pair.tx.Encapsulate(0x100000000ULL, 17, Pattern(10, 0), esp), DropReason::NONE);
    EXPECT_EQ(Hex(ByteSpan(esp.data() + 4, 4)), "00000000");
    std::vector<uint8_t> opened;
    uint8_t nh;
    EXPECT_EQ(pair.rx.Decapsulate(esp, 1, opened, nh), DropReason::NONE);
    EXPECT_EQ(pair.rx.Decapsulate(esp, 0, opened, nh), DropReason::ICV_FAILURE);
}

INSTANTIATE_TEST_SUITE_P(Suites,
                         EspCodecSuites,
                         ::testing::ValuesIn(kSuites),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                             std::string name = info.param;
                             for (auto& c : name)
                             {
                                 c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             }
                             return name;
                         });
