import type { Tx } from '../../db/pool.js';
import type { ServiceContext } from '../../platform/context.js';

/**
 * Heard inside the transaction that writes a layoff plan (the form, the API, the staff import), after the write:
 * the early warnings evaluate the plan here, so a warning and the plan that raised it commit together. A listener
 * that throws rolls the plan back: keep them to what must hold with the plan.
 */
export type PlanListener = (tx: Tx, ctx: ServiceContext, planId: string) => Promise<void>;

const listeners = new Set<PlanListener>();

/** Registers a listener; returns how to remove it. */
export function onLayoffPlanSaved(listener: PlanListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function notifyPlanListeners(tx: Tx, ctx: ServiceContext, planId: string): Promise<void> {
  for (const listener of listeners) await listener(tx, ctx, planId);
}
