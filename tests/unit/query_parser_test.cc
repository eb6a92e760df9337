// Table-driven tests of the query parser: query -> description, and errors.
#include "byline/query_parser.h"

#include <gtest/gtest.h>

namespace byline {
namespace {

struct Case {
  const char* query;
  const char* description;
};

std::string Describe(const Analyzer& a, const std::string& q, DefaultOperator op) {
  QueryParseOptions opts;
  opts.default_operator = op;  // tables below name the operator explicitly
  auto r = ParseQuery(q, a, opts);
  return r.ok() ? DescribeQuery(*r) : "ERROR: " + r.status().message();
}

TEST(QueryParserTest, DefaultAnd) {
  const Case cases[] = {
      {"brexit", "brexit"},
      {"Brexit Vote", "(brexit AND vote)"},
      {"brexit AND vote", "(brexit AND vote)"},
      {"brexit OR vote", "(brexit OR vote)"},
      {"brexit | vote", "(brexit OR vote)"},
      {"a b OR c", "((a AND b) OR c)"},
      {"(a OR b) c", "((a OR b) AND c)"},
      {"brexit -vote", "(brexit AND_NOT vote)"},
      {"brexit NOT vote", "(brexit AND_NOT vote)"},
      {"brexit NOT (vote OR poll)", "(brexit AND_NOT (vote OR poll))"},
      {"+brexit vote", "(brexit AND vote)"},
      {"-vote", "(<all> AND_NOT vote)"},
      {"\"tidal flood barrier\"", "\"tidal flood barrier\""},
      {"“curly quotes work”", "\"curly quotes work\""},
      {"\"Hajín\"", "=hajin"},
      {"al-Qaeda", "(\"al qaeda\" OR alqaeda)"},
      {"2018-11-14", "\"2018 11 14\""},
      {"U.S. tariffs", "(us AND tariffs)"},
      {"ISIS's", "isis"},
      {"Qāmishlī", "qamishli"},
      {"北京时间", "\"北京 时间\""},
      {"hajin*", "hajin*"},
      {"Hají*", "haji*"},
      {"title:barrier", "title:barrier"},
      {"title:\"tidal barrier\"", "title:\"tidal barrier\""},
      {"title:\"Hajín\"", "title:=hajin"},
      {"title:(barrier OR \"tidal flood\") vote",
       "((title:barrier OR title:\"tidal flood\") AND vote)"},
      {"source:Reuters", "source:XSreuters"},
      {"source:\"Byline Wire\" crane", "(crane AND source:XSbyline+XSwire)"},
      {"author:Haddad", "author:Ahaddad"},
      {"lang:DE", "lang:Lde"},
      {"crane date:2018-11", "(crane AND date:20181101..20181130)"},
      {"date:2018-11-01..2018-11-30", "date:20181101..20181130"},
      {"date:..2018", "date:..20181231"},
      {"crane -source:reuters", "(crane AND_NOT source:XSreuters)"},
      {"!!! brexit ???", "brexit"},
      {"brexit -", "brexit"},
      {"OR", "ERROR: bad query at position 1: OR needs something on its right"},
  };
  Analyzer a;
  for (const auto& c : cases) {
    EXPECT_EQ(Describe(a, c.query, DefaultOperator::kAnd), c.description) << "query: " << c.query;
  }
}

TEST(QueryParserTest, DefaultOr) {
  const Case cases[] = {
      {"brexit vote", "(brexit OR vote)"},
      {"+brexit vote", "(brexit AND_MAYBE vote)"},
      {"+a +b c -d", "(((a AND b) AND_MAYBE c) AND_NOT d)"},
      {"a b AND c", "((a OR b) AND c)"},
      {"crane source:reuters", "(crane AND source:XSreuters)"},
  };
  Analyzer a;
  for (const auto& c : cases) {
    EXPECT_EQ(Describe(a, c.query, DefaultOperator::kOr), c.description) << "query: " << c.query;
  }
}

struct ErrorCase {
  const char* query;
  std::size_t offset;  // byte offset of the problem
  const char* message_part;
};

TEST(QueryParserTest, ErrorsPointAtThePosition) {
  static const std::string kDeep(100, '(');
  const ErrorCase cases[] = {
      {"\"brexit vote", 0, "unclosed quote"},
      {"crane \"brexit vote", 6, "unclosed quote"},
      {"(brexit", 0, "unbalanced '('"},
      {"brexit)", 6, "unbalanced ')'"},
      {"a (b (c)", 2, "unbalanced '('"},
      {"", 0, "the query is empty"},
      {"   ", 0, "the query is empty"},
      {"*", 0, "wildcard needs at least one letter"},
      {"!!! ...", 0, "no searchable words"},
      {"date:2018-13-45", 5, "cannot read the date"},
      {"crane date:soon", 11, "cannot read the date"},
      {"brexit OR", 7, "OR needs something on its right"},
      {"AND brexit", 0, "AND needs something on its left"},
      {"title:", 0, "needs a value"},
      {"title:(barrier", 6, "unbalanced '('"},
      {"title:(source:x)", 7, "a field cannot stand inside title:( ... )"},
      {"source:(a OR b)", 0, "takes a word or a \"phrase\""},
      {"()", 0, "empty parentheses"},
      {"\"!!!\"", 0, "no searchable words"},
      {"brexit NOT", 7, "NOT needs something"},
      {kDeep.c_str(), 64, "nested more than 64 deep"},
  };
  Analyzer a;
  for (const auto& c : cases) {
    QueryError err;
    auto r = ParseQuery(c.query, a, QueryParseOptions{}, &err);
    ASSERT_FALSE(r.ok()) << c.query;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.query;
    EXPECT_EQ(err.offset, c.offset) << c.query << ": " << err.message;
    EXPECT_NE(err.message.find(c.message_part), std::string::npos)
        << c.query << ": " << err.message;
    EXPECT_NE(r.status().message().find("position " + std::to_string(c.offset + 1)),
              std::string::npos)
        << r.status().message();
  }
}

TEST(QueryParserTest, PositionsCountCharactersNotBytes) {
  Analyzer a;
  auto r = ParseQuery("Qāmishlī (water", a, QueryParseOptions{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("position 10:"), std::string::npos) << r.status().message();
}

TEST(QueryParserTest, HostileInputNeverCrashes) {
  Analyzer a;
  std::string long_query;
  for (int i = 0; i < 10000; ++i) long_query += "word" + std::to_string(i % 50) + " ";
  std::string deep(5000, '(');
  const std::string inputs[] = {
      long_query, deep,   "\x01\x02\x1b[31m red", "\xff\xfe bad utf8", "a:b:c:d",
      "\"\"",     "+-+-", "NOT NOT NOT x",        "((((a))))"};
  for (const std::string& q : inputs) {
    auto r = ParseQuery(q, a, QueryParseOptions{});
    (void)r;  // a result or a clear error; reaching here is the test
  }
  auto ok = ParseQuery("((((a))))", a, QueryParseOptions{});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(DescribeQuery(*ok), "a");
}

TEST(QueryParserTest, NaturalLanguageReadsPlainWords) {
  Analyzer a;
  QueryParseOptions opts;
  opts.natural_language = true;
  opts.drop_stop_words = true;
  const Case cases[] = {
      {"What articles exist which deal with TSS (Time Sharing System)?",
       "(tss OR time OR sharing OR system)"},
      {"I am interested in articles written by Prieve or Udo Pooch",
       "(written OR prieve OR udo OR pooch)"},
      {"title: \"quoted\" -minus AND OR", "(title OR quoted OR minus)"},
      {"multi-targeted compilers", "(multi OR targeted OR compilers)"},
  };
  for (const auto& c : cases) {
    auto r = ParseQuery(c.query, a, opts);
    ASSERT_TRUE(r.ok()) << c.query << ": " << r.status().message();
    EXPECT_EQ(DescribeQuery(*r), c.description) << c.query;
  }
  opts.drop_stop_words = false;
  auto kept = ParseQuery("documents about the yen", a, opts);
  EXPECT_EQ(DescribeQuery(*kept), "(documents OR about OR the OR yen)");
  opts.drop_stop_words = true;
  auto only_stop = ParseQuery("what is it about?", a, opts);
  EXPECT_FALSE(only_stop.ok());
  EXPECT_TRUE(IsQueryStopWord("the"));
  EXPECT_FALSE(IsQueryStopWord("yen"));
}

TEST(QueryParserTest, RelaxTurnsDefaultAndIntoOr) {
  Analyzer a;
  QueryParseOptions and_opts;
  and_opts.default_operator = DefaultOperator::kAnd;
  auto r = ParseQuery("brexit vote source:bbc", a, and_opts);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(IsRelaxable(*r));
  EXPECT_EQ(DescribeQuery(RelaxToOr(*r)), "((brexit OR vote) AND source:XSbbc)");
  auto one = ParseQuery("brexit", a, and_opts);
  auto ored = ParseQuery("brexit vote", a, QueryParseOptions{});  // OR: nothing to relax
  EXPECT_FALSE(IsRelaxable(*ored));
  EXPECT_FALSE(IsRelaxable(*one));
}

}  // namespace
}  // namespace byline
