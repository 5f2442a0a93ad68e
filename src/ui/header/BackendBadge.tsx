import { useStore } from '../../state/store';
import { selectBackend, selectConfig } from '../../state/selectors';

/**
 * Which tfjs backend the worker actually runs on, and on what device. Fallbacks (e.g. WebGPU
 * unavailable, so WebGL) are listed with their reasons: timings mean little without them. With
 * `auto`, why this backend won (measured ms/step, or GPUs skipped as CPU-emulated) is shown too.
 */
export function BackendBadge() {
  const backend = useStore(selectBackend);
  const choice = useStore(selectConfig).backend;
  if (!backend) {
    return (
      <div className="backend-badge backend-badge--pending" data-testid="backend-status">
        backend: not started
      </div>
    );
  }
  const fallbackText = backend.fallbacks.map((f) => `${f.name}: ${f.reason}`).join('\n');
  return (
    <div className="backend-badge" data-testid="backend-status" title={fallbackText ? `Tried first:\n${fallbackText}` : undefined}>
      <span className="backend-badge__label">backend</span>
      <strong className="backend-badge__name" data-testid="backend-name">
        {backend.name}
      </strong>
      <span className="backend-badge__adapter" data-testid="backend-adapter">
        {backend.adapter}
      </span>
      {choice === 'auto' && backend.choice && (
        <small className="backend-badge__choice" data-testid="backend-choice">
          {backend.choice}
        </small>
      )}
      {backend.fallbacks.length > 0 && (
        <small className="backend-badge__fallbacks" data-testid="backend-fallbacks">
          {choice === 'auto' ? 'fell back from ' : 'not available: '}
          {backend.fallbacks.map((f) => f.name).join(', ')} (hover for why)
        </small>
      )}
    </div>
  );
}
