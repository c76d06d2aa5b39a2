// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-esp-protocol.h"

#include "ipsec-carried-tags.h"
#include "ipsec-constants.h"
#include "ipsec-crypto-engine.h"
#include "ipsec-security-association.h"
#include "ipsec-stack.h"

#include "ns3/log.h"

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecEspProtocol");
NS_OBJECT_ENSURE_REGISTERED(EspProtocol);

const uint8_t EspProtocol::PROT_NUMBER = ESP_PROTOCOL_NUMBER;

namespace
{

/**
 * Whether a decapsulation error comes after the ICV verified (RFC 4303 §3.4.3: the window is
 * updated once the ICV verifies, before decryption and the padding check).
 * @param reason the error
 * @return true for padding errors
 */
bool
IsPostIcvError(DropReason reason)
{
    return reason == DropReason::BAD_PAD_LENGTH || reason == DropReason::BAD_PADDING;
}

} // namespace

TypeId
EspProtocol::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ipsec::EspProtocol")
                            .SetParent<IpsecL4Protocol>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<EspProtocol>();
    return tid;
}

int
EspProtocol::GetProtocolNumber() const
{
    return PROT_NUMBER;
}

enum IpL4Protocol::RxStatus
EspProtocol::Receive(Ptr<Packet> p,
                     const Ipv4Header& header,
                     Ptr<Ipv4Interface> /* incomingInterface */)
{
    NS_LOG_FUNCTION(this << p << header);
    ProcessInbound(p, header, InboundContext());
    return RX_OK;
}

void
EspProtocol::ProcessInbound(Ptr<Packet> p, const Ipv4Header& header, InboundContext ctx)
{
    if (header.GetSerializedSize() != 20)
    {
        // IP options (only from emulated links): ns-3's Ipv4Header does not re-serialize them
        m_stack->Drop(header, p, DropReason::MALFORMED);
        return;
    }
    const std::vector<uint8_t>& esp = CopyToScratch(p);
    if (esp.size() < ESP_HEADER_SIZE)
    {
        m_stack->Drop(header, p, DropReason::TRUNCATED);
        return;
    }
    const uint32_t spi = ReadU32(esp.data());
    Ptr<SecurityAssociation> sa =
        m_stack->GetSad().FindInbound(spi, header.GetDestination(), IpsecProtocol::ESP);
    if (!sa)
    {
        NS_LOG_LOGIC("no inbound ESP SA for spi " << spi << " dst " << header.GetDestination());
        m_stack->Drop(header, p, DropReason::NO_SA);
        return;
    }
    uint64_t seq = 0;
    DropReason reason = sa->CheckReplay(ReadU32(esp.data() + 4), seq);
    if (reason != DropReason::NONE)
    {
        m_stack->Drop(header, p, reason, sa);
        return;
    }
    Ptr<CryptoEngine> engine = m_stack->GetCryptoEngine();
    if (!engine)
    {
        Open(p, header, ctx, sa, seq);
        return;
    }
    // The ICV check and decryption take the engine's time; the window is updated when they end,
    // so packets that parallel workers reorder meet the window in their new order.
    Ptr<EspProtocol> self(this);
    if (!engine->Submit(engine->GetServiceTime(sa->GetCryptoOperation(false), p->GetSize()),
                        [self, p, header, ctx, sa, seq]() { self->Open(p, header, ctx, sa, seq); }))
    {
        m_stack->Drop(header, p, DropReason::QUEUE_FULL, sa);
    }
}

void
EspProtocol::Open(Ptr<Packet> p,
                  const Ipv4Header& header,
                  InboundContext ctx,
                  Ptr<SecurityAssociation> sa,
                  uint64_t seq)
{
    const std::vector<uint8_t>& esp = CopyToScratch(p);
    uint8_t nextHeader = 0;
    DropReason reason = sa->GetEspCodec()->Decapsulate(ByteSpan(esp),
                                                       static_cast<uint32_t>(seq >> 32),
                                                       m_plain,
                                                       nextHeader);
    if (reason == DropReason::NONE || IsPostIcvError(reason))
    {
        DropReason windowReason = sa->UpdateReplay(seq);
        reason = reason == DropReason::NONE ? windowReason : reason;
    }
    if (reason != DropReason::NONE)
    {
        m_stack->Drop(header, p, reason, sa);
        return;
    }
    Ptr<Packet> payload = Create<Packet>(m_plain.data(), m_plain.size());
    CarriedTags::Pass(p, payload);
    sa->Account(payload, m_plain.size(), seq);
    NS_LOG_LOGIC("ESP in: " << sa->GetConfig().ToString() << " seq " << seq << " accepted, "
                            << esp.size() << " bytes -> " << m_plain.size());
    if (nextHeader == NEXT_HEADER_NONE)
    {
        NS_LOG_LOGIC("dummy packet (next header 59) discarded, RFC 4303 §2.6");
        return;
    }
    ctx.esp = sa;
    m_stack->DeliverInbound(ctx, payload, nextHeader, header);
}

Ptr<Packet>
EspProtocol::Protect(Ptr<SecurityAssociation> sa,
                     Ptr<const Packet> payload,
                     uint8_t nextHeader,
                     DropReason& reason)
{
    uint64_t seq = 0;
    reason = sa->NextSequence(seq);
    if (reason != DropReason::NONE)
    {
        return nullptr;
    }
    const std::vector<uint8_t>& in = CopyToScratch(payload);
    reason = sa->GetEspCodec()->Encapsulate(seq, nextHeader, ByteSpan(in), m_output);
    if (reason != DropReason::NONE)
    {
        return nullptr;
    }
    sa->Account(payload, in.size(), seq);
    NS_LOG_LOGIC("ESP out: " << sa->GetConfig().ToString() << " seq " << seq << ", " << in.size()
                             << " bytes -> " << m_output.size());
    return Create<Packet>(m_output.data(), m_output.size());
}

} // namespace ipsec
} // namespace ns3
