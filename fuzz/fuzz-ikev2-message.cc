// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * libFuzzer target: the IKEv2 message parser (Ikev2Message::Parse) on arbitrary datagrams, as
 * a node's IKE socket receives them. A refused datagram must come back as a named error; an
 * accepted one must serialize to a message that parses again to the same payloads.
 */

#include "fuzz-common.h"

#include "ns3/ikev2-message.h"

using namespace ns3::ipsec;
using namespace ns3::ipsec::fuzz;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Ikev2Message message;
    uint8_t critical = 0;
    const IkeParseError e = Ikev2Message::Parse(ByteSpan(data, size), message, critical);
    if (e != IkeParseError::NONE)
    {
        if (std::string(ToString(e)) == "unknown")
        {
            Fail("Ikev2Message::Parse: an error without a name");
        }
        return 0;
    }
    const std::string before = message.Describe();
    const size_t count = message.payloads.size();
    const std::vector<uint8_t> again = message.Serialize();
    Ikev2Message back;
    if (Ikev2Message::Parse(again, back, critical) != IkeParseError::NONE)
    {
        Fail("Ikev2Message: a parsed message does not parse again after Serialize");
    }
    if (back.Describe() != before || back.payloads.size() != count)
    {
        Fail("Ikev2Message: Serialize changed the payloads");
    }
    return 0;
}
