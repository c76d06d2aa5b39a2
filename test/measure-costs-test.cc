// SPDX-License-Identifier: GPL-2.0-only
// bench/ipsec-measure-costs: a quick run writes a table CryptoCostTable reads, with exactly the
// operations of the reference table (so the tool, the names and the shipped table agree).

#include "ns3/ipsec-crypto-engine.h"
#include "ns3/ipsec-crypto-operation.h"

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace ns3
{
namespace ipsec
{
namespace
{

// Only where CMake knows the tool's path (the standalone build); an ns-3 tree builds the
// benchmarks after the tests, so there the test is not compiled rather than skipped.
#ifdef IPSEC_MEASURE_COSTS
TEST(MeasureCosts, QuickRunWritesATableWithTheReferenceOperations)
{
    const std::string table = testing::TempDir() + "ipsec-measure-costs-quick.txt";
    const std::string log = testing::TempDir() + "ipsec-measure-costs-quick.log";
    std::remove(table.c_str());
    const std::string command =
        std::string(IPSEC_MEASURE_COSTS) + " --quick --output=" + table + " 2>" + log;
    ASSERT_EQ(std::system(command.c_str()), 0) << command << "; see " << log;

    // Well-formed: finite, non-negative costs (Load throws otherwise), the reference table's
    // operations. The quick run measures each size once over ~1 ms, so on a loaded machine a
    // fitted slope or intercept may come out as 0 (the fit clamps negatives); only what holds
    // under any load is checked: every job costs time (the fit keeps the mean of positive
    // CPU times), key exchanges have no per-byte cost, and an RSA private-key operation costs
    // far more than a public-key one (14 times in the reference table).
    CryptoCostTable measured = CryptoCostTable::Load(table); // throws on a bad line
    EXPECT_EQ(measured.GetOperations(), CryptoCostTable::Reference().GetOperations());
    for (const std::string& operation : measured.GetOperations())
    {
        CryptoCost c;
        ASSERT_TRUE(measured.Find(operation, c)) << operation;
        EXPECT_GT(c.ServiceTime(1024), Seconds(0)) << operation;
        if (operation.rfind("ke/", 0) == 0)
        {
            EXPECT_EQ(c.perByteNs, 0) << operation;
        }
    }
    CryptoCost sign;
    CryptoCost verify;
    ASSERT_TRUE(measured.Find(SignOperation("rsa2048"), sign));
    ASSERT_TRUE(measured.Find(VerifyOperation("rsa2048"), verify));
    EXPECT_GT(sign.ServiceTime(1024), verify.ServiceTime(1024));

    std::ifstream in(table);
    std::stringstream text;
    text << in.rdbuf();
    for (const char* header : {"# cpu: ",
                               "# openssl: ",
                               "# method: ",
                               "# ke: ",
                               "# sign, verify: ",
                               "# prf: ",
                               "modp2048 "})
    {
        EXPECT_NE(text.str().find(header), std::string::npos) << header;
    }
}

TEST(MeasureCosts, AnUnwritableOutputIsRefusedBeforeMeasuring)
{
    const std::string log = testing::TempDir() + "ipsec-measure-costs-unwritable.log";
    const std::string command =
        std::string(IPSEC_MEASURE_COSTS) + " --quick --output=/nonexistent-dir/table.txt 2>" + log;
    EXPECT_NE(std::system(command.c_str()), 0) << command;
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("cannot write /nonexistent-dir/table.txt"), std::string::npos)
        << text.str();
    EXPECT_EQ(text.str().find("wrote"), std::string::npos) << text.str();
}
#endif

} // namespace
} // namespace ipsec
} // namespace ns3
