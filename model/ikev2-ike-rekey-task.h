// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Rekeying the IKE SA (RFC 7296 §1.3.2, §2.18; strongSwan's ike_rekey): a CREATE_CHILD_SA
 * exchange whose SA payload proposes an IKE SA with the sender's new SPI, with nonces and a
 * mandatory key exchange. The new IKE SA's SKEYSEED is prf(SK_d (old), g^ir (new) | Ni | Nr);
 * the end that started the rekey is the new IKE SA's original initiator, message IDs start
 * again at 0, and the CHILD SAs move to it. The rekey's initiator then deletes the old IKE SA.
 * When both ends rekey at once (§2.8.2), both exchanges complete; the new IKE SA made with the
 * lowest of the four nonces is redundant and deleted by the end that made it, and the CHILD
 * SAs go to the other. A rekey request for an IKE SA already rekeyed gets TEMPORARY_FAILURE
 * (§2.25.2).
 */
#ifndef IKEV2_IKE_REKEY_TASK_H
#define IKEV2_IKE_REKEY_TASK_H

#include "ikev2-task.h"

#include <memory>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief The IKE SA rekey, either end.
 */
class Ikev2IkeRekeyTask : public Ikev2Task
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
    /// ProcessResponse but for the collision bookkeeping.
    Ikev2TaskStatus ProcessRekeyResponse(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in);
    /// Our rekey is over (made a successor or failed): settle a pending collision.
    static void Settle(Ikev2SaContext& ctx);
    /**
     * @brief Make the new IKE SA (ctx.successor) and move the CHILD SAs to it.
     * @param ctx the old IKE SA
     * @param initiator whether this end started the rekey
     * @param proposal the chosen proposal
     * @param peerSpi the peer's new SPI
     * @param peerNonce the peer's nonce
     * @param secret g^ir
     */
    void MakeSuccessor(Ikev2SaContext& ctx,
                       bool initiator,
                       const IkeProposal& proposal,
                       uint64_t peerSpi,
                       const std::vector<uint8_t>& peerNonce,
                       const std::vector<uint8_t>& secret);

    uint64_t m_spi{0};                  ///< this end's SPI of the new IKE SA
    std::vector<uint8_t> m_nonce;       ///< this end's nonce
    std::unique_ptr<KeyExchange> m_ke;  ///< this end's key exchange
    IkeProposal m_chosen;               ///< responder: the chosen proposal
    uint16_t m_failure{0};              ///< responder: the error notify to answer with
    std::vector<uint8_t> m_failureData; ///< its data
};

} // namespace ipsec
} // namespace ns3

#endif /* IKEV2_IKE_REKEY_TASK_H */
