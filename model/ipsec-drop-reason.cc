// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-drop-reason.h"

#include <array>

namespace ns3
{
namespace ipsec
{

namespace
{
/// Names in enum order; a static_assert keeps the two in step.
constexpr std::array<const char*, static_cast<size_t>(DropReason::COUNT)> kNames = {
    "none",
    "truncated",
    "bad-alignment",
    "bad-pad-length",
    "bad-padding",
    "bad-payload-length",
    "icv-failure",
    "crypto-error",
    "sequence-overflow",
    "malformed",
    "no-sa",
    "sa-expired",
    "replay",
    "policy-mismatch",
    "not-protected",
    "discard-policy",
    "no-route",
    "bad-next-header",
    "queue-full",
    "ecn-ce-not-ect",
    "no-policy",
    "packet-too-big",
    "fragment-timeout",
    "fragment-overlap",
};
} // namespace

const char*
GetDropReasonName(DropReason reason)
{
    auto index = static_cast<size_t>(reason);
    return index < kNames.size() ? kNames[index] : "unknown";
}

std::ostream&
operator<<(std::ostream& os, DropReason reason)
{
    return os << GetDropReasonName(reason);
}

} // namespace ipsec
} // namespace ns3
