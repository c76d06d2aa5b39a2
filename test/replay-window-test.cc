// SPDX-License-Identifier: GPL-2.0-only

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-replay-window.h"

#include <gtest/gtest.h>
#include <random>
#include <set>

using namespace ns3::ipsec;

namespace
{

constexpr uint64_t TWO_32 = uint64_t{1} << 32;

/**
 * @brief Check then Update, as the receiver does for a packet whose ICV verifies.
 * @param window the window
 * @param seqLow the Sequence Number field
 * @return the first reason that is not NONE, or NONE if recorded
 */
DropReason
Receive(ReplayWindow& window, uint32_t seqLow)
{
    uint64_t seq = 0;
    const DropReason reason = window.Check(seqLow, seq);
    return reason != DropReason::NONE ? reason : window.Update(seq);
}

/**
 * @brief The replay rule in its plainest form, independent of the bitmap: every accepted number
 * in a set, and the highest one.
 */
class ReferenceWindow
{
  public:
    /**
     * @brief A reference for a window size.
     * @param size the window (0: accept everything)
     */
    explicit ReferenceWindow(uint64_t size)
        : m_size(size)
    {
    }

    /**
     * @brief Whether a number would be rejected.
     * @param seq the full number
     * @return true for a replay
     */
    bool IsReplay(uint64_t seq) const
    {
        if (m_size == 0)
        {
            return false;
        }
        if (seq == 0)
        {
            return true;
        }
        if (m_highest >= m_size && seq <= m_highest - m_size)
        {
            return true;
        }
        return m_seen.count(seq) > 0;
    }

    /**
     * @brief Accept a number if it is not a replay.
     * @param seq the full number
     * @return true if accepted
     */
    bool Accept(uint64_t seq)
    {
        if (IsReplay(seq))
        {
            return false;
        }
        m_seen.insert(seq);
        m_highest = std::max(m_highest, seq);
        return true;
    }

    /**
     * @brief The highest accepted number.
     * @return the number
     */
    uint64_t GetHighest() const
    {
        return m_highest;
    }

  private:
    uint64_t m_size;           ///< window
    uint64_t m_highest{0};     ///< highest accepted
    std::set<uint64_t> m_seen; ///< every accepted number
};

} // namespace

TEST(ReplayWindow, Defaults)
{
    ReplayWindow window;
    EXPECT_EQ(window.GetSize(), DEFAULT_REPLAY_WINDOW);
    EXPECT_FALSE(window.IsEsn());
    EXPECT_EQ(window.GetHighest(), 0U);
    EXPECT_TRUE(ReplayWindow(64, true).IsEsn());
}

TEST(ReplayWindow, InOrder)
{
    ReplayWindow window(32);
    for (uint32_t seq = 1; seq <= 1000; ++seq)
    {
        ASSERT_EQ(Receive(window, seq), DropReason::NONE) << seq;
        ASSERT_EQ(window.GetHighest(), seq);
    }
}

TEST(ReplayWindow, OutOfOrderWithinWindow)
{
    ReplayWindow window(32);
    EXPECT_EQ(Receive(window, 10), DropReason::NONE);
    for (uint32_t seq : {5U, 9U, 1U, 7U, 40U, 20U, 39U, 30U})
    {
        EXPECT_EQ(Receive(window, seq), DropReason::NONE) << seq;
    }
    EXPECT_EQ(window.GetHighest(), 40U);
    for (uint32_t seq : {10U, 20U, 30U, 39U, 40U})
    {
        EXPECT_EQ(Receive(window, seq), DropReason::REPLAY) << seq;
    }
}

TEST(ReplayWindow, LeftOfWindowEdge)
{
    ReplayWindow window(32);
    EXPECT_EQ(Receive(window, 100), DropReason::NONE);
    uint64_t seq = 0;
    EXPECT_EQ(window.Check(100 - 32 + 1, seq), DropReason::NONE); // the lowest in the window
    EXPECT_EQ(seq, 69U);
    EXPECT_EQ(window.Check(100 - 32, seq), DropReason::REPLAY); // just left of it
    EXPECT_EQ(window.Check(1, seq), DropReason::REPLAY);
    EXPECT_EQ(window.Update(100 - 32), DropReason::REPLAY);
    EXPECT_EQ(Receive(window, 69), DropReason::NONE);
    EXPECT_EQ(window.GetHighest(), 100U);
}

TEST(ReplayWindow, Duplicates)
{
    ReplayWindow window(64);
    EXPECT_EQ(Receive(window, 50), DropReason::NONE);
    EXPECT_EQ(Receive(window, 30), DropReason::NONE);
    EXPECT_EQ(Receive(window, 50), DropReason::REPLAY); // the highest
    EXPECT_EQ(Receive(window, 30), DropReason::REPLAY); // an older one in the window
    EXPECT_EQ(Receive(window, 31), DropReason::NONE);
    EXPECT_EQ(window.GetHighest(), 50U);
}

TEST(ReplayWindow, CheckIsReadOnly)
{
    ReplayWindow window(32);
    EXPECT_EQ(Receive(window, 5), DropReason::NONE);
    uint64_t seq = 0;
    for (int i = 0; i < 2; ++i)
    {
        EXPECT_EQ(window.Check(3, seq), DropReason::NONE);
        EXPECT_EQ(window.Check(1000, seq), DropReason::NONE);
    }
    EXPECT_EQ(window.GetHighest(), 5U);
    EXPECT_EQ(Receive(window, 3), DropReason::NONE);
    EXPECT_EQ(Receive(window, 1000), DropReason::NONE);
}

TEST(ReplayWindow, UpdateRejectsDuplicateThatPassedCheck)
{
    ReplayWindow window(32);
    uint64_t first = 0;
    uint64_t second = 0;
    // Two copies of 7 pass Check before either is recorded (e.g. parallel crypto engines).
    EXPECT_EQ(window.Check(7, first), DropReason::NONE);
    EXPECT_EQ(window.Check(7, second), DropReason::NONE);
    EXPECT_EQ(window.Update(first), DropReason::NONE);
    EXPECT_EQ(window.Update(second), DropReason::REPLAY);
    // The same for an in-window number below the highest.
    EXPECT_EQ(Receive(window, 20), DropReason::NONE);
    EXPECT_EQ(window.Check(15, first), DropReason::NONE);
    EXPECT_EQ(window.Check(15, second), DropReason::NONE);
    EXPECT_EQ(window.Update(first), DropReason::NONE);
    EXPECT_EQ(window.Update(second), DropReason::REPLAY);
    // And for one that fell left of the window in between.
    EXPECT_EQ(window.Check(10, first), DropReason::NONE);
    EXPECT_EQ(Receive(window, 60), DropReason::NONE);
    EXPECT_EQ(window.Update(first), DropReason::REPLAY);
    EXPECT_EQ(window.GetHighest(), 60U);
}

TEST(ReplayWindow, JumpClearsOldBits)
{
    for (uint32_t size : {32U, 64U, 100U, 1024U})
    {
        ReplayWindow window(size);
        for (uint32_t seq = 1; seq <= 2 * size; ++seq)
        {
            ASSERT_EQ(Receive(window, seq), DropReason::NONE);
        }
        const uint32_t top = 2 * size + size + 5; // a jump of W+5
        ASSERT_EQ(Receive(window, top), DropReason::NONE);
        for (uint32_t seq = top - size + 1; seq < top; ++seq)
        {
            ASSERT_EQ(Receive(window, seq), DropReason::NONE) << size << " " << seq;
        }
        EXPECT_EQ(Receive(window, top - size), DropReason::REPLAY) << size;
    }
}

/// Window sizes for the parameterized tests.
class ReplayWindowSize : public testing::TestWithParam<uint32_t>
{
};

TEST_P(ReplayWindowSize, WindowRule)
{
    const uint32_t size = GetParam();
    ReplayWindow window(size);
    EXPECT_EQ(window.GetSize(), size);
    const uint32_t top = 3 * size + 1000;
    ASSERT_EQ(Receive(window, top), DropReason::NONE);
    if (size == 0)
    {
        // Anti-replay off: nothing is a replay, the highest is still tracked.
        EXPECT_EQ(Receive(window, top), DropReason::NONE);
        EXPECT_EQ(Receive(window, 1), DropReason::NONE);
        EXPECT_EQ(Receive(window, 0), DropReason::NONE);
        EXPECT_EQ(window.GetHighest(), top);
        EXPECT_EQ(Receive(window, top + 7), DropReason::NONE);
        EXPECT_EQ(window.GetHighest(), top + 7);
        return;
    }
    // Every number in the window once, from the top down, then all again.
    for (uint32_t seq = top - 1; seq > top - size; --seq)
    {
        ASSERT_EQ(Receive(window, seq), DropReason::NONE) << seq;
    }
    for (uint32_t seq = top; seq > top - size; --seq)
    {
        ASSERT_EQ(Receive(window, seq), DropReason::REPLAY) << seq;
    }
    EXPECT_EQ(Receive(window, top - size), DropReason::REPLAY);
    // Advance by one: the new bottom is now the old bottom + 1, already seen.
    EXPECT_EQ(Receive(window, top + 1), DropReason::NONE);
    EXPECT_EQ(Receive(window, top - size + 1), DropReason::REPLAY);
    EXPECT_EQ(Receive(window, top - size + 2), DropReason::REPLAY);
    EXPECT_EQ(window.GetHighest(), top + 1);
}

INSTANTIATE_TEST_SUITE_P(Sizes,
                         ReplayWindowSize,
                         testing::Values(0U, 1U, 32U, 64U, 100U, 1024U, 4096U));

TEST(ReplayWindow, SizeLimit)
{
    EXPECT_NO_THROW(ReplayWindow{MAX_REPLAY_WINDOW});
    EXPECT_EQ(MAX_REPLAY_WINDOW, 4096U);
    EXPECT_THROW(ReplayWindow{4097}, ConfigError);
    try
    {
        ReplayWindow window(4097, true);
        FAIL() << "no exception";
    }
    catch (const ConfigError& e)
    {
        EXPECT_NE(std::string(e.what()).find("0 (anti-replay off) to 4096"), std::string::npos)
            << e.what();
    }
}

TEST(ReplayWindow, SequenceZeroRejectedWithoutEsn)
{
    ReplayWindow window(32);
    uint64_t seq = 1;
    EXPECT_EQ(window.Check(0, seq), DropReason::REPLAY);
    EXPECT_EQ(seq, 0U);
    EXPECT_EQ(window.Update(0), DropReason::REPLAY);
    EXPECT_EQ(Receive(window, 1), DropReason::NONE);
    EXPECT_EQ(Receive(window, 0), DropReason::REPLAY);
}

TEST(ReplayWindow, NoEsnNumberIsTheField)
{
    ReplayWindow window(32);
    EXPECT_EQ(Receive(window, 0xFFFFFFF0U), DropReason::NONE);
    uint64_t seq = 0;
    // Without ESN a small number is not a wrap: it is far left of the window.
    EXPECT_EQ(window.Check(2, seq), DropReason::REPLAY);
    EXPECT_EQ(seq, 2U);
    EXPECT_EQ(window.Check(0xFFFFFFFFU, seq), DropReason::NONE);
    EXPECT_EQ(seq, 0xFFFFFFFFU);
}

TEST(ReplayWindow, EsnAcrossTheBoundary)
{
    ReplayWindow window(32, true);
    // Reach 2^32 - 3 in the first subspace.
    ASSERT_EQ(Receive(window, 0xFFFFFFFDU), DropReason::NONE);
    ASSERT_EQ(window.GetHighest(), TWO_32 - 3);
    // Case A (Tl >= W - 1): a low number below the window is the next subspace.
    uint64_t seq = 0;
    EXPECT_EQ(window.Check(2, seq), DropReason::NONE);
    EXPECT_EQ(seq, TWO_32 + 2);
    EXPECT_EQ(window.Update(seq), DropReason::NONE);
    EXPECT_EQ(window.GetHighest(), TWO_32 + 2);
    // Case B (Tl < W - 1) after the advance: a late packet in the upper part of the window
    // belongs to the previous subspace.
    EXPECT_EQ(window.Check(0xFFFFFFF0U, seq), DropReason::NONE);
    EXPECT_EQ(seq, TWO_32 - 16);
    EXPECT_EQ(window.Update(seq), DropReason::NONE);
    EXPECT_EQ(Receive(window, 0xFFFFFFF0U), DropReason::REPLAY);
    EXPECT_EQ(Receive(window, 0xFFFFFFFDU), DropReason::REPLAY); // seen before the wrap
    EXPECT_EQ(Receive(window, 0xFFFFFFFEU), DropReason::NONE);
    EXPECT_EQ(Receive(window, 0), DropReason::NONE); // 2^32 itself
    EXPECT_EQ(Receive(window, 2), DropReason::REPLAY);
    EXPECT_EQ(window.GetHighest(), TWO_32 + 2);
    // The window's lowest number, 2^32 + 2 - 31, and the one just left of it.
    EXPECT_EQ(window.Check(0xFFFFFFE3U, seq), DropReason::NONE);
    EXPECT_EQ(seq, TWO_32 - 29);
    EXPECT_EQ(window.Update(TWO_32 - 30), DropReason::REPLAY);
    // A packet far left: a full number left of the window is a replay...
    EXPECT_EQ(window.Update(TWO_32 - 1000), DropReason::REPLAY);
    EXPECT_EQ(window.Update(5), DropReason::REPLAY);
    // ...but from its low 32 bits alone the receiver takes it for the next subspace
    // (Appendix A2.2 assumes nothing arrives left of the window); its ICV then fails.
    EXPECT_EQ(window.Check(0xFFFFFFFFU - 999, seq), DropReason::NONE);
    EXPECT_EQ(seq, TWO_32 + 0xFFFFFFFFU - 999);
    EXPECT_EQ(window.GetHighest(), TWO_32 + 2);
}

TEST(ReplayWindow, EsnFarLeftInLastSubspaceIsReplay)
{
    // In the last subspace there is no next one: below the window stays below it.
    ReplayWindow window(32, true);
    ASSERT_EQ(window.Update(~uint64_t{0} - 10), DropReason::NONE);
    uint64_t seq = 0;
    EXPECT_EQ(window.Check(5, seq), DropReason::REPLAY);
    EXPECT_EQ(seq, (~uint64_t{0} << 32) | 5);
}

TEST(ReplayWindow, EsnCaseBInFirstSubspace)
{
    // At the start Th = 0 and Tl = 0 < W - 1: case B, but there is no previous subspace, so a
    // number in the window's "upper part" is in the current subspace (a jump ahead).
    ReplayWindow window(32, true);
    uint64_t seq = 0;
    EXPECT_EQ(window.Check(1, seq), DropReason::NONE);
    EXPECT_EQ(seq, 1U);
    EXPECT_EQ(window.Check(0, seq), DropReason::REPLAY); // full number 0 is never sent
    EXPECT_EQ(seq, 0U);
    EXPECT_EQ(window.Check(0xFFFFFFF0U, seq), DropReason::NONE);
    EXPECT_EQ(seq, 0xFFFFFFF0U);
    ASSERT_EQ(Receive(window, 5), DropReason::NONE);
    EXPECT_EQ(window.Check(0xFFFFFFF0U, seq), DropReason::NONE);
    EXPECT_EQ(seq, 0xFFFFFFF0U);
    EXPECT_EQ(window.Check(3, seq), DropReason::NONE);
    EXPECT_EQ(seq, 3U);
    EXPECT_EQ(Receive(window, 5), DropReason::REPLAY);
}

TEST(ReplayWindow, EsnWithWindowOffInfersWithWindowOne)
{
    ReplayWindow window(0, true);
    ASSERT_EQ(Receive(window, 0xFFFFFFFFU), DropReason::NONE);
    uint64_t seq = 0;
    EXPECT_EQ(window.Check(0xFFFFFFFFU, seq), DropReason::NONE); // duplicates allowed
    EXPECT_EQ(seq, 0xFFFFFFFFU);
    EXPECT_EQ(window.Check(0xFFFFFFFEU, seq), DropReason::NONE);
    EXPECT_EQ(seq, TWO_32 + 0xFFFFFFFEU); // W = 1: below the highest is the next subspace
    EXPECT_EQ(window.Update(TWO_32 + 3), DropReason::NONE);
    EXPECT_EQ(window.GetHighest(), TWO_32 + 3);
    EXPECT_EQ(window.Update(10), DropReason::NONE);
    EXPECT_EQ(window.GetHighest(), TWO_32 + 3);
}

namespace
{

/**
 * @brief Random traffic against the reference model: in-order runs, reordering, duplicates,
 * forged/corrupt packets (Check only), jumps, and pairs that both pass Check before Update.
 * @param size the window
 * @param esn whether ESN is on
 * @param start the sender's first full sequence number
 * @param seed the generator seed
 */
void
CompareWithReference(uint32_t size, bool esn, uint64_t start, uint32_t seed)
{
    SCOPED_TRACE("size " + std::to_string(size) + " esn " + std::to_string(esn) + " start " +
                 std::to_string(start));
    std::mt19937_64 rng(seed);
    ReplayWindow window(size, esn);
    ReferenceWindow reference(size);
    const uint64_t span = std::max<uint64_t>(size, 1);
    const uint64_t limit = esn ? ~uint64_t{0} : 0xFFFFFFFFU;
    uint64_t sender = start; // the sender's highest number so far
    uint32_t accepted = 0;
    uint32_t rejected = 0;
    if (start > 0)
    {
        // The SA has been running: the receiver has accepted the sender's number so far.
        ASSERT_EQ(window.Update(start), DropReason::NONE);
        ASSERT_TRUE(reference.Accept(start));
    }

    auto pick = [&]() -> uint64_t {
        const uint32_t kind = rng() % 100;
        if (kind < 45)
        {
            sender = std::min(limit, sender + 1 + rng() % 3); // in order, small gaps
            return sender;
        }
        if (kind < 50)
        {
            sender = std::min(limit, sender + rng() % (3 * span + 70)); // a jump
            return sender;
        }
        if (kind < 95)
        {
            const uint64_t back = rng() % (span + span / 4 + 3); // reordered / duplicate / old
            return sender > back ? sender - back : sender;
        }
        return esn ? sender : rng() % 4; // the highest again, or numbers around 0
    };

    for (int op = 0; op < 20000; ++op)
    {
        const uint64_t truth = pick();
        const bool referenceReplay = reference.IsReplay(truth);
        const bool inferable = esn && truth + span > window.GetHighest();
        uint64_t seq = 0;
        const DropReason check = window.Check(static_cast<uint32_t>(truth), seq);
        if (inferable)
        {
            ASSERT_EQ(seq, truth) << "op " << op << " highest " << window.GetHighest();
        }
        if (seq != truth)
        {
            // Wrong high bits: only for numbers left of the window (the ICV would fail).
            ASSERT_TRUE(esn);
            ASSERT_TRUE(size == 0 || referenceReplay) << "op " << op << " truth " << truth;
            ++rejected;
            continue;
        }
        ASSERT_EQ(check == DropReason::REPLAY, referenceReplay) << "op " << op << " " << truth;
        ASSERT_TRUE(check == DropReason::NONE || check == DropReason::REPLAY);
        const uint32_t action = rng() % 10;
        if (check != DropReason::NONE || action == 0)
        {
            ++rejected; // a replay, or a forgery whose ICV fails: no Update
            continue;
        }
        if (action == 1)
        {
            // Two copies passed Check; the second Update must refuse unless anti-replay is off.
            uint64_t again = 0;
            ASSERT_EQ(window.Check(static_cast<uint32_t>(truth), again), DropReason::NONE);
            ASSERT_EQ(again, truth);
            ASSERT_EQ(window.Update(seq), DropReason::NONE);
            ASSERT_TRUE(reference.Accept(truth));
            ASSERT_EQ(window.Update(again) == DropReason::REPLAY, reference.IsReplay(truth));
            reference.Accept(truth);
        }
        else
        {
            ASSERT_EQ(window.Update(seq), DropReason::NONE) << "op " << op;
            ASSERT_TRUE(reference.Accept(truth));
        }
        ++accepted;
        ASSERT_EQ(window.GetHighest(), reference.GetHighest()) << "op " << op;
    }
    // Both outcomes must have been exercised.
    EXPECT_GT(accepted, 1000U);
    if (size > 0)
    {
        EXPECT_GT(rejected, 1000U);
    }
}

} // namespace

TEST(ReplayWindow, RandomAgainstReferenceWithoutEsn)
{
    uint32_t seed = 1;
    for (uint32_t size : {0U, 1U, 32U, 64U, 100U, 1024U, 4096U})
    {
        CompareWithReference(size, false, 0, seed++);
        CompareWithReference(size, false, 0xFFFFFFFFU - 25000, seed++); // up to the last number
    }
}

TEST(ReplayWindow, RandomAgainstReferenceWithEsnAcross2To32)
{
    uint32_t seed = 100;
    for (uint32_t size : {0U, 1U, 32U, 64U, 100U, 1024U, 4096U})
    {
        CompareWithReference(size, true, 0, seed++);
        CompareWithReference(size, true, TWO_32 - 10000, seed++);
        CompareWithReference(size, true, 3 * TWO_32 - 5000, seed++);
    }
}
