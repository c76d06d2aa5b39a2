// SPDX-License-Identifier: GPL-2.0-only
#include "ikev2-ike-rekey-task.h"

#include "ike-proposal-selection.h"
#include "ikev2-proposal-codec.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("Ikev2IkeRekeyTask");

namespace
{

/// An IKE SPI as 8 bytes, network order.
std::vector<uint8_t>
SpiBytes(uint64_t spi)
{
    std::vector<uint8_t> b(8);
    for (int i = 0; i < 8; i++)
    {
        b[i] = static_cast<uint8_t>(spi >> (56 - 8 * i));
    }
    return b;
}

/// The SPI of an IKE proposal (0 if it is not 8 bytes).
uint64_t
SpiOf(const Ikev2Proposal& p)
{
    if (p.spi.size() != 8)
    {
        return 0;
    }
    uint64_t spi = 0;
    for (uint8_t b : p.spi)
    {
        spi = spi << 8 | b;
    }
    return spi;
}

} // namespace

uint8_t
Ikev2IkeRekeyTask::GetExchangeType() const
{
    return ikev2::CREATE_CHILD_SA;
}

void
Ikev2IkeRekeyTask::BuildRequest(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out)
{
    if (m_spi == 0)
    {
        m_spi = Ikev2RandomSpi(ctx);
        m_nonce = Ikev2RandomBytes(ctx, IKEV2_NONCE_SIZE);
    }
    ctx.ikeRekeyActive = true;
    if (!m_ke)
    {
        // The group the IKE SA uses now (strongSwan's choice: the peer accepted it before).
        m_ke = std::make_unique<KeyExchange>(ctx.proposal.keyExchange.front());
        m_ke->GeneratePrivateKey(ctx.sources.bytes);
        Ikev2ChargeKe(ctx.jobs, *m_ke, KePhase::KEYGEN);
    }
    Ikev2SaPayload sa;
    for (const IkeProposal& p : ctx.config->proposals)
    {
        sa.proposals.push_back(ToIkev2(p, SpiBytes(m_spi)));
    }
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_SA, sa));
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_NONCE, Ikev2NoncePayload{m_nonce}));
    out.push_back(
        Ikev2Payload::Make(ikev2::PAYLOAD_KE,
                           Ikev2KePayload{m_ke->GetGroup().ianaId, m_ke->GetPublicValue()}));
}

void
Ikev2IkeRekeyTask::MakeSuccessor(Ikev2SaContext& ctx,
                                 bool initiator,
                                 const IkeProposal& proposal,
                                 uint64_t peerSpi,
                                 const std::vector<uint8_t>& peerNonce,
                                 const std::vector<uint8_t>& secret)
{
    auto next = std::make_unique<Ikev2SaContext>();
    next->initiator = initiator;
    next->config = ctx.config;
    next->sources = ctx.sources;
    next->spiI = initiator ? m_spi : peerSpi;
    next->spiR = initiator ? peerSpi : m_spi;
    next->ni = initiator ? m_nonce : peerNonce;
    next->nr = initiator ? peerNonce : m_nonce;
    next->rekeyNonce = std::min(next->ni, next->nr);
    next->proposal = proposal;
    // §2.18: the old IKE SA's PRF and SK_d, this exchange's shared secret and nonces.
    Ikev2ChargeKe(ctx.jobs, *m_ke, KePhase::DERIVE);
    Ikev2ChargePrf(ctx.jobs,
                   *ctx.proposal.prf.front(),
                   static_cast<uint32_t>(secret.size() + next->ni.size() + next->nr.size()));
    Ikev2SetIkeSaKeys(
        *next,
        ComputeRekeySkeyseed(*ctx.proposal.prf.front(), ctx.keys.skD, secret, next->ni, next->nr),
        ctx.jobs);
    next->authenticated = true;
    // what IKE_SA_INIT negotiated for the IKE SA stays with its successor (RFC 7383 §2.3)
    next->fragmentation = ctx.fragmentation;
    next->peerSignatureHashes = ctx.peerSignatureHashes;
    next->peerSubject = ctx.peerSubject;
    if (!initiator && ctx.ikeRekeyActive)
    {
        // Our own rekey is under way: which of the two survives is known once it completes.
        ctx.collided = std::move(next);
        return;
    }
    std::unique_ptr<Ikev2SaContext> winner = std::move(next);
    bool weWon = initiator;
    if (initiator && ctx.collided)
    {
        // §2.8.2: the new IKE SA made with the lowest of the four nonces is redundant and is
        // deleted by the end that made it; the winner's initiator deletes the old IKE SA.
        std::unique_ptr<Ikev2SaContext> theirs = std::move(ctx.collided);
        const bool oursLoses = winner->rekeyNonce < theirs->rekeyNonce;
        NS_LOG_INFO("IKE SA rekey collision: " << (oursLoses ? "ours" : "the peer's")
                                               << " is redundant");
        if (oursLoses)
        {
            ctx.otherIkeSas.emplace_back(std::move(winner), true);
            winner = std::move(theirs);
            weWon = false;
        }
        else
        {
            ctx.otherIkeSas.emplace_back(std::move(theirs), false);
        }
    }
    winner->children = std::move(ctx.children);
    ctx.children.clear();
    ctx.successor = std::move(winner);
    ctx.rekeyed = true;
    ctx.deleteAfterRekey = weWon;
}

void
Ikev2IkeRekeyTask::Settle(Ikev2SaContext& ctx)
{
    ctx.ikeRekeyActive = false;
    if (ctx.collided && !ctx.successor)
    {
        // Ours failed: the peer's rekey stands alone.
        std::unique_ptr<Ikev2SaContext> theirs = std::move(ctx.collided);
        theirs->children = std::move(ctx.children);
        ctx.children.clear();
        ctx.successor = std::move(theirs);
        ctx.rekeyed = true;
    }
}

Ikev2TaskStatus
Ikev2IkeRekeyTask::ProcessResponse(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in)
{
    const Ikev2TaskStatus status = ProcessRekeyResponse(ctx, in);
    if (status != Ikev2TaskStatus::RETRY)
    {
        const bool made = ctx.successor != nullptr;
        Settle(ctx);
        if (!made)
        {
            Ikev2Event e;
            e.type = Ikev2Event::IKE_REKEY_FAILED;
            e.local = true;
            ctx.events.push_back(std::move(e));
        }
    }
    return status;
}

Ikev2TaskStatus
Ikev2IkeRekeyTask::ProcessRekeyResponse(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in)
{
    if (const auto* n = FindIkev2ErrorNotify(in))
    {
        if (n->type == ikev2::INVALID_KE_PAYLOAD && n->data.size() == 2)
        {
            const uint16_t group = static_cast<uint16_t>(n->data[0] << 8 | n->data[1]);
            for (const IkeProposal& p : ctx.config->proposals)
            {
                for (uint16_t g : p.keyExchange)
                {
                    if (g == group && group != m_ke->GetGroup().ianaId)
                    {
                        m_ke = std::make_unique<KeyExchange>(group);
                        m_ke->GeneratePrivateKey(ctx.sources.bytes);
                        Ikev2ChargeKe(ctx.jobs, *m_ke, KePhase::KEYGEN);
                        return Ikev2TaskStatus::RETRY;
                    }
                }
            }
        }
        // The IKE SA stays as it is; its lifetime decides what comes next.
        NS_LOG_INFO("IKE SA rekey refused: " << Ikev2NotifyName(n->type));
        return Ikev2TaskStatus::DONE;
    }
    const auto* sa = FindIkev2Payload<Ikev2SaPayload>(in, ikev2::PAYLOAD_SA);
    const auto* ke = FindIkev2Payload<Ikev2KePayload>(in, ikev2::PAYLOAD_KE);
    const auto* nonce = FindIkev2Payload<Ikev2NoncePayload>(in, ikev2::PAYLOAD_NONCE);
    if (!sa || sa->proposals.empty() || !ke || !nonce || nonce->data.size() < IKEV2_NONCE_MIN ||
        nonce->data.size() > IKEV2_NONCE_MAX)
    {
        NS_LOG_INFO("IKE SA rekey: response without SA, KE or nonce");
        return Ikev2TaskStatus::DONE;
    }
    const auto chosen = CheckChosenProposal(ctx.config->proposals, FromIkev2IkeProposals(*sa));
    const uint64_t peerSpi = SpiOf(sa->proposals.front());
    if (!chosen.IsChosen() || peerSpi == 0 || ke->group != m_ke->GetGroup().ianaId ||
        chosen.proposal.keyExchange.front() != ke->group)
    {
        NS_LOG_INFO("IKE SA rekey: unusable response " << chosen.reason);
        return Ikev2TaskStatus::DONE;
    }
    const KeResult secret = m_ke->ComputeSharedSecret(ke->data);
    if (!secret.Ok())
    {
        NS_LOG_INFO("IKE SA rekey: " << GetKeErrorName(secret.error));
        return Ikev2TaskStatus::DONE;
    }
    MakeSuccessor(ctx, true, chosen.proposal, peerSpi, nonce->data, secret.secret);
    return Ikev2TaskStatus::DONE;
}

Ikev2TaskStatus
Ikev2IkeRekeyTask::ProcessRequest(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in)
{
    if (ctx.rekeyed || ctx.collided)
    {
        // §2.25.2: an IKE SA on its way out (rekeyed already) is not rekeyed again.
        m_failure = ikev2::TEMPORARY_FAILURE;
        return Ikev2TaskStatus::DONE;
    }
    const auto* sa = FindIkev2Payload<Ikev2SaPayload>(in, ikev2::PAYLOAD_SA);
    const auto* ke = FindIkev2Payload<Ikev2KePayload>(in, ikev2::PAYLOAD_KE);
    const auto* nonce = FindIkev2Payload<Ikev2NoncePayload>(in, ikev2::PAYLOAD_NONCE);
    if (!sa || !ke || !nonce || nonce->data.size() < IKEV2_NONCE_MIN ||
        nonce->data.size() > IKEV2_NONCE_MAX)
    {
        m_failure = ikev2::INVALID_SYNTAX;
        return Ikev2TaskStatus::DONE;
    }
    const auto offered = FromIkev2IkeProposals(*sa);
    ProposalSelectionOptions options;
    options.peerKeGroup = ke->group;
    const auto chosen = SelectProposal(ctx.config->proposals, offered, options);
    if (!chosen.IsChosen())
    {
        m_failure = ikev2::NO_PROPOSAL_CHOSEN;
        return Ikev2TaskStatus::DONE;
    }
    const KeGroupCheck check = CheckPeerKeGroup(chosen.proposal, ke->group);
    if (!check.acceptable)
    {
        m_failure = ikev2::INVALID_KE_PAYLOAD;
        m_failureData = {static_cast<uint8_t>(check.group >> 8), static_cast<uint8_t>(check.group)};
        return Ikev2TaskStatus::DONE;
    }
    uint64_t peerSpi = 0;
    for (const Ikev2Proposal& p : sa->proposals)
    {
        if (p.number == chosen.proposal.number)
        {
            peerSpi = SpiOf(p);
        }
    }
    if (peerSpi == 0)
    {
        m_failure = ikev2::INVALID_SYNTAX;
        return Ikev2TaskStatus::DONE;
    }
    m_ke = std::make_unique<KeyExchange>(ke->group);
    m_ke->GeneratePrivateKey(ctx.sources.bytes);
    Ikev2ChargeKe(ctx.jobs, *m_ke, KePhase::KEYGEN);
    const KeResult secret = m_ke->ComputeSharedSecret(ke->data);
    if (!secret.Ok())
    {
        m_failure = ikev2::INVALID_SYNTAX;
        return Ikev2TaskStatus::DONE;
    }
    m_spi = Ikev2RandomSpi(ctx);
    m_nonce = Ikev2RandomBytes(ctx, IKEV2_NONCE_SIZE);
    m_chosen = chosen.proposal;
    MakeSuccessor(ctx, false, chosen.proposal, peerSpi, nonce->data, secret.secret);
    return Ikev2TaskStatus::DONE;
}

void
Ikev2IkeRekeyTask::BuildResponse(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out)
{
    (void)ctx;
    if (m_failure)
    {
        out.push_back(MakeIkev2Notify(m_failure, m_failureData));
        return;
    }
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_SA,
                                     Ikev2SaPayload{{ToIkev2(m_chosen, SpiBytes(m_spi))}}));
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_NONCE, Ikev2NoncePayload{m_nonce}));
    out.push_back(
        Ikev2Payload::Make(ikev2::PAYLOAD_KE,
                           Ikev2KePayload{m_ke->GetGroup().ianaId, m_ke->GetPublicValue()}));
}

} // namespace ipsec
} // namespace ns3
