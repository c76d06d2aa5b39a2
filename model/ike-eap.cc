// SPDX-License-Identifier: GPL-2.0-only
#include "ike-eap.h"

#include "ipsec-openssl-util.h"

#include <cstring>
#include <exception>
#include <openssl/evp.h>

namespace ns3
{
namespace ipsec
{

namespace
{

/// RFC 2759 §8.7 Magic1: "Magic server to client signing constant".
constexpr char MSCHAPV2_MAGIC1[] = "Magic server to client signing constant";
/// RFC 2759 §8.7 Magic2: "Pad to make it do more than one iteration".
constexpr char MSCHAPV2_MAGIC2[] = "Pad to make it do more than one iteration";
/// RFC 3079 §3.4 GetMasterKey Magic1.
constexpr char MPPE_MASTER_MAGIC[] = "This is the MPPE Master Key";
/// RFC 3079 §3.4 GetAsymmetricStartKey Magic2 (client send = server receive).
constexpr char MPPE_MAGIC2[] = "On the client side, this is the send key; "
                               "on the server side, it is the receive key.";
/// RFC 3079 §3.4 GetAsymmetricStartKey Magic3 (client receive = server send).
constexpr char MPPE_MAGIC3[] = "On the client side, this is the receive key; "
                               "on the server side, it is the send key.";

static_assert(sizeof(MSCHAPV2_MAGIC1) - 1 == 39, "RFC 2759 §8.7 Magic1 is 39 bytes");
static_assert(sizeof(MSCHAPV2_MAGIC2) - 1 == 41, "RFC 2759 §8.7 Magic2 is 41 bytes");
static_assert(sizeof(MPPE_MASTER_MAGIC) - 1 == 27, "RFC 3079 §3.4 Magic1 is 27 bytes");
static_assert(sizeof(MPPE_MAGIC2) - 1 == 84, "RFC 3079 §3.4 Magic2 is 84 bytes");
static_assert(sizeof(MPPE_MAGIC3) - 1 == 84, "RFC 3079 §3.4 Magic3 is 84 bytes");

/// A string constant's bytes without its NUL.
template <size_t N>
ByteSpan
Literal(const char (&s)[N])
{
    return ByteSpan(reinterpret_cast<const uint8_t*>(s), N - 1);
}

void
Append(std::vector<uint8_t>& out, ByteSpan bytes)
{
    if (bytes.size > 0)
    {
        out.insert(out.end(), bytes.data, bytes.data + bytes.size);
    }
}

void
Append(std::vector<uint8_t>& out, const std::string& s)
{
    out.insert(out.end(), s.begin(), s.end());
}

ByteSpan
Str(const std::string& s)
{
    return ByteSpan(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

/// One-shot digest of the concatenation of parts; empty on failure.
std::vector<uint8_t>
Digest(const EVP_MD* md, std::initializer_list<ByteSpan> parts)
{
    std::vector<uint8_t> data;
    for (const auto& p : parts)
    {
        Append(data, p);
    }
    std::vector<uint8_t> out(EVP_MAX_MD_SIZE);
    unsigned int len = 0;
    if (md == nullptr || EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) != 1)
    {
        return {};
    }
    out.resize(len);
    return out;
}

std::string
HexUpper(const uint8_t* p, size_t n)
{
    static const char digits[] = "0123456789ABCDEF";
    std::string s;
    s.reserve(2 * n);
    for (size_t i = 0; i < n; ++i)
    {
        s.push_back(digits[p[i] >> 4]);
        s.push_back(digits[p[i] & 0x0f]);
    }
    return s;
}

int
HexValue(char c)
{
    if (c >= '0' && c <= '9')
    {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f')
    {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F')
    {
        return c - 'A' + 10;
    }
    return -1;
}

bool
DecodeHex(const std::string& hex, std::vector<uint8_t>& out)
{
    if (hex.size() % 2 != 0)
    {
        return false;
    }
    out.clear();
    for (size_t i = 0; i < hex.size(); i += 2)
    {
        const int hi = HexValue(hex[i]);
        const int lo = HexValue(hex[i + 1]);
        if (hi < 0 || lo < 0)
        {
            return false;
        }
        out.push_back(static_cast<uint8_t>((hi << 4) | lo));
    }
    return true;
}

/// Decimal digits only, at most 9 of them (no overflow).
bool
ParseSmallNumber(const std::string& s, uint32_t& out)
{
    if (s.empty() || s.size() > 9)
    {
        return false;
    }
    uint32_t v = 0;
    for (char c : s)
    {
        if (c < '0' || c > '9')
        {
            return false;
        }
        v = v * 10 + static_cast<uint32_t>(c - '0');
    }
    out = v;
    return true;
}

/// The message up to its first NUL (strongSwan's Success message ends with one).
std::string
UpToNul(const std::string& s)
{
    return s.substr(0, s.find('\0'));
}

/// Space-separated tokens; "M=" takes the rest of the string (the text may contain spaces).
std::vector<std::string>
Tokens(const std::string& s)
{
    std::vector<std::string> tokens;
    size_t i = 0;
    while (i < s.size())
    {
        while (i < s.size() && s[i] == ' ')
        {
            ++i;
        }
        if (i >= s.size())
        {
            break;
        }
        if (s.compare(i, 2, "M=") == 0)
        {
            tokens.push_back(s.substr(i));
            break;
        }
        const size_t end = s.find(' ', i);
        tokens.push_back(s.substr(i, end == std::string::npos ? std::string::npos : end - i));
        i = end == std::string::npos ? s.size() : end;
    }
    return tokens;
}

bool
CheckSize(ByteSpan s, size_t n)
{
    return s.size == n && s.data != nullptr;
}

uint32_t
Rotl(uint32_t x, int s)
{
    return (x << s) | (x >> (32 - s));
}

} // namespace

// ---------------------------------------------------------------------------------------------
// EAP codec
// ---------------------------------------------------------------------------------------------

std::vector<uint8_t>
SerializeEap(const EapPacket& packet)
{
    if (packet.code < EAP_CODE_REQUEST || packet.code > EAP_CODE_FAILURE)
    {
        return {};
    }
    const bool hasType = packet.code == EAP_CODE_REQUEST || packet.code == EAP_CODE_RESPONSE;
    const size_t length = EAP_HEADER_SIZE + (hasType ? 1 + packet.typeData.size() : 0);
    if (length > 0xffff)
    {
        return {};
    }
    std::vector<uint8_t> out;
    out.reserve(length);
    out.push_back(packet.code);
    out.push_back(packet.identifier);
    out.push_back(static_cast<uint8_t>(length >> 8));
    out.push_back(static_cast<uint8_t>(length));
    if (hasType)
    {
        out.push_back(packet.type);
        Append(out, packet.typeData);
    }
    return out;
}

bool
ParseEap(ByteSpan bytes, EapPacket& out, std::string& why)
{
    if (bytes.data == nullptr || bytes.size < EAP_HEADER_SIZE)
    {
        why = "EAP packet of " + std::to_string(bytes.size) + " bytes is shorter than its " +
              std::to_string(EAP_HEADER_SIZE) + "-byte header";
        return false;
    }
    const uint8_t code = bytes.data[0];
    if (code < EAP_CODE_REQUEST || code > EAP_CODE_FAILURE)
    {
        why = "unknown EAP code " + std::to_string(code);
        return false;
    }
    const size_t length = (size_t{bytes.data[2]} << 8) | bytes.data[3];
    if (length < EAP_HEADER_SIZE)
    {
        why = "EAP Length " + std::to_string(length) + " is smaller than the header";
        return false;
    }
    if (length > bytes.size)
    {
        why = "EAP Length " + std::to_string(length) + " exceeds the " +
              std::to_string(bytes.size) + " bytes received";
        return false;
    }
    if (length < bytes.size)
    {
        why = std::to_string(bytes.size - length) + " bytes after the EAP Length " +
              std::to_string(length);
        return false;
    }
    if (code == EAP_CODE_SUCCESS || code == EAP_CODE_FAILURE)
    {
        if (length != EAP_HEADER_SIZE)
        {
            why = std::string("EAP ") + (code == EAP_CODE_SUCCESS ? "Success" : "Failure") +
                  " must be 4 bytes, Length is " + std::to_string(length);
            return false;
        }
        out = EapPacket{};
        out.code = code;
        out.identifier = bytes.data[1];
        return true;
    }
    if (length < EAP_HEADER_SIZE + 1)
    {
        why = std::string("EAP ") + (code == EAP_CODE_REQUEST ? "Request" : "Response") +
              " without a Type";
        return false;
    }
    out = EapPacket{};
    out.code = code;
    out.identifier = bytes.data[1];
    out.type = bytes.data[4];
    out.typeData.assign(bytes.data + EAP_HEADER_SIZE + 1, bytes.data + length);
    return true;
}

std::string
EapTypeShortName(uint8_t type)
{
    switch (type)
    {
    case EAP_TYPE_IDENTITY:
        return "ID";
    case EAP_TYPE_NOTIFICATION:
        return "NTF";
    case EAP_TYPE_NAK:
        return "NAK";
    case EAP_TYPE_MD5:
        return "MD5";
    case 5:
        return "OTP";
    case 6:
        return "GTC";
    case 13:
        return "TLS";
    case 18:
        return "SIM";
    case 21:
        return "TTLS";
    case 23:
        return "AKA";
    case 25:
        return "PEAP";
    case EAP_TYPE_MSCHAPV2:
        return "MSCHAPV2";
    case 254:
        return "EXP";
    default:
        return std::to_string(type);
    }
}

std::string
DescribeEap(const EapPacket& packet)
{
    switch (packet.code)
    {
    case EAP_CODE_REQUEST:
        return "EAP/REQ/" + EapTypeShortName(packet.type);
    case EAP_CODE_RESPONSE:
        return "EAP/RES/" + EapTypeShortName(packet.type);
    case EAP_CODE_SUCCESS:
        return "EAP/SUCC";
    case EAP_CODE_FAILURE:
        return "EAP/FAIL";
    default:
        return "EAP/CODE" + std::to_string(packet.code);
    }
}

std::string
DescribeEap(ByteSpan bytes)
{
    EapPacket packet;
    std::string why;
    return ParseEap(bytes, packet, why) ? DescribeEap(packet) : std::string("EAP/INVALID");
}

// ---------------------------------------------------------------------------------------------
// MD4 (RFC 1320 §3) and single DES
// ---------------------------------------------------------------------------------------------

std::array<uint8_t, 16>
Md4(ByteSpan data)
{
    uint32_t a0 = 0x67452301;
    uint32_t b0 = 0xefcdab89;
    uint32_t c0 = 0x98badcfe;
    uint32_t d0 = 0x10325476;

    // §3.1-3.2: append 0x80, zeros to 56 mod 64, then the bit length (little-endian, 64 bits).
    std::vector<uint8_t> msg;
    msg.reserve(data.size + 72);
    Append(msg, data);
    msg.push_back(0x80);
    while (msg.size() % 64 != 56)
    {
        msg.push_back(0);
    }
    const uint64_t bits = static_cast<uint64_t>(data.size) * 8;
    for (int i = 0; i < 8; ++i)
    {
        msg.push_back(static_cast<uint8_t>(bits >> (8 * i)));
    }

    auto f = [](uint32_t x, uint32_t y, uint32_t z) { return (x & y) | (~x & z); };
    auto g = [](uint32_t x, uint32_t y, uint32_t z) { return (x & y) | (x & z) | (y & z); };
    auto h = [](uint32_t x, uint32_t y, uint32_t z) { return x ^ y ^ z; };

    for (size_t block = 0; block < msg.size(); block += 64)
    {
        uint32_t x[16];
        for (int i = 0; i < 16; ++i)
        {
            const uint8_t* p = &msg[block + 4 * i];
            x[i] = uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) |
                   (uint32_t{p[3]} << 24);
        }
        uint32_t a = a0;
        uint32_t b = b0;
        uint32_t c = c0;
        uint32_t d = d0;
        // Round 1: [abcd k s] a = (a + F(b,c,d) + X[k]) <<< s, k = 0..15, s = 3, 7, 11, 19.
        static const int s1[4] = {3, 7, 11, 19};
        for (int i = 0; i < 16; i += 4)
        {
            a = Rotl(a + f(b, c, d) + x[i], s1[0]);
            d = Rotl(d + f(a, b, c) + x[i + 1], s1[1]);
            c = Rotl(c + f(d, a, b) + x[i + 2], s1[2]);
            b = Rotl(b + f(c, d, a) + x[i + 3], s1[3]);
        }
        // Round 2: a = (a + G(b,c,d) + X[k] + 5A827999) <<< s, k = i, i+4, i+8, i+12.
        static const int s2[4] = {3, 5, 9, 13};
        for (int i = 0; i < 4; ++i)
        {
            a = Rotl(a + g(b, c, d) + x[i] + 0x5a827999, s2[0]);
            d = Rotl(d + g(a, b, c) + x[i + 4] + 0x5a827999, s2[1]);
            c = Rotl(c + g(d, a, b) + x[i + 8] + 0x5a827999, s2[2]);
            b = Rotl(b + g(c, d, a) + x[i + 12] + 0x5a827999, s2[3]);
        }
        // Round 3: a = (a + H(b,c,d) + X[k] + 6ED9EBA1) <<< s, k = j, j+8, j+4, j+12 for
        // j = 0, 2, 1, 3.
        static const int s3[4] = {3, 9, 11, 15};
        static const int order[4] = {0, 2, 1, 3};
        for (int j : order)
        {
            a = Rotl(a + h(b, c, d) + x[j] + 0x6ed9eba1, s3[0]);
            d = Rotl(d + h(a, b, c) + x[j + 8] + 0x6ed9eba1, s3[1]);
            c = Rotl(c + h(d, a, b) + x[j + 4] + 0x6ed9eba1, s3[2]);
            b = Rotl(b + h(c, d, a) + x[j + 12] + 0x6ed9eba1, s3[3]);
        }
        a0 += a;
        b0 += b;
        c0 += c;
        d0 += d;
    }

    std::array<uint8_t, 16> out{};
    const uint32_t words[4] = {a0, b0, c0, d0};
    for (int i = 0; i < 4; ++i)
    {
        for (int j = 0; j < 4; ++j)
        {
            out[4 * i + j] = static_cast<uint8_t>(words[i] >> (8 * j));
        }
    }
    return out;
}

bool
DesEncryptBlock(const uint8_t* key, const uint8_t* in, uint8_t* out)
{
    // OpenSSL 3 moved single DES ("DES-ECB") to the legacy provider; DES-EDE3 with K1 = K2 = K3
    // is the same function (E_K(D_K(E_K(x))) = E_K(x)) and is in the default provider.
    uint8_t key3[24];
    for (int i = 0; i < 3; ++i)
    {
        std::memcpy(key3 + 8 * i, key, 8);
    }
    bool ok = false;
    try
    {
        const EVP_CIPHER* cipher = FetchCipher("DES-EDE3-ECB");
        CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
        int len = 0;
        int finalLen = 0;
        ok = ctx && EVP_EncryptInit_ex2(ctx.get(), cipher, key3, nullptr, nullptr) == 1 &&
             EVP_CIPHER_CTX_set_padding(ctx.get(), 0) == 1 &&
             EVP_EncryptUpdate(ctx.get(), out, &len, in, 8) == 1 && len == 8 &&
             EVP_EncryptFinal_ex(ctx.get(), out + len, &finalLen) == 1 && finalLen == 0;
    }
    catch (const std::exception&)
    {
        ok = false;
    }
    std::memset(key3, 0, sizeof(key3));
    return ok;
}

std::array<uint8_t, 8>
DesKeyFrom56(const uint8_t* key7)
{
    uint64_t bits = 0;
    for (int i = 0; i < 7; ++i)
    {
        bits = (bits << 8) | key7[i];
    }
    std::array<uint8_t, 8> out{};
    for (int i = 0; i < 8; ++i)
    {
        uint8_t b = static_cast<uint8_t>(((bits >> (49 - 7 * i)) & 0x7f) << 1);
        // Odd parity in the low bit (DES ignores it; RFC 2759 §8.6 leaves it to the library).
        uint8_t ones = 0;
        for (uint8_t v = b; v != 0; v >>= 1)
        {
            ones ^= v & 1;
        }
        out[i] = static_cast<uint8_t>(b | (ones ^ 1));
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// EAP-MD5
// ---------------------------------------------------------------------------------------------

std::vector<uint8_t>
BuildEapMd5TypeData(ByteSpan value, const std::string& name)
{
    if (value.size == 0 || value.size > 255)
    {
        return {};
    }
    std::vector<uint8_t> out;
    out.push_back(static_cast<uint8_t>(value.size));
    Append(out, value);
    Append(out, name);
    return out;
}

bool
ParseEapMd5TypeData(ByteSpan typeData,
                    std::vector<uint8_t>& value,
                    std::string& name,
                    std::string& why)
{
    if (typeData.data == nullptr || typeData.size < 1)
    {
        why = "EAP-MD5 data without a Value-Size";
        return false;
    }
    const size_t valueSize = typeData.data[0];
    if (valueSize == 0)
    {
        why = "EAP-MD5 Value-Size 0";
        return false;
    }
    if (1 + valueSize > typeData.size)
    {
        why = "EAP-MD5 Value-Size " + std::to_string(valueSize) + " exceeds the " +
              std::to_string(typeData.size - 1) + " bytes after it";
        return false;
    }
    value.assign(typeData.data + 1, typeData.data + 1 + valueSize);
    name.assign(reinterpret_cast<const char*>(typeData.data) + 1 + valueSize,
                typeData.size - 1 - valueSize);
    return true;
}

std::vector<uint8_t>
EapMd5ResponseValue(uint8_t identifier, ByteSpan secret, ByteSpan challenge)
{
    // RFC 1994 §4.1: "the Response Value is the one-way hash calculated over a stream of octets
    // consisting of the Identifier, followed by (concatenated with) the "secret", followed by
    // (concatenated with) the Challenge Value".
    return Digest(EVP_md5(), {ByteSpan(&identifier, 1), secret, challenge});
}

bool
EapMd5CheckResponseValue(uint8_t identifier, ByteSpan secret, ByteSpan challenge, ByteSpan response)
{
    const std::vector<uint8_t> expected = EapMd5ResponseValue(identifier, secret, challenge);
    return !expected.empty() && response.size == expected.size() &&
           ConstantTimeEqual(expected.data(), response.data, expected.size());
}

EapPacket
EapMd5Request(uint8_t identifier, ByteSpan challenge, const std::string& name)
{
    EapPacket p;
    p.code = EAP_CODE_REQUEST;
    p.identifier = identifier;
    p.type = EAP_TYPE_MD5;
    p.typeData = BuildEapMd5TypeData(challenge, name);
    return p;
}

bool
EapMd5Respond(const EapPacket& request,
              ByteSpan secret,
              const std::string& name,
              EapPacket& response,
              std::string& why)
{
    if (request.code != EAP_CODE_REQUEST || request.type != EAP_TYPE_MD5)
    {
        why = "not an EAP-MD5 Request: " + DescribeEap(request);
        return false;
    }
    std::vector<uint8_t> challenge;
    std::string serverName;
    if (!ParseEapMd5TypeData(request.typeData, challenge, serverName, why))
    {
        return false;
    }
    const std::vector<uint8_t> value =
        EapMd5ResponseValue(request.identifier, secret, ByteSpan(challenge));
    if (value.empty())
    {
        why = "MD5 failed";
        return false;
    }
    response = EapPacket{};
    response.code = EAP_CODE_RESPONSE;
    response.identifier = request.identifier;
    response.type = EAP_TYPE_MD5;
    response.typeData = BuildEapMd5TypeData(ByteSpan(value), name);
    return true;
}

bool
EapMd5Verify(const EapPacket& response,
             uint8_t identifier,
             ByteSpan secret,
             ByteSpan challenge,
             std::string& why)
{
    if (response.code != EAP_CODE_RESPONSE)
    {
        why = "not an EAP Response: " + DescribeEap(response);
        return false;
    }
    if (response.identifier != identifier)
    {
        why = "EAP Identifier " + std::to_string(response.identifier) + ", expected " +
              std::to_string(identifier);
        return false;
    }
    if (response.type == EAP_TYPE_NAK)
    {
        why = "peer refused EAP-MD5 (Nak)";
        return false;
    }
    if (response.type != EAP_TYPE_MD5)
    {
        why = "EAP Response of type " + EapTypeShortName(response.type) + ", expected MD5";
        return false;
    }
    std::vector<uint8_t> value;
    std::string name;
    if (!ParseEapMd5TypeData(response.typeData, value, name, why))
    {
        return false;
    }
    if (value.size() != EAP_MD5_VALUE_SIZE)
    {
        why = "EAP-MD5 response value of " + std::to_string(value.size()) + " bytes";
        return false;
    }
    if (!EapMd5CheckResponseValue(identifier, secret, challenge, ByteSpan(value)))
    {
        why = "EAP-MD5 response value wrong";
        return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// MS-CHAPv2 algorithms (RFC 2759 §8) and MPPE keys (RFC 3079 §3.4)
// ---------------------------------------------------------------------------------------------

std::vector<uint8_t>
PasswordToUtf16Le(const std::string& password)
{
    std::vector<uint8_t> out;
    out.reserve(2 * password.size());
    auto put = [&out](uint32_t unit) {
        out.push_back(static_cast<uint8_t>(unit));
        out.push_back(static_cast<uint8_t>(unit >> 8));
    };
    const auto* s = reinterpret_cast<const uint8_t*>(password.data());
    const size_t n = password.size();
    size_t i = 0;
    while (i < n)
    {
        const uint8_t lead = s[i];
        size_t len = 0;
        uint32_t cp = 0;
        uint32_t min = 0;
        if (lead < 0x80)
        {
            len = 1;
            cp = lead;
        }
        else if ((lead & 0xe0) == 0xc0)
        {
            len = 2;
            cp = lead & 0x1f;
            min = 0x80;
        }
        else if ((lead & 0xf0) == 0xe0)
        {
            len = 3;
            cp = lead & 0x0f;
            min = 0x800;
        }
        else if ((lead & 0xf8) == 0xf0)
        {
            len = 4;
            cp = lead & 0x07;
            min = 0x10000;
        }
        bool valid = len != 0 && i + len <= n;
        for (size_t k = 1; valid && k < len; ++k)
        {
            if ((s[i + k] & 0xc0) != 0x80)
            {
                valid = false;
            }
            else
            {
                cp = (cp << 6) | (s[i + k] & 0x3f);
            }
        }
        if (valid && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)))
        {
            valid = false;
        }
        if (!valid)
        {
            put(lead); // not UTF-8: the byte as U+00xx, like strongSwan's ascii_to_unicode()
            ++i;
            continue;
        }
        if (cp >= 0x10000)
        {
            cp -= 0x10000;
            put(0xd800 | (cp >> 10));
            put(0xdc00 | (cp & 0x3ff));
        }
        else
        {
            put(cp);
        }
        i += len;
    }
    return out;
}

std::array<uint8_t, 16>
NtPasswordHash(const std::string& password)
{
    std::vector<uint8_t> unicode = PasswordToUtf16Le(password);
    const auto hash = Md4(ByteSpan(unicode));
    std::fill(unicode.begin(), unicode.end(), 0);
    return hash;
}

std::array<uint8_t, 16>
HashNtPasswordHash(ByteSpan passwordHash)
{
    return Md4(passwordHash);
}

std::string
MsChapV2UserName(const std::string& userId)
{
    const size_t slash = userId.find('\\');
    return slash == std::string::npos ? userId : userId.substr(slash + 1);
}

std::vector<uint8_t>
MsChapV2ChallengeHash(ByteSpan peerChallenge,
                      ByteSpan authenticatorChallenge,
                      const std::string& userName)
{
    if (!CheckSize(peerChallenge, MSCHAPV2_CHALLENGE_SIZE) ||
        !CheckSize(authenticatorChallenge, MSCHAPV2_CHALLENGE_SIZE))
    {
        return {};
    }
    std::vector<uint8_t> digest =
        Digest(EVP_sha1(), {peerChallenge, authenticatorChallenge, Str(userName)});
    if (digest.size() < 8)
    {
        return {};
    }
    digest.resize(8);
    return digest;
}

std::vector<uint8_t>
MsChapV2ChallengeResponse(ByteSpan challenge, ByteSpan passwordHash)
{
    if (!CheckSize(challenge, 8) || !CheckSize(passwordHash, 16))
    {
        return {};
    }
    uint8_t zHash[21] = {0};
    std::memcpy(zHash, passwordHash.data, 16);
    std::vector<uint8_t> response(MSCHAPV2_NT_RESPONSE_SIZE);
    bool ok = true;
    for (int i = 0; i < 3 && ok; ++i)
    {
        auto key = DesKeyFrom56(zHash + 7 * i);
        ok = DesEncryptBlock(key.data(), challenge.data, response.data() + 8 * i);
        key.fill(0);
    }
    std::memset(zHash, 0, sizeof(zHash));
    return ok ? response : std::vector<uint8_t>{};
}

std::vector<uint8_t>
MsChapV2NtResponseFromHash(ByteSpan authenticatorChallenge,
                           ByteSpan peerChallenge,
                           const std::string& userName,
                           ByteSpan passwordHash)
{
    const std::vector<uint8_t> challenge =
        MsChapV2ChallengeHash(peerChallenge, authenticatorChallenge, userName);
    if (challenge.empty())
    {
        return {};
    }
    return MsChapV2ChallengeResponse(ByteSpan(challenge), passwordHash);
}

std::vector<uint8_t>
MsChapV2NtResponse(ByteSpan authenticatorChallenge,
                   ByteSpan peerChallenge,
                   const std::string& userName,
                   const std::string& password)
{
    const auto hash = NtPasswordHash(password);
    return MsChapV2NtResponseFromHash(authenticatorChallenge,
                                      peerChallenge,
                                      userName,
                                      ByteSpan(hash.data(), hash.size()));
}

std::string
MsChapV2AuthenticatorResponseFromHash(ByteSpan passwordHash,
                                      ByteSpan ntResponse,
                                      ByteSpan peerChallenge,
                                      ByteSpan authenticatorChallenge,
                                      const std::string& userName)
{
    if (!CheckSize(passwordHash, 16) || !CheckSize(ntResponse, MSCHAPV2_NT_RESPONSE_SIZE))
    {
        return {};
    }
    const auto hashHash = HashNtPasswordHash(passwordHash);
    const std::vector<uint8_t> digest =
        Digest(EVP_sha1(),
               {ByteSpan(hashHash.data(), hashHash.size()), ntResponse, Literal(MSCHAPV2_MAGIC1)});
    const std::vector<uint8_t> challenge =
        MsChapV2ChallengeHash(peerChallenge, authenticatorChallenge, userName);
    if (digest.empty() || challenge.empty())
    {
        return {};
    }
    const std::vector<uint8_t> auth =
        Digest(EVP_sha1(), {ByteSpan(digest), ByteSpan(challenge), Literal(MSCHAPV2_MAGIC2)});
    if (auth.size() != 20)
    {
        return {};
    }
    return "S=" + HexUpper(auth.data(), auth.size());
}

std::string
MsChapV2AuthenticatorResponse(const std::string& password,
                              ByteSpan ntResponse,
                              ByteSpan peerChallenge,
                              ByteSpan authenticatorChallenge,
                              const std::string& userName)
{
    const auto hash = NtPasswordHash(password);
    return MsChapV2AuthenticatorResponseFromHash(ByteSpan(hash.data(), hash.size()),
                                                 ntResponse,
                                                 peerChallenge,
                                                 authenticatorChallenge,
                                                 userName);
}

namespace
{
/// Compare an expected "S=<HEX>" with a received one: same length, hex case ignored, constant
/// time over the 42 characters.
bool
AuthResponseEqual(const std::string& expected, const std::string& received)
{
    if (expected.size() != MSCHAPV2_AUTH_RESPONSE_SIZE || received.size() != expected.size())
    {
        return false;
    }
    std::string upper = received;
    for (auto& c : upper)
    {
        if (c >= 'a' && c <= 'f')
        {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return ConstantTimeEqual(reinterpret_cast<const uint8_t*>(expected.data()),
                             reinterpret_cast<const uint8_t*>(upper.data()),
                             expected.size());
}
} // namespace

bool
MsChapV2CheckAuthenticatorResponse(ByteSpan passwordHash,
                                   ByteSpan ntResponse,
                                   ByteSpan peerChallenge,
                                   ByteSpan authenticatorChallenge,
                                   const std::string& userName,
                                   const std::string& received)
{
    const std::string expected = MsChapV2AuthenticatorResponseFromHash(passwordHash,
                                                                       ntResponse,
                                                                       peerChallenge,
                                                                       authenticatorChallenge,
                                                                       userName);
    return AuthResponseEqual(expected, received);
}

std::vector<uint8_t>
MppeGetMasterKey(ByteSpan passwordHashHash, ByteSpan ntResponse)
{
    if (!CheckSize(passwordHashHash, 16) || !CheckSize(ntResponse, MSCHAPV2_NT_RESPONSE_SIZE))
    {
        return {};
    }
    std::vector<uint8_t> digest =
        Digest(EVP_sha1(), {passwordHashHash, ntResponse, Literal(MPPE_MASTER_MAGIC)});
    if (digest.size() < 16)
    {
        return {};
    }
    digest.resize(16);
    return digest;
}

std::vector<uint8_t>
MppeGetAsymmetricStartKey(ByteSpan masterKey, size_t keyLength, bool isSend, bool isServer)
{
    if (!CheckSize(masterKey, 16) || keyLength == 0 || keyLength > 16)
    {
        return {};
    }
    // RFC 3079 §3.4: SHSpad1 is 40 zero bytes, SHSpad2 40 bytes of 0xf2.
    static const uint8_t pad1[40] = {0};
    uint8_t pad2[40];
    std::memset(pad2, 0xf2, sizeof(pad2));
    // if IsSend: s = IsServer ? Magic3 : Magic2; else s = IsServer ? Magic2 : Magic3.
    const bool magic3 = isSend == isServer;
    const ByteSpan s = magic3 ? Literal(MPPE_MAGIC3) : Literal(MPPE_MAGIC2);
    std::vector<uint8_t> digest =
        Digest(EVP_sha1(),
               {masterKey, ByteSpan(pad1, sizeof(pad1)), s, ByteSpan(pad2, sizeof(pad2))});
    if (digest.size() < keyLength)
    {
        return {};
    }
    digest.resize(keyLength);
    return digest;
}

std::vector<uint8_t>
MsChapV2Msk(ByteSpan passwordHash, ByteSpan ntResponse)
{
    if (!CheckSize(passwordHash, 16))
    {
        return {};
    }
    const auto hashHash = HashNtPasswordHash(passwordHash);
    const std::vector<uint8_t> master =
        MppeGetMasterKey(ByteSpan(hashHash.data(), hashHash.size()), ntResponse);
    if (master.empty())
    {
        return {};
    }
    // strongSwan src/libcharon/plugins/eap_mschapv2/eap_mschapv2.c, GenerateMSK() (read at
    // commit b12c53ce77be; unchanged since the 2009 plugin):
    //   master_receive_key = SHA1(master | shapad1 | magic2 | shapad2)[0..16)
    //   master_send_key    = SHA1(master | shapad1 | magic3 | shapad2)[0..16)
    //   *msk = chunk_cat("cccc", master_receive_key, master_send_key, keypad, keypad);
    // with keypad 16 zero bytes: the server's receive and send keys, then 32 zero bytes.
    const std::vector<uint8_t> receive =
        MppeGetAsymmetricStartKey(ByteSpan(master), 16, false, true);
    const std::vector<uint8_t> send = MppeGetAsymmetricStartKey(ByteSpan(master), 16, true, true);
    if (receive.empty() || send.empty())
    {
        return {};
    }
    std::vector<uint8_t> msk;
    msk.reserve(EAP_MSK_SIZE);
    Append(msk, ByteSpan(receive));
    Append(msk, ByteSpan(send));
    msk.resize(EAP_MSK_SIZE, 0);
    return msk;
}

bool
MsChapV2Compute(ByteSpan authenticatorChallenge,
                ByteSpan peerChallenge,
                const std::string& userName,
                ByteSpan passwordHash,
                MsChapV2Keys& out)
{
    out = MsChapV2Keys{};
    out.ntResponse =
        MsChapV2NtResponseFromHash(authenticatorChallenge, peerChallenge, userName, passwordHash);
    if (out.ntResponse.empty())
    {
        return false;
    }
    out.authenticatorResponse = MsChapV2AuthenticatorResponseFromHash(passwordHash,
                                                                      ByteSpan(out.ntResponse),
                                                                      peerChallenge,
                                                                      authenticatorChallenge,
                                                                      userName);
    out.msk = MsChapV2Msk(passwordHash, ByteSpan(out.ntResponse));
    return !out.authenticatorResponse.empty() && !out.msk.empty();
}

// ---------------------------------------------------------------------------------------------
// EAP-MSCHAPv2 packets
// ---------------------------------------------------------------------------------------------

std::vector<uint8_t>
SerializeMsChapV2(const MsChapV2Packet& packet)
{
    const uint8_t op = packet.opCode;
    if (op < MSCHAPV2_OP_CHALLENGE || op > MSCHAPV2_OP_FAILURE)
    {
        return {};
    }
    if (packet.shortForm)
    {
        if (op != MSCHAPV2_OP_SUCCESS && op != MSCHAPV2_OP_FAILURE)
        {
            return {};
        }
        return {op};
    }
    std::vector<uint8_t> out = {op, packet.msChapV2Id, 0, 0};
    if (op == MSCHAPV2_OP_CHALLENGE || op == MSCHAPV2_OP_RESPONSE)
    {
        if (packet.value.size() > 255)
        {
            return {};
        }
        out.push_back(static_cast<uint8_t>(packet.value.size()));
        Append(out, ByteSpan(packet.value));
        Append(out, packet.name);
    }
    else
    {
        Append(out, packet.message);
    }
    // MS-Length = EAP Length - 5 = the Type-Data size; the EAP packet must fit 65535 bytes too.
    if (out.size() > 0xffff - EAP_HEADER_SIZE - 1)
    {
        return {};
    }
    out[2] = static_cast<uint8_t>(out.size() >> 8);
    out[3] = static_cast<uint8_t>(out.size());
    return out;
}

bool
ParseMsChapV2(ByteSpan typeData, uint8_t eapCode, MsChapV2Packet& out, std::string& why)
{
    if (eapCode != EAP_CODE_REQUEST && eapCode != EAP_CODE_RESPONSE)
    {
        why = "MS-CHAPv2 data outside an EAP Request or Response";
        return false;
    }
    if (typeData.data == nullptr || typeData.size < 1)
    {
        why = "MS-CHAPv2 data without an OpCode";
        return false;
    }
    const uint8_t op = typeData.data[0];
    const bool request = eapCode == EAP_CODE_REQUEST;
    out = MsChapV2Packet{};
    out.opCode = op;
    switch (op)
    {
    case MSCHAPV2_OP_CHALLENGE:
        if (!request)
        {
            why = "MS-CHAPv2 Challenge in an EAP Response";
            return false;
        }
        break;
    case MSCHAPV2_OP_RESPONSE:
        if (request)
        {
            why = "MS-CHAPv2 Response in an EAP Request";
            return false;
        }
        break;
    case MSCHAPV2_OP_SUCCESS:
    case MSCHAPV2_OP_FAILURE:
        if (!request)
        {
            // draft-kamath §2: the peer's Success and Failure packets are the OpCode alone.
            out.shortForm = true;
            return true;
        }
        break;
    case MSCHAPV2_OP_CHANGE_PASSWORD:
        why = "MS-CHAPv2 Change-Password is not supported";
        return false;
    default:
        why = "unknown MS-CHAPv2 OpCode " + std::to_string(op);
        return false;
    }
    if (typeData.size < 4)
    {
        why = "MS-CHAPv2 data of " + std::to_string(typeData.size) +
              " bytes is shorter than its 4-byte header";
        return false;
    }
    out.msChapV2Id = typeData.data[1];
    const size_t msLength = (size_t{typeData.data[2]} << 8) | typeData.data[3];
    if (msLength != typeData.size)
    {
        why = "MS-Length " + std::to_string(msLength) + " differs from the " +
              std::to_string(typeData.size) + " bytes of MS-CHAPv2 data";
        return false;
    }
    if (op == MSCHAPV2_OP_SUCCESS || op == MSCHAPV2_OP_FAILURE)
    {
        out.message.assign(reinterpret_cast<const char*>(typeData.data) + 4, typeData.size - 4);
        return true;
    }
    if (typeData.size < 5)
    {
        why = "MS-CHAPv2 Challenge/Response without a Value-Size";
        return false;
    }
    const size_t valueSize = typeData.data[4];
    const size_t expected =
        op == MSCHAPV2_OP_CHALLENGE ? MSCHAPV2_CHALLENGE_SIZE : MSCHAPV2_RESPONSE_VALUE_SIZE;
    if (valueSize != expected)
    {
        why = "MS-CHAPv2 Value-Size " + std::to_string(valueSize) + ", expected " +
              std::to_string(expected);
        return false;
    }
    if (5 + valueSize > typeData.size)
    {
        why = "MS-CHAPv2 value truncated: " + std::to_string(typeData.size - 5) + " of " +
              std::to_string(valueSize) + " bytes";
        return false;
    }
    out.value.assign(typeData.data + 5, typeData.data + 5 + valueSize);
    out.name.assign(reinterpret_cast<const char*>(typeData.data) + 5 + valueSize,
                    typeData.size - 5 - valueSize);
    return true;
}

bool
SplitMsChapV2ResponseValue(ByteSpan value,
                           std::vector<uint8_t>& peerChallenge,
                           std::vector<uint8_t>& ntResponse)
{
    if (!CheckSize(value, MSCHAPV2_RESPONSE_VALUE_SIZE))
    {
        return false;
    }
    // Peer-Challenge(16) | Reserved(8) | NT-Response(24) | Flags(1) (RFC 2759 §4).
    peerChallenge.assign(value.data, value.data + MSCHAPV2_CHALLENGE_SIZE);
    ntResponse.assign(value.data + 24, value.data + 24 + MSCHAPV2_NT_RESPONSE_SIZE);
    return true;
}

bool
ParseMsChapV2SuccessMessage(const std::string& message,
                            std::string& authResponse,
                            std::string& text)
{
    authResponse.clear();
    text.clear();
    for (const auto& token : Tokens(UpToNul(message)))
    {
        if (token.compare(0, 2, "S=") == 0)
        {
            std::vector<uint8_t> bytes;
            if (token.size() != MSCHAPV2_AUTH_RESPONSE_SIZE || !DecodeHex(token.substr(2), bytes))
            {
                return false;
            }
            authResponse = token;
        }
        else if (token.compare(0, 2, "M=") == 0)
        {
            text = token.substr(2);
        }
    }
    return !authResponse.empty();
}

bool
ParseMsChapV2FailureMessage(const std::string& message, MsChapV2Failure& out, std::string& why)
{
    out = MsChapV2Failure{};
    bool haveError = false;
    for (const auto& token : Tokens(UpToNul(message)))
    {
        const std::string key = token.substr(0, 2);
        const std::string value = token.size() > 2 ? token.substr(2) : std::string();
        uint32_t number = 0;
        if (key == "E=")
        {
            if (!ParseSmallNumber(value, out.error))
            {
                why = "MS-CHAPv2 Failure: bad E= \"" + value + "\"";
                return false;
            }
            haveError = true;
        }
        else if (key == "R=")
        {
            if (!ParseSmallNumber(value, number) || number > 1)
            {
                why = "MS-CHAPv2 Failure: bad R= \"" + value + "\"";
                return false;
            }
            out.retry = number == 1;
        }
        else if (key == "C=")
        {
            if (value.size() != 2 * MSCHAPV2_CHALLENGE_SIZE || !DecodeHex(value, out.challenge))
            {
                why = "MS-CHAPv2 Failure: bad C= \"" + value + "\"";
                return false;
            }
        }
        else if (key == "V=")
        {
            if (!ParseSmallNumber(value, out.version))
            {
                why = "MS-CHAPv2 Failure: bad V= \"" + value + "\"";
                return false;
            }
        }
        else if (key == "M=")
        {
            out.text = value;
        }
    }
    if (!haveError)
    {
        why = "MS-CHAPv2 Failure without E=";
        return false;
    }
    return true;
}

EapPacket
MsChapV2ChallengeRequest(uint8_t identifier,
                         uint8_t msChapV2Id,
                         ByteSpan authenticatorChallenge,
                         const std::string& serverName)
{
    MsChapV2Packet challenge;
    challenge.opCode = MSCHAPV2_OP_CHALLENGE;
    challenge.msChapV2Id = msChapV2Id;
    if (authenticatorChallenge.size > 0)
    {
        challenge.value.assign(authenticatorChallenge.data,
                               authenticatorChallenge.data + authenticatorChallenge.size);
    }
    challenge.name = serverName;
    EapPacket p;
    p.code = EAP_CODE_REQUEST;
    p.identifier = identifier;
    p.type = EAP_TYPE_MSCHAPV2;
    p.typeData = SerializeMsChapV2(challenge);
    return p;
}

bool
MsChapV2Respond(const EapPacket& request,
                const std::string& userId,
                ByteSpan passwordHash,
                ByteSpan peerChallenge,
                EapPacket& response,
                MsChapV2Keys& keys,
                std::string& why)
{
    if (request.code != EAP_CODE_REQUEST || request.type != EAP_TYPE_MSCHAPV2)
    {
        why = "not an EAP-MSCHAPv2 Request: " + DescribeEap(request);
        return false;
    }
    MsChapV2Packet challenge;
    if (!ParseMsChapV2(request.typeData, request.code, challenge, why))
    {
        return false;
    }
    if (challenge.opCode != MSCHAPV2_OP_CHALLENGE)
    {
        why = "MS-CHAPv2 OpCode " + std::to_string(challenge.opCode) + ", expected Challenge";
        return false;
    }
    if (!CheckSize(peerChallenge, MSCHAPV2_CHALLENGE_SIZE))
    {
        why = "peer challenge must be 16 bytes";
        return false;
    }
    if (!MsChapV2Compute(ByteSpan(challenge.value),
                         peerChallenge,
                         MsChapV2UserName(userId),
                         passwordHash,
                         keys))
    {
        why = "MS-CHAPv2 computation failed (password hash size or crypto library)";
        return false;
    }
    MsChapV2Packet answer;
    answer.opCode = MSCHAPV2_OP_RESPONSE;
    answer.msChapV2Id = challenge.msChapV2Id;
    answer.value.assign(MSCHAPV2_RESPONSE_VALUE_SIZE, 0);
    std::memcpy(answer.value.data(), peerChallenge.data, MSCHAPV2_CHALLENGE_SIZE);
    std::memcpy(answer.value.data() + 24, keys.ntResponse.data(), MSCHAPV2_NT_RESPONSE_SIZE);
    answer.name = userId;
    response = EapPacket{};
    response.code = EAP_CODE_RESPONSE;
    response.identifier = request.identifier;
    response.type = EAP_TYPE_MSCHAPV2;
    response.typeData = SerializeMsChapV2(answer);
    if (response.typeData.empty())
    {
        why = "MS-CHAPv2 Response too long";
        return false;
    }
    return true;
}

bool
MsChapV2VerifyResponse(const EapPacket& response,
                       uint8_t identifier,
                       ByteSpan authenticatorChallenge,
                       ByteSpan passwordHash,
                       const std::string& successText,
                       EapPacket& successRequest,
                       MsChapV2Keys& keys,
                       std::string& why)
{
    if (response.code != EAP_CODE_RESPONSE || response.type != EAP_TYPE_MSCHAPV2)
    {
        why = "not an EAP-MSCHAPv2 Response: " + DescribeEap(response);
        return false;
    }
    if (response.identifier != identifier)
    {
        why = "EAP Identifier " + std::to_string(response.identifier) + ", expected " +
              std::to_string(identifier);
        return false;
    }
    MsChapV2Packet answer;
    if (!ParseMsChapV2(response.typeData, response.code, answer, why))
    {
        return false;
    }
    if (answer.opCode != MSCHAPV2_OP_RESPONSE)
    {
        why = "MS-CHAPv2 OpCode " + std::to_string(answer.opCode) + ", expected Response";
        return false;
    }
    std::vector<uint8_t> peerChallenge;
    std::vector<uint8_t> ntResponse;
    SplitMsChapV2ResponseValue(ByteSpan(answer.value), peerChallenge, ntResponse);
    if (!MsChapV2Compute(authenticatorChallenge,
                         ByteSpan(peerChallenge),
                         MsChapV2UserName(answer.name),
                         passwordHash,
                         keys))
    {
        why = "MS-CHAPv2 computation failed (challenge or password hash size, crypto library)";
        return false;
    }
    if (!ConstantTimeEqual(keys.ntResponse.data(), ntResponse.data(), MSCHAPV2_NT_RESPONSE_SIZE))
    {
        keys = MsChapV2Keys{};
        why = "MS-CHAPv2 NT-Response wrong";
        return false;
    }
    MsChapV2Packet success;
    success.opCode = MSCHAPV2_OP_SUCCESS;
    success.msChapV2Id = answer.msChapV2Id;
    success.message = keys.authenticatorResponse + " M=" + successText;
    successRequest = EapPacket{};
    successRequest.code = EAP_CODE_REQUEST;
    successRequest.identifier = static_cast<uint8_t>(identifier + 1);
    successRequest.type = EAP_TYPE_MSCHAPV2;
    successRequest.typeData = SerializeMsChapV2(success);
    if (successRequest.typeData.empty())
    {
        why = "MS-CHAPv2 Success message too long";
        return false;
    }
    return true;
}

bool
MsChapV2VerifySuccess(const EapPacket& request,
                      const MsChapV2Keys& keys,
                      EapPacket& response,
                      std::string& why)
{
    if (request.code != EAP_CODE_REQUEST || request.type != EAP_TYPE_MSCHAPV2)
    {
        why = "not an EAP-MSCHAPv2 Request: " + DescribeEap(request);
        return false;
    }
    MsChapV2Packet packet;
    if (!ParseMsChapV2(request.typeData, request.code, packet, why))
    {
        return false;
    }
    if (packet.opCode == MSCHAPV2_OP_FAILURE)
    {
        MsChapV2Failure failure;
        if (!ParseMsChapV2FailureMessage(packet.message, failure, why))
        {
            return false;
        }
        why = "MS-CHAPv2 Failure E=" + std::to_string(failure.error) +
              (failure.retry ? " (retry allowed)" : "") +
              (failure.text.empty() ? "" : ": " + failure.text);
        return false;
    }
    if (packet.opCode != MSCHAPV2_OP_SUCCESS)
    {
        why = "MS-CHAPv2 OpCode " + std::to_string(packet.opCode) + ", expected Success";
        return false;
    }
    std::string auth;
    std::string text;
    if (!ParseMsChapV2SuccessMessage(packet.message, auth, text))
    {
        why = "MS-CHAPv2 Success without a valid S= authenticator response";
        return false;
    }
    if (!AuthResponseEqual(keys.authenticatorResponse, auth))
    {
        why = "MS-CHAPv2 authenticator response wrong: the server does not know the password";
        return false;
    }
    MsChapV2Packet ack;
    ack.opCode = MSCHAPV2_OP_SUCCESS;
    ack.shortForm = true;
    response = EapPacket{};
    response.code = EAP_CODE_RESPONSE;
    response.identifier = request.identifier;
    response.type = EAP_TYPE_MSCHAPV2;
    response.typeData = SerializeMsChapV2(ack);
    return true;
}

} // namespace ipsec
} // namespace ns3
