// A bounded, order-preserving work pipeline: one producer submits jobs, N workers turn them into results,
// and one emitter thread hands the results over in submission order. At most `max_in_flight` jobs are
// submitted but not yet emitted, so memory stays flat however long the input stream is.
#ifndef DLM_CLI_PIPELINE_HPP
#define DLM_CLI_PIPELINE_HPP

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace dlm_cli {

template <class Job, class Result>
class ordered_pipeline {
public:
    /// `work` runs on the workers and must not throw; `emit` runs on the emitter thread, in submission order;
    /// `idle` runs on the emitter thread about every `idle_period`, busy or not (progress display).
    ordered_pipeline(unsigned workers, std::size_t max_in_flight, std::function<Result(Job&)> work,
                     std::function<void(Result&)> emit, std::function<void()> idle = {},
                     std::chrono::milliseconds idle_period = std::chrono::milliseconds(200))
        : max_in_flight_(max_in_flight < 1 ? 1 : max_in_flight), work_(std::move(work)), emit_(std::move(emit)),
          idle_(std::move(idle)), idle_period_(idle_period) {
        for (unsigned i = 0; i < (workers < 1 ? 1 : workers); ++i) workers_.emplace_back([this] { run_worker(); });
        emitter_ = std::thread([this] { run_emitter(); });
    }

    ordered_pipeline(const ordered_pipeline&) = delete;
    ordered_pipeline& operator=(const ordered_pipeline&) = delete;

    ~ordered_pipeline() { finish(); }

    /// Queues a job; blocks while `max_in_flight` jobs are pending.
    void submit(Job job) {
        std::unique_lock<std::mutex> lock(mutex_);
        space_.wait(lock, [this] { return submitted_ - emitted_ < max_in_flight_; });
        queue_.emplace_back(submitted_++, std::move(job));
        work_ready_.notify_one();
    }

    /// Waits until every submitted job has been emitted, then stops the threads. Idempotent.
    void finish() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (closed_) return;
            closed_ = true;
        }
        work_ready_.notify_all();
        result_ready_.notify_all();
        for (auto& worker : workers_) worker.join();
        emitter_.join();
    }

private:
    void run_worker() {
        while (true) {
            std::optional<std::pair<std::size_t, Job>> item;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                work_ready_.wait(lock, [this] { return closed_ || !queue_.empty(); });
                if (queue_.empty()) return;  // closed and drained
                item.emplace(std::move(queue_.front()));
                queue_.pop_front();
            }
            Result result = work_(item->second);
            std::lock_guard<std::mutex> lock(mutex_);
            done_.emplace(item->first, std::move(result));
            if (item->first == emitted_) result_ready_.notify_one();
        }
    }

    void run_emitter() {
        auto last_idle = std::chrono::steady_clock::now();
        std::unique_lock<std::mutex> lock(mutex_);
        while (true) {
            const bool ready = result_ready_.wait_for(lock, idle_period_, [this] {
                return done_.count(emitted_) != 0 || (closed_ && emitted_ == submitted_);
            });
            if (ready) {
                const auto next = done_.find(emitted_);
                if (next == done_.end()) return;  // closed and everything emitted
                Result result = std::move(next->second);
                done_.erase(next);
                lock.unlock();
                emit_(result);
                lock.lock();
                ++emitted_;
                space_.notify_one();
            }
            const auto now = std::chrono::steady_clock::now();
            if (idle_ && now - last_idle >= idle_period_) {
                last_idle = now;
                lock.unlock();
                idle_();
                lock.lock();
            }
        }
    }

    const std::size_t max_in_flight_;
    std::function<Result(Job&)> work_;
    std::function<void(Result&)> emit_;
    std::function<void()> idle_;
    std::chrono::milliseconds idle_period_;

    std::mutex mutex_;
    std::condition_variable work_ready_;
    std::condition_variable result_ready_;
    std::condition_variable space_;
    std::deque<std::pair<std::size_t, Job>> queue_;
    std::map<std::size_t, Result> done_;
    std::size_t submitted_ = 0;
    std::size_t emitted_ = 0;
    bool closed_ = false;
    std::vector<std::thread> workers_;
    std::thread emitter_;
};

}  // namespace dlm_cli

#endif  // DLM_CLI_PIPELINE_HPP
