/** Installs the Temporal binaries before the tests, so a fresh machine needs only `npm test`. */
import { temporalCliPath, temporalTestServerPath } from './temporal-tools';

console.log(`temporal CLI: ${temporalCliPath()}`);
console.log(`temporal test server: ${temporalTestServerPath()}`);
