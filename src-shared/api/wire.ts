// Message envelopes on the WebSocket (and the shape Electron IPC carries): calls, results, events.
import { z } from 'zod';
import { apiErrorSchema, type ApiErrorData } from './common';

export const callMessageSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().min(0),
  method: z.string().min(1).max(64),
  params: z.unknown(),
});
export type CallMessage = z.infer<typeof callMessageSchema>;

export const resultMessageSchema = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: apiErrorSchema }),
]);
export type ResultMessage = z.infer<typeof resultMessageSchema>;

export const eventMessageSchema = z.object({
  type: z.literal('event'),
  event: z.string(),
  payload: z.unknown(),
});
export type EventMessage = z.infer<typeof eventMessageSchema>;

export const serverMessageSchema = z.union([resultMessageSchema, eventMessageSchema]);

/** Outcome of one call as every transport hands it to the client. */
export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: ApiErrorData };

/** Largest WebSocket message accepted (an uploaded SUMO trace is the biggest legitimate one). */
export const MAX_WIRE_MESSAGE_BYTES = 80 * 1024 * 1024;
