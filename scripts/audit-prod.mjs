#!/usr/bin/env node
/**
 * `pnpm audit:prod`: `pnpm audit --prod` with no high or critical advisory (issue 18 part 6),
 * except those listed in `audit-allowlist.json` with a reason and an expiry date. Moderate and
 * low advisories are listed, not fatal. An exception past its expiry, or one without a reason or
 * a valid date, fails the check as the advisory itself would.
 *
 * Exit 0: nothing blocking. 1: a blocking advisory or a bad/expired exception. 2: the check
 * could not run — the registry's audit endpoint did not answer (this development network
 * answers 405 to `/-/npm/v1/security/audits*` and to the bulk advisory endpoint; decision 030):
 * that is never reported as a pass.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const BLOCKING = new Set(["high", "critical"]);

/**
 * Checks the allowlist's shape: each exception needs `advisory` (a GHSA id or the registry's
 * numeric id), `package`, a non-empty `reason` and `expires` (YYYY-MM-DD). Answers the problems.
 */
export function allowlistProblems(allowlist) {
  const problems = [];
  if (!allowlist || !Array.isArray(allowlist.exceptions)) return ["audit-allowlist.json: `exceptions` must be an array"];
  for (const [i, e] of allowlist.exceptions.entries()) {
    const at = `exceptions[${i}]`;
    if (!e || typeof e !== "object") {
      problems.push(`${at}: not an object`);
      continue;
    }
    if (typeof e.advisory !== "string" || !/^(GHSA(-[23456789cfghjmpqrvwx]{4}){3}|\d+)$/.test(e.advisory))
      problems.push(`${at}.advisory: a GHSA id or advisory number`);
    if (typeof e.package !== "string" || !e.package) problems.push(`${at}.package: the package name`);
    if (typeof e.reason !== "string" || e.reason.trim().length < 10)
      problems.push(`${at}.reason: why the advisory does not apply or cannot be fixed yet (10+ characters)`);
    if (typeof e.expires !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(e.expires) || Number.isNaN(Date.parse(`${e.expires}T00:00:00Z`)))
      problems.push(`${at}.expires: a date, YYYY-MM-DD`);
  }
  return problems;
}

/**
 * Sorts the advisories of a `pnpm audit --json` report (`advisories` keyed by id, each with
 * `github_advisory_id`, `module_name`, `severity`, `title`, `url`) against the allowlist on
 * `today` (YYYY-MM-DD): `blocking` (high/critical, not excepted or excepted past expiry),
 * `excepted`, `reported` (moderate and below), `expired` (exceptions past their date).
 */
export function evaluateAudit(report, allowlist, today) {
  const out = { blocking: [], excepted: [], reported: [], expired: [] };
  const exceptions = allowlist?.exceptions ?? [];
  for (const e of exceptions) if (e.expires < today) out.expired.push(e);
  for (const a of Object.values(report?.advisories ?? {})) {
    const ids = [String(a.id), a.github_advisory_id].filter(Boolean);
    const item = { id: a.github_advisory_id ?? String(a.id), package: a.module_name, severity: a.severity, title: a.title, url: a.url };
    if (!BLOCKING.has(a.severity)) {
      out.reported.push(item);
      continue;
    }
    const exception = exceptions.find((e) => ids.includes(e.advisory) && e.package === a.module_name);
    if (exception && exception.expires >= today) out.excepted.push({ ...item, reason: exception.reason, expires: exception.expires });
    else out.blocking.push(item);
  }
  return out;
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const allowlist = JSON.parse(fs.readFileSync(path.join(root, "audit-allowlist.json"), "utf8"));
  const problems = allowlistProblems(allowlist);
  if (problems.length) {
    for (const p of problems) console.error(`✘ ${p}`);
    return 1;
  }
  const r = spawnSync("pnpm", ["audit", "--prod", "--json"], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    report = null;
  }
  if (!report || report.error || !report.advisories) {
    const why = (report?.error?.message ?? `${r.stdout}${r.stderr}`).trim().split("\n").slice(0, 3).join(" ");
    console.error(`✘ the audit could not run: the registry's audit endpoint did not answer (${why}). Not a pass.`);
    return 2;
  }
  const today = new Date().toISOString().slice(0, 10);
  const v = evaluateAudit(report, allowlist, today);
  for (const e of v.expired) console.error(`✘ exception expired ${e.expires}: ${e.advisory} (${e.package}) — fix it or renew it with a reason`);
  for (const a of v.blocking) console.error(`✘ ${a.severity}: ${a.id} ${a.package} — ${a.title} ${a.url ?? ""}`);
  for (const a of v.excepted) console.log(`• excepted until ${a.expires}: ${a.id} ${a.package} (${a.severity}) — ${a.reason}`);
  for (const a of v.reported) console.log(`• ${a.severity}: ${a.id} ${a.package} — ${a.title}`);
  const bad = v.blocking.length + v.expired.length;
  console.log(
    bad ? `✘ ${bad} blocking` : `✔ no high or critical advisory in the production dependencies (${v.excepted.length} excepted, ${v.reported.length} lower)`,
  );
  return bad ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
