// Table-driven tests of snippets and highlighting.
#include "byline/snippet.h"

#include <gtest/gtest.h>

namespace byline {
namespace {

// Renders a snippet with [brackets] around highlights.
std::string Marked(const Snippet& s) {
  std::string out;
  std::size_t at = 0;
  for (const auto& [b, e] : s.highlights) {
    out += s.text.substr(at, b - at) + "[" + s.text.substr(b, e - b) + "]";
    at = e;
  }
  return out + s.text.substr(at);
}

struct Case {
  const char* query;
  const char* text;
  const char* lang;
  const char* marked;
};

TEST(SnippetTest, HighlightsSurfaceForms) {
  const Case cases[] = {
      // Stemmed variants and original case.
      {"election", "Elections were held; the elected council met.", "en",
       "[Elections] were held; the [elected] council met."},
      // Accent-folded matches keep their accents.
      {"qamishli", "Water reached Qāmishlī on Tuesday.", "en",
       "Water reached [Qāmishlī] on Tuesday."},
      {"Hajín", "Families returned to Hajin.", "en", "Families returned to [Hajin]."},
      // A phrase is highlighted as one range, and only where it is a phrase.
      {"\"storm surge\"", "A storm came. The storm surge rose.", "en",
       "A storm came. The [storm surge] rose."},
      // Exact words do not match other inflections.
      {"\"elected\"", "Elections: the elected council.", "en", "Elections: the [elected] council."},
      // Wildcards.
      {"demin*", "Demining teams and deminers.", "en", "[Demining] teams and [deminers]."},
      // Compounds.
      {"email", "Reached by e-mail.", "en", "Reached by [e-mail]."},
      {"al-qaeda", "An al-Qaeda affiliate.", "en", "An [al-Qaeda] affiliate."},
      // Excluded words are never highlighted.
      {"crane -strike", "Crane strike ends.", "en", "[Crane] strike ends."},
      // Other scripts and languages.
      {"Wahlen", "Die Wahl war knapp.", "de", "Die [Wahl] war knapp."},
      {"Koeln", "Der 1. FC Köln siegt.", "de", "Der 1. FC [Köln] siegt."},
      {"Koeln", "He flew to Köln today.", "en", "He flew to [Köln] today."},
      {"\"Muenchen Nord\"", "Von München Nord aus.", "de", "Von [München Nord] aus."},
      {"Gaddafi", "Colonel Qaddafi and Kadhafi.", "en", "Colonel [Qaddafi] and [Kadhafi]."},
      {"高铁", "高铁新线开通", "zh", "[高铁]新线开通"},
      // Any part of a spaceless run, highlighted as one range: a character,
      // a word inside a longer one, a string across words.
      {"湖", "太湖水位上涨", "zh", "太[湖]水位上涨"},
      {"科技", "高科技公司", "zh", "高[科技]公司"},
      {"论政", "讨论政策", "zh", "讨[论政]策"},
      {"国人民银", "中国人民银行", "zh", "中[国人民银]行"},
      {"대통령", "대통령은 말했다", "ko", "[대통령]은 말했다"},
      {"กรุงเทพ", "ที่กรุงเทพมหานคร", "th", "ที่[กรุงเทพ]มหานคร"},
      // Arabic spellings fold alike and keep their letters when marked.
      {"\"مدرسه\"", "افتتحت مدرسة جديدة.", "ar", "افتتحت [مدرسة] جديدة."},
      {"مسئول", "قال مسؤول حكومي.", "ar", "قال [مسؤول] حكومي."},
      {"مصطفي", "التقى مصطفى بالوزير.", "ar", "التقى [مصطفى] بالوزير."},
      // Words a plain scan of a long body can and cannot look for.
      {"barr*", "The tidal barrier closed.", "en", "The tidal [barrier] closed."},
      {"elan", "They played with Élan.", "en", "They played with [Élan]."},
      {"us", "The U.S. said so.", "en", "The [U.S]. said so."},
      {"closing tidal", "The tidal barrier closed.", "en", "The [tidal] barrier [closed]."},
      {"BARRIERS", "The tidal Barrier-gate.", "en", "The tidal [Barrier]-gate."},
      // Only tokens that start like a query stem are stemmed: inflections,
      // an initial y (which the English stemmer marks) and look-alikes.
      {"yields", "Yielding bonds yield more.", "en", "[Yielding] bonds [yield] more."},
      {"crane", "Cranes and cranberries.", "en", "[Cranes] and cranberries."},
      {"dies", "Dying trees died.", "en", "[Dying] trees [died]."},
      // Symbol words are highlighted whole, found as themselves or by their
      // letters; Unicode spaces separate words as a space does.
      {"C++", "Learn C, then C++ and C#.", "en", "Learn C, then [C++] and C#."},
      {"c", "Learn C, then C++.", "en", "Learn [C], then [C++]."},
      {"AT&T", "AT&T, not AT T.", "en", "[AT&T], not AT T."},
      {"\"storm surge\"", "The storm\u00a0surge rose.", "en", "The [storm\u00a0surge] rose."},
      {"storm\u3000surge", "A storm\u202fsurge.", "en", "A [storm]\u202f[surge]."},
      // Acronyms' and numbers' plurals and possessives match the acronym and
      // are highlighted whole; a lone "I" or "I'd" is not the acronym; a
      // word in lower case ("ngos") is not known to be one.
      {"IEDs", "An IED, IEDs, IED's and IED’s; an I.", "en",
       "An [IED], [IEDs], [IED's] and [IED’s]; an I."},
      {"IDs", "I'd check IDs and ID's.", "en", "I'd check [IDs] and [ID's]."},
      {"1990s", "In the 1990's boom.", "en", "In the [1990's] boom."},
      {"MPs", "The MPs' votes.", "en", "The [MPs]' votes."},
      {"NGOs", "NGO staff, ngos.", "en", "[NGO] staff, ngos."},
      // Control characters never reach the output.
      {"alert", "red \x1b[31m alert \x1b[0m now", "en", "red [31m [alert] [0m now"},
  };
  // The same text deep inside a long body, where English is analysed only
  // around the places a scan finds (or whole, when the scan cannot look).
  std::string filler;
  for (int i = 0; i < 80; ++i) filler += "Nothing of note happened here today. ";
  Analyzer a;
  for (const auto& c : cases) {
    auto q = ParseQuery(c.query, a, QueryParseOptions{});
    ASSERT_TRUE(q.ok()) << c.query;
    Snippet s = MakeSnippet(c.text, c.lang, HighlightSpecFor(*q), a);
    EXPECT_EQ(Marked(s), c.marked) << "query: " << c.query;
    Snippet deep = MakeSnippet(filler + c.text + " " + filler, c.lang, HighlightSpecFor(*q), a);
    EXPECT_NE(Marked(deep).find(c.marked), std::string::npos) << c.query << ": " << Marked(deep);
  }
}

TEST(SnippetTest, PicksTheDensestPassageAndCutsOnWords) {
  Analyzer a;
  std::string filler;
  for (int i = 0; i < 60; ++i) filler += "Nothing of note happened here today. ";
  std::string body = "The council met. " + filler +
                     "Engineers said the tidal barrier will close when the surge comes. " + filler;
  auto q = ParseQuery("tidal barrier surge", a, QueryParseOptions{});
  ASSERT_TRUE(q.ok());
  Snippet s = MakeSnippet(body, "en", HighlightSpecFor(*q), a);
  EXPECT_LE(s.text.size(), 240u + 6);
  EXPECT_EQ(s.text.rfind("\u2026", 0), 0u) << s.text;  // leading ellipsis
  EXPECT_EQ(s.text.substr(s.text.size() - 3), "\u2026") << s.text;
  EXPECT_NE(Marked(s).find("[tidal] [barrier] will close when the [surge]"), std::string::npos)
      << Marked(s);
  // Cut on word boundaries: no partial "Nothing".
  std::string inner = s.text.substr(3, s.text.size() - 6);
  EXPECT_TRUE(inner.rfind("Nothing", 0) == 0 || inner.rfind("of", 0) == 0 ||
              inner.rfind("note", 0) == 0 || inner.rfind("happened", 0) == 0 ||
              inner.rfind("here", 0) == 0 || inner.rfind("today", 0) == 0 ||
              inner.rfind("Engineers", 0) == 0)
      << inner;
}

TEST(SnippetTest, NoMatchGivesTheStart) {
  Analyzer a;
  auto q = ParseQuery("absent", a, QueryParseOptions{});
  Snippet s =
      MakeSnippet("First words of the article.\nSecond line.", "en", HighlightSpecFor(*q), a);
  EXPECT_EQ(s.text, "First words of the article. Second line.");
  EXPECT_TRUE(s.highlights.empty());
}

TEST(SnippetTest, HighlightOffsetsAreByteRangesIntoTheText) {
  Analyzer a;
  auto q = ParseQuery("qamishli", a, QueryParseOptions{});
  Snippet s = MakeSnippet("…to  Qāmishlī\n\ntoday", "en", HighlightSpecFor(*q), a);
  ASSERT_EQ(s.highlights.size(), 1u);
  EXPECT_EQ(s.text.substr(s.highlights[0].first, s.highlights[0].second - s.highlights[0].first),
            "Qāmishlī");
  Snippet t = HighlightText("Water for Qāmishlī", "en", HighlightSpecFor(*q), a);
  ASSERT_EQ(t.highlights.size(), 1u);
  EXPECT_EQ(t.highlights[0].first, 10u);
  EXPECT_EQ(t.highlights[0].second, 20u);
}

}  // namespace
}  // namespace byline
