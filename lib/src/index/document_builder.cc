/** @file document_builder.cc
 *  @brief Article -> Xapian::Document per the schema; the id and file terms.
 */
#include "index/document_builder.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "byline/dates.h"
#include "byline/document.h"
#include "byline/index_writer.h"
#include "byline/schema.h"
#include "byline/text.h"
#include "index/story.h"
#include "util/pair_filter.h"

namespace byline {
namespace {

// Xapian's glass backend refuses terms over 245 bytes; 200 leaves room.
constexpr std::size_t kMaxIdTermBytes = 200;

std::string Fnv1aHex(const std::string& s) {
  std::uint64_t h = Fnv1a64(s);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// Adds the words of `text` as boolean terms under `prefix` ("XSreuters").
void AddBooleanWords(Xapian::Document* doc, const Analyzer& analyzer, const std::string& text,
                     const char* prefix) {
  for (const Token& t : analyzer.Tokenize(text)) {
    doc->add_boolean_term(prefix + t.term);
  }
}

// Adds a ranked text field's words from position `base` on; returns the
// position of its last word. Every word is a positional, unstemmed term
// without prefix and a stemmed "Z" term (what bare query words match; a
// character gram of a spaceless run, Token::gram, only the former); a
// field with a name of its own (kText: the title) adds its words under its
// own prefixes too, and counts `text_wdf` times in "Z" (BM25F-style field
// weighting with one term statistic). The hash of each word (joined forms
// left out) goes to `words`, and also to `numbers` if it has a digit, for
// the story signature.
Xapian::termpos AddText(Xapian::Document* doc, const Analyzer& analyzer, const schema::Field& field,
                        const std::string& text, const std::string& lang, Xapian::termpos base,
                        unsigned text_wdf, std::vector<std::uint64_t>* words,
                        std::vector<std::uint64_t>* numbers,
                        std::vector<std::pair<Xapian::termpos, std::uint64_t>>* placed) {
  const bool own = field.kind == schema::FieldKind::kText;
  const std::string prefix = own ? field.prefix : "", stem_prefix = own ? field.stem_prefix : "";
  Xapian::termpos last = base;
  for (const Token& t : analyzer.Tokenize(text, lang)) {
    Xapian::termpos pos = base + t.pos + 1;
    doc->add_posting(t.term, pos);
    if (own) doc->add_posting(prefix + t.term, pos);
    placed->emplace_back(pos, PairWordHash(t.term));
    if (pos > last) last = pos;
    if (!t.joined) {
      words->push_back(Fnv1a64(t.term));
      if (t.term.find_first_of("0123456789") != std::string::npos)
        numbers->push_back(words->back());
    }
    // A character gram of Chinese, Thai... (Token::gram) is a piece of the
    // text for phrases of grams, not a word: no stemmed, ranked term.
    if (t.gram) continue;
    std::string stem = analyzer.Stem(t.term, lang);
    doc->add_term(schema::kPrefixStem + stem, own ? text_wdf : 1);
    if (own) doc->add_term(stem_prefix + stem);
  }
  return last;
}

// The pairs of words at neighbouring positions (every form at a position
// with every form at the next: joined forms and spellings share one).
std::vector<std::pair<std::uint64_t, std::uint64_t>> AdjacentPairs(
    std::vector<std::pair<Xapian::termpos, std::uint64_t>> placed) {
  std::sort(placed.begin(), placed.end());
  std::vector<std::pair<std::uint64_t, std::uint64_t>> pairs;
  std::size_t here = 0;
  while (here < placed.size()) {
    std::size_t next = here;
    while (next < placed.size() && placed[next].first == placed[here].first) ++next;
    for (std::size_t after = next;
         after < placed.size() && placed[after].first == placed[here].first + 1; ++after) {
      for (std::size_t i = here; i < next; ++i)
        pairs.emplace_back(placed[i].second, placed[after].second);
    }
    here = next;
  }
  return pairs;
}

}  // namespace

std::string IdTerm(const std::string& article_id) {
  std::string term = schema::kPrefixId + article_id;
  if (term.size() > kMaxIdTermBytes) {
    std::size_t cut = kMaxIdTermBytes - 17;
    while (cut > 0 && (static_cast<unsigned char>(term[cut]) & 0xC0) == 0x80) --cut;
    term = term.substr(0, cut) + "#" + Fnv1aHex(article_id);
  }
  return term;
}

std::string FileTerm(const std::string& path) { return schema::kPrefixFile + Fnv1aHex(path); }

Xapian::Document BuildDocument(const Article& a, const Analyzer& analyzer, unsigned title_wdf) {
  Xapian::Document doc;
  // Every field as its row in schema::kFields says; text fields in the
  // table's order (title, then body), each kTitleBodyGap positions after the
  // last, so that a phrase never spans two fields.
  Xapian::termpos next = 0;
  std::vector<std::uint64_t> words, numbers;  // title and body, for the story signature
  // Every positional word and its position, for the pair filter.
  std::vector<std::pair<Xapian::termpos, std::uint64_t>> placed;
  std::string date_key;
  for (const schema::Field& f : schema::kFields) {
    const std::string& value = a.*f.member;
    switch (f.kind) {
      case schema::FieldKind::kText:
      case schema::FieldKind::kBody:
        next =
            AddText(&doc, analyzer, f, value, a.lang, next, title_wdf, &words, &numbers, &placed) +
            schema::kTitleBodyGap;
        break;
      case schema::FieldKind::kFilter:
        AddBooleanWords(&doc, analyzer, value, f.prefix);
        break;
      case schema::FieldKind::kCode:
        if (!value.empty()) doc.add_boolean_term(f.prefix + value);
        break;
      case schema::FieldKind::kDate:
        if (auto d = ParseDate(value)) {
          std::string key = d->ToKey();
          doc.add_value(f.slot, key);
          date_key = key;
          // Boolean terms for whole years, months and days (the writer's alone).
          doc.add_boolean_term(schema::kPrefixYear + key.substr(0, 4));
          doc.add_boolean_term(schema::kPrefixMonth + key.substr(0, 6));
          doc.add_boolean_term(schema::kPrefixDay + key);
        }
        break;
      case schema::FieldKind::kStored:
        break;  // in the document data below
    }
    // A field with a slot keeps its whole value there (the body for
    // snippets, the source and author for facets).
    if (f.slot != schema::kNoSlot && f.kind != schema::FieldKind::kDate) {
      doc.add_value(f.slot, f.kind == schema::FieldKind::kBody ? PackBody(value) : value);
    }
  }
  // The story signature and its band terms (index/story.h); the story key
  // itself is written once the run knows the article's copies.
  story::Signature sig = story::MakeSignature(words, numbers, date_key);
  if (sig.exact != 0) {
    doc.add_value(schema::kSlotStorySignature, story::EncodeSignature(sig));
    for (const std::string& t : story::BandTerms(sig)) doc.add_boolean_term(t);
  }
  doc.add_boolean_term(IdTerm(a.id));
  Article meta = a;
  meta.body.clear();
  doc.set_data(EncodeStoredArticle(meta, MakePairFilter(AdjacentPairs(std::move(placed)))));
  return doc;
}

}  // namespace byline
