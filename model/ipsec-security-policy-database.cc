// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-security-policy-database.h"

#include "ipsec-config-error.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecSecurityPolicyDatabase");

namespace
{

/// splitmix64's finaliser: a cheap, well-mixing 64-bit hash.
inline uint64_t
Mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/// Query kinds, part of a cache key.
constexpr uint64_t KIND_LOOKUP = 0;
constexpr uint64_t KIND_MAY_MATCH = 1;

/// The second cache key word: protocol, ports, ports-known flag, direction, query kind.
inline uint64_t
KeyWord1(uint8_t protocol,
         uint16_t localPort,
         uint16_t remotePort,
         bool portsKnown,
         PolicyDirection direction,
         uint64_t kind)
{
    return uint64_t{protocol} | (uint64_t{localPort} << 8) | (uint64_t{remotePort} << 24) |
           (uint64_t{portsKnown} << 40) | (uint64_t{static_cast<uint8_t>(direction)} << 41) |
           (kind << 43);
}

inline bool
MatchesAddressesAndProtocol(const uint32_t localFirst,
                            const uint32_t localLast,
                            const uint32_t remoteFirst,
                            const uint32_t remoteLast,
                            const uint8_t protocol,
                            uint32_t local,
                            uint32_t remote,
                            uint8_t packetProtocol)
{
    return (protocol == 0 || protocol == packetProtocol) && localFirst <= local &&
           local <= localLast && remoteFirst <= remote && remote <= remoteLast;
}

} // namespace

SecurityPolicyDatabase::SecurityPolicyDatabase() = default;

SecurityPolicyDatabase::~SecurityPolicyDatabase() = default;

SecurityPolicyDatabase::SecurityPolicyDatabase(SecurityPolicyDatabase&&) noexcept = default;

SecurityPolicyDatabase& SecurityPolicyDatabase::operator=(SecurityPolicyDatabase&&) noexcept =
    default;

uint32_t
SecurityPolicyDatabase::Add(SecurityPolicy policy)
{
    size_t position = GetTable(policy.direction).policies.size();
    return Place(std::move(policy), position);
}

uint32_t
SecurityPolicyDatabase::Insert(SecurityPolicy policy, size_t position)
{
    size_t size = GetTable(policy.direction).policies.size();
    if (position > size)
    {
        throw ConfigError("cannot insert at position " + std::to_string(position) + " of the " +
                          GetPolicyDirectionName(policy.direction) + " policies, which has " +
                          std::to_string(size) + " entries: use 0.." + std::to_string(size));
    }
    return Place(std::move(policy), position);
}

uint32_t
SecurityPolicyDatabase::Place(SecurityPolicy policy, size_t position)
{
    NS_LOG_FUNCTION(this << position);
    policy.id = 0;
    policy.Validate();

    uint64_t hash = SelectorHash(policy.direction, policy.selector);
    auto same = m_bySelector.equal_range(hash);
    for (auto it = same.first; it != same.second; ++it)
    {
        const SecurityPolicy& existing = *it->second;
        if (existing.direction != policy.direction || existing.selector != policy.selector)
        {
            continue;
        }
        if (existing.action != policy.action)
        {
            throw ConfigError("conflicting policies: new " + policy.ToString() +
                              " has the same direction and selector as existing " +
                              existing.ToString() +
                              " but another action; remove one or narrow a selector");
        }
        NS_LOG_WARN("policy with the same selector as " << existing.ToString()
                                                        << "; the later one is shadowed");
    }

    while (m_nextId == 0 || m_byId.count(m_nextId) != 0)
    {
        ++m_nextId;
    }
    policy.id = m_nextId++;

    Table& table = GetTable(policy.direction);
    auto owned = std::make_unique<SecurityPolicy>(std::move(policy));
    SecurityPolicy* raw = owned.get();
    CompiledSelector compiled = Compile(*raw);
    table.policies.insert(table.policies.begin() + static_cast<std::ptrdiff_t>(position),
                          std::move(owned));
    table.compiled.insert(table.compiled.begin() + static_cast<std::ptrdiff_t>(position), compiled);
    m_byId.emplace(raw->id, raw);
    m_bySelector.emplace(hash, raw);
    InvalidateCache();
    NS_LOG_DEBUG("added " << raw->ToString() << " at position " << position);
    return raw->id;
}

bool
SecurityPolicyDatabase::Remove(uint32_t id)
{
    NS_LOG_FUNCTION(this << id);
    auto found = m_byId.find(id);
    if (found == m_byId.end())
    {
        return false;
    }
    SecurityPolicy* policy = found->second;
    auto same = m_bySelector.equal_range(SelectorHash(policy->direction, policy->selector));
    for (auto it = same.first; it != same.second; ++it)
    {
        if (it->second == policy)
        {
            m_bySelector.erase(it);
            break;
        }
    }
    m_byId.erase(found);
    Table& table = GetTable(policy->direction);
    for (size_t i = 0; i < table.policies.size(); ++i)
    {
        if (table.policies[i].get() == policy)
        {
            table.compiled.erase(table.compiled.begin() + static_cast<std::ptrdiff_t>(i));
            table.policies.erase(table.policies.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
    }
    InvalidateCache();
    return true;
}

const SecurityPolicy*
SecurityPolicyDatabase::Find(uint32_t id) const
{
    auto found = m_byId.find(id);
    return found == m_byId.end() ? nullptr : found->second;
}

const SecurityPolicy*
SecurityPolicyDatabase::Lookup(PolicyDirection direction, const PacketSelector& packet) const
{
    const Table& table = GetTable(direction);
    PacketKey key = MakeKey(packet);
    uint32_t result;
    if (UseCache(table))
    {
        uint64_t key0 = (uint64_t{key.local} << 32) | key.remote;
        uint64_t key1 = KeyWord1(key.protocol,
                                 key.localPort,
                                 key.remotePort,
                                 key.portsKnown,
                                 direction,
                                 KIND_LOOKUP);
        CacheSlot& slot = SlotFor(key0, key1);
        if (slot.generation == m_generation && slot.key0 == key0 && slot.key1 == key1)
        {
            ++m_stats.hits;
            result = slot.result;
        }
        else
        {
            ++m_stats.misses;
            result = ScanLookup(table, key);
            slot.key0 = key0;
            slot.key1 = key1;
            slot.generation = m_generation;
            slot.result = result;
        }
    }
    else
    {
        result = ScanLookup(table, key);
    }
    return result == 0 ? nullptr : table.policies[result - 1].get();
}

bool
SecurityPolicyDatabase::MayMatch(PolicyDirection direction, const PacketSelector& packet) const
{
    const Table& table = GetTable(direction);
    PacketKey key = MakeKey(packet);
    if (!UseCache(table))
    {
        return ScanMayMatch(table, key) != 0;
    }
    uint64_t key0 = (uint64_t{key.local} << 32) | key.remote;
    uint64_t key1 = KeyWord1(key.protocol, 0, 0, false, direction, KIND_MAY_MATCH);
    CacheSlot& slot = SlotFor(key0, key1);
    if (slot.generation == m_generation && slot.key0 == key0 && slot.key1 == key1)
    {
        ++m_stats.hits;
        return slot.result != 0;
    }
    ++m_stats.misses;
    slot.key0 = key0;
    slot.key1 = key1;
    slot.generation = m_generation;
    slot.result = ScanMayMatch(table, key);
    return slot.result != 0;
}

size_t
SecurityPolicyDatabase::Size(PolicyDirection direction) const
{
    return GetTable(direction).policies.size();
}

std::vector<const SecurityPolicy*>
SecurityPolicyDatabase::GetPolicies(PolicyDirection direction) const
{
    const Table& table = GetTable(direction);
    std::vector<const SecurityPolicy*> policies;
    policies.reserve(table.policies.size());
    for (const auto& policy : table.policies)
    {
        policies.push_back(policy.get());
    }
    return policies;
}

void
SecurityPolicyDatabase::Clear()
{
    NS_LOG_FUNCTION(this);
    for (Table& table : m_tables)
    {
        table.policies.clear();
        table.compiled.clear();
    }
    m_byId.clear();
    m_bySelector.clear();
    InvalidateCache();
}

void
SecurityPolicyDatabase::SetCache(size_t slots, size_t minPolicies)
{
    if (slots != 0 && (slots & (slots - 1)) != 0)
    {
        throw ConfigError("SPD cache size " + std::to_string(slots) +
                          " is not a power of two: use e.g. 1024 or 4096, or 0 to disable it");
    }
    m_cacheSlots = slots;
    m_cacheMinPolicies = minPolicies;
    m_cache.clear();
    m_cache.shrink_to_fit();
    m_generation = 1;
}

SecurityPolicyDatabase::CacheStats
SecurityPolicyDatabase::GetCacheStats() const
{
    return m_stats;
}

SecurityPolicyDatabase::Table&
SecurityPolicyDatabase::GetTable(PolicyDirection direction)
{
    return m_tables[static_cast<size_t>(direction)];
}

const SecurityPolicyDatabase::Table&
SecurityPolicyDatabase::GetTable(PolicyDirection direction) const
{
    return m_tables[static_cast<size_t>(direction)];
}

bool
SecurityPolicyDatabase::UseCache(const Table& table) const
{
    return m_cacheSlots != 0 && table.policies.size() >= m_cacheMinPolicies;
}

SecurityPolicyDatabase::CacheSlot&
SecurityPolicyDatabase::SlotFor(uint64_t key0, uint64_t key1) const
{
    if (m_cache.empty())
    {
        m_cache.resize(m_cacheSlots);
    }
    return m_cache[Mix(key0 ^ Mix(key1)) & (m_cacheSlots - 1)];
}

void
SecurityPolicyDatabase::InvalidateCache()
{
    ++m_generation;
    if (m_generation == 0) // wrapped: no slot may carry a current generation by accident
    {
        std::fill(m_cache.begin(), m_cache.end(), CacheSlot());
        m_generation = 1;
    }
}

uint64_t
SecurityPolicyDatabase::SelectorHash(PolicyDirection direction, const TrafficSelector& selector)
{
    uint64_t h = Mix((uint64_t{selector.local.first.Get()} << 32) | selector.local.last.Get());
    h = Mix(h ^ ((uint64_t{selector.remote.first.Get()} << 32) | selector.remote.last.Get()));
    uint64_t rest =
        uint64_t{selector.localPorts.first} | (uint64_t{selector.localPorts.last} << 16) |
        (uint64_t{selector.remotePorts.first} << 32) | (uint64_t{selector.remotePorts.last} << 48);
    h = Mix(h ^ rest);
    return Mix(h ^
               (uint64_t{selector.protocol} | (uint64_t{static_cast<uint8_t>(direction)} << 8)));
}

SecurityPolicyDatabase::CompiledSelector
SecurityPolicyDatabase::Compile(const SecurityPolicy& policy)
{
    const TrafficSelector& s = policy.selector;
    CompiledSelector c;
    c.localFirst = s.local.first.Get();
    c.localLast = s.local.last.Get();
    c.remoteFirst = s.remote.first.Get();
    c.remoteLast = s.remote.last.Get();
    c.localPortFirst = s.localPorts.first;
    c.localPortLast = s.localPorts.last;
    c.remotePortFirst = s.remotePorts.first;
    c.remotePortLast = s.remotePorts.last;
    c.protocol = s.protocol;
    c.portRestricted = s.HasPortRestriction();
    c.bypass = policy.action == PolicyAction::BYPASS;
    return c;
}

SecurityPolicyDatabase::PacketKey
SecurityPolicyDatabase::MakeKey(const PacketSelector& packet)
{
    PacketKey key;
    key.local = packet.local.Get();
    key.remote = packet.remote.Get();
    key.protocol = packet.protocol;
    key.portsKnown = packet.portsKnown;
    // Unknown ports never take part in a match: zero them so that they share one cache entry.
    key.localPort = packet.portsKnown ? packet.localPort : 0;
    key.remotePort = packet.portsKnown ? packet.remotePort : 0;
    return key;
}

uint32_t
SecurityPolicyDatabase::ScanLookup(const Table& table, const PacketKey& key)
{
    const CompiledSelector* c = table.compiled.data();
    size_t n = table.compiled.size();
    for (size_t i = 0; i < n; ++i)
    {
        if (!MatchesAddressesAndProtocol(c[i].localFirst,
                                         c[i].localLast,
                                         c[i].remoteFirst,
                                         c[i].remoteLast,
                                         c[i].protocol,
                                         key.local,
                                         key.remote,
                                         key.protocol))
        {
            continue;
        }
        if (!c[i].portRestricted ||
            (key.portsKnown && c[i].localPortFirst <= key.localPort &&
             key.localPort <= c[i].localPortLast && c[i].remotePortFirst <= key.remotePort &&
             key.remotePort <= c[i].remotePortLast))
        {
            return static_cast<uint32_t>(i + 1);
        }
    }
    return 0;
}

uint32_t
SecurityPolicyDatabase::ScanMayMatch(const Table& table, const PacketKey& key)
{
    for (const CompiledSelector& c : table.compiled)
    {
        if (!MatchesAddressesAndProtocol(c.localFirst,
                                         c.localLast,
                                         c.remoteFirst,
                                         c.remoteLast,
                                         c.protocol,
                                         key.local,
                                         key.remote,
                                         key.protocol))
        {
            continue;
        }
        if (!c.bypass)
        {
            return 1; // PROTECT or DISCARD could be the answer
        }
        if (!c.portRestricted)
        {
            return 0; // this BYPASS matches whatever the ports
        }
    }
    return 0;
}

} // namespace ipsec
} // namespace ns3
