import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { historyFiles, historyFromPlainObject, readHistory } from '../support/histories';
import { payloadDataConverter } from '../../worker/payload-codec';

const files = historyFiles();

describe('recorded histories replay against the current workflow code', () => {
  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s replays without nondeterminism', async (file) => {
    const { workflowId, history } = readHistory(file);
    // The worker's data converter: recorded plaintext payloads pass through it, encrypted ones decrypt with the dev key ring.
    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: payloadDataConverter() }, historyFromPlainObject(history), workflowId);
  });
});
