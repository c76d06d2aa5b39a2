// SPDX-License-Identifier: GPL-2.0-only
#ifndef IPSEC_ATTACK_H
#define IPSEC_ATTACK_H

#include "ipsec-random-bytes.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <map>
#include <string>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief A datagram an attacker sees: its IP header and its IP payload (ESP, AH, UDP, ...),
 * which an on-path attack may change before it goes on.
 */
struct AttackPacket
{
    Ipv4Header header;   ///< the IP header (an attack may change any field)
    Ptr<Packet> payload; ///< the IP payload, the attacker's own copy
};

/**
 * @ingroup ipsec
 * @brief What an attacker's node lets its attacks do besides changing the datagram in hand.
 */
class AttackContext
{
  public:
    virtual ~AttackContext() = default;
    /**
     * @brief Send a datagram of the attacker's making, routed as the node routes its own
     * (its source address may be anyone's: a spoof).
     * @param packet the header and payload
     * @return whether the node had a route for it
     */
    virtual bool Inject(const AttackPacket& packet) = 0;
    /**
     * @brief Forward a datagram later, as if it arrived then (on-path only; off-path the
     * attacker cannot hold back what it only overhears).
     * @param delay how much later
     * @param packet the datagram
     * @return whether the attacker is on the path
     */
    virtual bool ForwardLater(Time delay, const AttackPacket& packet) = 0;
};

/**
 * @ingroup ipsec
 * @brief Send an attacker's datagram from its node: routed by the node's routing, sent with
 * Ipv4::SendWithHeader, so its source address can be anyone's (AttackContext::Inject of the
 * on-path and off-path attackers).
 * @param ipv4 the attacker's node's IPv4
 * @param packet the header and payload (the header's payload size is set here)
 * @return whether the node had a route
 */
bool SendFromAttacker(Ptr<Ipv4> ipv4, const AttackPacket& packet);

/**
 * @ingroup ipsec
 * @brief A UDP datagram an attacker sends, e.g. a forged IKE message, with its checksum when
 * ns-3's ChecksumEnabled is on (0 otherwise, as ns-3's own UDP), as a receiver checks it.
 * @param source the source address (anyone's)
 * @param destination the destination address
 * @param sourcePort the source port
 * @param destinationPort the destination port
 * @param data the UDP payload
 * @return the datagram, TTL 64
 */
AttackPacket MakeUdpAttackPacket(Ipv4Address source,
                                 Ipv4Address destination,
                                 uint16_t sourcePort,
                                 uint16_t destinationPort,
                                 const std::vector<uint8_t>& data);

/**
 * @ingroup ipsec
 * @brief The UDP payload of a datagram, if it is UDP.
 * @param packet the datagram
 * @param sourcePort receives the source port
 * @param destinationPort receives the destination port
 * @param data receives the UDP payload
 * @return false if it is not UDP or shorter than a UDP header
 */
bool ReadUdpAttackPacket(const AttackPacket& packet,
                         uint16_t& sourcePort,
                         uint16_t& destinationPort,
                         std::vector<uint8_t>& data);

/**
 * @ingroup ipsec
 * @brief What an on-path attack does with the datagram in hand.
 */
enum class AttackVerdict : uint8_t
{
    FORWARD, ///< let it (as it is now: perhaps changed) go on
    DROP,    ///< it never arrives
    HOLD,    ///< the attack took it (ForwardLater): the node forwards nothing now
};

/**
 * @ingroup ipsec
 * @brief One attack, placed on an attacker node with IpsecAttackerHelper. The base class picks
 * the datagrams an attack acts on (attributes Protocol, Probability, Start, Stop), counts what it
 * did by action name ("dropped", "tampered", "replayed", ...) and fires the Action trace for
 * each, so that the victims' drop reasons can be matched with the attacker's actions.
 *
 * On-path (a forwarding node between the peers), Process() sees every forwarded datagram and
 * may change, drop or hold it; off-path (a node overhearing a shared segment), Observe() sees a
 * copy. Either may send datagrams of its own through the AttackContext. A new attack overrides
 * DoProcess() and, if it works off-path too, DoObserve(); one that only watches overrides
 * DoObserve() alone.
 */
class Attack : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    Attack();
    ~Attack() override;

    /**
     * @brief An on-path attack's turn with a forwarded datagram.
     * @param packet the datagram (may be changed)
     * @param ctx the attacker's node
     * @return what happens to it
     */
    AttackVerdict Process(AttackPacket& packet, AttackContext& ctx);
    /**
     * @brief An off-path attack's look at an overheard datagram.
     * @param packet the datagram (a copy)
     * @param ctx the attacker's node
     */
    void Observe(const AttackPacket& packet, AttackContext& ctx);

    /**
     * @brief How often the attack did something.
     * @param action the action's name ("dropped", "tampered", ...)
     * @return the count
     */
    uint64_t GetCount(const std::string& action) const;
    /// @return every action's count
    const std::map<std::string, uint64_t>& GetCounts() const;
    /**
     * @brief The attacker's node takes the attack on (AttackerRouting::AddAttack): an attack
     * that acts on its own schedule (injections) starts it here. Default: nothing.
     * @param ctx the attacker's node (it outlives the attack's events)
     */
    virtual void Attach(AttackContext& ctx);
    /**
     * @brief Fix the random streams (ns-3's AssignStreams convention): Probability's, and an
     * attack's own (DoAssignStreams).
     * @param stream the first stream
     * @return the streams used (at most STREAMS)
     */
    int64_t AssignStreams(int64_t stream);

    /// Streams one attack may use.
    static constexpr int64_t STREAMS = 4;

    /// Signature of the Action trace.
    using ActionTracedCallback = void (*)(const std::string& action,
                                          const Ipv4Header& header,
                                          Ptr<const Packet> payload);

  protected:
    /**
     * @brief The attack proper, for a datagram it targets (Selects() is true). The default,
     * for attacks that only watch what passes (and send datagrams of their own): DoObserve(),
     * then forward it unchanged.
     * @param packet the datagram
     * @param ctx the attacker's node
     * @return what happens to it
     */
    virtual AttackVerdict DoProcess(AttackPacket& packet, AttackContext& ctx);
    /**
     * @brief Off-path: a datagram it targets was overheard (default: nothing).
     * @param packet the datagram
     * @param ctx the attacker's node
     */
    virtual void DoObserve(const AttackPacket& packet, AttackContext& ctx);
    /**
     * @brief Fix the streams of an attack's own random variables (default: none).
     * @param stream the first stream free for it
     * @return the streams used (at most STREAMS - 1)
     */
    virtual int64_t DoAssignStreams(int64_t stream);
    /**
     * @brief Count an action and fire the Action trace.
     * @param action its name
     * @param packet the datagram it concerned
     */
    void Count(const std::string& action, const AttackPacket& packet);
    /**
     * @brief Whether the attack targets a datagram now: in [Start, Stop), of the Protocol
     * (0: any), drawn with Probability.
     * @param header its header
     * @return whether
     */
    bool Selects(const Ipv4Header& header);
    /// @return the Start attribute
    Time GetStart() const;
    /// @return whether the attack's Stop time has come (never with Stop 0)
    bool HasStopped() const;

  private:
    uint8_t m_protocol{0};                    ///< attribute Protocol
    double m_probability{1};                  ///< attribute Probability
    Time m_start;                             ///< attribute Start
    Time m_stop;                              ///< attribute Stop (0: never)
    Ptr<UniformRandomVariable> m_random;      ///< for Probability
    std::map<std::string, uint64_t> m_counts; ///< actions
    TracedCallback<const std::string&, const Ipv4Header&, Ptr<const Packet>>
        m_actionTrace; ///< every action
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ATTACK_H */
