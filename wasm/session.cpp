#include "session.hpp"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "core/api/account_resources.hpp"
#include "core/api/connection.hpp"
#include "timer.hpp"

namespace wasm {
namespace {

constexpr int kProjectsPerPage = 1000;
constexpr int kTokensPerPage = 100;
constexpr int kTokenPagesInFlight = 4;
constexpr int kListingPagesInFlight = 4;
constexpr std::size_t kMaxTokensListed = 100'000;  // beyond this the filter box is the way in

core::api::ApiError invalid_response(int status, const std::string& problem) { return {status, "invalid_response", problem}; }

// What the answer holds, parsed; or nothing, with `state` saying why (the API's error, or an answer that does
// not parse).
template <typename Parse>
auto parsed_or_failed(const ApiResult& result, Loadable& state, Parse parse)
    -> std::optional<std::decay_t<decltype(parse(result.body).value())>> {
  if (!result.ok()) {
    state = Loadable::failed(result.error);
    return std::nullopt;
  }
  auto parsed = parse(result.body);
  if (!parsed) {
    state = Loadable::failed(invalid_response(result.status, parsed.error().describe()));
    return std::nullopt;
  }
  return std::move(parsed).value();
}

}  // namespace

Session::Session(ApiClient api, std::string instance, std::optional<std::size_t> demo_member)
    : api(std::move(api)), instance(std::move(instance)), demo_member(demo_member), serial(next_serial()) {}

std::uint64_t Session::next_serial() {
  static std::uint64_t last = 0;
  return ++last;
}

// Who the token acts as: its kind (caller identity) and its member (the creator, for a service token), asked
// at once since neither answer depends on the other; ready when both have come, and the first failure is told.
void Session::load_caller(std::function<void()> ready, std::function<void(const core::api::ApiError&)> failed) {
  auto failed_once = std::make_shared<bool>(false);
  auto receive = [this, ready, failed, failed_once](auto parse, auto place) {
    return while_alive([this, ready, failed, failed_once, parse, place](ApiResult result) {
      if (*failed_once) return;
      if (!result.ok()) {
        *failed_once = true;
        return failed(result.error);
      }
      auto parsed = parse(result.body);
      if (!parsed) {
        *failed_once = true;
        return failed(invalid_response(result.status, parsed.error().describe()));
      }
      this->*place = std::move(parsed).value();
      ++version;
      ++account_version;
      if (identity && member) ready();
    });
  };
  api.send(core::api::get_caller_identity(), receive(&core::api::parse_caller_identity, &Session::identity));
  api.send(core::api::get_member_me(), receive(&core::api::parse_member, &Session::member));
}

// The account's custom roles and every page of its projects (with their environments): what the draft's scope
// is made of and what the preview covers.
void Session::load_account(std::function<void()> done) {
  account_state = Loadable::busy();
  api.send(core::api::list_roles(), while_alive([this, done = std::move(done)](ApiResult result) {
    auto parsed = parsed_or_failed(result, account_state, core::api::parse_roles);
    if (!parsed) return;
    roles = std::move(*parsed);
    load_projects_page(0, std::make_shared<std::vector<std::string>>(), done);
  }));
  load_teams();
}

// The member's teams as the teams themselves give them: the values their roles' attributes take, which the
// member's own read does not carry.
void Session::load_teams() {
  if (!member || member->teams.empty()) return;
  teams_state = Loadable::busy();
  auto waiting = std::make_shared<std::size_t>(member->teams.size());
  for (const auto& team : member->teams)
    api.send(core::api::get_team(team.key), while_alive([this, waiting](ApiResult result) {
      auto parsed = parsed_or_failed(result, teams_state, core::api::parse_team);
      if (parsed && member) {
        core::api::apply_team(*member, *parsed);
        ++version;
        ++account_version;
      }
      if (--*waiting == 0 && teams_state.loading) teams_state = {};
    }));
}

void Session::load_projects_page(long long offset, std::shared_ptr<std::vector<std::string>> pages, std::function<void()> done) {
  api.send(core::api::list_projects(offset, kProjectsPerPage), while_alive([this, offset, pages, done](ApiResult result) {
    auto count = parsed_or_failed(result, account_state, core::api::parse_page_count);
    if (!count) return;
    pages->push_back(std::move(result.body));
    const long long next = offset + count->items;
    if (count->items > 0 && next < count->total) return load_projects_page(next, pages, done);
    auto parsed = core::api::parse_projects_account(*pages, member ? member->id : "");
    if (!parsed) {
      account_state = Loadable::failed(invalid_response(result.status, parsed.error().describe()));
      return;
    }
    auto read_account = std::make_shared<core::preview::Account>(std::move(parsed).value());
    for (const auto& role : roles) read_account->role_keys.push_back(role.key);
    account = std::move(read_account);
    environment_segments_.clear();
    account_state = {};
    ++version;
    ++account_version;
    done();
    load_listings();
  }));
}

void Session::load_listings() {
  listings = std::make_shared<ListingLoader>(api, kListingPagesInFlight);
  applying_listings = false;
  ListingPlaces places;
  for (const auto& project : account->projects) {
    listings->add("the flags of " + project.key, "flags",
                  [key = project.key](long long offset) { return core::api::list_flags(key, offset); });
    places.emplace_back(project.key, "");
    for (const auto& environment : project.environments) {
      listings->add("the segments of " + project.key + " / " + environment.key, "segments",
                    [p = project.key, e = environment.key](long long offset) { return core::api::list_segments(p, e, offset); });
      places.emplace_back(project.key, environment.key);
    }
  }
  listings->start([alive = weak_from_this(), loader = std::weak_ptr<const ListingLoader>(listings),
                   places = std::make_shared<const ListingPlaces>(std::move(places))] {
    auto session = alive.lock();
    auto read = loader.lock();
    if (!session || !read || session->listings != read || !session->account) return;
    session->applying_listings = true;
    // Small unless the listings are read again: the account has stand-ins in place of flags and segments.
    session->apply_listings(read, std::make_shared<core::preview::Account>(*session->account), places, 0);
  });
}

// A large account's listings hold many thousand flags: they go into the new account a few listings at a time,
// each call at most kApplyBudgetMs long so that the console keeps drawing, and the account is replaced once
// they are all in. A newer load of the listings (Retry, or the account read again) makes this one moot.
void Session::apply_listings(std::shared_ptr<const ListingLoader> loader, std::shared_ptr<core::preview::Account> building,
                             std::shared_ptr<const ListingPlaces> places, std::size_t next) {
  constexpr double kApplyBudgetMs = 8;
  const double started = now_ms();
  const auto& read = loader->listings();
  for (; next < read.size() && (next == 0 || now_ms() - started < kApplyBudgetMs); ++next) {
    if (!read[next].read) continue;  // unreadable: the stand-in stays, and the preview panel says so
    const auto& [project, environment] = (*places)[next];
    if (environment.empty()) core::api::set_project_flags(*building, project, *read[next].read);
    else core::api::set_environment_segments(*building, project, environment, *read[next].read);
  }
  if (next < read.size()) {
    call_after_ms(0, [alive = weak_from_this(), loader, building, places, next] {
      auto session = alive.lock();
      if (session && session->listings == loader) session->apply_listings(loader, building, places, next);
    });
    return;
  }
  account = std::move(building);
  applying_listings = false;
  ++version;
  ++account_version;
}

const std::vector<core::policy::ResourceSegment>* Session::environment_segments(const std::string& project_key) {
  if (!account) return nullptr;
  if (environment_segments_.empty()) {
    for (const auto& project : account->projects) {
      environment_segments_.emplace_back();
      for (const auto& environment : project.environments)
        environment_segments_.back().push_back({"env", environment.key, environment.props});
    }
  }
  for (std::size_t p = 0; p < account->projects.size(); ++p)
    if (account->projects[p].key == project_key) return &environment_segments_[p];
  return nullptr;
}

// Every page of the list, so that filtering and sorting cover all tokens: the first page says how many
// there are, then the rest are asked for a few at a time. The list read before stays until the new one is
// whole.
void Session::load_tokens(std::function<void(const std::vector<core::api::Token>&)> done) {
  ++tokens_generation_;
  token_pages_.clear();
  token_pages_received = 0;
  token_pages_wanted = 1;
  next_token_page_ = 1;
  tokens_state = Loadable::busy();
  load_tokens_page(0, tokens_generation_, std::move(done));
}

void Session::load_tokens_page(std::size_t page_index, std::uint64_t generation,
                               std::function<void(const std::vector<core::api::Token>&)> done) {
  const long long offset = static_cast<long long>(page_index) * kTokensPerPage;
  api.send(core::api::list_tokens(offset, kTokensPerPage, all_members_tokens),
           while_alive([this, page_index, generation, done](ApiResult result) {
             if (generation != tokens_generation_) return;
             if (!result.ok()) {
               tokens_state = Loadable::failed(result.error);
               if (result.status == 429)  // honour Retry-After, then ask for the same page again
                 call_after_ms(result.error.retry_after_seconds * 1000,
                               [alive = weak_from_this(), page_index, generation, done] {
                                 auto session = alive.lock();
                                 if (!session || generation != session->tokens_generation_) return;
                                 session->tokens_state = Loadable::busy();
                                 session->load_tokens_page(page_index, generation, done);
                               });
               return;
             }
             auto page = core::api::parse_tokens(result.body);
             if (!page) {
               tokens_state = Loadable::failed(invalid_response(result.status, page.error().describe()));
               return;
             }
             if (page_index == 0) {
               tokens_total = page->total;
               const auto wanted = std::min<long long>(page->total, static_cast<long long>(kMaxTokensListed));
               token_pages_.resize(std::max<std::size_t>(1, static_cast<std::size_t>((wanted + kTokensPerPage - 1) / kTokensPerPage)));
               token_pages_wanted = token_pages_.size();
               for (int i = 0; i < kTokenPagesInFlight && next_token_page_ < token_pages_.size(); ++i)
                 load_tokens_page(next_token_page_++, generation, done);
             } else if (next_token_page_ < token_pages_.size()) {
               load_tokens_page(next_token_page_++, generation, done);
             }
             token_pages_[page_index] = std::move(page->items);
             if (++token_pages_received == token_pages_.size()) finish_token_pages(done);
           }));
}

// The pages, in order, become the list (a token that moved between pages while they were read counts once).
void Session::finish_token_pages(const std::function<void(const std::vector<core::api::Token>&)>& done) {
  std::vector<core::api::Token> list;
  std::unordered_set<std::string> seen;
  for (auto& page : token_pages_)
    for (auto& token : page)
      if (seen.insert(token.id).second) list.push_back(std::move(token));
  token_pages_.clear();
  const std::vector<core::api::Token> before = std::exchange(tokens, std::move(list));
  ++version;
  tokens_state = {};
  done(before);
}

void Session::load_members(std::function<void()> done) {
  members_state = Loadable::busy();
  api.send(core::api::list_members(), while_alive([this, done = std::move(done)](ApiResult result) {
    auto parsed = parsed_or_failed(result, members_state, core::api::parse_members);
    if (parsed) {
      members = std::move(*parsed);
      members_state = {};
      load_members_teams();
    }
    ++version;
    done();
  }));
}

// The teams of the account's members as the teams give them (the values of their roles' attributes, which a
// member's read does not carry), so that another member's token is judged as the API judges it: one read per
// team, however many members are in it.
void Session::load_members_teams() {
  std::set<std::string> keys;
  for (const auto& someone : members)
    for (const auto& team : someone.teams) keys.insert(team.key);
  if (keys.empty()) return;
  members_teams_state = Loadable::busy();
  auto waiting = std::make_shared<std::size_t>(keys.size());
  for (const auto& key : keys)
    api.send(core::api::get_team(key), while_alive([this, waiting](ApiResult result) {
      auto parsed = parsed_or_failed(result, members_teams_state, core::api::parse_team);
      if (parsed)
        for (auto& someone : members) core::api::apply_team(someone, *parsed);
      ++version;
      if (--*waiting == 0 && members_teams_state.loading) members_teams_state = {};
    }));
}

std::optional<std::vector<core::api::Member>> Session::members_to_judge(const core::api::Token& token, std::string& problem,
                                                                        const std::function<void()>& read_members) const {
  if (member && token.member_id == member->id) return std::vector<core::api::Member>{*member};
  if (!members.empty() && members_teams_state.loading) {
    problem = "Reading the teams of the account's members (their roles' attribute values), to judge \"" + token.name +
              "\" with its own member...";
    return std::nullopt;
  }
  if (!members.empty()) return members;
  if (members_state.error) {
    problem = "The console cannot read the account's members (" + members_state.error->describe() +
              "), so it cannot say what \"" + token.name + "\" can do: a token does no more than its member.";
  } else {
    if (!members_state.loading) read_members();
    problem = "Reading the account's members, to judge \"" + token.name + "\" with its own member...";
  }
  return std::nullopt;
}

}  // namespace wasm
