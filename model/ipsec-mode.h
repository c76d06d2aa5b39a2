// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IPsec modes and security protocols (RFC 4301 §4.1), shared by the SPD and the SAD.
 */
#ifndef IPSEC_MODE_H
#define IPSEC_MODE_H

#include <cstdint>
#include <ostream>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief Transport or tunnel mode (RFC 4301 §4.1).
 */
enum class IpsecMode : uint8_t
{
    TRANSPORT, ///< protects the payload of the datagram; the IP header is kept
    TUNNEL,    ///< protects the whole datagram inside a new outer IP header
};

/**
 * @ingroup ipsec
 * @brief The security protocol(s) a policy asks for, or an SA bundle applies.
 *
 * ESP_AH is the transport adjacency of RFC 4301 §4.3: ESP is applied first, then AH covers the
 * ESP packet and the IP header (Linux and strongSwan order).
 */
enum class IpsecProtocol : uint8_t
{
    ESP,    ///< Encapsulating Security Payload (RFC 4303)
    AH,     ///< Authentication Header (RFC 4302)
    ESP_AH, ///< ESP inside AH
};

/**
 * @brief The mode's name ("transport", "tunnel").
 * @param mode the mode
 * @return its name
 */
inline const char*
GetModeName(IpsecMode mode)
{
    return mode == IpsecMode::TUNNEL ? "tunnel" : "transport";
}

/**
 * @brief The protocol's name ("esp", "ah", "esp+ah").
 * @param protocol the protocol
 * @return its name
 */
inline const char*
GetProtocolName(IpsecProtocol protocol)
{
    switch (protocol)
    {
    case IpsecProtocol::ESP:
        return "esp";
    case IpsecProtocol::AH:
        return "ah";
    case IpsecProtocol::ESP_AH:
        return "esp+ah";
    }
    return "unknown";
}

/**
 * @brief Print the mode's name.
 * @param os the stream
 * @param mode the mode
 * @return the stream
 */
inline std::ostream&
operator<<(std::ostream& os, IpsecMode mode)
{
    return os << GetModeName(mode);
}

/**
 * @brief Print the protocol's name.
 * @param os the stream
 * @param protocol the protocol
 * @return the stream
 */
inline std::ostream&
operator<<(std::ostream& os, IpsecProtocol protocol)
{
    return os << GetProtocolName(protocol);
}

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_MODE_H */
