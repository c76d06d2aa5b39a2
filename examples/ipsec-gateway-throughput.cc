// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipsec-gateway-throughput: the throughput limit of a slow IPsec gateway, and the queue in
 * front of its crypto engine.
 *
 *   hostA ---- gwA ==== router ==== gwB ---- hostB       (all links 1 Gbps: never the limit)
 *   10.1.1.1        ESP tunnel gwA <-> gwB        10.3.1.2
 *
 * gwA has a crypto engine (the module's timing model): a FIFO queue of --queueLimit packets in
 * front of --workers workers, each packet costing the reference table's fixed + per-byte time
 * for the proposal, times --speedFactor (1000 = an embedded gateway a thousand times slower
 * than the machine the table was measured on). gwB has an engine too, fast (--speedFactorB).
 * With S the service time of one packet, the engine serves at most Workers / S packets per
 * second: its capacity, computed from the table before anything runs.
 *
 * hostA sends UDP datagrams of --size bytes to hostB, with Poisson arrivals (or periodic ones,
 * --arrivals=periodic) at an offered load stepped from --minLoad to --maxLoad per cent of the
 * capacity in --steps steps, one simulation per step. For each step the table gives the offered
 * and delivered rates, gwA's engine utilisation, the queueing delay in gwA's engine (from its
 * QueueDelay trace), the end-to-end latency and the packets refused by the full queue
 * (`queue-full` drops), all measured after a warm-up, over --duration seconds.
 *
 * What a student learns:
 *  - delivered traffic follows the offered load up to the capacity, then stays flat at it:
 *    the gateway cannot encrypt more, whatever the links could carry;
 *  - queueing delay grows without bound as utilisation approaches 1 (Poisson arrivals: the
 *    M/D/1 queue, mean wait rho S / (2 (1 - rho)); the "theory" column gives it, for several
 *    workers approximately), while with periodic arrivals there is no queueing at all below
 *    capacity: the wait comes from the randomness of the arrivals, not from the load alone;
 *  - past capacity the queue stays full, its delay is bounded by QueueLimit x S / Workers (a
 *    larger queue buys latency, not throughput), and the excess is dropped as `queue-full`.
 *
 * It also writes <prefix>.dat (one row per step) and <prefix>.plt, a gnuplot script that plots
 * delivered against offered load and the queueing delay against offered load into <prefix>.png.
 *
 *   ./ipsec-gateway-throughput
 *   gnuplot ipsec-gateway-throughput.plt
 *   ./ipsec-gateway-throughput --workers=4 --queueLimit=400
 *   ./ipsec-gateway-throughput --arrivals=periodic --minLoad=80 --maxLoad=120 --steps=9
 *   ./ipsec-gateway-throughput --proposal=aes128-sha256 --size=200 --speedFactor=500
 */

#include "ipsec-example-util.h"
#include "ipsec-ns3-app-compat.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::example;

namespace
{

/// The settings shared by every step.
struct Settings
{
    std::string proposal{"aes128gcm16"};            ///< ESP proposal
    uint32_t size{1000};                            ///< UDP payload bytes
    uint32_t workers{1};                            ///< gwA's workers
    uint32_t queueLimit{100};                       ///< gwA's queue limit, packets
    double speedFactor{1000};                       ///< gwA's SpeedFactor
    double speedFactorB{1};                         ///< gwB's SpeedFactor
    double minLoad{10};                             ///< first offered load, % of capacity
    double maxLoad{150};                            ///< last offered load, % of capacity
    uint32_t steps{15};                             ///< number of loads
    double duration{2};                             ///< measured seconds per step
    double warmup{0.2};                             ///< seconds of traffic before measuring
    std::string arrivals{"poisson"};                ///< poisson or periodic
    std::string prefix{"ipsec-gateway-throughput"}; ///< output files
};

/// The five nodes with IPsec on the gateways and a tunnel between them.
struct Topology
{
    NodeContainer nodes;       ///< hostA, gwA, router, gwB, hostB
    Ipv4Address hostBAddr;     ///< hostB's address
    Ptr<CryptoEngine> engineA; ///< gwA's engine
    Ptr<CryptoEngine> engineB; ///< gwB's engine
    Ptr<IpsecStack> stackA;    ///< gwA's IPsec
    Ptr<IpsecStack> stackB;    ///< gwB's IPsec
    std::string operation;     ///< the cost table's name of gwA's work
    Time service;              ///< gwA's service time of one datagram
};

/**
 * Build the topology (the Simulator must be fresh).
 * @param s the settings
 * @return it
 */
Topology
Build(const Settings& s)
{
    Topology t;
    t.nodes.Create(5);
    IpsecHelper::InstallInternetStack(t.nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    Ipv4AddressHelper address;
    const char* nets[] = {"10.1.1.0", "10.2.1.0", "10.2.2.0", "10.3.1.0"};
    std::vector<Ipv4InterfaceContainer> ifs;
    for (uint32_t i = 0; i < 4; i++)
    {
        // LANs 0.1 ms, WAN links 1 ms.
        p2p.SetChannelAttribute("Delay", StringValue(i == 0 || i == 3 ? "100us" : "1ms"));
        NetDeviceContainer d = p2p.Install(t.nodes.Get(i), t.nodes.Get(i + 1));
        address.SetBase(nets[i], "255.255.255.0");
        ifs.push_back(address.Assign(d));
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    t.hostBAddr = ifs[3].GetAddress(1);
    Ptr<Node> gwA = t.nodes.Get(1);
    Ptr<Node> gwB = t.nodes.Get(3);

    IpsecHelper ipsec;
    ipsec.SetSaAttribute("EspProposal", StringValue(s.proposal));
    ipsec.AssignStreams(1);
    ipsec.Install(NodeContainer(gwA, gwB));
    IpsecConnection c = ipsec.AddTunnel(gwA,
                                        ifs[1].GetAddress(0),
                                        AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                                        gwB,
                                        ifs[2].GetAddress(1),
                                        AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24));
    ipsec.SetCryptoEngineAttribute("Workers", UintegerValue(s.workers));
    ipsec.SetCryptoEngineAttribute("QueueLimit", UintegerValue(s.queueLimit));
    ipsec.SetCryptoEngineAttribute("SpeedFactor", DoubleValue(s.speedFactor));
    ipsec.InstallCryptoEngine(NodeContainer(gwA));
    ipsec.SetCryptoEngineAttribute("Workers", UintegerValue(1));
    ipsec.SetCryptoEngineAttribute("QueueLimit", UintegerValue(1000));
    ipsec.SetCryptoEngineAttribute("SpeedFactor", DoubleValue(s.speedFactorB));
    ipsec.InstallCryptoEngine(NodeContainer(gwB));
    t.engineA = gwA->GetObject<CryptoEngine>();
    t.engineB = gwB->GetObject<CryptoEngine>();
    t.stackA = gwA->GetObject<IpsecStack>();
    t.stackB = gwB->GetObject<IpsecStack>();

    // In tunnel mode gwA's job is the whole inner datagram: UDP payload + 8 + 20 bytes.
    t.operation = c.aToB.front()->GetCryptoOperation(true);
    t.service = t.engineA->GetServiceTime(t.operation, s.size + 8 + 20);
    return t;
}

/// What one step measured.
struct Step
{
    double load{0};             ///< offered load asked for, % of capacity
    double offeredPps{0};       ///< datagrams sent per second (measured window)
    double deliveredPps{0};     ///< datagrams received per second (measured window)
    double utilisation{0};      ///< gwA's engine: busy time / (workers x window)
    double utilisationB{0};     ///< gwB's engine, the same
    double queueMean{0};        ///< mean queueing delay in gwA's engine, seconds
    double queueP99{0};         ///< its 99th percentile
    double queueMax{0};         ///< its maximum
    double latencyMean{0};      ///< mean one-way latency hostA -> hostB, seconds
    double latencyP99{0};       ///< its 99th percentile
    double theory{-1};          ///< M/D/c (D/D/c) mean queueing delay, seconds (-1: rho >= 1)
    uint64_t drops{0};          ///< queue-full drops at gwA in the window
    uint64_t sentTotal{0};      ///< datagrams sent in the whole step
    uint64_t deliveredTotal{0}; ///< of those, received
    uint64_t dropsTotal{0};     ///< queue-full drops at gwA in the whole step
    uint64_t otherDrops{0};     ///< any other IPsec drop on the gateways (expected 0)
};

/**
 * The p-th percentile of samples (nearest rank).
 * @param v the samples (sorted here)
 * @param p the percentile, 0-100
 * @return it, 0 if there are none
 */
double
Percentile(std::vector<double>& v, double p)
{
    if (v.empty())
    {
        return 0;
    }
    std::sort(v.begin(), v.end());
    const size_t rank = static_cast<size_t>(std::ceil(p / 100 * v.size()));
    return v[std::max<size_t>(rank, 1) - 1];
}

/**
 * Mean of samples.
 * @param v the samples
 * @return it, 0 if there are none
 */
double
Mean(const std::vector<double>& v)
{
    double sum = 0;
    for (double x : v)
    {
        sum += x;
    }
    return v.empty() ? 0 : sum / v.size();
}

/**
 * Mean queueing delay of an M/D/c queue, approximated as half that of M/M/c (Erlang C); exact
 * for c = 1 (M/D/1: rho S / (2 (1 - rho))).
 * @param lambda arrivals per second
 * @param service the service time, seconds
 * @param c servers
 * @return the mean wait in seconds, or -1 if the queue is not stable
 */
double
MdcWait(double lambda, double service, uint32_t c)
{
    const double a = lambda * service; // offered traffic, Erlangs
    const double rho = a / c;
    if (rho >= 1)
    {
        return -1;
    }
    double term = 1; // a^k / k!
    double sum = 0;
    for (uint32_t k = 0; k < c; k++)
    {
        sum += term;
        term *= a / (k + 1);
    }
    const double last = term / (1 - rho); // a^c / c! / (1 - rho)
    const double erlangC = last / (sum + last);
    return erlangC * service / (c * (1 - rho)) / 2;
}

/// Sends time-stamped UDP datagrams at a given rate.
class Sender
{
  public:
    /**
     * @brief Set it up.
     * @param socket a connected socket
     * @param size payload bytes (at least 8)
     * @param rate datagrams per second
     * @param poisson exponential gaps (else periodic)
     * @param stop send nothing at or after this time
     */
    Sender(Ptr<Socket> socket, uint32_t size, double rate, bool poisson, Time stop)
        : m_socket(socket),
          m_size(size),
          m_rate(rate),
          m_poisson(poisson),
          m_stop(stop)
    {
        m_gap = CreateObject<ExponentialRandomVariable>();
        m_gap->SetAttribute("Mean", DoubleValue(1 / rate));
        m_gap->SetStream(7);
    }

    /**
     * @brief Send the first datagram.
     * @param at when
     */
    void Start(Time at)
    {
        Simulator::Schedule(at, &Sender::Send, this);
    }

    /**
     * @brief The send times, in order.
     * @return them
     */
    const std::vector<Time>& GetSendTimes() const
    {
        return m_sent;
    }

  private:
    /// Send one datagram and schedule the next.
    void Send()
    {
        const int64_t now = Simulator::Now().GetNanoSeconds();
        std::vector<uint8_t> payload(m_size, 0);
        std::memcpy(payload.data(), &now, sizeof(now)); // the time stamp hostB reads
        m_socket->Send(Create<Packet>(payload.data(), payload.size()));
        m_sent.push_back(Simulator::Now());
        const Time gap = Seconds(m_poisson ? m_gap->GetValue() : 1 / m_rate);
        if (Simulator::Now() + gap < m_stop)
        {
            Simulator::Schedule(gap, &Sender::Send, this);
        }
    }

    Ptr<Socket> m_socket;                 ///< where to send
    uint32_t m_size;                      ///< payload bytes
    double m_rate;                        ///< datagrams per second
    bool m_poisson;                       ///< exponential gaps
    Time m_stop;                          ///< last send before this
    Ptr<ExponentialRandomVariable> m_gap; ///< gaps (Poisson)
    std::vector<Time> m_sent;             ///< send times
};

/**
 * One simulation at one offered load.
 * @param s the settings
 * @param load the offered load, % of capacity
 * @param capacity the capacity, datagrams per second
 * @return what it measured
 */
Step
RunStep(const Settings& s, double load, double capacity)
{
    Topology t = Build(s);
    Step r;
    r.load = load;
    const double rate = capacity * load / 100;
    const Time start = Seconds(1);
    const Time from = start + Seconds(s.warmup); // the measured window
    const Time to = from + Seconds(s.duration);
    // After the last datagram: time for the fullest queue to drain and the packets to arrive.
    const Time drain = t.service * static_cast<int64_t>(s.queueLimit / s.workers + 1) + Seconds(1);

    Ptr<Socket> tx = Socket::CreateSocket(t.nodes.Get(0), UdpSocketFactory::GetTypeId());
    tx->Connect(InetSocketAddress(t.hostBAddr, 9000));
    Sender sender(tx, s.size, rate, s.arrivals == "poisson", to);
    sender.Start(start);

    // hostB: latency of every datagram sent in the window, arrivals in the window.
    std::vector<double> latencies;
    uint64_t arrivedInWindow = 0;
    Ptr<Socket> rx = Socket::CreateSocket(t.nodes.Get(4), UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9000));
    rx->SetRecvCallback(compat::MakeFunctionCallback<void, Ptr<Socket>>([&](Ptr<Socket> socket) {
        while (Ptr<Packet> p = socket->Recv())
        {
            int64_t sentNs = 0;
            p->CopyData(reinterpret_cast<uint8_t*>(&sentNs), sizeof(sentNs));
            const Time sent = NanoSeconds(sentNs);
            const Time now = Simulator::Now();
            r.deliveredTotal++;
            arrivedInWindow += now >= from && now < to ? 1 : 0;
            if (sent >= from && sent < to)
            {
                latencies.push_back((now - sent).GetSeconds());
            }
        }
    }));

    // gwA's engine: queueing delays of the jobs that start in the window.
    std::vector<double> waits;
    t.engineA->TraceConnectWithoutContext("QueueDelay",
                                          compat::MakeFunctionCallback<void, Time>([&](Time wait) {
                                              const Time now = Simulator::Now();
                                              if (now >= from && now < to)
                                              {
                                                  waits.push_back(wait.GetSeconds());
                                              }
                                          }));
    // Busy time and drops at the window's edges.
    Time busyA[2];
    Time busyB[2];
    uint64_t drops[2] = {0, 0};
    for (int i = 0; i < 2; i++)
    {
        compat::Schedule(i == 0 ? from : to, [&, i]() {
            busyA[i] = t.engineA->GetBusyTime();
            busyB[i] = t.engineB->GetBusyTime();
            drops[i] = t.engineA->GetDropCount();
        });
    }

    Simulator::Stop(to + drain);
    Simulator::Run();

    const double window = s.duration;
    uint64_t sentInWindow = 0;
    for (const Time& at : sender.GetSendTimes())
    {
        sentInWindow += at >= from && at < to ? 1 : 0;
    }
    r.offeredPps = sentInWindow / window;
    r.deliveredPps = arrivedInWindow / window;
    r.utilisation = (busyA[1] - busyA[0]).GetSeconds() / (s.workers * window);
    r.utilisationB = (busyB[1] - busyB[0]).GetSeconds() / window;
    r.queueMean = Mean(waits);
    r.queueP99 = Percentile(waits, 99);
    r.queueMax = waits.empty() ? 0 : waits.back(); // sorted by Percentile
    r.latencyMean = Mean(latencies);
    r.latencyP99 = Percentile(latencies, 99);
    // Poisson: M/D/c. Periodic: D/D/c, where no job waits below capacity.
    const double rho = r.offeredPps * t.service.GetSeconds() / s.workers;
    r.theory = s.arrivals == "poisson" ? MdcWait(r.offeredPps, t.service.GetSeconds(), s.workers)
                                       : (rho < 1 ? 0 : -1);
    r.drops = drops[1] - drops[0];
    r.sentTotal = sender.GetSendTimes().size();
    r.dropsTotal = t.engineA->GetDropCount();
    for (size_t i = 1; i < static_cast<size_t>(DropReason::COUNT); i++)
    {
        const auto reason = static_cast<DropReason>(i);
        if (reason != DropReason::QUEUE_FULL)
        {
            r.otherDrops += t.stackA->GetDropCount(reason) + t.stackB->GetDropCount(reason);
        }
    }
    r.otherDrops += t.stackB->GetDropCount(DropReason::QUEUE_FULL);
    rx->Close();
    tx->Close();
    Simulator::Destroy();
    return r;
}

/**
 * Microseconds with one decimal.
 * @param t the time
 * @return the text
 */
std::string
Us(Time t)
{
    return Fixed(t.GetNanoSeconds() / 1000.0, 1);
}

/**
 * Milliseconds, fixed-point, or "-" for a negative value.
 * @param seconds the value
 * @param width the column width
 * @return the text
 */
std::string
Ms(double seconds, int width)
{
    if (seconds < 0)
    {
        std::ostringstream o;
        o << std::setw(width) << "-";
        return o.str();
    }
    return Fixed(seconds * 1000, seconds < 0.01 ? 3 : 2, width);
}

/**
 * Write the gnuplot data file and script.
 * @param s the settings
 * @param steps the results
 * @param capacity the capacity, datagrams per second
 * @param bound the queueing delay bound, seconds
 * @param title a description of the run
 */
void
WritePlot(const Settings& s,
          const std::vector<Step>& steps,
          double capacity,
          double bound,
          const std::string& title)
{
    std::ofstream dat(s.prefix + ".dat");
    dat << std::setprecision(9);
    dat << "# " << title << "\n"
        << "# capacity_pps " << capacity << "\n"
        << "# queue_bound_ms " << bound * 1000 << "\n"
        << "# columns: 1 load_pct, 2 offered_pps, 3 offered_mbps, 4 delivered_pps, "
           "5 delivered_mbps, 6 utilisation, 7 qdelay_mean_ms, 8 qdelay_p99_ms, 9 qdelay_max_ms, "
           "10 latency_mean_ms, 11 latency_p99_ms, 12 theory_qdelay_ms (-1: none), "
           "13 queue_full_drops, 14 sent_total, 15 delivered_total, "
           "16 queue_full_drops_total\n";
    const double mbit = s.size * 8 / 1e6;
    for (const Step& r : steps)
    {
        dat << r.load << ' ' << r.offeredPps << ' ' << r.offeredPps * mbit << ' ' << r.deliveredPps
            << ' ' << r.deliveredPps * mbit << ' ' << r.utilisation << ' ' << r.queueMean * 1000
            << ' ' << r.queueP99 * 1000 << ' ' << r.queueMax * 1000 << ' ' << r.latencyMean * 1000
            << ' ' << r.latencyP99 * 1000 << ' ' << (r.theory < 0 ? -1 : r.theory * 1000) << ' '
            << r.drops << ' ' << r.sentTotal << ' ' << r.deliveredTotal << ' ' << r.dropsTotal
            << "\n";
    }

    std::ofstream plt(s.prefix + ".plt");
    plt << "# gnuplot " << s.prefix << ".plt  ->  " << s.prefix << ".png\n"
        << "set terminal png size 900,1000\n"
        << "set output '" << s.prefix << ".png'\n"
        << "set multiplot layout 2,1 title '" << title << "'\n"
        << "set grid\n"
        << "set key top left\n"
        << "set xlabel 'offered load (packets/s)'\n"
        << "set ylabel 'delivered (packets/s)'\n"
        << "capacity = " << capacity << "\n"
        << "set xrange [0:*]\n"
        << "set yrange [0:*]\n"
        << "plot '" << s.prefix << ".dat' using 2:4 with linespoints pt 7 title 'delivered', \\\n"
        << "     x with lines dt 2 title 'delivered = offered', \\\n"
        << "     capacity with lines dt 3 title sprintf('capacity %.0f packets/s', capacity)\n"
        << "set ylabel 'queueing delay in gwA (ms)'\n"
        << "bound = " << bound * 1000 << "\n"
        << "set yrange [0:bound * 1.2]\n"
        << "plot '" << s.prefix << ".dat' using 2:7 with linespoints pt 7 title 'mean', \\\n"
        << "     '' using 2:8 with linespoints pt 5 title '99th percentile', \\\n"
        << "     '' using 2:($12 < 0 ? NaN : $12) with lines dt 2 title 'theory (mean)', \\\n"
        << "     bound with lines dt 3 title 'bound: QueueLimit x S / Workers'\n"
        << "unset multiplot\n";
    dat.close();
    plt.close();
    if (!dat || !plt)
    {
        throw ConfigError("cannot write " + s.prefix + ".dat and " + s.prefix +
                          ".plt; choose a writable --prefix");
    }
}

} // namespace

static int
Run(int argc, char* argv[])
{
    Settings s;
    CommandLine cmd(__FILE__);
    cmd.AddValue("proposal", "ESP proposal, strongSwan syntax", s.proposal);
    cmd.AddValue("size", "UDP payload bytes of each datagram (at least 8)", s.size);
    cmd.AddValue("workers", "gwA's crypto workers", s.workers);
    cmd.AddValue("queueLimit", "packets that may wait in gwA's crypto queue", s.queueLimit);
    cmd.AddValue("speedFactor",
                 "gwA's engine is this many times slower than the table",
                 s.speedFactor);
    cmd.AddValue("speedFactorB", "the same for gwB (fast by default)", s.speedFactorB);
    cmd.AddValue("minLoad", "first offered load, per cent of gwA's capacity", s.minLoad);
    cmd.AddValue("maxLoad", "last offered load, per cent of gwA's capacity", s.maxLoad);
    cmd.AddValue("steps", "number of offered loads from minLoad to maxLoad", s.steps);
    cmd.AddValue("duration", "measured seconds per step", s.duration);
    cmd.AddValue("warmup", "seconds of traffic before the measurement starts", s.warmup);
    cmd.AddValue("arrivals", "poisson or periodic", s.arrivals);
    cmd.AddValue("prefix", "output files <prefix>.dat, <prefix>.plt", s.prefix);
    cmd.Parse(argc, argv);
    // The attributes this example sets from its own options (RunScript reports a refusal).
    example::RefuseOwnedAttributes(
        {{"ns3::ipsec::SaParameters::EspProposal", "from --proposal"},
         {"ns3::ipsec::CryptoEngine::Workers", "from --workers (gwB: 1)"},
         {"ns3::ipsec::CryptoEngine::QueueLimit", "from --queueLimit (gwB: 1000)"},
         {"ns3::ipsec::CryptoEngine::SpeedFactor", "from --speedFactor and --speedFactorB"}});

    if (s.size < 8 || s.workers == 0 || s.steps == 0 || s.duration <= 0 || s.warmup < 0 ||
        s.minLoad <= 0 || s.maxLoad < s.minLoad || s.speedFactor <= 0 || s.speedFactorB < 0 ||
        (s.arrivals != "poisson" && s.arrivals != "periodic"))
    {
        std::cerr << "need --size >= 8, --workers >= 1, --steps >= 1, --duration > 0, "
                     "--warmup >= 0, 0 < --minLoad <= --maxLoad, --speedFactor > 0 and "
                     "--arrivals=poisson or periodic\n";
        return 2;
    }
    if (!std::ofstream(s.prefix + ".dat") || !std::ofstream(s.prefix + ".plt"))
    {
        // Before the simulation, not after it: the files are its only record.
        std::cerr << "cannot write " << s.prefix << ".dat and " << s.prefix
                  << ".plt: " << std::strerror(errno) << "; choose a writable --prefix\n";
        return 2;
    }

    // The capacity, from the cost table: Workers / (service time of one datagram).
    Topology probe = Build(s);
    const Time service = probe.service;
    const std::string operation = probe.operation;
    Simulator::Destroy();
    const double capacity = s.workers / service.GetSeconds();
    const double bound = s.queueLimit * service.GetSeconds() / s.workers;
    const double mbit = s.size * 8 / 1e6;

    std::ostringstream title;
    title << "ESP " << s.proposal << " tunnel, " << s.size << "-byte datagrams, gwA " << s.workers
          << " worker" << (s.workers == 1 ? "" : "s") << " x" << s.speedFactor << ", queue "
          << s.queueLimit << ", " << s.arrivals << " arrivals";
    std::cout << "ipsec-gateway-throughput: " << title.str() << "\n"
              << "gwA's job per datagram: " << operation << " on " << s.size + 28
              << " bytes (the inner datagram) = " << Us(service) << " us (" << CostTableName()
              << " x " << s.speedFactor << ")\n"
              << "Capacity = Workers / S = " << s.workers << " / " << Us(service)
              << " us = " << Fixed(capacity, 1) << " packets/s = " << Fixed(capacity * mbit, 1)
              << " Mbit/s of UDP payload\n"
              << "Queueing delay bound = QueueLimit x S / Workers = " << Fixed(bound * 1000, 2)
              << " ms\n"
              << "Each step: " << s.warmup << " s warm-up, then " << s.duration
              << " s measured\n\n";

    std::vector<Step> steps;
    for (uint32_t i = 0; i < s.steps; i++)
    {
        const double load =
            s.steps == 1 ? s.minLoad : s.minLoad + (s.maxLoad - s.minLoad) * i / (s.steps - 1);
        steps.push_back(RunStep(s, load, capacity));
    }

    std::cout << " load |     offered     |    delivered    |  gwA |  queueing delay in gwA (ms)  "
                 "|  latency (ms)   | queue-full\n"
              << "  %   |  pkt/s   Mbit/s |  pkt/s   Mbit/s | util |  mean    p99    max  theory "
                 "|   mean     p99  |   drops\n"
              << "------+-----------------+-----------------+------+-----------------------------"
                 "+-----------------+-----------\n";
    double maxUtilB = 0;
    uint64_t otherDrops = 0;
    bool lossless = true;
    for (const Step& r : steps)
    {
        std::cout << Fixed(r.load, 0, 5) << " |" << Fixed(r.offeredPps, 0, 7) << ' '
                  << Fixed(r.offeredPps * mbit, 2, 8) << " |" << Fixed(r.deliveredPps, 0, 7) << ' '
                  << Fixed(r.deliveredPps * mbit, 2, 8) << " |" << Fixed(r.utilisation, 2, 5)
                  << " |" << Ms(r.queueMean, 6) << ' ' << Ms(r.queueP99, 6) << ' '
                  << Ms(r.queueMax, 6) << ' ' << Ms(r.theory, 6) << " |" << Ms(r.latencyMean, 7)
                  << ' ' << Ms(r.latencyP99, 7) << " |" << std::setw(10) << r.drops << "\n";
        maxUtilB = std::max(maxUtilB, r.utilisationB);
        otherDrops += r.otherDrops;
        lossless = lossless && r.sentTotal == r.deliveredTotal + r.dropsTotal;
    }
    if (s.arrivals == "poisson")
    {
        std::cout << "\ntheory: M/D/" << s.workers
                  << " mean wait at the measured offered load (Poisson arrivals"
                  << (s.workers == 1 ? ").\n"
                                     : "; with several\n        workers an approximation: "
                                       "half the M/M/c wait of Erlang C).\n")
                  << "        '-': at or above capacity. Near 100 % one step is far too "
                     "short to reach\n        the steady state the formula describes.\n";
    }
    else
    {
        std::cout << "\ntheory: periodic arrivals (D/D/" << s.workers
                  << "): below capacity no packet ever waits.\n";
    }
    std::cout << "gwB's engine (x" << s.speedFactorB << ") was at most " << Fixed(maxUtilB * 100, 1)
              << " % busy.\n";
    if (lossless && otherDrops == 0)
    {
        std::cout << "Every datagram sent was delivered or dropped as queue-full at gwA.\n";
    }
    else
    {
        std::cout << "WARNING: " << otherDrops
                  << " IPsec drops besides gwA's queue-full ones (gwB's included): gwA is not "
                     "the only\nbottleneck (is --speedFactorB too large?).\n";
    }

    WritePlot(s, steps, capacity, bound, title.str());
    std::cout << "\nWrote " << s.prefix << ".dat (one row per step) and " << s.prefix
              << ".plt; plot them with:\n  gnuplot " << s.prefix << ".plt   # -> " << s.prefix
              << ".png\n";
    return 0;
}

int
main(int argc, char* argv[])
{
    return RunScript([&]() { return Run(argc, argv); });
}
