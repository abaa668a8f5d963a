/**
 * How long Temporal waits for a worker to finish a workflow task before handing it to a worker
 * again, set on every process we start (the API, child processes, the bench). After a Temporal
 * server crash a task that was in flight is lost and is only handed out again when this runs out:
 * at Temporal's default of 10 s a process answered nobody for 10 s. Our workflow tasks take
 * milliseconds (calendars and the database are activities' work); 3 s still leaves a loaded
 * worker room to replay a long history after its cache dropped it.
 */
export const WORKFLOW_TASK_TIMEOUT = '3s';
