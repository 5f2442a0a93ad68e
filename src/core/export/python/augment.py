"""The playground's augmentations, batched on the device (one kernel per op for the whole batch).

Order and ranges as the browser (SimCLR's pipeline, Chen et al. 2020, appendix A): random resized crop
(area share uniform in [cropMin, cropMax], aspect ratio log-uniform in [3/4, 4/3], 10 tries, then the whole
image, as torchvision's RandomResizedCrop) with a horizontal flip, brightness shift up to +-0.8*s and contrast
factor in [1-s, 1+s] around the image mean, Gaussian blur with p = 1/2 (sigma uniform in [0.1, max], one per
call, kernel radius ceil(2*sigma), reflect padding), additive Gaussian noise, clip to [0, 1].

Random numbers are drawn for the *global* batch from a generator every rank seeds alike, and each rank
applies its own rows: a run's augmentations do not depend on how many processes share the batch. The draws
are not the browser's (another generator); the distributions are the same.
"""
import math

import torch
import torch.nn.functional as F

LOG_RATIO = (math.log(3 / 4), math.log(4 / 3))
MIN_BLUR_SIGMA = 0.1


def _u(gen, *shape):
    return torch.rand(shape or (1,), generator=gen)


def crop_boxes(n, height, width, scale, gen, flip_p=0.0):
    """n boxes (y1, x1, y2, x2) in [0, 1]; a flipped box has x1 > x2 (read right to left)."""
    boxes = torch.tensor([[0.0, 0.0, 1.0, 1.0]]).repeat(n, 1)
    for b in range(n):
        for _ in range(10):
            area = scale[0] + (scale[1] - scale[0]) * _u(gen).item()
            ratio = math.exp(LOG_RATIO[0] + (LOG_RATIO[1] - LOG_RATIO[0]) * _u(gen).item())
            w = math.sqrt(area * ratio * height / width)
            h = math.sqrt(area * width / (ratio * height))
            if w <= 1 and h <= 1:
                x1 = _u(gen).item() * (1 - w)
                y1 = _u(gen).item() * (1 - h)
                boxes[b] = torch.tensor([y1, x1, y1 + h, x1 + w])
                break
    flips = _u(gen, n) < flip_p
    boxes[flips] = boxes[flips][:, [0, 3, 2, 1]]
    return boxes


def crop_and_resize(x, boxes, size):
    """Bilinear crop-and-resize of sample b at boxes[b] (tf.image.cropAndResize: box corners on pixel centres)."""
    n = x.shape[0]
    t = torch.linspace(0, 1, size[0], device=x.device)
    s = torch.linspace(0, 1, size[1], device=x.device)
    boxes = boxes.to(x.device)
    ys = boxes[:, 0:1] + (boxes[:, 2:3] - boxes[:, 0:1]) * t
    xs = boxes[:, 1:2] + (boxes[:, 3:4] - boxes[:, 1:2]) * s
    grid = torch.stack([xs[:, None, :].expand(n, size[0], size[1]), ys[:, :, None].expand(n, size[0], size[1])], -1)
    return F.grid_sample(x, grid * 2 - 1, mode='bilinear', padding_mode='zeros', align_corners=True)


def gaussian_taps(sigma, radius):
    i = torch.arange(-radius, radius + 1, dtype=torch.float32)
    taps = torch.exp(-(i * i) / (2 * sigma * sigma))
    return taps / taps.sum()


def blur(x, sigma_max, gen, n_global, rows, p=0.5):
    sigma = MIN_BLUR_SIGMA + (sigma_max - MIN_BLUR_SIGMA) * _u(gen).item()
    mask = (_u(gen, n_global) < p).float()[rows].to(x.device)
    radius = min(math.ceil(2 * sigma), x.shape[2] - 1, x.shape[3] - 1)
    if sigma_max < MIN_BLUR_SIGMA or radius < 1:
        return x
    c = x.shape[1]
    taps = gaussian_taps(sigma, radius).to(x.device)
    padded = F.pad(x, (radius, radius, radius, radius), mode='reflect')
    y = F.conv2d(padded, taps.reshape(1, 1, -1, 1).repeat(c, 1, 1, 1), groups=c)
    y = F.conv2d(y, taps.reshape(1, 1, 1, -1).repeat(c, 1, 1, 1), groups=c)
    return x + mask.reshape(-1, 1, 1, 1) * (y - x)


def view(x, aug, gen, n_global, rows, size=None, scale=None):
    """One augmented view of the local images `x` (rows `rows` of the global batch), in [0, 1].

    size/scale: multi-crop's output size and area range (the crop then ignores aug's crop switch).
    """
    size = size or (x.shape[2], x.shape[3])
    flip_p = aug['flipP'] if aug['flip'] else 0.0
    if scale is not None or aug['crop'] or flip_p > 0:
        scale = scale or ((aug['cropMin'], aug['cropMax']) if aug['crop'] else (1.0, 1.0))
        boxes = crop_boxes(n_global, x.shape[2], x.shape[3], scale, gen, flip_p)[rows]
        x = crop_and_resize(x, boxes, size)
    if aug['jitter'] and aug['jitterStrength'] > 0:
        s = aug['jitterStrength']
        shift = (0.8 * s * (2 * _u(gen, n_global) - 1))[rows].to(x.device).reshape(-1, 1, 1, 1)
        factor = (1 + s * (2 * _u(gen, n_global) - 1))[rows].to(x.device).reshape(-1, 1, 1, 1)
        mean = x.mean(dim=(1, 2, 3), keepdim=True)
        x = ((x - mean) * factor + mean + shift).clamp(0, 1)
    if aug['blur'] and aug['blurSigma'] >= MIN_BLUR_SIGMA:
        x = blur(x, aug['blurSigma'], gen, n_global, rows)
    if aug['noise'] and aug['noiseStd'] > 0:
        noise = torch.randn(n_global, *x.shape[1:], generator=gen)[rows].to(x.device)
        x = x + aug['noiseStd'] * noise
    return x.clamp(0, 1)


def two_views(x, aug, gen, n_global, rows):
    """The two views of SimCLR, MoCo, BYOL, SimSiam, Barlow Twins and VICReg (t, t' ~ T)."""
    return [view(x, aug, gen, n_global, rows), view(x, aug, gen, n_global, rows)]


def multi_crop(x, aug, gen, n_global, rows, global_crops, global_scale, small_crops, small_size, small_scale):
    """Multi-crop (Caron et al. 2020, SwAV sec. 3.2): global crops at full size, small ones at small_size."""
    no_crop = dict(aug, crop=False)
    views = [view(x, no_crop, gen, n_global, rows, scale=global_scale) for _ in range(global_crops)]
    return views + small_views(x, aug, gen, n_global, rows, small_crops, small_size, small_scale)


def small_views(x, aug, gen, n_global, rows, count, size, scale):
    """Multi-crop's small low-resolution crops alone, beside a method's own two views (the SwAV paper's Table 4
    applies them to SimCLR too); the crop is theirs, the rest of the pipeline the augmentation's."""
    no_crop = dict(aug, crop=False)
    return [view(x, no_crop, gen, n_global, rows, size=(size, size), scale=scale) for _ in range(count)]


def small_crops_of(x, aug, gen, n_global, rows, knobs):
    """The small crops a method's knobs ask for (smallCrops, smallSize, smallScaleMin/Max, the range in either order)."""
    lo, hi = sorted((knobs['smallScaleMin'], knobs['smallScaleMax']))
    return small_views(x, aug, gen, n_global, rows, knobs.get('smallCrops', 0), knobs['smallSize'], (lo, hi))


# --- The 3x3 patch grid of the pretext tasks (jigsaw; the browser's augment/patches.ts) -----------------------
GRID_CELLS = 9
MIN_PATCH = 3  # the smallest patch the ConvNet (two stride-2 layers) still maps to a 1x1 feature map


def patch_grid(height, width, gap, jitter):
    """The largest square patch for which three patches, two gaps and the jitter on both sides fit, the grid
    centred: (size, top, left) with cell (r, c) starting r * (size + gap) further."""
    size = (min(height, width) - 2 * gap - 2 * jitter) // 3
    if size < MIN_PATCH:
        raise SystemExit(f'a 3x3 grid with gap {gap} px and jitter +-{jitter} px leaves {size}-px patches in {height}x{width} images (need >= {MIN_PATCH})')
    span = 3 * size + 2 * gap
    return size, (height - span) // 2, (width - span) // 2


def jittered_corners(x, gap, jitter, gen, n_global, rows):
    """Top-left corners (top, left) of all 9 cells of every image (x: the local images), B x 9 x 2, each moved by
    a whole number of px uniform in [-jitter, jitter] and clamped inside the image (Doersch et al. 2015, sec. 3.1)."""
    height, width = x.shape[2], x.shape[3]
    size, top, left = patch_grid(height, width, gap, jitter)
    cell = torch.arange(GRID_CELLS)
    base = torch.stack([top + (cell // 3) * (size + gap), left + (cell % 3) * (size + gap)], -1)
    shift = torch.randint(-jitter, jitter + 1, (n_global, GRID_CELLS, 2), generator=gen)
    limit = torch.tensor([height - size, width - size])
    return torch.minimum(torch.clamp(base + shift, min=0), limit)[rows]


def cut_cells(x, corners, image, cells, gap, jitter):
    """Patch k: cell cells[k] of image image[k] at its jittered corner, copied exactly (no interpolation)."""
    size = patch_grid(x.shape[2], x.shape[3], gap, jitter)[0]
    image = image.to(x.device)
    at = corners.long().to(x.device)[image, cells.to(x.device)]
    r = torch.arange(size, device=x.device)
    ys = (at[:, 0, None] + r)[:, :, None]
    xs = (at[:, 1, None] + r)[:, None, :]
    return x.permute(0, 2, 3, 1)[image[:, None, None], ys, xs].permute(0, 3, 1, 2)
