"""SwAV (Caron et al. 2020): every crop's l2-normalised embedding is scored against K unit prototypes; the two
global crops get balanced soft codes from Sinkhorn-Knopp over the global batch (their distributed_sinkhorn),
and each code must be predicted from every other crop (swapped prediction, sec. 3.1) over multi-crop (sec. 3.2).
"""
import torch
import torch.nn as nn

from augment import multi_crop
from distributed import gather
from losses import l2_normalize, sinkhorn, swapped_prediction, swav_loss
from model import Mlp, load_mlp, projector_blocks

GLOBAL_CROPS = 2
SINKHORN_ITERATIONS = 3  # sec. 3.1: "only 3 iterations is fast and sufficient"


class Method(nn.Module):
    def __init__(self, encoder, knobs, config):
        super().__init__()
        self.encoder, self.knobs, self.aug = encoder, knobs, config['aug']
        self.projector = Mlp(projector_blocks(encoder.out_dim, knobs['projHidden'], knobs['projDim']))
        bound = knobs['projDim'] ** -0.5
        # nn.Linear(D, K, bias=False) in the paper, kept at unit rows.
        self.prototypes = nn.Parameter(torch.empty(knobs['prototypes'], knobs['projDim']).uniform_(-bound, bound))
        self.normalise_prototypes()
        # The authors' code trims the queue to a multiple of the (global) batch.
        length = knobs['queueLength'] // config['batch'] * config['batch']
        # No buffer when the queue is off: DDP cannot broadcast an empty one.
        self.register_buffer('queue', torch.zeros(GLOBAL_CROPS, length, knobs['projDim']) if length > 0 else None)
        self.register_buffer('queued', torch.zeros((), dtype=torch.long))
        self.pending = None

    def heads(self):
        return {'projector': self.projector}

    def load_heads(self, tensors):
        used = load_mlp(self.projector, tensors, 'projector')
        with torch.no_grad():
            self.prototypes.copy_(tensors['prototypes/weight'])
        return used | {'prototypes/weight'}

    def frozen_parameters(self, step):
        """Weights this step must leave alone (train.py drops their gradient before the update)."""
        return [self.prototypes] if step <= self.knobs['freezeSteps'] else []

    @torch.no_grad()
    def normalise_prototypes(self):
        self.prototypes.copy_(l2_normalize(self.prototypes))

    def make_views(self, images, gen, n_global, rows):
        k = self.knobs
        lo, hi = sorted((k['smallScaleMin'], k['smallScaleMax']))
        return multi_crop(images, self.aug, gen, n_global, rows, GLOBAL_CROPS, (k['globalScaleMin'], 1.0), k['smallCrops'], k['smallSize'], (lo, hi))

    def embed(self, x):
        return l2_normalize(self.projector(self.encoder(x)))

    def forward(self, views, step, total):
        k = self.knobs
        crops = len(views)
        # The encoder runs once per resolution, the projector once over all crops (as main_swav.py).
        features = [self.encoder(torch.cat(views[:GLOBAL_CROPS], 0))]
        if crops > GLOBAL_CROPS:
            features.append(self.encoder(torch.cat(views[GLOBAL_CROPS:], 0)))
        z = l2_normalize(self.projector(torch.cat(features, 0)))
        # The prototypes get no gradient for the first steps (the paper freezes them for the first epoch).
        # (0 * prototypes keeps them in the graph with a zero gradient, so DDP needs no find_unused_parameters;
        # train.py drops that gradient, as the browser's optimiser skips a weight that got none.)
        c = self.prototypes.detach() + 0 * self.prototypes if step <= k['freezeSteps'] else self.prototypes
        scores = [gather(s) for s in torch.chunk(z @ c.t(), crops, 0)]
        length = 0 if self.queue is None else self.queue.shape[1]
        if length > 0 and step > k['queueStart']:
            self.pending = [gather(s).detach() for s in torch.chunk(z, crops, 0)[:GLOBAL_CROPS]]
        if length > 0 and int(self.queued) >= length:
            codes = []
            for i in range(GLOBAL_CROPS):
                past = self.queue[i] @ self.prototypes.detach().t()
                codes.append(sinkhorn(torch.cat([past, scores[i].detach()], 0), k['sinkhornEpsilon'], SINKHORN_ITERATIONS)[length:])
            return swapped_prediction(codes, scores, k['temperature'])
        return swav_loss(scores[:GLOBAL_CROPS], scores[GLOBAL_CROPS:], k['temperature'], k['sinkhornEpsilon'], SINKHORN_ITERATIONS)

    @torch.no_grad()
    def after_step(self, step):
        self.normalise_prototypes()
        if self.pending is None:
            return
        b = self.pending[0].shape[0]
        for i, z in enumerate(self.pending):
            self.queue[i] = torch.cat([z, self.queue[i, : self.queue.shape[1] - b]], 0)
        self.queued.fill_(min(self.queue.shape[1], int(self.queued) + b))
        self.pending = None
