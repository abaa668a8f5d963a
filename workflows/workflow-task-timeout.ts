/**
 * How long Temporal waits for a worker to finish a workflow task before handing it to a worker
 * again, set on every process we start (the API, child processes, the bench). After a Temporal
 * server crash a task that was in flight is lost and is only handed out again when this runs out:
 * at Temporal's default of 10 s a process answered nobody for 10 s. Our workflow tasks take
 * milliseconds (calendars and the database are activities' work), but not 3 s: a timed-out task
 * is handed out again, and a task handed out again while an update waits is where the SDK's replay
 * defect bites (see worker/create-worker.ts); 5 s halves the wait and keeps timeouts rare under load.
 */
export const WORKFLOW_TASK_TIMEOUT = '5s';
