// SPDX-License-Identifier: GPL-2.0-only
#ifndef IPSEC_ATTACK_EAVESDROP_H
#define IPSEC_ATTACK_EAVESDROP_H

#include "ipsec-attack.h"

#include "ns3/ipv4-address.h"

#include <map>
#include <tuple>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief What an eavesdropper learnt of one flow: a source, a destination, a protocol and, for
 * ESP and AH, an SPI.
 */
struct EavesdropFlow
{
    Ipv4Address source;         ///< source address
    Ipv4Address destination;    ///< destination address
    uint8_t protocol{0};        ///< IP protocol
    uint32_t spi{0};            ///< ESP or AH SPI (0: none)
    uint64_t packets{0};        ///< datagrams seen
    uint64_t bytes{0};          ///< IP payload bytes seen
    uint64_t plaintextBytes{0}; ///< of those, bytes it could read
    uint32_t firstSequence{0};  ///< ESP/AH: first sequence number seen
    uint32_t lastSequence{0};   ///< ESP/AH: last sequence number seen
    Time first;                 ///< first seen
    Time last;                  ///< last seen
};

/**
 * @ingroup ipsec
 * @brief On-path or off-path: records what it sees per flow (addresses, protocol, SPI, sequence
 * numbers, sizes, times) and counts the bytes it could read: all of a datagram without IPsec;
 * of an AH datagram, its payload (AH authenticates, it does not encrypt); of ESP, the payload
 * only when the encryption is NULL, which it recognises as Wireshark's heuristic does (a
 * trailer whose padding and next header make sense for one of the usual ICV lengths, and an
 * inner IPv4 header in tunnel mode). It changes nothing. Actions "seen" and "read".
 */
class EavesdropAttack : public Attack
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /// @return the flows, ordered by (source, destination, protocol, SPI)
    std::vector<EavesdropFlow> GetFlows() const;
    /// @return the bytes it could read, all flows
    uint64_t GetPlaintextBytes() const;

    /**
     * @brief How many bytes of an IP payload an eavesdropper without keys reads.
     * @param protocol the IP protocol
     * @param bytes the payload
     * @return the readable bytes
     */
    static uint64_t ReadableBytes(uint8_t protocol, const std::vector<uint8_t>& bytes);

  protected:
    AttackVerdict DoProcess(AttackPacket& packet, AttackContext& ctx) override;
    void DoObserve(const AttackPacket& packet, AttackContext& ctx) override;

  private:
    /// Record a datagram.
    void Record(const AttackPacket& packet);

    /// Flow key: source, destination, protocol, SPI.
    using Key = std::tuple<uint32_t, uint32_t, uint8_t, uint32_t>;
    std::map<Key, EavesdropFlow> m_flows; ///< what it saw
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ATTACK_EAVESDROP_H */
