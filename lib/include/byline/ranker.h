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
};

}  // namespace byline

#endif  // BYLINE_RANKER_H
