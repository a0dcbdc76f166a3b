#ifndef DLM_ERROR_HPP
#define DLM_ERROR_HPP

#include <stdexcept>
#include <string>
#include <utility>

namespace dlm {

/// The one exception the library throws: a document does not have the shape the dlm types need.
/// `what()` reads "<pointer>: <reason>", e.g. "/properties/dlm:inputs/scaling_factor: expected a number, found a string".
class error : public std::runtime_error {
public:
    /// `pointer` is the RFC 6901 JSON pointer of the offending value ("" for the whole document).
    error(std::string pointer, std::string reason)
        : std::runtime_error(compose(pointer, reason)), pointer_(std::move(pointer)), reason_(std::move(reason)) {}

    /// The JSON pointer of the offending value.
    [[nodiscard]] const std::string& pointer() const noexcept { return pointer_; }

    /// What was expected and what was found, without the pointer.
    [[nodiscard]] const std::string& reason() const noexcept { return reason_; }

private:
    static std::string compose(const std::string& pointer, const std::string& reason) {
        return (pointer.empty() ? std::string("(document)") : pointer) + ": " + reason;
    }

    std::string pointer_;
    std::string reason_;
};

}  // namespace dlm

#endif  // DLM_ERROR_HPP
