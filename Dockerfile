# One image for both govflow services: the compose file runs the API (default command) and the
# worker (`tsx worker/main.ts`) from it. TypeScript runs through tsx, as in development, so the
# image and a developer's machine execute the same code.
FROM node:20-slim

ENV NODE_ENV=production
WORKDIR /app

# Dependencies first: this layer is reused until package*.json change. tsx is a runtime dependency;
# the dev dependencies (type checker, test runner) stay out of the image.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY . .
# The staff workbench (web/): npm ci ran before the sources were here, so build it now.
RUN npm run build:web
# The workflow bundle too (webpack), so a worker starts without bundling; it lives in .data/, named by
# the hash of the sources, and the worker uses it as long as they match.
RUN node_modules/.bin/tsx scripts/bundle-workflows.ts && chown -R node:node .data

USER node
EXPOSE 3000
CMD ["node_modules/.bin/tsx", "api/server.ts"]
