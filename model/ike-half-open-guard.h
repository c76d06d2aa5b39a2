// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * A responder's defences against half-open IKE SAs: cookies (RFC 7296 §2.6) and a per-source
 * limit, as strongSwan's receiver applies them (charon.cookie_threshold, block_threshold).
 */
#ifndef IKE_HALF_OPEN_GUARD_H
#define IKE_HALF_OPEN_GUARD_H

#include "ipsec-byte-span.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief A stateless IKEv2 cookie, strongSwan's construction (src/libcharon/network/
 * receiver.c, cookie_build):
 * @verbatim
 COOKIE = t | SHA-1(IPi | SPIi | t | secret)
 @endverbatim
 * t is the time the cookie was made (32 bits), IPi the initiator's address, SPIi its SPI; all
 * fields in network byte order here (strongSwan writes t and SPIi in host order). 24 bytes.
 * @param secret the responder's secret
 * @param t the time in seconds
 * @param initiator IPi
 * @param spiI SPIi
 * @return the cookie
 */
std::vector<uint8_t> MakeIkeCookie(ByteSpan secret,
                                   uint32_t t,
                                   Ipv4Address initiator,
                                   uint64_t spiI);

/**
 * @ingroup ipsec
 * @brief Counts a responder's half-open IKE SAs (IKE_SA_INIT answered, IKE_AUTH not yet done)
 * and decides, for each new IKE_SA_INIT request, whether it may create state, as strongSwan's
 * receiver does (src/libcharon/network/receiver.c, drop_ike_sa_init):
 *  - when the half-open SAs reach CookieThreshold, or those of the request's source reach
 *    CookieThresholdIp, only a request whose first payload is a valid COOKIE notification may
 *    (RFC 7296 §2.6); the others get a cookie, and no state is kept. Cookies stay required
 *    for COOKIE_CALMDOWN_DELAY after the threshold was last reached, so that a legitimate
 *    initiator's retransmissions are not answered now with a cookie, now without;
 *  - then, a source with BlockThreshold half-open SAs gets nothing.
 * A cookie is valid for COOKIE_LIFETIME from when it was made, under the current secret.
 */
class IkeHalfOpenGuard
{
  public:
    /// What to do with an IKE_SA_INIT request.
    enum Verdict : uint8_t
    {
        ACCEPT,      ///< create the IKE SA
        SEND_COOKIE, ///< answer with a COOKIE notification only, keep nothing
        BLOCK,       ///< drop: the source has too many half-open IKE SAs
    };

    /**
     * @brief Set the thresholds.
     * @param cookieThreshold half-open IKE SAs from which cookies are required (0: never)
     * @param cookieThresholdIp half-open IKE SAs of one source from which it must send a
     * cookie (0: never)
     * @param blockThreshold half-open IKE SAs per source from which it is ignored (0: never)
     */
    void SetThresholds(uint32_t cookieThreshold,
                       uint32_t cookieThresholdIp,
                       uint32_t blockThreshold);

    /**
     * @brief Where the secrets cookies are made with come from: drawn when the first cookie is
     * made, and again when one is made COOKIE_SECRET_SWITCH after the secret's first use (the
     * previous secret still verifies the cookies made before), as strongSwan does.
     * @param source returns a new secret (strongSwan's SECRET_LENGTH: 16 random bytes)
     */
    void SetSecretSource(std::function<std::vector<uint8_t>()> source);

    /**
     * @brief Decide on a new IKE_SA_INIT request.
     * @param peer its source
     * @param spiI its SPIi
     * @param cookie the data of its first payload if that is a COOKIE notification (else empty)
     * @param now the time
     * @param reply receives the response to send for SEND_COOKIE: the cookie response's
     * COOKIE data
     * @return the verdict
     */
    Verdict Check(Ipv4Address peer,
                  uint64_t spiI,
                  const std::vector<uint8_t>& cookie,
                  Time now,
                  std::vector<uint8_t>& reply);

    /**
     * @brief Whether cookies are required now, from anyone or from a source.
     * @param peer the source
     * @param now the time
     * @return true if a request from it must carry a valid cookie
     */
    bool CookieRequired(Ipv4Address peer, Time now);

    /**
     * @brief Count a new half-open IKE SA.
     * @param spi the responder's SPI of it
     * @param peer its initiator
     */
    void Add(uint64_t spi, Ipv4Address peer);
    /**
     * @brief It is no longer half-open (authenticated, failed, removed).
     * @param spi the responder's SPI
     */
    void Remove(uint64_t spi);

    /// @return the half-open IKE SAs
    size_t GetHalfOpen() const;
    /**
     * @param peer a source
     * @return the half-open IKE SAs it started
     */
    uint32_t GetHalfOpenFrom(Ipv4Address peer) const;

    /// strongSwan's COOKIE_LIFETIME: how long a cookie is valid, in seconds.
    static constexpr uint32_t COOKIE_LIFETIME = 10;
    /// strongSwan's COOKIE_CALMDOWN_DELAY, in seconds.
    static constexpr uint32_t COOKIE_CALMDOWN_DELAY = 10;
    /// strongSwan's COOKIE_SECRET_SWITCH: a secret's life from its first use, in seconds.
    static constexpr uint32_t COOKIE_SECRET_SWITCH = 120;

  private:
    uint32_t m_cookieThreshold{30};  ///< CookieThreshold
    uint32_t m_cookieThresholdIp{3}; ///< CookieThresholdIp
    uint32_t m_blockThreshold{5};    ///< BlockThreshold
    /**
     * @brief A cookie for a request now, with the current secret (drawn or switched here).
     * @param peer IPi
     * @param spiI SPIi
     * @param seconds now
     * @return the cookie
     */
    std::vector<uint8_t> NewCookie(Ipv4Address peer, uint64_t spiI, uint32_t seconds);

    std::function<std::vector<uint8_t>()> m_secretSource; ///< new secrets
    std::vector<uint8_t> m_secret;                        ///< cookie secret
    std::vector<uint8_t> m_oldSecret;                     ///< the one before
    uint32_t m_secretFirstUse{0};               ///< when m_secret made its first cookie (s)
    std::map<uint64_t, uint32_t> m_halfOpen;    ///< half-open IKE SAs: SPI -> source
    std::map<uint32_t, uint32_t> m_perPeer;     ///< half-open IKE SAs per source
    Time m_lastThreshold{Seconds(-1)};          ///< when the global threshold was last reached
    std::map<uint32_t, Time> m_lastThresholdIp; ///< the same per source
};

} // namespace ipsec
} // namespace ns3

#endif /* IKE_HALF_OPEN_GUARD_H */
