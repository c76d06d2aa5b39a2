// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Where ESP IVs come from: a per-SA counter or an ns-3 random stream.
 */
#ifndef IPSEC_IV_GENERATOR_H
#define IPSEC_IV_GENERATOR_H

#include "ipsec-transform.h"

#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

#include <memory>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief Produces the explicit IV of each outgoing ESP packet (strongSwan's iv_gen_t).
 */
class IvGenerator
{
  public:
    virtual ~IvGenerator() = default;
    /**
     * @brief Write the next IV.
     * @param iv where to write
     * @param size IV length in bytes
     */
    virtual void Generate(uint8_t* iv, uint32_t size) = 0;
};

/**
 * @ingroup ipsec
 * @brief Counter IVs for GCM, GMAC, CTR and ChaCha20-Poly1305, which need uniqueness, not
 * unpredictability (RFC 4106 §3.1, RFC 3686 §3, RFC 7634 §2): 1, 2, 3, ... big-endian,
 * never repeating within the SA (as strongSwan's iv_gen_seq and Linux's seqiv).
 */
class CounterIvGenerator : public IvGenerator
{
  public:
    /**
     * @brief Start counting.
     * @param first the first IV value
     */
    explicit CounterIvGenerator(uint64_t first = 1);
    void Generate(uint8_t* iv, uint32_t size) override;

  private:
    uint64_t m_next; ///< next IV value
};

/**
 * @ingroup ipsec
 * @brief Unpredictable IVs for CBC (RFC 3602 §2.1), drawn from an ns-3 random stream so that a
 * run with the same seed, run number and stream gives the same bytes. The stream is a
 * simulation PRNG, not a cryptographic one: fine for simulation, not for real secrecy.
 */
class RandomIvGenerator : public IvGenerator
{
  public:
    /// A generator with a source of its own.
    RandomIvGenerator();
    /**
     * @brief A generator drawing from a shared source: IpsecStack gives every outbound CBC SA
     * of the node its one IV stream, as a kernel has one RNG (one ns-3 stream per node, however
     * many SAs IKE installs).
     * @param source the source
     */
    explicit RandomIvGenerator(Ptr<UniformRandomVariable> source);
    void Generate(uint8_t* iv, uint32_t size) override;
    /**
     * @brief Fix the random stream (ns-3's AssignStreams convention); a shared source is
     * shared with its stream.
     * @param stream first stream index to use
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  private:
    Ptr<UniformRandomVariable> m_random; ///< byte source
};

/**
 * @brief The generator an encryption transform calls for: counter-based for counter and
 * combined modes, random for CBC, none for ENCR_NULL.
 * @param encryption an ENCR table row
 * @return the generator, or nullptr if the transform has no IV
 */
std::unique_ptr<IvGenerator> CreateDefaultIvGenerator(const TransformInfo& encryption);

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_IV_GENERATOR_H */
