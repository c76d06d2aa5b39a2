// SPDX-License-Identifier: GPL-2.0-only

#include "ipsec-crypto-engine.h"

#include "ipsec-config-error.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecCryptoEngine");
NS_OBJECT_ENSURE_REGISTERED(CryptoEngine);

Time
CryptoCost::ServiceTime(uint32_t bytes) const
{
    return NanoSeconds(std::llround(fixedNs + perByteNs * bytes));
}

void
CryptoCostTable::Set(const std::string& operation, const CryptoCost& cost)
{
    m_costs[operation] = cost;
}

bool
CryptoCostTable::Find(const std::string& operation, CryptoCost& cost) const
{
    auto it = m_costs.find(operation);
    if (it == m_costs.end())
    {
        return false;
    }
    cost = it->second;
    return true;
}

size_t
CryptoCostTable::Size() const
{
    return m_costs.size();
}

std::vector<std::string>
CryptoCostTable::GetOperations() const
{
    std::vector<std::string> names;
    for (const auto& [name, cost] : m_costs)
    {
        names.push_back(name);
    }
    return names;
}

namespace
{
/// The largest service time a cost table may give (just below 2^63 ns, ns-3's Time limit).
constexpr double MAX_SERVICE_NS = 9e18;
} // namespace

CryptoCostTable
CryptoCostTable::Parse(std::istream& in, const std::string& name)
{
    CryptoCostTable table;
    std::string line;
    for (uint32_t number = 1; std::getline(in, line); number++)
    {
        const auto hash = line.find('#');
        std::istringstream fields(line.substr(0, hash));
        std::string operation;
        if (!(fields >> operation))
        {
            continue; // blank or comment
        }
        const std::string where = name + ":" + std::to_string(number) + ": ";
        CryptoCost cost;
        std::string extra;
        if (!(fields >> cost.fixedNs >> cost.perByteNs))
        {
            throw ConfigError(where + "expected 'operation fixed_ns per_byte_ns', got '" + line +
                              "'");
        }
        if (fields >> extra)
        {
            throw ConfigError(where + "unexpected '" + extra + "' after the per-byte cost");
        }
        if (!std::isfinite(cost.fixedNs) || !std::isfinite(cost.perByteNs) || cost.fixedNs < 0 ||
            cost.perByteNs < 0)
        {
            throw ConfigError(where + "costs must be finite and not negative");
        }
        // The service time of any job (up to 2^32 - 1 bytes) must fit ns-3's Time (int64
        // nanoseconds, about 292 years); beyond, CryptoCost::ServiceTime would overflow.
        if (cost.fixedNs + cost.perByteNs * 4294967295.0 > MAX_SERVICE_NS)
        {
            throw ConfigError(where + "costs too large: a job of 4 GiB would take more than " +
                              "9e18 ns (ns-3's time limit is 2^63 ns)");
        }
        if (table.m_costs.count(operation) != 0)
        {
            throw ConfigError(where + "'" + operation + "' is already defined");
        }
        table.m_costs[operation] = cost;
    }
    return table;
}

CryptoCostTable
CryptoCostTable::Load(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
    {
        throw ConfigError("cannot read the crypto cost table '" + path + "'");
    }
    return Parse(in, path);
}

TypeId
CryptoEngine::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ipsec::CryptoEngine")
            .SetParent<Object>()
            .SetGroupName("Ipsec")
            .AddConstructor<CryptoEngine>()
            .AddAttribute("Enabled",
                          "Model crypto timing; false completes every job at once.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&CryptoEngine::m_enabled),
                          MakeBooleanChecker())
            .AddAttribute("Workers",
                          "Parallel crypto workers (cores or engines).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&CryptoEngine::m_workers),
                          MakeUintegerChecker<uint32_t>(1, 1024))
            .AddAttribute("QueueLimit",
                          "Jobs that may wait for a worker; more are refused (queue-full).",
                          UintegerValue(1000),
                          MakeUintegerAccessor(&CryptoEngine::m_queueLimit),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("SpeedFactor",
                          "Multiplies every cost: 4 models an engine four times slower than "
                          "the table's machine.",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&CryptoEngine::m_speedFactor),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("TableFile",
                          "A cost table to load (lines 'operation fixed_ns per_byte_ns').",
                          StringValue(""),
                          MakeStringAccessor(&CryptoEngine::SetTableFile),
                          MakeStringChecker())
            .AddTraceSource("QueueDelay",
                            "Time a job waited for a worker.",
                            MakeTraceSourceAccessor(&CryptoEngine::m_queueDelayTrace),
                            "ns3::ipsec::CryptoEngine::TimeTracedCallback")
            .AddTraceSource("ServiceTime",
                            "Service time of a job.",
                            MakeTraceSourceAccessor(&CryptoEngine::m_serviceTrace),
                            "ns3::ipsec::CryptoEngine::TimeTracedCallback");
    return tid;
}

CryptoEngine::CryptoEngine()
    : m_enabled(true),
      m_workers(1),
      m_queueLimit(1000),
      m_speedFactor(1.0),
      m_table(CryptoCostTable::Reference())
{
}

CryptoEngine::~CryptoEngine() = default;

void
CryptoEngine::DoDispose()
{
    for (auto& e : m_events)
    {
        e.Cancel();
    }
    m_events.clear(); // the events hold the jobs' completions, which may hold Ptrs to us
    m_busy.clear();
    m_queue.clear();
    Object::DoDispose();
}

void
CryptoEngine::SetTableFile(const std::string& path)
{
    m_tableFile = path;
    if (!path.empty())
    {
        m_table = CryptoCostTable::Load(path);
    }
}

void
CryptoEngine::SetTable(const CryptoCostTable& table)
{
    m_table = table;
}

const CryptoCostTable&
CryptoEngine::GetTable() const
{
    return m_table;
}

Time
CryptoEngine::Scale(Time service) const
{
    return NanoSeconds(std::llround(service.GetNanoSeconds() * m_speedFactor));
}

Time
CryptoEngine::GetServiceTime(const std::string& operation, uint32_t bytes) const
{
    CryptoCost cost;
    if (!m_table.Find(operation, cost))
    {
        throw ConfigError("the crypto cost table has no '" + operation + "'");
    }
    return Scale(cost.ServiceTime(bytes));
}

bool
CryptoEngine::Charge(const std::string& operation, uint32_t bytes, Done done)
{
    CryptoCost cost;
    if (!m_table.Find(operation, cost))
    {
        throw ConfigError("the crypto cost table has no '" + operation + "'");
    }
    return Submit(Scale(cost.ServiceTime(bytes)), done);
}

bool
CryptoEngine::Submit(Time service, Done done)
{
    if (!m_enabled)
    {
        done();
        return true;
    }
    if (m_busy.size() != m_workers)
    {
        m_busy.resize(m_workers, false);
        m_events.resize(m_workers);
    }
    Job job{service, Simulator::Now(), done};
    for (uint32_t w = 0; w < m_workers; w++)
    {
        if (!m_busy[w])
        {
            Start(w, job);
            return true;
        }
    }
    if (m_queue.size() >= m_queueLimit)
    {
        NS_LOG_LOGIC("all " << m_workers << " workers busy and " << m_queue.size()
                            << " jobs queued: job refused");
        m_drops++;
        return false;
    }
    m_queue.push_back(job);
    NS_LOG_LOGIC("all " << m_workers << " workers busy: job queued (" << m_queue.size() << ")");
    return true;
}

void
CryptoEngine::Start(uint32_t worker, Job job)
{
    NS_LOG_LOGIC("worker " << worker << " starts a " << job.service.As(Time::US) << " job after "
                           << (Simulator::Now() - job.enqueued).As(Time::US) << " in the queue");
    m_busy[worker] = true;
    m_busyTime += job.service;
    m_queueDelayTrace(Simulator::Now() - job.enqueued);
    m_serviceTrace(job.service);
    m_events[worker] =
        Simulator::Schedule(job.service, &CryptoEngine::Finish, this, worker, job.done);
}

void
CryptoEngine::Finish(uint32_t worker, Done done)
{
    m_busy[worker] = false;
    m_events[worker] = EventId(); // release the finished event and its completion
    if (!m_queue.empty())
    {
        Job next = m_queue.front();
        m_queue.pop_front();
        Start(worker, next);
    }
    done();
}

uint32_t
CryptoEngine::GetQueueLength() const
{
    return m_queue.size();
}

uint32_t
CryptoEngine::GetBusyWorkers() const
{
    uint32_t n = 0;
    for (bool b : m_busy)
    {
        n += b ? 1 : 0;
    }
    return n;
}

Time
CryptoEngine::GetBusyTime() const
{
    return m_busyTime;
}

uint64_t
CryptoEngine::GetDropCount() const
{
    return m_drops;
}

} // namespace ipsec
} // namespace ns3
