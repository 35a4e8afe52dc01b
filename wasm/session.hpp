#pragma once
// Everything read with one token, and the token itself. Act-as, connect and "use the mock" make a new Session
// and destroy the old one: answers to the old one's reads find it gone and are dropped, and nothing it read
// can be shown as the new member's.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api_client.hpp"
#include "core/api/connection.hpp"
#include "core/api/member.hpp"
#include "core/api/tokens.hpp"
#include "core/policy/evaluator.hpp"
#include "core/preview/preview.hpp"
#include "listing_loader.hpp"
#include "loadable.hpp"

namespace wasm {

class Session : public std::enable_shared_from_this<Session> {
 public:
  // instance: the LaunchDarkly instance the token was pasted for (empty: the mock API, or serve.py --upstream);
  // demo_member: which demo member's token it is, if any.
  Session(ApiClient api, std::string instance, std::optional<std::size_t> demo_member);

  // Each read stores what it got here, then calls `done` — unless this Session is gone by the time it answers.
  void load_caller(std::function<void()> ready, std::function<void(const core::api::ApiError&)> failed);
  void load_account(std::function<void()> done);
  void load_tokens(std::function<void(const std::vector<core::api::Token>& before)> done);  // before: the list it replaced
  void load_members(std::function<void()> done);  // done also when it failed: members_state says why
  void load_listings();  // after load_account: every project's flags and environment's segments (again)
  void load_teams();     // the member's teams, for the values of their roles' attributes (again)
  void load_members_teams();  // after load_members: every team of the account's members, for the same (again)

  // Wraps an answer handler so that it runs only while this Session lives.
  template <typename Handler>
  auto while_alive(Handler handler) {
    return [alive = weak_from_this(), handler = std::move(handler)](ApiResult result) mutable {
      if (auto session = alive.lock()) handler(std::move(result));
    };
  }

  std::string member_name() const { return member ? member->display_name() : std::string("this member"); }
  bool member_is_admin() const { return member && (member->role == "admin" || member->role == "owner"); }
  // The members a token is judged with (a token does no more than its member): the caller alone for their own
  // tokens, else the account's members, read with `read_members` on first need. Without them, nothing, and
  // `problem` says why instead of guessing.
  std::optional<std::vector<core::api::Member>> members_to_judge(const core::api::Token& token, std::string& problem,
                                                                 const std::function<void()>& read_members) const;
  // Per project of the account, its environments as resource segments (built on first use).
  const std::vector<core::policy::ResourceSegment>* environment_segments(const std::string& project_key);

  ApiClient api;
  const std::string instance;
  const std::optional<std::size_t> demo_member;
  // Which Session this is (never reused, unlike an address), and how many reads it has stored (an answer, or a
  // failure beside what was shown): what a panel derived from it is worked out again when either differs from
  // what it was derived from.
  const std::uint64_t serial;
  std::uint64_t version = 0;
  std::uint64_t account_version = 0;  // only the reads a draft is judged over: the caller, their roles, the account

  std::optional<core::api::CallerIdentity> identity;
  std::optional<core::api::Member> member;

  std::vector<core::api::CustomRole> roles;
  // Replaced, never changed in place: a preview keeps the account it was worked out over, without a copy.
  std::shared_ptr<const core::preview::Account> account;
  Loadable account_state;
  // The flags of every project and the segments of every environment, read after the projects; until they
  // have all come, the account has a stand-in "any flag" and "any segment" in their place.
  std::shared_ptr<ListingLoader> listings;
  bool applying_listings = false;  // all read, being put into the account
  Loadable teams_state;

  std::vector<core::api::Token> tokens;
  bool all_members_tokens = false;  // an admin's list of everyone's tokens, not only their own
  long long tokens_total = 0;
  Loadable tokens_state;
  std::size_t token_pages_received = 0, token_pages_wanted = 0;

  std::vector<core::api::Member> members;
  Loadable members_state;
  Loadable members_teams_state;  // their teams' reads: a failure leaves those teams' attribute values out

 private:
  static std::uint64_t next_serial();
  void load_projects_page(long long offset, std::shared_ptr<std::vector<std::string>> pages, std::function<void()> done);
  using ListingPlaces = std::vector<std::pair<std::string, std::string>>;  // per listing: project, environment (or "": flags)
  void apply_listings(std::shared_ptr<const ListingLoader> loader, std::shared_ptr<core::preview::Account> building,
                      std::shared_ptr<const ListingPlaces> places, std::size_t next);
  void load_tokens_page(std::size_t page_index, std::uint64_t generation,
                        std::function<void(const std::vector<core::api::Token>&)> done);
  void finish_token_pages(const std::function<void(const std::vector<core::api::Token>&)>& done);

  std::vector<std::vector<core::api::Token>> token_pages_;  // a load in progress, page by page
  std::size_t next_token_page_ = 1;
  std::uint64_t tokens_generation_ = 0;  // a newer load of the list makes older pages' answers moot
  std::vector<std::vector<core::policy::ResourceSegment>> environment_segments_;
};

}  // namespace wasm
