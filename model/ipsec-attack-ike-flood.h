// SPDX-License-Identifier: GPL-2.0-only
#ifndef IPSEC_ATTACK_IKE_FLOOD_H
#define IPSEC_ATTACK_IKE_FLOOD_H

#include "ipsec-attack.h"

#include "ns3/random-variable-stream.h"

#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief On-path or off-path: a half-open flood. It sends Count IKE_SA_INIT requests to Target
 * (UDP 500), Interval apart from Start, each from a random source address among SourceCount
 * addresses from SourceBase (spoofed: the answers go nowhere) and with a random SPIi and
 * nonce. Each is a well-formed request a responder that takes any peer answers: an SA payload
 * of Proposals, a KE payload of the first proposal's group (one real public value, made once,
 * as a flooder saves its work) and a nonce. Without cookies each costs the responder a
 * Diffie-Hellman computation and a half-open IKE SA; with cookies (RFC 7296 §2.6) neither
 * (IkeDaemon's CookieThreshold). Actions "sent". Random bytes from its own stream.
 */
class IkeFloodAttack : public Attack
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    IkeFloodAttack();
    /// @throws ConfigError on bad Proposals
    void Attach(AttackContext& ctx) override;

  protected:
    int64_t DoAssignStreams(int64_t stream) override;

  private:
    /// Send the next request and schedule the one after.
    void Send();

    Ipv4Address m_target;                ///< attribute Target
    uint32_t m_count{100};               ///< attribute Count
    Time m_interval;                     ///< attribute Interval
    Ipv4Address m_sourceBase;            ///< attribute SourceBase
    uint32_t m_sourceCount{65536};       ///< attribute SourceCount
    std::string m_proposals;             ///< attribute Proposals
    uint16_t m_port{500};                ///< attribute Port
    Ptr<UniformRandomVariable> m_random; ///< SPIs, nonces, sources
    AttackContext* m_ctx{nullptr};       ///< the attacker's node
    std::vector<uint8_t> m_template;     ///< the SA and KE payloads, serialized with a header
    uint32_t m_sent{0};                  ///< requests sent
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ATTACK_IKE_FLOOD_H */
