// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-attack-ike-mitm.h"

#include "ike-config.h"
#include "ike-header.h"
#include "ike-proposal.h"
#include "ikev2-sa.h"

#include "ns3/ipv4-address.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace ipsec
{

NS_OBJECT_ENSURE_REGISTERED(IkeMitmAttack);

TypeId
IkeMitmAttack::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ipsec::IkeMitmAttack")
            .SetParent<Attack>()
            .SetGroupName("Ipsec")
            .AddConstructor<IkeMitmAttack>()
            .AddAttribute("Psk",
                          "The pre-shared key it authenticates with: its guess",
                          StringValue("not-the-psk"),
                          MakeStringAccessor(&IkeMitmAttack::m_psk),
                          MakeStringChecker())
            .AddAttribute("Victim",
                          "The responder it impersonates (0.0.0.0: whoever an IKE request is "
                          "sent to)",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&IkeMitmAttack::m_victim),
                          MakeIpv4AddressChecker())
            .AddAttribute("IkeProposals",
                          "The IKE proposals it accepts (strongSwan syntax)",
                          StringValue("aes128-sha256-modp2048,aes256-sha256-modp2048,"
                                      "aes128-sha256-ecp256,aes128gcm16-prfsha256-ecp256,"
                                      "aes256gcm16-prfsha384-ecp384,aes128-sha256-curve25519"),
                          MakeStringAccessor(&IkeMitmAttack::m_ikeProposals),
                          MakeStringChecker())
            .AddAttribute("EspProposals",
                          "The ESP proposals it accepts",
                          StringValue("aes128gcm16,aes256gcm16,aes128-sha256,aes256-sha256,"
                                      "aes128-sha1,aes256-sha512,chacha20poly1305"),
                          MakeStringAccessor(&IkeMitmAttack::m_espProposals),
                          MakeStringChecker())
            .AddAttribute("Port",
                          "The IKE port",
                          UintegerValue(500),
                          MakeUintegerAccessor(&IkeMitmAttack::m_port),
                          MakeUintegerChecker<uint16_t>());
    return tid;
}

IkeMitmAttack::IkeMitmAttack()
    : m_random(CreateObject<UniformRandomVariable>())
{
}

IkeMitmAttack::~IkeMitmAttack() = default;

void
IkeMitmAttack::Attach(AttackContext& ctx)
{
    m_ctx = &ctx;
    m_config = std::make_shared<IkePeerConfig>();
    m_config->name = "mitm";
    m_config->proposals = ParseIkeProposals(m_ikeProposals);
    m_config->psk.assign(m_psk.begin(), m_psk.end());
    IkeChildConfig child;
    child.name = "mitm";
    child.localTs = {IkeTsSide()}; // any: whatever the initiator proposes
    child.remoteTs = {IkeTsSide()};
    child.proposals = ParseChildProposals(m_espProposals);
    m_config->children = {child};
}

AttackVerdict
IkeMitmAttack::DoProcess(AttackPacket& packet, AttackContext& /* ctx */)
{
    uint16_t sport = 0;
    uint16_t dport = 0;
    std::vector<uint8_t> data;
    IkeHeader h;
    if (!ReadUdpAttackPacket(packet, sport, dport, data) || dport != m_port ||
        (m_victim != Ipv4Address::GetAny() && packet.header.GetDestination() != m_victim) ||
        IkeHeader::Parse(ByteSpan(data), h) != IkeParseError::NONE || h.majorVersion != 2 ||
        !h.IsInitiator())
    {
        return AttackVerdict::FORWARD;
    }
    // From the original initiator: the responder must not hear it.
    Count("intercepted", packet);
    Simulator::ScheduleNow(&IkeMitmAttack::Answer, this, packet, std::move(data));
    return AttackVerdict::DROP;
}

void
IkeMitmAttack::DoObserve(const AttackPacket& /* packet */, AttackContext& /* ctx */)
{
    // Off the path it cannot keep the responder from answering: nothing to do.
}

int64_t
IkeMitmAttack::DoAssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

void
IkeMitmAttack::Answer(AttackPacket packet, std::vector<uint8_t> message)
{
    IkeHeader h;
    IkeHeader::Parse(ByteSpan(message), h);
    const Ipv4Address initiator = packet.header.GetSource();
    const Ipv4Address responder = packet.header.GetDestination();
    const std::pair<uint32_t, uint64_t> key{initiator.Get(), h.initiatorSpi};
    auto it = m_sas.find(key);
    if (it == m_sas.end())
    {
        if (h.exchangeType != ikev2::IKE_SA_INIT || h.responderSpi != 0 || h.IsResponse())
        {
            return; // an IKE SA it did not set up
        }
        auto config = std::make_shared<IkePeerConfig>(*m_config);
        config->localAddress = responder;
        config->remoteAddress = initiator;
        config->localId = IkeIdentity::Ipv4(responder);
        config->remoteId = IkeIdentity::Ipv4(initiator);
        Ikev2Sources sources;
        Ptr<UniformRandomVariable> random = m_random;
        sources.bytes = [random](uint8_t* out, size_t n) { FillRandomBytes(random, out, n); };
        sources.allocateSpi = [random]() { return random->GetInteger(0x100, 0xfffffffe); };
        it = m_sas.emplace(key, std::make_unique<Ikev2Sa>(false, config, sources)).first;
    }
    Ikev2Sa& sa = *it->second;
    const Ikev2SaState before = sa.GetState();
    const std::vector<uint8_t> reply = sa.Receive(ByteSpan(message));
    sa.TakeJobs(); // its own time is not modelled
    for (const Ikev2Event& e : sa.TakeEvents())
    {
        if (e.type != Ikev2Event::CHILD_UP && e.type != Ikev2Event::CHILD_REKEYED)
        {
            continue;
        }
        if (e.child.proposal.protocol != IpsecProtocol::ESP)
        {
            continue;
        }
        EspSaKeys in;
        in.source = initiator;
        in.destination = responder;
        in.spi = e.child.inboundSpi;
        in.suite = e.child.proposal.GetEspSuite();
        in.encryptionKey = e.child.inbound.encryptionKey;
        in.integrityKey = e.child.inbound.integrityKey;
        EspSaKeys out = in;
        out.source = responder;
        out.destination = initiator;
        out.spi = e.child.outboundSpi;
        out.encryptionKey = e.child.outbound.encryptionKey;
        out.integrityKey = e.child.outbound.integrityKey;
        m_keys.push_back(in);
        m_keys.push_back(out);
    }
    if (sa.GetState() != before && sa.GetState() == Ikev2SaState::ESTABLISHED)
    {
        Count("established", packet);
    }
    else if (sa.GetState() != before && sa.GetState() == Ikev2SaState::FAILED)
    {
        Count("failed", packet);
    }
    if (!reply.empty())
    {
        const AttackPacket answer =
            MakeUdpAttackPacket(responder, initiator, m_port, m_port, reply);
        if (m_ctx->Inject(answer))
        {
            Count("answered", answer);
        }
    }
}

std::vector<EspSaKeys>
IkeMitmAttack::GetEspSaKeys() const
{
    return m_keys;
}

} // namespace ipsec
} // namespace ns3
