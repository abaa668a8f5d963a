import type { Client } from '@temporalio/client';
import cors from 'cors';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pino, { type Logger } from 'pino';
import type { Database } from '../db/database';
import type { Absence } from '../domain/directory';
import { authenticate, metricsAccess, requireRole } from './auth';
import type { Config } from './config';
import { errorMiddleware, NotFound } from './errors';
import { guardInput } from './input-guard';
import { createRateLimits } from './rate-limits';
import { securityHeaders } from './security-headers';
import { isTemporalUnavailable, ServiceUnavailable, type TemporalAvailability } from './temporal-availability';
import { buildOpenApi } from './openapi';
import { calendarRoutes } from './routes/calendar-routes';
import type { RouteDefinition } from './routes/define-route';
import { directoryRoutes } from './routes/directory-routes';
import { notificationRoutes } from './routes/notification-routes';
import { publicDecisionRoutes } from './routes/public-decision-routes';
import { publicDocumentRoutes } from './routes/public-document-routes';
import { workbenchRoutes, workbenchStatic } from './routes/workbench-routes';
import { publicPortal } from './public/portal';
import './types';
import type { LeaveApprovalInput } from '../workflows/leave-approval';

/** A readiness probe: resolves when the dependency is usable, throws (with a reason) when not. */
export type ReadinessCheck = () => Promise<unknown>;

export interface AppDeps {
  db: Database;
  config: Pick<Config, 'GOVFLOW_JWT_SECRET' | 'GOVFLOW_JWT_ISSUER' | 'GOVFLOW_METRICS_TOKEN' | 'GOVFLOW_RATE_LIMIT_PUBLIC' | 'GOVFLOW_RATE_LIMIT_AUTH_FAILURES' | 'GOVFLOW_TRUST_PROXY' | 'GOVFLOW_CODEC_CORS_ORIGINS' | 'TEMPORAL_UI_PORT'> & { NODE_ENV?: string } &
    Partial<Pick<Config, 'GOVFLOW_RATE_LIMIT_COMMENTS'>>;
  /** When given, /readyz also asks the Temporal frontend whether it answers. */
  temporal?: Client;
  /** When given, Temporal calls get deadlines, an outage is a prompt 503, and /readyz uses its probe. */
  temporalAvailability?: TemporalAvailability;
  /** Routes beyond the built-in ones (directory, calendar, notifications, public documents): the process routes. */
  routes?: RouteDefinition[];
  /** More readiness probes, run by /readyz alongside the database check (a function's name labels it). */
  checks?: ReadinessCheck[];
  log?: Logger;
  /** After an absence is recorded: re-route the absent user's open tasks. Returns how many, if it knows. */
  onAbsenceRecorded?: (absence: Absence) => Promise<number | void>;
  /** After an absence is corrected or withdrawn: tasks it re-routed are re-resolved. Returns how many processes were told, if it knows. */
  onAbsenceChanged?: (absence: Absence, reason: string) => Promise<number | void>;
  /** After a department head's absence is recorded where the rules ask approval (001:71, 002:73): start the leave approval. */
  onLeaveApprovalNeeded?: (input: LeaveApprovalInput) => Promise<{ processId: string }>;
  /** After an absence whose leave approval is pending is withdrawn: end that approval. */
  onLeaveApprovalWithdrawn?: (processId: string, reason: string) => Promise<void>;
  /** After an operator loads a calendar year: open processes with provisional deadlines recompute. */
  onCalendarYearLoaded?: (year: number) => Promise<number | void>;
}

const JSON_BODY_LIMIT = '1mb';
/** As api/config.ts defaults GOVFLOW_RATE_LIMIT_COMMENTS, for apps built without it (tests). */
const DEFAULT_COMMENTS_PER_MINUTE = 5;
/** A probe that hangs is a failing probe: gRPC would otherwise retry a dead Temporal for ~20 s. */
const READINESS_TIMEOUT_MS = 2_000;
const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Request counts by route pattern and status: enough for dashboards, no dependency. */
function createMetrics() {
  const counts = new Map<string, number>();
  const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return {
    record(method: string, route: string, status: number) {
      const key = `method="${label(method)}",route="${label(route)}",status="${status}"`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    render(): string {
      const lines = [
        '# HELP govflow_http_requests_total HTTP requests answered, by route pattern and status.',
        '# TYPE govflow_http_requests_total counter',
        ...[...counts].map(([key, n]) => `govflow_http_requests_total{${key}} ${n}`),
        '# HELP process_uptime_seconds Seconds since the API process started.',
        '# TYPE process_uptime_seconds gauge',
        `process_uptime_seconds ${process.uptime().toFixed(3)}`,
      ];
      return `${lines.join('\n')}\n`;
    },
  };
}

/** Request id, a per-request logger, one access-log line and the metrics count per request. */
function observe(log: Logger, metrics: ReturnType<typeof createMetrics>): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.log = log.child({ reqId: req.id });
    res.set('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // The pattern, not the URL, so ids in paths do not explode the label set.
      const route = req.route?.path ? String(req.route.path) : 'unmatched';
      metrics.record(req.method, route, res.statusCode);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      req.log.info({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10, user: req.user?.id }, 'request');
    });
    next();
  };
}

/** Swagger UI from the installed swagger-ui-dist package (no CDN: deployments may be offline). */
function docsPage(): { assets: string; html: string } {
  const assets = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>govflow API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;
  return { assets, html };
}

const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', persistAuthorization: true });\n`;

/**
 * Builds the express app (it does not listen): health, readiness, metrics, OpenAPI and docs, the
 * built-in routes (directory, calendar, notifications) plus `deps.routes`, a 404 problem for
 * anything else, and the error middleware last.
 *
 * @throws {Error} when two routes declare the same method and path.
 * @example
 * const app = createApp({ db, config, routes: ticketRoutes({ db, processes }) });
 * app.listen(0);
 */
export function createApp(deps: AppDeps): Express {
  const log = deps.log ?? pino({ level: 'info' });
  const metrics = createMetrics();
  const portal = publicPortal({ db: deps.db, commentsPerMinute: deps.config.GOVFLOW_RATE_LIMIT_COMMENTS ?? DEFAULT_COMMENTS_PER_MINUTE });
  const apiRoutes = [...directoryRoutes(deps), ...calendarRoutes(deps), ...notificationRoutes(deps), ...publicDocumentRoutes(deps), ...publicDecisionRoutes(deps), ...portal.routes, ...(deps.routes ?? [])];
  const routes = [...apiRoutes, ...workbenchRoutes({ db: deps.db, config: deps.config, routes: apiRoutes })];
  const seen = new Set<string>();
  for (const r of routes) {
    const key = `${r.method.toUpperCase()} ${r.path}`;
    if (seen.has(key)) throw new Error(`route declared twice: ${key}`);
    seen.add(key);
  }
  const openapi = buildOpenApi(routes);
  const docs = docsPage();
  const auth = authenticate(deps);
  const limits = createRateLimits({ publicPerMinute: deps.config.GOVFLOW_RATE_LIMIT_PUBLIC, authFailuresPerMinute: deps.config.GOVFLOW_RATE_LIMIT_AUTH_FAILURES });

  const app = express();
  app.disable('x-powered-by');
  // Per-client limits key on req.ip: the client's address as the trusted proxies report it.
  app.set('trust proxy', deps.config.GOVFLOW_TRUST_PROXY);
  app.use(observe(log, metrics));
  app.use(securityHeaders());
  // The Temporal UI calls the codec endpoint from its own origin, in the operator's browser.
  const uiOrigins = deps.config.GOVFLOW_CODEC_CORS_ORIGINS ?? [`http://localhost:${deps.config.TEMPORAL_UI_PORT}`, `http://127.0.0.1:${deps.config.TEMPORAL_UI_PORT}`];
  app.use('/codec', cors({ origin: uiOrigins, methods: ['POST'], allowedHeaders: ['Content-Type', 'Authorization', 'X-Namespace'], credentials: true, maxAge: 600 }));
  app.use(express.json({ limit: JSON_BODY_LIMIT }));
  app.use(guardInput());

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', limits.publicEndpoints, async (req, res) => {
    const checks: [string, ReadinessCheck][] = [['database', () => deps.db.query('select 1')]];
    const temporal = deps.temporal;
    if (deps.temporalAvailability) checks.push(['temporal', deps.temporalAvailability.temporal]);
    else if (temporal) checks.push(['temporal', () => temporal.workflowService.getSystemInfo({})]);
    (deps.checks ?? []).forEach((check, i) => checks.push([check.name || `check${i + 1}`, check]));
    const outcomes = await Promise.all(
      checks.map(async ([name, check]) => {
        try {
          await withTimeout(check(), READINESS_TIMEOUT_MS);
          return [name, 'ok'] as const;
        } catch (err) {
          req.log.warn({ err, check: name }, 'readiness check failed');
          return [name, 'failing'] as const;
        }
      }),
    );
    const ready = outcomes.every(([, outcome]) => outcome === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(outcomes) });
  });
  app.get('/metrics', limits.authFailures, metricsAccess(deps), (_req, res) => {
    res.type('text/plain; version=0.0.4').send(metrics.render());
  });
  app.get('/openapi.json', limits.publicEndpoints, (_req, res) => {
    res.json(openapi);
  });
  app.get('/docs', (_req, res) => {
    res.type('html').send(docs.html);
  });
  app.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(DOCS_INIT);
  });
  app.use('/docs/assets', express.static(docs.assets, { index: false, maxAge: '1d' }));

  // The public portal's pages (公众参与): before the routes, so a browser asking for /public/documents gets the page.
  app.use('/public', portal.pages(limits.publicEndpoints));

  if (deps.temporalAvailability) app.use(deps.temporalAvailability.deadlines);
  for (const route of routes) {
    const guards: RequestHandler[] = route.auth === false ? [limits.publicEndpoints] : [limits.authFailures, auth];
    if (Array.isArray(route.auth)) guards.push(requireRole(...route.auth));
    app[route.method](route.path, ...guards, route.handle);
  }

  // The staff workbench (web/) at `/`, after the API so no page can shadow a route.
  app.use(workbenchStatic());

  app.use((req) => {
    throw new NotFound(`no route ${req.method} ${req.path}; see /openapi.json`);
  });
  // Temporal down or too slow: a 503 the client may retry, never a 500.
  app.use(((err, _req, _res, next) => next(isTemporalUnavailable(err) ? (deps.temporalAvailability?.unavailable() ?? new ServiceUnavailable('the workflow service does not answer right now', 5)) : err)) as ErrorRequestHandler);
  app.use(errorMiddleware(log));
  return app;
}
