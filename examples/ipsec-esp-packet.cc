// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipsec-esp-packet: one ESP packet, built and opened with real cryptography.
 *
 * What a student learns: the exact bytes of an ESP packet (RFC 4303) for a chosen algorithm
 * suite: the SPI and sequence number in clear, the IV, the encrypted payload with its padding,
 * pad length and next header, and the ICV; how AEAD suites (aes128gcm16, chacha20poly1305)
 * differ from encrypt-then-MAC suites (aes128-sha256); and that a single flipped bit makes the
 * receiver drop the packet with "icv-failure".
 *
 *   ./ipsec-esp-packet --proposal=aes256-sha512 --payload="hello, ESP" --seq=7
 *   ./ipsec-esp-packet --proposal=chacha20poly1305-esn --seq=4294967301
 *
 * Keys are drawn from the ns-3 random stream (change with --RngRun) unless given in hex with
 * --encKey / --integKey.
 */

#include "ipsec-example-util.h"
#include "ipsec-ns3-app-compat.h"

#include "ns3/core-module.h"
#include "ns3/ipsec-module.h"

#include <iomanip>
#include <iostream>

using namespace ns3;
using namespace ns3::ipsec;

namespace
{

/// Keying material of the given size from the run's random stream.
std::vector<uint8_t>
RandomKey(Ptr<UniformRandomVariable> random, uint32_t size)
{
    std::vector<uint8_t> key(size);
    for (auto& b : key)
    {
        b = static_cast<uint8_t>(random->GetInteger(0, 255));
    }
    return key;
}

/// Print bytes as a hex dump with offsets, 16 per line.
void
HexDump(const std::string& title, const std::vector<uint8_t>& bytes)
{
    std::cout << title << " (" << bytes.size() << " bytes)\n";
    for (size_t i = 0; i < bytes.size(); i += 16)
    {
        const size_t n = std::min<size_t>(16, bytes.size() - i);
        std::cout << "  " << std::setw(4) << std::setfill('0') << std::hex << i << std::dec
                  << std::setfill(' ') << "  " << BytesToHex(ByteSpan(&bytes[i], n), " ") << "\n";
    }
}

/// One decoded field of the packet.
void
Field(const std::string& name, const std::vector<uint8_t>& bytes, size_t offset, size_t size)
{
    std::cout << "  " << std::left << std::setw(24) << name << std::right << "[" << std::setw(3)
              << offset << ".." << std::setw(3) << offset + size << ") "
              << (size ? BytesToHex(ByteSpan(&bytes[offset], std::min<size_t>(size, 24)), " ")
                       : std::string("(none)"))
              << (size > 24 ? " ..." : "") << "\n";
}

} // namespace

static int
Run(int argc, char* argv[])
{
    std::string proposal = "aes128gcm16";
    std::string payloadText = "Hello from ns3-ipsec!";
    std::string encKeyHex;
    std::string integKeyHex;
    uint64_t seq = 1;
    uint32_t spi = 0xc0ffee01;
    uint8_t nextHeader = 17;

    // Options read whole (ns-3.37 reads a std::string option only up to its first space) and
    // checked (numbers in decimal or 0x hex, in range).
    CommandLine cmd(__FILE__);
    cmd.AddValue("proposal",
                 "ESP proposal, strongSwan syntax (e.g. aes256-sha512, "
                 "aes128gcm16, chacha20poly1305-esn)",
                 proposal);
    compat::AddTextValue(
        cmd,
        "payload",
        "payload text to protect",
        [&payloadText](const std::string& v) {
            payloadText = v;
            return true;
        },
        payloadText);
    compat::AddTextValue(
        cmd,
        "seq",
        "sequence number, 1 to 2^32-1; with -esn, 64 bits (the high half is not sent)",
        [&seq](const std::string& v) {
            seq = example::ParseNumber("seq", v, 1, ~uint64_t{0});
            return true;
        },
        "1");
    compat::AddTextValue(
        cmd,
        "spi",
        "Security Parameters Index, 256 to 0xffffffff (0 to 255 are reserved, RFC 4303 §2.1)",
        [&spi](const std::string& v) {
            spi = static_cast<uint32_t>(example::ParseNumber("spi", v, 256, 0xffffffff));
            return true;
        },
        "0xc0ffee01");
    compat::AddTextValue(
        cmd,
        "nextHeader",
        "Next Header value, 0 to 255 (17 = UDP, 4 = IPv4 tunnel, 59 = dummy)",
        [&nextHeader](const std::string& v) {
            nextHeader = static_cast<uint8_t>(example::ParseNumber("nextHeader", v, 0, 255));
            return true;
        },
        "17");
    cmd.AddValue("encKey",
                 "encryption key in hex, salt/nonce included (default: random)",
                 encKeyHex);
    cmd.AddValue("integKey", "integrity key in hex (default: random)", integKeyHex);
    cmd.Parse(argc, argv);

    const EspSuite suite = EspSuite::Parse(proposal);
    if (!suite.esn && seq > 0xffffffff)
    {
        throw ConfigError("--seq=" + std::to_string(seq) +
                          " needs ESN (a proposal ending in -esn): without it the sequence "
                          "number is 32 bits, 1 to 4294967295");
    }
    auto random = CreateObject<UniformRandomVariable>();
    random->SetStream(1);
    const auto encKey =
        encKeyHex.empty() ? RandomKey(random, suite.encryption->keySize) : HexToBytes(encKeyHex);
    std::vector<uint8_t> integKey;
    if (suite.integrity != nullptr)
    {
        integKey = integKeyHex.empty() ? RandomKey(random, suite.integrity->keySize)
                                       : HexToBytes(integKeyHex);
    }

    EspCodec sender(spi, suite, encKey, integKey);
    EspCodec receiver(spi, suite, encKey, integKey);
    if (auto* rng = dynamic_cast<RandomIvGenerator*>(sender.GetIvGenerator()))
    {
        rng->AssignStreams(2);
    }

    std::cout << "Suite      " << suite.ToString() << "  (" << suite.encryption->ianaName
              << (suite.integrity ? std::string(" + ") + suite.integrity->ianaName : "")
              << (suite.esn ? ", ESN" : "") << ")\n";
    std::cout << "Enc key    " << BytesToHex(encKey) << "\n";
    if (!integKey.empty())
    {
        std::cout << "Integ key  " << BytesToHex(integKey) << "\n";
    }

    const std::vector<uint8_t> payload(payloadText.begin(), payloadText.end());
    std::vector<uint8_t> esp;
    DropReason result = sender.Encapsulate(seq, nextHeader, payload, esp);
    if (result != DropReason::NONE)
    {
        std::cerr << "encapsulation failed: " << result << "\n";
        return 1;
    }

    HexDump("\nESP packet", esp);
    const size_t iv = sender.GetIvSize();
    const size_t icv = sender.GetIcvSize();
    const size_t text = esp.size() - 8 - iv - icv;
    std::cout << "\nDecoded (RFC 4303 §2)\n";
    Field("SPI", esp, 0, 4);
    Field("Sequence Number", esp, 4, 4);
    if (suite.esn)
    {
        std::ostringstream high;
        high << "0x" << std::hex << std::setw(8) << std::setfill('0') << (seq >> 32);
        std::cout << "  " << std::left << std::setw(24) << "ESN high 32 bits" << std::right
                  << "(not sent) " << high.str()
                  << ": the ICV covers them, the receiver infers them (RFC 4303 §2.2.1)\n";
    }
    Field("IV", esp, 8, iv);
    const bool clear = suite.encryption->kind == CryptoKind::GMAC ||
                       suite.encryption->kind == CryptoKind::NULL_CIPHER;
    Field(clear ? "Payload+trailer (clear)" : "Encrypted payload+trl", esp, 8 + iv, text);
    Field("ICV", esp, 8 + iv + text, icv);

    std::vector<uint8_t> opened;
    uint8_t nh = 0;
    result = receiver.Decapsulate(esp, static_cast<uint32_t>(seq >> 32), opened, nh);
    std::cout << "\nReceiver: " << (result == DropReason::NONE ? "accepted" : "dropped: ")
              << (result == DropReason::NONE ? "" : GetDropReasonName(result)) << ", next header "
              << +nh << ", payload \"" << std::string(opened.begin(), opened.end()) << "\"\n";
    if (result != DropReason::NONE || opened != payload)
    {
        std::cerr << "round trip failed\n";
        return 1;
    }
    const size_t padLength = text - payload.size() - 2;
    std::cout << "  inside the encryption: payload " << payload.size() << " B | padding "
              << padLength << " B (1, 2, 3, ...) | pad length " << padLength << " | next header "
              << +nh << "  (RFC 4303 §2.4-2.6)\n";

    std::vector<uint8_t> tampered = esp;
    tampered[8 + iv] ^= 0x01;
    result = receiver.Decapsulate(tampered, static_cast<uint32_t>(seq >> 32), opened, nh);
    std::cout << "Receiver, one bit flipped in the payload: "
              << (result == DropReason::NONE ? "accepted (no integrity!)"
                                             : std::string("dropped: ") + GetDropReasonName(result))
              << "\n";
    return 0;
}

int
main(int argc, char* argv[])
{
    return RunScript([&]() { return Run(argc, argv); });
}
