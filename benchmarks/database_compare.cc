// The same plain Xapian search (QueryParser with English stems, BM25, top
// 10) on several databases, interleaved query by query so that the machine's
// load falls on all alike: what a database's layout costs, apart from
// Byline's own code. Used to find that plain bodies in their value slot made
// Byline's postlist table twice plain Xapian's (benchmarks/README.md,
// "Session 10").
//   database_compare QUERIES.jsonl DB1 DB2 ...   (ratios are to DB1)
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: database_compare QUERIES.jsonl DB1 [DB2 ...]\n");
    return 2;
  }
  try {
    std::vector<std::string> texts;
    std::ifstream in(argv[1]);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) texts.push_back(nlohmann::json::parse(line).at("query"));
    }
    const int n = argc - 2;
    std::vector<Xapian::Database> dbs;
    std::vector<std::unique_ptr<Xapian::Enquire>> enquires;
    for (int i = 0; i < n; ++i) {
      dbs.emplace_back(argv[i + 2]);
      enquires.push_back(std::make_unique<Xapian::Enquire>(dbs.back()));
      enquires.back()->set_weighting_scheme(Xapian::BM25Weight());
    }
    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("en"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    qp.set_default_op(Xapian::Query::OP_OR);
    std::vector<Xapian::Query> queries;
    for (const std::string& t : texts) {
      try {
        queries.push_back(qp.parse_query(t));
      } catch (const Xapian::QueryParserError&) {
        queries.push_back(qp.parse_query(t, 0));
      }
    }
    // Pass 0 warms every database; the order rotates from pass to pass.
    std::vector<std::vector<double>> us(n);
    for (int pass = 0; pass < 11; ++pass) {
      for (const Xapian::Query& q : queries) {
        for (int k = 0; k < n; ++k) {
          const int d = (k + pass) % n;
          auto t0 = std::chrono::steady_clock::now();
          enquires[d]->set_query(q);
          Xapian::MSet m = enquires[d]->get_mset(0, 10);
          auto t1 = std::chrono::steady_clock::now();
          if (pass > 0) us[d].push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
        }
      }
    }
    auto at = [](std::vector<double> v, double p) {
      std::sort(v.begin(), v.end());
      return v[static_cast<std::size_t>(static_cast<double>(v.size() - 1) * p)];
    };
    for (int d = 0; d < n; ++d) {
      std::printf("%-32s", argv[d + 2]);
      for (double p : {0.5, 0.9, 0.99}) {
        std::printf("  p%-2.0f %8.2f us (%.2fx)", p * 100, at(us[d], p),
                    at(us[d], p) / at(us[0], p));
      }
      std::printf("\n");
    }
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "database_compare: %s\n", e.get_description().c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "database_compare: %s\n", e.what());
    return 1;
  }
  return 0;
}
