// SPDX-License-Identifier: GPL-2.0-only
#ifndef IPSEC_ATTACK_IKE_MITM_H
#define IPSEC_ATTACK_IKE_MITM_H

#include "ipsec-attack.h"
#include "ipsec-esp-key-ring.h"

#include "ns3/random-variable-stream.h"

#include <map>
#include <memory>
#include <utility>

namespace ns3
{
namespace ipsec
{

class Ikev2Sa;
struct IkePeerConfig;

/**
 * @ingroup ipsec
 * @brief On-path only: a man in the middle that impersonates an IKEv2 responder. It takes the
 * IKE requests an initiator sends to Victim (any responder: 0.0.0.0) off the path, so the real
 * responder never hears them, and answers them itself from the Victim's address with an IKE SA
 * of its own (Ikev2Sa, the module's IKEv2 engine): its own Diffie-Hellman value and nonce, the
 * Victim's identity (ID_IPV4_ADDR), and the pre-shared key Psk, its guess. It accepts any of
 * IkeProposals and EspProposals and any traffic selectors.
 *
 * Without the initiator's PSK it gets as far as the Diffie-Hellman exchange allows: it
 * decrypts the initiator's IKE_AUTH request (so it learns the initiator's identity, which IKEv2
 * hides from passive attackers only, RFC 7296 §5), but the initiator's AUTH does not verify
 * with its guess (§2.15), so it answers AUTHENTICATION_FAILED: the initiator's IKE SA fails and
 * no CHILD SA exists. With the right PSK it succeeds: the initiator installs CHILD SAs whose
 * keys the attacker holds (GetEspSaKeys(), e.g. for an EavesdropAttack), and its traffic goes
 * to an attacker who can read it; the PSK is all that stands between.
 *
 * Actions "intercepted" (an IKE request taken off the path), "answered", "established" and
 * "failed" (an impersonating IKE SA authenticated, or refused the initiator). Random bytes
 * (SPIs, nonces, DH keys) come from its own stream.
 */
class IkeMitmAttack : public Attack
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    IkeMitmAttack();
    ~IkeMitmAttack() override;
    /// @throws ConfigError on a bad IkeProposals or EspProposals
    void Attach(AttackContext& ctx) override;

    /// @return the ESP keys of the CHILD SAs initiators set up with it, both directions
    std::vector<EspSaKeys> GetEspSaKeys() const;

  protected:
    AttackVerdict DoProcess(AttackPacket& packet, AttackContext& ctx) override;
    void DoObserve(const AttackPacket& packet, AttackContext& ctx) override;
    int64_t DoAssignStreams(int64_t stream) override;

  private:
    /**
     * @brief Answer an intercepted request as the responder would.
     * @param packet the request's datagram (its header: initiator and Victim)
     * @param message the IKE message
     */
    void Answer(AttackPacket packet, std::vector<uint8_t> message);

    std::string m_psk;                       ///< attribute Psk
    Ipv4Address m_victim;                    ///< attribute Victim
    std::string m_ikeProposals;              ///< attribute IkeProposals
    std::string m_espProposals;              ///< attribute EspProposals
    uint16_t m_port{500};                    ///< attribute Port
    std::shared_ptr<IkePeerConfig> m_config; ///< the connection it pretends to be
    Ptr<UniformRandomVariable> m_random;     ///< SPIs, nonces, DH keys
    AttackContext* m_ctx{nullptr};           ///< the attacker's node
    /// its IKE SAs by (initiator address, SPIi)
    std::map<std::pair<uint32_t, uint64_t>, std::unique_ptr<Ikev2Sa>> m_sas;
    std::vector<EspSaKeys> m_keys; ///< keys of the CHILD SAs negotiated
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ATTACK_IKE_MITM_H */
