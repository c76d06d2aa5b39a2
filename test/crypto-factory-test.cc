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
