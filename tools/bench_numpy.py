"""The numpy reference for make bench: the course's training loop, timed.

usage: bench_numpy.py DATA N_H ITERATIONS COST_EVERY REPEATS

DATA is the raw little-endian doubles the benchmark wrote: n_x, m, then X
(n_x, m) row by row, then Y (1, m), then W1 (n_h, n_x) and W2 (1, n_h).
The loop is the programming assignment's nn_model: forward, the cost (here
only on every COST_EVERY-th iteration), backward with 1 - A1**2, update at
learning rate 1.2.  Prints the fastest of REPEATS runs in microseconds per
iteration, timed around the training alone.
"""
import sys
import time

import numpy as np


def train(X, Y, W1, W2, iterations, cost_every, learning_rate=1.2):
    m = X.shape[1]
    W1, W2 = W1.copy(), W2.copy()
    b1 = np.zeros((W1.shape[0], 1))
    b2 = np.zeros((1, 1))
    costs = []
    start = time.perf_counter()
    for i in range(iterations):
        Z1 = np.dot(W1, X) + b1
        A1 = np.tanh(Z1)
        Z2 = np.dot(W2, A1) + b2
        A2 = 1 / (1 + np.exp(-Z2))
        if i % cost_every == 0:
            logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
            costs.append(float(-np.sum(logprobs) / m))
        dZ2 = A2 - Y
        dW2 = (1 / m) * np.dot(dZ2, A1.T)
        db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
        dZ1 = np.multiply(np.dot(W2.T, dZ2), 1 - np.power(A1, 2))
        dW1 = (1 / m) * np.dot(dZ1, X.T)
        db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
        W1 = W1 - learning_rate * dW1
        b1 = b1 - learning_rate * db1
        W2 = W2 - learning_rate * dW2
        b2 = b2 - learning_rate * db2
    return time.perf_counter() - start, costs


def main():
    path, n_h, iterations, cost_every, repeats = sys.argv[1:6]
    n_h, iterations, cost_every, repeats = int(n_h), int(iterations), int(cost_every), int(repeats)
    raw = np.fromfile(path, dtype='<f8')
    n_x, m = int(raw[0]), int(raw[1])
    at = 2
    X = raw[at:at + n_x * m].reshape(n_x, m); at += n_x * m
    Y = raw[at:at + m].reshape(1, m); at += m
    W1 = raw[at:at + n_h * n_x].reshape(n_h, n_x); at += n_h * n_x
    W2 = raw[at:at + n_h].reshape(1, n_h)
    best = min(train(X, Y, W1, W2, iterations, cost_every)[0] for _ in range(repeats))
    print(f"{best / iterations * 1e6:.4f}")


if __name__ == '__main__':
    main()
