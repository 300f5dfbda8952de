/**
 * Reading PostgreSQL plans in tests: `explain (format json)` output walked for the scans of chosen
 * tables, so a test can say a hot statement reads its table only through an index condition
 * (decisions 036 and 037, session 9: generic plans cached before a table has statistics).
 */

/** One node of an `explain (format json)` plan, as PostgreSQL names its keys ("Node Type", "Index Cond", "Plans"). */
export type PlanNode = Record<string, unknown>;

/**
 * The nodes that read a table whose name passes `onTable`, depth first: every scan kind (sequential,
 * index, bitmap heap, …), not the ModifyTable node of an update or delete. `explained` is the
 * `QUERY PLAN` column of `explain (format json) …` (an array of one `{ Plan }`).
 */
export function scansOf(explained: unknown, onTable: (relation: string) => boolean): PlanNode[] {
  const found: PlanNode[] = [];
  const walk = (n: PlanNode) => {
    const relation = n["Relation Name"];
    if (typeof relation === "string" && onTable(relation) && n["Node Type"] !== "ModifyTable") found.push(n);
    for (const child of (n.Plans as PlanNode[] | undefined) ?? []) walk(child);
  };
  walk((explained as { Plan: PlanNode }[])[0]!.Plan);
  return found;
}

/** The scans of `scansOf` with no index or recheck condition, as "<node type> on <table>": each reads its whole table. */
export function unboundedScans(explained: unknown, onTable: (relation: string) => boolean): string[] {
  return scansOf(explained, onTable)
    .filter((n) => !n["Index Cond"] && !n["Recheck Cond"])
    .map((n) => `${n["Node Type"]} on ${n["Relation Name"]}`);
}
