// SPDX-License-Identifier: GPL-2.0-only

#include "ikev1-proposal-codec.h"

#include "ipsec-config-error.h"
#include "ipsec-crypto-operation.h"

#include <algorithm>
#include <limits>
#include <optional>

namespace ns3
{
namespace ipsec
{

using namespace ikev1;

namespace
{

// ---- value tables ---------------------------------------------------------------------------

/// An IKEv1 cipher value (phase-1 Encryption Algorithm or ESP transform ID) and the IKEv2
/// encryption transform ID of its rows in the transform table.
struct CipherMap
{
    uint16_t v1;     ///< the IKEv1 value
    uint16_t encrId; ///< IANA IKEv2 Transform Type 1 ID
    bool keyLength;  ///< whether it takes a Key Length attribute (a variable key length)
    bool aes128;     ///< whether a missing Key Length means 128 (AES-CBC, as strongSwan reads)
};

/// Phase-1 Encryption Algorithm values (RFC 2409 Appendix A; RFC 3602 §5 for AES-CBC).
/// IKEv2 ENCR_DES is 2; the row is used when the transform table has one.
const std::vector<CipherMap> kPhase1Ciphers = {
    {1, 2, false, false},           // DES-CBC
    {5, encr::DES3, false, false},  // 3DES-CBC
    {7, encr::AES_CBC, true, true}, // AES-CBC
};

/// IPsec ESP Transform Identifiers (RFC 2407 §4.4.4 and the IANA registry). ESP_AES is 12 in
/// both versions, ESP_NULL_AUTH_AES_GMAC is 23 in IKEv1 but 21 in IKEv2 (RFC 4543's IANA
/// considerations).
const std::vector<CipherMap> kEspTransforms = {
    {2, 2, false, false},                        // ESP_DES
    {3, encr::DES3, false, false},               // ESP_3DES
    {11, encr::NULL_ENCR, false, false},         // ESP_NULL
    {12, encr::AES_CBC, true, true},             // ESP_AES (RFC 3602)
    {13, encr::AES_CTR, true, false},            // ESP_AES_CTR (RFC 3686)
    {18, encr::AES_GCM_8, true, false},          // ESP_AES_GCM_8 (RFC 4106)
    {19, encr::AES_GCM_12, true, false},         // ESP_AES_GCM_12
    {20, encr::AES_GCM_16, true, false},         // ESP_AES_GCM_16
    {23, encr::NULL_AUTH_AES_GMAC, true, false}, // ESP_NULL_AUTH_AES_GMAC (RFC 4543)
};

/// A phase-1 Hash Algorithm value and the IKEv2 rows it stands for: the HMAC of the hash is
/// the PRF (RFC 2409 §4), its truncated form the integrity transform of the shared model.
struct HashMap
{
    uint16_t v1;      ///< Hash Algorithm (RFC 2409 Appendix A; RFC 4868 for SHA-2)
    uint16_t integId; ///< IANA IKEv2 Transform Type 3 ID
    uint16_t prfId;   ///< IANA IKEv2 Transform Type 2 ID
};

/// Phase-1 hashes. IKEv2 AUTH_HMAC_MD5_96 and PRF_HMAC_MD5 are 1: used when the table has them.
const std::vector<HashMap> kPhase1Hashes = {
    {1, 1, 1},                                         // MD5
    {2, integ::HMAC_SHA1_96, prf::HMAC_SHA1},          // SHA
    {4, integ::HMAC_SHA2_256_128, prf::HMAC_SHA2_256}, // SHA2-256
    {5, integ::HMAC_SHA2_384_192, prf::HMAC_SHA2_384}, // SHA2-384
    {6, integ::HMAC_SHA2_512_256, prf::HMAC_SHA2_512}, // SHA2-512
};

/// An IKEv1 integrity value (phase-2 Authentication Algorithm or AH transform ID) and the IKEv2
/// integrity transform ID.
struct IntegMap
{
    uint16_t v1;      ///< the IKEv1 value
    uint16_t integId; ///< IANA IKEv2 Transform Type 3 ID
};

/// IPsec DOI Authentication Algorithm values (RFC 2407 §4.5, RFC 4868, RFC 3566).
const std::vector<IntegMap> kAuthAlgorithms = {
    {1, 1},                        // HMAC-MD5 (AUTH_HMAC_MD5_96, if in the table)
    {2, integ::HMAC_SHA1_96},      // HMAC-SHA
    {5, integ::HMAC_SHA2_256_128}, // HMAC-SHA2-256
    {6, integ::HMAC_SHA2_384_192}, // HMAC-SHA2-384
    {7, integ::HMAC_SHA2_512_256}, // HMAC-SHA2-512
    {9, integ::AES_XCBC_96},       // AES-XCBC-MAC
};

/// IPsec AH Transform Identifiers (RFC 2407 §4.4.3 and the IANA registry).
const std::vector<IntegMap> kAhTransforms = {
    {2, 1},                        // AH_MD5
    {3, integ::HMAC_SHA1_96},      // AH_SHA
    {5, integ::HMAC_SHA2_256_128}, // AH_SHA2-256
    {6, integ::HMAC_SHA2_384_192}, // AH_SHA2-384
    {7, integ::HMAC_SHA2_512_256}, // AH_SHA2-512
    {9, integ::AES_XCBC_96},       // AH_AES-XCBC-MAC
};

/// Encapsulation Mode values of the drafts before RFC 3947 (draft-ietf-ipsec-nat-t-ike-00..03).
constexpr uint16_t ENCAP_UDP_TUNNEL_DRAFT = 61443;
/// @copydoc ENCAP_UDP_TUNNEL_DRAFT
constexpr uint16_t ENCAP_UDP_TRANSPORT_DRAFT = 61444;

/// The most transforms a proposal numbers (Transform # is one octet).
constexpr size_t MAX_TRANSFORMS = 255;

/**
 * @brief Find a table row by its IKEv1 value.
 * @tparam M CipherMap, HashMap or IntegMap
 * @param table the table
 * @param v1 the IKEv1 value
 * @return the row, or nullptr
 */
template <typename M>
const M*
ByV1(const std::vector<M>& table, uint32_t v1)
{
    for (const M& m : table)
    {
        if (m.v1 == v1)
        {
            return &m;
        }
    }
    return nullptr;
}

/**
 * @brief Find the IKEv1 cipher value of an encryption row.
 * @param table kPhase1Ciphers or kEspTransforms
 * @param row an ENCR row
 * @return the mapping, or nullptr if IKEv1 cannot carry the cipher there
 */
const CipherMap*
CipherOf(const std::vector<CipherMap>& table, const TransformInfo& row)
{
    for (const CipherMap& m : table)
    {
        if (row.type == TransformType::ENCR && m.encrId == row.id)
        {
            return &m;
        }
    }
    return nullptr;
}

/**
 * @brief Find the IKEv1 integrity value of an integrity row.
 * @param table kAuthAlgorithms or kAhTransforms
 * @param row an INTEG row
 * @return the value, or 0 if IKEv1 has none
 */
uint16_t
IntegOf(const std::vector<IntegMap>& table, const TransformInfo& row)
{
    for (const IntegMap& m : table)
    {
        if (row.type == TransformType::INTEG && m.integId == row.id)
        {
            return m.v1;
        }
    }
    return 0;
}

// ---- writing --------------------------------------------------------------------------------

/**
 * @brief A basic (TV) attribute.
 * @param type the attribute class
 * @param value its value
 * @return the attribute
 */
Ikev1Attribute
Tv(uint16_t type, uint16_t value)
{
    Ikev1Attribute a;
    a.type = type;
    a.tv = true;
    a.value = value;
    return a;
}

/**
 * @brief A Life Duration as strongSwan writes it (transform_attribute_create_value): TV when it
 * fits 16 bits, otherwise a TLV of 4 bytes, big endian.
 * @param type P1_LIFE_DURATION or P2_LIFE_DURATION
 * @param value the duration
 * @return the attribute
 */
Ikev1Attribute
Duration(uint16_t type, uint32_t value)
{
    if (value <= std::numeric_limits<uint16_t>::max())
    {
        return Tv(type, static_cast<uint16_t>(value));
    }
    Ikev1Attribute a;
    a.type = type;
    a.tv = false;
    a.data = {static_cast<uint8_t>(value >> 24),
              static_cast<uint8_t>(value >> 16),
              static_cast<uint8_t>(value >> 8),
              static_cast<uint8_t>(value)};
    return a;
}

/**
 * @brief Append a Life Type and its Life Duration when the duration is not 0.
 * @param attributes where to append
 * @param typeClass P1_LIFE_TYPE or P2_LIFE_TYPE
 * @param durationClass P1_LIFE_DURATION or P2_LIFE_DURATION
 * @param lifeType LIFE_SECONDS or LIFE_KILOBYTES
 * @param duration the duration (0: nothing is appended)
 */
void
AddLife(std::vector<Ikev1Attribute>& attributes,
        uint16_t typeClass,
        uint16_t durationClass,
        uint16_t lifeType,
        uint32_t duration)
{
    if (duration != 0)
    {
        attributes.push_back(Tv(typeClass, lifeType));
        attributes.push_back(Duration(durationClass, duration));
    }
}

/**
 * @brief A 4-byte SPI in network order.
 * @param spi the SPI
 * @return its bytes
 */
std::vector<uint8_t>
SpiBytes(uint32_t spi)
{
    return {static_cast<uint8_t>(spi >> 24),
            static_cast<uint8_t>(spi >> 16),
            static_cast<uint8_t>(spi >> 8),
            static_cast<uint8_t>(spi)};
}

/**
 * @brief The phase-1 KEY_IKE transform of one suite, attributes in strongSwan's order
 * (set_from_proposal_v1_ike).
 * @param number its Transform #
 * @param cipher the encryption row
 * @param prfRow the PRF row (gives the Hash Algorithm)
 * @param group the Group Description
 * @param authMethod the Authentication Method
 * @param lifeSeconds the lifetime in seconds (0: none)
 * @param lifeKilobytes the lifetime in kilobytes (0: none)
 * @return the transform
 * @throws ConfigError if IKEv1 cannot carry the cipher, the PRF or the group
 */
Ikev1Transform
Phase1Transform(uint8_t number,
                const TransformInfo& cipher,
                const TransformInfo& prfRow,
                uint16_t group,
                uint16_t authMethod,
                uint32_t lifeSeconds,
                uint32_t lifeKilobytes)
{
    const CipherMap* c = CipherOf(kPhase1Ciphers, cipher);
    if (c == nullptr)
    {
        throw ConfigError(std::string("IKEv1 phase 1 cannot carry the cipher \"") + cipher.keyword +
                          "\" (RFC 2409 Appendix A): use aes128, aes192, aes256 or 3des");
    }
    const uint16_t hash = Ikev1HashOfPrf(prfRow);
    if (hash == 0)
    {
        throw ConfigError(std::string("IKEv1 phase 1 has no hash algorithm for the PRF \"") +
                          prfRow.keyword +
                          "\" (RFC 2409 Appendix A): use sha1, sha256, sha384 "
                          "or sha512");
    }
    if (group == KE_NONE)
    {
        throw ConfigError("an IKEv1 phase-1 proposal needs a Diffie-Hellman group, not \"none\"");
    }
    Ikev1Transform t;
    t.number = number;
    t.id = KEY_IKE;
    t.attributes.push_back(Tv(P1_ENCRYPTION, c->v1));
    if (c->keyLength)
    {
        t.attributes.push_back(Tv(P1_KEY_LENGTH, cipher.keyLengthBits));
    }
    t.attributes.push_back(Tv(P1_HASH, hash));
    t.attributes.push_back(Tv(P1_GROUP, group));
    t.attributes.push_back(Tv(P1_AUTH_METHOD, authMethod));
    AddLife(t.attributes, P1_LIFE_TYPE, P1_LIFE_DURATION, LIFE_SECONDS, lifeSeconds);
    AddLife(t.attributes, P1_LIFE_TYPE, P1_LIFE_DURATION, LIFE_KILOBYTES, lifeKilobytes);
    return t;
}

/// The choices of one phase-2 transform.
struct Phase2Suite
{
    IpsecProtocol protocol{IpsecProtocol::ESP}; ///< ESP or AH
    const TransformInfo* encryption{nullptr};   ///< ESP's cipher
    const TransformInfo* integrity{nullptr};    ///< integrity (nullptr with AEAD)
    uint16_t group{KE_NONE};                    ///< PFS group (KE_NONE: no Group Description)
    bool esn{false};                            ///< ESN attribute
    IpsecMode mode{IpsecMode::TUNNEL};          ///< Encapsulation Mode
    uint32_t lifeSeconds{0};                    ///< SA Life Duration in seconds (0: none)
    uint32_t lifeKilobytes{0};                  ///< SA Life Duration in kilobytes (0: none)
};

/**
 * @brief The phase-2 transform of one suite, attributes in strongSwan's order
 * (set_from_proposal_v1): Key Length, Authentication Algorithm, Group Description,
 * Encapsulation Mode, SA Life (seconds, then kilobytes), ESN.
 * @param number its Transform #
 * @param s the suite
 * @return the transform
 * @throws ConfigError if IKEv1 cannot carry an algorithm of the suite
 */
Ikev1Transform
Phase2Transform(uint8_t number, const Phase2Suite& s)
{
    Ikev1Transform t;
    t.number = number;
    uint16_t auth = 0;
    if (s.integrity != nullptr)
    {
        auth = IntegOf(kAuthAlgorithms, *s.integrity);
        if (auth == 0)
        {
            throw ConfigError(std::string("IKEv1 has no Authentication Algorithm for \"") +
                              s.integrity->keyword + "\" (RFC 2407 §4.5)");
        }
    }
    if (s.protocol == IpsecProtocol::AH)
    {
        if (s.integrity == nullptr)
        {
            throw ConfigError("an IKEv1 AH proposal needs an integrity algorithm");
        }
        // RFC 2407 §4.4.3: the AH transform ID names the algorithm, the Authentication
        // Algorithm attribute repeats it
        t.id = static_cast<uint8_t>(IntegOf(kAhTransforms, *s.integrity));
        if (t.id == 0)
        {
            throw ConfigError(std::string("IKEv1 has no AH transform for \"") +
                              s.integrity->keyword + "\" (RFC 2407 §4.4.3)");
        }
    }
    else
    {
        const CipherMap* c =
            s.encryption == nullptr ? nullptr : CipherOf(kEspTransforms, *s.encryption);
        if (c == nullptr)
        {
            throw ConfigError(std::string("IKEv1 has no ESP transform for \"") +
                              (s.encryption == nullptr ? "(none)" : s.encryption->keyword) +
                              "\" (RFC 2407 §4.4.4): use AES-CBC, AES-CTR, AES-GCM, AES-GMAC, "
                              "3DES or null");
        }
        if (s.integrity == nullptr && !s.encryption->IsAead())
        {
            throw ConfigError(std::string("the IKEv1 ESP proposal with \"") +
                              s.encryption->keyword + "\" needs an integrity algorithm");
        }
        t.id = static_cast<uint8_t>(c->v1);
        if (c->keyLength)
        {
            t.attributes.push_back(Tv(P2_KEY_LENGTH, s.encryption->keyLengthBits));
        }
    }
    if (auth != 0)
    {
        t.attributes.push_back(Tv(P2_AUTH_ALGORITHM, auth));
    }
    if (s.group != KE_NONE)
    {
        t.attributes.push_back(Tv(P2_GROUP, s.group));
    }
    t.attributes.push_back(
        Tv(P2_ENCAPSULATION, s.mode == IpsecMode::TUNNEL ? ENCAP_TUNNEL : ENCAP_TRANSPORT));
    AddLife(t.attributes, P2_LIFE_TYPE, P2_LIFE_DURATION, LIFE_SECONDS, s.lifeSeconds);
    AddLife(t.attributes, P2_LIFE_TYPE, P2_LIFE_DURATION, LIFE_KILOBYTES, s.lifeKilobytes);
    if (s.esn)
    {
        t.attributes.push_back(Tv(P2_ESN, 1));
    }
    return t;
}

/**
 * @brief The IKEv1 protocol ID of a CHILD proposal.
 * @param protocol ESP or AH
 * @return PROTO_ESP or PROTO_AH
 * @throws ConfigError for ESP_AH (a bundle is given as its ESP and its AH proposals)
 */
uint8_t
ProtocolId(IpsecProtocol protocol)
{
    switch (protocol)
    {
    case IpsecProtocol::ESP:
        return PROTO_ESP;
    case IpsecProtocol::AH:
        return PROTO_AH;
    default:
        throw ConfigError("an IKEv1 quick-mode proposal is ESP or AH, not ESP_AH: an ESP+AH "
                          "bundle is given as its ESP proposals and its AH proposals");
    }
}

/**
 * @brief Throw if a proposal would get more transforms than a Transform # can number.
 * @param count the transforms so far
 */
void
CheckTransformCount(size_t count)
{
    if (count >= MAX_TRANSFORMS)
    {
        throw ConfigError("an IKEv1 proposal holds at most 255 transforms (one per combination "
                          "of algorithms): offer fewer alternatives");
    }
}

/**
 * @brief Throw if an SA payload would get more proposals than a Proposal # can number.
 * @param count the proposal numbers so far
 */
void
CheckProposalCount(size_t count)
{
    if (count >= MAX_TRANSFORMS)
    {
        throw ConfigError("an IKEv1 SA payload numbers at most 255 proposals (a bundle: one per "
                          "ESP and AH proposal pair): offer fewer alternatives");
    }
}

/**
 * @brief Throw unless every proposal of one half of an ESP+AH bundle has that half's protocol.
 * @param half the ESP or the AH proposals
 * @param protocol ESP or AH
 */
void
CheckBundleHalf(const std::vector<ChildProposal>& half, IpsecProtocol protocol)
{
    for (const ChildProposal& child : half)
    {
        if (child.protocol != protocol)
        {
            throw ConfigError(std::string("an IKEv1 ESP+AH bundle takes ESP proposals and AH "
                                          "proposals: its ") +
                              GetProtocolName(protocol) + " proposals hold the " +
                              GetProtocolName(child.protocol) + " proposal \"" + child.ToString() +
                              "\"");
        }
    }
}

/**
 * @brief The initiator's quick-mode proposal of one ChildProposal: a transform per combination
 * of encryption, integrity, group and ESN (EncodeIkev1Phase2Sa()).
 * @param number its Proposal #
 * @param child the proposal
 * @param mode tunnel or transport
 * @param spi our inbound SPI
 * @param lifeSeconds the IPsec SA lifetime offered
 * @return the proposal
 * @throws ConfigError as EncodeIkev1Phase2Sa()
 */
Ikev1Proposal
OfferedProposal(uint8_t number,
                const ChildProposal& child,
                IpsecMode mode,
                uint32_t spi,
                uint32_t lifeSeconds)
{
    Ikev1Proposal p;
    p.number = number;
    p.protocolId = ProtocolId(child.protocol);
    p.spi = SpiBytes(spi);
    // AH has no cipher: one pass with none
    std::vector<const TransformInfo*> ciphers = child.encryption;
    if (child.protocol == IpsecProtocol::AH)
    {
        ciphers = {nullptr};
    }
    const std::vector<uint16_t> groups =
        child.keyExchange.empty() ? std::vector<uint16_t>{KE_NONE} : child.keyExchange;
    const std::vector<bool> esns = child.esn.empty() ? std::vector<bool>{false} : child.esn;
    for (const TransformInfo* cipher : ciphers)
    {
        // an AEAD cipher takes no integrity transform (RFC 4106, RFC 4543)
        std::vector<const TransformInfo*> integrities = child.integrity;
        if ((cipher != nullptr && cipher->IsAead()) || integrities.empty())
        {
            integrities = {nullptr};
        }
        for (const TransformInfo* integrity : integrities)
        {
            for (uint16_t group : groups)
            {
                for (bool esn : esns)
                {
                    Phase2Suite s;
                    s.protocol = child.protocol;
                    s.encryption = cipher;
                    s.integrity = integrity;
                    s.group = group;
                    s.esn = esn;
                    s.mode = mode;
                    s.lifeSeconds = lifeSeconds;
                    CheckTransformCount(p.transforms.size());
                    p.transforms.push_back(
                        Phase2Transform(static_cast<uint8_t>(p.transforms.size() + 1), s));
                }
            }
        }
    }
    if (p.transforms.empty())
    {
        throw ConfigError("no IKEv1 quick-mode transform to offer for proposal \"" +
                          child.ToString() +
                          "\": an ESP proposal needs an encryption "
                          "algorithm");
    }
    return p;
}

/**
 * @brief The responder's quick-mode proposal of one chosen transform.
 * @param number its Proposal #
 * @param transformNumber its Transform #
 * @param c the chosen single-choice proposal (ESP or AH)
 * @param chosen the chosen transform (gives the mode and the lifetimes)
 * @param spi the responder's inbound SPI
 * @return the proposal
 * @throws ConfigError if the proposal is not single-choice or IKEv1 cannot carry it
 */
Ikev1Proposal
ChosenProposal(uint8_t number,
               uint8_t transformNumber,
               const ChildProposal& c,
               const Ikev1Phase2Transform& chosen,
               uint32_t spi)
{
    const bool esp = c.protocol == IpsecProtocol::ESP;
    if ((esp && c.encryption.size() != 1) || c.integrity.size() > 1 || c.keyExchange.size() > 1 ||
        c.esn.size() > 1)
    {
        throw ConfigError("the chosen IKEv1 quick-mode transform must hold one transform of "
                          "each type, not \"" +
                          c.ToString() + "\"");
    }
    Phase2Suite s;
    s.protocol = c.protocol;
    s.encryption = esp ? c.encryption.front() : nullptr;
    s.integrity = c.integrity.empty() ? nullptr : c.integrity.front();
    s.group = c.GetKeGroup();
    s.esn = !c.esn.empty() && c.esn.front();
    s.mode = chosen.mode;
    s.lifeSeconds = chosen.lifeSeconds;
    s.lifeKilobytes = chosen.lifeKilobytes;
    Ikev1Proposal p;
    p.number = number;
    p.protocolId = ProtocolId(c.protocol);
    p.spi = SpiBytes(spi);
    p.transforms.push_back(Phase2Transform(transformNumber, s));
    return p;
}

// ---- reading --------------------------------------------------------------------------------

/**
 * @brief An attribute's value as a number: a TV's value, or a TLV's big-endian bytes (leading
 * zeros ignored; more than 4 significant bytes clamp to UINT32_MAX).
 * @param a the attribute
 * @return the value, or nothing for an empty TLV
 */
std::optional<uint32_t>
NumberOf(const Ikev1Attribute& a)
{
    if (a.tv)
    {
        return a.value;
    }
    if (a.data.empty())
    {
        return std::nullopt;
    }
    uint64_t v = 0;
    for (uint8_t b : a.data)
    {
        v = (v << 8) | b;
        if (v > std::numeric_limits<uint32_t>::max())
        {
            return std::numeric_limits<uint32_t>::max();
        }
    }
    return static_cast<uint32_t>(v);
}

/// What a transform's life attributes say.
struct Life
{
    uint32_t seconds{0};   ///< Life Duration in seconds (0: none given)
    uint32_t kilobytes{0}; ///< Life Duration in kilobytes (0: none given)
    uint16_t pending{0};   ///< the Life Type waiting for its Life Duration (0: none)
};

/**
 * @brief Take a Life Type or Life Duration attribute.
 * @param life the state
 * @param isType whether the attribute is a Life Type (else a Life Duration)
 * @param value its value
 * @return false if unknown (a Life Type other than seconds or kilobytes, a Life Type not
 * followed by its duration, a duration without a type)
 */
bool
TakeLife(Life& life, bool isType, uint32_t value)
{
    if (isType)
    {
        if (life.pending != 0 || (value != LIFE_SECONDS && value != LIFE_KILOBYTES))
        {
            return false;
        }
        life.pending = static_cast<uint16_t>(value);
        return true;
    }
    if (life.pending == 0)
    {
        return false;
    }
    (life.pending == LIFE_SECONDS ? life.seconds : life.kilobytes) = value;
    life.pending = 0;
    return true;
}

/**
 * @brief The encryption row of an IKEv1 cipher value with its Key Length.
 * @param c the mapping
 * @param keyLength the Key Length attribute (0: none given)
 * @return the row, or nullptr if the table lacks it or the key length does not fit the cipher
 */
const TransformInfo*
CipherRow(const CipherMap& c, uint32_t keyLength)
{
    if (!c.keyLength)
    {
        return keyLength == 0 ? FindTransform(TransformType::ENCR, c.encrId) : nullptr;
    }
    if (keyLength == 0 && c.aes128)
    {
        keyLength = 128; // early drafts of RFC 3602 sent none for AES-128 (strongSwan reads so)
    }
    if (keyLength == 0 || keyLength > std::numeric_limits<uint16_t>::max())
    {
        return nullptr;
    }
    return FindTransform(TransformType::ENCR, c.encrId, static_cast<uint16_t>(keyLength));
}

/**
 * @brief Read one phase-1 transform's attributes.
 * @param t the transform (its ID already checked)
 * @param out the transform as a single-choice proposal
 * @return false if it holds a value or attribute class we do not know (skip it)
 */
bool
ReadPhase1Transform(const Ikev1Transform& t, Ikev1Phase1Transform& out)
{
    std::optional<uint32_t> encryption;
    std::optional<uint32_t> hash;
    std::optional<uint32_t> group;
    std::optional<uint32_t> auth;
    uint32_t keyLength = 0;
    Life life;
    for (const Ikev1Attribute& a : t.attributes)
    {
        const std::optional<uint32_t> v = NumberOf(a);
        if (!v)
        {
            return false;
        }
        std::optional<uint32_t>* slot = nullptr;
        switch (a.type)
        {
        case P1_ENCRYPTION:
            slot = &encryption;
            break;
        case P1_HASH:
            slot = &hash;
            break;
        case P1_GROUP:
            slot = &group;
            break;
        case P1_AUTH_METHOD:
            slot = &auth;
            break;
        case P1_KEY_LENGTH:
            if (keyLength != 0 || *v == 0)
            {
                return false;
            }
            keyLength = *v;
            break;
        case P1_LIFE_TYPE:
        case P1_LIFE_DURATION:
            if (!TakeLife(life, a.type == P1_LIFE_TYPE, *v))
            {
                return false;
            }
            break;
        default:
            return false; // an attribute class we do not know (PRF, private groups, ...)
        }
        if (slot != nullptr)
        {
            if (slot->has_value())
            {
                return false; // the same attribute twice: ambiguous
            }
            *slot = *v;
        }
    }
    if (!encryption || !hash || !group || !auth || life.pending != 0 ||
        *auth > std::numeric_limits<uint16_t>::max())
    {
        return false;
    }
    const CipherMap* c = ByV1(kPhase1Ciphers, *encryption);
    const HashMap* h = ByV1(kPhase1Hashes, *hash);
    if (c == nullptr || h == nullptr)
    {
        return false;
    }
    const TransformInfo* cipher = CipherRow(*c, keyLength);
    const TransformInfo* integrity = FindTransform(TransformType::INTEG, h->integId);
    const TransformInfo* prfRow = FindTransform(TransformType::PRF, h->prfId);
    const KeGroupInfo* ke = *group <= std::numeric_limits<uint16_t>::max() && *group != KE_NONE
                                ? FindKeGroup(static_cast<uint16_t>(*group))
                                : nullptr;
    if (cipher == nullptr || integrity == nullptr || prfRow == nullptr || ke == nullptr)
    {
        return false;
    }
    out = Ikev1Phase1Transform();
    out.number = t.number;
    out.proposal.number = t.number;
    out.proposal.encryption = {cipher};
    out.proposal.integrity = {integrity};
    out.proposal.prf = {prfRow};
    out.proposal.keyExchange = {ke->ianaId};
    out.authMethod = static_cast<uint16_t>(*auth);
    out.lifeSeconds = life.seconds;
    out.lifeKilobytes = life.kilobytes;
    return true;
}

/**
 * @brief Read one phase-2 transform.
 * @param protocol PROTO_ESP or PROTO_AH
 * @param t the transform
 * @param out the transform as a single-choice proposal (numbers and SPI left to the caller)
 * @return false if it holds an ID, value or attribute class we do not know, or a combination
 * the shared model refuses (ESP without integrity unless AEAD, AEAD with an Authentication
 * Algorithm, an AH transform whose Authentication Algorithm names another algorithm)
 */
bool
ReadPhase2Transform(uint8_t protocol, const Ikev1Transform& t, Ikev1Phase2Transform& out)
{
    std::optional<uint32_t> auth;
    std::optional<uint32_t> group;
    std::optional<uint32_t> encap;
    uint32_t keyLength = 0;
    bool esn = false;
    Life life;
    for (const Ikev1Attribute& a : t.attributes)
    {
        const std::optional<uint32_t> v = NumberOf(a);
        if (!v)
        {
            return false;
        }
        std::optional<uint32_t>* slot = nullptr;
        switch (a.type)
        {
        case P2_AUTH_ALGORITHM:
            slot = &auth;
            break;
        case P2_GROUP:
            slot = &group;
            break;
        case P2_ENCAPSULATION:
            slot = &encap;
            break;
        case P2_KEY_LENGTH:
            if (keyLength != 0 || *v == 0)
            {
                return false;
            }
            keyLength = *v;
            break;
        case P2_ESN:
            if (esn || *v != 1)
            {
                return false;
            }
            esn = true;
            break;
        case P2_LIFE_TYPE:
        case P2_LIFE_DURATION:
            if (!TakeLife(life, a.type == P2_LIFE_TYPE, *v))
            {
                return false;
            }
            break;
        default:
            return false; // key rounds, compression, ECN tunnel, unknown classes
        }
        if (slot != nullptr)
        {
            if (slot->has_value())
            {
                return false;
            }
            *slot = *v;
        }
    }
    if (life.pending != 0)
    {
        return false;
    }
    out = Ikev1Phase2Transform();
    out.transformNumber = t.number;
    ChildProposal& p = out.proposal;
    p.encryption.clear();
    p.integrity.clear();
    const TransformInfo* integrity = nullptr;
    if (auth)
    {
        const IntegMap* m = ByV1(kAuthAlgorithms, *auth);
        integrity = m == nullptr ? nullptr : FindTransform(TransformType::INTEG, m->integId);
        if (integrity == nullptr)
        {
            return false;
        }
    }
    if (protocol == PROTO_AH)
    {
        const IntegMap* m = ByV1(kAhTransforms, t.id);
        const TransformInfo* named =
            m == nullptr ? nullptr : FindTransform(TransformType::INTEG, m->integId);
        if (named == nullptr || keyLength != 0 || (integrity != nullptr && integrity != named))
        {
            return false;
        }
        p.protocol = IpsecProtocol::AH;
        p.integrity = {named};
    }
    else
    {
        const CipherMap* c = ByV1(kEspTransforms, t.id);
        const TransformInfo* cipher = c == nullptr ? nullptr : CipherRow(*c, keyLength);
        if (cipher == nullptr || cipher->IsAead() != (integrity == nullptr))
        {
            return false;
        }
        p.protocol = IpsecProtocol::ESP;
        p.encryption = {cipher};
        if (integrity != nullptr)
        {
            p.integrity = {integrity};
        }
    }
    if (group)
    {
        const KeGroupInfo* ke = *group <= std::numeric_limits<uint16_t>::max() && *group != 0
                                    ? FindKeGroup(static_cast<uint16_t>(*group))
                                    : nullptr;
        if (ke == nullptr)
        {
            return false;
        }
        p.keyExchange = {ke->ianaId};
    }
    p.esn = {esn};
    if (encap)
    {
        switch (*encap)
        {
        case ENCAP_TUNNEL:
        case ENCAP_UDP_TUNNEL:
        case ENCAP_UDP_TUNNEL_DRAFT:
            out.mode = IpsecMode::TUNNEL;
            break;
        case ENCAP_TRANSPORT:
        case ENCAP_UDP_TRANSPORT:
        case ENCAP_UDP_TRANSPORT_DRAFT:
            out.mode = IpsecMode::TRANSPORT;
            break;
        default:
            return false;
        }
    }
    out.lifeSeconds = life.seconds;
    out.lifeKilobytes = life.kilobytes;
    return true;
}

/**
 * @brief Read the transforms of one quick-mode proposal.
 * @param p the proposal (protocol and SPI size already checked)
 * @return the transforms we understand, with the proposal's number and SPI
 */
std::vector<Ikev1Phase2Transform>
ReadPhase2Proposal(const Ikev1Proposal& p)
{
    const uint32_t spi = ReadU32(p.spi.data());
    std::vector<Ikev1Phase2Transform> out;
    for (const Ikev1Transform& t : p.transforms)
    {
        Ikev1Phase2Transform read;
        if (ReadPhase2Transform(p.protocolId, t, read))
        {
            read.proposalNumber = p.number;
            read.proposal.number = p.number;
            read.spi = spi;
            out.push_back(std::move(read));
        }
    }
    return out;
}

/**
 * @brief Read an ESP+AH bundle: a transform per pair of an ESP and an AH transform that agree
 * on the Encapsulation Mode and the group.
 * @param esp the ESP proposal
 * @param ah the AH proposal (same number)
 * @param out where to append the pairs
 */
void
ReadBundle(const Ikev1Proposal& esp,
           const Ikev1Proposal& ah,
           std::vector<Ikev1Phase2Transform>& out)
{
    const std::vector<Ikev1Phase2Transform> ahHalves = ReadPhase2Proposal(ah);
    for (const Ikev1Phase2Transform& e : ReadPhase2Proposal(esp))
    {
        for (const Ikev1Phase2Transform& a : ahHalves)
        {
            if (e.mode == a.mode && e.proposal.GetKeGroup() == a.proposal.GetKeGroup())
            {
                out.push_back(e);
                out.back().ah = Ikev1BundleAh{a.transformNumber, a.proposal, a.spi};
            }
        }
    }
}

} // namespace

uint16_t
Ikev1HashOfPrf(const TransformInfo& prfRow)
{
    if (prfRow.type != TransformType::PRF)
    {
        return 0;
    }
    for (const HashMap& h : kPhase1Hashes)
    {
        if (h.prfId == prfRow.id)
        {
            return h.v1;
        }
    }
    return 0;
}

std::vector<uint8_t>
EncodeIkev1ResponderLifetime(bool isakmp, uint32_t seconds, uint32_t kilobytes)
{
    const uint16_t type = isakmp ? P1_LIFE_TYPE : P2_LIFE_TYPE;
    const uint16_t duration = isakmp ? P1_LIFE_DURATION : P2_LIFE_DURATION;
    std::vector<Ikev1Attribute> attributes;
    AddLife(attributes, type, duration, LIFE_SECONDS, seconds);
    AddLife(attributes, type, duration, LIFE_KILOBYTES, kilobytes);
    return SerializeIkev1Attributes(attributes);
}

bool
DecodeIkev1ResponderLifetime(bool isakmp, ByteSpan data, uint32_t& seconds, uint32_t& kilobytes)
{
    seconds = 0;
    kilobytes = 0;
    std::vector<Ikev1Attribute> attributes;
    if (!ParseIkev1Attributes(data, attributes) || attributes.empty())
    {
        return false;
    }
    const uint16_t type = isakmp ? P1_LIFE_TYPE : P2_LIFE_TYPE;
    const uint16_t duration = isakmp ? P1_LIFE_DURATION : P2_LIFE_DURATION;
    Life life;
    for (const Ikev1Attribute& a : attributes)
    {
        const auto value = NumberOf(a);
        if ((a.type != type && a.type != duration) || !value ||
            !TakeLife(life, a.type == type, *value))
        {
            return false;
        }
    }
    seconds = life.seconds;
    kilobytes = life.kilobytes;
    return life.pending == 0 && (seconds != 0 || kilobytes != 0);
}

Ikev1SaPayload
EncodeIkev1Phase1Sa(const std::vector<IkeProposal>& proposals,
                    uint16_t authMethod,
                    uint32_t lifeSeconds)
{
    Ikev1Proposal p;
    p.number = 1;
    p.protocolId = PROTO_ISAKMP;
    for (const IkeProposal& proposal : proposals)
    {
        for (const TransformInfo* cipher : proposal.encryption)
        {
            for (const TransformInfo* prfRow : proposal.prf)
            {
                for (uint16_t group : proposal.keyExchange)
                {
                    CheckTransformCount(p.transforms.size());
                    p.transforms.push_back(
                        Phase1Transform(static_cast<uint8_t>(p.transforms.size() + 1),
                                        *cipher,
                                        *prfRow,
                                        group,
                                        authMethod,
                                        lifeSeconds,
                                        0));
                }
            }
        }
    }
    if (p.transforms.empty())
    {
        throw ConfigError("no IKEv1 phase-1 transform to offer: each proposal needs an "
                          "encryption algorithm, a PRF (or hash) and a Diffie-Hellman group");
    }
    Ikev1SaPayload sa;
    sa.proposals.push_back(std::move(p));
    return sa;
}

Ikev1SaPayload
EncodeIkev1Phase1Choice(const Ikev1Phase1Transform& chosen)
{
    const IkeProposal& c = chosen.proposal;
    if (c.encryption.size() != 1 || c.prf.size() != 1 || c.keyExchange.size() != 1 ||
        c.encryption.front() == nullptr || c.prf.front() == nullptr)
    {
        throw ConfigError("the chosen IKEv1 phase-1 transform must hold one encryption "
                          "algorithm, one PRF and one group");
    }
    Ikev1Proposal p;
    p.number = 1;
    p.protocolId = PROTO_ISAKMP;
    p.transforms.push_back(Phase1Transform(chosen.number,
                                           *c.encryption.front(),
                                           *c.prf.front(),
                                           c.keyExchange.front(),
                                           chosen.authMethod,
                                           chosen.lifeSeconds,
                                           chosen.lifeKilobytes));
    Ikev1SaPayload sa;
    sa.proposals.push_back(std::move(p));
    return sa;
}

bool
DecodeIkev1Phase1Sa(const Ikev1SaPayload& sa,
                    std::vector<Ikev1Phase1Transform>& out,
                    std::string& error)
{
    out.clear();
    error.clear();
    if (sa.doi != DOI_IPSEC)
    {
        error = "DOI " + std::to_string(sa.doi) + " is not the IPsec DOI (1, RFC 2407)";
        return false;
    }
    if (sa.proposals.size() != 1 || sa.proposals.front().protocolId != PROTO_ISAKMP)
    {
        error = "a phase-1 SA payload holds exactly one PROTO_ISAKMP proposal (RFC 2409 §5); "
                "this one holds " +
                std::to_string(sa.proposals.size()) + " proposal(s)" +
                (sa.proposals.empty() ? std::string()
                                      : ", the first of protocol " +
                                            std::to_string(sa.proposals.front().protocolId));
        return false;
    }
    for (const Ikev1Transform& t : sa.proposals.front().transforms)
    {
        if (t.id != KEY_IKE)
        {
            out.clear();
            error = "phase-1 transform #" + std::to_string(t.number) + " has transform ID " +
                    std::to_string(t.id) + ", not KEY_IKE (RFC 2407 §4.4.2)";
            return false;
        }
        Ikev1Phase1Transform read;
        if (ReadPhase1Transform(t, read))
        {
            out.push_back(std::move(read));
        }
    }
    return true;
}

Ikev1SaPayload
EncodeIkev1Phase2Sa(const std::vector<ChildProposal>& proposals,
                    IpsecMode mode,
                    uint32_t spi,
                    uint32_t lifeSeconds,
                    const std::vector<ChildProposal>& ahProposals,
                    uint32_t ahSpi)
{
    Ikev1SaPayload sa;
    if (ahProposals.empty())
    {
        for (const ChildProposal& child : proposals)
        {
            CheckProposalCount(sa.proposals.size());
            sa.proposals.push_back(OfferedProposal(static_cast<uint8_t>(sa.proposals.size() + 1),
                                                   child,
                                                   mode,
                                                   spi,
                                                   lifeSeconds));
        }
    }
    else
    {
        CheckBundleHalf(proposals, IpsecProtocol::ESP);
        CheckBundleHalf(ahProposals, IpsecProtocol::AH);
        // ESP first: the protocol applied first (RFC 4301 §4.3)
        for (const ChildProposal& esp : proposals)
        {
            for (ChildProposal ah : ahProposals)
            {
                CheckProposalCount(sa.proposals.size() / 2);
                const auto number = static_cast<uint8_t>(sa.proposals.size() / 2 + 1);
                if (ah.keyExchange.empty())
                {
                    // PFS is one Diffie-Hellman for the bundle: the AH half names the ESP
                    // half's groups, so that the halves pair (the decoder pairs equal groups).
                    ah.keyExchange = esp.keyExchange;
                }
                sa.proposals.push_back(OfferedProposal(number, esp, mode, spi, lifeSeconds));
                sa.proposals.push_back(OfferedProposal(number, ah, mode, ahSpi, lifeSeconds));
            }
        }
    }
    if (sa.proposals.empty())
    {
        throw ConfigError("no IKEv1 quick-mode proposal to offer");
    }
    return sa;
}

Ikev1SaPayload
EncodeIkev1Phase2Choice(const Ikev1Phase2Transform& chosen, uint32_t spi, uint32_t ahSpi)
{
    Ikev1SaPayload sa;
    sa.proposals.push_back(ChosenProposal(chosen.proposalNumber,
                                          chosen.transformNumber,
                                          chosen.proposal,
                                          chosen,
                                          spi));
    if (chosen.ah)
    {
        if (chosen.proposal.protocol != IpsecProtocol::ESP ||
            chosen.ah->proposal.protocol != IpsecProtocol::AH)
        {
            throw ConfigError("the chosen IKEv1 ESP+AH bundle must be of an ESP and an AH "
                              "transform");
        }
        sa.proposals.push_back(ChosenProposal(chosen.proposalNumber,
                                              chosen.ah->transformNumber,
                                              chosen.ah->proposal,
                                              chosen,
                                              ahSpi));
    }
    return sa;
}

bool
DecodeIkev1Phase2Sa(const Ikev1SaPayload& sa,
                    std::vector<Ikev1Phase2Transform>& out,
                    std::string& error)
{
    out.clear();
    error.clear();
    if (sa.doi != DOI_IPSEC)
    {
        error = "DOI " + std::to_string(sa.doi) + " is not the IPsec DOI (1, RFC 2407)";
        return false;
    }
    for (const Ikev1Proposal& p : sa.proposals)
    {
        if (p.protocolId != PROTO_ESP && p.protocolId != PROTO_AH)
        {
            error = "quick-mode proposal #" + std::to_string(p.number) + " has protocol " +
                    std::to_string(p.protocolId) + "; only ESP (3) and AH (2) are supported";
            return false;
        }
        if (p.spi.size() != 4)
        {
            error = "quick-mode proposal #" + std::to_string(p.number) + " has a " +
                    std::to_string(p.spi.size()) + "-byte SPI, not 4 (RFC 2407)";
            return false;
        }
    }
    // a group: the adjacent proposals with one number, applied together (RFC 2408 §4.2)
    std::vector<uint8_t> numbers;
    for (auto first = sa.proposals.begin(); first != sa.proposals.end();)
    {
        const uint8_t number = first->number;
        const auto last = std::find_if(first, sa.proposals.end(), [number](const Ikev1Proposal& p) {
            return p.number != number;
        });
        if (std::find(numbers.begin(), numbers.end(), number) != numbers.end())
        {
            error = "quick-mode proposal #" + std::to_string(number) +
                    " follows another number: proposals with one number must be adjacent "
                    "(RFC 2408 §4.2)";
        }
        else if (last - first == 1)
        {
            const std::vector<Ikev1Phase2Transform> read = ReadPhase2Proposal(*first);
            out.insert(out.end(), read.begin(), read.end());
        }
        else if (last - first == 2 && first[0].protocolId != first[1].protocolId)
        {
            const bool espFirst = first[0].protocolId == PROTO_ESP;
            ReadBundle(first[espFirst ? 0 : 1], first[espFirst ? 1 : 0], out);
        }
        else
        {
            error = "quick-mode proposal #" + std::to_string(number) + " is a bundle of " +
                    std::to_string(last - first) +
                    " proposals; only ESP+AH bundles (one ESP and one AH proposal) are "
                    "supported";
        }
        if (!error.empty())
        {
            out.clear();
            return false;
        }
        numbers.push_back(number);
        first = last;
    }
    return true;
}

} // namespace ipsec
} // namespace ns3
