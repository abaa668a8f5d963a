import { projectSnapshot } from '../db/read-model-repository';
import type { ProcessSnapshot } from '../domain/read-model';
import type { ActivityDeps } from './index';

export function createProjectionActivities({ db }: ActivityDeps) {
  return {
    /**
     * Writes a process's snapshot into the read model unless a newer version is already there:
     * a retry, a replay or a late write-through changes nothing. Returns whether it wrote.
     */
    projectReadModel(snapshot: ProcessSnapshot): Promise<boolean> {
      return projectSnapshot(db, snapshot);
    },
  };
}
