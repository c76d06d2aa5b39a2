// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-routing-helper.h"

#include "ns3/ipsec-routing.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/node.h"

namespace ns3
{
namespace ipsec
{

IpsecRoutingHelper::IpsecRoutingHelper() = default;

IpsecRoutingHelper::~IpsecRoutingHelper() = default;

IpsecRoutingHelper::IpsecRoutingHelper(const IpsecRoutingHelper& o)
    : Ipv4RoutingHelper(o)
{
    for (const auto& [helper, priority] : o.m_list)
    {
        m_list.emplace_back(std::unique_ptr<Ipv4RoutingHelper>(helper->Copy()), priority);
    }
}

IpsecRoutingHelper*
IpsecRoutingHelper::Copy() const
{
    return new IpsecRoutingHelper(*this);
}

void
IpsecRoutingHelper::Add(const Ipv4RoutingHelper& routing, int16_t priority)
{
    m_list.emplace_back(std::unique_ptr<Ipv4RoutingHelper>(routing.Copy()), priority);
}

Ptr<Ipv4RoutingProtocol>
IpsecRoutingHelper::Create(Ptr<Node> node) const
{
    Ptr<IpsecRouting> shim = CreateObject<IpsecRouting>();
    if (m_list.empty())
    {
        shim->AddRoutingProtocol(Ipv4StaticRoutingHelper().Create(node), 0);
        shim->AddRoutingProtocol(Ipv4GlobalRoutingHelper().Create(node), -10);
    }
    for (const auto& [helper, priority] : m_list)
    {
        shim->AddRoutingProtocol(helper->Create(node), priority);
    }
    return shim;
}

} // namespace ipsec
} // namespace ns3
