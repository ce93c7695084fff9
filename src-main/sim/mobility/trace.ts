// Vehicle positions per slot, whatever produced them (built-in highway or SUMO FCD import).

export interface VehiclePath {
  id: string;
  /** Position in metres at slot t (index t-1), x along the road. */
  x: Float64Array;
  y: Float64Array;
}

export interface MobilityTrace {
  slots: number;
  cvs: VehiclePath[];
  svs: VehiclePath[];
}

/** Gives the positions for one episode; the highway draws fresh speeds, a trace replays the same file. */
export interface MobilitySource {
  readonly description: string;
  episode(rng: import('../random').Random): MobilityTrace;
}
