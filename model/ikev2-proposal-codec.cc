// SPDX-License-Identifier: GPL-2.0-only
#include "ikev2-proposal-codec.h"

namespace ns3
{
namespace ipsec
{

namespace
{

void
Add(Ikev2Proposal& p, const std::vector<const TransformInfo*>& rows)
{
    for (const TransformInfo* t : rows)
    {
        p.transforms.push_back({t->type, t->id, t->keyLengthBits});
    }
}

void
AddKe(Ikev2Proposal& p, const std::vector<uint16_t>& groups)
{
    for (uint16_t g : groups)
    {
        p.transforms.push_back({TransformType::KE, g, 0});
    }
}

/// Sorts known transforms of a proposal substructure into rows, by type.
struct Rows
{
    std::vector<const TransformInfo*> encryption; ///< ENCR
    std::vector<const TransformInfo*> integrity;  ///< INTEG
    std::vector<const TransformInfo*> prf;        ///< PRF
    std::vector<uint16_t> keyExchange;            ///< KE ids ("none" and unknown ones too)
    std::vector<bool> esn;                        ///< ESN choices

    explicit Rows(const Ikev2Proposal& p)
    {
        for (const Ikev2Transform& t : p.transforms)
        {
            if (t.unknownAttribute)
            {
                continue; // §3.3.6: not acceptable
            }
            switch (t.type)
            {
            case TransformType::KE:
                // Unknown groups are kept: dropping them would turn "PFS with groups we
                // lack" into "no PFS"; selection refuses what it does not support.
                keyExchange.push_back(t.id);
                break;
            case TransformType::ESN:
                if (t.id <= 1)
                {
                    esn.push_back(t.id == 1);
                }
                break;
            default:
                if (const TransformInfo* row = FindTransform(t.type, t.id, t.keyLength))
                {
                    (t.type == TransformType::ENCR    ? encryption
                     : t.type == TransformType::INTEG ? integrity
                                                      : prf)
                        .push_back(row);
                }
                break;
            }
        }
    }
};

} // namespace

Ikev2Proposal
ToIkev2(const IkeProposal& proposal, const std::vector<uint8_t>& spi)
{
    Ikev2Proposal p;
    p.number = proposal.number;
    p.protocolId = ikev2::PROTOCOL_IKE;
    p.spi = spi;
    Add(p, proposal.encryption);
    Add(p, proposal.integrity);
    Add(p, proposal.prf);
    AddKe(p, proposal.keyExchange);
    return p;
}

Ikev2Proposal
ToIkev2(const ChildProposal& proposal, uint32_t spi)
{
    Ikev2Proposal p;
    p.number = proposal.number;
    p.protocolId =
        proposal.protocol == IpsecProtocol::AH ? ikev2::PROTOCOL_AH : ikev2::PROTOCOL_ESP;
    p.spi = {static_cast<uint8_t>(spi >> 24),
             static_cast<uint8_t>(spi >> 16),
             static_cast<uint8_t>(spi >> 8),
             static_cast<uint8_t>(spi)};
    Add(p, proposal.encryption);
    Add(p, proposal.integrity);
    AddKe(p, proposal.keyExchange);
    for (bool esn : proposal.esn)
    {
        p.transforms.push_back({TransformType::ESN, static_cast<uint16_t>(esn ? 1 : 0), 0});
    }
    return p;
}

std::vector<IkeProposal>
FromIkev2IkeProposals(const Ikev2SaPayload& sa)
{
    std::vector<IkeProposal> out;
    for (const Ikev2Proposal& p : sa.proposals)
    {
        if (p.protocolId != ikev2::PROTOCOL_IKE)
        {
            continue;
        }
        Rows rows(p);
        IkeProposal ike;
        ike.number = p.number;
        ike.encryption = rows.encryption;
        ike.integrity = rows.integrity;
        ike.prf = rows.prf;
        ike.keyExchange = rows.keyExchange;
        out.push_back(ike);
    }
    return out;
}

std::vector<ChildProposal>
FromIkev2ChildProposals(const Ikev2SaPayload& sa, std::vector<uint32_t>& spis)
{
    std::vector<ChildProposal> out;
    spis.clear();
    for (const Ikev2Proposal& p : sa.proposals)
    {
        if (p.protocolId != ikev2::PROTOCOL_ESP && p.protocolId != ikev2::PROTOCOL_AH)
        {
            continue;
        }
        Rows rows(p);
        ChildProposal child;
        child.number = p.number;
        child.protocol =
            p.protocolId == ikev2::PROTOCOL_AH ? IpsecProtocol::AH : IpsecProtocol::ESP;
        child.encryption = rows.encryption;
        child.integrity = rows.integrity;
        child.keyExchange = rows.keyExchange;
        child.esn = rows.esn.empty() ? std::vector<bool>{false} : rows.esn;
        out.push_back(child);
        uint32_t spi = 0;
        if (p.spi.size() == 4)
        {
            spi = (uint32_t{p.spi[0]} << 24) | (uint32_t{p.spi[1]} << 16) |
                  (uint32_t{p.spi[2]} << 8) | p.spi[3];
        }
        spis.push_back(spi);
    }
    return out;
}

} // namespace ipsec
} // namespace ns3
