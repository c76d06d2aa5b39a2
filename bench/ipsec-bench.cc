// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ns3-ipsec benchmark suite: one program, one run, a table per section, every ratio
 * measured in this run against its baseline in this run. It prints figures; it is not a test.
 *
 *   ./build/examples/ipsec-bench                          # everything (about two minutes)
 *   ./build/examples/ipsec-bench --sections=dataplane --packets=200000 --repeat=3
 *
 * Sections (--sections, comma-separated):
 *
 * - dataplane: packets per wall-clock second of Simulator::Run() through the site-to-site
 *   topology (hostA - gwA - router - gwB - hostB, point-to-point, 1000-byte UDP): plain ns-3 IP,
 *   then an ESP tunnel between the gateways with real AES-128-GCM, AES-128-CBC + HMAC-SHA-256
 *   and ChaCha20-Poly1305, with modeled crypto, and with real AES-128-GCM charged to crypto
 *   engines on both gateways; "direct" rows use IpsecStack's ForwardPath=direct (same bytes on
 *   the wire, no ipsec0 detour). Ratio = packets/s over plain's. Each variant runs --repeat
 *   times, the rounds interleaved, and the best run counts. Goals: AES-GCM >= 0.75, modeled
 *   >= 0.9.
 *
 * - crypto: the module's ESP transform (EspCodec: protect then open one packet, with its
 *   padding, IV and copies, as the data plane calls it) against the same cipher and MAC calls on
 *   raw OpenSSL EVP contexts with no framing, on the same sizes, in MB/s of payload. Goal: the
 *   module >= 60 % of raw EVP.
 *
 * - spd: ns per SPD lookup with 10 and with 10,000 subnet-to-subnet tunnel policies (and a
 *   final catch-all), every lookup a new flow drawn over all policies, with the lookup cache off
 *   and on; and a single repeated flow (warm cache). The two sizes alternate trial by trial and
 *   the median ratio counts. Goal: 10,000 policies <= 2x the cost of 10 (cache off).
 *
 * - memory: heap bytes per SA (glibc mallinfo2, N SAs created and measured at once), for
 *   several suites and replay windows, and per tunnel set up by IpsecHelper.
 *
 * - ike: --tunnels pairs of gateways (each pair its own tunnel, star topology around two
 *   routers) negotiate with IKEv2 (aes128-sha256-modp2048, CHILD SAs aes128gcm16-modp2048:
 *   PFS) and rekey through --ikeSeconds of simulated time (CHILD SAs every 10 min, IKE SAs every
 *   30 min, strongSwan's jitter); one line: tunnels, simulated and wall seconds, and the heap
 *   bytes per tunnel the run added (both ends, everything IKE and IPsec keep). Goals (1,000
 *   tunnels, an hour): under 60 wall seconds, at most 16,384 bytes per tunnel.
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/ike-helper.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-crypto-engine.h"
#include "ns3/ipsec-esp-codec.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-security-association.h"
#include "ns3/ipsec-security-policy-database.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <malloc.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::ipsec;

namespace
{

using Clock = std::chrono::steady_clock;

/**
 * Seconds since a time point.
 * @param t0 the start
 * @return seconds
 */
double
Since(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

/**
 * Split a comma-separated list.
 * @param text the list
 * @return the items
 */
std::vector<std::string>
Split(const std::string& text)
{
    std::vector<std::string> items;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
    {
        if (!item.empty())
        {
            items.push_back(item);
        }
    }
    return items;
}

// ---------------------------------------------------------------------------------------------
// dataplane

/// One data-plane variant.
struct Variant
{
    std::string key;      ///< short name for --variants
    std::string name;     ///< label
    std::string proposal; ///< ESP proposal; empty = plain ns-3 (no IPsec at all)
    std::string crypto;   ///< "real" or "modeled"
    bool engines;         ///< whether the gateways charge a crypto engine
    std::string forward;  ///< IpsecStack ForwardPath: "device" or "direct"
};

/**
 * Build the topology, send the datagrams, measure Simulator::Run().
 * @param v the variant
 * @param packets datagrams to send
 * @param size UDP payload bytes
 * @param delivered out: datagrams received
 * @return wall seconds of Simulator::Run()
 */
double
RunDataPlane(const Variant& v, uint32_t packets, uint32_t size, uint64_t& delivered)
{
    NodeContainer nodes;
    nodes.Create(5);
    if (v.proposal.empty())
    {
        InternetStackHelper internet;
        internet.Install(nodes);
    }
    else
    {
        IpsecHelper::InstallInternetStack(nodes);
    }
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("100us"));
    Ipv4AddressHelper addr;
    const char* nets[] = {"10.1.1.0", "10.2.1.0", "10.2.2.0", "10.3.1.0"};
    std::vector<Ipv4InterfaceContainer> ifs;
    for (uint32_t i = 0; i < 4; i++)
    {
        addr.SetBase(nets[i], "255.255.255.0");
        ifs.push_back(addr.Assign(p2p.Install(nodes.Get(i), nodes.Get(i + 1))));
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    IpsecHelper ipsec;
    if (!v.proposal.empty())
    {
        ipsec.SetSaAttribute("EspProposal", StringValue(v.proposal));
        ipsec.SetSaAttribute("Crypto", StringValue(v.crypto));
        ipsec.SetStackAttribute("ForwardPath", StringValue(v.forward));
        ipsec.AssignStreams(1);
        ipsec.Install(nodes);
        if (v.engines)
        {
            ipsec.InstallCryptoEngine(NodeContainer(nodes.Get(1), nodes.Get(3)));
        }
        ipsec.AddTunnel(nodes.Get(1),
                        ifs[1].GetAddress(0),
                        AddressRange::Prefix(Ipv4Address("10.1.1.0"), 24),
                        nodes.Get(3),
                        ifs[2].GetAddress(1),
                        AddressRange::Prefix(Ipv4Address("10.3.1.0"), 24));
    }
    UdpServerHelper server(9);
    ApplicationContainer sink = server.Install(nodes.Get(4));
    UdpClientHelper client(ifs[3].GetAddress(1), 9);
    client.SetAttribute("MaxPackets", UintegerValue(packets));
    client.SetAttribute("Interval", TimeValue(MicroSeconds(2)));
    client.SetAttribute("PacketSize", UintegerValue(size));
    ApplicationContainer src = client.Install(nodes.Get(0));
    src.Start(Seconds(1));
    sink.Start(Seconds(0.5));
    Simulator::Stop(Seconds(2) + MicroSeconds(2) * packets);

    const auto t0 = Clock::now();
    Simulator::Run();
    const double seconds = Since(t0);
    delivered = DynamicCast<UdpServer>(sink.Get(0))->GetReceived();
    Simulator::Destroy();
    return seconds;
}

/**
 * The data-plane section.
 * @param packets datagrams per run
 * @param size payload bytes
 * @param repeat runs per variant
 * @param only variant names to run (empty = all)
 */
void
DataPlane(uint32_t packets, uint32_t size, uint32_t repeat, const std::vector<std::string>& only)
{
    std::vector<Variant> all{
        {"plain", "plain ns-3 IP", "", "real", false, "device"},
        {"gcm", "ESP aes128gcm16", "aes128gcm16", "real", false, "device"},
        {"cbc", "ESP aes128-sha256", "aes128-sha256", "real", false, "device"},
        {"chacha", "ESP chacha20poly1305", "chacha20poly1305", "real", false, "device"},
        {"modeled", "ESP aes128gcm16 modeled", "aes128gcm16", "modeled", false, "device"},
        {"gcm-direct", "ESP aes128gcm16, direct", "aes128gcm16", "real", false, "direct"},
        {"modeled-direct", "ESP modeled, direct", "aes128gcm16", "modeled", false, "direct"},
        {"engines", "ESP aes128gcm16 + engines", "aes128gcm16", "real", true, "device"},
    };
    std::vector<Variant> variants;
    for (const auto& v : all)
    {
        if (std::find(only.begin(), only.end(), v.key) != only.end())
        {
            variants.push_back(v);
        }
    }
    std::cout << "== dataplane: " << packets << " x " << size
              << "-byte UDP datagrams, hostA-gwA-router-gwB-hostB, ESP tunnel gwA-gwB, best of "
              << repeat << " interleaved runs\n";
    std::cout << std::left << std::setw(30) << "variant" << std::right << std::setw(10)
              << "delivered" << std::setw(10) << "wall s" << std::setw(12) << "packets/s"
              << std::setw(8) << "ratio" << '\n';
    std::vector<double> best(variants.size(), 0);
    std::vector<uint64_t> delivered(variants.size(), 0);
    for (uint32_t round = 0; round < repeat; round++)
    {
        for (size_t i = 0; i < variants.size(); i++)
        {
            uint64_t got = 0;
            const double s = RunDataPlane(variants[i], packets, size, got);
            if (round == 0 || s < best[i])
            {
                best[i] = s;
                delivered[i] = got;
            }
        }
    }
    // Ratios need plain ns-3 in the same run; without it (e.g. to profile one variant) they
    // are left out.
    const bool hasPlain = !variants.empty() && variants[0].key == "plain";
    const double plainRate = hasPlain ? delivered[0] / best[0] : 0;
    for (size_t i = 0; i < variants.size(); i++)
    {
        const double rate = delivered[i] / best[i];
        std::cout << std::left << std::setw(30) << variants[i].name << std::right << std::setw(10)
                  << delivered[i] << std::fixed << std::setprecision(3) << std::setw(10) << best[i]
                  << std::setprecision(0) << std::setw(12) << rate << std::setprecision(2)
                  << std::setw(8);
        if (hasPlain)
        {
            std::cout << rate / plainRate << '\n';
        }
        else
        {
            std::cout << "-" << '\n';
        }
    }
    std::cout << '\n';
}

// ---------------------------------------------------------------------------------------------
// crypto

/**
 * Median throughput of a per-packet function.
 * @param bytes payload bytes per call
 * @param seconds minimum time per trial
 * @param f the call
 * @return MB/s of payload (10^6 bytes)
 */
template <typename F>
double
MegabytesPerSecond(uint32_t bytes, double seconds, F f)
{
    std::vector<double> trials;
    for (int t = 0; t < 5; t++)
    {
        uint64_t calls = 0;
        const auto t0 = Clock::now();
        double elapsed = 0;
        do
        {
            for (int i = 0; i < 64; i++)
            {
                f();
            }
            calls += 64;
            elapsed = Since(t0);
        } while (elapsed < seconds);
        trials.push_back(calls * bytes / elapsed / 1e6);
    }
    std::sort(trials.begin(), trials.end());
    return trials[trials.size() / 2];
}

/// Raw EVP: one AEAD (GCM or ChaCha20-Poly1305) sealing then opening a buffer in place.
struct RawAead
{
    EVP_CIPHER_CTX* enc{EVP_CIPHER_CTX_new()}; ///< keyed for encryption
    EVP_CIPHER_CTX* dec{EVP_CIPHER_CTX_new()}; ///< keyed for decryption
    std::vector<uint8_t> nonce;                ///< salt | IV
    uint8_t aad[8]{1, 2, 3, 4, 0, 0, 0, 1};    ///< SPI | sequence number
    uint8_t tag[16]{};                         ///< ICV

    /**
     * Key both contexts.
     * @param name the OpenSSL cipher
     * @param keySize key bytes
     * @param nonceSize nonce bytes
     */
    RawAead(const char* name, int keySize, int nonceSize)
        : nonce(nonceSize, 7)
    {
        EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, name, nullptr);
        std::vector<uint8_t> key(keySize, 0x42);
        EVP_EncryptInit_ex2(enc, cipher, key.data(), nullptr, nullptr);
        EVP_DecryptInit_ex2(dec, cipher, key.data(), nullptr, nullptr);
        EVP_CIPHER_free(cipher);
    }

    ~RawAead()
    {
        EVP_CIPHER_CTX_free(enc);
        EVP_CIPHER_CTX_free(dec);
    }

    /**
     * Seal and open.
     * @param data the buffer
     * @return true if the tag verified
     */
    bool RoundTrip(std::vector<uint8_t>& data)
    {
        int n = 0;
        const int size = static_cast<int>(data.size());
        nonce.back()++;
        EVP_EncryptInit_ex2(enc, nullptr, nullptr, nonce.data(), nullptr);
        EVP_EncryptUpdate(enc, nullptr, &n, aad, sizeof(aad));
        EVP_EncryptUpdate(enc, data.data(), &n, data.data(), size);
        EVP_EncryptFinal_ex(enc, data.data() + n, &n);
        EVP_CIPHER_CTX_ctrl(enc, EVP_CTRL_AEAD_GET_TAG, 16, tag);
        EVP_DecryptInit_ex2(dec, nullptr, nullptr, nonce.data(), nullptr);
        EVP_DecryptUpdate(dec, nullptr, &n, aad, sizeof(aad));
        EVP_DecryptUpdate(dec, data.data(), &n, data.data(), size);
        EVP_CIPHER_CTX_ctrl(dec, EVP_CTRL_AEAD_SET_TAG, 16, tag);
        return EVP_DecryptFinal_ex(dec, data.data() + n, &n) == 1;
    }
};

/// Raw EVP: AES-128-CBC then HMAC-SHA-256 (truncated to 16 bytes), and back.
struct RawCbcHmac
{
    EVP_CIPHER_CTX* enc{EVP_CIPHER_CTX_new()};             ///< keyed for encryption
    EVP_CIPHER_CTX* dec{EVP_CIPHER_CTX_new()};             ///< keyed for decryption
    EVP_MAC* mac{EVP_MAC_fetch(nullptr, "HMAC", nullptr)}; ///< HMAC
    EVP_MAC_CTX* macCtx{nullptr};                          ///< keyed HMAC-SHA-256
    uint8_t iv[16]{};                                      ///< IV
    uint8_t icv[32]{};                                     ///< full HMAC

    RawCbcHmac()
    {
        EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "AES-128-CBC", nullptr);
        const std::vector<uint8_t> key(16, 0x42);
        EVP_EncryptInit_ex2(enc, cipher, key.data(), nullptr, nullptr);
        EVP_DecryptInit_ex2(dec, cipher, key.data(), nullptr, nullptr);
        EVP_CIPHER_CTX_set_padding(enc, 0);
        EVP_CIPHER_CTX_set_padding(dec, 0);
        EVP_CIPHER_free(cipher);
        macCtx = EVP_MAC_CTX_new(mac);
        std::vector<uint8_t> macKey(32, 0x24);
        char digest[] = "SHA256";
        OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                               OSSL_PARAM_construct_end()};
        EVP_MAC_init(macCtx, macKey.data(), macKey.size(), params);
    }

    ~RawCbcHmac()
    {
        EVP_CIPHER_CTX_free(enc);
        EVP_CIPHER_CTX_free(dec);
        EVP_MAC_CTX_free(macCtx);
        EVP_MAC_free(mac);
    }

    /**
     * Encrypt then MAC, verify then decrypt.
     * @param data the buffer (a multiple of 16 bytes)
     * @return true if the ICV verified
     */
    bool RoundTrip(std::vector<uint8_t>& data)
    {
        int n = 0;
        size_t len = 0;
        const int size = static_cast<int>(data.size());
        iv[0]++;
        EVP_EncryptInit_ex2(enc, nullptr, nullptr, iv, nullptr);
        EVP_EncryptUpdate(enc, data.data(), &n, data.data(), size);
        EVP_MAC_init(macCtx, nullptr, 0, nullptr);
        EVP_MAC_update(macCtx, data.data(), data.size());
        EVP_MAC_final(macCtx, icv, &len, sizeof(icv));
        uint8_t check[32];
        EVP_MAC_init(macCtx, nullptr, 0, nullptr);
        EVP_MAC_update(macCtx, data.data(), data.size());
        EVP_MAC_final(macCtx, check, &len, sizeof(check));
        EVP_DecryptInit_ex2(dec, nullptr, nullptr, iv, nullptr);
        EVP_DecryptUpdate(dec, data.data(), &n, data.data(), size);
        return CRYPTO_memcmp(check, icv, 16) == 0;
    }
};

/**
 * The module's codec: protect then open one payload.
 */
struct ModuleCodec
{
    EspSuite suite;             ///< algorithms
    EspCodec codec;             ///< the transform
    std::vector<uint8_t> wire;  ///< ESP bytes
    std::vector<uint8_t> plain; ///< opened payload
    uint64_t seq{0};            ///< sequence number

    /**
     * Key the codec.
     * @param proposal the suite
     */
    explicit ModuleCodec(const std::string& proposal)
        : suite(EspSuite::Parse(proposal)),
          codec(0x1001,
                suite,
                std::vector<uint8_t>(suite.encryption->keySize, 0x42),
                suite.integrity ? std::vector<uint8_t>(suite.integrity->keySize, 0x24)
                                : std::vector<uint8_t>())
    {
    }

    /**
     * Protect and open.
     * @param payload the payload
     * @return true if it opened
     */
    bool RoundTrip(const std::vector<uint8_t>& payload)
    {
        uint8_t next = 0;
        codec.Encapsulate(++seq, 4, payload, wire);
        return codec.Decapsulate(wire, 0, plain, next) == DropReason::NONE;
    }
};

/**
 * The crypto section.
 * @param seconds time per trial
 */
void
Crypto(double seconds)
{
    std::cout << "== crypto: protect + open one packet, MB/s of payload (median of 5 trials), "
              << OpenSSL_version(OPENSSL_VERSION) << "\n";
    std::cout << std::left << std::setw(20) << "suite" << std::right << std::setw(7) << "bytes"
              << std::setw(12) << "module" << std::setw(12) << "raw EVP" << std::setw(8) << "ratio"
              << '\n';
    bool ok = true;
    for (const char* proposal : {"aes128gcm16", "aes128-sha256", "chacha20poly1305"})
    {
        for (uint32_t bytes : {64u, 512u, 1024u, 1400u})
        {
            ModuleCodec module(proposal);
            const std::vector<uint8_t> payload(bytes, 0x5a);
            const double ours =
                MegabytesPerSecond(bytes, seconds, [&]() { ok &= module.RoundTrip(payload); });
            // The raw calls process the same bytes the codec encrypts: the payload with the
            // ESP trailer and padding (but none of the framing work).
            std::vector<uint8_t> buffer(module.codec.GetEncapsulatedSize(bytes) - 8 -
                                        module.codec.GetIvSize() - module.codec.GetIcvSize());
            double raw = 0;
            if (std::string(proposal) == "aes128-sha256")
            {
                RawCbcHmac r;
                raw = MegabytesPerSecond(bytes, seconds, [&]() { ok &= r.RoundTrip(buffer); });
            }
            else
            {
                const bool gcm = std::string(proposal) == "aes128gcm16";
                RawAead r(gcm ? "AES-128-GCM" : "ChaCha20-Poly1305", gcm ? 16 : 32, 12);
                raw = MegabytesPerSecond(bytes, seconds, [&]() { ok &= r.RoundTrip(buffer); });
            }
            std::cout << std::left << std::setw(20) << proposal << std::right << std::setw(7)
                      << bytes << std::fixed << std::setprecision(1) << std::setw(12) << ours
                      << std::setw(12) << raw << std::setprecision(2) << std::setw(8) << ours / raw
                      << '\n';
        }
    }
    if (!ok)
    {
        std::cout << "ERROR: a packet failed to open\n";
    }
    std::cout << '\n';
}

// ---------------------------------------------------------------------------------------------
// spd

/**
 * An SPD of tunnel policies between subnet pairs, as a VPN concentrator has: policy i protects
 * 10.x.y.0/24 -> 20.x.y.0/24 (x.y = i), then a catch-all BYPASS.
 * @param spd the SPD
 * @param count tunnel policies
 */
void
FillSpd(SecurityPolicyDatabase& spd, uint32_t count)
{
    for (uint32_t i = 0; i < count; i++)
    {
        SecurityPolicy p;
        p.direction = PolicyDirection::OUT;
        p.action = PolicyAction::PROTECT;
        p.selector.local = AddressRange::Prefix(Ipv4Address((10u << 24) | (i << 8)), 24);
        p.selector.remote = AddressRange::Prefix(Ipv4Address((20u << 24) | (i << 8)), 24);
        p.mode = IpsecMode::TUNNEL;
        p.tunnelLocal = Ipv4Address("192.0.2.1");
        p.tunnelRemote = Ipv4Address((198u << 24) | (51u << 16) | (i & 0xffff));
        p.reqid = i + 1;
        spd.Add(p);
    }
    SecurityPolicy bypass;
    bypass.direction = PolicyDirection::OUT;
    bypass.action = PolicyAction::BYPASS;
    bypass.selector.local = AddressRange::Prefix(Ipv4Address("0.0.0.0"), 0);
    bypass.selector.remote = AddressRange::Prefix(Ipv4Address("0.0.0.0"), 0);
    spd.Add(bypass);
}

/**
 * One timing trial: ns per lookup.
 * @param spd the SPD
 * @param packets the datagrams, looked up in turn
 * @param seconds minimum time of the trial
 * @param matched out: lookups that found a PROTECT policy
 * @return ns per lookup
 */
double
NsPerLookup(const SecurityPolicyDatabase& spd,
            const std::vector<PacketSelector>& packets,
            double seconds,
            uint64_t& matched)
{
    uint64_t calls = 0;
    matched = 0;
    const auto t0 = Clock::now();
    double elapsed = 0;
    do
    {
        for (const auto& p : packets)
        {
            const SecurityPolicy* policy = spd.Lookup(PolicyDirection::OUT, p);
            matched += (policy != nullptr && policy->action == PolicyAction::PROTECT);
        }
        calls += packets.size();
        elapsed = Since(t0);
    } while (elapsed < seconds);
    return elapsed * 1e9 / calls;
}

/**
 * The median of some figures.
 * @param v the figures
 * @return the median
 */
double
Median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

/**
 * The SPD section. The two sizes are timed in alternating trials (10, 10,000, 10, ...), so a
 * change in the machine's speed during the run (another process, frequency, a neighbour on the
 * host) falls on both; the ratio printed is the median of the trials' ratios.
 * @param seconds time per trial
 */
void
Spd(double seconds)
{
    constexpr int TRIALS = 7;
    std::cout << "== spd: ns per OUT lookup, tunnel policies 10.i/24 -> 20.i/24 + catch-all "
                 "bypass, UDP flows drawn uniformly over the policies; median of "
              << TRIALS << " alternating trials\n";
    std::cout << std::left << std::setw(44) << "lookups" << std::right << std::setw(10) << "10"
              << std::setw(10) << "10,000" << std::setw(8) << "ratio" << std::setw(16)
              << "ratio range" << '\n';

    struct Row
    {
        const char* name;
        bool cache;
        bool oneFlow;
        bool index;
    };

    for (const Row& row : {Row{"every lookup a new flow, cache off", false, false, true},
                           Row{"every lookup a new flow, cache on", true, false, true},
                           Row{"one flow repeated, cache on", true, true, true},
                           Row{"new flows, no cache, no index (linear scan)", false, false, false}})
    {
        const uint32_t counts[2] = {10, 10000};
        SecurityPolicyDatabase spds[2];
        std::vector<PacketSelector> packets[2];
        for (int c = 0; c < 2; c++)
        {
            FillSpd(spds[c], counts[c]);
            if (!row.cache)
            {
                spds[c].SetCache(0, 0);
            }
            if (!row.index)
            {
                spds[c].SetIndex(SIZE_MAX, SecurityPolicyDatabase::DEFAULT_INDEX_MIN_GROUP_SIZE);
            }
            std::mt19937 rng(1);
            packets[c].resize(row.oneFlow ? 1 : 65536);
            for (auto& p : packets[c])
            {
                const uint32_t i = rng() % counts[c];
                p.local = Ipv4Address((10u << 24) | (i << 8) | (1 + rng() % 254));
                p.remote = Ipv4Address((20u << 24) | (i << 8) | (1 + rng() % 254));
                p.protocol = 17;
                p.localPort = static_cast<uint16_t>(1024 + rng() % 60000);
                p.remotePort = 443;
                p.portsKnown = true;
            }
        }
        std::vector<double> ns[2];
        std::vector<double> ratios;
        for (int t = 0; t < TRIALS; t++)
        {
            for (int c = 0; c < 2; c++)
            {
                uint64_t matched = 0;
                ns[c].push_back(NsPerLookup(spds[c], packets[c], seconds, matched));
                if (matched == 0)
                {
                    std::cout << "ERROR: no lookup matched its tunnel policy\n";
                }
            }
            ratios.push_back(ns[1].back() / ns[0].back());
        }
        const auto [lo, hi] = std::minmax_element(ratios.begin(), ratios.end());
        std::ostringstream range;
        range << std::fixed << std::setprecision(2) << *lo << "-" << *hi;
        std::cout << std::left << std::setw(44) << row.name << std::right << std::fixed
                  << std::setprecision(1) << std::setw(10) << Median(ns[0]) << std::setw(10)
                  << Median(ns[1]) << std::setprecision(2) << std::setw(8) << Median(ratios)
                  << std::setw(16) << range.str() << '\n';
    }
    std::cout << '\n';
}

// ---------------------------------------------------------------------------------------------
// memory

/**
 * Heap bytes in use.
 * @return glibc's count of allocated bytes
 */
size_t
HeapInUse()
{
    return mallinfo2().uordblks;
}

/**
 * The memory section.
 * @param count SAs per measurement
 */
void
Memory(uint32_t count)
{
    std::cout << "== memory: heap bytes per object (" << count
              << " created, glibc mallinfo2 before and after)\n";
    std::cout << std::left << std::setw(44) << "object" << std::right << std::setw(12) << "bytes"
              << '\n';

    struct Row
    {
        const char* proposal;
        uint32_t window;
        const char* crypto;
    };

    for (const Row& row : {Row{"aes128gcm16", 32, "real"},
                           Row{"aes128gcm16", 32, "modeled"},
                           Row{"aes128-sha256", 32, "real"},
                           Row{"chacha20poly1305", 32, "real"},
                           Row{"aes128gcm16", 1024, "real"},
                           Row{"aes128gcm16", 4096, "real"}})
    {
        const EspSuite suite = EspSuite::Parse(row.proposal);
        std::vector<Ptr<SecurityAssociation>> sas;
        sas.reserve(count);
        const size_t before = HeapInUse();
        for (uint32_t i = 0; i < count; i++)
        {
            SaConfig c;
            c.spi = 0x1000 + i;
            c.direction = SaDirection::INBOUND;
            c.mode = IpsecMode::TUNNEL;
            c.source = Ipv4Address("192.0.2.1");
            c.destination = Ipv4Address("192.0.2.2");
            c.espSuite = suite;
            c.encryptionKey.assign(suite.encryption->keySize, static_cast<uint8_t>(i));
            if (suite.integrity != nullptr)
            {
                c.integrityKey.assign(suite.integrity->keySize, static_cast<uint8_t>(i));
            }
            c.replayWindow = row.window;
            c.reqid = 1;
            c.crypto = ParseCryptoMode(row.crypto);
            sas.push_back(CreateObject<SecurityAssociation>(c));
        }
        const size_t after = HeapInUse();
        std::ostringstream name;
        name << "SA esp " << row.proposal << " window " << row.window << " " << row.crypto;
        std::cout << std::left << std::setw(44) << name.str() << std::right << std::setw(12)
                  << (after - before) / count << '\n';
    }
    // A whole tunnel through the helper: 2 SAs and 3 policies (out, in, fwd) per gateway, one
    // gateway pair per tunnel.
    {
        NodeContainer nodes;
        nodes.Create(2);
        IpsecHelper::InstallInternetStack(nodes);
        PointToPointHelper p2p;
        Ipv4AddressHelper addr("192.0.2.0", "255.255.255.0");
        Ipv4InterfaceContainer ifs = addr.Assign(p2p.Install(nodes));
        IpsecHelper ipsec;
        ipsec.AssignStreams(1);
        ipsec.Install(nodes);
        const uint32_t tunnels = std::min<uint32_t>(count, 2000);
        const size_t before = HeapInUse();
        for (uint32_t i = 0; i < tunnels; i++)
        {
            ipsec.AddTunnel(nodes.Get(0),
                            ifs.GetAddress(0),
                            AddressRange::Prefix(Ipv4Address((10u << 24) | (i << 8)), 24),
                            nodes.Get(1),
                            ifs.GetAddress(1),
                            AddressRange::Prefix(Ipv4Address((20u << 24) | (i << 8)), 24));
        }
        const size_t after = HeapInUse();
        std::ostringstream name;
        name << "tunnel via IpsecHelper (" << tunnels << " tunnels, both ends)";
        std::cout << std::left << std::setw(44) << name.str() << std::right << std::setw(12)
                  << (after - before) / tunnels << '\n';
        Simulator::Destroy();
    }
    std::cout << '\n';
}

// ---------------------------------------------------------------------------------------------
// ike

/**
 * The ike section.
 * @param tunnels gateway pairs
 * @param seconds simulated seconds
 */
void
IkeScale(uint32_t tunnels, double seconds)
{
    std::cout << "== ike: " << tunnels << " IKEv2 tunnels, one per gateway pair, rekeyed for "
              << seconds << " simulated s (CHILD every 600 s with PFS, IKE every 1800 s)\n";
    NodeContainer routers;
    routers.Create(2);
    NodeContainer a;
    NodeContainer b;
    a.Create(tunnels);
    b.Create(tunnels);
    NodeContainer all(routers, a, b);
    IpsecHelper::InstallInternetStack(all);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("2ms"));
    // Every gateway starts (and rekeys) at the same instant: the routers' link must queue a
    // burst of one datagram per tunnel (the default 100-packet queue drops most of them, and
    // strongSwan's retransmission, without jitter, repeats the burst).
    p2p.SetQueue("ns3::DropTailQueue<Packet>",
                 "MaxSize",
                 QueueSizeValue(QueueSize(QueueSizeUnit::PACKETS, 4 * tunnels)));
    Ipv4AddressHelper addr;
    addr.SetBase("172.16.0.0", "255.255.255.252");
    NetDeviceContainer devices = p2p.Install(routers.Get(0), routers.Get(1));
    addr.Assign(devices);
    std::vector<Ipv4Address> aAddr;
    std::vector<Ipv4Address> bAddr;
    for (uint32_t i = 0; i < tunnels; i++)
    {
        addr.NewNetwork();
        NetDeviceContainer da = p2p.Install(a.Get(i), routers.Get(0));
        aAddr.push_back(addr.Assign(da).GetAddress(0));
        addr.NewNetwork();
        NetDeviceContainer db = p2p.Install(b.Get(i), routers.Get(1));
        bAddr.push_back(addr.Assign(db).GetAddress(0));
        devices.Add(da);
        devices.Add(db);
    }
    // No queue discs: ns-3's default FqCoDel builds a CoDel class per flow on each device at the
    // first packet (25 KB per gateway pair of ns-3's own state for the IKE datagrams alone), which
    // is the topology's cost, not the tunnel's; the devices' own DropTail queues remain.
    TrafficControlHelper().Uninstall(devices);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    IpsecHelper ipsec;
    ipsec.AssignStreams(1);
    ipsec.Install(NodeContainer(a, b));
    IkeHelper ike;
    ike.AssignStreams(10000);
    ike.SetProposals("aes128-sha256-modp2048");
    ike.SetChildProposals("aes128gcm16-modp2048");
    ike.SetChildRekeyTime(Seconds(600));
    ike.SetIkeRekeyTime(Seconds(1800));
    const size_t before = HeapInUse();
    for (uint32_t i = 0; i < tunnels; i++)
    {
        ike.AddTunnel(a.Get(i),
                      aAddr[i],
                      AddressRange::Prefix(Ipv4Address((10u << 24) | (i << 8)), 24),
                      b.Get(i),
                      bAddr[i],
                      AddressRange::Prefix(Ipv4Address((20u << 24) | (i << 8)), 24));
    }
    const auto t0 = Clock::now();
    Simulator::Stop(Seconds(seconds));
    Simulator::Run();
    const double wall = Since(t0);
    const size_t after = HeapInUse();
    uint32_t up = 0;
    uint32_t children = 0;
    for (uint32_t i = 0; i < tunnels; i++)
    {
        Ptr<IkeDaemon> d = ike.GetDaemon(a.Get(i));
        up += d->CountIkeSas(Ikev2SaState::ESTABLISHED);
        children += d->GetInstalledChildSas().size();
    }
    std::cout << "ike-scale tunnels " << tunnels << " simulated-s " << seconds << " wall-s "
              << std::fixed << std::setprecision(1) << wall << std::defaultfloat
              << " bytes-per-tunnel " << (after - before) / tunnels << "\n"
              << "(IKE SAs up at the end: " << up << ", CHILD SAs: " << children
              << "; IKE SAs whose keys the helper kept for the key file: "
              << ike.GetIkev2Keys().size() << "; SAs IpsecHelper lists: " << ipsec.GetSas().size()
              << ")\n";
    if (up != tunnels || children != tunnels)
    {
        std::cout << "WARNING: " << tunnels - up << " IKE SAs and " << tunnels - children
                  << " CHILD SAs are not up at the end; the figures above do not describe "
                  << tunnels << " working tunnels\n";
    }
    std::cout << '\n';
    Simulator::Destroy();
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string sections = "dataplane,crypto,spd,memory";
    std::string variants = "plain,gcm,cbc,chacha,modeled,gcm-direct,modeled-direct,engines";
    uint32_t packets = 200000;
    uint32_t size = 1000;
    uint32_t repeat = 3;
    double trial = 0.2;
    uint32_t sas = 10000;
    uint32_t tunnels = 1000;
    double ikeSeconds = 3600;
    CommandLine cmd(__FILE__);
    cmd.AddValue("sections", "comma-separated: dataplane, crypto, spd, memory, ike", sections);
    cmd.AddValue("variants",
                 "dataplane variants, comma-separated, of plain, gcm, cbc, chacha, modeled, "
                 "gcm-direct, modeled-direct, engines (ratios need plain)",
                 variants);
    cmd.AddValue("packets", "dataplane: UDP datagrams per run", packets);
    cmd.AddValue("size", "dataplane: UDP payload bytes", size);
    cmd.AddValue("repeat", "dataplane: runs per variant (the best counts)", repeat);
    cmd.AddValue("trial", "crypto, spd: seconds per timing trial", trial);
    cmd.AddValue("sas", "memory: SAs per measurement", sas);
    cmd.AddValue("tunnels", "ike: gateway pairs", tunnels);
    cmd.AddValue("ikeSeconds", "ike: simulated seconds", ikeSeconds);
    cmd.Parse(argc, argv);

    for (const std::string& s : Split(sections))
    {
        if (s == "dataplane")
        {
            DataPlane(packets, size, repeat, Split(variants));
        }
        else if (s == "crypto")
        {
            Crypto(trial);
        }
        else if (s == "spd")
        {
            Spd(trial);
        }
        else if (s == "memory")
        {
            Memory(sas);
        }
        else if (s == "ike")
        {
            IkeScale(tunnels, ikeSeconds);
        }
        else
        {
            std::cerr << "unknown section '" << s << "': use dataplane, crypto, spd, memory, ike\n";
            return 1;
        }
    }
    return 0;
}
