// Fuzzes the synonyms file parser (SynonymTable::Parse): a table or an
// error naming a line of the input; in a table every entry has terms, its
// line is in the file, and Find and ApplySynonyms lead back to its group.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "byline/synonyms.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static byline::Analyzer analyzer;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = byline::SynonymTable::Parse(text, "fuzz", analyzer);
  if (!table.ok()) {
    if (table.status().message().rfind("fuzz:", 0) != 0) __builtin_trap();  // names the line
    return 0;
  }
  if (table->text() != text) __builtin_trap();
  const std::size_t lines =
      1 + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  for (const byline::SynonymGroup& g : table->groups()) {
    if (g.line == 0 || g.line > lines || g.entries.empty()) __builtin_trap();
    for (const auto& entry : g.entries) {
      if (entry.empty() || table->Find(entry) != &g) __builtin_trap();  // one group per entry
      byline::QueryNode word;
      word.kind =
          entry.size() == 1 ? byline::QueryNode::Kind::kWord : byline::QueryNode::Kind::kPhrase;
      word.terms = entry;
      byline::QueryNode expanded = byline::ApplySynonyms(word, *table);
      if (expanded.kind != byline::QueryNode::Kind::kSynonym ||
          expanded.children.size() != g.entries.size()) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
