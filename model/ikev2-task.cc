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

} // namespace ipsec
} // namespace ns3
