// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * "Modeled crypto": stand-ins for the cipher, AEAD and integrity interfaces that keep every
 * size of the real algorithm but do no cryptographic work, for very large simulations.
 */
#ifndef IPSEC_MODELED_CRYPTO_H
#define IPSEC_MODELED_CRYPTO_H

#include "ipsec-aead.h"
#include "ipsec-cipher.h"
#include "ipsec-integrity.h"
#include "ipsec-transform.h"

#include <cstdint>
#include <string>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief Whether an SA's transforms do real cryptography or only model it.
 *
 * MODELED keeps the packet format exactly (SPI, sequence numbers, IV, padding to the cipher's
 * block size, ICV length) and the crypto engine's timing (the operation is charged as the real
 * algorithm's), but the payload is sent in the clear, the IV is whatever the IV generator gave,
 * and the ICV is zero bytes. A receiver accepts a packet whose ICV is zero whatever the rest of
 * it holds: such an SA detects no tampering (a real-crypto peer's packets do fail, as
 * icv-failure). Its bytes are not ciphertext: key files mark it, and Wireshark cannot decrypt
 * it.
 */
enum class CryptoMode : uint8_t
{
    REAL,    ///< OpenSSL encrypts and authenticates (the default)
    MODELED, ///< sizes and timing only; no cipher or ICV work
};

/**
 * @brief The mode's name ("real", "modeled").
 * @param mode the mode
 * @return its name
 */
const char* GetCryptoModeName(CryptoMode mode);

/**
 * @brief Read a mode's name.
 * @param name "real" or "modeled"
 * @return the mode
 * @throws ConfigError naming the accepted values
 */
CryptoMode ParseCryptoMode(const std::string& name);

/**
 * @ingroup ipsec
 * @brief A confidentiality-only cipher that leaves the data as it is.
 */
class ModeledCipher : public Cipher
{
  public:
    /**
     * @brief Take the sizes of a real cipher.
     * @param info its table row
     */
    explicit ModeledCipher(const TransformInfo& info);
    uint32_t GetIvSize() const override;
    uint32_t GetBlockSize() const override;
    bool Encrypt(const uint8_t* iv, uint8_t* data, size_t size) override;
    bool Decrypt(const uint8_t* iv, uint8_t* data, size_t size) override;

  private:
    uint32_t m_ivSize;    ///< explicit IV bytes
    uint32_t m_blockSize; ///< block size the padding aligns to
};

/**
 * @ingroup ipsec
 * @brief An AEAD that leaves the data as it is, writes a zero ICV and accepts a zero ICV.
 */
class ModeledAead : public Aead
{
  public:
    /**
     * @brief Take the sizes of a real AEAD.
     * @param info its table row
     */
    explicit ModeledAead(const TransformInfo& info);
    uint32_t GetIvSize() const override;
    uint32_t GetIcvSize() const override;
    bool IsEncrypting() const override;
    bool Encrypt(const uint8_t* iv,
                 std::initializer_list<ByteSpan> aad,
                 uint8_t* data,
                 size_t size,
                 uint8_t* icv) override;
    bool Decrypt(const uint8_t* iv,
                 std::initializer_list<ByteSpan> aad,
                 uint8_t* data,
                 size_t size,
                 const uint8_t* icv) override;

  private:
    uint32_t m_ivSize;   ///< explicit IV bytes
    uint32_t m_icvSize;  ///< ICV bytes
    bool m_isEncrypting; ///< false for GMAC (authentication only)
};

/**
 * @ingroup ipsec
 * @brief An integrity algorithm whose ICV is zero bytes of the real length.
 *
 * Integrity::Verify() compares the zero ICV it computes with the received one, so a modeled
 * receiver drops packets whose ICV is not zero (e.g. from a real-crypto sender) and accepts any
 * change to the rest of the packet.
 */
class ModeledIntegrity : public Integrity
{
  public:
    /**
     * @brief Take the ICV length of a real algorithm.
     * @param info its table row
     */
    explicit ModeledIntegrity(const TransformInfo& info);
    uint32_t GetIcvSize() const override;
    bool Compute(std::initializer_list<ByteSpan> parts, uint8_t* icv) override;

  private:
    uint32_t m_icvSize; ///< ICV bytes
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_MODELED_CRYPTO_H */
