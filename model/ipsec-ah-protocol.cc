// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-ah-protocol.h"

#include "ipsec-constants.h"
#include "ipsec-crypto-engine.h"
#include "ipsec-esp-protocol.h"
#include "ipsec-security-association.h"
#include "ipsec-stack.h"

#include "ns3/log.h"

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecAhProtocol");
NS_OBJECT_ENSURE_REGISTERED(AhProtocol);

const uint8_t AhProtocol::PROT_NUMBER = AH_PROTOCOL_NUMBER;

TypeId
AhProtocol::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ipsec::AhProtocol")
                            .SetParent<IpsecL4Protocol>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<AhProtocol>();
    return tid;
}

int
AhProtocol::GetProtocolNumber() const
{
    return PROT_NUMBER;
}

enum IpL4Protocol::RxStatus
AhProtocol::Receive(Ptr<Packet> p,
                    const Ipv4Header& header,
                    Ptr<Ipv4Interface> /* incomingInterface */)
{
    NS_LOG_FUNCTION(this << p << header);
    if (header.GetSerializedSize() != 20)
    {
        // IP options (only from emulated links): ns-3's Ipv4Header does not re-serialize them
        m_stack->Drop(header, p, DropReason::MALFORMED);
        return RX_OK;
    }
    const std::vector<uint8_t>& bytes = CopyToScratch(p);
    if (bytes.size() < AH_FIXED_HEADER_SIZE)
    {
        m_stack->Drop(header, p, DropReason::TRUNCATED);
        return RX_OK;
    }
    Ptr<SecurityAssociation> sa = m_stack->GetSad().FindInbound(ReadU32(bytes.data() + 4),
                                                                header.GetDestination(),
                                                                IpsecProtocol::AH);
    if (!sa)
    {
        m_stack->Drop(header, p, DropReason::NO_SA);
        return RX_OK;
    }
    uint64_t seq = 0;
    DropReason reason = sa->CheckReplay(ReadU32(bytes.data() + 8), seq);
    if (reason != DropReason::NONE)
    {
        m_stack->Drop(header, p, reason, sa);
        return RX_OK;
    }
    Ptr<CryptoEngine> engine = m_stack->GetCryptoEngine();
    if (!engine)
    {
        Verify(p, header, sa, seq);
        return RX_OK;
    }
    // The ICV check takes the engine's time; the window is updated when it ends.
    Ptr<AhProtocol> self(this);
    if (!engine->Submit(engine->GetServiceTime(sa->GetCryptoOperation(false), p->GetSize()),
                        [self, p, header, sa, seq]() { self->Verify(p, header, sa, seq); }))
    {
        m_stack->Drop(header, p, DropReason::QUEUE_FULL, sa);
    }
    return RX_OK;
}

void
AhProtocol::Verify(Ptr<Packet> p,
                   const Ipv4Header& header,
                   Ptr<SecurityAssociation> sa,
                   uint64_t seq)
{
    const std::vector<uint8_t>& bytes = CopyToScratch(p);
    AhCodec* codec = sa->GetAhCodec();
    const uint32_t ahSize = codec->GetHeaderSize();
    uint8_t ip[20];
    SerializeIpv4(header, ip);
    uint8_t nextHeader = 0;
    DropReason reason = bytes.size() < ahSize
                            ? DropReason::TRUNCATED
                            : codec->Verify(ByteSpan(ip, sizeof(ip)),
                                            ByteSpan(bytes.data(), ahSize),
                                            ByteSpan(bytes.data() + ahSize, bytes.size() - ahSize),
                                            static_cast<uint32_t>(seq >> 32),
                                            nextHeader);
    if (reason == DropReason::NONE)
    {
        reason = sa->UpdateReplay(seq);
    }
    if (reason != DropReason::NONE)
    {
        m_stack->Drop(header, p, reason, sa);
        return;
    }
    p->RemoveAtStart(ahSize);
    sa->Account(p, p->GetSize(), seq);
    NS_LOG_LOGIC("AH in: " << sa->GetConfig().ToString() << " seq " << seq << " verified");
    InboundContext ctx;
    ctx.ah = sa;
    if (nextHeader == ESP_PROTOCOL_NUMBER)
    {
        // Transport adjacency (RFC 4301 §4.3): ESP inside AH, processed here in one pass.
        Ipv4Header inner = header;
        inner.SetProtocol(ESP_PROTOCOL_NUMBER);
        inner.SetPayloadSize(p->GetSize());
        m_stack->GetEsp()->ProcessInbound(p, inner, ctx);
        return;
    }
    m_stack->DeliverInbound(ctx, p, nextHeader, header);
}

Ptr<Packet>
AhProtocol::Protect(Ptr<SecurityAssociation> sa,
                    Ptr<const Packet> payload,
                    uint8_t nextHeader,
                    Ipv4Header& header,
                    DropReason& reason)
{
    uint64_t seq = 0;
    reason = sa->NextSequence(seq);
    if (reason != DropReason::NONE)
    {
        return nullptr;
    }
    AhCodec* codec = sa->GetAhCodec();
    header.SetProtocol(AH_PROTOCOL_NUMBER);
    header.SetPayloadSize(codec->GetHeaderSize() + payload->GetSize());
    uint8_t ip[20];
    SerializeIpv4(header, ip);
    const std::vector<uint8_t>& in = CopyToScratch(payload);
    reason = codec->Compute(seq, nextHeader, ByteSpan(ip, sizeof(ip)), ByteSpan(in), m_output);
    if (reason != DropReason::NONE)
    {
        return nullptr;
    }
    sa->Account(payload, in.size(), seq);
    NS_LOG_LOGIC("AH out: " << sa->GetConfig().ToString() << " seq " << seq << ", " << in.size()
                            << " bytes + " << m_output.size());
    Ptr<Packet> out = Create<Packet>(m_output.data(), m_output.size());
    out->AddAtEnd(payload);
    return out;
}

} // namespace ipsec
} // namespace ns3
