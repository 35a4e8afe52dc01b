#pragma once
// Reads many paged listings (each project's flags, each environment's segments) a few requests at a time:
// the first page of each listing says how many items it has, later pages follow. Each route's calls are paced
// by the API's X-Ratelimit-Route-Remaining and X-Ratelimit-Reset (core::api::RatePacer), and a 429 that comes
// anyway waits its Retry-After and asks again. Owned by the Session that holds the token: when it is gone,
// answers are dropped.
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api_client.hpp"
#include "core/api/account_resources.hpp"
#include "core/api/api_error.hpp"
#include "core/api/rate_pacer.hpp"

namespace wasm {

class ListingLoader : public std::enable_shared_from_this<ListingLoader> {
 public:
  struct Listing {
    std::string what;                                           // "flags of checkout", for failures
    std::string route;                                          // which of the API's rate limits it counts against
    std::function<core::api::ApiRequest(long long offset)> request;
    std::optional<core::api::ListedResources> read;             // every page in order, once the last has come
    std::optional<core::api::ApiError> error;                   // why it could not be read
    std::map<long long, core::api::ListedResources> pages;     // by offset, as they come
    std::size_t pages_expected = 1;                             // known from the first page
    bool finished = false;
  };

  // api: the owning Session's (no copy of its token is made), which outlives this loader.
  ListingLoader(const ApiClient& api, int in_flight) : api_(api), in_flight_limit_(in_flight) {}
  void add(std::string what, std::string route, std::function<core::api::ApiRequest(long long offset)> request);
  void start(std::function<void()> all_done);

  const std::vector<Listing>& listings() const { return listings_; }
  bool done() const { return finished_ == listings_.size(); }
  long long items_read() const { return items_read_; }
  long long items_known() const { return items_known_; }  // grows as first pages tell each listing's total

 private:
  struct Page {
    std::size_t listing;
    long long offset;
  };
  void pump();
  void send(Page page);
  void receive(Page page, ApiResult result);
  void finish(std::size_t listing);

  const ApiClient& api_;
  std::map<std::string, core::api::RatePacer> pacers_;  // by route
  bool waking_ = false;                                  // a pump is due once a route's window ends
  int in_flight_limit_;
  int in_flight_ = 0;
  std::vector<Listing> listings_;
  std::vector<Page> queue_;  // pages to ask for, in order
  std::size_t next_ = 0;
  std::size_t finished_ = 0;
  long long items_read_ = 0, items_known_ = 0;
  std::function<void()> all_done_;
};

}  // namespace wasm
