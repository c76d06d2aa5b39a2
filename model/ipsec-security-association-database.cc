// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-security-association-database.h"

#include "ipsec-config-error.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <sstream>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecSecurityAssociationDatabase");

SecurityAssociationDatabase::SecurityAssociationDatabase()
    : m_onSoft(MakeCallback(&SecurityAssociationDatabase::OnSoft, this)),
      m_onHard(MakeCallback(&SecurityAssociationDatabase::OnHard, this))
{
}

SecurityAssociationDatabase::~SecurityAssociationDatabase()
{
    Clear();
}

SecurityAssociationDatabase::Key
SecurityAssociationDatabase::MakeKey(const SecurityAssociation& sa)
{
    const SaConfig& c = sa.GetConfig();
    return Key(c.spi, c.destination.Get(), static_cast<uint8_t>(c.protocol));
}

void
SecurityAssociationDatabase::Add(Ptr<SecurityAssociation> sa)
{
    NS_ASSERT(sa);
    Key key = MakeKey(*sa);
    auto it = m_bySpi.find(key);
    if (it != m_bySpi.end())
    {
        std::ostringstream os;
        os << "SA " << sa->GetConfig().ToString() << ": SPI already used by SA "
           << it->second->GetConfig().ToString()
           << " (an SPI must be unique per destination and protocol, RFC 4301 §4.1)";
        throw ConfigError(os.str());
    }
    m_bySpi[key] = sa;
    m_all.push_back(sa);
    const SaConfig& c = sa->GetConfig();
    if (c.direction == SaDirection::OUTBOUND)
    {
        m_outbound[{c.reqid, static_cast<uint8_t>(c.protocol)}].push_back(sa);
    }
    m_expired.erase(c.reqid);
    sa->SetInstallTime(Simulator::Now());
    sa->SetExpireCallbacks(m_onSoft, m_onHard);
    std::vector<EventId>& timers = m_timers[PeekPointer(sa)];
    if (c.lifetime.softTime.IsStrictlyPositive())
    {
        timers.push_back(
            Simulator::Schedule(c.lifetime.softTime, &SecurityAssociation::SoftExpire, sa));
    }
    if (c.lifetime.hardTime.IsStrictlyPositive())
    {
        timers.push_back(
            Simulator::Schedule(c.lifetime.hardTime, &SecurityAssociation::HardExpire, sa));
    }
    NS_LOG_INFO("installed " << c.ToString());
}

bool
SecurityAssociationDatabase::Remove(Ptr<SecurityAssociation> sa)
{
    auto it = m_bySpi.find(MakeKey(*sa));
    if (it == m_bySpi.end() || it->second != sa)
    {
        return false;
    }
    m_bySpi.erase(it);
    m_all.erase(std::remove(m_all.begin(), m_all.end(), sa), m_all.end());
    const SaConfig& c = sa->GetConfig();
    auto out = m_outbound.find({c.reqid, static_cast<uint8_t>(c.protocol)});
    if (out != m_outbound.end())
    {
        auto& v = out->second;
        v.erase(std::remove(v.begin(), v.end(), sa), v.end());
        if (v.empty())
        {
            m_outbound.erase(out);
        }
    }
    auto timers = m_timers.find(PeekPointer(sa));
    if (timers != m_timers.end())
    {
        for (auto& e : timers->second)
        {
            e.Cancel();
        }
        m_timers.erase(timers);
    }
    sa->SetExpireCallbacks(ExpireCallback(), ExpireCallback());
    NS_LOG_INFO("removed " << c.ToString());
    return true;
}

Ptr<SecurityAssociation>
SecurityAssociationDatabase::FindOutboundBySpi(uint32_t spi,
                                               Ipv4Address destination,
                                               IpsecProtocol protocol) const
{
    auto it = m_bySpi.find(Key(spi, destination.Get(), static_cast<uint8_t>(protocol)));
    if (it == m_bySpi.end() || it->second->GetConfig().direction != SaDirection::OUTBOUND)
    {
        return nullptr;
    }
    return it->second;
}

Ptr<SecurityAssociation>
SecurityAssociationDatabase::FindInbound(uint32_t spi,
                                         Ipv4Address destination,
                                         IpsecProtocol protocol) const
{
    auto it = m_bySpi.find(Key(spi, destination.Get(), static_cast<uint8_t>(protocol)));
    if (it == m_bySpi.end() || it->second->GetConfig().direction != SaDirection::INBOUND)
    {
        return nullptr;
    }
    return it->second;
}

Ptr<SecurityAssociation>
SecurityAssociationDatabase::FindOutbound(uint32_t reqid, IpsecProtocol protocol) const
{
    auto it = m_outbound.find({reqid, static_cast<uint8_t>(protocol)});
    if (it == m_outbound.end() || it->second.empty())
    {
        return nullptr;
    }
    return it->second.back();
}

bool
SecurityAssociationDatabase::HasExpired(uint32_t reqid) const
{
    return m_expired.count(reqid) != 0;
}

const std::vector<Ptr<SecurityAssociation>>&
SecurityAssociationDatabase::GetAll() const
{
    return m_all;
}

void
SecurityAssociationDatabase::SetExpireCallbacks(ExpireCallback soft, ExpireCallback hard)
{
    m_soft = soft;
    m_hard = hard;
}

void
SecurityAssociationDatabase::OnSoft(Ptr<SecurityAssociation> sa)
{
    if (!m_soft.IsNull())
    {
        m_soft(sa);
    }
}

void
SecurityAssociationDatabase::OnHard(Ptr<SecurityAssociation> sa)
{
    if (Remove(sa))
    {
        m_expired[sa->GetConfig().reqid] = true;
    }
    if (!m_hard.IsNull())
    {
        m_hard(sa);
    }
}

void
SecurityAssociationDatabase::Clear()
{
    auto all = m_all;
    for (auto& sa : all)
    {
        Remove(sa);
    }
    m_expired.clear();
}

} // namespace ipsec
} // namespace ns3
