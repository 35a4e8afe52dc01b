#include "core/abi/tokenscope_abi.h"

#include <cstdlib>
#include <cstring>
#include <new>

#include "core/abi/requests.hpp"
#include "core/json_fields.hpp"

namespace {

char* copy_out(const std::string& text) {
  char* answer = static_cast<char*>(std::malloc(text.size() + 1));
  if (answer != nullptr) std::memcpy(answer, text.c_str(), text.size() + 1);
  return answer;
}

std::string error_answer(const core::Error& error) {
  nlohmann::json body{{"message", error.message}, {"pointer", error.pointer}};
  if (error.column > 0) body["column"] = error.column;
  if (error.kind == core::Refusal::Limit) body["kind"] = "limit";  // serve.py answers 413 for it
  // A message may quote the request's bytes (a syntax error's "last read"), which need not be UTF-8.
  return nlohmann::json{{"ok", false}, {"error", std::move(body)}}.dump(-1, ' ', false,
                                                                        nlohmann::json::error_handler_t::replace);
}

}  // namespace

extern "C" char* tokenscope_call(const char* request_json) {
  try {
    if (request_json == nullptr) return copy_out(error_answer({"the request is null", "", -1}));
    auto request = core::parse_json(request_json);
    if (!request) return copy_out(error_answer(request.error()));
    auto result = core::abi::handle_request(request.value());
    if (!result) return copy_out(error_answer(result.error()));
    return copy_out(nlohmann::json{{"ok", true}, {"result", std::move(result).value()}}
                        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } catch (const std::bad_alloc&) {
    return copy_out(R"({"ok":false,"error":{"message":"out of memory","pointer":""}})");
  } catch (const std::exception& e) {
    return copy_out(error_answer({std::string("internal error: ") + e.what(), "", -1}));
  } catch (...) {
    return copy_out(R"({"ok":false,"error":{"message":"internal error","pointer":""}})");
  }
}

extern "C" void tokenscope_free(char* answer) { std::free(answer); }

extern "C" const char* tokenscope_version(void) { return "0.1.0"; }
