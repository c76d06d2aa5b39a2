// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipsec-transport: two hosts protect their own traffic, end to end.
 *
 *   hostA 10.1.1.1 ---- router ---- 10.1.2.2 hostB      (point-to-point, 10 Mbps, 5 ms)
 *
 * What a student learns:
 *  - transport mode (the default): the ESP (or AH) header goes between the hosts' own IP
 *    header and the UDP/TCP/ICMP header; the router forwards ESP it cannot read;
 *  - host-to-host tunnel mode (--mode=tunnel): the same two hosts, each its own tunnel
 *    endpoint, with /32 traffic selectors: a whole inner IP header more per packet;
 *  - what each mode and proposal costs on the wire (the first protected datagram, before and
 *    after), and what ESP+AH adds;
 *  - the per-SA trace sources (Tx, Rx) and counters (packets, bytes, highest sequence number),
 *    and IpsecHelper::PrintSummary.
 *
 *   ./ipsec-transport
 *   ./ipsec-transport --mode=tunnel --traffic=udp
 *   ./ipsec-transport --protocol=esp+ah --proposal=aes256-sha512 --traffic=ping
 *   ./ipsec-transport --protocol=ah --ahProposal=sha1 --pcap=1
 */

#include "ipsec-example-util.h"
#include "ipsec-ns3-app-compat.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-apps-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <iomanip>
#include <iostream>

using namespace ns3;
using namespace ns3::ipsec;

namespace
{

/// What the traces saw.
struct Observed
{
    uint32_t shown{0};             ///< Tx/Rx events printed so far
    uint32_t showLimit{4};         ///< how many to print
    uint32_t firstInner{0};        ///< size of the first datagram the A->B SA protected (IP, bytes)
    uint32_t firstWire{0};         ///< size of the first ESP/AH datagram hostA sent (IP, bytes)
    uint32_t udpReceived{0};       ///< UDP datagrams received
    std::vector<Time> rtts;        ///< ping round-trip times
    bool tunnel{false};            ///< tunnel mode (the SA's payload is a whole datagram)
    Ptr<SecurityAssociation> aToB; ///< the first A->B SA
};

/**
 * An SA's Tx or Rx trace: print the first few events, remember the first inner size.
 * @param obs what was observed
 * @param what "hostA tx"/"hostB rx" and the SA
 * @param sa the SA
 * @param packet the packet before protection (Tx) or after its removal (Rx)
 * @param seq its sequence number
 */
void
SaEvent(Observed* obs,
        std::string what,
        Ptr<SecurityAssociation> sa,
        Ptr<const Packet> packet,
        uint64_t seq)
{
    if (sa == obs->aToB && obs->firstInner == 0)
    {
        // Transport mode protects the L4 segment: add the IP header it travels under.
        obs->firstInner = packet->GetSize() + (obs->tunnel ? 0 : 20);
    }
    if (obs->shown < obs->showLimit)
    {
        obs->shown++;
        std::cout << "  " << std::fixed << std::setprecision(6) << Simulator::Now().GetSeconds()
                  << " s  " << what << " spi 0x" << std::hex << std::setw(8) << std::setfill('0')
                  << sa->GetSpi() << std::dec << std::setfill(' ') << " seq " << seq << ", "
                  << packet->GetSize() << " B of payload" << std::defaultfloat << "\n";
    }
}

/**
 * hostA's IPv4 Tx trace: the first protected datagram's size on the wire.
 * @param obs what was observed
 * @param packet the datagram with its IP header
 */
void
IpTx(Observed* obs, Ptr<const Packet> packet, Ptr<Ipv4>, uint32_t)
{
    Ipv4Header h;
    packet->PeekHeader(h);
    if (obs->firstWire == 0 && (h.GetProtocol() == 50 || h.GetProtocol() == 51))
    {
        obs->firstWire = h.GetSerializedSize() + h.GetPayloadSize();
    }
}

} // namespace

static int
Run(int argc, char* argv[])
{
    std::string mode = "transport";
    std::string traffic = "all";
    bool pcap = false;
    double simTime = 10;

    example::SaOptions opts;
    opts.keyFile = "ipsec-transport.esp_sa";
    CommandLine cmd(__FILE__);
    opts.Add(cmd);
    cmd.AddValue("mode", "transport, or tunnel (each host its own tunnel endpoint)", mode);
    cmd.AddValue("traffic", "udp, tcp, ping or all", traffic);
    cmd.AddValue("pcap", "write pcaps (prefix ipsec-transport)", pcap);
    cmd.AddValue("simTime", "simulated seconds", simTime);
    cmd.Parse(argc, argv);
    opts.Check(); // a ConfigError ends the example through RunScript

    if (mode != "transport" && mode != "tunnel")
    {
        std::cerr << "--mode must be transport or tunnel, not '" << mode << "'\n";
        return 2;
    }
    const bool udpOn = traffic == "udp" || traffic == "all";
    const bool tcpOn = traffic == "tcp" || traffic == "all";
    const bool pingOn = traffic == "ping" || traffic == "all";
    if (!udpOn && !tcpOn && !pingOn)
    {
        std::cerr << "--traffic must be udp, tcp, ping or all, not '" << traffic << "'\n";
        return 2;
    }
    if (simTime < 3)
    {
        std::cerr << "--simTime must be at least 3 s (traffic starts at 1 s)\n";
        return 2;
    }
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

    NodeContainer nodes;
    nodes.Create(3);
    Ptr<Node> hostA = nodes.Get(0);
    Ptr<Node> router = nodes.Get(1);
    Ptr<Node> hostB = nodes.Get(2);
    IpsecHelper::InstallInternetStack(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetDeviceAttribute("Mtu", UintegerValue(1500));
    p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    NetDeviceContainer linkA = p2p.Install(hostA, router);
    NetDeviceContainer linkB = p2p.Install(router, hostB);
    Ipv4AddressHelper address;
    address.SetBase("10.1.1.0", "255.255.255.0");
    const Ipv4Address aAddr = address.Assign(linkA).GetAddress(0);
    address.SetBase("10.1.2.0", "255.255.255.0");
    const Ipv4Address bAddr = address.Assign(linkB).GetAddress(1);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    IpsecHelper ipsec;
    opts.Apply(ipsec);
    int64_t stream = 1;
    stream += ipsec.AssignStreams(stream);
    IpsecConnection conn;
    ipsec.Install(NodeContainer(hostA, hostB));
    conn = mode == "transport" ? ipsec.AddTransport(hostA, aAddr, hostB, bAddr)
                               : ipsec.AddTunnel(hostA,
                                                 aAddr,
                                                 AddressRange::Prefix(aAddr, 32),
                                                 hostB,
                                                 bAddr,
                                                 AddressRange::Prefix(bAddr, 32));
    InternetStackHelper internet;
    stream += internet.AssignStreams(nodes, stream);

    // Traces: every SA's Tx (outbound) or Rx (inbound), and hostA's IP output.
    Observed obs;
    obs.tunnel = mode == "tunnel";
    obs.aToB = conn.aToB.front();
    for (const auto& sa : conn.aToB)
    {
        const std::string name = GetProtocolName(sa->GetConfig().protocol);
        sa->TraceConnectWithoutContext(
            "Tx",
            MakeBoundCallback(&SaEvent, &obs, "hostA " + name + " tx", sa));
    }
    for (const auto& sa : conn.aToB)
    {
        // The inbound twin on hostB: same SPI and destination.
        Ptr<SecurityAssociation> in =
            hostB->GetObject<IpsecStack>()->GetSad().FindInbound(sa->GetSpi(),
                                                                 bAddr,
                                                                 sa->GetConfig().protocol);
        in->TraceConnectWithoutContext(
            "Rx",
            MakeBoundCallback(&SaEvent,
                              &obs,
                              "hostB " + std::string(GetProtocolName(in->GetConfig().protocol)) +
                                  " rx",
                              in));
    }
    hostA->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext("Tx",
                                                                   MakeBoundCallback(&IpTx, &obs));

    const Time stop = Seconds(simTime - 0.5);
    ApplicationContainer udpServer;
    if (udpOn)
    {
        UdpServerHelper server(4000);
        udpServer = server.Install(hostB);
        udpServer.Start(Seconds(0.5));
        UdpClientHelper client(bAddr, 4000);
        client.SetAttribute("MaxPackets", UintegerValue(100));
        client.SetAttribute("Interval", TimeValue(MilliSeconds(50)));
        client.SetAttribute("PacketSize", UintegerValue(500));
        ApplicationContainer c = client.Install(hostA);
        c.Start(Seconds(1));
        c.Stop(stop);
    }
    ApplicationContainer sink;
    const uint32_t tcpBytes = 500000;
    if (tcpOn)
    {
        PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                    InetSocketAddress(Ipv4Address::GetAny(), 50000));
        sink = sinkHelper.Install(hostB);
        sink.Start(Seconds(0.5));
        BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(bAddr, 50000));
        bulk.SetAttribute("MaxBytes", UintegerValue(tcpBytes));
        ApplicationContainer s = bulk.Install(hostA);
        s.Start(Seconds(1.1));
        s.Stop(stop);
    }
    if (pingOn)
    {
        ApplicationContainer p = compat::InstallPing(hostA, bAddr, Seconds(1));
        p.Start(Seconds(1.2));
        p.Stop(stop);
        compat::ConnectPingRtt(p.Get(0),
                               MakeBoundCallback(
                                   +[](Observed* o, Time rtt) { o->rtts.push_back(rtt); },
                                   &obs));
    }
    if (pcap)
    {
        p2p.EnablePcapAll("ipsec-transport");
    }

    std::cout << "ipsec-transport: " << mode << " mode between hostA " << aAddr << " and hostB "
              << bAddr << ", " << opts.protocol << ", traffic " << traffic << "\n";
    for (const auto& sa : conn.aToB)
    {
        std::cout << "  SA A->B: " << sa->GetConfig().ToString() << "\n";
    }
    for (const auto& sa : conn.bToA)
    {
        std::cout << "  SA B->A: " << sa->GetConfig().ToString() << "\n";
    }
    std::cout << "First protected packets (SA traces Tx and Rx):\n";

    Simulator::Stop(Seconds(simTime));
    Simulator::Run();

    if (obs.firstInner != 0 && obs.firstWire != 0)
    {
        std::cout << "\nFirst protected datagram: " << obs.firstInner << " B as sent, "
                  << obs.firstWire << " B on the wire (+" << obs.firstWire - obs.firstInner
                  << " B of " << opts.protocol << " " << mode << " mode)\n";
    }
    std::cout << "\nDelivered\n";
    if (udpOn)
    {
        std::cout << "  UDP   " << DynamicCast<UdpServer>(udpServer.Get(0))->GetReceived()
                  << "/100 datagrams of 500 B\n";
    }
    if (tcpOn)
    {
        std::cout << "  TCP   " << DynamicCast<PacketSink>(sink.Get(0))->GetTotalRx() << "/"
                  << tcpBytes << " bytes\n";
    }
    if (pingOn)
    {
        Time sum;
        for (const Time& t : obs.rtts)
        {
            sum += t;
        }
        std::cout << "  ping  " << obs.rtts.size() << " replies";
        if (!obs.rtts.empty())
        {
            std::cout << ", mean RTT " << std::fixed << std::setprecision(2)
                      << sum.GetSeconds() * 1000 / obs.rtts.size() << " ms" << std::defaultfloat;
        }
        std::cout << "\n";
    }

    std::cout << "\nCounters of the A->B SAs (SecurityAssociation::GetCounters)\n";
    for (const auto& sa : conn.aToB)
    {
        const SaCounters& k = sa->GetCounters();
        std::cout << "  " << GetProtocolName(sa->GetConfig().protocol) << " spi 0x" << std::hex
                  << sa->GetSpi() << std::dec << ": " << k.packets << " packets, " << k.bytes
                  << " payload bytes, highest sequence number " << k.highestSeq << "\n";
    }
    std::cout << "\n";
    ipsec.PrintSummary(std::cout);
    example::WriteXfrmFiles(ipsec, opts.xfrmFile);
    if (example::WantsFile(opts.keyFile))
    {
        ipsec.WriteKeyFile(opts.keyFile, opts.keyFileVersion);
        if (opts.protocol != "ah")
        {
            std::cout << "\nKey file " << opts.keyFile << "; "
                      << (pcap ? "decrypt" : "run with --pcap=1, then decrypt")
                      << " hostA's link with:\n  tshark -r "
                      << "ipsec-transport-" << hostA->GetId() << "-" << linkA.Get(0)->GetIfIndex()
                      << ".pcap " << TsharkEspOptions(opts.keyFile) << "\n";
        }
    }
    Simulator::Destroy();
    return 0;
}

int
main(int argc, char* argv[])
{
    return RunScript([&]() { return Run(argc, argv); });
}
