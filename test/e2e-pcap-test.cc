// SPDX-License-Identifier: GPL-2.0-only
// Pcap regression: the same seed and run give the same bytes on the wire, another seed other
// keys; tshark decrypts every ESP packet of the capture with the helper's key file.

#include "ipsec-scenario.h"
#include "ipsec-test-util.h"

#include "ns3/ipsec-constants.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace ns3
{
namespace ipsec
{
namespace test
{
namespace
{

std::string
ReadBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

/// One pcap record: its bytes (PPP frame).
using Record = std::vector<uint8_t>;

/// Parse a little-endian pcap file (as ns-3 writes on x86) into its records.
bool
ReadPcap(const std::string& path, uint32_t& linkType, std::vector<Record>& records)
{
    const std::string data = ReadBytes(path);
    auto u32 = [&data](size_t at) {
        uint32_t v = 0;
        for (int i = 3; i >= 0; i--)
        {
            v = (v << 8) | static_cast<uint8_t>(data[at + i]);
        }
        return v;
    };
    if (data.size() < 24 || u32(0) != 0xa1b2c3d4)
    {
        return false;
    }
    linkType = u32(20);
    size_t at = 24;
    while (at + 16 <= data.size())
    {
        const uint32_t caplen = u32(at + 8);
        at += 16;
        if (at + caplen > data.size())
        {
            return false;
        }
        records.emplace_back(data.begin() + at, data.begin() + at + caplen);
        at += caplen;
    }
    return at == data.size();
}

/// The IPv4 protocol of a PPP frame (PPP: 2 bytes of protocol 0x0021, then IPv4), or -1.
int
FrameProtocol(const Record& r)
{
    if (r.size() < 22 || r[0] != 0x00 || r[1] != 0x21)
    {
        return -1;
    }
    return r[2 + 9];
}

/// Where one run's files are.
struct RunFiles
{
    std::string gwAWan; ///< gwA's WAN pcap
    std::string keys;   ///< the esp_sa file
};

/**
 * Run the tunnel scenario in a child process (a fresh process, as a re-run of a script would
 * be: SPIs and automatic random streams are process-wide), writing pcaps of every device under
 * `prefix` and the key file.
 * @return the child's exit status (0: all datagrams delivered)
 */
int
RunInChild(uint32_t seed, const std::string& prefix, const std::string& proposal, RunFiles& files)
{
    files.keys = prefix + "-esp_sa";
    // hostA, gwA, router, gwB, hostB are nodes 0-4; gwA's WAN device is its third (after the
    // loopback and the LAN device).
    files.gwAWan = prefix + "-1-2.pcap";
    std::cout.flush();
    std::cerr.flush();
    const pid_t pid = fork();
    if (pid < 0)
    {
        return -1;
    }
    if (pid > 0)
    {
        int status = 0;
        if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        {
            return -1;
        }
        return WEXITSTATUS(status);
    }
    int rc = 0;
    try
    {
        RngSeedManager::SetSeed(seed);
        RngSeedManager::SetRun(1);
        Chain c;
        c.ipsec.SetSaAttribute("EspProposal", StringValue(proposal));
        c.Tunnel();
        if (c.GwAWan()->GetNode() != c.gwA || c.GwAWan()->GetIfIndex() != 2)
        {
            _exit(10);
        }
        PointToPointHelper p2p;
        p2p.EnablePcapAll(prefix);
        auto flow = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9000, 8, 300);
        ApplicationContainer app = compat::InstallPing(c.hostA, c.hostBAddr, Seconds(0.25));
        app.Start(Seconds(1.5));
        app.Stop(Seconds(2.4));
        RunUntil(Seconds(3));
        c.ipsec.WriteKeyFile(files.keys);
        rc = flow->received == 8 ? 0 : 11;
        // ~Chain: Simulator::Destroy releases the devices and closes the pcap files.
    }
    catch (const std::exception& e)
    {
        std::cerr << "child: " << e.what() << "\n";
        rc = 12;
    }
    std::cout.flush();
    std::cerr.flush();
    _exit(rc);
}

/// The ESP records of a pcap.
std::vector<Record>
EspRecords(const std::string& path)
{
    uint32_t linkType = 0;
    std::vector<Record> records;
    EXPECT_TRUE(ReadPcap(path, linkType, records)) << path;
    EXPECT_EQ(linkType, 9u) << "PPP";
    std::vector<Record> esp;
    for (const auto& r : records)
    {
        if (FrameProtocol(r) == ESP_PROTOCOL_NUMBER)
        {
            esp.push_back(r);
        }
    }
    return esp;
}

/// Same seed and run: identical files; another seed: the ESP bytes differ.
void
CheckDeterministic(const std::string& proposal)
{
    SCOPED_TRACE(proposal);
    ScratchDir dir("ipsec-pcap");
    RunFiles one;
    RunFiles two;
    RunFiles other;
    ASSERT_EQ(RunInChild(1, dir.File("one"), proposal, one), 0);
    ASSERT_EQ(RunInChild(1, dir.File("two"), proposal, two), 0);
    ASSERT_EQ(RunInChild(2, dir.File("other"), proposal, other), 0);

    uint32_t files = 0;
    for (uint32_t node = 0; node < 5; node++)
    {
        for (uint32_t dev = 1; dev <= 2; dev++)
        {
            const std::string suffix =
                "-" + std::to_string(node) + "-" + std::to_string(dev) + ".pcap";
            if (!std::filesystem::exists(dir.File("one" + suffix)))
            {
                continue;
            }
            files++;
            const std::string a = ReadBytes(dir.File("one" + suffix));
            EXPECT_GT(a.size(), 24u) << suffix;
            EXPECT_TRUE(a == ReadBytes(dir.File("two" + suffix))) << suffix << " differs";
        }
    }
    EXPECT_EQ(files, 8u); // four links, two ends each
    EXPECT_EQ(ReadBytes(one.keys), ReadBytes(two.keys));
    EXPECT_NE(ReadBytes(one.keys), ReadBytes(other.keys));

    // gwA's WAN: 8 UDP + 4 echo requests out, 4 replies in, all ESP.
    const auto espOne = EspRecords(one.gwAWan);
    const auto espOther = EspRecords(other.gwAWan);
    ASSERT_EQ(espOne.size(), 16u);
    ASSERT_EQ(espOther.size(), espOne.size());
    uint32_t differ = 0;
    for (size_t i = 0; i < espOne.size(); i++)
    {
        ASSERT_EQ(espOne[i].size(), espOther[i].size()) << i;
        // Same IP header and SPI/sequence (bytes 2 .. 2+20+8); another key: other ciphertext.
        EXPECT_TRUE(std::equal(espOne[i].begin(), espOne[i].begin() + 30, espOther[i].begin()))
            << i;
        differ +=
            std::equal(espOne[i].begin() + 30, espOne[i].end(), espOther[i].begin() + 30) ? 0 : 1;
    }
    EXPECT_EQ(differ, espOne.size());
}

TEST(E2ePcap, SameSeedSameBytesAesGcm)
{
    CheckDeterministic("aes128gcm16");
}

TEST(E2ePcap, SameSeedSameBytesAesCbc)
{
    // CBC draws its IVs from ns-3 random streams.
    CheckDeterministic("aes256-sha256");
}

std::string
ShellQuoted(const std::string& s)
{
    return "'" + s + "'"; // our temporary paths hold no single quote
}

std::vector<std::string>
Lines(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
    {
        lines.push_back(line);
    }
    return lines;
}

/// tshark decrypts every ESP packet of gwA's WAN capture to the inner UDP or ICMP datagram.
void
CheckTshark(const std::string& proposal)
{
    SCOPED_TRACE(proposal);
    std::string out;
    ASSERT_EQ(RunCommand("command -v tshark", out), 0) << "tshark is not installed";
    ScratchDir dir("ipsec-pcap");
    RunFiles run;
    ASSERT_EQ(RunInChild(1, dir.File("run"), proposal, run), 0);
    const std::string base = "tshark -n -r " + ShellQuoted(run.gwAWan) + " " +
                             TsharkEspOptions(run.keys) + " 2>" +
                             ShellQuoted(dir.File("tshark.err"));

    ASSERT_EQ(RunCommand(base + " -Y esp -T fields -E separator=/t -e esp.spi -e ip.src "
                                "-e udp.dstport -e icmp.type -e esp.icv_good",
                         out),
              0)
        << ReadBytes(dir.File("tshark.err"));
    const auto lines = Lines(out);
    ASSERT_EQ(lines.size(), 16u) << out;
    uint32_t udp = 0;
    uint32_t requests = 0;
    uint32_t replies = 0;
    for (const auto& line : lines)
    {
        SCOPED_TRACE(line);
        std::vector<std::string> f;
        std::istringstream in(line);
        std::string field;
        while (std::getline(in, field, '\t'))
        {
            f.push_back(field);
        }
        f.resize(5);
        EXPECT_TRUE(f[0].rfind("0x0000", 0) == 0) << "SPI " << f[0];
        // ip.src lists the outer then the inner source.
        if (f[2] == "9000")
        {
            udp++;
            EXPECT_EQ(f[1], "10.2.1.1,10.1.1.1");
        }
        else if (f[3] == "8")
        {
            requests++;
            EXPECT_EQ(f[1], "10.2.1.1,10.1.1.1");
        }
        else if (f[3] == "0")
        {
            replies++;
            EXPECT_EQ(f[1], "10.2.2.2,10.3.1.2");
        }
        else
        {
            ADD_FAILURE() << "not decrypted";
        }
        EXPECT_EQ(f[4], "1") << "ICV not verified";
    }
    EXPECT_EQ(udp, 8u);
    EXPECT_EQ(requests, 4u);
    EXPECT_EQ(replies, 4u);

    ASSERT_EQ(RunCommand(base + " -Y _ws.malformed -T fields -e frame.number", out), 0);
    EXPECT_EQ(out, "") << "malformed frames";
    ASSERT_EQ(RunCommand(base + " -Y 'esp && !udp && !icmp' -T fields -e frame.number", out), 0);
    EXPECT_EQ(out, "") << "ESP frames tshark could not open";
}

TEST(E2ePcap, TsharkDecryptsTheTunnelAesGcm)
{
    CheckTshark("aes128gcm16");
}

TEST(E2ePcap, TsharkDecryptsTheTunnelAesCbcSha256)
{
    CheckTshark("aes256-sha256");
}

} // namespace
} // namespace test
} // namespace ipsec
} // namespace ns3
