"""The playground's encoder and heads in PyTorch.

ConvEncoder: 3x3 convolutions of width, 2*width and 4*width channels (the second and third with stride 2),
then depth-3 more stride-1 layers of 4*width, each conv -> BatchNorm -> ReLU (conv -> ReLU with a bias when
BatchNorm is off), global average pooling. Padding is TensorFlow's "same" (for stride 2 on an even side the
extra row and column go after the image), so a 28x28 input gives 28 -> 14 -> 7 exactly as the browser does.

Heads are block tables (lightly's habit): each row is (in, out, BatchNorm, ReLU), optionally followed by
(GroupNorm groups, weight standardisation) for BYOL's gn-ws heads; a Linear that is followed by a norm has no
bias, as the norm's beta plays its part.
"""
import copy
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def same_padding(size, stride, kernel=3):
    """TensorFlow's 'same' padding of one side: (before, after); the odd pixel goes after."""
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


class SameConv2d(nn.Conv2d):
    """A convolution with TensorFlow's 'same' padding (PyTorch's padding=1 centres stride-2 windows differently)."""

    def forward(self, x):
        top, bottom = same_padding(x.shape[2], self.stride[0], self.kernel_size[0])
        left, right = same_padding(x.shape[3], self.stride[1], self.kernel_size[1])
        return super().forward(F.pad(x, (left, right, top, bottom)))


class BatchNorm2d(nn.BatchNorm2d):
    """PyTorch's BatchNorm2d, with the batch variance taken in two passes (mean first, then the mean squared
    deviation) on the CPU: PyTorch 1.13's CPU kernel loses about 3e-5 of relative precision in float32 here,
    enough to move a Barlow Twins loss of 234 by 4e-3. CUDA's kernel is kept as it is."""

    def forward(self, x):
        if not self.training or x.device.type != 'cpu':
            return super().forward(x)
        mean = x.mean((0, 2, 3))
        var = (x - mean.reshape(1, -1, 1, 1)).pow(2).mean((0, 2, 3))
        with torch.no_grad():
            n = x.numel() // x.shape[1]
            self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)
            self.running_var.mul_(1 - self.momentum).add_(self.momentum * var * n / max(n - 1, 1))
            self.num_batches_tracked.add_(1)
        scale = self.weight * torch.rsqrt(var + self.eps)
        return x * scale.reshape(1, -1, 1, 1) + (self.bias - mean * scale).reshape(1, -1, 1, 1)


class ConvEncoder(nn.Module):
    def __init__(self, channels, width, depth=3, batch_norm=True):
        super().__init__()
        if depth < 3:
            raise ValueError(f'ConvNet depth must be at least 3, got {depth}')
        shapes = [(channels, width, 1), (width, 2 * width, 2), (2 * width, 4 * width, 2)]
        shapes += [(4 * width, 4 * width, 1)] * (depth - 3)
        self.convs = nn.ModuleList([SameConv2d(cin, cout, 3, stride, bias=not batch_norm) for cin, cout, stride in shapes])
        self.norms = nn.ModuleList([BatchNorm2d(cout) for _, cout, _ in shapes]) if batch_norm else None
        self.out_dim = 4 * width
        # He-normal weights (He et al. 2015), as the browser initialises them; --init-from overwrites them.
        for conv in self.convs:
            nn.init.kaiming_normal_(conv.weight, nonlinearity='relu')
            if conv.bias is not None:
                nn.init.zeros_(conv.bias)

    def feature_map(self, x):
        """The last layer's B x 4*width x h x w map, before pooling (the context encoder decodes from it)."""
        for i, conv in enumerate(self.convs):
            x = conv(x)
            if self.norms is not None:
                x = self.norms[i](x)
            x = F.relu(x)
        return x

    def forward(self, x):
        return self.feature_map(x).mean(dim=(2, 3))


NORM_EPS = 1e-5  # PyTorch's BatchNorm1d and GroupNorm; also weight standardisation's, as the browser


def standardize_weights(w):
    """Weight standardisation (Qiao et al. 2019, eq. 5) of an out x in Linear weight: each output unit's weights
    shifted to mean 0 and scaled to std 1 (biased, eps 1e-5) over its inputs; gradients flow through it."""
    mean = w.mean(1, keepdim=True)
    var = (w - mean).pow(2).mean(1, keepdim=True)
    return (w - mean) / (var + NORM_EPS).sqrt()


class Mlp(nn.Module):
    """A head from its block table: rows of (in, out, batch_norm, relu[, group_norm_groups, weight_standardization])."""

    def __init__(self, blocks):
        super().__init__()
        blocks = [tuple(b) + (0, False)[len(b) - 4:] for b in blocks]
        for i in range(1, len(blocks)):
            if blocks[i][0] != blocks[i - 1][1]:
                raise ValueError(f'block {i} takes {blocks[i][0]} but block {i - 1} gives {blocks[i - 1][1]}')
        for i, (_, o, bn, _, groups, _) in enumerate(blocks):
            if groups and (bn or o % groups):
                raise ValueError(f'block {i} has GroupNorm with {groups} groups for {o} features{" and BatchNorm" if bn else ""}')
        self.blocks = blocks
        self.fcs = nn.ModuleList([nn.Linear(i, o, bias=not (bn or groups)) for i, o, bn, _, groups, _ in blocks])
        # GroupNorm (Wu & He 2018): statistics per sample over groups of features, none from the rest of the batch.
        self.norms = nn.ModuleDict({str(k): nn.BatchNorm1d(b[1], track_running_stats=False) if b[2] else nn.GroupNorm(b[4], b[1], eps=NORM_EPS)
                                    for k, b in enumerate(blocks) if b[2] or b[4]})
        self.out_dim = blocks[-1][1]
        for fc, b in zip(self.fcs, blocks):
            if b[3]:
                nn.init.kaiming_normal_(fc.weight, nonlinearity='relu')

    def forward(self, x):
        for k, (fc, (_, _, _, relu, _, ws)) in enumerate(zip(self.fcs, self.blocks)):
            x = F.linear(x, standardize_weights(fc.weight), fc.bias) if ws else fc(x)
            if str(k) in self.norms:
                x = self.norms[str(k)](x)
            if relu:
                x = F.relu(x)
        return x


def projector_blocks(d, hidden, out):
    """Linear-BN-ReLU-Linear (SimCLR, Chen et al. 2020, sec. 2.1; BYOL's projector and predictor, SwAV's)."""
    return [(d, hidden, True, True), (hidden, out, False, False)]


def byol_head_blocks(part, head_norm, d, hidden, out):
    """BYOL's projector or predictor (part), Linear-norm-ReLU-Linear with the hidden layer's norm chosen by the
    knob headNorm: 'bn' in both (the paper), '<part>-bn' in that one only, 'none', or 'gn-ws': GroupNorm with
    gcd(hidden, 16) groups and weight standardisation in both (Richemond et al. 2020, "BYOL works even without
    batch statistics": 16 groups; the gcd lets any width work)."""
    if head_norm == 'gn-ws':
        return [(d, hidden, False, True, math.gcd(hidden, 16), True), (hidden, out, False, False)]
    bn = head_norm in ('bn', f'{part}-bn')
    return [(d, hidden, bn, True), (hidden, out, False, False)]


def expander_blocks(d, hidden, out):
    """Barlow Twins' expander (Zbontar et al. 2021, sec. 2) and VICReg's (Bardes et al. 2022, sec. 4.1)."""
    return [(d, hidden, True, True), (hidden, hidden, True, True), (hidden, out, False, False)]


def simsiam_projector_blocks(d, hidden, out):
    """SimSiam's projector (Chen & He 2021, sec. 3): BN on every layer, the output one included."""
    return [(d, hidden, True, True), (hidden, hidden, True, True), (hidden, out, True, False)]


def simsiam_predictor_blocks(dim, hidden):
    """SimSiam's bottleneck predictor (sec. 3)."""
    return [(dim, hidden, True, True), (hidden, dim, False, False)]


def moco_head_blocks(head, d, hidden, out):
    """MoCo v1's linear head: one layer (He et al. 2020); v2's mlp: a 2-layer MLP (Chen et al. 2020). Both with BN, as MoCo v3."""
    return [(d, out, True, False)] if head == 'linear' else projector_blocks(d, hidden, out)


# --- The browser's weights (--init-from) -------------------------------------------------------------------
# A weights file pair: <name>.json lists tensors {name, shape, offset} (offset in float32 elements) and
# <name>.bin holds them as little-endian float32, in the browser's layouts: conv kernels H x W x in x out,
# linear weights in x out. Names are "<part>/<weight>", e.g. "encoder/conv0.w", "projector/bn0.gamma".


def read_tensors(path_json):
    import json

    with open(path_json) as f:
        manifest = json.load(f)
    with open(path_json[: -len('.json')] + '.bin', 'rb') as f:
        raw = f.read()
    flat = torch.frombuffer(bytearray(raw), dtype=torch.float32)
    out = {}
    for t in manifest['tensors']:
        size = math.prod(t['shape'])
        out[t['name']] = flat[t['offset']: t['offset'] + size].clone().reshape(t['shape'])
    return out


def copy_into(dst, src, name):
    if tuple(dst.shape) != tuple(src.shape):
        raise ValueError(f'{name}: the file has shape {tuple(src.shape)}, the model {tuple(dst.shape)}')
    with torch.no_grad():
        dst.copy_(src)


def _load_norm(norm, tensors, key, used):
    for ours, theirs in (('weight', 'gamma'), ('bias', 'beta'), ('running_mean', 'runningMean'), ('running_var', 'runningVar')):
        name = f'{key}.{theirs}'
        if name in tensors:
            copy_into(getattr(norm, ours), tensors[name], name)
            used.add(name)


def load_encoder(encoder, tensors, part='encoder'):
    """Copies the browser's ConvEncoder weights (conv kernels HWIO -> OIHW) into `encoder`; returns the names used."""
    used = set()
    for i, conv in enumerate(encoder.convs):
        name = f'{part}/conv{i}.w'
        copy_into(conv.weight, tensors[name].permute(3, 2, 0, 1), name)
        used.add(name)
        if conv.bias is not None:
            copy_into(conv.bias, tensors[f'{part}/conv{i}.b'], f'{part}/conv{i}.b')
            used.add(f'{part}/conv{i}.b')
        if encoder.norms is not None:
            _load_norm(encoder.norms[i], tensors, f'{part}/bn{i}', used)
    return used


def load_mlp(mlp, tensors, part):
    """Copies a browser head (linear weights in x out -> out x in) into `mlp`; returns the names used."""
    used = set()
    for k, fc in enumerate(mlp.fcs):
        name = f'{part}/fc{k}.w'
        copy_into(fc.weight, tensors[name].t(), name)
        used.add(name)
        if fc.bias is not None:
            copy_into(fc.bias, tensors[f'{part}/fc{k}.b'], f'{part}/fc{k}.b')
            used.add(f'{part}/fc{k}.b')
        if str(k) in mlp.norms:
            _load_norm(mlp.norms[str(k)], tensors, f'{part}/{"gn" if mlp.blocks[k][4] else "bn"}{k}', used)
    return used


def make_target(module):
    """A target (momentum) network: a copy that only the EMA changes (BYOL, Grill et al. 2020, sec. 3.1;
    MoCo's key encoder, He et al. 2020, sec. 3.2). It runs in train mode, BatchNorm on batch statistics, as
    in the authors' code; the EMA moves weights, not BatchNorm's running averages."""
    target = copy.deepcopy(module)
    for p in target.parameters():
        p.requires_grad_(False)
    return target


@torch.no_grad()
def ema_update(pairs, tau):
    """target <- tau * target + (1 - tau) * online, for every (online, target) module pair."""
    for online, target in pairs:
        for o, t in zip(online.parameters(), target.parameters()):
            t.mul_(tau).add_(o.detach(), alpha=1 - tau)


def cosine_momentum(base, step, total):
    """BYOL's schedule (sec. 3.2): tau rises from base to 1 along a cosine."""
    progress = min(1.0, max(0.0, step / max(1, total)))
    return 1 - (1 - base) * (math.cos(math.pi * progress) + 1) / 2
