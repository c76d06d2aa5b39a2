// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-test-util.h"

#include "ns3/ipsec-hex.h"

#include <gtest/gtest.h>

namespace ns3::ipsec::test
{

std::vector<uint8_t>
Bytes(const std::string& hex)
{
    return HexToBytes(hex);
}

std::vector<uint8_t>
KeyMat(const std::string& key, const std::string& salt)
{
    auto bytes = Bytes(key);
    const auto tail = Bytes(salt);
    bytes.insert(bytes.end(), tail.begin(), tail.end());
    return bytes;
}

std::vector<uint8_t>
RandomBytes(std::mt19937& rng, size_t size)
{
    std::vector<uint8_t> bytes(size);
    for (auto& b : bytes)
    {
        b = static_cast<uint8_t>(rng());
    }
    return bytes;
}

std::string
Hex(ByteSpan bytes)
{
    return BytesToHex(bytes);
}

std::vector<uint8_t>
PacketBytes(Ptr<const Packet> packet)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    return bytes;
}

Ptr<Packet>
MakePacket(const std::vector<uint8_t>& bytes)
{
    return Create<Packet>(bytes.data(), bytes.size());
}

FixedIvGenerator::FixedIvGenerator(std::vector<uint8_t> iv)
    : m_iv(std::move(iv))
{
}

void
FixedIvGenerator::Generate(uint8_t* iv, uint32_t size)
{
    ASSERT_EQ(size, m_iv.size());
    std::copy(m_iv.begin(), m_iv.end(), iv);
}

uint64_t
SequenceNumber(const std::string& hex)
{
    uint64_t seq = 0;
    for (uint8_t b : Bytes(hex))
    {
        seq = seq << 8 | b;
    }
    return seq;
}

} // namespace ns3::ipsec::test
