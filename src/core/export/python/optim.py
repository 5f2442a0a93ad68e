"""The playground's optimisers with PyTorch's update rules (src/core/train/optimizers.ts mirrors these):
adam (L2 added to the gradient), adamw (decoupled decay, Loshchilov & Hutter 2019, on weight matrices only:
biases and norm layers' gamma, beta are not decayed, as the param groups of MAE's, DINO's and MSN's code), sgd (momentum 0.9, as MoCo)
and lars (You et al. 2017, as SimCLR's and BYOL's code: trust ratio 0.001 on weights with more than one axis;
biases and BatchNorm's gamma, beta neither decayed nor adapted, SimCLR appendix B.1). Warm-up is linear
(Goyal et al. 2017), the schedule constant or cosine (Loshchilov & Hutter 2017)."""
import math

import torch


class Lars(torch.optim.Optimizer):
    def __init__(self, params, lr, weight_decay=0.0, momentum=0.9, trust=0.001):
        super().__init__(params, dict(lr=lr, weight_decay=weight_decay, momentum=momentum, trust=trust))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group['params']:
                if p.grad is None:
                    continue
                g = p.grad
                if p.ndim > 1:
                    if group['weight_decay'] > 0:
                        g = g + group['weight_decay'] * p
                    wn, gn = p.norm(), g.norm()
                    ratio = torch.where((wn > 0) & (gn > 0), group['trust'] * wn / gn.clamp_min(1e-30), torch.ones_like(wn))
                    g = g * ratio
                buf = self.state[p].setdefault('momentum_buffer', torch.zeros_like(p))
                buf.mul_(group['momentum']).add_(g)
                p.sub_(group['lr'] * buf)


def make_optimizer(kind, params, lr, weight_decay, beta2=0.999):
    """beta2: Adam's second-moment decay (the config's `beta2`; MAE uses 0.95)."""
    if kind == 'adam':
        return torch.optim.Adam(params, lr=lr, weight_decay=weight_decay, betas=(0.9, beta2), eps=1e-8)
    if kind == 'adamw':
        params = list(params)
        groups = [{'params': [p for p in params if p.ndim > 1], 'weight_decay': weight_decay},
                  {'params': [p for p in params if p.ndim <= 1], 'weight_decay': 0.0}]
        return torch.optim.AdamW(groups, lr=lr, betas=(0.9, beta2), eps=1e-8)
    if kind == 'sgd':
        return torch.optim.SGD(params, lr=lr, momentum=0.9, weight_decay=weight_decay)
    if kind == 'lars':
        return Lars(params, lr=lr, weight_decay=weight_decay)
    raise ValueError(f'unknown optimizer {kind}')


def scheduled_lr(step, total, base, warmup, schedule):
    """Linear warm-up from base/warmup to base, then constant or half a cosine towards 0 at the last step."""
    if warmup > 0 and step <= warmup:
        return base * step / warmup
    if schedule == 'constant':
        return base
    progress = min(1.0, max(0.0, (step - warmup) / max(1, total - warmup)))
    return base * 0.5 * (1 + math.cos(math.pi * progress))
