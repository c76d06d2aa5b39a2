// SPDX-License-Identifier: GPL-2.0-only

#include "ike-key-exchange.h"

#include "ipsec-config-error.h"
#include "ipsec-openssl-util.h"

#include <map>
#include <mutex>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/dh.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

namespace ns3
{
namespace ipsec
{

namespace
{

using BnPtr = OpensslPtr<BIGNUM, BN_clear_free>;                     ///< owned BIGNUM (cleared)
using BnCtxPtr = OpensslPtr<BN_CTX, BN_CTX_free>;                    ///< owned BN_CTX
using PointPtr = OpensslPtr<EC_POINT, EC_POINT_free>;                ///< owned EC_POINT
using PkeyPtr = OpensslPtr<EVP_PKEY, EVP_PKEY_free>;                 ///< owned EVP_PKEY
using PkeyCtxPtr = OpensslPtr<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;      ///< owned EVP_PKEY_CTX
using ParamBldPtr = OpensslPtr<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>; ///< owned builder
using ParamPtr = OpensslPtr<OSSL_PARAM, OSSL_PARAM_free>;            ///< owned OSSL_PARAMs

/**
 * A group's numbers, made once per process (MODP and ECP; X25519 needs none). Never freed, as
 * FetchCipher's cache: freeing from a static destructor could run after OpenSSL's clean-up.
 */
struct GroupParams
{
    BIGNUM* p{nullptr};          ///< MODP: the prime
    BIGNUM* pMinus2{nullptr};    ///< MODP: p - 2, the largest valid public value
    BIGNUM* g{nullptr};          ///< MODP: the generator
    BIGNUM* q{nullptr};          ///< MODP without an OpenSSL name: (p - 1) / 2, given to OpenSSL
    BN_MONT_CTX* mont{nullptr};  ///< MODP: Montgomery context for p
    EC_GROUP* curve{nullptr};    ///< ECP: the curve
    size_t fieldBytes{0};        ///< ECP: bytes of a coordinate
    BIGNUM* keyModulus{nullptr}; ///< private keys lie in [1, keyModulus - 1]: 2^N or n
    int keyBits{0};              ///< N: private keys are drawn from ceil(N/8) + 8 bytes
};

/**
 * Throw a ConfigError about a group unless ok.
 * @param ok the condition
 * @param group the group
 * @param what what failed
 */
void
Require(bool ok, const KeGroupInfo& group, const std::string& what)
{
    if (!ok)
    {
        throw ConfigError(std::string("key exchange group ") + group.keyword + ": " + what + " (" +
                          TakeOpensslError() + ")");
    }
}

/**
 * Make a group's numbers.
 * @param group a MODP or ECP group
 * @return them
 */
GroupParams*
MakeParams(const KeGroupInfo& group)
{
    auto params = std::make_unique<GroupParams>();
    BnCtxPtr ctx(BN_CTX_new());
    Require(ctx != nullptr, group, "no memory");
    OSSL_PARAM name[] = {OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
                                                          const_cast<char*>(group.opensslGroup),
                                                          0),
                         OSSL_PARAM_construct_end()};
    if (group.kind == KeKind::MODP && group.primeHex != nullptr)
    {
        // No OpenSSL name (RFC 2409's Oakley groups): p from the table, g = 2, q = (p - 1) / 2;
        // MakeKey hands all three to OpenSSL, so its check of the peer's value (y^q = 1 mod p)
        // is the one the named groups get.
        std::string hex;
        for (const char* c = group.primeHex; *c != '\0'; ++c)
        {
            if (*c != ' ')
            {
                hex += *c;
            }
        }
        params->g = BN_new();
        params->q = BN_new();
        Require(BN_hex2bn(&params->p, hex.c_str()) == static_cast<int>(hex.size()) &&
                    params->g != nullptr && BN_set_word(params->g, 2) && params->q != nullptr &&
                    BN_rshift1(params->q, params->p),
                group,
                "reading the prime");
    }
    else if (group.kind == KeKind::MODP)
    {
        PkeyCtxPtr gen(EVP_PKEY_CTX_new_from_name(nullptr, group.opensslType, nullptr));
        EVP_PKEY* pkey = nullptr;
        Require(gen != nullptr && EVP_PKEY_paramgen_init(gen.get()) > 0 &&
                    EVP_PKEY_CTX_set_params(gen.get(), name) > 0 &&
                    EVP_PKEY_paramgen(gen.get(), &pkey) > 0,
                group,
                std::string("OpenSSL has no DH group ") + group.opensslGroup);
        PkeyPtr owned(pkey);
        Require(EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_FFC_P, &params->p) > 0 &&
                    EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_FFC_G, &params->g) > 0,
                group,
                "reading p and g");
    }
    if (group.kind == KeKind::MODP)
    {
        Require(static_cast<size_t>(BN_num_bytes(params->p)) == group.publicSize, group, "size");
        params->pMinus2 = BN_dup(params->p);
        params->mont = BN_MONT_CTX_new();
        params->keyModulus = BN_new();
        Require(
            params->pMinus2 != nullptr && BN_sub_word(params->pMinus2, 2) &&
                params->mont != nullptr && BN_MONT_CTX_set(params->mont, params->p, ctx.get()) &&
                params->keyModulus != nullptr && BN_set_bit(params->keyModulus, group.privateBits),
            group,
            "setting up");
        params->keyBits = group.privateBits;
        return params.release();
    }
    params->curve = EC_GROUP_new_from_params(name, nullptr, nullptr);
    Require(params->curve != nullptr,
            group,
            std::string("OpenSSL has no curve ") + group.opensslGroup);
    params->fieldBytes = (EC_GROUP_get_degree(params->curve) + 7) / 8;
    Require(params->fieldBytes == group.secretSize && 2 * params->fieldBytes == group.publicSize,
            group,
            "size");
    params->keyModulus = BN_dup(EC_GROUP_get0_order(params->curve));
    Require(params->keyModulus != nullptr, group, "no memory");
    params->keyBits = BN_num_bits(params->keyModulus);
    return params.release();
}

/**
 * A group's numbers, made on first use.
 * @param group a MODP or ECP group
 * @return them
 */
const GroupParams&
GetParams(const KeGroupInfo& group)
{
    static auto* cache = new std::map<uint16_t, GroupParams*>();
    static std::mutex mutex;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache->find(group.ianaId);
    if (it == cache->end())
    {
        it = cache->emplace(group.ianaId, MakeParams(group)).first;
    }
    return *it->second;
}

/**
 * The groups, for error messages.
 * @return e.g. "modp2048 (14), modp3072 (15), ..."
 */
std::string
ListGroups()
{
    std::string list;
    for (const auto& row : GetKeGroups())
    {
        list += (list.empty() ? "" : ", ") + std::string(row.keyword) + " (" +
                std::to_string(row.ianaId) + ")";
    }
    return list;
}

/**
 * Make an EVP_PKEY of a MODP or ECP group from its parts.
 * @param group the group
 * @param numbers its numbers (for a MODP group without an OpenSSL name: p, q and g)
 * @param priv the private key, or nullptr for a public key alone
 * @param pubBn MODP: the public value
 * @param pubOctets ECP: the public point, uncompressed (0x04 | x | y)
 * @return the key, or null if OpenSSL refused the parts
 */
PkeyPtr
MakeKey(const KeGroupInfo& group,
        const GroupParams& numbers,
        const BIGNUM* priv,
        const BIGNUM* pubBn,
        const std::vector<uint8_t>& pubOctets)
{
    ParamBldPtr bld(OSSL_PARAM_BLD_new());
    bool ok = bld != nullptr;
    if (group.opensslGroup != nullptr)
    {
        ok = ok && OSSL_PARAM_BLD_push_utf8_string(bld.get(),
                                                   OSSL_PKEY_PARAM_GROUP_NAME,
                                                   group.opensslGroup,
                                                   0);
    }
    else
    {
        ok = ok && OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_FFC_P, numbers.p) &&
             OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_FFC_Q, numbers.q) &&
             OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_FFC_G, numbers.g);
    }
    if (group.kind == KeKind::MODP)
    {
        ok = ok && OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, pubBn);
    }
    else
    {
        ok = ok && OSSL_PARAM_BLD_push_octet_string(bld.get(),
                                                    OSSL_PKEY_PARAM_PUB_KEY,
                                                    pubOctets.data(),
                                                    pubOctets.size());
    }
    if (priv != nullptr)
    {
        ok = ok && OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv);
    }
    ParamPtr params(ok ? OSSL_PARAM_BLD_to_param(bld.get()) : nullptr);
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, group.opensslType, nullptr));
    EVP_PKEY* key = nullptr;
    if (params == nullptr || ctx == nullptr || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
        EVP_PKEY_fromdata(ctx.get(),
                          &key,
                          priv != nullptr ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                          params.get()) <= 0)
    {
        return nullptr;
    }
    return PkeyPtr(key);
}

/**
 * A failed check of the peer's value: clear OpenSSL's error queue and report.
 * @param error the reason
 * @return the result
 */
KeResult
Fail(KeError error)
{
    TakeOpensslError();
    KeResult result;
    result.error = error;
    return result;
}

} // namespace

/// What a KeyExchange holds.
struct KeyExchange::Impl
{
    const KeGroupInfo* group{nullptr};  ///< the group
    const GroupParams* params{nullptr}; ///< its numbers (MODP, ECP)
    PkeyPtr key;                        ///< our key pair
    std::vector<uint8_t> publicValue;   ///< our public value, wire form

    /**
     * Use a MODP exponent or an ECP scalar, already checked to be in range.
     * @param priv the key
     */
    void SetScalar(const BIGNUM* priv);
    /**
     * Use a Curve25519 scalar.
     * @param priv 32 bytes
     */
    void SetX25519(const uint8_t* priv);
    /**
     * Import the peer's value, with the checks of its kind.
     * @param peer the value (of the right length)
     * @param out the key
     * @return NONE or the reason it was refused
     */
    KeError ImportPeer(ByteSpan peer, PkeyPtr& out) const;
};

void
KeyExchange::Impl::SetScalar(const BIGNUM* priv)
{
    BnCtxPtr ctx(BN_CTX_new());
    Require(ctx != nullptr, *group, "no memory");
    std::vector<uint8_t> value;
    std::vector<uint8_t> octets;
    BnPtr y;
    if (group->kind == KeKind::MODP)
    {
        y.reset(BN_new());
        Require(y != nullptr && BN_mod_exp_mont_consttime(y.get(),
                                                          params->g,
                                                          priv,
                                                          params->p,
                                                          ctx.get(),
                                                          params->mont),
                *group,
                "computing g^x mod p");
        value.assign(group->publicSize, 0);
        Require(BN_bn2binpad(y.get(), value.data(), group->publicSize) ==
                    static_cast<int>(group->publicSize),
                *group,
                "encoding g^x");
    }
    else
    {
        PointPtr point(EC_POINT_new(params->curve));
        octets.assign(1 + group->publicSize, 0);
        Require(point != nullptr &&
                    EC_POINT_mul(params->curve, point.get(), priv, nullptr, nullptr, ctx.get()) &&
                    EC_POINT_point2oct(params->curve,
                                       point.get(),
                                       POINT_CONVERSION_UNCOMPRESSED,
                                       octets.data(),
                                       octets.size(),
                                       ctx.get()) == octets.size(),
                *group,
                "computing d * G");
        value.assign(octets.begin() + 1, octets.end()); // without 0x04 (RFC 5903 §7)
    }
    PkeyPtr pair = MakeKey(*group, *params, priv, y.get(), octets);
    Require(pair != nullptr, *group, "importing our key pair");
    key = std::move(pair);
    publicValue = std::move(value);
}

void
KeyExchange::Impl::SetX25519(const uint8_t* priv)
{
    PkeyPtr pair(EVP_PKEY_new_raw_private_key_ex(nullptr, group->opensslType, nullptr, priv, 32));
    size_t size = group->publicSize;
    std::vector<uint8_t> value(size);
    Require(pair != nullptr && EVP_PKEY_get_raw_public_key(pair.get(), value.data(), &size) &&
                size == group->publicSize,
            *group,
            "importing our key");
    key = std::move(pair);
    publicValue = std::move(value);
}

KeError
KeyExchange::Impl::ImportPeer(ByteSpan peer, PkeyPtr& out) const
{
    if (group->kind == KeKind::X25519)
    {
        out.reset(EVP_PKEY_new_raw_public_key_ex(nullptr,
                                                 group->opensslType,
                                                 nullptr,
                                                 peer.data,
                                                 peer.size));
        return out != nullptr ? KeError::NONE : KeError::CRYPTO_FAILURE;
    }
    if (group->kind == KeKind::MODP)
    {
        BnPtr y(BN_bin2bn(peer.data, static_cast<int>(peer.size), nullptr));
        if (y == nullptr)
        {
            return KeError::CRYPTO_FAILURE;
        }
        // RFC 6989 §2.1: 1 < y < p - 1 (0, 1 and p - 1 would force the secret).
        if (BN_cmp(y.get(), BN_value_one()) <= 0 || BN_cmp(y.get(), params->pMinus2) > 0)
        {
            return KeError::OUT_OF_RANGE;
        }
        out = MakeKey(*group, *params, nullptr, y.get(), {});
        return out != nullptr ? KeError::NONE : KeError::CRYPTO_FAILURE;
    }
    // ECP: x | y (RFC 5903 §7) as an uncompressed point; oct2point refuses coordinates not
    // below p, and the curve equation is checked explicitly.
    std::vector<uint8_t> octets(1 + peer.size);
    octets[0] = POINT_CONVERSION_UNCOMPRESSED;
    std::copy(peer.data, peer.data + peer.size, octets.begin() + 1);
    BnCtxPtr ctx(BN_CTX_new());
    PointPtr point(EC_POINT_new(params->curve));
    if (ctx == nullptr || point == nullptr)
    {
        return KeError::CRYPTO_FAILURE;
    }
    if (!EC_POINT_oct2point(params->curve, point.get(), octets.data(), octets.size(), ctx.get()) ||
        EC_POINT_is_on_curve(params->curve, point.get(), ctx.get()) != 1)
    {
        return KeError::NOT_ON_CURVE;
    }
    out = MakeKey(*group, *params, nullptr, nullptr, octets);
    return out != nullptr ? KeError::NONE : KeError::CRYPTO_FAILURE;
}

const char*
GetKeErrorName(KeError error)
{
    switch (error)
    {
    case KeError::NONE:
        return "none";
    case KeError::NO_PRIVATE_KEY:
        return "no-private-key";
    case KeError::WRONG_LENGTH:
        return "wrong-length";
    case KeError::OUT_OF_RANGE:
        return "out-of-range";
    case KeError::NOT_IN_SUBGROUP:
        return "not-in-subgroup";
    case KeError::NOT_ON_CURVE:
        return "not-on-curve";
    case KeError::ALL_ZERO_SECRET:
        return "all-zero-secret";
    case KeError::CRYPTO_FAILURE:
        return "crypto-failure";
    }
    return "unknown";
}

KeyExchange::KeyExchange(const KeGroupInfo& group)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->group = &group;
    if (group.kind != KeKind::X25519)
    {
        m_impl->params = &GetParams(group);
    }
}

KeyExchange::KeyExchange(uint16_t ianaId)
    : KeyExchange([ianaId]() -> const KeGroupInfo& {
          const KeGroupInfo* group = FindKeGroup(ianaId);
          if (group == nullptr)
          {
              throw ConfigError("unknown key exchange method " + std::to_string(ianaId) +
                                "; known: " + ListGroups());
          }
          return *group;
      }())
{
}

KeyExchange::KeyExchange(const std::string& keyword)
    : KeyExchange([&keyword]() -> const KeGroupInfo& {
          const KeGroupInfo* group = FindKeGroup(keyword);
          if (group == nullptr)
          {
              throw ConfigError("unknown key exchange group \"" + keyword +
                                "\"; known: " + ListGroups());
          }
          return *group;
      }())
{
}

KeyExchange::~KeyExchange() = default;
KeyExchange::KeyExchange(KeyExchange&&) noexcept = default;
KeyExchange& KeyExchange::operator=(KeyExchange&&) noexcept = default;

const KeGroupInfo&
KeyExchange::GetGroup() const
{
    return *m_impl->group;
}

void
KeyExchange::SetPrivateKey(ByteSpan key)
{
    const KeGroupInfo& group = *m_impl->group;
    if (group.kind == KeKind::X25519)
    {
        if (key.size != 32)
        {
            throw ConfigError(std::string("a ") + group.keyword +
                              " private key has 32 bytes, not " + std::to_string(key.size));
        }
        m_impl->SetX25519(key.data);
        return;
    }
    BnPtr priv(BN_bin2bn(key.data, static_cast<int>(key.size), nullptr));
    Require(priv != nullptr, group, "no memory");
    const BIGNUM* max = group.kind == KeKind::MODP ? m_impl->params->pMinus2 : nullptr;
    BnPtr orderMinus1;
    if (max == nullptr)
    {
        orderMinus1.reset(BN_dup(m_impl->params->keyModulus));
        Require(orderMinus1 != nullptr && BN_sub_word(orderMinus1.get(), 1), group, "no memory");
        max = orderMinus1.get();
    }
    if (BN_is_zero(priv.get()) || BN_cmp(priv.get(), max) > 0)
    {
        throw ConfigError(std::string("a ") + group.keyword + " private key must be in [1, " +
                          (group.kind == KeKind::MODP ? "p - 2" : "n - 1") + "]");
    }
    m_impl->SetScalar(priv.get());
}

void
KeyExchange::GeneratePrivateKey(const ByteSource& source)
{
    const KeGroupInfo& group = *m_impl->group;
    if (group.kind == KeKind::X25519)
    {
        uint8_t priv[32];
        source(priv, sizeof(priv));
        m_impl->SetX25519(priv);
        OPENSSL_cleanse(priv, sizeof(priv));
        return;
    }
    // c mod (M - 1) + 1 over N + 64 bits or more (SP 800-56A Rev. 3 §5.6.1.1.3, FIPS 186-5
    // §A.2.1): in [1, M - 1], with a bias below 2^-64.
    const GroupParams& params = *m_impl->params;
    std::vector<uint8_t> bytes((params.keyBits + 7) / 8 + 8);
    source(bytes.data(), bytes.size());
    BnCtxPtr ctx(BN_CTX_new());
    BnPtr c(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
    BnPtr modulus(BN_dup(params.keyModulus));
    BnPtr priv(BN_new());
    OPENSSL_cleanse(bytes.data(), bytes.size());
    Require(ctx != nullptr && c != nullptr && modulus != nullptr && priv != nullptr &&
                BN_sub_word(modulus.get(), 1) &&
                BN_mod(priv.get(), c.get(), modulus.get(), ctx.get()) && BN_add_word(priv.get(), 1),
            group,
            "drawing a private key");
    m_impl->SetScalar(priv.get());
}

void
KeyExchange::GeneratePrivateKey(Ptr<UniformRandomVariable> stream)
{
    GeneratePrivateKey([stream](uint8_t* out, size_t size) {
        for (size_t i = 0; i < size; i += 4)
        {
            uint32_t word = stream->GetInteger(0, 0xffffffffU);
            for (size_t j = 0; j < 4 && i + j < size; ++j)
            {
                out[i + j] = static_cast<uint8_t>(word >> (24 - 8 * j));
            }
        }
    });
}

bool
KeyExchange::HasPrivateKey() const
{
    return m_impl->key != nullptr;
}

const std::vector<uint8_t>&
KeyExchange::GetPublicValue() const
{
    return m_impl->publicValue;
}

KeResult
KeyExchange::ComputeSharedSecret(ByteSpan peer) const
{
    const KeGroupInfo& group = *m_impl->group;
    if (m_impl->key == nullptr)
    {
        return Fail(KeError::NO_PRIVATE_KEY);
    }
    if (peer.size != group.publicSize)
    {
        return Fail(KeError::WRONG_LENGTH);
    }
    PkeyPtr peerKey;
    KeError error = m_impl->ImportPeer(peer, peerKey);
    if (error != KeError::NONE)
    {
        return Fail(error);
    }
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, m_impl->key.get(), nullptr));
    if (ctx == nullptr || EVP_PKEY_derive_init(ctx.get()) <= 0 ||
        (group.kind == KeKind::MODP && EVP_PKEY_CTX_set_dh_pad(ctx.get(), 1) <= 0))
    {
        return Fail(KeError::CRYPTO_FAILURE);
    }
    // Checks the peer's key in full (EVP_PKEY_public_check); for MODP, after the range check
    // above, only y^q = 1 mod p can fail.
    if (EVP_PKEY_derive_set_peer(ctx.get(), peerKey.get()) <= 0)
    {
        switch (group.kind)
        {
        case KeKind::MODP:
            return Fail(KeError::NOT_IN_SUBGROUP);
        case KeKind::ECP:
            return Fail(KeError::NOT_ON_CURVE);
        case KeKind::X25519:
            return Fail(KeError::CRYPTO_FAILURE);
        }
    }
    KeResult result;
    result.secret.assign(group.secretSize, 0);
    size_t size = result.secret.size();
    if (EVP_PKEY_derive(ctx.get(), result.secret.data(), &size) <= 0)
    {
        // OpenSSL's X25519 refuses exactly an all-zero result (RFC 7748 §6.1).
        return Fail(group.kind == KeKind::X25519 ? KeError::ALL_ZERO_SECRET
                                                 : KeError::CRYPTO_FAILURE);
    }
    if (size != group.secretSize)
    {
        return Fail(KeError::CRYPTO_FAILURE);
    }
    if (group.kind == KeKind::X25519)
    {
        uint8_t any = 0;
        for (uint8_t b : result.secret)
        {
            any |= b;
        }
        if (any == 0)
        {
            return Fail(KeError::ALL_ZERO_SECRET); // RFC 8031 §2: MUST check
        }
    }
    return result;
}

} // namespace ipsec
} // namespace ns3
