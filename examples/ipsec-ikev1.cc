// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipsec-ikev1: IKEv1's two phases, and its two phase-1 modes side by side.
 *
 *   hostA 10.1.1.1 -- gwA ==== router ==== gwB -- hostB 10.3.1.2
 *                  10.2.1.1  (eavesdropper)  10.2.2.2
 *                        (10 Mbps, 5 ms links)
 *
 * For each mode of --modes (main, aggressive), a fresh simulation: gwA starts the tunnel
 * 10.1.1.0/24 <-> 10.3.1.0/24 at 0 s with a pre-shared key (--psk). Phase 1 builds the ISAKMP
 * SA: main mode in six messages, the identities and the authenticating HASHes encrypted in the
 * last two; aggressive mode in three, everything but the last HASH in the clear. Phase 2, quick
 * mode (three messages, encrypted under the ISAKMP SA), builds the IPsec SAs; with a group in
 * --espProposal (aes128-sha1-modp2048) it carries a Diffie-Hellman exchange of its own (PFS).
 * hostA then sends a datagram to hostB every 100 ms through the tunnel.
 *
 * The run prints each mode's message sequence chart (and draws it as ipsec-ikev1-<mode>.svg),
 * then compares the modes: messages and round trips of phase 1, when the ISAKMP SA and the
 * IPsec SAs came up (with --engine=1 the crypto engines charge Diffie-Hellman and the PRFs
 * their measured time), and what the router, a passive eavesdropper, learnt: the identities it
 * read in the clear, and whether it could test guesses of the pre-shared key offline. In
 * aggressive mode it can: messages 1 and 2 hold everything HASH_R covers, so it tries each word
 * of a small dictionary (--dictionary, a file with one word per line; a built-in list of common
 * passwords by default), as ike-scan's psk-crack does, and finds a weak key; in main mode the
 * HASHes travel encrypted with keys from g^xy, which it cannot compute, so it has nothing to
 * test a guess against. --pskCrackFile writes what it captured as a psk-crack input line (for
 * `psk-crack -d words FILE`; psk-crack knows MD5 and SHA-1 hashes, hence the sha1 default).
 *
 *   ./ipsec-ikev1
 *   ./ipsec-ikev1 --psk='x7#Qv!9zR2p$Lk0w'          a strong key: the dictionary fails
 *   ./ipsec-ikev1 --espProposal=aes128-sha1-modp2048 --engine=1
 *   ./ipsec-ikev1 --modes=aggressive --pskCrackFile=agg.psk && psk-crack -d words agg.psk
 *   ./ipsec-ikev1 --pcap=1 --keyFile=ikev1.esp_sa
 *
 * With --pcap=1 and --keyFile=X.esp_sa, each mode's run writes the ESP table (X-<mode>.esp_sa),
 * Wireshark's IKEv1 table (X-<mode>.ikev1_decryption_table) and the ikev1_keys file; the
 * printed tshark command decrypts every IKE and ESP packet of the WAN capture.
 */

#include "ipsec-example-chain.h"
#include "ipsec-example-chart.h"
#include "ipsec-example-util.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsec;

namespace
{

/// Common passwords, the kind of list an attacker starts with.
const std::vector<std::string> kDictionary = {
    "123456", "password", "12345678", "qwerty", "123456789", "12345",      "1234",
    "111111", "1234567",  "dragon",   "123123", "baseball",  "abc123",     "football",
    "monkey", "letmein",  "shadow",   "master", "666666",    "qwertyuiop", "vpn",
    "ipsec",  "secret",   "cisco",    "admin",  "welcome",   "changeme",   "sunshine",
};

/// What one mode's run records.
struct Run
{
    std::string mode;                         ///< "main" or "aggressive"
    std::vector<example::ChartMessage> chart; ///< the messages, in order of sending
    std::map<std::string, size_t> pending;    ///< sent messages not yet received, by key
    uint32_t phase1Messages{0};               ///< phase-1 messages (first sends)
    uint32_t quickMessages{0};                ///< quick-mode messages (first sends)
    double isakmpUp{-1};                      ///< when gwA's ISAKMP SA came up (s)
    double childUp{-1};                       ///< when gwA installed the IPsec SAs (s)
    std::vector<std::vector<uint8_t>> wire;   ///< IKE datagrams the eavesdropper saw
    std::vector<std::string> identities;      ///< identities it read in the clear
    std::string attack;                       ///< what its dictionary attack gave
    uint32_t sent{0};                         ///< datagrams hostA sent
    uint32_t received{0};                     ///< ... hostB received
    std::string keyNote;                      ///< where the key files went, how to decrypt
};

/// Key of a message for matching its receipt with its sending (IKEv1 has no response flag).
std::string
MessageKey(const IkeHeader& h, bool fromA, bool request, const std::string& text)
{
    std::ostringstream os;
    os << fromA << ' ' << std::hex << h.initiatorSpi << ' ' << int(h.exchangeType) << ' '
       << h.messageId << ' ' << request << ' ' << text;
    return os.str();
}

void
OnMessage(Run* r,
          bool atA,
          bool sent,
          Ipv4Address,
          const IkeHeader& h,
          const std::vector<Ikev1Payload>& payloads,
          bool request)
{
    const bool fromA = sent ? atA : !atA;
    const std::string text = DescribeIkev1Message(h, payloads, request);
    const std::string key = MessageKey(h, fromA, request, text);
    if (sent)
    {
        example::ChartMessage m;
        m.sent = Simulator::Now().GetSeconds();
        m.fromA = fromA;
        m.text = text;
        r->pending[key] = r->chart.size();
        r->chart.push_back(m);
        const bool phase1 =
            h.exchangeType == ikev1::IDENTITY_PROTECTION || h.exchangeType == ikev1::AGGRESSIVE;
        (phase1 ? r->phase1Messages : r->quickMessages) +=
            phase1 || h.exchangeType == ikev1::QUICK_MODE ? 1 : 0;
        return;
    }
    auto it = r->pending.find(key);
    if (it != r->pending.end())
    {
        r->chart[it->second].received = Simulator::Now().GetSeconds();
        r->pending.erase(it);
    }
}

void
OnState(Run* r, bool atA, const std::string&, uint64_t, uint64_t, Ikev2SaState state)
{
    if (atA && state == Ikev2SaState::ESTABLISHED && r->isakmpUp < 0)
    {
        r->isakmpUp = Simulator::Now().GetSeconds();
    }
}

void
OnChild(Run* r, const std::string&, const Ikev2ChildSa&, const InstalledChildSa&)
{
    r->childUp = r->childUp < 0 ? Simulator::Now().GetSeconds() : r->childUp;
}

/// The eavesdropper on the router: every IKE datagram it forwards (UDP port 500).
void
OnRouterRx(Run* r, Ptr<const Packet> packet)
{
    Ptr<Packet> p = packet->Copy();
    PppHeader ppp; // MacRx gives the frame as it arrived
    Ipv4Header ip;
    if (p->RemoveHeader(ppp) == 0 || ppp.GetProtocol() != 0x0021 || p->RemoveHeader(ip) == 0 ||
        ip.GetProtocol() != 17 || ip.GetFragmentOffset() != 0)
    {
        return;
    }
    UdpHeader udp;
    p->RemoveHeader(udp);
    if (udp.GetDestinationPort() != 500)
    {
        return;
    }
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    r->wire.push_back(std::move(bytes));
}

/// What the eavesdropper learnt from the datagrams it saw.
void
Eavesdrop(Run& r,
          const std::vector<std::string>& dictionary,
          const std::string& pskCrackFile,
          bool weakKey)
{
    for (size_t i = 0; i < r.wire.size(); i++)
    {
        Ikev1Message m;
        if (Ikev1Message::Parse(r.wire[i], m) != IkeParseError::NONE)
        {
            continue;
        }
        for (const Ikev1Payload& p : m.payloads) // encrypted messages have none in the clear
        {
            if (const auto* id = std::get_if<Ikev1IdPayload>(&p.body))
            {
                r.identities.push_back(IkeIdentityText(IkeIdentity{id->idType, id->data}) +
                                       " (message " + std::to_string(i + 1) + ")");
            }
        }
    }
    if (r.wire.size() < 2)
    {
        r.attack = "nothing captured";
        return;
    }
    std::string why;
    const auto data = Ikev1PskCrackDataFrom(r.wire[0], r.wire[1], why);
    if (!data)
    {
        r.attack = "nothing to test: " + why;
        return;
    }
    if (example::WantsFile(pskCrackFile))
    {
        std::ofstream os(pskCrackFile);
        os << ToPskCrackLine(*data) << "\n";
    }
    uint64_t tries = 0;
    const auto start = std::chrono::steady_clock::now();
    const auto found = CrackIkev1Psk(*data, dictionary, &tries);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::ostringstream os;
    if (found)
    {
        os << "HASH_R of message 2 matched the key '" << *found << "' after " << tries << " of "
           << dictionary.size() << " guesses (" << std::fixed << std::setprecision(1) << ms
           << " ms of real time)";
    }
    else
    {
        os << "tested all " << tries << " guesses against HASH_R, none matched"
           << (weakKey ? "" : " (the key is not in the dictionary)");
    }
    r.attack = os.str();
}

/// Run one mode.
Run
RunMode(const std::string& mode,
        const std::string& psk,
        const std::string& ikeProposal,
        const std::string& espProposal,
        bool engine,
        bool pcap,
        const std::string& keyFile,
        double simTime)
{
    Run r;
    r.mode = mode;
    example::ExampleChain chain = example::BuildExampleChain();
    Ptr<Node> hostA = chain.Get(0);
    Ptr<Node> gwA = chain.Get(1);
    Ptr<Node> gwB = chain.Get(3);
    Ptr<Node> hostB = chain.Get(4);
    const std::vector<NetDeviceContainer>& links = chain.links;
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    const Ipv4Address gwAWan = chain.GwAWan();
    const Ipv4Address gwBWan = chain.GwBWan();
    const Ipv4Address hostBAddr = chain.HostB();

    IpsecHelper ipsec;
    int64_t stream = 1;
    stream += ipsec.AssignStreams(stream);
    ipsec.Install(NodeContainer(gwA, gwB));
    if (engine)
    {
        ipsec.InstallCryptoEngine(NodeContainer(gwA, gwB));
    }
    IkeHelper ike;
    stream += ike.AssignStreams(stream);
    ike.SetIkeVersion(1, ParseIkev1Mode(mode));
    ike.SetPsk(psk);
    ike.SetProposals(ikeProposal);
    ike.SetChildProposals(espProposal);
    const IkeConnection conn = ike.AddTunnel(gwA,
                                             gwAWan,
                                             AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                                             gwB,
                                             gwBWan,
                                             AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24));
    for (bool atA : {true, false})
    {
        Ptr<IkeDaemon> d = atA ? conn.a : conn.b;
        d->TraceConnectWithoutContext("Ikev1Message", MakeBoundCallback(&OnMessage, &r, atA));
        d->TraceConnectWithoutContext("IkeSaState", MakeBoundCallback(&OnState, &r, atA));
    }
    // gwA, the initiator, sends on the IPsec SAs once it has processed quick mode's message 2.
    conn.a->TraceConnectWithoutContext("ChildSaInstalled", MakeBoundCallback(&OnChild, &r));
    // The eavesdropper: what the router receives from gwA and from gwB.
    links[1].Get(1)->TraceConnectWithoutContext("MacRx", MakeBoundCallback(&OnRouterRx, &r));
    links[2].Get(0)->TraceConnectWithoutContext("MacRx", MakeBoundCallback(&OnRouterRx, &r));

    Ptr<Socket> rx = Socket::CreateSocket(hostB, UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    rx->SetRecvCallback([&r](Ptr<Socket> s) {
        while (s->Recv())
        {
            r.received++;
        }
    });
    Ptr<Socket> tx = Socket::CreateSocket(hostA, UdpSocketFactory::GetTypeId());
    tx->Connect(InetSocketAddress(hostBAddr, 9));
    for (Time t = Seconds(0.5); t < Seconds(simTime - 0.5); t += MilliSeconds(100))
    {
        Simulator::Schedule(t, [tx, &r]() {
            r.sent++;
            tx->Send(Create<Packet>(200));
        });
    }
    const std::string prefix = "ipsec-ikev1-" + mode;
    if (pcap)
    {
        chain.p2p.EnablePcap(prefix, links[1].Get(1), true);
    }
    Simulator::Stop(Seconds(simTime));
    Simulator::Run();
    if (example::WantsFile(keyFile))
    {
        std::string base = keyFile;
        if (base.size() > 7 && base.compare(base.size() - 7, 7, ".esp_sa") == 0)
        {
            base.resize(base.size() - 7);
        }
        base += "-" + mode + ".";
        ipsec.WriteKeyFile(base + "esp_sa");
        ike.WriteIkev1KeyFile(base + "ikev1_decryption_table");
        ike.WriteIkev1KeyLog(base + "ikev1_keys");
        Ptr<NetDevice> tap = links[1].Get(1);
        const std::string pcapFile = prefix + "-" + std::to_string(tap->GetNode()->GetId()) + "-" +
                                     std::to_string(tap->GetIfIndex()) + ".pcap";
        std::ostringstream note;
        note << "  keys written to " << base << "{esp_sa,ikev1_decryption_table,ikev1_keys}; "
             << (pcap ? "decrypt" : "run with --pcap=1, then decrypt")
             << " the WAN capture with:\n    tshark -r " << pcapFile << ' '
             << TsharkEspOptions(base + "esp_sa") << ' '
             << TsharkIkev1Options(base + "ikev1_decryption_table") << "\n";
        r.keyNote = note.str();
    }
    Simulator::Destroy();
    return r;
}

/// A duration in milliseconds, or "never".
std::string
Ms(double seconds)
{
    if (seconds < 0)
    {
        return "never";
    }
    std::ostringstream os;
    os << std::fixed << std::setprecision(1) << seconds * 1000 << " ms";
    return os.str();
}

} // namespace

static int
Main(int argc, char* argv[])
{
    std::string modes = "main,aggressive";
    std::string psk = "letmein";
    std::string ikeProposal = "aes128-sha1-modp2048";
    std::string espProposal = "aes128-sha1";
    std::string dictionaryFile;
    std::string pskCrackFile;
    std::string keyFile;
    std::string chart = "1";
    bool engine = false;
    bool pcap = false;
    double simTime = 3;
    CommandLine cmd(__FILE__);
    cmd.AddValue("modes", "phase-1 modes to run and compare: main, aggressive or both", modes);
    cmd.AddValue("psk", "the gateways' pre-shared key", psk);
    cmd.AddValue("ikeProposal", "phase-1 proposals (strongSwan syntax)", ikeProposal);
    cmd.AddValue("espProposal",
                 "quick-mode proposals; a group (aes128-sha1-modp2048) turns PFS on",
                 espProposal);
    cmd.AddValue("dictionary",
                 "the eavesdropper's word list, one per line (default: built-in common passwords)",
                 dictionaryFile);
    cmd.AddValue("pskCrackFile",
                 "write the aggressive-mode capture as a psk-crack input line to this file",
                 pskCrackFile);
    cmd.AddValue("engine", "crypto engines on both gateways (measured DH and PRF times)", engine);
    cmd.AddValue("chart", "draw each chart as ipsec-ikev1-<mode>.svg (0: no files)", chart);
    cmd.AddValue("pcap", "capture the WAN at the router (ipsec-ikev1-<mode>-2-1.pcap)", pcap);
    cmd.AddValue("keyFile", "write the key files X-<mode>.* (give X.esp_sa)", keyFile);
    cmd.AddValue("simTime", "simulated seconds per mode", simTime);
    cmd.Parse(argc, argv);
    const std::vector<std::string> list =
        modes == "both" ? std::vector<std::string>{"main", "aggressive"} : [&modes]() {
            std::vector<std::string> out;
            std::istringstream in(modes);
            std::string m;
            while (std::getline(in, m, ','))
            {
                ParseIkev1Mode(m); // says which names are valid
                out.push_back(m);
            }
            return out;
        }();
    if (list.empty() || simTime < 1)
    {
        throw ConfigError("give --modes (main, aggressive) and --simTime of 1 s or more");
    }
    std::vector<std::string> dictionary = kDictionary;
    if (!dictionaryFile.empty())
    {
        std::ifstream in(dictionaryFile);
        if (!in)
        {
            throw ConfigError("cannot read the dictionary " + dictionaryFile);
        }
        dictionary.clear();
        for (std::string w; std::getline(in, w);)
        {
            dictionary.push_back(w);
        }
    }
    const bool weak = std::find(dictionary.begin(), dictionary.end(), psk) != dictionary.end();
    std::cout << "ipsec-ikev1: IKE " << ikeProposal << ", quick mode " << espProposal
              << (espProposal.find("modp") != std::string::npos ||
                          espProposal.find("ecp") != std::string::npos ||
                          espProposal.find("curve") != std::string::npos
                      ? " (PFS)"
                      : "")
              << ", pre-shared key '" << psk << "'" << (engine ? ", crypto engines" : "") << "\n";
    std::vector<Run> runs;
    for (const std::string& mode : list)
    {
        Run r = RunMode(mode, psk, ikeProposal, espProposal, engine, pcap, keyFile, simTime);
        Eavesdrop(r, dictionary, mode == "aggressive" ? pskCrackFile : "", weak);
        std::cout << "\n== "
                  << (mode == "main" ? "Main mode (identity protection)" : "Aggressive mode")
                  << ", then quick mode\n";
        example::PrintChart(r.chart, 40);
        if (chart != "0")
        {
            const std::string svg = "ipsec-ikev1-" + mode + ".svg";
            example::WriteChartSvg(r.chart, svg, 40);
            std::cout << "  (drawn in " << svg << ")\n";
        }
        std::cout << "  the eavesdropper read these identities: "
                  << (r.identities.empty() ? "none" : "") << "\n";
        for (const std::string& id : r.identities)
        {
            std::cout << "    " << id << "\n";
        }
        std::cout << "  its offline dictionary attack: " << r.attack << "\n";
        std::cout << "  UDP hostA -> hostB: " << r.received << "/" << r.sent
                  << " datagrams delivered\n"
                  << r.keyNote;
        runs.push_back(std::move(r));
    }
    std::cout << "\nComparison\n"
              << "  mode        phase-1 msgs  round trips  ISAKMP SA up  IPsec SAs up  "
                 "identities in clear  key crackable offline\n";
    for (const Run& r : runs)
    {
        std::ostringstream rt;
        rt << r.phase1Messages / 2.0;
        std::cout << "  " << std::left << std::setw(12) << r.mode << std::setw(14)
                  << r.phase1Messages << std::setw(13) << rt.str() << std::setw(14)
                  << Ms(r.isakmpUp) << std::setw(14) << Ms(r.childUp) << std::setw(21)
                  << (r.identities.empty() ? "no" : "yes")
                  << (r.attack.rfind("HASH_R of message 2 matched", 0) == 0
                          ? "yes"
                          : (r.attack.rfind("nothing to test", 0) == 0 ? "no (nothing to test)"
                                                                       : "testable, not found"))
                  << std::right << "\n";
    }
    if (!pskCrackFile.empty() && std::find(list.begin(), list.end(), "aggressive") != list.end())
    {
        std::cout << "\npsk-crack input written to " << pskCrackFile
                  << " (try: psk-crack -d <word list> " << pskCrackFile << ")\n";
    }
    return 0;
}

int
main(int argc, char* argv[])
{
    return RunScript([&]() { return Main(argc, argv); });
}
