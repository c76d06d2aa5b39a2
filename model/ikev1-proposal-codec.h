// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IKEv1 SA payloads to and from the shared proposal model (IkeProposal, ChildProposal). Phase 1
 * (RFC 2409 §5, Appendix A): one proposal (PROTO_ISAKMP, no SPI) whose KEY_IKE transforms each
 * carry a complete suite as attributes: encryption (+ key length), hash, group description,
 * authentication method, life type and duration. Phase 2 (RFC 2407 §4.4-§4.5): a proposal per
 * protocol (ESP, AH) with the inbound SPI, its transforms named by transform ID (ESP_AES,
 * AH_SHA, ...) with the attributes encapsulation mode, authentication algorithm, key length,
 * group description (PFS) and the SA life; an ESP+AH bundle (RFC 2408 §4.2) is an ESP and an
 * AH proposal with one Proposal #. Values as strongSwan 5.9 writes them (attribute order
 * included: test/data/ikev1).
 *
 * A multi-choice proposal of ours (aes128-aes256-sha256-modp2048-modp3072) becomes one transform
 * per combination, in preference order; a decoded transform becomes a single-choice proposal, so
 * the responder chooses with SelectProposal() as in IKEv2.
 */
#ifndef IKEV1_PROPOSAL_CODEC_H
#define IKEV1_PROPOSAL_CODEC_H

#include "ike-config.h"
#include "ikev1-message.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{
namespace ikev1
{
// Protocol IDs (RFC 2407 §4.4.1).
constexpr uint8_t PROTO_ISAKMP = 1; ///< ISAKMP
constexpr uint8_t PROTO_AH = 2;     ///< AH
constexpr uint8_t PROTO_ESP = 3;    ///< ESP
constexpr uint8_t KEY_IKE = 1;      ///< the phase-1 transform ID (RFC 2407 §4.4.2)

// Phase-1 attribute classes (RFC 2409 Appendix A).
constexpr uint16_t P1_ENCRYPTION = 1;     ///< Encryption Algorithm
constexpr uint16_t P1_HASH = 2;           ///< Hash Algorithm
constexpr uint16_t P1_AUTH_METHOD = 3;    ///< Authentication Method
constexpr uint16_t P1_GROUP = 4;          ///< Group Description
constexpr uint16_t P1_LIFE_TYPE = 11;     ///< Life Type
constexpr uint16_t P1_LIFE_DURATION = 12; ///< Life Duration (TV or TLV)
constexpr uint16_t P1_KEY_LENGTH = 14;    ///< Key Length (bits)

// Phase-1 authentication methods (RFC 2409 Appendix A; RFC 4754 §3).
constexpr uint16_t AUTH_PSK = 1;        ///< pre-shared key
constexpr uint16_t AUTH_DSS = 2;        ///< DSS signatures
constexpr uint16_t AUTH_RSA_SIG = 3;    ///< RSA signatures
constexpr uint16_t AUTH_ECDSA_256 = 9;  ///< ECDSA with SHA-256 on P-256
constexpr uint16_t AUTH_ECDSA_384 = 10; ///< ECDSA with SHA-384 on P-384
constexpr uint16_t AUTH_ECDSA_521 = 11; ///< ECDSA with SHA-512 on P-521

// Life types (both phases).
constexpr uint16_t LIFE_SECONDS = 1;   ///< seconds
constexpr uint16_t LIFE_KILOBYTES = 2; ///< kilobytes

// Phase-2 (IPsec DOI) attribute classes (RFC 2407 §4.5; RFC 4304 for ESN).
constexpr uint16_t P2_LIFE_TYPE = 1;      ///< SA Life Type
constexpr uint16_t P2_LIFE_DURATION = 2;  ///< SA Life Duration
constexpr uint16_t P2_GROUP = 3;          ///< Group Description (PFS)
constexpr uint16_t P2_ENCAPSULATION = 4;  ///< Encapsulation Mode
constexpr uint16_t P2_AUTH_ALGORITHM = 5; ///< Authentication Algorithm
constexpr uint16_t P2_KEY_LENGTH = 6;     ///< Key Length (bits)
constexpr uint16_t P2_ESN = 11;           ///< Extended (64-bit) Sequence Number (RFC 4304)

// Encapsulation modes (RFC 2407 §4.5; 3 and 4: UDP-encapsulated, RFC 3947).
constexpr uint16_t ENCAP_TUNNEL = 1;        ///< tunnel
constexpr uint16_t ENCAP_TRANSPORT = 2;     ///< transport
constexpr uint16_t ENCAP_UDP_TUNNEL = 3;    ///< UDP-encapsulated tunnel
constexpr uint16_t ENCAP_UDP_TRANSPORT = 4; ///< UDP-encapsulated transport
} // namespace ikev1

/**
 * @ingroup ipsec
 * @brief One phase-1 transform read from an SA payload, as a single-choice proposal.
 */
struct Ikev1Phase1Transform
{
    uint8_t number{1}; ///< Transform # (the responder answers with it)
    /// encryption, integrity and PRF (both from the hash), group; its number is the Transform #
    IkeProposal proposal;
    uint16_t authMethod{0};    ///< Authentication Method (ikev1::AUTH_*)
    uint32_t lifeSeconds{0};   ///< Life Duration in seconds (0: none given)
    uint32_t lifeKilobytes{0}; ///< Life Duration in kilobytes (0: none given)
};

/**
 * @ingroup ipsec
 * @brief The AH half of an ESP+AH bundle (RFC 2408 §4.2: the proposals that share a Proposal #
 * are applied together).
 */
struct Ikev1BundleAh
{
    uint8_t transformNumber{1}; ///< the AH proposal's Transform #
    /// protocol AH, one integrity, group (PFS; none without Group Description), ESN; its number
    /// is the Proposal #
    ChildProposal proposal;
    uint32_t spi{0}; ///< the sender's inbound AH SPI
};

/**
 * @ingroup ipsec
 * @brief One phase-2 transform read from an SA payload, as a single-choice proposal.
 */
struct Ikev1Phase2Transform
{
    uint8_t proposalNumber{1};  ///< Proposal #
    uint8_t transformNumber{1}; ///< Transform #
    /// protocol, encryption, integrity, group (PFS; none without Group Description), ESN; its
    /// number is the Proposal #
    ChildProposal proposal;
    uint32_t spi{0};                   ///< the sender's inbound SPI of the proposal
    IpsecMode mode{IpsecMode::TUNNEL}; ///< Encapsulation Mode
    uint32_t lifeSeconds{0};           ///< SA Life Duration in seconds (0: none given)
    uint32_t lifeKilobytes{0};         ///< SA Life Duration in kilobytes (0: none given)
    /// the AH half of an ESP+AH bundle (the other members are then the ESP half's)
    std::optional<Ikev1BundleAh> ah;
};

/**
 * @brief The IKEv1 Hash Algorithm value of a PRF (prfsha1 -> 2 (SHA), prfsha256 -> 4, ...).
 * @param prf a PRF of the transform table
 * @return the value, or 0 if IKEv1 has none (prfaesxcbc)
 */
uint16_t Ikev1HashOfPrf(const TransformInfo& prf);

/**
 * @brief The Notification Data of a RESPONDER-LIFETIME notify (RFC 2407 §4.6.3.1): the
 * responder's actual lifetime as an attribute list, Life Type seconds and its Life Duration,
 * then Life Type kilobytes and its duration when not 0; the IPsec DOI's classes (1, 2) for an
 * IPsec SA, Oakley's (11, 12) for the ISAKMP SA, as Cisco IOS sends it.
 * @param isakmp whether the lifetime is the ISAKMP SA's
 * @param seconds the lifetime in seconds (0: none)
 * @param kilobytes the lifetime in kilobytes (0: none)
 * @return the bytes
 */
std::vector<uint8_t> EncodeIkev1ResponderLifetime(bool isakmp,
                                                  uint32_t seconds,
                                                  uint32_t kilobytes);

/**
 * @brief Read a RESPONDER-LIFETIME notify's data.
 * @param isakmp whether the lifetime is the ISAKMP SA's (Oakley's classes)
 * @param data the Notification Data (untrusted)
 * @param seconds the lifetime in seconds (0: none given)
 * @param kilobytes the lifetime in kilobytes (0: none given)
 * @return false if malformed: not an attribute list, an attribute of another class, a Life
 * Type without its duration or of an unknown type, no lifetime at all
 */
bool DecodeIkev1ResponderLifetime(bool isakmp,
                                  ByteSpan data,
                                  uint32_t& seconds,
                                  uint32_t& kilobytes);

/**
 * @brief The initiator's phase-1 SA payload: DOI IPsec, SIT_IDENTITY_ONLY, one proposal #1
 * (PROTO_ISAKMP, no SPI) with one KEY_IKE transform per combination of encryption, PRF and
 * group of each proposal (encryption outermost, group innermost), numbered from 1; attributes
 * in strongSwan's order: Encryption Algorithm, Key Length (AES), Hash Algorithm (the PRF's
 * hash: the integrity list has no IKEv1 counterpart and is not read), Group Description,
 * Authentication Method, Life Type seconds and Life Duration (both omitted when lifeSeconds is
 * 0; the duration a TV when it fits 16 bits, else a 4-byte TLV, as strongSwan writes it).
 * @param proposals our proposals
 * @param authMethod ikev1::AUTH_PSK or a signature method
 * @param lifeSeconds the ISAKMP SA lifetime offered
 * @return the SA payload
 * @throws ConfigError naming a transform IKEv1 cannot carry (AEAD, CTR and NULL ciphers,
 * AES-XCBC), or if the proposals give no transform or more than 255
 */
Ikev1SaPayload EncodeIkev1Phase1Sa(const std::vector<IkeProposal>& proposals,
                                   uint16_t authMethod,
                                   uint32_t lifeSeconds);

/**
 * @brief The responder's phase-1 SA payload: the chosen transform alone, with its number (a
 * kilobyte lifetime follows the seconds when not 0).
 * @param chosen the transform (as decoded, lifetime possibly lowered)
 * @return the SA payload
 * @throws ConfigError if the transform is not single-choice or IKEv1 cannot carry it (never
 * for a decoded one)
 */
Ikev1SaPayload EncodeIkev1Phase1Choice(const Ikev1Phase1Transform& chosen);

/**
 * @brief Read a phase-1 SA payload. Transforms with values we do not know (an unknown cipher,
 * hash, group or attribute class) are skipped, as strongSwan skips them, not refused; so are
 * transforms lacking one of encryption, hash, group and authentication method. AES-CBC
 * without Key Length reads as AES-128, as strongSwan reads it.
 * @param sa the SA payload
 * @param out the transforms we understand, in the sender's order
 * @param error why the payload is malformed ("" if it is not): DOI not IPsec, not one
 * PROTO_ISAKMP proposal, a transform ID other than KEY_IKE
 * @return whether it is well formed
 */
bool DecodeIkev1Phase1Sa(const Ikev1SaPayload& sa,
                         std::vector<Ikev1Phase1Transform>& out,
                         std::string& error);

/**
 * @brief The initiator's quick-mode SA payload: one proposal per ChildProposal (numbered from
 * 1; PROTO_ESP or PROTO_AH; the 4-byte SPI), one transform per combination of encryption,
 * integrity, key exchange and ESN choice, in that nesting (encryption outermost; each group a
 * transform with Group Description, KE_NONE one without; ESN false a transform without the ESN
 * attribute, true one with it), numbered from 1; attributes in strongSwan's order: Key Length
 * (AES), Authentication Algorithm (not with AEAD), Group Description, Encapsulation Mode (1 or
 * 2: the UDP-encapsulated values are not written), SA Life Type seconds and SA Life Duration
 * (both omitted when lifeSeconds is 0), ESN.
 *
 * With AH proposals, an ESP+AH bundle (RFC 2408 §4.2, RFC 2407 §4.4): one Proposal # (from 1)
 * per ESP proposal (outer) and AH proposal (inner), each an ESP proposal (the ESP SPI, the ESP
 * proposal's transforms as above) immediately followed by an AH proposal with the same number
 * (the AH SPI, the AH proposal's transforms as above; Encapsulation Mode and life in both
 * halves). ESP comes first, as the protocol applied first (ESP, then AH over it: the transport
 * adjacency of RFC 4301 §4.3).
 * @param proposals our proposals (with ahProposals: the bundle's ESP proposals)
 * @param mode tunnel or transport
 * @param spi our inbound SPI (with ahProposals: the ESP SPI)
 * @param lifeSeconds the IPsec SA lifetime offered
 * @param ahProposals the bundle's AH proposals (empty: no bundle)
 * @param ahSpi our inbound AH SPI (with ahProposals)
 * @return the SA payload
 * @throws ConfigError naming a transform IKEv1 cannot carry (ChaCha20-Poly1305), for an ESP_AH
 * proposal, with ahProposals for a proposal not ESP or an AH proposal not AH, for a non-AEAD
 * ESP proposal without integrity, no proposal, more than 255 proposal numbers or more than 255
 * transforms in a proposal
 */
Ikev1SaPayload EncodeIkev1Phase2Sa(const std::vector<ChildProposal>& proposals,
                                   IpsecMode mode,
                                   uint32_t spi,
                                   uint32_t lifeSeconds,
                                   const std::vector<ChildProposal>& ahProposals = {},
                                   uint32_t ahSpi = 0);

/**
 * @brief The responder's quick-mode SA payload: the chosen proposal and transform alone, with
 * their numbers and the responder's SPI (a kilobyte lifetime follows the seconds when not 0).
 * For a bundle (chosen.ah set): the ESP proposal as above, then the AH proposal with the same
 * Proposal #, the AH Transform #, the AH SPI and the AH transform (chosen's mode and lifetimes).
 * @param chosen the transform (lifetime possibly lowered)
 * @param spi the responder's inbound SPI (of a bundle: the ESP SPI)
 * @param ahSpi the responder's inbound AH SPI (of a bundle)
 * @return the SA payload
 * @throws ConfigError if a transform is not single-choice or IKEv1 cannot carry it, or a
 * bundle's halves are not ESP and AH (never for a decoded one)
 */
Ikev1SaPayload EncodeIkev1Phase2Choice(const Ikev1Phase2Transform& chosen,
                                       uint32_t spi,
                                       uint32_t ahSpi = 0);

/**
 * @brief Read a quick-mode SA payload. Transforms with unknown IDs or values are skipped, and
 * so are those the shared model cannot hold (ESP without an Authentication Algorithm unless
 * AEAD, AEAD with one, an AH transform whose Authentication Algorithm names another
 * algorithm). Encapsulation Modes 3 and 4 (and the drafts' 61443, 61444) read as tunnel and
 * transport; ESP_AES without Key Length reads as AES-128, as strongSwan reads it.
 *
 * Adjacent proposals with one number are a bundle (RFC 2408 §4.2); one ESP and one AH proposal
 * (in either order) are read as an ESP+AH bundle: a transform per ESP transform (outer) and AH
 * transform (inner) we understand with the same Encapsulation Mode and group (none without
 * Group Description), the ESP half in the usual members (lifetimes the ESP transform's), the
 * AH half in ah. Pairs that disagree are skipped.
 * @param sa the SA payload
 * @param out the transforms we understand, in the sender's order
 * @param error why the payload is malformed ("" if it is not): DOI not IPsec, an SPI not 4
 * bytes, a protocol other than ESP/AH, proposals with one number not adjacent, a bundle other
 * than ESP+AH
 * @return whether it is well formed
 */
bool DecodeIkev1Phase2Sa(const Ikev1SaPayload& sa,
                         std::vector<Ikev1Phase2Transform>& out,
                         std::string& error);

} // namespace ipsec
} // namespace ns3

#endif /* IKEV1_PROPOSAL_CODEC_H */
