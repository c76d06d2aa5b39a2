// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IKEv1 phase 1 with pre-shared keys (RFC 2409 §5, §5.4): main mode
 *   I: HDR, SA                    R: HDR, SA
 *   I: HDR, KE, Ni                R: HDR, KE, Nr
 *   I: HDR*, IDii, HASH_I         R: HDR*, IDir, HASH_R
 * and aggressive mode
 *   I: HDR, SA, KE, Ni, IDii      R: HDR, SA, KE, Nr, IDir, HASH_R
 *   I: HDR*, HASH_I
 * (the third message encrypted, as strongSwan sends it). Vendor IDs: DPD (RFC 3706 §5.1).
 */

#include "ike-credential.h"
#include "ike-proposal-selection.h"
#include "ikev1-crypter.h"
#include "ikev1-sa.h"
#include "ipsec-config-error.h"
#include "ipsec-crypto-factory.h"
#include "ipsec-crypto-operation.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <openssl/evp.h>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("Ikev1Phase1");

namespace
{

/// RFC 3706 §5.1: the DPD vendor ID.
const std::vector<uint8_t> kDpdVendorId = {0xaf,
                                           0xca,
                                           0xd7,
                                           0x13,
                                           0x68,
                                           0xa1,
                                           0xf1,
                                           0xc9,
                                           0x6b,
                                           0x86,
                                           0x96,
                                           0xfc,
                                           0x77,
                                           0x57,
                                           0x01,
                                           0x00};

/// Nonce bytes this end sends (strongSwan's NONCE_SIZE; RFC 2409 §5: 8 to 256).
constexpr size_t kNonceSize = 32;

/**
 * @brief The lifetime this end offers for its ISAKMP SA: rekey_time plus over_time (10 % of
 * rekey_time by default), as strongSwan offers it (14400 s -> 15840 s).
 * @param config the connection
 * @return seconds (0: none)
 */
uint32_t
Phase1Lifetime(const IkePeerConfig& config)
{
    if (!config.rekeyTime.IsStrictlyPositive())
    {
        return 0;
    }
    const Time over =
        config.overTime.IsStrictlyNegative() ? config.rekeyTime * 0.1 : config.overTime;
    return static_cast<uint32_t>((config.rekeyTime + over).GetSeconds());
}

} // namespace

Ikev1IdPayload
Ikev1Sa::OwnId() const
{
    Ikev1IdPayload id;
    if (m_config->localId.IsAny())
    {
        const IkeIdentity a = IkeIdentity::Ipv4(m_config->localAddress);
        id.idType = a.type;
        id.data = a.data;
    }
    else
    {
        id.idType = m_config->localId.type;
        id.data = m_config->localId.data;
    }
    return id;
}

void
Ikev1Sa::AddVendorIds(std::vector<Ikev1Payload>& payloads)
{
    payloads.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_VENDOR_ID, Ikev1RawPayload{kDpdVendorId}));
}

void
Ikev1Sa::ReadVendorIds(const std::vector<Ikev1Payload>& payloads)
{
    for (const auto& p : payloads)
    {
        const auto* raw = std::get_if<Ikev1RawPayload>(&p.body);
        if (p.type == ikev1::PAYLOAD_VENDOR_ID && raw && raw->body == kDpdVendorId)
        {
            m_peerDpd = true;
        }
    }
}

std::vector<uint8_t>
Ikev1Sa::BuildPhase1First()
{
    const Ikev1SaPayload sa =
        EncodeIkev1Phase1Sa(m_config->proposals, OwnAuthMethod(), Phase1Lifetime(*m_config));
    std::string error;
    DecodeIkev1Phase1Sa(sa, m_offered, error);
    Ikev1Payload saPayload = Ikev1Payload::Make(ikev1::PAYLOAD_SA, sa);
    m_saiBody = Ikev1PayloadBody(saPayload);
    std::vector<Ikev1Payload> out = {saPayload};
    if (m_mode == Ikev1Mode::AGGRESSIVE)
    {
        // The group must be known before the choice: the first proposal's first (RFC 2409 §5.4:
        // every aggressive-mode transform should use one group).
        m_ke = std::make_unique<KeyExchange>(m_config->proposals.front().keyExchange.front());
        m_ke->GeneratePrivateKey(m_sources.bytes);
        Ikev2ChargeKe(m_jobs, *m_ke, KePhase::KEYGEN);
        m_gxi = m_ke->GetPublicValue();
        m_ni = Random(kNonceSize);
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_KE, Ikev1RawPayload{m_gxi}));
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_NONCE, Ikev1RawPayload{m_ni}));
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_ID, OwnId()));
        m_ownIdBody = Ikev1PayloadBody(out.back());
        AddCertReqs(out);
    }
    AddVendorIds(out);
    const uint8_t exchange =
        m_mode == Ikev1Mode::MAIN ? ikev1::IDENTITY_PROTECTION : ikev1::AGGRESSIVE;
    m_state = Ikev2SaState::CONNECTING;
    m_step = 1;
    m_p1Sent = Build(exchange, 0, out, false, true);
    m_p1Awaiting = true;
    return m_p1Sent;
}

std::vector<std::vector<uint8_t>>
Ikev1Sa::Initiate(size_t first, const IkeTsSide* triggerLocal, const IkeTsSide* triggerRemote)
{
    if (!m_initiator || m_step != 0)
    {
        return {};
    }
    const size_t n = m_config->children.size();
    if (first < n)
    {
        Queued q{first, triggerLocal && triggerRemote, {}, {}, 0};
        if (q.trigger)
        {
            q.local = *triggerLocal;
            q.remote = *triggerRemote;
        }
        m_queued.push_back(q);
    }
    for (size_t k = 0; k < n; k++)
    {
        if (k != first)
        {
            m_queued.push_back(Queued{k, false, {}, {}, 0});
        }
    }
    return {BuildPhase1First()};
}

std::vector<std::vector<uint8_t>>
Ikev1Sa::Reauthenticate()
{
    if (!m_initiator || m_step != 0)
    {
        return {};
    }
    return {BuildPhase1First()};
}

bool
Ikev1Sa::ChooseSa(const Ikev1SaPayload& sa, std::string& error)
{
    std::vector<Ikev1Phase1Transform> offered;
    if (!DecodeIkev1Phase1Sa(sa, offered, error))
    {
        return false;
    }
    std::vector<IkeProposal> candidates;
    std::vector<size_t> index;
    for (size_t i = 0; i < offered.size() && candidates.size() < 255; i++)
    {
        if (offered[i].authMethod != OwnAuthMethod())
        {
            continue;
        }
        IkeProposal p = offered[i].proposal;
        p.number = static_cast<uint8_t>(candidates.size() + 1);
        candidates.push_back(p);
        index.push_back(i);
    }
    const auto chosen = SelectProposal(m_config->proposals, candidates);
    if (!chosen.IsChosen())
    {
        error = "NO_PROPOSAL_CHOSEN";
        return false;
    }
    m_chosen = offered[index[chosen.proposal.number - 1]];
    m_chosenSet = true;
    return true;
}

bool
Ikev1Sa::CheckChoice(const Ikev1SaPayload& sa, std::string& error)
{
    std::vector<Ikev1Phase1Transform> answer;
    if (!DecodeIkev1Phase1Sa(sa, answer, error) || answer.size() != 1)
    {
        error = error.empty() ? "the responder's SA payload is not one transform" : error;
        return false;
    }
    for (const Ikev1Phase1Transform& t : m_offered)
    {
        IkeProposal a = answer.front().proposal;
        a.number = t.proposal.number;
        if (a == t.proposal && answer.front().authMethod == t.authMethod)
        {
            m_chosen = answer.front();
            m_chosenSet = true;
            return true;
        }
    }
    error = "the responder chose a transform we did not offer";
    return false;
}

bool
Ikev1Sa::TakeKeNonce(const std::vector<Ikev1Payload>& payloads, std::string& error)
{
    const std::vector<uint8_t>* ke = FindIkev1RawBody(payloads, ikev1::PAYLOAD_KE);
    const std::vector<uint8_t>* nonce = FindIkev1RawBody(payloads, ikev1::PAYLOAD_NONCE);
    if (!ke || !nonce)
    {
        error = "missing KE or nonce payload";
        return false;
    }
    const uint16_t group = m_chosen.proposal.keyExchange.front();
    if (!m_ke || m_ke->GetGroup().ianaId != group)
    {
        m_ke = std::make_unique<KeyExchange>(group);
        m_ke->GeneratePrivateKey(m_sources.bytes);
        Ikev2ChargeKe(m_jobs, *m_ke, KePhase::KEYGEN);
    }
    if (ke->size() != m_ke->GetGroup().publicSize)
    {
        error = "INVALID_KEY_INFORMATION";
        return false;
    }
    if (nonce->size() < 8 || nonce->size() > 256)
    {
        error = "PAYLOAD_MALFORMED";
        return false;
    }
    (m_initiator ? m_gxr : m_gxi) = *ke;
    (m_initiator ? m_gxi : m_gxr) = m_ke->GetPublicValue();
    (m_initiator ? m_nr : m_ni) = *nonce;
    if ((m_initiator ? m_ni : m_nr).empty())
    {
        (m_initiator ? m_ni : m_nr) = Random(kNonceSize);
    }
    return true;
}

bool
Ikev1Sa::DeriveKeys()
{
    const TransformInfo& prfInfo = *m_chosen.proposal.prf.front();
    const TransformInfo& cipher = *m_chosen.proposal.encryption.front();
    m_prf = CreatePrf(prfInfo);
    const KeResult secret = m_ke->ComputeSharedSecret(ByteSpan(m_initiator ? m_gxr : m_gxi));
    Ikev2ChargeKe(m_jobs, *m_ke, KePhase::DERIVE);
    if (!secret.Ok())
    {
        return false;
    }
    m_gxy = secret.secret;
    const std::vector<uint8_t> ckyI = Ikev1CookieBytes(m_keyInfo.cookieI);
    const std::vector<uint8_t> ckyR = Ikev1CookieBytes(m_keyInfo.cookieR);
    // RFC 2409 §5: for signatures SKEYID = prf(Ni_b | Nr_b, g^xy), for a PSK prf(PSK, Ni_b | Nr_b).
    const std::vector<uint8_t> skeyid =
        OwnAuthMethod() == ikev1::AUTH_PSK
            ? Ikev1SkeyidPsk(*m_prf, ByteSpan(m_config->psk), ByteSpan(m_ni), ByteSpan(m_nr))
            : Ikev1SkeyidSignature(*m_prf, ByteSpan(m_ni), ByteSpan(m_nr), ByteSpan(m_gxy));
    m_keyInfo.keys =
        Ikev1DeriveKeys(*m_prf, skeyid, ByteSpan(m_gxy), ByteSpan(ckyI), ByteSpan(ckyR));
    m_keyInfo.encryptionKey = Ikev1EncryptionKey(*m_prf, m_keyInfo.keys.skeyidE, cipher.keySize);
    m_keyInfo.cipher = &cipher;
    m_keyInfo.prf = &prfInfo;
    const uint32_t out = prfInfo.icvSize;
    ChargePrf(static_cast<uint32_t>(m_ni.size() + m_nr.size()));
    ChargePrf(out + static_cast<uint32_t>(m_gxy.size()) + 17, 3);
    const EVP_MD* md = EVP_get_digestbyname(prfInfo.opensslName);
    m_crypter = std::make_unique<Ikev1Crypter>(
        cipher,
        m_keyInfo.encryptionKey,
        md,
        Ikev1Phase1Iv(md, ByteSpan(m_gxi), ByteSpan(m_gxr), cipher.blockSize));
    m_hasKeys = true;
    return true;
}

std::vector<uint8_t>
Ikev1Sa::Phase1Hash(bool ofInitiator, const std::vector<uint8_t>& idBody)
{
    const std::vector<uint8_t> ckyI = Ikev1CookieBytes(m_keyInfo.cookieI);
    const std::vector<uint8_t> ckyR = Ikev1CookieBytes(m_keyInfo.cookieR);
    ChargePrf(
        static_cast<uint32_t>(m_gxi.size() + m_gxr.size() + 16 + m_saiBody.size() + idBody.size()));
    return Ikev1Phase1Hash(*m_prf,
                           ByteSpan(m_keyInfo.keys.skeyid),
                           ofInitiator,
                           ByteSpan(m_gxi),
                           ByteSpan(m_gxr),
                           ByteSpan(ckyI),
                           ByteSpan(ckyR),
                           ByteSpan(m_saiBody),
                           ByteSpan(idBody));
}

bool
Ikev1Sa::ReadPeerId(const std::vector<Ikev1Payload>& payloads, std::string& error)
{
    const Ikev1Payload* p = FindIkev1Payload(payloads, ikev1::PAYLOAD_ID);
    const auto* id = p ? std::get_if<Ikev1IdPayload>(&p->body) : nullptr;
    if (!id)
    {
        error = "missing ID payload";
        return false;
    }
    m_peerIdBody = Ikev1PayloadBody(*p);
    m_peerId.type = id->idType;
    m_peerId.data = id->data;
    if (!m_config->remoteId.IsAny() && !(m_peerId == m_config->remoteId))
    {
        error = "INVALID_ID_INFORMATION";
        return false;
    }
    return true;
}

uint16_t
Ikev1Sa::OwnAuthMethod() const
{
    if (m_config->localAuth == IkeAuthMethod::PSK || !m_config->credential)
    {
        return ikev1::AUTH_PSK;
    }
    return Ikev1SignatureAuthMethod(m_config->credential->privateKey.get());
}

void
Ikev1Sa::AddCertReqs(std::vector<Ikev1Payload>& out) const
{
    if (OwnAuthMethod() == ikev1::AUTH_PSK)
    {
        return;
    }
    // RFC 2408 §3.10: the encoding, then the DN of a CA this end trusts.
    for (const X509Ptr& ca : m_config->credential->trustedCas)
    {
        std::vector<uint8_t> body = {CERT_X509_SIGNATURE};
        unsigned char* der = nullptr;
        const int n = i2d_X509_NAME(X509_get_subject_name(ca.get()), &der);
        if (n > 0)
        {
            body.insert(body.end(), der, der + n);
        }
        OPENSSL_free(der);
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_CERTREQ, Ikev1RawPayload{body}));
    }
}

void
Ikev1Sa::AddAuthPayloads(bool ofInitiator, std::vector<Ikev1Payload>& out)
{
    const std::vector<uint8_t> hash = Phase1Hash(ofInitiator, m_ownIdBody);
    if (OwnAuthMethod() == ikev1::AUTH_PSK)
    {
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_HASH, Ikev1RawPayload{hash}));
        return;
    }
    // [CERT] SIG (RFC 2409 §5.1): the certificate, its intermediates, the signed HASH.
    const IkeCredential& c = *m_config->credential;
    std::vector<uint8_t> cert = {CERT_X509_SIGNATURE};
    const std::vector<uint8_t> der = CertificateDer(c.certificate.get());
    cert.insert(cert.end(), der.begin(), der.end());
    out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_CERT, Ikev1RawPayload{cert}));
    for (const X509Ptr& i : c.intermediates)
    {
        std::vector<uint8_t> body = {CERT_X509_SIGNATURE};
        const std::vector<uint8_t> d = CertificateDer(i.get());
        body.insert(body.end(), d.begin(), d.end());
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_CERT, Ikev1RawPayload{body}));
    }
    m_jobs.push_back(
        {SignOperation(IkeKeyScheme(c.privateKey.get())), static_cast<uint32_t>(hash.size())});
    out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_SIG,
                                     Ikev1RawPayload{Ikev1Sign(c.privateKey.get(), hash)}));
}

bool
Ikev1Sa::CheckPeerAuth(const std::vector<Ikev1Payload>& payloads, std::string& error)
{
    const std::vector<uint8_t> hash = Phase1Hash(!m_initiator, m_peerIdBody);
    if (OwnAuthMethod() == ikev1::AUTH_PSK)
    {
        const std::vector<uint8_t>* got = FindIkev1RawBody(payloads, ikev1::PAYLOAD_HASH);
        error = got && *got == hash ? "" : "AUTHENTICATION_FAILED";
        return error.empty();
    }
    std::vector<ByteSpan> certs;
    for (const auto& p : payloads)
    {
        const auto* raw = std::get_if<Ikev1RawPayload>(&p.body);
        if (p.type == ikev1::PAYLOAD_CERT && raw)
        {
            certs.emplace_back(raw->body);
        }
    }
    const std::vector<uint8_t>* sig = FindIkev1RawBody(payloads, ikev1::PAYLOAD_SIG);
    X509Ptr cert;
    std::vector<std::pair<std::string, size_t>> signatures;
    const IkeCredential& c = *m_config->credential;
    std::string why =
        CheckPeerCertificates(c,
                              certs,
                              m_peerId,
                              m_config->remoteId,
                              c.epoch + static_cast<int64_t>(Simulator::Now().GetSeconds()),
                              signatures,
                              cert);
    for (const auto& [scheme, bytes] : signatures)
    {
        m_jobs.push_back({VerifyOperation(scheme), static_cast<uint32_t>(bytes)});
    }
    if (why.empty())
    {
        const EVP_PKEY* key = X509_get0_pubkey(cert.get());
        m_jobs.push_back({VerifyOperation(IkeKeyScheme(key)), static_cast<uint32_t>(hash.size())});
        if (!sig)
        {
            why = "no SIG payload";
        }
        else if (!Ikev1VerifySignature(key, m_chosen.authMethod, ByteSpan(hash), ByteSpan(*sig)))
        {
            why = "SIG does not verify with the key of \"" + CertificateSubjectText(cert.get()) +
                  "\"";
        }
    }
    error = why.empty() ? "" : "AUTHENTICATION_FAILED (" + why + ")";
    return why.empty();
}

std::vector<std::vector<uint8_t>>
Ikev1Sa::Established()
{
    m_state = Ikev2SaState::ESTABLISHED;
    m_p1Awaiting = false;
    // Only what later exchanges need stays.
    m_ke.reset();
    NS_LOG_INFO("IKEv1 " << ToString(m_mode) << " mode done: ISAKMP SA established");
    std::vector<std::vector<uint8_t>> out;
    const uint32_t own = Phase1Lifetime(*m_config);
    const uint32_t offered = m_chosen.lifeSeconds;
    m_lifeSeconds = offered != 0 ? offered : own;
    if (!m_initiator && own != 0 && own < offered)
    {
        // RFC 2407 §4.5.4: our policy allows less than the initiator offered; the SA payload
        // answered the offer unchanged (RFC 2409 §5), this notification says what holds.
        m_lifeSeconds = own;
        out.push_back(Informational(
            {IsakmpNotify(ikev1::RESPONDER_LIFETIME, EncodeIkev1ResponderLifetime(true, own, 0))}));
    }
    for (auto& m : StartQueued())
    {
        out.push_back(std::move(m));
    }
    return out;
}

Time
Ikev1Sa::GetLifetime() const
{
    return m_state == Ikev2SaState::ESTABLISHED ? Seconds(m_lifeSeconds) : Seconds(0);
}

std::vector<std::vector<uint8_t>>
Ikev1Sa::OnPhase1(const Ikev1Message& message, ByteSpan datagram)
{
    const std::vector<uint8_t> bytes(datagram.data, datagram.data + datagram.size);
    if (!m_p1Received.empty() && bytes == m_p1Received)
    {
        // A retransmission: the peer lost our answer.
        if (m_p1Sent.empty() || m_state == Ikev2SaState::FAILED)
        {
            return {};
        }
        return {m_p1Sent};
    }
    if (m_state == Ikev2SaState::FAILED || m_state == Ikev2SaState::DELETED)
    {
        return Drop("sa-not-active");
    }
    if (m_state == Ikev2SaState::ESTABLISHED)
    {
        return Drop("phase-1-done");
    }
    const bool encrypted = message.header.flags & IkeHeader::FLAG_V1_ENCRYPTION;
    std::vector<Ikev1Payload> in;
    std::vector<uint8_t> plain;
    const bool main = m_mode == Ikev1Mode::MAIN;
    // Which message this end expects now: its number in the exchange (1-based).
    const uint8_t expected = m_step + 1;
    const bool expectEncrypted = main ? expected >= 5 : expected == 3;
    if (encrypted != expectEncrypted || (m_initiator != (expected % 2 == 0)))
    {
        return Drop("unexpected-phase-1-message");
    }
    if (encrypted)
    {
        if (!Open(message, in, plain))
        {
            // Garbage after decryption: the keys differ, i.e. the pre-shared keys do.
            return Fail("AUTHENTICATION_FAILED", ikev1::AUTHENTICATION_FAILED);
        }
    }
    else
    {
        in = message.payloads;
        if (UnknownPayloadType(in) != 0)
        {
            // RFC 2408 §5.1: discarded; the responder's first message gets
            // INVALID-PAYLOAD-TYPE (there is nothing else yet to lose), a later one is only
            // dropped, since anyone on the path could have sent it.
            return !m_initiator && expected == 1
                       ? Fail("INVALID_PAYLOAD_TYPE", ikev1::INVALID_PAYLOAD_TYPE)
                       : Drop("invalid-payload-type");
        }
    }
    std::string error;
    std::vector<Ikev1Payload> out;
    const uint8_t exchange = message.header.exchangeType;
    auto accept = [&]() {
        m_p1Received = bytes;
        if (encrypted)
        {
            m_crypter->Advance(0, message.encrypted);
        }
        if (m_onMessage)
        {
            m_onMessage(false, message.header, in, !m_initiator);
        }
    };
    auto reply = [&](const std::vector<Ikev1Payload>& payloads, bool encrypt, bool awaiting) {
        m_step = expected + 1;
        m_p1Sent = Build(exchange, 0, payloads, encrypt, m_initiator);
        m_p1Awaiting = awaiting;
    };

    if (!m_initiator && expected == 1)
    {
        // Responder, message 1 of either mode: the cookies, SAi_b, the choice.
        const Ikev1Payload* sa = FindIkev1Payload(in, ikev1::PAYLOAD_SA);
        if (!sa || !std::get_if<Ikev1SaPayload>(&sa->body))
        {
            return Drop("missing SA payload");
        }
        m_keyInfo.cookieI = message.header.initiatorSpi;
        m_keyInfo.cookieR = RandomCookie();
        m_saiBody = Ikev1PayloadBody(*sa);
        m_state = Ikev2SaState::CONNECTING;
        accept();
        ReadVendorIds(in);
        if (!ChooseSa(std::get<Ikev1SaPayload>(sa->body), error))
        {
            return Fail(error, ikev1::NO_PROPOSAL_CHOSEN);
        }
    }
    if (main && !m_initiator && expected == 1)
    {
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_SA, EncodeIkev1Phase1Choice(m_chosen)));
        AddVendorIds(out);
        reply(out, false, true);
        return {m_p1Sent};
    }
    if (main && m_initiator && expected == 2)
    {
        const Ikev1Payload* sa = FindIkev1Payload(in, ikev1::PAYLOAD_SA);
        if (!sa || !std::get_if<Ikev1SaPayload>(&sa->body))
        {
            return Drop("missing SA payload");
        }
        if (!CheckChoice(std::get<Ikev1SaPayload>(sa->body), error))
        {
            return Drop(error);
        }
        m_keyInfo.cookieR = message.header.responderSpi;
        accept();
        ReadVendorIds(in);
        m_ke = std::make_unique<KeyExchange>(m_chosen.proposal.keyExchange.front());
        m_ke->GeneratePrivateKey(m_sources.bytes);
        Ikev2ChargeKe(m_jobs, *m_ke, KePhase::KEYGEN);
        m_gxi = m_ke->GetPublicValue();
        m_ni = Random(kNonceSize);
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_KE, Ikev1RawPayload{m_gxi}));
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_NONCE, Ikev1RawPayload{m_ni}));
        AddCertReqs(out);
        reply(out, false, true);
        return {m_p1Sent};
    }
    if (main && !m_initiator && expected == 3)
    {
        if (!TakeKeNonce(in, error))
        {
            return Drop(error);
        }
        accept();
        if (!DeriveKeys())
        {
            return Fail("INVALID_KEY_INFORMATION", ikev1::INVALID_KEY_INFORMATION);
        }
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_KE, Ikev1RawPayload{m_gxr}));
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_NONCE, Ikev1RawPayload{m_nr}));
        AddCertReqs(out);
        reply(out, false, true);
        return {m_p1Sent};
    }
    if (main && m_initiator && expected == 4)
    {
        if (!TakeKeNonce(in, error))
        {
            return Drop(error);
        }
        accept();
        if (!DeriveKeys())
        {
            return Fail("INVALID_KEY_INFORMATION", ikev1::INVALID_KEY_INFORMATION);
        }
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_ID, OwnId()));
        m_ownIdBody = Ikev1PayloadBody(out.back());
        AddAuthPayloads(true, out);
        Ikev1NotifyPayload contact;
        contact.protocolId = ikev1::PROTO_ISAKMP;
        contact.type = ikev1::INITIAL_CONTACT;
        contact.spi = CookieBytes();
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_NOTIFY, std::move(contact)));
        reply(out, true, true);
        return {m_p1Sent};
    }
    if (main && !m_initiator && expected == 5)
    {
        if (!ReadPeerId(in, error))
        {
            // Without an ID payload the decryption gave garbage: the keys, i.e. the
            // pre-shared keys, differ.
            return error == "INVALID_ID_INFORMATION"
                       ? Fail(error, ikev1::INVALID_ID_INFORMATION)
                       : Fail("AUTHENTICATION_FAILED", ikev1::AUTHENTICATION_FAILED);
        }
        if (!CheckPeerAuth(in, error))
        {
            return Fail(error, ikev1::AUTHENTICATION_FAILED);
        }
        accept();
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_ID, OwnId()));
        m_ownIdBody = Ikev1PayloadBody(out.back());
        AddAuthPayloads(false, out);
        reply(out, true, false);
        std::vector<std::vector<uint8_t>> sent = {m_p1Sent};
        for (auto& m : Established())
        {
            sent.push_back(std::move(m));
        }
        return sent;
    }
    if (main && m_initiator && expected == 6)
    {
        if (!ReadPeerId(in, error))
        {
            return Fail(error == "INVALID_ID_INFORMATION" ? error : "AUTHENTICATION_FAILED", 0);
        }
        if (!CheckPeerAuth(in, error))
        {
            return Fail(error, 0);
        }
        accept();
        m_step = 6;
        return Established();
    }
    if (!main && !m_initiator && expected == 1)
    {
        // Aggressive responder, message 1 (chosen above): KE, identities, HASH_R.
        if (!TakeKeNonce(in, error))
        {
            // The initiator's KE is of another group than the transform chosen.
            return Fail(error, ikev1::INVALID_KEY_INFORMATION);
        }
        if (!ReadPeerId(in, error))
        {
            return Fail(error, ikev1::INVALID_ID_INFORMATION);
        }
        if (!DeriveKeys())
        {
            return Fail("INVALID_KEY_INFORMATION", ikev1::INVALID_KEY_INFORMATION);
        }
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_SA, EncodeIkev1Phase1Choice(m_chosen)));
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_KE, Ikev1RawPayload{m_gxr}));
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_NONCE, Ikev1RawPayload{m_nr}));
        out.push_back(Ikev1Payload::Make(ikev1::PAYLOAD_ID, OwnId()));
        m_ownIdBody = Ikev1PayloadBody(out.back());
        AddCertReqs(out);
        AddVendorIds(out);
        AddAuthPayloads(false, out);
        reply(out, false, true);
        return {m_p1Sent};
    }
    if (!main && m_initiator && expected == 2)
    {
        const Ikev1Payload* sa = FindIkev1Payload(in, ikev1::PAYLOAD_SA);
        if (!sa || !std::get_if<Ikev1SaPayload>(&sa->body))
        {
            return Drop("missing SA payload");
        }
        if (!CheckChoice(std::get<Ikev1SaPayload>(sa->body), error))
        {
            return Drop(error);
        }
        m_keyInfo.cookieR = message.header.responderSpi;
        if (!TakeKeNonce(in, error))
        {
            return Drop(error);
        }
        accept();
        ReadVendorIds(in);
        if (!DeriveKeys())
        {
            return Fail("INVALID_KEY_INFORMATION", ikev1::INVALID_KEY_INFORMATION);
        }
        if (!ReadPeerId(in, error))
        {
            return Fail(error, ikev1::INVALID_ID_INFORMATION);
        }
        if (!CheckPeerAuth(in, error))
        {
            // HASH_R does not verify: the pre-shared keys differ (or it was forged).
            return Fail(error, ikev1::AUTHENTICATION_FAILED);
        }
        AddAuthPayloads(true, out);
        // Nothing answers message 3: a lost one comes back as message 2 again.
        reply(out, true, false);
        std::vector<std::vector<uint8_t>> sent = {m_p1Sent};
        for (auto& m : Established())
        {
            sent.push_back(std::move(m));
        }
        return sent;
    }
    if (!main && !m_initiator && expected == 3)
    {
        if (!CheckPeerAuth(in, error))
        {
            return Fail(error, ikev1::AUTHENTICATION_FAILED);
        }
        accept();
        m_step = 3;
        return Established();
    }
    return Drop("unexpected-phase-1-message");
}

} // namespace ipsec
} // namespace ns3
