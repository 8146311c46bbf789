/**
 * CloudFormation's generated physical names, ported line by line from the resource-provider plugin's
 * `IdentifierUtils.generateResourceIdentifier` (aws-cloudformation/cloudformation-cli-java-plugin
 * @ 4464c463d0c91b559f2f52f237b3ef3744735cc0, src/main/java/software/amazon/cloudformation/resource/IdentifierUtils.java
 * lines 64–165): `<stack part>-<logical id part>-<12 random alphanumerics>`, at most `maxLength` long.
 * The random part is fixed here (the Java seeds it with the ClientRequestToken).
 */
export function generatedPhysicalName(stackName: string, logicalId: string, maxLength: number, random = 'Ab3dEf6hIj9L'): string {
  if (maxLength < 15) throw new Error(`maxLength ${maxLength} < 15`);
  const clean = stackName.replace(/^-+/, '').replace(/-{2,}/g, '-');
  const separate = maxLength > 17;
  const free = maxLength - 13 - (separate ? 1 : 0);
  const [a, b] = fairSplit(free, [clean.length, logicalId.length]);
  const prefix = clean.slice(0, a) + (separate ? '-' : '') + logicalId.slice(0, b);
  return `${prefix.slice(0, Math.min(prefix.length, maxLength - 13))}-${random}`;
}

/** IdentifierUtils.fairSplit: hand out `free` in rounds of max(1, remaining / 2), each bucket capped at what it wants. */
function fairSplit(free: number, wants: readonly number[]): number[] {
  const got = wants.map(() => 0);
  let remaining = free;
  while (remaining > 0 && got.some((g, i) => g < wants[i])) {
    const share = Math.max(1, Math.floor(remaining / 2));
    for (let i = 0; i < wants.length && remaining > 0; i++) {
      const give = Math.min(share, wants[i] - got[i], remaining);
      got[i] += give;
      remaining -= give;
    }
  }
  return got;
}
