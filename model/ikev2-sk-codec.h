// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The IKEv2 Encrypted payload (SK, RFC 7296 §3.14): protecting and opening the payloads of an
 * IKE SA's messages with its negotiated algorithms, as ordinary ciphers with an integrity
 * checksum over the whole message, or as AEAD (RFC 5282 §5, RFC 7634 §3).
 */
#ifndef IKEV2_SK_CODEC_H
#define IKEV2_SK_CODEC_H

#include "ikev2-message.h"
#include "ipsec-aead.h"
#include "ipsec-cipher.h"
#include "ipsec-integrity.h"
#include "ipsec-iv-generator.h"
#include "ipsec-transform.h"

#include <memory>
#include <vector>

namespace ns3
{
namespace ipsec
{

/// Most fragments of one IKE message sent or accepted (RFC 7383; a certificate chain needs a
/// handful).
constexpr size_t IKEV2_MAX_FRAGMENTS = 64;

/**
 * @ingroup ipsec
 * @brief One direction's SK keys: SK_ei and SK_ai (initiator to responder) or SK_er and SK_ar.
 */
struct Ikev2SkKeys
{
    std::vector<uint8_t> encryption; ///< SK_e, salt included for AEAD (RFC 5282 §7.1)
    std::vector<uint8_t> integrity;  ///< SK_a, empty for AEAD
};

/**
 * @ingroup ipsec
 * @brief Protects and opens SK payloads for one end of an IKE SA. Keys are set once; the IV of
 * each message comes from an IvGenerator (a random one for CBC, where RFC 7296 §3.14 asks for
 * unpredictable IVs; the caller decides, so that runs are reproducible).
 *
 * The codec keeps the keys, not keyed OpenSSL contexts: it keys a context for each message it
 * protects or opens. An IKE SA sends a few messages an hour, and four idle contexts (a cipher
 * and a MAC each way) would cost about 4 KB per IKE SA, a third of a tunnel's state at scale;
 * keying one costs about a microsecond, next to the milliseconds of the DH that precede it.
 */
class Ikev2SkCodec
{
  public:
    /**
     * @brief Key the codec. Throws ConfigError for a wrong key size or an algorithm an IKE SA may
     * not use (ENCR_NULL, GMAC).
     * @param encryption the negotiated encryption transform
     * @param integrity the negotiated integrity transform; nullptr with an AEAD
     * @param out keys for the messages this end sends
     * @param in keys for the messages this end receives
     * @param iv where the IVs of sent messages come from
     */
    Ikev2SkCodec(const TransformInfo& encryption,
                 const TransformInfo* integrity,
                 const Ikev2SkKeys& out,
                 const Ikev2SkKeys& in,
                 std::unique_ptr<IvGenerator> iv);
    ~Ikev2SkCodec();

    /**
     * @brief A whole protected message: the header, then an SK payload holding the payloads.
     * @param header the header (nextPayload and length are set here)
     * @param inner the payloads to encrypt
     * @return the datagram; empty if the crypto library failed
     */
    std::vector<uint8_t> Protect(IkeHeader header, const std::vector<Ikev2Payload>& inner);

    /**
     * @brief Verify and decrypt the SK payload of a received message.
     * @param datagram the message's bytes, as parsed
     * @param message the parsed message (its last payload is the SK payload)
     * @param inner the payloads inside
     * @param criticalType the type of an unknown critical payload inside, if that is the error
     * @return NONE, INTEGRITY_FAILED (wrong checksum or tag), BAD_PADDING, BAD_PAYLOAD (no SK
     *         payload, a body too short for IV and ICV, a length not a multiple of the block,
     *         an SK payload inside) or an error of the inner payloads
     */
    IkeParseError Open(ByteSpan datagram,
                       const Ikev2Message& message,
                       std::vector<Ikev2Payload>& inner,
                       uint8_t& criticalType);

    /**
     * @brief Bytes an SK payload adds around n bytes of payloads (header, IV, padding, pad
     * length, ICV), for sizing messages.
     * @param n bytes of inner payloads
     * @return the overhead
     */
    uint32_t GetOverhead(uint32_t n) const;

    /**
     * @brief Protect a message as one SK payload or, when maxMessage is not 0 and that would be
     * longer, as IKE fragments (RFC 7383 §2.5): its payload chain cut into pieces, each sent in
     * an SKF payload of its own message (same header and message ID) with its own IV, padding
     * and ICV, no message longer than maxMessage bytes. The payloads are serialized once and
     * encrypted once, whole or in pieces.
     * @param header the IKE header (nextPayload and length are set)
     * @param inner the payloads
     * @param maxMessage the longest IKE message (UDP payload) to send; 0: never fragment
     * @return the datagrams in order: one SK message, or the fragments; the whole message if
     *         maxMessage leaves no room for a fragment or more than 64 would be needed
     */
    std::vector<std::vector<uint8_t>> ProtectMessage(IkeHeader header,
                                                     const std::vector<Ikev2Payload>& inner,
                                                     uint32_t maxMessage);

    /**
     * @brief Verify and decrypt one fragment (a message whose last payload is SKF).
     * @param datagram the message's bytes
     * @param message the message as parsed
     * @param content its piece of the payload chain (padding removed)
     * @return NONE, or why the fragment is refused
     */
    IkeParseError OpenFragment(ByteSpan datagram,
                               const Ikev2Message& message,
                               std::vector<uint8_t>& content);

    /**
     * @brief Read a decrypted payload chain (a whole SK payload's, or reassembled fragments').
     * @param first the type of its first payload
     * @param content the chain
     * @param base the chain's offset in its message (for nested offsets)
     * @param inner the payloads
     * @param criticalType an unknown critical payload's type
     * @return NONE, or why it is malformed (an SK or SKF payload inside is)
     */
    static IkeParseError ParseInner(uint8_t first,
                                    const std::vector<uint8_t>& content,
                                    size_t base,
                                    std::vector<Ikev2Payload>& inner,
                                    uint8_t& criticalType);

  private:
    /// Encrypt and authenticate a piece of a payload chain as an SK (totalFragments 0) or SKF
    /// payload and put the message together.
    std::vector<uint8_t> Seal(IkeHeader header,
                              uint8_t first,
                              uint16_t fragmentNumber,
                              uint16_t totalFragments,
                              const uint8_t* content,
                              size_t size);
    /// Seal a serialized payload chain as SKF fragments (empty if it cannot be done).
    std::vector<std::vector<uint8_t>> SealFragments(const IkeHeader& header,
                                                    uint8_t first,
                                                    const std::vector<uint8_t>& plain,
                                                    uint32_t maxMessage);
    /// Verify and decrypt the SK (fragment false) or SKF payload of a message.
    IkeParseError Unseal(ByteSpan datagram,
                         const Ikev2Message& message,
                         bool fragment,
                         std::vector<uint8_t>& content);

    const TransformInfo& m_encryption; ///< encryption (AEAD or cipher)
    const TransformInfo* m_integrity;  ///< integrity, nullptr with an AEAD
    Ikev2SkKeys m_out;                 ///< keys of the messages sent
    Ikev2SkKeys m_in;                  ///< keys of the messages received
    std::unique_ptr<IvGenerator> m_iv; ///< IVs of sent messages
    uint32_t m_ivSize;                 ///< IV bytes
    uint32_t m_blockSize;              ///< padding block
    uint32_t m_icvSize;                ///< ICV bytes
};

} // namespace ipsec
} // namespace ns3

#endif /* IKEV2_SK_CODEC_H */
