// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Random bytes from an ns-3 random stream: keys, nonces, SPIs, secrets, forged bytes.
 */
#ifndef IPSEC_RANDOM_BYTES_H
#define IPSEC_RANDOM_BYTES_H

#include "ns3/random-variable-stream.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief Fill bytes from a stream, one draw of 0..255 per byte (the same draws wherever it is
 * used, so simulations stay reproducible from their seed and run).
 * @param random the stream
 * @param out where to write them
 * @param n how many
 */
void FillRandomBytes(Ptr<UniformRandomVariable> random, uint8_t* out, size_t n);

/**
 * @ingroup ipsec
 * @brief FillRandomBytes() into a new vector.
 * @param random the stream
 * @param n how many
 * @return the bytes
 */
std::vector<uint8_t> RandomBytes(Ptr<UniformRandomVariable> random, size_t n);

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_RANDOM_BYTES_H */
