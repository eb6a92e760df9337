/** @file ranker.h
 *  @brief Ranking models and their parameters.
 */
#ifndef BYLINE_RANKER_H
#define BYLINE_RANKER_H

namespace byline {

/// The ranking function and its parameters. The defaults were chosen with
/// `byline eval` across every judged collection (benchmarks/README.md).
struct RankingOptions {
  double k1 = 1.6;  ///< BM25 term frequency saturation (Xapian's default: 1.2)
  double b = 0.5;   ///< BM25 document length normalisation (Xapian's default: 0.75)
  /// Query-time title boost: a word also matched as a title term, scaled by
  /// this (0: off). Measured worse than the index-time weighting of
  /// schema::kTitleWdf on every collection, so off.
  double title_weight = 0.0;
  /// Proximity bonus: each pair of neighbouring query words that stand within
  /// `proximity_window` positions of each other (either order) in the title
  /// or body adds this factor of their weight (0 turns it off), so that
  /// words typed side by side rank above the same words far apart. Chosen
  /// for typed queries with `byline eval --as-search`, leave-one-collection-
  /// out over windows 2-4 and weights 0-0.3 (benchmarks/README.md): two folds
  /// of three pick window 2, weight 0.3; its neighbour 0.2 costs reuters less
  /// (nDCG@10 -0.004 against -0.008). With proximity_max_share below, the
  /// default gains on every collection: MAP / nDCG@10 cacm +0.024 / +0.018,
  /// cranfield +0.006 / +0.003, reuters21578 +0.005 / +0.004.
  double proximity_weight = 0.2;
  unsigned proximity_window = 2;
  /// A pair earns no bonus when both of its words are in more than this
  /// share of the articles, and in more than 1,000 (1: no limit). Checking positions costs time in
  /// proportion to the articles that hold both words: "to be or not to be"
  /// took 32 ms with the bonus against 1.1 ms without on reuters21578, and
  /// pairs of such common words carry little of a query's meaning.
  double proximity_max_share = 0.05;
  /// The bonus reorders the top `proximity_depth` results of the ranking
  /// without it, as Lucene's rescorer does: each article's weight is
  /// multiplied by one plus proximity_weight times the share of the pairs
  /// whose words stand near, so that positions are read for those articles
  /// only (2 lookups of about 3,700 instructions per word and article). 0:
  /// the bonus is in the query instead, each pair an OP_NEAR weighted as its
  /// two words, exact over every match but with positions read for every
  /// article that holds both words of a pair: in the query it cost a fifth
  /// of the instructions of a union query on reuters21578, the rerank of 10
  /// a twentieth (benchmarks/README.md, "Session 7"). Reordering only the
  /// page shown keeps the page's cost: a deeper rerank must fetch a longer
  /// ranking, and 20 instead of 10 cost 12% more instructions.
  unsigned proximity_depth = 10;
  /// Pseudo-relevance feedback (RM3-style): add this many expansion terms,
  /// chosen by Xapian's ESet from the top `expand_docs` hits of a first
  /// pass, to the query (0 turns it off).
  unsigned expand_terms = 0;
  unsigned expand_docs = 10;
  /// Weight of the expansion terms relative to the original query.
  double expand_weight = 0.2;
  /// Near-duplicates among the feedback articles count once: an article
  /// with the same title as one above it and at least this share of its
  /// stemmed terms (Jaccard) is left out (0 turns it off).
  double feedback_overlap = 0.5;
  /// Feedback only where the first pass looks like many relevant articles:
  /// the expansion's weight is scaled by how the `expand_docs`-th hit scores
  /// against the first (0 when fewer articles match), ramped from 0 at
  /// `feedback_gate` to full at `feedback_gate + feedback_gate_width` (width
  /// 0: all or nothing). A top hit far above the rest (one article or one
  /// story answers the query) then gets no expansion that could pull the
  /// query towards the other nine; a flat top ten (a subject with many
  /// articles) gets it all. 0 expands every query, as before.
  double feedback_gate = 0.0;
  double feedback_gate_width = 0.0;
  /// A query of at least this many different stemmed words is expanded
  /// whatever its first pass (0: the gate decides for every query): a long
  /// request spreads its scores over its words, so its top ten is seldom
  /// flat even when many articles are relevant.
  unsigned feedback_long_query = 0;
  /// Expansion terms for a query shorter than `feedback_long_query` (0: as
  /// many as `expand_terms`): a short query's top ten speak of fewer things,
  /// and twenty terms learned from them outweigh the query's own words.
  unsigned feedback_short_terms = 0;
  /// Feedback articles for a gated short query: its best this many hits
  /// (0: `expand_docs`, the ones the gate looked at).
  unsigned feedback_short_docs = 0;
  /// A gated short query's expansion terms: each one's weight times the
  /// share of the feedback articles that hold it, raised to this power (0:
  /// every term the same weight).
  double feedback_term_share = 0.0;
  /// Expansion terms in more than this share of the articles are left out
  /// (0: none).
  double feedback_max_df = 0.0;
  /// The expansion's terms together weigh at most this many times the
  /// query's own stemmed words (each term at most this times the words
  /// over the terms; 0: no cap), RM3's interpolation of query and feedback.
  double feedback_query_share = 0.0;
  /// The expanded query is kept only if its best `expand_docs` hits hold at
  /// least this share of the first pass's (0: no check); below it the
  /// expansion has drifted from what the query found.
  double feedback_min_overlap = 0.0;
  /// A gated short query (shorter than `feedback_long_query`) that is
  /// expanded keeps its first pass's best this many hits on top, in their
  /// order; the expansion orders what comes after them (0: it orders all).
  /// When one article answers a query of a word or two, the first pass
  /// usually has it first and the expansion, learnt from nine articles that
  /// merely share the words, can only push it down; when many answer, the
  /// expansion still orders all the others.
  unsigned feedback_keep_top = 0;
  /// ... but only when the first pass's `expand_docs`-th hit scores less
  /// than this share of its first (above 1: always). A first pass of ten
  /// nearly equal scores has no hit that stands out, and the expansion
  /// breaks the tie: on reuters21578 (topics of 15-400 relevant articles,
  /// first passes at 0.93-0.98) keeping the first hit whatever the scores
  /// cost nDCG@10 0.8783 -> 0.8636, with 0.95 0.8722.
  double feedback_keep_below = 2.0;
};

/// The ranking for long natural-language requests (judged topics): the
/// defaults plus pseudo-relevance feedback (20 terms from the top 10) and a
/// proximity bonus (0.1 for neighbouring words within 3 positions). Each wins
/// on every judged collection for such requests, and the proximity window and
/// weight are the ones leave-one-collection-out picks in every fold
/// (benchmarks/README.md). Interactive searches leave feedback off (it
/// costs a second query) and use the default proximity bonus.
///
/// Feedback is gated (session 7, benchmarks/README.md "Feedback that does no
/// harm"): a request of 4 or more stemmed words is always expanded; a shorter
/// one only when its 10th hit scores at least 0.7 of its first, and then with
/// 15 terms, each weighed by the share of the feedback articles that hold it
/// (power 0.25), and with its first hit kept first unless the ten are a near
/// tie (the 10th at 0.95 of the first or more). Ungated feedback cost the
/// known-item sets (one relevant article) 2-13% MAP against no feedback
/// (known-news-de 0.8100 against 0.9285), and a set of 3-5 relevant articles
/// a topic 0.7%; gated alone, every set was within 1% of the better of the
/// two except 20newsgroups' nDCG@10 (-2.5%) and known-bbc-news' MAP (-1.3%).
/// With the share and the kept first hit (session 13, benchmarks/README.md
/// "Session 13: feedback that keeps the first hit"), every one of nine
/// judged sets is within 0.7% (the worst: reuters21578 MAP -0.7%,
/// 20newsgroups nDCG@10 -0.6%). Leave-one-set-out over the tie line
/// (0.9-0.97) by the share (0.25-0.4) passes that bar on eight held-out
/// sets of nine; the folds pick 0.95-0.96 and 0.25, on a plateau of
/// 0.93-0.96 that 0.97 falls off.
inline RankingOptions NaturalLanguageRanking() {
  RankingOptions r;
  r.expand_terms = 20;
  r.proximity_weight = 0.1;
  r.proximity_window = 3;
  r.proximity_max_share = 1;  // long requests are not interactive
  r.proximity_depth = 0;
  r.feedback_gate = 0.7;
  r.feedback_long_query = 4;
  r.feedback_short_terms = 15;
  r.feedback_term_share = 0.25;
  r.feedback_keep_top = 1;
  r.feedback_keep_below = 0.95;
  return r;
}

}  // namespace byline

#endif  // BYLINE_RANKER_H
