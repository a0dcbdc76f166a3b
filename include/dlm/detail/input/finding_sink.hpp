#ifndef DLM_DETAIL_INPUT_FINDING_SINK_HPP
#define DLM_DETAIL_INPUT_FINDING_SINK_HPP

// Where the bounded reader and the limit walk put their findings, with the cap on how many are kept.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/limits.hpp>
#include <dlm/report.hpp>
#include <dlm/rules.hpp>

namespace dlm::detail {

/// How many bytes of a hostile value (a long string, key or number) a message quotes.
inline constexpr std::size_t quoted_value_bytes = 60;

/// The largest integer the library handles exactly: valijson reads integers as int64_t.
inline constexpr std::uint64_t largest_exact_integer = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

/// Collects the findings of one parse or walk. Fatal findings are always kept; the others only up to
/// `limits::max_findings`, with one `input.findings-truncated` warning counting the rest.
class finding_sink {
public:
    finding_sink(report& out, std::size_t max_findings) noexcept : out_(out), max_findings_(max_findings) {}

    /// Records an error that ends the parse or walk.
    void fatal(std::string rule, std::string pointer, std::string message) {
        out_.error(std::move(rule), std::move(pointer), std::move(message));
    }

    /// Records an error unless the cap is reached; the pointer and message are built only when kept.
    template <typename MakePointer, typename MakeMessage>
    void error(std::string_view rule, MakePointer&& make_pointer, MakeMessage&& make_message) {
        if (listed_ == max_findings_) {
            ++dropped_;
            return;
        }
        ++listed_;
        out_.error(std::string(rule), make_pointer(), make_message());
    }

    /// Adds the truncation warning when findings were dropped; call once at the end.
    void finish() {
        if (dropped_ > 0) {
            out_.warning(rules::input_findings_truncated, "",
                         std::to_string(dropped_) + " more input findings were not listed (limit: " +
                             std::to_string(max_findings_) + ")");
        }
    }

private:
    report& out_;
    std::size_t max_findings_;
    std::size_t listed_ = 0;
    std::size_t dropped_ = 0;
};

}  // namespace dlm::detail

#endif  // DLM_DETAIL_INPUT_FINDING_SINK_HPP
