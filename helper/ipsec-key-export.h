// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * ESP SA keys for Wireshark: its esp_sa table, so Wireshark and tshark decrypt the pcaps a
 * simulation writes.
 */
#ifndef IPSEC_KEY_EXPORT_H
#define IPSEC_KEY_EXPORT_H

#include "ns3/ipsec-esp-key-ring.h"

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief Which Wireshark the esp_sa table is written for.
 */
enum class WiresharkVersion : uint8_t
{
    V4_0, ///< Wireshark 4.0 (Debian 12): eight fields, no ChaCha20-Poly1305
    /// Wireshark 4.2 and later: ChaCha20-Poly1305 as "ChaCha20 with Poly1305 [RFC7634]"
    /// (epan/dissectors/packet-ipsec.c, esp_encryption_type_vals), and each line ends with the
    /// sequence-number columns of current Wireshark ("SN": "32-bit" or "64-bit", "ESN High
    /// Bits": hex), which a Wireshark without them discards with a warning
    V4_2,
};

/**
 * @brief Parse a Wireshark version given on a command line.
 * @param text "4.0", "4.2" or later ("4.4", "4.6", ...)
 * @return the table format for it
 * @throws ConfigError for anything else, naming the versions understood
 */
WiresharkVersion ParseWiresharkVersion(const std::string& text);

/**
 * @ingroup ipsec
 * @brief How much of an SA's traffic Wireshark (4.0 unless told) can open.
 */
enum class WiresharkEspSupport : uint8_t
{
    FULL,          ///< decrypted, and the ICV checked (or there is none)
    ICV_UNCHECKED, ///< decrypted; the ICV is not checked: AES-XCBC-MAC-96, or ESN with an HMAC
    ICV_BAD,       ///< decrypted; the ICV is shown as incorrect: an AEAD cipher with ESN
    NONE,          ///< not decrypted (AES-GMAC, ChaCha20-Poly1305): the file has a comment only
};

/**
 * @brief How far Wireshark 4.0 handles a suite.
 *
 * Wireshark 4.0 has no ESN: it computes the ICV over the packet alone and authenticates
 * SPI | 32-bit sequence number as the AEAD AAD, so with ESN (RFC 4303 §2.2.1, RFC 4106 §5) it
 * decrypts but cannot check the ICV.
 * Wireshark 4.2 decrypts ChaCha20-Poly1305 too.
 * @param suite the algorithms
 * @param version the Wireshark
 * @return the support level
 */
WiresharkEspSupport GetWiresharkEspSupport(const EspSuite& suite,
                                           WiresharkVersion version = WiresharkVersion::V4_0);

/**
 * @brief One SA as a line of Wireshark's ESP SA table (the "esp_sa" file of a configuration
 * profile, Wireshark 4.0 format), without the newline:
 * @verbatim
 "IPv4","10.1.1.1","10.1.1.2","0x00001001","AES-CBC [RFC3602]","0x00..0f","HMAC-SHA-1-96
 [RFC2404]","0x..."
 @endverbatim
 * Fields: protocol, source, destination, SPI, encryption algorithm, encryption key (AES-CTR
 * and AES-GCM: key | 4-byte salt, as the SA holds it), authentication algorithm,
 * authentication key ("" when none). An integrity algorithm Wireshark cannot check, and any
 * integrity algorithm with ESN, is written as "ANY n bit authentication [no checking]" with
 * the key kept. For a cipher Wireshark cannot decrypt the result is a comment ("# ...") naming
 * the SA and the reason.
 * For WiresharkVersion::V4_2 the line has two more fields (see there).
 * @param sa the SA
 * @param version the Wireshark
 * @return the line
 * @throws ConfigError on an invalid suite or keys of the wrong length
 */
std::string WiresharkEspSaLine(const EspSaKeys& sa,
                               WiresharkVersion version = WiresharkVersion::V4_0);

/**
 * @brief Write Wireshark's esp_sa file: a header comment, then for each SA its line, preceded
 * by a comment when Wireshark cannot check its ICV (see WiresharkEspSaLine()).
 * @param os the stream
 * @param sas the SAs
 * @param version the Wireshark
 * @throws ConfigError as WiresharkEspSaLine()
 */
void WriteWiresharkEspSa(std::ostream& os,
                         const std::vector<EspSaKeys>& sas,
                         WiresharkVersion version = WiresharkVersion::V4_0);

/**
 * @brief Read Wireshark's esp_sa table back (the inverse of WriteWiresharkEspSa(), for either
 * version's format, and for tables written by hand in Wireshark's dialog): what an attacker
 * who stole the key file holds. Comment and blank lines are skipped. Each record has the
 * eight fields of Wireshark 4.0 or the ten of 4.2 ("SN" "64-bit" sets ESN). The algorithms
 * are found by their Wireshark names and key lengths ("AES-CBC [RFC3602]" with a 32-byte key
 * is aes256); "ANY n bit authentication [no checking]" gives EspSaKeys::uncheckedIcvSize and
 * no integrity transform; "NULL" authentication with a non-NULL cipher is an encryption-only
 * suite.
 * @param is the table
 * @return the SAs, in the table's order
 * @throws ConfigError naming the line for a malformed record, an IPv6 SA, an algorithm this
 * module does not have or a key whose length fits none of its rows
 */
std::vector<EspSaKeys> ReadWiresharkEspSa(std::istream& is);

/**
 * @brief ReadWiresharkEspSa() from a file.
 * @param path the esp_sa file
 * @return the SAs
 * @throws ConfigError if the file cannot be read, or as ReadWiresharkEspSa()
 */
std::vector<EspSaKeys> ReadWiresharkEspSaFile(const std::string& path);

/**
 * @brief Write a Wireshark configuration directory: @c esp_sa (WriteWiresharkEspSa()) and a
 * @c preferences file turning ESP decryption and ICV checking on. Use it as the whole
 * configuration, @c WIRESHARK_CONFIG_DIR=dir tshark -r x.pcap (or wireshark), or copy both
 * files into a profile, @c ~/.config/wireshark/profiles/NAME/, for @c -C @c NAME. Existing
 * files of those names in @p dir are replaced, so give a directory of its own.
 * @param dir the directory (created if missing)
 * @param sas the SAs
 * @param version the Wireshark
 * @throws ConfigError if a file cannot be written, or as WiresharkEspSaLine()
 */
void WriteWiresharkConfigDir(const std::string& dir,
                             const std::vector<EspSaKeys>& sas,
                             WiresharkVersion version = WiresharkVersion::V4_0);

/**
 * @brief The tshark arguments that decrypt with an esp_sa file written by
 * WriteWiresharkEspSa(): tshark reads the table only from a configuration directory, so each
 * record line of the file becomes a "-o" "uat:esp_sa:LINE" pair, after the options that turn
 * decryption and ICV checking on. Comment and blank lines are skipped.
 * @param keyFile the esp_sa file
 * @return the arguments, one per element, unquoted (for exec-style calls)
 * @throws ConfigError if the file cannot be read
 */
std::vector<std::string> TsharkEspArguments(const std::string& keyFile);

/**
 * @brief The tshark arguments that load a Wireshark table from a file: a "-o"
 * "uat:TABLE:LINE" pair per record line (comment and blank lines skipped).
 * @param file the file (e.g. an esp_sa or ikev2_decryption_table file)
 * @param table the table's name in Wireshark ("esp_sa", "ikev2_decryption_table")
 * @return the arguments, unquoted
 * @throws ConfigError if the file cannot be read
 */
std::vector<std::string> TsharkUatArguments(const std::string& file, const std::string& table);

/**
 * @brief Arguments quoted for a POSIX shell and joined by spaces.
 * @param args the arguments
 * @return the text
 */
std::string ShellJoin(const std::vector<std::string>& args);

/**
 * @brief TsharkEspArguments() quoted for a POSIX shell and joined by spaces, to paste into a
 * command line: <tt>popen(("tshark -r x.pcap " + options).c_str(), "r")</tt>.
 * @param keyFile the esp_sa file
 * @return the options
 * @throws ConfigError if the file cannot be read
 */
std::string TsharkEspOptions(const std::string& keyFile);

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_KEY_EXPORT_H */
