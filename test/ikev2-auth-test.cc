// SPDX-License-Identifier: GPL-2.0-only
// IKEv2 shared-key authentication (RFC 7296 §2.15) against strongSwan: for each captured
// exchange, the signed octets built from the captured IKE_SA_INIT messages, the peer's nonce,
// SK_p and the ID payload are the octets charon logged, and AUTH is the value it computed
// (its own) and accepted (the peer's), for PRF_HMAC_SHA2_256/384/512.

#include "ikev2-fixture-util.h"
#include "ipsec-test-util.h"

#include "ns3/ikev2-auth.h"
#include "ns3/ipsec-crypto-factory.h"

#include <gtest/gtest.h>
#include <set>

using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

const Ikev2IdPayload*
IdOf(const std::vector<Ikev2Payload>& payloads, uint8_t type)
{
    for (const auto& p : payloads)
    {
        if (p.type == type)
        {
            return std::get_if<Ikev2IdPayload>(&p.body);
        }
    }
    return nullptr;
}

const Ikev2AuthPayload*
AuthOf(const std::vector<Ikev2Payload>& payloads)
{
    for (const auto& p : payloads)
    {
        if (const auto* a = std::get_if<Ikev2AuthPayload>(&p.body))
        {
            return a;
        }
    }
    return nullptr;
}

} // namespace

TEST(Ikev2AuthTest, SignedOctetsAndPskAuthMatchStrongSwan)
{
    size_t checked = 0;
    std::set<std::string> prfs;
    for (const std::string& name : Ikev2Fixtures())
    {
        SCOPED_TRACE(name);
        const Ikev2FixtureExchange x = FindIkev2Exchange(name);
        const auto values = ReadIkev2Derivations(name);
        const auto ownOctets =
            Ikev2Derivation(values, "octets_=_message_+_nonce_+_prf(Sk_px,_IDx')", 0);
        if (!x.complete || ownOctets.empty())
        {
            continue; // no IKE_AUTH (NO_PROPOSAL_CHOSEN) or the peer never answered AUTH
        }
        if (AuthOf(x.auth[0]) && AuthOf(x.auth[0])->method != ikev2::AUTH_SHARED_KEY)
        {
            continue; // 07*: certificates (test/ikev2-pubkey-test.cc)
        }
        const TransformInfo* prfInfo =
            Ikev2ChosenTransform(x.initMessage[1].Get<Ikev2SaPayload>(ikev2::PAYLOAD_SA),
                                 TransformType::PRF);
        ASSERT_NE(prfInfo, nullptr);
        prfs.insert(prfInfo->keyword);
        auto prf = CreatePrf(*prfInfo);
        const auto* ni = x.initMessage[0].Get<Ikev2NoncePayload>(ikev2::PAYLOAD_NONCE);
        const auto* nr = x.initMessage[1].Get<Ikev2NoncePayload>(ikev2::PAYLOAD_NONCE);
        ASSERT_TRUE(ni && nr);
        const auto* idi = IdOf(x.auth[0], ikev2::PAYLOAD_IDI);
        const auto* idr = IdOf(x.auth[1], ikev2::PAYLOAD_IDR);
        ASSERT_NE(idi, nullptr);
        const auto psk = Ikev2Derivation(values, "secret", 0);

        // The initiator's octets and AUTH (charon's first "octets" and "AUTH" lines).
        const auto octetsI = Ikev2SignedOctets(x.init[0],
                                               nr->data,
                                               *prf,
                                               Ikev2Derivation(values, "Sk_pi_secret"),
                                               *idi);
        EXPECT_EQ(Hex(octetsI), Hex(ownOctets));
        const auto authI = Ikev2PskAuth(*prf, psk, octetsI);
        EXPECT_EQ(Hex(authI),
                  Hex(Ikev2Derivation(values, "AUTH_=_prf(prf(secret,_keypad),_octets)", 0)));
        EXPECT_EQ(Hex(authI), Hex(AuthOf(x.auth[0])->data)); // what went on the wire
        // The intermediate key prf(PSK, "Key Pad for IKEv2").
        std::vector<uint8_t> padKey(prf->GetOutputSize());
        ASSERT_TRUE(prf->SetKey(psk));
        ASSERT_TRUE(prf->Compute({ByteSpan(reinterpret_cast<const uint8_t*>(IKEV2_KEY_PAD), 17)},
                                 padKey.data()));
        EXPECT_EQ(Hex(padKey), Hex(Ikev2Derivation(values, "prf(secret,_keypad)", 0)));

        checked++;
        // The responder's octets, and its AUTH (in the response) verifies. 05a's responder
        // refused the initiator's AUTH (wrong PSK) and sent N(AUTHENTICATION_FAILED) only.
        if (!idr)
        {
            EXPECT_EQ(name, "05a-fail-auth-wrong-psk");
            continue;
        }
        const auto octetsR = Ikev2SignedOctets(x.init[1],
                                               ni->data,
                                               *prf,
                                               Ikev2Derivation(values, "Sk_pr_secret"),
                                               *idr);
        EXPECT_EQ(Hex(octetsR),
                  Hex(Ikev2Derivation(values, "octets_=_message_+_nonce_+_prf(Sk_px,_IDx')", 1)));
        const auto* authR = AuthOf(x.auth[1]);
        ASSERT_NE(authR, nullptr);
        EXPECT_TRUE(Ikev2VerifyPskAuth(*prf, psk, octetsR, authR->data));
        std::vector<uint8_t> wrong = authR->data;
        wrong[0] ^= 1;
        EXPECT_FALSE(Ikev2VerifyPskAuth(*prf, psk, octetsR, wrong));
        EXPECT_FALSE(Ikev2VerifyPskAuth(*prf, std::vector<uint8_t>{1, 2, 3}, octetsR, authR->data));
    }
    EXPECT_EQ(checked, 9u); // every fixture but 05b (no IKE_AUTH)
    EXPECT_EQ(prfs, (std::set<std::string>{"prfsha256", "prfsha384", "prfsha512"}));
}
