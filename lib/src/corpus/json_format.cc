/** @file json_format.cc
 *  @brief JSON (one object or an array) and JSON Lines articles via nlohmann-json.
 */
#include <nlohmann/json.hpp>

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

}  // namespace

void ParseJsonArticles(const std::string& path, std::string_view content, const ReadSink& sink) {
  if (!IsValidUtf8(content)) {
    sink.on_error(Status::Corruption(path + ": JSON is not valid UTF-8"));
    return;
  }
  json doc;
  try {
    doc = json::parse(content.begin(), content.end());
  } catch (const json::parse_error& e) {
    sink.on_error(Status::Corruption(Where(path, content, e.byte > 0 ? e.byte - 1 : 0) +
                                     ": invalid JSON: " + e.what()));
    return;
  } catch (const json::exception& e) {  // e.g. a number too large (found by fuzzing)
    sink.on_error(Status::Corruption(path + ": invalid JSON: " + e.what()));
    return;
  }
  if (doc.is_array()) {
    std::size_t n = 0;
    for (const json& obj : doc) {
      ++n;
      Emit(path + " [" + std::to_string(n) + "]", path + "#" + std::to_string(n), obj, sink);
    }
  } else {
    Emit(path, path, doc, sink);
  }
}

void ParseJsonLines(const std::string& path, std::string_view content, const ReadSink& sink) {
  std::size_t pos = 0, line_no = 0;
  while (pos < content.size()) {
    std::size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = content.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;  // blank line
    std::string where = path + ":" + std::to_string(line_no);
    if (!IsValidUtf8(line)) {
      sink.on_error(Status::Corruption(where + ": line is not valid UTF-8; skipped"));
      continue;
    }
    json obj;
    try {
      obj = json::parse(line.begin(), line.end());
    } catch (const json::exception& e) {  // parse errors, and numbers out of range
      sink.on_error(Status::Corruption(where + ": invalid JSON (" + e.what() + "); skipped"));
      continue;
    }
    Emit(where, where, obj, sink);
  }
}

}  // namespace byline
