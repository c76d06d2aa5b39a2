// SPDX-License-Identifier: GPL-2.0-only
#include "ikev2-child-create-task.h"

#include "ike-proposal-selection.h"
#include "ikev2-proposal-codec.h"

#include "ns3/log.h"

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
    for (const auto& p : in)
    {
        const auto* n = std::get_if<Ikev2NotifyPayload>(&p.body);
        if (n && n->type == type)
        {
            return true;
        }
    }
    return false;
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
    : m_config(std::move(config))
{
    m_child.name = m_config.name;
}

uint8_t
Ikev2ChildCreateTask::GetExchangeType() const
{
    return ikev2::IKE_AUTH;
}

void
Ikev2ChildCreateTask::BuildRequest(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out)
{
    m_child.inboundSpi = ctx.sources.allocateSpi();
    Ikev2SaPayload sa;
    for (const ChildProposal& p : WithoutKe(m_config.proposals))
    {
        sa.proposals.push_back(ToIkev2(p, m_child.inboundSpi));
    }
    if (m_config.mode == IpsecMode::TRANSPORT)
    {
        out.push_back(MakeIkev2Notify(ikev2::USE_TRANSPORT_MODE));
    }
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_SA, sa));
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_TSI, TsPayload(m_config.localTs)));
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_TSR, TsPayload(m_config.remoteTs)));
}

Ikev2TaskStatus
Ikev2ChildCreateTask::ProcessResponse(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in)
{
    // A refused CHILD SA leaves the IKE SA up (§1.2): DONE either way, the CHILD SA only if
    // everything checks out.
    if (const auto* n = FindIkev2ErrorNotify(in))
    {
        NS_LOG_INFO("CHILD SA " << m_config.name << " refused: " << Ikev2NotifyName(n->type));
        return Ikev2TaskStatus::DONE;
    }
    const auto* sa = FindIkev2Payload<Ikev2SaPayload>(in, ikev2::PAYLOAD_SA);
    if (!sa)
    {
        return Ikev2TaskStatus::DONE;
    }
    std::vector<uint32_t> spis;
    const auto answer = FromIkev2ChildProposals(*sa, spis);
    const auto chosen = CheckChosenProposal(WithoutKe(m_config.proposals), answer, true);
    const auto tsi = Sides(FindIkev2Payload<Ikev2TsPayload>(in, ikev2::PAYLOAD_TSI));
    const auto tsr = Sides(FindIkev2Payload<Ikev2TsPayload>(in, ikev2::PAYLOAD_TSR));
    // The responder may only narrow what we proposed (§2.9).
    const bool narrowed = !tsi.empty() && !tsr.empty() && Narrow(tsi, m_config.localTs) == tsi &&
                          Narrow(tsr, m_config.remoteTs) == tsr;
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
    DeriveKeys(ctx);
    ctx.children.push_back(m_child);
    return Ikev2TaskStatus::DONE;
}

Ikev2TaskStatus
Ikev2ChildCreateTask::ProcessRequest(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in)
{
    const auto* sa = FindIkev2Payload<Ikev2SaPayload>(in, ikev2::PAYLOAD_SA);
    if (!sa)
    {
        m_failure = ikev2::NO_PROPOSAL_CHOSEN;
        return Ikev2TaskStatus::DONE;
    }
    std::vector<uint32_t> spis;
    const auto offered = FromIkev2ChildProposals(*sa, spis);
    ProposalSelectionOptions options;
    options.ignoreKe = true;
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
    m_child.proposal.keyExchange.clear();
    m_child.outboundSpi = index < spis.size() ? spis[index] : 0;
    if (m_child.outboundSpi == 0)
    {
        m_failure = ikev2::NO_PROPOSAL_CHOSEN;
        return Ikev2TaskStatus::DONE;
    }
    m_child.inboundSpi = ctx.sources.allocateSpi();
    // Transport mode only when both ends want it (§1.3.1); otherwise tunnel.
    m_child.mode = transport && m_config.mode == IpsecMode::TRANSPORT ? IpsecMode::TRANSPORT
                                                                      : IpsecMode::TUNNEL;
    m_child.localTs = tsr;
    m_child.remoteTs = tsi;
    DeriveKeys(ctx);
    ctx.children.push_back(m_child);
    return Ikev2TaskStatus::DONE;
}

void
Ikev2ChildCreateTask::BuildResponse(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out)
{
    (void)ctx;
    if (m_failure)
    {
        out.push_back(MakeIkev2Notify(m_failure));
        return;
    }
    if (m_child.mode == IpsecMode::TRANSPORT)
    {
        out.push_back(MakeIkev2Notify(ikev2::USE_TRANSPORT_MODE));
    }
    out.push_back(
        Ikev2Payload::Make(ikev2::PAYLOAD_SA,
                           Ikev2SaPayload{{ToIkev2(m_child.proposal, m_child.inboundSpi)}}));
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_TSI, TsPayload(m_child.remoteTs)));
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_TSR, TsPayload(m_child.localTs)));
}

void
Ikev2ChildCreateTask::DeriveKeys(Ikev2SaContext& ctx)
{
    Ikev2ChildSaTransforms t;
    t.encryption =
        m_child.proposal.encryption.empty() ? nullptr : m_child.proposal.encryption.front();
    t.integrity = m_child.proposal.integrity.empty() ? nullptr : m_child.proposal.integrity.front();
    const auto km =
        DeriveChildSaKeymat(*ctx.proposal.prf.front(), ctx.keys.skD, t, {}, ctx.ni, ctx.nr);
    m_child.outbound = ctx.initiator ? km.initiatorToResponder : km.responderToInitiator;
    m_child.inbound = ctx.initiator ? km.responderToInitiator : km.initiatorToResponder;
}

} // namespace ipsec
} // namespace ns3
