/** @file coverage_printer.cc
 *  @brief Timeline bars, JSON lines and SVG; facet listings.
 */
#include "coverage_printer.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "byline/text.h"
#include "text_printer.h"
#include "wrap.h"

namespace byline {
namespace {

void WriteLine(std::ostream& out, const nlohmann::json& j) {
  out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

// A bar of `value` out of `peak` in `width` columns, in eighths of a block
// so that small differences show.
std::string Bar(std::uint64_t value, std::uint64_t peak, std::size_t width) {
  static const char* kEighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  if (peak == 0 || width == 0) return "";
  const std::uint64_t eighths = (value * width * 8 + peak / 2) / peak;
  std::string bar;
  for (std::uint64_t i = 0; i < eighths / 8; ++i) bar += "█";
  bar += kEighths[eighths % 8];
  // A period with matches always shows something.
  if (bar.empty() && value > 0) bar = kEighths[1];
  return bar;
}

std::string Pad(const std::string& s, std::size_t width) {
  const std::size_t w = DisplayWidth(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

std::string PadLeft(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

const char* Noun(bool collapsed, std::uint64_t n) {
  if (collapsed) return n == 1 ? "story" : "stories";
  return n == 1 ? "article" : "articles";
}

std::string QueryShown(const std::string& q) {
  return q.find_first_not_of(" \t\r\n") == std::string::npos ? "every article" : "\"" + q + "\"";
}

}  // namespace

std::size_t PeakIndex(const std::vector<Bucket>& buckets) {
  std::size_t peak = 0;
  for (std::size_t i = 1; i < buckets.size(); ++i) {
    if (buckets[i].count > buckets[peak].count) peak = i;
  }
  return peak;
}

void WriteTimelineText(std::ostream& out, const Timeline& t, std::size_t width) {
  const std::uint64_t dated = t.matches - t.undated;
  std::string head = SafeForTerminal(QueryShown(t.query)) + ": " + FormatCount(t.matches) + " " +
                     Noun(t.collapsed, t.matches);
  if (!t.buckets.empty()) {
    head += ", by " + std::string(PeriodName(t.by)) + " from " + t.buckets.front().start + " to " +
            t.buckets.back().end;
  }
  if (t.undated > 0) head += " (" + FormatCount(t.undated) + " undated, not shown)";
  // As wide as the bars below it: a long query wraps rather than running on.
  WriteWrapped(out, Snippet{head, {}}, false, width, "", SIZE_MAX);
  if (t.buckets.empty() || dated == 0) {
    if (t.matches == 0) out << "No matches.\n";
    return;
  }
  const std::size_t peak = PeakIndex(t.buckets);
  const std::uint64_t most = t.buckets[peak].count;
  std::size_t label_w = 0;
  for (const Bucket& b : t.buckets) label_w = std::max(label_w, b.label.size());
  const std::size_t count_w = FormatCount(most).size();
  const std::string kPeak = " ◀ peak";
  const std::size_t fixed = label_w + 1 + 1 + count_w + DisplayWidth(kPeak);
  const std::size_t bar_w = width > fixed + 10 ? width - fixed : 10;
  for (std::size_t i = 0; i < t.buckets.size(); ++i) {
    const Bucket& b = t.buckets[i];
    out << Pad(b.label, label_w) << " " << Pad(Bar(b.count, most, bar_w), bar_w) << " "
        << PadLeft(FormatCount(b.count), count_w) << (i == peak ? kPeak : "") << "\n";
  }
}

void WriteTimelineJson(std::ostream& out, const Timeline& t) {
  for (const Bucket& b : t.buckets) {
    WriteLine(out, {{"type", "bucket"},
                    {"label", b.label},
                    {"start", b.start},
                    {"end", b.end},
                    {"count", b.count}});
  }
  nlohmann::json summary = {{"type", "summary"},
                            {"query", t.query},
                            {"by", PeriodName(t.by)},
                            {"matches", t.matches},
                            {"undated", t.undated},
                            {"collapsed", t.collapsed},
                            {"counts", t.collapsed ? "stories" : "articles"},
                            {"buckets", t.buckets.size()},
                            {"elapsed_ms", t.elapsed_ms}};
  if (!t.buckets.empty()) {
    const Bucket& p = t.buckets[PeakIndex(t.buckets)];
    summary["peak"] = {{"label", p.label}, {"start", p.start}, {"count", p.count}};
  } else {
    summary["peak"] = nullptr;
  }
  WriteLine(out, summary);
}

Status WriteTimelineSvg(const std::string& path, const Timeline& t) {
  // The layout of measure/'s latency plot (bench_runner.cc): a white page,
  // a title, grey grid lines with their labels, the data in one colour.
  const double w = 900, h = 420, left = 70, right = 30, top = 50, bottom = 70;
  const std::size_t n = t.buckets.size();
  const std::uint64_t most = n ? t.buckets[PeakIndex(t.buckets)].count : 0;
  // A round top for the y axis: 1, 2 or 5 times a power of ten.
  double step = 1;
  if (most > 0) {
    const double raw = static_cast<double>(most) / 5;
    const double mag = std::pow(10, std::floor(std::log10(std::max(raw, 1.0))));
    step = raw <= mag ? mag : raw <= 2 * mag ? 2 * mag : raw <= 5 * mag ? 5 * mag : 10 * mag;
  }
  const double ymax = std::max(step, std::ceil(static_cast<double>(most) / step) * step);
  auto Y = [&](double v) { return top + (1 - v / ymax) * (h - top - bottom); };
  const double slot = n ? (w - left - right) / static_cast<double>(n) : 0;
  std::ofstream out(path);
  if (!out) return Status::IOError(path + ": cannot write plot: " + std::strerror(errno));
  std::string title = "Matches of " + QueryShown(t.query) + " by " + PeriodName(t.by) + " (" +
                      std::to_string(t.matches) + " " + Noun(t.collapsed, t.matches);
  if (t.undated > 0) title += ", " + std::to_string(t.undated) + " undated not shown";
  title += ")";
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w << "\" height=\"" << h
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << left << "\" y=\"24\" font-size=\"15\">" << XmlEscape(title) << "</text>\n";
  for (double v = 0; v <= ymax + step / 2; v += step) {
    out << "<line x1=\"" << left << "\" y1=\"" << Y(v) << "\" x2=\"" << w - right << "\" y2=\""
        << Y(v) << "\" stroke=\"#ddd\"/>\n<text x=\"" << left - 6 << "\" y=\"" << Y(v) + 4
        << "\" text-anchor=\"end\">" << static_cast<std::uint64_t>(v) << "</text>\n";
  }
  // At most about 12 date labels, evenly spaced.
  const std::size_t every = std::max<std::size_t>(1, (n + 11) / 12);
  const std::size_t peak = PeakIndex(t.buckets);
  for (std::size_t i = 0; i < n; ++i) {
    const Bucket& b = t.buckets[i];
    const double x = left + slot * static_cast<double>(i);
    const double bw = std::max(slot * 0.8, 0.5);
    out << "<rect x=\"" << x + (slot - bw) / 2 << "\" y=\"" << Y(static_cast<double>(b.count))
        << "\" width=\"" << bw << "\" height=\"" << Y(0) - Y(static_cast<double>(b.count))
        << "\" fill=\"" << (i == peak ? "#d62728" : "#1f77b4") << "\"><title>" << XmlEscape(b.label)
        << ": " << b.count << "</title></rect>\n";
    if (i % every == 0) {
      const double cx = x + slot / 2;
      out << "<line x1=\"" << cx << "\" y1=\"" << Y(0) << "\" x2=\"" << cx << "\" y2=\"" << Y(0) + 4
          << "\" stroke=\"#333\"/>\n<text x=\"" << cx << "\" y=\"" << Y(0) + 16
          << "\" text-anchor=\"end\" transform=\"rotate(-35 " << cx << " " << Y(0) + 16 << ")\">"
          << XmlEscape(b.label) << "</text>\n";
    }
  }
  out << "<line x1=\"" << left << "\" y1=\"" << Y(0) << "\" x2=\"" << w - right << "\" y2=\""
      << Y(0) << "\" stroke=\"#333\"/>\n";
  if (n > 0 && most > 0) {
    const double px = left + slot * (static_cast<double>(peak) + 0.5);
    out << "<text x=\"" << px << "\" y=\"" << Y(static_cast<double>(most)) - 6
        << "\" text-anchor=\"middle\" fill=\"#d62728\">peak " << XmlEscape(t.buckets[peak].label)
        << ": " << most << "</text>\n";
  }
  out << "<text x=\"" << (left + w - right) / 2 << "\" y=\"" << h - 10
      << "\" text-anchor=\"middle\">" << PeriodName(t.by) << "</text>\n";
  out << "</svg>\n";
  return out ? Status::OK() : Status::IOError(path + ": write failed");
}

std::string FacetFilter(const std::string& facet, const std::string& value) {
  if (facet == "year" || facet == "month") return "date:" + value;
  if (facet == "lang") return "lang:" + value;
  // A phrase of the value's words: quotes inside it would end it.
  std::string v = value;
  std::replace(v.begin(), v.end(), '"', ' ');
  return facet + ":\"" + v + "\"";
}

void WriteFacetsText(std::ostream& out, const CoverageCounts& counts, std::size_t top) {
  out << "\nFacets: " << Noun(counts.collapsed, 2) << ", counted over all "
      << FormatCount(counts.matches) << " "
      << (counts.collapsed ? "stories (each story once, as its first indexed copy)" : "matches")
      << "\n";
  for (const FacetCounts& f : counts.facets) {
    out << f.name << "\n";
    if (!f.available) {
      out << "  (rebuild to get " << f.name
          << " facets: this database was indexed before whole values were stored)\n";
      continue;
    }
    const std::size_t shown = std::min(top, f.values.size());
    if (shown == 0) {
      out << "  (no " << f.name << " on any match)\n";
      continue;
    }
    std::size_t value_w = 0, count_w = 0;
    for (std::size_t i = 0; i < shown; ++i) {
      value_w = std::max(value_w, std::min<std::size_t>(DisplayWidth(f.values[i].value), 30));
      count_w = std::max(count_w, FormatCount(f.values[i].count).size());
    }
    const std::uint64_t most = f.values[0].count;
    const std::size_t bar_w = 20;
    for (std::size_t i = 0; i < shown; ++i) {
      const FacetValue& v = f.values[i];
      std::string value = SafeForTerminal(v.value);
      out << "  " << Pad(value, value_w) << " " << Pad(Bar(v.count, most, bar_w), bar_w) << " "
          << PadLeft(FormatCount(v.count), count_w) << "  "
          << SafeForTerminal(FacetFilter(f.name, v.value)) << "\n";
    }
    std::string more;
    if (f.values.size() > shown) {
      more += FormatCount(f.values.size() - shown) + " more values";
    }
    if (f.missing > 0) {
      if (!more.empty()) more += "; ";
      more += FormatCount(f.missing) + " without " +
              (f.name == "year" || f.name == "month" ? std::string("a date") : "one");
    }
    if (!more.empty()) out << "  (" << more << ")\n";
  }
}

void WriteFacetsJson(std::ostream& out, const CoverageCounts& counts, std::size_t top) {
  nlohmann::json facets = nlohmann::json::object();
  for (const FacetCounts& f : counts.facets) {
    nlohmann::json values = nlohmann::json::array();
    for (std::size_t i = 0; i < std::min(top, f.values.size()); ++i) {
      values.push_back({{"value", f.values[i].value},
                        {"count", f.values[i].count},
                        {"filter", FacetFilter(f.name, f.values[i].value)}});
    }
    facets[f.name] = {{"values", values},
                      {"distinct", f.values.size()},
                      {"missing", f.missing},
                      {"available", f.available}};
  }
  WriteLine(out, {{"type", "facets"},
                  {"matches", counts.matches},
                  {"counts", counts.collapsed ? "stories" : "articles"},
                  {"elapsed_ms", counts.elapsed_ms},
                  {"facets", facets}});
}

}  // namespace byline
