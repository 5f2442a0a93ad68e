import type { MethodKey, MethodSpec } from '../config/methods';
import { knobValues, type KnobValues } from '../config/knobs';
import type { MethodContext, MethodDefinition, MethodInstance } from './types';

/** The names a spec declares under `metrics`: the only names the method's extraMetrics may return. */
export type MetricName<S extends MethodSpec> = S extends { metrics: infer M } ? keyof M & string : never;

/** The typed values of a spec's knobs, as `create` receives them. */
export type KnobsOf<S extends MethodSpec> = KnobValues<S['knobs']>;

/**
 * A method from its spec (src/core/config/methods/<key>.ts: knobs, metrics, backbone) and the function
 * that builds it. The knob table is the method's typed contract: `create` receives `knobs` typed from
 * it (`knobs.temperature: number`, `knobs.mocoVersion: 'v1' | 'v2'`), read from the config's params
 * and checked once here, and its extraMetrics may only return the metric names the spec declares.
 */
export function defineMethod<const S extends MethodSpec & { key: MethodKey }, I extends MethodInstance<MetricName<S>>>(
  spec: S,
  create: (ctx: MethodContext, knobs: KnobsOf<S>) => I,
): MethodDefinition<I> {
  return {
    key: spec.key,
    spec,
    create: (ctx) => create(ctx, knobValues<S['knobs']>(spec.knobs, ctx.config.params, spec.key)),
  };
}
