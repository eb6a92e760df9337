/** @file document_builder.cc
 *  @brief Article -> Xapian::Document per the schema; the id and file terms.
 */
#include "index/document_builder.h"

#include <cstdint>
#include <cstdio>

#include "byline/dates.h"
#include "byline/index_writer.h"
#include "byline/schema.h"
#include "byline/text.h"

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

// Adds positional unstemmed terms and stemmed terms of one text field;
// returns the position after its last word.
Xapian::termpos AddText(Xapian::Document* doc, const Analyzer& analyzer, const std::string& text,
                        const std::string& lang, Xapian::termpos base, bool title,
                        unsigned title_wdf) {
  Xapian::termpos last = base;
  std::string stem_prefix = title ? schema::kPrefixTitleStem : schema::kPrefixStem;
  for (const Token& t : analyzer.Tokenize(text, lang)) {
    Xapian::termpos pos = base + t.pos + 1;
    doc->add_posting(t.term, pos);
    if (title) doc->add_posting(schema::kPrefixTitle + t.term, pos);
    std::string stem = analyzer.Stem(t.term, lang);
    doc->add_term(schema::kPrefixStem + stem, title ? title_wdf : 1);
    if (title) doc->add_term(stem_prefix + stem);
    if (pos > last) last = pos;
  }
  return last;
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
  Xapian::termpos end = AddText(&doc, analyzer, a.title, a.lang, 0, /*title=*/true, title_wdf);
  AddText(&doc, analyzer, a.body, a.lang, end + schema::kTitleBodyGap, /*title=*/false, 1);
  AddBooleanWords(&doc, analyzer, a.author, schema::kPrefixAuthor);
  AddBooleanWords(&doc, analyzer, a.source, schema::kPrefixSource);
  if (!a.lang.empty()) doc.add_boolean_term(schema::kPrefixLang + a.lang);
  if (auto d = ParseDate(a.date)) {
    std::string key = d->ToKey();
    doc.add_value(schema::kSlotDate, key);
    doc.add_boolean_term(schema::kPrefixYear + key.substr(0, 4));
    doc.add_boolean_term(schema::kPrefixMonth + key.substr(0, 6));
    doc.add_boolean_term(schema::kPrefixDay + key);
  }
  doc.add_boolean_term(IdTerm(a.id));
  doc.add_value(schema::kSlotBody, a.body);
  Article meta = a;
  meta.body.clear();
  doc.set_data(EncodeStoredArticle(meta));
  return doc;
}

}  // namespace byline
