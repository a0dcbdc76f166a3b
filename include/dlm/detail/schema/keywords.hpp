#ifndef DLM_DETAIL_SCHEMA_KEYWORDS_HPP
#define DLM_DETAIL_SCHEMA_KEYWORDS_HPP

// The validator's own implementations of the JSON Schema keywords that valijson 1.0 gets wrong, slow or unclear
// (see ../shared/notes/dependency-probe.md): `type` (draft-07 counts 1.0 as an integer), the numeric bounds (valijson
// reads unsigned values through int64_t), `format` (valijson's is slow, rejects null, throws on containers),
// `pattern` (std::regex recurses once per character: guarded by a length check, compiled once), `uniqueItems`
// (valijson's is quadratic and reports every equal pair), `multipleOf` (valijson's casts a large double to int64_t),
// and the keywords whose messages we word ourselves.
// The bundler renames each keyword K to "x-dlm-K" so that valijson hands it to these classes.

#include <dlm/detail/json/numbers.hpp>
#include <dlm/detail/schema/formats.hpp>
#include <dlm/detail/schema/markers.hpp>
#include <dlm/detail/json/text.hpp>
#include <dlm/detail/schema/valijson.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <new>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dlm::detail {

/// The longest string a `pattern` is run on: std::regex recurses once per character (see the README's limits).
inline constexpr std::size_t pattern_max_length = 512;


using valijson_adapter = valijson::adapters::Adapter;

/// A copy of an adapter's value as JSON (schema keyword values are small; documents are depth-limited).
inline nlohmann::json to_json(const valijson_adapter& node) {
    if (node.isObject()) {
        nlohmann::json object = nlohmann::json::object();
        node.applyToObject([&](const std::string& key, const valijson_adapter& value) {
            object[key] = to_json(value);
            return true;
        });
        return object;
    }
    if (node.isArray()) {
        nlohmann::json array = nlohmann::json::array();
        node.applyToArray([&](const valijson_adapter& value) {
            array.push_back(to_json(value));
            return true;
        });
        return array;
    }
    if (node.isString()) return node.getString();
    if (node.isBool()) return node.getBool();
    if (node.isInteger()) return node.getInteger();
    if (node.isDouble()) return node.getDouble();
    return nullptr;
}

/// True for a number with no fractional part: draft-07's definition of "integer".
inline bool is_integral(const valijson_adapter& value) {
    if (value.isInteger()) return true;
    if (!value.isDouble()) return false;
    return is_integral(value.getDouble());
}

/// A number as a person writes it: 1 rather than 1.000000.
inline std::string format_number(long double number) {
    if (std::isfinite(number) && std::floor(number) == number && std::fabs(number) < 1e15L) {
        return std::to_string(static_cast<long long>(number));
    }
    return nlohmann::json(static_cast<double>(number)).dump();
}

/// "a string", "an integer", ... for a document value.
inline std::string describe(const valijson_adapter& value) {
    if (value.isString()) return "a string";
    if (value.isObject()) return "an object";
    if (value.isArray()) return "an array";
    if (value.isBool()) return "a boolean";
    if (value.isNull()) return "null";
    if (value.isInteger()) return "an integer";
    if (value.isDouble()) return std::isfinite(value.getDouble()) ? "a number" : "a non-finite number";
    return "an unknown value";
}

/// The value itself for scalars (strings quoted and truncated), its kind for containers.
inline std::string show(const valijson_adapter& value) {
    if (value.isString()) return quote(value.getString());
    if (value.isBool()) return value.getBool() ? "true" : "false";
    if (value.isNull()) return "null";
    if (value.isInteger()) return std::to_string(value.getInteger());
    if (value.isDouble()) return format_number(value.getDouble());
    return describe(value);
}

/// Draft-07 equality between a schema value and a document value: numbers compare by value (1 == 1.0).
inline bool json_equal(const nlohmann::json& expected, const valijson_adapter& actual) {
    switch (expected.type()) {
        case nlohmann::json::value_t::null: return actual.isNull();
        case nlohmann::json::value_t::boolean: return actual.isBool() && actual.getBool() == expected.get<bool>();
        case nlohmann::json::value_t::string: return actual.isString() && actual.getString() == expected.get_ref<const std::string&>();
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
        case nlohmann::json::value_t::number_float: {
            if (!actual.isNumber()) return false;
            const long double want = expected.get<long double>();
            const long double have = actual.isInteger() ? static_cast<long double>(actual.getInteger())
                                                        : static_cast<long double>(actual.getDouble());
            return want == have;
        }
        case nlohmann::json::value_t::array: {
            if (!actual.isArray() || actual.getArraySize() != expected.size()) return false;
            std::size_t index = 0;
            return actual.applyToArray([&](const valijson_adapter& item) { return json_equal(expected[index++], item); });
        }
        case nlohmann::json::value_t::object: {
            if (!actual.isObject() || actual.getObjectSize() != expected.size()) return false;
            return actual.applyToObject([&](const std::string& key, const valijson_adapter& member) {
                const auto found = expected.find(key);
                return found != expected.end() && json_equal(*found, member);
            });
        }
        default: return false;
    }
}

/// A canonical text of a document value, equal for values that draft-07 calls equal (for uniqueItems).
inline void canonical_text(const valijson_adapter& value, std::string& out) {
    if (value.isObject()) {
        std::vector<std::pair<std::string, std::string>> members;
        value.applyToObject([&](const std::string& key, const valijson_adapter& member) {
            std::string text;
            canonical_text(member, text);
            members.emplace_back(key, std::move(text));
            return true;
        });
        std::sort(members.begin(), members.end());
        out += '{';
        for (const auto& [key, text] : members) {
            out += nlohmann::json(key).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            out += ':';
            out += text;
            out += ',';
        }
        out += '}';
    } else if (value.isArray()) {
        out += '[';
        value.applyToArray([&](const valijson_adapter& item) {
            canonical_text(item, out);
            out += ',';
            return true;
        });
        out += ']';
    } else if (value.isString()) {
        out += nlohmann::json(value.getString()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else if (value.isNumber()) {
        const long double number = value.isInteger() ? static_cast<long double>(value.getInteger())
                                                     : static_cast<long double>(value.getDouble());
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.21Lg", number);
        out += buffer;
    } else {
        out += show(value);
    }
}

/// valijson's context of a member or an item of the value at `context` ("[key]", "[0]").
inline std::vector<std::string> child_context(const std::vector<std::string>& context, const std::string& token) {
    auto child = context;
    child.push_back("[" + token + "]");
    return child;
}

/// Base of every custom keyword: valijson clones constraints into its own storage.
template <typename Derived>
class custom_constraint : public valijson::constraints::PolyConstraint {
public:
    bool validate(const valijson_adapter& target, const std::vector<std::string>& context,
                  valijson::ValidationResults* results) const override {
        return static_cast<const Derived&>(*this).check(target, context, results);
    }

private:
    valijson::constraints::Constraint* cloneInto(void* memory) const override {
        return new (memory) Derived(static_cast<const Derived&>(*this));
    }
    size_t sizeOf() const override { return sizeof(Derived); }
};

/// `type`, with draft-07's integers (a number with no fractional part) and a message that names both sides.
class type_constraint : public custom_constraint<type_constraint> {
public:
    explicit type_constraint(const valijson_adapter& node) {
        if (node.isString()) {
            add(node.getString());
        } else if (node.isArray()) {
            node.applyToArray([&](const valijson_adapter& item) {
                if (!item.isString()) throw std::runtime_error("'type' must hold strings");
                add(item.getString());
                return true;
            });
        } else {
            throw std::runtime_error("'type' must be a string or an array of strings");
        }
    }

    bool check(const valijson_adapter& target, const std::vector<std::string>& context,
               valijson::ValidationResults* results) const {
        if (matches(target)) return true;
        if (results) {
            std::string expected;
            for (std::size_t i = 0; i < names_.size(); ++i) {
                if (i > 0) expected += i + 1 == names_.size() ? " or " : ", ";
                expected += article(names_[i]);
            }
            results->pushError(context, "expected " + expected + ", found " + describe(target));
        }
        return false;
    }

private:
    enum kind : unsigned { k_null = 1, k_boolean = 2, k_object = 4, k_array = 8, k_number = 16, k_integer = 32, k_string = 64 };

    void add(const std::string& name) {
        static const std::pair<const char*, unsigned> table[] = {{"null", k_null},     {"boolean", k_boolean},
                                                                 {"object", k_object}, {"array", k_array},
                                                                 {"number", k_number}, {"integer", k_integer},
                                                                 {"string", k_string}};
        for (const auto& [text, bit] : table) {
            if (name == text) {
                mask_ |= bit;
                names_.push_back(name);
                return;
            }
        }
        throw std::runtime_error("unknown type '" + name + "'");
    }

    static std::string article(const std::string& name) {
        if (name == "null") return "null";
        if (name == "integer" || name == "object" || name == "array") return "an " + name;
        return "a " + name;
    }

    bool matches(const valijson_adapter& value) const {
        if (value.isNull()) return mask_ & k_null;
        if (value.isBool()) return mask_ & k_boolean;
        if (value.isObject()) return mask_ & k_object;
        if (value.isArray()) return mask_ & k_array;
        if (value.isString()) return mask_ & k_string;
        if (value.isNumber()) {
            if (mask_ & k_number) return value.isInteger() || std::isfinite(value.getDouble());
            return (mask_ & k_integer) && is_integral(value);
        }
        return false;
    }

    unsigned mask_ = 0;
    std::vector<std::string> names_;
};

/// `enum` and `const`, compared as draft-07 says, with the allowed values in the message.
class enum_constraint : public custom_constraint<enum_constraint> {
public:
    enum_constraint(const valijson_adapter& node, bool single) {
        if (single) {
            values_.push_back(to_json(node));
        } else {
            if (!node.isArray()) throw std::runtime_error("'enum' must be an array");
            node.applyToArray([&](const valijson_adapter& item) {
                values_.push_back(to_json(item));
                return true;
            });
        }
    }

    bool check(const valijson_adapter& target, const std::vector<std::string>& context,
               valijson::ValidationResults* results) const {
        if (target.isString()) {
            const std::string text = target.getString();  // one copy, not one per allowed value
            for (const auto& value : values_) {
                if (value.is_string() && value.get_ref<const std::string&>() == text) return true;
            }
        } else {
            for (const auto& value : values_) {
                if (json_equal(value, target)) return true;
            }
        }
        if (results) {
            std::string allowed;
            for (std::size_t i = 0; i < values_.size() && allowed.size() < 400; ++i) {
                if (i > 0) allowed += ", ";
                allowed += values_[i].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            }
            results->pushError(context, (values_.size() == 1 ? "expected " : "expected one of ") + allowed +
                                            ", found " + show(target));
        }
        return false;
    }

private:
    std::vector<nlohmann::json> values_;
};

/// `required`, one finding per missing member, on the object that lacks it.
class required_constraint : public custom_constraint<required_constraint> {
public:
    explicit required_constraint(const valijson_adapter& node) {
        if (!node.isArray()) throw std::runtime_error("'required' must be an array of strings");
        node.applyToArray([&](const valijson_adapter& item) {
            if (!item.isString()) throw std::runtime_error("'required' must be an array of strings");
            names_.push_back(item.getString());
            return true;
        });
    }

    bool check(const valijson_adapter& target, const std::vector<std::string>& context,
               valijson::ValidationResults* results) const {
        if (!target.isObject()) return true;
        // The validator's documents are nlohmann values: look members up instead of copying every name.
        const auto* document = dynamic_cast<const valijson::adapters::NlohmannJsonAdapter*>(&target);
        bool ok = true;
        for (const auto& name : names_) {
            bool present = false;
            if (document != nullptr) {
                const auto object = document->asObject();
                present = object.find(name) != object.end();
            } else {
                target.applyToObject([&](const std::string& key, const valijson_adapter&) {
                    present = key == name;
                    return !present;
                });
            }
            if (present) continue;
            ok = false;
            if (!results) return false;
            results->pushError(context, "missing required member " + quote(name));
        }
        return ok;
    }

private:
    std::vector<std::string> names_;
};

/// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, exact for every integer and finite double.
class bound_constraint : public custom_constraint<bound_constraint> {
public:
    enum class kind { minimum, maximum, exclusive_minimum, exclusive_maximum };

    bound_constraint(const valijson_adapter& node, kind which) : kind_(which) {
        if (!node.isNumber()) throw std::runtime_error("numeric bounds must be numbers");
        bound_ = node.isInteger() ? static_cast<long double>(node.getInteger()) : static_cast<long double>(node.getDouble());
    }

    bool check(const valijson_adapter& target, const std::vector<std::string>& context,
               valijson::ValidationResults* results) const {
        if (!target.isNumber()) return true;
        const long double value = target.isInteger() ? static_cast<long double>(target.getInteger())
                                                     : static_cast<long double>(target.getDouble());
        bool ok = std::isfinite(value);
        const char* relation = "";
        switch (kind_) {
            case kind::minimum: ok = ok && value >= bound_; relation = ">="; break;
            case kind::maximum: ok = ok && value <= bound_; relation = "<="; break;
            case kind::exclusive_minimum: ok = ok && value > bound_; relation = ">"; break;
            case kind::exclusive_maximum: ok = ok && value < bound_; relation = "<"; break;
        }
        if (!ok && results) {
            results->pushError(context, std::string("must be ") + relation + " " + format_number(bound_) +
                                            ", found " + show(target));
        }
        return ok;
    }

private:
    kind kind_;
    long double bound_ = 0;
};

/// `multipleOf`. valijson casts a double instance to int64_t when the divisor is an integer, which is undefined for a
/// double beyond that range (1.8e19: found by the schema fuzz target). Here an integer instance and an integer divisor
/// divide exactly; anything else follows valijson's rule for a fractional divisor (the remainder of value / divisor
/// within a double's epsilon), so the shipped schemas' verdicts do not change.
class multiple_of_constraint : public custom_constraint<multiple_of_constraint> {
public:
    explicit multiple_of_constraint(const valijson_adapter& node) {
        if (!node.isNumber()) throw std::runtime_error("multipleOf must be a number");
        if (node.isInteger()) {
            integer_divisor_ = node.getInteger();
            divisor_ = static_cast<double>(integer_divisor_);
        } else {
            divisor_ = node.getDouble();
        }
        // Refused before compilation in untrusted schemas (untrusted.hpp); never in the shipped ones.
        if (!(divisor_ > 0) || !std::isfinite(divisor_)) throw std::runtime_error("multipleOf must be greater than 0");
    }

    bool check(const valijson_adapter& target, const std::vector<std::string>& context,
               valijson::ValidationResults* results) const {
        if (!target.isNumber()) return true;
        bool ok = true;
        if (target.isInteger() && integer_divisor_ > 0) {
            ok = target.getInteger() % integer_divisor_ == 0;
        } else {
            const double value = target.isInteger() ? static_cast<double>(target.getInteger()) : target.getDouble();
            ok = std::isfinite(value) && (value == 0 || std::fabs(std::remainder(value, divisor_)) <=
                                                            std::numeric_limits<double>::epsilon());
        }
        if (!ok && results) {
            results->pushError(context, "must be a multiple of " + format_number(static_cast<long double>(divisor_)) +
                                            ", found " + show(target));
        }
        return ok;
    }

private:
    double divisor_ = 1;
    std::int64_t integer_divisor_ = 0;  ///< the divisor when it is an integer, else 0
};

/// `minItems`, `maxItems`, `minLength`, `maxLength` (in code points), `minProperties`, `maxProperties`.
class size_constraint : public custom_constraint<size_constraint> {
public:
    enum class kind { min_items, max_items, min_length, max_length, min_properties, max_properties };

    size_constraint(const valijson_adapter& node, kind which) : kind_(which) {
        if (!is_integral(node) || (node.isInteger() ? node.getInteger() < 0 : node.getDouble() < 0)) {
            throw std::runtime_error("size keywords must be non-negative integers");
        }
        limit_ = node.isInteger() ? static_cast<std::uint64_t>(node.getInteger()) : static_cast<std::uint64_t>(node.getDouble());
    }

    bool check(const valijson_adapter& target, const std::vector<std::string>& context,
               valijson::ValidationResults* results) const {
        std::uint64_t size = 0;
        const char* unit = "";
        switch (kind_) {
            case kind::min_items:
            case kind::max_items:
                if (!target.isArray()) return true;
                size = target.getArraySize();
                unit = "item";
                break;
            case kind::min_length:
            case kind::max_length: {
                if (!target.isString()) return true;
                const std::string text = target.getString();
                size = static_cast<std::uint64_t>(std::count_if(text.begin(), text.end(), [](char c) {
                    return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
                }));
                unit = "character";
                break;
            }
            case kind::min_properties:
            case kind::max_properties:
                if (!target.isObject()) return true;
                size = target.getObjectSize();
                unit = "member";
                break;
        }
        const bool at_least = kind_ == kind::min_items || kind_ == kind::min_length || kind_ == kind::min_properties;
        const bool ok = at_least ? size >= limit_ : size <= limit_;
        if (!ok && results) {
            results->pushError(context, std::string("must have ") + (at_least ? "at least " : "at most ") +
                                            std::to_string(limit_) + " " + unit + (limit_ == 1 ? "" : "s") +
                                            ", found " + std::to_string(size));
        }
        return ok;
    }

private:
    kind kind_;
    std::uint64_t limit_ = 0;
};

/// `pattern`: compiled once when the schema is built, and never run on a string longer than pattern_max_length.
/// With libstdc++ it runs breadth-first (its `__polynomial` mode): no backtracking, so `^(a+)+$` costs the same as
/// `^a+$`, and no recursion per subject character. A search for P is run as an anchored match of `[\s\S]*(?:P)`,
/// which that matcher answers in one pass instead of one pass per start position.
class pattern_constraint : public custom_constraint<pattern_constraint> {
public:
    explicit pattern_constraint(const valijson_adapter& node) {
        if (!node.isString()) throw std::runtime_error("'pattern' must be a string");
        source_ = node.getString();
        regex_ = compile(source_);  // throws std::regex_error on an unsupported pattern
    }

    /// The regex the constraint runs for `pattern` (with std::regex_search and `match_flags`).
    static std::regex compile(const std::string& pattern) {
#if defined(__GLIBCXX__)
        // Compiled alone first, so that a pattern that is not well-formed on its own (e.g. "a)(b") is refused.
        static_cast<void>(std::regex(pattern, std::regex::ECMAScript | std::regex_constants::__polynomial));
        return std::regex("[\\s\\S]*(?:" + pattern + ")", std::regex::ECMAScript | std::regex_constants::__polynomial);
#else
        return std::regex(pattern, std::regex::ECMAScript);
#endif
    }

    /// The match flags that go with compile().
    static constexpr std::regex_constants::match_flag_type match_flags =
#if defined(__GLIBCXX__)
        std::regex_constants::match_continuous;
#else
        std::regex_constants::match_default;
#endif

    bool check(const valijson_adapter& target, const std::vector<std::string>& context,
               valijson::ValidationResults* results) const {
        if (!target.isString()) return true;
        const std::string text = target.getString();
        if (text.size() > pattern_max_length) {
            if (results) {
                results->pushError(context, "is " + std::to_string(text.size()) + " bytes long; a value checked against pattern " +
                                                quote(source_, 100) + " may have at most " +
                                                std::to_string(pattern_max_length));
            }
            return false;
        }
        if (std::regex_search(text, regex_, match_flags)) return true;
        if (results) results->pushError(context, "does not match pattern " + quote(source_, 100) + ", found " + quote(text));
        return false;
    }

private:
    std::string source_;
    std::regex regex_;
};

/// `format`, checked by linear parsers; unknown formats are annotations (draft-07) and always pass.
class format_constraint : public custom_constraint<format_constraint> {
public:
    explicit format_constraint(const valijson_adapter& node) {
        if (!node.isString()) throw std::runtime_error("'format' must be a string");
        name_ = node.getString();
    }

    bool check(const valijson_adapter& target, const std::vector<std::string>& context,
               valijson::ValidationResults* results) const {
        if (!target.isString()) return true;
        const std::string text = target.getString();
        const char* what = nullptr;
        bool ok = true;
        if (name_ == "date-time") { ok = is_date_time(text); what = "an RFC 3339 date-time"; }
        else if (name_ == "date") { ok = is_date(text); what = "an RFC 3339 full-date"; }
        else if (name_ == "time") { ok = is_time(text); what = "an RFC 3339 full-time"; }
        else if (name_ == "uri") { ok = is_uri(text); what = "an absolute URI"; }
        else if (name_ == "uri-reference") { ok = is_uri_reference(text); what = "a URI reference"; }
        else if (name_ == "iri") { ok = is_iri(text); what = "an absolute IRI"; }
        else if (name_ == "iri-reference") { ok = is_iri_reference(text); what = "an IRI reference"; }
        else if (name_ == "email") { ok = is_email(text); what = "an e-mail address"; }
        if (!ok && results) results->pushError(context, std::string("expected ") + what + ", found " + quote(text));
        return ok;
    }

private:
    std::string name_;
};

/// `uniqueItems`, in O(n log n), one finding per repeated item.
class unique_items_constraint : public custom_constraint<unique_items_constraint> {
public:
    explicit unique_items_constraint(const valijson_adapter& node) {
        if (!node.isBool()) throw std::runtime_error("'uniqueItems' must be a boolean");
        enabled_ = node.getBool();
    }

    bool check(const valijson_adapter& target, const std::vector<std::string>& context,
               valijson::ValidationResults* results) const {
        if (!enabled_ || !target.isArray()) return true;
        std::vector<std::pair<std::string, std::size_t>> items;
        items.reserve(target.getArraySize());
        target.applyToArray([&](const valijson_adapter& item) {
            std::string text;
            canonical_text(item, text);
            items.emplace_back(std::move(text), items.size());
            return true;
        });
        std::sort(items.begin(), items.end());
        bool ok = true;
        std::size_t reported = 0;
        for (std::size_t i = 1; i < items.size(); ++i) {
            if (items[i].first != items[i - 1].first) continue;
            ok = false;
            if (!results) return false;
            if (++reported > 10) break;
            // items[i - 1] has the smaller index: it is the first occurrence of this run.
            std::size_t first = i - 1;
            while (first > 0 && items[first - 1].first == items[i].first) --first;
            results->pushError(child_context(context, std::to_string(items[i].second)), "repeats item " + std::to_string(items[first].second) +
                                                 " (items must be unique)");
        }
        return ok;
    }

private:
    bool enabled_ = true;
};

/// Members whose name starts with a prefix must be among those defined (see schema_bundle.hpp, close_prefix).
class closed_prefix_constraint : public custom_constraint<closed_prefix_constraint> {
public:
    explicit closed_prefix_constraint(const valijson_adapter& node) {
        const nlohmann::json config = to_json(node);
        prefix_ = config.at("prefix").get<std::string>();
        defined_ = config.at("defined").get<std::vector<std::string>>();
        std::sort(defined_.begin(), defined_.end());
    }

    bool check(const valijson_adapter& target, const std::vector<std::string>& context,
               valijson::ValidationResults* results) const {
        if (!target.isObject()) return true;
        bool ok = true;
        target.applyToObject([&](const std::string& key, const valijson_adapter&) {
            if (key.compare(0, prefix_.size(), prefix_) != 0 || std::binary_search(defined_.begin(), defined_.end(), key)) {
                return true;
            }
            ok = false;
            if (!results) return false;
            results->pushError(child_context(context, key), "member " + quote(key) + " is not allowed here: no field of that name has the prefix " +
                                                   quote(prefix_));
            return true;
        });
        return ok;
    }

private:
    std::string prefix_;
    std::vector<std::string> defined_;
};

/// What a run of an untrusted schema has left of its budget of subschema evaluations, on this thread (set by the
/// validator before each run; see step_constraint).
inline std::size_t& step_budget_left() {
    thread_local std::size_t left = 0;
    return left;
}

/// Thrown out of a schema run when step_budget_left() is spent: the schema is too costly for the document.
class step_budget_exceeded : public std::runtime_error {
public:
    step_budget_exceeded() : std::runtime_error("the schema needs too many steps on this document") {}
};

/// Counts one evaluation of a subschema. The bundler puts one in every subschema of a schema the library does not
/// ship, so that a schema whose work grows exponentially (an allOf of two refs to an allOf of two refs ..., or two
/// recursive oneOf branches over a deep document) stops at a known, deterministic point instead of running for hours.
class step_constraint : public custom_constraint<step_constraint> {
public:
    explicit step_constraint(const valijson_adapter&) {}

    bool check(const valijson_adapter&, const std::vector<std::string>&, valijson::ValidationResults*) const {
        std::size_t& left = step_budget_left();
        if (left == 0) throw step_budget_exceeded();
        --left;
        return true;
    }
};

/// The `false` schema: nothing is allowed here (the bundler writes it for `false`, which valijson fails silently). Its
/// value is `true`, or the reason the enclosing schema gives (its title or description, already sanitized).
class never_constraint : public custom_constraint<never_constraint> {
public:
    explicit never_constraint(const valijson_adapter& node) {
        if (node.isString()) reason_ = node.getString();
    }

    bool check(const valijson_adapter&, const std::vector<std::string>& context, valijson::ValidationResults* results) const {
        if (results) results->pushError(context, reason_.empty() ? "is not allowed here" : "is not allowed here: " + reason_);
        return false;
    }

private:
    std::string reason_;
};

/// Records, in the results, where one branch of an anyOf/oneOf ended and how many entries it left (findings.hpp).
class branch_marker_constraint : public custom_constraint<branch_marker_constraint> {
public:
    explicit branch_marker_constraint(const valijson_adapter& node) {
        if (!node.isString()) throw std::runtime_error("bad branch marker");
        label_ = node.getString();
    }

    bool check(const valijson_adapter&, const std::vector<std::string>& context,
               valijson::ValidationResults* results) const {
        if (results) {
            results->pushError(context, branch_marker_entry(label_, results->numErrors()));
        }
        return true;
    }

private:
    std::string label_;
};

inline void register_custom_keywords(valijson::SchemaParser& parser);

/// `propertyNames` with a self-contained schema: valijson's own fails without saying which name or why.
class property_names_constraint : public custom_constraint<property_names_constraint> {
public:
    explicit property_names_constraint(const valijson_adapter& node) {
        const nlohmann::json schema = to_json(node);
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        register_custom_keywords(parser);
        auto compiled = std::make_shared<valijson::Schema>();
        parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(schema), *compiled);
        schema_ = std::move(compiled);
    }

    bool check(const valijson_adapter& target, const std::vector<std::string>& context,
               valijson::ValidationResults* results) const {
        if (!target.isObject()) return true;
        bool ok = true;
        target.applyToObject([&](const std::string& key, const valijson_adapter&) {
            valijson::Validator engine(valijson::Validator::kStrongTypes);
            const valijson::adapters::StdStringAdapter name(key);
            if (engine.validate(*schema_, name, nullptr)) return true;
            ok = false;
            if (!results) return false;
            valijson::ValidationResults inner;
            engine.validate(*schema_, name, &inner);
            std::string reason;
            valijson::ValidationResults::Error error;
            while (inner.popError(error)) {
                if (is_branch_marker_entry(error.description)) continue;
                reason = error.description;
                break;
            }
            results->pushError(child_context(context, key), "the member name " + quote(key) + " is not allowed" +
                                                    (reason.empty() ? std::string() : ": " + reason));
            return true;
        });
        return ok;
    }

private:
    std::shared_ptr<const valijson::Schema> schema_;
};

/// Makes one constraint class from its keyword's value.
template <typename Make>
class lambda_builder : public valijson::ConstraintBuilder {
public:
    explicit lambda_builder(Make make) : make_(std::move(make)) {}
    valijson::constraints::Constraint* make(const valijson_adapter& node) const override { return make_(node); }

private:
    Make make_;
};

template <typename Make>
inline void add_builder(valijson::SchemaParser& parser, const std::string& keyword, Make make) {
    parser.addConstraintBuilder(keyword, new lambda_builder<Make>(std::move(make)));
}

/// The keywords the bundler renames to "x-dlm-<keyword>", handled by the classes above.
inline constexpr std::string_view replaced_keywords[] = {
    "type",      "enum",     "const",     "required",  "minimum",   "maximum",       "exclusiveMinimum",
    "exclusiveMaximum",      "minItems",  "maxItems",  "minLength", "maxLength",     "minProperties",
    "maxProperties",         "pattern",   "format",    "uniqueItems", "multipleOf"};


/// Registers every custom keyword with a valijson parser.
inline void register_custom_keywords(valijson::SchemaParser& parser) {
    using bound = bound_constraint::kind;
    using size = size_constraint::kind;
    add_builder(parser, custom_keyword("type"), [](const valijson_adapter& n) { return new type_constraint(n); });
    add_builder(parser, custom_keyword("enum"), [](const valijson_adapter& n) { return new enum_constraint(n, false); });
    add_builder(parser, custom_keyword("const"), [](const valijson_adapter& n) { return new enum_constraint(n, true); });
    add_builder(parser, custom_keyword("required"), [](const valijson_adapter& n) { return new required_constraint(n); });
    add_builder(parser, custom_keyword("minimum"), [](const valijson_adapter& n) { return new bound_constraint(n, bound::minimum); });
    add_builder(parser, custom_keyword("maximum"), [](const valijson_adapter& n) { return new bound_constraint(n, bound::maximum); });
    add_builder(parser, custom_keyword("exclusiveMinimum"),
                [](const valijson_adapter& n) { return new bound_constraint(n, bound::exclusive_minimum); });
    add_builder(parser, custom_keyword("exclusiveMaximum"),
                [](const valijson_adapter& n) { return new bound_constraint(n, bound::exclusive_maximum); });
    add_builder(parser, custom_keyword("minItems"), [](const valijson_adapter& n) { return new size_constraint(n, size::min_items); });
    add_builder(parser, custom_keyword("maxItems"), [](const valijson_adapter& n) { return new size_constraint(n, size::max_items); });
    add_builder(parser, custom_keyword("minLength"), [](const valijson_adapter& n) { return new size_constraint(n, size::min_length); });
    add_builder(parser, custom_keyword("maxLength"), [](const valijson_adapter& n) { return new size_constraint(n, size::max_length); });
    add_builder(parser, custom_keyword("minProperties"),
                [](const valijson_adapter& n) { return new size_constraint(n, size::min_properties); });
    add_builder(parser, custom_keyword("maxProperties"),
                [](const valijson_adapter& n) { return new size_constraint(n, size::max_properties); });
    add_builder(parser, custom_keyword("pattern"), [](const valijson_adapter& n) { return new pattern_constraint(n); });
    add_builder(parser, custom_keyword("format"), [](const valijson_adapter& n) { return new format_constraint(n); });
    add_builder(parser, custom_keyword("uniqueItems"), [](const valijson_adapter& n) { return new unique_items_constraint(n); });
    add_builder(parser, custom_keyword("multipleOf"), [](const valijson_adapter& n) { return new multiple_of_constraint(n); });
    add_builder(parser, property_names_keyword, [](const valijson_adapter& n) { return new property_names_constraint(n); });
    add_builder(parser, closed_prefix_keyword, [](const valijson_adapter& n) { return new closed_prefix_constraint(n); });
    add_builder(parser, never_keyword, [](const valijson_adapter& n) { return new never_constraint(n); });
    add_builder(parser, branch_keyword, [](const valijson_adapter& n) { return new branch_marker_constraint(n); });
    add_builder(parser, step_keyword, [](const valijson_adapter& n) { return new step_constraint(n); });
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_SCHEMA_KEYWORDS_HPP
