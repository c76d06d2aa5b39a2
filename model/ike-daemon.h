// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The IKE daemon of a node (strongSwan's charon, in one ns-3 Application): a UDP socket on
 * port 500, the node's IKE connections, its IKE SAs by SPI, retransmission of requests, the
 * start actions (trap policies that start a connection on an Acquire from the data plane, or
 * start at once), and the installation of every negotiated CHILD SA into the node's IpsecStack.
 */
#ifndef IKE_DAEMON_H
#define IKE_DAEMON_H

#include "ike-child-sa-installer.h"
#include "ike-config.h"
#include "ike-half-open-guard.h"
#include "ikev1-sa.h"
#include "ikev2-sa.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class Socket;
class Packet;

namespace ipsec
{

class IpsecStack;

/// When a connection starts (swanctl's start_action).
enum class IkeStartAction : uint8_t
{
    NONE,       ///< only when the peer starts it, or on Initiate()
    TRAP,       ///< install its policies; the first packet they match (Acquire) starts it
    START,      ///< start it when the daemon starts
    TRAP_START, ///< both: policies at once (no packet leaks in the clear), and start at once
};

/**
 * @brief A start action's name.
 * @param action the action
 * @return "none", "trap", "start" or "trap|start"
 */
const char* ToString(IkeStartAction action);

/**
 * @ingroup ipsec
 * @brief One node's IKE daemon.
 *
 * Install it on a node that has an IpsecStack (IpsecHelper::Install), add connections, and
 * start it. Datagrams are processed in an event of their own, never inside the packet
 * processing that delivered them, as charon queues its jobs.
 */
class IkeDaemon : public Application
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    IkeDaemon();
    ~IkeDaemon() override;

    /**
     * @brief Add a connection.
     * @param config the connection
     * @param start when it starts
     * @param dataPlane replay window, lifetimes and crypto mode of its CHILD SAs
     * @return its index
     * @throws ConfigError for a connection without an IKE proposal, identity or key
     */
    uint32_t AddConnection(const IkePeerConfig& config,
                           IkeStartAction start,
                           const ChildSaDataPlane& dataPlane = ChildSaDataPlane());

    /**
     * @brief Start a connection now, unless an IKE SA of it is up or being set up.
     * @param connection its index
     */
    void Initiate(uint32_t connection);

    /**
     * @brief Rekey a connection's CHILD SAs now (swanctl --rekey --child).
     * @param connection its index
     */
    void RekeyChildSas(uint32_t connection);

    /**
     * @brief Rekey a connection's IKE SA now (swanctl --rekey --ike).
     * @param connection its index
     */
    void RekeyIkeSa(uint32_t connection);

    /**
     * @brief Delete a connection's IKE SA and its CHILD SAs (swanctl --terminate): an
     * INFORMATIONAL exchange with the peer; the SAs go when it is answered (or given up).
     * @param connection its index
     */
    void Terminate(uint32_t connection);

    /**
     * @brief Use fixed random streams (nonces, IKE SPIs, key exchange private keys, IVs).
     * @param stream the first stream
     * @return the streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// @return the number of IKE SAs in a state
    uint32_t CountIkeSas(Ikev2SaState state) const;

    /// @return the CHILD SAs installed now, of every IKE SA
    std::vector<InstalledChildSa> GetInstalledChildSas() const;

    /**
     * @brief Datagrams dropped for a reason.
     * @param reason e.g. "unknown-ike-spi", "INTEGRITY_FAILED"
     * @return how many
     */
    uint64_t GetDropCount(const std::string& reason) const;

    /// @return the drop counters by reason
    const std::map<std::string, uint64_t>& GetDropCounts() const;

    /// @return the half-open IKE SAs it answers (IKE_SA_INIT done, IKE_AUTH not yet)
    size_t GetHalfOpenCount() const;
    /// @return the IKE_SA_INIT requests it answered with a cookie (RFC 7296 §2.6)
    uint64_t GetCookiesSent() const;

    /// @return IKE fragments sent (RFC 7383; retransmissions included)
    uint64_t GetFragmentsSent() const;
    /// @return the half-open IKE SAs removed after HalfOpenTimeout
    uint64_t GetHalfOpenExpired() const;

    /// Signature of the IkeSaState trace.
    using StateTracedCallback = void (*)(const std::string& connection,
                                         uint64_t spiI,
                                         uint64_t spiR,
                                         Ikev2SaState state);
    /// Signature of the Message trace.
    using MessageTracedCallback = void (*)(bool sent,
                                           Ipv4Address peer,
                                           const IkeHeader& header,
                                           const std::vector<Ikev2Payload>& payloads);
    /// Signature of the Retransmit trace.
    using RetransmitTracedCallback = void (*)(Ipv4Address peer,
                                              const IkeHeader& header,
                                              uint32_t attempt);
    /// Signature of the Drop trace.
    using DropTracedCallback = void (*)(Ipv4Address peer, const std::string& reason);
    /// Signature of the IkeSaKeys trace.
    using KeysTracedCallback = void (*)(const Ikev2SaContext& sa);
    /// Signature of the Ikev1Message trace.
    using Ikev1MessageTracedCallback = void (*)(bool sent,
                                                Ipv4Address peer,
                                                const IkeHeader& header,
                                                const std::vector<Ikev1Payload>& payloads,
                                                bool request);
    /// Signature of the Ikev1SaKeys trace.
    using Ikev1KeysTracedCallback = void (*)(const Ikev1SaKeyInfo& sa);
    /// Signature of the ChildSaRekeyed trace.
    using ChildRekeyTracedCallback = void (*)(const std::string& connection,
                                              uint32_t oldInboundSpi,
                                              uint32_t newInboundSpi,
                                              bool local);
    /// Signature of the ChildSaDeleted trace.
    using ChildDeleteTracedCallback = void (*)(const std::string& connection,
                                               uint32_t inboundSpi,
                                               bool local);
    /// Signature of the IkeSaExpired trace.
    using IkeExpireTracedCallback = void (*)(const std::string& connection,
                                             uint64_t spiI,
                                             uint64_t spiR);
    /// Signature of the IkeSaRekeyed trace.
    using IkeRekeyTracedCallback = void (*)(const std::string& connection,
                                            uint64_t oldSpiI,
                                            uint64_t oldSpiR,
                                            uint64_t newSpiI,
                                            uint64_t newSpiR);
    /// Signature of the ChildSaInstalled trace.
    using ChildTracedCallback = void (*)(const std::string& connection,
                                         const Ikev2ChildSa& child,
                                         const InstalledChildSa& installed);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// A connection and its runtime state.
    struct Connection
    {
        std::shared_ptr<const IkePeerConfig> config; ///< the configuration (its IKE SAs share it)
        IkeStartAction start;                        ///< start action
        ChildSaDataPlane dataPlane;                  ///< CHILD SA settings
        std::vector<uint32_t> reqids;                ///< reqid of each CHILD SA configuration
        std::vector<uint32_t> trapIds;               ///< trap policies installed
        uint64_t ikeSa{0};                           ///< our SPI of its IKE SA (0: none)
        bool acquired{false};                        ///< an Acquire started it once
        Time lastAcquire;                            ///< when an Acquire last started it
        /// when an Acquire last started a CHILD SA of each configuration on an IKE SA that was
        /// up (negative: never)
        std::vector<Time> childAcquired;
    };

    /// A CHILD SA in the data plane.
    struct ChildEntry
    {
        std::string name;            ///< its configuration's name
        InstalledChildSa installed;  ///< its SAs (outbound null while pending) and policies
        Ikev2ChildSa pending;        ///< rekey responder: the outbound half, installed later
        bool outboundPending{false}; ///< whether pending waits for the old SA's delete
        uint32_t rekeyOf{0};         ///< inbound SPI of the CHILD SA it replaced
        bool rekeying{false};        ///< a rekey of it was requested
        bool local{false};           ///< this end initiated the exchange that created it
        Time lifetime{Seconds(0)};   ///< IKEv1: the lifetime its quick mode agreed on (0: none)
        EventId rekey;               ///< rekey timer
        EventId inactivity;          ///< inactivity timer
    };

    /// An IKEv1 message that waits for the peer's next one, retransmitted until it comes.
    struct V1Retransmit
    {
        std::vector<uint8_t> message; ///< the message
        uint32_t attempts{0};         ///< retransmissions so far
        EventId timer;                ///< retransmission timer
    };

    /// An IKE SA and its runtime state.
    struct IkeSaEntry
    {
        std::unique_ptr<Ikev2Sa> sa;                    ///< the protocol state (IKEv2)
        std::unique_ptr<Ikev1Sa> v1;                    ///< the protocol state (IKEv1; sa is null)
        std::map<uint32_t, V1Retransmit> v1Retransmits; ///< IKEv1: by message ID
        uint32_t connection{0};                         ///< its connection
        Ipv4Address peer;                               ///< the peer's address
        Ikev2SaState state{Ikev2SaState::CREATED};      ///< last state traced
        EventId retransmit;                             ///< retransmission timer
        uint32_t attempts{0};                    ///< retransmissions of the outstanding request
        std::vector<uint8_t> request;            ///< the outstanding request as last sent
        bool keysReported{false};                ///< IkeSaKeys fired
        std::map<uint32_t, ChildEntry> children; ///< CHILD SAs by inbound SPI
        EventId dpd;                             ///< dead peer detection timer
        EventId ikeRekey;                        ///< IKE SA rekey timer
        EventId ikeExpire;                       ///< IKE SA hard lifetime (rekey + over_time)
        bool lifetimeArmed{false};               ///< ikeRekey and ikeExpire were armed
        uint64_t replaces{0};       ///< IKEv1: our cookie of the ISAKMP SA this one reauthenticates
        bool heard{false};          ///< the peer sent something since the check
        uint64_t inboundPackets{0}; ///< its CHILD SAs' inbound packets then
    };

    /// Read datagrams from the socket and queue each for processing.
    void HandleRead(Ptr<Socket> socket);
    /// Process one datagram from a peer.
    void Process(Ipv4Address peer, std::vector<uint8_t> datagram);
    /**
     * @brief Run an IKE SA's crypto jobs on the node's engine, one after the other, then go on
     * (at once without an engine).
     * @param peer the peer (for the drop trace if the engine is full)
     * @param jobs the jobs
     * @param then what to do when they are done
     */
    void Charge(Ipv4Address peer, std::vector<IkeCryptoJob> jobs, std::function<void()> then);
    /// Send a datagram to a peer's port 500.
    void Send(Ipv4Address peer, const std::vector<uint8_t>& datagram);
    /// Send a message of an IKE SA to its peer: its IKE fragments if the IKE SA fragmented it.
    void SendMessage(uint64_t spi, Ipv4Address peer, const std::vector<uint8_t>& message);
    /// After an IKE SA sent or received: arm timers, install CHILD SAs, trace, clean up.
    void AfterExchange(uint64_t spi, const std::vector<uint8_t>& sent);
    /// Retransmission timer of an IKE SA.
    void Retransmit(uint64_t spi);
    /// Remove an IKE SA (and its CHILD SAs).
    void Remove(uint64_t spi);
    /// Act on what an IKE SA's exchanges did (CHILD SAs up, rekeyed, down).
    void HandleEvents(uint64_t spi);
    /// Put a new CHILD SA into the data plane (both halves, or inbound only).
    void InstallChild(uint64_t spi, const Ikev2ChildSa& child, bool withOutbound);
    /// Remove a CHILD SA that was deleted; the inbound half after DeleteRekeyedDelay if it
    /// was rekeyed (packets the peer sent on it may still be on the way).
    void RemoveChild(IkeSaEntry& entry, uint32_t inboundSpi, bool rekeyed);
    /// The data plane settings of a CHILD SA (its hard lifetime from life_time, or the shorter
    /// one an IKEv1 quick mode agreed on).
    static ChildSaDataPlane ChildSettings(const Connection& conn, const Ikev2ChildSa& child);
    /// Install the outbound half a rekey's responder kept back, now.
    void InstallPendingOutbound(IkeSaEntry& entry, ChildEntry& c);
    /// A rekey collision made one of our CHILD SAs redundant: stop sending on it, send on the
    /// survivor.
    void SwitchFromRedundant(IkeSaEntry& entry, uint32_t redundant);
    /// Arm a CHILD SA's rekey timer (rekey_time less a random part of rand_time).
    void ScheduleRekey(uint64_t spi, ChildEntry& child);
    /// The inactivity timer of a CHILD SA: close it (or its IKE SA) if it carried nothing.
    void CheckInactivity(uint64_t spi, uint32_t inboundSpi);
    /// The rekey timer, or a soft expiry: rekey a CHILD SA.
    void RekeyChild(uint64_t spi, uint32_t inboundSpi);
    /// An IKE SA was rekeyed: the new one takes the old one's CHILD SAs and timers.
    void TakeOver(uint64_t oldSpi, std::unique_ptr<Ikev2Sa> next);
    /// Move an IKE SA's CHILD SAs to the IKE SA that replaces it, their timers re-aimed.
    void MoveChildren(IkeSaEntry& from, IkeSaEntry& to, uint64_t toSpi);
    /// Arm the IKE SA rekey timer (its initiator only, for now).
    void ScheduleIkeRekey(uint64_t spi);
    /// The IKE SA rekey timer.
    void RekeyIke(uint64_t spi);
    /// The IKE SA hard lifetime: delete it (no rekey replaced it in over_time).
    void ExpireIke(uint64_t spi);
    /// Dead peer detection timer of an IKE SA.
    void CheckPeer(uint64_t spi);
    /// Send a datagram an IKE SA built (if any) once the crypto engine has done its work, then
    /// act on the exchange (AfterExchange: retransmission, CHILD SAs, state).
    void SendFrom(uint64_t spi, const std::vector<uint8_t>& datagram);
    /// A new IKE SA whose messages go to the Message trace.
    std::unique_ptr<Ikev2Sa> NewIkeSa(bool initiator,
                                      std::shared_ptr<const IkePeerConfig> config,
                                      Ipv4Address peer);
    /// The data plane's SoftExpire and HardExpire traces.
    void OnExpire(bool hard, Ptr<SecurityAssociation> sa);
    /// SoftExpire's sink.
    static void OnExpireSoft(IkeDaemon* daemon, Ptr<SecurityAssociation> sa);
    /// HardExpire's sink.
    static void OnExpireHard(IkeDaemon* daemon, Ptr<SecurityAssociation> sa);
    /// The configuration of a CHILD SA by name (null if none).
    static const IkeChildConfig* FindChildConfig(const Connection& c, const std::string& name);
    /// The data plane's Acquire: a trap policy without SA.
    void OnAcquire(Ptr<const Packet> packet, uint32_t policyId, const PacketSelector& selector);
    /**
     * @brief A new CHILD SA of a configuration on an established IKE SA (an Acquire).
     * @param spi the IKE SA
     * @param child the CHILD SA configuration's index
     * @param trigger the packet's local and remote sides
     */
    void CreateChild(uint64_t spi, size_t child, std::pair<IkeTsSide, IkeTsSide> trigger);
    /**
     * @brief An IKE SA's CHILD SA of a configuration.
     * @param entry the IKE SA
     * @param name the configuration's name
     * @return the CHILD SA, or nullptr
     */
    static ChildEntry* FindChildEntry(IkeSaEntry& entry, const std::string& name);
    /**
     * @brief Initiate a connection's IKE SA; the CHILD SA an Acquire asked for goes first (in
     * IKE_AUTH), with the packet's selector as its first traffic selectors (§2.9).
     * @param connection the connection
     * @param child the CHILD SA configuration that the Acquire matched
     * @param trigger the packet's local and remote sides
     */
    void InitiateFor(uint32_t connection,
                     size_t child,
                     std::optional<std::pair<IkeTsSide, IkeTsSide>> trigger);
    /// Count and trace a dropped datagram.
    void Drop(Ipv4Address peer, const std::string& reason);
    /**
     * @brief The connection that answers a new peer: the one for its address, else one for any
     * address.
     * @param peer the initiator
     * @param version the IKE version it speaks (connections of the other version are skipped)
     * @return the connection's index, or -1
     */
    int32_t FindResponderConnection(Ipv4Address peer, uint8_t version) const;
    /**
     * @brief Whether a new IKE_SA_INIT request may create state (IkeHalfOpenGuard); if not, it
     * was answered with a cookie or dropped.
     * @param peer its source
     * @param h its header
     * @param datagram it
     * @return true to go on
     */
    bool Admit(Ipv4Address peer, const IkeHeader& h, const std::vector<uint8_t>& datagram);
    /**
     * @brief HalfOpenTimeout after an IKE SA we answer began: remove it if still half-open.
     * @param spi our SPI
     */
    void ExpireHalfOpen(uint64_t spi);
    /// The sources of a new IKE SA.
    Ikev2Sources MakeSources();
    /// Our SPI of an IKE SA.
    static uint64_t OwnSpi(const Ikev2Sa& sa);

    // ike-daemon-v1.cc: the IKEv1 side
    /**
     * @brief Refuse what an IKEv1 connection cannot do.
     * @param config the connection
     * @param what the error messages' start
     * @throws ConfigError saying what to change
     */
    static void CheckIkev1Connection(const IkePeerConfig& config, const std::string& what);
    /// A new ISAKMP SA whose messages go to the Ikev1Message trace.
    std::unique_ptr<Ikev1Sa> NewIkev1Sa(bool initiator,
                                        std::shared_ptr<const IkePeerConfig> config,
                                        Ipv4Address peer);
    /// Start an IKEv1 connection (phase 1, then quick modes, the given CHILD SA first).
    void InitiateV1(uint32_t connection, size_t child);
    /// Process an IKEv1 datagram.
    void ProcessV1(Ipv4Address peer, const IkeHeader& h, const std::vector<uint8_t>& datagram);
    /// Send what an ISAKMP SA built once the crypto engine has done its work, then AfterV1.
    void SendV1(uint64_t spi, std::vector<std::vector<uint8_t>> datagrams);
    /// After an ISAKMP SA sent or received: retransmission timers, traces, CHILD SAs, clean-up.
    void AfterV1(uint64_t spi);
    /// Retransmission timer of an IKEv1 exchange.
    void RetransmitV1(uint64_t spi, uint32_t messageId);
    /// The state of an IKE SA of either version.
    static Ikev2SaState StateOf(const IkeSaEntry& entry);
    /// IKEv1: the ISAKMP SA's initiator reauthenticates at rekey_time less a random part of
    /// rand_time; either end deletes it at rekey_time + over_time if nothing replaced it.
    void ScheduleIkev1Rekey(uint64_t spi);
    /// IKEv1: a new phase 1 for the connection of an ISAKMP SA about to expire.
    void ReauthenticateV1(uint64_t spi);
    /// IKEv1: a new ISAKMP SA is up; it adopts the IPsec SAs of the connection's older one
    /// with the same peer (strongSwan's adopt_children), whose initiator then deletes it.
    void AdoptV1(uint64_t spi);
    /// Delete an IKE SA of either version with its peer.
    void SaDelete(uint64_t spi);
    /// Delete a CHILD SA of an IKE SA of either version with the peer.
    void SaDeleteChild(uint64_t spi, uint32_t inboundSpi);

    Ptr<IpsecStack> m_stack;                        ///< the node's IPsec
    Ptr<Socket> m_socket;                           ///< UDP 500
    Ptr<UniformRandomVariable> m_random;            ///< randomness
    std::vector<Connection> m_connections;          ///< connections
    std::map<uint64_t, IkeSaEntry> m_sas;           ///< IKE SAs by our SPI
    std::map<uint32_t, uint32_t> m_reqidConnection; ///< connection of each reqid
    std::map<std::string, uint64_t> m_drops;        ///< drop counters
    bool m_running{false};                          ///< between start and stop
    Time m_retransmitTimeout;                       ///< attribute RetransmitTimeout
    double m_retransmitBase;                        ///< attribute RetransmitBase
    uint32_t m_retransmitTries;                     ///< attribute RetransmitTries
    uint16_t m_port;                                ///< attribute Port
    Time m_deleteRekeyedDelay;                      ///< attribute DeleteRekeyedDelay
    double m_rekeyRetryScale;                       ///< attribute RekeyRetryScale
    Time m_acquireTimeout;                          ///< attribute AcquireTimeout
    uint32_t m_cookieThreshold{30};                 ///< attribute CookieThreshold
    uint32_t m_cookieThresholdIp{3};                ///< attribute CookieThresholdIp
    uint32_t m_blockThreshold{5};                   ///< attribute BlockThreshold
    Time m_halfOpenTimeout;                         ///< attribute HalfOpenTimeout
    IkeHalfOpenGuard m_guard;                       ///< half-open IKE SAs, cookies
    uint64_t m_cookiesSent{0};                      ///< cookies sent
    uint64_t m_fragmentsSent{0};                    ///< IKE fragments sent
    uint64_t m_halfOpenExpired{0};                  ///< half-open IKE SAs timed out

    TracedCallback<const std::string&, uint64_t, uint64_t, Ikev2SaState> m_stateTrace; ///< trace
    TracedCallback<bool, Ipv4Address, const IkeHeader&, const std::vector<Ikev2Payload>&>
        m_messageTrace;                                                        ///< trace
    TracedCallback<Ipv4Address, const IkeHeader&, uint32_t> m_retransmitTrace; ///< trace
    TracedCallback<Ipv4Address, const std::string&> m_dropTrace;               ///< trace
    TracedCallback<const Ikev2SaContext&> m_keysTrace;                         ///< trace
    TracedCallback<bool, Ipv4Address, const IkeHeader&, const std::vector<Ikev1Payload>&, bool>
        m_ikev1MessageTrace;                                ///< trace
    TracedCallback<const Ikev1SaKeyInfo&> m_ikev1KeysTrace; ///< trace
    TracedCallback<const std::string&, const Ikev2ChildSa&, const InstalledChildSa&>
        m_childTrace;                                                          ///< trace
    TracedCallback<const std::string&, uint32_t, uint32_t, bool> m_rekeyTrace; ///< trace
    TracedCallback<const std::string&, uint32_t, bool> m_deleteTrace;          ///< trace
    TracedCallback<const std::string&, uint64_t, uint64_t, uint64_t, uint64_t>
        m_ikeRekeyTrace;                                                     ///< trace
    TracedCallback<const std::string&, uint64_t, uint64_t> m_ikeExpireTrace; ///< trace
};

} // namespace ipsec
} // namespace ns3

#endif /* IKE_DAEMON_H */
