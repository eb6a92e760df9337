/** @file spelling.cc
 *  @brief The spelling deletion index, written for every document added.
 */
#include "index/spelling.h"

#include <algorithm>

#include "byline/schema.h"
#include "byline/text.h"

namespace byline {
namespace {

// Walks the spelling words of a document's term list (sorted), calling f.
template <typename F>
void ForEachSpellingWord(const Xapian::Document& doc, F f) {
  Xapian::TermIterator t = doc.termlist_begin(), end = doc.termlist_end();
  for (; t != end; ++t) {
    std::string term = *t;
    if (!term.empty() && term[0] >= 'A' && term[0] <= 'Z') {
      t.skip_to("[");  // past the prefixed terms: the first byte after 'Z'
      if (t == end) break;
      term = *t;
    }
    if (IsSpellingWord(term)) f(term);
  }
}

void WriteKeys(Xapian::WritableDatabase& db, const std::string& word) {
  for (const std::string& key : SpellingKeys(word, 1)) db.add_synonym(key, word);
}

}  // namespace

bool IsSpellingWord(const std::string& term) {
  if (term.empty() || term.size() > 160) return false;
  if (term[0] >= 'A' && term[0] <= 'Z') return false;  // a prefixed term
  if (std::any_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  const std::size_t chars = CodePointCount(term);
  return chars >= 3 && chars <= 40;
}

std::vector<std::string> SpellingKeys(const std::string& word, unsigned deletions,
                                      std::size_t keep) {
  // Byte offsets of the prefix's characters (the keys are cut from the
  // UTF-8 directly: building them as code-point strings took 10 us a word,
  // as long as looking them all up).
  std::vector<std::size_t> at;  // where each character of the prefix starts
  std::size_t end = 0;
  for (; end < word.size(); ++end) {
    if ((static_cast<unsigned char>(word[end]) & 0xC0) == 0x80) continue;
    if (at.size() == kSpellingPrefixChars) break;
    at.push_back(end);
  }
  const std::size_t n = at.size();
  at.push_back(end);  // and where it ends
  const std::string prefix = schema::kPrefixSpelling;
  // The prefix without characters a and b (b == n: only a; a == n: none).
  auto without = [&](std::size_t a, std::size_t b) {
    std::string key = prefix;
    std::size_t from = 0;
    for (std::size_t skip : {a, b}) {
      if (skip >= n) continue;
      key.append(word, at[from], at[skip] - at[from]);
      from = skip + 1;
    }
    key.append(word, at[from], at[n] - at[from]);
    return key;
  };
  std::vector<std::string> keys = {without(n, n)};
  for (std::size_t a = keep; deletions >= 1 && n > 1 && a < n; ++a) {
    keys.push_back(without(a, n));
    for (std::size_t b = a + 1; deletions >= 2 && n > 2 && b < n; ++b) {
      keys.push_back(without(a, b));
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

void AddSpellings(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
  ForEachSpellingWord(doc, [&](const std::string& w) {
    if (db.get_termfreq(w) == 0) WriteKeys(db, w);
  });
}

void SpellingWords::Add(const Xapian::Document& doc) {
  ForEachSpellingWord(doc, [&](const std::string& w) { words_.insert(w); });
}

void SpellingWords::FlushTo(Xapian::WritableDatabase& db) {
  for (const std::string& w : words_) WriteKeys(db, w);
  words_.clear();
}

}  // namespace byline
