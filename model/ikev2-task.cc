// SPDX-License-Identifier: GPL-2.0-only
#include "ikev2-task.h"

namespace ns3
{
namespace ipsec
{

Ikev2Payload
MakeIkev2Notify(uint16_t type, std::vector<uint8_t> data)
{
    Ikev2NotifyPayload n;
    n.type = type;
    n.data = std::move(data);
    return Ikev2Payload::Make(ikev2::PAYLOAD_NOTIFY, n);
}

const Ikev2NotifyPayload*
FindIkev2ErrorNotify(const std::vector<Ikev2Payload>& payloads)
{
    for (const auto& p : payloads)
    {
        const auto* n = std::get_if<Ikev2NotifyPayload>(&p.body);
        if (n && n->type < 16384) // §3.10.1: types below 16384 are errors
        {
            return n;
        }
    }
    return nullptr;
}

const Ikev2NotifyPayload*
FindIkev2Notify(const std::vector<Ikev2Payload>& payloads, uint16_t type)
{
    for (const auto& p : payloads)
    {
        const auto* n = std::get_if<Ikev2NotifyPayload>(&p.body);
        if (n && n->type == type)
        {
            return n;
        }
    }
    return nullptr;
}

int
FindIkev2Child(const Ikev2SaContext& ctx, uint32_t spi, bool inbound)
{
    for (size_t i = 0; i < ctx.children.size(); i++)
    {
        const Ikev2ChildSa& c = ctx.children[i];
        if ((inbound ? c.inboundSpi : c.outboundSpi) == spi)
        {
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::vector<uint8_t>
Ikev2RandomBytes(Ikev2SaContext& ctx, size_t n)
{
    std::vector<uint8_t> b(n);
    ctx.sources.bytes(b.data(), n);
    return b;
}

} // namespace ipsec
} // namespace ns3
