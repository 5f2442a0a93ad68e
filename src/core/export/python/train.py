"""Train one SSL Playground experiment with PyTorch, on one process or many (DistributedDataParallel).

    python train.py --data DIR                          # CPU or one GPU
    torchrun --nproc_per_node=N train.py --data DIR     # N processes: NCCL on GPUs, gloo on CPU

The experiment is config.json (exported from the playground; its `source` is the link it came from).
--batch is the *global* batch, split across ranks; changing it scales the learning rate linearly
(Goyal et al. 2017), as the playground's lr is stated for its own batch. Writes the playground's run JSON
(--out), which the app imports and overlays on its own runs.
"""
import argparse
import json
import os
import platform
import socket
import time

import torch
from torch.nn.parallel import DistributedDataParallel

import distributed
import evaluate
from data import BatchSampler, load, make_splits, mix_seed
from methods import Method
from model import ConvEncoder, ema_update, load_encoder, read_tensors
from optim import make_optimizer, scheduled_lr

COLLAPSE_SAMPLE = 256  # fixed probe-test images the collapse metrics are read on, as the app


def parse_args():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--config', default=os.path.join(here, 'config.json'))
    ap.add_argument('--data', default='data', help='folder with the dataset (playground .u8 files or torchvision layout)')
    ap.add_argument('--image-folder', help='an ImageFolder tree (one sub-folder per class) instead of --data')
    ap.add_argument('--size', type=int, help='side in pixels ImageFolder images are resized to (own images: the size chosen at import)')
    ap.add_argument('--download', action='store_true', help='let torchvision download the dataset into --data')
    ap.add_argument('--steps', type=int, help='override the config\'s steps')
    ap.add_argument('--batch', type=int, help='override the global batch (the learning rate scales with it)')
    ap.add_argument('--out', default='run.json', help='the run JSON the playground imports')
    ap.add_argument('--checkpoint', help='file to save training state to (and resume from with --resume)')
    ap.add_argument('--checkpoint-every', type=int, default=100)
    ap.add_argument('--resume', action='store_true')
    ap.add_argument('--stop-after', type=int, help='stop after this step, checkpointed, as a preempted job would (then --resume)')
    ap.add_argument('--init-from', help='the browser\'s initial weights (weights.json beside weights.bin)')
    ap.add_argument('--first-views', help='augmented views for step 1 (views.json + views.bin), for step-1 parity')
    ap.add_argument('--no-eval', action='store_true', help='skip probes and collapse metrics (losses only; the app imports the run as one without evaluation: "no probe")')
    ap.add_argument('--threads', type=int, help='CPU threads per process')
    return ap.parse_args()


def main():
    args = parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    rank, world, device = distributed.init()
    with open(args.config) as f:
        exported = json.load(f)
    config = dict(exported['config'])
    if args.steps:
        config['steps'] = args.steps
    if args.batch and args.batch != config['batch']:
        config['lr'] = config['lr'] * args.batch / config['batch']
        config['batch'] = args.batch
    batch, steps, seed = config['batch'], config['steps'], config['seed']
    if batch % world:
        raise SystemExit(f'the global batch {batch} does not split over {world} processes')
    local = batch // world
    rows = slice(rank * local, (rank + 1) * local)

    images, labels, classes = load(config['dataset'], args.data, args.image_folder, args.download, (args.size, args.size) if args.size else None)
    unlabelled, probe_train, probe_test = make_splits(images.shape[0], config['n'], config['probeTrain'], config['probeTest'], seed)
    sampler = BatchSampler(unlabelled, seed)
    as_float = lambda idx: images[idx].float().div(255).to(device)  # noqa: E731

    # Same initial weights on every rank (DDP also broadcasts rank 0's).
    torch.manual_seed(mix_seed(seed, 11))
    # The ViT methods (MAE) build their own encoder from their knobs; the others the ConvNet.
    if hasattr(Method, 'make_encoder'):
        encoder = Method.make_encoder(tuple(images.shape[1:]), config)
    else:
        encoder = ConvEncoder(images.shape[1], config['width'], config['depth'], config['batchNorm'])
    method = Method(encoder, config['params'], config)
    # Methods that need the training images themselves (inpainting's mean-pixel fill, DeepCluster's clustering).
    if hasattr(method, 'see_data'):
        method.see_data(images, unlabelled)
    if args.init_from:
        load_browser_weights(method, read_tensors(args.init_from))
    method = distributed.convert_batch_norms(method, device).to(device)
    # Every weight gets a gradient at every step (SwAV's frozen prototypes a zero one), so DDP's buckets are
    # the same on every rank and no find_unused_parameters graph walk is needed.
    model = DistributedDataParallel(method) if world > 1 else method
    trainable = [p for p in method.parameters() if p.requires_grad]
    # beta2 came after the first exports (src/core/config/addedKnobs.ts): absent means 0.999, as before it.
    optimizer = make_optimizer(config['optimizer'], trainable, config['lr'], config['weightDecay'], config.get('beta2', 0.999))

    history, start, elapsed, baseline = [], 1, 0.0, {}
    if args.resume and args.checkpoint and os.path.exists(args.checkpoint):
        state = torch.load(args.checkpoint, map_location=device)
        method.load_state_dict(state['model'])
        optimizer.load_state_dict(state['optimizer'])
        sampler.load_state_dict(state['sampler'])
        if hasattr(method, 'load_extra_state'):
            method.load_extra_state(state.get('method', {}))
        history, start, elapsed, baseline = state['history'], state['step'] + 1, state['elapsed'], state['baseline']
    first_views = read_views(args.first_views, rows, device) if args.first_views and start == 1 else None

    train_split = (as_float(probe_train), labels[probe_train].to(device))
    test_split = (as_float(probe_test), labels[probe_test].to(device))
    fixed = test_split[0][:COLLAPSE_SAMPLE]
    evaluate_now = not args.no_eval and rank == 0
    if start == 1:
        baseline = evaluate.probe(method.encoder, train_split, test_split, classes) if evaluate_now else {}

    pending = []
    t0 = time.perf_counter()
    for step in range(start, steps + 1):
        set_lr(optimizer, learning_rate(method, config, step))
        indices = sampler.next(batch)
        # The method's work before the update (DeepCluster: re-cluster on schedule, then this batch's pseudo-labels).
        if hasattr(method, 'before_step'):
            method.before_step(step, indices[rows])
        x = as_float(indices[rows])
        gen = torch.Generator().manual_seed(mix_seed(seed, 0x57E9, step))
        views = first_views if step == 1 and first_views is not None else method.make_views(x, gen, batch, rows)
        loss = model(views, step, steps)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        for p in method.frozen_parameters(step) if hasattr(method, 'frozen_parameters') else []:
            p.grad = None
        optimizer.step()
        pairs = method.target_pairs() if hasattr(method, 'target_pairs') else []
        if pairs:
            ema_update(pairs, method.momentum(step, steps))
        if hasattr(method, 'after_step'):
            method.after_step(step)
        pending.append((step, loss.detach()))
        stopping = args.stop_after is not None and step >= args.stop_after and step < steps
        checkpointing = bool(args.checkpoint) and (step % args.checkpoint_every == 0 or step == steps or stopping)
        # Losses stay on the device and are read back every metricsEvery steps (and at checkpoints), in one transfer.
        if step % config['metricsEvery'] == 0 or step == steps or checkpointing:
            values = torch.stack([v for _, v in pending]).tolist()
            rows_out = [{'step': s, 'loss': v} for (s, _), v in zip(pending, values)]
            if evaluate_now and (step % config['metricsEvery'] == 0 or step == steps):
                rows_out[-1].update(collapse(method, fixed))
                if config['probeEvery'] and step % config['probeEvery'] == 0 and step != steps:
                    rows_out[-1].update(evaluate.probe(method.encoder, train_split, test_split, classes))
            history += rows_out
            pending = []
        if checkpointing and rank == 0:
            save_checkpoint(args.checkpoint, method, optimizer, sampler, history, baseline, step, elapsed + time.perf_counter() - t0)
        if stopping:
            print(json.dumps({'stopped_after': step, 'checkpoint': args.checkpoint}), flush=True)
            if world > 1:
                distributed.shutdown()
            return
    seconds = elapsed + time.perf_counter() - t0
    if rank == 0:
        write_run(args.out, config, exported, method, history, seconds, steps - start + 1, world, device, train_split, test_split, fixed, classes, baseline, evaluate_now)
    if world > 1:
        distributed.shutdown()


def learning_rate(method, config, step):
    """The global warm-up and schedule when either is set; otherwise the method's own paper schedule, else lr."""
    if config['warmup'] == 0 and config['schedule'] == 'constant' and hasattr(method, 'learning_rate'):
        return method.learning_rate(step, config['steps'], config['lr'])
    return scheduled_lr(step, config['steps'], config['lr'], config['warmup'], config['schedule'])


def set_lr(optimizer, lr):
    for group in optimizer.param_groups:
        group['lr'] = lr


def embed_fixed(method, fixed):
    """The embedding of the fixed images in evaluation mode (the encoder's BatchNorm on running statistics)."""
    was = method.training
    method.eval()
    with torch.no_grad():
        z = method.embed(fixed)
    method.train(was)
    return z


def collapse(method, fixed):
    return evaluate.collapse_metrics(embed_fixed(method, fixed))


def load_browser_weights(method, tensors):
    used = (method.load_encoder(tensors) if hasattr(method, 'load_encoder') else load_encoder(method.encoder, tensors)) | method.load_heads(tensors)
    unused = sorted(set(tensors) - used)
    if unused:
        raise SystemExit(f'--init-from: weights this model has no place for: {", ".join(unused)}')


def read_views(path, rows, device):
    tensors = read_tensors(path)
    views = [tensors[f'view{i}'] for i in range(len(tensors))]
    # Images come NHWC (the browser's layout), MSN's focal crops B x V x H x W x C; other views (jigsaw's
    # labels and corners, patch indices) as they are.
    channels_first = {4: (0, 3, 1, 2), 5: (0, 1, 4, 2, 3)}
    return [(v.permute(*channels_first[v.dim()]) if v.dim() in channels_first else v)[rows].contiguous().to(device) for v in views]


def save_checkpoint(path, method, optimizer, sampler, history, baseline, step, elapsed):
    """Everything a resumed run needs to continue as if never stopped: weights and buffers (targets, queues,
    BatchNorm statistics), optimiser state, the batch order's position, history so far, and what a method keeps
    outside its modules (inpainting's discriminator and its optimiser)."""
    state = {'model': method.state_dict(), 'optimizer': optimizer.state_dict(), 'history': history, 'baseline': baseline, 'step': step, 'elapsed': elapsed,
             'sampler': sampler.state_dict(), 'method': method.extra_state() if hasattr(method, 'extra_state') else {}}
    torch.save(state, path + '.tmp')
    os.replace(path + '.tmp', path)


def write_run(path, config, exported, method, history, seconds, steps_run, world, device, train_split, test_split, fixed, classes, baseline, evaluated):
    final = {'loss': history[-1]['loss'], 'embeddingDim': embed_fixed(method, fixed[:2]).shape[1]}
    if evaluated:
        final.update(evaluate.probe(method.encoder, train_split, test_split, classes))
        final.update(collapse(method, fixed))
        final['baselineProbeAccuracy'] = baseline.get('probeAccuracy', 0.0)
        final['baselineKnnAccuracy'] = baseline.get('knnAccuracy', 0.0)
        history[-1].update({k: v for k, v in final.items() if k in ('probeAccuracy', 'knnAccuracy', 'l2NormalizedStd', 'rankMe')})
    gpus = torch.cuda.device_count() if device.type == 'cuda' else 0
    where = {'framework': f'pytorch {torch.__version__}', 'host': socket.gethostname(), 'device': gpu_name(device) if gpus else platform.processor() or 'cpu',
             'gpus': gpus, 'worldSize': world}
    run = {
        'config': config,
        # Where it ran, in words: the playground labels imported runs with it (src/core/export/ranOn.ts).
        'backend': f'PyTorch {torch.__version__} on {where["host"]}: {world} process{"es" if world > 1 else ""}, '
                   + (f'{gpus}\u00d7 {where["device"]}' if gpus else 'CPU'),
        'wallSeconds': seconds,
        'outcome': 'completed',
        'hostReads': len(history),
        'stepsPerSecond': steps_run / seconds if seconds > 0 else 0,
        'history': history,
        'final': final,
        'source': exported.get('source', ''),
        'ranOn': where,
    }
    with open(path, 'w') as f:
        json.dump(run, f)
    print(json.dumps({'out': path, 'steps_per_s': run['stepsPerSecond'], 'loss': final['loss'], **where}), flush=True)


def gpu_name(device):
    return torch.cuda.get_device_name(device)


if __name__ == '__main__':
    main()
