// SPDX-License-Identifier: GPL-2.0-only
#include "ikev2-sa.h"

#include "ikev2-child-create-task.h"
#include "ikev2-ike-auth-task.h"
#include "ikev2-ike-init-task.h"
#include "ikev2-ike-rekey-task.h"
#include "ikev2-informational-task.h"
#include "ipsec-config-error.h"
#include "ipsec-crypto-operation.h"

#include "ns3/log.h"

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("Ikev2Sa");

const char*
ToString(Ikev2SaState state)
{
    switch (state)
    {
    case Ikev2SaState::CREATED:
        return "CREATED";
    case Ikev2SaState::CONNECTING:
        return "CONNECTING";
    case Ikev2SaState::ESTABLISHED:
        return "ESTABLISHED";
    case Ikev2SaState::DELETING:
        return "DELETING";
    case Ikev2SaState::FAILED:
        return "FAILED";
    case Ikev2SaState::DELETED:
        return "DELETED";
    }
    return "unknown";
}

/// A responder's exchange that goes on over several requests (IKE_AUTH with EAP).
struct Ikev2HeldExchange
{
    std::vector<std::unique_ptr<Ikev2Task>> tasks; ///< the tasks, the first one not done
    std::vector<Ikev2Payload> payloads;            ///< the first request's payloads
};

/// IPv4 and UDP headers in front of an IKE message (RFC 7383's fragment size counts them).
constexpr uint32_t UDP_IP_HEADERS = 28;

/// RFC 7383: what an IKE SA keeps of fragmented messages.
struct Ikev2Fragments
{
    std::vector<std::vector<uint8_t>> request;  ///< our last request's fragments (or none)
    std::vector<std::vector<uint8_t>> response; ///< our last response's fragments (or none)
    // a message being reassembled
    uint32_t messageId{0};                     ///< its message ID
    bool isResponse{false};                    ///< whether it is a response
    uint16_t total{0};                         ///< its Total Fragments (0: none under way)
    uint8_t firstInner{0};                     ///< fragment 1's first payload type
    std::vector<std::vector<uint8_t>> content; ///< the pieces received, by number - 1
    std::vector<bool> have;                    ///< which pieces arrived
    std::vector<uint8_t> first;                ///< fragment 1's bytes (for retransmissions)
    IkeHeader firstHeader;                     ///< fragment 1's header
};

Ikev2Sa::Ikev2Sa(bool initiator, std::shared_ptr<const IkePeerConfig> config, Ikev2Sources sources)
{
    if (!config || config->proposals.empty())
    {
        throw ConfigError("IKE connection " + (config ? config->name : std::string("?")) +
                          ": no IKE proposal configured");
    }
    m_ctx.initiator = initiator;
    m_ctx.config = std::move(config);
    m_ctx.sources = std::move(sources);
}

Ikev2Sa::Ikev2Sa(bool initiator, IkePeerConfig config, Ikev2Sources sources)
    : Ikev2Sa(initiator,
              std::make_shared<const IkePeerConfig>(std::move(config)),
              std::move(sources))
{
}

Ikev2Sa::Ikev2Sa(Ikev2SaContext&& established)
    : m_ctx(std::move(established)),
      m_state(Ikev2SaState::ESTABLISHED)
{
}

Ikev2Sa::~Ikev2Sa() = default;

std::vector<uint8_t>
Ikev2Sa::RekeyIke()
{
    return Queue(std::make_unique<Ikev2IkeRekeyTask>());
}

bool
Ikev2Sa::IsForThisIkeSaOnly(const Ikev2Task& task)
{
    if (dynamic_cast<const Ikev2IkeRekeyTask*>(&task) != nullptr)
    {
        return true;
    }
    const auto* info = dynamic_cast<const Ikev2InformationalTask*>(&task);
    return info != nullptr && info->IsIkeDelete();
}

std::unique_ptr<Ikev2Sa>
Ikev2Sa::TakeSuccessor()
{
    if (!m_ctx.successor)
    {
        return nullptr;
    }
    auto next = std::make_unique<Ikev2Sa>(std::move(*m_ctx.successor));
    m_ctx.successor.reset();
    next->m_onMessage = m_onMessage;
    // Work queued for the CHILD SAs goes with them (the old IKE SA only deletes itself).
    for (auto& task : m_carry)
    {
        next->m_queue.push_back(std::move(task));
    }
    m_carry.clear();
    if (!m_ctx.deleteAfterRekey)
    {
        // The peer rekeyed: a delete of this IKE SA stays with it; a rekey of it not yet
        // started is moot (the new IKE SA has its own timer); the rest moves on.
        std::list<std::unique_ptr<Ikev2Task>> keep;
        for (auto& task : m_queue)
        {
            if (!IsForThisIkeSaOnly(*task))
            {
                next->m_queue.push_back(std::move(task));
            }
            else if (dynamic_cast<Ikev2InformationalTask*>(task.get()) != nullptr)
            {
                keep.push_back(std::move(task));
            }
        }
        m_queue.swap(keep);
    }
    return next;
}

std::vector<std::pair<std::unique_ptr<Ikev2Sa>, bool>>
Ikev2Sa::TakeOtherIkeSas()
{
    std::vector<std::pair<std::unique_ptr<Ikev2Sa>, bool>> out;
    for (auto& [ctx, deleteIt] : m_ctx.otherIkeSas)
    {
        auto sa = std::make_unique<Ikev2Sa>(std::move(*ctx));
        sa->m_onMessage = m_onMessage;
        out.emplace_back(std::move(sa), deleteIt);
    }
    m_ctx.otherIkeSas.clear();
    return out;
}

Ikev2SaState
Ikev2Sa::GetState() const
{
    if (m_state == Ikev2SaState::ESTABLISHED)
    {
        for (const auto& task : m_active)
        {
            if (IsForThisIkeSaOnly(*task) &&
                dynamic_cast<const Ikev2InformationalTask*>(task.get()) != nullptr)
            {
                return Ikev2SaState::DELETING; // it still answers the peer meanwhile
            }
        }
    }
    return m_state;
}

const Ikev2SaContext&
Ikev2Sa::GetContext() const
{
    return m_ctx;
}

const std::vector<uint8_t>&
Ikev2Sa::GetOutstandingRequest() const
{
    return m_request;
}

const std::string&
Ikev2Sa::GetDropReason() const
{
    return m_drop;
}

void
Ikev2Sa::SetMessageCallback(MessageCallback callback)
{
    m_onMessage = std::move(callback);
}

std::vector<uint8_t>
Ikev2Sa::Queue(std::unique_ptr<Ikev2Task> task)
{
    if (m_state != Ikev2SaState::ESTABLISHED)
    {
        return {};
    }
    m_queue.push_back(std::move(task));
    if (!m_active.empty())
    {
        return {}; // sent when the outstanding exchange completes
    }
    return SendRequest();
}

std::vector<uint8_t>
Ikev2Sa::RekeyChild(uint32_t inboundSpi)
{
    const int index = FindIkev2Child(m_ctx, inboundSpi, true);
    if (index < 0)
    {
        return {};
    }
    const Ikev2ChildSa& old = m_ctx.children[index];
    IkeChildConfig config =
        m_ctx.config->children.empty() ? IkeChildConfig() : m_ctx.config->children.front();
    for (const IkeChildConfig& c : m_ctx.config->children)
    {
        if (c.name == old.name)
        {
            config = c;
        }
    }
    return Queue(std::make_unique<Ikev2ChildCreateTask>(config, &old));
}

std::vector<uint8_t>
Ikev2Sa::DeleteChild(uint32_t inboundSpi)
{
    return Queue(
        std::make_unique<Ikev2InformationalTask>(Ikev2InformationalTask::DELETE_CHILD, inboundSpi));
}

std::vector<uint8_t>
Ikev2Sa::Delete()
{
    return Queue(std::make_unique<Ikev2InformationalTask>(Ikev2InformationalTask::DELETE_IKE));
}

std::vector<uint8_t>
Ikev2Sa::CheckLiveness()
{
    return Queue(std::make_unique<Ikev2InformationalTask>(Ikev2InformationalTask::DPD));
}

bool
Ikev2Sa::HasActiveChildExchange() const
{
    for (const auto& task : m_active)
    {
        if (task->GetExchangeType() == ikev2::CREATE_CHILD_SA &&
            dynamic_cast<const Ikev2IkeRekeyTask*>(task.get()) == nullptr)
        {
            return true;
        }
    }
    return false;
}

bool
Ikev2Sa::IsBusy() const
{
    return !m_active.empty() || !m_queue.empty();
}

void
Ikev2Sa::ChargeSk(bool outbound, size_t bytes)
{
    // The SK payload's cipher and integrity as the ESP operations of the same algorithms (the
    // cost table has no IKE rows of its own).
    EspSuite suite;
    suite.encryption = m_ctx.proposal.encryption.front();
    suite.integrity = m_ctx.proposal.integrity.empty() ? nullptr : m_ctx.proposal.integrity.front();
    m_ctx.jobs.push_back({EspOperation(suite, outbound), static_cast<uint32_t>(bytes)});
}

std::vector<IkeCryptoJob>
Ikev2Sa::TakeJobs()
{
    std::vector<IkeCryptoJob> out;
    out.swap(m_ctx.jobs);
    return out;
}

std::vector<Ikev2Event>
Ikev2Sa::TakeEvents()
{
    std::vector<Ikev2Event> out;
    out.swap(m_ctx.events);
    return out;
}

std::vector<uint8_t>
Ikev2Sa::Initiate(size_t first, const IkeTsSide* triggerLocal, const IkeTsSide* triggerRemote)
{
    m_queue.push_back(std::make_unique<Ikev2IkeInitTask>());
    m_queue.push_back(std::make_unique<Ikev2IkeAuthTask>());
    const auto& children = m_ctx.config->children;
    if (first < children.size())
    {
        auto task = std::make_unique<Ikev2ChildCreateTask>(children[first]);
        if (triggerLocal && triggerRemote)
        {
            task->SetTrigger(*triggerLocal, *triggerRemote);
        }
        m_queue.push_back(std::move(task));
        // The connection's other CHILD SAs follow, one CREATE_CHILD_SA each (strongSwan).
        for (size_t i = 0; i < children.size(); i++)
        {
            if (i != first)
            {
                m_queue.push_back(std::make_unique<Ikev2ChildCreateTask>(children[i], nullptr));
            }
        }
    }
    m_state = Ikev2SaState::CONNECTING;
    return SendRequest();
}

std::vector<uint8_t>
Ikev2Sa::SendRequest(const Ikev2Task* only)
{
    if (m_active.empty())
    {
        // The tasks at the queue's head that share an exchange go in one message (IKE_AUTH and
        // its CHILD SA, INFORMATIONAL deletes), but a CREATE_CHILD_SA creates or rekeys one SA
        // (RFC 7296 §1.3): one task each, as strongSwan's task manager activates them.
        const uint8_t exchange = m_queue.front()->GetExchangeType();
        while (!m_queue.empty() && m_queue.front()->GetExchangeType() == exchange &&
               (m_active.empty() || exchange != ikev2::CREATE_CHILD_SA))
        {
            m_active.push_back(std::move(m_queue.front()));
            m_queue.pop_front();
        }
    }
    std::vector<Ikev2Payload> payloads;
    for (auto& task : m_active)
    {
        if (!only || task.get() == only)
        {
            task->BuildRequest(m_ctx, payloads);
        }
    }
    const uint8_t exchange = m_active.front()->GetExchangeType();
    m_request = Build(exchange, false, m_sendId, payloads);
    if (exchange == ikev2::IKE_SA_INIT)
    {
        m_ctx.initRequest = m_request;
    }
    return m_request;
}

std::vector<uint8_t>
Ikev2Sa::Build(uint8_t exchange,
               bool response,
               uint32_t messageId,
               const std::vector<Ikev2Payload>& payloads)
{
    Ikev2Message m;
    m.header.initiatorSpi = m_ctx.spiI;
    m.header.responderSpi = m_ctx.spiR;
    m.header.exchangeType = exchange;
    m.header.flags = (m_ctx.initiator ? IkeHeader::FLAG_INITIATOR : 0) |
                     (response ? IkeHeader::FLAG_RESPONSE : 0);
    m.header.messageId = messageId;
    if (m_onMessage)
    {
        m_onMessage(true, m.header, payloads);
    }
    if (exchange == ikev2::IKE_SA_INIT || !m_ctx.codec)
    {
        m.payloads = payloads;
        return m.Serialize();
    }
    // RFC 7383 §2.5: a message too large for the path goes as fragments (only once both ends
    // announced it, so never IKE_SA_INIT)
    const uint32_t maxMessage = m_ctx.fragmentation && m_ctx.config->fragmentSize > UDP_IP_HEADERS
                                    ? m_ctx.config->fragmentSize - UDP_IP_HEADERS
                                    : 0;
    std::vector<std::vector<uint8_t>> datagrams =
        m_ctx.codec->ProtectMessage(m.header, payloads, maxMessage);
    for (const auto& d : datagrams)
    {
        ChargeSk(true, d.size());
    }
    if (datagrams.size() > 1 || m_frag)
    {
        if (!m_frag)
        {
            m_frag = std::make_unique<Ikev2Fragments>();
        }
        auto& kept = response ? m_frag->response : m_frag->request;
        kept.clear();
        if (datagrams.size() > 1)
        {
            kept = datagrams; // Datagrams() gives them all for this first one
        }
    }
    return datagrams.front();
}

std::vector<uint8_t>
Ikev2Sa::Drop(const std::string& reason)
{
    NS_LOG_INFO("dropped: " << reason);
    m_drop = reason;
    return {};
}

std::vector<uint8_t>
Ikev2Sa::Receive(ByteSpan datagram)
{
    m_drop.clear();
    Ikev2Message message;
    uint8_t critical = 0;
    const IkeParseError e = Ikev2Message::Parse(datagram, message, critical);
    if (e != IkeParseError::NONE)
    {
        return Drop(ToString(e));
    }
    const bool init = message.header.exchangeType == ikev2::IKE_SA_INIT;
    if ((m_ctx.spiI != 0 && message.header.initiatorSpi != m_ctx.spiI) ||
        (!init && m_ctx.spiR != 0 && message.header.responderSpi != m_ctx.spiR))
    {
        return Drop("unknown-ike-spi"); // not this IKE SA's (the daemon dispatches by SPI)
    }
    if (m_state == Ikev2SaState::FAILED)
    {
        return Drop("ike-sa-failed");
    }
    if (!message.payloads.empty() && message.payloads.back().type == ikev2::PAYLOAD_SKF)
    {
        return OnFragment(message, datagram);
    }
    return message.header.IsResponse() ? OnResponse(message, datagram)
                                       : OnRequest(message, datagram);
}

std::vector<uint8_t>
Ikev2Sa::OnResponse(const Ikev2Message& message,
                    ByteSpan datagram,
                    const std::vector<Ikev2Payload>* opened)
{
    if (m_active.empty() || message.header.messageId != m_sendId ||
        message.header.exchangeType != m_active.front()->GetExchangeType())
    {
        return Drop("unexpected-response");
    }
    std::vector<Ikev2Payload> payloads = opened ? *opened : message.payloads;
    const bool init = message.header.exchangeType == ikev2::IKE_SA_INIT;
    if (!init)
    {
        if (!opened)
        {
            uint8_t critical = 0;
            ChargeSk(false, datagram.size);
            const IkeParseError e = m_ctx.codec->Open(datagram, message, payloads, critical);
            if (e != IkeParseError::NONE)
            {
                return Drop(ToString(e)); // §2.21.2: a response that does not verify is ignored
            }
        }
    }
    else if (message.header.responderSpi != 0)
    {
        m_ctx.spiR = message.header.responderSpi;
        m_ctx.initResponse.assign(datagram.data, datagram.data + datagram.size);
    }
    if (m_onMessage)
    {
        m_onMessage(false, message.header, payloads);
    }
    const size_t eventsBefore = m_ctx.events.size();
    bool retry = false;
    for (auto& task : m_active)
    {
        const Ikev2TaskStatus status = task->ProcessResponse(m_ctx, payloads);
        if (status == Ikev2TaskStatus::FAILED)
        {
            NS_LOG_INFO("IKE SA failed: " << m_ctx.error);
            m_state = Ikev2SaState::FAILED;
            m_request.clear();
            return {};
        }
        if (status == Ikev2TaskStatus::NEED_MORE)
        {
            // §2.16: the exchange goes on with this task's next request; the tasks after it
            // (the CHILD SA of IKE_AUTH) read the last response
            m_sendId++;
            return SendRequest(task.get());
        }
        retry = retry || status == Ikev2TaskStatus::RETRY;
    }
    if (retry)
    {
        if (init)
        {
            m_ctx.spiR = 0; // §1.2: a new IKE_SA_INIT, as the first one
        }
        else
        {
            m_sendId++; // §1.3: the error response ended the exchange; a new one follows
        }
        return SendRequest();
    }
    m_active.clear();
    m_request.clear();
    m_sendId++;
    for (size_t i = eventsBefore; i < m_ctx.events.size(); i++)
    {
        const Ikev2Event& e = m_ctx.events[i];
        if (e.type == Ikev2Event::CHILD_REKEYED && e.local)
        {
            // The rekey's initiator deletes the old CHILD SA (§1.3.3; strongSwan's
            // child_rekey task queues child_delete).
            m_queue.push_back(
                std::make_unique<Ikev2InformationalTask>(Ikev2InformationalTask::DELETE_CHILD,
                                                         e.child.rekeyOf));
        }
    }
    QueueRedundantDeletes();
    if (m_ctx.deleted)
    {
        m_state = Ikev2SaState::DELETED;
        m_queue.clear();
        return {};
    }
    if (m_ctx.deleteAfterRekey)
    {
        m_ctx.deleteAfterRekey = false;
        // Work queued for the CHILD SAs goes with them to the new IKE SA (TakeSuccessor); a
        // delete of this IKE SA (its hard lifetime came during the rekey) does not: this one
        // goes anyway, and the new one must not.
        for (auto& task : m_queue)
        {
            if (!IsForThisIkeSaOnly(*task))
            {
                m_carry.push_back(std::move(task));
            }
        }
        // We rekeyed the IKE SA: the CHILD SAs moved to the new one; delete this one (§1.3.2).
        // Tasks queued here would find nothing to act on.
        m_queue.clear();
        m_queue.push_back(
            std::make_unique<Ikev2InformationalTask>(Ikev2InformationalTask::DELETE_IKE));
    }
    if (m_ctx.authenticated && m_state != Ikev2SaState::ESTABLISHED)
    {
        m_state = Ikev2SaState::ESTABLISHED;
        ReleaseSetupState();
    }
    if (!m_queue.empty())
    {
        return SendRequest();
    }
    return {};
}

std::vector<uint8_t>
Ikev2Sa::OnRequest(const Ikev2Message& message,
                   ByteSpan datagram,
                   const std::vector<Ikev2Payload>* opened)
{
    const std::vector<uint8_t> bytes(datagram.data, datagram.data + datagram.size);
    if (m_recvId > 0 && message.header.messageId == m_recvId - 1 && bytes == m_lastPeerRequest)
    {
        return m_lastResponse; // §2.1: a retransmitted request gets the same response
    }
    // The I flag says whether the original initiator sent it: requests come from the other end.
    if (message.header.messageId != m_recvId || message.header.IsInitiator() == m_ctx.initiator)
    {
        return Drop("unexpected-request");
    }
    const uint8_t exchange = message.header.exchangeType;
    std::vector<Ikev2Payload> payloads = opened ? *opened : message.payloads;
    std::vector<std::unique_ptr<Ikev2Task>> tasks;
    std::unique_ptr<Ikev2HeldExchange> held; // a continued exchange's tasks and first request
    if (exchange == ikev2::IKE_SA_INIT && m_state == Ikev2SaState::CREATED)
    {
        m_ctx.spiI = message.header.initiatorSpi;
        m_ctx.initRequest = bytes;
        tasks.push_back(std::make_unique<Ikev2IkeInitTask>());
    }
    else if ((exchange == ikev2::IKE_AUTH && m_state == Ikev2SaState::CONNECTING) ||
             ((exchange == ikev2::CREATE_CHILD_SA || exchange == ikev2::INFORMATIONAL) &&
              m_state == Ikev2SaState::ESTABLISHED))
    {
        if (!opened)
        {
            uint8_t critical = 0;
            ChargeSk(false, datagram.size);
            const IkeParseError e = m_ctx.codec->Open(datagram, message, payloads, critical);
            if (e != IkeParseError::NONE)
            {
                return Drop(ToString(e));
            }
        }
        const IkeChildConfig child =
            m_ctx.config->children.empty() ? IkeChildConfig() : m_ctx.config->children.front();
        if (exchange == ikev2::IKE_AUTH && m_held)
        {
            held = std::move(m_held);
            tasks = std::move(held->tasks);
        }
        else if (exchange == ikev2::IKE_AUTH)
        {
            tasks.push_back(std::make_unique<Ikev2IkeAuthTask>());
            if (!m_ctx.config->children.empty())
            {
                tasks.push_back(std::make_unique<Ikev2ChildCreateTask>(child));
            }
        }
        else if (exchange == ikev2::INFORMATIONAL)
        {
            tasks.push_back(
                std::make_unique<Ikev2InformationalTask>(Ikev2InformationalTask::ANSWER));
        }
        else if (IsIkeRekey(payloads))
        {
            // §2.25.2 and strongSwan: not while a CHILD SA exchange of ours is under way (its
            // CHILD SAs would miss the move to the new IKE SA); ours can be retried.
            if (HasActiveChildExchange())
            {
                return Answer(message, bytes, {MakeIkev2Notify(ikev2::TEMPORARY_FAILURE)});
            }
            tasks.push_back(std::make_unique<Ikev2IkeRekeyTask>());
        }
        else
        {
            // §2.25.2: no new or rekeyed CHILD SA while we rekey the IKE SA or it is on its way
            // out; the peer retries on the new IKE SA.
            if (m_ctx.ikeRekeyActive || m_ctx.rekeyed || m_ctx.collided)
            {
                return Answer(message, bytes, {MakeIkev2Notify(ikev2::TEMPORARY_FAILURE)});
            }
            tasks.push_back(std::make_unique<Ikev2ChildCreateTask>(child, nullptr));
        }
    }
    else
    {
        return Drop("unsupported-exchange " + Ikev2ExchangeName(exchange));
    }
    if (m_onMessage)
    {
        m_onMessage(false, message.header, payloads);
    }
    std::vector<Ikev2Payload> response;
    bool failed = false;
    bool goesOn = false;            // a task returned NEED_MORE
    size_t building = tasks.size(); // the tasks that answer this request
    for (size_t i = 0; i < tasks.size(); i++)
    {
        // in a continued exchange the tasks after the first read the first request
        const auto& in = (held && i > 0) ? held->payloads : payloads;
        const Ikev2TaskStatus status = tasks[i]->ProcessRequest(m_ctx, in);
        if (status == Ikev2TaskStatus::FAILED)
        {
            tasks[i]->BuildResponse(m_ctx, response); // only the failure's notification
            failed = true;
            break;
        }
        if (status == Ikev2TaskStatus::NEED_MORE)
        {
            building = i + 1;
            goesOn = true;
            break;
        }
    }
    if (!failed)
    {
        for (size_t i = 0; i < building; i++)
        {
            tasks[i]->BuildResponse(m_ctx, response);
        }
    }
    if (goesOn)
    {
        if (!held)
        {
            held = std::make_unique<Ikev2HeldExchange>();
            held->payloads = payloads;
        }
        held->tasks = std::move(tasks);
        m_held = std::move(held);
    }
    if (exchange == ikev2::IKE_SA_INIT && failed)
    {
        m_ctx.spiR = 0; // §1.2: an error response to IKE_SA_INIT has no responder SPI
    }
    Answer(message, bytes, response);
    if (exchange == ikev2::IKE_SA_INIT && !failed)
    {
        m_ctx.initResponse = m_lastResponse;
    }
    if (exchange == ikev2::IKE_SA_INIT || exchange == ikev2::IKE_AUTH)
    {
        m_state = failed                                   ? Ikev2SaState::FAILED
                  : exchange == ikev2::IKE_AUTH && !goesOn ? Ikev2SaState::ESTABLISHED
                                                           : Ikev2SaState::CONNECTING;
        if (m_state == Ikev2SaState::ESTABLISHED)
        {
            ReleaseSetupState();
        }
    }
    if (m_ctx.deleted)
    {
        m_state = Ikev2SaState::DELETED;
        m_queue.clear();
        m_active.clear();
        m_request.clear();
    }
    QueueRedundantDeletes();
    return m_lastResponse;
}

std::vector<uint8_t>
Ikev2Sa::OnFragment(const Ikev2Message& message, ByteSpan datagram)
{
    const IkeHeader& h = message.header;
    if (!m_ctx.codec || h.exchangeType == ikev2::IKE_SA_INIT)
    {
        return Drop("unexpected-fragment"); // RFC 7383 §2.5: never before keys exist
    }
    const auto& skf = std::get<Ikev2SkPayload>(message.payloads.back().body);
    if (h.IsResponse())
    {
        if (m_active.empty() || h.messageId != m_sendId ||
            h.exchangeType != m_active.front()->GetExchangeType())
        {
            return Drop("unexpected-response");
        }
    }
    else if (h.IsInitiator() == m_ctx.initiator ||
             (h.messageId != m_recvId && !(m_recvId > 0 && h.messageId == m_recvId - 1)))
    {
        return Drop("unexpected-request");
    }
    std::vector<uint8_t> content;
    ChargeSk(false, datagram.size);
    const IkeParseError e = m_ctx.codec->OpenFragment(datagram, message, content);
    if (e != IkeParseError::NONE)
    {
        return Drop(ToString(e)); // §2.6: each fragment is verified before it is kept
    }
    if (!h.IsResponse() && h.messageId != m_recvId)
    {
        // §2.6.1: a retransmitted request's fragments (verified: no one else makes us send);
        // the first one has the response sent again, all its fragments, the others nothing
        return skf.fragmentNumber == 1 && !m_lastResponse.empty() ? m_lastResponse
                                                                  : Drop("retransmitted-fragment");
    }
    if (skf.totalFragments > IKEV2_MAX_FRAGMENTS)
    {
        return Drop("bad-fragment"); // more than any message of ours needs
    }
    if (!m_frag)
    {
        m_frag = std::make_unique<Ikev2Fragments>();
    }
    Ikev2Fragments& f = *m_frag;
    if (f.total == 0 || f.messageId != h.messageId || f.isResponse != h.IsResponse())
    {
        f.total = skf.totalFragments; // a new message: what was held of another one goes
        f.messageId = h.messageId;
        f.isResponse = h.IsResponse();
        f.content.assign(f.total, {});
        f.have.assign(f.total, false);
    }
    if (skf.totalFragments != f.total)
    {
        return Drop("bad-fragment"); // §2.6: Total Fragments changed
    }
    const size_t i = skf.fragmentNumber - 1u;
    if (f.have[i])
    {
        return Drop("duplicate-fragment");
    }
    f.have[i] = true;
    f.content[i] = std::move(content);
    if (i == 0)
    {
        f.firstInner = skf.firstInner;
        f.first.assign(datagram.data, datagram.data + datagram.size);
        f.firstHeader = h;
    }
    if (std::find(f.have.begin(), f.have.end(), false) != f.have.end())
    {
        return {}; // held until the others come
    }
    std::vector<uint8_t> whole;
    for (const auto& piece : f.content)
    {
        whole.insert(whole.end(), piece.begin(), piece.end());
    }
    f.total = 0;
    f.content.clear();
    f.have.clear();
    std::vector<Ikev2Payload> payloads;
    uint8_t critical = 0;
    const IkeParseError pe = Ikev2SkCodec::ParseInner(f.firstInner, whole, 0, payloads, critical);
    if (pe != IkeParseError::NONE)
    {
        return Drop(ToString(pe));
    }
    // the reassembled message goes on as one, with fragment 1's header and bytes (its
    // payloads are the ones just read, so the message needs no more than its header)
    const std::vector<uint8_t> first = std::move(f.first);
    Ikev2Message whole1;
    whole1.header = f.firstHeader;
    return h.IsResponse() ? OnResponse(whole1, first, &payloads)
                          : OnRequest(whole1, first, &payloads);
}

std::vector<std::vector<uint8_t>>
Ikev2Sa::Datagrams(const std::vector<uint8_t>& message) const
{
    if (m_frag && !message.empty())
    {
        for (const auto* set : {&m_frag->request, &m_frag->response})
        {
            if (!set->empty() && set->front() == message)
            {
                return *set;
            }
        }
    }
    return {message};
}

void
Ikev2Sa::ReleaseSetupState()
{
    // Only IKE_SA_INIT and IKE_AUTH need them (the DH key pair holds OpenSSL state, the two
    // messages are signed in AUTH); an established IKE SA keeps keys, nonces and SPIs.
    m_ctx.ke.reset();
    std::vector<uint8_t>().swap(m_ctx.initRequest);
    std::vector<uint8_t>().swap(m_ctx.initResponse);
}

void
Ikev2Sa::QueueRedundantDeletes()
{
    for (uint32_t spi : m_ctx.redundant)
    {
        m_queue.push_back(
            std::make_unique<Ikev2InformationalTask>(Ikev2InformationalTask::DELETE_CHILD, spi));
    }
    m_ctx.redundant.clear();
}

std::vector<uint8_t>
Ikev2Sa::SendQueued()
{
    if (m_state != Ikev2SaState::ESTABLISHED || !m_active.empty() || m_queue.empty())
    {
        return {};
    }
    return SendRequest();
}

std::vector<uint8_t>
Ikev2Sa::Answer(const Ikev2Message& request,
                const std::vector<uint8_t>& bytes,
                const std::vector<Ikev2Payload>& response)
{
    m_lastResponse = Build(request.header.exchangeType, true, request.header.messageId, response);
    m_lastPeerRequest = bytes;
    m_recvId++;
    return m_lastResponse;
}

bool
Ikev2Sa::IsIkeRekey(const std::vector<Ikev2Payload>& payloads)
{
    const auto* sa = FindIkev2Payload<Ikev2SaPayload>(payloads, ikev2::PAYLOAD_SA);
    return sa && !sa->proposals.empty() && sa->proposals.front().protocolId == ikev2::PROTOCOL_IKE;
}

} // namespace ipsec
} // namespace ns3
