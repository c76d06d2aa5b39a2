// SPDX-License-Identifier: GPL-2.0-only
#include "ikev2-eap-auth.h"

namespace ns3
{
namespace ipsec
{

namespace
{

/// strongSwan's MSCHAPv2 server name and success message (eap_mschapv2.c).
constexpr char MSCHAPV2_SERVER_NAME[] = "strongSwan";
constexpr char MSCHAPV2_SUCCESS_TEXT[] = "Welcome2strongSwan";

std::vector<uint8_t>
CodeOnly(uint8_t code, uint8_t identifier)
{
    EapPacket p;
    p.code = code;
    p.identifier = identifier;
    return SerializeEap(p);
}

} // namespace

uint8_t
EapTypeOf(IkeAuthMethod method)
{
    return method == IkeAuthMethod::EAP_MSCHAPV2 ? EAP_TYPE_MSCHAPV2 : EAP_TYPE_MD5;
}

bool
IsEapMethod(IkeAuthMethod method)
{
    return method == IkeAuthMethod::EAP_MD5 || method == IkeAuthMethod::EAP_MSCHAPV2;
}

Ikev2EapServer::Ikev2EapServer(IkeAuthMethod method,
                               std::vector<std::pair<std::string, std::string>> users,
                               std::function<void(uint8_t*, size_t)> random)
    : m_method(method),
      m_users(std::move(users)),
      m_random(std::move(random))
{
}

std::vector<uint8_t>
Ikev2EapServer::Start()
{
    m_random(&m_id, 1); // strongSwan starts at a random Identifier
    EapPacket p;
    p.code = EAP_CODE_REQUEST;
    p.identifier = m_id;
    p.type = EAP_TYPE_IDENTITY;
    m_phase = Phase::IDENTITY;
    return SerializeEap(p);
}

EapStep
Ikev2EapServer::Fail(const std::string& reason, std::vector<uint8_t>& out, std::string& why)
{
    why = reason;
    m_phase = Phase::DONE;
    out = CodeOnly(EAP_CODE_FAILURE, static_cast<uint8_t>(m_id + 1));
    return EapStep::FAILURE;
}

EapStep
Ikev2EapServer::Process(ByteSpan in, std::vector<uint8_t>& out, std::string& why)
{
    EapPacket r;
    std::string parse;
    if (!ParseEap(in, r, parse))
    {
        return Fail("malformed EAP message: " + parse, out, why);
    }
    if (r.code != EAP_CODE_RESPONSE || r.identifier != m_id || m_phase == Phase::DONE)
    {
        return Fail("unexpected EAP message " + DescribeEap(r), out, why);
    }
    if (m_phase == Phase::IDENTITY)
    {
        if (r.type != EAP_TYPE_IDENTITY)
        {
            return Fail("EAP-Identity expected, got " + DescribeEap(r), out, why);
        }
        m_identity.assign(r.typeData.begin(), r.typeData.end());
        for (const auto& [user, password] : m_users)
        {
            if (user == m_identity)
            {
                m_password = password;
            }
        }
        m_challenge.resize(m_method == IkeAuthMethod::EAP_MSCHAPV2 ? MSCHAPV2_CHALLENGE_SIZE
                                                                   : EAP_MD5_VALUE_SIZE);
        m_random(m_challenge.data(), m_challenge.size());
        ++m_id;
        const EapPacket request =
            m_method == IkeAuthMethod::EAP_MSCHAPV2
                ? MsChapV2ChallengeRequest(m_id, m_id, m_challenge, MSCHAPV2_SERVER_NAME)
                : EapMd5Request(m_id, m_challenge, "");
        out = SerializeEap(request);
        m_phase = Phase::METHOD;
        return EapStep::CONTINUE;
    }
    if (r.type == EAP_TYPE_NAK)
    {
        return Fail("the peer refused " + EapTypeShortName(EapTypeOf(m_method)) + " (EAP Nak)",
                    out,
                    why);
    }
    // strongSwan does not tell an unknown user from a wrong password to the peer: both fail
    // the method's check (an unknown user's password is empty here)
    const bool known = !m_password.empty();
    std::string reason;
    if (m_method == IkeAuthMethod::EAP_MD5)
    {
        if (!EapMd5Verify(
                r,
                m_id,
                ByteSpan(reinterpret_cast<const uint8_t*>(m_password.data()), m_password.size()),
                m_challenge,
                reason) ||
            !known)
        {
            return Fail(known ? "EAP-MD5 of '" + m_identity + "': " + reason
                              : "no EAP secret for '" + m_identity + "'",
                        out,
                        why);
        }
        m_phase = Phase::DONE;
        out = CodeOnly(EAP_CODE_SUCCESS, m_id);
        return EapStep::SUCCESS;
    }
    if (m_phase == Phase::METHOD)
    {
        const auto hash = NtPasswordHash(m_password);
        EapPacket success;
        if (!MsChapV2VerifyResponse(r,
                                    m_id,
                                    m_challenge,
                                    ByteSpan(hash.data(), hash.size()),
                                    MSCHAPV2_SUCCESS_TEXT,
                                    success,
                                    m_keys,
                                    reason) ||
            !known)
        {
            return Fail(known ? "EAP-MSCHAPv2 of '" + m_identity + "': " + reason
                              : "no EAP secret for '" + m_identity + "'",
                        out,
                        why);
        }
        m_id = success.identifier;
        out = SerializeEap(success);
        m_phase = Phase::SUCCESS;
        return EapStep::CONTINUE;
    }
    // the peer acknowledges the Success Request with a short Success Response
    MsChapV2Packet ack;
    if (r.type != EAP_TYPE_MSCHAPV2 || !ParseMsChapV2(r.typeData, r.code, ack, reason) ||
        ack.opCode != MSCHAPV2_OP_SUCCESS)
    {
        return Fail("EAP-MSCHAPv2 Success acknowledgement expected, got " + DescribeEap(r),
                    out,
                    why);
    }
    m_phase = Phase::DONE;
    out = CodeOnly(EAP_CODE_SUCCESS, m_id);
    return EapStep::SUCCESS;
}

const std::vector<uint8_t>&
Ikev2EapServer::GetMsk() const
{
    return m_keys.msk;
}

const std::string&
Ikev2EapServer::GetIdentity() const
{
    return m_identity;
}

Ikev2EapClient::Ikev2EapClient(IkeAuthMethod method,
                               std::string identity,
                               std::string password,
                               std::function<void(uint8_t*, size_t)> random)
    : m_method(method),
      m_identity(std::move(identity)),
      m_password(std::move(password)),
      m_random(std::move(random))
{
}

EapStep
Ikev2EapClient::Process(ByteSpan in, std::vector<uint8_t>& out, std::string& why)
{
    EapPacket q;
    std::string parse;
    if (!ParseEap(in, q, parse))
    {
        why = "malformed EAP message: " + parse;
        return EapStep::FAILURE;
    }
    if (q.code == EAP_CODE_FAILURE)
    {
        why = "EAP-Failure from the server";
        return EapStep::FAILURE;
    }
    if (q.code == EAP_CODE_SUCCESS)
    {
        if (!m_methodDone)
        {
            why = "EAP-Success before the method completed";
            return EapStep::FAILURE;
        }
        return EapStep::SUCCESS;
    }
    if (q.code != EAP_CODE_REQUEST)
    {
        why = "unexpected EAP message " + DescribeEap(q);
        return EapStep::FAILURE;
    }
    EapPacket r;
    r.code = EAP_CODE_RESPONSE;
    r.identifier = q.identifier;
    if (q.type == EAP_TYPE_IDENTITY)
    {
        r.type = EAP_TYPE_IDENTITY;
        r.typeData.assign(m_identity.begin(), m_identity.end());
        out = SerializeEap(r);
        return EapStep::CONTINUE;
    }
    if (q.type != EapTypeOf(m_method))
    {
        // RFC 3748 §5.3.1: a Nak naming the method we would use
        r.type = EAP_TYPE_NAK;
        r.typeData = {EapTypeOf(m_method)};
        out = SerializeEap(r);
        return EapStep::CONTINUE;
    }
    std::string reason;
    if (m_method == IkeAuthMethod::EAP_MD5)
    {
        if (!EapMd5Respond(
                q,
                ByteSpan(reinterpret_cast<const uint8_t*>(m_password.data()), m_password.size()),
                "",
                r,
                reason))
        {
            why = "EAP-MD5: " + reason;
            return EapStep::FAILURE;
        }
        m_methodDone = true;
        out = SerializeEap(r);
        return EapStep::CONTINUE;
    }
    MsChapV2Packet packet;
    if (!ParseMsChapV2(q.typeData, q.code, packet, reason))
    {
        why = "EAP-MSCHAPv2: " + reason;
        return EapStep::FAILURE;
    }
    const auto hash = NtPasswordHash(m_password);
    if (packet.opCode == MSCHAPV2_OP_CHALLENGE)
    {
        std::vector<uint8_t> peerChallenge(MSCHAPV2_CHALLENGE_SIZE);
        m_random(peerChallenge.data(), peerChallenge.size());
        if (!MsChapV2Respond(q,
                             m_identity,
                             ByteSpan(hash.data(), hash.size()),
                             peerChallenge,
                             r,
                             m_keys,
                             reason))
        {
            why = "EAP-MSCHAPv2: " + reason;
            return EapStep::FAILURE;
        }
        out = SerializeEap(r);
        return EapStep::CONTINUE;
    }
    if (m_keys.ntResponse.empty() || !MsChapV2VerifySuccess(q, m_keys, r, reason))
    {
        why = "EAP-MSCHAPv2: " + (reason.empty() ? "Success before a Challenge" : reason);
        return EapStep::FAILURE;
    }
    m_methodDone = true;
    out = SerializeEap(r);
    return EapStep::CONTINUE;
}

const std::vector<uint8_t>&
Ikev2EapClient::GetMsk() const
{
    return m_keys.msk;
}

} // namespace ipsec
} // namespace ns3
