// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The INFORMATIONAL exchange's tasks (RFC 7296 §1.4): deleting a CHILD SA (strongSwan's
 * child_delete), deleting the IKE SA (ike_delete) and the liveness check of dead peer detection
 * (ike_dpd: an empty request, §2.4). As responder, one task answers whatever a request carries:
 * Delete payloads are honoured and answered with the SPIs of our half of each CHILD SA, an empty
 * request with an empty response.
 */
#ifndef IKEV2_INFORMATIONAL_TASK_H
#define IKEV2_INFORMATIONAL_TASK_H

#include "ikev2-task.h"

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief One INFORMATIONAL exchange.
 */
class Ikev2InformationalTask : public Ikev2Task
{
  public:
    /// What the initiator's request does.
    enum Kind : uint8_t
    {
        ANSWER,       ///< responder: answer the peer's request
        DELETE_CHILD, ///< delete a CHILD SA (Delete payload with our inbound SPI)
        DELETE_IKE,   ///< delete the IKE SA and with it every CHILD SA (§1.4.1)
        DPD,          ///< an empty request: is the peer alive?
    };

    /**
     * @brief A task.
     * @param kind what it does
     * @param spi DELETE_CHILD: the inbound SPI of the CHILD SA to delete
     */
    explicit Ikev2InformationalTask(Kind kind, uint32_t spi = 0);

    /// @return whether it deletes the IKE SA
    bool IsIkeDelete() const
    {
        return m_kind == DELETE_IKE;
    }

    uint8_t GetExchangeType() const override;
    void BuildRequest(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out) override;
    Ikev2TaskStatus ProcessResponse(Ikev2SaContext& ctx,
                                    const std::vector<Ikev2Payload>& in) override;
    Ikev2TaskStatus ProcessRequest(Ikev2SaContext& ctx,
                                   const std::vector<Ikev2Payload>& in) override;
    void BuildResponse(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out) override;

  private:
    /**
     * @brief Remove a CHILD SA from the IKE SA and report it (CHILD_DOWN).
     * @param ctx the IKE SA
     * @param index its index in ctx.children
     * @param local whether this end initiated the exchange
     */
    static void Down(Ikev2SaContext& ctx, size_t index, bool local);

    Kind m_kind;                              ///< what it does
    uint32_t m_spi;                           ///< DELETE_CHILD: our inbound SPI
    std::vector<Ikev2DeletePayload> m_answer; ///< responder: Delete payloads to send back
};

} // namespace ipsec
} // namespace ns3

#endif /* IKEV2_INFORMATIONAL_TASK_H */
