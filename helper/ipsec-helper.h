// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IpsecHelper: IPsec on ns-3 nodes with manual keying.
 */
#ifndef IPSEC_HELPER_H
#define IPSEC_HELPER_H

#include "ipsec-key-export.h"
#include "ipsec-sa-parameters.h"

#include "ns3/ipsec-security-association.h"
#include "ns3/ipsec-security-policy.h"
#include "ns3/ipsec-traffic-selector.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/random-variable-stream.h"

#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

class IpsecStack;

/**
 * @ingroup ipsec
 * @brief What may be fixed of one direction's SAs, to reproduce a peer configured by hand (e.g.
 * Linux with `ip xfrm state add ... spi 0x... enc ... 0x...`): keys in hex ("0x" optional),
 * SPIs, and the sequence-number state. Whatever is left empty or unset is chosen by the helper:
 * keys from the run's random stream, SPIs by the receiving node, sequence numbers from 1.
 *
 * @code
 *   SaKeys aToB;
 *   aToB.spi = 0x1000;                        // as `spi 0x1000` on the Linux side
 *   aToB.encryption = "0x" + keyHex + saltHex; // rfc4106(gcm(aes)): key | 4-byte salt
 *   aToB.nextSequence = (1ULL << 32) - 2;     // start just before the 32-bit wrap (ESN)
 *   aToB.replayHighest = (1ULL << 32) - 3;    // ... and tell the receiver where it stands
 * @endcode
 */
struct SaKeys
{
    std::string encryption;  ///< ESP encryption key, salt/nonce included
    std::string integrity;   ///< ESP integrity key (non-AEAD suites), or AH's key for AH alone
    std::string ahIntegrity; ///< AH's key in an ESP+AH bundle (empty: derived)
    /// SPI of the ESP SA, or of the AH SA for AH alone (unset: the receiver allocates one). 256
    /// or more (RFC 4303 §2.1, RFC 4302 §2.4), and not used by another inbound SA of the
    /// receiver with the same protocol.
    std::optional<uint32_t> spi{};
    /// SPI of the AH SA in an ESP+AH bundle (unset: allocated)
    std::optional<uint32_t> ahSpi{};
    /// The first sequence number the sender sends (unset: the SaParameters InitialSequence
    /// attribute + 1, normally 1). Linux's `replay-oseq` (+ `replay-oseq-hi` with ESN) is this
    /// minus 1. Beyond 2^32-1 needs ESN.
    std::optional<uint64_t> nextSequence{};
    /// The highest sequence number the receiver has already accepted, ESN high bits included
    /// (Linux's `replay-seq` and `replay-seq-hi`); it counts as received, numbers below it in
    /// the window do not. Unset: nothing received.
    std::optional<uint64_t> replayHighest{};
};

/**
 * @ingroup ipsec
 * @brief What AddTransport/AddTunnel installed.
 */
/**
 * @ingroup ipsec
 * @brief An SA that was removed with IpsecStack::RemoveSa (IKE's deletes and rekeys), as the
 * helper keeps it for its summary and key file.
 */
struct RemovedSa
{
    uint32_t node{0};    ///< the node's id
    SaConfig config;     ///< its configuration (keys included)
    SaCounters counters; ///< its counters when it was removed
};

struct IpsecConnection
{
    uint32_t reqidA{0}; ///< reqid of the policies on side A
    uint32_t reqidB{0}; ///< reqid of the policies on side B
    /// SAs A->B as A holds them: outbound on A (their Tx trace fires on A)
    std::vector<Ptr<SecurityAssociation>> aToB;
    /// SAs B->A as B holds them: outbound on B
    std::vector<Ptr<SecurityAssociation>> bToA;
    /// the same SAs A->B as B holds them: inbound on B (their Rx trace fires on B)
    std::vector<Ptr<SecurityAssociation>> aToBInbound;
    /// the same SAs B->A as A holds them: inbound on A
    std::vector<Ptr<SecurityAssociation>> bToAInbound;
};

/**
 * @ingroup ipsec
 * @brief Puts IPsec on nodes and configures it with manual keys, the way `ip xfrm` or
 * strongSwan's swanctl with fixed keys would.
 *
 * @code
 *   IpsecHelper::InstallInternetStack(nodes);   // the Internet stack with IPsec's routing shim
 *   // ... devices, addresses, routes ...
 *   IpsecHelper ipsec;
 *   ipsec.SetSaAttribute("EspProposal", StringValue("aes128gcm16"));
 *   ipsec.Install(nodes);
 *   ipsec.AddTunnel(gwA, gwAAddr, AddressRange::Prefix(lanA, 24),
 *                   gwB, gwBAddr, AddressRange::Prefix(lanB, 24));
 *   ipsec.WriteKeyFile("esp_sa");               // Wireshark decrypts the pcaps with it
 * @endcode
 *
 * Keys are derived from an ns-3 random stream (AssignStreams) unless given in hex; every SA gets
 * its own keys and SPI, so no two SAs share a key (counter-mode IVs start at 1 in each SA).
 */
class IpsecHelper
{
  public:
    IpsecHelper();

    /**
     * @brief Install the Internet stack with IpsecRouting wrapping static and global routing.
     * @param nodes the nodes
     */
    static void InstallInternetStack(NodeContainer nodes);
    /**
     * @brief Install IPsec on nodes that have the Internet stack with IpsecRouting. Call it after
     * the devices and addresses are set up, so that ipsec0 comes last among the interfaces.
     * @param nodes the nodes
     * @throws ConfigError if a node lacks IPv4 or IpsecRouting
     */
    void Install(NodeContainer nodes);
    /**
     * @brief Set an attribute of the IpsecStack objects Install creates.
     * @param name the attribute
     * @param value its value
     */
    void SetStackAttribute(const std::string& name, const AttributeValue& value);
    /**
     * @brief Set an attribute of the CryptoEngine objects InstallCryptoEngine creates
     * (Workers, QueueLimit, SpeedFactor, TableFile, Enabled).
     * @param name the attribute
     * @param value its value
     */
    void SetCryptoEngineAttribute(const std::string& name, const AttributeValue& value);
    /**
     * @brief Give nodes with IPsec a crypto engine (the timing model), aggregated to the node.
     * @param nodes the nodes
     * @throws ConfigError if a node has no IPsec, or an SA's operation has no cost
     */
    void InstallCryptoEngine(NodeContainer nodes);
    /**
     * @brief Set an attribute of the SAs the helper creates (see SaParameters).
     * @param name the attribute
     * @param value its value
     */
    void SetSaAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Protect traffic between two hosts in transport mode, keys from the random stream.
     * @param a host A
     * @param aAddr A's address
     * @param b host B
     * @param bAddr B's address
     * @param protocol IP protocol to protect (0 = all)
     * @return what was installed
     */
    IpsecConnection AddTransport(Ptr<Node> a,
                                 Ipv4Address aAddr,
                                 Ptr<Node> b,
                                 Ipv4Address bAddr,
                                 uint8_t protocol = 0);
    /**
     * @brief Transport mode with keys given in hex.
     * @param a host A
     * @param aAddr A's address
     * @param b host B
     * @param bAddr B's address
     * @param aToB keys of the A->B SAs
     * @param bToA keys of the B->A SAs
     * @param protocol IP protocol to protect (0 = all)
     * @return what was installed
     */
    IpsecConnection AddTransport(Ptr<Node> a,
                                 Ipv4Address aAddr,
                                 Ptr<Node> b,
                                 Ipv4Address bAddr,
                                 const SaKeys& aToB,
                                 const SaKeys& bToA,
                                 uint8_t protocol = 0);
    /**
     * @brief A tunnel for the traffic of a selector only, e.g. one UDP port (the policies of
     * both gateways, in, out and fwd, with their SAs).
     * @param gwA gateway A
     * @param gwAAddr A's tunnel endpoint address
     * @param gwB gateway B
     * @param gwBAddr B's tunnel endpoint address
     * @param selector the traffic, from A's side (local: behind A); B gets its mirror
     * @return what was installed
     */
    IpsecConnection AddTunnel(Ptr<Node> gwA,
                              Ipv4Address gwAAddr,
                              Ptr<Node> gwB,
                              Ipv4Address gwBAddr,
                              const TrafficSelector& selector);
    /**
     * @brief Protect traffic between two subnets with a tunnel between two gateways.
     * @param gwA gateway A
     * @param gwAAddr A's tunnel endpoint address
     * @param subnetA the addresses behind A
     * @param gwB gateway B
     * @param gwBAddr B's tunnel endpoint address
     * @param subnetB the addresses behind B
     * @return what was installed
     */
    IpsecConnection AddTunnel(Ptr<Node> gwA,
                              Ipv4Address gwAAddr,
                              const AddressRange& subnetA,
                              Ptr<Node> gwB,
                              Ipv4Address gwBAddr,
                              const AddressRange& subnetB);
    /**
     * @brief Tunnel mode with keys given in hex.
     * @param gwA gateway A
     * @param gwAAddr A's tunnel endpoint address
     * @param subnetA the addresses behind A
     * @param gwB gateway B
     * @param gwBAddr B's tunnel endpoint address
     * @param subnetB the addresses behind B
     * @param aToB keys of the A->B SAs
     * @param bToA keys of the B->A SAs
     * @return what was installed
     */
    IpsecConnection AddTunnel(Ptr<Node> gwA,
                              Ipv4Address gwAAddr,
                              const AddressRange& subnetA,
                              Ptr<Node> gwB,
                              Ipv4Address gwBAddr,
                              const AddressRange& subnetB,
                              const SaKeys& aToB,
                              const SaKeys& bToA);
    /**
     * @brief Add an explicit policy (BYPASS, DISCARD, or PROTECT for SAs added with AddSa).
     * @param node the node
     * @param policy the policy
     * @param position index in its direction's order; -1 = at the end
     * @return the policy id
     */
    uint32_t AddPolicy(Ptr<Node> node, const SecurityPolicy& policy, int position = -1);
    /**
     * @brief Add an explicit SA (recorded for the key file and the summary).
     * @param node the node
     * @param config its configuration
     * @return the SA
     */
    Ptr<SecurityAssociation> AddSa(Ptr<Node> node, const SaConfig& config);
    /**
     * @brief A fresh reqid for explicit policies and SAs.
     * @return it
     */
    static uint32_t AllocateReqid();

    /// Nodes whose IV streams one AssignStreams call covers.
    static constexpr int64_t MAX_IV_STREAMS = 4096;

    /**
     * @brief Fix the random streams: `stream` for the keys, and stream + 1 + i for the random
     * IVs (CBC ciphers) of the i-th node this helper installs IPsec on (IpsecStack::
     * AssignStreams: one stream per node, for every SA the node gets, from this helper or from
     * IKE), so that the same seed and run give the same bytes whatever else the process
     * simulated before.
     * @param stream first stream index
     * @return the number of stream indices reserved (1 + MAX_IV_STREAMS)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * @brief Write Wireshark's ESP SA table (the `esp_sa` file) for every ESP SA created.
     * @param path the file
     * @param version the Wireshark to write it for (4.2 adds ChaCha20-Poly1305)
     */
    void WriteKeyFile(const std::string& path,
                      WiresharkVersion version = WiresharkVersion::V4_0) const;
    /**
     * @brief Write, for each node with IPsec installed here, `PREFIX-<node id>.sh`: a shell
     * script of `ip xfrm state add` and `ip xfrm policy add` commands (iproute2) that gives a
     * Linux host the node's SAs (keys, SPIs, sequence presets) and policies, see
     * ipsec-xfrm-export.h.
     * @param prefix the path prefix
     * @return the files written
     * @throws ConfigError if a file cannot be written or an algorithm has no Linux name
     */
    std::vector<std::string> WriteXfrmScripts(const std::string& prefix) const;
    /**
     * @brief The ESP SAs' keys, as written by WriteKeyFile.
     * @return them
     */
    std::vector<EspSaKeys> GetEspSaKeys() const;
    /**
     * @brief Print per-node drop counters and per-SA counters as a table.
     * @param os the stream
     */
    void PrintSummary(std::ostream& os) const;
    /**
     * @brief All SAs installed on the nodes this helper installed (by it, by scripts through
     * it or the nodes' IpsecStack, or by IKE) and by it on other nodes, with their node ids.
     * @return (node id, SA) pairs
     */
    const std::vector<std::pair<uint32_t, Ptr<SecurityAssociation>>>& GetSas() const;
    /**
     * @brief The SAs IKE removed from the helper's nodes (deletes and rekeys), with their
     * configuration and last counters; GetSas() no longer lists them.
     * @return them, in order of removal
     */
    const std::vector<RemovedSa>& GetRemovedSas() const;

  private:
    /**
     * @brief Install policies on both sides and the SAs of both directions.
     * @param mode transport or tunnel
     * @param a side A
     * @param aAddr A's address (tunnel: endpoint)
     * @param b side B
     * @param bAddr B's address (tunnel: endpoint)
     * @param ts the selector from A's point of view
     * @param aToB keys A->B
     * @param bToA keys B->A
     * @return what was installed
     */
    IpsecConnection Connect(IpsecMode mode,
                            Ptr<Node> a,
                            Ipv4Address aAddr,
                            Ptr<Node> b,
                            Ipv4Address bAddr,
                            const TrafficSelector& ts,
                            const SaKeys& aToB,
                            const SaKeys& bToA);
    /**
     * @brief The IpsecStack of a node.
     * @param node the node
     * @return its stack
     * @throws ConfigError if IPsec is not installed there
     */
    static Ptr<IpsecStack> GetStack(Ptr<Node> node);
    /**
     * @brief Key bytes: from hex, or random.
     * @param hex the hex string (may be empty)
     * @param size bytes needed
     * @return the key
     */
    std::vector<uint8_t> MakeKey(const std::string& hex, size_t size);
    /**
     * @brief Install the SAs of one direction: outbound on src, inbound on dst.
     * @param params SA parameters
     * @param src sending node
     * @param srcAddr its address
     * @param dst receiving node
     * @param dstAddr its address
     * @param mode mode
     * @param keys keys
     * @param reqidOut reqid of src's policies
     * @param reqidIn reqid of dst's policies
     * @param inbound receives the inbound SAs on dst
     * @return the SAs (outbound ones)
     */
    std::vector<Ptr<SecurityAssociation>> InstallDirection(
        Ptr<SaParameters> params,
        Ptr<Node> src,
        Ipv4Address srcAddr,
        Ptr<Node> dst,
        Ipv4Address dstAddr,
        IpsecMode mode,
        const SaKeys& keys,
        uint32_t reqidOut,
        uint32_t reqidIn,
        std::vector<Ptr<SecurityAssociation>>& inbound);
    /**
     * @brief Install the OUT/IN(/FWD) policies of one side.
     * @param node the node
     * @param ts the selector from this side's point of view
     * @param params SA parameters
     * @param mode mode
     * @param local tunnel endpoint here (tunnel mode)
     * @param remote tunnel endpoint there (tunnel mode)
     * @param reqid the reqid
     * @param installed receives (node, policy id) of each policy installed
     */
    void InstallPolicies(Ptr<Node> node,
                         const TrafficSelector& ts,
                         Ptr<SaParameters> params,
                         IpsecMode mode,
                         Ipv4Address local,
                         Ipv4Address remote,
                         uint32_t reqid,
                         std::vector<std::pair<Ptr<Node>, uint32_t>>& installed);
    /**
     * @brief Refuse one key for both directions with a counter-mode cipher (nonce reuse).
     * @param params SA parameters
     * @param aToB keys A->B
     * @param bToA keys B->A
     */
    static void CheckKeyReuse(Ptr<SaParameters> params, const SaKeys& aToB, const SaKeys& bToA);

    ObjectFactory m_stackFactory;           ///< IpsecStack attributes
    ObjectFactory m_engineFactory;          ///< CryptoEngine attributes
    ObjectFactory m_saFactory;              ///< SaParameters attributes
    Ptr<UniformRandomVariable> m_keyStream; ///< key material
    int64_t m_ivStreamBase{-1};             ///< first IV stream (-1: not assigned)
    /// Give a node's stack its IV stream (the node's index among m_nodes).
    void AssignIvStream(size_t index);
    /// SAs by node id
    using SaList = std::vector<std::pair<uint32_t, Ptr<SecurityAssociation>>>;

    /// What the helper knows of the SAs of its nodes (shared with their traces, which may
    /// outlive the helper).
    struct SaLog
    {
        SaList sas;                     ///< installed SAs (hard-expired ones stay)
        std::vector<RemovedSa> removed; ///< SAs IKE removed: their last state
    };

    /**
     * @brief The SaAdded trace of an installed node: record the SA.
     * @param log the log
     * @param node the node's id
     * @param sa the SA
     */
    static void RecordSa(std::shared_ptr<SaLog> log, uint32_t node, Ptr<SecurityAssociation> sa);
    /**
     * @brief The SaRemoved trace of an installed node: keep the SA's configuration and
     * counters, let the SA go (a rekeyed hour of 1,000 tunnels would otherwise keep 28,000).
     * @param log the log
     * @param sa the SA
     */
    static void RecordRemoval(std::shared_ptr<SaLog> log, Ptr<SecurityAssociation> sa);
    std::shared_ptr<SaLog> m_log{std::make_shared<SaLog>()}; ///< the SAs
    std::vector<Ptr<Node>> m_nodes;                          ///< nodes with IPsec installed here
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_HELPER_H */
