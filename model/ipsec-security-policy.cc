// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-security-policy.h"

#include "ipsec-config-error.h"

#include <sstream>

namespace ns3
{
namespace ipsec
{

namespace
{

/// Whether a tunnel endpoint was left unset (Ipv4Address() or 0.0.0.0).
bool
IsUnset(const Ipv4Address& address)
{
    return address == Ipv4Address() || address.IsAny();
}

} // namespace

const char*
GetPolicyDirectionName(PolicyDirection direction)
{
    switch (direction)
    {
    case PolicyDirection::OUT:
        return "out";
    case PolicyDirection::IN:
        return "in";
    case PolicyDirection::FWD:
        return "fwd";
    }
    return "unknown";
}

const char*
GetPolicyActionName(PolicyAction action)
{
    switch (action)
    {
    case PolicyAction::PROTECT:
        return "protect";
    case PolicyAction::BYPASS:
        return "bypass";
    case PolicyAction::DISCARD:
        return "discard";
    }
    return "unknown";
}

std::ostream&
operator<<(std::ostream& os, PolicyDirection direction)
{
    return os << GetPolicyDirectionName(direction);
}

std::ostream&
operator<<(std::ostream& os, PolicyAction action)
{
    return os << GetPolicyActionName(action);
}

void
SecurityPolicy::Validate() const
{
    selector.Validate();
    if (action != PolicyAction::PROTECT)
    {
        return;
    }
    if (mode == IpsecMode::TUNNEL && (IsUnset(tunnelLocal) || IsUnset(tunnelRemote)))
    {
        throw ConfigError(ToString() + ": tunnel mode needs tunnel endpoints; set tunnelLocal and "
                                       "tunnelRemote to the outer addresses of both gateways");
    }
    if (mode == IpsecMode::TRANSPORT && (!IsUnset(tunnelLocal) || !IsUnset(tunnelRemote)))
    {
        throw ConfigError(ToString() +
                          ": transport mode takes no tunnel endpoints; clear tunnelLocal and "
                          "tunnelRemote, or use tunnel mode");
    }
    if (reqid == 0)
    {
        throw ConfigError(ToString() +
                          ": a PROTECT policy needs a reqid >= 1 to link it to its SAs");
    }
}

std::string
SecurityPolicy::ToString() const
{
    std::ostringstream os;
    os << "policy " << id << " " << direction << " " << action << " " << selector.ToString();
    if (action == PolicyAction::PROTECT)
    {
        os << " " << protocol << " " << mode;
        if (mode == IpsecMode::TUNNEL)
        {
            os << " ";
            tunnelLocal.Print(os);
            os << " -> ";
            tunnelRemote.Print(os);
        }
        os << " reqid " << reqid;
    }
    if (priority != 0)
    {
        os << " priority " << priority;
    }
    return os.str();
}

std::ostream&
operator<<(std::ostream& os, const SecurityPolicy& policy)
{
    return os << policy.ToString();
}

} // namespace ipsec
} // namespace ns3
