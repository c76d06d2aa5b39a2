// SPDX-License-Identifier: GPL-2.0-only

#include "ikev1-sa.h"

#include "ikev1-crypter.h"
#include "ipsec-crypto-operation.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("Ikev1Sa");

Ikev1Sa::Ikev1Sa(bool initiator, std::shared_ptr<const IkePeerConfig> config, Ikev2Sources sources)
    : m_initiator(initiator),
      m_config(std::move(config)),
      m_sources(std::move(sources)),
      m_mode(m_config->ikev1Mode)
{
    if (m_initiator)
    {
        m_keyInfo.cookieI = RandomCookie();
    }
}

Ikev1Sa::Ikev1Sa(bool initiator, IkePeerConfig config, Ikev2Sources sources)
    : Ikev1Sa(initiator,
              std::make_shared<const IkePeerConfig>(std::move(config)),
              std::move(sources))
{
}

Ikev1Sa::~Ikev1Sa() = default;

uint64_t
Ikev1Sa::RandomCookie()
{
    uint64_t cookie = 0;
    while (cookie == 0)
    {
        const std::vector<uint8_t> b = Random(8);
        for (uint8_t x : b)
        {
            cookie = cookie << 8 | x;
        }
    }
    return cookie;
}

std::vector<uint8_t>
Ikev1Sa::Random(size_t n)
{
    std::vector<uint8_t> out(n);
    m_sources.bytes(out.data(), out.size());
    return out;
}

uint32_t
Ikev1Sa::RandomMessageId()
{
    uint32_t id = 0;
    while (id == 0 || m_quickModes.count(id) != 0 || id == m_dpdMessageId)
    {
        id = ReadU32(Random(4).data());
    }
    return id;
}

void
Ikev1Sa::ChargePrf(uint32_t bytes, uint32_t count)
{
    if (m_chosenSet)
    {
        Ikev2ChargePrf(m_jobs, *m_chosen.proposal.prf.front(), bytes, count);
    }
}

void
Ikev1Sa::ChargeCipher(bool outbound, size_t bytes)
{
    // The cipher as the ESP operation of the same algorithm (the cost table has no IKE rows).
    EspSuite suite;
    suite.encryption = m_keyInfo.cipher;
    suite.integrity = nullptr;
    m_jobs.push_back({EspOperation(suite, outbound), static_cast<uint32_t>(bytes)});
}

std::vector<uint8_t>
Ikev1Sa::Build(uint8_t exchange,
               uint32_t messageId,
               const std::vector<Ikev1Payload>& payloads,
               bool encrypt,
               bool request)
{
    Ikev1Message m;
    m.header.initiatorSpi = m_keyInfo.cookieI;
    m.header.responderSpi = m_keyInfo.cookieR;
    m.header.exchangeType = exchange;
    m.header.messageId = messageId;
    if (encrypt && m_crypter)
    {
        std::vector<uint8_t> plain;
        m.header.nextPayload = SerializeIkev1Payloads(payloads, plain);
        m.header.flags = IkeHeader::FLAG_V1_ENCRYPTION;
        m.encrypted = m_crypter->Encrypt(messageId, plain);
        ChargeCipher(true, plain.size());
    }
    else
    {
        m.payloads = payloads;
    }
    std::vector<uint8_t> bytes = m.Serialize();
    if (m_onMessage)
    {
        m_onMessage(true, m.header, payloads, request);
    }
    return bytes;
}

std::vector<uint8_t>
Ikev1Sa::BuildHashed(uint8_t exchange,
                     uint32_t messageId,
                     const std::vector<Ikev1Payload>& payloads,
                     const std::vector<uint8_t>& niForHash2,
                     bool request)
{
    std::vector<uint8_t> rest;
    SerializeIkev1Payloads(payloads, rest);
    const std::vector<uint8_t> hash = Ikev1QuickModeHash(*m_prf,
                                                         m_keyInfo.keys.skeyidA,
                                                         niForHash2.empty() ? 1 : 2,
                                                         messageId,
                                                         ByteSpan(niForHash2),
                                                         ByteSpan(rest));
    ChargePrf(static_cast<uint32_t>(4 + niForHash2.size() + rest.size()));
    std::vector<Ikev1Payload> all;
    all.reserve(payloads.size() + 1);
    all.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_HASH, Ikev1RawPayload{hash}));
    all.insert(all.end(), payloads.begin(), payloads.end());
    return Build(exchange, messageId, all, true, request);
}

bool
Ikev1Sa::Open(const Ikev1Message& message,
              std::vector<Ikev1Payload>& payloads,
              std::vector<uint8_t>& plain)
{
    if (!m_crypter || !m_crypter->Peek(message.header.messageId, message.encrypted, plain))
    {
        return false;
    }
    ChargeCipher(false, plain.size());
    return ParseIkev1Payloads(message.header.nextPayload, ByteSpan(plain), payloads) ==
           IkeParseError::NONE;
}

bool
Ikev1Sa::CheckHash1(const Ikev1Message& message,
                    const std::vector<Ikev1Payload>& payloads,
                    const std::vector<uint8_t>& plain,
                    const std::vector<uint8_t>& niForHash2)
{
    if (payloads.empty() || payloads.front().type != ikev1::PAYLOAD_HASH)
    {
        return false;
    }
    const auto* hash = std::get_if<Ikev1RawPayload>(&payloads.front().body);
    const ByteSpan rest = Ikev1PayloadsAfterFirst(ByteSpan(plain));
    const std::vector<uint8_t> expected = Ikev1QuickModeHash(*m_prf,
                                                             m_keyInfo.keys.skeyidA,
                                                             niForHash2.empty() ? 1 : 2,
                                                             message.header.messageId,
                                                             ByteSpan(niForHash2),
                                                             rest);
    ChargePrf(static_cast<uint32_t>(4 + niForHash2.size() + rest.size));
    return hash && !expected.empty() && hash->body == expected;
}

std::vector<std::vector<uint8_t>>
Ikev1Sa::Drop(const std::string& reason)
{
    m_drop = reason;
    NS_LOG_INFO("IKEv1 drops a message: " << reason);
    return {};
}

std::vector<std::vector<uint8_t>>
Ikev1Sa::Refuse(const std::string& reason, uint16_t notify)
{
    std::vector<std::vector<uint8_t>> out = {Informational({IsakmpNotify(notify)})};
    Drop(reason);
    return out;
}

std::vector<std::vector<uint8_t>>
Ikev1Sa::Fail(const std::string& error, uint16_t notify)
{
    NS_LOG_INFO("IKEv1 SA fails: " << error);
    m_state = Ikev2SaState::FAILED;
    m_error = error;
    m_p1Awaiting = false;
    std::vector<std::vector<uint8_t>> out;
    if (notify != 0)
    {
        // Before phase 1 is up the notification goes unprotected (RFC 2408 §5.14: the peer may
        // not have the keys); strongSwan sends its AUTHENTICATION_FAILED so too.
        out.push_back(
            Build(ikev1::INFORMATIONAL, RandomMessageId(), {IsakmpNotify(notify)}, false, true));
    }
    return out;
}

Ikev1Payload
Ikev1Sa::IsakmpNotify(uint16_t type, std::vector<uint8_t> data) const
{
    Ikev1NotifyPayload n;
    n.protocolId = ikev1::PROTO_ISAKMP;
    n.type = type;
    n.spi = CookieBytes();
    n.data = std::move(data);
    return Ikev1Payload::Make(ikev1::PAYLOAD_NOTIFY, std::move(n));
}

uint8_t
Ikev1Sa::UnknownPayloadType(const std::vector<Ikev1Payload>& payloads)
{
    for (const Ikev1Payload& p : payloads)
    {
        if (!IsKnownIkev1PayloadType(p.type))
        {
            return p.type;
        }
    }
    return 0;
}

std::vector<uint8_t>
Ikev1Sa::CookieBytes() const
{
    std::vector<uint8_t> b = Ikev1CookieBytes(m_keyInfo.cookieI);
    const std::vector<uint8_t> r = Ikev1CookieBytes(m_keyInfo.cookieR);
    b.insert(b.end(), r.begin(), r.end());
    return b;
}

std::vector<uint8_t>
Ikev1Sa::Informational(const std::vector<Ikev1Payload>& payloads)
{
    const uint32_t mid = RandomMessageId();
    std::vector<uint8_t> bytes = BuildHashed(ikev1::INFORMATIONAL, mid, payloads, {}, true);
    m_crypter->Forget(mid);
    return bytes;
}

std::vector<uint8_t>
Ikev1Sa::Protect(uint8_t exchange, const std::vector<Ikev1Payload>& payloads)
{
    if (!m_hasKeys || m_state != Ikev2SaState::ESTABLISHED)
    {
        return {};
    }
    const uint32_t mid = RandomMessageId();
    std::vector<uint8_t> bytes = BuildHashed(exchange, mid, payloads, {}, true);
    m_crypter->Forget(mid);
    return bytes;
}

std::vector<std::vector<uint8_t>>
Ikev1Sa::Receive(ByteSpan datagram)
{
    m_drop.clear();
    Ikev1Message m;
    const IkeParseError e = Ikev1Message::Parse(datagram, m);
    if (e != IkeParseError::NONE)
    {
        return Drop(ToString(e));
    }
    // The responder's first message has no responder cookie yet (nor its retransmissions).
    const bool first = !m_initiator && m_state == Ikev2SaState::CREATED;
    const bool cookiesMatch =
        m.header.initiatorSpi == m_keyInfo.cookieI &&
        (m_keyInfo.cookieR == 0 || m.header.responderSpi == m_keyInfo.cookieR ||
         (m.header.responderSpi == 0 && !m_initiator));
    if (first ? m.header.responderSpi != 0 : !cookiesMatch)
    {
        return Drop("unknown-ike-spi");
    }
    if ((m.header.flags & IkeHeader::FLAG_V1_ENCRYPTION) && !m_crypter)
    {
        return Drop("encrypted-before-keys");
    }
    switch (m.header.exchangeType)
    {
    case ikev1::IDENTITY_PROTECTION:
    case ikev1::AGGRESSIVE:
        if (m.header.exchangeType !=
            (m_mode == Ikev1Mode::MAIN ? ikev1::IDENTITY_PROTECTION : ikev1::AGGRESSIVE))
        {
            return Drop("unexpected-exchange-type");
        }
        return OnPhase1(m, datagram);
    case ikev1::QUICK_MODE:
        if (m_state != Ikev2SaState::ESTABLISHED ||
            !(m.header.flags & IkeHeader::FLAG_V1_ENCRYPTION))
        {
            return Drop(m_state != Ikev2SaState::ESTABLISHED ? "quick-mode-before-phase-1"
                                                             : "unencrypted-quick-mode");
        }
        return OnQuickMode(m, datagram);
    case ikev1::INFORMATIONAL:
        return OnInformational(m, datagram);
    default:
        return Drop("unsupported-exchange-type");
    }
}

std::vector<std::vector<uint8_t>>
Ikev1Sa::OnInformational(const Ikev1Message& message, ByteSpan /* datagram */)
{
    std::vector<Ikev1Payload> in;
    if (!(message.header.flags & IkeHeader::FLAG_V1_ENCRYPTION))
    {
        // Only an error notification of a failing phase 1 comes in the clear.
        in = message.payloads;
        const Ikev1Payload* n = FindIkev1Payload(in, ikev1::PAYLOAD_NOTIFY);
        const auto* notify = n ? std::get_if<Ikev1NotifyPayload>(&n->body) : nullptr;
        if (m_state == Ikev2SaState::ESTABLISHED || !notify || notify->type >= 8192)
        {
            return Drop("unprotected-informational");
        }
        if (m_onMessage)
        {
            m_onMessage(false, message.header, in, true);
        }
        Fail(Ikev1NotifyName(notify->type), 0);
        return {};
    }
    std::vector<uint8_t> plain;
    if (!m_hasKeys || !Open(message, in, plain) || !CheckHash1(message, in, plain, {}))
    {
        return Drop("informational-hash-mismatch");
    }
    m_crypter->Forget(message.header.messageId);
    if (m_onMessage)
    {
        m_onMessage(false, message.header, in, true);
    }
    if (UnknownPayloadType(in) != 0)
    {
        // RFC 2408 §5.1: the whole message is discarded.
        return Refuse("invalid-payload-type", ikev1::INVALID_PAYLOAD_TYPE);
    }
    std::vector<std::vector<uint8_t>> out;
    for (const Ikev1Payload& p : in)
    {
        if (const auto* n = std::get_if<Ikev1NotifyPayload>(&p.body))
        {
            if (n->type == ikev1::DPD_R_U_THERE && n->data.size() == 4)
            {
                // RFC 3706 §5.3: the ACK carries the same sequence number and the cookies.
                Ikev1NotifyPayload ack = *n;
                ack.type = ikev1::DPD_R_U_THERE_ACK;
                ack.spi = CookieBytes();
                out.push_back(
                    Informational({Ikev1Payload::Make(ikev1::PAYLOAD_NOTIFY, std::move(ack))}));
            }
            else if (n->type == ikev1::DPD_R_U_THERE_ACK && n->data.size() == 4 &&
                     m_dpdMessageId != 0)
            {
                const uint32_t seq = ReadU32(n->data.data());
                if (seq == m_dpdSeq)
                {
                    m_dpdMessageId = 0;
                    m_dpdMessage.clear();
                }
            }
            else if (n->type == ikev1::RESPONDER_LIFETIME && n->protocolId == ikev1::PROTO_ISAKMP)
            {
                OnResponderLifetime(*n);
            }
            else if (n->type < 8192 && m_state != Ikev2SaState::ESTABLISHED)
            {
                Fail(Ikev1NotifyName(n->type), 0);
            }
            else
            {
                NS_LOG_INFO("IKEv1 notification " << Ikev1NotifyName(n->type));
            }
        }
        else if (const auto* d = std::get_if<Ikev1DeletePayload>(&p.body))
        {
            OnDelete(*d);
        }
    }
    return out;
}

void
Ikev1Sa::OnResponderLifetime(const Ikev1NotifyPayload& n)
{
    uint32_t seconds = 0;
    uint32_t kilobytes = 0;
    if (!m_initiator || n.spi != CookieBytes() ||
        !DecodeIkev1ResponderLifetime(true, ByteSpan(n.data), seconds, kilobytes))
    {
        NS_LOG_INFO("IKEv1 RESPONDER-LIFETIME ignored: not for this ISAKMP SA or malformed");
        return;
    }
    // The responder may only shorten what we offered (RFC 2407 §4.5.4).
    if (seconds != 0 && (m_lifeSeconds == 0 || seconds < m_lifeSeconds))
    {
        NS_LOG_INFO("IKEv1 ISAKMP SA lifetime " << m_lifeSeconds << " s -> " << seconds
                                                << " s (RESPONDER-LIFETIME)");
        m_lifeSeconds = seconds;
        Ikev2Event ev;
        ev.type = Ikev2Event::IKE_LIFETIME;
        m_events.push_back(ev);
    }
}

void
Ikev1Sa::OnDelete(const Ikev1DeletePayload& d)
{
    if (d.protocolId == ikev1::PROTO_ISAKMP)
    {
        for (const auto& spi : d.spis)
        {
            if (spi == CookieBytes())
            {
                for (const Ikev2ChildSa& c : m_children)
                {
                    Ikev2Event ev;
                    ev.type = Ikev2Event::CHILD_DOWN;
                    ev.spi = c.inboundSpi;
                    m_events.push_back(ev);
                }
                m_children.clear();
                m_state = Ikev2SaState::DELETED;
                m_p1Awaiting = false;
                m_quickModes.clear();
            }
        }
        return;
    }
    for (const auto& spi : d.spis)
    {
        if (spi.size() != 4)
        {
            continue;
        }
        // The SPI of the SA the peer receives on: our outbound SPI.
        const uint32_t outbound = ReadU32(spi.data());
        for (auto it = m_children.begin(); it != m_children.end(); ++it)
        {
            const bool esp =
                it->outboundSpi == outbound && ProtocolIdOf(it->proposal.protocol) == d.protocolId;
            const bool ah =
                it->ah && it->ah->outboundSpi == outbound && d.protocolId == ikev1::PROTO_AH;
            if (esp || ah)
            {
                Ikev2Event ev;
                ev.type = Ikev2Event::CHILD_DOWN;
                ev.spi = it->inboundSpi;
                m_events.push_back(ev);
                m_children.erase(it);
                break;
            }
        }
    }
}

uint8_t
Ikev1Sa::ProtocolIdOf(IpsecProtocol protocol)
{
    return protocol == IpsecProtocol::AH ? ikev1::PROTO_AH : ikev1::PROTO_ESP;
}

std::vector<std::vector<uint8_t>>
Ikev1Sa::DeleteChild(uint32_t inboundSpi)
{
    for (auto it = m_children.begin(); it != m_children.end(); ++it)
    {
        if (it->inboundSpi != inboundSpi)
        {
            continue;
        }
        std::vector<std::vector<uint8_t>> out;
        if (m_state == Ikev2SaState::ESTABLISHED)
        {
            out.push_back(Informational(DeletePayloadsOf(*it)));
        }
        Ikev2Event ev;
        ev.type = Ikev2Event::CHILD_DOWN;
        ev.spi = inboundSpi;
        ev.local = true;
        m_events.push_back(ev);
        m_children.erase(it);
        return out;
    }
    return {};
}

std::vector<Ikev1Payload>
Ikev1Sa::DeletePayloadsOf(const Ikev2ChildSa& child)
{
    auto payload = [](uint8_t protocol, uint32_t spi) {
        Ikev1DeletePayload d;
        d.protocolId = protocol;
        d.spiSize = 4;
        d.spis.emplace_back(4);
        WriteU32(d.spis.back().data(), spi);
        return Ikev1Payload::Make(ikev1::PAYLOAD_DELETE, std::move(d));
    };
    std::vector<Ikev1Payload> out = {
        payload(ProtocolIdOf(child.proposal.protocol), child.inboundSpi)};
    if (child.ah)
    {
        // A Delete payload names one protocol (RFC 2408 §3.15): one for each SA of the bundle.
        out.push_back(payload(ikev1::PROTO_AH, child.ah->inboundSpi));
    }
    return out;
}

std::vector<std::vector<uint8_t>>
Ikev1Sa::Delete()
{
    std::vector<std::vector<uint8_t>> out;
    if (m_state == Ikev2SaState::ESTABLISHED)
    {
        for (const Ikev2ChildSa& c : m_children)
        {
            out.push_back(Informational(DeletePayloadsOf(c)));
        }
        Ikev1DeletePayload d;
        d.protocolId = ikev1::PROTO_ISAKMP;
        d.spiSize = 16;
        d.spis.push_back(CookieBytes());
        out.push_back(Informational({Ikev1Payload::Make(ikev1::PAYLOAD_DELETE, std::move(d))}));
    }
    for (const Ikev2ChildSa& c : m_children)
    {
        Ikev2Event ev;
        ev.type = Ikev2Event::CHILD_DOWN;
        ev.spi = c.inboundSpi;
        ev.local = true;
        m_events.push_back(ev);
    }
    m_children.clear();
    m_quickModes.clear();
    m_p1Awaiting = false;
    m_dpdMessageId = 0;
    m_state = Ikev2SaState::DELETED;
    return out;
}

std::vector<std::vector<uint8_t>>
Ikev1Sa::CheckLiveness()
{
    if (m_state != Ikev2SaState::ESTABLISHED || !m_peerDpd || m_dpdMessageId != 0)
    {
        return {};
    }
    if (m_dpdSeq == 0)
    {
        // RFC 3706 §7: the first sequence number is random (and leaves room to count up).
        const std::vector<uint8_t> b = Random(4);
        m_dpdSeq =
            (uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | b[3]) & 0x7fffffff;
    }
    m_dpdSeq++;
    std::vector<uint8_t> seq(4);
    WriteU32(seq.data(), m_dpdSeq);
    const uint32_t mid = RandomMessageId();
    m_dpdMessage = BuildHashed(ikev1::INFORMATIONAL,
                               mid,
                               {IsakmpNotify(ikev1::DPD_R_U_THERE, std::move(seq))},
                               {},
                               true);
    m_crypter->Forget(mid);
    m_dpdMessageId = mid;
    return {m_dpdMessage};
}

std::vector<std::pair<uint32_t, std::vector<uint8_t>>>
Ikev1Sa::GetAwaiting() const
{
    std::vector<std::pair<uint32_t, std::vector<uint8_t>>> out;
    if (m_p1Awaiting && !m_p1Sent.empty())
    {
        out.emplace_back(0, m_p1Sent);
    }
    for (const auto& [mid, qm] : m_quickModes)
    {
        if (qm->awaiting && !qm->sent.empty())
        {
            out.emplace_back(mid, qm->sent);
        }
    }
    if (m_dpdMessageId != 0)
    {
        out.emplace_back(m_dpdMessageId, m_dpdMessage);
    }
    return out;
}

void
Ikev1Sa::GiveUp(uint32_t messageId)
{
    if (messageId == 0 || messageId == m_dpdMessageId)
    {
        m_state = Ikev2SaState::FAILED;
        m_error = messageId == 0 ? "no answer to phase 1" : "peer dead (no R-U-THERE-ACK)";
        m_p1Awaiting = false;
        m_dpdMessageId = 0;
        return;
    }
    auto it = m_quickModes.find(messageId);
    if (it != m_quickModes.end())
    {
        if (!it->second->initiator)
        {
            // Its inbound SA went in when we answered.
            Ikev2Event ev;
            ev.type = Ikev2Event::CHILD_DOWN;
            ev.spi = it->second->inboundSpi;
            m_events.push_back(ev);
        }
        else if (it->second->rekeyOf != 0)
        {
            Ikev2Event ev;
            ev.type = Ikev2Event::CHILD_FAILED;
            ev.spi = it->second->rekeyOf;
            m_events.push_back(ev);
        }
        EndQuickMode(messageId);
    }
}

std::vector<Ikev2Event>
Ikev1Sa::TakeEvents()
{
    std::vector<Ikev2Event> out;
    out.swap(m_events);
    return out;
}

std::vector<IkeCryptoJob>
Ikev1Sa::TakeJobs()
{
    std::vector<IkeCryptoJob> out;
    out.swap(m_jobs);
    return out;
}

Ikev2SaState
Ikev1Sa::GetState() const
{
    return m_state;
}

const std::string&
Ikev1Sa::GetError() const
{
    return m_error;
}

const std::string&
Ikev1Sa::GetDropReason() const
{
    return m_drop;
}

bool
Ikev1Sa::IsInitiator() const
{
    return m_initiator;
}

uint64_t
Ikev1Sa::GetCookieI() const
{
    return m_keyInfo.cookieI;
}

uint64_t
Ikev1Sa::GetCookieR() const
{
    return m_keyInfo.cookieR;
}

uint64_t
Ikev1Sa::GetOwnCookie() const
{
    return m_initiator ? m_keyInfo.cookieI : m_keyInfo.cookieR;
}

Ikev1Mode
Ikev1Sa::GetMode() const
{
    return m_mode;
}

const IkePeerConfig&
Ikev1Sa::GetConfig() const
{
    return *m_config;
}

bool
Ikev1Sa::HasKeys() const
{
    return m_hasKeys;
}

const Ikev1SaKeyInfo&
Ikev1Sa::GetKeyInfo() const
{
    return m_keyInfo;
}

const IkeProposal&
Ikev1Sa::GetProposal() const
{
    return m_chosen.proposal;
}

std::vector<Ikev2ChildSa>
Ikev1Sa::TakeChildren()
{
    std::vector<Ikev2ChildSa> out;
    out.swap(m_children);
    return out;
}

void
Ikev1Sa::AdoptChildren(std::vector<Ikev2ChildSa> children)
{
    for (auto& c : children)
    {
        m_children.push_back(std::move(c));
    }
}

const std::vector<Ikev2ChildSa>&
Ikev1Sa::GetChildren() const
{
    return m_children;
}

const IkeIdentity&
Ikev1Sa::GetPeerIdentity() const
{
    return m_peerId;
}

void
Ikev1Sa::SetMessageCallback(MessageCallback callback)
{
    m_onMessage = std::move(callback);
}

} // namespace ipsec
} // namespace ns3
