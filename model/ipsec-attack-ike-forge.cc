// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-attack-ike-forge.h"

#include "ike-header.h"
#include "ikev2-message.h"
#include "ipsec-ns3-compat.h"

#include "ns3/enum.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace ipsec
{

NS_OBJECT_ENSURE_REGISTERED(IkeForgeAttack);

TypeId
IkeForgeAttack::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ipsec::IkeForgeAttack")
            .SetParent<Attack>()
            .SetGroupName("Ipsec")
            .AddConstructor<IkeForgeAttack>()
            .AddAttribute("Kind",
                          "How the forged DELETE is carried: clear (unencrypted) or sk (in an "
                          "SK payload of random bytes)",
                          EnumValue(SK),
                          compat::MakeEnumAccessor<Kind>(&IkeForgeAttack::m_kind),
                          MakeEnumChecker(CLEAR, "clear", SK, "sk"))
            .AddAttribute("Target",
                          "Whom the forgeries go to: responder (as if from the initiator) or "
                          "initiator (as if from the responder)",
                          EnumValue(RESPONDER),
                          compat::MakeEnumAccessor<Target>(&IkeForgeAttack::m_target),
                          MakeEnumChecker(RESPONDER, "responder", INITIATOR, "initiator"))
            .AddAttribute("Count",
                          "How many messages are forged",
                          UintegerValue(5),
                          MakeUintegerAccessor(&IkeForgeAttack::m_count),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("After",
                          "Time from the first IKE SA learnt to the first forgery",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&IkeForgeAttack::m_after),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("Interval",
                          "Time between two forgeries",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&IkeForgeAttack::m_interval),
                          MakeTimeChecker(MicroSeconds(1)))
            .AddAttribute("Port",
                          "The IKE port watched and forged to",
                          UintegerValue(500),
                          MakeUintegerAccessor(&IkeForgeAttack::m_port),
                          MakeUintegerChecker<uint16_t>());
    return tid;
}

IkeForgeAttack::IkeForgeAttack()
    : m_bytes(CreateObject<UniformRandomVariable>())
{
}

void
IkeForgeAttack::Attach(AttackContext& ctx)
{
    m_ctx = &ctx;
}

void
IkeForgeAttack::DoObserve(const AttackPacket& packet, AttackContext& /* ctx */)
{
    Learn(packet);
}

int64_t
IkeForgeAttack::DoAssignStreams(int64_t stream)
{
    m_bytes->SetStream(stream);
    return 1;
}

void
IkeForgeAttack::Learn(const AttackPacket& packet)
{
    uint16_t sport = 0;
    uint16_t dport = 0;
    std::vector<uint8_t> data;
    IkeHeader h;
    if (!ReadUdpAttackPacket(packet, sport, dport, data) || dport != m_port ||
        IkeHeader::Parse(ByteSpan(data), h) != IkeParseError::NONE || h.majorVersion != 2 ||
        h.responderSpi == 0)
    {
        return;
    }
    const std::pair<uint64_t, uint64_t> key{h.initiatorSpi, h.responderSpi};
    auto [it, fresh] = m_seen.try_emplace(key);
    Seen& s = it->second;
    const bool fromInitiator = h.IsInitiator();
    if (fresh)
    {
        s.initiator = fromInitiator ? packet.header.GetSource() : packet.header.GetDestination();
        s.responder = fromInitiator ? packet.header.GetDestination() : packet.header.GetSource();
        Count("learned", packet);
    }
    // A request's ID, or the ID a response answers, is used: the next request is one more.
    if (fromInitiator != h.IsResponse())
    {
        s.nextFromInitiator = std::max(s.nextFromInitiator, h.messageId + 1);
    }
    else
    {
        s.nextFromResponder = std::max(s.nextFromResponder, h.messageId + 1);
    }
    m_last = key;
    if (fresh && m_seen.size() == 1)
    {
        Simulator::Schedule(m_after, &IkeForgeAttack::Send, this);
    }
}

void
IkeForgeAttack::Send()
{
    if (m_sent >= m_count || HasStopped())
    {
        return;
    }
    Simulator::Schedule(m_interval, &IkeForgeAttack::Send, this);
    const Seen& s = m_seen.at(m_last);
    const bool toResponder = m_target == RESPONDER;
    Ikev2Message m;
    m.header.initiatorSpi = m_last.first;
    m.header.responderSpi = m_last.second;
    m.header.exchangeType = ikev2::INFORMATIONAL;
    m.header.flags = toResponder ? IkeHeader::FLAG_INITIATOR : 0;
    m.header.messageId = toResponder ? s.nextFromInitiator : s.nextFromResponder;
    const Ikev2Payload del = Ikev2Payload::Make(ikev2::PAYLOAD_DELETE, Ikev2DeletePayload{});
    if (m_kind == CLEAR)
    {
        m.payloads.push_back(del);
    }
    else
    {
        // What a DELETE inside SK would take with AES-CBC and HMAC-SHA-256-128: a 16-byte IV,
        // one block, a 16-byte ICV; random, as the keys are unknown.
        Ikev2SkPayload sk;
        sk.firstInner = ikev2::PAYLOAD_DELETE;
        sk.body = RandomBytes(m_bytes, 48);
        m.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_SK, sk));
    }
    const AttackPacket forged = MakeUdpAttackPacket(toResponder ? s.initiator : s.responder,
                                                    toResponder ? s.responder : s.initiator,
                                                    m_port,
                                                    m_port,
                                                    m.Serialize());
    if (m_ctx->Inject(forged))
    {
        m_sent++;
        Count("forged", forged);
    }
    else
    {
        Count("no-route", forged);
    }
}

} // namespace ipsec
} // namespace ns3
