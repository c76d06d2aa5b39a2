// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Big-endian readers and writers for IKE messages (IKEv1 and IKEv2 share the encoding).
 */
#ifndef IKE_WIRE_H
#define IKE_WIRE_H

#include "ipsec-byte-span.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief Appends big-endian fields to a byte vector.
 */
class IkeWriter
{
  public:
    /**
     * @brief Write into a vector (appending).
     * @param out the vector
     */
    explicit IkeWriter(std::vector<uint8_t>& out)
        : m_out(out)
    {
    }

    /// @param v a byte
    void U8(uint8_t v)
    {
        m_out.push_back(v);
    }

    /// @param v a 16-bit field
    void U16(uint16_t v)
    {
        m_out.push_back(static_cast<uint8_t>(v >> 8));
        m_out.push_back(static_cast<uint8_t>(v));
    }

    /// @param v a 32-bit field
    void U32(uint32_t v)
    {
        U16(static_cast<uint16_t>(v >> 16));
        U16(static_cast<uint16_t>(v));
    }

    /// @param v a 64-bit field
    void U64(uint64_t v)
    {
        U32(static_cast<uint32_t>(v >> 32));
        U32(static_cast<uint32_t>(v));
    }

    /// @param bytes bytes to append as they are
    void Bytes(ByteSpan bytes)
    {
        m_out.insert(m_out.end(), bytes.data, bytes.data + bytes.size);
    }

    /// @return the number of bytes in the vector
    size_t Size() const
    {
        return m_out.size();
    }

    /**
     * @brief Overwrite a 16-bit field written earlier (a length known only at the end).
     * @param at offset in the vector
     * @param v the value
     */
    void PatchU16(size_t at, uint16_t v)
    {
        m_out[at] = static_cast<uint8_t>(v >> 8);
        m_out[at + 1] = static_cast<uint8_t>(v);
    }

    /**
     * @brief Overwrite a 32-bit field written earlier.
     * @param at offset in the vector
     * @param v the value
     */
    void PatchU32(size_t at, uint32_t v)
    {
        PatchU16(at, static_cast<uint16_t>(v >> 16));
        PatchU16(at + 2, static_cast<uint16_t>(v));
    }

  private:
    std::vector<uint8_t>& m_out; ///< the output
};

/**
 * @ingroup ipsec
 * @brief Reads big-endian fields from untrusted bytes. Reading past the end never touches
 * memory outside the span: it sets a sticky failure flag and yields zeros.
 */
class IkeReader
{
  public:
    /**
     * @brief Read a span.
     * @param bytes the bytes
     */
    explicit IkeReader(ByteSpan bytes)
        : m_bytes(bytes)
    {
    }

    /// @return the next byte (0 past the end)
    uint8_t U8()
    {
        if (!Need(1))
        {
            return 0;
        }
        return m_bytes.data[m_at++];
    }

    /// @return the next 16-bit field
    uint16_t U16()
    {
        if (!Need(2))
        {
            return 0;
        }
        const uint16_t v =
            static_cast<uint16_t>((m_bytes.data[m_at] << 8) | m_bytes.data[m_at + 1]);
        m_at += 2;
        return v;
    }

    /// @return the next 32-bit field
    uint32_t U32()
    {
        if (!Need(4))
        {
            return 0;
        }
        const uint32_t hi = U16();
        return (hi << 16) | U16();
    }

    /// @return the next 64-bit field
    uint64_t U64()
    {
        if (!Need(8))
        {
            return 0;
        }
        const uint64_t hi = U32();
        return (hi << 32) | U32();
    }

    /**
     * @brief The next bytes as a view.
     * @param n how many
     * @return the view (empty if fewer remain; then Failed() is true)
     */
    ByteSpan Span(size_t n)
    {
        if (!Need(n))
        {
            return ByteSpan();
        }
        ByteSpan s(m_bytes.data + m_at, n);
        m_at += n;
        return s;
    }

    /**
     * @brief The next bytes as a copy.
     * @param n how many
     * @return the bytes (empty if fewer remain)
     */
    std::vector<uint8_t> Bytes(size_t n)
    {
        const ByteSpan s = Span(n);
        return std::vector<uint8_t>(s.data, s.data + s.size);
    }

    /// @return the bytes not read yet
    size_t Remaining() const
    {
        return m_bytes.size - m_at;
    }

    /// @return the offset of the next byte
    size_t Offset() const
    {
        return m_at;
    }

    /// @return whether a read ran past the end
    bool Failed() const
    {
        return m_failed;
    }

  private:
    /**
     * @brief Check that n more bytes exist; set the failure flag if not.
     * @param n bytes
     * @return true if they exist
     */
    bool Need(size_t n)
    {
        if (m_failed || n > m_bytes.size - m_at)
        {
            m_failed = true;
            return false;
        }
        return true;
    }

    ByteSpan m_bytes;     ///< the input
    size_t m_at{0};       ///< next byte
    bool m_failed{false}; ///< a read ran past the end
};

} // namespace ipsec
} // namespace ns3

#endif /* IKE_WIRE_H */
