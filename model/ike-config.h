// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * What an IKE connection is configured with, in the words of a strongSwan connection
 * (swanctl.conf): proposals, identities, the pre-shared key, and its CHILD SAs with their
 * traffic selectors. Shared by IKEv2 and (later) IKEv1.
 */
#ifndef IKE_CONFIG_H
#define IKE_CONFIG_H

#include "ike-proposal.h"
#include "ike-traffic-selector.h"
#include "ipsec-mode.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace ipsec
{

struct IkeCredential;

/**
 * @ingroup ipsec
 * @brief An IKE identity: ID type and data (RFC 7296 §3.5), e.g. an IPv4 address or an FQDN.
 */
struct IkeIdentity
{
    uint8_t type{1};           ///< ID type (1 = ID_IPV4_ADDR, 2 = ID_FQDN, 3 = ID_RFC822_ADDR)
    std::vector<uint8_t> data; ///< identification data

    /// @param a an address @return ID_IPV4_ADDR
    static IkeIdentity Ipv4(Ipv4Address a)
    {
        const uint32_t v = a.Get();
        return {1,
                {static_cast<uint8_t>(v >> 24),
                 static_cast<uint8_t>(v >> 16),
                 static_cast<uint8_t>(v >> 8),
                 static_cast<uint8_t>(v)}};
    }

    /// @param name a domain name @return ID_FQDN
    static IkeIdentity Fqdn(const std::string& name)
    {
        return {2, std::vector<uint8_t>(name.begin(), name.end())};
    }

    /// @return strongSwan's %any: a remote identity that any proven identity matches
    static IkeIdentity Any()
    {
        return {0, {}};
    }

    /// @return whether this is Any()
    bool IsAny() const
    {
        return type == 0 && data.empty();
    }

    /// @param o another identity @return whether equal
    bool operator==(const IkeIdentity& o) const
    {
        return type == o.type && data == o.data;
    }
};

/**
 * @ingroup ipsec
 * @brief How one end proves who it is (swanctl's local.auth and remote.auth).
 */
enum class IkeAuthMethod : uint8_t
{
    PSK,          ///< "psk": a pre-shared key (AUTH method 2)
    PUBKEY,       ///< "pubkey": a certificate and a signature (AUTH methods 1, 9-11, 14)
    EAP_MD5,      ///< "eap-md5": EAP-MD5 (RFC 3748 §5.4) inside IKE_AUTH (initiator only)
    EAP_MSCHAPV2, ///< "eap-mschapv2": EAP-MSCHAPv2 (RFC 2759) inside IKE_AUTH (initiator only)
};

/**
 * @param method a method
 * @return its swanctl keyword: "psk", "pubkey", "eap-md5", "eap-mschapv2"
 */
const char* ToString(IkeAuthMethod method);

/**
 * @param keyword a swanctl keyword (as ToString gives)
 * @return the method
 * @throws ConfigError for another word (naming the known ones)
 */
IkeAuthMethod ParseIkeAuthMethod(const std::string& keyword);

/// The phase-1 exchange of an IKEv1 connection.
enum class Ikev1Mode : uint8_t
{
    MAIN,       ///< main mode (identity protection, RFC 2409 §5)
    AGGRESSIVE, ///< aggressive mode (RFC 2409 §5)
};

/**
 * @brief A mode's name.
 * @param mode the mode
 * @return "main" or "aggressive"
 */
const char* ToString(Ikev1Mode mode);

/**
 * @brief A mode by name.
 * @param name "main" or "aggressive"
 * @return the mode
 * @throws ConfigError for another name
 */
Ikev1Mode ParseIkev1Mode(const std::string& name);

/**
 * @ingroup ipsec
 * @brief A CHILD SA's configuration (swanctl's children section).
 */
struct IkeChildConfig
{
    std::string name{"child"};            ///< name, for traces
    std::vector<IkeTsSide> localTs;       ///< local_ts
    std::vector<IkeTsSide> remoteTs;      ///< remote_ts
    std::vector<ChildProposal> proposals; ///< esp_proposals (or ah_proposals)
    /// IKEv1 only: AH proposals to bundle with the ESP proposals above (an ESP+AH bundle, RFC
    /// 2408 §4.2: ESP, then AH over it, as ipsec-tools' racoon negotiates esp and ah together;
    /// strongSwan has none); empty: no bundle
    std::vector<ChildProposal> ahProposals;
    IpsecMode mode{IpsecMode::TUNNEL}; ///< mode
    /// rekey_time: the CHILD SA is rekeyed this long after it was created, less a random part
    /// of randTime (0: never rekeyed)
    Time rekeyTime{Seconds(3600)};
    /// life_time: the SAs' hard lifetime (a rekey that never succeeds ends here); 0: 110 %
    /// of rekeyTime, as strongSwan's default
    Time lifeTime{Seconds(0)};
    /// rand_time: the rekey happens up to this much earlier, at random, so that peers and
    /// tunnels do not rekey in step; negative: lifeTime - rekeyTime, as strongSwan's default
    Time randTime{Seconds(-1)};
    /// inactivity: the CHILD SA is closed after this long without a packet either way (the IKE
    /// SA with it when it is the last one, as strongSwan does); 0: never
    Time inactivity{Seconds(0)};
};

/**
 * @ingroup ipsec
 * @brief An IKE connection (swanctl's connections section) as one end sees it.
 */
struct IkePeerConfig
{
    std::string name{"conn"}; ///< name, for traces
    /// IKE version (swanctl's version): 2, or 1 for IKEv1 (ISAKMP, RFC 2409)
    uint8_t version{2};
    /// IKEv1: the phase-1 exchange (swanctl's aggressive = yes|no)
    Ikev1Mode ikev1Mode{Ikev1Mode::MAIN};
    Ipv4Address localAddress;                     ///< local_addrs
    Ipv4Address remoteAddress;                    ///< remote_addrs
    std::vector<IkeProposal> proposals;           ///< proposals (IKE SA)
    IkeIdentity localId;                          ///< local.id
    IkeIdentity remoteId;                         ///< remote.id (the identity the peer must prove)
    std::vector<uint8_t> psk;                     ///< the pre-shared key (auth = psk)
    IkeAuthMethod localAuth{IkeAuthMethod::PSK};  ///< local.auth: how this end authenticates
    IkeAuthMethod remoteAuth{IkeAuthMethod::PSK}; ///< remote.auth: how the peer must
    /// this end's key, certificate and trusted CAs (for pubkey on either side)
    std::shared_ptr<const IkeCredential> credential;
    /// local.eap_id: the identity this end gives in EAP (auth = eap-*; empty: its IKE
    /// identity's text)
    std::string eapIdentity;
    std::string eapPassword; ///< this end's EAP password (swanctl's secrets.eap-<name>)
    /// the EAP users a responder with remote.auth = eap-* accepts: identity and password (its
    /// secrets.eap-<name> sections; the EAP server is in the responder, no AAA server)
    std::vector<std::pair<std::string, std::string>> eapUsers;
    /// swanctl's fragmentation: announce IKEV2_FRAGMENTATION_SUPPORTED (RFC 7383) and, when
    /// the peer does too, send protected messages larger than fragmentSize as SKF fragments
    /// (strongSwan's default is yes; off here unless set, so that runs without it keep their
    /// bytes)
    bool fragmentation{false};
    /// charon.fragment_size: the largest IP datagram of an IKE fragment, IP and UDP headers
    /// included (1280, strongSwan's default for IPv4)
    uint32_t fragmentSize{1280};
    /// strongSwan's charon.signature_authentication: announce SIGNATURE_HASH_ALGORITHMS and
    /// sign AUTH with RFC 7427 (method 14) when the peer does too; false: the key's classic
    /// method (1 for RSA, 9/10/11 for ECDSA)
    bool signatureAuthentication{true};
    std::vector<IkeChildConfig> children; ///< children
    /// dpd_delay: without any IKE message or inbound ESP/AH from the peer for this long, an
    /// empty INFORMATIONAL checks that it is alive; 0: no dead peer detection
    Time dpdDelay{Seconds(0)};
    /// rekey_time of the IKE SA: rekeyed this long after its creation, less a random part of
    /// randTime (0: never)
    Time rekeyTime{Seconds(14400)};
    /// rand_time of the IKE SA; negative: 10 % of rekeyTime (strongSwan's default: over_time)
    Time randTime{Seconds(-1)};
    /// over_time: an IKE SA that no rekey replaced this long after its rekey time is deleted
    /// (its hard lifetime: strongSwan deletes it at the rekey time plus over_time); negative:
    /// 10 % of rekeyTime
    Time overTime{Seconds(-1)};
};

} // namespace ipsec
} // namespace ns3

#endif /* IKE_CONFIG_H */
