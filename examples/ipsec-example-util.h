// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * Small command-line and printing helpers the examples share (header only, examples only).
 */
#ifndef IPSEC_EXAMPLE_UTIL_H
#define IPSEC_EXAMPLE_UTIL_H

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-helper.h"

#include <cstdint>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{
namespace example
{

/**
 * Parse a comma-separated list of numbers ("1,2,4").
 * @param text the list
 * @param name the option, for the error message
 * @param min the smallest value allowed
 * @param max the largest value allowed
 * @return the numbers
 * @throws ConfigError naming the option and the bad item, or an empty list
 */
inline std::vector<uint32_t>
ParseList(const std::string& text, const std::string& name, uint32_t min, uint32_t max)
{
    std::vector<uint32_t> values;
    std::istringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
    {
        try
        {
            size_t used = 0;
            const unsigned long v = std::stoul(item, &used);
            if (used != item.size() || v < min || v > max)
            {
                throw std::invalid_argument(item);
            }
            values.push_back(static_cast<uint32_t>(v));
        }
        catch (const std::exception&)
        {
            throw ConfigError("--" + name + ": '" + item + "' is not a number from " +
                              std::to_string(min) + " to " + std::to_string(max));
        }
    }
    if (values.empty())
    {
        throw ConfigError("--" + name + " needs at least one value");
    }
    return values;
}

/**
 * A number in fixed-point notation (std::cout's own format stays untouched).
 * @param v the number
 * @param decimals digits after the point
 * @param width the field width (0: as wide as needed)
 * @return the text
 */
inline std::string
Fixed(double v, int decimals, int width = 0)
{
    std::ostringstream o;
    o << std::fixed << std::setprecision(decimals) << std::setw(width) << v;
    return o.str();
}

/**
 * Whether a file option names a file (--keyFile, --xfrmFile): empty or "none" mean no file.
 * @param value the option's value
 * @return true if a file is wanted
 */
inline bool
WantsFile(const std::string& value)
{
    return !value.empty() && value != "none";
}

/**
 * --xfrmFile=PREFIX: write PREFIX-<node id>.sh, the `ip xfrm` commands of every node with
 * IPsec (IpsecHelper::WriteXfrmScripts), and say so; nothing for an empty prefix or "none".
 * @param ipsec the helper
 * @param prefix the option's value
 */
inline void
WriteXfrmFiles(const IpsecHelper& ipsec, const std::string& prefix)
{
    if (!WantsFile(prefix))
    {
        return;
    }
    const std::vector<std::string> files = ipsec.WriteXfrmScripts(prefix);
    std::cout << "\nLinux ip xfrm scripts (SAs with keys, policies) written:";
    for (const auto& f : files)
    {
        std::cout << ' ' << f;
    }
    std::cout << "\n";
}

} // namespace example
} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_EXAMPLE_UTIL_H */
