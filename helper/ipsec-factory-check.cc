// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-factory-check.h"

#include "ns3/ipsec-config-error.h"
#include "ns3/string.h"

namespace ns3
{
namespace ipsec
{

void
SetFactoryAttributeChecked(ObjectFactory& factory,
                           const std::string& name,
                           const AttributeValue& value,
                           const std::string& call)
{
    const TypeId tid = factory.GetTypeId();
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(name, &info))
    {
        std::string names;
        for (uint32_t i = 0; i < tid.GetAttributeN(); i++)
        {
            names += (i == 0 ? "" : ", ") + tid.GetAttribute(i).name;
        }
        throw ConfigError(call + ": " + tid.GetName() + " has no attribute '" + name +
                          "'; it has " + names);
    }
    // A typed value out of range (UintegerValue(5000) for a window of at most 4096) is checked
    // here; a StringValue is left to ns-3, whose enum values assert on an unknown name (3.41+).
    if (dynamic_cast<const StringValue*>(&value) == nullptr && !info.checker->Check(value))
    {
        throw ConfigError(call + ": " + value.SerializeToString(info.checker) + " is not a valid " +
                          tid.GetName() + "::" + name + " (" + info.help + ")");
    }
    factory.Set(name, value);
}

} // namespace ipsec
} // namespace ns3
