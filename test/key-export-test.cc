// SPDX-License-Identifier: GPL-2.0-only
//
// Wireshark key export: the esp_sa lines against hand-written strings, then tshark 4.0
// decrypting ESP packets built by EspCodec with the exported keys.

#include "ipsec-test-util.h"

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-esp-codec.h"
#include "ns3/ipsec-hex.h"
#include "ns3/ipsec-key-export.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iostream>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

const Ipv4Address kSrc("10.1.1.1");
const Ipv4Address kDst("10.1.1.2");

/// Bytes start, start + 1, ... (so the expected hex can be written by hand).
std::vector<uint8_t>
Counting(size_t size, uint8_t start)
{
    std::vector<uint8_t> v(size);
    for (size_t i = 0; i < size; ++i)
    {
        v[i] = static_cast<uint8_t>(start + i);
    }
    return v;
}

/// An SA from kSrc to kDst: encryption key counting from 0x00, integrity key from 0x20.
EspSaKeys
MakeSa(const EspSuite& suite, uint32_t spi = 0x1001)
{
    EspSaKeys sa;
    sa.source = kSrc;
    sa.destination = kDst;
    sa.spi = spi;
    sa.suite = suite;
    sa.encryptionKey = Counting(suite.encryption->keySize, 0x00);
    if (suite.integrity)
    {
        sa.integrityKey = Counting(suite.integrity->keySize, 0x20);
    }
    return sa;
}

EspSaKeys
MakeSa(const std::string& proposal, uint32_t spi = 0x1001)
{
    return MakeSa(EspSuite::Parse(proposal), spi);
}

std::string
ReadFile(const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

std::vector<std::string>
Split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, separator))
    {
        parts.push_back(part);
    }
    if (!text.empty() && text.back() == separator)
    {
        parts.emplace_back();
    }
    return parts;
}

} // namespace

// --- The esp_sa lines, against hand-written expectations ------------------------------------

TEST(KeyExport, AesCbcHmacSha1Line)
{
    EXPECT_EQ(WiresharkEspSaLine(MakeSa("aes128-sha1")),
              "\"IPv4\",\"10.1.1.1\",\"10.1.1.2\",\"0x00001001\",\"AES-CBC [RFC3602]\","
              "\"0x000102030405060708090a0b0c0d0e0f\",\"HMAC-SHA-1-96 [RFC2404]\","
              "\"0x202122232425262728292a2b2c2d2e2f30313233\"");
}

TEST(KeyExport, AesGcmLineCarriesKeyAndSaltWithNullAuthentication)
{
    EXPECT_EQ(WiresharkEspSaLine(MakeSa("aes256gcm16", 0xc0ffee01)),
              "\"IPv4\",\"10.1.1.1\",\"10.1.1.2\",\"0xc0ffee01\","
              "\"AES-GCM with 16 octet ICV [RFC4106]\","
              "\"0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223\","
              "\"NULL\",\"\"");
    EXPECT_EQ(WiresharkEspSaLine(MakeSa("aes128gcm8")),
              "\"IPv4\",\"10.1.1.1\",\"10.1.1.2\",\"0x00001001\","
              "\"AES-GCM with 8 octet ICV [RFC4106]\","
              "\"0x000102030405060708090a0b0c0d0e0f10111213\",\"NULL\",\"\"");
}

TEST(KeyExport, OtherCiphersAndIntegrityNames)
{
    EXPECT_EQ(WiresharkEspSaLine(MakeSa("null-sha256")),
              "\"IPv4\",\"10.1.1.1\",\"10.1.1.2\",\"0x00001001\",\"NULL\",\"\","
              "\"HMAC-SHA-256-128 [RFC4868]\","
              "\"0x202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f\"");
    EXPECT_EQ(WiresharkEspSaLine(MakeSa("aes128ctr-sha384")),
              "\"IPv4\",\"10.1.1.1\",\"10.1.1.2\",\"0x00001001\",\"AES-CTR [RFC3686]\","
              "\"0x000102030405060708090a0b0c0d0e0f10111213\",\"HMAC-SHA-384-192 [RFC4868]\","
              "\"0x202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
              "404142434445464748494a4b4c4d4e4f\"");
    const std::string tripleDes = WiresharkEspSaLine(MakeSa("3des-sha512"));
    EXPECT_NE(tripleDes.find(",\"TripleDES-CBC [RFC2451]\","
                             "\"0x000102030405060708090a0b0c0d0e0f1011121314151617\","
                             "\"HMAC-SHA-512-256 [RFC4868]\",\"0x2021"),
              std::string::npos)
        << tripleDes;

    EspSaKeys confidentialityOnly =
        MakeSa(EspSuite::ConfidentialityOnly(FindTransformByKeyword("aes192")));
    EXPECT_EQ(WiresharkEspSaLine(confidentialityOnly),
              "\"IPv4\",\"10.1.1.1\",\"10.1.1.2\",\"0x00001001\",\"AES-CBC [RFC3602]\","
              "\"0x000102030405060708090a0b0c0d0e0f1011121314151617\",\"NULL\",\"\"");
}

TEST(KeyExport, UncheckableIntegrityBecomesAnyWithTheKeyKept)
{
    EXPECT_EQ(WiresharkEspSaLine(MakeSa("aes128-sha256-esn")),
              "\"IPv4\",\"10.1.1.1\",\"10.1.1.2\",\"0x00001001\",\"AES-CBC [RFC3602]\","
              "\"0x000102030405060708090a0b0c0d0e0f\","
              "\"ANY 128 bit authentication [no checking]\","
              "\"0x202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f\"");
    EXPECT_EQ(WiresharkEspSaLine(MakeSa("aes128-aesxcbc")),
              "\"IPv4\",\"10.1.1.1\",\"10.1.1.2\",\"0x00001001\",\"AES-CBC [RFC3602]\","
              "\"0x000102030405060708090a0b0c0d0e0f\","
              "\"ANY 96 bit authentication [no checking]\","
              "\"0x202122232425262728292a2b2c2d2e2f\"");
    EXPECT_NE(WiresharkEspSaLine(MakeSa("aes256-sha512-esn"))
                  .find("\"ANY 256 bit authentication [no checking]\""),
              std::string::npos);
    EXPECT_NE(WiresharkEspSaLine(MakeSa("aes256-sha384-esn"))
                  .find("\"ANY 192 bit authentication [no checking]\""),
              std::string::npos);
}

TEST(KeyExport, UndecryptableCipherIsAComment)
{
    EXPECT_EQ(WiresharkEspSaLine(MakeSa("chacha20poly1305")),
              "# SPI 0x00001001 10.1.1.1 -> 10.1.1.2 (chacha20poly1305): Wireshark 4.0 cannot "
              "decrypt ENCR_CHACHA20_POLY1305; no entry");
    EXPECT_EQ(WiresharkEspSaLine(MakeSa("aes256gmac", 0x2002)),
              "# SPI 0x00002002 10.1.1.1 -> 10.1.1.2 (aes256gmac): Wireshark 4.0 cannot "
              "decrypt ENCR_NULL_AUTH_AES_GMAC; no entry");
}

TEST(KeyExport, FileHasHeaderAndCaveatComments)
{
    std::ostringstream os;
    WriteWiresharkEspSa(os,
                        {MakeSa("aes128-sha1", 0x100),
                         MakeSa("aes128gcm12-esn", 0x101),
                         MakeSa("chacha20poly1305-esn", 0x102)});
    EXPECT_EQ(os.str(),
              "# ESP SAs for Wireshark 4.0 (esp_sa), written by ns3-ipsec.\n"
              "\"IPv4\",\"10.1.1.1\",\"10.1.1.2\",\"0x00000100\",\"AES-CBC [RFC3602]\","
              "\"0x000102030405060708090a0b0c0d0e0f\",\"HMAC-SHA-1-96 [RFC2404]\","
              "\"0x202122232425262728292a2b2c2d2e2f30313233\"\n"
              "# SPI 0x00000101 10.1.1.1 -> 10.1.1.2 (aes128gcm12-esn): Wireshark 4.0 has no "
              "ESN (its AAD holds a 32-bit sequence number), so it decrypts but shows the ICV "
              "as incorrect\n"
              "\"IPv4\",\"10.1.1.1\",\"10.1.1.2\",\"0x00000101\","
              "\"AES-GCM with 12 octet ICV [RFC4106]\","
              "\"0x000102030405060708090a0b0c0d0e0f10111213\",\"NULL\",\"\"\n"
              "# SPI 0x00000102 10.1.1.1 -> 10.1.1.2 (chacha20poly1305-esn): Wireshark 4.0 "
              "cannot decrypt ENCR_CHACHA20_POLY1305; no entry\n");
}

TEST(KeyExport, WrongKeyLengthsAreRefused)
{
    EspSaKeys sa = MakeSa("aes128-sha256");
    sa.integrityKey.pop_back();
    EXPECT_THROW(WiresharkEspSaLine(sa), ConfigError);
    sa = MakeSa("aes128gcm16");
    sa.encryptionKey.resize(16); // salt missing
    EXPECT_THROW(WiresharkEspSaLine(sa), ConfigError);
    sa = MakeSa("aes128gcm16");
    sa.integrityKey = Counting(20, 0);
    EXPECT_THROW(WiresharkEspSaLine(sa), ConfigError);
    std::ostringstream os;
    EXPECT_THROW(WriteWiresharkEspSa(os, {sa}), ConfigError);
}

TEST(KeyExport, WiresharkNamesInTheTable)
{
    for (const auto& row : GetTransformTable())
    {
        const bool unsupported = row.type == TransformType::PRF || row.kind == CryptoKind::GMAC ||
                                 row.kind == CryptoKind::CHACHA20_POLY1305 ||
                                 row.kind == CryptoKind::XCBC;
        EXPECT_EQ(row.wiresharkName == nullptr, unsupported) << row.keyword;
    }
    EXPECT_STREQ(FindTransformByKeyword("aes192gcm12")->wiresharkName,
                 "AES-GCM with 12 octet ICV [RFC4106]");
    EXPECT_STREQ(FindTransformByKeyword("null")->wiresharkName, "NULL");
}

TEST(KeyExport, TsharkOptionsFromTheFile)
{
    ScratchDir dir("ipsec-key-export");
    const std::string keyFile = dir.File("esp_sa");
    {
        std::ofstream out(keyFile);
        WriteWiresharkEspSa(out, {MakeSa("chacha20poly1305", 0x5), MakeSa("aes128gcm8", 0x6)});
        out << "\n   # indented comment\n";
    }
    const std::string line = WiresharkEspSaLine(MakeSa("aes128gcm8", 0x6));
    EXPECT_EQ(TsharkEspArguments(keyFile),
              (std::vector<std::string>{"-o",
                                        "esp.enable_encryption_decode:TRUE",
                                        "-o",
                                        "esp.enable_authentication_check:TRUE",
                                        "-o",
                                        "uat:esp_sa:" + line}));
    EXPECT_EQ(TsharkEspOptions(keyFile),
              "-o esp.enable_encryption_decode:TRUE -o esp.enable_authentication_check:TRUE -o "
              "'uat:esp_sa:\"IPv4\",\"10.1.1.1\",\"10.1.1.2\",\"0x00000006\","
              "\"AES-GCM with 8 octet ICV [RFC4106]\","
              "\"0x000102030405060708090a0b0c0d0e0f10111213\",\"NULL\",\"\"'");
    EXPECT_THROW(TsharkEspArguments(dir.File("missing")), ConfigError);
}

TEST(KeyExport, ConfigDirHasTableAndPreferences)
{
    ScratchDir dir("ipsec-key-export");
    const std::string config = dir.File("wireshark");
    WriteWiresharkConfigDir(config, {MakeSa("aes128-sha1")});
    std::ostringstream table;
    WriteWiresharkEspSa(table, {MakeSa("aes128-sha1")});
    EXPECT_EQ(ReadFile(config + "/esp_sa"), table.str());
    EXPECT_EQ(ReadFile(config + "/preferences"),
              "# Written by ns3-ipsec: decrypt ESP with the SAs in esp_sa.\n"
              "esp.enable_encryption_decode: TRUE\n"
              "esp.enable_authentication_check: TRUE\n");
}

// --- tshark decrypts what EspCodec builds ---------------------------------------------------

namespace
{

/// One decryption case.
struct TsharkCase
{
    const char* proposal;        ///< suite ("aes128" alone: confidentiality-only)
    WiresharkEspSupport support; ///< what Wireshark 4.0 is expected to do
};

std::ostream&
operator<<(std::ostream& os, const TsharkCase& c)
{
    return os << c.proposal;
}

EspSuite
SuiteOf(const std::string& proposal)
{
    if (proposal == "aes128")
    {
        return EspSuite::ConfidentialityOnly(FindTransformByKeyword("aes128"));
    }
    return EspSuite::Parse(proposal);
}

const char* const kFields[] = {"esp.spi",
                               "esp.sequence",
                               "udp.srcport",
                               "udp.dstport",
                               "data.data",
                               "esp.pad_len",
                               "esp.protocol",
                               "esp.icv_good",
                               "esp.icv_bad"};

/// One captured packet: what was sent, to compare with tshark's fields.
struct Sent
{
    uint32_t spi;                 ///< SPI
    uint64_t seq;                 ///< full sequence number
    uint16_t srcPort;             ///< UDP source port
    uint16_t dstPort;             ///< UDP destination port
    std::vector<uint8_t> payload; ///< UDP payload
    uint32_t padLength;           ///< ESP Pad Length
    bool hasIcv;                  ///< whether the packet carries an ICV
};

/// Encapsulate UDP datagrams of several sizes with an SA; append them to a capture.
void
Capture(const EspSaKeys& sa,
        uint16_t firstPort,
        std::vector<std::vector<uint8_t>>& datagrams,
        std::vector<Sent>& sent)
{
    EspCodec codec(sa.spi, sa.suite, sa.encryptionKey, sa.integrityKey);
    const uint64_t firstSeq = sa.suite.esn ? (uint64_t{1} << 32) + 1 : 1;
    const size_t sizes[] = {1, 15, 16, 100, 1000};
    for (size_t i = 0; i < std::size(sizes); ++i)
    {
        Sent s{sa.spi,
               firstSeq + i,
               static_cast<uint16_t>(firstPort + i),
               50000,
               Counting(sizes[i], static_cast<uint8_t>(0x61 + i)),
               0,
               codec.GetIcvSize() > 0};
        const auto udp = UdpDatagram(s.srcPort, s.dstPort, s.payload);
        std::vector<uint8_t> esp;
        ASSERT_EQ(codec.Encapsulate(s.seq, 17, udp, esp), DropReason::NONE);
        s.padLength = codec.GetEncapsulatedSize(udp.size()) - 8 - codec.GetIvSize() - udp.size() -
                      2 - codec.GetIcvSize();
        ASSERT_EQ(esp.size(), codec.GetEncapsulatedSize(udp.size()));
        datagrams.push_back(Ipv4Datagram(sa.source,
                                         sa.destination,
                                         50,
                                         static_cast<uint16_t>(datagrams.size() + 1),
                                         esp));
        sent.push_back(std::move(s));
    }
}

std::string
ShellQuoted(const std::string& s)
{
    return "'" + s + "'"; // our temporary paths hold no single quote
}

/// Run tshark on a capture and check every packet against what was sent.
void
RunTsharkAndCheck(const std::string& commandPrefix,
                  const std::string& pcap,
                  const std::string& options,
                  const std::string& errFile,
                  const std::vector<Sent>& sent,
                  WiresharkEspSupport support)
{
    std::string out;
    ASSERT_EQ(RunCommand("command -v tshark", out), 0)
        << "tshark is not installed: it is needed to check Wireshark decryption "
           "(scripts/install-deps.sh installs it; Debian package tshark)";

    std::string command = commandPrefix + "tshark -n -r " + ShellQuoted(pcap) + " " + options +
                          " -T fields -E separator=/t";
    for (const char* field : kFields)
    {
        command += std::string(" -e ") + field;
    }
    command += " 2>" + ShellQuoted(errFile);
    ASSERT_EQ(RunCommand(command, out), 0) << command << "\nstderr:\n"
                                           << ReadFile(errFile) << "\nstdout:\n"
                                           << out;

    std::vector<std::string> lines = Split(out, '\n');
    if (!lines.empty() && lines.back().empty())
    {
        lines.pop_back();
    }
    ASSERT_EQ(lines.size(), sent.size()) << out << ReadFile(errFile);
    for (size_t i = 0; i < sent.size(); ++i)
    {
        const Sent& s = sent[i];
        const auto f = Split(lines[i], '\t');
        ASSERT_EQ(f.size(), std::size(kFields)) << lines[i];
        SCOPED_TRACE("packet " + std::to_string(i + 1) + ": " + lines[i]);
        char spi[16];
        std::snprintf(spi, sizeof(spi), "0x%08x", s.spi);
        EXPECT_EQ(f[0], spi);
        EXPECT_EQ(f[1], std::to_string(static_cast<uint32_t>(s.seq)));
        if (support == WiresharkEspSupport::NONE)
        {
            EXPECT_EQ(f[2], "") << "tshark found UDP in a packet it cannot decrypt";
            EXPECT_EQ(f[4], "");
            continue;
        }
        EXPECT_EQ(f[2], std::to_string(s.srcPort));
        EXPECT_EQ(f[3], std::to_string(s.dstPort));
        EXPECT_EQ(f[4], Hex(s.payload));
        EXPECT_EQ(f[5], std::to_string(s.padLength));
        EXPECT_EQ(f[6], "0x11");
        if (!s.hasIcv)
        {
            // Confidentiality-only: Wireshark adds no ICV fields.
            EXPECT_EQ(f[7], "");
            EXPECT_EQ(f[8], "");
            continue;
        }
        EXPECT_EQ(f[7], support == WiresharkEspSupport::FULL ? "1" : "0");
        EXPECT_EQ(f[8], support == WiresharkEspSupport::ICV_BAD ? "1" : "0");
    }
}

class TsharkDecrypt : public ::testing::TestWithParam<TsharkCase>
{
};

} // namespace

TEST_P(TsharkDecrypt, EveryPacketOpensToTheUdpDatagram)
{
    const TsharkCase& c = GetParam();
    const EspSaKeys sa = MakeSa(SuiteOf(c.proposal), 0x00abc001);
    ASSERT_EQ(GetWiresharkEspSupport(sa.suite), c.support);

    ScratchDir dir("ipsec-key-export");
    std::vector<std::vector<uint8_t>> datagrams;
    std::vector<Sent> sent;
    Capture(sa, 40000, datagrams, sent);
    ASSERT_FALSE(HasFatalFailure());
    ASSERT_TRUE(WriteRawIpPcap(dir.File("esp.pcap"), datagrams));
    {
        std::ofstream keys(dir.File("esp_sa"));
        WriteWiresharkEspSa(keys, {sa});
    }
    RunTsharkAndCheck("",
                      dir.File("esp.pcap"),
                      TsharkEspOptions(dir.File("esp_sa")),
                      dir.File("tshark.err"),
                      sent,
                      c.support);
}

INSTANTIATE_TEST_SUITE_P(
    KeyExport,
    TsharkDecrypt,
    ::testing::Values(TsharkCase{"aes128-sha1", WiresharkEspSupport::FULL},
                      TsharkCase{"aes256-sha1", WiresharkEspSupport::FULL},
                      TsharkCase{"aes128-sha256", WiresharkEspSupport::FULL},
                      TsharkCase{"aes256-sha256", WiresharkEspSupport::FULL},
                      TsharkCase{"aes192-sha384", WiresharkEspSupport::FULL},
                      TsharkCase{"aes256-sha384", WiresharkEspSupport::FULL},
                      TsharkCase{"aes128-sha512", WiresharkEspSupport::FULL},
                      TsharkCase{"aes256-sha512", WiresharkEspSupport::FULL},
                      TsharkCase{"aes128ctr-sha256", WiresharkEspSupport::FULL},
                      TsharkCase{"aes192ctr-sha1", WiresharkEspSupport::FULL},
                      TsharkCase{"aes256ctr-sha512", WiresharkEspSupport::FULL},
                      TsharkCase{"aes128gcm8", WiresharkEspSupport::FULL},
                      TsharkCase{"aes128gcm12", WiresharkEspSupport::FULL},
                      TsharkCase{"aes128gcm16", WiresharkEspSupport::FULL},
                      TsharkCase{"aes192gcm16", WiresharkEspSupport::FULL},
                      TsharkCase{"aes256gcm8", WiresharkEspSupport::FULL},
                      TsharkCase{"aes256gcm12", WiresharkEspSupport::FULL},
                      TsharkCase{"aes256gcm16", WiresharkEspSupport::FULL},
                      TsharkCase{"null-sha1", WiresharkEspSupport::FULL},
                      TsharkCase{"null-sha256", WiresharkEspSupport::FULL},
                      TsharkCase{"3des-sha1", WiresharkEspSupport::FULL},
                      TsharkCase{"3des-sha256", WiresharkEspSupport::FULL},
                      TsharkCase{"aes128", WiresharkEspSupport::FULL},
                      TsharkCase{"aes128-aesxcbc", WiresharkEspSupport::ICV_UNCHECKED},
                      TsharkCase{"aes128-sha256-esn", WiresharkEspSupport::ICV_UNCHECKED},
                      TsharkCase{"aes256ctr-sha1-esn", WiresharkEspSupport::ICV_UNCHECKED},
                      TsharkCase{"null-sha512-esn", WiresharkEspSupport::ICV_UNCHECKED},
                      TsharkCase{"aes128gcm16-esn", WiresharkEspSupport::ICV_BAD},
                      TsharkCase{"aes256gcm8-esn", WiresharkEspSupport::ICV_BAD},
                      TsharkCase{"chacha20poly1305", WiresharkEspSupport::NONE},
                      TsharkCase{"aes128gmac", WiresharkEspSupport::NONE},
                      TsharkCase{"aes256gmac-esn", WiresharkEspSupport::NONE}),
    [](const ::testing::TestParamInfo<TsharkCase>& info) {
        std::string name = info.param.proposal;
        for (auto& ch : name)
        {
            ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
        }
        return name;
    });

TEST(KeyExport, TsharkDecryptsWithAConfigDirectory)
{
    // Two SAs, one per direction, found by address and SPI from WIRESHARK_CONFIG_DIR alone.
    EspSaKeys out = MakeSa("aes256-sha512", 0x3001);
    EspSaKeys back = MakeSa("aes128gcm16", 0x3002);
    back.source = kDst;
    back.destination = kSrc;

    ScratchDir dir("ipsec-key-export");
    std::vector<std::vector<uint8_t>> datagrams;
    std::vector<Sent> sent;
    Capture(out, 41000, datagrams, sent);
    Capture(back, 42000, datagrams, sent);
    ASSERT_FALSE(HasFatalFailure());
    ASSERT_TRUE(WriteRawIpPcap(dir.File("esp.pcap"), datagrams));
    WriteWiresharkConfigDir(dir.File("config"), {out, back});
    RunTsharkAndCheck("WIRESHARK_CONFIG_DIR=" + ShellQuoted(dir.File("config")) + " ",
                      dir.File("esp.pcap"),
                      "",
                      dir.File("tshark.err"),
                      sent,
                      WiresharkEspSupport::FULL);
}

// Wireshark 4.2 (--wiresharkVersion=4.2): ChaCha20-Poly1305 gets its line, under the name of
// packet-ipsec.c's esp_encryption_type_vals, and every line the two sequence-number columns;
// AES-GMAC still has no entry. 4.0's table is unchanged.
TEST(KeyExport, Wireshark42WritesChaCha20Poly1305)
{
    EXPECT_EQ(ParseWiresharkVersion("4.0"), WiresharkVersion::V4_0);
    EXPECT_EQ(ParseWiresharkVersion("4.2"), WiresharkVersion::V4_2);
    EXPECT_EQ(ParseWiresharkVersion("4.6"), WiresharkVersion::V4_2);
    EXPECT_THROW(ParseWiresharkVersion("3.6"), ConfigError);
    EXPECT_THROW(ParseWiresharkVersion("4.2x"), ConfigError);
    EXPECT_THROW(ParseWiresharkVersion("latest"), ConfigError);

    const EspSaKeys chacha = MakeSa("chacha20poly1305");
    EXPECT_EQ(GetWiresharkEspSupport(chacha.suite), WiresharkEspSupport::NONE);
    EXPECT_EQ(GetWiresharkEspSupport(chacha.suite, WiresharkVersion::V4_2),
              WiresharkEspSupport::FULL);
    EXPECT_EQ(WiresharkEspSaLine(chacha, WiresharkVersion::V4_2),
              "\"IPv4\",\"10.1.1.1\",\"10.1.1.2\",\"0x00001001\","
              "\"ChaCha20 with Poly1305 [RFC7634]\","
              "\"0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223\","
              "\"NULL\",\"\",\"32-bit\",\"0\"");
    EXPECT_EQ(WiresharkEspSaLine(chacha).rfind("# ", 0), 0u) << "4.0: a comment only";
    const EspSaKeys gcm = MakeSa("aes128gcm16-esn");
    EXPECT_EQ(WiresharkEspSaLine(gcm, WiresharkVersion::V4_2),
              WiresharkEspSaLine(gcm) + ",\"64-bit\",\"0\"");
    EXPECT_EQ(WiresharkEspSaLine(MakeSa("aes128gmac"), WiresharkVersion::V4_2).rfind("# ", 0), 0u);
    std::ostringstream os;
    WriteWiresharkEspSa(os, {chacha}, WiresharkVersion::V4_2);
    EXPECT_EQ(os.str().rfind("# ESP SAs for Wireshark 4.2 (esp_sa)", 0), 0u) << os.str();
}

// tshark 4.0 reads a 4.2 table of suites it knows: it discards the two extra columns and
// still decrypts every packet with the ICV checked.
TEST(KeyExport, Tshark40ReadsA42TableOfKnownSuites)
{
    std::string out;
    ASSERT_EQ(RunCommand("command -v tshark", out), 0) << "tshark is not installed";
    EspSaKeys sa = MakeSa("aes128gcm16", 0x4001);
    ScratchDir dir("ipsec-key-export");
    std::vector<std::vector<uint8_t>> datagrams;
    std::vector<Sent> sent;
    Capture(sa, 43000, datagrams, sent);
    ASSERT_FALSE(HasFatalFailure());
    ASSERT_TRUE(WriteRawIpPcap(dir.File("esp.pcap"), datagrams));
    WriteWiresharkConfigDir(dir.File("config"), {sa}, WiresharkVersion::V4_2);
    RunTsharkAndCheck("WIRESHARK_CONFIG_DIR=" + ShellQuoted(dir.File("config")) + " ",
                      dir.File("esp.pcap"),
                      "",
                      dir.File("tshark.err"),
                      sent,
                      WiresharkEspSupport::FULL);
}
