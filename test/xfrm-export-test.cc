// SPDX-License-Identifier: GPL-2.0-only
// xfrm export (issue 16): the `ip xfrm` scripts IpsecHelper::WriteXfrmScripts writes are valid
// shell, and each command parses back to the SA's SPI, keys, mode and flags and the policy's
// selectors and template, for transport and tunnel mode with every ESP suite and AH.
// (The commands are not run: that needs root and a kernel with XFRM, which a test cannot
// assume.)

#include "ipsec-scenario.h"
#include "ipsec-test-util.h"

#include "ns3/boolean.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-xfrm-export.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <sstream>

namespace ns3
{
namespace ipsec
{
namespace test
{
namespace
{

/// Split a command line as /bin/sh would for our quoting: words, '...' and "" (empty).
std::vector<std::string>
Words(const std::string& line)
{
    std::vector<std::string> words;
    std::string word;
    bool inWord = false;
    for (size_t i = 0; i < line.size(); i++)
    {
        const char c = line[i];
        if (c == '\'' || c == '"')
        {
            const size_t end = line.find(c, i + 1);
            word += line.substr(i + 1, end - i - 1);
            i = end;
            inWord = true;
        }
        else if (c == ' ')
        {
            if (inWord)
            {
                words.push_back(word);
            }
            word.clear();
            inWord = false;
        }
        else
        {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
    {
        words.push_back(word);
    }
    return words;
}

/// A parsed `ip xfrm state add`: keyword -> the words after it (ALGO keywords take 2-3).
struct State
{
    std::map<std::string, std::vector<std::string>> args; ///< parsed arguments
    std::vector<std::string> flags;                       ///< the words after "flag"

    const std::string& Get(const std::string& k, size_t i = 0) const
    {
        static const std::string none = "<missing>";
        auto it = args.find(k);
        return it == args.end() || it->second.size() <= i ? none : it->second[i];
    }

    bool HasFlag(const std::string& f) const
    {
        return std::find(flags.begin(), flags.end(), f) != flags.end();
    }
};

State
ParseState(const std::string& line)
{
    const auto w = Words(line);
    State s;
    EXPECT_GE(w.size(), 4u);
    EXPECT_EQ(w[0] + " " + w[1] + " " + w[2] + " " + w[3], "ip xfrm state add");
    const std::map<std::string, size_t> arity = {{"aead", 3},
                                                 {"auth-trunc", 3},
                                                 {"enc", 2},
                                                 {"limit", 2}};
    for (size_t i = 4; i < w.size();)
    {
        const std::string& k = w[i];
        if (k == "flag")
        {
            i++;
            while (i < w.size() && (w[i] == "esn" || w[i] == "align4"))
            {
                s.flags.push_back(w[i++]);
            }
            continue;
        }
        const size_t n = arity.count(k) ? arity.at(k) : 1;
        EXPECT_LE(i + n, w.size() - 1) << k << " in " << line;
        std::vector<std::string> values(w.begin() + i + 1,
                                        w.begin() + std::min(w.size(), i + 1 + n));
        EXPECT_EQ(s.args.count(k) == 0 || k == "limit", true) << "duplicate " << k;
        s.args[k] = values;
        i += 1 + n;
    }
    return s;
}

/// The lines of a file.
std::vector<std::string>
ReadLines(const std::string& path)
{
    std::ifstream in(path);
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line))
    {
        lines.push_back(line);
    }
    return lines;
}

std::string
SpiHex(uint32_t spi)
{
    char buf[16];
    std::snprintf(buf, sizeof(buf), "0x%08x", spi);
    return buf;
}

/// Expected Linux algorithm per keyword: (type, name, bits or "").
struct Expected
{
    std::string type; ///< enc, aead, auth-trunc
    std::string name; ///< kernel name
    std::string bits; ///< ICV/trunc bits ("" for enc)
};

const std::map<std::string, Expected> kLinux = {
    {"aes128gcm16", {"aead", "rfc4106(gcm(aes))", "128"}},
    {"aes256gcm8", {"aead", "rfc4106(gcm(aes))", "64"}},
    {"aes128", {"enc", "cbc(aes)", ""}},
    {"aes256", {"enc", "cbc(aes)", ""}},
    {"aes128ctr", {"enc", "rfc3686(ctr(aes))", ""}},
    {"chacha20poly1305", {"aead", "rfc7539esp(chacha20,poly1305)", "128"}},
    {"aes128gmac", {"aead", "rfc4543(gcm(aes))", "128"}},
    {"null", {"enc", "ecb(cipher_null)", ""}},
    {"3des", {"enc", "cbc(des3_ede)", ""}},
    {"sha1", {"auth-trunc", "hmac(sha1)", "96"}},
    {"sha256", {"auth-trunc", "hmac(sha256)", "128"}},
    {"sha384", {"auth-trunc", "hmac(sha384)", "192"}},
    {"sha512", {"auth-trunc", "hmac(sha512)", "256"}},
    {"aesxcbc", {"auth-trunc", "xcbc(aes)", "96"}},
};

/// Check one algorithm's arguments against the SA's transform and key.
void
CheckAlgo(const State& s, const TransformInfo& info, const std::vector<uint8_t>& key)
{
    SCOPED_TRACE(info.keyword);
    ASSERT_EQ(kLinux.count(info.keyword), 1u);
    const Expected& e = kLinux.at(info.keyword);
    EXPECT_EQ(s.Get(e.type, 0), e.name);
    EXPECT_EQ(s.Get(e.type, 1), key.empty() ? "" : "0x" + Hex(key));
    if (!e.bits.empty())
    {
        EXPECT_EQ(s.Get(e.type, 2), e.bits);
    }
}

/// One case: a proposal (ESP), an AH proposal, protocol, and the AH alignment.
struct Case
{
    std::string name;     ///< test name
    std::string protocol; ///< esp, ah, esp+ah
    std::string esp;      ///< ESP proposal
    std::string ah;       ///< AH proposal
    uint32_t alignment;   ///< AH alignment
};

/// How GoogleTest prints a case (by name; its default dumps the struct's bytes, padding
/// included, which valgrind reports as uninitialised).
void
PrintTo(const Case& c, std::ostream* os)
{
    *os << c.name;
}

const Case kCases[] = {
    {"Aes128Gcm16", "esp", "aes128gcm16", "sha256", 4},
    {"Aes256Gcm8Esn", "esp", "aes256gcm8-esn", "sha256", 4},
    {"Aes128Sha1", "esp", "aes128-sha1", "sha256", 4},
    {"Aes256Sha512", "esp", "aes256-sha512", "sha256", 4},
    {"Aes128CtrSha256", "esp", "aes128ctr-sha256", "sha256", 4},
    {"ChaCha20Poly1305", "esp", "chacha20poly1305", "sha256", 4},
    {"Aes128Gmac", "esp", "aes128gmac", "sha256", 4},
    {"NullSha256", "esp", "null-sha256", "sha256", 4},
    {"TripleDesAesXcbc", "esp", "3des-aesxcbc", "sha256", 4},
    {"AhSha256Align4", "ah", "aes128gcm16", "sha256", 4},
    {"AhSha384Align8Esn", "ah", "aes128gcm16", "sha384-esn", 8},
    {"EspAhBundle", "esp+ah", "aes128-sha256", "sha1", 8},
};

} // namespace

class XfrmExport : public ::testing::TestWithParam<Case>
{
};

// Both modes: every SA of both ends is one `ip xfrm state add` line whose SPI, addresses, mode,
// reqid, flags, algorithm names and key hex are the SA's, and the OUT/IN(/FWD) policies carry
// the selectors and templates; `bash -n` accepts the scripts.
TEST_P(XfrmExport, ParsesBackToTheSas)
{
    const Case& tc = GetParam();
    for (bool tunnel : {false, true})
    {
        SCOPED_TRACE(tunnel ? "tunnel" : "transport");
        Chain c;
        c.ipsec.SetSaAttribute("Protocol", StringValue(tc.protocol));
        c.ipsec.SetSaAttribute("EspProposal", StringValue(tc.esp));
        c.ipsec.SetSaAttribute("AhProposal", StringValue(tc.ah));
        c.ipsec.SetSaAttribute("AhAlignment", UintegerValue(tc.alignment));
        IpsecConnection conn = tunnel ? c.Tunnel() : c.Transport(17);
        ScratchDir dir("ipsec-xfrm");
        const auto files = c.ipsec.WriteXfrmScripts(dir.File("run"));
        ASSERT_EQ(files.size(), 5u) << "one per node with IPsec";
        const Ptr<Node> ends[] = {tunnel ? c.gwA : c.hostA, tunnel ? c.gwB : c.hostB};
        for (const Ptr<Node>& node : ends)
        {
            const std::string path = dir.File("run-" + std::to_string(node->GetId()) + ".sh");
            EXPECT_EQ(files[node->GetId()], path);
            std::string out;
            EXPECT_EQ(RunCommand("bash -n " + path + " 2>&1", out), 0) << out;
            const auto lines = ReadLines(path);
            ASSERT_FALSE(lines.empty());
            EXPECT_EQ(lines[0], "#!/bin/sh");
            std::vector<State> states;
            std::vector<std::string> policies;
            for (const auto& line : lines)
            {
                if (line.rfind("ip xfrm state add ", 0) == 0)
                {
                    states.push_back(ParseState(line));
                }
                else if (line.rfind("ip xfrm policy add ", 0) == 0)
                {
                    policies.push_back(line);
                }
                else
                {
                    EXPECT_TRUE(line.empty() || line[0] == '#' || line == "set -e") << line;
                }
            }
            const auto& sad = Chain::Stack(node)->GetSad().GetAll();
            ASSERT_EQ(states.size(), sad.size());
            for (size_t i = 0; i < sad.size(); i++)
            {
                const SaConfig& sa = sad[i]->GetConfig();
                const State& s = states[i];
                SCOPED_TRACE(sa.ToString());
                std::ostringstream src;
                std::ostringstream dst;
                src << sa.source;
                dst << sa.destination;
                EXPECT_EQ(s.Get("src"), src.str());
                EXPECT_EQ(s.Get("dst"), dst.str());
                EXPECT_EQ(s.Get("proto"), sa.protocol == IpsecProtocol::AH ? "ah" : "esp");
                EXPECT_EQ(s.Get("spi"), SpiHex(sa.spi));
                EXPECT_EQ(s.Get("mode"), tunnel ? "tunnel" : "transport");
                EXPECT_EQ(s.Get("reqid"), std::to_string(sa.reqid));
                EXPECT_EQ(s.Get("replay-window"), std::to_string(sa.replayWindow));
                EXPECT_EQ(s.HasFlag("esn"), sa.IsEsn());
                if (sa.protocol == IpsecProtocol::AH)
                {
                    EXPECT_EQ(s.HasFlag("align4"), tc.alignment == 4);
                    CheckAlgo(s, *sa.ahIntegrity, sa.integrityKey);
                    EXPECT_EQ(s.args.count("enc") + s.args.count("aead"), 0u);
                }
                else
                {
                    EXPECT_FALSE(s.HasFlag("align4"));
                    CheckAlgo(s, *sa.espSuite.encryption, sa.encryptionKey);
                    if (sa.espSuite.integrity != nullptr)
                    {
                        CheckAlgo(s, *sa.espSuite.integrity, sa.integrityKey);
                    }
                    else
                    {
                        EXPECT_EQ(s.args.count("auth-trunc"), 0u);
                    }
                }
            }
            // Policies: out and in (and fwd for a tunnel), with the template(s).
            const bool isA = node == ends[0];
            const std::string local = tunnel ? (isA ? "10.1.1.0/24" : "10.3.1.0/24")
                                             : (isA ? "10.1.1.1/32" : "10.3.1.2/32");
            const std::string remote = tunnel ? (isA ? "10.3.1.0/24" : "10.1.1.0/24")
                                              : (isA ? "10.3.1.2/32" : "10.1.1.1/32");
            const uint32_t reqid = isA ? conn.reqidA : conn.reqidB;
            std::string tmpl;
            const std::vector<std::string> protos =
                tc.protocol == "esp"  ? std::vector<std::string>{"esp"}
                : tc.protocol == "ah" ? std::vector<std::string>{"ah"}
                                      : std::vector<std::string>{"esp", "ah"};
            auto tmpls = [&](bool outbound) {
                std::string t;
                for (const auto& p : protos)
                {
                    t += " tmpl";
                    if (tunnel)
                    {
                        const std::string me = isA ? "10.2.1.1" : "10.2.2.2";
                        const std::string peer = isA ? "10.2.2.2" : "10.2.1.1";
                        t += " src " + (outbound ? me : peer) + " dst " + (outbound ? peer : me);
                    }
                    t += " proto " + p + " reqid " + std::to_string(reqid) + " mode " +
                         (tunnel ? "tunnel" : "transport");
                }
                return t;
            };
            const std::string upspec = tunnel ? "" : " proto udp";
            std::vector<std::string> expected = {
                "ip xfrm policy add src " + local + " dst " + remote + upspec +
                    " dir out priority 100" + tmpls(true),
                "ip xfrm policy add src " + remote + " dst " + local + upspec +
                    " dir in priority 110" + tmpls(false),
            };
            if (tunnel)
            {
                expected.push_back("ip xfrm policy add src " + remote + " dst " + local +
                                   " dir fwd priority 120" + tmpls(false));
            }
            EXPECT_EQ(policies, expected);
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Suites,
                         XfrmExport,
                         ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) {
                             return info.param.name;
                         });

// Sequence presets become replay-oseq(-hi) on the sender's SA and replay-seq(-hi) on the
// receiver's; lifetimes become limits; port selectors sport/dport; a port range Linux cannot
// express is a comment; BYPASS and DISCARD are allow and block.
TEST(XfrmExport, PresetsLimitsAndSelectors)
{
    SaConfig sa;
    sa.spi = 0x1234;
    sa.reqid = 7;
    sa.source = Ipv4Address("192.0.2.1");
    sa.destination = Ipv4Address("192.0.2.2");
    sa.espSuite = EspSuite::Parse("aes128gcm16-esn");
    sa.encryptionKey.assign(20, 0xab);
    sa.direction = SaDirection::OUTBOUND;
    sa.initialSequence = (uint64_t{3} << 32) | 0xfffffffe;
    sa.lifetime.softBytes = 1000;
    sa.lifetime.hardTime = Seconds(3600);
    EXPECT_EQ(XfrmStateCommand(sa),
              "ip xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x00001234 reqid 7 "
              "mode transport replay-window 32 replay-oseq 0xfffffffe replay-oseq-hi 0x00000003 "
              "flag esn aead 'rfc4106(gcm(aes))' 0x" +
                  Hex(std::vector<uint8_t>(20, 0xab)) +
                  " 128 limit time-hard 3600 limit byte-soft 1000");
    sa.direction = SaDirection::INBOUND;
    sa.replayHighest = (uint64_t{1} << 32) | 5;
    const std::string in = XfrmStateCommand(sa);
    EXPECT_NE(in.find(" replay-seq 0x00000005 replay-seq-hi 0x00000001 flag esn "),
              std::string::npos)
        << in;
    EXPECT_EQ(in.find("replay-oseq"), std::string::npos) << in;

    SecurityPolicy p;
    p.action = PolicyAction::PROTECT;
    p.direction = PolicyDirection::IN;
    p.selector.local = AddressRange::Single(Ipv4Address("10.0.0.1"));
    p.selector.remote = AddressRange::Prefix(Ipv4Address("10.9.0.0"), 16);
    p.selector.protocol = 6;
    p.selector.localPorts = PortRange::Single(443);
    p.reqid = 3;
    EXPECT_EQ(XfrmPolicyCommand(p, 5),
              "ip xfrm policy add src 10.9.0.0/16 dst 10.0.0.1/32 proto tcp dport 443 dir in "
              "priority 5 tmpl proto esp reqid 3 mode transport");
    p.selector.localPorts = PortRange::Range(1000, 2000);
    EXPECT_EQ(XfrmPolicyCommand(p, 5).rfind("# not expressible", 0), 0u);
    p.selector.localPorts = PortRange::Any();
    p.selector.remote = AddressRange::Range(Ipv4Address("10.9.0.1"), Ipv4Address("10.9.0.3"));
    EXPECT_EQ(XfrmPolicyCommand(p, 5).rfind("# not expressible", 0), 0u);
    p.selector.remote = AddressRange::Any();
    p.selector.protocol = 0;
    p.action = PolicyAction::BYPASS;
    p.direction = PolicyDirection::OUT;
    EXPECT_EQ(XfrmPolicyCommand(p, 9),
              "ip xfrm policy add src 10.0.0.1/32 dst 0.0.0.0/0 dir out priority 9 action allow");
    p.action = PolicyAction::DISCARD;
    EXPECT_EQ(XfrmPolicyCommand(p, 9),
              "ip xfrm policy add src 10.0.0.1/32 dst 0.0.0.0/0 dir out priority 9 action block");
}

// Explicit SPIs, keys and presets set through the helper reach the script of both ends.
TEST(XfrmExport, HelperPresetsReachTheScripts)
{
    Chain c;
    c.ipsec.SetSaAttribute("EspProposal", StringValue("aes128gcm16-esn"));
    SaKeys aToB;
    aToB.spi = 0xabcd0001;
    aToB.encryption = "0x" + std::string(40, '7');
    aToB.nextSequence = uint64_t{1} << 32;
    aToB.replayHighest = (uint64_t{1} << 32) - 1;
    c.ipsec.AddTransport(c.hostA, c.hostAAddr, c.hostB, c.hostBAddr, aToB, SaKeys());
    ScratchDir dir("ipsec-xfrm");
    c.ipsec.WriteXfrmScripts(dir.File("x"));
    auto find = [](const std::string& path, const std::string& part) {
        for (const auto& line : ReadLines(path))
        {
            if (line.rfind("ip xfrm state add ", 0) == 0 && line.find(part) != std::string::npos)
            {
                return line;
            }
        }
        return std::string();
    };
    const std::string a = find(dir.File("x-0.sh"), "spi 0xabcd0001");
    const std::string b = find(dir.File("x-4.sh"), "spi 0xabcd0001");
    EXPECT_NE(a.find("replay-oseq 0xffffffff replay-oseq-hi 0x00000000"), std::string::npos) << a;
    EXPECT_NE(a.find(" 0x" + std::string(40, '7') + " 128"), std::string::npos) << a;
    EXPECT_NE(b.find("replay-seq 0xffffffff replay-seq-hi 0x00000000"), std::string::npos) << b;
}

} // namespace test
} // namespace ipsec
} // namespace ns3
