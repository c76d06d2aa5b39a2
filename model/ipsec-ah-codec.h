// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * AH packet transform: compute and verify the ICV of one SA over an IPv4 datagram (RFC 4302
 * §3.3, §3.4).
 */
#ifndef IPSEC_AH_CODEC_H
#define IPSEC_AH_CODEC_H

#include "ipsec-byte-span.h"
#include "ipsec-constants.h"
#include "ipsec-drop-reason.h"
#include "ipsec-integrity.h"
#include "ipsec-modeled-crypto.h"
#include "ipsec-transform.h"

#include <memory>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief The cryptographic half of one AH SA (IPv4): keyed once, then used per packet.
 *
 * AH authenticates the IP header too, so the codec works on the bytes of the whole datagram:
 * the 20-byte IPv4 header, the AH header and the payload after it (a transport-mode
 * upper-layer segment or ESP packet, or a tunnel-mode inner datagram). The ICV covers
 * (RFC 4302 §3.3.3):
 * @verbatim
 IPv4 header with mutable fields zeroed | AH with the ICV (and its padding) zeroed | payload
   (| high 32 bits of the sequence number with ESN, never sent, RFC 4302 §3.3.2.1, App. B)
 @endverbatim
 *
 * Verify() checks in the order of RFC 4302 §3.4: the header lengths, then the ICV in constant
 * time. Every failure is a DropReason; untrusted input is never read out of bounds.
 *
 * IPv4 options are not supported (IHL must be 5). Anti-replay and sequence-number bookkeeping
 * belong to the SA, not here: the caller gives the full 64-bit sequence number on output and
 * the inferred high 32 bits on input.
 */
class AhCodec
{
  public:
    /**
     * @brief Key an SA's integrity algorithm.
     * @param spi the SA's SPI. Any value is accepted here; the SA database refuses the
     * reserved values 0-255 (RFC 4302 §2.4).
     * @param integrity an INTEG transform (not NONE; AES-GMAC is not supported in AH here)
     * @param integrityKey integrity.keySize bytes
     * @param esn whether the SA uses Extended Sequence Numbers
     * @param mode CryptoMode::MODELED writes and accepts a zero ICV (the key is still checked)
     * @param alignment what the ICV field is padded to, in bytes: 4 (RFC 4302 §3.3.3.2.1 for
     * IPv4, the default) or 8 (what Linux sends and expects for IPv4 unless the SA has
     * `flag align4`: net/ipv4/ah4.c pads to XFRM_ALIGN8 without XFRM_STATE_ALIGN4). The padding
     * is zero and covered by the ICV like the ICV field itself; an inbound Payload Len that does
     * not give this SA's size is DropReason::BAD_PAYLOAD_LENGTH.
     * @throws ConfigError if integrity is not an integrity transform, is NONE or AES-GMAC,
     * if the key has the wrong length, or if alignment is neither 4 nor 8
     */
    AhCodec(uint32_t spi,
            const TransformInfo& integrity,
            ByteSpan integrityKey,
            bool esn = false,
            CryptoMode mode = CryptoMode::REAL,
            uint32_t alignment = AH_ALIGNMENT_IPV4);
    ~AhCodec();

    /**
     * @brief The SPI.
     * @return the SPI
     */
    uint32_t GetSpi() const;
    /**
     * @brief The integrity algorithm.
     * @return its table row
     */
    const TransformInfo& GetIntegrity() const;
    /**
     * @brief ICV length, without alignment padding.
     * @return bytes
     */
    uint32_t GetIcvSize() const;
    /**
     * @brief Whether the ICV is real or modeled.
     * @return the mode
     */
    CryptoMode GetCryptoMode() const;
    /**
     * @brief Whether the SA uses Extended Sequence Numbers.
     * @return true with ESN
     */
    bool IsEsn() const;
    /**
     * @brief The AH header size for this SA in IPv4.
     * @return 12 + the ICV, padded to a multiple of the SA's alignment (4 bytes by default,
     * RFC 4302 §2.2, §2.6; or 8)
     */
    uint32_t GetHeaderSize() const;
    /**
     * @brief The alignment the header is padded to.
     * @return 4 or 8 bytes
     */
    uint32_t GetAlignment() const;

    /**
     * @brief Build the AH header of an outbound datagram.
     * @param seq the full sequence number (low 32 bits sent; high 32 bits authenticated with
     * ESN)
     * @param nextHeader protocol of the payload (e.g. 17 for UDP, 50 for ESP, 4 for an IPv4
     * tunnel)
     * @param ipHeader the 20-byte IPv4 header as it will be sent: protocol already 51, total
     * length already including AH (its mutable fields do not matter)
     * @param payload the bytes that will follow the AH header
     * @param ah receives the AH header, ICV included (resized to GetHeaderSize())
     * @return DropReason::NONE, DropReason::MALFORMED (not a 20-byte IPv4 header without
     * options), DropReason::SEQ_OVERFLOW (seq >= 2^32 without ESN) or
     * DropReason::CRYPTO_ERROR
     */
    DropReason Compute(uint64_t seq,
                       uint8_t nextHeader,
                       ByteSpan ipHeader,
                       ByteSpan payload,
                       std::vector<uint8_t>& ah);
    /**
     * @brief Verify an inbound datagram.
     *
     * Bytes of ah beyond the header's length (Payload Len) are authenticated as the start of
     * the payload, so the whole rest of the datagram may be given as ah.
     * @param ipHeader the 20-byte IPv4 header as received
     * @param ah the AH header as received
     * @param payload the bytes after the AH header
     * @param seqHigh the inferred high 32 bits of the sequence number (ignored without ESN)
     * @param nextHeader receives the Next Header field (unchanged if the packet is dropped)
     * @return DropReason::NONE, or DropReason::MALFORMED (IP header), DropReason::TRUNCATED,
     * DropReason::BAD_PAYLOAD_LENGTH (Payload Len does not match this SA's ICV),
     * DropReason::ICV_FAILURE
     */
    DropReason Verify(ByteSpan ipHeader,
                      ByteSpan ah,
                      ByteSpan payload,
                      uint32_t seqHigh,
                      uint8_t& nextHeader);

    /**
     * @brief Copy a 20-byte IPv4 header with the fields that may change in transit zeroed, as
     * the ICV sees it (RFC 4302 §3.3.3.1.1.1, Appendix A1).
     *
     * Zeroed: TOS (DSCP and ECN), flags, fragment offset, TTL, header checksum. Kept: version,
     * IHL, total length, identification, protocol, source and destination address.
     * @param in 20 bytes
     * @param out 20 bytes (may be the same as in)
     */
    static void ZeroMutableFields(const uint8_t* in, uint8_t* out);

  private:
    /**
     * @brief Whether a header is a 20-byte IPv4 header without options.
     * @param ipHeader the bytes
     * @return true if AH can process it
     */
    static bool IsSupportedIpHeader(ByteSpan ipHeader);

    /**
     * @brief The bytes the ICV covers after the payload: the ESN high bits, or none.
     * @param seqHigh the high 32 bits
     * @param scratch 4 bytes of scratch
     * @return the bytes (empty without ESN)
     */
    ByteSpan EsnHighBits(uint32_t seqHigh, uint8_t* scratch) const;

    uint32_t m_spi;                         ///< SPI
    TransformInfo m_info;                   ///< integrity algorithm (a copy of its row)
    std::unique_ptr<Integrity> m_integrity; ///< keyed integrity algorithm
    uint32_t m_icvSize;                     ///< ICV bytes
    uint32_t m_alignment;                   ///< 4 or 8 bytes
    uint32_t m_headerSize;                  ///< AH bytes, ICV padding included
    bool m_esn;                             ///< Extended Sequence Numbers
    CryptoMode m_mode;                      ///< real or modeled
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_AH_CODEC_H */
