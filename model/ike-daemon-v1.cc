// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The IKE daemon's IKEv1 side: ISAKMP SAs on the same UDP port, told apart by the version byte
 * (strongSwan's charon does the same), their per-exchange retransmissions, and the hand-over of
 * their CHILD SAs to the installer the IKEv2 side uses.
 */

#include "ike-credential.h"
#include "ike-daemon.h"
#include "ipsec-config-error.h"
#include "ipsec-stack.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IkeDaemonV1");

void
IkeDaemon::CheckIkev1Connection(const IkePeerConfig& config, const std::string& what)
{
    const bool psk = config.localAuth == IkeAuthMethod::PSK;
    if (config.localAuth != config.remoteAuth ||
        (!psk && config.localAuth != IkeAuthMethod::PUBKEY))
    {
        throw ConfigError(what +
                          "IKEv1 negotiates one authentication method for both ends: "
                          "psk or pubkey on both (not " +
                          ToString(config.localAuth) + " and " + ToString(config.remoteAuth) +
                          "; EAP needs IKEv2)");
    }
    if (!psk &&
        (!config.credential || Ikev1SignatureAuthMethod(config.credential->privateKey.get()) == 0))
    {
        throw ConfigError(what + "IKEv1 signs with RSA or ECDSA keys (RFC 2409, RFC 4754), not "
                                 "this credential's key (Ed25519 has no IKEv1 method)");
    }
    // Each proposal must be one IKEv1 can carry (CBC ciphers, HMAC hashes); the encoders say
    // which transform is not.
    EncodeIkev1Phase1Sa(config.proposals, ikev1::AUTH_PSK, 0);
    for (const IkeProposal& p : config.proposals)
    {
        // IKEv1 negotiates one hash, for the PRF and nothing else: each integrity keyword must
        // name a PRF's hash (aes128-sha256-modp2048, not aes128-sha1-prfsha256-modp2048).
        auto same = [](const TransformInfo* a, const TransformInfo* b) {
            return std::string(a->opensslName) == b->opensslName;
        };
        for (const TransformInfo* integ : p.integrity)
        {
            if (std::none_of(p.prf.begin(), p.prf.end(), [&](auto* f) { return same(integ, f); }))
            {
                throw ConfigError(what + "IKEv1 proposal " + p.ToString() + ": " + integ->keyword +
                                  " is no PRF's hash (IKEv1 negotiates one hash for both)");
            }
        }
    }
    if (config.ikev1Mode == Ikev1Mode::AGGRESSIVE)
    {
        const uint16_t group = config.proposals.front().keyExchange.front();
        for (const IkeProposal& p : config.proposals)
        {
            for (uint16_t g : p.keyExchange)
            {
                if (g != group)
                {
                    throw ConfigError(what + "aggressive mode sends its KE payload before the "
                                             "choice: every IKE proposal must use one group "
                                             "(RFC 2409 §5.4)");
                }
            }
        }
    }
    for (const IkeChildConfig& child : config.children)
    {
        EncodeIkev1Phase2Sa(child.proposals, child.mode, 1, 0, child.ahProposals, 1);
    }
}

std::unique_ptr<Ikev1Sa>
IkeDaemon::NewIkev1Sa(bool initiator, std::shared_ptr<const IkePeerConfig> config, Ipv4Address peer)
{
    auto sa = std::make_unique<Ikev1Sa>(initiator, std::move(config), MakeSources());
    sa->SetMessageCallback(
        [this,
         peer](bool sent, const IkeHeader& h, const std::vector<Ikev1Payload>& p, bool request) {
            m_ikev1MessageTrace(sent, peer, h, p, request);
        });
    return sa;
}

void
IkeDaemon::InitiateV1(uint32_t connection, size_t child)
{
    Connection& c = m_connections[connection];
    const Ipv4Address peer = c.config->remoteAddress;
    auto sa = NewIkev1Sa(true, c.config, peer);
    std::vector<std::vector<uint8_t>> out = sa->Initiate(child);
    const uint64_t spi = sa->GetOwnCookie();
    IkeSaEntry& entry = m_sas[spi];
    entry.v1 = std::move(sa);
    entry.connection = connection;
    entry.peer = peer;
    c.ikeSa = spi;
    NS_LOG_INFO("node " << GetNode()->GetId() << " initiates " << c.config->name << " (IKEv1 "
                        << ToString(c.config->ikev1Mode) << " mode) to " << peer);
    SendV1(spi, std::move(out));
}

void
IkeDaemon::ProcessV1(Ipv4Address peer, const IkeHeader& h, const std::vector<uint8_t>& datagram)
{
    // Our ISAKMP SAs are keyed by our cookie: the initiator's if we started them, else ours as
    // responder (0 in the first message, and in its retransmissions).
    uint64_t spi = 0;
    auto mine = m_sas.find(h.initiatorSpi);
    if (mine != m_sas.end() && mine->second.v1 && mine->second.v1->IsInitiator())
    {
        spi = h.initiatorSpi;
    }
    else if (h.responderSpi != 0)
    {
        auto it = m_sas.find(h.responderSpi);
        if (it != m_sas.end() && it->second.v1 && !it->second.v1->IsInitiator() &&
            it->second.v1->GetCookieI() == h.initiatorSpi)
        {
            spi = h.responderSpi;
        }
    }
    else
    {
        for (const auto& [own, entry] : m_sas)
        {
            if (entry.v1 && !entry.v1->IsInitiator() && entry.v1->GetCookieI() == h.initiatorSpi &&
                entry.peer == peer)
            {
                spi = own; // a retransmitted first message
                break;
            }
        }
        if (spi == 0 &&
            (h.exchangeType == ikev1::IDENTITY_PROTECTION || h.exchangeType == ikev1::AGGRESSIVE))
        {
            const int32_t found = FindResponderConnection(peer, 1);
            if (found < 0)
            {
                Drop(peer, "no-connection-for-peer");
                return;
            }
            auto sa = NewIkev1Sa(false, m_connections[found].config, peer);
            std::vector<std::vector<uint8_t>> reply = sa->Receive(ByteSpan(datagram));
            if (sa->GetState() == Ikev2SaState::CREATED || sa->GetState() == Ikev2SaState::FAILED)
            {
                // Refused (malformed, or NO_PROPOSAL_CHOSEN): no state is kept.
                if (!sa->GetDropReason().empty())
                {
                    Drop(peer, sa->GetDropReason());
                }
                Charge(peer, sa->TakeJobs(), [this, peer, reply]() {
                    for (const auto& d : reply)
                    {
                        Send(peer, d);
                    }
                });
                return;
            }
            const uint64_t own = sa->GetOwnCookie();
            IkeSaEntry& entry = m_sas[own];
            entry.v1 = std::move(sa);
            entry.connection = static_cast<uint32_t>(found);
            entry.peer = peer;
            if (m_connections[found].ikeSa == 0 &&
                m_connections[found].config->remoteAddress == peer)
            {
                m_connections[found].ikeSa = own;
            }
            SendV1(own, std::move(reply));
            return;
        }
    }
    auto it = m_sas.find(spi);
    if (spi == 0 || it == m_sas.end() || it->second.peer != peer)
    {
        Drop(peer, "unknown-ike-spi");
        return;
    }
    std::vector<std::vector<uint8_t>> reply = it->second.v1->Receive(ByteSpan(datagram));
    if (!it->second.v1->GetDropReason().empty())
    {
        Drop(peer, it->second.v1->GetDropReason());
    }
    else
    {
        it->second.heard = true;
    }
    SendV1(spi, std::move(reply));
}

void
IkeDaemon::SendV1(uint64_t spi, std::vector<std::vector<uint8_t>> datagrams)
{
    auto it = m_sas.find(spi);
    if (it == m_sas.end() || !it->second.v1)
    {
        return;
    }
    const Ipv4Address peer = it->second.peer;
    // The messages leave once the crypto engine has done the work; then act on the exchange.
    Charge(peer, it->second.v1->TakeJobs(), [this, peer, spi, datagrams]() {
        for (const auto& d : datagrams)
        {
            Send(peer, d);
        }
        AfterV1(spi);
    });
}

void
IkeDaemon::AfterV1(uint64_t spi)
{
    auto it = m_sas.find(spi);
    if (it == m_sas.end())
    {
        return;
    }
    IkeSaEntry& entry = it->second;
    Ikev1Sa& sa = *entry.v1;
    Connection& conn = m_connections[entry.connection];

    // Retransmission: one timer per exchange that waits for the peer's next message.
    const auto awaiting = sa.GetAwaiting();
    for (auto r = entry.v1Retransmits.begin(); r != entry.v1Retransmits.end();)
    {
        bool still = false;
        for (const auto& [mid, message] : awaiting)
        {
            still = still || (mid == r->first && message == r->second.message);
        }
        if (!still)
        {
            r->second.timer.Cancel();
            r = entry.v1Retransmits.erase(r);
        }
        else
        {
            ++r;
        }
    }
    for (const auto& [mid, message] : awaiting)
    {
        if (entry.v1Retransmits.count(mid) == 0)
        {
            V1Retransmit& r = entry.v1Retransmits[mid];
            r.message = message;
            r.timer =
                Simulator::Schedule(m_retransmitTimeout, &IkeDaemon::RetransmitV1, this, spi, mid);
        }
    }

    if (sa.HasKeys() && !entry.keysReported)
    {
        entry.keysReported = true;
        m_ikev1KeysTrace(sa.GetKeyInfo());
    }
    const Ikev2SaState state = sa.GetState();
    if (state != entry.state)
    {
        entry.state = state;
        NS_LOG_INFO("node " << GetNode()->GetId() << " ISAKMP SA " << conn.config->name << " "
                            << ToString(state) << (sa.GetError().empty() ? "" : " ")
                            << sa.GetError());
        m_stateTrace(conn.config->name, sa.GetCookieI(), sa.GetCookieR(), state);
        if (state == Ikev2SaState::ESTABLISHED)
        {
            AdoptV1(spi);
            ScheduleIkeRekey(spi);
        }
    }
    HandleEvents(spi);
    auto again = m_sas.find(spi);
    if (again == m_sas.end())
    {
        return;
    }
    if (state == Ikev2SaState::ESTABLISHED && !again->second.dpd.IsRunning() &&
        conn.config->dpdDelay.IsStrictlyPositive())
    {
        again->second.dpd =
            Simulator::Schedule(conn.config->dpdDelay, &IkeDaemon::CheckPeer, this, spi);
    }
    if (state == Ikev2SaState::FAILED || state == Ikev2SaState::DELETED)
    {
        Remove(spi);
    }
}

void
IkeDaemon::RetransmitV1(uint64_t spi, uint32_t messageId)
{
    if (!m_running)
    {
        return;
    }
    auto it = m_sas.find(spi);
    if (it == m_sas.end())
    {
        return;
    }
    IkeSaEntry& entry = it->second;
    auto r = entry.v1Retransmits.find(messageId);
    if (r == entry.v1Retransmits.end())
    {
        return;
    }
    if (r->second.attempts >= m_retransmitTries)
    {
        NS_LOG_INFO("node " << GetNode()->GetId() << ": giving up after " << r->second.attempts
                            << " retransmissions (IKEv1 message ID " << messageId << ")");
        entry.v1Retransmits.erase(r);
        entry.v1->GiveUp(messageId);
        AfterV1(spi);
        return;
    }
    r->second.attempts++;
    IkeHeader h;
    IkeHeader::Parse(ByteSpan(r->second.message), h);
    m_retransmitTrace(entry.peer, h, r->second.attempts);
    Send(entry.peer, r->second.message);
    r->second.timer =
        Simulator::Schedule(m_retransmitTimeout * std::pow(m_retransmitBase, r->second.attempts),
                            &IkeDaemon::RetransmitV1,
                            this,
                            spi,
                            messageId);
}

void
IkeDaemon::ScheduleIkev1Rekey(uint64_t spi)
{
    IkeSaEntry& entry = m_sas.at(spi);
    const IkePeerConfig& config = *m_connections[entry.connection].config;
    Time rekey = config.rekeyTime;
    Time over = config.overTime.IsStrictlyNegative() ? rekey * 0.1 : config.overTime;
    Time rand = config.randTime.IsStrictlyNegative() ? rekey * 0.1 : config.randTime;
    const Time agreed = entry.v1->GetLifetime();
    const Time own = rekey.IsStrictlyPositive() ? rekey + over : Seconds(0);
    if (agreed.IsStrictlyPositive() && (own.IsZero() || agreed < own))
    {
        // A shorter lifetime the ends agreed on (the initiator's offer, or the responder's
        // RESPONDER-LIFETIME) holds: the same schedule, scaled down to it (strongSwan's 10 %
        // over_time when this end has none).
        const double scale = own.IsZero() ? 1.0 : agreed.GetSeconds() / own.GetSeconds();
        rekey = own.IsZero() ? agreed * (1 / 1.1) : rekey * scale;
        over = agreed - rekey;
        rand = own.IsZero() ? rekey * 0.1 : rand * scale;
    }
    if (!rekey.IsStrictlyPositive())
    {
        return;
    }
    entry.ikeRekey.Cancel();
    entry.ikeExpire.Cancel();
    if (!entry.v1->IsInitiator())
    {
        // The initiator reauthenticates (strongSwan's IKEv1 reauth); a replacement adopts the
        // IPsec SAs before this fires.
        entry.ikeExpire = Simulator::Schedule(rekey + over, &IkeDaemon::ExpireIke, this, spi);
        return;
    }
    const Time at = Max(rekey - Seconds(m_random->GetValue(0, rand.GetSeconds())), Seconds(0));
    entry.ikeRekey = Simulator::Schedule(at, &IkeDaemon::RekeyIke, this, spi);
    entry.ikeExpire = Simulator::Schedule(at + over, &IkeDaemon::ExpireIke, this, spi);
}

void
IkeDaemon::ReauthenticateV1(uint64_t spi)
{
    auto it = m_sas.find(spi);
    if (!m_running || it == m_sas.end() || it->second.v1->GetState() != Ikev2SaState::ESTABLISHED)
    {
        return;
    }
    for (const auto& [own, other] : m_sas)
    {
        if (other.replaces == spi)
        {
            return; // already under way
        }
    }
    const uint32_t connection = it->second.connection;
    const Ipv4Address peer = it->second.peer;
    auto sa = NewIkev1Sa(true, m_connections[connection].config, peer);
    std::vector<std::vector<uint8_t>> out = sa->Reauthenticate();
    const uint64_t next = sa->GetOwnCookie();
    IkeSaEntry& entry = m_sas[next];
    entry.v1 = std::move(sa);
    entry.connection = connection;
    entry.peer = peer;
    entry.replaces = spi;
    NS_LOG_INFO("node " << GetNode()->GetId() << " reauthenticates ISAKMP SA "
                        << m_connections[connection].config->name);
    SendV1(next, std::move(out));
}

void
IkeDaemon::AdoptV1(uint64_t spi)
{
    IkeSaEntry& entry = m_sas.at(spi);
    // The ISAKMP SA it replaces: ours if we reauthenticated, else the connection's other one
    // with the same peer (the peer reauthenticated).
    uint64_t oldSpi = 0;
    if (entry.replaces != 0 && m_sas.count(entry.replaces) != 0)
    {
        oldSpi = entry.replaces;
    }
    for (const auto& [own, other] : m_sas)
    {
        if (oldSpi == 0 && own != spi && other.v1 && other.connection == entry.connection &&
            other.peer == entry.peer && other.v1->GetState() == Ikev2SaState::ESTABLISHED)
        {
            oldSpi = own;
        }
    }
    if (oldSpi == 0)
    {
        return;
    }
    IkeSaEntry& old = m_sas.at(oldSpi);
    MoveChildren(old, entry, spi);
    entry.v1->AdoptChildren(old.v1->TakeChildren());
    Connection& conn = m_connections[entry.connection];
    if (conn.ikeSa == oldSpi || conn.ikeSa == 0)
    {
        conn.ikeSa = spi;
    }
    old.ikeRekey.Cancel();
    old.dpd.Cancel();
    NS_LOG_INFO("node " << GetNode()->GetId() << " ISAKMP SA " << conn.config->name
                        << " reauthenticated: the new one has the IPsec SAs");
    m_ikeRekeyTrace(conn.config->name,
                    old.v1->GetCookieI(),
                    old.v1->GetCookieR(),
                    entry.v1->GetCookieI(),
                    entry.v1->GetCookieR());
    if (entry.replaces == oldSpi)
    {
        // Its last IPsec SA gone, its Delete deletes the ISAKMP SA alone.
        old.ikeExpire.Cancel();
        SaDelete(oldSpi);
    }
    // The responder keeps the old one until the peer's Delete (or its own lifetime).
}

Ikev2SaState
IkeDaemon::StateOf(const IkeSaEntry& entry)
{
    return entry.v1 ? entry.v1->GetState() : entry.sa->GetState();
}

void
IkeDaemon::SaDelete(uint64_t spi)
{
    auto it = m_sas.find(spi);
    if (it == m_sas.end())
    {
        return;
    }
    if (it->second.v1)
    {
        SendV1(spi, it->second.v1->Delete());
    }
    else
    {
        SendFrom(spi, it->second.sa->Delete());
    }
}

void
IkeDaemon::SaDeleteChild(uint64_t spi, uint32_t inboundSpi)
{
    auto it = m_sas.find(spi);
    if (it == m_sas.end())
    {
        return;
    }
    if (it->second.v1)
    {
        SendV1(spi, it->second.v1->DeleteChild(inboundSpi));
    }
    else
    {
        SendFrom(spi, it->second.sa->DeleteChild(inboundSpi));
    }
}

} // namespace ipsec
} // namespace ns3
