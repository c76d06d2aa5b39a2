// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * libFuzzer target: EspCodec::Decapsulate for every ESP suite, with a fixed SA and fixed keys.
 *
 * Input: byte 0 picks the suite (EspSuiteNames(), modulo their number); byte 1 has flags:
 * bit 0 "sealed", bit 1 ESN; bytes 2-5 are the ESN high bits.
 *  - Not sealed: the rest is the ESP packet (SPI to ICV) as received. Almost every such packet
 *    fails the ICV, which is the point: lengths, alignment and ICV checks on hostile bytes.
 *  - Sealed: the rest is SPI | sequence | IV | plaintext (payload, padding, pad length, next
 *    header, all chosen by the fuzzer); the target encrypts and authenticates it with the SA's
 *    keys, as a peer holding the keys could, so decryption and the trailer checks behind the
 *    ICV see hostile plaintext. The target checks the result against its own reading of the
 *    trailer (RFC 4303 §2.4-§2.6).
 */

#include "fuzz-common.h"

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-constants.h"
#include "ns3/ipsec-crypto-factory.h"
#include "ns3/ipsec-esp-codec.h"

#include <map>
#include <memory>

using namespace ns3::ipsec;
using namespace ns3::ipsec::fuzz;

namespace
{

/// One fixed SA: the codec under test and separate transforms to seal packets with.
struct Sa
{
    EspSuite suite;                       ///< algorithms
    std::unique_ptr<EspCodec> codec;      ///< under test
    std::unique_ptr<Cipher> cipher;       ///< sealing (non-AEAD)
    std::unique_ptr<Aead> aead;           ///< sealing (AEAD)
    std::unique_ptr<Integrity> integrity; ///< sealing (non-AEAD with integrity)
};

Sa&
GetSa(size_t index, bool esn)
{
    static std::map<std::pair<size_t, bool>, Sa> sas;
    auto it = sas.find({index, esn});
    if (it != sas.end())
    {
        return it->second;
    }
    Sa& sa = sas[{index, esn}];
    sa.suite = SuiteByName(EspSuiteNames()[index], esn);
    const std::vector<uint8_t> ek = FixedKey(sa.suite.encryption->keySize, ENCRYPTION_KEY_SEED);
    const std::vector<uint8_t> ik = sa.suite.integrity
                                        ? FixedKey(sa.suite.integrity->keySize, INTEGRITY_KEY_SEED)
                                        : std::vector<uint8_t>();
    sa.codec = std::make_unique<EspCodec>(ESP_SPI, sa.suite, ByteSpan(ek), ByteSpan(ik));
    if (sa.suite.IsAead())
    {
        sa.aead = CreateAead(*sa.suite.encryption, ByteSpan(ek));
    }
    else
    {
        sa.cipher = CreateCipher(*sa.suite.encryption, ByteSpan(ek));
    }
    if (sa.suite.integrity)
    {
        sa.integrity = CreateIntegrity(*sa.suite.integrity, ByteSpan(ik));
    }
    return sa;
}

/**
 * Encrypt and authenticate header | IV | plaintext as EspCodec::Encapsulate would, whatever
 * the plaintext's trailer says.
 */
std::vector<uint8_t>
Seal(Sa& sa, const std::vector<uint8_t>& in, uint32_t seqHigh)
{
    const uint32_t ivSize = sa.suite.encryption->ivSize;
    const uint32_t icvSize = sa.suite.GetIcvSize();
    const uint32_t block = sa.suite.encryption->blockSize;
    std::vector<uint8_t> esp(in);
    if (esp.size() < ESP_HEADER_SIZE + ivSize)
    {
        esp.resize(ESP_HEADER_SIZE + ivSize);
    }
    size_t textSize = esp.size() - ESP_HEADER_SIZE - ivSize;
    textSize -= textSize % block; // the cipher needs whole blocks
    esp.resize(ESP_HEADER_SIZE + ivSize + textSize + icvSize);
    uint8_t* header = esp.data();
    uint8_t* iv = header + ESP_HEADER_SIZE;
    uint8_t* text = iv + ivSize;
    uint8_t* icv = text + textSize;
    uint8_t high[4] = {static_cast<uint8_t>(seqHigh >> 24),
                       static_cast<uint8_t>(seqHigh >> 16),
                       static_cast<uint8_t>(seqHigh >> 8),
                       static_cast<uint8_t>(seqHigh)};
    bool ok = true;
    if (sa.aead)
    {
        uint8_t aadEsn[12];
        std::memcpy(aadEsn, header, 4);
        std::memcpy(aadEsn + 4, high, 4);
        std::memcpy(aadEsn + 8, header + 4, 4);
        const ByteSpan aad = sa.suite.esn ? ByteSpan(aadEsn, 12) : ByteSpan(header, 8);
        ok = sa.aead->IsEncrypting()
                 ? sa.aead->Encrypt(iv, {aad}, text, textSize, icv)
                 : sa.aead->Encrypt(iv, {aad, ByteSpan(iv, ivSize)}, text, textSize, icv);
    }
    else
    {
        ok = sa.cipher->Encrypt(iv, text, textSize);
        if (ok && sa.integrity)
        {
            ok = sa.integrity->Compute(
                {ByteSpan(header, icv - header), sa.suite.esn ? ByteSpan(high, 4) : ByteSpan()},
                icv);
        }
    }
    if (!ok)
    {
        Fail("sealing failed");
    }
    return esp;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Reader in{data, size};
    const size_t index = in.U8() % EspSuiteNames().size();
    const uint8_t flags = in.U8();
    const bool sealed = flags & 1;
    const bool esn = flags & 2;
    const uint32_t seqHigh = in.U32();
    Sa& sa = GetSa(index, esn);

    std::vector<uint8_t> plain = in.Rest();
    std::vector<uint8_t> esp = sealed ? Seal(sa, plain, seqHigh) : plain;
    std::vector<uint8_t> payload(3, 0xee); // must be emptied on failure
    uint8_t nextHeader = 0xaa;
    const DropReason reason = sa.codec->Decapsulate(ByteSpan(esp), seqHigh, payload, nextHeader);

    if (reason != DropReason::NONE && (!payload.empty() || nextHeader != 0xaa))
    {
        Fail("a dropped packet left plaintext or a next header behind");
    }
    if (reason == DropReason::NONE && payload.size() > esp.size())
    {
        Fail("payload larger than the packet");
    }
    if (!sealed)
    {
        return 0;
    }
    // Sealed: only the lengths and the trailer can be wrong; predict the verdict.
    const uint32_t ivSize = sa.suite.encryption->ivSize;
    const size_t textSize = esp.size() - ESP_HEADER_SIZE - ivSize - sa.suite.GetIcvSize();
    DropReason expected = DropReason::NONE;
    size_t payloadSize = 0;
    if (textSize < ESP_TRAILER_FIXED_SIZE)
    {
        expected = DropReason::TRUNCATED;
    }
    else
    {
        // The plaintext as the fuzzer wrote it (the cipher kept whole blocks of it).
        const uint8_t* text = plain.data() + ESP_HEADER_SIZE + ivSize;
        const uint8_t padLength = text[textSize - 2];
        if (padLength > textSize - ESP_TRAILER_FIXED_SIZE)
        {
            expected = DropReason::BAD_PAD_LENGTH;
        }
        else
        {
            payloadSize = textSize - ESP_TRAILER_FIXED_SIZE - padLength;
            for (uint32_t i = 0; i < padLength; i++)
            {
                if (text[payloadSize + i] != static_cast<uint8_t>(i + 1))
                {
                    expected = DropReason::BAD_PADDING;
                    break;
                }
            }
            if (expected == DropReason::NONE &&
                (nextHeader != text[textSize - 1] || payload.size() != payloadSize ||
                 (payloadSize != 0 && std::memcmp(payload.data(), text, payloadSize) != 0)))
            {
                Fail("a well-formed sealed packet came out different");
            }
        }
    }
    if (reason != expected)
    {
        std::fprintf(stderr,
                     "suite %s: got %s, expected %s\n",
                     sa.suite.ToString().c_str(),
                     GetDropReasonName(reason),
                     GetDropReasonName(expected));
        Fail("sealed packet: unexpected verdict");
    }
    return 0;
}
