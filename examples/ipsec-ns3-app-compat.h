// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * The application-level differences between ns-3 releases that the examples and tests meet
 * (header only; the library's own are in model/ipsec-ns3-compat.h, which defines nothing that
 * needs the applications or internet-apps modules). IPSEC_NS3_VERSION comes from the build.
 */
#ifndef IPSEC_NS3_APP_COMPAT_H
#define IPSEC_NS3_APP_COMPAT_H

#include "ns3/application-container.h"
#include "ns3/callback.h"
#include "ns3/command-line.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"

#include <functional>
#include <memory>

#if IPSEC_NS3_VERSION >= 338
#include "ns3/enum.h"
#include "ns3/ping-helper.h"
#else
#include "ns3/v4ping-helper.h"
#endif

namespace ns3
{
namespace ipsec
{
namespace compat
{

/**
 * @brief Calls a held function object (for MakeFunctionCallback and Schedule on ns-3.35).
 * @param f the function object
 * @param args its arguments
 * @return what it returns
 */
template <typename R, typename... Args>
R
CallFunction(std::shared_ptr<std::function<R(Args...)>> f, Args... args)
{
    return (*f)(args...);
}

/**
 * @brief A Callback from a lambda or other function object: ns-3.37 made Callback
 * constructible from one; up to 3.36 the object is held and called through a bound function.
 * The types are given explicitly: MakeFunctionCallback<void, Ptr<Socket>>([](Ptr<Socket>) {}).
 * @tparam F the function object's type (deduced)
 * @param f the function object
 * @return the callback
 */
template <typename R, typename... Args, typename F>
Callback<R, Args...>
MakeFunctionCallback(F f)
{
    std::function<R(Args...)> function(std::move(f));
#if IPSEC_NS3_VERSION >= 337
    return Callback<R, Args...>(std::move(function));
#else
    return MakeBoundCallback(&CallFunction<R, Args...>,
                             std::make_shared<std::function<R(Args...)>>(std::move(function)));
#endif
}

/**
 * @brief CommandLine::AddValue with a function that reads the option's whole text (ns-3 reads
 * a std::string option only up to its first space, up to 3.37). The callback's argument is
 * std::string up to ns-3.37 and const std::string& from 3.38.
 * @param cmd the command line
 * @param name the option
 * @param help its help text
 * @param f called with the option's text; returns false to refuse it (or throws)
 * @param defaultValue the default shown in --PrintHelp
 */
template <typename F>
void
AddTextValue(CommandLine& cmd,
             const std::string& name,
             const std::string& help,
             F f,
             const std::string& defaultValue)
{
#if IPSEC_NS3_VERSION >= 338
    using Arg = const std::string&;
#else
    using Arg = std::string;
#endif
    cmd.AddValue(name,
                 help,
                 MakeFunctionCallback<bool, Arg>([f](Arg text) { return f(std::string(text)); }),
                 defaultValue);
}

/**
 * @brief Simulator::Schedule of a lambda or other function object (ns-3.36 added it).
 * @param delay when, from now
 * @param f what to run
 * @return the event
 */
inline EventId
Schedule(Time delay, std::function<void()> f)
{
#if IPSEC_NS3_VERSION >= 336
    return Simulator::Schedule(delay, std::move(f));
#else
    return Simulator::Schedule(delay,
                               &CallFunction<void>,
                               std::make_shared<std::function<void()>>(std::move(f)));
#endif
}

/**
 * @brief The UdpServer trace with the received packet only: "Rx" up to ns-3.46; 3.47 made
 * UdpServer a SinkApplication whose "Rx" also passes the sender's address.
 */
#if IPSEC_NS3_VERSION >= 347
constexpr const char* UDP_SERVER_RX_TRACE = "RxWithoutAddress";
#else
constexpr const char* UDP_SERVER_RX_TRACE = "Rx";
#endif

/**
 * @brief Install an ICMP echo (ping) application that prints nothing: V4Ping up to ns-3.37,
 * Ping from 3.38 on (V4Ping was removed in 3.41), with its output silenced (it prints by
 * default).
 * @param node the node that pings
 * @param destination the address pinged
 * @param interval the time between requests
 * @return the application
 */
inline ApplicationContainer
InstallPing(Ptr<Node> node, Ipv4Address destination, Time interval)
{
#if IPSEC_NS3_VERSION >= 338
    PingHelper helper(destination);
    helper.SetAttribute("VerboseMode", EnumValue(Ping::VerboseMode::SILENT));
#else
    V4PingHelper helper(destination);
#endif
    helper.SetAttribute("Interval", TimeValue(interval));
    return helper.Install(node);
}

/**
 * @brief Forwards the RTT of Ping's "Rtt" trace (sequence number, RTT) to a callback of the
 * RTT alone.
 * @param sink the callback
 * @param sequence the echo sequence number (unused)
 * @param rtt the round-trip time
 */
inline void
ForwardPingRtt(Callback<void, Time> sink, uint16_t sequence, Time rtt)
{
    (void)sequence;
    sink(rtt);
}

/**
 * @brief Connect a callback of the RTT to a ping application from InstallPing ("Rtt" passes
 * the RTT alone up to ns-3.37, the sequence number and the RTT from 3.38 on).
 * @param app the application
 * @param sink the callback
 * @return whether the trace source was found
 */
inline bool
ConnectPingRtt(Ptr<Application> app, Callback<void, Time> sink)
{
#if IPSEC_NS3_VERSION >= 338
    return app->TraceConnectWithoutContext("Rtt", MakeBoundCallback(&ForwardPingRtt, sink));
#else
    return app->TraceConnectWithoutContext("Rtt", sink);
#endif
}

} // namespace compat
} // namespace ipsec
} // namespace ns3

#endif // IPSEC_NS3_APP_COMPAT_H
