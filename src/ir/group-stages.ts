// The stages of a fusion group's members: a member's stage is one more than
// the latest stage among its needs inside the group (0 for none). The
// estimator's fused model prices a group stage by stage (a stage's members
// concurrently, the stages one after another), the Lambda runtime runs it that
// way, and `explain` labels it so — all three from this one rule. Depends on
// nothing, so the runtime bundle can take it.
// Complexity: O(members + inside needs).

/** Each member's stage; `insideNeeds` gives a member's needs that are members too. Any order of `members`. */
export function groupStages(members: readonly string[], insideNeeds: (member: string) => readonly string[]): Map<string, number> {
  const stageOf = new Map<string, number>();
  const stage = (member: string): number => {
    let k = stageOf.get(member);
    if (k === undefined) {
      k = 0;
      for (const need of insideNeeds(member)) k = Math.max(k, stage(need) + 1);
      stageOf.set(member, k);
    }
    return k;
  };
  for (const member of members) stage(member);
  return stageOf;
}
