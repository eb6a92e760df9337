/** @file document.h
 *  @brief Article: the document model shared by readers, indexer and searcher.
 */
#ifndef BYLINE_DOCUMENT_H
#define BYLINE_DOCUMENT_H

#include <string>
#include <string_view>

namespace byline {

/// One news article as read from a corpus file, all text in valid UTF-8.
struct Article {
  std::string id;      ///< stable id: the JSON "id", else path (plus ":line" in JSON Lines)
  std::string title;   ///< headline; may be empty
  std::string date;    ///< ISO 8601 ("2018-11-14" or "2018-11-14T09:30:00Z"); empty if unknown
  std::string source;  ///< publication or site name
  std::string author;  ///< byline
  std::string url;     ///< canonical address
  std::string lang;    ///< ISO 639-1 code ("en", "de"); empty if unknown
  std::string body;    ///< article text, paragraphs separated by "\n"
  std::string path;    ///< the file it came from (plus ":line" in JSON Lines)
  /// Not stored: set by the searcher when `title` was made from the body
  /// (DeriveTitle) because the article has none.
  bool title_derived = false;
};

/// Serialises the stored fields of an article into the compact form kept as
/// Xapian document data: a version byte, then length-prefixed fields, XORed
/// with a fixed pseudo-random keystream. The whitening is there for speed:
/// glass zlib-compresses every document data it can shrink, and inflating one
/// record per hit was a sixth of the time of a fast query; whitened bytes do
/// not shrink, so glass stores them as they are.
///
/// `pair_filter`, if not empty, follows the fields: the Bloom filter of the
/// article's side-by-side words that the proximity bonus reads (kept in the
/// record because a hit's record is read anyway; readers before it ignore
/// what follows the fields).
std::string EncodeStoredArticle(const Article& article, std::string_view pair_filter = {});

/// Reverses EncodeStoredArticle, and reads the plain (unwhitened) records of
/// databases written before it; returns false (and leaves *out partly
/// filled) if the data is in neither form. Takes the record by value and
/// unwhitens it in place: pass Xapian's get_data() straight in.
/// `pair_filter`, if given, gets the filter that follows the fields ("" if
/// none).
bool DecodeStoredArticle(std::string data, Article* out, std::string* pair_filter = nullptr);

/// The body as kept in its value slot (schema::kSlotBody): deflated behind
/// the byte 0xFF (never the first byte of UTF-8 text) and its length, when
/// that is smaller. Values live in glass's postlist table, beside every
/// posting list: plain bodies made that table 1.9 times plain Xapian's on
/// reuters21578 (42.6 MB against 22.6 MB); deflated, it is 35.5 MB, and the
/// database 93 MB instead of 99. A page of ten snippets inflates ten bodies,
/// +6% on a union query; a search without snippets reads no body. Query
/// speed without snippets: no difference shown (benchmarks/README.md,
/// "Session 10": file age in the page cache mattered more).
std::string PackBody(std::string_view body);

/// Reverses PackBody. A value without the mark (a body written before
/// PackBody, format 1) is returned as it is; a marked value that does not
/// inflate (damage) gives "".
std::string UnpackBody(std::string value);

}  // namespace byline

#endif  // BYLINE_DOCUMENT_H
