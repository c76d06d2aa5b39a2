// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-attack-eavesdrop.h"

#include "ipsec-byte-span.h"
#include "ipsec-constants.h"

#include "ns3/simulator.h"

namespace ns3
{
namespace ipsec
{

NS_OBJECT_ENSURE_REGISTERED(EavesdropAttack);

namespace
{

/// ESP header bytes (SPI, sequence number).
constexpr size_t ESP_HEADER = 8;

/**
 * The plaintext of an ESP payload with NULL encryption, found as Wireshark's "detect NULL
 * encrypted ESP" heuristic does: for an ICV of 12, 16, 24 or 32 bytes the trailer before it
 * must hold a next header of IPv4 (tunnel mode), TCP or UDP and padding 1, 2, 3, ..., and the
 * carried header must agree with the payload's length.
 * @param b the ESP bytes
 * @return the readable bytes (0 if it does not look like NULL encryption)
 */
uint64_t
NullEspPlaintext(const std::vector<uint8_t>& b)
{
    for (size_t icv : {12, 16, 24, 32})
    {
        if (b.size() < ESP_HEADER + 2 + icv)
        {
            continue;
        }
        const size_t end = b.size() - icv; // trailer ends here
        const uint8_t padLength = b[end - 2];
        const uint8_t next = b[end - 1];
        if (ESP_HEADER + padLength + 2 > end)
        {
            continue;
        }
        const size_t length = end - 2 - padLength - ESP_HEADER; // the payload, if NULL
        bool ok = next == 4 || next == 6 || next == 17;
        for (size_t i = 0; ok && i < padLength; i++)
        {
            ok = b[end - 2 - padLength + i] == i + 1;
        }
        // The carried header must agree with the length: an inner IPv4 header's Total Length
        // (tunnel mode), a UDP header's Length; a TCP header's Data Offset must fit. Random
        // ciphertext passes all this about once in 10^9 datagrams.
        const uint8_t* p = b.data() + ESP_HEADER;
        if (ok && next == 4)
        {
            ok = length >= 20 && p[0] >> 4 == 4 && (p[0] & 0x0f) >= 5 &&
                 (size_t{p[2]} << 8 | p[3]) == length;
        }
        else if (ok && next == 17)
        {
            ok = length >= 8 && (size_t{p[4]} << 8 | p[5]) == length;
        }
        else if (ok && next == 6)
        {
            const size_t header = static_cast<size_t>(p[12] >> 4) * 4; // TCP Data Offset
            ok = length >= 20 && header >= 20 && header <= length;
        }
        if (ok)
        {
            return length;
        }
    }
    return 0;
}

} // namespace

TypeId
EavesdropAttack::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ipsec::EavesdropAttack")
                            .SetParent<Attack>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<EavesdropAttack>();
    return tid;
}

uint64_t
EavesdropAttack::ReadableBytes(uint8_t protocol, const std::vector<uint8_t>& bytes)
{
    if (protocol == ESP_PROTOCOL_NUMBER)
    {
        return NullEspPlaintext(bytes);
    }
    if (protocol == AH_PROTOCOL_NUMBER)
    {
        // RFC 4302 §2.2: Payload Length is the AH length in 32-bit words, minus 2.
        if (bytes.size() < 12 || (size_t{bytes[1]} + 2) * 4 > bytes.size())
        {
            return 0;
        }
        const size_t length = (size_t{bytes[1]} + 2) * 4;
        const std::vector<uint8_t> rest(bytes.begin() + length, bytes.end());
        return ReadableBytes(bytes[0], rest); // ESP inside AH stays unreadable
    }
    return bytes.size();
}

AttackVerdict
EavesdropAttack::DoProcess(AttackPacket& packet, AttackContext& /* ctx */)
{
    Record(packet);
    return AttackVerdict::FORWARD;
}

void
EavesdropAttack::DoObserve(const AttackPacket& packet, AttackContext& /* ctx */)
{
    Record(packet);
}

void
EavesdropAttack::Record(const AttackPacket& packet)
{
    std::vector<uint8_t> b(packet.payload->GetSize());
    packet.payload->CopyData(b.data(), b.size());
    const uint8_t protocol = packet.header.GetProtocol();
    uint32_t spi = 0;
    uint32_t seq = 0;
    if (protocol == ESP_PROTOCOL_NUMBER && b.size() >= 8)
    {
        spi = ReadU32(b.data());
        seq = ReadU32(b.data() + 4);
    }
    else if (protocol == AH_PROTOCOL_NUMBER && b.size() >= 12)
    {
        spi = ReadU32(b.data() + 4);
        seq = ReadU32(b.data() + 8);
    }
    const Key key{packet.header.GetSource().Get(),
                  packet.header.GetDestination().Get(),
                  protocol,
                  spi};
    auto [it, fresh] = m_flows.try_emplace(key);
    EavesdropFlow& f = it->second;
    if (fresh)
    {
        f.source = packet.header.GetSource();
        f.destination = packet.header.GetDestination();
        f.protocol = protocol;
        f.spi = spi;
        f.first = Simulator::Now();
        f.firstSequence = seq;
    }
    f.packets++;
    f.bytes += b.size();
    f.last = Simulator::Now();
    f.lastSequence = seq;
    Count("seen", packet);
    const uint64_t readable = ReadableBytes(protocol, b);
    if (readable > 0)
    {
        f.plaintextBytes += readable;
        Count("read", packet);
    }
}

std::vector<EavesdropFlow>
EavesdropAttack::GetFlows() const
{
    std::vector<EavesdropFlow> out;
    for (const auto& [key, flow] : m_flows)
    {
        out.push_back(flow);
    }
    return out;
}

uint64_t
EavesdropAttack::GetPlaintextBytes() const
{
    uint64_t n = 0;
    for (const auto& [key, flow] : m_flows)
    {
        n += flow.plaintextBytes;
    }
    return n;
}

} // namespace ipsec
} // namespace ns3
