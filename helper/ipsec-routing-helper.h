// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Installs IpsecRouting (the IPsec routing shim) through InternetStackHelper.
 */
#ifndef IPSEC_ROUTING_HELPER_H
#define IPSEC_ROUTING_HELPER_H

#include "ns3/ipv4-routing-helper.h"

#include <list>
#include <memory>
#include <utility>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief An Ipv4RoutingHelper that creates IpsecRouting wrapping other routing protocols, for
 * InternetStackHelper::SetRoutingHelper() (DESIGN.md §2: the shim must be installed with the
 * stack; setting a routing protocol afterwards trips an assertion in ns-3's debug builds).
 *
 * By default it wraps static routing (priority 0) and global routing (priority -10), so that
 * Ipv4StaticRoutingHelper and Ipv4GlobalRoutingHelper::PopulateRoutingTables work as usual;
 * Add() replaces that default with the protocols given, like Ipv4ListRoutingHelper.
 */
class IpsecRoutingHelper : public Ipv4RoutingHelper
{
  public:
    IpsecRoutingHelper();
    ~IpsecRoutingHelper() override;
    /**
     * @brief Copy constructor.
     * @param o the helper to copy
     */
    IpsecRoutingHelper(const IpsecRoutingHelper& o);
    IpsecRoutingHelper& operator=(const IpsecRoutingHelper&) = delete;

    IpsecRoutingHelper* Copy() const override;
    Ptr<Ipv4RoutingProtocol> Create(Ptr<Node> node) const override;

    /**
     * @brief Wrap a routing protocol (the first call drops the static+global default).
     * @param routing its helper (copied)
     * @param priority higher runs first
     */
    void Add(const Ipv4RoutingHelper& routing, int16_t priority);

  private:
    /// Wrapped helpers and their priorities.
    std::list<std::pair<std::unique_ptr<Ipv4RoutingHelper>, int16_t>> m_list;
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ROUTING_HELPER_H */
