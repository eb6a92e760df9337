// Table-driven tests of the field table (schema::kFields): every row is read
// the same way by the readers, the query lexer and parser, and the compiler.
// Each test also holds the fields written out by hand, so that dropping,
// renaming or adding a row fails here until the test says so too.
#include "byline/schema.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "byline/analyzer.h"
#include "byline/corpus_reader.h"
#include "byline/query_parser.h"
#include "corpus/formats.h"
#include "search/compile.h"

namespace byline {
namespace {

using schema::Field;
using schema::FieldKind;
using schema::kFields;

// The entries of an alias or key list that are in use.
template <std::size_t N>
std::vector<std::string_view> Used(const std::array<const char*, N>& names) {
  std::vector<std::string_view> out;
  for (const char* n : names) {
    if (n) out.push_back(n);
  }
  return out;
}

// The name and aliases of a query field: every `name:` it answers to.
std::vector<std::string_view> QueryNames(const Field& f) {
  std::vector<std::string_view> out{f.name};
  for (std::string_view a : Used(f.aliases)) out.push_back(a);
  return out;
}

std::string Describe(const std::string& q) {
  static const Analyzer analyzer;
  QueryParseOptions strict;  // errors, not the forgiving reading as words
  strict.strict = true;
  auto r = ParseQuery(q, analyzer, strict);
  return r.ok() ? DescribeQuery(*r) : "ERROR: " + r.status().message();
}

// ---- The table as it should be -----------------------------------------------

struct Row {
  const char* name;
  FieldKind kind;
  std::string Article::*member;
  const char* prefix;
  const char* stem_prefix;
  unsigned slot;
  std::vector<std::string_view> aliases;
  std::vector<std::string_view> metadata_keys;
};

TEST(SchemaTest, TableHoldsEveryFieldWithItsPrefixAndSlot) {
  const Row expected[] = {
      {"id", FieldKind::kStored, &Article::id, "Q", nullptr, schema::kNoSlot, {}, {"id"}},
      {"title",
       FieldKind::kText,
       &Article::title,
       "S",
       "ZS",
       schema::kNoSlot,
       {},
       {"title", "headline"}},
      {"date",
       FieldKind::kDate,
       &Article::date,
       nullptr,
       nullptr,
       0,
       {},
       {"date", "published", "publishedat", "pubdate", "datepublished"}},
      {"body", FieldKind::kBody, &Article::body, "", "Z", 1, {}, {"body", "text", "content"}},
      {"source",
       FieldKind::kFilter,
       &Article::source,
       "XS",
       nullptr,
       schema::kSlotSource,
       {"site"},
       {"source", "site", "sitename", "publisher"}},
      {"author",
       FieldKind::kFilter,
       &Article::author,
       "A",
       nullptr,
       schema::kSlotAuthor,
       {"byline"},
       {"author", "byline", "by"}},
      {"url",
       FieldKind::kStored,
       &Article::url,
       nullptr,
       nullptr,
       schema::kNoSlot,
       {},
       {"url", "link"}},
      {"lang",
       FieldKind::kCode,
       &Article::lang,
       "L",
       nullptr,
       schema::kNoSlot,
       {"language"},
       {"lang", "language"}},
  };
  ASSERT_EQ(std::size(kFields), std::size(expected));
  for (const Row& e : expected) {
    SCOPED_TRACE(e.name);
    const Field* f = nullptr;
    for (const Field& row : kFields) {
      if (row.name == e.name) f = &row;
    }
    ASSERT_NE(f, nullptr) << "no row named " << e.name;
    EXPECT_EQ(f->kind, e.kind);
    EXPECT_TRUE(f->member == e.member);
    EXPECT_EQ(f->prefix == nullptr, e.prefix == nullptr);
    if (f->prefix && e.prefix) {
      EXPECT_STREQ(f->prefix, e.prefix);
    }
    EXPECT_EQ(f->stem_prefix == nullptr, e.stem_prefix == nullptr);
    if (f->stem_prefix && e.stem_prefix) {
      EXPECT_STREQ(f->stem_prefix, e.stem_prefix);
    }
    EXPECT_EQ(f->slot, e.slot);
    EXPECT_EQ(Used(f->aliases), e.aliases);
    EXPECT_EQ(Used(f->metadata_keys), e.metadata_keys);
    EXPECT_EQ(&schema::FieldOf(e.member), f);
  }
}

TEST(SchemaTest, NamesAliasesAndKeysAreUniqueAcrossRows) {
  std::set<std::string_view> names, keys;
  std::vector<std::string Article::*> members;
  for (const Field& f : kFields) {
    SCOPED_TRACE(std::string(f.name));
    EXPECT_EQ(std::count(members.begin(), members.end(), f.member), 0)
        << "two rows fill the same member";
    members.push_back(f.member);
    for (std::string_view n : QueryNames(f)) {
      EXPECT_TRUE(names.insert(n).second) << "name or alias twice: " << n;
    }
    for (std::string_view k : Used(f.metadata_keys)) {
      EXPECT_TRUE(keys.insert(k).second) << "metadata key twice: " << k;
    }
    EXPECT_FALSE(Used(f.metadata_keys).empty()) << "a field no reader can fill";
    if (!schema::IsQueryKind(f.kind)) {
      EXPECT_TRUE(Used(f.aliases).empty()) << "aliases on a field queries cannot name";
    }
  }
}

// ---- The query lexer and parser ---------------------------------------------

// A value that each kind accepts, and what `field:value` describes as.
std::string SampleValue(FieldKind kind) {
  switch (kind) {
    case FieldKind::kText:
      return "Barrier";
    case FieldKind::kFilter:
      return "Haddad";
    case FieldKind::kCode:
      return "DE";
    case FieldKind::kDate:
      return "2018";
    case FieldKind::kBody:
    case FieldKind::kStored:
      break;
  }
  return "x";
}

std::string SampleDescription(const Field& f) {
  std::string name(f.name);
  switch (f.kind) {
    case FieldKind::kText:
      return name + ":barrier";
    // As the query writes them: no term prefixes, dates as YYYY-MM-DD.
    case FieldKind::kFilter:
      return name + ":haddad";
    case FieldKind::kCode:
      return name + ":de";
    case FieldKind::kDate:
      return name + ":2018-01-01..2018-12-31";
    case FieldKind::kBody:
    case FieldKind::kStored:
      break;
  }
  return "";
}

TEST(SchemaTest, QueryAcceptsEveryNameAndAliasAsAField) {
  int names = 0;
  for (const Field& f : kFields) {
    if (!schema::IsQueryKind(f.kind)) continue;
    for (std::string_view n : QueryNames(f)) {
      SCOPED_TRACE(std::string(n));
      ++names;
      EXPECT_EQ(schema::FindQueryField(n), &f);
      std::string field = std::string(n) + ":" + SampleValue(f.kind);
      EXPECT_EQ(Describe(field), SampleDescription(f));
      // In a query: a filter restricts the words beside it; a text field is one of them.
      EXPECT_EQ(Describe("crane " + field + " vote"),
                f.kind == FieldKind::kText ? "(crane OR " + SampleDescription(f) + " OR vote)"
                                           : "((crane OR vote) AND " + SampleDescription(f) + ")");
      EXPECT_EQ(Describe("crane -" + field), "(crane AND_NOT " + SampleDescription(f) + ")");
      // A field without a value is an error that names it as written.
      EXPECT_EQ(Describe(std::string(n) + ":"), "ERROR: bad query at position 1: field '" +
                                                    std::string(n) +
                                                    ":' needs a value right after the colon");
    }
  }
  EXPECT_EQ(names, 8);
}

TEST(SchemaTest, QueryFieldsWrittenOut) {
  // Every `name:` the query language has, by hand: a dropped row or alias fails.
  const std::map<std::string, std::string> expected = {
      {"title:Barrier", "title:barrier"},
      {"source:\"Valley Courier\"", "source:\"valley courier\""},
      {"site:\"Valley Courier\"", "source:\"valley courier\""},
      {"author:Haddad", "author:haddad"},
      {"byline:Haddad", "author:haddad"},
      {"lang:DE", "lang:de"},
      {"language:DE", "lang:de"},
      {"date:2018..2019", "date:2018-01-01..2019-12-31"},
  };
  for (const auto& [query, description] : expected) {
    EXPECT_EQ(Describe(query), description) << query;
  }
}

TEST(SchemaTest, FieldNamesAreCaseInsensitive) {
  EXPECT_EQ(schema::FindQueryField("Title"), &schema::FieldOf(&Article::title));
  EXPECT_EQ(schema::FindQueryField("SOURCE"), &schema::FieldOf(&Article::source));
  EXPECT_EQ(schema::FindQueryField("Site"), &schema::FieldOf(&Article::source));
  EXPECT_EQ(schema::FindQueryField("LANGUAGE"), &schema::FieldOf(&Article::lang));
  EXPECT_EQ(Describe("Title:Flood"), "title:flood");
  EXPECT_EQ(Describe("SOURCE:reuters"), "source:reuters");
  EXPECT_EQ(Describe("ByLine:haddad"), "author:haddad");
}

TEST(SchemaTest, OtherNamesAreNotFields) {
  // Fields that queries cannot name and metadata keys stay words (with a notice).
  for (const Field& f : kFields) {
    if (!schema::IsQueryKind(f.kind)) {
      EXPECT_EQ(schema::FindQueryField(f.name), nullptr) << f.name;
    }
  }
  for (const char* name : {"body", "id", "url", "headline", "published", "by"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(schema::FindQueryField(name), nullptr);
    auto r = ParseQuery(std::string(name) + ":x", Analyzer(), QueryParseOptions());
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_NE(r->kind, QueryNode::Kind::kFilter);
    EXPECT_NE(r->kind, QueryNode::Kind::kDateRange);
    EXPECT_TRUE(r->field.empty());
  }
}

TEST(SchemaTest, OnlyTextFieldsTakeParentheses) {
  for (const Field& f : kFields) {
    if (!schema::IsQueryKind(f.kind)) continue;
    std::string name(f.name);
    SCOPED_TRACE(name);
    std::string d = Describe(name + ":(a OR b)");
    if (f.kind == FieldKind::kText) {
      EXPECT_EQ(d, "(" + name + ":a OR " + name + ":b)");
    } else {
      EXPECT_EQ(d, "ERROR: bad query at position 1: field '" + name +
                       ":' takes a word or a \"phrase\"; for several, write " + name + ":a OR " +
                       name + ":b");
    }
  }
}

// ---- The readers ---------------------------------------------------------------

// Members by name, to say which one a key filled.
const std::map<std::string, std::string Article::*> kMembers = {
    {"id", &Article::id},         {"title", &Article::title},   {"date", &Article::date},
    {"source", &Article::source}, {"author", &Article::author}, {"url", &Article::url},
    {"lang", &Article::lang},     {"body", &Article::body},     {"path", &Article::path},
};

// The one member set in `a`, by name ("" if none, "several" if more).
std::string FilledMember(const Article& a) {
  std::string out;
  for (const auto& [name, member] : kMembers) {
    if ((a.*member).empty()) continue;
    out = out.empty() ? name : "several";
  }
  return out;
}

TEST(SchemaTest, ReadersFillTheRowsMemberForEveryKeyInEveryForm) {
  int keys = 0;
  for (const Field& f : kFields) {
    for (std::string_view k : Used(f.metadata_keys)) {
      ++keys;
      std::string key(k);
      // As written in the table, and as files write it: case, '_', '-', ' '.
      std::string upper = key, spaced = key, snake = key, kebab = key;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (key.size() > 1) {
        spaced.insert(1, " ");
        snake.insert(1, "_");
        kebab.insert(1, "-");
      }
      for (const std::string& form : {key, upper, spaced, snake, kebab}) {
        SCOPED_TRACE(form);
        EXPECT_EQ(schema::FindMetadataField(form), &f);
        Article a;
        EXPECT_TRUE(SetFieldByName(&a, form, "value"));
        EXPECT_EQ(a.*(f.member), "value");
        EXPECT_EQ(FilledMember(a), std::string(f.name));
        // The first of a field's synonyms wins.
        EXPECT_TRUE(SetFieldByName(&a, form, "later"));
        EXPECT_EQ(a.*(f.member), "value");
      }
    }
  }
  EXPECT_EQ(keys, 22);
}

TEST(SchemaTest, ReaderKeysWrittenOut) {
  // Every metadata key the readers accept, by hand, and the member it fills.
  const std::map<std::string, std::string> expected = {
      {"id", "id"},         {"title", "title"},        {"headline", "title"},
      {"date", "date"},     {"published", "date"},     {"published_at", "date"},
      {"pubDate", "date"},  {"datePublished", "date"}, {"body", "body"},
      {"text", "body"},     {"content", "body"},       {"source", "source"},
      {"site", "source"},   {"site_name", "source"},   {"publisher", "source"},
      {"author", "author"}, {"byline", "author"},      {"by", "author"},
      {"url", "url"},       {"link", "url"},           {"lang", "lang"},
      {"language", "lang"},
  };
  for (const auto& [key, member] : expected) {
    SCOPED_TRACE(key);
    Article a;
    EXPECT_TRUE(SetFieldByName(&a, key, "value"));
    EXPECT_EQ(FilledMember(a), member);
  }
  for (const char* key : {"", "_", "path", "titles", "bodytext", "pub", "og:title", "name"}) {
    Article a;
    EXPECT_FALSE(SetFieldByName(&a, key, "value")) << key;
    EXPECT_EQ(FilledMember(a), "") << key;
    EXPECT_EQ(schema::FindMetadataField(key), nullptr) << key;
  }
}

TEST(SchemaTest, JsonReaderFillsTheRowsMemberForEveryKey) {
  // Values that FinishArticle keeps as they are.
  auto value_for = [](const Field& f) -> std::string {
    if (f.member == &Article::date) return "2018-11-14";
    if (f.member == &Article::lang) return "de";
    return "value of " + std::string(f.name);
  };
  for (const Field& f : kFields) {
    for (std::string_view k : Used(f.metadata_keys)) {
      SCOPED_TRACE(std::string(k));
      std::string json = "{\"" + std::string(k) + "\": \"" + value_for(f) + "\"";
      if (f.member != &Article::body) json += ", \"body\": \"Some text.\"";
      json += "}";
      std::vector<Article> got;
      ReadSink sink;
      sink.on_article = [&](Article&& a) { got.push_back(std::move(a)); };
      sink.on_error = [](const Status& s) { ADD_FAILURE() << s.ToString(); };
      ParseArticles("a.json", FileFormat::kJson, json, sink);
      ASSERT_EQ(got.size(), 1u);
      EXPECT_EQ(got[0].*(f.member), value_for(f));
    }
  }
}

// ---- The compiler ----------------------------------------------------------------

std::string Compiled(const std::string& q) {
  static const Analyzer analyzer;
  auto r = ParseQuery(q, analyzer, QueryParseOptions());
  if (!r.ok()) return "ERROR: " + r.status().message();
  CompileContext ctx;
  ctx.analyzer = &analyzer;
  ctx.languages = {"en"};
  return CompileQuery(*r, ctx).get_description();
}

TEST(SchemaTest, EachKindCompilesAsItShould) {
  for (const Field& f : kFields) {
    std::string name(f.name);
    SCOPED_TRACE(name);
    switch (f.kind) {
      case FieldKind::kText:
        // Stemmed terms for a word, unstemmed positional terms for a phrase.
        EXPECT_EQ(Compiled(name + ":flooding"), "Query(" + std::string(f.stem_prefix) + "flood)");
        EXPECT_EQ(Compiled(name + ":\"tidal flooding\""),
                  "Query((" + std::string(f.prefix) + "tidal PHRASE 2 " + f.prefix + "flooding))");
        break;
      case FieldKind::kBody:
        // What every bare word searches.
        EXPECT_EQ(Compiled("flooding"), "Query(" + std::string(f.stem_prefix) + "flood)");
        EXPECT_EQ(Compiled("\"tidal flooding\""),
                  "Query((" + std::string(f.prefix) + "tidal PHRASE 2 " + f.prefix + "flooding))");
        break;
      case FieldKind::kFilter:
        // A boolean filter on the field's prefix, one term a word.
        EXPECT_EQ(Compiled("flood " + name + ":\"Valley Courier\""),
                  "Query((Zflood FILTER (" + std::string(f.prefix) + "valley AND " + f.prefix +
                      "courier)))");
        break;
      case FieldKind::kCode:
        EXPECT_EQ(Compiled("flood " + name + ":EN"),
                  "Query((Zflood FILTER " + std::string(f.prefix) + "en))");
        break;
      case FieldKind::kDate:
        // A range over the field's value slot.
        EXPECT_EQ(
            Compiled("flood " + name + ":2018..2019"),
            "Query((Zflood FILTER VALUE_RANGE " + std::to_string(f.slot) + " 20180101 20191231))");
        EXPECT_EQ(Compiled("flood " + name + ":2018.."),
                  "Query((Zflood FILTER VALUE_GE " + std::to_string(f.slot) + " 20180101))");
        break;
      case FieldKind::kStored:
        EXPECT_EQ(schema::FindQueryField(f.name), nullptr);
        break;
    }
  }
}

TEST(SchemaTest, CompiledFieldsWrittenOut) {
  // Every query field at once, as the compiler built it before the table.
  EXPECT_EQ(Compiled("site:\"valley courier\" title:flood date:2018..2019 lang:en author:haddad"),
            "Query((ZSflood FILTER ((XSvalley AND XScourier) AND VALUE_RANGE 0 20180101 20191231 "
            "AND Len AND Ahaddad)))");
}

}  // namespace
}  // namespace byline
