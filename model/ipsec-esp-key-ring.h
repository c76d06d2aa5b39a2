// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * ESP SA keys outside an SA: what a key file holds, and a ring of them that opens captured ESP
 * as a passive attacker with stolen keys (or Wireshark) does.
 */
#ifndef IPSEC_ESP_KEY_RING_H
#define IPSEC_ESP_KEY_RING_H

#include "ipsec-byte-span.h"
#include "ipsec-drop-reason.h"
#include "ipsec-modeled-crypto.h"
#include "ipsec-proposal.h"

#include "ns3/ipv4-address.h"

#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace ns3
{
namespace ipsec
{

class EspCodec;

/**
 * @ingroup ipsec
 * @brief What Wireshark needs of one ESP SA: where it applies and its keys.
 */
struct EspSaKeys
{
    Ipv4Address source;                  ///< outer source address of the SA's packets
    Ipv4Address destination;             ///< outer destination address
    uint32_t spi{0};                     ///< SPI
    EspSuite suite;                      ///< algorithms
    std::vector<uint8_t> encryptionKey;  ///< the cipher's keying material, salt/nonce included
    std::vector<uint8_t> integrityKey;   ///< the integrity key (empty without integrity)
    CryptoMode crypto{CryptoMode::REAL}; ///< modeled SAs send no ciphertext: no entry
    /// An integrity algorithm a key file does not name, only its ICV length (Wireshark's "ANY
    /// 96 bit authentication [no checking]"): the suite then has no integrity transform and
    /// the ICV is skipped unchecked. 0 when the suite names it (or there is none).
    uint8_t uncheckedIcvSize{0};
};

/**
 * @ingroup ipsec
 * @brief ESP SA keys by (destination, SPI), as an SAD finds inbound SAs (RFC 4301 §4.4.2.1),
 * that open ESP packets without an SA's state: no anti-replay, no policy check. What a passive
 * attacker holding the victims' key file can read.
 *
 * An SA whose integrity algorithm the keys do not name (EspSaKeys::uncheckedIcvSize) is opened
 * without checking its ICV. A key file written for Wireshark 4.0 does not say whether an SA
 * uses ESN; when an AEAD SA's ICV fails without ESN, the ring tries again with ESN (high bits
 * 0) and, if that verifies, takes the SA as an ESN SA from then on.
 */
class EspKeyRing
{
  public:
    EspKeyRing();
    ~EspKeyRing();
    EspKeyRing(const EspKeyRing&) = delete;
    EspKeyRing& operator=(const EspKeyRing&) = delete;

    /**
     * @brief Add (or replace) an SA's keys.
     * @param keys the keys; modeled SAs are ignored (their packets carry plaintext)
     * @throws ConfigError on an invalid suite or keys of the wrong length
     */
    void Add(const EspSaKeys& keys);
    /**
     * @brief Whether it holds the keys of an SA.
     * @param destination the outer destination
     * @param spi the SPI
     * @return true if Open() can try it
     */
    bool Has(Ipv4Address destination, uint32_t spi) const;
    /// @return how many SAs it holds
    size_t GetSize() const;

    /**
     * @brief Open an ESP packet.
     * @param destination the outer destination address
     * @param esp the ESP bytes (SPI to ICV)
     * @param payload receives the payload: the inner datagram (tunnel mode) or the upper-layer
     * segment (transport mode)
     * @param nextHeader receives the Next Header field
     * @return DropReason::NONE; DropReason::NO_SA without the SA's keys; DropReason::TRUNCATED;
     * or why the SA's transform refused it (a changed packet fails its ICV)
     */
    DropReason Open(Ipv4Address destination,
                    ByteSpan esp,
                    std::vector<uint8_t>& payload,
                    uint8_t& nextHeader);

  private:
    /// One SA's keys and transforms.
    struct Entry
    {
        EspSaKeys keys;                 ///< as given
        std::unique_ptr<EspCodec> open; ///< keyed for decryption
        /// the same AEAD keys with ESN, made at the first ICV failure without
        std::unique_ptr<EspCodec> withEsn;
    };

    /**
     * @brief Key a codec for the keys.
     * @param keys the keys
     * @return the codec
     */
    static std::unique_ptr<EspCodec> MakeCodec(const EspSaKeys& keys);

    std::map<std::pair<uint32_t, uint32_t>, Entry> m_entries; ///< by (destination, SPI)
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ESP_KEY_RING_H */
