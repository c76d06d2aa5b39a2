// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IkeHelper: IKEv2 connections in the words of a strongSwan connection (proposals, PSK, start
 * action, traffic selectors), added with the same arguments as IpsecHelper's AddTunnel and
 * AddTransport. It puts one IkeDaemon on each node it is given and writes Wireshark's
 * ikev2_decryption_table for every IKE SA of the run.
 */
#ifndef IKE_HELPER_H
#define IKE_HELPER_H

#include "ike-certificate-helper.h"
#include "ike-key-export.h"
#include "ikev1-key-export.h"

#include "ns3/ike-daemon.h"
#include "ns3/ipsec-traffic-selector.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief The two ends of a connection the helper added.
 */
struct IkeConnection
{
    Ptr<IkeDaemon> a;   ///< side A's daemon (the initiator)
    Ptr<IkeDaemon> b;   ///< side B's daemon (the responder)
    uint32_t aIndex{0}; ///< the connection's index in A's daemon
    uint32_t bIndex{0}; ///< in B's
};

/**
 * @ingroup ipsec
 * @brief Sets up IKEv2 between nodes that have IPsec (IpsecHelper::Install).
 *
 * Side A starts the connection (start action trap|start by default: its policies are in place
 * at once, so nothing leaks in the clear, and it initiates at once); side B answers, with trap
 * policies of its own so that its traffic waits for the tunnel too.
 */
class IkeHelper
{
  public:
    IkeHelper();

    /**
     * @brief Set an attribute of the daemons the helper creates (e.g. RetransmitTimeout).
     * @param name the attribute
     * @param value its value
     * @throws ConfigError for an unknown attribute
     */
    void SetDaemonAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief IKE proposals (swanctl's proposals), e.g. "aes128-sha256-modp2048".
     * @param proposals a comma-separated list
     * @throws ConfigError naming the keyword to fix
     */
    void SetProposals(const std::string& proposals);

    /**
     * @brief CHILD SA proposals (esp_proposals, or ah_proposals with protocol "ah").
     * @param proposals a comma-separated list, e.g. "aes128gcm16,aes128-sha256"; a key
     *        exchange method adds PFS to rekeys
     * @param protocol "esp" or "ah"
     * @throws ConfigError naming the keyword to fix
     */
    void SetChildProposals(const std::string& proposals, const std::string& protocol = "esp");

    /**
     * @brief IKEv1: bundle AH with the ESP proposals (an ESP+AH bundle, RFC 2408 §4.2: each
     * packet gets ESP, then AH over it and its IP header, RFC 4301 §4.3). IKEv2 has no bundles:
     * AddTunnel and AddTransport refuse one there.
     * @param ahProposals AH proposals, e.g. "sha256,sha1"; "" ends bundling
     * @throws ConfigError naming the keyword to fix
     */
    void SetAhBundle(const std::string& ahProposals);

    /**
     * @brief The pre-shared key both ends use.
     * @param psk the key (at least one character)
     */
    void SetPsk(const std::string& psk);

    /**
     * @brief Authenticate both ends with certificates (auth = pubkey) instead of the PSK: each
     * end's address gets a key of the CA's type and a certificate for it (subjectAltName the
     * address, the IKE identity ID_IPV4_ADDR), issued when the connection is added; both
     * trust the CA. Null: back to the PSK.
     * @param pki the CA
     */
    void SetCertificates(std::shared_ptr<IkeCertificateHelper> pki);

    /**
     * @brief Authenticate the initiating end with EAP (RFC 7296 §2.16; strongSwan's road
     * warrior with remote.auth = eap-*): the end that starts (side A of AddTunnel and
     * AddTransport, an AddTunnelEnd with a start action) is the EAP client, the other end
     * the EAP server and authenticates with its certificate (SetCertificates is required).
     * @param method "eap-md5" or "eap-mschapv2"; "none" goes back to SetCertificates/SetPsk
     * @param identity the client's EAP identity
     * @param password the client's password
     * @param serverPassword the password the server holds for that identity (empty: the same;
     *        another one shows a failed authentication)
     * @throws ConfigError for another method or an empty identity or password
     */
    void SetEap(const std::string& method,
                const std::string& identity,
                const std::string& password,
                const std::string& serverPassword = "");

    /**
     * @brief IKE fragmentation (RFC 7383) for the connections added from now on: both ends
     * announce it, and protected messages larger than the fragment size go as SKF fragments.
     * @param on whether (strongSwan's fragmentation = yes; off by default here)
     * @param fragmentSize the largest IP datagram of a fragment (charon.fragment_size)
     * @throws ConfigError if fragmentSize is below 576 (RFC 791's minimum datagram every
     *         host accepts) or above 65535
     */
    void SetFragmentation(bool on, uint32_t fragmentSize = 1280);

    /**
     * @param address an end's address
     * @return the credential SetCertificates() issued for it (null: none)
     */
    std::shared_ptr<const IkeCredential> GetCredential(Ipv4Address address) const;

    /**
     * @brief Side A's start action (side B only answers and traps).
     * @param action the action
     */
    void SetStartAction(IkeStartAction action);

    /**
     * @brief When CHILD SAs are rekeyed (swanctl's children rekey_time, life_time, rand_time).
     * @param rekeyTime rekey_time (0: never; default 1 h)
     * @param lifeTime life_time (0: 110 % of rekeyTime)
     * @param randTime rand_time (negative: lifeTime - rekeyTime)
     */
    void SetChildRekeyTime(Time rekeyTime, Time lifeTime = Seconds(0), Time randTime = Seconds(-1));

    /**
     * @brief When IKE SAs are rekeyed (swanctl's rekey_time; rand_time 10 % of it) and when one
     * that no rekey replaced is deleted (over_time after its rekey time).
     * @param rekeyTime rekey_time (0: never; default 4 h)
     * @param overTime over_time (negative: 10 % of rekeyTime, strongSwan's default)
     */
    void SetIkeRekeyTime(Time rekeyTime, Time overTime = Seconds(-1));

    /**
     * @brief The IKE version of the connections added from now on (swanctl's version) and, for
     * IKEv1, the phase-1 mode (swanctl's aggressive = yes|no). IKEv1 authenticates with the
     * PSK.
     * @param version 2 (the default) or 1
     * @param mode IKEv1: main (the default) or aggressive mode
     * @throws ConfigError for another version
     */
    void SetIkeVersion(uint8_t version, Ikev1Mode mode = Ikev1Mode::MAIN);

    /**
     * @brief Dead peer detection (swanctl's dpd_delay).
     * @param delay the delay (0: off, the default)
     */
    void SetDpdDelay(Time delay);

    /**
     * @brief Replay window, lifetimes and crypto mode of the CHILD SAs.
     * @param settings the settings
     */
    void SetChildDataPlane(const ChildSaDataPlane& settings);

    /**
     * @brief A tunnel between two gateways protecting subnetA <-> subnetB (IDs: the addresses).
     * Same arguments as IpsecHelper::AddTunnel.
     * @param gwA gateway A (initiator)
     * @param gwAAddr its outer address
     * @param subnetA the networks behind it
     * @param gwB gateway B
     * @param gwBAddr its outer address
     * @param subnetB the networks behind it
     * @return the connection's ends
     */
    IkeConnection AddTunnel(Ptr<Node> gwA,
                            Ipv4Address gwAAddr,
                            const AddressRange& subnetA,
                            Ptr<Node> gwB,
                            Ipv4Address gwBAddr,
                            const AddressRange& subnetB);

    /**
     * @brief One end of a tunnel, with the helper's settings as they are now (to give the two
     * ends different keys or proposals, as a misconfiguration would).
     * @param node the gateway
     * @param local its outer address
     * @param localNet the networks behind it
     * @param remote the peer's outer address (0.0.0.0: any peer, identity %any; only with
     * start action none, a responder)
     * @param remoteNet the networks behind the peer
     * @param start this end's start action
     * @return the connection's index in the node's daemon
     */
    uint32_t AddTunnelEnd(Ptr<Node> node,
                          Ipv4Address local,
                          const AddressRange& localNet,
                          Ipv4Address remote,
                          const AddressRange& remoteNet,
                          IkeStartAction start);

    /**
     * @brief Transport mode between two hosts. Same arguments as IpsecHelper::AddTransport.
     * @param a host A (initiator)
     * @param aAddr its address
     * @param b host B
     * @param bAddr its address
     * @param protocol IP protocol to protect (0: all)
     * @return the connection's ends
     */
    IkeConnection AddTransport(Ptr<Node> a,
                               Ipv4Address aAddr,
                               Ptr<Node> b,
                               Ipv4Address bAddr,
                               uint8_t protocol = 0);

    /**
     * @brief Use fixed random streams for the daemons created from now on.
     * @param stream the first stream
     * @return the streams reserved (MAX_DAEMONS)
     */
    int64_t AssignStreams(int64_t stream);

    /// Daemons one AssignStreams call covers.
    static constexpr int64_t MAX_DAEMONS = 65536;

    /**
     * @brief The node's daemon, created (and started at time 0) if it has none.
     * @param node the node
     * @return the daemon
     */
    Ptr<IkeDaemon> GetDaemon(Ptr<Node> node);

    /// @return the keys of every IKE SA the helper's daemons derived so far
    const std::vector<Ikev2WiresharkKeys>& GetIkev2Keys() const;

    /**
     * @brief Write Wireshark's ikev2_decryption_table for every IKE SA of the run.
     * @param path the file
     * @throws ConfigError if it cannot be written
     */
    void WriteKeyFile(const std::string& path) const;

    /// @return the keys of every ISAKMP (IKEv1) SA the helper's daemons derived so far
    const std::vector<Ikev1SaKeyInfo>& GetIkev1Keys() const;

    /**
     * @brief Write Wireshark's ikev1_decryption_table for every ISAKMP SA of the run.
     * @param path the file (its name should end in ikev1_decryption_table)
     * @throws ConfigError if it cannot be written
     */
    void WriteIkev1KeyFile(const std::string& path) const;

    /**
     * @brief Write the ikev1_keys study file (SKEYID, SKEYID_d/a/e and the PRF of every ISAKMP
     * SA, WriteIkev1KeyLog).
     * @param path the file (its name should end in ikev1_keys)
     * @throws ConfigError if it cannot be written
     */
    void WriteIkev1KeyLog(const std::string& path) const;

  private:
    /// Add one end of a connection.
    uint32_t AddEnd(Ptr<IkeDaemon> daemon,
                    const std::string& name,
                    Ipv4Address local,
                    Ipv4Address remote,
                    const IkeTsSide& localTs,
                    const IkeTsSide& remoteTs,
                    IpsecMode mode,
                    IkeStartAction start,
                    bool initiates);
    /// Set a connection's authentication from SetCertificates and SetEap.
    void SetAuthentication(IkePeerConfig& c, Ipv4Address local, bool initiates);
    /// The Ikev1SaKeys trace: record the keys.
    static void RecordIkev1Keys(std::shared_ptr<std::vector<Ikev1SaKeyInfo>> keys,
                                const Ikev1SaKeyInfo& sa);
    /// The IkeSaKeys trace: record the keys.
    static void RecordKeys(std::shared_ptr<std::vector<Ikev2WiresharkKeys>> keys,
                           const Ikev2SaContext& sa);

    ObjectFactory m_daemonFactory;               ///< daemon attributes
    std::vector<IkeProposal> m_proposals;        ///< IKE proposals
    std::vector<ChildProposal> m_childProposals; ///< CHILD proposals
    std::vector<ChildProposal> m_ahBundle;       ///< IKEv1: AH proposals bundled with ESP
    std::string m_psk{"ns3-ipsec-psk"};          ///< the PSK
    std::shared_ptr<IkeCertificateHelper> m_pki; ///< the CA (null: PSK)
    bool m_fragmentation{false};                 ///< RFC 7383 on
    uint32_t m_fragmentSize{1280};               ///< its fragment size
    IkeAuthMethod m_eap{IkeAuthMethod::PSK};     ///< EAP method (PSK: no EAP)
    std::string m_eapIdentity;                   ///< EAP client identity
    std::string m_eapPassword;                   ///< EAP client password
    std::string m_eapServerPassword;             ///< the server's copy
    /// credentials issued, by address
    std::vector<std::pair<Ipv4Address, std::shared_ptr<const IkeCredential>>> m_credentials;
    IkeStartAction m_start{IkeStartAction::TRAP_START}; ///< side A's start action
    ChildSaDataPlane m_dataPlane;                       ///< CHILD SA settings
    IkeChildConfig m_childTimes;         ///< rekeyTime, lifeTime, randTime of CHILD SAs
    Time m_ikeRekeyTime{Seconds(14400)}; ///< IKE SA rekey_time
    Time m_ikeOverTime{Seconds(-1)};     ///< IKE SA over_time (negative: 10 % of rekey_time)
    Time m_dpdDelay{Seconds(0)};         ///< dpd_delay
    int64_t m_streamBase{-1};            ///< first stream (-1: not assigned)
    int64_t m_streamsUsed{0};            ///< streams handed out
    uint32_t m_connections{0};           ///< connections added (for names)
    /// keys of every IKE SA (shared with the daemons' traces, which may outlive the helper)
    std::shared_ptr<std::vector<Ikev2WiresharkKeys>> m_keys;
    /// keys of every ISAKMP SA (IKEv1), as m_keys
    std::shared_ptr<std::vector<Ikev1SaKeyInfo>> m_ikev1Keys;
    uint8_t m_version{2};                   ///< IKE version of new connections
    Ikev1Mode m_ikev1Mode{Ikev1Mode::MAIN}; ///< IKEv1 phase-1 mode of new connections
};

} // namespace ipsec
} // namespace ns3

#endif /* IKE_HELPER_H */
