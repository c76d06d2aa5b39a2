// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The crypto engine timing model: a FIFO queue in front of N parallel workers, each job costing
 * a fixed time plus a time per byte.
 */
#ifndef IPSEC_CRYPTO_ENGINE_H
#define IPSEC_CRYPTO_ENGINE_H

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <functional>
#include <istream>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief The cost of one kind of crypto job: fixed + bytes x perByte nanoseconds.
 */
struct CryptoCost
{
    double fixedNs{0};   ///< cost per job, nanoseconds
    double perByteNs{0}; ///< cost per byte, nanoseconds

    /**
     * @brief The service time of a job.
     * @param bytes its size
     * @return the time, rounded to nanoseconds
     */
    Time ServiceTime(uint32_t bytes) const;
};

/**
 * @ingroup ipsec
 * @brief Costs by operation name ("esp/aes128gcm16/out", "ke/ecp256/derive", ...; the names
 * are made in ipsec-crypto-operation.h), loaded from a text file: one
 * `operation fixed_ns per_byte_ns` per line, `#` starts a comment.
 */
class CryptoCostTable
{
  public:
    /**
     * @brief Set a cost.
     * @param operation its name
     * @param cost the cost
     */
    void Set(const std::string& operation, const CryptoCost& cost);
    /**
     * @brief Find a cost.
     * @param operation its name
     * @param cost out: the cost
     * @return whether it is in the table
     */
    bool Find(const std::string& operation, CryptoCost& cost) const;
    /**
     * @brief Number of operations.
     * @return it
     */
    size_t Size() const;
    /**
     * @brief The operations' names.
     * @return them, sorted
     */
    std::vector<std::string> GetOperations() const;
    /**
     * @brief Read a table.
     * @param in the text
     * @param name the source's name, for error messages
     * @return the table
     * @throws ConfigError naming the line and what is wrong with it: not two costs, a cost
     * negative or not finite, an operation defined twice, or costs so large that a job of
     * 2^32 - 1 bytes would take more than 9e18 ns (ns-3's Time holds 2^63 ns)
     */
    static CryptoCostTable Parse(std::istream& in, const std::string& name);
    /**
     * @brief Read a table file.
     * @param path the file
     * @return the table
     * @throws ConfigError if it cannot be read or a line is wrong
     */
    static CryptoCostTable Load(const std::string& path);
    /**
     * @brief The reference table shipped with the module (data/crypto-costs-reference.txt,
     * measured by bench/ipsec-measure-costs on the CPU its header names).
     * @return the table
     */
    static CryptoCostTable Reference();
    /**
     * @brief The reference table's text, header comments included.
     * @return the text
     */
    static const char* ReferenceText();

  private:
    std::map<std::string, CryptoCost> m_costs; ///< by operation
};

/**
 * @ingroup ipsec
 * @brief A crypto engine: jobs wait in a FIFO queue for one of N workers; a job occupies its
 * worker for its service time and completes (its callback runs) when the service ends. With
 * N > 1 jobs complete out of order, as with parallel crypto on real systems.
 *
 * With Enabled = false every job completes at once (inside Submit), for functional studies.
 * A new engine has the reference table (CryptoCostTable::Reference); TableFile replaces it.
 */
class CryptoEngine : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    CryptoEngine();
    ~CryptoEngine() override;

    /// What runs when a job completes.
    using Done = std::function<void()>;

    /**
     * @brief Submit a job of a known service time (taken as is: no SpeedFactor).
     * @param service its service time
     * @param done what to run when it completes
     * @return false if the queue was full (the job is refused; the caller drops with
     * DropReason::QUEUE_FULL)
     */
    bool Submit(Time service, Done done);
    /**
     * @brief Submit a job whose cost comes from the table ("charge this job of this cost").
     * @param operation the operation's name in the table
     * @param bytes the job's size
     * @param done what to run when it completes
     * @return false if the queue was full
     * @throws ConfigError if the operation is not in the table
     */
    bool Charge(const std::string& operation, uint32_t bytes, Done done);
    /**
     * @brief The service time the table gives a job, SpeedFactor applied.
     * @param operation the operation
     * @param bytes the size
     * @return the time
     * @throws ConfigError if the operation is not in the table
     */
    Time GetServiceTime(const std::string& operation, uint32_t bytes) const;
    /**
     * @brief Replace the cost table.
     * @param table the table
     */
    void SetTable(const CryptoCostTable& table);
    /**
     * @brief The cost table.
     * @return it
     */
    const CryptoCostTable& GetTable() const;
    /**
     * @brief Jobs waiting (not in service).
     * @return the count
     */
    uint32_t GetQueueLength() const;
    /**
     * @brief Workers in service.
     * @return the count
     */
    uint32_t GetBusyWorkers() const;
    /**
     * @brief Total service time given so far (all workers), for utilisation.
     * @return the time
     */
    Time GetBusyTime() const;
    /**
     * @brief Jobs refused because the queue was full.
     * @return the count
     */
    uint64_t GetDropCount() const;

    /// Signature of the QueueDelay and ServiceTime traces.
    using TimeTracedCallback = void (*)(Time t);

  protected:
    void DoDispose() override;

  private:
    /// A job waiting for a worker.
    struct Job
    {
        Time service;  ///< service time (factor applied)
        Time enqueued; ///< arrival time
        Done done;     ///< completion
    };

    /**
     * @brief Start a job on a free worker.
     * @param worker the worker's index
     * @param job the job
     */
    void Start(uint32_t worker, Job job);
    /**
     * @brief A worker finished its job.
     * @param worker the worker's index
     * @param done the job's completion
     */
    void Finish(uint32_t worker, Done done);
    /**
     * @brief Apply the SpeedFactor.
     * @param service a service time
     * @return it, scaled and rounded to nanoseconds
     */
    Time Scale(Time service) const;
    /**
     * @brief Load the TableFile attribute.
     * @param path the file ("" = keep the table)
     */
    void SetTableFile(const std::string& path);

    bool m_enabled;                         ///< attribute Enabled
    uint32_t m_workers;                     ///< attribute Workers
    uint32_t m_queueLimit;                  ///< attribute QueueLimit
    double m_speedFactor;                   ///< attribute SpeedFactor (cost multiplier)
    std::string m_tableFile;                ///< attribute TableFile
    CryptoCostTable m_table;                ///< the costs
    std::vector<bool> m_busy;               ///< per worker
    std::deque<Job> m_queue;                ///< waiting jobs
    std::vector<EventId> m_events;          ///< per worker: its completion
    Time m_busyTime;                        ///< total service given
    uint64_t m_drops{0};                    ///< refused jobs
    TracedCallback<Time> m_queueDelayTrace; ///< time a job waited
    TracedCallback<Time> m_serviceTrace;    ///< service time of a job
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_CRYPTO_ENGINE_H */
