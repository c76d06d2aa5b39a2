// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-carried-tags.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecCarriedTags");
NS_OBJECT_ENSURE_REGISTERED(CarriedTags);

namespace
{

// A record in the blob: kind (1 byte), TypeId hash, start, end, size (4 bytes each, big
// endian), then the tag's serialized bytes. Start and end matter for byte tags only.
constexpr uint8_t KIND_BYTE = 0;
constexpr uint8_t KIND_PACKET = 1;
constexpr size_t RECORD_HEADER = 17;

void
PutU32(std::vector<uint8_t>& blob, uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
    {
        blob.push_back(static_cast<uint8_t>(v >> shift));
    }
}

uint32_t
GetU32(const uint8_t* p)
{
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

/// A new, default-constructed tag of a type (owned by the caller), or null if the type has no
/// constructor registered.
Tag*
MakeTag(TypeId tid)
{
    if (!tid.HasConstructor())
    {
        NS_LOG_WARN("tag type " << tid.GetName() << " has no constructor; not carried");
        return nullptr;
    }
    ObjectBase* base = tid.GetConstructor()();
    Tag* tag = dynamic_cast<Tag*>(base);
    if (!tag)
    {
        delete base;
    }
    return tag;
}

void
Append(std::vector<uint8_t>& blob, uint8_t kind, const Tag& tag, uint32_t start, uint32_t end)
{
    const uint32_t size = tag.GetSerializedSize();
    blob.push_back(kind);
    PutU32(blob, tag.GetInstanceTypeId().GetHash());
    PutU32(blob, start);
    PutU32(blob, end);
    PutU32(blob, size);
    const size_t at = blob.size();
    blob.resize(at + size);
    tag.Serialize(TagBuffer(blob.data() + at, blob.data() + at + size));
}

} // namespace

TypeId
CarriedTags::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ipsec::CarriedTags")
                            .SetParent<Tag>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<CarriedTags>();
    return tid;
}

TypeId
CarriedTags::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
CarriedTags::GetSerializedSize() const
{
    return 4 + static_cast<uint32_t>(m_blob.size());
}

void
CarriedTags::Serialize(TagBuffer buffer) const
{
    buffer.WriteU32(static_cast<uint32_t>(m_blob.size()));
    buffer.Write(m_blob.data(), static_cast<uint32_t>(m_blob.size()));
}

void
CarriedTags::Deserialize(TagBuffer buffer)
{
    m_blob.resize(buffer.ReadU32());
    buffer.Read(m_blob.data(), static_cast<uint32_t>(m_blob.size()));
}

void
CarriedTags::Print(std::ostream& os) const
{
    os << "carried tags: " << m_blob.size() << " bytes";
}

void
CarriedTags::Wrap(Ptr<const Packet> inner, Ptr<Packet> outer)
{
    NS_LOG_FUNCTION(inner << outer);
    CarriedTags carried;
    ByteTagIterator bytes = inner->GetByteTagIterator();
    while (bytes.HasNext())
    {
        ByteTagIterator::Item item = bytes.Next();
        if (Tag* tag = MakeTag(item.GetTypeId()))
        {
            item.GetTag(*tag);
            Append(carried.m_blob, KIND_BYTE, *tag, item.GetStart(), item.GetEnd());
            delete tag;
        }
    }
    PacketTagIterator packets = inner->GetPacketTagIterator();
    while (packets.HasNext())
    {
        PacketTagIterator::Item item = packets.Next();
        if (item.GetTypeId() == GetTypeId())
        {
            continue; // a carrier never rides inside another
        }
        if (Tag* tag = MakeTag(item.GetTypeId()))
        {
            item.GetTag(*tag);
            Append(carried.m_blob, KIND_PACKET, *tag, 0, 0);
            delete tag;
        }
    }
    outer->RemoveAllByteTags();
    outer->RemoveAllPacketTags();
    if (!carried.m_blob.empty())
    {
        outer->AddPacketTag(carried);
    }
}

void
CarriedTags::Pass(Ptr<const Packet> from, Ptr<Packet> to)
{
    CarriedTags carried;
    if (from->PeekPacketTag(carried))
    {
        // Not ReplacePacketTag: it rewrites in place, in the old tag's size.
        CarriedTags old;
        to->RemovePacketTag(old);
        to->AddPacketTag(carried);
    }
}

void
CarriedTags::Unwrap(Ptr<Packet> packet, uint32_t offset)
{
    CarriedTags carried;
    if (!packet->RemovePacketTag(carried))
    {
        return;
    }
    NS_LOG_FUNCTION(packet << offset << carried.m_blob.size());
    const std::vector<uint8_t>& blob = carried.m_blob;
    const uint32_t size = packet->GetSize();
    size_t at = 0;
    while (blob.size() - at >= RECORD_HEADER)
    {
        const uint8_t kind = blob[at];
        const uint32_t hash = GetU32(&blob[at + 1]);
        const uint32_t start = GetU32(&blob[at + 5]);
        const uint32_t end = GetU32(&blob[at + 9]);
        const uint32_t length = GetU32(&blob[at + 13]);
        at += RECORD_HEADER;
        if (length > blob.size() - at)
        {
            break; // cannot happen: Wrap wrote the blob
        }
        TypeId tid;
        Tag* tag = TypeId::LookupByHashFailSafe(hash, &tid) ? MakeTag(tid) : nullptr;
        if (tag)
        {
            uint8_t* data = const_cast<uint8_t*>(blob.data()) + at;
            tag->Deserialize(TagBuffer(data, data + length));
            if (kind == KIND_BYTE)
            {
                const uint32_t s = std::min(size, start + offset);
                packet->AddByteTag(*tag, s, std::max(s, std::min(size, end + offset)));
            }
            else
            {
                // A tag of the type already on the packet gives way to the carried one (ns-3
                // asserts on two of a type; ReplacePacketTag would keep the old tag's size).
                Tag* old = MakeTag(tid);
                packet->RemovePacketTag(*old);
                delete old;
                packet->AddPacketTag(*tag);
            }
            delete tag;
        }
        at += length;
    }
}

} // namespace ipsec
} // namespace ns3
