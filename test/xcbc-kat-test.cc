// SPDX-License-Identifier: GPL-2.0-only
// AES-XCBC-MAC known answers (RFC 3566 §4.6), full and as AUTH_AES_XCBC_96.

#include "ipsec-test-util.h"
#include "ipsec-test-vectors.h"

#include "ns3/ipsec-aes-xcbc.h"
#include "ns3/ipsec-crypto-factory.h"

#include <gtest/gtest.h>

using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

TEST(XcbcKat, Rfc3566FullMac)
{
    for (const auto& v : kRfc3566AesXcbc)
    {
        AesXcbc xcbc;
        ASSERT_TRUE(xcbc.SetKey(Bytes(v.key)));
        std::vector<uint8_t> mac(AesXcbc::SIZE);
        ASSERT_TRUE(xcbc.Compute({ByteSpan(Bytes(v.message))}, mac.data()));
        EXPECT_EQ(Hex(mac), Hex(Bytes(v.mac))) << v.source;
    }
}

TEST(XcbcKat, Rfc3566Mac96ThroughIntegrityTransform)
{
    for (const auto& v : kRfc3566AesXcbc)
    {
        auto integrity = CreateIntegrity(*FindTransformByKeyword("aesxcbc"), Bytes(v.key));
        std::vector<uint8_t> icv(integrity->GetIcvSize());
        ASSERT_EQ(icv.size(), 12u);
        ASSERT_TRUE(integrity->Compute({ByteSpan(Bytes(v.message))}, icv.data()));
        EXPECT_EQ(Hex(icv), Hex(Bytes(v.mac96))) << v.source;
    }
}

// Block boundaries falling inside and between parts give the same MAC.
TEST(XcbcKat, PartsAcrossBlockBoundaries)
{
    for (const auto& v : kRfc3566AesXcbc)
    {
        const auto message = Bytes(v.message);
        AesXcbc xcbc;
        ASSERT_TRUE(xcbc.SetKey(Bytes(v.key)));
        for (size_t cut = 0; cut <= message.size(); ++cut)
        {
            std::vector<uint8_t> mac(AesXcbc::SIZE);
            ASSERT_TRUE(xcbc.Compute({ByteSpan(message.data(), cut),
                                      ByteSpan(),
                                      ByteSpan(message.data() + cut, message.size() - cut)},
                                     mac.data()));
            EXPECT_EQ(Hex(mac), Hex(Bytes(v.mac))) << v.source << " cut " << cut;
        }
    }
}

TEST(XcbcKat, WrongKeyLengthRefused)
{
    AesXcbc xcbc;
    EXPECT_FALSE(xcbc.SetKey(Bytes("0001020304")));
    std::vector<uint8_t> mac(AesXcbc::SIZE);
    EXPECT_FALSE(xcbc.Compute({}, mac.data()));
}
