// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipsec-parallel-workers: parallel crypto reorders packets, and the receiver's anti-replay
 * window decides whether that costs valid packets.
 *
 *   hostA ---- gwA ==== router ==== gwB ---- hostB       (all links 1 Gbps)
 *   10.1.1.1        ESP tunnel gwA <-> gwB        10.3.1.2
 *
 * gwA encrypts with a crypto engine of N workers (the module's timing model: a FIFO queue in
 * front of N workers, each packet costing the table's fixed + per-byte time for the proposal,
 * times --speedFactor). hostA sends UDP datagrams that alternate between --large and --small
 * bytes, with Poisson arrivals at --load times the engine's capacity (N / mean service time).
 * gwA takes each packet's sequence number when the packet enters the engine, in arrival order;
 * with N > 1 a small packet that starts on a free worker while a large one is still being
 * encrypted finishes first and leaves first. gwB (no engine: it checks each packet as it
 * arrives) accepts a packet whose sequence number is above the highest seen, or inside the
 * replay window below it (RFC 4303 §3.4.3). For each pair (workers, window) one simulation;
 * the table gives the SA counters (protected at gwA, accepted and dropped as replay at gwB)
 * and the reordering gwB observed: how many packets arrived below the highest sequence number
 * seen so far, and by how much at most (the reordering distance).
 *
 * What a student learns:
 *  - one worker never reorders: the engine is a FIFO, whatever the load;
 *  - with several workers packets leave out of order, because per-byte costs let small packets
 *    overtake large ones, and more workers reorder more deeply;
 *  - a window smaller than the reordering distance drops packets as `replay` although they are
 *    valid (each was sent once, nobody replayed anything): a packet late by d is dropped
 *    exactly when d >= window (column "d>=window"), so the drops are predictable;
 *  - a window larger than the largest distance delivers everything: this is why Linux's
 *    parallel crypto (pcrypt) restores the order before the replay check, and why RFC 4303
 *    recommends 64 packets and fast links use thousands.
 *
 *   ./ipsec-parallel-workers
 *   ./ipsec-parallel-workers --workers=2,4,8,16 --window=8,16,32,128
 *   ./ipsec-parallel-workers --proposal=aes128gcm16 --load=0.95
 *   ./ipsec-parallel-workers --small=1400    # equal sizes, equal service times: never reordered
 */

#include "ipsec-example-util.h"
#include "ipsec-ns3-app-compat.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::example;

namespace
{

/// The settings shared by every run.
struct Settings
{
    std::string proposal{"aes128-sha256"}; ///< ESP proposal
    uint32_t large{1400};                  ///< bytes of the large datagrams
    uint32_t small{64};                    ///< bytes of the small datagrams
    double load{0.8};                      ///< offered load, fraction of gwA's capacity
    uint32_t packets{3000};                ///< datagrams hostA sends in each run
    double speedFactor{100};               ///< gwA's engine SpeedFactor
};

/// The outcome of one run.
struct Result
{
    Time serviceLarge;        ///< gwA's service time of a large datagram
    Time serviceSmall;        ///< gwA's service time of a small datagram
    double rate{0};           ///< datagrams per second offered
    uint64_t sent{0};         ///< gwA's outbound SA: packets protected
    uint64_t accepted{0};     ///< gwB's inbound SA: packets accepted
    uint64_t replayDrops{0};  ///< gwB's inbound SA: replay drops
    uint64_t otherDrops{0};   ///< any other IPsec drop (queue-full, ...; expected 0)
    uint32_t received{0};     ///< datagrams hostB's application received
    uint32_t reordered{0};    ///< ESP packets that reached gwB below the highest seen
    uint64_t maxDistance{0};  ///< the largest highest-seen minus sequence number
    uint32_t lateByWindow{0}; ///< packets late by at least the window
};

/// IP protocol number of ESP.
constexpr uint8_t ESP = 50;

/// What gwB sees of the ESP packets arriving, in arrival order.
struct Arrivals
{
    uint64_t highest{0};             ///< highest sequence number seen
    std::vector<uint64_t> distances; ///< for each packet arriving below it, by how much

    /**
     * @brief Look at a datagram gwB's IP received (Ipv4L3Protocol "Rx", header included).
     * @param p the datagram
     * @param ipv4 gwB's IPv4 (unused)
     * @param interface the interface it arrived on (unused)
     */
    void Receive(Ptr<const Packet> p, Ptr<Ipv4> /* ipv4 */, uint32_t /* interface */)
    {
        Ptr<Packet> copy = p->Copy();
        Ipv4Header ip;
        copy->RemoveHeader(ip);
        if (ip.GetProtocol() != ESP || ip.GetFragmentOffset() != 0 || copy->GetSize() < 8)
        {
            return; // not ESP, or a fragment without the ESP header
        }
        uint8_t esp[8];
        copy->CopyData(esp, sizeof(esp));
        const uint64_t seq = (uint64_t(esp[4]) << 24) | (uint64_t(esp[5]) << 16) |
                             (uint64_t(esp[6]) << 8) | uint64_t(esp[7]);
        if (seq > highest)
        {
            highest = seq;
        }
        else
        {
            distances.push_back(highest - seq);
        }
    }
};

/**
 * One simulation.
 * @param s the settings
 * @param workers gwA's workers
 * @param window gwB's replay window
 * @return what happened
 */
Result
RunOnce(const Settings& s, uint32_t workers, uint32_t window)
{
    Result r;
    NodeContainer nodes;
    nodes.Create(5);
    IpsecHelper::InstallInternetStack(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("100us"));
    Ipv4AddressHelper address;
    const char* nets[] = {"10.1.1.0", "10.2.1.0", "10.2.2.0", "10.3.1.0"};
    std::vector<Ipv4InterfaceContainer> ifs;
    for (uint32_t i = 0; i < 4; i++)
    {
        NetDeviceContainer d = p2p.Install(nodes.Get(i), nodes.Get(i + 1));
        address.SetBase(nets[i], "255.255.255.0");
        ifs.push_back(address.Assign(d));
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    Ptr<Node> hostA = nodes.Get(0);
    Ptr<Node> gwA = nodes.Get(1);
    Ptr<Node> gwB = nodes.Get(3);
    Ptr<Node> hostB = nodes.Get(4);

    IpsecHelper ipsec;
    ipsec.SetSaAttribute("EspProposal", StringValue(s.proposal));
    ipsec.SetSaAttribute("ReplayWindow", UintegerValue(window));
    ipsec.AssignStreams(1);
    ipsec.Install(NodeContainer(gwA, gwB));
    IpsecConnection c = ipsec.AddTunnel(gwA,
                                        ifs[1].GetAddress(0),
                                        AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                                        gwB,
                                        ifs[2].GetAddress(1),
                                        AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24));
    ipsec.SetCryptoEngineAttribute("Workers", UintegerValue(workers));
    ipsec.SetCryptoEngineAttribute("SpeedFactor", DoubleValue(s.speedFactor));
    ipsec.InstallCryptoEngine(NodeContainer(gwA)); // gwB: no engine, packets checked on arrival
    Ptr<CryptoEngine> engine = gwA->GetObject<CryptoEngine>();
    Ptr<SecurityAssociation> out = c.aToB.front();
    const SaConfig& oc = out->GetConfig();
    Ptr<SecurityAssociation> in =
        gwB->GetObject<IpsecStack>()->GetSad().FindInbound(oc.spi, oc.destination, oc.protocol);

    // Offered load: a fraction of the capacity, N / mean service time (sizes alternate; a
    // tunnel's job is the inner datagram, UDP payload + 8 + 20 bytes).
    const std::string op = out->GetCryptoOperation(true);
    r.serviceLarge = engine->GetServiceTime(op, s.large + 28);
    r.serviceSmall = engine->GetServiceTime(op, s.small + 28);
    const double meanService = (r.serviceLarge + r.serviceSmall).GetSeconds() / 2;
    r.rate = s.load * workers / meanService;

    Ptr<ExponentialRandomVariable> gap = CreateObject<ExponentialRandomVariable>();
    gap->SetAttribute("Mean", DoubleValue(1 / r.rate));
    gap->SetStream(7);
    Ptr<Socket> tx = Socket::CreateSocket(hostA, UdpSocketFactory::GetTypeId());
    tx->Connect(InetSocketAddress(ifs[3].GetAddress(1), 9000));
    Time at = Seconds(1);
    for (uint32_t i = 0; i < s.packets; i++)
    {
        const uint32_t size = i % 2 == 0 ? s.large : s.small;
        compat::Schedule(at, [tx, size]() { tx->Send(Create<Packet>(size)); });
        at += Seconds(gap->GetValue());
    }

    Ptr<Socket> rx = Socket::CreateSocket(hostB, UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9000));
    rx->SetRecvCallback(compat::MakeFunctionCallback<void, Ptr<Socket>>([&r](Ptr<Socket> socket) {
        while (socket->Recv())
        {
            r.received++;
        }
    }));
    Arrivals arrivals;
    gwB->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Rx",
        MakeCallback(&Arrivals::Receive, &arrivals));

    Simulator::Stop(at + Seconds(1));
    Simulator::Run();

    r.sent = out->GetCounters().packets;
    r.accepted = in->GetCounters().packets;
    r.replayDrops = in->GetCounters().replayDrops;
    for (Ptr<Node> n : {gwA, gwB})
    {
        for (size_t i = 1; i < static_cast<size_t>(DropReason::COUNT); i++)
        {
            const auto reason = static_cast<DropReason>(i);
            r.otherDrops +=
                reason == DropReason::REPLAY ? 0 : n->GetObject<IpsecStack>()->GetDropCount(reason);
        }
    }
    r.reordered = arrivals.distances.size();
    for (uint64_t d : arrivals.distances)
    {
        r.maxDistance = std::max(r.maxDistance, d);
        r.lateByWindow += d >= window ? 1 : 0;
    }
    rx->Close();
    tx->Close();
    Simulator::Destroy();
    return r;
}

} // namespace

static int
Run(int argc, char* argv[])
{
    Settings s;
    std::string workers = "1,2,4,8";
    std::string windows = "1,4,32,64";

    CommandLine cmd(__FILE__);
    cmd.AddValue("workers", "gwA's crypto workers to compare, comma-separated", workers);
    cmd.AddValue("window", "gwB's replay windows to compare, comma-separated", windows);
    cmd.AddValue("proposal", "ESP proposal, strongSwan syntax", s.proposal);
    cmd.AddValue("large", "bytes of the large datagrams", s.large);
    cmd.AddValue("small", "bytes of the small datagrams", s.small);
    cmd.AddValue("load", "offered load, fraction of gwA's capacity (N / mean service)", s.load);
    cmd.AddValue("packets", "datagrams hostA sends in each run", s.packets);
    cmd.AddValue("speedFactor",
                 "gwA's engine is this many times slower than the table",
                 s.speedFactor);
    cmd.Parse(argc, argv);
    // The attributes this example sets from its own options (RunScript reports a refusal).
    example::RefuseOwnedAttributes(
        {{"ns3::ipsec::SaParameters::EspProposal", "from --proposal"},
         {"ns3::ipsec::SaParameters::ReplayWindow", "from --window"},
         {"ns3::ipsec::CryptoEngine::Workers", "from --workers"},
         {"ns3::ipsec::CryptoEngine::SpeedFactor", "from --speedFactor"}});

    const std::vector<uint32_t> workerList = ParseList(workers, "workers", 1, 1024);
    // Window 0 turns anti-replay off: nothing to compare.
    const std::vector<uint32_t> windowList = ParseList(windows, "window", 1, MAX_REPLAY_WINDOW);
    // 65507: the largest UDP payload in an IPv4 datagram (65535 - 20 - 8); a larger one is
    // refused by the socket and would silently not be sent.
    if (s.load <= 0 || s.packets == 0 || s.speedFactor <= 0 || s.large == 0 || s.small == 0 ||
        s.large > 65507 || s.small > 65507)
    {
        throw ConfigError("need --load > 0, --packets > 0, --speedFactor > 0 and sizes from 1 to "
                          "65507 bytes (the largest UDP payload in IPv4)");
    }
    std::vector<std::vector<Result>> results;
    for (uint32_t n : workerList)
    {
        results.emplace_back();
        for (uint32_t w : windowList)
        {
            results.back().push_back(RunOnce(s, n, w));
        }
    }

    const Result& first = results.front().front();
    std::cout << "ipsec-parallel-workers: " << s.packets << " UDP datagrams hostA -> hostB, "
              << s.large << " and " << s.small << " bytes alternately, ESP " << s.proposal
              << " tunnel gwA -> gwB\n"
              << "gwA's service time (" << CostTableName() << " x " << s.speedFactor << "): large "
              << Fixed(first.serviceLarge.GetNanoSeconds() / 1000.0, 1) << " us, small "
              << Fixed(first.serviceSmall.GetNanoSeconds() / 1000.0, 1) << " us"
              << "; Poisson arrivals at " << s.load * 100 << " % of N / mean service time\n\n"
              << "workers  window |   sent  delivered  replay |  reordered  max-dist  "
                 "d>=window | offered pkt/s\n"
              << "----------------+---------------------------+--------------------------------+"
                 "--------------\n";
    bool consistent = true;
    uint64_t otherDrops = 0;
    for (size_t i = 0; i < workerList.size(); i++)
    {
        for (size_t j = 0; j < windowList.size(); j++)
        {
            const Result& r = results[i][j];
            std::cout << std::setw(7) << workerList[i] << std::setw(8) << windowList[j] << " |"
                      << std::setw(7) << r.sent << std::setw(11) << r.accepted << std::setw(8)
                      << r.replayDrops << " |" << std::setw(11) << r.reordered << std::setw(10)
                      << r.maxDistance << std::setw(11) << r.lateByWindow << " |"
                      << Fixed(r.rate, 0, 14) << "\n";
            consistent = consistent && r.replayDrops == r.lateByWindow &&
                         r.sent == r.accepted + r.replayDrops && r.received == r.accepted;
            otherDrops += r.otherDrops;
        }
    }
    std::cout
        << "\nsent: gwA's outbound SA; delivered and replay: gwB's inbound SA (hostB's "
           "application got\nexactly the delivered ones). reordered: ESP packets that reached "
           "gwB below the highest\nsequence number seen; max-dist: by how much at most. "
           "d>=window: packets late by at least\nthe window, the ones the rule drops.\n"
        << "Every replay drop here is a valid packet, sent once: no one replayed anything.\n"
        << (consistent ? "Check: replay drops = d>=window and sent = delivered + replay in "
                         "every run.\n"
                       : "Check FAILED: replay drops differ from d>=window, or packets are "
                         "missing.\n")
        << (otherDrops != 0 ? "Other IPsec drops: " + std::to_string(otherDrops) + "\n"
                            : std::string());
    return 0;
}

int
main(int argc, char* argv[])
{
    return RunScript([&]() { return Run(argc, argv); });
}
