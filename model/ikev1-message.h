// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IKEv1 (ISAKMP) messages: the payloads of RFC 2408 §3 with the IPsec DOI of RFC 2407 and NAT
 * traversal's of RFC 3947, byte-exact, read from untrusted bytes without ever reading outside
 * them. The header is the IKE header IKEv2 shares (IkeHeader, 28 bytes, version 1.0); when its
 * E flag is set the payloads after it are encrypted and kept as bytes here.
 */
#ifndef IKEV1_MESSAGE_H
#define IKEV1_MESSAGE_H

#include "ike-header.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace ns3
{
namespace ipsec
{
namespace ikev1
{
// Exchange types (RFC 2408 §3.1, RFC 2409 §5, §9).
constexpr uint8_t IDENTITY_PROTECTION = 2; ///< main mode
constexpr uint8_t AGGRESSIVE = 4;          ///< aggressive mode
constexpr uint8_t INFORMATIONAL = 5;       ///< informational
constexpr uint8_t TRANSACTION = 6;         ///< transaction (XAuth, mode config)
constexpr uint8_t QUICK_MODE = 32;         ///< quick mode
constexpr uint8_t NEW_GROUP_MODE = 33;     ///< new group mode

// Payload types (RFC 2408 §3.1; RFC 3947 §3 for NAT-D and NAT-OA).
constexpr uint8_t PAYLOAD_NONE = 0;       ///< no next payload
constexpr uint8_t PAYLOAD_SA = 1;         ///< Security Association
constexpr uint8_t PAYLOAD_PROPOSAL = 2;   ///< Proposal (inside SA)
constexpr uint8_t PAYLOAD_TRANSFORM = 3;  ///< Transform (inside a proposal)
constexpr uint8_t PAYLOAD_KE = 4;         ///< Key Exchange
constexpr uint8_t PAYLOAD_ID = 5;         ///< Identification
constexpr uint8_t PAYLOAD_CERT = 6;       ///< Certificate
constexpr uint8_t PAYLOAD_CERTREQ = 7;    ///< Certificate Request
constexpr uint8_t PAYLOAD_HASH = 8;       ///< Hash
constexpr uint8_t PAYLOAD_SIG = 9;        ///< Signature
constexpr uint8_t PAYLOAD_NONCE = 10;     ///< Nonce
constexpr uint8_t PAYLOAD_NOTIFY = 11;    ///< Notification
constexpr uint8_t PAYLOAD_DELETE = 12;    ///< Delete
constexpr uint8_t PAYLOAD_VENDOR_ID = 13; ///< Vendor ID
constexpr uint8_t PAYLOAD_ATTRIBUTE = 14; ///< Attribute (mode config)
constexpr uint8_t PAYLOAD_NAT_D = 20;     ///< NAT Discovery (RFC 3947)
constexpr uint8_t PAYLOAD_NAT_OA = 21;    ///< NAT Original Address (RFC 3947)

/// The IPsec DOI (RFC 2407 §4.2).
constexpr uint32_t DOI_IPSEC = 1;

// Notify types (RFC 2408 §3.14.1, RFC 2407 §4.6.3).
constexpr uint16_t INVALID_PAYLOAD_TYPE = 1;      ///< error
constexpr uint16_t NO_PROPOSAL_CHOSEN = 14;       ///< error
constexpr uint16_t PAYLOAD_MALFORMED = 16;        ///< error
constexpr uint16_t INVALID_KEY_INFORMATION = 17;  ///< error
constexpr uint16_t INVALID_ID_INFORMATION = 18;   ///< error
constexpr uint16_t INVALID_HASH_INFORMATION = 23; ///< error
constexpr uint16_t AUTHENTICATION_FAILED = 24;    ///< error
constexpr uint16_t RESPONDER_LIFETIME = 24576;    ///< IPsec DOI status
constexpr uint16_t REPLAY_STATUS = 24577;         ///< IPsec DOI status
constexpr uint16_t INITIAL_CONTACT = 24578;       ///< IPsec DOI status
constexpr uint16_t DPD_R_U_THERE = 36136;         ///< RFC 3706
constexpr uint16_t DPD_R_U_THERE_ACK = 36137;     ///< RFC 3706

/// Most payloads a message may carry before the parser gives up.
constexpr size_t MAX_PAYLOADS = 256;
} // namespace ikev1

/// @ingroup ipsec
/// @brief A data attribute (RFC 2408 §3.3): TV (AF bit set, a 16-bit value) or TLV.
struct Ikev1Attribute
{
    uint16_t type{0};          ///< attribute type (without the AF bit)
    bool tv{true};             ///< basic (TV) form
    uint16_t value{0};         ///< the value of a TV attribute
    std::vector<uint8_t> data; ///< the value of a TLV attribute

    /// @param o another @return whether equal
    bool operator==(const Ikev1Attribute& o) const
    {
        return type == o.type && tv == o.tv && value == o.value && data == o.data;
    }
};

/// @ingroup ipsec
/// @brief A transform (RFC 2408 §3.6).
struct Ikev1Transform
{
    uint8_t number{1};                      ///< Transform #
    uint8_t id{0};                          ///< Transform ID (KEY_IKE = 1, ESP_AES = 12, ...)
    std::vector<Ikev1Attribute> attributes; ///< SA attributes
};

/// @ingroup ipsec
/// @brief A proposal (RFC 2408 §3.5).
struct Ikev1Proposal
{
    uint8_t number{1};                      ///< Proposal #
    uint8_t protocolId{1};                  ///< PROTO_ISAKMP 1, AH 2, ESP 3, IPCOMP 4
    std::vector<uint8_t> spi;               ///< SPI (empty or 16 for ISAKMP, 4 for AH/ESP)
    std::vector<Ikev1Transform> transforms; ///< transforms in preference order
};

/// @ingroup ipsec
/// @brief Security Association payload (RFC 2408 §3.4, IPsec DOI situation RFC 2407 §4.6.1).
struct Ikev1SaPayload
{
    uint32_t doi{ikev1::DOI_IPSEC};       ///< DOI
    uint32_t situation{1};                ///< SIT_IDENTITY_ONLY
    std::vector<Ikev1Proposal> proposals; ///< proposals (several with one number: an AND)
};

/// @ingroup ipsec
/// @brief Identification payload with the IPsec DOI fields (RFC 2407 §4.6.2).
struct Ikev1IdPayload
{
    uint8_t idType{1};         ///< ID_IPV4_ADDR 1, ID_FQDN 2, ID_IPV4_ADDR_SUBNET 4, ...
    uint8_t protocol{0};       ///< IP protocol (0: any)
    uint16_t port{0};          ///< port (0: any)
    std::vector<uint8_t> data; ///< identification data
};

/// @ingroup ipsec
/// @brief Notification payload (RFC 2408 §3.14).
struct Ikev1NotifyPayload
{
    uint32_t doi{ikev1::DOI_IPSEC}; ///< DOI
    uint8_t protocolId{1};          ///< protocol
    uint16_t type{0};               ///< notify message type
    std::vector<uint8_t> spi;       ///< SPI
    std::vector<uint8_t> data;      ///< notification data
};

/// @ingroup ipsec
/// @brief Delete payload (RFC 2408 §3.15).
struct Ikev1DeletePayload
{
    uint32_t doi{ikev1::DOI_IPSEC};         ///< DOI
    uint8_t protocolId{1};                  ///< protocol
    uint8_t spiSize{16};                    ///< SPI size (16 for ISAKMP, 4 for AH/ESP)
    std::vector<std::vector<uint8_t>> spis; ///< SPIs
};

/// @ingroup ipsec
/// @brief A payload kept as bytes: KE, HASH, SIG, NONCE, CERT, CERTREQ, VID, NAT-D, NAT-OA,
/// attributes, unknown types.
struct Ikev1RawPayload
{
    std::vector<uint8_t> body; ///< after the generic header
};

/// @ingroup ipsec
/// @brief One payload: type and body.
struct Ikev1Payload
{
    /// The body by payload type.
    using Body = std::variant<Ikev1RawPayload,
                              Ikev1SaPayload,
                              Ikev1IdPayload,
                              Ikev1NotifyPayload,
                              Ikev1DeletePayload>;
    uint8_t type{ikev1::PAYLOAD_NONE}; ///< payload type
    Body body;                         ///< body

    /**
     * @param t type
     * @param b body
     * @return the payload
     */
    static Ikev1Payload Make(uint8_t t, Body b)
    {
        Ikev1Payload p;
        p.type = t;
        p.body = std::move(b);
        return p;
    }
};

/**
 * @brief The body bytes a payload has on the wire (after its generic header): SAi_b and
 * IDii_b of RFC 2409's hashes.
 * @param payload the payload
 * @return its body
 */
std::vector<uint8_t> Ikev1PayloadBody(const Ikev1Payload& payload);

/**
 * @brief Append payloads as a chain (each generic header names the next payload's type).
 * @param payloads the payloads
 * @param out where to append
 * @return the first payload's type (for the header)
 */
uint8_t SerializeIkev1Payloads(const std::vector<Ikev1Payload>& payloads,
                               std::vector<uint8_t>& out);

/**
 * @brief Read a payload chain (a clear message's, or a decrypted one's).
 * @param first the first payload's type
 * @param bytes the chain (trailing zero padding after the last payload is ignored, as
 *        decrypted IKEv1 messages carry it)
 * @param payloads the payloads read
 * @return NONE or why the chain is malformed
 */
IkeParseError ParseIkev1Payloads(uint8_t first,
                                 ByteSpan bytes,
                                 std::vector<Ikev1Payload>& payloads);

/**
 * @ingroup ipsec
 * @brief An IKEv1 message: header and payloads, or, with the E flag, its ciphertext.
 */
struct Ikev1Message
{
    IkeHeader header;                   ///< header (majorVersion 1)
    std::vector<Ikev1Payload> payloads; ///< the payloads of a clear message
    std::vector<uint8_t> encrypted;     ///< with the E flag: everything after the header

    /**
     * @brief The message's bytes; sets header.nextPayload, majorVersion and length.
     * @return the UDP payload
     */
    std::vector<uint8_t> Serialize();

    /**
     * @brief Read a message (an encrypted one's payloads stay in `encrypted`).
     * @param datagram the UDP payload (without a non-ESP marker)
     * @param message the message
     * @return NONE or why it is not a well-formed IKEv1 message
     */
    static IkeParseError Parse(ByteSpan datagram, Ikev1Message& message);
};

/**
 * @brief The first payload of a type.
 * @param payloads the payloads
 * @param type the payload type
 * @return it, or nullptr
 */
const Ikev1Payload* FindIkev1Payload(const std::vector<Ikev1Payload>& payloads, uint8_t type);

/**
 * @brief The body of the first payload of a type that is kept as bytes (KE, NONCE, HASH, SIG,
 * CERT, VID, ...).
 * @param payloads the payloads
 * @param type the payload type
 * @return the body, or nullptr if there is no such payload (or it is not kept as bytes)
 */
const std::vector<uint8_t>* FindIkev1RawBody(const std::vector<Ikev1Payload>& payloads,
                                             uint8_t type);

/**
 * @brief A cookie's 8 bytes, as the header and HASH_I/HASH_R carry it.
 * @param cookie the cookie
 * @return big-endian bytes
 */
std::vector<uint8_t> Ikev1CookieBytes(uint64_t cookie);

/**
 * @brief An attribute list's bytes (RFC 2408 §3.3), as a transform or a RESPONDER-LIFETIME
 * notify (RFC 2407 §4.6.3.1) carries it.
 * @param attributes the attributes
 * @return the bytes
 */
std::vector<uint8_t> SerializeIkev1Attributes(const std::vector<Ikev1Attribute>& attributes);

/**
 * @brief Read an attribute list that fills the bytes.
 * @param bytes the bytes (untrusted)
 * @param out the attributes
 * @return whether the list filled the bytes exactly
 */
bool ParseIkev1Attributes(ByteSpan bytes, std::vector<Ikev1Attribute>& out);

/**
 * @brief Whether RFC 2408 or an extension strongSwan reads defines a top-level payload type:
 * 1 and 4-13 (RFC 2408 §3.1; Proposal and Transform only nest in an SA), 14 (mode config's
 * Attribute), 20 and 21 (NAT-D, NAT-OA: RFC 3947) and their draft numbers 130 and 131, 132
 * (IKE fragments).
 * @param type the Next Payload value
 * @return whether it is known
 */
bool IsKnownIkev1PayloadType(uint8_t type);

/**
 * @brief A notify message type's name (RFC 2408 §3.14.1, RFC 2407 §4.6.3, RFC 3706).
 * @param type the type
 * @return e.g. "AUTHENTICATION_FAILED", "R_U_THERE"; "NOTIFY_<n>" for others
 */
std::string Ikev1NotifyName(uint16_t type);

/**
 * @brief The payloads after the first one of a decrypted payload chain, without the padding
 * after the last (what HASH(1) and HASH(2) cover, RFC 2409 §5.5).
 * @param plain the plaintext (untrusted)
 * @return the bytes (empty if the chain's lengths do not fit)
 */
ByteSpan Ikev1PayloadsAfterFirst(ByteSpan plain);

/**
 * @brief An exchange type's name as strongSwan logs it ("ID_PROT", "AGGRESSIVE",
 * "QUICK_MODE", "INFORMATIONAL_V1", "TRANSACTION").
 * @param exchangeType the type
 * @return the name
 */
std::string Ikev1ExchangeName(uint8_t exchangeType);

/**
 * @brief A message as strongSwan logs it: "ID_PROT request 0 [ SA V V V V V ]".
 * @param header its header
 * @param payloads its payloads (decrypted ones for an encrypted message)
 * @param request whether the exchange's initiator sent it (IKEv1 has no R flag)
 * @return the text
 */
std::string DescribeIkev1Message(const IkeHeader& header,
                                 const std::vector<Ikev1Payload>& payloads,
                                 bool request);

} // namespace ipsec
} // namespace ns3

#endif /* IKEV1_MESSAGE_H */
