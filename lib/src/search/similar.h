/** @file similar.h
 *  @brief Internal: the query of SearchRequest::similar_to (`byline similar`).
 */
#ifndef BYLINE_SEARCH_SIMILAR_H
#define BYLINE_SEARCH_SIMILAR_H

#include <xapian.h>

#include <string>

#include "byline/status.h"

namespace byline {

/// The query for articles like the one with id `id` in `db`: relevance
/// feedback on that one article (an RSet of it alone), its `terms` best
/// expansion terms (IsExpansionTerm: body words, no titles, filters, ids or
/// numbers) OR'ed, each scaled by its ESet weight over the best one's, so
/// that the words most its own count most; the article itself and the other
/// copies of its story (schema::kPrefixStory) are left out. kNotFound if no
/// article has that id, kInvalidArgument if it has no word to go on.
/// May throw Xapian::Error.
Result<Xapian::Query> SimilarQuery(const Xapian::Database& db, const std::string& id,
                                   unsigned terms);

}  // namespace byline

#endif  // BYLINE_SEARCH_SIMILAR_H
