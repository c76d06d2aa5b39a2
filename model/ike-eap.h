// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * EAP building blocks for IKEv2 (RFC 7296 §2.16): the EAP packet codec (RFC 3748 §4), EAP-MD5
 * (RFC 3748 §5.4 with RFC 1994 CHAP) and EAP-MSCHAPv2 (draft-kamath-pppext-eap-mschapv2-02
 * packets, RFC 2759 algorithms, RFC 3079 keys, the MSK as strongSwan builds it). Pure functions:
 * no IKE state, no simulator objects. MD4 is implemented here (RFC 1320) and single DES runs as
 * DES-EDE3 with three equal keys, so neither needs OpenSSL 3's legacy provider.
 */
#ifndef IKE_EAP_H
#define IKE_EAP_H

#include "ipsec-byte-span.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/// @name EAP codes (RFC 3748 §4)
/// @{
constexpr uint8_t EAP_CODE_REQUEST = 1;  ///< Request
constexpr uint8_t EAP_CODE_RESPONSE = 2; ///< Response
constexpr uint8_t EAP_CODE_SUCCESS = 3;  ///< Success
constexpr uint8_t EAP_CODE_FAILURE = 4;  ///< Failure
/// @}

/// @name EAP method types (IANA "Method Types"; RFC 3748 §5, draft-kamath for 26)
/// @{
constexpr uint8_t EAP_TYPE_IDENTITY = 1;     ///< Identity (RFC 3748 §5.1)
constexpr uint8_t EAP_TYPE_NOTIFICATION = 2; ///< Notification (RFC 3748 §5.2)
constexpr uint8_t EAP_TYPE_NAK = 3;          ///< Legacy Nak (RFC 3748 §5.3.1)
constexpr uint8_t EAP_TYPE_MD5 = 4;          ///< MD5-Challenge (RFC 3748 §5.4)
constexpr uint8_t EAP_TYPE_MSCHAPV2 = 26;    ///< EAP-MSCHAPv2 (draft-kamath-pppext-eap-mschapv2)
/// @}

/// Code, Identifier and Length (RFC 3748 §4).
constexpr size_t EAP_HEADER_SIZE = 4;

/**
 * @brief One EAP packet (RFC 3748 §4). For Success and Failure, type and typeData are unused.
 */
struct EapPacket
{
    uint8_t code{0};               ///< EAP_CODE_*
    uint8_t identifier{0};         ///< matches a Response to its Request
    uint8_t type{0};               ///< EAP_TYPE_* (Request and Response only)
    std::vector<uint8_t> typeData; ///< the Type-Data after the Type byte
};

/**
 * @brief Encode an EAP packet. Success and Failure are the 4-byte header only.
 * @param packet the packet
 * @return the bytes; empty if the code is not 1..4 or the packet would exceed 65535 bytes
 */
std::vector<uint8_t> SerializeEap(const EapPacket& packet);

/**
 * @brief Decode an EAP packet from untrusted bytes (e.g. an IKEv2 EAP payload's data). The
 * Length field must equal the buffer size (an IKEv2 EAP payload holds exactly one EAP message,
 * RFC 7296 §3.16), Success and Failure must be exactly 4 bytes, and a Request or Response needs
 * a Type byte. Never reads outside the buffer, never throws.
 * @param bytes the bytes
 * @param out the packet (meaningful only on success)
 * @param why why the bytes were rejected
 * @return true if they are a well-formed EAP packet
 */
bool ParseEap(ByteSpan bytes, EapPacket& out, std::string& why);

/**
 * @brief strongSwan's short name of an EAP method type (eap_type_short_names): "ID", "NTF",
 * "NAK", "MD5", "MSCHAPV2", others as their number.
 * @param type the type
 * @return the name
 */
std::string EapTypeShortName(uint8_t type);

/**
 * @brief A one-line description for message traces, in strongSwan's style: "EAP/REQ/MD5",
 * "EAP/RES/MSCHAPV2", "EAP/SUCC", "EAP/FAIL".
 * @param packet the packet
 * @return the description
 */
std::string DescribeEap(const EapPacket& packet);

/**
 * @brief Describe raw EAP bytes: DescribeEap of the parsed packet, "EAP/INVALID" if they do not
 * parse.
 * @param bytes the bytes
 * @return the description
 */
std::string DescribeEap(ByteSpan bytes);

// ---------------------------------------------------------------------------------------------
// Hash and cipher primitives the methods need
// ---------------------------------------------------------------------------------------------

/**
 * @brief MD4 (RFC 1320), implemented here: OpenSSL 3 keeps MD4 in the legacy provider.
 * @param data the message
 * @return the 16-byte digest
 */
std::array<uint8_t, 16> Md4(ByteSpan data);

/**
 * @brief Single-DES ECB encryption of one block, run as DES-EDE3-ECB with K1 = K2 = K3 (which
 * is single DES: E_K(D_K(E_K(x))) = E_K(x)) from OpenSSL's default provider.
 * @param key the 8-byte DES key (parity bits ignored)
 * @param in the 8-byte plaintext block
 * @param out the 8-byte ciphertext block
 * @return false if the crypto library failed
 */
bool DesEncryptBlock(const uint8_t* key, const uint8_t* in, uint8_t* out);

/**
 * @brief Spread a 56-bit key over 8 bytes, 7 bits each, and set odd parity in the low bit.
 * RFC 2759 §8.6 (DesEncrypt) leaves inserting the parity bits to the caller; the result equals
 * strongSwan's ExpandDESKey() (DES ignores the parity bits anyway).
 * @param key7 the 7-byte key
 * @return the 8-byte DES key
 */
std::array<uint8_t, 8> DesKeyFrom56(const uint8_t* key7);

// ---------------------------------------------------------------------------------------------
// EAP-MD5 (RFC 3748 §5.4, RFC 1994 §4.1)
// ---------------------------------------------------------------------------------------------

/// The value size of an EAP-MD5 challenge this module sends and of every MD5 response.
constexpr size_t EAP_MD5_VALUE_SIZE = 16;

/**
 * @brief EAP-MD5 Type-Data: Value-Size (1 byte) | Value | Name.
 * @param value the challenge (Request) or the response hash (Response), 1..255 bytes
 * @param name the sender's name (may be empty)
 * @return the Type-Data; empty if the value is empty or longer than 255 bytes
 */
std::vector<uint8_t> BuildEapMd5TypeData(ByteSpan value, const std::string& name);

/**
 * @brief Decode EAP-MD5 Type-Data from untrusted bytes.
 * @param typeData the Type-Data
 * @param value the value
 * @param name the name (the bytes after the value)
 * @param why why the data were rejected
 * @return true if Value-Size is non-zero and fits the data
 */
bool ParseEapMd5TypeData(ByteSpan typeData,
                         std::vector<uint8_t>& value,
                         std::string& name,
                         std::string& why);

/**
 * @brief The CHAP response value: MD5(Identifier | secret | challenge) (RFC 1994 §4.1).
 * @param identifier the EAP Identifier of the Request
 * @param secret the shared secret
 * @param challenge the challenge value
 * @return the 16-byte hash; empty if the crypto library failed
 */
std::vector<uint8_t> EapMd5ResponseValue(uint8_t identifier, ByteSpan secret, ByteSpan challenge);

/**
 * @brief Check a CHAP response value in constant time.
 * @param identifier the EAP Identifier of the Request
 * @param secret the shared secret
 * @param challenge the challenge sent
 * @param response the value received
 * @return true if it is MD5(Identifier | secret | challenge)
 */
bool EapMd5CheckResponseValue(uint8_t identifier,
                              ByteSpan secret,
                              ByteSpan challenge,
                              ByteSpan response);

/**
 * @brief Server: an EAP-MD5 Request carrying a challenge.
 * @param identifier the EAP Identifier
 * @param challenge the challenge (1..255 bytes; EAP_MD5_VALUE_SIZE random bytes is usual)
 * @param name the server's name (may be empty)
 * @return the packet
 */
EapPacket EapMd5Request(uint8_t identifier, ByteSpan challenge, const std::string& name);

/**
 * @brief Peer: answer an EAP-MD5 Request.
 * @param request the parsed Request (code Request, type MD5)
 * @param secret the shared secret
 * @param name the peer's name (may be empty)
 * @param response the Response (same Identifier)
 * @param why why no Response could be built
 * @return true on success
 */
bool EapMd5Respond(const EapPacket& request,
                   ByteSpan secret,
                   const std::string& name,
                   EapPacket& response,
                   std::string& why);

/**
 * @brief Server: check an EAP-MD5 Response against the challenge it sent.
 * @param response the parsed Response
 * @param identifier the Identifier of the Request
 * @param secret the shared secret
 * @param challenge the challenge of the Request
 * @param why why it was rejected
 * @return true if the Response is well formed and its value is right
 */
bool EapMd5Verify(const EapPacket& response,
                  uint8_t identifier,
                  ByteSpan secret,
                  ByteSpan challenge,
                  std::string& why);

// ---------------------------------------------------------------------------------------------
// MS-CHAPv2 algorithms (RFC 2759 §8) and MPPE keys (RFC 3079 §3)
// ---------------------------------------------------------------------------------------------

/// Authenticator and peer challenge size (RFC 2759 §3, §4).
constexpr size_t MSCHAPV2_CHALLENGE_SIZE = 16;
/// NT-Response size (RFC 2759 §4).
constexpr size_t MSCHAPV2_NT_RESPONSE_SIZE = 24;
/// Response value: Peer-Challenge(16) | Reserved(8) | NT-Response(24) | Flags(1) (RFC 2759 §4).
constexpr size_t MSCHAPV2_RESPONSE_VALUE_SIZE = 49;
/// "S=" followed by 40 uppercase hex digits (RFC 2759 §5).
constexpr size_t MSCHAPV2_AUTH_RESPONSE_SIZE = 42;
/// MSK size: RFC 3748 §7.10 requires at least 64 bytes.
constexpr size_t EAP_MSK_SIZE = 64;

/**
 * @brief A password as the UTF-16LE ("Unicode") string RFC 2759 hashes. Well-formed UTF-8 is
 * decoded (with surrogate pairs above U+FFFF); a byte that is not part of well-formed UTF-8 maps
 * to U+00xx, which is what strongSwan's ascii_to_unicode() does for every byte.
 * @param password the password, UTF-8
 * @return the UTF-16LE bytes
 */
std::vector<uint8_t> PasswordToUtf16Le(const std::string& password);

/**
 * @brief NtPasswordHash (RFC 2759 §8.3): MD4 of the UTF-16LE password.
 * @param password the password, UTF-8
 * @return the 16-byte PasswordHash
 */
std::array<uint8_t, 16> NtPasswordHash(const std::string& password);

/**
 * @brief HashNtPasswordHash (RFC 2759 §8.4): MD4(PasswordHash).
 * @param passwordHash the 16-byte PasswordHash
 * @return PasswordHashHash
 */
std::array<uint8_t, 16> HashNtPasswordHash(ByteSpan passwordHash);

/**
 * @brief The user name RFC 2759 §8.2 hashes: without a "DOMAIN\" prefix (strongSwan's
 * extract_username() cuts at the first backslash).
 * @param userId the user name as sent in the Response's Name field
 * @return the part after the first backslash, or all of it
 */
std::string MsChapV2UserName(const std::string& userId);

/**
 * @brief ChallengeHash (RFC 2759 §8.2): the first 8 bytes of SHA-1(PeerChallenge |
 * AuthenticatorChallenge | UserName).
 * @param peerChallenge 16 bytes
 * @param authenticatorChallenge 16 bytes
 * @param userName the user name, without domain (MsChapV2UserName)
 * @return 8 bytes; empty if a challenge has the wrong size or the crypto library failed
 */
std::vector<uint8_t> MsChapV2ChallengeHash(ByteSpan peerChallenge,
                                           ByteSpan authenticatorChallenge,
                                           const std::string& userName);

/**
 * @brief ChallengeResponse (RFC 2759 §8.5): the 8-byte challenge DES-encrypted under the three
 * 7-byte parts of the zero-padded 21-byte PasswordHash.
 * @param challenge 8 bytes (ChallengeHash)
 * @param passwordHash 16 bytes
 * @return the 24-byte response; empty on wrong sizes or crypto failure
 */
std::vector<uint8_t> MsChapV2ChallengeResponse(ByteSpan challenge, ByteSpan passwordHash);

/**
 * @brief GenerateNTResponse (RFC 2759 §8.1) from a PasswordHash (strongSwan can store NT
 * hashes instead of passwords).
 * @param authenticatorChallenge 16 bytes
 * @param peerChallenge 16 bytes
 * @param userName the user name, without domain
 * @param passwordHash 16 bytes
 * @return the 24-byte NT-Response; empty on wrong sizes or crypto failure
 */
std::vector<uint8_t> MsChapV2NtResponseFromHash(ByteSpan authenticatorChallenge,
                                                ByteSpan peerChallenge,
                                                const std::string& userName,
                                                ByteSpan passwordHash);

/**
 * @brief GenerateNTResponse (RFC 2759 §8.1).
 * @param authenticatorChallenge 16 bytes
 * @param peerChallenge 16 bytes
 * @param userName the user name, without domain
 * @param password the password, UTF-8
 * @return the 24-byte NT-Response; empty on wrong sizes or crypto failure
 */
std::vector<uint8_t> MsChapV2NtResponse(ByteSpan authenticatorChallenge,
                                        ByteSpan peerChallenge,
                                        const std::string& userName,
                                        const std::string& password);

/**
 * @brief GenerateAuthenticatorResponse (RFC 2759 §8.7) from a PasswordHash: "S=" and 40
 * uppercase hex digits of SHA-1(SHA-1(PasswordHashHash | NT-Response | Magic1) |
 * ChallengeHash | Magic2).
 * @param passwordHash 16 bytes
 * @param ntResponse 24 bytes
 * @param peerChallenge 16 bytes
 * @param authenticatorChallenge 16 bytes
 * @param userName the user name, without domain
 * @return the 42-character string; empty on wrong sizes or crypto failure
 */
std::string MsChapV2AuthenticatorResponseFromHash(ByteSpan passwordHash,
                                                  ByteSpan ntResponse,
                                                  ByteSpan peerChallenge,
                                                  ByteSpan authenticatorChallenge,
                                                  const std::string& userName);

/**
 * @brief GenerateAuthenticatorResponse (RFC 2759 §8.7).
 * @param password the password, UTF-8
 * @param ntResponse 24 bytes
 * @param peerChallenge 16 bytes
 * @param authenticatorChallenge 16 bytes
 * @param userName the user name, without domain
 * @return the 42-character string; empty on wrong sizes or crypto failure
 */
std::string MsChapV2AuthenticatorResponse(const std::string& password,
                                          ByteSpan ntResponse,
                                          ByteSpan peerChallenge,
                                          ByteSpan authenticatorChallenge,
                                          const std::string& userName);

/**
 * @brief CheckAuthenticatorResponse (RFC 2759 §8.8), comparing in constant time. Hex digits are
 * compared case-insensitively (strongSwan decodes the hex before comparing).
 * @param passwordHash 16 bytes
 * @param ntResponse 24 bytes
 * @param peerChallenge 16 bytes
 * @param authenticatorChallenge 16 bytes
 * @param userName the user name, without domain
 * @param received the "S=..." string received
 * @return true if it is the expected response
 */
bool MsChapV2CheckAuthenticatorResponse(ByteSpan passwordHash,
                                        ByteSpan ntResponse,
                                        ByteSpan peerChallenge,
                                        ByteSpan authenticatorChallenge,
                                        const std::string& userName,
                                        const std::string& received);

/**
 * @brief GetMasterKey (RFC 3079 §3.4): the first 16 bytes of SHA-1(PasswordHashHash |
 * NT-Response | "This is the MPPE Master Key").
 * @param passwordHashHash 16 bytes
 * @param ntResponse 24 bytes
 * @return the 16-byte MasterKey; empty on wrong sizes or crypto failure
 */
std::vector<uint8_t> MppeGetMasterKey(ByteSpan passwordHashHash, ByteSpan ntResponse);

/**
 * @brief GetAsymmetricStartKey (RFC 3079 §3.4): SHA-1(MasterKey | SHSpad1 | s | SHSpad2)
 * truncated, where s is Magic2 for the client's send (= server's receive) key and Magic3 for the
 * client's receive (= server's send) key.
 * @param masterKey 16 bytes
 * @param keyLength 8 (40- and 56-bit keys) or 16 (128-bit keys); at most 16
 * @param isSend true for the send key of the side named by isServer
 * @param isServer true if the keys are the server's
 * @return the start key; empty on wrong sizes or crypto failure
 */
std::vector<uint8_t> MppeGetAsymmetricStartKey(ByteSpan masterKey,
                                               size_t keyLength,
                                               bool isSend,
                                               bool isServer);

/**
 * @brief The EAP-MSCHAPv2 MSK as strongSwan builds it (eap_mschapv2.c GenerateMSK()):
 * MasterReceiveKey(16) | MasterSendKey(16) | 32 zero bytes, the keys being the server's
 * (RFC 3079 Magic2 then Magic3), i.e. the peer's send key then its receive key. The same on both
 * sides. hostapd's MSK is the first 32 bytes only; with an HMAC PRF the zero padding makes no
 * difference to AUTH (HMAC pads its key with zeros), with PRF_AES128_XCBC it does.
 * @param passwordHash 16 bytes
 * @param ntResponse 24 bytes
 * @return the 64-byte MSK; empty on wrong sizes or crypto failure
 */
std::vector<uint8_t> MsChapV2Msk(ByteSpan passwordHash, ByteSpan ntResponse);

/**
 * @brief Everything both sides compute from one challenge pair (strongSwan's GenerateStuff()).
 */
struct MsChapV2Keys
{
    std::vector<uint8_t> ntResponse;   ///< 24 bytes
    std::string authenticatorResponse; ///< "S=" + 40 uppercase hex digits
    std::vector<uint8_t> msk;          ///< 64 bytes (MsChapV2Msk)
};

/**
 * @brief NT-Response, authenticator response and MSK in one go.
 * @param authenticatorChallenge 16 bytes
 * @param peerChallenge 16 bytes
 * @param userName the user name, without domain
 * @param passwordHash 16 bytes (NtPasswordHash)
 * @param out the results
 * @return false on wrong sizes or crypto failure
 */
bool MsChapV2Compute(ByteSpan authenticatorChallenge,
                     ByteSpan peerChallenge,
                     const std::string& userName,
                     ByteSpan passwordHash,
                     MsChapV2Keys& out);

// ---------------------------------------------------------------------------------------------
// EAP-MSCHAPv2 packets (draft-kamath-pppext-eap-mschapv2-02 §2)
// ---------------------------------------------------------------------------------------------

/// @name MS-CHAPv2 OpCodes
/// @{
constexpr uint8_t MSCHAPV2_OP_CHALLENGE = 1;       ///< Challenge (Request)
constexpr uint8_t MSCHAPV2_OP_RESPONSE = 2;        ///< Response (Response)
constexpr uint8_t MSCHAPV2_OP_SUCCESS = 3;         ///< Success (Request and Response)
constexpr uint8_t MSCHAPV2_OP_FAILURE = 4;         ///< Failure (Request and Response)
constexpr uint8_t MSCHAPV2_OP_CHANGE_PASSWORD = 7; ///< Change-Password (Response; not built)

/// @}

/**
 * @brief The Type-Data of an EAP-MSCHAPv2 packet (everything after the EAP Type byte).
 *
 * Challenge and Response: OpCode | MS-CHAPv2-ID | MS-Length(2) | Value-Size | Value | Name.
 * Success and Failure Requests: OpCode | MS-CHAPv2-ID | MS-Length(2) | Message.
 * Success and Failure Responses: OpCode only (the short form).
 * MS-Length is the EAP Length minus 5, i.e. the Type-Data size.
 */
struct MsChapV2Packet
{
    uint8_t opCode{0};          ///< MSCHAPV2_OP_*
    uint8_t msChapV2Id{0};      ///< MS-CHAPv2-ID (not in the short form)
    bool shortForm{false};      ///< a Success/Failure Response: the OpCode alone
    std::vector<uint8_t> value; ///< Challenge: 16 bytes; Response: 49 bytes
    std::string name;           ///< Challenge and Response: the Name field
    std::string message;        ///< Success/Failure Request: the message text, as received
};

/**
 * @brief Encode EAP-MSCHAPv2 Type-Data.
 * @param packet the packet
 * @return the Type-Data; empty if it would not fit the 16-bit MS-Length or the OpCode is
 *         unknown, or a Challenge/Response value exceeds 255 bytes
 */
std::vector<uint8_t> SerializeMsChapV2(const MsChapV2Packet& packet);

/**
 * @brief Decode EAP-MSCHAPv2 Type-Data from untrusted bytes. Challenge needs Value-Size 16,
 * Response Value-Size 49; MS-Length must equal the Type-Data size; a Success or Failure from the
 * peer (EAP Response) is the short form and bytes after its OpCode are ignored. Never reads
 * outside the buffer, never throws.
 * @param typeData the EAP Type-Data
 * @param eapCode EAP_CODE_REQUEST or EAP_CODE_RESPONSE (selects the Success/Failure form)
 * @param out the packet
 * @param why why the data were rejected
 * @return true if well formed
 */
bool ParseMsChapV2(ByteSpan typeData, uint8_t eapCode, MsChapV2Packet& out, std::string& why);

/**
 * @brief The parts of a Response value (RFC 2759 §4).
 * @param value the 49-byte value
 * @param peerChallenge the first 16 bytes
 * @param ntResponse bytes 24..47
 * @return false if the value is not 49 bytes
 */
bool SplitMsChapV2ResponseValue(ByteSpan value,
                                std::vector<uint8_t>& peerChallenge,
                                std::vector<uint8_t>& ntResponse);

/**
 * @brief The "S=<auth>" token of a Success Request's message ("S=<auth> M=<text>", RFC 2759
 * §5). The message may end with NUL bytes (strongSwan sends one); text after a NUL is ignored.
 * @param message the message
 * @param authResponse the "S=..." token (42 characters)
 * @param text the M= text, if any
 * @return false if there is no S= token of the right length
 */
bool ParseMsChapV2SuccessMessage(const std::string& message,
                                 std::string& authResponse,
                                 std::string& text);

/**
 * @brief The fields of a Failure Request's message ("E=eeee R=r C=cccc V=vvvv M=<msg>",
 * RFC 2759 §6).
 */
struct MsChapV2Failure
{
    uint32_t error{0};              ///< E=, e.g. 691 (authentication failure)
    bool retry{false};              ///< R=1
    std::vector<uint8_t> challenge; ///< C=, 16 bytes if present
    uint32_t version{0};            ///< V=
    std::string text;               ///< M=
};

/**
 * @brief Decode a Failure Request's message.
 * @param message the message
 * @param out the fields
 * @param why why it was rejected
 * @return false if E= is missing or a field is malformed
 */
bool ParseMsChapV2FailureMessage(const std::string& message,
                                 MsChapV2Failure& out,
                                 std::string& why);

/**
 * @brief Server: the EAP Request carrying an MS-CHAPv2 Challenge.
 * @param identifier the EAP Identifier
 * @param msChapV2Id the MS-CHAPv2-ID (strongSwan increments it for each retry)
 * @param authenticatorChallenge 16 bytes
 * @param serverName the Name field (strongSwan: "strongSwan")
 * @return the packet
 */
EapPacket MsChapV2ChallengeRequest(uint8_t identifier,
                                   uint8_t msChapV2Id,
                                   ByteSpan authenticatorChallenge,
                                   const std::string& serverName);

/**
 * @brief Peer: answer a Challenge Request. The Name sent is userId as given (with any domain),
 * the hashes use MsChapV2UserName(userId), as strongSwan does.
 * @param request the parsed EAP Request (type MSCHAPv2, OpCode Challenge)
 * @param userId the user name to send
 * @param passwordHash NtPasswordHash of the password
 * @param peerChallenge 16 random bytes
 * @param response the EAP Response (same Identifier and MS-CHAPv2-ID)
 * @param keys what the peer must keep: NT-Response, the expected authenticator response, MSK
 * @param why why no Response could be built
 * @return true on success
 */
bool MsChapV2Respond(const EapPacket& request,
                     const std::string& userId,
                     ByteSpan passwordHash,
                     ByteSpan peerChallenge,
                     EapPacket& response,
                     MsChapV2Keys& keys,
                     std::string& why);

/**
 * @brief Server: check a Response against the challenge sent and, if right, build the Success
 * Request ("S=<auth> M=<message>", Identifier + 1, like strongSwan).
 * @param response the parsed EAP Response (type MSCHAPv2, OpCode Response)
 * @param identifier the Identifier of the Challenge Request
 * @param authenticatorChallenge the challenge sent
 * @param passwordHash NtPasswordHash of the user's password (found by the Response's Name)
 * @param successText the M= text (strongSwan: "Welcome2strongSwan")
 * @param successRequest the Success Request
 * @param keys the server's copy of the results (its MSK)
 * @param why why the Response was rejected
 * @return true if the NT-Response is right
 */
bool MsChapV2VerifyResponse(const EapPacket& response,
                            uint8_t identifier,
                            ByteSpan authenticatorChallenge,
                            ByteSpan passwordHash,
                            const std::string& successText,
                            EapPacket& successRequest,
                            MsChapV2Keys& keys,
                            std::string& why);

/**
 * @brief Peer: check a Success Request's authenticator response and build the short Success
 * Response. A Failure Request is reported through why (with its E= code).
 * @param request the parsed EAP Request (type MSCHAPv2)
 * @param keys the peer's results from MsChapV2Respond
 * @param response the Success Response (OpCode only)
 * @param why why the server was not accepted
 * @return true if the server proved knowledge of the password
 */
bool MsChapV2VerifySuccess(const EapPacket& request,
                           const MsChapV2Keys& keys,
                           EapPacket& response,
                           std::string& why);

} // namespace ipsec
} // namespace ns3

#endif /* IKE_EAP_H */
