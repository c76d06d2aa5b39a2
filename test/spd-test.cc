// SPDX-License-Identifier: GPL-2.0-only

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-security-policy-database.h"
#include "ns3/ipsec-security-policy.h"

#include <functional>
#include <gtest/gtest.h>
#include <sstream>

using namespace ns3;
using namespace ns3::ipsec;

namespace
{

Ipv4Address
A(const char* text)
{
    return Ipv4Address(text);
}

PacketSelector
Udp(const char* local, const char* remote, uint16_t localPort, uint16_t remotePort)
{
    PacketSelector p;
    p.local = A(local);
    p.remote = A(remote);
    p.protocol = 17;
    p.localPort = localPort;
    p.remotePort = remotePort;
    p.portsKnown = true;
    return p;
}

PacketSelector
NoPorts(const char* local, const char* remote, uint8_t protocol = 17)
{
    PacketSelector p;
    p.local = A(local);
    p.remote = A(remote);
    p.protocol = protocol;
    return p;
}

SecurityPolicy
Bypass(PolicyDirection direction, TrafficSelector selector = TrafficSelector())
{
    SecurityPolicy p;
    p.direction = direction;
    p.action = PolicyAction::BYPASS;
    p.selector = selector;
    return p;
}

SecurityPolicy
Discard(PolicyDirection direction, TrafficSelector selector = TrafficSelector())
{
    SecurityPolicy p = Bypass(direction, selector);
    p.action = PolicyAction::DISCARD;
    return p;
}

SecurityPolicy
Protect(PolicyDirection direction, TrafficSelector selector, uint32_t reqid = 1)
{
    SecurityPolicy p = Bypass(direction, selector);
    p.action = PolicyAction::PROTECT;
    p.reqid = reqid;
    return p;
}

TrafficSelector
ToRemote(const char* address, uint8_t prefixLength = 32)
{
    TrafficSelector ts;
    ts.remote = AddressRange::Prefix(A(address), prefixLength);
    return ts;
}

TrafficSelector
UdpToPort(uint16_t remotePort)
{
    TrafficSelector ts;
    ts.protocol = 17;
    ts.remotePorts = PortRange::Single(remotePort);
    return ts;
}

std::string
ErrorOf(const std::function<void()>& f)
{
    try
    {
        f();
    }
    catch (const ConfigError& e)
    {
        return e.what();
    }
    return "";
}

} // namespace

TEST(SecurityPolicy, NamesAndPrinting)
{
    EXPECT_STREQ(GetPolicyDirectionName(PolicyDirection::OUT), "out");
    EXPECT_STREQ(GetPolicyDirectionName(PolicyDirection::IN), "in");
    EXPECT_STREQ(GetPolicyDirectionName(PolicyDirection::FWD), "fwd");
    EXPECT_STREQ(GetPolicyActionName(PolicyAction::PROTECT), "protect");
    EXPECT_STREQ(GetPolicyActionName(PolicyAction::BYPASS), "bypass");
    EXPECT_STREQ(GetPolicyActionName(PolicyAction::DISCARD), "discard");
    std::ostringstream os;
    os << PolicyDirection::FWD << " " << PolicyAction::DISCARD;
    EXPECT_EQ(os.str(), "fwd discard");

    SecurityPolicy p = Protect(PolicyDirection::OUT, ToRemote("10.2.0.0", 16), 7);
    p.mode = IpsecMode::TUNNEL;
    p.tunnelLocal = A("192.0.2.1");
    p.tunnelRemote = A("192.0.2.2");
    EXPECT_EQ(p.ToString(),
              "policy 0 out protect local any remote 10.2.0.0/16 proto any esp tunnel 192.0.2.1 "
              "-> 192.0.2.2 reqid 7");
    EXPECT_EQ(Bypass(PolicyDirection::IN).ToString(),
              "policy 0 in bypass local any remote any proto any");
}

TEST(SecurityPolicy, ValidateErrors)
{
    SecurityPolicy tunnel = Protect(PolicyDirection::OUT, TrafficSelector());
    tunnel.mode = IpsecMode::TUNNEL;
    std::string error = ErrorOf([&] { tunnel.Validate(); });
    EXPECT_NE(error.find("tunnel mode needs tunnel endpoints"), std::string::npos) << error;
    tunnel.tunnelLocal = A("192.0.2.1");
    EXPECT_THROW(tunnel.Validate(), ConfigError);
    tunnel.tunnelRemote = A("0.0.0.0");
    EXPECT_THROW(tunnel.Validate(), ConfigError);
    tunnel.tunnelRemote = A("192.0.2.2");
    EXPECT_NO_THROW(tunnel.Validate());

    SecurityPolicy noReqid = Protect(PolicyDirection::OUT, TrafficSelector(), 0);
    error = ErrorOf([&] { noReqid.Validate(); });
    EXPECT_NE(error.find("reqid"), std::string::npos) << error;

    SecurityPolicy transportWithEndpoints = Protect(PolicyDirection::OUT, TrafficSelector());
    transportWithEndpoints.tunnelRemote = A("192.0.2.2");
    EXPECT_THROW(transportWithEndpoints.Validate(), ConfigError);

    SecurityPolicy badSelector = Bypass(PolicyDirection::OUT);
    badSelector.selector.localPorts = PortRange::Single(1); // ports with protocol ANY
    EXPECT_THROW(badSelector.Validate(), ConfigError);

    // BYPASS and DISCARD ignore the template.
    EXPECT_NO_THROW(Bypass(PolicyDirection::OUT).Validate());
    EXPECT_NO_THROW(Discard(PolicyDirection::IN).Validate());

    // The SPD validates on Add and stores nothing on failure.
    SecurityPolicyDatabase spd;
    EXPECT_THROW(spd.Add(noReqid), ConfigError);
    SecurityPolicy tunnelWithoutEndpoints = Protect(PolicyDirection::OUT, TrafficSelector(), 3);
    tunnelWithoutEndpoints.mode = IpsecMode::TUNNEL;
    EXPECT_THROW(spd.Add(tunnelWithoutEndpoints), ConfigError);
    EXPECT_EQ(spd.Size(PolicyDirection::OUT), 0u);
}

TEST(Spd, IdsAndFind)
{
    SecurityPolicyDatabase spd;
    SecurityPolicy p = Bypass(PolicyDirection::OUT, ToRemote("10.0.0.1"));
    p.id = 99; // ignored
    uint32_t a = spd.Add(p);
    uint32_t b = spd.Add(Bypass(PolicyDirection::IN, ToRemote("10.0.0.1")));
    EXPECT_GE(a, 1u);
    EXPECT_NE(a, b);
    ASSERT_NE(spd.Find(a), nullptr);
    EXPECT_EQ(spd.Find(a)->id, a);
    EXPECT_EQ(spd.Find(a)->direction, PolicyDirection::OUT);
    EXPECT_EQ(spd.Find(b)->direction, PolicyDirection::IN);
    EXPECT_EQ(spd.Find(0), nullptr);
    EXPECT_EQ(spd.Find(12345), nullptr);
}

TEST(Spd, FirstMatchWinsAndInsertAtZeroChangesTheResult)
{
    SecurityPolicyDatabase spd;
    uint32_t narrow = spd.Add(Protect(PolicyDirection::OUT, ToRemote("10.2.0.5"), 1));
    uint32_t wide = spd.Add(Discard(PolicyDirection::OUT, ToRemote("10.2.0.0", 16)));
    uint32_t all = spd.Add(Bypass(PolicyDirection::OUT));

    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.1.0.1", "10.2.0.5", 1, 2))->id, narrow);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.1.0.1", "10.2.0.6", 1, 2))->id, wide);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.1.0.1", "10.3.0.6", 1, 2))->id, all);

    uint32_t first = spd.Insert(Bypass(PolicyDirection::OUT, ToRemote("10.2.0.0", 24)), 0);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.1.0.1", "10.2.0.5", 1, 2))->id, first);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.1.0.1", "10.2.1.6", 1, 2))->id, wide);

    std::vector<const SecurityPolicy*> order = spd.GetPolicies(PolicyDirection::OUT);
    ASSERT_EQ(order.size(), 4u);
    EXPECT_EQ(order[0]->id, first);
    EXPECT_EQ(order[1]->id, narrow);
    EXPECT_EQ(order[2]->id, wide);
    EXPECT_EQ(order[3]->id, all);

    // Insert in the middle and at the end.
    uint32_t middle = spd.Insert(Bypass(PolicyDirection::OUT, ToRemote("10.9.0.0", 16)), 2);
    uint32_t end = spd.Insert(Discard(PolicyDirection::OUT, ToRemote("10.8.0.0", 16)), 5);
    order = spd.GetPolicies(PolicyDirection::OUT);
    ASSERT_EQ(order.size(), 6u);
    EXPECT_EQ(order[2]->id, middle);
    EXPECT_EQ(order[5]->id, end);
    // Shadowed by the catch-all before it.
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.1.0.1", "10.8.0.1", 1, 2))->id, all);

    EXPECT_THROW(spd.Insert(Bypass(PolicyDirection::OUT, ToRemote("10.7.0.0", 16)), 7),
                 ConfigError);
    EXPECT_THROW(spd.Insert(Bypass(PolicyDirection::IN, ToRemote("10.7.0.0", 16)), 1), ConfigError);
}

TEST(Spd, AddOrdersByPriorityAsXfrmDoes)
{
    // Lower priority values first, equal ones in the order added: a policy added later with a
    // lower value comes before (an administrator's exception to an IKE tunnel, priority 0,
    // before the tunnel's 3907), one with a higher value after.
    SecurityPolicyDatabase spd;
    auto with = [](SecurityPolicy p, uint32_t priority) {
        p.priority = priority;
        return p;
    };
    const uint32_t tunnel =
        spd.Add(with(Protect(PolicyDirection::OUT, ToRemote("10.2.0.0", 16), 1), 3907));
    const uint32_t host =
        spd.Add(with(Protect(PolicyDirection::OUT, ToRemote("10.2.0.5"), 2), 3844));
    const uint32_t rest = spd.Add(with(Bypass(PolicyDirection::OUT), 5000));
    const uint32_t exception = spd.Add(Discard(PolicyDirection::OUT, ToRemote("10.2.0.0", 24)));
    const uint32_t tie =
        spd.Add(with(Protect(PolicyDirection::OUT, ToRemote("10.3.0.0", 16), 3), 3907));
    std::vector<uint32_t> order;
    for (const SecurityPolicy* p : spd.GetPolicies(PolicyDirection::OUT))
    {
        order.push_back(p->id);
    }
    EXPECT_EQ(order, (std::vector<uint32_t>{exception, host, tunnel, tie, rest}));
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.1.0.1", "10.2.0.5", 1, 2))->id, exception);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.1.0.1", "10.2.1.5", 1, 2))->id, tunnel);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.1.0.1", "10.4.0.1", 1, 2))->id, rest);
    EXPECT_NE(spd.Find(host)->ToString().find("priority 3844"), std::string::npos);
    EXPECT_EQ(spd.Find(exception)->ToString().find("priority"), std::string::npos);
}

TEST(Spd, DirectionsAreIndependent)
{
    SecurityPolicyDatabase spd;
    uint32_t out = spd.Add(Protect(PolicyDirection::OUT, ToRemote("10.2.0.0", 16), 1));
    uint32_t in = spd.Add(Discard(PolicyDirection::IN, ToRemote("10.2.0.0", 16)));
    EXPECT_EQ(spd.Size(PolicyDirection::OUT), 1u);
    EXPECT_EQ(spd.Size(PolicyDirection::IN), 1u);
    EXPECT_EQ(spd.Size(PolicyDirection::FWD), 0u);

    PacketSelector p = Udp("10.1.0.1", "10.2.0.1", 1, 2);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, out);
    EXPECT_EQ(spd.Lookup(PolicyDirection::IN, p)->id, in);
    EXPECT_EQ(spd.Lookup(PolicyDirection::FWD, p), nullptr);

    // The same selector in two directions is no conflict.
    EXPECT_NO_THROW(spd.Add(Bypass(PolicyDirection::FWD, ToRemote("10.2.0.0", 16))));
}

TEST(Spd, NoMatchIsNull)
{
    SecurityPolicyDatabase spd;
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.1.0.1", "10.2.0.1", 1, 2)), nullptr);
    spd.Add(Protect(PolicyDirection::OUT, ToRemote("10.2.0.0", 16)));
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.1.0.1", "10.3.0.1", 1, 2)), nullptr);
}

TEST(Spd, RemoveAndClear)
{
    SecurityPolicyDatabase spd;
    uint32_t narrow = spd.Add(Discard(PolicyDirection::OUT, ToRemote("10.2.0.5")));
    uint32_t all = spd.Add(Bypass(PolicyDirection::OUT));
    PacketSelector p = Udp("10.1.0.1", "10.2.0.5", 1, 2);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, narrow);

    EXPECT_TRUE(spd.Remove(narrow));
    EXPECT_FALSE(spd.Remove(narrow));
    EXPECT_EQ(spd.Find(narrow), nullptr);
    EXPECT_EQ(spd.Size(PolicyDirection::OUT), 1u);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, all);

    // After removal the selector is free again, for any action.
    uint32_t again = spd.Insert(Protect(PolicyDirection::OUT, ToRemote("10.2.0.5")), 0);
    EXPECT_NE(again, narrow);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, again);

    spd.Clear();
    EXPECT_EQ(spd.Size(PolicyDirection::OUT), 0u);
    EXPECT_EQ(spd.Find(all), nullptr);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p), nullptr);
    uint32_t after = spd.Add(Bypass(PolicyDirection::OUT));
    EXPECT_NE(after, again);
    EXPECT_NE(after, all);
}

TEST(Spd, PointersSurviveOtherChanges)
{
    SecurityPolicyDatabase spd;
    uint32_t id = spd.Add(Bypass(PolicyDirection::OUT, ToRemote("10.0.0.1")));
    const SecurityPolicy* policy = spd.Find(id);
    for (int i = 0; i < 100; ++i)
    {
        std::string address = "10.1.0." + std::to_string(i);
        spd.Insert(Bypass(PolicyDirection::OUT, ToRemote(address.c_str())), 0);
    }
    EXPECT_EQ(spd.Find(id), policy);
    EXPECT_EQ(policy->id, id);

    SecurityPolicyDatabase moved = std::move(spd);
    EXPECT_EQ(moved.Find(id), policy);
}

TEST(Spd, PortsAndUnknownPorts)
{
    SecurityPolicyDatabase spd;
    uint32_t dns = spd.Add(Protect(PolicyDirection::OUT, UdpToPort(53)));
    uint32_t all = spd.Add(Bypass(PolicyDirection::OUT));
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.1.0.1", "10.2.0.1", 4000, 53))->id, dns);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.1.0.1", "10.2.0.1", 4000, 54))->id, all);
    // A non-first fragment of the DNS flow does not match the port-restricted policy.
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, NoPorts("10.1.0.1", "10.2.0.1"))->id, all);
}

TEST(Spd, CacheIsInvalidatedByInsertRemoveAndClear)
{
    SecurityPolicyDatabase spd;
    spd.SetCache(64, 0); // cache every lookup, however small the SPD
    uint32_t all = spd.Add(Bypass(PolicyDirection::OUT));
    PacketSelector p = Udp("10.1.0.1", "10.2.0.5", 1, 2);

    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, all);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, all);
    SecurityPolicyDatabase::CacheStats stats = spd.GetCacheStats();
    EXPECT_EQ(stats.misses, 1u);
    EXPECT_EQ(stats.hits, 1u);

    uint32_t earlier = spd.Insert(Discard(PolicyDirection::OUT, ToRemote("10.2.0.5")), 0);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, earlier);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, earlier);

    EXPECT_TRUE(spd.Remove(earlier));
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, all);

    // Cached "no match" is invalidated too.
    PacketSelector in = Udp("10.1.0.1", "10.2.0.5", 1, 2);
    EXPECT_EQ(spd.Lookup(PolicyDirection::IN, in), nullptr);
    uint32_t inbound = spd.Add(Bypass(PolicyDirection::IN));
    EXPECT_EQ(spd.Lookup(PolicyDirection::IN, in)->id, inbound);

    spd.Clear();
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p), nullptr);
    EXPECT_EQ(spd.Lookup(PolicyDirection::IN, in), nullptr);

    // MayMatch answers are invalidated as well.
    spd.Add(Bypass(PolicyDirection::OUT));
    EXPECT_FALSE(spd.MayMatch(PolicyDirection::OUT, p));
    spd.Insert(Protect(PolicyDirection::OUT, ToRemote("10.2.0.0", 24)), 0);
    EXPECT_TRUE(spd.MayMatch(PolicyDirection::OUT, p));

    EXPECT_THROW(spd.SetCache(100, 0), ConfigError);
    EXPECT_NO_THROW(spd.SetCache(0, 0)); // disabled
    EXPECT_TRUE(spd.MayMatch(PolicyDirection::OUT, p));
}

TEST(Spd, CacheKeysOnEveryField)
{
    SecurityPolicyDatabase spd;
    spd.SetCache(1, 0); // one slot: every key evicts the previous one
    uint32_t dns = spd.Add(Protect(PolicyDirection::OUT, UdpToPort(53)));
    uint32_t tcp = spd.Add(Discard(PolicyDirection::OUT, [] {
        TrafficSelector ts;
        ts.protocol = 6;
        return ts;
    }()));
    uint32_t all = spd.Add(Bypass(PolicyDirection::OUT));
    PacketSelector p = Udp("10.1.0.1", "10.2.0.1", 4000, 53);
    for (int round = 0; round < 2; ++round)
    {
        EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, dns);
        PacketSelector otherPort = p;
        otherPort.remotePort = 54;
        EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, otherPort)->id, all);
        PacketSelector unknown = p;
        unknown.portsKnown = false;
        EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, unknown)->id, all);
        PacketSelector otherProtocol = p;
        otherProtocol.protocol = 6;
        EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, otherProtocol)->id, tcp);
        EXPECT_EQ(spd.Lookup(PolicyDirection::IN, p), nullptr);
        EXPECT_TRUE(spd.MayMatch(PolicyDirection::OUT, p));
    }
}

TEST(Spd, MayMatch)
{
    SecurityPolicyDatabase spd;
    // Empty: no policy can match.
    EXPECT_FALSE(spd.MayMatch(PolicyDirection::OUT, NoPorts("10.1.0.1", "10.2.0.1")));

    // IKE bypass (UDP 500) first, then protect the subnet, then bypass everything else.
    TrafficSelector ike;
    ike.protocol = 17;
    ike.localPorts = PortRange::Single(500);
    ike.remotePorts = PortRange::Single(500);
    spd.Add(Bypass(PolicyDirection::OUT, ike));
    spd.Add(Protect(PolicyDirection::OUT, ToRemote("10.2.0.0", 16)));
    spd.Add(Bypass(PolicyDirection::OUT));

    // Port-restricted bypass cannot decide without ports: the PROTECT behind it may match.
    EXPECT_TRUE(spd.MayMatch(PolicyDirection::OUT, NoPorts("10.1.0.1", "10.2.0.1")));
    // Only the catch-all bypass can match.
    EXPECT_FALSE(spd.MayMatch(PolicyDirection::OUT, NoPorts("10.1.0.1", "10.3.0.1")));
    // Ports are ignored even when known.
    EXPECT_TRUE(spd.MayMatch(PolicyDirection::OUT, Udp("10.1.0.1", "10.2.0.1", 500, 500)));

    // An ANY-port bypass before the PROTECT decides.
    spd.Insert(Bypass(PolicyDirection::OUT, ToRemote("10.2.0.9")), 0);
    EXPECT_FALSE(spd.MayMatch(PolicyDirection::OUT, NoPorts("10.1.0.1", "10.2.0.9")));
    EXPECT_TRUE(spd.MayMatch(PolicyDirection::OUT, NoPorts("10.1.0.1", "10.2.0.8")));

    // DISCARD counts as well; another direction is independent.
    spd.Add(Discard(PolicyDirection::FWD, ToRemote("10.5.0.0", 16)));
    EXPECT_TRUE(spd.MayMatch(PolicyDirection::FWD, NoPorts("10.1.0.1", "10.5.0.1", 6)));
    EXPECT_FALSE(spd.MayMatch(PolicyDirection::FWD, NoPorts("10.1.0.1", "10.6.0.1", 6)));
    EXPECT_FALSE(spd.MayMatch(PolicyDirection::IN, NoPorts("10.1.0.1", "10.5.0.1", 6)));

    // A protocol-specific PROTECT only for that protocol.
    TrafficSelector tcp = ToRemote("10.7.0.0", 16);
    tcp.protocol = 6;
    spd.Insert(Protect(PolicyDirection::OUT, tcp), 0);
    EXPECT_TRUE(spd.MayMatch(PolicyDirection::OUT, NoPorts("10.1.0.1", "10.7.0.1", 6)));
    EXPECT_FALSE(spd.MayMatch(PolicyDirection::OUT, NoPorts("10.1.0.1", "10.7.0.1", 17)));
}

TEST(Spd, ExactDuplicateWithAnotherActionIsRefused)
{
    SecurityPolicyDatabase spd;
    uint32_t id = spd.Add(Protect(PolicyDirection::OUT, ToRemote("10.2.0.0", 16), 4));
    std::string error =
        ErrorOf([&] { spd.Add(Bypass(PolicyDirection::OUT, ToRemote("10.2.0.0", 16))); });
    EXPECT_NE(error.find("conflicting"), std::string::npos) << error;
    EXPECT_NE(error.find("policy " + std::to_string(id) + " out protect"), std::string::npos)
        << error;
    EXPECT_NE(error.find("out bypass"), std::string::npos) << error;
    EXPECT_EQ(spd.Size(PolicyDirection::OUT), 1u);
    EXPECT_THROW(spd.Insert(Discard(PolicyDirection::OUT, ToRemote("10.2.0.0", 16)), 0),
                 ConfigError);

    // The same action (shadowed) and a different selector are accepted.
    EXPECT_NO_THROW(spd.Add(Protect(PolicyDirection::OUT, ToRemote("10.2.0.0", 16), 5)));
    EXPECT_NO_THROW(spd.Add(Bypass(PolicyDirection::OUT, ToRemote("10.2.0.0", 17))));
    EXPECT_EQ(spd.Size(PolicyDirection::OUT), 3u);
}

TEST(Spd, TenThousandPolicies)
{
    SecurityPolicyDatabase spd;
    constexpr uint32_t count = 10000;
    const uint32_t base = Ipv4Address("10.0.0.0").Get();
    std::vector<uint32_t> ids;
    ids.reserve(count);
    for (uint32_t i = 0; i < count; ++i)
    {
        TrafficSelector ts;
        ts.remote = AddressRange::Single(Ipv4Address(base + i));
        ids.push_back(spd.Add(Protect(PolicyDirection::OUT, ts, i + 1)));
    }
    uint32_t catchAll = spd.Add(Bypass(PolicyDirection::OUT));
    ASSERT_EQ(spd.Size(PolicyDirection::OUT), count + 1);

    PacketSelector p = Udp("192.168.0.1", "10.0.0.0", 1, 2);
    for (int round = 0; round < 2; ++round) // cold, then through the cache
    {
        for (uint32_t i = 0; i < count; i += 7)
        {
            p.remote = Ipv4Address(base + i);
            const SecurityPolicy* policy = spd.Lookup(PolicyDirection::OUT, p);
            ASSERT_NE(policy, nullptr);
            ASSERT_EQ(policy->id, ids[i]);
            ASSERT_EQ(policy->reqid, i + 1);
        }
        p.remote = Ipv4Address(base + count);
        EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, catchAll);
        p.remote = Ipv4Address("172.16.0.1");
        EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, catchAll);
    }
    // The last specific policy, and a hot flow answered by the cache.
    p.remote = Ipv4Address(base + count - 1);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, ids.back());
    uint64_t hits = spd.GetCacheStats().hits;
    for (int i = 0; i < 1000; ++i)
    {
        ASSERT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, ids.back());
    }
    EXPECT_EQ(spd.GetCacheStats().hits, hits + 1000);
    EXPECT_TRUE(spd.MayMatch(PolicyDirection::OUT, p));
    p.remote = Ipv4Address("172.16.0.1");
    EXPECT_FALSE(spd.MayMatch(PolicyDirection::OUT, p));

    // Removing one policy makes its address fall through to the catch-all.
    p.remote = Ipv4Address(base + 4242);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, ids[4242]);
    EXPECT_TRUE(spd.Remove(ids[4242]));
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, catchAll);
}
