/** @file article_printer.h
 *  @brief `byline show`: one whole article, for people and for scripts.
 */
#ifndef BYLINE_SEARCHER_ARTICLE_PRINTER_H
#define BYLINE_SEARCHER_ARTICLE_PRINTER_H

#include <cstddef>
#include <ostream>
#include <string>

#include "byline/document.h"

namespace byline {

/// Where an article came from, for people: its stored path, with a JSON
/// Lines file's ":LINE" as "FILE, line LINE" and a JSON array's "#N" as
/// "FILE, element N" (the path of any other file is as it is).
std::string DescribeOrigin(const std::string& path);

/// Writes the article for a terminal: the title (bold; a derived one says
/// so), date, source and author, then its id, where it came from, url and
/// language, a blank line and every paragraph of the body wrapped to `width`
/// columns, a blank line between paragraphs. ANSI colour only if `color`;
/// text from the article is made safe for a terminal.
void WriteArticleText(std::ostream& out, const Article& article, bool color, std::size_t width);

/// Writes one JSON object on one line: "type": "article" and every stored
/// field (id, title, title_derived, date, source, author, url, lang, path,
/// body). Invalid UTF-8 is replaced. See README.md.
void WriteArticleJson(std::ostream& out, const Article& article);

}  // namespace byline

#endif  // BYLINE_SEARCHER_ARTICLE_PRINTER_H
