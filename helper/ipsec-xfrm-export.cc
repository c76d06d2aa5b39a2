// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-xfrm-export.h"

#include "ipsec-hex.h"

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-constants.h"

#include <cstdio>
#include <limits>
#include <sstream>

namespace ns3
{
namespace ipsec
{

namespace
{

/// IP protocol number of ICMP (its selectors carry type and code).
constexpr uint8_t PROTOCOL_ICMP = 1;

// Syntax: iproute2's ip-xfrm(8) and ip/xfrm_state.c, ip/xfrm_policy.c (checked against
// iproute2 6.1, Debian 12):
//   ip xfrm state add ID [ALGO-LIST] [mode MODE] [reqid REQID] [replay-window SIZE]
//     [replay-seq SEQ] [replay-oseq SEQ] [replay-seq-hi SEQ] [replay-oseq-hi SEQ]
//     [flag FLAG-LIST] [LIMIT-LIST]
//   ID := [src ADDR] [dst ADDR] [proto XFRM-PROTO] [spi SPI]
//   ALGO := {enc | auth} ALGO-NAME ALGO-KEYMAT | auth-trunc ALGO-NAME ALGO-KEYMAT
//     ALGO-TRUNC-LEN | aead ALGO-NAME ALGO-KEYMAT ALGO-ICV-LEN
//   FLAG := ... | align4 | esn
//   ip xfrm policy add SELECTOR dir DIR [priority PRIORITY] [action {allow|block}]
//     [TMPL-LIST];  TMPL := tmpl ID [mode MODE] [reqid REQID]
//   SELECTOR := [src ADDR[/PLEN]] [dst ADDR[/PLEN]] [UPSPEC]
//   UPSPEC := proto {{tcp|udp|sctp|dccp} [sport PORT] [dport PORT] |
//                    {icmp|...} [type NUMBER] [code NUMBER] | PROTO}
// xfrm_state.c parses the arguments in any order; a key is "0x" + hex (or a string taken as
// is, "" for none: NULL encryption); `flag esn` needs a non-zero replay-window, also on an
// outbound SA (it refuses "esn flag set without replay-window"); with ESN the replay-* values
// go to XFRMA_REPLAY_ESN_VAL.

/// One row: IANA transform type and ID -> the kernel's ALGO keyword and name.
struct LinuxName
{
    TransformType type; ///< ENCR or INTEG
    uint16_t id;        ///< IANA ID
    XfrmAlgorithm algo; ///< what `ip xfrm` takes
};

// The kernel's names, net/xfrm/xfrm_algo.c (Linux 6.x): aead_list has "rfc4106(gcm(aes))"
// for ICVs of 64, 96 and 128 bits, "rfc4543(gcm(aes))" (AES-GMAC, ENCR_NULL_AUTH_AES_GMAC,
// 128) and "rfc7539esp(chacha20,poly1305)" (128); ealg_list "ecb(cipher_null)",
// "cbc(des3_ede)", "cbc(aes)", "rfc3686(ctr(aes))" (key + 32-bit nonce) and "cbc(des)";
// aalg_list "hmac(sha1)" (truncated to 96 bits), "hmac(sha256)" (128, RFC 4868; the table's
// default of 96 is the old draft's), "hmac(sha384)" (192), "hmac(sha512)" (256), "xcbc(aes)"
// (96) and "hmac(md5)" (96).
const LinuxName kLinuxNames[] = {
    {TransformType::ENCR, 11, {"enc", "ecb(cipher_null)"}},
    {TransformType::ENCR, 3, {"enc", "cbc(des3_ede)"}},
    {TransformType::ENCR, 12, {"enc", "cbc(aes)"}},
    {TransformType::ENCR, 13, {"enc", "rfc3686(ctr(aes))"}},
    {TransformType::ENCR, 18, {"aead", "rfc4106(gcm(aes))"}},
    {TransformType::ENCR, 19, {"aead", "rfc4106(gcm(aes))"}},
    {TransformType::ENCR, 20, {"aead", "rfc4106(gcm(aes))"}},
    {TransformType::ENCR, 21, {"aead", "rfc4543(gcm(aes))"}},
    {TransformType::ENCR, 28, {"aead", "rfc7539esp(chacha20,poly1305)"}},
    {TransformType::ENCR, 2, {"enc", "cbc(des)"}},
    {TransformType::INTEG, 2, {"auth-trunc", "hmac(sha1)"}},
    {TransformType::INTEG, 5, {"auth-trunc", "xcbc(aes)"}},
    {TransformType::INTEG, 12, {"auth-trunc", "hmac(sha256)"}},
    {TransformType::INTEG, 13, {"auth-trunc", "hmac(sha384)"}},
    {TransformType::INTEG, 14, {"auth-trunc", "hmac(sha512)"}},
    {TransformType::INTEG, 1, {"auth-trunc", "hmac(md5)"}},
};

/**
 * @brief An algorithm, its key and its ICV/truncation length as `ip xfrm` arguments.
 * @param info the transform
 * @param key its key
 * @return e.g. "aead 'rfc4106(gcm(aes))' 0x... 128"
 */
std::string
AlgoArguments(const TransformInfo& info, const std::vector<uint8_t>& key)
{
    const XfrmAlgorithm algo = GetXfrmAlgorithm(info);
    if (algo.name == nullptr)
    {
        throw ConfigError(std::string("xfrm export: Linux has no ") + info.keyword + " (" +
                          info.ianaName + ")");
    }
    std::string out = std::string(algo.type) + " '" + algo.name + "' " +
                      (key.empty() ? std::string("\"\"") : "0x" + BytesToHex(key));
    if (std::string(algo.type) != "enc")
    {
        out += " " + std::to_string(info.icvSize * 8);
    }
    return out;
}

/**
 * @brief A 32-bit number as "0x%08x".
 * @param v the number
 * @return the text
 */
std::string
Hex32(uint32_t v)
{
    char buf[16];
    std::snprintf(buf, sizeof(buf), "0x%08x", v);
    return buf;
}

/**
 * @brief An address range as ADDR/PLEN, if it is a prefix.
 * @param range the range
 * @param out receives e.g. "10.1.1.0/24" or "0.0.0.0/0"
 * @return false if the range is not a prefix
 */
bool
PrefixOf(const AddressRange& range, std::string& out)
{
    const uint32_t first = range.first.Get();
    const uint32_t last = range.last.Get();
    if (last < first)
    {
        return false;
    }
    const uint64_t size = uint64_t{last} - first + 1;
    uint32_t length = 32;
    while (length > 0 && (uint64_t{1} << (32 - length)) < size)
    {
        length--;
    }
    const uint64_t block = uint64_t{1} << (32 - length);
    if (block != size || (first & (block - 1)) != 0)
    {
        return false;
    }
    std::ostringstream os;
    os << range.first << "/" << length;
    out = os.str();
    return true;
}

/**
 * @brief The protocol of a selector as `ip xfrm` names it.
 * @param protocol the IP protocol number
 * @return "tcp", "udp", "icmp", "sctp", "dccp" or the number
 */
std::string
ProtocolName(uint8_t protocol)
{
    switch (protocol)
    {
    case 1:
        return "icmp";
    case 6:
        return "tcp";
    case 17:
        return "udp";
    case 33:
        return "dccp";
    case 132:
        return "sctp";
    default:
        return std::to_string(protocol);
    }
}

/**
 * @brief A port (or ICMP type/code) restriction as an argument.
 * @param keyword "sport", "dport", "type" or "code"
 * @param ports the range
 * @param out appended to: " keyword N" for one value, nothing for any
 * @return false for a range Linux cannot express
 */
bool
PortArgument(const char* keyword, const PortRange& ports, std::string& out)
{
    if (ports.IsAny())
    {
        return true;
    }
    if (ports.first != ports.last)
    {
        return false;
    }
    out += std::string(" ") + keyword + " " + std::to_string(ports.first);
    return true;
}

} // namespace

XfrmAlgorithm
GetXfrmAlgorithm(const TransformInfo& info)
{
    for (const auto& row : kLinuxNames)
    {
        if (row.type == info.type && row.id == info.id)
        {
            return row.algo;
        }
    }
    return XfrmAlgorithm{nullptr, nullptr};
}

std::string
XfrmStateCommand(const SaConfig& sa)
{
    std::ostringstream os;
    os << "ip xfrm state add src " << sa.source << " dst " << sa.destination << " proto "
       << (sa.protocol == IpsecProtocol::AH ? "ah" : "esp") << " spi " << Hex32(sa.spi) << " reqid "
       << sa.reqid << " mode " << (sa.mode == IpsecMode::TUNNEL ? "tunnel" : "transport");
    const bool esn = sa.IsEsn();
    uint32_t window = sa.replayWindow;
    if (esn && window == 0)
    {
        window = 1; // iproute2 refuses ESN without a window, even where it is not used
    }
    os << " replay-window " << window;
    if (sa.direction == SaDirection::OUTBOUND && sa.initialSequence != 0)
    {
        os << " replay-oseq " << Hex32(static_cast<uint32_t>(sa.initialSequence));
        if (esn)
        {
            os << " replay-oseq-hi " << Hex32(static_cast<uint32_t>(sa.initialSequence >> 32));
        }
    }
    if (sa.direction == SaDirection::INBOUND && sa.replayHighest != 0)
    {
        os << " replay-seq " << Hex32(static_cast<uint32_t>(sa.replayHighest));
        if (esn)
        {
            os << " replay-seq-hi " << Hex32(static_cast<uint32_t>(sa.replayHighest >> 32));
        }
    }
    std::string flags;
    if (esn)
    {
        flags += " esn";
    }
    if (sa.protocol == IpsecProtocol::AH && sa.ahAlignment == AH_ALIGNMENT_IPV4)
    {
        flags += " align4"; // Linux pads IPv4 AH to 8 bytes unless told (net/ipv4/ah4.c)
    }
    if (!flags.empty())
    {
        os << " flag" << flags;
    }
    if (sa.protocol == IpsecProtocol::AH)
    {
        if (sa.ahIntegrity == nullptr)
        {
            throw ConfigError("xfrm export: AH SA " + sa.ToString() + " has no algorithm");
        }
        os << " " << AlgoArguments(*sa.ahIntegrity, sa.integrityKey);
    }
    else
    {
        sa.espSuite.Validate();
        os << " " << AlgoArguments(*sa.espSuite.encryption, sa.encryptionKey);
        if (sa.espSuite.integrity != nullptr)
        {
            os << " " << AlgoArguments(*sa.espSuite.integrity, sa.integrityKey);
        }
    }
    const SaLifetime& lt = sa.lifetime;
    const std::pair<const char*, uint64_t> limits[] = {
        {"time-soft", static_cast<uint64_t>(lt.softTime.GetSeconds())},
        {"time-hard", static_cast<uint64_t>(lt.hardTime.GetSeconds())},
        {"byte-soft", lt.softBytes},
        {"byte-hard", lt.hardBytes},
        {"packet-soft", lt.softPackets},
        {"packet-hard", lt.hardPackets},
    };
    for (const auto& [name, value] : limits)
    {
        if (value != 0)
        {
            os << " limit " << name << " " << value;
        }
    }
    return os.str();
}

std::string
XfrmPolicyCommand(const SecurityPolicy& policy, uint32_t priority)
{
    const TrafficSelector& ts = policy.selector;
    const bool out = policy.direction == PolicyDirection::OUT;
    std::string src;
    std::string dst;
    if (!PrefixOf(out ? ts.local : ts.remote, src) || !PrefixOf(out ? ts.remote : ts.local, dst))
    {
        return "# not expressible in ip xfrm (an address range that is not a prefix): " +
               policy.ToString();
    }
    std::string upspec;
    if (ts.protocol != 0)
    {
        upspec = " proto " + ProtocolName(ts.protocol);
        bool ok = true;
        if (ts.protocol == PROTOCOL_ICMP)
        {
            // ICMP: type and code, the same on both sides (TrafficSelector::Mirror)
            ok = PortArgument("type", ts.localPorts, upspec) &&
                 PortArgument("code", ts.remotePorts, upspec);
        }
        else if (ts.protocol == 6 || ts.protocol == 17 || ts.protocol == 33 || ts.protocol == 132)
        {
            ok = PortArgument("sport", out ? ts.localPorts : ts.remotePorts, upspec) &&
                 PortArgument("dport", out ? ts.remotePorts : ts.localPorts, upspec);
        }
        else
        {
            ok = !ts.HasPortRestriction();
        }
        if (!ok)
        {
            return "# not expressible in ip xfrm (a port range other than one port or all): " +
                   policy.ToString();
        }
    }
    else if (ts.HasPortRestriction())
    {
        return "# not expressible in ip xfrm (ports without a protocol): " + policy.ToString();
    }
    const char* dir = out ? "out" : (policy.direction == PolicyDirection::IN ? "in" : "fwd");
    std::ostringstream os;
    os << "ip xfrm policy add src " << src << " dst " << dst << upspec << " dir " << dir
       << " priority " << priority;
    switch (policy.action)
    {
    case PolicyAction::BYPASS:
        os << " action allow";
        break;
    case PolicyAction::DISCARD:
        os << " action block";
        break;
    case PolicyAction::PROTECT: {
        std::vector<const char*> protocols;
        if (policy.protocol != IpsecProtocol::AH)
        {
            protocols.push_back("esp");
        }
        if (policy.protocol != IpsecProtocol::ESP)
        {
            protocols.push_back("ah"); // outer: ESP inside AH
        }
        for (const char* p : protocols)
        {
            os << " tmpl";
            if (policy.mode == IpsecMode::TUNNEL)
            {
                // the SA's outer addresses as its packets carry them
                os << " src " << (out ? policy.tunnelLocal : policy.tunnelRemote) << " dst "
                   << (out ? policy.tunnelRemote : policy.tunnelLocal);
            }
            os << " proto " << p << " reqid " << policy.reqid << " mode "
               << (policy.mode == IpsecMode::TUNNEL ? "tunnel" : "transport");
        }
        break;
    }
    }
    return os.str();
}

void
WriteXfrmScript(std::ostream& os,
                const std::string& title,
                const std::vector<SaConfig>& sas,
                const std::vector<SecurityPolicy>& policies)
{
    os << "#!/bin/sh\n"
       << "# Linux IPsec (ip xfrm, iproute2) for " << title << ", written by ns3-ipsec.\n"
       << "# Run as root on a host or in a network namespace that has these addresses; it adds\n"
       << "# to what is there (ip xfrm state flush; ip xfrm policy flush empties it first).\n"
       << "set -e\n\n";
    os << "# SAs (" << sas.size() << ")\n";
    for (const SaConfig& sa : sas)
    {
        os << "# " << (sa.direction == SaDirection::OUTBOUND ? "outbound" : "inbound") << ": "
           << sa.ToString() << "\n";
        if (sa.crypto == CryptoMode::MODELED)
        {
            os << "# MODELED CRYPTO: the simulation sent this SA's payload in clear with a zero "
                  "ICV; Linux will not accept its packets\n";
        }
        os << XfrmStateCommand(sa) << "\n";
    }
    os << "\n# Policies (" << policies.size() << ")\n";
    uint32_t priority = 100;
    for (const SecurityPolicy& p : policies)
    {
        os << XfrmPolicyCommand(p, priority) << "\n";
        priority += 10;
    }
}

} // namespace ipsec
} // namespace ns3
