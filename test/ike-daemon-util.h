// SPDX-License-Identifier: GPL-2.0-only
// IKE daemons end to end: connections between the gateways of a Chain, the daemons that run
// them, lossy WAN links, and a log of what the daemons' traces saw (IKEv2 and IKEv1).
#ifndef IPSEC_TEST_IKE_DAEMON_UTIL_H
#define IPSEC_TEST_IKE_DAEMON_UTIL_H

#include "ipsec-scenario.h"

#include "ns3/ike-daemon.h"
#include "ns3/ike-proposal.h"

#include <functional>
#include <string>
#include <vector>

namespace ns3::ipsec::test
{

inline IkeTsSide
Ts(Ipv4Address address, uint8_t len)
{
    IkeTsSide s;
    s.addresses = AddressRange::Prefix(address, len);
    return s;
}

/// A connection from local to remote protecting localNet <-> remoteNet.
inline IkePeerConfig
Connection(const std::string& name,
           Ipv4Address local,
           Ipv4Address remote,
           IkeTsSide localTs,
           IkeTsSide remoteTs,
           IpsecMode mode = IpsecMode::TUNNEL,
           const std::string& psk = "secret")
{
    IkePeerConfig c;
    c.name = name;
    c.localAddress = local;
    c.remoteAddress = remote;
    c.proposals = ParseIkeProposals("aes128-sha256-modp2048");
    c.localId = IkeIdentity::Ipv4(local);
    c.remoteId = IkeIdentity::Ipv4(remote);
    c.psk.assign(psk.begin(), psk.end());
    IkeChildConfig child;
    child.name = name + "-child";
    child.localTs = {localTs};
    child.remoteTs = {remoteTs};
    child.proposals = ParseChildProposals("aes128gcm16,aes128-sha256");
    child.mode = mode;
    c.children = {child};
    return c;
}

/// An IKE daemon on a node, started at time 0.
inline Ptr<IkeDaemon>
Daemon(Ptr<Node> node, int64_t stream)
{
    Ptr<IkeDaemon> d = CreateObject<IkeDaemon>();
    d->AssignStreams(stream);
    node->AddApplication(d);
    d->SetStartTime(Seconds(0));
    return d;
}

/// Daemons on both gateways with the tunnel LAN A <-> LAN B; gateway B only answers.
inline std::pair<Ptr<IkeDaemon>, Ptr<IkeDaemon>>
Gateways(Chain& c,
         IkeStartAction aStart,
         const std::string& aPsk = "secret",
         int64_t aStream = 100,
         const std::function<void(IkePeerConfig&)>& edit = nullptr)
{
    Ptr<IkeDaemon> a = Daemon(c.gwA, aStream);
    Ptr<IkeDaemon> b = Daemon(c.gwB, 200);
    IkePeerConfig ca = Connection("a",
                                  c.gwAWan,
                                  c.gwBWan,
                                  Ts(Ipv4Address("10.1.1.0"), 24),
                                  Ts(Ipv4Address("10.3.1.0"), 24),
                                  IpsecMode::TUNNEL,
                                  aPsk);
    IkePeerConfig cb = Connection("b",
                                  c.gwBWan,
                                  c.gwAWan,
                                  Ts(Ipv4Address("10.3.1.0"), 24),
                                  Ts(Ipv4Address("10.1.1.0"), 24));
    if (edit)
    {
        edit(ca);
        edit(cb);
    }
    a->AddConnection(ca, aStart);
    b->AddConnection(cb, IkeStartAction::NONE);
    return {a, b};
}

/// Daemons on both gateways in transport mode between their WAN addresses (every protocol:
/// IKE's own datagrams fall under the policy and must bypass it); A starts, B waits for traffic.
inline std::pair<Ptr<IkeDaemon>, Ptr<IkeDaemon>>
TransportGateways(Chain& c, const std::function<void(IkePeerConfig&)>& edit = nullptr)
{
    Ptr<IkeDaemon> a = Daemon(c.gwA, 100);
    Ptr<IkeDaemon> b = Daemon(c.gwB, 200);
    IkePeerConfig ca = Connection("a",
                                  c.gwAWan,
                                  c.gwBWan,
                                  Ts(c.gwAWan, 32),
                                  Ts(c.gwBWan, 32),
                                  IpsecMode::TRANSPORT);
    IkePeerConfig cb = Connection("b",
                                  c.gwBWan,
                                  c.gwAWan,
                                  Ts(c.gwBWan, 32),
                                  Ts(c.gwAWan, 32),
                                  IpsecMode::TRANSPORT);
    if (edit)
    {
        edit(ca);
        edit(cb);
    }
    a->AddConnection(ca, IkeStartAction::TRAP_START);
    b->AddConnection(cb, IkeStartAction::TRAP);
    return {a, b};
}

/// What a daemon's traces saw.
struct Log
{
    std::vector<std::string> states;   ///< "conn STATE"
    std::vector<std::string> messages; ///< "> IKE_SA_INIT request 0 [ SA KE No ]" per message
    std::vector<double> retransmits;   ///< times of retransmissions
    uint32_t children{0};              ///< CHILD SAs installed
    std::vector<double> rekeys;        ///< times of CHILD SA rekeys
    uint32_t deletes{0};               ///< CHILD SAs deleted

    void Watch(Ptr<IkeDaemon> d)
    {
        d->TraceConnectWithoutContext("IkeSaState", MakeCallback(&Log::State, this));
        d->TraceConnectWithoutContext("Message", MakeCallback(&Log::Message, this));
        d->TraceConnectWithoutContext("Ikev1Message", MakeCallback(&Log::Ikev1Message, this));
        d->TraceConnectWithoutContext("Retransmit", MakeCallback(&Log::Retransmit, this));
        d->TraceConnectWithoutContext("ChildSaInstalled", MakeCallback(&Log::Child, this));
        d->TraceConnectWithoutContext("ChildSaRekeyed", MakeCallback(&Log::Rekey, this));
        d->TraceConnectWithoutContext("ChildSaDeleted", MakeCallback(&Log::Delete, this));
    }

    void State(const std::string& conn, uint64_t, uint64_t, Ikev2SaState state)
    {
        states.push_back(conn + " " + ToString(state));
    }

    void Message(bool sent,
                 Ipv4Address,
                 const IkeHeader& h,
                 const std::vector<Ikev2Payload>& payloads)
    {
        messages.push_back(std::string(sent ? "> " : "< ") + DescribeIkev2Message(h, payloads));
    }

    void Ikev1Message(bool sent,
                      Ipv4Address,
                      const IkeHeader& h,
                      const std::vector<Ikev1Payload>& payloads,
                      bool request)
    {
        messages.push_back(std::string(sent ? "> " : "< ") +
                           DescribeIkev1Message(h, payloads, request));
    }

    void Retransmit(Ipv4Address, const IkeHeader&, uint32_t)
    {
        retransmits.push_back(Simulator::Now().GetSeconds());
    }

    void Child(const std::string&, const Ikev2ChildSa&, const InstalledChildSa&)
    {
        children++;
    }

    void Rekey(const std::string&, uint32_t, uint32_t, bool)
    {
        rekeys.push_back(Simulator::Now().GetSeconds());
    }

    void Delete(const std::string&, uint32_t, bool)
    {
        deletes++;
    }

    /// @return how many messages of an exchange were sent ("> INFORMATIONAL request")
    uint32_t Count(const std::string& prefix) const
    {
        uint32_t n = 0;
        for (const auto& m : messages)
        {
            n += m.rfind(prefix, 0) == 0 ? 1 : 0;
        }
        return n;
    }
};

/**
 * Lose a fraction of the frames on both WAN links, either way.
 * @param c the chain
 * @param fraction what is lost
 * @param stream the loss's random stream
 */
inline void
LoseOnTheWan(Chain& c, double fraction, int64_t stream)
{
    Ptr<UniformRandomVariable> loss = CreateObject<UniformRandomVariable>();
    loss->SetStream(stream);
    for (size_t link : {1, 2})
    {
        for (uint32_t i = 0; i < 2; i++)
        {
            InstallFrameHook(c.links[link].Get(i),
                             [loss, fraction](Ptr<Packet>) { return loss->GetValue() < fraction; });
        }
    }
}

/// A run under traffic: both daemons' traces, the chain's drops, and a UDP stream each way
/// between the hosts from 1 s (host A to B on port 9, B to A on port 10). Not movable: the
/// traces point into it. Tests bind its members: auto& [la, lb, drops, ab, ba] = traffic;
struct TwoWayRun
{
    Log la;                         ///< gateway A's daemon
    Log lb;                         ///< gateway B's daemon
    std::shared_ptr<DropLog> drops; ///< the chain's drops
    std::shared_ptr<UdpFlow> ab;    ///< host A to host B
    std::shared_ptr<UdpFlow> ba;    ///< host B to host A

    /**
     * @param c the chain
     * @param a gateway A's daemon
     * @param b gateway B's daemon
     * @param count datagrams each way
     * @param size their size
     * @param interval their spacing
     */
    TwoWayRun(Chain& c,
              Ptr<IkeDaemon> a,
              Ptr<IkeDaemon> b,
              uint32_t count,
              uint32_t size,
              Time interval = MilliSeconds(10))
    {
        la.Watch(a);
        lb.Watch(b);
        drops = c.WatchDrops();
        ab = SendUdp(c.hostA, c.hostB, c.hostBAddr, 9, count, size, interval);
        ba = SendUdp(c.hostB, c.hostA, c.hostAAddr, 10, count, size, interval);
    }

    TwoWayRun(const TwoWayRun&) = delete;
    TwoWayRun& operator=(const TwoWayRun&) = delete;
};

/// IkeSaRekeyed sink: when.
inline void
RecordIkeRekey(std::vector<double>* times,
               const std::string&,
               uint64_t,
               uint64_t,
               uint64_t,
               uint64_t)
{
    times->push_back(Simulator::Now().GetSeconds());
}

} // namespace ns3::ipsec::test

#endif /* IPSEC_TEST_IKE_DAEMON_UTIL_H */
