import type { MethodInside } from './inside/types';
import { twoBranchGraph } from './inside/templates';

const base = twoBranchGraph({ head: { label: 'student head', params: 'student', shape: 'B×{outDim}' }, target: 'ema', views: ['all crops', 'global crops'], loss: { label: 'cross-entropy, τ_s = {studentTemp}', about: 'The student’s softmax matches the teacher’s sharpened, centred softmax on other crops.' } });

export const dinoInside: MethodInside = {
  graph: {
    nodes: [
      ...base.nodes.map((n) => (n.id === 'loss' ? { ...n, col: 5 } : n.id === 'enc2' ? { ...n, label: 'teacher encoder' } : n.id === 'h2' ? { ...n, label: 'teacher head' } : n)),
      { id: 'centre', label: 'centre, sharpen (τ_t = {teacherTemp})', kind: 'op', col: 4, row: 1, shape: 'B×{outDim}', about: 'The teacher’s logits minus a running mean (centring), divided by a low temperature (sharpening).' },
    ],
    edges: [
      ...base.edges.filter((e) => !(e.from === 'h2' && e.to === 'loss')),
      { from: 'h2', to: 'centre', order: 4, kind: 'stopgrad', live: 'centerNorm', label: '‖c‖' },
      { from: 'centre', to: 'loss', order: 5, kind: 'stopgrad' },
    ],
  },
  explainer: {
    idea: 'A student network learns to match the output distribution of a teacher that is a moving average of itself, across local and global crops. Self-distillation with no labels.',
    formula: String.raw`\mathcal{L} = \sum_{x \in \{x^g_1, x^g_2\}} \sum_{x' \neq x} -P_t(x)^\top \log P_s(x'),\quad P_t = \mathrm{softmax}\big((g_t(x) - c)/\tau_t\big),\quad c \leftarrow m c + (1-m)\,\overline{g_t(x)}`,
    collapse: 'Centring (pushes towards uniform outputs) balanced by sharpening with a low teacher temperature (pushes towards one-hot), plus the EMA teacher.',
    paper: 'Caron, Touvron, Misra, Jégou, Mairal, Bojanowski & Joulin, “Emerging Properties in Self-Supervised Vision Transformers”, ICCV 2021',
    url: 'https://arxiv.org/abs/2104.14294',
  },
};
