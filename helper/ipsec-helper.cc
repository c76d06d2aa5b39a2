// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-helper.h"

#include "ipsec-factory-check.h"
#include "ipsec-hex.h"
#include "ipsec-routing-helper.h"
#include "ipsec-sa-parameters.h"
#include "ipsec-xfrm-export.h"

#include "ns3/internet-stack-helper.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-constants.h"
#include "ns3/ipsec-crypto-engine.h"
#include "ns3/ipsec-iv-generator.h"
#include "ns3/ipsec-random-bytes.h"
#include "ns3/ipsec-stack.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node-list.h"
#include "ns3/node.h"
#include "ns3/string.h"

#include <fstream>
#include <iomanip>
#include <optional>
#include <set>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecHelper");

namespace
{

/**
 * Whether a cipher uses counter-based IVs (reusing its key across SAs repeats nonces).
 * @param info the cipher
 * @return true for CTR, GCM, GMAC, ChaCha20-Poly1305
 */
bool
IsCounterMode(const TransformInfo& info)
{
    return info.kind == CryptoKind::CTR || info.kind == CryptoKind::GCM ||
           info.kind == CryptoKind::GMAC || info.kind == CryptoKind::CHACHA20_POLY1305;
}

} // namespace

IpsecHelper::IpsecHelper()
{
    m_stackFactory.SetTypeId(IpsecStack::GetTypeId());
    m_saFactory.SetTypeId(SaParameters::GetTypeId());
    m_engineFactory.SetTypeId(CryptoEngine::GetTypeId());
    m_keyStream = CreateObject<UniformRandomVariable>();
}

void
IpsecHelper::InstallInternetStack(NodeContainer nodes)
{
    InternetStackHelper internet;
    internet.SetRoutingHelper(IpsecRoutingHelper());
    internet.Install(nodes);
}

void
IpsecHelper::Install(NodeContainer nodes)
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        if ((*it)->GetObject<IpsecStack>())
        {
            // Aggregating a second IpsecStack would abort inside ns-3.
            throw ConfigError("IPsec is already installed on node " +
                              std::to_string((*it)->GetId()) +
                              "; call IpsecHelper::Install once per node");
        }
        Ptr<IpsecStack> stack = m_stackFactory.Create<IpsecStack>();
        (*it)->AggregateObject(stack);
        stack->Setup(*it);
        // Every SA the node gets, from this helper, a script or IKE, shows in the summary and
        // the key files.
        stack->TraceConnectWithoutContext(
            "SaAdded",
            MakeBoundCallback(&IpsecHelper::RecordSa, m_log, (*it)->GetId()));
        stack->TraceConnectWithoutContext("SaRemoved",
                                          MakeBoundCallback(&IpsecHelper::RecordRemoval, m_log));
        m_nodes.push_back(*it);
        AssignIvStream(m_nodes.size() - 1);
    }
}

void
IpsecHelper::SetStackAttribute(const std::string& name, const AttributeValue& value)
{
    SetFactoryAttributeChecked(m_stackFactory, name, value, "SetStackAttribute");
}

void
IpsecHelper::SetCryptoEngineAttribute(const std::string& name, const AttributeValue& value)
{
    SetFactoryAttributeChecked(m_engineFactory, name, value, "SetCryptoEngineAttribute");
}

void
IpsecHelper::InstallCryptoEngine(NodeContainer nodes)
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<IpsecStack> stack = GetStack(*it);
        Ptr<CryptoEngine> engine = m_engineFactory.Create<CryptoEngine>();
        (*it)->AggregateObject(engine);
        stack->SetCryptoEngine(engine);
    }
}

void
IpsecHelper::SetSaAttribute(const std::string& name, const AttributeValue& value)
{
    SetFactoryAttributeChecked(m_saFactory, name, value, "SetSaAttribute");
}

Ptr<IpsecStack>
IpsecHelper::GetStack(Ptr<Node> node)
{
    Ptr<IpsecStack> stack = node->GetObject<IpsecStack>();
    if (!stack)
    {
        throw ConfigError("node " + std::to_string(node->GetId()) +
                          " has no IPsec; call IpsecHelper::Install on it first");
    }
    return stack;
}

uint32_t
IpsecHelper::AllocateReqid()
{
    return IpsecStack::AllocateReqid();
}

int64_t
IpsecHelper::AssignStreams(int64_t stream)
{
    m_keyStream->SetStream(stream);
    m_ivStreamBase = stream + 1;
    for (size_t i = 0; i < m_nodes.size(); i++)
    {
        AssignIvStream(i);
    }
    return 1 + MAX_IV_STREAMS;
}

void
IpsecHelper::AssignIvStream(size_t index)
{
    if (m_ivStreamBase < 0)
    {
        return;
    }
    if (static_cast<int64_t>(index) >= MAX_IV_STREAMS)
    {
        throw ConfigError("IpsecHelper::AssignStreams covers the IVs of " +
                          std::to_string(MAX_IV_STREAMS) + " nodes; use another helper");
    }
    m_nodes[index]->GetObject<IpsecStack>()->AssignStreams(m_ivStreamBase + index);
}

std::vector<uint8_t>
IpsecHelper::MakeKey(const std::string& hex, size_t size)
{
    if (!hex.empty())
    {
        return HexToBytes(hex); // its length is checked when the SA is created
    }
    return RandomBytes(m_keyStream, size);
}

void
IpsecHelper::CheckKeyReuse(Ptr<SaParameters> params, const SaKeys& aToB, const SaKeys& bToA)
{
    if (params->GetProtocol() == IpsecProtocol::AH || aToB.encryption.empty() ||
        aToB.encryption != bToA.encryption)
    {
        return;
    }
    EspSuite suite = params->GetEspSuite();
    if (IsCounterMode(*suite.encryption))
    {
        throw ConfigError(std::string("the same ") + suite.encryption->keyword +
                          " key for both directions would repeat nonces (each SA counts its "
                          "IVs from 1, RFC 4106 §3.1); give each direction its own key");
    }
}

namespace
{

/**
 * Refuse an explicit SPI that is reserved or already taken on the receiving node.
 * @param spi the SPI
 * @param protocol ESP or AH
 * @param dst the receiving node
 * @param dstAddr its address (the SA's destination)
 * @param sad the receiver's SAD
 */
void
CheckExplicitSpi(uint32_t spi,
                 IpsecProtocol protocol,
                 Ptr<Node> dst,
                 Ipv4Address dstAddr,
                 const SecurityAssociationDatabase& sad)
{
    std::ostringstream os;
    os << GetProtocolName(protocol) << " SPI 0x" << std::hex << std::setw(8) << std::setfill('0')
       << spi << std::dec << " for node " << dst->GetId() << " (" << dstAddr << "): ";
    if (spi == 0)
    {
        throw ConfigError(os.str() + "SPI 0 means \"no SA\" and is never sent (RFC 4303 §2.1); "
                                     "use 256 or more, or leave the SPI unset");
    }
    if (spi <= SPI_RESERVED_MAX)
    {
        throw ConfigError(os.str() + "SPIs 1-255 are reserved by IANA (RFC 4303 §2.1, RFC 4302 "
                                     "§2.4); use 256 or more");
    }
    if (Ptr<SecurityAssociation> other = sad.FindInbound(spi, dstAddr, protocol))
    {
        throw ConfigError(os.str() + "the node already receives SA " +
                          other->GetConfig().ToString() +
                          " with it; an inbound SPI must be unique per destination and protocol "
                          "(RFC 4301 §4.1)");
    }
}

/**
 * Refuse a key given in hex whose length does not fit the algorithm.
 * @param hex the key (empty: derived, nothing to check)
 * @param info the algorithm
 * @param what which key, for the message
 */
void
CheckKeyLength(const std::string& hex, const TransformInfo& info, const std::string& what)
{
    if (hex.empty())
    {
        return;
    }
    const size_t size = HexToBytes(hex).size();
    if (size == info.keySize)
    {
        return;
    }
    std::string needs = std::to_string(info.keySize) + " bytes";
    if (info.saltSize != 0)
    {
        needs += " (" + std::to_string(info.GetCipherKeySize()) + "-byte key followed by a " +
                 std::to_string(info.saltSize) + "-byte " +
                 (info.kind == CryptoKind::CTR ? "nonce" : "salt") + ")";
    }
    throw ConfigError(what + " for " + info.keyword + " is " + std::to_string(size) +
                      " bytes; it needs " + needs);
}

} // namespace

std::vector<Ptr<SecurityAssociation>>
IpsecHelper::InstallDirection(Ptr<SaParameters> params,
                              Ptr<Node> src,
                              Ipv4Address srcAddr,
                              Ptr<Node> dst,
                              Ipv4Address dstAddr,
                              IpsecMode mode,
                              const SaKeys& keys,
                              uint32_t reqidOut,
                              uint32_t reqidIn,
                              std::vector<Ptr<SecurityAssociation>>& inbound)
{
    const IpsecProtocol protocol = params->GetProtocol();
    std::vector<SaConfig> configs;
    SaConfig base;
    base.mode = mode;
    base.source = srcAddr;
    base.destination = dstAddr;
    base.replayWindow = params->GetReplayWindow();
    base.lifetime = params->GetLifetime();
    base.initialSequence = params->GetInitialSequence();
    base.crypto = params->GetCryptoMode();
    if (keys.nextSequence.has_value())
    {
        if (*keys.nextSequence == 0)
        {
            throw ConfigError("node " + std::to_string(src->GetId()) + " -> node " +
                              std::to_string(dst->GetId()) +
                              ": next sequence number 0 is never sent (the first packet "
                              "of an SA is 1, RFC 4303 §3.3.3); give 1 or more");
        }
        base.initialSequence = *keys.nextSequence - 1;
    }
    const std::string direction =
        "node " + std::to_string(src->GetId()) + " -> node " + std::to_string(dst->GetId());
    // the explicit SPI (or none) of each SA in configs
    std::vector<std::optional<uint32_t>> spis;
    if (protocol != IpsecProtocol::AH)
    {
        SaConfig esp = base;
        esp.protocol = IpsecProtocol::ESP;
        esp.espSuite = params->GetEspSuite();
        CheckKeyLength(keys.encryption,
                       *esp.espSuite.encryption,
                       direction + ": the ESP encryption key");
        esp.encryptionKey = MakeKey(keys.encryption, esp.espSuite.encryption->keySize);
        if (esp.espSuite.integrity != nullptr)
        {
            CheckKeyLength(keys.integrity,
                           *esp.espSuite.integrity,
                           direction + ": the ESP integrity key");
            esp.integrityKey = MakeKey(keys.integrity, esp.espSuite.integrity->keySize);
        }
        else if (!keys.integrity.empty())
        {
            throw ConfigError(direction + ": " + esp.espSuite.ToString() +
                              " has no separate integrity algorithm, but an integrity key was "
                              "given");
        }
        configs.push_back(esp);
        spis.push_back(keys.spi);
    }
    if (protocol != IpsecProtocol::ESP)
    {
        SaConfig ah = base;
        ah.protocol = IpsecProtocol::AH;
        params->GetAh(ah.ahIntegrity, ah.esn);
        ah.ahAlignment = params->GetAhAlignment();
        const std::string& hex = protocol == IpsecProtocol::AH ? keys.integrity : keys.ahIntegrity;
        CheckKeyLength(hex, *ah.ahIntegrity, direction + ": the AH integrity key");
        ah.integrityKey = MakeKey(hex, ah.ahIntegrity->keySize);
        configs.push_back(ah);
        spis.push_back(protocol == IpsecProtocol::AH ? keys.spi : keys.ahSpi);
    }
    Ptr<IpsecStack> receiver = GetStack(dst);
    for (size_t i = 0; i < configs.size(); i++)
    {
        if (spis[i].has_value())
        {
            CheckExplicitSpi(*spis[i], configs[i].protocol, dst, dstAddr, receiver->GetSad());
        }
    }
    std::vector<Ptr<SecurityAssociation>> out;
    for (size_t i = 0; i < configs.size(); i++)
    {
        SaConfig& c = configs[i];
        // The receiver picks the SPI, unless the script fixed it.
        c.spi = spis[i].has_value() ? *spis[i] : receiver->AllocateSpi();
        c.direction = SaDirection::OUTBOUND;
        c.reqid = reqidOut;
        out.push_back(AddSa(src, c));
        c.direction = SaDirection::INBOUND;
        c.reqid = reqidIn;
        c.replayHighest = keys.replayHighest.value_or(0);
        inbound.push_back(AddSa(dst, c));
        c.replayHighest = 0;
    }
    return out;
}

void
IpsecHelper::InstallPolicies(Ptr<Node> node,
                             const TrafficSelector& ts,
                             Ptr<SaParameters> params,
                             IpsecMode mode,
                             Ipv4Address local,
                             Ipv4Address remote,
                             uint32_t reqid,
                             std::vector<std::pair<Ptr<Node>, uint32_t>>& installed)
{
    SecurityPolicy p;
    p.action = PolicyAction::PROTECT;
    p.selector = ts;
    p.mode = mode;
    p.protocol = params->GetProtocol();
    p.reqid = reqid;
    if (mode == IpsecMode::TUNNEL)
    {
        p.tunnelLocal = local;
        p.tunnelRemote = remote;
    }
    std::vector<PolicyDirection> directions{PolicyDirection::OUT, PolicyDirection::IN};
    if (mode == IpsecMode::TUNNEL)
    {
        directions.push_back(PolicyDirection::FWD); // as strongSwan installs in, out and fwd
    }
    for (PolicyDirection d : directions)
    {
        p.direction = d;
        installed.emplace_back(node, AddPolicy(node, p));
    }
}

IpsecConnection
IpsecHelper::AddTransport(Ptr<Node> a,
                          Ipv4Address aAddr,
                          Ptr<Node> b,
                          Ipv4Address bAddr,
                          uint8_t protocol)
{
    return AddTransport(a, aAddr, b, bAddr, SaKeys(), SaKeys(), protocol);
}

IpsecConnection
IpsecHelper::AddTransport(Ptr<Node> a,
                          Ipv4Address aAddr,
                          Ptr<Node> b,
                          Ipv4Address bAddr,
                          const SaKeys& aToB,
                          const SaKeys& bToA,
                          uint8_t protocol)
{
    TrafficSelector ts;
    ts.local = AddressRange::Single(aAddr);
    ts.remote = AddressRange::Single(bAddr);
    ts.protocol = protocol;
    return Connect(IpsecMode::TRANSPORT, a, aAddr, b, bAddr, ts, aToB, bToA);
}

IpsecConnection
IpsecHelper::Connect(IpsecMode mode,
                     Ptr<Node> a,
                     Ipv4Address aAddr,
                     Ptr<Node> b,
                     Ipv4Address bAddr,
                     const TrafficSelector& ts,
                     const SaKeys& aToB,
                     const SaKeys& bToA)
{
    for (const auto& [node, selector] : {std::make_pair(a, ts), std::make_pair(b, ts.Mirror())})
    {
        for (const SecurityPolicy* p : GetStack(node)->GetSpd().GetPolicies(PolicyDirection::OUT))
        {
            if (p->action == PolicyAction::PROTECT && p->selector == selector)
            {
                throw ConfigError("node " + std::to_string(node->GetId()) + " already protects " +
                                  selector.ToString() + " (" + p->ToString() +
                                  "); a connection is added once");
            }
        }
    }
    Ptr<SaParameters> params = m_saFactory.Create<SaParameters>();
    CheckKeyReuse(params, aToB, bToA);
    IpsecConnection c;
    c.reqidA = AllocateReqid();
    c.reqidB = AllocateReqid();
    // All or nothing: a ConfigError half-way (a bad key, ESN without a window) removes what
    // this connection installed, so the script may correct it and try again.
    std::vector<std::pair<Ptr<Node>, uint32_t>> policies;
    const size_t sasBefore = m_log->sas.size();
    try
    {
        InstallPolicies(a, ts, params, mode, aAddr, bAddr, c.reqidA, policies);
        InstallPolicies(b, ts.Mirror(), params, mode, bAddr, aAddr, c.reqidB, policies);
        c.aToB = InstallDirection(params,
                                  a,
                                  aAddr,
                                  b,
                                  bAddr,
                                  mode,
                                  aToB,
                                  c.reqidA,
                                  c.reqidB,
                                  c.aToBInbound);
        c.bToA = InstallDirection(params,
                                  b,
                                  bAddr,
                                  a,
                                  aAddr,
                                  mode,
                                  bToA,
                                  c.reqidB,
                                  c.reqidA,
                                  c.bToAInbound);
    }
    catch (const ConfigError&)
    {
        for (size_t i = sasBefore; i < m_log->sas.size(); i++)
        {
            Ptr<Node> node = NodeList::GetNode(m_log->sas[i].first);
            GetStack(node)->GetSad().Remove(m_log->sas[i].second);
        }
        m_log->sas.resize(sasBefore);
        for (const auto& [node, id] : policies)
        {
            GetStack(node)->RemovePolicy(id);
        }
        throw;
    }
    return c;
}

IpsecConnection
IpsecHelper::AddTunnel(Ptr<Node> gwA,
                       Ipv4Address gwAAddr,
                       const AddressRange& subnetA,
                       Ptr<Node> gwB,
                       Ipv4Address gwBAddr,
                       const AddressRange& subnetB)
{
    return AddTunnel(gwA, gwAAddr, subnetA, gwB, gwBAddr, subnetB, SaKeys(), SaKeys());
}

IpsecConnection
IpsecHelper::AddTunnel(Ptr<Node> gwA,
                       Ipv4Address gwAAddr,
                       const AddressRange& subnetA,
                       Ptr<Node> gwB,
                       Ipv4Address gwBAddr,
                       const AddressRange& subnetB,
                       const SaKeys& aToB,
                       const SaKeys& bToA)
{
    TrafficSelector ts;
    ts.local = subnetA;
    ts.remote = subnetB;
    return Connect(IpsecMode::TUNNEL, gwA, gwAAddr, gwB, gwBAddr, ts, aToB, bToA);
}

IpsecConnection
IpsecHelper::AddTunnel(Ptr<Node> gwA,
                       Ipv4Address gwAAddr,
                       Ptr<Node> gwB,
                       Ipv4Address gwBAddr,
                       const TrafficSelector& selector)
{
    selector.Validate();
    return Connect(IpsecMode::TUNNEL, gwA, gwAAddr, gwB, gwBAddr, selector, SaKeys(), SaKeys());
}

uint32_t
IpsecHelper::AddPolicy(Ptr<Node> node, const SecurityPolicy& policy, int position)
{
    Ptr<IpsecStack> stack = GetStack(node);
    return position < 0 ? stack->AddPolicy(policy)
                        : stack->InsertPolicy(policy, static_cast<size_t>(position));
}

Ptr<SecurityAssociation>
IpsecHelper::AddSa(Ptr<Node> node, const SaConfig& config)
{
    Ptr<SecurityAssociation> sa = GetStack(node)->AddSa(config);
    if (m_log->sas.empty() || m_log->sas.back().second != sa)
    {
        m_log->sas.emplace_back(node->GetId(), sa); // a node another helper installed
    }
    return sa;
}

void
IpsecHelper::RecordRemoval(std::shared_ptr<SaLog> log, Ptr<SecurityAssociation> sa)
{
    // IKE removes the oldest SAs first: they are near the front.
    for (auto it = log->sas.begin(); it != log->sas.end(); ++it)
    {
        if (it->second == sa)
        {
            log->removed.push_back({it->first, sa->GetConfig(), sa->GetCounters()});
            log->sas.erase(it);
            return;
        }
    }
}

void
IpsecHelper::RecordSa(std::shared_ptr<SaLog> log, uint32_t node, Ptr<SecurityAssociation> sa)
{
    log->sas.emplace_back(node, sa);
}

std::vector<EspSaKeys>
IpsecHelper::GetEspSaKeys() const
{
    std::vector<const SaConfig*> configs;
    for (const auto& [node, sa] : m_log->sas)
    {
        configs.push_back(&sa->GetConfig());
    }
    for (const RemovedSa& r : m_log->removed)
    {
        configs.push_back(&r.config);
    }
    std::vector<EspSaKeys> keys;
    // Each SA once: its sender's copy, or its receiver's when the sender is not a node here
    // (a real peer, or SAs added by hand on one side only).
    std::set<std::pair<uint32_t, uint32_t>> outbound; // (SPI, destination)
    for (const SaConfig* c : configs)
    {
        if (c->direction == SaDirection::OUTBOUND)
        {
            outbound.insert({c->spi, c->destination.Get()});
        }
    }
    for (const SaConfig* c : configs)
    {
        if (c->protocol != IpsecProtocol::ESP ||
            (c->direction == SaDirection::INBOUND &&
             outbound.count({c->spi, c->destination.Get()}) != 0))
        {
            continue;
        }
        EspSaKeys k;
        k.source = c->source;
        k.destination = c->destination;
        k.spi = c->spi;
        k.suite = c->espSuite;
        k.encryptionKey = c->encryptionKey;
        k.integrityKey = c->integrityKey;
        k.crypto = c->crypto;
        keys.push_back(k);
    }
    return keys;
}

void
IpsecHelper::WriteKeyFile(const std::string& path, WiresharkVersion version) const
{
    std::ofstream out(path);
    if (!out)
    {
        throw ConfigError("cannot write the key file '" + path + "'");
    }
    WriteWiresharkEspSa(out, GetEspSaKeys(), version);
}

std::vector<std::string>
IpsecHelper::WriteXfrmScripts(const std::string& prefix) const
{
    std::vector<std::string> files;
    for (const auto& node : m_nodes)
    {
        Ptr<IpsecStack> stack = GetStack(node);
        std::vector<SaConfig> sas;
        for (const auto& sa : stack->GetSad().GetAll())
        {
            sas.push_back(sa->GetConfig());
        }
        std::vector<SecurityPolicy> policies;
        for (PolicyDirection d : {PolicyDirection::OUT, PolicyDirection::IN, PolicyDirection::FWD})
        {
            for (const SecurityPolicy* p : stack->GetSpd().GetPolicies(d))
            {
                policies.push_back(*p);
            }
        }
        std::ostringstream title;
        title << "ns-3 node " << node->GetId();
        Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
        std::string addresses;
        for (uint32_t i = 0; ipv4 && i < ipv4->GetNInterfaces(); i++)
        {
            for (uint32_t j = 0; j < ipv4->GetNAddresses(i); j++)
            {
                const Ipv4Address a = ipv4->GetAddress(i, j).GetLocal();
                if (a.IsLocalhost() || i == stack->GetInterface())
                {
                    continue; // loopback and ipsec0's link-local address
                }
                std::ostringstream os;
                os << a;
                addresses += (addresses.empty() ? "" : ", ") + os.str();
            }
        }
        if (!addresses.empty())
        {
            title << " (" << addresses << ")";
        }
        const std::string path = prefix + "-" + std::to_string(node->GetId()) + ".sh";
        std::ofstream out(path);
        if (!out)
        {
            throw ConfigError("cannot write the xfrm script '" + path + "'");
        }
        WriteXfrmScript(out, title.str(), sas, policies);
        out.close();
        if (!out)
        {
            throw ConfigError("cannot write the xfrm script '" + path + "'");
        }
        files.push_back(path);
    }
    return files;
}

const std::vector<std::pair<uint32_t, Ptr<SecurityAssociation>>>&
IpsecHelper::GetSas() const
{
    return m_log->sas;
}

void
IpsecHelper::PrintSummary(std::ostream& os) const
{
    os << "IPsec drops per node (reasons with a non-zero count):\n";
    for (const auto& node : m_nodes)
    {
        Ptr<IpsecStack> stack = node->GetObject<IpsecStack>();
        os << "  node " << node->GetId() << ":";
        bool any = false;
        for (size_t r = 1; r < static_cast<size_t>(DropReason::COUNT); r++)
        {
            uint64_t n = stack->GetDropCount(static_cast<DropReason>(r));
            if (n != 0)
            {
                os << ' ' << static_cast<DropReason>(r) << '=' << n;
                any = true;
            }
        }
        os << (any ? "\n" : " none\n");
    }
    os << "IPsec SAs:\n"
       << "  node dir spi        proto mode      source -> destination          packets "
          "     bytes replay   icv  other highest-seq state\n";
    const auto row =
        [&os](uint32_t node, const SaConfig& c, const SaCounters& k, const char* state) {
            std::ostringstream ends;
            ends << c.source << " -> " << c.destination;
            os << "  " << std::setw(4) << node << ' '
               << (c.direction == SaDirection::OUTBOUND ? "out" : "in ") << " 0x" << std::hex
               << std::setw(8) << std::setfill('0') << c.spi << std::dec << std::setfill(' ') << ' '
               << std::setw(5) << std::left << GetProtocolName(c.protocol) << ' ' << std::setw(9)
               << GetModeName(c.mode) << ' ' << std::setw(30) << ends.str() << std::right << ' '
               << std::setw(7) << k.packets << ' ' << std::setw(10) << k.bytes << ' '
               << std::setw(6) << k.replayDrops << ' ' << std::setw(5) << k.icvFailures << ' '
               << std::setw(6) << k.otherDrops << ' ' << std::setw(11) << k.highestSeq << ' '
               << state << '\n';
        };
    for (const RemovedSa& r : m_log->removed)
    {
        row(r.node, r.config, r.counters, "deleted");
    }
    for (const auto& [node, sa] : m_log->sas)
    {
        row(node,
            sa->GetConfig(),
            sa->GetCounters(),
            sa->IsHardExpired() ? "expired" : (sa->IsSoftExpired() ? "soft-expired" : "active"));
    }
}

const std::vector<RemovedSa>&
IpsecHelper::GetRemovedSas() const
{
    return m_log->removed;
}

} // namespace ipsec
} // namespace ns3
