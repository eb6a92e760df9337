// Fuzzes the stub file reader (ReadStub: shards and remote shards) and the
// reader of the stubs `byline index --shards` writes (ReadShardSet), and
// the look at a database path that tells a stub from other files
// (InspectDatabasePlace): shards or an error naming the file, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_file.h"
#include "index/shard_set.h"
#include "util/database_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = byline::fuzz::InputFile(data, size);
  auto shards = byline::ReadStub(path);
  if (shards.ok()) {
    unsigned last = 0;
    for (const byline::StubShard& s : *shards) {
      if (s.line <= last || s.text.empty()) __builtin_trap();
      if (s.kind == byline::StubShard::Kind::kTcp && (s.port == 0 || s.port > 65535)) {
        __builtin_trap();
      }
      last = s.line;
    }
  } else if (shards.status().message().rfind(path, 0) != 0) {
    __builtin_trap();  // names the stub
  }
  (void)byline::ReadShardSet(path);
  (void)byline::InspectDatabasePlace(path);
  return 0;
}
