// The property tests' build worker: Node runs it in a worker thread, where tsx
// loads the TypeScript sources (vitest's transform does not reach worker threads).
import { register } from 'tsx/esm/api';

register();
await import('./build-worker.ts');
