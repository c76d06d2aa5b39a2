// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-hex.h"

#include "ns3/ipsec-config-error.h"

#include <cctype>

namespace ns3
{
namespace ipsec
{

std::vector<uint8_t>
HexToBytes(const std::string& text)
{
    std::vector<uint8_t> bytes;
    size_t start = 0;
    if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
    {
        start = 2;
    }
    int high = -1;
    for (size_t i = start; i < text.size(); ++i)
    {
        const auto c = static_cast<unsigned char>(text[i]);
        if (std::isspace(c) || c == ':' || c == '-')
        {
            continue;
        }
        int value;
        if (c >= '0' && c <= '9')
        {
            value = c - '0';
        }
        else if (c >= 'a' && c <= 'f')
        {
            value = c - 'a' + 10;
        }
        else if (c >= 'A' && c <= 'F')
        {
            value = c - 'A' + 10;
        }
        else
        {
            throw ConfigError("hex text \"" + text + "\" has a non-hex character '" +
                              std::string(1, static_cast<char>(c)) + "' at position " +
                              std::to_string(i));
        }
        if (high < 0)
        {
            high = value;
        }
        else
        {
            bytes.push_back(static_cast<uint8_t>(high << 4 | value));
            high = -1;
        }
    }
    if (high >= 0)
    {
        throw ConfigError("hex text \"" + text + "\" has an odd number of digits");
    }
    return bytes;
}

std::string
BytesToHex(ByteSpan bytes, const std::string& separator)
{
    static const char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size * (2 + separator.size()));
    for (size_t i = 0; i < bytes.size; ++i)
    {
        if (i != 0)
        {
            out += separator;
        }
        out += kDigits[bytes.data[i] >> 4];
        out += kDigits[bytes.data[i] & 0x0f];
    }
    return out;
}

} // namespace ipsec
} // namespace ns3
