# syntax=docker/dockerfile:1
# Proxima: one image for both roles (APP_ROLE=api | worker | all).

# --- build: install everything, compile TypeScript, then keep production dependencies only ---
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY web ./web
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- runtime: compiled code and production node_modules, run as the unprivileged node user ---
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    APP_ROLE=all \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/.data
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
# The container is expected to get DATABASE_URL, REDIS_URL and JWT_SECRET (see docker-compose.yml).
CMD ["node", "dist/main.js"]
