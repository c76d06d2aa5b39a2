// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Choosing among IKEv2 proposals (RFC 7296 §2.7, §3.3.6): the responder picks one proposal and
 * one transform of each type, or answers NO_PROPOSAL_CHOSEN; the initiator checks the answer;
 * the responder checks the group of the peer's KE payload (INVALID_KE_PAYLOAD, §1.2, §3.10.1).
 *
 * Order of preference. RFC 7296 §3.3 has the initiator order its proposals "from most preferred
 * to least preferred" and leaves the choice to the responder. By default (PEER) the responder
 * takes the first of the initiator's proposals it accepts and, within it, the first of the
 * initiator's transforms of each type that it also allows: strongSwan's behaviour with
 * `prefer_configured_proposals = no` (proposal.c, PROPOSAL_PREFER_SUPPLIED). OURS is
 * strongSwan's default (`prefer_configured_proposals = yes`): the responder's own proposals and
 * transforms in its own order, which may cost an INVALID_KE_PAYLOAD round trip (charon.opt).
 */
#ifndef IKE_PROPOSAL_SELECTION_H
#define IKE_PROPOSAL_SELECTION_H

#include "ike-proposal.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief Whose order of preference decides among acceptable proposals and transforms.
 */
enum class ProposalPreference : uint8_t
{
    PEER, ///< the initiator's (the offered list's) order: RFC 7296 §3.3's reading, the default
    OURS, ///< our configured order, strongSwan's default (prefer_configured_proposals = yes)
};

/**
 * @ingroup ipsec
 * @brief How SelectProposal chooses.
 */
struct ProposalSelectionOptions
{
    ProposalPreference preference{ProposalPreference::PEER}; ///< whose order wins
    /// The group of the peer's KE payload, KE_NONE if it sent none: when the chosen proposal
    /// allows it on both sides it is taken, sparing an INVALID_KE_PAYLOAD (RFC 7296 §1.2)
    uint16_t peerKeGroup{KE_NONE};
    /// CHILD SAs created in IKE_AUTH: key exchange transforms are ignored on both sides and the
    /// CHILD SA gets no PFS (RFC 7296 §1.2: IKE_AUTH carries no KE payloads)
    bool ignoreKe{false};
};

/**
 * @ingroup ipsec
 * @brief The outcome of a selection or of a check of the responder's answer.
 */
enum class ProposalStatus : uint8_t
{
    CHOSEN,             ///< a proposal was accepted
    NO_PROPOSAL_CHOSEN, ///< none was (the responder answers with this notify, RFC 7296 §3.10.1)
};

/**
 * @brief A status's name.
 * @param status the status
 * @return "CHOSEN" or "NO_PROPOSAL_CHOSEN"
 */
const char* GetProposalStatusName(ProposalStatus status);

/**
 * @ingroup ipsec
 * @brief What SelectProposal or CheckChosenProposal found.
 * @tparam P IkeProposal or ChildProposal
 */
template <typename P>
struct ProposalSelection
{
    ProposalStatus status{ProposalStatus::NO_PROPOSAL_CHOSEN}; ///< chosen or not
    /// When CHOSEN: one transform of each type (P::IsSingleChoice()), numbered as the
    /// initiator numbered it (RFC 7296 §3.3.1)
    P proposal;
    /// When NO_PROPOSAL_CHOSEN: why each proposal was refused, for logs
    std::string reason;

    /**
     * @brief Whether a proposal was chosen.
     * @return status == CHOSEN
     */
    bool IsChosen() const
    {
        return status == ProposalStatus::CHOSEN;
    }
};

/**
 * @ingroup ipsec
 * @brief What to do with the group of the peer's KE payload (CheckPeerKeGroup).
 */
struct KeGroupCheck
{
    /// true: go on with the KE payload (or, when group is KE_NONE, ignore it: no PFS was
    /// agreed); false: answer INVALID_KE_PAYLOAD carrying group (RFC 7296 §1.2, §3.10.1)
    bool acceptable{false};
    uint16_t group{KE_NONE}; ///< the chosen proposal's key exchange method
};

/**
 * @brief As responder, choose among the IKE proposals of an IKE_SA_INIT or CREATE_CHILD_SA
 * (rekey) request (RFC 7296 §2.7, §3.3.6).
 * @param ours our configured proposals
 * @param offered the initiator's proposals, in its order
 * @param options preference order and the KE payload's group
 * @return the chosen proposal, or NO_PROPOSAL_CHOSEN and why
 */
ProposalSelection<IkeProposal> SelectProposal(const std::vector<IkeProposal>& ours,
                                              const std::vector<IkeProposal>& offered,
                                              const ProposalSelectionOptions& options = {});

/**
 * @brief As responder, choose among the CHILD SA proposals of an IKE_AUTH or CREATE_CHILD_SA
 * request. Key exchange follows strongSwan: a side offering methods without "none" requires
 * PFS; "none" on the other side's list, or on both lists, allows a proposal without it.
 * @param ours our configured proposals
 * @param offered the initiator's proposals, in its order
 * @param options preference order, the KE payload's group, IKE_AUTH (ignoreKe)
 * @return the chosen proposal (keyExchange empty without PFS), or NO_PROPOSAL_CHOSEN and why
 */
ProposalSelection<ChildProposal> SelectProposal(const std::vector<ChildProposal>& ours,
                                                const std::vector<ChildProposal>& offered,
                                                const ProposalSelectionOptions& options = {});

/**
 * @brief As initiator, check the responder's answer: exactly one proposal, one transform of
 * each type, and consistent with the proposal of ours that bears its number (RFC 7296 §3.3.1,
 * §3.3.6: otherwise the initiator must terminate the exchange).
 * @param ours the proposals we sent
 * @param answer the proposals of the responder's SA payload
 * @return the accepted proposal, or NO_PROPOSAL_CHOSEN and why the answer is refused
 */
ProposalSelection<IkeProposal> CheckChosenProposal(const std::vector<IkeProposal>& ours,
                                                   const std::vector<IkeProposal>& answer);

/**
 * @brief As initiator, check the responder's answer to our CHILD SA proposals.
 * @param ours the proposals we sent
 * @param answer the proposals of the responder's SA payload
 * @param ignoreKe true in IKE_AUTH, where our proposals went without key exchange
 * @return the accepted proposal, or NO_PROPOSAL_CHOSEN and why the answer is refused
 */
ProposalSelection<ChildProposal> CheckChosenProposal(const std::vector<ChildProposal>& ours,
                                                     const std::vector<ChildProposal>& answer,
                                                     bool ignoreKe = false);

/**
 * @brief As responder, check the group of the initiator's KE payload against the chosen IKE
 * proposal (IKE_SA_INIT, or CREATE_CHILD_SA rekeying the IKE SA).
 * @param chosen the chosen proposal (IsSingleChoice())
 * @param peerGroup the KE payload's Diffie-Hellman Group Num
 * @return acceptable if it is the chosen group; otherwise INVALID_KE_PAYLOAD with that group
 */
KeGroupCheck CheckPeerKeGroup(const IkeProposal& chosen, uint16_t peerGroup);

/**
 * @brief As responder, check the group of the initiator's KE payload against the chosen CHILD
 * proposal (CREATE_CHILD_SA). Without PFS in the chosen proposal any KE payload is ignored, as
 * strongSwan does ("agreed on a non-PFS proposal"); with PFS a missing or other group is
 * answered with INVALID_KE_PAYLOAD.
 * @param chosen the chosen proposal (IsSingleChoice())
 * @param peerGroup the KE payload's group, KE_NONE if the request had none
 * @return the verdict and the chosen group
 */
KeGroupCheck CheckPeerKeGroup(const ChildProposal& chosen, uint16_t peerGroup);

} // namespace ipsec
} // namespace ns3

#endif /* IKE_PROPOSAL_SELECTION_H */
