// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The IKE header, 28 bytes, shared by IKEv1 (RFC 2408 §3.1) and IKEv2 (RFC 7296 §3.1).
 */
#ifndef IKE_HEADER_H
#define IKE_HEADER_H

#include "ipsec-byte-span.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/// IKEv2 exchange types (RFC 7296 §3.1).
namespace ikev2
{
constexpr uint8_t IKE_SA_INIT = 34;     ///< IKE_SA_INIT
constexpr uint8_t IKE_AUTH = 35;        ///< IKE_AUTH
constexpr uint8_t CREATE_CHILD_SA = 36; ///< CREATE_CHILD_SA
constexpr uint8_t INFORMATIONAL = 37;   ///< INFORMATIONAL
} // namespace ikev2

/**
 * @ingroup ipsec
 * @brief Why an IKE header or message could not be read (each a named drop reason for the
 * daemon's trace and counters).
 */
enum class IkeParseError : uint8_t
{
    NONE,                         ///< parsed
    TRUNCATED_HEADER,             ///< fewer than 28 bytes
    LENGTH_MISMATCH,              ///< the header's Length is not the datagram's size
    UNSUPPORTED_VERSION,          ///< a major version this parser does not read
    TRUNCATED_PAYLOAD,            ///< a payload header or body runs past the message's end
    BAD_PAYLOAD_LENGTH,           ///< a payload's Length is below its minimum
    BAD_PAYLOAD,                  ///< a payload's body is inconsistent (counts, lengths)
    UNSUPPORTED_CRITICAL_PAYLOAD, ///< an unknown payload with the critical bit set
    SK_NOT_LAST,                  ///< an Encrypted payload that is not the last payload
    TOO_MANY_PAYLOADS,            ///< more payloads than any real message carries
    INTEGRITY_FAILED,             ///< the SK payload's checksum or AEAD tag is wrong
    BAD_PADDING,                  ///< the SK payload's Pad Length exceeds its plaintext
    /// a message after IKE_SA_INIT whose last payload is not an SK payload (RFC 7296 §3.14:
    /// all of them are encrypted and integrity protected)
    NOT_ENCRYPTED,
};

/**
 * @brief A parse error's name, e.g. "truncated-payload" (for traces and drop counters).
 * @param error the error
 * @return the name
 */
const char* ToString(IkeParseError error);

/**
 * @ingroup ipsec
 * @brief The IKE header. Flags are kept as the raw byte; IsInitiator/IsResponse/SetFlags read
 * and write IKEv2's I and R bits (RFC 7296 §3.1), IKEv1's E/C/A bits are read from flags.
 */
struct IkeHeader
{
    static constexpr uint32_t SIZE = 28;            ///< bytes on the wire
    static constexpr uint8_t FLAG_INITIATOR = 0x08; ///< IKEv2 I: sent by the original initiator
    static constexpr uint8_t FLAG_VERSION = 0x10;   ///< IKEv2 V: a higher major version is spoken
    static constexpr uint8_t FLAG_RESPONSE = 0x20;  ///< IKEv2 R: this is a response
    static constexpr uint8_t FLAG_V1_ENCRYPTION = 0x01; ///< IKEv1 E: payloads are encrypted
    static constexpr uint8_t FLAG_V1_COMMIT = 0x02;     ///< IKEv1 C: commit
    static constexpr uint8_t FLAG_V1_AUTH_ONLY = 0x04;  ///< IKEv1 A: authentication only

    uint64_t initiatorSpi{0}; ///< IKE SA Initiator's SPI (IKEv1: Initiator Cookie)
    uint64_t responderSpi{0}; ///< IKE SA Responder's SPI (0 in the first message)
    uint8_t nextPayload{0};   ///< type of the first payload
    uint8_t majorVersion{2};  ///< 2 for IKEv2, 1 for IKEv1
    uint8_t minorVersion{0};  ///< 0
    uint8_t exchangeType{0};  ///< e.g. ikev2::IKE_SA_INIT
    uint8_t flags{0};         ///< flag bits
    uint32_t messageId{0};    ///< Message ID
    uint32_t length{0};       ///< whole message in bytes, header included

    /// @return whether IKEv2's Initiator bit is set
    bool IsInitiator() const
    {
        return (flags & FLAG_INITIATOR) != 0;
    }

    /// @return whether IKEv2's Response bit is set
    bool IsResponse() const
    {
        return (flags & FLAG_RESPONSE) != 0;
    }

    /**
     * @brief Append the 28 bytes.
     * @param out the message so far (empty)
     */
    void Serialize(std::vector<uint8_t>& out) const;

    /**
     * @brief Read the header of a datagram and check its Length against the datagram.
     * @param datagram the UDP payload
     * @param header the header read
     * @return NONE or why the datagram is not an IKE message
     */
    static IkeParseError Parse(ByteSpan datagram, IkeHeader& header);
};

/**
 * @brief An IKEv2 exchange type's name, e.g. "IKE_SA_INIT" ("exchange-<n>" if unknown).
 * @param exchangeType the type
 * @return the name
 */
std::string Ikev2ExchangeName(uint8_t exchangeType);

} // namespace ipsec
} // namespace ns3

#endif /* IKE_HEADER_H */
