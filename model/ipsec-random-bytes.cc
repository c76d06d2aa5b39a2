// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-random-bytes.h"

namespace ns3
{
namespace ipsec
{

void
FillRandomBytes(Ptr<UniformRandomVariable> random, uint8_t* out, size_t n)
{
    for (size_t i = 0; i < n; i++)
    {
        out[i] = static_cast<uint8_t>(random->GetInteger(0, 255));
    }
}

std::vector<uint8_t>
RandomBytes(Ptr<UniformRandomVariable> random, size_t n)
{
    std::vector<uint8_t> out(n);
    FillRandomBytes(random, out.data(), n);
    return out;
}

} // namespace ipsec
} // namespace ns3
