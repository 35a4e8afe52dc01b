#pragma once
// Errors a person can cause are values, not exceptions: a message and where it happened.
#include <string>
#include <utility>
#include <variant>

namespace core {

// Why the input was refused: it is wrong, or it is too large (its size, or the work it would cause).
enum class Refusal { Invalid, Limit };

struct Error {
  Error() = default;
  Error(std::string message_, std::string pointer_ = "", int column_ = -1,  // NOLINT
        Refusal kind_ = Refusal::Invalid)
      : message(std::move(message_)), pointer(std::move(pointer_)), column(column_), kind(kind_) {}

  std::string message;
  std::string pointer;  // JSON pointer into the input ("/0/resources/1"), empty when not applicable
  int column = -1;      // 1-based column inside a string value (a resource specifier), -1 when not applicable
  Refusal kind = Refusal::Invalid;

  std::string describe() const;
};

template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}             // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}         // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const Error& error() const { return std::get<Error>(state_); }
  const T* operator->() const { return &value(); }
  const T& operator*() const { return value(); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace core
