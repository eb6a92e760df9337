/** @file schema.h
 *  @brief Every term prefix and value slot of a Byline database, written once.
 *
 *  Follows Xapian's prefix conventions (docs/termprefixes.rst): single
 *  capital letters for the common fields, "X" for our own. Terms after a
 *  prefix are always lower case, so no ':' separator is needed.
 */
#ifndef BYLINE_SCHEMA_H
#define BYLINE_SCHEMA_H

namespace byline::schema {

// ---- Term prefixes ---------------------------------------------------------
/// Unique id term, one per article: "Q" + article id. Used to replace on re-index.
inline constexpr char kPrefixId[] = "Q";
/// Body (and title) words, unstemmed, with positions: no prefix.
inline constexpr char kPrefixText[] = "";
/// Stemmed body (and title) words, no positions: "Z" + stem (Xapian's convention).
inline constexpr char kPrefixStem[] = "Z";
/// Title words, unstemmed, with positions.
inline constexpr char kPrefixTitle[] = "S";
/// Stemmed title words, no positions.
inline constexpr char kPrefixTitleStem[] = "ZS";
/// Author words, boolean filter terms (lower-cased, accent-folded).
inline constexpr char kPrefixAuthor[] = "A";
/// Source words, boolean filter terms.
inline constexpr char kPrefixSource[] = "XS";
/// Source file of an article: "XF" + 16 hex digits of the FNV-1a hash of its
/// absolute path. Deleting by this term removes a file's articles as a set.
inline constexpr char kPrefixFile[] = "XF";
/// Language code, boolean filter term ("Len").
inline constexpr char kPrefixLang[] = "L";
/// Date terms for boolean filtering: year "Y2018", month "M201811", day "D20181114".
inline constexpr char kPrefixYear[] = "Y";
inline constexpr char kPrefixMonth[] = "M";
inline constexpr char kPrefixDay[] = "D";

// ---- Value slots -----------------------------------------------------------
/// Publication date as 8 ASCII digits "YYYYMMDD": sortable, used for date ranges.
inline constexpr unsigned kSlotDate = 0;
/// Article body, for snippets. Kept out of the document data so that a result
/// list without snippets never reads (or decompresses) the text.
inline constexpr unsigned kSlotBody = 1;

// ---- Metadata (Xapian user metadata) ---------------------------------------
/// One key per indexed file: "file:" + the same hex hash as kPrefixFile; the
/// value is "SIZE MTIME_NS CONTENT_HASH PATH". Lets a later run skip
/// unchanged files without reading them and notice files that are gone.
inline constexpr char kMetaFilePrefix[] = "file:";

// ---- Field weighting --------------------------------------------------------
/// A title word counts this many times in the stemmed body field ("Z"):
/// BM25F-style field weighting, one term statistic for both fields. Chosen by
/// `byline eval` on every judged collection (benchmarks/README.md).
inline constexpr unsigned kTitleWdf = 3;

// ---- Positions -------------------------------------------------------------
/// The body's first position is this far after the title's last, so that a
/// phrase never matches across the title/body boundary.
inline constexpr unsigned kTitleBodyGap = 100;

}  // namespace byline::schema

#endif  // BYLINE_SCHEMA_H
