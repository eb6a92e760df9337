/** @file document_builder.h
 *  @brief Internal: an Article as a Xapian document, per the schema (schema.h).
 */
#ifndef BYLINE_INDEX_DOCUMENT_BUILDER_H
#define BYLINE_INDEX_DOCUMENT_BUILDER_H

#include <xapian.h>

#include <string>

#include "byline/analyzer.h"
#include "byline/document.h"

namespace byline {

/// The document of `a`: positional and stemmed title and body terms (a title
/// word counts `title_wdf` times in the stemmed body field), boolean author,
/// source, language and date terms, the date and body values, the id term
/// (IdTerm) and the stored record without the body. No file term.
Xapian::Document BuildDocument(const Article& a, const Analyzer& analyzer, unsigned title_wdf);

/// "XF" + the hex hash of a file path: the term shared by the articles of one
/// file, so a changed or vanished file's articles go as a set.
std::string FileTerm(const std::string& path);

}  // namespace byline

#endif  // BYLINE_INDEX_DOCUMENT_BUILDER_H
