// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-proposal.h"

#include "ipsec-config-error.h"

#include <cctype>
#include <sstream>

namespace ns3
{
namespace ipsec
{

namespace
{

std::string
ValidKeywords()
{
    return "valid encryption keywords: " + ListKeywords(TransformType::ENCR) +
           "; integrity keywords: " + ListKeywords(TransformType::INTEG) + "; and esn, noesn";
}

/// Lower-case, surrounding blanks removed: keywords are compared case-insensitively.
std::string
Normalize(const std::string& token)
{
    const size_t first = token.find_first_not_of(" \t");
    const size_t last = token.find_last_not_of(" \t");
    std::string out = first == std::string::npos ? "" : token.substr(first, last - first + 1);
    for (auto& c : out)
    {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

/// strongSwan's key exchange keywords (modp2048, ecp256, curve25519, ...).
bool
IsKeyExchangeKeyword(const std::string& token)
{
    for (const char* prefix : {"modp", "ecp", "curve", "x25519", "x448", "brainpool"})
    {
        if (token.rfind(prefix, 0) == 0)
        {
            return true;
        }
    }
    return false;
}

std::string
Keywords(const std::vector<const TransformInfo*>& rows)
{
    std::string out;
    for (const auto* row : rows)
    {
        out += (out.empty() ? "" : ", ") + std::string(row->keyword);
    }
    return out;
}

} // namespace

EspProposal
EspProposal::Parse(const std::string& text)
{
    EspProposal proposal;
    const std::string where = "ESP proposal \"" + text + "\": ";
    if (text.empty())
    {
        throw ConfigError(where + "is empty; " + ValidKeywords());
    }
    std::istringstream in(text);
    std::string token;
    while (std::getline(in, token, '-'))
    {
        token = Normalize(token);
        if (token == "esn" || token == "noesn")
        {
            proposal.esn.push_back(token == "esn");
            continue;
        }
        const TransformInfo* row = FindTransformByKeyword(token);
        if (row == nullptr && IsKeyExchangeKeyword(token))
        {
            throw ConfigError(where + "\"" + token + "\" is a key exchange method (PFS), which " +
                              "only an IKE-negotiated CHILD SA can use; manual keying takes none");
        }
        if (row == nullptr)
        {
            throw ConfigError(where + "unknown algorithm \"" + token + "\"; " + ValidKeywords());
        }
        switch (row->type)
        {
        case TransformType::ENCR:
            proposal.encryption.push_back(row);
            break;
        case TransformType::INTEG:
            proposal.integrity.push_back(row);
            break;
        default:
            throw ConfigError(where + "\"" + token + "\" is a " + GetTransformTypeName(row->type) +
                              " transform, which belongs in IKE proposals; " + ValidKeywords());
        }
    }
    if (!text.empty() && text.back() == '-')
    {
        throw ConfigError(where + "ends with '-'; " + ValidKeywords());
    }
    if (proposal.encryption.empty())
    {
        throw ConfigError(where + "names no encryption algorithm (use \"null\" for integrity " +
                          "only); " + ValidKeywords());
    }
    size_t aead = 0;
    for (const auto* row : proposal.encryption)
    {
        aead += row->IsAead() ? 1 : 0;
    }
    if (aead != 0 && aead != proposal.encryption.size())
    {
        throw ConfigError(where + "mixes AEAD and non-AEAD encryption (" +
                          Keywords(proposal.encryption) + "); put them in separate proposals");
    }
    if (aead != 0 && !proposal.integrity.empty())
    {
        throw ConfigError(where + Keywords(proposal.encryption) +
                          " authenticates by itself and takes no integrity algorithm " +
                          "(RFC 7296 §3.3); remove " + Keywords(proposal.integrity));
    }
    if (aead == 0 && proposal.integrity.empty())
    {
        throw ConfigError(where + Keywords(proposal.encryption) +
                          " needs an integrity algorithm, e.g. \"" +
                          proposal.encryption.front()->keyword +
                          "-sha256\"; integrity keywords: " + ListKeywords(TransformType::INTEG));
    }
    if (proposal.esn.empty())
    {
        proposal.esn.push_back(false);
    }
    return proposal;
}

std::string
EspProposal::ToString() const
{
    std::string out;
    auto add = [&out](const std::string& keyword) { out += (out.empty() ? "" : "-") + keyword; };
    for (const auto* row : encryption)
    {
        add(row->keyword);
    }
    for (const auto* row : integrity)
    {
        add(row->keyword);
    }
    for (bool e : esn)
    {
        add(e ? "esn" : "noesn");
    }
    return out;
}

EspSuite
EspSuite::Parse(const std::string& text)
{
    EspProposal proposal = EspProposal::Parse(text);
    const std::string where = "ESP proposal \"" + text + "\": ";
    if (proposal.encryption.size() > 1 || proposal.integrity.size() > 1 || proposal.esn.size() > 1)
    {
        throw ConfigError(where + "offers alternatives, but a manually keyed SA needs exactly " +
                          "one encryption algorithm, at most one integrity algorithm and one " +
                          "of esn/noesn");
    }
    EspSuite suite;
    suite.encryption = proposal.encryption.front();
    suite.integrity = proposal.integrity.empty() ? nullptr : proposal.integrity.front();
    suite.esn = proposal.esn.front();
    return suite;
}

EspSuite
EspSuite::ConfidentialityOnly(const TransformInfo* encryption)
{
    if (encryption == nullptr || encryption->type != TransformType::ENCR || encryption->IsAead() ||
        encryption->kind == CryptoKind::NULL_CIPHER)
    {
        throw ConfigError("a confidentiality-only ESP suite needs a non-AEAD, non-null cipher "
                          "such as aes128 or aes128ctr");
    }
    EspSuite suite;
    suite.encryption = encryption;
    suite.confidentialityOnly = true;
    return suite;
}

void
EspSuite::Validate() const
{
    const std::string where = "ESP suite " + ToString() + ": ";
    if (encryption == nullptr || encryption->type != TransformType::ENCR)
    {
        throw ConfigError(where + "needs an encryption transform (\"null\" for none); " +
                          ValidKeywords());
    }
    if (integrity != nullptr && integrity->type != TransformType::INTEG)
    {
        throw ConfigError(where + integrity->keyword + " is not an integrity transform");
    }
    if (encryption->IsAead() && integrity != nullptr)
    {
        throw ConfigError(where + encryption->keyword +
                          " authenticates by itself and takes no integrity algorithm " +
                          "(RFC 7296 §3.3)");
    }
    if (!encryption->IsAead() && integrity == nullptr &&
        (!confidentialityOnly || encryption->kind == CryptoKind::NULL_CIPHER))
    {
        throw ConfigError(where + encryption->keyword +
                          " needs an integrity algorithm (RFC 4303 §3.2 forbids NULL " +
                          "encryption without integrity; confidentiality-only ESP must be " +
                          "asked for: EspSuite::ConfidentialityOnly, or IpsecHelper's SA "
                          "attribute EncryptionOnly=true)");
    }
}

bool
EspSuite::IsAead() const
{
    return encryption != nullptr && encryption->IsAead();
}

uint32_t
EspSuite::GetIcvSize() const
{
    if (IsAead())
    {
        return encryption->icvSize;
    }
    return integrity == nullptr ? 0 : integrity->icvSize;
}

std::string
EspSuite::ToString() const
{
    std::string out = encryption == nullptr ? "none" : encryption->keyword;
    if (integrity != nullptr)
    {
        out += std::string("-") + integrity->keyword;
    }
    if (esn)
    {
        out += "-esn";
    }
    return out;
}

} // namespace ipsec
} // namespace ns3
