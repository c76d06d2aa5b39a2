// SPDX-License-Identifier: GPL-2.0-only
#include "ikev2-pubkey-auth.h"

#include "ipsec-crypto-operation.h"

#include <algorithm>

namespace ns3
{
namespace ipsec
{

namespace
{

void
Charge(std::vector<IkeCryptoJob>& jobs, std::string operation, size_t bytes)
{
    jobs.push_back({std::move(operation), static_cast<uint32_t>(bytes)});
}

bool
Announced(const std::vector<uint16_t>& peerHashes, IkeHash hash)
{
    return std::find(peerHashes.begin(), peerHashes.end(), static_cast<uint16_t>(hash)) !=
           peerHashes.end();
}

Ikev2Payload
CertPayload(uint8_t type, const std::vector<uint8_t>& data)
{
    Ikev2RawPayload body;
    body.body.reserve(1 + data.size());
    body.body.push_back(CERT_X509_SIGNATURE);
    body.body.insert(body.body.end(), data.begin(), data.end());
    return Ikev2Payload::Make(type, body);
}

} // namespace

const std::vector<IkeHash>&
Ikev2AnnouncedHashes()
{
    static const std::vector<IkeHash> hashes = {IkeHash::SHA256,
                                                IkeHash::SHA384,
                                                IkeHash::SHA512,
                                                IkeHash::IDENTITY};
    return hashes;
}

bool
Ikev2UsesSignatures(const IkePeerConfig& config)
{
    return config.localAuth == IkeAuthMethod::PUBKEY || config.remoteAuth == IkeAuthMethod::PUBKEY;
}

bool
Ikev2AnnouncesHashes(const IkePeerConfig& config)
{
    return Ikev2UsesSignatures(config) && config.signatureAuthentication;
}

Ikev2Payload
MakeIkev2SignatureHashNotify()
{
    std::vector<uint8_t> data;
    for (IkeHash h : Ikev2AnnouncedHashes())
    {
        const auto v = static_cast<uint16_t>(h);
        data.push_back(static_cast<uint8_t>(v >> 8));
        data.push_back(static_cast<uint8_t>(v));
    }
    return MakeIkev2Notify(ikev2::SIGNATURE_HASH_ALGORITHMS, data);
}

std::vector<uint16_t>
ReadIkev2SignatureHashes(const std::vector<Ikev2Payload>& payloads)
{
    std::vector<uint16_t> hashes;
    if (const auto* n = FindIkev2Notify(payloads, ikev2::SIGNATURE_HASH_ALGORITHMS))
    {
        for (size_t i = 0; i + 1 < n->data.size(); i += 2)
        {
            hashes.push_back(static_cast<uint16_t>(n->data[i] << 8 | n->data[i + 1]));
        }
    }
    return hashes;
}

Ikev2Payload
MakeIkev2CertReq(const IkeCredential& credential)
{
    return CertPayload(ikev2::PAYLOAD_CERTREQ, CertReqAuthorities(credential.trustedCas));
}

void
AppendIkev2Certs(const IkeCredential& credential, std::vector<Ikev2Payload>& out)
{
    out.push_back(CertPayload(ikev2::PAYLOAD_CERT, CertificateDer(credential.certificate.get())));
    for (const auto& c : credential.intermediates)
    {
        out.push_back(CertPayload(ikev2::PAYLOAD_CERT, CertificateDer(c.get())));
    }
}

Ikev2AuthPayload
Ikev2SignAuth(const IkeCredential& credential,
              const std::vector<uint16_t>& peerHashes,
              ByteSpan octets,
              std::vector<IkeCryptoJob>& jobs)
{
    const EVP_PKEY* key = credential.privateKey.get();
    Charge(jobs, SignOperation(IkeKeyScheme(key)), octets.size);
    const IkeHash preferred = DefaultIkeHash(key);
    std::vector<IkeHash> candidates = {preferred};
    if (preferred != IkeHash::IDENTITY)
    {
        candidates.insert(candidates.end(), {IkeHash::SHA256, IkeHash::SHA384, IkeHash::SHA512});
    }
    for (IkeHash h : candidates)
    {
        if (Announced(peerHashes, h))
        {
            return {ikev2::AUTH_DIGITAL_SIG, Ikev2DigitalSignatureAuth(key, h, octets)};
        }
    }
    const uint8_t classic = Ikev2ClassicAuthMethod(key);
    if (classic == 0)
    {
        // Ed25519 has only method 14: sign with it and let the peer decide (strongSwan fails)
        return {ikev2::AUTH_DIGITAL_SIG, Ikev2DigitalSignatureAuth(key, preferred, octets)};
    }
    return {classic, Ikev2ClassicSignatureAuth(key, classic, octets)};
}

std::string
Ikev2VerifyPubkeyPeer(const IkeCredential& credential,
                      const IkeIdentity& expected,
                      const std::vector<Ikev2Payload>& in,
                      const Ikev2IdPayload& id,
                      const Ikev2AuthPayload& auth,
                      ByteSpan octets,
                      int64_t when,
                      std::vector<IkeCryptoJob>& jobs,
                      std::string& subject)
{
    if (auth.method == ikev2::AUTH_SHARED_KEY)
    {
        return "AUTH method 2 (shared key), but the peer must authenticate with a certificate";
    }
    std::vector<ByteSpan> certs;
    for (const auto& p : in)
    {
        const auto* raw = std::get_if<Ikev2RawPayload>(&p.body);
        if (p.type == ikev2::PAYLOAD_CERT && raw)
        {
            certs.emplace_back(raw->body);
        }
    }
    X509Ptr cert;
    std::vector<std::pair<std::string, size_t>> signatures;
    const std::string why = CheckPeerCertificates(credential,
                                                  certs,
                                                  IkeIdentity{id.idType, id.data},
                                                  expected,
                                                  when,
                                                  signatures,
                                                  cert);
    for (const auto& [scheme, bytes] : signatures)
    {
        Charge(jobs, VerifyOperation(scheme), bytes);
    }
    if (!why.empty())
    {
        return why;
    }
    const std::string name = CertificateSubjectText(cert.get());
    const EVP_PKEY* key = X509_get0_pubkey(cert.get());
    const std::string scheme = IkeKeyScheme(key); // CheckPeerCertificates made sure it has one
    Charge(jobs, VerifyOperation(scheme), octets.size);
    bool ok = false;
    if (auth.method == ikev2::AUTH_DIGITAL_SIG)
    {
        IkeHash used = IkeHash::SHA1;
        ok = Ikev2VerifyDigitalSignatureAuth(key, auth.data, octets, used) &&
             std::find(Ikev2AnnouncedHashes().begin(), Ikev2AnnouncedHashes().end(), used) !=
                 Ikev2AnnouncedHashes().end();
    }
    else
    {
        ok = Ikev2VerifyClassicSignatureAuth(key, auth.method, auth.data, octets);
    }
    if (!ok)
    {
        return "AUTH (method " + std::to_string(auth.method) + ") does not verify with the " +
               scheme + " key of \"" + name + "\"";
    }
    subject = name;
    return "";
}

} // namespace ipsec
} // namespace ns3
