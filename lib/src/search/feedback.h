/** @file feedback.h
 *  @brief Internal: choosing the articles of pseudo-relevance feedback.
 */
#ifndef BYLINE_SEARCH_FEEDBACK_H
#define BYLINE_SEARCH_FEEDBACK_H

#include <xapian.h>

#include <string>
#include <vector>

namespace byline {

/// Whether `term` makes a good expansion term: a stemmed body term, not a
/// title, filter or id term, nor a number.
bool IsExpansionTerm(const std::string& term);

/// The hits of `top` that pseudo-relevance feedback learns from, best first.
/// Near-duplicates count once: a hit with the same title as one kept above
/// it and sharing at least `overlap` of their expansion terms (Jaccard) is
/// left out, so that a story a wire repeated does not weigh twice. Articles
/// that only share a headline (a weekly report's, a paper series' title)
/// stay. `overlap` <= 0 keeps every hit.
std::vector<Xapian::docid> FeedbackDocuments(const Xapian::Database& db, const Xapian::MSet& top,
                                             double overlap);

}  // namespace byline

#endif  // BYLINE_SEARCH_FEEDBACK_H
