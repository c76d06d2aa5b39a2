// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-iv-generator.h"

#include "ns3/log.h"

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecIvGenerator");

CounterIvGenerator::CounterIvGenerator(uint64_t first)
    : m_next(first)
{
}

void
CounterIvGenerator::Generate(uint8_t* iv, uint32_t size)
{
    uint64_t value = m_next++;
    for (uint32_t i = size; i > 0; --i)
    {
        iv[i - 1] = static_cast<uint8_t>(value);
        value >>= 8;
    }
}

RandomIvGenerator::RandomIvGenerator()
    : m_random(CreateObject<UniformRandomVariable>())
{
}

RandomIvGenerator::RandomIvGenerator(Ptr<UniformRandomVariable> source)
    : m_random(source)
{
}

void
RandomIvGenerator::Generate(uint8_t* iv, uint32_t size)
{
    for (uint32_t i = 0; i < size; i += 4)
    {
        uint32_t word = m_random->GetInteger(0, 0xffffffffU);
        for (uint32_t j = 0; j < 4 && i + j < size; ++j)
        {
            iv[i + j] = static_cast<uint8_t>(word >> (24 - 8 * j));
        }
    }
}

int64_t
RandomIvGenerator::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

std::unique_ptr<IvGenerator>
CreateDefaultIvGenerator(const TransformInfo& encryption)
{
    if (encryption.ivSize == 0)
    {
        return nullptr;
    }
    if (encryption.kind == CryptoKind::CBC)
    {
        return std::make_unique<RandomIvGenerator>();
    }
    return std::make_unique<CounterIvGenerator>();
}

} // namespace ipsec
} // namespace ns3
