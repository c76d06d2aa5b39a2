// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Certificate credentials for IKE (RFC 7296 §3.6, §3.7, RFC 5280): an end's private key, its
 * certificate and chain, the CAs it trusts; chain validation with OpenSSL's X509 store at a
 * simulated date, the peer's identity checked against its certificate, the CERTREQ
 * authority list (SHA-1 of each CA's SubjectPublicKeyInfo).
 */
#ifndef IKE_CREDENTIAL_H
#define IKE_CREDENTIAL_H

#include "ike-config.h"
#include "ike-signature.h"

#include <cstdint>
#include <ctime>
#include <memory>
#include <openssl/x509.h>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace ipsec
{

/// An owned X.509 certificate.
using X509Ptr = OpensslPtr<X509, X509_free>;

/// Certificate Encoding 4 of CERT and CERTREQ: X.509 Certificate - Signature (RFC 7296 §3.6).
constexpr uint8_t CERT_X509_SIGNATURE = 4;

/// The simulated date at simulation time 0, when a credential does not set one:
/// 2026-01-01T00:00:00Z. Certificates are checked at this date plus the simulation time.
constexpr int64_t IKE_DEFAULT_EPOCH = 1767225600;

/**
 * @ingroup ipsec
 * @brief What one end authenticates with and trusts (swanctl's local.certs, the key in
 * private/, and cacerts).
 */
struct IkeCredential
{
    PkeyPtr privateKey;                 ///< this end's key (signs AUTH)
    X509Ptr certificate;                ///< this end's certificate (sent in CERT)
    std::vector<X509Ptr> intermediates; ///< CA certificates between it and the root (sent too)
    std::vector<X509Ptr> trustedCas;    ///< CAs a peer's chain must end at
    int64_t epoch{IKE_DEFAULT_EPOCH};   ///< the date (Unix time) at simulation time 0

    /**
     * @brief Check that the key and certificate go together and that the scheme is one this
     * module signs with.
     * @throws ConfigError naming what is wrong
     */
    void Validate() const;
};

/**
 * @brief DER of a certificate.
 * @param cert the certificate
 * @return its DER
 */
std::vector<uint8_t> CertificateDer(const X509* cert);

/**
 * @brief Read a certificate from DER (a CERT payload's data: untrusted).
 * @param der the bytes
 * @return the certificate, or null if they are not exactly one DER certificate
 */
X509Ptr ParseCertificateDer(ByteSpan der);

/**
 * @brief The CERTREQ Certification Authority data (§3.7): the SHA-1 hash of each trusted CA's
 * SubjectPublicKeyInfo, concatenated.
 * @param cas the CAs
 * @return 20 bytes per CA
 */
std::vector<uint8_t> CertReqAuthorities(const std::vector<X509Ptr>& cas);

/**
 * @brief Validate a peer's certificate chain to one of the trusted CAs at a date (OpenSSL's
 * X509 store: signatures, validity, basic constraints, key usage).
 * @param cert the peer's end-entity certificate
 * @param intermediates further certificates the peer sent
 * @param trusted the CAs
 * @param when the date (Unix time)
 * @param why set to OpenSSL's reason when it fails ("certificate has expired", "unable to get
 *        local issuer certificate", ...)
 * @param signatures if not null, set to the signatures checked (for their costs): the scheme
 *        of the key that made each and the size of the certificate it signs
 * @return whether the chain is valid
 */
bool VerifyCertificateChain(const X509* cert,
                            const std::vector<X509Ptr>& intermediates,
                            const std::vector<X509Ptr>& trusted,
                            int64_t when,
                            std::string& why,
                            std::vector<std::pair<std::string, size_t>>* signatures = nullptr);

/**
 * @brief Whether an IKE identity is one a certificate vouches for (strongSwan's
 * has_subject): ID_DER_ASN1_DN equal to the subject (DER), ID_FQDN a dNSName,
 * ID_RFC822_ADDR an rfc822Name (names without regard to case), ID_IPV4_ADDR an iPAddress
 * subjectAltName.
 * @param id the identity
 * @param cert the certificate
 * @return whether it matches
 */
bool CertificateHasIdentity(const IkeIdentity& id, const X509* cert);

/**
 * @brief The distinguished name of a certificate's subject as an IKE identity (ID_DER_ASN1_DN).
 * @param cert the certificate
 * @return the identity
 */
IkeIdentity CertificateSubjectId(const X509* cert);

/**
 * @brief A subject in one line, as strongSwan prints it: "C=CH, O=ns3-ipsec, CN=gwA".
 * @param cert the certificate
 * @return the text
 */
std::string CertificateSubjectText(const X509* cert);

/**
 * @brief An identity in text, as strongSwan prints it: "10.0.0.1", "gw.example", a DN.
 * @param id the identity
 * @return the text
 */
std::string IkeIdentityText(const IkeIdentity& id);

/**
 * @brief Check the certificates a peer sent (the CERT payloads' data, IKEv1 and IKEv2 alike: the
 * encoding byte, then the DER; the first X.509 one is its certificate, the others intermediates):
 * the chain validated to one of this end's trusted CAs at a date, the peer's ID vouched for by
 * the certificate and equal to the identity configured for it (unless that is %any), a key this
 * module can verify with.
 * @param credential this end's credential (the trusted CAs)
 * @param certPayloads the CERT payloads' data (untrusted)
 * @param peerId the identity the peer claims (its ID payload)
 * @param expected the identity configured for the peer
 * @param when the date (Unix time)
 * @param signatures set to the certificate signatures checked (key scheme, bytes), for charging
 * @param cert set to the peer's certificate (when it parsed)
 * @return empty if the peer's certificate is good, else why not
 */
std::string CheckPeerCertificates(const IkeCredential& credential,
                                  const std::vector<ByteSpan>& certPayloads,
                                  const IkeIdentity& peerId,
                                  const IkeIdentity& expected,
                                  int64_t when,
                                  std::vector<std::pair<std::string, size_t>>& signatures,
                                  X509Ptr& cert);

} // namespace ipsec
} // namespace ns3

#endif /* IKE_CREDENTIAL_H */
