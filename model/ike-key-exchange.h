// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IKE key exchange (Diffie-Hellman, RFC 7296 §1.2 and §3.4; IKEv1 uses the same groups and
 * values): MODP (RFC 3526; RFC 2409's Oakley groups for labs), ECP (RFC 5903) and Curve25519
 * (RFC 8031) on OpenSSL 3's EVP API, with private keys drawn from ns-3 random streams.
 */
#ifndef IKE_KEY_EXCHANGE_H
#define IKE_KEY_EXCHANGE_H

#include "ipsec-byte-span.h"
#include "ipsec-crypto-operation.h"

#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief Why a shared secret could not be computed. The peer's public value arrives from the
 * network: a bad one is reported, never thrown or asserted (RFC 7296 §3.4: the exchange then
 * fails, e.g. with INVALID_SYNTAX; RFC 6989 lists the checks).
 */
enum class KeError : uint8_t
{
    NONE,            ///< success
    NO_PRIVATE_KEY,  ///< no private key was set or generated yet
    WRONG_LENGTH,    ///< the peer's value is not KeGroupInfo::publicSize bytes
    OUT_OF_RANGE,    ///< MODP: the peer's value is not in [2, p-2] (RFC 6989 §2.1)
    NOT_IN_SUBGROUP, ///< MODP: in range but not in the prime-order subgroup (y^q != 1 mod p)
    NOT_ON_CURVE,    ///< ECP: a coordinate is not below p, or (x, y) is not on the curve
    ALL_ZERO_SECRET, ///< X25519: the shared secret is all zeros, a low-order point (RFC 8031 §2)
    CRYPTO_FAILURE,  ///< the crypto library failed for another reason
};

/**
 * @brief The name of an error, for logs and traces.
 * @param error the error
 * @return e.g. "out-of-range", "not-on-curve"; "none" for success
 */
const char* GetKeErrorName(KeError error);

/**
 * @ingroup ipsec
 * @brief The outcome of KeyExchange::ComputeSharedSecret.
 */
struct KeResult
{
    KeError error{KeError::NONE}; ///< why it failed, or NONE
    std::vector<uint8_t> secret;  ///< g^ir in its wire form (empty on failure)

    /**
     * @brief Whether the secret was computed.
     * @return true if error is NONE
     */
    bool Ok() const
    {
        return error == KeError::NONE;
    }
};

/**
 * @ingroup ipsec
 * @brief One side of a key exchange in one group (strongSwan's key_exchange_t): our private
 * key, our public value (the Key Exchange Data of a KE payload) and the shared secret with a
 * peer's public value.
 *
 * Wire forms (RFC 7296 §3.4): MODP values g^x mod p and the secret are big-endian, padded with
 * leading zeros to the prime's length; ECP public values are x | y without the 0x04 prefix and
 * the secret is x alone, each coordinate padded to the field's length (RFC 5903 §7, §9);
 * Curve25519 values are the 32 bytes of RFC 7748 §5 (RFC 8031 §2).
 *
 * Private keys come from ns-3 random streams, never from OpenSSL's generator, so that a run
 * with the same seed and run number gives the same bytes. A byte source is read as follows:
 * - MODP: N = KeGroupInfo::privateBits; c = the next ceil(N/8) + 8 bytes (big-endian);
 *   x = (c mod (2^N - 1)) + 1, in [1, 2^N - 1] (SP 800-56A Rev. 3 §5.6.1.1.3, extra random
 *   bits). N is 225, 275 and 325 bits for modp2048/3072/4096, and 160, 160 and 200 bits for
 *   the broken modp768/1024/1536 (see ipsec-crypto-operation.cc).
 * - ECP: N = the bit length of the group order n; c as above; d = (c mod (n - 1)) + 1, in
 *   [1, n - 1] (FIPS 186-5 §A.2.1).
 * - Curve25519: the next 32 bytes, used as they are (X25519 clamps them, RFC 7748 §5).
 *
 * Checks of the peer's value: the length; MODP: 2 <= y <= p - 2 (RFC 6989 §2.1), then
 * OpenSSL's full public key check (y^q = 1 mod p); ECP: both coordinates below p and the point
 * on the curve, then OpenSSL's check; Curve25519: the secret is not all zeros (RFC 8031 §2).
 *
 * @code
 * KeyExchange ours("ecp256");
 * ours.GeneratePrivateKey(stream);            // a UniformRandomVariable with its stream set
 * send(ours.GetPublicValue());                // KE payload data
 * KeResult r = ours.ComputeSharedSecret(peer); // peer's KE payload data
 * if (!r.Ok()) { log(GetKeErrorName(r.error)); ... }
 * @endcode
 */
class KeyExchange
{
  public:
    /// Writes size random bytes to out (e.g. from an ns-3 random stream).
    using ByteSource = std::function<void(uint8_t* out, size_t size)>;

    /**
     * @brief Set up a group, without a key yet.
     * @param group a row of GetKeGroups()
     * @throws ConfigError if the crypto library lacks the group
     */
    explicit KeyExchange(const KeGroupInfo& group);
    /**
     * @brief Set up a group by its IANA Key Exchange Method number.
     * @param ianaId e.g. 19 for ecp256
     * @throws ConfigError naming the known groups if GetKeGroups() has no such number
     */
    explicit KeyExchange(uint16_t ianaId);
    /**
     * @brief Set up a group by its keyword.
     * @param keyword e.g. "ecp256", "modp2048", "curve25519"
     * @throws ConfigError naming the known groups if GetKeGroups() has no such keyword
     */
    explicit KeyExchange(const std::string& keyword);
    ~KeyExchange();

    KeyExchange(const KeyExchange&) = delete;
    KeyExchange& operator=(const KeyExchange&) = delete;
    /// Move (a moved-from KeyExchange may only be destroyed or assigned to).
    KeyExchange(KeyExchange&&) noexcept;
    /**
     * @brief Move-assign.
     * @return this object
     */
    KeyExchange& operator=(KeyExchange&&) noexcept;

    /**
     * @brief The group.
     * @return its table row
     */
    const KeGroupInfo& GetGroup() const;

    /**
     * @brief Use a known private key (known-answer tests, reproducing a published exchange).
     * @param key MODP: the exponent x, big-endian, 1 <= x <= p - 2; ECP: the scalar d,
     * big-endian, 1 <= d <= n - 1; Curve25519: the 32-byte scalar of RFC 7748 §5
     * @throws ConfigError if the key is out of range or of the wrong length
     */
    void SetPrivateKey(ByteSpan key);

    /**
     * @brief Draw a new private key from a byte source (see the class description).
     * @param source the bytes
     */
    void GeneratePrivateKey(const ByteSource& source);

    /**
     * @brief Draw a new private key from an ns-3 random stream: 32-bit words from
     * GetInteger(0, 2^32 - 1), each big-endian, as RandomIvGenerator does.
     * @param stream the stream (its seed, run and stream number fix the key)
     */
    void GeneratePrivateKey(Ptr<UniformRandomVariable> stream);

    /**
     * @brief Whether a private key was set or generated.
     * @return true if GetPublicValue and ComputeSharedSecret can be used
     */
    bool HasPrivateKey() const;

    /**
     * @brief Our public value in its wire form: KeGroupInfo::publicSize bytes.
     * @return the value; empty before a private key is set or generated
     */
    const std::vector<uint8_t>& GetPublicValue() const;

    /**
     * @brief Check the peer's public value and compute the shared secret g^ir.
     * @param peer the peer's public value, as received (untrusted)
     * @return the secret (KeGroupInfo::secretSize bytes), or the reason it could not be computed
     */
    KeResult ComputeSharedSecret(ByteSpan peer) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl; ///< OpenSSL state
};

} // namespace ipsec
} // namespace ns3

#endif /* IKE_KEY_EXCHANGE_H */
