// SPDX-License-Identifier: GPL-2.0-only
/*
 * Data-plane benchmark: packets per wall-clock second through the site-to-site topology
 * (hostA - gwA - router - gwB - hostB, point-to-point), plain ns-3 IP versus an ESP tunnel
 * between the gateways, all in one run so that the ratios compare like with like.
 *
 *   ./build/bench/ipsec-bench-data-plane --packets=200000 --repeat=3
 *
 * Each variant sends --packets UDP datagrams of --size bytes from hostA to hostB; the figure
 * is delivered packets / wall seconds of Simulator::Run(), best of --repeat runs.
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-helper.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// One benchmark variant.
struct Variant
{
    std::string name;     ///< label
    std::string proposal; ///< ESP proposal, empty = plain ns-3 (no IPsec at all)
};

/// One measurement.
struct Result
{
    uint64_t delivered{0}; ///< datagrams received
    double seconds{0};     ///< wall time of Simulator::Run
};

/**
 * Build the topology, run it, measure.
 * @param v the variant
 * @param packets datagrams to send
 * @param size datagram payload bytes
 * @return the measurement
 */
Result
RunOnce(const Variant& v, uint32_t packets, uint32_t size)
{
    NodeContainer nodes;
    nodes.Create(5);
    if (v.proposal.empty())
    {
        InternetStackHelper internet;
        internet.Install(nodes);
    }
    else
    {
        ipsec::IpsecHelper::InstallInternetStack(nodes);
    }
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("100us"));
    Ipv4AddressHelper addr;
    const char* nets[] = {"10.1.1.0", "10.2.1.0", "10.2.2.0", "10.3.1.0"};
    std::vector<Ipv4InterfaceContainer> ifs;
    for (uint32_t i = 0; i < 4; i++)
    {
        addr.SetBase(nets[i], "255.255.255.0");
        ifs.push_back(addr.Assign(p2p.Install(nodes.Get(i), nodes.Get(i + 1))));
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    ipsec::IpsecHelper ipsec;
    if (!v.proposal.empty())
    {
        ipsec.SetSaAttribute("EspProposal", StringValue(v.proposal));
        ipsec.AssignStreams(1);
        ipsec.Install(nodes);
        ipsec.AddTunnel(nodes.Get(1),
                        ifs[1].GetAddress(0),
                        ipsec::AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                        nodes.Get(3),
                        ifs[2].GetAddress(1),
                        ipsec::AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24));
    }
    UdpServerHelper server(9);
    ApplicationContainer sink = server.Install(nodes.Get(4));
    UdpClientHelper client(ifs[3].GetAddress(1), 9);
    client.SetAttribute("MaxPackets", UintegerValue(packets));
    client.SetAttribute("Interval", TimeValue(MicroSeconds(2)));
    client.SetAttribute("PacketSize", UintegerValue(size));
    ApplicationContainer src = client.Install(nodes.Get(0));
    src.Start(Seconds(1));
    sink.Start(Seconds(0.5));
    Simulator::Stop(Seconds(2) + MicroSeconds(2) * packets);

    auto t0 = std::chrono::steady_clock::now();
    Simulator::Run();
    auto t1 = std::chrono::steady_clock::now();
    Result r;
    r.delivered = DynamicCast<UdpServer>(sink.Get(0))->GetReceived();
    r.seconds = std::chrono::duration<double>(t1 - t0).count();
    Simulator::Destroy();
    return r;
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t packets = 100000;
    uint32_t size = 1000;
    uint32_t repeat = 3;
    std::string proposals = "aes128gcm16,aes128-sha256,chacha20poly1305";
    CommandLine cmd(__FILE__);
    cmd.AddValue("packets", "UDP datagrams per run", packets);
    cmd.AddValue("size", "UDP payload bytes", size);
    cmd.AddValue("repeat", "runs per variant (the best is reported)", repeat);
    cmd.AddValue("proposals", "comma-separated ESP proposals to compare with plain IP", proposals);
    cmd.Parse(argc, argv);

    std::vector<Variant> variants{{"plain ns-3 IP", ""}};
    std::stringstream list(proposals);
    std::string p;
    while (std::getline(list, p, ','))
    {
        variants.push_back({"ESP tunnel " + p, p});
    }

    std::cout << "ns3-ipsec data-plane benchmark: " << packets << " x " << size
              << "-byte UDP datagrams, hostA-gwA-router-gwB-hostB, best of " << repeat
              << " runs\n\n";
    std::cout << std::left << std::setw(34) << "variant" << std::right << std::setw(10)
              << "delivered" << std::setw(10) << "wall s" << std::setw(12) << "packets/s"
              << std::setw(10) << "ratio" << '\n';
    double plainRate = 0;
    for (const auto& v : variants)
    {
        Result best;
        for (uint32_t i = 0; i < repeat; i++)
        {
            Result r = RunOnce(v, packets, size);
            if (i == 0 || r.seconds < best.seconds)
            {
                best = r;
            }
        }
        const double rate = best.delivered / best.seconds;
        if (v.proposal.empty())
        {
            plainRate = rate;
        }
        std::cout << std::left << std::setw(34) << v.name << std::right << std::setw(10)
                  << best.delivered << std::setw(10) << std::fixed << std::setprecision(3)
                  << best.seconds << std::setw(12) << std::setprecision(0) << rate << std::setw(10)
                  << std::setprecision(2) << rate / plainRate << '\n';
    }
    return 0;
}
