// An ordered parallel map: items are pulled one at a time, worked on by a
// pool of threads, and their results handed on strictly in the order the
// items came in. At most `window` items are in flight, so memory is bounded
// on an endless input. With one thread everything runs on the caller's
// thread, in the same order, with the same results.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace winnow::cli {

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

  auto worker = [&] {
    std::unique_lock lock(mutex);
    for (;;) {
      work_ready.wait(lock, [&] { return taken < produced || closing; });
      if (taken == produced) return;  // closing and nothing left
      Slot& slot = slots[taken++ % window];
      Item item = std::move(*slot.item);
      slot.item.reset();
      lock.unlock();
      Out out = work(std::move(item));
      lock.lock();
      slot.out.emplace(std::move(out));
      out_ready.notify_one();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) pool.emplace_back(worker);

  bool more = true;
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
    std::optional<Out> out;
    {
      std::unique_lock lock(mutex);
      Slot& slot = slots[committed % window];
      out_ready.wait(lock, [&] { return slot.out.has_value(); });
      out.swap(slot.out);
    }
    ++committed;
    commit(std::move(*out));
  }
  {
    std::lock_guard lock(mutex);
    closing = true;
  }
  work_ready.notify_all();
  for (auto& t : pool) t.join();
}

}  // namespace winnow::cli
