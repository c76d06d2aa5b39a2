// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * libFuzzer target: an IKE SA's tasks on hostile messages. Each input runs IKE_SA_INIT between
 * an initiator and a responder (Curve25519, AES-GCM: cheap), then feeds the responder, which
 * waits for IKE_AUTH, either:
 *  - byte 0 even: the rest as a raw datagram (parser, SPI and message ID checks, SK opening);
 *  - byte 0 odd: byte 1 is the first payload type and the rest a payload chain that, if it
 *    parses, the target encrypts with the initiator's keys as an IKE_AUTH request, so the
 *    authentication and CHILD SA tasks see hostile payloads behind a valid checksum.
 * With bit 1 of byte 0 set, IKE_AUTH completes first and the hostile message goes to the
 * established responder instead, as a CREATE_CHILD_SA (byte 1 odd) or INFORMATIONAL request
 * (CHILD SA creation and rekey, IKE SA rekey, deletes, dead peer detection).
 * The responder must never crash or assert, must not reach ESTABLISHED without a verified
 * AUTH, and every CHILD SA it holds (or moves to a rekeyed IKE SA) must have consistent keys.
 */

#include "fuzz-common.h"
#include "fuzz-ike-sources.h"

#include "ns3/ikev2-sa.h"

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::fuzz;

namespace
{

IkePeerConfig
Config(bool initiator)
{
    IkePeerConfig c;
    c.proposals = ParseIkeProposals("aes128gcm16-prfsha256-curve25519");
    c.localId = IkeIdentity::Fqdn(initiator ? "a.example" : "b.example");
    c.remoteId = IkeIdentity::Fqdn(initiator ? "b.example" : "a.example");
    c.psk = {'f', 'u', 'z', 'z'};
    IkeChildConfig child;
    IkeTsSide any;
    child.localTs = {any};
    child.remoteTs = {any};
    child.proposals = ParseChildProposals("aes128gcm16,aes128-sha256-esn");
    c.children = {child};
    return c;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Reader in{data, size};
    const uint8_t mode = in.U8();
    Ikev2Sa a(true, Config(true), IkeSources(1, 0x1000));
    Ikev2Sa b(false, Config(false), IkeSources(2, 0x2000));
    const auto initResponse = b.Receive(a.Initiate());
    const auto authRequest = a.Receive(initResponse);
    if (b.GetState() != Ikev2SaState::CONNECTING || authRequest.empty())
    {
        Fail("IKE_SA_INIT between the fixed peers failed");
    }
    const bool established = (mode & 2) != 0;
    uint8_t exchange = ikev2::IKE_AUTH;
    uint32_t messageId = 1;
    if (established)
    {
        a.Receive(b.Receive(authRequest));
        if (a.GetState() != Ikev2SaState::ESTABLISHED)
        {
            Fail("IKE_AUTH between the fixed peers failed");
        }
        exchange = in.U8() % 2 ? ikev2::CREATE_CHILD_SA : ikev2::INFORMATIONAL;
        messageId = 2;
    }
    std::vector<uint8_t> message;
    if (mode % 2 == 0)
    {
        message = in.Rest();
    }
    else
    {
        const uint8_t first = in.U8();
        const std::vector<uint8_t> chain = in.Rest();
        std::vector<Ikev2Payload> payloads;
        uint8_t critical = 0;
        if (ParseIkev2Payloads(first, ByteSpan(chain), 0, payloads, critical) !=
            IkeParseError::NONE)
        {
            return 0;
        }
        const Ikev2SaContext& ctx = a.GetContext();
        Ikev2SkCodec forger(*ctx.proposal.encryption.front(),
                            nullptr,
                            Ikev2SkKeys{ctx.keys.skEi, {}},
                            Ikev2SkKeys{ctx.keys.skEr, {}},
                            std::make_unique<CounterIvGenerator>());
        IkeHeader h;
        h.initiatorSpi = ctx.spiI;
        h.responderSpi = ctx.spiR;
        h.exchangeType = exchange;
        h.flags = IkeHeader::FLAG_INITIATOR;
        h.messageId = messageId;
        message = forger.Protect(h, payloads);
    }
    b.Receive(message);
    if (b.GetState() == Ikev2SaState::ESTABLISHED && !b.GetContext().authenticated)
    {
        Fail("the responder established an IKE SA without verifying AUTH");
    }
    const auto check = [](const Ikev2SaContext& ctx) {
        for (const Ikev2ChildSa& child : ctx.children)
        {
            if (child.inbound.encryptionKey.size() != child.outbound.encryptionKey.size() ||
                child.outboundSpi == 0)
            {
                Fail("a CHILD SA with inconsistent keys or no SPI");
            }
        }
    };
    check(b.GetContext());
    if (auto next = b.TakeSuccessor())
    {
        check(next->GetContext());
        if (next->GetContext().keys.skD.empty())
        {
            Fail("a rekeyed IKE SA without keys");
        }
    }
    b.TakeEvents();
    b.TakeJobs();
    return 0;
}
