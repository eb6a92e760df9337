/** @file article_printer.cc
 *  @brief A whole article: metadata and the body wrapped to the terminal, or
 *  one JSON object.
 */
#include "article_printer.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>

#include "byline/text.h"
#include "wrap.h"

namespace byline {
namespace {

using ansi::kBold;
using ansi::kDim;
using ansi::kReset;

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[s.size() - suffix.size() + i]);
    if (std::tolower(c) != suffix[i]) return false;
  }
  return true;
}

// True if `file` is read as the formats whose articles get a ":LINE"
// (JSON Lines) or a "#N" (JSON) after their path; see corpus_reader.h.
bool IsFormat(std::string_view file, std::initializer_list<std::string_view> extensions) {
  for (std::string_view ext : extensions) {
    if (EndsWithNoCase(file, ext) || EndsWithNoCase(file, std::string(ext) + ".gz")) return true;
  }
  return false;
}

// Writes `text` (one paragraph) wrapped to `width` columns, each line in
// `style` when colour is on.
void WriteParagraph(std::ostream& out, const std::string& text, bool color, const char* style,
                    std::size_t width) {
  std::ostringstream wrapped;
  WriteWrapped(wrapped, Snippet{SafeForTerminal(text), {}}, false, width, "", std::string::npos);
  std::istringstream lines(wrapped.str());
  for (std::string line; std::getline(lines, line);) {
    if (color && style) {
      out << style << line << kReset << "\n";
    } else {
      out << line << "\n";
    }
  }
}

// The lines of `body`, trailing white space cut.
std::vector<std::string_view> Lines(std::string_view body) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(start, end - start);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) {
      line.remove_suffix(1);
    }
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

bool Blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

}  // namespace

std::vector<std::string> BodyParagraphs(std::string_view body) {
  const std::vector<std::string_view> lines = Lines(body);
  // Columns of each line (code points: the width a wire service wrapped at).
  std::vector<std::size_t> columns;
  std::size_t widest = 0, filled = 0, nonblank = 0;
  for (std::string_view line : lines) {
    columns.push_back(CodePointCount(line));
    widest = std::max(widest, columns.back());
  }
  constexpr std::size_t kSlack = 20;  // a wrapped line is this close to the widest
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (Blank(lines[i])) continue;
    ++nonblank;
    if (columns[i] + kSlack >= widest) ++filled;
  }
  // A full line followed by an unindented one: where a wrapper broke, if any.
  const auto joinable = [&](std::size_t i) {
    return i + 1 < lines.size() && !Blank(lines[i]) && !Blank(lines[i + 1]) &&
           !std::isspace(static_cast<unsigned char>(lines[i + 1][0])) &&
           columns[i] + kSlack >= widest;
  };
  // A wrapper breaks lines mid-sentence; paragraphs of a line each, as wide
  // as wrapped ones, all end where a sentence ends.
  std::size_t joins = 0, mid_sentence = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!joinable(i)) continue;
    ++joins;
    const bool sentence_end =
        std::string_view(".!?:;\"')").find(lines[i].back()) != std::string_view::npos ||
        EndsWithNoCase(lines[i], "\u201d");
    if (!sentence_end) ++mid_sentence;
  }
  const bool wrapped = nonblank >= 3 && widest >= 40 && widest <= 100 && 2 * filled >= nonblank &&
                       2 * mid_sentence >= joins;
  std::vector<std::string> paragraphs;
  std::string current;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!Blank(lines[i])) {
      if (!current.empty()) current += ' ';
      current += lines[i];
    }
    const bool soft = wrapped && joinable(i);
    if (soft) continue;
    std::string p = CollapseSpace(current);
    if (!p.empty()) paragraphs.push_back(std::move(p));
    current.clear();
  }
  return paragraphs;
}

std::string DescribeOrigin(const std::string& path) {
  const std::size_t mark = path.find_last_of(":#");
  if (mark == std::string::npos || mark + 1 == path.size()) return path;
  const std::string number = path.substr(mark + 1);
  for (char c : number) {
    if (c < '0' || c > '9') return path;
  }
  const std::string_view file = std::string_view(path).substr(0, mark);
  if (path[mark] == ':' && IsFormat(file, {".jsonl", ".ndjson"})) {
    return std::string(file) + ", line " + number;
  }
  if (path[mark] == '#' && IsFormat(file, {".json"})) {
    return std::string(file) + ", element " + number;
  }
  return path;
}

void WriteArticleText(std::ostream& out, const Article& a, bool color, std::size_t width) {
  WriteParagraph(out, a.title.empty() ? "(untitled)" : a.title, color, kBold, width);
  if (a.title_derived) {
    WriteParagraph(out, "(untitled: the title above is taken from its text)", color, kDim, width);
  }
  std::string meta = a.date.empty() ? "undated" : a.date;
  if (!a.source.empty()) meta += " \u00b7 " + a.source;
  if (!a.author.empty()) meta += " \u00b7 " + a.author;
  WriteParagraph(out, meta, color, kDim, width);
  // Labelled lines, not wrapped: an id, a path or an address is copied whole.
  const auto field = [&](const char* label, const std::string& value) {
    if (value.empty()) return;
    out << (color ? kDim : "") << label << SafeForTerminal(value) << (color ? kReset : "") << "\n";
  };
  field("id    ", a.id);
  field("from  ", DescribeOrigin(a.path));
  field("url   ", a.url);
  field("lang  ", a.lang);
  out << "\n";
  const std::vector<std::string> paragraphs = BodyParagraphs(a.body);
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    if (i > 0) out << "\n";
    WriteParagraph(out, paragraphs[i], color, nullptr, width);
  }
  if (paragraphs.empty()) WriteParagraph(out, "(no text)", color, kDim, width);
}

void WriteArticleJson(std::ostream& out, const Article& a) {
  const nlohmann::json j = {{"type", "article"},  {"id", a.id},
                            {"title", a.title},   {"title_derived", a.title_derived},
                            {"date", a.date},     {"source", a.source},
                            {"author", a.author}, {"url", a.url},
                            {"lang", a.lang},     {"path", a.path},
                            {"body", a.body}};
  out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace byline
