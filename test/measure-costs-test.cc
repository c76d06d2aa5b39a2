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

    CryptoCostTable measured = CryptoCostTable::Load(table); // throws on a bad line
    EXPECT_EQ(measured.GetOperations(), CryptoCostTable::Reference().GetOperations());
    CryptoCost c;
    EXPECT_TRUE(measured.Find(KeOperation("curve25519", KePhase::DERIVE), c));
    EXPECT_GT(c.fixedNs, 0);
    EXPECT_EQ(c.perByteNs, 0);
    EXPECT_TRUE(measured.Find(SignOperation("rsa2048"), c));
    EXPECT_GT(c.fixedNs, 0);
    EXPECT_GT(c.perByteNs, 0);

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
