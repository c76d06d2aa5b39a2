// SPDX-License-Identifier: GPL-2.0-only
// A responder's defences against half-open IKE SAs (issue 13): strongSwan's cookie (a known
// answer), IkeHalfOpenGuard's decisions, and a spoofed half-open flood against a gateway that
// takes any peer: without cookies its state grows with the flood and times out after
// HalfOpenTimeout; with cookies it stays at the threshold while a legitimate peer still
// connects, through a COOKIE round trip (RFC 7296 §2.6); one source alone is held to
// BlockThreshold.

#include "ipsec-scenario.h"
#include "ipsec-test-util.h"

#include "ns3/ike-daemon.h"
#include "ns3/ike-half-open-guard.h"
#include "ns3/ike-helper.h"
#include "ns3/ipsec-attacker-helper.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace ipsec
{
namespace test
{

TEST(IkeCookie, StrongSwansConstructionKnownAnswer)
{
    // COOKIE = t | SHA-1(IPi | SPIi | t | secret), fields in network byte order; the expected
    // value computed independently: python3 -c "import hashlib; print(hashlib.sha1(bytes.
    // fromhex('0a020101' '0102030405060708' '00000005') + bytes(range(1, 21))).hexdigest())"
    std::vector<uint8_t> secret(20);
    for (size_t i = 0; i < secret.size(); i++)
    {
        secret[i] = static_cast<uint8_t>(i + 1);
    }
    EXPECT_EQ(Hex(MakeIkeCookie(secret, 5, Ipv4Address("10.2.1.1"), 0x0102030405060708)),
              "00000005ca4473e1608f4966708577d1107eb4165835fb91");
}

TEST(IkeCookie, TheGuardAsksForCookiesFromItsThresholdsAndChecksThem)
{
    IkeHalfOpenGuard g;
    g.SetThresholds(3, 2, 4);
    uint8_t drawn = 0;
    g.SetSecretSource([&drawn]() { return std::vector<uint8_t>(16, ++drawn); });
    const Ipv4Address a("10.0.0.1");
    const Ipv4Address b("10.0.0.2");
    std::vector<uint8_t> cookie;
    const Time t0 = Seconds(100);
    EXPECT_EQ(g.Check(a, 1, {}, t0, cookie), IkeHalfOpenGuard::ACCEPT);
    g.Add(1, a);
    EXPECT_EQ(g.Check(a, 2, {}, t0, cookie), IkeHalfOpenGuard::ACCEPT);
    g.Add(2, a);
    // a has 2 half-open: CookieThresholdIp; b does not (yet).
    EXPECT_EQ(g.Check(a, 3, {}, t0, cookie), IkeHalfOpenGuard::SEND_COOKIE);
    EXPECT_EQ(cookie.size(), 24u);
    EXPECT_EQ(ReadU32(cookie.data()), 100u);
    EXPECT_EQ(g.Check(b, 9, {}, t0, cookie), IkeHalfOpenGuard::ACCEPT);
    g.Add(9, b);
    EXPECT_EQ(g.GetHalfOpen(), 3u);
    EXPECT_EQ(g.GetHalfOpenFrom(a), 2u);
    // 3 half-open: everyone needs one; the one it made for b's SPI 10 is valid for 10 s.
    std::vector<uint8_t> forB;
    ASSERT_EQ(g.Check(b, 10, {}, t0, forB), IkeHalfOpenGuard::SEND_COOKIE);
    std::vector<uint8_t> again;
    EXPECT_EQ(g.Check(b, 10, forB, t0 + Seconds(10), again), IkeHalfOpenGuard::ACCEPT);
    EXPECT_EQ(g.Check(b, 10, forB, t0 + Seconds(11), again), IkeHalfOpenGuard::SEND_COOKIE)
        << "too old";
    EXPECT_EQ(g.Check(b, 11, forB, t0, again), IkeHalfOpenGuard::SEND_COOKIE) << "another SPIi";
    EXPECT_EQ(g.Check(a, 10, forB, t0, again), IkeHalfOpenGuard::SEND_COOKIE) << "another IPi";
    std::vector<uint8_t> changed = forB;
    changed[10] ^= 1;
    EXPECT_EQ(g.Check(b, 10, changed, t0, again), IkeHalfOpenGuard::SEND_COOKIE);
    // Below the thresholds, cookies stay required for the calm-down delay.
    g.Remove(1);
    g.Remove(2);
    EXPECT_EQ(g.GetHalfOpen(), 1u);
    EXPECT_EQ(g.Check(b, 12, {}, t0 + Seconds(5), again), IkeHalfOpenGuard::SEND_COOKIE);
    EXPECT_EQ(g.Check(b, 12, {}, t0 + Seconds(10), again), IkeHalfOpenGuard::ACCEPT);
    EXPECT_EQ(drawn, 1) << "one secret so far, drawn at the first cookie (100 s)";
    // A secret serves COOKIE_SECRET_SWITCH (120 s) from its first use; the next cookie after
    // that switches it, and cookies of the old one still verify for their 10 s.
    g.Add(20, b); // b at CookieThresholdIp (2) again, below BlockThreshold (4)
    std::vector<uint8_t> late;
    ASSERT_EQ(g.Check(b, 30, {}, t0 + Seconds(115), late), IkeHalfOpenGuard::SEND_COOKIE);
    EXPECT_EQ(drawn, 1);
    std::vector<uint8_t> switched;
    ASSERT_EQ(g.Check(b, 31, {}, t0 + Seconds(121), switched), IkeHalfOpenGuard::SEND_COOKIE);
    EXPECT_EQ(drawn, 2) << "switched at 221 s, 121 s after the first use";
    std::vector<uint8_t> ignored;
    EXPECT_EQ(g.Check(b, 30, late, t0 + Seconds(122), ignored), IkeHalfOpenGuard::ACCEPT)
        << "made with the old secret, still verifies";
    EXPECT_EQ(g.Check(b, 31, switched, t0 + Seconds(122), ignored), IkeHalfOpenGuard::ACCEPT);
    std::vector<uint8_t> forged = switched;
    WriteU32(forged.data(), 100 + 216); // the new secret, claiming to be older than it
    EXPECT_EQ(g.Check(b, 31, forged, t0 + Seconds(122), ignored), IkeHalfOpenGuard::SEND_COOKIE);
    // BlockThreshold: 4 half-open from one source, with cookies off.
    IkeHalfOpenGuard block;
    block.SetThresholds(0, 0, 4);
    for (uint64_t spi = 1; spi <= 4; spi++)
    {
        ASSERT_EQ(block.Check(a, spi, {}, t0, again), IkeHalfOpenGuard::ACCEPT);
        block.Add(spi, a);
    }
    EXPECT_EQ(block.Check(a, 5, {}, t0, again), IkeHalfOpenGuard::BLOCK);
    EXPECT_EQ(block.Check(b, 5, {}, t0, again), IkeHalfOpenGuard::ACCEPT);
}

namespace
{

/// What gwA saw of its IKE messages, as "> IKE_SA_INIT request [ N(COOKIE) SA KE No ]".
struct Seen
{
    std::vector<std::string> messages;

    static void Message(Seen* s,
                        bool sent,
                        Ipv4Address,
                        const IkeHeader& h,
                        const std::vector<Ikev2Payload>& payloads)
    {
        if (h.exchangeType != ikev2::IKE_SA_INIT)
        {
            return;
        }
        std::string text =
            std::string(sent ? "> " : "< ") + (h.IsResponse() ? "response" : "request");
        for (const Ikev2Payload& p : payloads)
        {
            const auto* n = std::get_if<Ikev2NotifyPayload>(&p.body);
            text +=
                n ? (n->type == ikev2::COOKIE ? " N(COOKIE)" : " N") : " " + std::to_string(p.type);
        }
        s->messages.push_back(text);
    }
};

/// gwB answers any peer; gwA connects at 0.2 s; a flood of spoofed IKE_SA_INITs from the
/// router from 0 s, 1 ms apart.
struct FloodLab
{
    Chain c;
    IkeHelper ike;
    IpsecAttackerHelper attacker;
    Ptr<IkeDaemon> gwA;
    Ptr<IkeDaemon> gwB;
    Seen seen;

    FloodLab(uint32_t cookieThreshold, uint32_t floodCount, uint32_t sources = 65536)
    {
        ike.AssignStreams(300);
        attacker.AssignStreams(900);
        ike.SetDaemonAttribute("CookieThreshold", UintegerValue(cookieThreshold));
        ike.SetDaemonAttribute("CookieThresholdIp", UintegerValue(cookieThreshold == 0 ? 0 : 3));
        ike.AddTunnelEnd(c.gwB,
                         c.gwBWan,
                         AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24),
                         Ipv4Address::GetAny(),
                         AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                         IkeStartAction::NONE);
        ike.AddTunnelEnd(c.gwA,
                         c.gwAWan,
                         AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                         c.gwBWan,
                         AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24),
                         IkeStartAction::START);
        gwA = ike.GetDaemon(c.gwA);
        gwB = ike.GetDaemon(c.gwB);
        gwA->SetStartTime(Seconds(0.2));
        gwA->TraceConnectWithoutContext("Message", MakeBoundCallback(&Seen::Message, &seen));
        attacker.AddOnPath(c.router,
                           "ns3::ipsec::IkeFloodAttack",
                           "Target",
                           Ipv4AddressValue(c.gwBWan),
                           "Count",
                           UintegerValue(floodCount),
                           "SourceCount",
                           UintegerValue(sources));
    }
};

} // namespace

TEST(IkeCookie, WithoutCookiesAFloodFillsTheResponderUntilHalfOpenTimeout)
{
    FloodLab lab(0, 100);
    size_t atOneSecond = 0;
    Simulator::Schedule(Seconds(1), [&]() { atOneSecond = lab.gwB->GetHalfOpenCount(); });
    auto flow = SendUdp(lab.c.hostA, lab.c.hostB, lab.c.hostBAddr, 9, 10, 200);
    RunUntil(Seconds(40));
    EXPECT_EQ(atOneSecond, 100u) << "one half-open IKE SA (and one DH) per forged request";
    EXPECT_EQ(lab.gwB->GetCookiesSent(), 0u);
    EXPECT_EQ(lab.gwA->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    EXPECT_EQ(flow->received, 10u);
    EXPECT_EQ(lab.gwB->GetHalfOpenCount(), 0u) << "HalfOpenTimeout (30 s) removed them";
    EXPECT_EQ(lab.gwB->GetHalfOpenExpired(), 100u);
    EXPECT_EQ(lab.gwB->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    Simulator::Destroy();
}

TEST(IkeCookie, WithCookiesTheResponderStaysAtItsThresholdAndThePeerStillConnects)
{
    FloodLab lab(30, 100);
    size_t atOneSecond = 0;
    Simulator::Schedule(Seconds(1), [&]() { atOneSecond = lab.gwB->GetHalfOpenCount(); });
    auto flow = SendUdp(lab.c.hostA, lab.c.hostB, lab.c.hostBAddr, 9, 10, 200);
    RunUntil(Seconds(5));
    EXPECT_EQ(atOneSecond, 30u) << "no state beyond the threshold";
    // 70 forged requests and gwA's first got a cookie; the forgers never see theirs.
    EXPECT_EQ(lab.gwB->GetCookiesSent(), 71u);
    // §2.6: gwA retries with the cookie as the first payload, the others unchanged.
    const std::vector<std::string> expected = {"> request 33 34 40",
                                               "< response N(COOKIE)",
                                               "> request N(COOKIE) 33 34 40",
                                               "< response 33 34 40"};
    ASSERT_GE(lab.seen.messages.size(), 4u);
    EXPECT_EQ(std::vector<std::string>(lab.seen.messages.begin(), lab.seen.messages.begin() + 4),
              expected);
    EXPECT_EQ(lab.gwA->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    EXPECT_EQ(lab.gwB->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u);
    EXPECT_EQ(flow->received, 10u);
    Simulator::Destroy();
}

TEST(IkeCookie, OneSourceAloneIsHeldToTheBlockThreshold)
{
    // The flood from one address, cookies off: 5 half-open IKE SAs (strongSwan's
    // block_threshold), the other requests dropped as half-open-limit.
    FloodLab lab(0, 50, 1);
    RunUntil(Seconds(1));
    EXPECT_EQ(lab.gwB->GetHalfOpenCount(), 5u);
    EXPECT_EQ(lab.gwB->GetDropCount("half-open-limit"), 45u);
    EXPECT_EQ(lab.gwA->CountIkeSas(Ikev2SaState::ESTABLISHED), 1u) << "another source";
    Simulator::Destroy();
}

} // namespace test
} // namespace ipsec
} // namespace ns3
