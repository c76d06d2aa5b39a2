// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * ESP packet transform: build and open the exact ESP bytes of one SA (RFC 4303 §3.3, §3.4).
 */
#ifndef IPSEC_ESP_CODEC_H
#define IPSEC_ESP_CODEC_H

#include "ipsec-aead.h"
#include "ipsec-byte-span.h"
#include "ipsec-cipher.h"
#include "ipsec-drop-reason.h"
#include "ipsec-integrity.h"
#include "ipsec-iv-generator.h"
#include "ipsec-modeled-crypto.h"
#include "ipsec-proposal.h"

#include <memory>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief The cryptographic half of one ESP SA: keyed once, then used per packet.
 *
 * Encapsulate() turns a payload (a transport-mode upper-layer segment or a tunnel-mode inner
 * datagram) into the ESP bytes that follow the IP header:
 * @verbatim
 SPI | Sequence Number | IV | E(payload | padding 1,2,3.. | pad length | next header) | ICV
 @endverbatim
 * Non-AEAD suites encrypt then MAC over SPI..ciphertext (+ the ESN high bits, RFC 4303 §2.2.1);
 * AEAD suites authenticate SPI | Sequence Number (64 bits with ESN) as AAD (RFC 4106 §5,
 * RFC 7634 §2.1); AES-GMAC authenticates SPI | Sequence Number | IV | plaintext and encrypts
 * nothing (RFC 4543 §3.3).
 *
 * Decapsulate() checks in the order of RFC 4303 §3.4: lengths, then the ICV (before any
 * decryption for non-AEAD suites), then decrypts and checks pad length and padding. Every
 * failure is a DropReason; untrusted input is never read out of bounds.
 *
 * Anti-replay and sequence-number bookkeeping belong to the SA, not here: the caller gives the
 * full 64-bit sequence number on output and the inferred high 32 bits on input.
 */
class EspCodec
{
  public:
    /**
     * @brief Key an SA's transforms.
     * @param spi the SA's SPI. Any value is accepted here (published vectors use SPI 0);
     * the SA database refuses the reserved values 0-255 (RFC 4303 §2.1).
     * @param suite the algorithms
     * @param encryptionKey the cipher's keying material, salt/nonce included
     * @param integrityKey the integrity key (empty for AEAD and confidentiality-only suites)
     * @param mode CryptoMode::MODELED keeps every size but does no cryptography (keys are
     * still checked)
     * @param use the directions to key the cipher for: an SA encapsulates (outbound) or
     * decapsulates (inbound), never both; the other direction then fails as a crypto error
     * @throws ConfigError on an invalid suite (EspSuite::Validate), a key of the wrong
     * length, or an integrity key for
     * a suite that has no integrity algorithm
     */
    EspCodec(uint32_t spi,
             const EspSuite& suite,
             ByteSpan encryptionKey,
             ByteSpan integrityKey = ByteSpan(),
             CryptoMode mode = CryptoMode::REAL,
             CryptoUse use = CryptoUse::BOTH);
    ~EspCodec();

    /**
     * @brief Replace the IV source (the default is CreateDefaultIvGenerator()).
     * @param generator the new source
     * @throws ConfigError if it is null and the cipher needs IVs
     */
    void SetIvGenerator(std::unique_ptr<IvGenerator> generator);
    /**
     * @brief The IV source, e.g. to assign its random stream.
     * @return the generator, or nullptr for ENCR_NULL
     */
    IvGenerator* GetIvGenerator() const;

    /**
     * @brief The SPI.
     * @return the SPI
     */
    uint32_t GetSpi() const;
    /**
     * @brief The algorithms.
     * @return the suite
     */
    const EspSuite& GetSuite() const;
    /**
     * @brief Whether the transforms are real or modeled.
     * @return the mode
     */
    CryptoMode GetCryptoMode() const;
    /**
     * @brief Explicit IV length.
     * @return bytes
     */
    uint32_t GetIvSize() const;
    /**
     * @brief ICV length.
     * @return bytes
     */
    uint32_t GetIcvSize() const;
    /**
     * @brief The ESP packet size for a payload.
     * @param payloadSize bytes of payload
     * @return header + IV + payload + padding + 2 + ICV
     */
    uint32_t GetEncapsulatedSize(uint32_t payloadSize) const;

    /**
     * @brief Build an ESP packet.
     * @param seq the full sequence number (the high 32 bits are used only with ESN)
     * @param nextHeader protocol of the payload (e.g. 17 for UDP, 4 for an IPv4 tunnel)
     * @param payload the payload
     * @param out receives the ESP bytes (resized)
     * @return DropReason::NONE, DropReason::SEQ_OVERFLOW (seq >= 2^32 without ESN) or
     * DropReason::CRYPTO_ERROR
     */
    DropReason Encapsulate(uint64_t seq,
                           uint8_t nextHeader,
                           ByteSpan payload,
                           std::vector<uint8_t>& out);
    /**
     * @brief Verify and open an ESP packet.
     * @param esp the ESP bytes (from the SPI to the end of the ICV)
     * @param seqHigh the inferred high 32 bits of the sequence number (ignored without ESN)
     * @param payload receives the payload (resized); emptied if the packet is dropped
     * @param nextHeader receives the Next Header field (unchanged if the packet is dropped)
     * @return DropReason::NONE or why the packet is dropped
     */
    DropReason Decapsulate(ByteSpan esp,
                           uint32_t seqHigh,
                           std::vector<uint8_t>& payload,
                           uint8_t& nextHeader);

  private:
    /**
     * @brief Decapsulate() without the clean-up on failure.
     * @param esp the ESP bytes
     * @param seqHigh the inferred high 32 bits of the sequence number
     * @param payload receives the payload
     * @param nextHeader receives the Next Header field
     * @return DropReason::NONE or why the packet is dropped
     */
    DropReason Open(ByteSpan esp,
                    uint32_t seqHigh,
                    std::vector<uint8_t>& payload,
                    uint8_t& nextHeader);

    /**
     * @brief The AEAD additional data: SPI | Sequence Number (| high bits with ESN).
     * @param header the 8-byte ESP header
     * @param seqHigh the high 32 bits
     * @param aad 12 bytes of scratch
     * @return the AAD
     */
    ByteSpan MakeAad(const uint8_t* header, uint32_t seqHigh, uint8_t* aad) const;

    /**
     * @brief The bytes a non-AEAD ICV covers after the packet: the ESN high bits, or none.
     * @param seqHigh the high 32 bits
     * @param scratch 4 bytes of scratch
     * @return the bytes (empty without ESN)
     */
    ByteSpan EsnHighBits(uint32_t seqHigh, uint8_t* scratch) const;

    uint32_t m_spi;                             ///< SPI
    EspSuite m_suite;                           ///< algorithms
    std::unique_ptr<Cipher> m_cipher;           ///< non-AEAD cipher
    std::unique_ptr<Aead> m_aead;               ///< AEAD cipher
    std::unique_ptr<Integrity> m_integrity;     ///< integrity (non-AEAD)
    std::unique_ptr<IvGenerator> m_ivGenerator; ///< IV source
    uint32_t m_ivSize;                          ///< IV bytes
    uint32_t m_icvSize;                         ///< ICV bytes
    uint32_t m_blockSize;                       ///< cipher block size
    CryptoMode m_mode;                          ///< real or modeled
    CryptoUse m_use;                            ///< the directions keyed
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ESP_CODEC_H */
