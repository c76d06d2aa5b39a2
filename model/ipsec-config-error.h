// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The exception thrown for bad configuration.
 */
#ifndef IPSEC_CONFIG_ERROR_H
#define IPSEC_CONFIG_ERROR_H

#include <stdexcept>
#include <string>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief Bad configuration: unknown algorithm, wrong key length, invalid proposal, ...
 *
 * Thrown while a simulation is being set up (never while packets are processed: malformed
 * packets are dropped with a DropReason instead). The message says what is wrong and what is
 * expected, so that an uncaught error ends the script with an actionable line.
 */
class ConfigError : public std::invalid_argument
{
  public:
    /**
     * @brief Construct with the message to show.
     * @param what what is wrong and what is expected
     */
    explicit ConfigError(const std::string& what)
        : std::invalid_argument("ns3-ipsec configuration error: " + what)
    {
    }
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_CONFIG_ERROR_H */
