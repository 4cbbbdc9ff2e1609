// Waiting for conditions instead of sleeping: poll `fn` until it returns a truthy value (returned)
// or the deadline passes (throws with the last value/error, described by `message`). Limits are
// generous because CTest runs these next to other tests on a 2-core machine.
export const SLOW = Number(process.env.PLENUM_E2E_SLOW || 1); // multiply every limit (e.g. 2 under load)

export async function poll(fn, { timeout = 30_000, interval = 250, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout * SLOW;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await fn();
      lastError = undefined;
      if (last) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const detail = lastError ? `last error: ${lastError.stack || lastError}` : `last value: ${JSON.stringify(last)}`;
      throw new Error(`timed out after ${timeout * SLOW} ms waiting for ${message}; ${detail}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

export function ms(n) {
  return n * SLOW;
}
