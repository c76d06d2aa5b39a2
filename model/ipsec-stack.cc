// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-stack.h"

#include "ipsec-ah-protocol.h"
#include "ipsec-carried-tags.h"
#include "ipsec-config-error.h"
#include "ipsec-constants.h"
#include "ipsec-crypto-engine.h"
#include "ipsec-esp-protocol.h"
#include "ipsec-iv-generator.h"
#include "ipsec-ns3-compat.h"
#include "ipsec-routing.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/icmpv4-l4-protocol.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"
#include "ns3/virtual-net-device.h"

#include <sstream>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecStack");
NS_OBJECT_ENSURE_REGISTERED(IpsecStack);

namespace
{

/// IKE's UDP ports (RFC 7296 §2: 500; RFC 3948: 4500 with NAT traversal).
constexpr uint16_t IKE_PORT = 500;
/// IKE's NAT-traversal port (RFC 3948).
constexpr uint16_t IKE_NATT_PORT = 4500;
/// IP protocol number of UDP.
constexpr uint8_t UDP_PROTOCOL = 17;
/// IP protocol number of ICMP.
constexpr uint8_t PROTOCOL_ICMP = 1;
/// ICMP destination unreachable (RFC 792) and its code "fragmentation needed and DF set".
constexpr uint8_t ICMP_DEST_UNREACH = 3;
/// ICMP code "fragmentation needed and DF set" (RFC 792, RFC 1191).
constexpr uint8_t ICMP_FRAG_NEEDED = 4;
/// The smallest MTU a router may report (RFC 791 and RFC 1191 §3).
constexpr uint32_t MIN_IPV4_MTU = 68;
/// MTU of ipsec0: large, so that IP never fragments before IPsec (DESIGN.md §2).
constexpr uint16_t IPSEC_DEVICE_MTU = 65000;
/// ECN codepoints (RFC 3168 §5).
constexpr uint8_t ECN_NOT_ECT = 0;
/// ECT(1)
constexpr uint8_t ECN_ECT1 = 1;
/// ECT(0)
constexpr uint8_t ECN_ECT0 = 2;
/// CE
constexpr uint8_t ECN_CE = 3;

/**
 * The inner ECN field after tunnel egress (RFC 6040 §4.2, Figure 4).
 * @param inner the inner ECN field
 * @param outer the outer ECN field
 * @param drop out: true when the combination must be dropped (outer CE, inner Not-ECT)
 * @return the new inner ECN field
 */
uint8_t
DecapsulateEcn(uint8_t inner, uint8_t outer, bool& drop)
{
    drop = false;
    if (inner == ECN_NOT_ECT)
    {
        drop = outer == ECN_CE;
        return inner;
    }
    if (outer == ECN_CE)
    {
        return ECN_CE;
    }
    if (outer == ECN_ECT1 && inner == ECN_ECT0)
    {
        return ECN_ECT1;
    }
    return inner;
}

/// Bytes of an L4 segment IsParsableSegment needs: an ICMP error quoting an IPv4 header with
/// options and 8 bytes of its payload; a TCP header with options.
constexpr uint32_t SEGMENT_PREFIX = 8 + 60 + 8;

/**
 * Whether a TCP option has a length its kind allows; ns-3.37 asserts on an MSS option of
 * another length than 4.
 * @param kind the option kind
 * @param length the option length (at least 2)
 * @return true for the lengths of RFC 9293 (MSS), RFC 7323 (window scale, timestamps) and
 * RFC 2018 (SACK permitted, SACK with 1 to 4 blocks); any length for other kinds
 */
bool
IsTcpOptionLength(uint8_t kind, uint8_t length)
{
    switch (kind)
    {
    case 2: // maximum segment size
        return length == 4;
    case 3: // window scale
        return length == 3;
    case 4: // SACK permitted
        return length == 2;
    case 5: // SACK
        return length >= 10 && (length - 2) % 8 == 0;
    case 8: // timestamps
        return length == 10;
    default:
        return true;
    }
}

/**
 * Whether ns-3's L4 protocols parse a segment without asserting, reading out of bounds or
 * looping: UDP needs its 8-byte header; ICMP its 8-byte header, and an error (RFC 792) the
 * IPv4 header it quotes and 8 bytes of that datagram's payload; TCP a data offset of 5 to 15
 * words within the segment and options that are END, NOP or kind | length (at least 2,
 * within the header, RFC 9293 §3.1; the lengths of IsTcpOptionLength). ns-3.37's
 * TcpHeader::Deserialize loops for ever on an unknown option of length 0. Other protocols are not
 * checked.
 * @param protocol the IP protocol
 * @param prefix the first bytes of the segment (up to SEGMENT_PREFIX)
 * @param size the segment's size
 * @return true if ns-3 can take it
 */
bool
IsParsableSegment(uint8_t protocol, const uint8_t* prefix, uint32_t size)
{
    switch (protocol)
    {
    case 17: // UDP
        return size >= 8;
    case 1: { // ICMP
        if (size < 8)
        {
            return false;
        }
        if (!PacketSelector::IsIcmpError(prefix[0]))
        {
            return true;
        }
        const uint8_t* ip = prefix + 8;
        const uint32_t ihl = (ip[0] & 0x0f) * 4u;
        return size >= 8 + 20 && (ip[0] >> 4) == 4 && ihl >= 20 && size >= 8 + ihl + 8;
    }
    case 6: { // TCP
        if (size < 20)
        {
            return false;
        }
        const uint32_t dataOffset = (prefix[12] >> 4) * 4u;
        if (dataOffset < 20 || dataOffset > size)
        {
            return false;
        }
        for (uint32_t i = 20; i < dataOffset && prefix[i] != 0;) // 0: end of options
        {
            if (prefix[i] == 1) // no-operation
            {
                i++;
                continue;
            }
            const uint8_t length = i + 1 < dataOffset ? prefix[i + 1] : 0;
            if (length < 2 || i + length > dataOffset || !IsTcpOptionLength(prefix[i], length))
            {
                return false;
            }
            i += length;
        }
        return true;
    }
    default:
        return true;
    }
}

/**
 * The checker of the Default*Policy attributes.
 * @return bypass or discard
 */
Ptr<const AttributeChecker>
DefaultPolicyChecker()
{
    return MakeEnumChecker(DEFAULT_POLICY_BYPASS, "bypass", DEFAULT_POLICY_DISCARD, "discard");
}

} // namespace

TypeId
IpsecStack::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ipsec::IpsecStack")
            .SetParent<Object>()
            .SetGroupName("Ipsec")
            .AddConstructor<IpsecStack>()
            .AddAttribute("TunnelTtl",
                          "TTL of the outer IP header of tunnel mode (Linux: the route's, 64).",
                          UintegerValue(64),
                          MakeUintegerAccessor(&IpsecStack::m_tunnelTtl),
                          MakeUintegerChecker<uint8_t>(1))
            .AddAttribute("TunnelDf",
                          "Outer DF bit of tunnel mode (RFC 4301 §8.1): copy, set or clear.",
                          EnumValue(TUNNEL_DF_COPY),
                          compat::MakeEnumAccessor<TunnelDf>(&IpsecStack::m_tunnelDf),
                          MakeEnumChecker(TUNNEL_DF_COPY,
                                          "copy",
                                          TUNNEL_DF_SET,
                                          "set",
                                          TUNNEL_DF_CLEAR,
                                          "clear"))
            .AddAttribute("TunnelEcn",
                          "ECN at tunnel ingress (RFC 6040 §4.1): normal (copy) or "
                          "compatibility (Not-ECT).",
                          EnumValue(TUNNEL_ECN_NORMAL),
                          compat::MakeEnumAccessor<TunnelEcn>(&IpsecStack::m_tunnelEcn),
                          MakeEnumChecker(TUNNEL_ECN_NORMAL,
                                          "normal",
                                          TUNNEL_ECN_COMPATIBILITY,
                                          "compatibility"))
            .AddAttribute("BypassIke",
                          "Let IKE (UDP port 500 or 4500) bypass the policies, as strongSwan's "
                          "socket bypass policies do.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&IpsecStack::m_bypassIke),
                          MakeBooleanChecker())
            .AddAttribute(
                "ForwardPath",
                "How forwarded datagrams that a PROTECT policy covers reach IPsec: "
                "device (through ns-3's IpForward and ipsec0, so the UnicastForward "
                "and ipsec0 traces see them) or direct (the routing shim protects "
                "them at once: the same bytes on the wire, less simulation work).",
                EnumValue(FORWARD_PATH_DEVICE),
                compat::MakeEnumAccessor<ForwardPath>(&IpsecStack::m_forwardPath),
                MakeEnumChecker(FORWARD_PATH_DEVICE, "device", FORWARD_PATH_DIRECT, "direct"))
            .AddAttribute("DefaultOutPolicy",
                          "What happens to an outbound or forwarded datagram that matches no OUT "
                          "policy: bypass (Linux's default) or discard (RFC 4301 §4.4.1; "
                          "`ip xfrm policy setdefault out block`).",
                          EnumValue(DEFAULT_POLICY_BYPASS),
                          compat::MakeEnumAccessor<DefaultPolicy>(&IpsecStack::m_defaultOut),
                          DefaultPolicyChecker())
            .AddAttribute("DefaultInPolicy",
                          "What happens to a datagram for this node that matches no IN policy: "
                          "bypass or discard (RFC 4301 §4.4.1).",
                          EnumValue(DEFAULT_POLICY_BYPASS),
                          compat::MakeEnumAccessor<DefaultPolicy>(&IpsecStack::m_defaultIn),
                          DefaultPolicyChecker())
            .AddAttribute("DefaultFwdPolicy",
                          "What happens to a forwarded datagram that matches no FWD policy: "
                          "bypass or discard (RFC 4301 §4.4.1).",
                          EnumValue(DEFAULT_POLICY_BYPASS),
                          compat::MakeEnumAccessor<DefaultPolicy>(&IpsecStack::m_defaultFwd),
                          DefaultPolicyChecker())
            .AddAttribute("IcmpErrors",
                          "How ICMP errors select their policy (RFC 4301 §6.2): quoted (an "
                          "error about a protected flow goes through, and must arrive through, "
                          "that flow's SA, whoever sent it) or plain (its own addresses decide, "
                          "as Linux without the policy flag 'icmp').",
                          EnumValue(ICMP_ERRORS_QUOTED),
                          compat::MakeEnumAccessor<IcmpErrorPolicy>(&IpsecStack::m_icmpErrors),
                          MakeEnumChecker(ICMP_ERRORS_QUOTED, "quoted", ICMP_ERRORS_PLAIN, "plain"))
            .AddAttribute("PmtuTimeout",
                          "How long a path MTU learned from ICMP for an SA is kept (RFC 4301 "
                          "§8.2.2; Linux's net.ipv4.route.mtu_expires, 600 s).",
                          TimeValue(Seconds(600)),
                          MakeTimeAccessor(&IpsecStack::m_pmtuTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MinPmtu",
                          "The smallest path MTU an ICMP report can set for an SA; lower "
                          "reports set this value (Linux's net.ipv4.route.min_pmtu, 552).",
                          UintegerValue(552),
                          MakeUintegerAccessor(&IpsecStack::m_minPmtu),
                          MakeUintegerChecker<uint16_t>(68))
            .AddAttribute("FragmentTimeout",
                          "How long fragments are held for a policy with port selectors "
                          "(RFC 4301 §7) before they are dropped (ns-3's and Linux's "
                          "reassembly timeout, 30 s).",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&IpsecStack::m_fragmentTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("Drop",
                            "A datagram dropped by IPsec, with its reason and SA (may be null).",
                            MakeTraceSourceAccessor(&IpsecStack::m_dropTrace),
                            "ns3::ipsec::IpsecStack::DropTracedCallback")
            .AddTraceSource("Acquire",
                            "Outbound traffic matched a PROTECT policy without an SA (the key "
                            "exchange negotiates one): the IP payload, the policy id and the "
                            "datagram's selector (XFRM's acquire carries it too).",
                            MakeTraceSourceAccessor(&IpsecStack::m_acquireTrace),
                            "ns3::ipsec::IpsecStack::AcquireTracedCallback")
            .AddTraceSource("SoftExpire",
                            "An SA reached a soft lifetime limit.",
                            MakeTraceSourceAccessor(&IpsecStack::m_softTrace),
                            "ns3::ipsec::SecurityAssociation::ExpireTracedCallback")
            .AddTraceSource("HardExpire",
                            "An SA reached a hard lifetime limit and was removed.",
                            MakeTraceSourceAccessor(&IpsecStack::m_hardTrace),
                            "ns3::ipsec::SecurityAssociation::ExpireTracedCallback")
            .AddTraceSource("SaAdded",
                            "An SA was installed (by IpsecHelper, a script or IKE).",
                            MakeTraceSourceAccessor(&IpsecStack::m_saAddedTrace),
                            "ns3::ipsec::SecurityAssociation::ExpireTracedCallback")
            .AddTraceSource("SaRemoved",
                            "An SA was removed with RemoveSa (IKE's deletes and rekeys); a hard "
                            "expiry fires HardExpire instead.",
                            MakeTraceSourceAccessor(&IpsecStack::m_saRemovedTrace),
                            "ns3::ipsec::SecurityAssociation::ExpireTracedCallback")
            .AddTraceSource("SaTx",
                            "A packet protected by one of the node's outbound SAs (that SA's Tx, "
                            "with the SA): the packet before protection and its sequence number.",
                            MakeTraceSourceAccessor(&IpsecStack::m_saTxTrace),
                            "ns3::ipsec::IpsecStack::SaPacketTracedCallback")
            .AddTraceSource("SaRx",
                            "A packet accepted by one of the node's inbound SAs (that SA's Rx, "
                            "with the SA): the packet after the protection was removed.",
                            MakeTraceSourceAccessor(&IpsecStack::m_saRxTrace),
                            "ns3::ipsec::IpsecStack::SaPacketTracedCallback");
    return tid;
}

IpsecStack::IpsecStack()
    : m_tunnelTtl(64),
      m_tunnelDf(TUNNEL_DF_COPY),
      m_tunnelEcn(TUNNEL_ECN_NORMAL),
      m_bypassIke(true),
      m_forwardPath(FORWARD_PATH_DEVICE),
      m_defaultIn(DEFAULT_POLICY_BYPASS),
      m_defaultOut(DEFAULT_POLICY_BYPASS),
      m_defaultFwd(DEFAULT_POLICY_BYPASS),
      m_icmpErrors(ICMP_ERRORS_QUOTED),
      m_pmtuTimeout(Seconds(600)),
      m_minPmtu(552),
      m_fragmentTimeout(Seconds(30))
{
    m_noPolicy.action = PolicyAction::DISCARD;
}

IpsecStack::~IpsecStack() = default;

void
IpsecStack::DoDispose()
{
    m_fragments.Clear();
    m_fragments.SetDropCallback(FragmentBuffer::DropCallback());
    m_sad.Clear();
    m_spd.Clear();
    m_policyVersion++;
    m_steered.policy = nullptr;
    if (m_routing)
    {
        m_routing->SetStack(nullptr);
    }
    if (m_device)
    {
        m_device->SetSendCallback(VirtualNetDevice::SendCallback());
    }
    m_inbound = InboundContext();
    m_node = nullptr;
    m_ipv4 = nullptr;
    m_routing = nullptr;
    m_device = nullptr;
    m_esp = nullptr;
    m_ah = nullptr;
    m_engine = nullptr;
    Object::DoDispose();
}

void
IpsecStack::Setup(Ptr<Node> node)
{
    NS_LOG_FUNCTION(this << node);
    if (m_node)
    {
        throw ConfigError("IPsec is already installed on node " + std::to_string(node->GetId()));
    }
    m_ipv4 = node->GetObject<Ipv4L3Protocol>();
    if (!m_ipv4)
    {
        throw ConfigError("node " + std::to_string(node->GetId()) +
                          " has no IPv4 stack; install the Internet stack before IPsec");
    }
    m_routing = DynamicCast<IpsecRouting>(m_ipv4->GetRoutingProtocol());
    if (!m_routing)
    {
        throw ConfigError(
            "node " + std::to_string(node->GetId()) +
            ": the IPv4 routing protocol is not ns3::ipsec::IpsecRouting; install the Internet "
            "stack with IpsecHelper::InstallInternetStack(), or call "
            "InternetStackHelper::SetRoutingHelper(IpsecRoutingHelper()) before Install()");
    }
    BooleanValue endSystemModel;
    m_ipv4->GetAttribute(compat::END_SYSTEM_MODEL_ATTRIBUTE, endSystemModel);
    if (endSystemModel.Get() != compat::END_SYSTEM_MODEL_MEANS_WEAK)
    {
        throw ConfigError("node " + std::to_string(node->GetId()) +
                          ": IPsec re-injects decrypted datagrams on ipsec0 and needs "
                          "Ipv4L3Protocol's weak end system model (the default); set " +
                          compat::END_SYSTEM_MODEL_ATTRIBUTE + " back to " +
                          (compat::END_SYSTEM_MODEL_MEANS_WEAK ? "true" : "false"));
    }
    m_node = node;
    // SPIs this node chooses start at 0x1000 * (id + 1) + 1, so a trace shows which node picked
    // an SPI (node 0: 0x1001, node 4: 0x5001); AllocateSpi skips any already taken.
    m_nextSpi = 0x1000 * ((node->GetId() % 0xffff0) + 1) + 1;

    m_device = CreateObject<VirtualNetDevice>();
    m_device->SetIsPointToPoint(false); // global routing treats it as a stub, not a link
    m_device->SetNeedsArp(false);
    m_device->SetMtu(IPSEC_DEVICE_MTU);
    m_device->SetSendCallback(MakeCallback(&IpsecStack::DeviceSend, this));
    node->AddDevice(m_device);
    m_interface = m_ipv4->AddInterface(m_device);
    // A link-local /32 (RFC 3927) that no other node routes to.
    const uint32_t host = (node->GetId() % 0xfe00) + 0x100;
    m_ipv4->AddAddress(m_interface,
                       Ipv4InterfaceAddress(Ipv4Address(0xa9fe0000 | host), Ipv4Mask("/32")));
    m_ipv4->SetUp(m_interface);

    m_esp = CreateObject<EspProtocol>();
    m_esp->SetStack(this);
    m_ipv4->Insert(m_esp);
    m_ah = CreateObject<AhProtocol>();
    m_ah->SetStack(this);
    m_ipv4->Insert(m_ah);

    m_fragments.SetDropCallback(MakeCallback(&IpsecStack::DropFragment, this));
    m_sad.SetExpireCallbacks(MakeCallback(&IpsecStack::OnSoftExpire, this),
                             MakeCallback(&IpsecStack::OnHardExpire, this));
    m_routing->SetStack(this);
}

const SecurityPolicyDatabase&
IpsecStack::GetSpd() const
{
    return m_spd;
}

SecurityAssociationDatabase&
IpsecStack::GetSad()
{
    return m_sad;
}

void
IpsecStack::RefreshAddresses() const
{
    m_localAddresses.clear();
    m_destinations.clear();
    for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); i++)
    {
        for (uint32_t j = 0; j < m_ipv4->GetNAddresses(i); j++)
        {
            const Ipv4InterfaceAddress address = m_ipv4->GetAddress(i, j);
            if (i != m_interface)
            {
                m_localAddresses.push_back(address.GetLocal());
            }
            m_destinations.push_back(address.GetLocal());
            m_destinations.push_back(address.GetBroadcast());
        }
    }
    m_addressesValid = true;
}

void
IpsecStack::InvalidateAddresses()
{
    m_addressesValid = false;
}

bool
IpsecStack::IsLocalAddress(Ipv4Address a) const
{
    if (!m_addressesValid)
    {
        RefreshAddresses();
    }
    return std::find(m_localAddresses.begin(), m_localAddresses.end(), a) != m_localAddresses.end();
}

bool
IpsecStack::IsDestinationAddress(Ipv4Address a) const
{
    if (!m_addressesValid)
    {
        RefreshAddresses();
    }
    return std::find(m_destinations.begin(), m_destinations.end(), a) != m_destinations.end();
}

void
IpsecStack::CheckTransportPolicy(const SecurityPolicy& policy) const
{
    if (policy.action != PolicyAction::PROTECT || policy.mode != IpsecMode::TRANSPORT)
    {
        return;
    }
    std::ostringstream what;
    what << "node " << m_node->GetId() << ", " << policy.ToString() << ": ";
    if (policy.direction == PolicyDirection::FWD)
    {
        throw ConfigError(what.str() + "transport mode cannot protect forwarded traffic "
                                       "(RFC 4301 §4.1); use tunnel mode on gateways");
    }
    // Transport mode protects only this node's own datagrams: the local side of the selector
    // must hold only this node's addresses, or forwarded traffic would match it.
    const AddressRange& local = policy.selector.local;
    const uint64_t size = uint64_t{local.last.Get()} - local.first.Get() + 1;
    uint64_t found = 0;
    for (uint32_t i = 0; i < m_ipv4->GetNInterfaces() && size <= 256; i++)
    {
        for (uint32_t j = 0; i != m_interface && j < m_ipv4->GetNAddresses(i); j++)
        {
            found += local.Contains(m_ipv4->GetAddress(i, j).GetLocal()) ? 1 : 0;
        }
    }
    if (found != size)
    {
        throw ConfigError(what.str() +
                          "transport mode needs a local selector of this node's "
                          "own address(es), but " +
                          local.ToString() +
                          " also covers other addresses (forwarded traffic); use tunnel mode "
                          "for a gateway, or assign the addresses before adding the policy");
    }
}

void
IpsecStack::IndexPolicy(uint32_t id)
{
    const SecurityPolicy* p = m_spd.Find(id);
    if (p->action == PolicyAction::PROTECT)
    {
        m_reqidPolicies[{static_cast<uint8_t>(p->direction), p->reqid}].push_back(id);
    }
}

uint32_t
IpsecStack::AddPolicy(const SecurityPolicy& policy)
{
    NS_ABORT_MSG_IF(!m_node, "IpsecStack::Setup was not called");
    policy.Validate();
    CheckTransportPolicy(policy);
    uint32_t id = m_spd.Add(policy);
    m_policyVersion++;
    IndexPolicy(id);
    return id;
}

uint32_t
IpsecStack::InsertPolicy(const SecurityPolicy& policy, size_t position)
{
    NS_ABORT_MSG_IF(!m_node, "IpsecStack::Setup was not called");
    policy.Validate();
    CheckTransportPolicy(policy);
    uint32_t id = m_spd.Insert(policy, position);
    m_policyVersion++;
    IndexPolicy(id);
    return id;
}

bool
IpsecStack::RemovePolicy(uint32_t id)
{
    const SecurityPolicy* p = m_spd.Find(id);
    if (p == nullptr)
    {
        return false;
    }
    auto it = m_reqidPolicies.find({static_cast<uint8_t>(p->direction), p->reqid});
    if (it != m_reqidPolicies.end())
    {
        auto& v = it->second;
        v.erase(std::remove(v.begin(), v.end(), id), v.end());
    }
    m_policyVersion++;
    return m_spd.Remove(id);
}

Ptr<SecurityAssociation>
IpsecStack::AddSa(const SaConfig& config)
{
    NS_ABORT_MSG_IF(!m_node, "IpsecStack::Setup was not called");
    Ptr<SecurityAssociation> sa = CreateObject<SecurityAssociation>(config);
    const bool outbound = config.direction == SaDirection::OUTBOUND;
    const Ipv4Address mine = outbound ? config.source : config.destination;
    if (!IsLocalAddress(mine))
    {
        std::ostringstream os;
        os << "node " << m_node->GetId() << ", SA " << config.ToString() << ": the "
           << (outbound ? "source" : "destination") << " of an " << (outbound ? "out" : "in")
           << "bound SA must be an address of this node, but " << mine << " is not";
        throw ConfigError(os.str());
    }
    CheckCosts(*sa);
    if (sa->GetEspCodec() != nullptr &&
        dynamic_cast<RandomIvGenerator*>(sa->GetEspCodec()->GetIvGenerator()) != nullptr)
    {
        sa->GetEspCodec()->SetIvGenerator(std::make_unique<RandomIvGenerator>(IvRandom()));
    }
    m_sad.Add(sa);
    sa->SetStackPacketTrace(outbound ? &m_saTxTrace : &m_saRxTrace);
    m_saAddedTrace(sa);
    return sa;
}

bool
IpsecStack::RemoveSa(Ptr<SecurityAssociation> sa)
{
    if (!m_sad.Remove(sa))
    {
        return false;
    }
    sa->SetStackPacketTrace(nullptr);
    m_saRemovedTrace(sa);
    return true;
}

void
IpsecStack::CheckCosts(const SecurityAssociation& sa) const
{
    CryptoCost cost;
    for (bool outbound : {true, false})
    {
        const std::string op = sa.GetCryptoOperation(outbound);
        if (m_engine && !m_engine->GetTable().Find(op, cost))
        {
            throw ConfigError("node " + std::to_string(m_node->GetId()) +
                              ": the crypto engine's cost table has no '" + op +
                              "' (needed by SA " + sa.GetConfig().ToString() + ")");
        }
    }
}

void
IpsecStack::SetCryptoEngine(Ptr<CryptoEngine> engine)
{
    m_engine = engine;
    for (const auto& sa : m_sad.GetAll())
    {
        CheckCosts(*sa);
    }
}

Ptr<CryptoEngine>
IpsecStack::GetCryptoEngine() const
{
    return m_engine;
}

uint32_t
IpsecStack::AllocateReqid()
{
    static uint32_t next = 1;
    return next++;
}

int64_t
IpsecStack::AssignStreams(int64_t stream)
{
    m_ivStream = stream;
    if (m_ivRandom)
    {
        m_ivRandom->SetStream(stream);
    }
    return 1;
}

Ptr<UniformRandomVariable>
IpsecStack::IvRandom()
{
    // Made on first use, not at construction or by AssignStreams: every random variable made
    // takes an auto-assigned stream index and shifts those of everything made after it
    // (applications, TCP), which would change the runs of scripts without a CBC SA.
    if (!m_ivRandom)
    {
        m_ivRandom = CreateObject<UniformRandomVariable>();
        if (m_ivStream >= 0)
        {
            m_ivRandom->SetStream(m_ivStream);
        }
    }
    return m_ivRandom;
}

uint32_t
IpsecStack::AllocateSpi()
{
    auto used = [this](uint32_t spi) {
        for (const auto& sa : m_sad.GetAll())
        {
            if (sa->GetSpi() == spi && sa->GetConfig().direction == SaDirection::INBOUND)
            {
                return true;
            }
        }
        return false;
    };
    while (m_nextSpi <= SPI_RESERVED_MAX || used(m_nextSpi))
    {
        m_nextSpi++;
    }
    return m_nextSpi++;
}

Ptr<VirtualNetDevice>
IpsecStack::GetDevice() const
{
    return m_device;
}

uint32_t
IpsecStack::GetInterface() const
{
    return m_interface;
}

uint64_t
IpsecStack::GetDropCount(DropReason reason) const
{
    auto i = static_cast<size_t>(reason);
    return i < m_drops.size() ? m_drops[i] : 0;
}

Ptr<EspProtocol>
IpsecStack::GetEsp() const
{
    return m_esp;
}

void
IpsecStack::Drop(const Ipv4Header& header,
                 Ptr<const Packet> p,
                 DropReason reason,
                 Ptr<SecurityAssociation> sa)
{
    NS_LOG_LOGIC("node " << m_node->GetId() << " drops " << header.GetSource() << "->"
                         << header.GetDestination() << ": " << reason);
    m_drops[static_cast<size_t>(reason)]++;
    if (sa)
    {
        sa->CountDrop(p, reason);
    }
    m_dropTrace(header, p, reason, sa);
}

bool
IpsecStack::IsIke(const PacketSelector& sel) const
{
    // Like strongSwan's socket bypass policies: only the node's own IKE sockets (local port 500
    // or 4500), never forwarded traffic or other local ports that talk to a peer's port 500.
    return m_bypassIke && sel.protocol == UDP_PROTOCOL && sel.portsKnown &&
           (sel.localPort == IKE_PORT || sel.localPort == IKE_NATT_PORT) &&
           IsLocalAddress(sel.local);
}

bool
IpsecStack::NeedsOutboundProcessing(const Ipv4Header& header, Ipv4Address source) const
{
    const uint8_t protocol = header.GetProtocol();
    if (protocol == ESP_PROTOCOL_NUMBER || protocol == AH_PROTOCOL_NUMBER)
    {
        return false; // never loop IPsec's own output (or a raw ESP socket) into policy
    }
    if (m_defaultOut == DEFAULT_POLICY_DISCARD)
    {
        return true; // DeviceSend drops what no policy covers
    }
    if (protocol == PROTOCOL_ICMP && m_icmpErrors == ICMP_ERRORS_QUOTED && HasOutProtect())
    {
        return true; // an error may quote a protected flow (RFC 4301 §6.2): DeviceSend decides
    }
    PacketSelector sel;
    sel.local = source;
    sel.remote = header.GetDestination();
    sel.protocol = protocol;
    sel.portsKnown = false;
    return m_spd.MayMatch(PolicyDirection::OUT, sel);
}

bool
IpsecStack::HasOutProtect() const
{
    for (const auto& [key, ids] : m_reqidPolicies)
    {
        if (key.first == static_cast<uint8_t>(PolicyDirection::OUT) && !ids.empty())
        {
            return true;
        }
    }
    return false;
}

DefaultPolicy
IpsecStack::GetDefault(PolicyDirection direction) const
{
    switch (direction)
    {
    case PolicyDirection::IN:
        return m_defaultIn;
    case PolicyDirection::FWD:
        return m_defaultFwd;
    default:
        return m_defaultOut;
    }
}

IpsecStack::QuotedError
IpsecStack::ClassifyIcmpError(const Ipv4Header& header,
                              Ptr<const Packet> p,
                              bool outbound,
                              PacketSelector& quoted) const
{
    if (m_icmpErrors != ICMP_ERRORS_QUOTED || header.GetProtocol() != PROTOCOL_ICMP ||
        !PacketSelector::FromIcmpError(header, p, outbound, quoted))
    {
        return QuotedError::NONE;
    }
    return header.GetDestination() == (outbound ? quoted.remote : quoted.local)
               ? QuotedError::TO_SOURCE
               : QuotedError::ELSEWHERE;
}

const SecurityPolicy*
IpsecStack::LookupOut(const Ipv4Header& header,
                      Ptr<const Packet> p,
                      const PacketSelector& sel) const
{
    const SecurityPolicy* policy = m_spd.Lookup(PolicyDirection::OUT, sel);
    PacketSelector quoted;
    if ((policy == nullptr || policy->action == PolicyAction::BYPASS) &&
        ClassifyIcmpError(header, p, true, quoted) == QuotedError::TO_SOURCE)
    {
        // RFC 4301 §6.2 (Linux: icmp_route_lookup's reverse lookup): an error about a
        // protected flow goes back through that flow's SA, whoever generated it.
        const SecurityPolicy* flow = m_spd.Lookup(PolicyDirection::OUT, quoted);
        if (flow != nullptr && flow->action == PolicyAction::PROTECT)
        {
            return flow;
        }
    }
    if (policy == nullptr && m_defaultOut == DEFAULT_POLICY_DISCARD)
    {
        return &m_noPolicy;
    }
    return policy;
}

Ptr<Ipv4Route>
IpsecStack::MakeIpsecRoute(Ptr<const Ipv4Route> real, Ipv4Address destination) const
{
    Ptr<Ipv4Route> route = Create<Ipv4Route>();
    route->SetDestination(destination);
    route->SetGateway(Ipv4Address::GetAny());
    route->SetSource(real ? real->GetSource() : m_ipv4->GetAddress(m_interface, 0).GetLocal());
    route->SetOutputDevice(m_device);
    return route;
}

DropReason
IpsecStack::CheckSaPolicy(const PacketSelector& sel, bool local) const
{
    Ptr<SecurityAssociation> sa = m_inbound.esp ? m_inbound.esp : m_inbound.ah;
    const SaConfig& c = sa->GetConfig();
    const PolicyDirection dir = local ? PolicyDirection::IN : PolicyDirection::FWD;
    auto satisfies = [this, &c](const SecurityPolicy& p) {
        const bool esp = p.protocol != IpsecProtocol::AH;
        const bool ah = p.protocol != IpsecProtocol::ESP;
        return p.mode == c.mode && esp == bool(m_inbound.esp) && ah == bool(m_inbound.ah);
    };
    auto it = m_reqidPolicies.find({static_cast<uint8_t>(dir), c.reqid});
    if (it == m_reqidPolicies.end() || it->second.empty())
    {
        // No policy of this reqid in this direction: Linux's rule, the first matching policy
        // decides, and a PROTECT policy must be satisfied by the SAs that carried the packet.
        // A tunnel's inner datagram needs a PROTECT policy (Linux: secpath_has_nontransport),
        // or a peer could inject any inner addresses.
        const SecurityPolicy* p = m_spd.Lookup(dir, sel);
        if (p == nullptr && GetDefault(dir) == DEFAULT_POLICY_DISCARD)
        {
            return DropReason::NO_POLICY;
        }
        if (p == nullptr || p->action == PolicyAction::BYPASS)
        {
            return c.mode == IpsecMode::TUNNEL ? DropReason::POLICY_MISMATCH : DropReason::NONE;
        }
        if (p->action == PolicyAction::DISCARD)
        {
            return DropReason::DISCARD_POLICY;
        }
        return p->reqid == c.reqid && satisfies(*p) ? DropReason::NONE
                                                    : DropReason::POLICY_MISMATCH;
    }
    for (uint32_t id : it->second)
    {
        const SecurityPolicy* p = m_spd.Find(id);
        if (p != nullptr && p->selector.Matches(sel) && satisfies(*p))
        {
            return DropReason::NONE;
        }
    }
    return DropReason::POLICY_MISMATCH;
}

IpsecStack::InboundVerdict
IpsecStack::InboundStep(Ptr<const Packet> p,
                        const Ipv4Header& header,
                        bool fromIpsec,
                        bool local,
                        bool forwarding)
{
    InboundVerdict verdict;
    const uint8_t protocol = header.GetProtocol();
    if (!fromIpsec && local && (protocol == ESP_PROTOCOL_NUMBER || protocol == AH_PROTOCOL_NUMBER))
    {
        return verdict; // EspProtocol/AhProtocol take it from here
    }
    const PolicyDirection dir = local ? PolicyDirection::IN : PolicyDirection::FWD;
    const bool checkOut =
        !local && forwarding &&
        (m_spd.Size(PolicyDirection::OUT) != 0 || m_defaultOut == DEFAULT_POLICY_DISCARD);
    if (!fromIpsec && !checkOut && m_spd.Size(dir) == 0 && GetDefault(dir) == DEFAULT_POLICY_BYPASS)
    {
        return verdict; // no policy to consult (a router or host without IPsec policies)
    }
    const PacketSelector sel = PacketSelector::FromDatagram(header, p, false);
    // RFC 4301 §6.2: an ICMP error is judged by the flow of the datagram it quotes.
    PacketSelector quoted;
    const QuotedError icmpError = ClassifyIcmpError(header, p, false, quoted);
    DropReason reason = DropReason::NONE;
    Ptr<SecurityAssociation> sa;
    const SecurityPolicy* out = nullptr; // the OUT policy of a forwarded datagram, if looked up
    bool outKnown = false;
    if (fromIpsec && (m_inbound.esp || m_inbound.ah))
    {
        // §6.2: an error that arrives through an SA must quote a datagram of its selectors,
        // sent by the error's destination; anything else is not an error about its traffic.
        reason = icmpError == QuotedError::NONE        ? CheckSaPolicy(sel, local)
                 : icmpError == QuotedError::TO_SOURCE ? CheckSaPolicy(quoted, local)
                                                       : DropReason::POLICY_MISMATCH;
        sa = m_inbound.esp ? m_inbound.esp : m_inbound.ah;
    }
    else if (!(local && IsIke(sel)))
    {
        const SecurityPolicy* policy = m_spd.Lookup(dir, sel);
        if ((policy == nullptr || policy->action == PolicyAction::BYPASS) &&
            icmpError == QuotedError::TO_SOURCE)
        {
            // A plaintext error about a flow the inbound policy protects is refused like
            // the flow's own plaintext.
            const SecurityPolicy* flow = m_spd.Lookup(dir, quoted);
            policy = flow != nullptr && flow->action == PolicyAction::PROTECT ? flow : policy;
        }
        if (policy != nullptr && policy->action == PolicyAction::PROTECT)
        {
            reason = DropReason::NOT_PROTECTED;
        }
        else if (policy != nullptr && policy->action == PolicyAction::DISCARD)
        {
            reason = DropReason::DISCARD_POLICY;
        }
        else if (policy == nullptr && GetDefault(dir) == DEFAULT_POLICY_DISCARD)
        {
            // A forwarded datagram that an OUT PROTECT policy will protect is outbound
            // traffic for RFC 4301 (SPD-O decides); Linux needs strongSwan's outbound FWD
            // policies for it.
            if (checkOut)
            {
                out = LookupOut(header, p, sel.Reversed());
                outKnown = true;
            }
            if (out == nullptr || out->action != PolicyAction::PROTECT)
            {
                reason = DropReason::NO_POLICY;
            }
        }
    }
    if (reason != DropReason::NONE)
    {
        Drop(header, p, reason, sa);
        verdict.drop = true;
        return verdict;
    }
    if (checkOut)
    {
        out = outKnown ? out : LookupOut(header, p, sel.Reversed());
        if (out != nullptr && out->action != PolicyAction::BYPASS)
        {
            verdict.steer = out;
        }
    }
    return verdict;
}

ForwardPath
IpsecStack::GetForwardPath() const
{
    return m_forwardPath;
}

void
IpsecStack::ForwardDirect(Ptr<const Packet> p,
                          const Ipv4Header& header,
                          const SecurityPolicy& policy)
{
    ApplyOutPolicy(p->Copy(), header, &policy);
}

void
IpsecStack::SetSteered(uint64_t uid, const SecurityPolicy* policy)
{
    m_steered.uid = uid;
    m_steered.policy = policy;
    m_steered.version = m_policyVersion;
}

bool
IpsecStack::DeviceSend(Ptr<Packet> packet,
                       const Address& /* source */,
                       const Address& /* dest */,
                       uint16_t protocol)
{
    Ipv4Header header;
    if (protocol != Ipv4L3Protocol::PROT_NUMBER || packet->GetSize() < 20 ||
        packet->RemoveHeader(header) == 0)
    {
        Drop(header, packet, DropReason::MALFORMED);
        return true;
    }
    if (header.GetDestination().IsBroadcast())
    {
        // ns-3's UDP sends a limited broadcast out of every interface, ipsec0 included; ipsec0
        // has no link (routing never steers broadcasts to it), so that copy goes nowhere, as on
        // a link-less device. Re-routing it would put a second copy, with ipsec0's link-local
        // source address, on the real link.
        return true;
    }
    const SecurityPolicy* policy = nullptr;
    if (m_steered.policy != nullptr && m_steered.uid == packet->GetUid() &&
        m_steered.version == m_policyVersion)
    {
        policy = m_steered.policy; // a forwarded datagram IpsecRouting looked up just now
    }
    else
    {
        PacketSelector sel = PacketSelector::FromDatagram(header, packet, true);
        policy = IsIke(sel) ? nullptr : LookupOut(header, packet, sel);
    }
    ApplyOutPolicy(packet, header, policy);
    return true;
}

void
IpsecStack::ApplyOutPolicy(Ptr<Packet> packet,
                           const Ipv4Header& header,
                           const SecurityPolicy* policy)
{
    NS_LOG_LOGIC("node " << m_node->GetId() << " out " << header.GetSource() << "->"
                         << header.GetDestination() << " proto " << +header.GetProtocol()
                         << " size " << packet->GetSize() + header.GetSerializedSize() << ": "
                         << (policy == nullptr       ? std::string("no IPsec policy")
                             : policy == &m_noPolicy ? std::string("default discard")
                                                     : policy->ToString()));
    if (policy == nullptr || policy->action == PolicyAction::BYPASS)
    {
        SendOnRealRoute(packet, header);
    }
    else if (policy == &m_noPolicy)
    {
        Drop(header, packet, DropReason::NO_POLICY); // DefaultOutPolicy discard
    }
    else if (policy->action == PolicyAction::DISCARD)
    {
        Drop(header, packet, DropReason::DISCARD_POLICY);
    }
    else
    {
        Protect(packet, header, *policy);
    }
}

void
IpsecStack::SendOnRealRoute(Ptr<Packet> packet, const Ipv4Header& header)
{
    Socket::SocketErrno err;
    Ptr<Ipv4Route> route = m_routing->RouteOutputPlain(header, err);
    if (!route)
    {
        Drop(header, packet, DropReason::NO_ROUTE);
        return;
    }
    const uint32_t mtu = route->GetOutputDevice()->GetMtu();
    if (header.IsDontFragment() && packet->GetSize() + header.GetSerializedSize() > mtu)
    {
        // RFC 4301 §8.1 and RFC 1191: no fragment carries DF (ns-3's IP would fragment it).
        TooBig(header, packet, mtu, nullptr);
        return;
    }
    m_ipv4->SendWithHeader(packet, header, route);
}

uint32_t
IpsecStack::ProtectedSize(Ptr<SecurityAssociation> esp,
                          Ptr<SecurityAssociation> ah,
                          bool tunnel,
                          uint32_t size)
{
    constexpr uint32_t IP_HEADER = 20;
    uint32_t payload = tunnel ? size : (size > IP_HEADER ? size - IP_HEADER : 0);
    if (esp)
    {
        payload = esp->GetEspCodec()->GetEncapsulatedSize(payload);
    }
    if (ah)
    {
        payload += ah->GetAhCodec()->GetHeaderSize();
    }
    return IP_HEADER + payload;
}

uint32_t
IpsecStack::MaxInnerSize(Ptr<SecurityAssociation> esp,
                         Ptr<SecurityAssociation> ah,
                         bool tunnel,
                         uint32_t mtu)
{
    // The overhead depends on the size only through the cipher's padding, so a few steps
    // from the first guess find the largest datagram that fits.
    int64_t inner = int64_t{mtu} - (int64_t{ProtectedSize(esp, ah, tunnel, mtu)} - mtu);
    while (inner > 0 && ProtectedSize(esp, ah, tunnel, inner + 1) <= mtu)
    {
        inner++;
    }
    while (inner > 0 && ProtectedSize(esp, ah, tunnel, inner) > mtu)
    {
        inner--;
    }
    return static_cast<uint32_t>(std::max<int64_t>(inner, 0));
}

void
IpsecStack::PreFragment(Ptr<Packet> packet,
                        const Ipv4Header& header,
                        const SecurityPolicy& policy,
                        uint32_t mtu)
{
    const uint32_t chunk = ((mtu - header.GetSerializedSize()) / 8) * 8;
    const uint32_t total = packet->GetSize();
    for (uint32_t offset = 0; offset < total; offset += chunk)
    {
        const uint32_t n = std::min(chunk, total - offset);
        Ipv4Header piece = header;
        piece.SetFragmentOffset(header.GetFragmentOffset() + offset);
        if (offset + n < total || !header.IsLastFragment())
        {
            piece.SetMoreFragments();
        }
        else
        {
            piece.SetLastFragment();
        }
        piece.SetPayloadSize(n);
        Protect(packet->CreateFragment(offset, n), piece, policy);
    }
}

void
IpsecStack::TooBig(const Ipv4Header& header,
                   Ptr<const Packet> packet,
                   uint32_t mtu,
                   Ptr<SecurityAssociation> sa)
{
    Drop(header, packet, DropReason::PACKET_TOO_BIG, sa);
    uint8_t type = 0;
    packet->CopyData(&type, 1);
    const Ipv4Address source = header.GetSource();
    if (header.GetFragmentOffset() != 0 || source.IsBroadcast() || source.IsMulticast() ||
        source == Ipv4Address::GetAny() ||
        (header.GetProtocol() == PROTOCOL_ICMP && PacketSelector::IsIcmpError(type)))
    {
        return; // no ICMP error about these (RFC 1122 §3.2.2, RFC 1812 §4.3.2.7)
    }
    const uint16_t reported = static_cast<uint16_t>(std::min<uint32_t>(mtu, 0xffff));
    if (IsLocalAddress(header.GetSource()))
    {
        // The node's own datagram: the error goes to its transport protocol directly, as
        // Linux's ip_local_error reports EMSGSIZE to the socket.
        Ptr<IpL4Protocol> l4 = m_ipv4->GetProtocol(header.GetProtocol());
        uint8_t data[8] = {0};
        packet->CopyData(data, sizeof(data));
        if (l4)
        {
            l4->ReceiveIcmp(header.GetSource(),
                            header.GetTtl(),
                            ICMP_DEST_UNREACH,
                            ICMP_FRAG_NEEDED,
                            reported,
                            header.GetSource(),
                            header.GetDestination(),
                            data);
        }
        return;
    }
    Ptr<Icmpv4L4Protocol> icmp = m_node->GetObject<Icmpv4L4Protocol>();
    if (icmp)
    {
        icmp->SendDestUnreachFragNeeded(header, packet, reported);
    }
}

void
IpsecStack::ReceivePathMtu(IpsecProtocol protocol,
                           uint32_t spi,
                           Ipv4Address destination,
                           uint32_t mtu)
{
    Ptr<SecurityAssociation> sa = m_sad.FindOutboundBySpi(spi, destination, protocol);
    if (!sa)
    {
        NS_LOG_LOGIC("PMTU " << mtu << " for unknown SPI " << spi << ": ignored");
        return;
    }
    const uint16_t known = sa->GetPathMtu();
    // RFC 1191 §3: a report below 68 bytes is bogus. Like Linux, a report below MinPmtu
    // (net.ipv4.route.min_pmtu) records MinPmtu: a forged report cannot shrink the path to
    // nothing. A report larger than the known value is stale.
    if (mtu < MIN_IPV4_MTU || mtu > 0xffff)
    {
        NS_LOG_LOGIC("PMTU " << mtu << " for SPI " << spi << ": ignored");
        return;
    }
    mtu = std::max<uint32_t>(mtu, m_minPmtu);
    if (known != 0 && mtu >= known)
    {
        NS_LOG_LOGIC("PMTU " << mtu << " for SPI " << spi << ": ignored");
        return;
    }
    NS_LOG_LOGIC("node " << m_node->GetId() << ": PMTU " << mtu << " for SPI " << spi);
    sa->SetPathMtu(static_cast<uint16_t>(mtu), Simulator::Now() + m_pmtuTimeout);
}

void
IpsecStack::DropFragment(const Ipv4Header& header, Ptr<const Packet> p, DropReason reason)
{
    Drop(header, p, reason);
}

Ptr<const Packet>
IpsecStack::HoldFragment(Ptr<const Packet> p,
                         const Ipv4Header& header,
                         bool local,
                         bool forwarding,
                         Ipv4Header& whole)
{
    const uint8_t protocol = header.GetProtocol();
    if (!ProtocolHasPorts(protocol) || (!local && !forwarding))
    {
        return p;
    }
    if (m_portPoliciesVersion != m_policyVersion)
    {
        for (PolicyDirection d : {PolicyDirection::IN, PolicyDirection::OUT, PolicyDirection::FWD})
        {
            bool any = false;
            for (const SecurityPolicy* policy : m_spd.GetPolicies(d))
            {
                any = any || policy->selector.HasPortRestriction();
            }
            m_portPolicies[static_cast<size_t>(d)] = any;
        }
        m_portPoliciesVersion = m_policyVersion;
    }
    // The IKE bypass selects by port too: a local UDP datagram may be an IKE message that its
    // link fragmented, and its non-first fragments have no ports (Linux checks policies after
    // defragmentation, so a fragmented IKE_AUTH still gets through).
    const bool ikeBypass = local && m_bypassIke && protocol == UDP_PROTOCOL;
    const bool inPorts =
        ikeBypass ||
        m_portPolicies[static_cast<size_t>(local ? PolicyDirection::IN : PolicyDirection::FWD)];
    if (!inPorts && (local || !m_portPolicies[static_cast<size_t>(PolicyDirection::OUT)]))
    {
        return p; // no policy of these directions has port selectors
    }
    // Only a policy with port (or ICMP type) selectors that may cover the datagram needs the
    // ports that its non-first fragments lack.
    PacketSelector sel = PacketSelector::FromDatagram(header, nullptr, false);
    std::vector<PolicyDirection> directions;
    directions.push_back(local ? PolicyDirection::IN : PolicyDirection::FWD);
    if (!local)
    {
        directions.push_back(PolicyDirection::OUT);
    }
    bool needed = false;
    for (PolicyDirection d : directions)
    {
        const PacketSelector s = d == PolicyDirection::OUT ? sel.Reversed() : sel;
        for (const SecurityPolicy* policy : m_spd.GetPolicies(d))
        {
            if ((ikeBypass || policy->selector.HasPortRestriction()) &&
                policy->selector.MatchesIgnoringPorts(s))
            {
                needed = true;
                break;
            }
        }
    }
    if (!needed)
    {
        return p;
    }
    m_fragments.SetTimeout(m_fragmentTimeout);
    return m_fragments.Add(header, p, whole);
}

void
IpsecStack::Protect(Ptr<Packet> packet, const Ipv4Header& header, const SecurityPolicy& policy)
{
    const bool needEsp = policy.protocol != IpsecProtocol::AH;
    const bool needAh = policy.protocol != IpsecProtocol::ESP;
    Ptr<SecurityAssociation> esp =
        needEsp ? m_sad.FindOutbound(policy.reqid, IpsecProtocol::ESP) : nullptr;
    Ptr<SecurityAssociation> ah =
        needAh ? m_sad.FindOutbound(policy.reqid, IpsecProtocol::AH) : nullptr;
    if ((needEsp && !esp) || (needAh && !ah))
    {
        const uint32_t id = policy.id; // an Acquire handler may remove the policy
        const PacketSelector selector = PacketSelector::FromDatagram(header, packet, true);
        Drop(header,
             packet,
             m_sad.HasExpired(policy.reqid) ? DropReason::SA_EXPIRED : DropReason::NO_SA);
        m_acquireTrace(packet, id, selector);
        return;
    }
    Ptr<SecurityAssociation> outer = ah ? ah : esp;
    const SaConfig& c = outer->GetConfig();
    Ptr<Packet> payload;
    uint8_t nextHeader;
    Ipv4Header out;
    if (c.mode == IpsecMode::TRANSPORT)
    {
        if (FragmentBuffer::IsFragment(header) || !IsLocalAddress(header.GetSource()))
        {
            // Transport mode protects the node's own whole datagrams only (RFC 4301 §4.1).
            Drop(header, packet, DropReason::POLICY_MISMATCH, outer);
            return;
        }
        payload = packet;
        nextHeader = header.GetProtocol();
        out = header;
    }
    else
    {
        Ipv4Header inner = header;
        if (Node::ChecksumEnabled())
        {
            inner.EnableChecksum();
        }
        payload = packet->Copy();
        payload->AddHeader(inner);
        nextHeader = NEXT_HEADER_IPV4;
        out.SetSource(c.source);
        out.SetDestination(c.destination);
        out.SetTtl(m_tunnelTtl);
        out.SetDscp(header.GetDscp()); // RFC 4301 §5.1.2.1: DSCP copied
        out.SetEcn(m_tunnelEcn == TUNNEL_ECN_NORMAL ? header.GetEcn() : Ipv4Header::ECN_NotECT);
        const bool df = m_tunnelDf == TUNNEL_DF_SET ||
                        (m_tunnelDf == TUNNEL_DF_COPY && header.IsDontFragment());
        if (df)
        {
            out.SetDontFragment();
        }
        else
        {
            out.SetMayFragment();
        }
        out.SetIdentification(m_tunnelId++);
    }
    if (out.IsDontFragment())
    {
        // RFC 4301 §8: an outer DF datagram that would not fit the path is not sent; its
        // source learns the MTU left for it after this SA's overhead (§8.2.1).
        Socket::SocketErrno err;
        Ptr<Ipv4Route> route = m_routing->RouteOutputPlain(out, err);
        uint32_t mtu = route ? route->GetOutputDevice()->GetMtu() : 0xffff;
        for (const auto& s : {esp, ah})
        {
            if (s && s->GetPathMtu() != 0)
            {
                mtu = std::min<uint32_t>(mtu, s->GetPathMtu());
            }
        }
        const bool tunnel = c.mode == IpsecMode::TUNNEL;
        const uint32_t size = packet->GetSize() + header.GetSerializedSize();
        if (ProtectedSize(esp, ah, tunnel, size) > mtu)
        {
            const uint32_t inner = MaxInnerSize(esp, ah, tunnel, mtu);
            if (inner < MIN_IPV4_MTU)
            {
                // Not even a minimal datagram would fit unfragmented: DF would make the
                // SA a black hole, so this outer packet may be fragmented.
                out.SetMayFragment();
            }
            else if (tunnel && !header.IsDontFragment())
            {
                // The inner datagram may be fragmented (TunnelDf set): RFC 4301 §8.1 lets
                // the gateway fragment it before IPsec, so each outer packet fits with DF.
                PreFragment(packet, header, policy, inner);
                return;
            }
            else
            {
                TooBig(header, packet, inner, outer);
                return;
            }
        }
    }
    DropReason reason = DropReason::NONE;
    Time service; // the crypto work, for the timing model
    if (esp)
    {
        if (m_engine)
        {
            service += m_engine->GetServiceTime(esp->GetCryptoOperation(true), payload->GetSize());
        }
        payload = m_esp->Protect(esp, payload, nextHeader, reason);
        if (!payload)
        {
            Drop(header, packet, reason, esp);
            return;
        }
        nextHeader = ESP_PROTOCOL_NUMBER;
        out.SetProtocol(ESP_PROTOCOL_NUMBER);
        out.SetPayloadSize(payload->GetSize());
    }
    if (ah)
    {
        if (m_engine)
        {
            service += m_engine->GetServiceTime(ah->GetCryptoOperation(true), payload->GetSize());
        }
        payload = m_ah->Protect(ah, payload, nextHeader, out, reason);
        if (!payload)
        {
            Drop(header, packet, reason, ah);
            return;
        }
    }
    NS_LOG_LOGIC("node " << m_node->GetId() << " protects " << header.GetSource() << "->"
                         << header.GetDestination() << " ("
                         << packet->GetSize() + header.GetSerializedSize() << " bytes), "
                         << (c.mode == IpsecMode::TUNNEL ? "tunnel" : "transport") << " mode, "
                         << (esp ? esp->GetConfig().ToString() : "") << (esp && ah ? " in " : "")
                         << (ah ? ah->GetConfig().ToString() : "") << ": " << out.GetSource()
                         << "->" << out.GetDestination() << " ("
                         << payload->GetSize() + out.GetSerializedSize() << " bytes)"
                         << (m_engine ? ", sent when the crypto engine is done" : ""));
    CarriedTags::Wrap(packet, payload);
    if (!m_engine)
    {
        SendOnRealRoute(payload, out);
    }
    else if (!m_engine->Submit(service, [this, payload, out]() { SendOnRealRoute(payload, out); }))
    {
        // The sequence number is spent, as when Linux's crypto queue refuses a packet.
        Drop(header, packet, DropReason::QUEUE_FULL, outer);
    }
}

DropReason
IpsecStack::MakeInboundDatagram(IpsecMode mode,
                                Ptr<Packet> payload,
                                uint8_t nextHeader,
                                const Ipv4Header& outer,
                                Ipv4Header& header)
{
    if (mode == IpsecMode::TUNNEL)
    {
        if (nextHeader != NEXT_HEADER_IPV4)
        {
            return DropReason::BAD_NEXT_HEADER;
        }
        uint8_t first = 0;
        if (payload->GetSize() < 20 || payload->CopyData(&first, 1) != 1 || first != 0x45 ||
            payload->PeekHeader(header) != 20 || header.GetPayloadSize() > payload->GetSize() - 20)
        {
            return DropReason::MALFORMED;
        }
        if (header.GetPayloadSize() < payload->GetSize() - 20)
        {
            // TFC padding after the inner datagram (RFC 4303 §2.4)
            payload->RemoveAtEnd(payload->GetSize() - 20 - header.GetPayloadSize());
        }
        if (header.IsLastFragment() && header.GetFragmentOffset() == 0)
        {
            // A whole inner datagram goes to ns-3's L4 protocols (fragments are checked by
            // IP's reassembly only).
            uint8_t prefix[20 + SEGMENT_PREFIX] = {};
            payload->CopyData(prefix, sizeof(prefix));
            if (!IsParsableSegment(header.GetProtocol(), prefix + 20, header.GetPayloadSize()))
            {
                return DropReason::MALFORMED;
            }
        }
        bool drop = false;
        uint8_t ecn = DecapsulateEcn(header.GetEcn(), outer.GetEcn(), drop);
        if (drop)
        {
            // RFC 6040 §4.2: CE on the outer header of a Not-ECT inner packet must be dropped.
            return DropReason::ECN_CE_NOT_ECT;
        }
        if (ecn != header.GetEcn())
        {
            // Only a changed ECN field rewrites the inner header (and its checksum); otherwise
            // the datagram goes on with the bytes its sender wrote.
            payload->RemoveHeader(header);
            header.SetEcn(static_cast<Ipv4Header::EcnType>(ecn));
            if (Node::ChecksumEnabled())
            {
                header.EnableChecksum();
            }
            payload->AddHeader(header);
        }
        return DropReason::NONE;
    }
    if (nextHeader == NEXT_HEADER_IPV4 || nextHeader == NEXT_HEADER_IPV6)
    {
        return DropReason::BAD_NEXT_HEADER; // an inner IP in transport
    }
    uint8_t prefix[SEGMENT_PREFIX] = {};
    payload->CopyData(prefix, sizeof(prefix));
    if (!IsParsableSegment(nextHeader, prefix, payload->GetSize()))
    {
        return DropReason::MALFORMED;
    }
    header = outer;
    header.SetProtocol(nextHeader);
    header.SetPayloadSize(payload->GetSize());
    // After reassembly ns-3 keeps the header of the fragment that completed the datagram,
    // which may carry MF: the re-injected datagram is whole.
    header.SetLastFragment();
    header.SetFragmentOffset(0);
    if (Node::ChecksumEnabled())
    {
        header.EnableChecksum();
    }
    payload->AddHeader(header);
    return DropReason::NONE;
}

void
IpsecStack::DeliverInbound(const InboundContext& ctx,
                           Ptr<Packet> payload,
                           uint8_t nextHeader,
                           const Ipv4Header& outer)
{
    Ptr<SecurityAssociation> sa = ctx.esp ? ctx.esp : ctx.ah;
    Ipv4Header header;
    const DropReason reason =
        MakeInboundDatagram(sa->GetConfig().mode, payload, nextHeader, outer, header);
    if (reason != DropReason::NONE)
    {
        Drop(outer, payload, reason, sa);
        return;
    }
    CarriedTags::Unwrap(payload, header.GetSerializedSize());
    NS_LOG_LOGIC("node " << m_node->GetId() << " delivers " << header.GetSource() << "->"
                         << header.GetDestination() << " proto " << +header.GetProtocol() << " ("
                         << payload->GetSize() << " bytes) from " << sa->GetConfig().ToString()
                         << " to IP, as received on ipsec0");
    InboundContext saved = m_inbound;
    m_inbound = ctx;
    m_ipv4->Receive(m_device,
                    payload,
                    Ipv4L3Protocol::PROT_NUMBER,
                    m_device->GetAddress(),
                    m_device->GetAddress(),
                    NetDevice::PACKET_HOST);
    m_inbound = saved;
}

void
IpsecStack::OnSoftExpire(Ptr<SecurityAssociation> sa)
{
    m_softTrace(sa);
}

void
IpsecStack::OnHardExpire(Ptr<SecurityAssociation> sa)
{
    m_hardTrace(sa);
}

} // namespace ipsec
} // namespace ns3
