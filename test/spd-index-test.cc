// SPDX-License-Identifier: GPL-2.0-only
//
// The SPD's lookup index (SecurityPolicyDatabase, "Lookup design"): a randomized differential
// test against a plain first-match reference written here from the public
// TrafficSelector::Matches / MatchesIgnoringPorts, plus targeted cases for the index's order
// rules, its lazy rebuild and its fallback to the scan.

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-security-policy-database.h"
#include "ns3/ipsec-security-policy.h"

#include <array>
#include <cstdint>
#include <gtest/gtest.h>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::ipsec;

namespace
{

constexpr std::array<PolicyDirection, 3> DIRECTIONS = {PolicyDirection::OUT,
                                                       PolicyDirection::IN,
                                                       PolicyDirection::FWD};

/// The SPD's semantics, written plainly: ordered lists, first match wins.
class ReferenceSpd
{
  public:
    /// Whether Add/Insert of this policy must be refused as a conflict.
    bool Conflicts(const SecurityPolicy& policy) const
    {
        for (const SecurityPolicy& p : List(policy.direction))
        {
            if (p.selector == policy.selector && p.action != policy.action)
            {
                return true;
            }
        }
        return false;
    }

    void Insert(const SecurityPolicy& policy, size_t position)
    {
        auto& list = List(policy.direction);
        list.insert(list.begin() + static_cast<std::ptrdiff_t>(position), policy);
    }

    bool Remove(uint32_t id)
    {
        for (auto& list : m_lists)
        {
            for (auto it = list.begin(); it != list.end(); ++it)
            {
                if (it->id == id)
                {
                    list.erase(it);
                    return true;
                }
            }
        }
        return false;
    }

    void Clear()
    {
        for (auto& list : m_lists)
        {
            list.clear();
        }
    }

    /// The id of the first full match, 0 if none.
    uint32_t Lookup(PolicyDirection direction, const PacketSelector& packet) const
    {
        for (const SecurityPolicy& p : List(direction))
        {
            if (p.selector.Matches(packet))
            {
                return p.id;
            }
        }
        return 0;
    }

    /// MayMatch as its documentation states it.
    bool MayMatch(PolicyDirection direction, const PacketSelector& packet) const
    {
        for (const SecurityPolicy& p : List(direction))
        {
            if (!p.selector.MatchesIgnoringPorts(packet))
            {
                continue;
            }
            if (p.action != PolicyAction::BYPASS)
            {
                return true;
            }
            if (!p.selector.HasPortRestriction())
            {
                return false;
            }
        }
        return false;
    }

    const std::vector<SecurityPolicy>& List(PolicyDirection direction) const
    {
        return m_lists[static_cast<size_t>(direction)];
    }

    std::vector<SecurityPolicy>& List(PolicyDirection direction)
    {
        return m_lists[static_cast<size_t>(direction)];
    }

  private:
    std::array<std::vector<SecurityPolicy>, 3> m_lists;
};

/// Random policies and datagrams over a small universe of addresses and ports, so that
/// policies overlap and datagrams hit them often. Only raw mt19937 output is used (its
/// sequence is specified; the standard distributions are not), so every platform runs the
/// same cases.
class Generator
{
  public:
    explicit Generator(uint32_t seed)
        : m_rng(seed)
    {
    }

    /// A number in [0, n).
    uint32_t Below(uint32_t n)
    {
        return static_cast<uint32_t>(m_rng() % n);
    }

    /// True with probability percent / 100.
    bool Chance(uint32_t percent)
    {
        return Below(100) < percent;
    }

    /// An address of the universe 10.0-3.0-3.x.
    uint32_t Address()
    {
        return (10U << 24) | (Below(4) << 16) | (Below(4) << 8) | Below(256);
    }

    AddressRange Range()
    {
        if (Chance(15)) // an arbitrary range, not a prefix in general
        {
            uint32_t a = Address();
            uint32_t b = Chance(20) ? a + Below(3) : Address();
            return AddressRange::Range(Ipv4Address(std::min(a, b)), Ipv4Address(std::max(a, b)));
        }
        static const uint8_t lengths[] = {0, 8, 14, 16, 16, 22, 24, 24, 24, 28, 30, 32, 32, 32};
        uint8_t length = lengths[Below(sizeof(lengths))];
        return AddressRange::Prefix(Ipv4Address(Address()), length);
    }

    uint16_t Port(bool icmp)
    {
        static const uint16_t ports[] = {0, 1, 2, 3, 4, 5, 6, 7, 53, 255, 500, 4500, 65535};
        uint32_t n = icmp ? 10 : sizeof(ports) / sizeof(ports[0]); // ICMP: 8-bit values
        return ports[Below(n)];
    }

    PortRange Ports(bool icmp)
    {
        if (Chance(50))
        {
            return PortRange::Any();
        }
        uint16_t a = Port(icmp);
        uint16_t b = Chance(50) ? a : Port(icmp);
        return PortRange::Range(std::min(a, b), std::max(a, b));
    }

    uint8_t Protocol()
    {
        static const uint8_t protocols[] = {0, 0, 0, 0, 1, 6, 17, 17, 50, 132};
        return protocols[Below(sizeof(protocols))];
    }

    /// A random policy: a third are subnet-to-subnet tunnels (/24 to /24), as a VPN gateway
    /// has, so that the index has big groups; the rest mix prefixes and ranges of all lengths.
    SecurityPolicy Policy()
    {
        SecurityPolicy p;
        p.direction = DIRECTIONS[Below(3)];
        p.action = static_cast<PolicyAction>(Below(3));
        p.reqid = 1 + Below(100);
        bool tunnel = Chance(35);
        p.selector.local = tunnel ? AddressRange::Prefix(Ipv4Address(Address()), 24) : Range();
        p.selector.remote = tunnel ? AddressRange::Prefix(Ipv4Address(Address()), 24) : Range();
        p.selector.protocol = Protocol();
        if (ProtocolHasPorts(p.selector.protocol) && Chance(50))
        {
            bool icmp = p.selector.protocol == 1;
            p.selector.localPorts = Ports(icmp);
            p.selector.remotePorts = Ports(icmp);
        }
        return p;
    }

    /// An address in a range, often at or just beyond its bounds.
    uint32_t In(const AddressRange& range)
    {
        uint32_t first = range.first.Get();
        uint32_t last = range.last.Get();
        switch (Below(10))
        {
        case 0:
            return first;
        case 1:
            return last;
        case 2:
            return first - 1; // just outside (wraps at 0: fine, any address will do)
        case 3:
            return last + 1;
        default:
            return first + static_cast<uint32_t>((uint64_t{m_rng()} << 32 | m_rng()) %
                                                 (uint64_t{last} - first + 1));
        }
    }

    uint16_t In(const PortRange& range, bool icmp)
    {
        switch (Below(6))
        {
        case 0:
            return range.first;
        case 1:
            return range.last;
        case 2:
            return static_cast<uint16_t>(range.first - 1);
        case 3:
            return static_cast<uint16_t>(range.last + 1);
        default:
            return Port(icmp);
        }
    }

    /// A datagram, mostly aimed at one of the policies (or anywhere when there are none).
    PacketSelector Packet(const std::vector<const SecurityPolicy*>& aims)
    {
        PacketSelector packet;
        if (!aims.empty() && Chance(80))
        {
            const SecurityPolicy& aim = *aims[Below(static_cast<uint32_t>(aims.size()))];
            packet.local = Ipv4Address(In(aim.selector.local));
            packet.remote = Ipv4Address(In(aim.selector.remote));
            packet.protocol =
                aim.selector.protocol != 0 && Chance(85) ? aim.selector.protocol : Protocol();
            bool icmp = packet.protocol == 1;
            packet.localPort = In(aim.selector.localPorts, icmp);
            packet.remotePort = In(aim.selector.remotePorts, icmp);
        }
        else
        {
            packet.local = Ipv4Address(Address());
            packet.remote = Ipv4Address(Address());
            packet.protocol = Protocol();
            packet.localPort = Port(false);
            packet.remotePort = Port(false);
        }
        packet.portsKnown = ProtocolHasPorts(packet.protocol) && Chance(80);
        if (!packet.portsKnown && Chance(50))
        {
            packet.localPort = 0; // unknown ports: zero or left-over values, both ignored
            packet.remotePort = 0;
        }
        return packet;
    }

  private:
    std::mt19937 m_rng;
};

/// One SPD configuration under test.
struct Subject
{
    std::string name;
    size_t cacheSlots;
    size_t cacheMinPolicies;
    size_t indexMinPolicies;
    size_t indexMinGroupSize;
    bool indexForced; ///< every lookup must go through the index
    SecurityPolicyDatabase spd;
};

/// The differential test: the same random operations on every subject and the reference,
/// random datagrams after each, every answer compared.
void
RunDifferential(uint32_t seed, size_t rounds)
{
    constexpr size_t cacheDefault = SecurityPolicyDatabase::DEFAULT_CACHE_SLOTS;
    constexpr size_t never = std::numeric_limits<size_t>::max();
    std::vector<Subject> subjects;
    subjects.push_back({"defaults", cacheDefault, 16, 16, 16, false, {}});
    subjects.push_back({"scan only, no cache", 0, 0, never, 16, false, {}});
    subjects.push_back({"index (every prefix pair hashed), no cache", 0, 0, 0, 1, true, {}});
    subjects.push_back({"index (groups of 3+ hashed), no cache", 0, 0, 0, 3, true, {}});
    subjects.push_back({"index (nothing hashed), no cache", 0, 0, 0, never, true, {}});
    subjects.push_back({"index and a small cache on every lookup", 64, 0, 0, 1, true, {}});
    subjects.push_back(
        {"index from 1 policy, groups of 8+, cost estimate on", 0, 0, 1, 8, false, {}});
    for (Subject& s : subjects)
    {
        s.spd.SetCache(s.cacheSlots, s.cacheMinPolicies);
        s.spd.SetIndex(s.indexMinPolicies, s.indexMinGroupSize);
    }

    Generator gen(seed);
    ReferenceSpd reference;
    std::vector<uint32_t> ids; // live ids (the same in every subject)
    uint64_t compared = 0;
    uint64_t matched = 0;
    uint64_t mayMatchTrue = 0;
    uint64_t refused = 0;
    size_t maxSize = 0;
    for (size_t round = 0; round < rounds; ++round)
    {
        // Mostly growth (appends, which the index scans as a tail until it rebuilds), then
        // churn (inserts, removes); now and then start over.
        uint32_t op = gen.Below(100);
        bool growth = (round / 100) % 3 != 2;
        if (round % 1000 == 999)
        {
            reference.Clear();
            ids.clear();
            for (Subject& s : subjects)
            {
                s.spd.Clear();
            }
        }
        else if (!ids.empty() && op < (growth ? 5 : 45))
        {
            uint32_t id = ids[gen.Below(static_cast<uint32_t>(ids.size()))];
            ASSERT_TRUE(reference.Remove(id));
            for (Subject& s : subjects)
            {
                ASSERT_TRUE(s.spd.Remove(id)) << s.name;
            }
            ids.erase(std::find(ids.begin(), ids.end(), id));
        }
        else
        {
            SecurityPolicy policy = gen.Policy();
            const auto& same = reference.List(policy.direction);
            if (!same.empty() && gen.Chance(5)) // an existing selector: shadowed or refused
            {
                policy.selector = same[gen.Below(static_cast<uint32_t>(same.size()))].selector;
            }
            size_t size = reference.List(policy.direction).size();
            bool insert = gen.Chance(growth ? 10 : 50);
            size_t position = insert ? gen.Below(static_cast<uint32_t>(size + 1)) : size;
            bool conflict = reference.Conflicts(policy);
            uint32_t id = 0;
            for (Subject& s : subjects)
            {
                if (conflict)
                {
                    EXPECT_THROW(insert ? s.spd.Insert(policy, position) : s.spd.Add(policy),
                                 ConfigError)
                        << s.name;
                    continue;
                }
                uint32_t assigned = insert ? s.spd.Insert(policy, position) : s.spd.Add(policy);
                ASSERT_TRUE(id == 0 || assigned == id) << s.name << ": ids diverged";
                id = assigned;
            }
            if (conflict)
            {
                ++refused;
            }
            else
            {
                policy.id = id;
                reference.Insert(policy, position);
                ids.push_back(id);
            }
        }

        for (PolicyDirection direction : DIRECTIONS)
        {
            std::vector<const SecurityPolicy*> aims;
            for (const SecurityPolicy& p : reference.List(direction))
            {
                aims.push_back(&p);
            }
            maxSize = std::max(maxSize, aims.size());
            for (int i = 0; i < 8; ++i)
            {
                PacketSelector packet = gen.Packet(aims);
                uint32_t expected = reference.Lookup(direction, packet);
                bool expectedMay = reference.MayMatch(direction, packet);
                matched += expected != 0;
                mayMatchTrue += expectedMay;
                for (int repeat = 0; repeat < 2; ++repeat) // the second one may hit the cache
                {
                    for (Subject& s : subjects)
                    {
                        const SecurityPolicy* found = s.spd.Lookup(direction, packet);
                        ASSERT_EQ(found == nullptr ? 0 : found->id, expected)
                            << s.name << ", round " << round << ", " << direction << " "
                            << packet.ToString();
                        ASSERT_EQ(s.spd.MayMatch(direction, packet), expectedMay)
                            << s.name << ", round " << round << ", " << direction << " "
                            << packet.ToString();
                        ++compared;
                    }
                }
            }
        }
    }

    // The test means something: many comparisons, both answers common, the index used where
    // forced, and the cost estimate taking both ways in the "defaults" subject.
    EXPECT_GT(compared, 100000u);
    EXPECT_GT(matched, compared / subjects.size() / 2 / 5);
    EXPECT_GT(mayMatchTrue, compared / subjects.size() / 2 / 5);
    EXPECT_GT(refused, 0u);
    EXPECT_GT(maxSize, 100u);
    for (const Subject& s : subjects)
    {
        SecurityPolicyDatabase::IndexStats stats = s.spd.GetIndexStats();
        if (s.indexForced)
        {
            EXPECT_EQ(stats.scans, 0u) << s.name;
            EXPECT_GT(stats.lookups, compared / subjects.size() / 2) << s.name;
            EXPECT_GT(stats.builds, rounds / 10) << s.name;
        }
        if (s.indexMinPolicies == never)
        {
            EXPECT_EQ(stats.lookups, 0u) << s.name;
            EXPECT_EQ(stats.builds, 0u) << s.name;
        }
    }
    EXPECT_GT(subjects[0].spd.GetIndexStats().lookups, 0u);
    EXPECT_GT(subjects[6].spd.GetIndexStats().scans, 0u);
    EXPECT_GT(subjects[6].spd.GetIndexStats().lookups, 0u);
    EXPECT_GT(subjects[5].spd.GetCacheStats().hits, 0u);
}

SecurityPolicy
Policy(PolicyAction action,
       const char* local,
       uint8_t localLength,
       const char* remote,
       uint8_t remoteLength)
{
    SecurityPolicy p;
    p.direction = PolicyDirection::OUT;
    p.action = action;
    p.reqid = 1;
    p.selector.local = AddressRange::Prefix(Ipv4Address(local), localLength);
    p.selector.remote = AddressRange::Prefix(Ipv4Address(remote), remoteLength);
    return p;
}

PacketSelector
Udp(const char* local, const char* remote, uint16_t localPort, uint16_t remotePort)
{
    PacketSelector p;
    p.local = Ipv4Address(local);
    p.remote = Ipv4Address(remote);
    p.protocol = 17;
    p.localPort = localPort;
    p.remotePort = remotePort;
    p.portsKnown = true;
    return p;
}

} // namespace

TEST(SpdIndex, DifferentialAgainstFirstMatchReference)
{
    RunDifferential(20240601, 2000);
}

TEST(SpdIndex, DifferentialAnotherSeed)
{
    RunDifferential(7, 1000);
}

TEST(SpdIndex, LowestPositionWinsAcrossGroups)
{
    SecurityPolicyDatabase spd;
    spd.SetCache(0, 0);
    spd.SetIndex(0, 1);
    // Group (24, 24) first, then group (16, 16) at an earlier position by an Insert.
    uint32_t narrow = spd.Add(Policy(PolicyAction::PROTECT, "10.0.1.0", 24, "10.1.1.0", 24));
    spd.Add(Policy(PolicyAction::PROTECT, "10.0.2.0", 24, "10.1.2.0", 24));
    uint32_t wide = spd.Insert(Policy(PolicyAction::DISCARD, "10.0.0.0", 16, "10.1.0.0", 16), 0);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.0.1.5", "10.1.1.5", 1, 2))->id, wide);
    EXPECT_TRUE(spd.Remove(wide));
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.0.1.5", "10.1.1.5", 1, 2))->id, narrow);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.0.3.5", "10.1.1.5", 1, 2)), nullptr);
    EXPECT_GE(spd.GetIndexStats().builds, 2u);
    EXPECT_EQ(spd.GetIndexStats().groups, 1u);
}

TEST(SpdIndex, BucketKeepsOrderOfProtocolsAndPorts)
{
    // One bucket: a port-restricted BYPASS, a UDP PROTECT, then an ANY DISCARD.
    SecurityPolicyDatabase spd;
    spd.SetCache(0, 0);
    spd.SetIndex(0, 1);
    SecurityPolicy ike = Policy(PolicyAction::BYPASS, "10.0.1.0", 24, "10.1.1.0", 24);
    ike.selector.protocol = 17;
    ike.selector.remotePorts = PortRange::Single(500);
    SecurityPolicy udp = Policy(PolicyAction::PROTECT, "10.0.1.0", 24, "10.1.1.0", 24);
    udp.selector.protocol = 17;
    uint32_t ikeId = spd.Add(ike);
    uint32_t udpId = spd.Add(udp);
    uint32_t allId = spd.Add(Policy(PolicyAction::DISCARD, "10.0.1.0", 24, "10.1.1.0", 24));
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.0.1.5", "10.1.1.5", 9, 500))->id, ikeId);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.0.1.5", "10.1.1.5", 9, 501))->id, udpId);
    PacketSelector tcp = Udp("10.0.1.5", "10.1.1.5", 9, 500);
    tcp.protocol = 6;
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, tcp)->id, allId);
    PacketSelector fragment = Udp("10.0.1.5", "10.1.1.5", 9, 500);
    fragment.portsKnown = false;
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, fragment)->id, udpId);
    // MayMatch skips the port-restricted BYPASS; the PROTECT behind it decides.
    EXPECT_TRUE(spd.MayMatch(PolicyDirection::OUT, fragment));
    EXPECT_EQ(spd.GetIndexStats().hashed, 3u);
    EXPECT_EQ(spd.GetIndexStats().scans, 0u);
    EXPECT_GT(spd.GetIndexStats().lookups, 0u);
}

TEST(SpdIndex, AppendsAreScannedBehindTheIndexUntilItIsRebuilt)
{
    SecurityPolicyDatabase spd;
    spd.SetCache(0, 0);
    constexpr uint32_t count = 10000;
    const uint32_t local = Ipv4Address("10.0.0.0").Get();
    const uint32_t remote = Ipv4Address("20.0.0.0").Get();
    PacketSelector p = Udp("10.0.0.1", "20.0.0.1", 1, 2);
    std::vector<uint32_t> ids;
    for (uint32_t k = 0; k < count; ++k)
    {
        SecurityPolicy policy;
        policy.action = PolicyAction::PROTECT;
        policy.reqid = k + 1;
        policy.selector.local = AddressRange::Prefix(Ipv4Address(local + (k << 8)), 24);
        policy.selector.remote = AddressRange::Prefix(Ipv4Address(remote + (k << 8)), 24);
        ids.push_back(spd.Add(policy));
        // A lookup after every Add: the newest policy (in the tail) and an older one.
        p.local = Ipv4Address(local + (k << 8) + 7);
        p.remote = Ipv4Address(remote + (k << 8) + 9);
        ASSERT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, ids[k]);
        p.local = Ipv4Address(local + ((k / 2) << 8));
        p.remote = Ipv4Address(remote + ((k / 2) << 8) + 255);
        ASSERT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, ids[k / 2]);
    }
    SecurityPolicyDatabase::IndexStats stats = spd.GetIndexStats();
    // Not one rebuild per Add: one per INDEX_MAX_TAIL appends.
    EXPECT_LE(stats.builds, count / SecurityPolicyDatabase::INDEX_MAX_TAIL + 2);
    // Up to 24 policies the cost estimate keeps the scan (one group of 24 costs as much).
    EXPECT_GT(stats.lookups, 2 * count - 200);
    EXPECT_LE(stats.scans, 1u);

    // Insert before the end and Remove rebuild on the next lookup.
    uint64_t builds = spd.GetIndexStats().builds;
    uint32_t first = spd.Insert(Policy(PolicyAction::DISCARD, "10.0.0.0", 8, "20.0.0.0", 8), 0);
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, first);
    EXPECT_EQ(spd.GetIndexStats().builds, builds + 1);
    EXPECT_TRUE(spd.Remove(first));
    EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, p)->id, ids[(count - 1) / 2]);
    EXPECT_EQ(spd.GetIndexStats().builds, builds + 2);
    EXPECT_EQ(spd.GetIndexStats().groups, 1u);
    EXPECT_EQ(spd.GetIndexStats().hashed, count);
}

TEST(SpdIndex, ManySmallGroupsAreScanned)
{
    // 40 policies, each with its own pair of prefix lengths (narrowest first): the index would
    // probe 40 groups for 40 policies, so the cost estimate keeps the scan, with the same
    // answers.
    SecurityPolicyDatabase spd;
    spd.SetCache(0, 0);
    std::vector<uint32_t> ids;
    for (uint8_t i = 0; i < 40; ++i)
    {
        ids.push_back(spd.Add(Policy(PolicyAction::PROTECT,
                                     "10.0.0.0",
                                     static_cast<uint8_t>(12 - i / 8),
                                     "20.0.0.0",
                                     static_cast<uint8_t>(31 - i % 8))));
    }
    auto check = [&spd, &ids]() {
        EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.0.0.1", "20.0.0.1", 1, 2))->id, ids[0]);
        // Remote only in the /24s (i % 8 == 7), local in all: the first of those.
        EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.0.0.1", "20.0.0.200", 1, 2))->id,
                  ids[7]);
        // Local only in the /9 and /8 (i / 8 == 3, 4), remote only in the /24s.
        EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.64.0.1", "20.0.0.200", 1, 2))->id,
                  ids[31]);
        EXPECT_EQ(spd.Lookup(PolicyDirection::OUT, Udp("10.0.0.1", "20.0.1.1", 1, 2)), nullptr);
    };
    check();
    SecurityPolicyDatabase::IndexStats stats = spd.GetIndexStats();
    EXPECT_EQ(stats.builds, 1u);
    EXPECT_EQ(stats.scans, 1u);
    EXPECT_EQ(stats.lookups, 0u);

    // Forced, the index answers the same.
    spd.SetIndex(0, 1);
    check();
    stats = spd.GetIndexStats();
    EXPECT_EQ(stats.groups, 40u);
    EXPECT_EQ(stats.scans, 1u);
    EXPECT_EQ(stats.lookups, 4u);
}
