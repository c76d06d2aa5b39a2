// SPDX-License-Identifier: GPL-2.0-only
// AES-GCM (RFC 4106) and AES-GMAC (RFC 4543) ESP known answers: the packet test cases of
// draft-mcgrew-gcm-test-01, with and without ESN, as whole packets and at the AEAD interface.

#include "ipsec-test-util.h"
#include "ipsec-test-vectors.h"

#include "ns3/ipsec-crypto-factory.h"
#include "ns3/ipsec-esp-codec.h"

#include <gtest/gtest.h>

using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{
const TransformInfo*
RowFor(const GcmEspVector& v)
{
    const uint16_t id = v.gmac ? encr::NULL_AUTH_AES_GMAC : encr::AES_GCM_16;
    return FindTransform(TransformType::ENCR, id, Bytes(v.key).size() * 8);
}

} // namespace

TEST(GcmKat, McGrewPacketsThroughEspCodec)
{
    size_t gmac = 0;
    size_t esn = 0;
    for (const auto& v : kMcgrewGcmEsp)
    {
        const TransformInfo* row = RowFor(v);
        ASSERT_NE(row, nullptr) << v.source;
        EspSuite suite;
        suite.encryption = row;
        suite.esn = v.esn;
        const uint32_t spi = static_cast<uint32_t>(SequenceNumber(v.spi));
        EspCodec codec(spi, suite, KeyMat(v.key, v.salt));
        codec.SetIvGenerator(std::make_unique<FixedIvGenerator>(Bytes(v.iv)));

        // The printed plaintext is payload | padding | pad length | next header.
        const auto plaintext = Bytes(v.plaintext);
        const uint8_t nextHeader = plaintext.back();
        const size_t padLength = plaintext[plaintext.size() - 2];
        const std::vector<uint8_t> payload(plaintext.begin(), plaintext.end() - 2 - padLength);
        const uint64_t seq = SequenceNumber(v.seq);
        std::vector<uint8_t> esp;
        ASSERT_EQ(codec.Encapsulate(seq, nextHeader, payload, esp), DropReason::NONE);
        EXPECT_EQ(Hex(esp), Hex(Bytes(v.packet))) << v.source;

        std::vector<uint8_t> opened;
        uint8_t nh = 0;
        ASSERT_EQ(codec.Decapsulate(Bytes(v.packet), static_cast<uint32_t>(seq >> 32), opened, nh),
                  DropReason::NONE)
            << v.source;
        EXPECT_EQ(Hex(opened), Hex(payload)) << v.source;
        EXPECT_EQ(nh, nextHeader);
        gmac += v.gmac ? 1 : 0;
        esn += v.esn ? 1 : 0;
    }
    EXPECT_GE(gmac, 1u);
    EXPECT_GE(esn, 1u);
}

TEST(GcmKat, McGrewAtAeadInterface)
{
    for (const auto& v : kMcgrewGcmEsp)
    {
        auto aead = CreateAead(*RowFor(v), KeyMat(v.key, v.salt));
        const auto iv = Bytes(v.iv);
        const auto aad = Bytes(v.aad);
        // GMAC: everything is AAD (SPI | seq | IV | plaintext), nothing is encrypted.
        auto data = v.gmac ? std::vector<uint8_t>() : Bytes(v.plaintext);
        std::vector<uint8_t> tag(aead->GetIcvSize());
        ASSERT_TRUE(
            aead->Encrypt(iv.data(), {ByteSpan(aad)}, data.data(), data.size(), tag.data()));
        if (!v.gmac)
        {
            EXPECT_EQ(Hex(data), Hex(Bytes(v.ciphertext))) << v.source;
        }
        EXPECT_EQ(Hex(tag), Hex(Bytes(v.tag))) << v.source;
        EXPECT_TRUE(aead->Decrypt(iv.data(), {ByteSpan(aad)}, data.data(), data.size(), tag.data()))
            << v.source;
        tag[0] ^= 1;
        EXPECT_FALSE(
            aead->Decrypt(iv.data(), {ByteSpan(aad)}, data.data(), data.size(), tag.data()))
            << v.source;
    }
}

// RFC 4106 ICV lengths 8 and 12 are the leftmost bytes of the 16-byte tag.
TEST(GcmKat, TruncatedIcvsArePrefixes)
{
    const auto& v = kMcgrewGcmEsp[1];
    const auto key = KeyMat(v.key, v.salt);
    const auto iv = Bytes(v.iv);
    const auto aad = Bytes(v.aad);
    for (uint16_t id : {encr::AES_GCM_8, encr::AES_GCM_12})
    {
        auto aead = CreateAead(*FindTransform(TransformType::ENCR, id, 128), key);
        auto data = Bytes(v.plaintext);
        std::vector<uint8_t> tag(aead->GetIcvSize());
        ASSERT_TRUE(
            aead->Encrypt(iv.data(), {ByteSpan(aad)}, data.data(), data.size(), tag.data()));
        EXPECT_EQ(Hex(data), Hex(Bytes(v.ciphertext)));
        EXPECT_EQ(Hex(tag), Hex(Bytes(v.tag)).substr(0, tag.size() * 2));
        EXPECT_TRUE(
            aead->Decrypt(iv.data(), {ByteSpan(aad)}, data.data(), data.size(), tag.data()));
    }
}
