/** @file json_format.cc
 *  @brief JSON (one object or an array) and JSON Lines articles via nlohmann-json.
 */
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "byline/text.h"
#include "formats.h"

namespace byline {
namespace {

using nlohmann::json;

std::string ValueToString(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  if (v.is_number_float()) return v.dump();
  if (v.is_array()) {  // "author": ["A", "B"]
    std::string out;
    for (const json& e : v) {
      std::string s = ValueToString(e);
      if (s.empty()) continue;
      if (!out.empty()) out += ", ";
      out += s;
    }
    return out;
  }
  if (v.is_object()) {  // "author": {"name": "A"}
    for (const char* k : {"name", "value", "text"}) {
      auto it = v.find(k);
      if (it != v.end()) return ValueToString(*it);
    }
  }
  return std::string();
}

// Maps one JSON object to an article; returns false with *why set if it is
// not an article.
bool ArticleFromJson(const json& obj, Article* a, std::string* why) {
  if (!obj.is_object()) {
    *why = "expected a JSON object, found " + std::string(obj.type_name());
    return false;
  }
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    SetFieldByName(a, it.key(), ValueToString(it.value()));
  }
  return true;
}

void Emit(const std::string& where, const std::string& default_id, const json& obj,
          const ReadSink& sink) {
  Article a;
  std::string why;
  if (!ArticleFromJson(obj, &a, &why)) {
    sink.on_error(Status::Corruption(where + ": " + why));
    return;
  }
  a.path = default_id;
  if (!FinishArticle(&a, default_id)) {
    sink.on_error(Status::InvalidArgument(where + ": article has no title and no text"));
    return;
  }
  sink.on_article(std::move(a));
}

// Line and column of a byte offset, for messages.
std::string Where(const std::string& path, std::string_view content, std::size_t byte) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < byte && i < content.size(); ++i) {
    if (content[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return path + ":" + std::to_string(line) + ":" + std::to_string(col);
}

// What nlohmann-json says is wrong, in words: without its exception id
// ("[json.exception.parse_error.101]"), the position it counts within the
// line or element (the message names the file's own), and the "last read"
// excerpt of raw input.
std::string JsonError(const json::exception& e) {
  std::string m = e.what();
  if (!m.empty() && m[0] == '[') {
    std::size_t close = m.find("] ");
    if (close != std::string::npos) m.erase(0, close + 2);
  }
  if (m.compare(0, 15, "parse error at ") == 0) {
    std::size_t colon = m.find(": ");
    if (colon != std::string::npos) m.erase(0, colon + 2);
  }
  std::size_t last = m.find("; last read: '");
  if (last != std::string::npos) {
    std::size_t end = m.find("'; ", last + 14);
    m.erase(last, end == std::string::npos ? std::string::npos : end + 1 - last);
  }
  return m;
}

// Why `text` (one JSON Lines line or array element) cannot be parsed as
// JSON before trying: binary data or bytes that are not UTF-8. Empty if
// neither.
std::string Unreadable(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) return "binary data (NUL bytes)";
  if (!IsValidUtf8(text)) return "not valid UTF-8";
  return std::string();
}

// The byte ranges of the elements of a top-level JSON array, found without
// parsing them (strings, escapes and nesting are followed), so that a bad
// element costs only itself. Returns false if `content` is not an array.
// An array cut short ends with its incomplete element, which then fails to
// parse and is reported.
bool SplitArray(std::string_view content, std::vector<std::pair<std::size_t, std::size_t>>* out) {
  std::size_t i = content.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos || content[i] != '[') return false;
  std::size_t start = ++i, depth = 0;
  bool in_string = false, escaped = false;
  auto add = [&](std::size_t end) {
    bool blank =
        content.substr(start, end - start).find_first_not_of(" \t\r\n") == std::string_view::npos;
    if (!blank || !out->empty() || content[end] != ']') out->emplace_back(start, end);
  };
  for (; i < content.size(); ++i) {
    char c = content[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == ']') {
      add(i);
      return true;
    } else if (c == ',' && depth == 0) {
      add(i);
      start = i + 1;
    }
  }
  out->emplace_back(start, content.size());
  return true;
}

}  // namespace

void ParseJsonArticles(const std::string& path, std::string_view content, const ReadSink& sink) {
  std::vector<std::pair<std::size_t, std::size_t>> elements;
  if (SplitArray(content, &elements)) {
    std::size_t n = 0;
    for (const auto& [begin, end] : elements) {
      ++n;
      std::string_view text = content.substr(begin, end - begin);
      std::string where = path + " [" + std::to_string(n) + "]";
      if (std::string why = Unreadable(text); !why.empty()) {
        sink.on_error(Status::Corruption(where + ": " + why + "; skipped"));
        continue;
      }
      json obj;
      try {
        obj = json::parse(text.begin(), text.end());
      } catch (const json::parse_error& e) {
        std::size_t at = begin + (e.byte > 0 ? e.byte - 1 : 0);
        sink.on_error(Status::Corruption(Where(path, content, at) + " [" + std::to_string(n) +
                                         "]: invalid JSON: " + JsonError(e) + "; skipped"));
        continue;
      } catch (const json::exception& e) {  // e.g. a number too large (found by fuzzing)
        sink.on_error(Status::Corruption(where + ": invalid JSON: " + JsonError(e) + "; skipped"));
        continue;
      }
      Emit(where, path + "#" + std::to_string(n), obj, sink);
    }
    return;
  }
  if (!IsValidUtf8(content)) {
    sink.on_error(Status::Corruption(path + ": JSON is not valid UTF-8"));
    return;
  }
  json doc;
  try {
    doc = json::parse(content.begin(), content.end());
  } catch (const json::parse_error& e) {
    sink.on_error(Status::Corruption(Where(path, content, e.byte > 0 ? e.byte - 1 : 0) +
                                     ": invalid JSON: " + JsonError(e)));
    return;
  } catch (const json::exception& e) {  // e.g. a number too large (found by fuzzing)
    sink.on_error(Status::Corruption(path + ": invalid JSON: " + JsonError(e)));
    return;
  }
  Emit(path, path, doc, sink);
}

void ParseJsonLine(const std::string& path, std::size_t line_no, std::string_view line,
                   const ReadSink& sink) {
  std::size_t first = line.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return;  // blank line
  std::string where = path + ":" + std::to_string(line_no);
  if (std::string why = Unreadable(line); !why.empty()) {
    sink.on_error(Status::Corruption(where + ": line is " + why + "; skipped"));
    return;
  }
  json obj;
  try {
    obj = json::parse(line.begin(), line.end());
  } catch (const json::exception& e) {  // parse errors, and numbers out of range
    sink.on_error(Status::Corruption(where + ": invalid JSON: " + JsonError(e) + "; skipped"));
    return;
  }
  Emit(where, where, obj, sink);
}

void ParseJsonLines(const std::string& path, std::string_view content, const ReadSink& sink) {
  std::size_t pos = 0, line_no = 0;
  while (pos < content.size()) {
    std::size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    ParseJsonLine(path, ++line_no, content.substr(pos, nl - pos), sink);
    pos = nl + 1;
  }
}

}  // namespace byline
