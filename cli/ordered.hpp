// An ordered parallel map: items are pulled one at a time, worked on by a
// pool of threads, and their results handed on strictly in the order the
// items came in. At most `window` items are in flight, so memory is bounded
// on an endless input. With one thread everything runs on the caller's
// thread, in the same order, with the same results.
//
// The caller's thread shares the cores with the workers, so it sleeps until
// a quarter of a window of results is ready in order and hands them on
// together: one wake-up (two context switches) per several items, not per
// item.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace winnow::cli {

// Which worker of ordered_map() the calling thread is (0..threads-1); 0 on
// the caller's thread.
inline thread_local unsigned worker_index = 0;

// Results a worker built go back to that worker to be destroyed once the
// in-order end is done with them. Freeing on the thread that allocated
// keeps the frees off the in-order thread and off other threads' malloc
// arenas (glibc locks the owner's arena for a foreign free).
template <class T>
class Disposal {
 public:
  explicit Disposal(unsigned workers) : count_(std::max(workers, 1u)), bins_(new Bin[count_]) {}

  void put(unsigned worker, T&& t) {
    Bin& bin = bins_[worker % count_];
    std::lock_guard lock(bin.mutex);
    bin.items.push_back(std::move(t));
  }

  // Destroy what came back to `worker`: call on that worker's thread.
  void drain(unsigned worker) {
    std::vector<T> done;
    Bin& bin = bins_[worker % count_];
    std::lock_guard lock(bin.mutex);
    done.swap(bin.items);
    bin.items.reserve(done.size());
    // `done` is destroyed after the unlock (declared first).
  }

 private:
  struct Bin {
    std::mutex mutex;
    std::vector<T> items;
  };
  unsigned count_;
  std::unique_ptr<Bin[]> bins_;
};

// next(Item&) -> bool fills the next item (false at the end); work(Item&&) ->
// Out runs on a worker thread and must not throw; commit(Out&&) runs on the
// caller's thread in input order.
template <class Item, class Out, class Next, class Work, class Commit>
void ordered_map(unsigned threads, std::size_t window, Next&& next, Work&& work, Commit&& commit) {
  if (threads <= 1) {
    Item item;
    while (next(item)) commit(work(std::move(item)));
    return;
  }
  if (window < threads) window = threads;
  struct Slot {
    std::optional<Item> item;
    std::optional<Out> out;
  };
  std::vector<Slot> slots(window);
  std::mutex mutex;
  std::condition_variable work_ready, out_ready;
  std::size_t produced = 0, taken = 0, committed = 0;
  bool closing = false;

  // The caller sleeps until result `awaited` is ready; a worker wakes it only
  // for that one.
  constexpr std::size_t kNotWaiting = std::numeric_limits<std::size_t>::max();
  std::size_t awaited = kNotWaiting;
  const std::size_t batch = std::max<std::size_t>(window / 4, 1);

  auto worker = [&](unsigned index) {
    worker_index = index;
    std::unique_lock lock(mutex);
    for (;;) {
      work_ready.wait(lock, [&] { return taken < produced || closing; });
      if (taken == produced) return;  // closing and nothing left
      const std::size_t number = taken++;
      Slot& slot = slots[number % window];
      Item item = std::move(*slot.item);
      slot.item.reset();
      lock.unlock();
      Out out = work(std::move(item));
      lock.lock();
      slot.out.emplace(std::move(out));
      if (number == awaited) out_ready.notify_one();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) pool.emplace_back(worker, i);

  bool more = true;
  std::vector<Out> ready;
  for (;;) {
    // Top up the window; next() may block on input, so it runs unlocked.
    while (more && produced - committed < window) {
      Item item;
      if (!next(item)) {
        more = false;
        break;
      }
      std::lock_guard lock(mutex);
      slots[produced % window].item.emplace(std::move(item));
      ++produced;
      work_ready.notify_one();
    }
    if (!more && committed == produced) break;
    {
      // Wait for a batch of results in order (fewer at the end of the
      // input), then take every result ready in order.
      std::unique_lock lock(mutex);
      const std::size_t end = committed + std::min(batch, produced - committed);
      for (std::size_t number = committed; number < end; ++number) {
        Slot& slot = slots[number % window];
        if (slot.out) continue;
        awaited = number;
        out_ready.wait(lock, [&] { return slot.out.has_value(); });
        awaited = kNotWaiting;
      }
      while (committed < produced && slots[committed % window].out) {
        auto& out = slots[committed % window].out;
        ready.push_back(std::move(*out));
        out.reset();
        ++committed;
      }
    }
    for (auto& out : ready) commit(std::move(out));
    ready.clear();
  }
  {
    std::lock_guard lock(mutex);
    closing = true;
  }
  work_ready.notify_all();
  for (auto& t : pool) t.join();
}

}  // namespace winnow::cli
