// SPDX-License-Identifier: GPL-2.0-only
// Real IKEv2 messages from strongSwan 5.9.8 (test/data/ikev2, made by
// scripts/capture-strongswan-fixtures.sh): every IKE datagram of every capture parses, its
// Encrypted payload opens with the keys charon derived (ikev2_decryption_table) and its
// payloads are the ones tshark dissected (payloads.txt); serializing what we parsed gives the
// same bytes back for the unencrypted messages.

#include "ipsec-test-util.h"

#include "ns3/ikev2-sk-codec.h"
#include "ns3/ipsec-hex.h"

#include <dirent.h>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <sstream>

using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

const std::string kDir = std::string(IPSEC_SOURCE_DIR) + "/test/data/ikev2/";

std::vector<std::string>
Fixtures()
{
    std::vector<std::string> names;
    if (DIR* d = opendir(kDir.c_str()))
    {
        while (dirent* e = readdir(d))
        {
            const std::string name = e->d_name;
            if (name[0] != '.' && name != "README.md")
            {
                names.push_back(name);
            }
        }
        closedir(d);
    }
    std::sort(names.begin(), names.end());
    return names;
}

/// One line of ikev2_decryption_table (Wireshark's UAT, as save-keys writes it).
struct IkeKeys
{
    uint64_t spiI{0};                    ///< initiator SPI
    uint64_t spiR{0};                    ///< responder SPI
    std::vector<uint8_t> ei, er, ai, ar; ///< SK_ei, SK_er, SK_ai, SK_ar
    std::string encryption, integrity;   ///< Wireshark's names
};

std::vector<std::string>
SplitCsv(const std::string& line)
{
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (char c : line)
    {
        if (c == '"')
        {
            quoted = !quoted;
        }
        else if (c == ',' && !quoted)
        {
            fields.push_back(field);
            field.clear();
        }
        else
        {
            field += c;
        }
    }
    fields.push_back(field);
    return fields;
}

std::vector<IkeKeys>
ReadKeys(const std::string& dir)
{
    std::vector<IkeKeys> keys;
    std::ifstream in(dir + "/ikev2_decryption_table");
    std::string line;
    while (std::getline(in, line))
    {
        const auto f = SplitCsv(line);
        if (f.size() != 8)
        {
            continue;
        }
        IkeKeys k;
        k.spiI = std::stoull(f[0], nullptr, 16);
        k.spiR = std::stoull(f[1], nullptr, 16);
        k.ei = HexToBytes(f[2]);
        k.er = HexToBytes(f[3]);
        k.encryption = f[4];
        k.ai = HexToBytes(f[5]);
        k.ar = HexToBytes(f[6]);
        k.integrity = f[7];
        keys.push_back(k);
    }
    return keys;
}

/// Our transform for Wireshark's IKEv2 algorithm name.
const TransformInfo*
FromWireshark(const std::string& name)
{
    static const std::map<std::string, std::string> names = {
        {"AES-CBC-128 [RFC3602]", "aes128"},
        {"AES-CBC-192 [RFC3602]", "aes192"},
        {"AES-CBC-256 [RFC3602]", "aes256"},
        {"AES-GCM-128 with 16 octet ICV [RFC5282]", "aes128gcm16"},
        {"AES-GCM-256 with 16 octet ICV [RFC5282]", "aes256gcm16"},
        {"HMAC_SHA1_96 [RFC2404]", "sha1"},
        {"HMAC_SHA2_256_128 [RFC4868]", "sha256"},
        {"HMAC_SHA2_384_192 [RFC4868]", "sha384"},
        {"HMAC_SHA2_512_256 [RFC4868]", "sha512"},
    };
    auto it = names.find(name);
    return it == names.end() ? nullptr : FindTransformByKeyword(it->second);
}

/// "33 34 41:16388" for a payload list.
std::string
Types(const std::vector<Ikev2Payload>& payloads)
{
    std::ostringstream os;
    for (size_t i = 0; i < payloads.size(); i++)
    {
        os << (i ? " " : "") << int{payloads[i].type};
        if (const auto* n = std::get_if<Ikev2NotifyPayload>(&payloads[i].body))
        {
            os << ':' << n->type;
        }
    }
    return os.str();
}

std::string
Trim(const std::string& s)
{
    const size_t a = s.find_first_not_of(' ');
    const size_t b = s.find_last_not_of(' ');
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

} // namespace

TEST(Ikev2FixtureTest, StrongSwanMessagesParseAndOpenAsTsharkSawThem)
{
    const auto fixtures = Fixtures();
    ASSERT_GE(fixtures.size(), 10u) << "no fixtures under " << kDir;
    size_t messages = 0;
    size_t opened = 0;
    for (const std::string& name : fixtures)
    {
        const std::string dir = kDir + name;
        const auto keys = ReadKeys(dir);
        std::map<int, std::pair<std::string, std::string>> expected; // frame -> outer, inner
        std::ifstream types(dir + "/payloads.txt");
        std::string line;
        while (std::getline(types, line))
        {
            if (line.empty() || line[0] == '#')
            {
                continue;
            }
            std::istringstream ls(line);
            std::string frame, outer, inner;
            std::getline(ls, frame, '|');
            std::getline(ls, outer, '|');
            std::getline(ls, inner);
            expected[std::stoi(frame)] = {Trim(outer), Trim(inner)};
        }
        ASSERT_FALSE(expected.empty()) << name;
        std::ifstream udp(dir + "/udp-payloads.txt");
        while (std::getline(udp, line))
        {
            std::istringstream ls(line);
            int frame = 0;
            std::string src, dst, hex;
            ls >> frame >> src >> dst >> hex;
            if (!expected.count(frame))
            {
                continue; // ESP
            }
            SCOPED_TRACE(name + " frame " + std::to_string(frame));
            std::vector<uint8_t> bytes = HexToBytes(hex);
            // RFC 3948 §2.2: on port 4500 IKE follows a four-byte zero non-ESP marker.
            if (dst.substr(dst.size() - 5) == ":4500")
            {
                ASSERT_GE(bytes.size(), 4u);
                ASSERT_EQ(Hex(std::vector<uint8_t>(bytes.begin(), bytes.begin() + 4)), "00000000");
                bytes.erase(bytes.begin(), bytes.begin() + 4);
            }
            Ikev2Message m;
            uint8_t critical = 0;
            ASSERT_EQ(Ikev2Message::Parse(bytes, m, critical), IkeParseError::NONE);
            messages++;
            EXPECT_EQ(Types(m.payloads), expected[frame].first);
            if (m.header.nextPayload != ikev2::PAYLOAD_SK)
            {
                // Unencrypted (IKE_SA_INIT): our serialization of what we read is the message.
                EXPECT_EQ(Hex(m.Serialize()), Hex(bytes));
                continue;
            }
            const IkeKeys* k = nullptr;
            for (const auto& candidate : keys)
            {
                if (candidate.spiI == m.header.initiatorSpi &&
                    candidate.spiR == m.header.responderSpi)
                {
                    k = &candidate;
                }
            }
            ASSERT_NE(k, nullptr) << "no keys for the message's SPIs";
            const TransformInfo* enc = FromWireshark(k->encryption);
            ASSERT_NE(enc, nullptr) << k->encryption;
            const TransformInfo* integ = enc->IsAead() ? nullptr : FromWireshark(k->integrity);
            // The original initiator's messages carry the I flag (§3.1) and use SK_ei/SK_ai.
            const bool fromInitiator = m.header.IsInitiator();
            Ikev2SkKeys in{fromInitiator ? k->ei : k->er, fromInitiator ? k->ai : k->ar};
            Ikev2SkKeys out{fromInitiator ? k->er : k->ei, fromInitiator ? k->ar : k->ai};
            Ikev2SkCodec codec(*enc, integ, out, in, std::make_unique<CounterIvGenerator>());
            std::vector<Ikev2Payload> inner;
            ASSERT_EQ(codec.Open(bytes, m, inner, critical), IkeParseError::NONE);
            opened++;
            EXPECT_EQ(Types(inner), expected[frame].second);
            // A flipped bit in the ciphertext fails the checksum or tag.
            std::vector<uint8_t> bad = bytes;
            bad[bad.size() / 2 + 10] ^= 0x80;
            Ikev2Message mb;
            ASSERT_EQ(Ikev2Message::Parse(bad, mb, critical), IkeParseError::NONE);
            EXPECT_EQ(codec.Open(bad, mb, inner, critical), IkeParseError::INTEGRITY_FAILED);
        }
    }
    // 56 IKE messages in the ten captures, 34 of them encrypted (payloads.txt).
    EXPECT_EQ(messages, 56u);
    EXPECT_EQ(opened, 34u);
}
