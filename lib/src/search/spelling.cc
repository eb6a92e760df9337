/** @file spelling.cc
 *  @brief Rare query words, their suggestions from Xapian's spelling table,
 *  and the query rewritten with them.
 */
#include "search/spelling.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>

#include "byline/text.h"
#include "index/spelling.h"
#include "util/edit_distance.h"

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

// The best spelling found so far: the closest, then the most common.
struct Candidate {
  std::string word;
  unsigned distance;
  Xapian::doccount tf;
};

// Makes *best the best of `candidates` for `typed` (the word `w`): within
// `most` edits, with the same first character, and in some article (a word
// whose articles are gone has a term frequency of 0).
void Consider(const Xapian::Database& db, const std::u32string& typed, const std::string& w,
              unsigned most, std::vector<std::string>* candidates, Candidate* best) {
  std::sort(candidates->begin(), candidates->end());
  candidates->erase(std::unique(candidates->begin(), candidates->end()), candidates->end());
  for (const std::string& c : *candidates) {
    if (c == w || c == best->word) continue;
    const std::size_t chars = CodePointCount(c);
    if ((chars > typed.size() ? chars - typed.size() : typed.size() - chars) > most) continue;
    const std::u32string points = CodePoints(c);
    if (points[0] != typed[0]) continue;
    const unsigned d = BoundedEditDistance(typed, points, most);
    if (d > most || d > best->distance) continue;
    const Xapian::doccount c_tf = db.get_termfreq(c);
    if (c_tf == 0) continue;
    if (d < best->distance || c_tf > best->tf) *best = {c, d, c_tf};
  }
}

}  // namespace

std::vector<SpellingFix> FindSpellingFixes(const Xapian::Database& db, const QueryNode& root) {
  std::vector<std::string> words;
  CollectWords(root, &words);
  std::vector<SpellingFix> fixes;
  if (words.empty()) return fixes;
  const double rare = std::floor(kRareShare * db.get_doccount());
  std::vector<std::string> seen;
  for (const std::string& w : words) {
    if (std::find(seen.begin(), seen.end(), w) != seen.end()) continue;
    seen.push_back(w);
    // The one cost every query pays: a term frequency per word.
    const Xapian::doccount tf = db.get_termfreq(w);
    if (tf > rare || !IsSpellingWord(w)) continue;
    const std::u32string typed = CodePoints(w);
    if (typed.size() < kMinSpellingChars) continue;  // as HasSpellingWords
    const unsigned most = typed.size() < kTwoEditChars ? 1 : 2;
    // Candidates: the words indexed under a key of the word with its first
    // character and one deletion at most (index/spelling.h: a word is under
    // its own prefix with up to one deleted), which finds every word one
    // edit away, or one swap; then, for a longer word with nothing that
    // close, the keys with two deletions. About 1.2 k instructions a key on
    // reuters21578 (callgrind).
    Candidate best{{}, most + 1, 0};
    std::vector<std::string> asked;
    try {
      for (unsigned deletions = 1; deletions <= most && best.distance > 1; ++deletions) {
        std::vector<std::string> keys = SpellingKeys(w, deletions, 1);
        std::vector<std::string> candidates;
        for (const std::string& key : keys) {
          if (std::binary_search(asked.begin(), asked.end(), key)) continue;
          for (auto it = db.synonyms_begin(key); it != db.synonyms_end(key); ++it) {
            candidates.push_back(*it);
          }
        }
        asked = std::move(keys);
        Consider(db, typed, w, most, &candidates, &best);
      }
    } catch (const Xapian::UnimplementedError&) {
      return fixes;  // remote shards: no index to ask
    }
    if (best.word.empty() || best.tf < static_cast<Xapian::doccount>(kMoreCommon) * tf) continue;
    fixes.push_back({w, std::move(best.word)});
  }
  return fixes;
}

bool HasSpellingWords(const QueryNode& root) {
  std::vector<std::string> words;
  CollectWords(root, &words);
  return std::any_of(words.begin(), words.end(), [](const std::string& w) {
    return IsSpellingWord(w) && CodePointCount(w) >= kMinSpellingChars;
  });
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
