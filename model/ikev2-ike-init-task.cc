// SPDX-License-Identifier: GPL-2.0-only
#include "ikev2-ike-init-task.h"

#include "ike-proposal-selection.h"
#include "ikev2-proposal-codec.h"
#include "ikev2-pubkey-auth.h"

#include "ns3/log.h"

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("Ikev2IkeInitTask");

namespace
{

void
StartKe(Ikev2SaContext& ctx, uint16_t group)
{
    ctx.ke = std::make_unique<KeyExchange>(group);
    ctx.ke->GeneratePrivateKey(ctx.sources.bytes);
    Ikev2ChargeKe(ctx.jobs, *ctx.ke, KePhase::KEYGEN);
}

} // namespace

uint8_t
Ikev2IkeInitTask::GetExchangeType() const
{
    return ikev2::IKE_SA_INIT;
}

void
Ikev2IkeInitTask::BuildRequest(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out)
{
    if (ctx.spiI == 0)
    {
        ctx.spiI = Ikev2RandomSpi(ctx);
        ctx.ni = Ikev2RandomBytes(ctx, IKEV2_NONCE_SIZE); // kept for a retry, as strongSwan does
    }
    if (!ctx.ke)
    {
        StartKe(ctx, ctx.config->proposals.front().keyExchange.front());
    }
    if (!ctx.cookie.empty())
    {
        // §2.6: the cookie first, all other payloads unchanged.
        out.push_back(MakeIkev2Notify(ikev2::COOKIE, ctx.cookie));
    }
    Ikev2SaPayload sa;
    for (const IkeProposal& p : ctx.config->proposals)
    {
        sa.proposals.push_back(ToIkev2(p));
    }
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_SA, sa));
    out.push_back(
        Ikev2Payload::Make(ikev2::PAYLOAD_KE,
                           Ikev2KePayload{ctx.ke->GetGroup().ianaId, ctx.ke->GetPublicValue()}));
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_NONCE, Ikev2NoncePayload{ctx.ni}));
    if (ctx.config->fragmentation)
    {
        out.push_back(MakeIkev2Notify(ikev2::IKEV2_FRAGMENTATION_SUPPORTED)); // RFC 7383 §2.3
    }
    if (Ikev2AnnouncesHashes(*ctx.config))
    {
        out.push_back(MakeIkev2SignatureHashNotify());
    }
}

Ikev2TaskStatus
Ikev2IkeInitTask::ProcessResponse(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in)
{
    if (const auto* cookie = FindIkev2Notify(in, ikev2::COOKIE))
    {
        // §2.6: send IKE_SA_INIT again with the cookie (strongSwan gives up after 5 cookies:
        // a responder that keeps asking is broken or under attack).
        if (cookie->data.empty() || cookie->data.size() > 64 ||
            ctx.cookieRetries >= MAX_COOKIE_RETRIES)
        {
            ctx.error = "COOKIE: " + std::to_string(ctx.cookieRetries) +
                        " retries, or a cookie of " + std::to_string(cookie->data.size()) +
                        " bytes";
            return Ikev2TaskStatus::FAILED;
        }
        ctx.cookieRetries++;
        ctx.cookie = cookie->data;
        NS_LOG_INFO("COOKIE: retrying IKE_SA_INIT with the responder's cookie");
        return Ikev2TaskStatus::RETRY;
    }
    const auto* invalidKe = [&]() -> const Ikev2NotifyPayload* {
        for (const auto& p : in)
        {
            const auto* n = std::get_if<Ikev2NotifyPayload>(&p.body);
            if (n && n->type == ikev2::INVALID_KE_PAYLOAD)
            {
                return n;
            }
        }
        return nullptr;
    }();
    if (invalidKe)
    {
        // §1.2: retry with the group the responder wants, if we offered it.
        const uint16_t group =
            invalidKe->data.size() == 2
                ? static_cast<uint16_t>(invalidKe->data[0] << 8 | invalidKe->data[1])
                : 0;
        for (const IkeProposal& p : ctx.config->proposals)
        {
            for (uint16_t g : p.keyExchange)
            {
                if (g == group && group != ctx.ke->GetGroup().ianaId)
                {
                    NS_LOG_INFO("INVALID_KE_PAYLOAD: retrying with group " << group);
                    StartKe(ctx, group);
                    return Ikev2TaskStatus::RETRY;
                }
            }
        }
        ctx.error = "INVALID_KE_PAYLOAD asking for group " + std::to_string(group) +
                    ", which we did not offer";
        return Ikev2TaskStatus::FAILED;
    }
    if (const auto* n = FindIkev2ErrorNotify(in))
    {
        ctx.error = Ikev2NotifyName(n->type);
        return Ikev2TaskStatus::FAILED;
    }
    const auto* sa = FindIkev2Payload<Ikev2SaPayload>(in, ikev2::PAYLOAD_SA);
    const auto* ke = FindIkev2Payload<Ikev2KePayload>(in, ikev2::PAYLOAD_KE);
    const auto* nonce = FindIkev2Payload<Ikev2NoncePayload>(in, ikev2::PAYLOAD_NONCE);
    if (!sa || !ke || !nonce)
    {
        ctx.error = "IKE_SA_INIT response without SA, KE or Nonce";
        return Ikev2TaskStatus::FAILED;
    }
    const auto chosen = CheckChosenProposal(ctx.config->proposals, FromIkev2IkeProposals(*sa));
    if (!chosen.IsChosen())
    {
        ctx.error = "the responder chose a proposal we did not offer: " + chosen.reason;
        return Ikev2TaskStatus::FAILED;
    }
    if (ke->group != ctx.ke->GetGroup().ianaId || chosen.proposal.keyExchange.front() != ke->group)
    {
        ctx.error = "the responder's KE group differs from ours";
        return Ikev2TaskStatus::FAILED;
    }
    if (nonce->data.size() < IKEV2_NONCE_MIN || nonce->data.size() > IKEV2_NONCE_MAX)
    {
        ctx.error = "nonce of " + std::to_string(nonce->data.size()) + " bytes";
        return Ikev2TaskStatus::FAILED;
    }
    ctx.proposal = chosen.proposal;
    ctx.nr = nonce->data;
    ctx.peerSignatureHashes = ReadIkev2SignatureHashes(in);
    ctx.fragmentation = ctx.config->fragmentation &&
                        FindIkev2Notify(in, ikev2::IKEV2_FRAGMENTATION_SUPPORTED) != nullptr;
    return DeriveKeys(ctx, ke->data) ? Ikev2TaskStatus::DONE : Ikev2TaskStatus::FAILED;
}

Ikev2TaskStatus
Ikev2IkeInitTask::ProcessRequest(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in)
{
    const auto* sa = FindIkev2Payload<Ikev2SaPayload>(in, ikev2::PAYLOAD_SA);
    const auto* ke = FindIkev2Payload<Ikev2KePayload>(in, ikev2::PAYLOAD_KE);
    const auto* nonce = FindIkev2Payload<Ikev2NoncePayload>(in, ikev2::PAYLOAD_NONCE);
    m_failed = true;
    if (!sa || !ke || !nonce || nonce->data.size() < IKEV2_NONCE_MIN ||
        nonce->data.size() > IKEV2_NONCE_MAX)
    {
        ctx.error = "INVALID_SYNTAX";
        m_failure = MakeIkev2Notify(ikev2::INVALID_SYNTAX);
        return Ikev2TaskStatus::FAILED;
    }
    ProposalSelectionOptions options;
    options.peerKeGroup = ke->group;
    const auto chosen = SelectProposal(ctx.config->proposals, FromIkev2IkeProposals(*sa), options);
    if (!chosen.IsChosen())
    {
        ctx.error = "NO_PROPOSAL_CHOSEN (" + chosen.reason + ")";
        m_failure = MakeIkev2Notify(ikev2::NO_PROPOSAL_CHOSEN);
        return Ikev2TaskStatus::FAILED;
    }
    const KeGroupCheck check = CheckPeerKeGroup(chosen.proposal, ke->group);
    if (!check.acceptable)
    {
        // §1.2: name the group we want; keep no state (the initiator starts over).
        ctx.error = "INVALID_KE_PAYLOAD";
        m_failure = MakeIkev2Notify(
            ikev2::INVALID_KE_PAYLOAD,
            {static_cast<uint8_t>(check.group >> 8), static_cast<uint8_t>(check.group)});
        return Ikev2TaskStatus::FAILED;
    }
    ctx.proposal = chosen.proposal;
    ctx.ni = nonce->data;
    ctx.peerSignatureHashes = ReadIkev2SignatureHashes(in);
    ctx.fragmentation = ctx.config->fragmentation &&
                        FindIkev2Notify(in, ikev2::IKEV2_FRAGMENTATION_SUPPORTED) != nullptr;
    ctx.nr = Ikev2RandomBytes(ctx, IKEV2_NONCE_SIZE);
    ctx.spiR = Ikev2RandomSpi(ctx);
    StartKe(ctx, ke->group);
    if (!DeriveKeys(ctx, ke->data))
    {
        m_failure = MakeIkev2Notify(ikev2::INVALID_SYNTAX);
        return Ikev2TaskStatus::FAILED;
    }
    m_failed = false;
    return Ikev2TaskStatus::DONE;
}

void
Ikev2IkeInitTask::BuildResponse(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out)
{
    if (m_failed)
    {
        out.push_back(m_failure);
        return;
    }
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_SA, Ikev2SaPayload{{ToIkev2(ctx.proposal)}}));
    out.push_back(
        Ikev2Payload::Make(ikev2::PAYLOAD_KE,
                           Ikev2KePayload{ctx.ke->GetGroup().ianaId, ctx.ke->GetPublicValue()}));
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_NONCE, Ikev2NoncePayload{ctx.nr}));
    // strongSwan's order: CERTREQ, then the notifies
    if (ctx.config->remoteAuth == IkeAuthMethod::PUBKEY && ctx.config->credential)
    {
        out.push_back(MakeIkev2CertReq(*ctx.config->credential));
    }
    if (ctx.fragmentation)
    {
        // RFC 7383 §2.3: only in answer to the initiator's
        out.push_back(MakeIkev2Notify(ikev2::IKEV2_FRAGMENTATION_SUPPORTED));
    }
    if (Ikev2AnnouncesHashes(*ctx.config))
    {
        out.push_back(MakeIkev2SignatureHashNotify());
    }
}

bool
Ikev2IkeInitTask::DeriveKeys(Ikev2SaContext& ctx, const std::vector<uint8_t>& peerPublic)
{
    const KeResult secret = ctx.ke->ComputeSharedSecret(peerPublic);
    if (!secret.Ok())
    {
        ctx.error = std::string("peer's KE value: ") + GetKeErrorName(secret.error);
        return false;
    }
    Ikev2ChargeKe(ctx.jobs, *ctx.ke, KePhase::DERIVE);
    Ikev2ChargePrf(ctx.jobs,
                   *ctx.proposal.prf.front(),
                   static_cast<uint32_t>(secret.secret.size())); // SKEYSEED
    Ikev2SetIkeSaKeys(ctx,
                      ComputeSkeyseed(*ctx.proposal.prf.front(), ctx.ni, ctx.nr, secret.secret),
                      ctx.jobs);
    return true;
}

} // namespace ipsec
} // namespace ns3
