/** @file snippet.h
 *  @brief Query-biased snippets and highlighting, through the one Analyzer.
 */
#ifndef BYLINE_SNIPPET_H
#define BYLINE_SNIPPET_H

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "byline/analyzer.h"
#include "byline/query_parser.h"

namespace byline {

/// What to highlight: derived from a parsed query, excluding its NOT parts.
struct HighlightSpec {
  std::set<std::string> words;        ///< ranked words: any inflection (same stem) matches
  std::set<std::string> exact;        ///< exact words: the normalised form must match
  std::vector<std::string> prefixes;  ///< wildcard prefixes
  std::vector<std::vector<std::string>> phrases;  ///< each: consecutive words
  bool empty() const {
    return words.empty() && exact.empty() && prefixes.empty() && phrases.empty();
  }
};

/// Collects the highlight spec of a query (title: parts included).
HighlightSpec HighlightSpecFor(const QueryNode& query);

/// A piece of text with the byte ranges [start, end) to highlight.
struct Snippet {
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> highlights;
};

/// Options of MakeSnippet.
struct SnippetOptions {
  std::size_t max_bytes = 240;  ///< about three terminal lines of text
};

/// The passage of `body` with the densest cluster of matches (or the start
/// of the body if nothing matches), cut on word boundaries with "…" where
/// text was left out, white space collapsed and control characters removed.
/// `lang` is the article's language, used to stem its words.
Snippet MakeSnippet(std::string_view body, std::string_view lang, const HighlightSpec& spec,
                    const Analyzer& analyzer, const SnippetOptions& options = {});

/// The whole of `text` (a title) with its matches highlighted.
Snippet HighlightText(std::string_view text, std::string_view lang, const HighlightSpec& spec,
                      const Analyzer& analyzer);

}  // namespace byline

#endif  // BYLINE_SNIPPET_H
