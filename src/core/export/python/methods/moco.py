"""MoCo (He et al. 2020) and MoCo v2 (Chen et al. 2020): a query must find its key (momentum encoder on another
view) among K queued keys of earlier batches, with InfoNCE (eq. 1). The key network is an EMA of the query
network (eq. 2). Keys of the whole global batch are gathered and enqueued on every rank alike."""
import math

import torch
import torch.nn as nn

from augment import two_views
from distributed import gather, gather_no_grad
from losses import info_nce, l2_normalize
from model import Mlp, load_mlp, make_target, moco_head_blocks

V1_MILESTONES = (0.6, 0.8)  # x0.1 at epochs 120 and 160 of 200 (He et al. 2020, sec. 4.1)


def recipe(knobs):
    """mocoVersion is a preset of head, augmentation and schedule; each knob may override its part, to replay
    Chen et al. 2020's Table 1 row by row ('version' follows mocoVersion)."""
    v2 = knobs['mocoVersion'] == 'v2'
    head, aug, schedule = knobs.get('mocoHead', 'version'), knobs.get('mocoAug', 'version'), knobs.get('mocoSchedule', 'version')
    return {
        'head': ('mlp' if v2 else 'linear') if head == 'version' else head,
        'blur': v2 if aug == 'version' else aug == 'augplus',
        'schedule': ('cosine' if v2 else 'steps') if schedule == 'version' else schedule,
    }


class Method(nn.Module):
    def __init__(self, encoder, knobs, config):
        super().__init__()
        self.encoder, self.knobs, self.recipe = encoder, knobs, recipe(knobs)
        # v2's "aug+" (Chen et al. 2020, Table 1) adds Gaussian blur to v1's augmentations.
        self.aug = dict(config['aug'], blur=True) if self.recipe['blur'] else config['aug']
        self.head = Mlp(moco_head_blocks(self.recipe['head'], encoder.out_dim, knobs['projHidden'], knobs['projDim']))
        self.key_encoder, self.key_head = make_target(encoder), make_target(self.head)
        # The queue starts full of random unit vectors, as the authors' code (torch.randn, normalised).
        self.register_buffer('queue', l2_normalize(torch.randn(knobs['queueSize'], knobs['projDim'])))
        self.pending = None

    def heads(self):
        return {'head': self.head}

    def load_heads(self, tensors):
        used = load_mlp(self.head, tensors, 'head')
        self.key_encoder.load_state_dict(self.encoder.state_dict())
        self.key_head.load_state_dict(self.head.state_dict())
        if 'queue/keys' in tensors:
            self.queue.copy_(tensors['queue/keys'])
            used.add('queue/keys')
        return used

    def target_pairs(self):
        return [(self.encoder, self.key_encoder), (self.head, self.key_head)]

    def momentum(self, step, total):
        return self.knobs['keyMomentum']

    def learning_rate(self, step, total, base):
        progress = min(1.0, max(0.0, (step - 1) / max(1, total)))
        if self.recipe['schedule'] == 'cosine':
            return base * 0.5 * (1 + math.cos(math.pi * progress))
        return base * 0.1 ** sum(progress >= m for m in V1_MILESTONES)

    def make_views(self, images, gen, n_global, rows):
        return two_views(images, self.aug, gen, n_global, rows)

    def embed(self, x):
        return self.head(self.encoder(x))

    def forward(self, views, step, total):
        query_view, key_view = views
        q = self.embed(query_view)
        with torch.no_grad():
            k = l2_normalize(self.key_head(self.key_encoder(key_view)))
        keys = gather_no_grad(k)
        self.pending = keys
        return info_nce(gather(q), keys, self.queue, self.knobs['temperature'])

    @torch.no_grad()
    def after_step(self, step):
        # Enqueue the global batch's keys at the front; the oldest fall off (sec. 3.2, Algorithm 1).
        b = min(self.pending.shape[0], self.queue.shape[0])
        self.queue.copy_(torch.cat([self.pending[:b], self.queue[: self.queue.shape[0] - b]], 0))
        self.pending = None

    def extra_metrics(self):
        return {}
