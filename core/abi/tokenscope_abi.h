/* TokenScope's C ABI: JSON text in, JSON text out, the caller frees the answer with tokenscope_free.
 * No exception ever crosses it. Answers are {"ok":true,"result":...} or
 * {"ok":false,"error":{"message":...,"pointer":...,"column":...}}.
 *
 * Requests ({"op": ...}):
 *   decide    a decision in the policy-vector format (policy/principal/token, resource, action, level),
 *             or {"subject":..., "checks":[{"resource","resourceProps","action"}...], "level"} for several
 *   validate  {"policy":[...], "roleAttributes"?:[{...}]} -> diagnostics (errors and lint warnings; an error
 *             when a set of role attributes expands the policy past its limit)
 *   facts     {"subject":{...}}                     -> {"unrestricted","readsAccount","overExpansionLimit"}
 *   preview   {"account":{...}, "subject":{...}}    -> groups with counts
 *   diff      {"account":{...}, "before":{...}, "after":{...}}
 *   catalog   {}                                    -> resource types, actions, base roles, readings of §8
 *   apply_patch {"document":{...}, "patch":[...]}   -> the patched document (RFC 6902), within size, depth
 *             and operation-count budgets
 * Errors caused by size or work limits carry "kind": "limit".
 * Any request may carry "semantics": {...} to change a reading (core/policy/options.hpp).
 */
#ifndef TOKENSCOPE_ABI_H
#define TOKENSCOPE_ABI_H

#if defined(__GNUC__)
#define TOKENSCOPE_API __attribute__((visibility("default")))
#else
#define TOKENSCOPE_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

TOKENSCOPE_API char* tokenscope_call(const char* request_json);
TOKENSCOPE_API void tokenscope_free(char* answer);
TOKENSCOPE_API const char* tokenscope_version(void);

#ifdef __cplusplus
}
#endif

#endif
