/** @file feedback.h
 *  @brief Internal: choosing the articles of pseudo-relevance feedback.
 */
#ifndef BYLINE_SEARCH_FEEDBACK_H
#define BYLINE_SEARCH_FEEDBACK_H

#include <xapian.h>

#include "byline/ranker.h"

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
/// stay. `overlap` <= 0 keeps every hit. At most `most` are kept (0: no
/// limit).
std::vector<Xapian::docid> FeedbackDocuments(const Xapian::Database& db, const Xapian::MSet& top,
                                             double overlap, unsigned most = 0);

/// How to expand a query: with how many terms, at what weight (relative to
/// the query's own words). No terms: not at all.
struct FeedbackPlan {
  unsigned terms = 0;
  double weight = 0;
  unsigned docs = 0;  ///< learn from this many of the best hits (0: all of them)
  double share = 0;   ///< RankingOptions::feedback_term_share, for a gated query
  unsigned keep = 0;  ///< RankingOptions::feedback_keep_top, for a gated query
};

/// How to expand `query`, whose first pass gave `top` (its best
/// `ranking.expand_docs` hits). A query of `ranking.feedback_long_query` or
/// more stemmed words gets `expand_terms` at `expand_weight`; a shorter one
/// `feedback_short_terms` (if set) at `expand_weight` times the ramp of
/// RankingOptions::feedback_gate over the score of the last of those hits
/// divided by the first's (0 with fewer hits).
FeedbackPlan PlanFeedback(const Xapian::Query& query, const Xapian::MSet& top,
                          const RankingOptions& ranking);

/// `query` OR its expansion: each term of `eset` at `plan.weight`, times the
/// share of the feedback articles `docs` that hold it raised to
/// `plan.share` (0: every term at `plan.weight`), so that a word of one or
/// two of the ten weighs less than a word of all ten. Terms in more than
/// RankingOptions::feedback_max_df of the articles are left out.
Xapian::Query ExpandedQuery(const Xapian::Database& db, const Xapian::Query& query,
                            const Xapian::ESet& eset, const std::vector<Xapian::docid>& docs,
                            const FeedbackPlan& plan, const RankingOptions& ranking);

/// `query` with the articles `kept` (a first pass's best, best first) lifted
/// above every other match, in that order, at any depth and on any page:
/// each gets a fixed weight of `above` times its place counted from the
/// last, through a filter on its id term (RankingOptions::feedback_keep_top).
/// `above` must exceed the most `query` can weigh (MSet::get_max_possible).
/// *lifts gets what each kept article's weight is raised by (0 for one
/// without an id term, or whose id term other articles hold too: several
/// databases read as one; neither is lifted), for the scores shown.
Xapian::Query KeepOnTop(const Xapian::Database& db, const Xapian::Query& query,
                        const std::vector<Xapian::docid>& kept, double above,
                        std::vector<double>* lifts);

/// Whether the expanded query's best hits `expanded` still hold at least
/// RankingOptions::feedback_min_overlap of the first pass's `first` (its
/// best `expand_docs`); when not, the expansion has drifted away from what
/// the query found and the query runs unexpanded. Always true when the
/// check is off (0).
bool KeepExpansion(const Xapian::MSet& first, const Xapian::MSet& expanded,
                   const RankingOptions& ranking);

}  // namespace byline

#endif  // BYLINE_SEARCH_FEEDBACK_H
