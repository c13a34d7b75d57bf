// The CLI's ordered parallel map (cli/ordered.hpp): results in input order
// whatever the thread count, window and work times, and results handed
// back to the worker that built them to be destroyed there.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "../cli/ordered.hpp"

namespace winnow::cli {

namespace {

// Uneven work: some items take far longer, so they finish out of order.
int slow_square(int x) {
  if (x % 7 == 3) std::this_thread::sleep_for(std::chrono::microseconds(300));
  if (x % 11 == 5) std::this_thread::yield();
  return x * x;
}

std::vector<int> run(unsigned threads, std::size_t window, int items) {
  int n = 0;
  std::vector<int> out;
  ordered_map<int, int>(
      threads, window, [&](int& item) { return n < items ? (item = n++, true) : false; },
      [](int&& x) { return slow_square(x); }, [&](int&& r) { out.push_back(r); });
  return out;
}

TEST(OrderedMap, ResultsComeInInputOrder) {
  std::vector<int> expected;
  for (int i = 0; i < 500; ++i) expected.push_back(i * i);
  for (unsigned threads : {1u, 2u, 3u, 4u}) {
    for (std::size_t window : {std::size_t{1}, std::size_t{2}, std::size_t{5}, std::size_t{8}, std::size_t{32}}) {
      EXPECT_EQ(run(threads, window, 500), expected) << threads << " threads, window " << window;
    }
  }
}

TEST(OrderedMap, EmptyAndShortInputs) {
  for (unsigned threads : {1u, 2u, 4u}) {
    EXPECT_TRUE(run(threads, 16, 0).empty());
    EXPECT_EQ(run(threads, 16, 1), std::vector<int>{0});
    EXPECT_EQ(run(threads, 16, 3), (std::vector<int>{0, 1, 4}));  // fewer than a batch
  }
}

// The window bounds the items between next() and commit().
TEST(OrderedMap, AtMostWindowItemsInFlight) {
  for (unsigned threads : {2u, 4u}) {
    const std::size_t window = 8;
    int n = 0;
    std::size_t committed = 0, most = 0;
    ordered_map<int, int>(
        threads, window,
        [&](int& item) {
          if (n == 300) return false;
          item = n++;
          most = std::max(most, static_cast<std::size_t>(n) - committed);
          return true;
        },
        [](int&& x) { return slow_square(x); }, [&](int&&) { ++committed; });
    EXPECT_EQ(committed, 300u);
    EXPECT_LE(most, window);
  }
}

// `threads` threads in all do the work, the caller's among them: it works
// on items rather than wait for results.
TEST(OrderedMap, TheCallerIsOneOfTheThreads) {
  for (unsigned threads : {2u, 3u}) {
    std::mutex mutex;
    std::map<std::thread::id, int> items_by_thread;
    int n = 0;
    ordered_map<int, int>(
        threads, 16, [&](int& item) { return n < 400 ? (item = n++, true) : false; },
        [&](int&& x) {
          {
            std::lock_guard lock(mutex);
            ++items_by_thread[std::this_thread::get_id()];
          }
          return slow_square(x);
        },
        [](int&&) {});
    EXPECT_LE(items_by_thread.size(), threads);
    EXPECT_GT(items_by_thread[std::this_thread::get_id()], 0) << threads << " threads";
  }
}

// A result destroyed through Disposal is destroyed on the thread that built
// it, except what is still waiting when the batch ends.
struct Tracked {
  static inline std::mutex mutex;
  static inline std::map<int, std::thread::id> built, destroyed;
  int id = -1;
  unsigned home = 0;
  Tracked() = default;
  Tracked(Tracked&& o) noexcept : id(std::exchange(o.id, -1)), home(o.home) {}
  Tracked& operator=(Tracked&& o) noexcept {
    std::swap(id, o.id);
    home = o.home;
    return *this;
  }
  ~Tracked() {
    if (id < 0) return;
    std::lock_guard lock(mutex);
    destroyed[id] = std::this_thread::get_id();
  }
};

TEST(OrderedMap, DisposalFreesOnTheBuildingWorker) {
  const unsigned threads = 3;
  const std::size_t window = 12;
  std::size_t on_builder = 0, total = 0;
  {
    Disposal<Tracked> disposal(threads);
    int n = 0;
    ordered_map<int, Tracked>(
        threads, window, [&](int& item) { return n < 400 ? (item = n++, true) : false; },
        [&](int&& x) {
          disposal.drain(worker_index);
          slow_square(x);
          Tracked t;
          t.id = x;
          t.home = worker_index;
          std::lock_guard lock(Tracked::mutex);
          Tracked::built[x] = std::this_thread::get_id();
          return t;
        },
        [&](Tracked&& t) { disposal.put(t.home, std::move(t)); });
  }
  ASSERT_EQ(Tracked::built.size(), 400u);
  ASSERT_EQ(Tracked::destroyed.size(), 400u);  // every one, once
  for (const auto& [id, thread] : Tracked::destroyed) {
    ++total;
    if (thread == Tracked::built[id]) ++on_builder;
  }
  // Only those put after their worker's last drain (at most a window's
  // worth per worker) are left to the Disposal's own destructor; were they
  // freed anywhere, only about a third would be on their builder.
  EXPECT_GE(on_builder, total - threads * window);
}

}  // namespace

}  // namespace winnow::cli
