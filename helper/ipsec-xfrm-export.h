// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * A node's SAs and policies as Linux `ip xfrm` commands (iproute2), so that a Linux host or
 * network namespace can take a simulated node's place, or talk to one, with the same keys.
 */
#ifndef IPSEC_XFRM_EXPORT_H
#define IPSEC_XFRM_EXPORT_H

#include "ns3/ipsec-security-association.h"
#include "ns3/ipsec-security-policy.h"

#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief How Linux names an algorithm in `ip xfrm state`: the ALGO keyword and name.
 */
struct XfrmAlgorithm
{
    const char* type; ///< "enc", "auth-trunc" or "aead"
    const char* name; ///< the kernel's name, e.g. "rfc4106(gcm(aes))" (net/xfrm/xfrm_algo.c)
};

/**
 * @brief The Linux name of a transform, from the kernel's algorithm table
 * (net/xfrm/xfrm_algo.c: aead_list, aalg_list, ealg_list).
 * @param info an encryption or integrity transform of the table
 * @return its name, with a null name for a transform Linux has not
 */
XfrmAlgorithm GetXfrmAlgorithm(const TransformInfo& info);

/**
 * @brief One SA as an `ip xfrm state add` command (one line, no newline), e.g.
 * @verbatim
 ip xfrm state add src 10.1.1.1 dst 10.3.1.2 proto esp spi 0x00001001 reqid 1 mode transport
   replay-window 32 aead 'rfc4106(gcm(aes))' 0x<key|salt> 128
 @endverbatim
 * With `flag esn` for ESN, `flag align4` for AH with RFC 4302's 4-byte alignment (Linux pads
 * IPv4 AH to 8 bytes without it), `replay-oseq`/`replay-oseq-hi` for an outbound SA's initial
 * sequence number, `replay-seq`/`replay-seq-hi` for an inbound SA's replay preset, and
 * `limit` for lifetimes.
 * @param sa the SA's configuration
 * @return the command
 * @throws ConfigError for an algorithm Linux does not have
 */
std::string XfrmStateCommand(const SaConfig& sa);

/**
 * @brief One policy as an `ip xfrm policy add` command, e.g.
 * @verbatim
 ip xfrm policy add src 10.1.1.0/24 dst 10.3.1.0/24 dir out priority 100
   tmpl src 10.2.1.1 dst 10.2.2.2 proto esp reqid 1 mode tunnel
 @endverbatim
 * OUT policies select src local dst remote; IN and FWD policies src remote dst local (the
 * traffic as it arrives). PROTECT gets one `tmpl` per protocol (ESP first, then AH: the first
 * template is applied innermost), BYPASS `action allow`, DISCARD `action block`. A selector
 * Linux cannot express (an address range that is not a prefix, a port range that is neither
 * one port nor all) gives a comment line ("# ...") saying so instead.
 * @param policy the policy
 * @param priority the Linux priority (lower goes first)
 * @return the command, or a comment
 */
std::string XfrmPolicyCommand(const SecurityPolicy& policy, uint32_t priority);

/**
 * @brief Write a shell script of `ip xfrm` commands: every SA, then every policy (OUT, IN,
 * FWD in the SPD's order, priorities increasing in that order).
 * @param os the stream
 * @param title a comment line for the header (e.g. "node 2 (10.2.1.1)")
 * @param sas the SAs
 * @param policies the policies
 */
void WriteXfrmScript(std::ostream& os,
                     const std::string& title,
                     const std::vector<SaConfig>& sas,
                     const std::vector<SecurityPolicy>& policies);

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_XFRM_EXPORT_H */
