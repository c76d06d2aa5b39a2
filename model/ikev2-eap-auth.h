// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * EAP inside IKE_AUTH (RFC 7296 §2.16) as strongSwan runs it with its EAP server in the
 * responder (remote.auth = eap-md5 or eap-mschapv2, eap_id = %any): an EAP-Identity round,
 * then the method (EAP-MD5, or EAP-MSCHAPv2 with its Success round), then EAP-Success. The
 * AUTH payloads that follow use the MSK as the shared key when the method makes one
 * (MSCHAPv2), and SK_pi/SK_pr when it does not (MD5; strongSwan's keymat_v2 get_psk_sig).
 */
#ifndef IKEV2_EAP_AUTH_H
#define IKEV2_EAP_AUTH_H

#include "ike-config.h"
#include "ike-eap.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{

/// What an EAP step led to.
enum class EapStep : uint8_t
{
    CONTINUE, ///< another EAP message goes out (out holds it)
    SUCCESS,  ///< the method succeeded (the server's out holds EAP-Success)
    FAILURE,  ///< it failed (why says why; the server's out holds EAP-Failure)
};

/**
 * @ingroup ipsec
 * @brief The responder's EAP server for one IKE SA.
 */
class Ikev2EapServer
{
  public:
    /**
     * @param method EAP_MD5 or EAP_MSCHAPV2
     * @param users the identities and passwords it accepts
     * @param random random bytes (challenges, the first Identifier)
     */
    Ikev2EapServer(IkeAuthMethod method,
                   std::vector<std::pair<std::string, std::string>> users,
                   std::function<void(uint8_t*, size_t)> random);

    /// @return the first EAP message: Request/Identity
    std::vector<uint8_t> Start();

    /**
     * @brief Read the peer's EAP message and answer it.
     * @param in the EAP payload's data (untrusted)
     * @param out the next message: a Request, EAP-Success or EAP-Failure
     * @param why on FAILURE, why
     * @return what happened
     */
    EapStep Process(ByteSpan in, std::vector<uint8_t>& out, std::string& why);

    /// @return the MSK once the method succeeded (empty for EAP-MD5)
    const std::vector<uint8_t>& GetMsk() const;

    /// @return the identity the peer gave
    const std::string& GetIdentity() const;

  private:
    /// Where the conversation is.
    enum class Phase : uint8_t
    {
        IDENTITY, ///< Request/Identity sent
        METHOD,   ///< the method's challenge sent
        SUCCESS,  ///< MSCHAPv2: Success Request sent, waiting for the peer's acknowledgement
        DONE,     ///< EAP-Success or EAP-Failure sent
    };

    EapStep Fail(const std::string& reason, std::vector<uint8_t>& out, std::string& why);

    IkeAuthMethod m_method;                                   ///< the method
    std::vector<std::pair<std::string, std::string>> m_users; ///< accepted users
    std::function<void(uint8_t*, size_t)> m_random;           ///< random bytes
    Phase m_phase{Phase::IDENTITY};                           ///< where it is
    uint8_t m_id{0};                                          ///< last Request's Identifier
    std::vector<uint8_t> m_challenge;                         ///< the method's challenge
    std::string m_identity;                                   ///< the peer's identity
    std::string m_password;                                   ///< its password
    MsChapV2Keys m_keys;                                      ///< MSCHAPv2 results (MSK)
};

/**
 * @ingroup ipsec
 * @brief The initiator's EAP peer for one IKE SA.
 */
class Ikev2EapClient
{
  public:
    /**
     * @param method EAP_MD5 or EAP_MSCHAPV2 (a Request for another method is refused with a
     *        Nak naming it, RFC 3748 §5.3.1)
     * @param identity the identity to give
     * @param password the password
     * @param random random bytes (the MSCHAPv2 peer challenge)
     */
    Ikev2EapClient(IkeAuthMethod method,
                   std::string identity,
                   std::string password,
                   std::function<void(uint8_t*, size_t)> random);

    /**
     * @brief Read the server's EAP message and answer it.
     * @param in the EAP payload's data (untrusted)
     * @param out the Response to send (CONTINUE)
     * @param why on FAILURE, why
     * @return CONTINUE with a Response, SUCCESS on EAP-Success after the method, FAILURE on
     *         EAP-Failure, a malformed message or a server that did not prove the password
     */
    EapStep Process(ByteSpan in, std::vector<uint8_t>& out, std::string& why);

    /// @return the MSK once the method succeeded (empty for EAP-MD5)
    const std::vector<uint8_t>& GetMsk() const;

  private:
    IkeAuthMethod m_method;                         ///< the method
    std::string m_identity;                         ///< our identity
    std::string m_password;                         ///< our password
    std::function<void(uint8_t*, size_t)> m_random; ///< random bytes
    bool m_methodDone{false};                       ///< the method's last step succeeded
    MsChapV2Keys m_keys;                            ///< MSCHAPv2 results (MSK)
};

/**
 * @param method an EAP method of IkeAuthMethod
 * @return its EAP type (EAP_TYPE_MD5, EAP_TYPE_MSCHAPV2)
 */
uint8_t EapTypeOf(IkeAuthMethod method);

/**
 * @param method a method
 * @return whether it is an EAP method
 */
bool IsEapMethod(IkeAuthMethod method);

} // namespace ipsec
} // namespace ns3

#endif /* IKEV2_EAP_AUTH_H */
