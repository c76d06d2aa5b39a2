// SPDX-License-Identifier: GPL-2.0-only
// IKE PRF known answers: RFC 4868 §2.7.1 (PRF_HMAC_SHA2_*), RFC 4434 §2.1 (PRF_AES128_XCBC
// with 10-, 16- and 18-byte keys), RFC 2202 through PRF_HMAC_SHA1.

#include "ipsec-test-util.h"
#include "ipsec-test-vectors.h"

#include "ns3/ipsec-crypto-factory.h"

#include <gtest/gtest.h>

using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{
const char*
PrfKeyword(const std::string& prf)
{
    if (prf == "hmac-sha256")
    {
        return "prfsha256";
    }
    if (prf == "hmac-sha384")
    {
        return "prfsha384";
    }
    if (prf == "hmac-sha512")
    {
        return "prfsha512";
    }
    return prf == "aes128-xcbc" ? "prfaesxcbc" : "prfsha1";
}

void
CheckPrf(const char* keyword,
         const char* source,
         const char* key,
         const char* data,
         const char* out)
{
    const TransformInfo* info = FindTransformByKeyword(keyword);
    ASSERT_NE(info, nullptr) << keyword;
    auto prf = CreatePrf(*info);
    ASSERT_TRUE(prf->SetKey(Bytes(key))) << source;
    std::vector<uint8_t> result(prf->GetOutputSize());
    ASSERT_TRUE(prf->Compute({ByteSpan(Bytes(data))}, result.data())) << source;
    EXPECT_EQ(Hex(result), Hex(Bytes(out))) << source;
}
} // namespace

TEST(PrfKat, Rfc4868HmacSha2)
{
    for (const auto& v : kRfc4868Prf)
    {
        CheckPrf(PrfKeyword(v.prf), v.source, v.key, v.data, v.out);
    }
}

TEST(PrfKat, Rfc4434AesXcbcPrf128AnyKeyLength)
{
    for (const auto& v : kRfc4434AesXcbcPrf)
    {
        CheckPrf("prfaesxcbc", v.source, v.key, v.data, v.out);
    }
}

TEST(PrfKat, Rfc2202ThroughPrfHmacSha1)
{
    for (const auto& v : kRfc2202Sha1)
    {
        if (v.truncBits == 0)
        {
            CheckPrf("prfsha1", v.source, v.key, v.data, v.mac);
        }
    }
}

TEST(PrfKat, RekeyingChangesOutput)
{
    auto prf = CreatePrf(*FindTransformByKeyword("prfsha256"));
    std::vector<uint8_t> a(32);
    std::vector<uint8_t> b(32);
    const auto data = Bytes("00");
    ASSERT_TRUE(prf->SetKey(Bytes("01")) && prf->Compute({ByteSpan(data)}, a.data()));
    ASSERT_TRUE(prf->SetKey(Bytes("02")) && prf->Compute({ByteSpan(data)}, b.data()));
    EXPECT_NE(a, b);
    ASSERT_TRUE(prf->SetKey(Bytes("01")) && prf->Compute({ByteSpan(data)}, b.data()));
    EXPECT_EQ(a, b);
}
