/**
 * Container and Kubernetes settings that must not regress (issue 18 part 6, decision 030), read
 * from the files themselves: the image's final stage runs as a numeric non-root user; compose runs
 * web and worker with a read-only root filesystem (tmpfs where the app may write), no capabilities
 * and no privilege escalation; every Deployment under deploy/k8s runs as non-root with
 * allowPrivilegeEscalation false, readOnlyRootFilesystem, capabilities dropping ALL, a writable
 * /tmp from an emptyDir, and CPU and memory requests and limits on each container.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";

const root = path.resolve(import.meta.dirname, "../../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

describe("Dockerfile", () => {
  it("the runtime stage ends as a numeric non-root user", () => {
    const stages = read("Dockerfile")
      .split(/^FROM /m)
      .slice(1);
    const runtime = stages.at(-1)!;
    const users = [...runtime.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]!);
    expect(users.length).toBeGreaterThan(0);
    const [uid, gid] = users.at(-1)!.split(":");
    expect(uid).toMatch(/^\d+$/); // a number: Kubernetes' runAsNonRoot cannot check a name
    expect(Number(uid)).toBeGreaterThan(0);
    if (gid !== undefined) expect(Number(gid)).toBeGreaterThan(0);
  });

  it("the build produces the SBOM, which the runtime image carries in bff/dist", () => {
    const file = read("Dockerfile");
    expect(file).toMatch(/node scripts\/sbom\.mjs/);
    expect(file).toMatch(/COPY --from=build \/app\/bff\/dist bff\/dist/);
  });
});

describe("docker-compose.yml", () => {
  const compose = parse(read("docker-compose.yml")) as { services: Record<string, Record<string, unknown>> };
  for (const name of ["web", "worker"]) {
    it(`${name}: read-only root filesystem with tmpfs for /tmp, no capabilities, no new privileges`, () => {
      const s = compose.services[name]!;
      expect(s.read_only).toBe(true);
      expect(s.tmpfs).toEqual(expect.arrayContaining(["/tmp"]));
      expect(s.cap_drop).toEqual(["ALL"]);
      expect(s.security_opt).toEqual(expect.arrayContaining(["no-new-privileges:true"]));
      expect(s.privileged ?? false).toBe(false);
      expect(s.user ?? "1000").not.toMatch(/^(0|root)(:|$)/);
    });
  }
});

interface Container {
  name: string;
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    privileged?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
    runAsUser?: number;
  };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Deployment {
  kind: string;
  metadata: { name: string };
  spec: {
    template: {
      spec: {
        securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
        containers: Container[];
        initContainers?: Container[];
        volumes?: { name: string; emptyDir?: unknown }[];
      };
    };
  };
}

const deployments = fs
  .readdirSync(path.join(root, "deploy/k8s"))
  .filter((f) => /\.ya?ml$/.test(f))
  .flatMap((f) => parseAllDocuments(read(`deploy/k8s/${f}`)).map((d) => d.toJS() as Deployment | null))
  .filter((d): d is Deployment => d?.kind === "Deployment" || d?.kind === "StatefulSet" || d?.kind === "DaemonSet");

describe("deploy/k8s", () => {
  it("has the web and worker Deployments", () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(["neighbourhood-web", "neighbourhood-worker"]);
  });

  for (const d of deployments) {
    it(`${d.metadata.name}: non-root, no privilege escalation, capabilities dropped, read-only root, requests and limits`, () => {
      const pod = d.spec.template.spec;
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(pod.securityContext?.runAsUser ?? 1000).toBeGreaterThan(0);
      for (const c of [...pod.containers, ...(pod.initContainers ?? [])]) {
        const sc = c.securityContext;
        expect(sc?.allowPrivilegeEscalation, c.name).toBe(false);
        expect(sc?.readOnlyRootFilesystem, c.name).toBe(true);
        expect(sc?.privileged ?? false, c.name).toBe(false);
        expect(sc?.capabilities?.drop, c.name).toEqual(["ALL"]);
        expect(sc?.capabilities?.add ?? [], c.name).toEqual([]);
        expect(sc?.runAsUser ?? 1000, c.name).toBeGreaterThan(0);
        for (const r of ["cpu", "memory"]) {
          expect(c.resources?.requests?.[r], `${c.name} requests.${r}`).toBeDefined();
          expect(c.resources?.limits?.[r], `${c.name} limits.${r}`).toBeDefined();
        }
        // the read-only root filesystem leaves /tmp writable through an emptyDir
        const tmp = c.volumeMounts?.find((m) => m.mountPath === "/tmp");
        expect(tmp, `${c.name} mounts /tmp`).toBeDefined();
        expect(pod.volumes?.find((v) => v.name === tmp!.name)?.emptyDir, `${c.name}: /tmp is an emptyDir`).toBeDefined();
      }
    });
  }
});
