// SPDX-License-Identifier: GPL-2.0-only
#include "ikev2-fixture-util.h"

#include "ns3/ikev2-sk-codec.h"
#include "ns3/ipsec-hex.h"

#include <algorithm>
#include <dirent.h>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

namespace ns3::ipsec::test
{

namespace
{

std::vector<std::string>
SplitCsv(const std::string& line)
{
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (char c : line)
    {
        if (c == '"')
        {
            quoted = !quoted;
        }
        else if (c == ',' && !quoted)
        {
            fields.push_back(field);
            field.clear();
        }
        else
        {
            field += c;
        }
    }
    fields.push_back(field);
    return fields;
}

bool
EndsWith(const std::string& s, const std::string& tail)
{
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

} // namespace

std::string
Ikev2FixtureDir()
{
    return std::string(IPSEC_SOURCE_DIR) + "/test/data/ikev2/";
}

std::vector<std::string>
Ikev2Fixtures()
{
    std::vector<std::string> names;
    if (DIR* d = opendir(Ikev2FixtureDir().c_str()))
    {
        while (dirent* e = readdir(d))
        {
            const std::string name = e->d_name;
            if (name[0] != '.' && name != "README.md")
            {
                names.push_back(name);
            }
        }
        closedir(d);
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<Ikev2FixtureFrame>
ReadIkev2Frames(const std::string& fixture)
{
    std::vector<Ikev2FixtureFrame> frames;
    std::ifstream in(Ikev2FixtureDir() + fixture + "/udp-payloads.txt");
    std::string line;
    while (std::getline(in, line))
    {
        std::istringstream ls(line);
        Ikev2FixtureFrame f;
        std::string hex;
        ls >> f.frame >> f.src >> f.dst >> hex;
        f.ike = HexToBytes(hex);
        if (EndsWith(f.dst, ":4500") || EndsWith(f.src, ":4500"))
        {
            // RFC 3948 §2.2: IKE follows four zero bytes; anything else is ESP.
            if (f.ike.size() < 4 || f.ike[0] || f.ike[1] || f.ike[2] || f.ike[3])
            {
                continue;
            }
            f.ike.erase(f.ike.begin(), f.ike.begin() + 4);
        }
        frames.push_back(std::move(f));
    }
    return frames;
}

std::vector<Ikev2FixtureKeys>
ReadIkev2Keys(const std::string& fixture)
{
    std::vector<Ikev2FixtureKeys> keys;
    std::ifstream in(Ikev2FixtureDir() + fixture + "/ikev2_decryption_table");
    std::string line;
    while (std::getline(in, line))
    {
        const auto f = SplitCsv(line);
        if (f.size() != 8)
        {
            continue;
        }
        Ikev2FixtureKeys k;
        k.spiI = std::stoull(f[0], nullptr, 16);
        k.spiR = std::stoull(f[1], nullptr, 16);
        k.ei = HexToBytes(f[2]);
        k.er = HexToBytes(f[3]);
        k.encryption = f[4];
        k.ai = HexToBytes(f[5]);
        k.ar = HexToBytes(f[6]);
        k.integrity = f[7];
        keys.push_back(k);
    }
    return keys;
}

const TransformInfo*
FromWiresharkIkev2Name(const std::string& name)
{
    static const std::map<std::string, std::string> names = {
        {"AES-CBC-128 [RFC3602]", "aes128"},
        {"AES-CBC-192 [RFC3602]", "aes192"},
        {"AES-CBC-256 [RFC3602]", "aes256"},
        {"AES-GCM-128 with 16 octet ICV [RFC5282]", "aes128gcm16"},
        {"AES-GCM-256 with 16 octet ICV [RFC5282]", "aes256gcm16"},
        {"HMAC_SHA1_96 [RFC2404]", "sha1"},
        {"HMAC_SHA2_256_128 [RFC4868]", "sha256"},
        {"HMAC_SHA2_384_192 [RFC4868]", "sha384"},
        {"HMAC_SHA2_512_256 [RFC4868]", "sha512"},
    };
    auto it = names.find(name);
    return it == names.end() ? nullptr : FindTransformByKeyword(it->second);
}

namespace
{

/// The SK codec that opens a message of an IKE SA of the fixture (by its SPIs and I flag).
std::unique_ptr<Ikev2SkCodec>
FixtureCodec(const std::vector<Ikev2FixtureKeys>& keys, const IkeHeader& header)
{
    for (const auto& k : keys)
    {
        if (k.spiI != header.initiatorSpi || k.spiR != header.responderSpi)
        {
            continue;
        }
        const TransformInfo* enc = FromWiresharkIkev2Name(k.encryption);
        if (!enc)
        {
            return nullptr;
        }
        const TransformInfo* integ = enc->IsAead() ? nullptr : FromWiresharkIkev2Name(k.integrity);
        // The original initiator's messages carry the I flag (§3.1) and use SK_ei/SK_ai.
        const bool fromInitiator = header.IsInitiator();
        const Ikev2SkKeys in{fromInitiator ? k.ei : k.er, fromInitiator ? k.ai : k.ar};
        const Ikev2SkKeys out{fromInitiator ? k.er : k.ei, fromInitiator ? k.ar : k.ai};
        return std::make_unique<Ikev2SkCodec>(*enc,
                                              integ,
                                              out,
                                              in,
                                              std::make_unique<CounterIvGenerator>());
    }
    return nullptr; // no keys for the message's SPIs
}

} // namespace

IkeParseError
OpenIkev2FixtureMessage(const std::vector<Ikev2FixtureKeys>& keys,
                        const std::vector<uint8_t>& bytes,
                        Ikev2Message& message,
                        std::vector<Ikev2Payload>& inner)
{
    inner.clear();
    uint8_t critical = 0;
    IkeParseError e = Ikev2Message::Parse(bytes, message, critical);
    if (e != IkeParseError::NONE || message.header.nextPayload != ikev2::PAYLOAD_SK)
    {
        return e;
    }
    auto codec = FixtureCodec(keys, message.header);
    return codec ? codec->Open(bytes, message, inner, critical) : IkeParseError::BAD_PAYLOAD;
}

IkeParseError
OpenIkev2FixtureFragment(const std::vector<Ikev2FixtureKeys>& keys,
                         const std::vector<uint8_t>& bytes,
                         Ikev2Message& message,
                         std::vector<uint8_t>& content)
{
    content.clear();
    uint8_t critical = 0;
    IkeParseError e = Ikev2Message::Parse(bytes, message, critical);
    if (e != IkeParseError::NONE)
    {
        return e;
    }
    if (message.header.nextPayload != ikev2::PAYLOAD_SKF)
    {
        return IkeParseError::NOT_ENCRYPTED;
    }
    auto codec = FixtureCodec(keys, message.header);
    return codec ? codec->OpenFragment(bytes, message, content) : IkeParseError::BAD_PAYLOAD;
}

const TransformInfo*
Ikev2ChosenTransform(const Ikev2SaPayload* sa, TransformType type)
{
    if (!sa || sa->proposals.empty())
    {
        return nullptr;
    }
    for (const auto& t : sa->proposals[0].transforms)
    {
        if (t.type == type)
        {
            return FindTransform(type, t.id, t.keyLength);
        }
    }
    return nullptr;
}

Ikev2FixtureExchange
FindIkev2Exchange(const std::string& fixture)
{
    Ikev2FixtureExchange x;
    const auto keys = ReadIkev2Keys(fixture);
    bool haveAuth[2] = {false, false};
    // RFC 7383 fragments, by message ID and direction: pieces, and fragment 1's payload type
    std::map<std::pair<uint32_t, int>, std::map<uint16_t, std::vector<uint8_t>>> pieces;
    std::map<std::pair<uint32_t, int>, uint8_t> firstInner;
    for (const Ikev2FixtureFrame& f : ReadIkev2Frames(fixture))
    {
        Ikev2Message m;
        std::vector<Ikev2Payload> inner;
        std::vector<uint8_t> content;
        if (OpenIkev2FixtureFragment(keys, f.ike, m, content) == IkeParseError::NONE)
        {
            // strongSwan fragmented it: collect, and go on once all pieces are in
            const auto& skf = std::get<Ikev2SkPayload>(m.payloads.back().body);
            const auto key = std::make_pair(m.header.messageId, m.header.IsResponse() ? 1 : 0);
            pieces[key][skf.fragmentNumber] = content;
            if (skf.fragmentNumber == 1)
            {
                firstInner[key] = skf.firstInner;
            }
            if (pieces[key].size() != skf.totalFragments || firstInner.count(key) == 0)
            {
                continue;
            }
            std::vector<uint8_t> whole;
            for (const auto& [n, piece] : pieces[key])
            {
                whole.insert(whole.end(), piece.begin(), piece.end());
            }
            uint8_t critical = 0;
            if (Ikev2SkCodec::ParseInner(firstInner[key], whole, 0, inner, critical) !=
                IkeParseError::NONE)
            {
                continue;
            }
        }
        else if (OpenIkev2FixtureMessage(keys, f.ike, m, inner) != IkeParseError::NONE)
        {
            continue;
        }
        const int r = m.header.IsResponse() ? 1 : 0;
        if (m.header.exchangeType == ikev2::IKE_SA_INIT && !haveAuth[0])
        {
            x.init[r] = f.ike; // the last pair before IKE_AUTH (after an INVALID_KE retry)
            x.initMessage[r] = m;
        }
        else if (m.header.exchangeType == ikev2::IKE_AUTH && !haveAuth[r])
        {
            x.auth[r] = inner;
            haveAuth[r] = true;
        }
        else if (m.header.exchangeType == ikev2::CREATE_CHILD_SA)
        {
            x.createChild[r].push_back(inner);
            x.createChildHeader[r].push_back(m.header);
        }
    }
    x.complete = haveAuth[0] && haveAuth[1] && !x.init[0].empty() && !x.init[1].empty();
    return x;
}

std::vector<std::pair<std::string, std::vector<uint8_t>>>
ReadIkev2Derivations(const std::string& fixture)
{
    std::vector<std::pair<std::string, std::vector<uint8_t>>> values;
    std::ifstream in(Ikev2FixtureDir() + fixture + "/derivations.txt");
    std::string line;
    while (std::getline(in, line))
    {
        if (line.empty() || line[0] == '#')
        {
            continue;
        }
        std::istringstream ls(line);
        std::string sa, name, hex;
        ls >> sa >> name >> hex;
        values.emplace_back(name, HexToBytes(hex));
    }
    return values;
}

std::vector<uint8_t>
Ikev2Derivation(const std::vector<std::pair<std::string, std::vector<uint8_t>>>& values,
                const std::string& name,
                size_t n)
{
    for (const auto& [what, bytes] : values)
    {
        if (what == name && n-- == 0)
        {
            return bytes;
        }
    }
    return {};
}

} // namespace ns3::ipsec::test
