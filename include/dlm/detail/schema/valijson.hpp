#ifndef DLM_DETAIL_SCHEMA_VALIJSON_HPP
#define DLM_DETAIL_SCHEMA_VALIJSON_HPP

// valijson reports its errors by exception only when VALIJSON_USE_EXCEPTIONS is 1 before its first include;
// otherwise every error path prints to stderr and calls abort(). Every translation unit must agree (ODR).
#if defined(VALIJSON_NORETURN) && !defined(VALIJSON_USE_EXCEPTIONS)
#error "valijson was included before dlm without VALIJSON_USE_EXCEPTIONS=1; define it for the whole target"
#endif
#if defined(VALIJSON_USE_EXCEPTIONS) && !VALIJSON_USE_EXCEPTIONS
#error "dlm needs VALIJSON_USE_EXCEPTIONS=1 (without it valijson aborts on bad input)"
#endif
#ifndef VALIJSON_USE_EXCEPTIONS
#define VALIJSON_USE_EXCEPTIONS 1
#endif

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/constraint_builder.hpp>
#include <valijson/constraints/concrete_constraints.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#endif  // DLM_DETAIL_SCHEMA_VALIJSON_HPP
