// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * libFuzzer target: what the receiver does with a payload whose protection was removed,
 * before it goes back to IP: IpsecStack::MakeInboundDatagram (tunnel: the inner IPv4 header,
 * TFC padding, ECN; transport: the L4 segment under the outer header), then the selector
 * parsers the inbound policy check runs on the result (PacketSelector::FromDatagram and
 * FromIcmpError: ports, ICMP type/code, the datagram an ICMP error quotes).
 *
 * Input: byte 0 bit 0 tunnel/transport, bits 1-2 the outer ECN field; byte 1 the next header;
 * the rest is the payload.
 */

#include "fuzz-common.h"

#include "ns3/ipsec-stack.h"
#include "ns3/ipsec-traffic-selector.h"
#include "ns3/packet.h"

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::fuzz;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Reader in{data, size};
    const uint8_t flags = in.U8();
    const IpsecMode mode = (flags & 1) ? IpsecMode::TUNNEL : IpsecMode::TRANSPORT;
    const uint8_t nextHeader = in.U8();
    const std::vector<uint8_t> bytes = in.Rest();

    Ipv4Header outer;
    outer.SetSource(Ipv4Address("10.2.1.1"));
    outer.SetDestination(Ipv4Address("10.2.2.2"));
    outer.SetProtocol(50);
    outer.SetEcn(static_cast<Ipv4Header::EcnType>((flags >> 1) & 3));
    outer.SetPayloadSize(bytes.size() + 40);

    Ptr<Packet> payload = Create<Packet>(bytes.data(), bytes.size());
    Ipv4Header header;
    const DropReason reason =
        IpsecStack::MakeInboundDatagram(mode, payload, nextHeader, outer, header);
    if (reason != DropReason::NONE)
    {
        return 0;
    }
    // The datagram IP gets back: its header, then exactly the payload its header announces.
    Ipv4Header check;
    if (payload->RemoveHeader(check) != 20 || check.GetPayloadSize() != payload->GetSize() ||
        check.GetProtocol() != header.GetProtocol() ||
        (mode == IpsecMode::TRANSPORT && check.GetProtocol() != nextHeader))
    {
        Fail("MakeInboundDatagram returned an inconsistent datagram");
    }
    // What the inbound policy check reads next (IpsecStack::InboundStep).
    PacketSelector::FromDatagram(check, payload, false);
    PacketSelector quoted;
    PacketSelector::FromIcmpError(check, payload, false, quoted);
    return 0;
}
