// SPDX-License-Identifier: GPL-2.0-only
#ifndef IPSEC_FACTORY_CHECK_H
#define IPSEC_FACTORY_CHECK_H

#include "ns3/object-factory.h"

#include <string>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief Set an attribute of a factory, or throw a ConfigError that names the mistake (ns-3's
 * ObjectFactory::Set aborts on an unknown name). A value the attribute's checker refuses is
 * still ns-3's fatal error when it is a StringValue: asking the checker first is not portable
 * (ns-3.41 and later assert inside EnumValue on an unknown name).
 * @param factory the factory
 * @param name the attribute's name
 * @param value its value
 * @param call the helper method, for the message
 * @throws ConfigError for an unknown attribute or a typed value out of range
 */
void SetFactoryAttributeChecked(ObjectFactory& factory,
                                const std::string& name,
                                const AttributeValue& value,
                                const std::string& call);

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_FACTORY_CHECK_H */
