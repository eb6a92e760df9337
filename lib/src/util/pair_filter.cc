/** @file pair_filter.cc
 *  @brief The Bloom filter of side-by-side word pairs.
 */
#include "util/pair_filter.h"

#include <algorithm>

#include "byline/text.h"

namespace byline {
namespace {

// One hash for the unordered pair.
std::uint64_t PairHash(std::uint64_t a, std::uint64_t b) {
  if (a > b) std::swap(a, b);
  return Mix64(Mix64(a) ^ (b * 0x9e3779b97f4a7c15ULL));
}

// The bits of a pair: double hashing over `bits` positions.
template <typename F>
void ForEachBit(std::uint64_t pair, unsigned hashes, std::size_t bits, F f) {
  const std::uint64_t h1 = pair, h2 = Mix64(pair) | 1;
  for (unsigned i = 0; i < hashes; ++i) f((h1 + i * h2) % bits);
}

}  // namespace

std::uint64_t PairWordHash(std::string_view term) { return Fnv1a64(term); }

std::string MakePairFilter(const std::vector<std::pair<std::uint64_t, std::uint64_t>>& pairs) {
  if (pairs.empty()) return std::string();
  std::size_t bytes = (pairs.size() * kPairFilterBitsPerPair + 7) / 8;
  bytes = std::clamp<std::size_t>(bytes, 8, kPairFilterMaxBytes);
  std::string out(1 + bytes, '\0');
  out[0] = static_cast<char>(kPairFilterHashes);
  const std::size_t bits = bytes * 8;
  for (const auto& [a, b] : pairs) {
    ForEachBit(PairHash(a, b), kPairFilterHashes, bits, [&](std::size_t bit) {
      out[1 + bit / 8] =
          static_cast<char>(static_cast<unsigned char>(out[1 + bit / 8]) | (1u << (bit % 8)));
    });
  }
  return out;
}

bool PairFilterMayHold(std::string_view filter, std::uint64_t a, std::uint64_t b) {
  if (filter.size() < 2) return false;
  const unsigned hashes = static_cast<unsigned char>(filter[0]);
  const std::size_t bits = (filter.size() - 1) * 8;
  bool all = true;
  ForEachBit(PairHash(a, b), hashes, bits, [&](std::size_t bit) {
    all = all && (static_cast<unsigned char>(filter[1 + bit / 8]) >> (bit % 8)) & 1u;
  });
  return all;
}

}  // namespace byline
