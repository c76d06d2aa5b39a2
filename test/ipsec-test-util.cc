// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-test-util.h"

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-hex.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iostream>
#include <sys/wait.h>

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
Pattern(size_t size, uint8_t seed)
{
    std::vector<uint8_t> v(size);
    for (size_t i = 0; i < size; ++i)
    {
        v[i] = static_cast<uint8_t>(seed + i * 7);
    }
    return v;
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

namespace
{

void
PutBe16(std::vector<uint8_t>& out, uint16_t v)
{
    out.push_back(static_cast<uint8_t>(v >> 8));
    out.push_back(static_cast<uint8_t>(v));
}

void
PutLe(std::ofstream& out, uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
    {
        out.put(static_cast<char>(v >> (8 * i)));
    }
}

} // namespace

std::vector<uint8_t>
UdpDatagram(uint16_t srcPort, uint16_t dstPort, ByteSpan payload)
{
    std::vector<uint8_t> out;
    PutBe16(out, srcPort);
    PutBe16(out, dstPort);
    PutBe16(out, static_cast<uint16_t>(8 + payload.size));
    PutBe16(out, 0);
    out.insert(out.end(), payload.data, payload.data + payload.size);
    return out;
}

std::vector<uint8_t>
Ipv4Datagram(Ipv4Address source,
             Ipv4Address destination,
             uint8_t protocol,
             uint16_t identification,
             ByteSpan payload)
{
    std::vector<uint8_t> out = {0x45, 0};
    PutBe16(out, static_cast<uint16_t>(20 + payload.size));
    PutBe16(out, identification);
    PutBe16(out, 0); // flags, fragment offset
    out.push_back(64);
    out.push_back(protocol);
    PutBe16(out, 0); // checksum, below
    uint8_t address[4];
    source.Serialize(address);
    out.insert(out.end(), address, address + 4);
    destination.Serialize(address);
    out.insert(out.end(), address, address + 4);
    uint32_t sum = 0;
    for (size_t i = 0; i < 20; i += 2)
    {
        sum += static_cast<uint32_t>(out[i] << 8 | out[i + 1]);
    }
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    out[10] = static_cast<uint8_t>(~sum >> 8);
    out[11] = static_cast<uint8_t>(~sum);
    out.insert(out.end(), payload.data, payload.data + payload.size);
    return out;
}

bool
WriteRawIpPcap(const std::string& path, const std::vector<std::vector<uint8_t>>& datagrams)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    // Global header: magic, version 2.4, thiszone, sigfigs, snaplen, LINKTYPE_RAW.
    PutLe(out, 0xa1b2c3d4, 4);
    PutLe(out, 2, 2);
    PutLe(out, 4, 2);
    PutLe(out, 0, 4);
    PutLe(out, 0, 4);
    PutLe(out, 65535, 4);
    PutLe(out, 101, 4);
    uint32_t seconds = 1000000000;
    for (const auto& d : datagrams)
    {
        PutLe(out, seconds++, 4);
        PutLe(out, 0, 4);
        PutLe(out, static_cast<uint32_t>(d.size()), 4);
        PutLe(out, static_cast<uint32_t>(d.size()), 4);
        out.write(reinterpret_cast<const char*>(d.data()), static_cast<std::streamsize>(d.size()));
    }
    out.close();
    return static_cast<bool>(out);
}

std::string
WhatOf(const std::function<void()>& f)
{
    try
    {
        f();
    }
    catch (const ConfigError& e)
    {
        return e.what();
    }
    return "no exception";
}

int
RunCommand(const std::string& command, std::string& output)
{
    output.clear();
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
    {
        return -1;
    }
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0)
    {
        output.append(buffer, n);
    }
    const int status = pclose(pipe);
    return (status != -1 && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
}

ScratchDir::ScratchDir(const std::string& prefix)
{
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (mkdtemp(pattern.data()) == nullptr)
    {
        ADD_FAILURE() << "mkdtemp failed for " << pattern;
    }
    m_path = pattern;
}

ScratchDir::~ScratchDir()
{
    if (::testing::Test::HasFailure())
    {
        std::cerr << "files kept in " << m_path << "\n";
        return;
    }
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

std::string
ScratchDir::File(const std::string& name) const
{
    return (std::filesystem::path(m_path) / name).string();
}

} // namespace ns3::ipsec::test
