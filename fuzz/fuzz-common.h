// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * Shared by the libFuzzer targets: the ESP suites they cover, fixed keys, a byte reader.
 * Build with -DIPSEC_FUZZ=ON and clang (fuzz/CMakeLists.txt); run with scripts/fuzz.sh.
 */
#ifndef IPSEC_FUZZ_COMMON_H
#define IPSEC_FUZZ_COMMON_H

#include "ns3/ipsec-proposal.h"
#include "ns3/ipsec-transform.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{
namespace fuzz
{

/// The SPI of the fixed ESP SA of fuzz-esp-decapsulate (and its seeds).
constexpr uint32_t ESP_SPI = 0x1000;
/// First byte of the fixed encryption keys (FixedKey).
constexpr uint8_t ENCRYPTION_KEY_SEED = 0x10;
/// First byte of the fixed integrity keys (FixedKey).
constexpr uint8_t INTEGRITY_KEY_SEED = 0x80;
/// The SPI of the fixed AH SA of fuzz-ah.
constexpr uint32_t AH_SPI = 0x2000;
/// First byte of fuzz-ah's fixed keys.
constexpr uint8_t AH_KEY_SEED = 0x40;

/// The integrity algorithms AH supports, as fuzz-ah picks them.
inline const std::vector<std::string>&
AhIntegrityNames()
{
    static const std::vector<std::string> names = {"sha1", "sha256", "sha384", "sha512", "aesxcbc"};
    return names;
}

/// Every ESP suite of the algorithm table, with "+conf" for the confidentiality-only ones.
inline const std::vector<std::string>&
EspSuiteNames()
{
    static const std::vector<std::string> names = {
        "aes128gcm16", "aes256gcm16",    "aes128gcm8",     "aes192gcm12",      "chacha20poly1305",
        "aes128gmac",  "aes256gmac",     "aes128-sha256",  "aes256-sha512",    "aes192-sha384",
        "aes128-sha1", "aes128-aesxcbc", "aes128ctr-sha1", "aes256ctr-sha256", "3des-sha1",
        "null-sha256", "null-sha1",      "null-aesxcbc",   "aes128+conf",      "aes128ctr+conf",
        "3des+conf",
    };
    return names;
}

/**
 * The suite for a name of EspSuiteNames().
 * @param name the name
 * @param esn with extended sequence numbers
 * @return the suite
 */
inline EspSuite
SuiteByName(const std::string& name, bool esn)
{
    const size_t plus = name.find("+conf");
    EspSuite suite =
        plus == std::string::npos
            ? EspSuite::Parse(name)
            : EspSuite::ConfidentialityOnly(FindTransformByKeyword(name.substr(0, plus)));
    suite.esn = esn;
    return suite;
}

/**
 * A fixed key: bytes seed, seed+1, ... (the fuzzer attacks parsing, not the keys).
 * @param size bytes
 * @param seed first byte
 * @return the key
 */
inline std::vector<uint8_t>
FixedKey(size_t size, uint8_t seed)
{
    std::vector<uint8_t> key(size);
    for (size_t i = 0; i < size; i++)
    {
        key[i] = static_cast<uint8_t>(seed + i);
    }
    return key;
}

/// Reads an input front to back; past the end it yields zeros.
struct Reader
{
    const uint8_t* data; ///< next byte
    size_t size;         ///< bytes left

    /**
     * One byte.
     * @return it, or 0 at the end
     */
    uint8_t U8()
    {
        if (size == 0)
        {
            return 0;
        }
        size--;
        return *data++;
    }

    /**
     * Four bytes, network order.
     * @return them
     */
    uint32_t U32()
    {
        uint32_t v = 0;
        for (int i = 0; i < 4; i++)
        {
            v = (v << 8) | U8();
        }
        return v;
    }

    /**
     * The rest of the input.
     * @return its bytes
     */
    std::vector<uint8_t> Rest()
    {
        std::vector<uint8_t> out(data, data + size);
        data += size;
        size = 0;
        return out;
    }
};

/**
 * Stop with a message: an invariant of the code under test does not hold (libFuzzer reports it
 * as a crash and keeps the input).
 * @param what the broken invariant
 */
[[noreturn]] inline void
Fail(const char* what)
{
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

} // namespace fuzz
} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_FUZZ_COMMON_H */
