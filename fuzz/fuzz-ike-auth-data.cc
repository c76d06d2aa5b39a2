// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * libFuzzer target: what IKE authentication reads from a peer. Byte 0 picks the reader, the
 * rest is its input:
 *  - 0: a CERT payload's data: parsed as DER, checked for identities, its chain validated to a
 *    CA, and the whole peer check (Ikev2VerifyPubkeyPeer) run on it with a random AUTH;
 *  - 1: method-14 AUTH data (RFC 7427), verified with a key of each type;
 *  - 2: classic AUTH data (methods 1, 9, 10, 11), verified with keys of each type;
 *  - 3: a DER Ecdsa-Sig-Value converted to r | s;
 *  - 4, 5: up to four EAP messages (each a length byte, then its bytes) to an EAP-MD5 or
 *    EAP-MSCHAPv2 server (4) or peer (5).
 * Nothing may crash or assert; no random input may verify, pass a certificate check or make
 * the EAP server succeed.
 */

#include "fuzz-common.h"

#include "ns3/ike-certificate-helper.h"
#include "ns3/ikev2-eap-auth.h"
#include "ns3/ikev2-pubkey-auth.h"

#include <memory>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::fuzz;

namespace
{

/// A CA, a credential it issued, and a key of each scheme, made once.
struct Keys
{
    std::unique_ptr<IkeCertificateHelper> pki;
    std::shared_ptr<IkeCredential> credential;
    std::vector<PkeyPtr> keys;
};

Keys&
TheKeys()
{
    static Keys k = [] {
        Keys out;
        out.pki = std::make_unique<IkeCertificateHelper>("ecdsa256");
        out.pki->AssignStreams(1);
        out.credential = out.pki->Issue("gw", {IkeIdentity::Fqdn("gw.example")});
        uint8_t counter = 0;
        for (const auto& scheme : {"rsa2048", "ecdsa256", "ecdsa384", "ecdsa521", "ed25519"})
        {
            out.keys.push_back(GenerateIkePrivateKey(scheme, [&counter](uint8_t* o, size_t n) {
                for (size_t i = 0; i < n; i++)
                {
                    o[i] = static_cast<uint8_t>(counter++ * 37 + 11);
                }
            }));
        }
        return out;
    }();
    return k;
}

/// Up to four length-prefixed messages.
std::vector<std::vector<uint8_t>>
Messages(Reader& in)
{
    std::vector<std::vector<uint8_t>> out;
    while (in.size > 0 && out.size() < 4)
    {
        const size_t n = std::min<size_t>(in.U8(), in.size);
        out.emplace_back(in.data, in.data + n);
        in.data += n;
        in.size -= n;
    }
    return out;
}

void
Fill(uint8_t* o, size_t n)
{
    for (size_t i = 0; i < n; i++)
    {
        o[i] = static_cast<uint8_t>(i * 13 + 5);
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Keys& k = TheKeys();
    Reader in{data, size};
    const uint8_t mode = in.U8() % 6;
    const std::vector<uint8_t> octets(64, 0x5a);
    if (mode == 4 || mode == 5)
    {
        const IkeAuthMethod method =
            (in.U8() & 1) ? IkeAuthMethod::EAP_MSCHAPV2 : IkeAuthMethod::EAP_MD5;
        std::vector<uint8_t> out;
        std::string why;
        if (mode == 4)
        {
            Ikev2EapServer server(method, {{"alice", "secret"}}, Fill);
            server.Start();
            for (const auto& m : Messages(in))
            {
                if (server.Process(m, out, why) == EapStep::SUCCESS)
                {
                    Fail("the EAP server accepted a peer that does not know the password");
                }
            }
        }
        else
        {
            Ikev2EapClient client(method, "alice", "secret", Fill);
            for (const auto& m : Messages(in))
            {
                client.Process(m, out, why);
            }
        }
        return 0;
    }
    const std::vector<uint8_t> rest = in.Rest();
    switch (mode)
    {
    case 0: {
        X509Ptr cert = ParseCertificateDer(rest);
        if (cert)
        {
            CertificateSubjectText(cert.get());
            CertificateHasIdentity(IkeIdentity::Fqdn("gw.example"), cert.get());
            CertificateHasIdentity(IkeIdentity::Ipv4(Ipv4Address("10.0.0.1")), cert.get());
            CertificateHasIdentity(CertificateSubjectId(cert.get()), cert.get());
            IkeIdentityText(CertificateSubjectId(cert.get()));
            std::string why;
            if (VerifyCertificateChain(cert.get(),
                                       {},
                                       k.credential->trustedCas,
                                       IKE_DEFAULT_EPOCH,
                                       why) &&
                CertificateDer(cert.get()) != CertificateDer(k.credential->certificate.get()) &&
                CertificateDer(cert.get()) != CertificateDer(k.credential->trustedCas[0].get()))
            {
                Fail("a certificate the CA never issued passed its chain check");
            }
        }
        std::vector<uint8_t> body = {CERT_X509_SIGNATURE};
        body.insert(body.end(), rest.begin(), rest.end());
        std::vector<IkeCryptoJob> jobs;
        std::string subject;
        const std::string why = Ikev2VerifyPubkeyPeer(
            *k.credential,
            IkeIdentity::Any(),
            {Ikev2Payload::Make(ikev2::PAYLOAD_CERT, Ikev2RawPayload{body})},
            Ikev2IdPayload{ikev2::ID_FQDN, {'g', 'w', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e'}},
            Ikev2AuthPayload{ikev2::AUTH_DIGITAL_SIG,
                             std::vector<uint8_t>(rest.begin(), rest.end())},
            octets,
            IKE_DEFAULT_EPOCH,
            jobs,
            subject);
        if (why.empty())
        {
            Fail("a peer check passed with a random AUTH");
        }
        break;
    }
    case 1:
        for (const auto& key : k.keys)
        {
            IkeHash used = IkeHash::SHA1;
            if (Ikev2VerifyDigitalSignatureAuth(key.get(), rest, octets, used))
            {
                Fail("random method-14 AUTH data verified");
            }
        }
        break;
    case 2:
        for (const auto& key : k.keys)
        {
            for (uint8_t method : {1, 9, 10, 11})
            {
                if (Ikev2VerifyClassicSignatureAuth(key.get(), method, rest, octets))
                {
                    Fail("random classic AUTH data verified");
                }
            }
        }
        break;
    default:
        for (size_t half : {32, 48, 66})
        {
            const auto rs = EcdsaDerToRaw(rest, half);
            if (!rs.empty() && rs.size() != 2 * half)
            {
                Fail("EcdsaDerToRaw returned a value of the wrong length");
            }
        }
        break;
    }
    return 0;
}
