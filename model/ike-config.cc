// SPDX-License-Identifier: GPL-2.0-only
#include "ike-config.h"

#include "ipsec-config-error.h"

namespace ns3
{
namespace ipsec
{

namespace
{

/// swanctl's auth keywords (swanctl.conf, connections.<conn>.local<suffix>.auth).
constexpr std::pair<IkeAuthMethod, const char*> kAuthMethods[] = {
    {IkeAuthMethod::PSK, "psk"},
    {IkeAuthMethod::PUBKEY, "pubkey"},
    {IkeAuthMethod::EAP_MD5, "eap-md5"},
    {IkeAuthMethod::EAP_MSCHAPV2, "eap-mschapv2"},
};

} // namespace

const char*
ToString(IkeAuthMethod method)
{
    for (const auto& [m, name] : kAuthMethods)
    {
        if (m == method)
        {
            return name;
        }
    }
    return "?";
}

IkeAuthMethod
ParseIkeAuthMethod(const std::string& keyword)
{
    std::string known;
    for (const auto& [m, name] : kAuthMethods)
    {
        if (keyword == name)
        {
            return m;
        }
        known += (known.empty() ? "" : ", ") + std::string(name);
    }
    throw ConfigError("unknown IKE authentication method \"" + keyword + "\" (known: " + known +
                      ")");
}

const char*
ToString(Ikev1Mode mode)
{
    return mode == Ikev1Mode::AGGRESSIVE ? "aggressive" : "main";
}

Ikev1Mode
ParseIkev1Mode(const std::string& name)
{
    if (name == "main")
    {
        return Ikev1Mode::MAIN;
    }
    if (name == "aggressive")
    {
        return Ikev1Mode::AGGRESSIVE;
    }
    throw ConfigError("unknown IKEv1 mode \"" + name + "\" (known: main, aggressive)");
}

} // namespace ipsec
} // namespace ns3
