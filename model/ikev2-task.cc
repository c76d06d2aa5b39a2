// SPDX-License-Identifier: GPL-2.0-only
#include "ikev2-task.h"

#include "ipsec-crypto-factory.h"
#include "ipsec-crypto-operation.h"

namespace ns3
{
namespace ipsec
{

namespace
{

/// IVs from the IKE SA's byte source (CBC needs unpredictable IVs; the source is a simulation
/// PRNG, as for ESP's RandomIvGenerator).
class SourceIvGenerator : public IvGenerator
{
  public:
    explicit SourceIvGenerator(std::function<void(uint8_t*, size_t)> bytes)
        : m_bytes(std::move(bytes))
    {
    }

    void Generate(uint8_t* iv, uint32_t size) override
    {
        m_bytes(iv, size);
    }

  private:
    std::function<void(uint8_t*, size_t)> m_bytes; ///< the source
};

} // namespace

Ikev2Payload
MakeIkev2Notify(uint16_t type, std::vector<uint8_t> data)
{
    Ikev2NotifyPayload n;
    n.type = type;
    n.data = std::move(data);
    return Ikev2Payload::Make(ikev2::PAYLOAD_NOTIFY, n);
}

const Ikev2NotifyPayload*
FindIkev2ErrorNotify(const std::vector<Ikev2Payload>& payloads)
{
    for (const auto& p : payloads)
    {
        const auto* n = std::get_if<Ikev2NotifyPayload>(&p.body);
        if (n && n->type < 16384) // §3.10.1: types below 16384 are errors
        {
            return n;
        }
    }
    return nullptr;
}

const Ikev2NotifyPayload*
FindIkev2Notify(const std::vector<Ikev2Payload>& payloads, uint16_t type)
{
    for (const auto& p : payloads)
    {
        const auto* n = std::get_if<Ikev2NotifyPayload>(&p.body);
        if (n && n->type == type)
        {
            return n;
        }
    }
    return nullptr;
}

int
FindIkev2Child(const Ikev2SaContext& ctx, uint32_t spi, bool inbound)
{
    for (size_t i = 0; i < ctx.children.size(); i++)
    {
        const Ikev2ChildSa& c = ctx.children[i];
        if ((inbound ? c.inboundSpi : c.outboundSpi) == spi)
        {
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::vector<uint8_t>
Ikev2RandomBytes(Ikev2SaContext& ctx, size_t n)
{
    std::vector<uint8_t> b(n);
    ctx.sources.bytes(b.data(), n);
    return b;
}

uint64_t
Ikev2RandomSpi(Ikev2SaContext& ctx)
{
    uint64_t spi = 0;
    while (spi == 0)
    {
        uint8_t b[8];
        ctx.sources.bytes(b, sizeof(b));
        for (uint8_t x : b)
        {
            spi = spi << 8 | x;
        }
    }
    return spi;
}

void
Ikev2ChargeKe(std::vector<IkeCryptoJob>& jobs, const KeyExchange& ke, KePhase phase)
{
    jobs.push_back({KeOperation(ke.GetGroup().keyword, phase), ke.GetGroup().publicSize});
}

void
Ikev2ChargePrf(std::vector<IkeCryptoJob>& jobs,
               const TransformInfo& prf,
               uint32_t bytes,
               uint32_t count)
{
    for (uint32_t i = 0; i < count; i++)
    {
        jobs.push_back({PrfOperation(prf.keyword), bytes});
    }
}

void
Ikev2ChargePrfPlus(std::vector<IkeCryptoJob>& jobs,
                   const TransformInfo& prf,
                   uint32_t outputBytes,
                   uint32_t seedBytes)
{
    const uint32_t block = CreatePrf(prf)->GetOutputSize();
    for (uint32_t done = 0, n = 0; done < outputBytes; done += block, n++)
    {
        jobs.push_back({PrfOperation(prf.keyword), (n == 0 ? 0 : block) + seedBytes + 1});
    }
}

void
Ikev2SetIkeSaKeys(Ikev2SaContext& ctx,
                  const std::vector<uint8_t>& skeyseed,
                  std::vector<IkeCryptoJob>& jobs)
{
    Ikev2IkeSaTransforms t;
    t.prf = ctx.proposal.prf.front();
    t.encryption = ctx.proposal.encryption.front();
    t.integrity = ctx.proposal.integrity.empty() ? nullptr : ctx.proposal.integrity.front();
    ctx.keys = DeriveIkeSaKeys(t, skeyseed, ctx.ni, ctx.nr, ctx.spiI, ctx.spiR);
    const auto& k = ctx.keys;
    Ikev2ChargePrfPlus(jobs,
                       *t.prf,
                       static_cast<uint32_t>(k.skD.size() + k.skAi.size() + k.skAr.size() +
                                             k.skEi.size() + k.skEr.size() + k.skPi.size() +
                                             k.skPr.size()),
                       static_cast<uint32_t>(ctx.ni.size() + ctx.nr.size() + 16));
    const Ikev2SkKeys i2r{ctx.keys.skEi, ctx.keys.skAi};
    const Ikev2SkKeys r2i{ctx.keys.skEr, ctx.keys.skAr};
    ctx.codec =
        std::make_unique<Ikev2SkCodec>(*t.encryption,
                                       t.integrity,
                                       ctx.initiator ? i2r : r2i,
                                       ctx.initiator ? r2i : i2r,
                                       std::make_unique<SourceIvGenerator>(ctx.sources.bytes));
}

} // namespace ipsec
} // namespace ns3
