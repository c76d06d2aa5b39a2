// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-routing.h"

#include "ipsec-stack.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/net-device.h"
#include "ns3/node.h"

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecRouting");
NS_OBJECT_ENSURE_REGISTERED(IpsecRouting);

TypeId
IpsecRouting::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ipsec::IpsecRouting")
                            .SetParent<Ipv4ListRouting>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecRouting>();
    return tid;
}

IpsecRouting::IpsecRouting() = default;

IpsecRouting::~IpsecRouting() = default;

void
IpsecRouting::SetStack(Ptr<IpsecStack> stack)
{
    m_stack = stack;
    m_ipv4 = stack ? stack->GetObject<Ipv4>() : nullptr;
    if (m_stack)
    {
        m_stack->InvalidateAddresses();
    }
}

void
IpsecRouting::DoDispose()
{
    m_stack = nullptr;
    m_ipv4 = nullptr;
    m_interfaces.clear();
    Ipv4ListRouting::DoDispose();
}

int32_t
IpsecRouting::InterfaceOf(Ptr<const NetDevice> device)
{
    auto it = m_interfaces.find(PeekPointer(device));
    if (it != m_interfaces.end())
    {
        return it->second;
    }
    const int32_t iif = m_ipv4->GetInterfaceForDevice(device);
    if (iif >= 0)
    {
        m_interfaces[PeekPointer(device)] = iif;
    }
    return iif;
}

void
IpsecRouting::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    Ipv4ListRouting::NotifyAddAddress(interface, address);
    if (m_stack)
    {
        m_stack->InvalidateAddresses();
    }
}

void
IpsecRouting::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    Ipv4ListRouting::NotifyRemoveAddress(interface, address);
    if (m_stack)
    {
        m_stack->InvalidateAddresses();
    }
}

Ptr<Ipv4Route>
IpsecRouting::RouteOutputPlain(const Ipv4Header& header, Socket::SocketErrno& sockerr)
{
    return Ipv4ListRouting::RouteOutput(nullptr, header, nullptr, sockerr);
}

Ptr<Ipv4Route>
IpsecRouting::RouteOutput(Ptr<Packet> p,
                          const Ipv4Header& header,
                          Ptr<NetDevice> oif,
                          Socket::SocketErrno& sockerr)
{
    Ptr<Ipv4Route> route = Ipv4ListRouting::RouteOutput(p, header, oif, sockerr);
    if (!m_stack || !route || route->GetDestination().IsBroadcast() ||
        route->GetDestination().IsMulticast() ||
        DynamicCast<LoopbackNetDevice>(route->GetOutputDevice()))
    {
        return route; // IPsec never sees loopback traffic (Linux: lo has NOXFRM and NOPOLICY)
    }
    // TCP and bound sockets know their source; others get the route's (ns-3 puts the
    // placeholder Ipv4Address(), 102.102.102.102, in the header until then).
    const Ipv4Address source =
        header.GetSource() == Ipv4Address() || header.GetSource() == Ipv4Address::GetAny()
            ? route->GetSource()
            : header.GetSource();
    if (m_stack->NeedsOutboundProcessing(header, source))
    {
        NS_LOG_LOGIC("route " << header.GetDestination() << " through ipsec0");
        return m_stack->MakeIpsecRoute(route, header.GetDestination());
    }
    return route;
}

bool
IpsecRouting::RouteInput(Ptr<const Packet> p,
                         const Ipv4Header& header,
                         Ptr<const NetDevice> idev,
                         compat::RouteInputCallback<UnicastForwardCallback> ucb,
                         compat::RouteInputCallback<MulticastForwardCallback> mcb,
                         compat::RouteInputCallback<LocalDeliverCallback> lcb,
                         compat::RouteInputCallback<ErrorCallback> ecb)
{
    if (!m_stack || DynamicCast<const LoopbackNetDevice>(idev))
    {
        // Loopback traffic never meets IPsec (as RouteOutput; Linux: lo is NOPOLICY).
        return Ipv4ListRouting::RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
    }
    Ptr<Ipv4> ipv4 = m_ipv4;
    const int32_t iif = InterfaceOf(idev);
    const bool fromIpsec = iif == static_cast<int32_t>(m_stack->GetInterface());
    if (header.GetDestination().IsMulticast() || header.GetDestination().IsBroadcast())
    {
        // Inbound policy applies to broadcast and multicast too (as IN traffic).
        if (m_stack->InboundStep(p, header, fromIpsec, true, false).drop)
        {
            return true;
        }
        return Ipv4ListRouting::RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
    }
    const bool local = m_stack->IsDestinationAddress(header.GetDestination());
    const bool forwarding = !local && ipv4->IsForwarding(iif);
    if (!fromIpsec && FragmentBuffer::IsFragment(header))
    {
        // RFC 4301 §7: a policy with port selectors must see the whole datagram.
        Ipv4Header whole;
        Ptr<const Packet> datagram = m_stack->HoldFragment(p, header, local, forwarding, whole);
        if (!datagram)
        {
            return true; // held until the datagram is whole, or dropped and counted
        }
        if (datagram != p)
        {
            return RouteInput(datagram, whole, idev, ucb, mcb, lcb, ecb);
        }
    }
    const IpsecStack::InboundVerdict verdict =
        m_stack->InboundStep(p, header, fromIpsec, local, forwarding);
    if (verdict.drop)
    {
        return true; // dropped, counted and traced by the stack
    }
    if (verdict.steer != nullptr)
    {
        if (m_stack->GetForwardPath() == FORWARD_PATH_DIRECT && header.GetTtl() > 1)
        {
            Ipv4Header forwarded = header;
            forwarded.SetTtl(header.GetTtl() - 1); // as IpForward
            m_stack->ForwardDirect(p, forwarded, *verdict.steer);
            return true;
        }
        // ns-3's IpForward (TTL, ICMP time exceeded, the UnicastForward trace) hands it to
        // ipsec0, whose DeviceSend applies the policy found here.
        Ptr<Ipv4Route> route = m_stack->MakeIpsecRoute(nullptr, header.GetDestination());
        m_stack->SetSteered(p->GetUid(), verdict.steer);
        ucb(route, p, header);
        m_stack->SetSteered(0, nullptr);
        return true;
    }
    // What Ipv4ListRouting::RouteInput does with a unicast datagram, without asking
    // Ipv4L3Protocol::IsDestinationAddress again (the stack's cache answered it).
    if (local)
    {
        lcb(p, header, iif);
        return true;
    }
    if (!forwarding)
    {
        ecb(p, header, Socket::ERROR_NOROUTETOHOST);
        return true;
    }
    int16_t priority = 0;
    for (uint32_t i = 0; i < GetNRoutingProtocols(); i++)
    {
        if (GetRoutingProtocol(i, priority)->RouteInput(p, header, idev, ucb, mcb, lcb, ecb))
        {
            return true;
        }
    }
    return false;
}

} // namespace ipsec
} // namespace ns3
