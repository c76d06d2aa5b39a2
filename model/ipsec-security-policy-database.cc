// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-security-policy-database.h"

#include "ipsec-config-error.h"

#include "ns3/log.h"

#include <algorithm>
#include <limits>

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

/// "No policy" as a position.
constexpr uint32_t NO_POSITION = std::numeric_limits<uint32_t>::max();
/// IndexSlot::run of a free slot.
constexpr uint32_t INDEX_EMPTY = std::numeric_limits<uint32_t>::max();
/// IndexGroup::number of the "other" list.
constexpr uint32_t INDEX_OTHER = std::numeric_limits<uint32_t>::max();
/// IndexEntry::flags: the last entry of its bucket.
constexpr uint8_t ENTRY_LAST = 1;
/// IndexEntry::flags: the policy restricts ports.
constexpr uint8_t ENTRY_PORTS = 2;
/// IndexEntry::flags: the policy's action is BYPASS.
constexpr uint8_t ENTRY_BYPASS = 4;
/// Number of prefix lengths (0..32).
constexpr size_t PREFIX_LENGTHS = 33;
/// A pair of prefix lengths as a number, or "not a pair of prefixes".
constexpr uint16_t NO_PREFIX_PAIR = std::numeric_limits<uint16_t>::max();

/// The prefix length of [first, last] if it is exactly one prefix, else -1.
inline int
PrefixLength(uint32_t first, uint32_t last)
{
    uint32_t host = first ^ last;
    if ((host & (host + 1)) != 0 || (first & host) != 0) // host bits: low ones, zero in first
    {
        return -1;
    }
    int length = 32;
    for (; host != 0; host >>= 1)
    {
        --length;
    }
    return length;
}

/// The mask of a prefix length.
inline uint32_t
PrefixMask(size_t length)
{
    return length == 0 ? 0 : ~uint32_t{0} << (32 - length);
}

/**
 * The hash table slot where the search for a (group, masked addresses) key starts: a xor-shift
 * that folds the local address into the remote one, then Fibonacci hashing (one
 * multiplication, keep the top bits). Cheaper than Mix() on the per-packet path, and it spreads
 * the typical key sets (consecutive subnets on either side, single hosts) with no clustering.
 */
inline uint32_t
IndexSlotOf(uint64_t key, uint32_t group, unsigned shift)
{
    uint64_t x = key ^ (uint64_t{group} * 0xc2b2ae3d27d4eb4fULL);
    x ^= x >> 29;
    return static_cast<uint32_t>((x * 0x9e3779b97f4a7c15ULL) >> shift);
}

/// Ask the CPU to fetch the cache line of an address (a hint; nothing where unsupported).
inline void
Prefetch(const void* address)
{
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address);
#else
    (void)address;
#endif
}

/// Groups whose hash slots a lookup computes and prefetches together, so that their memory
/// accesses overlap.
constexpr size_t PREFETCH_GROUPS = 8;

/// Whether a policy's ports admit a datagram (a policy with ANY ports admits every datagram;
/// a port-restricted one only datagrams with known ports in its ranges).
template <typename Bounds, typename Key>
inline bool
PortsAdmit(const Bounds& c, bool portRestricted, const Key& key)
{
    return !portRestricted ||
           (key.portsKnown && c.localPortFirst <= key.localPort &&
            key.localPort <= c.localPortLast && c.remotePortFirst <= key.remotePort &&
            key.remotePort <= c.remotePortLast);
}

/**
 * Whether a bucket entry satisfies a search's predicate; the bucket's key already matched the
 * addresses. MAY_MATCH false: a full match; true: the protocol matches and the policy is not a
 * port-restricted BYPASS.
 */
template <bool MAY_MATCH, typename Entry, typename Key>
inline bool
EntryAccepts(const Entry& e, const Key& key)
{
    if (e.protocol != 0 && e.protocol != key.protocol)
    {
        return false;
    }
    bool portRestricted = (e.flags & ENTRY_PORTS) != 0;
    if (MAY_MATCH)
    {
        return !(portRestricted && (e.flags & ENTRY_BYPASS) != 0);
    }
    return PortsAdmit(e, portRestricted, key);
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

/**
 * Whether a compiled selector satisfies a search's predicate, as EntryAccepts() but checking the
 * addresses too.
 */
template <bool MAY_MATCH, typename Compiled, typename Key>
inline bool
CompiledAccepts(const Compiled& c, const Key& key)
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
        return false;
    }
    if (MAY_MATCH)
    {
        return !(c.portRestricted && c.bypass);
    }
    return PortsAdmit(c, c.portRestricted, key);
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
    const auto& policies = GetTable(policy.direction).policies;
    size_t position = policies.size();
    if (!policies.empty() && policies.back()->priority > policy.priority)
    {
        position = std::upper_bound(
                       policies.begin(),
                       policies.end(),
                       policy.priority,
                       [](uint32_t priority, const auto& p) { return priority < p->priority; }) -
                   policies.begin();
    }
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
    if (position != table.policies.size())
    {
        table.index.valid = false; // positions shift; an append is scanned behind the index
    }
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
    table.index.valid = false;
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
            result = SearchLookup(table, key);
            slot.key0 = key0;
            slot.key1 = key1;
            slot.generation = m_generation;
            slot.result = result;
        }
    }
    else
    {
        result = SearchLookup(table, key);
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
        return SearchMayMatch(table, key) != 0;
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
    slot.result = SearchMayMatch(table, key);
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
        table.index = Index();
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

void
SecurityPolicyDatabase::SetIndex(size_t minPolicies, size_t minGroupSize)
{
    m_indexMinPolicies = minPolicies;
    m_indexMinGroupSize = minGroupSize;
    for (Table& table : m_tables)
    {
        table.index = Index();
    }
}

SecurityPolicyDatabase::IndexStats
SecurityPolicyDatabase::GetIndexStats() const
{
    return m_indexStats;
}

// The private helpers of the per-packet path are defined inline (they are used only in this
// file): in a shared library built with -fPIC, calls to exported functions go through the PLT
// and are never inlined, which costs a few nanoseconds per lookup.

inline SecurityPolicyDatabase::Table&
SecurityPolicyDatabase::GetTable(PolicyDirection direction)
{
    return m_tables[static_cast<size_t>(direction)];
}

inline const SecurityPolicyDatabase::Table&
SecurityPolicyDatabase::GetTable(PolicyDirection direction) const
{
    return m_tables[static_cast<size_t>(direction)];
}

inline bool
SecurityPolicyDatabase::UseCache(const Table& table) const
{
    return m_cacheSlots != 0 && table.policies.size() >= m_cacheMinPolicies;
}

inline SecurityPolicyDatabase::CacheSlot&
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

inline SecurityPolicyDatabase::PacketKey
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

inline uint32_t
SecurityPolicyDatabase::SearchLookup(const Table& table, const PacketKey& key) const
{
    if (UseIndex(table))
    {
        ++m_indexStats.lookups;
        return IndexFind<false>(table, key);
    }
    return ScanLookup(table, key);
}

inline uint32_t
SecurityPolicyDatabase::SearchMayMatch(const Table& table, const PacketKey& key) const
{
    if (UseIndex(table))
    {
        ++m_indexStats.lookups;
        uint32_t found = IndexFind<true>(table, key);
        return found != 0 && !table.compiled[found - 1].bypass ? 1 : 0;
    }
    return ScanMayMatch(table, key);
}

inline uint32_t
SecurityPolicyDatabase::ScanLookup(const Table& table, const PacketKey& key)
{
    const CompiledSelector* c = table.compiled.data();
    size_t n = table.compiled.size();
    for (size_t i = 0; i < n; ++i)
    {
        if (CompiledAccepts<false>(c[i], key))
        {
            return static_cast<uint32_t>(i + 1);
        }
    }
    return 0;
}

inline uint32_t
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

inline bool
SecurityPolicyDatabase::UseIndex(const Table& table) const
{
    size_t size = table.compiled.size();
    if (size < m_indexMinPolicies)
    {
        return false;
    }
    if (!table.index.valid || size - table.index.indexed > INDEX_MAX_TAIL)
    {
        BuildIndex(table);
    }
    return !table.index.scan;
}

void
SecurityPolicyDatabase::BuildIndex(const Table& table) const
{
    NS_LOG_FUNCTION(this << table.compiled.size());
    const std::vector<CompiledSelector>& compiled = table.compiled;
    const auto size = static_cast<uint32_t>(compiled.size());
    Index& index = table.index;
    index.groups.clear();
    index.slots.clear();
    index.entries.clear();
    index.other.clear();

    // Classify the policies by their pair of prefix lengths, and count each pair.
    std::vector<uint16_t> pairOf(size, NO_PREFIX_PAIR);
    std::vector<uint32_t> pairCount(PREFIX_LENGTHS * PREFIX_LENGTHS, 0);
    for (uint32_t position = 0; position < size; ++position)
    {
        const CompiledSelector& c = compiled[position];
        int local = PrefixLength(c.localFirst, c.localLast);
        int remote = PrefixLength(c.remoteFirst, c.remoteLast);
        if (local >= 0 && remote >= 0)
        {
            auto pair = static_cast<uint16_t>(local * PREFIX_LENGTHS + remote);
            pairOf[position] = pair;
            ++pairCount[pair];
        }
    }

    // Hash the pairs with enough policies, in groups numbered in order of their first policy;
    // scan the rest in order.
    const uint32_t minGroupSize = static_cast<uint32_t>(
        std::min<size_t>(std::max<size_t>(m_indexMinGroupSize, 1), NO_POSITION));
    std::vector<uint32_t> groupOf(PREFIX_LENGTHS * PREFIX_LENGTHS, INDEX_OTHER);
    uint32_t hashed = 0;
    for (uint32_t position = 0; position < size; ++position)
    {
        uint16_t pair = pairOf[position];
        if (pair == NO_PREFIX_PAIR || pairCount[pair] < minGroupSize)
        {
            pairOf[position] = NO_PREFIX_PAIR;
            index.other.push_back({compiled[position], position});
            continue;
        }
        if (groupOf[pair] == INDEX_OTHER)
        {
            groupOf[pair] = static_cast<uint32_t>(index.groups.size());
            index.groups.push_back({PrefixMask(pair / PREFIX_LENGTHS),
                                    PrefixMask(pair % PREFIX_LENGTHS),
                                    position,
                                    groupOf[pair]});
        }
        ++hashed;
    }
    m_indexStats.groups = index.groups.size();
    ++m_indexStats.builds;
    m_indexStats.hashed = hashed;
    m_indexStats.scanned = index.other.size();
    index.indexed = size;
    index.valid = true;
    index.scan = m_indexMinPolicies != 0 &&
                 INDEX_GROUP_COST * index.groups.size() + index.other.size() >= size;
    if (index.scan)
    {
        ++m_indexStats.scans;
        NS_LOG_DEBUG("index of " << size << " policies would probe " << index.groups.size()
                                 << " groups and scan " << index.other.size()
                                 << ": lookups scan instead");
        index.groups.clear();
        index.other.clear();
        return;
    }
    if (!index.other.empty())
    {
        index.groups.push_back({0, 0, index.other.front().position, INDEX_OTHER});
        std::sort(index.groups.begin(),
                  index.groups.end(),
                  [](const IndexGroup& a, const IndexGroup& b) { return a.first < b.first; });
    }

    // The hash table (load at most 1/2), then the buckets: each a run of entries in order.
    uint32_t capacity = 8;
    unsigned shift = 64 - 3;
    while (capacity < 2 * uint64_t{hashed})
    {
        capacity *= 2;
        --shift;
    }
    index.slots.assign(capacity, IndexSlot{0, 0, INDEX_EMPTY});
    index.shift = shift;
    const uint32_t mask = capacity - 1;
    std::vector<uint32_t> slotOf(size, 0);
    std::vector<uint32_t> runEnd(capacity, 0); // first a count per slot, then a cursor
    for (uint32_t position = 0; position < size; ++position)
    {
        if (pairOf[position] == NO_PREFIX_PAIR)
        {
            continue;
        }
        const CompiledSelector& c = compiled[position];
        uint32_t group = groupOf[pairOf[position]];
        uint64_t key = (uint64_t{c.localFirst} << 32) | c.remoteFirst; // prefixes: masked
        uint32_t i = IndexSlotOf(key, group, shift);
        while (index.slots[i].run != INDEX_EMPTY &&
               (index.slots[i].key != key || index.slots[i].group != group))
        {
            i = (i + 1) & mask;
        }
        index.slots[i].key = key;
        index.slots[i].group = group;
        index.slots[i].run = 0;
        ++runEnd[i];
        slotOf[position] = i;
    }
    uint32_t total = 0;
    for (uint32_t i = 0; i < capacity; ++i)
    {
        if (index.slots[i].run != INDEX_EMPTY)
        {
            index.slots[i].run = total;
            total += runEnd[i];
            runEnd[i] = index.slots[i].run;
        }
    }
    index.entries.resize(total);
    for (uint32_t position = 0; position < size; ++position)
    {
        if (pairOf[position] == NO_PREFIX_PAIR)
        {
            continue;
        }
        const CompiledSelector& c = compiled[position];
        IndexEntry& e = index.entries[runEnd[slotOf[position]]++];
        e.position = position;
        e.localPortFirst = c.localPortFirst;
        e.localPortLast = c.localPortLast;
        e.remotePortFirst = c.remotePortFirst;
        e.remotePortLast = c.remotePortLast;
        e.protocol = c.protocol;
        e.flags = static_cast<uint8_t>((c.portRestricted ? ENTRY_PORTS : 0) |
                                       (c.bypass ? ENTRY_BYPASS : 0));
    }
    for (uint32_t i = 0; i < capacity; ++i)
    {
        if (index.slots[i].run != INDEX_EMPTY)
        {
            index.entries[runEnd[i] - 1].flags |= ENTRY_LAST;
        }
    }
}

template <bool MAY_MATCH>
uint32_t
SecurityPolicyDatabase::IndexFind(const Table& table, const PacketKey& key)
{
    const Index& index = table.index;
    const CompiledSelector* compiled = table.compiled.data();
    const IndexSlot* slots = index.slots.data();
    const IndexEntry* entries = index.entries.data();
    const auto mask = static_cast<uint32_t>(index.slots.size() - 1);
    uint32_t best = NO_POSITION;
    const IndexGroup* groups = index.groups.data();
    const size_t count = index.groups.size();
    for (size_t base = 0; base < count && groups[base].first < best; base += PREFETCH_GROUPS)
    {
        const size_t end = std::min(count, base + PREFETCH_GROUPS);
        uint64_t keys[PREFETCH_GROUPS];
        uint32_t starts[PREFETCH_GROUPS];
        for (size_t j = base; j < end; ++j)
        {
            const IndexGroup& group = groups[j];
            keys[j - base] =
                (uint64_t{key.local & group.localMask} << 32) | (key.remote & group.remoteMask);
            starts[j - base] = IndexSlotOf(keys[j - base], group.number, index.shift);
            Prefetch(slots + starts[j - base]);
        }
        for (size_t j = base; j < end; ++j)
        {
            const IndexGroup& group = groups[j];
            if (group.first >= best)
            {
                return best + 1; // this group and the later ones start after the best match
            }
            if (group.number == INDEX_OTHER)
            {
                for (const OtherEntry& other : index.other)
                {
                    if (other.position >= best)
                    {
                        break;
                    }
                    if (CompiledAccepts<MAY_MATCH>(other.selector, key))
                    {
                        best = other.position;
                        break;
                    }
                }
                continue;
            }
            const uint64_t k = keys[j - base];
            for (uint32_t i = starts[j - base]; slots[i].run != INDEX_EMPTY; i = (i + 1) & mask)
            {
                if (slots[i].key != k || slots[i].group != group.number)
                {
                    continue;
                }
                for (const IndexEntry* e = entries + slots[i].run; e->position < best; ++e)
                {
                    if (EntryAccepts<MAY_MATCH>(*e, key))
                    {
                        best = e->position;
                        break;
                    }
                    if ((e->flags & ENTRY_LAST) != 0)
                    {
                        break;
                    }
                }
                break;
            }
        }
    }
    if (best == NO_POSITION) // the tail appended since the build comes after every indexed one
    {
        const auto size = static_cast<uint32_t>(table.compiled.size());
        for (uint32_t position = index.indexed; position < size; ++position)
        {
            if (CompiledAccepts<MAY_MATCH>(compiled[position], key))
            {
                return position + 1;
            }
        }
        return 0;
    }
    return best + 1;
}

} // namespace ipsec
} // namespace ns3
