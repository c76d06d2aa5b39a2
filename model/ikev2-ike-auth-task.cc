// SPDX-License-Identifier: GPL-2.0-only
#include "ikev2-ike-auth-task.h"

#include "ikev2-auth.h"
#include "ikev2-eap-auth.h"
#include "ikev2-pubkey-auth.h"
#include "ipsec-crypto-factory.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

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

/// The octets one side signs or MACs (§2.15), charging prf(SK_p, ID').
std::vector<uint8_t>
SignedOctets(Ikev2SaContext& ctx,
             const std::vector<uint8_t>& firstMessage,
             const std::vector<uint8_t>& nonce,
             const std::vector<uint8_t>& skP,
             const Ikev2IdPayload& id)
{
    auto prf = CreatePrf(*ctx.proposal.prf.front());
    Ikev2ChargePrf(ctx.jobs, *ctx.proposal.prf.front(), static_cast<uint32_t>(4 + id.data.size()));
    return Ikev2SignedOctets(firstMessage, nonce, *prf, skP, id);
}

/// The PRF work of a PSK AUTH value after prf(SK_p, ID'): prf(PSK, "Key Pad for IKEv2"),
/// prf(that, octets).
void
ChargePskAuth(Ikev2SaContext& ctx, const std::vector<uint8_t>& octets)
{
    const TransformInfo& prf = *ctx.proposal.prf.front();
    Ikev2ChargePrf(ctx.jobs, prf, 17);
    Ikev2ChargePrf(ctx.jobs, prf, static_cast<uint32_t>(octets.size()));
}

/// Whether an ID payload is the identity configured for the peer (or that is %any).
bool
IsConfiguredPeer(const Ikev2SaContext& ctx, const Ikev2IdPayload& id)
{
    return ctx.config->remoteId.IsAny() ||
           (id.idType == ctx.config->remoteId.type && id.data == ctx.config->remoteId.data);
}

/// The EAP payload of a message, if any.
const Ikev2RawPayload*
FindEap(const std::vector<Ikev2Payload>& in)
{
    return FindIkev2Payload<Ikev2RawPayload>(in, ikev2::PAYLOAD_EAP);
}

Ikev2Payload
EapPayload(const std::vector<uint8_t>& eap)
{
    return Ikev2Payload::Make(ikev2::PAYLOAD_EAP, Ikev2RawPayload{eap});
}

} // namespace

Ikev2IkeAuthTask::Ikev2IkeAuthTask() = default;
Ikev2IkeAuthTask::~Ikev2IkeAuthTask() = default;

uint8_t
Ikev2IkeAuthTask::GetExchangeType() const
{
    return ikev2::IKE_AUTH;
}

Ikev2Payload
Ikev2IkeAuthTask::OwnAuth(Ikev2SaContext& ctx, const Ikev2IdPayload& id, bool eapKey) const
{
    // §2.15: the initiator signs RealMessage1 | Nr | prf(SK_pi, IDi'), the responder
    // RealMessage2 | Ni | prf(SK_pr, IDr')
    const bool i = ctx.initiator;
    const auto& skP = i ? ctx.keys.skPi : ctx.keys.skPr;
    const auto octets =
        SignedOctets(ctx, i ? ctx.initRequest : ctx.initResponse, i ? ctx.nr : ctx.ni, skP, id);
    Ikev2AuthPayload auth;
    if (!eapKey && ctx.config->localAuth == IkeAuthMethod::PUBKEY)
    {
        static const std::vector<uint16_t> none;
        auth = Ikev2SignAuth(*ctx.config->credential,
                             ctx.config->signatureAuthentication ? ctx.peerSignatureHashes : none,
                             octets,
                             ctx.jobs);
    }
    else
    {
        // the shared-key formula over the PSK, or after EAP over its key (§2.16)
        ChargePskAuth(ctx, octets);
        auto prf = CreatePrf(*ctx.proposal.prf.front());
        auth = {ikev2::AUTH_SHARED_KEY,
                Ikev2PskAuth(*prf, eapKey ? EapKey(skP) : ctx.config->psk, octets)};
    }
    return Ikev2Payload::Make(ikev2::PAYLOAD_AUTH, auth);
}

bool
Ikev2IkeAuthTask::VerifyPeer(Ikev2SaContext& ctx,
                             const std::vector<Ikev2Payload>& in,
                             const Ikev2IdPayload* id,
                             bool eapKey) const
{
    const auto* auth = FindIkev2Payload<Ikev2AuthPayload>(in, ikev2::PAYLOAD_AUTH);
    if (!id || !auth)
    {
        ctx.error = "AUTHENTICATION_FAILED (no ID or AUTH payload)";
        return false;
    }
    // the peer's octets: the responder's if we are the initiator, and the other way round
    const bool i = ctx.initiator;
    const auto& skP = i ? ctx.keys.skPr : ctx.keys.skPi;
    const auto octets =
        SignedOctets(ctx, i ? ctx.initResponse : ctx.initRequest, i ? ctx.ni : ctx.nr, skP, *id);
    if (!eapKey && ctx.config->remoteAuth == IkeAuthMethod::PUBKEY)
    {
        const std::string why = Ikev2VerifyPubkeyPeer(
            *ctx.config->credential,
            ctx.config->remoteId,
            in,
            *id,
            *auth,
            octets,
            ctx.config->credential->epoch + static_cast<int64_t>(Simulator::Now().GetSeconds()),
            ctx.jobs,
            ctx.peerSubject);
        if (!why.empty())
        {
            ctx.error = "AUTHENTICATION_FAILED (" + why + ")";
            return false;
        }
        return true;
    }
    if (!IsConfiguredPeer(ctx, *id))
    {
        ctx.error = "AUTHENTICATION_FAILED (the peer's identity is not the configured one)";
        return false;
    }
    if (auth->method != ikev2::AUTH_SHARED_KEY)
    {
        ctx.error = "AUTHENTICATION_FAILED (AUTH method " + std::to_string(auth->method) +
                    ", the shared key method 2 is configured)";
        return false;
    }
    ChargePskAuth(ctx, octets);
    auto prf = CreatePrf(*ctx.proposal.prf.front());
    if (!Ikev2VerifyPskAuth(*prf, eapKey ? EapKey(skP) : ctx.config->psk, octets, auth->data))
    {
        ctx.error = std::string("AUTHENTICATION_FAILED (AUTH does not verify: ") +
                    (eapKey ? "the EAP key)" : "another pre-shared key?)");
        return false;
    }
    return true;
}

const std::vector<uint8_t>&
Ikev2IkeAuthTask::EapKey(const std::vector<uint8_t>& skP) const
{
    // §2.16: the MSK when the method makes one, SK_pi/SK_pr when it does not (strongSwan's
    // keymat_v2 get_psk_sig)
    const std::vector<uint8_t>& msk = m_client ? m_client->GetMsk() : m_server->GetMsk();
    return msk.empty() ? skP : msk;
}

void
Ikev2IkeAuthTask::BuildRequest(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out)
{
    if (m_eapPhase == EapPhase::EAP)
    {
        out.push_back(EapPayload(m_eapOut));
        return;
    }
    const Ikev2IdPayload idi = IdPayload(ctx.config->localId);
    if (m_eapPhase == EapPhase::FINAL_AUTH)
    {
        // §2.16: the AUTH over the EAP key closes the exchange
        out.push_back(OwnAuth(ctx, idi, true));
        return;
    }
    // §1.2: IDi, [CERT,] [CERTREQ,] [IDr,] AUTH; with EAP no AUTH (§2.16)
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_IDI, idi));
    if (ctx.config->localAuth == IkeAuthMethod::PUBKEY)
    {
        AppendIkev2Certs(*ctx.config->credential, out);
    }
    if (ctx.config->remoteAuth == IkeAuthMethod::PUBKEY)
    {
        out.push_back(MakeIkev2CertReq(*ctx.config->credential));
    }
    if (!ctx.config->remoteId.IsAny()) // IDr is optional (§3.5): none for %any
    {
        out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_IDR, IdPayload(ctx.config->remoteId)));
    }
    if (IsEapMethod(ctx.config->localAuth))
    {
        std::string identity = ctx.config->eapIdentity;
        if (identity.empty())
        {
            identity = IkeIdentityText(ctx.config->localId);
        }
        m_client = std::make_unique<Ikev2EapClient>(ctx.config->localAuth,
                                                    identity,
                                                    ctx.config->eapPassword,
                                                    ctx.sources.bytes);
        return;
    }
    out.push_back(OwnAuth(ctx, idi, false));
}

Ikev2TaskStatus
Ikev2IkeAuthTask::ProcessResponse(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in)
{
    for (const auto& p : in)
    {
        const auto* n = std::get_if<Ikev2NotifyPayload>(&p.body);
        if (n && n->type == ikev2::AUTHENTICATION_FAILED)
        {
            const Ikev2RawPayload* eap = FindEap(in);
            EapPacket e;
            std::string why;
            ctx.error = eap && ParseEap(eap->body, e, why) && e.code == EAP_CODE_FAILURE
                            ? "AUTHENTICATION_FAILED (EAP-Failure: the server refused our "
                              "credentials)"
                            : "AUTHENTICATION_FAILED (the responder refused our AUTH)";
            return Ikev2TaskStatus::FAILED;
        }
    }
    const bool eap = m_client != nullptr;
    if (!eap || m_eapPhase == EapPhase::FINAL_AUTH)
    {
        const bool ok =
            VerifyPeer(ctx,
                       in,
                       eap ? &m_peerId : FindIkev2Payload<Ikev2IdPayload>(in, ikev2::PAYLOAD_IDR),
                       eap);
        ctx.authenticated = ok;
        return ok ? Ikev2TaskStatus::DONE : Ikev2TaskStatus::FAILED;
    }
    if (m_eapPhase == EapPhase::NONE)
    {
        // the responder's own authentication comes first (§2.16: IDr, [CERT,] AUTH, EAP)
        const auto* idr = FindIkev2Payload<Ikev2IdPayload>(in, ikev2::PAYLOAD_IDR);
        if (!VerifyPeer(ctx, in, idr, false))
        {
            return Ikev2TaskStatus::FAILED;
        }
        m_peerId = *idr;
    }
    const Ikev2RawPayload* eapPayload = FindEap(in);
    if (!eapPayload)
    {
        ctx.error = "AUTHENTICATION_FAILED (no EAP payload from the responder)";
        return Ikev2TaskStatus::FAILED;
    }
    std::string why;
    switch (m_client->Process(eapPayload->body, m_eapOut, why))
    {
    case EapStep::CONTINUE:
        m_eapPhase = EapPhase::EAP;
        return Ikev2TaskStatus::NEED_MORE;
    case EapStep::SUCCESS:
        m_eapPhase = EapPhase::FINAL_AUTH;
        return Ikev2TaskStatus::NEED_MORE;
    case EapStep::FAILURE:
    default:
        ctx.error = "AUTHENTICATION_FAILED (" + why + ")";
        return Ikev2TaskStatus::FAILED;
    }
}

Ikev2TaskStatus
Ikev2IkeAuthTask::ProcessRequest(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in)
{
    m_failed = true;
    const bool eap = IsEapMethod(ctx.config->remoteAuth);
    if (eap && m_eapPhase == EapPhase::NONE)
    {
        // §2.16: the initiator asks for EAP by leaving AUTH out
        const auto* idi = FindIkev2Payload<Ikev2IdPayload>(in, ikev2::PAYLOAD_IDI);
        if (!idi || FindIkev2Payload<Ikev2AuthPayload>(in, ikev2::PAYLOAD_AUTH))
        {
            ctx.error = idi ? "AUTHENTICATION_FAILED (an AUTH payload, but the peer must use EAP)"
                            : "AUTHENTICATION_FAILED (no ID payload)";
            NS_LOG_INFO(ctx.error);
            return Ikev2TaskStatus::FAILED;
        }
        if (!IsConfiguredPeer(ctx, *idi))
        {
            ctx.error = "AUTHENTICATION_FAILED (the peer's identity is not the configured one)";
            return Ikev2TaskStatus::FAILED;
        }
        m_peerId = *idi;
        m_server = std::make_unique<Ikev2EapServer>(ctx.config->remoteAuth,
                                                    ctx.config->eapUsers,
                                                    ctx.sources.bytes);
        m_eapOut = m_server->Start();
        m_eapPhase = EapPhase::EAP;
        m_failed = false;
        return Ikev2TaskStatus::NEED_MORE;
    }
    if (eap && m_eapPhase == EapPhase::EAP)
    {
        const Ikev2RawPayload* eapPayload = FindEap(in);
        std::string why;
        const EapStep step =
            eapPayload ? m_server->Process(eapPayload->body, m_eapOut, why) : EapStep::FAILURE;
        if (step == EapStep::FAILURE)
        {
            ctx.error = "AUTHENTICATION_FAILED (" +
                        (eapPayload ? why : std::string("no EAP payload")) + ")";
            NS_LOG_INFO(ctx.error);
            m_eapFailure = eapPayload != nullptr;
            return Ikev2TaskStatus::FAILED;
        }
        m_eapPhase = step == EapStep::SUCCESS ? EapPhase::FINAL_AUTH : EapPhase::EAP;
        m_failed = false;
        return Ikev2TaskStatus::NEED_MORE;
    }
    const bool ok =
        VerifyPeer(ctx,
                   in,
                   eap ? &m_peerId : FindIkev2Payload<Ikev2IdPayload>(in, ikev2::PAYLOAD_IDI),
                   eap);
    if (!ok)
    {
        NS_LOG_INFO(ctx.error);
        return Ikev2TaskStatus::FAILED;
    }
    if (eap)
    {
        m_eapPhase = EapPhase::DONE;
    }
    ctx.authenticated = true;
    m_failed = false;
    return Ikev2TaskStatus::DONE;
}

void
Ikev2IkeAuthTask::BuildResponse(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out)
{
    if (m_failed)
    {
        if (m_eapFailure)
        {
            out.push_back(EapPayload(m_eapOut)); // EAP-Failure (RFC 3748 §4.2)
        }
        out.push_back(MakeIkev2Notify(ikev2::AUTHENTICATION_FAILED));
        return;
    }
    const Ikev2IdPayload idr = IdPayload(ctx.config->localId);
    if (m_server && m_eapPhase == EapPhase::DONE)
    {
        // §2.16: the AUTH over the EAP key, then the CHILD SA's payloads
        out.push_back(OwnAuth(ctx, idr, true));
        return;
    }
    if (m_server && m_eapResponses++ > 0)
    {
        out.push_back(EapPayload(m_eapOut)); // the method's next Request, or EAP-Success
        return;
    }
    // §1.2: IDr, [CERT,] AUTH (and §2.16: the first EAP message)
    out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_IDR, idr));
    if (ctx.config->localAuth == IkeAuthMethod::PUBKEY)
    {
        AppendIkev2Certs(*ctx.config->credential, out);
    }
    out.push_back(OwnAuth(ctx, idr, false));
    if (m_server)
    {
        out.push_back(EapPayload(m_eapOut)); // Request/Identity
    }
}

} // namespace ipsec
} // namespace ns3
