// SPDX-License-Identifier: GPL-2.0-only
// Choosing among IKEv2 proposals (model/ike-proposal-selection): RFC 7296 §2.7 and §3.3.6 for
// the responder, the initiator's check of the answer, KE payload groups (§1.2, §3.10.1).

#include "ns3/ike-proposal-selection.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace ipsec
{
namespace
{

bool
Contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

std::vector<IkeProposal>
Ike(const std::string& text)
{
    return ParseIkeProposals(text);
}

std::vector<ChildProposal>
Esp(const std::string& text)
{
    return ParseChildProposals(text, IpsecProtocol::ESP);
}

std::vector<ChildProposal>
Ah(const std::string& text)
{
    return ParseChildProposals(text, IpsecProtocol::AH);
}

ProposalSelectionOptions
Prefer(ProposalPreference preference, uint16_t peerKeGroup = KE_NONE)
{
    ProposalSelectionOptions options;
    options.preference = preference;
    options.peerKeGroup = peerKeGroup;
    return options;
}

TEST(ProposalSelection, FirstAcceptableInitiatorProposalWins)
{
    // We accept the initiator's 2nd and 3rd proposals, not its 1st: the 2nd is chosen and keeps
    // its number (RFC 7296 §3.3.1), with one transform of each type (§2.7).
    const auto offered = Ike("aes256-sha512-modp4096,"
                             "aes128-aes256-sha1-sha256-ecp256-modp3072,"
                             "aes128gcm16-prfsha256-ecp256");
    const auto ours = Ike("aes128gcm16-prfsha256-ecp256,aes256-aes128-sha256-sha1-modp3072-ecp256");
    const auto result = SelectProposal(ours, offered);
    ASSERT_TRUE(result.IsChosen()) << result.reason;
    EXPECT_EQ(result.status, ProposalStatus::CHOSEN);
    const IkeProposal& chosen = result.proposal;
    EXPECT_EQ(chosen.number, 2);
    EXPECT_TRUE(chosen.IsSingleChoice());
    // Within it, the initiator's order: aes128 before aes256, sha1 before sha256, ecp256 first.
    EXPECT_EQ(chosen.ToString(), "aes128-sha1-prfsha1-ecp256");
    EXPECT_EQ(chosen.encryption.front()->id, 12);
    EXPECT_EQ(chosen.encryption.front()->keyLengthBits, 128);
    EXPECT_EQ(chosen.keyExchange, std::vector<uint16_t>{19});
    EXPECT_TRUE(result.reason.empty());
}

TEST(ProposalSelection, OursPreferenceIsStrongSwansDefault)
{
    const auto offered = Ike("aes256-sha512-modp4096,"
                             "aes128-aes256-sha1-sha256-ecp256-modp3072,"
                             "aes128gcm16-prfsha256-ecp256");
    const auto ours = Ike("aes128gcm16-prfsha256-ecp256,aes256-aes128-sha256-sha1-modp3072-ecp256");
    const auto result = SelectProposal(ours, offered, Prefer(ProposalPreference::OURS));
    ASSERT_TRUE(result.IsChosen()) << result.reason;
    // Our first proposal matches the initiator's third; its number is still the initiator's.
    EXPECT_EQ(result.proposal.number, 3);
    EXPECT_EQ(result.proposal.ToString(), "aes128gcm16-prfsha256-ecp256");

    // Our second proposal against the initiator's second: our transform order.
    const auto second = SelectProposal(Ike("aes256-aes128-sha256-sha1-modp3072-ecp256"),
                                       offered,
                                       Prefer(ProposalPreference::OURS));
    ASSERT_TRUE(second.IsChosen());
    EXPECT_EQ(second.proposal.number, 2);
    EXPECT_EQ(second.proposal.ToString(), "aes256-sha256-prfsha256-modp3072");
}

TEST(ProposalSelection, NoCommonProposal)
{
    const auto result =
        SelectProposal(Ike("aes256-sha256-modp3072"),
                       Ike("aes128-sha256-modp3072,aes256-sha1-modp3072,"
                           "aes256-sha256-modp2048,aes128gcm16-prfsha256-modp3072"));
    EXPECT_FALSE(result.IsChosen());
    EXPECT_EQ(result.status, ProposalStatus::NO_PROPOSAL_CHOSEN);
    EXPECT_STREQ(GetProposalStatusName(result.status), "NO_PROPOSAL_CHOSEN");
    EXPECT_TRUE(Contains(result.reason,
                         "offered 1 \"aes128-sha256-prfsha256-modp3072\" against ours 1 "
                         "\"aes256-sha256-prfsha256-modp3072\": no common encryption algorithm "
                         "(ours: aes256; offered: aes128)"))
        << result.reason;
    EXPECT_TRUE(Contains(result.reason, "offered 2 ")) << result.reason;
    EXPECT_TRUE(
        Contains(result.reason, "no common integrity algorithm (ours: sha256; offered: sha1)"))
        << result.reason;
    EXPECT_TRUE(Contains(result.reason,
                         "no common key exchange method (ours: modp3072; offered: "
                         "modp2048)"))
        << result.reason;
    EXPECT_TRUE(Contains(result.reason, "offered 4 ")) << result.reason;
    EXPECT_TRUE(SelectProposal(Ike("aes128-sha256-modp2048"), {}).reason ==
                "the peer offered no proposal");
    EXPECT_FALSE(
        SelectProposal(std::vector<IkeProposal>{}, Ike("aes128-sha256-modp2048")).IsChosen());
}

TEST(ProposalSelection, PrfIsNegotiatedApartFromIntegrity)
{
    // Same cipher and integrity, different PRFs: no match.
    const auto none =
        SelectProposal(Ike("aes128-sha256-prfsha384-ecp256"), Ike("aes128-sha256-ecp256"));
    EXPECT_FALSE(none.IsChosen());
    EXPECT_TRUE(Contains(none.reason, "no common PRF (ours: prfsha384; offered: prfsha256)"));
    // An AEAD choice skips integrity even if the peer's (invalid) proposal lists some.
    IkeProposal odd = IkeProposal::Parse("aes128gcm16-prfsha256-ecp256");
    odd.integrity = {FindTransformByKeyword("sha1")};
    const auto aead = SelectProposal(Ike("aes128gcm16-prfsha256-ecp256"), {odd});
    ASSERT_TRUE(aead.IsChosen());
    EXPECT_TRUE(aead.proposal.integrity.empty());
}

TEST(ProposalSelection, KeyExchangeGroupOfThePeersKePayload)
{
    const auto ours = Ike("aes128-sha256-ecp256-modp3072");
    const auto offered = Ike("aes128-sha256-modp3072-ecp256-modp2048");
    // Without a hint the initiator's first acceptable group is chosen ...
    auto result = SelectProposal(ours, offered);
    ASSERT_TRUE(result.IsChosen());
    EXPECT_EQ(result.proposal.keyExchange, std::vector<uint16_t>{15});
    // ... and a KE payload of another group is answered with INVALID_KE_PAYLOAD(modp3072).
    KeGroupCheck check = CheckPeerKeGroup(result.proposal, 19);
    EXPECT_FALSE(check.acceptable);
    EXPECT_EQ(check.group, 15);
    check = CheckPeerKeGroup(result.proposal, 15);
    EXPECT_TRUE(check.acceptable);
    // With the KE payload's group as hint, an acceptable group is kept: no extra round trip.
    result = SelectProposal(ours, offered, Prefer(ProposalPreference::PEER, 19));
    ASSERT_TRUE(result.IsChosen());
    EXPECT_EQ(result.proposal.keyExchange, std::vector<uint16_t>{19});
    EXPECT_TRUE(CheckPeerKeGroup(result.proposal, 19).acceptable);
    // A group we do not accept (modp2048) changes nothing: INVALID_KE_PAYLOAD(modp3072).
    result = SelectProposal(ours, offered, Prefer(ProposalPreference::PEER, 14));
    ASSERT_TRUE(result.IsChosen());
    check = CheckPeerKeGroup(result.proposal, 14);
    EXPECT_FALSE(check.acceptable);
    EXPECT_EQ(check.group, 15);
    // strongSwan's default order picks our first group: the retry the charon.opt note warns of.
    result = SelectProposal(ours, offered, Prefer(ProposalPreference::OURS));
    EXPECT_EQ(result.proposal.keyExchange, std::vector<uint16_t>{19});
    EXPECT_FALSE(CheckPeerKeGroup(result.proposal, 15).acceptable);
}

TEST(ProposalSelection, ChildPfsFollowsStrongSwan)
{
    struct Case
    {
        const char* ours;
        const char* offered;
        bool chosen;
        uint16_t group;
    };

    const Case cases[] = {
        {"aes128gcm16", "aes128gcm16", true, KE_NONE},
        {"aes128gcm16-ecp256", "aes128gcm16-ecp256", true, 19},
        {"aes128gcm16-ecp256", "aes128gcm16", false, 0},                  // we require PFS
        {"aes128gcm16", "aes128gcm16-ecp256", false, 0},                  // the peer requires PFS
        {"aes128gcm16-ecp256-none", "aes128gcm16", true, KE_NONE},        // PFS optional for us
        {"aes128gcm16", "aes128gcm16-ecp256-none", true, KE_NONE},        // optional for the peer
        {"aes128gcm16-none-ecp256", "aes128gcm16-ecp256-none", true, 19}, // peer's order
        {"aes128gcm16-modp2048", "aes128gcm16-ecp256", false, 0},
        {"aes128gcm16-modp2048-ecp256", "aes128gcm16-ecp384-ecp256", true, 19},
    };
    for (const auto& c : cases)
    {
        const auto result = SelectProposal(Esp(c.ours), Esp(c.offered));
        EXPECT_EQ(result.IsChosen(), c.chosen) << c.ours << " / " << c.offered << result.reason;
        if (result.IsChosen())
        {
            EXPECT_EQ(result.proposal.GetKeGroup(), c.group) << c.ours << " / " << c.offered;
            EXPECT_TRUE(result.proposal.IsSingleChoice());
        }
    }
    EXPECT_TRUE(Contains(SelectProposal(Esp("aes128gcm16-ecp256"), Esp("aes128gcm16")).reason,
                         "we require PFS (ecp256) and the other side offers no key exchange"));
    // IKE_AUTH: key exchange is ignored on both sides, the CHILD SA gets no PFS.
    ProposalSelectionOptions authOptions;
    authOptions.ignoreKe = true;
    const auto auth = SelectProposal(Esp("aes128gcm16-ecp256"), Esp("aes128gcm16"), authOptions);
    ASSERT_TRUE(auth.IsChosen());
    EXPECT_TRUE(auth.proposal.keyExchange.empty());
}

TEST(ProposalSelection, ChildKePayloadCheck)
{
    const auto pfs =
        SelectProposal(Esp("aes128gcm16-ecp256-modp3072"), Esp("aes128gcm16-modp3072-ecp256"));
    ASSERT_TRUE(pfs.IsChosen());
    EXPECT_EQ(pfs.proposal.GetKeGroup(), 15);
    EXPECT_TRUE(CheckPeerKeGroup(pfs.proposal, 15).acceptable);
    const KeGroupCheck other = CheckPeerKeGroup(pfs.proposal, 19);
    EXPECT_FALSE(other.acceptable);
    EXPECT_EQ(other.group, 15);
    EXPECT_FALSE(CheckPeerKeGroup(pfs.proposal, KE_NONE).acceptable); // no KE payload sent
    // No PFS agreed: a KE payload is ignored (strongSwan: "agreed on a non-PFS proposal").
    const auto plain = SelectProposal(Esp("aes128gcm16-none"), Esp("aes128gcm16-ecp256-none"));
    ASSERT_TRUE(plain.IsChosen());
    const KeGroupCheck ignored = CheckPeerKeGroup(plain.proposal, 19);
    EXPECT_TRUE(ignored.acceptable);
    EXPECT_EQ(ignored.group, KE_NONE);
}

TEST(ProposalSelection, EsnAndAh)
{
    auto result = SelectProposal(Esp("aes128-sha256-esn-noesn"), Esp("aes128-sha256-noesn-esn"));
    ASSERT_TRUE(result.IsChosen());
    EXPECT_EQ(result.proposal.esn, std::vector<bool>{false}); // the initiator's first choice
    result = SelectProposal(Esp("aes128-sha256-esn-noesn"),
                            Esp("aes128-sha256-noesn-esn"),
                            Prefer(ProposalPreference::OURS));
    EXPECT_EQ(result.proposal.esn, std::vector<bool>{true});
    result = SelectProposal(Esp("aes128-sha256-esn"), Esp("aes128-sha256"));
    EXPECT_FALSE(result.IsChosen());
    EXPECT_TRUE(Contains(result.reason, "no common ESN choice (ours: esn; offered: noesn)"));

    result = SelectProposal(Ah("sha512-sha256-esn"), Ah("sha1-sha256-esn-noesn"));
    ASSERT_TRUE(result.IsChosen()) << result.reason;
    EXPECT_EQ(result.proposal.protocol, IpsecProtocol::AH);
    EXPECT_EQ(result.proposal.ToString(), "sha256-esn");
    EXPECT_TRUE(result.proposal.IsSingleChoice());
    result = SelectProposal(Ah("sha256"), Esp("aes128-sha256"));
    EXPECT_FALSE(result.IsChosen());
    EXPECT_TRUE(Contains(result.reason, "protocol mismatch (ours: ah; offered: esp)"));
    EXPECT_TRUE(result.proposal.integrity.empty());
}

TEST(ProposalSelection, InitiatorChecksTheAnswer)
{
    const auto ours = Ike("aes256-sha256-modp3072,aes128gcm16-aes256gcm16-prfsha256-ecp256");
    // What a responder picks passes the initiator's check.
    const auto picked = SelectProposal(Ike("aes256gcm16-prfsha256-ecp256"), ours);
    ASSERT_TRUE(picked.IsChosen());
    auto check = CheckChosenProposal(ours, {picked.proposal});
    ASSERT_TRUE(check.IsChosen()) << check.reason;
    EXPECT_EQ(check.proposal, picked.proposal);
    EXPECT_EQ(check.proposal.number, 2);

    IkeProposal answer = picked.proposal;
    answer.number = 1; // the transforms of proposal 2 under proposal 1's number
    check = CheckChosenProposal(ours, {answer});
    EXPECT_FALSE(check.IsChosen());
    EXPECT_TRUE(Contains(check.reason, "is not within our proposal 1")) << check.reason;
    answer.number = 3;
    EXPECT_TRUE(Contains(CheckChosenProposal(ours, {answer}).reason, "bears the number of none"));
    EXPECT_TRUE(Contains(CheckChosenProposal(ours, {}).reason, "the answer holds 0 proposals"));
    EXPECT_TRUE(Contains(CheckChosenProposal(ours, ours).reason, "the answer holds 2 proposals"));
    // An answer with alternatives left in is refused.
    EXPECT_TRUE(Contains(CheckChosenProposal(ours, {ours[1]}).reason,
                         "does not hold exactly one transform of each type"));
    // A group we did not offer for that proposal.
    answer = picked.proposal;
    answer.keyExchange = {15};
    EXPECT_TRUE(Contains(CheckChosenProposal(ours, {answer}).reason, "no common key exchange"));

    // CHILD SA: in IKE_AUTH our PFS groups were not sent, so the answer has none.
    const auto esp = Esp("aes128gcm16-ecp256,aes128-sha256-ecp256-esn");
    ChildProposal childAnswer = ChildProposal::Parse("aes128-sha256-esn");
    childAnswer.number = 2;
    EXPECT_FALSE(CheckChosenProposal(esp, {childAnswer}).IsChosen());
    const auto auth = CheckChosenProposal(esp, {childAnswer}, true);
    ASSERT_TRUE(auth.IsChosen()) << auth.reason;
    EXPECT_EQ(auth.proposal, childAnswer);
    childAnswer.keyExchange = {19};
    EXPECT_TRUE(CheckChosenProposal(esp, {childAnswer}).IsChosen());
    EXPECT_TRUE(Contains(CheckChosenProposal(esp, {childAnswer}, true).reason,
                         "transforms the proposal did not offer"));
    // An explicit NONE counts as no key exchange: refused where we require PFS, accepted where
    // it is optional.
    childAnswer.keyExchange = {KE_NONE};
    EXPECT_FALSE(CheckChosenProposal(esp, {childAnswer}).IsChosen());
    const auto optional =
        CheckChosenProposal(Esp("aes128gcm16,aes128-sha256-ecp256-none-esn"), {childAnswer});
    ASSERT_TRUE(optional.IsChosen()) << optional.reason;
    EXPECT_TRUE(optional.proposal.keyExchange.empty());
}

} // namespace
} // namespace ipsec
} // namespace ns3
