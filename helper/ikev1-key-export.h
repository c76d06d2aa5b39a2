// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * ISAKMP SA keys for Wireshark and for study: lines of Wireshark's ikev1_decryption_table (the
 * UAT behind "IKEv1 Decryption Table": the initiator's cookie and the encryption key; Wireshark
 * computes the IVs itself from the capture's phase-1 messages), and the ikev1_keys file that
 * gives SKEYID and SKEYID_d/a/e of each ISAKMP SA, so a student can recompute every HASH of a
 * capture.
 */
#ifndef IKEV1_KEY_EXPORT_H
#define IKEV1_KEY_EXPORT_H

#include "ns3/ikev1-sa.h"

#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @brief The table line of an ISAKMP SA: "icookie,key" (hex, lower case), or a comment line
 * ("# ...") when Wireshark 4.0 cannot decrypt its cipher (it decrypts DES, 3DES and AES-CBC).
 * @param sa the ISAKMP SA's keys
 * @return the line, without a newline
 */
std::string WiresharkIkev1Line(const Ikev1SaKeyInfo& sa);

/**
 * @brief Write a whole ikev1_decryption_table.
 * @param os where to write
 * @param sas the ISAKMP SAs of the run
 */
void WriteWiresharkIkev1Table(std::ostream& os, const std::vector<Ikev1SaKeyInfo>& sas);

/**
 * @brief The PRF's name in the ikev1_keys file.
 * @param prf the PRF
 * @return "hmac-md5", "hmac-sha1", "hmac-sha256", "hmac-sha384" or "hmac-sha512"
 */
std::string Ikev1KeyLogPrfName(const TransformInfo& prf);

/**
 * @brief Write the ikev1_keys study file: the header
 * initiator_cookie,responder_cookie,skeyid,skeyid_d,skeyid_a,skeyid_e,prf and one line per
 * ISAKMP SA (hex values).
 * @param os where to write
 * @param sas the ISAKMP SAs of the run
 */
void WriteIkev1KeyLog(std::ostream& os, const std::vector<Ikev1SaKeyInfo>& sas);

/**
 * @brief The tshark options that decrypt IKEv1 with an ikev1_decryption_table file, quoted for
 * a POSIX shell.
 * @param keyFile the file
 * @return the options
 * @throws ConfigError if the file cannot be read
 */
std::string TsharkIkev1Options(const std::string& keyFile);

} // namespace ipsec
} // namespace ns3

#endif /* IKEV1_KEY_EXPORT_H */
