/** @file searcher.cc
 *  @brief Opening a database, running a query, building hits with snippets.
 */
#include "byline/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <unordered_set>

#include "byline/coverage.h"
#include "byline/dates.h"
#include "byline/document.h"
#include "byline/index_writer.h"
#include "byline/schema.h"
#include "byline/text.h"
#include "search/compile.h"
#include "search/feedback.h"
#include "search/proximity.h"
#include "search/recency.h"
#include "search/similar.h"
#include "search/spelling.h"
#include "util/database_check.h"
#include "util/xapian_error.h"

namespace byline {
namespace {

// `q` restricted to `filter` (the --since/--until range), or `q` when none.
Xapian::Query Filtered(const Xapian::Query& q, const Xapian::Query& filter) {
  return filter.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
}

// True if `n` has words that rank; false if it only restricts (filters,
// date ranges) or lists ('*'), which weigh nothing.
bool HasRankedWords(const QueryNode& n) {
  using Kind = QueryNode::Kind;
  switch (n.kind) {
    case Kind::kMatchAll:
    case Kind::kFilter:
    case Kind::kDateRange:
      return false;
    case Kind::kWildcard:
      return !IsFilterNode(n);
    case Kind::kAndNot:  // exclusions never rank
      return HasRankedWords(n.children[0]);
    case Kind::kAnd:
    case Kind::kOr:
    case Kind::kAndMaybe:
    case Kind::kXor:
    case Kind::kSynonym:
    case Kind::kBoost:
      return std::any_of(n.children.begin(), n.children.end(), HasRankedWords);
    default:
      return true;
  }
}

// True if one position from each of `lists` (sorted), in that order, lie
// within `window` positions of each other: OP_PHRASE's test. For each start,
// the earliest next positions give the narrowest span.
bool InOrderWithin(const std::vector<std::vector<Xapian::termpos>>& lists,
                   Xapian::termcount window) {
  if (lists.empty()) return false;
  for (Xapian::termpos first : lists[0]) {
    Xapian::termpos at = first;
    for (std::size_t j = 1; j < lists.size(); ++j) {
      auto next = std::upper_bound(lists[j].begin(), lists[j].end(), at);
      if (next == lists[j].end()) return false;  // no later start can do better
      at = *next;
    }
    if (at - first < window) return true;
  }
  return false;
}

// Whether one article matches a query, told from its terms and their
// positions: true, false, or unknown where values or a vocabulary walk
// decide (date ranges, wildcards, posting sources, NEAR), with the rules of
// Xapian's matcher for the rest. `holds(term)` says whether the article has
// the term, `positions(term)` where.
enum class Truth { kFalse, kTrue, kUnknown };

template <typename Holds, typename Positions>
Truth MatchesByTerms(const Xapian::Query& q, const Holds& holds, const Positions& positions) {
  const std::size_t n = q.get_num_subqueries();
  switch (q.get_type()) {
    case Xapian::Query::OP_PHRASE: {
      // Xapian 1.4 gives a phrase's window only in its description:
      // "(a PHRASE 2 b)".
      const std::string d = q.get_description();
      const std::size_t at = d.find(" PHRASE ");
      if (at == std::string::npos) return Truth::kUnknown;
      const auto window =
          static_cast<Xapian::termcount>(std::strtoul(d.c_str() + at + 8, nullptr, 10));
      std::vector<std::vector<Xapian::termpos>> lists;
      for (std::size_t i = 0; i < n; ++i) {
        const Xapian::Query word = q.get_subquery(i);
        if (word.get_type() != Xapian::Query::LEAF_TERM) return Truth::kUnknown;
        // No positions: the article lacks the word (no posting list read).
        lists.push_back(positions(*word.get_terms_begin()));
        if (lists.back().empty()) return Truth::kFalse;
      }
      return InOrderWithin(lists, window) ? Truth::kTrue : Truth::kFalse;
    }
    case Xapian::Query::LEAF_TERM: {
      const std::string term = *q.get_terms_begin();
      return term.empty() || holds(term) ? Truth::kTrue : Truth::kFalse;
    }
    case Xapian::Query::LEAF_MATCH_ALL:
      return Truth::kTrue;
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return Truth::kFalse;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER: {
      Truth all = Truth::kTrue;
      for (std::size_t i = 0; i < n; ++i) {
        const Truth t = MatchesByTerms(q.get_subquery(i), holds, positions);
        if (t == Truth::kFalse) return t;
        if (t == Truth::kUnknown) all = t;
      }
      return all;
    }
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX: {
      Truth any = Truth::kFalse;
      for (std::size_t i = 0; i < n; ++i) {
        const Truth t = MatchesByTerms(q.get_subquery(i), holds, positions);
        if (t == Truth::kTrue) return t;
        if (t == Truth::kUnknown) any = t;
      }
      return any;
    }
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      return n == 0 ? Truth::kUnknown : MatchesByTerms(q.get_subquery(0), holds, positions);
    case Xapian::Query::OP_AND_NOT: {
      if (n == 0) return Truth::kUnknown;
      Truth result = MatchesByTerms(q.get_subquery(0), holds, positions);
      if (result == Truth::kFalse) return result;
      for (std::size_t i = 1; i < n; ++i) {
        const Truth t = MatchesByTerms(q.get_subquery(i), holds, positions);
        if (t == Truth::kTrue) return Truth::kFalse;
        if (t == Truth::kUnknown) result = t;
      }
      return result;
    }
    case Xapian::Query::OP_XOR: {
      bool odd = false;
      for (std::size_t i = 0; i < n; ++i) {
        const Truth t = MatchesByTerms(q.get_subquery(i), holds, positions);
        if (t == Truth::kUnknown) return t;
        odd ^= t == Truth::kTrue;
      }
      return odd ? Truth::kTrue : Truth::kFalse;
    }
    default:
      return Truth::kUnknown;
  }
}

// True if an article dated `date` (as stored) is within the kDateRange
// `dates`, as the range's value query decides: an undated article is not.
bool WithinDates(const std::string& date, const QueryNode& dates) {
  const std::optional<Date> d = ParseDate(date);
  if (!d) return false;
  const std::string key = d->ToKey();
  return (dates.from.empty() || key >= dates.from) && (dates.to.empty() || key <= dates.to);
}

// A request's query and --since/--until read: the parsed query (kMatchAll
// for a blank one within dates), the dates as a kDateRange, the notices.
struct ParsedRequest {
  QueryNode root;
  std::optional<QueryNode> dates;
  std::vector<QueryNotice> notices;
};

// `synonyms`: the table to apply (SearchRequest::synonyms or the
// database's), or nullptr. Applied here, where every search, count and
// batch query is read, so all of them get it.
Result<ParsedRequest> ParseRequest(const SearchRequest& request, const Analyzer& analyzer,
                                   const SynonymTable* synonyms, QueryError* error) {
  QueryParseOptions popts;
  popts.default_operator = request.default_operator;
  popts.natural_language = request.natural_language;
  popts.drop_stop_words = request.drop_stop_words;
  popts.strict = request.strict;
  std::vector<QueryNotice> notices;
  const bool blank = request.query.find_first_not_of(" \t\r\n") == std::string::npos;
  const bool dated = !request.since.empty() || !request.until.empty();
  Result<QueryNode> parsed = QueryNode{};  // kMatchAll: a blank query within dates
  // SearchRequest::similar_to replaces the query (its text is ignored).
  if (request.similar_to.empty() && (!blank || !dated)) {
    parsed = ParseQuery(request.query, analyzer, popts, error, &notices);
    if (!parsed.ok()) return parsed.status();
    if (synonyms && !synonyms->empty()) *parsed = ApplySynonyms(*parsed, *synonyms);
  }
  std::optional<QueryNode> dates;
  if (!request.since.empty() || !request.until.empty()) {
    auto from = request.since.empty() ? std::optional<DateRange>(DateRange{})
                                      : ParseDateRange(request.since);
    auto to = request.until.empty() ? std::optional<DateRange>(DateRange{})
                                    : ParseDateRange(request.until);
    constexpr const char* kForms = "': use YYYY, YYYY-MM or YYYY-MM-DD";
    if (!from)
      return Status::InvalidArgument("--since: cannot read the date '" + request.since + kForms);
    if (!to)
      return Status::InvalidArgument("--until: cannot read the date '" + request.until + kForms);
    // A range where one date is meant ("--since ..2021") would leave the end
    // that counts open: both ends empty, a filter no article passes.
    if (request.since.find("..") != std::string::npos ||
        request.until.find("..") != std::string::npos) {
      return Status::InvalidArgument(
          std::string(request.since.find("..") != std::string::npos ? "--since" : "--until") +
          " takes one date (2018, 2018-11 or 2018-11-14), not a range: for a range give both "
          "--since and --until, or date:2018..2019 in the query");
    }
    // An empty range would compile to no filter at all (every article,
    // undated ones too), so it is an error, as date:2006..2005 is.
    if (!from->from.empty() && !to->to.empty() && from->from > to->to) {
      return Status::InvalidArgument("--since " + request.since + " is after --until " +
                                     request.until + ": no date is in both");
    }
    dates.emplace();
    dates->kind = QueryNode::Kind::kDateRange;
    dates->from = from->from;
    dates->to = to->to;
  }
  return ParsedRequest{std::move(*parsed), std::move(dates), std::move(notices)};
}

// Counts every match it is shown by day and by the value slots asked for,
// each story once (its first copy seen, in docid order) when collapsing.
// Our own spy rather than Xapian::ValueCountMatchSpy: that one counts every
// copy, and one pass reads each slot once for all the counts.
class CoverageSpy : public Xapian::MatchSpy {
 public:
  CoverageSpy(bool collapse, std::vector<unsigned> slots)
      : counts_(slots.size()),
        missing_(slots.size(), 0),
        collapse_(collapse),
        slots_(std::move(slots)) {}

  void operator()(const Xapian::Document& doc, double) override {
    if (collapse_) {
      std::string key = doc.get_value(schema::kSlotStory);
      if (!key.empty() && !seen_.insert(std::move(key)).second) return;
    }
    ++matches_;
    std::string date = doc.get_value(schema::kSlotDate);
    if (IsDateKey(date)) {
      ++days_[date];
    } else {
      ++undated_;
    }
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      std::string v = doc.get_value(slots_[i]);
      if (v.empty()) {
        ++missing_[i];
      } else {
        ++counts_[i][v];
      }
    }
  }

  std::uint64_t matches_ = 0, undated_ = 0;
  std::map<std::string, std::uint64_t> days_;
  std::vector<std::map<std::string, std::uint64_t>> counts_;  // by slot, as asked
  std::vector<std::uint64_t> missing_;

 private:
  bool collapse_;
  std::vector<unsigned> slots_;
  std::unordered_set<std::string> seen_;
};

// Most matches first, ties by value.
std::vector<FacetValue> Ranked(const std::map<std::string, std::uint64_t>& counts) {
  std::vector<FacetValue> out;
  for (const auto& [v, n] : counts) out.push_back({v, n});
  std::stable_sort(out.begin(), out.end(),
                   [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
  return out;
}

}  // namespace

const char* SortOrderName(SortOrder order) {
  switch (order) {
    case SortOrder::kAuto:
      return "auto";
    case SortOrder::kRelevance:
      return "relevance";
    case SortOrder::kNewest:
      return "newest";
    case SortOrder::kOldest:
      return "oldest";
  }
  return "auto";
}

struct Searcher::Impl {
  std::string path;                // for messages: the paths joined by " + "
  std::vector<std::string> paths;  // as opened, to name a shard that went away
  Xapian::Database db;
  Analyzer analyzer;
  std::vector<std::string> languages;
  bool languages_cover_articles = false;  ///< CompileContext's
  bool has_stories = false;               ///< some article has a copy (a kPrefixStory term)
  /// The most articles collapsing can fold away: those with a story key
  /// but one (every story keeps a copy); unknown if the backend cannot say.
  std::optional<Xapian::doccount> collapsible;
  /// CompileContext's: date ranges as year, month and day terms.
  bool date_terms = false;
  std::string first_date, last_date;
  /// The synonyms stored with the database (schema::kMetaSynonyms), if any.
  std::shared_ptr<const SynonymTable> synonyms;

  // The Enquire every search runs on, made once: making and destroying one
  // for each search cost about 0.6 us of a 25 us query (the median
  // intersection query of the web log on reuters21578, which matches nothing;
  // benchmarks/README.md, "Session 10"). A searcher serves one thread.
  std::unique_ptr<Xapian::Enquire> enquire;
  // Oldest first, for `enquire` to keep a pointer to. Undated articles have
  // no value: the reversed (newest first) order puts them last, and this
  // order reads them as "~", after every digit.
  struct OldestFirst : Xapian::MultiValueKeyMaker {
    OldestFirst() { add_value(schema::kSlotDate, false, "~"); }
  } oldest_first;
  double enquire_k1 = -1, enquire_b = -1;  // its BM25 parameters

  // The shared Enquire, weighted with `ranking`'s BM25 parameters, in
  // relevance order, without collapsing: each search sets what it needs.
  Xapian::Enquire& EnquireFor(const RankingOptions& ranking) {
    if (!enquire) {
      enquire = std::make_unique<Xapian::Enquire>(db);
      enquire_k1 = enquire_b = -1;
    }
    if (ranking.k1 != enquire_k1 || ranking.b != enquire_b) {
      enquire->set_weighting_scheme(Xapian::BM25Weight(ranking.k1, 0, 1, ranking.b, 0.5));
      enquire_k1 = ranking.k1;
      enquire_b = ranking.b;
    }
    // set_sort_by_relevance() alone keeps the oldest-first KeyMaker, and
    // Xapian refuses any search with a KeyMaker on a remote shard; a sort by
    // value drops it.
    enquire->set_sort_by_value(schema::kSlotDate, false);
    enquire->set_sort_by_relevance();
    enquire->set_collapse_key(Xapian::BAD_VALUENO);
    return *enquire;
  }

  // Moves to the newest revision (a writer committed while we read).
  void Reopen() {
    enquire.reset();
    db.reopen();
    LoadLanguages();
    LoadSynonyms();
  }

  // The stored synonyms; a table that no longer parses (an analyzer
  // change) is left out rather than failing every search.
  void LoadSynonyms() {
    synonyms.reset();
    const std::string text = db.get_metadata(schema::kMetaSynonyms);
    if (text.empty()) return;
    auto table = SynonymTable::Parse(text, "the synonyms stored in " + path, analyzer);
    if (table.ok()) synonyms = std::make_shared<const SynonymTable>(std::move(*table));
  }

  // The synonyms a request applies.
  const SynonymTable* SynonymsFor(const SearchRequest& req) const {
    return req.synonyms ? req.synonyms.get() : synonyms.get();
  }

  void LoadLanguages() {
    const std::string story = schema::kPrefixStory;
    has_stories = db.allterms_begin(story) != db.allterms_end(story);
    collapsible.reset();
    try {
      const Xapian::doccount keyed = db.get_value_freq(schema::kSlotStory);
      collapsible = keyed > 0 ? keyed - 1 : 0;
    } catch (const Xapian::UnimplementedError&) {
    }
    LoadDates();
    languages.clear();
    std::string prefix = schema::kPrefixLang;
    Xapian::doccount with_language = 0;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
      languages.push_back((*t).substr(prefix.size()));
      with_language += t.get_termfreq();
    }
    // An article without a language is stemmed in the default one.
    languages_cover_articles = languages.empty() || with_language >= db.get_doccount() ||
                               std::find(languages.begin(), languages.end(),
                                         Analyzer::kDefaultLanguage) != languages.end();
  }

  // Whether every dated article has its year terms (a database written
  // before they existed has none, or fewer than its dates), and its dates'
  // bounds.
  void LoadDates() {
    date_terms = false;
    first_date.clear();
    last_date.clear();
    try {
      const Xapian::doccount dated = db.get_value_freq(schema::kSlotDate);
      const std::string year = schema::kPrefixYear;
      Xapian::doccount with_year = 0;
      for (auto t = db.allterms_begin(year); t != db.allterms_end(year); ++t) {
        with_year += t.get_termfreq();
      }
      date_terms = dated > 0 && with_year == dated;
      if (date_terms) {
        first_date = db.get_value_lower_bound(schema::kSlotDate);
        last_date = db.get_value_upper_bound(schema::kSlotDate);
      }
    } catch (const Xapian::UnimplementedError&) {
      date_terms = false;
    }
  }

  // What compiling a request's query needs of this database.
  CompileContext ContextFor(const SearchRequest& req) const {
    CompileContext ctx;
    ctx.analyzer = &analyzer;
    ctx.languages = languages;
    ctx.languages_cover_articles = languages_cover_articles;
    ctx.ranking = req.ranking;
    ctx.db = &db;
    ctx.date_terms = date_terms;
    ctx.first_date = first_date;
    ctx.last_date = last_date;
    return ctx;
  }

  class ExpansionTermsOnly : public Xapian::ExpandDecider {
   public:
    bool operator()(const std::string& term) const override { return IsExpansionTerm(term); }
  };

  // Pseudo-relevance feedback: a first pass, then the query plus the best
  // expansion terms of its top documents. *kept gets the first pass's best
  // hits that the expanded ranking must keep on top (FeedbackPlan::keep),
  // one a story if the ranking collapses copies (the first pass does not).
  Xapian::Query Expand(Xapian::Enquire* enquire, const Xapian::Query& q,
                       const Xapian::Query& filter, const RankingOptions& ranking, bool collapse,
                       std::vector<Xapian::docid>* kept) {
    kept->clear();
    enquire->set_query(Filtered(q, filter));
    Xapian::MSet top = enquire->get_mset(0, ranking.expand_docs);
    const FeedbackPlan plan = PlanFeedback(q, top, ranking);
    if (top.empty() || plan.terms == 0) return q;
    const std::vector<Xapian::docid> docs =
        FeedbackDocuments(db, top, ranking.feedback_overlap, plan.docs);
    Xapian::RSet rset;
    for (Xapian::docid d : docs) rset.add_document(d);
    ExpansionTermsOnly decider;
    Xapian::ESet eset = enquire->get_eset(plan.terms, rset, &decider);
    if (eset.empty()) return q;
    Xapian::Query expanded = ExpandedQuery(db, q, eset, docs, plan, ranking);
    if (ranking.feedback_min_overlap > 0) {
      enquire->set_query(Filtered(expanded, filter));
      if (!KeepExpansion(top, enquire->get_mset(0, ranking.expand_docs), ranking)) return q;
    }
    std::vector<std::string> stories;
    for (auto it = top.begin(); it != top.end() && kept->size() < plan.keep; ++it) {
      if (collapse) {
        std::string story = it.get_document().get_value(schema::kSlotStory);
        if (!story.empty()) {
          if (std::find(stories.begin(), stories.end(), story) != stories.end()) continue;
          stories.push_back(std::move(story));
        }
      }
      kept->push_back(*it);
    }
    return expanded;
  }

  // Runs one query; may throw Xapian::Error.
  // `dates` is the --since/--until range (kDateRange), or nullptr; `given`
  // a query built elsewhere (SearchRequest::similar_to) that replaces root's.
  SearchResults Run(const SearchRequest& req, const QueryNode& root, const QueryNode* dates,
                    const Xapian::Query* given = nullptr) {
    const CompileContext ctx = ContextFor(req);
    Xapian::Query filter;
    if (dates) filter = CompileQuery(*dates, ctx);
    // Every filter in force shows, as Xapian describes OP_FILTER.
    auto describe = [&](const QueryNode& n) -> std::string {
      if (!req.describe) return {};
      // A query built elsewhere is named by what it is made from.
      const std::string what =
          given && !req.similar_to.empty() ? "similar:" + req.similar_to : DescribeQuery(n);
      return dates ? "(" + what + " FILTER " + DescribeQuery(*dates) + ")" : what;
    };
    SearchResults res;
    res.sort = req.sort != SortOrder::kAuto    ? req.sort
               : given || HasRankedWords(root) ? SortOrder::kRelevance
                                               : SortOrder::kNewest;
    res.collapsed = req.collapse && has_stories;
    res.offset = req.offset;
    res.limit = req.limit;
    const Xapian::doccount doccount = db.get_doccount();
    // Xapian counts exactly as far as check_at_least; every match for --count.
    const Xapian::doccount check =
        req.exact_count ? doccount : static_cast<Xapian::doccount>(kCheckAtLeast);
    Xapian::Enquire& enquire = EnquireFor(req.ranking);
    // Without stories every key is empty and collapsing changes nothing but
    // the counts, which it makes estimates (Xapian extrapolates collapses).
    if (res.collapsed) enquire.set_collapse_key(schema::kSlotStory);
    if (res.sort == SortOrder::kNewest) {
      enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
    } else if (res.sort == SortOrder::kOldest) {
      enquire.set_sort_by_key_then_relevance(&oldest_first, false);
    }
    Xapian::Query query;               // the query last run, filters included
    Xapian::Query unfiltered;          // the same without --since/--until
    std::vector<ProximityPair> pairs;  // its proximity bonus (relevance order only)
    bool from_top = false;             // the ranking fetched from the top, for the bonus
    std::vector<Xapian::docid> kept;   // feedback's first hits, kept first (best first)
    std::vector<double> lifts;         // what KeepOnTop raised each one's weight by
    auto run_once = [&](const QueryNode& node, Xapian::MSet* mset) {
      Xapian::Query q = given ? *given : CompileQuery(node, ctx);
      pairs.clear();
      kept.clear();
      const bool ranked = !given && res.sort == SortOrder::kRelevance;
      const unsigned depth = req.ranking.proximity_depth;
      if (ranked && depth == 0) {
        // Every match weighed with the bonus, in the query (not interactive).
        if (std::vector<ProximityPair> all = ProximityPairs(node, ctx); !all.empty()) {
          q = Xapian::Query(Xapian::Query::OP_OR, q,
                            ProximityQuery(all, req.ranking.proximity_window));
        }
      }
      // The bonus reorders the top `depth` hits only: a page below them, or
      // none (-n 0), is the ranking's as it stands. The pairs are known after
      // the search, whose statistics tell which words are common
      // (ProximityPairs); whether there may be any, before.
      const bool bonus = ranked && depth > 0 && req.limit > 0 && req.offset < depth &&
                         MayHaveProximityPairs(node, ctx);
      if (req.ranking.expand_terms > 0) {
        // Feedback from the best matches, whatever the order shown.
        Xapian::Enquire first_pass(db);
        first_pass.set_weighting_scheme(
            Xapian::BM25Weight(req.ranking.k1, 0, 1, req.ranking.b, 0.5));
        q = Expand(&first_pass, q, filter, req.ranking, res.collapsed, &kept);
        if (res.sort != SortOrder::kRelevance) kept.clear();
      }
      if (req.recent_days > 0 && res.sort == SortOrder::kRelevance) {
        // The bonus is scaled to this query's best match, found by a first pass.
        Xapian::Enquire probe(db);
        probe.set_weighting_scheme(Xapian::BM25Weight(req.ranking.k1, 0, 1, req.ranking.b, 0.5));
        probe.set_query(Filtered(q, filter));
        const double top = probe.get_mset(0, 1).get_max_attained();
        q = WithRecency(db, q, req.recent_days, top, kRecencyShare);
      }
      if (!kept.empty()) {
        // Lifted above the most the query can weigh, which a search for no
        // items tells without ranking anything.
        enquire.set_query(Filtered(q, filter));
        const double above = 2 * enquire.get_mset(0, 0).get_max_possible() + 1;
        q = KeepOnTop(db, q, kept, above, &lifts);
      }
      unfiltered = q;
      q = Filtered(q, filter);
      query = q;
      enquire.set_query(q);
      // At least one item: with none, Xapian does not run the collapser,
      // and a count of stories would be an estimate. With a bonus, the
      // ranking from the top, as deep as the bonus reorders it at least.
      std::size_t first = req.offset, count = std::max<std::size_t>(req.limit, 1);
      if (bonus) {
        count = std::max<std::size_t>(first + count, req.ranking.proximity_depth);
        first = 0;
      }
      from_top = bonus;
      *mset = enquire.get_mset(static_cast<Xapian::doccount>(first),
                               static_cast<Xapian::doccount>(count), check);
      if (bonus) pairs = ProximityPairs(node, ctx, mset);
    };
    Xapian::MSet mset;
    run_once(root, &mset);
    res.query_description = describe(root);
    // Nothing matches at all (not merely nothing on this page).
    if (mset.get_matches_upper_bound() == 0 && req.relax &&
        req.default_operator == DefaultOperator::kAnd && IsRelaxable(root)) {
      QueryNode relaxed = RelaxToOr(root);
      run_once(relaxed, &mset);
      res.relaxed = true;
      res.query_description = describe(relaxed);
    }
    // The page, as positions in mset.
    std::vector<Xapian::doccount> page;
    std::vector<double> weights;  // by position in mset, the bonus included
    // The place in `kept` of the article at each position of mset (-1: none).
    std::vector<int> kept_at(mset.size(), -1);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      double w = it.get_weight();
      for (std::size_t k = 0; k < kept.size(); ++k) {
        if (*it == kept[k] && lifts[k] > 0) {
          w -= lifts[k];  // the score shown is the expanded query's
          kept_at[weights.size()] = static_cast<int>(k);
        }
      }
      weights.push_back(w);
    }
    // Stored records Rerank decoded, by position in mset (not decoded twice).
    std::vector<std::optional<Article>> decoded(mset.size());
    if (!pairs.empty()) {
      page = Rerank(mset, pairs, req.ranking, &weights, &decoded);
    } else {
      for (Xapian::doccount i = 0; i < mset.size(); ++i) page.push_back(i);
    }
    if (!kept.empty()) {                       // the bonus reorders what comes after the kept hits
      auto place = [&](Xapian::doccount at) {  // the others after, in their order
        return kept_at[at] < 0 ? kept.size() : static_cast<std::size_t>(kept_at[at]);
      };
      std::stable_sort(page.begin(), page.end(),
                       [&](Xapian::doccount a, Xapian::doccount b) { return place(a) < place(b); });
      // Scores stay in rank order, as a ranking's should (trec_eval ranks
      // a run by its scores): a kept hit scores at least a step above the
      // best one after it, on every page.
      constexpr double kStep = 0.001;  // shows in the run file's 6 decimals
      std::optional<double> below;
      for (std::size_t i = 0; i < weights.size(); ++i) {
        if (kept_at[i] < 0) below = std::max(below.value_or(weights[i]), weights[i]);
      }
      if (!below && !mset.empty()) {  // a page of kept hits only: the next one's
        const auto lifted = static_cast<Xapian::doccount>(
            std::count_if(lifts.begin(), lifts.end(), [](double l) { return l > 0; }));
        Xapian::MSet next = enquire.get_mset(lifted, 1);
        if (!next.empty()) below = next.begin().get_weight();
      }
      for (auto p = page.rbegin(); p != page.rend(); ++p) {
        if (kept_at[*p] < 0) continue;
        if (below) weights[*p] = std::max(weights[*p], *below + kStep);
        below = weights[*p];
      }
    }
    if (from_top) {  // the page asked for, of the ranking from the top
      page.erase(page.begin(), page.begin() + std::min(page.size(), req.offset));
      page.resize(std::min(page.size(), std::max<std::size_t>(req.limit, 1)));
    }
    // The page: empty when --count asked for none (one item was fetched).
    const bool no_hits = page.empty() || req.limit == 0;
    bool counted_all = check >= doccount;
    if (no_hits && req.offset > 0 &&
        mset.get_matches_lower_bound() != mset.get_matches_upper_bound()) {
      // A page past the end says how many matches there are: count them all.
      mset = enquire.get_mset(0, 1, doccount);
      counted_all = true;
    }
    res.matches_estimated = mset.get_matches_estimated();
    res.matches_lower = mset.get_matches_lower_bound();
    res.matches_upper = mset.get_matches_upper_bound();
    if (res.collapsed && !counted_all && collapsible) {
      // Xapian counts a collapsed match only if it comes near the top of
      // the ranking: '*' sorted newest on reuters21578 gave "between 174
      // and 21,577" stories for 20,831. The articles it saw bound the
      // stories too, as collapsing folds away at most every copy but one:
      // "between 20,122 and 21,577".
      const std::uint64_t seen = mset.get_uncollapsed_matches_lower_bound();
      const std::uint64_t most = mset.get_uncollapsed_matches_upper_bound();
      if (seen > *collapsible) res.matches_lower = std::max(res.matches_lower, seen - *collapsible);
      res.matches_upper = std::max(res.matches_lower, std::min(res.matches_upper, most));
      res.matches_estimated =
          std::clamp(res.matches_estimated, res.matches_lower, res.matches_upper);
    }
    // Having looked at every match, Xapian's lower bound is the count; with
    // collapsing its upper bound stays loose (17 articles in 11 stories gave
    // 11 and 14 in the tests).
    if (counted_all) res.matches_upper = res.matches_lower;
    if (res.matches_lower == res.matches_upper) res.matches_estimated = res.matches_lower;
    if (no_hits) return res;
    HighlightSpec spec;  // only needed for snippets
    if (req.snippets) spec = HighlightSpecFor(root);
    std::size_t rank = req.offset;
    res.hits.reserve(page.size());
    std::vector<std::pair<std::string, std::size_t>> stories;  // key, index into hits
    std::vector<Xapian::docid> shown;
    for (Xapian::doccount at : page) {
      Xapian::MSetIterator it = mset[at];
      shown.push_back(*it);
      Hit hit;
      hit.rank = ++rank;
      hit.score = weights[at];
      Article& a = hit.article;
      Xapian::Document doc = it.get_document();
      if (decoded[at]) {
        a = std::move(*decoded[at]);
      } else if (!DecodeStoredArticle(doc.get_data(), &a)) {
        a.id = "#" + std::to_string(*it);
        a.title = "(stored data unreadable)";
      }
      // The body is read only for a snippet or for a title to derive.
      std::string body;
      if (req.snippets || a.title.empty()) body = UnpackBody(doc.get_value(schema::kSlotBody));
      if (a.title.empty()) {
        a.title = DeriveTitle(body);
        a.title_derived = !a.title.empty();
      }
      if (req.snippets) {
        hit.title = HighlightText(a.title, a.lang, spec, analyzer);
        hit.snippet = MakeSnippet(body, a.lang, spec, analyzer, req.snippet);
      } else {
        hit.title.text = a.title;
      }
      if (res.collapsed && req.list_copies) {
        std::string key = it.get_collapse_key();
        if (!key.empty()) stories.emplace_back(std::move(key), res.hits.size());
      }
      res.hits.push_back(std::move(hit));
    }
    if (!stories.empty()) ListCopies(unfiltered, dates, query, shown, stories, &res.hits);
    return res;
  }

  // The positions of `mset` in the order of its `weights` with the
  // proximity bonus of `pairs` (*weights gets the bonus), over its first
  // ranking.proximity_depth items (0: all); the rest keep their order.
  // The stored records it reads go to (*decoded)[position] for the listing.
  std::vector<Xapian::doccount> Rerank(const Xapian::MSet& mset,
                                       const std::vector<ProximityPair>& pairs,
                                       const RankingOptions& ranking, std::vector<double>* weights,
                                       std::vector<std::optional<Article>>* decoded) {
    const Xapian::doccount size = mset.size();
    const Xapian::doccount depth = ranking.proximity_depth == 0
                                       ? size
                                       : std::min<Xapian::doccount>(size, ranking.proximity_depth);
    std::vector<Xapian::doccount> order(size);
    for (Xapian::doccount i = 0; i < size; ++i) {
      order[i] = i;
      if (i < depth) {
        // The record, which the hit's listing reads anyway, holds the pair filter.
        Article a;
        std::string filter;
        if (DecodeStoredArticle(mset[i].get_document().get_data(), &a, &filter)) {
          (*decoded)[i] = std::move(a);
        } else {
          filter.clear();
        }
        (*weights)[i] *= 1 + ProximityShare(db, *mset[i], pairs, ranking.proximity_window, filter);
      }
    }
    std::stable_sort(
        order.begin(), order.begin() + depth,
        [&](Xapian::doccount a, Xapian::doccount b) { return (*weights)[a] > (*weights)[b]; });
    return order;
  }

  // Did you mean: the rare words of `root` with a much more common close
  // spelling give res->suggestion; if the query as typed matched nothing,
  // the suggestion is run and its results replace *res. May throw
  // Xapian::Error.
  void SuggestSpelling(const SearchRequest& req, const QueryNode& root, const QueryNode* dates,
                       SearchResults* res) {
    std::vector<SpellingFix> fixes = FindSpellingFixes(db, root);
    if (fixes.empty()) return;
    std::string suggestion = RewriteQueryText(req.query, analyzer, fixes);
    if (res->matches_upper == 0 && req.run_suggestion) {
      SearchResults fixed = Run(req, ApplySpellingFixes(root, fixes), dates);
      // A suggestion that finds nothing either is no help ("title:afganistan"
      // on reuters21578: the word is in bodies, not in titles).
      if (fixed.matches_upper == 0) return;
      *res = std::move(fixed);
      res->suggestion_ran = true;
    }
    res->suggestion = std::move(suggestion);
  }

  // Fills the copies of the hits whose stories are `stories` (key, index
  // into hits): the stories' other articles that match `query`, the query
  // run (`ranked` is the same without the --since/--until `dates`, which
  // may be nullptr). Each copy is checked against the query's terms, one
  // posting list skip a term, and a phrase's positions (MatchesByTerms), and
  // the dates against its record; only where that cannot decide (NEAR, a
  // date range in the query, a wildcard) is the query run once more, FILTERed by the stories'
  // terms. That second query cost about 100 k instructions each time it ran on the web log's union
  // queries (callgrind, reuters21578), and listing copies that way put intersection p99 at 1.27x of
  // plain Xapian's and phrase p99 at 1.33x, against 1.16x each without it (benchmarks/README.md,
  // "Session 11").
  void ListCopies(const Xapian::Query& ranked, const QueryNode* dates, const Xapian::Query& query,
                  const std::vector<Xapian::docid>& shown,
                  const std::vector<std::pair<std::string, std::size_t>>& stories,
                  std::vector<Hit>* hits) {
    // The stories' other articles in docid order, so that each term's
    // posting list is only ever skipped forward.
    std::vector<std::pair<Xapian::docid, std::size_t>> others;  // docid, index into hits
    for (const auto& [key, index] : stories) {
      const std::string term = schema::kPrefixStory + key;
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        if (std::find(shown.begin(), shown.end(), *p) == shown.end())
          others.emplace_back(*p, index);
      }
    }
    std::sort(others.begin(), others.end());
    std::map<std::string, Xapian::PostingIterator> lists;
    Xapian::docid did = 0;
    auto holds = [&](const std::string& term) {
      auto [it, fresh] = lists.try_emplace(term);
      Xapian::PostingIterator& p = it->second;
      if (fresh) p = db.postlist_begin(term);
      if (p != Xapian::PostingIterator() && *p < did) p.skip_to(did);
      return p != Xapian::PostingIterator() && *p == did;
    };
    auto positions = [&](const std::string& term) {
      return std::vector<Xapian::termpos>(db.positionlist_begin(did, term),
                                          db.positionlist_end(did, term));
    };
    std::vector<std::pair<Xapian::docid, std::size_t>> matching;
    for (const auto& [copy, index] : others) {
      did = copy;
      const Truth t = MatchesByTerms(ranked, holds, positions);
      if (t == Truth::kUnknown) return ListCopiesByQuery(query, shown, stories, hits);
      if (t == Truth::kTrue) matching.emplace_back(copy, index);
    }
    for (const auto& [copy, index] : matching) {
      Article a;
      if (!DecodeStoredArticle(db.get_document(copy, Xapian::DOC_ASSUME_VALID).get_data(), &a)) {
        a.id = "#" + std::to_string(copy);
      }
      if (dates && !WithinDates(a.date, *dates)) continue;
      (*hits)[index].copies.push_back({a.id, a.source, a.date});
    }
  }

  // ListCopies by running `query` again over the stories' articles.
  void ListCopiesByQuery(const Xapian::Query& query, const std::vector<Xapian::docid>& shown,
                         const std::vector<std::pair<std::string, std::size_t>>& stories,
                         std::vector<Hit>* hits) {
    std::vector<Xapian::Query> terms;
    Xapian::doccount most = 0;
    for (const auto& s : stories) {
      const std::string term = schema::kPrefixStory + s.first;
      terms.emplace_back(term);
      most += db.get_termfreq(term);
    }
    if (most == 0) return;
    Xapian::Enquire enquire(db);
    // Which copies match, not how well: no weights to compute, and Xapian
    // returns them in docid order.
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, query,
                      Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())));
    Xapian::MSet copies = enquire.get_mset(0, most);
    for (auto it = copies.begin(); it != copies.end(); ++it) {
      if (std::find(shown.begin(), shown.end(), *it) != shown.end()) continue;
      Xapian::Document doc = it.get_document();
      const std::string key = doc.get_value(schema::kSlotStory);
      auto story = std::find_if(stories.begin(), stories.end(),
                                [&](const auto& s) { return s.first == key; });
      if (story == stories.end()) continue;
      Article a;
      if (!DecodeStoredArticle(doc.get_data(), &a)) a.id = "#" + std::to_string(*it);
      (*hits)[story->second].copies.push_back({a.id, a.source, a.date});
    }
  }

  // Counts every match of `root` (within `dates`) for CountCoverage; may
  // throw Xapian::Error.
  CoverageCounts Count(const SearchRequest& req, const QueryNode& root, const QueryNode* dates,
                       const std::vector<std::string>& facets) {
    const CompileContext ctx = ContextFor(req);
    Xapian::Query q = CompileQuery(root, ctx);
    if (dates) q = Xapian::Query(Xapian::Query::OP_FILTER, q, CompileQuery(*dates, ctx));
    CoverageCounts res;
    res.collapsed = req.collapse && has_stories;
    res.query_description =
        dates ? "(" + DescribeQuery(root) + " FILTER " + DescribeQuery(*dates) + ")"
              : DescribeQuery(root);
    std::vector<unsigned> slots;
    for (const std::string& f : facets) {
      if (f == "source") slots.push_back(schema::kSlotSource);
      if (f == "author") slots.push_back(schema::kSlotAuthor);
    }
    CoverageSpy spy(res.collapsed, slots);
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());  // no ranking: only counting
    enquire.set_query(q);
    enquire.add_matchspy(&spy);
    const Xapian::doccount doccount = db.get_doccount();
    // check_at_least = every article: the spy sees every match.
    enquire.get_mset(0, 1, doccount);
    res.matches = spy.matches_;
    res.days = spy.days_;
    res.undated = spy.undated_;
    std::size_t slot_index = 0;
    for (const std::string& f : facets) {
      FacetCounts fc;
      fc.name = f;
      if (f == "source" || f == "author") {
        const unsigned slot = slots[slot_index];
        fc.values = Ranked(spy.counts_[slot_index]);
        fc.missing = spy.missing_[slot_index];
        ++slot_index;
        // Articles with the field's words but none with its slot: a
        // database built before the slot existed.
        const std::string prefix = f == "source" ? schema::kPrefixSource : schema::kPrefixAuthor;
        fc.available =
            db.get_value_freq(slot) > 0 || db.allterms_begin(prefix) == db.allterms_end(prefix);
      } else if (f == "lang") {
        // A few languages: one exact count each, over the L term.
        std::map<std::string, std::uint64_t> counts;
        std::uint64_t with = 0;
        for (const std::string& lang : languages) {
          Xapian::Enquire e(db);
          e.set_weighting_scheme(Xapian::BoolWeight());
          if (res.collapsed) e.set_collapse_key(schema::kSlotStory);
          e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q,
                                    Xapian::Query(schema::kPrefixLang + lang)));
          // At least one item, or Xapian does not run the collapser.
          Xapian::MSet m = e.get_mset(0, 1, doccount);
          const std::uint64_t n = m.get_matches_lower_bound();
          if (n > 0) counts[lang] = n;
          with += n;
        }
        fc.values = Ranked(counts);
        fc.missing = res.matches > with ? res.matches - with : 0;
      } else {  // year, month: from the days
        const std::size_t len = f == "year" ? 4 : 6;
        std::map<std::string, std::uint64_t> counts;
        for (const auto& [day, n] : res.days) {
          std::string v = day.substr(0, len);
          if (len == 6) v = v.substr(0, 4) + "-" + v.substr(4);
          counts[v] += n;
        }
        fc.values = Ranked(counts);
        fc.missing = res.undated;
      }
      res.facets.push_back(std::move(fc));
    }
    return res;
  }
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& path) {
  return Open(std::vector<std::string>{path});
}

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::vector<std::string>& paths) {
  if (paths.empty()) return Status::InvalidArgument("no database given");
  // Look first: Xapian's own errors for a file or a folder of other files
  // say nothing a user can act on.
  std::vector<bool> stubs;
  for (const std::string& path : paths) {
    auto place = InspectDatabasePlace(path);
    if (!place.ok()) return place.status();
    if (*place == DatabasePlace::kMissing || *place == DatabasePlace::kEmptyFolder) {
      return Status::NotFound("no database at " + path +
                              (*place == DatabasePlace::kEmptyFolder ? ": an empty folder" : "") +
                              " (run `byline index` first, or give --db)");
    }
    const bool stub = *place == DatabasePlace::kStub;  // refused to writers only
    if (Status s = stub ? Status::OK() : RefusePlace(*place, path); !s.ok()) return s;
    stubs.push_back(stub);
  }
  auto impl = std::make_unique<Impl>();
  for (const std::string& path : paths) impl->path += (impl->path.empty() ? "" : " + ") + path;
  impl->paths = paths;
  for (int attempt = 0;; ++attempt) {
    try {
      Xapian::Database all;
      for (std::size_t i = 0; i < paths.size(); ++i) {
        // A stub's shards are opened and checked one by one, so that an
        // error names the shard (util/database_check.h).
        auto one =
            stubs[i] ? OpenStub(paths[i]) : Result<Xapian::Database>(Xapian::Database(paths[i]));
        if (!one.ok()) return one.status();
        // Reading a newer format could give wrong answers without an error.
        if (Status s = CheckDatabaseFormat(*one, paths[i]); !s.ok()) return s;
        all.add_database(*one);
      }
      impl->db = all;
      impl->enquire.reset();
      impl->LoadLanguages();
      impl->LoadSynonyms();
      break;
    } catch (const Xapian::DatabaseModifiedError& e) {
      // A writer committed while we opened or read: open the new revision.
      if (attempt >= 3) return StatusFromXapian(e, "opening database " + impl->path);
    } catch (const Xapian::DatabaseCorruptError& e) {
      // Also what glass throws when a writer commits twice while we open
      // (a block of our revision reused: "Expected block 24 to be level 1,
      // not 0"; the soak test saw it about one run in five). Real damage
      // is still there on the next try.
      if (attempt >= 3) return StatusFromOpenError(e, impl->path, false);
    } catch (const Xapian::Error& e) {
      return StatusFromOpenError(e, impl->path, false);
    }
  }
  return std::unique_ptr<Searcher>(new Searcher(std::move(impl)));
}

std::uint64_t Searcher::ArticleCount() const {
  try {
    return impl_->db.get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

Result<Article> Searcher::Get(const std::string& id) {
  for (int attempt = 0;; ++attempt) {
    try {
      Xapian::Database& db = impl_->db;
      const std::string term = IdTerm(id);
      Xapian::PostingIterator p = db.postlist_begin(term);
      if (p == db.postlist_end(term)) {
        return Status::NotFound("no article with id '" + id + "' in " + impl_->path);
      }
      Xapian::Document doc = db.get_document(*p);
      Article a;
      if (!DecodeStoredArticle(doc.get_data(), &a)) {
        return Status::Damaged("the stored record of article '" + id + "' in " + impl_->path +
                               " cannot be read");
      }
      a.body = UnpackBody(doc.get_value(schema::kSlotBody));
      if (a.title.empty()) {
        a.title = DeriveTitle(a.body);
        a.title_derived = !a.title.empty();
      }
      return a;
    } catch (const Xapian::Error& e) {
      const std::string type = e.get_type();
      const bool raced = type == "DatabaseModifiedError" || type == "DatabaseCorruptError";
      if (!raced || attempt >= 3) return StatusFromXapian(e, "reading " + impl_->path);
      try {
        impl_->Reopen();
      } catch (const Xapian::Error& e2) {
        return StatusFromXapian(e2, "reopening " + impl_->path);
      }
    }
  }
}

Result<SearchResults> Searcher::Search(const SearchRequest& request, QueryError* error) {
  auto t0 = std::chrono::steady_clock::now();
  auto parsed = ParseRequest(request, impl_->analyzer, impl_->SynonymsFor(request), error);
  if (!parsed.ok()) return parsed.status();
  std::vector<QueryNotice>& notices = parsed->notices;
  const std::optional<QueryNode>& dates = parsed->dates;
  for (int attempt = 0;; ++attempt) {
    try {
      std::optional<Xapian::Query> like;  // SearchRequest::similar_to
      if (!request.similar_to.empty()) {
        auto q = SimilarQuery(impl_->db, request.similar_to, request.similar_terms);
        if (!q.ok()) return Status(q.status().code(), q.status().message() + " in " + impl_->path);
        like = *q;
      }
      SearchResults res =
          impl_->Run(request, parsed->root, dates ? &*dates : nullptr, like ? &*like : nullptr);
      if (!like && request.suggest_spelling) {
        impl_->SuggestSpelling(request, parsed->root, dates ? &*dates : nullptr, &res);
      } else if (!like && res.matches_upper == 0) {
        res.could_suggest = HasSpellingWords(parsed->root);
      }
      res.notices = notices;
      res.elapsed_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      return res;
    } catch (const Xapian::Error& e) {
      // A writer committed while we read (DatabaseModifiedError, or a
      // DatabaseCorruptError when it committed twice, as in Open): reopen
      // at the new revision and retry.
      const std::string type = e.get_type();
      // A remote shard's server cannot run Byline's own date bonus.
      if (type == "UnimplementedError" && request.recent_days > 0) {
        return Status::InvalidArgument("--recent works on local databases only: " + impl_->path +
                                       " has remote shards");
      }
      // A remote shard went away after the open: say which (Xapian 1.4 has
      // no partial results; util/database_check.h).
      if (type.compare(0, 7, "Network") == 0) {
        return NameLostShard(impl_->paths, StatusFromXapian(e, "searching " + impl_->path));
      }
      const bool raced = type == "DatabaseModifiedError" || type == "DatabaseCorruptError";
      if (!raced || attempt >= 3) return StatusFromXapian(e, "searching " + impl_->path);
      try {
        impl_->Reopen();
      } catch (const Xapian::Error& e2) {
        return StatusFromXapian(e2, "reopening " + impl_->path);
      }
    }
  }
}

Result<CoverageCounts> Searcher::CountCoverage(const SearchRequest& request,
                                               const std::vector<std::string>& facets,
                                               QueryError* error) {
  auto t0 = std::chrono::steady_clock::now();
  for (const std::string& f : facets) {
    if (std::find_if(std::begin(kFacetNames), std::end(kFacetNames),
                     [&](const char* name) { return f == name; }) == std::end(kFacetNames)) {
      return Status::InvalidArgument("no facet '" + f +
                                     "': the facets are source, author, lang, year and month");
    }
  }
  auto parsed = ParseRequest(request, impl_->analyzer, impl_->SynonymsFor(request), error);
  if (!parsed.ok()) return parsed.status();
  // The query a relaxed search ran (Impl::Run), not another reading of it.
  const QueryNode root =
      request.count_relaxed && IsRelaxable(parsed->root) ? RelaxToOr(parsed->root) : parsed->root;
  for (int attempt = 0;; ++attempt) {
    try {
      CoverageCounts res =
          impl_->Count(request, root, parsed->dates ? &*parsed->dates : nullptr, facets);
      res.notices = parsed->notices;
      res.elapsed_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      return res;
    } catch (const Xapian::UnimplementedError& e) {
      return Status::InvalidArgument(
          "counting matches by date or facet is not possible over remote shards (" +
          std::string(e.get_msg()) + ")");
    } catch (const Xapian::Error& e) {
      // A writer committed while we read: reopen and retry, as Search does.
      const std::string type = e.get_type();
      const bool raced = type == "DatabaseModifiedError" || type == "DatabaseCorruptError";
      if (!raced || attempt >= 3) return StatusFromXapian(e, "counting in " + impl_->path);
      try {
        impl_->Reopen();
      } catch (const Xapian::Error& e2) {
        return StatusFromXapian(e2, "reopening " + impl_->path);
      }
    }
  }
}

}  // namespace byline
