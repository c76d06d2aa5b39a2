// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * libFuzzer target: the proposal parser (EspProposal::Parse, EspSuite::Parse) on arbitrary
 * text. A refused proposal must be a ConfigError; an accepted one must print as a proposal
 * that parses to the same algorithms.
 */

#include "fuzz-common.h"

#include "ns3/ipsec-config-error.h"

using namespace ns3::ipsec;
using namespace ns3::ipsec::fuzz;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try
    {
        const EspProposal proposal = EspProposal::Parse(text);
        const EspProposal again = EspProposal::Parse(proposal.ToString());
        if (again.encryption != proposal.encryption || again.integrity != proposal.integrity ||
            again.esn != proposal.esn)
        {
            Fail("EspProposal: ToString() does not parse back to the same proposal");
        }
    }
    catch (const ConfigError&)
    {
    }
    try
    {
        const EspSuite suite = EspSuite::Parse(text);
        suite.Validate();
        const EspSuite again = EspSuite::Parse(suite.ToString());
        if (again.encryption != suite.encryption || again.integrity != suite.integrity ||
            again.esn != suite.esn)
        {
            Fail("EspSuite: ToString() does not parse back to the same suite");
        }
    }
    catch (const ConfigError&)
    {
    }
    return 0;
}
