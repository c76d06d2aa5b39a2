// SPDX-License-Identifier: GPL-2.0-only
// The crypto engine timing model: exact delays, FIFO, parallel workers, overflow, cost tables.

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-crypto-engine.h"
#include "ns3/ipsec-crypto-operation.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <gtest/gtest.h>
#include <set>
#include <sstream>

namespace ns3
{
namespace ipsec
{
namespace
{

/// Completion times and order of jobs.
struct Completions
{
    std::vector<std::pair<int, Time>> done; ///< (job id, completion time)

    /**
     * A job's completion callback.
     * @param id the job's id
     * @return the callback
     */
    CryptoEngine::Done For(int id)
    {
        return [this, id]() { done.emplace_back(id, Simulator::Now()); };
    }
};

/**
 * An engine with some workers and a queue limit.
 * @param workers workers
 * @param limit queue limit
 * @return it
 */
Ptr<CryptoEngine>
Engine(uint32_t workers = 1, uint32_t limit = 1000)
{
    Ptr<CryptoEngine> e = CreateObject<CryptoEngine>();
    e->SetAttribute("Workers", UintegerValue(workers));
    e->SetAttribute("QueueLimit", UintegerValue(limit));
    return e;
}

TEST(CryptoEngine, IdleEngineDelaysByExactlyTheCost)
{
    Ptr<CryptoEngine> e = Engine();
    CryptoCostTable t;
    t.Set("esp/aes128gcm16/encrypt", CryptoCost{1000, 0.5});
    e->SetTable(t);
    Completions c;
    Simulator::Schedule(MicroSeconds(7), [&]() {
        EXPECT_TRUE(e->Charge("esp/aes128gcm16/encrypt", 1000, c.For(1)));
    });
    Simulator::Run();
    ASSERT_EQ(c.done.size(), 1u);
    EXPECT_EQ(c.done[0].second, MicroSeconds(7) + NanoSeconds(1500));
    EXPECT_EQ(e->GetServiceTime("esp/aes128gcm16/encrypt", 1000), NanoSeconds(1500));
    EXPECT_EQ(e->GetBusyTime(), NanoSeconds(1500));
    EXPECT_THROW(e->GetServiceTime("esp/unknown/encrypt", 1), ConfigError);
    Simulator::Destroy();
}

TEST(CryptoEngine, BackToBackJobsQueueAsAFifo)
{
    Ptr<CryptoEngine> e = Engine();
    Completions c;
    std::vector<Time> waits;
    e->TraceConnectWithoutContext("QueueDelay",
                                  MakeBoundCallback(
                                      +[](std::vector<Time>* w, Time t) { w->push_back(t); },
                                      &waits));
    Simulator::Schedule(Seconds(1), [&]() {
        e->Submit(NanoSeconds(100), c.For(1));
        e->Submit(NanoSeconds(50), c.For(2));
        e->Submit(NanoSeconds(10), c.For(3));
        EXPECT_EQ(e->GetQueueLength(), 2u);
        EXPECT_EQ(e->GetBusyWorkers(), 1u);
    });
    Simulator::Run();
    ASSERT_EQ(c.done.size(), 3u);
    EXPECT_EQ(c.done[0], std::make_pair(1, Seconds(1) + NanoSeconds(100)));
    EXPECT_EQ(c.done[1], std::make_pair(2, Seconds(1) + NanoSeconds(150)));
    EXPECT_EQ(c.done[2], std::make_pair(3, Seconds(1) + NanoSeconds(160)));
    EXPECT_EQ(waits, (std::vector<Time>{NanoSeconds(0), NanoSeconds(100), NanoSeconds(150)}));
    Simulator::Destroy();
}

TEST(CryptoEngine, ParallelWorkersFollowTheComputedSchedule)
{
    // Two workers, jobs A(100) B(10) C(10) D(100) E(5) at t = 0:
    // w0: A [0,100] E [100,105]; w1: B [0,10] C [10,20] D [20,120].
    Ptr<CryptoEngine> e = Engine(2);
    Completions c;
    Simulator::ScheduleNow([&]() {
        e->Submit(NanoSeconds(100), c.For('A'));
        e->Submit(NanoSeconds(10), c.For('B'));
        e->Submit(NanoSeconds(10), c.For('C'));
        e->Submit(NanoSeconds(100), c.For('D'));
        e->Submit(NanoSeconds(5), c.For('E'));
    });
    Simulator::Run();
    std::vector<std::pair<int, Time>> expected{{'B', NanoSeconds(10)},
                                               {'C', NanoSeconds(20)},
                                               {'A', NanoSeconds(100)},
                                               {'E', NanoSeconds(105)},
                                               {'D', NanoSeconds(120)}};
    EXPECT_EQ(c.done, expected) << "jobs leave out of order with parallel workers";
    EXPECT_EQ(e->GetBusyTime(), NanoSeconds(225));
    Simulator::Destroy();
}

TEST(CryptoEngine, FullQueueRefusesJobs)
{
    Ptr<CryptoEngine> e = Engine(1, 2);
    Completions c;
    std::vector<bool> accepted;
    Simulator::ScheduleNow([&]() {
        for (int i = 0; i < 5; i++)
        {
            accepted.push_back(e->Submit(NanoSeconds(10), c.For(i)));
        }
    });
    Simulator::Run();
    EXPECT_EQ(accepted, (std::vector<bool>{true, true, true, false, false}));
    EXPECT_EQ(e->GetDropCount(), 2u);
    EXPECT_EQ(c.done.size(), 3u);
    Simulator::Destroy();
}

TEST(CryptoEngine, DisabledCompletesAtOnce)
{
    Ptr<CryptoEngine> e = Engine();
    e->SetAttribute("Enabled", BooleanValue(false));
    Completions c;
    EXPECT_TRUE(e->Submit(Seconds(1), c.For(1)));
    ASSERT_EQ(c.done.size(), 1u) << "inside Submit";
    EXPECT_EQ(c.done[0].second, Seconds(0));
    Simulator::Destroy();
}

TEST(CryptoEngine, SpeedFactorScalesCosts)
{
    Ptr<CryptoEngine> e = Engine();
    e->SetAttribute("SpeedFactor", DoubleValue(4));
    CryptoCostTable t;
    t.Set("ke/ecp256", CryptoCost{50000, 0});
    e->SetTable(t);
    Completions c;
    Simulator::ScheduleNow([&]() { e->Charge("ke/ecp256", 0, c.For(1)); });
    Simulator::Run();
    ASSERT_EQ(c.done.size(), 1u);
    EXPECT_EQ(c.done[0].second, MicroSeconds(200));
    Simulator::Destroy();
}

TEST(CryptoCostTable, LoadingATableFileChangesTheCosts)
{
    const std::string path = testing::TempDir() + "ipsec-costs.txt";
    {
        std::ofstream f(path);
        f << "# measured on: test\n"
          << "esp/aes128gcm16/encrypt   300  0.25   # per 1 byte\n"
          << "\n"
          << "esp/aes128gcm16/decrypt   310  0.30\n";
    }
    Ptr<CryptoEngine> e = Engine();
    CryptoCostTable t;
    t.Set("esp/aes128gcm16/encrypt", CryptoCost{1, 1});
    e->SetTable(t);
    EXPECT_EQ(e->GetServiceTime("esp/aes128gcm16/encrypt", 1000), NanoSeconds(1001));
    e->SetAttribute("TableFile", StringValue(path));
    EXPECT_EQ(e->GetTable().Size(), 2u);
    EXPECT_EQ(e->GetServiceTime("esp/aes128gcm16/encrypt", 1000), NanoSeconds(550));
    EXPECT_EQ(e->GetServiceTime("esp/aes128gcm16/decrypt", 100), NanoSeconds(340));
}

TEST(CryptoCostTable, BadTablesNameTheLine)
{
    auto error = [](const std::string& text) {
        std::istringstream in(text);
        try
        {
            CryptoCostTable::Parse(in, "costs.txt");
        }
        catch (const ConfigError& e)
        {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(error("# ok\nesp/x 1\n").find("costs.txt:2: expected"), std::string::npos);
    EXPECT_NE(error("esp/x 1 2 3\n").find("costs.txt:1: unexpected '3'"), std::string::npos);
    EXPECT_NE(error("a 1 2\n\nesp/x -1 2\n").find("costs.txt:3: costs must be"), std::string::npos);
    EXPECT_NE(error("esp/x 1 2\nesp/x 1 2\n").find("costs.txt:2: 'esp/x' is already defined"),
              std::string::npos);
    EXPECT_NE(error("esp/x one 2\n").find("costs.txt:1:"), std::string::npos);
    EXPECT_EQ(error("esp/x 1 2\n# only a comment\n"), "no error");
    EXPECT_THROW(CryptoCostTable::Load("/nonexistent/costs.txt"), ConfigError);
}

TEST(CryptoCostTable, ReferenceTableIsTheShippedFileAndCoversTheSuites)
{
    std::ifstream f(std::string(IPSEC_SOURCE_DIR) + "/data/crypto-costs-reference.txt");
    std::stringstream file;
    file << f.rdbuf();
    EXPECT_EQ(file.str(), CryptoCostTable::ReferenceText())
        << "regenerate model/ipsec-crypto-cost-reference.cc from the data file";
    EXPECT_NE(file.str().find("# cpu: "), std::string::npos);
    EXPECT_NE(file.str().find("# openssl: "), std::string::npos);
    CryptoCostTable t = CryptoCostTable::Reference();
    CryptoCost c;
    for (const char* op : {"esp/aes128-sha1/out",
                           "esp/aes128-sha256/in",
                           "esp/aes128gcm16/out",
                           "esp/aes256gcm16/in",
                           "esp/aes128ctr-sha256/out",
                           "esp/chacha20poly1305/in",
                           "esp/aes128gmac/out",
                           "esp/3des-sha1/in",
                           "esp/null-sha256/out",
                           "ah/sha256/in",
                           "ah/sha1/out"})
    {
        EXPECT_TRUE(t.Find(op, c)) << op;
    }
    // The costs are plausible: GCM's per-byte cost is far below 3DES's.
    CryptoCost gcm;
    CryptoCost des;
    ASSERT_TRUE(t.Find("esp/aes128gcm16/out", gcm) && t.Find("esp/3des-sha1/out", des));
    EXPECT_LT(gcm.perByteNs * 10, des.perByteNs);
}

/**
 * A cost from the reference table.
 * @param operation its name
 * @return the cost (a test failure if it is missing)
 */
CryptoCost
ReferenceCost(const std::string& operation)
{
    CryptoCost c;
    EXPECT_TRUE(CryptoCostTable::Reference().Find(operation, c)) << operation;
    return c;
}

TEST(CryptoCostTable, ReferenceTableCoversEveryIkeOperation)
{
    CryptoCostTable t = CryptoCostTable::Reference();
    std::vector<std::string> needed;
    for (const auto& g : GetKeGroups())
    {
        needed.push_back(KeOperation(g.keyword, KePhase::KEYGEN));
        needed.push_back(KeOperation(g.keyword, KePhase::DERIVE));
    }
    for (const auto& s : GetSignatureSchemes())
    {
        needed.push_back(SignOperation(s.keyword));
        needed.push_back(VerifyOperation(s.keyword));
    }
    for (const auto& prf : GetPrfKeywords())
    {
        needed.push_back(PrfOperation(prf));
    }
    EXPECT_EQ(needed.size(), 10u * 2 + 6u * 2 + 6u);
    for (const auto& op : needed)
    {
        CryptoCost c;
        ASSERT_TRUE(t.Find(op, c)) << op;
        EXPECT_GT(c.fixedNs, 0) << op;
        if (op.rfind("ke/", 0) == 0)
        {
            EXPECT_EQ(c.perByteNs, 0) << op << ": a key exchange has a fixed cost only";
        }
        else
        {
            EXPECT_GT(c.perByteNs, 0) << op << ": signatures and PRFs hash their message";
        }
    }
}

TEST(CryptoCostTable, ReferenceIkeCostsAreOrderedAsOnAnyCpu)
{
    auto fixed = [](const std::string& op) { return ReferenceCost(op).fixedNs; };
    for (KePhase phase : {KePhase::KEYGEN, KePhase::DERIVE})
    {
        const char* name = GetKePhaseName(phase);
        EXPECT_GT(fixed(KeOperation("modp4096", phase)), fixed(KeOperation("modp3072", phase)))
            << name;
        EXPECT_GT(fixed(KeOperation("modp3072", phase)), fixed(KeOperation("modp2048", phase)))
            << name;
        EXPECT_LT(fixed(KeOperation("ecp256", phase)), fixed(KeOperation("modp2048", phase)))
            << name;
        EXPECT_LT(fixed(KeOperation("curve25519", phase)), fixed(KeOperation("modp2048", phase)))
            << name;
    }
    for (const char* rsa : {"rsa2048", "rsa3072"})
    {
        EXPECT_LT(fixed(VerifyOperation(rsa)) * 5, fixed(SignOperation(rsa)))
            << rsa << ": RSA verifies with a small public exponent";
    }
    EXPECT_GT(fixed(SignOperation("rsa3072")), fixed(SignOperation("rsa2048")));
    EXPECT_GT(fixed(VerifyOperation("rsa3072")), fixed(VerifyOperation("rsa2048")));
    // A PRF over a few hundred bytes costs far less than any public-key operation.
    EXPECT_LT(ReferenceCost(PrfOperation("prfsha256")).ServiceTime(512),
              ReferenceCost(KeOperation("curve25519", KePhase::KEYGEN)).ServiceTime(0));
}

TEST(CryptoEngine, KeyExchangeChargeTakesTheTablesCostTimesTheSpeedFactor)
{
    Ptr<CryptoEngine> e = Engine();
    e->SetAttribute("SpeedFactor", DoubleValue(3));
    const std::string op = KeOperation("ecp256", KePhase::DERIVE);
    const Time cost = ReferenceCost(op).ServiceTime(0);
    ASSERT_GT(cost, NanoSeconds(0));
    Completions c;
    Simulator::Schedule(MilliSeconds(5), [&]() { EXPECT_TRUE(e->Charge(op, 0, c.For(1))); });
    Simulator::Run();
    ASSERT_EQ(c.done.size(), 1u);
    EXPECT_EQ(c.done[0].second, MilliSeconds(5) + 3 * cost);
    EXPECT_EQ(e->GetBusyTime(), 3 * cost);
    Simulator::Destroy();
}

TEST(CryptoEngine, TableWithoutAnIkeOperationNamesIt)
{
    const std::string path = testing::TempDir() + "ipsec-costs-no-derive.txt";
    {
        std::ofstream f(path);
        f << KeOperation("ecp256", KePhase::KEYGEN) << " 20000 0\n"
          << SignOperation("ecdsa256") << " 30000 0.5\n";
    }
    Ptr<CryptoEngine> e = Engine();
    e->SetAttribute("TableFile", StringValue(path));
    Completions c;
    EXPECT_TRUE(e->Charge("ke/ecp256/keygen", 0, c.For(1)));
    try
    {
        e->Charge(KeOperation("ecp256", KePhase::DERIVE), 0, c.For(2));
        ADD_FAILURE() << "no ConfigError";
    }
    catch (const ConfigError& error)
    {
        EXPECT_NE(std::string(error.what()).find("'ke/ecp256/derive'"), std::string::npos)
            << error.what();
    }
    EXPECT_THROW(e->GetServiceTime(VerifyOperation("ecdsa256"), 100), ConfigError);
    Simulator::Run();
    EXPECT_EQ(c.done.size(), 1u);
    Simulator::Destroy();
}

} // namespace
} // namespace ipsec
} // namespace ns3
