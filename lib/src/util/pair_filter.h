/** @file pair_filter.h
 *  @brief Internal: a Bloom filter of the pairs of words that stand side by
 *  side in an article, kept in its stored record, so that the proximity
 *  bonus (search/proximity.h) reads no positions for the articles it
 *  reorders.
 *
 *  The bonus reorders the top 10 of a ranking by whether the query's
 *  neighbouring words stand next to each other. Reading their positions
 *  took two position-table look-ups per word and article, and made union
 *  queries of the web log 1.32x plain Xapian's p50 on reuters21578 against
 *  1.11x without the bonus (benchmarks/README.md, "Session 7"); the stored
 *  record is read for every hit shown anyway.
 */
#ifndef BYLINE_UTIL_PAIR_FILTER_H
#define BYLINE_UTIL_PAIR_FILTER_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

/// Bits per pair and hash functions: 8 and 5 give about 2% false positives
/// (a pair reported side by side that is not), for about one byte per word
/// of the article.
inline constexpr unsigned kPairFilterBitsPerPair = 8;
inline constexpr unsigned kPairFilterHashes = 5;
/// The largest filter (a very long article's pairs share it, with more
/// false positives).
inline constexpr std::size_t kPairFilterMaxBytes = 4096;

/// The hash of a word as the filter knows it (its unstemmed, positional
/// term).
std::uint64_t PairWordHash(std::string_view term);

/// The filter of the given pairs of word hashes (either order is one pair):
/// a byte with the number of hash functions, then the bits. "" for none.
std::string MakePairFilter(const std::vector<std::pair<std::uint64_t, std::uint64_t>>& pairs);

/// False if the words with hashes `a` and `b` never stand side by side in
/// the article whose filter this is; true if they do, or (rarely) by chance.
bool PairFilterMayHold(std::string_view filter, std::uint64_t a, std::uint64_t b);

}  // namespace byline

#endif  // BYLINE_UTIL_PAIR_FILTER_H
