import { InterceptingCall, type Interceptor } from '@grpc/grpc-js';
import { Connection } from '@temporalio/client';

/**
 * A Temporal connection that appends the method name of every RPC made through it to `calls`
 * (StartWorkflowExecution, QueryWorkflow …): a test counts on the wire what the API asked of Temporal.
 */
export function countingConnection(address: string, calls: string[]): Promise<Connection> {
  const counting: Interceptor = (options, nextCall) => {
    calls.push(options.method_definition.path.split('/').pop() ?? '');
    return new InterceptingCall(nextCall(options));
  };
  return Connection.connect({ address, interceptors: [counting] });
}
