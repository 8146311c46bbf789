import type { ResolvedRepo, ResolvedRole } from '../resolved-config';
import { compareStrings } from '../../basics/compare-strings';
import { generatedNamePrefix } from '../stack-names';

/**
 * Each `sam-lambda-testing` role with its namesakes: the repositories of other roles in its environment whose
 * functions' generated names start with, and go on past, the name family of one of the role's repositories
 * (`lockstep-python-sdk-extras…` starts with `lockstep-python-sdk-`). See `ResolvedSamTesting.namesakes`.
 *
 * Two repositories never have the same family: it is their stack prefix without the last `-` (every prefix
 * fits what CloudFormation keeps, see `repoStackPrefix`), and resolve() refuses equal prefixes in an account.
 */
export function withNamesakes(roles: readonly ResolvedRole[], repos: readonly ResolvedRepo[]): ResolvedRole[] {
  // Every repository's family per environment, sorted: those starting with a given family are one run of it.
  const families = new Map<string, { readonly family: string; readonly repo: string; readonly role: string }[]>();
  for (const repo of repos) {
    if (repo.lambdaTests === undefined) continue;
    const list = families.get(repo.environment) ?? families.set(repo.environment, []).get(repo.environment)!;
    list.push({ family: generatedNamePrefix(repo.lambdaTests.stackPrefix), repo: repo.name, role: repo.role });
  }
  for (const list of families.values()) list.sort((a, b) => compareStrings(a.family, b.family));
  // And by role, so that each role looks up its own families only (not a pass over all of them per role).
  const familiesOf = new Map<string, { readonly family: string }[]>();
  for (const list of families.values()) {
    for (const f of list) (familiesOf.get(f.role) ?? familiesOf.set(f.role, []).get(f.role)!).push(f);
  }
  return roles.map((role) => {
    const list = families.get(role.environment);
    if (role.samTesting === undefined || list === undefined) return role;
    const namesakes = new Set<string>();
    for (const own of familiesOf.get(role.name) ?? []) {
      for (let i = firstAtLeast(list, own.family); i < list.length && list[i].family.startsWith(own.family); i++) {
        const other = list[i];
        if (other.role !== role.name && other.family.length > own.family.length) namesakes.add(other.repo);
      }
    }
    return namesakes.size === 0 ? role : { ...role, samTesting: { ...role.samTesting, namesakes: [...namesakes].sort() } };
  });
}

/** The index of the first entry whose family is not less than `family` (binary search). */
function firstAtLeast(list: readonly { readonly family: string }[], family: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].family < family) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
