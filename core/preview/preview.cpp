#include "core/preview/preview.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <climits>
#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>

#include "core/policy/catalog.hpp"
#include "core/policy/effective.hpp"

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
  for (const auto& cap : evaluator.caps()) collect(cap.roles);
  return matchers;
}

// Equal properties (tags, views, critical), compared by value through pointers into the account.
struct PropertiesHash {
  std::size_t operator()(const SegmentProperties* props) const noexcept {
    std::uint64_t hash = props->critical ? 0x9e3779b97f4a7c15ULL : 0;  // 64 bits in WebAssembly too
    for (const auto* list : {&props->tags, &props->tags_lower, &props->views}) {
      for (const auto& text : *list) hash = (hash ^ std::hash<std::string>{}(text)) * 0x100000001b3ULL;
      hash = (hash ^ list->size()) * 0x100000001b3ULL;
    }
    return static_cast<std::size_t>(hash ^ (hash >> 32));
  }
};
struct PropertiesEqual {
  bool operator()(const SegmentProperties* a, const SegmentProperties* b) const noexcept {
    return a->critical == b->critical && a->tags == b->tags && a->tags_lower == b->tags_lower && a->views == b->views;
  }
};

struct Classes {
  std::vector<std::uint32_t> class_of;
  std::vector<std::size_t> representative;  // a member of each class
  std::vector<std::uint64_t> size;
};

// Groups items by which matchers match them: items of one class are decided alike by every statement.
// Items are added in order, in as many calls as the caller likes (a large account's flags over several
// frames); `at(i)` gives the i-th item's key and properties.
class Classifier {
 public:
  Classifier(std::size_t count, std::string_view type, std::vector<const SegmentMatcher*> matchers, const Semantics& semantics)
      : type_(type), item_type_(type_id(type)), matchers_(std::move(matchers)), semantics_(&semantics) {
    classes_.class_of.resize(count);
    // A matcher is its type, its key glob and its selectors (tags, views, critical). Items share few sets of
    // properties, so selectors are decided once per distinct set; per item only the key globs are.
    for (std::size_t m = 0; m < matchers_.size() && matchers_.size() <= 64; ++m) {
      const SegmentMatcher& matcher = *matchers_[m];
      const bool type_fits = matcher.type_id == item_type_ && (item_type_ != kUnknownType || matcher.type == type_);
      if (type_fits && !matcher.never_matches) fixed_ |= std::uint64_t{1} << m;
      if (!matcher.key.matches_everything()) keyed_ |= std::uint64_t{1} << m;
    }
  }

  template <typename At>
  void add(std::size_t begin, std::size_t end, At at) {
    if (matchers_.size() <= 64) {
      for (std::size_t i = begin; i < end; ++i) {
        const auto& [key, props] = at(i);
        std::uint64_t bits = fixed_ & selector_bits(props);
        for (std::uint64_t rest = bits & keyed_; rest != 0; rest &= rest - 1) {
          const int m = std::countr_zero(rest);
          if (!matchers_[static_cast<std::size_t>(m)]->key.matches(key)) bits &= ~(std::uint64_t{1} << m);
        }
        add_item(i, seen_bits_, bits);
      }
      return;
    }
    std::vector<bool> bits(matchers_.size());
    for (std::size_t i = begin; i < end; ++i) {
      const auto& [key, props] = at(i);
      for (std::size_t m = 0; m < matchers_.size(); ++m) bits[m] = matchers_[m]->matches(item_type_, type_, key, props, *semantics_);
      add_item(i, seen_vectors_, bits);
    }
  }

  Classes take() { return std::move(classes_); }

 private:
  void add_item(std::size_t item, auto& seen, const auto& signature) {
    auto [it, inserted] = seen.try_emplace(signature, static_cast<std::uint32_t>(classes_.representative.size()));
    if (inserted) {
      classes_.representative.push_back(item);
      classes_.size.push_back(0);
    }
    classes_.class_of[item] = it->second;
    ++classes_.size[it->second];
  }

  std::uint64_t selector_bits(const SegmentProperties& props) {
    auto [it, inserted] = selected_.try_emplace(&props, 0);
    if (inserted)
      for (std::size_t m = 0; m < matchers_.size(); ++m)
        if (!matchers_[m]->has_selectors || matchers_[m]->matches_selectors(props, *semantics_)) it->second |= std::uint64_t{1} << m;
    return it->second;
  }

  std::string type_;
  TypeId item_type_;
  std::vector<const SegmentMatcher*> matchers_;
  const Semantics* semantics_;
  std::uint64_t fixed_ = 0, keyed_ = 0;
  std::unordered_map<const SegmentProperties*, std::uint64_t, PropertiesHash, PropertiesEqual> selected_;
  std::unordered_map<std::uint64_t, std::uint32_t> seen_bits_;
  std::map<std::vector<bool>, std::uint32_t> seen_vectors_;
  Classes classes_;
};

template <typename At>
Classes classify(std::size_t count, std::string_view type, std::vector<const SegmentMatcher*> matchers,
                 const Semantics& semantics, At at) {
  Classifier classifier(count, type, std::move(matchers), semantics);
  classifier.add(0, count, at);
  return classifier.take();
}

struct KeyAndProps {
  const std::string& key;
  const SegmentProperties& props;
};

// The catalogue's actions of a type, looked up once (built whole on first use: safe from several threads).
const std::vector<Action>& type_actions(std::string_view type) {
  static const std::map<std::string, std::vector<Action>, std::less<>> cache = [] {
    std::map<std::string, std::vector<Action>, std::less<>> built;
    for (const auto& info : resource_types()) {
      std::vector<Action> actions(info.actions.begin(), info.actions.end());
      built.emplace(std::string(info.type), std::move(actions));
    }
    return built;
  }();
  static const std::vector<Action> none;
  auto it = cache.find(type);
  return it == cache.end() ? none : it->second;
}

// Each catalogue action's position among one type's actions (rows and cells are in that order), by ActionId.
std::vector<std::uint16_t> action_positions(std::string_view type) {
  std::vector<std::uint16_t> positions(all_actions().size(), UINT16_MAX);
  const auto& actions = type_actions(type);
  for (std::size_t i = 0; i < actions.size(); ++i)
    if (actions[i].id != kUnknownAction) positions[actions[i].id] = static_cast<std::uint16_t>(i);
  return positions;
}

// The pure decisions of one representative resource for every action of its type: bit 0 the token's (or
// member's) own roles allow it, bit 1 every cap (member or creator, issuers) allows it.
using Row = std::vector<std::uint8_t>;
constexpr std::uint8_t kPrimary = 1, kCap = 2;

CellState combine(std::uint8_t bits, bool has_cap) {
  if (!(bits & kPrimary)) return CellState::Denied;
  if (has_cap && !(bits & kCap)) return CellState::Capped;
  return CellState::Allowed;
}

template <typename Items>
std::size_t count_of(const Account& account, Items Project::*items) {
  std::size_t count = 0;
  for (const auto& project : account.projects) count += (project.*items).size();
  return count;
}

class Builder {
 public:
  Builder(const Account& account, const Evaluator& evaluator, const std::string& self_member_id,
          std::vector<Group>& groups, std::vector<Preview::Table>& tables,
          std::vector<std::vector<std::uint32_t>>& segment_indices, std::size_t& class_count)
      : account_(account), self_member_id_(self_member_id), evaluator_(evaluator), semantics_(evaluator.semantics()), has_cap_(!evaluator.caps().empty()),
        groups_(groups), tables_(tables), segment_indices_(segment_indices), class_count_(class_count),
        flag_count_(count_of(account, &Project::flags)), segment_count_(count_of(account, &Project::segments)) {}

  // The work in parts: the account-level groups; the classes of projects and environments; the classes of
  // flags and segments, kClassifiedPerPart at a time; then each project.
  std::size_t parts() const { return 2 + classify_parts() + account_.projects.size(); }
  void build_part(std::size_t part) {
    if (part == 0) account_level();
    else if (part == 1) classify_project_resources();
    else if (part < 2 + classify_parts()) classify_chunk(part - 2);
    else project(part - 2 - classify_parts());
  }

 private:
  Row decide_row(std::string_view type, const Resource& resource) {
    const auto& actions = type_actions(type);
    Row row = evaluator_.primary().allows_each(resource, actions, semantics_);
    const auto capped = evaluator_.caps_allow_each(resource, actions);
    for (std::size_t a = 0; a < actions.size(); ++a) row[a] = static_cast<std::uint8_t>(row[a] * kPrimary | capped[a] * kCap);
    ++class_count_;
    return row;
  }

  // A memo of rows by class triple: projects, environments and flags of equal classes decide alike.
  const Row& memo(std::map<std::array<std::uint32_t, 3>, Row>& rows, std::array<std::uint32_t, 3> key,
                  std::string_view type, const auto& make_resource) {
    auto it = rows.find(key);
    if (it == rows.end()) it = rows.emplace(key, decide_row(type, make_resource())).first;
    return it->second;
  }

  void add_group(int project, int environment, std::string type, std::uint32_t resources,
                 std::shared_ptr<const std::vector<std::uint32_t>> class_of, std::vector<CellState> states,
                 const std::vector<std::uint64_t>& class_sizes, std::vector<std::uint32_t> segment_indices = {}) {
    const std::size_t actions = Preview::actions_of(type).size();
    Group group{project, environment, std::move(type), resources, std::vector<Counts>(actions)};
    for (std::size_t c = 0; c < class_sizes.size(); ++c)
      for (std::size_t a = 0; a < actions; ++a) {
        const CellState state = states[c * actions + a];
        if (state == CellState::Allowed) group.cells[a].allowed += class_sizes[c];
        else if (state == CellState::Capped) group.cells[a].capped += class_sizes[c];
      }
    groups_.push_back(std::move(group));
    tables_.push_back({std::move(class_of), std::make_shared<const std::vector<CellState>>(std::move(states)), actions});
    segment_indices_.push_back(std::move(segment_indices));
  }

  // Each account-level resource is its own class; their effective level is their pure decision.
  void account_level_group(std::string type, const std::vector<Resource>& resources) {
    if (resources.empty()) return;
    std::vector<CellState> states;
    for (const auto& resource : resources)
      for (std::uint8_t bits : decide_row(type, resource)) states.push_back(combine(bits, has_cap_));
    add_group(-1, -1, std::move(type), static_cast<std::uint32_t>(resources.size()), nullptr, std::move(states),
              std::vector<std::uint64_t>(resources.size(), 1));
  }

  void account_level() {
    const std::string self = self_member_id_.empty() ? "*" : self_member_id_;
    account_level_group("acct", {Resource({segment_of("acct", "*", {})})});
    std::vector<Resource> members;
    for (const auto& id : account_.member_ids) members.push_back(Resource({segment_of("member", id, {})}));
    account_level_group("member", members);
    account_level_group("token", {Resource({segment_of("member", self, {}), segment_of("token", "*", {})})});
    account_level_group("service-token", {Resource({segment_of("service-token", "*", {})})});
    std::vector<Resource> roles, teams;
    for (const auto& key : account_.role_keys) roles.push_back(Resource({segment_of("role", key, {})}));
    for (const auto& key : account_.team_keys) teams.push_back(Resource({segment_of("team", key, {})}));
    account_level_group("role", roles);
    account_level_group("team", teams);
  }

  std::vector<const SegmentMatcher*> union_of(std::initializer_list<std::vector<const SegmentMatcher*>> lists) {
    std::vector<const SegmentMatcher*> all;
    for (const auto& list : lists)
      for (const auto* matcher : list)
        if (std::find(all.begin(), all.end(), matcher) == all.end()) all.push_back(matcher);
    return all;
  }

  // Classes across the whole account, so that decisions are shared between projects.
  void classify_project_resources() {
    const auto& projects = account_.projects;
    project_classes_ = classify(projects.size(), "proj",
                                union_of({level_matchers(evaluator_, {"proj"}, 0), level_matchers(evaluator_, {"proj", "env"}, 0),
                                          level_matchers(evaluator_, {"proj", "env", "flag"}, 0),
                                          level_matchers(evaluator_, {"proj", "env", "segment"}, 0)}),
                                semantics_, [&](std::size_t i) { return KeyAndProps{projects[i].key, projects[i].props}; });
    for (std::size_t p = 0; p < projects.size(); ++p) {
      environment_offset_.push_back(environment_refs_.size());
      for (std::size_t e = 0; e < projects[p].environments.size(); ++e) environment_refs_.push_back({p, e});
      flag_offset_.push_back(flag_refs_.size());
      for (std::size_t f = 0; f < projects[p].flags.size(); ++f) flag_refs_.push_back({p, f});
      segment_offset_.push_back(segment_refs_.size());
      for (std::size_t s = 0; s < projects[p].segments.size(); ++s) segment_refs_.push_back({p, s});
    }
    environment_classes_ = classify(
        environment_refs_.size(), "env",
        union_of({level_matchers(evaluator_, {"proj", "env"}, 1), level_matchers(evaluator_, {"proj", "env", "flag"}, 1),
                  level_matchers(evaluator_, {"proj", "env", "segment"}, 1)}),
        semantics_, [&](std::size_t i) {
          const auto& environment = projects[environment_refs_[i].first].environments[environment_refs_[i].second];
          return KeyAndProps{environment.key, environment.props};
        });
    flag_classifier_.emplace(flag_refs_.size(), "flag", level_matchers(evaluator_, {"proj", "env", "flag"}, 2), semantics_);
    segment_classifier_.emplace(segment_refs_.size(), "segment", level_matchers(evaluator_, {"proj", "env", "segment"}, 2),
                                semantics_);
  }

  // The flags, then the segments, kClassifiedPerPart at a time (part `chunk` of either, in that order).
  void classify_chunk(std::size_t chunk) {
    const auto& projects = account_.projects;
    const std::size_t flag_chunks = chunks(flag_count_);
    if (chunk < flag_chunks) {
      const std::size_t begin = chunk * kClassifiedPerPart, end = std::min(flag_count_, begin + kClassifiedPerPart);
      flag_classifier_->add(begin, end, [&](std::size_t i) {
        const auto& flag = projects[flag_refs_[i].first].flags[flag_refs_[i].second];
        return KeyAndProps{flag.key, flag.props};
      });
      if (end == flag_count_) flag_classes_ = flag_classifier_->take();
      return;
    }
    const std::size_t begin = (chunk - flag_chunks) * kClassifiedPerPart, end = std::min(segment_count_, begin + kClassifiedPerPart);
    segment_classifier_->add(begin, end, [&](std::size_t i) {
      const auto& segment = projects[segment_refs_[i].first].segments[segment_refs_[i].second];
      return KeyAndProps{segment.key, segment.props};
    });
    if (end == segment_count_) segment_classes_ = segment_classifier_->take();
  }

  ResourceSegment project_segment(std::size_t p) const {
    return segment_of("proj", account_.projects[p].key, account_.projects[p].props);
  }
  ResourceSegment environment_segment(std::size_t global_environment) const {
    const auto& [p, e] = environment_refs_[global_environment];
    return segment_of("env", account_.projects[p].environments[e].key, account_.projects[p].environments[e].props);
  }

  // The rows of the project being built: its own, each environment's, and each (environment, local class)
  // of its flags and segments. Cells are decided from these by effective_decision, the rules every
  // effective-level decision goes through.
  struct ProjectRows {
    const Row* project = nullptr;
    std::vector<const Row*> environments;
    std::vector<std::string_view> environment_keys;
    std::size_t flag_classes = 0;
    std::vector<const Row*> flags;                    // environment * flag_classes + local class
    std::vector<std::vector<const Row*>> segments;    // per environment, per local class
  };

  // A class of resources of the project being built, as effective_decision's target.
  struct ClassTarget {
    enum class Kind { Project, Environment, Flag, Segment };
    const ProjectRows* rows;
    Kind kind;
    std::size_t environment = 0;
    std::size_t local = 0;  // the local class of a flag or segment

    bool under_project() const { return true; }
    bool is_project() const { return kind == Kind::Project; }
    bool is_flag() const { return kind == Kind::Flag; }
    ClassTarget project() const { return {rows, Kind::Project}; }
    std::string text() const { return ""; }  // the preview asks for no reasons
    template <typename Visit>
    bool every_environment(Visit visit) const {
      for (std::size_t e = 0; e < rows->environments.size(); ++e)
        if (!visit(ClassTarget{rows, kind, e, local}, rows->environment_keys[e])) return false;
      return true;
    }
    std::string_view type() const { return kTypes[static_cast<int>(kind)]; }
    static constexpr std::string_view kTypes[] = {"proj", "env", "flag", "segment"};
    const Row& row() const {
      switch (kind) {
        case Kind::Project: return *rows->project;
        case Kind::Environment: return *rows->environments[environment];
        case Kind::Flag: return *rows->flags[environment * rows->flag_classes + local];
        case Kind::Segment: break;
      }
      return *rows->segments[environment][local];
    }
  };

  // A cell's state, and whether it is the same in every environment of the project: both role sets (the
  // token's own, and its caps) at once, as bits.
  std::pair<CellState, bool> effective_state(const ClassTarget& target, const Action& action) const {
    auto pure = [&](const ClassTarget& t, const Action& asked, Trace*) -> std::uint8_t {
      return t.row()[positions_[static_cast<int>(t.kind)][asked.id]];
    };
    const auto decision = effective_decision(target, action, semantics_, "", pure);
    return {combine(decision.allowed, has_cap_), decision.same_in_every_environment};
  }

  std::vector<CellState> effective_states(const ClassTarget& target) const {
    std::vector<CellState> states;
    for (const Action& action : type_actions(target.type())) states.push_back(effective_state(target, action).first);
    return states;
  }

  void project(std::size_t p) {
    const Project& project = account_.projects[p];
    const std::uint32_t pc = project_classes_.class_of[p];
    const std::size_t environment_count = project.environments.size();
    ProjectRows rows;
    rows.project = &memo(project_rows_, {pc, 0, 0}, "proj", [&] {
      return Resource({project_segment(project_classes_.representative[pc])});
    });
    for (std::size_t e = 0; e < environment_count; ++e) {
      const std::uint32_t ec = environment_classes_.class_of[environment_offset_[p] + e];
      rows.environment_keys.push_back(project.environments[e].key);
      rows.environments.push_back(&memo(environment_rows_, {pc, ec, 0}, "env", [&] {
        return Resource({project_segment(project_classes_.representative[pc]),
                         environment_segment(environment_classes_.representative[ec])});
      }));
    }
    add_group(static_cast<int>(p), -1, "proj", 1, nullptr, effective_states({&rows, ClassTarget::Kind::Project}), {1});

    // This project's flags: local classes (the global classes present here), their sizes, and each flag's.
    std::vector<std::uint32_t> local_of_global;
    std::vector<std::uint32_t> global_of_local;
    std::vector<std::uint64_t> local_sizes;
    auto flag_class_of = std::make_shared<std::vector<std::uint32_t>>(project.flags.size());
    for (std::size_t f = 0; f < project.flags.size(); ++f) {
      const std::uint32_t global = flag_classes_.class_of[flag_offset_[p] + f];
      if (global >= local_of_global.size()) local_of_global.resize(global + 1, UINT32_MAX);
      if (local_of_global[global] == UINT32_MAX) {
        local_of_global[global] = static_cast<std::uint32_t>(global_of_local.size());
        global_of_local.push_back(global);
        local_sizes.push_back(0);
      }
      (*flag_class_of)[f] = local_of_global[global];
      ++local_sizes[local_of_global[global]];
    }
    rows.flag_classes = global_of_local.size();
    for (std::size_t e = 0; e < environment_count; ++e) {
      const std::uint32_t ec = environment_classes_.class_of[environment_offset_[p] + e];
      for (std::uint32_t fc : global_of_local)
        rows.flags.push_back(&memo(flag_rows_, {pc, ec, fc}, "flag", [&] {
          const auto& [fp, fi] = flag_refs_[flag_classes_.representative[fc]];
          const Flag& flag = account_.projects[fp].flags[fi];
          return Resource({project_segment(project_classes_.representative[pc]),
                           environment_segment(environment_classes_.representative[ec]),
                           segment_of("flag", flag.key, flag.props)});
        }));
    }
    const std::vector<SegmentClasses> segment_classes = classify_segments(p, pc, rows);

    const std::size_t flag_action_count = type_actions("flag").size();
    FlagBlocks& blocks = flag_blocks_of(pc, p);
    std::vector<const std::vector<CellState>*> flag_blocks;
    for (std::size_t local = 0; local < rows.flag_classes; ++local)
      flag_blocks.push_back(&flag_class_states(blocks, rows, local, global_of_local[local]));
    for (std::size_t e = 0; e < environment_count; ++e) {
      add_group(static_cast<int>(p), static_cast<int>(e), "env", 1, nullptr,
                effective_states({&rows, ClassTarget::Kind::Environment, e}), {1});
      if (!project.flags.empty()) {
        std::vector<CellState> states(rows.flag_classes * flag_action_count);
        for (std::size_t local = 0; local < rows.flag_classes; ++local)
          std::copy_n(flag_blocks[local]->begin() + static_cast<std::ptrdiff_t>(e * flag_action_count), flag_action_count,
                      states.begin() + static_cast<std::ptrdiff_t>(local * flag_action_count));
        add_group(static_cast<int>(p), static_cast<int>(e), "flag", static_cast<std::uint32_t>(project.flags.size()),
                  flag_class_of, std::move(states), local_sizes);
      }
      const SegmentClasses& segments = segment_classes[e];
      if (segments.indices.empty()) continue;
      std::vector<CellState> states;
      for (std::size_t local = 0; local < segments.local_sizes.size(); ++local) {
        auto cells = effective_states({&rows, ClassTarget::Kind::Segment, e, local});
        states.insert(states.end(), cells.begin(), cells.end());
      }
      const auto count = static_cast<std::uint32_t>(segments.indices.size());
      add_group(static_cast<int>(p), static_cast<int>(e), "segment", count, segments.class_of, std::move(states),
                segments.local_sizes, segments.indices);
    }
  }

  // The effective states of one class of flags in every environment of the project ([environment * actions
  // + action]). Projects of one class whose environments are of the same classes, in the same order, decide
  // their flags alike, so each such block is decided once for all of them.
  using FlagBlocks = std::vector<std::vector<CellState>>;  // per global flag class; empty until decided

  FlagBlocks& flag_blocks_of(std::uint32_t pc, std::size_t p) {
    std::vector<std::uint32_t> shape{pc};
    for (std::size_t e = 0; e < account_.projects[p].environments.size(); ++e)
      shape.push_back(environment_classes_.class_of[environment_offset_[p] + e]);
    FlagBlocks& blocks = flag_blocks_[std::move(shape)];
    blocks.resize(flag_classes_.representative.size());  // once: blocks are referred to while others are filled
    return blocks;
  }

  const std::vector<CellState>& flag_class_states(FlagBlocks& blocks, const ProjectRows& rows, std::size_t local,
                                                  std::uint32_t global) {
    const std::size_t environment_count = rows.environments.size();
    std::vector<CellState>& block = blocks[global];
    if (!block.empty() || environment_count == 0) return block;
    const auto& actions = type_actions("flag");
    block.resize(environment_count * actions.size());
    for (std::size_t a = 0; a < actions.size(); ++a)
      for (std::size_t e = 0; e < environment_count; ++e) {
        const auto [state, same] = effective_state({&rows, ClassTarget::Kind::Flag, e, local}, actions[a]);
        if (!same) {
          block[e * actions.size() + a] = state;
          continue;
        }
        for (std::size_t every = 0; every < environment_count; ++every) block[every * actions.size() + a] = state;
        break;
      }
    return block;
  }

  // The segments of one environment of the project: their local classes (and the rows of those classes,
  // into rows.segments), each segment's class, and their indices into Project::segments.
  struct SegmentClasses {
    std::vector<std::uint32_t> indices;
    std::shared_ptr<std::vector<std::uint32_t>> class_of = std::make_shared<std::vector<std::uint32_t>>();
    std::vector<std::uint64_t> local_sizes;
  };

  std::vector<SegmentClasses> classify_segments(std::size_t p, std::uint32_t pc, ProjectRows& rows) {
    const Project& project = account_.projects[p];
    std::vector<SegmentClasses> per_environment(project.environments.size());
    rows.segments.assign(project.environments.size(), {});
    for (std::size_t e = 0; e < project.environments.size(); ++e) {
      const std::uint32_t ec = environment_classes_.class_of[environment_offset_[p] + e];
      SegmentClasses& classes = per_environment[e];
      std::vector<std::uint32_t> local_of_global;
      for (std::size_t s = 0; s < project.segments.size(); ++s) {
        if (project.segments[s].environment != e) continue;
        const std::uint32_t global = segment_classes_.class_of[segment_offset_[p] + s];
        if (global >= local_of_global.size()) local_of_global.resize(global + 1, UINT32_MAX);
        if (local_of_global[global] == UINT32_MAX) {
          local_of_global[global] = static_cast<std::uint32_t>(classes.local_sizes.size());
          classes.local_sizes.push_back(0);
          rows.segments[e].push_back(&memo(segment_rows_, {pc, ec, global}, "segment", [&] {
            const auto& [sp, si] = segment_refs_[segment_classes_.representative[global]];
            const Segment& segment = account_.projects[sp].segments[si];
            return Resource({project_segment(project_classes_.representative[pc]),
                             environment_segment(environment_classes_.representative[ec]),
                             segment_of("segment", segment.key, segment.props)});
          }));
        }
        classes.class_of->push_back(local_of_global[global]);
        ++classes.local_sizes[local_of_global[global]];
        classes.indices.push_back(static_cast<std::uint32_t>(s));
      }
    }
    return per_environment;
  }

  const Account& account_;
  const std::string& self_member_id_;
  const Evaluator& evaluator_;
  const Semantics& semantics_;
  const bool has_cap_;
  std::vector<Group>& groups_;
  std::vector<Preview::Table>& tables_;
  std::vector<std::vector<std::uint32_t>>& segment_indices_;
  std::size_t& class_count_;

  static constexpr std::size_t kClassifiedPerPart = 5000;
  static std::size_t chunks(std::size_t items) { return (items + kClassifiedPerPart - 1) / kClassifiedPerPart; }
  std::size_t classify_parts() const { return chunks(flag_count_) + chunks(segment_count_); }

  const std::size_t flag_count_, segment_count_;
  Classes project_classes_, environment_classes_, flag_classes_, segment_classes_;
  std::optional<Classifier> flag_classifier_, segment_classifier_;
  std::vector<std::pair<std::size_t, std::size_t>> environment_refs_, flag_refs_, segment_refs_;  // (project, index)
  std::vector<std::size_t> environment_offset_, flag_offset_, segment_offset_;
  const std::vector<std::uint16_t> positions_[4] = {action_positions("proj"), action_positions("env"),
                                                    action_positions("flag"), action_positions("segment")};
  // Rows are kept in maps whose nodes do not move, so the pointers in ProjectRows stay valid.
  std::map<std::array<std::uint32_t, 3>, Row> project_rows_, environment_rows_, flag_rows_, segment_rows_;
  // (project class, environment classes) -> the flag states of every global flag class
  std::map<std::vector<std::uint32_t>, FlagBlocks> flag_blocks_;
};

}  // namespace

std::span<const std::string_view> Preview::actions_of(std::string_view type) {
  const ResourceTypeInfo* info = find_resource_type(type);
  if (info == nullptr) return {};
  return info->actions;
}

std::uint32_t Preview::class_of(std::size_t group, std::size_t resource) const {
  const Table& table = tables_.at(group);
  return table.class_of ? (*table.class_of)[resource] : static_cast<std::uint32_t>(resource);
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
    const std::string self = self_member_id_.empty() ? "*" : self_member_id_;
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

struct PreviewComputation::Work {
  Work(std::shared_ptr<const Account> shared_account, std::shared_ptr<const Evaluator> shared_evaluator, std::string self_member_id)
      : account(std::move(shared_account)), evaluator(std::move(shared_evaluator)) {
    preview.self_member_id_ = std::move(self_member_id);
  }
  std::shared_ptr<const Account> account;
  std::shared_ptr<const Evaluator> evaluator;
  Preview preview;
  Builder builder{*account, *evaluator, preview.self_member_id_, preview.groups_, preview.tables_, preview.segment_indices_,
                  preview.class_count_};
  std::size_t parts_done = 0;
};

PreviewComputation::PreviewComputation(std::shared_ptr<const Account> account, std::shared_ptr<const Evaluator> evaluator,
                                       std::string self_member_id)
    : work_(std::make_unique<Work>(std::move(account), std::move(evaluator), std::move(self_member_id))) {}
PreviewComputation::PreviewComputation(PreviewComputation&&) noexcept = default;
PreviewComputation& PreviewComputation::operator=(PreviewComputation&&) noexcept = default;
PreviewComputation::~PreviewComputation() = default;

bool PreviewComputation::done() const { return work_->parts_done == work_->builder.parts(); }
std::size_t PreviewComputation::parts_done() const { return work_->parts_done; }
std::size_t PreviewComputation::parts() const { return work_->builder.parts(); }

void PreviewComputation::step() {
  if (!done()) work_->builder.build_part(work_->parts_done++);
}

Preview PreviewComputation::take() {
  while (!done()) step();
  return std::move(work_->preview);
}

Preview compute_preview(const Account& account, const Evaluator& evaluator) {
  return compute_preview(account, evaluator, account.self_member_id);
}

Preview compute_preview(const Account& account, const Evaluator& evaluator, const std::string& self_member_id) {
  Preview preview;
  preview.self_member_id_ = self_member_id;
  Builder builder(account, evaluator, preview.self_member_id_, preview.groups_, preview.tables_, preview.segment_indices_,
                  preview.class_count_);
  for (std::size_t part = 0; part < builder.parts(); ++part) builder.build_part(part);
  return preview;
}

}  // namespace core::preview
