// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The one place where the module's code differs between ns-3 releases (3.35 to 3.48).
 *
 * The build defines IPSEC_NS3_VERSION as major * 100 + minor of the ns-3 it builds against
 * (337 for Debian's 3.37, 348 for 3.48): CMake from find_package(ns3) standalone or from the
 * tree's VERSION file, the wscript from waf's VERSION. Each difference below names the
 * release that made it (from the ns-3 sources: CHANGES.md and the headers of each tag).
 * Library code includes this header; examples and tests include ipsec-ns3-app-compat.h for
 * the application-level differences (ping, UdpServer traces).
 */
#ifndef IPSEC_NS3_COMPAT_H
#define IPSEC_NS3_COMPAT_H

#include "ns3/attribute.h"
#include "ns3/enum.h"
#include "ns3/ipv4-routing-protocol.h"

#ifndef IPSEC_NS3_VERSION
#error "IPSEC_NS3_VERSION is not defined: build ns3-ipsec with its CMakeLists.txt or wscript \
(they define it from the ns-3 version), or define it as major*100+minor, e.g. 337 for ns-3.37"
#endif

namespace ns3
{
namespace ipsec
{
namespace compat
{

/**
 * @brief How Ipv4RoutingProtocol::RouteInput takes its callbacks: by value up to ns-3.38, by
 * const reference from ns-3.39 on.
 */
#if IPSEC_NS3_VERSION >= 339
template <typename T>
using RouteInputCallback = const T&;
#else
template <typename T>
using RouteInputCallback = T;
#endif

/**
 * @brief MakeEnumAccessor: ns-3.41 made the enum type a template argument (EnumValue<T>).
 * @tparam E the enum type of the attribute
 * @param args the member, or the setter and getter
 * @return the accessor
 */
template <typename E, typename... Args>
Ptr<const AttributeAccessor>
MakeEnumAccessor(Args... args)
{
#if IPSEC_NS3_VERSION >= 341
    return ns3::MakeEnumAccessor<E>(args...);
#else
    return ns3::MakeEnumAccessor(args...);
#endif
}

/**
 * @brief The Ipv4L3Protocol attribute that says whether a node is a weak end system (RFC 1122:
 * it accepts a datagram for any of its addresses on any interface). Up to ns-3.40 it is
 * "WeakEsModel"; 3.41 added "StrongEndSystemModel" (its inverse) and 3.46 removed the old one.
 */
#if IPSEC_NS3_VERSION >= 341
constexpr const char* END_SYSTEM_MODEL_ATTRIBUTE = "StrongEndSystemModel";
constexpr bool END_SYSTEM_MODEL_MEANS_WEAK = false;
#else
constexpr const char* END_SYSTEM_MODEL_ATTRIBUTE = "WeakEsModel";
constexpr bool END_SYSTEM_MODEL_MEANS_WEAK = true;
#endif

} // namespace compat
} // namespace ipsec
} // namespace ns3

#endif // IPSEC_NS3_COMPAT_H
