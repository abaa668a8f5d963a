import { clearToken, getToken } from './session';

export interface FieldError {
  field: string;
  /** English. */
  reason: string;
  /** 中文, for the person. */
  message?: string;
}

/** An application/problem+json answer (RFC 9457) as the API sends it. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

/** A non-2xx answer; `problem.errors` name the fields for a 400. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }
}

/** Called when the token is refused, so the app can show the sign-in page. */
let onSignedOut: () => void = () => undefined;
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

/**
 * Calls the API with the signed-in person's token.
 *
 * @throws {ApiError} for any non-2xx answer (a 401 also signs out).
 * @example
 * const { items } = await api<{ items: InboxItem[] }>('GET', '/v1/tasks');
 */
export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const token = getToken();
  const res = await fetch(path, {
    method,
    headers: {
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = { detail: text };
  }
  if (!res.ok) {
    if (res.status === 401 && token) {
      clearToken();
      onSignedOut();
    }
    throw new ApiError({ status: res.status, ...(parsed as Omit<Problem, 'status'>) });
  }
  return parsed as T;
}

/** A random idempotency key; crypto.randomUUID needs a secure context, which an intranet http page may not be. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `wb-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
