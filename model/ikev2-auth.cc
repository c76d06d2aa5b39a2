// SPDX-License-Identifier: GPL-2.0-only
#include "ikev2-auth.h"

namespace ns3
{
namespace ipsec
{

std::vector<uint8_t>
Ikev2SignedOctets(ByteSpan firstMessage,
                  ByteSpan peerNonce,
                  Prf& prf,
                  ByteSpan skP,
                  const Ikev2IdPayload& id)
{
    const uint8_t idHeader[4] = {id.idType, 0, 0, 0};
    std::vector<uint8_t> octets(firstMessage.data, firstMessage.data + firstMessage.size);
    octets.insert(octets.end(), peerNonce.data, peerNonce.data + peerNonce.size);
    const size_t at = octets.size();
    octets.resize(at + prf.GetOutputSize());
    if (!prf.SetKey(skP) ||
        !prf.Compute({ByteSpan(idHeader, sizeof(idHeader)), ByteSpan(id.data)}, octets.data() + at))
    {
        return {};
    }
    return octets;
}

std::vector<uint8_t>
Ikev2PskAuth(Prf& prf, ByteSpan sharedSecret, ByteSpan octets)
{
    std::vector<uint8_t> padKey(prf.GetOutputSize());
    std::vector<uint8_t> auth(prf.GetOutputSize());
    const ByteSpan pad(reinterpret_cast<const uint8_t*>(IKEV2_KEY_PAD), sizeof(IKEV2_KEY_PAD) - 1);
    if (!prf.SetKey(sharedSecret) || !prf.Compute({pad}, padKey.data()) || !prf.SetKey(padKey) ||
        !prf.Compute({octets}, auth.data()))
    {
        return {};
    }
    return auth;
}

bool
Ikev2VerifyPskAuth(Prf& prf, ByteSpan sharedSecret, ByteSpan octets, ByteSpan auth)
{
    const std::vector<uint8_t> expected = Ikev2PskAuth(prf, sharedSecret, octets);
    return !expected.empty() && expected.size() == auth.size &&
           ConstantTimeEqual(expected.data(), auth.data, auth.size);
}

} // namespace ipsec
} // namespace ns3
