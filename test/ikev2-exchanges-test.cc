// SPDX-License-Identifier: GPL-2.0-only
// CREATE_CHILD_SA and INFORMATIONAL message by message (RFC 7296 §1.3, §1.4), between two IKE
// SAs that IKE_SA_INIT and IKE_AUTH established: a CHILD SA rekeyed by either end, with and
// without PFS (KEYMAT from the exchange's own nonces and shared secret, split by the
// exchange's initiator), the old CHILD SA deleted by the rekey's initiator, INVALID_KE_PAYLOAD
// and the retry in a new exchange, CHILD_SA_NOT_FOUND, a new CHILD SA, the IKE SA deleted,
// and dead peer detection's empty exchange.

#include "ikev2-pair.h"
#include "ipsec-test-util.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

/// What happened, e.g. "REKEYED local new=0xc0000002 old=0xc0000001".
std::vector<std::string>
Events(Ikev2Sa& sa)
{
    std::vector<std::string> out;
    for (const Ikev2Event& e : sa.TakeEvents())
    {
        char buf[96];
        switch (e.type)
        {
        case Ikev2Event::CHILD_UP:
            std::snprintf(buf, sizeof(buf), "UP %08x", e.child.inboundSpi);
            break;
        case Ikev2Event::CHILD_REKEYED:
            std::snprintf(buf,
                          sizeof(buf),
                          "REKEYED %s %08x replaces %08x",
                          e.local ? "local" : "remote",
                          e.child.inboundSpi,
                          e.child.rekeyOf);
            break;
        case Ikev2Event::CHILD_DOWN:
            std::snprintf(buf, sizeof(buf), "DOWN %s %08x", e.local ? "local" : "remote", e.spi);
            break;
        case Ikev2Event::CHILD_FAILED:
            std::snprintf(buf, sizeof(buf), "FAILED %08x", e.spi);
            break;
        case Ikev2Event::IKE_REKEY_FAILED:
            std::snprintf(buf, sizeof(buf), "IKE REKEY FAILED");
            break;
        case Ikev2Event::CHILD_OUTBOUND:
            std::snprintf(buf, sizeof(buf), "OUTBOUND %08x", e.spi);
            break;
        case Ikev2Event::IKE_LIFETIME:
            std::snprintf(buf, sizeof(buf), "IKE LIFETIME");
            break;
        }
        out.emplace_back(buf);
    }
    return out;
}

/// Both ends established, their IKE_AUTH events taken.
struct Established
{
    Pair c;
    std::unique_ptr<Ikev2Sa> a;
    std::unique_ptr<Ikev2Sa> b;
    MessageLog la;

    explicit Established(const std::string& childA = "aes128gcm16",
                         const std::string& childB = "aes128gcm16")
    {
        c = Configs();
        c.a.children[0].proposals = ParseChildProposals(childA);
        c.b.children[0].proposals = ParseChildProposals(childB);
        a = std::make_unique<Ikev2Sa>(true, c.a, Sources(1, 0xc0000001));
        b = std::make_unique<Ikev2Sa>(false, c.b, Sources(2, 0xd0000001));
        Exchange(*a, *b);
        la.Watch(*a);
        EXPECT_EQ(Events(*a), (std::vector<std::string>{"UP c0000001"}));
        EXPECT_EQ(Events(*b), (std::vector<std::string>{"UP d0000001"}));
    }
};

/// The keys of the two ends' only CHILD SA match crosswise.
void
ExpectMatchingChild(const Ikev2Sa& a, const Ikev2Sa& b)
{
    ASSERT_EQ(a.GetContext().children.size(), 1u);
    ASSERT_EQ(b.GetContext().children.size(), 1u);
    const Ikev2ChildSa& ca = a.GetContext().children[0];
    const Ikev2ChildSa& cb = b.GetContext().children[0];
    EXPECT_EQ(ca.outboundSpi, cb.inboundSpi);
    EXPECT_EQ(cb.outboundSpi, ca.inboundSpi);
    EXPECT_EQ(Hex(ca.outbound.encryptionKey), Hex(cb.inbound.encryptionKey));
    EXPECT_EQ(Hex(ca.inbound.encryptionKey), Hex(cb.outbound.encryptionKey));
    EXPECT_NE(Hex(ca.inbound.encryptionKey), Hex(ca.outbound.encryptionKey));
}

} // namespace

TEST(Ikev2ExchangesTest, InitiatorRekeysTheChildSaWithoutPfsAndDeletesTheOldOne)
{
    Established e;
    const Ikev2ChildSa old = e.a->GetContext().children[0];
    const auto wire = Converse(*e.a, *e.b, e.a->RekeyChild(old.inboundSpi));
    ASSERT_EQ(wire.size(), 4u);
    EXPECT_EQ(e.la.lines,
              (std::vector<std::string>{
                  "> CREATE_CHILD_SA request 2 [ N(REKEY_SA) SA No TSi TSr ]",
                  "< CREATE_CHILD_SA response 2 [ SA No TSi TSr ]",
                  "> INFORMATIONAL request 3 [ D(CHILD) ]",
                  "< INFORMATIONAL response 3 [ D(CHILD) ]",
              }));
    // The new CHILD SA is up on both ends before the old one goes (make-before-break).
    EXPECT_EQ(Events(*e.a),
              (std::vector<std::string>{"REKEYED local c0000002 replaces c0000001",
                                        "DOWN local c0000001"}));
    EXPECT_EQ(Events(*e.b),
              (std::vector<std::string>{"REKEYED remote d0000002 replaces d0000001",
                                        "DOWN remote d0000001"}));
    ExpectMatchingChild(*e.a, *e.b);
    const Ikev2ChildSa& now = e.a->GetContext().children[0];
    EXPECT_NE(Hex(now.outbound.encryptionKey), Hex(old.outbound.encryptionKey));
    EXPECT_EQ(now.keGroup, 0u);
    EXPECT_EQ(now.localTs, old.localTs);
    EXPECT_EQ(e.a->GetState(), Ikev2SaState::ESTABLISHED);
    EXPECT_FALSE(e.a->IsBusy());
}

TEST(Ikev2ExchangesTest, ResponderRekeysWithPfsAndItsKeysComeFirst)
{
    // PFS: both ends want modp2048 in CREATE_CHILD_SA (IKE_AUTH's first CHILD SA has none).
    Established e("aes128gcm16-modp2048", "aes128gcm16-modp2048");
    MessageLog lb;
    lb.Watch(*e.b);
    const uint32_t old = e.b->GetContext().children[0].inboundSpi;
    const auto wire = Converse(*e.b, *e.a, e.b->RekeyChild(old));
    ASSERT_EQ(wire.size(), 4u);
    EXPECT_EQ(lb.lines[0], "> CREATE_CHILD_SA request 0 [ N(REKEY_SA) SA No KE TSi TSr ]");
    EXPECT_EQ(lb.lines[1], "< CREATE_CHILD_SA response 0 [ SA No KE TSi TSr ]");
    EXPECT_EQ(Events(*e.b),
              (std::vector<std::string>{"REKEYED local d0000002 replaces d0000001",
                                        "DOWN local d0000001"}));
    ExpectMatchingChild(*e.a, *e.b);
    EXPECT_EQ(e.b->GetContext().children[0].keGroup, 14u);
    EXPECT_EQ(e.a->GetContext().children[0].proposal.ToString(), "aes128gcm16-modp2048");
}

TEST(Ikev2ExchangesTest, InvalidKePayloadStartsANewExchangeWithTheResponderGroup)
{
    Established e("aes128gcm16-modp2048-ecp256", "aes128gcm16-ecp256");
    const uint32_t old = e.a->GetContext().children[0].inboundSpi;
    Converse(*e.a, *e.b, e.a->RekeyChild(old));
    ASSERT_GE(e.la.lines.size(), 4u);
    EXPECT_EQ(e.la.lines[0], "> CREATE_CHILD_SA request 2 [ N(REKEY_SA) SA No KE TSi TSr ]");
    EXPECT_EQ(e.la.lines[1], "< CREATE_CHILD_SA response 2 [ N(INVAL_KE) ]");
    EXPECT_EQ(e.la.lines[2], "> CREATE_CHILD_SA request 3 [ N(REKEY_SA) SA No KE TSi TSr ]");
    EXPECT_EQ(e.la.lines[3], "< CREATE_CHILD_SA response 3 [ SA No KE TSi TSr ]");
    ExpectMatchingChild(*e.a, *e.b);
    EXPECT_EQ(e.a->GetContext().children[0].keGroup, 19u);
}

TEST(Ikev2ExchangesTest, RekeyOfAnUnknownChildSaIsChildSaNotFound)
{
    Established e;
    // The responder deletes the CHILD SA first; the initiator's later rekey names a SPI the
    // responder no longer knows.
    Ikev2ChildSa gone = e.a->GetContext().children[0];
    Converse(*e.b, *e.a, e.b->DeleteChild(e.b->GetContext().children[0].inboundSpi));
    EXPECT_TRUE(e.a->GetContext().children.empty());
    EXPECT_TRUE(e.a->RekeyChild(gone.inboundSpi).empty()) << "nothing to rekey on this end";
    // A request crafted as if it still had it: the responder answers CHILD_SA_NOT_FOUND.
    e.la.lines.clear();
    Ikev2SaContext& ctx = const_cast<Ikev2SaContext&>(e.a->GetContext());
    ctx.children.push_back(gone);
    Converse(*e.a, *e.b, e.a->RekeyChild(gone.inboundSpi));
    ASSERT_EQ(e.la.lines.size(), 2u);
    EXPECT_EQ(e.la.lines[1], "< CREATE_CHILD_SA response 2 [ N(CHILD_SA_NOT_FOUND) ]");
    EXPECT_EQ(e.a->GetState(), Ikev2SaState::ESTABLISHED);
}

TEST(Ikev2ExchangesTest, ANewChildSaInCreateChildSa)
{
    Established e;
    IkeChildConfig extra = e.c.a.children[0];
    extra.name = "extra";
    Converse(*e.a, *e.b, e.a->Queue(std::make_unique<Ikev2ChildCreateTask>(extra, nullptr)));
    EXPECT_EQ(e.la.lines[0], "> CREATE_CHILD_SA request 2 [ SA No TSi TSr ]");
    EXPECT_EQ(Events(*e.a), (std::vector<std::string>{"UP c0000002"}));
    EXPECT_EQ(Events(*e.b), (std::vector<std::string>{"UP d0000002"}));
    EXPECT_EQ(e.a->GetContext().children.size(), 2u);
    EXPECT_EQ(e.b->GetContext().children.size(), 2u);
}

TEST(Ikev2ExchangesTest, DeletingTheIkeSaTakesItsChildSas)
{
    Established e;
    Converse(*e.a, *e.b, e.a->Delete());
    EXPECT_EQ(e.la.lines,
              (std::vector<std::string>{"> INFORMATIONAL request 2 [ D(IKE) ]",
                                        "< INFORMATIONAL response 2 [ ]"}));
    EXPECT_EQ(e.a->GetState(), Ikev2SaState::DELETED);
    EXPECT_EQ(e.b->GetState(), Ikev2SaState::DELETED);
    EXPECT_EQ(Events(*e.b), (std::vector<std::string>{"DOWN remote d0000001"}));
    EXPECT_TRUE(e.b->GetContext().children.empty());
    // Nothing more is accepted or sent on a deleted IKE SA.
    EXPECT_TRUE(e.a->CheckLiveness().empty());
}

TEST(Ikev2ExchangesTest, DeadPeerDetectionIsAnEmptyExchangeEitherWay)
{
    Established e;
    Converse(*e.a, *e.b, e.a->CheckLiveness());
    EXPECT_EQ(e.la.lines,
              (std::vector<std::string>{"> INFORMATIONAL request 2 [ ]",
                                        "< INFORMATIONAL response 2 [ ]"}));
    MessageLog lb;
    lb.Watch(*e.b);
    Converse(*e.b, *e.a, e.b->CheckLiveness());
    EXPECT_EQ(lb.lines,
              (std::vector<std::string>{"> INFORMATIONAL request 0 [ ]",
                                        "< INFORMATIONAL response 0 [ ]"}));
    EXPECT_EQ(e.a->GetState(), Ikev2SaState::ESTABLISHED);
    EXPECT_EQ(e.b->GetState(), Ikev2SaState::ESTABLISHED);
    EXPECT_EQ(e.a->GetContext().children.size(), 1u);
}

TEST(Ikev2ExchangesTest, RequestsQueueBehindTheOutstandingOne)
{
    Established e;
    const uint32_t spi = e.a->GetContext().children[0].inboundSpi;
    const std::vector<uint8_t> first = e.a->CheckLiveness();
    EXPECT_FALSE(first.empty());
    EXPECT_TRUE(e.a->RekeyChild(spi).empty()) << "window 1: waits for the DPD response";
    EXPECT_TRUE(e.a->IsBusy());
    Converse(*e.a, *e.b, first);
    EXPECT_EQ(e.la.lines.size(), 6u); // DPD, then the rekey, then the delete
    EXPECT_EQ(e.la.lines[2], "> CREATE_CHILD_SA request 3 [ N(REKEY_SA) SA No TSi TSr ]");
    ExpectMatchingChild(*e.a, *e.b);
}

TEST(Ikev2ExchangesTest, IkeSaRekeyMovesTheChildSasAndDeletesTheOldIkeSa)
{
    Established e;
    MessageLog lb;
    lb.Watch(*e.b);
    const Ikev2SaContext& old = e.a->GetContext();
    const std::vector<uint8_t> oldSkD = old.keys.skD;
    Converse(*e.a, *e.b, e.a->RekeyIke());
    EXPECT_EQ(e.la.lines,
              (std::vector<std::string>{"> CREATE_CHILD_SA request 2 [ SA No KE ]",
                                        "< CREATE_CHILD_SA response 2 [ SA No KE ]",
                                        "> INFORMATIONAL request 3 [ D(IKE) ]",
                                        "< INFORMATIONAL response 3 [ ]"}));
    // The old IKE SA is gone on both ends, without its CHILD SAs: they moved.
    EXPECT_EQ(e.a->GetState(), Ikev2SaState::DELETED);
    EXPECT_EQ(e.b->GetState(), Ikev2SaState::DELETED);
    EXPECT_TRUE(Events(*e.a).empty());
    EXPECT_TRUE(Events(*e.b).empty());
    std::unique_ptr<Ikev2Sa> na = e.a->TakeSuccessor();
    std::unique_ptr<Ikev2Sa> nb = e.b->TakeSuccessor();
    ASSERT_TRUE(na && nb);
    EXPECT_EQ(na->GetState(), Ikev2SaState::ESTABLISHED);
    EXPECT_TRUE(na->GetContext().initiator);
    EXPECT_FALSE(nb->GetContext().initiator);
    EXPECT_EQ(na->GetContext().spiI, nb->GetContext().spiI);
    EXPECT_EQ(na->GetContext().spiR, nb->GetContext().spiR);
    EXPECT_NE(na->GetContext().spiI, old.spiI);
    EXPECT_EQ(Hex(na->GetContext().keys.skD), Hex(nb->GetContext().keys.skD));
    EXPECT_NE(Hex(na->GetContext().keys.skD), Hex(oldSkD));
    ExpectMatchingChild(*na, *nb);
    // The new IKE SA starts its message IDs at 0 and carries on with the CHILD SA.
    MessageLog ln;
    ln.Watch(*na);
    Converse(*na, *nb, na->RekeyChild(na->GetContext().children[0].inboundSpi));
    ASSERT_EQ(ln.lines.size(), 4u);
    EXPECT_EQ(ln.lines[0], "> CREATE_CHILD_SA request 0 [ N(REKEY_SA) SA No TSi TSr ]");
    ExpectMatchingChild(*na, *nb);
}

TEST(Ikev2ExchangesTest, TheResponderMayRekeyTheIkeSaAndBecomesItsInitiator)
{
    Established e;
    Converse(*e.b, *e.a, e.b->RekeyIke());
    std::unique_ptr<Ikev2Sa> na = e.a->TakeSuccessor();
    std::unique_ptr<Ikev2Sa> nb = e.b->TakeSuccessor();
    ASSERT_TRUE(na && nb);
    EXPECT_TRUE(nb->GetContext().initiator) << "§2.18: the rekey's initiator";
    EXPECT_FALSE(na->GetContext().initiator);
    EXPECT_EQ(Hex(na->GetContext().keys.skEi), Hex(nb->GetContext().keys.skEi));
    // A message of the new IKE SA opens with the new keys at the other end.
    Converse(*na, *nb, na->CheckLiveness());
    EXPECT_EQ(na->GetState(), Ikev2SaState::ESTABLISHED);
    EXPECT_EQ(nb->GetDropReason(), "");
}

namespace
{

/// Deliver each end's requests to the other until neither has anything to send.
void
Drain(Ikev2Sa& a, Ikev2Sa& b, std::vector<uint8_t> nextA, std::vector<uint8_t> nextB)
{
    for (int i = 0; i < 20 && (!nextA.empty() || !nextB.empty()); i++)
    {
        if (!nextA.empty())
        {
            const auto response = b.Receive(nextA);
            nextA = a.Receive(response);
        }
        if (!nextB.empty())
        {
            const auto response = a.Receive(nextB);
            nextB = b.Receive(response);
        }
        nextA = nextA.empty() ? a.SendQueued() : nextA;
        nextB = nextB.empty() ? b.SendQueued() : nextB;
    }
}

} // namespace

TEST(Ikev2ExchangesTest, ChildSaRekeyCollisionLeavesOneChildSaOnBothEnds)
{
    // Several seeds: the lowest nonce falls on either exchange.
    int aWins = 0;
    int bWins = 0;
    for (uint32_t seed = 1; seed <= 6; seed++)
    {
        Pair c = Configs();
        Ikev2Sa a(true, c.a, Sources(seed, 0xc0000001));
        Ikev2Sa b(false, c.b, Sources(seed + 100, 0xd0000001));
        Exchange(a, b);
        a.TakeEvents();
        b.TakeEvents();
        const uint32_t oldA = a.GetContext().children[0].inboundSpi;
        // Both rekey the CHILD SA at once; each request reaches the other while its own is
        // outstanding (§2.8.1).
        const auto reqA = a.RekeyChild(oldA);
        const auto reqB = b.RekeyChild(b.GetContext().children[0].inboundSpi);
        const auto respToA = b.Receive(reqA);
        const auto respToB = a.Receive(reqB);
        ASSERT_FALSE(respToA.empty());
        ASSERT_FALSE(respToB.empty());
        Drain(a, b, a.Receive(respToA), b.Receive(respToB));
        ASSERT_EQ(a.GetContext().children.size(), 1u) << seed;
        ASSERT_EQ(b.GetContext().children.size(), 1u) << seed;
        ExpectMatchingChild(a, b);
        const Ikev2ChildSa& survivor = a.GetContext().children[0];
        EXPECT_NE(survivor.inboundSpi, oldA);
        EXPECT_EQ(survivor.rekeyOf, oldA);
        (survivor.local ? aWins : bWins)++;
        EXPECT_FALSE(a.IsBusy());
        EXPECT_FALSE(b.IsBusy());
    }
    EXPECT_GT(aWins, 0) << "the seeds should let each end's rekey survive once";
    EXPECT_GT(bWins, 0);
}

TEST(Ikev2ExchangesTest, IkeSaRekeyCollisionKeepsOneNewIkeSaWithTheChildSas)
{
    int aWins = 0;
    int bWins = 0;
    for (uint32_t seed = 1; seed <= 16; seed++)
    {
        Pair c = Configs();
        Ikev2Sa a(true, c.a, Sources(seed, 0xc0000001));
        Ikev2Sa b(false, c.b, Sources(seed + 100, 0xd0000001));
        Exchange(a, b);
        const auto reqA = a.RekeyIke();
        const auto reqB = b.RekeyIke();
        const auto respToA = b.Receive(reqA);
        const auto respToB = a.Receive(reqB);
        auto nextA = a.Receive(respToA);
        auto nextB = b.Receive(respToB);
        // Each end has the winner as successor and the other new IKE SA aside.
        std::unique_ptr<Ikev2Sa> na = a.TakeSuccessor();
        std::unique_ptr<Ikev2Sa> nb = b.TakeSuccessor();
        ASSERT_TRUE(na && nb) << seed;
        EXPECT_EQ(na->GetContext().spiI, nb->GetContext().spiI) << "the same winner";
        ExpectMatchingChild(*na, *nb);
        auto oa = a.TakeOtherIkeSas();
        auto ob = b.TakeOtherIkeSas();
        ASSERT_EQ(oa.size(), 1u);
        ASSERT_EQ(ob.size(), 1u);
        EXPECT_NE(oa[0].second, ob[0].second) << "exactly one end deletes the redundant one";
        EXPECT_TRUE(oa[0].first->GetContext().children.empty());
        // The redundant one's maker deletes it; the winner's initiator deletes the old one.
        Ikev2Sa& redundantMaker = oa[0].second ? *oa[0].first : *ob[0].first;
        Ikev2Sa& redundantPeer = oa[0].second ? *ob[0].first : *oa[0].first;
        Converse(redundantMaker, redundantPeer, redundantMaker.Delete());
        EXPECT_EQ(redundantMaker.GetState(), Ikev2SaState::DELETED);
        EXPECT_EQ(redundantPeer.GetState(), Ikev2SaState::DELETED);
        Drain(a, b, nextA, nextB);
        EXPECT_EQ(a.GetState(), Ikev2SaState::DELETED) << seed;
        EXPECT_EQ(b.GetState(), Ikev2SaState::DELETED) << seed;
        (na->GetContext().initiator ? aWins : bWins)++;
        // The winner works: a CHILD SA rekey on it.
        Converse(*na, *nb, na->RekeyChild(na->GetContext().children[0].inboundSpi));
        ExpectMatchingChild(*na, *nb);
    }
    EXPECT_GT(aWins, 0);
    EXPECT_GT(bWins, 0);
}

TEST(Ikev2ExchangesTest, ARekeyedIkeSaRefusesAnotherRekeyWithTemporaryFailure)
{
    Established e;
    MessageLog lb;
    lb.Watch(*e.b);
    const auto resp = e.b->Receive(e.a->RekeyIke());
    e.a->Receive(resp); // a made the successor and queued the old IKE SA's delete
    // b rekeys the old IKE SA too, late: a answers TEMPORARY_FAILURE (§2.25.2).
    const auto late = e.b->RekeyIke();
    ASSERT_FALSE(late.empty());
    e.b->Receive(e.a->Receive(late));
    ASSERT_GE(lb.lines.size(), 2u);
    EXPECT_EQ(lb.lines.back(), "< CREATE_CHILD_SA response 0 [ N(TEMPORARY_FAILURE) ]");
    EXPECT_FALSE(e.b->TakeOtherIkeSas().size() > 0);
}

TEST(Ikev2ExchangesTest, WorkQueuedForTheChildSasMovesWithThemToTheRekeyedIkeSa)
{
    Established e;
    MessageLog lb;
    lb.Watch(*e.b);
    const uint32_t old = e.b->GetContext().children[0].inboundSpi;
    const auto rekeyChild = e.b->RekeyChild(old);
    EXPECT_TRUE(e.b->RekeyIke().empty()) << "queued behind the CHILD SA rekey";
    // The CHILD SA rekey completes; the IKE SA rekey goes before the old CHILD SA's delete.
    const auto rekeyIke = e.b->Receive(e.a->Receive(rekeyChild));
    ASSERT_FALSE(rekeyIke.empty());
    const auto deleteOldIke = e.b->Receive(e.a->Receive(rekeyIke));
    std::unique_ptr<Ikev2Sa> na = e.a->TakeSuccessor();
    std::unique_ptr<Ikev2Sa> nb = e.b->TakeSuccessor();
    ASSERT_TRUE(na && nb);
    Converse(*e.b, *e.a, deleteOldIke);
    EXPECT_EQ(e.a->GetState(), Ikev2SaState::DELETED);
    // Both CHILD SAs moved; the old one's delete goes on the new IKE SA.
    EXPECT_EQ(na->GetContext().children.size(), 2u);
    MessageLog ln;
    ln.Watch(*nb);
    Converse(*nb, *na, nb->SendQueued());
    ASSERT_EQ(ln.lines.size(), 2u);
    EXPECT_EQ(ln.lines[0], "> INFORMATIONAL request 0 [ D(CHILD) ]");
    ExpectMatchingChild(*na, *nb);
    EXPECT_NE(nb->GetContext().children[0].inboundSpi, old);
}
