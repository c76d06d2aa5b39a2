// SPDX-License-Identifier: GPL-2.0-only
#include "ike-half-open-guard.h"

#include <openssl/evp.h>

namespace ns3
{
namespace ipsec
{

std::vector<uint8_t>
MakeIkeCookie(ByteSpan secret, uint32_t t, Ipv4Address initiator, uint64_t spiI)
{
    std::vector<uint8_t> input(4 + 8 + 4);
    WriteU32(input.data(), initiator.Get());
    WriteU32(input.data() + 4, static_cast<uint32_t>(spiI >> 32));
    WriteU32(input.data() + 8, static_cast<uint32_t>(spiI));
    WriteU32(input.data() + 12, t);
    input.insert(input.end(), secret.data, secret.data + secret.size);
    std::vector<uint8_t> cookie(4 + 20);
    WriteU32(cookie.data(), t);
    unsigned int length = 0;
    EVP_Digest(input.data(), input.size(), cookie.data() + 4, &length, EVP_sha1(), nullptr);
    return cookie;
}

void
IkeHalfOpenGuard::SetThresholds(uint32_t cookieThreshold,
                                uint32_t cookieThresholdIp,
                                uint32_t blockThreshold)
{
    m_cookieThreshold = cookieThreshold;
    m_cookieThresholdIp = cookieThresholdIp;
    m_blockThreshold = blockThreshold;
}

bool
IkeHalfOpenGuard::CookieRequired(Ipv4Address peer, Time now)
{
    const Time calm = Seconds(COOKIE_CALMDOWN_DELAY);
    bool required = false;
    if (m_cookieThreshold != 0)
    {
        if (m_halfOpen.size() >= m_cookieThreshold)
        {
            m_lastThreshold = now;
        }
        required = !m_lastThreshold.IsStrictlyNegative() && now < m_lastThreshold + calm;
    }
    if (m_cookieThresholdIp != 0)
    {
        if (GetHalfOpenFrom(peer) >= m_cookieThresholdIp)
        {
            m_lastThresholdIp[peer.Get()] = now;
        }
        auto it = m_lastThresholdIp.find(peer.Get());
        if (it != m_lastThresholdIp.end())
        {
            if (now < it->second + calm)
            {
                required = true;
            }
            else
            {
                m_lastThresholdIp.erase(it); // calm again: forget the source
            }
        }
    }
    return required;
}

void
IkeHalfOpenGuard::SetSecretSource(std::function<std::vector<uint8_t>()> source)
{
    m_secretSource = std::move(source);
}

std::vector<uint8_t>
IkeHalfOpenGuard::NewCookie(Ipv4Address peer, uint64_t spiI, uint32_t seconds)
{
    if (m_secret.empty())
    {
        m_secret = m_secretSource ? m_secretSource() : std::vector<uint8_t>(16, 0);
        m_secretFirstUse = seconds;
    }
    else if (seconds - m_secretFirstUse > COOKIE_SECRET_SWITCH && m_secretSource)
    {
        m_oldSecret = std::move(m_secret);
        m_secret = m_secretSource();
        m_secretFirstUse = seconds;
    }
    return MakeIkeCookie(ByteSpan(m_secret), seconds, peer, spiI);
}

IkeHalfOpenGuard::Verdict
IkeHalfOpenGuard::Check(Ipv4Address peer,
                        uint64_t spiI,
                        const std::vector<uint8_t>& cookie,
                        Time now,
                        std::vector<uint8_t>& reply)
{
    // strongSwan's receiver: the cookie first, then the per-source limit.
    if (CookieRequired(peer, now))
    {
        const auto seconds = static_cast<uint32_t>(now.GetSeconds());
        bool valid = false;
        if (cookie.size() == 24 && !m_secret.empty())
        {
            // Made with the current secret if made since its first use, else with the old one.
            const uint32_t t = ReadU32(cookie.data());
            const std::vector<uint8_t>& secret = t >= m_secretFirstUse ? m_secret : m_oldSecret;
            valid = t <= seconds && seconds - t <= COOKIE_LIFETIME && !secret.empty() &&
                    MakeIkeCookie(ByteSpan(secret), t, peer, spiI) == cookie;
        }
        if (!valid)
        {
            reply = NewCookie(peer, spiI, seconds);
            return SEND_COOKIE;
        }
    }
    if (m_blockThreshold != 0 && GetHalfOpenFrom(peer) >= m_blockThreshold)
    {
        return BLOCK;
    }
    return ACCEPT;
}

void
IkeHalfOpenGuard::Add(uint64_t spi, Ipv4Address peer)
{
    if (m_halfOpen.emplace(spi, peer.Get()).second)
    {
        m_perPeer[peer.Get()]++;
    }
}

void
IkeHalfOpenGuard::Remove(uint64_t spi)
{
    auto it = m_halfOpen.find(spi);
    if (it == m_halfOpen.end())
    {
        return;
    }
    auto peer = m_perPeer.find(it->second);
    if (peer != m_perPeer.end() && --peer->second == 0)
    {
        m_perPeer.erase(peer);
    }
    m_halfOpen.erase(it);
}

size_t
IkeHalfOpenGuard::GetHalfOpen() const
{
    return m_halfOpen.size();
}

uint32_t
IkeHalfOpenGuard::GetHalfOpenFrom(Ipv4Address peer) const
{
    auto it = m_perPeer.find(peer.Get());
    return it == m_perPeer.end() ? 0 : it->second;
}

} // namespace ipsec
} // namespace ns3
