// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipsec-site-to-site: two LANs joined by an IPsec VPN across a routed WAN.
 *
 *   LAN A 10.1.1.0/24 (CSMA)                                    LAN B 10.3.1.0/24 (CSMA)
 *   hostA0 .2 --+                                                 +-- hostB0 .2
 *   hostA1 .3 --+-- gwA .1 ==== router ==== gwB .1 ---------------+-- hostB1 .3
 *                     10.2.1.0/24      10.2.2.0/24
 *                 (point-to-point, 10 Mbps, 5 ms, MTU 1500)
 *
 * What a student learns:
 *  - tunnel mode (the default): the gateways protect everything between the two LANs; the
 *    hosts know nothing about IPsec, and on the WAN only ESP between gwA and gwB is visible;
 *  - transport mode (--mode=transport): hostA0 and hostB0 protect their own traffic end to
 *    end; the TCP transfer between hostA1 and hostB1 crosses the WAN in the clear;
 *  - IP fragments after IPsec: a 3000-byte UDP datagram leaves as fragments that do not fit
 *    the 1500-byte WAN once ESP is added, so the protected packets are fragmented again;
 *  - the per-SA counters and per-node drop reasons of IpsecHelper::PrintSummary;
 *  - how Wireshark/tshark decrypt the pcaps with the key file the simulation writes;
 *  - key exchange (--keying=ikev2): the gateways negotiate the tunnel with IKEv2 and a
 *    pre-shared key before the traffic starts; the run prints the exchanges and writes the
 *    IKEv2 decryption table beside the ESP one;
 *  - IKEv1 (--keying=ikev1): phase 1 in main mode (--ikev1Mode=main, identities encrypted) or
 *    aggressive mode (three messages, identities and a HASH an eavesdropper can attack
 *    offline in the clear), then quick mode (with PFS when --espProposal names a group); the
 *    run writes Wireshark's ikev1_decryption_table and an ikev1_keys file (SKEYID and its
 *    children for each ISAKMP SA) beside the ESP table; --auth=rsa or ecdsa authenticates with
 *    certificates and signatures instead of the pre-shared key; --protocol=esp+ah negotiates
 *    an ESP+AH bundle (ESP with --espProposal, AH over it with --ahProposal).
 *
 *   ./ipsec-site-to-site --pcap=1
 *   ./ipsec-site-to-site --mode=transport --proposal=aes256-sha256 --pcap=1
 *   ./ipsec-site-to-site --protocol=esp+ah --ahProposal=sha256 --esn=1
 *   ./ipsec-site-to-site --keying=ikev2 --ikeProposal=aes256-sha384-ecp384 --pcap=1
 *   ./ipsec-site-to-site --keying=ikev1 --ikev1Mode=aggressive --espProposal=aes128-sha256-modp2048
 *   ./ipsec-site-to-site --keying=ikev1 --protocol=esp+ah --ahProposal=sha256 --pcap=1
 *
 * Keys come from the run's random stream (change with --RngRun), or from IKEv2's key exchange
 * (nonces and key exchange values from the same streams); the key files hold them.
 */

#include "ipsec-example-util.h"
#include "ipsec-ns3-app-compat.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-apps-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>
#include <tuple>

using namespace ns3;
using namespace ns3::ipsec;

namespace
{

/// Packets and bytes a receiver got.
struct RxCount
{
    uint64_t packets{0}; ///< packets (or segments) received
    uint64_t bytes{0};   ///< bytes received
};

/**
 * Count one received packet.
 * @param count the counter
 * @param p the packet
 */
void
CountRx(RxCount* count, Ptr<const Packet> p)
{
    count->packets++;
    count->bytes += p->GetSize();
}

/**
 * Record one ping round-trip time.
 * @param rtts the list
 * @param rtt the time
 */
void
RecordRtt(std::vector<Time>* rtts, Time rtt)
{
    rtts->push_back(rtt);
}

/// The protected datagrams (ESP or AH) that the WAN's queues dropped, each counted once
/// however many of its fragments were dropped: source, destination, protocol, IP ID.
using WanDrops = std::set<std::tuple<uint32_t, uint32_t, uint8_t, uint16_t>>;

/**
 * Record a dropped datagram if it carries ESP or AH.
 * @param drops the record
 * @param header its IPv4 header
 */
void
RecordWanDrop(WanDrops* drops, const Ipv4Header& header)
{
    const uint8_t protocol = header.GetProtocol();
    if (protocol == ESP_PROTOCOL_NUMBER || protocol == AH_PROTOCOL_NUMBER)
    {
        drops->emplace(header.GetSource().Get(),
                       header.GetDestination().Get(),
                       protocol,
                       header.GetIdentification());
    }
}

/**
 * A WAN queue disc dropped an item (before enqueue, or after dequeue as CoDel does).
 * @param drops the record
 * @param item the item
 */
void
QueueDiscDrop(WanDrops* drops, Ptr<const QueueDiscItem> item)
{
    if (auto ip = DynamicCast<const Ipv4QueueDiscItem>(item))
    {
        RecordWanDrop(drops, ip->GetHeader());
    }
}

/**
 * A WAN device's transmit queue dropped a packet (PPP header, then IPv4).
 * @param drops the record
 * @param p the packet
 */
void
DeviceQueueDrop(WanDrops* drops, Ptr<const Packet> p)
{
    Ptr<Packet> copy = p->Copy();
    PppHeader ppp;
    Ipv4Header ip;
    if (copy->RemoveHeader(ppp) > 0 && copy->PeekHeader(ip) > 0)
    {
        RecordWanDrop(drops, ip);
    }
}

/**
 * The name PcapHelper gives a device's pcap file.
 * @param prefix the prefix
 * @param device the device
 * @return prefix-node-device.pcap
 */
std::string
PcapName(const std::string& prefix, Ptr<NetDevice> device)
{
    return prefix + "-" + std::to_string(device->GetNode()->GetId()) + "-" +
           std::to_string(device->GetIfIndex()) + ".pcap";
}

/**
 * The Message trace of side A's IKE daemon: one line per message, as strongSwan logs them.
 * @param lines where to add the line
 * @param sent sent or received
 * @param header the IKE header
 * @param payloads the payloads (decrypted)
 */
void
RecordIkeMessage(std::vector<std::string>* lines,
                 bool sent,
                 Ipv4Address peer,
                 const IkeHeader& header,
                 const std::vector<Ikev2Payload>& payloads)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(4) << Simulator::Now().GetSeconds() << " s  "
       << (sent ? "sent to " : "from    ") << peer << "  "
       << DescribeIkev2Message(header, payloads);
    lines->push_back(os.str());
}

/// The Ikev1Message trace: one line per message, as RecordIkeMessage.
void
RecordIkev1Message(std::vector<std::string>* lines,
                   bool sent,
                   Ipv4Address peer,
                   const IkeHeader& header,
                   const std::vector<Ikev1Payload>& payloads,
                   bool request)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(4) << Simulator::Now().GetSeconds() << " s  "
       << (sent ? "sent to " : "from    ") << peer << "  "
       << DescribeIkev1Message(header, payloads, request);
    lines->push_back(os.str());
}

} // namespace

static int
Run(int argc, char* argv[])
{
    std::string mode = "tunnel";
    bool pcap = false;
    double simTime = 10;
    uint32_t tcpBytes = 1000000;
    std::string keying = "manual";
    std::string auth = "psk";
    std::string password = example::IKE_EAP_PASSWORD;
    std::string ikeProposal = "aes128-sha256-modp2048";
    std::string espProposal;
    std::string ikev1Mode = "main";
    double childRekeyTime = 3600;
    double ikeRekeyTime = 14400;

    example::SaOptions opts;
    opts.keyFile = "ipsec-site-to-site.esp_sa";
    CommandLine cmd(__FILE__);
    opts.Add(cmd);
    cmd.AddValue("mode", "tunnel (gateway to gateway) or transport (hostA0 to hostB0)", mode);
    cmd.AddValue("pcap", "write pcaps of every device (prefix ipsec-site-to-site)", pcap);
    cmd.AddValue("simTime", "simulated seconds", simTime);
    cmd.AddValue("tcpBytes", "bytes the TCP bulk transfer sends (0: no limit)", tcpBytes);
    cmd.AddValue(
        "keying",
        "manual (the helper installs the SAs), ikev2 (the gateways, or the hosts in "
        "transport mode, negotiate them with IKEv2; --auth says how they authenticate) "
        "or ikev1 (IKEv1: --ikev1Mode, then quick mode; --auth psk or a certificate scheme)",
        keying);
    cmd.AddValue("ikev1Mode",
                 "with --keying=ikev1: the phase-1 exchange, main or aggressive",
                 ikev1Mode);
    cmd.AddValue(
        "ikeProposal",
        "with --keying=ikev2 or ikev1: IKE SA proposals, strongSwan syntax, comma-separated",
        ikeProposal);
    cmd.AddValue(
        "espProposal",
        "with --keying=ikev2 or ikev1: CHILD SA proposals, comma-separated (default: --proposal, "
        "or --ahProposal for --protocol=ah)",
        espProposal);
    cmd.AddValue(
        "childRekeyTime",
        "with --keying=ikev2 or ikev1: CHILD SA rekey_time in seconds (0: never; short values "
        "make rekeys happen within the run)",
        childRekeyTime);
    cmd.AddValue("auth",
                 std::string("with --keying=ikev2 or ikev1: how the ends authenticate: ") +
                     example::IKE_AUTH_KEYWORDS,
                 auth);
    cmd.AddValue("password", "with --auth=eap-*: the password side A gives", password);
    cmd.AddValue("ikeRekeyTime",
                 "with --keying=ikev2 or ikev1: IKE SA rekey_time in seconds (0: never)",
                 ikeRekeyTime);
    cmd.Parse(argc, argv);
    opts.Check(); // a ConfigError ends the example through RunScript

    if (mode != "tunnel" && mode != "transport")
    {
        std::cerr << "--mode must be tunnel or transport, not '" << mode << "'\n";
        return 2;
    }
    if (keying != "manual" && keying != "ikev2" && keying != "ikev1")
    {
        throw ConfigError("--keying must be manual, ikev2 or ikev1, not '" + keying + "'");
    }
    const Ikev1Mode phase1 = ParseIkev1Mode(ikev1Mode);
    if (keying == "ikev1" && (auth.rfind("eap-", 0) == 0 || auth == "ed25519"))
    {
        throw ConfigError("--keying=ikev1 authenticates with the pre-shared key or RSA/ECDSA "
                          "certificates (--auth=psk, rsa, rsa3072, ecdsa, ecdsa384, ecdsa521); "
                          "EAP and Ed25519 need IKEv2");
    }
    if (keying == "manual" && auth != "psk")
    {
        throw ConfigError("--auth goes with --keying=ikev2 or ikev1");
    }
    if (keying == "ikev2" && opts.protocol == "esp+ah")
    {
        throw ConfigError("--keying=ikev2 negotiates ESP or AH, not both (RFC 7296 has no "
                          "bundles); use --protocol=esp or ah, or --keying=ikev1 for the bundle");
    }
    if (childRekeyTime < 0 || ikeRekeyTime < 0)
    {
        throw ConfigError("--childRekeyTime and --ikeRekeyTime must be 0 (never) or more seconds");
    }
    if (espProposal.empty())
    {
        espProposal =
            (opts.protocol == "ah" ? opts.ahProposal : opts.proposal) + (opts.esn ? "-esn" : "");
    }
    if (simTime < 4)
    {
        std::cerr << "--simTime must be at least 4 s (traffic starts at 1 s)\n";
        return 2;
    }
    // Real checksums, so that Wireshark finds the inner IP, UDP and TCP checksums correct.
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

    // ---- Topology ----
    NodeContainer nodes;
    nodes.Create(7);
    Ptr<Node> hostA0 = nodes.Get(0);
    Ptr<Node> hostA1 = nodes.Get(1);
    Ptr<Node> gwA = nodes.Get(2);
    Ptr<Node> router = nodes.Get(3);
    Ptr<Node> gwB = nodes.Get(4);
    Ptr<Node> hostB0 = nodes.Get(5);
    Ptr<Node> hostB1 = nodes.Get(6);
    const char* names[] = {"hostA0", "hostA1", "gwA", "router", "gwB", "hostB0", "hostB1"};

    // The Internet stack with IPsec's routing shim in front of static and global routing.
    IpsecHelper::InstallInternetStack(nodes);

    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(50)));
    NetDeviceContainer lanA = csma.Install(NodeContainer(gwA, hostA0, hostA1));
    NetDeviceContainer lanB = csma.Install(NodeContainer(gwB, hostB0, hostB1));

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetDeviceAttribute("Mtu", UintegerValue(1500));
    p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    NetDeviceContainer wan1 = p2p.Install(gwA, router);
    NetDeviceContainer wan2 = p2p.Install(router, gwB);

    Ipv4AddressHelper address;
    address.SetBase("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer lanAIf = address.Assign(lanA);
    address.SetBase("10.3.1.0", "255.255.255.0");
    Ipv4InterfaceContainer lanBIf = address.Assign(lanB);
    address.SetBase("10.2.1.0", "255.255.255.0");
    Ipv4InterfaceContainer wan1If = address.Assign(wan1);
    address.SetBase("10.2.2.0", "255.255.255.0");
    Ipv4InterfaceContainer wan2If = address.Assign(wan2);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    const Ipv4Address hostA0Addr = lanAIf.GetAddress(1);
    const Ipv4Address hostA1Addr = lanAIf.GetAddress(2);
    const Ipv4Address hostB0Addr = lanBIf.GetAddress(1);
    const Ipv4Address hostB1Addr = lanBIf.GetAddress(2);
    const Ipv4Address gwAWan = wan1If.GetAddress(0);
    const Ipv4Address gwBWan = wan2If.GetAddress(1);

    // What the WAN's queues drop: the queue disc Ipv4AddressHelper installed on each device
    // (FqCoDel) and the device's own transmit queue.
    WanDrops wanDrops;
    for (NetDeviceContainer wan : {wan1, wan2})
    {
        for (uint32_t i = 0; i < wan.GetN(); i++)
        {
            Ptr<NetDevice> dev = wan.Get(i);
            Ptr<QueueDisc> qdisc =
                dev->GetNode()->GetObject<TrafficControlLayer>()->GetRootQueueDiscOnDevice(dev);
            if (qdisc)
            {
                qdisc->TraceConnectWithoutContext("Drop",
                                                  MakeBoundCallback(&QueueDiscDrop, &wanDrops));
            }
            DynamicCast<PointToPointNetDevice>(dev)->GetQueue()->TraceConnectWithoutContext(
                "Drop",
                MakeBoundCallback(&DeviceQueueDrop, &wanDrops));
        }
    }

    // ---- IPsec: after addressing, on the nodes that terminate the SAs ----
    IpsecHelper ipsec;
    opts.Apply(ipsec);
    int64_t stream = 1;
    stream += ipsec.AssignStreams(stream);
    // IKEv2 (--keying=ikev2): side A starts at 0 s with trap policies in place, so that no
    // packet crosses in the clear; the SAs it negotiates go into the same stacks.
    IkeHelper ike;
    std::vector<std::string> exchanges;    // side A's view of the IKE messages
    const bool ikev2 = keying != "manual"; // negotiated (IKEv2 or IKEv1)
    const bool ikev1 = keying == "ikev1";
    if (ikev2)
    {
        if (ikev1)
        {
            ike.SetIkeVersion(1, phase1);
        }
        ike.SetProposals(ikeProposal);
        const bool bundle = opts.protocol == "esp+ah";
        ike.SetChildProposals(espProposal, bundle ? "esp" : opts.protocol);
        if (bundle)
        {
            // IKEv1 quick mode negotiates the bundle: ESP and AH with one Proposal #.
            ike.SetAhBundle(opts.ahProposal);
        }
        ChildSaDataPlane dataPlane;
        dataPlane.replayWindow = static_cast<uint32_t>(opts.replayWindow);
        ike.SetChildDataPlane(dataPlane);
        ike.SetChildRekeyTime(Seconds(childRekeyTime));
        ike.SetIkeRekeyTime(Seconds(ikeRekeyTime));
        stream += ike.AssignStreams(stream);
        example::SetIkeAuth(ike, auth, password, stream);
    }
    const Ptr<Node> sideA = mode == "tunnel" ? gwA : hostA0;
    if (mode == "tunnel")
    {
        ipsec.Install(NodeContainer(gwA, gwB));
        const AddressRange lanARange = AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24);
        const AddressRange lanBRange = AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24);
        if (ikev2)
        {
            ike.AddTunnel(gwA, gwAWan, lanARange, gwB, gwBWan, lanBRange);
        }
        else
        {
            ipsec.AddTunnel(gwA, gwAWan, lanARange, gwB, gwBWan, lanBRange);
        }
    }
    else
    {
        ipsec.Install(NodeContainer(hostA0, hostB0));
        if (ikev2)
        {
            ike.AddTransport(hostA0, hostA0Addr, hostB0, hostB0Addr);
        }
        else
        {
            ipsec.AddTransport(hostA0, hostA0Addr, hostB0, hostB0Addr);
        }
    }
    if (ikev2)
    {
        ike.GetDaemon(sideA)->TraceConnectWithoutContext(
            "Message",
            MakeBoundCallback(&RecordIkeMessage, &exchanges));
        ike.GetDaemon(sideA)->TraceConnectWithoutContext(
            "Ikev1Message",
            MakeBoundCallback(&RecordIkev1Message, &exchanges));
    }
    InternetStackHelper internet; // its AssignStreams works on the installed stacks
    stream += internet.AssignStreams(nodes, stream);
    stream += csma.AssignStreams(NetDeviceContainer(lanA, lanB), stream);

    // ---- Traffic ----
    const Time stop = Seconds(simTime - 0.5);
    // UDP: 300 datagrams of 1000 bytes and 20 of 3000 bytes, hostA0 -> hostB0.
    UdpServerHelper udpServer(4000);
    UdpServerHelper bigServer(4001);
    ApplicationContainer servers = udpServer.Install(hostB0);
    servers.Add(bigServer.Install(hostB0));
    servers.Start(Seconds(0.5));
    UdpClientHelper udp(hostB0Addr, 4000);
    udp.SetAttribute("MaxPackets", UintegerValue(300));
    udp.SetAttribute("Interval", TimeValue(MilliSeconds(20)));
    udp.SetAttribute("PacketSize", UintegerValue(1000));
    UdpClientHelper big(hostB0Addr, 4001);
    big.SetAttribute("MaxPackets", UintegerValue(20));
    big.SetAttribute("Interval", TimeValue(MilliSeconds(100)));
    big.SetAttribute("PacketSize", UintegerValue(3000));
    ApplicationContainer clients = udp.Install(hostA0);
    clients.Add(big.Install(hostA0));
    clients.Start(Seconds(1));
    // Not at the same instant as the first small datagram: ARP holds only 3 packets while it
    // resolves gwA, and a 3000-byte datagram is already 3 fragments on the 1500-byte LAN.
    clients.Get(1)->SetStartTime(Seconds(1.05));
    clients.Stop(stop);
    RxCount udpRx;
    RxCount bigRx;
    servers.Get(0)->TraceConnectWithoutContext(compat::UDP_SERVER_RX_TRACE,
                                               MakeBoundCallback(&CountRx, &udpRx));
    servers.Get(1)->TraceConnectWithoutContext(compat::UDP_SERVER_RX_TRACE,
                                               MakeBoundCallback(&CountRx, &bigRx));

    // TCP: a bulk transfer hostA1 -> hostB1.
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 50000));
    ApplicationContainer sink = sinkHelper.Install(hostB1);
    sink.Start(Seconds(0.5));
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(hostB1Addr, 50000));
    bulk.SetAttribute("MaxBytes", UintegerValue(tcpBytes));
    ApplicationContainer sender = bulk.Install(hostA1);
    sender.Start(Seconds(1.5));
    sender.Stop(stop);

    // Ping: hostA0 -> hostB0, once a second.
    ApplicationContainer ping = compat::InstallPing(hostA0, hostB0Addr, Seconds(1));
    ping.Start(Seconds(1.2));
    ping.Stop(stop);
    std::vector<Time> rtts;
    compat::ConnectPingRtt(ping.Get(0), MakeBoundCallback(&RecordRtt, &rtts));

    const std::string prefix = "ipsec-site-to-site";
    if (pcap)
    {
        csma.EnablePcapAll(prefix);
        p2p.EnablePcapAll(prefix);
    }

    // ---- Run ----
    std::cout << "ipsec-site-to-site: " << mode << " mode, " << opts.protocol << " (";
    if (ikev2)
    {
        std::cout << (ikev1 ? "IKEv1 " + ikev1Mode + " mode: IKE " : std::string("IKEv2: IKE "))
                  << ikeProposal << ", CHILD " << espProposal
                  << (opts.protocol == "esp+ah" ? " + AH " + opts.ahProposal : std::string());
    }
    else
    {
        std::cout << (opts.protocol == "ah"
                          ? opts.ahProposal
                          : opts.proposal + (opts.protocol == "esp+ah" ? " + AH " + opts.ahProposal
                                                                       : std::string()))
                  << (opts.esn ? ", ESN" : "");
    }
    std::cout << "), replay window " << opts.replayWindow << ", " << simTime << " s\n";
    std::cout << "Nodes:";
    for (uint32_t i = 0; i < nodes.GetN(); i++)
    {
        Ptr<Ipv4> ipv4 = nodes.Get(i)->GetObject<Ipv4>();
        std::cout << (i == 4 ? "\n      " : "") << ' ' << i << '=' << names[i];
        const char* sep = " (";
        for (uint32_t j = 1; j < ipv4->GetNInterfaces(); j++)
        {
            if (nodes.Get(i)->GetObject<IpsecStack>() &&
                j == nodes.Get(i)->GetObject<IpsecStack>()->GetInterface())
            {
                continue; // ipsec0's link-local address
            }
            std::cout << sep << ipv4->GetAddress(j, 0).GetLocal();
            sep = ", ";
        }
        std::cout << ')';
    }
    std::cout << "\n";
    if (mode == "tunnel")
    {
        std::cout << "Tunnel " << gwAWan << " <-> " << gwBWan
                  << " protects 10.1.1.0/24 <-> 10.3.1.0/24: all three flows.\n";
    }
    else
    {
        std::cout << "Transport " << hostA0Addr << " <-> " << hostB0Addr
                  << " protects UDP and ping; the TCP flow " << hostA1Addr << " -> " << hostB1Addr
                  << " crosses the WAN in the clear.\n";
    }

    Simulator::Stop(Seconds(simTime));
    Simulator::Run();

    // ---- Report ----
    auto udpSrv = DynamicCast<UdpServer>(servers.Get(0));
    auto bigSrv = DynamicCast<UdpServer>(servers.Get(1));
    auto tcpSink = DynamicCast<PacketSink>(sink.Get(0));
    std::cout << "\nDelivered traffic\n";
    std::cout << "  UDP  " << hostA0Addr << " -> " << hostB0Addr << ":4000  " << std::setw(4)
              << udpSrv->GetReceived() << "/300 datagrams of 1000 B, " << udpRx.bytes << " bytes\n";
    std::cout << "  UDP  " << hostA0Addr << " -> " << hostB0Addr << ":4001  " << std::setw(4)
              << bigSrv->GetReceived() << "/20 datagrams of 3000 B, " << bigRx.bytes
              << " bytes (fragmented after IPsec)\n";
    std::cout << "  TCP  " << hostA1Addr << " -> " << hostB1Addr << ":50000 "
              << tcpSink->GetTotalRx()
              << (tcpBytes == 0 ? std::string(" bytes (no limit)")
                                : "/" + std::to_string(tcpBytes) + " bytes")
              << "\n";
    Time sum;
    for (const Time& t : rtts)
    {
        sum += t;
    }
    std::cout << "  ping " << hostA0Addr << " -> " << hostB0Addr << "       " << rtts.size()
              << " replies";
    if (!rtts.empty())
    {
        std::cout << ", mean RTT " << std::fixed << std::setprecision(2)
                  << (sum / static_cast<int64_t>(rtts.size())).GetSeconds() * 1000 << " ms"
                  << std::defaultfloat;
    }
    std::cout << "\n\n";
    if (ikev2)
    {
        std::cout << (ikev1 ? "IKEv1" : "IKEv2") << " exchanges, as "
                  << (mode == "tunnel" ? "gwA" : "hostA0") << " saw them\n";
        for (const std::string& line : exchanges)
        {
            std::cout << "  " << line << "\n";
        }
        std::cout << "\n";
    }
    ipsec.PrintSummary(std::cout);
    // An SA's outbound count minus its inbound count: protected packets lost in between
    // (counted on the outermost SA only: AH for esp+ah), over the SAs installed now and those
    // IKE's rekeys removed.
    uint64_t lost = 0;
    const auto count = [&lost, &opts](const SaConfig& c, const SaCounters& k) {
        if (opts.protocol == "esp+ah" && c.protocol == IpsecProtocol::ESP)
        {
            return;
        }
        lost += c.direction == SaDirection::OUTBOUND ? k.packets : -k.packets;
    };
    for (const auto& [node, sa] : ipsec.GetSas())
    {
        count(sa->GetConfig(), sa->GetCounters());
    }
    for (const RemovedSa& r : ipsec.GetRemovedSas())
    {
        count(r.config, r.counters);
    }
    if (lost != 0)
    {
        // The WAN queues are where this topology loses packets: TCP fills them.
        std::cout << "Protected packets lost on the way: " << lost << " (";
        if (wanDrops.size() == lost)
        {
            std::cout << "all dropped by the WAN queues while TCP probes for bandwidth)\n";
        }
        else
        {
            std::cout << wanDrops.size() << " of them dropped by the WAN queues)\n";
        }
    }

    example::WriteXfrmFiles(ipsec, opts.xfrmFile);
    // The IKEv2 table beside the ESP one: X.esp_sa -> X.ikev2_decryption_table.
    std::string ikeKeyFile = opts.keyFile;
    if (ikeKeyFile.size() >= 6 && ikeKeyFile.compare(ikeKeyFile.size() - 6, 6, "esp_sa") == 0)
    {
        ikeKeyFile.resize(ikeKeyFile.size() - 6);
    }
    else
    {
        ikeKeyFile += ".";
    }
    const std::string keyBase = ikeKeyFile;
    ikeKeyFile += ikev1 ? "ikev1_decryption_table" : "ikev2_decryption_table";
    if (example::WantsFile(opts.keyFile))
    {
        ipsec.WriteKeyFile(opts.keyFile, opts.keyFileVersion);
        std::cout << "\nWireshark ESP SA table written to " << opts.keyFile << "\n";
        if (ikev1)
        {
            ike.WriteIkev1KeyFile(ikeKeyFile);
            ike.WriteIkev1KeyLog(keyBase + "ikev1_keys");
            std::cout << "Wireshark IKEv1 decryption table written to " << ikeKeyFile << "\n"
                      << "SKEYID, SKEYID_d/a/e of each ISAKMP SA written to " << keyBase
                      << "ikev1_keys\n";
        }
        else if (ikev2)
        {
            ike.WriteKeyFile(ikeKeyFile);
            std::cout << "Wireshark IKEv2 decryption table written to " << ikeKeyFile << "\n";
        }
        // The router's side of the link to gwA: what an eavesdropper on the WAN sees.
        const std::string wanPcap = PcapName(prefix, wan1.Get(1));
        const std::string ikeOptions = ikev1   ? " " + TsharkIkev1Options(ikeKeyFile)
                                       : ikev2 ? " " + TsharkIkev2Options(ikeKeyFile)
                                               : std::string();
        if (opts.protocol == "ah")
        {
            std::cout << "(AH does not encrypt: Wireshark dissects it without keys)\n";
            if (ikev2)
            {
                std::cout << (pcap ? "Decrypt the IKE messages of the WAN capture with:\n"
                                   : "Run with --pcap=1, then decrypt the IKE messages of the "
                                     "WAN capture with:\n")
                          << "  tshark -r " << wanPcap << ikeOptions << "\n";
            }
        }
        else
        {
            const WiresharkEspSupport support =
                GetWiresharkEspSupport(ipsec.GetEspSaKeys().front().suite, opts.keyFileVersion);
            if (support == WiresharkEspSupport::NONE)
            {
                std::cout << "Wireshark " << opts.wiresharkVersion << " cannot decrypt "
                          << opts.proposal
                          << " (the key file says so in a comment); try aes128gcm16 or "
                             "aes128-sha256"
                          << (opts.keyFileVersion == WiresharkVersion::V4_0
                                  ? ", or --wiresharkVersion=4.2 for chacha20poly1305"
                                  : "")
                          << "\n";
            }
            else
            {
                std::cout << (pcap ? "Decrypt the WAN capture with:\n"
                                   : "Run with --pcap=1, then decrypt the WAN capture with:\n")
                          << "  tshark -r " << wanPcap << ' ' << TsharkEspOptions(opts.keyFile)
                          << ikeOptions << "\n";
                if (support == WiresharkEspSupport::ICV_BAD)
                {
                    std::cout << "(Wireshark 4.0 decrypts but shows the ICV as wrong: its AEAD "
                                 "check leaves out the ESN high bits)\n";
                }
                else if (support == WiresharkEspSupport::ICV_UNCHECKED)
                {
                    std::cout << "(Wireshark 4.0 decrypts but cannot check this ICV)\n";
                }
            }
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
