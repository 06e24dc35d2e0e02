// The entry of the worker that builds or checks a book (see isolated.ts). A worker
// does not inherit the main thread's module loader, so it loads the TypeScript
// sources through tsx itself, as bin.js does.
import { register } from 'tsx/esm/api';

register();
await import('./isolated-job.ts');
