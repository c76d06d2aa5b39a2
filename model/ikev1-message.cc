// SPDX-License-Identifier: GPL-2.0-only
#include "ikev1-message.h"

#include "ike-wire.h"

#include <sstream>

namespace ns3
{
namespace ipsec
{

using namespace ikev1;

namespace
{

constexpr uint16_t ATTRIBUTE_FORMAT_TV = 0x8000; ///< AF bit (RFC 2408 §3.3)

// ---- writing --------------------------------------------------------------------------------

void
WriteAttributes(IkeWriter& w, const std::vector<Ikev1Attribute>& attributes)
{
    for (const auto& a : attributes)
    {
        if (a.tv)
        {
            w.U16(static_cast<uint16_t>(ATTRIBUTE_FORMAT_TV | a.type));
            w.U16(a.value);
        }
        else
        {
            w.U16(a.type & 0x7fff);
            w.U16(static_cast<uint16_t>(a.data.size()));
            w.Bytes(a.data);
        }
    }
}

void
WriteBody(IkeWriter& w, const Ikev1SaPayload& sa)
{
    w.U32(sa.doi);
    w.U32(sa.situation);
    for (size_t i = 0; i < sa.proposals.size(); i++)
    {
        const Ikev1Proposal& p = sa.proposals[i];
        const size_t start = w.Size();
        w.U8(i + 1 < sa.proposals.size() ? PAYLOAD_PROPOSAL : PAYLOAD_NONE);
        w.U8(0);
        w.U16(0);
        w.U8(p.number);
        w.U8(p.protocolId);
        w.U8(static_cast<uint8_t>(p.spi.size()));
        w.U8(static_cast<uint8_t>(p.transforms.size()));
        w.Bytes(p.spi);
        for (size_t j = 0; j < p.transforms.size(); j++)
        {
            const Ikev1Transform& t = p.transforms[j];
            const size_t tStart = w.Size();
            w.U8(j + 1 < p.transforms.size() ? PAYLOAD_TRANSFORM : PAYLOAD_NONE);
            w.U8(0);
            w.U16(0);
            w.U8(t.number);
            w.U8(t.id);
            w.U16(0);
            WriteAttributes(w, t.attributes);
            w.PatchU16(tStart + 2, static_cast<uint16_t>(w.Size() - tStart));
        }
        w.PatchU16(start + 2, static_cast<uint16_t>(w.Size() - start));
    }
}

void
WriteBody(IkeWriter& w, const Ikev1IdPayload& id)
{
    w.U8(id.idType);
    w.U8(id.protocol);
    w.U16(id.port);
    w.Bytes(id.data);
}

void
WriteBody(IkeWriter& w, const Ikev1NotifyPayload& n)
{
    w.U32(n.doi);
    w.U8(n.protocolId);
    w.U8(static_cast<uint8_t>(n.spi.size()));
    w.U16(n.type);
    w.Bytes(n.spi);
    w.Bytes(n.data);
}

void
WriteBody(IkeWriter& w, const Ikev1DeletePayload& d)
{
    w.U32(d.doi);
    w.U8(d.protocolId);
    w.U8(d.spiSize);
    w.U16(static_cast<uint16_t>(d.spis.size()));
    for (const auto& spi : d.spis)
    {
        w.Bytes(spi);
    }
}

void
WriteBody(IkeWriter& w, const Ikev1RawPayload& raw)
{
    w.Bytes(raw.body);
}

// ---- reading --------------------------------------------------------------------------------

IkeParseError
ReadAttributes(IkeReader& r, std::vector<Ikev1Attribute>& out)
{
    while (r.Remaining() > 0)
    {
        Ikev1Attribute a;
        const uint16_t type = r.U16();
        a.type = type & 0x7fff;
        a.tv = (type & ATTRIBUTE_FORMAT_TV) != 0;
        if (a.tv)
        {
            a.value = r.U16();
        }
        else
        {
            const uint16_t len = r.U16();
            a.data = r.Bytes(len);
        }
        if (r.Failed())
        {
            return IkeParseError::BAD_PAYLOAD;
        }
        out.push_back(std::move(a));
    }
    return IkeParseError::NONE;
}

IkeParseError
ReadBody(IkeReader& r, Ikev1SaPayload& sa)
{
    sa.doi = r.U32();
    sa.situation = r.U32();
    if (r.Failed())
    {
        return IkeParseError::BAD_PAYLOAD;
    }
    uint8_t next = r.Remaining() > 0 ? PAYLOAD_PROPOSAL : PAYLOAD_NONE;
    while (next != PAYLOAD_NONE)
    {
        if (next != PAYLOAD_PROPOSAL || sa.proposals.size() >= MAX_PAYLOADS)
        {
            return IkeParseError::BAD_PAYLOAD;
        }
        const size_t start = r.Offset();
        next = r.U8();
        r.U8();
        const uint16_t len = r.U16();
        if (r.Failed() || len < 8 || len - 4u > r.Remaining())
        {
            return IkeParseError::BAD_PAYLOAD;
        }
        IkeReader p(r.Span(len - 4u));
        (void)start;
        Ikev1Proposal prop;
        prop.number = p.U8();
        prop.protocolId = p.U8();
        const uint8_t spiSize = p.U8();
        const uint8_t count = p.U8();
        prop.spi = p.Bytes(spiSize);
        if (p.Failed())
        {
            return IkeParseError::BAD_PAYLOAD;
        }
        uint8_t tNext = count > 0 ? PAYLOAD_TRANSFORM : PAYLOAD_NONE;
        while (tNext != PAYLOAD_NONE)
        {
            if (tNext != PAYLOAD_TRANSFORM)
            {
                return IkeParseError::BAD_PAYLOAD;
            }
            tNext = p.U8();
            p.U8();
            const uint16_t tLen = p.U16();
            if (p.Failed() || tLen < 8 || tLen - 4u > p.Remaining())
            {
                return IkeParseError::BAD_PAYLOAD;
            }
            IkeReader t(p.Span(tLen - 4u));
            Ikev1Transform tr;
            tr.number = t.U8();
            tr.id = t.U8();
            t.U16();
            if (t.Failed() || ReadAttributes(t, tr.attributes) != IkeParseError::NONE)
            {
                return IkeParseError::BAD_PAYLOAD;
            }
            prop.transforms.push_back(std::move(tr));
        }
        // §3.5: # of Transforms says how many follow, and nothing else may
        if (prop.transforms.size() != count || p.Remaining() != 0)
        {
            return IkeParseError::BAD_PAYLOAD;
        }
        sa.proposals.push_back(std::move(prop));
    }
    return r.Remaining() == 0 ? IkeParseError::NONE : IkeParseError::BAD_PAYLOAD;
}

IkeParseError
ReadBody(IkeReader& r, Ikev1IdPayload& id)
{
    id.idType = r.U8();
    id.protocol = r.U8();
    id.port = r.U16();
    id.data = r.Bytes(r.Remaining());
    return r.Failed() ? IkeParseError::BAD_PAYLOAD : IkeParseError::NONE;
}

IkeParseError
ReadBody(IkeReader& r, Ikev1NotifyPayload& n)
{
    n.doi = r.U32();
    n.protocolId = r.U8();
    const uint8_t spiSize = r.U8();
    n.type = r.U16();
    n.spi = r.Bytes(spiSize);
    n.data = r.Bytes(r.Remaining());
    return r.Failed() ? IkeParseError::BAD_PAYLOAD : IkeParseError::NONE;
}

IkeParseError
ReadBody(IkeReader& r, Ikev1DeletePayload& d)
{
    d.doi = r.U32();
    d.protocolId = r.U8();
    d.spiSize = r.U8();
    const uint16_t count = r.U16();
    if (r.Failed() || size_t{count} * d.spiSize != r.Remaining())
    {
        return IkeParseError::BAD_PAYLOAD;
    }
    for (uint16_t i = 0; i < count; i++)
    {
        d.spis.push_back(r.Bytes(d.spiSize));
    }
    return IkeParseError::NONE;
}

IkeParseError
ReadBody(IkeReader& r, Ikev1RawPayload& raw)
{
    raw.body = r.Bytes(r.Remaining());
    return IkeParseError::NONE;
}

template <typename T>
IkeParseError
Read(IkeReader& r, Ikev1Payload::Body& body)
{
    T t;
    const IkeParseError e = ReadBody(r, t);
    body = std::move(t);
    return e;
}

IkeParseError
ParseChain(uint8_t first, ByteSpan bytes, bool allowPadding, std::vector<Ikev1Payload>& payloads)
{
    IkeReader r(bytes);
    uint8_t type = first;
    while (type != PAYLOAD_NONE)
    {
        if (payloads.size() >= MAX_PAYLOADS)
        {
            return IkeParseError::TOO_MANY_PAYLOADS;
        }
        if (type == PAYLOAD_PROPOSAL || type == PAYLOAD_TRANSFORM)
        {
            return IkeParseError::BAD_PAYLOAD; // only inside an SA payload
        }
        if (r.Remaining() < 4)
        {
            return IkeParseError::TRUNCATED_PAYLOAD;
        }
        const uint8_t next = r.U8();
        r.U8(); // RESERVED (RFC 2408 §3.2: must be zero; not checked, as strongSwan)
        const uint16_t len = r.U16();
        if (len < 4)
        {
            return IkeParseError::BAD_PAYLOAD_LENGTH;
        }
        if (len - 4u > r.Remaining())
        {
            return IkeParseError::TRUNCATED_PAYLOAD;
        }
        IkeReader body(r.Span(len - 4u));
        Ikev1Payload p;
        p.type = type;
        IkeParseError e = IkeParseError::NONE;
        switch (type)
        {
        case PAYLOAD_SA:
            e = Read<Ikev1SaPayload>(body, p.body);
            break;
        case PAYLOAD_ID:
            e = Read<Ikev1IdPayload>(body, p.body);
            break;
        case PAYLOAD_NOTIFY:
            e = Read<Ikev1NotifyPayload>(body, p.body);
            break;
        case PAYLOAD_DELETE:
            e = Read<Ikev1DeletePayload>(body, p.body);
            break;
        default:
            e = Read<Ikev1RawPayload>(body, p.body);
            break;
        }
        if (e != IkeParseError::NONE)
        {
            return e;
        }
        payloads.push_back(std::move(p));
        type = next;
    }
    if (r.Remaining() != 0 && !allowPadding)
    {
        return IkeParseError::LENGTH_MISMATCH; // bytes after the last payload
    }
    return IkeParseError::NONE;
}

std::string
PayloadName(const Ikev1Payload& p)
{
    switch (p.type)
    {
    case PAYLOAD_SA:
        return "SA";
    case PAYLOAD_KE:
        return "KE";
    case PAYLOAD_ID:
        return "ID";
    case PAYLOAD_CERT:
        return "CERT";
    case PAYLOAD_CERTREQ:
        return "CERTREQ";
    case PAYLOAD_HASH:
        return "HASH";
    case PAYLOAD_SIG:
        return "SIG";
    case PAYLOAD_NONCE:
        return "No";
    case PAYLOAD_DELETE:
        return "D";
    case PAYLOAD_VENDOR_ID:
        return "V";
    case PAYLOAD_ATTRIBUTE:
        return "CP";
    case PAYLOAD_NAT_D:
        return "NAT-D";
    case PAYLOAD_NAT_OA:
        return "NAT-OA";
    case PAYLOAD_NOTIFY: {
        const auto* n = std::get_if<Ikev1NotifyPayload>(&p.body);
        const uint16_t t = n ? n->type : 0;
        switch (t)
        {
        case INITIAL_CONTACT:
            return "N(INITIAL_CONTACT)";
        case NO_PROPOSAL_CHOSEN:
            return "N(NO_PROP)";
        case AUTHENTICATION_FAILED:
            return "N(AUTH_FAILED)";
        case INVALID_ID_INFORMATION:
            return "N(INVAL_ID)";
        case INVALID_PAYLOAD_TYPE:
            return "N(INVAL_PAYLOAD)";
        case RESPONDER_LIFETIME:
            return "N(RESP_LIFETIME)";
        case DPD_R_U_THERE:
            return "N(DPD)";
        case DPD_R_U_THERE_ACK:
            return "N(DPD_ACK)";
        default:
            return "N(" + std::to_string(t) + ")";
        }
    }
    default:
        return "U(" + std::to_string(p.type) + ")";
    }
}

} // namespace

std::vector<uint8_t>
Ikev1PayloadBody(const Ikev1Payload& payload)
{
    std::vector<uint8_t> out;
    IkeWriter w(out);
    std::visit([&w](const auto& body) { WriteBody(w, body); }, payload.body);
    return out;
}

uint8_t
SerializeIkev1Payloads(const std::vector<Ikev1Payload>& payloads, std::vector<uint8_t>& out)
{
    IkeWriter w(out);
    for (size_t i = 0; i < payloads.size(); i++)
    {
        const size_t start = w.Size();
        w.U8(i + 1 < payloads.size() ? payloads[i + 1].type : PAYLOAD_NONE);
        w.U8(0);
        w.U16(0);
        std::visit([&w](const auto& body) { WriteBody(w, body); }, payloads[i].body);
        w.PatchU16(start + 2, static_cast<uint16_t>(w.Size() - start));
    }
    return payloads.empty() ? PAYLOAD_NONE : payloads.front().type;
}

IkeParseError
ParseIkev1Payloads(uint8_t first, ByteSpan bytes, std::vector<Ikev1Payload>& payloads)
{
    payloads.clear();
    const IkeParseError e = ParseChain(first, bytes, true, payloads);
    if (e != IkeParseError::NONE)
    {
        payloads.clear();
    }
    return e;
}

std::vector<uint8_t>
Ikev1Message::Serialize()
{
    std::vector<uint8_t> body;
    if (header.flags & IkeHeader::FLAG_V1_ENCRYPTION)
    {
        body = encrypted;
    }
    else
    {
        header.nextPayload = SerializeIkev1Payloads(payloads, body);
    }
    header.majorVersion = 1;
    header.minorVersion = 0;
    header.length = static_cast<uint32_t>(IkeHeader::SIZE + body.size());
    std::vector<uint8_t> out;
    out.reserve(header.length);
    header.Serialize(out);
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

IkeParseError
Ikev1Message::Parse(ByteSpan datagram, Ikev1Message& message)
{
    message.payloads.clear();
    message.encrypted.clear();
    IkeParseError e = IkeHeader::Parse(datagram, message.header);
    if (e != IkeParseError::NONE)
    {
        return e;
    }
    if (message.header.majorVersion != 1)
    {
        return IkeParseError::UNSUPPORTED_VERSION;
    }
    const ByteSpan rest(datagram.data + IkeHeader::SIZE, datagram.size - IkeHeader::SIZE);
    if (message.header.flags & IkeHeader::FLAG_V1_ENCRYPTION)
    {
        message.encrypted.assign(rest.data, rest.data + rest.size);
        return IkeParseError::NONE;
    }
    e = ParseChain(message.header.nextPayload, rest, false, message.payloads);
    if (e != IkeParseError::NONE)
    {
        message.payloads.clear();
    }
    return e;
}

std::string
Ikev1ExchangeName(uint8_t exchangeType)
{
    switch (exchangeType)
    {
    case IDENTITY_PROTECTION:
        return "ID_PROT";
    case AGGRESSIVE:
        return "AGGRESSIVE";
    case INFORMATIONAL:
        return "INFORMATIONAL_V1";
    case TRANSACTION:
        return "TRANSACTION";
    case QUICK_MODE:
        return "QUICK_MODE";
    case NEW_GROUP_MODE:
        return "NEW_GROUP_MODE";
    default:
        return "EXCHANGE-" + std::to_string(exchangeType);
    }
}

std::string
DescribeIkev1Message(const IkeHeader& header,
                     const std::vector<Ikev1Payload>& payloads,
                     bool request)
{
    std::ostringstream os;
    os << Ikev1ExchangeName(header.exchangeType) << (request ? " request " : " response ")
       << header.messageId << " [ ";
    for (const auto& p : payloads)
    {
        os << PayloadName(p) << ' ';
    }
    os << ']';
    return os.str();
}

ByteSpan
Ikev1PayloadsAfterFirst(ByteSpan plain)
{
    // The generic headers give each payload's length; the padding after the last is left out.
    if (plain.size < 4)
    {
        return ByteSpan();
    }
    size_t first = size_t(plain.data[2]) << 8 | plain.data[3];
    if (first < 4 || first > plain.size)
    {
        return ByteSpan();
    }
    uint8_t next = plain.data[0];
    size_t end = first;
    while (next != ikev1::PAYLOAD_NONE && end + 4 <= plain.size)
    {
        const size_t len = size_t(plain.data[end + 2]) << 8 | plain.data[end + 3];
        if (len < 4 || end + len > plain.size)
        {
            return ByteSpan();
        }
        next = plain.data[end];
        end += len;
    }
    return ByteSpan(plain.data + first, end - first);
}

std::string
Ikev1NotifyName(uint16_t type)
{
    switch (type)
    {
    case ikev1::INVALID_PAYLOAD_TYPE:
        return "INVALID_PAYLOAD_TYPE";
    case ikev1::NO_PROPOSAL_CHOSEN:
        return "NO_PROPOSAL_CHOSEN";
    case ikev1::INVALID_ID_INFORMATION:
        return "INVALID_ID_INFORMATION";
    case ikev1::AUTHENTICATION_FAILED:
        return "AUTHENTICATION_FAILED";
    case ikev1::INVALID_KEY_INFORMATION:
        return "INVALID_KEY_INFORMATION";
    case ikev1::INVALID_HASH_INFORMATION:
        return "INVALID_HASH_INFORMATION";
    case ikev1::PAYLOAD_MALFORMED:
        return "PAYLOAD_MALFORMED";
    case ikev1::RESPONDER_LIFETIME:
        return "RESPONDER_LIFETIME";
    case ikev1::INITIAL_CONTACT:
        return "INITIAL_CONTACT";
    case ikev1::DPD_R_U_THERE:
        return "R_U_THERE";
    case ikev1::DPD_R_U_THERE_ACK:
        return "R_U_THERE_ACK";
    default:
        return "NOTIFY_" + std::to_string(type);
    }
}

const Ikev1Payload*
FindIkev1Payload(const std::vector<Ikev1Payload>& payloads, uint8_t type)
{
    for (const auto& p : payloads)
    {
        if (p.type == type)
        {
            return &p;
        }
    }
    return nullptr;
}

const std::vector<uint8_t>*
FindIkev1RawBody(const std::vector<Ikev1Payload>& payloads, uint8_t type)
{
    const Ikev1Payload* p = FindIkev1Payload(payloads, type);
    const auto* raw = p ? std::get_if<Ikev1RawPayload>(&p->body) : nullptr;
    return raw ? &raw->body : nullptr;
}

std::vector<uint8_t>
Ikev1CookieBytes(uint64_t cookie)
{
    std::vector<uint8_t> b(8);
    WriteU32(b.data(), static_cast<uint32_t>(cookie >> 32));
    WriteU32(b.data() + 4, static_cast<uint32_t>(cookie));
    return b;
}

bool
IsKnownIkev1PayloadType(uint8_t type)
{
    return type == PAYLOAD_SA || (type >= PAYLOAD_KE && type <= PAYLOAD_ATTRIBUTE) ||
           type == PAYLOAD_NAT_D || type == PAYLOAD_NAT_OA || (type >= 130 && type <= 132);
}

std::vector<uint8_t>
SerializeIkev1Attributes(const std::vector<Ikev1Attribute>& attributes)
{
    std::vector<uint8_t> out;
    IkeWriter w(out);
    WriteAttributes(w, attributes);
    return out;
}

bool
ParseIkev1Attributes(ByteSpan bytes, std::vector<Ikev1Attribute>& out)
{
    out.clear();
    IkeReader r(bytes);
    return ReadAttributes(r, out) == IkeParseError::NONE;
}

} // namespace ipsec
} // namespace ns3
