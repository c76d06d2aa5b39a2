// SPDX-License-Identifier: GPL-2.0-only
#ifndef IPSEC_ATTACK_REPLAY_H
#define IPSEC_ATTACK_REPLAY_H

#include "ipsec-attack.h"

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief On-path or off-path: copies targeted datagrams (every Every-th one) and sends each
 * copy again Copies times, Delay after it was seen (0: at once; longer than an SA's life: after
 * the SA was replaced). The originals go on untouched. Actions "captured" and "replayed".
 *
 * The victim's anti-replay window drops the copies as replay (RFC 4303 §3.4.3); with the
 * window off (0) it delivers them again; after a rekey the old SPI is gone (no-sa).
 */
class ReplayAttack : public Attack
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

  protected:
    void DoObserve(const AttackPacket& packet, AttackContext& ctx) override;

  private:
    /**
     * @brief Capture a datagram if it is an Every-th one, and schedule its copies.
     * @param packet the datagram
     * @param ctx the attacker's node
     */
    void Capture(const AttackPacket& packet, AttackContext& ctx);
    /**
     * @brief Send one copy.
     * @param packet the copy
     * @param ctx the attacker's node
     */
    void Replay(AttackPacket packet, AttackContext* ctx);

    Time m_delay;         ///< attribute Delay
    uint32_t m_every{1};  ///< attribute Every
    uint32_t m_copies{1}; ///< attribute Copies
    uint64_t m_seen{0};   ///< targeted datagrams seen
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ATTACK_REPLAY_H */
