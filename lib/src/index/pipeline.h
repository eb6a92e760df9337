/** @file pipeline.h
 *  @brief Internal: the threads of an indexing run, from files to a WriteTarget.
 */
#ifndef BYLINE_INDEX_PIPELINE_H
#define BYLINE_INDEX_PIPELINE_H

#include <chrono>
#include <cstdint>
#include <vector>

#include "byline/index_writer.h"
#include "index/file_manifest.h"
#include "index/write_target.h"

namespace byline {

/// One reader thread (files, decompression, parsing) numbers every article
/// and every event in reading order; analysis threads, each with its own
/// Analyzer, build the documents; the calling thread applies everything to
/// the target in that order, so the last article with an id wins and
/// problems are reported in order. At most options.max_in_flight items are
/// between reading and applying at any time: the reader waits for the
/// writer, so memory stays bounded however far the target falls behind.
class IndexPipeline {
 public:
  /// A pipeline with `options` (limits, callbacks, the cap) and
  /// `analysis_threads` (at least one); progress seconds count from `start`.
  IndexPipeline(const IndexOptions& options, unsigned analysis_threads,
                std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now());

  /// Reads `jobs` in order into `target`, counting into *stats and *progress
  /// (articles, files added/updated/unchanged, problems); returns the
  /// target's first error (the run then stops reading), or kCancelled when
  /// options.cancel stopped the reader before the end: what was read by then
  /// has been applied (a file cut short has no record, so the next run reads
  /// it again).
  Status Run(const std::vector<FileJob>& jobs, WriteTarget* target, IndexStats* stats,
             IndexProgress* progress);

  /// The most items that were between reading and applying at once.
  std::uint64_t peak_in_flight() const { return peak_in_flight_; }

 private:
  const IndexOptions& options_;
  unsigned threads_;
  std::chrono::steady_clock::time_point start_;
  std::uint64_t peak_in_flight_ = 0;
};

}  // namespace byline

#endif  // BYLINE_INDEX_PIPELINE_H
