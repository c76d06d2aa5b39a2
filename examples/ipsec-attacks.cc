// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipsec-attacks: the attack lab. Every attack against every protection, one simulation each.
 *
 *   hostA 10.1.1.1 -- gwA 10.2.1.1 -- router (the attacker) -- 10.2.2.2 gwB -- hostB 10.3.1.2
 *
 * gwA and gwB protect LAN A <-> LAN B (tunnel mode) with the protection under test (the
 * *-transport protections: hostA and hostB, transport mode, instead); hostA sends
 * 100 UDP datagrams of 200 bytes to hostB, 1 ms apart; the router between the gateways runs one
 * attack on what it forwards. Each row says what the attacker did (injected: packets it
 * replayed, changed, forged, held back or dropped), what the victim let through of it
 * (accepted), what it dropped and why, and what an eavesdropper could read.
 *
 * What a student learns, from the table's own numbers: integrity (ESP with an integrity
 * algorithm or an AEAD, AH) stops tampering and forgeries; the replay window stops replays and,
 * when smaller than the reordering on the path, drops valid packets; encryption without
 * integrity lets a flipped bit through into the plaintext the receiver delivers (CTR is
 * malleable); AH covers the outer addresses and ESP does not (in tunnel mode a changed outer
 * source is delivered; in transport mode it passes ESP's ICV and only the SA's selector check
 * drops it, as policy-mismatch, where AH's ICV fails); an eavesdropper reads nothing of
 * encrypted ESP and everything of plaintext, NULL-encrypted ESP and AH, and with the
 * gateways' key file (eavesdrop-keys: the esp_sa table Wireshark uses, stolen after the
 * traffic passed) everything of all of them.
 *
 * The ike-* attacks run against the ikev2 protection, where gwA and gwB set the tunnel up with
 * IKEv2 and a PSK: a forged DELETE of the IKE SA (unencrypted, or in a random SK payload) is
 * dropped before it acts; replayed IKE messages get the cached response or are dropped, and
 * make no new SA; a man in the middle answering as gwB fails authentication without the PSK,
 * and with it holds gwA's tunnel and reads all of it (its plaintext column: the IKE_SA_INIT
 * messages, which are in the clear, and the ESP it decrypts with the CHILD SA keys it holds).
 *
 *   ./ipsec-attacks
 *   ./ipsec-attacks --attack=replay --protection=esp-w0,esp-w32 --csv=attacks.csv
 *   ./ipsec-attacks --attack=tamper --pcap=1
 *   ./ipsec-attacks --protection=ikev2
 */

#include "ns3/boolean.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsec;

namespace
{

constexpr uint32_t DATAGRAMS = 100; ///< datagrams hostA sends
constexpr uint32_t SIZE = 200;      ///< their UDP payload
constexpr uint16_t PORT = 9;        ///< hostB's port

/// A protection: what gwA and gwB put on the tunnel.
struct Protection
{
    const char* name;     ///< as given to --protection
    const char* protocol; ///< "" (no IPsec), esp, ah, esp+ah
    const char* esp;      ///< ESP proposal
    uint32_t window;      ///< replay window
    bool encryptionOnly;  ///< ESP without integrity
    bool transport;       ///< transport mode hostA <-> hostB instead of the tunnel
    bool ike;             ///< IKEv2 with a PSK sets the tunnel up (the IKE attacks' target)
};

const Protection PROTECTIONS[] = {
    {"none", "", "", 0, false, false, false},
    {"esp", "esp", "aes128gcm16", 32, false, false, false},
    {"esp-null", "esp", "null-sha256", 32, false, false, false},
    {"esp-enc-only", "esp", "aes128ctr", 0, true, false, false},
    {"ah", "ah", "aes128gcm16", 32, false, false, false},
    {"esp+ah", "esp+ah", "aes128gcm16", 32, false, false, false},
    {"esp-w0", "esp", "aes128gcm16", 0, false, false, false},
    {"esp-w32", "esp", "aes128gcm16", 32, false, false, false},
    {"esp-w1024", "esp", "aes128gcm16", 1024, false, false, false},
    {"esp-transport", "esp", "aes128gcm16", 32, false, true, false},
    {"ah-transport", "ah", "aes128gcm16", 32, false, true, false},
    {"ikev2", "esp", "aes128gcm16", 32, false, false, true},
};

/// An attack: its TypeId and attributes, and the action its "injected" column counts.
struct AttackKind
{
    const char* name;   ///< as given to --attack
    const char* typeId; ///< the attack's TypeId
    const char* action; ///< the action counted as injected
    bool ike;           ///< an attack on IKE (runs against the ikev2 protection only)
};

const AttackKind ATTACKS[] = {
    {"eavesdrop", "ns3::ipsec::EavesdropAttack", "", false},
    {"eavesdrop-keys", "ns3::ipsec::EavesdropAttack", "", false},
    {"replay", "ns3::ipsec::ReplayAttack", "replayed", false},
    {"tamper", "ns3::ipsec::TamperAttack", "tampered", false},
    {"tamper-source", "ns3::ipsec::TamperAttack", "tampered", false},
    {"spoof", "ns3::ipsec::InjectAttack", "injected", false},
    {"reorder", "ns3::ipsec::DelayAttack", "delayed", false},
    {"drop", "ns3::ipsec::DropAttack", "dropped", false},
    {"ike-delete", "ns3::ipsec::IkeForgeAttack", "forged", true},
    {"ike-delete-sk", "ns3::ipsec::IkeForgeAttack", "forged", true},
    {"ike-replay", "ns3::ipsec::ReplayAttack", "replayed", true},
    {"ike-mitm", "ns3::ipsec::IkeMitmAttack", "answered", true},
    {"ike-mitm-psk", "ns3::ipsec::IkeMitmAttack", "answered", true},
};

/// One row of the table.
struct Row
{
    std::string attack;        ///< attack
    std::string protection;    ///< protection
    uint64_t injected{0};      ///< what the attacker did
    uint64_t accepted{0};      ///< of it, what the victim delivered
    uint64_t dropped{0};       ///< the victim's drops
    std::string reason;        ///< its most frequent drop reason ("-": none)
    uint64_t plaintextSeen{0}; ///< what an eavesdropper read
    uint64_t delivered{0};     ///< datagrams hostB received

    /**
     * Set dropped to the victim's drops and reason to the most frequent one (the first of
     * equals; "-" for none).
     * @param drops the victim's drop counters, by reason
     */
    void Tally(const std::vector<std::pair<std::string, uint64_t>>& drops)
    {
        reason = "-";
        uint64_t most = 0;
        for (const auto& [name, n] : drops)
        {
            dropped += n;
            if (n > most)
            {
                most = n;
                reason = name;
            }
        }
    }
};

/// The lab's network and the flow hostA -> hostB, for one run.
struct Lab
{
    NodeContainer nodes;                       ///< hostA, gwA, router, gwB, hostB
    PointToPointHelper p2p;                    ///< the links
    std::vector<Ipv4InterfaceContainer> links; ///< their addresses
    Ptr<Node> hostA;                           ///< 10.1.1.1
    Ptr<Node> gwA;                             ///< LAN A's gateway
    Ptr<Node> router;                          ///< the attacker
    Ptr<Node> gwB;                             ///< LAN B's gateway
    Ptr<Node> hostB;                           ///< 10.3.1.2
    Ipv4Address hostBAddr;                     ///< hostB's address
    IpsecHelper ipsec;                         ///< the IPsec stacks
    IpsecAttackerHelper attacker;              ///< the attacks
    uint64_t delivered{0};                     ///< datagrams hostB received
    uint64_t changed{0};                       ///< of those, with changed data

    Lab()
    {
        nodes.Create(5);
        IpsecHelper::InstallInternetStack(nodes);
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("1ms"));
        Ipv4AddressHelper addr;
        const char* nets[] = {"10.1.1.0", "10.2.1.0", "10.2.2.0", "10.3.1.0"};
        for (uint32_t i = 0; i < 4; i++)
        {
            addr.SetBase(nets[i], "255.255.255.0");
            links.push_back(addr.Assign(p2p.Install(nodes.Get(i), nodes.Get(i + 1))));
        }
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        hostA = nodes.Get(0);
        gwA = nodes.Get(1);
        router = nodes.Get(2);
        gwB = nodes.Get(3);
        hostB = nodes.Get(4);
        hostBAddr = links[3].GetAddress(1);
        ipsec.AssignStreams(1);
        ipsec.Install(nodes);
        attacker.AssignStreams(100);
    }

    /// @return gwA's and gwB's outer addresses
    Ipv4Address GwAWan() const
    {
        return links[1].GetAddress(0);
    }

    /// @return gwB's outer address
    Ipv4Address GwBWan() const
    {
        return links[2].GetAddress(1);
    }

    /**
     * Send the flow and run for 3 s.
     * @param pcapName pcaps of the router's links under this prefix ("": none)
     */
    void Run(const std::string& pcapName)
    {
        Ptr<Socket> rx = Socket::CreateSocket(hostB, UdpSocketFactory::GetTypeId());
        rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT));
        rx->SetRecvCallback([this](Ptr<Socket> s) {
            while (Ptr<Packet> p = s->Recv())
            {
                delivered++;
                std::vector<uint8_t> data(p->GetSize());
                p->CopyData(data.data(), data.size());
                changed += std::any_of(data.begin(), data.end(), [](uint8_t b) { return b != 0; });
            }
        });
        Ptr<Socket> tx = Socket::CreateSocket(hostA, UdpSocketFactory::GetTypeId());
        tx->Connect(InetSocketAddress(hostBAddr, PORT));
        for (uint32_t i = 0; i < DATAGRAMS; i++)
        {
            Simulator::Schedule(Seconds(1) + MilliSeconds(i), [tx]() {
                tx->Send(Create<Packet>(SIZE)); // zeros: a changed byte shows in the plaintext
            });
        }
        if (!pcapName.empty())
        {
            p2p.EnablePcap(pcapName, NodeContainer(router), true);
        }
        Simulator::Stop(Seconds(3));
        Simulator::Run();
    }
};

/**
 * Run one attack against one protection.
 * @param attack the attack
 * @param protection the protection
 * @param pcap whether to write pcaps (ipsec-attacks-<attack>-<protection>-*.pcap)
 * @return the row
 */
Row
RunOne(const AttackKind& attack, const Protection& protection, bool pcap)
{
    Lab lab;
    IpsecHelper& ipsec = lab.ipsec;
    IpsecAttackerHelper& attacker = lab.attacker;
    const auto& links = lab.links;
    const Ptr<Node> gwA = lab.gwA;
    const Ptr<Node> router = lab.router;
    const Ptr<Node> gwB = lab.gwB;
    const Ptr<Node> hostB = lab.hostB;
    const Ipv4Address hostBAddr = lab.hostBAddr;
    if (std::string(protection.protocol) != "")
    {
        ipsec.SetSaAttribute("Protocol", StringValue(protection.protocol));
        ipsec.SetSaAttribute("EspProposal", StringValue(protection.esp));
        ipsec.SetSaAttribute("ReplayWindow", UintegerValue(protection.window));
        ipsec.SetSaAttribute("EncryptionOnly", BooleanValue(protection.encryptionOnly));
    }
    if (protection.transport)
    {
        ipsec.AddTransport(lab.hostA, links[0].GetAddress(0), hostB, hostBAddr);
    }
    else if (std::string(protection.protocol) != "")
    {
        ipsec.AddTunnel(gwA,
                        links[1].GetAddress(0),
                        AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                        gwB,
                        links[2].GetAddress(1),
                        AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24));
    }

    const std::string name = attack.name;
    // What the attack targets: the tunnel's protocol, or UDP without IPsec.
    const uint8_t target = std::string(protection.protocol) == ""      ? 17
                           : std::string(protection.protocol) == "esp" ? ESP_PROTOCOL_NUMBER
                                                                       : AH_PROTOCOL_NUMBER;
    Ptr<Attack> a;
    if (name == "eavesdrop" || name == "eavesdrop-keys")
    {
        a = attacker.AddOnPath(router, attack.typeId);
    }
    else if (name == "replay")
    {
        a = attacker.AddOnPath(router,
                               attack.typeId,
                               "Protocol",
                               UintegerValue(target),
                               "Every",
                               UintegerValue(10),
                               "Delay",
                               TimeValue(MilliSeconds(5)));
    }
    else if (name == "tamper")
    {
        // The 7th byte of the UDP data in the clear; behind an ESP header, an 8-byte IV and
        // the inner IPv4 and UDP headers in the tunnel (8 + 8 + 20 + 8 + 6 = 50).
        a = attacker.AddOnPath(router,
                               attack.typeId,
                               "Protocol",
                               UintegerValue(target),
                               "Offset",
                               UintegerValue(target == 17 ? 14 : 50),
                               "Probability",
                               DoubleValue(0.2));
    }
    else if (name == "tamper-source")
    {
        a = attacker.AddOnPath(router,
                               attack.typeId,
                               "Protocol",
                               UintegerValue(target),
                               "Field",
                               StringValue("source"),
                               "Probability",
                               DoubleValue(0.2));
    }
    else if (name == "spoof")
    {
        // With a tunnel: ESP with the tunnel's SPI and a guessed sequence number. Without:
        // plaintext UDP from hostA's address to hostB, which nothing tells from the real.
        a = target == 17 ? attacker.AddOnPath(router,
                                              attack.typeId,
                                              "Kind",
                                              StringValue("spoofed-source"),
                                              "Source",
                                              Ipv4AddressValue(links[0].GetAddress(0)),
                                              "Destination",
                                              Ipv4AddressValue(hostBAddr),
                                              "Port",
                                              UintegerValue(PORT),
                                              "Size",
                                              UintegerValue(SIZE),
                                              "Start",
                                              TimeValue(Seconds(1.02)),
                                              "Count",
                                              UintegerValue(20),
                                              "Interval",
                                              TimeValue(MilliSeconds(3)))
                         : attacker.AddOnPath(router,
                                              attack.typeId,
                                              "Kind",
                                              StringValue("known-spi"),
                                              "Start",
                                              TimeValue(Seconds(1.02)),
                                              "Count",
                                              UintegerValue(20),
                                              "Interval",
                                              TimeValue(MilliSeconds(3)));
    }
    else if (name == "reorder")
    {
        // Up to 50 ms back at 1 ms spacing: up to ~50 datagrams overtake one another.
        a = attacker.AddOnPath(router, attack.typeId, "Protocol", UintegerValue(target));
    }
    else
    {
        a = attacker.AddOnPath(router,
                               attack.typeId,
                               "Protocol",
                               UintegerValue(target),
                               "Probability",
                               DoubleValue(0.2));
    }

    lab.Run(pcap ? "ipsec-attacks-" + name + "-" + protection.name : "");
    const uint64_t delivered = lab.delivered;
    const uint64_t changed = lab.changed;

    Row row;
    row.attack = name;
    row.protection = protection.name;
    row.injected = std::string(attack.action).empty() ? 0 : a->GetCount(attack.action);
    row.delivered = delivered;
    // The receiving end's own per-reason counters: gwB, or hostB in transport mode.
    Ptr<IpsecStack> stack = (protection.transport ? hostB : gwB)->GetObject<IpsecStack>();
    std::vector<std::pair<std::string, uint64_t>> drops;
    for (size_t i = 0; i < static_cast<size_t>(DropReason::COUNT); i++)
    {
        const auto reason = static_cast<DropReason>(i);
        drops.emplace_back(GetDropReasonName(reason), stack->GetDropCount(reason));
    }
    row.Tally(drops);
    if (name == "replay" || name == "spoof")
    {
        row.accepted = delivered > DATAGRAMS ? delivered - DATAGRAMS : 0;
    }
    else if (name == "tamper" || name == "tamper-source")
    {
        // Tampered datagrams the victim delivered: changed data, or (outer source) all that
        // arrived while they were being changed.
        row.accepted =
            name == "tamper" ? changed : row.injected - std::min(row.injected, row.dropped);
    }
    else if (name == "reorder")
    {
        // Held-back datagrams that still arrived (the others all do).
        row.accepted =
            delivered + row.injected > DATAGRAMS ? delivered + row.injected - DATAGRAMS : 0;
    }
    if (pcap && std::string(protection.protocol) != "")
    {
        // Wireshark opens the ESP of these pcaps with it (see the doc, "Decrypting in Wireshark").
        ipsec.WriteKeyFile("ipsec-attacks-" + name + "-" + protection.name + "-esp_sa",
                           WiresharkVersion::V4_0);
    }
    if (auto ear = DynamicCast<EavesdropAttack>(a))
    {
        if (name == "eavesdrop-keys")
        {
            // The gateways' key file, stolen after the traffic passed: the esp_sa table
            // IpsecHelper::WriteKeyFile writes for Wireshark, read back.
            std::stringstream keyFile;
            WriteWiresharkEspSa(keyFile, ipsec.GetEspSaKeys(), WiresharkVersion::V4_2);
            ear->AddKeys(ReadWiresharkEspSa(keyFile));
        }
        row.plaintextSeen = ear->GetPlaintextBytes();
    }
    Simulator::Destroy();
    return row;
}

/// The PSK gwA and gwB share (ikev2); ike-mitm-psk knows it, ike-mitm guesses.
const std::string PSK = "ns3-ipsec-psk";

/// What an IKE daemon's traces show of an attack.
struct IkeSeen
{
    uint64_t authFailed{0};   ///< AUTHENTICATION_FAILED notifications received
    uint64_t failed{0};       ///< IKE SAs that failed
    uint64_t childDeleted{0}; ///< CHILD SAs deleted

    /// Message trace.
    static void Message(IkeSeen* s,
                        bool sent,
                        Ipv4Address,
                        const IkeHeader&,
                        const std::vector<Ikev2Payload>& payloads)
    {
        for (const Ikev2Payload& p : payloads)
        {
            const auto* n = std::get_if<Ikev2NotifyPayload>(&p.body);
            s->authFailed += !sent && n && n->type == ikev2::AUTHENTICATION_FAILED;
        }
    }

    /// IkeSaState trace.
    static void State(IkeSeen* s, const std::string&, uint64_t, uint64_t, Ikev2SaState state)
    {
        s->failed += state == Ikev2SaState::FAILED;
    }

    /// ChildSaDeleted trace.
    static void ChildDeleted(IkeSeen* s, const std::string&, uint32_t, bool)
    {
        s->childDeleted++;
    }

    /// Watch a daemon.
    void Watch(Ptr<IkeDaemon> d)
    {
        d->TraceConnectWithoutContext("Message", MakeBoundCallback(&IkeSeen::Message, this));
        d->TraceConnectWithoutContext("IkeSaState", MakeBoundCallback(&IkeSeen::State, this));
        d->TraceConnectWithoutContext("ChildSaDeleted",
                                      MakeBoundCallback(&IkeSeen::ChildDeleted, this));
    }
};

/**
 * Run one attack on IKE: gwA and gwB set their tunnel up with IKEv2 and a PSK (gwA starts it
 * and traps its traffic), the router attacks the IKE datagrams, an eavesdropper in front of it
 * records. Columns: injected, what the attacker sent; accepted, what it made a victim do (IKE
 * or CHILD SAs deleted, extra IKE SAs, IKE SAs gwA set up with the attacker); dropped and
 * reason, the victims' IKE daemons' drops (ike-mitm: gwA's IKE SAs failed, for the
 * AUTHENTICATION_FAILED it was sent); plaintext, what the eavesdropper read, given the keys the
 * man in the middle holds.
 * @param attack the attack
 * @param protection the ikev2 protection
 * @param pcap whether to write pcaps
 * @return the row
 */
Row
RunIke(const AttackKind& attack, const Protection& protection, bool pcap)
{
    Lab lab;
    IkeHelper ike;
    ike.AssignStreams(10000);
    ike.SetPsk(PSK);
    ike.SetChildProposals(protection.esp);
    const std::string name = attack.name;
    Ptr<EavesdropAttack> ear = DynamicCast<EavesdropAttack>(
        lab.attacker.AddOnPath(lab.router, "ns3::ipsec::EavesdropAttack"));
    Ptr<Attack> a;
    if (name == "ike-delete" || name == "ike-delete-sk")
    {
        // Five DELETEs of the IKE SA to gwB, as from gwA, while hostA's traffic flows.
        a = lab.attacker.AddOnPath(lab.router,
                                   attack.typeId,
                                   "Kind",
                                   StringValue(name == "ike-delete" ? "clear" : "sk"),
                                   "After",
                                   TimeValue(Seconds(1.02)),
                                   "Interval",
                                   TimeValue(MilliSeconds(10)),
                                   "Count",
                                   UintegerValue(5));
    }
    else if (name == "ike-replay")
    {
        a = lab.attacker.AddOnPath(lab.router, attack.typeId, "Protocol", UintegerValue(17));
    }
    else
    {
        a = lab.attacker.AddOnPath(lab.router,
                                   attack.typeId,
                                   "Victim",
                                   Ipv4AddressValue(lab.GwBWan()),
                                   "Psk",
                                   StringValue(name == "ike-mitm-psk" ? PSK : "a-good-guess"));
    }
    const IkeConnection c = ike.AddTunnel(lab.gwA,
                                          lab.GwAWan(),
                                          AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                                          lab.gwB,
                                          lab.GwBWan(),
                                          AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24));
    IkeSeen seenA;
    IkeSeen seenB;
    seenA.Watch(c.a);
    seenB.Watch(c.b);
    lab.Run(pcap ? "ipsec-attacks-" + name + "-" + protection.name : "");
    if (pcap)
    {
        ike.WriteKeyFile("ipsec-attacks-" + name + "-" + protection.name +
                         "-ikev2_decryption_table");
    }

    Row row;
    row.attack = name;
    row.protection = protection.name;
    row.injected = a->GetCount(attack.action);
    row.delivered = lab.delivered;
    // The victims' daemons' drops: gwB's for forgeries sent to it, both for replays.
    std::vector<Ptr<IkeDaemon>> victims = {c.b};
    if (name == "ike-replay")
    {
        victims.push_back(c.a);
    }
    std::map<std::string, uint64_t> drops;
    for (Ptr<IkeDaemon> d : victims)
    {
        for (const auto& [reason, n] : d->GetDropCounts())
        {
            drops[reason] += n;
        }
    }
    row.Tally({drops.begin(), drops.end()});
    if (name == "ike-delete" || name == "ike-delete-sk")
    {
        row.accepted =
            seenB.childDeleted + (c.b->CountIkeSas(Ikev2SaState::ESTABLISHED) == 1 ? 0 : 1);
    }
    else if (name == "ike-replay")
    {
        const uint32_t ikeSas = c.b->CountIkeSas(Ikev2SaState::ESTABLISHED) +
                                c.b->CountIkeSas(Ikev2SaState::CONNECTING);
        row.accepted = ikeSas > 1 ? ikeSas - 1 : 0;
    }
    else
    {
        // gwB never hears gwA: every IKE SA gwA has is the attacker's.
        row.accepted = c.a->CountIkeSas(Ikev2SaState::ESTABLISHED);
        row.dropped = seenA.failed;
        row.reason = seenA.authFailed > 0 ? "AUTHENTICATION_FAILED" : "-";
        ear->AddKeys(DynamicCast<IkeMitmAttack>(a)->GetEspSaKeys());
    }
    row.plaintextSeen = ear->GetPlaintextBytes();
    Simulator::Destroy();
    return row;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string attacks = "all";
    std::string protections = "all";
    std::string csv;
    bool pcap = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("attack",
                 "attacks, comma-separated: eavesdrop, eavesdrop-keys, replay, tamper, "
                 "tamper-source, spoof, reorder, drop; on IKE (against ikev2): ike-delete, "
                 "ike-delete-sk, ike-replay, ike-mitm, ike-mitm-psk; or all",
                 attacks);
    cmd.AddValue("protection",
                 "protections, comma-separated: none, esp, esp-null, esp-enc-only, ah, esp+ah, "
                 "esp-w0, esp-w32, esp-w1024, esp-transport, ah-transport, ikev2, or all",
                 protections);
    cmd.AddValue("csv", "also write the table as CSV to this file", csv);
    cmd.AddValue("pcap",
                 "write pcaps of the router's links and the gateways' esp_sa key file (1) or not "
                 "(0)",
                 pcap);
    cmd.Parse(argc, argv);

    auto wanted = [](const std::string& list, const std::string& name) {
        if (list == "all")
        {
            return true;
        }
        std::stringstream ss(list);
        std::string item;
        while (std::getline(ss, item, ','))
        {
            if (item == name)
            {
                return true;
            }
        }
        return false;
    };
    std::vector<Row> rows;
    try
    {
        for (const AttackKind& attack : ATTACKS)
        {
            for (const Protection& protection : PROTECTIONS)
            {
                if (attack.ike == protection.ike && wanted(attacks, attack.name) &&
                    wanted(protections, protection.name))
                {
                    rows.push_back(attack.ike ? RunIke(attack, protection, pcap)
                                              : RunOne(attack, protection, pcap));
                }
            }
        }
    }
    catch (const ConfigError& e)
    {
        std::cerr << e.what() << "\n";
        return 1;
    }
    if (rows.empty())
    {
        std::cerr << "ipsec-attacks: no attack and protection match --attack=" << attacks
                  << " --protection=" << protections << "\n";
        return 1;
    }
    std::cout << "ipsec-attacks: " << DATAGRAMS << " datagrams hostA -> hostB per run\n\n"
              << std::left << std::setw(15) << "attack" << std::setw(14) << "protection"
              << std::right << std::setw(9) << "injected" << std::setw(9) << "accepted"
              << std::setw(9) << "dropped"
              << "  " << std::left << std::setw(22) << "reason" << std::right << std::setw(10)
              << "plaintext" << std::setw(10) << "delivered"
              << "\n";
    for (const Row& r : rows)
    {
        std::cout << std::left << std::setw(15) << r.attack << std::setw(14) << r.protection
                  << std::right << std::setw(9) << r.injected << std::setw(9) << r.accepted
                  << std::setw(9) << r.dropped << "  " << std::left << std::setw(22) << r.reason
                  << std::right << std::setw(10) << r.plaintextSeen << std::setw(10) << r.delivered
                  << "\n";
    }
    if (!csv.empty())
    {
        std::ofstream out(csv);
        out << "attack,protection,injected,accepted,dropped,reason,plaintext_bytes_seen\n";
        for (const Row& r : rows)
        {
            out << r.attack << "," << r.protection << "," << r.injected << "," << r.accepted << ","
                << r.dropped << "," << r.reason << "," << r.plaintextSeen << "\n";
        }
        if (!out)
        {
            std::cerr << "ipsec-attacks: cannot write " << csv << "\n";
            return 1;
        }
        std::cout << "\nCSV written to " << csv << "\n";
    }
    return 0;
}
