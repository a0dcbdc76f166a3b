#ifndef DLM_DETAIL_SCHEMA_UNTRUSTED_HPP
#define DLM_DETAIL_SCHEMA_UNTRUSTED_HPP

// Checks on a schema the library does not ship (registered or resolved) before anything compiles it: its size and
// depth (valijson's parser and nlohmann's copy recurse on it), the value of every keyword the validator implements
// or valijson would misuse (`multipleOf: 0` is a division by zero in valijson, an empty `enum` or `anyOf` can never
// pass, a `required` that is not an array of strings is a typo), and every regular expression: its length, its
// group nesting (std::regex's compiler recurses on it), the size of the automaton it expands to, and no
// backreferences (they need a backtracking matcher). `pattern` runs on libstdc++'s polynomial (breadth-first)
// matcher, so its time is bounded by subject length times automaton size; `patternProperties` is run by valijson
// with the default, backtracking matcher, so its patterns must also have a bounded backtracking cost.

#include <dlm/detail/schema/bundle.hpp>
#include <dlm/detail/json/pointer.hpp>
#include <dlm/detail/json/text.hpp>
#include <dlm/error.hpp>
#include <dlm/limits.hpp>
#include <dlm/parse.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dlm::detail {

/// True when std::regex can run a pattern breadth-first (libstdc++'s `__polynomial` mode): no recursion per subject
/// character and a time bounded by subject length times automaton size.
#if defined(__GLIBCXX__)
inline constexpr bool polynomial_regex = true;
#else
inline constexpr bool polynomial_regex = false;
#endif

/// The longest subject a backtracking matcher is assumed to see when a pattern's cost is estimated: object keys
/// (patternProperties) and pattern-checked strings are capped at 512 bytes by default.
inline constexpr double backtracking_subject = 512;
/// The most steps a backtracking match may be estimated to take (about 0.1 s).
inline constexpr double backtracking_budget = 4e6;
/// The most steps the breadth-first matcher may be estimated to take on one subject (about 0.1 s).
inline constexpr double polynomial_budget = 2e7;

/// What analyze_pattern finds out about a regular expression.
struct pattern_shape {
    std::size_t states = 0;    ///< automaton states the pattern expands to (bounded repeats copy their operand)
    std::size_t nesting = 0;   ///< deepest group nesting
    std::size_t lookahead = 0; ///< automaton states inside lookaheads (each is a new match from where it is reached)
    std::size_t captures = 0;  ///< capturing groups (the breadth-first matcher copies them with every state)
    double backtracking = 1;   ///< estimated ways a backtracking matcher may try to match from one position
    bool backreference = false;
    bool anchored = false;     ///< starts with `^` outside any alternation: a search tries one start position
};

/// A small recursive-descent reader of ECMAScript regular expression syntax, enough to measure a pattern; it refuses
/// what std::regex would refuse structurally (unbalanced groups, a quantifier with nothing to repeat) and the forms
/// it does not know (named groups, lookbehind), so that a pattern it accepts compiles to what it measured.
class pattern_reader {
public:
    pattern_reader(std::string_view pattern, std::size_t max_nesting) : text_(pattern), max_nesting_(max_nesting) {}

    /// The pattern's shape, or the reason it is refused.
    std::optional<std::string> read(pattern_shape& shape) {
        const node whole = disjunction(0);
        if (!error_.empty()) return error_;
        if (at_ < text_.size()) return fail("unmatched ')' at offset " + std::to_string(at_));
        shape.states = static_cast<std::size_t>(std::min(whole.states, 1e18));
        shape.lookahead = static_cast<std::size_t>(std::min(whole.lookahead, 1e18));
        shape.captures = captures_;
        shape.nesting = deepest_;
        shape.backtracking = whole.ways;
        shape.backreference = backreference_;
        shape.anchored = !text_.empty() && text_.front() == '^' && !top_level_choice_;
        return std::nullopt;
    }

private:
    struct node {
        double states = 0;     // automaton size
        double lookahead = 0;  // automaton size inside lookaheads
        double ways = 1;       // backtracking alternatives from one position
        bool single = false;   // one character class or literal: repeating it is as cheap as it gets
        bool fixed = true;     // matches only one way (no choice inside)
    };

    std::optional<std::string> fail(std::string reason) {
        if (error_.empty()) error_ = std::move(reason);
        return error_;
    }

    bool done() const { return at_ >= text_.size() || !error_.empty(); }

    node disjunction(std::size_t depth) {
        node result = alternative(depth);
        while (!done() && text_[at_] == '|') {
            if (depth == 0) top_level_choice_ = true;
            ++at_;
            const node next = alternative(depth);
            result.states += next.states + 1;
            result.lookahead += next.lookahead;
            result.ways += next.ways;
            result.single = false;
            result.fixed = false;
        }
        return result;
    }

    node alternative(std::size_t depth) {
        node result;
        result.single = false;
        bool empty = true;
        while (!done() && text_[at_] != '|' && text_[at_] != ')') {
            node item = quantified(depth);
            result.states += item.states;
            result.lookahead += item.lookahead;
            result.ways = std::min(result.ways * item.ways, 1e18);
            result.fixed = result.fixed && item.fixed;
            empty = false;
        }
        if (empty) result.states = 1;
        return result;
    }

    node quantified(std::size_t depth) {
        const std::size_t start = at_;
        node item = atom(depth);
        if (done()) return item;
        double low = 0;
        double high = 0;
        bool bounded = true;
        const char c = text_[at_];
        if (c == '*') {
            bounded = false;
            ++at_;
        } else if (c == '+') {
            low = 1;
            bounded = false;
            ++at_;
        } else if (c == '?') {
            high = 1;
            ++at_;
        } else if (c == '{' && is_repeat(at_)) {
            ++at_;
            low = number();
            high = low;
            if (text_[at_] == ',') {
                ++at_;
                if (text_[at_] == '}') bounded = false;
                else high = number();
            }
            ++at_;  // '}'
            if (bounded && high < low) {
                fail("a repeat {n,m} with m < n at offset " + std::to_string(start));
                return item;
            }
        } else {
            return item;
        }
        if (!done() && text_[at_] == '?') ++at_;  // lazy: the same automaton
        if (!done() && (text_[at_] == '*' || text_[at_] == '+' || text_[at_] == '?' ||
                        (text_[at_] == '{' && is_repeat(at_)))) {
            fail("nothing to repeat at offset " + std::to_string(at_));
            return item;
        }
        if (item.states == 0) {  // an assertion (^, $, \b): std::regex refuses to repeat it
            fail("nothing to repeat at offset " + std::to_string(start));
            return item;
        }
        node result;
        const double copies = (bounded ? high : low) + 1;
        result.states = std::min(item.states * copies + 2, 1e18);
        result.lookahead = std::min(item.lookahead * copies, 1e18);
        result.fixed = item.fixed && bounded && low == high;
        result.single = false;
        if (item.single || item.fixed) {
            // Backtracking over one repeated operand that matches one way: one choice per count it may take.
            const double choices = bounded ? high - low + 1 : backtracking_subject;
            result.ways = std::min(item.ways * choices, 1e18);
        } else if (!bounded) {
            result.ways = 1e18;  // a repeated choice, without bound: exponential
        } else {
            result.ways = std::min(std::pow(item.ways + 1, high), 1e18);
        }
        return result;
    }

    bool is_repeat(std::size_t from) const {
        // {n}, {n,}, {n,m}; anything else is a literal '{' in ECMAScript (std::regex refuses it, and so do we below).
        std::size_t i = from + 1;
        const auto digits = [&] {
            const std::size_t begin = i;
            while (i < text_.size() && text_[i] >= '0' && text_[i] <= '9') ++i;
            return i > begin;
        };
        if (!digits()) return false;
        if (i < text_.size() && text_[i] == ',') {
            ++i;
            digits();
        }
        return i < text_.size() && text_[i] == '}';
    }

    double number() {
        double value = 0;
        while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') {
            value = std::min(value * 10 + (text_[at_] - '0'), 1e18);
            ++at_;
        }
        return value;
    }

    node atom(std::size_t depth) {
        node item;
        item.states = 1;
        item.single = true;
        const char c = text_[at_];
        switch (c) {
            case '^':
            case '$':
                ++at_;
                item.states = 0;
                item.single = false;
                return item;
            case '(': return group(depth);
            case '[': class_set(); return item;
            case '\\': return escape();
            case '*':
            case '+':
            case '?': fail("nothing to repeat at offset " + std::to_string(at_)); return item;
            case '{':
                if (is_repeat(at_)) fail("nothing to repeat at offset " + std::to_string(at_));
                else ++at_;  // a literal, if std::regex agrees
                return item;
            default: ++at_; return item;
        }
    }

    node group(std::size_t depth) {
        const std::size_t start = at_;
        if (depth + 1 > max_nesting_) {
            fail("groups nested deeper than " + std::to_string(max_nesting_));
            return {};
        }
        deepest_ = std::max(deepest_, depth + 1);
        ++at_;
        bool assertion = false;
        if (at_ < text_.size() && text_[at_] == '?') {
            const char kind = at_ + 1 < text_.size() ? text_[at_ + 1] : '\0';
            if (kind == ':') {
                at_ += 2;
            } else if (kind == '=' || kind == '!') {
                if (in_lookahead_) {
                    fail("a lookahead inside a lookahead at offset " + std::to_string(start));
                    return {};
                }
                at_ += 2;
                assertion = true;
            } else {
                fail("unsupported group syntax at offset " + std::to_string(start) + " (std::regex knows (?: (?= (?!)");
                return {};
            }
        } else {
            ++captures_;
        }
        in_lookahead_ = assertion;
        node inner = disjunction(depth + 1);
        in_lookahead_ = false;
        if (done() || text_[at_] != ')') {
            fail("unclosed group at offset " + std::to_string(start));
            return {};
        }
        ++at_;
        node result = inner;
        result.states = inner.states + 2;
        result.single = false;
        if (assertion) {
            // A lookahead is a match of its own, started at each position where it is reached.
            result.lookahead = inner.states + 2;
            result.fixed = true;
        }
        return result;
    }

    void class_set() {
        const std::size_t start = at_;
        ++at_;
        if (at_ < text_.size() && text_[at_] == '^') ++at_;
        if (at_ < text_.size() && text_[at_] == ']') ++at_;  // "[]" is empty in ECMAScript, but std::regex reads "[]]"
        while (at_ < text_.size() && text_[at_] != ']') {
            if (text_[at_] == '\\') {
                ++at_;
                if (at_ < text_.size() && text_[at_] >= '1' && text_[at_] <= '9') {
                    fail("a backreference inside a character class at offset " + std::to_string(at_ - 1));
                    return;
                }
            } else if (text_[at_] == '[' && at_ + 1 < text_.size() &&
                       (text_[at_ + 1] == ':' || text_[at_ + 1] == '=' || text_[at_ + 1] == '.')) {
                fail("POSIX bracket expressions are not portable ECMAScript (offset " + std::to_string(at_) + ")");
                return;
            }
            if (at_ < text_.size()) ++at_;
        }
        if (at_ >= text_.size()) {
            fail("unclosed character class at offset " + std::to_string(start));
            return;
        }
        ++at_;
    }

    node escape() {
        node item;
        item.states = 1;
        item.single = true;
        ++at_;
        if (at_ >= text_.size()) {
            fail("a pattern cannot end with '\\'");
            return item;
        }
        const char c = text_[at_];
        if (c >= '1' && c <= '9') {
            backreference_ = true;
            fail("backreferences (\\" + std::string(1, c) + ") are not allowed: they need a backtracking matcher");
            return item;
        }
        if (c == 'b' || c == 'B') {
            ++at_;
            item.states = 0;
            item.single = false;
            return item;
        }
        ++at_;
        if (c == 'x') at_ = std::min(at_ + 2, text_.size());
        else if (c == 'u') at_ = std::min(at_ + 4, text_.size());
        else if (c == 'c') at_ = std::min(at_ + 1, text_.size());
        return item;
    }

    std::string_view text_;
    std::size_t max_nesting_;
    std::size_t at_ = 0;
    std::size_t deepest_ = 0;
    bool backreference_ = false;
    bool in_lookahead_ = false;
    bool top_level_choice_ = false;
    std::size_t captures_ = 0;
    std::string error_;
};

/// Measures `pattern`; nothing when it is within `bounds` (and, for a pattern a backtracking matcher runs, within the
/// backtracking budget), else why not.
inline std::optional<std::string> check_pattern(std::string_view pattern, const schema_limits& bounds, bool backtracking) {
    if (pattern.size() > bounds.max_pattern_length) {
        return "is " + std::to_string(pattern.size()) + " bytes long; at most " + std::to_string(bounds.max_pattern_length) +
               " are allowed";
    }
    pattern_shape shape;
    if (auto refused = pattern_reader(pattern, bounds.max_pattern_nesting).read(shape)) return refused;
    if (shape.states > bounds.max_pattern_states) {
        return "expands to about " + std::to_string(shape.states) + " automaton states; at most " +
               std::to_string(bounds.max_pattern_states) + " are allowed";
    }
    const double starts = shape.anchored ? 1 : backtracking_subject;
    if (backtracking && shape.backtracking * starts > backtracking_budget) {
        return "can backtrack too much (a repeated group with a choice inside, or several unbounded repeats in a row); "
               "member-name patterns are run by a backtracking matcher";
    }
    // Breadth-first: every position visits each state once (copying the captures), and a lookahead reached at a
    // position is a match of its own from there.
    const double n = backtracking_subject;
    const double steps = (n * static_cast<double>(shape.states) + n * n * static_cast<double>(shape.lookahead)) *
                         (1 + static_cast<double>(shape.captures) / 4);
    if (!backtracking && steps > polynomial_budget) {
        return "is too costly to match (about " + std::to_string(static_cast<long long>(steps)) +
               " steps on a 512-byte value; lookaheads and capturing groups multiply the cost)";
    }
    return std::nullopt;
}

/// Validates a schema the library does not ship, before it is copied, bundled or compiled; throws dlm::error with the
/// pointer (inside that schema) of the first problem.
class untrusted_schema_check {
public:
    explicit untrusted_schema_check(const schema_limits& bounds) : bounds_(bounds) {}

    void operator()(const nlohmann::json& schema) const {
        limits shape;
        shape.max_depth = bounds_.max_depth;
        shape.max_elements = bounds_.max_values;
        shape.max_key_length = std::max<std::size_t>(shape.max_key_length, bounds_.max_pattern_length);
        const report found = check_limits(schema, shape);
        if (!found.errors.empty()) {
            const finding& first = found.errors.front();
            throw error(first.pointer, "the schema is unusable: " + first.message);
        }
        if (!schema.is_object() && !schema.is_boolean()) {
            throw error("", "a JSON Schema is an object or a boolean, found " + type_name(schema));
        }
        std::vector<std::pair<const nlohmann::json*, std::string>> stack{{&schema, ""}};
        while (!stack.empty()) {
            const auto [node, pointer] = stack.back();
            stack.pop_back();
            if (node->is_boolean()) continue;
            if (!node->is_object()) {
                throw error(pointer, "a subschema must be an object or a boolean, found " + type_name(*node));
            }
            check_keywords(*node, pointer, stack);
        }
    }

private:
    using stack_type = std::vector<std::pair<const nlohmann::json*, std::string>>;

    static std::string type_name(const nlohmann::json& value) {
        switch (value.type()) {
            case nlohmann::json::value_t::object: return "an object";
            case nlohmann::json::value_t::array: return "an array";
            case nlohmann::json::value_t::string: return "a string";
            case nlohmann::json::value_t::boolean: return "a boolean";
            case nlohmann::json::value_t::null: return "null";
            default: return "a number";
        }
    }

    static bool is_schema(const nlohmann::json& value) { return value.is_object() || value.is_boolean(); }

    static bool is_non_negative_integer(const nlohmann::json& value) {
        if (value.is_number_unsigned()) return true;
        if (value.is_number_integer()) return value.get<std::int64_t>() >= 0;
        if (!value.is_number_float()) return false;
        const double number = value.get<double>();
        return std::isfinite(number) && number >= 0 && std::floor(number) == number;
    }

    void check_keywords(const nlohmann::json& node, const std::string& pointer, stack_type& stack) const {
        const auto at = [&](const std::string& keyword) {
            std::string child = pointer;
            append(child, keyword);
            return child;
        };
        const auto push = [&](const nlohmann::json& child, const std::string& child_pointer) {
            if (!is_schema(child)) {
                throw error(child_pointer, "a subschema must be an object or a boolean, found " + type_name(child));
            }
            stack.emplace_back(&child, child_pointer);
        };
        if (const auto ref = node.find("$ref"); ref != node.end()) {
            if (!ref->is_string()) throw error(at("$ref"), "$ref must be a string, found " + type_name(*ref));
        }
        for (auto it = node.begin(); it != node.end(); ++it) {
            const std::string& keyword = it.key();
            const nlohmann::json& value = it.value();
            const std::string here = at(keyword);
            if (keyword == "allOf" || keyword == "anyOf" || keyword == "oneOf") {
                if (!value.is_array() || value.empty()) {
                    throw error(here, keyword + " must be a non-empty array of schemas, found " +
                                          (value.is_array() ? std::string("an empty array") : type_name(value)));
                }
                for (std::size_t i = 0; i < value.size(); ++i) push(value[i], here + "/" + std::to_string(i));
            } else if (keyword == "not" || keyword == "if" || keyword == "then" || keyword == "else" ||
                       keyword == "additionalItems" || keyword == "additionalProperties" || keyword == "contains" ||
                       keyword == "propertyNames") {
                push(value, here);
            } else if (keyword == "items") {
                if (value.is_array()) {
                    for (std::size_t i = 0; i < value.size(); ++i) push(value[i], here + "/" + std::to_string(i));
                } else {
                    if (!is_schema(value)) {
                        throw error(here, "items must be a schema or an array of schemas, found " + type_name(value));
                    }
                    push(value, here);
                }
            } else if (keyword == "properties" || keyword == "patternProperties" || keyword == "definitions") {
                if (!value.is_object()) throw error(here, keyword + " must be an object of schemas, found " + type_name(value));
                for (auto member = value.begin(); member != value.end(); ++member) {
                    std::string member_pointer = here;
                    append(member_pointer, member.key());
                    if (keyword == "patternProperties") {
                        // valijson runs these itself, with the backtracking matcher, on every member name.
                        if (auto refused = check_pattern(member.key(), bounds_, true)) {
                            throw error(member_pointer, "the patternProperties pattern " + quote(member.key(), 100) + " " + *refused);
                        }
                    }
                    push(member.value(), member_pointer);
                }
            } else if (keyword == "dependencies") {
                if (!value.is_object()) throw error(here, "dependencies must be an object, found " + type_name(value));
                for (auto member = value.begin(); member != value.end(); ++member) {
                    std::string member_pointer = here;
                    append(member_pointer, member.key());
                    if (member.value().is_array()) {
                        check_strings(member.value(), member_pointer, "dependencies");
                    } else {
                        push(member.value(), member_pointer);
                    }
                }
            } else if (keyword == "enum") {
                if (!value.is_array() || value.empty()) {
                    throw error(here, "enum must be a non-empty array, found " +
                                          (value.is_array() ? std::string("an empty array") : type_name(value)));
                }
            } else if (keyword == "required") {
                check_strings(value, here, "required");
            } else if (keyword == "type") {
                check_type(value, here);
            } else if (keyword == "multipleOf") {
                const bool positive = value.is_number() && std::isfinite(value.get<double>()) && value.get<double>() > 0;
                if (!positive) throw error(here, "multipleOf must be a number greater than 0, found " + shown(value));
            } else if (keyword == "minimum" || keyword == "maximum" || keyword == "exclusiveMinimum" ||
                       keyword == "exclusiveMaximum") {
                if (!value.is_number()) throw error(here, keyword + " must be a number, found " + type_name(value));
            } else if (keyword == "minLength" || keyword == "maxLength" || keyword == "minItems" || keyword == "maxItems" ||
                       keyword == "minProperties" || keyword == "maxProperties") {
                if (!is_non_negative_integer(value)) {
                    throw error(here, keyword + " must be a non-negative integer, found " + shown(value));
                }
            } else if (keyword == "uniqueItems") {
                if (!value.is_boolean()) throw error(here, "uniqueItems must be a boolean, found " + type_name(value));
            } else if (keyword == "pattern") {
                if (!value.is_string()) throw error(here, "pattern must be a string, found " + type_name(value));
                if (auto refused = check_pattern(value.get_ref<const std::string&>(), bounds_, !polynomial_regex)) {
                    throw error(here, "the pattern " + quote(value.get_ref<const std::string&>(), 100) + " " + *refused);
                }
            } else if (keyword == "format") {
                if (!value.is_string()) throw error(here, "format must be a string, found " + type_name(value));
            }
        }
    }

    static std::string shown(const nlohmann::json& value) {
        return value.is_number() ? value.dump() : type_name(value);
    }

    static void check_strings(const nlohmann::json& value, const std::string& pointer, const std::string& keyword) {
        if (!value.is_array()) throw error(pointer, keyword + " must be an array of strings, found " + type_name(value));
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (!value[i].is_string()) {
                throw error(pointer + "/" + std::to_string(i),
                            keyword + " must be an array of strings, found " + type_name(value[i]));
            }
        }
    }

    static void check_type(const nlohmann::json& value, const std::string& pointer) {
        const auto known = [](const nlohmann::json& name) {
            if (!name.is_string()) return false;
            const std::string& text = name.get_ref<const std::string&>();
            return text == "null" || text == "boolean" || text == "object" || text == "array" || text == "number" ||
                   text == "integer" || text == "string";
        };
        if (value.is_string()) {
            if (!known(value)) throw error(pointer, "type " + quote(value.get_ref<const std::string&>(), 100) + " is not a JSON Schema type");
            return;
        }
        if (!value.is_array() || value.empty()) {
            throw error(pointer, "type must be a type name or a non-empty array of them, found " + type_name(value));
        }
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (!known(value[i])) throw error(pointer + "/" + std::to_string(i), "type must hold JSON Schema type names");
        }
    }

    const schema_limits& bounds_;
};

/// valijson's parser recurses once per subschema it meets and follows a `$ref` where it meets it (a subschema is
/// reused only once complete), so a chain of definitions that each refer to the next is as many nested calls as it is
/// long. Throws dlm::error when the longest chain of subschemas from the root of `bundle`, counted through its local
/// references, is longer than `max_depth` (a reference back into the chain, a cycle, adds nothing: valijson reuses it;
/// cycles that never descend into the instance are the bundler's to refuse).
inline void check_reference_depth(const nlohmann::json& bundle, std::size_t max_depth) {
    using json = nlohmann::json;
    const auto successors = [&bundle](const json& node) {
        std::vector<const json*> next;
        if (!node.is_object()) return next;
        if (const auto ref = node.find("$ref"); ref != node.end() && ref->is_string()) {
            const std::string& target = ref->get_ref<const std::string&>();
            if (!target.empty() && target.front() == '#') {
                try {
                    const json::json_pointer pointer(target.substr(1));
                    if (bundle.contains(pointer)) next.push_back(&bundle.at(pointer));
                } catch (const json::exception&) {
                    // an unresolvable reference is valijson's error to report
                }
            }
            return next;  // valijson ignores the siblings of a reference
        }
        for_each_subschema(node, [&next](const json& child, const std::string&, const std::string&) {
            next.push_back(&child);
        });
        return next;
    };
    const auto too_deep = [max_depth]() {
        return error("", "the schema is unusable: its subschemas, followed through $ref, nest more than " +
                             std::to_string(max_depth) + " deep (schema_limits::max_reference_depth)");
    };
    struct frame {
        const json* node;
        std::vector<const json*> next;
        std::size_t at = 0;
        std::size_t below = 0;  // the longest chain found below `node` so far
    };
    std::unordered_map<const json*, std::size_t> chain_from;  // finished subschemas: the longest chain from each
    std::unordered_set<const json*> on_path;
    std::vector<frame> path;
    path.push_back({&bundle, successors(bundle)});
    on_path.insert(&bundle);
    while (!path.empty()) {
        if (path.back().at < path.back().next.size()) {
            frame& top = path.back();
            const json* child = top.next[top.at++];
            if (const auto done = chain_from.find(child); done != chain_from.end()) {
                top.below = std::max(top.below, done->second);
                if (path.size() + done->second > max_depth) throw too_deep();
            } else if (on_path.count(child) == 0) {
                if (path.size() >= max_depth) throw too_deep();
                on_path.insert(child);
                path.push_back({child, successors(*child)});
            }
            continue;
        }
        const std::size_t chain = path.back().below + 1;
        chain_from[path.back().node] = chain;
        on_path.erase(path.back().node);
        path.pop_back();
        if (!path.empty()) path.back().below = std::max(path.back().below, chain);
    }
}

/// Checks `schema` against `bounds`, then bundles (with step counting) and compiles it as `uri`, reaching other
/// schemas through `others`; throws dlm::error (pointer inside `schema` where known).
inline std::shared_ptr<const valijson::Schema> compile_untrusted(const std::string& uri, const nlohmann::json& schema,
                                                                 const schema_limits& bounds, const schema_lookup& others) {
    untrusted_schema_check{bounds}(schema);
    schema_bundler bundler([&](const std::string& target) -> const nlohmann::json* {
        return target == uri ? &schema : others(target);
    });
    const nlohmann::json bundle = bundler.bundle(uri, true);
    check_reference_depth(bundle, bounds.max_reference_depth);
    try {
        return compile_bundle(bundle);
    } catch (const error&) {
        throw;
    } catch (const std::exception& e) {
        throw error("", "cannot be compiled: " + sanitize(e.what(), 300));
    }
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_SCHEMA_UNTRUSTED_HPP
