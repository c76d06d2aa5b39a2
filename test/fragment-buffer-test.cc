// SPDX-License-Identifier: GPL-2.0-only
// FragmentBuffer: the reassembly a gateway does before a policy with port selectors (RFC 4301
// §7): any order, duplicates ignored, overlaps and timeouts discard the datagram.

#include "ns3/ipsec-fragment-buffer.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <numeric>
#include <random>
#include <vector>

namespace ns3
{
namespace ipsec
{
namespace
{

/// The payload bytes 0, 1, 2, ... of a datagram, and its fragments.
struct Datagram
{
    std::vector<uint8_t> bytes;

    explicit Datagram(uint32_t size)
        : bytes(size)
    {
        std::iota(bytes.begin(), bytes.end(), 0);
    }

    Ipv4Header Header(uint32_t offset, bool last, uint16_t id = 7) const
    {
        Ipv4Header h;
        h.SetSource(Ipv4Address("10.1.1.1"));
        h.SetDestination(Ipv4Address("10.3.1.2"));
        h.SetProtocol(17);
        h.SetIdentification(id);
        h.SetFragmentOffset(offset);
        if (last)
        {
            h.SetLastFragment();
        }
        else
        {
            h.SetMoreFragments();
        }
        return h;
    }

    Ptr<Packet> Piece(uint32_t offset, uint32_t size) const
    {
        return Create<Packet>(bytes.data() + offset, size);
    }
};

/// Records what the buffer discards.
struct Drops
{
    std::vector<DropReason> reasons;

    void Record(const Ipv4Header& /* h */, Ptr<const Packet> /* p */, DropReason r)
    {
        reasons.push_back(r);
    }
};

std::vector<uint8_t>
Bytes(Ptr<const Packet> p)
{
    std::vector<uint8_t> out(p->GetSize());
    p->CopyData(out.data(), out.size());
    return out;
}

TEST(FragmentBuffer, ReassemblesOutOfOrderAndIgnoresDuplicates)
{
    Datagram d(3008);
    FragmentBuffer buffer;
    Drops drops;
    buffer.SetDropCallback(MakeCallback(&Drops::Record, &drops));
    Ipv4Header whole;
    EXPECT_FALSE(buffer.Add(d.Header(2960, true), d.Piece(2960, 48), whole));
    EXPECT_FALSE(buffer.Add(d.Header(1480, false), d.Piece(1480, 1480), whole));
    EXPECT_FALSE(buffer.Add(d.Header(1480, false), d.Piece(1480, 1480), whole)) << "duplicate";
    EXPECT_EQ(buffer.GetPending(), 1u);
    Ptr<Packet> out = buffer.Add(d.Header(0, false), d.Piece(0, 1480), whole);
    ASSERT_TRUE(out);
    EXPECT_EQ(Bytes(out), d.bytes);
    EXPECT_EQ(whole.GetPayloadSize(), 3008);
    EXPECT_TRUE(whole.IsLastFragment());
    EXPECT_EQ(whole.GetFragmentOffset(), 0);
    EXPECT_EQ(whole.GetIdentification(), 7);
    EXPECT_EQ(buffer.GetPending(), 0u);
    EXPECT_TRUE(drops.reasons.empty());
}

TEST(FragmentBuffer, DatagramsAreKeptApartByIdentification)
{
    Datagram d(16);
    FragmentBuffer buffer;
    Ipv4Header whole;
    EXPECT_FALSE(buffer.Add(d.Header(0, false, 1), d.Piece(0, 8), whole));
    EXPECT_FALSE(buffer.Add(d.Header(8, true, 2), d.Piece(8, 8), whole));
    EXPECT_EQ(buffer.GetPending(), 2u);
    EXPECT_TRUE(buffer.Add(d.Header(8, true, 1), d.Piece(8, 8), whole));
    EXPECT_EQ(buffer.GetPending(), 1u);
}

TEST(FragmentBuffer, OverlapAndInconsistencyDiscardTheDatagram)
{
    Datagram d(64);

    struct Case
    {
        const char* what;
        uint32_t offset;
        uint32_t size;
        bool last;
    };

    // After a first fragment [0, 24) and a last fragment [40, 64):
    const Case cases[] = {
        {"the first fragment's offset with another size", 0, 16, false},
        {"overlaps the first fragment", 16, 16, false},
        {"overlaps the last fragment", 32, 16, false},
        {"a second, different last fragment", 24, 8, true},
        {"beyond the end", 64, 8, false},
        {"a middle fragment not a multiple of 8", 24, 12, false},
    };
    for (const Case& c : cases)
    {
        FragmentBuffer buffer;
        Drops drops;
        buffer.SetDropCallback(MakeCallback(&Drops::Record, &drops));
        Ipv4Header whole;
        buffer.Add(d.Header(0, false), d.Piece(0, 24), whole);
        buffer.Add(d.Header(40, true), d.Piece(40, 24), whole);
        Ptr<Packet> bad = Create<Packet>(c.size);
        EXPECT_FALSE(buffer.Add(d.Header(c.offset, c.last), bad, whole)) << c.what;
        EXPECT_EQ(buffer.GetPending(), 0u) << c.what;
        EXPECT_EQ(drops.reasons, std::vector<DropReason>(3, DropReason::FRAGMENT_OVERLAP))
            << c.what << ": both held fragments and the bad one are reported";
        // The missing piece alone starts a new datagram: the old pieces are gone.
        EXPECT_FALSE(buffer.Add(d.Header(24, false), d.Piece(24, 16), whole)) << c.what;
        EXPECT_EQ(buffer.GetPending(), 1u) << c.what;
    }
}

TEST(FragmentBuffer, IncompleteDatagramTimesOut)
{
    Datagram d(32);
    FragmentBuffer buffer;
    buffer.SetTimeout(Seconds(5));
    Drops drops;
    buffer.SetDropCallback(MakeCallback(&Drops::Record, &drops));
    Ipv4Header whole;
    Simulator::Schedule(Seconds(1),
                        [&]() { buffer.Add(d.Header(0, false), d.Piece(0, 16), whole); });
    Simulator::Schedule(Seconds(5.5), [&]() { EXPECT_TRUE(drops.reasons.empty()); });
    Simulator::Stop(Seconds(7));
    Simulator::Run();
    EXPECT_EQ(drops.reasons, std::vector<DropReason>{DropReason::FRAGMENT_TIMEOUT});
    EXPECT_EQ(buffer.GetPending(), 0u);
    Simulator::Destroy();
}

TEST(FragmentBuffer, RandomFragmentsReassembleExactlyOrNotAtAll)
{
    // Fragments of a known datagram, in random order, sizes and with random duplicates and
    // overlaps: whatever comes out must be the datagram, byte for byte.
    std::mt19937 rng(4301);
    Datagram d(4000);
    uint32_t completed = 0;
    uint32_t discarded = 0;
    for (uint32_t round = 0; round < 400; round++)
    {
        FragmentBuffer buffer;
        Drops drops;
        buffer.SetDropCallback(MakeCallback(&Drops::Record, &drops));
        std::vector<std::pair<uint32_t, uint32_t>> pieces; // offset, size
        for (uint32_t offset = 0; offset < d.bytes.size();)
        {
            uint32_t size = 8 * (1 + rng() % 200);
            size = std::min<uint32_t>(size, d.bytes.size() - offset);
            pieces.emplace_back(offset, size);
            offset += size;
        }
        if (rng() % 2)
        {
            pieces.push_back(pieces[rng() % pieces.size()]); // a duplicate
        }
        if (rng() % 4 == 0)
        {
            const auto& p = pieces[rng() % pieces.size()];
            const uint32_t longer = std::min<uint32_t>(p.second + 8, d.bytes.size() - p.first);
            pieces.emplace_back(p.first, p.second == 8 ? longer : p.second - 8); // an overlap
        }
        std::shuffle(pieces.begin(), pieces.end(), rng);
        Ptr<Packet> out;
        Ipv4Header whole;
        for (const auto& [offset, size] : pieces)
        {
            const bool last = offset + size == d.bytes.size();
            Ptr<Packet> r = buffer.Add(d.Header(offset, last), d.Piece(offset, size), whole);
            if (r)
            {
                ASSERT_FALSE(out) << "one datagram comes out once";
                out = r;
            }
        }
        if (out)
        {
            completed++;
            ASSERT_EQ(Bytes(out), d.bytes);
            EXPECT_EQ(whole.GetPayloadSize(), d.bytes.size());
        }
        else
        {
            discarded += drops.reasons.empty() ? 0 : 1;
        }
    }
    EXPECT_GT(completed, 200u);
    EXPECT_GT(discarded, 10u) << "overlaps were generated and refused";
}

TEST(FragmentBuffer, IsFragment)
{
    Datagram d(8);
    EXPECT_TRUE(FragmentBuffer::IsFragment(d.Header(0, false)));
    EXPECT_TRUE(FragmentBuffer::IsFragment(d.Header(8, true)));
    EXPECT_FALSE(FragmentBuffer::IsFragment(d.Header(0, true)));
}

} // namespace
} // namespace ipsec
} // namespace ns3
