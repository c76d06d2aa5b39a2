// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipsec-ikev2: the IKEv2 protocol itself, between two gateways.
 *
 *   hostA 10.1.1.1 -- gwA ==== router ==== gwB -- hostB 10.3.1.2
 *                  10.2.1.1   (10 Mbps, 5 ms)   10.2.2.2
 *
 * gwA starts a tunnel (10.1.1.0/24 <-> 10.3.1.0/24), by default with a pre-shared key; hostA sends
 * a UDP datagram to hostB every 100 ms through it. The run prints every IKE message as a message
 * sequence chart (one line per message, with its payloads as strongSwan logs them) and draws
 * the chart as an SVG file. Scenarios (--scenario):
 *
 *   establish  IKE_SA_INIT and IKE_AUTH with the first CHILD SA (default, 5 s)
 *   rekeys     a simulated hour: CHILD SAs rekeyed every 10 min, the IKE SA every 30 min (both
 *              ends, each on its own random schedule); a timeline of the rekeys as a gnuplot
 *              script and its data
 *   collision  both gateways rekey the CHILD SA at the same instant, then the IKE SA
 *              (RFC 7296 §2.8: the redundant SA with the lowest nonce is deleted)
 *   dpd        dead peer detection: gwB's IKE daemon dies at 20 s; gwA notices after dpd_delay
 *              of silence, retransmits on strongSwan's schedule and gives the tunnel up
 *   wrongpsk   gwB has another key: AUTHENTICATION_FAILED, no SA, no traffic crosses
 *
 * --auth picks how the gateways authenticate (RFC 7296 §2.15, §2.16): psk (default), rsa,
 * rsa3072, ecdsa, ecdsa384, ecdsa521 or ed25519 (a CA and both gateways' certificates are
 * made at set-up from the run's seed; CERTREQ, CERT and AUTH method 14 of RFC 7427 show in
 * the chart), eap-md5 or eap-mschapv2 (gwA authenticates as EAP user 'alice' over several
 * IKE_AUTH exchanges, gwB with its ECDSA certificate; --password=other shows the
 * EAP-Failure). --engine=1 gives both gateways the reference crypto engine, so that the
 * signatures, Diffie-Hellman and PRFs take their measured time, and prints when the IKE SA
 * came up. --peers=N (with establish) adds N road warriors on the router that connect to gwB
 * at 0 s, all with crypto engines: a burst that queues gwB's Diffie-Hellman and signatures
 * (try --auth=rsa3072 against --auth=ecdsa). --fragmentation=1 --wanMtu=1280 makes IKE_AUTH with
 * RSA-3072 certificates go as IKE fragments (RFC 7383) instead of IP fragments.
 *
 * --flood=N (with establish): the router sends N IKE_SA_INIT requests from spoofed sources,
 * 1 ms apart from 0 s, to gwB, which then answers any peer (as a road-warrior gateway does)
 * and has a crypto engine (each request it takes costs it a modp2048 Diffie-Hellman); gwA
 * starts at 0.1 s. With --cookies=1 (the default: strongSwan's thresholds) gwB answers with
 * cookies once 30 IKE SAs are half-open and keeps no state for the rest; with --cookies=0 it
 * takes them all. The run prints gwB's half-open IKE SAs, the cookies it sent and when gwA's
 * IKE SA came up.
 *
 *   ./ipsec-ikev2
 *   ./ipsec-ikev2 --scenario=rekeys --pfs=1
 *   ./ipsec-ikev2 --scenario=collision --pcap=1 --keyFile=ikev2.esp_sa
 *   ./ipsec-ikev2 --flood=1000 --cookies=0
 *   ./ipsec-ikev2 --auth=ecdsa
 *   ./ipsec-ikev2 --auth=eap-mschapv2 --password=wrong
 *   ./ipsec-ikev2 --auth=rsa3072 --fragmentation=1 --wanMtu=1280
 *
 * With --pcap=1 and --keyFile=X.esp_sa the run writes the ESP table and, beside it,
 * X.ikev2_decryption_table; the tshark command it prints decrypts every IKE message after
 * IKE_SA_INIT and every ESP packet of the WAN capture.
 */

#include "ipsec-example-chain.h"
#include "ipsec-example-chart.h"
#include "ipsec-example-util.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsec;

namespace
{

/// Everything the run records.
struct Record
{
    std::vector<example::ChartMessage> messages;        ///< in order of sending
    std::vector<std::pair<double, std::string>> events; ///< (time, "CHILD rekey" ...)
    uint32_t sent{0};                                   ///< UDP datagrams hostA sent
    uint32_t received{0};                               ///< ... hostB received
    Ipv4Address aWan;                                   ///< gwA's address
    Ipv4Address bWan;                                   ///< gwB's address
    double aEstablished{-1};                            ///< when gwA's IKE SA came up (s)
    size_t peakHalfOpen{0};                             ///< gwB's most half-open IKE SAs
    std::vector<double> roadsUp;                        ///< when road warriors' IKE SAs came up
    uint32_t peakQueue{0};                              ///< gwB's longest crypto queue
};

/// Key of a message for matching a receipt with its sending.
std::string
MessageKey(const IkeHeader& h, bool fromA)
{
    std::ostringstream os;
    os << fromA << ' ' << std::hex << h.initiatorSpi << ' ' << h.responderSpi << ' '
       << int(h.exchangeType) << ' ' << h.IsResponse() << ' ' << h.messageId;
    return os.str();
}

/// Sent messages waiting for their receipt, by key.
std::map<std::string, size_t> g_pending;

void
OnMessage(Record* r,
          bool atA,
          bool sent,
          Ipv4Address peer,
          const IkeHeader& h,
          const std::vector<Ikev2Payload>& payloads)
{
    if (peer != (atA ? r->bWan : r->aWan))
    {
        return; // a flood's forged request, or the cookie sent back to it
    }
    const double now = Simulator::Now().GetSeconds();
    const bool fromA = sent ? atA : !atA;
    const std::string key = MessageKey(h, fromA);
    if (sent)
    {
        example::ChartMessage m;
        m.sent = now;
        m.fromA = fromA;
        m.text = DescribeIkev2Message(h, payloads);
        g_pending[key] = r->messages.size();
        r->messages.push_back(m);
        return;
    }
    auto it = g_pending.find(key);
    if (it != g_pending.end())
    {
        r->messages[it->second].received = now;
        g_pending.erase(it);
    }
}

void
OnRetransmit(Record* r, bool atA, Ipv4Address, const IkeHeader& h, uint32_t attempt)
{
    // A retransmission is drawn as a message of its own.
    auto it = g_pending.find(MessageKey(h, atA));
    if (it == g_pending.end())
    {
        return;
    }
    example::ChartMessage m = r->messages[it->second];
    m.sent = Simulator::Now().GetSeconds();
    m.received = -1;
    m.attempt = attempt;
    it->second = r->messages.size();
    r->messages.push_back(m);
}

void
OnState(Record* r, bool atA, const std::string&, uint64_t, uint64_t, Ikev2SaState state)
{
    if (atA && state == Ikev2SaState::ESTABLISHED && r->aEstablished < 0)
    {
        r->aEstablished = Simulator::Now().GetSeconds();
    }
    r->events.emplace_back(Simulator::Now().GetSeconds(),
                           std::string(atA ? "gwA" : "gwB") + " IKE SA " + ToString(state));
}

/// A road warrior's IKE SA changed state (--peers).
void
OnRoadState(Record* r, const std::string&, uint64_t, uint64_t, Ikev2SaState state)
{
    if (state == Ikev2SaState::ESTABLISHED)
    {
        r->roadsUp.push_back(Simulator::Now().GetSeconds());
    }
}

void
OnChildRekey(Record* r, bool atA, const std::string&, uint32_t, uint32_t, bool local)
{
    if (local)
    {
        r->events.emplace_back(Simulator::Now().GetSeconds(),
                               std::string(atA ? "gwA" : "gwB") + " rekeyed the CHILD SA");
    }
}

void
OnIkeRekey(Record* r, bool atA, const std::string&, uint64_t, uint64_t, uint64_t, uint64_t)
{
    r->events.emplace_back(Simulator::Now().GetSeconds(),
                           std::string(atA ? "gwA" : "gwB") + " has a rekeyed IKE SA");
}

/**
 * The rekey timeline: a data file of (minute, row) points and a gnuplot script drawing them.
 * @param r the record
 * @param prefix file prefix
 * @param simTime the run's length (s)
 * @return the script's name
 */
std::string
WriteTimeline(const Record& r, const std::string& prefix, double simTime)
{
    const std::string data = prefix + ".dat";
    const std::string script = prefix + ".gnuplot";
    std::ofstream d(data);
    std::ofstream g(script);
    if (!d || !g)
    {
        throw ConfigError("cannot write the timeline " + script);
    }
    d << "# minute row event\n";
    for (const auto& [t, what] : r.events)
    {
        const int row = what.find("CHILD") != std::string::npos ? 1 : 2;
        if (what.find("rekey") != std::string::npos)
        {
            d << t / 60 << ' ' << row << " \"" << what << "\"\n";
        }
    }
    g << "set terminal svg size 900,300\nset output '" << prefix << ".svg'\n"
      << "set title 'Rekeys over the run (CHILD SAs below, IKE SAs above)'\n"
      << "set xlabel 'simulated time (minutes)'\nset yrange [0.5:2.5]\n"
      << "set xrange [0:" << simTime / 60 << "]\n"
      << "set ytics ('CHILD SA' 1, 'IKE SA' 2)\nset grid xtics\n"
      << "plot '" << data << "' using 1:2 with impulses lw 2 notitle, '' using 1:2 with "
      << "points pt 7 notitle\n";
    return script;
}

} // namespace

static int
Run(int argc, char* argv[])
{
    std::string scenario = "establish";
    bool pfs = false;
    bool pcap = false;
    std::string keyFile = "none";
    std::string chart = "ipsec-ikev2-chart.svg";
    uint32_t chartLimit = 40;
    double simTime = 0;
    uint32_t flood = 0;
    bool cookies = true;
    std::string auth = "psk";
    std::string password = example::IKE_EAP_PASSWORD;
    bool engine = false;
    bool fragmentation = false;
    uint32_t wanMtu = 1500;
    uint32_t peers = 0;
    std::string pemPrefix = "none";
    CommandLine cmd(__FILE__);
    cmd.AddValue("scenario", "establish, rekeys, collision, dpd or wrongpsk", scenario);
    cmd.AddValue("pfs", "CHILD SA rekeys with a key exchange (modp2048)", pfs);
    cmd.AddValue("pcap", "write pcaps of the WAN (prefix ipsec-ikev2)", pcap);
    cmd.AddValue("keyFile",
                 "Wireshark esp_sa key file (none: no file); the IKEv2 table beside it",
                 keyFile);
    cmd.AddValue("chart", "the message sequence chart as SVG (none: no file)", chart);
    cmd.AddValue("chartLimit", "most messages in the printed and drawn chart", chartLimit);
    cmd.AddValue("simTime", "simulated seconds (0: the scenario's own)", simTime);
    cmd.AddValue("flood",
                 "establish: this many spoofed IKE_SA_INIT requests to gwB, 1 ms apart",
                 flood);
    cmd.AddValue("cookies", "gwB answers a flood with cookies (1) or not (0)", cookies);
    cmd.AddValue("auth",
                 std::string(example::IKE_AUTH_KEYWORDS) +
                     " (certificates from a CA made at set-up; with eap-*, gwA is EAP user "
                     "'alice' and gwB has an ECDSA certificate)",
                 auth);
    cmd.AddValue("password",
                 "with --auth=eap-*: the password gwA gives (gwB holds ns3-ipsec-eap)",
                 password);
    cmd.AddValue("engine",
                 "both gateways charge their crypto work on the reference crypto engine (prints "
                 "when the IKE SA came up)",
                 engine);
    cmd.AddValue("fragmentation",
                 "IKE fragmentation (RFC 7383) on both gateways, fragments of at most --wanMtu "
                 "bytes",
                 fragmentation);
    cmd.AddValue("wanMtu", "MTU of every link (576 to 1500)", wanMtu);
    cmd.AddValue("pem",
                 "with certificates: write each gateway's certificate, key and CA as PEM files "
                 "<pem>gwA-cert.pem, <pem>gwA-key.pem, <pem>gwA-ca.pem, and gwB's (none: no "
                 "files)",
                 pemPrefix);
    cmd.AddValue("peers",
                 "establish: this many road warriors on the router connect to gwB at 0 s with "
                 "gwA (a burst; every gateway has the reference crypto engine)",
                 peers);
    cmd.Parse(argc, argv);
    example::CheckRange("--wanMtu", wanMtu, 576, 1500);
    if (auth != "psk" && scenario == "wrongpsk")
    {
        throw ConfigError("--scenario=wrongpsk goes with --auth=psk (for EAP, give a wrong "
                          "--password)");
    }
    if ((flood > 0 || peers > 0) && scenario != "establish")
    {
        throw ConfigError("--flood and --peers go with --scenario=establish");
    }
    if (flood > 0 && peers > 0)
    {
        throw ConfigError("--flood and --peers go one at a time");
    }
    example::CheckRange("--peers", peers, 0, 250);
    const std::map<std::string, double> times = {{"establish", 5},
                                                 {"rekeys", 3600},
                                                 {"collision", 10},
                                                 {"dpd", 250},
                                                 {"wrongpsk", 5}};
    if (times.count(scenario) == 0)
    {
        throw ConfigError("--scenario must be establish, rekeys, collision, dpd or wrongpsk, "
                          "not '" +
                          scenario + "'");
    }
    if (simTime <= 0)
    {
        simTime = times.at(scenario);
    }
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

    // ---- Topology ----
    example::ExampleChain chain = example::BuildExampleChain(wanMtu);
    const NodeContainer& nodes = chain.nodes;
    Ptr<Node> hostA = chain.Get(0);
    Ptr<Node> gwA = chain.Get(1);
    Ptr<Node> gwB = chain.Get(3);
    Ptr<Node> hostB = chain.Get(4);
    PointToPointHelper& p2p = chain.p2p;
    Ipv4AddressHelper& address = chain.address;
    const std::vector<NetDeviceContainer>& links = chain.links;
    // Road warriors (--peers): one link each to the router, 10.4.<i>.0/24.
    NodeContainer roads;
    roads.Create(peers);
    IpsecHelper::InstallInternetStack(roads);
    std::vector<Ipv4Address> roadAddrs;
    for (uint32_t i = 0; i < peers; i++)
    {
        NetDeviceContainer link = p2p.Install(roads.Get(i), nodes.Get(2));
        address.SetBase(Ipv4Address((10u << 24) | (4u << 16) | (i << 8)), "255.255.255.0");
        roadAddrs.push_back(address.Assign(link).GetAddress(0));
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    const Ipv4Address gwAWan = chain.GwAWan();
    const Ipv4Address gwBWan = chain.GwBWan();
    const Ipv4Address hostBAddr = chain.HostB();

    // ---- IPsec and IKEv2 ----
    IpsecHelper ipsec;
    int64_t stream = 1;
    stream += ipsec.AssignStreams(stream);
    ipsec.Install(NodeContainer(gwA, gwB));
    ipsec.Install(roads);
    IkeHelper ike;
    stream += ike.AssignStreams(stream);
    ike.SetProposals("aes128-sha256-modp2048");
    ike.SetChildProposals(pfs ? "aes128gcm16-modp2048" : "aes128gcm16");
    if (scenario == "rekeys")
    {
        ike.SetChildRekeyTime(Seconds(600));
        ike.SetIkeRekeyTime(Seconds(1800));
    }
    if (scenario == "dpd")
    {
        ike.SetDpdDelay(Seconds(10));
    }
    const AddressRange lanA = AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24);
    const AddressRange lanB = AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24);
    const auto pki = example::SetIkeAuth(ike, auth, password, stream);
    if (fragmentation)
    {
        ike.SetFragmentation(true, wanMtu);
    }
    if (engine || peers > 0)
    {
        ipsec.InstallCryptoEngine(NodeContainer(gwA, gwB));
        ipsec.InstallCryptoEngine(roads);
    }
    IkeConnection conn;
    IpsecAttackerHelper attacker;
    if (!cookies)
    {
        ike.SetDaemonAttribute("CookieThreshold", UintegerValue(0));
        ike.SetDaemonAttribute("CookieThresholdIp", UintegerValue(0));
    }
    if (flood > 0)
    {
        // gwB answers any peer, as a gateway for road warriors does: a forged request from
        // anywhere gets an IKE SA (or a cookie).
        conn.aIndex = ike.AddTunnelEnd(gwA, gwAWan, lanA, gwBWan, lanB, IkeStartAction::TRAP_START);
        conn.bIndex =
            ike.AddTunnelEnd(gwB, gwBWan, lanB, Ipv4Address::GetAny(), lanA, IkeStartAction::NONE);
        conn.a = ike.GetDaemon(gwA);
        conn.b = ike.GetDaemon(gwB);
        conn.a->SetStartTime(Seconds(0.1));
        if (!engine)
        {
            ipsec.InstallCryptoEngine(NodeContainer(gwB));
        }
        stream += attacker.AssignStreams(stream);
        attacker.AddOnPath(nodes.Get(2),
                           "ns3::ipsec::IkeFloodAttack",
                           "Target",
                           Ipv4AddressValue(gwBWan),
                           "Count",
                           UintegerValue(flood));
    }
    else if (peers > 0)
    {
        // gwB answers any peer (a gateway for road warriors), gwA and the road warriors start
        // at once; each road warrior protects its own address
        conn.aIndex = ike.AddTunnelEnd(gwA, gwAWan, lanA, gwBWan, lanB, IkeStartAction::TRAP_START);
        conn.bIndex = ike.AddTunnelEnd(gwB,
                                       gwBWan,
                                       lanB,
                                       Ipv4Address::GetAny(),
                                       AddressRange::Prefix(Ipv4Address("10.0.0.0"), 8),
                                       IkeStartAction::NONE);
        conn.a = ike.GetDaemon(gwA);
        conn.b = ike.GetDaemon(gwB);
        for (uint32_t i = 0; i < peers; i++)
        {
            ike.AddTunnelEnd(roads.Get(i),
                             roadAddrs[i],
                             AddressRange::Single(roadAddrs[i]),
                             gwBWan,
                             lanB,
                             IkeStartAction::START);
        }
    }
    else if (scenario == "wrongpsk")
    {
        // One end at a time, to give the two gateways different keys.
        ike.SetPsk("the key gwA has");
        conn.aIndex = ike.AddTunnelEnd(gwA, gwAWan, lanA, gwBWan, lanB, IkeStartAction::TRAP_START);
        ike.SetPsk("the key gwB has");
        conn.bIndex = ike.AddTunnelEnd(gwB, gwBWan, lanB, gwAWan, lanA, IkeStartAction::TRAP);
        conn.a = ike.GetDaemon(gwA);
        conn.b = ike.GetDaemon(gwB);
    }
    else
    {
        conn = ike.AddTunnel(gwA, gwAWan, lanA, gwB, gwBWan, lanB);
    }
    if (example::WantsFile(pemPrefix) && pki)
    {
        // for openssl x509 -text, or a real strongSwan (x509ca/, x509/, private/)
        for (const auto& [name, addr] :
             {std::make_pair("gwA-", gwAWan), std::make_pair("gwB-", gwBWan)})
        {
            if (auto c = ike.GetCredential(addr); c && c->certificate)
            {
                pki->WritePem(*c, pemPrefix + name);
            }
        }
        std::cout << "PEM files written with the prefix " << pemPrefix << "\n";
    }
    Record rec;
    rec.aWan = gwAWan;
    for (uint32_t i = 0; i < peers; i++)
    {
        ike.GetDaemon(roads.Get(i))
            ->TraceConnectWithoutContext("IkeSaState", MakeBoundCallback(&OnRoadState, &rec));
    }
    rec.bWan = gwBWan;
    for (bool atA : {true, false})
    {
        Ptr<IkeDaemon> d = atA ? conn.a : conn.b;
        d->TraceConnectWithoutContext("Message", MakeBoundCallback(&OnMessage, &rec, atA));
        d->TraceConnectWithoutContext("Retransmit", MakeBoundCallback(&OnRetransmit, &rec, atA));
        d->TraceConnectWithoutContext("IkeSaState", MakeBoundCallback(&OnState, &rec, atA));
        d->TraceConnectWithoutContext("ChildSaRekeyed",
                                      MakeBoundCallback(&OnChildRekey, &rec, atA));
        d->TraceConnectWithoutContext("IkeSaRekeyed", MakeBoundCallback(&OnIkeRekey, &rec, atA));
    }
    if (scenario == "collision")
    {
        Simulator::Schedule(Seconds(2), &IkeDaemon::RekeyChildSas, conn.a, conn.aIndex);
        Simulator::Schedule(Seconds(2), &IkeDaemon::RekeyChildSas, conn.b, conn.bIndex);
        Simulator::Schedule(Seconds(5), &IkeDaemon::RekeyIkeSa, conn.a, conn.aIndex);
        Simulator::Schedule(Seconds(5), &IkeDaemon::RekeyIkeSa, conn.b, conn.bIndex);
    }
    if (scenario == "dpd")
    {
        conn.b->SetStopTime(Seconds(20));
    }

    // ---- Traffic: hostA -> hostB, a datagram every 100 ms (every second for an hour) ----
    const Time interval = scenario == "rekeys" ? Seconds(1) : MilliSeconds(100);
    Ptr<Socket> rx = Socket::CreateSocket(hostB, UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    rx->SetRecvCallback([&rec](Ptr<Socket> s) {
        while (s->Recv())
        {
            rec.received++;
        }
    });
    Ptr<Socket> tx = Socket::CreateSocket(hostA, UdpSocketFactory::GetTypeId());
    tx->Connect(InetSocketAddress(hostBAddr, 9));
    for (Time t = Seconds(0.5); t < Seconds(simTime - 0.5); t += interval)
    {
        Simulator::Schedule(t, [tx, &rec]() {
            rec.sent++;
            tx->Send(Create<Packet>(200));
        });
    }
    if (pcap)
    {
        p2p.EnablePcap("ipsec-ikev2", links[1].Get(1)); // the router's side of gwA's WAN link
    }

    if (peers > 0)
    {
        Ptr<CryptoEngine> gwBEngine = gwB->GetObject<IpsecStack>()->GetCryptoEngine();
        for (Time t = MicroSeconds(100); t < Seconds(1); t += MicroSeconds(100))
        {
            Simulator::Schedule(t, [&rec, gwBEngine]() {
                rec.peakQueue = std::max(rec.peakQueue, gwBEngine->GetQueueLength());
            });
        }
    }
    if (flood > 0)
    {
        for (Time t = MilliSeconds(1); t < Seconds(simTime); t += MilliSeconds(1))
        {
            Simulator::Schedule(t, [&rec, &conn]() {
                rec.peakHalfOpen = std::max(rec.peakHalfOpen, conn.b->GetHalfOpenCount());
            });
        }
    }
    std::cout << "ipsec-ikev2: scenario " << scenario << ", auth " << auth
              << ", IKE aes128-sha256-modp2048, CHILD "
              << (pfs ? "aes128gcm16-modp2048 (PFS)" : "aes128gcm16") << ", " << simTime
              << " s\n\n";
    Simulator::Stop(Seconds(simTime));
    Simulator::Run();

    std::cout << "Message sequence chart\n";
    example::PrintChart(rec.messages, chartLimit);
    std::cout << "\nEvents\n";
    for (const auto& [t, what] : rec.events)
    {
        std::cout << "  " << std::fixed << std::setprecision(4) << std::setw(9) << t << "   "
                  << what << "\n";
    }
    std::cout << std::defaultfloat << "\nIKE SAs at the end: gwA "
              << conn.a->CountIkeSas(Ikev2SaState::ESTABLISHED) << ", gwB "
              << conn.b->CountIkeSas(Ikev2SaState::ESTABLISHED) << "; CHILD SAs: gwA "
              << conn.a->GetInstalledChildSas().size() << ", gwB "
              << conn.b->GetInstalledChildSas().size() << "\n";
    std::cout << "UDP hostA -> hostB: " << rec.received << "/" << rec.sent
              << " datagrams delivered\n";
    if (peers > 0)
    {
        std::vector<double> up = rec.roadsUp;
        std::sort(up.begin(), up.end());
        std::cout << "Burst: " << peers << " road warriors and gwA connect to gwB at 0 s (" << auth
                  << "); road warriors up: " << up.size() << "/" << peers;
        if (!up.empty())
        {
            std::cout << ", first at " << example::Fixed(up.front() * 1000, 1) << " ms, median "
                      << example::Fixed(up[up.size() / 2] * 1000, 1) << " ms, last "
                      << example::Fixed(up.back() * 1000, 1) << " ms";
        }
        std::cout << "; gwA up at " << example::Fixed(rec.aEstablished * 1000, 1)
                  << " ms; gwB's crypto queue peaked at " << rec.peakQueue << " jobs\n";
    }
    if (fragmentation)
    {
        std::cout << "IKE fragments sent (RFC 7383): gwA " << conn.a->GetFragmentsSent() << ", gwB "
                  << conn.b->GetFragmentsSent() << "\n";
    }
    if (engine && flood == 0)
    {
        std::cout << "gwA's IKE SA established "
                  << (rec.aEstablished < 0
                          ? std::string("never")
                          : "at " + example::Fixed(rec.aEstablished * 1000, 1) + " ms")
                  << " (crypto engines on both gateways)\n";
    }
    if (flood > 0)
    {
        std::cout << "Flood: " << flood << " spoofed IKE_SA_INIT requests to gwB, cookies "
                  << (cookies ? "on" : "off") << "\n  gwB half-open IKE SAs: peak "
                  << rec.peakHalfOpen << ", at the end " << conn.b->GetHalfOpenCount()
                  << "; cookies sent " << conn.b->GetCookiesSent()
                  << "; dropped (crypto queue full) " << conn.b->GetDropCount("crypto-queue-full")
                  << "\n  gwA's IKE SA established "
                  << (rec.aEstablished < 0
                          ? std::string("never")
                          : "at " + std::to_string(rec.aEstablished) + " s (it began at 0.1 s)")
                  << "\n";
    }
    std::cout << "IPsec drops: gwA "
              << gwA->GetObject<IpsecStack>()->GetDropCount(DropReason::NO_SA) << " no-sa, gwB "
              << gwB->GetObject<IpsecStack>()->GetDropCount(DropReason::NO_SA) << " no-sa\n";

    if (example::WantsFile(chart))
    {
        example::WriteChartSvg(rec.messages, chart, chartLimit);
        std::cout << "\nMessage sequence chart drawn in " << chart << "\n";
    }
    if (scenario == "rekeys")
    {
        const std::string script = WriteTimeline(rec, "ipsec-ikev2-rekeys", simTime);
        std::cout << "Rekey timeline: gnuplot " << script << " (draws ipsec-ikev2-rekeys.svg)\n";
    }
    if (example::WantsFile(keyFile))
    {
        std::string ikeFile = keyFile;
        if (ikeFile.size() >= 6 && ikeFile.compare(ikeFile.size() - 6, 6, "esp_sa") == 0)
        {
            ikeFile.resize(ikeFile.size() - 6);
        }
        else
        {
            ikeFile += ".";
        }
        ikeFile += "ikev2_decryption_table";
        ipsec.WriteKeyFile(keyFile);
        ike.WriteKeyFile(ikeFile);
        std::cout << "Key files: " << keyFile << " (ESP), " << ikeFile << " (IKEv2)\n"
                  << (pcap ? "Decrypt the WAN capture with:\n"
                           : "Run with --pcap=1, then decrypt the WAN capture with:\n")
                  << "  tshark -r ipsec-ikev2-2-1.pcap " << TsharkEspOptions(keyFile) << ' '
                  << TsharkIkev2Options(ikeFile) << "\n";
    }
    Simulator::Destroy();
    return 0;
}

int
main(int argc, char* argv[])
{
    return RunScript([&]() { return Run(argc, argv); });
}
