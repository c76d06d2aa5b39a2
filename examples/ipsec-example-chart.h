// SPDX-License-Identifier: GPL-2.0-only
// Message sequence charts of IKE exchanges for the examples: printed (one line per message, the
// arrow from its sender) and drawn as SVG (two lifelines, a lost message ending in a cross).
#ifndef IPSEC_EXAMPLE_CHART_H
#define IPSEC_EXAMPLE_CHART_H

#include "ns3/ipsec-config-error.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{
namespace ipsec
{
namespace example
{

/// One IKE message as the chart shows it.
struct ChartMessage
{
    double sent{-1};     ///< when it left its sender (s)
    double received{-1}; ///< when the peer accepted it (s; -1: never, lost or dropped)
    bool fromA{true};    ///< sent by gwA
    std::string text;    ///< "IKE_AUTH request 1 [ IDi AUTH SA TSi TSr ]"
    uint32_t attempt{0}; ///< retransmission number (0: first send)
};

/**
 * Print the chart: one line per message, the arrow pointing from its sender.
 * @param messages the messages, in order of sending
 * @param limit most messages printed
 * @param a the left lifeline's label
 * @param b the right one's
 */
inline void
PrintChart(const std::vector<ChartMessage>& messages,
           size_t limit,
           const std::string& a = "gwA 10.2.1.1",
           const std::string& b = "gwB 10.2.2.2")
{
    std::cout << "  time (s)   " << a << std::string(a.size() < 57 ? 57 - a.size() : 1, ' ') << b
              << "\n";
    size_t n = 0;
    for (const ChartMessage& m : messages)
    {
        if (n++ == limit)
        {
            std::cout << "  ... " << messages.size() - limit
                      << " more (see the SVG file, or --chartLimit)\n";
            break;
        }
        const std::string text =
            m.text + (m.attempt ? " (retransmission " + std::to_string(m.attempt) + ")" : "");
        // The arrow spans the chart from its sender's lifeline; a lost message ends in X.
        const size_t width = 66;
        const std::string shaft(text.size() + 6 < width ? width - text.size() - 6 : 2, '-');
        std::cout << "  " << std::fixed << std::setprecision(4) << std::setw(9) << m.sent << "   ";
        if (m.fromA)
        {
            std::cout << "|-- " << text << ' ' << shaft << (m.received < 0 ? "X" : ">|");
        }
        else
        {
            std::cout << (m.received < 0 ? "X" : "|<") << shaft << ' ' << text << " --|";
        }
        std::cout << "\n";
    }
    std::cout << std::defaultfloat;
}

/// Escape text for SVG.
inline std::string
Xml(const std::string& s)
{
    std::string out;
    for (char c : s)
    {
        out += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : std::string(1, c);
    }
    return out;
}

/**
 * Draw the chart as SVG: two lifelines, one arrow per message from its sending to its
 * receipt (a lost one ends in a cross half-way), spaced evenly down the page (the times are
 * written beside them).
 * @param messages the messages, in order of sending
 * @param path the file
 * @param limit most messages drawn
 * @param a the left lifeline's label
 * @param b the right one's
 */
inline void
WriteChartSvg(const std::vector<ChartMessage>& messages,
              const std::string& path,
              size_t limit,
              const std::string& a = "gwA 10.2.1.1",
              const std::string& b = "gwB 10.2.2.2")
{
    const size_t n = std::min(limit, messages.size());
    const int left = 150;
    const int right = 650;
    const int step = 34;
    const int height = 80 + static_cast<int>(n) * step;
    std::ofstream os(path);
    if (!os)
    {
        throw ConfigError("cannot write the chart " + path);
    }
    os << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"" << height
       << "\" font-family=\"monospace\" font-size=\"11\">\n"
       << "<text x=\"" << left - 40 << "\" y=\"20\" font-weight=\"bold\">" << Xml(a) << "</text>\n"
       << "<text x=\"" << right - 40 << "\" y=\"20\" font-weight=\"bold\">" << Xml(b) << "</text>\n"
       << "<line x1=\"" << left << "\" y1=\"30\" x2=\"" << left << "\" y2=\"" << height - 10
       << "\" stroke=\"gray\"/>\n"
       << "<line x1=\"" << right << "\" y1=\"30\" x2=\"" << right << "\" y2=\"" << height - 10
       << "\" stroke=\"gray\"/>\n";
    for (size_t i = 0; i < n; i++)
    {
        const ChartMessage& m = messages[i];
        const int y = 50 + static_cast<int>(i) * step;
        const int x1 = m.fromA ? left : right;
        const int x2 = m.fromA ? right : left;
        const bool lost = m.received < 0;
        const int xEnd = lost ? (x1 + x2) / 2 : x2;
        const std::string colour = lost ? "firebrick" : (m.attempt ? "darkorange" : "black");
        os << "<line x1=\"" << x1 << "\" y1=\"" << y << "\" x2=\"" << xEnd << "\" y2=\"" << y + 12
           << "\" stroke=\"" << colour << "\""
           << "/>\n";
        if (!lost)
        {
            // The arrowhead, drawn (SVG markers are not rendered everywhere).
            const int dir = x2 > x1 ? -1 : 1;
            os << "<polygon points=\"" << x2 << ',' << y + 12 << ' ' << x2 + dir * 9 << ',' << y + 8
               << ' ' << x2 + dir * 9 << ',' << y + 15 << "\" fill=\"" << colour << "\"/>\n";
        }
        if (lost)
        {
            os << "<text x=\"" << xEnd - 4 << "\" y=\"" << y + 16
               << "\" fill=\"firebrick\">x</text>\n";
        }
        std::ostringstream t;
        t << std::fixed << std::setprecision(4) << m.sent << " s";
        os << "<text x=\"10\" y=\"" << y + 4 << "\">" << t.str() << "</text>\n"
           << "<text x=\"" << (left + right) / 2 << "\" y=\"" << y - 2
           << "\" text-anchor=\"middle\" fill=\"" << colour << "\">" << Xml(m.text)
           << (m.attempt ? " (retransmission " + std::to_string(m.attempt) + ")" : "")
           << "</text>\n";
    }
    os << "</svg>\n";
}

} // namespace example
} // namespace ipsec
} // namespace ns3

#endif /* IPSEC_EXAMPLE_CHART_H */
