// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Creating a CHILD SA (RFC 7296 §1.2, §2.9, §2.17): the SA payload with this end's inbound
 * SPI, traffic selectors and their narrowing, transport mode (USE_TRANSPORT_MODE, §3.10.1),
 * and KEYMAT. Today it runs inside IKE_AUTH (the first CHILD SA, no PFS); a failure there
 * (NO_PROPOSAL_CHOSEN, TS_UNACCEPTABLE) leaves the IKE SA up without the CHILD SA (§1.2).
 */
#ifndef IKEV2_CHILD_CREATE_TASK_H
#define IKEV2_CHILD_CREATE_TASK_H

#include "ikev2-task.h"

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief One CHILD SA's creation (strongSwan's child_create task).
 */
class Ikev2ChildCreateTask : public Ikev2Task
{
  public:
    /**
     * @brief Create a CHILD SA of a configuration (initiator), or answer one (responder: the
     * configuration whose selectors the request is narrowed to).
     * @param config the CHILD SA's configuration
     */
    explicit Ikev2ChildCreateTask(IkeChildConfig config);

    uint8_t GetExchangeType() const override;
    void BuildRequest(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out) override;
    Ikev2TaskStatus ProcessResponse(Ikev2SaContext& ctx,
                                    const std::vector<Ikev2Payload>& in) override;
    Ikev2TaskStatus ProcessRequest(Ikev2SaContext& ctx,
                                   const std::vector<Ikev2Payload>& in) override;
    void BuildResponse(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out) override;

  private:
    /// Derive the keys of m_child from SK_d and the nonces (§2.17, no PFS).
    void DeriveKeys(Ikev2SaContext& ctx);

    IkeChildConfig m_config; ///< the CHILD SA's configuration
    Ikev2ChildSa m_child;    ///< what is being negotiated
    uint16_t m_failure{0};   ///< responder: the error notify to answer with (0: none)
};

} // namespace ipsec
} // namespace ns3

#endif /* IKEV2_CHILD_CREATE_TASK_H */
