// SPDX-License-Identifier: GPL-2.0-only
// The IKEv1 fixtures of strongSwan (test/data/ikev1/, README there): their messages and what
// charon logged while deriving keys, for the IKEv1 tests.
#ifndef IKEV1_FIXTURE_UTIL_H
#define IKEV1_FIXTURE_UTIL_H

#include "ns3/ikev1-message.h"
#include "ns3/ipsec-hex.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace ns3::ipsec::test
{

/// One UDP datagram of a fixture.
struct Ikev1FixtureFrame
{
    std::string src;          ///< "address:port"
    std::string dst;          ///< "address:port"
    std::vector<uint8_t> ike; ///< the IKE message (the non-ESP marker of port 4500 removed)
};

/**
 * @param name a fixture under test/data/ikev1/
 * @return its IKE messages in order (udp-payloads.txt; ESP-in-UDP and keep-alives left out)
 */
inline std::vector<Ikev1FixtureFrame>
ReadIkev1Frames(const std::string& name)
{
    std::ifstream in(std::string(IPSEC_SOURCE_DIR) + "/test/data/ikev1/" + name +
                     "/udp-payloads.txt");
    std::vector<Ikev1FixtureFrame> out;
    std::string frame;
    std::string src;
    std::string dst;
    std::string hex;
    while (in >> frame >> src >> dst >> hex)
    {
        auto bytes = HexToBytes(hex);
        if (dst.size() > 5 && dst.substr(dst.size() - 5) == ":4500")
        {
            // RFC 3948: IKE behind the non-ESP marker (4 zero bytes); the rest is ESP or a
            // NAT keep-alive, not IKE
            if (bytes.size() < 4 + 28 || bytes[0] || bytes[1] || bytes[2] || bytes[3])
            {
                continue;
            }
            bytes.erase(bytes.begin(), bytes.begin() + 4);
        }
        out.push_back({src, dst, bytes});
    }
    return out;
}

/**
 * @param name a fixture
 * @param what a value's name in derivations.txt (spaces as underscores)
 * @param n which one of that name, from 0
 * @return its bytes (empty if absent)
 */
inline std::vector<uint8_t>
Ikev1Logged(const std::string& name, const std::string& what, size_t n = 0)
{
    std::ifstream in(std::string(IPSEC_SOURCE_DIR) + "/test/data/ikev1/" + name +
                     "/derivations.txt");
    std::string line;
    while (std::getline(in, line))
    {
        std::istringstream ls(line);
        std::string sa;
        std::string key;
        std::string hex;
        if (line.empty() || line[0] == '#' || !(ls >> sa >> key >> hex) || key != what)
        {
            continue;
        }
        if (n-- == 0)
        {
            return HexToBytes(hex);
        }
    }
    return {};
}

/**
 * @param name a fixture
 * @return the messages charon (left) generated or parsed, as it logged them, in order
 */
inline std::vector<std::string>
Ikev1LoggedMessages(const std::string& name)
{
    std::ifstream in(std::string(IPSEC_SOURCE_DIR) + "/test/data/ikev1/" + name +
                     "/left/charon.log");
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line))
    {
        for (const char* verb : {"> generating ", "> parsed "})
        {
            const size_t at = line.find(verb);
            if (at != std::string::npos)
            {
                out.push_back(line.substr(at + std::string(verb).size()));
            }
        }
    }
    return out;
}

/**
 * @param payloads a message's payloads
 * @param type a payload type
 * @return the body of the first payload of that type as it is on the wire (empty: none)
 */
inline std::vector<uint8_t>
Ikev1BodyOf(const std::vector<Ikev1Payload>& payloads, uint8_t type)
{
    for (const auto& p : payloads)
    {
        if (p.type == type)
        {
            return Ikev1PayloadBody(p);
        }
    }
    return {};
}

} // namespace ns3::ipsec::test

#endif // IKEV1_FIXTURE_UTIL_H
