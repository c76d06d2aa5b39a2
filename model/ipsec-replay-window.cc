// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-replay-window.h"

#include "ipsec-config-error.h"

#include "ns3/log.h"

#include <algorithm>
#include <string>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecReplayWindow");

namespace
{
/// Bits per ring word.
constexpr uint32_t WORD_BITS = 64;

/**
 * @brief The ring size in words: enough for every number of a window that starts anywhere in a
 * word (ceil(size / 64) + 1), rounded up to a power of two so that indexing is a mask.
 * @param size the window in packets
 * @return words
 */
size_t
RingWords(uint32_t size)
{
    const size_t needed = (size + WORD_BITS - 1) / WORD_BITS + 1;
    size_t words = 1;
    while (words < needed)
    {
        words <<= 1;
    }
    return words;
}
} // namespace

ReplayWindow::ReplayWindow(uint32_t size, bool esn)
    : m_size(size),
      m_esn(esn),
      m_highest(0)
{
    if (size > MAX_REPLAY_WINDOW)
    {
        throw ConfigError("replay window of " + std::to_string(size) +
                          " packets; allowed: 0 (anti-replay off) to " +
                          std::to_string(MAX_REPLAY_WINDOW));
    }
    m_bitmap.assign(RingWords(size), 0);
    m_wordMask = m_bitmap.size() - 1;
}

uint32_t
ReplayWindow::GetSize() const
{
    return m_size;
}

bool
ReplayWindow::IsEsn() const
{
    return m_esn;
}

uint64_t
ReplayWindow::GetHighest() const
{
    return m_highest;
}

size_t
ReplayWindow::WordIndex(uint64_t seq) const
{
    return static_cast<size_t>((seq / WORD_BITS) & m_wordMask);
}

uint64_t
ReplayWindow::InferSequence(uint32_t seqLow) const
{
    if (!m_esn)
    {
        return seqLow;
    }
    // RFC 4303 Appendix A2.2, with W = 1 when anti-replay is off (the window is then only the
    // highest number). Unsigned 32-bit arithmetic gives the "mod 2^32" of case B.
    const uint32_t w = std::max<uint32_t>(m_size, 1);
    const auto tl = static_cast<uint32_t>(m_highest);
    const auto th = static_cast<uint32_t>(m_highest >> 32);
    const uint32_t bottom = tl - w + 1;
    uint32_t seqHigh = th;
    if (tl >= w - 1)
    {
        // Case A: the window lies within one subspace. Below it means the next subspace, except
        // in the last one, where the number stays below the window and is rejected.
        if (seqLow < bottom && th != UINT32_MAX)
        {
            seqHigh = th + 1;
        }
    }
    else
    {
        // Case B: the window spans two subspaces. Its upper part in the previous one; in the
        // first subspace there is none, and the number can only be in the current one.
        if (seqLow >= bottom && th != 0)
        {
            seqHigh = th - 1;
        }
    }
    return (static_cast<uint64_t>(seqHigh) << 32) | seqLow;
}

DropReason
ReplayWindow::IsReplay(uint64_t seq) const
{
    if (m_size == 0)
    {
        return DropReason::NONE; // anti-replay off
    }
    if (seq == 0)
    {
        return DropReason::REPLAY; // never sent: the first packet is 1
    }
    if (seq > m_highest)
    {
        return DropReason::NONE;
    }
    if (m_highest - seq >= m_size)
    {
        return DropReason::REPLAY; // left of the window
    }
    const uint64_t bit = uint64_t{1} << (seq % WORD_BITS);
    return (m_bitmap[WordIndex(seq)] & bit) ? DropReason::REPLAY : DropReason::NONE;
}

DropReason
ReplayWindow::Check(uint32_t seqLow, uint64_t& seq) const
{
    seq = InferSequence(seqLow);
    const DropReason reason = IsReplay(seq);
    NS_LOG_LOGIC("seqLow " << seqLow << " -> " << seq << " highest " << m_highest << ": "
                           << reason);
    return reason;
}

void
ReplayWindow::Preset(uint64_t highest)
{
    std::fill(m_bitmap.begin(), m_bitmap.end(), 0);
    m_highest = highest;
    if (highest != 0 && m_size != 0)
    {
        m_bitmap[WordIndex(highest)] |= uint64_t{1} << (highest % WORD_BITS);
    }
}

DropReason
ReplayWindow::Update(uint64_t seq)
{
    const DropReason reason = IsReplay(seq);
    if (reason != DropReason::NONE)
    {
        NS_LOG_LOGIC("update " << seq << " highest " << m_highest << ": " << reason);
        return reason;
    }
    if (m_size == 0)
    {
        m_highest = std::max(m_highest, seq);
        return DropReason::NONE;
    }
    if (seq > m_highest)
    {
        // Clear the words the window moves into: those after the highest number's word up to
        // the new number's word, or the whole ring for a long jump. Bits above m_highest in its
        // own word are still clear (they were cleared when the window entered that word).
        const uint64_t words = seq / WORD_BITS - m_highest / WORD_BITS;
        if (words >= m_bitmap.size())
        {
            std::fill(m_bitmap.begin(), m_bitmap.end(), 0);
        }
        else
        {
            for (uint64_t i = 1; i <= words; ++i)
            {
                m_bitmap[WordIndex(m_highest + i * WORD_BITS)] = 0;
            }
        }
        m_highest = seq;
    }
    m_bitmap[WordIndex(seq)] |= uint64_t{1} << (seq % WORD_BITS);
    return DropReason::NONE;
}

} // namespace ipsec
} // namespace ns3
