/** @file schema.cc
 *  @brief Lookups in the field table, and the compile-time checks that keep
 *  its names unique.
 */
#include "byline/schema.h"

#include <cctype>

namespace byline::schema {
namespace {

// How many rows answer to `name` in a query (name or alias).
constexpr int QueryNameCount(std::string_view name) {
  int n = 0;
  for (const Field& f : kFields) {
    if (f.name == name) ++n;
    for (const char* a : f.aliases) {
      if (a && name == a) ++n;
    }
  }
  return n;
}

// How many times `key` is among the rows' metadata keys.
constexpr int MetadataKeyCount(std::string_view key) {
  int n = 0;
  for (const Field& f : kFields) {
    for (const char* k : f.metadata_keys) {
      if (k && key == k) ++n;
    }
  }
  return n;
}

constexpr bool QueryNamesUnique() {
  for (const Field& f : kFields) {
    // Canonical names are unique even for fields that queries cannot name.
    if (QueryNameCount(f.name) != 1) return false;
    for (const char* a : f.aliases) {
      if (a && QueryNameCount(a) != 1) return false;
    }
  }
  return true;
}

constexpr bool MetadataKeysUnique() {
  for (const Field& f : kFields) {
    for (const char* k : f.metadata_keys) {
      if (k && MetadataKeyCount(k) != 1) return false;
    }
  }
  return true;
}

constexpr bool MetadataKeysNormalised() {
  for (const Field& f : kFields) {
    for (const char* k : f.metadata_keys) {
      for (; k && *k; ++k) {
        if (*k == '_' || *k == '-' || *k == ' ' || (*k >= 'A' && *k <= 'Z')) return false;
      }
    }
  }
  return true;
}

constexpr bool AliasesOnlyOnQueryKinds() {
  for (const Field& f : kFields) {
    if (!IsQueryKind(f.kind) && f.aliases[0]) return false;
  }
  return true;
}

static_assert(QueryNamesUnique(), "kFields: a field name or query alias appears twice");
static_assert(MetadataKeysUnique(), "kFields: a metadata key appears in two rows");
static_assert(MetadataKeysNormalised(),
              "kFields: write metadata keys lower case, without '_', '-' or ' '");
static_assert(AliasesOnlyOnQueryKinds(), "kFields: only query kinds have query aliases");

// ASCII case-insensitive equality (field names and aliases are ASCII).
bool EqualsFolded(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

const Field* FindQueryField(std::string_view name) {
  for (const Field& f : kFields) {
    if (!IsQueryKind(f.kind)) continue;
    if (EqualsFolded(f.name, name)) return &f;
    for (const char* a : f.aliases) {
      if (a && EqualsFolded(name, a)) return &f;
    }
  }
  return nullptr;
}

const Field* FindMetadataField(std::string_view key) {
  std::string k;
  for (char c : key) {
    if (c != '_' && c != '-' && c != ' ') {
      k.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  if (k.empty()) return nullptr;
  for (const Field& f : kFields) {
    for (const char* m : f.metadata_keys) {
      if (m && k == m) return &f;
    }
  }
  return nullptr;
}

}  // namespace byline::schema
