// SPDX-License-Identifier: GPL-2.0-only
#include "ike-daemon.h"

#include "ikev2-child-create-task.h"
#include "ikev2-eap-auth.h"
#include "ikev2-pubkey-auth.h"
#include "ipsec-config-error.h"
#include "ipsec-crypto-engine.h"
#include "ipsec-random-bytes.h"
#include "ipsec-stack.h"

#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IkeDaemon");
NS_OBJECT_ENSURE_REGISTERED(IkeDaemon);

const char*
ToString(IkeStartAction action)
{
    switch (action)
    {
    case IkeStartAction::NONE:
        return "none";
    case IkeStartAction::TRAP:
        return "trap";
    case IkeStartAction::START:
        return "start";
    case IkeStartAction::TRAP_START:
        return "trap|start";
    }
    return "unknown";
}

TypeId
IkeDaemon::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ipsec::IkeDaemon")
            .SetParent<Application>()
            .SetGroupName("Ipsec")
            .AddConstructor<IkeDaemon>()
            .AddAttribute("RetransmitTimeout",
                          "Time before the first retransmission of a request (strongSwan's "
                          "retransmit_timeout); the n-th waits RetransmitTimeout * "
                          "RetransmitBase^n",
                          TimeValue(Seconds(4)),
                          MakeTimeAccessor(&IkeDaemon::m_retransmitTimeout),
                          MakeTimeChecker(Seconds(0.001)))
            .AddAttribute("RetransmitBase",
                          "Base of the exponential back-off (strongSwan's retransmit_base)",
                          DoubleValue(1.8),
                          MakeDoubleAccessor(&IkeDaemon::m_retransmitBase),
                          MakeDoubleChecker<double>(1.0, 10.0))
            .AddAttribute("RetransmitTries",
                          "Retransmissions of a request before the IKE SA is given up "
                          "(strongSwan's retransmit_tries)",
                          UintegerValue(5),
                          MakeUintegerAccessor(&IkeDaemon::m_retransmitTries),
                          MakeUintegerChecker<uint32_t>(0, 100))
            .AddAttribute("Port",
                          "UDP port of IKE, on this node and its peers",
                          UintegerValue(500),
                          MakeUintegerAccessor(&IkeDaemon::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("DeleteRekeyedDelay",
                          "How long the inbound SA of a rekeyed CHILD SA stays after the rekey "
                          "(strongSwan's delete_rekeyed_delay): packets the peer sent on it "
                          "may still be on the way",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&IkeDaemon::m_deleteRekeyedDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("AcquireTimeout",
                          "After an Acquire started a connection, further Acquires for it are "
                          "ignored this long once its IKE SA is gone (Linux XFRM's acq_expires): "
                          "a peer that refuses us is not asked again for every packet",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&IkeDaemon::m_acquireTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("CookieThreshold",
                          "Half-open IKE SAs (IKE_SA_INIT answered, IKE_AUTH not done) from which "
                          "an IKE_SA_INIT request must carry a valid cookie, or gets one and "
                          "creates no state (RFC 7296 section 2.6; strongSwan's "
                          "cookie_threshold); 0: never",
                          UintegerValue(30),
                          MakeUintegerAccessor(&IkeDaemon::m_cookieThreshold),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("CookieThresholdIp",
                          "Half-open IKE SAs of one source from which its IKE_SA_INIT requests "
                          "must carry a valid cookie (strongSwan's cookie_threshold_ip); 0: "
                          "never",
                          UintegerValue(3),
                          MakeUintegerAccessor(&IkeDaemon::m_cookieThresholdIp),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("BlockThreshold",
                          "Half-open IKE SAs of one source from which its IKE_SA_INIT requests "
                          "are dropped (strongSwan's block_threshold); 0: never",
                          UintegerValue(5),
                          MakeUintegerAccessor(&IkeDaemon::m_blockThreshold),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("HalfOpenTimeout",
                          "A half-open IKE SA of ours as responder is removed this long after "
                          "its IKE_SA_INIT (strongSwan's half_open_timeout)",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&IkeDaemon::m_halfOpenTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("RekeyRetryScale",
                          "A refused rekey is tried again after 5 to 15 s (strongSwan's retry "
                          "interval and jitter) times this factor, and for a CHILD SA before half "
                          "of its remaining hard lifetime",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&IkeDaemon::m_rekeyRetryScale),
                          MakeDoubleChecker<double>(0.0))
            .AddTraceSource("IkeSaState",
                            "An IKE SA changed state (connection, SPIi, SPIr, new state)",
                            MakeTraceSourceAccessor(&IkeDaemon::m_stateTrace),
                            "ns3::ipsec::IkeDaemon::StateTracedCallback")
            .AddTraceSource("Message",
                            "An IKE message was sent or accepted (payloads decrypted)",
                            MakeTraceSourceAccessor(&IkeDaemon::m_messageTrace),
                            "ns3::ipsec::IkeDaemon::MessageTracedCallback")
            .AddTraceSource("Retransmit",
                            "A request was sent again (attempt 1, 2, ...)",
                            MakeTraceSourceAccessor(&IkeDaemon::m_retransmitTrace),
                            "ns3::ipsec::IkeDaemon::RetransmitTracedCallback")
            .AddTraceSource("Drop",
                            "A datagram was dropped (peer, reason)",
                            MakeTraceSourceAccessor(&IkeDaemon::m_dropTrace),
                            "ns3::ipsec::IkeDaemon::DropTracedCallback")
            .AddTraceSource("IkeSaKeys",
                            "An IKE SA derived its keys (for key files)",
                            MakeTraceSourceAccessor(&IkeDaemon::m_keysTrace),
                            "ns3::ipsec::IkeDaemon::KeysTracedCallback")
            .AddTraceSource("Ikev1Message",
                            "An IKEv1 message sent or accepted (decrypted payloads)",
                            MakeTraceSourceAccessor(&IkeDaemon::m_ikev1MessageTrace),
                            "ns3::ipsec::IkeDaemon::Ikev1MessageTracedCallback")
            .AddTraceSource("Ikev1SaKeys",
                            "An ISAKMP SA's keys, once derived (key logs, Wireshark)",
                            MakeTraceSourceAccessor(&IkeDaemon::m_ikev1KeysTrace),
                            "ns3::ipsec::IkeDaemon::Ikev1KeysTracedCallback")
            .AddTraceSource("ChildSaInstalled",
                            "A CHILD SA was installed into the data plane",
                            MakeTraceSourceAccessor(&IkeDaemon::m_childTrace),
                            "ns3::ipsec::IkeDaemon::ChildTracedCallback")
            .AddTraceSource("ChildSaRekeyed",
                            "A CHILD SA was rekeyed (old and new inbound SPI, whether this end "
                            "started the rekey)",
                            MakeTraceSourceAccessor(&IkeDaemon::m_rekeyTrace),
                            "ns3::ipsec::IkeDaemon::ChildRekeyTracedCallback")
            .AddTraceSource("IkeSaRekeyed",
                            "An IKE SA was rekeyed (old SPIi, SPIr, new SPIi, SPIr)",
                            MakeTraceSourceAccessor(&IkeDaemon::m_ikeRekeyTrace),
                            "ns3::ipsec::IkeDaemon::IkeRekeyTracedCallback")
            .AddTraceSource("IkeSaExpired",
                            "An IKE SA reached its hard lifetime (rekey_time + over_time) "
                            "without a rekey replacing it and is deleted (SPIi, SPIr)",
                            MakeTraceSourceAccessor(&IkeDaemon::m_ikeExpireTrace),
                            "ns3::ipsec::IkeDaemon::IkeExpireTracedCallback")
            .AddTraceSource("ChildSaDeleted",
                            "A CHILD SA was deleted (inbound SPI, whether this end deleted it)",
                            MakeTraceSourceAccessor(&IkeDaemon::m_deleteTrace),
                            "ns3::ipsec::IkeDaemon::ChildDeleteTracedCallback");
    return tid;
}

IkeDaemon::IkeDaemon()
    : m_random(CreateObject<UniformRandomVariable>())
{
}

IkeDaemon::~IkeDaemon() = default;

int64_t
IkeDaemon::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

uint32_t
IkeDaemon::AddConnection(const IkePeerConfig& config,
                         IkeStartAction start,
                         const ChildSaDataPlane& dataPlane)
{
    const std::string what = "IKE connection '" + config.name + "': ";
    if (config.proposals.empty())
    {
        throw ConfigError(what + "no IKE proposal; give one, e.g. aes128-sha256-modp2048");
    }
    if (IsEapMethod(config.localAuth) && config.eapPassword.empty())
    {
        throw ConfigError(what + "local auth = " + ToString(config.localAuth) +
                          " needs an EAP password (eapPassword)");
    }
    if (IsEapMethod(config.remoteAuth) && config.eapUsers.empty())
    {
        throw ConfigError(what + "remote auth = " + ToString(config.remoteAuth) +
                          " needs EAP users (eapUsers: identity and password)");
    }
    if (IsEapMethod(config.localAuth) && IsEapMethod(config.remoteAuth))
    {
        throw ConfigError(what + "EAP authenticates the initiator only: the responder needs "
                                 "psk or pubkey (RFC 7296 §2.16)");
    }
    const bool psk =
        config.localAuth == IkeAuthMethod::PSK || config.remoteAuth == IkeAuthMethod::PSK;
    if (psk && config.psk.empty())
    {
        throw ConfigError(what + "no pre-shared key (auth = psk)");
    }
    if (Ikev2UsesSignatures(config))
    {
        if (!config.credential)
        {
            throw ConfigError(what + "auth = pubkey needs a credential (IkeCertificateHelper::"
                                     "Issue or LoadPem)");
        }
        if (config.localAuth == IkeAuthMethod::PUBKEY)
        {
            config.credential->Validate();
        }
        if (config.remoteAuth == IkeAuthMethod::PUBKEY && config.credential->trustedCas.empty())
        {
            throw ConfigError(what + "remote auth = pubkey needs a trusted CA in the credential");
        }
    }
    if (config.localId.data.empty() || (config.remoteId.data.empty() && !config.remoteId.IsAny()))
    {
        throw ConfigError(what + "the local and remote identities must be set (the remote one "
                                 "may be IkeIdentity::Any())");
    }
    if ((config.remoteAddress == Ipv4Address() || config.remoteAddress.IsAny()) &&
        start != IkeStartAction::NONE)
    {
        throw ConfigError(what +
                          "no remote address (remote_addrs): only a connection that answers "
                          "(start action none) may take any peer (0.0.0.0, strongSwan's %any)");
    }
    for (const IkeChildConfig& child : config.children)
    {
        if (child.proposals.empty() || child.localTs.empty() || child.remoteTs.empty())
        {
            throw ConfigError(what + "CHILD SA '" + child.name +
                              "' needs proposals and local and remote traffic selectors");
        }
        if (!child.ahProposals.empty() && config.version != 1)
        {
            throw ConfigError(what + "CHILD SA '" + child.name +
                              "' bundles ESP with AH, which only IKEv1 negotiates (IKEv2 has "
                              "no bundles, RFC 7296 §3.3): use version 1, or ESP or AH alone");
        }
    }

    if (config.version == 1)
    {
        CheckIkev1Connection(config, what);
    }
    else if (config.version != 2)
    {
        throw ConfigError(what + "IKE version " + std::to_string(config.version) +
                          " (version is 1 or 2)");
    }
    Connection c;
    c.config = std::make_shared<const IkePeerConfig>(config);
    c.start = start;
    c.dataPlane = dataPlane;
    for (size_t i = 0; i < config.children.size(); i++)
    {
        c.reqids.push_back(IpsecStack::AllocateReqid());
        c.childAcquired.push_back(Seconds(-1));
        m_reqidConnection[c.reqids.back()] = m_connections.size();
    }
    m_connections.push_back(std::move(c));
    return m_connections.size() - 1;
}

void
IkeDaemon::DoDispose()
{
    for (auto& [spi, entry] : m_sas)
    {
        entry.retransmit.Cancel();
    }
    m_sas.clear();
    m_socket = nullptr;
    m_stack = nullptr;
    Application::DoDispose();
}

void
IkeDaemon::StartApplication()
{
    m_stack = GetNode()->GetObject<IpsecStack>();
    if (!m_stack)
    {
        throw ConfigError("node " + std::to_string(GetNode()->GetId()) +
                          " runs an IKE daemon but has no IPsec; call IpsecHelper::Install on "
                          "it first");
    }
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0)
    {
        throw ConfigError("node " + std::to_string(GetNode()->GetId()) +
                          ": the IKE daemon cannot bind UDP port " + std::to_string(m_port) +
                          " (another IKE daemon or socket has it)");
    }
    m_socket->SetRecvCallback(MakeCallback(&IkeDaemon::HandleRead, this));
    NS_ABORT_MSG_UNLESS(
        m_stack->TraceConnectWithoutContext("Acquire", MakeCallback(&IkeDaemon::OnAcquire, this)),
        "IpsecStack's Acquire trace has another signature");
    m_stack->TraceConnectWithoutContext("SoftExpire",
                                        MakeBoundCallback(&IkeDaemon::OnExpireSoft, this));
    m_stack->TraceConnectWithoutContext("HardExpire",
                                        MakeBoundCallback(&IkeDaemon::OnExpireHard, this));
    m_guard.SetThresholds(m_cookieThreshold, m_cookieThresholdIp, m_blockThreshold);
    // Drawn when a cookie is first made, so that a simulation without cookies draws nothing
    // for them (strongSwan's SECRET_LENGTH: 16 bytes).
    Ptr<UniformRandomVariable> random = m_random;
    m_guard.SetSecretSource([random]() { return RandomBytes(random, 16); });
    m_running = true;
    for (uint32_t i = 0; i < m_connections.size(); i++)
    {
        Connection& c = m_connections[i];
        if (c.start == IkeStartAction::TRAP || c.start == IkeStartAction::TRAP_START)
        {
            for (size_t k = 0; k < c.config->children.size(); k++)
            {
                const IkeChildConfig& child = c.config->children[k];
                const auto ids = InstallChildPolicies(m_stack,
                                                      child.localTs,
                                                      child.remoteTs,
                                                      child.mode,
                                                      child.ahProposals.empty()
                                                          ? child.proposals.front().protocol
                                                          : IpsecProtocol::ESP_AH,
                                                      c.config->localAddress,
                                                      c.config->remoteAddress,
                                                      c.reqids[k]);
                c.trapIds.insert(c.trapIds.end(), ids.begin(), ids.end());
            }
        }
        if (c.start == IkeStartAction::START || c.start == IkeStartAction::TRAP_START)
        {
            Simulator::ScheduleNow(&IkeDaemon::Initiate, this, i);
        }
    }
}

void
IkeDaemon::StopApplication()
{
    m_running = false;
    if (m_stack)
    {
        m_stack->TraceDisconnectWithoutContext("Acquire",
                                               MakeCallback(&IkeDaemon::OnAcquire, this));
        m_stack->TraceDisconnectWithoutContext("SoftExpire",
                                               MakeBoundCallback(&IkeDaemon::OnExpireSoft, this));
        m_stack->TraceDisconnectWithoutContext("HardExpire",
                                               MakeBoundCallback(&IkeDaemon::OnExpireHard, this));
    }
    for (auto& [spi, entry] : m_sas)
    {
        entry.retransmit.Cancel();
        entry.dpd.Cancel();
        entry.ikeRekey.Cancel();
        entry.ikeExpire.Cancel();
        for (auto& [inSpi, c] : entry.children)
        {
            c.rekey.Cancel();
            c.inactivity.Cancel();
        }
    }
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

Ikev2Sources
IkeDaemon::MakeSources()
{
    Ikev2Sources s;
    Ptr<UniformRandomVariable> random = m_random;
    s.bytes = [random](uint8_t* out, size_t n) { FillRandomBytes(random, out, n); };
    Ptr<IpsecStack> stack = m_stack;
    s.allocateSpi = [stack]() { return stack->AllocateSpi(); };
    return s;
}

uint64_t
IkeDaemon::OwnSpi(const Ikev2Sa& sa)
{
    const Ikev2SaContext& ctx = sa.GetContext();
    return ctx.initiator ? ctx.spiI : ctx.spiR;
}

void
IkeDaemon::Initiate(uint32_t connection)
{
    InitiateFor(connection, 0, std::nullopt);
}

void
IkeDaemon::InitiateFor(uint32_t connection,
                       size_t child,
                       std::optional<std::pair<IkeTsSide, IkeTsSide>> trigger)
{
    if (!m_running || connection >= m_connections.size())
    {
        return;
    }
    Connection& c = m_connections[connection];
    if (c.ikeSa != 0 && m_sas.count(c.ikeSa) != 0)
    {
        return; // up or being set up
    }
    if (c.config->version == 1)
    {
        InitiateV1(connection, child);
        return;
    }
    const Ipv4Address peer = c.config->remoteAddress;
    auto sa = NewIkeSa(true, c.config, peer);
    const std::vector<uint8_t> request = sa->Initiate(child,
                                                      trigger ? &trigger->first : nullptr,
                                                      trigger ? &trigger->second : nullptr);
    const uint64_t spi = OwnSpi(*sa);
    IkeSaEntry& entry = m_sas[spi];
    entry.sa = std::move(sa);
    entry.connection = connection;
    entry.peer = peer;
    c.ikeSa = spi;
    NS_LOG_INFO("node " << GetNode()->GetId() << " initiates " << c.config->name << " to " << peer);
    SendFrom(spi, request);
}

std::unique_ptr<Ikev2Sa>
IkeDaemon::NewIkeSa(bool initiator, std::shared_ptr<const IkePeerConfig> config, Ipv4Address peer)
{
    auto sa = std::make_unique<Ikev2Sa>(initiator, std::move(config), MakeSources());
    sa->SetMessageCallback(
        [this, peer](bool sent, const IkeHeader& h, const std::vector<Ikev2Payload>& p) {
            m_messageTrace(sent, peer, h, p);
        });
    return sa;
}

void
IkeDaemon::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        if (!InetSocketAddress::IsMatchingType(from))
        {
            continue;
        }
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        // Never inside the packet processing that delivered it (it may re-enter the stack).
        Simulator::ScheduleNow(&IkeDaemon::Process,
                               this,
                               InetSocketAddress::ConvertFrom(from).GetIpv4(),
                               std::move(bytes));
    }
}

void
IkeDaemon::Drop(Ipv4Address peer, const std::string& reason)
{
    NS_LOG_INFO("node " << GetNode()->GetId() << " drops a datagram from " << peer << ": "
                        << reason);
    m_drops[reason]++;
    m_dropTrace(peer, reason);
}

void
IkeDaemon::Process(Ipv4Address peer, std::vector<uint8_t> datagram)
{
    if (!m_running)
    {
        return;
    }
    IkeHeader h;
    const IkeParseError e = IkeHeader::Parse(ByteSpan(datagram), h);
    if (e != IkeParseError::NONE)
    {
        Drop(peer, ToString(e));
        return;
    }
    if (h.majorVersion == 1)
    {
        ProcessV1(peer, h, datagram);
        return;
    }
    if (h.majorVersion != 2)
    {
        Drop(peer, "unsupported-ike-version");
        return;
    }
    uint64_t spi = 0;
    if (h.IsInitiator())
    {
        // We are the responder: our SPI is SPIr, 0 in an IKE_SA_INIT request.
        if (h.responderSpi == 0 && h.exchangeType == ikev2::IKE_SA_INIT && !h.IsResponse())
        {
            for (const auto& [own, entry] : m_sas)
            {
                if (!entry.sa)
                {
                    continue;
                }
                const Ikev2SaContext& ctx = entry.sa->GetContext();
                if (!ctx.initiator && ctx.spiI == h.initiatorSpi && entry.peer == peer)
                {
                    spi = own; // a retransmitted IKE_SA_INIT request
                    break;
                }
            }
            if (spi == 0)
            {
                const int32_t found = FindResponderConnection(peer, 2);
                if (found < 0)
                {
                    Drop(peer, "no-connection-for-peer");
                    return;
                }
                if (!Admit(peer, h, datagram))
                {
                    return;
                }
                auto sa = NewIkeSa(false, m_connections[found].config, peer);
                const std::vector<uint8_t> reply = sa->Receive(ByteSpan(datagram));
                if (!sa->GetDropReason().empty())
                {
                    Drop(peer, sa->GetDropReason());
                    return;
                }
                const uint64_t own = OwnSpi(*sa);
                if (own == 0 || sa->GetState() == Ikev2SaState::FAILED)
                {
                    // The request was answered with an error (NO_PROPOSAL_CHOSEN,
                    // INVALID_KE_PAYLOAD): no state is kept (RFC 7296 §2.6).
                    Charge(peer, sa->TakeJobs(), [this, peer, reply]() { Send(peer, reply); });
                    return;
                }
                IkeSaEntry& entry = m_sas[own];
                entry.sa = std::move(sa);
                entry.connection = static_cast<uint32_t>(found);
                entry.peer = peer;
                m_guard.Add(own, peer);
                Simulator::Schedule(m_halfOpenTimeout, &IkeDaemon::ExpireHalfOpen, this, own);
                if (m_connections[found].ikeSa == 0 &&
                    m_connections[found].config->remoteAddress == peer)
                {
                    // Our own trap on this connection waits for this IKE SA.
                    m_connections[found].ikeSa = own;
                }
                SendFrom(own, reply);
                return;
            }
        }
        else
        {
            spi = h.responderSpi;
        }
    }
    else
    {
        spi = h.initiatorSpi;
    }
    auto it = m_sas.find(spi);
    if (it == m_sas.end() || it->second.peer != peer)
    {
        Drop(peer, "unknown-ike-spi");
        return;
    }
    const std::vector<uint8_t> reply = it->second.sa->Receive(ByteSpan(datagram));
    if (it->second.sa->GetState() != Ikev2SaState::CONNECTING)
    {
        m_guard.Remove(spi); // authenticated or failed: no longer half-open
    }
    if (!it->second.sa->GetDropReason().empty())
    {
        Drop(peer, it->second.sa->GetDropReason());
    }
    else
    {
        it->second.heard = true;
    }
    // The answer (or our next request) leaves once the crypto engine has done the work.
    Charge(peer, it->second.sa->TakeJobs(), [this, peer, spi, reply]() {
        SendMessage(spi, peer, reply);
        AfterExchange(spi, reply);
        // Answering may have left work of our own (the redundant CHILD SA of a collision).
        auto again = m_sas.find(spi);
        if (again != m_sas.end())
        {
            SendFrom(spi, again->second.sa->SendQueued());
        }
    });
}

void
IkeDaemon::Charge(Ipv4Address peer, std::vector<IkeCryptoJob> jobs, std::function<void()> then)
{
    Ptr<CryptoEngine> engine = m_stack ? m_stack->GetCryptoEngine() : nullptr;
    // Operations the cost table lacks (an SK payload suite ESP has no row for) take no time.
    CryptoCost cost;
    while (engine && !jobs.empty() && !engine->GetTable().Find(jobs.front().operation, cost))
    {
        jobs.erase(jobs.begin());
    }
    if (!engine || jobs.empty())
    {
        if (m_running)
        {
            then();
        }
        return;
    }
    const IkeCryptoJob job = jobs.front();
    jobs.erase(jobs.begin());
    const bool queued = engine->Charge(job.operation, job.bytes, [this, peer, jobs, then]() {
        Charge(peer, jobs, then);
    });
    if (!queued)
    {
        // A full engine loses the message; retransmission recovers (strongSwan's jobs queue).
        Drop(peer, "crypto-queue-full");
    }
}

void
IkeDaemon::Send(Ipv4Address peer, const std::vector<uint8_t>& datagram)
{
    if (datagram.empty() || !m_socket)
    {
        return;
    }
    Ptr<Packet> p = Create<Packet>(datagram.data(), datagram.size());
    m_socket->SendTo(p, 0, InetSocketAddress(peer, m_port));
}

void
IkeDaemon::SendMessage(uint64_t spi, Ipv4Address peer, const std::vector<uint8_t>& message)
{
    auto it = m_sas.find(spi);
    if (it == m_sas.end() || !it->second.sa)
    {
        Send(peer, message);
        return;
    }
    const auto datagrams = it->second.sa->Datagrams(message);
    if (datagrams.size() > 1)
    {
        m_fragmentsSent += datagrams.size();
    }
    for (const auto& datagram : datagrams)
    {
        Send(peer, datagram);
    }
}

void
IkeDaemon::AfterExchange(uint64_t spi, const std::vector<uint8_t>& sent)
{
    auto it = m_sas.find(spi);
    if (it == m_sas.end())
    {
        return;
    }
    IkeSaEntry& entry = it->second;
    Ikev2Sa& sa = *entry.sa;
    const Ikev2SaContext& ctx = sa.GetContext();
    Connection& conn = m_connections[entry.connection];

    // Retransmission: armed for a new request, stopped once it is answered.
    const std::vector<uint8_t>& outstanding = sa.GetOutstandingRequest();
    if (outstanding.empty())
    {
        entry.retransmit.Cancel();
        entry.request.clear();
    }
    else if (!sent.empty() && sent == outstanding && outstanding != entry.request)
    {
        entry.request = outstanding;
        entry.attempts = 0;
        entry.retransmit.Cancel();
        entry.retransmit =
            Simulator::Schedule(m_retransmitTimeout, &IkeDaemon::Retransmit, this, spi);
    }

    if (ctx.codec && !entry.keysReported)
    {
        entry.keysReported = true;
        m_keysTrace(ctx);
    }
    const Ikev2SaState state = sa.GetState();
    if (state != entry.state)
    {
        entry.state = state;
        NS_LOG_INFO("node " << GetNode()->GetId() << " IKE SA " << conn.config->name << " "
                            << ToString(state) << (ctx.error.empty() ? "" : " ") << ctx.error);
        m_stateTrace(conn.config->name, ctx.spiI, ctx.spiR, state);
    }
    HandleEvents(spi);
    if (auto next = sa.TakeSuccessor())
    {
        TakeOver(spi, std::move(next));
    }
    for (auto& [other, deleteIt] : sa.TakeOtherIkeSas())
    {
        // A rekey collision's other IKE SA (§2.8.2): ours to delete, or the peer's.
        const uint64_t otherSpi = OwnSpi(*other);
        IkeSaEntry& o = m_sas[otherSpi];
        o.sa = std::move(other);
        o.connection = entry.connection;
        o.peer = entry.peer;
        o.state = Ikev2SaState::ESTABLISHED;
        o.keysReported = true;
        o.lifetimeArmed = true; // redundant: deleted, never rekeyed
        m_keysTrace(o.sa->GetContext());
        if (deleteIt)
        {
            SendFrom(otherSpi, m_sas.at(otherSpi).sa->Delete());
        }
    }
    if (state == Ikev2SaState::ESTABLISHED && !entry.dpd.IsRunning() &&
        conn.config->dpdDelay.IsStrictlyPositive())
    {
        entry.dpd = Simulator::Schedule(conn.config->dpdDelay, &IkeDaemon::CheckPeer, this, spi);
    }
    if (state == Ikev2SaState::ESTABLISHED && !entry.lifetimeArmed)
    {
        // Once per IKE SA: re-arming whenever the rekey timer is idle would re-arm it (and
        // orphan the hard lifetime's timer) during the very rekey it started.
        entry.lifetimeArmed = true;
        ScheduleIkeRekey(spi);
    }
    if (state == Ikev2SaState::FAILED || state == Ikev2SaState::DELETED)
    {
        Remove(spi);
    }
}

const IkeChildConfig*
IkeDaemon::FindChildConfig(const Connection& c, const std::string& name)
{
    for (const IkeChildConfig& child : c.config->children)
    {
        if (child.name == name)
        {
            return &child;
        }
    }
    return nullptr;
}

void
IkeDaemon::InstallChild(uint64_t spi, const Ikev2ChildSa& child, bool withOutbound)
{
    IkeSaEntry& entry = m_sas.at(spi);
    const Connection& conn = m_connections[entry.connection];
    uint32_t reqid = 0;
    for (size_t k = 0; k < conn.config->children.size(); k++)
    {
        if (conn.config->children[k].name == child.name)
        {
            reqid = conn.reqids[k];
        }
    }
    const IkeChildConfig* config = FindChildConfig(conn, child.name);
    const ChildSaDataPlane settings = ChildSettings(conn, child);
    try
    {
        ChildEntry c;
        c.name = child.name;
        c.rekeyOf = child.rekeyOf;
        c.local = child.local;
        c.lifetime = child.lifetime;
        c.installed = InstallChildSa(m_stack,
                                     child,
                                     conn.config->localAddress,
                                     entry.peer,
                                     reqid,
                                     settings,
                                     withOutbound);
        if (!withOutbound)
        {
            c.pending = child;
            c.outboundPending = true;
        }
        ChildEntry& stored = entry.children[child.inboundSpi] = std::move(c);
        m_childTrace(conn.config->name, child, stored.installed);
        ScheduleRekey(spi, stored);
        if (config && config->inactivity.IsStrictlyPositive())
        {
            stored.inactivity = Simulator::Schedule(config->inactivity,
                                                    &IkeDaemon::CheckInactivity,
                                                    this,
                                                    spi,
                                                    child.inboundSpi);
        }
    }
    catch (const ConfigError& e)
    {
        // strongSwan logs "unable to install" and deletes the CHILD SA.
        NS_LOG_WARN("node " << GetNode()->GetId() << ": CHILD SA " << child.name
                            << " not installed: " << e.what());
        Drop(entry.peer, "child-sa-install-failed");
        SaDeleteChild(spi, child.inboundSpi);
    }
}

void
IkeDaemon::HandleEvents(uint64_t spi)
{
    auto it = m_sas.find(spi);
    if (it == m_sas.end())
    {
        return;
    }
    const std::string name = m_connections[it->second.connection].config->name;
    for (const Ikev2Event& e :
         it->second.v1 ? it->second.v1->TakeEvents() : it->second.sa->TakeEvents())
    {
        auto current = m_sas.find(spi);
        if (current == m_sas.end())
        {
            return; // removed by what an event did (a delete that ended the IKE SA)
        }
        IkeSaEntry& entry = current->second;
        switch (e.type)
        {
        case Ikev2Event::CHILD_UP:
            InstallChild(spi, e.child, !e.inboundOnly);
            break;
        case Ikev2Event::CHILD_REKEYED: {
            // Make-before-break (strongSwan's child_rekey): the rekey's initiator sends on the
            // new SA at once, since the responder has its inbound half; the responder keeps
            // sending on the old one until the initiator deletes it.
            auto old = entry.children.find(e.child.rekeyOf);
            InstallChild(spi, e.child, e.local);
            auto fresh = entry.children.find(e.child.inboundSpi);
            if (old != entry.children.end() && fresh != entry.children.end())
            {
                // The policies stay (same reqid); the new CHILD SA owns them now.
                fresh->second.installed.policies.swap(old->second.installed.policies);
                old->second.rekey.Cancel();
                if (e.local)
                {
                    RemoveOutboundSa(m_stack, old->second.installed);
                }
            }
            m_rekeyTrace(name, e.child.rekeyOf, e.child.inboundSpi, e.local);
            if (e.redundant != 0)
            {
                SwitchFromRedundant(entry, e.redundant);
            }
            break;
        }
        case Ikev2Event::CHILD_FAILED: {
            auto child = entry.children.find(e.spi);
            if (child != entry.children.end())
            {
                // A refused rekey (a collision's TEMPORARY_FAILURE): try again a little later,
                // well before the SA's hard lifetime (strongSwan retries after 15 s less up
                // to 10 s of jitter).
                child->second.rekeying = false;
                child->second.rekey.Cancel();
                Time delay = Seconds(m_random->GetValue(5, 15)) * m_rekeyRetryScale;
                if (child->second.installed.inbound)
                {
                    const SaConfig& k = child->second.installed.inbound->GetConfig();
                    const Time left = child->second.installed.inbound->GetInstallTime() +
                                      k.lifetime.hardTime - Simulator::Now();
                    if (k.lifetime.hardTime.IsStrictlyPositive() && delay > left / 2)
                    {
                        delay = left / 2;
                    }
                }
                child->second.rekey =
                    Simulator::Schedule(delay, &IkeDaemon::RekeyChild, this, spi, e.spi);
            }
            break;
        }
        case Ikev2Event::IKE_REKEY_FAILED:
            entry.ikeRekey.Cancel();
            entry.ikeRekey =
                Simulator::Schedule(Seconds(m_random->GetValue(5, 15)) * m_rekeyRetryScale,
                                    &IkeDaemon::RekeyIke,
                                    this,
                                    spi);
            break;
        case Ikev2Event::IKE_LIFETIME:
            if (entry.v1)
            {
                ScheduleIkev1Rekey(spi);
            }
            break;
        case Ikev2Event::CHILD_OUTBOUND: {
            // IKEv1 quick mode, message 3: the initiator has both halves; send on the new SA,
            // no longer on the one it rekeyed.
            auto child = entry.children.find(e.spi);
            if (child != entry.children.end() && child->second.outboundPending)
            {
                InstallPendingOutbound(entry, child->second);
                auto old = entry.children.find(child->second.rekeyOf);
                if (old != entry.children.end())
                {
                    RemoveOutboundSa(m_stack, old->second.installed);
                }
            }
            break;
        }
        case Ikev2Event::CHILD_DOWN: {
            bool rekeyed = false;
            for (auto& [inSpi, c] : entry.children)
            {
                if (c.rekeyOf == e.spi && inSpi != e.spi)
                {
                    rekeyed = true;
                    if (c.outboundPending)
                    {
                        // The initiator deleted the old CHILD SA: switch to the new one now.
                        InstallPendingOutbound(entry, c);
                    }
                }
            }
            RemoveChild(entry, e.spi, rekeyed);
            m_deleteTrace(name, e.spi, e.local);
            break;
        }
        }
    }
}

ChildSaDataPlane
IkeDaemon::ChildSettings(const Connection& conn, const Ikev2ChildSa& child)
{
    ChildSaDataPlane settings = conn.dataPlane;
    const IkeChildConfig* config = FindChildConfig(conn, child.name);
    if (config && settings.lifetime.hardTime.IsZero())
    {
        // life_time: a CHILD SA whose rekeys all fail ends here.
        settings.lifetime.hardTime =
            config->lifeTime.IsStrictlyPositive() ? config->lifeTime : config->rekeyTime * 1.1;
    }
    Time& hard = settings.lifetime.hardTime;
    if (child.lifetime.IsStrictlyPositive() && (hard.IsZero() || child.lifetime < hard))
    {
        // IKEv1: the lifetime both ends agreed on in quick mode holds.
        hard = child.lifetime;
        if (settings.lifetime.softTime >= hard)
        {
            settings.lifetime.softTime = hard * 0.9;
        }
    }
    return settings;
}

void
IkeDaemon::InstallPendingOutbound(IkeSaEntry& entry, ChildEntry& c)
{
    const Connection& conn = m_connections[entry.connection];
    try
    {
        InstallOutboundSa(m_stack,
                          c.pending,
                          conn.config->localAddress,
                          entry.peer,
                          ChildSettings(conn, c.pending),
                          c.installed);
    }
    catch (const ConfigError& err)
    {
        NS_LOG_WARN("outbound SA not installed: " << err.what());
        Drop(entry.peer, "child-sa-install-failed");
    }
    c.outboundPending = false;
    c.pending = Ikev2ChildSa();
}

void
IkeDaemon::SwitchFromRedundant(IkeSaEntry& entry, uint32_t redundant)
{
    auto loser = entry.children.find(redundant);
    if (loser == entry.children.end())
    {
        return;
    }
    // Stop sending on the CHILD SA we are about to delete (the peer drops its inbound half
    // when our delete arrives); send on the survivor, whose initiator has both halves.
    for (auto& [inSpi, c] : entry.children)
    {
        if (inSpi != redundant && c.rekeyOf == loser->second.rekeyOf && c.outboundPending)
        {
            InstallPendingOutbound(entry, c);
        }
    }
    RemoveOutboundSa(m_stack, loser->second.installed);
    loser->second.outboundPending = false;
    loser->second.pending = Ikev2ChildSa();
}

void
IkeDaemon::RemoveChild(IkeSaEntry& entry, uint32_t inboundSpi, bool rekeyed)
{
    auto it = entry.children.find(inboundSpi);
    if (it == entry.children.end())
    {
        return;
    }
    ChildEntry& c = it->second;
    c.rekey.Cancel();
    c.inactivity.Cancel();
    RemoveOutboundSa(m_stack, c.installed);
    for (Ptr<SecurityAssociation> sa : {c.installed.inbound, c.installed.inboundAh})
    {
        if (!sa)
        {
            continue;
        }
        if (rekeyed && m_deleteRekeyedDelay.IsStrictlyPositive())
        {
            Ptr<IpsecStack> stack = m_stack;
            Simulator::Schedule(m_deleteRekeyedDelay, [stack, sa]() { stack->RemoveSa(sa); });
        }
        else
        {
            m_stack->RemoveSa(sa);
        }
    }
    // The policies go with the last CHILD SA of their reqid; another one (the survivor of a
    // rekey collision) keeps them.
    ChildEntry* heir = nullptr;
    for (auto& [otherSpi, other] : entry.children)
    {
        if (otherSpi != inboundSpi && other.installed.reqid == c.installed.reqid)
        {
            heir = &other;
        }
    }
    if (heir)
    {
        heir->installed.policies.insert(heir->installed.policies.end(),
                                        c.installed.policies.begin(),
                                        c.installed.policies.end());
    }
    else
    {
        for (uint32_t id : c.installed.policies)
        {
            m_stack->RemovePolicy(id);
        }
    }
    entry.children.erase(it);
}

void
IkeDaemon::ScheduleRekey(uint64_t spi, ChildEntry& child)
{
    const IkeSaEntry& entry = m_sas.at(spi);
    const IkeChildConfig* config = FindChildConfig(m_connections[entry.connection], child.name);
    // Both ends rekey, each on its own random schedule; when they collide the redundant CHILD
    // SA is deleted (§2.8.1).
    if (!config || !config->rekeyTime.IsStrictlyPositive())
    {
        return;
    }
    Time life = config->lifeTime.IsStrictlyPositive() ? config->lifeTime : config->rekeyTime * 1.1;
    Time rand = config->randTime.IsStrictlyNegative() ? life - config->rekeyTime : config->randTime;
    if (rand.IsStrictlyNegative())
    {
        rand = Seconds(0);
    }
    Time rekeyTime = config->rekeyTime;
    if (child.lifetime.IsStrictlyPositive() && child.lifetime < life)
    {
        // IKEv1: a shorter agreed lifetime (RESPONDER-LIFETIME) scales the schedule down.
        const double scale = child.lifetime.GetSeconds() / life.GetSeconds();
        rekeyTime = rekeyTime * scale;
        rand = rand * scale;
        life = child.lifetime;
    }
    Time at = rekeyTime - Seconds(m_random->GetValue(0, rand.GetSeconds()));
    if (entry.v1 && !child.local)
    {
        // IKEv1 has no rekey collision handling (RFC 2409 has none; two quick modes would leave
        // two new SAs): the end that made the IPsec SA rekeys it, the other only as a fallback,
        // half-way from rekey_time to the hard lifetime.
        at = rekeyTime + (life - rekeyTime) / 2;
    }
    child.rekey =
        Simulator::Schedule(Max(at, Seconds(0)),
                            &IkeDaemon::RekeyChild,
                            this,
                            spi,
                            child.installed.inbound ? child.installed.inbound->GetConfig().spi : 0);
}

void
IkeDaemon::CheckInactivity(uint64_t spi, uint32_t inboundSpi)
{
    auto it = m_sas.find(spi);
    if (!m_running || it == m_sas.end())
    {
        return;
    }
    auto child = it->second.children.find(inboundSpi);
    if (child == it->second.children.end())
    {
        return;
    }
    const IkeChildConfig* config =
        FindChildConfig(m_connections[it->second.connection], child->second.name);
    const InstalledChildSa& sas = child->second.installed;
    Time last = sas.inbound ? sas.inbound->GetInstallTime() : Simulator::Now();
    for (const auto& sa : {sas.inbound, sas.outbound})
    {
        if (sa)
        {
            last = Max(last, sa->GetCounters().lastUse);
        }
    }
    const Time idle = Simulator::Now() - last;
    if (idle < config->inactivity)
    {
        child->second.inactivity = Simulator::Schedule(config->inactivity - idle,
                                                       &IkeDaemon::CheckInactivity,
                                                       this,
                                                       spi,
                                                       inboundSpi);
        return;
    }
    NS_LOG_INFO("node " << GetNode()->GetId() << ": CHILD SA " << child->second.name
                        << " inactive for " << idle.As(Time::S));
    // strongSwan's inactivity job: the IKE SA goes too when this is its last CHILD SA.
    if (it->second.children.size() == 1)
    {
        SaDelete(spi);
    }
    else
    {
        SaDeleteChild(spi, inboundSpi);
    }
}

void
IkeDaemon::RekeyChild(uint64_t spi, uint32_t inboundSpi)
{
    if (!m_running)
    {
        return; // a stopped daemon is dead (its timers may still fire)
    }
    auto it = m_sas.find(spi);
    if (it == m_sas.end())
    {
        return;
    }
    auto child = it->second.children.find(inboundSpi);
    if (child == it->second.children.end() || child->second.rekeying)
    {
        return;
    }
    child->second.rekeying = true;
    NS_LOG_INFO("node " << GetNode()->GetId() << " rekeys CHILD SA " << child->second.name
                        << " (inbound SPI " << inboundSpi << ")");
    if (it->second.v1)
    {
        SendV1(spi, it->second.v1->RekeyChild(inboundSpi));
        return;
    }
    SendFrom(spi, it->second.sa->RekeyChild(inboundSpi));
}

void
IkeDaemon::SendFrom(uint64_t spi, const std::vector<uint8_t>& datagram)
{
    auto it = m_sas.find(spi);
    if (it == m_sas.end() || datagram.empty())
    {
        return; // nothing now: a request queued behind the outstanding one
    }
    const Ipv4Address peer = it->second.peer;
    Charge(peer, it->second.sa->TakeJobs(), [this, peer, spi, datagram]() {
        SendMessage(spi, peer, datagram);
        AfterExchange(spi, datagram);
    });
}

void
IkeDaemon::CheckPeer(uint64_t spi)
{
    if (!m_running)
    {
        return; // a stopped daemon is dead (its timers may still fire)
    }
    auto it = m_sas.find(spi);
    if (it == m_sas.end())
    {
        return;
    }
    IkeSaEntry& entry = it->second;
    uint64_t packets = 0;
    for (const auto& [inSpi, c] : entry.children)
    {
        packets += c.installed.inbound ? c.installed.inbound->GetCounters().packets : 0;
    }
    // strongSwan's DPD: only when nothing came from the peer for dpd_delay.
    const bool busy = entry.v1 ? !entry.v1->GetAwaiting().empty() : entry.sa->IsBusy();
    if (!entry.heard && packets == entry.inboundPackets && !busy)
    {
        NS_LOG_INFO("node " << GetNode()->GetId() << ": dead peer detection towards "
                            << entry.peer);
        if (entry.v1)
        {
            SendV1(spi, entry.v1->CheckLiveness());
        }
        else
        {
            SendFrom(spi, entry.sa->CheckLiveness());
        }
    }
    auto again = m_sas.find(spi);
    if (again != m_sas.end())
    {
        again->second.heard = false;
        again->second.inboundPackets = packets;
        again->second.dpd =
            Simulator::Schedule(m_connections[again->second.connection].config->dpdDelay,
                                &IkeDaemon::CheckPeer,
                                this,
                                spi);
    }
}

void
IkeDaemon::OnExpireSoft(IkeDaemon* daemon, Ptr<SecurityAssociation> sa)
{
    daemon->OnExpire(false, sa);
}

void
IkeDaemon::OnExpireHard(IkeDaemon* daemon, Ptr<SecurityAssociation> sa)
{
    daemon->OnExpire(true, sa);
}

void
IkeDaemon::OnExpire(bool hard, Ptr<SecurityAssociation> sa)
{
    for (auto& [spi, entry] : m_sas)
    {
        for (auto& [inSpi, c] : entry.children)
        {
            if (c.installed.inbound != sa && c.installed.outbound != sa &&
                c.installed.inboundAh != sa && c.installed.outboundAh != sa)
            {
                continue;
            }
            // Never inside the packet processing that fired it.
            if (hard)
            {
                // The data plane removed it: delete the CHILD SA with the peer (strongSwan).
                const uint64_t ike = spi;
                const uint32_t in = inSpi;
                Simulator::ScheduleNow([this, ike, in]() { SaDeleteChild(ike, in); });
            }
            else
            {
                // A byte or packet soft limit (time limits are IKE's own timers).
                Simulator::ScheduleNow(&IkeDaemon::RekeyChild, this, spi, inSpi);
            }
            return;
        }
    }
}

void
IkeDaemon::TakeOver(uint64_t oldSpi, std::unique_ptr<Ikev2Sa> next)
{
    IkeSaEntry& old = m_sas.at(oldSpi);
    const uint64_t spi = OwnSpi(*next);
    IkeSaEntry& entry = m_sas[spi];
    entry.sa = std::move(next);
    entry.connection = old.connection;
    entry.peer = old.peer;
    entry.state = Ikev2SaState::ESTABLISHED;
    entry.keysReported = true;
    MoveChildren(old, entry, spi);
    old.ikeRekey.Cancel();
    old.ikeExpire.Cancel();
    old.dpd.Cancel();
    Connection& conn = m_connections[entry.connection];
    if (conn.ikeSa == oldSpi)
    {
        conn.ikeSa = spi;
    }
    const Ikev2SaContext& o = old.sa->GetContext();
    const Ikev2SaContext& n = entry.sa->GetContext();
    NS_LOG_INFO("node " << GetNode()->GetId() << " IKE SA " << conn.config->name
                        << " rekeyed: SPIs " << std::hex << n.spiI << "_i " << n.spiR << "_r"
                        << std::dec);
    m_keysTrace(n);
    m_stateTrace(conn.config->name, n.spiI, n.spiR, Ikev2SaState::ESTABLISHED);
    m_ikeRekeyTrace(conn.config->name, o.spiI, o.spiR, n.spiI, n.spiR);
    if (conn.config->dpdDelay.IsStrictlyPositive())
    {
        entry.dpd = Simulator::Schedule(conn.config->dpdDelay, &IkeDaemon::CheckPeer, this, spi);
    }
    entry.lifetimeArmed = true;
    ScheduleIkeRekey(spi);
    // Work the old IKE SA had queued for the CHILD SAs (deleting a rekeyed one) goes on here.
    SendFrom(spi, entry.sa->SendQueued());
}

void
IkeDaemon::MoveChildren(IkeSaEntry& from, IkeSaEntry& to, uint64_t toSpi)
{
    // The CHILD SAs move with the rekey; their rekey and inactivity timers keep their times.
    for (auto& [inSpi, c] : from.children)
    {
        if (c.rekey.IsRunning())
        {
            const Time left = Simulator::GetDelayLeft(c.rekey);
            c.rekey.Cancel();
            c.rekey = Simulator::Schedule(left, &IkeDaemon::RekeyChild, this, toSpi, inSpi);
        }
        if (c.inactivity.IsRunning())
        {
            const Time left = Simulator::GetDelayLeft(c.inactivity);
            c.inactivity.Cancel();
            c.inactivity =
                Simulator::Schedule(left, &IkeDaemon::CheckInactivity, this, toSpi, inSpi);
        }
        to.children[inSpi] = std::move(c);
    }
    from.children.clear();
}

void
IkeDaemon::ScheduleIkeRekey(uint64_t spi)
{
    IkeSaEntry& entry = m_sas.at(spi);
    const IkePeerConfig& config = *m_connections[entry.connection].config;
    if (entry.v1)
    {
        ScheduleIkev1Rekey(spi);
        return;
    }
    if (!config.rekeyTime.IsStrictlyPositive() || entry.sa->GetContext().rekeyed)
    {
        return; // both ends rekey (collisions resolved as §2.8.2 says), not an outgoing SA
    }
    const Time rand =
        config.randTime.IsStrictlyNegative() ? config.rekeyTime / 10 : config.randTime;
    const Time at =
        Max(config.rekeyTime - Seconds(m_random->GetValue(0, rand.GetSeconds())), Seconds(0));
    entry.ikeRekey = Simulator::Schedule(at, &IkeDaemon::RekeyIke, this, spi);
    const Time over =
        config.overTime.IsStrictlyNegative() ? config.rekeyTime / 10 : config.overTime;
    entry.ikeExpire = Simulator::Schedule(at + over, &IkeDaemon::ExpireIke, this, spi);
}

void
IkeDaemon::ExpireIke(uint64_t spi)
{
    if (!m_running)
    {
        return; // a stopped daemon is dead (its timers may still fire)
    }
    auto it = m_sas.find(spi);
    if (it != m_sas.end() && it->second.v1 &&
        it->second.v1->GetState() == Ikev2SaState::ESTABLISHED)
    {
        NS_LOG_INFO("node " << GetNode()->GetId() << " ISAKMP SA "
                            << m_connections[it->second.connection].config->name
                            << ": lifetime reached without a replacement, deleting");
        m_ikeExpireTrace(m_connections[it->second.connection].config->name,
                         it->second.v1->GetCookieI(),
                         it->second.v1->GetCookieR());
        SaDelete(spi);
        return;
    }
    if (it == m_sas.end() || it->second.v1 ||
        it->second.sa->GetState() != Ikev2SaState::ESTABLISHED)
    {
        return;
    }
    // strongSwan's ike_sa delete at STAT_DELETE: "IKE_SA hard lifetime hit"; the DELETE is
    // queued behind an exchange under way (the stuck rekey), as its task manager does.
    NS_LOG_INFO("node " << GetNode()->GetId() << " IKE SA "
                        << m_connections[it->second.connection].config->name
                        << ": hard lifetime (rekey_time + over_time) reached, deleting");
    m_ikeExpireTrace(m_connections[it->second.connection].config->name,
                     it->second.sa->GetContext().spiI,
                     it->second.sa->GetContext().spiR);
    SendFrom(spi, it->second.sa->Delete());
}

void
IkeDaemon::RekeyIke(uint64_t spi)
{
    if (!m_running)
    {
        return; // a stopped daemon is dead (its timers may still fire)
    }
    auto it = m_sas.find(spi);
    if (it != m_sas.end() && it->second.v1)
    {
        ReauthenticateV1(spi);
        return;
    }
    if (it == m_sas.end() || it->second.sa->GetState() != Ikev2SaState::ESTABLISHED ||
        it->second.sa->GetContext().rekeyed)
    {
        return;
    }
    NS_LOG_INFO("node " << GetNode()->GetId() << " rekeys IKE SA "
                        << m_connections[it->second.connection].config->name);
    SendFrom(spi, it->second.sa->RekeyIke());
}

void
IkeDaemon::RekeyChildSas(uint32_t connection)
{
    if (connection >= m_connections.size())
    {
        return;
    }
    const uint64_t spi = m_connections[connection].ikeSa;
    auto it = m_sas.find(spi);
    if (it == m_sas.end())
    {
        return;
    }
    std::vector<uint32_t> spis;
    for (const auto& [inSpi, c] : it->second.children)
    {
        if (!c.outboundPending)
        {
            spis.push_back(inSpi);
        }
    }
    for (uint32_t in : spis)
    {
        RekeyChild(spi, in);
    }
}

void
IkeDaemon::RekeyIkeSa(uint32_t connection)
{
    if (connection < m_connections.size())
    {
        RekeyIke(m_connections[connection].ikeSa);
    }
}

void
IkeDaemon::Terminate(uint32_t connection)
{
    if (connection >= m_connections.size())
    {
        return;
    }
    const uint64_t spi = m_connections[connection].ikeSa;
    auto it = m_sas.find(spi);
    if (it != m_sas.end())
    {
        SaDelete(spi);
    }
}

void
IkeDaemon::Retransmit(uint64_t spi)
{
    if (!m_running)
    {
        return; // a stopped daemon is dead (its timers may still fire)
    }
    auto it = m_sas.find(spi);
    if (it == m_sas.end())
    {
        return;
    }
    IkeSaEntry& entry = it->second;
    if (entry.attempts >= m_retransmitTries)
    {
        NS_LOG_INFO("node " << GetNode()->GetId() << ": giving up after " << entry.attempts
                            << " retransmissions");
        const Ikev2SaContext& ctx = entry.sa->GetContext();
        m_stateTrace(m_connections[entry.connection].config->name,
                     ctx.spiI,
                     ctx.spiR,
                     Ikev2SaState::FAILED);
        Remove(spi);
        return;
    }
    entry.attempts++;
    IkeHeader h;
    IkeHeader::Parse(ByteSpan(entry.request), h);
    m_retransmitTrace(entry.peer, h, entry.attempts);
    SendMessage(spi, entry.peer, entry.request);
    entry.retransmit =
        Simulator::Schedule(m_retransmitTimeout * std::pow(m_retransmitBase, entry.attempts),
                            &IkeDaemon::Retransmit,
                            this,
                            spi);
}

void
IkeDaemon::Remove(uint64_t spi)
{
    auto it = m_sas.find(spi);
    if (it == m_sas.end())
    {
        return;
    }
    it->second.retransmit.Cancel();
    for (auto& [mid, r] : it->second.v1Retransmits)
    {
        r.timer.Cancel();
    }
    it->second.dpd.Cancel();
    it->second.ikeRekey.Cancel();
    it->second.ikeExpire.Cancel();
    while (!it->second.children.empty())
    {
        RemoveChild(it->second, it->second.children.begin()->first, false);
    }
    Connection& c = m_connections[it->second.connection];
    if (c.ikeSa == spi)
    {
        c.ikeSa = 0;
    }
    m_guard.Remove(spi);
    m_sas.erase(it);
}

int32_t
IkeDaemon::FindResponderConnection(Ipv4Address peer, uint8_t version) const
{
    int32_t any = -1;
    for (uint32_t i = 0; i < m_connections.size(); i++)
    {
        if (m_connections[i].config->version != version)
        {
            continue;
        }
        const Ipv4Address remote = m_connections[i].config->remoteAddress;
        if (remote == peer)
        {
            return static_cast<int32_t>(i);
        }
        if (any < 0 && (remote.IsAny() || remote == Ipv4Address()))
        {
            any = static_cast<int32_t>(i);
        }
    }
    return any;
}

bool
IkeDaemon::Admit(Ipv4Address peer, const IkeHeader& h, const std::vector<uint8_t>& datagram)
{
    const Time now = Simulator::Now();
    // §2.6: a cookie comes as the first payload; the request is read for it only when one is
    // wanted (the IKE SA reads it anyway if it is admitted).
    std::vector<uint8_t> cookie;
    Ikev2Message request;
    uint8_t critical = 0;
    const bool parsed =
        m_guard.CookieRequired(peer, now) &&
        Ikev2Message::Parse(ByteSpan(datagram), request, critical) == IkeParseError::NONE;
    if (parsed && !request.payloads.empty())
    {
        const auto* n = std::get_if<Ikev2NotifyPayload>(&request.payloads.front().body);
        if (n && n->type == ikev2::COOKIE)
        {
            cookie = n->data;
        }
    }
    std::vector<uint8_t> reply;
    switch (m_guard.Check(peer, h.initiatorSpi, cookie, now, reply))
    {
    case IkeHalfOpenGuard::ACCEPT:
        return true;
    case IkeHalfOpenGuard::BLOCK:
        Drop(peer, "half-open-limit");
        return false;
    case IkeHalfOpenGuard::SEND_COOKIE:
        break;
    }
    if (parsed)
    {
        // Answered, though with a cookie: the request counts as received.
        m_messageTrace(false, peer, request.header, request.payloads);
    }
    // §2.6: the response holds the COOKIE notification only; SPIr 0; no state is kept.
    Ikev2Message response;
    response.header.initiatorSpi = h.initiatorSpi;
    response.header.exchangeType = ikev2::IKE_SA_INIT;
    response.header.flags = IkeHeader::FLAG_RESPONSE;
    response.payloads.push_back(MakeIkev2Notify(ikev2::COOKIE, reply));
    m_cookiesSent++;
    m_messageTrace(true, peer, response.header, response.payloads);
    Send(peer, response.Serialize());
    return false;
}

void
IkeDaemon::ExpireHalfOpen(uint64_t spi)
{
    auto it = m_sas.find(spi);
    if (!m_running || it == m_sas.end() || it->second.v1 || it->second.sa->GetContext().initiator ||
        it->second.sa->GetState() != Ikev2SaState::CONNECTING)
    {
        return;
    }
    NS_LOG_INFO("node " << GetNode()->GetId() << " removes the half-open IKE SA of "
                        << it->second.peer);
    m_halfOpenExpired++;
    Remove(spi);
}

size_t
IkeDaemon::GetHalfOpenCount() const
{
    return m_guard.GetHalfOpen();
}

uint64_t
IkeDaemon::GetFragmentsSent() const
{
    return m_fragmentsSent;
}

uint64_t
IkeDaemon::GetCookiesSent() const
{
    return m_cookiesSent;
}

uint64_t
IkeDaemon::GetHalfOpenExpired() const
{
    return m_halfOpenExpired;
}

void
IkeDaemon::OnAcquire(Ptr<const Packet> /* packet */,
                     uint32_t policyId,
                     const PacketSelector& selector)
{
    const SecurityPolicy* policy = m_stack->GetSpd().Find(policyId);
    if (!policy)
    {
        return;
    }
    auto it = m_reqidConnection.find(policy->reqid);
    if (it == m_reqidConnection.end())
    {
        return; // not ours (a manually keyed policy)
    }
    Connection& c = m_connections[it->second];
    const size_t child =
        std::find(c.reqids.begin(), c.reqids.end(), policy->reqid) - c.reqids.begin();
    const std::pair<IkeTsSide, IkeTsSide> trigger = TriggerSides(selector); // §2.9
    auto sa = c.ikeSa != 0 ? m_sas.find(c.ikeSa) : m_sas.end();
    if (sa == m_sas.end())
    {
        if (c.acquired && Simulator::Now() < c.lastAcquire + m_acquireTimeout)
        {
            return; // XFRM's acquire state lives acq_expires (30 s): no new try before
        }
        c.acquired = true;
        c.lastAcquire = Simulator::Now();
        // Never inside the packet processing that fired it.
        Simulator::ScheduleNow(&IkeDaemon::InitiateFor, this, it->second, child, trigger);
        return;
    }
    // The IKE SA exists. Being set up, it brings every CHILD SA of the connection; up, it has
    // lost this one (deleted at its hard lifetime, by the peer, for inactivity): strongSwan's
    // trap policy then asks the IKE SA for a new one with a CREATE_CHILD_SA. Repeats are
    // suppressed per CHILD SA configuration, as XFRM's acquire state is per policy.
    if (StateOf(sa->second) != Ikev2SaState::ESTABLISHED ||
        FindChildEntry(sa->second, c.config->children[child].name) ||
        (c.childAcquired[child].IsPositive() &&
         Simulator::Now() < c.childAcquired[child] + m_acquireTimeout))
    {
        return;
    }
    c.childAcquired[child] = Simulator::Now();
    Simulator::ScheduleNow(&IkeDaemon::CreateChild, this, c.ikeSa, child, trigger);
}

IkeDaemon::ChildEntry*
IkeDaemon::FindChildEntry(IkeSaEntry& entry, const std::string& name)
{
    for (auto& [spi, child] : entry.children)
    {
        if (child.name == name)
        {
            return &child;
        }
    }
    return nullptr;
}

void
IkeDaemon::CreateChild(uint64_t spi, size_t child, std::pair<IkeTsSide, IkeTsSide> trigger)
{
    auto it = m_sas.find(spi);
    if (!m_running || it == m_sas.end() || StateOf(it->second) != Ikev2SaState::ESTABLISHED)
    {
        return;
    }
    const IkePeerConfig& config = *m_connections[it->second.connection].config;
    NS_LOG_INFO("node " << GetNode()->GetId() << " creates CHILD SA " << config.children[child].name
                        << " on an Acquire");
    if (it->second.v1)
    {
        SendV1(spi, it->second.v1->CreateChild(child));
        return;
    }
    auto task = std::make_unique<Ikev2ChildCreateTask>(config.children[child], nullptr);
    task->SetTrigger(trigger.first, trigger.second);
    SendFrom(spi, it->second.sa->Queue(std::move(task)));
}

uint32_t
IkeDaemon::CountIkeSas(Ikev2SaState state) const
{
    uint32_t n = 0;
    for (const auto& [spi, entry] : m_sas)
    {
        n += StateOf(entry) == state ? 1 : 0;
    }
    return n;
}

std::vector<InstalledChildSa>
IkeDaemon::GetInstalledChildSas() const
{
    std::vector<InstalledChildSa> out;
    for (const auto& [spi, entry] : m_sas)
    {
        for (const auto& [inSpi, c] : entry.children)
        {
            out.push_back(c.installed);
        }
    }
    return out;
}

uint64_t
IkeDaemon::GetDropCount(const std::string& reason) const
{
    auto it = m_drops.find(reason);
    return it == m_drops.end() ? 0 : it->second;
}

const std::map<std::string, uint64_t>&
IkeDaemon::GetDropCounts() const
{
    return m_drops;
}

} // namespace ipsec
} // namespace ns3
