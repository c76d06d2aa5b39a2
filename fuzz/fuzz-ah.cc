// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * libFuzzer target: AH parsing and verification. Byte 0 picks the integrity algorithm (every
 * one AH supports) and flags (bit 4 ESN, bit 5 IPv6 alignment for AhHeader), bytes 1-4 are
 * the ESN high bits, byte 5 splits the rest into the IPv4 header (20 bytes), the AH header
 * and the payload; AhHeader::Deserialize reads the AH bytes and the payload, and
 * AhCodec::Verify checks the whole with a fixed key. The verdicts of the two parsers must
 * agree on the lengths.
 */

#include "fuzz-common.h"

#include "ns3/ipsec-ah-codec.h"
#include "ns3/ipsec-ah-header.h"
#include "ns3/ipsec-constants.h"
#include "ns3/packet.h"

#include <map>
#include <memory>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::fuzz;

namespace
{

AhCodec&
GetCodec(size_t index, bool esn)
{
    static std::map<std::pair<size_t, bool>, std::unique_ptr<AhCodec>> codecs;
    auto& codec = codecs[{index, esn}];
    if (!codec)
    {
        const TransformInfo* info = FindTransformByKeyword(AhIntegrityNames()[index]);
        const std::vector<uint8_t> key = FixedKey(info->keySize, AH_KEY_SEED);
        codec = std::make_unique<AhCodec>(AH_SPI, *info, ByteSpan(key), esn);
    }
    return *codec;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Reader in{data, size};
    const uint8_t select = in.U8();
    const size_t index = (select & 0x0f) % AhIntegrityNames().size();
    const bool esn = select & 0x10;
    const bool ipv6 = select & 0x20;
    const uint32_t seqHigh = in.U32();
    const uint8_t split = in.U8();
    const std::vector<uint8_t> rest = in.Rest();

    const size_t ipSize = std::min<size_t>(20, rest.size());
    const size_t ahSize = std::min<size_t>(split, rest.size() - ipSize);
    const ByteSpan ip(rest.data(), ipSize);
    const ByteSpan ah(rest.data() + ipSize, ahSize);
    const ByteSpan payload(rest.data() + ipSize + ahSize, rest.size() - ipSize - ahSize);

    AhCodec& codec = GetCodec(index, esn);
    uint8_t nextHeader = 0xaa;
    const DropReason reason = codec.Verify(ip, ah, payload, seqHigh, nextHeader);
    if (reason != DropReason::NONE && nextHeader != 0xaa)
    {
        Fail("AH: a dropped packet set the next header");
    }

    // The header parser on the AH bytes and what follows them.
    Ptr<Packet> p = Create<Packet>(rest.data() + ipSize, rest.size() - ipSize);
    AhHeader header;
    header.SetIcvSize(codec.GetIcvSize());
    header.SetIpv6(ipv6);
    const uint32_t before = p->GetSize();
    const uint32_t read = p->RemoveHeader(header);
    if (header.GetError() == DropReason::NONE)
    {
        if (read != header.GetSerializedSize() || read > before ||
            header.GetIcv().size() != codec.GetIcvSize() || header.GetNextHeader() != rest[ipSize])
        {
            Fail("AH header accepted with inconsistent fields");
        }
    }
    else if (read != 0 || p->GetSize() != before)
    {
        Fail("a rejected AH header consumed bytes");
    }
    // In IPv4, the codec and the header agree on the length checks (the codec sees only ah).
    if (!ipv6 && ipSize == 20 && rest[0] == 0x45 && ahSize == before)
    {
        const bool codecLengthsOk = reason == DropReason::NONE || reason == DropReason::ICV_FAILURE;
        if (codecLengthsOk != (header.GetError() == DropReason::NONE))
        {
            Fail("AhCodec::Verify and AhHeader::Deserialize disagree on the lengths");
        }
    }
    return 0;
}
