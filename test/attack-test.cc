// SPDX-License-Identifier: GPL-2.0-only
// On-path attacks (issue 15) on the WAN router between two IPsec gateways: what each attack
// did (its own counters) must match what the victim saw (its drop reasons and deliveries).

#include "ipsec-scenario.h"
#include "ipsec-test-util.h"

#include "ns3/boolean.h"
#include "ns3/csma-module.h"
#include "ns3/double.h"
#include "ns3/ikev2-message.h"
#include "ns3/ipsec-attack-drop.h"
#include "ns3/ipsec-attack-eavesdrop.h"
#include "ns3/ipsec-attack-replay.h"
#include "ns3/ipsec-attack-tamper.h"
#include "ns3/ipsec-attacker-helper.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-constants.h"
#include "ns3/ipsec-key-export.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace ipsec
{
namespace test
{
namespace
{

constexpr uint32_t DATAGRAMS = 50;

/// The chain's tunnel with an ESP proposal and replay window, and the flow hostA -> hostB.
struct Lab
{
    Chain c;
    IpsecConnection tunnel;
    std::shared_ptr<DropLog> drops;
    IpsecAttackerHelper attacker;

    explicit Lab(const std::string& proposal = "aes128gcm16", uint32_t window = 32)
    {
        c.ipsec.SetSaAttribute("EspProposal", StringValue(proposal));
        c.ipsec.SetSaAttribute("ReplayWindow", UintegerValue(window));
        tunnel = c.Tunnel();
        drops = c.WatchDrops();
        attacker.AssignStreams(50);
    }

    /// Send the flow and run.
    std::shared_ptr<UdpFlow> Run()
    {
        auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, DATAGRAMS, 200);
        RunUntil(Seconds(3));
        return flow;
    }
};

} // namespace

TEST(Attack, ABlackholeFromATimeOnDropsWhatFollowsAndNothingElse)
{
    Lab lab;
    Ptr<Attack> drop = lab.attacker.AddOnPath(lab.c.router,
                                              "ns3::ipsec::DropAttack",
                                              "Protocol",
                                              UintegerValue(ESP_PROTOCOL_NUMBER),
                                              "Start",
                                              TimeValue(Seconds(1.2)));
    auto flow = lab.Run();
    // One datagram every 10 ms from 1 s: 20 before 1.2 s (1 ms on the first link or so).
    EXPECT_EQ(flow->received + drop->GetCount("dropped"), DATAGRAMS);
    EXPECT_NEAR(static_cast<double>(flow->received), 20.0, 1.0);
    EXPECT_EQ(lab.drops->Total(), 0u) << "the victims see nothing: it never arrives";
    Simulator::Destroy();
}

TEST(Attack, IntegrityStopsEveryTamperingAndNamesIt)
{
    // Each field changed on every ESP packet of an AEAD and of an encrypt-then-MAC tunnel. A
    // length changed by 4 bytes keeps GCM's 4-byte alignment (the ICV fails) but not CBC's
    // 16-byte blocks (bad-alignment, checked first, RFC 4303 §3.4). Sequence number 1 with its
    // low bit flipped is 0, never valid: one replay drop, the others fail the ICV.
    struct Case
    {
        const char* field;
        DropReason gcm;
        DropReason cbc;
    };

    for (const char* proposal : {"aes128gcm16", "aes128-sha256"})
    {
        const bool gcm = std::string(proposal) == "aes128gcm16";
        for (Case k : {Case{"payload", DropReason::ICV_FAILURE, DropReason::ICV_FAILURE},
                       Case{"icv", DropReason::ICV_FAILURE, DropReason::ICV_FAILURE},
                       Case{"sequence", DropReason::ICV_FAILURE, DropReason::ICV_FAILURE},
                       Case{"spi", DropReason::NO_SA, DropReason::NO_SA},
                       Case{"truncate", DropReason::ICV_FAILURE, DropReason::BAD_ALIGNMENT},
                       Case{"pad", DropReason::ICV_FAILURE, DropReason::BAD_ALIGNMENT}})
        {
            Lab lab(proposal);
            Ptr<Attack> tamper = lab.attacker.AddOnPath(lab.c.router,
                                                        "ns3::ipsec::TamperAttack",
                                                        "Protocol",
                                                        UintegerValue(ESP_PROTOCOL_NUMBER),
                                                        "Field",
                                                        StringValue(k.field));
            auto flow = lab.Run();
            SCOPED_TRACE(std::string(proposal) + " " + k.field);
            const bool sequence = std::string(k.field) == "sequence";
            EXPECT_EQ(tamper->GetCount("tampered"), DATAGRAMS);
            EXPECT_EQ(flow->received, 0u);
            EXPECT_EQ((*lab.drops)[gcm ? k.gcm : k.cbc], DATAGRAMS - (sequence ? 1 : 0));
            EXPECT_EQ((*lab.drops)[DropReason::REPLAY], sequence ? 1u : 0u);
            EXPECT_EQ(lab.drops->Total(), DATAGRAMS);
            Simulator::Destroy();
        }
    }
}

TEST(Attack, ChangedOuterAddressesAreNotEspsConcern)
{
    // ESP does not cover the outer header (AH would): a changed source still decrypts, since
    // the SA is found by SPI and destination alone (RFC 4301 §4.1); a changed destination
    // sends it elsewhere.
    Lab lab;
    Ptr<Attack> tamper = lab.attacker.AddOnPath(lab.c.router,
                                                "ns3::ipsec::TamperAttack",
                                                "Protocol",
                                                UintegerValue(ESP_PROTOCOL_NUMBER),
                                                "Field",
                                                StringValue("source"));
    auto flow = lab.Run();
    EXPECT_EQ(tamper->GetCount("tampered"), DATAGRAMS);
    EXPECT_EQ(flow->received, DATAGRAMS);
    EXPECT_EQ(lab.drops->Total(), 0u);
    Simulator::Destroy();
}

TEST(Attack, AhCoversTheOuterAddresses)
{
    // AH's ICV covers the outer header's immutable fields (RFC 4302 §3.3.3.1.1): a changed
    // source address is an ICV failure, where ESP (above) delivers the datagram.
    Chain c;
    c.ipsec.SetSaAttribute("Protocol", StringValue("ah"));
    c.Tunnel();
    auto drops = c.WatchDrops();
    IpsecAttackerHelper attacker;
    Ptr<Attack> tamper = attacker.AddOnPath(c.router,
                                            "ns3::ipsec::TamperAttack",
                                            "Protocol",
                                            UintegerValue(AH_PROTOCOL_NUMBER),
                                            "Field",
                                            StringValue("source"));
    auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, DATAGRAMS, 200);
    RunUntil(Seconds(3));
    EXPECT_EQ(tamper->GetCount("tampered"), DATAGRAMS);
    EXPECT_EQ(flow->received, 0u);
    EXPECT_EQ((*drops)[DropReason::ICV_FAILURE], DATAGRAMS);
    Simulator::Destroy();
}

TEST(Attack, TheReplayWindowStopsReplaysAndWithoutItTheyAreDeliveredAgain)
{
    for (uint32_t window : {32u, 0u})
    {
        Lab lab("aes128gcm16", window);
        Ptr<Attack> replay = lab.attacker.AddOnPath(lab.c.router,
                                                    "ns3::ipsec::ReplayAttack",
                                                    "Protocol",
                                                    UintegerValue(ESP_PROTOCOL_NUMBER),
                                                    "Every",
                                                    UintegerValue(5),
                                                    "Delay",
                                                    TimeValue(MilliSeconds(25)));
        auto flow = lab.Run();
        SCOPED_TRACE("window " + std::to_string(window));
        EXPECT_EQ(replay->GetCount("captured"), DATAGRAMS / 5);
        EXPECT_EQ(replay->GetCount("replayed"), DATAGRAMS / 5);
        if (window != 0)
        {
            EXPECT_EQ(flow->received, DATAGRAMS);
            EXPECT_EQ((*lab.drops)[DropReason::REPLAY], DATAGRAMS / 5);
            EXPECT_EQ(lab.drops->Total(), DATAGRAMS / 5);
        }
        else
        {
            EXPECT_EQ(flow->received, DATAGRAMS + DATAGRAMS / 5) << "each copy delivered again";
            EXPECT_EQ(lab.drops->Total(), 0u);
        }
        Simulator::Destroy();
    }
}

TEST(Attack, AttacksActInOrderAndOnlyOnTheirProtocol)
{
    // A tamper after a replay changes the original, not the copy taken before it: the copy
    // is a replay, the original an ICV failure. UDP-only attacks leave ESP alone.
    Lab lab;
    Ptr<Attack> replay = lab.attacker.AddOnPath(lab.c.router,
                                                "ns3::ipsec::ReplayAttack",
                                                "Protocol",
                                                UintegerValue(ESP_PROTOCOL_NUMBER),
                                                "Every",
                                                UintegerValue(10));
    Ptr<Attack> tamper = lab.attacker.AddOnPath(lab.c.router,
                                                "ns3::ipsec::TamperAttack",
                                                "Protocol",
                                                UintegerValue(ESP_PROTOCOL_NUMBER),
                                                "Probability",
                                                DoubleValue(0.5));
    Ptr<Attack> idle = lab.attacker.AddOnPath(lab.c.router,
                                              "ns3::ipsec::DropAttack",
                                              "Protocol",
                                              UintegerValue(17));
    auto flow = lab.Run();
    const uint64_t tampered = tamper->GetCount("tampered");
    EXPECT_GT(tampered, 10u);
    EXPECT_LT(tampered, 40u);
    EXPECT_EQ(idle->GetCount("dropped"), 0u);
    EXPECT_EQ((*lab.drops)[DropReason::ICV_FAILURE], tampered);
    EXPECT_GE(flow->received, DATAGRAMS - tampered);
    // A replayed copy of an original that was tampered arrives first as an untouched packet
    // with that sequence number: delivered, not a replay. The others are replays.
    EXPECT_EQ(replay->GetCount("replayed"), DATAGRAMS / 10);
    EXPECT_EQ((*lab.drops)[DropReason::REPLAY] + (flow->received - (DATAGRAMS - tampered)),
              DATAGRAMS / 10);
    Simulator::Destroy();
}

TEST(Attack, ReorderingBeyondASmallWindowDropsValidPackets)
{
    // 200 datagrams 1 ms apart, each held 0-50 ms: up to ~50 overtake one another. A window of
    // 32 drops some valid ones as replays (left of the window); 1024 keeps them all.
    for (uint32_t window : {32u, 1024u})
    {
        Lab lab("aes128gcm16", window);
        Ptr<Attack> delay = lab.attacker.AddOnPath(lab.c.router,
                                                   "ns3::ipsec::DelayAttack",
                                                   "Protocol",
                                                   UintegerValue(ESP_PROTOCOL_NUMBER));
        auto flow =
            SendUdp(lab.c.hostA, lab.c.hostB, lab.c.hostBAddr, 9, 200, 100, MilliSeconds(1));
        RunUntil(Seconds(3));
        SCOPED_TRACE("window " + std::to_string(window));
        EXPECT_GT(delay->GetCount("delayed"), 190u) << "a few draw ~0 and pass at once";
        EXPECT_EQ(flow->received + (*lab.drops)[DropReason::REPLAY], 200u);
        EXPECT_EQ(lab.drops->Total(), (*lab.drops)[DropReason::REPLAY]);
        if (window == 32)
        {
            EXPECT_GT((*lab.drops)[DropReason::REPLAY], 0u);
        }
        else
        {
            EXPECT_EQ(flow->received, 200u);
        }
        Simulator::Destroy();
    }
}

TEST(Attack, ForgeriesAreDroppedForTheReasonEachProtectionGives)
{
    struct Case
    {
        const char* kind;
        DropReason reason;
    };

    for (Case k : {Case{"random-spi", DropReason::NO_SA},
                   Case{"known-spi", DropReason::ICV_FAILURE},
                   Case{"spoofed-source", DropReason::NOT_PROTECTED}})
    {
        Lab lab;
        Ptr<Attack> inject = lab.attacker.AddOnPath(lab.c.router,
                                                    "ns3::ipsec::InjectAttack",
                                                    "Kind",
                                                    StringValue(k.kind),
                                                    "Start",
                                                    TimeValue(Seconds(1.05)),
                                                    "Count",
                                                    UintegerValue(20),
                                                    "Interval",
                                                    TimeValue(MilliSeconds(7)));
        if (std::string(k.kind) == "spoofed-source")
        {
            inject->SetAttribute("Source", Ipv4AddressValue(lab.c.hostAAddr));
            inject->SetAttribute("Destination", Ipv4AddressValue(lab.c.hostBAddr));
        }
        auto flow = lab.Run();
        SCOPED_TRACE(k.kind);
        EXPECT_EQ(inject->GetCount("injected"), 20u);
        EXPECT_EQ((*lab.drops)[k.reason], 20u);
        EXPECT_EQ(lab.drops->Total(), 20u);
        EXPECT_EQ(flow->received, DATAGRAMS) << "the real flow is untouched";
        Simulator::Destroy();
    }
}

TEST(Attack, AnEavesdropperReadsPlaintextAndNullEspAndAhButNotEncryptedEsp)
{
    // Each tunnelled datagram carries an inner IPv4 datagram of 20 + 8 + 200 = 228 bytes.
    struct Case
    {
        const char* protocol;
        const char* esp;
        uint64_t readablePerPacket;
    };

    for (Case k : {Case{"esp", "aes128gcm16", 0},
                   Case{"esp", "aes128-sha256", 0},
                   Case{"esp", "null-sha256", 228},
                   Case{"ah", "aes128gcm16", 228},
                   Case{"esp+ah", "aes128gcm16", 0}})
    {
        Chain c;
        c.ipsec.SetSaAttribute("Protocol", StringValue(k.protocol));
        c.ipsec.SetSaAttribute("EspProposal", StringValue(k.esp));
        c.Tunnel();
        IpsecAttackerHelper attacker;
        Ptr<EavesdropAttack> ear = DynamicCast<EavesdropAttack>(
            attacker.AddOnPath(c.router, "ns3::ipsec::EavesdropAttack"));
        auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, DATAGRAMS, 200);
        RunUntil(Seconds(3));
        SCOPED_TRACE(std::string(k.protocol) + " " + k.esp);
        ASSERT_EQ(flow->received, DATAGRAMS);
        const auto flows = ear->GetFlows();
        ASSERT_EQ(flows.size(), 1u) << "one SA's flow, gwA -> gwB";
        EXPECT_EQ(flows[0].source, c.gwAWan);
        EXPECT_EQ(flows[0].protocol, std::string(k.protocol) == "esp" ? 50 : 51);
        EXPECT_NE(flows[0].spi, 0u);
        EXPECT_EQ(flows[0].packets, DATAGRAMS);
        EXPECT_EQ(flows[0].firstSequence, 1u);
        EXPECT_EQ(flows[0].lastSequence, DATAGRAMS);
        EXPECT_EQ(ear->GetPlaintextBytes(), k.readablePerPacket * DATAGRAMS);
        EXPECT_EQ(ear->GetCount("seen"), DATAGRAMS);
        Simulator::Destroy();
    }
    // Transport mode, NULL encryption: the UDP header and data (8 + 200 bytes) are readable.
    {
        Chain c;
        c.ipsec.SetSaAttribute("EspProposal", StringValue("null-sha256"));
        c.Transport();
        IpsecAttackerHelper attacker;
        Ptr<EavesdropAttack> ear = DynamicCast<EavesdropAttack>(
            attacker.AddOnPath(c.router, "ns3::ipsec::EavesdropAttack"));
        SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, DATAGRAMS, 200);
        RunUntil(Seconds(3));
        EXPECT_EQ(ear->GetPlaintextBytes(), 208u * DATAGRAMS);
        Simulator::Destroy();
    }
    // Without IPsec the whole datagram is readable: UDP header and data.
    Chain c;
    IpsecAttackerHelper attacker;
    Ptr<EavesdropAttack> ear =
        DynamicCast<EavesdropAttack>(attacker.AddOnPath(c.router, "ns3::ipsec::EavesdropAttack"));
    SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, DATAGRAMS, 200);
    RunUntil(Seconds(3));
    EXPECT_EQ(ear->GetPlaintextBytes(), 208u * DATAGRAMS);
    Simulator::Destroy();
}

TEST(Attack, WithTheVictimsKeyFileTheEavesdropperReadsEverythingBeforeAndAfter)
{
    // A passive attacker records the tunnel, then steals the gateways' key file (the esp_sa
    // table IpsecHelper writes for Wireshark): every datagram it recorded opens to hostA's
    // inner datagram. Given the keys up front, it reads as the traffic passes.
    struct Case
    {
        const char* protocol;
        const char* esp;
        bool tunnel;
        bool keysFirst;
    };

    for (Case k : {Case{"esp", "aes128gcm16", true, false},
                   Case{"esp", "aes256-sha256", true, true},
                   Case{"esp+ah", "aes128gcm16", true, false},
                   Case{"esp", "chacha20poly1305", false, false}})
    {
        SCOPED_TRACE(std::string(k.protocol) + " " + k.esp + (k.tunnel ? " tunnel" : " transport") +
                     (k.keysFirst ? ", keys first" : ", keys after"));
        Chain c;
        c.ipsec.SetSaAttribute("Protocol", StringValue(k.protocol));
        c.ipsec.SetSaAttribute("EspProposal", StringValue(k.esp));
        k.tunnel ? c.Tunnel() : c.Transport();
        IpsecAttackerHelper attacker;
        Ptr<EavesdropAttack> ear = DynamicCast<EavesdropAttack>(
            attacker.AddOnPath(c.router, "ns3::ipsec::EavesdropAttack"));

        struct Seen
        {
            std::vector<std::vector<uint8_t>> payloads;
            std::vector<uint8_t> nextHeaders;
        } seen;

        ASSERT_TRUE(ear->TraceConnectWithoutContext(
            "Plaintext",
            MakeBoundCallback(
                +[](Seen* s, const Ipv4Header&, Ptr<const Packet> p, uint8_t nh) {
                    s->payloads.push_back(PacketBytes(p));
                    s->nextHeaders.push_back(nh);
                },
                &seen)));
        // Wireshark 4.2's table: 4.0's has no ChaCha20-Poly1305.
        const std::string keyFile = "attack-test-esp_sa";
        auto steal = [&c, &ear, &keyFile]() {
            c.ipsec.WriteKeyFile(keyFile, WiresharkVersion::V4_2);
            ear->AddKeys(ReadWiresharkEspSaFile(keyFile));
        };
        if (k.keysFirst)
        {
            steal();
        }
        auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, DATAGRAMS, 200);
        RunUntil(Seconds(3));
        ASSERT_EQ(flow->received, DATAGRAMS);
        EXPECT_EQ(ear->GetCount("decrypted"), k.keysFirst ? DATAGRAMS : 0u);
        if (!k.keysFirst)
        {
            EXPECT_EQ(ear->GetPlaintextBytes(), 0u) << "nothing without the keys";
            steal();
        }
        std::remove(keyFile.c_str());
        EXPECT_EQ(ear->GetCount("decrypted"), DATAGRAMS);
        EXPECT_EQ(ear->GetCount("undecryptable"), 0u);
        // Tunnel mode: the inner datagram, 20 + 8 + 200 bytes, from hostA to hostB's port 9.
        // Transport mode: the UDP datagram, 8 + 200 bytes.
        const uint64_t each = k.tunnel ? 228 : 208;
        EXPECT_EQ(ear->GetPlaintextBytes(), each * DATAGRAMS);
        ASSERT_EQ(seen.payloads.size(), DATAGRAMS);
        EXPECT_EQ(std::count(seen.nextHeaders.begin(), seen.nextHeaders.end(), k.tunnel ? 4 : 17),
                  DATAGRAMS);
        for (const auto& b : seen.payloads)
        {
            ASSERT_EQ(b.size(), each);
            const size_t udp = k.tunnel ? 20 : 0;
            if (k.tunnel)
            {
                EXPECT_EQ(Ipv4Address(ReadU32(b.data() + 12)), c.hostAAddr);
                EXPECT_EQ(Ipv4Address(ReadU32(b.data() + 16)), c.hostBAddr);
            }
            EXPECT_EQ(b[udp + 2] << 8 | b[udp + 3], 9) << "UDP destination port";
        }
        const auto flows = ear->GetFlows();
        ASSERT_EQ(flows.size(), 1u);
        EXPECT_EQ(flows[0].decrypted, DATAGRAMS);
        Simulator::Destroy();
    }
}

TEST(Attack, TheEavesdropperKeepsWhatItMayDecryptUpToKeepBytesAndNamesWhatDoesNotOpen)
{
    // KeepBytes 0: what passed before the keys is lost to it. A tamper before it on the path
    // changes packets it then cannot open (the ICV fails), each counted as undecryptable and
    // each dropped by gwB as an ICV failure.
    Lab lab;
    Ptr<Attack> tamper = lab.attacker.AddOnPath(lab.c.router,
                                                "ns3::ipsec::TamperAttack",
                                                "Protocol",
                                                UintegerValue(ESP_PROTOCOL_NUMBER),
                                                "Probability",
                                                DoubleValue(0.3));
    Ptr<EavesdropAttack> ear =
        DynamicCast<EavesdropAttack>(lab.attacker.AddOnPath(lab.c.router,
                                                            "ns3::ipsec::EavesdropAttack",
                                                            "KeepBytes",
                                                            UintegerValue(0)));
    Simulator::Schedule(Seconds(1.25),
                        [&lab, &ear]() { ear->AddKeys(lab.c.ipsec.GetEspSaKeys()); });
    auto flow = lab.Run();
    const uint64_t tampered = tamper->GetCount("tampered");
    EXPECT_GT(tampered, 5u);
    EXPECT_EQ((*lab.drops)[DropReason::ICV_FAILURE], tampered);
    // 10 ms apart from 1 s: 25 datagrams before the keys.
    const uint64_t after = ear->GetCount("decrypted") + ear->GetCount("undecryptable");
    EXPECT_EQ(after, DATAGRAMS - 25);
    EXPECT_GT(ear->GetCount("undecryptable"), 0u);
    EXPECT_LT(ear->GetCount("undecryptable"), tampered) << "some were tampered before the keys";
    EXPECT_EQ(ear->GetPlaintextBytes(), 228 * ear->GetCount("decrypted"));
    EXPECT_EQ(flow->received, DATAGRAMS - tampered);
    Simulator::Destroy();
}

TEST(Attack, AnEavesdropperReadsAnIkeMessageUpToItsSkPayload)
{
    // IKEv2 (UDP 500): the header and the payloads before SK are in the clear; SK's body is
    // not. Other UDP is readable whole.
    Ikev2Message m;
    m.header.initiatorSpi = 0x0102030405060708;
    m.header.responderSpi = 0x1112131415161718;
    m.header.exchangeType = ikev2::INFORMATIONAL;
    Ikev2SkPayload sk;
    sk.firstInner = ikev2::PAYLOAD_DELETE;
    sk.body.assign(48, 0xab);
    m.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_SK, sk));
    const std::vector<uint8_t> ike = m.Serialize();
    auto readable = [&ike](uint16_t sport, uint16_t dport) {
        const AttackPacket p = MakeUdpAttackPacket(Ipv4Address("10.0.0.1"),
                                                   Ipv4Address("10.0.0.2"),
                                                   sport,
                                                   dport,
                                                   ike);
        return EavesdropAttack::ReadableBytes(17, PacketBytes(p.payload));
    };
    EXPECT_EQ(readable(500, 500), 8u + 28 + 4) << "UDP, IKE and SK payload headers";
    EXPECT_EQ(readable(4500, 4500), 8u + 28 + 4);
    EXPECT_EQ(readable(1234, 9), 8u + ike.size());
    // IKE_SA_INIT has no SK payload: all of it is in the clear.
    m.payloads = {
        Ikev2Payload::Make(ikev2::PAYLOAD_NONCE, Ikev2NoncePayload{std::vector<uint8_t>(32, 1)})};
    m.header.exchangeType = ikev2::IKE_SA_INIT;
    const std::vector<uint8_t> init = m.Serialize();
    const AttackPacket p =
        MakeUdpAttackPacket(Ipv4Address("10.0.0.1"), Ipv4Address("10.0.0.2"), 500, 500, init);
    EXPECT_EQ(EavesdropAttack::ReadableBytes(17, PacketBytes(p.payload)), 8u + init.size());
}

TEST(Attack, AnOffPathAttackerOverhearsAndReplaysOnASharedSegment)
{
    // hostA - gwA =CSMA= gwB - hostB, and Eve on the CSMA segment: she overhears the tunnel
    // (promiscuous), reads nothing of it, and replays every 10th ESP datagram from her own
    // port with gwA's source address; gwB drops each copy as a replay. She cannot drop or
    // delay what she overhears: the flow arrives whole.
    NodeContainer nodes;
    nodes.Create(5);
    Ptr<Node> hostA = nodes.Get(0);
    Ptr<Node> gwA = nodes.Get(1);
    Ptr<Node> gwB = nodes.Get(2);
    Ptr<Node> hostB = nodes.Get(3);
    Ptr<Node> eve = nodes.Get(4);
    IpsecHelper::InstallInternetStack(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    Ipv4AddressHelper addr;
    addr.SetBase("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer lanA = addr.Assign(p2p.Install(hostA, gwA));
    addr.SetBase("10.2.0.0", "255.255.255.0");
    NetDeviceContainer segment = csma.Install(NodeContainer(gwA, gwB, eve));
    Ipv4InterfaceContainer wan = addr.Assign(segment);
    addr.SetBase("10.3.1.0", "255.255.255.0");
    Ipv4InterfaceContainer lanB = addr.Assign(p2p.Install(gwB, hostB));
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    IpsecHelper ipsec;
    ipsec.AssignStreams(1);
    ipsec.Install(NodeContainer(gwA, gwB));
    ipsec.AddTunnel(gwA,
                    wan.GetAddress(0),
                    AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                    gwB,
                    wan.GetAddress(1),
                    AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24));
    IpsecAttackerHelper attacker;
    attacker.AssignStreams(7);
    Ptr<EavesdropAttack> ear = DynamicCast<EavesdropAttack>(
        attacker.AddOffPath(eve, segment.Get(2), "ns3::ipsec::EavesdropAttack"));
    Ptr<Attack> replay = attacker.AddOffPath(eve,
                                             segment.Get(2),
                                             "ns3::ipsec::ReplayAttack",
                                             "Protocol",
                                             UintegerValue(ESP_PROTOCOL_NUMBER),
                                             "Every",
                                             UintegerValue(10),
                                             "Delay",
                                             TimeValue(MilliSeconds(3)));
    DropLog drops;
    drops.Watch(gwB);
    auto flow = SendUdp(hostA, hostB, lanB.GetAddress(1), 9, DATAGRAMS, 200);
    RunUntil(Seconds(3));

    EXPECT_EQ(flow->received, DATAGRAMS);
    EXPECT_EQ(replay->GetCount("replayed"), DATAGRAMS / 10);
    EXPECT_EQ(drops[DropReason::REPLAY], DATAGRAMS / 10);
    EXPECT_EQ(drops.Total(), DATAGRAMS / 10);
    EXPECT_EQ(ear->GetCount("seen"), DATAGRAMS) << "the tunnel's ESP, gwA to gwB";
    EXPECT_EQ(ear->GetPlaintextBytes(), 0u);
    EXPECT_GE(eve->GetObject<OffPathAttacker>()->GetOverheard(), DATAGRAMS);
    Simulator::Destroy();
}

TEST(Attack, WithoutIntegrityABitFlipReachesThePlaintext)
{
    // ESP with AES-CTR and no integrity (EncryptionOnly, an explicit and warned option): the
    // attacker flips bit 0 of the ciphertext byte that carries the 7th byte of the UDP data
    // (ESP header 8 + IV 8 + inner IPv4 20 + UDP 8 + 6 = offset 50); CTR is malleable, so hostB
    // receives every datagram with exactly that bit flipped and nothing is dropped.
    Chain c;
    c.ipsec.SetSaAttribute("EspProposal", StringValue("aes128ctr"));
    c.ipsec.SetSaAttribute("EncryptionOnly", BooleanValue(true));
    c.ipsec.SetSaAttribute("ReplayWindow", UintegerValue(0)); // anti-replay needs integrity
    c.Tunnel();
    auto drops = c.WatchDrops();
    IpsecAttackerHelper attacker;
    Ptr<Attack> tamper = attacker.AddOnPath(c.router,
                                            "ns3::ipsec::TamperAttack",
                                            "Protocol",
                                            UintegerValue(ESP_PROTOCOL_NUMBER),
                                            "Offset",
                                            UintegerValue(50));
    std::vector<std::vector<uint8_t>> received;
    Ptr<Socket> rx = Socket::CreateSocket(c.hostB, UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    rx->SetRecvCallback([&received](Ptr<Socket> s) {
        while (Ptr<Packet> p = s->Recv())
        {
            received.emplace_back(p->GetSize());
            p->CopyData(received.back().data(), p->GetSize());
        }
    });
    Ptr<Socket> tx = Socket::CreateSocket(c.hostA, UdpSocketFactory::GetTypeId());
    tx->Connect(InetSocketAddress(c.hostBAddr, 9));
    for (uint32_t i = 0; i < 10; i++)
    {
        Simulator::Schedule(Seconds(1) + MilliSeconds(10 * i), [tx]() {
            std::vector<uint8_t> data(100, 0x00);
            tx->Send(Create<Packet>(data.data(), data.size()));
        });
    }
    RunUntil(Seconds(3));
    EXPECT_EQ(tamper->GetCount("tampered"), 10u);
    EXPECT_EQ(drops->Total(), 0u);
    ASSERT_EQ(received.size(), 10u);
    std::vector<uint8_t> expected(100, 0x00);
    expected[6] = 0x01;
    for (const auto& data : received)
    {
        EXPECT_EQ(data, expected);
    }
    Simulator::Destroy();
}

TEST(Attack, EncryptionOnlyIsAnExplicitOption)
{
    // Without EncryptionOnly the proposal is refused, naming the option.
    Chain c;
    c.ipsec.SetSaAttribute("EspProposal", StringValue("aes128ctr"));
    try
    {
        c.Tunnel();
        ADD_FAILURE() << "aes128ctr without integrity was accepted";
    }
    catch (const ConfigError& e)
    {
        EXPECT_NE(std::string(e.what()).find("EncryptionOnly=true"), std::string::npos) << e.what();
    }
    Simulator::Destroy();
}

TEST(Attack, HelperMistakesAreConfigErrors)
{
    Lab lab;
    EXPECT_THROW(lab.attacker.AddOnPath(lab.c.router, "ns3::ipsec::NoSuchAttack"), ConfigError);
    EXPECT_THROW(lab.attacker.AddOnPath(lab.c.router, "ns3::ipsec::IpsecStack"), ConfigError);
    EXPECT_THROW(
        lab.attacker.AddOnPath(lab.c.router, "ns3::ipsec::TamperAttack", "Mask", UintegerValue(0)),
        ConfigError);
    EXPECT_THROW(
        lab.attacker.AddOnPath(lab.c.router, "ns3::ipsec::DropAttack", "Colour", UintegerValue(1)),
        ConfigError);
    Ptr<Node> bare = CreateObject<Node>();
    EXPECT_THROW(IpsecAttackerHelper::InstallOnPath(bare), ConfigError);
    Simulator::Destroy();
}

} // namespace test
} // namespace ipsec
} // namespace ns3
