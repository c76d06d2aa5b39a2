// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The IKE_SA_INIT exchange (RFC 7296 §1.2): proposals, key exchange and nonces, then the IKE
 * SA's keys (§2.14). The responder answers NO_PROPOSAL_CHOSEN or INVALID_KE_PAYLOAD (with the
 * group it wants, §1.2) and keeps no state; the initiator retries with that group.
 */
#ifndef IKEV2_IKE_INIT_TASK_H
#define IKEV2_IKE_INIT_TASK_H

#include "ikev2-task.h"

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief IKE_SA_INIT, both ends (strongSwan's ike_init task).
 */
class Ikev2IkeInitTask : public Ikev2Task
{
  public:
    uint8_t GetExchangeType() const override;
    void BuildRequest(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out) override;
    Ikev2TaskStatus ProcessResponse(Ikev2SaContext& ctx,
                                    const std::vector<Ikev2Payload>& in) override;
    Ikev2TaskStatus ProcessRequest(Ikev2SaContext& ctx,
                                   const std::vector<Ikev2Payload>& in) override;
    void BuildResponse(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out) override;

    /// Cookies an initiator answers before it gives up (strongSwan's ike_init MAX_RETRIES).
    static constexpr uint8_t MAX_COOKIE_RETRIES = 5;

  private:
    /**
     * @brief Compute the DH secret with the peer's value and derive the IKE SA's keys.
     * @param ctx the IKE SA
     * @param peerPublic the peer's KE data
     * @return false (and ctx.error set) if the peer's value is unusable
     */
    bool DeriveKeys(Ikev2SaContext& ctx, const std::vector<uint8_t>& peerPublic);

    Ikev2Payload m_failure; ///< the responder's failure notification
    bool m_failed{false};   ///< the responder refused the request
};

} // namespace ipsec
} // namespace ns3

#endif /* IKEV2_IKE_INIT_TASK_H */
