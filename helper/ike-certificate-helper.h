// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Certificates for IKE simulations: a small CA and node certificates made at set-up,
 * deterministic from the run's seed (the keys come from an ns-3 stream, ECDSA signs with RFC
 * 6979 nonces, RSA PKCS#1 v1.5 and Ed25519 are deterministic), as strongSwan's `pki --self`
 * and `pki --issue` would make them; and PEM files for users who bring their own.
 */
#ifndef IKE_CERTIFICATE_HELPER_H
#define IKE_CERTIFICATE_HELPER_H

#include "ns3/ike-credential.h"
#include "ns3/random-variable-stream.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief What a certificate says (the fields `pki --issue` takes).
 */
struct IkeCertificateSpec
{
    std::string subject;               ///< DN, e.g. "C=CH, O=ns3-ipsec, CN=gwA"
    std::vector<IkeIdentity> altNames; ///< subjectAltNames: FQDN, RFC822, IPv4 identities
    bool ca{false};                    ///< a CA certificate (basicConstraints CA:TRUE)
    int64_t notBefore{0};              ///< start of validity (Unix time)
    int64_t notAfter{0};               ///< end of validity (Unix time)
    uint64_t serial{1};                ///< serial number
};

/**
 * @brief Make a certificate: version 3, the spec's fields, subject and authority key
 * identifiers, signed by the issuer with the hash DefaultIkeHash() picks for its key
 * (deterministically: the same keys and spec give the same DER).
 * @param spec what it says
 * @param subjectKey the key it certifies
 * @param issuer the issuer's certificate (null: self-signed, the subject is the issuer)
 * @param issuerKey the issuer's private key (the subject's own for a self-signed one)
 * @return the certificate
 * @throws ConfigError for a malformed DN or identity, or a key this module cannot sign with
 */
X509Ptr MakeIkeCertificate(const IkeCertificateSpec& spec,
                           const EVP_PKEY* subjectKey,
                           const X509* issuer,
                           const EVP_PKEY* issuerKey);

/**
 * @ingroup ipsec
 * @brief A CA that issues end certificates for IKE, made from an ns-3 random stream.
 *
 * @code
 * IkeCertificateHelper pki("ecdsa256");
 * ike.SetCertificates(pki); // IkeHelper: every end gets a key and a certificate for its address
 * @endcode
 */
class IkeCertificateHelper
{
  public:
    /**
     * @param scheme the key type of the CA and of the certificates it issues, a keyword of
     *        GetIkeKeySchemes() ("rsa2048", "rsa3072", "ecdsa256", "ecdsa384", "ecdsa521",
     *        "ed25519")
     * @param caName the CA's distinguished name
     * @throws ConfigError for an unknown scheme
     */
    explicit IkeCertificateHelper(const std::string& scheme = "ecdsa256",
                                  const std::string& caName = "C=CH, O=ns3-ipsec, CN=ns3-ipsec "
                                                              "Root CA");

    /**
     * @brief The validity of the certificates issued from now on (the CA's is wider: a year
     * before and ten after).
     * @param notBefore start (Unix time)
     * @param notAfter end (Unix time)
     * @throws ConfigError if notAfter is not after notBefore
     */
    void SetValidity(int64_t notBefore, int64_t notAfter);

    /**
     * @brief Use fixed stream numbers for the keys (one stream).
     * @param stream the stream
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// @return the scheme keyword
    const std::string& GetScheme() const;

    /// @return the CA's certificate (made, with its key, on first use)
    const X509* GetCaCertificate();

    /**
     * @brief Issue a key and a certificate; the credential trusts this CA.
     * @param commonName the CN of the subject ("C=CH, O=ns3-ipsec, CN=<commonName>")
     * @param altNames identities for subjectAltName (FQDN, RFC822, IPv4)
     * @return the credential
     */
    std::shared_ptr<IkeCredential> Issue(const std::string& commonName,
                                         const std::vector<IkeIdentity>& altNames = {});

    /**
     * @brief Write the CA certificate, and a credential's certificate and key, as PEM files
     * (to inspect with `openssl x509 -text` or load in strongSwan).
     * @param credential the credential
     * @param prefix path prefix: writes <prefix>cert.pem, <prefix>key.pem, <prefix>ca.pem
     * @throws ConfigError if a file cannot be written
     */
    void WritePem(const IkeCredential& credential, const std::string& prefix);

    /**
     * @brief Load a credential from PEM files, as swanctl loads x509/, private/ and x509ca/.
     * @param certFile the end's certificate, then any intermediate CA certificates
     * @param keyFile its private key (unencrypted PKCS#8 or traditional)
     * @param caFiles the trusted CA certificates
     * @return the credential (validated: the key is the certificate's)
     * @throws ConfigError naming the file that cannot be read or does not fit
     */
    static std::shared_ptr<IkeCredential> LoadPem(const std::string& certFile,
                                                  const std::string& keyFile,
                                                  const std::vector<std::string>& caFiles);

  private:
    /// Make the CA's key and certificate if not made yet.
    void MakeCa();
    /// @return the stream of the keys (made on first use)
    Ptr<UniformRandomVariable> Random();
    /// @return a new key of the scheme, from the stream
    PkeyPtr NewKey();

    std::string m_scheme;                ///< key type
    std::string m_caName;                ///< the CA's DN
    Ptr<UniformRandomVariable> m_random; ///< key material
    PkeyPtr m_caKey;                     ///< the CA's key
    X509Ptr m_ca;                        ///< the CA's certificate
    int64_t m_notBefore;                 ///< validity of issued certificates
    int64_t m_notAfter;                  ///< validity of issued certificates
    uint64_t m_serial{1};                ///< last serial number used
};

} // namespace ipsec
} // namespace ns3

#endif /* IKE_CERTIFICATE_HELPER_H */
