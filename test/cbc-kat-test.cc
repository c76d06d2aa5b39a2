// SPDX-License-Identifier: GPL-2.0-only
// AES-CBC known answers (RFC 3602 §4): cases #1-#4 through the cipher, cases #5-#8 as whole
// ESP packets built and opened by EspCodec.

#include "ipsec-test-util.h"
#include "ipsec-test-vectors.h"

#include "ns3/ipsec-crypto-factory.h"
#include "ns3/ipsec-esp-codec.h"

#include <gtest/gtest.h>

using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

TEST(CbcKat, Rfc3602Cases1To4)
{
    for (const auto& v : kRfc3602AesCbc)
    {
        auto cipher = CreateCipher(*FindTransformByKeyword("aes128"), Bytes(v.key));
        const auto iv = Bytes(v.iv);
        auto data = Bytes(v.plaintext);
        ASSERT_TRUE(cipher->Encrypt(iv.data(), data.data(), data.size()));
        EXPECT_EQ(Hex(data), Hex(Bytes(v.ciphertext))) << v.source;
        ASSERT_TRUE(cipher->Decrypt(iv.data(), data.data(), data.size()));
        EXPECT_EQ(Hex(data), Hex(Bytes(v.plaintext))) << v.source;
    }
}

TEST(CbcKat, PartialBlockRefused)
{
    auto cipher = CreateCipher(*FindTransformByKeyword("aes128"), std::vector<uint8_t>(16));
    std::vector<uint8_t> iv(16);
    std::vector<uint8_t> data(15);
    EXPECT_FALSE(cipher->Encrypt(iv.data(), data.data(), data.size()));
}

// RFC 3602's ESP cases use AES-CBC without an integrity algorithm (confidentiality only).
TEST(CbcKat, Rfc3602EspPackets)
{
    size_t checked = 0;
    for (const auto& v : kRfc3602AesCbcEsp)
    {
        const EspSuite suite = EspSuite::ConfidentialityOnly(FindTransformByKeyword("aes128"));
        const uint32_t spi = static_cast<uint32_t>(SequenceNumber(v.spi));
        EspCodec codec(spi, suite, Bytes(v.key));
        codec.SetIvGenerator(std::make_unique<FixedIvGenerator>(Bytes(v.iv)));

        const auto plaintext = Bytes(v.plaintext);
        const uint8_t nextHeader = plaintext.back();
        const auto payload = Bytes(v.payload);
        std::vector<uint8_t> esp;
        ASSERT_EQ(codec.Encapsulate(SequenceNumber(v.seq), nextHeader, payload, esp),
                  DropReason::NONE);
        EXPECT_EQ(Hex(esp), Hex(Bytes(v.espPacket))) << v.source;

        std::vector<uint8_t> opened;
        uint8_t nh = 0;
        ASSERT_EQ(codec.Decapsulate(Bytes(v.espPacket), 0, opened, nh), DropReason::NONE)
            << v.source;
        EXPECT_EQ(Hex(opened), Hex(payload)) << v.source;
        EXPECT_EQ(nh, nextHeader);

        // Where the RFC prints the whole datagram: IPv4 header (protocol 50, total length
        // 20 + our ESP length) followed by exactly our bytes.
        if (std::string(v.ipHeader).size() != 0)
        {
            const auto ip = Bytes(v.ipHeader);
            ASSERT_EQ(ip.size(), 20u);
            EXPECT_EQ(ip[9], 50);
            EXPECT_EQ((ip[2] << 8 | ip[3]), static_cast<int>(20 + esp.size()));
            std::vector<uint8_t> datagram = ip;
            datagram.insert(datagram.end(), esp.begin(), esp.end());
            EXPECT_EQ(Hex(datagram), Hex(Bytes(v.packet))) << v.source;
        }
        ++checked;
    }
    EXPECT_EQ(checked, 4u);
}
