// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-fragment-buffer.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecFragmentBuffer");

namespace
{
/// The largest IPv4 payload (65535 bytes minus a 20-byte header).
constexpr uint32_t MAX_PAYLOAD = 65515;
} // namespace

FragmentBuffer::FragmentBuffer()
    : m_timeout(Seconds(30))
{
}

FragmentBuffer::~FragmentBuffer()
{
    Clear();
}

void
FragmentBuffer::SetTimeout(Time timeout)
{
    m_timeout = timeout;
}

void
FragmentBuffer::SetDropCallback(DropCallback cb)
{
    m_drop = cb;
}

bool
FragmentBuffer::IsFragment(const Ipv4Header& header)
{
    return !header.IsLastFragment() || header.GetFragmentOffset() != 0;
}

size_t
FragmentBuffer::GetPending() const
{
    return m_datagrams.size();
}

void
FragmentBuffer::Clear()
{
    for (auto& [key, d] : m_datagrams)
    {
        d.timer.Cancel();
    }
    m_datagrams.clear();
}

void
FragmentBuffer::Discard(const Key& key, DropReason reason)
{
    auto it = m_datagrams.find(key);
    if (it == m_datagrams.end())
    {
        return;
    }
    Datagram d = std::move(it->second);
    m_datagrams.erase(it);
    d.timer.Cancel();
    for (const auto& [offset, piece] : d.pieces)
    {
        if (!m_drop.IsNull())
        {
            m_drop(piece.first, piece.second, reason);
        }
    }
}

Ptr<Packet>
FragmentBuffer::Add(const Ipv4Header& header, Ptr<const Packet> payload, Ipv4Header& whole)
{
    const Key key{header.GetSource().Get(),
                  header.GetDestination().Get(),
                  header.GetProtocol(),
                  header.GetIdentification()};
    const uint32_t offset = header.GetFragmentOffset();
    const uint32_t size = payload->GetSize();
    const bool last = header.IsLastFragment();
    auto [it, fresh] = m_datagrams.try_emplace(key);
    Datagram& d = it->second;
    if (fresh)
    {
        d.timer = Simulator::Schedule(m_timeout,
                                      &FragmentBuffer::Discard,
                                      this,
                                      key,
                                      DropReason::FRAGMENT_TIMEOUT);
    }
    auto same = d.pieces.find(offset);
    if (same != d.pieces.end() && same->second.second->GetSize() == size &&
        same->second.first.IsLastFragment() == last)
    {
        return nullptr; // an exact duplicate: ignored, the datagram stays
    }
    // Inconsistent or overlapping fragments discard the whole datagram: a non-last fragment
    // whose size is not a multiple of 8, a second last fragment, data beyond the end, overlap.
    bool bad = (!last && size % 8 != 0) || size == 0 || offset + size > MAX_PAYLOAD ||
               (last && d.totalKnown && offset + size != d.total) ||
               (d.totalKnown && offset + size > d.total);
    auto next = d.pieces.lower_bound(offset);
    if (!bad && next != d.pieces.end() && next->first < offset + size)
    {
        bad = true;
    }
    if (!bad && next != d.pieces.begin())
    {
        auto prev = std::prev(next);
        bad = prev->first + prev->second.second->GetSize() > offset;
    }
    if (!bad && last && !d.pieces.empty())
    {
        auto back = std::prev(d.pieces.end());
        bad = back->first + back->second.second->GetSize() > offset + size;
    }
    if (bad)
    {
        NS_LOG_LOGIC("overlapping or inconsistent fragment at " << offset << ", " << size
                                                                << " bytes: datagram discarded");
        Discard(key, DropReason::FRAGMENT_OVERLAP);
        if (!m_drop.IsNull())
        {
            m_drop(header, payload, DropReason::FRAGMENT_OVERLAP);
        }
        return nullptr;
    }
    d.pieces[offset] = {header, payload->Copy()};
    d.received += size;
    if (last)
    {
        d.total = offset + size;
        d.totalKnown = true;
    }
    if (!d.totalKnown || d.received != d.total)
    {
        return nullptr;
    }
    // No overlap and as many bytes as the datagram: the pieces cover it exactly.
    Ptr<Packet> out = Create<Packet>();
    for (const auto& [o, piece] : d.pieces)
    {
        out->AddAtEnd(piece.second);
    }
    whole = d.pieces.begin()->second.first;
    whole.SetFragmentOffset(0);
    whole.SetLastFragment();
    whole.SetPayloadSize(d.total);
    if (Node::ChecksumEnabled())
    {
        whole.EnableChecksum();
    }
    d.timer.Cancel();
    m_datagrams.erase(it);
    return out;
}

} // namespace ipsec
} // namespace ns3
