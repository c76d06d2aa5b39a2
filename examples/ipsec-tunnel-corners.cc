// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipsec-tunnel-corners: what RFC 4301 asks of a VPN gateway beyond the common case.
 *
 *   hostA 10.1.1.1 -- gwA 10.1.1.2 | 10.2.1.1 -- router -- 10.2.2.2 | gwB 10.3.1.1 --
 * hostB 10.3.1.2 ESP tunnel gwA <-> gwB (aes128gcm16)
 *
 * Four scenarios (--scenario=all runs each in its own simulation):
 *  - traceroute (RFC 4301 §6.2): UDP probes with TTL 1, 2, 3 from hostA to hostB. The probe
 *    with TTL 2 expires at gwB, inside the tunnel; gwB's Time Exceeded comes from its WAN
 *    address and quotes the inner header. With --icmpErrors=quoted (the RFC, the default) it
 *    goes back through the tunnel; with plain (Linux without the policy flag 'icmp') it crosses
 *    the WAN in clear, inner addresses and ports readable by anyone on the path.
 *  - pmtu (RFC 4301 §8): tracepath. hostA sends datagrams with DF; the first does not fit the
 *    WAN after ESP's overhead, gwA refuses it and says which size fits; the second, of that
 *    size, fills the WAN MTU exactly. Without DF the tunnel packet is fragmented instead.
 *    --wanMtu lowers the MTU of gwA's WAN link.
 *  - fragments (RFC 4301 §7): the tunnel protects UDP to port 5000 only; hostA sends
 *    3000-byte datagrams (three fragments on its link) to ports 5000 and 6000. gwA reassembles
 *    to read their ports: every byte of the port-5000 datagrams crosses the WAN inside ESP.
 *  - default (RFC 4301 §4.4.1): the router sends UDP to hostB, which no policy covers.
 *    --defaultPolicy=bypass (Linux's default) lets gwB forward it, discard (the RFC's rule,
 *    `ip xfrm policy setdefault fwd block`) drops it as no-policy.
 *
 *   ./ipsec-tunnel-corners
 *   ./ipsec-tunnel-corners --scenario=traceroute --icmpErrors=plain
 *   ./ipsec-tunnel-corners --scenario=pmtu --wanMtu=1400
 *   ./ipsec-tunnel-corners --scenario=default --defaultPolicy=discard
 */

#include "ipsec-ns3-app-compat.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <iostream>
#include <map>
#include <vector>

using namespace ns3;
using namespace ns3::ipsec;

namespace
{

constexpr uint8_t ICMP = 1;
constexpr uint8_t UDP = 17;

/// The five nodes and their addresses.
struct Net
{
    Ptr<Node> hostA, gwA, router, gwB, hostB; ///< the nodes
    Ipv4Address hostAAddr, gwALan, gwAWan, routerA, routerB, gwBWan, gwBLan, hostBAddr; ///< addrs
    IpsecHelper ipsec; ///< the helper
};

/// Build the chain; wanMtu is the MTU of the gwA - router link.
void
Build(Net& n, uint16_t wanMtu)
{
    NodeContainer nodes;
    nodes.Create(5);
    n.hostA = nodes.Get(0);
    n.gwA = nodes.Get(1);
    n.router = nodes.Get(2);
    n.gwB = nodes.Get(3);
    n.hostB = nodes.Get(4);
    IpsecHelper::InstallInternetStack(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    Ipv4AddressHelper addr;
    const char* nets[] = {"10.1.1.0", "10.2.1.0", "10.2.2.0", "10.3.1.0"};
    std::vector<Ipv4InterfaceContainer> ifs;
    for (uint32_t i = 0; i < 4; i++)
    {
        p2p.SetDeviceAttribute("Mtu", UintegerValue(i == 1 ? wanMtu : 1500));
        NetDeviceContainer d = p2p.Install(nodes.Get(i), nodes.Get(i + 1));
        addr.SetBase(nets[i], "255.255.255.0");
        ifs.push_back(addr.Assign(d));
    }
    n.hostAAddr = ifs[0].GetAddress(0);
    n.gwALan = ifs[0].GetAddress(1);
    n.gwAWan = ifs[1].GetAddress(0);
    n.routerA = ifs[1].GetAddress(1);
    n.routerB = ifs[2].GetAddress(0);
    n.gwBWan = ifs[2].GetAddress(1);
    n.gwBLan = ifs[3].GetAddress(0);
    n.hostBAddr = ifs[3].GetAddress(1);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    n.ipsec.AssignStreams(1);
    n.ipsec.Install(nodes);
}

/// The tunnel between the LANs, for all traffic or for one protocol and remote port.
IpsecConnection
Tunnel(Net& n, uint8_t protocol = 0, uint16_t port = 0)
{
    TrafficSelector ts;
    ts.local = AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24);
    ts.remote = AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24);
    ts.protocol = protocol;
    if (port != 0)
    {
        ts.remotePorts = PortRange::Single(port);
    }
    return n.ipsec.AddTunnel(n.gwA, n.gwAWan, n.gwB, n.gwBWan, ts);
}

/// One received IP datagram.
struct Seen
{
    Ipv4Header header;            ///< its header
    std::vector<uint8_t> payload; ///< its payload
};

/// Record every datagram a node's IP receives (fragments one by one).
void
Watch(Ptr<Node> node, std::vector<Seen>* log)
{
    node->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Rx",
        MakeBoundCallback(
            +[](std::vector<Seen>* l, Ptr<const Packet> p, Ptr<Ipv4>, uint32_t) {
                Ptr<Packet> c = p->Copy();
                Seen s;
                c->RemoveHeader(s.header);
                s.payload.resize(c->GetSize());
                c->CopyData(s.payload.data(), s.payload.size());
                l->push_back(std::move(s));
            },
            log));
}

/// Count the UDP datagrams a node receives on a port.
std::shared_ptr<uint32_t>
Listen(Ptr<Node> node, uint16_t port)
{
    auto count = std::make_shared<uint32_t>(0);
    Ptr<Socket> rx = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    rx->SetRecvCallback(compat::MakeFunctionCallback<void, Ptr<Socket>>([count](Ptr<Socket> s) {
        while (s->Recv())
        {
            (*count)++;
        }
    }));
    return count;
}

std::string
Text(Ipv4Address a)
{
    std::ostringstream os;
    a.Print(os);
    return os.str();
}

// ---- traceroute -------------------------------------------------------------------------

void
Traceroute(const std::string& icmpErrors)
{
    Net n;
    Build(n, 1500);
    for (Ptr<Node> gw : {n.gwA, n.gwB})
    {
        gw->GetObject<IpsecStack>()->SetAttribute("IcmpErrors", StringValue(icmpErrors));
    }
    IpsecConnection conn = Tunnel(n);
    std::vector<Seen> atHostA;
    std::vector<Seen> onWan;
    Watch(n.hostA, &atHostA);
    Watch(n.router, &onWan);
    const uint32_t hops = 3;
    for (uint32_t ttl = 1; ttl <= hops; ttl++)
    {
        Ptr<Socket> probe = Socket::CreateSocket(n.hostA, UdpSocketFactory::GetTypeId());
        probe->SetAttribute("IpTtl", UintegerValue(ttl));
        probe->Connect(InetSocketAddress(n.hostBAddr, 33433 + ttl));
        compat::Schedule(Seconds(ttl), [probe]() { probe->Send(Create<Packet>(32)); });
    }
    Simulator::Stop(Seconds(hops + 1));
    Simulator::Run();

    std::cout << "traceroute " << Text(n.hostBAddr) << " from hostA, IcmpErrors=" << icmpErrors
              << "\n";
    std::map<uint32_t, const Seen*> answers; // by the quoted destination port
    for (const Seen& s : atHostA)
    {
        const auto& b = s.payload;
        if (s.header.GetProtocol() == ICMP && b.size() >= 32 && (b[0] == 3 || b[0] == 11))
        {
            answers[(b[30] << 8) | b[31]] = &s;
        }
    }
    for (uint32_t ttl = 1; ttl <= hops; ttl++)
    {
        auto it = answers.find(33433 + ttl);
        std::cout << "  " << ttl << "  ";
        if (it == answers.end())
        {
            std::cout << "*  (no answer)\n";
            continue;
        }
        const Seen& s = *it->second;
        std::cout << Text(s.header.GetSource()) << "  "
                  << (s.payload[0] == 11 ? "time exceeded" : "port unreachable") << "\n";
    }
    uint32_t plainErrors = 0;
    for (const Seen& s : onWan)
    {
        plainErrors += s.header.GetProtocol() == ICMP ? 1 : 0;
    }
    std::cout << "  ICMP errors seen in plaintext on the WAN: " << plainErrors << "\n"
              << "  packets gwB's SA carried back to gwA: " << conn.bToA[0]->GetCounters().packets
              << "\n";
    Simulator::Destroy();
}

// ---- pmtu --------------------------------------------------------------------------------

/// Send one UDP datagram of `total` IP bytes from hostA to hostB with DF or without, through
/// a raw socket that writes its own IP header (ns-3's UDP never sets DF).
void
SendRaw(Net* net, Ptr<Socket> raw, uint32_t total, bool df, uint16_t port)
{
    Net& n = *net;
    Ptr<Packet> p = Create<Packet>(total - 28);
    UdpHeader udp;
    udp.SetSourcePort(4000);
    udp.SetDestinationPort(port);
    p->AddHeader(udp);
    Ipv4Header ip;
    ip.SetSource(n.hostAAddr);
    ip.SetDestination(n.hostBAddr);
    ip.SetProtocol(UDP);
    ip.SetTtl(64);
    ip.SetIdentification(port);
    ip.SetPayloadSize(p->GetSize());
    if (df)
    {
        ip.SetDontFragment();
    }
    p->AddHeader(ip);
    raw->SendTo(p, 0, InetSocketAddress(n.hostBAddr, port));
}

void
Tracepath(uint16_t wanMtu)
{
    Net n;
    Build(n, wanMtu);
    Tunnel(n);
    std::vector<Seen> atHostA;
    std::vector<Seen> onWan;
    Watch(n.hostA, &atHostA);
    Watch(n.router, &onWan);
    Ptr<Socket> raw = Socket::CreateSocket(n.hostA, Ipv4RawSocketFactory::GetTypeId());
    raw->SetAttribute("Protocol", UintegerValue(UDP));
    raw->SetAttribute("IpHeaderInclude", BooleanValue(true));
    std::cout << "tracepath " << Text(n.hostBAddr) << " from hostA, LAN MTU 1500, WAN MTU "
              << wanMtu << ", tunnel aes128gcm16\n";
    // Probe 1: 1500 bytes with DF; probe 2: with DF, the size the first answer allows;
    // probe 3: 1500 bytes without DF.
    uint32_t size = 1500;
    for (uint16_t probe = 0; probe < 3; probe++)
    {
        const uint16_t port = 5000 + probe;
        const bool df = probe < 2;
        size = df ? size : 1500;
        auto received = Listen(n.hostB, port);
        const size_t icmpBefore = atHostA.size();
        const size_t wanBefore = onWan.size();
        Simulator::Schedule(MilliSeconds(100), &SendRaw, &n, raw, size, df, port);
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        std::cout << "  " << size << " bytes" << (df ? " with DF:    " : " without DF: ");
        for (size_t i = icmpBefore; i < atHostA.size(); i++)
        {
            const auto& b = atHostA[i].payload;
            if (atHostA[i].header.GetProtocol() == ICMP && b.size() >= 8 && b[0] == 3 && b[1] == 4)
            {
                size = static_cast<uint16_t>(b[6] << 8 | b[7]);
                std::cout << "refused by " << Text(atHostA[i].header.GetSource())
                          << ", fragmentation needed, MTU " << size << "\n";
            }
        }
        if (*received != 0)
        {
            uint32_t packets = 0;
            uint32_t largest = 0;
            for (size_t i = wanBefore; i < onWan.size(); i++)
            {
                packets++;
                largest = std::max(largest, onWan[i].header.GetPayloadSize() + 20u);
            }
            std::cout << "delivered; on the WAN " << packets
                      << (packets > 1 ? " ESP fragments" : " ESP packet") << ", largest " << largest
                      << " bytes\n";
        }
    }
    Simulator::Destroy();
}

// ---- fragments ---------------------------------------------------------------------------

void
Fragments()
{
    Net n;
    Build(n, 1500);
    IpsecConnection conn = Tunnel(n, UDP, 5000);
    std::vector<Seen> onWan;
    Watch(n.router, &onWan);
    std::map<uint16_t, std::shared_ptr<uint32_t>> received;
    for (uint16_t port : {5000, 6000})
    {
        received[port] = Listen(n.hostB, port);
        Ptr<Socket> tx = Socket::CreateSocket(n.hostA, UdpSocketFactory::GetTypeId());
        tx->Connect(InetSocketAddress(n.hostBAddr, port));
        for (uint32_t i = 0; i < 4; i++)
        {
            compat::Schedule(Seconds(1) + MilliSeconds(10 * i + port / 1000),
                             [tx]() { tx->Send(Create<Packet>(3000)); });
        }
    }
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    uint32_t plainBytes = 0;
    uint32_t esp = 0;
    for (const Seen& s : onWan)
    {
        plainBytes += s.header.GetProtocol() == UDP ? s.payload.size() : 0;
        esp += s.header.GetProtocol() == 50 ? 1 : 0;
    }
    std::cout << "fragments: 3000-byte UDP datagrams, a tunnel for UDP port 5000 only\n"
              << "  port 5000: " << *received[5000] << "/4 datagrams delivered whole, "
              << conn.aToB[0]->GetCounters().packets << " protected by gwA (one each)\n"
              << "  port 6000: " << *received[6000] << "/4 delivered, not protected\n"
              << "  on the WAN: " << plainBytes << " plaintext UDP bytes (port 6000's 4 x 3008), "
              << esp << " ESP fragments\n";
    Simulator::Destroy();
}

// ---- default -----------------------------------------------------------------------------

void
DefaultPolicyScenario(const std::string& action)
{
    Net n;
    Build(n, 1500);
    n.gwB->GetObject<IpsecStack>()->SetAttribute("DefaultFwdPolicy", StringValue(action));
    Tunnel(n);
    auto tunnelled = Listen(n.hostB, 7000);
    auto plain = Listen(n.hostB, 7001);
    Ptr<Socket> a = Socket::CreateSocket(n.hostA, UdpSocketFactory::GetTypeId());
    a->Connect(InetSocketAddress(n.hostBAddr, 7000));
    Ptr<Socket> r = Socket::CreateSocket(n.router, UdpSocketFactory::GetTypeId());
    r->Connect(InetSocketAddress(n.hostBAddr, 7001));
    for (uint32_t i = 0; i < 3; i++)
    {
        compat::Schedule(Seconds(1) + MilliSeconds(10 * i), [a, r]() {
            a->Send(Create<Packet>(100));
            r->Send(Create<Packet>(100));
        });
    }
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    std::cout << "default: gwB's DefaultFwdPolicy=" << action << "\n"
              << "  hostA -> hostB through the tunnel: " << *tunnelled << "/3 delivered\n"
              << "  router -> hostB, no policy:        " << *plain << "/3 delivered, "
              << n.gwB->GetObject<IpsecStack>()->GetDropCount(DropReason::NO_POLICY)
              << " dropped by gwB as no-policy\n";
    Simulator::Destroy();
}

} // namespace

static int
Run(int argc, char* argv[])
{
    std::string scenario = "all";
    std::string icmpErrors = "quoted";
    std::string defaultPolicy = "discard";
    uint16_t wanMtu = 1500;
    CommandLine cmd(__FILE__);
    cmd.AddValue("scenario", "traceroute, pmtu, fragments, default or all", scenario);
    cmd.AddValue("icmpErrors", "IcmpErrors of both gateways: quoted or plain", icmpErrors);
    cmd.AddValue("wanMtu", "MTU of gwA's WAN link (pmtu)", wanMtu);
    cmd.AddValue("defaultPolicy", "gwB's DefaultFwdPolicy: bypass or discard", defaultPolicy);
    cmd.Parse(argc, argv);
    const bool all = scenario == "all";
    if (!all && scenario != "traceroute" && scenario != "pmtu" && scenario != "fragments" &&
        scenario != "default")
    {
        std::cerr << "unknown --scenario '" << scenario
                  << "': use traceroute, pmtu, fragments, default or all\n";
        return 1;
    }
    if (wanMtu < 576)
    {
        std::cerr << "--wanMtu must be at least 576 (this example's probes assume it)\n";
        return 1;
    }
    if (all || scenario == "traceroute")
    {
        Traceroute(icmpErrors);
    }
    if (all || scenario == "pmtu")
    {
        Tracepath(wanMtu);
    }
    if (all || scenario == "fragments")
    {
        Fragments();
    }
    if (all || scenario == "default")
    {
        DefaultPolicyScenario(defaultPolicy);
    }
    return 0;
}

int
main(int argc, char* argv[])
{
    return RunScript([&]() { return Run(argc, argv); });
}
