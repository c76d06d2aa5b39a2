// SPDX-License-Identifier: GPL-2.0-only
#include "ipsec-carried-tags.h"

#include "ns3/log.h"

#include <algorithm>
#include <memory>

namespace ns3
{
namespace ipsec
{

NS_LOG_COMPONENT_DEFINE("IpsecCarriedTags");
NS_OBJECT_ENSURE_REGISTERED(CarriedTags);

namespace
{

// A record in the blob: kind (1 byte), TypeId uid (2 bytes), start, end, size (4 bytes each,
// big endian), then the tag's serialized bytes. Start and end matter for byte tags only. The
// uid is valid within the process, where the blob lives (it is never written to a pcap).
constexpr uint8_t KIND_BYTE = 0;
constexpr uint8_t KIND_PACKET = 1;
constexpr size_t RECORD_HEADER = 15;

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

/**
 * One tag object per type carried so far, by TypeId uid, reused for every packet: building a
 * tag through its TypeId's constructor for each packet cost more than the rest of the carrying
 * (ns-3 simulations run in one thread).
 */
class Prototypes
{
  public:
    /// The prototype of a type, made on first use; null if the type cannot be built.
    Tag* Get(TypeId tid)
    {
        const uint16_t uid = tid.GetUid();
        if (uid >= m_tags.size())
        {
            m_tags.resize(uid + 1);
            m_tried.resize(uid + 1, false);
        }
        if (!m_tried[uid])
        {
            m_tried[uid] = true;
            m_tags[uid].reset(MakeTag(tid));
        }
        return m_tags[uid].get();
    }

    /// The prototype of a type already carried (Wrap made it), or null.
    Tag* Find(uint16_t uid) const
    {
        return uid < m_tags.size() ? m_tags[uid].get() : nullptr;
    }

  private:
    std::vector<std::unique_ptr<Tag>> m_tags; ///< by uid
    std::vector<bool> m_tried;                ///< by uid: Get was called
};

Prototypes&
GetPrototypes()
{
    static Prototypes prototypes;
    return prototypes;
}

void
PutU32(uint8_t* p, uint32_t v)
{
    p[0] = static_cast<uint8_t>(v >> 24);
    p[1] = static_cast<uint8_t>(v >> 16);
    p[2] = static_cast<uint8_t>(v >> 8);
    p[3] = static_cast<uint8_t>(v);
}

void
Append(std::vector<uint8_t>& blob, uint8_t kind, const Tag& tag, uint32_t start, uint32_t end)
{
    const uint32_t size = tag.GetSerializedSize();
    const uint16_t uid = tag.GetInstanceTypeId().GetUid();
    const size_t at = blob.size();
    if (blob.capacity() == 0)
    {
        blob.reserve(64); // one allocation for the usual one or two small tags
    }
    blob.resize(at + RECORD_HEADER + size);
    uint8_t* p = blob.data() + at;
    p[0] = kind;
    p[1] = static_cast<uint8_t>(uid >> 8);
    p[2] = static_cast<uint8_t>(uid);
    PutU32(p + 3, start);
    PutU32(p + 7, end);
    PutU32(p + 11, size);
    tag.Serialize(TagBuffer(p + RECORD_HEADER, p + RECORD_HEADER + size));
}

/// Whether a packet holds a packet tag of a type.
bool
HasPacketTag(Ptr<const Packet> packet, TypeId tid)
{
    PacketTagIterator i = packet->GetPacketTagIterator();
    while (i.HasNext())
    {
        if (i.Next().GetTypeId() == tid)
        {
            return true;
        }
    }
    return false;
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
        if (Tag* tag = GetPrototypes().Get(item.GetTypeId()))
        {
            item.GetTag(*tag);
            Append(carried.m_blob, KIND_BYTE, *tag, item.GetStart(), item.GetEnd());
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
        if (Tag* tag = GetPrototypes().Get(item.GetTypeId()))
        {
            item.GetTag(*tag);
            Append(carried.m_blob, KIND_PACKET, *tag, 0, 0);
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
        const uint16_t uid = static_cast<uint16_t>((blob[at + 1] << 8) | blob[at + 2]);
        const uint32_t start = GetU32(&blob[at + 3]);
        const uint32_t end = GetU32(&blob[at + 7]);
        const uint32_t length = GetU32(&blob[at + 11]);
        at += RECORD_HEADER;
        if (length > blob.size() - at)
        {
            break; // cannot happen: Wrap wrote the blob
        }
        if (Tag* tag = GetPrototypes().Find(uid))
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
                const TypeId tid = tag->GetInstanceTypeId();
                if (HasPacketTag(packet, tid))
                {
                    // A tag of the type already on the packet gives way to the carried one
                    // (ns-3 asserts on two of a type; ReplacePacketTag would keep the old
                    // tag's size).
                    std::unique_ptr<Tag> old(MakeTag(tid));
                    packet->RemovePacketTag(*old);
                }
                packet->AddPacketTag(*tag);
            }
        }
        at += length;
    }
}

} // namespace ipsec
} // namespace ns3
