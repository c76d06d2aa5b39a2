// SPDX-License-Identifier: GPL-2.0-only
// "Modeled crypto" (SaParameters Crypto=modeled): the same packet format and timing as real
// crypto, no cipher or ICV work; what it keeps and what it gives up.

#include "ipsec-scenario.h"
#include "ipsec-test-util.h"

#include "ns3/ipsec-ah-codec.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-crypto-engine.h"
#include "ns3/ipsec-esp-codec.h"
#include "ns3/ipsec-key-export.h"
#include "ns3/ipsec-modeled-crypto.h"

#include <gtest/gtest.h>
#include <sstream>

namespace ns3
{
namespace ipsec
{
namespace test
{
namespace
{

constexpr uint32_t kSpi = 0x00001001;

/// A real and a modeled codec of one suite with the same keys.
struct Codecs
{
    EspSuite suite;
    std::vector<uint8_t> encKey;
    std::vector<uint8_t> integKey;
    EspCodec real;
    EspCodec modeled;

    explicit Codecs(const char* proposal)
        : suite(EspSuite::Parse(proposal)),
          encKey(Pattern(suite.encryption->keySize, 0x21)),
          integKey(suite.integrity ? Pattern(suite.integrity->keySize, 0x42)
                                   : std::vector<uint8_t>()),
          real(kSpi, suite, encKey, integKey),
          modeled(kSpi, suite, encKey, integKey, CryptoMode::MODELED)
    {
    }
};

const char* kSuites[] = {"aes128gcm16",
                         "aes128-sha256",
                         "chacha20poly1305",
                         "aes128gmac",
                         "3des-sha1",
                         "aes128ctr-sha1",
                         "null-sha256",
                         "aes256gcm16-esn"};

TEST(ModeledCrypto, ParsesItsNames)
{
    EXPECT_EQ(ParseCryptoMode("real"), CryptoMode::REAL);
    EXPECT_EQ(ParseCryptoMode("modeled"), CryptoMode::MODELED);
    EXPECT_STREQ(GetCryptoModeName(CryptoMode::MODELED), "modeled");
    try
    {
        ParseCryptoMode("fake");
        FAIL() << "an unknown mode was accepted";
    }
    catch (const ConfigError& e)
    {
        EXPECT_NE(std::string(e.what()).find("\"modeled\""), std::string::npos) << e.what();
    }
}

TEST(ModeledCrypto, EspKeepsTheRealFormatAndSendsThePayloadInTheClear)
{
    for (const char* proposal : kSuites)
    {
        SCOPED_TRACE(proposal);
        Codecs c(proposal);
        EXPECT_EQ(c.modeled.GetCryptoMode(), CryptoMode::MODELED);
        EXPECT_EQ(c.real.GetCryptoMode(), CryptoMode::REAL);
        for (uint32_t size : {0u, 1u, 61u, 1000u})
        {
            const std::vector<uint8_t> payload = Pattern(size, 0x7);
            std::vector<uint8_t> real;
            std::vector<uint8_t> modeled;
            const uint64_t seq = c.suite.esn ? (uint64_t{3} << 32) + 77 : 77;
            ASSERT_EQ(c.real.Encapsulate(seq, 4, payload, real), DropReason::NONE);
            ASSERT_EQ(c.modeled.Encapsulate(seq, 4, payload, modeled), DropReason::NONE);
            ASSERT_EQ(modeled.size(), real.size());
            EXPECT_EQ(modeled.size(), c.real.GetEncapsulatedSize(size));
            // SPI and sequence number as real.
            EXPECT_TRUE(std::equal(modeled.begin(), modeled.begin() + 8, real.begin()));
            // The payload follows the IV unencrypted, then the real trailer's padding.
            const size_t text = 8 + c.real.GetIvSize();
            EXPECT_TRUE(std::equal(payload.begin(), payload.end(), modeled.begin() + text));
            const size_t icv = modeled.size() - c.real.GetIcvSize();
            EXPECT_EQ(modeled[icv - 1], 4) << "next header";
            for (size_t i = icv; i < modeled.size(); i++)
            {
                EXPECT_EQ(modeled[i], 0) << "ICV byte " << i - icv;
            }
            if (size >= 16 && c.suite.encryption->id != encr::NULL_ENCR &&
                c.suite.encryption->kind != CryptoKind::GMAC)
            {
                EXPECT_FALSE(std::equal(payload.begin(), payload.end(), real.begin() + text))
                    << "the real codec encrypts";
            }
            // A modeled receiver opens it.
            std::vector<uint8_t> out;
            uint8_t next = 0;
            ASSERT_EQ(c.modeled.Decapsulate(modeled, 3, out, next), DropReason::NONE);
            EXPECT_EQ(out, payload);
            EXPECT_EQ(next, 4);
        }
    }
}

TEST(ModeledCrypto, EspChecksTheIcvIsZeroButNotTheContent)
{
    for (const char* proposal : kSuites)
    {
        SCOPED_TRACE(proposal);
        Codecs c(proposal);
        const std::vector<uint8_t> payload = Pattern(200, 0x3);
        std::vector<uint8_t> real;
        std::vector<uint8_t> modeled;
        ASSERT_EQ(c.real.Encapsulate(5, 17, payload, real), DropReason::NONE);
        ASSERT_EQ(c.modeled.Encapsulate(5, 17, payload, modeled), DropReason::NONE);
        std::vector<uint8_t> out;
        uint8_t next = 0;
        // A real sender's packet fails at a modeled receiver, and the other way round.
        EXPECT_EQ(c.modeled.Decapsulate(real, 0, out, next), DropReason::ICV_FAILURE);
        EXPECT_EQ(c.real.Decapsulate(modeled, 0, out, next), DropReason::ICV_FAILURE);
        // A changed payload byte goes unnoticed: modeled crypto detects no tampering.
        std::vector<uint8_t> changed = modeled;
        changed[8 + c.real.GetIvSize() + 10] ^= 0x80;
        ASSERT_EQ(c.modeled.Decapsulate(changed, 0, out, next), DropReason::NONE);
        EXPECT_NE(out, payload);
        // Lengths are still checked.
        std::vector<uint8_t> cut(modeled.begin(), modeled.begin() + 9);
        EXPECT_EQ(c.modeled.Decapsulate(cut, 0, out, next), DropReason::TRUNCATED);
    }
}

TEST(ModeledCrypto, KeysAreStillChecked)
{
    const EspSuite suite = EspSuite::Parse("aes128gcm16");
    const std::vector<uint8_t> shortKey(16, 1); // 16 key + 4 salt needed
    EXPECT_THROW(EspCodec(kSpi, suite, shortKey, {}, CryptoMode::MODELED), ConfigError);
    const TransformInfo* sha256 = nullptr;
    bool esn = false;
    ParseAhProposal("sha256", sha256, esn);
    ASSERT_NE(sha256, nullptr);
    EXPECT_THROW(AhCodec(kSpi, *sha256, shortKey, false, CryptoMode::MODELED), ConfigError);
}

TEST(ModeledCrypto, AhWritesAZeroIcvOfTheRealLength)
{
    const TransformInfo* integ = nullptr;
    bool esn = false;
    ParseAhProposal("sha512", integ, esn);
    ASSERT_NE(integ, nullptr);
    const std::vector<uint8_t> key = Pattern(integ->keySize, 9);
    AhCodec real(kSpi, *integ, key);
    AhCodec modeled(kSpi, *integ, key, false, CryptoMode::MODELED);
    EXPECT_EQ(modeled.GetCryptoMode(), CryptoMode::MODELED);
    EXPECT_EQ(modeled.GetHeaderSize(), real.GetHeaderSize());
    const std::vector<uint8_t> rest(real.GetHeaderSize() + 100, 0);
    std::vector<uint8_t> ip =
        Ipv4Datagram(Ipv4Address("10.0.0.1"), Ipv4Address("10.0.0.2"), 51, 7, rest);
    ip.resize(20);
    const std::vector<uint8_t> payload = Pattern(100, 1);
    std::vector<uint8_t> ahReal;
    std::vector<uint8_t> ahModeled;
    ASSERT_EQ(real.Compute(9, 17, ip, payload, ahReal), DropReason::NONE);
    ASSERT_EQ(modeled.Compute(9, 17, ip, payload, ahModeled), DropReason::NONE);
    ASSERT_EQ(ahModeled.size(), ahReal.size());
    EXPECT_TRUE(std::equal(ahModeled.begin(), ahModeled.begin() + 12, ahReal.begin()));
    EXPECT_TRUE(
        std::all_of(ahModeled.begin() + 12, ahModeled.end(), [](uint8_t b) { return b == 0; }));
    uint8_t next = 0;
    EXPECT_EQ(modeled.Verify(ip, ahModeled, payload, 0, next), DropReason::NONE);
    EXPECT_EQ(next, 17);
    EXPECT_EQ(modeled.Verify(ip, ahReal, payload, 0, next), DropReason::ICV_FAILURE);
    EXPECT_EQ(real.Verify(ip, ahModeled, payload, 0, next), DropReason::ICV_FAILURE);
}

/// What the WAN carried in one run: each ESP frame's size, SPI, sequence number and bytes.
struct WanRecord
{
    std::vector<std::vector<uint8_t>> esp; ///< ESP bytes (after the outer IP header)
    uint32_t delivered{0};                 ///< datagrams at hostB
    Time lastArrival;                      ///< when the last one arrived
};

/**
 * Count datagrams at a socket.
 * @param r the record
 * @param s the socket
 */
void
Receive(WanRecord* r, Ptr<Socket> s)
{
    while (s->Recv())
    {
        r->delivered++;
        r->lastArrival = Simulator::Now();
    }
}

/**
 * Run the tunnel with a protocol and crypto mode and record the WAN.
 * @param crypto "real" or "modeled"
 * @param protocol "esp", "ah" or "esp+ah"
 * @param engines whether the gateways charge the reference table's costs
 * @return the record
 */
WanRecord
RunTunnel(const char* crypto, const char* protocol, bool engines)
{
    Chain c;
    c.ipsec.SetSaAttribute("Crypto", StringValue(crypto));
    c.ipsec.SetSaAttribute("Protocol", StringValue(protocol));
    c.ipsec.SetSaAttribute("EspProposal", StringValue("aes128-sha256"));
    if (engines)
    {
        c.ipsec.InstallCryptoEngine(NodeContainer(c.gwA, c.gwB));
    }
    c.Tunnel();
    auto rec = std::make_shared<WanRecord>();
    InstallFrameHook(c.GwBWan(), [rec](Ptr<Packet> frame) {
        Ipv4Header ip;
        if (ParseFrame(frame, ip) && ip.GetProtocol() != 0)
        {
            Ptr<Packet> datagram = FrameDatagram(frame);
            datagram->RemoveHeader(ip);
            rec->esp.push_back(PacketBytes(datagram));
        }
        return false;
    });
    Ptr<Socket> rx = Socket::CreateSocket(c.hostB, UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9000));
    rx->SetRecvCallback(MakeBoundCallback(&Receive, rec.get()));
    Ptr<Socket> tx = Socket::CreateSocket(c.hostA, UdpSocketFactory::GetTypeId());
    tx->Connect(InetSocketAddress(c.hostBAddr, 9000));
    for (uint32_t i = 0; i < 20; i++) // 100..1240 bytes: no fragments
    {
        Simulator::Schedule(Seconds(1) + MicroSeconds(7 * i),
                            [tx, i]() { tx->Send(Create<Packet>(100 + 60 * i)); });
    }
    RunUntil(Seconds(3));
    return *rec;
}

TEST(ModeledCrypto, TunnelCarriesTheSameSizesSequenceNumbersAndTiming)
{
    for (const char* protocol : {"esp", "ah", "esp+ah"})
    {
        SCOPED_TRACE(protocol);
        const WanRecord real = RunTunnel("real", protocol, true);
        const WanRecord modeled = RunTunnel("modeled", protocol, true);
        EXPECT_EQ(real.delivered, 20u);
        EXPECT_EQ(modeled.delivered, 20u);
        ASSERT_EQ(modeled.esp.size(), real.esp.size());
        ASSERT_EQ(real.esp.size(), 20u);
        for (size_t i = 0; i < real.esp.size(); i++)
        {
            ASSERT_EQ(modeled.esp[i].size(), real.esp[i].size()) << "packet " << i;
            // SPI and sequence number (ESP), or next header .. sequence number (AH).
            const size_t header = std::string(protocol) == "esp" ? 8 : 12;
            EXPECT_TRUE(std::equal(real.esp[i].begin(),
                                   real.esp[i].begin() + header,
                                   modeled.esp[i].begin()))
                << "packet " << i;
            EXPECT_NE(real.esp[i], modeled.esp[i]) << "the modeled packet's ICV is zero";
        }
        // The engines charge the real suite's cost: the same last arrival to the nanosecond.
        EXPECT_EQ(modeled.lastArrival, real.lastArrival);
        EXPECT_GT(real.lastArrival, RunTunnel("real", protocol, false).lastArrival)
            << "the engines add time";
    }
}

TEST(ModeledCrypto, TunnelPayloadIsVisibleOnTheWire)
{
    const WanRecord modeled = RunTunnel("modeled", "esp", false);
    ASSERT_FALSE(modeled.esp.empty());
    // aes128-sha256: 8 bytes of header, a 16-byte IV, then the inner IPv4 header (0x45).
    EXPECT_EQ(modeled.esp[0][8 + 16], 0x45);
    const WanRecord real = RunTunnel("real", "esp", false);
    ASSERT_FALSE(real.esp.empty());
    EXPECT_EQ(real.esp[0].size(), modeled.esp[0].size());
}

TEST(ModeledCrypto, KeyFileSaysTheBytesAreNotCiphertext)
{
    Chain c;
    c.ipsec.SetSaAttribute("Crypto", StringValue("modeled"));
    c.Tunnel();
    std::ostringstream os;
    WriteWiresharkEspSa(os, c.ipsec.GetEspSaKeys());
    const std::string text = os.str();
    EXPECT_NE(text.find("MODELED CRYPTO"), std::string::npos) << text;
    std::istringstream lines(text);
    std::string line;
    uint32_t entries = 0;
    while (std::getline(lines, line))
    {
        entries += (!line.empty() && line[0] != '#') ? 1 : 0;
    }
    EXPECT_EQ(entries, 0u) << "no decryption entry for a modeled SA:\n" << text;
    ScratchDir dir("ipsec-modeled");
    const std::string keys = dir.File("esp_sa");
    c.ipsec.WriteKeyFile(keys);
    for (const std::string& arg : TsharkEspArguments(keys))
    {
        EXPECT_EQ(arg.find("uat:esp_sa:"), std::string::npos) << arg;
    }
    for (const auto& [node, sa] : c.ipsec.GetSas())
    {
        EXPECT_NE(sa->GetConfig().ToString().find("(modeled crypto)"), std::string::npos);
    }
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
