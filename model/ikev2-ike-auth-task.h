// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The authentication half of IKE_AUTH (RFC 7296 §1.2, §2.15, §2.16): IDi/IDr, CERT, CERTREQ
 * and AUTH with a pre-shared key or a certificate, or EAP over several IKE_AUTH exchanges,
 * checked against the connection's identities and credentials; a wrong AUTH, identity,
 * certificate or password is answered with AUTHENTICATION_FAILED and no SA (strongSwan's
 * ike_auth task with its pubkey, psk and eap authenticators).
 */
#ifndef IKEV2_IKE_AUTH_TASK_H
#define IKEV2_IKE_AUTH_TASK_H

#include "ikev2-task.h"

#include <memory>

namespace ns3
{
namespace ipsec
{

class Ikev2EapClient;
class Ikev2EapServer;

/**
 * @ingroup ipsec
 * @brief IKE_AUTH authentication: PSK (AUTH method 2), certificates (1, 9-11, 14) or EAP.
 */
class Ikev2IkeAuthTask : public Ikev2Task
{
  public:
    Ikev2IkeAuthTask();
    ~Ikev2IkeAuthTask() override;

    uint8_t GetExchangeType() const override;
    void BuildRequest(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out) override;
    Ikev2TaskStatus ProcessResponse(Ikev2SaContext& ctx,
                                    const std::vector<Ikev2Payload>& in) override;
    Ikev2TaskStatus ProcessRequest(Ikev2SaContext& ctx,
                                   const std::vector<Ikev2Payload>& in) override;
    void BuildResponse(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out) override;

  private:
    /// Where an EAP authentication is (RFC 7296 §2.16).
    enum class EapPhase : uint8_t
    {
        NONE,       ///< no EAP message yet
        EAP,        ///< EAP messages going back and forth
        FINAL_AUTH, ///< EAP succeeded: the AUTH payloads over its key come next
        DONE,       ///< responder: the initiator's final AUTH verified
    };

    /**
     * @brief This end's AUTH payload (§2.15): signed (pubkey) or the shared-key formula over
     * the PSK, or over the EAP key once EAP succeeded (§2.16).
     * @param ctx the IKE SA
     * @param id this end's ID payload
     * @param eapKey over the EAP key
     * @return the payload
     */
    Ikev2Payload OwnAuth(Ikev2SaContext& ctx, const Ikev2IdPayload& id, bool eapKey) const;

    /**
     * @brief Whether the peer proved the identity it claims: with its certificate, the PSK, or
     * the EAP key; sets ctx.error if not.
     * @param ctx the IKE SA
     * @param in the peer's payloads
     * @param id the peer's ID payload (null: missing)
     * @param eapKey its AUTH is over the EAP key
     * @return whether it did
     */
    bool VerifyPeer(Ikev2SaContext& ctx,
                    const std::vector<Ikev2Payload>& in,
                    const Ikev2IdPayload* id,
                    bool eapKey) const;

    /// @param skP SK_pi or SK_pr @return the EAP method's MSK, or skP if it made none
    const std::vector<uint8_t>& EapKey(const std::vector<uint8_t>& skP) const;

    bool m_failed{false};                ///< the responder refused the initiator's authentication
    bool m_eapFailure{false};            ///< responder: the refusal carries EAP-Failure
    EapPhase m_eapPhase{EapPhase::NONE}; ///< EAP's progress
    uint8_t m_eapResponses{0};           ///< responder: EAP responses built
    std::vector<uint8_t> m_eapOut;       ///< the next EAP message to send
    Ikev2IdPayload m_peerId;             ///< the peer's ID, kept for the final AUTH
    std::unique_ptr<Ikev2EapClient> m_client; ///< initiator with EAP
    std::unique_ptr<Ikev2EapServer> m_server; ///< responder with EAP
};

} // namespace ipsec
} // namespace ns3

#endif /* IKEV2_IKE_AUTH_TASK_H */
