// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-scenario.h"

namespace ns3
{
namespace ipsec
{
namespace test
{

Chain::Chain(uint16_t mtu)
{
    nodes.Create(5);
    hostA = nodes.Get(0);
    gwA = nodes.Get(1);
    router = nodes.Get(2);
    gwB = nodes.Get(3);
    hostB = nodes.Get(4);
    IpsecHelper::InstallInternetStack(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetDeviceAttribute("Mtu", UintegerValue(mtu));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    Ipv4AddressHelper addr;
    const char* nets[] = {"10.1.1.0", "10.2.1.0", "10.2.2.0", "10.3.1.0"};
    std::vector<Ipv4InterfaceContainer> ifs;
    for (uint32_t i = 0; i < 4; i++)
    {
        NetDeviceContainer d = p2p.Install(nodes.Get(i), nodes.Get(i + 1));
        links.push_back(d);
        devices.Add(d);
        addr.SetBase(nets[i], "255.255.255.0");
        ifs.push_back(addr.Assign(d));
    }
    hostAAddr = ifs[0].GetAddress(0);
    gwALan = ifs[0].GetAddress(1);
    gwAWan = ifs[1].GetAddress(0);
    gwBWan = ifs[2].GetAddress(1);
    gwBLan = ifs[3].GetAddress(0);
    hostBAddr = ifs[3].GetAddress(1);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    ipsec.AssignStreams(100);
    ipsec.Install(nodes);
}

Chain::~Chain()
{
    Simulator::Destroy();
}

Ptr<IpsecStack>
Chain::Stack(Ptr<Node> n)
{
    return n->GetObject<IpsecStack>();
}

IpsecConnection
Chain::Tunnel()
{
    return ipsec.AddTunnel(gwA,
                           gwAWan,
                           AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                           gwB,
                           gwBWan,
                           AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24));
}

IpsecConnection
Chain::Transport(uint8_t protocol)
{
    return ipsec.AddTransport(hostA, hostAAddr, hostB, hostBAddr, protocol);
}

std::shared_ptr<UdpFlow>
SendUdp(Ptr<Node> from,
        Ptr<Node> to,
        Ipv4Address toAddr,
        uint16_t port,
        uint32_t count,
        uint32_t size,
        Time interval)
{
    auto flow = std::make_shared<UdpFlow>();
    Ptr<Socket> rx = Socket::CreateSocket(to, UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    rx->SetRecvCallback([flow](Ptr<Socket> s) {
        Ptr<Packet> p;
        while ((p = s->Recv()))
        {
            flow->received++;
            flow->bytes += p->GetSize();
            flow->sizes.push_back(p->GetSize());
        }
    });
    Ptr<Socket> tx = Socket::CreateSocket(from, UdpSocketFactory::GetTypeId());
    tx->Connect(InetSocketAddress(toAddr, port));
    for (uint32_t i = 0; i < count; i++)
    {
        Simulator::Schedule(Seconds(1) + interval * i,
                            [tx, size]() { tx->Send(Create<Packet>(size)); });
    }
    return flow;
}

namespace
{
/**
 * Count one drop.
 * @param log the log
 * @param reason the reason
 */
void
CountDrop(DropLog* log,
          const Ipv4Header& /* header */,
          Ptr<const Packet> /* p */,
          DropReason reason,
          Ptr<SecurityAssociation> /* sa */)
{
    log->count[reason]++;
}
} // namespace

void
DropLog::Watch(Ptr<Node> n)
{
    n->GetObject<IpsecStack>()->TraceConnectWithoutContext("Drop",
                                                           MakeBoundCallback(&CountDrop, this));
}

uint32_t
DropLog::operator[](DropReason r) const
{
    auto it = count.find(r);
    return it == count.end() ? 0 : it->second;
}

} // namespace test
} // namespace ipsec
} // namespace ns3
