/** The time the alert code paths use: real time in the app, a hand-moved clock in tests. */
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: escalation tests step it past the configured minutes. */
export const manualClock = (start: Date = new Date()) => {
  let at = start.getTime();
  return {
    now: () => new Date(at),
    set: (d: Date) => {
      at = d.getTime();
    },
    advanceMinutes: (minutes: number) => {
      at += minutes * 60_000;
    },
  };
};
export type ManualClock = ReturnType<typeof manualClock>;
