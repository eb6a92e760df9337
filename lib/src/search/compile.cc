/** @file compile.cc
 *  @brief QueryNode -> Xapian::Query, with the prefixes and slots of schema::kFields.
 */
#include "search/compile.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "byline/schema.h"
#include "util/edit_distance.h"

namespace byline {
namespace {

using Kind = QueryNode::Kind;

bool IsFilter(const QueryNode& n) { return IsFilterNode(n); }

constexpr const schema::Field& kBody = schema::FieldOf(&Article::body);
constexpr const schema::Field& kTitle = schema::FieldOf(&Article::title);
constexpr const schema::Field& kDate = schema::FieldOf(&Article::date);

// The field a text node searches: its kText field, or the body (bare words).
const schema::Field& TextField(const QueryNode& n) {
  if (n.field.empty()) return kBody;
  const schema::Field* f = schema::FindQueryField(n.field);
  return f && f->kind == schema::FieldKind::kText ? *f : kBody;
}

// The stems of `term` in each of the search's languages, distinct, in order.
std::vector<std::string> StemsOf(const std::string& term, const CompileContext& ctx) {
  std::vector<std::string> stems;
  for (const std::string& lang : ctx.languages) {
    std::string t = ctx.analyzer->Stem(term, lang);
    if (std::find(stems.begin(), stems.end(), t) == stems.end()) stems.push_back(std::move(t));
  }
  if (stems.empty()) stems.push_back(ctx.analyzer->Stem(term, Analyzer::kDefaultLanguage));
  return stems;
}

// Any of `stems` in `field`.
Xapian::Query StemQuery(const std::vector<std::string>& stems, const schema::Field& field) {
  const std::string prefix = field.stem_prefix;
  if (stems.size() == 1) return Xapian::Query(prefix + stems[0]);
  std::vector<Xapian::Query> terms;
  terms.reserve(stems.size());
  for (const std::string& s : stems) terms.emplace_back(prefix + s);
  return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
}

Xapian::Query WordQuery(const std::string& term, const schema::Field& field,
                        const CompileContext& ctx) {
  // Stemmed once for the body and the title both.
  const std::vector<std::string> stems = StemsOf(term, ctx);
  Xapian::Query q = StemQuery(stems, field);
  if (&field == &kBody && ctx.ranking.title_weight > 0) {
    // A bare word also searches the title, weighted up.
    q = Xapian::Query(Xapian::Query::OP_OR, q,
                      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, StemQuery(stems, kTitle),
                                    ctx.ranking.title_weight));
  }
  return q;
}

Xapian::Query Combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
  if (parts.size() == 1) return parts[0];
  return Xapian::Query(op, parts.begin(), parts.end());
}

// An Arabic word (Analyzer::IsArabic): its stems as any word's, OR its exact
// (normalised, unstemmed) form weighted kArabicExactWeight, so that the
// article with the very word typed ranks above those sharing only its stem.
// The exact form is the field's positional term, already in the index.
Xapian::Query ArabicWordQuery(const std::string& term, const schema::Field& field,
                              const CompileContext& ctx) {
  Xapian::Query exact(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(field.prefix + term),
                      kArabicExactWeight);
  return Xapian::Query(Xapian::Query::OP_OR, WordQuery(term, field, ctx), exact);
}

// The bonus of an OR or AND for its neighbouring bare Arabic words: each run
// of two or more as the phrase of their exact forms, weighted
// kArabicPhraseWeight, so that a name typed as it is written ("هاني فحص")
// ranks the article with the name above those with its words apart. Matches
// nothing the words do not: it only ranks. Empty (the query unchanged)
// without such a run.
Xapian::Query ArabicPhraseBonus(const QueryNode& n) {
  std::vector<Xapian::Query> phrases, run;
  auto close_run = [&] {
    if (run.size() >= 2) {
      phrases.emplace_back(
          Xapian::Query::OP_SCALE_WEIGHT,
          Xapian::Query(Xapian::Query::OP_PHRASE, run.begin(), run.end(), run.size()),
          kArabicPhraseWeight);
    }
    run.clear();
  };
  for (const QueryNode& c : n.children) {
    if (c.kind == Kind::kWord && c.field.empty() && Analyzer::IsArabic(c.terms[0])) {
      run.emplace_back(kBody.prefix + c.terms[0]);
    } else {
      close_run();
    }
  }
  close_run();
  if (phrases.empty()) return Xapian::Query();
  return Combine(Xapian::Query::OP_OR, phrases);
}

// Positional form of a word or phrase, for NEAR and ADJ (stems have no positions).
Xapian::Query PositionalQuery(const QueryNode& n, const std::string& prefix) {
  if (n.kind == Kind::kPhrase) {
    std::vector<Xapian::Query> words;
    for (const std::string& t : n.terms) words.emplace_back(prefix + t);
    return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), words.size());
  }
  return Xapian::Query(prefix + n.terms[0]);
}

// A date key's year, month and day; false unless it is 8 digits.
bool SplitDateKey(const std::string& key, int* y, int* m, int* d) {
  if (key.size() != 8 ||
      !std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  *y = std::stoi(key.substr(0, 4));
  *m = std::stoi(key.substr(4, 2));
  *d = std::stoi(key.substr(6, 2));
  return true;
}

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];  // m is 1-12: DateTerms checks its start
}

std::string DateKey(int y, int m, int d) {
  char buf[40];  // room for any int, though dates have 4, 2 and 2 digits
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
  return buf;
}

}  // namespace

std::optional<std::vector<std::string>> DateTerms(const std::string& from, const std::string& to,
                                                  const CompileContext& ctx) {
  if (!ctx.date_terms || ctx.first_date.empty() || ctx.last_date.empty()) return std::nullopt;
  int y, m, d, y2, m2, d2;
  for (const std::string* end : {&from, &to}) {
    if (!end->empty() && !SplitDateKey(*end, &y, &m, &d)) return std::nullopt;
  }
  const std::string& lo = from.empty() || from < ctx.first_date ? ctx.first_date : from;
  const std::string& hi = to.empty() || to > ctx.last_date ? ctx.last_date : to;
  if (!SplitDateKey(lo, &y, &m, &d) || !SplitDateKey(hi, &y2, &m2, &d2)) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  std::vector<std::string> terms;
  for (std::string at = DateKey(y, m, d); at <= hi; at = DateKey(y, m, d)) {
    if (terms.size() == kMaxDateTerms) return std::nullopt;
    if (m == 1 && d == 1 && DateKey(y, 12, 31) <= hi) {
      terms.push_back(schema::kPrefixYear + at.substr(0, 4));
      ++y;
    } else if (d == 1 && DateKey(y, m, DaysInMonth(y, m)) <= hi) {
      terms.push_back(schema::kPrefixMonth + at.substr(0, 6));
      if (++m > 12) {
        m = 1;
        ++y;
      }
    } else {
      terms.push_back(schema::kPrefixDay + at);
      if (++d > DaysInMonth(y, m)) {
        d = 1;
        if (++m > 12) {
          m = 1;
          ++y;
        }
      }
    }
  }
  return terms;
}

std::vector<std::string> FuzzyExpansions(const Xapian::Database& db, const std::string& prefix,
                                         const std::string& word, unsigned distance) {
  std::u32string target = CodePoints(word);
  if (target.empty()) return {};
  // The first character, as bytes: the terms to walk start with it.
  std::size_t first = 1;
  while (first < word.size() && (static_cast<unsigned char>(word[first]) & 0xC0) == 0x80) ++first;
  std::string start = prefix + word.substr(0, first);
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  unsigned scanned = 0;
  for (auto t = db.allterms_begin(start); t != db.allterms_end(start); ++t) {
    if (++scanned > kFuzzyMaxScan) break;
    std::string term = (*t).substr(prefix.size());
    std::u32string cps = CodePoints(term);
    std::size_t diff =
        cps.size() > target.size() ? cps.size() - target.size() : target.size() - cps.size();
    if (diff > distance) continue;
    if (BoundedEditDistance(target, cps, distance) > distance) continue;
    found.emplace_back(t.get_termfreq(), std::move(term));
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (found.size() > kFuzzyMaxExpansions) found.resize(kFuzzyMaxExpansions);
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

std::vector<std::string> BareWordTerms(const std::string& word, const CompileContext& ctx) {
  std::vector<std::string> terms = StemsOf(word, ctx);
  for (std::string& t : terms) t.insert(0, kBody.stem_prefix);
  return terms;
}

Xapian::Query CompileQuery(const QueryNode& n, const CompileContext& ctx) {
  const schema::Field& text = TextField(n);
  std::string text_prefix = text.prefix;
  switch (n.kind) {
    case Kind::kWord:
      if (Analyzer::IsArabic(n.terms[0])) return ArabicWordQuery(n.terms[0], text, ctx);
      return WordQuery(n.terms[0], text, ctx);
    case Kind::kExact:
      return Xapian::Query(text_prefix + n.terms[0]);
    case Kind::kPhrase: {
      std::vector<Xapian::Query> words;
      for (const std::string& t : n.terms) words.emplace_back(text_prefix + t);
      // "a b"~n: in order, with up to n other words in between.
      return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(),
                           words.size() + n.window);
    }
    case Kind::kWildcard:
      if (IsFilter(n)) {  // author:hadd*: the terms are already prefixed
        return Xapian::Query(Xapian::Query::OP_WILDCARD, n.terms[0], ctx.wildcard_limit,
                             Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
      }
      return Xapian::Query(Xapian::Query::OP_WILDCARD, text_prefix + n.terms[0], ctx.wildcard_limit,
                           Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    case Kind::kFuzzy: {
      // The unstemmed terms within the distance (title words are among the
      // body's unprefixed terms too), weighted as one word.
      std::vector<std::string> terms;
      if (ctx.db) terms = FuzzyExpansions(*ctx.db, text_prefix, n.terms[0], n.distance);
      if (terms.empty()) return Xapian::Query(text_prefix + n.terms[0]);
      std::vector<Xapian::Query> qs;
      for (const std::string& t : terms) qs.emplace_back(text_prefix + t);
      return Combine(Xapian::Query::OP_SYNONYM, qs);
    }
    case Kind::kNear:
    case Kind::kAdjacent: {
      std::vector<Xapian::Query> parts;
      for (const QueryNode& c : n.children) {
        parts.push_back(PositionalQuery(c, TextField(c).prefix));
      }
      // NEAR/n: at most n words apart, so the window holding them all is n
      // plus one per further word (Xapian's query parser counts the same).
      Xapian::termcount window = n.window + static_cast<Xapian::termcount>(parts.size()) - 1;
      return Xapian::Query(
          n.kind == Kind::kNear ? Xapian::Query::OP_NEAR : Xapian::Query::OP_PHRASE, parts.begin(),
          parts.end(), window);
    }
    case Kind::kXor:
    case Kind::kSynonym: {
      std::vector<Xapian::Query> parts;
      for (const QueryNode& c : n.children) parts.push_back(CompileQuery(c, ctx));
      return Combine(n.kind == Kind::kXor ? Xapian::Query::OP_XOR : Xapian::Query::OP_SYNONYM,
                     parts);
    }
    case Kind::kBoost:
      return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, CompileQuery(n.children[0], ctx),
                           n.factor);
    case Kind::kFilter: {
      std::vector<Xapian::Query> terms;
      for (const std::string& t : n.terms) terms.emplace_back(t);
      return Combine(Xapian::Query::OP_AND, terms);
    }
    case Kind::kDateRange:
      // No day in range: the slot's range, which matches nothing (an empty
      // Xapian::Query would read as no filter at all).
      if (auto terms = DateTerms(n.from, n.to, ctx); terms && !terms->empty()) {
        // Boolean: a date matches, it does not weigh.
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                             Xapian::Query(Xapian::Query::OP_OR, terms->begin(), terms->end()),
                             0.0);
      }
      if (n.from.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, kDate.slot, n.to);
      if (n.to.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, kDate.slot, n.from);
      return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kDate.slot, n.from, n.to);
    case Kind::kMatchAll:
      return Xapian::Query::MatchAll;
    case Kind::kAnd: {
      std::vector<Xapian::Query> scored, filters;
      for (const QueryNode& c : n.children) {
        (IsFilter(c) ? filters : scored).push_back(CompileQuery(c, ctx));
      }
      Xapian::Query all = Combine(Xapian::Query::OP_AND, scored);
      if (Xapian::Query bonus = ArabicPhraseBonus(n); !bonus.empty()) {
        all = Xapian::Query(Xapian::Query::OP_AND_MAYBE, all, bonus);
      }
      if (filters.empty()) return all;
      Xapian::Query filter = Combine(Xapian::Query::OP_AND, filters);
      if (scored.empty()) return filter;
      return Xapian::Query(Xapian::Query::OP_FILTER, all, filter);
    }
    case Kind::kOr: {
      std::vector<Xapian::Query> parts;
      for (const QueryNode& c : n.children) parts.push_back(CompileQuery(c, ctx));
      if (Xapian::Query bonus = ArabicPhraseBonus(n); !bonus.empty()) parts.push_back(bonus);
      return Combine(Xapian::Query::OP_OR, parts);
    }
    case Kind::kAndMaybe:
      return Xapian::Query(Xapian::Query::OP_AND_MAYBE, CompileQuery(n.children[0], ctx),
                           CompileQuery(n.children[1], ctx));
    case Kind::kAndNot: {
      std::vector<Xapian::Query> excluded;
      for (std::size_t i = 1; i < n.children.size(); ++i) {
        excluded.push_back(CompileQuery(n.children[i], ctx));
      }
      return Xapian::Query(Xapian::Query::OP_AND_NOT, CompileQuery(n.children[0], ctx),
                           Combine(Xapian::Query::OP_OR, excluded));
    }
  }
  return Xapian::Query();
}

}  // namespace byline
