// SPDX-License-Identifier: GPL-2.0-only
/*
 * Measures this host's cost of every crypto operation the module charges to a CryptoEngine and
 * writes a cost table: for each operation a line `operation fixed_ns per_byte_ns`. Names come
 * from ipsec-crypto-operation.h.
 *
 *   ./build/examples/ipsec-measure-costs --output=my-host.txt
 *   ... engine->SetAttribute("TableFile", StringValue("my-host.txt"));
 *
 * Data plane, through the module's own codecs: "esp/.../out" is the cost of protecting a
 * payload of n bytes (charged with the payload's size), "esp/.../in" of checking and opening a
 * received ESP packet of n bytes (charged with its size), the same for AH, matching what
 * IpsecStack charges. Fitted fixed + per-byte over several packet sizes.
 *
 * IKE, on OpenSSL 3 EVP: "ke/<group>/keygen" and "ke/<group>/derive" for each key exchange
 * group (fixed cost only), "sign/<scheme>" and "verify/<scheme>" for each signature scheme over
 * messages of several sizes, "prf/<prf>" for each PRF through the module's Prf (key set, one
 * computation), both fitted fixed + per-byte. What each one covers is in the table's header.
 *
 * Times are the measuring thread's CPU time (CLOCK_THREAD_CPUTIME_ID), so time the thread
 * spends descheduled on a busy host does not count; each figure is the median of several
 * trials, and the trials go round the sizes so that a change of load during the run affects
 * every size alike. Progress goes to standard error.
 */

#include "ns3/command-line.h"
#include "ns3/ipsec-ah-codec.h"
#include "ns3/ipsec-crypto-factory.h"
#include "ns3/ipsec-crypto-operation.h"
#include "ns3/ipsec-esp-codec.h"
#include "ns3/ipsec-proposal.h"
#include "ns3/ipsec-transform.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/dh.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>
#include <sstream>
#include <tuple>
#include <vector>

using namespace ns3;
using namespace ns3::ipsec;

namespace
{

/// Packet sizes the ESP/AH fits use.
const std::vector<uint32_t> kPacketSizes = {64, 256, 512, 1024, 1400};
/// Message sizes the signature and PRF fits use (IKE signs its IKE_SA_INIT message, a nonce
/// and a PRF output: hundreds of bytes to a few kilobytes).
const std::vector<uint32_t> kMessageSizes = {64, 256, 1024, 2048, 4096};

/// How the timing runs (command-line options).
struct Settings
{
    uint32_t trials{5};        ///< trials per size; the median is taken
    uint32_t iterations{2000}; ///< operations per trial at most
    double trialMs{50};        ///< ... but fewer (at least 3) when a trial would take longer
};

/**
 * The measuring thread's CPU time.
 * @return nanoseconds
 */
double
CpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/**
 * Stop with OpenSSL's errors if a call failed.
 * @param ok whether it succeeded
 * @param what what was called
 */
void
Check(bool ok, const std::string& what)
{
    if (!ok)
    {
        std::cerr << "ipsec-measure-costs: " << what << " failed\n";
        ERR_print_errors_fp(stderr);
        std::exit(1);
    }
}

/**
 * Median CPU time of one call at each of several sizes.
 * @param settings trials, iterations and the time limit of a trial
 * @param sizes how many sizes
 * @param f the call: f(size index, iteration)
 * @return ns per call, per size
 */
template <typename F>
std::vector<double>
MedianNsPerCall(const Settings& settings, size_t sizes, F f)
{
    // Calibrate on the largest size: warm up, then time one call.
    f(sizes - 1, 0);
    const double t0 = CpuNs();
    f(sizes - 1, 1);
    const double once = std::max(1.0, CpuNs() - t0);
    const auto fit = static_cast<uint32_t>(settings.trialMs * 1e6 / once);
    const uint32_t iterations = std::max(std::min(settings.iterations, fit), 3u);

    std::vector<std::vector<double>> trials(sizes);
    for (uint32_t t = 0; t < settings.trials; t++)
    {
        for (size_t k = 0; k < sizes; k++)
        {
            const double start = CpuNs();
            for (uint32_t i = 0; i < iterations; i++)
            {
                f(k, i);
            }
            trials[k].push_back((CpuNs() - start) / iterations);
        }
    }
    std::vector<double> medians;
    for (auto& v : trials)
    {
        std::sort(v.begin(), v.end());
        medians.push_back(v[v.size() / 2]);
    }
    return medians;
}

/**
 * Fit y = a + b x by least squares.
 * @param x sizes
 * @param y ns per call
 * @param a out: intercept (>= 0)
 * @param b out: slope (>= 0)
 */
void
Line(const std::vector<double>& x, const std::vector<double>& y, double& a, double& b)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    const double n = x.size();
    for (size_t i = 0; i < x.size(); i++)
    {
        sx += x[i];
        sy += y[i];
        sxx += x[i] * x[i];
        sxy += x[i] * y[i];
    }
    b = std::max(0.0, (n * sxy - sx * sy) / (n * sxx - sx * sx));
    a = std::max(0.0, (sy - b * sx) / n);
}

/// The table being written.
struct Table
{
    std::ostringstream body; ///< operation lines
    double started{CpuNs()}; ///< CPU time at the start, for progress

    /**
     * Write one operation's line (and show it on standard error).
     * @param name the operation
     * @param fixedNs fixed cost
     * @param perByteNs per-byte cost
     */
    void Write(const std::string& name, double fixedNs, double perByteNs)
    {
        std::ostringstream line;
        line << std::left << std::setw(36) << name << std::right << std::fixed
             << std::setprecision(1) << std::setw(10) << fixedNs << std::setprecision(4)
             << std::setw(10) << perByteNs << '\n';
        body << line.str();
        std::cerr << std::fixed << std::setprecision(1) << std::setw(6) << (CpuNs() - started) / 1e9
                  << " s  " << line.str();
    }

    /**
     * Fit and write one operation measured at several sizes.
     * @param name the operation
     * @param x the sizes (bytes charged)
     * @param y ns per call at each size
     */
    void Fit(const std::string& name, const std::vector<double>& x, const std::vector<double>& y)
    {
        double a = 0;
        double b = 0;
        Line(x, y, a, b);
        Write(name, a, b);
    }
};

/**
 * Sizes as doubles.
 * @param sizes the sizes
 * @return them
 */
std::vector<double>
AsX(const std::vector<uint32_t>& sizes)
{
    return std::vector<double>(sizes.begin(), sizes.end());
}

/**
 * The host's CPU model.
 * @return /proc/cpuinfo's model name
 */
std::string
CpuModel()
{
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
    {
        if (line.rfind("model name", 0) == 0)
        {
            return line.substr(line.find(':') + 2);
        }
    }
    return "unknown";
}

/**
 * Measure every ESP suite and AH algorithm.
 * @param settings timing
 * @param table the output
 */
void
MeasureDataPlane(const Settings& settings, Table& table)
{
    const char* esp[] = {"null-sha1",
                         "null-sha256",
                         "aes128-sha1",
                         "aes128-sha256",
                         "aes256-sha256",
                         "aes256-sha512",
                         "aes128-aesxcbc",
                         "aes128ctr-sha1",
                         "aes128ctr-sha256",
                         "aes128gcm16",
                         "aes256gcm16",
                         "aes128gcm8",
                         "aes128gmac",
                         "aes256gmac",
                         "chacha20poly1305",
                         "3des-sha1",
                         "3des-sha256",
                         // broken, for labs only (IKEv1 labs use them)
                         "des-md5",
                         "des-sha1",
                         "3des-md5"};
    const size_t n = kPacketSizes.size();
    for (const char* proposal : esp)
    {
        EspSuite suite = EspSuite::Parse(proposal);
        std::vector<uint8_t> ek(suite.encryption->keySize, 0x11);
        std::vector<uint8_t> ik(suite.integrity ? suite.integrity->keySize : 0, 0x22);
        EspCodec codec(0x1000, suite, ByteSpan(ek), ByteSpan(ik));
        std::vector<std::vector<uint8_t>> payloads;
        std::vector<std::vector<uint8_t>> packets(n);
        std::vector<double> packetSizes;
        for (size_t k = 0; k < n; k++)
        {
            payloads.emplace_back(kPacketSizes[k], 0x5a);
            codec.Encapsulate(1, 17, ByteSpan(payloads[k]), packets[k]);
            packetSizes.push_back(packets[k].size());
        }
        std::vector<uint8_t> scratch;
        table.Fit(EspOperation(suite, true),
                  AsX(kPacketSizes),
                  MedianNsPerCall(settings, n, [&](size_t k, uint32_t i) {
                      codec.Encapsulate(i + 1, 17, ByteSpan(payloads[k]), scratch);
                  }));
        uint8_t nh = 0;
        table.Fit(EspOperation(suite, false),
                  packetSizes,
                  MedianNsPerCall(settings, n, [&](size_t k, uint32_t) {
                      codec.Decapsulate(ByteSpan(packets[k]), 0, scratch, nh);
                  }));
    }

    const char* ah[] = {"sha1", "sha256", "sha384", "sha512", "aesxcbc", "md5"};
    for (const char* keyword : ah)
    {
        const TransformInfo* integ = FindTransformByKeyword(keyword);
        std::vector<uint8_t> key(integ->keySize, 0x33);
        AhCodec codec(0x1000, *integ, ByteSpan(key));
        uint8_t ip[20] = {0x45, 0, 0, 0, 0, 0, 0, 0, 64, 51};
        std::vector<std::vector<uint8_t>> payloads;
        std::vector<std::vector<uint8_t>> headers(n);
        std::vector<double> packetSizes;
        for (size_t k = 0; k < n; k++)
        {
            payloads.emplace_back(kPacketSizes[k], 0x5a);
            codec.Compute(1, 17, ByteSpan(ip, 20), ByteSpan(payloads[k]), headers[k]);
            packetSizes.push_back(headers[k].size() + kPacketSizes[k]);
        }
        std::vector<uint8_t> scratch;
        table.Fit(AhOperation(*integ, true),
                  AsX(kPacketSizes),
                  MedianNsPerCall(settings, n, [&](size_t k, uint32_t i) {
                      codec.Compute(i + 1, 17, ByteSpan(ip, 20), ByteSpan(payloads[k]), scratch);
                  }));
        uint8_t nh = 0;
        table.Fit(
            AhOperation(*integ, false),
            packetSizes,
            MedianNsPerCall(settings, n, [&](size_t k, uint32_t) {
                codec.Verify(ByteSpan(ip, 20), ByteSpan(headers[k]), ByteSpan(payloads[k]), 0, nh);
            }));
    }
}

/// How OpenSSL implements a key exchange group (from the group table, GetKeGroups).
struct KeImplementation
{
    const char* keyType;   ///< EVP key type: "DH", "EC" or "X25519"
    const char* groupName; ///< OSSL_PKEY_PARAM_GROUP_NAME, nullptr for X25519 and explicit groups
    const char* primeHex;  ///< DH groups without an OpenSSL name: p (g = 2, q = (p - 1) / 2)
    int privateBits;       ///< ... and the private exponents' length (named groups: OpenSSL's)
};

/// One key exchange group in OpenSSL.
class KeGroup
{
  public:
    /**
     * Set up a group.
     * @param impl its OpenSSL names
     */
    explicit KeGroup(const KeImplementation& impl)
        : m_impl(impl)
    {
        if (impl.primeHex != nullptr)
        {
            MakeExplicitParams();
            return;
        }
        if (impl.groupName == nullptr)
        {
            return; // X25519 has no parameters
        }
        EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, impl.keyType, nullptr);
        OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
                                                                const_cast<char*>(impl.groupName),
                                                                0),
                               OSSL_PARAM_construct_end()};
        Check(ctx != nullptr && EVP_PKEY_paramgen_init(ctx) > 0 &&
                  EVP_PKEY_CTX_set_params(ctx, params) > 0 && EVP_PKEY_paramgen(ctx, &m_params) > 0,
              std::string("parameters of ") + impl.groupName);
        EVP_PKEY_CTX_free(ctx);
    }

    ~KeGroup()
    {
        EVP_PKEY_free(m_params);
        BN_free(m_p);
        BN_free(m_q);
        BN_free(m_g);
    }

    KeGroup(const KeGroup&) = delete;
    KeGroup& operator=(const KeGroup&) = delete;

    /**
     * keygen: make a key pair and encode its public value (the KE payload's data).
     * @param pub out: the public value
     * @return the key pair
     */
    EVP_PKEY* Keygen(std::vector<uint8_t>& pub) const
    {
        EVP_PKEY_CTX* ctx = m_params != nullptr
                                ? EVP_PKEY_CTX_new_from_pkey(nullptr, m_params, nullptr)
                                : EVP_PKEY_CTX_new_from_name(nullptr, m_impl.keyType, nullptr);
        EVP_PKEY* key = nullptr;
        int privateBits = m_impl.privateBits;
        OSSL_PARAM length[] = {OSSL_PARAM_construct_int(OSSL_PKEY_PARAM_DH_PRIV_LEN, &privateBits),
                               OSSL_PARAM_construct_end()};
        Check(ctx != nullptr && EVP_PKEY_keygen_init(ctx) > 0 &&
                  (m_p == nullptr || EVP_PKEY_CTX_set_params(ctx, length) > 0) &&
                  EVP_PKEY_keygen(ctx, &key) > 0,
              "keygen");
        EVP_PKEY_CTX_free(ctx);
        unsigned char* encoded = nullptr;
        const size_t n = EVP_PKEY_get1_encoded_public_key(key, &encoded);
        Check(n > 0, "get1_encoded_public_key");
        pub.assign(encoded, encoded + n);
        OPENSSL_free(encoded);
        return key;
    }

    /**
     * derive: import the peer's public value, check it (EVP_PKEY_derive_set_peer does) and
     * compute the shared secret (DH: padded to the prime's length, as IKEv2 needs).
     * @param key our key pair
     * @param peer the peer's public value
     * @param secret out: the shared secret
     */
    void Derive(EVP_PKEY* key, const std::vector<uint8_t>& peer, std::vector<uint8_t>& secret) const
    {
        OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
        BIGNUM* y = nullptr;
        bool ok = bld != nullptr;
        if (m_impl.groupName != nullptr)
        {
            ok = ok && OSSL_PARAM_BLD_push_utf8_string(bld,
                                                       OSSL_PKEY_PARAM_GROUP_NAME,
                                                       m_impl.groupName,
                                                       0);
        }
        else if (m_p != nullptr)
        {
            ok = ok && PushExplicit(bld);
        }
        if (std::string(m_impl.keyType) == "DH")
        {
            y = BN_bin2bn(peer.data(), peer.size(), nullptr);
            ok = ok && y != nullptr && OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PUB_KEY, y);
        }
        else
        {
            ok = ok && OSSL_PARAM_BLD_push_octet_string(bld,
                                                        OSSL_PKEY_PARAM_PUB_KEY,
                                                        peer.data(),
                                                        peer.size());
        }
        OSSL_PARAM* params = ok ? OSSL_PARAM_BLD_to_param(bld) : nullptr;
        EVP_PKEY_CTX* fromdata = EVP_PKEY_CTX_new_from_name(nullptr, m_impl.keyType, nullptr);
        EVP_PKEY* pub = nullptr;
        Check(params != nullptr && fromdata != nullptr && EVP_PKEY_fromdata_init(fromdata) > 0 &&
                  EVP_PKEY_fromdata(fromdata, &pub, EVP_PKEY_PUBLIC_KEY, params) > 0,
              "import of the peer's public value");
        EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr);
        size_t n = 0;
        Check(ctx != nullptr && EVP_PKEY_derive_init(ctx) > 0 &&
                  (std::string(m_impl.keyType) != "DH" || EVP_PKEY_CTX_set_dh_pad(ctx, 1) > 0) &&
                  EVP_PKEY_derive_set_peer(ctx, pub) > 0 && EVP_PKEY_derive(ctx, nullptr, &n) > 0,
              "derive");
        secret.resize(n);
        Check(EVP_PKEY_derive(ctx, secret.data(), &n) > 0 && n == secret.size(), "derive");
        EVP_PKEY_CTX_free(ctx);
        EVP_PKEY_free(pub);
        EVP_PKEY_CTX_free(fromdata);
        OSSL_PARAM_free(params);
        BN_free(y);
        OSSL_PARAM_BLD_free(bld);
    }

    /**
     * The longest private exponent of some MODP keys (OpenSSL's choice for named groups).
     * @param keys how many keys to make
     * @return bits (0 for other groups)
     */
    int MaxPrivateBits(int keys) const
    {
        if (std::string(m_impl.keyType) != "DH")
        {
            return 0;
        }
        int bits = 0;
        for (int i = 0; i < keys; i++)
        {
            std::vector<uint8_t> pub;
            EVP_PKEY* key = Keygen(pub);
            BIGNUM* priv = nullptr;
            Check(EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &priv) > 0, "private key");
            bits = std::max(bits, BN_num_bits(priv));
            BN_clear_free(priv);
            EVP_PKEY_free(key);
        }
        return bits;
    }

  private:
    /**
     * Push p, q and g of an explicit group.
     * @param bld the builder
     * @return whether it succeeded
     */
    bool PushExplicit(OSSL_PARAM_BLD* bld) const
    {
        return OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_P, m_p) &&
               OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_Q, m_q) &&
               OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_G, m_g);
    }

    /// Parameters of a DH group OpenSSL has no name for. Without q: given q, OpenSSL 3.0's
    /// keygen refuses these groups (checked with 3.0.19: "generate_key:BN lib"; its SP 800-56A
    /// path wants at least 112-bit strength); without q it takes the private key length the
    /// module draws (Keygen sets it). The peer's value (Derive) is imported with q, so that its
    /// check computes y^q mod p as the module's does.
    void MakeExplicitParams()
    {
        std::string hex;
        for (const char* c = m_impl.primeHex; *c != '\0'; ++c)
        {
            if (*c != ' ')
            {
                hex += *c;
            }
        }
        m_g = BN_new();
        m_q = BN_new();
        Check(BN_hex2bn(&m_p, hex.c_str()) > 0 && m_g != nullptr && BN_set_word(m_g, 2) &&
                  m_q != nullptr && BN_rshift1(m_q, m_p),
              "an explicit DH prime");
        OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
        Check(bld != nullptr && OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_P, m_p) &&
                  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_G, m_g),
              "explicit DH parameters");
        OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
        EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr);
        Check(params != nullptr && ctx != nullptr && EVP_PKEY_fromdata_init(ctx) > 0 &&
                  EVP_PKEY_fromdata(ctx, &m_params, EVP_PKEY_KEY_PARAMETERS, params) > 0,
              "explicit DH parameters");
        EVP_PKEY_CTX_free(ctx);
        OSSL_PARAM_free(params);
        OSSL_PARAM_BLD_free(bld);
    }

    KeImplementation m_impl;     ///< OpenSSL names
    EVP_PKEY* m_params{nullptr}; ///< the group's parameters
    BIGNUM* m_p{nullptr};        ///< explicit groups: p
    BIGNUM* m_q{nullptr};        ///< explicit groups: q = (p - 1) / 2
    BIGNUM* m_g{nullptr};        ///< explicit groups: g = 2
};

/**
 * Measure keygen and derive of every key exchange group.
 * @param settings timing
 * @param table the output
 * @return a note on the MODP private exponents, for the header
 */
std::string
MeasureKeyExchange(const Settings& settings, Table& table)
{
    std::ostringstream exponents;
    for (const auto& info : GetKeGroups())
    {
        KeGroup group(
            KeImplementation{info.opensslType, info.opensslGroup, info.primeHex, info.privateBits});
        // Both sides agree on the secret: the calls are used correctly.
        std::vector<uint8_t> pubA;
        std::vector<uint8_t> pubB;
        EVP_PKEY* a = group.Keygen(pubA);
        EVP_PKEY* b = group.Keygen(pubB);
        std::vector<uint8_t> secretA;
        std::vector<uint8_t> secretB;
        group.Derive(a, pubB, secretA);
        group.Derive(b, pubA, secretB);
        Check(secretA == secretB && !secretA.empty(), std::string(info.keyword) + " agreement");

        std::vector<uint8_t> pub;
        auto keygen = MedianNsPerCall(settings, 1, [&](size_t, uint32_t) {
            EVP_PKEY_free(group.Keygen(pub));
        });
        table.Write(KeOperation(info.keyword, KePhase::KEYGEN), keygen[0], 0);
        std::vector<uint8_t> secret;
        auto derive =
            MedianNsPerCall(settings, 1, [&](size_t, uint32_t) { group.Derive(a, pubB, secret); });
        table.Write(KeOperation(info.keyword, KePhase::DERIVE), derive[0], 0);
        EVP_PKEY_free(a);
        EVP_PKEY_free(b);
        if (const int bits = group.MaxPrivateBits(20))
        {
            exponents << (exponents.tellp() > 0 ? ", " : "") << info.keyword << ' ' << bits;
        }
    }
    return exponents.str();
}

/// How OpenSSL implements a signature scheme.
struct SignatureImplementation
{
    const char* keyType;   ///< "RSA", "EC" or "ED25519"
    size_t rsaBits;        ///< RSA modulus bits
    const char* curve;     ///< EC curve
    const char* digest;    ///< digest name for EVP_DigestSignInit_ex, nullptr for Ed25519
    const char* hash;      ///< the hash that passes over the message
    uint32_t signPasses;   ///< passes of that hash over the message when signing
    uint32_t verifyPasses; ///< ... when verifying
};

/// Our schemes in OpenSSL. Ed25519 hashes the message twice to sign (r, then the challenge)
/// and once to verify (RFC 8032 §5.1.6, §5.1.7).
const std::map<std::string, SignatureImplementation> kSignatureImplementations = {
    {"rsa2048", {"RSA", 2048, nullptr, "SHA256", "SHA256", 1, 1}},
    {"rsa3072", {"RSA", 3072, nullptr, "SHA256", "SHA256", 1, 1}},
    {"ecdsa256", {"EC", 0, "P-256", "SHA256", "SHA256", 1, 1}},
    {"ecdsa384", {"EC", 0, "P-384", "SHA384", "SHA384", 1, 1}},
    {"ecdsa521", {"EC", 0, "P-521", "SHA512", "SHA512", 1, 1}},
    {"ed25519", {"ED25519", 0, nullptr, nullptr, "SHA512", 2, 1}},
};

/**
 * The least-squares intercept of y = a + b x for a given slope.
 * @param x sizes
 * @param y ns per call
 * @param b the slope
 * @return a (>= 0)
 */
double
Intercept(const std::vector<double>& x, const std::vector<double>& y, double b)
{
    double sum = 0;
    for (size_t i = 0; i < x.size(); i++)
    {
        sum += y[i] - b * x[i];
    }
    return std::max(0.0, sum / x.size());
}

/**
 * The per-byte cost of a hash over the message sizes.
 * @param settings timing
 * @param name OpenSSL's digest name
 * @param messages the messages (kMessageSizes)
 * @return ns per byte
 */
double
HashPerByte(const Settings& settings,
            const std::string& name,
            const std::vector<std::vector<uint8_t>>& messages)
{
    EVP_MD* md = EVP_MD_fetch(nullptr, name.c_str(), nullptr);
    Check(md != nullptr, "fetching " + name);
    uint8_t out[EVP_MAX_MD_SIZE];
    auto y = MedianNsPerCall(settings, messages.size(), [&](size_t k, uint32_t) {
        unsigned int length = 0;
        Check(EVP_Digest(messages[k].data(), messages[k].size(), out, &length, md, nullptr) > 0,
              name);
    });
    EVP_MD_free(md);
    double a = 0;
    double b = 0;
    Line(AsX(kMessageSizes), y, a, b);
    return b;
}

/**
 * Measure sign and verify of every signature scheme.
 * @param settings timing
 * @param table the output
 */
void
MeasureSignatures(const Settings& settings, Table& table)
{
    const size_t n = kMessageSizes.size();
    std::vector<std::vector<uint8_t>> messages;
    for (uint32_t size : kMessageSizes)
    {
        messages.emplace_back(size, 0xa5);
    }
    for (const auto& info : GetSignatureSchemes())
    {
        auto impl = kSignatureImplementations.find(info.keyword);
        Check(impl != kSignatureImplementations.end(),
              std::string("finding OpenSSL's name for ") + info.keyword);
        const SignatureImplementation& s = impl->second;
        EVP_PKEY* key = nullptr;
        if (s.rsaBits != 0)
        {
            key = EVP_PKEY_Q_keygen(nullptr, nullptr, s.keyType, s.rsaBits);
        }
        else if (s.curve != nullptr)
        {
            key = EVP_PKEY_Q_keygen(nullptr, nullptr, s.keyType, s.curve);
        }
        else
        {
            key = EVP_PKEY_Q_keygen(nullptr, nullptr, s.keyType);
        }
        Check(key != nullptr, std::string("key generation for ") + info.keyword);
        // The verifier has the public key only (as from a certificate).
        unsigned char* der = nullptr;
        const int derLength = i2d_PUBKEY(key, &der);
        const unsigned char* p = der;
        EVP_PKEY* pub = derLength > 0 ? d2i_PUBKEY(nullptr, &p, derLength) : nullptr;
        OPENSSL_free(der);
        Check(pub != nullptr, "public key");

        auto sign = [&](const std::vector<uint8_t>& message, std::vector<uint8_t>& signature) {
            EVP_MD_CTX* ctx = EVP_MD_CTX_new();
            size_t length = EVP_PKEY_get_size(key);
            signature.resize(length);
            Check(
                ctx != nullptr &&
                    EVP_DigestSignInit_ex(ctx, nullptr, s.digest, nullptr, nullptr, key, nullptr) >
                        0 &&
                    EVP_DigestSign(ctx, signature.data(), &length, message.data(), message.size()) >
                        0,
                "sign");
            signature.resize(length);
            EVP_MD_CTX_free(ctx);
        };
        auto verify = [&](const std::vector<uint8_t>& message,
                          const std::vector<uint8_t>& signature) {
            EVP_MD_CTX* ctx = EVP_MD_CTX_new();
            const bool ok =
                ctx != nullptr &&
                EVP_DigestVerifyInit_ex(ctx, nullptr, s.digest, nullptr, nullptr, pub, nullptr) >
                    0 &&
                EVP_DigestVerify(ctx,
                                 signature.data(),
                                 signature.size(),
                                 message.data(),
                                 message.size()) == 1;
            EVP_MD_CTX_free(ctx);
            return ok;
        };
        std::vector<std::vector<uint8_t>> signatures(n);
        for (size_t k = 0; k < n; k++)
        {
            sign(messages[k], signatures[k]);
            Check(verify(messages[k], signatures[k]), std::string(info.keyword) + " verification");
            std::vector<uint8_t> wrong = messages[k];
            wrong[0] ^= 1;
            Check(!verify(wrong, signatures[k]),
                  std::string(info.keyword) + " refusing a changed message");
        }
        // The per-byte cost is the hashing of the message, measured on its own: hashing 4 KB
        // costs less than the signature's own timings vary, so a free fit of a slow scheme's
        // timings gives a slope of noise. The free fit is shown for comparison.
        const double hash = HashPerByte(settings, s.hash, messages);
        std::vector<uint8_t> scratch;
        const auto x = AsX(kMessageSizes);
        auto signNs =
            MedianNsPerCall(settings, n, [&](size_t k, uint32_t) { sign(messages[k], scratch); });
        auto verifyNs = MedianNsPerCall(settings, n, [&](size_t k, uint32_t) {
            verify(messages[k], signatures[k]);
        });
        for (const auto& [name, y, passes] :
             {std::make_tuple(SignOperation(info.keyword), signNs, s.signPasses),
              std::make_tuple(VerifyOperation(info.keyword), verifyNs, s.verifyPasses)})
        {
            double a = 0;
            double b = 0;
            Line(x, y, a, b);
            std::cerr << "          (" << name << ": a free fit gives " << std::setprecision(4) << b
                      << " ns/byte, " << passes << " x " << s.hash << " " << passes * hash << ")\n";
            table.Write(name, Intercept(x, y, passes * hash), passes * hash);
        }
        EVP_PKEY_free(pub);
        EVP_PKEY_free(key);
    }
}

/**
 * Measure every PRF through the module's Prf: set a key of the PRF's preferred size, compute
 * once over a message.
 * @param settings timing
 * @param table the output
 */
void
MeasurePrfs(const Settings& settings, Table& table)
{
    const size_t n = kMessageSizes.size();
    std::vector<std::vector<uint8_t>> messages;
    for (uint32_t size : kMessageSizes)
    {
        messages.emplace_back(size, 0x3c);
    }
    for (const std::string& keyword : GetPrfKeywords())
    {
        std::unique_ptr<Prf> prf = CreatePrf(*FindTransformByKeyword(keyword));
        std::vector<uint8_t> key(prf->GetKeySize(), 0x44);
        std::vector<uint8_t> out(prf->GetOutputSize());
        table.Fit(PrfOperation(keyword),
                  AsX(kMessageSizes),
                  MedianNsPerCall(settings, n, [&](size_t k, uint32_t) {
                      Check(prf->SetKey(ByteSpan(key)) &&
                                prf->Compute({ByteSpan(messages[k])}, out.data()),
                            keyword);
                  }));
    }
}

/**
 * Sizes as text.
 * @param sizes the sizes
 * @return "64 256 ..."
 */
std::string
Join(const std::vector<uint32_t>& sizes)
{
    std::ostringstream os;
    for (size_t i = 0; i < sizes.size(); i++)
    {
        os << (i ? " " : "") << sizes[i];
    }
    return os.str();
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string output;
    Settings settings;
    bool quick = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("output", "table file to write (default: standard output)", output);
    cmd.AddValue("iterations", "operations per timing trial at most", settings.iterations);
    cmd.AddValue("trials",
                 "timing trials per operation and size (the median is taken)",
                 settings.trials);
    cmd.AddValue("trialMs",
                 "CPU time a trial may take: slow operations run fewer iterations (at least 3)",
                 settings.trialMs);
    cmd.AddValue("quick",
                 "a smoke run (1 trial of at most 10 operations): the table's format, not its "
                 "figures",
                 quick);
    cmd.Parse(argc, argv);
    if (!output.empty() && !std::ofstream(output))
    {
        // Before the measurements, not after them.
        std::cerr << "cannot write " << output << ": " << std::strerror(errno)
                  << "; choose a writable --output\n";
        return 2;
    }
    if (quick)
    {
        settings.trials = 1;
        settings.iterations = 10;
        settings.trialMs = 1;
    }
    settings.trials = std::max(settings.trials, 1u);
    settings.iterations = std::max(settings.iterations, 3u);

    // Warm up (CPU clock, caches, OpenSSL's lazy initialisation) before the first figure.
    {
        EspSuite suite = EspSuite::Parse("null-sha1");
        std::vector<uint8_t> key(suite.integrity->keySize, 0x22);
        EspCodec codec(0x1000, suite, ByteSpan(), ByteSpan(key));
        std::vector<uint8_t> payload(1024, 0x5a);
        std::vector<uint8_t> packet;
        const double until = CpuNs() + (quick ? 1e6 : 200e6);
        for (uint32_t i = 1; CpuNs() < until; i++)
        {
            codec.Encapsulate(i, 17, ByteSpan(payload), packet);
        }
    }
    Table table;
    std::cerr << "ipsec-measure-costs: ESP and AH\n";
    MeasureDataPlane(settings, table);
    std::cerr << "ipsec-measure-costs: key exchange\n";
    const std::string exponents = MeasureKeyExchange(settings, table);
    std::cerr << "ipsec-measure-costs: signatures\n";
    MeasureSignatures(settings, table);
    std::cerr << "ipsec-measure-costs: PRFs\n";
    MeasurePrfs(settings, table);

    std::ostringstream text;
    text << "# ns3-ipsec crypto cost table: operation fixed_ns per_byte_ns\n"
         << "# cpu: " << CpuModel() << "\n"
         << "# openssl: " << OpenSSL_version(OPENSSL_VERSION) << "\n"
         << "# method: bench/ipsec-measure-costs, one thread, its CPU time; per operation and "
            "size the median\n#   of "
         << settings.trials << " trials of " << settings.iterations
         << " operations (fewer, at least 3, if a trial would take over " << settings.trialMs
         << " ms),\n#   least-squares line fixed + per-byte over the sizes\n"
         << "# esp, ah: the module's EspCodec/AhCodec on OpenSSL EVP at " << Join(kPacketSizes)
         << " bytes;\n#   out: bytes = payload, in: bytes = the received ESP/AH packet\n"
         << "# ke: OpenSSL EVP_PKEY, named groups (DH modp_1536/2048/3072/4096, EC "
            "P-256/384/521, X25519;\n#   modp768/1024: explicit p, q, g), fixed cost only;\n"
         << "#   keygen: EVP_PKEY_keygen + EVP_PKEY_get1_encoded_public_key; MODP private "
            "exponents are\n#   OpenSSL's default length for named groups, the module's for "
            "explicit ones (bits, longest of 20\n#   keys): "
         << exponents
         << "\n#   derive: import the peer's value, EVP_PKEY_derive_set_peer (checks it; MODP: "
            "y^q mod p = 1,\n#   a full-length exponentiation), EVP_PKEY_derive (MODP: padded "
            "to the prime's length)\n"
         << "# sign, verify: EVP_DigestSign/EVP_DigestVerify, one-shot with a new context, at "
         << Join(kMessageSizes)
         << " bytes;\n#   rsa: RSASSA-PKCS1-v1_5 with SHA-256; ecdsa256: SHA-256; ecdsa384: "
            "SHA-384; ecdsa521: SHA-512; ed25519: pure;\n#   per-byte: the hash alone (ed25519 "
            "sign: 2 x SHA-512), "
            "fixed: least-squares intercept with it\n"
         << "# prf: the module's Prf (CreatePrf): SetKey (its preferred key size) + one Compute, "
            "at "
         << Join(kMessageSizes) << " bytes\n";
    text << table.body.str();

    if (output.empty())
    {
        std::cout << text.str();
    }
    else
    {
        std::ofstream out(output);
        out << text.str();
        out.close();
        if (!out)
        {
            std::cerr << "cannot write " << output << ": " << std::strerror(errno) << '\n';
            return 2;
        }
        std::cerr << "wrote " << output << '\n';
    }
    return 0;
}
