/** @file spelling.h
 *  @brief Internal: the deletion index behind "did you mean" (SymSpell's).
 *
 *  For every word of the articles (their unprefixed, unstemmed terms: the
 *  analyzer's folded forms) the index maps the word's first
 *  kSpellingPrefixChars characters, and each form of them with one
 *  character deleted, to the word. It lives in Xapian's synonym table
 *  (which Byline does not otherwise use) under schema::kPrefixSpelling, so
 *  that Xapian's compaction merges the tables of a bulk build's segments
 *  (a key's words are the union of the segments'). A search looks up the
 *  forms of a rare query word with its first letter and up to one deletion,
 *  then two if that found nothing close (search/spelling.h): 4 to 22
 *  B-tree look-ups, where Xapian's own spelling table took 90 to 570 us a
 *  word on reuters21578 (benchmarks/README.md, "Did you mean").
 *
 *  Words are only added: an article removed leaves its words' keys, and the
 *  search checks every candidate's term frequency, so a word no article
 *  has any more is never suggested.
 */
#ifndef BYLINE_INDEX_SPELLING_H
#define BYLINE_INDEX_SPELLING_H

#include <xapian.h>

#include <string>
#include <unordered_set>
#include <vector>

namespace byline {

/// Characters of a word that its keys are made of (SymSpell's prefix
/// length): a longer word's typos after them are found through its prefix.
inline constexpr std::size_t kSpellingPrefixChars = 7;

/// True if `term` is indexed for spelling: an unprefixed term (not starting
/// with an upper-case prefix letter) of 3 to 40 characters without digits.
/// Numbers and codes have no spelling to suggest, and leaving them out
/// keeps the index smaller.
bool IsSpellingWord(const std::string& term);

/// The keys of `word` (with schema::kPrefixSpelling): its first
/// kSpellingPrefixChars characters and every form of them with 1 to
/// `deletions` (at most 2) characters deleted, none of its first `keep`
/// characters, each once, sorted.
std::vector<std::string> SpellingKeys(const std::string& word, unsigned deletions,
                                      std::size_t keep = 0);

/// Indexes the spelling words of `doc` that no article of `db` has yet (an
/// update in place: one term-frequency look-up a word). May throw
/// Xapian::Error.
void AddSpellings(Xapian::WritableDatabase& db, const Xapian::Document& doc);

/// The spelling words of a bulk build's open segment, indexed in one go
/// when it is closed (FlushTo).
class SpellingWords {
 public:
  void Add(const Xapian::Document& doc);
  /// Writes the keys of every word added (with `db`'s next commit) and
  /// forgets them. May throw Xapian::Error.
  void FlushTo(Xapian::WritableDatabase& db);

 private:
  std::unordered_set<std::string> words_;
};

}  // namespace byline

#endif  // BYLINE_INDEX_SPELLING_H
