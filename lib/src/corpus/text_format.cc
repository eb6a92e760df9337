/** @file text_format.cc
 *  @brief Plain text and Markdown articles with optional "Key: value" headers.
 */
#include "byline/text.h"
#include "formats.h"

namespace byline {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Splits "Key: value"; returns false if the line is not of that shape.
bool SplitHeader(std::string_view line, std::string_view* key, std::string_view* value) {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 24) return false;
  *key = Trim(line.substr(0, colon));
  for (char c : *key) {
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != ' ') {
      return false;
    }
  }
  *value = Trim(line.substr(colon + 1));
  return true;
}

// Removes the Markdown markup that would otherwise be read as words.
std::string StripMarkdown(std::string_view line) {
  std::string_view s = Trim(line);
  while (!s.empty() && (s.front() == '#' || s.front() == '>')) s.remove_prefix(1);
  if (s.size() > 1 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ') {
    s.remove_prefix(2);
  }
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '[') {  // [text](url) -> text
      std::size_t close = s.find("](", i);
      std::size_t end = close == std::string_view::npos ? close : s.find(')', close);
      if (close != std::string_view::npos && end != std::string_view::npos) {
        out.append(s.substr(i + 1, close - i - 1));
        i = end;
        continue;
      }
    }
    if (c == '!' && i + 1 < s.size() && s[i + 1] == '[') continue;  // image marker
    if (c == '*' || c == '`' ||
        (c == '_' && (i == 0 || i + 1 == s.size() || s[i - 1] == ' ' || s[i + 1] == ' '))) {
      continue;
    }
    out.push_back(c);
  }
  return std::string(Trim(out));
}

// A first line longer than this is a paragraph, not a headline.
constexpr std::size_t kMaxTitleBytes = 200;

}  // namespace

void ParseTextArticle(const std::string& path, bool markdown, std::string_view content,
                      const ReadSink& sink) {
  Article a;
  std::size_t pos = 0;
  auto next_line = [&](std::string_view* line) {
    if (pos >= content.size()) return false;
    std::size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    *line = content.substr(pos, nl - pos);
    pos = nl + 1;
    return true;
  };
  std::string_view line;
  // YAML front matter (Markdown) or "Key: value" header lines before a blank line.
  std::size_t body_start = 0;
  bool front_matter = markdown && content.substr(0, 4) == "---\n";
  if (front_matter) {
    pos = 4;
    while (next_line(&line)) {
      if (Trim(line) == "---") break;
      std::string_view k, v;
      if (SplitHeader(line, &k, &v)) {
        std::string value(v);
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
            value.back() == value.front()) {
          value = value.substr(1, value.size() - 2);
        }
        SetFieldByName(&a, k, value);
      }
    }
    body_start = pos;
  } else {
    Article headers;
    bool any_known = false, all_headers = true;
    std::size_t lines = 0;
    while (next_line(&line)) {
      if (Trim(line).empty()) break;
      std::string_view k, v;
      if (!SplitHeader(line, &k, &v) || !SetFieldByName(&headers, k, std::string(v))) {
        all_headers = false;
        break;
      }
      any_known = true;
      ++lines;
    }
    if (any_known && all_headers && lines > 0) {
      a = std::move(headers);
      body_start = pos;
    }
  }
  // The body; the first heading (Markdown) or first line becomes the title if none was given.
  std::string body;
  pos = std::min(body_start, content.size());
  bool need_title = a.title.empty();
  while (next_line(&line)) {
    std::string text = markdown ? StripMarkdown(line) : std::string(Trim(line));
    if (need_title) {
      if (text.empty()) continue;
      need_title = false;
      // The first heading or line is the title, unless it is a paragraph.
      if (text.size() <= kMaxTitleBytes) {
        a.title = text;
        continue;
      }
    }
    body += text;
    body += '\n';
  }
  a.body = std::move(body);
  a.path = path;
  if (!FinishArticle(&a, path)) {
    sink.on_error(Status::InvalidArgument(path + ": no text (empty file)"));
    return;
  }
  sink.on_article(std::move(a));
}

}  // namespace byline
