// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-security-association.h"

#include "ipsec-config-error.h"
#include "ipsec-constants.h"
#include "ipsec-crypto-operation.h"
#include "ipsec-openssl-util.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <iomanip>
#include <limits>
#include <sstream>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecSecurityAssociation");
NS_OBJECT_ENSURE_REGISTERED(SecurityAssociation);

namespace
{

/**
 * Check one soft/hard pair.
 * @param name the limit's name for the message
 * @param soft soft limit (0 = none)
 * @param hard hard limit (0 = none)
 */
void
CheckPair(const char* name, uint64_t soft, uint64_t hard)
{
    if (soft != 0 && hard != 0 && soft >= hard)
    {
        throw ConfigError(std::string("SA lifetime: the soft ") + name + " limit (" +
                          std::to_string(soft) + ") must be below the hard limit (" +
                          std::to_string(hard) + ")");
    }
}

/**
 * Whether an address was left unset.
 * @param a the address
 * @return true for 0.0.0.0 or the uninitialised placeholder
 */
bool
IsUnset(Ipv4Address a)
{
    return a == Ipv4Address() || a == Ipv4Address::GetAny();
}

} // namespace

void
SaLifetime::Validate() const
{
    if (softTime.IsStrictlyNegative() || hardTime.IsStrictlyNegative())
    {
        throw ConfigError("SA lifetime: times must not be negative");
    }
    if (!softTime.IsZero() && !hardTime.IsZero() && softTime >= hardTime)
    {
        std::ostringstream os;
        os << "SA lifetime: the soft time limit (" << softTime.GetSeconds()
           << " s) must be below the hard limit (" << hardTime.GetSeconds() << " s)";
        throw ConfigError(os.str());
    }
    CheckPair("bytes", softBytes, hardBytes);
    CheckPair("packets", softPackets, hardPackets);
}

bool
SaConfig::IsEsn() const
{
    return protocol == IpsecProtocol::ESP ? espSuite.esn : esn;
}

std::string
SaConfig::ToString() const
{
    std::ostringstream os;
    os << protocol << ' ' << mode << ' ' << source << "->" << destination << " spi 0x" << std::hex
       << std::setw(8) << std::setfill('0') << spi << std::dec << ' ';
    if (protocol == IpsecProtocol::ESP)
    {
        os << espSuite.ToString();
    }
    else
    {
        os << (ahIntegrity != nullptr ? ahIntegrity->keyword : "?") << (esn ? "-esn" : "");
        if (ahAlignment != AH_ALIGNMENT_IPV4)
        {
            os << " align" << ahAlignment;
        }
    }
    if (crypto == CryptoMode::MODELED)
    {
        os << " (modeled crypto)";
    }
    return os.str();
}

void
ParseAhProposal(const std::string& text, const TransformInfo*& integrity, bool& esn)
{
    integrity = nullptr;
    esn = false;
    std::istringstream in(text);
    std::string token;
    while (std::getline(in, token, '-'))
    {
        for (auto& c : token)
        {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (token == "esn" || token == "noesn")
        {
            esn = token == "esn";
            continue;
        }
        const TransformInfo* t = FindTransformByKeyword(token);
        if (t == nullptr || t->type != TransformType::INTEG || t->id == 0)
        {
            throw ConfigError("AH proposal '" + text + "': '" + token +
                              "' is not an integrity algorithm; use one of " +
                              ListKeywords(TransformType::INTEG));
        }
        if (integrity != nullptr)
        {
            throw ConfigError("AH proposal '" + text +
                              "': give exactly one integrity algorithm for manual keying");
        }
        integrity = t;
    }
    if (integrity == nullptr)
    {
        throw ConfigError("AH proposal '" + text + "' names no integrity algorithm");
    }
}

TypeId
SecurityAssociation::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ipsec::SecurityAssociation")
            .SetParent<Object>()
            .SetGroupName("Ipsec")
            .AddTraceSource("Tx",
                            "A packet was protected with this SA (packet before protection).",
                            MakeTraceSourceAccessor(&SecurityAssociation::m_txTrace),
                            "ns3::ipsec::SecurityAssociation::PacketSeqTracedCallback")
            .AddTraceSource("Rx",
                            "A packet was accepted on this SA (packet after removal).",
                            MakeTraceSourceAccessor(&SecurityAssociation::m_rxTrace),
                            "ns3::ipsec::SecurityAssociation::PacketSeqTracedCallback")
            .AddTraceSource("Drop",
                            "A packet was dropped on this SA, with the reason.",
                            MakeTraceSourceAccessor(&SecurityAssociation::m_dropTrace),
                            "ns3::ipsec::SecurityAssociation::DropTracedCallback")
            .AddTraceSource("SoftExpire",
                            "A soft lifetime limit was reached (rekey now).",
                            MakeTraceSourceAccessor(&SecurityAssociation::m_softTrace),
                            "ns3::ipsec::SecurityAssociation::ExpireTracedCallback")
            .AddTraceSource("HardExpire",
                            "A hard lifetime limit was reached; the SA is removed.",
                            MakeTraceSourceAccessor(&SecurityAssociation::m_hardTrace),
                            "ns3::ipsec::SecurityAssociation::ExpireTracedCallback");
    return tid;
}

SecurityAssociation::SecurityAssociation()
    : m_replay(0, false),
      m_lastSeq(0)
{
}

SecurityAssociation::SecurityAssociation(const SaConfig& config)
    : m_config(config),
      m_replay(config.direction == SaDirection::INBOUND ? config.replayWindow : 0, config.IsEsn()),
      m_lastSeq(config.initialSequence)
{
    const std::string what = "SA " + config.ToString() + ": ";
    if (config.spi <= SPI_RESERVED_MAX)
    {
        throw ConfigError(what + "SPI values 0-255 are reserved (RFC 4303 §2.1); use 256 or more");
    }
    if (config.reqid == 0)
    {
        throw ConfigError(what + "reqid 0 links to no policy; give the policy's reqid");
    }
    if (IsUnset(config.source) || IsUnset(config.destination))
    {
        throw ConfigError(what + (config.mode == IpsecMode::TUNNEL
                                      ? "tunnel mode needs both tunnel endpoints"
                                      : "needs the source and destination addresses"));
    }
    if (config.IsEsn() && config.direction == SaDirection::INBOUND && config.replayWindow == 0)
    {
        // The receiver infers the high 32 bits from the window (RFC 4303 Appendix A2.2): with
        // none, every packet that arrives late would be taken for the next 2^32 and fail its
        // ICV. Linux refuses it too (xfrm_init_replay).
        throw ConfigError(what + "ESN needs an anti-replay window (at least 1 packet) to infer "
                                 "the high sequence bits (RFC 4303 Appendix A2.2)");
    }
    if (config.protocol == IpsecProtocol::ESP && config.espSuite.confidentialityOnly &&
        config.direction == SaDirection::INBOUND && config.replayWindow != 0)
    {
        // Without an ICV a forged sequence number would move the window (RFC 4303 §3.4.3).
        throw ConfigError(what + "anti-replay needs integrity; set the replay window to 0 for "
                                 "confidentiality-only ESP");
    }
    if (!config.IsEsn() && config.initialSequence >= std::numeric_limits<uint32_t>::max())
    {
        throw ConfigError(what + "initial sequence number beyond 2^32-1 needs ESN");
    }
    if (config.replayHighest != 0)
    {
        if (config.direction != SaDirection::INBOUND)
        {
            throw ConfigError(what + "a replay preset (highest sequence number received) is for "
                                     "inbound SAs; preset an outbound SA's initial sequence "
                                     "number instead");
        }
        if (!config.IsEsn() && config.replayHighest > std::numeric_limits<uint32_t>::max())
        {
            throw ConfigError(what + "a highest received sequence number beyond 2^32-1 needs ESN");
        }
        m_replay.Preset(config.replayHighest);
    }
    if (config.protocol != IpsecProtocol::AH && config.ahAlignment != AH_ALIGNMENT_IPV4)
    {
        throw ConfigError(what + "the AH alignment applies to AH SAs only; leave it at 4 for ESP");
    }
    config.lifetime.Validate();
    try
    {
        if (config.protocol == IpsecProtocol::ESP)
        {
            m_operationOut = EspOperation(config.espSuite, true);
            m_operationIn = EspOperation(config.espSuite, false);
            m_esp = std::make_unique<EspCodec>(config.spi,
                                               config.espSuite,
                                               ByteSpan(config.encryptionKey),
                                               ByteSpan(config.integrityKey),
                                               config.crypto,
                                               config.direction == SaDirection::OUTBOUND
                                                   ? CryptoUse::ENCRYPT
                                                   : CryptoUse::DECRYPT);
        }
        else if (config.protocol == IpsecProtocol::AH)
        {
            if (config.ahIntegrity == nullptr)
            {
                throw ConfigError("AH needs an integrity algorithm");
            }
            if (!config.encryptionKey.empty())
            {
                throw ConfigError("AH does not encrypt, but an encryption key was given");
            }
            m_operationOut = AhOperation(*config.ahIntegrity, true);
            m_operationIn = AhOperation(*config.ahIntegrity, false);
            m_ah = std::make_unique<AhCodec>(config.spi,
                                             *config.ahIntegrity,
                                             ByteSpan(config.integrityKey),
                                             config.esn,
                                             config.crypto,
                                             config.ahAlignment);
        }
        else
        {
            throw ConfigError("an SA is ESP or AH; an ESP+AH bundle is two SAs with one reqid");
        }
    }
    catch (const ConfigError& e)
    {
        throw ConfigError(what + e.GetDetail());
    }
    // Manual keying and IKE both end here: warn (once per process and algorithm) about a
    // broken algorithm kept for labs (DES, HMAC-MD5-96).
    const bool esp = config.protocol == IpsecProtocol::ESP;
    for (const TransformInfo* row : {esp ? config.espSuite.encryption : nullptr,
                                     esp ? config.espSuite.integrity : config.ahIntegrity})
    {
        if (row != nullptr)
        {
            WarnIfBroken(*row);
            if (row->type == TransformType::ENCR)
            {
                PrepareLegacyCipher(row->opensslName);
            }
        }
    }
}

SecurityAssociation::~SecurityAssociation() = default;

void
SecurityAssociation::DoDispose()
{
    m_softCallback = ExpireCallback();
    m_hardCallback = ExpireCallback();
    Object::DoDispose();
}

const SaConfig&
SecurityAssociation::GetConfig() const
{
    return m_config;
}

uint32_t
SecurityAssociation::GetSpi() const
{
    return m_config.spi;
}

const SaCounters&
SecurityAssociation::GetCounters() const
{
    return m_counters;
}

EspCodec*
SecurityAssociation::GetEspCodec() const
{
    return m_esp.get();
}

AhCodec*
SecurityAssociation::GetAhCodec() const
{
    return m_ah.get();
}

const ReplayWindow&
SecurityAssociation::GetReplayWindow() const
{
    return m_replay;
}

DropReason
SecurityAssociation::NextSequence(uint64_t& seq)
{
    const uint64_t limit = m_config.IsEsn() ? std::numeric_limits<uint64_t>::max()
                                            : std::numeric_limits<uint32_t>::max();
    if (m_lastSeq >= limit)
    {
        // RFC 4303 §3.3.3: the counter must not cycle; a new SA is needed.
        HardExpire();
        return DropReason::SEQ_OVERFLOW;
    }
    seq = ++m_lastSeq;
    return DropReason::NONE;
}

const std::string&
SecurityAssociation::GetCryptoOperation(bool outbound) const
{
    return outbound ? m_operationOut : m_operationIn; // per packet with an engine: no string work
}

DropReason
SecurityAssociation::CheckReplay(uint32_t seqLow, uint64_t& seq) const
{
    return m_replay.Check(seqLow, seq);
}

DropReason
SecurityAssociation::UpdateReplay(uint64_t seq)
{
    return m_replay.Update(seq);
}

void
SecurityAssociation::Account(Ptr<const Packet> packet, uint32_t payloadBytes, uint64_t seq)
{
    m_counters.packets++;
    m_counters.bytes += payloadBytes;
    m_counters.highestSeq = std::max(m_counters.highestSeq, seq);
    m_counters.lastUse = Simulator::Now();
    if (m_config.direction == SaDirection::OUTBOUND)
    {
        m_txTrace(packet, seq);
    }
    else
    {
        m_rxTrace(packet, seq);
    }
    if (m_stackTrace != nullptr)
    {
        (*m_stackTrace)(packet, seq, Ptr<SecurityAssociation>(this));
    }
    const SaLifetime& lt = m_config.lifetime;
    if ((lt.hardPackets != 0 && m_counters.packets >= lt.hardPackets) ||
        (lt.hardBytes != 0 && m_counters.bytes >= lt.hardBytes))
    {
        HardExpire();
    }
    else if ((lt.softPackets != 0 && m_counters.packets >= lt.softPackets) ||
             (lt.softBytes != 0 && m_counters.bytes >= lt.softBytes))
    {
        SoftExpire();
    }
}

void
SecurityAssociation::CountDrop(Ptr<const Packet> packet, DropReason reason)
{
    switch (reason)
    {
    case DropReason::REPLAY:
        m_counters.replayDrops++;
        break;
    case DropReason::ICV_FAILURE:
        m_counters.icvFailures++;
        break;
    default:
        m_counters.otherDrops++;
        break;
    }
    m_dropTrace(packet, reason);
}

bool
SecurityAssociation::IsSoftExpired() const
{
    return m_softExpired;
}

bool
SecurityAssociation::IsHardExpired() const
{
    return m_hardExpired;
}

void
SecurityAssociation::SoftExpire()
{
    if (m_softExpired || m_hardExpired)
    {
        return;
    }
    NS_LOG_INFO("soft expiry of " << m_config.ToString());
    m_softExpired = true;
    Ptr<SecurityAssociation> self(this);
    m_softTrace(self);
    ExpireCallback cb = m_softCallback; // the SAD may reset the callbacks while it runs
    if (!cb.IsNull())
    {
        cb(self);
    }
}

void
SecurityAssociation::HardExpire()
{
    if (m_hardExpired)
    {
        return;
    }
    NS_LOG_INFO("hard expiry of " << m_config.ToString());
    m_hardExpired = true;
    Ptr<SecurityAssociation> self(this);
    m_hardTrace(self);
    ExpireCallback cb = m_hardCallback; // the SAD resets the callbacks while it runs
    if (!cb.IsNull())
    {
        cb(self);
    }
}

void
SecurityAssociation::SetExpireCallbacks(ExpireCallback soft, ExpireCallback hard)
{
    m_softCallback = soft;
    m_hardCallback = hard;
}

void
SecurityAssociation::SetStackPacketTrace(StackPacketTrace* trace)
{
    m_stackTrace = trace;
}

void
SecurityAssociation::SetInstallTime(Time t)
{
    m_installTime = t;
}

Time
SecurityAssociation::GetInstallTime() const
{
    return m_installTime;
}

void
SecurityAssociation::SetPathMtu(uint16_t mtu, Time expires)
{
    m_pathMtu = mtu;
    m_pathMtuExpires = expires;
}

uint16_t
SecurityAssociation::GetPathMtu() const
{
    return m_pathMtu != 0 && Simulator::Now() < m_pathMtuExpires ? m_pathMtu : 0;
}

} // namespace ipsec
} // namespace ns3
