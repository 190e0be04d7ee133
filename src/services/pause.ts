// Waiting between rounds of background work (harvest worker polls, scheduled link checks): a timer that ends
// early, without an error, when the work is told to stop.

/** Resolves after `ms`, or at once when `signal` aborts (already or meanwhile); never rejects. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
