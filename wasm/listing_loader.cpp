#include "listing_loader.hpp"

#include <algorithm>

#include "timer.hpp"

namespace wasm {

void ListingLoader::add(std::string what, std::string route, std::function<core::api::ApiRequest(long long offset)> request) {
  Listing listing;
  listing.what = std::move(what);
  listing.route = std::move(route);
  listing.request = std::move(request);
  listings_.push_back(std::move(listing));
  queue_.push_back({listings_.size() - 1, 0});
}

void ListingLoader::start(std::function<void()> all_done) {
  all_done_ = std::move(all_done);
  if (listings_.empty()) return all_done_();
  pump();
}

// Pages go in order; one whose route has used up its window waits, and the pages after it with it.
void ListingLoader::pump() {
  while (in_flight_ < in_flight_limit_ && next_ < queue_.size() && !waking_) {
    const long long wait = pacers_[listings_[queue_[next_].listing].route].wait_ms(epoch_ms());
    if (wait > 0) {
      waking_ = true;
      call_after_ms(static_cast<int>(wait), [alive = weak_from_this()] {
        if (auto loader = alive.lock()) {
          loader->waking_ = false;
          loader->pump();
        }
      });
      return;
    }
    send(queue_[next_++]);
  }
}

void ListingLoader::send(Page page) {
  ++in_flight_;
  pacers_[listings_[page.listing].route].sent();
  api_.send(listings_[page.listing].request(page.offset), [alive = weak_from_this(), page](ApiResult result) {
    if (auto loader = alive.lock()) loader->receive(page, std::move(result));
  });
}

void ListingLoader::receive(Page page, ApiResult result) {
  --in_flight_;
  Listing& listing = listings_[page.listing];
  pacers_[listing.route].answered(result.rate_limit, in_flight_, epoch_ms());
  if (result.status == 429) {  // wait as told, then ask for the same page again
    ++in_flight_;               // the slot stays taken while waiting, so the pace drops
    call_after_ms(std::max(1, result.error.retry_after_seconds) * 1000, [alive = weak_from_this(), page] {
      if (auto loader = alive.lock()) {
        --loader->in_flight_;
        loader->send(page);
      }
    });
    return;
  }
  if (listing.finished) return pump();  // an earlier page failed
  if (!result.ok()) {
    listing.error = result.error;
    finish(page.listing);
    return pump();
  }
  auto parsed = core::api::parse_listed_resources(result.body);
  if (!parsed) {
    listing.error = core::api::ApiError{result.status, "invalid_response", parsed.error().describe()};
    finish(page.listing);
    return pump();
  }
  const auto count = static_cast<long long>(parsed->keys.size());
  items_read_ += count;
  if (page.offset == 0) {
    items_known_ += parsed->total;
    // The other pages of this listing, asked for before any other listing's.
    std::vector<Page> rest;
    for (long long offset = count; count > 0 && offset < parsed->total; offset += core::api::kListingPageSize)
      rest.push_back({page.listing, offset});
    listing.pages_expected = 1 + rest.size();
    queue_.insert(queue_.begin() + static_cast<std::ptrdiff_t>(next_), rest.begin(), rest.end());
  }
  listing.pages.emplace(page.offset, std::move(parsed).value());
  if (listing.pages.size() == listing.pages_expected) {
    core::api::ListedResources whole;
    for (auto& [offset, part] : listing.pages) {
      whole.keys.insert(whole.keys.end(), part.keys.begin(), part.keys.end());
      whole.tags.insert(whole.tags.end(), part.tags.begin(), part.tags.end());
    }
    whole.total = static_cast<long long>(whole.keys.size());
    listing.pages.clear();
    listing.read = std::move(whole);
    finish(page.listing);
  }
  pump();
}

void ListingLoader::finish(std::size_t listing) {
  listings_[listing].finished = true;
  if (++finished_ == listings_.size() && all_done_) all_done_();
}

}  // namespace wasm
