// SPDX-License-Identifier: GPL-2.0-only
#include "ikev1-keymat.h"

namespace ns3
{
namespace ipsec
{

namespace
{

/// prf(key, parts...) into a new vector (empty on failure).
std::vector<uint8_t>
PrfOf(Prf& prf, ByteSpan key, std::initializer_list<ByteSpan> parts)
{
    std::vector<uint8_t> out(prf.GetOutputSize());
    if (!prf.SetKey(key) || !prf.Compute(parts, out.data()))
    {
        return {};
    }
    return out;
}

/// hash(parts...), cut to a block (empty if the hash is shorter or failed).
std::vector<uint8_t>
HashToBlock(const EVP_MD* md, std::initializer_list<ByteSpan> parts, size_t blockSize)
{
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    uint8_t out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    bool ok = ctx && md && EVP_DigestInit_ex(ctx, md, nullptr) == 1;
    for (const ByteSpan& p : parts)
    {
        ok = ok && EVP_DigestUpdate(ctx, p.data, p.size) == 1;
    }
    ok = ok && EVP_DigestFinal_ex(ctx, out, &n) == 1;
    EVP_MD_CTX_free(ctx);
    if (!ok || n < blockSize)
    {
        return {};
    }
    return std::vector<uint8_t>(out, out + blockSize);
}

} // namespace

std::vector<uint8_t>
Ikev1SkeyidPsk(Prf& prf, ByteSpan psk, ByteSpan ni, ByteSpan nr)
{
    return PrfOf(prf, psk, {ni, nr});
}

std::vector<uint8_t>
Ikev1SkeyidSignature(Prf& prf, ByteSpan ni, ByteSpan nr, ByteSpan gxy)
{
    std::vector<uint8_t> key(ni.data, ni.data + ni.size);
    key.insert(key.end(), nr.data, nr.data + nr.size);
    return PrfOf(prf, key, {gxy});
}

Ikev1Keys
Ikev1DeriveKeys(Prf& prf,
                const std::vector<uint8_t>& skeyid,
                ByteSpan gxy,
                ByteSpan ckyI,
                ByteSpan ckyR)
{
    const uint8_t zero = 0;
    const uint8_t one = 1;
    const uint8_t two = 2;
    Ikev1Keys k;
    k.skeyid = skeyid;
    k.skeyidD = PrfOf(prf, skeyid, {gxy, ckyI, ckyR, ByteSpan(&zero, 1)});
    k.skeyidA = PrfOf(prf, skeyid, {k.skeyidD, gxy, ckyI, ckyR, ByteSpan(&one, 1)});
    k.skeyidE = PrfOf(prf, skeyid, {k.skeyidA, gxy, ckyI, ckyR, ByteSpan(&two, 1)});
    if (k.skeyidD.empty() || k.skeyidA.empty() || k.skeyidE.empty())
    {
        return Ikev1Keys{};
    }
    return k;
}

std::vector<uint8_t>
Ikev1EncryptionKey(Prf& prf, const std::vector<uint8_t>& skeyidE, size_t keyLength)
{
    if (skeyidE.size() >= keyLength)
    {
        return std::vector<uint8_t>(skeyidE.begin(), skeyidE.begin() + keyLength);
    }
    // Appendix B: Ka = K1 | K2 | ..., K1 = prf(SKEYID_e, 0), Kn = prf(SKEYID_e, Kn-1)
    std::vector<uint8_t> key;
    const uint8_t zero = 0;
    std::vector<uint8_t> k = PrfOf(prf, skeyidE, {ByteSpan(&zero, 1)});
    while (!k.empty())
    {
        key.insert(key.end(), k.begin(), k.end());
        if (key.size() >= keyLength)
        {
            key.resize(keyLength);
            return key;
        }
        k = PrfOf(prf, skeyidE, {k});
    }
    return {};
}

std::vector<uint8_t>
Ikev1Phase1Iv(const EVP_MD* md, ByteSpan gxi, ByteSpan gxr, size_t blockSize)
{
    return HashToBlock(md, {gxi, gxr}, blockSize);
}

std::vector<uint8_t>
Ikev1ExchangeIv(const EVP_MD* md, ByteSpan lastBlock, uint32_t messageId, size_t blockSize)
{
    uint8_t mid[4];
    WriteU32(mid, messageId);
    return HashToBlock(md, {lastBlock, ByteSpan(mid, 4)}, blockSize);
}

std::vector<uint8_t>
Ikev1Phase1Hash(Prf& prf,
                ByteSpan skeyid,
                bool initiator,
                ByteSpan gxi,
                ByteSpan gxr,
                ByteSpan ckyI,
                ByteSpan ckyR,
                ByteSpan saiBody,
                ByteSpan idBody)
{
    return initiator ? PrfOf(prf, skeyid, {gxi, gxr, ckyI, ckyR, saiBody, idBody})
                     : PrfOf(prf, skeyid, {gxr, gxi, ckyR, ckyI, saiBody, idBody});
}

std::vector<uint8_t>
Ikev1QuickModeHash(Prf& prf,
                   ByteSpan skeyidA,
                   int which,
                   uint32_t messageId,
                   ByteSpan ni,
                   ByteSpan rest)
{
    uint8_t mid[4];
    WriteU32(mid, messageId);
    const uint8_t zero = 0;
    switch (which)
    {
    case 1:
        return PrfOf(prf, skeyidA, {ByteSpan(mid, 4), rest});
    case 2:
        return PrfOf(prf, skeyidA, {ByteSpan(mid, 4), ni, rest});
    case 3:
        return PrfOf(prf, skeyidA, {ByteSpan(&zero, 1), ByteSpan(mid, 4), ni, rest});
    default:
        return {};
    }
}

std::vector<uint8_t>
Ikev1Keymat(Prf& prf,
            ByteSpan skeyidD,
            ByteSpan gxyQm,
            uint8_t protocol,
            ByteSpan spi,
            ByteSpan ni,
            ByteSpan nr,
            size_t length)
{
    std::vector<uint8_t> keymat;
    std::vector<uint8_t> k; // Kn-1 (empty for K1)
    while (keymat.size() < length)
    {
        k = PrfOf(prf, skeyidD, {k, gxyQm, ByteSpan(&protocol, 1), spi, ni, nr});
        if (k.empty())
        {
            return {};
        }
        keymat.insert(keymat.end(), k.begin(), k.end());
    }
    keymat.resize(length);
    return keymat;
}

} // namespace ipsec
} // namespace ns3
