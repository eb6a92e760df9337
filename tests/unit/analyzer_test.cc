// Table-driven tests of the one analyzer, in several languages and scripts.
#include "byline/analyzer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace byline {
namespace {

// Terms in order; joined compound forms are written with a trailing '+'.
std::string Terms(const Analyzer& a, const std::string& text, const std::string& lang = "") {
  std::string out;
  for (const Token& t : a.Tokenize(text, lang)) {
    if (!out.empty()) out += ' ';
    out += t.term;
    if (t.joined) out += '+';
  }
  return out;
}

struct TokenCase {
  const char* text;
  const char* lang;
  const char* terms;
};

TEST(AnalyzerTest, TokenizesAndNormalizes) {
  const TokenCase cases[] = {
      // Case folding and English shaping.
      {"The Quick BROWN fox", "en", "the quick brown fox"},
      {"U.S. officials", "en", "us officials"},
      {"U.S.A. and the U.K.", "en", "usa and the uk"},
      {"ISIS's last stronghold", "en", "isis last stronghold"},
      {"don't stop", "en", "dont stop"},
      {"it’s a curly apostrophe", "en", "it a curly apostrophe"},
      // Hyphens: parts at consecutive positions plus the joined form.
      {"al-Qaeda", "en", "al qaeda alqaeda+"},
      {"e-mail", "en", "e mail email+"},
      {"2018-11-14", "en", "2018 11 14"},
      {"19 people", "en", "19 people"},
      {"1,750 dlrs at 5.93", "en", "1,750 dlrs at 5.93"},
      {"https://example.com/a?x=1", "en", "https example.com a x 1"},
      // Accent folding and compatibility forms.
      {"Qāmishlī Hajín", "en", "qamishli hajin"},
      {"Straße Ärger Œuvre", "de", "strasse arger oeuvre"},
      {"Łódź Ørsted", "pl", "lodz orsted"},
      {"ﬁnancial ＡＢＣ", "en", "financial abc"},
      // French elisions.
      {"l'armée d'Hélène qu'il", "fr", "armee helene il"},
      // Scripts without spaces: dictionary segmentation.
      {"北京时间湖人", "zh", "北京 时间 湖人"},
      {"ภาษาไทยง่าย", "th", "ภาษา ไทย ง่าย"},
      {"東京都に住む", "ja", "東京 都 に 住む"},
      // Arabic diacritics and tatweel removed; Cyrillic ё folds, й stays.
      {"الْعَرَبِيَّة", "ar", "العربية"},
      {"العـــربية", "ar", "العربية"},
      {"Ёлка мой", "ru", "елка мой"},
      {"Αθήνα", "el", "αθηνα"},
      // Punctuation and symbols are not words.
      {"!!! --- ... $$$", "en", ""},
      {"", "en", ""},
  };
  Analyzer a;
  for (const auto& c : cases) {
    EXPECT_EQ(Terms(a, c.text, c.lang), c.terms) << "text: " << c.text;
  }
}

TEST(AnalyzerTest, OffsetsPointAtTheSurfaceForm) {
  Analyzer a;
  std::string text = "Water reaches Qāmishlī.";
  auto toks = a.Tokenize(text);
  ASSERT_EQ(toks.size(), 3u);
  EXPECT_EQ(text.substr(toks[2].start, toks[2].end - toks[2].start), "Qāmishlī");
  EXPECT_EQ(toks[0].pos, 0u);
  EXPECT_EQ(toks[2].pos, 2u);
}

TEST(AnalyzerTest, JoinedFormSharesThePositionOfItsFirstPart) {
  Analyzer a;
  auto toks = a.Tokenize("an al-Qaeda cell");
  ASSERT_EQ(toks.size(), 5u);
  EXPECT_EQ(toks[3].term, "alqaeda");
  EXPECT_TRUE(toks[3].joined);
  EXPECT_EQ(toks[3].pos, toks[1].pos);
  EXPECT_EQ(toks[4].term, "cell");
  EXPECT_EQ(toks[4].pos, 3u);
}

struct StemCase {
  const char* term;
  const char* lang;
  const char* stem;
};

TEST(AnalyzerTest, StemsWithTheArticleLanguage) {
  const StemCase cases[] = {
      {"running", "en", "run"},    {"elections", "en", "elect"},
      {"running", "", "run"},  // English when unknown
      {"wahlen", "de", "wahl"},    {"élections", "fr", "élect"},
      {"новости", "ru", "новост"}, {"北京", "zh", "北京"},  // no stemmer: unchanged
      {"2018", "en", "2018"},      {"b52", "en", "b52"},
  };
  Analyzer a;
  for (const auto& c : cases) {
    EXPECT_EQ(a.Stem(c.term, c.lang), c.stem) << c.term << " (" << c.lang << ")";
  }
  EXPECT_TRUE(Analyzer::HasStemmer("de"));
  EXPECT_FALSE(Analyzer::HasStemmer("zh"));
}

TEST(AnalyzerTest, NormalizeMatchesTokenize) {
  Analyzer a;
  for (const char* w : {"Qāmishlī", "ISIS's", "U.S.", "Straße", "ＡＢＣ"}) {
    auto toks = a.Tokenize(w);
    ASSERT_EQ(toks.size(), 1u) << w;
    EXPECT_EQ(a.Normalize(w), toks[0].term) << w;
  }
}

TEST(AnalyzerTest, PlainAsciiWordsTokenizeAsICUDoes) {
  // Text of ASCII letters, digits and spaces takes a fast path; a trailing
  // " !" sends the same words through ICU. Both must give the same tokens.
  const char* const texts[] = {"griffith observatory",
                               "  B52 bombers\tflew 1987\n",
                               "52b 7 x",
                               "Q3 earnings 2019Q4 up",
                               "a",
                               "ALLCAPS HEADLINE WORDS",
                               "mixed123abc 123 abc123 0"};
  Analyzer a;
  for (const char* lang : {"en", "fr", "de", "zh", ""}) {
    for (const char* t : texts) {
      std::vector<Token> fast = a.Tokenize(t, lang);
      std::vector<Token> icu = a.Tokenize(std::string(t) + " !", lang);
      ASSERT_EQ(fast.size(), icu.size()) << t;
      for (std::size_t i = 0; i < fast.size(); ++i) {
        EXPECT_EQ(fast[i].term, icu[i].term) << t;
        EXPECT_EQ(fast[i].start, icu[i].start) << t;
        EXPECT_EQ(fast[i].end, icu[i].end) << t;
        EXPECT_EQ(fast[i].pos, icu[i].pos) << t;
        EXPECT_EQ(fast[i].joined, icu[i].joined) << t;
      }
    }
  }
  std::string long_word(200, 'x');  // dropped on both paths
  EXPECT_EQ(a.Tokenize(long_word + " ok", "en").size(), 1u);
}

TEST(AnalyzerTest, VeryLongTokensAreDropped) {
  Analyzer a;
  std::string noise(500, 'x');
  EXPECT_EQ(Terms(a, "before " + noise + " after"), "before after");
}

}  // namespace
}  // namespace byline
