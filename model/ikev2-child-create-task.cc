// SPDX-License-Identifier: GPL-2.0-only
#include "ikev2-child-create-task.h"

#include "ike-proposal-selection.h"
#include "ikev2-proposal-codec.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("Ikev2ChildCreateTask");

namespace
{

Ikev2TsPayload
TsPayload(const std::vector<IkeTsSide>& sides)
{
    Ikev2TsPayload ts;
    for (const auto& s : sides)
    {
        ts.selectors.push_back(ToIkev2(s));
    }
    return ts;
}

std::vector<IkeTsSide>
Sides(const Ikev2TsPayload* ts)
{
    std::vector<IkeTsSide> sides;
    if (ts)
    {
        for (const auto& s : ts->selectors)
        {
            if (auto side = FromIkev2(s))
            {
                sides.push_back(*side);
            }
        }
    }
    return sides;
}

bool
HasNotify(const std::vector<Ikev2Payload>& in, uint16_t type)
{
    return FindIkev2Notify(in, type) != nullptr;
}

/// IANA protocol ID of a CHILD SA's protocol.
uint8_t
ProtocolId(IpsecProtocol protocol)
{
    return protocol == IpsecProtocol::AH ? ikev2::PROTOCOL_AH : ikev2::PROTOCOL_ESP;
}

/// An SPI as 4 bytes, network order.
std::vector<uint8_t>
SpiBytes(uint32_t spi)
{
    return {static_cast<uint8_t>(spi >> 24),
            static_cast<uint8_t>(spi >> 16),
            static_cast<uint8_t>(spi >> 8),
            static_cast<uint8_t>(spi)};
}

/// The key exchange method a CREATE_CHILD_SA request offers: the first proposal's first, if it
/// is not "none" (strongSwan sends KE for the first proposal's group).
uint16_t
OfferedGroup(const std::vector<ChildProposal>& proposals)
{
    if (proposals.empty() || proposals.front().keyExchange.empty())
    {
        return KE_NONE;
    }
    return proposals.front().keyExchange.front();
}

/// The proposals without KE transforms: IKE_AUTH's CHILD SA uses the IKE SA's key exchange
/// (§1.2; strongSwan strips them too).
std::vector<ChildProposal>
WithoutKe(std::vector<ChildProposal> proposals)
{
    for (auto& p : proposals)
    {
        p.keyExchange.clear();
    }
    return proposals;
}

} // namespace

Ikev2ChildCreateTask::Ikev2ChildCreateTask(IkeChildConfig config)
    : m_config(std::move(config)),
      m_exchange(ikev2::IKE_AUTH)
{
    m_child.name = m_config.name;
    m_localTs = m_config.localTs;
    m_remoteTs = m_config.remoteTs;
}

Ikev2ChildCreateTask::Ikev2ChildCreateTask(IkeChildConfig config, const Ikev2ChildSa* rekeyed)
    : m_config(std::move(config)),
      m_exchange(ikev2::CREATE_CHILD_SA)
{
    m_child.name = m_config.name;
    m_localTs = m_config.localTs;
    m_remoteTs = m_config.remoteTs;
    if (rekeyed)
    {
        m_child.rekeyOf = rekeyed->inboundSpi;
        m_child.name = rekeyed->name;
        m_localTs = rekeyed->localTs;   // as negotiated (strongSwan proposes the config's again;
        m_remoteTs = rekeyed->remoteTs; // the narrowed ones are a subset of them)
    }
}

void
Ikev2ChildCreateTask::SetTrigger(const IkeTsSide& local, const IkeTsSide& remote)
{
    if (m_child.rekeyOf == 0)
    {
        m_triggerLocal = {local};
        m_triggerRemote = {remote};
    }
}

uint8_t
Ikev2ChildCreateTask::GetExchangeType() const
{
    return m_exchange;
}

void
Ikev2ChildCreateTask::BuildRequest(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out)
{
    const bool create = m_exchange == ikev2::CREATE_CHILD_SA;
    if (m_child.inboundSpi == 0)
    {
        m_child.inboundSpi = ctx.sources.allocateSpi();
    }
    const std::vector<ChildProposal> proposals =
        create ? m_config.proposals : WithoutKe(m_config.proposals);
    if (create && m_child.rekeyOf != 0)
    {
        // §1.3.3: which CHILD SA this rekeys, by the SPI we receive it on (strongSwan's way).
        Ikev2NotifyPayload n;
        n.protocolId = ProtocolId(proposals.front().protocol);
        n.spi = SpiBytes(m_child.rekeyOf);
        n.type = ikev2::REKEY_SA;
        out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_NOTIFY, n));
    }
    if (m_config.mode == IpsecMode::TRANSPORT)
    {
        out.push_back(MakeIkev2Notify(ikev2::USE_TRANSPORT_MODE));
    }
    Ikev2SaPayload sa;
    for (const ChildProposal& p : proposals)
    {
        sa.proposals.push_back(ToIkev2(p, m_child.inboundSpi));
    }
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_SA, sa));
    if (create)
    {
        if (m_nonce.empty())
        {
            m_nonce = Ikev2RandomBytes(ctx, IKEV2_NONCE_SIZE);
        }
        out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_NONCE, Ikev2NoncePayload{m_nonce}));
        const uint16_t group = m_ke ? m_ke->GetGroup().ianaId : OfferedGroup(proposals);
        if (group != KE_NONE)
        {
            if (!m_ke)
            {
                m_ke = std::make_unique<KeyExchange>(group);
                m_ke->GeneratePrivateKey(ctx.sources.bytes);
                Ikev2ChargeKe(ctx.jobs, *m_ke, KePhase::KEYGEN);
            }
            out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_KE,
                                             Ikev2KePayload{group, m_ke->GetPublicValue()}));
        }
    }
    // §2.9: the trigger first, then the configured ranges (whose narrowing is checked later).
    std::vector<IkeTsSide> tsi = m_triggerLocal;
    std::vector<IkeTsSide> tsr = m_triggerRemote;
    tsi.insert(tsi.end(), m_localTs.begin(), m_localTs.end());
    tsr.insert(tsr.end(), m_remoteTs.begin(), m_remoteTs.end());
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_TSI, TsPayload(tsi)));
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_TSR, TsPayload(tsr)));
}

bool
Ikev2ChildCreateTask::ProcessCreateResponse(Ikev2SaContext& ctx,
                                            const std::vector<Ikev2Payload>& in)
{
    const auto* nonce = FindIkev2Payload<Ikev2NoncePayload>(in, ikev2::PAYLOAD_NONCE);
    if (!nonce || nonce->data.size() < IKEV2_NONCE_MIN || nonce->data.size() > IKEV2_NONCE_MAX)
    {
        NS_LOG_INFO("CHILD SA " << m_child.name << ": response without a valid nonce");
        return false;
    }
    std::vector<uint8_t> secret;
    const uint16_t group =
        m_child.proposal.keyExchange.empty() ? KE_NONE : m_child.proposal.keyExchange.front();
    if (group != KE_NONE)
    {
        const auto* ke = FindIkev2Payload<Ikev2KePayload>(in, ikev2::PAYLOAD_KE);
        if (!ke || !m_ke || ke->group != group || m_ke->GetGroup().ianaId != group)
        {
            NS_LOG_INFO("CHILD SA " << m_child.name << ": PFS agreed but no matching KE");
            return false;
        }
        Ikev2ChargeKe(ctx.jobs, *m_ke, KePhase::DERIVE);
        const KeResult r = m_ke->ComputeSharedSecret(ke->data);
        if (!r.Ok())
        {
            NS_LOG_INFO("CHILD SA " << m_child.name << ": " << GetKeErrorName(r.error));
            return false;
        }
        secret = r.secret;
        m_child.keGroup = group;
    }
    DeriveKeys(ctx, secret, m_nonce, nonce->data, true);
    return true;
}

Ikev2TaskStatus
Ikev2ChildCreateTask::ProcessResponse(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in)
{
    const Ikev2TaskStatus status = ProcessChildResponse(ctx, in);
    if (status == Ikev2TaskStatus::DONE && !m_recorded && m_exchange == ikev2::CREATE_CHILD_SA)
    {
        Ikev2Event e;
        e.type = Ikev2Event::CHILD_FAILED;
        e.spi = m_child.rekeyOf;
        e.local = true;
        ctx.events.push_back(std::move(e));
    }
    return status;
}

Ikev2TaskStatus
Ikev2ChildCreateTask::ProcessChildResponse(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in)
{
    const bool create = m_exchange == ikev2::CREATE_CHILD_SA;
    // A refused CHILD SA leaves the IKE SA up (§1.2): DONE either way, the CHILD SA only if
    // everything checks out.
    if (const auto* n = FindIkev2ErrorNotify(in))
    {
        if (create && n->type == ikev2::INVALID_KE_PAYLOAD && n->data.size() == 2)
        {
            // §1.3: start over with the group the responder wants, if we offered it.
            const uint16_t group = static_cast<uint16_t>(n->data[0] << 8 | n->data[1]);
            for (const ChildProposal& p : m_config.proposals)
            {
                for (uint16_t g : p.keyExchange)
                {
                    if (g == group && group != KE_NONE &&
                        (!m_ke || group != m_ke->GetGroup().ianaId))
                    {
                        m_ke = std::make_unique<KeyExchange>(group);
                        m_ke->GeneratePrivateKey(ctx.sources.bytes);
                        Ikev2ChargeKe(ctx.jobs, *m_ke, KePhase::KEYGEN);
                        return Ikev2TaskStatus::RETRY;
                    }
                }
            }
        }
        NS_LOG_INFO("CHILD SA " << m_child.name << " refused: " << Ikev2NotifyName(n->type));
        return Ikev2TaskStatus::DONE;
    }
    const auto* sa = FindIkev2Payload<Ikev2SaPayload>(in, ikev2::PAYLOAD_SA);
    if (!sa)
    {
        return Ikev2TaskStatus::DONE;
    }
    std::vector<uint32_t> spis;
    const auto answer = FromIkev2ChildProposals(*sa, spis);
    const auto chosen = create ? CheckChosenProposal(m_config.proposals, answer)
                               : CheckChosenProposal(WithoutKe(m_config.proposals), answer, true);
    const auto tsi = Sides(FindIkev2Payload<Ikev2TsPayload>(in, ikev2::PAYLOAD_TSI));
    const auto tsr = Sides(FindIkev2Payload<Ikev2TsPayload>(in, ikev2::PAYLOAD_TSR));
    // The responder may only narrow what we proposed (§2.9).
    const bool narrowed = !tsi.empty() && !tsr.empty() && Narrow(tsi, m_localTs) == tsi &&
                          Narrow(tsr, m_remoteTs) == tsr;
    const bool transport = HasNotify(in, ikev2::USE_TRANSPORT_MODE);
    if (!chosen.IsChosen() || spis.empty() || spis[0] == 0 || !narrowed ||
        (transport && m_config.mode != IpsecMode::TRANSPORT))
    {
        NS_LOG_INFO("CHILD SA " << m_config.name << ": unusable response " << chosen.reason);
        return Ikev2TaskStatus::DONE;
    }
    m_child.proposal = chosen.proposal;
    m_child.outboundSpi = spis[0];
    m_child.mode = transport ? IpsecMode::TRANSPORT : IpsecMode::TUNNEL;
    m_child.localTs = tsi;
    m_child.remoteTs = tsr;
    if (create)
    {
        if (!ProcessCreateResponse(ctx, in))
        {
            return Ikev2TaskStatus::DONE;
        }
    }
    else
    {
        DeriveKeys(ctx, {}, ctx.ni, ctx.nr, true);
    }
    Record(ctx, true);
    return Ikev2TaskStatus::DONE;
}

Ikev2TaskStatus
Ikev2ChildCreateTask::ProcessRequest(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in)
{
    const bool create = m_exchange == ikev2::CREATE_CHILD_SA;
    if (create)
    {
        if (const auto* rekey = FindIkev2Notify(in, ikev2::REKEY_SA))
        {
            // The SPI is the one the peer receives on: our outbound SPI of that CHILD SA.
            uint32_t spi = 0;
            for (uint8_t b : rekey->spi)
            {
                spi = spi << 8 | b;
            }
            const int index = rekey->spi.size() == 4 ? FindIkev2Child(ctx, spi, false) : -1;
            if (index < 0)
            {
                m_failure = ikev2::CHILD_SA_NOT_FOUND; // RFC 7296 §2.25
                return Ikev2TaskStatus::DONE;
            }
            const Ikev2ChildSa& old = ctx.children[index];
            m_child.rekeyOf = old.inboundSpi;
            m_child.name = old.name;
            for (const IkeChildConfig& c : ctx.config->children)
            {
                if (c.name == old.name)
                {
                    m_config = c;
                }
            }
        }
    }
    if (m_child.rekeyOf == 0)
    {
        // A new CHILD SA: the first configuration whose selectors the request's narrow to
        // something (strongSwan's child config selection by traffic selectors).
        const auto proposedI = Sides(FindIkev2Payload<Ikev2TsPayload>(in, ikev2::PAYLOAD_TSI));
        const auto proposedR = Sides(FindIkev2Payload<Ikev2TsPayload>(in, ikev2::PAYLOAD_TSR));
        for (const IkeChildConfig& c : ctx.config->children)
        {
            if (!Narrow(proposedI, c.remoteTs).empty() && !Narrow(proposedR, c.localTs).empty())
            {
                m_config = c;
                m_child.name = c.name;
                break;
            }
        }
    }
    const auto* sa = FindIkev2Payload<Ikev2SaPayload>(in, ikev2::PAYLOAD_SA);
    if (!sa)
    {
        m_failure = ikev2::NO_PROPOSAL_CHOSEN;
        return Ikev2TaskStatus::DONE;
    }
    std::vector<uint32_t> spis;
    const auto offered = FromIkev2ChildProposals(*sa, spis);
    const auto* ke = FindIkev2Payload<Ikev2KePayload>(in, ikev2::PAYLOAD_KE);
    ProposalSelectionOptions options;
    options.ignoreKe = !create;
    options.peerKeGroup = create && ke ? ke->group : KE_NONE;
    const auto chosen = SelectProposal(m_config.proposals, offered, options);
    const bool transport = HasNotify(in, ikev2::USE_TRANSPORT_MODE);
    if (!chosen.IsChosen() || (m_config.mode == IpsecMode::TRANSPORT && !transport))
    {
        m_failure = ikev2::NO_PROPOSAL_CHOSEN;
        return Ikev2TaskStatus::DONE;
    }
    // TSi is the initiator's side: our remote side.
    const auto tsi =
        Narrow(Sides(FindIkev2Payload<Ikev2TsPayload>(in, ikev2::PAYLOAD_TSI)), m_config.remoteTs);
    const auto tsr =
        Narrow(Sides(FindIkev2Payload<Ikev2TsPayload>(in, ikev2::PAYLOAD_TSR)), m_config.localTs);
    if (tsi.empty() || tsr.empty())
    {
        m_failure = ikev2::TS_UNACCEPTABLE;
        return Ikev2TaskStatus::DONE;
    }
    size_t index = 0;
    while (index < offered.size() && offered[index].number != chosen.proposal.number)
    {
        index++;
    }
    m_child.proposal = chosen.proposal;
    m_child.outboundSpi = index < spis.size() ? spis[index] : 0;
    if (m_child.outboundSpi == 0)
    {
        m_failure = ikev2::NO_PROPOSAL_CHOSEN;
        return Ikev2TaskStatus::DONE;
    }
    // Transport mode only when both ends want it (§1.3.1); otherwise tunnel.
    m_child.mode = transport && m_config.mode == IpsecMode::TRANSPORT ? IpsecMode::TRANSPORT
                                                                      : IpsecMode::TUNNEL;
    m_child.localTs = tsr;
    m_child.remoteTs = tsi;
    if (create)
    {
        return ProcessCreateRequest(ctx, in);
    }
    m_child.proposal.keyExchange.clear();
    m_child.inboundSpi = ctx.sources.allocateSpi();
    DeriveKeys(ctx, {}, ctx.ni, ctx.nr, false);
    Record(ctx, false);
    return Ikev2TaskStatus::DONE;
}

Ikev2TaskStatus
Ikev2ChildCreateTask::ProcessCreateRequest(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in)
{
    const auto* nonce = FindIkev2Payload<Ikev2NoncePayload>(in, ikev2::PAYLOAD_NONCE);
    if (!nonce || nonce->data.size() < IKEV2_NONCE_MIN || nonce->data.size() > IKEV2_NONCE_MAX)
    {
        m_failure = ikev2::INVALID_SYNTAX;
        return Ikev2TaskStatus::DONE;
    }
    const auto* ke = FindIkev2Payload<Ikev2KePayload>(in, ikev2::PAYLOAD_KE);
    const KeGroupCheck check = CheckPeerKeGroup(m_child.proposal, ke ? ke->group : KE_NONE);
    if (!check.acceptable)
    {
        m_failure = ikev2::INVALID_KE_PAYLOAD;
        m_failureData = {static_cast<uint8_t>(check.group >> 8), static_cast<uint8_t>(check.group)};
        return Ikev2TaskStatus::DONE;
    }
    std::vector<uint8_t> secret;
    if (check.group != KE_NONE)
    {
        m_ke = std::make_unique<KeyExchange>(check.group);
        m_ke->GeneratePrivateKey(ctx.sources.bytes);
        Ikev2ChargeKe(ctx.jobs, *m_ke, KePhase::KEYGEN);
        Ikev2ChargeKe(ctx.jobs, *m_ke, KePhase::DERIVE);
        const KeResult r = m_ke->ComputeSharedSecret(ke->data);
        if (!r.Ok())
        {
            m_failure = ikev2::INVALID_SYNTAX;
            return Ikev2TaskStatus::DONE;
        }
        secret = r.secret;
        m_child.keGroup = check.group;
        m_child.proposal.keyExchange = {check.group};
    }
    else
    {
        m_child.proposal.keyExchange.clear();
    }
    m_child.inboundSpi = ctx.sources.allocateSpi();
    m_nonce = Ikev2RandomBytes(ctx, IKEV2_NONCE_SIZE);
    DeriveKeys(ctx, secret, nonce->data, m_nonce, false);
    Record(ctx, false);
    return Ikev2TaskStatus::DONE;
}

void
Ikev2ChildCreateTask::BuildResponse(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out)
{
    (void)ctx;
    if (m_failure)
    {
        out.push_back(MakeIkev2Notify(m_failure, m_failureData));
        return;
    }
    if (m_child.mode == IpsecMode::TRANSPORT)
    {
        out.push_back(MakeIkev2Notify(ikev2::USE_TRANSPORT_MODE));
    }
    out.push_back(
        Ikev2Payload::Make(ikev2::PAYLOAD_SA,
                           Ikev2SaPayload{{ToIkev2(m_child.proposal, m_child.inboundSpi)}}));
    if (m_exchange == ikev2::CREATE_CHILD_SA)
    {
        out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_NONCE, Ikev2NoncePayload{m_nonce}));
        if (m_ke)
        {
            out.push_back(Ikev2Payload::Make(
                ikev2::PAYLOAD_KE,
                Ikev2KePayload{m_ke->GetGroup().ianaId, m_ke->GetPublicValue()}));
        }
    }
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_TSI, TsPayload(m_child.remoteTs)));
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_TSR, TsPayload(m_child.localTs)));
}

void
Ikev2ChildCreateTask::DeriveKeys(Ikev2SaContext& ctx,
                                 const std::vector<uint8_t>& secret,
                                 const std::vector<uint8_t>& ni,
                                 const std::vector<uint8_t>& nr,
                                 bool initiator)
{
    Ikev2ChildSaTransforms t;
    t.encryption =
        m_child.proposal.encryption.empty() ? nullptr : m_child.proposal.encryption.front();
    t.integrity = m_child.proposal.integrity.empty() ? nullptr : m_child.proposal.integrity.front();
    const auto km = DeriveChildSaKeymat(*ctx.proposal.prf.front(), ctx.keys.skD, t, secret, ni, nr);
    const auto& a = km.initiatorToResponder;
    Ikev2ChargePrfPlus(ctx.jobs,
                       *ctx.proposal.prf.front(),
                       static_cast<uint32_t>(2 * (a.encryptionKey.size() + a.integrityKey.size())),
                       static_cast<uint32_t>(secret.size() + ni.size() + nr.size()));
    // The exchange's initiator, which for CREATE_CHILD_SA may be the IKE SA's responder.
    m_child.outbound = initiator ? km.initiatorToResponder : km.responderToInitiator;
    m_child.inbound = initiator ? km.responderToInitiator : km.initiatorToResponder;
    m_child.lowestNonce = std::min(ni, nr);
}

void
Ikev2ChildCreateTask::Record(Ikev2SaContext& ctx, bool local)
{
    m_child.local = local;
    m_recorded = true;
    uint32_t redundant = 0;
    if (m_child.rekeyOf != 0)
    {
        // §2.8.1: both ends rekeyed the same CHILD SA. Both new CHILD SAs stand; the one made
        // with the lowest of the four nonces is redundant and its creator deletes it.
        for (const Ikev2ChildSa& other : ctx.children)
        {
            if (other.rekeyOf == m_child.rekeyOf && other.inboundSpi != m_child.rekeyOf)
            {
                const Ikev2ChildSa& loser =
                    m_child.lowestNonce < other.lowestNonce ? m_child : other;
                NS_LOG_INFO("CHILD SA rekey collision: the one with inbound SPI "
                            << loser.inboundSpi << " is redundant");
                if (loser.local)
                {
                    ctx.redundant.push_back(loser.inboundSpi);
                    redundant = loser.inboundSpi;
                }
            }
        }
    }
    ctx.children.push_back(m_child);
    Ikev2Event e;
    e.type = m_child.rekeyOf != 0 ? Ikev2Event::CHILD_REKEYED : Ikev2Event::CHILD_UP;
    e.child = m_child;
    e.local = local;
    e.redundant = redundant;
    ctx.events.push_back(std::move(e));
}

} // namespace ipsec
} // namespace ns3
