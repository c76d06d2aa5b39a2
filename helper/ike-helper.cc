// SPDX-License-Identifier: GPL-2.0-only
#include "ike-helper.h"

#include "ipsec-factory-check.h"

#include "ns3/ikev2-eap-auth.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-stack.h"

#include <fstream>
#include <sstream>

namespace ns3
{
namespace ipsec
{

IkeHelper::IkeHelper()
    : m_proposals(ParseIkeProposals("aes128-sha256-modp2048")),
      m_childProposals(ParseChildProposals("aes128gcm16,aes128-sha256")),
      m_keys(std::make_shared<std::vector<Ikev2WiresharkKeys>>()),
      m_ikev1Keys(std::make_shared<std::vector<Ikev1SaKeyInfo>>())
{
    m_daemonFactory.SetTypeId(IkeDaemon::GetTypeId());
}

void
IkeHelper::SetDaemonAttribute(const std::string& name, const AttributeValue& value)
{
    SetFactoryAttributeChecked(m_daemonFactory, name, value, "IkeHelper::SetDaemonAttribute");
}

void
IkeHelper::SetProposals(const std::string& proposals)
{
    m_proposals = ParseIkeProposals(proposals);
}

void
IkeHelper::SetChildProposals(const std::string& proposals, const std::string& protocol)
{
    if (protocol != "esp" && protocol != "ah")
    {
        throw ConfigError("IkeHelper::SetChildProposals: protocol '" + protocol +
                          "' is neither esp nor ah");
    }
    m_childProposals =
        ParseChildProposals(proposals, protocol == "ah" ? IpsecProtocol::AH : IpsecProtocol::ESP);
}

void
IkeHelper::SetAhBundle(const std::string& ahProposals)
{
    m_ahBundle = ahProposals.empty() ? std::vector<ChildProposal>{}
                                     : ParseChildProposals(ahProposals, IpsecProtocol::AH);
}

void
IkeHelper::SetAuthentication(IkePeerConfig& c, Ipv4Address local, bool initiates)
{
    if (!m_pki)
    {
        if (IsEapMethod(m_eap))
        {
            throw ConfigError("IkeHelper::SetEap: the EAP server authenticates with a "
                              "certificate; call IkeHelper::SetCertificates too");
        }
        return;
    }
    c.localAuth = IkeAuthMethod::PUBKEY;
    c.remoteAuth = IkeAuthMethod::PUBKEY;
    if (IsEapMethod(m_eap) && initiates)
    {
        // the EAP client has no certificate of its own: it only trusts the CA
        auto trust = std::make_shared<IkeCredential>();
        trust->trustedCas.emplace_back(X509_dup(m_pki->GetCaCertificate()));
        c.credential = trust;
        c.localAuth = m_eap;
        c.eapIdentity = m_eapIdentity;
        c.eapPassword = m_eapPassword;
        return;
    }
    if (IsEapMethod(m_eap))
    {
        c.remoteAuth = m_eap;
        c.eapUsers = {{m_eapIdentity, m_eapServerPassword}};
    }
    c.credential = GetCredential(local);
    if (!c.credential)
    {
        std::ostringstream cn;
        local.Print(cn);
        auto credential = m_pki->Issue(cn.str(), {IkeIdentity::Ipv4(local)});
        m_credentials.emplace_back(local, credential);
        c.credential = credential;
    }
}

void
IkeHelper::SetEap(const std::string& method,
                  const std::string& identity,
                  const std::string& password,
                  const std::string& serverPassword)
{
    if (method == "none")
    {
        m_eap = IkeAuthMethod::PSK;
        return;
    }
    const IkeAuthMethod m = ParseIkeAuthMethod(method);
    if (!IsEapMethod(m))
    {
        throw ConfigError("IkeHelper::SetEap: \"" + method +
                          "\" is not an EAP method (eap-md5, eap-mschapv2)");
    }
    if (identity.empty() || password.empty())
    {
        throw ConfigError("IkeHelper::SetEap: give an EAP identity and a password");
    }
    m_eap = m;
    m_eapIdentity = identity;
    m_eapPassword = password;
    m_eapServerPassword = serverPassword.empty() ? password : serverPassword;
}

void
IkeHelper::SetFragmentation(bool on, uint32_t fragmentSize)
{
    if (fragmentSize < 576 || fragmentSize > 65535)
    {
        throw ConfigError("IkeHelper::SetFragmentation: a fragment size of " +
                          std::to_string(fragmentSize) + " bytes; give 576 to 65535");
    }
    m_fragmentation = on;
    m_fragmentSize = fragmentSize;
}

void
IkeHelper::SetCertificates(std::shared_ptr<IkeCertificateHelper> pki)
{
    m_pki = std::move(pki);
}

std::shared_ptr<const IkeCredential>
IkeHelper::GetCredential(Ipv4Address address) const
{
    for (const auto& [a, c] : m_credentials)
    {
        if (a == address)
        {
            return c;
        }
    }
    return nullptr;
}

void
IkeHelper::SetPsk(const std::string& psk)
{
    if (psk.empty())
    {
        throw ConfigError("IkeHelper::SetPsk: the pre-shared key is empty");
    }
    m_psk = psk;
}

void
IkeHelper::SetStartAction(IkeStartAction action)
{
    m_start = action;
}

void
IkeHelper::SetChildRekeyTime(Time rekeyTime, Time lifeTime, Time randTime)
{
    if (rekeyTime.IsStrictlyNegative() || lifeTime.IsStrictlyNegative() ||
        (lifeTime.IsStrictlyPositive() && rekeyTime.IsStrictlyPositive() && lifeTime <= rekeyTime))
    {
        throw ConfigError("IkeHelper::SetChildRekeyTime: rekey_time " +
                          std::to_string(rekeyTime.GetSeconds()) + " s and life_time " +
                          std::to_string(lifeTime.GetSeconds()) +
                          " s: both must be 0 or more, and life_time longer than rekey_time");
    }
    m_childTimes.rekeyTime = rekeyTime;
    m_childTimes.lifeTime = lifeTime;
    m_childTimes.randTime = randTime;
}

void
IkeHelper::SetIkeRekeyTime(Time rekeyTime, Time overTime)
{
    if (rekeyTime.IsStrictlyNegative())
    {
        throw ConfigError("IkeHelper::SetIkeRekeyTime: a negative rekey_time");
    }
    m_ikeRekeyTime = rekeyTime;
    m_ikeOverTime = overTime;
}

void
IkeHelper::SetIkeVersion(uint8_t version, Ikev1Mode mode)
{
    if (version != 1 && version != 2)
    {
        throw ConfigError("IkeHelper::SetIkeVersion: IKE version " + std::to_string(version) +
                          "; give 1 or 2");
    }
    m_version = version;
    m_ikev1Mode = mode;
}

void
IkeHelper::RecordIkev1Keys(std::shared_ptr<std::vector<Ikev1SaKeyInfo>> keys,
                           const Ikev1SaKeyInfo& sa)
{
    // Both ends derive the same keys: one line per ISAKMP SA.
    for (const Ikev1SaKeyInfo& other : *keys)
    {
        if (other.cookieI == sa.cookieI && other.cookieR == sa.cookieR)
        {
            return;
        }
    }
    keys->push_back(sa);
}

const std::vector<Ikev1SaKeyInfo>&
IkeHelper::GetIkev1Keys() const
{
    return *m_ikev1Keys;
}

void
IkeHelper::WriteIkev1KeyFile(const std::string& path) const
{
    std::ofstream os(path);
    if (!os)
    {
        throw ConfigError("cannot write the IKEv1 key file " + path);
    }
    WriteWiresharkIkev1Table(os, *m_ikev1Keys);
}

void
IkeHelper::WriteIkev1KeyLog(const std::string& path) const
{
    std::ofstream os(path);
    if (!os)
    {
        throw ConfigError("cannot write the IKEv1 key log " + path);
    }
    ::ns3::ipsec::WriteIkev1KeyLog(os, *m_ikev1Keys);
}

void
IkeHelper::SetDpdDelay(Time delay)
{
    if (delay.IsStrictlyNegative())
    {
        throw ConfigError("IkeHelper::SetDpdDelay: a negative dpd_delay");
    }
    m_dpdDelay = delay;
}

void
IkeHelper::SetChildDataPlane(const ChildSaDataPlane& settings)
{
    m_dataPlane = settings;
}

int64_t
IkeHelper::AssignStreams(int64_t stream)
{
    m_streamBase = stream;
    m_streamsUsed = 0;
    return MAX_DAEMONS;
}

void
IkeHelper::RecordKeys(std::shared_ptr<std::vector<Ikev2WiresharkKeys>> keys,
                      const Ikev2SaContext& sa)
{
    Ikev2WiresharkKeys k;
    k.spiI = sa.spiI;
    k.spiR = sa.spiR;
    k.encryption = sa.proposal.encryption.front();
    k.integrity = sa.proposal.integrity.empty() ? nullptr : sa.proposal.integrity.front();
    k.skEi = sa.keys.skEi;
    k.skEr = sa.keys.skEr;
    k.skAi = sa.keys.skAi;
    k.skAr = sa.keys.skAr;
    // Both ends derive the same keys: one line per IKE SA.
    for (const Ikev2WiresharkKeys& other : *keys)
    {
        if (other.spiI == k.spiI && other.spiR == k.spiR)
        {
            return;
        }
    }
    keys->push_back(std::move(k));
}

Ptr<IkeDaemon>
IkeHelper::GetDaemon(Ptr<Node> node)
{
    for (uint32_t i = 0; i < node->GetNApplications(); i++)
    {
        if (Ptr<IkeDaemon> d = DynamicCast<IkeDaemon>(node->GetApplication(i)))
        {
            return d;
        }
    }
    if (!node->GetObject<IpsecStack>())
    {
        throw ConfigError("node " + std::to_string(node->GetId()) +
                          " has no IPsec; call IpsecHelper::Install on it before adding IKE "
                          "connections");
    }
    Ptr<IkeDaemon> d = m_daemonFactory.Create<IkeDaemon>();
    if (m_streamBase >= 0)
    {
        if (m_streamsUsed >= MAX_DAEMONS)
        {
            throw ConfigError("IkeHelper::AssignStreams covers " + std::to_string(MAX_DAEMONS) +
                              " daemons; call it again");
        }
        d->AssignStreams(m_streamBase + m_streamsUsed++);
    }
    d->TraceConnectWithoutContext("IkeSaKeys", MakeBoundCallback(&IkeHelper::RecordKeys, m_keys));
    d->TraceConnectWithoutContext("Ikev1SaKeys",
                                  MakeBoundCallback(&IkeHelper::RecordIkev1Keys, m_ikev1Keys));
    node->AddApplication(d);
    d->SetStartTime(Seconds(0));
    return d;
}

uint32_t
IkeHelper::AddEnd(Ptr<IkeDaemon> daemon,
                  const std::string& name,
                  Ipv4Address local,
                  Ipv4Address remote,
                  const IkeTsSide& localTs,
                  const IkeTsSide& remoteTs,
                  IpsecMode mode,
                  IkeStartAction start,
                  bool initiates)
{
    IkePeerConfig c;
    c.name = name;
    c.localAddress = local;
    c.remoteAddress = remote;
    c.proposals = m_proposals;
    c.localId = IkeIdentity::Ipv4(local);
    c.remoteId = remote.IsAny() ? IkeIdentity::Any() : IkeIdentity::Ipv4(remote);
    c.psk.assign(m_psk.begin(), m_psk.end());
    c.version = m_version;
    c.ikev1Mode = m_ikev1Mode;
    SetAuthentication(c, local, initiates);
    c.fragmentation = m_fragmentation;
    c.fragmentSize = m_fragmentSize;
    c.rekeyTime = m_ikeRekeyTime;
    c.overTime = m_ikeOverTime;
    c.dpdDelay = m_dpdDelay;
    IkeChildConfig child = m_childTimes;
    child.name = name;
    child.localTs = {localTs};
    child.remoteTs = {remoteTs};
    child.proposals = m_childProposals;
    child.ahProposals = m_ahBundle;
    child.mode = mode;
    c.children = {child};
    return daemon->AddConnection(c, start, m_dataPlane);
}

IkeConnection
IkeHelper::AddTunnel(Ptr<Node> gwA,
                     Ipv4Address gwAAddr,
                     const AddressRange& subnetA,
                     Ptr<Node> gwB,
                     Ipv4Address gwBAddr,
                     const AddressRange& subnetB)
{
    IkeTsSide a;
    a.addresses = subnetA;
    IkeTsSide b;
    b.addresses = subnetB;
    const std::string name = "tunnel" + std::to_string(++m_connections);
    IkeConnection c;
    c.a = GetDaemon(gwA);
    c.b = GetDaemon(gwB);
    c.aIndex = AddEnd(c.a, name, gwAAddr, gwBAddr, a, b, IpsecMode::TUNNEL, m_start, true);
    c.bIndex =
        AddEnd(c.b, name, gwBAddr, gwAAddr, b, a, IpsecMode::TUNNEL, IkeStartAction::TRAP, false);
    return c;
}

uint32_t
IkeHelper::AddTunnelEnd(Ptr<Node> node,
                        Ipv4Address local,
                        const AddressRange& localNet,
                        Ipv4Address remote,
                        const AddressRange& remoteNet,
                        IkeStartAction start)
{
    IkeTsSide l;
    l.addresses = localNet;
    IkeTsSide r;
    r.addresses = remoteNet;
    return AddEnd(GetDaemon(node),
                  "tunnel" + std::to_string(++m_connections),
                  local,
                  remote,
                  l,
                  r,
                  IpsecMode::TUNNEL,
                  start,
                  start != IkeStartAction::NONE);
}

IkeConnection
IkeHelper::AddTransport(Ptr<Node> a,
                        Ipv4Address aAddr,
                        Ptr<Node> b,
                        Ipv4Address bAddr,
                        uint8_t protocol)
{
    IkeTsSide sa;
    sa.addresses = AddressRange::Single(aAddr);
    sa.protocol = protocol;
    IkeTsSide sb;
    sb.addresses = AddressRange::Single(bAddr);
    sb.protocol = protocol;
    const std::string name = "transport" + std::to_string(++m_connections);
    IkeConnection c;
    c.a = GetDaemon(a);
    c.b = GetDaemon(b);
    c.aIndex = AddEnd(c.a, name, aAddr, bAddr, sa, sb, IpsecMode::TRANSPORT, m_start, true);
    c.bIndex =
        AddEnd(c.b, name, bAddr, aAddr, sb, sa, IpsecMode::TRANSPORT, IkeStartAction::TRAP, false);
    return c;
}

const std::vector<Ikev2WiresharkKeys>&
IkeHelper::GetIkev2Keys() const
{
    return *m_keys;
}

void
IkeHelper::WriteKeyFile(const std::string& path) const
{
    std::ofstream os(path);
    if (!os)
    {
        throw ConfigError("cannot write the IKEv2 key file " + path);
    }
    WriteWiresharkIkev2Table(os, *m_keys);
}

} // namespace ipsec
} // namespace ns3
