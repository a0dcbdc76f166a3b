#ifndef DLM_DETAIL_MODEL_READER_HPP
#define DLM_DETAIL_MODEL_READER_HPP

// A view of one JSON value together with its absolute JSON pointer, so that the readers in
// dlm/json.hpp can throw `dlm::error` at the exact place a document goes wrong. Every accessor
// checks the JSON type first and uses only non-throwing nlohmann calls, so no nlohmann exception
// can escape.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include <dlm/detail/json/numbers.hpp>
#include <dlm/detail/model/legacy_names.hpp>
#include <dlm/detail/json/pointer.hpp>
#include <dlm/detail/json/text.hpp>
#include <dlm/error.hpp>

namespace dlm::detail {

/// One JSON value being read, and where it is (an RFC 6901 pointer from the document root).
class reader {
public:
    /// Reads `value`, located at `pointer`; `value` must outlive the reader.
    reader(const nlohmann::json& value, std::string pointer) : value_(&value), pointer_(std::move(pointer)) {}

    /// The value itself.
    [[nodiscard]] const nlohmann::json& value() const noexcept { return *value_; }

    /// Its absolute pointer.
    [[nodiscard]] const std::string& pointer() const noexcept { return pointer_; }

    /// Throws `dlm::error` at this value's pointer.
    [[noreturn]] void fail(const std::string& reason) const { throw dlm::error(pointer_, reason); }

    /// Throws "expected <what>, found <the type found>".
    [[noreturn]] void fail_expected(std::string_view what) const {
        fail("expected " + std::string(what) + ", found " + describe_type(*value_));
    }

    /// Throws unless the value is an object.
    void require_object() const {
        if (!value_->is_object()) fail_expected("an object");
    }

    /// Throws unless the value is an array.
    void require_array() const {
        if (!value_->is_array()) fail_expected("an array");
    }

    /// The member `key` of this object, or nullopt when absent (the value must be an object).
    [[nodiscard]] std::optional<reader> find(std::string_view key) const {
        require_object();
        const auto& members = value_->get_ref<const nlohmann::json::object_t&>();
        const auto it = members.find(key);
        if (it == members.end()) return std::nullopt;
        std::string child = pointer_;
        append(child, key);
        return reader(it->second, std::move(child));
    }

    /// The member `key` of this object; throws "missing required member" when absent.
    [[nodiscard]] reader at(std::string_view key) const {
        auto member = find(key);
        if (!member) {
            std::string reason = "missing required member " + quote(key);
            if (const std::string_view legacy = legacy_name_of(key); !legacy.empty() && find(legacy)) {
                reason += "; found the beta.2 name " + quote(legacy) + ", which `dlm upgrade` renames";
            }
            fail(reason);
        }
        return std::move(*member);
    }

    /// The element `index` of this array (which must be in range).
    [[nodiscard]] reader at(std::size_t index) const {
        std::string child = pointer_;
        append(child, index);
        return reader((*value_)[index], std::move(child));
    }

    /// The number of elements of this array (throws unless it is one).
    [[nodiscard]] std::size_t array_size() const {
        require_array();
        return value_->size();
    }

    /// The value as a string.
    [[nodiscard]] std::string string() const {
        if (!value_->is_string()) fail_expected("a string");
        return value_->get_ref<const std::string&>();
    }

    /// The value as a boolean.
    [[nodiscard]] bool boolean() const {
        if (!value_->is_boolean()) fail_expected("a boolean");
        return value_->get<bool>();
    }

    /// The value as a number (any JSON number; integers above 2^53 lose precision, as in any double).
    [[nodiscard]] double number() const {
        if (!value_->is_number()) fail_expected("a number");
        return value_->get<double>();
    }

    /// The value as an integer: a JSON number with no fractional part (so `4.0` is 4) that fits in 64 bits.
    [[nodiscard]] std::int64_t integer() const {
        switch (value_->type()) {
            case nlohmann::json::value_t::number_integer: return value_->get<std::int64_t>();
            case nlohmann::json::value_t::number_unsigned: {
                const auto u = value_->get<std::uint64_t>();
                if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
                    fail("expected an integer below 2^63, found " + value_->dump());
                }
                return static_cast<std::int64_t>(u);
            }
            case nlohmann::json::value_t::number_float: {
                const double d = value_->get<double>();
                if (!is_integral(d)) {
                    fail("expected an integer, found a number with a fractional part (" + value_->dump() + ")");
                }
                // [-2^63, 2^63): both bounds are exact doubles.
                if (d < -9223372036854775808.0 || d >= 9223372036854775808.0) {
                    fail("expected an integer that fits in 64 bits, found " + value_->dump());
                }
                return static_cast<std::int64_t>(d);
            }
            default: fail_expected("an integer");
        }
    }

    /// The members of this object whose names are not in `known`, as an object (never null).
    [[nodiscard]] nlohmann::json extra(std::initializer_list<std::string_view> known) const {
        require_object();
        nlohmann::json out = nlohmann::json::object();
        for (const auto& [key, member] : value_->get_ref<const nlohmann::json::object_t&>()) {
            bool is_known = false;
            for (const std::string_view name : known) {
                if (key == name) {
                    is_known = true;
                    break;
                }
            }
            if (!is_known) out.get_ref<nlohmann::json::object_t&>().emplace(key, member);
        }
        return out;
    }

private:
    const nlohmann::json* value_;
    std::string pointer_;
};

}  // namespace dlm::detail

#endif  // DLM_DETAIL_MODEL_READER_HPP
