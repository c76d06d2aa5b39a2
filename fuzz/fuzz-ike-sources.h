// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * Shared by the IKE SA fuzz targets: deterministic sources for an IKE SA (a seeded PRNG for
 * bytes, counting SPIs from a base), so that each input replays the same exchanges.
 */
#ifndef IPSEC_FUZZ_IKE_SOURCES_H
#define IPSEC_FUZZ_IKE_SOURCES_H

#include "ns3/ikev2-task.h"

#include <memory>
#include <random>

namespace ns3
{
namespace ipsec
{
namespace fuzz
{

/**
 * @brief Deterministic sources for an IKE SA.
 * @param seed the PRNG's seed
 * @param spi the first inbound SPI
 * @return the sources
 */
inline Ikev2Sources
IkeSources(uint32_t seed, uint32_t spi)
{
    auto rng = std::make_shared<std::mt19937>(seed);
    auto next = std::make_shared<uint32_t>(spi);
    Ikev2Sources s;
    s.bytes = [rng](uint8_t* out, size_t n) {
        for (size_t i = 0; i < n; i++)
        {
            out[i] = static_cast<uint8_t>((*rng)());
        }
    };
    s.allocateSpi = [next]() { return (*next)++; };
    return s;
}

} // namespace fuzz
} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_FUZZ_IKE_SOURCES_H */
