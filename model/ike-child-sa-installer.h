// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Puts what IKE negotiated into a node's data plane, as charon's kernel interface does with
 * Linux XFRM: the policies of a CHILD SA configuration (OUT, IN and, in tunnel mode, FWD, as
 * strongSwan installs them) and the inbound and outbound SAs of a negotiated CHILD SA, linked
 * to the policies by the configuration's reqid (which rekeys keep, so rekeyed SAs serve the
 * same policies).
 */
#ifndef IKE_CHILD_SA_INSTALLER_H
#define IKE_CHILD_SA_INSTALLER_H

#include "ike-traffic-selector.h"
#include "ipsec-security-association.h"

#include "ns3/ptr.h"

#include <vector>

namespace ns3
{
namespace ipsec
{

class IpsecStack;
struct Ikev2ChildSa;

/**
 * @ingroup ipsec
 * @brief What the data plane needs for a CHILD SA that IKE does not negotiate.
 */
struct ChildSaDataPlane
{
    uint32_t replayWindow{32};           ///< strongSwan's replay_window default
    SaLifetime lifetime;                 ///< limits put on both SAs (IKE rekeys before them)
    CryptoMode crypto{CryptoMode::REAL}; ///< real or modeled cryptography
};

/**
 * @ingroup ipsec
 * @brief The SAs and policies one CHILD SA put into a node.
 */
struct InstalledChildSa
{
    uint32_t reqid{0};                 ///< the reqid of its policies
    Ptr<SecurityAssociation> inbound;  ///< the SA this node receives on
    Ptr<SecurityAssociation> outbound; ///< the SA this node sends on
    /// ESP+AH bundle: the AH SA this node receives on (null for a single protocol)
    Ptr<SecurityAssociation> inboundAh;
    Ptr<SecurityAssociation> outboundAh; ///< ESP+AH bundle: the AH SA this node sends on
    std::vector<uint32_t> policies;      ///< policies added for it (not ones already there)
};

/**
 * @ingroup ipsec
 * @brief The XFRM priority strongSwan gives the policy of an installed CHILD SA (its
 * kernel-netlink get_priority, class DEFAULT: base 512 doubled, less the prefix lengths of
 * the smallest subnets holding each side, times 4, plus 2 without ports and 1 without a
 * protocol): narrower selectors get lower values and are looked up first, and policies made
 * by hand (priority 0) come before all of them.
 * @param ts the selector
 * @return the priority
 */
uint32_t IkePolicyPriority(const TrafficSelector& ts);

/**
 * @brief Install the PROTECT policies for every pair of local and remote traffic selectors
 * (OUT, IN, and FWD in tunnel mode), skipping those the node already has with this reqid.
 * @param stack the node's IPsec
 * @param local the local selectors
 * @param remote the remote selectors
 * @param mode tunnel or transport
 * @param protocol ESP or AH
 * @param localAddress this end's IKE address (tunnel mode: the outer source)
 * @param remoteAddress the peer's IKE address
 * @param reqid the reqid
 * @return the ids of the policies added
 * @throws ConfigError if the data plane refuses a policy (a transport selector that is not the
 * node's own address, a conflict with a policy of another action)
 */
std::vector<uint32_t> InstallChildPolicies(Ptr<IpsecStack> stack,
                                           const std::vector<IkeTsSide>& local,
                                           const std::vector<IkeTsSide>& remote,
                                           IpsecMode mode,
                                           IpsecProtocol protocol,
                                           Ipv4Address localAddress,
                                           Ipv4Address remoteAddress,
                                           uint32_t reqid);

/**
 * @brief Install a negotiated CHILD SA: its policies (narrowed selectors; those already there
 * are kept; protocol esp+ah for a bundle), then the inbound SA, then, unless withOutbound is
 * false, the outbound one (an ESP+AH bundle: an ESP and an AH SA each way, one reqid).
 * @param stack the node's IPsec
 * @param child the CHILD SA as IKE negotiated it
 * @param localAddress this end's IKE address
 * @param remoteAddress the peer's
 * @param reqid the reqid of the CHILD SA's configuration
 * @param settings replay window, lifetimes, crypto mode
 * @param withOutbound false: leave the outbound SA to InstallOutboundSa (the responder of a
 *        rekey switches only once the initiator has deleted the old CHILD SA)
 * @return what was installed
 * @throws ConfigError if the data plane refuses the SAs or policies (nothing stays installed)
 */
InstalledChildSa InstallChildSa(Ptr<IpsecStack> stack,
                                const Ikev2ChildSa& child,
                                Ipv4Address localAddress,
                                Ipv4Address remoteAddress,
                                uint32_t reqid,
                                const ChildSaDataPlane& settings,
                                bool withOutbound = true);

/**
 * @brief Install the outbound SA (both, for an ESP+AH bundle) of a CHILD SA whose inbound half
 * InstallChildSa installed.
 * @param stack the node's IPsec
 * @param child the CHILD SA
 * @param localAddress this end's IKE address
 * @param remoteAddress the peer's
 * @param settings replay window, lifetimes, crypto mode
 * @param installed what InstallChildSa returned (its reqid); gets the outbound SAs
 * @throws ConfigError if the data plane refuses them (nothing of them stays installed)
 */
void InstallOutboundSa(Ptr<IpsecStack> stack,
                       const Ikev2ChildSa& child,
                       Ipv4Address localAddress,
                       Ipv4Address remoteAddress,
                       const ChildSaDataPlane& settings,
                       InstalledChildSa& installed);

/**
 * @brief Stop sending on a CHILD SA: remove its outbound SAs (the inbound ones stay).
 * @param stack the node's IPsec
 * @param installed what InstallChildSa returned; its outbound SAs become null
 */
void RemoveOutboundSa(Ptr<IpsecStack> stack, InstalledChildSa& installed);

/**
 * @brief Remove what InstallChildSa installed (SAs and the policies it added).
 * @param stack the node's IPsec
 * @param installed what it returned
 */
void RemoveChildSa(Ptr<IpsecStack> stack, const InstalledChildSa& installed);

} // namespace ipsec
} // namespace ns3

#endif /* IKE_CHILD_SA_INSTALLER_H */
