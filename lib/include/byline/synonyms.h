/** @file synonyms.h
 *  @brief Equivalent terms and names (Kyiv = Kiev), applied to queries.
 *
 *  A synonyms file has one group a line: entries joined by '=', e.g.
 *  `ISIS = ISIL = Daesh = "Islamic State"`. An entry of several words is
 *  a phrase (quotes are optional). Blank lines and lines whose first
 *  non-blank character is '#' are skipped. Entries are read by the one
 *  Analyzer, so case and accents do not matter (`Kyiv` = `kyiv`).
 */
#ifndef BYLINE_SYNONYMS_H
#define BYLINE_SYNONYMS_H

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "byline/analyzer.h"
#include "byline/query_parser.h"
#include "byline/status.h"

namespace byline {

/// One line of a synonyms file.
struct SynonymGroup {
  /// The entries' normalised terms: one for a word, several for a phrase.
  std::vector<std::vector<std::string>> entries;
  std::size_t line = 0;  ///< 1-based line in the file
};

/// The groups of a synonyms file.
class SynonymTable {
 public:
  /// Reads `text`, the content of a synonyms file called `name` (for
  /// messages). A bad line is kInvalidArgument "NAME:LINE: why" (fewer than
  /// two entries, an empty entry, an unclosed quote, an entry with no word,
  /// an entry already in another group).
  static Result<SynonymTable> Parse(std::string_view text, const std::string& name,
                                    const Analyzer& analyzer);
  /// Reads the file at `path` (kNotFound, kIOError) and parses it.
  static Result<SynonymTable> ReadFile(const std::string& path, const Analyzer& analyzer);

  bool empty() const { return groups_.empty(); }
  const std::vector<SynonymGroup>& groups() const { return groups_; }
  /// The file's text as read: what a database stores (schema::kMetaSynonyms).
  const std::string& text() const { return text_; }

  /// The group with an entry of exactly these terms, or nullptr.
  const SynonymGroup* Find(const std::vector<std::string>& terms) const;

 private:
  std::vector<SynonymGroup> groups_;
  std::string text_;
};

/// `root` with every word, exact word and phrase (window 0) that is an
/// entry of a group replaced by a kSynonym node of the whole group (words
/// as ranked words, names as phrases; the entry written keeps its own
/// form), weighted as one word. Words side by side outside quotes are not
/// joined into a name: write a name of several words in quotes.
QueryNode ApplySynonyms(const QueryNode& root, const SynonymTable& table);

}  // namespace byline

#endif  // BYLINE_SYNONYMS_H
