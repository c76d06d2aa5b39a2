// SPDX-License-Identifier: GPL-2.0-only

#include "ikev2-keymat.h"

#include "ike-prf.h"
#include "ipsec-config-error.h"
#include "ipsec-crypto-factory.h"
#include "ipsec-openssl-util.h"

#include <algorithm>
#include <string>

namespace ns3
{
namespace ipsec
{

namespace
{

/// The first 64 bits of each nonce key SKEYSEED for PRFs that once took fixed 128-bit keys
/// (RFC 7296 §2.14): AES-XCBC-PRF-128 here; AES-CMAC-PRF-128 would join it.
constexpr size_t FIXED_KEY_NONCE_BYTES = 8;

bool
UsesNonceHeads(const TransformInfo& prf)
{
    return prf.kind == CryptoKind::XCBC;
}

[[noreturn]] void
ThrowCryptoFailure(const char* what)
{
    throw ConfigError(std::string("the crypto library failed to compute ") + what + " (" +
                      TakeOpensslError() + ")");
}

/// Refuse a transform of another type than the role needs.
void
CheckType(const TransformInfo* row, TransformType type, const std::string& role)
{
    if (row != nullptr && row->type != type)
    {
        throw ConfigError(role + ": expected a transform of type " + GetTransformTypeName(type) +
                          ", got " + row->ianaName + " (type " + GetTransformTypeName(row->type) +
                          ")");
    }
}

/// Refuse an integrity transform beside an AEAD cipher (RFC 5282 §8, RFC 7296 §3.3).
void
CheckAeadPairing(const TransformInfo* encryption,
                 const TransformInfo* integrity,
                 const std::string& sa)
{
    if (encryption != nullptr && encryption->IsAead() && integrity != nullptr)
    {
        throw ConfigError(sa + ": " + encryption->ianaName + " authenticates by itself; " +
                          "it takes no integrity transform (got " + integrity->ianaName + ")");
    }
}

uint32_t
KeySize(const TransformInfo* row)
{
    return row == nullptr ? 0 : row->keySize;
}

/// Hands out consecutive pieces of KEYMAT.
class KeymatReader
{
  public:
    explicit KeymatReader(const std::vector<uint8_t>& keymat)
        : m_keymat(keymat)
    {
    }

    std::vector<uint8_t> Take(size_t n)
    {
        const auto first = m_keymat.begin() + static_cast<std::ptrdiff_t>(m_offset);
        m_offset += n;
        return {first, first + static_cast<std::ptrdiff_t>(n)};
    }

  private:
    const std::vector<uint8_t>& m_keymat; ///< the whole prf+ output
    size_t m_offset{0};                   ///< bytes handed out so far
};

} // namespace

std::vector<uint8_t>
ComputeSkeyseed(const TransformInfo& prf, ByteSpan ni, ByteSpan nr, ByteSpan sharedSecret)
{
    auto p = CreatePrf(prf);
    std::vector<uint8_t> key;
    if (UsesNonceHeads(prf))
    {
        const size_t niHead = std::min(ni.size, FIXED_KEY_NONCE_BYTES);
        const size_t nrHead = std::min(nr.size, FIXED_KEY_NONCE_BYTES);
        key.insert(key.end(), ni.data, ni.data + niHead);
        key.insert(key.end(), nr.data, nr.data + nrHead);
    }
    else
    {
        key.insert(key.end(), ni.data, ni.data + ni.size);
        key.insert(key.end(), nr.data, nr.data + nr.size);
    }
    std::vector<uint8_t> skeyseed(p->GetOutputSize());
    if (!p->SetKey(key) || !p->Compute({sharedSecret}, skeyseed.data()))
    {
        ThrowCryptoFailure("SKEYSEED");
    }
    return skeyseed;
}

std::vector<uint8_t>
ComputeRekeySkeyseed(const TransformInfo& oldPrf,
                     ByteSpan oldSkD,
                     ByteSpan sharedSecret,
                     ByteSpan ni,
                     ByteSpan nr)
{
    auto p = CreatePrf(oldPrf);
    std::vector<uint8_t> skeyseed(p->GetOutputSize());
    if (!p->SetKey(oldSkD) || !p->Compute({sharedSecret, ni, nr}, skeyseed.data()))
    {
        ThrowCryptoFailure("the rekeyed IKE SA's SKEYSEED");
    }
    return skeyseed;
}

Ikev2IkeSaKeys
DeriveIkeSaKeys(const Ikev2IkeSaTransforms& transforms,
                ByteSpan skeyseed,
                ByteSpan ni,
                ByteSpan nr,
                uint64_t spiI,
                uint64_t spiR)
{
    const std::string sa = "IKE SA";
    if (transforms.prf == nullptr || transforms.encryption == nullptr)
    {
        throw ConfigError(sa + ": key derivation needs a PRF and an encryption transform");
    }
    CheckType(transforms.prf, TransformType::PRF, sa + " PRF");
    CheckType(transforms.encryption, TransformType::ENCR, sa + " encryption");
    CheckType(transforms.integrity, TransformType::INTEG, sa + " integrity");
    CheckAeadPairing(transforms.encryption, transforms.integrity, sa);
    if (!transforms.encryption->IsAead() && transforms.integrity == nullptr)
    {
        throw ConfigError(sa + ": " + transforms.encryption->ianaName +
                          " needs an integrity transform (RFC 7296 §3.3.3)");
    }

    auto prf = CreatePrf(*transforms.prf);
    const size_t prfKey = prf->GetKeySize();
    const size_t integrity = KeySize(transforms.integrity);
    const size_t encryption = KeySize(transforms.encryption);
    uint8_t spis[16];
    for (int i = 0; i < 8; ++i)
    {
        spis[i] = static_cast<uint8_t>(spiI >> (56 - 8 * i));
        spis[8 + i] = static_cast<uint8_t>(spiR >> (56 - 8 * i));
    }
    const auto keymat = PrfPlus(*prf,
                                skeyseed,
                                {ni, nr, ByteSpan(spis, sizeof(spis))},
                                3 * prfKey + 2 * integrity + 2 * encryption);

    KeymatReader reader(keymat);
    Ikev2IkeSaKeys keys;
    keys.skeyseed.assign(skeyseed.data, skeyseed.data + skeyseed.size);
    keys.skD = reader.Take(prfKey);
    keys.skAi = reader.Take(integrity);
    keys.skAr = reader.Take(integrity);
    keys.skEi = reader.Take(encryption);
    keys.skEr = reader.Take(encryption);
    keys.skPi = reader.Take(prfKey);
    keys.skPr = reader.Take(prfKey);
    return keys;
}

Ikev2ChildSaKeymat
DeriveChildSaKeymat(const TransformInfo& prf,
                    ByteSpan skD,
                    const Ikev2ChildSaTransforms& transforms,
                    ByteSpan pfsSharedSecret,
                    ByteSpan ni,
                    ByteSpan nr)
{
    const std::string sa = "CHILD SA";
    if (transforms.encryption == nullptr && transforms.integrity == nullptr)
    {
        throw ConfigError(sa + ": KEYMAT needs an encryption (ESP) or integrity (AH, ESP) " +
                          "transform");
    }
    CheckType(transforms.encryption, TransformType::ENCR, sa + " encryption");
    CheckType(transforms.integrity, TransformType::INTEG, sa + " integrity");
    CheckAeadPairing(transforms.encryption, transforms.integrity, sa);

    auto p = CreatePrf(prf);
    const size_t encryption = KeySize(transforms.encryption);
    const size_t integrity = KeySize(transforms.integrity);
    const auto keymat = PrfPlus(*p, skD, {pfsSharedSecret, ni, nr}, 2 * (encryption + integrity));

    KeymatReader reader(keymat);
    Ikev2ChildSaKeymat keys;
    keys.initiatorToResponder.encryptionKey = reader.Take(encryption);
    keys.initiatorToResponder.integrityKey = reader.Take(integrity);
    keys.responderToInitiator.encryptionKey = reader.Take(encryption);
    keys.responderToInitiator.integrityKey = reader.Take(integrity);
    return keys;
}

} // namespace ipsec
} // namespace ns3
