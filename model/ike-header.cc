// SPDX-License-Identifier: GPL-2.0-only
#include "ike-header.h"

#include "ike-wire.h"

namespace ns3
{
namespace ipsec
{

const char*
ToString(IkeParseError error)
{
    switch (error)
    {
    case IkeParseError::NONE:
        return "none";
    case IkeParseError::TRUNCATED_HEADER:
        return "truncated-header";
    case IkeParseError::LENGTH_MISMATCH:
        return "length-mismatch";
    case IkeParseError::UNSUPPORTED_VERSION:
        return "unsupported-version";
    case IkeParseError::TRUNCATED_PAYLOAD:
        return "truncated-payload";
    case IkeParseError::BAD_PAYLOAD_LENGTH:
        return "bad-payload-length";
    case IkeParseError::BAD_PAYLOAD:
        return "bad-payload";
    case IkeParseError::UNSUPPORTED_CRITICAL_PAYLOAD:
        return "unsupported-critical-payload";
    case IkeParseError::SK_NOT_LAST:
        return "sk-not-last";
    case IkeParseError::TOO_MANY_PAYLOADS:
        return "too-many-payloads";
    case IkeParseError::INTEGRITY_FAILED:
        return "integrity-failed";
    case IkeParseError::BAD_PADDING:
        return "bad-padding";
    case IkeParseError::NOT_ENCRYPTED:
        return "not-encrypted";
    }
    return "unknown";
}

void
IkeHeader::Serialize(std::vector<uint8_t>& out) const
{
    IkeWriter w(out);
    w.U64(initiatorSpi);
    w.U64(responderSpi);
    w.U8(nextPayload);
    w.U8(static_cast<uint8_t>((majorVersion << 4) | (minorVersion & 0x0f)));
    w.U8(exchangeType);
    w.U8(flags);
    w.U32(messageId);
    w.U32(length);
}

IkeParseError
IkeHeader::Parse(ByteSpan datagram, IkeHeader& header)
{
    if (datagram.size < SIZE)
    {
        return IkeParseError::TRUNCATED_HEADER;
    }
    IkeReader r(datagram);
    header.initiatorSpi = r.U64();
    header.responderSpi = r.U64();
    header.nextPayload = r.U8();
    const uint8_t version = r.U8();
    header.majorVersion = version >> 4;
    header.minorVersion = version & 0x0f;
    header.exchangeType = r.U8();
    header.flags = r.U8();
    header.messageId = r.U32();
    header.length = r.U32();
    // RFC 7296 §3.1: Length is the total message (header + payloads); a datagram that is
    // longer or shorter than it says is not a well-formed message (strongSwan's parser refuses
    // both as well).
    if (header.length != datagram.size)
    {
        return IkeParseError::LENGTH_MISMATCH;
    }
    return IkeParseError::NONE;
}

std::string
Ikev2ExchangeName(uint8_t exchangeType)
{
    switch (exchangeType)
    {
    case ikev2::IKE_SA_INIT:
        return "IKE_SA_INIT";
    case ikev2::IKE_AUTH:
        return "IKE_AUTH";
    case ikev2::CREATE_CHILD_SA:
        return "CREATE_CHILD_SA";
    case ikev2::INFORMATIONAL:
        return "INFORMATIONAL";
    default:
        return "exchange-" + std::to_string(exchangeType);
    }
}

} // namespace ipsec
} // namespace ns3
