// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * A read-only view of contiguous bytes (C++17 has no std::span).
 */
#ifndef IPSEC_BYTE_SPAN_H
#define IPSEC_BYTE_SPAN_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief A pointer and a length: one part of a message that is authenticated in pieces
 * (e.g. ESP header + ciphertext + ESN high bits, RFC 4303 §2.2.1).
 */
struct ByteSpan
{
    const uint8_t* data{nullptr}; ///< first byte
    size_t size{0};               ///< number of bytes

    ByteSpan() = default;

    /**
     * @brief View raw memory.
     * @param d first byte
     * @param n number of bytes
     */
    ByteSpan(const uint8_t* d, size_t n)
        : data(d),
          size(n)
    {
    }

    /**
     * @brief View a whole vector.
     * @param v the bytes
     */
    ByteSpan(const std::vector<uint8_t>& v) // NOLINT(google-explicit-constructor)
        : data(v.data()),
          size(v.size())
    {
    }
};

/**
 * @brief Compare two byte strings in time independent of where they differ (for ICVs).
 * @param a first bytes
 * @param b second bytes
 * @param n number of bytes
 * @return true if equal
 */
inline bool
ConstantTimeEqual(const uint8_t* a, const uint8_t* b, size_t n)
{
    uint8_t diff = 0;
    for (size_t i = 0; i < n; ++i)
    {
        diff |= static_cast<uint8_t>(a[i] ^ b[i]);
    }
    return diff == 0;
}

/**
 * @brief Read a big-endian 32-bit field (SPI, sequence number, IKE lengths).
 * @param p the bytes (4 at least)
 * @return the value
 */
inline uint32_t
ReadU32(const uint8_t* p)
{
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

/**
 * @brief Write a big-endian 32-bit field.
 * @param p where (4 bytes)
 * @param v the value
 */
inline void
WriteU32(uint8_t* p, uint32_t v)
{
    p[0] = static_cast<uint8_t>(v >> 24);
    p[1] = static_cast<uint8_t>(v >> 16);
    p[2] = static_cast<uint8_t>(v >> 8);
    p[3] = static_cast<uint8_t>(v);
}

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_BYTE_SPAN_H */
