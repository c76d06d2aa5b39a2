// SPDX-License-Identifier: GPL-2.0-only
#ifndef IPSEC_ATTACK_IKE_FORGE_H
#define IPSEC_ATTACK_IKE_FORGE_H

#include "ipsec-attack.h"

#include "ns3/random-variable-stream.h"

#include <map>
#include <utility>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief On-path or off-path: forges IKEv2 INFORMATIONAL requests that delete an IKE SA it
 * watched being set up, as an attacker without its keys can: it learns the SPIs, the peers and
 * the message IDs from the IKE headers in the clear (UDP port 500), then sends, as if from one
 * peer (Target: to the responder, from the initiator, or the other way), a DELETE of the IKE
 * SA (RFC 7296 §3.11) with the next message ID the target expects:
 *  - Kind "clear": the Delete payload unencrypted;
 *  - Kind "sk": inside an SK payload of random bytes (IV, ciphertext, ICV), as it cannot
 *    encrypt or authenticate.
 * It watches from Start; Count forgeries follow, Interval apart, from After the first IKE SA
 * it learnt (its IKE_SA_INIT response seen), against the IKE SA it learnt or saw last.
 * Actions "learned" (an IKE SA) and "forged". Random bytes from its own stream.
 *
 * Every message after IKE_SA_INIT must be protected (RFC 7296 §3.14): the target drops both
 * kinds before acting (IkeDaemon's Drop trace: "not-encrypted", "integrity-failed"), so the IKE
 * SA, its CHILD SAs and the traffic they carry stay up.
 */
class IkeForgeAttack : public Attack
{
  public:
    /// How the forged DELETE is carried.
    enum Kind : uint8_t
    {
        CLEAR, ///< unencrypted
        SK,    ///< in an SK payload of random bytes
    };

    /// Whom the forgeries go to.
    enum Target : uint8_t
    {
        RESPONDER, ///< from the initiator's address to the responder
        INITIATOR, ///< from the responder's address to the initiator
    };

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    IkeForgeAttack();
    void Attach(AttackContext& ctx) override;

  protected:
    void DoObserve(const AttackPacket& packet, AttackContext& ctx) override;
    int64_t DoAssignStreams(int64_t stream) override;

  private:
    /// An IKE SA as the headers show it.
    struct Seen
    {
        Ipv4Address initiator;         ///< the original initiator's address
        Ipv4Address responder;         ///< the responder's address
        uint32_t nextFromInitiator{0}; ///< the next request ID the responder expects
        uint32_t nextFromResponder{0}; ///< the next request ID the initiator expects
    };

    /// Learn from an IKE datagram seen.
    void Learn(const AttackPacket& packet);
    /// Send the next forgery and schedule the one after.
    void Send();

    Kind m_kind{SK};                    ///< attribute Kind
    Target m_target{RESPONDER};         ///< attribute Target
    uint32_t m_count{5};                ///< attribute Count
    Time m_after;                       ///< attribute After
    Time m_interval;                    ///< attribute Interval
    uint16_t m_port{500};               ///< attribute Port
    Ptr<UniformRandomVariable> m_bytes; ///< forged bytes
    AttackContext* m_ctx{nullptr};      ///< the attacker's node
    uint32_t m_sent{0};                 ///< forgeries sent
    /// IKE SAs by (SPIi, SPIr); the last one learnt is forged against
    std::map<std::pair<uint64_t, uint64_t>, Seen> m_seen;
    std::pair<uint64_t, uint64_t> m_last{0, 0}; ///< the IKE SA last learnt or updated
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ATTACK_IKE_FORGE_H */
