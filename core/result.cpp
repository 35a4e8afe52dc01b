#include "core/result.hpp"

namespace core {

std::string Error::describe() const {
  std::string text = message;
  if (!pointer.empty()) text += " (at " + pointer;
  if (column > 0) text += (pointer.empty() ? " (at column " : ", column ") + std::to_string(column);
  if (!pointer.empty() || column > 0) text += ")";
  return text;
}

}  // namespace core
