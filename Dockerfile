# One image for web and worker: the same build, started with `--web` or `--worker`.
FROM node:20-bookworm-slim
RUN npm install -g pnpm@10.34.9
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile && pnpm exec turbo run build
ENV NODE_ENV=production PORT=8080
EXPOSE 8080
WORKDIR /app/bff
CMD ["node", "--import", "tsx", "src/server.ts"]
