// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The per-node IPsec object: SPD, SAD, the ipsec0 interface, ESP/AH protocols and counters.
 */
#ifndef IPSEC_STACK_H
#define IPSEC_STACK_H

#include "ipsec-drop-reason.h"
#include "ipsec-fragment-buffer.h"
#include "ipsec-l4-protocol.h"
#include "ipsec-security-association-database.h"
#include "ipsec-security-policy-database.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-route.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <array>
#include <map>

namespace ns3
{

class Node;
class Ipv4L3Protocol;
class VirtualNetDevice;

namespace ipsec
{

class CryptoEngine;
class EspProtocol;
class AhProtocol;
class IpsecRouting;

/**
 * @ingroup ipsec
 * @brief How the outer DF bit of a tunnel is set (RFC 4301 §8.1; Linux XFRM copies it).
 * (A plain enum: ns-3 3.37's EnumValue holds an int.)
 */
enum TunnelDf
{
    TUNNEL_DF_COPY,  ///< copy the inner DF bit
    TUNNEL_DF_SET,   ///< always set DF
    TUNNEL_DF_CLEAR, ///< never set DF
};

/**
 * @ingroup ipsec
 * @brief How ECN is handled at tunnel ingress (RFC 6040 §4.1).
 */
enum TunnelEcn
{
    TUNNEL_ECN_NORMAL,        ///< normal mode: the outer ECN field is a copy of the inner one
    TUNNEL_ECN_COMPATIBILITY, ///< compatibility mode: the outer ECN field is Not-ECT
};

/**
 * @ingroup ipsec
 * @brief How a gateway hands a forwarded datagram that an OUT PROTECT policy covers to IPsec.
 */
enum ForwardPath
{
    /// through ns-3's IpForward and ipsec0: TTL and ICMP time exceeded, the UnicastForward
    /// trace and ipsec0's Tx trace (plaintext pcaps on ipsec0) see it, as Linux's FORWARD
    /// hook and xfrm interfaces do
    FORWARD_PATH_DEVICE,
    /// the routing shim decrements the TTL and protects it at once (ns-3's IpForward handles
    /// a TTL that would expire, with its ICMP): the same bytes on the wire, less simulation
    /// work, but neither UnicastForward nor ipsec0 sees the datagram
    FORWARD_PATH_DIRECT,
};

/**
 * @ingroup ipsec
 * @brief What happens to a datagram that matches no policy of a direction (RFC 4301 §4.4.1
 * says discard; Linux's default, and this module's, is bypass; `ip xfrm policy setdefault`).
 */
enum DefaultPolicy
{
    DEFAULT_POLICY_BYPASS,  ///< send or accept it unprotected
    DEFAULT_POLICY_DISCARD, ///< drop it (no-policy)
};

/**
 * @ingroup ipsec
 * @brief How ICMP error messages select their policy (RFC 4301 §6.2).
 */
enum IcmpErrorPolicy
{
    /// RFC 4301 §6.2: an error that its own addresses do not protect is mapped by the
    /// datagram it quotes (reversed) to that flow's SA, and one arriving through an SA must
    /// quote a datagram of that SA's selectors; a plaintext error quoting protected traffic
    /// is refused where the inbound policy protects it (Linux: the policy's `icmp` flag)
    ICMP_ERRORS_QUOTED,
    /// the error is an ordinary ICMP datagram: its own addresses select the policy (Linux
    /// without the `icmp` flag), so an error from a router outside the selectors goes and
    /// arrives in plaintext
    ICMP_ERRORS_PLAIN,
};

/**
 * @ingroup ipsec
 * @brief The IPsec layer of one node, aggregated to the Node (DESIGN.md §2).
 *
 * Outbound, IpsecRouting sends every datagram that a PROTECT or DISCARD policy may cover to the
 * ipsec0 VirtualNetDevice; its send callback (DeviceSend) sees the whole datagram, looks up the
 * SPD with ports, applies the SAs and re-sends the result on the real route with
 * Ipv4L3Protocol::SendWithHeader, so IP fragments after IPsec. Inbound, EspProtocol and
 * AhProtocol (IP protocols 50 and 51) get reassembled datagrams, find the SA by SPI, check and
 * remove the protection and call DeliverInbound, which re-injects the result into IP as received
 * on ipsec0; IpsecRouting then checks it against the inbound policy (InboundStep).
 */
class IpsecStack : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    IpsecStack();
    ~IpsecStack() override;

    /**
     * @brief Set up on a node that has an IPv4 stack with IpsecRouting as its routing protocol:
     * create ipsec0, register ESP and AH. Called once by IpsecHelper::Install.
     * @param node the node (this object is aggregated to it)
     * @throws ConfigError if the node has no IPv4 or its routing protocol is not IpsecRouting
     */
    void Setup(Ptr<Node> node);

    /**
     * @brief The policy database.
     * @return it
     */
    const SecurityPolicyDatabase& GetSpd() const;
    /**
     * @brief The SA database.
     * @return it
     */
    SecurityAssociationDatabase& GetSad();
    /**
     * @brief Add a policy at the end of its direction's list.
     * @param policy the policy
     * @return its id
     * @throws ConfigError if it is invalid or, for a transport PROTECT policy in direction FWD,
     * because transport mode cannot protect forwarded traffic (RFC 4301 §4.1)
     */
    uint32_t AddPolicy(const SecurityPolicy& policy);
    /**
     * @brief Insert a policy at a position of its direction's list.
     * @param policy the policy
     * @param position index (0 = first)
     * @return its id
     */
    uint32_t InsertPolicy(const SecurityPolicy& policy, size_t position);
    /**
     * @brief Remove a policy.
     * @param id its id
     * @return whether it existed
     */
    bool RemovePolicy(uint32_t id);
    /**
     * @brief Create and install an SA.
     * @param config its configuration
     * @return the SA
     * @throws ConfigError if the configuration is invalid or conflicts with installed SAs
     */
    Ptr<SecurityAssociation> AddSa(const SaConfig& config);

    /**
     * @brief Remove an SA (IKE's DELETE, or the old SA of a rekey), firing SaRemoved. Packets
     * the crypto engine still holds for it finish with it.
     * @param sa the SA
     * @return whether it was installed
     */
    bool RemoveSa(Ptr<SecurityAssociation> sa);

    /**
     * @brief Choose an unused SPI for an inbound SA of this node (the receiver chooses its
     * SPIs, as in IKE, RFC 7296 §2.6), counting up from 0x1000 * (node id + 1) + 1 so that
     * traces stay readable and show which node chose an SPI.
     * @return the SPI
     */
    uint32_t AllocateSpi();

    /**
     * @brief Fix the stream of the node's random IVs (ns-3's AssignStreams convention): every
     * outbound CBC SA installed here draws its IVs from it (RFC 3602 §2.1 asks for unpredictable
     * IVs; counter and combined modes need no randomness), so that the same seed and run give
     * the same bytes whoever installs the SAs (a helper or IKE) and however many there are.
     * @param stream the stream index
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * @brief A fresh reqid: the link between a policy and the SAs that serve it (Linux XFRM's
     * reqid). Process-wide, so that IpsecHelper's connections and IKE's never share one;
     * reqids never go on the wire.
     * @return it (1, 2, ...)
     */
    static uint32_t AllocateReqid();
    /**
     * @brief Charge ESP/AH work to a crypto engine (timing model); null turns timing off.
     * @param engine the engine (its table must cost every installed SA's operations)
     * @throws ConfigError if the engine's table lacks an installed SA's operation
     */
    void SetCryptoEngine(Ptr<CryptoEngine> engine);
    /**
     * @brief The crypto engine.
     * @return it, or null when processing takes no simulated time
     */
    Ptr<CryptoEngine> GetCryptoEngine() const;
    /**
     * @brief The ipsec0 device.
     * @return it
     */
    Ptr<VirtualNetDevice> GetDevice() const;
    /**
     * @brief The IPv4 interface index of ipsec0.
     * @return it
     */
    uint32_t GetInterface() const;
    /**
     * @brief A "fragmentation needed" ICMP error quoting one of this node's ESP or AH packets
     * arrived (EspProtocol/AhProtocol's ReceiveIcmp): record the path MTU on the SA
     * (RFC 4301 §8.2.1) until it ages out (attribute PmtuTimeout, §8.2.2).
     * @param protocol ESP or AH
     * @param spi the quoted SPI
     * @param destination the quoted destination (the peer)
     * @param mtu the next-hop MTU the router reported
     */
    void ReceivePathMtu(IpsecProtocol protocol,
                        uint32_t spi,
                        Ipv4Address destination,
                        uint32_t mtu);
    /**
     * @brief Per-reason drop counters of this node.
     * @param reason the reason
     * @return how many packets were dropped for it
     */
    uint64_t GetDropCount(DropReason reason) const;

    // ---- called by IpsecRouting ----
    /**
     * @brief Whether a locally originated datagram may need IPsec (ports not known yet).
     * @param header the header as far as known
     * @param source the source chosen by the real route
     * @return true to route it to ipsec0
     */
    bool NeedsOutboundProcessing(const Ipv4Header& header, Ipv4Address source) const;
    /**
     * @brief Whether a fragment must be held until its datagram is whole because a policy
     * with port selectors may cover it (RFC 4301 §7), and if so, hold it.
     * @param p the fragment's payload
     * @param header its header (a fragment)
     * @param local true if addressed to this node
     * @param forwarding whether the node forwards it
     * @param whole receives the reassembled header
     * @return the fragment itself (no policy needs its ports), null (held, or discarded and
     * counted), or the reassembled datagram's payload (its header in @p whole)
     */
    Ptr<const Packet> HoldFragment(Ptr<const Packet> p,
                                   const Ipv4Header& header,
                                   bool local,
                                   bool forwarding,
                                   Ipv4Header& whole);
    /**
     * @brief Build the route to ipsec0 for a datagram, from its real route.
     * @param real the real route (may be null for forwarded datagrams: the outer packet of a
     * tunnel is routed by its own destination)
     * @param destination the datagram's destination
     * @return a route through ipsec0 with the real route's source
     */
    Ptr<Ipv4Route> MakeIpsecRoute(Ptr<const Ipv4Route> real, Ipv4Address destination) const;

    /// What IpsecRouting does with a datagram entering IP (InboundStep()).
    struct InboundVerdict
    {
        bool drop{false};                     ///< dropped (already counted and traced)
        const SecurityPolicy* steer{nullptr}; ///< forwarded: the OUT PROTECT/DISCARD policy
    };

    /**
     * @brief The inbound step of a datagram entering IP, with one selector for both checks.
     *
     * First the inbound check (RFC 4301 §5.2): plaintext covered by a PROTECT policy is
     * dropped; decrypted datagrams must match the policy of their SAs. Then, for a datagram
     * this node forwards, the OUT policy: if it is PROTECT or DISCARD the datagram must go
     * through ipsec0 (verdict.steer).
     * @param p the IP payload
     * @param header its header
     * @param fromIpsec true if re-injected by DeliverInbound
     * @param local true if addressed to this node (IN), false if forwarded (FWD)
     * @param forwarding whether the node forwards it (not local, forwarding on)
     * @return the verdict
     */
    InboundVerdict InboundStep(Ptr<const Packet> p,
                               const Ipv4Header& header,
                               bool fromIpsec,
                               bool local,
                               bool forwarding);
    /**
     * @brief The ForwardPath attribute.
     * @return how forwarded datagrams reach IPsec
     */
    ForwardPath GetForwardPath() const;
    /**
     * @brief Apply an OUT PROTECT or DISCARD policy to a forwarded datagram directly
     * (FORWARD_PATH_DIRECT), as DeviceSend does (ApplyOutPolicy).
     * @param p the IP payload
     * @param header its header, TTL already decremented
     * @param policy the policy InboundStep() found
     */
    void ForwardDirect(Ptr<const Packet> p, const Ipv4Header& header, const SecurityPolicy& policy);
    /**
     * @brief Remember the OUT policy InboundStep() found for a forwarded datagram while
     * IpsecRouting hands it to ns-3's IpForward, so that DeviceSend, when it gets the same
     * packet (same uid) in that call and no policy changed since, does not look it up again.
     * @param uid the packet's uid
     * @param policy its OUT policy; nullptr forgets
     */
    void SetSteered(uint64_t uid, const SecurityPolicy* policy);
    /**
     * @brief Whether an address is a destination of this node: an address or subnet-directed
     * broadcast of any interface (the weak end-system model IpsecStack requires), as
     * Ipv4L3Protocol::IsDestinationAddress for unicast addresses, from a cache.
     * @param a the address (not multicast, not 255.255.255.255)
     * @return true if local
     */
    bool IsDestinationAddress(Ipv4Address a) const;
    /**
     * @brief Forget the address cache (IpsecRouting calls it when an address is added or
     * removed).
     */
    void InvalidateAddresses();

    // ---- called by EspProtocol/AhProtocol ----
    /**
     * @brief Count and trace a drop.
     * @param header the IP header of the datagram
     * @param p the IP payload as IPsec saw it
     * @param reason why
     * @param sa the SA involved, if any
     */
    void Drop(const Ipv4Header& header,
              Ptr<const Packet> p,
              DropReason reason,
              Ptr<SecurityAssociation> sa = nullptr);
    /**
     * @brief Hand a datagram whose protection was removed back to IP (as received on ipsec0).
     * @param ctx the SAs used
     * @param payload the decrypted payload (transport: L4 segment; tunnel: inner datagram)
     * @param nextHeader its protocol
     * @param outer the IP header it arrived with
     */
    void DeliverInbound(const InboundContext& ctx,
                        Ptr<Packet> payload,
                        uint8_t nextHeader,
                        const Ipv4Header& outer);
    /**
     * @brief Check a payload whose protection was removed and make it the datagram that
     * DeliverInbound hands back to IP.
     *
     * Tunnel mode: the payload must be an IPv4 datagram (next header 4, version 4, no
     * options) whose total length fits the payload; TFC padding after it is removed and the
     * outer ECN field is applied to it (RFC 6040 §4.2). Transport mode: the payload gets the
     * outer header with the protocol set to the next header. In both modes a UDP, TCP or
     * ICMP segment (of a whole inner datagram) that ns-3's L4 protocols cannot parse safely
     * is malformed: shorter than its header, a TCP data offset or option length out of
     * bounds, an ICMP error without the IPv4 header and 8 bytes it quotes.
     * @param mode the SA's mode
     * @param payload the decrypted payload (transport: L4 segment; tunnel: inner datagram);
     * on success, the datagram with its IPv4 header
     * @param nextHeader its protocol
     * @param outer the IP header it arrived with
     * @param header receives the datagram's IPv4 header on success
     * @return DropReason::NONE, or DropReason::BAD_NEXT_HEADER, DropReason::MALFORMED,
     * DropReason::ECN_CE_NOT_ECT
     */
    static DropReason MakeInboundDatagram(IpsecMode mode,
                                          Ptr<Packet> payload,
                                          uint8_t nextHeader,
                                          const Ipv4Header& outer,
                                          Ipv4Header& header);
    /**
     * @brief The ESP protocol (for AH's transport adjacency).
     * @return it
     */
    Ptr<EspProtocol> GetEsp() const;

    /// Signature of the Drop trace.
    using DropTracedCallback = void (*)(const Ipv4Header& header,
                                        Ptr<const Packet> packet,
                                        DropReason reason,
                                        Ptr<SecurityAssociation> sa);
    /// Signature of the Acquire trace.
    using AcquireTracedCallback = void (*)(Ptr<const Packet> packet,
                                           uint32_t policyId,
                                           const PacketSelector& selector);
    /// Signature of the SaTx and SaRx traces.
    using SaPacketTracedCallback = void (*)(Ptr<const Packet> packet,
                                            uint64_t seq,
                                            Ptr<SecurityAssociation> sa);

  protected:
    void DoDispose() override;

  private:
    /**
     * @brief ipsec0's send callback: the whole outbound datagram.
     * @param packet the datagram with its IP header
     * @param source unused
     * @param dest unused
     * @param protocol the L3 protocol (0x0800)
     * @return true
     */
    bool DeviceSend(Ptr<Packet> packet,
                    const Address& source,
                    const Address& dest,
                    uint16_t protocol);
    /**
     * @brief Send a datagram on the route the wrapped protocols give (bypassed or protected
     * output, which must not loop back into ipsec0); IP fragments it if needed.
     * @param packet the payload
     * @param header the header
     */
    void SendOnRealRoute(Ptr<Packet> packet, const Ipv4Header& header);
    /**
     * @brief The OUT policy of a datagram: the first match, else for an ICMP error the PROTECT
     * policy of the flow it quotes (IcmpErrors), else the default (DefaultOutPolicy).
     * @param header the IP header
     * @param p the IP payload
     * @param sel the datagram's selector, outbound
     * @return the policy, &m_noPolicy for the default discard, or nullptr (bypass)
     */
    const SecurityPolicy* LookupOut(const Ipv4Header& header,
                                    Ptr<const Packet> p,
                                    const PacketSelector& sel) const;
    /// What an ICMP error quotes, for IcmpErrors quoted (RFC 4301 §6.2).
    enum class QuotedError
    {
        NONE,      ///< not an ICMP error quoting an IPv4 datagram, or IcmpErrors plain
        ELSEWHERE, ///< an error addressed elsewhere than the quoted datagram's source
        TO_SOURCE, ///< an error addressed to the quoted source: the quoted flow decides
    };

    /**
     * @brief Classify a datagram as an ICMP error judged by the flow it quotes (IcmpErrors
     * quoted, RFC 4301 §6.2). A genuine error goes to the quoted datagram's source (RFC 792);
     * one addressed elsewhere is not about that flow, whatever it quotes, or a host could
     * send anything through an SA by quoting a protected datagram.
     * @param header the IP header
     * @param p the IP payload
     * @param outbound true if the node sends (or forwards) it, false on its way in
     * @param quoted receives the quoted flow's selector (PacketSelector::FromIcmpError)
     * @return the class
     */
    QuotedError ClassifyIcmpError(const Ipv4Header& header,
                                  Ptr<const Packet> p,
                                  bool outbound,
                                  PacketSelector& quoted) const;
    /**
     * @brief The outer size of a datagram after IPsec.
     * @param esp the ESP SA (or null)
     * @param ah the AH SA (or null)
     * @param tunnel true in tunnel mode
     * @param size the datagram's size, IP header included
     * @return the size of the outer datagram
     */
    static uint32_t ProtectedSize(Ptr<SecurityAssociation> esp,
                                  Ptr<SecurityAssociation> ah,
                                  bool tunnel,
                                  uint32_t size);
    /**
     * @brief The largest datagram an SA pair carries in an outer MTU.
     * @param esp the ESP SA (or null)
     * @param ah the AH SA (or null)
     * @param tunnel true in tunnel mode
     * @param mtu the outer MTU
     * @return the size, IP header included (0 if nothing fits)
     */
    static uint32_t MaxInnerSize(Ptr<SecurityAssociation> esp,
                                 Ptr<SecurityAssociation> ah,
                                 bool tunnel,
                                 uint32_t mtu);
    /**
     * @brief Fragment an inner datagram without DF before tunnel mode (RFC 4301 §8.1), so that
     * each piece's outer packet fits with DF set, and protect each piece.
     * @param packet the payload
     * @param header its header (DF clear)
     * @param policy the PROTECT policy
     * @param mtu the largest inner datagram that fits (MaxInnerSize, at least 68)
     */
    void PreFragment(Ptr<Packet> packet,
                     const Ipv4Header& header,
                     const SecurityPolicy& policy,
                     uint32_t mtu);
    /**
     * @brief Drop a DF datagram that does not fit and tell its source the MTU it may use
     * (ICMP "fragmentation needed", RFC 1191; to a local source as Linux's ip_local_error
     * does, through its L4 protocol's ReceiveIcmp).
     * @param header its header
     * @param packet its payload
     * @param mtu the MTU to report
     * @param sa the SA involved, if any
     */
    void TooBig(const Ipv4Header& header,
                Ptr<const Packet> packet,
                uint32_t mtu,
                Ptr<SecurityAssociation> sa);
    /**
     * @brief Apply a PROTECT policy.
     * @param packet the payload
     * @param header the header
     * @param policy the policy
     */
    void Protect(Ptr<Packet> packet, const Ipv4Header& header, const SecurityPolicy& policy);
    /**
     * @brief What the OUT policy of an outbound or forwarded datagram says: none or BYPASS,
     * send it unchanged on its real route; DISCARD, drop it; PROTECT, Protect() it.
     * @param packet the IP payload
     * @param header its header
     * @param policy the policy, or nullptr for none
     */
    void ApplyOutPolicy(Ptr<Packet> packet, const Ipv4Header& header, const SecurityPolicy* policy);
    /**
     * @brief Whether a datagram is IKE (UDP 500/4500) and bypasses policy.
     * @param sel its selector
     * @return true for IKE
     */
    bool IsIke(const PacketSelector& sel) const;
    /**
     * @brief Check that the engine's table costs an SA's operations.
     * @param sa the SA
     * @throws ConfigError otherwise
     */
    void CheckCosts(const SecurityAssociation& sa) const;
    /**
     * @brief Whether an address is one of this node's (not ipsec0's).
     * @param a the address
     * @return true if local
     */
    bool IsLocalAddress(Ipv4Address a) const;
    /**
     * @brief Fill the address cache from the interfaces.
     */
    void RefreshAddresses() const;
    /**
     * @brief Check that a transport policy's local side holds only this node's addresses.
     * @param policy the policy
     * @throws ConfigError otherwise
     */
    void CheckTransportPolicy(const SecurityPolicy& policy) const;
    /**
     * @brief Remember a policy's reqid for CheckSaPolicy.
     * @param id the policy id
     */
    void IndexPolicy(uint32_t id);
    /**
     * @brief Check a decrypted datagram against the policy of its SAs.
     * @param sel its selector
     * @param local IN or FWD
     * @return NONE or POLICY_MISMATCH
     */
    DropReason CheckSaPolicy(const PacketSelector& sel, bool local) const;
    /**
     * @brief Count and trace a fragment the fragment buffer discarded.
     * @param header its header
     * @param p its payload
     * @param reason why
     */
    void DropFragment(const Ipv4Header& header, Ptr<const Packet> p, DropReason reason);
    /**
     * @brief Whether any OUT PROTECT policy is installed.
     * @return true if one is
     */
    bool HasOutProtect() const;
    /**
     * @brief The default policy of a direction.
     * @param direction IN, OUT or FWD
     * @return bypass or discard
     */
    DefaultPolicy GetDefault(PolicyDirection direction) const;
    /**
     * @brief Soft expiry: forward to the trace.
     * @param sa the SA
     */
    void OnSoftExpire(Ptr<SecurityAssociation> sa);
    /**
     * @brief Hard expiry: forward to the trace.
     * @param sa the SA
     */
    void OnHardExpire(Ptr<SecurityAssociation> sa);

    Ptr<Node> m_node;                  ///< the node
    Ptr<Ipv4L3Protocol> m_ipv4;        ///< its IPv4 stack
    Ptr<IpsecRouting> m_routing;       ///< the routing shim
    Ptr<VirtualNetDevice> m_device;    ///< ipsec0
    uint32_t m_interface{0};           ///< ipsec0's IPv4 interface
    Ptr<EspProtocol> m_esp;            ///< protocol 50
    Ptr<AhProtocol> m_ah;              ///< protocol 51
    Ptr<CryptoEngine> m_engine;        ///< timing model (null: none)
    SecurityPolicyDatabase m_spd;      ///< policies
    SecurityAssociationDatabase m_sad; ///< SAs
    /// policy ids by (direction, reqid), for the inbound check of decrypted datagrams
    std::map<std::pair<uint8_t, uint32_t>, std::vector<uint32_t>> m_reqidPolicies;
    std::array<uint64_t, static_cast<size_t>(DropReason::COUNT)> m_drops{}; ///< counters
    InboundContext m_inbound;    ///< SAs of the datagram being re-injected
    uint64_t m_policyVersion{0}; ///< bumped on every policy change

    /// the OUT policy of the forwarded datagram IpsecRouting is handing to ipsec0
    struct
    {
        uint64_t uid{0};                       ///< its packet uid
        const SecurityPolicy* policy{nullptr}; ///< the policy (nullptr: none)
        uint64_t version{0};                   ///< m_policyVersion when found
    } m_steered;

    mutable bool m_addressesValid{false};              ///< whether the caches are filled
    mutable std::vector<Ipv4Address> m_localAddresses; ///< interface addresses but ipsec0's
    mutable std::vector<Ipv4Address> m_destinations;   ///< every address and subnet broadcast
    uint16_t m_tunnelId{0};                            ///< outer IP identification
    uint32_t m_nextSpi{0x1001};                        ///< next SPI AllocateSpi tries
    uint8_t m_tunnelTtl;                               ///< attribute TunnelTtl
    TunnelDf m_tunnelDf;                               ///< attribute TunnelDf
    TunnelEcn m_tunnelEcn;                             ///< attribute TunnelEcn
    bool m_bypassIke;                                  ///< attribute BypassIke
    ForwardPath m_forwardPath;                         ///< attribute ForwardPath
    DefaultPolicy m_defaultIn;                         ///< attribute DefaultInPolicy
    DefaultPolicy m_defaultOut;                        ///< attribute DefaultOutPolicy
    DefaultPolicy m_defaultFwd;                        ///< attribute DefaultFwdPolicy
    IcmpErrorPolicy m_icmpErrors;                      ///< attribute IcmpErrors
    Time m_pmtuTimeout;                                ///< attribute PmtuTimeout
    uint16_t m_minPmtu;                                ///< attribute MinPmtu
    Time m_fragmentTimeout;                            ///< attribute FragmentTimeout
    Ptr<UniformRandomVariable> m_ivRandom;             ///< the node's random IVs (CBC), or null
    int64_t m_ivStream{-1};                            ///< its stream (-1: auto-assigned)

    /// @return m_ivRandom, made on first use
    Ptr<UniformRandomVariable> IvRandom();
    FragmentBuffer m_fragments;                   ///< fragments held for policy
    std::array<bool, 3> m_portPolicies{};         ///< per direction: port selectors
    uint64_t m_portPoliciesVersion{~uint64_t{0}}; ///< m_policyVersion they reflect
    SecurityPolicy m_noPolicy;                    ///< stands for the default discard
    /// drops with their reason
    TracedCallback<const Ipv4Header&, Ptr<const Packet>, DropReason, Ptr<SecurityAssociation>>
        m_dropTrace;
    /// no SA for a policy: the datagram's payload, the policy and the datagram's selector
    TracedCallback<Ptr<const Packet>, uint32_t, const PacketSelector&> m_acquireTrace;
    TracedCallback<Ptr<SecurityAssociation>> m_softTrace;      ///< soft expiry
    TracedCallback<Ptr<SecurityAssociation>> m_hardTrace;      ///< hard expiry
    TracedCallback<Ptr<SecurityAssociation>> m_saAddedTrace;   ///< SA installed
    TracedCallback<Ptr<SecurityAssociation>> m_saRemovedTrace; ///< SA removed
    /// A packet of the node protected or accepted, with its SA (each SA's Tx or Rx).
    SecurityAssociation::StackPacketTrace m_saTxTrace; ///< every outbound SA's Tx
    SecurityAssociation::StackPacketTrace m_saRxTrace; ///< every inbound SA's Rx
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_STACK_H */
