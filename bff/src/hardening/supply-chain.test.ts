/**
 * Supply chain (issue 18 part 6, decision 030): the SBOM the build produces (scripts/sbom.mjs) is
 * CycloneDX JSON that lists every production dependency of the BFF at the version installed, and
 * none of its dev-only dependencies; the audit check (scripts/audit-prod.mjs) fails on a high or
 * critical advisory unless an unexpired exception with a reason covers it, and the committed
 * allowlist is well-formed. (The registry's audit endpoint itself is unreachable from this
 * network, 405: the check's run is CI's; here its verdict logic is tested on a report in pnpm's
 * `audit --json` shape.)
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const bffPackage = JSON.parse(fs.readFileSync(path.join(root, "bff/package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface Bom {
  bomFormat: string;
  specVersion: string;
  metadata: { component: { name: string; type: string } };
  components: { type: string; name: string; version: string; purl: string; "bom-ref": string }[];
  dependencies: { ref: string; dependsOn?: string[] }[];
}

describe("SBOM", () => {
  let bom: Bom;
  beforeAll(() => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sbom-")), "sbom.cdx.json");
    execFileSync(process.execPath, [path.join(root, "scripts/sbom.mjs"), "--out", out], { cwd: root, stdio: "pipe" });
    bom = JSON.parse(fs.readFileSync(out, "utf8")) as Bom;
  }, 60_000);

  it("is CycloneDX JSON describing the BFF", () => {
    expect(bom.bomFormat).toBe("CycloneDX");
    expect(bom.specVersion).toBe("1.6");
    expect(bom.metadata.component).toMatchObject({ name: "@nhood/bff", type: "application" });
  });

  it("lists each production dependency at its installed version, with a purl, and no dev-only dependency", () => {
    const byName = new Map(bom.components.map((c) => [c.name, c]));
    for (const name of Object.keys(bffPackage.dependencies)) {
      const c = byName.get(name);
      expect(c, name).toBeDefined();
      const installed = (JSON.parse(fs.readFileSync(path.join(root, "bff/node_modules", name, "package.json"), "utf8")) as { version: string }).version;
      expect(
        bom.components.some((x) => x.name === name && x.version === installed),
        `${name}@${installed}`,
      ).toBe(true);
      expect(c!.purl).toBe(`pkg:npm/${name.replace(/^@/, "%40")}@${c!.version}`);
    }
    const devOnly = Object.keys(bffPackage.devDependencies).filter((n) => !(n in bffPackage.dependencies) && !n.startsWith("@types/"));
    for (const name of ["vitest", "typescript", "esbuild", "drizzle-kit"]) expect(devOnly).toContain(name);
    // a dev tool may still arrive as some production package's dependency; these do not
    for (const name of ["vitest", "drizzle-kit", "dependency-cruiser", "tsx"]) expect(byName.has(name), name).toBe(false);
  });

  it("carries the dependency graph from the BFF down", () => {
    const app = bom.dependencies.find((d) => d.ref === "pkg:npm/%40nhood/bff@0.1.0");
    expect(app?.dependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^pkg:npm\/hono@/), expect.stringMatching(/^pkg:npm\/postgres@/)]));
    const refs = new Set(bom.components.map((c) => c["bom-ref"]));
    for (const d of bom.dependencies) for (const r of d.dependsOn ?? []) expect(refs.has(r), r).toBe(true);
  });
});

describe("audit check", () => {
  type Verdict = Record<"blocking" | "excepted" | "reported" | "expired", { id?: string; advisory?: string }[]>;
  let audit: {
    evaluateAudit: (report: unknown, allowlist: unknown, today: string) => Verdict;
    allowlistProblems: (allowlist: unknown) => string[];
  };
  beforeAll(async () => {
    audit = await import(pathToFileURL(path.join(root, "scripts/audit-prod.mjs")).href);
  });

  // pnpm audit --json (the registry's audit answer): advisories keyed by id
  const report = {
    advisories: {
      "1101": {
        id: 1101,
        github_advisory_id: "GHSA-aaaa-bbbb-cccc",
        module_name: "left-pad",
        severity: "critical",
        title: "RCE",
        url: "https://github.com/advisories/GHSA-aaaa-bbbb-cccc",
      },
      "1102": { id: 1102, github_advisory_id: "GHSA-mmmm-pppp-qqqq", module_name: "undici", severity: "high", title: "Header injection", url: "u" },
      "1103": { id: 1103, github_advisory_id: "GHSA-rrrr-vvvv-wwww", module_name: "debug", severity: "moderate", title: "ReDoS", url: "u" },
    },
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 1, high: 1, critical: 1 } },
  };
  const exception = (advisory: string, pkg: string, expires: string) => ({
    advisory,
    package: pkg,
    reason: "the vulnerable path is never reached by us",
    expires,
  });

  it("blocks high and critical advisories without an exception, reports the lower ones", () => {
    const v = audit.evaluateAudit(report, { exceptions: [] }, "2026-12-07");
    expect(v.blocking.map((a) => a.id).sort()).toEqual(["GHSA-aaaa-bbbb-cccc", "GHSA-mmmm-pppp-qqqq"]);
    expect(v.reported.map((a) => a.id)).toEqual(["GHSA-rrrr-vvvv-wwww"]);
  });

  it("an unexpired exception for that package lets one through; an expired one blocks again and is named", () => {
    const allowlist = { exceptions: [exception("GHSA-mmmm-pppp-qqqq", "undici", "2027-01-31"), exception("GHSA-aaaa-bbbb-cccc", "left-pad", "2026-12-01")] };
    const v = audit.evaluateAudit(report, allowlist, "2026-12-07");
    expect(v.excepted.map((a) => a.id)).toEqual(["GHSA-mmmm-pppp-qqqq"]);
    expect(v.blocking.map((a) => a.id)).toEqual(["GHSA-aaaa-bbbb-cccc"]);
    expect(v.expired.map((e) => e.advisory)).toEqual(["GHSA-aaaa-bbbb-cccc"]);
    // the same advisory id for another package is not excepted
    expect(audit.evaluateAudit(report, { exceptions: [exception("GHSA-mmmm-pppp-qqqq", "other", "2027-01-31")] }, "2026-12-07").blocking).toHaveLength(2);
  });

  it("refuses exceptions without a reason or an expiry date; the committed allowlist is well-formed", () => {
    expect(audit.allowlistProblems({ exceptions: [{ advisory: "GHSA-mmmm-pppp-qqqq", package: "undici", reason: "", expires: "soon" }] })).toEqual([
      expect.stringContaining("reason"),
      expect.stringContaining("expires"),
    ]);
    expect(audit.allowlistProblems(JSON.parse(fs.readFileSync(path.join(root, "audit-allowlist.json"), "utf8")))).toEqual([]);
  });
});
