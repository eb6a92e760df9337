/** @file spelling.cc
 *  @brief The spelling deletion index, written for every document added.
 */
#include "index/spelling.h"

#include <algorithm>

#include "byline/schema.h"
#include "util/edit_distance.h"

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
  const std::size_t chars = static_cast<std::size_t>(
      std::count_if(term.begin(), term.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  return chars >= 3 && chars <= 40;
}

std::vector<std::string> SpellingKeys(const std::string& word, unsigned deletions) {
  std::u32string cps = CodePoints(word);
  if (cps.size() > kSpellingPrefixChars) cps.resize(kSpellingPrefixChars);
  std::vector<std::u32string> forms = {cps}, last = {cps};
  for (unsigned d = 0; d < deletions; ++d) {
    std::vector<std::u32string> next;
    for (const std::u32string& f : last) {
      if (f.size() <= 1) continue;
      for (std::size_t i = 0; i < f.size(); ++i) {
        std::u32string g = f;
        g.erase(i, 1);
        next.push_back(std::move(g));
      }
    }
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    forms.insert(forms.end(), next.begin(), next.end());
    last = std::move(next);
  }
  std::sort(forms.begin(), forms.end());
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  std::vector<std::string> keys;
  keys.reserve(forms.size());
  for (const std::u32string& f : forms) keys.push_back(schema::kPrefixSpelling + ToUtf8(f));
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
