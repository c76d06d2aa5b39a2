// SPDX-License-Identifier: GPL-2.0-only
#include "ikev2-ike-auth-task.h"

#include "ikev2-auth.h"
#include "ipsec-crypto-factory.h"

#include "ns3/log.h"

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("Ikev2IkeAuthTask");

namespace
{

Ikev2IdPayload
IdPayload(const IkeIdentity& id)
{
    return Ikev2IdPayload{id.type, id.data};
}

/// The PRF work of a PSK AUTH value (§2.15): prf(SK_p, ID'), prf(PSK, "Key Pad for IKEv2"),
/// prf(that, octets).
void
ChargePskAuth(Ikev2SaContext& ctx, const Ikev2IdPayload& id, const std::vector<uint8_t>& octets)
{
    const TransformInfo& prf = *ctx.proposal.prf.front();
    Ikev2ChargePrf(ctx.jobs, prf, static_cast<uint32_t>(4 + id.data.size()));
    Ikev2ChargePrf(ctx.jobs, prf, 17);
    Ikev2ChargePrf(ctx.jobs, prf, static_cast<uint32_t>(octets.size()));
}

/// AUTH data for one side's octets (§2.15).
std::vector<uint8_t>
PskAuth(Ikev2SaContext& ctx,
        const std::vector<uint8_t>& firstMessage,
        const std::vector<uint8_t>& peerNonce,
        const std::vector<uint8_t>& skP,
        const Ikev2IdPayload& id)
{
    auto prf = CreatePrf(*ctx.proposal.prf.front());
    const auto octets = Ikev2SignedOctets(firstMessage, peerNonce, *prf, skP, id);
    ChargePskAuth(ctx, id, octets);
    return Ikev2PskAuth(*prf, ctx.config->psk, octets);
}

/// Whether the peer proved the identity we expect with the PSK.
bool
VerifyPeer(Ikev2SaContext& ctx,
           const Ikev2IdPayload* id,
           const Ikev2AuthPayload* auth,
           const std::vector<uint8_t>& firstMessage,
           const std::vector<uint8_t>& ourNonce,
           const std::vector<uint8_t>& skP)
{
    if (!id || !auth)
    {
        ctx.error = "AUTHENTICATION_FAILED (no ID or AUTH payload)";
        return false;
    }
    if (!ctx.config->remoteId.IsAny() &&
        (id->idType != ctx.config->remoteId.type || id->data != ctx.config->remoteId.data))
    {
        ctx.error = "AUTHENTICATION_FAILED (the peer's identity is not the configured one)";
        return false;
    }
    if (auth->method != ikev2::AUTH_SHARED_KEY)
    {
        ctx.error = "AUTHENTICATION_FAILED (AUTH method " + std::to_string(auth->method) +
                    ", only the shared key method 2 is configured)";
        return false;
    }
    auto prf = CreatePrf(*ctx.proposal.prf.front());
    const auto octets = Ikev2SignedOctets(firstMessage, ourNonce, *prf, skP, *id);
    ChargePskAuth(ctx, *id, octets);
    if (!Ikev2VerifyPskAuth(*prf, ctx.config->psk, octets, auth->data))
    {
        ctx.error = "AUTHENTICATION_FAILED (AUTH does not verify: another pre-shared key?)";
        return false;
    }
    ctx.authenticated = true;
    return true;
}

} // namespace

uint8_t
Ikev2IkeAuthTask::GetExchangeType() const
{
    return ikev2::IKE_AUTH;
}

void
Ikev2IkeAuthTask::BuildRequest(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out)
{
    const Ikev2IdPayload idi = IdPayload(ctx.config->localId);
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_IDI, idi));
    if (!ctx.config->remoteId.IsAny()) // IDr is optional (§3.5): none for %any
    {
        out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_IDR, IdPayload(ctx.config->remoteId)));
    }
    out.push_back(Ikev2Payload::Make(
        ikev2::PAYLOAD_AUTH,
        Ikev2AuthPayload{ikev2::AUTH_SHARED_KEY,
                         PskAuth(ctx, ctx.initRequest, ctx.nr, ctx.keys.skPi, idi)}));
}

Ikev2TaskStatus
Ikev2IkeAuthTask::ProcessResponse(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in)
{
    for (const auto& p : in)
    {
        const auto* n = std::get_if<Ikev2NotifyPayload>(&p.body);
        if (n && n->type == ikev2::AUTHENTICATION_FAILED)
        {
            ctx.error = "AUTHENTICATION_FAILED (the responder refused our AUTH)";
            return Ikev2TaskStatus::FAILED;
        }
    }
    return VerifyPeer(ctx,
                      FindIkev2Payload<Ikev2IdPayload>(in, ikev2::PAYLOAD_IDR),
                      FindIkev2Payload<Ikev2AuthPayload>(in, ikev2::PAYLOAD_AUTH),
                      ctx.initResponse,
                      ctx.ni,
                      ctx.keys.skPr)
               ? Ikev2TaskStatus::DONE
               : Ikev2TaskStatus::FAILED;
}

Ikev2TaskStatus
Ikev2IkeAuthTask::ProcessRequest(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in)
{
    m_failed = !VerifyPeer(ctx,
                           FindIkev2Payload<Ikev2IdPayload>(in, ikev2::PAYLOAD_IDI),
                           FindIkev2Payload<Ikev2AuthPayload>(in, ikev2::PAYLOAD_AUTH),
                           ctx.initRequest,
                           ctx.nr,
                           ctx.keys.skPi);
    if (m_failed)
    {
        NS_LOG_INFO(ctx.error);
    }
    return m_failed ? Ikev2TaskStatus::FAILED : Ikev2TaskStatus::DONE;
}

void
Ikev2IkeAuthTask::BuildResponse(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out)
{
    if (m_failed)
    {
        out.push_back(MakeIkev2Notify(ikev2::AUTHENTICATION_FAILED));
        return;
    }
    const Ikev2IdPayload idr = IdPayload(ctx.config->localId);
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_IDR, idr));
    out.push_back(Ikev2Payload::Make(
        ikev2::PAYLOAD_AUTH,
        Ikev2AuthPayload{ikev2::AUTH_SHARED_KEY,
                         PskAuth(ctx, ctx.initResponse, ctx.ni, ctx.keys.skPr, idr)}));
}

} // namespace ipsec
} // namespace ns3
