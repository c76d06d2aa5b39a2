// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * One Security Association (RFC 4301 §4.4.2): algorithms and keys, sequence numbers, the
 * anti-replay window, lifetimes and counters.
 */
#ifndef IPSEC_SECURITY_ASSOCIATION_H
#define IPSEC_SECURITY_ASSOCIATION_H

#include "ipsec-ah-codec.h"
#include "ipsec-drop-reason.h"
#include "ipsec-esp-codec.h"
#include "ipsec-mode.h"
#include "ipsec-proposal.h"
#include "ipsec-replay-window.h"

#include "ns3/callback.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief Which way an SA carries traffic (an SA is simplex, RFC 4301 §4.1).
 */
enum class SaDirection : uint8_t
{
    INBOUND,  ///< we are the destination: found by SPI
    OUTBOUND, ///< we are the source: found through the policy's reqid
};

/**
 * @ingroup ipsec
 * @brief Soft and hard limits of an SA (RFC 4301 §4.4.2.1 "SA Lifetime"); zero means no limit.
 *
 * Reaching a soft limit raises a trace (the key exchange rekeys on it); reaching a hard limit
 * removes the SA (strongSwan's and Linux XFRM's semantics).
 */
struct SaLifetime
{
    Time softTime{Seconds(0)}; ///< soft limit after installation (0 = none)
    Time hardTime{Seconds(0)}; ///< hard limit after installation (0 = none)
    uint64_t softBytes{0};     ///< soft limit of protected payload bytes (0 = none)
    uint64_t hardBytes{0};     ///< hard limit of protected payload bytes (0 = none)
    uint64_t softPackets{0};   ///< soft limit of packets (0 = none)
    uint64_t hardPackets{0};   ///< hard limit of packets (0 = none)

    /**
     * @brief Check that each soft limit is below its hard limit and no time is negative.
     * @throws ConfigError naming the limit to fix
     */
    void Validate() const;
};

/**
 * @ingroup ipsec
 * @brief Everything needed to create an SA: what manual keying gives, or what IKE negotiates.
 */
struct SaConfig
{
    uint32_t spi{0};                              ///< SPI (> 255, RFC 4303 §2.1)
    SaDirection direction{SaDirection::OUTBOUND}; ///< simplex direction
    IpsecProtocol protocol{IpsecProtocol::ESP};   ///< ESP or AH (a bundle is two SAs)
    IpsecMode mode{IpsecMode::TRANSPORT};         ///< transport or tunnel
    Ipv4Address source;                           ///< sender's address (tunnel: outer source)
    Ipv4Address destination;                   ///< receiver's address (tunnel: outer destination)
    EspSuite espSuite;                         ///< ESP algorithms (ESP SAs)
    const TransformInfo* ahIntegrity{nullptr}; ///< AH integrity algorithm (AH SAs)
    bool esn{false};                           ///< Extended Sequence Numbers (AH SAs; ESP: suite)
    std::vector<uint8_t> encryptionKey;        ///< ESP encryption key (with salt)
    std::vector<uint8_t> integrityKey;         ///< integrity key
    uint32_t replayWindow{32};                 ///< anti-replay window, 0 = off (inbound)
    SaLifetime lifetime;                       ///< soft/hard limits
    uint32_t reqid{0};                         ///< the policy's reqid this SA serves (> 0)
    uint64_t initialSequence{0};         ///< last sequence number "already sent" (outbound; tests)
    CryptoMode crypto{CryptoMode::REAL}; ///< real cryptography or modeled (sizes and timing)
    /// AH SAs: the AH header is padded to a multiple of this, 4 (RFC 4302, IPv4) or 8 (Linux's
    /// IPv4 default without `flag align4`); see AhCodec
    uint32_t ahAlignment{AH_ALIGNMENT_IPV4};
    /// Inbound: the highest sequence number "already received", ESN high bits included (the
    /// state of Linux's `replay-seq` and `replay-seq-hi`): the window starts there with that
    /// number marked as received; 0 = nothing received. Without ESN at most 2^32-1.
    uint64_t replayHighest{0};

    /**
     * @brief Whether this SA uses ESN.
     * @return ESP: the suite's ESN; AH: esn
     */
    bool IsEsn() const;
    /**
     * @brief A one-line description: "esp tunnel 10.0.0.1->10.0.0.2 spi 0x00001001 aes128gcm16".
     * @return the text
     */
    std::string ToString() const;
};

/**
 * @ingroup ipsec
 * @brief The counters of one SA (like Linux's `ip -s xfrm state`).
 */
struct SaCounters
{
    uint64_t packets{0};     ///< packets protected (outbound) or accepted (inbound)
    uint64_t bytes{0};       ///< payload bytes protected or accepted
    uint64_t replayDrops{0}; ///< inbound packets dropped by the anti-replay window
    uint64_t icvFailures{0}; ///< inbound packets whose ICV did not verify
    uint64_t otherDrops{0};  ///< other drops on this SA (padding, policy mismatch, overflow)
    uint64_t highestSeq{0};  ///< highest sequence number sent or accepted
    /// when a packet was last protected or accepted (0: never; Linux's `lastuse`), for IKE's
    /// dead peer detection and inactivity timeout
    Time lastUse{Seconds(0)};
};

/**
 * @ingroup ipsec
 * @brief One simplex SA with its transform (ESP or AH codec), sequence numbers and replay window.
 *
 * Created from an SaConfig; bad configuration (reserved SPI, wrong key length, tunnel without
 * endpoints, ...) throws ConfigError at construction. The data plane asks it for the next
 * outbound sequence number, checks and updates the window for inbound packets, and accounts
 * every packet against the lifetimes, which call back the SAD on expiry.
 */
class SecurityAssociation : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /// Called when a soft or hard limit is reached.
    using ExpireCallback = Callback<void, Ptr<SecurityAssociation>>;
    /// The node-wide trace of packets protected or accepted, with their SA.
    using StackPacketTrace = TracedCallback<Ptr<const Packet>, uint64_t, Ptr<SecurityAssociation>>;

    SecurityAssociation();
    /**
     * @brief Create the SA and its transform.
     * @param config the configuration
     * @throws ConfigError when the configuration is invalid
     */
    explicit SecurityAssociation(const SaConfig& config);
    ~SecurityAssociation() override;

    /**
     * @brief The configuration.
     * @return it
     */
    const SaConfig& GetConfig() const;
    /**
     * @brief The SPI.
     * @return it
     */
    uint32_t GetSpi() const;
    /**
     * @brief The counters.
     * @return them
     */
    const SaCounters& GetCounters() const;
    /**
     * @brief The ESP transform (null for AH SAs).
     * @return it
     */
    EspCodec* GetEspCodec() const;
    /**
     * @brief The AH transform (null for ESP SAs).
     * @return it
     */
    AhCodec* GetAhCodec() const;
    /**
     * @brief The anti-replay window (inbound).
     * @return it
     */
    const ReplayWindow& GetReplayWindow() const;

    /**
     * @brief Take the next outbound sequence number.
     * @param seq out: the 64-bit number to send
     * @return NONE, or SEQ_OVERFLOW when the counter would pass 2^32-1 without ESN (or 2^64-1
     * with ESN, RFC 4303 §3.3.3); the SA then hard-expires
     */
    DropReason NextSequence(uint64_t& seq);
    /**
     * @brief The name of this SA's crypto work in a CryptoCostTable:
     * EspOperation() or AhOperation() of its algorithms (ipsec-crypto-operation.h), i.e.
     * "esp/<encryption>[-<integrity>]/out" or ".../in", "ah/<integrity>/out" or ".../in" (ESN does
     * not change the cost name).
     * @param outbound protect (out) or check (in)
     * @return the name
     */
    const std::string& GetCryptoOperation(bool outbound) const;
    /**
     * @brief Anti-replay pre-check before the ICV (read-only).
     * @param seqLow the Sequence Number field
     * @param seq out: the full 64-bit sequence number (ESN inferred)
     * @return NONE or REPLAY
     */
    DropReason CheckReplay(uint32_t seqLow, uint64_t& seq) const;
    /**
     * @brief Record an authenticated sequence number in the window.
     * @param seq the full sequence number
     * @return NONE or REPLAY
     */
    DropReason UpdateReplay(uint64_t seq);
    /**
     * @brief Count one packet: counters, Tx/Rx trace, byte/packet lifetimes.
     * @param packet the packet (for the trace)
     * @param payloadBytes bytes of protected payload
     * @param seq its sequence number
     */
    void Account(Ptr<const Packet> packet, uint32_t payloadBytes, uint64_t seq);
    /**
     * @brief Count a drop on this SA and fire its Drop trace.
     * @param packet the packet
     * @param reason why
     */
    void CountDrop(Ptr<const Packet> packet, DropReason reason);

    /**
     * @brief Whether the soft limit was reached.
     * @return true after the soft expiry
     */
    bool IsSoftExpired() const;
    /**
     * @brief Whether the hard limit was reached (the SA must not be used any more).
     * @return true after the hard expiry
     */
    bool IsHardExpired() const;
    /**
     * @brief Mark the soft expiry (once) and call the soft callback and trace.
     */
    void SoftExpire();
    /**
     * @brief Mark the hard expiry (once) and call the hard callback and trace.
     */
    void HardExpire();
    /**
     * @brief Set the callbacks the SAD uses to learn about expiry.
     * @param soft soft expiry
     * @param hard hard expiry
     */
    void SetExpireCallbacks(ExpireCallback soft, ExpireCallback hard);
    /**
     * @brief The node-wide trace this SA's packets also go to (IpsecStack's SaTx or SaRx), fired
     * with the SA itself. A pointer, not a bound callback per SA: the stack owns the trace and
     * outlives the SA's installation (it clears the pointer when it removes the SA).
     * @param trace the trace, or nullptr for none
     */
    void SetStackPacketTrace(StackPacketTrace* trace);
    /**
     * @brief Simulation time of installation (for time lifetimes and reports).
     * @param t the time
     */
    void SetInstallTime(Time t);
    /**
     * @brief Simulation time of installation.
     * @return it
     */
    Time GetInstallTime() const;
    /**
     * @brief Record a path MTU learned from an ICMP "fragmentation needed" about this
     * (outbound) SA's packets (RFC 4301 §8.2.1: the PMTU is an SAD field, with aging).
     * @param mtu the next-hop MTU the router reported
     * @param expires when it ages out (RFC 4301 §8.2.2)
     */
    void SetPathMtu(uint16_t mtu, Time expires);
    /**
     * @brief The path MTU of this SA's outer packets, if one was learned and has not aged out.
     * @return the MTU, or 0 for none
     */
    uint16_t GetPathMtu() const;

    /// Signature of the Tx/Rx traces: packet and sequence number.
    using PacketSeqTracedCallback = void (*)(Ptr<const Packet> packet, uint64_t seq);
    /// Signature of the Drop trace: packet and reason (as its integer value).
    using DropTracedCallback = void (*)(Ptr<const Packet> packet, DropReason reason);
    /// Signature of the expiry traces.
    using ExpireTracedCallback = void (*)(Ptr<SecurityAssociation> sa);

  protected:
    void DoDispose() override;

  private:
    SaConfig m_config;                                     ///< configuration
    std::string m_operationOut;                            ///< GetCryptoOperation(true), made once
    std::string m_operationIn;                             ///< GetCryptoOperation(false), made once
    std::unique_ptr<EspCodec> m_esp;                       ///< ESP transform
    std::unique_ptr<AhCodec> m_ah;                         ///< AH transform
    ReplayWindow m_replay;                                 ///< inbound window
    uint64_t m_lastSeq;                                    ///< outbound: last sequence number used
    SaCounters m_counters;                                 ///< counters
    bool m_softExpired{false};                             ///< soft limit reached
    bool m_hardExpired{false};                             ///< hard limit reached
    Time m_installTime;                                    ///< when installed
    uint16_t m_pathMtu{0};                                 ///< learned PMTU (0: none)
    Time m_pathMtuExpires;                                 ///< when m_pathMtu ages out
    ExpireCallback m_softCallback;                         ///< SAD hook
    ExpireCallback m_hardCallback;                         ///< SAD hook
    StackPacketTrace* m_stackTrace{nullptr};               ///< node-wide Tx or Rx trace
    TracedCallback<Ptr<const Packet>, uint64_t> m_txTrace; ///< protected packet sent
    TracedCallback<Ptr<const Packet>, uint64_t> m_rxTrace; ///< packet accepted
    TracedCallback<Ptr<const Packet>, DropReason> m_dropTrace; ///< drop on this SA
    TracedCallback<Ptr<SecurityAssociation>> m_softTrace;      ///< soft expiry
    TracedCallback<Ptr<SecurityAssociation>> m_hardTrace;      ///< hard expiry
};

/**
 * @ingroup ipsec
 * @brief Parse an AH proposal in strongSwan syntax ("sha256", "sha1-esn", "aesxcbc-noesn").
 * @param text the proposal
 * @param integrity out: the integrity transform
 * @param esn out: whether ESN is on
 * @throws ConfigError for unknown or missing algorithms
 */
void ParseAhProposal(const std::string& text, const TransformInfo*& integrity, bool& esn);

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_SECURITY_ASSOCIATION_H */
