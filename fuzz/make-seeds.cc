// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * Writes the seed corpora of the fuzz targets into DIR/<target>/ (fuzz-make-seeds DIR).
 *
 * The seeds are made from the known-answer vectors of test/ipsec-test-vectors.h (the ESP
 * plaintexts of RFC 3602, draft-mcgrew-gcm-test-01 and RFC 7634, their inner datagrams and
 * IPv4 headers), protected with the fixed keys of the targets, so every seed is a valid input
 * that reaches the end of its parser; the fuzzer mutates from there. They are generated, not
 * kept in git: they depend on the targets' input formats and keys, and regenerate in a
 * second.
 */

#include "fuzz-common.h"
#include "ikev1-fixture-util.h"
#include "ipsec-test-vectors.h"

#include "ns3/ike-certificate-helper.h"
#include "ns3/ikev2-message.h"
#include "ns3/ipsec-ah-codec.h"
#include "ns3/ipsec-constants.h"
#include "ns3/ipsec-crypto-engine.h"
#include "ns3/ipsec-esp-codec.h"
#include "ns3/ipsec-esp-trailer.h"
#include "ns3/ipsec-hex.h"

#include <fstream>
#include <map>
#include <sys/stat.h>

using namespace ns3::ipsec;
using namespace ns3::ipsec::fuzz;

namespace
{

std::string g_dir;                  ///< output directory
std::map<std::string, int> g_count; ///< seeds written per target

void
Write(const std::string& target, const std::vector<uint8_t>& bytes)
{
    const std::string dir = g_dir + "/" + target;
    mkdir(dir.c_str(), 0755);
    const std::string path = dir + "/seed-" + std::to_string(g_count[target]++);
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

void
Write(const std::string& target, const std::string& text)
{
    Write(target, std::vector<uint8_t>(text.begin(), text.end()));
}

std::vector<uint8_t>
Cat(std::vector<uint8_t> a, const std::vector<uint8_t>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

void
PutU32(std::vector<uint8_t>& v, uint32_t x)
{
    for (int i = 3; i >= 0; i--)
    {
        v.push_back(static_cast<uint8_t>(x >> (8 * i)));
    }
}

/// An ESP plaintext of a vector, split at its trailer.
struct Plain
{
    std::vector<uint8_t> payload; ///< the protected data
    uint8_t nextHeader;           ///< its protocol
};

Plain
Split(const std::vector<uint8_t>& text)
{
    const uint8_t pad = text[text.size() - 2];
    return {std::vector<uint8_t>(text.begin(), text.end() - 2 - pad), text.back()};
}

/// A 20-byte IPv4 header (no options) from src to dst with a payload of n bytes.
std::vector<uint8_t>
Ipv4(uint32_t src, uint32_t dst, uint8_t protocol, size_t n)
{
    const size_t total = 20 + n;
    std::vector<uint8_t> h = {0x45,
                              0,
                              static_cast<uint8_t>(total >> 8),
                              static_cast<uint8_t>(total),
                              0x12,
                              0x34,
                              0,
                              0,
                              64,
                              protocol,
                              0,
                              0};
    PutU32(h, src);
    PutU32(h, dst);
    return h;
}

void
EspSeeds(const std::vector<Plain>& plains)
{
    for (size_t index = 0; index < EspSuiteNames().size(); index++)
    {
        for (bool esn : {false, true})
        {
            const EspSuite suite = SuiteByName(EspSuiteNames()[index], esn);
            const auto ek = FixedKey(suite.encryption->keySize, ENCRYPTION_KEY_SEED);
            const auto ik = suite.integrity ? FixedKey(suite.integrity->keySize, INTEGRITY_KEY_SEED)
                                            : std::vector<uint8_t>();
            EspCodec codec(ESP_SPI, suite, ByteSpan(ek), ByteSpan(ik));
            const uint32_t seqHigh = esn ? 1 : 0;
            for (const Plain& p : plains)
            {
                std::vector<uint8_t> esp;
                codec.Encapsulate((uint64_t{seqHigh} << 32) | 7,
                                  p.nextHeader,
                                  ByteSpan(p.payload),
                                  esp);
                std::vector<uint8_t> head = {static_cast<uint8_t>(index),
                                             static_cast<uint8_t>(esn ? 2 : 0)};
                PutU32(head, seqHigh);
                Write("fuzz-esp-decapsulate", Cat(head, esp));
                // Sealed: header | IV | payload | padding | pad length | next header.
                head[1] |= 1;
                std::vector<uint8_t> sealed(esp.begin(),
                                            esp.begin() + ESP_HEADER_SIZE + codec.GetIvSize());
                sealed = Cat(sealed, p.payload);
                const uint8_t pad =
                    EspTrailer::ComputePadLength(p.payload.size(), suite.encryption->blockSize);
                for (uint8_t i = 1; i <= pad; i++)
                {
                    sealed.push_back(i);
                }
                sealed.push_back(pad);
                sealed.push_back(p.nextHeader);
                Write("fuzz-esp-decapsulate", Cat(head, sealed));
            }
        }
    }
}

} // namespace

int
main(int argc, char** argv)
{
    if (argc != 2)
    {
        std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    g_dir = argv[1];
    mkdir(g_dir.c_str(), 0755);
    using namespace ns3::ipsec::test;

    // ESP plaintexts (payload | padding | pad length | next header) of the vectors.
    std::vector<std::vector<uint8_t>> texts;
    texts.push_back(HexToBytes(kRfc3602AesCbcEsp[0].plaintext));
    for (const auto& v : kMcgrewGcmEsp)
    {
        texts.push_back(HexToBytes(v.plaintext));
    }
    texts.push_back(HexToBytes(kRfc7634Chacha20Poly1305[0].plaintext));
    std::vector<Plain> plains;
    for (const auto& t : texts)
    {
        plains.push_back(Split(t));
    }
    const std::vector<Plain> few = {plains[0], plains[2], plains.back()};
    EspSeeds(few);

    for (const auto& t : texts)
    {
        for (uint8_t icv : {0, 12, 16})
        {
            std::vector<uint8_t> seed = {icv};
            seed = Cat(seed, t);
            seed.resize(seed.size() + icv, 0xa5);
            Write("fuzz-esp-trailer", seed);
        }
    }

    // AH: the RFC 3602 packet's IPv4 header (protocol 51) and an ICMP payload.
    const Plain& icmp = plains[0];
    for (size_t index = 0; index < AhIntegrityNames().size(); index++)
    {
        for (bool esn : {false, true})
        {
            const TransformInfo* info = FindTransformByKeyword(AhIntegrityNames()[index]);
            const auto key = FixedKey(info->keySize, AH_KEY_SEED);
            AhCodec codec(AH_SPI, *info, ByteSpan(key), esn);
            auto ip = HexToBytes(kRfc3602AesCbcEsp[0].ipHeader);
            ip[9] = 51;
            std::vector<uint8_t> ah;
            codec.Compute(esn ? (uint64_t{1} << 32) | 3 : 3,
                          icmp.nextHeader,
                          ByteSpan(ip),
                          ByteSpan(icmp.payload),
                          ah);
            std::vector<uint8_t> seed = {static_cast<uint8_t>(index | (esn ? 0x10 : 0))};
            PutU32(seed, esn ? 1 : 0);
            seed.push_back(static_cast<uint8_t>(ah.size()));
            Write("fuzz-ah", Cat(Cat(Cat(seed, ip), ah), icmp.payload));
        }
    }

    // Inner datagrams (tunnel) and segments (transport); an ICMP error quoting UDP.
    for (const Plain& p : plains)
    {
        const bool ip = !p.payload.empty() && p.payload[0] == 0x45;
        for (uint8_t ecn = 0; ecn < 4; ecn++)
        {
            std::vector<uint8_t> seed = {static_cast<uint8_t>((ip ? 1 : 0) | ecn << 1),
                                         static_cast<uint8_t>(ip ? 4 : p.nextHeader)};
            Write("fuzz-inner-datagram", Cat(seed, p.payload));
        }
        if (ip && p.payload.size() > 20)
        {
            std::vector<uint8_t> seed = {0, p.payload[9]};
            Write("fuzz-inner-datagram",
                  Cat(seed, std::vector<uint8_t>(p.payload.begin() + 20, p.payload.end())));
        }
    }
    const std::vector<uint8_t> udp = {0x30, 0x39, 0, 9, 0, 12, 0, 0, 'f', 'u', 'z', 'z'};
    const auto quoted = Cat(Ipv4(0x0a000102, 0x0a000101, 17, udp.size()), udp);
    std::vector<uint8_t> unreachable = {3, 3, 0, 0, 0, 0, 0, 0};
    unreachable = Cat(unreachable, std::vector<uint8_t>(quoted.begin(), quoted.begin() + 28));
    std::vector<uint8_t> errorSeed = {1, 4};
    Write("fuzz-inner-datagram",
          Cat(errorSeed, Cat(Ipv4(0x0a000102, 0x0a000101, 1, unreachable.size()), unreachable)));
    errorSeed = {0, 1};
    Write("fuzz-inner-datagram", Cat(errorSeed, unreachable));

    // The whole inbound path (fuzz-inbound's scenario: A 10.0.1.1 - B 10.0.1.2 tunnel, C and
    // D in transport mode): UDP to port 9, ping, an ICMP error, the raw vector packets.
    const std::vector<uint8_t> echo = {8, 0, 0xf7, 0xfe, 0, 1, 0, 1};
    const uint32_t a = 0x0a000101;
    const uint32_t b = 0x0a000102;
    Write("fuzz-inbound", Cat({0}, Cat(Ipv4(a, b, 17, udp.size()), udp)));
    Write("fuzz-inbound", Cat({0}, Cat(Ipv4(a, b, 1, echo.size()), echo)));
    Write("fuzz-inbound", Cat({0}, Cat(Ipv4(a, b, 1, unreachable.size()), unreachable)));
    for (uint8_t kind : {1, 2})
    {
        Write("fuzz-inbound", Cat({kind, 17}, udp));
        Write("fuzz-inbound", Cat({kind, 1}, echo));
        Write("fuzz-inbound", Cat({kind, 1}, unreachable));
    }
    Write("fuzz-inbound", Cat({3, 0}, HexToBytes(kRfc3602AesCbcEsp[0].espPacket)));
    Write("fuzz-inbound", Cat({3, 0}, HexToBytes(kMcgrewGcmEsp[1].packet)));

    // Proposals: the README's and the algorithm table's keywords.
    for (const std::string& text : {"aes128gcm16",
                                    "aes256-sha512",
                                    "aes128ctr-sha256",
                                    "chacha20poly1305",
                                    "aes128gmac",
                                    "null-sha256",
                                    "3des-sha1",
                                    "aes128gcm16-esn",
                                    "aes256-sha256-sha1-esn-noesn",
                                    "AES128-SHA256",
                                    "aes128gcm16-prfsha256-ecp256",
                                    "aes192gcm12-noesn",
                                    "aes-sha"})
    {
        Write("fuzz-proposal", text);
    }
    for (const std::string& name : EspSuiteNames())
    {
        Write("fuzz-proposal", name);
    }

    // Cost tables: the reference table, and a small one.
    Write("fuzz-cost-table", std::string(CryptoCostTable::ReferenceText()));
    Write("fuzz-cost-table",
          std::string("# costs\nesp/aes128gcm16/out 1200.5 0.75 # comment\n"
                      "ah/sha256/in 800 1e-1\n\n"));

    // IKEv2 messages: an IKE_SA_INIT request (RFC 7296 §3 layouts) and one of every payload.
    {
        Ikev2Message init;
        init.header.initiatorSpi = 0x0102030405060708ULL;
        init.header.exchangeType = ikev2::IKE_SA_INIT;
        init.header.flags = IkeHeader::FLAG_INITIATOR;
        Ikev2Proposal p;
        p.transforms = {{TransformType::ENCR, 12, 128},
                        {TransformType::PRF, 5, 0},
                        {TransformType::INTEG, 12, 0},
                        {TransformType::KE, 19, 0}};
        init.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_SA, Ikev2SaPayload{{p}}));
        init.payloads.push_back(
            Ikev2Payload::Make(ikev2::PAYLOAD_KE,
                               Ikev2KePayload{19, std::vector<uint8_t>(64, 0x42)}));
        init.payloads.push_back(
            Ikev2Payload::Make(ikev2::PAYLOAD_NONCE,
                               Ikev2NoncePayload{std::vector<uint8_t>(32, 0x24)}));
        Ikev2NotifyPayload n;
        n.type = ikev2::NAT_DETECTION_SOURCE_IP;
        n.data = std::vector<uint8_t>(20, 1);
        init.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_NOTIFY, n));
        Write("fuzz-ikev2-message", init.Serialize());

        Ikev2Message all;
        all.header.exchangeType = ikev2::CREATE_CHILD_SA;
        all.header.flags = IkeHeader::FLAG_RESPONSE;
        Ikev2Proposal esp;
        esp.protocolId = ikev2::PROTOCOL_ESP;
        esp.spi = {0xc0, 1, 2, 3};
        esp.transforms = {{TransformType::ENCR, 20, 256}, {TransformType::ESN, 0, 0}};
        all.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_SA, Ikev2SaPayload{{esp}}));
        all.payloads.push_back(
            Ikev2Payload::Make(ikev2::PAYLOAD_IDI, Ikev2IdPayload{ikev2::ID_FQDN, {'a'}}));
        all.payloads.push_back(
            Ikev2Payload::Make(ikev2::PAYLOAD_AUTH, Ikev2AuthPayload{2, {1, 2}}));
        Ikev2DeletePayload d;
        d.protocolId = ikev2::PROTOCOL_ESP;
        d.spiSize = 4;
        d.spis = {{1, 2, 3, 4}};
        all.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_DELETE, d));
        Ikev2TrafficSelector ts;
        ts.startAddress = {10, 0, 0, 0};
        ts.endAddress = {10, 0, 0, 255};
        all.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_TSI, Ikev2TsPayload{{ts}}));
        all.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_TSR, Ikev2TsPayload{{ts}}));
        all.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_VENDOR_ID, Ikev2RawPayload{{7}}));
        Ikev2SkPayload sk;
        sk.firstInner = ikev2::PAYLOAD_IDI;
        sk.body = std::vector<uint8_t>(48, 0x5a);
        all.payloads.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_SK, sk));
        Write("fuzz-ikev2-message", all.Serialize());
    }

    // ISAKMP: strongSwan's clear IKEv1 messages (main and aggressive mode)
    for (const char* name : {"v1-01-main-psk", "v1-02-aggressive-psk"})
    {
        for (const auto& f : ReadIkev1Frames(name))
        {
            Write("fuzz-ikev1-message", f.ike);
        }
    }
    // ISAKMP SA: strongSwan's first main-mode message to a fresh responder (mode 0), a quick
    // mode's payloads behind a valid HASH(1) (mode 11: byte 1 the first payload type), a
    // Delete for an informational exchange (mode 3).
    {
        const auto frames = ReadIkev1Frames("v1-01-main-psk");
        Write("fuzz-ikev1-sa", Cat({0}, frames.front().ike));
        Ikev1Proposal esp;
        esp.protocolId = 3;
        esp.spi = {0, 0, 0x30, 0};
        Ikev1Transform t;
        t.id = 12;
        t.attributes = {{6, true, 128, {}}, {5, true, 5, {}}, {4, true, 1, {}}};
        esp.transforms = {t};
        Ikev1SaPayload sa;
        sa.proposals = {esp};
        std::vector<Ikev1Payload> qm = {
            Ikev1Payload::Make(ikev1::PAYLOAD_SA, sa),
            Ikev1Payload::Make(ikev1::PAYLOAD_NONCE, Ikev1RawPayload{std::vector<uint8_t>(32, 7)}),
            Ikev1Payload::Make(ikev1::PAYLOAD_ID,
                               Ikev1IdPayload{4, 0, 0, {10, 1, 0, 0, 255, 255, 0, 0}}),
            Ikev1Payload::Make(ikev1::PAYLOAD_ID,
                               Ikev1IdPayload{4, 0, 0, {10, 2, 0, 0, 255, 255, 0, 0}})};
        std::vector<uint8_t> chain;
        const uint8_t first = SerializeIkev1Payloads(qm, chain);
        Write("fuzz-ikev1-sa", Cat({11, first}, chain));
        Ikev1DeletePayload d;
        d.protocolId = 3;
        d.spiSize = 4;
        d.spis = {{0, 0, 0x10, 0}};
        chain.clear();
        const uint8_t del =
            SerializeIkev1Payloads({Ikev1Payload::Make(ikev1::PAYLOAD_DELETE, d)}, chain);
        Write("fuzz-ikev1-sa", Cat({3, del}, chain));
    }

    // Authentication data: a real certificate (mode 0), method-14 and classic AUTH data
    // (modes 1, 2), a DER ECDSA signature (3), EAP Identity and MD5 responses (4, 5).
    {
        IkeCertificateHelper pki("ecdsa256");
        pki.AssignStreams(1);
        const auto c = pki.Issue("gw", {IkeIdentity::Fqdn("gw.example")});
        Write("fuzz-ike-auth-data", Cat({0}, CertificateDer(c->certificate.get())));
        const std::vector<uint8_t> octets(64, 0x5a);
        const auto auth14 = Ikev2DigitalSignatureAuth(c->privateKey.get(), IkeHash::SHA256, octets);
        Write("fuzz-ike-auth-data", Cat({1}, auth14));
        const auto classic = Ikev2ClassicSignatureAuth(c->privateKey.get(), 9, octets);
        Write("fuzz-ike-auth-data", Cat({2}, classic));
        Write("fuzz-ike-auth-data", Cat({3}, EcdsaRawToDer(classic)));
        const std::vector<uint8_t> identity = {2, 0, 0, 10, 1, 'a', 'l', 'i', 'c', 'e'};
        for (uint8_t mode : {4, 5})
        {
            Write("fuzz-ike-auth-data",
                  Cat({mode, 0, static_cast<uint8_t>(identity.size())}, identity));
        }
    }

    // IKE SA tasks: an IKE_AUTH payload chain as the initiator sends it (mode 1: byte 1 is the
    // first payload type), and a raw message (mode 0).
    {
        std::vector<Ikev2Payload> auth;
        auth.push_back(Ikev2Payload::Make(
            ikev2::PAYLOAD_IDI,
            Ikev2IdPayload{ikev2::ID_FQDN, {'a', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e'}}));
        auth.push_back(Ikev2Payload::Make(
            ikev2::PAYLOAD_IDR,
            Ikev2IdPayload{ikev2::ID_FQDN, {'b', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e'}}));
        auth.push_back(Ikev2Payload::Make(
            ikev2::PAYLOAD_AUTH,
            Ikev2AuthPayload{ikev2::AUTH_SHARED_KEY, std::vector<uint8_t>(32, 0x33)}));
        Ikev2Proposal esp;
        esp.protocolId = ikev2::PROTOCOL_ESP;
        esp.spi = {0, 0, 0x10, 0};
        esp.transforms = {{TransformType::ENCR, 20, 128}, {TransformType::ESN, 0, 0}};
        auth.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_SA, Ikev2SaPayload{{esp}}));
        Ikev2TrafficSelector ts;
        ts.startAddress = {0, 0, 0, 0};
        ts.endAddress = {255, 255, 255, 255};
        auth.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_TSI, Ikev2TsPayload{{ts}}));
        auth.push_back(Ikev2Payload::Make(ikev2::PAYLOAD_TSR, Ikev2TsPayload{{ts}}));
        std::vector<uint8_t> chain;
        const uint8_t first = SerializeIkev2Payloads(auth, chain);
        std::vector<uint8_t> seed = {1, first};
        seed.insert(seed.end(), chain.begin(), chain.end());
        Write("fuzz-ikev2-sa", seed);
        std::vector<uint8_t> raw = {0};
        raw.insert(raw.end(), chain.begin(), chain.end());
        Write("fuzz-ikev2-sa", raw);
    }

    for (const auto& [target, n] : g_count)
    {
        std::printf("%s: %d seeds\n", target.c_str(), n);
    }
    return 0;
}
