// SPDX-License-Identifier: GPL-2.0-only
// Real IKEv2 messages from strongSwan 5.9.8 (test/data/ikev2, made by
// scripts/capture-strongswan-fixtures.sh): every IKE datagram of every capture parses, its
// Encrypted payload opens with the keys charon derived (ikev2_decryption_table) and its
// payloads are the ones tshark dissected (payloads.txt); serializing what we parsed gives the
// same bytes back for the unencrypted messages.

#include "ikev2-fixture-util.h"
#include "ipsec-test-util.h"

#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

/// "33 34 41:16388" for a payload list (the notation of payloads.txt).
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

/// payloads.txt: frame -> (payloads, payloads inside SK).
std::map<int, std::pair<std::string, std::string>>
ReadTsharkPayloads(const std::string& fixture)
{
    std::map<int, std::pair<std::string, std::string>> expected;
    std::ifstream in(Ikev2FixtureDir() + fixture + "/payloads.txt");
    std::string line;
    while (std::getline(in, line))
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
    return expected;
}

} // namespace

TEST(Ikev2FixtureTest, StrongSwanMessagesParseAndOpenAsTsharkSawThem)
{
    const auto fixtures = Ikev2Fixtures();
    ASSERT_GE(fixtures.size(), 10u) << "no fixtures under " << Ikev2FixtureDir();
    size_t messages = 0;
    size_t opened = 0;
    for (const std::string& name : fixtures)
    {
        const auto keys = ReadIkev2Keys(name);
        auto expected = ReadTsharkPayloads(name);
        ASSERT_FALSE(expected.empty()) << name;
        for (const Ikev2FixtureFrame& f : ReadIkev2Frames(name))
        {
            SCOPED_TRACE(name + " frame " + std::to_string(f.frame));
            ASSERT_EQ(expected.count(f.frame), 1u);
            Ikev2Message m;
            std::vector<Ikev2Payload> inner;
            ASSERT_EQ(OpenIkev2FixtureMessage(keys, f.ike, m, inner), IkeParseError::NONE);
            messages++;
            EXPECT_EQ(Types(m.payloads), expected[f.frame].first);
            EXPECT_EQ(Types(inner), expected[f.frame].second);
            if (m.header.nextPayload != ikev2::PAYLOAD_SK)
            {
                // Unencrypted (IKE_SA_INIT): our serialization of what we read is the message.
                EXPECT_EQ(Hex(m.Serialize()), Hex(f.ike));
                continue;
            }
            opened++;
            // A flipped bit in the ciphertext fails the checksum or tag.
            std::vector<uint8_t> bad = f.ike;
            bad[bad.size() / 2 + 10] ^= 0x80;
            Ikev2Message mb;
            EXPECT_EQ(OpenIkev2FixtureMessage(keys, bad, mb, inner),
                      IkeParseError::INTEGRITY_FAILED);
        }
    }
    // 74 IKE messages in the 14 captures, 40 of them with an SK payload and 4 IKE fragments
    // (07b: strongSwan fragments its IKE_AUTH with RSA certificates; payloads.txt).
    EXPECT_EQ(messages, 74u);
    EXPECT_EQ(opened, 40u);
}
