"""Images for train.py, and the playground's splits and batch order.

Sources (--data DIR):
- the playground's own files: DIR/<dataset>-images.u8 and DIR/<dataset>-labels.u8 (uint8 pixels H x W x C per
  image, uint8 labels; the app's public/data), read without torchvision;
- torchvision's MNIST, FashionMNIST and CIFAR10 under DIR (downloaded only with --download);
- any ImageFolder tree (--image-folder DIR: own images, ImageNet), resized to the config's resolution and read
  lazily, a batch's files when the batch is drawn (ImageFolderFiles; needs only Pillow).

The splits (probe-test, probe-train, unlabelled) and the order of batches use the playground's generator
(mulberry32 seeded through mix_seed), so on the playground's files they are the browser's own.
"""
import os

import torch

GEOMETRY = {'mnist': (28, 28, 1, 10), 'fashion-mnist': (28, 28, 1, 10), 'cifar10': (32, 32, 3, 10), 'shapes': (28, 28, 1, 4)}
MASK32 = 0xFFFFFFFF


def _imul(a, b):
    return (a * b) & MASK32


def mix_seed(*parts):
    """The playground's seed mixer (FNV-1a style): the same 32-bit integer as src/core/random.ts."""
    h = 0x811C9DC5
    for p in parts:
        h ^= p & MASK32
        h = _imul(h, 0x01000193)
        h ^= h >> 13
    return h


class Mulberry32:
    """The playground's uniform generator in [0, 1) (mulberry32), bit for bit; `state` is all it holds."""

    def __init__(self, seed):
        self.state = seed & MASK32

    def __call__(self):
        self.state = (self.state + 0x6D2B79F5) & MASK32
        t = self.state
        t = _imul(t ^ (t >> 15), t | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & MASK32
        return ((t ^ (t >> 14)) & MASK32) / 4294967296


def permutation(n, rng):
    p = list(range(n))
    for i in range(n - 1, 0, -1):
        j = int(rng() * (i + 1))
        p[i], p[j] = p[j], p[i]
    return p


def make_splits(count, n, probe_train, probe_test, seed):
    """(unlabelled, probe_train, probe_test) index lists, disjoint, as the playground draws them."""
    if n + probe_train + probe_test > count:
        raise ValueError(f'n + probeTrain + probeTest = {n + probe_train + probe_test} exceeds the {count} images available')
    perm = permutation(count, Mulberry32(mix_seed(seed, 0x5B1D)))
    return perm[probe_test + probe_train: probe_test + probe_train + n], perm[probe_test: probe_test + probe_train], perm[:probe_test]


class BatchSampler:
    """Batches drawn without replacement from a reshuffled pool, epoch after epoch (the playground's order)."""

    def __init__(self, pool, seed):
        self.pool, self.rng = pool, Mulberry32(mix_seed(seed, 0xBA7C4))
        self.order, self.cursor = permutation(len(pool), self.rng), 0

    def next(self, batch):
        out = []
        for _ in range(batch):
            if self.cursor >= len(self.order):
                self.order, self.cursor = permutation(len(self.pool), self.rng), 0
            out.append(self.pool[self.order[self.cursor]])
            self.cursor += 1
        return out

    def state_dict(self):
        return {'order': self.order, 'cursor': self.cursor, 'rng': self.rng.state}

    def load_state_dict(self, state):
        self.order, self.cursor, self.rng.state = state['order'], state['cursor'], state['rng']


def load(dataset, data_dir, image_folder=None, download=False, size=None):
    """(images N x C x H x W uint8 tensor, labels N int64 tensor, classes)."""
    if image_folder:
        return _image_folder(image_folder, size or GEOMETRY.get(dataset, (32, 32, 3, 0))[:2])
    raw = os.path.join(data_dir, f'{dataset}-images.u8')
    if os.path.exists(raw):
        h, w, c, classes = GEOMETRY[dataset]
        pixels = torch.frombuffer(bytearray(open(raw, 'rb').read()), dtype=torch.uint8)
        labels = torch.frombuffer(bytearray(open(os.path.join(data_dir, f'{dataset}-labels.u8'), 'rb').read()), dtype=torch.uint8)
        return pixels.reshape(-1, h, w, c).permute(0, 3, 1, 2).contiguous(), labels.long(), classes
    return _torchvision(dataset, data_dir, download)


def _torchvision(dataset, data_dir, download):
    try:
        import torchvision
    except ImportError as e:
        raise SystemExit(f'{dataset} from {data_dir} needs torchvision (pip install -r requirements.txt), '
                         f'or the playground\'s {dataset}-images.u8 and {dataset}-labels.u8 in --data') from e
    classes = {'mnist': torchvision.datasets.MNIST, 'fashion-mnist': torchvision.datasets.FashionMNIST, 'cifar10': torchvision.datasets.CIFAR10}
    if dataset not in classes:
        raise SystemExit(f'{dataset}: use --image-folder DIR for own images')
    parts = [classes[dataset](data_dir, train=train, download=download) for train in (True, False)]
    images = torch.cat([torch.as_tensor(p.data) for p in parts])
    images = images.unsqueeze(1) if images.dim() == 3 else images.permute(0, 3, 1, 2)
    labels = torch.cat([torch.as_tensor(p.targets) for p in parts]).long()
    return images.contiguous(), labels, 10


IMAGE_EXTENSIONS = ('.jpg', '.jpeg', '.png', '.ppm', '.bmp', '.pgm', '.tif', '.tiff', '.webp')  # torchvision's


class ImageFolderFiles:
    """An ImageFolder tree (one sub-folder per class) whose images are read when indexed, never all at once, so a
    tree bigger than memory trains: `files[indices]` opens those files, converts them to RGB and resizes them to
    `size` (bilinear), as torchvision's ImageFolder with Resize((h, w)) and PILToTensor does, and returns them as
    a uint8 N x 3 x H x W tensor. Classes and the file order are torchvision's (sorted folder and file names), so
    indices, labels and the playground's splits mean the same images as with torchvision."""

    def __init__(self, root, size):
        classes = sorted(e.name for e in os.scandir(root) if e.is_dir())
        if not classes:
            raise SystemExit(f'{root}: no class sub-folders (an ImageFolder tree has one folder of images per class)')
        self.files, self.labels = [], []
        for label, name in enumerate(classes):
            for folder, _, names in sorted(os.walk(os.path.join(root, name), followlinks=True)):
                for file in sorted(names):
                    if file.lower().endswith(IMAGE_EXTENSIONS):
                        self.files.append(os.path.join(folder, file))
                        self.labels.append(label)
        if not self.files:
            raise SystemExit(f'{root}: no images ({", ".join(IMAGE_EXTENSIONS)}) in its class folders')
        self.classes, self.size = classes, tuple(size)
        self.shape = (len(self.files), 3, *self.size)

    def _read(self, i):
        from PIL import Image

        with Image.open(self.files[i]) as image:
            pixels = image.convert('RGB').resize((self.size[1], self.size[0]), Image.BILINEAR)
            return torch.frombuffer(bytearray(pixels.tobytes()), dtype=torch.uint8).reshape(self.size[0], self.size[1], 3).permute(2, 0, 1)

    def __len__(self):
        return len(self.files)

    def __getitem__(self, indices):
        indices = indices.tolist() if torch.is_tensor(indices) else indices
        if isinstance(indices, int):
            return self._read(indices)
        return torch.stack([self._read(i) for i in indices]) if len(indices) else torch.zeros(0, *self.shape[1:], dtype=torch.uint8)


def _image_folder(root, size):
    tree = ImageFolderFiles(root, size)
    return tree, torch.tensor(tree.labels), len(tree.classes)
