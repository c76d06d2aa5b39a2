// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * ESP as IP protocol 50: inbound processing (RFC 4303 §3.4) and the outbound transform.
 */
#ifndef IPSEC_ESP_PROTOCOL_H
#define IPSEC_ESP_PROTOCOL_H

#include "ipsec-l4-protocol.h"

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief ESP on a node: Receive() runs RFC 4303 §3.4 in order (SA by SPI, replay pre-check,
 * ICV check and decryption, replay window update, padding) and hands the payload to
 * IpsecStack::DeliverInbound; Protect() builds the ESP packet for an outbound SA.
 */
class EspProtocol : public IpsecL4Protocol
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
     * @brief Inbound processing, also used after AH in an ESP+AH bundle.
     * @param p the ESP packet (IP payload)
     * @param header its IP header (protocol 50)
     * @param ctx SAs already applied (AH in a bundle)
     */
    void ProcessInbound(Ptr<Packet> p, const Ipv4Header& header, InboundContext ctx);

    /**
     * @brief Protect a payload with an outbound ESP SA.
     * @param sa the SA
     * @param payload the payload (transport: the L4 segment; tunnel: the inner datagram)
     * @param nextHeader its protocol number
     * @param reason out: why it failed
     * @return the ESP packet, or null on failure (reason set, nothing counted)
     */
    Ptr<Packet> Protect(Ptr<SecurityAssociation> sa,
                        Ptr<const Packet> payload,
                        uint8_t nextHeader,
                        DropReason& reason);

  private:
    /**
     * @brief Check the ICV, decrypt, update the window and deliver (after the engine's time).
     * @param p the ESP packet
     * @param header its IP header
     * @param ctx SAs already applied
     * @param sa the SA
     * @param seq the full sequence number from the pre-check
     */
    void Open(Ptr<Packet> p,
              const Ipv4Header& header,
              InboundContext ctx,
              Ptr<SecurityAssociation> sa,
              uint64_t seq);

    std::vector<uint8_t> m_plain; ///< decrypted payload
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ESP_PROTOCOL_H */
