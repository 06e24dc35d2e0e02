// The entry of the worker that builds or checks a book when Octavo runs from its
// TypeScript sources (see isolated.ts; compiled, the worker starts at isolated-job.js).
// A worker does not inherit the main thread's module loader, so it registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./isolated-job.ts');
