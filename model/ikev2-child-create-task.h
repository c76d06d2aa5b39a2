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

#include <memory>

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
     * @brief Create a CHILD SA of a configuration in IKE_AUTH (initiator), or answer one
     * (responder: the configuration whose selectors the request is narrowed to).
     * @param config the CHILD SA's configuration
     */
    explicit Ikev2ChildCreateTask(IkeChildConfig config);

    /**
     * @brief A CREATE_CHILD_SA exchange (RFC 7296 §1.3.1, §1.3.3): initiator of a new CHILD SA
     * (rekeyed null) or of the rekey of one, or responder (rekeyed null; the REKEY_SA
     * notification says which CHILD SA a request rekeys). With a key exchange method in the
     * first proposal, the exchange carries KE payloads (PFS) and the KEYMAT includes the new
     * shared secret (§2.17).
     * @param config the CHILD SA's configuration (responder: of the IKE SA's first CHILD SA;
     *        a rekey uses the rekeyed CHILD SA's own)
     * @param rekeyed the CHILD SA to rekey (initiator), or null
     */
    Ikev2ChildCreateTask(IkeChildConfig config, const Ikev2ChildSa* rekeyed);

    /**
     * @brief The packet that started the exchange (an Acquire): its selector goes first in TSi
     * and TSr, as RFC 7296 §2.9 asks ("the first traffic selectors ... SHOULD be very specific
     * and contain the addresses in the packet triggering the request"), so that a responder
     * with narrower policies can pick the right one. Not for rekeys.
     * @param local the packet's local side (source address, protocol, source port)
     * @param remote the packet's remote side (destination address, protocol, destination port)
     */
    void SetTrigger(const IkeTsSide& local, const IkeTsSide& remote);

    uint8_t GetExchangeType() const override;
    void BuildRequest(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out) override;
    Ikev2TaskStatus ProcessResponse(Ikev2SaContext& ctx,
                                    const std::vector<Ikev2Payload>& in) override;
    Ikev2TaskStatus ProcessRequest(Ikev2SaContext& ctx,
                                   const std::vector<Ikev2Payload>& in) override;
    void BuildResponse(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out) override;

  private:
    /**
     * @brief Derive the keys of m_child from SK_d, the nonces and the shared secret (§2.17).
     * @param ctx the IKE SA
     * @param secret g^ir of the exchange's KE payloads (empty without PFS)
     * @param ni the initiator's nonce
     * @param nr the responder's nonce
     * @param initiator whether this end initiated the exchange (its keys come first)
     */
    void DeriveKeys(Ikev2SaContext& ctx,
                    const std::vector<uint8_t>& secret,
                    const std::vector<uint8_t>& ni,
                    const std::vector<uint8_t>& nr,
                    bool initiator);
    /// ProcessResponse but for reporting a failure.
    Ikev2TaskStatus ProcessChildResponse(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in);
    /// Record m_child in the IKE SA (CHILD_UP or CHILD_REKEYED event).
    void Record(Ikev2SaContext& ctx, bool local);
    /// CREATE_CHILD_SA responder: the rest of ProcessRequest after the proposal.
    Ikev2TaskStatus ProcessCreateRequest(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in);
    /// CREATE_CHILD_SA initiator: the response's nonce and KE (false: the CHILD SA fails).
    bool ProcessCreateResponse(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in);

    IkeChildConfig m_config;               ///< the CHILD SA's configuration
    Ikev2ChildSa m_child;                  ///< what is being negotiated
    uint8_t m_exchange;                    ///< IKE_AUTH or CREATE_CHILD_SA
    bool m_recorded{false};                ///< a CHILD SA came of it
    uint16_t m_failure{0};                 ///< responder: the error notify to answer with (0: none)
    std::vector<uint8_t> m_failureData;    ///< its data (INVALID_KE_PAYLOAD: the group)
    std::vector<uint8_t> m_nonce;          ///< CREATE_CHILD_SA: this end's nonce
    std::unique_ptr<KeyExchange> m_ke;     ///< CREATE_CHILD_SA with PFS: this end's key exchange
    std::vector<IkeTsSide> m_localTs;      ///< initiator: the selectors proposed
    std::vector<IkeTsSide> m_remoteTs;     ///< initiator: the selectors proposed
    std::vector<IkeTsSide> m_triggerLocal; ///< initiator: the trigger's local side (or none)
    std::vector<IkeTsSide> m_triggerRemote; ///< initiator: the trigger's remote side (or none)
};

} // namespace ipsec
} // namespace ns3

#endif /* IKEV2_CHILD_CREATE_TASK_H */
