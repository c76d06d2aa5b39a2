// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-scenario.h"
#include "ipsec-test-util.h"

#include "ns3/ipsec-esp-codec.h"
#include "ns3/ipsec-iv-generator.h"
#include "ns3/ipsec-stack.h"
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

TEST(IvGenerator, OutboundCbcSasOfANodeDrawFromItsOneStream)
{
    // IpsecStack::AssignStreams fixes one stream per node for the IVs of every outbound CBC SA
    // the node gets, whoever installs it (a helper or IKE) and however many: the IVs are that
    // stream's words, SA after SA, whatever other randomness the run draws in between.
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    Chain c;
    Ptr<IpsecStack> stack = Chain::Stack(c.hostA);
    stack->AssignStreams(4242);
    CreateObject<UniformRandomVariable>()->GetValue();
    auto config = [&c](uint32_t spi, bool outbound) {
        SaConfig k;
        k.spi = spi;
        k.direction = outbound ? SaDirection::OUTBOUND : SaDirection::INBOUND;
        k.mode = IpsecMode::TRANSPORT;
        k.source = c.hostAAddr;
        k.destination = c.hostBAddr;
        k.espSuite = EspSuite::Parse("aes128-sha256");
        k.encryptionKey.assign(16, 0x11);
        k.integrityKey.assign(32, 0x22);
        k.reqid = IpsecHelper::AllocateReqid();
        return k;
    };
    const std::vector<uint8_t> payload(40, 0x5a);
    std::vector<uint8_t> ivs;
    for (uint32_t i = 0; i < 3; i++)
    {
        Ptr<SecurityAssociation> sa = stack->AddSa(config(0x7000 + i, true));
        CreateObject<UniformRandomVariable>()->GetValue();
        std::vector<uint8_t> esp;
        ASSERT_EQ(sa->GetEspCodec()->Encapsulate(1, 17, ByteSpan(payload), esp), DropReason::NONE);
        ivs.insert(ivs.end(), esp.begin() + 8, esp.begin() + 24); // after SPI and sequence
    }
    Ptr<UniformRandomVariable> reference = CreateObject<UniformRandomVariable>();
    reference->SetStream(4242);
    std::vector<uint8_t> expected;
    for (int word = 0; word < 12; word++)
    {
        const uint32_t w = reference->GetInteger(0, 0xffffffffU);
        for (int shift : {24, 16, 8, 0})
        {
            expected.push_back(static_cast<uint8_t>(w >> shift));
        }
    }
    EXPECT_EQ(Hex(ivs), Hex(expected));
    // An inbound SA sends nothing: no IV source at all.
    Ptr<SecurityAssociation> in = Chain::Stack(c.hostB)->AddSa(config(0x7100, false));
    EXPECT_EQ(in->GetEspCodec()->GetIvGenerator(), nullptr);
    Simulator::Destroy();
}
