#include "core/preview/preview.hpp"

#include <algorithm>
#include <map>

#include "core/policy/catalog.hpp"

namespace core::preview {
namespace {

using namespace core::policy;

ResourceSegment segment_of(std::string type, std::string key, const SegmentProperties& props) {
  return ResourceSegment{std::move(type), std::move(key), props};
}

// The segment matchers at `level` of every specifier the evaluator holds whose types fit `shape`.
// Matchers that select every resource of their type tell nothing apart and are left out.
std::vector<const SegmentMatcher*> level_matchers(const Evaluator& evaluator, std::initializer_list<std::string_view> shape,
                                                  std::size_t level) {
  std::vector<std::string_view> types(shape);
  std::vector<const SegmentMatcher*> matchers;
  const bool hierarchical = evaluator.semantics().hierarchical_matching;
  auto collect = [&](const RoleSet& set) {
    for (const auto& role : set.roles)
      for (const auto* statements : {&role.allows, &role.denies})
        for (const auto& statement : *statements)
          for (const auto& matcher : statement.resources) {
            const std::size_t depth = matcher.segments.size();
            if (matcher.any || level >= depth) continue;
            if (depth != types.size() && !(hierarchical && depth < types.size())) continue;
            bool fits = true;
            for (std::size_t i = 0; i < depth && fits; ++i) fits = matcher.segments[i].type == types[i];
            if (!fits || matcher.segments[level].matches_all_of_type()) continue;
            if (std::find(matchers.begin(), matchers.end(), &matcher.segments[level]) == matchers.end())
              matchers.push_back(&matcher.segments[level]);
          }
  };
  collect(evaluator.primary());
  if (evaluator.cap() != nullptr) collect(*evaluator.cap());
  return matchers;
}

struct Classes {
  std::vector<std::uint32_t> class_of;
  std::vector<std::size_t> representative;  // a member of each class
  std::vector<std::uint64_t> size;
};

// Groups items by which matchers match them: items of one class are decided alike by every statement.
template <typename Item>
Classes classify(const std::vector<Item>& items, std::string_view type, const std::vector<const SegmentMatcher*>& matchers,
                 const Semantics& semantics) {
  Classes classes;
  classes.class_of.resize(items.size());
  auto add = [&](std::size_t item, auto& seen, const auto& signature) {
    auto [it, inserted] = seen.try_emplace(signature, static_cast<std::uint32_t>(classes.representative.size()));
    if (inserted) {
      classes.representative.push_back(item);
      classes.size.push_back(0);
    }
    classes.class_of[item] = it->second;
    ++classes.size[it->second];
  };
  if (matchers.size() <= 64) {
    std::map<std::uint64_t, std::uint32_t> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      std::uint64_t bits = 0;
      for (std::size_t m = 0; m < matchers.size(); ++m)
        if (matchers[m]->matches(type, items[i].key, items[i].props, semantics)) bits |= std::uint64_t{1} << m;
      add(i, seen, bits);
    }
  } else {
    std::map<std::vector<bool>, std::uint32_t> seen;
    std::vector<bool> bits(matchers.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      for (std::size_t m = 0; m < matchers.size(); ++m)
        bits[m] = matchers[m]->matches(type, items[i].key, items[i].props, semantics);
      add(i, seen, bits);
    }
  }
  return classes;
}

Counts count(const std::vector<CellState>& states, std::size_t actions, std::size_t action,
             const std::vector<std::uint64_t>& class_sizes) {
  Counts counts;
  for (std::size_t c = 0; c < class_sizes.size(); ++c) {
    const CellState state = states[c * actions + action];
    if (state == CellState::Allowed) counts.allowed += class_sizes[c];
    else if (state == CellState::Capped) counts.capped += class_sizes[c];
  }
  return counts;
}

class Builder {
 public:
  Builder(const Account& account, const Evaluator& evaluator, Preview& preview, std::vector<Group>& groups,
          std::vector<Preview::Table>& tables, std::vector<std::vector<std::uint32_t>>& segment_indices,
          std::size_t& class_count)
      : account_(account), evaluator_(evaluator), semantics_(evaluator.semantics()), groups_(groups), tables_(tables),
        segment_indices_(segment_indices), class_count_(class_count) {
    (void)preview;
  }

  void build() {
    account_level();
    for (std::size_t p = 0; p < account_.projects.size(); ++p) project(static_cast<int>(p));
  }

 private:
  // Decides every action of `type` for each representative resource; states[class * actions + action].
  std::shared_ptr<std::vector<CellState>> decide(std::string_view type, const std::vector<Resource>& representatives,
                                                 const EnvironmentLookup* lookup) {
    const auto actions = Preview::actions_of(type);
    auto states = std::make_shared<std::vector<CellState>>(representatives.size() * actions.size());
    for (std::size_t c = 0; c < representatives.size(); ++c)
      for (std::size_t a = 0; a < actions.size(); ++a)
        (*states)[c * actions.size() + a] = evaluator_.state(representatives[c], actions[a], Level::Effective, lookup);
    class_count_ += representatives.size();
    return states;
  }

  void add_group(int project, int environment, std::string type, std::uint32_t resources,
                 std::shared_ptr<const std::vector<std::uint32_t>> class_of,
                 std::shared_ptr<const std::vector<CellState>> states, const std::vector<std::uint64_t>& class_sizes,
                 std::vector<std::uint32_t> segment_indices = {}) {
    const std::size_t actions = Preview::actions_of(type).size();
    Group group{project, environment, std::move(type), resources, {}};
    for (std::size_t a = 0; a < actions; ++a) group.cells.push_back(count(*states, actions, a, class_sizes));
    groups_.push_back(std::move(group));
    tables_.push_back({std::move(class_of), std::move(states), actions, 0});
    segment_indices_.push_back(std::move(segment_indices));
  }

  // Each account-level resource is its own class.
  void account_level_group(std::string type, std::vector<Resource> resources) {
    if (resources.empty()) return;
    auto states = decide(type, resources, nullptr);
    add_group(-1, -1, std::move(type), static_cast<std::uint32_t>(resources.size()), nullptr, std::move(states),
              std::vector<std::uint64_t>(resources.size(), 1));
  }

  void account_level() {
    const std::string self = account_.self_member_id.empty() ? "*" : account_.self_member_id;
    account_level_group("acct", {Resource({segment_of("acct", "*", {})})});
    std::vector<Resource> members;
    for (const auto& id : account_.member_ids) members.push_back(Resource({segment_of("member", id, {})}));
    account_level_group("member", std::move(members));
    account_level_group("token", {Resource({segment_of("member", self, {}), segment_of("token", "*", {})})});
    account_level_group("service-token", {Resource({segment_of("service-token", "*", {})})});
    std::vector<Resource> roles, teams;
    for (const auto& key : account_.role_keys) roles.push_back(Resource({segment_of("role", key, {})}));
    for (const auto& key : account_.team_keys) teams.push_back(Resource({segment_of("team", key, {})}));
    account_level_group("role", std::move(roles));
    account_level_group("team", std::move(teams));
  }

  void project(int p) {
    const Project& project = account_.projects[p];
    const ResourceSegment project_segment = segment_of("proj", project.key, project.props);
    std::vector<ResourceSegment> environment_segments;
    for (const auto& environment : project.environments)
      environment_segments.push_back(segment_of("env", environment.key, environment.props));
    const EnvironmentLookup lookup = [&](std::string_view key) {
      return key == project.key ? &environment_segments : nullptr;
    };

    auto project_states = decide("proj", {Resource({project_segment})}, &lookup);
    add_group(p, -1, "proj", 1, nullptr, project_states, {1});

    // Environment classes, from every specifier whose second segment is an environment.
    auto environment_matchers = level_matchers(evaluator_, {"proj", "env"}, 1);
    for (auto shape_type : {"flag", "segment"})
      for (const auto* matcher : level_matchers(evaluator_, {"proj", "env", shape_type}, 1))
        if (std::find(environment_matchers.begin(), environment_matchers.end(), matcher) == environment_matchers.end())
          environment_matchers.push_back(matcher);
    const Classes environment_classes = classify(project.environments, "env", environment_matchers, semantics_);

    const Classes flag_classes = classify(project.flags, "flag", level_matchers(evaluator_, {"proj", "env", "flag"}, 2), semantics_);
    auto flag_class_of = std::make_shared<const std::vector<std::uint32_t>>(flag_classes.class_of);

    std::vector<std::shared_ptr<std::vector<CellState>>> environment_states, flag_states;
    for (std::size_t ec = 0; ec < environment_classes.representative.size(); ++ec) {
      const ResourceSegment& environment = environment_segments[environment_classes.representative[ec]];
      environment_states.push_back(decide("env", {Resource({project_segment, environment})}, &lookup));
      std::vector<Resource> flags;
      for (std::size_t representative : flag_classes.representative) {
        const Flag& flag = project.flags[representative];
        flags.push_back(Resource({project_segment, environment, segment_of("flag", flag.key, flag.props)}));
      }
      flag_states.push_back(decide("flag", flags, &lookup));
    }

    const auto segment_matchers = level_matchers(evaluator_, {"proj", "env", "segment"}, 2);
    for (std::size_t e = 0; e < project.environments.size(); ++e) {
      const std::uint32_t ec = environment_classes.class_of[e];
      add_group(p, static_cast<int>(e), "env", 1, nullptr, environment_states[ec], {1});
      if (!project.flags.empty())
        add_group(p, static_cast<int>(e), "flag", static_cast<std::uint32_t>(project.flags.size()), flag_class_of,
                  flag_states[ec], flag_classes.size);
      segments(p, e, project_segment, environment_segments[e], segment_matchers, lookup);
    }
  }

  void segments(int p, std::size_t e, const ResourceSegment& project_segment, const ResourceSegment& environment,
                const std::vector<const SegmentMatcher*>& matchers, const EnvironmentLookup& lookup) {
    const Project& project = account_.projects[p];
    std::vector<Segment> in_environment;
    std::vector<std::uint32_t> indices;
    for (std::size_t s = 0; s < project.segments.size(); ++s) {
      if (project.segments[s].environment != e) continue;
      in_environment.push_back(project.segments[s]);
      indices.push_back(static_cast<std::uint32_t>(s));
    }
    if (in_environment.empty()) return;
    const Classes classes = classify(in_environment, "segment", matchers, semantics_);
    std::vector<Resource> representatives;
    for (std::size_t representative : classes.representative) {
      const Segment& segment = in_environment[representative];
      representatives.push_back(Resource({project_segment, environment, segment_of("segment", segment.key, segment.props)}));
    }
    add_group(p, static_cast<int>(e), "segment", static_cast<std::uint32_t>(in_environment.size()),
              std::make_shared<const std::vector<std::uint32_t>>(classes.class_of), decide("segment", representatives, &lookup),
              classes.size, std::move(indices));
  }

  const Account& account_;
  const Evaluator& evaluator_;
  const Semantics& semantics_;
  std::vector<Group>& groups_;
  std::vector<Preview::Table>& tables_;
  std::vector<std::vector<std::uint32_t>>& segment_indices_;
  std::size_t& class_count_;
};

}  // namespace

std::span<const std::string_view> Preview::actions_of(std::string_view type) {
  const ResourceTypeInfo* info = find_resource_type(type);
  if (info == nullptr) return {};
  return info->actions;
}

std::uint32_t Preview::class_of(std::size_t group, std::size_t resource) const {
  const Table& table = tables_.at(group);
  return table.class_of ? (*table.class_of)[table.first_resource + resource] : static_cast<std::uint32_t>(resource);
}

CellState Preview::class_state(std::size_t group, std::uint32_t cls, std::size_t action) const {
  const Table& table = tables_.at(group);
  return (*table.states)[cls * table.actions + action];
}

CellState Preview::state(std::size_t group, std::size_t resource, std::size_t action) const {
  return class_state(group, class_of(group, resource), action);
}

core::policy::Resource Preview::resource(const Account& account, std::size_t group_index, std::size_t index) const {
  const Group& group = groups_.at(group_index);
  if (group.project < 0) {
    const std::string self = account.self_member_id.empty() ? "*" : account.self_member_id;
    if (group.type == "acct") return Resource({segment_of("acct", "*", {})});
    if (group.type == "member") return Resource({segment_of("member", account.member_ids.at(index), {})});
    if (group.type == "token") return Resource({segment_of("member", self, {}), segment_of("token", "*", {})});
    if (group.type == "service-token") return Resource({segment_of("service-token", "*", {})});
    if (group.type == "role") return Resource({segment_of("role", account.role_keys.at(index), {})});
    return Resource({segment_of("team", account.team_keys.at(index), {})});
  }
  const Project& project = account.projects.at(group.project);
  std::vector<ResourceSegment> segments{segment_of("proj", project.key, project.props)};
  if (group.environment >= 0) {
    const Environment& environment = project.environments.at(group.environment);
    segments.push_back(segment_of("env", environment.key, environment.props));
  }
  if (group.type == "flag") {
    const Flag& flag = project.flags.at(index);
    segments.push_back(segment_of("flag", flag.key, flag.props));
  } else if (group.type == "segment") {
    const Segment& segment = project.segments.at(segment_indices_.at(group_index).at(index));
    segments.push_back(segment_of("segment", segment.key, segment.props));
  }
  return Resource(std::move(segments));
}

std::string Preview::resource_label(const Account& account, std::size_t group, std::size_t index) const {
  return resource(account, group, index).text();
}

Counts Preview::totals() const {
  Counts total;
  for (const auto& group : groups_)
    for (const auto& cell : group.cells) total += cell;
  return total;
}

Counts Preview::project_totals(int project) const {
  Counts total;
  for (const auto& group : groups_)
    if (group.project == project)
      for (const auto& cell : group.cells) total += cell;
  return total;
}

Counts Preview::environment_totals(int project, int environment) const {
  Counts total;
  for (const auto& group : groups_)
    if (group.project == project && group.environment == environment)
      for (const auto& cell : group.cells) total += cell;
  return total;
}

std::uint64_t Preview::cell_count() const {
  std::uint64_t cells = 0;
  for (const auto& group : groups_) cells += std::uint64_t{group.resources} * group.cells.size();
  return cells;
}

nlohmann::json Preview::to_json(const Account& account) const {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& group : groups_) {
    nlohmann::json cells = nlohmann::json::array();
    const auto actions = actions_of(group.type);
    for (std::size_t a = 0; a < group.cells.size(); ++a) {
      const Counts& counts = group.cells[a];
      cells.push_back({{"action", actions[a]}, {"allowed", counts.allowed}, {"capped", counts.capped},
                       {"denied", group.resources - counts.allowed - counts.capped}});
    }
    nlohmann::json entry{{"type", group.type}, {"resources", group.resources}, {"actions", std::move(cells)}};
    if (group.project >= 0) entry["project"] = account.projects[group.project].key;
    if (group.environment >= 0)
      entry["environment"] = account.projects[group.project].environments[group.environment].key;
    groups.push_back(std::move(entry));
  }
  const Counts total = totals();
  const std::uint64_t cells = cell_count();
  return {{"groups", std::move(groups)},
          {"totals", {{"cells", cells}, {"allowed", total.allowed}, {"capped", total.capped},
                      {"denied", cells - total.allowed - total.capped}}},
          {"classes", class_count_}};
}

Preview compute_preview(const Account& account, const Evaluator& evaluator) {
  Preview preview;
  Builder(account, evaluator, preview, preview.groups_, preview.tables_, preview.segment_indices_, preview.class_count_)
      .build();
  return preview;
}

}  // namespace core::preview
