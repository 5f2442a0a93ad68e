// Main-thread long tasks from a Chromium trace, measured in what the page itself did, not only in
// wall time. On a shared machine (or with the training worker's WASM threads on every core) the OS
// preempts the main thread, so a task's wall duration includes time it waited for a core. The trace
// gives each task's thread CPU time (`tdur`), and, with the V8 sampling profiler on, which of the
// page's functions ran inside it. Shared by bench/longtasks.mjs, bench/browser-bench.mjs and e2e/responsive.spec.ts.

/** Categories for `browser.startTracing`: tasks with CPU time, plus (optionally) JS samples. */
export function traceCategories({ profile }) {
  const base = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'];
  return profile ? [...base, 'v8.execute', 'disabled-by-default-v8.cpu_profiler'] : base;
}

const LONG_TASK_US = 50_000;
/** Profile nodes that are not the page's JavaScript. */
const NOT_JS = new Set(['(idle)', '(program)', '(root)']);
const GC = '(garbage collector)';
/** React internals that call a component (render) or an effect: the frame below names the culprit. */
const CALLS_COMPONENT = new Set(['renderWithHooks', 'updateForwardRef', 'updateMemoComponent', 'updateSimpleMemoComponent']);
const CALLS_EFFECT = new Set(['commitHookEffectListMount', 'commitHookEffectListUnmount']);

/** The renderer main thread that ran most of the page's script (the page under test). */
function pageMainThread(events, threadNames) {
  const calls = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (threadNames.get(key) === 'CrRendererMain' && (e.name === 'FunctionCall' || e.name === 'FireAnimationFrame')) calls.set(key, (calls.get(key) ?? 0) + 1);
  }
  return [...calls.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** The main thread's CPU profile as sample times (trace clock, µs) with their call stacks. */
function mainProfile(events, main) {
  const profiles = new Map();
  for (const e of events) {
    if (e.name === 'Profile' && `${e.pid}:${e.tid}` === main) profiles.set(`${e.pid}:${e.id}`, { start: e.args.data.startTime, nodes: new Map(), samples: [], times: [] });
  }
  for (const e of events) {
    const p = e.name === 'ProfileChunk' ? profiles.get(`${e.pid}:${e.id}`) : undefined;
    if (!p) continue;
    const data = e.args.data;
    for (const n of data.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    let t = p.times.length ? p.times[p.times.length - 1] : p.start;
    (data.cpuProfile?.samples ?? []).forEach((s, i) => {
      t += data.timeDeltas[i];
      p.samples.push(s);
      p.times.push(t);
    });
  }
  return [...profiles.values()].sort((a, b) => b.samples.length - a.samples.length)[0] ?? null;
}

/** A function's name; an anonymous one by its line (readable in an unminified build). */
const frameName = (n) => n.callFrame.functionName || (n.callFrame.url ? `(anonymous):${n.callFrame.lineNumber + 1}` : '(anonymous)');
/** Whether a sample ran the page's own code (some frame from its origin), not the test harness's (Playwright's injected script). */
function isPageCode(profile, nodeId, origin) {
  for (let n = profile.nodes.get(nodeId); n; n = n.parent ? profile.nodes.get(n.parent) : undefined) if (n.callFrame.url?.startsWith(origin)) return true;
  return false;
}

/** What a sample is charged to: the React component or effect it runs in, else its leaf function. */
function culprit(profile, nodeId) {
  const chain = [];
  for (let n = profile.nodes.get(nodeId); n; n = n.parent ? profile.nodes.get(n.parent) : undefined) chain.push(n);
  // chain[0] is the leaf. The innermost component/effect boundary names the culprit.
  for (let j = 1; j < chain.length; j++) {
    const f = frameName(chain[j]);
    if (CALLS_COMPONENT.has(f)) return `render ${frameName(chain[j - 1])}`;
    if (CALLS_EFFECT.has(f)) return `effect in ${frameName(chain[j - 1])}`;
  }
  return frameName(chain[0]);
}

/**
 * Every main-thread task over 50 ms (wall) of the page under test, oldest first:
 * { startMs (from the first task), wallMs, cpuMs (thread time), jsMs (the page's JS incl. GC, in CPU
 * ms; null without a profile), gcMs, harnessMs (Playwright's injected script), top: [[culprit, CPU ms]...] }.
 */
export function longTasks(trace, { origin, thresholdUs = LONG_TASK_US }) {
  const events = trace.traceEvents ?? trace;
  const threadNames = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const main = pageMainThread(events, threadNames);
  if (!main) return [];
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && `${e.pid}:${e.tid}` === main).sort((a, b) => a.ts - b.ts);
  const profile = mainProfile(events, main);
  // The task that starts the sampling profiler spends its time there (the measurement, not the page).
  const profilerStarts = events.filter((e) => e.name === 'CpuProfiler::StartProfiling' && `${e.pid}:${e.tid}` === main).map((e) => e.ts);
  const first = tasks[0]?.ts ?? 0;
  const out = [];
  let i = 0; // profile samples are in time order; walk them once alongside the tasks
  for (const task of tasks) {
    if (task.dur <= thresholdUs) continue;
    const end = task.ts + task.dur;
    const row = { startMs: (task.ts - first) / 1000, wallMs: task.dur / 1000, cpuMs: (task.tdur ?? task.dur) / 1000, jsMs: null, gcMs: null, top: [] };
    if (profilerStarts.some((ts) => ts >= task.ts && ts < end)) row.profilerStart = true;
    if (profile) {
      // Sample intervals are wall time: a sample taken after the thread was descheduled covers the
      // wait too. So the samples give shares, and the shares are applied to the task's CPU time.
      const by = new Map();
      let all = 0;
      let js = 0;
      let gc = 0;
      let harness = 0;
      while (i < profile.times.length && profile.times[i] < task.ts) i++;
      for (let k = i; k < profile.times.length - 1 && profile.times[k] < end; k++) {
        const dt = (profile.times[k + 1] - profile.times[k]) / 1000;
        const leaf = frameName(profile.nodes.get(profile.samples[k]));
        all += dt;
        if (NOT_JS.has(leaf)) continue;
        if (leaf !== GC && !isPageCode(profile, profile.samples[k], origin)) {
          harness += dt;
          continue;
        }
        if (leaf === GC) gc += dt;
        else js += dt;
        const who = leaf === GC ? GC : culprit(profile, profile.samples[k]);
        by.set(who, (by.get(who) ?? 0) + dt);
      }
      const toCpu = all > 0 ? row.cpuMs / all : 0;
      row.jsMs = (js + gc) * toCpu;
      row.gcMs = gc * toCpu;
      row.harnessMs = harness * toCpu;
      row.top = [...by.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => [k, v * toCpu]);
    }
    out.push(row);
  }
  return out;
}

/** One line per task and a summary; `over` counts tasks whose measure exceeds 50 ms. */
export function describeLongTasks(tasks) {
  const over = (key) => tasks.filter((t) => t[key] !== null && t[key] > 50).length;
  const lines = tasks.map(
    (t) =>
      `  at ${(t.startMs / 1000).toFixed(1)} s: wall ${t.wallMs.toFixed(0)} ms, main-thread CPU ${t.cpuMs.toFixed(0)} ms${t.profilerStart ? ' (starting the profiler)' : ''}` +
      (t.jsMs === null ? '' : `, page JS ${t.jsMs.toFixed(0)} ms (GC ${t.gcMs.toFixed(0)}; test harness ${t.harnessMs.toFixed(0)})${t.top.length ? ` — ${t.top.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}` : ''}`),
  );
  const summary = {
    count: tasks.length,
    longestWallMs: Math.max(0, ...tasks.map((t) => t.wallMs)),
    longestCpuMs: Math.max(0, ...tasks.map((t) => t.cpuMs)),
    longestJsMs: tasks.some((t) => t.jsMs !== null) ? Math.max(0, ...tasks.map((t) => t.jsMs ?? 0)) : null,
    overCpu: over('cpuMs'),
    overJs: tasks.some((t) => t.jsMs !== null) ? over('jsMs') : null,
  };
  return { lines, summary };
}
