// SPDX-License-Identifier: GPL-2.0-only

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-hex.h"

#include <gtest/gtest.h>

using namespace ns3::ipsec;

TEST(Hex, ParsesSeparatorsAndPrefix)
{
    const std::vector<uint8_t> expected{0x01, 0xab, 0xCD, 0xef};
    EXPECT_EQ(HexToBytes("01abcdef"), expected);
    EXPECT_EQ(HexToBytes("0x01ABCDEF"), expected);
    EXPECT_EQ(HexToBytes("01 ab\ncd\tef"), expected);
    EXPECT_EQ(HexToBytes("01:ab:cd:ef"), expected);
    EXPECT_TRUE(HexToBytes("").empty());
}

TEST(Hex, RejectsBadDigitNamingIt)
{
    try
    {
        HexToBytes("01zz");
        FAIL() << "no error";
    }
    catch (const ConfigError& e)
    {
        EXPECT_NE(std::string(e.what()).find("'z' at position 2"), std::string::npos) << e.what();
    }
}

TEST(Hex, RejectsOddDigitCount)
{
    EXPECT_THROW(HexToBytes("012"), ConfigError);
}

TEST(Hex, Formats)
{
    const std::vector<uint8_t> bytes{0x00, 0x0f, 0xf0, 0xff};
    EXPECT_EQ(BytesToHex(bytes), "000ff0ff");
    EXPECT_EQ(BytesToHex(bytes, " "), "00 0f f0 ff");
    EXPECT_EQ(BytesToHex(std::vector<uint8_t>{}), "");
}
