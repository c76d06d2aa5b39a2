// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-crypto-factory.h"

#include "ipsec-config-error.h"
#include "ipsec-openssl-aead.h"
#include "ipsec-openssl-cipher.h"
#include "ipsec-openssl-integrity.h"

#include <array>

namespace ns3
{
namespace ipsec
{

namespace
{

/// How to build each implementation family: one row per CryptoKind, null where a family does
/// not provide that interface.
struct Maker
{
    CryptoKind kind;                                                              ///< family
    std::unique_ptr<Cipher> (*cipher)(const TransformInfo&, ByteSpan, CryptoUse); ///< cipher
    std::unique_ptr<Aead> (*aead)(const TransformInfo&, ByteSpan, CryptoUse);     ///< AEAD
    std::unique_ptr<Integrity> (*integrity)(const TransformInfo&, ByteSpan);      ///< MAC
    std::unique_ptr<Prf> (*prf)(const TransformInfo&);                            ///< PRF
};

template <class T>
std::unique_ptr<Cipher>
MakeCipher(const TransformInfo& info, ByteSpan key, CryptoUse use)
{
    return std::make_unique<T>(info, key, use);
}

std::unique_ptr<Cipher>
MakeNull(const TransformInfo& /* info */, ByteSpan /* key */, CryptoUse /* use */)
{
    return std::make_unique<NullCipher>();
}

std::unique_ptr<Aead>
MakeAead(const TransformInfo& info, ByteSpan key, CryptoUse use)
{
    return std::make_unique<OpensslAead>(info, key, use);
}

template <class T>
std::unique_ptr<Integrity>
MakeIntegrity(const TransformInfo& info, ByteSpan key)
{
    return std::make_unique<T>(info, key);
}

template <class T>
std::unique_ptr<Prf>
MakePrf(const TransformInfo& info)
{
    return std::make_unique<T>(info);
}

const std::array<Maker, 8> kMakers = {{
    {CryptoKind::NULL_CIPHER, &MakeNull, nullptr, nullptr, nullptr},
    {CryptoKind::CBC, &MakeCipher<OpensslCbcCipher>, nullptr, nullptr, nullptr},
    {CryptoKind::CTR, &MakeCipher<OpensslCtrCipher>, nullptr, nullptr, nullptr},
    {CryptoKind::GCM, nullptr, &MakeAead, nullptr, nullptr},
    {CryptoKind::GMAC, nullptr, &MakeAead, nullptr, nullptr},
    {CryptoKind::CHACHA20_POLY1305, nullptr, &MakeAead, nullptr, nullptr},
    {CryptoKind::HMAC, nullptr, nullptr, &MakeIntegrity<HmacIntegrity>, &MakePrf<HmacPrf>},
    {CryptoKind::XCBC, nullptr, nullptr, &MakeIntegrity<XcbcIntegrity>, &MakePrf<XcbcPrf>},
}};

const Maker&
FindMaker(const TransformInfo& info)
{
    for (const auto& maker : kMakers)
    {
        if (maker.kind == info.kind)
        {
            return maker;
        }
    }
    throw ConfigError(std::string("no implementation for ") + info.keyword);
}

std::string
Describe(const TransformInfo& info)
{
    std::string text = std::string(info.keyword) + " (" + info.ianaName;
    if (info.keyLengthBits != 0)
    {
        text += ", " + std::to_string(info.keyLengthBits) + "-bit key";
    }
    return text + ")";
}

ConfigError
WrongUse(const TransformInfo& info, const char* wanted)
{
    return ConfigError(Describe(info) + " is not " + wanted);
}

} // namespace

void
CheckKeySize(const TransformInfo& info, size_t keySize)
{
    if (keySize == info.keySize)
    {
        return;
    }
    std::string expected = std::to_string(info.keySize) + " bytes";
    if (info.saltSize != 0)
    {
        expected += " (" + std::to_string(info.GetCipherKeySize()) + " key + " +
                    std::to_string(info.saltSize) + " salt/nonce, " + info.reference + ")";
    }
    throw ConfigError(Describe(info) + " needs a key of " + expected + ", got " +
                      std::to_string(keySize) + " bytes");
}

std::unique_ptr<Cipher>
CreateCipher(const TransformInfo& info, ByteSpan key, CryptoMode mode, CryptoUse use)
{
    const Maker& maker = FindMaker(info);
    if (info.type != TransformType::ENCR || maker.cipher == nullptr)
    {
        throw WrongUse(info, "a confidentiality-only cipher");
    }
    CheckKeySize(info, key.size);
    if (mode == CryptoMode::MODELED)
    {
        return std::make_unique<ModeledCipher>(info);
    }
    return maker.cipher(info, key, use);
}

std::unique_ptr<Aead>
CreateAead(const TransformInfo& info, ByteSpan key, CryptoMode mode, CryptoUse use)
{
    const Maker& maker = FindMaker(info);
    if (info.type != TransformType::ENCR || maker.aead == nullptr)
    {
        throw WrongUse(info, "an AEAD cipher");
    }
    CheckKeySize(info, key.size);
    if (mode == CryptoMode::MODELED)
    {
        return std::make_unique<ModeledAead>(info);
    }
    return maker.aead(info, key, use);
}

std::unique_ptr<Integrity>
CreateIntegrity(const TransformInfo& info, ByteSpan key, CryptoMode mode)
{
    const Maker& maker = FindMaker(info);
    if (info.type != TransformType::INTEG || maker.integrity == nullptr)
    {
        throw WrongUse(info, "an integrity algorithm");
    }
    CheckKeySize(info, key.size);
    if (mode == CryptoMode::MODELED)
    {
        return std::make_unique<ModeledIntegrity>(info);
    }
    return maker.integrity(info, key);
}

std::unique_ptr<Prf>
CreatePrf(const TransformInfo& info)
{
    const Maker& maker = FindMaker(info);
    if (info.type != TransformType::PRF || maker.prf == nullptr)
    {
        throw WrongUse(info, "a PRF");
    }
    return maker.prf(info);
}

} // namespace ipsec
} // namespace ns3
