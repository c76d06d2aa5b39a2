// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipsec-replay-window: what the anti-replay window stops, and what it costs under reordering.
 *
 *   hostA 10.1.1.1 ---- router ---- 10.1.2.2 hostB      (ESP transport mode, UDP hostA -> hostB)
 *
 * Two things happen on the link into hostB:
 *  - reordering: every 10th ESP packet is held back and delivered only after `depth` more ESP
 *    packets have arrived (as QoS queues after encryption, parallel crypto engines or
 *    multipath links do). The held packets are valid; whether hostB accepts them depends on
 *    the window;
 *  - an attacker copies the 5th ESP packet off the wire and injects it twice: at once, and
 *    after all traffic ended.
 * Each pair of (window, depth) is one simulation; the table gives the result of each.
 *
 * What a student learns: the receiver accepts a packet whose sequence number is above the
 * highest accepted so far, or inside the window below it and not yet seen (RFC 4303 §3.4.3).
 * A packet delayed by `depth` packets therefore survives only if depth < window: a window
 * smaller than the reordering on the path drops valid traffic ("replay" drops that are not
 * attacks), while a window of 0 (anti-replay off) keeps every reordered packet and lets every
 * replayed copy through to the application. The window is checked before the ICV and updated
 * only after it verifies. With ESN (--esn=1) a packet left of the window is taken for one of
 * the next 2^32 sequence numbers (RFC 4303 Appendix A2.2), so it fails as icv-failure instead.
 *
 *   ./ipsec-replay-window
 *   ./ipsec-replay-window --replayWindow=32,64 --depth=31,32,33,63,64
 *   ./ipsec-replay-window --proposal=aes128-sha256 --esn=1
 */

#include "ipsec-example-util.h"
#include "ipsec-ns3-app-compat.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/ppp-header.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::example;

namespace
{

/// The settings shared by every run.
struct Settings
{
    std::string proposal{"aes128gcm16"}; ///< ESP proposal
    bool esn{false};                     ///< Extended Sequence Numbers
    uint32_t packets{400};               ///< datagrams hostA sends
    uint32_t holdEvery{10};              ///< hold back every n-th ESP packet
    uint32_t captureAt{5};               ///< the ESP packet the attacker copies
};

/// The outcome of one run.
struct Result
{
    uint32_t held{0};            ///< valid packets held back and delivered late
    uint32_t validDropped{0};    ///< valid packets dropped as replay or ICV failure
    uint32_t validIcv{0};        ///< of those, dropped as ICV failure (ESN: next epoch)
    uint32_t attackerDropped{0}; ///< attacker's copies dropped (replay or ICV failure)
    uint32_t attackerIcv{0};     ///< of those, dropped as ICV failure
    uint32_t otherDrops{0};      ///< any other IPsec drop (expected 0)
    uint32_t delivered{0};       ///< distinct datagrams the application received
    uint32_t duplicates{0};      ///< datagrams the application received more than once
};

/// The IPv4 PPP protocol number (RFC 1332).
constexpr uint16_t PPP_IPV4 = 0x0021;
/// IP protocol number of ESP.
constexpr uint8_t ESP = 50;

/**
 * Hand a datagram (starting at its IP header) to hostB's IP as if its device received it.
 * @param device hostB's device
 * @param packet the datagram
 */
void
Inject(Ptr<NetDevice> device, Ptr<Packet> packet)
{
    device->GetNode()->GetObject<Ipv4L3Protocol>()->Receive(device,
                                                            packet,
                                                            Ipv4L3Protocol::PROT_NUMBER,
                                                            device->GetAddress(),
                                                            device->GetAddress(),
                                                            NetDevice::PACKET_HOST);
}

/**
 * A receive "error model" on hostB's device that reorders ESP packets and lets an attacker
 * copy one. Returning true drops the frame; a held frame is re-injected later by Inject().
 */
class ReorderAndCapture : public ErrorModel
{
  public:
    /**
     * @brief Set it up.
     * @param device the device it sits on
     * @param holdEvery hold back every n-th ESP packet
     * @param depth deliver a held packet after this many more ESP packets arrived
     * @param last hold no packet that could not be released before this ESP packet
     * @param captureAt the ESP packet to copy for the attacker
     * @param capture called with the copy (IP datagram)
     */
    void Configure(Ptr<NetDevice> device,
                   uint32_t holdEvery,
                   uint32_t depth,
                   uint32_t last,
                   uint32_t captureAt,
                   std::function<void(Ptr<const Packet>)> capture)
    {
        m_device = device;
        m_holdEvery = holdEvery;
        m_depth = depth;
        m_last = last;
        m_captureAt = captureAt;
        m_capture = capture;
    }

    /**
     * @brief Packets held back so far.
     * @return the count
     */
    uint32_t GetHeld() const
    {
        return m_heldTotal;
    }

  private:
    bool DoCorrupt(Ptr<Packet> frame) override
    {
        Ptr<Packet> ip = frame->Copy();
        PppHeader ppp;
        ip->RemoveHeader(ppp);
        Ipv4Header header;
        if (ppp.GetProtocol() != PPP_IPV4 || ip->PeekHeader(header) == 0 ||
            header.GetProtocol() != ESP)
        {
            return false;
        }
        m_count++;
        while (!m_held.empty() && m_held.front().first <= m_count)
        {
            // After this packet has been processed: it is then the highest accepted.
            Simulator::ScheduleNow(&Inject, m_device, m_held.front().second);
            m_held.pop_front();
        }
        if (m_count == m_captureAt)
        {
            m_capture(ip);
        }
        if (m_depth > 0 && m_count % m_holdEvery == 0 && m_count + m_depth <= m_last)
        {
            m_held.emplace_back(m_count + m_depth, ip);
            m_heldTotal++;
            return true;
        }
        return false;
    }

    void DoReset() override
    {
    }

    Ptr<NetDevice> m_device;                             ///< hostB's device
    uint32_t m_holdEvery{10};                            ///< hold every n-th
    uint32_t m_depth{0};                                 ///< reorder depth
    uint32_t m_last{0};                                  ///< last ESP packet expected
    uint32_t m_captureAt{0};                             ///< packet to capture
    std::function<void(Ptr<const Packet>)> m_capture;    ///< attacker's hook
    uint32_t m_count{0};                                 ///< ESP packets seen
    uint32_t m_heldTotal{0};                             ///< packets held so far
    std::deque<std::pair<uint32_t, Ptr<Packet>>> m_held; ///< (release at, datagram)
};

/**
 * One simulation.
 * @param s the settings
 * @param window the replay window
 * @param depth the reorder depth
 * @return what happened
 */
Result
RunOnce(const Settings& s, uint32_t window, uint32_t depth)
{
    Result r;
    NodeContainer nodes;
    nodes.Create(3);
    IpsecHelper::InstallInternetStack(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    NetDeviceContainer linkA = p2p.Install(nodes.Get(0), nodes.Get(1));
    NetDeviceContainer linkB = p2p.Install(nodes.Get(1), nodes.Get(2));
    Ipv4AddressHelper address;
    address.SetBase("10.1.1.0", "255.255.255.0");
    const Ipv4Address aAddr = address.Assign(linkA).GetAddress(0);
    address.SetBase("10.1.2.0", "255.255.255.0");
    const Ipv4Address bAddr = address.Assign(linkB).GetAddress(1);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    IpsecHelper ipsec;
    ipsec.SetSaAttribute("EspProposal", StringValue(s.proposal));
    ipsec.SetSaAttribute("Esn", BooleanValue(s.esn));
    ipsec.SetSaAttribute("ReplayWindow", UintegerValue(window));
    ipsec.AssignStreams(1);
    ipsec.Install(NodeContainer(nodes.Get(0), nodes.Get(2)));
    ipsec.AddTransport(nodes.Get(0), aAddr, nodes.Get(2), bAddr);

    // hostB counts drops by reason; the attacker's copies are known by their packet uid.
    auto attackerUids = std::make_shared<std::set<uint64_t>>();
    Ptr<IpsecStack> stackB = nodes.Get(2)->GetObject<IpsecStack>();
    auto onDrop = [&r, attackerUids](const Ipv4Header&,
                                     Ptr<const Packet> p,
                                     DropReason reason,
                                     Ptr<SecurityAssociation>) {
        // With ESN a packet left of the window is taken for one of the next 2^32 (RFC 4303
        // Appendix A2.2): its ICV then fails, instead of a replay drop.
        const bool icv = reason == DropReason::ICV_FAILURE;
        if (reason != DropReason::REPLAY && !icv)
        {
            r.otherDrops++;
        }
        else if (attackerUids->count(p->GetUid()) != 0)
        {
            r.attackerDropped++;
            r.attackerIcv += icv ? 1 : 0;
        }
        else
        {
            r.validDropped++;
            r.validIcv += icv ? 1 : 0;
        }
    };
    stackB->TraceConnectWithoutContext(
        "Drop",
        compat::MakeFunctionCallback<void,
                                     const Ipv4Header&,
                                     Ptr<const Packet>,
                                     DropReason,
                                     Ptr<SecurityAssociation>>(onDrop));

    // The reordering and the attacker, on hostB's receiving device.
    Ptr<NetDevice> devB = linkB.Get(1);
    const Time interval = MilliSeconds(1);
    const Time end = Seconds(1) + interval * s.packets + MilliSeconds(100);
    Ptr<ReorderAndCapture> wire = CreateObject<ReorderAndCapture>();
    wire->Configure(devB,
                    s.holdEvery,
                    depth,
                    s.packets,
                    s.captureAt,
                    [devB, attackerUids, end](Ptr<const Packet> captured) {
                        // A fresh packet with the same bytes: the attacker's own frame.
                        std::vector<uint8_t> bytes(captured->GetSize());
                        captured->CopyData(bytes.data(), bytes.size());
                        for (Time at : {MicroSeconds(500), end - Simulator::Now()})
                        {
                            Ptr<Packet> copy = Create<Packet>(bytes.data(), bytes.size());
                            attackerUids->insert(copy->GetUid());
                            Simulator::Schedule(at, &Inject, devB, copy);
                        }
                    });
    devB->SetAttribute("ReceiveErrorModel", PointerValue(wire));

    // The application: numbered datagrams, counted once each and as duplicates.
    std::vector<uint32_t> seen(s.packets, 0);
    Ptr<Socket> rx = Socket::CreateSocket(nodes.Get(2), UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9000));
    rx->SetRecvCallback(
        compat::MakeFunctionCallback<void, Ptr<Socket>>([&seen](Ptr<Socket> socket) {
            while (Ptr<Packet> p = socket->Recv())
            {
                uint32_t index = 0;
                p->CopyData(reinterpret_cast<uint8_t*>(&index), sizeof(index));
                if (index < seen.size())
                {
                    seen[index]++;
                }
            }
        }));
    Ptr<Socket> tx = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
    tx->Connect(InetSocketAddress(bAddr, 9000));
    for (uint32_t i = 0; i < s.packets; i++)
    {
        compat::Schedule(Seconds(1) + interval * i, [tx, i]() {
            std::vector<uint8_t> payload(200, 0);
            std::memcpy(payload.data(), &i, sizeof(i));
            tx->Send(Create<Packet>(payload.data(), payload.size()));
        });
    }

    Simulator::Stop(end + MilliSeconds(100));
    Simulator::Run();
    for (uint32_t n : seen)
    {
        r.delivered += n > 0 ? 1 : 0;
        r.duplicates += n > 1 ? n - 1 : 0;
    }
    r.held = wire->GetHeld();
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
    std::string windows = "0,16,32,64,128";
    std::string depths = "8,24,48,100";

    CommandLine cmd(__FILE__);
    cmd.AddValue("replayWindow", "replay windows to compare, comma-separated", windows);
    cmd.AddValue("depth",
                 "reorder depths to compare: a held packet arrives after this many later ones",
                 depths);
    cmd.AddValue("holdEvery", "hold back every n-th ESP packet", s.holdEvery);
    cmd.AddValue("packets", "datagrams hostA sends in each run", s.packets);
    cmd.AddValue("proposal", "ESP proposal, strongSwan syntax", s.proposal);
    cmd.AddValue("esn", "use Extended Sequence Numbers", s.esn);
    cmd.Parse(argc, argv);
    // The attributes this example sets from its own options (RunScript reports a refusal).
    example::RefuseOwnedAttributes(
        {{"ns3::ipsec::SaParameters::EspProposal", "from --proposal"},
         {"ns3::ipsec::SaParameters::Esn", "from --esn"},
         {"ns3::ipsec::SaParameters::ReplayWindow", "from --replayWindow"}});

    std::vector<uint32_t> windowList = ParseList(windows, "replayWindow", 0, MAX_REPLAY_WINDOW);
    bool esnNote = false;
    if (s.esn && std::find(windowList.begin(), windowList.end(), 0) != windowList.end())
    {
        // The receiver infers the high 32 bits from its window (RFC 4303 App. A2.2).
        esnNote = true;
        windowList.erase(std::remove(windowList.begin(), windowList.end(), 0), windowList.end());
        if (windowList.empty())
        {
            throw ConfigError("ESN needs a replay window of at least 1");
        }
    }
    const std::vector<uint32_t> depthList = ParseList(depths, "depth", 0, MAX_REPLAY_WINDOW);
    if (s.holdEvery < 2 || s.packets <= s.captureAt)
    {
        // With 1, every packet would be held back: none would arrive after later ones.
        throw ConfigError("--holdEvery must be at least 2 (a held packet arrives after later "
                          "ones) and --packets more than " +
                          std::to_string(s.captureAt));
    }
    std::cout << "ipsec-replay-window: " << s.packets << " UDP datagrams hostA -> hostB, ESP "
              << s.proposal << (s.esn ? " with ESN" : "") << ", transport mode\n"
              << "One ESP packet in " << s.holdEvery << " is held back and arrives after "
              << "`depth` later ones; an attacker replays ESP packet #" << s.captureAt
              << " twice.\n"
              << (esnNote ? "(window 0 left out: ESN needs an anti-replay window)\n" : "") << "\n";

    std::vector<std::vector<Result>> results;
    for (uint32_t w : windowList)
    {
        results.emplace_back();
        for (uint32_t d : depthList)
        {
            results.back().push_back(RunOnce(s, w, d));
        }
    }

    std::cout << "Valid packets dropped / packets held back, per reorder depth\n"
              << "  window |";
    for (uint32_t d : depthList)
    {
        std::cout << std::setw(11) << ("depth " + std::to_string(d));
    }
    std::cout << " | attacker's 2 replays\n  -------+" << std::string(11 * depthList.size(), '-')
              << "-+---------------------\n";
    bool clean = true;
    bool anyIcv = false;
    for (size_t i = 0; i < windowList.size(); i++)
    {
        std::cout << "  " << std::setw(6) << windowList[i] << " |";
        for (const Result& r : results[i])
        {
            std::cout << std::setw(11)
                      << (std::to_string(r.validDropped) + (r.validIcv != 0 ? "*" : "") + "/" +
                          std::to_string(r.held));
            anyIcv = anyIcv || r.validIcv != 0 || r.attackerIcv != 0;
            clean = clean && r.otherDrops == 0 && r.delivered + r.validDropped == s.packets &&
                    r.duplicates + r.attackerDropped == 2;
        }
        const Result& r = results[i].front();
        std::cout << " | ";
        if (r.attackerDropped == 2 && r.attackerIcv == 0)
        {
            std::cout << "both dropped (replay)\n";
        }
        else if (r.attackerDropped == 2)
        {
            std::cout << "both dropped (" << 2 - r.attackerIcv << " replay, " << r.attackerIcv
                      << " icv-failure*)\n";
        }
        else
        {
            std::cout << r.attackerDropped << " dropped, " << r.duplicates
                      << " duplicates delivered\n";
        }
    }
    std::cout << "\nA packet that arrives `depth` packets late survives only if depth < "
                 "window\n(RFC 4303 §3.4.3).";
    if (std::find(windowList.begin(), windowList.end(), 0) != windowList.end())
    {
        std::cout << " Window 0 turns anti-replay off: no valid packet is lost,\nbut the "
                     "application receives the attacker's copies.";
    }
    std::cout << "\n";
    if (anyIcv)
    {
        std::cout << "* with ESN only the low 32 bits are sent: a packet left of the window "
                     "is taken\n  for one of the next 2^32 (RFC 4303 Appendix A2.2), so "
                     "its ICV fails\n  (icv-failure) instead of a replay drop.\n";
    }
    if (!clean)
    {
        std::cout << "(unexpected: some run had other drops or lost packets)\n";
        return 1;
    }
    return 0;
}

int
main(int argc, char* argv[])
{
    return RunScript([&]() { return Run(argc, argv); });
}
