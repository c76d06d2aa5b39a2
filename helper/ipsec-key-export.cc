// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-key-export.h"

#include "ipsec-hex.h"

#include "ns3/ipsec-config-error.h"

#include <arpa/inet.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ns3
{
namespace ipsec
{

namespace
{

// Wireshark 4.0.17, epan/dissectors/packet-ipsec.c: the esp_sa UAT has eight fields
// (esp_uat_flds in proto_register_ipsec), the protocol is "IPv4" or "IPv6", keys are "0x" hex
// (compute_ascii_key), and the ICV-only names are these "ANY n bit" rows of
// esp_authentication_type_vals.
const char* const kAnyAuthentication = " bit authentication [no checking]";

/**
 * @brief The SA's addresses and SPI, for comments.
 * @param sa the SA
 * @return e.g. "SPI 0x00001001 10.1.1.1 -> 10.1.1.2 (aes128gcm16-esn)"
 */
std::string
Describe(const EspSaKeys& sa)
{
    char spi[16];
    std::snprintf(spi, sizeof(spi), "0x%08x", sa.spi);
    std::ostringstream os;
    os << "SPI " << spi << " " << sa.source << " -> " << sa.destination << " ("
       << sa.suite.ToString() << ")";
    return os.str();
}

/**
 * @brief Why Wireshark cannot fully handle the SA.
 * @param sa the SA
 * @return the reason, or "" for WiresharkEspSupport::FULL
 */
std::string
Caveat(const EspSaKeys& sa, WiresharkVersion version)
{
    const EspSuite& suite = sa.suite;
    const std::string ws = version == WiresharkVersion::V4_0 ? "Wireshark 4.0" : "Wireshark 4.2";
    if (sa.crypto == CryptoMode::MODELED)
    {
        return Describe(sa) +
               ": MODELED CRYPTO, the ESP payload is plaintext (not ciphertext) and the ICV "
               "is zero; no entry";
    }
    switch (GetWiresharkEspSupport(suite, version))
    {
    case WiresharkEspSupport::FULL:
        return "";
    case WiresharkEspSupport::NONE:
        return Describe(sa) + ": " + ws + " cannot decrypt " + suite.encryption->ianaName +
               "; no entry";
    case WiresharkEspSupport::ICV_BAD:
        return Describe(sa) + ": " + ws +
               " has no ESN (its AAD holds a 32-bit sequence number), so it "
               "decrypts but shows the ICV as incorrect";
    case WiresharkEspSupport::ICV_UNCHECKED:
        if (suite.esn)
        {
            return Describe(sa) + ": " + ws +
                   " has no ESN (it leaves the high sequence bits out of the ICV), so it "
                   "decrypts with the ICV unchecked";
        }
        return Describe(sa) + ": " + ws + " cannot check " + suite.integrity->ianaName +
               ", so it decrypts with the ICV unchecked";
    }
    return "";
}

/**
 * @brief A quoted UAT field. Our fields never hold '"', '\\' or unprintable characters, which
 * Wireshark would write as \\xNN.
 * @param text the value
 * @return "text"
 */
std::string
Quoted(const std::string& text)
{
    return "\"" + text + "\"";
}

/**
 * @brief A key as Wireshark reads it.
 * @param key the key
 * @return "0x..." hex, or "" for no key
 */
std::string
KeyField(const std::vector<uint8_t>& key)
{
    return Quoted(key.empty() ? "" : "0x" + BytesToHex(key));
}

/**
 * @brief Check the keys against the suite, as EspCodec would.
 * @param sa the SA
 * @throws ConfigError on a mismatch
 */
void
CheckKeys(const EspSaKeys& sa)
{
    sa.suite.Validate();
    const uint32_t encSize = sa.suite.encryption->keySize;
    const uint32_t integSize = sa.suite.integrity ? sa.suite.integrity->keySize : 0;
    if (sa.encryptionKey.size() != encSize || sa.integrityKey.size() != integSize)
    {
        std::ostringstream os;
        os << Describe(sa) << ": keys of " << sa.encryptionKey.size() << " and "
           << sa.integrityKey.size() << " bytes, the suite needs " << encSize << " and "
           << integSize;
        throw ConfigError(os.str());
    }
}

/**
 * @brief Quote one argument for a POSIX shell.
 * @param arg the argument
 * @return it as is if it has only characters a shell leaves alone, else between single quotes
 * with each ' written as '\''
 */
std::string
ShellQuote(const std::string& arg)
{
    const bool plain =
        !arg.empty() && arg.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
                                              "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789_.:=/,+-") == std::string::npos;
    if (plain)
    {
        return arg;
    }
    std::string out = "'";
    for (char c : arg)
    {
        out += (c == '\'') ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

/// Wireshark 4.2's name for ChaCha20-Poly1305 (RFC 7634) in the esp_sa table: the string of
/// IPSEC_ENCRYPT_CHACHA20_POLY1305 in esp_encryption_type_vals, epan/dissectors/packet-ipsec.c
/// (key: 256-bit key | 4-byte salt, no separate authentication).
const char* const kChaCha20Poly1305Name = "ChaCha20 with Poly1305 [RFC7634]";

/**
 * @brief The encryption algorithm's name in the table.
 * @param info the cipher
 * @param version the Wireshark
 * @return the name, or nullptr if that Wireshark cannot decrypt it
 */
const char*
EncryptionName(const TransformInfo& info, WiresharkVersion version)
{
    if (version != WiresharkVersion::V4_0 && info.kind == CryptoKind::CHACHA20_POLY1305)
    {
        return kChaCha20Poly1305Name;
    }
    return info.wiresharkName;
}

} // namespace

WiresharkVersion
ParseWiresharkVersion(const std::string& text)
{
    unsigned major = 0;
    unsigned minor = 0;
    char rest = 0;
    if (std::sscanf(text.c_str(), "%u.%u%c", &major, &minor, &rest) == 2)
    {
        if (major == 4 && minor == 0)
        {
            return WiresharkVersion::V4_0;
        }
        if ((major == 4 && minor >= 2) || major > 4)
        {
            return WiresharkVersion::V4_2;
        }
    }
    throw ConfigError("Wireshark version '" + text +
                      "': give 4.0 (its esp_sa table, Debian 12) or 4.2 or later (adds "
                      "ChaCha20-Poly1305)");
}

WiresharkEspSupport
GetWiresharkEspSupport(const EspSuite& suite, WiresharkVersion version)
{
    if (!suite.encryption || !EncryptionName(*suite.encryption, version))
    {
        return WiresharkEspSupport::NONE;
    }
    if (suite.IsAead())
    {
        return suite.esn ? WiresharkEspSupport::ICV_BAD : WiresharkEspSupport::FULL;
    }
    if (suite.integrity && (suite.esn || !suite.integrity->wiresharkName))
    {
        return WiresharkEspSupport::ICV_UNCHECKED;
    }
    return WiresharkEspSupport::FULL;
}

std::string
WiresharkEspSaLine(const EspSaKeys& sa, WiresharkVersion version)
{
    CheckKeys(sa);
    const EspSuite& suite = sa.suite;
    const WiresharkEspSupport support = GetWiresharkEspSupport(suite, version);
    if (support == WiresharkEspSupport::NONE || sa.crypto == CryptoMode::MODELED)
    {
        return "# " + Caveat(sa, version);
    }

    std::string authentication = "NULL";
    if (suite.integrity)
    {
        authentication =
            support == WiresharkEspSupport::FULL
                ? suite.integrity->wiresharkName
                : "ANY " + std::to_string(suite.integrity->icvSize * 8) + kAnyAuthentication;
    }

    std::ostringstream source;
    std::ostringstream destination;
    source << sa.source;
    destination << sa.destination;
    char spi[16];
    std::snprintf(spi, sizeof(spi), "0x%08x", sa.spi);

    std::string line =
        Quoted("IPv4") + "," + Quoted(source.str()) + "," + Quoted(destination.str()) + "," +
        Quoted(spi) + "," + Quoted(EncryptionName(*suite.encryption, version)) + "," +
        KeyField(sa.encryptionKey) + "," + Quoted(authentication) + "," + KeyField(sa.integrityKey);
    if (version != WiresharkVersion::V4_0)
    {
        // "SN" and "ESN High Bits" (esp_uat_flds): the high bits of the SA's first packets.
        line += "," + Quoted(suite.esn ? "64-bit" : "32-bit") + "," + Quoted("0");
    }
    return line;
}

void
WriteWiresharkEspSa(std::ostream& os, const std::vector<EspSaKeys>& sas, WiresharkVersion version)
{
    os << "# ESP SAs for Wireshark " << (version == WiresharkVersion::V4_0 ? "4.0" : "4.2")
       << " (esp_sa), written by ns3-ipsec.\n";
    for (const auto& sa : sas)
    {
        const std::string line = WiresharkEspSaLine(sa, version);
        const std::string caveat = Caveat(sa, version);
        if (!caveat.empty() && line[0] != '#')
        {
            os << "# " << caveat << "\n";
        }
        os << line << "\n";
    }
}

void
WriteWiresharkConfigDir(const std::string& dir,
                        const std::vector<EspSaKeys>& sas,
                        WiresharkVersion version)
{
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error)
    {
        throw ConfigError("cannot create the Wireshark configuration directory " + dir + ": " +
                          error.message());
    }
    std::ostringstream table;
    WriteWiresharkEspSa(table, sas, version);
    const std::pair<const char*, std::string> files[] = {
        {"esp_sa", table.str()},
        {"preferences",
         "# Written by ns3-ipsec: decrypt ESP with the SAs in esp_sa.\n"
         "esp.enable_encryption_decode: TRUE\n"
         "esp.enable_authentication_check: TRUE\n"},
    };
    for (const auto& [name, text] : files)
    {
        const std::string path = (std::filesystem::path(dir) / name).string();
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out)
        {
            throw ConfigError("cannot write " + path);
        }
    }
}

namespace
{

/**
 * @brief Split a UAT record into its quoted fields.
 * @param line the record
 * @param fields receives the fields' texts
 * @return false if the line is not a comma-separated list of "quoted" fields
 */
bool
SplitUatRecord(const std::string& line, std::vector<std::string>& fields)
{
    fields.clear();
    size_t i = 0;
    auto skipBlanks = [&line, &i]() {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
        {
            i++;
        }
    };
    while (true)
    {
        skipBlanks();
        if (i >= line.size() || line[i] != '"')
        {
            return false;
        }
        const size_t close = line.find('"', i + 1);
        if (close == std::string::npos)
        {
            return false;
        }
        fields.push_back(line.substr(i + 1, close - i - 1));
        i = close + 1;
        skipBlanks();
        if (i == line.size())
        {
            return true;
        }
        if (line[i] != ',')
        {
            return false;
        }
        i++;
    }
}

/**
 * @brief The row of a transform type with a Wireshark name and a key length.
 * @param type ENCR or INTEG
 * @param name the name in the table
 * @param keySize the key's bytes
 * @param where "line N" for messages
 * @return the row
 * @throws ConfigError if no row has that name, or none of those rows that key length
 */
const TransformInfo*
FindByWiresharkName(TransformType type,
                    const std::string& name,
                    size_t keySize,
                    const std::string& where)
{
    bool named = false;
    for (const TransformInfo& t : GetTransformTable())
    {
        const char* ws =
            t.kind == CryptoKind::CHACHA20_POLY1305 ? kChaCha20Poly1305Name : t.wiresharkName;
        if (t.type != type || ws == nullptr || name != ws)
        {
            continue;
        }
        named = true;
        if (t.keySize == keySize)
        {
            return &t;
        }
    }
    const std::string what = type == TransformType::ENCR ? "encryption" : "authentication";
    if (named)
    {
        throw ConfigError("esp_sa " + where + ": " + what + " algorithm \"" + name +
                          "\" with a key of " + std::to_string(keySize) +
                          " bytes: no key length of it fits");
    }
    throw ConfigError("esp_sa " + where + ": " + what + " algorithm \"" + name +
                      "\" is not one this module has");
}

} // namespace

std::vector<EspSaKeys>
ReadWiresharkEspSa(std::istream& is)
{
    std::vector<EspSaKeys> sas;
    std::string line;
    std::vector<std::string> f;
    for (size_t number = 1; std::getline(is, line); number++)
    {
        if (!line.empty() && line.back() == '\r')
        {
            line.pop_back();
        }
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#')
        {
            continue;
        }
        const std::string where = "line " + std::to_string(number);
        if (!SplitUatRecord(line, f) || (f.size() != 8 && f.size() != 10))
        {
            throw ConfigError("esp_sa " + where +
                              ": not a record of 8 (Wireshark 4.0) or 10 (4.2) quoted fields");
        }
        if (f[0] != "IPv4")
        {
            throw ConfigError("esp_sa " + where + ": protocol \"" + f[0] +
                              "\": only IPv4 SAs are supported");
        }
        EspSaKeys sa;
        in_addr parsed{};
        if (inet_pton(AF_INET, f[1].c_str(), &parsed) != 1 ||
            inet_pton(AF_INET, f[2].c_str(), &parsed) != 1)
        {
            throw ConfigError("esp_sa " + where + ": addresses \"" + f[1] + "\", \"" + f[2] +
                              "\" are not IPv4 addresses (wildcards are not supported)");
        }
        sa.source = Ipv4Address(f[1].c_str());
        sa.destination = Ipv4Address(f[2].c_str());
        try
        {
            const std::vector<uint8_t> spi = HexToBytes(f[3]);
            if (spi.empty() || spi.size() > 4)
            {
                throw ConfigError("");
            }
            for (uint8_t b : spi)
            {
                sa.spi = sa.spi << 8 | b;
            }
            sa.encryptionKey = HexToBytes(f[5]);
            sa.integrityKey = HexToBytes(f[7]);
        }
        catch (const ConfigError&)
        {
            throw ConfigError("esp_sa " + where + ": the SPI and keys must be 0x hex");
        }
        sa.suite.encryption =
            FindByWiresharkName(TransformType::ENCR, f[4], sa.encryptionKey.size(), where);
        // "ANY <digits> bit authentication [no checking]"
        const std::string any = "ANY ";
        const size_t digitsEnd = f[6].find_first_not_of("0123456789", any.size());
        if (f[6].compare(0, any.size(), any) == 0 && digitsEnd != std::string::npos &&
            digitsEnd > any.size() && digitsEnd - any.size() <= 4 &&
            f[6].compare(digitsEnd, std::string::npos, kAnyAuthentication) == 0)
        {
            const int bits = std::stoi(f[6].substr(any.size(), digitsEnd - any.size()));
            if (bits <= 0 || bits % 8 != 0 || bits > 8 * 64)
            {
                throw ConfigError("esp_sa " + where + ": \"" + f[6] + "\": no such ICV length");
            }
            sa.uncheckedIcvSize = static_cast<uint8_t>(bits / 8);
        }
        else if (f[6] != "NULL")
        {
            sa.suite.integrity =
                FindByWiresharkName(TransformType::INTEG, f[6], sa.integrityKey.size(), where);
        }
        else if (!sa.integrityKey.empty())
        {
            throw ConfigError("esp_sa " + where + ": an authentication key without an algorithm");
        }
        sa.suite.esn = f.size() == 10 && f[8] == "64-bit";
        sa.suite.confidentialityOnly = !sa.suite.integrity && !sa.suite.IsAead() &&
                                       sa.suite.encryption->kind != CryptoKind::NULL_CIPHER;
        if (sa.uncheckedIcvSize == 0)
        {
            try
            {
                sa.suite.Validate();
            }
            catch (const ConfigError& e)
            {
                throw ConfigError("esp_sa " + where + ": " + e.GetDetail());
            }
        }
        else if (sa.suite.IsAead())
        {
            throw ConfigError("esp_sa " + where + ": " + f[4] +
                              " authenticates by itself; it takes no authentication algorithm");
        }
        sas.push_back(std::move(sa));
    }
    return sas;
}

std::vector<EspSaKeys>
ReadWiresharkEspSaFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
    {
        throw ConfigError("cannot read the esp_sa file " + path);
    }
    return ReadWiresharkEspSa(in);
}

std::vector<std::string>
TsharkUatArguments(const std::string& file, const std::string& table)
{
    std::ifstream in(file);
    if (!in)
    {
        throw ConfigError("cannot read the " + table + " file " + file);
    }
    std::vector<std::string> args;
    std::string line;
    while (std::getline(in, line))
    {
        if (!line.empty() && line.back() == '\r')
        {
            line.pop_back();
        }
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#')
        {
            continue;
        }
        args.emplace_back("-o");
        args.push_back("uat:" + table + ":" + line);
    }
    return args;
}

std::string
ShellJoin(const std::vector<std::string>& args)
{
    std::string out;
    for (const auto& arg : args)
    {
        out += (out.empty() ? "" : " ") + ShellQuote(arg);
    }
    return out;
}

std::vector<std::string>
TsharkEspArguments(const std::string& keyFile)
{
    std::vector<std::string> args = {"-o",
                                     "esp.enable_encryption_decode:TRUE",
                                     "-o",
                                     "esp.enable_authentication_check:TRUE"};
    for (auto& a : TsharkUatArguments(keyFile, "esp_sa"))
    {
        args.push_back(std::move(a));
    }
    return args;
}

std::string
TsharkEspOptions(const std::string& keyFile)
{
    return ShellJoin(TsharkEspArguments(keyFile));
}

} // namespace ipsec
} // namespace ns3
