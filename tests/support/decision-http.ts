import type { JurisdictionId } from '../../domain/jurisdictions';
import type { startStack } from './dev-server-stack';

type Stack = Pick<Awaited<ReturnType<typeof startStack>>, 'call' | 'eventually' | 'userById' | 'user'>;

interface TaskView {
  id: string;
  step: string;
  status: string;
  assignees: { userId: string }[];
}

/**
 * Waits (reading GET /v1/processes/:id as `viewerId`, someone of the process's jurisdiction) for
 * the open task at `step` and takes `action` as `userId`, or as the task's first holder, through HTTP.
 */
export async function actOverHttp(stack: Stack, viewerId: string, id: string, step: string, action: string, data: Record<string, unknown> = {}, userId?: string, timeoutMs = 30_000) {
  const path = `/v1/processes/${encodeURIComponent(id)}`;
  const viewer = await stack.userById(viewerId);
  const state = await stack.eventually(
    () => stack.call('GET', path, viewer.token),
    (r) => r.body?.tasks?.some((t: TaskView) => t.step === step && t.status === 'open'),
    timeoutMs,
  );
  const task = (state.body.tasks as TaskView[] | undefined)?.find((t) => t.step === step && t.status === 'open');
  if (!task) throw new Error(`${id}: no open ${step} (step ${state.body?.step}, status ${state.status})`);
  const holder = await stack.userById(userId ?? task.assignees[0].userId);
  const done = await stack.call('POST', `${path}/tasks/${task.id}/actions`, holder.token, { action, data });
  if (done.status !== 200) throw new Error(`${step} ${action}: ${done.status} ${JSON.stringify(done.body)}`);
  return done.body as { step: string; status: string; tasks: TaskView[]; deadlines: { id: string; dueAt: string }[]; links: { processId: string; type: string; relation: string }[]; details: Record<string, unknown> };
}

/** The year's catalogue through HTTP: entries added by the office, drawn up, approved by the chief, agreed by the party committee, published by the director. */
export async function approveCatalogueOverHttp(stack: Stack, jurisdiction: JurisdictionId, year: number, entries: Record<string, unknown>[]): Promise<{ entryIds: string[]; process: string }> {
  const office = await stack.user(jurisdiction, 'office-staff');
  const added = await stack.call('POST', '/v1/decision-catalogue', office.token, { jurisdiction, year, entries });
  if (added.status !== 201) throw new Error(`catalogue: ${added.status} ${JSON.stringify(added.body)}`);
  const process = added.body.process as string;
  const chief = await stack.user(jurisdiction, 'chief');
  const director = await stack.user(jurisdiction, 'office-director');
  await actOverHttp(stack, office.id, process, 'catalogue.drafting', 'submit-for-approval', {}, office.id);
  await actOverHttp(stack, office.id, process, 'catalogue.government-approval', 'approve', { reference: `区政府常务会议纪要〔${year}〕1号` }, chief.id);
  await actOverHttp(stack, office.id, process, 'catalogue.party-committee', 'record-agreement', { agreed: true, reference: `区委〔${year}〕1号` }, office.id);
  await actOverHttp(stack, office.id, process, 'catalogue.publication', 'publish', { channel: '政府门户网站' }, director.id);
  return { entryIds: (added.body.entries as { id: string }[]).map((e) => e.id), process };
}
