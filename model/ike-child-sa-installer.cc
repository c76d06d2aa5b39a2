// SPDX-License-Identifier: GPL-2.0-only
#include "ike-child-sa-installer.h"

#include "ikev2-task.h"
#include "ipsec-config-error.h"
#include "ipsec-stack.h"

namespace ns3
{
namespace ipsec
{

namespace
{

/**
 * Whether the node has a PROTECT policy of this direction, selector and reqid.
 * @param stack the node's IPsec
 * @param direction the direction
 * @param selector the selector
 * @param reqid the reqid
 * @return whether
 */
bool
HasPolicy(Ptr<IpsecStack> stack,
          PolicyDirection direction,
          const TrafficSelector& selector,
          uint32_t reqid)
{
    for (const SecurityPolicy* p : stack->GetSpd().GetPolicies(direction))
    {
        if (p->action == PolicyAction::PROTECT && p->reqid == reqid && p->selector == selector)
        {
            return true;
        }
    }
    return false;
}

} // namespace

namespace
{

/**
 * The prefix length of the smallest subnet that holds a range.
 * @param range the range
 * @return 0..32
 */
uint32_t
SubnetPrefix(const AddressRange& range)
{
    const uint32_t differ = range.first.Get() ^ range.last.Get();
    uint32_t length = 32;
    for (uint32_t bits = differ; bits != 0; bits >>= 1)
    {
        length--;
    }
    return length;
}

} // namespace

uint32_t
IkePolicyPriority(const TrafficSelector& ts)
{
    constexpr uint32_t PRIO_BASE = 512; // strongSwan's kernel_netlink_ipsec.c
    uint32_t priority = PRIO_BASE << 1; // POLICY_PRIORITY_DEFAULT
    priority -= SubnetPrefix(ts.local) + SubnetPrefix(ts.remote);
    priority <<= 2;
    priority += ts.HasPortRestriction() ? 0 : 2;
    priority += ts.protocol != 0 ? 0 : 1;
    return priority;
}

std::vector<uint32_t>
InstallChildPolicies(Ptr<IpsecStack> stack,
                     const std::vector<IkeTsSide>& local,
                     const std::vector<IkeTsSide>& remote,
                     IpsecMode mode,
                     IpsecProtocol protocol,
                     Ipv4Address localAddress,
                     Ipv4Address remoteAddress,
                     uint32_t reqid)
{
    std::vector<uint32_t> added;
    try
    {
        for (const IkeTsSide& l : local)
        {
            for (const IkeTsSide& r : remote)
            {
                const std::optional<TrafficSelector> ts = Combine(l, r);
                if (!ts)
                {
                    continue; // e.g. TCP locally, UDP remotely: no datagram matches both
                }
                SecurityPolicy p;
                p.action = PolicyAction::PROTECT;
                p.mode = mode;
                p.protocol = protocol;
                p.reqid = reqid;
                if (mode == IpsecMode::TUNNEL)
                {
                    p.tunnelLocal = localAddress;
                    p.tunnelRemote = remoteAddress;
                }
                std::vector<PolicyDirection> directions{PolicyDirection::OUT, PolicyDirection::IN};
                if (mode == IpsecMode::TUNNEL)
                {
                    directions.push_back(PolicyDirection::FWD);
                }
                p.priority = IkePolicyPriority(*ts);
                for (PolicyDirection d : directions)
                {
                    p.direction = d;
                    p.selector = *ts; // this node's view in every direction
                    if (!HasPolicy(stack, d, p.selector, reqid))
                    {
                        added.push_back(stack->AddPolicy(p));
                    }
                }
            }
        }
    }
    catch (const ConfigError&)
    {
        for (uint32_t id : added)
        {
            stack->RemovePolicy(id);
        }
        throw;
    }
    return added;
}

namespace
{

/**
 * The configuration of one half of a CHILD SA.
 * @param child the CHILD SA
 * @param inbound which half
 * @param local this end's address
 * @param remote the peer's
 * @param reqid the reqid
 * @param settings replay window, lifetimes, crypto mode
 * @return the configuration
 */
SaConfig
HalfConfig(const Ikev2ChildSa& child,
           bool inbound,
           bool ah,
           Ipv4Address local,
           Ipv4Address remote,
           uint32_t reqid,
           const ChildSaDataPlane& settings)
{
    SaConfig c;
    (ah ? child.ah->proposal : child.proposal).ApplyTo(c);
    c.mode = child.mode;
    c.reqid = reqid;
    c.replayWindow = settings.replayWindow;
    c.lifetime = settings.lifetime;
    c.crypto = settings.crypto;
    c.direction = inbound ? SaDirection::INBOUND : SaDirection::OUTBOUND;
    if (ah)
    {
        c.spi = inbound ? child.ah->inboundSpi : child.ah->outboundSpi;
    }
    else
    {
        c.spi = inbound ? child.inboundSpi : child.outboundSpi;
    }
    c.source = inbound ? remote : local;
    c.destination = inbound ? local : remote;
    const ChildSaKeys& keys = ah ? (inbound ? child.ah->inbound : child.ah->outbound)
                                 : (inbound ? child.inbound : child.outbound);
    c.encryptionKey = keys.encryptionKey;
    c.integrityKey = keys.integrityKey;
    return c;
}

} // namespace

InstalledChildSa
InstallChildSa(Ptr<IpsecStack> stack,
               const Ikev2ChildSa& child,
               Ipv4Address localAddress,
               Ipv4Address remoteAddress,
               uint32_t reqid,
               const ChildSaDataPlane& settings,
               bool withOutbound)
{
    InstalledChildSa out;
    out.reqid = reqid;
    out.policies = InstallChildPolicies(stack,
                                        child.localTs,
                                        child.remoteTs,
                                        child.mode,
                                        child.ah ? IpsecProtocol::ESP_AH : child.proposal.protocol,
                                        localAddress,
                                        remoteAddress,
                                        reqid);
    try
    {
        // Inbound first, as charon installs: the peer may send on it as soon as it has keys.
        out.inbound = stack->AddSa(
            HalfConfig(child, true, false, localAddress, remoteAddress, reqid, settings));
        if (child.ah)
        {
            out.inboundAh = stack->AddSa(
                HalfConfig(child, true, true, localAddress, remoteAddress, reqid, settings));
        }
        if (withOutbound)
        {
            InstallOutboundSa(stack, child, localAddress, remoteAddress, settings, out);
        }
    }
    catch (const ConfigError&)
    {
        RemoveChildSa(stack, out);
        throw;
    }
    return out;
}

void
InstallOutboundSa(Ptr<IpsecStack> stack,
                  const Ikev2ChildSa& child,
                  Ipv4Address localAddress,
                  Ipv4Address remoteAddress,
                  const ChildSaDataPlane& settings,
                  InstalledChildSa& installed)
{
    const uint32_t reqid = installed.reqid;
    Ptr<SecurityAssociation> esp =
        stack->AddSa(HalfConfig(child, false, false, localAddress, remoteAddress, reqid, settings));
    if (child.ah)
    {
        try
        {
            installed.outboundAh = stack->AddSa(
                HalfConfig(child, false, true, localAddress, remoteAddress, reqid, settings));
        }
        catch (const ConfigError&)
        {
            stack->RemoveSa(esp);
            throw;
        }
    }
    installed.outbound = esp;
}

void
RemoveOutboundSa(Ptr<IpsecStack> stack, InstalledChildSa& installed)
{
    for (auto* sa : {&installed.outbound, &installed.outboundAh})
    {
        if (*sa)
        {
            stack->RemoveSa(*sa);
            *sa = nullptr;
        }
    }
}

void
RemoveChildSa(Ptr<IpsecStack> stack, const InstalledChildSa& installed)
{
    for (const auto& sa :
         {installed.outbound, installed.outboundAh, installed.inbound, installed.inboundAh})
    {
        if (sa)
        {
            stack->RemoveSa(sa);
        }
    }
    for (uint32_t id : installed.policies)
    {
        stack->RemovePolicy(id);
    }
}

} // namespace ipsec
} // namespace ns3
