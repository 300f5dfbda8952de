/**
 * Cron with an IANA time zone (cron-parser). graphile-worker's cron is UTC-only
 * (docs/decisions/004), so schedules are computed here and each tick is enqueued by the
 * `workflows.schedule_tick` task.
 */
import { CronExpressionParser } from "cron-parser";

/** The first tick strictly after `after`; throws on an invalid expression or time zone. */
export function nextTick(cron: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timezone }).next().toDate();
}

/** The latest tick in (`after`, `now`], or null when none fell due. */
export function latestDueTick(cron: string, timezone: string, after: Date, now: Date): Date | null {
  const it = CronExpressionParser.parse(cron, { currentDate: now, tz: timezone });
  const prev = it.prev().toDate();
  return prev.getTime() > after.getTime() ? prev : null;
}

/** A problem with a cron expression or time zone, or null when both are valid. */
export function scheduleProblem(cron: string, timezone: string): { field: "cron" | "timezone"; detail: string } | null {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
  } catch {
    return { field: "timezone", detail: `unknown IANA time zone ${timezone}` };
  }
  try {
    nextTick(cron, timezone, new Date());
    return null;
  } catch (e) {
    return { field: "cron", detail: `invalid cron expression: ${(e as Error).message}` };
  }
}
