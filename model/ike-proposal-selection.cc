// SPDX-License-Identifier: GPL-2.0-only

#include "ike-proposal-selection.h"

#include <algorithm>

namespace ns3
{
namespace ipsec
{

namespace
{

template <typename T>
bool
Contains(const std::vector<T>& list, const T& value)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}

/// The first transform of the preferred side's list that the other side's list holds too.
template <typename T>
bool
Pick(const std::vector<T>& ours, const std::vector<T>& offered, ProposalPreference pref, T& out)
{
    const auto& first = pref == ProposalPreference::PEER ? offered : ours;
    const auto& second = pref == ProposalPreference::PEER ? ours : offered;
    for (const auto& value : first)
    {
        if (Contains(second, value))
        {
            out = value;
            return true;
        }
    }
    return false;
}

/// Pick, but the peer's KE payload group first when both sides allow it (RFC 7296 §1.2).
bool
PickKe(const std::vector<uint16_t>& ours,
       const std::vector<uint16_t>& offered,
       const ProposalSelectionOptions& options,
       uint16_t& out)
{
    if (options.peerKeGroup != KE_NONE && Contains(ours, options.peerKeGroup) &&
        Contains(offered, options.peerKeGroup))
    {
        out = options.peerKeGroup;
        return true;
    }
    return Pick(ours, offered, options.preference, out);
}

std::string
Rows(const std::vector<const TransformInfo*>& rows)
{
    std::string out;
    for (const auto* row : rows)
    {
        out += (out.empty() ? "" : " ") + std::string(row == nullptr ? "?" : row->keyword);
    }
    return out.empty() ? "none" : out;
}

std::string
Groups(const std::vector<uint16_t>& ids)
{
    std::string out;
    for (uint16_t id : ids)
    {
        out += (out.empty() ? "" : " ") + GetKeKeyword(id);
    }
    return out.empty() ? "none" : out;
}

std::string
NoCommon(const char* what, const std::string& ours, const std::string& offered)
{
    return std::string("no common ") + what + " (ours: " + ours + "; offered: " + offered + ")";
}

/// Choose within one pair of proposals; "" on success, otherwise why not.
std::string
SelectPair(const IkeProposal& ours,
           const IkeProposal& offered,
           const ProposalSelectionOptions& options,
           IkeProposal& out)
{
    out = IkeProposal();
    out.number = offered.number;
    const TransformInfo* row = nullptr;
    if (!Pick(ours.encryption, offered.encryption, options.preference, row))
    {
        return NoCommon("encryption algorithm", Rows(ours.encryption), Rows(offered.encryption));
    }
    out.encryption = {row};
    if (!row->IsAead())
    {
        if (!Pick(ours.integrity, offered.integrity, options.preference, row))
        {
            return NoCommon("integrity algorithm", Rows(ours.integrity), Rows(offered.integrity));
        }
        out.integrity = {row};
    }
    if (!Pick(ours.prf, offered.prf, options.preference, row))
    {
        return NoCommon("PRF", Rows(ours.prf), Rows(offered.prf));
    }
    out.prf = {row};
    uint16_t group = KE_NONE;
    if (!PickKe(ours.keyExchange, offered.keyExchange, options, group) || group == KE_NONE)
    {
        return NoCommon("key exchange method",
                        Groups(ours.keyExchange),
                        Groups(offered.keyExchange));
    }
    out.keyExchange = {group};
    return "";
}

/// The key exchange of a CHILD SA, by strongSwan's rules (proposal.c select_algo): "" on
/// success with group KE_NONE for no PFS, otherwise why not.
std::string
SelectChildKe(const std::vector<uint16_t>& ours,
              const std::vector<uint16_t>& offered,
              const ProposalSelectionOptions& options,
              uint16_t& group)
{
    group = KE_NONE;
    if (ours.empty() && offered.empty())
    {
        return "";
    }
    if (ours.empty() || offered.empty())
    {
        const auto& some = ours.empty() ? offered : ours;
        if (Contains(some, KE_NONE))
        {
            return "";
        }
        return std::string(ours.empty() ? "the peer requires" : "we require") + " PFS (" +
               Groups(some) + ") and the other side offers no key exchange";
    }
    if (!PickKe(ours, offered, options, group))
    {
        return NoCommon("key exchange method (PFS)", Groups(ours), Groups(offered));
    }
    return "";
}

std::string
SelectPair(const ChildProposal& ours,
           const ChildProposal& offered,
           const ProposalSelectionOptions& options,
           ChildProposal& out)
{
    out = ChildProposal();
    out.number = offered.number;
    out.protocol = offered.protocol;
    if (ours.protocol != offered.protocol)
    {
        return std::string("protocol mismatch (ours: ") + GetProtocolName(ours.protocol) +
               "; offered: " + GetProtocolName(offered.protocol) + ")";
    }
    const TransformInfo* row = nullptr;
    bool aead = false;
    if (ours.protocol == IpsecProtocol::ESP)
    {
        if (!Pick(ours.encryption, offered.encryption, options.preference, row))
        {
            return NoCommon("encryption algorithm",
                            Rows(ours.encryption),
                            Rows(offered.encryption));
        }
        out.encryption = {row};
        aead = row->IsAead();
    }
    if (!aead)
    {
        if (!Pick(ours.integrity, offered.integrity, options.preference, row))
        {
            return NoCommon("integrity algorithm", Rows(ours.integrity), Rows(offered.integrity));
        }
        out.integrity = {row};
    }
    if (!options.ignoreKe)
    {
        uint16_t group = KE_NONE;
        const std::string why =
            SelectChildKe(ours.keyExchange, offered.keyExchange, options, group);
        if (!why.empty())
        {
            return why;
        }
        if (group != KE_NONE)
        {
            out.keyExchange = {group};
        }
    }
    bool esn = false;
    if (!Pick(ours.esn, offered.esn, options.preference, esn))
    {
        auto names = [](const std::vector<bool>& list) {
            std::string s;
            for (bool e : list)
            {
                s += (s.empty() ? "" : " ") + std::string(e ? "esn" : "noesn");
            }
            return s.empty() ? std::string("none") : s;
        };
        return NoCommon("ESN choice", names(ours.esn), names(offered.esn));
    }
    out.esn = {esn};
    return "";
}

template <typename P>
std::string
Describe(const char* side, const P& p)
{
    return std::string(side) + " " + std::to_string(p.number) + " \"" + p.ToString() + "\"";
}

template <typename P>
ProposalSelection<P>
Select(const std::vector<P>& ours,
       const std::vector<P>& offered,
       const ProposalSelectionOptions& options)
{
    ProposalSelection<P> result;
    if (offered.empty() || ours.empty())
    {
        result.reason = offered.empty() ? "the peer offered no proposal" : "we have no proposal";
        return result;
    }
    const bool peerFirst = options.preference == ProposalPreference::PEER;
    const auto& outer = peerFirst ? offered : ours;
    const auto& inner = peerFirst ? ours : offered;
    for (const auto& a : outer)
    {
        for (const auto& b : inner)
        {
            const P& mine = peerFirst ? b : a;
            const P& theirs = peerFirst ? a : b;
            const std::string why = SelectPair(mine, theirs, options, result.proposal);
            if (why.empty())
            {
                result.status = ProposalStatus::CHOSEN;
                result.reason.clear();
                return result;
            }
            result.reason += (result.reason.empty() ? "" : "; ") + Describe("offered", theirs) +
                             " against " + Describe("ours", mine) + ": " + why;
        }
    }
    result.proposal = P();
    return result;
}

template <typename P>
ProposalSelection<P>
Check(const std::vector<P>& ours, const std::vector<P>& answer, bool ignoreKe)
{
    ProposalSelection<P> result;
    if (answer.size() != 1)
    {
        result.reason = "the answer holds " + std::to_string(answer.size()) +
                        " proposals; a responder accepts exactly one (RFC 7296 §2.7)";
        return result;
    }
    // A key exchange "NONE" in the answer is the same as none at all (RFC 7296 §1.2 asks to
    // omit it rather than send it).
    P accepted = answer.front();
    accepted.keyExchange.erase(
        std::remove(accepted.keyExchange.begin(), accepted.keyExchange.end(), KE_NONE),
        accepted.keyExchange.end());
    if (!accepted.IsSingleChoice())
    {
        result.reason = Describe("answer", accepted) +
                        " does not hold exactly one transform of each type (RFC 7296 §2.7)";
        return result;
    }
    const auto mine = std::find_if(ours.begin(), ours.end(), [&accepted](const P& p) {
        return p.number == accepted.number;
    });
    if (mine == ours.end())
    {
        result.reason = Describe("answer", accepted) +
                        " bears the number of none of our proposals (RFC 7296 §3.3.1)";
        return result;
    }
    ProposalSelectionOptions options;
    options.preference = ProposalPreference::OURS;
    options.ignoreKe = ignoreKe;
    P checked;
    std::string why = SelectPair(*mine, accepted, options, checked);
    if (why.empty() && checked != accepted)
    {
        why = "it has transforms the proposal did not offer";
    }
    if (!why.empty())
    {
        result.reason = Describe("answer", accepted) + " is not within " +
                        Describe("our proposal", *mine) + ": " + why + " (RFC 7296 §3.3.6)";
        return result;
    }
    result.status = ProposalStatus::CHOSEN;
    result.proposal = checked;
    return result;
}

} // namespace

const char*
GetProposalStatusName(ProposalStatus status)
{
    switch (status)
    {
    case ProposalStatus::CHOSEN:
        return "CHOSEN";
    case ProposalStatus::NO_PROPOSAL_CHOSEN:
        return "NO_PROPOSAL_CHOSEN";
    }
    return "unknown";
}

ProposalSelection<IkeProposal>
SelectProposal(const std::vector<IkeProposal>& ours,
               const std::vector<IkeProposal>& offered,
               const ProposalSelectionOptions& options)
{
    return Select(ours, offered, options);
}

ProposalSelection<ChildProposal>
SelectProposal(const std::vector<ChildProposal>& ours,
               const std::vector<ChildProposal>& offered,
               const ProposalSelectionOptions& options)
{
    return Select(ours, offered, options);
}

ProposalSelection<IkeProposal>
CheckChosenProposal(const std::vector<IkeProposal>& ours, const std::vector<IkeProposal>& answer)
{
    return Check(ours, answer, false);
}

ProposalSelection<ChildProposal>
CheckChosenProposal(const std::vector<ChildProposal>& ours,
                    const std::vector<ChildProposal>& answer,
                    bool ignoreKe)
{
    return Check(ours, answer, ignoreKe);
}

KeGroupCheck
CheckPeerKeGroup(const IkeProposal& chosen, uint16_t peerGroup)
{
    KeGroupCheck check;
    check.group = chosen.keyExchange.empty() ? KE_NONE : chosen.keyExchange.front();
    check.acceptable = check.group != KE_NONE && peerGroup == check.group;
    return check;
}

KeGroupCheck
CheckPeerKeGroup(const ChildProposal& chosen, uint16_t peerGroup)
{
    KeGroupCheck check;
    check.group = chosen.GetKeGroup();
    check.acceptable = check.group == KE_NONE || peerGroup == check.group;
    return check;
}

} // namespace ipsec
} // namespace ns3
