"""What DDP needs beyond DistributedDataParallel itself: process-group set-up, an all-gather that carries
gradients, and a BatchNorm whose statistics span every rank on any device.

The rule every method follows: a loss that looks at the batch as a whole (negatives, cross-correlation,
Sinkhorn's equipartition, BatchNorm) sees the *global* batch, gathered from all ranks, so a run on N processes
computes the same numbers as one process with the same global batch (SimCLR, Chen et al. 2020, sec. 2.2:
"global BN"; MoCo and SwAV gather keys and codes the same way).
"""
import os

import torch
import torch.distributed as dist
import torch.nn as nn



def init():
    """(rank, world_size, device), starting the process group when launched by torchrun."""
    if 'WORLD_SIZE' not in os.environ or int(os.environ['WORLD_SIZE']) == 1:
        return 0, 1, torch.device('cuda' if torch.cuda.is_available() else 'cpu')
    global _GROUP
    backend = 'nccl' if torch.cuda.is_available() else 'gloo'
    dist.init_process_group(backend)
    # The losses' gathers and BatchNorm's reductions get their own group: some run inside backward, and on
    # the default group they would queue among DDP's asynchronous gradient all-reduces (seen to deadlock
    # gloo now and then under load). Each group keeps its own order, the same on every rank.
    _GROUP = dist.new_group(backend=backend)
    rank = dist.get_rank()
    if torch.cuda.is_available():
        local = int(os.environ.get('LOCAL_RANK', 0))
        torch.cuda.set_device(local)
        return rank, dist.get_world_size(), torch.device('cuda', local)
    return rank, dist.get_world_size(), torch.device('cpu')


_GROUP = None


def shutdown():
    """Leave the process groups together: every rank waits at a barrier (rank 0 may still be writing the run)
    before any tears its gloo context down. Without it a rank that left first was seen to abort at exit now
    and then under load ("terminate called without an active exception", torch 1.13, gloo)."""
    dist.barrier()
    dist.destroy_process_group()


def world_size():
    return dist.get_world_size() if dist.is_available() and dist.is_initialized() else 1


def rank():
    return dist.get_rank() if dist.is_available() and dist.is_initialized() else 0


class _Gather(torch.autograd.Function):
    """All-gather with a backward pass: each rank gets the summed gradient of its own rows."""

    @staticmethod
    def forward(ctx, x):
        parts = [torch.empty_like(x) for _ in range(dist.get_world_size())]
        dist.all_gather(parts, x.contiguous(), group=_GROUP)
        return torch.cat(parts, 0)

    @staticmethod
    def backward(ctx, grad):
        grad = grad.contiguous()
        dist.all_reduce(grad, group=_GROUP)
        n = grad.shape[0] // dist.get_world_size()
        return grad[dist.get_rank() * n: (dist.get_rank() + 1) * n]


def gather(x):
    """The global batch's rows, rank 0's first (the order of one process's batch). Identity on one process."""
    return _Gather.apply(x) if world_size() > 1 else x


def gather_no_grad(x):
    if world_size() == 1:
        return x
    parts = [torch.empty_like(x) for _ in range(world_size())]
    dist.all_gather(parts, x.contiguous(), group=_GROUP)
    return torch.cat(parts, 0)


def broadcast(x, src=0):
    """Rank src's values into x on every rank, in place (no-op on one process)."""
    if world_size() > 1:
        dist.broadcast(x, src, group=_GROUP)
    return x


class _AllReduceSum(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        x = x.clone()
        dist.all_reduce(x, group=_GROUP)
        return x

    @staticmethod
    def backward(ctx, grad):
        grad = grad.clone()
        dist.all_reduce(grad, group=_GROUP)
        return grad


def all_reduce_sum(x):
    return _AllReduceSum.apply(x) if world_size() > 1 else x


class GlobalBatchNorm(nn.Module):
    """BatchNorm over the global batch on any device (PyTorch 1.13's SyncBatchNorm is CUDA-only).

    Wraps an existing BatchNorm1d/2d and keeps its parameters and buffers, so weights load the same way.
    Training: mean and biased variance over all ranks' rows; running averages use the unbiased variance
    (PyTorch's semantics). Evaluation: the wrapped layer as it is.
    """

    def __init__(self, bn):
        super().__init__()
        self.bn = bn

    def forward(self, x):
        if not self.training or world_size() == 1:
            return self.bn(x)
        dims = [0] + list(range(2, x.dim()))
        shape = [1, -1] + [1] * (x.dim() - 2)
        count = float(x.numel() // x.shape[1] * world_size())
        # Two passes (the mean, then the squared deviations from it): E[x^2] - E[x]^2 cancels badly in float32.
        mean = all_reduce_sum(x.sum(dims)) / count
        var = all_reduce_sum((x - mean.reshape(shape)).pow(2).sum(dims)) / count
        if self.bn.track_running_stats:
            with torch.no_grad():
                m = self.bn.momentum
                self.bn.running_mean.mul_(1 - m).add_(m * mean.detach())
                self.bn.running_var.mul_(1 - m).add_(m * var.detach() * count / max(count - 1, 1))
        y = (x - mean.reshape(shape)) * torch.rsqrt(var.reshape(shape) + self.bn.eps)
        if self.bn.affine:
            y = y * self.bn.weight.reshape(shape) + self.bn.bias.reshape(shape)
        return y


def convert_batch_norms(module, device):
    """Every BatchNorm sees the global batch: nn.SyncBatchNorm on CUDA, GlobalBatchNorm elsewhere."""
    if world_size() == 1:
        return module
    if device.type == 'cuda':
        return nn.SyncBatchNorm.convert_sync_batchnorm(module)
    for name, child in module.named_children():
        if isinstance(child, nn.modules.batchnorm._BatchNorm):
            setattr(module, name, GlobalBatchNorm(child))
        else:
            convert_batch_norms(child, device)
    return module


def average(value):
    """The mean of a float over ranks (for logging; every loss here is already global)."""
    if world_size() == 1:
        return value
    t = torch.tensor([value], dtype=torch.float64)
    dist.all_reduce(t)
    return t.item() / world_size()


