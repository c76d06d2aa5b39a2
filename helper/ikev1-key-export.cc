// SPDX-License-Identifier: GPL-2.0-only

#include "ikev1-key-export.h"

#include "ipsec-hex.h"
#include "ipsec-key-export.h"

#include <cctype>

namespace ns3
{
namespace ipsec
{

namespace
{

/**
 * @brief A cookie as 16 hex digits.
 * @param cookie the cookie
 * @return the text
 */
std::string
CookieHex(uint64_t cookie)
{
    return BytesToHex(Ikev1CookieBytes(cookie));
}

} // namespace

std::string
WiresharkIkev1Line(const Ikev1SaKeyInfo& sa)
{
    const TransformInfo* c = sa.cipher;
    // packet-isakmp.c (4.0) decrypts IKEv1 with DES-CBC, 3DES-CBC and AES-CBC.
    const bool known = c && c->kind == CryptoKind::CBC && (c->id == 2 || c->id == 3 || c->id == 12);
    if (!known)
    {
        return "# " + CookieHex(sa.cookieI) + ": Wireshark cannot decrypt " +
               (c ? c->keyword : "this cipher");
    }
    return CookieHex(sa.cookieI) + "," + BytesToHex(sa.encryptionKey);
}

void
WriteWiresharkIkev1Table(std::ostream& os, const std::vector<Ikev1SaKeyInfo>& sas)
{
    for (const auto& sa : sas)
    {
        os << WiresharkIkev1Line(sa) << "\n";
    }
}

std::string
Ikev1KeyLogPrfName(const TransformInfo& prf)
{
    std::string name = prf.opensslName; // "MD5", "SHA1", "SHA256", ...
    for (char& ch : name)
    {
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    return "hmac-" + name;
}

void
WriteIkev1KeyLog(std::ostream& os, const std::vector<Ikev1SaKeyInfo>& sas)
{
    os << "initiator_cookie,responder_cookie,skeyid,skeyid_d,skeyid_a,skeyid_e,prf\n";
    for (const auto& sa : sas)
    {
        os << CookieHex(sa.cookieI) << ',' << CookieHex(sa.cookieR) << ','
           << BytesToHex(sa.keys.skeyid) << ',' << BytesToHex(sa.keys.skeyidD) << ','
           << BytesToHex(sa.keys.skeyidA) << ',' << BytesToHex(sa.keys.skeyidE) << ','
           << (sa.prf ? Ikev1KeyLogPrfName(*sa.prf) : std::string("unknown")) << "\n";
    }
}

std::string
TsharkIkev1Options(const std::string& keyFile)
{
    return ShellJoin(TsharkUatArguments(keyFile, "ikev1_decryption_table"));
}

} // namespace ipsec
} // namespace ns3
