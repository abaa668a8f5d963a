/** Installs the Temporal binaries and the API fuzzer before the tests, so a fresh machine needs only `npm test`. */
import { schemathesisPath } from './schemathesis';
import { temporalCliPath, temporalTestServerPath } from './temporal-tools';

console.log(`temporal CLI: ${temporalCliPath()}`);
console.log(`temporal test server: ${temporalTestServerPath()}`);
console.log(`schemathesis: ${schemathesisPath()}`);
