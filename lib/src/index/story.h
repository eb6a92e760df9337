/** @file story.h
 *  @brief Internal: which articles are copies of one story (exact repeats and
 *  light edits), decided at index time and kept in schema::kSlotStory and
 *  schema::kPrefixStory.
 *
 *  Every article with words gets a signature (kSlotStorySignature): a hash
 *  of its whole word sequence, its day, and 64 MinHashes of its 3-word
 *  shingles (the analyzer's terms of title and body, so any script works).
 *  The MinHashes, 16 bands of 4, are also boolean terms (kPrefixStoryBand):
 *  two articles whose shingle sets have Jaccard similarity s share a band
 *  with probability 1 - (1 - s^4)^16 (0.64 at s = 0.5, 0.99 at 0.7, 0.9997
 *  at 0.8), and the articles of a band are one posting list. Candidates that
 *  share a band are verified (AreCopies); a story is a connected component
 *  of verified pairs, and its key is the hash of its smallest id term, so it
 *  does not depend on the order articles were indexed in.
 *
 *  Two passes write the keys. A build from nothing walks the band terms that
 *  more than one article holds (AssignAllStories), before its last merge,
 *  so that the merge leaves the keys as compact as the rest. An update in place notes,
 *  in metadata committed with the documents, every article it writes and
 *  every story that lost or changed a member (MarkArticle, MarkStory), and
 *  at the end recomputes the components those reach (SettleStories): a run
 *  killed at any point leaves its notes to the next run, which completes or
 *  corrects the keys.
 */
#ifndef BYLINE_INDEX_STORY_H
#define BYLINE_INDEX_STORY_H

#include <xapian.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace byline::story {

/// MinHashes per signature, and their banding for candidate terms.
inline constexpr unsigned kMinHashes = 64;
inline constexpr unsigned kBands = 16;
inline constexpr unsigned kRows = kMinHashes / kBands;
/// MinHashes of the set of numbers of an article.
inline constexpr unsigned kNumberHashes = 16;
/// Words per shingle.
inline constexpr unsigned kShingleWords = 3;
/// A band term held by more articles than this is boilerplate (every
/// article of a template), not a story: it is not walked, so that a pass
/// never compares a million pairs. Both passes skip the same terms, so an
/// update agrees with a clean build.
inline constexpr unsigned kMaxBandArticles = 2000;

/// What a copy must share with another (benchmarks/README.md, "Copies of one
/// story", for how these were chosen).
struct CopyRule {
  /// Least estimated Jaccard similarity of the 3-word shingle sets.
  double min_jaccard = 0.5;
  /// Most days between two dated copies (an undated one matches any date).
  unsigned max_days = 3;
  /// Numbers matter: when both articles have at least `min_numbers`
  /// distinct numbers, the estimated Jaccard similarity of their number
  /// sets must be at least `min_number_jaccard` (a template such as
  /// "Shr 10 cts vs 8 cts" shares its words, not its figures). 0: no check.
  double min_number_jaccard = 0.5;
  unsigned min_numbers = 3;
};

/// An article's signature. `exact` is 0 for an article without words, which
/// has no copies.
struct Signature {
  std::uint64_t exact = 0;  ///< FNV-1a over the whole word sequence
  std::uint32_t day = 0;    ///< days since 0000-03-01 plus one; 0: undated
  std::array<std::uint16_t, kMinHashes> mins{};
  /// Distinct numbers (words with a digit), at most 255.
  std::uint8_t numbers = 0;
  /// MinHashes of the set of numbers.
  std::array<std::uint16_t, kNumberHashes> number_mins{};
};

/// The signature of an article from the hashes of its words in order
/// (title then body, as Fnv1a64 of the analyzer's terms; joined forms left
/// out), those of its numbers (the words with a digit, in any order), and
/// its date key ("YYYYMMDD", or empty).
Signature MakeSignature(const std::vector<std::uint64_t>& words,
                        const std::vector<std::uint64_t>& numbers, const std::string& date_key);

/// The value stored in schema::kSlotStorySignature (174 bytes).
std::string EncodeSignature(const Signature& sig);
/// Reads a stored signature; false if `value` is not one.
bool DecodeSignature(const std::string& value, Signature* sig);

/// The band terms of a signature ("XB" + band letter + 8 hex digits), none
/// for an article without words.
std::vector<std::string> BandTerms(const Signature& sig);

/// The share of MinHashes two signatures have in common: an estimate of the
/// Jaccard similarity of their shingle sets (standard error about 0.06).
double EstimatedJaccard(const Signature& a, const Signature& b);
/// The same for their sets of numbers (16 MinHashes: about 0.12).
double EstimatedNumberJaccard(const Signature& a, const Signature& b);

/// True if `a` and `b` are copies of one story: the same word sequence
/// (whatever their dates), or estimated Jaccard >= rule.min_jaccard, if
/// both are dated at most rule.max_days apart, and, if both have
/// rule.min_numbers numbers, mostly the same numbers.
bool AreCopies(const Signature& a, const Signature& b, const CopyRule& rule = CopyRule());

/// The key of the story whose smallest id term is `id_term`: 16 hex digits.
std::string StoryKey(const std::string& id_term);

/// What a pass did.
struct PassStats {
  std::uint64_t pairs_checked = 0;  ///< candidate pairs verified
  std::uint64_t articles = 0;       ///< articles whose component was computed
  std::uint64_t rewritten = 0;      ///< documents whose key changed
};

/// Notes, in the database's metadata, that the article `did` was written
/// (its story must be found). Committed with the document, so a run killed
/// before its pass leaves the note to the next. Returns the note's key.
/// Throws Xapian::Error.
std::string MarkArticle(Xapian::WritableDatabase& db, Xapian::docid did);
/// Notes that the story `key` lost or changed a member (its other members
/// must be regrouped); none for an empty key. Returns the note's key ("" if
/// none). Throws Xapian::Error.
std::string MarkStory(Xapian::WritableDatabase& db, const std::string& key);

/// Before the article `did` (document `doc`) is deleted or its words
/// replaced: if its own note is still there (a run was killed before or
/// during the pass that would settle it), that pass may have written the
/// keys of its copies and not its own, so the story of every article that
/// shares a band with it is noted too. Returns the notes written. Throws
/// Xapian::Error.
std::vector<std::string> MarkUnsettledNeighbours(Xapian::WritableDatabase& db, Xapian::docid did,
                                                 const Xapian::Document& doc);

/// The story of every article that shares a band with another, in a
/// database where no article has a key yet (a bulk build, before its last
/// merge; `db` may be several databases read as one): appends (docid, key)
/// to *keys for every article of a story, for the caller to write
/// (WriteKey). Holds, besides the database's own caches, about 40 bytes per
/// article in a candidate pair and the signatures of one band term at a
/// time. Returns false, unfinished, if `cancel` became non-zero. Throws
/// Xapian::Error.
bool AssignAllStories(const Xapian::Database& db, const std::atomic<int>* cancel, PassStats* stats,
                      std::vector<std::pair<Xapian::docid, std::string>>* keys);

/// Sets the story key of the document `did` ("" for none): its value in
/// schema::kSlotStory and its one schema::kPrefixStory term. Returns false
/// if it already had that key. Throws Xapian::Error.
bool WriteKey(Xapian::WritableDatabase& db, Xapian::docid did, const std::string& key);

/// Recomputes the stories that the notes of MarkArticle and MarkStory reach
/// (their whole components) and removes the notes, the keys and the removal
/// in one transaction (what `db` held before is committed first). Holds about 40 bytes per
/// article of those components. Returns false, notes kept, if `cancel`
/// became non-zero. `notes`, if given, are the notes to settle instead of
/// those listed from the metadata (Xapian's in-memory backend cannot list
/// metadata keys). Throws Xapian::Error.
bool SettleStories(Xapian::WritableDatabase& db, const std::atomic<int>* cancel, PassStats* stats,
                   const std::vector<std::string>* notes = nullptr);

/// The story key of a document ("" if it has none).
std::string KeyOf(const Xapian::Document& doc);

}  // namespace byline::story

#endif  // BYLINE_INDEX_STORY_H
