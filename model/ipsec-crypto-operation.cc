// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-crypto-operation.h"

namespace ns3
{
namespace ipsec
{

namespace
{

// IANA "Transform Type 4 - Key Exchange Method Transform IDs"; keywords from strongSwan's
// proposal_keywords_static.txt. Sizes: MODP values are padded to the prime's length (RFC 7296
// §3.4); ECP public values are x | y and the shared secret is x, each coordinate padded to the
// field's length (RFC 5903 §7, §9); X25519 values are 32 bytes (RFC 8031 §2). MODP private
// exponents: the lengths RFC 7919 §5.2 and Appendix A give for the equally large FFDHE groups
// (225, 275, 325 bits: about twice the estimated strengths of 103, 125 and 150 bits), which are
// also OpenSSL's defaults for these named groups, so the keygen costs measured with OpenSSL hold.
//
// Broken groups, for labs only (kBrokenGroups): modp1536 is OpenSSL's named group "modp_1536"
// (RFC 3526 §2), with OpenSSL's default exponent length for it, 200 bits (within the 180-240
// bits RFC 3526 §8 gives for its 90-120-bit strength). OpenSSL 3 has no named group for the
// Oakley groups of RFC 2409 §6.1 and §6.2: their primes are written out below, from the RFC
// (p = 2^n - 2^(n-64) - 1 + 2^64 * (floor(2^(n-130) pi) + k), k = 149686 and 129093; checked
// against OpenSSL's BN_get_rfc2409_prime_768/1024 in test/legacy-algorithms-test.cc). Their
// exponents have 160 bits: SP 800-57 Part 1 Table 2 pairs 1024-bit finite-field keys (80-bit
// strength) with a 160-bit subgroup, twice the strength as for the other rows; modp768 (about
// 60-bit strength) takes the same rather than an unstandardised shorter length.
const char* const kModp768Prime = // RFC 2409 §6.1, First Oakley Default Group
    "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1"
    "29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD"
    "EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245"
    "E485B576 625E7EC6 F44C42E9 A63A3620 FFFFFFFF FFFFFFFF";
const char* const kModp1024Prime = // RFC 2409 §6.2, Second Oakley Group
    "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1"
    "29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD"
    "EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245"
    "E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED"
    "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE65381"
    "FFFFFFFF FFFFFFFF";

const std::vector<KeGroupInfo> kKeGroups = {
    // clang-format off
    // keyword     id  description                                        kind            type      group        pub  secret privateBits primeHex
    {"modp2048",   14, "2048-bit MODP group (RFC 3526 §3)",               KeKind::MODP,   "DH",     "modp_2048", 256, 256,   225,        nullptr},
    {"modp3072",   15, "3072-bit MODP group (RFC 3526 §4)",               KeKind::MODP,   "DH",     "modp_3072", 384, 384,   275,        nullptr},
    {"modp4096",   16, "4096-bit MODP group (RFC 3526 §5)",               KeKind::MODP,   "DH",     "modp_4096", 512, 512,   325,        nullptr},
    {"ecp256",     19, "256-bit random ECP group, NIST P-256 (RFC 5903)", KeKind::ECP,    "EC",     "P-256",     64,  32,    0,          nullptr},
    {"ecp384",     20, "384-bit random ECP group, NIST P-384 (RFC 5903)", KeKind::ECP,    "EC",     "P-384",     96,  48,    0,          nullptr},
    {"ecp521",     21, "521-bit random ECP group, NIST P-521 (RFC 5903)", KeKind::ECP,    "EC",     "P-521",     132, 66,    0,          nullptr},
    {"curve25519", 31, "Curve25519, X25519 (RFC 7748, RFC 8031)",         KeKind::X25519, "X25519", nullptr,     32,  32,    0,          nullptr},
    // broken, for labs only (kBrokenGroups); last, so lists of groups name them last
    {"modp768",    1,  "768-bit MODP group, Oakley 1 (RFC 2409 §6.1)",    KeKind::MODP,   "DH",     nullptr,     96,  96,    160,        kModp768Prime},
    {"modp1024",   2,  "1024-bit MODP group, Oakley 2 (RFC 2409 §6.2)",   KeKind::MODP,   "DH",     nullptr,     128, 128,   160,        kModp1024Prime},
    {"modp1536",   5,  "1536-bit MODP group (RFC 3526 §2)",               KeKind::MODP,   "DH",     "modp_1536", 192, 192,   200,        nullptr},
    // clang-format on
};

/// A group kept for labs although it is broken (RFC 8247 §2.4: modp768 MUST NOT, modp1024
/// and modp1536 SHOULD NOT).
struct BrokenGroup
{
    uint16_t ianaId;    ///< the group
    const char* name;   ///< what the warning calls it
    const char* reason; ///< why it is broken
};

const std::vector<BrokenGroup> kBrokenGroups = {
    {1,
     "the 768-bit MODP group (modp768)",
     "768-bit discrete logarithms were computed in 2016; RFC 8247: MUST NOT"},
    {2,
     "the 1024-bit MODP group (modp1024)",
     "80-bit strength; a precomputation for one prime breaks every exchange in it (Logjam, "
     "2015); RFC 8247: SHOULD NOT"},
    {5,
     "the 1536-bit MODP group (modp1536)",
     "about 90-bit strength, below the 112-bit minimum of NIST SP 800-131A; RFC 8247: SHOULD "
     "NOT"},
};

// IKEv2 signatures: RFC 7296 AUTH method 1 (RSA) and RFC 7427 digital signatures.
const std::vector<SignatureSchemeInfo> kSignatureSchemes = {
    {"rsa2048", "RSA 2048-bit key, RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017, RFC 7427)"},
    {"rsa3072", "RSA 3072-bit key, RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017, RFC 7427)"},
    {"ecdsa256", "ECDSA on P-256 with SHA-256 (RFC 4754, RFC 7427)"},
    {"ecdsa384", "ECDSA on P-384 with SHA-384 (RFC 4754, RFC 7427)"},
    {"ecdsa521", "ECDSA on P-521 with SHA-512 (RFC 4754, RFC 7427)"},
    {"ed25519", "Ed25519, pure (RFC 8032, RFC 8420)"},
};

} // namespace

const char*
KeGroupInfo::GetBrokenReason() const
{
    for (const auto& b : kBrokenGroups)
    {
        if (b.ianaId == ianaId)
        {
            return b.reason;
        }
    }
    return nullptr;
}

bool
WarnIfBroken(const KeGroupInfo& group)
{
    for (const auto& b : kBrokenGroups)
    {
        if (b.ianaId == group.ianaId)
        {
            return WarnBrokenAlgorithm(b.name, b.reason);
        }
    }
    return false;
}

const std::vector<KeGroupInfo>&
GetKeGroups()
{
    return kKeGroups;
}

const KeGroupInfo*
FindKeGroup(uint16_t ianaId)
{
    for (const auto& row : kKeGroups)
    {
        if (row.ianaId == ianaId)
        {
            return &row;
        }
    }
    return nullptr;
}

const KeGroupInfo*
FindKeGroup(const std::string& keyword)
{
    for (const auto& row : kKeGroups)
    {
        if (keyword == row.keyword)
        {
            return &row;
        }
    }
    return nullptr;
}

const std::vector<SignatureSchemeInfo>&
GetSignatureSchemes()
{
    return kSignatureSchemes;
}

std::vector<std::string>
GetPrfKeywords()
{
    std::vector<std::string> keywords;
    for (const auto& row : GetTransformTable())
    {
        if (row.type == TransformType::PRF)
        {
            keywords.emplace_back(row.keyword);
        }
    }
    return keywords;
}

const char*
GetKePhaseName(KePhase phase)
{
    switch (phase)
    {
    case KePhase::KEYGEN:
        return "keygen";
    case KePhase::DERIVE:
        return "derive";
    }
    return "unknown";
}

std::string
EspOperation(const EspSuite& suite, bool outbound)
{
    std::string name = std::string("esp/") + suite.encryption->keyword;
    if (suite.integrity != nullptr)
    {
        name += std::string("-") + suite.integrity->keyword;
    }
    return name + (outbound ? "/out" : "/in");
}

std::string
AhOperation(const TransformInfo& integrity, bool outbound)
{
    return std::string("ah/") + integrity.keyword + (outbound ? "/out" : "/in");
}

std::string
KeOperation(const std::string& group, KePhase phase)
{
    return "ke/" + group + "/" + GetKePhaseName(phase);
}

std::string
SignOperation(const std::string& scheme)
{
    return "sign/" + scheme;
}

std::string
VerifyOperation(const std::string& scheme)
{
    return "verify/" + scheme;
}

std::string
PrfOperation(const std::string& prf)
{
    return "prf/" + prf;
}

} // namespace ipsec
} // namespace ns3
