// SPDX-License-Identifier: GPL-2.0-only
// EAP building blocks for IKEv2 (model/ike-eap.h): the EAP codec (RFC 3748 §4) with malformed
// input; MD4 against the RFC 1320 A.5 test suite; single DES against FIPS 81 / the classic
// worked example; MS-CHAPv2 against the RFC 2759 §9.2 sample data and RFC 3079 §3.5 key
// samples (the same values are in hostap's tests/test-ms_funcs.c); the strongSwan MSK layout;
// EAP-MD5 against an independent MD5 and a value computed with Python's hashlib; and full
// exchanges of both methods through serialise/parse.

#include "ipsec-test-util.h"

#include "ns3/ike-eap.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <random>

using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

std::vector<uint8_t>
Ascii(const std::string& s)
{
    return std::vector<uint8_t>(s.begin(), s.end());
}

template <size_t N>
std::string
HexOf(const std::array<uint8_t, N>& a)
{
    return Hex(ByteSpan(a.data(), a.size()));
}

/// Parse must fail, with a reason.
void
ExpectEapRejected(const std::vector<uint8_t>& bytes, const char* what)
{
    EapPacket p;
    std::string why;
    EXPECT_FALSE(ParseEap(ByteSpan(bytes), p, why)) << what;
    EXPECT_FALSE(why.empty()) << what;
}

// RFC 2759 §9.2 sample data.
const char* const kUser = "User";
const char* const kPassword = "clientPass";
const char* const kAuthChallenge = "5B5D7C7D7B3F2F3E3C2C602132262628";
const char* const kPeerChallenge = "21402324255E262A28295F2B3A337C7E";
const char* const kChallengeHash = "D02E4386BCE91226";
const char* const kPasswordHash = "44EBBA8D5312B8D611474411F56989AE";
const char* const kNtResponse = "82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF";
const char* const kPasswordHashHash = "41C00C584BD2D91C4017A2A12FA59F3F";
const char* const kAuthResponse = "S=407A5589115FD0D6209F510FE9C04566932CDA56";

} // namespace

// ---------------------------------------------------------------------------------------------
// MD4 and DES
// ---------------------------------------------------------------------------------------------

TEST(Md4, Rfc1320TestSuite)
{
    // RFC 1320 Appendix A.5.
    const std::pair<const char*, const char*> suite[] = {
        {"", "31d6cfe0d16ae931b73c59d7e0c089c0"},
        {"a", "bde52cb31de33e46245e05fbdbd6fb24"},
        {"abc", "a448017aaf21d8525fc10ae87aa6729d"},
        {"message digest", "d9130a8164549fe818874806e1c7014b"},
        {"abcdefghijklmnopqrstuvwxyz", "d79e1c308aa5bbcdeea8ed63df412da9"},
        {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
         "043f8582f241db351ce627e153e7f0e4"},
        {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
         "e33b4ddc9c38f2199c3e7b164fcc0536"},
    };
    for (const auto& [message, digest] : suite)
    {
        EXPECT_EQ(HexOf(Md4(ByteSpan(Ascii(message)))), digest) << '"' << message << '"';
    }
}

TEST(Md4, NtHashOfPassword)
{
    // The NT hash of "Password" (MS-NLMP §4.2.1 uses it): MD4 of the UTF-16LE string.
    EXPECT_EQ(HexOf(NtPasswordHash("Password")), "a4f49c406510bdcab6824ee7c30fd852");
}

TEST(MsChapDes, SingleDesKnownAnswers)
{
    // FIPS 81 Appendix B ("Now is t") and the widely used worked example of DES.
    const struct
    {
        const char* key;
        const char* plain;
        const char* cipher;
    } vectors[] = {
        {"0123456789ABCDEF", "4E6F772069732074", "3fa40e8a984d4815"},
        {"133457799BBCDFF1", "0123456789ABCDEF", "85e813540f0ab405"},
    };

    for (const auto& v : vectors)
    {
        const auto key = Bytes(v.key);
        const auto plain = Bytes(v.plain);
        uint8_t out[8] = {0};
        ASSERT_TRUE(DesEncryptBlock(key.data(), plain.data(), out)) << v.key;
        EXPECT_EQ(Hex(ByteSpan(out, 8)), v.cipher) << v.key;
    }
}

TEST(MsChapDes, KeyExpansionMatchesStrongSwan)
{
    // strongSwan's ExpandDESKey() (eap_mschapv2.c), written out independently: byte i takes
    // key[i] masked, shifted right by i, with the carry of the previous byte.
    auto strongswan = [](const uint8_t* key) {
        static const uint8_t bitmask[] = {0xfe, 0xfc, 0xf8, 0xf0, 0xe0, 0xc0, 0x80};
        std::array<uint8_t, 8> out{};
        uint8_t carry = 0;
        for (int i = 0; i < 7; ++i)
        {
            out[i] = static_cast<uint8_t>(((key[i] & bitmask[i]) >> i) | (carry << (8 - i)));
            carry = key[i] & ~bitmask[i];
        }
        out[7] = static_cast<uint8_t>(carry << 1);
        for (auto& b : out)
        {
            const uint8_t v = (b ^ (b >> 4)) & 0x0f;
            b |= (0x9669 >> v) & 1;
        }
        return out;
    };
    std::mt19937 rng(7);
    for (int n = 0; n < 200; ++n)
    {
        const auto key = RandomBytes(rng, 7);
        EXPECT_EQ(HexOf(DesKeyFrom56(key.data())), HexOf(strongswan(key.data()))) << Hex(key);
    }
    const uint8_t zeros[7] = {0};
    EXPECT_EQ(HexOf(DesKeyFrom56(zeros)), "0101010101010101");
}

// ---------------------------------------------------------------------------------------------
// MS-CHAPv2 algorithms
// ---------------------------------------------------------------------------------------------

TEST(MsChap, Rfc2759SampleData)
{
    const auto auth = Bytes(kAuthChallenge);
    const auto peer = Bytes(kPeerChallenge);
    const auto hash = NtPasswordHash(kPassword);
    EXPECT_EQ(HexOf(hash), Hex(Bytes(kPasswordHash)));
    EXPECT_EQ(HexOf(HashNtPasswordHash(ByteSpan(hash.data(), hash.size()))),
              Hex(Bytes(kPasswordHashHash)));

    const auto challenge = MsChapV2ChallengeHash(ByteSpan(peer), ByteSpan(auth), kUser);
    EXPECT_EQ(Hex(challenge), Hex(Bytes(kChallengeHash)));
    EXPECT_EQ(Hex(MsChapV2ChallengeResponse(ByteSpan(challenge), ByteSpan(hash.data(), 16))),
              Hex(Bytes(kNtResponse)));

    const auto nt = MsChapV2NtResponse(ByteSpan(auth), ByteSpan(peer), kUser, kPassword);
    EXPECT_EQ(Hex(nt), Hex(Bytes(kNtResponse)));
    EXPECT_EQ(MsChapV2AuthenticatorResponse(kPassword,
                                            ByteSpan(nt),
                                            ByteSpan(peer),
                                            ByteSpan(auth),
                                            kUser),
              kAuthResponse);

    const ByteSpan h(hash.data(), hash.size());
    EXPECT_TRUE(MsChapV2CheckAuthenticatorResponse(h,
                                                   ByteSpan(nt),
                                                   ByteSpan(peer),
                                                   ByteSpan(auth),
                                                   kUser,
                                                   kAuthResponse));
    // Lowercase hex is the same response (strongSwan decodes the hex before comparing).
    EXPECT_TRUE(MsChapV2CheckAuthenticatorResponse(h,
                                                   ByteSpan(nt),
                                                   ByteSpan(peer),
                                                   ByteSpan(auth),
                                                   kUser,
                                                   "S=407a5589115fd0d6209f510fe9c04566932cda56"));
    std::string wrong = kAuthResponse;
    wrong[10] = wrong[10] == '0' ? '1' : '0';
    EXPECT_FALSE(MsChapV2CheckAuthenticatorResponse(h,
                                                    ByteSpan(nt),
                                                    ByteSpan(peer),
                                                    ByteSpan(auth),
                                                    kUser,
                                                    wrong));
    EXPECT_FALSE(MsChapV2CheckAuthenticatorResponse(h,
                                                    ByteSpan(nt),
                                                    ByteSpan(peer),
                                                    ByteSpan(auth),
                                                    kUser,
                                                    std::string(kAuthResponse) + " "));
    EXPECT_FALSE(MsChapV2CheckAuthenticatorResponse(h,
                                                    ByteSpan(nt),
                                                    ByteSpan(peer),
                                                    ByteSpan(auth),
                                                    "user",
                                                    kAuthResponse));

    // Wrong sizes give empty results, not reads past the end.
    EXPECT_TRUE(MsChapV2ChallengeHash(ByteSpan(peer.data(), 15), ByteSpan(auth), kUser).empty());
    EXPECT_TRUE(MsChapV2ChallengeResponse(ByteSpan(challenge), ByteSpan(hash.data(), 15)).empty());
    EXPECT_TRUE(MsChapV2AuthenticatorResponseFromHash(h,
                                                      ByteSpan(nt.data(), 23),
                                                      ByteSpan(peer),
                                                      ByteSpan(auth),
                                                      kUser)
                    .empty());
}

TEST(MsChap, UserNameWithoutDomain)
{
    EXPECT_EQ(MsChapV2UserName("User"), "User");
    EXPECT_EQ(MsChapV2UserName("DOMAIN\\User"), "User");
    EXPECT_EQ(MsChapV2UserName("DOMAIN\\"), "");
    EXPECT_EQ(MsChapV2UserName("user@example.org"), "user@example.org");
}

TEST(MsChap, PasswordUtf16Le)
{
    EXPECT_EQ(Hex(PasswordToUtf16Le("Ab")), "41006200");
    EXPECT_EQ(Hex(PasswordToUtf16Le("\xc3\xa9")), "e900");             // U+00E9
    EXPECT_EQ(Hex(PasswordToUtf16Le("\xe2\x82\xac")), "ac20");         // U+20AC
    EXPECT_EQ(Hex(PasswordToUtf16Le("\xf0\x9f\x98\x80")), "3dd800de"); // U+1F600, surrogates
    // Not UTF-8: each byte as U+00xx (strongSwan's ascii_to_unicode()).
    EXPECT_EQ(Hex(PasswordToUtf16Le("\xff\xe9x")), "ff00e9007800");
    EXPECT_EQ(Hex(PasswordToUtf16Le("\xc0\x80")), "c0008000");         // overlong NUL
    EXPECT_EQ(Hex(PasswordToUtf16Le("\xed\xa0\x80")), "ed00a0008000"); // encoded surrogate
}

TEST(MsChap, Rfc3079KeySamples)
{
    const auto hashHash = Bytes(kPasswordHashHash);
    const auto nt = Bytes(kNtResponse);
    const auto master = MppeGetMasterKey(ByteSpan(hashHash), ByteSpan(nt));
    // RFC 3079 §3.5.1 step 3 / §3.5.3 step 3: the same MasterKey for every key strength.
    EXPECT_EQ(Hex(master), "fdece3717a8c838cb388e527ae3cdd31");
    // §3.5.3: SendStartKey128 = GetAsymmetricStartKey(MasterKey, 16, TRUE, TRUE) (the server's).
    EXPECT_EQ(Hex(MppeGetAsymmetricStartKey(ByteSpan(master), 16, true, true)),
              "8b7cdc149b993a1ba118cb153f56dccb");
    // §3.5.1: the 40-bit case takes 8 bytes of the same digest.
    EXPECT_EQ(Hex(MppeGetAsymmetricStartKey(ByteSpan(master), 8, true, true)), "8b7cdc149b993a1b");
    // The client's receive key is the server's send key, and the other way round.
    EXPECT_EQ(Hex(MppeGetAsymmetricStartKey(ByteSpan(master), 16, false, false)),
              "8b7cdc149b993a1ba118cb153f56dccb");
    // Magic2 (client send = server receive): SHA-1 computed with Python's hashlib over
    // MasterKey | 40 x 00 | Magic2 | 40 x F2.
    EXPECT_EQ(Hex(MppeGetAsymmetricStartKey(ByteSpan(master), 16, true, false)),
              "d5f0e9521e3ea9589645e86051c82226");
    EXPECT_EQ(Hex(MppeGetAsymmetricStartKey(ByteSpan(master), 16, false, true)),
              "d5f0e9521e3ea9589645e86051c82226");
    EXPECT_TRUE(MppeGetAsymmetricStartKey(ByteSpan(master), 17, true, true).empty());
    EXPECT_TRUE(MppeGetMasterKey(ByteSpan(hashHash), ByteSpan(nt.data(), 23)).empty());
}

TEST(MsChap, StrongSwanMskLayout)
{
    // strongSwan eap_mschapv2.c GenerateMSK(): MasterReceiveKey | MasterSendKey | 32 zeros.
    const auto hash = Bytes(kPasswordHash);
    const auto msk = MsChapV2Msk(ByteSpan(hash), ByteSpan(Bytes(kNtResponse)));
    ASSERT_EQ(msk.size(), 64u);
    EXPECT_EQ(Hex(msk),
              "d5f0e9521e3ea9589645e86051c82226"
              "8b7cdc149b993a1ba118cb153f56dccb" +
                  std::string(64, '0'));

    MsChapV2Keys keys;
    ASSERT_TRUE(MsChapV2Compute(ByteSpan(Bytes(kAuthChallenge)),
                                ByteSpan(Bytes(kPeerChallenge)),
                                kUser,
                                ByteSpan(hash),
                                keys));
    EXPECT_EQ(Hex(keys.ntResponse), Hex(Bytes(kNtResponse)));
    EXPECT_EQ(keys.authenticatorResponse, kAuthResponse);
    EXPECT_EQ(Hex(keys.msk), Hex(msk));
}

// ---------------------------------------------------------------------------------------------
// EAP codec
// ---------------------------------------------------------------------------------------------

TEST(EapCodec, KnownBytesAndRoundTrips)
{
    EapPacket identity;
    identity.code = EAP_CODE_REQUEST;
    identity.identifier = 1;
    identity.type = EAP_TYPE_IDENTITY;
    EXPECT_EQ(Hex(SerializeEap(identity)), "0101000501");

    EapPacket answer;
    answer.code = EAP_CODE_RESPONSE;
    answer.identifier = 1;
    answer.type = EAP_TYPE_IDENTITY;
    answer.typeData = Ascii("carol");
    EXPECT_EQ(Hex(SerializeEap(answer)), "0201000a01" + Hex(Ascii("carol")));

    EapPacket success;
    success.code = EAP_CODE_SUCCESS;
    success.identifier = 7;
    success.type = 99; // ignored
    success.typeData = {1, 2, 3};
    EXPECT_EQ(Hex(SerializeEap(success)), "03070004");
    EapPacket failure;
    failure.code = EAP_CODE_FAILURE;
    failure.identifier = 8;
    EXPECT_EQ(Hex(SerializeEap(failure)), "04080004");

    for (const EapPacket& p : {identity, answer, success, failure})
    {
        const auto bytes = SerializeEap(p);
        EapPacket back;
        std::string why;
        ASSERT_TRUE(ParseEap(ByteSpan(bytes), back, why)) << why;
        EXPECT_EQ(back.code, p.code);
        EXPECT_EQ(back.identifier, p.identifier);
        if (p.code <= EAP_CODE_RESPONSE)
        {
            EXPECT_EQ(back.type, p.type);
            EXPECT_EQ(Hex(back.typeData), Hex(p.typeData));
        }
        EXPECT_EQ(Hex(SerializeEap(back)), Hex(bytes));
    }

    EapPacket bad;
    bad.code = 5;
    EXPECT_TRUE(SerializeEap(bad).empty());
    EapPacket huge;
    huge.code = EAP_CODE_REQUEST;
    huge.type = EAP_TYPE_MD5;
    huge.typeData.resize(0xffff - 4);
    EXPECT_TRUE(SerializeEap(huge).empty());
    huge.typeData.resize(0xffff - 5);
    EXPECT_EQ(SerializeEap(huge).size(), 0xffffu);
}

TEST(EapCodec, MalformedPacketsRejectedWithAReason)
{
    ExpectEapRejected({}, "empty");
    ExpectEapRejected(Bytes("010100"), "too short for the header");
    ExpectEapRejected(Bytes("0101000901"), "Length larger than the buffer");
    ExpectEapRejected(Bytes("01010003"), "Length smaller than the header");
    ExpectEapRejected(Bytes("010100000101"), "Length zero");
    ExpectEapRejected(Bytes("030700060000"), "Success with extra bytes (Length 6)");
    ExpectEapRejected(Bytes("040700050a"), "Failure with extra bytes (Length 5)");
    ExpectEapRejected(Bytes("030700040000"), "Success with bytes after its Length");
    ExpectEapRejected(Bytes("0101000501ff"), "Request with bytes after its Length");
    ExpectEapRejected(Bytes("01010004"), "Request without a Type (empty type)");
    ExpectEapRejected(Bytes("02010004"), "Response without a Type");
    ExpectEapRejected(Bytes("00010004"), "code 0");
    ExpectEapRejected(Bytes("05010004"), "code 5 (ERP Initiate, RFC 6696)");

    EapPacket p;
    std::string why;
    EXPECT_FALSE(ParseEap(ByteSpan(Bytes("0101000901")), p, why));
    EXPECT_NE(why.find("exceeds"), std::string::npos) << why;
    EXPECT_FALSE(ParseEap(ByteSpan(Bytes("030700060000")), p, why));
    EXPECT_NE(why.find("Success must be 4 bytes"), std::string::npos) << why;
    EXPECT_FALSE(ParseEap(ByteSpan(nullptr, 10), p, why)); // no data at all
}

TEST(EapCodec, DescribeLikeStrongSwan)
{
    EapPacket p;
    p.code = EAP_CODE_REQUEST;
    p.type = EAP_TYPE_MD5;
    EXPECT_EQ(DescribeEap(p), "EAP/REQ/MD5");
    p.code = EAP_CODE_RESPONSE;
    p.type = EAP_TYPE_MSCHAPV2;
    EXPECT_EQ(DescribeEap(p), "EAP/RES/MSCHAPV2");
    p.type = EAP_TYPE_IDENTITY;
    EXPECT_EQ(DescribeEap(p), "EAP/RES/ID");
    p.type = EAP_TYPE_NAK;
    EXPECT_EQ(DescribeEap(p), "EAP/RES/NAK");
    p.type = 200;
    EXPECT_EQ(DescribeEap(p), "EAP/RES/200");
    EXPECT_EQ(DescribeEap(ByteSpan(Bytes("03010004"))), "EAP/SUCC");
    EXPECT_EQ(DescribeEap(ByteSpan(Bytes("04010004"))), "EAP/FAIL");
    EXPECT_EQ(DescribeEap(ByteSpan(Bytes("0401"))), "EAP/INVALID");
}

// ---------------------------------------------------------------------------------------------
// EAP-MD5
// ---------------------------------------------------------------------------------------------

TEST(EapMd5, ResponseValueKnownAnswer)
{
    const auto challenge = Bytes("000102030405060708090a0b0c0d0e0f");
    const auto secret = Ascii("secret");
    const auto value = EapMd5ResponseValue(1, ByteSpan(secret), ByteSpan(challenge));
    // Computed with Python: hashlib.md5(b"\x01" + b"secret" + bytes(range(16))).hexdigest().
    EXPECT_EQ(Hex(value), "740e86463bda3a4d7017d6e0fba0699d");

    // Independently through EVP on the concatenation Identifier | secret | challenge.
    std::vector<uint8_t> concat = {0x2a};
    concat.insert(concat.end(), secret.begin(), secret.end());
    concat.insert(concat.end(), challenge.begin(), challenge.end());
    uint8_t md[EVP_MAX_MD_SIZE];
    unsigned int mdLen = 0;
    ASSERT_EQ(EVP_Digest(concat.data(), concat.size(), md, &mdLen, EVP_md5(), nullptr), 1);
    EXPECT_EQ(Hex(EapMd5ResponseValue(0x2a, ByteSpan(secret), ByteSpan(challenge))),
              Hex(ByteSpan(md, mdLen)));

    EXPECT_TRUE(
        EapMd5CheckResponseValue(1, ByteSpan(secret), ByteSpan(challenge), ByteSpan(value)));
    EXPECT_FALSE(
        EapMd5CheckResponseValue(2, ByteSpan(secret), ByteSpan(challenge), ByteSpan(value)));
    EXPECT_FALSE(EapMd5CheckResponseValue(1,
                                          ByteSpan(secret),
                                          ByteSpan(challenge),
                                          ByteSpan(value.data(), 15)));
}

TEST(EapMd5, TypeDataCodec)
{
    const auto challenge = Bytes("00112233445566778899aabbccddeeff");
    const auto data = BuildEapMd5TypeData(ByteSpan(challenge), "moon");
    EXPECT_EQ(Hex(data), "10" + Hex(challenge) + Hex(Ascii("moon")));
    std::vector<uint8_t> value;
    std::string name;
    std::string why;
    ASSERT_TRUE(ParseEapMd5TypeData(ByteSpan(data), value, name, why)) << why;
    EXPECT_EQ(Hex(value), Hex(challenge));
    EXPECT_EQ(name, "moon");

    EXPECT_FALSE(ParseEapMd5TypeData(ByteSpan(), value, name, why));
    EXPECT_FALSE(ParseEapMd5TypeData(ByteSpan(Bytes("00")), value, name, why));
    EXPECT_FALSE(ParseEapMd5TypeData(ByteSpan(Bytes("10aabb")), value, name, why));
    EXPECT_FALSE(why.empty());
    EXPECT_TRUE(BuildEapMd5TypeData(ByteSpan(), "x").empty());
    EXPECT_TRUE(BuildEapMd5TypeData(ByteSpan(std::vector<uint8_t>(256)), "x").empty());
}

TEST(EapMd5, FullExchangeThroughTheCodec)
{
    const auto secret = Ascii("open sesame");
    const auto challenge = Bytes("0f0e0d0c0b0a09080706050403020100");
    const auto request = SerializeEap(EapMd5Request(9, ByteSpan(challenge), "moon"));
    EXPECT_EQ(DescribeEap(ByteSpan(request)), "EAP/REQ/MD5");

    EapPacket parsedRequest;
    std::string why;
    ASSERT_TRUE(ParseEap(ByteSpan(request), parsedRequest, why)) << why;
    EapPacket response;
    ASSERT_TRUE(EapMd5Respond(parsedRequest, ByteSpan(secret), "carol", response, why)) << why;
    const auto responseBytes = SerializeEap(response);
    EXPECT_EQ(DescribeEap(ByteSpan(responseBytes)), "EAP/RES/MD5");

    EapPacket parsedResponse;
    ASSERT_TRUE(ParseEap(ByteSpan(responseBytes), parsedResponse, why)) << why;
    EXPECT_TRUE(EapMd5Verify(parsedResponse, 9, ByteSpan(secret), ByteSpan(challenge), why)) << why;
    EXPECT_EQ(Hex(ByteSpan(parsedResponse.typeData.data() + 1, 16)),
              Hex(EapMd5ResponseValue(9, ByteSpan(secret), ByteSpan(challenge))));

    EXPECT_FALSE(EapMd5Verify(parsedResponse, 10, ByteSpan(secret), ByteSpan(challenge), why));
    EXPECT_FALSE(
        EapMd5Verify(parsedResponse, 9, ByteSpan(Ascii("open sesame!")), ByteSpan(challenge), why));
    EXPECT_NE(why.find("wrong"), std::string::npos) << why;

    EapPacket nak = parsedResponse;
    nak.type = EAP_TYPE_NAK;
    nak.typeData = {EAP_TYPE_MSCHAPV2};
    EXPECT_FALSE(EapMd5Verify(nak, 9, ByteSpan(secret), ByteSpan(challenge), why));
    EXPECT_NE(why.find("Nak"), std::string::npos) << why;

    EapPacket notMd5 = parsedRequest;
    notMd5.type = EAP_TYPE_IDENTITY;
    EXPECT_FALSE(EapMd5Respond(notMd5, ByteSpan(secret), "", response, why));
}

// ---------------------------------------------------------------------------------------------
// EAP-MSCHAPv2 packets and exchange
// ---------------------------------------------------------------------------------------------

TEST(EapMsChapV2, ChallengePacketLayout)
{
    // strongSwan's Challenge: OpCode 1, MS-CHAPv2-ID, MS-Length = EAP Length - 5, Value-Size 16,
    // the challenge, Name "strongSwan".
    const auto auth = Bytes(kAuthChallenge);
    const auto bytes = SerializeEap(MsChapV2ChallengeRequest(3, 3, ByteSpan(auth), "strongSwan"));
    const size_t length = 4 + 1 + 4 + 1 + 16 + 10;
    ASSERT_EQ(bytes.size(), length);
    EXPECT_EQ(Hex(bytes),
              "01030024"
              "1a"
              "0103001f"
              "10" +
                  Hex(auth) + Hex(Ascii("strongSwan")));

    EapPacket p;
    std::string why;
    ASSERT_TRUE(ParseEap(ByteSpan(bytes), p, why)) << why;
    MsChapV2Packet m;
    ASSERT_TRUE(ParseMsChapV2(ByteSpan(p.typeData), p.code, m, why)) << why;
    EXPECT_EQ(m.opCode, MSCHAPV2_OP_CHALLENGE);
    EXPECT_EQ(m.msChapV2Id, 3);
    EXPECT_FALSE(m.shortForm);
    EXPECT_EQ(Hex(m.value), Hex(auth));
    EXPECT_EQ(m.name, "strongSwan");
    EXPECT_EQ(Hex(SerializeMsChapV2(m)), Hex(p.typeData));
}

TEST(EapMsChapV2, MalformedDataRejectedWithAReason)
{
    const auto good = Bytes("0103001f10" + std::string(kAuthChallenge) + Hex(Ascii("strongSwan")));
    MsChapV2Packet m;
    std::string why;
    ASSERT_TRUE(ParseMsChapV2(ByteSpan(good), EAP_CODE_REQUEST, m, why)) << why;

    auto reject = [&](const std::vector<uint8_t>& data, uint8_t code, const char* what) {
        MsChapV2Packet out;
        std::string reason;
        EXPECT_FALSE(ParseMsChapV2(ByteSpan(data), code, out, reason)) << what;
        EXPECT_FALSE(reason.empty()) << what;
    };
    reject({}, EAP_CODE_REQUEST, "empty");
    reject(good, EAP_CODE_RESPONSE, "Challenge in a Response");
    reject(good, EAP_CODE_SUCCESS, "not in a Request/Response");
    reject(Bytes("010300"), EAP_CODE_REQUEST, "shorter than the header");
    reject(Bytes("01030004"), EAP_CODE_REQUEST, "no Value-Size");
    auto badLength = good;
    badLength[3]++;
    reject(badLength, EAP_CODE_REQUEST, "MS-Length larger than the data");
    badLength[3] -= 2;
    reject(badLength, EAP_CODE_REQUEST, "MS-Length smaller than the data");
    auto badSize = good;
    badSize[4] = 8;
    reject(badSize, EAP_CODE_REQUEST, "Value-Size 8");
    reject(Bytes("0103000a10aabbccddee"), EAP_CODE_REQUEST, "value truncated");
    reject(Bytes("0203000631aa"), EAP_CODE_REQUEST, "Response in a Request");
    reject(Bytes("0203000610aa"), EAP_CODE_RESPONSE, "Response with Value-Size 16");
    reject(Bytes("07"), EAP_CODE_RESPONSE, "Change-Password");
    reject(Bytes("09"), EAP_CODE_REQUEST, "unknown OpCode");

    // The peer's Success/Failure is the OpCode alone.
    ASSERT_TRUE(ParseMsChapV2(ByteSpan(Bytes("03")), EAP_CODE_RESPONSE, m, why)) << why;
    EXPECT_TRUE(m.shortForm);
    EXPECT_EQ(m.opCode, MSCHAPV2_OP_SUCCESS);
    ASSERT_TRUE(ParseMsChapV2(ByteSpan(Bytes("04")), EAP_CODE_RESPONSE, m, why)) << why;
    EXPECT_EQ(Hex(SerializeMsChapV2(m)), "04");
}

TEST(EapMsChapV2, SuccessAndFailureMessages)
{
    // strongSwan's Success message ends with a NUL (it copies sizeof(SUCCESS_MESSAGE) bytes).
    std::string auth;
    std::string text;
    const std::string message = std::string(kAuthResponse) + " M=Welcome2strongSwan" + '\0';
    ASSERT_TRUE(ParseMsChapV2SuccessMessage(message, auth, text));
    EXPECT_EQ(auth, kAuthResponse);
    EXPECT_EQ(text, "Welcome2strongSwan");
    ASSERT_TRUE(
        ParseMsChapV2SuccessMessage(std::string(kAuthResponse) + " M=hello world", auth, text));
    EXPECT_EQ(text, "hello world");
    EXPECT_FALSE(ParseMsChapV2SuccessMessage("M=no auth", auth, text));
    EXPECT_FALSE(ParseMsChapV2SuccessMessage("S=407A", auth, text));
    EXPECT_FALSE(
        ParseMsChapV2SuccessMessage("S=407A5589115FD0D6209F510FE9C04566932CDAZZ", auth, text));

    MsChapV2Failure f;
    std::string why;
    ASSERT_TRUE(ParseMsChapV2FailureMessage(
        "E=691 R=1 C=00112233445566778899AABBCCDDEEFF V=3 M=Authentication failed",
        f,
        why))
        << why;
    EXPECT_EQ(f.error, 691u);
    EXPECT_TRUE(f.retry);
    EXPECT_EQ(Hex(f.challenge), "00112233445566778899aabbccddeeff");
    EXPECT_EQ(f.version, 3u);
    EXPECT_EQ(f.text, "Authentication failed");
    ASSERT_TRUE(ParseMsChapV2FailureMessage("E=647 R=0", f, why)) << why;
    EXPECT_EQ(f.error, 647u);
    EXPECT_FALSE(f.retry);
    EXPECT_FALSE(ParseMsChapV2FailureMessage("R=1", f, why));
    EXPECT_FALSE(ParseMsChapV2FailureMessage("E=99999999999", f, why));
    EXPECT_FALSE(ParseMsChapV2FailureMessage("E=691 C=0011", f, why));
    EXPECT_FALSE(ParseMsChapV2FailureMessage("E=691 R=2", f, why));
}

TEST(EapMsChapV2, FullExchangeWithRfc2759Values)
{
    const auto auth = Bytes(kAuthChallenge);
    const auto peerChallenge = Bytes(kPeerChallenge);
    const auto hash = NtPasswordHash(kPassword);
    const ByteSpan hashSpan(hash.data(), hash.size());
    std::string why;

    // Server -> peer: Challenge.
    const auto challengeBytes =
        SerializeEap(MsChapV2ChallengeRequest(1, 1, ByteSpan(auth), "strongSwan"));
    EXPECT_EQ(DescribeEap(ByteSpan(challengeBytes)), "EAP/REQ/MSCHAPV2");
    EapPacket challenge;
    ASSERT_TRUE(ParseEap(ByteSpan(challengeBytes), challenge, why)) << why;

    // Peer -> server: Response; the name carries the domain, the hashes do not.
    EapPacket response;
    MsChapV2Keys peerKeys;
    ASSERT_TRUE(MsChapV2Respond(challenge,
                                "CORP\\User",
                                hashSpan,
                                ByteSpan(peerChallenge),
                                response,
                                peerKeys,
                                why))
        << why;
    EXPECT_EQ(Hex(peerKeys.ntResponse), Hex(Bytes(kNtResponse)));
    EXPECT_EQ(peerKeys.authenticatorResponse, kAuthResponse);
    const auto responseBytes = SerializeEap(response);
    EXPECT_EQ(DescribeEap(ByteSpan(responseBytes)), "EAP/RES/MSCHAPV2");
    // Value: Peer-Challenge | 8 reserved zeros | NT-Response | Flags 0, then the Name.
    EXPECT_EQ(Hex(response.typeData),
              "0201003f31" + Hex(peerChallenge) + std::string(16, '0') + Hex(Bytes(kNtResponse)) +
                  "00" + Hex(Ascii("CORP\\User")));

    // Server checks and answers with Success (Identifier + 1).
    EapPacket parsedResponse;
    ASSERT_TRUE(ParseEap(ByteSpan(responseBytes), parsedResponse, why)) << why;
    EapPacket success;
    MsChapV2Keys serverKeys;
    ASSERT_TRUE(MsChapV2VerifyResponse(parsedResponse,
                                       1,
                                       ByteSpan(auth),
                                       hashSpan,
                                       "Welcome2strongSwan",
                                       success,
                                       serverKeys,
                                       why))
        << why;
    EXPECT_EQ(success.identifier, 2);
    MsChapV2Packet successBody;
    ASSERT_TRUE(ParseMsChapV2(ByteSpan(success.typeData), success.code, successBody, why)) << why;
    EXPECT_EQ(successBody.message, std::string(kAuthResponse) + " M=Welcome2strongSwan");

    // Peer checks the server and acknowledges with the short Success.
    EapPacket parsedSuccess;
    ASSERT_TRUE(ParseEap(ByteSpan(SerializeEap(success)), parsedSuccess, why)) << why;
    EapPacket ack;
    ASSERT_TRUE(MsChapV2VerifySuccess(parsedSuccess, peerKeys, ack, why)) << why;
    EXPECT_EQ(Hex(SerializeEap(ack)), "020200061a03");

    // Both sides hold the same 64-byte MSK.
    EXPECT_EQ(serverKeys.msk.size(), 64u);
    EXPECT_EQ(Hex(serverKeys.msk), Hex(peerKeys.msk));

    // Wrong identifier, wrong password on the server, wrong password on the peer.
    EXPECT_FALSE(MsChapV2VerifyResponse(parsedResponse,
                                        2,
                                        ByteSpan(auth),
                                        hashSpan,
                                        "",
                                        success,
                                        serverKeys,
                                        why));
    const auto other = NtPasswordHash("clientPass2");
    EXPECT_FALSE(MsChapV2VerifyResponse(parsedResponse,
                                        1,
                                        ByteSpan(auth),
                                        ByteSpan(other.data(), other.size()),
                                        "",
                                        success,
                                        serverKeys,
                                        why));
    EXPECT_NE(why.find("NT-Response wrong"), std::string::npos) << why;
    EXPECT_TRUE(serverKeys.msk.empty());

    MsChapV2Keys liar = peerKeys;
    liar.authenticatorResponse = "S=" + std::string(40, '0');
    EXPECT_FALSE(MsChapV2VerifySuccess(parsedSuccess, liar, ack, why));

    // A Failure Request is reported with its error code.
    MsChapV2Packet failure;
    failure.opCode = MSCHAPV2_OP_FAILURE;
    failure.msChapV2Id = 1;
    failure.message = "E=691 R=1 C=" + std::string(kAuthChallenge) + " V=3 M=bad password";
    EapPacket failureRequest;
    failureRequest.code = EAP_CODE_REQUEST;
    failureRequest.identifier = 2;
    failureRequest.type = EAP_TYPE_MSCHAPV2;
    failureRequest.typeData = SerializeMsChapV2(failure);
    EXPECT_FALSE(MsChapV2VerifySuccess(failureRequest, peerKeys, ack, why));
    EXPECT_NE(why.find("E=691"), std::string::npos) << why;
}

// ---------------------------------------------------------------------------------------------
// Robustness: random and mutated input never crashes the parsers
// ---------------------------------------------------------------------------------------------

TEST(EapCodec, RandomAndMutatedBuffersNeverCrash)
{
    std::mt19937 rng(20240601);
    std::vector<std::vector<uint8_t>> seeds = {
        SerializeEap(MsChapV2ChallengeRequest(1, 1, ByteSpan(Bytes(kAuthChallenge)), "strongSwan")),
        SerializeEap(EapMd5Request(1, ByteSpan(Bytes(kAuthChallenge)), "moon")),
        Bytes("03010004"),
        Bytes("020200061a03"),
    };
    size_t accepted = 0;
    for (int n = 0; n < 600; ++n)
    {
        std::vector<uint8_t> buf;
        if (n % 3 == 0)
        {
            buf = RandomBytes(rng, rng() % 80);
        }
        else
        {
            buf = seeds[rng() % seeds.size()];
            const int edits = 1 + static_cast<int>(rng() % 4);
            for (int e = 0; e < edits && !buf.empty(); ++e)
            {
                switch (rng() % 3)
                {
                case 0:
                    buf[rng() % buf.size()] ^= static_cast<uint8_t>(1u << (rng() % 8));
                    break;
                case 1:
                    buf.resize(rng() % (buf.size() + 1));
                    break;
                default:
                    buf.push_back(static_cast<uint8_t>(rng()));
                    break;
                }
            }
        }
        if (n % 2 == 0 && buf.size() >= 4)
        {
            // Fix the Length field so the parser goes past its first check.
            buf[2] = static_cast<uint8_t>(buf.size() >> 8);
            buf[3] = static_cast<uint8_t>(buf.size());
        }
        EapPacket p;
        std::string why;
        if (ParseEap(ByteSpan(buf), p, why))
        {
            ++accepted;
            EXPECT_EQ(Hex(SerializeEap(p)), Hex(buf));
            (void)DescribeEap(p);
        }
        else
        {
            EXPECT_FALSE(why.empty());
        }
        // The type data parsers, on the raw buffer and on whatever came out.
        for (const auto& data : {buf, p.typeData})
        {
            for (uint8_t code : {EAP_CODE_REQUEST, EAP_CODE_RESPONSE})
            {
                MsChapV2Packet m;
                std::string reason;
                if (ParseMsChapV2(ByteSpan(data), code, m, reason))
                {
                    EXPECT_EQ(Hex(SerializeMsChapV2(m)),
                              m.shortForm ? Hex(ByteSpan(data.data(), 1)) : Hex(data));
                    std::string a;
                    std::string t;
                    MsChapV2Failure f;
                    (void)ParseMsChapV2SuccessMessage(m.message, a, t);
                    (void)ParseMsChapV2FailureMessage(m.message, f, reason);
                }
            }
            std::vector<uint8_t> value;
            std::string name;
            std::string reason;
            (void)ParseEapMd5TypeData(ByteSpan(data), value, name, reason);
        }
        std::string text(buf.begin(), buf.end());
        std::string a;
        std::string t;
        MsChapV2Failure f;
        (void)ParseMsChapV2SuccessMessage(text, a, t);
        (void)ParseMsChapV2FailureMessage(text, f, why);
        (void)PasswordToUtf16Le(text);
    }
    EXPECT_GT(accepted, 0u); // the mutations keep some packets valid
}
