"""The playground's evaluation protocol: collapse metrics on a fixed batch, a linear probe and kNN on frozen
encoder features (the linear evaluation protocol, Zhang et al. 2016; kNN as Wu et al. 2018: cosine, k = 20,
votes weighted by exp(sim / 0.07))."""
import torch
import torch.nn.functional as F


@torch.no_grad()
def features(encoder, images, batch=512):
    return torch.cat([encoder(images[i: i + batch]) for i in range(0, images.shape[0], batch)])


@torch.no_grad()
def collapse_metrics(z):
    """l2NormalizedStd: mean over columns of the std (N - 1) of z / ||z|| (1/sqrt(d) is healthy, 0 collapsed);
    rankMe (Garrido et al. 2023): exp of the entropy of p = s / ||s||_1 + 1e-7, s the singular values of z."""
    zn = F.normalize(z, dim=1)
    s = torch.linalg.svdvals(z.double())
    p = s / s.sum() + 1e-7
    return {'l2NormalizedStd': zn.std(0, unbiased=True).mean().item(), 'rankMe': torch.exp(-(p * p.log()).sum()).item()}


def linear_probe(train_x, train_y, test_x, test_y, classes, iterations=200, lr=0.05, weight_decay=1e-4):
    """Softmax regression on standardised features, full-batch Adam, 200 iterations (the app's probe)."""
    mean, var = train_x.mean(0), train_x.var(0, unbiased=False)
    scale = torch.rsqrt(var + 1e-6)
    xtr, xte = (train_x - mean) * scale, (test_x - mean) * scale
    w = torch.zeros(xtr.shape[1], classes, requires_grad=True, device=xtr.device)
    b = torch.zeros(classes, requires_grad=True, device=xtr.device)
    opt = torch.optim.Adam([w, b], lr=lr, eps=1e-7)
    for _ in range(iterations):
        opt.zero_grad()
        loss = F.cross_entropy(xtr @ w + b, train_y) + weight_decay * w.pow(2).sum()
        loss.backward()
        opt.step()
    with torch.no_grad():
        return ((xte @ w + b).argmax(1) == test_y).float().mean().item()


@torch.no_grad()
def knn(train_x, train_y, test_x, test_y, classes, k=20, temperature=0.07):
    sim = F.normalize(test_x, dim=1) @ F.normalize(train_x, dim=1).t()
    values, indices = sim.topk(min(k, train_x.shape[0]), dim=1)
    votes = F.one_hot(train_y[indices], classes).float() * torch.exp(values / temperature).unsqueeze(2)
    return (votes.sum(1).argmax(1) == test_y).float().mean().item()


def probe(encoder, train, test, classes):
    """probeAccuracy and knnAccuracy of the frozen encoder (evaluation mode: BatchNorm's running statistics)."""
    was = encoder.training
    encoder.eval()
    (xtr, ytr), (xte, yte) = train, test
    ftr, fte = features(encoder, xtr), features(encoder, xte)
    encoder.train(was)
    return {'probeAccuracy': linear_probe(ftr, ytr, fte, yte, classes), 'knnAccuracy': knn(ftr, ytr, fte, yte, classes)}
