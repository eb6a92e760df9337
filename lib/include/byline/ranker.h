/** @file ranker.h
 *  @brief Ranking models and their parameters.
 */
#ifndef BYLINE_RANKER_H
#define BYLINE_RANKER_H

namespace byline {

/// The ranking function and its parameters. Defaults are Xapian's BM25.
struct RankingOptions {
  double k1 = 1.2;  ///< term frequency saturation
  double b = 0.75;  ///< document length normalisation
  /// Extra weight of a word match in the title, as a factor of a body match
  /// (0 turns title weighting off).
  double title_weight = 0.0;
  /// Pseudo-relevance feedback (RM3-style): add this many expansion terms,
  /// chosen by Xapian's ESet from the top `expand_docs` hits of a first
  /// pass, to the query (0 turns it off).
  unsigned expand_terms = 0;
  unsigned expand_docs = 10;
  /// Weight of the expansion terms relative to the original query.
  double expand_weight = 0.5;
};

}  // namespace byline

#endif  // BYLINE_RANKER_H
