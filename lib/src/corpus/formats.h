/** @file formats.h
 *  @brief Internal: one parser per input format, and the shared field mapping.
 */
#ifndef BYLINE_CORPUS_FORMATS_H
#define BYLINE_CORPUS_FORMATS_H

#include <string>
#include <string_view>

#include "byline/corpus_reader.h"

namespace byline {

/// Fills in what every reader must: a valid ISO date (the raw value is
/// dropped if it does not parse), a normalised or guessed language, an id
/// and path, and cleaned text. Returns false if the article has no text.
bool FinishArticle(Article* a, const std::string& default_id);

/// Sets a metadata field from a header key ("Title", "Date", "Byline", ...),
/// unless it is already set; returns false if no row of schema::kFields
/// accepts the key (see schema::FindMetadataField).
bool SetFieldByName(Article* a, std::string_view key, std::string value);

void ParseTextArticle(const std::string& path, bool markdown, std::string_view content,
                      const ReadSink& sink);
void ParseHtmlArticle(const std::string& path, std::string_view content, const ReadSink& sink);
void ParseJsonArticles(const std::string& path, std::string_view content, const ReadSink& sink);
void ParseJsonLines(const std::string& path, std::string_view content, const ReadSink& sink);
/// One line of a JSON Lines file (without its newline), the `line_no`th
/// (from 1): its article is named "path:line_no"; a blank line is nothing.
void ParseJsonLine(const std::string& path, std::size_t line_no, std::string_view line,
                   const ReadSink& sink);

}  // namespace byline

#endif  // BYLINE_CORPUS_FORMATS_H
