// SPDX-License-Identifier: GPL-2.0-only

#include "ike-signature.h"

#include "ipsec-config-error.h"

#include <algorithm>
#include <cstring>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

namespace ns3
{
namespace ipsec
{

namespace
{

using BnPtr = OpensslPtr<BIGNUM, BN_clear_free>;                     ///< owned BIGNUM (cleared)
using BnCtxPtr = OpensslPtr<BN_CTX, BN_CTX_free>;                    ///< owned BN_CTX
using GroupPtr = OpensslPtr<EC_GROUP, EC_GROUP_free>;                ///< owned EC_GROUP
using PointPtr = OpensslPtr<EC_POINT, EC_POINT_free>;                ///< owned EC_POINT
using PkeyCtxPtr = OpensslPtr<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;      ///< owned EVP_PKEY_CTX
using MdCtxPtr = OpensslPtr<EVP_MD_CTX, EVP_MD_CTX_free>;            ///< owned EVP_MD_CTX
using ParamBldPtr = OpensslPtr<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>; ///< owned builder
using ParamPtr = OpensslPtr<OSSL_PARAM, OSSL_PARAM_free>;            ///< owned OSSL_PARAMs

/// The public exponent of generated RSA keys (65537, as OpenSSL and strongSwan's pki use).
constexpr unsigned long RSA_PUBLIC_EXPONENT = 65537;

/// What a key type can sign with.
enum class KeyKind
{
    NONE,
    RSA,
    EC,
    ED25519,
};

/// A key scheme: the keyword and what makes a key of it.
struct KeySchemeRow
{
    const char* keyword;   ///< GetIkeKeySchemes() keyword
    KeyKind kind;          ///< key type
    int rsaBits;           ///< RSA: modulus bits
    int curveNid;          ///< ECDSA: the curve
    const char* curveName; ///< ECDSA: OpenSSL's group name
    IkeHash defaultHash;   ///< DefaultIkeHash
    uint8_t classicMethod; ///< RFC 7296 §3.8 / RFC 4754 §3 AUTH method, 0 for none
};

/// The schemes (the keywords are those of the cost table, GetSignatureSchemes).
const KeySchemeRow kKeySchemes[] = {
    {"rsa2048", KeyKind::RSA, 2048, NID_undef, nullptr, IkeHash::SHA256, 1},
    {"rsa3072", KeyKind::RSA, 3072, NID_undef, nullptr, IkeHash::SHA256, 1},
    {"ecdsa256", KeyKind::EC, 0, NID_X9_62_prime256v1, "P-256", IkeHash::SHA256, 9},
    {"ecdsa384", KeyKind::EC, 0, NID_secp384r1, "P-384", IkeHash::SHA384, 10},
    {"ecdsa521", KeyKind::EC, 0, NID_secp521r1, "P-521", IkeHash::SHA512, 11},
    {"ed25519", KeyKind::ED25519, 0, NID_undef, nullptr, IkeHash::IDENTITY, 0},
};

/**
 * RFC 7427 AlgorithmIdentifiers, DER. Sources: RFC 7427 Appendix A.1 (sha1WithRSAEncryption,
 * sha256/384/512WithRSAEncryption: OID 1.2.840.113549.1.1.{5,11,12,13}, NULL parameters),
 * Appendix A.3 (ecdsa-with-SHA1 1.2.840.10045.4.1, ecdsa-with-SHA256/384/512
 * 1.2.840.10045.4.3.{2,3,4}, parameters absent), RFC 8420 §2 (id-Ed25519 1.3.101.112, RFC 8410,
 * parameters absent).
 */
struct AlgorithmIdRow
{
    KeyKind kind;             ///< key type
    IkeHash hash;             ///< hash
    std::vector<uint8_t> der; ///< the AlgorithmIdentifier
};

/// The table of AlgorithmIdentifiers (see AlgorithmIdRow for the sources).
const std::vector<AlgorithmIdRow>&
AlgorithmIds()
{
    // clang-format off
    static const std::vector<AlgorithmIdRow> table = {
        {KeyKind::RSA, IkeHash::SHA1, {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05, 0x05, 0x00}},
        {KeyKind::RSA, IkeHash::SHA256, {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00}},
        {KeyKind::RSA, IkeHash::SHA384, {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c, 0x05, 0x00}},
        {KeyKind::RSA, IkeHash::SHA512, {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d, 0x05, 0x00}},
        {KeyKind::EC, IkeHash::SHA1, {0x30, 0x09, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01}},
        {KeyKind::EC, IkeHash::SHA256, {0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02}},
        {KeyKind::EC, IkeHash::SHA384, {0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03}},
        {KeyKind::EC, IkeHash::SHA512, {0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04}},
        {KeyKind::ED25519, IkeHash::IDENTITY, {0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70}},
    };
    // clang-format on
    return table;
}

} // namespace

const EVP_MD*
IkeHashDigest(IkeHash hash)
{
    switch (hash)
    {
    case IkeHash::SHA1:
        return EVP_sha1();
    case IkeHash::SHA256:
        return EVP_sha256();
    case IkeHash::SHA384:
        return EVP_sha384();
    case IkeHash::SHA512:
        return EVP_sha512();
    default:
        return nullptr;
    }
}

namespace
{

/**
 * The type of a key.
 * @param key the key (may be null)
 * @return its kind
 */
KeyKind
KindOf(const EVP_PKEY* key)
{
    if (key == nullptr)
    {
        return KeyKind::NONE;
    }
    switch (EVP_PKEY_get_base_id(key))
    {
    case EVP_PKEY_RSA:
        return KeyKind::RSA;
    case EVP_PKEY_EC:
        return KeyKind::EC;
    case EVP_PKEY_ED25519:
        return KeyKind::ED25519;
    default:
        return KeyKind::NONE;
    }
}

/**
 * The curve of an EC key.
 * @param key an EC key
 * @return its NID, or NID_undef
 */
int
CurveNidOf(const EVP_PKEY* key)
{
    if (KindOf(key) != KeyKind::EC)
    {
        return NID_undef;
    }
    char name[80] = {};
    size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key,
                                       OSSL_PKEY_PARAM_GROUP_NAME,
                                       name,
                                       sizeof(name),
                                       &length) <= 0)
    {
        return NID_undef;
    }
    int nid = EC_curve_nist2nid(name); // "P-256"
    if (nid == NID_undef)
    {
        nid = OBJ_sn2nid(name); // "prime256v1", "secp384r1"
    }
    return nid;
}

/**
 * The scheme row of a key.
 * @param key the key
 * @return the row, or nullptr
 */
const KeySchemeRow*
RowOf(const EVP_PKEY* key)
{
    const KeyKind kind = KindOf(key);
    const int curve = kind == KeyKind::EC ? CurveNidOf(key) : NID_undef;
    const int bits = kind == KeyKind::RSA ? EVP_PKEY_get_bits(key) : 0;
    for (const auto& row : kKeySchemes)
    {
        if (row.kind == kind && (kind != KeyKind::EC || row.curveNid == curve) &&
            (kind != KeyKind::RSA || row.rsaBits == bits))
        {
            return &row;
        }
    }
    return nullptr;
}

/**
 * The scheme row of an EC curve.
 * @param nid the curve
 * @return the row, or nullptr
 */
const KeySchemeRow*
RowOfCurve(int nid)
{
    for (const auto& row : kKeySchemes)
    {
        if (row.kind == KeyKind::EC && row.curveNid == nid)
        {
            return &row;
        }
    }
    return nullptr;
}

/**
 * Throw a ConfigError about key generation unless ok.
 * @param ok the condition
 * @param scheme the scheme
 * @param what what failed
 */
void
Require(bool ok, const std::string& scheme, const char* what)
{
    if (!ok)
    {
        throw ConfigError("generating a " + scheme + " signature key: " + what + " (" +
                          TakeOpensslError() + ")");
    }
}

/**
 * A big-endian number padded on the left to a length.
 * @param bn the number
 * @param length the length
 * @return the bytes; empty if bn does not fit
 */
std::vector<uint8_t>
BnToPadded(const BIGNUM* bn, size_t length)
{
    std::vector<uint8_t> out(length);
    if (BN_bn2binpad(bn, out.data(), static_cast<int>(length)) < 0)
    {
        return {};
    }
    return out;
}

/// An EC key's numbers, for RFC 6979 and signing.
struct EcParts
{
    GroupPtr group;      ///< the curve
    const BIGNUM* order; ///< its order n (owned by group)
    int qlen{0};         ///< bits of n
    size_t rlen{0};      ///< bytes of n
    BnPtr priv;          ///< the private scalar (null for a public key)
};

/**
 * Read an EC key's curve and private scalar.
 * @param key the key
 * @param parts the result
 * @return whether the key is an EC key of a supported curve with a private scalar
 */
bool
GetEcParts(const EVP_PKEY* key, EcParts& parts)
{
    const int nid = CurveNidOf(key);
    if (RowOfCurve(nid) == nullptr)
    {
        return false;
    }
    parts.group.reset(EC_GROUP_new_by_curve_name(nid));
    if (parts.group == nullptr)
    {
        TakeOpensslError();
        return false;
    }
    parts.order = EC_GROUP_get0_order(parts.group.get());
    parts.qlen = BN_num_bits(parts.order);
    parts.rlen = static_cast<size_t>((parts.qlen + 7) / 8);
    BIGNUM* priv = nullptr;
    if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &priv) <= 0)
    {
        TakeOpensslError();
        return false;
    }
    parts.priv.reset(priv);
    return true;
}

/**
 * RFC 6979 §2.3.2 bits2int: the leftmost qlen bits of a string as an integer.
 * @param bytes the string
 * @param qlen the bit length of the group order
 * @return the integer, or null on allocation failure
 */
BnPtr
Bits2Int(ByteSpan bytes, int qlen)
{
    BnPtr x(BN_bin2bn(bytes.data, static_cast<int>(bytes.size), nullptr));
    if (x == nullptr)
    {
        return nullptr;
    }
    const long blen = static_cast<long>(bytes.size) * 8;
    if (blen > qlen && !BN_rshift(x.get(), x.get(), static_cast<int>(blen - qlen)))
    {
        return nullptr;
    }
    return x;
}

/**
 * One HMAC computation over several parts.
 * @param md the hash
 * @param key the key
 * @param parts the message parts, concatenated
 * @return the MAC; empty on failure
 */
std::vector<uint8_t>
Hmac(const EVP_MD* md, const std::vector<uint8_t>& key, std::initializer_list<ByteSpan> parts)
{
    std::vector<uint8_t> message;
    for (const auto& part : parts)
    {
        message.insert(message.end(), part.data, part.data + part.size);
    }
    std::vector<uint8_t> out(static_cast<size_t>(EVP_MD_get_size(md)));
    unsigned int length = 0;
    const uint8_t* ok = HMAC(md,
                             key.data(),
                             static_cast<int>(key.size()),
                             message.data(),
                             message.size(),
                             out.data(),
                             &length);
    OPENSSL_cleanse(message.data(), message.size());
    if (ok == nullptr || length != out.size())
    {
        TakeOpensslError();
        return {};
    }
    return out;
}

/**
 * RFC 6979 §3.2 with the key's numbers already read.
 * @param parts the curve and private scalar
 * @param md the hash H
 * @param h1 H(m)
 * @return k, rlen bytes; empty on failure
 */
std::vector<uint8_t>
NonceFor(const EcParts& parts, const EVP_MD* md, ByteSpan h1)
{
    const size_t hlen = static_cast<size_t>(EVP_MD_get_size(md));
    // int2octets(x) and bits2octets(h1) (§2.3.3, §2.3.4): bits2int, then reduce mod q once
    // (bits2int(h1) < 2^qlen < 2q).
    std::vector<uint8_t> x = BnToPadded(parts.priv.get(), parts.rlen);
    BnPtr z1 = Bits2Int(h1, parts.qlen);
    if (x.empty() || z1 == nullptr)
    {
        return {};
    }
    if (BN_cmp(z1.get(), parts.order) >= 0 && !BN_sub(z1.get(), z1.get(), parts.order))
    {
        return {};
    }
    std::vector<uint8_t> h1Octets = BnToPadded(z1.get(), parts.rlen);
    const uint8_t zero = 0x00;
    const uint8_t one = 0x01;
    std::vector<uint8_t> v(hlen, 0x01);                                   // step b
    std::vector<uint8_t> k(hlen, 0x00);                                   // step c
    k = Hmac(md, k, {v, ByteSpan(&zero, 1), x, h1Octets});                // step d
    v = k.empty() ? k : Hmac(md, k, {v});                                 // step e
    k = v.empty() ? v : Hmac(md, k, {v, ByteSpan(&one, 1), x, h1Octets}); // step f
    v = k.empty() ? k : Hmac(md, k, {v});                                 // step g
    OPENSSL_cleanse(x.data(), x.size());
    std::vector<uint8_t> result;
    // step h; the loop ends with probability 1 - 2^-(about 32) or better per round.
    for (int round = 0; round < 1000 && !v.empty(); ++round)
    {
        std::vector<uint8_t> t;
        while (t.size() * 8 < static_cast<size_t>(parts.qlen))
        {
            v = Hmac(md, k, {v});
            if (v.empty())
            {
                return {};
            }
            t.insert(t.end(), v.begin(), v.end());
        }
        BnPtr candidate = Bits2Int(t, parts.qlen);
        OPENSSL_cleanse(t.data(), t.size());
        if (candidate == nullptr)
        {
            return {};
        }
        if (!BN_is_zero(candidate.get()) && BN_cmp(candidate.get(), parts.order) < 0)
        {
            result = BnToPadded(candidate.get(), parts.rlen);
            break;
        }
        k = Hmac(md, k, {v, ByteSpan(&zero, 1)});
        v = k.empty() ? k : Hmac(md, k, {v});
    }
    OPENSSL_cleanse(k.data(), k.size());
    OPENSSL_cleanse(v.data(), v.size());
    return result;
}

/**
 * Hash a message.
 * @param md the hash
 * @param message the message
 * @return the digest; empty on failure
 */
std::vector<uint8_t>
Digest(const EVP_MD* md, ByteSpan message)
{
    std::vector<uint8_t> out(static_cast<size_t>(EVP_MD_get_size(md)));
    unsigned int length = 0;
    if (EVP_Digest(message.data, message.size, out.data(), &length, md, nullptr) <= 0 ||
        length != out.size())
    {
        TakeOpensslError();
        return {};
    }
    return out;
}

/**
 * ECDSA with an RFC 6979 nonce (FIPS 186-4 §6.4 / SEC 1 §4.1.3 with k from RFC 6979 §3.2).
 * @param key the private key
 * @param md the hash
 * @param message the message
 * @return r | s; empty on failure
 */
std::vector<uint8_t>
EcdsaSign(const EVP_PKEY* key, const EVP_MD* md, ByteSpan message)
{
    EcParts parts;
    if (!GetEcParts(key, parts))
    {
        return {};
    }
    const std::vector<uint8_t> h1 = Digest(md, message);
    if (h1.empty())
    {
        return {};
    }
    std::vector<uint8_t> kBytes = NonceFor(parts, md, h1);
    if (kBytes.empty())
    {
        return {};
    }
    BnCtxPtr ctx(BN_CTX_new());
    BnPtr k(BN_bin2bn(kBytes.data(), static_cast<int>(kBytes.size()), nullptr));
    OPENSSL_cleanse(kBytes.data(), kBytes.size());
    PointPtr point(EC_POINT_new(parts.group.get()));
    BnPtr r(BN_new());
    BnPtr s(BN_new());
    BnPtr kInv(BN_new());
    BnPtr exponent(BN_dup(parts.order));
    BnPtr z = Bits2Int(h1, parts.qlen);
    if (ctx == nullptr || k == nullptr || point == nullptr || r == nullptr || s == nullptr ||
        kInv == nullptr || exponent == nullptr || z == nullptr)
    {
        TakeOpensslError();
        return {};
    }
    BN_set_flags(k.get(), BN_FLG_CONSTTIME);
    BN_set_flags(parts.priv.get(), BN_FLG_CONSTTIME);
    // r = (kG).x mod n; k^-1 = k^(n-2) mod n (n is prime), in constant time; s = k^-1 (z + r d).
    bool ok = EC_POINT_mul(parts.group.get(), point.get(), k.get(), nullptr, nullptr, ctx.get()) &&
              EC_POINT_get_affine_coordinates(parts.group.get(),
                                              point.get(),
                                              r.get(),
                                              nullptr,
                                              ctx.get()) &&
              BN_nnmod(r.get(), r.get(), parts.order, ctx.get()) &&
              BN_sub_word(exponent.get(), 2) &&
              BN_mod_exp_mont_consttime(kInv.get(),
                                        k.get(),
                                        exponent.get(),
                                        parts.order,
                                        ctx.get(),
                                        nullptr) &&
              BN_mod_mul(s.get(), r.get(), parts.priv.get(), parts.order, ctx.get()) &&
              BN_mod_add(s.get(), s.get(), z.get(), parts.order, ctx.get()) &&
              BN_mod_mul(s.get(), s.get(), kInv.get(), parts.order, ctx.get());
    if (!ok || BN_is_zero(r.get()) || BN_is_zero(s.get()))
    {
        // r or s of zero has probability about 2^-256: RFC 6979 §3.4 would take the next k.
        TakeOpensslError();
        return {};
    }
    std::vector<uint8_t> out = BnToPadded(r.get(), parts.rlen);
    std::vector<uint8_t> sBytes = BnToPadded(s.get(), parts.rlen);
    out.insert(out.end(), sBytes.begin(), sBytes.end());
    return out;
}

/**
 * The length of an EC key's group order, in bytes.
 * @param key the key
 * @return the length, or 0 if the key is not EC of a supported curve
 */
size_t
EcOrderBytes(const EVP_PKEY* key)
{
    const int nid = CurveNidOf(key);
    if (RowOfCurve(nid) == nullptr)
    {
        return 0;
    }
    GroupPtr group(EC_GROUP_new_by_curve_name(nid));
    if (group == nullptr)
    {
        TakeOpensslError();
        return 0;
    }
    return static_cast<size_t>((BN_num_bits(EC_GROUP_get0_order(group.get())) + 7) / 8);
}

/**
 * One-shot EVP_DigestSign.
 * @param key the key
 * @param md the hash, or nullptr for Ed25519
 * @param message the message
 * @return the signature; empty on failure
 */
std::vector<uint8_t>
DigestSign(const EVP_PKEY* key, const EVP_MD* md, ByteSpan message)
{
    MdCtxPtr ctx(EVP_MD_CTX_new());
    size_t length = 0;
    if (ctx == nullptr ||
        EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, const_cast<EVP_PKEY*>(key)) <= 0 ||
        EVP_DigestSign(ctx.get(), nullptr, &length, message.data, message.size) <= 0)
    {
        TakeOpensslError();
        return {};
    }
    std::vector<uint8_t> out(length);
    if (EVP_DigestSign(ctx.get(), out.data(), &length, message.data, message.size) <= 0)
    {
        TakeOpensslError();
        return {};
    }
    out.resize(length);
    return out;
}

/**
 * One-shot EVP_DigestVerify.
 * @param key the key
 * @param md the hash, or nullptr for Ed25519
 * @param message the message
 * @param signature the signature
 * @return whether it verifies
 */
bool
DigestVerify(const EVP_PKEY* key, const EVP_MD* md, ByteSpan message, ByteSpan signature)
{
    MdCtxPtr ctx(EVP_MD_CTX_new());
    const bool ok =
        ctx != nullptr &&
        EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, const_cast<EVP_PKEY*>(key)) > 0 &&
        EVP_DigestVerify(ctx.get(), signature.data, signature.size, message.data, message.size) ==
            1;
    TakeOpensslError();
    return ok;
}

/**
 * Whether a key type signs with a hash.
 * @param kind the key type
 * @param hash the hash
 * @return whether the pair goes together
 */
bool
Suits(KeyKind kind, IkeHash hash)
{
    switch (kind)
    {
    case KeyKind::RSA:
    case KeyKind::EC:
        return IkeHashDigest(hash) != nullptr;
    case KeyKind::ED25519:
        return hash == IkeHash::IDENTITY;
    default:
        return false;
    }
}

/**
 * Append a DER length.
 * @param out the output
 * @param length the length
 */
void
PutDerLength(std::vector<uint8_t>& out, size_t length)
{
    if (length < 0x80)
    {
        out.push_back(static_cast<uint8_t>(length));
    }
    else if (length <= 0xff)
    {
        out.push_back(0x81);
        out.push_back(static_cast<uint8_t>(length));
    }
    else
    {
        out.push_back(0x82);
        out.push_back(static_cast<uint8_t>(length >> 8));
        out.push_back(static_cast<uint8_t>(length));
    }
}

/**
 * A non-negative big-endian number as a DER INTEGER.
 * @param value the number's bytes
 * @return the TLV
 */
std::vector<uint8_t>
DerInteger(ByteSpan value)
{
    size_t skip = 0;
    while (skip + 1 < value.size && value.data[skip] == 0)
    {
        ++skip;
    }
    std::vector<uint8_t> content;
    if (value.data[skip] & 0x80)
    {
        content.push_back(0x00);
    }
    content.insert(content.end(), value.data + skip, value.data + value.size);
    std::vector<uint8_t> out{0x02};
    PutDerLength(out, content.size());
    out.insert(out.end(), content.begin(), content.end());
    return out;
}

/**
 * Read a DER tag and length (definite, minimal) from untrusted input.
 * @param in the input
 * @param pos the position of the tag; moved past the length
 * @param tag the expected tag
 * @param length the content length, checked to fit in the input
 * @return whether they are well formed
 */
bool
GetDerHeader(ByteSpan in, size_t& pos, uint8_t tag, size_t& length)
{
    if (pos + 2 > in.size || in.data[pos] != tag)
    {
        return false;
    }
    const uint8_t first = in.data[pos + 1];
    pos += 2;
    if (first < 0x80)
    {
        length = first;
    }
    else if (first == 0x81)
    {
        if (pos + 1 > in.size || in.data[pos] < 0x80) // a shorter form existed
        {
            return false;
        }
        length = in.data[pos];
        pos += 1;
    }
    else if (first == 0x82)
    {
        if (pos + 2 > in.size || in.data[pos] == 0)
        {
            return false;
        }
        length = (size_t{in.data[pos]} << 8) | in.data[pos + 1];
        pos += 2;
    }
    else
    {
        return false; // indefinite, or longer than any signature here
    }
    return length <= in.size - pos;
}

/**
 * Read a DER INTEGER that must be non-negative and fit in a length.
 * @param in the input
 * @param pos where it starts; moved past it
 * @param half the length to pad to
 * @param out where the padded value is appended
 * @return whether it is well formed and fits
 */
bool
GetDerUnsigned(ByteSpan in, size_t& pos, size_t half, std::vector<uint8_t>& out)
{
    size_t length = 0;
    if (!GetDerHeader(in, pos, 0x02, length) || length == 0)
    {
        return false;
    }
    const uint8_t* value = in.data + pos;
    pos += length;
    if (value[0] & 0x80)
    {
        return false; // negative
    }
    if (length > 1 && value[0] == 0 && !(value[1] & 0x80))
    {
        return false; // not minimal
    }
    if (value[0] == 0 && length > 1)
    {
        ++value;
        --length;
    }
    if (length > half)
    {
        return false;
    }
    out.insert(out.end(), half - length, 0x00);
    out.insert(out.end(), value, value + length);
    return true;
}

} // namespace

const std::vector<std::string>&
GetIkeKeySchemes()
{
    static const std::vector<std::string> keywords = [] {
        std::vector<std::string> list;
        for (const auto& row : kKeySchemes)
        {
            list.emplace_back(row.keyword);
        }
        return list;
    }();
    return keywords;
}

namespace
{

/**
 * RFC 8017-style RSA key from source bytes (see GenerateIkePrivateKey).
 * @param row the scheme
 * @param random the source
 * @return the key
 */
PkeyPtr
GenerateRsa(const KeySchemeRow& row, const ByteSource& random)
{
    const std::string scheme = row.keyword;
    const int primeBits = row.rsaBits / 2;
    const size_t primeBytes = static_cast<size_t>(primeBits / 8);
    BnCtxPtr ctx(BN_CTX_new());
    Require(ctx != nullptr, scheme, "no memory");
    std::vector<uint8_t> buffer(primeBytes);
    auto makePrime = [&](const BIGNUM* other) {
        while (true)
        {
            random(buffer.data(), buffer.size());
            BnPtr p(BN_bin2bn(buffer.data(), static_cast<int>(buffer.size()), nullptr));
            Require(p != nullptr && BN_set_bit(p.get(), primeBits - 1) &&
                        BN_set_bit(p.get(), primeBits - 2) && BN_set_bit(p.get(), 0),
                    scheme,
                    "no memory");
            // The next probable prime p with p - 1 prime to e (e is prime: p mod e != 1).
            while (BN_num_bits(p.get()) == primeBits)
            {
                const BN_ULONG residue = BN_mod_word(p.get(), RSA_PUBLIC_EXPONENT);
                Require(residue != static_cast<BN_ULONG>(-1), scheme, "BN_mod_word");
                if (residue != 1)
                {
                    const int prime = BN_check_prime(p.get(), ctx.get(), nullptr);
                    Require(prime >= 0, scheme, "BN_check_prime");
                    if (prime == 1 && (other == nullptr || BN_cmp(p.get(), other) != 0))
                    {
                        return p;
                    }
                }
                Require(BN_add_word(p.get(), 2), scheme, "no memory");
            }
            // Ran past the top (practically never): draw again.
        }
    };
    BnPtr p = makePrime(nullptr);
    BnPtr q = makePrime(p.get());
    OPENSSL_cleanse(buffer.data(), buffer.size());

    BnPtr n(BN_new());
    BnPtr e(BN_new());
    BnPtr d(BN_new());
    BnPtr p1(BN_dup(p.get()));
    BnPtr q1(BN_dup(q.get()));
    BnPtr gcd(BN_new());
    BnPtr lcm(BN_new());
    BnPtr dp(BN_new());
    BnPtr dq(BN_new());
    BnPtr qInv(BN_new());
    Require(n && e && d && p1 && q1 && gcd && lcm && dp && dq && qInv, scheme, "no memory");
    BN_set_flags(p.get(), BN_FLG_CONSTTIME);
    BN_set_flags(q.get(), BN_FLG_CONSTTIME);
    BN_set_flags(p1.get(), BN_FLG_CONSTTIME);
    BN_set_flags(q1.get(), BN_FLG_CONSTTIME);
    BN_set_flags(lcm.get(), BN_FLG_CONSTTIME);
    // d = e^-1 mod lcm(p - 1, q - 1); dp, dq, qInv for the CRT (RFC 8017 §3.2).
    Require(BN_mul(n.get(), p.get(), q.get(), ctx.get()) && BN_num_bits(n.get()) == row.rsaBits &&
                BN_set_word(e.get(), RSA_PUBLIC_EXPONENT) && BN_sub_word(p1.get(), 1) &&
                BN_sub_word(q1.get(), 1) && BN_gcd(gcd.get(), p1.get(), q1.get(), ctx.get()) &&
                BN_mul(lcm.get(), p1.get(), q1.get(), ctx.get()) &&
                BN_div(lcm.get(), nullptr, lcm.get(), gcd.get(), ctx.get()) &&
                BN_mod_inverse(d.get(), e.get(), lcm.get(), ctx.get()) != nullptr &&
                BN_mod(dp.get(), d.get(), p1.get(), ctx.get()) &&
                BN_mod(dq.get(), d.get(), q1.get(), ctx.get()) &&
                BN_mod_inverse(qInv.get(), q.get(), p.get(), ctx.get()) != nullptr,
            scheme,
            "computing the RSA key");

    ParamBldPtr bld(OSSL_PARAM_BLD_new());
    Require(bld != nullptr && OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) &&
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) &&
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_D, d.get()) &&
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR1, p.get()) &&
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR2, q.get()) &&
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT1, dp.get()) &&
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT2, dq.get()) &&
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_COEFFICIENT1, qInv.get()),
            scheme,
            "building the RSA parameters");
    ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
    PkeyCtxPtr pctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY* key = nullptr;
    Require(params != nullptr && pctx != nullptr && EVP_PKEY_fromdata_init(pctx.get()) > 0 &&
                EVP_PKEY_fromdata(pctx.get(), &key, EVP_PKEY_KEYPAIR, params.get()) > 0,
            scheme,
            "OpenSSL refused the RSA key");
    return PkeyPtr(key);
}

/**
 * ECDSA key from source bytes (see GenerateIkePrivateKey).
 * @param row the scheme
 * @param random the source
 * @return the key
 */
PkeyPtr
GenerateEc(const KeySchemeRow& row, const ByteSource& random)
{
    const std::string scheme = row.keyword;
    GroupPtr group(EC_GROUP_new_by_curve_name(row.curveNid));
    BnCtxPtr ctx(BN_CTX_new());
    Require(group != nullptr && ctx != nullptr, scheme, "OpenSSL has no such curve");
    const BIGNUM* order = EC_GROUP_get0_order(group.get());
    const int bits = BN_num_bits(order);
    std::vector<uint8_t> buffer(static_cast<size_t>((bits + 7) / 8));
    const uint8_t mask = static_cast<uint8_t>(0xff >> (buffer.size() * 8 - bits));
    BnPtr priv;
    do
    {
        random(buffer.data(), buffer.size());
        buffer[0] &= mask; // P-521: 66 bytes, the top 7 bits cleared
        priv.reset(BN_bin2bn(buffer.data(), static_cast<int>(buffer.size()), nullptr));
        Require(priv != nullptr, scheme, "no memory");
    } while (BN_is_zero(priv.get()) || BN_cmp(priv.get(), order) >= 0);
    OPENSSL_cleanse(buffer.data(), buffer.size());
    BN_set_flags(priv.get(), BN_FLG_CONSTTIME);
    PointPtr pub(EC_POINT_new(group.get()));
    Require(pub != nullptr &&
                EC_POINT_mul(group.get(), pub.get(), priv.get(), nullptr, nullptr, ctx.get()),
            scheme,
            "computing the public point");
    const size_t pubLength = EC_POINT_point2oct(group.get(),
                                                pub.get(),
                                                POINT_CONVERSION_UNCOMPRESSED,
                                                nullptr,
                                                0,
                                                ctx.get());
    std::vector<uint8_t> pubOctets(pubLength);
    Require(pubLength > 0 && EC_POINT_point2oct(group.get(),
                                                pub.get(),
                                                POINT_CONVERSION_UNCOMPRESSED,
                                                pubOctets.data(),
                                                pubOctets.size(),
                                                ctx.get()) == pubLength,
            scheme,
            "encoding the public point");
    ParamBldPtr bld(OSSL_PARAM_BLD_new());
    Require(bld != nullptr &&
                OSSL_PARAM_BLD_push_utf8_string(bld.get(),
                                                OSSL_PKEY_PARAM_GROUP_NAME,
                                                row.curveName,
                                                0) &&
                OSSL_PARAM_BLD_push_octet_string(bld.get(),
                                                 OSSL_PKEY_PARAM_PUB_KEY,
                                                 pubOctets.data(),
                                                 pubOctets.size()) &&
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv.get()),
            scheme,
            "building the EC parameters");
    ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
    PkeyCtxPtr pctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY* key = nullptr;
    Require(params != nullptr && pctx != nullptr && EVP_PKEY_fromdata_init(pctx.get()) > 0 &&
                EVP_PKEY_fromdata(pctx.get(), &key, EVP_PKEY_KEYPAIR, params.get()) > 0,
            scheme,
            "OpenSSL refused the EC key");
    return PkeyPtr(key);
}

} // namespace

PkeyPtr
GenerateIkePrivateKey(const std::string& scheme, const ByteSource& random)
{
    const KeySchemeRow* row = nullptr;
    for (const auto& candidate : kKeySchemes)
    {
        if (scheme == candidate.keyword)
        {
            row = &candidate;
        }
    }
    if (row == nullptr)
    {
        std::string known;
        for (const auto& keyword : GetIkeKeySchemes())
        {
            known += (known.empty() ? "" : ", ") + keyword;
        }
        throw ConfigError("unknown signature key scheme \"" + scheme + "\"; use one of " + known);
    }
    if (!random)
    {
        throw ConfigError("generating a " + scheme + " signature key: no random byte source");
    }
    switch (row->kind)
    {
    case KeyKind::RSA:
        return GenerateRsa(*row, random);
    case KeyKind::EC:
        return GenerateEc(*row, random);
    default: {
        uint8_t seed[32];
        random(seed, sizeof(seed));
        EVP_PKEY* key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed, sizeof(seed));
        OPENSSL_cleanse(seed, sizeof(seed));
        Require(key != nullptr, scheme, "OpenSSL refused the Ed25519 seed");
        return PkeyPtr(key);
    }
    }
}

std::string
IkeKeyScheme(const EVP_PKEY* key)
{
    const KeySchemeRow* row = RowOf(key);
    return row != nullptr ? row->keyword : "";
}

IkeHash
DefaultIkeHash(const EVP_PKEY* key)
{
    switch (KindOf(key))
    {
    case KeyKind::ED25519:
        return IkeHash::IDENTITY;
    case KeyKind::EC: {
        const KeySchemeRow* row = RowOfCurve(CurveNidOf(key));
        return row != nullptr ? row->defaultHash : IkeHash::SHA256;
    }
    default:
        return IkeHash::SHA256;
    }
}

std::vector<uint8_t>
Rfc6979Nonce(const EVP_PKEY* key, IkeHash hash, ByteSpan h1)
{
    EcParts parts;
    const EVP_MD* md = IkeHashDigest(hash);
    if (md == nullptr || !GetEcParts(key, parts))
    {
        return {};
    }
    return NonceFor(parts, md, h1);
}

std::vector<uint8_t>
IkeSign(const EVP_PKEY* key, IkeHash hash, ByteSpan message)
{
    const KeyKind kind = KindOf(key);
    if (!Suits(kind, hash))
    {
        return {};
    }
    switch (kind)
    {
    case KeyKind::RSA:
        return DigestSign(key, IkeHashDigest(hash), message); // PKCS#1 v1.5 is the default padding
    case KeyKind::EC:
        return EcdsaSign(key, IkeHashDigest(hash), message);
    default:
        return DigestSign(key, nullptr, message);
    }
}

bool
IkeVerify(const EVP_PKEY* key, IkeHash hash, ByteSpan message, ByteSpan signature)
{
    const KeyKind kind = KindOf(key);
    if (!Suits(kind, hash) || (signature.data == nullptr && signature.size != 0) ||
        (message.data == nullptr && message.size != 0))
    {
        return false;
    }
    if (kind == KeyKind::EC)
    {
        const size_t half = EcOrderBytes(key);
        if (half == 0 || signature.size != 2 * half)
        {
            return false;
        }
        const std::vector<uint8_t> der = EcdsaRawToDer(signature);
        return !der.empty() && DigestVerify(key, IkeHashDigest(hash), message, der);
    }
    return DigestVerify(key, IkeHashDigest(hash), message, signature);
}

std::vector<uint8_t>
EcdsaRawToDer(ByteSpan rs)
{
    if (rs.size == 0 || rs.size % 2 != 0 || rs.data == nullptr)
    {
        return {};
    }
    const size_t half = rs.size / 2;
    std::vector<uint8_t> r = DerInteger(ByteSpan(rs.data, half));
    std::vector<uint8_t> s = DerInteger(ByteSpan(rs.data + half, half));
    std::vector<uint8_t> out{0x30};
    PutDerLength(out, r.size() + s.size());
    out.insert(out.end(), r.begin(), r.end());
    out.insert(out.end(), s.begin(), s.end());
    return out;
}

std::vector<uint8_t>
EcdsaDerToRaw(ByteSpan der, size_t half)
{
    size_t pos = 0;
    size_t length = 0;
    std::vector<uint8_t> out;
    if (half == 0 || der.data == nullptr || !GetDerHeader(der, pos, 0x30, length) ||
        pos + length != der.size)
    {
        return {};
    }
    out.reserve(2 * half);
    if (!GetDerUnsigned(der, pos, half, out) || !GetDerUnsigned(der, pos, half, out) ||
        pos != der.size)
    {
        return {};
    }
    return out;
}

std::vector<uint8_t>
Rfc7427AlgorithmId(const EVP_PKEY* key, IkeHash hash)
{
    const KeyKind kind = KindOf(key);
    for (const auto& row : AlgorithmIds())
    {
        if (row.kind == kind && row.hash == hash)
        {
            return row.der;
        }
    }
    return {};
}

std::vector<uint8_t>
Ikev2DigitalSignatureAuth(const EVP_PKEY* key, IkeHash hash, ByteSpan octets)
{
    const std::vector<uint8_t> algorithm = Rfc7427AlgorithmId(key, hash);
    if (algorithm.empty())
    {
        return {};
    }
    std::vector<uint8_t> signature = IkeSign(key, hash, octets);
    if (signature.empty())
    {
        return {};
    }
    if (KindOf(key) == KeyKind::EC)
    {
        signature = EcdsaRawToDer(signature); // RFC 7427 §3: ECDSA as Ecdsa-Sig-Value
    }
    std::vector<uint8_t> auth{static_cast<uint8_t>(algorithm.size())};
    auth.insert(auth.end(), algorithm.begin(), algorithm.end());
    auth.insert(auth.end(), signature.begin(), signature.end());
    return auth;
}

bool
Ikev2VerifyDigitalSignatureAuth(const EVP_PKEY* key,
                                ByteSpan auth,
                                ByteSpan octets,
                                IkeHash& hashUsed)
{
    const KeyKind kind = KindOf(key);
    if (kind == KeyKind::NONE || auth.data == nullptr || auth.size < 1)
    {
        return false;
    }
    const size_t algLength = auth.data[0];
    if (auth.size < 1 + algLength)
    {
        return false;
    }
    const AlgorithmIdRow* found = nullptr;
    for (const auto& row : AlgorithmIds())
    {
        if (row.der.size() == algLength &&
            std::equal(row.der.begin(), row.der.end(), auth.data + 1))
        {
            found = &row;
        }
    }
    if (found == nullptr)
    {
        return false;
    }
    hashUsed = found->hash;
    if (found->kind != kind)
    {
        return false;
    }
    const ByteSpan signature(auth.data + 1 + algLength, auth.size - 1 - algLength);
    if (kind == KeyKind::EC)
    {
        const size_t half = EcOrderBytes(key);
        if (half == 0)
        {
            return false;
        }
        // Parse strictly (and re-encode) rather than hand OpenSSL the peer's DER.
        const std::vector<uint8_t> raw = EcdsaDerToRaw(signature, half);
        return !raw.empty() && IkeVerify(key, found->hash, octets, raw);
    }
    return IkeVerify(key, found->hash, octets, signature);
}

uint8_t
Ikev2ClassicAuthMethod(const EVP_PKEY* key)
{
    switch (KindOf(key))
    {
    case KeyKind::RSA:
        return 1;
    case KeyKind::EC: {
        const KeySchemeRow* row = RowOfCurve(CurveNidOf(key));
        return row != nullptr ? row->classicMethod : 0;
    }
    default:
        return 0;
    }
}

namespace
{

/**
 * The hash of a classic method, if the key suits it.
 * @param key the key
 * @param method the method
 * @param hash the hash
 * @return whether the key suits the method
 */
bool
ClassicHash(const EVP_PKEY* key, uint8_t method, IkeHash& hash)
{
    if (method == 0 || Ikev2ClassicAuthMethod(key) != method)
    {
        return false;
    }
    if (method == 1)
    {
        hash = IkeHash::SHA1; // RFC 7296 §3.8: RSA Digital Signature, SHA-1 DigestInfo
        return true;
    }
    hash = RowOfCurve(CurveNidOf(key))->defaultHash; // RFC 4754 §3
    return true;
}

} // namespace

std::vector<uint8_t>
Ikev2ClassicSignatureAuth(const EVP_PKEY* key, uint8_t method, ByteSpan octets)
{
    IkeHash hash = IkeHash::SHA256;
    if (!ClassicHash(key, method, hash))
    {
        return {};
    }
    return IkeSign(key, hash, octets);
}

bool
Ikev2VerifyClassicSignatureAuth(const EVP_PKEY* key, uint8_t method, ByteSpan auth, ByteSpan octets)
{
    IkeHash hash = IkeHash::SHA256;
    if (!ClassicHash(key, method, hash))
    {
        return false;
    }
    return IkeVerify(key, hash, octets, auth);
}

uint16_t
Ikev1SignatureAuthMethod(const EVP_PKEY* key)
{
    if (key && EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA)
    {
        return 3;
    }
    const uint8_t classic = Ikev2ClassicAuthMethod(key);
    return classic >= 9 && classic <= 11 ? classic : 0; // RFC 4754's numbers in both versions
}

std::vector<uint8_t>
Ikev1Sign(const EVP_PKEY* key, ByteSpan hash)
{
    const uint16_t method = Ikev1SignatureAuthMethod(key);
    if (method != 3)
    {
        return method == 0 ? std::vector<uint8_t>{}
                           : Ikev2ClassicSignatureAuth(key, static_cast<uint8_t>(method), hash);
    }
    // The raw hash in PKCS#1 type-1 padding: no signature digest set on the context.
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, const_cast<EVP_PKEY*>(key), nullptr));
    size_t length = 0;
    if (!ctx || EVP_PKEY_sign_init(ctx.get()) <= 0 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) <= 0 ||
        EVP_PKEY_sign(ctx.get(), nullptr, &length, hash.data, hash.size) <= 0)
    {
        TakeOpensslError();
        return {};
    }
    std::vector<uint8_t> out(length);
    if (EVP_PKEY_sign(ctx.get(), out.data(), &length, hash.data, hash.size) <= 0)
    {
        TakeOpensslError();
        return {};
    }
    out.resize(length);
    return out;
}

bool
Ikev1VerifySignature(const EVP_PKEY* key, uint16_t method, ByteSpan hash, ByteSpan signature)
{
    if (method == 0 || method != Ikev1SignatureAuthMethod(key))
    {
        return false;
    }
    if (method != 3)
    {
        return Ikev2VerifyClassicSignatureAuth(key, static_cast<uint8_t>(method), signature, hash);
    }
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, const_cast<EVP_PKEY*>(key), nullptr));
    const bool ok =
        ctx && EVP_PKEY_verify_init(ctx.get()) > 0 &&
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) > 0 &&
        EVP_PKEY_verify(ctx.get(), signature.data, signature.size, hash.data, hash.size) == 1;
    if (!ok)
    {
        TakeOpensslError();
    }
    return ok;
}

} // namespace ipsec
} // namespace ns3
