// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The Security Policy Database (RFC 4301 §4.4.1): ordered policies per direction, first match
 * wins, with a bounded lookup cache for the per-packet path.
 */
#ifndef IPSEC_SECURITY_POLICY_DATABASE_H
#define IPSEC_SECURITY_POLICY_DATABASE_H

#include "ipsec-security-policy.h"
#include "ipsec-traffic-selector.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief The SPD of one node: an ordered list of policies per direction (OUT, IN, FWD).
 *
 * RFC 4301 §4.4.1 makes the SPD ordered: Lookup() returns the first policy, in its direction's
 * order, whose selector matches the datagram. Add() appends, Insert() places a policy at an
 * index. Policies are validated when added (SecurityPolicy::Validate()) and get a unique id
 * >= 1. RFC 4301 asks for decorrelated policies; the SPD at least refuses a policy whose
 * direction and selector are identical to an existing one's but whose action differs (an
 * identical selector with the same action is accepted and logged: it is shadowed).
 *
 * Pointers returned by Find(), Lookup() and GetPolicies() stay valid until that policy is
 * removed (Remove(), Clear()); adding other policies does not move them.
 *
 * Lookup design (the per-packet hot path):
 *  - each direction keeps, beside its policies, a contiguous array of compiled selectors
 *    (addresses as 32-bit numbers, port bounds, protocol); small directions (fewer than
 *    DEFAULT_INDEX_MIN_POLICIES policies) are looked up by scanning it in order, without
 *    touching the policies themselves and without allocating;
 *  - larger directions are looked up through an index over the compiled selectors, in the
 *    spirit of Linux xfrm's "bydst" hash tables and inexact bins but keeping the strict
 *    first-match order. Policies whose local and remote address ranges are both prefixes are
 *    grouped by their pair of prefix lengths; in a group, a hash table maps the pair of
 *    masked addresses to the group's policies with exactly these prefixes, in order (their
 *    positions, protocols and port bounds side by side in one array). Policies with an
 *    arbitrary address range, and the members of groups smaller than
 *    DEFAULT_INDEX_MIN_GROUP_SIZE, are kept in an ordered "other" list that is scanned. A
 *    lookup visits the groups (and the other list) in the order of their first policy, hashes
 *    the datagram's addresses masked with each group's prefix lengths, walks that bucket in
 *    order to its first full match, and keeps the lowest position found; it stops as soon as a
 *    group's first policy comes after the best match so far. So the result is the scan's, and
 *    a lookup costs one hash probe per group of prefix lengths (few in practice: 10,000 /24
 *    tunnels followed by a few port-restricted bypasses and a catch-all make one group and a
 *    four-policy other list) instead of one compare per policy. MayMatch() walks the same way
 *    with its own predicate: the first policy that matches addresses and protocol and is not
 *    a port-restricted BYPASS decides;
 *  - a probe costs about as much as scanning INDEX_GROUP_COST compiled selectors (measured), so
 *    a direction whose index would cost more than a full scan (many small groups of distinct
 *    prefix lengths) is scanned instead; this is decided each time the index is built;
 *  - the index is rebuilt lazily, in O(n), by the first lookup after Insert() at a position
 *    before the end, Remove() or Clear(). Policies appended by Add() after the index was built
 *    are scanned as an ordered tail behind it (they come after every indexed policy); the
 *    index is rebuilt once the tail exceeds INDEX_MAX_TAIL policies. So adding n policies in a
 *    loop costs O(n) in all (the index is built by the first lookup), and with a lookup after
 *    each Add() O(n^2 / INDEX_MAX_TAIL);
 *  - in front of the lookup sits a direct-mapped cache of DEFAULT_CACHE_SLOTS slots (one
 *    array shared by the directions, allocated on first use). The key is the full datagram
 *    selector (direction, addresses, protocol, ports or "ports unknown"), the value the
 *    matching policy's index or "no match". A slot holds one key; a colliding key replaces it,
 *    so the cache is bounded and never allocates after its first use. MayMatch() results are
 *    cached in the same slots under their own keys (addresses and protocol only). Every
 *    Add/Insert/Remove/Clear invalidates the whole cache in O(1) by bumping a generation
 *    number that valid slots must carry;
 *  - directions with fewer than DEFAULT_CACHE_MIN_POLICIES policies skip the cache: scanning
 *    a few compiled selectors is as cheap as hashing, and nodes with small SPDs never pay for
 *    the cache's memory. SetCache() changes both numbers, SetIndex() the index's.
 * With a warm cache a lookup costs one hash and one slot compare whatever the SPD's size; on a
 * cache miss it costs about one hash probe per group of prefix lengths.
 * The cache and the index are mutable state behind const methods: an SPD is not thread-safe
 * (ns-3 runs one simulation thread).
 */
class SecurityPolicyDatabase
{
  public:
    /// Default number of cache slots (a power of two).
    static constexpr size_t DEFAULT_CACHE_SLOTS = 4096;
    /// Default minimum number of policies in a direction before its lookups use the cache.
    static constexpr size_t DEFAULT_CACHE_MIN_POLICIES = 16;
    /// Default minimum number of policies in a direction before its lookups use the index.
    static constexpr size_t DEFAULT_INDEX_MIN_POLICIES = 16;
    /// Default minimum number of policies sharing a pair of prefix lengths for the index to
    /// hash them; smaller groups are scanned in the index's "other" list.
    static constexpr size_t DEFAULT_INDEX_MIN_GROUP_SIZE = 16;
    /// The measured cost of probing one group of the index, in compiled selectors scanned: a
    /// direction whose index would cost more than scanning all its policies is scanned.
    static constexpr size_t INDEX_GROUP_COST = 24;
    /// Policies appended after the index was built that are scanned behind it before the next
    /// lookup rebuilds it.
    static constexpr size_t INDEX_MAX_TAIL = 32;

    /**
     * @brief Lookup cache counters, for tests and benchmarks.
     */
    struct CacheStats
    {
        uint64_t hits = 0;   ///< lookups answered by the cache
        uint64_t misses = 0; ///< lookups that scanned the policies (with the cache in use)
    };

    /**
     * @brief Index counters, for tests and benchmarks.
     */
    struct IndexStats
    {
        uint64_t builds = 0;  ///< index (re)builds
        uint64_t lookups = 0; ///< Lookup() and MayMatch() answers searched in the index
        uint64_t scans = 0;   ///< builds whose cost estimate chose the scan instead
        uint64_t hashed = 0;  ///< policies in hashed groups at the last build
        uint64_t groups = 0;  ///< hashed groups at the last build
        uint64_t scanned = 0; ///< policies in the "other" list at the last build
    };

    /// An empty SPD (every lookup gives no match).
    SecurityPolicyDatabase();
    /// Destroy the SPD and its policies.
    ~SecurityPolicyDatabase();
    /// The SPD owns its policies and is not copied.
    SecurityPolicyDatabase(const SecurityPolicyDatabase&) = delete;
    /// The SPD owns its policies and is not copied.
    /// @return this SPD
    SecurityPolicyDatabase& operator=(const SecurityPolicyDatabase&) = delete;
    /// Move (policy pointers stay valid).
    SecurityPolicyDatabase(SecurityPolicyDatabase&&) noexcept;
    /// Move (policy pointers stay valid).
    /// @return this SPD
    SecurityPolicyDatabase& operator=(SecurityPolicyDatabase&&) noexcept;

    /**
     * @brief Add a policy to its direction's order after every policy whose priority value is
     * lower or equal, before the first with a higher one (XFRM's order; with equal priorities,
     * as all are by default, it appends).
     * @param policy the policy; its id is ignored and replaced
     * @return the id assigned (>= 1, unique in this SPD)
     * @throws ConfigError if the policy is invalid (SecurityPolicy::Validate()) or conflicts
     * with an existing one (same direction and selector, different action)
     */
    uint32_t Add(SecurityPolicy policy);
    /**
     * @brief Insert a policy at an index of its direction's order; 0 makes it the first.
     * @param policy the policy; its id is ignored and replaced
     * @param position 0..Size(policy.direction)
     * @return the id assigned (>= 1, unique in this SPD)
     * @throws ConfigError as Add(), or if position is beyond the end
     */
    uint32_t Insert(SecurityPolicy policy, size_t position);
    /**
     * @brief Remove a policy.
     * @param id the id Add() or Insert() returned
     * @return true if it was there
     */
    bool Remove(uint32_t id);
    /**
     * @brief Find a policy by id.
     * @param id the id
     * @return the policy, or nullptr
     */
    const SecurityPolicy* Find(uint32_t id) const;
    /**
     * @brief The first policy of a direction that matches a datagram, ports included.
     * @param direction the direction
     * @param packet the datagram's selector fields
     * @return the policy, or nullptr if none matches
     */
    const SecurityPolicy* Lookup(PolicyDirection direction, const PacketSelector& packet) const;
    /**
     * @brief Whether a datagram may need IPsec or a drop, before its ports are known (at
     * routing time).
     *
     * Scans the direction in order with TrafficSelector::MatchesIgnoringPorts(): a PROTECT or
     * DISCARD policy gives true; a BYPASS policy with ANY ports gives false (it matches the
     * datagram whatever its ports, and comes first); a port-restricted BYPASS policy is
     * skipped. So false means exactly that Lookup() will return BYPASS or no policy whatever
     * the ports are.
     * @param direction the direction
     * @param packet the datagram's selector fields (the ports are not read)
     * @return true if some PROTECT or DISCARD policy could be the result of Lookup()
     */
    bool MayMatch(PolicyDirection direction, const PacketSelector& packet) const;
    /**
     * @brief The number of policies of a direction.
     * @param direction the direction
     * @return the count
     */
    size_t Size(PolicyDirection direction) const;
    /**
     * @brief The policies of a direction, in order.
     * @param direction the direction
     * @return the policies, first match first
     */
    std::vector<const SecurityPolicy*> GetPolicies(PolicyDirection direction) const;
    /**
     * @brief Remove every policy (ids are not reused afterwards).
     */
    void Clear();

    /**
     * @brief Size the lookup cache.
     * @param slots number of slots: a power of two, or 0 to disable the cache
     * @param minPolicies directions with fewer policies scan without the cache
     * @throws ConfigError if slots is neither 0 nor a power of two
     */
    void SetCache(size_t slots, size_t minPolicies);
    /**
     * @brief The cache counters since construction.
     * @return hits and misses
     */
    CacheStats GetCacheStats() const;
    /**
     * @brief Tune the lookup index (see the class description); the defaults are
     * DEFAULT_INDEX_MIN_POLICIES and DEFAULT_INDEX_MIN_GROUP_SIZE.
     *
     * The results of Lookup() and MayMatch() do not depend on these numbers, only their cost.
     * @param minPolicies directions with at least this many policies are looked up through the
     * index, unless its cost estimate prefers the scan; 0: every direction, whatever the
     * estimate (for tests); SIZE_MAX: none, every lookup scans
     * @param minGroupSize pairs of prefix lengths with fewer policies than this are scanned in
     * the index's "other" list rather than hashed (0 or 1: every prefix pair is hashed)
     */
    void SetIndex(size_t minPolicies, size_t minGroupSize);
    /**
     * @brief The index counters since construction.
     * @return builds and lookups, and the shape of the last index built
     */
    IndexStats GetIndexStats() const;

  private:
    /// A selector reduced to numbers, scanned per packet.
    struct CompiledSelector
    {
        uint32_t localFirst;      ///< lowest local address
        uint32_t localLast;       ///< highest local address
        uint32_t remoteFirst;     ///< lowest remote address
        uint32_t remoteLast;      ///< highest remote address
        uint16_t localPortFirst;  ///< lowest local port / ICMP type
        uint16_t localPortLast;   ///< highest local port / ICMP type
        uint16_t remotePortFirst; ///< lowest remote port / ICMP code
        uint16_t remotePortLast;  ///< highest remote port / ICMP code
        uint8_t protocol;         ///< protocol, 0 = ANY
        bool portRestricted;      ///< whether the ports must be known and in range
        bool bypass;              ///< whether the action is BYPASS (for MayMatch)
    };

    /// A datagram's selector fields reduced to numbers.
    struct PacketKey
    {
        uint32_t local;      ///< local address
        uint32_t remote;     ///< remote address
        uint16_t localPort;  ///< local port / ICMP type (0 if unknown)
        uint16_t remotePort; ///< remote port / ICMP code (0 if unknown)
        uint8_t protocol;    ///< protocol
        bool portsKnown;     ///< whether the ports are known
    };

    /// A policy in a bucket of the index: its position and what the bucket's key leaves open.
    struct IndexEntry
    {
        uint32_t position;        ///< index in the direction's order
        uint16_t localPortFirst;  ///< lowest local port / ICMP type
        uint16_t localPortLast;   ///< highest local port / ICMP type
        uint16_t remotePortFirst; ///< lowest remote port / ICMP code
        uint16_t remotePortLast;  ///< highest remote port / ICMP code
        uint8_t protocol;         ///< protocol, 0 = ANY
        uint8_t flags;            ///< ENTRY_* bits
    };

    /// A slot of the index's open-addressing hash table: one (group, masked addresses) key.
    struct IndexSlot
    {
        uint64_t key;   ///< masked local address << 32 | masked remote address
        uint32_t group; ///< the group's number
        uint32_t run;   ///< first entry of the bucket in Index::entries; INDEX_EMPTY if free
    };

    /// A group of policies with the same pair of prefix lengths, or the "other" list.
    struct IndexGroup
    {
        uint32_t localMask;  ///< the local prefix's mask
        uint32_t remoteMask; ///< the remote prefix's mask
        uint32_t first;      ///< position of the group's first policy
        uint32_t number;     ///< the group's number in the hash keys; INDEX_OTHER: other list
    };

    /// A policy of the index's "other" list: a copy of its selector, scanned in order.
    struct OtherEntry
    {
        CompiledSelector selector; ///< the policy's compiled selector
        uint32_t position;         ///< index in the direction's order
    };

    /// The lookup index of one direction (see the class description).
    struct Index
    {
        std::vector<IndexGroup> groups;  ///< by first position, the other list among them
        std::vector<IndexSlot> slots;    ///< hash table, a power of two long
        std::vector<IndexEntry> entries; ///< buckets: runs in order, ENTRY_LAST ends a run
        std::vector<OtherEntry> other;   ///< the scanned policies, in order
        unsigned shift = 64;             ///< 64 - log2(slots.size()), for the hash
        uint32_t indexed = 0;            ///< policies covered; later ones are a scanned tail
        bool valid = false;              ///< false: rebuild before the next use
        bool scan = false;               ///< the cost estimate prefers the scan
    };

    /// The policies of one direction, in order, with their compiled selectors.
    struct Table
    {
        std::vector<std::unique_ptr<SecurityPolicy>> policies; ///< in order
        std::vector<CompiledSelector> compiled;                ///< policies[i]'s selector
        mutable Index index;                                   ///< built on demand
    };

    /// One cache slot: a key and its answer, valid if generation is current.
    struct CacheSlot
    {
        uint64_t key0 = 0;       ///< addresses
        uint64_t key1 = 0;       ///< protocol, ports, direction, query kind
        uint32_t generation = 0; ///< m_generation when stored; 0 = empty
        uint32_t result = 0;     ///< Lookup: index + 1, 0 = none; MayMatch: 0 or 1
    };

    /**
     * @brief Validate, check conflicts, assign an id and place the policy.
     * @param policy the policy
     * @param position index in its direction's order
     * @return the id
     */
    uint32_t Place(SecurityPolicy policy, size_t position);
    /**
     * @brief The table of a direction.
     * @param direction the direction
     * @return its table
     */
    Table& GetTable(PolicyDirection direction);
    /**
     * @brief The table of a direction.
     * @param direction the direction
     * @return its table
     */
    const Table& GetTable(PolicyDirection direction) const;
    /**
     * @brief Whether lookups in a table go through the cache.
     * @param table the table
     * @return true if the cache is enabled and the table is large enough
     */
    bool UseCache(const Table& table) const;
    /**
     * @brief The cache slot of a key (allocating the cache on first use).
     * @param key0 first key word
     * @param key1 second key word
     * @return the slot
     */
    CacheSlot& SlotFor(uint64_t key0, uint64_t key1) const;
    /**
     * @brief Invalidate every cache slot.
     */
    void InvalidateCache();
    /**
     * @brief The hash of a direction and selector, for conflict detection.
     * @param direction the direction
     * @param selector the selector
     * @return the hash
     */
    static uint64_t SelectorHash(PolicyDirection direction, const TrafficSelector& selector);
    /**
     * @brief Compile a policy's selector.
     * @param policy the policy
     * @return the compiled selector
     */
    static CompiledSelector Compile(const SecurityPolicy& policy);
    /**
     * @brief Reduce a datagram's fields to numbers (ports 0 if unknown).
     * @param packet the fields
     * @return the key
     */
    static PacketKey MakeKey(const PacketSelector& packet);
    /**
     * @brief The index of the first full match in a table.
     * @param table the table
     * @param key the datagram
     * @return index + 1, or 0 if none
     */
    static uint32_t ScanLookup(const Table& table, const PacketKey& key);
    /**
     * @brief The MayMatch() answer from a scan of a table.
     * @param table the table
     * @param key the datagram
     * @return 1 if a PROTECT/DISCARD policy may match, 0 otherwise
     */
    static uint32_t ScanMayMatch(const Table& table, const PacketKey& key);
    /**
     * @brief The index of the first full match in a table, through the index or a scan.
     * @param table the table
     * @param key the datagram
     * @return index + 1, or 0 if none
     */
    uint32_t SearchLookup(const Table& table, const PacketKey& key) const;
    /**
     * @brief The MayMatch() answer for a table, through the index or a scan.
     * @param table the table
     * @param key the datagram
     * @return 1 if a PROTECT/DISCARD policy may match, 0 otherwise
     */
    uint32_t SearchMayMatch(const Table& table, const PacketKey& key) const;
    /**
     * @brief Whether lookups in a table go through the index (building it if needed).
     * @param table the table
     * @return true if the table is large enough for the index
     */
    bool UseIndex(const Table& table) const;
    /**
     * @brief Build a table's index from its compiled selectors.
     * @param table the table
     */
    void BuildIndex(const Table& table) const;
    /**
     * @brief The position of the first policy that satisfies a predicate, through the index.
     *
     * MAY_MATCH false: the first full match (Lookup()); true: the first policy that matches
     * addresses and protocol and is not a port-restricted BYPASS (MayMatch()).
     * @param table the table, with a valid index
     * @param key the datagram
     * @return position + 1, or 0 if none
     */
    template <bool MAY_MATCH>
    static uint32_t IndexFind(const Table& table, const PacketKey& key);

    std::array<Table, 3> m_tables;                                   ///< OUT, IN, FWD
    std::unordered_map<uint32_t, SecurityPolicy*> m_byId;            ///< every policy by id
    std::unordered_multimap<uint64_t, SecurityPolicy*> m_bySelector; ///< by SelectorHash()
    uint32_t m_nextId{1};                                            ///< next id to try
    size_t m_cacheSlots{DEFAULT_CACHE_SLOTS};                        ///< 0 = cache disabled
    size_t m_cacheMinPolicies{DEFAULT_CACHE_MIN_POLICIES};    ///< smaller tables skip the cache
    mutable std::vector<CacheSlot> m_cache;                   ///< allocated on first use
    uint32_t m_generation{1};                                 ///< current cache generation
    mutable CacheStats m_stats;                               ///< cache counters
    size_t m_indexMinPolicies{DEFAULT_INDEX_MIN_POLICIES};    ///< smaller tables scan
    size_t m_indexMinGroupSize{DEFAULT_INDEX_MIN_GROUP_SIZE}; ///< smaller groups are scanned
    mutable IndexStats m_indexStats;                          ///< index counters
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_SECURITY_POLICY_DATABASE_H */
