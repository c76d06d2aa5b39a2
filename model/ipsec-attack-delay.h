// SPDX-License-Identifier: GPL-2.0-only
#ifndef IPSEC_ATTACK_DELAY_H
#define IPSEC_ATTACK_DELAY_H

#include "ipsec-attack.h"

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief On-path: holds each targeted datagram back for a time drawn from Delay (seconds), as a
 * congested priority queue would, so that datagrams overtake one another. Action "delayed".
 *
 * The victim's anti-replay window shows its other side: with a window smaller than the
 * reordering, valid datagrams arrive left of it and are dropped as replay (RFC 4303 §3.4.3);
 * a window wide enough keeps them all.
 */
class DelayAttack : public Attack
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

  protected:
    AttackVerdict DoProcess(AttackPacket& packet, AttackContext& ctx) override;
    int64_t DoAssignStreams(int64_t stream) override;

  private:
    Ptr<RandomVariableStream> m_delay; ///< attribute Delay (seconds)
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ATTACK_DELAY_H */
