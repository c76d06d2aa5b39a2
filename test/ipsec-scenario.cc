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

Ptr<NetDevice>
Chain::GwAWan() const
{
    return links[1].Get(0);
}

Ptr<NetDevice>
Chain::GwBWan() const
{
    return links[2].Get(1);
}

Ptr<SecurityAssociation>
Chain::Inbound(Ptr<Node> n, Ptr<SecurityAssociation> outbound)
{
    const SaConfig& c = outbound->GetConfig();
    return Stack(n)->GetSad().FindInbound(c.spi, c.destination, c.protocol);
}

std::shared_ptr<DropLog>
Chain::WatchDrops() const
{
    auto log = std::make_shared<DropLog>();
    for (auto n = nodes.Begin(); n != nodes.End(); ++n)
    {
        log->Watch(*n);
    }
    return log;
}

std::shared_ptr<UdpFlow>
SendUdp(Ptr<Node> from,
        Ptr<Node> to,
        Ipv4Address toAddr,
        uint16_t port,
        uint32_t count,
        uint32_t size,
        Time interval,
        Time start,
        const std::function<void(Ptr<Socket>)>& configure)
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
    if (configure)
    {
        configure(tx);
    }
    tx->Connect(InetSocketAddress(toAddr, port));
    for (uint32_t i = 0; i < count; i++)
    {
        Simulator::Schedule(start + interval * i, [tx, size]() { tx->Send(Create<Packet>(size)); });
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
    const bool connected =
        n->GetObject<IpsecStack>()->TraceConnectWithoutContext("Drop",
                                                               MakeBoundCallback(&CountDrop, this));
    NS_ABORT_MSG_UNLESS(connected, "no Drop trace");
}

uint32_t
DropLog::operator[](DropReason r) const
{
    auto it = count.find(r);
    return it == count.end() ? 0 : it->second;
}

uint32_t
DropLog::Total() const
{
    uint32_t n = 0;
    for (const auto& [reason, count] : count)
    {
        n += count;
    }
    return n;
}

NS_OBJECT_ENSURE_REGISTERED(FrameHook);

TypeId
FrameHook::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ipsec::test::FrameHook")
                            .SetParent<ErrorModel>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<FrameHook>();
    return tid;
}

void
FrameHook::SetHook(Hook hook)
{
    m_hook = std::move(hook);
}

bool
FrameHook::DoCorrupt(Ptr<Packet> p)
{
    return m_hook ? m_hook(p) : false;
}

void
FrameHook::DoReset()
{
}

Ptr<FrameHook>
InstallFrameHook(Ptr<NetDevice> device, FrameHook::Hook hook)
{
    Ptr<FrameHook> model = CreateObject<FrameHook>();
    model->SetHook(std::move(hook));
    device->SetAttribute("ReceiveErrorModel", PointerValue(model));
    return model;
}

bool
ParseFrame(Ptr<const Packet> frame, Ipv4Header& ip)
{
    Ptr<Packet> copy = frame->Copy();
    PppHeader ppp;
    if (copy->GetSize() < ppp.GetSerializedSize() + 20 || copy->RemoveHeader(ppp) == 0 ||
        ppp.GetProtocol() != 0x0021 /* PPP's IPv4 */)
    {
        return false;
    }
    copy->RemoveHeader(ip);
    return true;
}

Ptr<Packet>
FrameDatagram(Ptr<const Packet> frame)
{
    Ptr<Packet> copy = frame->Copy();
    PppHeader ppp;
    copy->RemoveHeader(ppp);
    return copy;
}

void
EditFramePayload(Ptr<Packet> frame, const std::function<void(std::vector<uint8_t>&)>& edit)
{
    PppHeader ppp;
    Ipv4Header ip;
    frame->RemoveHeader(ppp);
    frame->RemoveHeader(ip);
    std::vector<uint8_t> bytes(frame->GetSize());
    frame->CopyData(bytes.data(), bytes.size());
    const size_t size = bytes.size();
    edit(bytes);
    NS_ABORT_MSG_IF(bytes.size() != size, "EditFramePayload: the size changed");
    frame->RemoveAtStart(frame->GetSize());
    frame->AddAtEnd(Create<Packet>(bytes.data(), bytes.size()));
    frame->AddHeader(ip);
    frame->AddHeader(ppp);
}

void
Inject(Ptr<Node> node, Ptr<NetDevice> device, Ptr<const Packet> datagram)
{
    node->GetObject<Ipv4L3Protocol>()->Receive(device,
                                               datagram,
                                               Ipv4L3Protocol::PROT_NUMBER,
                                               device->GetAddress(),
                                               device->GetAddress(),
                                               NetDevice::PACKET_HOST);
}

namespace
{
/**
 * Record one received datagram.
 * @param log the log
 * @param p the datagram
 * @param interface its interface
 */
void
LogRx(RxLog* log, Ptr<const Packet> p, Ptr<Ipv4> /* ipv4 */, uint32_t interface)
{
    Ptr<Packet> copy = p->Copy();
    RxLog::Entry e;
    e.interface = interface;
    copy->RemoveHeader(e.header);
    e.payload.resize(copy->GetSize());
    copy->CopyData(e.payload.data(), e.payload.size());
    e.time = Simulator::Now();
    log->entries.push_back(std::move(e));
}
} // namespace

void
RxLog::Watch(Ptr<Node> n)
{
    const bool connected =
        n->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext("Rx",
                                                                   MakeBoundCallback(&LogRx, this));
    NS_ABORT_MSG_UNLESS(connected, "no Rx trace");
}

uint32_t
RxLog::Count(uint8_t protocol) const
{
    uint32_t n = 0;
    for (const auto& e : entries)
    {
        n += e.header.GetProtocol() == protocol ? 1 : 0;
    }
    return n;
}

std::vector<Ipv4Header>
RxLog::Headers(uint8_t protocol) const
{
    std::vector<Ipv4Header> out;
    for (const auto& e : entries)
    {
        if (e.header.GetProtocol() == protocol)
        {
            out.push_back(e.header);
        }
    }
    return out;
}

void
RunUntil(Time stop)
{
    Simulator::Stop(stop);
    Simulator::Run();
}

} // namespace test
} // namespace ipsec
} // namespace ns3
