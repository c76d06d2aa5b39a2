// SPDX-License-Identifier: GPL-2.0-only
// The default crypto cost table: data/crypto-costs-reference.txt, measured with
// bench/ipsec-measure-costs (its header names the CPU, the OpenSSL version and the method).
// Regenerate both together: ipsec-measure-costs --output=data/crypto-costs-reference.txt

#include "ipsec-crypto-engine.h"

#include <sstream>

namespace ns3
{
namespace ipsec
{

const char*
CryptoCostTable::ReferenceText()
{
    return "# ns3-ipsec crypto cost table: operation fixed_ns per_byte_ns\n"
           "# cpu: AMD EPYC\n"
           "# openssl: OpenSSL 3.0.22 25 Aug 2026\n"
           "# method: bench/ipsec-measure-costs, one thread, the module's EspCodec/AhCodec on "
           "OpenSSL EVP;\n"
           "#   median of 5 trials of 2000 operations at 64 256 512 1024 1400 bytes, least-squares "
           "line per operation\n"
           "esp/null-sha1/out                        161.7    0.4724\n"
           "esp/null-sha1/in                         162.1    0.4632\n"
           "esp/null-sha256/out                      166.9    0.4978\n"
           "esp/null-sha256/in                       165.1    0.4967\n"
           "esp/aes128-sha1/out                      380.5    1.0981\n"
           "esp/aes128-sha1/in                       243.5    0.5481\n"
           "esp/aes128-sha256/out                    396.3    1.1169\n"
           "esp/aes128-sha256/in                     245.4    0.5796\n"
           "esp/aes256-sha256/out                    403.9    1.3759\n"
           "esp/aes256-sha256/in                     254.5    0.6144\n"
           "esp/aes256-sha512/out                    651.0    1.7588\n"
           "esp/aes256-sha512/in                     475.5    0.9872\n"
           "esp/aes128-aesxcbc/out                   305.6    1.9632\n"
           "esp/aes128-aesxcbc/in                     86.8    1.4336\n"
           "esp/aes128ctr-sha1/out                   277.2    0.5504\n"
           "esp/aes128ctr-sha1/in                    256.6    0.5631\n"
           "esp/aes128ctr-sha256/out                 282.8    0.5919\n"
           "esp/aes128ctr-sha256/in                  275.8    0.5819\n"
           "esp/aes128gcm16/out                      222.9    0.1651\n"
           "esp/aes128gcm16/in                       202.0    0.1846\n"
           "esp/aes256gcm16/out                      241.2    0.1770\n"
           "esp/aes256gcm16/in                       244.8    0.1661\n"
           "esp/aes128gcm8/out                       219.1    0.1718\n"
           "esp/aes128gcm8/in                        209.0    0.1757\n"
           "esp/aes128gmac/out                       211.2    0.1016\n"
           "esp/aes128gmac/in                        204.6    0.1020\n"
           "esp/aes256gmac/out                       211.2    0.1004\n"
           "esp/aes256gmac/in                        204.4    0.1008\n"
           "esp/chacha20poly1305/out                 542.6    0.2712\n"
           "esp/chacha20poly1305/in                  597.2    0.2469\n"
           "esp/3des-sha1/out                        621.2   27.4973\n"
           "esp/3des-sha1/in                           0.0   26.5730\n"
           "esp/3des-sha256/out                      477.5   28.0045\n"
           "esp/3des-sha256/in                         0.0   26.9602\n"
           "ah/sha1/out                              179.7    0.4817\n"
           "ah/sha1/in                               168.1    0.4842\n"
           "ah/sha256/out                            199.7    0.5924\n"
           "ah/sha256/in                             185.9    0.5861\n"
           "ah/sha384/out                            443.5    0.8271\n"
           "ah/sha384/in                             411.1    0.8210\n"
           "ah/sha512/out                            415.4    0.8360\n"
           "ah/sha512/in                             382.3    0.8417\n"
           "ah/aesxcbc/out                            66.2    1.3971\n"
           "ah/aesxcbc/in                             32.1    1.4124\n";
}

CryptoCostTable
CryptoCostTable::Reference()
{
    std::istringstream in(ReferenceText());
    return Parse(in, "reference table");
}

} // namespace ipsec
} // namespace ns3
