// SPDX-License-Identifier: GPL-2.0-only
// IKE and CHILD proposals on the wire: strongSwan's SA payloads (test/data/ikev2) read into
// the proposal model give the proposals its swanctl.conf configured, and our substructures for
// those proposals are strongSwan's, transform for transform (ENCR, INTEG, PRF, KE, ESN order);
// unknown transforms and attributes are skipped, unknown groups kept.

#include "ikev2-fixture-util.h"
#include "ipsec-test-util.h"

#include "ns3/ikev2-proposal-codec.h"

#include <gtest/gtest.h>

using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

/// The SA payloads of a capture's IKE_SA_INIT request and IKE_AUTH request (decrypted).
std::pair<Ikev2SaPayload, Ikev2SaPayload>
RequestSas(const std::string& fixture)
{
    const Ikev2FixtureExchange x = FindIkev2Exchange(fixture);
    const auto* ike = x.initMessage[0].Get<Ikev2SaPayload>(ikev2::PAYLOAD_SA);
    const Ikev2SaPayload* child = nullptr;
    for (const auto& p : x.auth[0])
    {
        if (const auto* sa = std::get_if<Ikev2SaPayload>(&p.body))
        {
            child = sa;
        }
    }
    EXPECT_TRUE(ike && child) << fixture;
    return {ike ? *ike : Ikev2SaPayload{}, child ? *child : Ikev2SaPayload{}};
}

} // namespace

TEST(Ikev2ProposalCodecTest, StrongSwanProposalsReadAndWriteTheSame)
{
    struct Case
    {
        const char* fixture; ///< capture
        const char* ike;     ///< its swanctl.conf proposals, as our canonical text
        const char* esp;     ///< its esp_proposals
    };

    for (const Case& c : {Case{"01-psk-aes128-sha256-modp2048",
                               "aes128-sha256-prfsha256-modp2048",
                               "aes128-sha256"},
                          Case{"02-psk-aes256gcm16-prfsha384-ecp384",
                               "aes256gcm16-prfsha384-ecp384",
                               "aes256gcm16"},
                          Case{"02b-psk-aes256-sha512-curve25519",
                               "aes256-sha512-prfsha512-curve25519",
                               "aes128gcm16"}})
    {
        SCOPED_TRACE(c.fixture);
        const auto [ikeSa, childSa] = RequestSas(c.fixture);
        const auto ike = FromIkev2IkeProposals(ikeSa);
        ASSERT_EQ(ike.size(), 1u);
        EXPECT_EQ(ike[0].ToString(), c.ike);
        EXPECT_EQ(ike[0], IkeProposal::Parse(c.ike));
        EXPECT_EQ(ToIkev2(IkeProposal::Parse(c.ike)).transforms, ikeSa.proposals[0].transforms);

        std::vector<uint32_t> spis;
        const auto child = FromIkev2ChildProposals(childSa, spis);
        ASSERT_EQ(child.size(), 1u);
        EXPECT_EQ(child[0].ToString(), c.esp);
        ASSERT_EQ(spis.size(), 1u);
        const Ikev2Proposal ours = ToIkev2(ChildProposal::Parse(c.esp), spis[0]);
        EXPECT_EQ(ours.spi, childSa.proposals[0].spi);
        EXPECT_EQ(ours.protocolId, ikev2::PROTOCOL_ESP);
        EXPECT_EQ(ours.transforms, childSa.proposals[0].transforms);
    }
}

TEST(Ikev2ProposalCodecTest, UnknownTransformsAndAttributes)
{
    Ikev2SaPayload sa;
    Ikev2Proposal p;
    p.number = 2;
    p.transforms = {{TransformType::ENCR, 12, 128},
                    {TransformType::ENCR, 999, 0},        // unknown cipher: skipped
                    {TransformType::ENCR, 12, 256, true}, // unknown attribute: skipped
                    {TransformType::INTEG, 12, 0},
                    {TransformType::PRF, 5, 0},
                    {TransformType::KE, 14, 0},
                    {TransformType::KE, 1234, 0}}; // unknown group: kept
    sa.proposals = {p};
    Ikev2Proposal esp;
    esp.protocolId = ikev2::PROTOCOL_AH; // skipped by the IKE reader
    sa.proposals.push_back(esp);
    const auto ike = FromIkev2IkeProposals(sa);
    ASSERT_EQ(ike.size(), 1u);
    EXPECT_EQ(ike[0].number, 2);
    ASSERT_EQ(ike[0].encryption.size(), 1u);
    EXPECT_EQ(ike[0].encryption[0]->keyword, std::string("aes128"));
    EXPECT_EQ(ike[0].keyExchange, (std::vector<uint16_t>{14, 1234}));
    std::vector<uint32_t> spis;
    const auto child = FromIkev2ChildProposals(sa, spis);
    ASSERT_EQ(child.size(), 1u);
    EXPECT_EQ(child[0].protocol, IpsecProtocol::AH);
    EXPECT_EQ(spis[0], 0u); // no 4-byte SPI
    // ESN choices both ways, and a KE "none" for optional PFS.
    const ChildProposal pfs = ChildProposal::Parse("aes128gcm16-ecp256-none-esn-noesn");
    const Ikev2Proposal wire = ToIkev2(pfs, 0x01020304);
    EXPECT_EQ(Hex(wire.spi), "01020304");
    Ikev2SaPayload back;
    back.proposals = {wire};
    const auto parsed = FromIkev2ChildProposals(back, spis);
    ASSERT_EQ(parsed.size(), 1u);
    EXPECT_EQ(parsed[0], pfs);
    EXPECT_EQ(spis[0], 0x01020304u);
}
