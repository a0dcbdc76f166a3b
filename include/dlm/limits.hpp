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

}  // namespace dlm

#endif  // DLM_LIMITS_HPP
