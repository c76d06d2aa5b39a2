// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IKE and CHILD proposals on the wire: the SA payload's proposal substructures (RFC 7296
 * §3.3), in strongSwan's transform order (ENCR, INTEG, PRF, KE, ESN).
 */
#ifndef IKEV2_PROPOSAL_CODEC_H
#define IKEV2_PROPOSAL_CODEC_H

#include "ike-proposal.h"
#include "ikev2-message.h"

#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @brief An IKE proposal as a proposal substructure.
 * @param proposal the proposal (its number is kept)
 * @param spi empty in IKE_SA_INIT, the new IKE SA's 8-byte SPI in an IKE SA rekey (§3.3.1)
 * @return the substructure
 */
Ikev2Proposal ToIkev2(const IkeProposal& proposal, const std::vector<uint8_t>& spi = {});

/**
 * @brief A CHILD proposal as a proposal substructure.
 * @param proposal the proposal (its number and protocol are kept)
 * @param spi the sender's inbound SPI (4 bytes, §3.3.1)
 * @return the substructure
 */
Ikev2Proposal ToIkev2(const ChildProposal& proposal, uint32_t spi);

/**
 * @brief The IKE proposals of an SA payload. Proposals for another protocol are skipped, and so
 * are transforms this module does not know or that carry unknown attributes (§3.3.6: a
 * responder ignores what it does not support); selection then refuses what lacks a type.
 * @param sa the SA payload
 * @return the proposals with their numbers
 */
std::vector<IkeProposal> FromIkev2IkeProposals(const Ikev2SaPayload& sa);

/**
 * @brief The CHILD proposals of an SA payload (ESP and AH), with the SPI of each.
 * @param sa the SA payload
 * @param spis set to each returned proposal's SPI (0 if not 4 bytes)
 * @return the proposals with their numbers and protocols
 */
std::vector<ChildProposal> FromIkev2ChildProposals(const Ikev2SaPayload& sa,
                                                   std::vector<uint32_t>& spis);

} // namespace ipsec
} // namespace ns3

#endif /* IKEV2_PROPOSAL_CODEC_H */
