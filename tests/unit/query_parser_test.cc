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
      {"* -vote", "(<all> AND_NOT vote)"},
      {"\"tidal flood barrier\"", "\"tidal flood barrier\""},
      {"“curly quotes work”", "\"curly quotes work\""},
      {"\"Hajín\"", "=hajin"},
      {"al-Qaeda", "(\"al qaeda\" OR alqaeda)"},
      {"2018-11-14", "\"2018 11 14\""},
      {"U.S. tariffs", "(us AND tariffs)"},
      {"ISIS's", "isis"},
      {"IEDs NGOs", "(ied AND ngo)"},
      {"\"IED's\" title:NGOs", "(=ied AND title:ngo)"},
      {"\"the 1990’s\"", "\"the 1990\""},
      {"I'd ieds", "(i'd AND ieds)"},
      {"Qāmishlī", "qamishli"},
      {"Kadhafi al-Qaida", "(gaddafi AND (\"al qaeda\" OR alqaeda))"},
      // Spaceless scripts: the phrase of the text's bigrams (or its one
      // bigram or character) must match; ICU's whole words only rank.
      {"北京时间", "(\"北京 京时 时间\" AND_MAYBE (北京 OR 时间))"},
      {"科技", "(=科技 AND_MAYBE 科技)"},
      {"湖", "(=湖 AND_MAYBE 湖)"},
      {"论政", "(=论政 AND_MAYBE 论政)"},
      {"\"科技\"", "=科技"},
      {"\"北京时间\"", "\"北京 京时 时间\""},
      {"title:科技", "(title:=科技 AND_MAYBE title:科技)"},
      {"GDP增长", "(\"gdp 增长\" AND_MAYBE 增长)"},
      {"中国 经济", "((=中国 AND_MAYBE 中国) AND (=经济 AND_MAYBE 经济))"},
      {"中国*", "中国*"},
      {"科技 NEAR 公司", "(=科技 NEAR/10 =公司)"},
      {"대통령", "(\"대통 통령\" AND_MAYBE 대통령)"},
      {"กรุงเทพ", "(\"กรุ รุง งเ เท ทพ\" AND_MAYBE กรุงเทพ)"},
      {"hajin*", "hajin*"},
      {"Hají*", "haji*"},
      {"title:barrier", "title:barrier"},
      {"title:\"tidal barrier\"", "title:\"tidal barrier\""},
      {"title:\"Hajín\"", "title:=hajin"},
      {"title:(barrier OR \"tidal flood\") vote",
       "((title:barrier OR title:\"tidal flood\") AND vote)"},
      {"source:Reuters", "source:reuters"},
      {"source:\"Byline Wire\" crane", "(crane AND source:\"byline wire\")"},
      {"author:Haddad", "author:haddad"},
      {"lang:DE", "lang:de"},
      {"crane date:2018-11", "(crane AND date:2018-11-01..2018-11-30)"},
      {"date:2018-11-01..2018-11-30", "date:2018-11-01..2018-11-30"},
      {"date:..2018", "date:..2018-12-31"},
      {"crane -source:reuters", "(crane AND_NOT source:reuters)"},
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
      {"crane source:reuters", "(crane AND source:reuters)"},
  };
  Analyzer a;
  for (const auto& c : cases) {
    EXPECT_EQ(Describe(a, c.query, DefaultOperator::kOr), c.description) << "query: " << c.query;
  }
}

// Queries of bare words and +/- marks are read without the parser
// (SimpleQuery in query_parser.cc): the tree must be the parser's. A no-break
// space at the end sends a query through the parser (the lexer reads it as
// a space; the short cut takes ASCII only), so each query is read both ways.
TEST(QueryParserTest, BareWordQueriesReadAsByTheParser) {
  const char* queries[] = {"brexit",
                           "Brexit Vote",
                           "+griffith +observatory",
                           "+a +b c -d",
                           "a -b",
                           "-a b",
                           "+a -b -c",
                           "a b c d e f",
                           "2018",
                           "b52 bomber",
                           "IEDs",
                           "IDs",
                           "iPhone 12",
                           "  leading and trailing  ",
                           "tab\tseparated",
                           "+5 -5",
                           "or and not",
                           "Or And",
                           "OR",
                           "a OR b",
                           "a AND b",
                           "NOT a",
                           "a NEAR b",
                           "NEARBY",
                           "ADJUST the rate",
                           "a XOR b",
                           "SYN",
                           "SYNonym",
                           "a+b",
                           "a - b",
                           "- a",
                           "+",
                           "-a",
                           "-a -b",
                           "a--b",
                           "e-mail",
                           "don't",
                           "u.s. trade",
                           "wait...",
                           "2018..2019",
                           "title:flood",
                           "flood*",
                           "flood~",
                           "flood^2",
                           "(a b)",
                           "\"a b\"",
                           "caf\u00e9",
                           "\u4e2d\u56fd",
                           "a\u00a0b"};
  Analyzer a;
  for (DefaultOperator op : {DefaultOperator::kOr, DefaultOperator::kAnd}) {
    for (const char* q : queries) {
      EXPECT_EQ(Describe(a, q, op), Describe(a, std::string(q) + "\u00a0", op))
          << "query: " << q << (op == DefaultOperator::kAnd ? " (AND)" : " (OR)");
    }
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
      {"(hajin* OR *)", 11, "'*' alone (every article) stands only at the top"},
      {"-flood", 0, "the query only excludes"},
      {"crane subject:test", 6, "no field is named 'subject:'"},
      {"crane *ining", 6, "a leading wildcard is not supported"},
      {"[1 TO 5]", 0, "ranges work only on dates"},
      {"a NEAR", 2, "NEAR needs a word on its right"},
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
  QueryParseOptions strict;
  strict.strict = true;  // the forgiving default reads most of these as words
  for (const auto& c : cases) {
    QueryError err;
    auto r = ParseQuery(c.query, a, strict, &err);
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
  QueryParseOptions strict;
  strict.strict = true;
  auto r = ParseQuery("Qāmishlī (water", a, strict);
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

// A query read with the forgiving default: its description, then each
// notice as " [notice at BYTE: message]".
std::string Read(const std::string& q, DefaultOperator op = DefaultOperator::kOr) {
  static const Analyzer a;
  QueryParseOptions opts;
  opts.default_operator = op;
  std::vector<QueryNotice> notices;
  auto r = ParseQuery(q, a, opts, nullptr, &notices);
  std::string out = r.ok() ? DescribeQuery(*r) : "ERROR: " + r.status().message();
  for (const QueryNotice& n : notices) {
    out += " [notice at " + std::to_string(n.offset) + ": " + n.message + "]";
  }
  return out;
}

// The same with options.strict: the error, or the description.
std::string Strict(const std::string& q) {
  static const Analyzer a;
  QueryParseOptions opts;
  opts.strict = true;
  std::vector<QueryNotice> notices;
  auto r = ParseQuery(q, a, opts, nullptr, &notices);
  EXPECT_TRUE(notices.empty()) << q;
  return r.ok() ? DescribeQuery(*r) : "ERROR: " + r.status().message();
}

void ExpectReadings(const Case* begin, const Case* end, DefaultOperator op) {
  for (const Case* c = begin; c != end; ++c) {
    EXPECT_EQ(Read(c->query, op), c->description) << "query: " << c->query;
  }
}

TEST(QueryParserTest, AnExclusionAppliesToTheGroupItStandsIn) {
  const Case cases[] = {
      {"a OR -b", "(a AND_NOT b)"},
      {"bridge OR NOT flood", "(bridge AND_NOT flood)"},
      {"bridge error code (-1)", "((bridge OR error OR code) AND_NOT 1)"},
      {"a AND -b", "(a AND_NOT b)"},
      {"a AND NOT b", "(a AND_NOT b)"},
      {"a OR (b -c)", "(a OR (b AND_NOT c))"},
      {"(a -b) OR c", "((a AND_NOT b) OR c)"},
      {"a (-b -c)", "(a AND_NOT b AND_NOT c)"},
      {"a OR b OR -c", "((a OR b) AND_NOT c)"},
      {"* -flood", "(<all> AND_NOT flood)"},
      {"* NOT (flood OR storm)", "(<all> AND_NOT (flood OR storm))"},
      {"*", "<all>"},
      // '*' beside words is no starting point: never every article.
      {"*** stop 0x1e", "(stop OR 0x1e)"},
      {"* stop -go", "(stop AND_NOT go)"},
      {"* source:reuters", "(<all> AND source:reuters)"},
      {"-flood",
       "ERROR: bad query at position 1: the query only excludes: say what to search for, or "
       "start from every article with '*' (as in '* -flood')"},
      {"x (-a) -b", "(x AND_NOT a AND_NOT b)"},
  };
  ExpectReadings(std::begin(cases), std::end(cases), DefaultOperator::kOr);
  const Case and_cases[] = {
      {"a b (-c)", "((a AND b) AND_NOT c)"},
      {"* -flood", "(<all> AND_NOT flood)"},
      {"* stop", "stop"},
  };
  ExpectReadings(std::begin(and_cases), std::end(and_cases), DefaultOperator::kAnd);
  // Only exclusions is an error in either mode, at the first exclusion.
  for (const char* q : {"-flood", "NOT flood", "-a OR -b", "(-a) -b", "   -a"}) {
    SCOPED_TRACE(q);
    EXPECT_NE(Read(q).find("ERROR: "), std::string::npos);
    EXPECT_NE(Strict(q).find("the query only excludes"), std::string::npos);
  }
  EXPECT_NE(Read("   -a").find("position 4:"), std::string::npos);
  EXPECT_NE(Read("(-a) -b").find("position 2:"), std::string::npos);
  EXPECT_NE(Read(" -source:reuters ").find("(as in '* -source:reuters')"), std::string::npos);
}

TEST(QueryParserTest, TheSameFilterTwiceIsEitherDifferentFiltersBoth) {
  const Case cases[] = {
      {"source:\"valley courier\" source:\"northern ledger\"",
       "(source:\"valley courier\" OR source:\"northern ledger\")"},
      {"date:2018 date:2019", "(date:2018-01-01..2018-12-31 OR date:2019-01-01..2019-12-31)"},
      {"lang:en lang:de", "(lang:en OR lang:de)"},
      {"crane lang:en source:x lang:de", "(crane AND (lang:en OR lang:de) AND source:x)"},
      {"source:x site:y", "(source:x OR source:y)"},
      {"source:x AND source:y", "(source:x AND source:y)"},
      {"author:a* author:b", "(author:a* OR author:b)"},
      {"Title:flood", "title:flood"},
      {"SOURCE:Reuters", "source:reuters"},
      {"Date:2018", "date:2018-01-01..2018-12-31"},
      {"subject:test",
       "\"subject test\" [notice at 0: position 1: no field is named 'subject:' (fields: title:, "
       "date:, source:, author:, lang:); searched as words]"},
      {"Re: flood", "(re OR flood)"},
  };
  ExpectReadings(std::begin(cases), std::end(cases), DefaultOperator::kOr);
  EXPECT_EQ(Strict("flood subject:test"),
            "ERROR: bad query at position 7: no field is named 'subject:' (fields: title:, "
            "date:, source:, author:, lang:)");
  // URLs and times stay words, without a notice.
  for (const char* q : {"http://example.com/flood", "mailto: x", "10:30 flood", "a::b"}) {
    std::string r = Read(q);
    EXPECT_EQ(r.find("[notice"), std::string::npos) << q << ": " << r;
    EXPECT_EQ(r.find("ERROR"), std::string::npos) << q << ": " << r;
  }
}

TEST(QueryParserTest, ProximityOperatorsInCapitals) {
  const Case cases[] = {
      {"flood NEAR barrier", "(flood NEAR/10 barrier)"},
      {"flood NEAR/3 barrier", "(flood NEAR/3 barrier)"},
      {"flood ADJ barrier", "(flood ADJ/10 barrier)"},
      {"flood ADJ/2 barrier", "(flood ADJ/2 barrier)"},
      {"a NEAR/3 b NEAR/3 c", "(a NEAR/3 b NEAR/3 c)"},
      {"x a NEAR b", "(x OR (a NEAR/10 b))"},
      {"title:flood NEAR/2 \"Vote\"", "(title:flood NEAR/2 =vote)"},
      {"\"foo bar\"~3", "\"foo bar\"~3"},
      {"\"foo bar\"~0", "\"foo bar\""},
      {"flood near barrier", "(flood OR near OR barrier)"},
      {"flood Near/3 barrier", "(flood OR \"near 3\" OR barrier)"},
  };
  ExpectReadings(std::begin(cases), std::end(cases), DefaultOperator::kOr);
  EXPECT_EQ(Read("flood near barrier", DefaultOperator::kAnd), "(flood AND near AND barrier)");
  EXPECT_EQ(Strict("a NEAR"), "ERROR: bad query at position 3: NEAR needs a word on its right");
  EXPECT_EQ(Strict("NEAR a"), "ERROR: bad query at position 1: NEAR needs a word on its left");
  EXPECT_EQ(Strict("a NEAR (b OR c)"),
            "ERROR: bad query at position 3: NEAR joins single words (no phrases, groups, "
            "wildcards or filters)");
  EXPECT_NE(Strict("\"tidal flood\" NEAR/5 barrier").find("position 15: NEAR joins single words"),
            std::string::npos);
  EXPECT_EQ(Strict("a NEAR/2 b ADJ/2 c"),
            "ERROR: bad query at position 12: a chain of NEAR or ADJ uses one operator and one "
            "distance");
  EXPECT_EQ(Strict("a NEAR/0 b"),
            "ERROR: bad query at position 3: NEAR/n takes a number of words from 1 to 1000");
}

TEST(QueryParserTest, FuzzyBoostXorAndSyn) {
  const Case cases[] = {
      {"musket~", "musket~2"},
      {"flod~", "flod~1"},
      {"musket~1", "musket~1"},
      {"musket~0", "musket"},
      {"title:barier~", "title:barier~2"},
      {"musket~3",
       "musket~2 [notice at 6: position 7: a fuzzy word allows at most 2 edits; searched as "
       "musket~2]"},
      {"term^2", "term^2"},
      {"term^0.5 other", "(term^0.5 OR other)"},
      {"\"tidal flood\"^3", "\"tidal flood\"^3"},
      {"(flood barrier)^2", "(flood OR barrier)^2"},
      {"\"a b\"~2^3", "\"a b\"~2^3"},
      {"a XOR b", "(a XOR b)"},
      {"a b XOR c", "((a OR b) XOR c)"},
      {"a OR b XOR c", "(a OR (b XOR c))"},
      {"a XOR b XOR c", "(a XOR b XOR c)"},
      {"flood SYN inundation", "(flood SYN inundation)"},
      {"flood SYN \"high water\" barrier", "((flood SYN \"high water\") OR barrier)"},
      {"a~b", "\"a b\""},
      {"x^y", "\"x y\""},
  };
  ExpectReadings(std::begin(cases), std::end(cases), DefaultOperator::kOr);
  EXPECT_EQ(Strict("musket~3"),
            "ERROR: bad query at position 7: a fuzzy word allows at most 2 edits");
  EXPECT_EQ(Strict("source:x^2"),
            "ERROR: bad query at position 9: '^' boosts words: a filter or '*' has no weight to "
            "boost");
  EXPECT_NE(Strict("hajin*~1").find("'~' follows a word (fuzzy"), std::string::npos);
  EXPECT_NE(Strict("\"tidal flood\"~").find("needs a number"), std::string::npos);
}

TEST(QueryParserTest, BareDateRangesAreDatesOtherRangesWords) {
  const Case cases[] = {
      {"2018..2019", "date:2018-01-01..2019-12-31"},
      {"2018-11-01..2018-11-30", "date:2018-11-01..2018-11-30"},
      {"flood 2019..", "(flood AND date:2019-01-01..)"},
      {"2018..2019 2021", "(2021 AND date:2018-01-01..2019-12-31)"},
      {"2018..2019 2020..2021", "(date:2018-01-01..2019-12-31 OR date:2020-01-01..2021-12-31)"},
      {"2018-11-14", "\"2018 11 14\""},
      {"wait... what", "(wait OR what)"},
      {"$50..100",
       "(50 OR 100) [notice at 0: position 1: ranges work only on dates (2018..2019); searched as "
       "words]"},
      {"[1 TO 5]",
       "(1 OR 5) [notice at 0: position 1: ranges work only on dates (date:2018..2019); "
       "searched as words]"},
      {"{a TO b} c",
       "(a OR b OR c) [notice at 0: position 1: ranges work only on dates (date:2018..2019); "
       "searched as words]"},
      {"[draft] flood", "(draft OR flood)"},
  };
  ExpectReadings(std::begin(cases), std::end(cases), DefaultOperator::kOr);
  EXPECT_NE(Strict("price [1 TO 5]").find("position 7: ranges work only on dates"),
            std::string::npos);
  EXPECT_NE(Strict("$50..100").find("position 1: ranges work only on dates"), std::string::npos);
}

TEST(QueryParserTest, WildcardsTrailingAlsoInFiltersOtherwiseSaid) {
  const Case cases[] = {
      {"author:hadd*", "author:hadd*"},
      {"source:Reut*", "source:reut*"},
      {"lang:e*", "lang:e*"},
      {"crane author:hadd*", "(crane AND author:hadd*)"},
      {"title:flood*", "title:flood*"},
      {"*ining",
       "ining [notice at 0: position 1: a leading wildcard is not supported (only trailing: "
       "word*); searched as words]"},
      {"fl?od",
       "(fl OR od) [notice at 2: position 3: a wildcard inside a word is not supported (only "
       "trailing: word*); searched as words]"},
      {"fl*od x",
       "(fl OR od OR x) [notice at 2: position 3: a wildcard inside a word is not supported "
       "(only trailing: word*); searched as words]"},
      {"why? flood", "(why OR flood)"},
  };
  ExpectReadings(std::begin(cases), std::end(cases), DefaultOperator::kOr);
  EXPECT_NE(Strict("flood *ining").find("position 7: a leading wildcard"), std::string::npos);
  EXPECT_NE(Strict("fl?od").find("position 3: a wildcard inside a word"), std::string::npos);
  EXPECT_NE(Strict("date:2018*").find("'date:' takes no wildcard"), std::string::npos);
  EXPECT_NE(Strict("author:al-hadd*").find("'author:' takes a wildcard after one word"),
            std::string::npos);
}

TEST(QueryParserTest, TextThatIsNotSyntaxIsSearchedAsWordsWithANotice) {
  const Case cases[] = {
      {"crane \"strike",
       "(crane OR strike) [notice at 6: position 7: unclosed quote: a phrase opened here has no "
       "closing '\"'; searched as plain words]"},
      {"great news ;)",
       "(great OR news) [notice at 12: position 13: unbalanced ')': no '(' opens it; searched as "
       "plain words]"},
      {"SELECT COUNT(*)",
       "(select OR count) [notice at 13: position 14: '*' alone (every article) stands only at "
       "the top of the query; searched as plain words]"},
      {"flood OR",
       "flood [notice at 6: position 7: OR needs something on its right; "
       "searched as plain words]"},
      {"NEAR flood AND",
       "flood [notice at 0: position 1: NEAR needs a word on its left; "
       "searched as plain words]"},
      {"Qāmishlī (water",
       "(qamishli OR water) [notice at 11: position 10: unbalanced '(': no ')' closes it; "
       "searched as plain words]"},
  };
  ExpectReadings(std::begin(cases), std::end(cases), DefaultOperator::kOr);
  EXPECT_EQ(Read("crane \"strike", DefaultOperator::kAnd).substr(0, 19), "(crane AND strike) ");
  EXPECT_EQ(Strict("crane \"strike"),
            "ERROR: bad query at position 7: unclosed quote: a phrase opened here has no closing "
            "'\"'");
  // Nothing searchable stays an error.
  EXPECT_EQ(Read(";)"), "ERROR: bad query at position 2: unbalanced ')': no '(' opens it");
  EXPECT_EQ(Read(""), "ERROR: bad query at position 1: the query is empty");
  // A date: filter that is no date is an error in either mode.
  EXPECT_EQ(Read("crane date:soon"),
            "ERROR: bad query at position 12: cannot read the date 'soon': use YYYY, YYYY-MM, "
            "YYYY-MM-DD or a range A..B");
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
  EXPECT_EQ(DescribeQuery(RelaxToOr(*r)), "((brexit OR vote) AND source:bbc)");
  auto fuzzy = ParseQuery("brexit~ vote", a, and_opts);
  ASSERT_TRUE(fuzzy.ok());
  EXPECT_EQ(DescribeQuery(RelaxToOr(*fuzzy)), "(brexit~2 OR vote)");
  auto one = ParseQuery("brexit", a, and_opts);
  auto ored = ParseQuery("brexit vote", a, QueryParseOptions{});  // OR: nothing to relax
  EXPECT_FALSE(IsRelaxable(*ored));
  EXPECT_FALSE(IsRelaxable(*one));
}

}  // namespace
}  // namespace byline
