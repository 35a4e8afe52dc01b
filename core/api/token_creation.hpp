#pragma once
// Which kinds of token a member may create, decided as the API decides a create: createAccessToken on
// member/<id>:token/<new id> for a personal token, on service-token/<new id> for a service token. Asked
// before the person fills the form, so that what cannot succeed is never offered.
#include <string>
#include <vector>

#include "core/api/member.hpp"
#include "core/api/tokens.hpp"

namespace core::api {

struct CreatableKind {
  bool allowed = false;
  std::string reason;  // why not, in words (empty when allowed)
};

struct CreatableKinds {
  CreatableKind personal;
  CreatableKind service;
};

CreatableKinds creatable_kinds(const Member& member, const std::vector<CustomRole>& roles);

}  // namespace core::api
