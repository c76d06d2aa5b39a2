// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-attack-eavesdrop.h"

#include "ikev2-message.h"
#include "ipsec-byte-span.h"
#include "ipsec-constants.h"

#include "ns3/simulator.h"
#include "ns3/uinteger.h"

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

/**
 * The readable part of a UDP datagram: all of it, but of an IKEv2 message (port 500 or 4500,
 * RFC 7296 §2.23 without the non-ESP marker) only what precedes its SK payload's body (the
 * header and the clear payloads of IKE_SA_INIT; the rest is encrypted).
 * @param b the UDP datagram
 * @return the readable bytes
 */
uint64_t
UdpReadableBytes(const std::vector<uint8_t>& b)
{
    constexpr size_t UDP_HEADER = 8;
    constexpr size_t GENERIC_HEADER = 4;
    if (b.size() < UDP_HEADER)
    {
        return b.size();
    }
    const uint16_t sport = static_cast<uint16_t>(b[0] << 8 | b[1]);
    const uint16_t dport = static_cast<uint16_t>(b[2] << 8 | b[3]);
    auto ike = [](uint16_t port) { return port == 500 || port == 4500; };
    if (!ike(sport) && !ike(dport))
    {
        return b.size();
    }
    Ikev2Message m;
    uint8_t critical = 0;
    const ByteSpan message(b.data() + UDP_HEADER, b.size() - UDP_HEADER);
    if (Ikev2Message::Parse(message, m, critical) != IkeParseError::NONE || m.payloads.empty())
    {
        return b.size();
    }
    if (const auto* sk = std::get_if<Ikev2SkPayload>(&m.payloads.back().body))
    {
        return UDP_HEADER + sk->offset + GENERIC_HEADER;
    }
    return b.size();
}

/**
 * The length of the AH header an IP payload starts with (RFC 4302 §2.2: Payload Len is the AH
 * length in 32-bit words, minus 2).
 * @param b the IP payload
 * @return the bytes, or 0 if the payload is shorter than AH's fixed part or its length
 */
size_t
AhLength(const std::vector<uint8_t>& b)
{
    const size_t length = b.size() < 12 ? 0 : (size_t{b[1]} + 2) * 4;
    return length <= b.size() ? length : 0;
}

/**
 * Where ESP starts in an IP payload: at once, or after an AH header whose Next Header is ESP.
 * @param protocol the IP protocol
 * @param b the IP payload
 * @param offset receives the offset
 * @return false if the payload carries no ESP header
 */
bool
FindEsp(uint8_t protocol, const std::vector<uint8_t>& b, size_t& offset)
{
    offset = 0;
    if (protocol == AH_PROTOCOL_NUMBER && AhLength(b) != 0 && b[0] == ESP_PROTOCOL_NUMBER)
    {
        offset = AhLength(b);
        protocol = ESP_PROTOCOL_NUMBER;
    }
    return protocol == ESP_PROTOCOL_NUMBER && b.size() >= offset + ESP_HEADER;
}

} // namespace

TypeId
EavesdropAttack::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ipsec::EavesdropAttack")
            .SetParent<Attack>()
            .SetGroupName("Ipsec")
            .AddConstructor<EavesdropAttack>()
            .AddAttribute("KeepBytes",
                          "ESP bytes it keeps of SAs it has no keys for, to decrypt once it "
                          "gets them (AddKeys); 0 keeps nothing",
                          UintegerValue(16 * 1024 * 1024),
                          MakeUintegerAccessor(&EavesdropAttack::m_keepBytes),
                          MakeUintegerChecker<uint64_t>())
            .AddTraceSource("Plaintext",
                            "An ESP payload it decrypted with the victims' keys",
                            MakeTraceSourceAccessor(&EavesdropAttack::m_plaintextTrace),
                            "ns3::ipsec::EavesdropAttack::PlaintextTracedCallback");
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
        const size_t length = AhLength(bytes);
        if (length == 0)
        {
            return 0;
        }
        const std::vector<uint8_t> rest(bytes.begin() + length, bytes.end());
        return ReadableBytes(bytes[0], rest); // ESP inside AH stays unreadable
    }
    if (protocol == 17)
    {
        return UdpReadableBytes(bytes);
    }
    return bytes.size();
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
        return;
    }
    size_t offset = 0;
    if (!FindEsp(protocol, b, offset))
    {
        return;
    }
    if (m_keys.Has(packet.header.GetDestination(), ReadU32(b.data() + offset)))
    {
        Decrypt(key, packet, b, offset);
    }
    else if (m_keptBytes + b.size() <= m_keepBytes)
    {
        m_keptBytes += b.size();
        m_kept.push_back(Kept{key, packet.header, b, offset});
    }
}

void
EavesdropAttack::Decrypt(const Key& flow,
                         const AttackPacket& packet,
                         const std::vector<uint8_t>& bytes,
                         size_t espOffset)
{
    std::vector<uint8_t> payload;
    uint8_t nextHeader = 0;
    const ByteSpan esp(bytes.data() + espOffset, bytes.size() - espOffset);
    if (m_keys.Open(packet.header.GetDestination(), esp, payload, nextHeader) != DropReason::NONE)
    {
        Count("undecryptable", packet);
        return;
    }
    EavesdropFlow& f = m_flows[flow];
    f.decrypted++;
    f.plaintextBytes += payload.size();
    Count("decrypted", packet);
    m_plaintextTrace(packet.header,
                     Create<const Packet>(payload.data(), payload.size()),
                     nextHeader);
}

void
EavesdropAttack::AddKeys(const std::vector<EspSaKeys>& keys)
{
    for (const EspSaKeys& k : keys)
    {
        m_keys.Add(k);
    }
    std::vector<Kept> kept;
    kept.swap(m_kept);
    m_keptBytes = 0;
    for (Kept& k : kept)
    {
        const uint32_t spi = ReadU32(k.bytes.data() + k.espOffset);
        if (m_keys.Has(k.header.GetDestination(), spi))
        {
            const AttackPacket packet{k.header, Create<Packet>(k.bytes.data(), k.bytes.size())};
            Decrypt(k.flow, packet, k.bytes, k.espOffset);
        }
        else
        {
            m_keptBytes += k.bytes.size();
            m_kept.push_back(std::move(k));
        }
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
