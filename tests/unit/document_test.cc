// Tests of the stored-field encoding.
#include "byline/document.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>

#include "testutil.h"

namespace byline {
namespace {

TEST(DocumentTest, StoredFieldsRoundTrip) {
  Article a{"id-1",
            "Title",
            "2018-11-14",
            "Source",
            "Author",
            "https://x",
            "de",
            std::string(300, 'b') + "\n\nQāmishlī",
            "/path/file.jsonl:3"};
  Article b;
  ASSERT_TRUE(DecodeStoredArticle(EncodeStoredArticle(a), &b));
  EXPECT_EQ(b.id, a.id);
  EXPECT_EQ(b.title, a.title);
  EXPECT_EQ(b.date, a.date);
  EXPECT_EQ(b.source, a.source);
  EXPECT_EQ(b.author, a.author);
  EXPECT_EQ(b.url, a.url);
  EXPECT_EQ(b.lang, a.lang);
  EXPECT_EQ(b.body, a.body);
  EXPECT_EQ(b.path, a.path);
}

// The whitening is a fixed format: records written by every version must
// read back. Against the generator stepped byte by byte (as the first
// version did), on a record longer than the keystream table.
TEST(DocumentTest, WhiteningKeepsItsKeystreamPastTheTable) {
  Article a{"id-9", "T", "", "", "", "", "en", std::string(10000, 'q'), "p:1"};
  std::string stored = EncodeStoredArticle(a);
  std::string plain = test::PlainStoredRecord(a);
  ASSERT_EQ(stored.size(), plain.size());
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  for (std::size_t i = 1; i < plain.size(); ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    ASSERT_EQ(static_cast<unsigned char>(stored[i]),
              static_cast<unsigned char>(plain[i]) ^ (x & 0xFF))
        << "byte " << i;
  }
  Article b;
  ASSERT_TRUE(DecodeStoredArticle(stored, &b));
  EXPECT_EQ(b.body, a.body);
}

// The size raw deflate (as Xapian's glass backend uses) gives `data`, or
// data.size() when it cannot shrink it.
std::size_t DeflatedSize(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(data.size() - 1, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  std::size_t size = rc == Z_STREAM_END ? z.total_out : data.size();
  deflateEnd(&z);
  return size;
}

TEST(DocumentTest, StoredRecordsDoNotShrinkUnderDeflate) {
  // Repetitive fields, as a Usenet post's id, source and path are.
  Article a{"alt.atheism/51125",
            "Re: Political Atheists? Political Atheists!",
            "1993-04-01",
            "Usenet alt.atheism",
            "keith@cco.caltech.edu (Keith Allan Schneider)",
            "",
            "en",
            "",
            "/data/corpora/20newsgroups/alt.atheism/docs.jsonl.gz:9"};
  std::string plain = test::PlainStoredRecord(a);
  ASSERT_LT(DeflatedSize(plain), plain.size());  // what glass would compress
  std::string stored = EncodeStoredArticle(a);
  EXPECT_EQ(DeflatedSize(stored), stored.size());
}

TEST(DocumentTest, ReadsThePlainRecordsOfOlderDatabases) {
  Article a{"id-9", "Old", "2001-02-03", "S", "A", "u", "fr", "body", "/p:1"};
  Article b;
  ASSERT_TRUE(DecodeStoredArticle(test::PlainStoredRecord(a), &b));
  EXPECT_EQ(b.id, "id-9");
  EXPECT_EQ(b.lang, "fr");
  EXPECT_EQ(b.path, "/p:1");
  EXPECT_EQ(b.body, "body");
}

TEST(DocumentTest, RejectsForeignData) {
  Article out;
  EXPECT_FALSE(DecodeStoredArticle("", &out));
  EXPECT_FALSE(DecodeStoredArticle("{\"json\": 1}", &out));
  std::string truncated = EncodeStoredArticle(Article{"id", "t", "", "", "", "", "", "body", "p"});
  truncated.resize(truncated.size() - 2);
  EXPECT_FALSE(DecodeStoredArticle(truncated, &out));
}

TEST(DocumentTest, BodiesPackAndUnpack) {
  std::string news;
  for (int i = 0; i < 12; ++i) news += "The council voted on the harbour budget again. ";
  std::string noise;  // random bytes: do not deflate
  std::uint32_t x = 2463534242u;
  for (int i = 0; i < 400; ++i) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    noise += static_cast<char>(x & 0xFF);
  }
  noise[0] = 'n';  // text never starts with 0xFF, the mark of a packed body
  const struct {
    const char* name;
    std::string body;
    bool packed;
  } cases[] = {
      {"empty", "", false},
      {"short", "High water.", false},
      {"just under the threshold", std::string(127, 'a'), false},
      {"repetitive news", news, true},
      {"long but not deflatable", noise, false},
      {"utf-8", news + "\xd8\xa7\xd9\x84\xd8\xad\xd9\x83\xd9\x88\xd9\x85\xd8\xa9 " + news, true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string value = PackBody(c.body);
    EXPECT_EQ(!value.empty() && value[0] == '\xFF', c.packed);
    if (c.packed) {
      EXPECT_LT(value.size(), c.body.size() / 2);
    }
    EXPECT_EQ(UnpackBody(value), c.body);
  }
}

TEST(DocumentTest, UnpackReadsOldBodiesAndRefusesDamage) {
  std::string news;
  for (int i = 0; i < 12; ++i) news += "Ferries resume service after the storm. ";
  const std::string packed = PackBody(news);
  ASSERT_EQ(packed[0], '\xFF');
  EXPECT_EQ(UnpackBody("plain text of an older database"), "plain text of an older database");
  // Marked but damaged: no body, never deflated bytes shown as text.
  const std::string cases[] = {
      "\xFF",                                           // the mark alone
      "\xFF\x80\x80\x80\x80\x80\x80",                   // a length that never ends
      "\xFF\xFF\xFF\xFF\x0F" + packed.substr(2),        // 4 GB claimed: no allocation
      packed.substr(0, packed.size() - 4),              // truncated
      packed.substr(0, 1) + "\x05" + packed.substr(2),  // the wrong length
  };
  for (const std::string& v : cases) EXPECT_EQ(UnpackBody(v), "") << v.size();
  EXPECT_EQ(UnpackBody(packed), news);  // and the inflater still works after them
}

}  // namespace
}  // namespace byline
