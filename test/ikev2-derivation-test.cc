// SPDX-License-Identifier: GPL-2.0-only
// IKEv2 key derivation against strongSwan: from each captured exchange's nonces and SPIs and
// the DH secret charon logged, SKEYSEED and SK_d/ai/ar/ei/er/pi/pr (RFC 7296 §2.14) and the
// first CHILD SA's keys (§2.17) are the ones charon derived and used; a rekeyed IKE SA's
// SKEYSEED (§2.18) too.

#include "ikev2-fixture-util.h"
#include "ipsec-test-util.h"

#include "ns3/ike-key-export.h"
#include "ns3/ikev2-keymat.h"

#include <fstream>
#include <gtest/gtest.h>
#include <set>

using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

const Ikev2SaPayload*
SaOf(const std::vector<Ikev2Payload>& payloads)
{
    for (const auto& p : payloads)
    {
        if (const auto* sa = std::get_if<Ikev2SaPayload>(&p.body))
        {
            return sa;
        }
    }
    return nullptr;
}

const std::vector<uint8_t>*
NonceOf(const std::vector<Ikev2Payload>& payloads)
{
    for (const auto& p : payloads)
    {
        if (const auto* n = std::get_if<Ikev2NoncePayload>(&p.body))
        {
            return &n->data;
        }
    }
    return nullptr;
}

/// The fixture's ikev2_decryption_table lines (strongSwan's keys, checked by tshark).
std::vector<std::string>
TableLines(const std::string& fixture)
{
    std::vector<std::string> lines;
    std::ifstream in(Ikev2FixtureDir() + fixture + "/ikev2_decryption_table");
    std::string line;
    while (std::getline(in, line))
    {
        if (!line.empty())
        {
            lines.push_back(line);
        }
    }
    return lines;
}

/// Our Wireshark line for keys we derived.
std::string
OurLine(const Ikev2IkeSaTransforms& t, const Ikev2IkeSaKeys& k, uint64_t spiI, uint64_t spiR)
{
    Ikev2WiresharkKeys w;
    w.spiI = spiI;
    w.spiR = spiR;
    w.encryption = t.encryption;
    w.integrity = t.integrity;
    w.skEi = k.skEi;
    w.skEr = k.skEr;
    w.skAi = k.skAi;
    w.skAr = k.skAr;
    return WiresharkIkev2Line(w);
}

uint64_t
Spi64(const std::vector<uint8_t>& b)
{
    uint64_t v = 0;
    for (uint8_t x : b)
    {
        v = v << 8 | x;
    }
    return v;
}

} // namespace

TEST(Ikev2DerivationTest, IkeAndChildSaKeysMatchStrongSwan)
{
    size_t ikeSas = 0;
    size_t childSas = 0;
    std::set<std::string> suites;
    for (const std::string& name : Ikev2Fixtures())
    {
        SCOPED_TRACE(name);
        const Ikev2FixtureExchange x = FindIkev2Exchange(name);
        const auto v = ReadIkev2Derivations(name);
        const auto secret = Ikev2Derivation(v, "shared_Diffie_Hellman_secret");
        if (x.init[1].empty() || secret.empty())
        {
            continue; // 05b: no IKE SA
        }
        const auto* sa = x.initMessage[1].Get<Ikev2SaPayload>(ikev2::PAYLOAD_SA);
        Ikev2IkeSaTransforms t;
        t.prf = Ikev2ChosenTransform(sa, TransformType::PRF);
        t.encryption = Ikev2ChosenTransform(sa, TransformType::ENCR);
        t.integrity = Ikev2ChosenTransform(sa, TransformType::INTEG);
        ASSERT_TRUE(t.prf && t.encryption);
        suites.insert(std::string(t.encryption->keyword) + "-" + t.prf->keyword);
        const auto& ni = x.initMessage[0].Get<Ikev2NoncePayload>(ikev2::PAYLOAD_NONCE)->data;
        const auto& nr = x.initMessage[1].Get<Ikev2NoncePayload>(ikev2::PAYLOAD_NONCE)->data;

        const auto skeyseed = ComputeSkeyseed(*t.prf, ni, nr, secret);
        EXPECT_EQ(Hex(skeyseed), Hex(Ikev2Derivation(v, "SKEYSEED")));
        const Ikev2IkeSaKeys k = DeriveIkeSaKeys(t,
                                                 skeyseed,
                                                 ni,
                                                 nr,
                                                 x.initMessage[1].header.initiatorSpi,
                                                 x.initMessage[1].header.responderSpi);
        EXPECT_EQ(Hex(k.skD), Hex(Ikev2Derivation(v, "Sk_d_secret")));
        EXPECT_EQ(Hex(k.skAi), Hex(Ikev2Derivation(v, "Sk_ai_secret")));
        EXPECT_EQ(Hex(k.skAr), Hex(Ikev2Derivation(v, "Sk_ar_secret")));
        EXPECT_EQ(Hex(k.skEi), Hex(Ikev2Derivation(v, "Sk_ei_secret")));
        EXPECT_EQ(Hex(k.skEr), Hex(Ikev2Derivation(v, "Sk_er_secret")));
        EXPECT_EQ(Hex(k.skPi), Hex(Ikev2Derivation(v, "Sk_pi_secret")));
        EXPECT_EQ(Hex(k.skPr), Hex(Ikev2Derivation(v, "Sk_pr_secret")));
        // Our ikev2_decryption_table line is the one strongSwan's keys gave (tshark decrypts
        // the capture with it).
        const auto table = TableLines(name);
        ASSERT_FALSE(table.empty());
        EXPECT_EQ(OurLine(t,
                          k,
                          x.initMessage[1].header.initiatorSpi,
                          x.initMessage[1].header.responderSpi),
                  table[0]);
        ikeSas++;

        // The first CHILD SA (in IKE_AUTH, no PFS): KEYMAT = prf+(SK_d, Ni | Nr).
        const auto childEnc = Ikev2Derivation(v, "encryption_initiator_key");
        if (x.complete && !childEnc.empty())
        {
            const Ikev2SaPayload* childSa = SaOf(x.auth[1]);
            ASSERT_NE(childSa, nullptr);
            Ikev2ChildSaTransforms ct;
            ct.encryption = Ikev2ChosenTransform(childSa, TransformType::ENCR);
            ct.integrity = Ikev2ChosenTransform(childSa, TransformType::INTEG);
            ASSERT_NE(ct.encryption, nullptr);
            const auto km = DeriveChildSaKeymat(*t.prf, k.skD, ct, {}, ni, nr);
            EXPECT_EQ(Hex(km.initiatorToResponder.encryptionKey), Hex(childEnc));
            EXPECT_EQ(Hex(km.responderToInitiator.encryptionKey),
                      Hex(Ikev2Derivation(v, "encryption_responder_key")));
            EXPECT_EQ(Hex(km.initiatorToResponder.integrityKey),
                      Hex(Ikev2Derivation(v, "integrity_initiator_key")));
            EXPECT_EQ(Hex(km.responderToInitiator.integrityKey),
                      Hex(Ikev2Derivation(v, "integrity_responder_key")));
            childSas++;
        }

        // An IKE SA rekey (03b): SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr), then the new
        // SA's keys with the SPIs of the CREATE_CHILD_SA's SA payloads.
        const auto newSecret = Ikev2Derivation(v, "shared_Diffie_Hellman_secret", 1);
        const auto newSkeyseed = Ikev2Derivation(v, "SKEYSEED", 1);
        if (!newSecret.empty() && !newSkeyseed.empty())
        {
            ASSERT_FALSE(x.createChild[0].empty());
            ASSERT_FALSE(x.createChild[1].empty());
            const auto& request = x.createChild[0][0];
            const auto& response = x.createChild[1][0];
            const auto* nNi = NonceOf(request);
            const auto* nNr = NonceOf(response);
            ASSERT_TRUE(nNi && nNr);
            const auto rekeyed = ComputeRekeySkeyseed(*t.prf, k.skD, newSecret, *nNi, *nNr);
            EXPECT_EQ(Hex(rekeyed), Hex(newSkeyseed));
            const Ikev2SaPayload* chosen = SaOf(response);
            ASSERT_NE(chosen, nullptr);
            Ikev2IkeSaTransforms nt;
            nt.prf = Ikev2ChosenTransform(chosen, TransformType::PRF);
            nt.encryption = Ikev2ChosenTransform(chosen, TransformType::ENCR);
            nt.integrity = Ikev2ChosenTransform(chosen, TransformType::INTEG);
            const Ikev2IkeSaKeys nk = DeriveIkeSaKeys(nt,
                                                      rekeyed,
                                                      *nNi,
                                                      *nNr,
                                                      Spi64(SaOf(request)->proposals[0].spi),
                                                      Spi64(chosen->proposals[0].spi));
            EXPECT_EQ(Hex(nk.skD), Hex(Ikev2Derivation(v, "Sk_d_secret", 1)));
            EXPECT_EQ(Hex(nk.skEi), Hex(Ikev2Derivation(v, "Sk_ei_secret", 1)));
            EXPECT_EQ(Hex(nk.skPr), Hex(Ikev2Derivation(v, "Sk_pr_secret", 1)));
            ASSERT_EQ(table.size(), 2u);
            EXPECT_EQ(OurLine(nt,
                              nk,
                              Spi64(SaOf(request)->proposals[0].spi),
                              Spi64(chosen->proposals[0].spi)),
                      table[1]);
            ikeSas++;
        }
    }
    EXPECT_EQ(ikeSas,
              14u); // 13 exchanges with an IKE SA (four with certificates), and 03b's rekeyed one
    EXPECT_GE(childSas, 7u);
    EXPECT_EQ(
        suites,
        (std::set<std::string>{"aes128-prfsha256", "aes256gcm16-prfsha384", "aes256-prfsha512"}));
}

TEST(Ikev2DerivationTest, WiresharkNamesAndUnsupportedAlgorithms)
{
    Ikev2WiresharkKeys k;
    k.spiI = 0x0102030405060708ULL;
    k.spiR = 0x1112131415161718ULL;
    k.encryption = FindTransformByKeyword("aes256gcm12");
    k.skEi = {0xaa};
    k.skEr = {0xbb};
    EXPECT_EQ(WiresharkIkev2Line(k),
              "0102030405060708,1112131415161718,aa,bb,\"AES-GCM-256 with 12 octet ICV "
              "[RFC5282]\",,,\"NONE [RFC4306]\"");
    EXPECT_STREQ(WiresharkIkev2EncryptionName(*FindTransformByKeyword("3des")), "3DES [RFC2451]");
    EXPECT_STREQ(WiresharkIkev2EncryptionName(*FindTransformByKeyword("aes192ctr")),
                 "AES-CTR-192 [RFC5930]");
    EXPECT_STREQ(WiresharkIkev2IntegrityName(FindTransformByKeyword("sha384")),
                 "HMAC_SHA2_384_192 [RFC4868]");
    // Wireshark 4.0 has no IKEv2 ChaCha20-Poly1305 or AES-XCBC-96: a comment, not a wrong line.
    k.encryption = FindTransformByKeyword("chacha20poly1305");
    EXPECT_EQ(WiresharkIkev2Line(k),
              "# 0102030405060708,1112131415161718: Wireshark 4.0 cannot decrypt "
              "chacha20poly1305 in IKEv2; this IKE SA's messages stay encrypted in the capture");
    k.encryption = FindTransformByKeyword("aes128");
    k.integrity = FindTransformByKeyword("aesxcbc");
    EXPECT_EQ(WiresharkIkev2Line(k).substr(0, 61),
              "# 0102030405060708,1112131415161718: Wireshark 4.0 cannot che");
}
