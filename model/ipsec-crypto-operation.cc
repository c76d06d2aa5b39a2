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
const std::vector<KeGroupInfo> kKeGroups = {
    // clang-format off
    // keyword     id  description                                        kind            type      group        pub  secret privateBits
    {"modp2048",   14, "2048-bit MODP group (RFC 3526 §3)",               KeKind::MODP,   "DH",     "modp_2048", 256, 256,   225},
    {"modp3072",   15, "3072-bit MODP group (RFC 3526 §4)",               KeKind::MODP,   "DH",     "modp_3072", 384, 384,   275},
    {"modp4096",   16, "4096-bit MODP group (RFC 3526 §5)",               KeKind::MODP,   "DH",     "modp_4096", 512, 512,   325},
    {"ecp256",     19, "256-bit random ECP group, NIST P-256 (RFC 5903)", KeKind::ECP,    "EC",     "P-256",     64,  32,    0},
    {"ecp384",     20, "384-bit random ECP group, NIST P-384 (RFC 5903)", KeKind::ECP,    "EC",     "P-384",     96,  48,    0},
    {"ecp521",     21, "521-bit random ECP group, NIST P-521 (RFC 5903)", KeKind::ECP,    "EC",     "P-521",     132, 66,    0},
    {"curve25519", 31, "Curve25519, X25519 (RFC 7748, RFC 8031)",         KeKind::X25519, "X25519", nullptr,     32,  32,    0},
    // clang-format on
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
