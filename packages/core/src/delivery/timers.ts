// Timer helpers shared by the delivery code. Delivery timers are unref'd: a
// pending batch or retry never keeps the process alive (the Hub flushes on
// beforeExit instead).

/** Largest delay setTimeout honours; past it, Node fires at once. */
const MAX_TIMER_MS = 2_147_483_647;

/** setTimeout that does not keep the process alive. */
export function unrefTimer(fn: () => void, ms: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(fn, clampTimerDelay(ms));
  timer.unref?.();
  return timer;
}

/** A delay setTimeout will honour: negatives become 0, non-finite or huge ones the maximum. */
export function clampTimerDelay(ms: number): number {
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_TIMER_MS) : MAX_TIMER_MS;
}
