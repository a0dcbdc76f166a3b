#ifndef DLM_DETAIL_JSON_TEXT_HPP
#define DLM_DETAIL_JSON_TEXT_HPP

// Text for messages, together: UTF-8 (utf8.hpp), quoting input (quote.hpp), JSON types in words (describe.hpp).

#include <dlm/detail/json/describe.hpp>
#include <dlm/detail/json/quote.hpp>
#include <dlm/detail/json/utf8.hpp>

#endif  // DLM_DETAIL_JSON_TEXT_HPP
