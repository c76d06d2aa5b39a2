// SPDX-License-Identifier: GPL-2.0-only
#include "ike-credential.h"

#include "ike-signature.h"
#include "ipsec-config-error.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

namespace ns3
{
namespace ipsec
{

namespace
{

using StorePtr = OpensslPtr<X509_STORE, X509_STORE_free>;            ///< owned store
using StoreCtxPtr = OpensslPtr<X509_STORE_CTX, X509_STORE_CTX_free>; ///< owned store context
using NamesPtr = OpensslPtr<GENERAL_NAMES, GENERAL_NAMES_free>;      ///< owned names

/// Free a STACK_OF(X509) without freeing the certificates it points to.
void
FreeStack(STACK_OF(X509) * s)
{
    sk_X509_free(s);
}

using StackPtr = OpensslPtr<STACK_OF(X509), FreeStack>; ///< owned stack (not its certificates)

bool
EqualNoCase(const uint8_t* a, size_t na, const std::vector<uint8_t>& b)
{
    if (na != b.size())
    {
        return false;
    }
    for (size_t i = 0; i < na; ++i)
    {
        if (std::tolower(a[i]) != std::tolower(b[i]))
        {
            return false;
        }
    }
    return true;
}

} // namespace

void
IkeCredential::Validate() const
{
    if (!privateKey)
    {
        throw ConfigError("an IKE certificate credential has no private key");
    }
    if (IkeKeyScheme(privateKey.get()).empty())
    {
        throw ConfigError("an IKE credential's private key is of a type or size this module "
                          "cannot sign with (use RSA 2048/3072, ECDSA P-256/384/521 or Ed25519)");
    }
    if (!certificate)
    {
        throw ConfigError("an IKE certificate credential has no certificate");
    }
    if (X509_check_private_key(certificate.get(), privateKey.get()) != 1)
    {
        throw ConfigError("the private key of the IKE credential of " +
                          CertificateSubjectText(certificate.get()) +
                          " is not the key of its certificate");
    }
}

std::vector<uint8_t>
CertificateDer(const X509* cert)
{
    const int n = i2d_X509(cert, nullptr);
    if (n <= 0)
    {
        return {};
    }
    std::vector<uint8_t> der(static_cast<size_t>(n));
    uint8_t* p = der.data();
    i2d_X509(cert, &p);
    return der;
}

X509Ptr
ParseCertificateDer(ByteSpan der)
{
    if (der.size == 0 || der.size > static_cast<size_t>(std::numeric_limits<long>::max()))
    {
        return nullptr;
    }
    const uint8_t* p = der.data;
    X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size)));
    if (!cert || p != der.data + der.size)
    {
        ERR_clear_error();
        return nullptr;
    }
    return cert;
}

std::vector<uint8_t>
CertReqAuthorities(const std::vector<X509Ptr>& cas)
{
    std::vector<uint8_t> out;
    for (const auto& ca : cas)
    {
        // RFC 7296 §3.7: "the SHA-1 hash of the Subject Public Key Info element"
        const X509_PUBKEY* spki = X509_get_X509_PUBKEY(ca.get());
        uint8_t* der = nullptr;
        const int n = i2d_X509_PUBKEY(spki, &der);
        if (n <= 0)
        {
            continue;
        }
        uint8_t hash[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        if (EVP_Digest(der, static_cast<size_t>(n), hash, &len, EVP_sha1(), nullptr) == 1)
        {
            out.insert(out.end(), hash, hash + len);
        }
        OPENSSL_free(der);
    }
    return out;
}

bool
VerifyCertificateChain(const X509* cert,
                       const std::vector<X509Ptr>& intermediates,
                       const std::vector<X509Ptr>& trusted,
                       int64_t when,
                       std::string& why,
                       std::vector<std::pair<std::string, size_t>>* signatures)
{
    StorePtr store(X509_STORE_new());
    StackPtr chain(sk_X509_new_null());
    StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!store || !chain || !ctx)
    {
        why = "out of memory";
        return false;
    }
    for (const auto& ca : trusted)
    {
        X509_STORE_add_cert(store.get(), ca.get());
    }
    for (const auto& c : intermediates)
    {
        sk_X509_push(chain.get(), c.get());
    }
    if (X509_STORE_CTX_init(ctx.get(), store.get(), const_cast<X509*>(cert), chain.get()) != 1)
    {
        ERR_clear_error();
        why = "cannot set up the certificate check";
        return false;
    }
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
    X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(when));
    const bool ok = X509_verify_cert(ctx.get()) == 1;
    if (!ok)
    {
        why = X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
    }
    else if (signatures)
    {
        // chain[0] is the peer's certificate, each signed by the next; the last is the
        // trust anchor, whose own signature OpenSSL does not check
        STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
        signatures->clear();
        for (int i = 0; i + 1 < sk_X509_num(chain); ++i)
        {
            const X509* c = sk_X509_value(chain, i);
            const int size = i2d_X509(c, nullptr);
            signatures->emplace_back(IkeKeyScheme(X509_get0_pubkey(sk_X509_value(chain, i + 1))),
                                     static_cast<size_t>(std::max(size, 0)));
        }
    }
    ERR_clear_error();
    return ok;
}

bool
CertificateHasIdentity(const IkeIdentity& id, const X509* cert)
{
    if (id.type == ikev2::ID_DER_ASN1_DN)
    {
        return CertificateSubjectId(cert).data == id.data;
    }
    int wanted = -1;
    switch (id.type)
    {
    case ikev2::ID_FQDN:
        wanted = GEN_DNS;
        break;
    case ikev2::ID_RFC822_ADDR:
        wanted = GEN_EMAIL;
        break;
    case ikev2::ID_IPV4_ADDR:
        wanted = GEN_IPADD;
        break;
    default:
        return false;
    }
    NamesPtr names(static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
    if (!names)
    {
        return false;
    }
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i)
    {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
        if (name->type != wanted)
        {
            continue;
        }
        const ASN1_STRING* s = wanted == GEN_DNS     ? name->d.dNSName
                               : wanted == GEN_EMAIL ? name->d.rfc822Name
                                                     : name->d.iPAddress;
        const uint8_t* data = ASN1_STRING_get0_data(s);
        const auto len = static_cast<size_t>(ASN1_STRING_length(s));
        if (wanted == GEN_IPADD
                ? (len == id.data.size() && std::equal(data, data + len, id.data.begin()))
                : EqualNoCase(data, len, id.data))
        {
            return true;
        }
    }
    return false;
}

IkeIdentity
CertificateSubjectId(const X509* cert)
{
    IkeIdentity id;
    id.type = ikev2::ID_DER_ASN1_DN;
    uint8_t* der = nullptr;
    const int n = i2d_X509_NAME(X509_get_subject_name(cert), &der);
    if (n > 0)
    {
        id.data.assign(der, der + n);
    }
    OPENSSL_free(der);
    return id;
}

namespace
{

/// A name in strongSwan's one-line form: "C=CH, O=ns3-ipsec, CN=gwA".
std::string
NameText(const X509_NAME* name)
{
    std::string out;
    for (int i = 0; i < X509_NAME_entry_count(name); ++i)
    {
        const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
        const int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(e));
        const char* sn = nid == NID_undef ? "?" : OBJ_nid2sn(nid);
        const ASN1_STRING* v = X509_NAME_ENTRY_get_data(e);
        const auto* d = reinterpret_cast<const char*>(ASN1_STRING_get0_data(v));
        out += (out.empty() ? "" : ", ") + std::string(sn) + "=" +
               std::string(d, static_cast<size_t>(ASN1_STRING_length(v)));
    }
    return out;
}

} // namespace

std::string
CertificateSubjectText(const X509* cert)
{
    return NameText(X509_get_subject_name(cert));
}

std::string
IkeIdentityText(const IkeIdentity& id)
{
    switch (id.type)
    {
    case 0:
        return "%any";
    case ikev2::ID_IPV4_ADDR:
        if (id.data.size() == 4)
        {
            return std::to_string(id.data[0]) + "." + std::to_string(id.data[1]) + "." +
                   std::to_string(id.data[2]) + "." + std::to_string(id.data[3]);
        }
        break;
    case ikev2::ID_FQDN:
    case ikev2::ID_RFC822_ADDR:
        return std::string(id.data.begin(), id.data.end());
    case ikev2::ID_DER_ASN1_DN: {
        const uint8_t* p = id.data.data();
        OpensslPtr<X509_NAME, X509_NAME_free> name(
            d2i_X509_NAME(nullptr, &p, static_cast<long>(id.data.size())));
        if (name)
        {
            return NameText(name.get());
        }
        ERR_clear_error();
        break;
    }
    default:
        break;
    }
    return "ID type " + std::to_string(id.type) + " (" + std::to_string(id.data.size()) + " bytes)";
}

std::string
CheckPeerCertificates(const IkeCredential& credential,
                      const std::vector<ByteSpan>& certPayloads,
                      const IkeIdentity& peerId,
                      const IkeIdentity& expected,
                      int64_t when,
                      std::vector<std::pair<std::string, size_t>>& signatures,
                      X509Ptr& cert)
{
    cert.reset();
    std::vector<X509Ptr> intermediates;
    for (const ByteSpan& body : certPayloads)
    {
        if (body.size == 0 || body.data[0] != CERT_X509_SIGNATURE)
        {
            continue; // another encoding: not one this end reads (strongSwan skips it too)
        }
        X509Ptr c = ParseCertificateDer(ByteSpan(body.data + 1, body.size - 1));
        if (!c)
        {
            return "a CERT payload is not a DER X.509 certificate";
        }
        if (cert)
        {
            intermediates.push_back(std::move(c));
        }
        else
        {
            cert = std::move(c);
        }
    }
    if (!cert)
    {
        return "no X.509 certificate (CERT encoding 4) from the peer";
    }
    const std::string name = CertificateSubjectText(cert.get());
    std::string why;
    if (!VerifyCertificateChain(cert.get(),
                                intermediates,
                                credential.trustedCas,
                                when,
                                why,
                                &signatures))
    {
        return "certificate \"" + name + "\": " + why;
    }
    if (!CertificateHasIdentity(peerId, cert.get()))
    {
        return "certificate \"" + name + "\" does not vouch for the identity " +
               IkeIdentityText(peerId);
    }
    if (!expected.IsAny() && !(peerId == expected))
    {
        return "the peer's identity " + IkeIdentityText(peerId) + " is not the configured " +
               IkeIdentityText(expected);
    }
    if (IkeKeyScheme(X509_get0_pubkey(cert.get())).empty())
    {
        return "certificate \"" + name + "\" has a key of a type this module cannot verify";
    }
    return "";
}

} // namespace ipsec
} // namespace ns3
