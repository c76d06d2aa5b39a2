// SPDX-License-Identifier: GPL-2.0-only
// ChaCha20-Poly1305 known answers (RFC 7634): Appendix A as a whole ESP packet, Appendix B
// (IKEv2) at the AEAD interface.

#include "ipsec-test-util.h"
#include "ipsec-test-vectors.h"

#include "ns3/ipsec-crypto-factory.h"
#include "ns3/ipsec-esp-codec.h"

#include <gtest/gtest.h>

using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

TEST(ChachaKat, Rfc7634AppendixAEspPacket)
{
    const ChachaEspVector& v = kRfc7634Chacha20Poly1305[0];
    const EspSuite suite = EspSuite::Parse("chacha20poly1305");
    EspCodec codec(static_cast<uint32_t>(SequenceNumber(v.spi)), suite, KeyMat(v.key, v.salt));
    codec.SetIvGenerator(std::make_unique<FixedIvGenerator>(Bytes(v.iv)));
    const auto plaintext = Bytes(v.plaintext);
    const uint8_t nextHeader = plaintext.back();
    const size_t padLength = plaintext[plaintext.size() - 2];
    const std::vector<uint8_t> payload(plaintext.begin(), plaintext.end() - 2 - padLength);
    std::vector<uint8_t> esp;
    ASSERT_EQ(codec.Encapsulate(SequenceNumber(v.seq), nextHeader, payload, esp), DropReason::NONE);
    EXPECT_EQ(Hex(esp), Hex(Bytes(v.packet)));

    std::vector<uint8_t> opened;
    uint8_t nh = 0;
    ASSERT_EQ(codec.Decapsulate(Bytes(v.packet), 0, opened, nh), DropReason::NONE);
    EXPECT_EQ(Hex(opened), Hex(payload));
    EXPECT_EQ(nh, 4); // the example protects an IPv4 datagram (tunnel mode)
}

TEST(ChachaKat, Rfc7634AppendixBIkev2)
{
    const ChachaEspVector& v = kRfc7634Chacha20Poly1305[1];
    auto aead = CreateAead(*FindTransformByKeyword("chacha20poly1305"), KeyMat(v.key, v.salt));
    const auto iv = Bytes(v.iv);
    const auto aad = Bytes(v.aad);
    auto data = Bytes(v.plaintext);
    std::vector<uint8_t> tag(16);
    ASSERT_TRUE(aead->Encrypt(iv.data(), {ByteSpan(aad)}, data.data(), data.size(), tag.data()));
    EXPECT_EQ(Hex(data), Hex(Bytes(v.ciphertext)));
    EXPECT_EQ(Hex(tag), Hex(Bytes(v.tag)));
    ASSERT_TRUE(aead->Decrypt(iv.data(), {ByteSpan(aad)}, data.data(), data.size(), tag.data()));
    EXPECT_EQ(Hex(data), Hex(Bytes(v.plaintext)));
    // AAD split into parts (IKE header | encrypted payload header) gives the same tag.
    auto again = Bytes(v.plaintext);
    std::vector<uint8_t> tag2(16);
    ASSERT_TRUE(
        aead->Encrypt(iv.data(),
                      {ByteSpan(aad.data(), 28), ByteSpan(aad.data() + 28, aad.size() - 28)},
                      again.data(),
                      again.size(),
                      tag2.data()));
    EXPECT_EQ(tag2, tag);
}
