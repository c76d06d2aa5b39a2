// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-test-util.h"

#include "ns3/ipsec-iv-generator.h"
#include "ns3/rng-seed-manager.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

TEST(IvGenerator, CounterIsBigEndianAndNeverRepeats)
{
    CounterIvGenerator gen;
    std::vector<uint8_t> iv(8);
    gen.Generate(iv.data(), 8);
    EXPECT_EQ(Hex(iv), "0000000000000001");
    gen.Generate(iv.data(), 8);
    EXPECT_EQ(Hex(iv), "0000000000000002");
    CounterIvGenerator high(0x0102030405060708ULL);
    high.Generate(iv.data(), 8);
    EXPECT_EQ(Hex(iv), "0102030405060708");
}

TEST(IvGenerator, RandomIsReproducibleForSeedRunAndStream)
{
    auto draw = [](uint32_t run, int64_t stream) {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(run);
        RandomIvGenerator gen;
        gen.AssignStreams(stream);
        std::vector<uint8_t> iv(16);
        gen.Generate(iv.data(), iv.size());
        return iv;
    };
    const auto a = draw(1, 5);
    EXPECT_EQ(a, draw(1, 5));
    EXPECT_NE(a, draw(2, 5));
    EXPECT_NE(a, draw(1, 6));
    EXPECT_NE(Hex(a), std::string(32, '0'));
}

TEST(IvGenerator, DefaultPerAlgorithm)
{
    EXPECT_EQ(CreateDefaultIvGenerator(*FindTransformByKeyword("null")), nullptr);
    auto cbc = CreateDefaultIvGenerator(*FindTransformByKeyword("aes128"));
    EXPECT_NE(dynamic_cast<RandomIvGenerator*>(cbc.get()), nullptr);
    for (const char* keyword : {"aes128gcm16", "aes128ctr", "chacha20poly1305", "aes256gmac"})
    {
        auto gen = CreateDefaultIvGenerator(*FindTransformByKeyword(keyword));
        EXPECT_NE(dynamic_cast<CounterIvGenerator*>(gen.get()), nullptr) << keyword;
    }
}
