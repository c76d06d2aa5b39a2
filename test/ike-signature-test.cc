// SPDX-License-Identifier: GPL-2.0-only
// IKE signatures: RFC 6979 Appendix A.2.5-A.2.7 deterministic ECDSA (k and r | s) for P-256,
// P-384 and P-521 with SHA-1/256/384/512, RFC 8032 §7.1 Ed25519 TEST 1-3, NIST CAVP SigGen15
// (PKCS#1 v1.5) signatures, RSA signing checked against OpenSSL's own PKCS#1 v1.5 over a
// DigestInfo, RFC 7427 Appendix A / RFC 8420 AlgorithmIdentifiers, AUTH method 14 and the
// classic methods 1/9/10/11, strict DER parsing and robustness against random input.

#include "ipsec-test-util.h"

#include "ns3/ike-signature.h"
#include "ns3/ipsec-config-error.h"

#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <random>
#include <set>

using namespace ns3::ipsec;
using namespace ns3::ipsec::test;

namespace
{

/**
 * Hex of a number, left-padded with zeros to a byte length (the RFC 6979 vectors print numbers
 * without leading zeros).
 */
std::vector<uint8_t>
Padded(std::string hex, size_t bytes)
{
    while (hex.size() < 2 * bytes)
    {
        hex.insert(hex.begin(), '0');
    }
    return Bytes(hex);
}

/// A source that hands out fixed bytes, then fails the test if asked for more.
ByteSource
FixedSource(std::vector<uint8_t> bytes)
{
    auto data = std::make_shared<std::vector<uint8_t>>(std::move(bytes));
    auto pos = std::make_shared<size_t>(0);
    return [data, pos](uint8_t* out, size_t n) {
        for (size_t i = 0; i < n; ++i)
        {
            if (*pos < data->size())
            {
                out[i] = (*data)[(*pos)++];
            }
            else
            {
                ADD_FAILURE() << "the fixed source ran out";
                out[i] = 0;
            }
        }
    };
}

/// A repeatable pseudo-random source.
ByteSource
SeededSource(uint32_t seed)
{
    auto rng = std::make_shared<std::mt19937>(seed);
    return [rng](uint8_t* out, size_t n) {
        for (size_t i = 0; i < n; ++i)
        {
            out[i] = static_cast<uint8_t>((*rng)() >> 24);
        }
    };
}

/// One key per scheme, made once (RSA key generation takes a while).
const EVP_PKEY*
TestKey(const std::string& scheme)
{
    static std::map<std::string, PkeyPtr> keys;
    auto it = keys.find(scheme);
    if (it == keys.end())
    {
        it = keys.emplace(scheme, GenerateIkePrivateKey(scheme, SeededSource(1))).first;
    }
    return it->second.get();
}

/// The DER SubjectPublicKeyInfo of a key.
std::vector<uint8_t>
PublicDer(const EVP_PKEY* key)
{
    unsigned char* der = nullptr;
    const int length = i2d_PUBKEY(key, &der);
    if (length <= 0)
    {
        return {};
    }
    std::vector<uint8_t> out(der, der + length);
    OPENSSL_free(der);
    return out;
}

/// The public half of a key alone (what a peer has).
PkeyPtr
PublicOnly(const EVP_PKEY* key)
{
    const std::vector<uint8_t> der = PublicDer(key);
    const unsigned char* p = der.data();
    return PkeyPtr(d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size())));
}

const EVP_MD*
Md(IkeHash hash)
{
    switch (hash)
    {
    case IkeHash::SHA1:
        return EVP_sha1();
    case IkeHash::SHA256:
        return EVP_sha256();
    case IkeHash::SHA384:
        return EVP_sha384();
    default:
        return EVP_sha512();
    }
}

std::vector<uint8_t>
Hash(IkeHash hash, const std::vector<uint8_t>& message)
{
    std::vector<uint8_t> out(EVP_MD_get_size(Md(hash)));
    unsigned int length = 0;
    EXPECT_EQ(EVP_Digest(message.data(), message.size(), out.data(), &length, Md(hash), nullptr),
              1);
    return out;
}

std::vector<uint8_t>
Text(const std::string& s)
{
    return std::vector<uint8_t>(s.begin(), s.end());
}

/// r | s as DER, by OpenSSL's own encoder (independent of EcdsaRawToDer).
std::vector<uint8_t>
OpensslDer(const std::vector<uint8_t>& rs)
{
    const size_t half = rs.size() / 2;
    ECDSA_SIG* sig = ECDSA_SIG_new();
    ECDSA_SIG_set0(sig,
                   BN_bin2bn(rs.data(), static_cast<int>(half), nullptr),
                   BN_bin2bn(rs.data() + half, static_cast<int>(half), nullptr));
    unsigned char* der = nullptr;
    const int length = i2d_ECDSA_SIG(sig, &der);
    std::vector<uint8_t> out(der, der + length);
    OPENSSL_free(der);
    ECDSA_SIG_free(sig);
    return out;
}

/// OpenSSL's own ECDSA verification of a DER signature.
bool
OpensslVerify(const EVP_PKEY* key,
              const EVP_MD* md,
              const std::vector<uint8_t>& message,
              const std::vector<uint8_t>& signature)
{
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    const bool ok =
        EVP_DigestVerifyInit(ctx, nullptr, md, nullptr, const_cast<EVP_PKEY*>(key)) == 1 &&
        EVP_DigestVerify(ctx, signature.data(), signature.size(), message.data(), message.size()) ==
            1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

/// An RSA public key from n and e.
PkeyPtr
RsaPublicKey(const std::string& nHex, const std::string& eHex)
{
    const auto nBytes = Bytes(nHex);
    const auto eBytes = Bytes(eHex);
    BIGNUM* n = BN_bin2bn(nBytes.data(), static_cast<int>(nBytes.size()), nullptr);
    BIGNUM* e = BN_bin2bn(eBytes.data(), static_cast<int>(eBytes.size()), nullptr);
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n);
    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e);
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    EVP_PKEY* key = nullptr;
    EVP_PKEY_fromdata_init(ctx);
    EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params);
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_free(n);
    BN_free(e);
    return PkeyPtr(key);
}

/// RSASSA-PKCS1-v1_5 by OpenSSL's raw RSA operation over a DigestInfo built here.
std::vector<uint8_t>
OpensslPkcs1Sign(const EVP_PKEY* key, IkeHash hash, const std::vector<uint8_t>& message)
{
    // RFC 8017 §9.2 note 1: the DER DigestInfo prefixes.
    std::vector<uint8_t> info = hash == IkeHash::SHA1
                                    ? Bytes("3021300906052b0e03021a05000414")
                                    : Bytes("3031300d060960864801650304020105000420");
    const auto h = Hash(hash, message);
    info.insert(info.end(), h.begin(), h.end());
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, const_cast<EVP_PKEY*>(key), nullptr);
    size_t length = 0;
    std::vector<uint8_t> out;
    if (EVP_PKEY_sign_init(ctx) == 1 && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1 &&
        EVP_PKEY_sign(ctx, nullptr, &length, info.data(), info.size()) == 1)
    {
        out.resize(length);
        if (EVP_PKEY_sign(ctx, out.data(), &length, info.data(), info.size()) == 1)
        {
            out.resize(length);
        }
        else
        {
            out.clear();
        }
    }
    EVP_PKEY_CTX_free(ctx);
    return out;
}

// ----- RFC 6979 Appendix A.2.5 - A.2.7 -----

/// One signature of RFC 6979 Appendix A.2 (SHA-224 is left out: IKEv2 has no SHA-224 hash).
struct Rfc6979Signature
{
    IkeHash hash;
    const char* message;
    const char* k;
    const char* r;
    const char* s;
};

/// One curve of RFC 6979 Appendix A.2.
struct Rfc6979Curve
{
    const char* section;
    const char* scheme;
    size_t bytes; ///< rlen / 8
    const char* x;
    const char* ux;
    const char* uy;
    std::vector<Rfc6979Signature> signatures;
};

const std::vector<Rfc6979Curve>&
Rfc6979Curves()
{
    static const std::vector<Rfc6979Curve> curves = {
        {"RFC 6979 A.2.5 (P-256)",
         "ecdsa256",
         32,
         "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
         "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6",
         "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299",
         {
             {IkeHash::SHA1,
              "sample",
              "882905F1227FD620FBF2ABF21244F0BA83D0DC3A9103DBBEE43A1FB858109DB4",
              "61340C88C3AAEBEB4F6D667F672CA9759A6CCAA9FA8811313039EE4A35471D32",
              "6D7F147DAC089441BB2E2FE8F7A3FA264B9C475098FDCF6E00D7C996E1B8B7EB"},
             {IkeHash::SHA256,
              "sample",
              "A6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60",
              "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
              "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"},
             {IkeHash::SHA384,
              "sample",
              "09F634B188CEFD98E7EC88B1AA9852D734D0BC272F7D2A47DECC6EBEB375AAD4",
              "0EAFEA039B20E9B42309FB1D89E213057CBF973DC0CFC8F129EDDDC800EF7719",
              "4861F0491E6998B9455193E34E7B0D284DDD7149A74B95B9261F13ABDE940954"},
             {IkeHash::SHA512,
              "sample",
              "5FA81C63109BADB88C1F367B47DA606DA28CAD69AA22C4FE6AD7DF73A7173AA5",
              "8496A60B5E9B47C825488827E0495B0E3FA109EC4568FD3F8D1097678EB97F00",
              "2362AB1ADBE2B8ADF9CB9EDAB740EA6049C028114F2460F96554F61FAE3302FE"},
             {IkeHash::SHA1,
              "test",
              "8C9520267C55D6B980DF741E56B4ADEE114D84FBFA2E62137954164028632A2E",
              "0CBCC86FD6ABD1D99E703E1EC50069EE5C0B4BA4B9AC60E409E8EC5910D81A89",
              "01B9D7B73DFAA60D5651EC4591A0136F87653E0FD780C3B1BC872FFDEAE479B1"},
             {IkeHash::SHA256,
              "test",
              "D16B6AE827F17175E040871A1C7EC3500192C4C92677336EC2537ACAEE0008E0",
              "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
              "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"},
             {IkeHash::SHA384,
              "test",
              "16AEFFA357260B04B1DD199693960740066C1A8F3E8EDD79070AA914D361B3B8",
              "83910E8B48BB0C74244EBDF7F07A1C5413D61472BD941EF3920E623FBCCEBEB6",
              "8DDBEC54CF8CD5874883841D712142A56A8D0F218F5003CB0296B6B509619F2C"},
             {IkeHash::SHA512,
              "test",
              "6915D11632ACA3C40D5D51C08DAF9C555933819548784480E93499000D9F0B7F",
              "461D93F31B6540894788FD206C07CFA0CC35F46FA3C91816FFF1040AD1581A04",
              "39AF9F15DE0DB8D97E72719C74820D304CE5226E32DEDAE67519E840D1194E55"},
         }},
        {"RFC 6979 A.2.6 (P-384)",
         "ecdsa384",
         48,
         "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D8"
         "96D5724E4C70A825F872C9EA60D2EDF5",
         "EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64"
         "DEF8F0EA9055866064A254515480BC13",
         "8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9F54CA84B3F1C9DB1"
         "288B231C3AE0D4FE7344FD2533264720",
         {
             {IkeHash::SHA1,
              "sample",
              "4471EF7518BB2C7C20F62EAE1C387AD0C5E8E470995DB4ACF694466E6AB09663"
              "0F29E5938D25106C3C340045A2DB01A7",
              "EC748D839243D6FBEF4FC5C4859A7DFFD7F3ABDDF72014540C16D73309834FA3"
              "7B9BA002899F6FDA3A4A9386790D4EB2",
              "A3BCFA947BEEF4732BF247AC17F71676CB31A847B9FF0CBC9C9ED4C1A5B3FACF"
              "26F49CA031D4857570CCB5CA4424A443"},
             {IkeHash::SHA256,
              "sample",
              "180AE9F9AEC5438A44BC159A1FCB277C7BE54FA20E7CF404B490650A8ACC414E"
              "375572342863C899F9F2EDF9747A9B60",
              "21B13D1E013C7FA1392D03C5F99AF8B30C570C6F98D4EA8E354B63A21D3DAA33"
              "BDE1E888E63355D92FA2B3C36D8FB2CD",
              "F3AA443FB107745BF4BD77CB3891674632068A10CA67E3D45DB2266FA7D1FEEB"
              "EFDC63ECCD1AC42EC0CB8668A4FA0AB0"},
             {IkeHash::SHA384,
              "sample",
              "94ED910D1A099DAD3254E9242AE85ABDE4BA15168EAF0CA87A555FD56D10FBCA"
              "2907E3E83BA95368623B8C4686915CF9",
              "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C"
              "81A648152E44ACF96E36DD1E80FABE46",
              "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94F"
              "A329C145786E679E7B82C71A38628AC8"},
             {IkeHash::SHA512,
              "sample",
              "92FC3C7183A883E24216D1141F1A8976C5B0DD797DFA597E3D7B32198BD35331"
              "A4E966532593A52980D0E3AAA5E10EC3",
              "ED0959D5880AB2D869AE7F6C2915C6D60F96507F9CB3E047C0046861DA4A799C"
              "FE30F35CC900056D7C99CD7882433709",
              "512C8CCEEE3890A84058CE1E22DBC2198F42323CE8ACA9135329F03C068E5112"
              "DC7CC3EF3446DEFCEB01A45C2667FDD5"},
             {IkeHash::SHA1,
              "test",
              "66CC2C8F4D303FC962E5FF6A27BD79F84EC812DDAE58CF5243B64A4AD8094D47"
              "EC3727F3A3C186C15054492E30698497",
              "4BC35D3A50EF4E30576F58CD96CE6BF638025EE624004A1F7789A8B8E43D0678"
              "ACD9D29876DAF46638645F7F404B11C7",
              "D5A6326C494ED3FF614703878961C0FDE7B2C278F9A65FD8C4B7186201A29916"
              "95BA1C84541327E966FA7B50F7382282"},
             {IkeHash::SHA256,
              "test",
              "0CFAC37587532347DC3389FDC98286BBA8C73807285B184C83E62E26C401C0FA"
              "A48DD070BA79921A3457ABFF2D630AD7",
              "6D6DEFAC9AB64DABAFE36C6BF510352A4CC27001263638E5B16D9BB51D451559"
              "F918EEDAF2293BE5B475CC8F0188636B",
              "2D46F3BECBCC523D5F1A1256BF0C9B024D879BA9E838144C8BA6BAEB4B53B47D"
              "51AB373F9845C0514EEFB14024787265"},
             {IkeHash::SHA384,
              "test",
              "015EE46A5BF88773ED9123A5AB0807962D193719503C527B031B4C2D225092AD"
              "A71F4A459BC0DA98ADB95837DB8312EA",
              "8203B63D3C853E8D77227FB377BCF7B7B772E97892A80F36AB775D509D7A5FEB"
              "0542A7F0812998DA8F1DD3CA3CF023DB",
              "DDD0760448D42D8A43AF45AF836FCE4DE8BE06B485E9B61B827C2F13173923E0"
              "6A739F040649A667BF3B828246BAA5A5"},
             {IkeHash::SHA512,
              "test",
              "3780C4F67CB15518B6ACAE34C9F83568D2E12E47DEAB6C50A4E4EE5319D1E8CE"
              "0E2CC8A136036DC4B9C00E6888F66B6C",
              "A0D5D090C9980FAF3C2CE57B7AE951D31977DD11C775D314AF55F76C676447D0"
              "6FB6495CD21B4B6E340FC236584FB277",
              "976984E59B4C77B0E8E4460DCA3D9F20E07B9BB1F63BEEFAF576F6B2E8B22463"
              "4A2092CD3792E0159AD9CEE37659C736"},
         }},
        {"RFC 6979 A.2.7 (P-521)",
         "ecdsa521",
         66,
         "0FAD06DAA62BA3B25D2FB40133DA757205DE67F5BB0018FEE8C86E1B68C7E75C"
         "AA896EB32F1F47C70855836A6D16FCC1466F6D8FBEC67DB89EC0C08B0E996B83538",
         "1894550D0785932E00EAA23B694F213F8C3121F86DC97A04E5A7167DB4E5BCD3"
         "71123D46E45DB6B5D5370A7F20FB633155D38FFA16D2BD761DCAC474B9A2F5023A4",
         "0493101C962CD4D2FDDF782285E64584139C2F91B47F87FF82354D6630F746A2"
         "8A0DB25741B5B34A828008B22ACC23F924FAAFBD4D33F81EA66956DFEAA2BFDFCF5",
         {
             {IkeHash::SHA1,
              "sample",
              "089C071B419E1C2820962321787258469511958E80582E95D8378E0C2CCDB3CB"
              "42BEDE42F50E3FA3C71F5A76724281D31D9C89F0F91FC1BE4918DB1C03A5838D0F9",
              "0343B6EC45728975EA5CBA6659BBB6062A5FF89EEA58BE3C80B619F322C87910"
              "FE092F7D45BB0F8EEE01ED3F20BABEC079D202AE677B243AB40B5431D497C55D75D",
              "0E7B0E675A9B24413D448B8CC119D2BF7B2D2DF032741C096634D6D65D0DBE3D"
              "5694625FB9E8104D3B842C1B0E2D0B98BEA19341E8676AEF66AE4EBA3D5475D5D16"},
             {IkeHash::SHA256,
              "sample",
              "0EDF38AFCAAECAB4383358B34D67C9F2216C8382AAEA44A3DAD5FDC9C3257576"
              "1793FEF24EB0FC276DFC4F6E3EC476752F043CF01415387470BCBD8678ED2C7E1A0",
              "1511BB4D675114FE266FC4372B87682BAECC01D3CC62CF2303C92B3526012659"
              "D16876E25C7C1E57648F23B73564D67F61C6F14D527D54972810421E7D87589E1A7",
              "04A171143A83163D6DF460AAF61522695F207A58B95C0644D87E52AA1A347916"
              "E4F7A72930B1BC06DBE22CE3F58264AFD23704CBB63B29B931F7DE6C9D949A7ECFC"},
             {IkeHash::SHA384,
              "sample",
              "1546A108BC23A15D6F21872F7DED661FA8431DDBD922D0DCDB77CC878C8553FF"
              "AD064C95A920A750AC9137E527390D2D92F153E66196966EA554D9ADFCB109C4211",
              "1EA842A0E17D2DE4F92C15315C63DDF72685C18195C2BB95E572B9C5136CA4B4"
              "B576AD712A52BE9730627D16054BA40CC0B8D3FF035B12AE75168397F5D50C67451",
              "1F21A3CEE066E1961025FB048BD5FE2B7924D0CD797BABE0A83B66F1E35EEAF5"
              "FDE143FA85DC394A7DEE766523393784484BDF3E00114A1C857CDE1AA203DB65D61"},
             {IkeHash::SHA512,
              "sample",
              "1DAE2EA071F8110DC26882D4D5EAE0621A3256FC8847FB9022E2B7D28E6F1019"
              "8B1574FDD03A9053C08A1854A168AA5A57470EC97DD5CE090124EF52A2F7ECBFFD3",
              "0C328FAFCBD79DD77850370C46325D987CB525569FB63C5D3BC53950E6D4C5F1"
              "74E25A1EE9017B5D450606ADD152B534931D7D4E8455CC91F9B15BF05EC36E377FA",
              "0617CCE7CF5064806C467F678D3B4080D6F1CC50AF26CA209417308281B68AF2"
              "82623EAA63E5B5C0723D8B8C37FF0777B1A20F8CCB1DCCC43997F1EE0E44DA4A67A"},
             {IkeHash::SHA1,
              "test",
              "0BB9F2BF4FE1038CCF4DABD7139A56F6FD8BB1386561BD3C6A4FC818B20DF5DD"
              "BA80795A947107A1AB9D12DAA615B1ADE4F7A9DC05E8E6311150F47F5C57CE8B222",
              "13BAD9F29ABE20DE37EBEB823C252CA0F63361284015A3BF430A46AAA80B87B0"
              "693F0694BD88AFE4E661FC33B094CD3B7963BED5A727ED8BD6A3A202ABE009D0367",
              "1E9BB81FF7944CA409AD138DBBEE228E1AFCC0C890FC78EC8604639CB0DBDC90"
              "F717A99EAD9D272855D00162EE9527567DD6A92CBD629805C0445282BBC916797FF"},
             {IkeHash::SHA256,
              "test",
              "01DE74955EFAABC4C4F17F8E84D881D1310B5392D7700275F82F145C61E84384"
              "1AF09035BF7A6210F5A431A6A9E81C9323354A9E69135D44EBD2FCAA7731B909258",
              "00E871C4A14F993C6C7369501900C4BC1E9C7B0B4BA44E04868B30B41D807104"
              "2EB28C4C250411D0CE08CD197E4188EA4876F279F90B3D8D74A3C76E6F1E4656AA8",
              "0CD52DBAA33B063C3A6CD8058A1FB0A46A4754B034FCC644766CA14DA8CA5CA9"
              "FDE00E88C1AD60CCBA759025299079D7A427EC3CC5B619BFBC828E7769BCD694E86"},
             {IkeHash::SHA384,
              "test",
              "1F1FC4A349A7DA9A9E116BFDD055DC08E78252FF8E23AC276AC88B1770AE0B5D"
              "CEB1ED14A4916B769A523CE1E90BA22846AF11DF8B300C38818F713DADD85DE0C88",
              "14BEE21A18B6D8B3C93FAB08D43E739707953244FDBE924FA926D76669E7AC8C"
              "89DF62ED8975C2D8397A65A49DCC09F6B0AC62272741924D479354D74FF6075578C",
              "133330865C067A0EAF72362A65E2D7BC4E461E8C8995C3B6226A21BD1AA78F0E"
              "D94FE536A0DCA35534F0CD1510C41525D163FE9D74D134881E35141ED5E8E95B979"},
             {IkeHash::SHA512,
              "test",
              "16200813020EC986863BEDFC1B121F605C1215645018AEA1A7B215A564DE9EB1"
              "B38A67AA1128B80CE391C4FB71187654AAA3431027BFC7F395766CA988C964DC56D",
              "13E99020ABF5CEE7525D16B69B229652AB6BDF2AFFCAEF38773B4B7D08725F10"
              "CDB93482FDCC54EDCEE91ECA4166B2A7C6265EF0CE2BD7051B7CEF945BABD47EE6D",
              "1FBD0013C674AA79CB39849527916CE301C66EA7CE8B80682786AD60F98F7E78"
              "A19CA69EFF5C57400E3B3A0AD66CE0978214D13BAF4E9AC60752F7B155E2DE4DCE3"},
         }},
    };
    return curves;
}

/// The RFC 6979 key of a curve, made by GenerateIkePrivateKey from the private scalar's bytes.
PkeyPtr
Rfc6979Key(const Rfc6979Curve& curve)
{
    return GenerateIkePrivateKey(curve.scheme, FixedSource(Padded(curve.x, curve.bytes)));
}

} // namespace

TEST(Rfc6979, PublicKeysFromThePrivateScalars)
{
    for (const auto& curve : Rfc6979Curves())
    {
        PkeyPtr key = Rfc6979Key(curve);
        ASSERT_NE(key, nullptr) << curve.section;
        EXPECT_EQ(IkeKeyScheme(key.get()), curve.scheme) << curve.section;
        uint8_t pub[200];
        size_t length = 0;
        ASSERT_EQ(EVP_PKEY_get_octet_string_param(key.get(),
                                                  OSSL_PKEY_PARAM_PUB_KEY,
                                                  pub,
                                                  sizeof(pub),
                                                  &length),
                  1);
        std::vector<uint8_t> expected{0x04};
        const auto ux = Padded(curve.ux, curve.bytes);
        const auto uy = Padded(curve.uy, curve.bytes);
        expected.insert(expected.end(), ux.begin(), ux.end());
        expected.insert(expected.end(), uy.begin(), uy.end());
        EXPECT_EQ(Hex(ByteSpan(pub, length)), Hex(expected)) << curve.section;
    }
}

TEST(Rfc6979, NoncesAndSignatures)
{
    size_t checked = 0;
    for (const auto& curve : Rfc6979Curves())
    {
        PkeyPtr key = Rfc6979Key(curve);
        PkeyPtr peer = PublicOnly(key.get());
        ASSERT_NE(peer, nullptr);
        for (const auto& v : curve.signatures)
        {
            const std::string what = std::string(curve.section) + " " + v.message + " hash " +
                                     std::to_string(static_cast<int>(v.hash));
            const auto message = Text(v.message);
            EXPECT_EQ(Hex(Rfc6979Nonce(key.get(), v.hash, Hash(v.hash, message))),
                      Hex(Padded(v.k, curve.bytes)))
                << what;
            std::vector<uint8_t> expected = Padded(v.r, curve.bytes);
            const auto s = Padded(v.s, curve.bytes);
            expected.insert(expected.end(), s.begin(), s.end());
            const auto signature = IkeSign(key.get(), v.hash, message);
            EXPECT_EQ(Hex(signature), Hex(expected)) << what;
            // Deterministic: the same again.
            EXPECT_EQ(Hex(IkeSign(key.get(), v.hash, message)), Hex(expected)) << what;

            // OpenSSL's own ECDSA accepts the published signature, and so do we.
            EXPECT_TRUE(OpensslVerify(peer.get(), Md(v.hash), message, OpensslDer(expected)))
                << what;
            EXPECT_TRUE(IkeVerify(peer.get(), v.hash, message, expected)) << what;
            EXPECT_EQ(Hex(EcdsaRawToDer(expected)), Hex(OpensslDer(expected))) << what;

            // A flipped bit anywhere is rejected by both.
            for (size_t bit : {size_t{0}, expected.size() * 4 + 3, expected.size() * 8 - 1})
            {
                auto bad = expected;
                bad[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
                EXPECT_FALSE(IkeVerify(peer.get(), v.hash, message, bad)) << what << " bit " << bit;
                EXPECT_FALSE(OpensslVerify(peer.get(), Md(v.hash), message, OpensslDer(bad)))
                    << what << " bit " << bit;
            }
            auto otherMessage = message;
            otherMessage.back() ^= 1;
            EXPECT_FALSE(IkeVerify(peer.get(), v.hash, otherMessage, expected)) << what;
            ++checked;
        }
    }
    EXPECT_EQ(checked, 24u);
}

TEST(Rfc6979, NonceNeedsAnEcPrivateKey)
{
    const auto h1 = Hash(IkeHash::SHA256, Text("sample"));
    EXPECT_TRUE(Rfc6979Nonce(TestKey("ed25519"), IkeHash::SHA256, h1).empty());
    EXPECT_TRUE(Rfc6979Nonce(TestKey("rsa2048"), IkeHash::SHA256, h1).empty());
    PkeyPtr pub = PublicOnly(TestKey("ecdsa256"));
    EXPECT_TRUE(Rfc6979Nonce(pub.get(), IkeHash::SHA256, h1).empty());
    EXPECT_TRUE(Rfc6979Nonce(TestKey("ecdsa256"), IkeHash::IDENTITY, h1).empty());
    EXPECT_TRUE(IkeSign(pub.get(), IkeHash::SHA256, h1).empty()) << "no private scalar";
}

// ----- Ed25519, RFC 8032 §7.1 -----

TEST(Ed25519Signature, Rfc8032Tests1To3)
{
    struct Vector
    {
        const char* name;
        const char* secret;
        const char* pub;
        const char* message;
        const char* signature;
    };

    const Vector vectors[] = {
        {"RFC 8032 7.1 TEST 1",
         "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
         "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
         "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e"
         "39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
        {"RFC 8032 7.1 TEST 2",
         "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
         "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
         "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f"
         "3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
        {"RFC 8032 7.1 TEST 3",
         "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
         "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
         "af82",
         "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67"
         "f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
    };
    for (const auto& v : vectors)
    {
        PkeyPtr key = GenerateIkePrivateKey("ed25519", FixedSource(Bytes(v.secret)));
        ASSERT_NE(key, nullptr) << v.name;
        EXPECT_EQ(IkeKeyScheme(key.get()), "ed25519");
        EXPECT_EQ(DefaultIkeHash(key.get()), IkeHash::IDENTITY);
        uint8_t pub[32];
        size_t length = sizeof(pub);
        ASSERT_EQ(EVP_PKEY_get_raw_public_key(key.get(), pub, &length), 1);
        EXPECT_EQ(Hex(ByteSpan(pub, length)), v.pub) << v.name;
        const auto message = Bytes(v.message);
        const auto signature = IkeSign(key.get(), IkeHash::IDENTITY, message);
        EXPECT_EQ(Hex(signature), v.signature) << v.name;
        PkeyPtr peer = PublicOnly(key.get());
        EXPECT_TRUE(IkeVerify(peer.get(), IkeHash::IDENTITY, message, Bytes(v.signature)))
            << v.name;
        auto bad = Bytes(v.signature);
        bad[10] ^= 0x40;
        EXPECT_FALSE(IkeVerify(peer.get(), IkeHash::IDENTITY, message, bad)) << v.name;
        // Ed25519 is pure: no separate hash.
        EXPECT_TRUE(IkeSign(key.get(), IkeHash::SHA256, message).empty()) << v.name;
        EXPECT_FALSE(IkeVerify(peer.get(), IkeHash::SHA512, message, Bytes(v.signature))) << v.name;
    }
}

// ----- RSA -----

TEST(RsaSignature, NistSigGen15Verifies)
{
    // NIST CAVP "SigGen PKCS#1 Ver 1.5" (SigGen15_186-3.rsp, CAVS 10.1), [mod = 1024], the first
    // SHA1 and the first SHA256 vector (the file gives n and e, not d: a verification check).
    PkeyPtr key = RsaPublicKey(
        "a3ecf80ff1804833c36a89a1583f58ef3332476a50a153e73ced17796139636045c131a6b17222ba8848f701"
        "50b18dfa390bfb1670ae982dfbc311fd0ede055564687af3805ca883944bb5ac9ec19b0e0cfbd9a314d70b17"
        "080c3d49b50cbf417062eb41bd639d67a5fb330ec55a0489fee08eeec97ed487c114b20393fe0aef",
        "1001");
    ASSERT_NE(key, nullptr);
    EXPECT_EQ(IkeKeyScheme(key.get()), "") << "1024-bit RSA is no scheme of ours";
    const auto msg1 = Bytes(
        "1018469fda81f41922cfdb2dca679f7f3a286f11ba448ab71e4e02cca994c0242caec9416e57c0cad07cab38"
        "3193fad3102ec5ddf0d0550d01ffe63ffc9aab694f6d13d17a034b7db9bb04ebe31e76039270a44a8485e258"
        "41d7958cfed53bfec27dabb5c72c9d1b23b56cada7b11bf7081797c03c0d3b8227fd991d77ea78cb");
    const auto sig1 = Bytes(
        "147A8797D9D653F52D210135F61BBDFE59698D755B076230F2B252E7792C86121469FAB7B410789DF4F193A7"
        "6E8BE99A2162E422C6A56106FA4E2FE5ABAFC542FF1A899D8580F9F6B4CD29A8310CD34964CE22BBAD9618D9"
        "7E4C36695B246BDD0C0D5D0C75D044265E6F275A272718B0C2B93974DC76DDCCA985BEF994CE67BD");
    EXPECT_TRUE(IkeVerify(key.get(), IkeHash::SHA1, msg1, sig1));
    // AUTH method 1 is RSASSA-PKCS1-v1_5 with a SHA-1 DigestInfo (RFC 7296 §3.8).
    EXPECT_EQ(Ikev2ClassicAuthMethod(key.get()), 1);
    EXPECT_TRUE(Ikev2VerifyClassicSignatureAuth(key.get(), 1, sig1, msg1));
    EXPECT_FALSE(IkeVerify(key.get(), IkeHash::SHA256, msg1, sig1));

    const auto msg256 = Bytes(
        "dfce08b64b9ea4014947012670548da4ceeee084dbfe509aac92bf096982b8050153bbdd1c5bd4385226729e"
        "9a19773b05558ce0acdfb74be6fd2fa8bfe36f58a68e89f066f1bd85584f4a27d6e884abf2d727ae683bebd6"
        "d295585b1b71dcc636491bf910a68670c3882fc60c08db7bff3c59f4f95b13c3d721e329657528d9");
    const auto sig256 = Bytes(
        "8D9D30A87DF0C2F6CD651FCAF2B9AC1296287AD3D4B03132E330F08AB701FC197040D0A261F631E7E34478B5"
        "92551E1F682395C9E2B54C8CE8B0C72C1B5A79748CC34F9152730A7F67FAE1225A4CE750F1D5D4E288176DF1"
        "97E7503C88B5BAECEF3ABCF2875F111E6D7F7B4DC8AFA2ED3C1D7AD8E7CF45A77F0B1CB178518402");
    EXPECT_TRUE(IkeVerify(key.get(), IkeHash::SHA256, msg256, sig256));
    EXPECT_FALSE(IkeVerify(key.get(), IkeHash::SHA1, msg256, sig256));
    EXPECT_FALSE(Ikev2VerifyClassicSignatureAuth(key.get(), 1, sig256, msg256));
    auto bad = sig256;
    bad.back() ^= 0x01;
    EXPECT_FALSE(IkeVerify(key.get(), IkeHash::SHA256, msg256, bad));
    auto badMessage = msg256;
    badMessage[0] ^= 0x80;
    EXPECT_FALSE(IkeVerify(key.get(), IkeHash::SHA256, badMessage, sig256));
}

TEST(RsaSignature, Pkcs1v15MatchesOpensslOverADigestInfo)
{
    const EVP_PKEY* key = TestKey("rsa2048");
    ASSERT_NE(key, nullptr);
    const auto message = Pattern(300, 9);
    for (IkeHash hash : {IkeHash::SHA1, IkeHash::SHA256})
    {
        const auto signature = IkeSign(key, hash, message);
        ASSERT_EQ(signature.size(), 256u);
        EXPECT_EQ(Hex(IkeSign(key, hash, message)), Hex(signature)) << "deterministic";
        EXPECT_EQ(Hex(signature), Hex(OpensslPkcs1Sign(key, hash, message)));
        PkeyPtr peer = PublicOnly(key);
        EXPECT_TRUE(IkeVerify(peer.get(), hash, message, signature));
    }
    // Method 1 signs with SHA-1.
    EXPECT_EQ(Hex(Ikev2ClassicSignatureAuth(key, 1, message)),
              Hex(OpensslPkcs1Sign(key, IkeHash::SHA1, message)));
}

TEST(RsaSignature, GeneratedKeysAreConsistentAndDeterministic)
{
    const EVP_PKEY* key = TestKey("rsa2048");
    EXPECT_EQ(IkeKeyScheme(key), "rsa2048");
    EXPECT_EQ(EVP_PKEY_get_bits(key), 2048);
    // OpenSSL's full check: p and q prime, n = pq, d e = 1 mod lcm, CRT values.
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, const_cast<EVP_PKEY*>(key), nullptr);
    EXPECT_EQ(EVP_PKEY_check(ctx), 1);
    EVP_PKEY_CTX_free(ctx);
    BIGNUM* e = nullptr;
    ASSERT_EQ(EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &e), 1);
    EXPECT_TRUE(BN_is_word(e, 65537));
    BN_free(e);

    PkeyPtr again = GenerateIkePrivateKey("rsa2048", SeededSource(1));
    EXPECT_EQ(Hex(PublicDer(again.get())), Hex(PublicDer(key)));
    PkeyPtr other = GenerateIkePrivateKey("rsa2048", SeededSource(2));
    EXPECT_NE(Hex(PublicDer(other.get())), Hex(PublicDer(key)));

    const EVP_PKEY* big = TestKey("rsa3072");
    EXPECT_EQ(IkeKeyScheme(big), "rsa3072");
    EXPECT_EQ(EVP_PKEY_get_bits(big), 3072);
    ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, const_cast<EVP_PKEY*>(big), nullptr);
    EXPECT_EQ(EVP_PKEY_check(ctx), 1);
    EVP_PKEY_CTX_free(ctx);
}

// ----- key generation and schemes -----

TEST(IkeSignatureKeys, SchemesRoundTripAndDefaults)
{
    EXPECT_EQ(GetIkeKeySchemes(),
              (std::vector<std::string>{"rsa2048",
                                        "rsa3072",
                                        "ecdsa256",
                                        "ecdsa384",
                                        "ecdsa521",
                                        "ed25519"}));
    const std::map<std::string, IkeHash> defaults = {{"rsa2048", IkeHash::SHA256},
                                                     {"rsa3072", IkeHash::SHA256},
                                                     {"ecdsa256", IkeHash::SHA256},
                                                     {"ecdsa384", IkeHash::SHA384},
                                                     {"ecdsa521", IkeHash::SHA512},
                                                     {"ed25519", IkeHash::IDENTITY}};
    const std::map<std::string, uint8_t> methods = {{"rsa2048", 1},
                                                    {"rsa3072", 1},
                                                    {"ecdsa256", 9},
                                                    {"ecdsa384", 10},
                                                    {"ecdsa521", 11},
                                                    {"ed25519", 0}};
    for (const auto& scheme : GetIkeKeySchemes())
    {
        const EVP_PKEY* key = TestKey(scheme);
        ASSERT_NE(key, nullptr) << scheme;
        EXPECT_EQ(IkeKeyScheme(key), scheme);
        PkeyPtr peer = PublicOnly(key);
        EXPECT_EQ(IkeKeyScheme(peer.get()), scheme) << "a public key has the same scheme";
        EXPECT_EQ(DefaultIkeHash(key), defaults.at(scheme)) << scheme;
        EXPECT_EQ(Ikev2ClassicAuthMethod(key), methods.at(scheme)) << scheme;
        const auto message = Pattern(100, 3);
        const auto signature = IkeSign(key, DefaultIkeHash(key), message);
        ASSERT_FALSE(signature.empty()) << scheme;
        EXPECT_TRUE(IkeVerify(peer.get(), DefaultIkeHash(key), message, signature)) << scheme;
    }
    EXPECT_EQ(IkeKeyScheme(nullptr), "");
    EXPECT_EQ(Ikev2ClassicAuthMethod(nullptr), 0);
    EXPECT_TRUE(IkeSign(nullptr, IkeHash::SHA256, Pattern(10, 1)).empty());
    EXPECT_FALSE(IkeVerify(nullptr, IkeHash::SHA256, Pattern(10, 1), Pattern(64, 1)));
    // A key type this module does not sign with.
    EVP_PKEY* x25519 = EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519");
    ASSERT_NE(x25519, nullptr);
    EXPECT_EQ(IkeKeyScheme(x25519), "");
    EXPECT_TRUE(IkeSign(x25519, IkeHash::SHA256, Pattern(10, 1)).empty());
    EXPECT_TRUE(Rfc7427AlgorithmId(x25519, IkeHash::SHA256).empty());
    EVP_PKEY_free(x25519);
}

TEST(IkeSignatureKeys, SameBytesSameKey)
{
    for (const char* scheme : {"ecdsa256", "ecdsa384", "ecdsa521", "ed25519"})
    {
        PkeyPtr a = GenerateIkePrivateKey(scheme, SeededSource(7));
        PkeyPtr b = GenerateIkePrivateKey(scheme, SeededSource(7));
        PkeyPtr c = GenerateIkePrivateKey(scheme, SeededSource(8));
        ASSERT_TRUE(a && b && c) << scheme;
        EXPECT_EQ(Hex(PublicDer(a.get())), Hex(PublicDer(b.get()))) << scheme;
        EXPECT_NE(Hex(PublicDer(a.get())), Hex(PublicDer(c.get()))) << scheme;
        EXPECT_EQ(IkeKeyScheme(a.get()), scheme);
    }
}

TEST(IkeSignatureKeys, OutOfRangeScalarsAreRedrawn)
{
    // P-256: the first 32 bytes are all ones (above the order), the second draw is 1.
    std::vector<uint8_t> bytes(32, 0xff);
    std::vector<uint8_t> one(32, 0x00);
    one.back() = 1;
    bytes.insert(bytes.end(), one.begin(), one.end());
    PkeyPtr key = GenerateIkePrivateKey("ecdsa256", FixedSource(bytes));
    BIGNUM* d = nullptr;
    ASSERT_EQ(EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_PRIV_KEY, &d), 1);
    EXPECT_TRUE(BN_is_one(d));
    BN_free(d);
    d = nullptr; // EVP_PKEY_get_bn_param reuses a non-null BIGNUM
    // Zero is redrawn too.
    std::vector<uint8_t> zeroThenTwo(32, 0x00);
    zeroThenTwo.insert(zeroThenTwo.end(), 31, 0x00);
    zeroThenTwo.push_back(2);
    key = GenerateIkePrivateKey("ecdsa256", FixedSource(zeroThenTwo));
    ASSERT_EQ(EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_PRIV_KEY, &d), 1);
    EXPECT_TRUE(BN_is_word(d, 2));
    BN_free(d);
    d = nullptr; // EVP_PKEY_get_bn_param reuses a non-null BIGNUM
    // P-521: the top 7 bits of 66 bytes are cleared, so all ones gives 2^521 - 1 > n (redrawn),
    // 0xfe then zeros gives zero (redrawn), 0x81 then zeros gives 2^520 (in range).
    std::vector<uint8_t> p521(66, 0xff);
    std::vector<uint8_t> second(66, 0x00);
    second[0] = 0xfe; // masked to 0x00: zero, redrawn
    std::vector<uint8_t> third(66, 0x00);
    third[0] = 0x81; // masked to 0x01: 2^520
    p521.insert(p521.end(), second.begin(), second.end());
    p521.insert(p521.end(), third.begin(), third.end());
    key = GenerateIkePrivateKey("ecdsa521", FixedSource(p521));
    ASSERT_EQ(EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_PRIV_KEY, &d), 1);
    EXPECT_EQ(BN_num_bits(d), 521);
    EXPECT_EQ(BN_num_bytes(d), 66);
    EXPECT_TRUE(BN_is_bit_set(d, 520));
    BN_free(d);
    d = nullptr; // EVP_PKEY_get_bn_param reuses a non-null BIGNUM
}

TEST(IkeSignatureKeys, UnknownSchemeIsAConfigError)
{
    EXPECT_THROW(GenerateIkePrivateKey("rsa1024", SeededSource(1)), ConfigError);
    try
    {
        GenerateIkePrivateKey("ecdsa999", SeededSource(1));
        FAIL() << "no exception";
    }
    catch (const ConfigError& e)
    {
        const std::string what = e.what();
        EXPECT_NE(what.find("ecdsa999"), std::string::npos) << what;
        EXPECT_NE(what.find("ecdsa521"), std::string::npos) << what << " lists the known ones";
    }
}

// ----- RFC 7427 -----

TEST(Rfc7427Signature, AlgorithmIdentifiersOfAppendixA)
{
    struct Row
    {
        const char* scheme;
        IkeHash hash;
        const char* der; ///< RFC 7427 Appendix A / RFC 8420 §2
        int nid;         ///< for OpenSSL's own encoding
        bool nullParameters;
    };

    const Row rows[] = {
        {"rsa2048",
         IkeHash::SHA1,
         "300d06092a864886f70d0101050500",
         NID_sha1WithRSAEncryption,
         true},
        {"rsa2048",
         IkeHash::SHA256,
         "300d06092a864886f70d01010b0500",
         NID_sha256WithRSAEncryption,
         true},
        {"rsa2048",
         IkeHash::SHA384,
         "300d06092a864886f70d01010c0500",
         NID_sha384WithRSAEncryption,
         true},
        {"rsa2048",
         IkeHash::SHA512,
         "300d06092a864886f70d01010d0500",
         NID_sha512WithRSAEncryption,
         true},
        {"ecdsa256", IkeHash::SHA1, "300906072a8648ce3d0401", NID_ecdsa_with_SHA1, false},
        {"ecdsa256", IkeHash::SHA256, "300a06082a8648ce3d040302", NID_ecdsa_with_SHA256, false},
        {"ecdsa384", IkeHash::SHA384, "300a06082a8648ce3d040303", NID_ecdsa_with_SHA384, false},
        {"ecdsa521", IkeHash::SHA512, "300a06082a8648ce3d040304", NID_ecdsa_with_SHA512, false},
        {"ed25519", IkeHash::IDENTITY, "300506032b6570", NID_ED25519, false},
    };
    for (const auto& row : rows)
    {
        const auto der = Rfc7427AlgorithmId(TestKey(row.scheme), row.hash);
        EXPECT_EQ(Hex(der), row.der) << row.scheme;
        // The same bytes from OpenSSL's X509_ALGOR encoder.
        X509_ALGOR* alg = X509_ALGOR_new();
        X509_ALGOR_set0(alg,
                        OBJ_nid2obj(row.nid),
                        row.nullParameters ? V_ASN1_NULL : V_ASN1_UNDEF,
                        nullptr);
        unsigned char* out = nullptr;
        const int length = i2d_X509_ALGOR(alg, &out);
        EXPECT_EQ(Hex(der), Hex(ByteSpan(out, static_cast<size_t>(length)))) << row.scheme;
        OPENSSL_free(out);
        X509_ALGOR_free(alg);
    }
    // The algorithm depends on the key type, not the curve: P-384 with SHA-256 is allowed.
    EXPECT_EQ(Hex(Rfc7427AlgorithmId(TestKey("ecdsa384"), IkeHash::SHA256)),
              "300a06082a8648ce3d040302");
    EXPECT_TRUE(Rfc7427AlgorithmId(TestKey("rsa2048"), IkeHash::IDENTITY).empty());
    EXPECT_TRUE(Rfc7427AlgorithmId(TestKey("ecdsa256"), IkeHash::IDENTITY).empty());
    EXPECT_TRUE(Rfc7427AlgorithmId(TestKey("ed25519"), IkeHash::SHA256).empty());
    EXPECT_TRUE(Rfc7427AlgorithmId(nullptr, IkeHash::SHA256).empty());
}

TEST(Rfc7427Signature, AuthRoundTripAndTampering)
{
    struct Case
    {
        const char* scheme;
        IkeHash hash;
    };

    const Case cases[] = {
        {"rsa2048", IkeHash::SHA256},
        {"rsa2048", IkeHash::SHA512},
        {"rsa3072", IkeHash::SHA384},
        {"ecdsa256", IkeHash::SHA256},
        {"ecdsa384", IkeHash::SHA384},
        {"ecdsa521", IkeHash::SHA512},
        {"ecdsa256", IkeHash::SHA512},
        {"ed25519", IkeHash::IDENTITY},
    };
    const auto octets = Pattern(500, 77);
    for (const auto& c : cases)
    {
        const EVP_PKEY* key = TestKey(c.scheme);
        PkeyPtr peer = PublicOnly(key);
        const auto auth = Ikev2DigitalSignatureAuth(key, c.hash, octets);
        ASSERT_FALSE(auth.empty()) << c.scheme;
        const auto algorithm = Rfc7427AlgorithmId(key, c.hash);
        ASSERT_GT(auth.size(), 1 + algorithm.size());
        EXPECT_EQ(auth[0], algorithm.size()) << c.scheme;
        EXPECT_TRUE(std::equal(algorithm.begin(), algorithm.end(), auth.begin() + 1)) << c.scheme;
        const std::vector<uint8_t> signature(auth.begin() + 1 + algorithm.size(), auth.end());
        if (EVP_PKEY_get_base_id(key) == EVP_PKEY_EC)
        {
            // The signature is a DER Ecdsa-Sig-Value over r | s of IkeSign.
            const auto raw = IkeSign(key, c.hash, octets);
            EXPECT_EQ(Hex(signature), Hex(OpensslDer(raw))) << c.scheme;
            EXPECT_TRUE(OpensslVerify(peer.get(), Md(c.hash), octets, signature)) << c.scheme;
        }
        else
        {
            EXPECT_EQ(Hex(signature), Hex(IkeSign(key, c.hash, octets))) << c.scheme;
        }

        IkeHash used = IkeHash::IDENTITY;
        if (c.hash == IkeHash::IDENTITY)
        {
            used = IkeHash::SHA1;
        }
        EXPECT_TRUE(Ikev2VerifyDigitalSignatureAuth(peer.get(), auth, octets, used)) << c.scheme;
        EXPECT_EQ(used, c.hash) << c.scheme;

        auto badOctets = octets;
        badOctets[250] ^= 0x10;
        EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(peer.get(), auth, badOctets, used))
            << c.scheme;
        auto badSignature = auth;
        badSignature[badSignature.size() - 3] ^= 0x01;
        EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(peer.get(), badSignature, octets, used))
            << c.scheme;
        auto badAlgorithm = auth;
        badAlgorithm[algorithm.size()] ^= 0x01; // the identifier's last octet
        EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(peer.get(), badAlgorithm, octets, used))
            << c.scheme;
        auto badLength = auth;
        badLength[0] = static_cast<uint8_t>(algorithm.size() + 1);
        EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(peer.get(), badLength, octets, used))
            << c.scheme;
        for (size_t cut : {size_t{0}, size_t{1}, algorithm.size() + 1, auth.size() - 1})
        {
            EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(peer.get(),
                                                         ByteSpan(auth.data(), cut),
                                                         octets,
                                                         used))
                << c.scheme << " cut at " << cut;
        }
    }
}

TEST(Rfc7427Signature, MismatchedAlgorithmIdentifierIsRejected)
{
    const auto octets = Pattern(64, 5);
    PkeyPtr rsa = PublicOnly(TestKey("rsa2048"));
    PkeyPtr p256 = PublicOnly(TestKey("ecdsa256"));
    PkeyPtr p384 = PublicOnly(TestKey("ecdsa384"));
    PkeyPtr ed = PublicOnly(TestKey("ed25519"));
    IkeHash used = IkeHash::SHA1;

    const auto rsaAuth = Ikev2DigitalSignatureAuth(TestKey("rsa2048"), IkeHash::SHA256, octets);
    EXPECT_TRUE(Ikev2VerifyDigitalSignatureAuth(rsa.get(), rsaAuth, octets, used));
    EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(p256.get(), rsaAuth, octets, used));
    EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(ed.get(), rsaAuth, octets, used));

    const auto ecAuth = Ikev2DigitalSignatureAuth(TestKey("ecdsa256"), IkeHash::SHA256, octets);
    EXPECT_TRUE(Ikev2VerifyDigitalSignatureAuth(p256.get(), ecAuth, octets, used));
    EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(rsa.get(), ecAuth, octets, used));
    EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(p384.get(), ecAuth, octets, used));

    // An RSA AlgorithmIdentifier in front of an ECDSA signature, for the EC key.
    const auto rsaId = Rfc7427AlgorithmId(TestKey("rsa2048"), IkeHash::SHA256);
    std::vector<uint8_t> spliced{static_cast<uint8_t>(rsaId.size())};
    spliced.insert(spliced.end(), rsaId.begin(), rsaId.end());
    const auto ecId = Rfc7427AlgorithmId(TestKey("ecdsa256"), IkeHash::SHA256);
    spliced.insert(spliced.end(), ecAuth.begin() + 1 + ecId.size(), ecAuth.end());
    EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(p256.get(), spliced, octets, used));
    EXPECT_EQ(used, IkeHash::SHA256) << "the identifier was known";

    // ecdsa-with-SHA384 in front of a SHA-256 signature.
    auto wrongHash = ecAuth;
    wrongHash[1 + ecId.size() - 1] = 0x03;
    EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(p256.get(), wrongHash, octets, used));

    // An unknown identifier (sha224WithRSAEncryption) and one with ECDSA parameters present.
    std::vector<uint8_t> sha224 = Bytes("0f300d06092a864886f70d01010e0500");
    sha224.insert(sha224.end(), rsaAuth.begin() + 16, rsaAuth.end());
    EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(rsa.get(), sha224, octets, used));
    std::vector<uint8_t> withParams = Bytes("0e300c06082a8648ce3d0403020500");
    withParams.insert(withParams.end(), ecAuth.begin() + 1 + ecId.size(), ecAuth.end());
    EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(p256.get(), withParams, octets, used));

    // The Ed25519 AUTH with a public key of another type.
    const auto edAuth = Ikev2DigitalSignatureAuth(TestKey("ed25519"), IkeHash::IDENTITY, octets);
    EXPECT_TRUE(Ikev2VerifyDigitalSignatureAuth(ed.get(), edAuth, octets, used));
    EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(rsa.get(), edAuth, octets, used));
    EXPECT_TRUE(Ikev2DigitalSignatureAuth(TestKey("ed25519"), IkeHash::SHA256, octets).empty());
    EXPECT_TRUE(Ikev2DigitalSignatureAuth(TestKey("rsa2048"), IkeHash::IDENTITY, octets).empty());
}

// ----- classic methods -----

TEST(ClassicSignature, MethodsAndWrongKeys)
{
    const auto octets = Pattern(200, 11);
    const std::map<std::string, size_t> lengths = {{"rsa2048", 256},
                                                   {"ecdsa256", 64},
                                                   {"ecdsa384", 96},
                                                   {"ecdsa521", 132}};
    for (const auto& [scheme, length] : lengths)
    {
        const EVP_PKEY* key = TestKey(scheme);
        PkeyPtr peer = PublicOnly(key);
        const uint8_t method = Ikev2ClassicAuthMethod(key);
        const auto auth = Ikev2ClassicSignatureAuth(key, method, octets);
        EXPECT_EQ(auth.size(), length) << scheme;
        EXPECT_TRUE(Ikev2VerifyClassicSignatureAuth(peer.get(), method, auth, octets)) << scheme;
        auto bad = auth;
        bad[length / 2] ^= 0x04;
        EXPECT_FALSE(Ikev2VerifyClassicSignatureAuth(peer.get(), method, bad, octets)) << scheme;
        for (uint8_t other : std::vector<uint8_t>{0, 1, 2, 9, 10, 11, 14})
        {
            if (other != method)
            {
                EXPECT_TRUE(Ikev2ClassicSignatureAuth(key, other, octets).empty())
                    << scheme << " method " << int(other);
                EXPECT_FALSE(Ikev2VerifyClassicSignatureAuth(peer.get(), other, auth, octets))
                    << scheme << " method " << int(other);
            }
        }
    }
    // RFC 4754 §7: the hash of method 9 is SHA-256, of 10 SHA-384, of 11 SHA-512 (r | s).
    EXPECT_TRUE(IkeVerify(TestKey("ecdsa384"),
                          IkeHash::SHA384,
                          octets,
                          Ikev2ClassicSignatureAuth(TestKey("ecdsa384"), 10, octets)));
    EXPECT_TRUE(IkeVerify(TestKey("ecdsa521"),
                          IkeHash::SHA512,
                          octets,
                          Ikev2ClassicSignatureAuth(TestKey("ecdsa521"), 11, octets)));
    // Ed25519 has no classic method.
    for (uint8_t method : std::vector<uint8_t>{0, 1, 9, 10, 11, 14})
    {
        EXPECT_TRUE(Ikev2ClassicSignatureAuth(TestKey("ed25519"), method, octets).empty());
    }
    // A P-256 signature checked as a P-384 one.
    const auto p256 = Ikev2ClassicSignatureAuth(TestKey("ecdsa256"), 9, octets);
    EXPECT_FALSE(Ikev2VerifyClassicSignatureAuth(TestKey("ecdsa384"), 10, p256, octets));
}

// ----- DER -----

TEST(EcdsaDer, RoundTripMatchesOpenssl)
{
    std::mt19937 rng(5);
    for (size_t half : std::vector<size_t>{32, 48, 66})
    {
        for (int i = 0; i < 50; ++i)
        {
            auto rs = RandomBytes(rng, 2 * half);
            // Leading zeros and high bits, both halves.
            if (i % 4 == 1)
            {
                std::fill(rs.begin(), rs.begin() + 3, 0);
            }
            if (i % 4 == 2)
            {
                rs[half] = 0;
                rs[half + 1] = 0x80;
            }
            if (i % 4 == 3)
            {
                rs[0] |= 0x80;
                rs[half] &= 0x7f;
            }
            const auto der = EcdsaRawToDer(rs);
            EXPECT_EQ(Hex(der), Hex(OpensslDer(rs)));
            EXPECT_EQ(Hex(EcdsaDerToRaw(der, half)), Hex(rs));
        }
    }
    EXPECT_TRUE(EcdsaRawToDer({}).empty());
    EXPECT_TRUE(EcdsaRawToDer(Bytes("010203")).empty());
    // r = 0, s = 1 (zero encodes as one 0x00 octet).
    EXPECT_EQ(Hex(EcdsaRawToDer(Bytes("00000001"))), "3006020100020101");
}

TEST(EcdsaDer, MalformedIsRejected)
{
    // r = 1, s = 2 is well formed.
    std::vector<uint8_t> expected(64, 0);
    expected[31] = 1;
    expected[63] = 2;
    EXPECT_EQ(Hex(EcdsaDerToRaw(Bytes("3006020101020102"), 32)), Hex(expected));
    // A 33-octet INTEGER with its sign octet fits 32.
    const std::string big(64, 'f');
    EXPECT_EQ(EcdsaDerToRaw(Bytes("3026022100" + big + "020101"), 32).size(), 64u);

    const char* bad[] = {
        "",
        "30",
        "3000",
        "300602010102",               // truncated
        "30060201010201",             // truncated inside s
        "3007020101020102",           // sequence longer than the input
        "300602010102010200",         // trailing octet
        "3005020101020102",           // sequence shorter than its content
        "3106020101020102",           // not a SEQUENCE
        "3006030101020102",           // not an INTEGER
        "3080020101020102",           // indefinite length
        "308106020101020102",         // long form for a short length
        "30840000000602010102010200", // four-octet length
        "3006020181020102",           // negative r
        "30060201010201ff",           // negative s
        "300702020001020102",         // r not minimal
        "3005020002010102",           // empty INTEGER
        "300602010102050102030405",   // s longer than the sequence
        "3003020101",                 // s missing
        "30090201010201020201",       // three INTEGERs
        "3009020101028101020500",     // long form INTEGER length
    };
    for (const char* hex : bad)
    {
        EXPECT_TRUE(EcdsaDerToRaw(Bytes(hex), 32).empty()) << hex;
    }
    // A value longer than the order.
    EXPECT_TRUE(EcdsaDerToRaw(Bytes("3026022101" + big + "020101"), 32).empty());
    EXPECT_TRUE(EcdsaDerToRaw(Bytes("3006020101020102"), 0).empty());
    // P-521 signatures need a long form sequence length: 2 * (2 + 66) = 0x88.
    const std::string r66(132, '1');
    const std::string s66(132, '2');
    EXPECT_EQ(EcdsaDerToRaw(Bytes("308188"
                                  "0242" +
                                  r66 + "0242" + s66),
                            66)
                  .size(),
              132u);
    EXPECT_TRUE(EcdsaDerToRaw(Bytes("308189"
                                    "024300" +
                                    r66 + "0242" + s66),
                              66)
                    .empty())
        << "r not minimal";
    EXPECT_TRUE(EcdsaDerToRaw(Bytes("308188"
                                    "0242" +
                                    r66 + "0242" + s66),
                              65)
                    .empty())
        << "too long for the order";
}

// ----- robustness -----

TEST(IkeSignatureRobustness, RandomInputNeverVerifies)
{
    std::mt19937 rng(2024);
    std::vector<const EVP_PKEY*> keys;
    std::vector<PkeyPtr> peers;
    for (const char* scheme : {"rsa2048", "ecdsa256", "ecdsa384", "ecdsa521", "ed25519"})
    {
        peers.push_back(PublicOnly(TestKey(scheme)));
        keys.push_back(peers.back().get());
    }
    const auto octets = Pattern(80, 1);
    const IkeHash hashes[] = {IkeHash::SHA1,
                              IkeHash::SHA256,
                              IkeHash::SHA384,
                              IkeHash::SHA512,
                              IkeHash::IDENTITY,
                              static_cast<IkeHash>(0),
                              static_cast<IkeHash>(99)};
    for (int i = 0; i < 300; ++i)
    {
        const size_t length = i < 200 ? rng() % 300 : (i % 2 ? 64 : 132);
        auto input = RandomBytes(rng, length);
        for (const EVP_PKEY* key : keys)
        {
            for (IkeHash hash : hashes)
            {
                EXPECT_FALSE(IkeVerify(key, hash, octets, input));
            }
            IkeHash used = IkeHash::SHA1;
            EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(key, input, octets, used));
            // Past a valid AlgorithmIdentifier, into signature parsing.
            auto prefixed = input;
            const auto id = Rfc7427AlgorithmId(key, DefaultIkeHash(key));
            prefixed.insert(prefixed.begin(), id.begin(), id.end());
            prefixed.insert(prefixed.begin(), static_cast<uint8_t>(id.size()));
            EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(key, prefixed, octets, used));
            // And into DER: a SEQUENCE header over random content.
            if (EVP_PKEY_get_base_id(key) == EVP_PKEY_EC && length < 120)
            {
                auto der = prefixed;
                der.insert(der.begin() + 1 + id.size(), {0x30, static_cast<uint8_t>(length)});
                EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(key, der, octets, used));
            }
            for (uint8_t method = 0; method < 16; ++method)
            {
                EXPECT_FALSE(Ikev2VerifyClassicSignatureAuth(key, method, input, octets));
            }
        }
        for (size_t half : std::vector<size_t>{1, 32, 48, 66})
        {
            const auto raw = EcdsaDerToRaw(input, half);
            EXPECT_TRUE(raw.empty() || raw.size() == 2 * half);
        }
        // Random DER-looking input.
        std::vector<uint8_t> seq{0x30, static_cast<uint8_t>(input.size() & 0x7f), 0x02};
        seq.insert(seq.end(), input.begin(), input.end());
        const auto raw = EcdsaDerToRaw(seq, 32);
        EXPECT_TRUE(raw.empty() || raw.size() == 64);
    }
    // Null spans.
    IkeHash used = IkeHash::SHA1;
    EXPECT_FALSE(IkeVerify(keys[1], IkeHash::SHA256, ByteSpan(), ByteSpan()));
    EXPECT_FALSE(Ikev2VerifyDigitalSignatureAuth(keys[1], ByteSpan(), ByteSpan(), used));
    EXPECT_FALSE(Ikev2VerifyClassicSignatureAuth(keys[1], 9, ByteSpan(), ByteSpan()));
    EXPECT_TRUE(EcdsaDerToRaw(ByteSpan(), 32).empty());
}

namespace
{

/// An EC public key from a curve name and x, y (hex, spaces allowed).
PkeyPtr
EcPublicKey(const char* group, const std::string& x, const std::string& y)
{
    std::vector<uint8_t> point{0x04};
    for (const auto& c : {x, y})
    {
        std::string hex;
        for (char ch : c)
        {
            if (ch != ' ')
            {
                hex += ch;
            }
        }
        const auto b = Bytes(hex);
        point.insert(point.end(), b.begin(), b.end());
    }
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(group), 0),
        OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()),
        OSSL_PARAM_construct_end()};
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
    EVP_PKEY* key = nullptr;
    EVP_PKEY_fromdata_init(ctx);
    EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params);
    EVP_PKEY_CTX_free(ctx);
    return PkeyPtr(key);
}

std::vector<uint8_t>
SpacedBytes(const std::string& text)
{
    std::string hex;
    for (char ch : text)
    {
        if (ch != ' ')
        {
            hex += ch;
        }
    }
    return Bytes(hex);
}

} // namespace

// RFC 4754 §8.1 and §8.2: the published ECDSA-256 and ECDSA-384 signatures of "abc" (made with
// the RFC's own k, so they are verified, not re-made) are AUTH data of methods 9 and 10 as
// they stand (r | s, §7); a flipped bit, the other curve's method or a message changed fail.
TEST(ClassicSignature, Rfc4754TestVectorsVerifyAsMethods9And10)
{
    struct Vector
    {
        const char* group;
        uint8_t method;
        std::string x, y, r, s;
    };

    const std::vector<Vector> vectors = {
        {"P-256",
         9,
         "2442A5CC 0ECD015F A3CA31DC 8E2BBC70 BF42D60C BCA20085 E0822CB0 4235E970",
         "6FC98BD7 E50211A4 A27102FA 3549DF79 EBCB4BF2 46B80945 CDDFE7D5 09BBFD7D",
         "CB28E099 9B9C7715 FD0A80D8 E47A7707 9716CBBF 917DD72E 97566EA1 C066957C",
         "86FA3BB4 E26CAD5B F90B7F81 899256CE 7594BB1E A0C89212 748BFF3B 3D5B0315"},
        {"P-384",
         10,
         "96281BF8 DD5E0525 CA049C04 8D345D30 82968D10 FEDF5C5A CA0C64E6 465A97EA "
         "5CE10C9D FEC21797 41571072 1F437922",
         "447688BA 94708EB6 E2E4D59F 6AB6D7ED FF9301D2 49FE49C3 3096655F 5D502FAD "
         "3D383B91 C5E7EDAA 2B714CC9 9D5743CA",
         "FB017B91 4E291494 32D8BAC2 9A514640 B46F53DD AB2C6994 8084E293 0F1C8F7E "
         "08E07C9C 63F2D21A 07DCB56A 6AF56EB3",
         "B263A130 5E057F98 4D38726A 1B468741 09F417BC A112674C 528262A4 0A629AF1 "
         "CBB9F516 CE0FA7D2 FF630863 A00E8B9F"},
    };
    const std::vector<uint8_t> abc = Text("abc");
    for (const auto& v : vectors)
    {
        SCOPED_TRACE(v.group);
        PkeyPtr key = EcPublicKey(v.group, v.x, v.y);
        ASSERT_NE(key, nullptr);
        EXPECT_EQ(Ikev2ClassicAuthMethod(key.get()), v.method);
        std::vector<uint8_t> auth = SpacedBytes(v.r);
        const auto s = SpacedBytes(v.s);
        auth.insert(auth.end(), s.begin(), s.end());
        EXPECT_TRUE(Ikev2VerifyClassicSignatureAuth(key.get(), v.method, auth, abc));
        EXPECT_FALSE(Ikev2VerifyClassicSignatureAuth(key.get(), v.method, auth, Text("abd")));
        EXPECT_FALSE(Ikev2VerifyClassicSignatureAuth(key.get(), v.method == 9 ? 10 : 9, auth, abc));
        auth[auth.size() / 2] ^= 0x01;
        EXPECT_FALSE(Ikev2VerifyClassicSignatureAuth(key.get(), v.method, auth, abc));
    }
}
