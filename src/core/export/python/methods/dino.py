"""DINO (Caron et al. 2021): self-distillation with no labels. A student (encoder + head to K outputs) matches,
over multi-crop, the output distribution of a teacher that is an EMA of the student and sees only the two global
crops. Centring the teacher's logits (a running mean is subtracted) pushes towards uniform, sharpening them (a low
teacher temperature, warmed up linearly) towards one-hot; together they keep it from collapsing (sec. 3.1).

Under DDP: the loss is taken over student and teacher outputs gathered from every rank; the teacher's EMA runs
on identical weights on every rank; the centre is updated from the mean of the *gathered* teacher logits (the
authors' all_reduce in update_center), so every rank applies the same update and the centres stay identical.
"""
import math

import torch
import torch.nn as nn

from augment import multi_crop
from distributed import gather, gather_no_grad
from losses import dino_loss, l2_normalize
from model import Mlp, cosine_momentum, load_mlp, make_target

GLOBAL_CROPS = 2


def dino_head_blocks(d, hidden, bottleneck, batch_norm):
    """The authors' DINOHead MLP: hidden, hidden, bottleneck (BatchNorm after the hidden layers with
    use_bn_in_head); ReLU where they use GELU, as the browser's block tables."""
    return [(d, hidden, batch_norm, True), (hidden, hidden, batch_norm, True), (hidden, bottleneck, False, False)]


class DinoHead(nn.Module):
    """The MLP, its l2-normalised bottleneck, then a weight-normalised last layer with its norm fixed at 1
    (norm_last_layer): each logit is a cosine, in [-1, 1]; only the temperatures set the sharpness."""

    def __init__(self, d, hidden, bottleneck, out_dim, batch_norm):
        super().__init__()
        self.mlp = Mlp(dino_head_blocks(d, hidden, bottleneck, batch_norm))
        bound = 1 / math.sqrt(bottleneck)
        # Rows are the K output directions, normalised in the forward pass.
        self.v = nn.Parameter(torch.empty(out_dim, bottleneck).uniform_(-bound, bound))

    def forward(self, x):
        return l2_normalize(self.mlp(x)) @ l2_normalize(self.v).t()


def teacher_temp_at(step, start, end, warmup):
    """Linear from `start` at step 1 to `end` at step `warmup`, then `end` (the authors' np.linspace)."""
    if warmup <= 0 or step >= warmup:
        return end
    return start + (end - start) * (max(step, 1) - 1) / max(1, warmup - 1)


class Method(nn.Module):
    def __init__(self, encoder, knobs, config):
        super().__init__()
        self.encoder, self.knobs, self.aug = encoder, knobs, config['aug']
        self.head = DinoHead(encoder.out_dim, knobs['projHidden'], knobs['bottleneckDim'], knobs['outDim'], knobs['headBatchNorm'])
        # The teacher starts at the student's weights (sec. 3.1).
        self.teacher_encoder = make_target(encoder)
        self.teacher_head = make_target(self.head)
        self.register_buffer('center', torch.zeros(1, knobs['outDim']))
        self.pending = None

    def heads(self):
        return {'student': self.head}

    def load_heads(self, tensors):
        used = load_mlp(self.head.mlp, tensors, 'student.mlp')
        with torch.no_grad():
            self.head.v.copy_(tensors['student.last/v'])
        self.teacher_encoder.load_state_dict(self.encoder.state_dict())
        self.teacher_head.load_state_dict(self.head.state_dict())
        return used | {'student.last/v'}

    def target_pairs(self):
        return [(self.encoder, self.teacher_encoder), (self.head, self.teacher_head)]

    def momentum(self, step, total):
        # tau rises from teacherMomentum to 1 along a cosine (sec. 3.1, as BYOL's schedule).
        return cosine_momentum(self.knobs['teacherMomentum'], step, total)

    def make_views(self, images, gen, n_global, rows):
        k = self.knobs
        lo, hi = sorted((k['smallScaleMin'], k['smallScaleMax']))
        return multi_crop(images, self.aug, gen, n_global, rows, GLOBAL_CROPS, (k['globalScaleMin'], 1.0), k['smallCrops'], k['smallSize'], (lo, hi))

    def embed(self, x):
        return self.head(self.encoder(x))

    def forward(self, views, step, total):
        k = self.knobs
        crops = len(views)
        glob = torch.cat(views[:GLOBAL_CROPS], 0)
        # One encoder pass per resolution; the head (and its BatchNorm) runs per resolution too, as the browser.
        parts = [self.embed(glob)]
        if crops > GLOBAL_CROPS:
            parts.append(self.embed(torch.cat(views[GLOBAL_CROPS:], 0)))
        student = [gather(s) for s in torch.chunk(torch.cat(parts, 0), crops, 0)]
        # The teacher sees only the global crops (sec. 3.1, "local-to-global" correspondences).
        with torch.no_grad():
            teacher = [gather_no_grad(t) for t in torch.chunk(self.teacher_head(self.teacher_encoder(glob)), GLOBAL_CROPS, 0)]
        self.pending = torch.cat(teacher, 0)
        temp = teacher_temp_at(step, k['teacherTempStart'], k['teacherTemp'], k['teacherTempWarmup'])
        return dino_loss(student, teacher, self.center, k['studentTemp'], temp)

    @torch.no_grad()
    def after_step(self, step):
        if self.pending is None:
            return
        # c <- m c + (1 - m) mean of the global batch's teacher logits over both global crops (eq. 4).
        m = self.knobs['centerMomentum']
        self.center.mul_(m).add_(self.pending.mean(0, keepdim=True), alpha=1 - m)
        self.pending = None
