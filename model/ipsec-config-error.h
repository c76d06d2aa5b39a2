// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The exception thrown for bad configuration.
 */
#ifndef IPSEC_CONFIG_ERROR_H
#define IPSEC_CONFIG_ERROR_H

#include <iostream>
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
        : std::invalid_argument(PREFIX + what),
          m_detail(what)
    {
    }

    /**
     * @brief The message without the "ns3-ipsec configuration error: " prefix, for a
     * ConfigError that adds context to another one.
     * @return what is wrong and what is expected
     */
    const std::string& GetDetail() const
    {
        return m_detail;
    }

  private:
    /// What every message starts with.
    static constexpr const char* PREFIX = "ns3-ipsec configuration error: ";
    std::string m_detail; ///< the message without PREFIX
};

/**
 * @ingroup ipsec
 * @brief Run a simulation script's body so that a configuration mistake ends the script
 * cleanly: the ConfigError's message on stderr and exit code 2, instead of std::terminate's
 * "terminate called after throwing an instance of ...".
 *
 * @code
 * int main(int argc, char* argv[])
 * {
 *     return ipsec::RunScript([&]() {
 *         CommandLine cmd(__FILE__);
 *         cmd.Parse(argc, argv);
 *         // ... topology, IpsecHelper, Simulator::Run() ...
 *         return 0;
 *     });
 * }
 * @endcode
 * Other exceptions pass through unchanged.
 * @param body the script; returns the exit code
 * @return body's exit code, or 2 after a ConfigError
 */
template <typename F>
int
RunScript(F&& body)
{
    try
    {
        return body();
    }
    catch (const ConfigError& e)
    {
        std::cerr << e.what() << std::endl;
        return 2;
    }
}

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_CONFIG_ERROR_H */
