// SPDX-License-Identifier: GPL-2.0-only
// AES-CTR for ESP known answers (RFC 3686 §6, vectors #1-#9).

#include "ipsec-test-util.h"
#include "ipsec-test-vectors.h"

#include "ns3/ipsec-crypto-factory.h"

#include <gtest/gtest.h>

using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

TEST(CtrKat, Rfc3686)
{
    size_t checked = 0;
    for (const auto& v : kRfc3686AesCtr)
    {
        const TransformInfo* info =
            FindTransform(TransformType::ENCR, encr::AES_CTR, Bytes(v.key).size() * 8);
        ASSERT_NE(info, nullptr) << v.source;
        const auto key = KeyMat(v.key, v.nonce);
        auto cipher = CreateCipher(*info, key);
        const auto iv = Bytes(v.iv);
        auto data = Bytes(v.plaintext);
        ASSERT_TRUE(cipher->Encrypt(iv.data(), data.data(), data.size()));
        EXPECT_EQ(Hex(data), Hex(Bytes(v.ciphertext))) << v.source;
        ASSERT_TRUE(cipher->Decrypt(iv.data(), data.data(), data.size()));
        EXPECT_EQ(Hex(data), Hex(Bytes(v.plaintext))) << v.source;
        EXPECT_EQ(Hex(Bytes(v.counterBlock1)).substr(0, 24), Hex(Bytes(v.nonce)) + Hex(iv));
        ++checked;
    }
    EXPECT_EQ(checked, 9u);
}
