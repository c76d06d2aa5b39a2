// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-traffic-selector.h"

#include "ipsec-config-error.h"

#include <algorithm>
#include <sstream>
#include <utility>

namespace ns3
{
namespace ipsec
{

namespace
{

constexpr uint8_t PROTOCOL_ICMP = 1;     ///< IANA protocol number of ICMP
constexpr uint8_t PROTOCOL_TCP = 6;      ///< IANA protocol number of TCP
constexpr uint8_t PROTOCOL_UDP = 17;     ///< IANA protocol number of UDP
constexpr uint8_t PROTOCOL_SCTP = 132;   ///< IANA protocol number of SCTP
constexpr uint16_t ICMP_FIELD_MAX = 255; ///< ICMP type and code are 8-bit fields

std::string
AddressText(Ipv4Address address)
{
    std::ostringstream os;
    address.Print(os);
    return os.str();
}

std::string
ProtocolText(uint8_t protocol)
{
    switch (protocol)
    {
    case 0:
        return "any";
    case PROTOCOL_ICMP:
        return "icmp";
    case PROTOCOL_TCP:
        return "tcp";
    case PROTOCOL_UDP:
        return "udp";
    case PROTOCOL_SCTP:
        return "sctp";
    default:
        return std::to_string(protocol);
    }
}

/// The prefix length if [first, last] is exactly one prefix, else -1.
int
PrefixLengthOf(uint32_t first, uint32_t last)
{
    for (int length = 0; length <= 32; ++length)
    {
        uint32_t mask = length == 0 ? 0 : ~uint32_t{0} << (32 - length);
        if ((first & ~mask) == 0 && (first | ~mask) == last)
        {
            return length;
        }
    }
    return -1;
}

} // namespace

bool
ProtocolHasPorts(uint8_t protocol)
{
    return protocol == PROTOCOL_TCP || protocol == PROTOCOL_UDP || protocol == PROTOCOL_SCTP ||
           protocol == PROTOCOL_ICMP;
}

// ---------------------------------------------------------------------------------------------
// AddressRange

AddressRange
AddressRange::Any()
{
    return AddressRange();
}

AddressRange
AddressRange::Prefix(Ipv4Address address, uint8_t prefixLength)
{
    if (prefixLength > 32)
    {
        throw ConfigError("prefix length " + std::to_string(prefixLength) + " of " +
                          AddressText(address) + " is out of range: use 0..32");
    }
    uint32_t mask = prefixLength == 0 ? 0 : ~uint32_t{0} << (32 - prefixLength);
    uint32_t network = address.Get() & mask; // host bits masked off, as strongSwan does
    AddressRange range;
    range.first = Ipv4Address(network);
    range.last = Ipv4Address(network | ~mask);
    return range;
}

AddressRange
AddressRange::Prefix(Ipv4Address address, Ipv4Mask mask)
{
    uint32_t bits = mask.Get();
    uint32_t hostBits = ~bits;
    if ((hostBits & (hostBits + 1)) != 0) // host bits must be a run of low-order ones
    {
        std::ostringstream os;
        mask.Print(os);
        throw ConfigError("mask " + os.str() + " of " + AddressText(address) +
                          " is not contiguous: give ones then zeros, e.g. 255.255.255.0");
    }
    return Prefix(address, static_cast<uint8_t>(mask.GetPrefixLength()));
}

AddressRange
AddressRange::Single(Ipv4Address address)
{
    AddressRange range;
    range.first = address;
    range.last = address;
    return range;
}

AddressRange
AddressRange::Range(Ipv4Address first, Ipv4Address last)
{
    if (first.Get() > last.Get())
    {
        throw ConfigError("address range " + AddressText(first) + "-" + AddressText(last) +
                          " is inverted: give the lower address first");
    }
    AddressRange range;
    range.first = first;
    range.last = last;
    return range;
}

bool
AddressRange::Contains(Ipv4Address address) const
{
    uint32_t a = address.Get();
    return first.Get() <= a && a <= last.Get();
}

bool
AddressRange::IsAny() const
{
    return first.Get() == 0 && last.Get() == 0xffffffffU;
}

std::string
AddressRange::ToString() const
{
    if (IsAny())
    {
        return "any";
    }
    if (first.Get() == last.Get())
    {
        return AddressText(first);
    }
    int length = PrefixLengthOf(first.Get(), last.Get());
    if (length >= 0)
    {
        return AddressText(first) + "/" + std::to_string(length);
    }
    return AddressText(first) + "-" + AddressText(last);
}

// ---------------------------------------------------------------------------------------------
// PortRange

PortRange
PortRange::Any()
{
    return PortRange();
}

PortRange
PortRange::Single(uint16_t port)
{
    PortRange range;
    range.first = port;
    range.last = port;
    return range;
}

PortRange
PortRange::Range(uint16_t first, uint16_t last)
{
    if (first > last)
    {
        throw ConfigError("port range " + std::to_string(first) + "-" + std::to_string(last) +
                          " is inverted: give the lower port first");
    }
    PortRange range;
    range.first = first;
    range.last = last;
    return range;
}

bool
PortRange::Contains(uint16_t port) const
{
    return first <= port && port <= last;
}

bool
PortRange::IsAny() const
{
    return first == 0 && last == 65535;
}

std::string
PortRange::ToString() const
{
    if (IsAny())
    {
        return "any";
    }
    if (first == last)
    {
        return std::to_string(first);
    }
    return std::to_string(first) + "-" + std::to_string(last);
}

// ---------------------------------------------------------------------------------------------
// PacketSelector

PacketSelector
PacketSelector::FromDatagram(const Ipv4Header& header, Ptr<const Packet> payload, bool outbound)
{
    PacketSelector selector;
    selector.local = outbound ? header.GetSource() : header.GetDestination();
    selector.remote = outbound ? header.GetDestination() : header.GetSource();
    selector.protocol = header.GetProtocol();
    if (!ProtocolHasPorts(selector.protocol) || header.GetFragmentOffset() != 0 ||
        payload == nullptr)
    {
        return selector;
    }
    uint8_t buffer[4] = {0, 0, 0, 0};
    uint32_t copied = payload->CopyData(buffer, sizeof(buffer));
    if (selector.protocol == PROTOCOL_ICMP)
    {
        if (copied >= 2) // type and code, the same in both directions (RFC 4301 §4.4.1.1)
        {
            selector.localPort = buffer[0];
            selector.remotePort = buffer[1];
            selector.portsKnown = true;
        }
        return selector;
    }
    if (copied >= 4)
    {
        uint16_t sourcePort = static_cast<uint16_t>((buffer[0] << 8) | buffer[1]);
        uint16_t destinationPort = static_cast<uint16_t>((buffer[2] << 8) | buffer[3]);
        selector.localPort = outbound ? sourcePort : destinationPort;
        selector.remotePort = outbound ? destinationPort : sourcePort;
        selector.portsKnown = true;
    }
    return selector;
}

bool
PacketSelector::IsIcmpError(uint8_t type)
{
    return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
}

bool
PacketSelector::FromIcmpError(const Ipv4Header& header,
                              Ptr<const Packet> payload,
                              bool outbound,
                              PacketSelector& quoted)
{
    constexpr uint32_t ICMP_HEADER = 8; // type, code, checksum, 4 bytes of rest-of-header
    constexpr uint32_t QUOTED_DATA = 8; // the quoted payload (RFC 792)
    if (header.GetProtocol() != PROTOCOL_ICMP || header.GetFragmentOffset() != 0 ||
        payload == nullptr || payload->GetSize() < ICMP_HEADER + 20)
    {
        return false;
    }
    uint8_t bytes[ICMP_HEADER + 60 + QUOTED_DATA];
    const uint32_t n = payload->CopyData(bytes, sizeof(bytes));
    const uint8_t* ip = bytes + ICMP_HEADER;
    const uint32_t ihl = (ip[0] & 0x0f) * 4u;
    if (!IsIcmpError(bytes[0]) || (ip[0] >> 4) != 4 || ihl < 20 || n < ICMP_HEADER + ihl)
    {
        return false;
    }
    Ipv4Header q;
    q.SetProtocol(ip[9]);
    q.SetSource(Ipv4Address((uint32_t{ip[12]} << 24) | (uint32_t{ip[13]} << 16) |
                            (uint32_t{ip[14]} << 8) | ip[15]));
    q.SetDestination(Ipv4Address((uint32_t{ip[16]} << 24) | (uint32_t{ip[17]} << 16) |
                                 (uint32_t{ip[18]} << 8) | ip[19]));
    // Only the offset matters here (a quoted non-first fragment has no ports).
    q.SetFragmentOffset(((uint32_t{ip[6]} & 0x1f) << 8 | ip[7]) * 8);
    const uint32_t data = n - ICMP_HEADER - ihl;
    Ptr<Packet> rest = Create<Packet>(ip + ihl, std::min(data, QUOTED_DATA));
    quoted = FromDatagram(q, rest, !outbound);
    return true;
}

PacketSelector
PacketSelector::Reversed() const
{
    PacketSelector r = *this;
    std::swap(r.local, r.remote);
    if (protocol != PROTOCOL_ICMP)
    {
        std::swap(r.localPort, r.remotePort);
    }
    return r;
}

std::string
PacketSelector::ToString() const
{
    std::ostringstream os;
    os << AddressText(local);
    if (portsKnown)
    {
        os << ":" << localPort;
    }
    os << " -> " << AddressText(remote);
    if (portsKnown)
    {
        os << ":" << remotePort;
    }
    os << " proto " << static_cast<unsigned>(protocol);
    return os.str();
}

// ---------------------------------------------------------------------------------------------
// TrafficSelector

bool
TrafficSelector::MatchesIgnoringPorts(const PacketSelector& packet) const
{
    return (protocol == 0 || protocol == packet.protocol) && local.Contains(packet.local) &&
           remote.Contains(packet.remote);
}

bool
TrafficSelector::HasPortRestriction() const
{
    return !localPorts.IsAny() || !remotePorts.IsAny();
}

bool
TrafficSelector::Matches(const PacketSelector& packet) const
{
    if (!MatchesIgnoringPorts(packet))
    {
        return false;
    }
    if (!HasPortRestriction())
    {
        return true;
    }
    return packet.portsKnown && localPorts.Contains(packet.localPort) &&
           remotePorts.Contains(packet.remotePort);
}

TrafficSelector
TrafficSelector::Mirror() const
{
    TrafficSelector mirrored = *this;
    mirrored.local = remote;
    mirrored.remote = local;
    if (protocol != PROTOCOL_ICMP) // ICMP type and code do not change sides
    {
        mirrored.localPorts = remotePorts;
        mirrored.remotePorts = localPorts;
    }
    return mirrored;
}

std::string
TrafficSelector::ToString() const
{
    std::ostringstream os;
    os << "local " << local.ToString() << " remote " << remote.ToString() << " proto "
       << ProtocolText(protocol);
    if (HasPortRestriction())
    {
        if (protocol == PROTOCOL_ICMP)
        {
            os << " type " << localPorts.ToString() << " code " << remotePorts.ToString();
        }
        else
        {
            os << " lport " << localPorts.ToString() << " rport " << remotePorts.ToString();
        }
    }
    return os.str();
}

void
TrafficSelector::Validate() const
{
    if (local.first.Get() > local.last.Get() || remote.first.Get() > remote.last.Get())
    {
        throw ConfigError("traffic selector " + ToString() +
                          ": an address range is inverted (first > last)");
    }
    if (localPorts.first > localPorts.last || remotePorts.first > remotePorts.last)
    {
        throw ConfigError("traffic selector " + ToString() +
                          ": a port range is inverted (first > last)");
    }
    if (!HasPortRestriction())
    {
        return;
    }
    if (protocol == 0)
    {
        throw ConfigError("traffic selector " + ToString() +
                          ": ports need a protocol; set protocol to TCP (6), UDP (17), SCTP "
                          "(132) or ICMP (1), or use ANY ports");
    }
    if (!ProtocolHasPorts(protocol))
    {
        throw ConfigError("traffic selector " + ToString() + ": protocol " +
                          std::to_string(protocol) +
                          " has no ports; only TCP, UDP, SCTP and ICMP (type/code) do, so use "
                          "ANY ports");
    }
    if (protocol == PROTOCOL_ICMP && ((!localPorts.IsAny() && localPorts.last > ICMP_FIELD_MAX) ||
                                      (!remotePorts.IsAny() && remotePorts.last > ICMP_FIELD_MAX)))
    {
        throw ConfigError("traffic selector " + ToString() +
                          ": ICMP type and code ranges are 8-bit; keep them within 0-255");
    }
}

// ---------------------------------------------------------------------------------------------
// Operators

bool
operator==(const AddressRange& a, const AddressRange& b)
{
    return a.first.Get() == b.first.Get() && a.last.Get() == b.last.Get();
}

bool
operator!=(const AddressRange& a, const AddressRange& b)
{
    return !(a == b);
}

bool
operator==(const PortRange& a, const PortRange& b)
{
    return a.first == b.first && a.last == b.last;
}

bool
operator!=(const PortRange& a, const PortRange& b)
{
    return !(a == b);
}

bool
operator==(const TrafficSelector& a, const TrafficSelector& b)
{
    return a.local == b.local && a.remote == b.remote && a.protocol == b.protocol &&
           a.localPorts == b.localPorts && a.remotePorts == b.remotePorts;
}

bool
operator!=(const TrafficSelector& a, const TrafficSelector& b)
{
    return !(a == b);
}

bool
operator==(const PacketSelector& a, const PacketSelector& b)
{
    return a.local.Get() == b.local.Get() && a.remote.Get() == b.remote.Get() &&
           a.protocol == b.protocol && a.localPort == b.localPort && a.remotePort == b.remotePort &&
           a.portsKnown == b.portsKnown;
}

std::ostream&
operator<<(std::ostream& os, const TrafficSelector& selector)
{
    return os << selector.ToString();
}

} // namespace ipsec
} // namespace ns3
