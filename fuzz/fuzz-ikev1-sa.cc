// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * libFuzzer target: an ISAKMP SA (Ikev1Sa, the responder) on hostile messages. Byte 0 picks:
 *  - bit 1 clear: the rest as a raw datagram to a fresh responder (phase 1's first message),
 *    or, with bit 2 set, to a responder that has answered main mode's first message;
 *  - bit 1 set: main mode and quick mode complete first; then either the rest as a raw
 *    datagram (bit 0 clear), or (bit 0 set) byte 1 as the first payload type and the rest a
 *    payload chain that, if it parses, the initiator protects with a valid HASH(1) as a new
 *    quick mode (bit 3 set) or INFORMATIONAL exchange, so the quick-mode responder, deletes,
 *    notifications and dead peer detection see hostile payloads.
 * The responder must never crash or assert, must not establish phase 1 from one hostile
 * message, and every CHILD SA it holds must have consistent keys and SPIs.
 */

#include "fuzz-common.h"
#include "fuzz-ike-sources.h"

#include "ns3/ikev1-sa.h"

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::fuzz;

namespace
{

IkePeerConfig
Config(bool initiator)
{
    IkePeerConfig c;
    c.version = 1;
    c.localAddress = Ipv4Address(initiator ? "192.0.2.1" : "192.0.2.2");
    c.remoteAddress = Ipv4Address(initiator ? "192.0.2.2" : "192.0.2.1");
    c.proposals = ParseIkeProposals("aes128-sha256-curve25519");
    c.localId = IkeIdentity::Fqdn(initiator ? "a.example" : "b.example");
    c.remoteId = IkeIdentity::Any();
    c.psk = {'f', 'u', 'z', 'z'};
    IkeChildConfig child;
    IkeTsSide any;
    child.localTs = {any};
    child.remoteTs = {any};
    child.proposals = ParseChildProposals("aes128gcm16,aes128-sha256-curve25519");
    c.children = {child};
    return c;
}

/// Deliver messages back and forth until none are left.
void
Converse(Ikev1Sa& a, Ikev1Sa& b, std::vector<std::vector<uint8_t>> toB)
{
    for (int round = 0; round < 8 && !toB.empty(); round++)
    {
        std::vector<std::vector<uint8_t>> toA;
        for (const auto& m : toB)
        {
            for (auto& r : b.Receive(m))
            {
                toA.push_back(std::move(r));
            }
        }
        toB.clear();
        for (const auto& m : toA)
        {
            for (auto& r : a.Receive(m))
            {
                toB.push_back(std::move(r));
            }
        }
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Reader in{data, size};
    const uint8_t mode = in.U8();
    Ikev1Sa a(true, Config(true), IkeSources(1, 0x1000));
    Ikev1Sa b(false, Config(false), IkeSources(2, 0x2000));
    const bool established = (mode & 2) != 0;
    std::vector<uint8_t> message;
    if (!established)
    {
        if (mode & 4)
        {
            b.Receive(a.Initiate().front());
        }
        message = in.Rest();
    }
    else
    {
        Converse(a, b, a.Initiate());
        if (b.GetState() != Ikev2SaState::ESTABLISHED || b.GetChildren().size() != 1)
        {
            Fail("main mode and quick mode between the fixed peers failed");
        }
        if (mode % 2 == 0)
        {
            message = in.Rest();
        }
        else
        {
            const uint8_t first = in.U8();
            const std::vector<uint8_t> chain = in.Rest();
            std::vector<Ikev1Payload> payloads;
            if (ParseIkev1Payloads(first, ByteSpan(chain), payloads) != IkeParseError::NONE)
            {
                return 0;
            }
            message = a.Protect(mode & 8 ? ikev1::QUICK_MODE : ikev1::INFORMATIONAL, payloads);
        }
    }
    b.Receive(message);
    if (!established && b.GetState() == Ikev2SaState::ESTABLISHED)
    {
        Fail("the responder established phase 1 from one hostile message");
    }
    for (const Ikev2ChildSa& child : b.GetChildren())
    {
        if (child.inbound.encryptionKey.size() != child.outbound.encryptionKey.size() ||
            child.outboundSpi == 0 || child.inboundSpi == 0)
        {
            Fail("a CHILD SA with inconsistent keys or no SPI");
        }
    }
    b.TakeEvents();
    b.TakeJobs();
    return 0;
}
