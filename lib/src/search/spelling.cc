/** @file spelling.cc
 *  @brief Rare query words, their suggestions from Xapian's spelling table,
 *  and the query rewritten with them.
 */
#include "search/spelling.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>

namespace byline {
namespace {

using Kind = QueryNode::Kind;

// The words of `n` that a spelling could fix, in query order.
void CollectWords(const QueryNode& n, std::vector<std::string>* words) {
  switch (n.kind) {
    case Kind::kWord:
    case Kind::kExact:
    case Kind::kPhrase:
      for (const std::string& t : n.terms) words->push_back(t);
      return;
    case Kind::kAndNot:  // an excluded word's spelling does not matter
      CollectWords(n.children[0], words);
      return;
    default:
      for (const QueryNode& c : n.children) CollectWords(c, words);
  }
}

std::size_t CharCount(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

const SpellingFix* FixOf(const std::vector<SpellingFix>& fixes, const std::string& term) {
  for (const SpellingFix& f : fixes) {
    if (f.from == term) return &f;
  }
  return nullptr;
}

// The suggestion (a folded term, lower case) in the surface form's case:
// upper case if the surface has two or more letters and all are upper case,
// else a capital first letter if the surface starts with one.
std::string InCaseOf(std::string_view surface, const std::string& word) {
  const icu::UnicodeString typed =
      icu::UnicodeString::fromUTF8(icu::StringPiece(surface.data(), surface.size()));
  icu::UnicodeString out = icu::UnicodeString::fromUTF8(word);
  icu::UnicodeString upper = typed;
  upper.toUpper();
  icu::UnicodeString lower = typed;
  lower.toLower();
  if (typed.countChar32() > 1 && typed == upper && typed != lower) {
    out.toUpper();
  } else if (!typed.isEmpty() && u_isupper(typed.char32At(0)) && !out.isEmpty()) {
    const int32_t first = out.moveIndex32(0, 1);
    icu::UnicodeString head(out, 0, first);
    head.toUpper();
    out.replace(0, first, head);
  }
  std::string s;
  out.toUTF8String(s);
  return s;
}

}  // namespace

std::vector<SpellingFix> FindSpellingFixes(const Xapian::Database& db, const QueryNode& root) {
  std::vector<std::string> words;
  CollectWords(root, &words);
  std::vector<SpellingFix> fixes;
  if (words.empty()) return fixes;
  const double rare = std::floor(kRareShare * db.get_doccount());
  for (const std::string& w : words) {
    // The one cost every query pays: a term frequency per word.
    const Xapian::doccount tf = db.get_termfreq(w);
    if (tf > rare || FixOf(fixes, w)) continue;
    std::string to;
    try {
      to = db.get_spelling_suggestion(w, CharCount(w) <= 4 ? 1 : 2);
    } catch (const Xapian::UnimplementedError&) {
      return fixes;  // remote shards: no spelling table to ask
    }
    if (to.empty() || to == w) continue;
    // The table only proposes; the articles decide (and a table that an
    // older run left behind proposes nothing that is gone).
    const Xapian::doccount to_tf = db.get_termfreq(to);
    if (to_tf == 0 || to_tf < static_cast<Xapian::doccount>(kMoreCommon) * tf) continue;
    fixes.push_back({w, std::move(to)});
  }
  return fixes;
}

QueryNode ApplySpellingFixes(const QueryNode& root, const std::vector<SpellingFix>& fixes) {
  QueryNode out = root;
  switch (out.kind) {
    case Kind::kWord:
    case Kind::kExact:
    case Kind::kPhrase:
      for (std::string& t : out.terms) {
        if (const SpellingFix* f = FixOf(fixes, t)) t = f->to;
      }
      break;
    default:
      for (QueryNode& c : out.children) c = ApplySpellingFixes(c, fixes);
  }
  return out;
}

std::string RewriteQueryText(std::string_view query, const Analyzer& analyzer,
                             const std::vector<SpellingFix>& fixes) {
  std::string out;
  std::size_t done = 0;  // bytes of `query` copied or replaced
  for (const Token& t : analyzer.Tokenize(query)) {
    const SpellingFix* f = FixOf(fixes, t.term);
    // Tokens of one word may overlap (al-Qaeda's joined form): once each.
    if (!f || t.start < done) continue;
    out.append(query.substr(done, t.start - done));
    out += InCaseOf(query.substr(t.start, t.end - t.start), f->to);
    done = t.end;
  }
  out.append(query.substr(done));
  return out;
}

}  // namespace byline
