// SPDX-License-Identifier: GPL-2.0-only
#include "ikev2-message.h"

#include "ike-eap.h"
#include "ike-wire.h"

#include <sstream>

namespace ns3
{
namespace ipsec
{

namespace
{

using namespace ikev2;

/// Generic payload header (§3.2): Next Payload, C|RESERVED, Payload Length.
constexpr size_t GENERIC_HEADER = 4;
/// Proposal substructure without SPI and transforms (§3.3.1).
constexpr size_t PROPOSAL_HEADER = 8;
/// Transform substructure without attributes (§3.3.2).
constexpr size_t TRANSFORM_HEADER = 8;
/// Last Substruct values (§3.3.1, §3.3.2).
constexpr uint8_t LAST = 0;
constexpr uint8_t MORE_PROPOSALS = 2;
constexpr uint8_t MORE_TRANSFORMS = 3;
/// Attribute Format bit: TV (§3.3.5).
constexpr uint16_t ATTRIBUTE_TV = 0x8000;

// ---- writing -------------------------------------------------------------------------------

void
WriteTransform(IkeWriter& w, const Ikev2Transform& t, bool last)
{
    w.U8(last ? LAST : MORE_TRANSFORMS);
    w.U8(0);
    w.U16(static_cast<uint16_t>(TRANSFORM_HEADER + (t.keyLength ? 4 : 0)));
    w.U8(static_cast<uint8_t>(t.type));
    w.U8(0);
    w.U16(t.id);
    if (t.keyLength)
    {
        w.U16(ATTRIBUTE_TV | ATTRIBUTE_KEY_LENGTH);
        w.U16(t.keyLength);
    }
}

void
WriteBody(IkeWriter& w, const Ikev2SaPayload& sa)
{
    for (size_t i = 0; i < sa.proposals.size(); i++)
    {
        const Ikev2Proposal& p = sa.proposals[i];
        const size_t start = w.Size();
        w.U8(i + 1 == sa.proposals.size() ? LAST : MORE_PROPOSALS);
        w.U8(0);
        w.U16(0); // length, patched below
        w.U8(p.number);
        w.U8(p.protocolId);
        w.U8(static_cast<uint8_t>(p.spi.size()));
        w.U8(static_cast<uint8_t>(p.transforms.size()));
        w.Bytes(p.spi);
        for (size_t t = 0; t < p.transforms.size(); t++)
        {
            WriteTransform(w, p.transforms[t], t + 1 == p.transforms.size());
        }
        w.PatchU16(start + 2, static_cast<uint16_t>(w.Size() - start));
    }
}

void
WriteBody(IkeWriter& w, const Ikev2KePayload& ke)
{
    w.U16(ke.group);
    w.U16(0);
    w.Bytes(ke.data);
}

void
WriteBody(IkeWriter& w, const Ikev2IdPayload& id)
{
    w.U8(id.idType);
    w.U8(0);
    w.U16(0);
    w.Bytes(id.data);
}

void
WriteBody(IkeWriter& w, const Ikev2AuthPayload& auth)
{
    w.U8(auth.method);
    w.U8(0);
    w.U16(0);
    w.Bytes(auth.data);
}

void
WriteBody(IkeWriter& w, const Ikev2NoncePayload& nonce)
{
    w.Bytes(nonce.data);
}

void
WriteBody(IkeWriter& w, const Ikev2NotifyPayload& n)
{
    w.U8(n.protocolId);
    w.U8(static_cast<uint8_t>(n.spi.size()));
    w.U16(n.type);
    w.Bytes(n.spi);
    w.Bytes(n.data);
}

void
WriteBody(IkeWriter& w, const Ikev2DeletePayload& d)
{
    w.U8(d.protocolId);
    w.U8(d.spiSize);
    w.U16(static_cast<uint16_t>(d.spis.size()));
    for (const auto& spi : d.spis)
    {
        w.Bytes(spi);
    }
}

void
WriteBody(IkeWriter& w, const Ikev2TsPayload& ts)
{
    w.U8(static_cast<uint8_t>(ts.selectors.size()));
    w.U8(0);
    w.U16(0);
    for (const auto& s : ts.selectors)
    {
        w.U8(s.tsType);
        w.U8(s.ipProtocol);
        w.U16(static_cast<uint16_t>(8 + s.startAddress.size() + s.endAddress.size()));
        w.U16(s.startPort);
        w.U16(s.endPort);
        w.Bytes(s.startAddress);
        w.Bytes(s.endAddress);
    }
}

void
WriteBody(IkeWriter& w, const Ikev2SkPayload& sk)
{
    if (sk.totalFragments != 0) // SKF (RFC 7383 §2.5): Fragment Number, Total Fragments
    {
        w.U16(sk.fragmentNumber);
        w.U16(sk.totalFragments);
    }
    w.Bytes(sk.body);
}

void
WriteBody(IkeWriter& w, const Ikev2RawPayload& raw)
{
    w.Bytes(raw.body);
}

// ---- reading -------------------------------------------------------------------------------

IkeParseError
ReadTransform(IkeReader& r, Ikev2Transform& t, uint8_t& last)
{
    last = r.U8();
    r.U8();
    const uint16_t length = r.U16();
    if (r.Failed())
    {
        return IkeParseError::TRUNCATED_PAYLOAD;
    }
    if (length < TRANSFORM_HEADER || size_t{length} - 4 > r.Remaining())
    {
        return IkeParseError::BAD_PAYLOAD;
    }
    t.type = static_cast<TransformType>(r.U8());
    r.U8();
    t.id = r.U16();
    IkeReader attributes(r.Span(length - TRANSFORM_HEADER));
    while (attributes.Remaining() > 0)
    {
        const uint16_t typeField = attributes.U16();
        const uint16_t type = typeField & ~ATTRIBUTE_TV;
        uint16_t value = 0;
        if (typeField & ATTRIBUTE_TV)
        {
            value = attributes.U16();
        }
        else
        {
            attributes.Span(attributes.U16()); // TLV: skipped, makes the transform unusable
            t.unknownAttribute = true;
        }
        if (attributes.Failed())
        {
            return IkeParseError::BAD_PAYLOAD;
        }
        if ((typeField & ATTRIBUTE_TV) && type == ATTRIBUTE_KEY_LENGTH)
        {
            t.keyLength = value;
        }
        else
        {
            t.unknownAttribute = true;
        }
    }
    return IkeParseError::NONE;
}

IkeParseError
ReadBody(IkeReader& r, Ikev2SaPayload& sa)
{
    uint8_t last = MORE_PROPOSALS;
    while (last == MORE_PROPOSALS)
    {
        if (r.Remaining() == 0)
        {
            return IkeParseError::BAD_PAYLOAD; // "more proposals" but none
        }
        last = r.U8();
        r.U8();
        const uint16_t length = r.U16();
        if (r.Failed() || (last != LAST && last != MORE_PROPOSALS) || length < PROPOSAL_HEADER ||
            size_t{length} - 4 > r.Remaining())
        {
            return IkeParseError::BAD_PAYLOAD;
        }
        IkeReader body(r.Span(length - 4));
        Ikev2Proposal p;
        p.number = body.U8();
        p.protocolId = body.U8();
        const uint8_t spiSize = body.U8();
        const uint8_t count = body.U8();
        p.spi = body.Bytes(spiSize);
        if (body.Failed())
        {
            return IkeParseError::BAD_PAYLOAD;
        }
        uint8_t transformLast = count ? MORE_TRANSFORMS : LAST;
        for (uint8_t i = 0; i < count; i++)
        {
            if (transformLast != MORE_TRANSFORMS)
            {
                return IkeParseError::BAD_PAYLOAD; // a "last" transform before the count
            }
            Ikev2Transform t;
            if (ReadTransform(body, t, transformLast) != IkeParseError::NONE)
            {
                return IkeParseError::BAD_PAYLOAD;
            }
            p.transforms.push_back(t);
        }
        if (transformLast != LAST || body.Remaining() != 0)
        {
            return IkeParseError::BAD_PAYLOAD; // count and the Last Substruct flags disagree
        }
        sa.proposals.push_back(std::move(p));
    }
    return r.Remaining() == 0 ? IkeParseError::NONE : IkeParseError::BAD_PAYLOAD;
}

IkeParseError
ReadBody(IkeReader& r, Ikev2KePayload& ke)
{
    ke.group = r.U16();
    r.U16();
    ke.data = r.Bytes(r.Remaining());
    return r.Failed() ? IkeParseError::BAD_PAYLOAD_LENGTH : IkeParseError::NONE;
}

IkeParseError
ReadBody(IkeReader& r, Ikev2IdPayload& id)
{
    id.idType = r.U8();
    r.Span(3);
    id.data = r.Bytes(r.Remaining());
    return r.Failed() ? IkeParseError::BAD_PAYLOAD_LENGTH : IkeParseError::NONE;
}

IkeParseError
ReadBody(IkeReader& r, Ikev2AuthPayload& auth)
{
    auth.method = r.U8();
    r.Span(3);
    auth.data = r.Bytes(r.Remaining());
    return r.Failed() ? IkeParseError::BAD_PAYLOAD_LENGTH : IkeParseError::NONE;
}

IkeParseError
ReadBody(IkeReader& r, Ikev2NoncePayload& nonce)
{
    nonce.data = r.Bytes(r.Remaining());
    return IkeParseError::NONE;
}

IkeParseError
ReadBody(IkeReader& r, Ikev2NotifyPayload& n)
{
    n.protocolId = r.U8();
    const uint8_t spiSize = r.U8();
    n.type = r.U16();
    if (r.Failed())
    {
        return IkeParseError::BAD_PAYLOAD_LENGTH;
    }
    n.spi = r.Bytes(spiSize);
    n.data = r.Bytes(r.Remaining());
    return r.Failed() ? IkeParseError::BAD_PAYLOAD : IkeParseError::NONE;
}

IkeParseError
ReadBody(IkeReader& r, Ikev2DeletePayload& d)
{
    d.protocolId = r.U8();
    d.spiSize = r.U8();
    const uint16_t count = r.U16();
    if (r.Failed())
    {
        return IkeParseError::BAD_PAYLOAD_LENGTH;
    }
    if (size_t{count} * d.spiSize != r.Remaining())
    {
        return IkeParseError::BAD_PAYLOAD;
    }
    for (uint16_t i = 0; i < count && d.spiSize > 0; i++)
    {
        d.spis.push_back(r.Bytes(d.spiSize));
    }
    return IkeParseError::NONE;
}

IkeParseError
ReadBody(IkeReader& r, Ikev2TsPayload& ts)
{
    const uint8_t count = r.U8();
    r.Span(3);
    if (r.Failed())
    {
        return IkeParseError::BAD_PAYLOAD_LENGTH;
    }
    for (uint8_t i = 0; i < count; i++)
    {
        Ikev2TrafficSelector s;
        s.tsType = r.U8();
        s.ipProtocol = r.U8();
        const uint16_t length = r.U16();
        s.startPort = r.U16();
        s.endPort = r.U16();
        if (r.Failed() || length < 8 || (length - 8) % 2 != 0 || size_t{length} - 8 > r.Remaining())
        {
            return IkeParseError::BAD_PAYLOAD;
        }
        if ((s.tsType == TS_IPV4_ADDR_RANGE && length != 16) ||
            (s.tsType == TS_IPV6_ADDR_RANGE && length != 40))
        {
            return IkeParseError::BAD_PAYLOAD;
        }
        s.startAddress = r.Bytes((length - 8) / 2);
        s.endAddress = r.Bytes((length - 8) / 2);
        ts.selectors.push_back(std::move(s));
    }
    return r.Remaining() == 0 ? IkeParseError::NONE : IkeParseError::BAD_PAYLOAD;
}

IkeParseError
ReadBody(IkeReader& r, Ikev2RawPayload& raw)
{
    raw.body = r.Bytes(r.Remaining());
    return IkeParseError::NONE;
}

/// The body of a known payload type, read; false if the type is not one this module reads.
template <typename T>
IkeParseError
Read(IkeReader& r, Ikev2Payload::Body& body)
{
    T value;
    const IkeParseError e = ReadBody(r, value);
    body = std::move(value);
    return e;
}

bool
IsKnown(uint8_t type)
{
    return (type >= PAYLOAD_SA && type <= PAYLOAD_EAP) || type == PAYLOAD_SKF;
}

} // namespace

uint8_t
SerializeIkev2Payloads(const std::vector<Ikev2Payload>& payloads, std::vector<uint8_t>& out)
{
    IkeWriter w(out);
    for (size_t i = 0; i < payloads.size(); i++)
    {
        const Ikev2Payload& p = payloads[i];
        uint8_t next = i + 1 < payloads.size() ? payloads[i + 1].type : NO_NEXT_PAYLOAD;
        if (const auto* sk = std::get_if<Ikev2SkPayload>(&p.body))
        {
            next = sk->firstInner; // §3.14: the SK payload names the first payload inside
        }
        const size_t start = w.Size();
        w.U8(next);
        w.U8(0); // critical bit: 0 for the payloads of RFC 7296 (§3.2)
        w.U16(0);
        std::visit([&w](const auto& body) { WriteBody(w, body); }, p.body);
        w.PatchU16(start + 2, static_cast<uint16_t>(w.Size() - start));
    }
    return payloads.empty() ? NO_NEXT_PAYLOAD : payloads.front().type;
}

IkeParseError
ParseIkev2Payloads(uint8_t first,
                   ByteSpan bytes,
                   size_t base,
                   std::vector<Ikev2Payload>& payloads,
                   uint8_t& criticalType)
{
    IkeReader r(bytes);
    uint8_t type = first;
    while (type != NO_NEXT_PAYLOAD)
    {
        if (payloads.size() >= MAX_PAYLOADS)
        {
            return IkeParseError::TOO_MANY_PAYLOADS;
        }
        const size_t offset = base + r.Offset();
        const uint8_t next = r.U8();
        const bool critical = (r.U8() & 0x80) != 0;
        const uint16_t length = r.U16();
        if (r.Failed())
        {
            return IkeParseError::TRUNCATED_PAYLOAD;
        }
        if (length < GENERIC_HEADER)
        {
            return IkeParseError::BAD_PAYLOAD_LENGTH;
        }
        if (length - GENERIC_HEADER > r.Remaining())
        {
            return IkeParseError::TRUNCATED_PAYLOAD;
        }
        IkeReader body(r.Span(length - GENERIC_HEADER));
        Ikev2Payload p;
        p.type = type;
        p.critical = critical;
        IkeParseError e = IkeParseError::NONE;
        switch (type)
        {
        case PAYLOAD_SA:
            e = Read<Ikev2SaPayload>(body, p.body);
            break;
        case PAYLOAD_KE:
            e = Read<Ikev2KePayload>(body, p.body);
            break;
        case PAYLOAD_IDI:
        case PAYLOAD_IDR:
            e = Read<Ikev2IdPayload>(body, p.body);
            break;
        case PAYLOAD_AUTH:
            e = Read<Ikev2AuthPayload>(body, p.body);
            break;
        case PAYLOAD_NONCE:
            e = Read<Ikev2NoncePayload>(body, p.body);
            break;
        case PAYLOAD_NOTIFY:
            e = Read<Ikev2NotifyPayload>(body, p.body);
            break;
        case PAYLOAD_DELETE:
            e = Read<Ikev2DeletePayload>(body, p.body);
            break;
        case PAYLOAD_TSI:
        case PAYLOAD_TSR:
            e = Read<Ikev2TsPayload>(body, p.body);
            break;
        case PAYLOAD_SK:
        case PAYLOAD_SKF: {
            Ikev2SkPayload sk;
            sk.firstInner = next;
            if (type == PAYLOAD_SKF)
            {
                // RFC 7383 §2.5: numbered from 1 to Total Fragments
                if (body.Remaining() < 4)
                {
                    return IkeParseError::BAD_PAYLOAD;
                }
                sk.fragmentNumber = body.U16();
                sk.totalFragments = body.U16();
                if (sk.fragmentNumber == 0 || sk.totalFragments == 0 ||
                    sk.fragmentNumber > sk.totalFragments)
                {
                    return IkeParseError::BAD_PAYLOAD;
                }
            }
            sk.body = body.Bytes(body.Remaining());
            sk.offset = offset;
            p.body = std::move(sk);
            if (r.Remaining() != 0)
            {
                return IkeParseError::SK_NOT_LAST; // §3.14: SK is the last payload
            }
            payloads.push_back(std::move(p));
            return IkeParseError::NONE;
        }
        default:
            if (!IsKnown(type) && critical)
            {
                criticalType = type; // §2.5: reject the message, name the type in the answer
                return IkeParseError::UNSUPPORTED_CRITICAL_PAYLOAD;
            }
            e = Read<Ikev2RawPayload>(body, p.body); // kept (VID, CERT, ...) or skipped
            break;
        }
        if (e != IkeParseError::NONE)
        {
            return e;
        }
        payloads.push_back(std::move(p));
        type = next;
    }
    // Bytes after the last payload: the chain and the length disagree.
    return r.Remaining() == 0 ? IkeParseError::NONE : IkeParseError::BAD_PAYLOAD_LENGTH;
}

std::vector<uint8_t>
Ikev2Message::Serialize()
{
    std::vector<uint8_t> out;
    out.reserve(512);
    header.Serialize(out); // placeholders for next payload and length
    header.nextPayload = SerializeIkev2Payloads(payloads, out);
    header.length = static_cast<uint32_t>(out.size());
    out[16] = header.nextPayload;
    IkeWriter(out).PatchU32(24, header.length);
    return out;
}

IkeParseError
Ikev2Message::Parse(ByteSpan datagram, Ikev2Message& message, uint8_t& criticalType)
{
    message.payloads.clear();
    IkeParseError e = IkeHeader::Parse(datagram, message.header);
    if (e != IkeParseError::NONE)
    {
        return e;
    }
    if (message.header.majorVersion != 2)
    {
        return IkeParseError::UNSUPPORTED_VERSION; // §2.5: INVALID_MAJOR_VERSION
    }
    return ParseIkev2Payloads(
        message.header.nextPayload,
        ByteSpan(datagram.data + IkeHeader::SIZE, datagram.size - IkeHeader::SIZE),
        IkeHeader::SIZE,
        message.payloads,
        criticalType);
}

const Ikev2Payload*
Ikev2Message::Find(uint8_t type) const
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

const Ikev2NotifyPayload*
Ikev2Message::FindNotify(uint16_t notifyType) const
{
    for (const auto& p : payloads)
    {
        const auto* n = std::get_if<Ikev2NotifyPayload>(&p.body);
        if (n && n->type == notifyType)
        {
            return n;
        }
    }
    return nullptr;
}

std::string
Ikev2Message::Describe() const
{
    return DescribeIkev2Message(header, payloads);
}

std::string
DescribeIkev2Message(const IkeHeader& header, const std::vector<Ikev2Payload>& payloads)
{
    std::ostringstream os;
    os << Ikev2ExchangeName(header.exchangeType)
       << (header.IsResponse() ? " response " : " request ") << header.messageId << " [ ";
    if (!payloads.empty())
    {
        os << DescribeIkev2Payloads(payloads) << ' ';
    }
    os << ']';
    return os.str();
}

std::string
Ikev2PayloadShortName(uint8_t type)
{
    switch (type)
    {
    case PAYLOAD_SA:
        return "SA";
    case PAYLOAD_KE:
        return "KE";
    case PAYLOAD_IDI:
        return "IDi";
    case PAYLOAD_IDR:
        return "IDr";
    case PAYLOAD_CERT:
        return "CERT";
    case PAYLOAD_CERTREQ:
        return "CERTREQ";
    case PAYLOAD_AUTH:
        return "AUTH";
    case PAYLOAD_NONCE:
        return "No";
    case PAYLOAD_NOTIFY:
        return "N";
    case PAYLOAD_DELETE:
        return "D";
    case PAYLOAD_VENDOR_ID:
        return "V";
    case PAYLOAD_TSI:
        return "TSi";
    case PAYLOAD_TSR:
        return "TSr";
    case PAYLOAD_SK:
        return "SK";
    case PAYLOAD_CP:
        return "CP";
    case PAYLOAD_EAP:
        return "EAP";
    case PAYLOAD_SKF:
        return "EF";
    default:
        return "U(" + std::to_string(type) + ")";
    }
}

std::string
Ikev2NotifyName(uint16_t type)
{
    switch (type)
    {
    case UNSUPPORTED_CRITICAL_PAYLOAD:
        return "UNSUPPORTED_CRITICAL_PAYLOAD";
    case INVALID_IKE_SPI:
        return "INVALID_IKE_SPI";
    case INVALID_MAJOR_VERSION:
        return "INVALID_MAJOR_VERSION";
    case INVALID_SYNTAX:
        return "INVALID_SYNTAX";
    case INVALID_MESSAGE_ID:
        return "INVALID_MESSAGE_ID";
    case INVALID_SPI:
        return "INVALID_SPI";
    case NO_PROPOSAL_CHOSEN:
        return "NO_PROPOSAL_CHOSEN";
    case INVALID_KE_PAYLOAD:
        return "INVALID_KE_PAYLOAD";
    case AUTHENTICATION_FAILED:
        return "AUTHENTICATION_FAILED";
    case SINGLE_PAIR_REQUIRED:
        return "SINGLE_PAIR_REQUIRED";
    case NO_ADDITIONAL_SAS:
        return "NO_ADDITIONAL_SAS";
    case INTERNAL_ADDRESS_FAILURE:
        return "INTERNAL_ADDRESS_FAILURE";
    case FAILED_CP_REQUIRED:
        return "FAILED_CP_REQUIRED";
    case TS_UNACCEPTABLE:
        return "TS_UNACCEPTABLE";
    case INVALID_SELECTORS:
        return "INVALID_SELECTORS";
    case TEMPORARY_FAILURE:
        return "TEMPORARY_FAILURE";
    case CHILD_SA_NOT_FOUND:
        return "CHILD_SA_NOT_FOUND";
    case INITIAL_CONTACT:
        return "INITIAL_CONTACT";
    case SET_WINDOW_SIZE:
        return "SET_WINDOW_SIZE";
    case ADDITIONAL_TS_POSSIBLE:
        return "ADDITIONAL_TS_POSSIBLE";
    case IPCOMP_SUPPORTED:
        return "IPCOMP_SUPPORTED";
    case NAT_DETECTION_SOURCE_IP:
        return "NAT_DETECTION_SOURCE_IP";
    case NAT_DETECTION_DESTINATION_IP:
        return "NAT_DETECTION_DESTINATION_IP";
    case COOKIE:
        return "COOKIE";
    case USE_TRANSPORT_MODE:
        return "USE_TRANSPORT_MODE";
    case HTTP_CERT_LOOKUP_SUPPORTED:
        return "HTTP_CERT_LOOKUP_SUPPORTED";
    case REKEY_SA:
        return "REKEY_SA";
    case ESP_TFC_PADDING_NOT_SUPPORTED:
        return "ESP_TFC_PADDING_NOT_SUPPORTED";
    case NON_FIRST_FRAGMENTS_ALSO:
        return "NON_FIRST_FRAGMENTS_ALSO";
    case IKEV2_FRAGMENTATION_SUPPORTED:
        return "IKEV2_FRAGMENTATION_SUPPORTED";
    case SIGNATURE_HASH_ALGORITHMS:
        return "SIGNATURE_HASH_ALGORITHMS";
    default:
        return "NOTIFY-" + std::to_string(type);
    }
}

namespace
{

/// strongSwan's abbreviations in its "[ ... ]" message logs (libcharon/encoding/payloads/
/// notify_payload.c, notify_type_short_names), for the notifications this module sends.
std::string
NotifyShortName(uint16_t type)
{
    switch (type)
    {
    case NO_PROPOSAL_CHOSEN:
        return "NO_PROP";
    case INVALID_KE_PAYLOAD:
        return "INVAL_KE";
    case AUTHENTICATION_FAILED:
        return "AUTH_FAILED";
    case TS_UNACCEPTABLE:
        return "TS_UNACCEPT";
    case INITIAL_CONTACT:
        return "INIT_CONTACT";
    case NAT_DETECTION_SOURCE_IP:
        return "NATD_S_IP";
    case NAT_DETECTION_DESTINATION_IP:
        return "NATD_D_IP";
    case USE_TRANSPORT_MODE:
        return "USE_TRANSP";
    case REKEY_SA:
        return "REKEY_SA";
    case ESP_TFC_PADDING_NOT_SUPPORTED:
        return "ESP_TFC_PAD_N";
    case IKEV2_FRAGMENTATION_SUPPORTED:
        return "FRAG_SUP";
    case SIGNATURE_HASH_ALGORITHMS:
        return "HASH_ALG";
    case UNSUPPORTED_CRITICAL_PAYLOAD:
        return "UNSUPP_CRIT";
    case INVALID_SYNTAX:
        return "INVAL_SYN";
    case COOKIE:
        return "COOKIE";
    default:
        return Ikev2NotifyName(type);
    }
}

} // namespace

std::string
DescribeIkev2Payloads(const std::vector<Ikev2Payload>& payloads)
{
    std::ostringstream os;
    for (size_t i = 0; i < payloads.size(); i++)
    {
        if (i)
        {
            os << ' ';
        }
        const Ikev2Payload& p = payloads[i];
        const auto* raw = std::get_if<Ikev2RawPayload>(&p.body);
        if (p.type == PAYLOAD_EAP && raw)
        {
            os << DescribeEap(raw->body); // strongSwan: "EAP/REQ/MD5", "EAP/SUCC"
            continue;
        }
        os << Ikev2PayloadShortName(p.type);
        if (const auto* n = std::get_if<Ikev2NotifyPayload>(&p.body))
        {
            os << '(' << NotifyShortName(n->type) << ')';
        }
        else if (const auto* d = std::get_if<Ikev2DeletePayload>(&p.body))
        {
            os << '(' << (d->protocolId == PROTOCOL_IKE ? "IKE" : "CHILD") << ')';
        }
    }
    return os.str();
}

} // namespace ipsec
} // namespace ns3
