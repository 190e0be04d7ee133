// Starting a worker thread on one of our modules, the same way whether the code runs compiled (dist/, .js files)
// or from its TypeScript source under the tsx loader (tests, scripts, benches), which a worker thread does not
// inherit: there the worker registers tsx before importing the module.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker running `module`, named relative to `from` (the caller's import.meta.url) as the compiled file
 * (`./x-worker.js`); under tsx its `.ts` source runs.
 */
export function startWorker(from: string, module: string, options: WorkerOptions = {}): Worker {
  if (from.endsWith('.ts')) {
    const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
    const file = JSON.stringify(new URL(module.replace(/\.js$/, '.ts'), from).href);
    return new Worker(`import(${api}).then((tsx) => { tsx.register(); return import(${file}); });`, {
      ...options,
      eval: true,
    });
  }
  return new Worker(new URL(module, from), options);
}
