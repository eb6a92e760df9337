/** @file article_printer.h
 *  @brief `byline show`: one whole article, for people and for scripts.
 */
#ifndef BYLINE_SEARCHER_ARTICLE_PRINTER_H
#define BYLINE_SEARCHER_ARTICLE_PRINTER_H

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "byline/document.h"

namespace byline {

/// Where an article came from, for people: its stored path, with a JSON
/// Lines file's ":LINE" as "FILE, line LINE" and a JSON array's "#N" as
/// "FILE, element N" (the path of any other file is as it is).
std::string DescribeOrigin(const std::string& path);

/// The paragraphs of `body`, each with its runs of white space made one
/// space. A blank line ends a paragraph, and so does every line break of
/// text written a paragraph a line. Text hard-wrapped at a fixed width (wire
/// copy wrapped at 60-70 columns: three lines or more, the longest 40-100
/// columns, half of them within 20 of it, and half of its full lines ending
/// mid-sentence) has its line breaks read as spaces, except after a shorter
/// line (the end of a paragraph) or before an indented one (Reuters indents
/// each paragraph). Paragraphs of a line each, as wide as wrapped lines,
/// end where sentences end and stay apart.
std::vector<std::string> BodyParagraphs(std::string_view body);

/// Writes the article for a terminal: the title (bold; a derived one says
/// so), date, source and author, then its id, where it came from, url and
/// language, a blank line and every paragraph of the body (BodyParagraphs)
/// wrapped to `width` columns, a blank line between paragraphs. ANSI colour only if `color`;
/// text from the article is made safe for a terminal.
void WriteArticleText(std::ostream& out, const Article& article, bool color, std::size_t width);

/// Writes one JSON object on one line: "type": "article" and every stored
/// field (id, title, title_derived, date, source, author, url, lang, path,
/// body). Invalid UTF-8 is replaced. See README.md.
void WriteArticleJson(std::ostream& out, const Article& article);

}  // namespace byline

#endif  // BYLINE_SEARCHER_ARTICLE_PRINTER_H
