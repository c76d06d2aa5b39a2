// SPDX-License-Identifier: GPL-2.0-only
/*
 * Measures this host's cost of every ESP and AH transform, through the module's own codecs on
 * OpenSSL, and writes a CryptoEngine cost table: for each operation a line
 * `operation fixed_ns per_byte_ns`, fitted by least squares over several packet sizes.
 *
 *   ./build/examples/ipsec-measure-costs --output=my-host.txt
 *   ... engine->SetAttribute("TableFile", StringValue("my-host.txt"));
 *
 * "out" is the cost of protecting a payload of n bytes (charged with the payload's size),
 * "in" of checking and opening a received ESP/AH packet of n bytes (charged with its size),
 * matching what IpsecStack charges.
 */

#include "ns3/command-line.h"
#include "ns3/ipsec-ah-codec.h"
#include "ns3/ipsec-esp-codec.h"
#include "ns3/ipsec-proposal.h"
#include "ns3/ipsec-transform.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <openssl/crypto.h>
#include <sstream>
#include <vector>

using namespace ns3;
using namespace ns3::ipsec;

namespace
{

/// Packet sizes the fit uses.
const std::vector<uint32_t> kSizes = {64, 256, 512, 1024, 1400};

/// (size, ns per operation) samples and their least-squares line.
struct Fit
{
    std::vector<std::pair<double, double>> samples; ///< (bytes, ns)

    /**
     * Fit y = a + b x.
     * @param a out: intercept (>= 0)
     * @param b out: slope (>= 0)
     */
    void Line(double& a, double& b) const
    {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        const double n = samples.size();
        for (const auto& [x, y] : samples)
        {
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        b = std::max(0.0, (n * sxy - sx * sy) / (n * sxx - sx * sx));
        a = std::max(0.0, (sy - b * sx) / n);
    }
};

/**
 * Median time of one call, in ns.
 * @param iterations calls per trial
 * @param f the call
 * @return ns per call
 */
template <typename F>
double
NsPerCall(uint32_t iterations, F f)
{
    std::vector<double> trials;
    for (int t = 0; t < 5; t++)
    {
        auto t0 = std::chrono::steady_clock::now();
        for (uint32_t i = 0; i < iterations; i++)
        {
            f(i);
        }
        auto t1 = std::chrono::steady_clock::now();
        trials.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count() / iterations);
    }
    std::sort(trials.begin(), trials.end());
    return trials[trials.size() / 2];
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
 * Write one operation's line.
 * @param os the stream
 * @param name the operation
 * @param fit the samples
 */
void
Write(std::ostream& os, const std::string& name, const Fit& fit)
{
    double a = 0;
    double b = 0;
    fit.Line(a, b);
    os << std::left << std::setw(36) << name << std::right << std::fixed << std::setprecision(1)
       << std::setw(10) << a << std::setprecision(4) << std::setw(10) << b << '\n';
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string output;
    uint32_t iterations = 2000;
    CommandLine cmd(__FILE__);
    cmd.AddValue("output", "table file to write (default: standard output)", output);
    cmd.AddValue("iterations", "operations per timing trial", iterations);
    cmd.Parse(argc, argv);

    std::ostringstream table;
    table << "# ns3-ipsec crypto cost table: operation fixed_ns per_byte_ns\n"
          << "# cpu: " << CpuModel() << "\n"
          << "# openssl: " << OpenSSL_version(OPENSSL_VERSION) << "\n"
          << "# method: bench/ipsec-measure-costs, one thread, the module's EspCodec/AhCodec on "
             "OpenSSL EVP;\n#   median of 5 trials of "
          << iterations << " operations at";
    for (uint32_t s : kSizes)
    {
        table << ' ' << s;
    }
    table << " bytes, least-squares line per operation\n";

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
                         "3des-sha256"};
    for (const char* proposal : esp)
    {
        EspSuite suite = EspSuite::Parse(proposal);
        std::vector<uint8_t> ek(suite.encryption->keySize, 0x11);
        std::vector<uint8_t> ik(suite.integrity ? suite.integrity->keySize : 0, 0x22);
        EspCodec codec(0x1000, suite, ByteSpan(ek), ByteSpan(ik));
        Fit out;
        Fit in;
        for (uint32_t size : kSizes)
        {
            std::vector<uint8_t> payload(size, 0x5a);
            std::vector<uint8_t> packet;
            out.samples.emplace_back(size, NsPerCall(iterations, [&](uint32_t i) {
                                         codec.Encapsulate(i + 1, 17, ByteSpan(payload), packet);
                                     }));
            std::vector<uint8_t> plain;
            uint8_t nh = 0;
            codec.Encapsulate(1, 17, ByteSpan(payload), packet);
            in.samples.emplace_back(packet.size(), NsPerCall(iterations, [&](uint32_t) {
                                        codec.Decapsulate(ByteSpan(packet), 0, plain, nh);
                                    }));
        }
        std::string name = suite.encryption->keyword;
        if (suite.integrity != nullptr)
        {
            name += std::string("-") + suite.integrity->keyword;
        }
        Write(table, "esp/" + name + "/out", out);
        Write(table, "esp/" + name + "/in", in);
    }

    const char* ah[] = {"sha1", "sha256", "sha384", "sha512", "aesxcbc"};
    for (const char* keyword : ah)
    {
        const TransformInfo* integ = FindTransformByKeyword(keyword);
        std::vector<uint8_t> key(integ->keySize, 0x33);
        AhCodec codec(0x1000, *integ, ByteSpan(key));
        Fit out;
        Fit in;
        uint8_t ip[20] = {0x45, 0, 0, 0, 0, 0, 0, 0, 64, 51};
        for (uint32_t size : kSizes)
        {
            std::vector<uint8_t> payload(size, 0x5a);
            std::vector<uint8_t> header;
            out.samples.emplace_back(
                size,
                NsPerCall(iterations, [&](uint32_t i) {
                    codec.Compute(i + 1, 17, ByteSpan(ip, 20), ByteSpan(payload), header);
                }));
            codec.Compute(1, 17, ByteSpan(ip, 20), ByteSpan(payload), header);
            uint8_t nh = 0;
            in.samples.emplace_back(
                header.size() + size,
                NsPerCall(iterations, [&](uint32_t) {
                    codec.Verify(ByteSpan(ip, 20), ByteSpan(header), ByteSpan(payload), 0, nh);
                }));
        }
        Write(table, std::string("ah/") + integ->keyword + "/out", out);
        Write(table, std::string("ah/") + integ->keyword + "/in", in);
    }

    if (output.empty())
    {
        std::cout << table.str();
    }
    else
    {
        std::ofstream(output) << table.str();
        std::cout << "wrote " << output << '\n';
    }
    return 0;
}
