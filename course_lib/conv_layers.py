"""Convolution and max-pooling layers, CS231n style: every forward returns (out, cache) and its
backward takes (dout, cache).

Layout: channels first, then the batch: x has shape (C, N, H, W). Convolution is one matrix
product after im2col, with the patches as *columns*:

    cols[(c, i, j), (n, y, x)] = x_padded[c, n, y + i, x + j]        (C*k*k, N*H'*W')
    out = W.reshape(F, C*k*k) @ cols + b                              (F, N*H'*W') = (F, N, H', W')

In this layout im2col is k*k*C copies of whole (N, H', W') slices, and the product's result is
already the next layer's input: no transposes anywhere.
"""
import numpy as np


def conv_forward(x, W, b, pad):
    """x (C, N, H, W), W (F, C, k, k), b (F,), stride 1, zero padding `pad` -> (F, N, H', W')."""
    F, C, k, _ = W.shape
    if pad:  # zeros and a copy of the interior: 2.5x faster than np.pad here
        xp = np.zeros((x.shape[0], x.shape[1], x.shape[2] + 2 * pad, x.shape[3] + 2 * pad), dtype=x.dtype)
        xp[:, :, pad:-pad, pad:-pad] = x
    else:
        xp = x
    _, N, H, Wd = xp.shape
    Ho, Wo = H - k + 1, Wd - k + 1
    cols = np.empty((C, k, k, N, Ho, Wo), dtype=x.dtype)
    for i in range(k):
        for j in range(k):
            cols[:, i, j] = xp[:, :, i:i + Ho, j:j + Wo]
    cols = cols.reshape(C * k * k, N * Ho * Wo)
    out = W.reshape(F, C * k * k) @ cols
    out += b[:, None]
    return out.reshape(F, N, Ho, Wo), (x.shape, cols, W, pad)


def conv_backward(dout, cache, need_dx=True):
    """-> dx (C, N, H, W) (None if not need_dx, e.g. for the input image), dW (F, C, k, k), db (F,)."""
    x_shape, cols, W, pad = cache
    F, C, k, _ = W.shape
    _, N, Ho, Wo = dout.shape
    d = dout.reshape(F, N * Ho * Wo)
    dW = (cols @ d.T).T.reshape(W.shape)   # this order of the product is ~1.6x faster in BLAS
    db = d @ np.ones(d.shape[1], d.dtype)   # a row sum as a product: far faster than .sum here
    if not need_dx:
        return None, dW, db
    # col2im: each kernel offset (i, j) adds its slice back; rows ordered (i, j, c) so that each
    # slice added is one contiguous block
    W_ijc = W.transpose(2, 3, 1, 0).reshape(k * k * C, F)
    dcols = (W_ijc @ d).reshape(k, k, C, N, Ho, Wo)
    H, Wd = x_shape[2] + 2 * pad, x_shape[3] + 2 * pad
    dxp = np.zeros((C, N, H, Wd), dtype=dout.dtype)
    for i in range(k):
        for j in range(k):
            dxp[:, :, i:i + Ho, j:j + Wo] += dcols[i, j]
    dx = dxp[:, :, pad:H - pad, pad:Wd - pad] if pad else dxp
    return dx, dW, db


def maxpool_forward(x):
    """2 x 2 max-pooling, stride 2: (C, N, H, W) -> (C, N, H/2, W/2); H and W must be even."""
    C, N, H, W = x.shape
    blocks = x.reshape(C, N, H // 2, 2, W // 2, 2)
    # the maximum of the four corners of each block: four strided slices beat a 2-axis reduction
    out = np.maximum(np.maximum(blocks[:, :, :, 0, :, 0], blocks[:, :, :, 0, :, 1]),
                     np.maximum(blocks[:, :, :, 1, :, 0], blocks[:, :, :, 1, :, 1]))
    return out, (blocks, out)


def maxpool_backward(dout, cache):
    """The gradient goes to the position of each block's maximum; where the maximum appears more
    than once (a flat region, a dead map, a constant bias) only the first in reading order gets
    it, as in PyTorch: the output is that one input, so only its derivative is 1."""
    blocks, out = cache
    dx = np.empty_like(blocks)
    unclaimed = np.ones(out.shape, dtype=bool)
    for a in (0, 1):          # corner by corner: faster than one broadcast over all four
        for b in (0, 1):
            first = blocks[:, :, :, a, :, b] == out
            first &= unclaimed
            unclaimed &= ~first
            np.multiply(first, dout, out=dx[:, :, :, a, :, b])
    C, N, Hh, _, Wh, _ = blocks.shape
    return dx.reshape(C, N, Hh * 2, Wh * 2)
