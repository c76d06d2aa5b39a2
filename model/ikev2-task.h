// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * IKEv2 tasks, after strongSwan's task design (libcharon/sa/ikev2/tasks): each task is one
 * piece of an exchange, with an initiator half (build the request, process the response) and a
 * responder half (process the request, build the response). Several tasks can fill one
 * message (IKE_AUTH carries the IKE authentication and the first CHILD SA). The state they
 * share is the IKE SA's (Ikev2SaContext).
 */
#ifndef IKEV2_TASK_H
#define IKEV2_TASK_H

#include "ike-config.h"
#include "ike-key-exchange.h"
#include "ikev2-keymat.h"
#include "ikev2-message.h"
#include "ikev2-sk-codec.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief The AH SAs of an ESP+AH bundle (IKEv1 only; RFC 2408 §4.2): ESP is applied first,
 * then AH over it (RFC 4301 §4.3 transport adjacency), both with the CHILD SA's mode and reqid.
 */
struct ChildSaAh
{
    ChildProposal proposal;  ///< the chosen AH proposal (one integrity algorithm)
    uint32_t inboundSpi{0};  ///< SPI of the AH SA this end receives on
    uint32_t outboundSpi{0}; ///< SPI of the AH SA this end sends on
    ChildSaKeys inbound;     ///< key of the inbound AH SA
    ChildSaKeys outbound;    ///< key of the outbound AH SA
};

/**
 * @ingroup ipsec
 * @brief A negotiated CHILD SA: everything the data plane needs to install both directions.
 */
struct Ikev2ChildSa
{
    std::string name;                  ///< the CHILD SA configuration's name
    IpsecMode mode{IpsecMode::TUNNEL}; ///< mode
    ChildProposal proposal;            ///< the chosen proposal (one transform of each type)
    uint32_t inboundSpi{0};            ///< SPI of the SA this end receives on (it chose it)
    uint32_t outboundSpi{0};           ///< SPI of the SA this end sends on (the peer chose it)
    ChildSaKeys inbound;               ///< keys of the inbound SA
    ChildSaKeys outbound;              ///< keys of the outbound SA
    std::vector<IkeTsSide> localTs;    ///< narrowed local traffic selectors
    std::vector<IkeTsSide> remoteTs;   ///< narrowed remote traffic selectors
    uint32_t rekeyOf{0};               ///< inbound SPI of the CHILD SA this one rekeyed (0: none)
    uint16_t keGroup{0};               ///< key exchange of its CREATE_CHILD_SA (PFS; 0: none)
    bool local{false};                 ///< this end initiated the exchange that created it
    /// IKEv1: the hard lifetime the quick mode agreed on (the SA Life Duration offered, or the
    /// responder's shorter RESPONDER-LIFETIME, RFC 2407 §4.5.4, §4.6.3.1); zero: none (IKEv2
    /// negotiates no lifetimes: each end keeps its own)
    Time lifetime{Seconds(0)};
    /// IKEv1 ESP+AH bundle: the AH SAs beside the ESP ones described above (policies ask for
    /// esp+ah); none for a single protocol
    std::optional<ChildSaAh> ah;
    /// the lower of the exchange's two nonces (CREATE_CHILD_SA), for rekey collisions (§2.8.1)
    std::vector<uint8_t> lowestNonce;
};

/**
 * @ingroup ipsec
 * @brief A piece of cryptographic work an IKE SA did, for the node's crypto engine (operation
 * names of the cost table: "ke/<group>/keygen", "prf/<prf>", "esp/<suite>/out" for the SK
 * payload).
 */
struct IkeCryptoJob
{
    std::string operation; ///< the cost table's operation
    uint32_t bytes{0};     ///< the job's size
};

/**
 * @ingroup ipsec
 * @brief Something an IKE SA's exchanges did that its owner (the daemon) acts on.
 */
struct Ikev2Event
{
    /// What happened.
    enum Type : uint8_t
    {
        CHILD_UP,      ///< a new CHILD SA was negotiated (child)
        CHILD_REKEYED, ///< child replaces the CHILD SA whose inbound SPI is child.rekeyOf
        CHILD_DOWN,    ///< the CHILD SA with inbound SPI spi was deleted
        /// our CREATE_CHILD_SA failed (refused, e.g. TEMPORARY_FAILURE in a collision): for a
        /// rekey, spi is the inbound SPI of the CHILD SA still to rekey
        CHILD_FAILED,
        /// our IKE SA rekey failed; the IKE SA stays as it is
        IKE_REKEY_FAILED,
        /// IKEv1 quick-mode responder: the CHILD SA with inbound SPI spi, installed inbound only
        /// (inboundOnly) when it answered, is confirmed (message 3): send on it now, and no
        /// longer on the CHILD SA it rekeyed
        CHILD_OUTBOUND,
        /// IKEv1 initiator: the responder lowered the ISAKMP SA's lifetime with a
        /// RESPONDER-LIFETIME notification (Ikev1Sa::GetLifetime()): replace it sooner
        IKE_LIFETIME,
    };

    Type type{CHILD_UP}; ///< what happened
    Ikev2ChildSa child;  ///< CHILD_UP, CHILD_REKEYED: the CHILD SA
    uint32_t spi{0};     ///< CHILD_DOWN: the deleted CHILD SA's inbound SPI
    bool local{false};   ///< this end initiated the exchange
    /// CHILD_REKEYED: a rekey collision made the CHILD SA with this inbound SPI redundant and
    /// this end deletes it (0: none); its outbound half is no longer used
    uint32_t redundant{0};
    /// CHILD_UP, CHILD_REKEYED: install the inbound SA only; the outbound one follows with
    /// CHILD_OUTBOUND (IKEv1 quick-mode responder, between messages 2 and 3)
    bool inboundOnly{false};
};

/**
 * @ingroup ipsec
 * @brief Where an IKE SA's randomness and inbound SPIs come from (ns-3 random streams and the
 * node's IpsecStack in a simulation; fixed sources in tests).
 */
struct Ikev2Sources
{
    std::function<void(uint8_t*, size_t)> bytes; ///< random bytes (nonces, SPIs, DH keys, IVs)
    std::function<uint32_t()> allocateSpi;       ///< a fresh inbound CHILD SA SPI
};

/**
 * @ingroup ipsec
 * @brief The state of one IKE SA that its tasks read and write.
 */
struct Ikev2SaContext
{
    bool initiator{false}; ///< this end started the IKE SA
    /// the connection (shared with the daemon and the IKE SA's successors: not a copy per SA)
    std::shared_ptr<const IkePeerConfig> config;
    Ikev2Sources sources;                ///< randomness and SPIs
    uint64_t spiI{0};                    ///< IKE SA initiator's SPI
    uint64_t spiR{0};                    ///< IKE SA responder's SPI
    std::vector<uint8_t> ni;             ///< initiator's nonce
    std::vector<uint8_t> nr;             ///< responder's nonce
    std::unique_ptr<KeyExchange> ke;     ///< this end's key exchange
    IkeProposal proposal;                ///< the chosen IKE proposal
    Ikev2IkeSaKeys keys;                 ///< SK_d, SK_a, SK_e, SK_p
    std::unique_ptr<Ikev2SkCodec> codec; ///< protects IKE_AUTH and later messages
    std::vector<uint8_t> initRequest;    ///< the IKE_SA_INIT request as sent (for AUTH)
    std::vector<uint8_t> initResponse;   ///< the IKE_SA_INIT response as sent (for AUTH)
    std::vector<uint8_t> cookie;         ///< initiator: the responder's cookie (§2.6), if any
    uint8_t cookieRetries{0};            ///< initiator: IKE_SA_INIT retries for cookies
    /// the hashes the peer's SIGNATURE_HASH_ALGORITHMS notify named (RFC 7427 §4; empty: none)
    std::vector<uint16_t> peerSignatureHashes;
    std::string peerSubject; ///< the subject of the peer's certificate, once verified
    /// RFC 7383: both ends announced IKEV2_FRAGMENTATION_SUPPORTED and this end allows it
    bool fragmentation{false};
    bool authenticated{false};          ///< the peer's AUTH verified
    std::vector<Ikev2ChildSa> children; ///< CHILD SAs up (negotiated, not deleted)
    std::vector<Ikev2Event> events;     ///< what the exchanges did, for the owner to take
    /// inbound SPIs of CHILD SAs this end must delete: the redundant ones of rekey collisions
    std::vector<uint32_t> redundant;
    bool deleted{false}; ///< an IKE SA DELETE was sent and answered, or received
    /// the IKE SA that a rekey of this one created (§2.18), with the CHILD SAs moved to it, until
    /// the owner takes it
    std::unique_ptr<Ikev2SaContext> successor;
    /// IKE SAs a rekey collision made besides the successor (§2.8.2), without CHILD SAs, until
    /// the owner takes them; true: this end made the redundant one and deletes it
    std::vector<std::pair<std::unique_ptr<Ikev2SaContext>, bool>> otherIkeSas;
    /// our IKE SA rekey is under way (its response not yet processed)
    bool ikeRekeyActive{false};
    /// as responder of the peer's IKE SA rekey while ours was under way: the new IKE SA, kept
    /// until ours completes to see which of the two is redundant
    std::unique_ptr<Ikev2SaContext> collided;
    /// a successor was made: the IKE SA is on its way out and refuses further rekeys (§2.25.2)
    bool rekeyed{false};
    /// this end deletes this IKE SA after its rekey (it started the surviving rekey)
    bool deleteAfterRekey{false};
    /// the lower of the rekey exchange's nonces (set in a successor), for collisions
    std::vector<uint8_t> rekeyNonce;
    std::string error;              ///< why the IKE SA failed (a notify name or reason)
    std::vector<IkeCryptoJob> jobs; ///< crypto work since the owner last took it
};

/// What a task's half did.
enum class Ikev2TaskStatus : uint8_t
{
    DONE,   ///< this half is complete
    RETRY,  ///< (initiator) send the request again with changed content (INVALID_KE_PAYLOAD)
    FAILED, ///< the IKE SA cannot go on (ctx.error says why)
    /// another exchange of the same type follows (the EAP rounds of IKE_AUTH, RFC 7296 §2.16):
    /// the initiator's next request carries only this task's payloads, and the tasks after it
    /// see only the last response; the responder keeps this task and those after it for the
    /// next request (the tasks after it process the first request's payloads then), as
    /// strongSwan's tasks return NEED_MORE
    NEED_MORE,
};

/**
 * @ingroup ipsec
 * @brief One task of an exchange.
 */
class Ikev2Task
{
  public:
    virtual ~Ikev2Task() = default;

    /// @return the exchange type this task runs in
    virtual uint8_t GetExchangeType() const = 0;

    /**
     * @brief Initiator: add this task's payloads to a request.
     * @param ctx the IKE SA
     * @param out the payloads so far
     */
    virtual void BuildRequest(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out) = 0;

    /**
     * @brief Initiator: read the response.
     * @param ctx the IKE SA
     * @param in the response's payloads (decrypted)
     * @return the outcome
     */
    virtual Ikev2TaskStatus ProcessResponse(Ikev2SaContext& ctx,
                                            const std::vector<Ikev2Payload>& in) = 0;

    /**
     * @brief Responder: read the request.
     * @param ctx the IKE SA
     * @param in the request's payloads (decrypted)
     * @return the outcome (FAILED: the response carries only the failure's notification)
     */
    virtual Ikev2TaskStatus ProcessRequest(Ikev2SaContext& ctx,
                                           const std::vector<Ikev2Payload>& in) = 0;

    /**
     * @brief Responder: add this task's payloads to the response.
     * @param ctx the IKE SA
     * @param out the payloads so far
     */
    virtual void BuildResponse(Ikev2SaContext& ctx, std::vector<Ikev2Payload>& out) = 0;
};

/**
 * @brief A Notify payload without SPI.
 * @param type the notify type
 * @param data the notification data
 * @return the payload
 */
Ikev2Payload MakeIkev2Notify(uint16_t type, std::vector<uint8_t> data = {});

/**
 * @brief The first payload of a type among payloads, with its body.
 * @tparam T the body type
 * @param payloads the payloads
 * @param type the payload type
 * @return the body or nullptr
 */
template <typename T>
const T*
FindIkev2Payload(const std::vector<Ikev2Payload>& payloads, uint8_t type)
{
    for (const auto& p : payloads)
    {
        if (p.type == type)
        {
            return std::get_if<T>(&p.body);
        }
    }
    return nullptr;
}

/**
 * @brief The first error notification (type below 16384) among payloads.
 * @param payloads the payloads
 * @return the notify or nullptr
 */
const Ikev2NotifyPayload* FindIkev2ErrorNotify(const std::vector<Ikev2Payload>& payloads);

/**
 * @brief The first notification of a type among payloads.
 * @param payloads the payloads
 * @param type the notify type
 * @return the notify or nullptr
 */
const Ikev2NotifyPayload* FindIkev2Notify(const std::vector<Ikev2Payload>& payloads, uint16_t type);

/**
 * @brief A CHILD SA of the IKE SA by one of its SPIs.
 * @param ctx the IKE SA
 * @param spi the SPI
 * @param inbound whether spi is the inbound SPI (else the outbound one)
 * @return its index in ctx.children, or -1
 */
int FindIkev2Child(const Ikev2SaContext& ctx, uint32_t spi, bool inbound);

/**
 * @brief Random bytes from the IKE SA's source.
 * @param ctx the IKE SA
 * @param n how many
 * @return them
 */
std::vector<uint8_t> Ikev2RandomBytes(Ikev2SaContext& ctx, size_t n);

/**
 * @brief A random IKE SPI (never 0) from the IKE SA's source.
 * @param ctx the IKE SA
 * @return the SPI
 */
uint64_t Ikev2RandomSpi(Ikev2SaContext& ctx);

/**
 * @brief SK_* from SKEYSEED (RFC 7296 §2.14) for the IKE SA's proposal, nonces and SPIs, and
 * the SK codec that protects its messages (IVs from its source).
 * @param ctx the IKE SA (proposal, ni, nr, spiI, spiR and initiator set)
 * @param skeyseed SKEYSEED (ComputeSkeyseed, or ComputeRekeySkeyseed for a rekeyed IKE SA)
 */
void Ikev2SetIkeSaKeys(Ikev2SaContext& ctx,
                       const std::vector<uint8_t>& skeyseed,
                       std::vector<IkeCryptoJob>& jobs);

/**
 * @brief Record a key exchange step (ke/<group>/keygen or derive, the public value's size).
 * @param jobs where
 * @param ke the key exchange
 * @param phase keygen or derive
 */
void Ikev2ChargeKe(std::vector<IkeCryptoJob>& jobs, const KeyExchange& ke, KePhase phase);

/**
 * @brief Record PRF computations (prf/<prf>).
 * @param jobs where
 * @param prf the PRF transform
 * @param bytes the data of each
 * @param count how many
 */
void Ikev2ChargePrf(std::vector<IkeCryptoJob>& jobs,
                    const TransformInfo& prf,
                    uint32_t bytes,
                    uint32_t count = 1);

/**
 * @brief Record prf+ (§2.13): one PRF computation per output block over T(n-1) | seed | n.
 * @param jobs where
 * @param prf the PRF transform
 * @param outputBytes the key material wanted
 * @param seedBytes the seed's size
 */
void Ikev2ChargePrfPlus(std::vector<IkeCryptoJob>& jobs,
                        const TransformInfo& prf,
                        uint32_t outputBytes,
                        uint32_t seedBytes);

/// Nonce bytes this end sends: 32 (strongSwan's NONCE_SIZE; RFC 7296 §2.10: at least half the
/// PRF's key size and at least 16).
constexpr size_t IKEV2_NONCE_SIZE = 32;
/// Smallest nonce a peer may send (§3.9).
constexpr size_t IKEV2_NONCE_MIN = 16;
/// Largest nonce a peer may send (§3.9).
constexpr size_t IKEV2_NONCE_MAX = 256;

} // namespace ipsec
} // namespace ns3

#endif /* IKEV2_TASK_H */
