// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * libFuzzer target: the ESP wire-format parsers on packets, EspTrailer::Deserialize (with the
 * ICV size from byte 0) and EspHeader::Deserialize, on the rest of the input.
 */

#include "fuzz-common.h"

#include "ns3/ipsec-esp-header.h"
#include "ns3/ipsec-esp-trailer.h"
#include "ns3/packet.h"

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::fuzz;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Reader in{data, size};
    const uint32_t icvSize = in.U8() % 65;
    const std::vector<uint8_t> bytes = in.Rest();

    Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
    EspTrailer trailer;
    trailer.SetIcvSize(icvSize);
    const uint32_t taken = p->RemoveTrailer(trailer);
    if (trailer.GetError() == DropReason::NONE)
    {
        if (taken != trailer.GetSerializedSize() || taken > bytes.size() ||
            trailer.GetIcv().size() != icvSize ||
            bytes[bytes.size() - icvSize - 1] != trailer.GetNextHeader() ||
            bytes[bytes.size() - icvSize - 2] != trailer.GetPadLength())
        {
            Fail("ESP trailer accepted with inconsistent fields");
        }
        // Re-serialized, the trailer gives back the bytes it was read from.
        Ptr<Packet> q = Create<Packet>();
        q->AddTrailer(trailer);
        std::vector<uint8_t> out(q->GetSize());
        q->CopyData(out.data(), out.size());
        if (!std::equal(out.begin(), out.end(), bytes.end() - taken))
        {
            Fail("ESP trailer does not serialize to the bytes it was read from");
        }
    }
    else if (taken != 0 || p->GetSize() != bytes.size())
    {
        Fail("a rejected ESP trailer consumed bytes");
    }

    Ptr<Packet> h = Create<Packet>(bytes.data(), bytes.size());
    EspHeader header;
    const uint32_t read = h->RemoveHeader(header);
    if ((header.GetError() == DropReason::NONE) != (read == 8) ||
        (read == 8) != (bytes.size() >= 8))
    {
        Fail("ESP header: verdict and bytes read disagree");
    }
    return 0;
}
