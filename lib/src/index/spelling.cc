/** @file spelling.cc
 *  @brief Spelling-table upkeep for every document written, replaced or deleted.
 */
#include "index/spelling.h"

#include <vector>

namespace byline {
namespace {

// Characters (UTF-8 lead bytes) of `s`, stopping early past `max`.
std::size_t CharCount(const std::string& s, std::size_t max) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80 && ++n > max) break;
  }
  return n;
}

// Walks the spelling words of a document's term list (sorted), calling f.
template <typename F>
void ForEachSpellingWord(const Xapian::Document& doc, F f) {
  // Unprefixed terms sort before 'A' only if they start with a digit or
  // punctuation, and after 'Z' when they start with a lower-case or
  // non-ASCII letter; skip_to jumps over the prefixed ones in between.
  Xapian::TermIterator t = doc.termlist_begin(), end = doc.termlist_end();
  for (; t != end; ++t) {
    const std::string term = *t;
    if (!term.empty() && term[0] >= 'A' && term[0] <= 'Z') {
      t.skip_to("[");  // the first byte after 'Z'
      if (t == end) break;
    }
    const std::string word = *t;
    if (IsSpellingWord(word)) f(word);
  }
}

// Calls f(word, +1) for each spelling word only `doc` has and f(word, -1)
// for each only `old` has: both term lists are sorted, one merge walk.
template <typename F>
void DiffWords(const Xapian::Document& old, const Xapian::Document& doc, F f) {
  std::vector<std::string> before, after;
  ForEachSpellingWord(old, [&](const std::string& w) { before.push_back(w); });
  ForEachSpellingWord(doc, [&](const std::string& w) { after.push_back(w); });
  std::size_t i = 0, j = 0;
  while (i < before.size() || j < after.size()) {
    if (j == after.size() || (i < before.size() && before[i] < after[j])) {
      f(before[i++], -1);
    } else if (i == before.size() || after[j] < before[i]) {
      f(after[j++], +1);
    } else {
      ++i;
      ++j;
    }
  }
}

}  // namespace

bool IsSpellingWord(const std::string& term) {
  if (term.empty() || term.size() > 160) return false;
  if (term[0] >= 'A' && term[0] <= 'Z') return false;  // a prefixed term
  for (char c : term) {
    if (c >= '0' && c <= '9') return false;
  }
  const std::size_t chars = CharCount(term, 40);
  return chars >= 3 && chars <= 40;
}

void AddSpellings(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
  ForEachSpellingWord(doc, [&](const std::string& w) { db.add_spelling(w); });
}

void RemoveSpellings(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
  ForEachSpellingWord(doc, [&](const std::string& w) { db.remove_spelling(w); });
}

void ReplaceSpellings(Xapian::WritableDatabase& db, const Xapian::Document& old,
                      const Xapian::Document& doc) {
  DiffWords(old, doc, [&](const std::string& w, int d) {
    if (d > 0) {
      db.add_spelling(w);
    } else {
      db.remove_spelling(w);
    }
  });
}

void SpellingCounts::Add(const Xapian::Document& doc) {
  ForEachSpellingWord(doc, [&](const std::string& w) { ++delta_[w]; });
}

void SpellingCounts::Remove(const Xapian::Document& doc) {
  ForEachSpellingWord(doc, [&](const std::string& w) { --delta_[w]; });
}

void SpellingCounts::Replace(const Xapian::Document& old, const Xapian::Document& doc) {
  DiffWords(old, doc, [&](const std::string& w, int d) { delta_[w] += d; });
}

void SpellingCounts::FlushTo(Xapian::WritableDatabase& db) {
  for (const auto& [w, d] : delta_) {
    if (d > 0) db.add_spelling(w, static_cast<Xapian::termcount>(d));
    if (d < 0) db.remove_spelling(w, static_cast<Xapian::termcount>(-d));
  }
  delta_.clear();
}

}  // namespace byline
