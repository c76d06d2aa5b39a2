// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-routing.h"

#include "ipsec-stack.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
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
}

void
IpsecRouting::DoDispose()
{
    m_stack = nullptr;
    m_ipv4 = nullptr;
    Ipv4ListRouting::DoDispose();
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
        route->GetDestination().IsMulticast())
    {
        return route;
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
                         UnicastForwardCallback ucb,
                         MulticastForwardCallback mcb,
                         LocalDeliverCallback lcb,
                         ErrorCallback ecb)
{
    if (!m_stack)
    {
        return Ipv4ListRouting::RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
    }
    Ptr<Ipv4> ipv4 = m_ipv4;
    const int32_t iif = ipv4->GetInterfaceForDevice(idev);
    const bool fromIpsec = iif == static_cast<int32_t>(m_stack->GetInterface());
    if (header.GetDestination().IsMulticast() || header.GetDestination().IsBroadcast())
    {
        // Inbound policy applies to broadcast and multicast too (as IN traffic).
        if (m_stack->CheckInbound(p, header, fromIpsec, true) != DropReason::NONE)
        {
            return true;
        }
        return Ipv4ListRouting::RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
    }
    const bool local = ipv4->IsDestinationAddress(header.GetDestination(), iif);
    if (m_stack->CheckInbound(p, header, fromIpsec, local) != DropReason::NONE)
    {
        return true; // dropped, counted and traced by the stack
    }
    if (!local && ipv4->IsForwarding(iif) && m_stack->NeedsForwardProcessing(p, header))
    {
        Socket::SocketErrno err;
        Ptr<Ipv4Route> real = RouteOutputPlain(header, err);
        Ptr<Ipv4Route> route = m_stack->MakeIpsecRoute(real, header.GetDestination());
        ucb(route, p, header);
        return true;
    }
    return Ipv4ListRouting::RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
}

} // namespace ipsec
} // namespace ns3
