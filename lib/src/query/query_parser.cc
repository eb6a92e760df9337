/** @file query_parser.cc
 *  @brief A hand-written recursive-descent parser for Byline's query language.
 *
 *  Grammar (loosest first):
 *    query  := or_expr
 *    or     := and ( "OR" and )*
 *    and    := group ( "AND" group )*
 *    group  := clause+                 words side by side: default operator
 *    clause := [ "+" | "-" | "NOT" ] primary
 *    primary:= "(" or ")" | FIELD ":" ( PHRASE | WORD ) | PHRASE | WORD
 */
#include "byline/query_parser.h"

#include <set>
#include <utility>

#include "byline/dates.h"
#include "byline/schema.h"
#include "byline/text.h"

namespace byline {
namespace {

using Kind = QueryNode::Kind;

struct Lexeme {
  enum Type { kEnd, kWord, kPhrase, kLParen, kRParen, kOr, kAnd, kNot, kPlus, kMinus, kField };
  Type type = kEnd;
  std::string text;  // word, phrase content, or field name
  std::size_t offset = 0;
};

// 1-based character position of a byte offset, for messages.
std::size_t CharPosition(std::string_view q, std::size_t offset) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < offset && i < q.size(); ++i) {
    if ((static_cast<unsigned char>(q[i]) & 0xC0) != 0x80) ++chars;
  }
  return chars + 1;
}

class Lexer {
 public:
  explicit Lexer(std::string_view q) : q_(q) {}

  // Reads all lexemes, or returns false with the error set.
  bool Run(std::vector<Lexeme>* out, QueryError* err) {
    while (true) {
      while (std::size_t n = UnicodeSpaceAt(q_, i_)) i_ += n;  // U+00A0, U+3000... too
      Lexeme lx;
      lx.offset = i_;
      if (i_ >= q_.size()) {
        out->push_back(lx);
        return true;
      }
      char c = q_[i_];
      if (c == '(') {
        lx.type = Lexeme::kLParen;
        ++i_;
      } else if (c == ')') {
        lx.type = Lexeme::kRParen;
        ++i_;
      } else if (c == '"' || IsCurlyQuote(i_)) {
        std::size_t open = i_;
        i_ += c == '"' ? 1 : 3;
        std::size_t start = i_;
        while (i_ < q_.size() && q_[i_] != '"' && !IsCurlyQuote(i_)) ++i_;
        if (i_ >= q_.size()) {
          err->offset = open;
          err->message = "unclosed quote: a phrase opened here has no closing '\"'";
          return false;
        }
        lx.type = Lexeme::kPhrase;
        lx.text = std::string(q_.substr(start, i_ - start));
        i_ += q_[i_] == '"' ? 1 : 3;
      } else if ((c == '+' || c == '-') && i_ + 1 < q_.size() && UnicodeSpaceAt(q_, i_ + 1) == 0 &&
                 q_[i_ + 1] != ')') {
        lx.type = c == '+' ? Lexeme::kPlus : Lexeme::kMinus;
        ++i_;
      } else {
        std::size_t start = i_;
        while (i_ < q_.size() && UnicodeSpaceAt(q_, i_) == 0 && q_[i_] != '(' && q_[i_] != ')' &&
               q_[i_] != '"' && !IsCurlyQuote(i_)) {
          if (q_[i_] == ':' && i_ > start && IsFieldName(q_.substr(start, i_ - start))) break;
          ++i_;
        }
        std::string word(q_.substr(start, i_ - start));
        if (i_ < q_.size() && q_[i_] == ':') {
          lx.type = Lexeme::kField;
          lx.text = word;
          ++i_;  // the value follows directly
        } else if (word == "OR" || word == "|" || word == "||") {
          lx.type = Lexeme::kOr;
        } else if (word == "AND" || word == "&&") {
          lx.type = Lexeme::kAnd;
        } else if (word == "NOT") {
          lx.type = Lexeme::kNot;
        } else {
          lx.type = Lexeme::kWord;
          lx.text = word;
        }
      }
      out->push_back(std::move(lx));
    }
  }

  // A name or alias of a query field in schema::kFields.
  static bool IsFieldName(std::string_view name) { return schema::FindQueryField(name) != nullptr; }

 private:
  // “ and ” (U+201C, U+201D) count as quotes too.
  bool IsCurlyQuote(std::size_t i) const {
    return i + 3 <= q_.size() && (q_.substr(i, 3) == "\u201C" || q_.substr(i, 3) == "\u201D");
  }

  std::string_view q_;
  std::size_t i_ = 0;
};

class Parser {
 public:
  Parser(std::string_view q, std::vector<Lexeme> lx, const Analyzer& analyzer,
         const QueryParseOptions& options)
      : q_(q), lx_(std::move(lx)), analyzer_(analyzer), options_(options) {}

  bool Parse(QueryNode* out, QueryError* err) {
    err_ = err;
    if (!ParseOr(out)) return false;
    if (Peek().type == Lexeme::kRParen) {
      return Fail(Peek().offset, "unbalanced ')': no '(' opens it");
    }
    return true;
  }

 private:
  const Lexeme& Peek() const { return lx_[pos_]; }
  const Lexeme& Next() { return lx_[pos_ < lx_.size() - 1 ? pos_++ : pos_]; }

  bool Fail(std::size_t offset, std::string message) {
    err_->offset = offset;
    err_->message = std::move(message);
    return false;
  }

  bool ParseOr(QueryNode* out) {
    std::vector<QueryNode> parts;
    while (true) {
      QueryNode part;
      bool empty = false;
      if (!ParseAnd(&part, &empty)) return false;
      if (!empty) parts.push_back(std::move(part));
      if (Peek().type != Lexeme::kOr) break;
      std::size_t op = Next().offset;
      if (Peek().type == Lexeme::kEnd || Peek().type == Lexeme::kRParen ||
          Peek().type == Lexeme::kOr) {
        return Fail(op, "OR needs something on its right");
      }
      if (empty) return Fail(op, "OR needs something on its left");
    }
    *out = Combine(Kind::kOr, std::move(parts));
    return true;
  }

  bool ParseAnd(QueryNode* out, bool* empty) {
    std::vector<QueryNode> parts;
    *empty = true;
    while (true) {
      QueryNode part;
      bool part_empty = true;
      if (!ParseGroup(&part, &part_empty)) return false;
      if (!part_empty) {
        parts.push_back(std::move(part));
        *empty = false;
      }
      if (Peek().type != Lexeme::kAnd) break;
      std::size_t op = Next().offset;
      if (Peek().type == Lexeme::kEnd || Peek().type == Lexeme::kRParen ||
          Peek().type == Lexeme::kOr || Peek().type == Lexeme::kAnd) {
        return Fail(op, "AND needs something on its right");
      }
      if (part_empty) return Fail(op, "AND needs something on its left");
    }
    *out = Combine(Kind::kAnd, std::move(parts));
    return true;
  }

  // Words side by side, with +/-/NOT marks and field filters.
  bool ParseGroup(QueryNode* out, bool* empty) {
    std::vector<QueryNode> plain, required, excluded, filters;
    while (true) {
      Lexeme::Type t = Peek().type;
      if (t == Lexeme::kEnd || t == Lexeme::kRParen || t == Lexeme::kOr || t == Lexeme::kAnd) break;
      int sign = 0;
      if (t == Lexeme::kPlus || t == Lexeme::kMinus || t == Lexeme::kNot) {
        const Lexeme& mark = Next();
        sign = mark.type == Lexeme::kPlus ? 1 : -1;
        Lexeme::Type after = Peek().type;
        if (after == Lexeme::kEnd || after == Lexeme::kRParen || after == Lexeme::kOr ||
            after == Lexeme::kAnd) {
          return Fail(mark.offset, mark.type == Lexeme::kNot ? "NOT needs something on its right"
                                                             : "'+' or '-' needs a word after it");
        }
      }
      QueryNode node;
      bool is_filter = false, node_empty = false;
      if (!ParsePrimary(&node, &is_filter, &node_empty)) return false;
      if (node_empty) continue;  // a word with nothing searchable ("!!!")
      if (sign < 0) {
        excluded.push_back(std::move(node));
      } else if (is_filter) {
        filters.push_back(std::move(node));
      } else if (sign > 0) {
        required.push_back(std::move(node));
      } else {
        plain.push_back(std::move(node));
      }
    }
    *empty = plain.empty() && required.empty() && excluded.empty() && filters.empty();
    if (*empty) return true;
    QueryNode positive;
    bool and_default = options_.default_operator == DefaultOperator::kAnd;
    if (and_default) {
      for (auto& n : plain) required.push_back(std::move(n));
      positive = Combine(Kind::kAnd, std::move(required));
    } else if (required.empty()) {
      positive = Combine(Kind::kOr, std::move(plain));
    } else if (plain.empty()) {
      positive = Combine(Kind::kAnd, std::move(required));
    } else {
      QueryNode maybe;
      maybe.kind = Kind::kAndMaybe;
      maybe.children.push_back(Combine(Kind::kAnd, std::move(required)));
      maybe.children.push_back(Combine(Kind::kOr, std::move(plain)));
      positive = std::move(maybe);
    }
    if (!filters.empty()) {
      // Filters restrict; they never add to the score.
      std::vector<QueryNode> all;
      if (positive.kind != Kind::kMatchAll) all.push_back(std::move(positive));
      for (auto& f : filters) all.push_back(std::move(f));
      positive = Combine(Kind::kAnd, std::move(all));
    }
    if (!excluded.empty()) {
      QueryNode not_node;
      not_node.kind = Kind::kAndNot;
      not_node.children.push_back(std::move(positive));
      for (auto& e : excluded) not_node.children.push_back(std::move(e));
      positive = std::move(not_node);
    }
    *out = std::move(positive);
    return true;
  }

  bool ParsePrimary(QueryNode* out, bool* is_filter, bool* empty) {
    const Lexeme& lx = Next();
    switch (lx.type) {
      case Lexeme::kLParen: {
        std::size_t open = lx.offset;
        QueryNode inner;
        if (Peek().type == Lexeme::kRParen) return Fail(open, "empty parentheses");
        if (++depth_ > kMaxDepth) {
          return Fail(open, "parentheses nested more than " + std::to_string(kMaxDepth) + " deep");
        }
        bool ok = ParseOr(&inner);
        --depth_;
        if (!ok) return false;
        if (Peek().type != Lexeme::kRParen) {
          return Fail(open, "unbalanced '(': no ')' closes it");
        }
        Next();
        *empty = inner.kind == Kind::kMatchAll && inner.children.empty();
        *out = std::move(inner);
        return true;
      }
      case Lexeme::kPhrase:
        return TextNode(lx.text, lx.offset, /*quoted=*/true, field_, out, empty);
      case Lexeme::kWord:
        return TextNode(lx.text, lx.offset, /*quoted=*/false, field_, out, empty);
      case Lexeme::kField:
        if (!field_.empty()) {
          return Fail(lx.offset, "a field cannot stand inside " + field_ + ":( ... )");
        }
        return FieldNode(lx, out, is_filter, empty);
      case Lexeme::kRParen:
        return Fail(lx.offset, "unbalanced ')': no '(' opens it");
      default:
        return Fail(lx.offset, "expected a word, a phrase or '('");
    }
  }

  bool FieldNode(const Lexeme& field, QueryNode* out, bool* is_filter, bool* empty) {
    const Lexeme& value = Peek();
    const std::string& name = field.text;  // as written (an alias, perhaps): messages quote it
    // The lexer makes a field only of a name FindQueryField knows.
    const schema::Field& f = *schema::FindQueryField(name);
    if (value.type == Lexeme::kLParen && f.kind == schema::FieldKind::kText && field_.empty()) {
      // title:(a OR "b c"): every word inside searches the field.
      field_ = f.name;
      bool ok = ParsePrimary(out, is_filter, empty);
      field_.clear();
      return ok;
    }
    if (value.type == Lexeme::kLParen) {
      return Fail(field.offset, "field '" + name +
                                    ":' takes a word or a \"phrase\"; for several, write " + name +
                                    ":a OR " + name + ":b");
    }
    if (value.type != Lexeme::kWord && value.type != Lexeme::kPhrase) {
      return Fail(field.offset, "field '" + name + ":' needs a value right after the colon");
    }
    Next();
    switch (f.kind) {
      case schema::FieldKind::kText:
        return TextNode(value.text, value.offset, value.type == Lexeme::kPhrase,
                        std::string(f.name), out, empty);
      case schema::FieldKind::kDate: {
        *is_filter = true;
        auto range = ParseDateRange(value.text);
        if (!range) {
          return Fail(value.offset, "cannot read the date '" + value.text +
                                        "': use YYYY, YYYY-MM, YYYY-MM-DD or a range A..B");
        }
        out->kind = Kind::kDateRange;
        out->from = range->from;
        out->to = range->to;
        return true;
      }
      case schema::FieldKind::kCode:
        *is_filter = true;
        out->kind = Kind::kFilter;
        out->field = f.name;
        out->terms.push_back(f.prefix + analyzer_.Normalize(value.text));
        break;
      case schema::FieldKind::kFilter:
        *is_filter = true;
        out->kind = Kind::kFilter;
        out->field = f.name;
        for (const Token& t : analyzer_.Tokenize(value.text)) {
          if (!t.joined) out->terms.push_back(f.prefix + t.term);
        }
        break;
      case schema::FieldKind::kBody:
      case schema::FieldKind::kStored:  // never: FindQueryField returns query kinds only
        return Fail(field.offset, "field '" + name + ":' cannot be searched");
    }
    if (out->terms.empty()) {
      return Fail(value.offset, "field '" + name + ":' has no searchable word in its value");
    }
    return true;
  }

  // A word or phrase of text; `field` is "" (body and title) or a kText field's name.
  bool TextNode(const std::string& text, std::size_t offset, bool quoted, const std::string& field,
                QueryNode* out, bool* empty) {
    std::string body = text;
    bool wildcard = !quoted && !body.empty() && body.back() == '*';
    if (wildcard) {
      while (!body.empty() && body.back() == '*') body.pop_back();
      std::vector<Token> toks = analyzer_.Tokenize(body, options_.lang);
      if (toks.size() != 1) {
        return Fail(offset, toks.empty() ? "a wildcard needs at least one letter before '*'"
                                         : "a wildcard must be a single word ending in '*'");
      }
      out->kind = Kind::kWildcard;
      out->field = field;
      out->terms.push_back(toks[0].term);
      return true;
    }
    std::vector<Token> toks = analyzer_.Tokenize(body, options_.lang);
    std::vector<std::string> words;
    std::string joined;
    for (Token& t : toks) {
      if (t.joined) {
        joined = t.term;
      } else {
        words.push_back(std::move(t.term));
      }
    }
    if (words.empty()) {
      if (quoted) return Fail(offset, "the phrase has no searchable words");
      *empty = true;
      return true;
    }
    out->field = field;
    if (words.size() == 1) {
      out->kind = quoted ? Kind::kExact : Kind::kWord;
      out->terms = std::move(words);
      return true;
    }
    out->kind = Kind::kPhrase;
    out->terms = std::move(words);
    if (!quoted && !joined.empty() && toks.size() == out->terms.size() + 1) {
      // "e-mail" finds "e-mail", "e mail" and "email".
      QueryNode phrase = std::move(*out);
      QueryNode one;
      one.kind = Kind::kWord;
      one.field = field;
      one.terms.push_back(joined);
      *out = QueryNode();
      out->kind = Kind::kOr;
      out->children.push_back(std::move(phrase));
      out->children.push_back(std::move(one));
    }
    return true;
  }

  static QueryNode Combine(Kind kind, std::vector<QueryNode> parts) {
    if (parts.empty()) return QueryNode();  // kMatchAll with no children: "nothing said"
    if (parts.size() == 1) return std::move(parts[0]);
    QueryNode n;
    n.kind = kind;
    for (auto& p : parts) {
      if (p.kind == kind) {  // flatten (a AND b) AND c
        for (auto& c : p.children) n.children.push_back(std::move(c));
      } else {
        n.children.push_back(std::move(p));
      }
    }
    return n;
  }

  std::string_view q_;
  std::vector<Lexeme> lx_;
  std::size_t pos_ = 0;
  const Analyzer& analyzer_;
  const QueryParseOptions& options_;
  QueryError* err_ = nullptr;
  std::string field_;  // the kText field's name inside title:( ... )
  static constexpr int kMaxDepth = 64;
  int depth_ = 0;
};

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

// Natural-language mode: every word of the text, OR'ed.
QueryNode ParseNaturalLanguage(std::string_view query, const Analyzer& analyzer,
                               const QueryParseOptions& options) {
  QueryNode root;
  root.kind = Kind::kOr;
  for (Token& t : analyzer.Tokenize(query, options.lang)) {
    if (t.joined) continue;
    if (options.drop_stop_words && IsQueryStopWord(t.term)) continue;
    QueryNode w;
    w.kind = Kind::kWord;
    w.terms.push_back(std::move(t.term));
    root.children.push_back(std::move(w));
  }
  if (root.children.size() == 1) return std::move(root.children[0]);
  if (root.children.empty()) return QueryNode();
  return root;
}

}  // namespace

bool IsQueryStopWord(const std::string& term) {
  // English function words (the SMART list's most frequent) plus the phrasing
  // of requests: "what articles exist which deal with", "documents about".
  static const std::set<std::string, std::less<>> kStop = {
      "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as",
      "at", "be", "been", "before", "being", "below", "between", "both", "but", "by", "can",
      "could", "did", "do", "does", "doing", "down", "during", "each", "either", "etc", "few",
      "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
      "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "let",
      "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one",
      "only", "or", "other", "our", "out", "over", "own", "same", "she", "should", "so", "some",
      "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
      "those", "through", "to", "too", "under", "until", "up", "us", "very", "was", "we", "were",
      "what", "when", "where", "whether", "which", "while", "who", "whom", "why", "will", "with",
      "would", "you", "your",
      // request phrasing
      "article", "articles", "document", "documents", "paper", "papers", "describe", "describing",
      "described", "discuss", "discussing", "discussed", "deal", "deals", "dealing", "exist",
      "exists", "find", "interested", "information", "want", "wish", "need", "please", "relevant",
      "give", "list", "show", "concerning", "regarding", "pertaining", "related", "relating",
      "something", "anything", "e.g", "i.e"};
  return kStop.count(term) > 0;
}

Result<QueryNode> ParseQuery(std::string_view query, const Analyzer& analyzer,
                             const QueryParseOptions& options, QueryError* error) {
  QueryError local;
  QueryError* err = error ? error : &local;
  QueryNode root;
  bool ok = true;
  if (options.natural_language) {
    root = ParseNaturalLanguage(query, analyzer, options);
  } else {
    std::vector<Lexeme> lexemes;
    Lexer lexer(query);
    ok = lexer.Run(&lexemes, err) &&
         Parser(query, std::move(lexemes), analyzer, options).Parse(&root, err);
  }
  if (ok && root.kind == Kind::kMatchAll && root.children.empty()) {
    ok = false;
    err->offset = 0;
    err->message = query.find_first_not_of(" \t\r\n") == std::string_view::npos
                       ? "the query is empty"
                       : "the query has no searchable words";
  }
  if (!ok) {
    return Status::InvalidArgument("bad query at position " +
                                   std::to_string(CharPosition(query, err->offset)) + ": " +
                                   err->message);
  }
  return root;
}

std::string DescribeQuery(const QueryNode& n) {
  std::string f = n.field.empty() ? "" : n.field + ":";
  switch (n.kind) {
    case Kind::kWord:
      return f + n.terms[0];
    case Kind::kExact:
      return f + "=" + n.terms[0];
    case Kind::kPhrase:
      return f + "\"" + Join(n.terms, " ") + "\"";
    case Kind::kWildcard:
      return f + n.terms[0] + "*";
    case Kind::kFilter:
      return n.field + ":" + Join(n.terms, "+");
    case Kind::kDateRange:
      return std::string(schema::FieldOf(&Article::date).name) + ":" + n.from + ".." + n.to;
    case Kind::kMatchAll:
      return "<all>";
    default:
      break;
  }
  const char* op = n.kind == Kind::kAnd        ? " AND "
                   : n.kind == Kind::kOr       ? " OR "
                   : n.kind == Kind::kAndMaybe ? " AND_MAYBE "
                                               : " AND_NOT ";
  std::vector<std::string> parts;
  for (const QueryNode& c : n.children) parts.push_back(DescribeQuery(c));
  return "(" + Join(parts, op) + ")";
}

bool IsRelaxable(const QueryNode& n) {
  if (n.kind != Kind::kAnd) return false;
  int words = 0;
  for (const QueryNode& c : n.children) {
    if (c.kind == Kind::kWord || c.kind == Kind::kExact || c.kind == Kind::kPhrase ||
        c.kind == Kind::kWildcard) {
      ++words;
    }
  }
  return words >= 2;
}

QueryNode RelaxToOr(const QueryNode& n) {
  if (!IsRelaxable(n)) return n;
  QueryNode text, out;
  text.kind = Kind::kOr;
  std::vector<QueryNode> rest;
  for (const QueryNode& c : n.children) {
    bool is_text = c.kind == Kind::kWord || c.kind == Kind::kExact || c.kind == Kind::kPhrase ||
                   c.kind == Kind::kWildcard;
    (is_text ? text.children : rest).push_back(c);
  }
  if (rest.empty()) return text;
  out.kind = Kind::kAnd;
  out.children.push_back(std::move(text));
  for (auto& r : rest) out.children.push_back(std::move(r));
  return out;
}

}  // namespace byline
