// A bounded, order-preserving work pipeline: one producer submits jobs, N workers turn them into results,
// and one emitter thread hands the results over in submission order. At most `max_in_flight` jobs, and at
// most `max_bytes_in_flight` bytes of them (each job's weight, as given to `submit`; one job is always let
// through whatever its weight), are submitted but not yet emitted, so memory stays flat however long the
// input stream is and however large its documents are. When no thread can be started, jobs run on the
// submitting thread, one at a time; when fewer can, the pipeline runs on those it has.
#ifndef DLM_CLI_PIPELINE_HPP
#define DLM_CLI_PIPELINE_HPP

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <system_error>
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
                     std::chrono::milliseconds idle_period = std::chrono::milliseconds(200),
                     std::size_t max_bytes_in_flight = std::numeric_limits<std::size_t>::max())
        : max_in_flight_(max_in_flight < 1 ? 1 : max_in_flight), max_bytes_in_flight_(max_bytes_in_flight),
          work_(std::move(work)), emit_(std::move(emit)), idle_(std::move(idle)), idle_period_(idle_period) {
        // A thread that cannot be started (EAGAIN: a process or memory limit) is not fatal: run with fewer.
        try {
            emitter_ = std::thread([this] { run_emitter(); });
        } catch (const std::system_error&) {
            inline_ = true;  // no emitter: everything runs on the submitting thread
            return;
        }
        for (unsigned i = 0; i < (workers < 1 ? 1 : workers); ++i) {
            try {
                workers_.emplace_back([this] { run_worker(); });
            } catch (const std::system_error&) {
                break;
            }
        }
        if (workers_.empty()) {  // the emitter alone: stop it and run inline
            {
                std::lock_guard<std::mutex> lock(mutex_);
                closed_ = true;
            }
            result_ready_.notify_all();
            emitter_.join();
            closed_ = false;
            inline_ = true;
        }
    }

    /// The number of worker threads running (0: jobs run on the submitting thread).
    [[nodiscard]] std::size_t threads() const noexcept { return workers_.size(); }

    ordered_pipeline(const ordered_pipeline&) = delete;
    ordered_pipeline& operator=(const ordered_pipeline&) = delete;

    ~ordered_pipeline() { finish(); }

    /// Queues a job of `bytes` weight; blocks while `max_in_flight` jobs, or `max_bytes_in_flight` bytes, are
    /// pending (a job is always let through when nothing is pending).
    void submit(Job job, std::size_t bytes = 0) {
        if (inline_) {
            Result result = work_(job);
            emit_(result);
            return;
        }
        std::unique_lock<std::mutex> lock(mutex_);
        space_.wait(lock, [this, bytes] {
            return submitted_ == emitted_ ||
                   (submitted_ - emitted_ < max_in_flight_ && bytes <= max_bytes_in_flight_ - bytes_in_flight_);
        });
        bytes_in_flight_ += bytes;
        queue_.push_back({submitted_++, bytes, std::move(job)});
        work_ready_.notify_one();
    }

    /// Waits until every submitted job has been emitted, then stops the threads. Idempotent.
    void finish() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (closed_ || inline_) return;
            closed_ = true;
        }
        work_ready_.notify_all();
        result_ready_.notify_all();
        for (auto& worker : workers_) worker.join();
        emitter_.join();
    }

private:
    struct queued {
        std::size_t number;
        std::size_t bytes;
        Job job;
    };
    struct finished {
        std::size_t bytes;
        Result result;
    };

    void run_worker() {
        while (true) {
            std::optional<queued> item;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                work_ready_.wait(lock, [this] { return closed_ || !queue_.empty(); });
                if (queue_.empty()) return;  // closed and drained
                item.emplace(std::move(queue_.front()));
                queue_.pop_front();
            }
            Result result = work_(item->job);
            item->job = Job();  // release the input now: only the result waits for its turn
            std::lock_guard<std::mutex> lock(mutex_);
            done_.emplace(item->number, finished{item->bytes, std::move(result)});
            if (item->number == emitted_) result_ready_.notify_one();
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
                Result result = std::move(next->second.result);
                const std::size_t bytes = next->second.bytes;
                done_.erase(next);
                lock.unlock();
                emit_(result);
                lock.lock();
                ++emitted_;
                bytes_in_flight_ -= bytes;
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
    const std::size_t max_bytes_in_flight_;
    std::function<Result(Job&)> work_;
    std::function<void(Result&)> emit_;
    std::function<void()> idle_;
    std::chrono::milliseconds idle_period_;

    std::mutex mutex_;
    std::condition_variable work_ready_;
    std::condition_variable result_ready_;
    std::condition_variable space_;
    std::deque<queued> queue_;
    std::map<std::size_t, finished> done_;
    std::size_t bytes_in_flight_ = 0;
    std::size_t submitted_ = 0;
    std::size_t emitted_ = 0;
    bool closed_ = false;
    bool inline_ = false;
    std::vector<std::thread> workers_;
    std::thread emitter_;
};

}  // namespace dlm_cli

#endif  // DLM_CLI_PIPELINE_HPP
