// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Traffic selectors as IKE negotiates them: one side at a time (protocol, port range, address
 * range; RFC 7296 §3.13.1), converted to and from the TS payload and the data plane's
 * two-sided TrafficSelector, and narrowed as §2.9 describes. IKEv1's ID payloads (RFC 2407
 * §4.6.2) will convert to the same one-sided form.
 */
#ifndef IKE_TRAFFIC_SELECTOR_H
#define IKE_TRAFFIC_SELECTOR_H

#include "ikev1-message.h"
#include "ikev2-message.h"
#include "ipsec-traffic-selector.h"

#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief One side of a traffic selector: what IKEv2 puts in one TS_IPV4_ADDR_RANGE.
 *
 * For ICMP, ports holds type << 8 | code at both ends of the range (RFC 4301 §4.4.1.3, as IKEv2
 * carries it).
 */
struct IkeTsSide
{
    uint8_t protocol{0};    ///< IP protocol, 0 = any
    PortRange ports;        ///< ports (ICMP: type << 8 | code)
    AddressRange addresses; ///< addresses

    /// @param o another side @return whether equal
    bool operator==(const IkeTsSide& o) const
    {
        return protocol == o.protocol && ports.first == o.ports.first &&
               ports.last == o.ports.last && addresses.first == o.addresses.first &&
               addresses.last == o.addresses.last;
    }

    /// @return e.g. "10.1.0.0/24[udp/500]" in strongSwan's notation
    std::string ToString() const;
};

/**
 * @brief The TS payload entry of a side.
 * @param side the side
 * @return a TS_IPV4_ADDR_RANGE selector
 */
Ikev2TrafficSelector ToIkev2(const IkeTsSide& side);

/**
 * @brief A side from a TS payload entry.
 * @param ts the entry
 * @return the side; nothing for selectors this module cannot use (IPv6, unknown types, an
 *         inverted range): RFC 7296 §2.9 lets a responder narrow them away
 */
std::optional<IkeTsSide> FromIkev2(const Ikev2TrafficSelector& ts);

/**
 * @brief An IKEv1 quick-mode ID payload (IDci/IDcr, RFC 2409 §5.5; RFC 2407 §4.6.2) for a side:
 * ID_IPV4_ADDR for one address, ID_IPV4_ADDR_SUBNET for a prefix, ID_IPV4_ADDR_RANGE otherwise;
 * the protocol; the port if the side has one port, else 0 (any: IKEv1 has no port ranges).
 * @param side the side
 * @return the payload
 */
Ikev1IdPayload ToIkev1Id(const IkeTsSide& side);

/**
 * @brief A side from an IKEv1 quick-mode ID payload.
 * @param id the payload (untrusted)
 * @return the side; nothing for IDs that are not IPv4 addresses, subnets or ranges (or a
 *         malformed one)
 */
std::optional<IkeTsSide> FromIkev1Id(const Ikev1IdPayload& id);

/**
 * @brief The local side of a data-plane selector (for TSi on the initiator, TSr on the
 * responder).
 * @param ts the selector
 * @return the side (ICMP: the type and code ranges packed as IKEv2 carries them)
 * @throws ConfigError for ICMP type and code ranges IKEv2 cannot express (several types with
 *         a code range other than 0-255)
 */
IkeTsSide LocalSide(const TrafficSelector& ts);

/**
 * @brief The remote side of a data-plane selector. For ICMP the type/code range travels on the
 * local side only; the remote side has all ports.
 * @param ts the selector
 * @return the side
 */
IkeTsSide RemoteSide(const TrafficSelector& ts);

/**
 * @brief The sides of the datagram that triggered an exchange (an Acquire's selector), which
 * RFC 7296 §2.9 puts first in TSi and TSr: its addresses, protocol and, when known, ports,
 * each a single value, laid out as LocalSide() and RemoteSide() lay out a policy's.
 * @param packet the datagram's selector (this node's view, outbound)
 * @return the local side (TSi of an initiator) and the remote side (TSr)
 */
std::pair<IkeTsSide, IkeTsSide> TriggerSides(const PacketSelector& packet);

/**
 * @brief The intersection of two sides (§2.9 narrowing): addresses and ports intersected,
 * protocol any (0) gives way to a specific one.
 * @param a a side
 * @param b another side
 * @return the intersection, or nothing if they are disjoint
 */
std::optional<IkeTsSide> Intersect(const IkeTsSide& a, const IkeTsSide& b);

/**
 * @brief Narrow what a peer proposed to what this end allows (§2.9): every non-empty
 * intersection of a proposed side with an allowed one, in the proposer's order, without
 * duplicates and without one that another contains (strongSwan's child_cfg drops those too:
 * a trigger selector, §2.9's first entry for the packet that started the exchange, then
 * disappears into the range it belongs to, unless this end allows only it).
 * @param proposed the peer's TSi or TSr entries
 * @param allowed this end's configured entries for the same side
 * @return the narrowed list (empty: TS_UNACCEPTABLE)
 */
std::vector<IkeTsSide> Narrow(const std::vector<IkeTsSide>& proposed,
                              const std::vector<IkeTsSide>& allowed);

/**
 * @brief The data-plane selector for a local and a remote side.
 * @param local this end's side
 * @param remote the peer's side
 * @return the selector, or nothing if the two sides name different protocols (or an ICMP range
 *         that does not unpack into a type × code box)
 */
std::optional<TrafficSelector> Combine(const IkeTsSide& local, const IkeTsSide& remote);

} // namespace ipsec
} // namespace ns3

#endif /* IKE_TRAFFIC_SELECTOR_H */
