// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-transform.h"

#include "ns3/log.h"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <mutex>
#include <set>
#include <sstream>
#include <utility>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecTransform");

namespace
{

using T = TransformType;
using K = CryptoKind;

// Sizes: RFC 3602 §2 (AES-CBC: 16-byte IV and block), RFC 2451 (3DES: 24-byte key, 8-byte
// IV/block), RFC 3686 §5.1 (AES-CTR: key + 4-byte nonce, 8-byte IV), RFC 4106 §8.1 (GCM: key +
// 4-byte salt, 8-byte IV, 8/12/16-byte ICV), RFC 4543 §3.1 (GMAC: key + 4-byte salt, 8-byte IV,
// 16-byte ICV), RFC 7634 §2 (ChaCha20-Poly1305: 32-byte key + 4-byte salt, 8-byte IV, 16-byte
// ICV), RFC 2404 (HMAC-SHA1-96), RFC 3566 (AES-XCBC-MAC-96), RFC 4868 §2.6 (HMAC-SHA2: key =
// hash output, ICV = half of it), RFC 4434 and RFC 4868 (PRFs: output = hash/block size),
// RFC 2405 (DES-CBC: 8-byte key, IV and block), RFC 2403 (HMAC-MD5-96: 16-byte key, 12-byte
// ICV), RFC 2104 (HMAC-MD5 as PRF_HMAC_MD5: 16-byte key and output).
// Keywords follow strongSwan's proposal_keywords_static.txt. Wireshark names are the value
// strings of Wireshark 4.0's packet-ipsec.c (esp_encryption_type_vals and
// esp_authentication_type_vals); 4.0 has no AES-GMAC, ChaCha20-Poly1305 or AES-XCBC-MAC-96.
// The broken rows (DES, MD5) come last in their type, so keyword lists name them last.
const std::vector<TransformInfo> kTable = {
    // clang-format off
    // type id  keyBits ianaName                   keyword             aliases                     kind               openssl        key salt iv blk icv  reference   wiresharkName
    {T::ENCR, 11, 0,   "ENCR_NULL",                "null",             "",                         K::NULL_CIPHER,    "",            0,  0,   0, 1,  0,  "RFC 2410", "NULL"},
    {T::ENCR, 3,  0,   "ENCR_3DES",                "3des",             "",                         K::CBC,            "DES-EDE3-CBC",24, 0,   8, 8,  0,  "RFC 2451", "TripleDES-CBC [RFC2451]"},
    {T::ENCR, 12, 128, "ENCR_AES_CBC",             "aes128",           "aes",                      K::CBC,            "AES-128-CBC", 16, 0,  16, 16, 0,  "RFC 3602", "AES-CBC [RFC3602]"},
    {T::ENCR, 12, 192, "ENCR_AES_CBC",             "aes192",           "",                         K::CBC,            "AES-192-CBC", 24, 0,  16, 16, 0,  "RFC 3602", "AES-CBC [RFC3602]"},
    {T::ENCR, 12, 256, "ENCR_AES_CBC",             "aes256",           "",                         K::CBC,            "AES-256-CBC", 32, 0,  16, 16, 0,  "RFC 3602", "AES-CBC [RFC3602]"},
    {T::ENCR, 13, 128, "ENCR_AES_CTR",             "aes128ctr",        "",                         K::CTR,            "AES-128-CTR", 20, 4,   8, 1,  0,  "RFC 3686", "AES-CTR [RFC3686]"},
    {T::ENCR, 13, 192, "ENCR_AES_CTR",             "aes192ctr",        "",                         K::CTR,            "AES-192-CTR", 28, 4,   8, 1,  0,  "RFC 3686", "AES-CTR [RFC3686]"},
    {T::ENCR, 13, 256, "ENCR_AES_CTR",             "aes256ctr",        "",                         K::CTR,            "AES-256-CTR", 36, 4,   8, 1,  0,  "RFC 3686", "AES-CTR [RFC3686]"},
    {T::ENCR, 18, 128, "ENCR_AES_GCM_8",           "aes128gcm8",       "aes128gcm64",              K::GCM,            "AES-128-GCM", 20, 4,   8, 1,  8,  "RFC 4106", "AES-GCM with 8 octet ICV [RFC4106]"},
    {T::ENCR, 18, 192, "ENCR_AES_GCM_8",           "aes192gcm8",       "aes192gcm64",              K::GCM,            "AES-192-GCM", 28, 4,   8, 1,  8,  "RFC 4106", "AES-GCM with 8 octet ICV [RFC4106]"},
    {T::ENCR, 18, 256, "ENCR_AES_GCM_8",           "aes256gcm8",       "aes256gcm64",              K::GCM,            "AES-256-GCM", 36, 4,   8, 1,  8,  "RFC 4106", "AES-GCM with 8 octet ICV [RFC4106]"},
    {T::ENCR, 19, 128, "ENCR_AES_GCM_12",          "aes128gcm12",      "aes128gcm96",              K::GCM,            "AES-128-GCM", 20, 4,   8, 1,  12, "RFC 4106", "AES-GCM with 12 octet ICV [RFC4106]"},
    {T::ENCR, 19, 192, "ENCR_AES_GCM_12",          "aes192gcm12",      "aes192gcm96",              K::GCM,            "AES-192-GCM", 28, 4,   8, 1,  12, "RFC 4106", "AES-GCM with 12 octet ICV [RFC4106]"},
    {T::ENCR, 19, 256, "ENCR_AES_GCM_12",          "aes256gcm12",      "aes256gcm96",              K::GCM,            "AES-256-GCM", 36, 4,   8, 1,  12, "RFC 4106", "AES-GCM with 12 octet ICV [RFC4106]"},
    {T::ENCR, 20, 128, "ENCR_AES_GCM_16",          "aes128gcm16",      "aes128gcm128 aes128gcm",   K::GCM,            "AES-128-GCM", 20, 4,   8, 1,  16, "RFC 4106", "AES-GCM with 16 octet ICV [RFC4106]"},
    {T::ENCR, 20, 192, "ENCR_AES_GCM_16",          "aes192gcm16",      "aes192gcm128 aes192gcm",   K::GCM,            "AES-192-GCM", 28, 4,   8, 1,  16, "RFC 4106", "AES-GCM with 16 octet ICV [RFC4106]"},
    {T::ENCR, 20, 256, "ENCR_AES_GCM_16",          "aes256gcm16",      "aes256gcm128 aes256gcm",   K::GCM,            "AES-256-GCM", 36, 4,   8, 1,  16, "RFC 4106", "AES-GCM with 16 octet ICV [RFC4106]"},
    {T::ENCR, 21, 128, "ENCR_NULL_AUTH_AES_GMAC",  "aes128gmac",       "",                         K::GMAC,           "AES-128-GCM", 20, 4,   8, 1,  16, "RFC 4543", nullptr},
    {T::ENCR, 21, 192, "ENCR_NULL_AUTH_AES_GMAC",  "aes192gmac",       "",                         K::GMAC,           "AES-192-GCM", 28, 4,   8, 1,  16, "RFC 4543", nullptr},
    {T::ENCR, 21, 256, "ENCR_NULL_AUTH_AES_GMAC",  "aes256gmac",       "",                         K::GMAC,           "AES-256-GCM", 36, 4,   8, 1,  16, "RFC 4543", nullptr},
    {T::ENCR, 28, 0,   "ENCR_CHACHA20_POLY1305",   "chacha20poly1305", "",                         K::CHACHA20_POLY1305, "ChaCha20-Poly1305", 36, 4, 8, 1, 16, "RFC 7634", nullptr},
    // broken, for labs only (kBroken below): DES-CBC needs OpenSSL 3's legacy provider
    {T::ENCR, 2,  0,   "ENCR_DES",                 "des",              "",                         K::CBC,            "DES-CBC",     8,  0,   8, 8,  0,  "RFC 2405", "DES-CBC [RFC2405]"},
    {T::INTEG, 2,  0,  "AUTH_HMAC_SHA1_96",        "sha1",             "sha",                      K::HMAC,           "SHA1",        20, 0,   0, 1,  12, "RFC 2404", "HMAC-SHA-1-96 [RFC2404]"},
    {T::INTEG, 5,  0,  "AUTH_AES_XCBC_96",         "aesxcbc",          "",                         K::XCBC,           "AES-128-ECB", 16, 0,   0, 1,  12, "RFC 3566", nullptr},
    {T::INTEG, 12, 0,  "AUTH_HMAC_SHA2_256_128",   "sha256",           "sha2_256",                 K::HMAC,           "SHA256",      32, 0,   0, 1,  16, "RFC 4868", "HMAC-SHA-256-128 [RFC4868]"},
    {T::INTEG, 13, 0,  "AUTH_HMAC_SHA2_384_192",   "sha384",           "sha2_384",                 K::HMAC,           "SHA384",      48, 0,   0, 1,  24, "RFC 4868", "HMAC-SHA-384-192 [RFC4868]"},
    {T::INTEG, 14, 0,  "AUTH_HMAC_SHA2_512_256",   "sha512",           "sha2_512",                 K::HMAC,           "SHA512",      64, 0,   0, 1,  32, "RFC 4868", "HMAC-SHA-512-256 [RFC4868]"},
    {T::INTEG, 1,  0,  "AUTH_HMAC_MD5_96",         "md5",              "",                         K::HMAC,           "MD5",         16, 0,   0, 1,  12, "RFC 2403", "HMAC-MD5-96 [RFC2403]"},
    {T::PRF,  2,  0,   "PRF_HMAC_SHA1",            "prfsha1",          "",                         K::HMAC,           "SHA1",        20, 0,   0, 1,  20, "RFC 2104", nullptr},
    {T::PRF,  4,  0,   "PRF_AES128_XCBC",          "prfaesxcbc",       "",                         K::XCBC,           "AES-128-ECB", 16, 0,   0, 1,  16, "RFC 4434", nullptr},
    {T::PRF,  5,  0,   "PRF_HMAC_SHA2_256",        "prfsha256",        "",                         K::HMAC,           "SHA256",      32, 0,   0, 1,  32, "RFC 4868", nullptr},
    {T::PRF,  6,  0,   "PRF_HMAC_SHA2_384",        "prfsha384",        "",                         K::HMAC,           "SHA384",      48, 0,   0, 1,  48, "RFC 4868", nullptr},
    {T::PRF,  7,  0,   "PRF_HMAC_SHA2_512",        "prfsha512",        "",                         K::HMAC,           "SHA512",      64, 0,   0, 1,  64, "RFC 4868", nullptr},
    {T::PRF,  1,  0,   "PRF_HMAC_MD5",             "prfmd5",           "",                         K::HMAC,           "MD5",         16, 0,   0, 1,  16, "RFC 2104", nullptr},
    // clang-format on
};

/// A transform kept for labs (IKEv1 and old IKEv2 set-ups) although it is broken.
struct Broken
{
    TransformType type; ///< transform type
    uint16_t id;        ///< IANA ID
    const char* name;   ///< what the warning calls it
    const char* reason; ///< why it is broken
};

// RFC 8221 §5-6 (ESP, AH) and RFC 8247 §2.1-2.3 (IKEv2) say MUST NOT for all three.
const std::vector<Broken> kBroken = {
    {T::ENCR,
     encr::DES,
     "DES-CBC",
     "56-bit key, found by exhaustive search since 1998; RFC 8221 and RFC 8247: MUST NOT"},
    {T::INTEG,
     integ::HMAC_MD5_96,
     "HMAC-MD5-96",
     "MD5 collisions are practical (RFC 6151); RFC 8221 and RFC 8247: MUST NOT"},
    {T::PRF,
     prf::HMAC_MD5,
     "PRF_HMAC_MD5",
     "MD5 collisions are practical (RFC 6151); RFC 8247: MUST NOT"},
};

// The IANA "Transform Type 1" registry's IKEv2 column says "Not allowed" for these two: an IKE
// SA encrypts its messages (RFC 7296 §3.3.2 refers to that registry).
const std::vector<std::pair<TransformType, uint16_t>> kNotForIkeSa = {
    {T::ENCR, encr::NULL_ENCR},
    {T::ENCR, encr::NULL_AUTH_AES_GMAC},
};

std::string
ToLower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return s;
}

bool
HasKeyword(const TransformInfo& row, const std::string& keyword)
{
    if (keyword == row.keyword)
    {
        return true;
    }
    std::istringstream aliases(row.aliases);
    std::string alias;
    while (aliases >> alias)
    {
        if (alias == keyword)
        {
            return true;
        }
    }
    return false;
}

} // namespace

bool
TransformInfo::IsAead() const
{
    return kind == CryptoKind::GCM || kind == CryptoKind::GMAC ||
           kind == CryptoKind::CHACHA20_POLY1305;
}

uint32_t
TransformInfo::GetCipherKeySize() const
{
    return keySize - saltSize;
}

bool
TransformInfo::IsAllowedForIkeSa() const
{
    return std::find(kNotForIkeSa.begin(), kNotForIkeSa.end(), std::make_pair(type, id)) ==
           kNotForIkeSa.end();
}

const char*
TransformInfo::GetBrokenReason() const
{
    for (const auto& b : kBroken)
    {
        if (b.type == type && b.id == id)
        {
            return b.reason;
        }
    }
    return nullptr;
}

bool
WarnBrokenAlgorithm(const std::string& algorithm, const std::string& reason)
{
    // Never destroyed (a warning may come from a static destructor's clean-up); guarded for
    // tests and tools that set up from several threads.
    static auto* warned = new std::set<std::string>();
    static std::mutex mutex;
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (!warned->insert(algorithm).second)
        {
            return false;
        }
    }
    const std::string text =
        "ns3-ipsec warning: " + algorithm + " is broken (" + reason + "); for labs only";
    NS_LOG_WARN(text);
    std::cerr << text << std::endl;
    return true;
}

bool
WarnIfBroken(const TransformInfo& row)
{
    for (const auto& b : kBroken)
    {
        if (b.type == row.type && b.id == row.id)
        {
            return WarnBrokenAlgorithm(b.name, b.reason);
        }
    }
    return false;
}

const std::vector<TransformInfo>&
GetTransformTable()
{
    return kTable;
}

const TransformInfo*
FindTransform(TransformType type, uint16_t id, uint16_t keyLengthBits)
{
    for (const auto& row : kTable)
    {
        if (row.type == type && row.id == id && row.keyLengthBits == keyLengthBits)
        {
            return &row;
        }
    }
    return nullptr;
}

const TransformInfo*
FindTransformByKeyword(const std::string& keyword)
{
    const std::string lower = ToLower(keyword);
    for (const auto& row : kTable)
    {
        if (HasKeyword(row, lower))
        {
            return &row;
        }
    }
    return nullptr;
}

std::string
ListKeywords(TransformType type)
{
    std::string out;
    for (const auto& row : kTable)
    {
        if (row.type == type)
        {
            out += (out.empty() ? "" : ", ") + std::string(row.keyword);
        }
    }
    return out;
}

const char*
GetTransformTypeName(TransformType type)
{
    switch (type)
    {
    case TransformType::ENCR:
        return "encryption";
    case TransformType::PRF:
        return "PRF";
    case TransformType::INTEG:
        return "integrity";
    case TransformType::KE:
        return "key exchange";
    case TransformType::ESN:
        return "ESN";
    }
    return "unknown";
}

} // namespace ipsec
} // namespace ns3
