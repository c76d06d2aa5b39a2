// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IKE SA keys for Wireshark: lines of its ikev2_decryption_table (the UAT behind "IKEv2
 * Decryption Table"), as strongSwan's save-keys plugin writes them, so that tshark decrypts
 * and checks the Encrypted payloads of a capture.
 */
#ifndef IKE_KEY_EXPORT_H
#define IKE_KEY_EXPORT_H

#include "ns3/ipsec-transform.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief One IKE SA's keys as Wireshark wants them.
 */
struct Ikev2WiresharkKeys
{
    uint64_t spiI{0};                            ///< initiator's SPI
    uint64_t spiR{0};                            ///< responder's SPI
    const TransformInfo* encryption{nullptr};    ///< the negotiated ENCR transform
    const TransformInfo* integrity{nullptr};     ///< INTEG; nullptr with an AEAD
    std::vector<uint8_t> skEi, skEr, skAi, skAr; ///< SK_ei (salt included), SK_er, SK_ai, SK_ar
};

/**
 * @brief Wireshark's name of an IKEv2 encryption algorithm in its decryption table (Wireshark
 * 4.0's packet-isakmp.c, vs_ikev2_encr_algs), e.g. "AES-CBC-128 [RFC3602]".
 * @param encryption the transform
 * @return the name, or nullptr if Wireshark 4.0 cannot decrypt it (ChaCha20-Poly1305)
 */
const char* WiresharkIkev2EncryptionName(const TransformInfo& encryption);

/**
 * @brief Wireshark's name of an IKEv2 integrity algorithm (vs_ikev2_auth_algs), e.g.
 * "HMAC_SHA2_256_128 [RFC4868]"; "NONE [RFC4306]" for an AEAD (nullptr).
 * @param integrity the transform or nullptr
 * @return the name, or nullptr if Wireshark 4.0 cannot check it (AES-XCBC-96)
 */
const char* WiresharkIkev2IntegrityName(const TransformInfo* integrity);

/**
 * @brief The table line of an IKE SA:
 * SPIi,SPIr,SK_ei,SK_er,"encryption",SK_ai,SK_ar,"integrity" (hex, lower case), or a comment
 * line ("# ...") saying why Wireshark cannot decrypt or check this SA.
 * @param keys the keys
 * @return the line, without a newline
 */
std::string WiresharkIkev2Line(const Ikev2WiresharkKeys& keys);

/**
 * @brief Write a whole ikev2_decryption_table.
 * @param os where to write
 * @param sas the IKE SAs (rekeyed ones included: old packets need their keys)
 */
void WriteWiresharkIkev2Table(std::ostream& os, const std::vector<Ikev2WiresharkKeys>& sas);

/**
 * @brief The tshark options that decrypt IKEv2 with an ikev2_decryption_table file (one
 * "-o uat:ikev2_decryption_table:LINE" per record line), quoted for a POSIX shell.
 * @param keyFile the file
 * @return the options
 * @throws ConfigError if the file cannot be read
 */
std::string TsharkIkev2Options(const std::string& keyFile);

} // namespace ipsec
} // namespace ns3

#endif /* IKE_KEY_EXPORT_H */
