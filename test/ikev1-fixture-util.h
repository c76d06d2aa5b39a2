// SPDX-License-Identifier: GPL-2.0-only
// The IKEv1 fixtures of strongSwan (test/data/ikev1/, README there): their messages and what
// charon logged while deriving keys, for the IKEv1 tests.
#ifndef IKEV1_FIXTURE_UTIL_H
#define IKEV1_FIXTURE_UTIL_H

#include "ns3/ikev1-crypter.h"
#include "ns3/ikev1-keymat.h"
#include "ns3/ikev1-message.h"
#include "ns3/ipsec-crypto-factory.h"
#include "ns3/ipsec-hex.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace ns3::ipsec::test
{

/// One UDP datagram of a fixture.
struct Ikev1FixtureFrame
{
    std::string src;          ///< "address:port"
    std::string dst;          ///< "address:port"
    std::vector<uint8_t> ike; ///< the IKE message (the non-ESP marker of port 4500 removed)
};

/**
 * @param name a fixture under test/data/ikev1/
 * @return its IKE messages in order (udp-payloads.txt; ESP-in-UDP and keep-alives left out)
 */
inline std::vector<Ikev1FixtureFrame>
ReadIkev1Frames(const std::string& name)
{
    std::ifstream in(std::string(IPSEC_SOURCE_DIR) + "/test/data/ikev1/" + name +
                     "/udp-payloads.txt");
    std::vector<Ikev1FixtureFrame> out;
    std::string frame;
    std::string src;
    std::string dst;
    std::string hex;
    while (in >> frame >> src >> dst >> hex)
    {
        auto bytes = HexToBytes(hex);
        if (dst.size() > 5 && dst.substr(dst.size() - 5) == ":4500")
        {
            // RFC 3948: IKE behind the non-ESP marker (4 zero bytes); the rest is ESP or a
            // NAT keep-alive, not IKE
            if (bytes.size() < 4 + 28 || bytes[0] || bytes[1] || bytes[2] || bytes[3])
            {
                continue;
            }
            bytes.erase(bytes.begin(), bytes.begin() + 4);
        }
        out.push_back({src, dst, bytes});
    }
    return out;
}

/**
 * @param name a fixture
 * @param what a value's name in derivations.txt (spaces as underscores)
 * @param n which one of that name, from 0
 * @return its bytes (empty if absent)
 */
inline std::vector<uint8_t>
Ikev1Logged(const std::string& name, const std::string& what, size_t n = 0)
{
    std::ifstream in(std::string(IPSEC_SOURCE_DIR) + "/test/data/ikev1/" + name +
                     "/derivations.txt");
    std::string line;
    while (std::getline(in, line))
    {
        std::istringstream ls(line);
        std::string sa;
        std::string key;
        std::string hex;
        if (line.empty() || line[0] == '#' || !(ls >> sa >> key >> hex) || key != what)
        {
            continue;
        }
        if (n-- == 0)
        {
            return HexToBytes(hex);
        }
    }
    return {};
}

/**
 * @param name a fixture
 * @return the messages charon (left) generated or parsed, as it logged them, in order
 */
inline std::vector<std::string>
Ikev1LoggedMessages(const std::string& name)
{
    std::ifstream in(std::string(IPSEC_SOURCE_DIR) + "/test/data/ikev1/" + name +
                     "/left/charon.log");
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line))
    {
        for (const char* verb : {"> generating ", "> parsed "})
        {
            const size_t at = line.find(verb);
            if (at != std::string::npos)
            {
                out.push_back(line.substr(at + std::string(verb).size()));
            }
        }
    }
    return out;
}

/**
 * @param payloads a message's payloads
 * @param type a payload type
 * @return the body of the first payload of that type as it is on the wire (empty: none)
 */
inline std::vector<uint8_t>
Ikev1BodyOf(const std::vector<Ikev1Payload>& payloads, uint8_t type)
{
    for (const auto& p : payloads)
    {
        if (p.type == type)
        {
            return Ikev1PayloadBody(p);
        }
    }
    return {};
}

/// A fixture's message with its payloads, decrypted when it was encrypted.
struct Ikev1FixtureMessage
{
    Ikev1FixtureFrame frame;            ///< the datagram
    Ikev1Message message;               ///< the message (an encrypted one's ciphertext kept)
    std::vector<Ikev1Payload> payloads; ///< its payloads, decrypted for an encrypted message
};

/**
 * Read a PSK fixture's messages and decrypt the encrypted ones, as the initiator's charon did:
 * SKEYID from the PSK and the nonces, SKEYID_e from charon's logged DH secret and the cookies,
 * the key and the IVs of RFC 2409 Appendix B (Ikev1Crypter chains them), main or aggressive
 * mode alike (the first KE and nonce each side sent).
 * @param name a fixture
 * @param cipher the phase-1 cipher's keyword, e.g. "aes128"
 * @param prf the phase-1 PRF's keyword, e.g. "prfsha1"
 * @param hash the phase-1 hash, e.g. EVP_sha1()
 * @return the messages in order; empty if one does not parse or decrypt
 */
inline std::vector<Ikev1FixtureMessage>
ReadIkev1FixtureMessages(const std::string& name,
                         const std::string& cipher,
                         const std::string& prf,
                         const EVP_MD* hash)
{
    const auto frames = ReadIkev1Frames(name);
    std::vector<Ikev1FixtureMessage> out;
    std::vector<uint8_t> gxi;
    std::vector<uint8_t> gxr;
    std::vector<uint8_t> ni;
    std::vector<uint8_t> nr;
    for (const auto& f : frames)
    {
        Ikev1FixtureMessage m{f, {}, {}};
        if (Ikev1Message::Parse(f.ike, m.message) != IkeParseError::NONE)
        {
            return {};
        }
        m.payloads = m.message.payloads;
        const bool fromLeft = f.src.rfind("10.0.0.1:", 0) == 0;
        auto& ke = fromLeft ? gxi : gxr;
        auto& nonce = fromLeft ? ni : nr;
        ke = ke.empty() ? Ikev1BodyOf(m.payloads, ikev1::PAYLOAD_KE) : ke;
        nonce = nonce.empty() ? Ikev1BodyOf(m.payloads, ikev1::PAYLOAD_NONCE) : nonce;
        out.push_back(std::move(m));
    }
    const TransformInfo* cipherRow = FindTransformByKeyword(cipher);
    const TransformInfo* prfRow = FindTransformByKeyword(prf);
    if (out.size() < 2 || !cipherRow || !prfRow || gxi.empty() || gxr.empty() || ni.empty() ||
        nr.empty())
    {
        return {};
    }
    const std::vector<uint8_t> ckyI(frames[0].ike.begin(), frames[0].ike.begin() + 8);
    const std::vector<uint8_t> ckyR(frames[1].ike.begin() + 8, frames[1].ike.begin() + 16);
    auto p = CreatePrf(*prfRow);
    const std::string pskText = "ns3-ipsec IKEv2 fixture PSK";
    const std::vector<uint8_t> psk(pskText.begin(), pskText.end());
    const Ikev1Keys k = Ikev1DeriveKeys(*p,
                                        Ikev1SkeyidPsk(*p, psk, ni, nr),
                                        Ikev1Logged(name, "shared_Diffie_Hellman_secret"),
                                        ckyI,
                                        ckyR);
    Ikev1Crypter crypter(*cipherRow,
                         Ikev1EncryptionKey(*p, k.skeyidE, cipherRow->GetCipherKeySize()),
                         hash,
                         Ikev1Phase1Iv(hash, gxi, gxr, cipherRow->blockSize));
    for (auto& m : out)
    {
        if (!(m.message.header.flags & IkeHeader::FLAG_V1_ENCRYPTION))
        {
            continue;
        }
        std::vector<uint8_t> plain;
        m.payloads.clear();
        if (!crypter.Decrypt(m.message.header.messageId, m.message.encrypted, plain) ||
            ParseIkev1Payloads(m.message.header.nextPayload, plain, m.payloads) !=
                IkeParseError::NONE)
        {
            return {};
        }
    }
    return out;
}

} // namespace ns3::ipsec::test

#endif // IKEV1_FIXTURE_UTIL_H
