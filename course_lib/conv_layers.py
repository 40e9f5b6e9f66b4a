"""Convolution and max-pooling layers, CS231n style: every forward returns (out, cache) and its
backward takes (dout, cache). Images are NHWC: (N, height, width, channels).

Convolution is a matrix product after im2col: each output pixel's k x k x C input patch becomes a
row, so  out = cols @ W.reshape(k*k*C, F) + b.
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv_forward(x, W, b, pad):
    """x (N, H, W, C), W (k, k, C, F), b (F,), stride 1, zero padding `pad` -> (N, H', W', F)."""
    k, _, C, F = W.shape
    xp = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0))) if pad else x
    windows = sliding_window_view(xp, (k, k), axis=(1, 2))          # (N, H', W', C, k, k) view
    N, Ho, Wo = windows.shape[:3]
    cols = windows.transpose(0, 1, 2, 4, 5, 3).reshape(N * Ho * Wo, k * k * C)   # the im2col copy
    out = cols @ W.reshape(k * k * C, F)
    out += b
    return out.reshape(N, Ho, Wo, F), (x.shape, cols, W, pad)


def conv_backward(dout, cache, need_dx=True):
    """-> dx (N, H, W, C) (None if not need_dx, e.g. for the input image), dW (k, k, C, F), db (F,)."""
    x_shape, cols, W, pad = cache
    k, _, C, F = W.shape
    N, Ho, Wo, _ = dout.shape
    d = dout.reshape(-1, F)
    dW = (cols.T @ d).reshape(W.shape)
    db = np.ones(len(d), d.dtype) @ d   # a column sum as a product: far faster for few columns
    if not need_dx:
        return None, dW, db
    # col2im: each kernel offset (i, j) adds its slice back. The product is taken transposed so
    # that offsets and channels come first and every slice added is contiguous.
    dcols = (W.reshape(k * k * C, F) @ d.T).reshape(k, k, C, N, Ho, Wo)
    H, Wd = x_shape[1] + 2 * pad, x_shape[2] + 2 * pad
    dxp = np.zeros((C, N, H, Wd), dtype=dout.dtype)
    for i in range(k):
        for j in range(k):
            dxp[:, :, i:i + Ho, j:j + Wo] += dcols[i, j]
    dx = dxp[:, :, pad:H - pad, pad:Wd - pad] if pad else dxp
    return dx.transpose(1, 2, 3, 0), dW, db


def maxpool_forward(x):
    """2 x 2 max-pooling, stride 2: (N, H, W, C) -> (N, H/2, W/2, C); H and W must be even."""
    N, H, W, C = x.shape
    blocks = x.reshape(N, H // 2, 2, W // 2, 2, C)
    # the maximum of the four corners of each block: four strided slices beat a 2-axis reduction
    out = np.maximum(np.maximum(blocks[:, :, 0, :, 0], blocks[:, :, 0, :, 1]),
                     np.maximum(blocks[:, :, 1, :, 0], blocks[:, :, 1, :, 1]))
    return out, (blocks, out)


def maxpool_backward(dout, cache):
    """The gradient goes to the position of each block's maximum. (Exactly equal maxima would
    each receive it; after a ReLU those are zeros, whose gradient the ReLU then blocks.)"""
    blocks, out = cache
    dx = (blocks == out[:, :, None, :, None, :]) * dout[:, :, None, :, None, :]
    N, Hh, _, Wh, _, C = blocks.shape
    return dx.reshape(N, Hh * 2, Wh * 2, C)
