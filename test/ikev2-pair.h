// SPDX-License-Identifier: GPL-2.0-only
// Two IKEv2 SAs for message-by-message tests: connection configurations of an initiator and a
// responder, deterministic sources, and the exchange of their datagrams without a network.
#ifndef IPSEC_TEST_IKEV2_PAIR_H
#define IPSEC_TEST_IKEV2_PAIR_H

#include "ns3/ikev2-child-create-task.h"
#include "ns3/ikev2-sa.h"

#include <memory>
#include <random>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{
namespace test
{

inline IkeTsSide
Ts(const char* prefix, uint8_t len)
{
    IkeTsSide s;
    s.addresses = AddressRange::Prefix(Ipv4Address(prefix), len);
    return s;
}

/// Deterministic sources: a seeded PRNG for bytes, counting SPIs from a base.
inline Ikev2Sources
Sources(uint32_t seed, uint32_t spiBase)
{
    auto rng = std::make_shared<std::mt19937>(seed);
    auto next = std::make_shared<uint32_t>(spiBase);
    Ikev2Sources s;
    s.bytes = [rng](uint8_t* out, size_t n) {
        for (size_t i = 0; i < n; i++)
        {
            out[i] = static_cast<uint8_t>((*rng)());
        }
    };
    s.allocateSpi = [next]() { return (*next)++; };
    return s;
}

struct Pair
{
    IkePeerConfig a; ///< the initiator's connection
    IkePeerConfig b; ///< the responder's
};

inline Pair
Configs()
{
    Pair p;
    p.a.name = "a";
    p.a.proposals = ParseIkeProposals("aes128-sha256-modp2048");
    p.a.localId = IkeIdentity::Ipv4(Ipv4Address("192.0.2.1"));
    p.a.remoteId = IkeIdentity::Fqdn("gw-b.example");
    p.a.psk = {'s', 'e', 'c', 'r', 'e', 't'};
    IkeChildConfig ca;
    ca.name = "net";
    ca.localTs = {Ts("10.1.0.0", 16)};
    ca.remoteTs = {Ts("10.2.0.0", 16)};
    ca.proposals = ParseChildProposals("aes128gcm16,aes128-sha256");
    p.a.children = {ca};
    p.b = p.a;
    p.b.name = "b";
    std::swap(p.b.localId, p.b.remoteId);
    p.b.children[0].localTs = {Ts("10.2.1.0", 24)};
    p.b.children[0].remoteTs = {Ts("10.1.0.0", 24)};
    p.b.children[0].proposals = ParseChildProposals("aes128-sha256");
    return p;
}

inline std::string
Describe(const std::vector<uint8_t>& bytes)
{
    Ikev2Message m;
    uint8_t critical = 0;
    if (bytes.empty() || Ikev2Message::Parse(bytes, m, critical) != IkeParseError::NONE)
    {
        return "(none)";
    }
    return m.Describe();
}

/// Run the exchanges to the end; returns the datagrams in order.
inline std::vector<std::vector<uint8_t>>
Exchange(Ikev2Sa& a, Ikev2Sa& b)
{
    std::vector<std::vector<uint8_t>> wire;
    std::vector<uint8_t> m = a.Initiate();
    for (int i = 0; i < 10 && !m.empty(); i++)
    {
        wire.push_back(m);
        m = (i % 2 == 0) ? b.Receive(m) : a.Receive(m);
    }
    return wire;
}

/**
 * Hand a request of `first` to `second`, the response back, and so on while either has
 * something to send (a follow-up request of `first` included).
 * @return the datagrams in order
 */
inline std::vector<std::vector<uint8_t>>
Converse(Ikev2Sa& first, Ikev2Sa& second, std::vector<uint8_t> m)
{
    std::vector<std::vector<uint8_t>> wire;
    for (int i = 0; i < 20 && !m.empty(); i++)
    {
        wire.push_back(m);
        m = (i % 2 == 0) ? second.Receive(m) : first.Receive(m);
    }
    return wire;
}

/// Every message an IKE SA builds or accepts, as strongSwan logs it ("> " sent, "< " received).
struct MessageLog
{
    std::vector<std::string> lines; ///< in order

    /// @param sa the IKE SA to watch
    void Watch(Ikev2Sa& sa)
    {
        sa.SetMessageCallback(
            [this](bool sent, const IkeHeader& h, const std::vector<Ikev2Payload>& p) {
                lines.push_back(std::string(sent ? "> " : "< ") + DescribeIkev2Message(h, p));
            });
    }
};

} // namespace test
} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_TEST_IKEV2_PAIR_H */
