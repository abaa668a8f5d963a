/**
 * The staff workbench (政务工作台) from the API process: its built pages at `/` (web/, built by
 * `npm install`'s prepare step into web/dist), who the caller is with the start forms their roles
 * allow, and — on a development server only — the dev issuer's sign-in.
 */
import compression from 'compression';
import express, { type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { getUser, listUnits, listUsers } from '../../db/directory-repository';
import { statutoryHolidays } from '../../domain/calendar/statutory-holidays';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { issueToken } from '../auth';
import { DEV_JWT_SECRET, type Config } from '../config';
import { NotFound } from '../errors';
import { defineRoute, type RouteDefinition } from './define-route';

/** Where `npm run build:web` writes the workbench. */
export const WORKBENCH_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** The processes a person starts from the workbench, by the route that starts them (labels zh first). */
const START_FORMS = [
  { kind: 'ticket', path: '/v1/supervision-tickets', label: '督查督办事项', labelEn: 'Supervision ticket' },
  { kind: 'document', path: '/v1/documents', label: '公文', labelEn: 'Official document' },
  { kind: 'request', path: '/v1/incoming-requests', label: '请示登记', labelEn: 'Request for instructions' },
  { kind: 'agenda-item', path: '/v1/agenda-items', label: '常务会议议题', labelEn: 'Agenda item' },
  { kind: 'meeting', path: '/v1/meetings', label: '常务会议', labelEn: 'Standing meeting' },
  { kind: 'major-decision', path: '/v1/major-decisions', label: '重大行政决策', labelEn: 'Major decision' },
] as const;

type WorkbenchConfig = Pick<Config, 'GOVFLOW_JWT_SECRET' | 'GOVFLOW_JWT_ISSUER'> & { NODE_ENV?: string };

/**
 * The dev issuer signs in anyone, so it exists only where anyone could mint a token anyway: not in
 * production, and only while the secret is the public development one.
 */
export function devIssuerEnabled(config: WorkbenchConfig): boolean {
  return config.NODE_ENV !== 'production' && config.GOVFLOW_JWT_SECRET === DEV_JWT_SECRET;
}

const startFormSchema = z.object({
  kind: z.string(),
  path: z.string().describe('POST here with an Idempotency-Key'),
  label: z.string(),
  labelEn: z.string(),
  schema: z.record(z.string(), z.unknown()).describe('JSON Schema (2020-12) of the request body'),
});

/** Routes of the workbench: `GET /v1/workbench/me`, and the dev sign-in when devIssuerEnabled. */
export function workbenchRoutes(deps: { db: Database; config: WorkbenchConfig; routes: RouteDefinition[] }): RouteDefinition[] {
  const { db, config } = deps;
  // Computed once: the start routes' bodies as clients send them.
  const startForms = START_FORMS.flatMap((form) => {
    const route = deps.routes.find((r) => r.method === 'post' && r.path === form.path);
    if (!route?.body) return [];
    const { $schema: _dialect, ...schema } = z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
    return [{ ...form, schema, auth: route.auth }];
  });

  const routes: RouteDefinition[] = [
    defineRoute({
      method: 'get',
      path: '/v1/workbench/me',
      summary: 'The signed-in person, their unit, and the processes their roles may start (with the JSON Schema of each start form)',
      tags: ['workbench'],
      auth: true,
      responses: {
        200: {
          description: 'who I am and what I may start',
          schema: z.object({
            user: z.object({ id: z.string(), name: z.string(), jurisdiction: z.string(), unitId: z.string(), unitName: z.string().optional(), roles: z.array(z.string()) }),
            startForms: z.array(startFormSchema),
            statutoryHolidays: z.record(z.string(), z.array(z.string())).describe('by year, last year to two years ahead: the statutory holidays the server counts with where the holiday table has no year yet'),
          }),
        },
      },
      handler: async ({ user }) => {
        const units = await listUnits(db, user.jurisdiction);
        const allowed = startForms.filter((f) => f.auth === true || (Array.isArray(f.auth) && f.auth.some((role) => user.roles.includes(role))));
        return {
          user: { id: user.id, name: user.name, jurisdiction: user.jurisdiction, unitId: user.unitId, unitName: units.find((u) => u.id === user.unitId)?.name, roles: user.roles },
          startForms: allowed.map(({ auth: _auth, ...form }) => form),
          statutoryHolidays: Object.fromEntries([-1, 0, 1, 2].map((d) => new Date().getUTCFullYear() + d).map((year) => [year, statutoryHolidays(year)])),
        };
      },
    }),
  ];
  if (!devIssuerEnabled(config)) return routes;

  return [
    ...routes,
    defineRoute({
      method: 'get',
      path: '/v1/dev/users',
      summary: 'Development only: the sample people of every jurisdiction, to sign in as',
      description: 'Answers only while the server runs with the public development secret outside production.',
      tags: ['workbench'],
      auth: false,
      responses: { 200: { description: 'jurisdictions with their people' } },
      handler: async () => ({
        jurisdictions: await Promise.all(
          JURISDICTION_IDS.map(async (id) => {
            const [units, users] = await Promise.all([listUnits(db, id), listUsers(db, id)]);
            const unitName = new Map(units.map((u) => [u.id, u.name]));
            return {
              id,
              name: units.find((u) => u.kind === 'government')?.name ?? id,
              users: users.map((u) => ({ id: u.id, name: u.name, unitName: unitName.get(u.unitId) ?? u.unitId, roles: u.roles })),
            };
          }),
        ),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/dev/token',
      summary: 'Development only: a bearer token for a sample person (the dev issuer)',
      tags: ['workbench'],
      auth: false,
      body: z.object({ userId: z.string().min(1).max(100) }),
      responses: { 200: { description: 'the token', schema: z.object({ token: z.string() }) }, 404: { description: 'no such user' } },
      handler: async ({ body }) => {
        const user = await getUser(db, body.userId);
        if (!user) throw new NotFound(`no user ${body.userId} in the directory`);
        return { token: await issueToken({ userId: user.id, jurisdiction: user.jurisdiction, secret: config.GOVFLOW_JWT_SECRET, issuer: config.GOVFLOW_JWT_ISSUER }) };
      },
    }),
  ];
}

/**
 * The built pages, gzipped (a district's network may be slow): hashed assets cached for a year,
 * index.html always revalidated so a new build reaches people at once. Without a build, `/` says
 * how to make one.
 */
export function workbenchStatic(dist = WORKBENCH_DIST): RequestHandler {
  if (!existsSync(`${dist}index.html`)) {
    return (req, res, next) => {
      if (req.method !== 'GET' || req.path !== '/') return next();
      res.status(503).type('text/plain; charset=utf-8').send('政务工作台尚未构建：请运行 npm install（或 npm run build:web）。\nThe workbench is not built: run npm install (or npm run build:web).\n');
    };
  }
  return express.Router().use(
    compression(),
    express.static(dist, {
      index: 'index.html',
      setHeaders: (res, path) => {
        res.setHeader('Cache-Control', path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
      },
    }),
  );
}
