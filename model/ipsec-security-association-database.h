// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The Security Association Database of one node (RFC 4301 §4.4.2).
 */
#ifndef IPSEC_SECURITY_ASSOCIATION_DATABASE_H
#define IPSEC_SECURITY_ASSOCIATION_DATABASE_H

#include "ipsec-security-association.h"

#include "ns3/event-id.h"

#include <map>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief The SAD: inbound SAs by (SPI, destination, protocol), outbound SAs by the policy's
 * reqid (as Linux XFRM finds states for a policy template).
 *
 * Adding an SA validates it against the others (an SPI already used for the same destination
 * and protocol is refused) and schedules its time lifetimes; the hard expiry removes it. When
 * several outbound SAs serve the same reqid (during a rekey), the newest one is used.
 */
class SecurityAssociationDatabase
{
  public:
    /// Soft or hard expiry notification.
    using ExpireCallback = SecurityAssociation::ExpireCallback;

    SecurityAssociationDatabase();
    ~SecurityAssociationDatabase();
    /// Not copied: every SA's expiry callbacks point at this database.
    SecurityAssociationDatabase(const SecurityAssociationDatabase&) = delete;
    /// Not copied.
    SecurityAssociationDatabase& operator=(const SecurityAssociationDatabase&) = delete;

    /**
     * @brief Install an SA.
     * @param sa the SA
     * @throws ConfigError if its SPI is taken for the same destination and protocol
     */
    void Add(Ptr<SecurityAssociation> sa);
    /**
     * @brief Remove an SA (cancels its lifetime timers).
     * @param sa the SA
     * @return whether it was installed
     */
    bool Remove(Ptr<SecurityAssociation> sa);
    /**
     * @brief Find an inbound SA (RFC 4301 §4.1: SPI, destination and protocol).
     * @param spi the SPI
     * @param destination the destination address of the packet
     * @param protocol ESP or AH
     * @return the SA or null
     */
    Ptr<SecurityAssociation> FindInbound(uint32_t spi,
                                         Ipv4Address destination,
                                         IpsecProtocol protocol) const;
    /**
     * @brief Find an outbound SA by the fields its packets carry (for ICMP errors that quote
     * them, RFC 4301 §6.1.1).
     * @param spi the SPI
     * @param destination the peer's address
     * @param protocol ESP or AH
     * @return the SA or null
     */
    Ptr<SecurityAssociation> FindOutboundBySpi(uint32_t spi,
                                               Ipv4Address destination,
                                               IpsecProtocol protocol) const;
    /**
     * @brief Find the newest outbound SA of a policy.
     * @param reqid the policy's reqid
     * @param protocol ESP or AH
     * @return the SA or null
     */
    Ptr<SecurityAssociation> FindOutbound(uint32_t reqid, IpsecProtocol protocol) const;
    /**
     * @brief Whether an SA with this reqid reached its hard lifetime since the last Add for it.
     * @param reqid the reqid
     * @return true if traffic now finds the SA gone because it expired
     */
    bool HasExpired(uint32_t reqid) const;
    /**
     * @brief All installed SAs in installation order.
     * @return the SAs
     */
    const std::vector<Ptr<SecurityAssociation>>& GetAll() const;
    /**
     * @brief Set the callbacks fired on soft and hard expiry (after the SAD's own handling).
     * @param soft soft expiry
     * @param hard hard expiry (the SA is already removed)
     */
    void SetExpireCallbacks(ExpireCallback soft, ExpireCallback hard);
    /**
     * @brief Remove all SAs.
     */
    void Clear();

  private:
    ExpireCallback m_onSoft; ///< OnSoft, made once and shared by every SA (not one per SA)
    ExpireCallback m_onHard; ///< OnHard, likewise
    /// Inbound key: SPI, destination, protocol.
    using Key = std::tuple<uint32_t, uint32_t, uint8_t>;

    /**
     * @brief Soft expiry hook of an SA.
     * @param sa the SA
     */
    void OnSoft(Ptr<SecurityAssociation> sa);
    /**
     * @brief Hard expiry hook of an SA: removes it.
     * @param sa the SA
     */
    void OnHard(Ptr<SecurityAssociation> sa);
    /**
     * @brief The key of an SA.
     * @param sa the SA
     * @return its key
     */
    static Key MakeKey(const SecurityAssociation& sa);

    std::map<Key, Ptr<SecurityAssociation>> m_bySpi; ///< all SAs by key
    std::vector<Ptr<SecurityAssociation>> m_all;     ///< installation order
    std::map<std::pair<uint32_t, uint8_t>, std::vector<Ptr<SecurityAssociation>>>
        m_outbound;                                                ///< by (reqid, protocol)
    std::map<SecurityAssociation*, std::vector<EventId>> m_timers; ///< lifetime events
    std::map<uint32_t, bool> m_expired;                            ///< reqids whose SA expired
    ExpireCallback m_soft;                                         ///< user hook
    ExpireCallback m_hard;                                         ///< user hook
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_SECURITY_ASSOCIATION_DATABASE_H */
