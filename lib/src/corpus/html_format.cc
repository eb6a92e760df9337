/** @file html_format.cc
 *  @brief HTML articles through gumbo: metadata from <head>, text from the body.
 */
#include <gumbo.h>
#include <strings.h>

#include <cctype>

#include <cstring>
#include <vector>

#include "formats.h"

namespace byline {
namespace {

const char* Attr(const GumboElement& el, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  return a ? a->value : nullptr;
}

bool IsSkipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_TD:
      return true;
    default:
      return false;
  }
}

struct Extract {
  std::string og_title, title_tag, h1, meta_date, time_date, time_text, author, site, url, lang;
  const GumboNode* article = nullptr;  // the first <article> or <main>, if any
  const GumboNode* body = nullptr;
};

// Text of a subtree, without descending into skipped elements. Iterative,
// so deeply nested documents cannot overflow the stack.
std::string TextOf(const GumboNode* root) {
  std::string out;
  struct Frame {
    const GumboNode* node;
    bool closing;
  };
  std::vector<Frame> stack{{root, false}};
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    const GumboNode* n = f.node;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
      out += n->v.text.text;
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
    const GumboElement& el = n->v.element;
    if (f.closing) {
      if (IsBlock(el.tag)) out += '\n';
      continue;
    }
    if (IsSkipped(el.tag)) continue;
    if (IsBlock(el.tag)) out += '\n';
    stack.push_back({n, true});
    for (unsigned i = el.children.length; i-- > 0;) {
      stack.push_back({static_cast<const GumboNode*>(el.children.data[i]), false});
    }
  }
  return out;
}

std::string Squeeze(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Drops the first lines of the body that only repeat the headline or the
// visible date (a page's <h1> and <time> above the text).
std::string DropLeadingRepeats(const std::string& body,
                               std::initializer_list<std::string> repeats) {
  std::size_t pos = 0;
  for (int dropped = 0; dropped < 3;) {
    std::size_t start = body.find_first_not_of(" \t\r\n", pos);
    if (start == std::string::npos) break;
    std::size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    std::string line = Squeeze(std::string_view(body).substr(start, end - start));
    bool repeat = false;
    for (const std::string& r : repeats) {
      if (!r.empty() && Squeeze(r) == line) repeat = true;
    }
    if (!repeat) break;
    pos = end;
    ++dropped;
  }
  return body.substr(pos);
}

void Scan(const GumboNode* root, Extract* x) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& el = n->v.element;
    switch (el.tag) {
      case GUMBO_TAG_HTML:
        if (const char* l = Attr(el, "lang")) x->lang = l;
        break;
      case GUMBO_TAG_TITLE:
        if (x->title_tag.empty()) x->title_tag = TextOf(n);
        break;
      case GUMBO_TAG_H1:
        if (x->h1.empty()) x->h1 = TextOf(n);
        break;
      case GUMBO_TAG_BODY:
        x->body = n;
        break;
      case GUMBO_TAG_ARTICLE:
      case GUMBO_TAG_MAIN:
        if (!x->article) x->article = n;
        break;
      case GUMBO_TAG_TIME:
        if (x->time_date.empty()) {
          if (const char* d = Attr(el, "datetime")) x->time_date = d;
          x->time_text = TextOf(n);
        }
        break;
      case GUMBO_TAG_LINK: {
        const char* rel = Attr(el, "rel");
        const char* href = Attr(el, "href");
        if (rel && href && strcasecmp(rel, "canonical") == 0) x->url = href;
        break;
      }
      case GUMBO_TAG_META: {
        const char* key = Attr(el, "property");
        if (!key) key = Attr(el, "name");
        if (!key) key = Attr(el, "itemprop");
        const char* content = Attr(el, "content");
        if (!key || !content) break;
        std::string k(key);
        for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (k == "og:title" && x->og_title.empty()) x->og_title = content;
        if ((k == "article:published_time" || k == "datepublished" || k == "date" ||
             k == "pubdate" || k == "dc.date" || k == "publish-date") &&
            x->meta_date.empty()) {
          x->meta_date = content;
        }
        if ((k == "author" || k == "article:author" || k == "byl" || k == "dc.creator") &&
            x->author.empty()) {
          x->author = content;
        }
        if ((k == "og:site_name" || k == "application-name") && x->site.empty()) {
          x->site = content;
        }
        if (k == "og:url" && x->url.empty()) x->url = content;
        if ((k == "og:locale" || k == "language" || k == "dc.language") && x->lang.empty()) {
          x->lang = content;
        }
        break;
      }
      default:
        break;
    }
    for (unsigned i = el.children.length; i-- > 0;) {
      stack.push_back(static_cast<const GumboNode*>(el.children.data[i]));
    }
  }
}

// Deeper nesting than any real page has; gumbo's time grows with the square
// of the depth, so deeper documents are read without their markup.
constexpr int kMaxHtmlDepth = 5000;

// The deepest tag nesting of `html`, counted cheaply (void elements and
// self-closing tags do not nest). Stops counting past `limit`.
int NestingDepth(std::string_view html, int limit) {
  static const char* const kVoid[] = {"area",  "base",   "br",    "col",  "embed",
                                      "hr",    "img",    "input", "link", "meta",
                                      "param", "source", "track", "wbr",  "!"};
  int depth = 0, deepest = 0;
  for (std::size_t i = 0; i + 1 < html.size(); ++i) {
    if (html[i] != '<') continue;
    if (html[i + 1] == '/') {
      if (depth > 0) --depth;
      continue;
    }
    if (!std::isalpha(static_cast<unsigned char>(html[i + 1]))) continue;
    std::size_t end = html.find('>', i);
    if (end == std::string_view::npos) break;
    std::size_t name_end = i + 1;
    while (name_end < end && std::isalnum(static_cast<unsigned char>(html[name_end]))) ++name_end;
    std::string name(html.substr(i + 1, name_end - i - 1));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool is_void = html[end - 1] == '/';
    for (const char* v : kVoid) is_void = is_void || name == v;
    if (!is_void && ++depth > deepest) deepest = depth;
    if (deepest > limit) break;
    i = end;
  }
  return deepest;
}

// Text of `html` with every tag removed (script and style with their
// content), for pages gumbo cannot take; FinishArticle decodes the entities.
std::string StripTags(std::string_view html) {
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    if (html[i] == '<') {
      for (const char* skip : {"script", "style"}) {
        std::size_t n = std::strlen(skip);
        if (html.size() > i + n && strncasecmp(html.data() + i + 1, skip, n) == 0) {
          std::size_t close = html.find(std::string("</") + skip, i);
          i = close == std::string_view::npos ? html.size() : close;
          break;
        }
      }
      std::size_t end = html.find('>', i);
      i = end == std::string_view::npos ? html.size() : end + 1;
      out += ' ';
      continue;
    }
    out += html[i++];
  }
  return out;
}

}  // namespace

void ParseHtmlArticle(const std::string& path, std::string_view content, const ReadSink& sink) {
  if (NestingDepth(content, kMaxHtmlDepth) > kMaxHtmlDepth) {
    sink.on_error(Status::InvalidArgument(path + ": HTML nested more than " +
                                          std::to_string(kMaxHtmlDepth) +
                                          " levels deep; read as plain text without its markup"));
    Article a;
    a.body = StripTags(content);
    a.path = path;
    if (FinishArticle(&a, path)) sink.on_article(std::move(a));
    return;
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 100;
  GumboOutput* output = gumbo_parse_with_options(&options, content.data(), content.size());
  if (!output) {
    sink.on_error(Status::Corruption(path + ": HTML could not be parsed"));
    return;
  }
  Extract x;
  Scan(output->root, &x);
  Article a;
  // <title> usually carries the site's name ("Headline - Site"); when it
  // contains the page's <h1>, the <h1> is the headline.
  std::string h1 = Squeeze(x.h1), title_tag = Squeeze(x.title_tag);
  bool h1_in_title = !h1.empty() && title_tag.find(h1) != std::string::npos;
  a.title = !x.og_title.empty()  ? x.og_title
            : h1_in_title        ? h1
            : !title_tag.empty() ? title_tag
                                 : h1;
  a.date = !x.meta_date.empty() ? x.meta_date : x.time_date;
  a.author = x.author;
  a.source = x.site;
  a.url = x.url;
  a.lang = x.lang;
  const GumboNode* text_root = x.article ? x.article : x.body ? x.body : output->root;
  a.body = DropLeadingRepeats(TextOf(text_root), {a.title, x.h1, x.time_text});
  a.path = path;
  gumbo_destroy_output(&options, output);
  if (!FinishArticle(&a, path)) {
    sink.on_error(Status::InvalidArgument(path + ": no text in the HTML"));
    return;
  }
  sink.on_article(std::move(a));
}

}  // namespace byline
