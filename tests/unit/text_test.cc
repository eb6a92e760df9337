// Tests of encoding detection and text cleaning.
#include "byline/text.h"

#include <gtest/gtest.h>

namespace byline {
namespace {

TEST(TextTest, ValidatesUtf8) {
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("Qāmishlī 北京 😀"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("caf\xE9"));       // Latin-1
}

TEST(TextTest, ConvertsLegacyEncodings) {
  std::string note;
  EXPECT_EQ(ToUtf8("caf\xE9 \x93quoted\x94", &note), "café “quoted”");
  EXPECT_EQ(note, "Windows-1252");
  EXPECT_EQ(ToUtf8("\xEF\xBB\xBFwith bom"), "with bom");
  EXPECT_EQ(ToUtf8(std::string("\xFF\xFEh\0i\0", 6), &note), "hi");
  EXPECT_EQ(note, "UTF-16LE");
  EXPECT_EQ(ToUtf8(std::string("\xFE\xFF\0h\0i", 6)), "hi");
}

TEST(TextTest, CleansStoredText) {
  EXPECT_EQ(CleanText("  a  b\t c \n\n\n\n d\r\n"), "a b c\n\nd");
  EXPECT_EQ(CleanText("red \x1b[31malert\x1b[0m"), "red [31malert[0m");
  EXPECT_EQ(CleanText("bell\x07 and \xC2\x9B c1"), "bell and c1");
  EXPECT_EQ(CleanText("no\xC2\xA0"
                      "break"),
            "no break");
}

TEST(TextTest, MakesTextSafeForTerminals) {
  EXPECT_EQ(SafeForTerminal("a\x1b]0;title\x07z\nnext"), "a]0;titlez next");
  EXPECT_EQ(SafeForTerminal("\xC2\x9B"
                            "31m"),
            "31m");
  EXPECT_EQ(SafeForTerminal("Qāmishlī"), "Qāmishlī");
  EXPECT_EQ(CollapseSpace("  a \n\n b  "), "a b");
}

TEST(TextTest, FindsUnicodeSpaces) {
  struct Case {
    const char* text;
    std::size_t length;  // of the space at byte 1, 0 if none
  };
  const Case cases[] = {
      {"a b", 1},      {"a\tb", 1},     {"a\u00a0b", 2}, {"a\u0085b", 2}, {"a\u1680b", 3},
      {"a\u2000b", 3}, {"a\u2007b", 3}, {"a\u200ab", 3}, {"a\u200bb", 3}, {"a\u2028b", 3},
      {"a\u2029b", 3}, {"a\u202fb", 3}, {"a\u205fb", 3}, {"a\u2060b", 3}, {"a\u3000b", 3},
      {"a\ufeffb", 3}, {"ab", 0},       {"a\u200cb", 0}, {"a\u200db", 0}, {"a\u00adb", 0},
      {"a\u180eb", 0}, {"a\u00e9b", 0}, {"a\xc2", 0},    {"a", 0},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(UnicodeSpaceAt(c.text, 1), c.length) << c.text;
  }
  EXPECT_TRUE(IsUnicodeSpace(0x3000));
  EXPECT_FALSE(IsUnicodeSpace(0x200D));
}

TEST(TextTest, DecodesHtmlEntities) {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"Mayor says &quot;no&quot;", "Mayor says \"no\""},
      {"Smith &amp; Sons", "Smith & Sons"},
      {"&lt;b&gt;", "<b>"},
      {"it&#39;s", "it's"},
      {"&#8220;q&#8221;", "\u201cq\u201d"},
      {"&#x2019;", "\u2019"},
      {"5&ndash;2 &mdash; &hellip;", "5\u20132 \u2014 \u2026"},
      {"caf&eacute; M&uuml;ller", "caf\u00e9 M\u00fcller"},
      {"AT&T; R&D", "AT&T; R&D"},                                  // no such entity: as written
      {"&#0; &#xD800; &#99999999;", "&#0; &#xD800; &#99999999;"},  // no character
      {"&amp;quot;", "&quot;"},                                    // decoded once
      {"& alone &", "& alone &"},
      {"no entity", "no entity"},
  };
  for (const Case& c : cases) EXPECT_EQ(DecodeEntities(c.in), c.out) << c.in;
}

// Edits over code points, a swap of neighbours one edit; past `max`, max + 1.
TEST(TextTest, EditDistanceCountsASwapAsOneEdit) {
  const struct {
    const char* a;
    const char* b;
    unsigned max, want;
  } cases[] = {
      {"sugar", "sugar", 2, 0},
      {"sugra", "sugar", 2, 1},
      {"sugra", "supra", 2, 1},
      {"cocao", "cocoa", 2, 1},
      {"cocao", "coca", 2, 1},
      {"afganistan", "afghanistan", 2, 1},
      {"goverment", "government", 2, 1},
      {"abcd", "badc", 2, 2},  // two swaps
      {"ab", "ba", 0, 1},      // past max: max + 1
      {"kitten", "sitting", 3, 3},
      {"kitten", "sitting", 2, 3},
      {"ca", "abc", 3, 3},  // optimal string alignment: no edit inside a swap
      {"Мосвка", "Москва", 1, 1},
      {"", "abc", 5, 3},
      {"abc", "", 1, 2},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(EditDistance(c.a, c.b, c.max), c.want) << c.a << " " << c.b << " " << c.max;
    EXPECT_EQ(EditDistance(c.b, c.a, c.max), c.want) << c.b << " " << c.a << " " << c.max;
  }
}

TEST(TextTest, DerivesTitlesFromTheFirstSentence) {
  struct Case {
    const char* body;
    const char* title;
  } cases[] = {
      {"", ""},
      {"   \n  ", ""},
      {"Short first sentence. Then more text follows here.", "Short first sentence."},
      {"One line\nSecond paragraph.", "One line"},
      // The seed article (../shared/seed): a 270-byte first sentence is cut
      // on the last word boundary before 80 characters, without its comma.
      {"The Syrian Democratic Forces continued its advance into the center of Hajin, raising "
       "expectations it would soon oust Islamic State fighters from one of their last pockets "
       "of territory in northern Syria, the U.S.-led Coalition and an SDF spokesperson said.",
       "The Syrian Democratic Forces continued its advance into the center of Hajin\u2026"},
      // Abbreviations do not end the sentence.
      {"The U.S. economy grew 3 pct. Analysts said", "The U.S. economy grew 3 pct."},
      // A word longer than the limit is cut inside.
      {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
       "a",
       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\u2026"},
  };
  for (const Case& c : cases) EXPECT_EQ(DeriveTitle(c.body), c.title) << c.body;
  // Chinese: cut between words, at most 80 code points, never inside a character.
  std::string zh;
  for (int i = 0; i < 30; ++i) zh += "中国经济增长";
  std::string t = DeriveTitle(zh);
  EXPECT_TRUE(IsValidUtf8(t));
  EXPECT_LE(t.size(), 80u * 3 + 3);
  EXPECT_GT(t.size(), 20u * 3);
}

}  // namespace
}  // namespace byline
