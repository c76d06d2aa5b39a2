// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * Small helpers shared by the tests.
 */
#ifndef IPSEC_TEST_UTIL_H
#define IPSEC_TEST_UTIL_H

#include "ns3/ipsec-byte-span.h"
#include "ns3/ipsec-iv-generator.h"
#include "ns3/packet.h"

#include <random>
#include <string>
#include <vector>

namespace ns3::ipsec::test
{

/**
 * @brief Hex text (whitespace allowed) to bytes.
 * @param hex the text
 * @return the bytes
 */
std::vector<uint8_t> Bytes(const std::string& hex);

/**
 * @brief Keying material as an SA holds it: the cipher key followed by its salt or nonce
 * (RFC 4106 §8.1, RFC 3686 §5.1, RFC 7634 §2), both given as hex.
 * @param key the cipher key
 * @param salt the salt or nonce
 * @return key | salt
 */
std::vector<uint8_t> KeyMat(const std::string& key, const std::string& salt);

/**
 * @brief Random bytes for robustness tests (a fixed-seed generator keeps runs repeatable).
 * @param rng the generator
 * @param size how many bytes
 * @return the bytes
 */
std::vector<uint8_t> RandomBytes(std::mt19937& rng, size_t size);

/**
 * @brief Bytes to compact lowercase hex, for readable assertion failures.
 * @param bytes the bytes
 * @return hex text
 */
std::string Hex(ByteSpan bytes);

/**
 * @brief The bytes of a packet.
 * @param packet the packet
 * @return its contents
 */
std::vector<uint8_t> PacketBytes(Ptr<const Packet> packet);

/**
 * @brief A packet holding these bytes.
 * @param bytes the contents
 * @return the packet
 */
Ptr<Packet> MakePacket(const std::vector<uint8_t>& bytes);

/**
 * @brief An IV source that hands out the IV a published vector used.
 */
class FixedIvGenerator : public IvGenerator
{
  public:
    /// @param iv the IV to return every time
    explicit FixedIvGenerator(std::vector<uint8_t> iv);
    void Generate(uint8_t* iv, uint32_t size) override;

  private:
    std::vector<uint8_t> m_iv; ///< the IV
};

/**
 * @brief A sequence number printed in a vector: 4 bytes, or 8 bytes (high | low) with ESN.
 * @param hex the printed value
 * @return the 64-bit sequence number
 */
uint64_t SequenceNumber(const std::string& hex);

} // namespace ns3::ipsec::test

#endif /* IPSEC_TEST_UTIL_H */
