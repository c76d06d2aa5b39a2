// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * The attributes of manually keyed SAs (IpsecHelper::SetSaAttribute, Config::SetDefault).
 */
#ifndef IPSEC_SA_PARAMETERS_H
#define IPSEC_SA_PARAMETERS_H

#include "ns3/ipsec-mode.h"
#include "ns3/ipsec-security-association.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

#include <string>

namespace ns3
{
namespace ipsec
{

/**
 * @ingroup ipsec
 * @brief The settings IpsecHelper uses for the SAs it creates, as ns-3 attributes, so that
 * scripts set them with IpsecHelper::SetSaAttribute, Config::SetDefault or the command line
 * (`--ns3::ipsec::SaParameters::ReplayWindow=64`).
 */
class SaParameters : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    SaParameters();
    ~SaParameters() override;

    /**
     * @brief The security protocol(s).
     * @return ESP, AH or ESP+AH
     */
    IpsecProtocol GetProtocol() const;
    /**
     * @brief The ESP suite (the EspProposal attribute, with ESN if the Esn attribute is set).
     * @return the suite
     * @throws ConfigError for a bad proposal
     */
    EspSuite GetEspSuite() const;
    /**
     * @brief The AH integrity algorithm and ESN.
     * @param integrity out: the algorithm
     * @param esn out: ESN
     * @throws ConfigError for a bad proposal
     */
    void GetAh(const TransformInfo*& integrity, bool& esn) const;
    /**
     * @brief The replay window.
     * @return packets (0 = off)
     */
    uint32_t GetReplayWindow() const;
    /**
     * @brief The lifetimes.
     * @return them
     */
    SaLifetime GetLifetime() const;
    /**
     * @brief The initial outbound sequence number (for sequence-exhaustion studies).
     * @return the last number "already sent"
     */
    uint64_t GetInitialSequence() const;
    /**
     * @brief The AH alignment (the AhAlignment attribute).
     * @return 4 or 8 bytes
     */
    uint32_t GetAhAlignment() const;
    /**
     * @brief Real or modeled cryptography.
     * @return the mode
     */
    CryptoMode GetCryptoMode() const;

  private:
    /**
     * @brief Set the protocol from the attribute.
     * @param v 0 = ESP, 1 = AH, 2 = ESP+AH
     */
    void SetProtocolValue(int v);
    /**
     * @brief Get the protocol as the attribute.
     * @return 0 = ESP, 1 = AH, 2 = ESP+AH
     */
    int GetProtocolValue() const;
    /**
     * @brief Set the crypto mode from the attribute.
     * @param v 0 = real, 1 = modeled
     */
    void SetCryptoValue(int v);
    /**
     * @brief Get the crypto mode as the attribute.
     * @return 0 = real, 1 = modeled
     */
    int GetCryptoValue() const;

    IpsecProtocol m_protocol{IpsecProtocol::ESP}; ///< Protocol
    std::string m_espProposal;                    ///< EspProposal
    std::string m_ahProposal;                     ///< AhProposal
    bool m_esn{false};                            ///< Esn
    bool m_encryptionOnly{false};                 ///< EncryptionOnly
    mutable bool m_warned{false};                 ///< the EncryptionOnly warning was printed
    uint32_t m_replayWindow{32};                  ///< ReplayWindow
    Time m_softTime;                              ///< SoftLifetime
    Time m_hardTime;                              ///< HardLifetime
    uint64_t m_softBytes{0};                      ///< SoftBytes
    uint64_t m_hardBytes{0};                      ///< HardBytes
    uint64_t m_softPackets{0};                    ///< SoftPackets
    uint64_t m_hardPackets{0};                    ///< HardPackets
    uint64_t m_initialSequence{0};                ///< InitialSequence
    CryptoMode m_crypto{CryptoMode::REAL};        ///< Crypto
    uint32_t m_ahAlignment{AH_ALIGNMENT_IPV4};    ///< AhAlignment
};

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_SA_PARAMETERS_H */
