/** @file schema.h
 *  @brief Every term prefix and value slot of a Byline database, written once,
 *  and the one table of fields that the readers, the query parser and the
 *  query compiler share.
 *
 *  Follows Xapian's prefix conventions (docs/termprefixes.rst): single
 *  capital letters for the common fields, "X" for our own. Terms after a
 *  prefix are always lower case, so no ':' separator is needed.
 */
#ifndef BYLINE_SCHEMA_H
#define BYLINE_SCHEMA_H

#include <array>
#include <stdexcept>
#include <string>
#include <string_view>

#include "byline/document.h"

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
/// The story an article belongs to ("XK" + the key in kSlotStory), for
/// listing a story's copies; only articles that have copies carry one.
inline constexpr char kPrefixStory[] = "XK";
/// Candidate terms for finding an article's copies: "XB" + a band letter
/// ('a'..'p') + 8 hex digits of the hash of that band's four MinHashes
/// (lib/src/index/story.h). Articles that share one are verified against
/// each other when stories are assigned; sixteen boolean terms an article.
inline constexpr char kPrefixStoryBand[] = "XB";
/// Date terms for boolean filtering: year "Y2018", month "M201811", day "D20181114".
inline constexpr char kPrefixYear[] = "Y";
inline constexpr char kPrefixMonth[] = "M";
inline constexpr char kPrefixDay[] = "D";
/// Keys of the spelling deletion index (index/spelling.h), in Xapian's
/// synonym table, not in the term lists: "~" + a word's prefix with up to
/// one character deleted.
inline constexpr char kPrefixSpelling[] = "~";

// ---- Value slots -----------------------------------------------------------
/// Publication date as 8 ASCII digits "YYYYMMDD": sortable, used for date ranges.
inline constexpr unsigned kSlotDate = 0;
/// Article body, for snippets, deflated when that is smaller (PackBody,
/// byline/document.h; read it with UnpackBody). Kept out of the document
/// data so that a result list without snippets never reads the text.
inline constexpr unsigned kSlotBody = 1;
/// The story an article belongs to: the same non-empty key for copies of one
/// story (exact repeats and light edits), empty for an article with no copy.
/// Search collapses on it (one hit per story).
inline constexpr unsigned kSlotStory = 2;
/// The signature the story of an article is decided by (lib/src/index/story.h):
/// a format byte, a hash of the whole word sequence, the day, 64 16-bit
/// MinHashes of its 3-word shingles, its count of distinct numbers and 16
/// MinHashes of them; 174 bytes, none for an article without words.
inline constexpr unsigned kSlotStorySignature = 3;
/// The whole source as written ("BBC News"), for counting articles by source
/// (`search --facets source`); the XS terms hold only its words. Empty or
/// absent for an article without one. Databases built before it have none.
inline constexpr unsigned kSlotSource = 4;
/// The whole author as written, for `--facets author`; as kSlotSource.
inline constexpr unsigned kSlotAuthor = 5;
/// "No value slot" in a field row (the same number as Xapian::BAD_VALUENO).
inline constexpr unsigned kNoSlot = static_cast<unsigned>(-1);

// ---- Metadata (Xapian user metadata) ---------------------------------------
/// One key per indexed file: "file:" + the same hex hash as kPrefixFile; the
/// value is "SIZE MTIME_NS CONTENT_HASH PATH". Lets a later run skip
/// unchanged files without reading them and notice files that are gone.
inline constexpr char kMetaFilePrefix[] = "file:";
/// Notes of an update in place for the story pass (lib/src/index/story.h):
/// "story:d:" + a docid written by the run, "story:k:" + a story that lost
/// or changed a member. Committed with the documents and removed once their
/// stories are settled, so a run killed in between leaves them to the next.
inline constexpr char kMetaStoryPrefix[] = "story:";
/// The database format, as decimal digits ("1"), written by every commit and
/// build. A reader refuses a database whose format is greater than
/// kFormatVersion (a newer Byline wrote it, and may store things this one
/// would misread) instead of searching it wrongly. A database without the key
/// is version 1 if it holds Byline's own data (it was written before the key
/// existed) or is empty; otherwise it belongs to another program.
inline constexpr char kMetaFormat[] = "byline:format";
/// The synonyms file stored with the database (`byline index --synonyms`),
/// as written; every search applies it (byline/synonyms.h).
inline constexpr char kMetaSynonyms[] = "byline:synonyms";
/// The title weight (`byline index --title-weight`, kTitleWdf by default)
/// the database was built with, as decimal digits: it applies to the whole
/// database, so a later run that asks for another one is refused unless it
/// rebuilds. Absent in databases built before the key (they used kTitleWdf
/// unless built with --title-weight).
inline constexpr char kMetaTitleWeight[] = "byline:title-weight";
/// The format this Byline writes and the newest it reads. Raise it when a
/// change to this file or to the document data (document.cc) would make an
/// older Byline misread a new database.
/// 2: the body's value may be deflated (PackBody, byline/document.h).
inline constexpr unsigned kFormatVersion = 2;

// ---- Field weighting --------------------------------------------------------
/// A title word counts this many times in the stemmed body field ("Z"):
/// BM25F-style field weighting, one term statistic for both fields. Chosen by
/// `byline eval` on every judged collection (benchmarks/README.md).
inline constexpr unsigned kTitleWdf = 3;

// ---- Positions -------------------------------------------------------------
/// The body's first position is this far after the title's last, so that a
/// phrase never matches across the title/body boundary.
inline constexpr unsigned kTitleBodyGap = 100;

// ---- Fields ------------------------------------------------------------------
/// How a field is searched.
enum class FieldKind {
  kText,    ///< ranked words; `name:` searches this field alone (title)
  kBody,    ///< ranked words that every bare query word searches; no `name:`
  kFilter,  ///< boolean filter terms, one per word of the value (source, author)
  kCode,    ///< one boolean filter term: the whole value, normalised (lang)
  kDate,    ///< `name:` is a date range over the value slot ("YYYYMMDD")
  kStored,  ///< kept in the document data for display; no `name:`
};

/// True if the query language has `name:` for fields of this kind.
constexpr bool IsQueryKind(FieldKind kind) {
  return kind == FieldKind::kText || kind == FieldKind::kFilter || kind == FieldKind::kCode ||
         kind == FieldKind::kDate;
}

/// One field of an article: one row of kFields.
struct Field {
  /// Canonical name: `name:` in queries (for query kinds), in DescribeQuery
  /// and --explain, and in messages.
  std::string_view name;
  FieldKind kind;
  /// The Article member that readers fill and the index writer reads.
  std::string Article::*member;
  /// Prefix of the field's terms: its unstemmed, positional words (text
  /// kinds) or its filter terms; nullptr if the field has no terms of its own.
  const char* prefix;
  /// Text kinds: prefix of the stemmed terms; nullptr otherwise.
  const char* stem_prefix;
  /// Value slot, or kNoSlot. A field with a slot (other than the date, kept
  /// as "YYYYMMDD") keeps its whole value there: the body for snippets, the
  /// source and author for facets.
  unsigned slot;
  /// Other names a query may use for `name:` (query kinds only); unused
  /// entries are nullptr.
  std::array<const char*, 3> aliases;
  /// The metadata keys readers accept (text headers, front matter, JSON
  /// keys), written normalised: lower case, without '_', '-' or ' '.
  /// A key written "Published_At" or "pub-date" in a file matches
  /// "publishedat" or "pubdate" here. Unused entries are nullptr.
  std::array<const char*, 6> metadata_keys;
};

/// Every field, once: the readers (metadata keys), the query lexer and parser
/// (names, aliases, kinds), the query compiler (prefixes, slots) and the
/// index writer's document builder (lib/src/index/document_builder.cc: what
/// each kind writes) all read this table, so a field is one row here plus a
/// member of Article. The date's filter terms (kPrefixYear, kPrefixMonth, kPrefixDay) are the
/// writer's alone: queries on dates use the slot. Names, aliases and metadata
/// keys are unique across rows (checked when lib/src/schema/schema.cc compiles).
// clang-format off
inline constexpr Field kFields[] = {
  // name     kind                member            prefix          stem prefix       slot
  //          query aliases   metadata keys
  {"id",      FieldKind::kStored, &Article::id,     kPrefixId,      nullptr,          kNoSlot,
              {},             {"id"}},
  {"title",   FieldKind::kText,   &Article::title,  kPrefixTitle,   kPrefixTitleStem, kNoSlot,
              {},             {"title", "headline"}},
  {"date",    FieldKind::kDate,   &Article::date,   nullptr,        nullptr,          kSlotDate,
              {},             {"date", "published", "publishedat", "pubdate", "datepublished"}},
  {"body",    FieldKind::kBody,   &Article::body,   kPrefixText,    kPrefixStem,      kSlotBody,
              {},             {"body", "text", "content"}},
  {"source",  FieldKind::kFilter, &Article::source, kPrefixSource,  nullptr,          kSlotSource,
              {"site"},       {"source", "site", "sitename", "publisher"}},
  {"author",  FieldKind::kFilter, &Article::author, kPrefixAuthor,  nullptr,          kSlotAuthor,
              {"byline"},     {"author", "byline", "by"}},
  {"url",     FieldKind::kStored, &Article::url,    nullptr,        nullptr,          kNoSlot,
              {},             {"url", "link"}},
  {"lang",    FieldKind::kCode,   &Article::lang,   kPrefixLang,    nullptr,          kNoSlot,
              {"language"},   {"lang", "language"}},
};
// clang-format on

/// The row for an Article member. Every member but Article::path has one;
/// asking for path is a programming error (a compile error where the call is
/// a constant expression, std::logic_error otherwise).
constexpr const Field& FieldOf(std::string Article::*member) {
  for (const Field& f : kFields) {
    if (f.member == member) return f;
  }
  throw std::logic_error("schema::FieldOf: no row in kFields for this Article member");
}

/// The field a query names with `name:` (its name or an alias, in any ASCII
/// case: `Title:`, `SOURCE:`), or nullptr if the query language has no such
/// field.
const Field* FindQueryField(std::string_view name);

/// The field a reader fills for metadata `key`, compared after dropping '_',
/// '-' and ' ' and folding ASCII case; nullptr if no field accepts it.
const Field* FindMetadataField(std::string_view key);

}  // namespace byline::schema

#endif  // BYLINE_SCHEMA_H
