# One image, three roles: api (default), worker, migrate (see docker-compose.yml).
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run prisma:generate && npm run build && npm run build:web && npm prune --omit=dev

FROM node:24-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./
COPY --from=build /app/prisma/migrations ./prisma/migrations
USER node
EXPOSE 3000
CMD ["node", "--import", "./dist/src/observability/tracing-preload.js", "dist/src/api/server.js"]
