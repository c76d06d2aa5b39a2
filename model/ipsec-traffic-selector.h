// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IPv4 traffic selectors (RFC 4301 §4.4.1.1): address and port ranges, the selector fields of
 * one datagram, and the selector of a security policy.
 */
#ifndef IPSEC_TRAFFIC_SELECTOR_H
#define IPSEC_TRAFFIC_SELECTOR_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <string>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief An inclusive range of IPv4 addresses [first, last].
 *
 * Addresses are compared as 32-bit numbers (Ipv4Address::Get()). The default range is ANY
 * (0.0.0.0 - 255.255.255.255).
 */
struct AddressRange
{
    Ipv4Address first{0U};         ///< lowest address in the range
    Ipv4Address last{0xffffffffU}; ///< highest address in the range

    /**
     * @brief All addresses.
     * @return 0.0.0.0 - 255.255.255.255
     */
    static AddressRange Any();
    /**
     * @brief The addresses of a prefix, e.g. 10.1.0.0/16.
     *
     * Host bits set in @p address are masked off, as strongSwan does: 10.1.2.3/16 is
     * 10.1.0.0 - 10.1.255.255.
     * @param address an address in the prefix
     * @param prefixLength 0..32
     * @return the range
     * @throws ConfigError if prefixLength is larger than 32
     */
    static AddressRange Prefix(Ipv4Address address, uint8_t prefixLength);
    /**
     * @brief The addresses of a prefix given by its mask, e.g. 10.1.0.0 / 255.255.0.0.
     *
     * Host bits set in @p address are masked off, as in Prefix(Ipv4Address, uint8_t).
     * @param address an address in the prefix
     * @param mask a contiguous mask (ones then zeros)
     * @return the range
     * @throws ConfigError if the mask is not contiguous (e.g. 255.0.255.0)
     */
    static AddressRange Prefix(Ipv4Address address, Ipv4Mask mask);
    /**
     * @brief One address.
     * @param address the address
     * @return the range holding only @p address
     */
    static AddressRange Single(Ipv4Address address);
    /**
     * @brief An arbitrary range, as IKEv2 traffic selectors allow (RFC 7296 §3.13.1).
     * @param first the lowest address
     * @param last the highest address
     * @return the range
     * @throws ConfigError if first > last
     */
    static AddressRange Range(Ipv4Address first, Ipv4Address last);

    /**
     * @brief Whether an address is in the range.
     * @param address the address
     * @return true if first <= address <= last
     */
    bool Contains(Ipv4Address address) const;
    /**
     * @brief Whether the range holds every address.
     * @return true for 0.0.0.0 - 255.255.255.255
     */
    bool IsAny() const;
    /**
     * @brief The range as text.
     * @return "any", "10.0.0.1", "10.0.0.0/24" (when the range is a prefix) or
     * "10.0.0.1-10.0.0.9"
     */
    std::string ToString() const;
};

/**
 * @ingroup ipsec
 * @brief An inclusive range of ports [first, last]; for ICMP, of message types or codes.
 *
 * The default range is ANY (0 - 65535).
 */
struct PortRange
{
    uint16_t first = 0;    ///< lowest port in the range
    uint16_t last = 65535; ///< highest port in the range

    /**
     * @brief All ports.
     * @return 0 - 65535
     */
    static PortRange Any();
    /**
     * @brief One port.
     * @param port the port
     * @return the range holding only @p port
     */
    static PortRange Single(uint16_t port);
    /**
     * @brief A range of ports.
     * @param first the lowest port
     * @param last the highest port
     * @return the range
     * @throws ConfigError if first > last
     */
    static PortRange Range(uint16_t first, uint16_t last);

    /**
     * @brief Whether a port is in the range.
     * @param port the port
     * @return true if first <= port <= last
     */
    bool Contains(uint16_t port) const;
    /**
     * @brief Whether the range holds every port.
     * @return true for 0 - 65535
     */
    bool IsAny() const;
    /**
     * @brief The range as text.
     * @return "any", "500" or "1000-2000"
     */
    std::string ToString() const;
};

/**
 * @ingroup ipsec
 * @brief The selector fields of one datagram, seen from this node (RFC 4301 §4.4.1.1).
 *
 * "local" and "remote" are relative to the direction: for an outbound datagram local is the
 * source, for an inbound one local is the destination. So one selector describes both
 * directions of a flow, and a policy's selector is written from the node's own point of view.
 *
 * For ICMP (protocol 1), RFC 4301 §4.4.1.1 puts the message type in localPort and the code in
 * remotePort, in both directions.
 *
 * portsKnown is false when the ports cannot be read: non-first fragments, payloads too short
 * for the port fields, and protocols without ports (anything but TCP 6, UDP 17, SCTP 132 and
 * ICMP 1; for those the port fields are not used and are 0).
 */
struct PacketSelector
{
    Ipv4Address local{0U};   ///< this node's address (source when outbound)
    Ipv4Address remote{0U};  ///< the peer's address (destination when outbound)
    uint8_t protocol = 0;    ///< IP protocol number of the payload
    uint16_t localPort = 0;  ///< local port, or the ICMP type
    uint16_t remotePort = 0; ///< remote port, or the ICMP code
    bool portsKnown = false; ///< whether localPort and remotePort hold the datagram's values

    /**
     * @brief Read the selector fields of a datagram.
     *
     * Ports are read from the first 4 bytes of the payload (source port, destination port,
     * network order) for TCP, UDP and SCTP; for ICMP the type is byte 0 and the code byte 1.
     * Non-first fragments (fragment offset != 0) and payloads too short for these fields give
     * portsKnown = false.
     * @param header the IP header
     * @param payload the IP payload, starting at the L4 header (may be null: ports unknown)
     * @param outbound true if the node sends the datagram (local = source), false if it
     * receives it (local = destination)
     * @return the selector fields
     */
    static PacketSelector FromDatagram(const Ipv4Header& header,
                                       Ptr<const Packet> payload,
                                       bool outbound);

    /**
     * @brief The selector of the datagram an ICMP error message quotes, as RFC 4301 §6.2
     * maps the error to an SA: the quoted datagram travelled the other way, so its selector
     * read for the opposite direction is the one of the flow the error belongs to.
     *
     * An ICMP error (types 3, 4, 5, 11 and 12, RFC 792) carries an 8-byte ICMP header, then
     * the quoted IP header (with its options) and the first 8 bytes of its payload, which
     * hold the ports.
     * @param header the IP header of the ICMP message
     * @param payload the ICMP message, from its type field
     * @param outbound true if the node sends the error, false if it receives it
     * @param quoted receives the selector: for an error this node sends, local is the quoted
     * datagram's destination; for one it receives, local is the quoted datagram's source
     * @return false if the datagram is not an unfragmented ICMP error quoting an IPv4 header
     */
    static bool FromIcmpError(const Ipv4Header& header,
                              Ptr<const Packet> payload,
                              bool outbound,
                              PacketSelector& quoted);
    /**
     * @brief Whether an ICMP type is an error message that quotes a datagram (RFC 792:
     * destination unreachable 3, source quench 4, redirect 5, time exceeded 11, parameter
     * problem 12).
     * @param type the ICMP type
     * @return true for an error
     */
    static bool IsIcmpError(uint8_t type);

    /**
     * @brief The fields as text, for logs.
     * @return e.g. "10.0.0.1:1234 -> 10.0.0.2:53 proto 17"
     */
    std::string ToString() const;
    /**
     * @brief The same datagram seen from the other direction: local and remote addresses and
     * ports swapped (ICMP type and code stay, RFC 4301 §4.4.1.1). FromDatagram(h, p, true) is
     * FromDatagram(h, p, false).Reversed().
     * @return the reversed selector
     */
    PacketSelector Reversed() const;
};

/**
 * @ingroup ipsec
 * @brief The selector of a security policy (RFC 4301 §4.4.1.1), from this node's view.
 *
 * A datagram matches if its local and remote addresses are in the ranges, its protocol equals
 * @c protocol (0 = ANY) and, when a port range is restricted, its ports are in the ranges.
 *
 * A selector with a restricted port range does not match a datagram whose ports are not known
 * (non-first fragments, truncated payloads). RFC 4301 §4.4.1 has OPAQUE and ANY values for
 * that case; this is the simplification of Linux xfrm, where a port-restricted policy never
 * matches a fragment. Selectors with ANY ports match such datagrams.
 *
 * For ICMP (protocol 1), localPorts is the range of ICMP types and remotePorts the range of
 * codes (RFC 4301 §4.4.1.1), in both directions.
 */
struct TrafficSelector
{
    AddressRange local;    ///< this node's addresses
    AddressRange remote;   ///< the peer's addresses
    uint8_t protocol = 0;  ///< IP protocol number, 0 = ANY
    PortRange localPorts;  ///< local ports, or ICMP types
    PortRange remotePorts; ///< remote ports, or ICMP codes

    /**
     * @brief Whether a datagram matches the whole selector, ports included.
     * @param packet the datagram's selector fields
     * @return true on a match
     */
    bool Matches(const PacketSelector& packet) const;
    /**
     * @brief Whether a datagram matches the addresses and protocol. Used at routing time,
     * before the ports are known.
     * @param packet the datagram's selector fields (ports are not read)
     * @return true if addresses and protocol match
     */
    bool MatchesIgnoringPorts(const PacketSelector& packet) const;
    /**
     * @brief Whether the selector restricts ports (or ICMP type/code).
     * @return true unless both port ranges are ANY
     */
    bool HasPortRestriction() const;
    /**
     * @brief The same selector seen from the peer, or for the other direction: local and
     * remote swapped. ICMP type and code ranges are not swapped (they are not directional).
     * @return the mirrored selector
     */
    TrafficSelector Mirror() const;
    /**
     * @brief The selector as text.
     * @return e.g. "local 10.0.0.0/24 remote 10.1.0.5 proto udp lport any rport 53", or
     * "local any remote any proto icmp type 8 code any"
     */
    std::string ToString() const;
    /**
     * @brief Check a selector assembled field by field.
     * @throws ConfigError if a range is inverted (first > last), if ports are given with
     * protocol ANY or with a protocol that has no ports (only TCP, UDP, SCTP and ICMP have
     * them), or if an ICMP type/code range goes beyond 255
     */
    void Validate() const;
};

/**
 * @brief Whether a protocol has port selectors (TCP, UDP, SCTP) or ICMP type/code selectors.
 * @param protocol the IP protocol number
 * @return true for 1, 6, 17 and 132
 */
bool ProtocolHasPorts(uint8_t protocol);

/**
 * @brief Equal ranges.
 * @param a a range
 * @param b another range
 * @return true if both bounds are equal
 */
bool operator==(const AddressRange& a, const AddressRange& b);
/**
 * @brief Different ranges.
 * @param a a range
 * @param b another range
 * @return true if a bound differs
 */
bool operator!=(const AddressRange& a, const AddressRange& b);
/**
 * @brief Equal ranges.
 * @param a a range
 * @param b another range
 * @return true if both bounds are equal
 */
bool operator==(const PortRange& a, const PortRange& b);
/**
 * @brief Different ranges.
 * @param a a range
 * @param b another range
 * @return true if a bound differs
 */
bool operator!=(const PortRange& a, const PortRange& b);
/**
 * @brief Identical selectors (every field equal).
 * @param a a selector
 * @param b another selector
 * @return true if all fields are equal
 */
bool operator==(const TrafficSelector& a, const TrafficSelector& b);
/**
 * @brief Different selectors.
 * @param a a selector
 * @param b another selector
 * @return true if a field differs
 */
bool operator!=(const TrafficSelector& a, const TrafficSelector& b);
/**
 * @brief Identical datagram selector fields.
 * @param a the fields of one datagram
 * @param b the fields of another
 * @return true if all fields are equal
 */
bool operator==(const PacketSelector& a, const PacketSelector& b);
/**
 * @brief Print a selector (TrafficSelector::ToString()).
 * @param os the stream
 * @param selector the selector
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, const TrafficSelector& selector);

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_TRAFFIC_SELECTOR_H */
