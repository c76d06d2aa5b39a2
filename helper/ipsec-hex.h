// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Hex text <-> bytes, for keys given on the command line, key files and printed packets.
 */
#ifndef IPSEC_HEX_H
#define IPSEC_HEX_H

#include "ns3/ipsec-byte-span.h"

#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @brief Parse hex text. Accepts an optional "0x" prefix and ignores whitespace, ':' and '-'
 * between digits, so "0x0102", "01 02" and "01:02" are all {1, 2}.
 * @param text the hex text
 * @return the bytes
 * @throws ConfigError naming the offending character, or an odd number of digits
 */
std::vector<uint8_t> HexToBytes(const std::string& text);

/**
 * @brief Format bytes as lowercase hex.
 * @param bytes the bytes
 * @param separator text between bytes ("" for none)
 * @return the hex text
 */
std::string BytesToHex(ByteSpan bytes, const std::string& separator = "");

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_HEX_H */
