// Exponential backoff with full jitter (AWS architecture blog, "Exponential
// Backoff and Jitter"): the wait is uniform in [0, min(max, initial·2^attempt)].
// Full jitter spreads retries of many clients hit by the same outage instead of
// having them return in lock-step.

export interface BackoffOptions {
  /** Ceiling of the first retry's wait (attempt 0). */
  initialMs: number;
  /** Ceiling that the exponential growth never exceeds. */
  maxMs: number;
  /** Uniform source in [0, 1); `Math.random` by default. Tests pass a fixed one. */
  random?: () => number;
}

/** Wait in milliseconds before retry number `attempt` (0 for the first retry). */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const initial = nonNegative(options.initialMs);
  const max = nonNegative(options.maxMs);
  const exponent = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  // 2 ** 1100 is Infinity, which Math.min turns into `max`: no overflow check needed.
  const ceiling = Math.min(max, initial * 2 ** exponent);
  const draw = (options.random ?? Math.random)();
  const unit = Number.isFinite(draw) ? Math.min(Math.max(draw, 0), 1) : 0;
  return Math.round(unit * ceiling);
}

function nonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}
