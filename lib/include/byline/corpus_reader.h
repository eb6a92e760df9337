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
struct ReadLimits {
  std::uint64_t max_file_bytes = 256ull << 20;           ///< raw file size read at most
  std::uint64_t max_decompressed_bytes = 1024ull << 20;  ///< gzip output at most
  std::size_t max_article_bytes = 16u << 20;             ///< body longer is cut there
};

/// What a reader hands over for every article, and for every problem.
struct ReadSink {
  /// Called once per article read.
  std::function<void(Article&&)> on_article;
  /// Called for a problem that skipped part of a file (a bad JSON line) or all
  /// of it; the Status message names the file and, where known, the line.
  std::function<void(const Status&)> on_error;
};

/// Parses `content` (the file's bytes, already decompressed) as `format`,
/// naming articles after `path`. Problems go to sink.on_error; the articles
/// that could be read still go to sink.on_article.
void ParseArticles(const std::string& path, FileFormat format, std::string_view content,
                   const ReadSink& sink);

/// Reads one file (decompressing .gz) and parses it. Returns a non-OK
/// status if the file could not be read at all.
Status ReadFile(const std::string& path, const ReadLimits& limits, const ReadSink& sink);

/// The first half of ReadFile: the file's raw bytes (still compressed), after
/// checking that it is a regular file within limits.max_file_bytes.
Status LoadFile(const std::string& path, const ReadLimits& limits, std::string* raw);

/// The second half: decompresses, fixes the encoding and parses `raw`.
Status ParseFileContents(const std::string& path, std::string raw, const ReadLimits& limits,
                         const ReadSink& sink);

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
