// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The encryption of IKEv1 messages (RFC 2409 Appendix B, RFC 2408 §3.1 E flag): the payloads
 * after the header in CBC mode with the ISAKMP SA's key, padded with zeros to the block size,
 * and the IV chained as Appendix B says: phase 1 starts with hash(g^xi | g^xr) and goes on
 * with the last ciphertext block of the previous message; every later exchange (quick mode,
 * informational) starts with hash(last phase-1 block | M-ID) and chains within its message ID.
 */
#ifndef IKEV1_CRYPTER_H
#define IKEV1_CRYPTER_H

#include "ipsec-cipher.h"
#include "ipsec-transform.h"

#include <cstdint>
#include <map>
#include <memory>
#include <openssl/evp.h>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief Encrypts and decrypts the messages of one ISAKMP SA, keeping the CBC IVs.
 */
class Ikev1Crypter
{
  public:
    /**
     * @param cipher a CBC cipher of the transform table (aes128/192/256, 3des)
     * @param key the encryption key (Ikev1EncryptionKey)
     * @param hash the phase-1 hash (for the IVs of later exchanges)
     * @param phase1Iv the first IV (Ikev1Phase1Iv)
     * @throws ConfigError if the cipher is not a CBC cipher or refuses the key
     */
    Ikev1Crypter(const TransformInfo& cipher,
                 const std::vector<uint8_t>& key,
                 const EVP_MD* hash,
                 std::vector<uint8_t> phase1Iv);
    ~Ikev1Crypter();

    /**
     * @brief Encrypt a message's payload chain (zero padding to the block size).
     * @param messageId the message's ID (0: phase 1)
     * @param plain the payloads
     * @return the ciphertext (after the header)
     */
    std::vector<uint8_t> Encrypt(uint32_t messageId, const std::vector<uint8_t>& plain);

    /**
     * @brief Decrypt a message's ciphertext (its padding stays: the payload lengths end the
     * chain).
     * @param messageId the message's ID
     * @param ciphertext the bytes after the header (untrusted)
     * @param plain the plaintext
     * @return false if the ciphertext is not a whole number of blocks (nothing changes then)
     */
    bool Decrypt(uint32_t messageId,
                 const std::vector<uint8_t>& ciphertext,
                 std::vector<uint8_t>& plain);

    /**
     * @brief Decrypt a message's ciphertext without moving the exchange's IV on: a message
     * that turns out forged or corrupt must not break the chain for the genuine one (Advance
     * once it verified).
     * @param messageId the message's ID
     * @param ciphertext the bytes after the header (untrusted)
     * @param plain the plaintext
     * @return false if the ciphertext is not a whole number of blocks
     */
    bool Peek(uint32_t messageId,
              const std::vector<uint8_t>& ciphertext,
              std::vector<uint8_t>& plain);

    /**
     * @brief Move an exchange's IV on past a message Peek decrypted (its last cipher block).
     * @param messageId the message's ID
     * @param ciphertext its ciphertext (a whole number of blocks)
     */
    void Advance(uint32_t messageId, const std::vector<uint8_t>& ciphertext);

    /**
     * @brief Forget the IV of an exchange that is over (quick mode, informational).
     * @param messageId its message ID (not 0)
     */
    void Forget(uint32_t messageId);

    /**
     * @brief The IV the next message of an exchange will use.
     * @param messageId the exchange's message ID
     * @return the IV
     */
    std::vector<uint8_t> GetIv(uint32_t messageId);

  private:
    std::unique_ptr<Cipher> m_encrypt;                     ///< CBC encryption
    std::unique_ptr<Cipher> m_decrypt;                     ///< CBC decryption
    const EVP_MD* m_hash;                                  ///< phase-1 hash
    size_t m_block;                                        ///< block size
    std::vector<uint8_t> m_phase1Iv;                       ///< phase 1's current IV
    std::vector<uint8_t> m_lastPhase1Block;                ///< phase 1's last block
    std::map<uint32_t, std::vector<uint8_t>> m_exchangeIv; ///< later exchanges' IVs
};

} // namespace ipsec
} // namespace ns3

#endif /* IKEV1_CRYPTER_H */
