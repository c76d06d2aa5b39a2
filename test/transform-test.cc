// SPDX-License-Identifier: GPL-2.0-only

#include "ns3/ipsec-transform.h"

#include <gtest/gtest.h>
#include <set>
#include <tuple>

using namespace ns3::ipsec;

TEST(TransformTable, IanaIdsAndSizes)
{
    // (type, IANA id, key bits) -> key bytes incl. salt, IV, block, ICV; from the RFCs cited
    // in ipsec-transform.cc.
    struct Row
    {
        TransformType type;
        uint16_t id;
        uint16_t bits;
        uint8_t key, iv, block, icv;
    };

    const Row expected[] = {
        {TransformType::ENCR, 3, 0, 24, 8, 8, 0},      // 3DES
        {TransformType::ENCR, 11, 0, 0, 0, 1, 0},      // NULL
        {TransformType::ENCR, 12, 128, 16, 16, 16, 0}, // AES-CBC
        {TransformType::ENCR, 12, 256, 32, 16, 16, 0},
        {TransformType::ENCR, 13, 128, 20, 8, 1, 0},  // AES-CTR + nonce
        {TransformType::ENCR, 18, 128, 20, 8, 1, 8},  // GCM-8
        {TransformType::ENCR, 19, 192, 28, 8, 1, 12}, // GCM-12
        {TransformType::ENCR, 20, 256, 36, 8, 1, 16}, // GCM-16
        {TransformType::ENCR, 21, 128, 20, 8, 1, 16}, // GMAC
        {TransformType::ENCR, 28, 0, 36, 8, 1, 16},   // ChaCha20-Poly1305
        {TransformType::INTEG, 2, 0, 20, 0, 1, 12},   // HMAC-SHA1-96
        {TransformType::INTEG, 5, 0, 16, 0, 1, 12},   // AES-XCBC-96
        {TransformType::INTEG, 12, 0, 32, 0, 1, 16},  // HMAC-SHA2-256-128
        {TransformType::INTEG, 13, 0, 48, 0, 1, 24},
        {TransformType::INTEG, 14, 0, 64, 0, 1, 32},
        {TransformType::PRF, 2, 0, 20, 0, 1, 20},
        {TransformType::PRF, 4, 0, 16, 0, 1, 16},
        {TransformType::PRF, 5, 0, 32, 0, 1, 32},
        {TransformType::PRF, 7, 0, 64, 0, 1, 64},
    };
    for (const auto& row : expected)
    {
        const TransformInfo* info = FindTransform(row.type, row.id, row.bits);
        ASSERT_NE(info, nullptr) << "id " << row.id << " bits " << row.bits;
        EXPECT_EQ(info->keySize, row.key) << info->keyword;
        EXPECT_EQ(info->ivSize, row.iv) << info->keyword;
        EXPECT_EQ(info->blockSize, row.block) << info->keyword;
        EXPECT_EQ(info->icvSize, row.icv) << info->keyword;
    }
    EXPECT_EQ(FindTransform(TransformType::ENCR, 12, 100), nullptr);
    EXPECT_EQ(FindTransform(TransformType::ENCR, 99, 0), nullptr);
}

TEST(TransformTable, RowsAreUniqueAndConsistent)
{
    std::set<std::tuple<int, int, int>> ids;
    std::set<std::string> keywords;
    for (const auto& row : GetTransformTable())
    {
        EXPECT_TRUE(ids.emplace(int(row.type), row.id, row.keyLengthBits).second) << row.keyword;
        EXPECT_TRUE(keywords.insert(row.keyword).second) << row.keyword;
        EXPECT_EQ(FindTransformByKeyword(row.keyword), &row);
        EXPECT_GE(row.keySize, row.saltSize);
        EXPECT_EQ(row.IsAead(), row.type == TransformType::ENCR && row.icvSize != 0);
        if (row.keyLengthBits != 0)
        {
            EXPECT_EQ(row.GetCipherKeySize() * 8u, row.keyLengthBits) << row.keyword;
        }
    }
}

TEST(TransformTable, KeywordsAndAliases)
{
    EXPECT_EQ(FindTransformByKeyword("aes128gcm16"), FindTransformByKeyword("aes128gcm128"));
    EXPECT_EQ(FindTransformByKeyword("aes128gcm"), FindTransformByKeyword("aes128gcm16"));
    EXPECT_EQ(FindTransformByKeyword("AES256"), FindTransformByKeyword("aes256"));
    EXPECT_EQ(FindTransformByKeyword("aes")->keyLengthBits, 128);
    EXPECT_EQ(FindTransformByKeyword("sha2_256"), FindTransformByKeyword("sha256"));
    EXPECT_EQ(FindTransformByKeyword("sha256")->type, TransformType::INTEG);
    EXPECT_EQ(FindTransformByKeyword("prfsha256")->type, TransformType::PRF);
    EXPECT_EQ(FindTransformByKeyword("md5")->type, TransformType::INTEG);
    EXPECT_EQ(FindTransformByKeyword("aes128ccm16"), nullptr); // a strongSwan keyword we lack
    EXPECT_EQ(FindTransformByKeyword(""), nullptr);
    EXPECT_NE(ListKeywords(TransformType::INTEG).find("aesxcbc"), std::string::npos);
}

TEST(TransformTable, IkeSaMayNotUseNullOrGmac)
{
    // The IANA Transform Type 1 registry's IKEv2 column: ENCR_NULL and ENCR_NULL_AUTH_AES_GMAC
    // are "Not allowed"; every other row is.
    for (const auto& row : GetTransformTable())
    {
        const bool forbidden = row.type == TransformType::ENCR &&
                               (row.id == encr::NULL_ENCR || row.id == encr::NULL_AUTH_AES_GMAC);
        EXPECT_EQ(row.IsAllowedForIkeSa(), !forbidden) << row.keyword;
    }
    EXPECT_FALSE(FindTransformByKeyword("null")->IsAllowedForIkeSa());
    EXPECT_FALSE(FindTransformByKeyword("aes256gmac")->IsAllowedForIkeSa());
    EXPECT_TRUE(FindTransformByKeyword("aes128gcm16")->IsAllowedForIkeSa());
    EXPECT_TRUE(FindTransformByKeyword("3des")->IsAllowedForIkeSa());
}
