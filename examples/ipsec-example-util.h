// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * Small command-line and printing helpers the examples share (header only, examples only).
 */
#ifndef IPSEC_EXAMPLE_UTIL_H
#define IPSEC_EXAMPLE_UTIL_H

#include "ns3/boolean.h"
#include "ns3/command-line.h"
#include "ns3/ike-helper.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-key-export.h"
#include "ns3/string.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"

#include <cstdint>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
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
 * Parse a whole number option: decimal, or hex with 0x; the whole text, no sign.
 * @param name the option
 * @param text its text
 * @param min the smallest value allowed
 * @param max the largest value allowed
 * @return the number
 * @throws ConfigError naming the option and the range
 */
inline uint64_t
ParseNumber(const std::string& name, const std::string& text, uint64_t min, uint64_t max)
{
    uint64_t v = 0;
    size_t used = 0;
    try
    {
        if (text.empty() || text[0] == '-' || text[0] == '+' || text[0] == ' ')
        {
            throw std::invalid_argument(text);
        }
        v = std::stoull(text, &used, 0);
    }
    catch (const std::exception&)
    {
        used = 0;
    }
    if (used == 0 || used != text.size() || v < min || v > max)
    {
        std::ostringstream range;
        range << min << " to " << max << " (0x" << std::hex << min << " to 0x" << max << ")";
        throw ConfigError("--" + name + "='" + text + "' is not a number from " + range.str());
    }
    return v;
}

/**
 * Check a number option's range (options that take a count are read as int64_t, so that
 * --replayWindow=-1 is refused rather than wrapped to 4294967295).
 * @param name the option
 * @param value its value
 * @param min the smallest value allowed
 * @param max the largest value allowed
 * @return the value
 * @throws ConfigError naming the option and the range
 */
inline int64_t
CheckRange(const std::string& name, int64_t value, int64_t min, int64_t max)
{
    if (value < min || value > max)
    {
        throw ConfigError("--" + name + "=" + std::to_string(value) + " is out of range: from " +
                          std::to_string(min) + " to " + std::to_string(max));
    }
    return value;
}

/**
 * An attribute's default, as the command line left it (--ns3::Type::Attribute=value changes it).
 * @param path "ns3::ipsec::SaParameters::ReplayWindow"
 * @param original the built-in default instead
 * @return the value as text
 * @throws ConfigError if there is no such attribute (an example's own mistake)
 */
inline std::string
AttributeDefault(const std::string& path, bool original = false)
{
    const size_t colon = path.rfind("::");
    TypeId tid;
    TypeId::AttributeInformation info;
    if (colon == std::string::npos || !TypeId::LookupByNameFailSafe(path.substr(0, colon), &tid) ||
        !tid.LookupAttributeByName(path.substr(colon + 2), &info))
    {
        throw ConfigError("no attribute " + path);
    }
    return (original ? info.originalInitialValue : info.initialValue)
        ->SerializeToString(info.checker);
}

/**
 * Refuse attributes an example sets itself when the command line also set them through ns-3's
 * --ns3::Type::Attribute=value (which the example's own value would silently override).
 * @param owned pairs of (attribute path "ns3::ipsec::SaParameters::ReplayWindow", the
 * example's option or setting that decides it)
 * @throws ConfigError naming the attribute and what to use instead
 */
inline void
RefuseOwnedAttributes(const std::vector<std::pair<std::string, std::string>>& owned)
{
    for (const auto& [path, instead] : owned)
    {
        if (AttributeDefault(path) != AttributeDefault(path, true))
        {
            throw ConfigError("--" + path + " has no effect in this example, which sets it " +
                              instead);
        }
    }
}

/**
 * The crypto engines' cost table, for the examples' output: "reference table", or the file
 * that --ns3::ipsec::CryptoEngine::TableFile gave.
 * @return the name
 */
inline std::string
CostTableName()
{
    const std::string file = AttributeDefault("ns3::ipsec::CryptoEngine::TableFile");
    return file.empty() ? "reference table" : "cost table " + file;
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

/**
 * The SA options ipsec-site-to-site and ipsec-transport share: what IpsecHelper installs, and
 * the files the examples write for Wireshark and Linux.
 */
struct SaOptions
{
    std::string protocol{"esp"};                             ///< --protocol: esp, ah or esp+ah
    std::string proposal{"aes128gcm16"};                     ///< --proposal: ESP, strongSwan syntax
    std::string ahProposal{"sha256"};                        ///< --ahProposal
    bool esn{false};                                         ///< --esn
    int64_t replayWindow{32};                                ///< --replayWindow
    std::string keyFile;                                     ///< --keyFile (none: no file)
    std::string xfrmFile{"none"};                            ///< --xfrmFile prefix (none: no files)
    std::string wiresharkVersion{"4.0"};                     ///< --wiresharkVersion of the key file
    WiresharkVersion keyFileVersion{WiresharkVersion::V4_0}; ///< parsed by Check()

    /**
     * Register the options.
     * @param cmd the command line
     */
    void Add(CommandLine& cmd)
    {
        cmd.AddValue("protocol", "esp, ah or esp+ah", protocol);
        cmd.AddValue("proposal", "ESP proposal, strongSwan syntax (e.g. aes256-sha256)", proposal);
        cmd.AddValue("ahProposal",
                     "AH proposal for --protocol=ah or esp+ah (e.g. sha1)",
                     ahProposal);
        cmd.AddValue("esn", "use Extended Sequence Numbers", esn);
        cmd.AddValue("replayWindow",
                     "anti-replay window in packets, 0 (off) to 4096",
                     replayWindow);
        cmd.AddValue("keyFile", "Wireshark esp_sa key file to write (none: no file)", keyFile);
        cmd.AddValue("wiresharkVersion",
                     "Wireshark the key file is for: 4.0, or 4.2 (and later, adds "
                     "ChaCha20-Poly1305)",
                     wiresharkVersion);
        cmd.AddValue("xfrmFile",
                     "write PREFIX-<node id>.sh, Linux ip xfrm commands of each node's SAs and "
                     "policies (none: no files)",
                     xfrmFile);
    }

    /**
     * Check the values after CommandLine::Parse.
     * @throws ConfigError naming the option, or an --ns3:: attribute these options own
     */
    void Check()
    {
        RefuseOwnedAttributes({{"ns3::ipsec::SaParameters::Protocol", "from --protocol"},
                               {"ns3::ipsec::SaParameters::EspProposal", "from --proposal"},
                               {"ns3::ipsec::SaParameters::AhProposal", "from --ahProposal"},
                               {"ns3::ipsec::SaParameters::Esn", "from --esn"},
                               {"ns3::ipsec::SaParameters::ReplayWindow", "from --replayWindow"}});
        if (protocol != "esp" && protocol != "ah" && protocol != "esp+ah")
        {
            throw ConfigError("--protocol must be esp, ah or esp+ah, not '" + protocol + "'");
        }
        CheckRange("replayWindow", replayWindow, 0, MAX_REPLAY_WINDOW);
        keyFileVersion = ParseWiresharkVersion(wiresharkVersion);
    }

    /**
     * Set the SA attributes on the helper.
     * @param ipsec the helper
     */
    void Apply(IpsecHelper& ipsec) const
    {
        ipsec.SetSaAttribute("Protocol", StringValue(protocol));
        ipsec.SetSaAttribute("EspProposal", StringValue(proposal));
        ipsec.SetSaAttribute("AhProposal", StringValue(ahProposal));
        ipsec.SetSaAttribute("Esn", BooleanValue(esn));
        ipsec.SetSaAttribute("ReplayWindow", UintegerValue(replayWindow));
    }
};

/// The --auth keywords of the IKEv2 examples.
constexpr char IKE_AUTH_KEYWORDS[] =
    "psk, rsa, rsa3072, ecdsa, ecdsa384, ecdsa521, ed25519, eap-md5 or eap-mschapv2";

/// The EAP password the responder holds in the examples.
constexpr char IKE_EAP_PASSWORD[] = "ns3-ipsec-eap";

/**
 * @brief Set how an IkeHelper's ends authenticate from an example's --auth: psk (the helper's
 * default), rsa, rsa3072, ecdsa, ecdsa384, ecdsa521, ed25519 (a CA and the ends' certificates
 * made at set-up: RSA 2048 or 3072, ECDSA P-256, P-384 or P-521, Ed25519), eap-md5 or
 * eap-mschapv2 (the initiator is EAP user "alice", the responder authenticates with an ECDSA
 * certificate).
 * @param ike the helper
 * @param auth the keyword
 * @param password with EAP, the password the initiator gives (the responder holds
 *        IKE_EAP_PASSWORD)
 * @param stream the next free random stream (advanced by what the CA uses)
 * @return the CA (null for psk)
 * @throws ConfigError for another keyword
 */
inline std::shared_ptr<IkeCertificateHelper>
SetIkeAuth(IkeHelper& ike, const std::string& auth, const std::string& password, int64_t& stream)
{
    const std::vector<std::pair<std::string, std::string>> schemes = {{"psk", ""},
                                                                      {"rsa", "rsa2048"},
                                                                      {"rsa3072", "rsa3072"},
                                                                      {"ecdsa", "ecdsa256"},
                                                                      {"ecdsa384", "ecdsa384"},
                                                                      {"ecdsa521", "ecdsa521"},
                                                                      {"ed25519", "ed25519"},
                                                                      {"eap-md5", "ecdsa256"},
                                                                      {"eap-mschapv2", "ecdsa256"}};
    for (const auto& [keyword, scheme] : schemes)
    {
        if (keyword != auth)
        {
            continue;
        }
        std::shared_ptr<IkeCertificateHelper> pki;
        if (!scheme.empty())
        {
            // the CA and the certificates come from the run's seed: same run, same bytes
            pki = std::make_shared<IkeCertificateHelper>(scheme);
            stream += pki->AssignStreams(stream);
            ike.SetCertificates(pki);
        }
        if (auth.rfind("eap-", 0) == 0)
        {
            ike.SetEap(auth, "alice", password, IKE_EAP_PASSWORD);
        }
        return pki;
    }
    throw ConfigError("--auth must be " + std::string(IKE_AUTH_KEYWORDS) + ", not '" + auth + "'");
}

} // namespace example
} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_EXAMPLE_UTIL_H */
