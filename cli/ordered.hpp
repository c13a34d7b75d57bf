// An ordered parallel map: items are pulled one at a time, worked on by
// `threads` threads, and their results handed on strictly in the order the
// items came in. At most `window` items are in flight, so memory is bounded
// on an endless input. With one thread everything runs on the caller's
// thread, in the same order, with the same results.
//
// The caller's thread is one of the `threads`: it pulls items and hands
// results on, and whenever the next result in order is not ready it works
// on an item itself rather than sleep. So `threads` threads share
// `threads` cores (a separate pulling thread would have to take its turns
// on them), and the caller sleeps only when every item in flight is being
// worked on.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
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

// next(Item&) -> bool fills the next item (false at the end) and
// commit(Out&&) takes the results in input order, both on the caller's
// thread; work(Item&&) -> Out runs on any of the threads, the caller's
// included, and must not throw. Returns how many threads ran: fewer than
// `threads` when the system would start no more (a container's limit on
// processes), which changes the speed, never the results.
template <class Item, class Out, class Next, class Work, class Commit>
unsigned ordered_map(unsigned threads, std::size_t window, Next&& next, Work&& work, Commit&& commit) {
  if (threads <= 1) {
    Item item;
    while (next(item)) commit(work(std::move(item)));
    return 1;
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

  // Takes the next item (`lock` held, an item waiting), works on it
  // unlocked, and puts its result in its slot.
  auto work_on_next = [&](std::unique_lock<std::mutex>& lock) {
    const std::size_t number = taken++;
    Slot& slot = slots[number % window];
    Item item = std::move(*slot.item);
    slot.item.reset();
    lock.unlock();
    Out out = work(std::move(item));
    lock.lock();
    slot.out.emplace(std::move(out));
    if (number == awaited) out_ready.notify_one();
  };
  auto worker = [&](unsigned index) {
    worker_index = index;
    std::unique_lock lock(mutex);
    for (;;) {
      work_ready.wait(lock, [&] { return taken < produced || closing; });
      if (taken == produced) return;  // closing and nothing left
      work_on_next(lock);
    }
  };
  worker_index = 0;
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned i = 1; i < threads; ++i) {
    try {
      pool.emplace_back(worker, i);
    } catch (const std::system_error&) {
      break;  // go on with the threads that started
    }
  }

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
    std::unique_lock lock(mutex);
    while (committed < produced && slots[committed % window].out) {
      auto& out = slots[committed % window].out;
      ready.push_back(std::move(*out));
      out.reset();
      ++committed;
    }
    if (ready.empty()) {
      // The next result in order is not ready: work on an item if one is
      // waiting, else sleep until that result is in.
      if (taken < produced) {
        work_on_next(lock);
      } else {
        Slot& slot = slots[committed % window];
        awaited = committed;
        out_ready.wait(lock, [&] { return slot.out.has_value(); });
        awaited = kNotWaiting;
      }
      continue;
    }
    lock.unlock();
    for (auto& out : ready) commit(std::move(out));
    ready.clear();
  }
  {
    std::lock_guard lock(mutex);
    closing = true;
  }
  work_ready.notify_all();
  for (auto& t : pool) t.join();
  return static_cast<unsigned>(pool.size()) + 1;
}

// The line to print when ordered_map() ran fewer threads than asked for.
inline std::string fewer_threads_note(unsigned asked, unsigned ran) {
  return "-j " + std::to_string(asked) + ": the system started only " + std::to_string(ran) +
         " threads; the inputs were processed with those";
}

}  // namespace winnow::cli
