// SPDX-License-Identifier: GPL-2.0-only
#ifndef IPSEC_ATTACK_DROP_H
#define IPSEC_ATTACK_DROP_H

#include "ipsec-attack.h"

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief On-path: the targeted datagrams never arrive (a blackhole from Start on, or a lossy
 * one with Probability < 1). Action "dropped". IPsec cannot stop it; the victims only see that
 * nothing comes (DPD notices a dead peer when IKE runs).
 */
class DropAttack : public Attack
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

  protected:
    AttackVerdict DoProcess(AttackPacket& packet, AttackContext& ctx) override;
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ATTACK_DROP_H */
