// SPDX-License-Identifier: GPL-2.0-only

#include "ike-proposal.h"

#include "ipsec-config-error.h"
#include "ipsec-crypto-operation.h"
#include "ipsec-openssl-util.h"
#include "ipsec-security-association.h"

#include <algorithm>
#include <cctype>

namespace ns3
{
namespace ipsec
{

namespace
{

/// What one keyword of a proposal string names.
struct Token
{
    std::string keyword;               ///< the keyword, lower case
    const TransformInfo* row{nullptr}; ///< ENCR, INTEG or PRF row
    bool isKe{false};                  ///< a key exchange method (or "none")
    uint16_t ke{KE_NONE};              ///< its IANA ID
    bool isEsn{false};                 ///< "esn" or "noesn"
    bool esn{false};                   ///< which of the two
};

// strongSwan derives an IKE proposal's PRFs from its integrity algorithms when no prf keyword
// is given (proposal.c, integ_prf_map); these are the pairs this module has.
const std::vector<std::pair<uint16_t, uint16_t>> kIntegToPrf = {
    {integ::HMAC_MD5_96, prf::HMAC_MD5},
    {integ::HMAC_SHA1_96, prf::HMAC_SHA1},
    {integ::AES_XCBC_96, prf::AES128_XCBC},
    {integ::HMAC_SHA2_256_128, prf::HMAC_SHA2_256},
    {integ::HMAC_SHA2_384_192, prf::HMAC_SHA2_384},
    {integ::HMAC_SHA2_512_256, prf::HMAC_SHA2_512},
};

/// Other keywords strongSwan accepts for a group of GetKeGroups().
const std::vector<std::pair<std::string, uint16_t>> kKeAliases = {{"x25519", 31}};

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

/// Split at sep, keeping empty pieces (a trailing separator yields a last empty piece).
std::vector<std::string>
Split(const std::string& text, char sep)
{
    std::vector<std::string> pieces;
    size_t start = 0;
    for (size_t pos = text.find(sep); pos != std::string::npos; pos = text.find(sep, start))
    {
        pieces.push_back(text.substr(start, pos - start));
        start = pos + 1;
    }
    pieces.push_back(text.substr(start));
    return pieces;
}

/// strongSwan's key exchange keywords this module may lack (modp6144, ecp224, x448, ...).
bool
LooksLikeKeKeyword(const std::string& token)
{
    for (const char* prefix : {"modp", "ecp", "curve", "x25519", "x448", "mlkem", "gost"})
    {
        if (token.rfind(prefix, 0) == 0)
        {
            return true;
        }
    }
    return false;
}

std::string
KeKeywords()
{
    std::string out;
    for (const auto& group : GetKeGroups())
    {
        out += (out.empty() ? "" : ", ") + std::string(group.keyword);
    }
    return out;
}

std::string
EncryptionKeywords(bool ikeSa)
{
    std::string out;
    for (const auto& row : GetTransformTable())
    {
        if (row.type == TransformType::ENCR && (!ikeSa || row.IsAllowedForIkeSa()))
        {
            out += (out.empty() ? "" : ", ") + std::string(row.keyword);
        }
    }
    return out;
}

std::string
ValidKeywords(const char* kind)
{
    const std::string integ = "; integrity: " + ListKeywords(TransformType::INTEG);
    const std::string ke = "; key exchange: " + KeKeywords();
    if (std::string(kind) == "IKE")
    {
        return "valid IKE keywords: encryption: " + EncryptionKeywords(true) + integ +
               "; PRF: " + ListKeywords(TransformType::PRF) + ke;
    }
    const std::string tail = ke + ", none (PFS optional); and esn, noesn";
    if (std::string(kind) == "AH")
    {
        return "valid AH keywords: integrity: " + ListKeywords(TransformType::INTEG) + tail;
    }
    return "valid ESP keywords: encryption: " + EncryptionKeywords(false) + integ + tail;
}

Token
Classify(const std::string& raw, const std::string& where, const char* kind)
{
    Token token;
    token.keyword = Normalize(raw);
    const std::string& k = token.keyword;
    if (k.empty())
    {
        throw ConfigError(where + "has an empty keyword (two '-' in a row, or one at an end); " +
                          ValidKeywords(kind));
    }
    if (k == "esn" || k == "noesn")
    {
        token.isEsn = true;
        token.esn = k == "esn";
        return token;
    }
    if (k == "none" || k == "modpnone")
    {
        token.isKe = true;
        return token;
    }
    if (const KeGroupInfo* group = FindKeGroup(k))
    {
        token.isKe = true;
        token.ke = group->ianaId;
        return token;
    }
    for (const auto& alias : kKeAliases)
    {
        if (k == alias.first)
        {
            token.isKe = true;
            token.ke = alias.second;
            return token;
        }
    }
    token.row = FindTransformByKeyword(k);
    if (token.row == nullptr && LooksLikeKeKeyword(k))
    {
        throw ConfigError(where + "key exchange method \"" + k +
                          "\" is not available in this module; use one of " + KeKeywords());
    }
    if (token.row == nullptr)
    {
        throw ConfigError(where + "unknown algorithm \"" + k + "\"; " + ValidKeywords(kind));
    }
    return token;
}

template <typename T>
void
AddOnce(std::vector<T>& list, const T& value, const std::string& keyword, const std::string& where)
{
    if (std::find(list.begin(), list.end(), value) != list.end())
    {
        throw ConfigError(where + "names \"" + keyword + "\" twice (or by two of its names)");
    }
    list.push_back(value);
}

std::string
Keywords(const std::vector<const TransformInfo*>& rows, const char* sep = ", ")
{
    std::string out;
    for (const auto* row : rows)
    {
        out += (out.empty() ? "" : sep) + std::string(row == nullptr ? "?" : row->keyword);
    }
    return out;
}

std::string
KeList(const std::vector<uint16_t>& ids, const char* sep = ", ")
{
    std::string out;
    for (uint16_t id : ids)
    {
        out += (out.empty() ? "" : sep) + GetKeKeyword(id);
    }
    return out;
}

void
CheckRows(const std::vector<const TransformInfo*>& rows,
          TransformType type,
          const std::string& where)
{
    for (const auto* row : rows)
    {
        if (row == nullptr || row->type != type)
        {
            throw ConfigError(where + "its " + GetTransformTypeName(type) + " list holds " +
                              (row == nullptr ? std::string("a null transform")
                                              : std::string(row->keyword) + ", of type " +
                                                    GetTransformTypeName(row->type)));
        }
    }
}

void
CheckKeIds(const std::vector<uint16_t>& ids, bool noneAllowed, const std::string& where)
{
    for (uint16_t id : ids)
    {
        const bool known = FindKeGroup(id) != nullptr;
        if (id == KE_NONE && !noneAllowed)
        {
            throw ConfigError(where + "an IKE SA always runs a key exchange; remove \"none\"");
        }
        if (id != KE_NONE && !known)
        {
            throw ConfigError(where + "key exchange method " + std::to_string(id) +
                              " is not available in this module; use one of " + KeKeywords());
        }
    }
}

/// Warn (once per process and algorithm) about the broken transforms and groups a proposal
/// that passed its checks uses (DES, MD5, modp768/1024/1536: for labs only).
void
WarnAboutBroken(std::initializer_list<const std::vector<const TransformInfo*>*> lists,
                const std::vector<uint16_t>& keyExchange)
{
    for (const auto* list : lists)
    {
        for (const auto* row : *list)
        {
            WarnIfBroken(*row);
            if (row->type == TransformType::ENCR)
            {
                PrepareLegacyCipher(row->opensslName);
            }
        }
    }
    for (uint16_t id : keyExchange)
    {
        if (const KeGroupInfo* group = FindKeGroup(id))
        {
            WarnIfBroken(*group);
        }
    }
}

/// The cipher rules IKE and ESP share: present, not mixed, AEAD without integrity, others with.
void
CheckCiphers(const std::vector<const TransformInfo*>& encryption,
             const std::vector<const TransformInfo*>& integrity,
             const std::string& aeadHint,
             const std::string& where,
             const char* kind)
{
    if (encryption.empty())
    {
        throw ConfigError(where + "names no encryption algorithm" +
                          (std::string(kind) == "ESP" ? " (\"null\" for integrity only)" : "") +
                          "; " + ValidKeywords(kind));
    }
    const auto aead = std::count_if(encryption.begin(),
                                    encryption.end(),
                                    [](const TransformInfo* row) { return row->IsAead(); });
    if (aead != 0 && static_cast<size_t>(aead) != encryption.size())
    {
        throw ConfigError(where + "mixes AEAD and non-AEAD encryption (" + Keywords(encryption) +
                          "); put them in separate proposals (RFC 7296 §2.7)");
    }
    if (aead != 0 && !integrity.empty())
    {
        throw ConfigError(where + Keywords(encryption) +
                          " authenticates by itself and takes no integrity algorithm " +
                          "(RFC 7296 §3.3); remove " + Keywords(integrity) + aeadHint);
    }
    if (aead == 0 && integrity.empty())
    {
        throw ConfigError(where + Keywords(encryption) + " needs an integrity algorithm, e.g. \"" +
                          encryption.front()->keyword +
                          "-sha256\"; integrity keywords: " + ListKeywords(TransformType::INTEG));
    }
}

void
CheckIke(const IkeProposal& p, const std::string& where, const std::string& aeadHint)
{
    CheckRows(p.encryption, TransformType::ENCR, where);
    CheckRows(p.integrity, TransformType::INTEG, where);
    CheckRows(p.prf, TransformType::PRF, where);
    for (const auto* row : p.encryption)
    {
        if (!row->IsAllowedForIkeSa())
        {
            throw ConfigError(where + row->ianaName + " (\"" + row->keyword +
                              "\") is not allowed for an IKE SA, whose messages are encrypted " +
                              "(IANA Transform Type 1 registry); IKE encryption keywords: " +
                              EncryptionKeywords(true));
        }
    }
    CheckCiphers(p.encryption, p.integrity, aeadHint, where, "IKE");
    if (p.prf.empty())
    {
        throw ConfigError(
            where + "names no PRF; " +
            (p.IsAead() ? "an AEAD cipher has no integrity algorithm to take it from, so name it, "
                          "e.g. \"" +
                              std::string(p.encryption.front()->keyword) + "-prfsha256-ecp256\""
                        : "name one") +
            "; PRF keywords: " + ListKeywords(TransformType::PRF));
    }
    if (p.keyExchange.empty())
    {
        throw ConfigError(where + "names no key exchange method, which an IKE SA needs (RFC 7296 " +
                          "§3.3.3), e.g. \"-ecp256\"; key exchange keywords: " + KeKeywords());
    }
    CheckKeIds(p.keyExchange, false, where);
    WarnAboutBroken({&p.encryption, &p.integrity, &p.prf}, p.keyExchange);
}

void
CheckChild(const ChildProposal& p, const std::string& where)
{
    const char* kind = p.protocol == IpsecProtocol::AH ? "AH" : "ESP";
    if (p.protocol != IpsecProtocol::ESP && p.protocol != IpsecProtocol::AH)
    {
        throw ConfigError(where + "a CHILD SA proposal is for ESP or AH (an ESP+AH bundle is two "
                                  "proposal lists)");
    }
    CheckRows(p.encryption, TransformType::ENCR, where);
    CheckRows(p.integrity, TransformType::INTEG, where);
    if (p.protocol == IpsecProtocol::AH)
    {
        if (!p.encryption.empty())
        {
            throw ConfigError(where + "AH only authenticates; remove " + Keywords(p.encryption) +
                              " or use ESP");
        }
        if (p.integrity.empty())
        {
            throw ConfigError(where + "names no integrity algorithm; " + ValidKeywords(kind));
        }
    }
    else
    {
        CheckCiphers(p.encryption, p.integrity, "", where, kind);
    }
    CheckKeIds(p.keyExchange, true, where);
    if (p.esn.empty())
    {
        throw ConfigError(where + "offers no ESN choice; give esn, noesn or both");
    }
    WarnAboutBroken({&p.encryption, &p.integrity}, p.keyExchange);
}

std::string
Quoted(const std::string& what, const std::string& text)
{
    return what + " \"" + text + "\": ";
}

IkeProposal
ParseIke(const std::string& text, const std::string& where)
{
    IkeProposal p;
    for (const auto& raw : Split(text, '-'))
    {
        const Token t = Classify(raw, where, "IKE");
        if (t.isEsn)
        {
            throw ConfigError(where + "\"" + t.keyword +
                              "\" belongs in ESP or AH proposals; an IKE SA has no ESN");
        }
        if (t.isKe)
        {
            if (t.ke == KE_NONE)
            {
                throw ConfigError(where + "an IKE SA always runs a key exchange; remove \"" +
                                  t.keyword + "\"");
            }
            AddOnce(p.keyExchange, t.ke, t.keyword, where);
            continue;
        }
        auto& list = t.row->type == TransformType::ENCR    ? p.encryption
                     : t.row->type == TransformType::INTEG ? p.integrity
                                                           : p.prf;
        AddOnce(list, t.row, t.keyword, where);
    }
    std::string aeadHint;
    if (p.prf.empty())
    {
        std::vector<const TransformInfo*> derived;
        for (const auto* integrity : p.integrity)
        {
            for (const auto& pair : kIntegToPrf)
            {
                const TransformInfo* prf = FindTransform(TransformType::PRF, pair.second);
                if (pair.first == integrity->id &&
                    std::find(derived.begin(), derived.end(), prf) == derived.end())
                {
                    derived.push_back(prf);
                }
            }
        }
        if (!p.encryption.empty() && p.encryption.front()->IsAead() && !derived.empty())
        {
            IkeProposal fixed = p;
            fixed.integrity.clear();
            fixed.prf = derived;
            aeadHint =
                "; to take the PRF from it, as strongSwan does, write \"" + fixed.ToString() + "\"";
        }
        else
        {
            p.prf = derived;
        }
    }
    CheckIke(p, where, aeadHint);
    return p;
}

ChildProposal
ParseChild(const std::string& text, IpsecProtocol protocol, const std::string& where)
{
    ChildProposal p;
    p.protocol = protocol;
    p.esn.clear();
    const char* kind = protocol == IpsecProtocol::AH ? "AH" : "ESP";
    for (const auto& raw : Split(text, '-'))
    {
        const Token t = Classify(raw, where, kind);
        if (t.isEsn)
        {
            AddOnce(p.esn, t.esn, t.keyword, where);
        }
        else if (t.isKe)
        {
            AddOnce(p.keyExchange, t.ke, t.keyword, where);
        }
        else if (t.row->type == TransformType::PRF)
        {
            throw ConfigError(where + "\"" + t.keyword + "\" is a PRF, which belongs in IKE " +
                              "proposals; " + ValidKeywords(kind));
        }
        else if (t.row->type == TransformType::ENCR && protocol == IpsecProtocol::AH)
        {
            throw ConfigError(
                where + "AH only authenticates; " +
                (t.row->kind == CryptoKind::GMAC
                     ? "AH with AES-GMAC is not available in this module, use ESP with \"" +
                           t.keyword + "\" (integrity only) or AH with an integrity algorithm"
                     : "remove \"" + t.keyword + "\" or use ESP") +
                "; " + ValidKeywords(kind));
        }
        else
        {
            AddOnce(t.row->type == TransformType::ENCR ? p.encryption : p.integrity,
                    t.row,
                    t.keyword,
                    where);
        }
    }
    if (p.esn.empty())
    {
        p.esn.push_back(false);
    }
    CheckChild(p, where);
    return p;
}

/// Parse a ',' list; each proposal gets its position as number (RFC 7296 §3.3.1).
template <typename P, typename F>
std::vector<P>
ParseList(const std::string& text, const std::string& what, F parseOne)
{
    const std::vector<std::string> pieces = Split(text, ',');
    if (pieces.size() > 255)
    {
        throw ConfigError(Quoted(what + "s", text) + "holds " + std::to_string(pieces.size()) +
                          " proposals; the Proposal Num field allows 255 (RFC 7296 §3.3.1)");
    }
    std::vector<P> proposals;
    for (size_t i = 0; i < pieces.size(); ++i)
    {
        const std::string where = pieces.size() == 1 ? Quoted(what, pieces[i])
                                                     : what + " " + std::to_string(i + 1) + " \"" +
                                                           pieces[i] + "\" of \"" + text + "\": ";
        if (Normalize(pieces[i]).empty())
        {
            throw ConfigError(where + "is empty; separate proposals with ',' and the keywords of "
                                      "one proposal with '-'");
        }
        proposals.push_back(parseOne(pieces[i], where));
        proposals.back().number = static_cast<uint8_t>(i + 1);
    }
    return proposals;
}

template <typename P>
std::string
JoinProposals(const std::vector<P>& proposals)
{
    std::string out;
    for (const auto& p : proposals)
    {
        out += (out.empty() ? "" : ",") + p.ToString();
    }
    return out;
}

void
RequireSingle(bool single, const std::string& what, const std::string& text)
{
    if (!single)
    {
        throw ConfigError(Quoted(what, text) +
                          "offers alternatives; keys and SAs come from an accepted proposal, " +
                          "which has one transform of each type (SelectProposal)");
    }
}

} // namespace

uint32_t
IkeKeySizes::GetTotal() const
{
    return skD + 2 * (skA + skE + skP);
}

uint32_t
ChildKeySizes::GetPerSa() const
{
    return encryptionKey + integrityKey;
}

uint32_t
ChildKeySizes::GetTotal() const
{
    return 2 * GetPerSa();
}

IkeProposal
IkeProposal::Parse(const std::string& text)
{
    if (Normalize(text).empty())
    {
        throw ConfigError(Quoted("IKE proposal", text) + "is empty; " + ValidKeywords("IKE"));
    }
    return ParseIke(text, Quoted("IKE proposal", text));
}

void
IkeProposal::Validate() const
{
    CheckIke(*this, Quoted("IKE proposal", ToString()), "");
}

bool
IkeProposal::IsAead() const
{
    return !encryption.empty() && encryption.front() != nullptr && encryption.front()->IsAead();
}

bool
IkeProposal::IsSingleChoice() const
{
    return encryption.size() == 1 && integrity.size() == (IsAead() ? 0u : 1u) && prf.size() == 1 &&
           keyExchange.size() == 1;
}

IkeKeySizes
IkeProposal::GetKeySizes() const
{
    RequireSingle(IsSingleChoice(), "IKE proposal", ToString());
    IkeKeySizes sizes;
    sizes.skD = prf.front()->keySize;
    sizes.skA = integrity.empty() ? 0 : integrity.front()->keySize;
    sizes.skE = encryption.front()->keySize;
    sizes.skP = prf.front()->keySize;
    return sizes;
}

std::string
IkeProposal::ToString() const
{
    std::string out = Keywords(encryption, "-");
    for (const auto& part :
         {Keywords(integrity, "-"), Keywords(prf, "-"), KeList(keyExchange, "-")})
    {
        out += (out.empty() || part.empty() ? "" : "-") + part;
    }
    return out;
}

bool
operator==(const IkeProposal& a, const IkeProposal& b)
{
    return a.number == b.number && a.encryption == b.encryption && a.integrity == b.integrity &&
           a.prf == b.prf && a.keyExchange == b.keyExchange;
}

bool
operator!=(const IkeProposal& a, const IkeProposal& b)
{
    return !(a == b);
}

ChildProposal
ChildProposal::Parse(const std::string& text, IpsecProtocol protocol)
{
    const std::string what = protocol == IpsecProtocol::AH ? "AH proposal" : "ESP proposal";
    if (Normalize(text).empty())
    {
        throw ConfigError(Quoted(what, text) + "is empty; " +
                          ValidKeywords(protocol == IpsecProtocol::AH ? "AH" : "ESP"));
    }
    return ParseChild(text, protocol, Quoted(what, text));
}

void
ChildProposal::Validate() const
{
    CheckChild(*this,
               Quoted(protocol == IpsecProtocol::AH ? "AH proposal" : "ESP proposal", ToString()));
}

bool
ChildProposal::IsAead() const
{
    return protocol == IpsecProtocol::ESP && !encryption.empty() && encryption.front() != nullptr &&
           encryption.front()->IsAead();
}

bool
ChildProposal::IsSingleChoice() const
{
    const size_t encr = protocol == IpsecProtocol::ESP ? 1 : 0;
    return encryption.size() == encr && integrity.size() == (IsAead() ? 0u : 1u) &&
           keyExchange.size() <= 1 && (keyExchange.empty() || keyExchange.front() != KE_NONE) &&
           esn.size() == 1;
}

uint16_t
ChildProposal::GetKeGroup() const
{
    return keyExchange.empty() ? KE_NONE : keyExchange.front();
}

EspSuite
ChildProposal::GetEspSuite() const
{
    if (protocol != IpsecProtocol::ESP)
    {
        throw ConfigError(Quoted("AH proposal", ToString()) +
                          "has no ESP suite; an AH SA takes ahIntegrity and esn (ApplyTo)");
    }
    RequireSingle(IsSingleChoice(), "ESP proposal", ToString());
    EspSuite suite;
    suite.encryption = encryption.front();
    suite.integrity = integrity.empty() ? nullptr : integrity.front();
    suite.esn = esn.front();
    suite.Validate();
    return suite;
}

ChildKeySizes
ChildProposal::GetKeySizes() const
{
    RequireSingle(IsSingleChoice(), "CHILD proposal", ToString());
    ChildKeySizes sizes;
    sizes.encryptionKey = encryption.empty() ? 0 : encryption.front()->keySize;
    sizes.integrityKey = integrity.empty() ? 0 : integrity.front()->keySize;
    return sizes;
}

void
ChildProposal::ApplyTo(SaConfig& config) const
{
    RequireSingle(IsSingleChoice(), "CHILD proposal", ToString());
    config.protocol = protocol;
    if (protocol == IpsecProtocol::ESP)
    {
        config.espSuite = GetEspSuite();
        config.ahIntegrity = nullptr;
        config.esn = false;
    }
    else
    {
        config.espSuite = EspSuite();
        config.ahIntegrity = integrity.front();
        config.esn = esn.front();
    }
}

std::string
ChildProposal::ToString() const
{
    std::string out = Keywords(encryption, "-");
    std::string esns;
    if (esn.size() != 1 || esn.front())
    {
        for (bool e : esn)
        {
            esns += (esns.empty() ? "" : "-") + std::string(e ? "esn" : "noesn");
        }
    }
    for (const auto& part : {Keywords(integrity, "-"), KeList(keyExchange, "-"), esns})
    {
        out += (out.empty() || part.empty() ? "" : "-") + part;
    }
    return out;
}

bool
operator==(const ChildProposal& a, const ChildProposal& b)
{
    return a.number == b.number && a.protocol == b.protocol && a.encryption == b.encryption &&
           a.integrity == b.integrity && a.keyExchange == b.keyExchange && a.esn == b.esn;
}

bool
operator!=(const ChildProposal& a, const ChildProposal& b)
{
    return !(a == b);
}

std::vector<IkeProposal>
ParseIkeProposals(const std::string& text)
{
    return ParseList<IkeProposal>(text, "IKE proposal", ParseIke);
}

std::vector<ChildProposal>
ParseChildProposals(const std::string& text, IpsecProtocol protocol)
{
    const std::string what = protocol == IpsecProtocol::AH ? "AH proposal" : "ESP proposal";
    return ParseList<ChildProposal>(text,
                                    what,
                                    [protocol](const std::string& t, const std::string& w) {
                                        return ParseChild(t, protocol, w);
                                    });
}

std::string
ToString(const std::vector<IkeProposal>& proposals)
{
    return JoinProposals(proposals);
}

std::string
ToString(const std::vector<ChildProposal>& proposals)
{
    return JoinProposals(proposals);
}

std::string
GetKeKeyword(uint16_t id)
{
    if (id == KE_NONE)
    {
        return "none";
    }
    const KeGroupInfo* group = FindKeGroup(id);
    return group != nullptr ? group->keyword : "ke" + std::to_string(id);
}

} // namespace ipsec
} // namespace ns3
