// SPDX-License-Identifier: GPL-2.0-only
/**
 * @file
 * @ingroup ipsec
 * Protocol numbers, IANA identifiers and defaults, each with its source.
 */
#ifndef IPSEC_CONSTANTS_H
#define IPSEC_CONSTANTS_H

#include <cstdint>

namespace ns3
{
namespace ipsec
{

/// IP protocol number of ESP (IANA "Assigned Internet Protocol Numbers", RFC 4303).
constexpr uint8_t ESP_PROTOCOL_NUMBER = 50;
/// IP protocol number of AH (IANA, RFC 4302).
constexpr uint8_t AH_PROTOCOL_NUMBER = 51;
/// Next Header value for an IPv4 datagram (tunnel mode inner packet, RFC 4303 §2.6).
constexpr uint8_t NEXT_HEADER_IPV4 = 4;
/// Next Header value for an IPv6 datagram.
constexpr uint8_t NEXT_HEADER_IPV6 = 41;
/// Next Header value of a dummy packet (RFC 4303 §2.6: "No Next Header", 59).
constexpr uint8_t NEXT_HEADER_NONE = 59;

/// ESP header: SPI (4) + Sequence Number (4) (RFC 4303 §2).
constexpr uint32_t ESP_HEADER_SIZE = 8;
/// ESP trailer fields always present: Pad Length (1) + Next Header (1) (RFC 4303 §2.4, §2.5).
constexpr uint32_t ESP_TRAILER_FIXED_SIZE = 2;
/// Largest Pad Length value (one octet, RFC 4303 §2.5).
constexpr uint32_t ESP_MAX_PAD_LENGTH = 255;
/// ESP requires the ciphertext to end on a 4-byte boundary (RFC 4303 §2.4).
constexpr uint32_t ESP_MIN_ALIGNMENT = 4;

/// AH fixed header: Next Header, Payload Len, Reserved, SPI, Sequence Number (RFC 4302 §2).
constexpr uint32_t AH_FIXED_HEADER_SIZE = 12;
/// AH length alignment in IPv4 (RFC 4302 §2.2: multiple of 32 bits).
constexpr uint32_t AH_ALIGNMENT_IPV4 = 4;
/// AH length alignment in IPv6 (RFC 4302 §2.2: multiple of 64 bits).
constexpr uint32_t AH_ALIGNMENT_IPV6 = 8;

/// SPI values 1..255 are reserved by IANA (RFC 4303 §2.1); 0 is never sent.
constexpr uint32_t SPI_RESERVED_MAX = 255;

/// Default anti-replay window, as strongSwan's charon.replay_window (32). RFC 4303 §3.4.3
/// requires at least 32 and recommends 64 for high-speed links.
constexpr uint32_t DEFAULT_REPLAY_WINDOW = 32;
/// Largest anti-replay window in packets. Linux accepts ESN replay bitmaps of up to
/// XFRMA_REPLAY_ESN_MAX = 4096 bits (include/uapi/linux/xfrm.h, checked in xfrm_user.c for
/// XFRMA_REPLAY_ESN_VAL) and strongSwan's replay_window is passed to it; we cap at 4096 too.
constexpr uint32_t MAX_REPLAY_WINDOW = 4096;

/// IKEv2 transform types (RFC 7296 §3.3.2, IANA "Transform Type Values").
enum class TransformType : uint8_t
{
    ENCR = 1,  ///< Encryption Algorithm
    PRF = 2,   ///< Pseudo-random Function
    INTEG = 3, ///< Integrity Algorithm
    KE = 4,    ///< Key Exchange Method (Diffie-Hellman group)
    ESN = 5,   ///< Extended Sequence Numbers
};

/// IANA IKEv2 Transform Type 1 (encryption) IDs used by this module.
namespace encr
{
constexpr uint16_t DES = 2;                 ///< ENCR_DES (RFC 2405; broken, for labs only)
constexpr uint16_t DES3 = 3;                ///< ENCR_3DES (RFC 2451)
constexpr uint16_t NULL_ENCR = 11;          ///< ENCR_NULL (RFC 2410)
constexpr uint16_t AES_CBC = 12;            ///< ENCR_AES_CBC (RFC 3602)
constexpr uint16_t AES_CTR = 13;            ///< ENCR_AES_CTR (RFC 3686)
constexpr uint16_t AES_GCM_8 = 18;          ///< ENCR_AES_GCM_8 (RFC 4106)
constexpr uint16_t AES_GCM_12 = 19;         ///< ENCR_AES_GCM_12 (RFC 4106)
constexpr uint16_t AES_GCM_16 = 20;         ///< ENCR_AES_GCM_16 (RFC 4106)
constexpr uint16_t NULL_AUTH_AES_GMAC = 21; ///< ENCR_NULL_AUTH_AES_GMAC (RFC 4543)
constexpr uint16_t CHACHA20_POLY1305 = 28;  ///< ENCR_CHACHA20_POLY1305 (RFC 7634)
} // namespace encr

/// IANA IKEv2 Transform Type 2 (PRF) IDs.
namespace prf
{
constexpr uint16_t HMAC_MD5 = 1;      ///< PRF_HMAC_MD5 (RFC 2104; broken, for labs only)
constexpr uint16_t HMAC_SHA1 = 2;     ///< PRF_HMAC_SHA1 (RFC 2104)
constexpr uint16_t AES128_XCBC = 4;   ///< PRF_AES128_XCBC (RFC 4434)
constexpr uint16_t HMAC_SHA2_256 = 5; ///< PRF_HMAC_SHA2_256 (RFC 4868)
constexpr uint16_t HMAC_SHA2_384 = 6; ///< PRF_HMAC_SHA2_384 (RFC 4868)
constexpr uint16_t HMAC_SHA2_512 = 7; ///< PRF_HMAC_SHA2_512 (RFC 4868)
} // namespace prf

/// IANA IKEv2 Transform Type 3 (integrity) IDs.
namespace integ
{
constexpr uint16_t NONE = 0;               ///< NONE (AEAD ciphers)
constexpr uint16_t HMAC_MD5_96 = 1;        ///< AUTH_HMAC_MD5_96 (RFC 2403; broken, for labs only)
constexpr uint16_t HMAC_SHA1_96 = 2;       ///< AUTH_HMAC_SHA1_96 (RFC 2404)
constexpr uint16_t AES_XCBC_96 = 5;        ///< AUTH_AES_XCBC_96 (RFC 3566)
constexpr uint16_t HMAC_SHA2_256_128 = 12; ///< AUTH_HMAC_SHA2_256_128 (RFC 4868)
constexpr uint16_t HMAC_SHA2_384_192 = 13; ///< AUTH_HMAC_SHA2_384_192 (RFC 4868)
constexpr uint16_t HMAC_SHA2_512_256 = 14; ///< AUTH_HMAC_SHA2_512_256 (RFC 4868)
} // namespace integ

} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_CONSTANTS_H */
