// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The authentication half of IKE_AUTH (RFC 7296 §1.2, §2.15) with a pre-shared key: IDi/IDr
 * and AUTH, checked against the connection's identities; a wrong AUTH or identity is answered
 * with AUTHENTICATION_FAILED and no SA (strongSwan's ike_auth task, PSK only).
 */
#ifndef IKEV2_IKE_AUTH_TASK_H
#define IKEV2_IKE_AUTH_TASK_H

#include "ikev2-task.h"

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief IKE_AUTH authentication with a pre-shared key (AUTH method 2).
 */
class Ikev2IkeAuthTask : public Ikev2Task
{
  public:
    uint8_t GetExchangeType() const override;
    void BuildRequest(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out) override;
    Ikev2TaskStatus ProcessResponse(Ikev2SaContext& ctx,
                                    const std::vector<Ikev2Payload>& in) override;
    Ikev2TaskStatus ProcessRequest(Ikev2SaContext& ctx,
                                   const std::vector<Ikev2Payload>& in) override;
    void BuildResponse(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out) override;

  private:
    bool m_failed{false}; ///< the responder refused the initiator's authentication
};

} // namespace ipsec
} // namespace ns3

#endif /* IKEV2_IKE_AUTH_TASK_H */
