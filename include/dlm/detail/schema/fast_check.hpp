#ifndef DLM_DETAIL_SCHEMA_FAST_CHECK_HPP
#define DLM_DETAIL_SCHEMA_FAST_CHECK_HPP

// The validator's first pass: does a document satisfy a compiled schema, yes or no? It walks the same
// valijson::Schema that valijson validates against, but answers only the question, so it keeps none of the
// bookkeeping valijson's own visitor does for error messages (a copied context vector and a std::set of member names
// per visited value: most of the time of a validation). Most documents are valid, and for those this is the whole
// schema run; a document it rejects is validated again by valijson with results, which explains the failure.
//
// The structural keywords (allOf, anyOf, oneOf, not, if/then/else, properties, additionalProperties, items) are walked
// here; the bundler has renamed most leaf keywords to dlm's own constraints (called as they are); every other keyword
// is handed to valijson's visitor for that one value, so the verdict is valijson's by construction.
// tests/test_schema_check.cpp and the validate fuzz target hold the two to the same verdict.

#include <dlm/detail/schema/valijson.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dlm::detail {

class schema_check final : public valijson::constraints::ConstraintVisitor {
public:
    using regex_cache = std::unordered_map<std::string, std::regex>;

    /// `regexes` is valijson's cache of compiled patterns for the keywords handed to it; one per thread.
    explicit schema_check(regex_cache& regexes) : regexes_(regexes) {}

    schema_check(const schema_check&) = delete;
    schema_check& operator=(const schema_check&) = delete;

    /// True when `value` satisfies `schema` (valijson's strong types, as the validator runs it).
    bool accepts(const valijson::Subschema& schema, const nlohmann::json& value) {
        if (schema.getAlwaysInvalid()) return false;
        const nlohmann::json* const outer = target_;
        target_ = &value;
        const bool ok = schema.applyStrict(visit_constraint_);
        target_ = outer;
        return ok;
    }

private:
    using Subschema = valijson::Subschema;

    bool visit(const AllOfConstraint& c) override {
        bool ok = true;
        c.applyToSubschemas([&](unsigned, const Subschema* s) { return ok = accepts(*s, *target_); });
        return ok;
    }

    bool visit(const AnyOfConstraint& c) override {
        bool ok = false;
        c.applyToSubschemas([&](unsigned, const Subschema* s) { return !(ok = accepts(*s, *target_)); });
        return ok;
    }

    bool visit(const OneOfConstraint& c) override {
        unsigned passed = 0;
        c.applyToSubschemas([&](unsigned, const Subschema* s) {
            if (accepts(*s, *target_)) ++passed;
            return passed < 2;
        });
        return passed == 1;
    }

    bool visit(const NotConstraint& c) override {
        const Subschema* s = c.getSubschema();
        return s != nullptr && !accepts(*s, *target_);  // valijson: a missing subschema is the empty one
    }

    bool visit(const ConditionalConstraint& c) override {
        const Subschema* branch = accepts(*c.getIfSubschema(), *target_) ? c.getThenSubschema() : c.getElseSubschema();
        return branch == nullptr || accepts(*branch, *target_);
    }

    bool visit(const PropertiesConstraint& c) override {
        if (!target_->is_object()) return true;
        bool has_patterns = false;
        c.applyToPatternProperties([&](const auto&, const Subschema*) { return !(has_patterns = true); });
        if (has_patterns) return delegate(c);  // no shipped schema keeps one (see schema_bundler::close_prefix)

        const nlohmann::json& object = *target_;
        const std::size_t mark = matched_.size();
        bool ok = true;
        c.applyToProperties([&](const auto& name, const Subschema* s) {
            const auto member = object.find(std::string_view(name.data(), name.size()));
            if (member == object.end()) return true;
            matched_.push_back(&*member);
            return ok = accepts(*s, *member);
        });
        const std::size_t matched = matched_.size() - mark;
        if (ok && matched != object.size()) {
            const Subschema* additional = c.getAdditionalPropertiesSubschema();
            if (additional == nullptr) {
                ok = false;  // additionalProperties: false
            } else if (!is_empty(*additional)) {
                // Indices, not iterators: the nested checks push onto matched_ (and pop back to where they began).
                for (auto member = object.begin(); ok && member != object.end(); ++member) {
                    bool named = false;
                    for (std::size_t i = mark; i < mark + matched && !named; ++i) named = matched_[i] == &*member;
                    if (!named) ok = accepts(*additional, *member);
                }
            }
        }
        matched_.resize(mark);
        return ok;
    }

    bool visit(const SingularItemsConstraint& c) override {
        const Subschema* items = c.getItemsSubschema();
        if (!target_->is_array() || items == nullptr) return true;
        const nlohmann::json& array = *target_;
        for (const auto& item : array) {
            if (!accepts(*items, item)) return false;
        }
        return true;
    }

    bool visit(const PolyConstraint& c) override {
        static const std::vector<std::string> no_context;
        return c.validate(valijson::adapters::NlohmannJsonAdapter(*target_), no_context, nullptr);
    }

    // The rest are leaves the bundler renames, or keywords no shipped schema uses: valijson decides them.
    bool visit(const ConstConstraint& c) override { return delegate(c); }
    bool visit(const ContainsConstraint& c) override { return delegate(c); }
    bool visit(const DependenciesConstraint& c) override { return delegate(c); }
    bool visit(const EnumConstraint& c) override { return delegate(c); }
    bool visit(const FormatConstraint& c) override { return delegate(c); }
    bool visit(const LinearItemsConstraint& c) override { return delegate(c); }
    bool visit(const MaximumConstraint& c) override { return delegate(c); }
    bool visit(const MaxItemsConstraint& c) override { return delegate(c); }
    bool visit(const MaxLengthConstraint& c) override { return delegate(c); }
    bool visit(const MaxPropertiesConstraint& c) override { return delegate(c); }
    bool visit(const MinimumConstraint& c) override { return delegate(c); }
    bool visit(const MinItemsConstraint& c) override { return delegate(c); }
    bool visit(const MinLengthConstraint& c) override { return delegate(c); }
    bool visit(const MinPropertiesConstraint& c) override { return delegate(c); }
    bool visit(const MultipleOfDoubleConstraint& c) override { return delegate(c); }
    bool visit(const MultipleOfIntConstraint& c) override { return delegate(c); }
    bool visit(const PatternConstraint& c) override { return delegate(c); }
    bool visit(const PropertyNamesConstraint& c) override { return delegate(c); }
    bool visit(const RequiredConstraint& c) override { return delegate(c); }
    bool visit(const TypeConstraint& c) override { return delegate(c); }
    bool visit(const UniqueItemsConstraint& c) override { return delegate(c); }

    /// valijson's own verdict for one constraint on the current value.
    bool delegate(const valijson::constraints::Constraint& c) {
        const valijson::adapters::NlohmannJsonAdapter target(*target_);
        valijson::ValidationVisitor<valijson::adapters::NlohmannJsonAdapter> visitor(target, {}, true, nullptr, regexes_);
        return c.accept(visitor);
    }

    /// The empty schema (what valijson puts where additionalProperties is absent) accepts everything.
    static bool is_empty(const Subschema& s) {
        if (s.getAlwaysInvalid()) return false;
        bool empty = true;
        Subschema::ApplyFunction any = [&](const valijson::constraints::Constraint&) { return empty = false; };
        s.applyStrict(any);
        return empty;
    }

    regex_cache& regexes_;
    const nlohmann::json* target_ = nullptr;
    std::vector<const nlohmann::json*> matched_;  // members matched by `properties`, a stack shared by nested objects
    Subschema::ApplyFunction visit_constraint_ = [this](const valijson::constraints::Constraint& c) { return c.accept(*this); };
};

}  // namespace dlm::detail

#endif  // DLM_DETAIL_SCHEMA_FAST_CHECK_HPP
