// SPDX-License-Identifier: GPL-2.0-only
// EAP inside IKE_AUTH (RFC 7296 §2.16) message by message, as strongSwan runs it with its EAP
// server in the responder: the responder authenticates with a certificate, the initiator with
// EAP-MD5 or EAP-MSCHAPv2 (an EAP-Identity round, the method, EAP-Success, then AUTH over the
// MSK, or over SK_p for MD5, which makes no MSK); a wrong password or an unknown user is
// EAP-Failure with AUTHENTICATION_FAILED and no SA; an AUTH made with the wrong key is refused.

#include "ikev2-pair.h"
#include "ipsec-test-util.h"

#include "ns3/ike-certificate-helper.h"
#include "ns3/ike-daemon.h"
#include "ns3/ikev2-eap-auth.h"
#include "ns3/ikev2-sa.h"
#include "ns3/ipsec-config-error.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

IkeCertificateHelper&
Pki()
{
    static IkeCertificateHelper pki = [] {
        IkeCertificateHelper p("ecdsa256");
        p.AssignStreams(300);
        return p;
    }();
    return pki;
}

/// a: EAP client "alice" (trusts the CA), b: certificate gw-b.example, EAP server.
Pair
EapConfigs(IkeAuthMethod method, const std::string& password)
{
    Pair c = Configs();
    c.a.localAuth = method;
    c.a.remoteAuth = IkeAuthMethod::PUBKEY;
    c.a.eapIdentity = "alice";
    c.a.eapPassword = password;
    auto trust = std::make_shared<IkeCredential>();
    trust->trustedCas.emplace_back(X509_dup(Pki().GetCaCertificate()));
    c.a.credential = trust;
    c.b.localAuth = IkeAuthMethod::PUBKEY;
    c.b.remoteAuth = method;
    c.b.eapUsers = {{"bob", "builder"}, {"alice", "wonderland"}};
    c.b.credential = Pki().Issue("gw-b", {IkeIdentity::Fqdn("gw-b.example")});
    return c;
}

struct EapRun
{
    std::vector<std::string> lines; ///< every message, as its sender describes it
};

EapRun
Establish(Ikev2Sa& a, Ikev2Sa& b)
{
    EapRun r;
    for (Ikev2Sa* sa : {&a, &b})
    {
        sa->SetMessageCallback(
            [&r](bool sent, const IkeHeader& h, const std::vector<Ikev2Payload>& p) {
                if (sent)
                {
                    r.lines.push_back(DescribeIkev2Message(h, p));
                }
            });
    }
    Converse(a, b, a.Initiate());
    return r;
}

} // namespace

TEST(Ikev2EapTest, EapMd5AfterTheResponderCertificate)
{
    Pair c = EapConfigs(IkeAuthMethod::EAP_MD5, "wonderland");
    Ikev2Sa a(true, c.a, Sources(1, 0xc0000001));
    Ikev2Sa b(false, c.b, Sources(2, 0xd0000001));
    const EapRun r = Establish(a, b);
    EXPECT_EQ(a.GetState(), Ikev2SaState::ESTABLISHED) << a.GetContext().error;
    EXPECT_EQ(b.GetState(), Ikev2SaState::ESTABLISHED) << b.GetContext().error;
    const std::vector<std::string> expected = {
        "IKE_SA_INIT request 0 [ SA KE No N(HASH_ALG) ]",
        "IKE_SA_INIT response 0 [ SA KE No N(HASH_ALG) ]",
        "IKE_AUTH request 1 [ IDi CERTREQ IDr SA TSi TSr ]",
        "IKE_AUTH response 1 [ IDr CERT AUTH EAP/REQ/ID ]",
        "IKE_AUTH request 2 [ EAP/RES/ID ]",
        "IKE_AUTH response 2 [ EAP/REQ/MD5 ]",
        "IKE_AUTH request 3 [ EAP/RES/MD5 ]",
        "IKE_AUTH response 3 [ EAP/SUCC ]",
        "IKE_AUTH request 4 [ AUTH ]",
        "IKE_AUTH response 4 [ AUTH SA TSi TSr ]",
    };
    EXPECT_EQ(r.lines, expected);
    ASSERT_EQ(a.GetContext().children.size(), 1u);
    ASSERT_EQ(b.GetContext().children.size(), 1u);
    EXPECT_EQ(a.GetContext().children[0].outbound.encryptionKey,
              b.GetContext().children[0].inbound.encryptionKey);
    EXPECT_EQ(a.GetContext().peerSubject, "C=CH, O=ns3-ipsec, CN=gw-b");
}

TEST(Ikev2EapTest, EapMschapv2WithItsSuccessRound)
{
    Pair c = EapConfigs(IkeAuthMethod::EAP_MSCHAPV2, "wonderland");
    Ikev2Sa a(true, c.a, Sources(1, 0xc0000001));
    Ikev2Sa b(false, c.b, Sources(2, 0xd0000001));
    const EapRun r = Establish(a, b);
    EXPECT_EQ(a.GetState(), Ikev2SaState::ESTABLISHED) << a.GetContext().error;
    EXPECT_EQ(b.GetState(), Ikev2SaState::ESTABLISHED) << b.GetContext().error;
    const std::vector<std::string> expected = {
        "IKE_SA_INIT request 0 [ SA KE No N(HASH_ALG) ]",
        "IKE_SA_INIT response 0 [ SA KE No N(HASH_ALG) ]",
        "IKE_AUTH request 1 [ IDi CERTREQ IDr SA TSi TSr ]",
        "IKE_AUTH response 1 [ IDr CERT AUTH EAP/REQ/ID ]",
        "IKE_AUTH request 2 [ EAP/RES/ID ]",
        "IKE_AUTH response 2 [ EAP/REQ/MSCHAPV2 ]",
        "IKE_AUTH request 3 [ EAP/RES/MSCHAPV2 ]",
        "IKE_AUTH response 3 [ EAP/REQ/MSCHAPV2 ]",
        "IKE_AUTH request 4 [ EAP/RES/MSCHAPV2 ]",
        "IKE_AUTH response 4 [ EAP/SUCC ]",
        "IKE_AUTH request 5 [ AUTH ]",
        "IKE_AUTH response 5 [ AUTH SA TSi TSr ]",
    };
    EXPECT_EQ(r.lines, expected);
    EXPECT_EQ(a.GetContext().children.size(), 1u);
}

TEST(Ikev2EapTest, WrongPasswordOrUnknownUserIsEapFailure)
{
    for (const auto method : {IkeAuthMethod::EAP_MD5, IkeAuthMethod::EAP_MSCHAPV2})
    {
        for (const std::string user : {"alice", "mallory"})
        {
            SCOPED_TRACE(std::string(ToString(method)) + " " + user);
            Pair c = EapConfigs(method, "looking-glass");
            c.a.eapIdentity = user;
            Ikev2Sa a(true, c.a, Sources(1, 0xc0000001));
            Ikev2Sa b(false, c.b, Sources(2, 0xd0000001));
            const EapRun r = Establish(a, b);
            EXPECT_EQ(a.GetState(), Ikev2SaState::FAILED);
            EXPECT_EQ(b.GetState(), Ikev2SaState::FAILED);
            EXPECT_EQ(a.GetContext().error,
                      "AUTHENTICATION_FAILED (EAP-Failure: the server refused our credentials)");
            const std::string method_ =
                method == IkeAuthMethod::EAP_MD5 ? "EAP-MD5" : "EAP-MSCHAPv2";
            if (user == "mallory")
            {
                EXPECT_EQ(b.GetContext().error,
                          "AUTHENTICATION_FAILED (no EAP secret for 'mallory')");
            }
            else
            {
                EXPECT_EQ(b.GetContext().error.rfind("AUTHENTICATION_FAILED (" + method_ +
                                                         " of 'alice': ",
                                                     0),
                          0u)
                    << b.GetContext().error;
            }
            ASSERT_FALSE(r.lines.empty());
            EXPECT_EQ(r.lines.back(), "IKE_AUTH response 3 [ EAP/FAIL N(AUTH_FAILED) ]");
            EXPECT_TRUE(a.GetContext().children.empty());
            EXPECT_TRUE(b.GetContext().children.empty());
        }
    }
}

TEST(Ikev2EapTest, InitiatorRefusesAResponderItCannotVerify)
{
    Pair c = EapConfigs(IkeAuthMethod::EAP_MD5, "wonderland");
    IkeCertificateHelper other("ecdsa256", "C=CH, O=Mallory, CN=Mallory CA");
    other.AssignStreams(301);
    c.b.credential = other.Issue("gw-b", {IkeIdentity::Fqdn("gw-b.example")});
    Ikev2Sa a(true, c.a, Sources(1, 0xc0000001));
    Ikev2Sa b(false, c.b, Sources(2, 0xd0000001));
    const EapRun r = Establish(a, b);
    EXPECT_EQ(a.GetState(), Ikev2SaState::FAILED);
    EXPECT_EQ(a.GetContext().error,
              "AUTHENTICATION_FAILED (certificate \"C=CH, O=ns3-ipsec, CN=gw-b\": unable to get "
              "local issuer certificate)");
    // the client gave away nothing: it never answered the EAP request
    EXPECT_EQ(r.lines.back(), "IKE_AUTH response 1 [ IDr CERT AUTH EAP/REQ/ID ]");
}

TEST(Ikev2EapTest, ResponderWantsEapButGetsAuth)
{
    Pair c = EapConfigs(IkeAuthMethod::EAP_MD5, "wonderland");
    c.a.localAuth = IkeAuthMethod::PSK; // sends AUTH with the PSK instead of asking for EAP
    Ikev2Sa a(true, c.a, Sources(1, 0xc0000001));
    Ikev2Sa b(false, c.b, Sources(2, 0xd0000001));
    Establish(a, b);
    EXPECT_EQ(b.GetState(), Ikev2SaState::FAILED);
    EXPECT_EQ(b.GetContext().error,
              "AUTHENTICATION_FAILED (an AUTH payload, but the peer must use EAP)");
    EXPECT_EQ(a.GetState(), Ikev2SaState::FAILED);
}

TEST(Ikev2EapTest, EapClientAndServerRefuseMalformedMessages)
{
    Ikev2EapServer server(IkeAuthMethod::EAP_MD5, {{"alice", "x"}}, [](uint8_t* o, size_t n) {
        std::fill(o, o + n, 7);
    });
    const auto start = server.Start();
    std::vector<uint8_t> out;
    std::string why;
    EXPECT_EQ(server.Process(std::vector<uint8_t>{2, 7, 0}, out, why), EapStep::FAILURE);
    EXPECT_EQ(why.rfind("malformed EAP message: ", 0), 0u) << why;
    EXPECT_EQ(out, (std::vector<uint8_t>{4, 8, 0, 4})); // EAP-Failure

    Ikev2EapClient client(IkeAuthMethod::EAP_MD5, "alice", "x", [](uint8_t* o, size_t n) {
        std::fill(o, o + n, 9);
    });
    // EAP-Success before any method is no success (RFC 3748 §4.2 allows it only at the end)
    EXPECT_EQ(client.Process(std::vector<uint8_t>{3, 1, 0, 4}, out, why), EapStep::FAILURE);
    EXPECT_EQ(why, "EAP-Success before the method completed");
    // a Request for another method gets a Nak naming ours
    EapPacket q{EAP_CODE_REQUEST, 5, 6 /* GTC */, {'x'}};
    EXPECT_EQ(client.Process(SerializeEap(q), out, why), EapStep::CONTINUE);
    EXPECT_EQ(out, (std::vector<uint8_t>{2, 5, 0, 6, EAP_TYPE_NAK, EAP_TYPE_MD5}));
    std::mt19937 rng(3);
    for (int i = 0; i < 500; ++i)
    {
        std::vector<uint8_t> junk(rng() % 40);
        for (auto& b : junk)
        {
            b = static_cast<uint8_t>(rng());
        }
        Ikev2EapServer s(IkeAuthMethod::EAP_MSCHAPV2, {{"a", "b"}}, [](uint8_t* o, size_t n) {
            std::fill(o, o + n, 1);
        });
        s.Start();
        s.Process(junk, out, why);
        Ikev2EapClient cl(IkeAuthMethod::EAP_MSCHAPV2, "a", "b", [](uint8_t* o, size_t n) {
            std::fill(o, o + n, 1);
        });
        cl.Process(junk, out, why);
    }
}

TEST(Ikev2EapTest, BadEapConfigurationFailsEarly)
{
    Ptr<IkeDaemon> d = CreateObject<IkeDaemon>();
    Pair c = EapConfigs(IkeAuthMethod::EAP_MD5, "");
    c.a.localAddress = Ipv4Address("192.0.2.1");
    c.a.remoteAddress = Ipv4Address("192.0.2.2");
    EXPECT_THROW(d->AddConnection(c.a, IkeStartAction::NONE, ChildSaDataPlane()), ConfigError);
    c.b.eapUsers.clear();
    c.b.localAddress = Ipv4Address("192.0.2.2");
    c.b.remoteAddress = Ipv4Address("192.0.2.1");
    EXPECT_THROW(d->AddConnection(c.b, IkeStartAction::NONE, ChildSaDataPlane()), ConfigError);
}
