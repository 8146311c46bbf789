/**
 * The choice a person most likely meant, for a "did you mean" hint: the same letters ignoring case and
 * `-`/`_` (so `pull_request` finds `pullRequest`); else the closest within one edit; else the one choice
 * the input is cut short from or runs on past, both at least three letters long (`test` finds `testing`,
 * `production-eu` finds `production`); else the closest within two edits.
 */
export function closestChoice(input: string, choices: readonly string[]): string | undefined {
  const fold = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const folded = fold(input);
  const same = choices.find((c) => fold(c) === folded);
  if (same !== undefined) return same;
  let best: { choice: string; distance: number } | undefined;
  for (const choice of choices) {
    const distance = editDistance(folded, fold(choice));
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { choice, distance };
  }
  if (best?.distance === 1) return best.choice;
  const extended = choices.filter((c) => {
    const f = fold(c);
    return Math.min(f.length, folded.length) >= 3 && (f.startsWith(folded) || folded.startsWith(f));
  });
  return extended.length === 1 ? extended[0] : best?.choice;
}

/** `; did you mean "X"?`, or nothing when no choice is close. */
export function didYouMean(input: string, choices: readonly string[]): string {
  const choice = closestChoice(input, choices);
  return choice === undefined || choice === input ? '' : `; did you mean "${choice}"?`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
