#pragma once
// Where the page is: its origin, its address (without query or fragment) and its fragment (location.hash).
#include <string>

namespace wasm::page_location {

std::string origin();    // "http://127.0.0.1:8000"
std::string address();   // "http://127.0.0.1:8000/"
std::string fragment();  // "#scenario=...", or empty

}  // namespace wasm::page_location
