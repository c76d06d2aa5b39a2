// SPDX-License-Identifier: GPL-2.0-only
#include "ike-traffic-selector.h"

#include "ipsec-config-error.h"

#include <algorithm>
#include <sstream>

namespace ns3
{
namespace ipsec
{

namespace
{

constexpr uint8_t ICMP = 1;

std::vector<uint8_t>
AddressBytes(Ipv4Address a)
{
    const uint32_t v = a.Get();
    return {static_cast<uint8_t>(v >> 24),
            static_cast<uint8_t>(v >> 16),
            static_cast<uint8_t>(v >> 8),
            static_cast<uint8_t>(v)};
}

Ipv4Address
AddressOf(const std::vector<uint8_t>& b)
{
    return Ipv4Address((uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) |
                       b[3]);
}

/// The intersection of two port ranges, if not empty.
std::optional<PortRange>
IntersectPorts(const PortRange& a, const PortRange& b)
{
    const uint16_t first = std::max(a.first, b.first);
    const uint16_t last = std::min(a.last, b.last);
    if (first > last)
    {
        return std::nullopt;
    }
    return PortRange{first, last};
}

/// An address range as strongSwan prints it: a prefix if it is one, else first..last.
std::string
RangeText(const AddressRange& r)
{
    const uint32_t first = r.first.Get();
    const uint32_t last = r.last.Get();
    for (int len = 0; len <= 32; len++)
    {
        const uint32_t mask = len == 0 ? 0 : ~uint32_t{0} << (32 - len);
        if ((first & ~mask) == 0 && last == (first | ~mask))
        {
            std::ostringstream os;
            r.first.Print(os);
            os << '/' << len;
            return os.str();
        }
    }
    std::ostringstream os;
    r.first.Print(os);
    os << "..";
    r.last.Print(os);
    return os.str();
}

} // namespace

std::string
IkeTsSide::ToString() const
{
    std::ostringstream os;
    os << RangeText(addresses);
    if (protocol != 0 || ports.first != 0 || ports.last != 65535)
    {
        os << '[' << int{protocol};
        if (ports.first != 0 || ports.last != 65535)
        {
            os << '/' << ports.first;
            if (ports.last != ports.first)
            {
                os << '-' << ports.last;
            }
        }
        os << ']';
    }
    return os.str();
}

Ikev2TrafficSelector
ToIkev2(const IkeTsSide& side)
{
    Ikev2TrafficSelector ts;
    ts.tsType = ikev2::TS_IPV4_ADDR_RANGE;
    ts.ipProtocol = side.protocol;
    ts.startPort = side.ports.first;
    ts.endPort = side.ports.last;
    ts.startAddress = AddressBytes(side.addresses.first);
    ts.endAddress = AddressBytes(side.addresses.last);
    return ts;
}

std::pair<IkeTsSide, IkeTsSide>
TriggerSides(const PacketSelector& packet)
{
    TrafficSelector ts;
    ts.local = AddressRange::Single(packet.local);
    ts.remote = AddressRange::Single(packet.remote);
    ts.protocol = packet.protocol;
    if (packet.portsKnown && packet.protocol != 0)
    {
        ts.localPorts = PortRange::Single(packet.localPort);
        ts.remotePorts = PortRange::Single(packet.remotePort);
    }
    return {LocalSide(ts), RemoteSide(ts)};
}

std::optional<IkeTsSide>
FromIkev2(const Ikev2TrafficSelector& ts)
{
    if (ts.tsType != ikev2::TS_IPV4_ADDR_RANGE || ts.startAddress.size() != 4 ||
        ts.endAddress.size() != 4 || ts.startPort > ts.endPort)
    {
        return std::nullopt;
    }
    IkeTsSide side;
    side.protocol = ts.ipProtocol;
    side.ports = PortRange{ts.startPort, ts.endPort};
    side.addresses.first = AddressOf(ts.startAddress);
    side.addresses.last = AddressOf(ts.endAddress);
    if (side.addresses.first.Get() > side.addresses.last.Get())
    {
        return std::nullopt;
    }
    return side;
}

Ikev1IdPayload
ToIkev1Id(const IkeTsSide& side)
{
    Ikev1IdPayload id;
    id.protocol = side.protocol;
    id.port = side.ports.first == side.ports.last ? side.ports.first : 0;
    const uint32_t first = side.addresses.first.Get();
    const uint32_t last = side.addresses.last.Get();
    auto put = [&id](uint32_t a) {
        const std::vector<uint8_t> b = AddressBytes(Ipv4Address(a));
        id.data.insert(id.data.end(), b.begin(), b.end());
    };
    if (first == last)
    {
        id.idType = 1; // ID_IPV4_ADDR
        put(first);
        return id;
    }
    for (int len = 0; len <= 32; len++)
    {
        const uint32_t mask = len == 0 ? 0 : ~uint32_t{0} << (32 - len);
        if ((first & ~mask) == 0 && last == (first | ~mask))
        {
            id.idType = 4; // ID_IPV4_ADDR_SUBNET
            put(first);
            put(mask);
            return id;
        }
    }
    id.idType = 7; // ID_IPV4_ADDR_RANGE
    put(first);
    put(last);
    return id;
}

std::optional<IkeTsSide>
FromIkev1Id(const Ikev1IdPayload& id)
{
    IkeTsSide side;
    side.protocol = id.protocol;
    side.ports = id.port == 0 ? PortRange{0, 65535} : PortRange{id.port, id.port};
    auto at = [&id](size_t k) {
        return AddressOf(std::vector<uint8_t>(id.data.begin() + k, id.data.begin() + k + 4));
    };
    switch (id.idType)
    {
    case 1:
        if (id.data.size() != 4)
        {
            return std::nullopt;
        }
        side.addresses = AddressRange{at(0), at(0)};
        return side;
    case 4: {
        if (id.data.size() != 8)
        {
            return std::nullopt;
        }
        const uint32_t mask = at(4).Get();
        if ((~mask & (~mask + 1)) != 0)
        {
            return std::nullopt; // not a contiguous mask
        }
        const uint32_t net = at(0).Get() & mask;
        side.addresses = AddressRange{Ipv4Address(net), Ipv4Address(net | ~mask)};
        return side;
    }
    case 7:
        if (id.data.size() != 8 || at(0).Get() > at(4).Get())
        {
            return std::nullopt;
        }
        side.addresses = AddressRange{at(0), at(4)};
        return side;
    default:
        return std::nullopt;
    }
}

IkeTsSide
LocalSide(const TrafficSelector& ts)
{
    IkeTsSide side;
    side.protocol = ts.protocol;
    side.addresses = ts.local;
    if (ts.protocol != ICMP)
    {
        side.ports = ts.localPorts;
        return side;
    }
    // RFC 4301 §4.4.1.3: type in the high octet, code in the low one, one 16-bit range.
    // The data plane's ANY (0-65535) is all types or all codes (0-255).
    const PortRange types = ts.localPorts.IsAny() ? PortRange{0, 255} : ts.localPorts;
    const PortRange codes = ts.remotePorts.IsAny() ? PortRange{0, 255} : ts.remotePorts;
    if (types.first == types.last || (codes.first == 0 && codes.last == 255))
    {
        side.ports.first = static_cast<uint16_t>(types.first << 8 | codes.first);
        side.ports.last = static_cast<uint16_t>(types.last << 8 | codes.last);
        return side;
    }
    throw ConfigError("ICMP selector " + ts.ToString() +
                      ": IKEv2 carries ICMP type and code as one range (type << 8 | code), so "
                      "several types need all codes; use one type, or codes 0-255");
}

IkeTsSide
RemoteSide(const TrafficSelector& ts)
{
    IkeTsSide side;
    side.protocol = ts.protocol;
    side.addresses = ts.remote;
    if (ts.protocol != ICMP)
    {
        side.ports = ts.remotePorts;
    }
    return side;
}

std::optional<IkeTsSide>
Intersect(const IkeTsSide& a, const IkeTsSide& b)
{
    if (a.protocol != 0 && b.protocol != 0 && a.protocol != b.protocol)
    {
        return std::nullopt;
    }
    const auto ports = IntersectPorts(a.ports, b.ports);
    const uint32_t first = std::max(a.addresses.first.Get(), b.addresses.first.Get());
    const uint32_t last = std::min(a.addresses.last.Get(), b.addresses.last.Get());
    if (!ports || first > last)
    {
        return std::nullopt;
    }
    IkeTsSide side;
    side.protocol = a.protocol ? a.protocol : b.protocol;
    side.ports = *ports;
    side.addresses.first = Ipv4Address(first);
    side.addresses.last = Ipv4Address(last);
    return side;
}

std::vector<IkeTsSide>
Narrow(const std::vector<IkeTsSide>& proposed, const std::vector<IkeTsSide>& allowed)
{
    std::vector<IkeTsSide> narrowed;
    for (const auto& p : proposed)
    {
        for (const auto& a : allowed)
        {
            const auto i = Intersect(p, a);
            if (i && std::find(narrowed.begin(), narrowed.end(), *i) == narrowed.end())
            {
                narrowed.push_back(*i);
            }
        }
    }
    std::vector<IkeTsSide> out;
    for (size_t k = 0; k < narrowed.size(); k++)
    {
        bool contained = false;
        for (size_t j = 0; j < narrowed.size() && !contained; j++)
        {
            contained = j != k && Intersect(narrowed[k], narrowed[j]) == narrowed[k];
        }
        if (!contained)
        {
            out.push_back(narrowed[k]);
        }
    }
    return out;
}

std::optional<TrafficSelector>
Combine(const IkeTsSide& local, const IkeTsSide& remote)
{
    if (local.protocol != 0 && remote.protocol != 0 && local.protocol != remote.protocol)
    {
        return std::nullopt;
    }
    TrafficSelector ts;
    ts.local = local.addresses;
    ts.remote = remote.addresses;
    ts.protocol = local.protocol ? local.protocol : remote.protocol;
    if (ts.protocol == ICMP)
    {
        const auto packed = IntersectPorts(local.ports, remote.ports);
        if (!packed)
        {
            return std::nullopt;
        }
        const uint8_t t1 = packed->first >> 8;
        const uint8_t c1 = packed->first & 0xff;
        const uint8_t t2 = packed->last >> 8;
        const uint8_t c2 = packed->last & 0xff;
        if (t1 != t2 && (c1 != 0 || c2 != 255))
        {
            return std::nullopt; // not a type x code box
        }
        ts.localPorts = t1 == 0 && t2 == 255 ? PortRange::Any() : PortRange{t1, t2};
        ts.remotePorts = c1 == 0 && c2 == 255 ? PortRange::Any() : PortRange{c1, c2};
        return ts;
    }
    ts.localPorts = local.ports;
    ts.remotePorts = remote.ports;
    if (!ProtocolHasPorts(ts.protocol) && (!ts.localPorts.IsAny() || !ts.remotePorts.IsAny()))
    {
        return std::nullopt; // ports on a protocol without them (or on "any")
    }
    return ts;
}

} // namespace ipsec
} // namespace ns3
