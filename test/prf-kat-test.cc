// SPDX-License-Identifier: GPL-2.0-only
// IKE PRF known answers: RFC 4868 §2.7.1 (PRF_HMAC_SHA2_*), RFC 4434 §2.1 (PRF_AES128_XCBC
// with 10-, 16- and 18-byte keys), RFC 2202 through PRF_HMAC_SHA1; prf+ (RFC 7296 §2.13).

#include "ipsec-test-util.h"
#include "ipsec-test-vectors.h"

#include "ns3/ike-prf.h"
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

// prf+ (RFC 7296 §2.13) counts blocks in one octet: 255 PRF outputs at most.
TEST(PrfKat, PrfPlusStopsAt255Blocks)
{
    for (const char* keyword : {"prfsha1", "prfaesxcbc", "prfsha512"})
    {
        auto prf = CreatePrf(*FindTransformByKeyword(keyword));
        const size_t max = PRF_PLUS_MAX_BLOCKS * prf->GetOutputSize();
        const auto key = Bytes("000102030405060708090a0b0c0d0e0f");
        const auto seed = Bytes("a0a1a2a3");
        EXPECT_EQ(PrfPlus(*prf, key, {seed}, max).size(), max) << keyword;
        const std::string what = WhatOf([&]() { PrfPlus(*prf, key, {seed}, max + 1); });
        EXPECT_NE(what.find("at most 255 PRF outputs"), std::string::npos) << what;
        EXPECT_NE(what.find("256 outputs"), std::string::npos) << what;
    }
}

// T1 = prf(K, S | 0x01), T2 = prf(K, T1 | S | 0x02); a shorter output is a prefix of a longer
// one, and the seed's parts concatenate.
TEST(PrfKat, PrfPlusChainsBlocksWithACounter)
{
    auto prf = CreatePrf(*FindTransformByKeyword("prfsha256"));
    const auto key = Bytes("0b0b0b0b");
    const auto s1 = Bytes("0102");
    const auto s2 = Bytes("030405");
    const auto out = PrfPlus(*prf, key, {s1, ByteSpan(), s2}, 70);
    ASSERT_EQ(out.size(), 70u);
    std::vector<uint8_t> t1(32);
    std::vector<uint8_t> t2(32);
    std::vector<uint8_t> t3(32);
    const auto one = Bytes("01");
    const auto two = Bytes("02");
    const auto three = Bytes("03");
    const auto s = Bytes("0102030405");
    ASSERT_TRUE(prf->SetKey(key));
    ASSERT_TRUE(prf->Compute({s, one}, t1.data()));
    ASSERT_TRUE(prf->Compute({t1, s, two}, t2.data()));
    ASSERT_TRUE(prf->Compute({t2, s, three}, t3.data()));
    EXPECT_EQ(Hex(out), Hex(t1) + Hex(t2) + Hex(ByteSpan(t3.data(), 6)));
    EXPECT_EQ(Hex(PrfPlus(*prf, key, {s}, 33)), Hex(ByteSpan(out.data(), 33)));
    EXPECT_TRUE(PrfPlus(*prf, key, {s}, 0).empty());
}
