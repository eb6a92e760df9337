/** @file bounded_queue.h
 *  @brief Internal: a blocking FIFO with a size limit, between the threads of an indexing run.
 */
#ifndef BYLINE_INDEX_BOUNDED_QUEUE_H
#define BYLINE_INDEX_BOUNDED_QUEUE_H

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace byline {

/// A queue with a size limit: Push waits while it is full, Pop waits while it
/// is empty; after Close(), Push drops nothing already queued and Pop returns
/// false once the queue is drained.
template <typename T>
class BoundedQueue {
 public:
  /// A queue that holds at most `cap` items (at least one).
  explicit BoundedQueue(std::size_t cap) : cap_(cap == 0 ? 1 : cap) {}

  /// Appends `item`, waiting while the queue is full (not after Close()).
  void Push(T item) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] { return items_.size() < cap_ || closed_; });
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }

  /// Moves the oldest item to *out, waiting while the queue is empty; false
  /// once the queue is closed and drained.
  bool Pop(T* out) {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return false;
    *out = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return true;
  }

  /// Wakes every waiter: Push stops waiting for room, Pop for items.
  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<T> items_;
  std::size_t cap_;
  bool closed_ = false;
};

}  // namespace byline

#endif  // BYLINE_INDEX_BOUNDED_QUEUE_H
