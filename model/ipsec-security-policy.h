// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * One entry of the Security Policy Database (RFC 4301 §4.4.1): direction, selector, action and,
 * for PROTECT, the template of the SAs to apply.
 */
#ifndef IPSEC_SECURITY_POLICY_H
#define IPSEC_SECURITY_POLICY_H

#include "ipsec-mode.h"
#include "ipsec-traffic-selector.h"

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <ostream>
#include <string>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief Which traffic a policy applies to, as Linux xfrm policy directions.
 */
enum class PolicyDirection : uint8_t
{
    OUT, ///< datagrams this node sends (locally originated)
    IN,  ///< datagrams delivered to this node
    FWD, ///< datagrams this node forwards (gateways)
};

/**
 * @ingroup ipsec
 * @brief What to do with matching traffic (RFC 4301 §4.4.1).
 */
enum class PolicyAction : uint8_t
{
    PROTECT, ///< apply (outbound) or require (inbound) IPsec with the policy's template
    BYPASS,  ///< pass in the clear
    DISCARD, ///< drop
};

/**
 * @brief The direction's name ("out", "in", "fwd").
 * @param direction the direction
 * @return its name
 */
const char* GetPolicyDirectionName(PolicyDirection direction);

/**
 * @brief The action's name ("protect", "bypass", "discard").
 * @param action the action
 * @return its name
 */
const char* GetPolicyActionName(PolicyAction action);

/**
 * @brief Print the direction's name.
 * @param os the stream
 * @param direction the direction
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, PolicyDirection direction);

/**
 * @brief Print the action's name.
 * @param os the stream
 * @param action the action
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, PolicyAction action);

/**
 * @ingroup ipsec
 * @brief One SPD entry.
 *
 * For PROTECT, the mode, protocol, tunnel endpoints and reqid are the template of the SAs the
 * traffic needs, as a Linux xfrm policy template: the reqid links the policy to its SAs in the
 * SAD (and to the IKE CHILD SA that negotiates them). For BYPASS and DISCARD the template
 * fields are ignored.
 */
struct SecurityPolicy
{
    uint32_t id = 0;                                  ///< unique id, assigned by the SPD on Add
    PolicyDirection direction = PolicyDirection::OUT; ///< traffic the policy applies to
    PolicyAction action = PolicyAction::BYPASS;       ///< what to do with matching traffic
    TrafficSelector selector;                         ///< the traffic, from this node's view
    IpsecMode mode = IpsecMode::TRANSPORT;            ///< PROTECT: transport or tunnel mode
    IpsecProtocol protocol = IpsecProtocol::ESP;      ///< PROTECT: ESP, AH or both
    Ipv4Address tunnelLocal;  ///< PROTECT in tunnel mode: this end's outer address
    Ipv4Address tunnelRemote; ///< PROTECT in tunnel mode: the peer's outer address
    uint32_t reqid = 0;       ///< PROTECT: links the policy to its SAs in the SAD (>= 1)
    /// XFRM's priority: SecurityPolicyDatabase::Add keeps each direction ordered by it, lower
    /// values first, equal ones in the order added. 0, the default, is `ip xfrm policy`'s:
    /// policies made by hand come before IKE's, whose priorities strongSwan's formula
    /// computes from the selectors (IkePolicyPriority: narrower selectors first).
    uint32_t priority = 0;

    /**
     * @brief Check the policy.
     * @throws ConfigError if the selector is invalid (TrafficSelector::Validate()), or for
     * PROTECT: tunnel mode without both tunnel endpoints, transport mode with a tunnel
     * endpoint, or reqid 0. Endpoints left at Ipv4Address() or set to 0.0.0.0 count as absent.
     */
    void Validate() const;
    /**
     * @brief The policy as text.
     * @return e.g. "policy 3 out protect local 10.1.0.0/16 remote 10.2.0.0/16 proto any esp
     * tunnel 192.0.2.1 -> 192.0.2.2 reqid 7"
     */
    std::string ToString() const;
};

/**
 * @brief Print a policy (SecurityPolicy::ToString()).
 * @param os the stream
 * @param policy the policy
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, const SecurityPolicy& policy);

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_SECURITY_POLICY_H */
