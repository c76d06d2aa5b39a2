// SPDX-License-Identifier: GPL-2.0-only
#ifndef IPSEC_ATTACK_EAVESDROP_H
#define IPSEC_ATTACK_EAVESDROP_H

#include "ipsec-attack.h"
#include "ipsec-esp-key-ring.h"

#include "ns3/ipv4-address.h"
#include "ns3/traced-callback.h"

#include <map>
#include <tuple>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief What an eavesdropper learnt of one flow: a source, a destination, a protocol and, for
 * ESP and AH, an SPI.
 */
struct EavesdropFlow
{
    Ipv4Address source;         ///< source address
    Ipv4Address destination;    ///< destination address
    uint8_t protocol{0};        ///< IP protocol
    uint32_t spi{0};            ///< ESP or AH SPI (0: none)
    uint64_t packets{0};        ///< datagrams seen
    uint64_t bytes{0};          ///< IP payload bytes seen
    uint64_t plaintextBytes{0}; ///< of those, bytes it could read (decrypted ones included)
    uint64_t decrypted{0};      ///< ESP datagrams it decrypted with the victims' keys
    uint32_t firstSequence{0};  ///< ESP/AH: first sequence number seen
    uint32_t lastSequence{0};   ///< ESP/AH: last sequence number seen
    Time first;                 ///< first seen
    Time last;                  ///< last seen
};

/**
 * @ingroup ipsec
 * @brief On-path or off-path: records what it sees per flow (addresses, protocol, SPI, sequence
 * numbers, sizes, times) and counts the bytes it could read: all of a datagram without IPsec
 * (of an IKEv2 message, what precedes its encrypted SK payload);
 * of an AH datagram, its payload (AH authenticates, it does not encrypt); of ESP, the payload
 * only when the encryption is NULL, which it recognises as Wireshark's heuristic does (a
 * trailer whose padding and next header make sense for one of the usual ICV lengths, and an
 * inner IPv4 header in tunnel mode). It changes nothing. Actions "seen" and "read".
 *
 * Given the victims' keys (AddKeys(), e.g. from their Wireshark key file, see
 * ReadWiresharkEspSa()) it decrypts their ESP as a passive attacker who stole the keys would:
 * what it sees from then on, and what it recorded before (it keeps the ciphertext of ESP it
 * has no keys for, up to KeepBytes, as one who records now and steals keys later). Each
 * decrypted datagram counts its payload (the inner datagram in tunnel mode, the segment in
 * transport mode) as read and goes to the Plaintext trace. Actions "decrypted", and
 * "undecryptable" for ESP of an SA it has keys for that does not open (changed on the way).
 */
class EavesdropAttack : public Attack
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    /// @return the flows, ordered by (source, destination, protocol, SPI)
    std::vector<EavesdropFlow> GetFlows() const;
    /// @return the bytes it could read, all flows
    uint64_t GetPlaintextBytes() const;

    /**
     * @brief Give it the victims' ESP keys: it decrypts what it kept of their SAs now, and
     * their datagrams from now on.
     * @param keys the keys
     * @throws ConfigError on keys that do not fit their suite
     */
    void AddKeys(const std::vector<EspSaKeys>& keys);

    /**
     * TracedCallback signature for a decrypted ESP payload.
     * @param [in] header the outer IPv4 header as seen
     * @param [in] payload the payload: an inner IPv4 datagram (tunnel mode) or an upper-layer
     * segment (transport mode)
     * @param [in] nextHeader its protocol (ESP's Next Header field)
     */
    using PlaintextTracedCallback = void (*)(const Ipv4Header& header,
                                             Ptr<const Packet> payload,
                                             uint8_t nextHeader);

    /**
     * @brief How many bytes of an IP payload an eavesdropper without keys reads.
     * @param protocol the IP protocol
     * @param bytes the payload
     * @return the readable bytes
     */
    static uint64_t ReadableBytes(uint8_t protocol, const std::vector<uint8_t>& bytes);

  protected:
    void DoObserve(const AttackPacket& packet, AttackContext& ctx) override;

  private:
    /// Record a datagram.
    void Record(const AttackPacket& packet);

    /// Flow key: source, destination, protocol, SPI.
    using Key = std::tuple<uint32_t, uint32_t, uint8_t, uint32_t>;

    /// ESP it kept without keys.
    struct Kept
    {
        Key flow;                   ///< its flow
        Ipv4Header header;          ///< the datagram's header
        std::vector<uint8_t> bytes; ///< its IP payload
        size_t espOffset;           ///< where ESP starts in it (after AH, if any)
    };

    /**
     * @brief Decrypt one datagram's ESP and credit its flow.
     * @param flow the flow
     * @param packet the datagram
     * @param bytes its IP payload
     * @param espOffset where ESP starts in it
     */
    void Decrypt(const Key& flow,
                 const AttackPacket& packet,
                 const std::vector<uint8_t>& bytes,
                 size_t espOffset);

    std::map<Key, EavesdropFlow> m_flows; ///< what it saw
    EspKeyRing m_keys;                    ///< the victims' keys it holds
    std::vector<Kept> m_kept;             ///< ESP kept for keys it may get
    uint64_t m_keptBytes{0};              ///< bytes in m_kept
    uint64_t m_keepBytes{0};              ///< attribute KeepBytes
    /// decrypted payloads
    TracedCallback<const Ipv4Header&, Ptr<const Packet>, uint8_t> m_plaintextTrace;
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ATTACK_EAVESDROP_H */
