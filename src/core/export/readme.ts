import type { ExperimentConfig } from '../config/schema';

/** The modules only some methods carry, in the README's file table. */
const METHOD_MODULE_ROLES: Record<string, string> = {
  'vit.py': 'the tiny ViT encoder and its patch masks (MAE, MSN)',
  'kmeans.py': 'DeepCluster\'s PCA whitening and k-means, computed as the browser computes them',
};

/** The exported project's README: what it is, the three commands, what comes back, where the numbers are from. */
export function projectReadme(config: ExperimentConfig, link: string, modules: readonly string[] = []): string {
  const extra = modules.filter((m) => METHOD_MODULE_ROLES[m]).map((m) => `\n| ${m} | ${METHOD_MODULE_ROLES[m]} |`).join('');
  const data = config.dataset.startsWith('own-') ? '--image-folder /path/to/images --size 32' : '--data /path/to/data';
  return `# ${config.method} on ${config.dataset}, exported from SSL Playground

This folder is one playground experiment as a PyTorch project: the same encoder, heads, loss, augmentations
and hyperparameters (\`config.json\`; its \`source\` is the link it came from${link ? `: ${link}` : ''}).

| file | what |
|---|---|
| train.py | the training loop, evaluation and the run JSON |
| methods.py | ${config.method}: its heads, views and loss |
| losses.py | the losses, pure functions of tensors |
| model.py | the ConvNet encoder and block-table heads; loading the browser's weights |
| augment.py | the playground's augmentations, batched on the device |
| data.py | datasets, and the playground's splits and batch order |
| evaluate.py | collapse metrics, linear probe, kNN |
| distributed.py | DDP helpers: all-gather with gradients, BatchNorm over the global batch |
| optim.py | adam, adamw, sgd, lars; warm-up and cosine schedule |${extra}

## Run

\`\`\`sh
pip install -r requirements.txt
python train.py ${data}                            # CPU or one GPU
torchrun --nproc_per_node=8 train.py ${data}       # 8 processes on one machine (NCCL on GPUs, gloo on CPU)
torchrun --nnodes=2 --nproc_per_node=8 --rdzv_backend=c10d --rdzv_endpoint=HOST:29500 train.py ${data}
\`\`\`

With torch 1.13 on Python 3.11 (Debian 12's python3-torch), torchrun cannot parse its own default for
\`--redirects\`; add \`--redirects 1 --tee 1\` after \`torchrun\`. Newer torch needs nothing.

\`--data\` holds the playground's \`${config.dataset}-images.u8\`/\`-labels.u8\` (the app's \`public/data\`) or
torchvision's dataset files (\`--download\` fetches them; nothing is downloaded otherwise); \`--image-folder DIR\` takes
an ImageFolder tree (one folder per class), read from disk a batch at a time, so it may be bigger than memory. \`--batch\` is the
global batch, split across processes; the learning rate scales with it linearly (Goyal et al. 2017).
\`--steps\`, \`--checkpoint FILE --resume\`, \`--threads\` and \`--out\` are the other flags (\`python train.py -h\`).

SLURM (one task per GPU, 2 nodes of 8):

\`\`\`sh
#!/bin/bash
#SBATCH --nodes=2 --ntasks-per-node=1 --gpus-per-node=8 --cpus-per-task=32
head=$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n1)
srun torchrun --nnodes=2 --nproc_per_node=8 --rdzv_backend=c10d --rdzv_endpoint=$head:29500 train.py ${data}
\`\`\`

## Distributed, the way the papers need

The global batch is split across ranks, and whatever looks at the batch as a whole sees all of it: BatchNorm
normalises over the global batch (SyncBatchNorm on GPUs), SimCLR's and MoCo's negatives and keys, Barlow
Twins' and VICReg's statistics, SwAV's Sinkhorn and DINO's centre are computed on embeddings gathered from every
rank. Random
draws (batch order, augmentations) come from generators every rank seeds alike, and each rank applies its
rows; so N processes compute what one process computes on the same global batch, up to float rounding.
Target networks' EMA updates run on identical weights on every rank.

## What comes back

\`train.py\` writes \`run.json\` (\`--out\`): the playground's run format (\`history\`: the loss of every step and
the collapse metrics every \`metricsEvery\` steps; \`final\`: linear probe and kNN accuracy, same protocol as
the app), plus \`ranOn\` (host, device, GPUs, world size). Import it in the playground's comparison view.

## Same numbers as the browser

\`--init-from weights.json\` loads the browser run's initial weights and \`--first-views views.json\` its first
augmented batch; the step-1 loss then equals the browser's to 1e-4 (the playground's test suite checks this).
`;
}
