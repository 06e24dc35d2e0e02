// The entry of a worker that lays out a part of a book when Octavo runs from its
// TypeScript sources (see parts.ts; compiled, the worker starts at part-job.js).
// A worker does not inherit the main thread's module loader, so it registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./part-job.ts');
