// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Inbound anti-replay window with Extended Sequence Numbers (RFC 4303 §3.4.3, Appendix A).
 */
#ifndef IPSEC_REPLAY_WINDOW_H
#define IPSEC_REPLAY_WINDOW_H

#include "ipsec-constants.h"
#include "ipsec-drop-reason.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief The receiver's anti-replay state of one inbound SA.
 *
 * A packet is new if its sequence number is right of the highest one accepted so far, or inside
 * the window (highest-W, highest] and not yet received. The receiver checks twice (RFC 4303
 * §3.4.3): Check() before the ICV is verified, read-only, so that forged packets cannot move the
 * window; Update() after the ICV verified, which records the number and advances the window.
 *
 * With ESN the wire carries only the low 32 bits; Check() infers the high 32 bits from the
 * highest number accepted so far (RFC 4303 Appendix A2.2), and the window works on the full
 * 64-bit number. Without ESN the 32-bit field is the whole number (the sender never wraps it).
 *
 * A window of size 0 turns anti-replay off: nothing is rejected as a replay, but the highest
 * number is still tracked (for ESN inference and statistics), as Linux does.
 *
 * The seen-bits live in a ring of 64-bit words indexed by the sequence number (the layout of
 * RFC 6479, Linux xfrm_replay_advance_esn and strongSwan): an in-window packet costs O(1), an
 * advance clears only the words it passes (at most the whole ring), and no packet allocates.
 */
class ReplayWindow
{
  public:
    /**
     * @brief A window of a given size, empty (nothing received yet).
     * @param size window in packets: 0 (anti-replay off) to MAX_REPLAY_WINDOW; any value in that
     * range, not only multiples of 32
     * @param esn whether the SA uses Extended Sequence Numbers
     * @throws ConfigError if size is larger than MAX_REPLAY_WINDOW
     */
    explicit ReplayWindow(uint32_t size = DEFAULT_REPLAY_WINDOW, bool esn = false);

    /**
     * @brief The window size.
     * @return packets (0: anti-replay off)
     */
    uint32_t GetSize() const;
    /**
     * @brief Whether the SA uses Extended Sequence Numbers.
     * @return true with ESN
     */
    bool IsEsn() const;

    /**
     * @brief Read-only check of a received packet, before its ICV is verified.
     *
     * Infers the full sequence number (with ESN, RFC 4303 Appendix A2.2) and says whether it
     * would be a replay. The state is not changed. Sequence number 0 is never sent (the first
     * packet is 1), so it is a replay unless anti-replay is off.
     * @param seqLow the 32-bit Sequence Number field of the packet
     * @param seq receives the full 64-bit sequence number (seqLow without ESN); also set when
     * the packet is rejected
     * @return DropReason::NONE, or DropReason::REPLAY for a duplicate or a number left of the
     * window
     */
    DropReason Check(uint32_t seqLow, uint64_t& seq) const;

    /**
     * @brief Record a packet whose ICV verified.
     *
     * Checks again (another packet with the same number may have been recorded since Check()),
     * then marks the number as received and advances the window if it is right of it.
     * @param seq the full sequence number that Check() returned
     * @return DropReason::NONE if recorded, DropReason::REPLAY (nothing changed) if it is now a
     * duplicate or left of the window
     */
    DropReason Update(uint64_t seq);

    /**
     * @brief Start from a known state, as a receiver that has already accepted packets up to
     * @p highest (Linux's `replay-seq` / `replay-seq-hi`): @p highest is marked as received,
     * the numbers below it in the window are not, and with ESN the high 32 bits are inferred
     * from it (RFC 4303 Appendix A2.2).
     * @param highest the highest sequence number received (0: nothing, an empty window)
     */
    void Preset(uint64_t highest);

    /**
     * @brief The highest sequence number accepted so far.
     * @return the number, 0 before any packet
     */
    uint64_t GetHighest() const;

  private:
    /**
     * @brief The full sequence number for a received low half (RFC 4303 Appendix A2.2).
     * @param seqLow the 32-bit Sequence Number field
     * @return the inferred 64-bit number (seqLow without ESN)
     */
    uint64_t InferSequence(uint32_t seqLow) const;

    /**
     * @brief The replay rule on a full sequence number, without changing anything.
     * @param seq the full sequence number
     * @return DropReason::NONE or DropReason::REPLAY
     */
    DropReason IsReplay(uint64_t seq) const;

    /**
     * @brief The ring word that holds a sequence number's bit.
     * @param seq the sequence number
     * @return index into m_bitmap
     */
    size_t WordIndex(uint64_t seq) const;

    uint32_t m_size;                ///< window in packets (0: off)
    bool m_esn;                     ///< Extended Sequence Numbers
    uint64_t m_highest;             ///< highest sequence number accepted (0: none yet)
    std::vector<uint64_t> m_bitmap; ///< seen-bits, a ring of words indexed by seq / 64
    uint64_t m_wordMask;            ///< m_bitmap.size() - 1 (the ring size is a power of two)
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_REPLAY_WINDOW_H */
