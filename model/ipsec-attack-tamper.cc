// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-attack-tamper.h"

#include "ipsec-constants.h"
#include "ipsec-ns3-compat.h"

#include "ns3/enum.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace ipsec
{

NS_OBJECT_ENSURE_REGISTERED(TamperAttack);

TypeId
TamperAttack::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ipsec::TamperAttack")
            .SetParent<Attack>()
            .SetGroupName("Ipsec")
            .AddConstructor<TamperAttack>()
            .AddAttribute("Field",
                          "What is changed",
                          EnumValue(PAYLOAD),
                          compat::MakeEnumAccessor<Field>(&TamperAttack::m_field),
                          MakeEnumChecker(PAYLOAD,
                                          "payload",
                                          ICV,
                                          "icv",
                                          SPI,
                                          "spi",
                                          SEQUENCE,
                                          "sequence",
                                          SOURCE,
                                          "source",
                                          DESTINATION,
                                          "destination",
                                          TRUNCATE,
                                          "truncate",
                                          PAD,
                                          "pad"))
            .AddAttribute("Offset",
                          "Field payload: the byte of the IP payload changed (from its start)",
                          UintegerValue(24),
                          MakeUintegerAccessor(&TamperAttack::m_offset),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Mask",
                          "The bits flipped (XOR) in the byte changed",
                          UintegerValue(0x01),
                          MakeUintegerAccessor(&TamperAttack::m_mask),
                          MakeUintegerChecker<uint8_t>(1, 255))
            .AddAttribute("Bytes",
                          "Fields truncate and pad: how many bytes",
                          UintegerValue(4),
                          MakeUintegerAccessor(&TamperAttack::m_bytes),
                          MakeUintegerChecker<uint32_t>(1, 65000));
    return tid;
}

const char*
TamperAttack::GetFieldName(Field field)
{
    static const char* const names[] =
        {"payload", "icv", "spi", "sequence", "source", "destination", "truncate", "pad"};
    return field <= PAD ? names[field] : "unknown";
}

int64_t
TamperAttack::Locate(uint8_t protocol, const std::vector<uint8_t>& bytes) const
{
    const bool esp = protocol == ESP_PROTOCOL_NUMBER;
    const bool ah = protocol == AH_PROTOCOL_NUMBER;
    int64_t index = -1;
    switch (m_field)
    {
    case PAYLOAD:
        index = m_offset;
        break;
    case ICV: // ESP: the ICV ends the packet; AH: it follows the 12-byte fixed header (RFC 4302)
        index = esp ? static_cast<int64_t>(bytes.size()) - 1 : ah ? 12 : -1;
        break;
    case SPI: // ESP: bytes 0-3 (RFC 4303 §2); AH: bytes 4-7 (RFC 4302 §2)
        index = esp ? 3 : ah ? 7 : -1;
        break;
    case SEQUENCE: // ESP: bytes 4-7; AH: bytes 8-11
        index = esp ? 7 : ah ? 11 : -1;
        break;
    default:
        break;
    }
    return index < static_cast<int64_t>(bytes.size()) ? index : -1;
}

AttackVerdict
TamperAttack::DoProcess(AttackPacket& packet, AttackContext& /* ctx */)
{
    if (m_field == SOURCE || m_field == DESTINATION)
    {
        const Ipv4Address a =
            m_field == SOURCE ? packet.header.GetSource() : packet.header.GetDestination();
        const Ipv4Address changed(a.Get() ^ m_mask);
        m_field == SOURCE ? packet.header.SetSource(changed)
                          : packet.header.SetDestination(changed);
        Count("tampered", packet);
        return AttackVerdict::FORWARD;
    }
    std::vector<uint8_t> bytes(packet.payload->GetSize());
    packet.payload->CopyData(bytes.data(), bytes.size());
    if (m_field == TRUNCATE)
    {
        bytes.resize(bytes.size() > m_bytes ? bytes.size() - m_bytes : 0);
    }
    else if (m_field == PAD)
    {
        bytes.resize(bytes.size() + m_bytes, 0);
    }
    else
    {
        const int64_t index = Locate(packet.header.GetProtocol(), bytes);
        if (index < 0)
        {
            Count("skipped", packet);
            return AttackVerdict::FORWARD;
        }
        bytes[index] ^= m_mask;
    }
    packet.payload = Create<Packet>(bytes.data(), bytes.size());
    packet.header.SetPayloadSize(bytes.size());
    Count("tampered", packet);
    return AttackVerdict::FORWARD;
}

} // namespace ipsec
} // namespace ns3
