// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-attack-inject.h"

#include "ipsec-byte-span.h"
#include "ipsec-constants.h"
#include "ipsec-ns3-compat.h"

#include "ns3/enum.h"
#include "ns3/ipv4-address.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace ipsec
{

NS_OBJECT_ENSURE_REGISTERED(InjectAttack);

TypeId
InjectAttack::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ipsec::InjectAttack")
            .SetParent<Attack>()
            .SetGroupName("Ipsec")
            .AddConstructor<InjectAttack>()
            .AddAttribute("Kind",
                          "What is forged",
                          EnumValue(RANDOM_SPI),
                          compat::MakeEnumAccessor<Kind>(&InjectAttack::m_kind),
                          MakeEnumChecker(RANDOM_SPI,
                                          "random-spi",
                                          KNOWN_SPI,
                                          "known-spi",
                                          SPOOFED_SOURCE,
                                          "spoofed-source"))
            .AddAttribute("Count",
                          "How many datagrams are forged",
                          UintegerValue(10),
                          MakeUintegerAccessor(&InjectAttack::m_count),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Interval",
                          "Time between two forgeries",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&InjectAttack::m_interval),
                          MakeTimeChecker(MicroSeconds(1)))
            .AddAttribute("Size",
                          "Bytes after the ESP header (random body and ICV), or of UDP payload",
                          UintegerValue(64),
                          MakeUintegerAccessor(&InjectAttack::m_size),
                          MakeUintegerChecker<uint32_t>(16, 65000))
            .AddAttribute("Port",
                          "spoofed-source: the UDP destination port",
                          UintegerValue(9),
                          MakeUintegerAccessor(&InjectAttack::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("SequenceAhead",
                          "known-spi: the guess is the last sequence number seen plus this",
                          UintegerValue(1),
                          MakeUintegerAccessor(&InjectAttack::m_ahead),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Source",
                          "The forged source address (0.0.0.0: the last ESP datagram's)",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&InjectAttack::m_source),
                          MakeIpv4AddressChecker())
            .AddAttribute("Destination",
                          "The victim (0.0.0.0: the last ESP datagram's destination)",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&InjectAttack::m_destination),
                          MakeIpv4AddressChecker());
    return tid;
}

InjectAttack::InjectAttack()
    : m_bytes(CreateObject<UniformRandomVariable>())
{
}

void
InjectAttack::Attach(AttackContext& ctx)
{
    m_ctx = &ctx;
    Simulator::Schedule(Max(GetStart() - Simulator::Now(), Seconds(0)), &InjectAttack::Send, this);
}

void
InjectAttack::DoObserve(const AttackPacket& packet, AttackContext& /* ctx */)
{
    Learn(packet);
}

int64_t
InjectAttack::DoAssignStreams(int64_t stream)
{
    m_bytes->SetStream(stream);
    return 1;
}

void
InjectAttack::Learn(const AttackPacket& packet)
{
    const uint8_t protocol = packet.header.GetProtocol();
    const bool esp = protocol == ESP_PROTOCOL_NUMBER;
    if ((!esp && protocol != AH_PROTOCOL_NUMBER) || packet.payload->GetSize() < 12 ||
        (m_destination != Ipv4Address::GetAny() && packet.header.GetDestination() != m_destination))
    {
        return;
    }
    uint8_t head[12];
    packet.payload->CopyData(head, 12);
    // ESP: SPI, sequence number; AH (RFC 4302 §2): next header, length, reserved before them.
    const uint8_t* spi = esp ? head : head + 4;
    m_seenProtocol = protocol;
    m_seenSource = packet.header.GetSource();
    m_seenDestination = packet.header.GetDestination();
    m_seenSpi = ReadU32(spi);
    m_seenSequence = ReadU32(spi + 4);
}

void
InjectAttack::Send()
{
    if (m_sent >= m_count || HasStopped())
    {
        return;
    }
    Simulator::Schedule(m_interval, &InjectAttack::Send, this);
    const Ipv4Address any = Ipv4Address::GetAny();
    AttackPacket forged;
    forged.header.SetSource(m_source != any ? m_source : m_seenSource);
    forged.header.SetDestination(m_destination != any ? m_destination : m_seenDestination);
    forged.header.SetTtl(64);
    if (forged.header.GetSource() == any || forged.header.GetDestination() == any ||
        (m_kind == KNOWN_SPI && m_seenSpi == 0))
    {
        forged.payload = Create<Packet>();
        Count("waiting", forged); // nothing seen to forge from yet
        return;
    }
    if (m_kind == SPOOFED_SOURCE)
    {
        forged = MakeUdpAttackPacket(forged.header.GetSource(),
                                     forged.header.GetDestination(),
                                     49152,
                                     m_port,
                                     RandomBytes(m_bytes, m_size));
    }
    else if (m_kind == KNOWN_SPI && m_seenProtocol == AH_PROTOCOL_NUMBER)
    {
        // AH (RFC 4302 §2): next header IPv4 (tunnel), a 16-byte ICV (Payload Length 5), the
        // SPI, the guessed sequence number, a random ICV, then the random payload.
        forged.header.SetProtocol(AH_PROTOCOL_NUMBER);
        std::vector<uint8_t> ah = RandomBytes(m_bytes, 28 + m_size);
        ah[0] = 4;
        ah[1] = 5;
        ah[2] = 0;
        ah[3] = 0;
        WriteU32(ah.data() + 4, m_seenSpi);
        WriteU32(ah.data() + 8, m_seenSequence + m_ahead);
        forged.payload = Create<Packet>(ah.data(), ah.size());
    }
    else
    {
        forged.header.SetProtocol(ESP_PROTOCOL_NUMBER);
        std::vector<uint8_t> esp = RandomBytes(m_bytes, 8 + m_size);
        if (m_kind == KNOWN_SPI)
        {
            WriteU32(esp.data(), m_seenSpi);
            WriteU32(esp.data() + 4, m_seenSequence + m_ahead);
        }
        forged.payload = Create<Packet>(esp.data(), esp.size());
    }
    if (m_ctx->Inject(forged))
    {
        m_sent++;
        Count("injected", forged);
    }
    else
    {
        Count("no-route", forged);
    }
}

} // namespace ipsec
} // namespace ns3
