// SPDX-License-Identifier: GPL-2.0-only
#ifndef IPSEC_ATTACK_INJECT_H
#define IPSEC_ATTACK_INJECT_H

#include "ipsec-attack.h"

#include "ns3/ipv4-address.h"

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief Sends forged datagrams, Count of them, one every Interval from Start. Kind chooses
 * what:
 *  - random-spi: ESP with a random SPI, sequence number and body (Size bytes);
 *  - known-spi: the protocol (ESP or AH) and SPI of the last ESP or AH datagram seen to
 *    Destination (or any) and a guessed sequence number (the last one seen plus
 *    SequenceAhead), then a random ICV and body;
 *  - spoofed-source: a UDP datagram (Size bytes, to port Port) whose source is Source, e.g. an
 *    address of a protected subnet, sent in plaintext.
 * Source and Destination default to those of the last ESP datagram seen (on-path) or overheard
 * (off-path); nothing is sent before one is known unless both are set. Actions "injected" and
 * "waiting" (nothing known to forge yet). Random bytes come from the attack's own stream.
 *
 * The victim's integrity check drops forged ESP as icv-failure (known SPI) or no-sa (random
 * SPI); its inbound policy drops plaintext that should have been protected as not-protected.
 */
class InjectAttack : public Attack
{
  public:
    /// What is forged.
    enum Kind : uint8_t
    {
        RANDOM_SPI,     ///< ESP with a random SPI
        KNOWN_SPI,      ///< ESP with an observed SPI and a guessed sequence number
        SPOOFED_SOURCE, ///< plaintext UDP with a forged source address
    };

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    InjectAttack();
    void Attach(AttackContext& ctx) override;

  protected:
    void DoObserve(const AttackPacket& packet, AttackContext& ctx) override;
    int64_t DoAssignStreams(int64_t stream) override;

  private:
    /// Learn the addresses, SPI and sequence number of an ESP datagram seen.
    void Learn(const AttackPacket& packet);
    /// Send the next forgery and schedule the one after.
    void Send();

    Kind m_kind{RANDOM_SPI};            ///< attribute Kind
    uint32_t m_count{10};               ///< attribute Count
    Time m_interval;                    ///< attribute Interval
    uint32_t m_size{64};                ///< attribute Size
    uint16_t m_port{9};                 ///< attribute Port
    uint32_t m_ahead{1};                ///< attribute SequenceAhead
    Ipv4Address m_source;               ///< attribute Source (0.0.0.0: learned)
    Ipv4Address m_destination;          ///< attribute Destination (0.0.0.0: learned)
    Ptr<UniformRandomVariable> m_bytes; ///< forged bytes
    AttackContext* m_ctx{nullptr};      ///< the attacker's node
    uint32_t m_sent{0};                 ///< forgeries sent
    Ipv4Address m_seenSource;           ///< last ESP source seen
    Ipv4Address m_seenDestination;      ///< last ESP destination seen
    uint8_t m_seenProtocol{0};          ///< ESP or AH: the last datagram learnt from
    uint32_t m_seenSpi{0};              ///< its SPI (0: none seen)
    uint32_t m_seenSequence{0};         ///< its sequence number
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_ATTACK_INJECT_H */
