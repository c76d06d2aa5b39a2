// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IKEv2 messages: the payloads of RFC 7296 §3, byte-exact, read from untrusted bytes without
 * ever reading outside them. The Encrypted payload (SK, §3.14) is kept as its raw body here;
 * ikev2-sk-codec protects and opens it.
 */
#ifndef IKEV2_MESSAGE_H
#define IKEV2_MESSAGE_H

#include "ike-header.h"
#include "ipsec-constants.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace ns3
{
namespace ipsec
{
namespace ikev2
{
// Payload types (RFC 7296 §3.2; IANA "IKEv2 Payload Types").
constexpr uint8_t NO_NEXT_PAYLOAD = 0;    ///< no next payload
constexpr uint8_t PAYLOAD_SA = 33;        ///< Security Association
constexpr uint8_t PAYLOAD_KE = 34;        ///< Key Exchange
constexpr uint8_t PAYLOAD_IDI = 35;       ///< Identification - Initiator
constexpr uint8_t PAYLOAD_IDR = 36;       ///< Identification - Responder
constexpr uint8_t PAYLOAD_CERT = 37;      ///< Certificate
constexpr uint8_t PAYLOAD_CERTREQ = 38;   ///< Certificate Request
constexpr uint8_t PAYLOAD_AUTH = 39;      ///< Authentication
constexpr uint8_t PAYLOAD_NONCE = 40;     ///< Nonce
constexpr uint8_t PAYLOAD_NOTIFY = 41;    ///< Notify
constexpr uint8_t PAYLOAD_DELETE = 42;    ///< Delete
constexpr uint8_t PAYLOAD_VENDOR_ID = 43; ///< Vendor ID
constexpr uint8_t PAYLOAD_TSI = 44;       ///< Traffic Selector - Initiator
constexpr uint8_t PAYLOAD_TSR = 45;       ///< Traffic Selector - Responder
constexpr uint8_t PAYLOAD_SK = 46;        ///< Encrypted and Authenticated
constexpr uint8_t PAYLOAD_CP = 47;        ///< Configuration
constexpr uint8_t PAYLOAD_EAP = 48;       ///< Extensible Authentication
constexpr uint8_t PAYLOAD_SKF = 53;       ///< Encrypted and Authenticated Fragment (RFC 7383)

// Security protocol IDs (§3.3.1).
constexpr uint8_t PROTOCOL_IKE = 1; ///< IKE
constexpr uint8_t PROTOCOL_AH = 2;  ///< AH
constexpr uint8_t PROTOCOL_ESP = 3; ///< ESP

// Transform attribute (§3.3.5).
constexpr uint16_t ATTRIBUTE_KEY_LENGTH = 14; ///< Key Length in bits (TV format)

// ID types (§3.5).
constexpr uint8_t ID_IPV4_ADDR = 1;   ///< a four-octet IPv4 address
constexpr uint8_t ID_FQDN = 2;        ///< a fully qualified domain name
constexpr uint8_t ID_RFC822_ADDR = 3; ///< an e-mail address
constexpr uint8_t ID_IPV6_ADDR = 5;   ///< a sixteen-octet IPv6 address
constexpr uint8_t ID_DER_ASN1_DN = 9; ///< an X.500 distinguished name
constexpr uint8_t ID_KEY_ID = 11;     ///< an opaque key identifier

// Authentication methods (§3.8, RFC 7427).
constexpr uint8_t AUTH_RSA_SIG = 1;      ///< RSA Digital Signature
constexpr uint8_t AUTH_SHARED_KEY = 2;   ///< Shared Key Message Integrity Code
constexpr uint8_t AUTH_DSS_SIG = 3;      ///< DSS Digital Signature
constexpr uint8_t AUTH_DIGITAL_SIG = 14; ///< Digital Signature (RFC 7427)

// Traffic selector types (§3.13.1).
constexpr uint8_t TS_IPV4_ADDR_RANGE = 7; ///< IPv4 address range
constexpr uint8_t TS_IPV6_ADDR_RANGE = 8; ///< IPv6 address range

// Notify message types (§3.10.1; IANA "IKEv2 Notify Message Types").
constexpr uint16_t UNSUPPORTED_CRITICAL_PAYLOAD = 1;      ///< error
constexpr uint16_t INVALID_IKE_SPI = 4;                   ///< error
constexpr uint16_t INVALID_MAJOR_VERSION = 5;             ///< error
constexpr uint16_t INVALID_SYNTAX = 7;                    ///< error
constexpr uint16_t INVALID_MESSAGE_ID = 9;                ///< error
constexpr uint16_t INVALID_SPI = 11;                      ///< error
constexpr uint16_t NO_PROPOSAL_CHOSEN = 14;               ///< error
constexpr uint16_t INVALID_KE_PAYLOAD = 17;               ///< error
constexpr uint16_t AUTHENTICATION_FAILED = 24;            ///< error
constexpr uint16_t SINGLE_PAIR_REQUIRED = 34;             ///< error
constexpr uint16_t NO_ADDITIONAL_SAS = 35;                ///< error
constexpr uint16_t INTERNAL_ADDRESS_FAILURE = 36;         ///< error
constexpr uint16_t FAILED_CP_REQUIRED = 37;               ///< error
constexpr uint16_t TS_UNACCEPTABLE = 38;                  ///< error
constexpr uint16_t INVALID_SELECTORS = 39;                ///< error
constexpr uint16_t TEMPORARY_FAILURE = 43;                ///< error
constexpr uint16_t CHILD_SA_NOT_FOUND = 44;               ///< error
constexpr uint16_t INITIAL_CONTACT = 16384;               ///< status
constexpr uint16_t SET_WINDOW_SIZE = 16385;               ///< status
constexpr uint16_t ADDITIONAL_TS_POSSIBLE = 16386;        ///< status
constexpr uint16_t IPCOMP_SUPPORTED = 16387;              ///< status
constexpr uint16_t NAT_DETECTION_SOURCE_IP = 16388;       ///< status
constexpr uint16_t NAT_DETECTION_DESTINATION_IP = 16389;  ///< status
constexpr uint16_t COOKIE = 16390;                        ///< status
constexpr uint16_t USE_TRANSPORT_MODE = 16391;            ///< status
constexpr uint16_t HTTP_CERT_LOOKUP_SUPPORTED = 16392;    ///< status
constexpr uint16_t REKEY_SA = 16393;                      ///< status
constexpr uint16_t ESP_TFC_PADDING_NOT_SUPPORTED = 16394; ///< status
constexpr uint16_t NON_FIRST_FRAGMENTS_ALSO = 16395;      ///< status
constexpr uint16_t IKEV2_FRAGMENTATION_SUPPORTED = 16430; ///< status (RFC 7383)
constexpr uint16_t SIGNATURE_HASH_ALGORITHMS = 16431;     ///< status (RFC 7427)

/// Most payloads a message may carry before the parser gives up (a real message has < 30).
constexpr size_t MAX_PAYLOADS = 256;
} // namespace ikev2

/// @ingroup ipsec
/// @brief A transform substructure (§3.3.2).
struct Ikev2Transform
{
    TransformType type{TransformType::ENCR}; ///< transform type
    uint16_t id{0};                          ///< transform ID
    uint16_t keyLength{0};                   ///< Key Length attribute in bits (0: none)
    bool unknownAttribute{false}; ///< carried an attribute other than Key Length (§3.3.6: the
                                  ///< transform is then not acceptable)

    /// @param o another transform @return whether equal
    bool operator==(const Ikev2Transform& o) const
    {
        return type == o.type && id == o.id && keyLength == o.keyLength &&
               unknownAttribute == o.unknownAttribute;
    }
};

/// @ingroup ipsec
/// @brief A proposal substructure (§3.3.1).
struct Ikev2Proposal
{
    uint8_t number{1};                       ///< Proposal Num, from 1
    uint8_t protocolId{ikev2::PROTOCOL_IKE}; ///< IKE, AH or ESP
    std::vector<uint8_t> spi;                ///< empty, 4 (AH/ESP) or 8 (IKE rekey) bytes
    std::vector<Ikev2Transform> transforms;  ///< in the sender's order
};

/// @ingroup ipsec
/// @brief Security Association payload (§3.3).
struct Ikev2SaPayload
{
    std::vector<Ikev2Proposal> proposals; ///< in the sender's order of preference
};

/// @ingroup ipsec
/// @brief Key Exchange payload (§3.4).
struct Ikev2KePayload
{
    uint16_t group{0};         ///< Key Exchange Method (Diffie-Hellman group) number
    std::vector<uint8_t> data; ///< public value
};

/// @ingroup ipsec
/// @brief Identification payload, IDi or IDr (§3.5).
struct Ikev2IdPayload
{
    uint8_t idType{ikev2::ID_IPV4_ADDR}; ///< ID type
    std::vector<uint8_t> data;           ///< identification data
};

/// @ingroup ipsec
/// @brief Authentication payload (§3.8).
struct Ikev2AuthPayload
{
    uint8_t method{ikev2::AUTH_SHARED_KEY}; ///< authentication method
    std::vector<uint8_t> data;              ///< authentication data
};

/// @ingroup ipsec
/// @brief Nonce payload (§3.9).
struct Ikev2NoncePayload
{
    std::vector<uint8_t> data; ///< the nonce, 16 to 256 bytes
};

/// @ingroup ipsec
/// @brief Notify payload (§3.10).
struct Ikev2NotifyPayload
{
    uint8_t protocolId{0};     ///< 0 (none), IKE, AH or ESP
    std::vector<uint8_t> spi;  ///< the SPI the notification concerns (often empty)
    uint16_t type{0};          ///< Notify Message Type
    std::vector<uint8_t> data; ///< notification data
};

/// @ingroup ipsec
/// @brief Delete payload (§3.11).
struct Ikev2DeletePayload
{
    uint8_t protocolId{ikev2::PROTOCOL_IKE}; ///< IKE (no SPIs), AH or ESP
    uint8_t spiSize{0};                      ///< 0 for IKE, 4 for AH/ESP
    std::vector<std::vector<uint8_t>> spis;  ///< the SPIs to delete
};

/// @ingroup ipsec
/// @brief One traffic selector (§3.13.1).
struct Ikev2TrafficSelector
{
    uint8_t tsType{ikev2::TS_IPV4_ADDR_RANGE}; ///< TS type
    uint8_t ipProtocol{0};                     ///< IP protocol, 0 = any
    uint16_t startPort{0};                     ///< first port
    uint16_t endPort{65535};                   ///< last port
    std::vector<uint8_t> startAddress;         ///< first address (4 or 16 bytes)
    std::vector<uint8_t> endAddress;           ///< last address

    /// @param o another selector @return whether equal
    bool operator==(const Ikev2TrafficSelector& o) const
    {
        return tsType == o.tsType && ipProtocol == o.ipProtocol && startPort == o.startPort &&
               endPort == o.endPort && startAddress == o.startAddress && endAddress == o.endAddress;
    }
};

/// @ingroup ipsec
/// @brief Traffic Selector payload, TSi or TSr (§3.13).
struct Ikev2TsPayload
{
    std::vector<Ikev2TrafficSelector> selectors; ///< at least one
};

/// @ingroup ipsec
/// @brief Encrypted and Authenticated payload (§3.14), or one fragment of it (SKF, RFC 7383
/// §2.5: then totalFragments is not 0), still protected.
struct Ikev2SkPayload
{
    uint8_t firstInner{ikev2::NO_NEXT_PAYLOAD}; ///< type of the first payload inside (SKF: in
                                                ///< fragment 1 only, else 0)
    std::vector<uint8_t> body;                  ///< IV | ciphertext | ICV
    size_t offset{0};           ///< where the payload's generic header starts in the parsed message
    uint16_t fragmentNumber{0}; ///< SKF: this fragment's number, from 1
    uint16_t totalFragments{0}; ///< SKF: how many (0: an SK payload)
};

/// @ingroup ipsec
/// @brief A payload this module keeps as bytes (Vendor ID, CERT, CERTREQ, CP, EAP, unknown).
struct Ikev2RawPayload
{
    std::vector<uint8_t> body; ///< the payload after its generic header
};

/// @ingroup ipsec
/// @brief One payload: its type, the critical bit it came with, and its body.
struct Ikev2Payload
{
    /// The body, by payload type.
    using Body = std::variant<Ikev2RawPayload,
                              Ikev2SaPayload,
                              Ikev2KePayload,
                              Ikev2IdPayload,
                              Ikev2AuthPayload,
                              Ikev2NoncePayload,
                              Ikev2NotifyPayload,
                              Ikev2DeletePayload,
                              Ikev2TsPayload,
                              Ikev2SkPayload>;

    uint8_t type{ikev2::NO_NEXT_PAYLOAD}; ///< payload type
    bool critical{false};                 ///< the critical bit as received (sent as 0)
    Body body;                            ///< the body

    /**
     * @brief A payload of a type with a body.
     * @param t the payload type
     * @param b the body
     * @return the payload
     */
    static Ikev2Payload Make(uint8_t t, Body b)
    {
        Ikev2Payload p;
        p.type = t;
        p.body = std::move(b);
        return p;
    }
};

/**
 * @brief Append payloads as a chain (each generic header names the next payload's type; an SK
 * payload names its first inner payload and must be last).
 * @param payloads the payloads
 * @param out where to append
 * @return the type of the first payload (for the IKE header or the enclosing SK payload)
 */
uint8_t SerializeIkev2Payloads(const std::vector<Ikev2Payload>& payloads,
                               std::vector<uint8_t>& out);

/**
 * @brief Read a payload chain (the payloads of a message, or the decrypted inside of an SK
 * payload).
 * @param first the type of the first payload
 * @param bytes the chain
 * @param base offset of bytes in the whole message (for Ikev2SkPayload::offset)
 * @param payloads the payloads read
 * @param criticalType set to the type of an unknown critical payload (for the
 *        UNSUPPORTED_CRITICAL_PAYLOAD notification), if that is the error
 * @return NONE or why the chain is malformed
 */
IkeParseError ParseIkev2Payloads(uint8_t first,
                                 ByteSpan bytes,
                                 size_t base,
                                 std::vector<Ikev2Payload>& payloads,
                                 uint8_t& criticalType);

/**
 * @ingroup ipsec
 * @brief An IKEv2 message: header and payloads.
 */
struct Ikev2Message
{
    IkeHeader header;                   ///< header (nextPayload and length are set by Serialize)
    std::vector<Ikev2Payload> payloads; ///< payloads (an SK payload, if any, last)

    /**
     * @brief The message's bytes; sets header.nextPayload and header.length.
     * @return the UDP payload
     */
    std::vector<uint8_t> Serialize();

    /**
     * @brief Read a message (an SK payload stays protected).
     * @param datagram the UDP payload
     * @param message the message read
     * @param criticalType the type of an unknown critical payload, if that is the error
     * @return NONE or why the datagram is not a well-formed IKEv2 message
     */
    static IkeParseError Parse(ByteSpan datagram, Ikev2Message& message, uint8_t& criticalType);

    /**
     * @brief The first payload of a type.
     * @param type the payload type
     * @return the payload or nullptr
     */
    const Ikev2Payload* Find(uint8_t type) const;

    /**
     * @brief The body of the first payload of a type, if it has that body type.
     * @tparam T the body type, e.g. Ikev2KePayload
     * @param type the payload type
     * @return the body or nullptr
     */
    template <typename T>
    const T* Get(uint8_t type) const
    {
        const Ikev2Payload* p = Find(type);
        return p ? std::get_if<T>(&p->body) : nullptr;
    }

    /**
     * @brief The first Notify payload of a notify type.
     * @param notifyType the type
     * @return the payload or nullptr
     */
    const Ikev2NotifyPayload* FindNotify(uint16_t notifyType) const;

    /**
     * @brief A one-line summary in strongSwan's log style, e.g.
     * "IKE_SA_INIT request 0 [ SA KE No N(NATD_S_IP) ]".
     * @return the summary
     */
    std::string Describe() const;
};

/**
 * @brief A payload type's short name as strongSwan logs it ("SA", "KE", "No", "IDi", ...).
 * @param type the payload type
 * @return the name ("U(<type>)" if unknown)
 */
std::string Ikev2PayloadShortName(uint8_t type);

/**
 * @brief A notify type's name, e.g. "NO_PROPOSAL_CHOSEN" ("NOTIFY-<n>" if unknown).
 * @param type the notify type
 * @return the name
 */
std::string Ikev2NotifyName(uint16_t type);

/**
 * @brief A payload list in strongSwan's log style: "SA KE No N(NATD_S_IP)".
 * @param payloads the payloads
 * @return the list
 */
std::string DescribeIkev2Payloads(const std::vector<Ikev2Payload>& payloads);

/**
 * @brief A message as strongSwan logs it: "IKE_AUTH request 1 [ IDi AUTH SA TSi TSr ]",
 * "INFORMATIONAL response 2 [ ]".
 * @param header its header
 * @param payloads its payloads (those inside the SK payload, for a protected message)
 * @return the text
 */
std::string DescribeIkev2Message(const IkeHeader& header,
                                 const std::vector<Ikev2Payload>& payloads);

} // namespace ipsec
} // namespace ns3

#endif /* IKEV2_MESSAGE_H */
