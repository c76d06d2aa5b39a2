// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * An IKEv2 SA and its task manager (RFC 7296 §2.1-§2.3; strongSwan's ike_sa and
 * task_manager_v2): message IDs with a window of one, the initiator's queue of tasks run
 * exchange by exchange, the responder's tasks made per request, responses kept for
 * retransmitted requests. It turns datagrams into datagrams; sockets, timers and the data
 * plane belong to the daemon that owns it.
 */
#ifndef IKEV2_SA_H
#define IKEV2_SA_H

#include "ikev2-task.h"

#include <functional>
#include <list>
#include <memory>
#include <vector>

namespace ns3
{
namespace ipsec
{

struct Ikev2HeldExchange;
struct Ikev2Fragments;

/// An IKE SA's state (strongSwan's ike_sa_state_t, simplified).
enum class Ikev2SaState : uint8_t
{
    CREATED,     ///< nothing sent or received yet
    CONNECTING,  ///< IKE_SA_INIT or IKE_AUTH in progress
    ESTABLISHED, ///< authenticated both ways
    DELETING,    ///< established, its DELETE sent and not answered yet (strongSwan's IKE_DELETING)
    FAILED,      ///< negotiation failed (GetContext().error says why); the SA is to be dropped
    DELETED,     ///< deleted by an INFORMATIONAL exchange (either side); the SA is to be dropped
};

/**
 * @brief A state's name.
 * @param state the state
 * @return e.g. "ESTABLISHED"
 */
const char* ToString(Ikev2SaState state);

/**
 * @ingroup ipsec
 * @brief One IKE SA, either end.
 */
class Ikev2Sa
{
  public:
    /**
     * @brief An IKE SA of a connection.
     * @param initiator whether this end starts it
     * @param config the connection (the responder's: the one the request is for)
     * @param sources randomness and inbound SPIs
     */
    Ikev2Sa(bool initiator, std::shared_ptr<const IkePeerConfig> config, Ikev2Sources sources);
    /**
     * @brief An IKE SA of a connection given by value (tests, tools).
     * @param initiator whether this end starts it
     * @param config the connection
     * @param sources randomness and inbound SPIs
     */
    Ikev2Sa(bool initiator, IkePeerConfig config, Ikev2Sources sources);
    ~Ikev2Sa();

    /**
     * @brief An IKE SA that a rekey established (§2.18).
     * @param established its state
     */
    explicit Ikev2Sa(Ikev2SaContext&& established);

    /**
     * @brief Initiator: queue IKE_SA_INIT and IKE_AUTH (with one CHILD SA of the connection,
     * the others in a CREATE_CHILD_SA each) and build the first request.
     * @param first the CHILD SA configuration IKE_AUTH creates (an Acquire's; default the first)
     * @param triggerLocal the triggering packet's local side (§2.9), or nullptr
     * @param triggerRemote its remote side, or nullptr
     * @return the IKE_SA_INIT request
     */
    std::vector<uint8_t> Initiate(size_t first = 0,
                                  const IkeTsSide* triggerLocal = nullptr,
                                  const IkeTsSide* triggerRemote = nullptr);

    /**
     * @brief Process a datagram for this IKE SA.
     * @param datagram the IKE message
     * @return what to send back: the response to a request (or the cached one for a
     *         retransmitted request), the initiator's next request, or nothing
     */
    std::vector<uint8_t> Receive(ByteSpan datagram);

    /**
     * @brief Queue a task (initiator of its exchange) on an established IKE SA. Exchanges run
     * one at a time (window 1): the request is built now if none is outstanding, else after.
     * @param task the task
     * @return the request to send now, or nothing
     */
    std::vector<uint8_t> Queue(std::unique_ptr<Ikev2Task> task);

    /**
     * @brief Rekey a CHILD SA (CREATE_CHILD_SA with REKEY_SA, §1.3.3; PFS if its proposals
     * have a key exchange method); the old one is deleted once the new one is up.
     * @param inboundSpi the CHILD SA's inbound SPI
     * @return the request to send now, or nothing
     */
    std::vector<uint8_t> RekeyChild(uint32_t inboundSpi);

    /**
     * @brief Rekey the IKE SA (CREATE_CHILD_SA, §1.3.2). When it completes, TakeSuccessor()
     * gives the new IKE SA (with the CHILD SAs), and this one deletes itself with the peer.
     * @return the request to send now, or nothing
     */
    std::vector<uint8_t> RekeyIke();

    /**
     * @brief The IKE SA a rekey of this one created (either end), once.
     * @return it, established, or null
     */
    std::unique_ptr<Ikev2Sa> TakeSuccessor();

    /**
     * @brief The other IKE SAs a rekey collision made (§2.8.2), once: established, without
     * CHILD SAs; true for the redundant one this end made and must delete (Delete()), false
     * for the one the peer will delete.
     * @return them
     */
    std::vector<std::pair<std::unique_ptr<Ikev2Sa>, bool>> TakeOtherIkeSas();

    /**
     * @brief Delete a CHILD SA (INFORMATIONAL with a Delete payload, §1.4.1).
     * @param inboundSpi its inbound SPI
     * @return the request to send now, or nothing
     */
    std::vector<uint8_t> DeleteChild(uint32_t inboundSpi);

    /**
     * @brief Delete the IKE SA and its CHILD SAs (§1.4.1).
     * @return the request to send now, or nothing
     */
    std::vector<uint8_t> Delete();

    /**
     * @brief Dead peer detection: an empty INFORMATIONAL request (§2.4).
     * @return the request to send now, or nothing
     */
    std::vector<uint8_t> CheckLiveness();

    /// @return whether a request of ours awaits its response or is queued
    bool IsBusy() const;

    /**
     * @brief The request of the next queued task, if none is outstanding: after answering a
     * request, this end may have work of its own (deleting the redundant CHILD SA of a rekey
     * collision).
     * @return the request to send now, or nothing
     */
    std::vector<uint8_t> SendQueued();

    /**
     * @brief What the exchanges did since the last call (CHILD SAs up, rekeyed, down).
     * @return the events, oldest first
     */
    std::vector<Ikev2Event> TakeEvents();

    /**
     * @brief The cryptographic work done since the last call (key exchange, PRFs, the SK
     * payload), for the node's crypto engine.
     * @return the jobs, in order
     */
    std::vector<IkeCryptoJob> TakeJobs();

    /// @return the state
    Ikev2SaState GetState() const;

    /// @return the shared state (keys, nonces, CHILD SAs, the error if FAILED)
    const Ikev2SaContext& GetContext() const;

    /// @return the last request sent, for retransmission (empty if none is outstanding)
    const std::vector<uint8_t>& GetOutstandingRequest() const;

    /// @return why the last datagram was dropped ("" if it was not)
    const std::string& GetDropReason() const;

    /**
     * @brief The datagrams a message goes out as: its IKE fragments (RFC 7383) when this IKE
     * SA fragmented it (the message returned by the other methods is then the first
     * fragment), else the message itself. The daemon sends and retransmits through it.
     * @param message a message this IKE SA returned (a request or a response)
     * @return the datagrams to send, in order
     */
    std::vector<std::vector<uint8_t>> Datagrams(const std::vector<uint8_t>& message) const;

    /**
     * What the IKE SA sent or accepted: whether sent, the header, the payloads (those inside
     * the SK payload for a protected message). Called once per message built and per message
     * accepted (not for dropped ones, nor for cached responses sent again).
     */
    using MessageCallback =
        std::function<void(bool sent, const IkeHeader&, const std::vector<Ikev2Payload>&)>;

    /**
     * @brief Report every message built or accepted (for traces and message sequence charts).
     * @param callback the callback
     */
    void SetMessageCallback(MessageCallback callback);

  private:
    /// Build and protect the request of the next exchange from the queue's head.
    /// @param only if set, the one task that builds it (it returned NEED_MORE)
    std::vector<uint8_t> SendRequest(const Ikev2Task* only = nullptr);
    /// Handle a response to our outstanding request.
    /// @param opened the payloads of a message reassembled from fragments (null: open its SK)
    std::vector<uint8_t> OnResponse(const Ikev2Message& message,
                                    ByteSpan datagram,
                                    const std::vector<Ikev2Payload>* opened = nullptr);
    /// Handle a request from the peer.
    /// @param opened the payloads of a message reassembled from fragments (null: open its SK)
    std::vector<uint8_t> OnRequest(const Ikev2Message& message,
                                   ByteSpan datagram,
                                   const std::vector<Ikev2Payload>* opened = nullptr);
    /// RFC 7383 §2.6: verify a fragment, keep it, and process the message once all are in.
    std::vector<uint8_t> OnFragment(const Ikev2Message& message, ByteSpan datagram);
    /**
     * @brief A message's bytes: in the clear for IKE_SA_INIT, else in an SK payload.
     * @param exchange the exchange type
     * @param response whether it is a response
     * @param messageId the message ID
     * @param payloads the payloads
     * @return the datagram
     */
    std::vector<uint8_t> Build(uint8_t exchange,
                               bool response,
                               uint32_t messageId,
                               const std::vector<Ikev2Payload>& payloads);
    /**
     * @brief Build, keep and count the response to a request.
     * @param request the request
     * @param bytes its bytes
     * @param response the response's payloads
     * @return the response
     */
    std::vector<uint8_t> Answer(const Ikev2Message& request,
                                const std::vector<uint8_t>& bytes,
                                const std::vector<Ikev2Payload>& response);
    /**
     * @brief Whether a queued task acts on this IKE SA itself (its rekey or its delete), so
     * that it does not move to the IKE SA that replaces it.
     * @param task the task
     * @return whether
     */
    static bool IsForThisIkeSaOnly(const Ikev2Task& task);
    /// @return whether a CREATE_CHILD_SA request's SA payload proposes an IKE SA (a rekey)
    static bool IsIkeRekey(const std::vector<Ikev2Payload>& payloads);
    /// Record the SK payload's protection (outbound) or check (inbound) of a message.
    void ChargeSk(bool outbound, size_t bytes);
    /// @return whether a CREATE_CHILD_SA of ours for a CHILD SA is under way
    bool HasActiveChildExchange() const;
    /// Free what only the IKE SA's set-up needed (the key exchange, the IKE_SA_INIT messages).
    void ReleaseSetupState();
    /// Queue the deletes of CHILD SAs that rekey collisions made redundant.
    void QueueRedundantDeletes();
    /// Drop a datagram with a reason.
    std::vector<uint8_t> Drop(const std::string& reason);

    Ikev2SaContext m_ctx;                        ///< state shared with the tasks
    Ikev2SaState m_state{Ikev2SaState::CREATED}; ///< state
    // lists, not deques: an empty std::deque allocates ~600 bytes, and most IKE SAs queue nothing
    std::list<std::unique_ptr<Ikev2Task>> m_queue;    ///< initiator: tasks not started
    std::list<std::unique_ptr<Ikev2Task>> m_carry;    ///< tasks for the successor (a rekey)
    std::vector<std::unique_ptr<Ikev2Task>> m_active; ///< initiator: the current exchange's
    uint32_t m_sendId{0};                             ///< our next request's message ID
    uint32_t m_recvId{0};                             ///< the peer's next request's message ID
    std::vector<uint8_t> m_request;                   ///< our outstanding request
    std::vector<uint8_t> m_lastPeerRequest;           ///< the peer's last request
    std::vector<uint8_t> m_lastResponse;              ///< our response to it
    std::string m_drop;                               ///< why the last datagram was dropped
    MessageCallback m_onMessage;                      ///< reports messages (may be empty)
    /// responder: an exchange that goes on (IKE_AUTH with EAP): its tasks and first request
    std::unique_ptr<Ikev2HeldExchange> m_held;
    /// RFC 7383: the fragments of our last request and response, and a message being
    /// reassembled (null until this IKE SA fragments or receives a fragment)
    std::unique_ptr<Ikev2Fragments> m_frag;
};

} // namespace ipsec
} // namespace ns3

#endif /* IKEV2_SA_H */
