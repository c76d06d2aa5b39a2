// SPDX-License-Identifier: GPL-2.0-only
#include "ikev2-informational-task.h"

#include "ns3/log.h"

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("Ikev2InformationalTask");

namespace
{

/// An SPI as 4 bytes, network order.
std::vector<uint8_t>
SpiBytes(uint32_t spi)
{
    return {static_cast<uint8_t>(spi >> 24),
            static_cast<uint8_t>(spi >> 16),
            static_cast<uint8_t>(spi >> 8),
            static_cast<uint8_t>(spi)};
}

/// The protocol ID of a CHILD SA.
uint8_t
ProtocolId(const Ikev2ChildSa& child)
{
    return child.proposal.protocol == IpsecProtocol::AH ? ikev2::PROTOCOL_AH : ikev2::PROTOCOL_ESP;
}

} // namespace

Ikev2InformationalTask::Ikev2InformationalTask(Kind kind, uint32_t spi)
    : m_kind(kind),
      m_spi(spi)
{
}

uint8_t
Ikev2InformationalTask::GetExchangeType() const
{
    return ikev2::INFORMATIONAL;
}

void
Ikev2InformationalTask::Down(Ikev2SaContext& ctx, size_t index, bool local)
{
    Ikev2Event e;
    e.type = Ikev2Event::CHILD_DOWN;
    e.spi = ctx.children[index].inboundSpi;
    e.local = local;
    ctx.events.push_back(std::move(e));
    ctx.children.erase(ctx.children.begin() + static_cast<std::ptrdiff_t>(index));
}

void
Ikev2InformationalTask::BuildRequest(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out)
{
    if (m_kind == DELETE_IKE)
    {
        out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_DELETE, Ikev2DeletePayload{}));
    }
    else if (m_kind == DELETE_CHILD)
    {
        const int index = FindIkev2Child(ctx, m_spi, true);
        if (index >= 0)
        {
            Ikev2DeletePayload d;
            d.protocolId = ProtocolId(ctx.children[index]);
            d.spiSize = 4;
            d.spis.push_back(SpiBytes(m_spi));
            out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_DELETE, d));
        }
        // else: gone already (the peer deleted it meanwhile); an empty request is harmless
    }
}

Ikev2TaskStatus
Ikev2InformationalTask::ProcessResponse(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in)
{
    (void)in;
    if (m_kind == DELETE_IKE)
    {
        ctx.deleted = true;
    }
    else if (m_kind == DELETE_CHILD)
    {
        // §1.4.1: the response deletes the other half; either way the CHILD SA is gone.
        const int index = FindIkev2Child(ctx, m_spi, true);
        if (index >= 0)
        {
            Down(ctx, static_cast<size_t>(index), true);
        }
    }
    return Ikev2TaskStatus::DONE;
}

Ikev2TaskStatus
Ikev2InformationalTask::ProcessRequest(Ikev2SaContext& ctx, const std::vector<Ikev2Payload>& in)
{
    for (const auto& p : in)
    {
        const auto* d = std::get_if<Ikev2DeletePayload>(&p.body);
        if (!d)
        {
            continue; // notifications of status are ignored, unknown ones too (§3.10.1)
        }
        if (d->protocolId == ikev2::PROTOCOL_IKE)
        {
            // §1.4.1: the IKE SA and all its CHILD SAs; the response is empty.
            NS_LOG_INFO("the peer deletes the IKE SA");
            ctx.deleted = true;
            if (ctx.collided)
            {
                // §2.8.2: we answered the peer's rekey while ours was under way (its answer
                // lost or still to come), and the peer now deletes the old IKE SA: the peer's
                // new IKE SA stands, and the CHILD SAs move to it instead of going down.
                NS_LOG_INFO("the peer's IKE SA rekey stands");
                std::unique_ptr<Ikev2SaContext> theirs = std::move(ctx.collided);
                theirs->children = std::move(ctx.children);
                ctx.children.clear();
                ctx.successor = std::move(theirs);
                ctx.rekeyed = true;
            }
            while (!ctx.children.empty())
            {
                Down(ctx, ctx.children.size() - 1, false);
            }
            m_answer.clear();
            return Ikev2TaskStatus::DONE;
        }
        Ikev2DeletePayload answer;
        answer.protocolId = d->protocolId;
        answer.spiSize = 4;
        for (const auto& spiBytes : d->spis)
        {
            if (spiBytes.size() != 4)
            {
                continue;
            }
            const uint32_t spi = static_cast<uint32_t>(spiBytes[0]) << 24 | spiBytes[1] << 16 |
                                 spiBytes[2] << 8 | spiBytes[3];
            // The peer names the SPI it receives on: our outbound one.
            const int index = FindIkev2Child(ctx, spi, false);
            if (index < 0 || ProtocolId(ctx.children[index]) != d->protocolId)
            {
                continue; // §1.4.1: unknown SPIs are ignored
            }
            answer.spis.push_back(SpiBytes(ctx.children[index].inboundSpi));
            Down(ctx, static_cast<size_t>(index), false);
        }
        if (!answer.spis.empty())
        {
            m_answer.push_back(std::move(answer));
        }
    }
    return Ikev2TaskStatus::DONE;
}

void
Ikev2InformationalTask::BuildResponse(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out)
{
    (void)ctx;
    for (const auto& d : m_answer)
    {
        out.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_DELETE, d));
    }
}

} // namespace ipsec
} // namespace ns3
