// SPDX-License-Identifier: GPL-2.0-only
#include "ike-certificate-helper.h"

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-random-bytes.h"

#include <cstdio>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace ns3
{
namespace ipsec
{

namespace
{

using NamePtr = OpensslPtr<X509_NAME, X509_NAME_free>;          ///< owned name
using NamesPtr = OpensslPtr<GENERAL_NAMES, GENERAL_NAMES_free>; ///< owned names
using ExtPtr = OpensslPtr<X509_EXTENSION, X509_EXTENSION_free>; ///< owned extension
using BioPtr = OpensslPtr<BIO, BIO_free_all>;                   ///< owned BIO

constexpr int64_t DAY = 86400;
constexpr int64_t YEAR = 365 * DAY;

std::string
Trim(const std::string& s)
{
    const size_t a = s.find_first_not_of(' ');
    const size_t b = s.find_last_not_of(' ');
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

/// "C=CH, O=ns3-ipsec, CN=gwA" as an X509_NAME (strongSwan's DN syntax, commas only).
NamePtr
ParseDn(const std::string& dn)
{
    NamePtr name(X509_NAME_new());
    size_t start = 0;
    while (start <= dn.size())
    {
        const size_t comma = dn.find(',', start);
        const std::string part =
            Trim(dn.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        const size_t eq = part.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == part.size() ||
            X509_NAME_add_entry_by_txt(
                name.get(),
                Trim(part.substr(0, eq)).c_str(),
                MBSTRING_UTF8,
                reinterpret_cast<const unsigned char*>(Trim(part.substr(eq + 1)).c_str()),
                -1,
                -1,
                0) != 1)
        {
            ERR_clear_error();
            throw ConfigError("the distinguished name \"" + dn + "\" has a malformed part \"" +
                              part + "\" (write it as \"C=CH, O=ns3-ipsec, CN=gw\")");
        }
        if (comma == std::string::npos)
        {
            break;
        }
        start = comma + 1;
    }
    return name;
}

/// subjectAltName entries for identities.
NamesPtr
AltNames(const std::vector<IkeIdentity>& ids)
{
    NamesPtr names(sk_GENERAL_NAME_new_null());
    for (const auto& id : ids)
    {
        GENERAL_NAME* g = GENERAL_NAME_new();
        ASN1_STRING* s = nullptr;
        switch (id.type)
        {
        case ikev2::ID_FQDN:
            g->type = GEN_DNS;
            s = ASN1_IA5STRING_new();
            break;
        case ikev2::ID_RFC822_ADDR:
            g->type = GEN_EMAIL;
            s = ASN1_IA5STRING_new();
            break;
        case ikev2::ID_IPV4_ADDR:
            g->type = GEN_IPADD;
            s = ASN1_OCTET_STRING_new();
            break;
        default:
            GENERAL_NAME_free(g);
            throw ConfigError("a certificate's subjectAltName can hold FQDN, RFC822 and IPv4 "
                              "identities, not ID type " +
                              std::to_string(id.type));
        }
        ASN1_STRING_set(s, id.data.data(), static_cast<int>(id.data.size()));
        g->d.ia5 = s; // the union's members are all ASN1_STRING
        sk_GENERAL_NAME_push(names.get(), g);
    }
    return names;
}

void
AddExtension(X509* cert, X509V3_CTX* ctx, int nid, const char* value)
{
    ExtPtr ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value));
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1)
    {
        ERR_clear_error();
        throw ConfigError(std::string("cannot add the certificate extension ") + OBJ_nid2sn(nid) +
                          " = " + value);
    }
}

void
AppendDerLength(std::vector<uint8_t>& out, size_t n)
{
    if (n < 0x80)
    {
        out.push_back(static_cast<uint8_t>(n));
        return;
    }
    std::vector<uint8_t> len;
    for (size_t v = n; v != 0; v >>= 8)
    {
        len.insert(len.begin(), static_cast<uint8_t>(v));
    }
    out.push_back(static_cast<uint8_t>(0x80 | len.size()));
    out.insert(out.end(), len.begin(), len.end());
}

template <typename T, int (*I2d)(const T*, unsigned char**)>
std::vector<uint8_t>
Der(const T* object)
{
    unsigned char* p = nullptr;
    const int n = I2d(object, &p);
    std::vector<uint8_t> out;
    if (n > 0)
    {
        out.assign(p, p + n);
    }
    OPENSSL_free(p);
    return out;
}

/// Sign a prepared certificate deterministically: OpenSSL's X509_sign sets the signature
/// algorithm (in the TBSCertificate and outside it) but would sign ECDSA with a random
/// nonce; the signature is made again over the TBSCertificate with IkeSign (RFC 6979) and the
/// Certificate SEQUENCE put together from its three parts (RFC 5280 §4.1).
X509Ptr
SignDeterministically(X509* cert, const EVP_PKEY* issuerKey)
{
    const IkeHash hash = DefaultIkeHash(issuerKey);
    if (X509_sign(cert, const_cast<EVP_PKEY*>(issuerKey), IkeHashDigest(hash)) <= 0)
    {
        ERR_clear_error();
        throw ConfigError("OpenSSL cannot sign a certificate with a " + IkeKeyScheme(issuerKey) +
                          " key");
    }
    unsigned char* tbsDer = nullptr;
    const int tbsLen = i2d_re_X509_tbs(cert, &tbsDer);
    std::vector<uint8_t> tbs(tbsDer, tbsDer + std::max(tbsLen, 0));
    OPENSSL_free(tbsDer);
    const X509_ALGOR* alg = nullptr;
    X509_get0_signature(nullptr, &alg, cert);
    const std::vector<uint8_t> algDer = Der<X509_ALGOR, i2d_X509_ALGOR>(alg);
    std::vector<uint8_t> sig = IkeSign(issuerKey, hash, tbs);
    if (EVP_PKEY_get_base_id(issuerKey) == EVP_PKEY_EC)
    {
        sig = EcdsaRawToDer(sig);
    }
    if (tbs.empty() || algDer.empty() || sig.empty())
    {
        throw ConfigError("cannot sign a certificate with a " + IkeKeyScheme(issuerKey) + " key");
    }
    std::vector<uint8_t> body = tbs;
    body.insert(body.end(), algDer.begin(), algDer.end());
    body.push_back(0x03); // BIT STRING: no unused bits, then the signature
    AppendDerLength(body, sig.size() + 1);
    body.push_back(0x00);
    body.insert(body.end(), sig.begin(), sig.end());
    std::vector<uint8_t> der{0x30};
    AppendDerLength(der, body.size());
    der.insert(der.end(), body.begin(), body.end());
    X509Ptr out = ParseCertificateDer(der);
    if (!out)
    {
        throw ConfigError("a certificate put together from its parts does not parse");
    }
    return out;
}

} // namespace

X509Ptr
MakeIkeCertificate(const IkeCertificateSpec& spec,
                   const EVP_PKEY* subjectKey,
                   const X509* issuer,
                   const EVP_PKEY* issuerKey)
{
    if (IkeKeyScheme(issuerKey).empty() || IkeKeyScheme(subjectKey).empty())
    {
        throw ConfigError("certificates are made for and signed with RSA 2048/3072, ECDSA "
                          "P-256/384/521 or Ed25519 keys");
    }
    if (spec.notAfter <= spec.notBefore)
    {
        throw ConfigError("a certificate's notAfter must come after its notBefore");
    }
    X509Ptr cert(X509_new());
    NamePtr subject = ParseDn(spec.subject);
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert.get()), spec.serial);
    X509_set_subject_name(cert.get(), subject.get());
    X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : subject.get());
    ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(spec.notBefore));
    ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(spec.notAfter));
    X509_set_pubkey(cert.get(), const_cast<EVP_PKEY*>(subjectKey));

    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx,
                   const_cast<X509*>(issuer ? issuer : cert.get()),
                   cert.get(),
                   nullptr,
                   nullptr,
                   0);
    AddExtension(cert.get(),
                 &ctx,
                 NID_basic_constraints,
                 spec.ca ? "critical,CA:TRUE" : "CA:FALSE");
    AddExtension(cert.get(),
                 &ctx,
                 NID_key_usage,
                 spec.ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
    AddExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash");
    AddExtension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always");
    if (!spec.altNames.empty())
    {
        NamesPtr names = AltNames(spec.altNames);
        X509_add1_ext_i2d(cert.get(), NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT);
    }
    return SignDeterministically(cert.get(), issuerKey);
}

IkeCertificateHelper::IkeCertificateHelper(const std::string& scheme, const std::string& caName)
    : m_scheme(scheme),
      m_caName(caName),
      m_notBefore(IKE_DEFAULT_EPOCH - DAY),
      m_notAfter(IKE_DEFAULT_EPOCH + 5 * YEAR)
{
    const auto& schemes = GetIkeKeySchemes();
    if (std::find(schemes.begin(), schemes.end(), scheme) == schemes.end())
    {
        std::string known;
        for (const auto& s : schemes)
        {
            known += (known.empty() ? "" : ", ") + s;
        }
        throw ConfigError("unknown certificate key type \"" + scheme + "\" (known: " + known + ")");
    }
    ParseDn(caName); // fail early on a malformed name
}

void
IkeCertificateHelper::SetValidity(int64_t notBefore, int64_t notAfter)
{
    if (notAfter <= notBefore)
    {
        throw ConfigError("IkeCertificateHelper::SetValidity: notAfter must come after "
                          "notBefore");
    }
    m_notBefore = notBefore;
    m_notAfter = notAfter;
}

int64_t
IkeCertificateHelper::AssignStreams(int64_t stream)
{
    Random()->SetStream(stream);
    return 1;
}

Ptr<UniformRandomVariable>
IkeCertificateHelper::Random()
{
    if (!m_random)
    {
        m_random = CreateObject<UniformRandomVariable>();
    }
    return m_random;
}

PkeyPtr
IkeCertificateHelper::NewKey()
{
    Ptr<UniformRandomVariable> random = Random();
    return GenerateIkePrivateKey(m_scheme, [random](uint8_t* out, size_t n) {
        FillRandomBytes(random, out, n);
    });
}

const std::string&
IkeCertificateHelper::GetScheme() const
{
    return m_scheme;
}

void
IkeCertificateHelper::MakeCa()
{
    if (m_ca)
    {
        return;
    }
    m_caKey = NewKey();
    IkeCertificateSpec spec;
    spec.subject = m_caName;
    spec.ca = true;
    spec.notBefore = IKE_DEFAULT_EPOCH - YEAR;
    spec.notAfter = IKE_DEFAULT_EPOCH + 10 * YEAR;
    spec.serial = m_serial;
    m_ca = MakeIkeCertificate(spec, m_caKey.get(), nullptr, m_caKey.get());
}

const X509*
IkeCertificateHelper::GetCaCertificate()
{
    MakeCa();
    return m_ca.get();
}

std::shared_ptr<IkeCredential>
IkeCertificateHelper::Issue(const std::string& commonName, const std::vector<IkeIdentity>& altNames)
{
    MakeCa();
    auto c = std::make_shared<IkeCredential>();
    c->privateKey = NewKey();
    IkeCertificateSpec spec;
    spec.subject = "C=CH, O=ns3-ipsec, CN=" + commonName;
    spec.altNames = altNames;
    spec.notBefore = m_notBefore;
    spec.notAfter = m_notAfter;
    spec.serial = ++m_serial;
    c->certificate = MakeIkeCertificate(spec, c->privateKey.get(), m_ca.get(), m_caKey.get());
    c->trustedCas.emplace_back(X509_dup(m_ca.get()));
    c->Validate();
    return c;
}

namespace
{

void
WriteFile(const std::string& path, const std::function<bool(BIO*)>& write)
{
    BioPtr bio(BIO_new_file(path.c_str(), "w"));
    if (!bio || !write(bio.get()))
    {
        ERR_clear_error();
        throw ConfigError("cannot write " + path);
    }
}

BioPtr
OpenFile(const std::string& path)
{
    BioPtr bio(BIO_new_file(path.c_str(), "r"));
    if (!bio)
    {
        ERR_clear_error();
        throw ConfigError("cannot read the PEM file " + path);
    }
    return bio;
}

/// Every certificate in a PEM file, in order.
std::vector<X509Ptr>
ReadCertificates(const std::string& path)
{
    BioPtr bio = OpenFile(path);
    std::vector<X509Ptr> certs;
    while (X509* c = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
    {
        certs.emplace_back(c);
    }
    ERR_clear_error(); // the end of the file
    if (certs.empty())
    {
        throw ConfigError("the file " + path + " holds no PEM certificate");
    }
    return certs;
}

} // namespace

void
IkeCertificateHelper::WritePem(const IkeCredential& credential, const std::string& prefix)
{
    MakeCa();
    WriteFile(prefix + "ca.pem", [this](BIO* b) { return PEM_write_bio_X509(b, m_ca.get()); });
    WriteFile(prefix + "cert.pem", [&credential](BIO* b) {
        return PEM_write_bio_X509(b, credential.certificate.get());
    });
    WriteFile(prefix + "key.pem", [&credential](BIO* b) {
        return PEM_write_bio_PrivateKey(b,
                                        credential.privateKey.get(),
                                        nullptr,
                                        nullptr,
                                        0,
                                        nullptr,
                                        nullptr);
    });
}

std::shared_ptr<IkeCredential>
IkeCertificateHelper::LoadPem(const std::string& certFile,
                              const std::string& keyFile,
                              const std::vector<std::string>& caFiles)
{
    auto c = std::make_shared<IkeCredential>();
    auto certs = ReadCertificates(certFile);
    c->certificate = std::move(certs.front());
    for (size_t i = 1; i < certs.size(); ++i)
    {
        c->intermediates.push_back(std::move(certs[i]));
    }
    BioPtr bio = OpenFile(keyFile);
    c->privateKey.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!c->privateKey)
    {
        ERR_clear_error();
        throw ConfigError("the file " + keyFile +
                          " holds no unencrypted PEM private key (convert it with openssl pkey)");
    }
    for (const auto& f : caFiles)
    {
        for (auto& ca : ReadCertificates(f))
        {
            c->trustedCas.push_back(std::move(ca));
        }
    }
    if (c->trustedCas.empty())
    {
        throw ConfigError("loading " + certFile + ": name at least one trusted CA file");
    }
    c->Validate();
    return c;
}

} // namespace ipsec
} // namespace ns3
