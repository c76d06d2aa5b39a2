// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Reassembly of the fragments a gateway must classify as one datagram (RFC 4301 §7).
 */
#ifndef IPSEC_FRAGMENT_BUFFER_H
#define IPSEC_FRAGMENT_BUFFER_H

#include "ipsec-drop-reason.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-header.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"

#include <map>
#include <tuple>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief Holds IPv4 fragments until their datagram is whole, so that a policy with port
 * selectors sees the ports of every fragment's datagram.
 *
 * RFC 4301 §7 lets a gateway classify non-first fragments by stateful fragment checking or by
 * reassembling first; this is the second, as Linux gateways do (nf_defrag_ipv4 reassembles
 * before the xfrm policy lookup; the output is fragmented again after IPsec). Fragments are
 * keyed by source, destination, protocol and identification (RFC 791). As Linux since 4.19
 * (and RFC 5722 for IPv6), an exact duplicate is ignored and any other overlap discards the
 * whole datagram; a datagram that is not whole after the timeout is discarded.
 */
class FragmentBuffer
{
  public:
    /// Called for every fragment discarded, with its header, payload and the reason.
    using DropCallback = Callback<void, const Ipv4Header&, Ptr<const Packet>, DropReason>;

    FragmentBuffer();
    ~FragmentBuffer();
    FragmentBuffer(const FragmentBuffer&) = delete;
    FragmentBuffer& operator=(const FragmentBuffer&) = delete;

    /**
     * @brief Set how long an incomplete datagram is held (ns-3's and Linux's default: 30 s).
     * @param timeout the time from its first fragment
     */
    void SetTimeout(Time timeout);
    /**
     * @brief Set the callback for discarded fragments.
     * @param cb the callback
     */
    void SetDropCallback(DropCallback cb);
    /**
     * @brief Add a fragment.
     * @param header its IP header (MF set or a fragment offset)
     * @param payload its payload
     * @param whole receives the reassembled header when the datagram is complete
     * @return the reassembled payload, or null while the datagram is incomplete or when the
     * fragment was discarded (the drop callback was called)
     */
    Ptr<Packet> Add(const Ipv4Header& header, Ptr<const Packet> payload, Ipv4Header& whole);
    /**
     * @brief How many datagrams are incomplete.
     * @return the count
     */
    size_t GetPending() const;
    /**
     * @brief Forget every fragment (without calling the drop callback).
     */
    void Clear();

    /**
     * @brief Whether a header is one of a fragment.
     * @param header the header
     * @return true if MF is set or the offset is not 0
     */
    static bool IsFragment(const Ipv4Header& header);

  private:
    /// source, destination, protocol, identification
    using Key = std::tuple<uint32_t, uint32_t, uint8_t, uint16_t>;

    /// one datagram being reassembled
    struct Datagram
    {
        /// the fragments held, by offset: header and payload
        std::map<uint32_t, std::pair<Ipv4Header, Ptr<Packet>>> pieces;
        uint32_t received{0};   ///< payload bytes held
        uint32_t total{0};      ///< the datagram's payload size, once known
        bool totalKnown{false}; ///< whether the last fragment arrived
        EventId timer;          ///< the timeout
    };

    /**
     * @brief Discard a datagram and report each of its fragments.
     * @param key the datagram
     * @param reason why
     */
    void Discard(const Key& key, DropReason reason);

    std::map<Key, Datagram> m_datagrams; ///< incomplete datagrams
    Time m_timeout;                      ///< how long they are held
    DropCallback m_drop;                 ///< reports discarded fragments
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_FRAGMENT_BUFFER_H */
