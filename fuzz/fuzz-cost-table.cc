// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * libFuzzer target: the crypto cost table parser (CryptoCostTable::Parse, what the engine's
 * TableFile attribute loads). A refused table must be a ConfigError; every cost of an accepted
 * table must give a service time that is not negative for every packet size.
 */

#include "fuzz-common.h"

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-crypto-engine.h"

#include <sstream>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::fuzz;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::istringstream text(std::string(reinterpret_cast<const char*>(data), size));
    try
    {
        const CryptoCostTable table = CryptoCostTable::Parse(text, "fuzz");
        for (const std::string& operation : table.GetOperations())
        {
            CryptoCost cost;
            if (!table.Find(operation, cost))
            {
                Fail("an operation the table lists is not found");
            }
            for (uint32_t bytes : {0u, 1u, 1500u, 65535u, 0xffffffffu})
            {
                if (cost.ServiceTime(bytes).IsStrictlyNegative())
                {
                    Fail("a negative service time");
                }
            }
        }
    }
    catch (const ConfigError&)
    {
    }
    return 0;
}
