// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * Small helpers shared by the tests.
 */
#ifndef IPSEC_TEST_UTIL_H
#define IPSEC_TEST_UTIL_H

#include "ns3/ipsec-byte-span.h"
#include "ns3/ipsec-iv-generator.h"
#include "ns3/ipv4-address.h"
#include "ns3/packet.h"

#include <functional>
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
 * @brief Deterministic filler bytes: seed, seed + 7, seed + 14, ... (mod 256).
 * @param size bytes
 * @param seed the first byte
 * @return the bytes
 */
std::vector<uint8_t> Pattern(size_t size, uint8_t seed);

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

/**
 * @brief A UDP datagram with checksum 0 (none, allowed over IPv4: RFC 768).
 * @param srcPort source port
 * @param dstPort destination port
 * @param payload the data
 * @return header | payload
 */
std::vector<uint8_t> UdpDatagram(uint16_t srcPort, uint16_t dstPort, ByteSpan payload);

/**
 * @brief An IPv4 datagram: a 20-byte header (TTL 64, DF clear, correct header checksum)
 * followed by the payload.
 * @param source source address
 * @param destination destination address
 * @param protocol the Protocol field (e.g. 50 for ESP)
 * @param identification the Identification field
 * @param payload the payload
 * @return the datagram
 */
std::vector<uint8_t> Ipv4Datagram(Ipv4Address source,
                                  Ipv4Address destination,
                                  uint8_t protocol,
                                  uint16_t identification,
                                  ByteSpan payload);

/**
 * @brief Write a pcap file of raw IP datagrams (LINKTYPE_RAW, 101), one record each, with
 * timestamps 1 s apart from 2001-09-09 01:46:40 UTC so the bytes are deterministic.
 * @param path the file
 * @param datagrams the datagrams
 * @return true if the file was written
 */
bool WriteRawIpPcap(const std::string& path, const std::vector<std::vector<uint8_t>>& datagrams);

/**
 * @brief The message of the ConfigError a call throws.
 * @param f the call
 * @return e.what(), or "no exception"
 */
std::string WhatOf(const std::function<void()>& f);

/**
 * @brief Run a shell command and collect its standard output.
 * @param command the command line (given to /bin/sh by popen())
 * @param output receives standard output
 * @return the exit status (-1 if the command could not be started)
 */
int RunCommand(const std::string& command, std::string& output);

/**
 * A scratch directory under the system's temp directory, removed at the end of the test unless
 * the test failed (then its path is printed, and the files are kept for inspection).
 */
class ScratchDir
{
  public:
    /**
     * Create it.
     * @param prefix the directory name's prefix
     */
    explicit ScratchDir(const std::string& prefix = "ipsec");
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    /**
     * A path inside it.
     * @param name the file name
     * @return the path
     */
    std::string File(const std::string& name) const;

  private:
    std::string m_path; ///< the directory
};

} // namespace ns3::ipsec::test

#endif /* IPSEC_TEST_UTIL_H */
