#ifndef DLM_LIMITS_HPP
#define DLM_LIMITS_HPP

#include <cstddef>

namespace dlm {

/// Bounds on an input document that no real STAC Item or Collection reaches. `dlm::parse` and
/// `dlm::check_limits` report a value past any of them as an `input.*` finding instead of letting it
/// reach code that would overflow the stack, run out of memory or stall (nlohmann's copy, dump and
/// `==` recurse with the depth; std::regex recurses with the string length).
struct limits {
    /// Deepest nesting of arrays and objects; the root container is level 1 (`input.too-deep`).
    std::size_t max_depth = 64;
    /// Longest input text, in bytes (`input.too-large`); only `parse` can check it.
    std::size_t max_bytes = std::size_t{64} << 20;
    /// Longest string value, in bytes (`input.string-too-long`).
    std::size_t max_string_length = std::size_t{8} << 20;
    /// Longest object key, in bytes (`input.string-too-long`); keys reach std::regex through
    /// `patternProperties`, so keep this short.
    std::size_t max_key_length = 512;
    /// Most values in the whole document, containers and the root included (`input.too-many-elements`).
    std::size_t max_elements = 4'000'000;
    /// Most non-fatal findings (duplicate keys, long strings, big integers) listed; the rest are
    /// counted in one `input.findings-truncated` warning, so a hostile input cannot grow the report without bound.
    std::size_t max_findings = 1000;
};

/// Bounds on a schema the library does not ship: one registered with `validator_options::add_schema` (a breach throws
/// dlm::error when the validator is built) or returned by the resolver (a breach is `stac.extension.invalid-schema`).
/// A document chooses which extensions it declares, so a resolved schema is as untrusted as the document itself;
/// these keep compiling and running it bounded in stack, memory and time. Shipped schemas are far inside them.
struct schema_limits {
    /// Deepest nesting of arrays and objects in the schema document, the root being level 1 (the deepest shipped
    /// schema has 10); bounds the recursion of the schema compiler.
    std::size_t max_depth = 64;
    /// Longest chain of subschemas from the root, counted through `$ref`s (a reference leads one level into its
    /// target, across schemas): valijson's parser recurses once per level, and a chain of definitions that each refer
    /// to the next is as deep as it is long whatever the nesting of each. The shipped schemas reach 23.
    std::size_t max_reference_depth = 256;
    /// Most values in one schema document, containers included (the largest shipped schema has under 400).
    std::size_t max_values = 100'000;
    /// Longest `pattern` or `patternProperties` regular expression, in bytes.
    std::size_t max_pattern_length = 1024;
    /// Deepest nesting of groups in one regular expression (the regex compiler recurses on it).
    std::size_t max_pattern_nesting = 32;
    /// Largest automaton a regular expression may compile to, counted in the states its atoms expand to
    /// (`(a{100}){100}` is about 10,000); bounds the compile time and the memory of every match.
    std::size_t max_pattern_states = 2000;
    /// Most subschema evaluations one run of the schema may take on one document (a FeatureCollection's features
    /// each get their own); past it the document gets a `schema.error` finding. Bounds the time of schemas whose
    /// work grows exponentially with their size or the document's depth; real extension schemas take thousands.
    std::size_t max_steps = 1'000'000;
};

}  // namespace dlm

#endif  // DLM_LIMITS_HPP
