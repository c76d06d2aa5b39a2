// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-attack-ike-flood.h"

#include "ike-key-exchange.h"
#include "ike-proposal.h"
#include "ikev2-message.h"
#include "ikev2-proposal-codec.h"

#include "ns3/ipv4-address.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace ipsec
{

NS_OBJECT_ENSURE_REGISTERED(IkeFloodAttack);

TypeId
IkeFloodAttack::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ipsec::IkeFloodAttack")
            .SetParent<Attack>()
            .SetGroupName("Ipsec")
            .AddConstructor<IkeFloodAttack>()
            .AddAttribute("Target",
                          "The responder flooded",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&IkeFloodAttack::m_target),
                          MakeIpv4AddressChecker())
            .AddAttribute("Count",
                          "How many IKE_SA_INIT requests are sent",
                          UintegerValue(100),
                          MakeUintegerAccessor(&IkeFloodAttack::m_count),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Interval",
                          "Time between two requests",
                          TimeValue(MilliSeconds(1)),
                          MakeTimeAccessor(&IkeFloodAttack::m_interval),
                          MakeTimeChecker(MicroSeconds(1)))
            .AddAttribute("SourceBase",
                          "The first of the spoofed source addresses",
                          Ipv4AddressValue(Ipv4Address("10.99.0.0")),
                          MakeIpv4AddressAccessor(&IkeFloodAttack::m_sourceBase),
                          MakeIpv4AddressChecker())
            .AddAttribute("SourceCount",
                          "How many source addresses, from SourceBase, are drawn from",
                          UintegerValue(65536),
                          MakeUintegerAccessor(&IkeFloodAttack::m_sourceCount),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("Proposals",
                          "The IKE proposals the requests offer (the first one's group is "
                          "the KE payload's)",
                          StringValue("aes128-sha256-modp2048"),
                          MakeStringAccessor(&IkeFloodAttack::m_proposals),
                          MakeStringChecker())
            .AddAttribute("Port",
                          "The IKE port",
                          UintegerValue(500),
                          MakeUintegerAccessor(&IkeFloodAttack::m_port),
                          MakeUintegerChecker<uint16_t>());
    return tid;
}

IkeFloodAttack::IkeFloodAttack()
    : m_random(CreateObject<UniformRandomVariable>())
{
}

void
IkeFloodAttack::Attach(AttackContext& ctx)
{
    m_ctx = &ctx;
    ParseIkeProposals(m_proposals); // fail early
    Simulator::Schedule(Max(GetStart() - Simulator::Now(), Seconds(0)),
                        &IkeFloodAttack::Send,
                        this);
}

int64_t
IkeFloodAttack::DoAssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

void
IkeFloodAttack::Send()
{
    if (m_sent >= m_count || HasStopped())
    {
        return;
    }
    Simulator::Schedule(m_interval, &IkeFloodAttack::Send, this);
    Ikev2Message m;
    if (m_template.empty())
    {
        // The SA and KE payloads once; each request then differs in SPIi and nonce.
        const std::vector<IkeProposal> proposals = ParseIkeProposals(m_proposals);
        Ikev2SaPayload sa;
        for (const IkeProposal& p : proposals)
        {
            sa.proposals.push_back(ToIkev2(p));
        }
        KeyExchange ke(proposals.front().keyExchange.front());
        ke.GeneratePrivateKey(m_random);
        m.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_SA, sa));
        m.payloads.push_back(
            Ikev2Payload::Make(ikev2::PAYLOAD_KE,
                               Ikev2KePayload{ke.GetGroup().ianaId, ke.GetPublicValue()}));
        m.header.exchangeType = ikev2::IKE_SA_INIT;
        m.header.flags = IkeHeader::FLAG_INITIATOR;
        m_template = m.Serialize();
    }
    uint8_t critical = 0;
    Ikev2Message::Parse(ByteSpan(m_template), m, critical);
    const std::vector<uint8_t> spi = RandomBytes(m_random, 8);
    m.header.initiatorSpi = 0;
    for (uint8_t b : spi)
    {
        m.header.initiatorSpi = m.header.initiatorSpi << 8 | b;
    }
    Ikev2NoncePayload nonce;
    nonce.data = RandomBytes(m_random, 32);
    m.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_NONCE, nonce));
    const Ipv4Address source(m_sourceBase.Get() + m_random->GetInteger(0, m_sourceCount - 1));
    const AttackPacket request =
        MakeUdpAttackPacket(source, m_target, m_port, m_port, m.Serialize());
    if (m_ctx->Inject(request))
    {
        m_sent++;
        Count("sent", request);
    }
    else
    {
        Count("no-route", request);
    }
}

} // namespace ipsec
} // namespace ns3
