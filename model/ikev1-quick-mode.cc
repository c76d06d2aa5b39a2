// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IKEv1 quick mode (RFC 2409 §5.5):
 *   I: HDR*, HASH(1), SA, Ni [, KE] [, IDci, IDcr]
 *   R: HDR*, HASH(2), SA, Nr [, KE] [, IDci, IDcr]
 *   I: HDR*, HASH(3)
 * KEYMAT = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b), expanded, once per SA with
 * the SPI its receiver chose. The initiator installs both SAs on message 2; the responder its
 * inbound SA when it answers (so the initiator's first packets find it) and its outbound SA on
 * message 3.
 */

#include "ike-proposal-selection.h"
#include "ikev1-crypter.h"
#include "ikev1-sa.h"
#include "ipsec-crypto-operation.h"

#include "ns3/log.h"

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("Ikev1QuickMode");

namespace
{

/// Nonce bytes this end sends in quick mode.
constexpr size_t kQmNonceSize = 32;
/// Finished quick modes remembered to answer a retransmitted last message.
constexpr size_t kDoneRemembered = 8;

/**
 * @brief The lifetime offered for a CHILD SA: life_time, else rekey_time + 10 % (strongSwan's
 * default: 3600 s -> 3960 s).
 * @param child the configuration
 * @return seconds (0: none)
 */
uint32_t
Phase2Lifetime(const IkeChildConfig& child)
{
    const Time life = child.lifeTime.IsStrictlyPositive() ? child.lifeTime : child.rekeyTime * 1.1;
    return life.IsStrictlyPositive() ? static_cast<uint32_t>(life.GetSeconds()) : 0;
}

/// RFC 2407 §4.5: the SA Life Duration when an offer gives none (8 hours).
constexpr uint32_t kDefaultPhase2Lifetime = 28800;

/**
 * @brief The lifetime the initiator offered: its SA Life Duration, else RFC 2407's default.
 * @param offered the transform
 * @return seconds
 */
uint32_t
OfferedLifetime(const Ikev1Phase2Transform& offered)
{
    return offered.lifeSeconds != 0 ? offered.lifeSeconds : kDefaultPhase2Lifetime;
}

/**
 * @brief Proposals without their key exchange methods (an ESP+AH bundle's AH half takes the
 * ESP half's group).
 * @param proposals the proposals
 * @return the same, keyExchange empty
 */
std::vector<ChildProposal>
WithoutKe(std::vector<ChildProposal> proposals)
{
    for (ChildProposal& p : proposals)
    {
        p.keyExchange.clear();
    }
    return proposals;
}

/**
 * @brief Whether the responder's answer is one of our offered transforms (numbers aside): the
 * same ESP or AH proposal and mode, and the same AH half for a bundle.
 * @param answer the responder's choice
 * @param offered one we offered
 * @return whether they match
 */
bool
SameChoice(const Ikev1Phase2Transform& answer, const Ikev1Phase2Transform& offered)
{
    auto same = [](ChildProposal a, const ChildProposal& b) {
        a.number = b.number;
        return a == b;
    };
    if (answer.mode != offered.mode || !same(answer.proposal, offered.proposal) ||
        answer.ah.has_value() != offered.ah.has_value())
    {
        return false;
    }
    return !answer.ah || same(answer.ah->proposal, offered.ah->proposal);
}

/**
 * @brief The two ID payloads of a quick-mode message, IDci then IDcr.
 * @param payloads the payloads
 * @param ids the sides
 * @return 0 if there are none, 2 if both read, -1 if malformed or unusable
 */
int
ReadIds(const std::vector<Ikev1Payload>& payloads, std::vector<IkeTsSide>& ids)
{
    int n = 0;
    for (const auto& p : payloads)
    {
        if (p.type != ikev1::PAYLOAD_ID)
        {
            continue;
        }
        const auto* id = std::get_if<Ikev1IdPayload>(&p.body);
        const auto side = id ? FromIkev1Id(*id) : std::nullopt;
        if (!side)
        {
            return -1;
        }
        ids.push_back(*side);
        n++;
    }
    return n == 0 ? 0 : (n == 2 ? 2 : -1);
}

/**
 * @brief The side of a host (the ISAKMP peers' addresses when a quick mode carries no IDs).
 * @param a the address
 * @return the side
 */
IkeTsSide
HostSide(Ipv4Address a)
{
    IkeTsSide s;
    s.addresses = AddressRange{a, a};
    return s;
}

} // namespace

std::vector<std::vector<uint8_t>>
Ikev1Sa::StartQueued()
{
    std::vector<std::vector<uint8_t>> out;
    std::vector<Queued> queued;
    queued.swap(m_queued);
    for (const Queued& q : queued)
    {
        out.push_back(StartQuickMode(q.child,
                                     q.trigger ? &q.local : nullptr,
                                     q.trigger ? &q.remote : nullptr,
                                     q.rekeyOf));
    }
    return out;
}

std::vector<std::vector<uint8_t>>
Ikev1Sa::CreateChild(size_t child, const IkeTsSide* local, const IkeTsSide* remote)
{
    if (child >= m_config->children.size() || m_state == Ikev2SaState::FAILED ||
        m_state == Ikev2SaState::DELETED)
    {
        return {};
    }
    if (m_state != Ikev2SaState::ESTABLISHED)
    {
        Queued q{child, local && remote, {}, {}, 0};
        if (q.trigger)
        {
            q.local = *local;
            q.remote = *remote;
        }
        m_queued.push_back(q);
        return {};
    }
    return {StartQuickMode(child, local, remote, 0)};
}

std::vector<std::vector<uint8_t>>
Ikev1Sa::RekeyChild(uint32_t inboundSpi)
{
    if (m_state != Ikev2SaState::ESTABLISHED)
    {
        return {};
    }
    for (const Ikev2ChildSa& c : m_children)
    {
        if (c.inboundSpi != inboundSpi)
        {
            continue;
        }
        for (size_t k = 0; k < m_config->children.size(); k++)
        {
            if (m_config->children[k].name == c.name && !c.localTs.empty() && !c.remoteTs.empty())
            {
                // The same selectors again: the responder recognises the rekey by them.
                return {StartQuickMode(k, &c.localTs.front(), &c.remoteTs.front(), inboundSpi)};
            }
        }
    }
    return {};
}

std::vector<uint8_t>
Ikev1Sa::StartQuickMode(size_t child,
                        const IkeTsSide* local,
                        const IkeTsSide* remote,
                        uint32_t rekeyOf)
{
    const IkeChildConfig& cc = m_config->children[child];
    auto qm = std::make_unique<QuickMode>();
    qm->messageId = RandomMessageId();
    qm->initiator = true;
    qm->child = child;
    qm->rekeyOf = rekeyOf;
    // strongSwan proposes the configured selectors (the first of each side), not a trigger's.
    qm->localTs = local ? *local : cc.localTs.front();
    qm->remoteTs = remote ? *remote : cc.remoteTs.front();
    qm->inboundSpi = m_sources.allocateSpi();
    if (!cc.ahProposals.empty())
    {
        qm->inboundAhSpi = m_sources.allocateSpi();
    }
    qm->ni = Random(kQmNonceSize);
    const Ikev1SaPayload sa = EncodeIkev1Phase2Sa(cc.proposals,
                                                  cc.mode,
                                                  qm->inboundSpi,
                                                  Phase2Lifetime(cc),
                                                  cc.ahProposals,
                                                  qm->inboundAhSpi);
    std::string error;
    DecodeIkev1Phase2Sa(sa, qm->offered, error);
    std::vector<Ikev1Payload> payloads = {
        Ikev1Payload::Make(ikev1::PAYLOAD_SA, sa),
        Ikev1Payload::Make(ikev1::PAYLOAD_NONCE, Ikev1RawPayload{qm->ni})};
    const ChildProposal& first = cc.proposals.front();
    if (!first.keyExchange.empty() && first.keyExchange.front() != KE_NONE)
    {
        qm->ke = std::make_unique<KeyExchange>(first.keyExchange.front());
        qm->ke->GeneratePrivateKey(m_sources.bytes);
        Ikev2ChargeKe(m_jobs, *qm->ke, KePhase::KEYGEN);
        payloads.push_back(
            Ikev1Payload::Make(ikev1::PAYLOAD_KE, Ikev1RawPayload{qm->ke->GetPublicValue()}));
    }
    payloads.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_ID, ToIkev1Id(qm->localTs)));
    payloads.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_ID, ToIkev1Id(qm->remoteTs)));
    qm->sent = BuildHashed(ikev1::QUICK_MODE, qm->messageId, payloads, {}, true);
    qm->awaiting = true;
    qm->step = 1;
    std::vector<uint8_t> bytes = qm->sent;
    NS_LOG_INFO("IKEv1 quick mode " << qm->messageId << " for " << cc.name
                                    << (rekeyOf ? " (rekey)" : ""));
    m_quickModes[qm->messageId] = std::move(qm);
    return bytes;
}

void
Ikev1Sa::EndQuickMode(uint32_t messageId)
{
    auto it = m_quickModes.find(messageId);
    if (it == m_quickModes.end())
    {
        return;
    }
    m_done.push_back({messageId, it->second->received, it->second->sent});
    if (m_done.size() > kDoneRemembered)
    {
        m_done.erase(m_done.begin());
    }
    m_quickModes.erase(it);
    if (m_crypter)
    {
        m_crypter->Forget(messageId);
    }
}

Ikev2ChildSa
Ikev1Sa::MakeChild(QuickMode& qm)
{
    const IkeChildConfig& cc = m_config->children[qm.child];
    Ikev2ChildSa c;
    c.name = cc.name;
    c.mode = qm.chosen.mode;
    c.proposal = qm.chosen.proposal;
    c.proposal.number = 1;
    c.inboundSpi = qm.inboundSpi;
    c.outboundSpi = qm.chosen.spi;
    c.localTs = {qm.localTs};
    c.remoteTs = {qm.remoteTs};
    c.rekeyOf = qm.rekeyOf;
    c.keGroup = c.proposal.GetKeGroup();
    c.local = qm.initiator;
    c.lifetime = Seconds(qm.lifeSeconds);
    // KEYMAT per protocol and SPI (RFC 2409 §5.5), the encryption key first, then the
    // integrity key (strongSwan's keymat_v1).
    auto keys = [&](const ChildProposal& proposal, uint32_t spi) {
        const ChildKeySizes sizes = proposal.GetKeySizes();
        const size_t length = sizes.GetPerSa();
        std::vector<uint8_t> spiBytes(4);
        WriteU32(spiBytes.data(), spi);
        const std::vector<uint8_t> keymat = Ikev1Keymat(*m_prf,
                                                        ByteSpan(m_keyInfo.keys.skeyidD),
                                                        ByteSpan(qm.gxy),
                                                        ProtocolIdOf(proposal.protocol),
                                                        ByteSpan(spiBytes),
                                                        ByteSpan(qm.ni),
                                                        ByteSpan(qm.nr),
                                                        length);
        const uint32_t blocks =
            static_cast<uint32_t>((length + m_prf->GetOutputSize() - 1) / m_prf->GetOutputSize());
        ChargePrf(static_cast<uint32_t>(qm.gxy.size() + 5 + qm.ni.size() + qm.nr.size()), blocks);
        ChildSaKeys k;
        k.encryptionKey.assign(keymat.begin(), keymat.begin() + sizes.encryptionKey);
        k.integrityKey.assign(keymat.begin() + sizes.encryptionKey, keymat.end());
        return k;
    };
    c.inbound = keys(c.proposal, c.inboundSpi);
    c.outbound = keys(c.proposal, c.outboundSpi);
    if (qm.chosen.ah)
    {
        ChildSaAh ah;
        ah.proposal = qm.chosen.ah->proposal;
        ah.proposal.number = 1;
        ah.inboundSpi = qm.inboundAhSpi;
        ah.outboundSpi = qm.chosen.ah->spi;
        ah.inbound = keys(ah.proposal, ah.inboundSpi);
        ah.outbound = keys(ah.proposal, ah.outboundSpi);
        c.ah = ah;
    }
    return c;
}

std::vector<std::vector<uint8_t>>
Ikev1Sa::OnQuickMode(const Ikev1Message& message, ByteSpan datagram)
{
    const uint32_t mid = message.header.messageId;
    const std::vector<uint8_t> bytes(datagram.data, datagram.data + datagram.size);
    auto it = m_quickModes.find(mid);
    if (it == m_quickModes.end())
    {
        for (const Done& d : m_done)
        {
            if (d.messageId == mid)
            {
                // The peer lost our last message: send it again (never process twice).
                if (bytes == d.received && !d.sent.empty())
                {
                    return {d.sent};
                }
                return Drop("quick-mode-over");
            }
        }
        std::vector<Ikev1Payload> in;
        std::vector<uint8_t> plain;
        if (!Open(message, in, plain) || !CheckHash1(message, in, plain, {}))
        {
            return Drop("quick-mode-hash-mismatch");
        }
        return OnQuickModeRequest(message, in, bytes);
    }
    QuickMode& qm = *it->second;
    if (bytes == qm.received)
    {
        return qm.sent.empty() ? std::vector<std::vector<uint8_t>>{}
                               : std::vector<std::vector<uint8_t>>{qm.sent};
    }
    std::vector<Ikev1Payload> in;
    std::vector<uint8_t> plain;
    if (!Open(message, in, plain))
    {
        return Drop("quick-mode-hash-mismatch");
    }
    if (qm.initiator && qm.step == 1)
    {
        // Message 2: HASH(2) = prf(SKEYID_a, M-ID | Ni_b | the rest).
        if (!CheckHash1(message, in, plain, qm.ni))
        {
            return Drop("quick-mode-hash-mismatch");
        }
        m_crypter->Advance(mid, message.encrypted);
        qm.received = bytes;
        if (m_onMessage)
        {
            m_onMessage(false, message.header, in, false);
        }
        if (UnknownPayloadType(in) != 0)
        {
            EndQuickMode(mid);
            return Refuse("invalid-payload-type", ikev1::INVALID_PAYLOAD_TYPE);
        }
        const Ikev1Payload* saPayload = FindIkev1Payload(in, ikev1::PAYLOAD_SA);
        const auto* sa = saPayload ? std::get_if<Ikev1SaPayload>(&saPayload->body) : nullptr;
        const std::vector<uint8_t>* nonce = FindIkev1RawBody(in, ikev1::PAYLOAD_NONCE);
        std::vector<Ikev1Phase2Transform> answer;
        std::string error;
        if (!sa || !nonce || nonce->size() < 8 || nonce->size() > 256 ||
            !DecodeIkev1Phase2Sa(*sa, answer, error) || answer.size() != 1)
        {
            EndQuickMode(mid);
            return Drop("quick-mode-malformed-answer");
        }
        bool offered = false;
        for (const Ikev1Phase2Transform& t : qm.offered)
        {
            offered = offered || SameChoice(answer.front(), t);
        }
        const uint16_t group = answer.front().proposal.GetKeGroup();
        const std::vector<uint8_t>* ke = FindIkev1RawBody(in, ikev1::PAYLOAD_KE);
        if (!offered || (group != KE_NONE) != (ke != nullptr) ||
            (group != KE_NONE && (!qm.ke || qm.ke->GetGroup().ianaId != group)))
        {
            EndQuickMode(mid);
            return Drop("quick-mode-answer-not-offered");
        }
        qm.chosen = answer.front();
        qm.nr = *nonce;
        qm.lifeSeconds = OfferedLifetime(qm.chosen);
        for (const Ikev1Payload& p : in)
        {
            const auto* n = std::get_if<Ikev1NotifyPayload>(&p.body);
            uint32_t seconds = 0;
            uint32_t kilobytes = 0;
            if (!n || n->type != ikev1::RESPONDER_LIFETIME)
            {
                continue;
            }
            if (!DecodeIkev1ResponderLifetime(false, ByteSpan(n->data), seconds, kilobytes))
            {
                EndQuickMode(mid);
                return Drop("quick-mode-malformed-answer");
            }
            // The responder may only shorten the lifetime (RFC 2407 §4.5.4).
            if (seconds != 0 && seconds < qm.lifeSeconds)
            {
                NS_LOG_INFO("IKEv1 quick mode " << mid << ": lifetime " << qm.lifeSeconds
                                                << " s -> " << seconds
                                                << " s (RESPONDER-LIFETIME)");
                qm.lifeSeconds = seconds;
            }
        }
        if (qm.ke)
        {
            const KeResult r = qm.ke->ComputeSharedSecret(ByteSpan(*ke));
            Ikev2ChargeKe(m_jobs, *qm.ke, KePhase::DERIVE);
            if (!r.Ok())
            {
                EndQuickMode(mid);
                return Drop("quick-mode-invalid-ke");
            }
            qm.gxy = r.secret;
        }
        std::vector<IkeTsSide> ids;
        const int n = ReadIds(in, ids);
        if (n == 2)
        {
            // The responder may narrow; the result must lie within what we proposed.
            const auto l = Intersect(ids[0], qm.localTs);
            const auto r = Intersect(ids[1], qm.remoteTs);
            if (!l || !r || !(*l == ids[0]) || !(*r == ids[1]))
            {
                EndQuickMode(mid);
                return Drop("quick-mode-ids-not-acceptable");
            }
            qm.localTs = ids[0];
            qm.remoteTs = ids[1];
        }
        // Message 3: HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b).
        const std::vector<uint8_t> hash3 = Ikev1QuickModeHash(*m_prf,
                                                              ByteSpan(m_keyInfo.keys.skeyidA),
                                                              3,
                                                              mid,
                                                              ByteSpan(qm.ni),
                                                              ByteSpan(qm.nr));
        ChargePrf(static_cast<uint32_t>(5 + qm.ni.size() + qm.nr.size()));
        qm.sent = Build(ikev1::QUICK_MODE,
                        mid,
                        {Ikev1Payload::Make(ikev1::PAYLOAD_HASH, Ikev1RawPayload{hash3})},
                        true,
                        true);
        qm.awaiting = false;
        qm.step = 3;
        Ikev2ChildSa child = MakeChild(qm);
        std::vector<std::vector<uint8_t>> out = {qm.sent};
        const uint32_t rekeyOf = qm.rekeyOf;
        Ikev2Event ev;
        ev.type = rekeyOf ? Ikev2Event::CHILD_REKEYED : Ikev2Event::CHILD_UP;
        ev.child = child;
        ev.local = true;
        m_events.push_back(ev);
        m_children.push_back(child);
        EndQuickMode(mid);
        if (rekeyOf)
        {
            // Make-before-break: the new SA is up at both ends once message 3 arrives; the old
            // one goes (strongSwan deletes it after the rekey).
            for (auto& m : DeleteChild(rekeyOf))
            {
                out.push_back(std::move(m));
            }
        }
        return out;
    }
    if (!qm.initiator && qm.step == 2)
    {
        const std::vector<uint8_t>* hash = FindIkev1RawBody(in, ikev1::PAYLOAD_HASH);
        const std::vector<uint8_t> expected = Ikev1QuickModeHash(*m_prf,
                                                                 ByteSpan(m_keyInfo.keys.skeyidA),
                                                                 3,
                                                                 mid,
                                                                 ByteSpan(qm.ni),
                                                                 ByteSpan(qm.nr));
        ChargePrf(static_cast<uint32_t>(5 + qm.ni.size() + qm.nr.size()));
        if (in.empty() || in.front().type != ikev1::PAYLOAD_HASH || !hash || *hash != expected)
        {
            return Drop("quick-mode-hash-mismatch");
        }
        m_crypter->Advance(mid, message.encrypted);
        qm.received = bytes;
        qm.awaiting = false;
        qm.step = 3;
        if (m_onMessage)
        {
            m_onMessage(false, message.header, in, true);
        }
        Ikev2Event ev;
        ev.type = Ikev2Event::CHILD_OUTBOUND;
        ev.spi = qm.inboundSpi;
        m_events.push_back(ev);
        m_children.push_back(qm.result);
        EndQuickMode(mid);
        return {};
    }
    return Drop("unexpected-quick-mode-message");
}

std::vector<std::vector<uint8_t>>
Ikev1Sa::OnQuickModeRequest(const Ikev1Message& message,
                            const std::vector<Ikev1Payload>& in,
                            const std::vector<uint8_t>& bytes)
{
    const uint32_t mid = message.header.messageId;
    m_crypter->Advance(mid, message.encrypted);
    if (m_onMessage)
    {
        m_onMessage(false, message.header, in, true);
    }
    auto refuse = [&](const std::string& reason, uint16_t notify) {
        m_crypter->Forget(mid);
        return Refuse(reason, notify);
    };
    if (UnknownPayloadType(in) != 0)
    {
        return refuse("invalid-payload-type", ikev1::INVALID_PAYLOAD_TYPE);
    }
    const Ikev1Payload* saPayload = FindIkev1Payload(in, ikev1::PAYLOAD_SA);
    const auto* sa = saPayload ? std::get_if<Ikev1SaPayload>(&saPayload->body) : nullptr;
    const std::vector<uint8_t>* nonce = FindIkev1RawBody(in, ikev1::PAYLOAD_NONCE);
    std::vector<Ikev1Phase2Transform> offered;
    std::string error;
    if (!sa || !nonce || nonce->size() < 8 || nonce->size() > 256 ||
        !DecodeIkev1Phase2Sa(*sa, offered, error))
    {
        return refuse("quick-mode-malformed", ikev1::PAYLOAD_MALFORMED);
    }
    std::vector<IkeTsSide> ids;
    const int n = ReadIds(in, ids);
    if (n < 0)
    {
        return refuse("quick-mode-bad-ids", ikev1::INVALID_ID_INFORMATION);
    }
    if (n == 0)
    {
        // RFC 2409 §5.5: without IDs, the selectors are the ISAKMP peers' addresses.
        ids = {HostSide(m_config->remoteAddress), HostSide(m_config->localAddress)};
    }
    // The CHILD SA configuration whose selectors the proposal falls within (narrowed to ours).
    int found = -1;
    IkeTsSide remote;
    IkeTsSide local;
    for (size_t k = 0; k < m_config->children.size() && found < 0; k++)
    {
        const IkeChildConfig& cc = m_config->children[k];
        const auto r = Narrow({ids[0]}, cc.remoteTs);
        const auto l = Narrow({ids[1]}, cc.localTs);
        if (!r.empty() && !l.empty())
        {
            found = static_cast<int>(k);
            remote = r.front();
            local = l.front();
        }
    }
    if (found < 0)
    {
        return refuse("no-matching-child-config", ikev1::INVALID_ID_INFORMATION);
    }
    const IkeChildConfig& cc = m_config->children[found];
    const std::vector<uint8_t>* ke = FindIkev1RawBody(in, ikev1::PAYLOAD_KE);
    std::vector<ChildProposal> candidates;
    std::vector<size_t> index;
    ProposalSelectionOptions options;
    for (size_t i = 0; i < offered.size() && candidates.size() < 255; i++)
    {
        // A bundle for a bundle: its AH half must be one of ours too (the group is the ESP
        // half's: one Diffie-Hellman for both).
        const auto& ah = offered[i].ah;
        if (offered[i].mode != cc.mode || ah.has_value() == cc.ahProposals.empty() ||
            (ah && !SelectProposal(WithoutKe(cc.ahProposals), WithoutKe({ah->proposal}), options)
                        .IsChosen()))
        {
            continue;
        }
        ChildProposal p = offered[i].proposal;
        p.number = static_cast<uint8_t>(candidates.size() + 1);
        candidates.push_back(p);
        index.push_back(i);
    }
    const auto chosen = SelectProposal(cc.proposals, candidates, options);
    if (!chosen.IsChosen())
    {
        return refuse("NO_PROPOSAL_CHOSEN", ikev1::NO_PROPOSAL_CHOSEN);
    }
    auto qm = std::make_unique<QuickMode>();
    qm->messageId = mid;
    qm->initiator = false;
    qm->child = static_cast<size_t>(found);
    qm->chosen = offered[index[chosen.proposal.number - 1]];
    qm->localTs = local;
    qm->remoteTs = remote;
    qm->ni = *nonce;
    qm->nr = Random(kQmNonceSize);
    qm->inboundSpi = m_sources.allocateSpi();
    if (qm->chosen.ah)
    {
        qm->inboundAhSpi = m_sources.allocateSpi();
    }
    const uint16_t group = qm->chosen.proposal.GetKeGroup();
    std::vector<Ikev1Payload> payloads = {
        Ikev1Payload::Make(ikev1::PAYLOAD_SA,
                           EncodeIkev1Phase2Choice(qm->chosen, qm->inboundSpi, qm->inboundAhSpi)),
        Ikev1Payload::Make(ikev1::PAYLOAD_NONCE, Ikev1RawPayload{qm->nr})};
    if (group != KE_NONE)
    {
        qm->ke = std::make_unique<KeyExchange>(group);
        if (!ke || ke->size() != qm->ke->GetGroup().publicSize)
        {
            return refuse("quick-mode-invalid-ke", ikev1::INVALID_KEY_INFORMATION);
        }
        qm->ke->GeneratePrivateKey(m_sources.bytes);
        Ikev2ChargeKe(m_jobs, *qm->ke, KePhase::KEYGEN);
        const KeResult r = qm->ke->ComputeSharedSecret(ByteSpan(*ke));
        Ikev2ChargeKe(m_jobs, *qm->ke, KePhase::DERIVE);
        if (!r.Ok())
        {
            return refuse("quick-mode-invalid-ke", ikev1::INVALID_KEY_INFORMATION);
        }
        qm->gxy = r.secret;
        payloads.push_back(
            Ikev1Payload::Make(ikev1::PAYLOAD_KE, Ikev1RawPayload{qm->ke->GetPublicValue()}));
    }
    if (n == 2)
    {
        payloads.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_ID, ToIkev1Id(qm->remoteTs)));
        payloads.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_ID, ToIkev1Id(qm->localTs)));
    }
    qm->lifeSeconds = OfferedLifetime(qm->chosen);
    const uint32_t own = Phase2Lifetime(cc);
    if (own != 0 && own < qm->lifeSeconds)
    {
        // RFC 2407 §4.5.4 and §4.6.3.1: the SA payload answers the offer unchanged; the
        // notification gives the shorter lifetime our policy allows (SPI: our inbound one).
        qm->lifeSeconds = own;
        Ikev1NotifyPayload life;
        life.protocolId = ProtocolIdOf(qm->chosen.proposal.protocol);
        life.type = ikev1::RESPONDER_LIFETIME;
        life.spi.resize(4);
        WriteU32(life.spi.data(), qm->inboundSpi);
        life.data = EncodeIkev1ResponderLifetime(false, own, 0);
        payloads.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_NOTIFY, std::move(life)));
    }
    // A quick mode for the selectors of a CHILD SA we have rekeys it (strongSwan's quick_mode
    // "detected rekeying").
    for (const Ikev2ChildSa& c : m_children)
    {
        if (c.name == cc.name && c.localTs.size() == 1 && c.remoteTs.size() == 1 &&
            c.localTs.front() == qm->localTs && c.remoteTs.front() == qm->remoteTs)
        {
            qm->rekeyOf = c.inboundSpi;
        }
    }
    qm->sent = BuildHashed(ikev1::QUICK_MODE, mid, payloads, qm->ni, false);
    qm->received = bytes;
    qm->awaiting = true;
    qm->step = 2;
    qm->result = MakeChild(*qm);
    Ikev2Event ev;
    ev.type = qm->rekeyOf ? Ikev2Event::CHILD_REKEYED : Ikev2Event::CHILD_UP;
    ev.child = qm->result;
    ev.inboundOnly = true;
    m_events.push_back(ev);
    std::vector<std::vector<uint8_t>> out = {qm->sent};
    m_quickModes[mid] = std::move(qm);
    return out;
}

} // namespace ipsec
} // namespace ns3
