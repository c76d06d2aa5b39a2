// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * Reading the strongSwan IKEv2 fixtures of test/data/ikev2 (see its README.md): the IKE
 * datagrams, charon's keys, tshark's payload lists and the values charon logged.
 */
#ifndef IKEV2_FIXTURE_UTIL_H
#define IKEV2_FIXTURE_UTIL_H

#include "ns3/ikev2-message.h"
#include "ns3/ipsec-transform.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ns3::ipsec::test
{

/// The fixtures' directory.
std::string Ikev2FixtureDir();

/// The fixture names (subdirectories), sorted.
std::vector<std::string> Ikev2Fixtures();

/// One IKE datagram of a capture, without the non-ESP marker of port 4500 (RFC 3948 §2.2).
struct Ikev2FixtureFrame
{
    int frame{0};             ///< frame number in the pcap
    std::string src;          ///< "address:port"
    std::string dst;          ///< "address:port"
    std::vector<uint8_t> ike; ///< the IKE message
};

/**
 * @brief The IKE datagrams of a fixture (ESP frames left out).
 * @param fixture the fixture's name
 * @return the frames in capture order
 */
std::vector<Ikev2FixtureFrame> ReadIkev2Frames(const std::string& fixture);

/// One line of ikev2_decryption_table (Wireshark's UAT as strongSwan's save-keys writes it).
struct Ikev2FixtureKeys
{
    uint64_t spiI{0};                    ///< initiator SPI
    uint64_t spiR{0};                    ///< responder SPI
    std::vector<uint8_t> ei, er, ai, ar; ///< SK_ei, SK_er, SK_ai, SK_ar
    std::string encryption;              ///< Wireshark's name of the encryption
    std::string integrity;               ///< Wireshark's name of the integrity algorithm
};

/**
 * @brief The IKE SA keys of a fixture.
 * @param fixture the fixture's name
 * @return one entry per IKE SA
 */
std::vector<Ikev2FixtureKeys> ReadIkev2Keys(const std::string& fixture);

/**
 * @brief Our transform for a Wireshark IKEv2 algorithm name (e.g. "AES-CBC-128 [RFC3602]").
 * @param name the name
 * @return the row or nullptr
 */
const TransformInfo* FromWiresharkIkev2Name(const std::string& name);

/**
 * @brief Parse a fixture's message and open its Encrypted payload (if any) with the keys of
 * its IKE SA.
 * @param keys the fixture's keys
 * @param bytes the message
 * @param message the message parsed
 * @param inner the payloads inside the Encrypted payload (empty if none)
 * @return NONE or the first error
 */
IkeParseError OpenIkev2FixtureMessage(const std::vector<Ikev2FixtureKeys>& keys,
                                      const std::vector<uint8_t>& bytes,
                                      Ikev2Message& message,
                                      std::vector<Ikev2Payload>& inner);

/**
 * @brief Verify and decrypt one IKE fragment (RFC 7383 SKF) of a fixture with its keys.
 * @param keys the fixture's decryption table
 * @param bytes the IKE message
 * @param message the message as parsed
 * @param content its piece of the payload chain
 * @return NONE, NOT_ENCRYPTED if it is no fragment, or why it does not open
 */
IkeParseError OpenIkev2FixtureFragment(const std::vector<Ikev2FixtureKeys>& keys,
                                       const std::vector<uint8_t>& bytes,
                                       Ikev2Message& message,
                                       std::vector<uint8_t>& content);

/**
 * @brief A transform of the chosen proposal (the first; a response holds one).
 * @param sa an SA payload
 * @param type the transform type
 * @return the row (key length included), or nullptr if the proposal has none of that type
 */
const TransformInfo* Ikev2ChosenTransform(const Ikev2SaPayload* sa, TransformType type);

/// The exchanges of a capture that matter for key derivation and authentication.
struct Ikev2FixtureExchange
{
    std::vector<uint8_t> init[2];      ///< IKE_SA_INIT request and response that led to IKE_AUTH
    Ikev2Message initMessage[2];       ///< the same, parsed
    std::vector<Ikev2Payload> auth[2]; ///< IKE_AUTH request and response payloads (decrypted)
    /// CREATE_CHILD_SA requests [0] and responses [1] (decrypted payloads), in capture order
    std::vector<std::vector<Ikev2Payload>> createChild[2];
    /// the CREATE_CHILD_SA messages' headers, in the same order
    std::vector<IkeHeader> createChildHeader[2];
    bool complete{false}; ///< both IKE_SA_INIT and both IKE_AUTH messages were found
};

/**
 * @brief Find a capture's exchanges.
 * @param fixture the fixture's name
 * @return what was found (complete is false without IKE_AUTH)
 */
Ikev2FixtureExchange FindIkev2Exchange(const std::string& fixture);

/**
 * @brief The values charon logged (derivations.txt), in log order.
 * @param fixture the fixture's name
 * @return (name, bytes) pairs, e.g. ("SKEYSEED", ...)
 */
std::vector<std::pair<std::string, std::vector<uint8_t>>> ReadIkev2Derivations(
    const std::string& fixture);

/**
 * @brief The n-th value of a name in the derivations (0 = first).
 * @param values ReadIkev2Derivations()
 * @param name the name
 * @param n which occurrence
 * @return the bytes, empty if there is no such value
 */
std::vector<uint8_t> Ikev2Derivation(
    const std::vector<std::pair<std::string, std::vector<uint8_t>>>& values,
    const std::string& name,
    size_t n = 0);

} // namespace ns3::ipsec::test

#endif // IKEV2_FIXTURE_UTIL_H
