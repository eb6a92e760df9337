/** @file corpus_reader.h
 *  @brief Reading articles from files and folders in every supported format.
 *
 *  Formats, chosen by file name: .txt and .md (optional "Key: value" header
 *  lines before a blank line), .html/.htm, .json (one object or an array),
 *  .jsonl/.ndjson (one object a line), and .gz of any of these.
 */
#ifndef BYLINE_CORPUS_READER_H
#define BYLINE_CORPUS_READER_H

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "byline/document.h"
#include "byline/status.h"

namespace byline {

/// The format of a file, from its name (".gz" looked through).
enum class FileFormat { kUnknown, kText, kMarkdown, kHtml, kJson, kJsonLines };

/// Returns the format a file name implies, and sets *gzipped for ".gz".
FileFormat FormatOfPath(const std::string& path, bool* gzipped);

/// Limits that keep one bad file from taking the machine down.
///
/// A JSON Lines file (.jsonl, .ndjson, gzipped or not) is read as a stream,
/// a line at a time, so memory does not grow with the file: the caps on the
/// whole file (max_file_bytes, max_decompressed_bytes) do not apply to it,
/// and max_line_bytes caps each line instead. Every other format is one
/// article (or one JSON document) read whole, within the whole-file caps.
struct ReadLimits {
  std::uint64_t max_file_bytes = 256ull << 20;           ///< raw file size read at most
  std::uint64_t max_decompressed_bytes = 1024ull << 20;  ///< gzip output at most
  std::size_t max_article_bytes = 16u << 20;             ///< body longer is cut there
  /// A JSON Lines line longer than this is reported and skipped (not held
  /// whole); four times max_article_bytes, so that a line whose body is cut
  /// at that cap still has room for its escapes and other fields.
  std::size_t max_line_bytes = 64u << 20;
};

/// What a reader hands over for every article, and for every problem.
struct ReadSink {
  /// Called once per article read.
  std::function<void(Article&&)> on_article;
  /// Called for a problem that skipped part of a file (a bad JSON line) or all
  /// of it; the Status message names the file and, where known, the line.
  std::function<void(const Status&)> on_error;
  /// Optional: called as the raw input (as on disk, still compressed) is
  /// consumed, with the bytes consumed so far. A JSON Lines file reports
  /// before the articles of each chunk it reads, so an article handed over
  /// after a call came from no further than that byte.
  std::function<void(std::uint64_t bytes)> on_progress;
};

/// What reading a file saw of its raw bytes (as on disk, still compressed).
struct FileDigest {
  std::uint64_t bytes = 0;  ///< raw bytes read
  std::uint64_t hash = 0;   ///< Fnv1a64 of them
  /// ReadFile or DigestFile opened the file: a failure after that came from
  /// its bytes, not from the file system (gone, no permission).
  bool opened = false;
};

/// Parses `content` (the file's bytes, already decompressed) as `format`,
/// naming articles after `path`. Problems go to sink.on_error; the articles
/// that could be read still go to sink.on_article.
void ParseArticles(const std::string& path, FileFormat format, std::string_view content,
                   const ReadSink& sink);

/// Reads the articles of the file `path` names from `in`, its raw bytes
/// (decompressing them if `path` ends in .gz), fixing the encoding of text
/// and HTML. JSON Lines are streamed (see ReadLimits): their articles reach
/// the sink as they are read, and a gzip stream that turns out corrupt or
/// truncated keeps the articles of its whole lines before the damage. Returns
/// a non-OK status, naming the file, if the file could not be read to its
/// end; *digest (if given) then covers what was read.
Status ReadArticles(const std::string& path, std::istream& in, const ReadLimits& limits,
                    const ReadSink& sink, FileDigest* digest = nullptr);

/// Opens the regular file `path` and reads it with ReadArticles. Returns a
/// non-OK status if the file could not be read at all (or to its end).
Status ReadFile(const std::string& path, const ReadLimits& limits, const ReadSink& sink,
                FileDigest* digest = nullptr);

/// Reads the regular file `path` through to fill *digest, in constant
/// memory, parsing nothing (whether a known file's content changed).
Status DigestFile(const std::string& path, FileDigest* digest);

/// One file found by ListCorpusFiles.
struct CorpusFile {
  std::string path;  ///< absolute, normalised
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;  ///< last modification, nanoseconds since the epoch
};

/// Why a file of another type is not read, for messages: the types that are.
inline constexpr const char* kUnknownTypeReason =
    "not a type byline reads (.txt, .md, .html, .htm, .json, .jsonl, .ndjson, or one of them "
    ".gz); skipped";

/// Walks `roots` (files or folders, recursively, not following symlinked
/// folders) and returns the files of a supported format in a stable order.
/// Files of other types in the folders are counted in *skipped_unknown and,
/// if `unknown` is given, their paths appended to it; a root that is a file
/// of another type (named on purpose) is reported through on_error, as are
/// unreadable entries.
std::vector<CorpusFile> ListCorpusFiles(const std::vector<std::string>& roots,
                                        std::size_t* skipped_unknown,
                                        const std::function<void(const Status&)>& on_error,
                                        std::vector<std::string>* unknown = nullptr);

}  // namespace byline

#endif  // BYLINE_CORPUS_READER_H
