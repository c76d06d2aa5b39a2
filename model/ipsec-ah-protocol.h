// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * AH as IP protocol 51: inbound processing (RFC 4302 §3.4) and the outbound transform.
 */
#ifndef IPSEC_AH_PROTOCOL_H
#define IPSEC_AH_PROTOCOL_H

#include "ipsec-l4-protocol.h"

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief AH on a node: Receive() finds the SA by SPI, pre-checks replay, verifies the ICV over
 * the IP header (mutable fields zeroed), updates the window and passes the payload on: to
 * EspProtocol in an ESP+AH bundle, else to IpsecStack::DeliverInbound.
 */
class AhProtocol : public IpsecL4Protocol
{
  public:
    /// IP protocol number.
    static const uint8_t PROT_NUMBER;

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    int GetProtocolNumber() const override;
    using IpsecL4Protocol::Receive; // the IPv6 overload (clang: -Woverloaded-virtual)
    enum RxStatus Receive(Ptr<Packet> p,
                          const Ipv4Header& header,
                          Ptr<Ipv4Interface> incomingInterface) override;

    /**
     * @brief Protect a payload with an outbound AH SA.
     * @param sa the SA
     * @param payload what follows AH (transport: L4 segment or ESP; tunnel: inner datagram)
     * @param nextHeader its protocol number
     * @param header in: the IP header to send; out: protocol 51 and the new payload length
     * @param reason out: why it failed
     * @return AH followed by the payload, or null on failure (reason set, nothing counted)
     */
    Ptr<Packet> Protect(Ptr<SecurityAssociation> sa,
                        Ptr<const Packet> payload,
                        uint8_t nextHeader,
                        Ipv4Header& header,
                        DropReason& reason);

  private:
    /**
     * @brief Check the ICV, update the window and pass the payload on (after the engine's time).
     * @param p the AH packet
     * @param header its IP header
     * @param sa the SA
     * @param seq the full sequence number from the pre-check
     */
    void Verify(Ptr<Packet> p, const Ipv4Header& header, Ptr<SecurityAssociation> sa, uint64_t seq);
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_AH_PROTOCOL_H */
