// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * An IKEv1 ISAKMP SA and its exchanges (RFC 2408, RFC 2409; strongSwan's task_manager_v1 with
 * main_mode, aggressive_mode, quick_mode, informational and isakmp_dpd): phase 1 in main mode
 * (six messages, identities encrypted) or aggressive mode (three, identities and HASH_R in the
 * clear), phase 2 in quick modes (HASH(1..3), IDci/IDcr as selectors, KEYMAT per SPI, PFS with a
 * KE payload), several at once by message ID; INFORMATIONAL exchanges for DELETE, error
 * notifications and dead peer detection (RFC 3706). Like Ikev2Sa it turns datagrams into
 * datagrams; sockets, timers and the data plane belong to the daemon that owns it.
 *
 * IKEv1 has no responses that a request waits for as IKEv2 has: every message but the last of an
 * exchange is answered by the next one. Each end therefore keeps, per exchange, the last message
 * it sent while it waits for the peer's next one (GetAwaiting(): the daemon retransmits them),
 * and answers a retransmitted message with its own last message again, never processing a
 * message twice (the CBC IV chain forbids it).
 */
#ifndef IKEV1_SA_H
#define IKEV1_SA_H

#include "ikev1-keymat.h"
#include "ikev1-message.h"
#include "ikev1-proposal-codec.h"
#include "ikev2-sa.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

class Ikev1Crypter;

/**
 * @ingroup ipsec
 * @brief What an ISAKMP SA's keys are, for key logs (Wireshark's ikev1_decryption_table, the
 * ikev1_keys study file) and tests.
 */
struct Ikev1SaKeyInfo
{
    uint64_t cookieI{0};                  ///< initiator's cookie
    uint64_t cookieR{0};                  ///< responder's cookie
    Ikev1Keys keys;                       ///< SKEYID, SKEYID_d/a/e
    std::vector<uint8_t> encryptionKey;   ///< the cipher key (RFC 2409 Appendix B)
    const TransformInfo* cipher{nullptr}; ///< the cipher
    const TransformInfo* prf{nullptr};    ///< the PRF (HMAC of the negotiated hash)
};

/**
 * @ingroup ipsec
 * @brief One ISAKMP SA, either end.
 */
class Ikev1Sa
{
  public:
    /**
     * @brief An ISAKMP SA of a connection.
     * @param initiator whether this end starts it
     * @param config the connection (its ikev1Mode, proposals, PSK, children)
     * @param sources randomness and inbound SPIs
     */
    Ikev1Sa(bool initiator, std::shared_ptr<const IkePeerConfig> config, Ikev2Sources sources);
    /**
     * @brief An ISAKMP SA of a connection given by value (tests, tools).
     * @param initiator whether this end starts it
     * @param config the connection
     * @param sources randomness and inbound SPIs
     */
    Ikev1Sa(bool initiator, IkePeerConfig config, Ikev2Sources sources);
    ~Ikev1Sa();

    Ikev1Sa(const Ikev1Sa&) = delete;
    Ikev1Sa& operator=(const Ikev1Sa&) = delete;

    /**
     * @brief Initiator: start phase 1; once it is up, a quick mode for the CHILD SA
     * configuration first (with the trigger's selectors when given), then one for each other.
     * @param first the CHILD SA configuration to negotiate first
     * @param triggerLocal the triggering packet's local side, or nullptr
     * @param triggerRemote its remote side, or nullptr
     * @return the datagrams to send (the first phase-1 message)
     */
    std::vector<std::vector<uint8_t>> Initiate(size_t first = 0,
                                               const IkeTsSide* triggerLocal = nullptr,
                                               const IkeTsSide* triggerRemote = nullptr);

    /**
     * @brief Initiator: phase 1 alone, for an ISAKMP SA that replaces an expiring one of the
     * connection (strongSwan's IKEv1 reauthentication); it adopts that one's IPsec SAs once up
     * (AdoptChildren), so no quick mode follows.
     * @return the datagrams to send (the first phase-1 message)
     */
    std::vector<std::vector<uint8_t>> Reauthenticate();

    /**
     * @brief Hand this ISAKMP SA's IPsec SAs over (to the ISAKMP SA that replaces it); it keeps
     * none, so its Delete() then deletes the ISAKMP SA alone.
     * @return the IPsec SAs
     */
    std::vector<Ikev2ChildSa> TakeChildren();

    /**
     * @brief Take over the IPsec SAs of the ISAKMP SA this one replaces (its later quick modes
     * rekey them, its deletes delete them).
     * @param children the IPsec SAs
     */
    void AdoptChildren(std::vector<Ikev2ChildSa> children);

    /**
     * @brief Process a datagram for this ISAKMP SA.
     * @param datagram the message
     * @return the datagrams to send: the next message of the exchange, our last one again for a
     *         retransmitted message, a notification, or nothing (then GetDropReason() may say why)
     */
    std::vector<std::vector<uint8_t>> Receive(ByteSpan datagram);

    /**
     * @brief Start a quick mode for a CHILD SA configuration (queued until phase 1 is up).
     * @param child its index in the connection's children
     * @param triggerLocal the triggering packet's local side, or nullptr
     * @param triggerRemote its remote side, or nullptr
     * @return the datagrams to send
     */
    std::vector<std::vector<uint8_t>> CreateChild(size_t child,
                                                  const IkeTsSide* triggerLocal = nullptr,
                                                  const IkeTsSide* triggerRemote = nullptr);

    /**
     * @brief Rekey a CHILD SA: a new quick mode for its configuration and selectors (PFS if its
     * proposals have a group); the old SA is deleted once the new one is up.
     * @param inboundSpi its inbound SPI
     * @return the datagrams to send
     */
    std::vector<std::vector<uint8_t>> RekeyChild(uint32_t inboundSpi);

    /**
     * @brief Delete a CHILD SA: an INFORMATIONAL with a Delete payload for its inbound SPI (a
     * notification: nothing answers it).
     * @param inboundSpi its inbound SPI
     * @return the datagrams to send
     */
    std::vector<std::vector<uint8_t>> DeleteChild(uint32_t inboundSpi);

    /**
     * @brief Delete the CHILD SAs, then the ISAKMP SA (strongSwan's order); the SA is DELETED.
     * @return the datagrams to send
     */
    std::vector<std::vector<uint8_t>> Delete();

    /**
     * @brief Dead peer detection (RFC 3706): an R-U-THERE notification with the next sequence
     * number; awaiting its R-U-THERE-ACK.
     * @return the datagrams to send (none before phase 1 is up, or when the peer has not sent
     *         the DPD vendor ID)
     */
    std::vector<std::vector<uint8_t>> CheckLiveness();

    /**
     * @brief The messages that wait for an answer, by exchange: each the last message this end
     * sent in that exchange. The owner retransmits them until they leave this list, and gives
     * up (the SA fails) after its retries.
     * @return message ID and message, for each exchange waiting
     */
    std::vector<std::pair<uint32_t, std::vector<uint8_t>>> GetAwaiting() const;

    /**
     * @brief The owner gave up retransmitting an exchange's message: the ISAKMP SA fails if it
     * was phase 1 or a DPD (the peer is dead), the quick mode is abandoned otherwise.
     * @param messageId the exchange
     */
    void GiveUp(uint32_t messageId);

    /**
     * @brief A protected message of a new exchange (a new message ID, HASH(1), encrypted under
     * the ISAKMP SA) with any payloads, as this end would send it; nothing else changes. For
     * tests, fuzzing and attack tools that need hostile payloads behind a valid HASH.
     * @param exchange ikev1::QUICK_MODE or ikev1::INFORMATIONAL
     * @param payloads the payloads after HASH(1)
     * @return the message, or nothing before phase 1 is up
     */
    std::vector<uint8_t> Protect(uint8_t exchange, const std::vector<Ikev1Payload>& payloads);

    /// @return what the exchanges did since the last call (CHILD SAs up, rekeyed, down)
    std::vector<Ikev2Event> TakeEvents();

    /// @return the cryptographic work done since the last call, for the crypto engine
    std::vector<IkeCryptoJob> TakeJobs();

    /// @return the state (CONNECTING during phase 1, ESTABLISHED after it)
    Ikev2SaState GetState() const;

    /**
     * @brief The ISAKMP SA's lifetime as the ends agreed on it (RFC 2407 §4.5.4): the Life
     * Duration the initiator offered, the responder's own when shorter (the responder says so
     * in a RESPONDER-LIFETIME notification, as Cisco IOS does; the initiator then adopts it);
     * without an offered duration, this end's own.
     * @return the lifetime (zero: none, or phase 1 is not done)
     */
    Time GetLifetime() const;

    /// @return why the SA failed ("" if it did not): AUTHENTICATION_FAILED, NO_PROPOSAL_CHOSEN, ...
    const std::string& GetError() const;

    /// @return why the last datagram was dropped ("" if it was not)
    const std::string& GetDropReason() const;

    /// @return whether this end started the ISAKMP SA
    bool IsInitiator() const;

    /// @return the initiator's cookie
    uint64_t GetCookieI() const;

    /// @return the responder's cookie (0 before the responder answered)
    uint64_t GetCookieR() const;

    /// @return our cookie (the initiator's if we started it, else the responder's)
    uint64_t GetOwnCookie() const;

    /// @return the phase-1 mode
    Ikev1Mode GetMode() const;

    /// @return the connection
    const IkePeerConfig& GetConfig() const;

    /// @return whether the keys are there (phase 1's KE exchange done)
    bool HasKeys() const;

    /// @return the ISAKMP SA's keys (valid once HasKeys())
    const Ikev1SaKeyInfo& GetKeyInfo() const;

    /// @return the chosen phase-1 proposal (valid once chosen)
    const IkeProposal& GetProposal() const;

    /// @return the CHILD SAs up
    const std::vector<Ikev2ChildSa>& GetChildren() const;

    /// @return the peer's phase-1 identity (once received)
    const IkeIdentity& GetPeerIdentity() const;

    /// What the ISAKMP SA sent or accepted: whether sent, the header, the (decrypted) payloads,
    /// whether the exchange's initiator sent it (strongSwan logs those as requests, the others
    /// as responses).
    using MessageCallback = std::function<
        void(bool sent, const IkeHeader&, const std::vector<Ikev1Payload>&, bool request)>;

    /**
     * @brief Report every message built or accepted (traces, message sequence charts).
     * @param callback the callback
     */
    void SetMessageCallback(MessageCallback callback);

  private:
    /// A quick mode under way (either end), by its message ID.
    struct QuickMode
    {
        uint32_t messageId{0};                     ///< M-ID
        bool initiator{false};                     ///< this end started it
        uint8_t step{0};                           ///< quick-mode messages sent and received so far
        size_t child{0};                           ///< the CHILD SA configuration
        IkeTsSide localTs;                         ///< this end's selector (IDci at the initiator)
        IkeTsSide remoteTs;                        ///< the peer's selector
        bool ids{true};                            ///< the exchange carries IDci/IDcr
        std::vector<uint8_t> ni;                   ///< Ni_b
        std::vector<uint8_t> nr;                   ///< Nr_b
        std::unique_ptr<KeyExchange> ke;           ///< PFS
        std::vector<uint8_t> gxy;                  ///< PFS: the quick mode's g^xy
        uint32_t inboundSpi{0};                    ///< our SPI
        uint32_t inboundAhSpi{0};                  ///< our AH SPI (ESP+AH bundle)
        Ikev1Phase2Transform chosen;               ///< the chosen transform (with the peer's SPI)
        uint32_t lifeSeconds{0};                   ///< the agreed lifetime (RESPONDER-LIFETIME)
        uint32_t rekeyOf{0};                       ///< inbound SPI of the CHILD SA it rekeys
        std::vector<uint8_t> received;             ///< the last message received
        std::vector<uint8_t> sent;                 ///< our last message
        bool awaiting{false};                      ///< sent waits for the peer's next message
        Ikev2ChildSa result;                       ///< responder: the CHILD SA, until message 3
        std::vector<Ikev1Phase2Transform> offered; ///< initiator: what it offered
    };

    /// A finished quick mode, to answer its last message again.
    struct Done
    {
        uint32_t messageId;            ///< M-ID
        std::vector<uint8_t> received; ///< the last message received
        std::vector<uint8_t> sent;     ///< our last message
    };

    // ikev1-sa.cc: messages, retransmissions, informational exchanges
    /// Build, encrypt (when keys exist and encrypt is set) and report a message (request: sent
    /// by the exchange's initiator).
    std::vector<uint8_t> Build(uint8_t exchange,
                               uint32_t messageId,
                               const std::vector<Ikev1Payload>& payloads,
                               bool encrypt,
                               bool request);
    /// A protected message: HASH(1) of an informational or HASH(1)/(2) of a quick mode first.
    std::vector<uint8_t> BuildHashed(uint8_t exchange,
                                     uint32_t messageId,
                                     const std::vector<Ikev1Payload>& payloads,
                                     const std::vector<uint8_t>& niForHash2,
                                     bool request);
    /// An INFORMATIONAL exchange of its own (new message ID, HASH(1) when protected).
    std::vector<uint8_t> Informational(const std::vector<Ikev1Payload>& payloads);
    /// Process an INFORMATIONAL message.
    std::vector<std::vector<uint8_t>> OnInformational(const Ikev1Message& message,
                                                      ByteSpan datagram);
    /// Phase 1 failed: the error, and a notification for the peer when there is one to send.
    std::vector<std::vector<uint8_t>> Fail(const std::string& error, uint16_t notify);
    /// Drop a datagram with a reason.
    std::vector<std::vector<uint8_t>> Drop(const std::string& reason);
    /// Drop a protected message with a reason and tell the peer (a protected INFORMATIONAL
    /// with an ISAKMP-level notification); the ISAKMP SA stays.
    std::vector<std::vector<uint8_t>> Refuse(const std::string& reason, uint16_t notify);
    /// Decrypt an encrypted message's payloads without moving the IV (true and the payloads
    /// and the plaintext on success).
    bool Open(const Ikev1Message& message,
              std::vector<Ikev1Payload>& payloads,
              std::vector<uint8_t>& plain);
    /// A fresh cookie (never 0).
    uint64_t RandomCookie();
    /// A fresh message ID (never 0, not one in use).
    uint32_t RandomMessageId();
    /// Check a protected message's HASH(1) (informational, quick mode) or HASH(2).
    bool CheckHash1(const Ikev1Message& message,
                    const std::vector<Ikev1Payload>& payloads,
                    const std::vector<uint8_t>& plain,
                    const std::vector<uint8_t>& niForHash2);
    /// CKY-I | CKY-R, the SPI of ISAKMP notifications and deletes.
    std::vector<uint8_t> CookieBytes() const;
    /// A notification about the ISAKMP SA (protocol ISAKMP, the cookies as its SPI).
    Ikev1Payload IsakmpNotify(uint16_t type, std::vector<uint8_t> data = {}) const;
    /// A payload type RFC 2408 or its extensions do not define, if one is there (else 0).
    static uint8_t UnknownPayloadType(const std::vector<Ikev1Payload>& payloads);
    /// The Delete payloads of a CHILD SA's inbound SPIs (ESP and AH of a bundle: one each).
    static std::vector<Ikev1Payload> DeletePayloadsOf(const Ikev2ChildSa& child);
    /// The peer deleted SAs.
    void OnDelete(const Ikev1DeletePayload& d);
    /// Initiator: the responder's RESPONDER-LIFETIME for the ISAKMP SA (a shorter one holds).
    void OnResponderLifetime(const Ikev1NotifyPayload& n);
    /// The ISAKMP protocol ID of an IPsec protocol.
    static uint8_t ProtocolIdOf(IpsecProtocol protocol);
    /// Random bytes from the sources.
    std::vector<uint8_t> Random(size_t n);
    /// Charge a PRF computation.
    void ChargePrf(uint32_t bytes, uint32_t count = 1);
    /// Charge the encryption or decryption of a message.
    void ChargeCipher(bool outbound, size_t bytes);
    /// Start the quick modes queued while phase 1 ran.
    std::vector<std::vector<uint8_t>> StartQueued();

    // ikev1-phase1.cc: main and aggressive mode
    /// Initiator: the first phase-1 message.
    std::vector<uint8_t> BuildPhase1First();
    /// Process a phase-1 message (either end).
    std::vector<std::vector<uint8_t>> OnPhase1(const Ikev1Message& message, ByteSpan datagram);
    /// Both ends: the KE and nonce are in: the shared secret, SKEYID and the keys.
    bool DeriveKeys();
    /// Our ID payload (phase 1).
    Ikev1IdPayload OwnId() const;
    /// HASH_I or HASH_R over an ID payload body.
    std::vector<uint8_t> Phase1Hash(bool ofInitiator, const std::vector<uint8_t>& idBody);
    /// Read the peer's SA payload (responder) and choose.
    bool ChooseSa(const Ikev1SaPayload& sa, std::string& error);
    /// Check the responder's choice (initiator).
    bool CheckChoice(const Ikev1SaPayload& sa, std::string& error);
    /// The peer's KE and nonce payloads.
    bool TakeKeNonce(const std::vector<Ikev1Payload>& payloads, std::string& error);
    /// Read the peer's ID payload and check it against the connection's remote identity.
    bool ReadPeerId(const std::vector<Ikev1Payload>& payloads, std::string& error);
    /// Check the peer's HASH_I or HASH_R, or its certificate and SIG (error says why not).
    bool CheckPeerAuth(const std::vector<Ikev1Payload>& payloads, std::string& error);
    /// Our Authentication Method: PSK, or the signature method of our key.
    uint16_t OwnAuthMethod() const;
    /// CERTREQ payloads for our trusted CAs (signature authentication only).
    void AddCertReqs(std::vector<Ikev1Payload>& out) const;
    /// Our HASH payload (PSK), or CERT payloads and SIG (signatures).
    void AddAuthPayloads(bool ofInitiator, std::vector<Ikev1Payload>& out);
    /// Our vendor IDs (DPD).
    static void AddVendorIds(std::vector<Ikev1Payload>& payloads);
    /// Note the peer's vendor IDs.
    void ReadVendorIds(const std::vector<Ikev1Payload>& payloads);
    /// Phase 1 is done: ESTABLISHED, queued quick modes start.
    std::vector<std::vector<uint8_t>> Established();

    // ikev1-quick-mode.cc
    /// Initiator: a new quick mode's first message, for the configuration's first selectors
    /// or the given ones (a rekey's).
    std::vector<uint8_t> StartQuickMode(size_t child,
                                        const IkeTsSide* local,
                                        const IkeTsSide* remote,
                                        uint32_t rekeyOf);
    /// Process a quick-mode message (either end).
    std::vector<std::vector<uint8_t>> OnQuickMode(const Ikev1Message& message, ByteSpan datagram);
    /// Responder: the first message of a quick mode.
    std::vector<std::vector<uint8_t>> OnQuickModeRequest(const Ikev1Message& message,
                                                         const std::vector<Ikev1Payload>& in,
                                                         const std::vector<uint8_t>& bytes);
    /// Both ends: the CHILD SA of a finished negotiation (keys from KEYMAT).
    Ikev2ChildSa MakeChild(QuickMode& qm);
    /// Forget an exchange.
    void EndQuickMode(uint32_t messageId);

    bool m_initiator;                              ///< this end started the ISAKMP SA
    std::shared_ptr<const IkePeerConfig> m_config; ///< the connection
    Ikev2Sources m_sources;                        ///< randomness and SPIs
    Ikev1Mode m_mode;                              ///< main or aggressive
    Ikev2SaState m_state{Ikev2SaState::CREATED};   ///< state
    std::string m_error;                           ///< why it failed
    std::string m_drop;                            ///< why the last datagram was dropped
    MessageCallback m_onMessage;                   ///< reports messages (may be empty)

    // phase 1
    uint8_t m_step{0};                           ///< phase-1 messages sent and received so far
    std::unique_ptr<KeyExchange> m_ke;           ///< our DH
    std::vector<uint8_t> m_ni;                   ///< Ni_b
    std::vector<uint8_t> m_nr;                   ///< Nr_b
    std::vector<uint8_t> m_gxi;                  ///< g^xi
    std::vector<uint8_t> m_gxr;                  ///< g^xr
    std::vector<uint8_t> m_gxy;                  ///< g^xy
    std::vector<uint8_t> m_saiBody;              ///< SAi_b: the initiator's SA payload body
    std::vector<Ikev1Phase1Transform> m_offered; ///< initiator: the transforms it offered
    std::vector<uint8_t> m_ownIdBody;            ///< IDii_b or IDir_b: our ID payload body
    std::vector<uint8_t> m_peerIdBody;           ///< the peer's ID payload body
    Ikev1Phase1Transform m_chosen;               ///< the chosen phase-1 transform
    bool m_chosenSet{false};                     ///< m_chosen is valid
    uint32_t m_lifeSeconds{0};                   ///< the agreed ISAKMP SA lifetime (0: none)
    std::unique_ptr<Prf> m_prf;                  ///< the negotiated PRF
    Ikev1SaKeyInfo m_keyInfo;                    ///< cookies and keys
    bool m_hasKeys{false};                       ///< keys derived
    std::unique_ptr<Ikev1Crypter> m_crypter;     ///< message encryption
    IkeIdentity m_peerId;                        ///< the peer's identity
    bool m_peerDpd{false};                       ///< the peer sent the DPD vendor ID
    std::vector<uint8_t> m_p1Received;           ///< the last phase-1 message received (as bytes)
    std::vector<uint8_t> m_p1Sent;               ///< our last phase-1 message
    bool m_p1Awaiting{false};                    ///< m_p1Sent waits for the peer's next message

    // phase 2 and later
    std::map<uint32_t, std::unique_ptr<QuickMode>> m_quickModes; ///< quick modes by message ID

    /// quick modes to start once phase 1 is up: configuration, trigger sides
    struct Queued
    {
        size_t child;     ///< configuration index
        bool trigger;     ///< the sides are set
        IkeTsSide local;  ///< trigger local side
        IkeTsSide remote; ///< trigger remote side
        uint32_t rekeyOf; ///< inbound SPI of the CHILD SA it rekeys (0: none)
    };

    std::vector<Queued> m_queued;         ///< quick modes to start
    std::vector<Done> m_done;             ///< quick modes over, the latest last
    std::vector<Ikev2ChildSa> m_children; ///< CHILD SAs up
    std::vector<Ikev2Event> m_events;     ///< for the owner
    std::vector<IkeCryptoJob> m_jobs;     ///< crypto work for the owner
    uint32_t m_dpdSeq{0};                 ///< the last R-U-THERE sequence number sent
    uint32_t m_dpdMessageId{0};           ///< its message ID while unanswered (0: none)
    std::vector<uint8_t> m_dpdMessage;    ///< the R-U-THERE message while unanswered
};

} // namespace ipsec
} // namespace ns3

#endif /* IKEV1_SA_H */
