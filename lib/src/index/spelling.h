/** @file spelling.h
 *  @brief Internal: keeping Xapian's spelling table in step with the articles.
 *
 *  Every article adds 1 to the spelling frequency of each distinct word it
 *  has (its unprefixed, unstemmed terms: the analyzer's folded forms), and
 *  an article deleted or replaced takes its 1 back, so the table's
 *  frequency of a word is the number of articles that have it. Searching
 *  asks the table for a close spelling of a rare query word
 *  (search/spelling.h). Xapian's compaction sums the tables of the
 *  segments a bulk build merges. The in-memory backend has no spelling
 *  table: its writers pass enabled = false.
 */
#ifndef BYLINE_INDEX_SPELLING_H
#define BYLINE_INDEX_SPELLING_H

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>

namespace byline {

/// True if `term` goes into the spelling table: an unprefixed term (not
/// starting with an upper-case prefix letter) of 3 to 40 characters without
/// digits. Numbers and codes have no spelling to suggest, and leaving them
/// out keeps the table smaller.
bool IsSpellingWord(const std::string& term);

/// Adds 1 for each spelling word of `doc`. May throw Xapian::Error.
void AddSpellings(Xapian::WritableDatabase& db, const Xapian::Document& doc);

/// Takes back 1 for each spelling word of `doc` (a document of `db` about
/// to be deleted). May throw Xapian::Error.
void RemoveSpellings(Xapian::WritableDatabase& db, const Xapian::Document& doc);

/// `old` (in `db`) is replaced by `doc`: the words only one of them has
/// change. May throw Xapian::Error.
void ReplaceSpellings(Xapian::WritableDatabase& db, const Xapian::Document& old,
                      const Xapian::Document& doc);

/// The same changes gathered in memory and written in one go (FlushTo): a
/// bulk build's shard writer commits every 250 documents, and Xapian reads
/// each word's stored frequency again on the first change after every
/// commit. Writing each segment's counts once, when it is closed, took the
/// spelling table's share of indexing reuters21578 from about 35% of the
/// CPU time to the figure in benchmarks/README.md ("Did you mean").
class SpellingCounts {
 public:
  void Add(const Xapian::Document& doc);
  void Remove(const Xapian::Document& doc);
  void Replace(const Xapian::Document& old, const Xapian::Document& doc);
  /// Applies the counts to `db` (with its next commit) and forgets them.
  /// May throw Xapian::Error.
  void FlushTo(Xapian::WritableDatabase& db);

 private:
  std::unordered_map<std::string, std::int64_t> delta_;
};

}  // namespace byline

#endif  // BYLINE_INDEX_SPELLING_H
