"""Context encoder (Pathak et al. 2016): hide a square of each image (filled with the mean pixel of the training
images, the paper's fill), encode the rest with the encoder's spatial map (before pooling), decode the whole image
and score the hidden region with L2 (eq. 1); optionally mix in an adversarial term from a small discriminator
(sec. 3.2, eq. 3: (1 - adv) * L_rec + adv * L_adv). The discriminator trains after each update with its own Adam
(beta1 = 0.5, as DCGAN, Radford et al. 2016, and the authors' code) on the real and the completed images the
loss saw.

Under DDP: the holes are drawn for the global batch from the playground's generator (the same corners on every
rank, bit for bit the browser's), each rank fills its own rows; the L2 term is the global batch's weighted sum
over its pixel count, the adversarial term the mean over the gathered logits, and every rank trains its copy of
the discriminator on the gathered global batch, so the copies stay identical without a DDP wrapper of their own.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from data import Mulberry32, mix_seed
from distributed import all_reduce_sum, gather, gather_no_grad, rank, world_size
from model import SameConv2d, copy_into

OVERLAP_WEIGHT = 10  # sec. 5.1: the overlapping ring around the hole weighs 10x in the loss
LEAK = 0.2  # DCGAN's leaky ReLU slope
DCGAN_BETA1 = 0.5  # DCGAN sec. 4: beta1 = 0.9 oscillated, 0.5 stabilised training


def hole_corners(batch, height, width, size, region, seed):
    """Top-left corner of each image's hole: centred, or uniform over every place it fits (the browser's draws)."""
    rng = Mulberry32(seed)
    out = []
    for _ in range(batch):
        top = (height - size) // 2 if region == 'center' else int(rng() * (height - size + 1))
        left = (width - size) // 2 if region == 'center' else int(rng() * (width - size + 1))
        out.append((top, left))
    return torch.tensor(out, dtype=torch.long).reshape(batch, 2)


def hole_masks(corners, height, width, size, overlap):
    """(hole, weight) B x 1 x H x W: 1 in the hole; weights 1 in the hole, OVERLAP_WEIGHT on the ring (clipped at
    the border), 0 elsewhere; and the pixel count the loss averages over (hole plus ring, every image)."""
    ys, xs = torch.arange(height)[None, :, None], torch.arange(width)[None, None, :]
    top, left = corners[:, 0, None, None], corners[:, 1, None, None]
    inside = (ys >= top) & (ys < top + size) & (xs >= left) & (xs < left + size)
    region = (ys >= top - overlap) & (ys < top + size + overlap) & (xs >= left - overlap) & (xs < left + size + overlap)
    hole = inside.float()[:, None]
    weight = torch.where(inside, 1.0, torch.where(region, float(OVERLAP_WEIGHT), 0.0))[:, None]
    return hole, weight, int(region.sum())


def decoder_blocks(in_channels, width, out_channels, ups):
    """(out, kernel, up, act): a 1x1 convolution mixing channels, `ups` 4x4 stride-2 up-convolutions halving the
    channels down to width (paper Fig. 2, DCGAN's), a 3x3 convolution to pixels in [0, 1] (sigmoid)."""
    return ([(in_channels, 1, False, 'relu')] + [(width * 2 ** (ups - 1 - i), 4, True, 'relu') for i in range(ups)]
            + [(out_channels, 3, False, 'sigmoid')])


class ContextDecoder(nn.Module):
    """The paper's decoder (sec. 3.1), scaled down: a channel-wise fully-connected layer (each channel's h*w map
    through its own dense layer, so every position sees the whole context at C*(hw)^2 weights), then the table's
    convolutions, cropped to the image size."""

    def __init__(self, map_shape, blocks, height, width):
        super().__init__()
        channels, mh, mw = map_shape
        cells = mh * mw
        self.map_shape, self.height, self.width, self.acts = map_shape, height, width, [b[3] for b in blocks]
        self.fc_w = nn.Parameter(torch.randn(channels, cells, cells) * math.sqrt(2 / cells))
        self.fc_b = nn.Parameter(torch.zeros(channels, 1, cells))
        layers, cin = [], channels
        for out, kernel, up, _ in blocks:
            # TensorFlow's 'same' stride-2 transposed 4x4 convolution pads (k - 2) / 2 on each side: output 2h.
            layers.append(nn.ConvTranspose2d(cin, out, kernel, 2, (kernel - 2) // 2) if up else SameConv2d(cin, out, kernel))
            nn.init.kaiming_normal_(layers[-1].weight, nonlinearity='relu')
            nn.init.zeros_(layers[-1].bias)
            cin = out
        self.convs = nn.ModuleList(layers)

    def forward(self, fmap):
        b, (c, mh, mw) = fmap.shape[0], self.map_shape
        per_channel = fmap.reshape(b, c, mh * mw).permute(1, 0, 2)
        h = F.relu(torch.bmm(per_channel, self.fc_w) + self.fc_b).permute(1, 0, 2).reshape(b, c, mh, mw)
        for conv, act in zip(self.convs, self.acts):
            h = conv(h)
            h = F.relu(h) if act == 'relu' else torch.sigmoid(h)
        if h.shape[2] < self.height or h.shape[3] < self.width:
            raise ValueError(f'the decoder gives {h.shape[2]}x{h.shape[3]}, the images are {self.height}x{self.width}')
        return h[:, :, :self.height, :self.width]

    def load(self, tensors, part='inpaintDecoder'):
        copy_into(self.fc_w, tensors[f'{part}/channelFc.w'], 'channelFc.w')
        copy_into(self.fc_b, tensors[f'{part}/channelFc.b'], 'channelFc.b')
        used = {f'{part}/channelFc.w', f'{part}/channelFc.b'}
        for i, conv in enumerate(self.convs):
            # Browser kernels: conv2d [k, k, in, out], conv2dTranspose [k, k, out, in]; both to PyTorch's by (3, 2, 0, 1).
            copy_into(conv.weight, tensors[f'{part}/conv{i}.w'].permute(3, 2, 0, 1), f'conv{i}.w')
            copy_into(conv.bias, tensors[f'{part}/conv{i}.b'], f'conv{i}.b')
            used |= {f'{part}/conv{i}.w', f'{part}/conv{i}.b'}
        return used


class Discriminator(nn.Module):
    """Two 4x4 stride-2 convolutions with leaky ReLU and no BatchNorm (DCGAN's first layers), global mean, one logit
    (high = real). It sees completed images (context plus prediction), so only the filled-in region gives one away."""

    def __init__(self, channels, width):
        super().__init__()
        self.convs = nn.ModuleList([SameConv2d(channels, width, 4, 2), SameConv2d(width, 2 * width, 4, 2)])
        self.fc = nn.Linear(2 * width, 1)
        for conv in self.convs:
            nn.init.kaiming_normal_(conv.weight, nonlinearity='leaky_relu', a=LEAK)
            nn.init.zeros_(conv.bias)

    def forward(self, x):
        for conv in self.convs:
            x = F.leaky_relu(conv(x), LEAK)
        return self.fc(x.mean((2, 3))).reshape(-1)

    def loss(self, real, fake):
        """-log D(real) - log(1 - D(fake)), batch means (softplus form: stable for large logits)."""
        return F.softplus(-self(real)).mean() + F.softplus(self(fake)).mean()

    def load(self, tensors, part='inpaintDiscriminator'):
        used = set()
        for i, conv in enumerate(self.convs):
            copy_into(conv.weight, tensors[f'{part}/conv{i}.w'].permute(3, 2, 0, 1), f'conv{i}.w')
            copy_into(conv.bias, tensors[f'{part}/conv{i}.b'], f'conv{i}.b')
            used |= {f'{part}/conv{i}.w', f'{part}/conv{i}.b'}
        copy_into(self.fc.weight, tensors[f'{part}/fc.w'].t(), 'fc.w')
        copy_into(self.fc.bias, tensors[f'{part}/fc.b'], 'fc.b')
        return used | {f'{part}/fc.w', f'{part}/fc.b'}


class Method(nn.Module):
    def __init__(self, encoder, knobs, config):
        super().__init__()
        self.encoder, self.knobs, self.seed = encoder, knobs, config['seed']
        self.adv = knobs['advWeight']
        self.fill = None  # the mean pixel, from see_data
        self.pending = None
        self.config = config
        self.decoder = None  # built in see_data, once the image shape is known
        # Not a submodule (set past nn.Module's registration): DistributedDataParallel and the main optimiser must
        # leave it alone (it trains itself in after_step, on the global batch, identically on every rank);
        # extra_state checkpoints it.
        object.__setattr__(self, '_discriminator', None)

    def see_data(self, images, unlabelled):
        """The image geometry (for the decoder) and the hole's fill: the mean pixel of the unlabelled images, in [0, 1]."""
        c, h, w = images.shape[1:]
        self.size = min(self.knobs['holeSize'], h, w)
        channels, mh, mw = self.encoder.out_dim, h, w
        for conv in self.encoder.convs:  # 'same' padding: each stride s divides the side, rounding up
            mh, mw = math.ceil(mh / conv.stride[0]), math.ceil(mw / conv.stride[1])
        ups = math.ceil(math.log2(h / mh))
        self.decoder = ContextDecoder((channels, mh, mw), decoder_blocks(channels, self.config['width'], c, ups), h, w)
        # In chunks: an ImageFolder tree is read from disk as it is indexed (data.ImageFolderFiles).
        total = sum(images[unlabelled[i: i + 1024]].sum(dtype=torch.int64).item() for i in range(0, len(unlabelled), 1024))
        self.fill = total / max(1, len(unlabelled) * c * h * w) / 255
        if self.adv > 0:
            object.__setattr__(self, '_discriminator', Discriminator(c, self.config['width']))
            self._discriminator_optimizer = torch.optim.Adam(self._discriminator.parameters(), lr=self.config['lr'], betas=(DCGAN_BETA1, 0.999), eps=1e-8)

    def _apply(self, fn):
        super()._apply(fn)
        if self._discriminator is not None:
            self._discriminator._apply(fn)
        return self

    def heads(self):
        return {'inpaintDecoder': self.decoder}

    def load_heads(self, tensors):
        used = self.decoder.load(tensors)
        return used | (self._discriminator.load(tensors) if self._discriminator is not None else set())

    def make_views(self, images, gen, n_global, rows):
        # The paper inpaints plain images: no augmentation; the holes are drawn in forward from the step's seed.
        return [images]

    def embed(self, x):
        return self.encoder(x)

    def forward(self, views, step, total):
        images = views[0]
        b, c, h, w = images.shape
        world = world_size()
        corners = hole_corners(b * world, h, w, self.size, self.knobs['region'], mix_seed(self.seed, 0x57E9, step))
        hole, weight, count = hole_masks(corners, h, w, self.size, self.knobs['holeOverlap'])
        rows = slice(rank() * b, (rank() + 1) * b)
        hole, weight = hole[rows].to(images.device), weight[rows].to(images.device)
        masked = images * (1 - hole) + hole * self.fill
        pred = self.decoder(self.encoder.feature_map(masked))
        rec = all_reduce_sum((weight * (pred - images).pow(2)).sum()) / max(1, count * c)
        if self._discriminator is None:
            return rec
        full = images * (1 - hole) + pred * hole
        self.pending = (gather_no_grad(images), gather_no_grad(full.detach()))
        disc = self._discriminator
        disc.requires_grad_(False)  # the generator's term moves the encoder and decoder only
        generator = F.softplus(-gather(disc(full))).mean()  # non-saturating, Goodfellow et al. 2014 sec. 3
        disc.requires_grad_(True)
        return rec * (1 - self.adv) + generator * self.adv

    def after_step(self, step):
        if self.pending is None:
            return
        real, fake = self.pending
        self.pending = None
        self._discriminator_optimizer.zero_grad(set_to_none=True)
        self._discriminator.loss(real, fake).backward()
        self._discriminator_optimizer.step()

    def extra_state(self):
        if self._discriminator is None:
            return {}
        return {'discriminator': self._discriminator.state_dict(), 'discriminator_optimizer': self._discriminator_optimizer.state_dict()}

    def load_extra_state(self, state):
        if self._discriminator is not None:
            self._discriminator.load_state_dict(state['discriminator'])
            self._discriminator_optimizer.load_state_dict(state['discriminator_optimizer'])
