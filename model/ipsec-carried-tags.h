// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The inner datagram's ns-3 packet and byte tags, carried across protection.
 */
#ifndef IPSEC_CARRIED_TAGS_H
#define IPSEC_CARRIED_TAGS_H

#include "ns3/packet.h"
#include "ns3/tag.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief A packet tag on an ESP/AH packet that holds the tags of the datagram it protects.
 *
 * Encryption turns the inner datagram into new bytes in a new Packet, which would lose the
 * simulation's tags (FlowMonitor's Ipv4FlowProbeTag, an application's timestamp tag). A real
 * packet carries nothing beside its bytes, so the tags travel inside this one tag, as if they
 * were inside the ciphertext: routers and queues between the IPsec peers see none of them
 * (FlowMonitor does not count an ESP packet as the inner flow's), and the receiver puts them
 * back on the decrypted datagram, byte tags at their original offsets.
 *
 * Each tag is kept as its TypeId hash and its serialized bytes; a tag type registered without
 * a constructor (TypeId::AddConstructor) cannot be rebuilt and is not carried.
 */
class CarriedTags : public Tag
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer buffer) const override;
    void Deserialize(TagBuffer buffer) override;
    void Print(std::ostream& os) const override;

    /**
     * @brief Move the tags of a datagram being protected onto its protected packet.
     *
     * The protected packet's own tags (byte tags that AH's output inherits from the payload
     * it appends) are removed first, so only the carrier is left on it.
     * @param inner the datagram protected (its tags are read, not changed)
     * @param outer the ESP or AH packet made from it
     */
    static void Wrap(Ptr<const Packet> inner, Ptr<Packet> outer);
    /**
     * @brief Pass the carrier from a received packet to the packet decrypted from it.
     * @param from the received ESP packet
     * @param to the decrypted payload (a new Packet)
     */
    static void Pass(Ptr<const Packet> from, Ptr<Packet> to);
    /**
     * @brief Remove the carrier from a datagram about to be delivered and put its tags back.
     * @param packet the datagram
     * @param offset where the protected bytes start in it (the inner IP header's length)
     */
    static void Unwrap(Ptr<Packet> packet, uint32_t offset);

  private:
    std::vector<uint8_t> m_blob; ///< the tags, one record after another (see the .cc)
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_CARRIED_TAGS_H */
