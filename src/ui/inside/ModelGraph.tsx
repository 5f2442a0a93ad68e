import { useMemo, useState } from 'react';
import type { MethodKey } from '../../core/config/methods';
import { METHOD_INSIDE } from '../../core/config/methods/inside';
import { blockParameterCount, fillTemplate } from '../../core/config/methods/inside/fill';
import type { GraphEdge } from '../../core/config/methods/inside/types';
import { setSlowMotion, SLOW_MOTION_MS, stepOnce } from '../../state/insideActions';
import { useStore } from '../../state/store';
import { selectConfig, selectHistory, selectLastRun, selectRunInfo, selectRunState } from '../../state/selectors';
import { formatMetric } from '../format';
import { edgePath, layout, maxOrder, NODE_H, NODE_W } from './graphLayout';

/** The latest finite value of each metric the graph shows live. */
function useLiveValues(edges: readonly GraphEdge[]): Record<string, number> {
  const history = useStore(selectHistory);
  const tau = useStore((s) => s.inside?.latest.live.tau);
  return useMemo(() => {
    const out: Record<string, number> = {};
    const keys = new Set(edges.flatMap((e) => (e.live ? [e.live] : [])));
    let found = 0;
    for (let i = history.length - 1; i >= 0 && found < keys.size; i--) {
      for (const k of keys) {
        const v = history[i][k];
        if (out[k] === undefined && typeof v === 'number' && Number.isFinite(v)) {
          out[k] = v;
          found += 1;
        }
      }
    }
    if (tau !== undefined) out.tau = tau;
    return out;
  }, [history, tau, edges]);
}

/** Font size that keeps a block's label inside its box (about 0.55 em per character). */
const labelSize = (label: string) => Math.min(11, Math.max(7.5, (NODE_W - 8) / (0.55 * label.length)));

const EDGE_COLOR = { flow: '#334155', stopgrad: '#94a3b8', ema: '#7c3aed' } as const;

/**
 * The method as its data flow (the GAN Lab idea for SSL), from the description beside the method:
 * stop-gradient edges dashed, EMA edges labelled with the current τ, shared weights marked, live
 * values on the edges. Step runs one update and pauses; slow motion plays one per second and lights
 * the edges in the order the computation runs. Click a block for its shape and parameter count.
 */
export function ModelGraph() {
  const config = useStore(selectConfig);
  const lastRun = useStore(selectLastRun);
  const runInfo = useStore(selectRunInfo);
  const runState = useStore(selectRunState);
  const slowMotion = useStore((s) => s.slowMotion);
  const step = useStore((s) => s.progress?.step ?? 0);
  const method: MethodKey = (lastRun?.config.method as MethodKey | undefined) ?? config.method;
  const cfg = lastRun?.config ?? config;
  const { graph } = METHOD_INSIDE[method];
  const placed = useMemo(() => layout(graph), [graph]);
  const live = useLiveValues(graph.edges);
  const [selected, setSelected] = useState<string | null>(null);
  const values = { ...cfg.params, batch: cfg.batch };
  const order = maxOrder(graph.edges);
  const canStep = runState === 'running' || runState === 'paused';
  const node = selected ? placed.nodes.get(selected) : undefined;

  return (
    <div className="card chart model-graph" data-testid="model-graph" data-method={method} data-nodes={graph.nodes.length} data-edges={graph.edges.length}>
      <div className="chart__head">
        <h3>Model graph</h3>
        <div className="model-graph__buttons">
          <button type="button" className="button" data-testid="graph-step" disabled={!canStep} onClick={stepOnce} title="Run exactly one update, then pause">
            Step
          </button>
          <label title="One update per second, edges lit in the order the computation runs">
            <input type="checkbox" data-testid="graph-slowmo" checked={slowMotion} disabled={!canStep && !slowMotion} onChange={(e) => setSlowMotion(e.target.checked)} /> Slow motion
          </label>
        </div>
      </div>
      <svg className="model-graph__svg" viewBox={`0 0 ${placed.width} ${placed.height}`} role="group" aria-label={`${method} model graph`}>
        <defs>
          {Object.entries(EDGE_COLOR).map(([kind, color]) => (
            <marker key={kind} id={`arrow-${kind}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill={color} />
            </marker>
          ))}
        </defs>
        <g key={slowMotion ? `lit-${step}` : 'still'}>
          {graph.edges.map((e, i) => {
            const a = placed.nodes.get(e.from)!;
            const b = placed.nodes.get(e.to)!;
            const kind = e.kind ?? 'flow';
            const { d, mid } = edgePath(a, b);
            const value = e.live ? live[e.live] : undefined;
            const label = [e.label, e.live === 'tau' ? `τ = ${value === undefined ? '—' : value.toFixed(4)}` : value !== undefined ? formatMetric(value) : undefined].filter(Boolean).join(' ');
            return (
              <g key={i} className={`model-graph__edge model-graph__edge--${kind}${slowMotion ? ' model-graph__edge--lit' : ''}`} style={slowMotion ? { animationDelay: `${((e.order - 1) / order) * SLOW_MOTION_MS * 0.8}ms` } : undefined} data-kind={kind}>
                <path d={d} fill="none" stroke={EDGE_COLOR[kind]} strokeWidth={kind === 'flow' ? 1.6 : 1.4} strokeDasharray={kind === 'stopgrad' ? '5 4' : kind === 'ema' ? '2 3' : undefined} markerEnd={`url(#arrow-${kind})`} />
                {label && (
                  <text x={mid[0]} y={mid[1]} fontSize={10} textAnchor="middle" fill={EDGE_COLOR[kind]} data-live={e.live}>
                    {label}
                  </text>
                )}
              </g>
            );
          })}
        </g>
        {[...placed.nodes.values()].map((n) => (
          <g
            key={n.id}
            className={`model-graph__node model-graph__node--${n.kind}${selected === n.id ? ' model-graph__node--selected' : ''}`}
            data-testid={`graph-node-${n.id}`}
            onClick={() => setSelected(selected === n.id ? null : n.id)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                setSelected(selected === n.id ? null : n.id);
              }
            }}
            role="button"
            tabIndex={0}
            aria-pressed={selected === n.id}
          >
            <rect x={n.x} y={n.y} width={NODE_W} height={NODE_H} rx={6} />
            <text x={n.x + NODE_W / 2} y={n.y + NODE_H / 2 + (n.shared ? -2 : 4)} textAnchor="middle" fontSize={labelSize(fillTemplate(n.label, values))}>
              {fillTemplate(n.label, values)}
            </text>
            {n.shared && (
              <text x={n.x + NODE_W / 2} y={n.y + NODE_H - 6} textAnchor="middle" fontSize={9} className="model-graph__shared">
                shared weights
              </text>
            )}
          </g>
        ))}
      </svg>
      {node && (
        <p className="model-graph__details" data-testid="graph-details">
          <strong>{fillTemplate(node.label, values)}</strong>
          {node.shape && ` · output ${fillTemplate(node.shape, values)}`}
          {node.params && node.params.length > 0 && ` · ${runInfo?.blockParameters ? blockParameterCount(node.params, runInfo.blockParameters).toLocaleString('en') : '—'} trained parameters${node.shared ? ' (shared with its twin)' : ''}`}
          {node.params && node.params.length === 0 && node.kind === 'net' && ' · no trained parameters of its own'}
          {node.about && ` · ${node.about}`}
          <span className="model-graph__legend">{` B = batch (${cfg.batch}), F = feature width, C/H/W = image channels, height, width.`}</span>
        </p>
      )}
      <p className="chart__hint">Solid: forward with gradient. Dashed: stop-gradient. Dotted purple: momentum (EMA) copy. Numbers on edges are the latest readings.</p>
    </div>
  );
}
