// Upper bounds of physical inputs that are not scenario fields (eval-slot states, trace positions): far above
// anything real, far below where the formulas overflow, so a typo (1e308) is refused naming its field instead
// of surfacing as an infinite delay or a reward of 1e299.

/** Largest |x| or |y| (m) of a position: a trace or RSU farther from the origin than 10,000 km is not a road. */
export const MAX_COORDINATE_M = 1e7;
/** A distance between a vehicle and an RSU or another vehicle (m). */
export const MAX_DISTANCE_M = 1e5;
/** A CPU frequency (Hz): 10 THz. */
export const MAX_CPU_HZ = 1e13;
/** A queue or workload in operations or CPU cycles: 1e15 (a day of a 10 GHz CPU is ~1e15). */
export const MAX_QUEUE_OPS = 1e15;
/** A task's data or instruction volume in bits: 1 Tb. */
export const MAX_BITS = 1e12;
/** A small-scale fading power gain |h|^2 (Exp(1) draws; above 1e3 or below 1e-9 is not a draw). */
export const MIN_FADING_GAIN = 1e-9;
export const MAX_FADING_GAIN = 1e3;
/** An energy (J), e.g. a virtual energy queue. */
export const MAX_ENERGY_J = 1e9;
/** A speed (m/s). */
export const MAX_SPEED_MPS = 100;
/** Entries of a queue history window. */
export const MAX_HISTORY = 10_000;
