// SPDX-License-Identifier: GPL-2.0-only

#include "ikev1-psk-crack.h"

#include "ikev1-keymat.h"
#include "ikev1-message.h"
#include "ikev1-proposal-codec.h"
#include "ipsec-crypto-factory.h"

#include <iomanip>
#include <sstream>

namespace ns3
{
namespace ipsec
{

namespace
{

/**
 * @brief The body of the first payload of a type.
 * @param payloads the payloads
 * @param type the type
 * @return the body (empty if none)
 */
std::vector<uint8_t>
BodyOf(const std::vector<Ikev1Payload>& payloads, uint8_t type)
{
    const Ikev1Payload* p = FindIkev1Payload(payloads, type);
    return p ? Ikev1PayloadBody(*p) : std::vector<uint8_t>{};
}

/**
 * @brief Bytes as lower-case hex.
 * @param b the bytes
 * @return the text
 */
std::string
Hex(const std::vector<uint8_t>& b)
{
    std::ostringstream os;
    for (uint8_t x : b)
    {
        os << std::hex << std::setw(2) << std::setfill('0') << int(x);
    }
    return os.str();
}

} // namespace

std::optional<Ikev1PskCrackData>
Ikev1PskCrackDataFrom(ByteSpan first, ByteSpan second, std::string& why)
{
    Ikev1Message m1;
    Ikev1Message m2;
    if (Ikev1Message::Parse(first, m1) != IkeParseError::NONE ||
        Ikev1Message::Parse(second, m2) != IkeParseError::NONE)
    {
        why = "not IKEv1 messages";
        return std::nullopt;
    }
    if (m1.header.initiatorSpi != m2.header.initiatorSpi || m2.header.responderSpi == 0 ||
        m1.header.exchangeType != m2.header.exchangeType)
    {
        why = "not the first two messages of one exchange";
        return std::nullopt;
    }
    if (m1.header.exchangeType == ikev1::IDENTITY_PROTECTION)
    {
        why = "main mode: the identities and HASHes travel encrypted with keys derived from g^xy, "
              "which a passive eavesdropper cannot compute; there is nothing to test a guessed "
              "key against";
        return std::nullopt;
    }
    if (m1.header.exchangeType != ikev1::AGGRESSIVE)
    {
        why = "not a phase-1 exchange";
        return std::nullopt;
    }
    Ikev1PskCrackData d;
    d.gxi = BodyOf(m1.payloads, ikev1::PAYLOAD_KE);
    d.ni = BodyOf(m1.payloads, ikev1::PAYLOAD_NONCE);
    d.saiBody = BodyOf(m1.payloads, ikev1::PAYLOAD_SA);
    d.gxr = BodyOf(m2.payloads, ikev1::PAYLOAD_KE);
    d.nr = BodyOf(m2.payloads, ikev1::PAYLOAD_NONCE);
    d.idirBody = BodyOf(m2.payloads, ikev1::PAYLOAD_ID);
    d.hashR = BodyOf(m2.payloads, ikev1::PAYLOAD_HASH);
    d.ckyI = Ikev1CookieBytes(m1.header.initiatorSpi);
    d.ckyR = Ikev1CookieBytes(m2.header.responderSpi);
    if (d.gxi.empty() || d.ni.empty() || d.saiBody.empty() || d.gxr.empty() || d.nr.empty() ||
        d.idirBody.empty() || d.hashR.empty())
    {
        why = "a payload HASH_R covers is missing";
        return std::nullopt;
    }
    // The hash (hence the PRF) is in the transform the responder chose.
    for (const auto& p : m2.payloads)
    {
        const auto* sa = std::get_if<Ikev1SaPayload>(&p.body);
        std::vector<Ikev1Phase1Transform> chosen;
        std::string error;
        if (sa && DecodeIkev1Phase1Sa(*sa, chosen, error) && chosen.size() == 1 &&
            !chosen.front().proposal.prf.empty())
        {
            d.prf = chosen.front().proposal.prf.front();
        }
    }
    if (!d.prf || d.prf->icvSize != d.hashR.size())
    {
        why = "the responder's hash is unknown, or HASH_R is not of its length";
        return std::nullopt;
    }
    return d;
}

bool
Ikev1PskMatches(const Ikev1PskCrackData& d, const std::string& psk)
{
    auto prf = CreatePrf(*d.prf);
    const std::vector<uint8_t> key(psk.begin(), psk.end());
    const std::vector<uint8_t> skeyid = Ikev1SkeyidPsk(*prf, key, d.ni, d.nr);
    return Ikev1Phase1Hash(*prf,
                           skeyid,
                           false,
                           d.gxi,
                           d.gxr,
                           d.ckyI,
                           d.ckyR,
                           d.saiBody,
                           d.idirBody) == d.hashR;
}

std::optional<std::string>
CrackIkev1Psk(const Ikev1PskCrackData& data,
              const std::vector<std::string>& dictionary,
              uint64_t* tries)
{
    uint64_t n = 0;
    for (const std::string& candidate : dictionary)
    {
        n++;
        if (Ikev1PskMatches(data, candidate))
        {
            if (tries)
            {
                *tries = n;
            }
            return candidate;
        }
    }
    if (tries)
    {
        *tries = n;
    }
    return std::nullopt;
}

std::string
ToPskCrackLine(const Ikev1PskCrackData& d)
{
    return Hex(d.gxr) + ":" + Hex(d.gxi) + ":" + Hex(d.ckyR) + ":" + Hex(d.ckyI) + ":" +
           Hex(d.saiBody) + ":" + Hex(d.idirBody) + ":" + Hex(d.ni) + ":" + Hex(d.nr) + ":" +
           Hex(d.hashR);
}

} // namespace ipsec
} // namespace ns3
