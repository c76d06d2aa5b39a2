// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Why IPsec dropped (or refused to parse) a packet.
 */
#ifndef IPSEC_DROP_REASON_H
#define IPSEC_DROP_REASON_H

#include <cstdint>
#include <ostream>
#include <string>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief The named reason of every drop, like Linux's XfrmIn* counters.
 *
 * Parsers and transforms return a DropReason instead of asserting, so that malformed or forged
 * input is counted and traced, never a crash. NONE means "not dropped".
 */
enum class DropReason : uint8_t
{
    NONE = 0,           ///< not dropped
    TRUNCATED,          ///< fewer bytes than the headers/ICV/IV need (malformed)
    BAD_ALIGNMENT,      ///< ciphertext length is not a multiple of the cipher block (malformed)
    BAD_PAD_LENGTH,     ///< ESP Pad Length larger than the decrypted data allows
    BAD_PADDING,        ///< ESP padding bytes are not 1, 2, 3, ... (RFC 4303 §2.4)
    BAD_PAYLOAD_LENGTH, ///< AH Payload Len inconsistent with the packet or the ICV size
    ICV_FAILURE,        ///< integrity check value did not verify
    CRYPTO_ERROR,       ///< the crypto library refused the operation
    SEQ_OVERFLOW,       ///< sequence number beyond 2^32-1 without ESN (RFC 4303 §3.3.3)
    MALFORMED,          ///< IP header or inner datagram that cannot be parsed
    NO_SA,              ///< no SA: unknown inbound SPI, or PROTECT policy without an SA (acquire)
    SA_EXPIRED,         ///< the policy's SA reached its hard lifetime and was removed
    REPLAY,             ///< duplicate or left of the anti-replay window (RFC 4303 §3.4.3)
    POLICY_MISMATCH,    ///< decrypted datagram outside the SA's selectors (RFC 4301 §5.2)
    NOT_PROTECTED,      ///< plaintext that an inbound PROTECT policy covers (RFC 4301 §5.2)
    DISCARD_POLICY,     ///< matched a DISCARD policy
    NO_ROUTE,           ///< no route for the protected (outer) datagram
    BAD_NEXT_HEADER,    ///< AH/ESP Next Header not allowed here (e.g. not IPv4 in tunnel mode)
    QUEUE_FULL,         ///< the crypto engine's queue was full
    ECN_CE_NOT_ECT,     ///< tunnel egress: outer CE on a Not-ECT inner datagram (RFC 6040 §4.2)
    NO_POLICY, ///< matched no policy, and the direction's default is discard (RFC 4301 §4.4.1)
    PACKET_TOO_BIG,   ///< DF set and larger than the (path) MTU after IPsec (RFC 4301 §8)
    FRAGMENT_TIMEOUT, ///< fragments held for a policy decision never completed (RFC 4301 §7)
    FRAGMENT_OVERLAP, ///< overlapping or inconsistent fragments of a held datagram
    COUNT,            ///< number of reasons (not a reason)
};

/**
 * @brief The stable short name of a reason ("icv-failure"), used in traces and tables.
 * @param reason the reason
 * @return its name
 */
const char* GetDropReasonName(DropReason reason);

/**
 * @brief Print the reason's name.
 * @param os the stream
 * @param reason the reason
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, DropReason reason);

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_DROP_REASON_H */
