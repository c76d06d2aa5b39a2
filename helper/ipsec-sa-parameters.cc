// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-sa-parameters.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-constants.h"
#include "ns3/ipsec-ns3-compat.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace ipsec
{

NS_OBJECT_ENSURE_REGISTERED(SaParameters);

TypeId
SaParameters::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ipsec::SaParameters")
            .SetParent<Object>()
            .SetGroupName("Ipsec")
            .AddConstructor<SaParameters>()
            .AddAttribute("Protocol",
                          "Security protocol(s): esp, ah, or esp+ah (ESP inside AH).",
                          EnumValue(0),
                          compat::MakeEnumAccessor<int>(&SaParameters::SetProtocolValue,
                                                        &SaParameters::GetProtocolValue),
                          MakeEnumChecker(0, "esp", 1, "ah", 2, "esp+ah"))
            .AddAttribute("EspProposal",
                          "ESP algorithms in strongSwan syntax, one choice each "
                          "(e.g. aes128gcm16, aes256-sha256, chacha20poly1305-esn).",
                          StringValue("aes128gcm16"),
                          MakeStringAccessor(&SaParameters::m_espProposal),
                          MakeStringChecker())
            .AddAttribute("EncryptionOnly",
                          "Allow an ESP proposal without integrity (aes128, aes128ctr, ...): RFC "
                          "4303 §3.2 allows it, RFC 8221 §5 advises against it, and tampering "
                          "then goes undetected (CBC and CTR are malleable). A warning is "
                          "printed when such an SA is made.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&SaParameters::m_encryptionOnly),
                          MakeBooleanChecker())
            .AddAttribute("AhProposal",
                          "AH integrity algorithm in strongSwan syntax (e.g. sha256, sha1-esn).",
                          StringValue("sha256"),
                          MakeStringAccessor(&SaParameters::m_ahProposal),
                          MakeStringChecker())
            .AddAttribute("Esn",
                          "Use Extended Sequence Numbers (RFC 4303 §2.2.1), also settable "
                          "with -esn in the proposal.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&SaParameters::m_esn),
                          MakeBooleanChecker())
            .AddAttribute("ReplayWindow",
                          "Anti-replay window in packets, from 0 (off) to 4096 (Linux's largest, "
                          "XFRMA_REPLAY_ESN_MAX); strongSwan's default: 32.",
                          UintegerValue(DEFAULT_REPLAY_WINDOW),
                          MakeUintegerAccessor(&SaParameters::m_replayWindow),
                          MakeUintegerChecker<uint32_t>(0, MAX_REPLAY_WINDOW))
            .AddAttribute("SoftLifetime",
                          "Soft lifetime in time after installation (0 = none).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&SaParameters::m_softTime),
                          MakeTimeChecker())
            .AddAttribute("HardLifetime",
                          "Hard lifetime in time after installation (0 = none).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&SaParameters::m_hardTime),
                          MakeTimeChecker())
            .AddAttribute("SoftBytes",
                          "Soft lifetime in payload bytes (0 = none).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SaParameters::m_softBytes),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("HardBytes",
                          "Hard lifetime in payload bytes (0 = none).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SaParameters::m_hardBytes),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("SoftPackets",
                          "Soft lifetime in packets (0 = none).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SaParameters::m_softPackets),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("HardPackets",
                          "Hard lifetime in packets (0 = none).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SaParameters::m_hardPackets),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("InitialSequence",
                          "Outbound sequence number treated as already sent (to study "
                          "sequence-number exhaustion; the first packet gets this + 1).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SaParameters::m_initialSequence),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("AhAlignment",
                          "AH (IPv4): pad the header to a multiple of 4 bytes (RFC 4302 "
                          "§3.3.3.2.1) or 8 (Linux's default: `ip xfrm` SAs without `flag "
                          "align4`). With HMAC-SHA-256-128 the AH header is 28 or 32 bytes; "
                          "a peer with the other alignment drops every packet.",
                          UintegerValue(AH_ALIGNMENT_IPV4),
                          MakeUintegerAccessor(&SaParameters::m_ahAlignment),
                          MakeUintegerChecker<uint32_t>(AH_ALIGNMENT_IPV4, AH_ALIGNMENT_IPV6))
            .AddAttribute("Crypto",
                          "real: OpenSSL encrypts and authenticates; modeled: the same sizes, "
                          "sequence numbers and crypto-engine timing, but the payload is sent "
                          "in the clear with a zero ICV (no tamper detection; for very large "
                          "simulations).",
                          EnumValue(0),
                          compat::MakeEnumAccessor<int>(&SaParameters::SetCryptoValue,
                                                        &SaParameters::GetCryptoValue),
                          MakeEnumChecker(0, "real", 1, "modeled"));
    return tid;
}

SaParameters::SaParameters() = default;

SaParameters::~SaParameters() = default;

void
SaParameters::SetProtocolValue(int v)
{
    m_protocol = static_cast<IpsecProtocol>(v);
}

int
SaParameters::GetProtocolValue() const
{
    return static_cast<int>(m_protocol);
}

void
SaParameters::SetCryptoValue(int v)
{
    m_crypto = static_cast<CryptoMode>(v);
}

int
SaParameters::GetCryptoValue() const
{
    return static_cast<int>(m_crypto);
}

CryptoMode
SaParameters::GetCryptoMode() const
{
    return m_crypto;
}

IpsecProtocol
SaParameters::GetProtocol() const
{
    return m_protocol;
}

EspSuite
SaParameters::GetEspSuite() const
{
    if (m_encryptionOnly)
    {
        // "<cipher>" or "<cipher>-esn": proposal strings always name integrity, so the
        // encryption-only suite is read here, cipher keyword by keyword.
        const size_t dash = m_espProposal.find('-');
        const std::string cipher = m_espProposal.substr(0, dash);
        const std::string rest = dash == std::string::npos ? "" : m_espProposal.substr(dash + 1);
        const TransformInfo* encryption = FindTransformByKeyword(cipher);
        if (encryption != nullptr && encryption->type == TransformType::ENCR &&
            !encryption->IsAead() && (rest.empty() || rest == "esn" || rest == "noesn"))
        {
            EspSuite suite = EspSuite::ConfidentialityOnly(encryption); // refuses NULL
            suite.esn = rest == "esn" || m_esn;
            if (!m_warned)
            {
                m_warned = true;
                std::cerr << "ns3-ipsec warning: ESP " << m_espProposal
                          << " without integrity (EncryptionOnly): changed packets are "
                             "delivered changed (RFC 8221 section 5 advises against it)\n";
            }
            return suite;
        }
    }
    EspSuite suite;
    try
    {
        suite = EspSuite::Parse(m_espProposal);
    }
    catch (const ConfigError& e)
    {
        const std::string detail = e.GetDetail();
        if (detail.find("needs an integrity algorithm") != std::string::npos && !m_encryptionOnly)
        {
            throw ConfigError(detail + " (to study ESP without integrity, set the SA attribute "
                                       "EncryptionOnly=true and the replay window to 0)");
        }
        throw;
    }
    suite.esn = suite.esn || m_esn;
    return suite;
}

void
SaParameters::GetAh(const TransformInfo*& integrity, bool& esn) const
{
    ParseAhProposal(m_ahProposal, integrity, esn);
    esn = esn || m_esn;
}

uint32_t
SaParameters::GetReplayWindow() const
{
    return m_replayWindow;
}

SaLifetime
SaParameters::GetLifetime() const
{
    SaLifetime lt;
    lt.softTime = m_softTime;
    lt.hardTime = m_hardTime;
    lt.softBytes = m_softBytes;
    lt.hardBytes = m_hardBytes;
    lt.softPackets = m_softPackets;
    lt.hardPackets = m_hardPackets;
    return lt;
}

uint32_t
SaParameters::GetAhAlignment() const
{
    return m_ahAlignment;
}

uint64_t
SaParameters::GetInitialSequence() const
{
    return m_initialSequence;
}

} // namespace ipsec
} // namespace ns3
