// SPDX-License-Identifier: GPL-2.0-only
// HMAC known answers: RFC 2202 (SHA-1), RFC 4231 (SHA-256/384/512), RFC 4868 §2.7.2
// (HMAC-SHA-256-128, -384-192, -512-256 as ESP/AH integrity algorithms).

#include "ipsec-test-util.h"
#include "ipsec-test-vectors.h"

#include "ns3/ipsec-crypto-factory.h"
#include "ns3/ipsec-openssl-hmac.h"

#include <gtest/gtest.h>

using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{
const char*
Digest(const std::string& hash)
{
    if (hash == "sha1")
    {
        return "SHA1";
    }
    if (hash == "sha256")
    {
        return "SHA256";
    }
    return hash == "sha384" ? "SHA384" : "SHA512";
}

void
CheckHmac(const HmacVector& v)
{
    OpensslHmac hmac(Digest(v.hash));
    ASSERT_TRUE(hmac.SetKey(Bytes(v.key)));
    std::vector<uint8_t> out(hmac.GetSize());
    const auto data = Bytes(v.data);
    ASSERT_TRUE(hmac.Compute({ByteSpan(data)}, out.data()));
    const size_t size = v.truncBits ? v.truncBits / 8 : out.size();
    EXPECT_EQ(Hex(ByteSpan(out.data(), size)), Hex(Bytes(v.mac))) << v.source;
    // The same MAC over the message in three parts (how ESN high bits are fed).
    if (data.size() >= 2)
    {
        std::vector<uint8_t> split(hmac.GetSize());
        const size_t a = data.size() / 3;
        const size_t b = data.size() / 2;
        ASSERT_TRUE(hmac.Compute({ByteSpan(data.data(), a),
                                  ByteSpan(data.data() + a, b - a),
                                  ByteSpan(data.data() + b, data.size() - b)},
                                 split.data()));
        EXPECT_EQ(split, out) << v.source;
    }
}
} // namespace

TEST(HmacKat, Rfc2202Sha1)
{
    for (const auto& v : kRfc2202Sha1)
    {
        CheckHmac(v);
    }
}

TEST(HmacKat, Rfc4231Sha256)
{
    for (const auto& v : kRfc4231Sha256)
    {
        CheckHmac(v);
    }
}

TEST(HmacKat, Rfc4231Sha384)
{
    for (const auto& v : kRfc4231Sha384)
    {
        CheckHmac(v);
    }
}

TEST(HmacKat, Rfc4231Sha512)
{
    for (const auto& v : kRfc4231Sha512)
    {
        CheckHmac(v);
    }
}

// RFC 4868 §2.7.2: the truncated outputs, through the integrity transforms ESP and AH use.
TEST(HmacKat, Rfc4868IntegrityTransforms)
{
    size_t checked = 0;
    for (const auto& v : kRfc4868Auth)
    {
        const std::string keyword = v.hash;
        const TransformInfo* info = FindTransformByKeyword(keyword);
        ASSERT_NE(info, nullptr) << keyword;
        ASSERT_EQ(info->type, TransformType::INTEG);
        ASSERT_EQ(info->icvSize * 8u, v.truncBits) << v.source;
        auto integrity = CreateIntegrity(*info, Bytes(v.key));
        std::vector<uint8_t> icv(integrity->GetIcvSize());
        ASSERT_TRUE(integrity->Compute({ByteSpan(Bytes(v.data))}, icv.data()));
        EXPECT_EQ(Hex(icv), Hex(Bytes(v.mac))) << v.source;
        EXPECT_TRUE(integrity->Verify({ByteSpan(Bytes(v.data))}, icv.data())) << v.source;
        icv.back() ^= 1;
        EXPECT_FALSE(integrity->Verify({ByteSpan(Bytes(v.data))}, icv.data())) << v.source;
        ++checked;
    }
    EXPECT_EQ(checked, 12u);
}

// RFC 2202 test case 5 prints HMAC-SHA-1-96, the ESP/AH AUTH_HMAC_SHA1_96 ICV (RFC 2404).
TEST(HmacKat, Rfc2202Sha1Truncated96IsAuthHmacSha1_96)
{
    bool found = false;
    for (const auto& v : kRfc2202Sha1)
    {
        if (v.truncBits != 96)
        {
            continue;
        }
        found = true;
        auto integrity = CreateIntegrity(*FindTransformByKeyword("sha1"), Bytes(v.key));
        std::vector<uint8_t> icv(12);
        ASSERT_TRUE(integrity->Compute({ByteSpan(Bytes(v.data))}, icv.data()));
        EXPECT_EQ(Hex(icv), Hex(Bytes(v.mac))) << v.source;
    }
    EXPECT_TRUE(found);
}
