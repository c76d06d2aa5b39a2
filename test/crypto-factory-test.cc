// SPDX-License-Identifier: GPL-2.0-only

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-crypto-factory.h"

#include <gtest/gtest.h>

using namespace ns3::ipsec;

namespace
{
const TransformInfo&
Row(const char* keyword)
{
    const TransformInfo* info = FindTransformByKeyword(keyword);
    EXPECT_NE(info, nullptr) << keyword;
    return *info;
}

std::string
ErrorOf(void (*f)())
{
    try
    {
        f();
    }
    catch (const ConfigError& e)
    {
        return e.what();
    }
    return "";
}
} // namespace

TEST(CryptoFactory, EveryRowBuildsWithItsKeySize)
{
    for (const auto& row : GetTransformTable())
    {
        const std::vector<uint8_t> key(row.keySize, 0x42);
        switch (row.type)
        {
        case TransformType::ENCR:
            if (row.IsAead())
            {
                auto aead = CreateAead(row, key);
                EXPECT_EQ(aead->GetIcvSize(), row.icvSize) << row.keyword;
                EXPECT_EQ(aead->GetIvSize(), row.ivSize) << row.keyword;
            }
            else
            {
                auto cipher = CreateCipher(row, key);
                EXPECT_EQ(cipher->GetIvSize(), row.ivSize) << row.keyword;
            }
            break;
        case TransformType::INTEG:
            EXPECT_EQ(CreateIntegrity(row, key)->GetIcvSize(), row.icvSize) << row.keyword;
            break;
        case TransformType::PRF:
            EXPECT_EQ(CreatePrf(row)->GetOutputSize(), row.icvSize) << row.keyword;
            break;
        default:
            ADD_FAILURE() << "unexpected row type for " << row.keyword;
        }
    }
}

TEST(CryptoFactory, WrongKeyLengthSaysWhatIsExpected)
{
    const std::string gcm = ErrorOf([] {
        const std::vector<uint8_t> key(16);
        CreateAead(Row("aes128gcm16"), key);
    });
    EXPECT_NE(gcm.find("needs a key of 20 bytes (16 key + 4 salt/nonce, RFC 4106), got 16"),
              std::string::npos)
        << gcm;
    const std::string sha = ErrorOf([] {
        const std::vector<uint8_t> key(20);
        CreateIntegrity(Row("sha256"), key);
    });
    EXPECT_NE(sha.find("AUTH_HMAC_SHA2_256_128) needs a key of 32 bytes, got 20"),
              std::string::npos)
        << sha;
    EXPECT_THROW(CreateCipher(Row("aes256"), std::vector<uint8_t>(16)), ConfigError);
    EXPECT_THROW(CreateCipher(Row("3des"), std::vector<uint8_t>(16)), ConfigError);
    EXPECT_THROW(CreateIntegrity(Row("aesxcbc"), std::vector<uint8_t>(20)), ConfigError);
}

TEST(CryptoFactory, WrongInterfaceIsRejected)
{
    EXPECT_THROW(CreateCipher(Row("aes128gcm16"), std::vector<uint8_t>(20)), ConfigError);
    EXPECT_THROW(CreateAead(Row("aes128"), std::vector<uint8_t>(16)), ConfigError);
    EXPECT_THROW(CreateIntegrity(Row("prfsha256"), std::vector<uint8_t>(32)), ConfigError);
    EXPECT_THROW(CreatePrf(Row("sha256")), ConfigError);
    EXPECT_THROW(CreateCipher(Row("sha1"), std::vector<uint8_t>(20)), ConfigError);
}

TEST(CryptoFactory, OneDirectionKeysOnlyThatDirection)
{
    // An SA keys its cipher for its own direction; the other one fails, it does not crash. The
    // direction keyed gives the same bytes as a cipher keyed both ways.
    const std::vector<uint8_t> key(16, 0x42);
    const std::vector<uint8_t> iv(16, 0x24);
    std::vector<uint8_t> both(32, 0x11);
    std::vector<uint8_t> one(32, 0x11);
    ASSERT_TRUE(CreateCipher(Row("aes128"), key)->Encrypt(iv.data(), both.data(), both.size()));
    auto encryptOnly = CreateCipher(Row("aes128"), key, CryptoMode::REAL, CryptoUse::ENCRYPT);
    ASSERT_TRUE(encryptOnly->Encrypt(iv.data(), one.data(), one.size()));
    EXPECT_EQ(one, both);
    EXPECT_FALSE(encryptOnly->Decrypt(iv.data(), one.data(), one.size()));
    auto decryptOnly = CreateCipher(Row("aes128"), key, CryptoMode::REAL, CryptoUse::DECRYPT);
    EXPECT_FALSE(decryptOnly->Encrypt(iv.data(), both.data(), both.size()));
    ASSERT_TRUE(decryptOnly->Decrypt(iv.data(), one.data(), one.size()));
    EXPECT_EQ(one, std::vector<uint8_t>(32, 0x11));

    const std::vector<uint8_t> gcmKey(20, 0x42);
    std::vector<uint8_t> data(24, 0x11);
    uint8_t icv[16];
    auto sealer = CreateAead(Row("aes128gcm16"), gcmKey, CryptoMode::REAL, CryptoUse::ENCRYPT);
    auto opener = CreateAead(Row("aes128gcm16"), gcmKey, CryptoMode::REAL, CryptoUse::DECRYPT);
    ASSERT_TRUE(sealer->Encrypt(iv.data(), {}, data.data(), data.size(), icv));
    EXPECT_FALSE(sealer->Decrypt(iv.data(), {}, data.data(), data.size(), icv));
    EXPECT_FALSE(opener->Encrypt(iv.data(), {}, data.data(), data.size(), icv));
    ASSERT_TRUE(opener->Decrypt(iv.data(), {}, data.data(), data.size(), icv));
    EXPECT_EQ(data, std::vector<uint8_t>(24, 0x11));
}
