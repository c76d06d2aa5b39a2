// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * libFuzzer target: the whole inbound path of a node, from IP to the sockets. Node B has SAs
 * with three peers: an ESP tunnel with A (host to host), ESP transport with C and AH transport
 * with D. Each input is one datagram that B receives on its link from the peer:
 *  - byte 0 = 0: ESP tunnel; the rest is the inner datagram, which the target protects with
 *    A's SA (next sequence number) as a peer holding the keys could;
 *  - byte 0 = 1: ESP transport from C; byte 1 is the next header, the rest the segment;
 *  - byte 0 = 2: AH transport from D; byte 1 is the next header, the rest the segment;
 *  - byte 0 = 3: raw; byte 1 picks protocol 50 or 51 (odd), the rest is the IP payload as
 *    received from A (SPI, sequence number and all: SAD lookup, replay check, ICV).
 * B then runs the simulation until it is idle: re-injection, inbound policy, reassembly,
 * delivery to ICMP, UDP (a socket on port 9) and TCP, and whatever B and its peers answer.
 * Every malformed datagram must end as a drop, never as an assertion, crash or leak.
 */

#include "fuzz-common.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-ah-codec.h"
#include "ns3/ipsec-esp-codec.h"
#include "ns3/ipsec-helper.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::fuzz;

namespace
{

/// The scenario, built anew every INPUTS_PER_WORLD inputs.
struct World
{
    NodeContainer nodes;             ///< A, B, C, D
    Ptr<NetDevice> bDevice[3];       ///< B's devices towards A, C, D
    Ipv4Address peer[3];             ///< A, C, D
    Ipv4Address b[3];                ///< B's address towards A, C, D
    Ptr<SecurityAssociation> out[3]; ///< A's ESP, C's ESP, D's AH SA towards B
    uint64_t seq[3] = {0, 0, 0};     ///< last sequence number used per SA
    std::vector<uint8_t> scratch;    ///< protected bytes
    Ptr<Socket> udp;                 ///< B's UDP socket
    uint64_t received{0};            ///< datagrams the socket got

    World()
    {
        nodes.Create(4);
        IpsecHelper::InstallInternetStack(nodes);
        PointToPointHelper p2p;
        Ipv4AddressHelper addr;
        const char* nets[] = {"10.0.1.0", "10.0.2.0", "10.0.3.0"};
        const uint32_t peers[] = {0, 2, 3};
        for (int i = 0; i < 3; i++)
        {
            NetDeviceContainer d = p2p.Install(nodes.Get(peers[i]), nodes.Get(1));
            addr.SetBase(nets[i], "255.255.255.0");
            Ipv4InterfaceContainer ifs = addr.Assign(d);
            peer[i] = ifs.GetAddress(0);
            b[i] = ifs.GetAddress(1);
            bDevice[i] = d.Get(1);
        }
        IpsecHelper ipsec;
        ipsec.AssignStreams(1);
        ipsec.Install(nodes);
        Ptr<Node> nb = nodes.Get(1);
        out[0] = ipsec
                     .AddTunnel(nodes.Get(0),
                                peer[0],
                                AddressRange::Prefix(peer[0], 32),
                                nb,
                                b[0],
                                AddressRange::Prefix(b[0], 32))
                     .aToB[0];
        out[1] = ipsec.AddTransport(nodes.Get(2), peer[1], nb, b[1]).aToB[0];
        ipsec.SetSaAttribute("Protocol", StringValue("ah"));
        out[2] = ipsec.AddTransport(nodes.Get(3), peer[2], nb, b[2]).aToB[0];
        udp = Socket::CreateSocket(nb, UdpSocketFactory::GetTypeId());
        udp->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
        udp->SetRecvCallback([this](Ptr<Socket> s) {
            while (s->Recv())
            {
                received++;
            }
        });
        // Settle (ARP-free point-to-point, but let any start-up events run).
        Simulator::Run();
    }

    /**
     * B receives a datagram from a peer.
     * @param i the peer
     * @param protocol the IP protocol
     * @param payload the IP payload
     */
    void Receive(int i, uint8_t protocol, const uint8_t* payload, size_t size)
    {
        Ptr<Packet> p = Create<Packet>(payload, size);
        Ipv4Header ip;
        ip.SetSource(peer[i]);
        ip.SetDestination(b[i]);
        ip.SetProtocol(protocol);
        ip.SetTtl(64);
        ip.SetPayloadSize(size);
        p->AddHeader(ip);
        Ptr<Ipv4L3Protocol> l3 = nodes.Get(1)->GetObject<Ipv4L3Protocol>();
        l3->Receive(bDevice[i],
                    p,
                    Ipv4L3Protocol::PROT_NUMBER,
                    bDevice[i]->GetAddress(),
                    bDevice[i]->GetAddress(),
                    NetDevice::PACKET_HOST);
        Simulator::Run();
    }
};

/**
 * Inputs after which the world is built anew. ns-3 keeps state keyed by what datagrams carry
 * (TCP endpoints and reassembly buffers, for one), and a fuzzer's random datagrams would grow
 * it without end. With this and __asan_default_options below, a million inputs stay at 520 MB
 * resident instead of 1,827 MB.
 */
constexpr uint64_t INPUTS_PER_WORLD = 100000;

World&
GetWorld()
{
    static World* world = nullptr;
    static uint64_t inputs = 0;
    if (world && ++inputs % INPUTS_PER_WORLD == 0)
    {
        delete world;
        world = nullptr;
        Simulator::Destroy(); // disposes the nodes, their stacks and SAs
    }
    if (!world)
    {
        world = new World;
    }
    return *world;
}

} // namespace

/**
 * ASan defaults for this target: keep two frames per allocation. Debian's ns-3 is built without
 * frame pointers, so ASan's unwinder records long, distinct stacks for ns-3's many small
 * allocations and its stack depot grows for ever (about 1 GB per million inputs); two frames
 * keep the reports useful and memory flat. ASAN_OPTIONS overrides it.
 * @return the options
 */
extern "C" const char*
__asan_default_options()
{
    return "malloc_context_size=2";
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    World& w = GetWorld();
    Reader in{data, size};
    const uint8_t kind = in.U8() % 4;
    const uint8_t select = kind == 0 ? 4 : in.U8();
    const std::vector<uint8_t> bytes = in.Rest();
    if (bytes.size() > 65000)
    {
        return 0;
    }
    switch (kind)
    {
    case 0:
    case 1: {
        const int i = kind; // A's tunnel, C's transport SA
        if (w.out[i]->GetEspCodec()->Encapsulate(++w.seq[i], select, ByteSpan(bytes), w.scratch) !=
            DropReason::NONE)
        {
            Fail("ESP encapsulation failed");
        }
        w.Receive(i, 50, w.scratch.data(), w.scratch.size());
        break;
    }
    case 2: {
        AhCodec* ah = w.out[2]->GetAhCodec();
        const uint32_t total = 20 + ah->GetHeaderSize() + bytes.size();
        // The IPv4 header as B will see it (mutable fields do not matter).
        uint8_t ip[20] = {0x45,
                          0,
                          static_cast<uint8_t>(total >> 8),
                          static_cast<uint8_t>(total),
                          0,
                          0,
                          0,
                          0,
                          64,
                          51,
                          0,
                          0};
        const uint32_t src = w.peer[2].Get();
        const uint32_t dst = w.b[2].Get();
        for (int k = 0; k < 4; k++)
        {
            ip[12 + k] = static_cast<uint8_t>(src >> (24 - 8 * k));
            ip[16 + k] = static_cast<uint8_t>(dst >> (24 - 8 * k));
        }
        if (ah->Compute(++w.seq[2], select, ByteSpan(ip, 20), ByteSpan(bytes), w.scratch) !=
            DropReason::NONE)
        {
            Fail("AH computation failed");
        }
        w.scratch.insert(w.scratch.end(), bytes.begin(), bytes.end());
        w.Receive(2, 51, w.scratch.data(), w.scratch.size());
        break;
    }
    default:
        w.Receive(0, (select & 1) ? 51 : 50, bytes.data(), bytes.size());
        break;
    }
    return 0;
}
