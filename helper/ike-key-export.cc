// SPDX-License-Identifier: GPL-2.0-only
#include "ike-key-export.h"

#include "ipsec-hex.h"
#include "ipsec-key-export.h"

#include <cstdio>

namespace ns3
{
namespace ipsec
{

namespace
{

/// (IANA ENCR id, key bits, Wireshark 4.0 name): vs_ikev2_encr_algs of packet-isakmp.c
/// (which has no DES: an IKE SA with des stays encrypted in the capture).
struct EncryptionName
{
    uint16_t id;      ///< transform ID
    uint16_t bits;    ///< Key Length (0: none)
    const char* name; ///< Wireshark's name
};

const EncryptionName kEncryption[] = {
    {3, 0, "3DES [RFC2451]"},
    {12, 128, "AES-CBC-128 [RFC3602]"},
    {12, 192, "AES-CBC-192 [RFC3602]"},
    {12, 256, "AES-CBC-256 [RFC3602]"},
    {13, 128, "AES-CTR-128 [RFC5930]"},
    {13, 192, "AES-CTR-192 [RFC5930]"},
    {13, 256, "AES-CTR-256 [RFC5930]"},
    {18, 128, "AES-GCM-128 with 8 octet ICV [RFC5282]"},
    {18, 192, "AES-GCM-192 with 8 octet ICV [RFC5282]"},
    {18, 256, "AES-GCM-256 with 8 octet ICV [RFC5282]"},
    {19, 128, "AES-GCM-128 with 12 octet ICV [RFC5282]"},
    {19, 192, "AES-GCM-192 with 12 octet ICV [RFC5282]"},
    {19, 256, "AES-GCM-256 with 12 octet ICV [RFC5282]"},
    {20, 128, "AES-GCM-128 with 16 octet ICV [RFC5282]"},
    {20, 192, "AES-GCM-192 with 16 octet ICV [RFC5282]"},
    {20, 256, "AES-GCM-256 with 16 octet ICV [RFC5282]"},
};

std::string
SpiHex(uint64_t spi)
{
    char text[17];
    std::snprintf(text, sizeof(text), "%016llx", static_cast<unsigned long long>(spi));
    return text;
}

} // namespace

const char*
WiresharkIkev2EncryptionName(const TransformInfo& encryption)
{
    for (const auto& e : kEncryption)
    {
        if (e.id == encryption.id && e.bits == encryption.keyLengthBits)
        {
            return e.name;
        }
    }
    return nullptr;
}

const char*
WiresharkIkev2IntegrityName(const TransformInfo* integrity)
{
    if (!integrity)
    {
        return "NONE [RFC4306]";
    }
    switch (integrity->id)
    {
    case 1:
        return "HMAC_MD5_96 [RFC2403]";
    case 2:
        return "HMAC_SHA1_96 [RFC2404]";
    case 12:
        return "HMAC_SHA2_256_128 [RFC4868]";
    case 13:
        return "HMAC_SHA2_384_192 [RFC4868]";
    case 14:
        return "HMAC_SHA2_512_256 [RFC4868]";
    default:
        return nullptr; // AUTH_AES_XCBC_96: not in Wireshark 4.0's IKEv2 table
    }
}

std::string
WiresharkIkev2Line(const Ikev2WiresharkKeys& keys)
{
    const std::string spis = SpiHex(keys.spiI) + "," + SpiHex(keys.spiR);
    const char* encryption =
        keys.encryption ? WiresharkIkev2EncryptionName(*keys.encryption) : nullptr;
    const char* integrity = WiresharkIkev2IntegrityName(keys.integrity);
    if (!encryption || !integrity)
    {
        return "# " + spis + ": Wireshark 4.0 cannot " +
               (!encryption
                    ? std::string("decrypt ") + (keys.encryption ? keys.encryption->keyword : "?")
                    : std::string("check ") + keys.integrity->keyword) +
               " in IKEv2; this IKE SA's messages stay encrypted in the capture";
    }
    return spis + "," + BytesToHex(keys.skEi) + "," + BytesToHex(keys.skEr) + ",\"" + encryption +
           "\"," + BytesToHex(keys.skAi) + "," + BytesToHex(keys.skAr) + ",\"" + integrity + "\"";
}

void
WriteWiresharkIkev2Table(std::ostream& os, const std::vector<Ikev2WiresharkKeys>& sas)
{
    for (const auto& sa : sas)
    {
        os << WiresharkIkev2Line(sa) << "\n";
    }
}

std::string
TsharkIkev2Options(const std::string& keyFile)
{
    return ShellJoin(TsharkUatArguments(keyFile, "ikev2_decryption_table"));
}

} // namespace ipsec
} // namespace ns3
