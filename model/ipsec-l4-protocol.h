// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * What ESP and AH share as IP protocols (50, 51) of ns-3's IPv4 stack.
 */
#ifndef IPSEC_L4_PROTOCOL_H
#define IPSEC_L4_PROTOCOL_H

#include "ipsec-byte-span.h"
#include "ipsec-drop-reason.h"

#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-header.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace ipsec
{

class IpsecStack;
class SecurityAssociation;

/**
 * @ingroup ipsec
 * @brief The SAs an inbound datagram was processed with, for the inbound policy check
 * (RFC 4301 §5.2 step 4: the packet must match the policy of the SAs that carried it).
 */
struct InboundContext
{
    Ptr<SecurityAssociation> esp; ///< the ESP SA, if any
    Ptr<SecurityAssociation> ah;  ///< the AH SA, if any
};

/**
 * @ingroup ipsec
 * @brief Base of EspProtocol and AhProtocol: an IpL4Protocol registered with Ipv4L3Protocol so
 * that it receives reassembled ESP/AH datagrams addressed to the node (DESIGN.md §2).
 *
 * IPsec sends through IpsecStack (SendWithHeader on the real route), so the down targets are
 * kept only because the interface requires them; IPv6 is not supported yet.
 */
class IpsecL4Protocol : public IpL4Protocol
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * @brief Attach to the node's IPsec stack.
     * @param stack the stack
     */
    void SetStack(Ptr<IpsecStack> stack);

    enum RxStatus Receive(Ptr<Packet> p,
                          const Ipv6Header& header,
                          Ptr<Ipv6Interface> incomingInterface) override;
    /**
     * @brief An ICMP error quoting one of this node's ESP or AH packets: "fragmentation
     * needed" records the path MTU of the SA its SPI names (RFC 4301 §8.2.1; the SPI is the
     * first word of ESP, the second of AH). Other errors are ignored.
     * @param icmpSource the router that sent it
     * @param icmpTtl the quoted TTL
     * @param icmpType the ICMP type
     * @param icmpCode the ICMP code
     * @param icmpInfo the next-hop MTU for "fragmentation needed"
     * @param payloadSource the quoted source (this node)
     * @param payloadDestination the quoted destination (the peer)
     * @param payload the first 8 bytes of the quoted ESP/AH header
     */
    void ReceiveIcmp(Ipv4Address icmpSource,
                     uint8_t icmpTtl,
                     uint8_t icmpType,
                     uint8_t icmpCode,
                     uint32_t icmpInfo,
                     Ipv4Address payloadSource,
                     Ipv4Address payloadDestination,
                     const uint8_t payload[8]) override;
    void SetDownTarget(DownTargetCallback cb) override;
    void SetDownTarget6(DownTargetCallback6 cb) override;
    DownTargetCallback GetDownTarget() const override;
    DownTargetCallback6 GetDownTarget6() const override;

    /**
     * @brief Serialize a 20-byte IPv4 header (no options) into a buffer.
     * @param header the header
     * @param out 20 bytes
     */
    static void SerializeIpv4(const Ipv4Header& header, uint8_t* out);

  protected:
    void DoDispose() override;

    /**
     * @brief Copy a packet's bytes into a reusable scratch buffer.
     * @param p the packet
     * @return the buffer, holding exactly p's bytes
     */
    std::vector<uint8_t>& CopyToScratch(Ptr<const Packet> p);

    Ptr<IpsecStack> m_stack;           ///< the node's IPsec stack
    std::vector<uint8_t> m_scratch;    ///< received bytes
    std::vector<uint8_t> m_output;     ///< transform output
    DownTargetCallback m_downTarget;   ///< unused by IPsec (interface requirement)
    DownTargetCallback6 m_downTarget6; ///< unused by IPsec (interface requirement)
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_L4_PROTOCOL_H */
