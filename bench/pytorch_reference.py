#!/usr/bin/env python3
"""PyTorch reference of the paper-1 training step (bench/learner-bench.ts measures the same in TensorFlow.js).

The same sizes and work as MAD2RL at the paper setting (Sec. 8.1): n = 7 agents, each a DDPM reverse chain of
M = 7 steps (eqs. 39-41) over a 3 x 256 Mish noise network eps(x^m, emb(m), s) with A = 132 actions and a local
state of 13; batch E = 64. One training step = online chain forward on s (kept for backward), target chain
forward on s' (no grad), the QMIX mixer (eq. 57, hypernetworks 2 x 64, embed 32) and TD loss (58)-(59),
backward, global-norm clip, Adam and the soft target update (60)-(61). Decision = the 7 online chains on one
observation (batch 1). The agents are stacked into batched matmuls (torch.bmm), as a PyTorch user would write
it; denormals are flushed (torch.set_flush_denormal), 2 threads unless --threads says otherwise.

Prints one JSON line: {"bench": "p1-pytorch", "trainStepMs": ..., "decisionMs": ..., ...} (medians).
Needs python3 with torch (Debian: apt-get install python3-torch); `npm run bench` runs it when available.
"""
import argparse
import json
import math
import time

import torch
import torch.nn.functional as F


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=15)
    ap.add_argument("--decisions", type=int, default=50)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(True)
    torch.manual_seed(1)

    n, M, H, A, obs, emb, E = 7, 7, 256, 132, 13, 16, 64
    state_dim = n * obs
    mix_embed, hyper_hidden = 32, 64

    # the schedule of src-main/rl/nn/diffusion-schedule.ts: beta_m (33), alpha-hat (35), beta-hat (37), mean (39)
    beta_min, beta_max = 0.1, 10.0
    t = torch.arange(1, M + 1, dtype=torch.float64)
    betas = 1 - torch.exp(-beta_min / M - 0.5 * (beta_max - beta_min) * (2 * t - 1) / M**2)
    alphas = 1 - betas
    ahat = torch.cumprod(alphas, 0)
    ahat_prev = torch.cat([torch.ones(1, dtype=torch.float64), ahat[:-1]])
    coef_x = (1 / torch.sqrt(alphas)).float()
    coef_eps = ((1 - alphas) / torch.sqrt(1 - ahat) / torch.sqrt(alphas)).float()
    noise_std = torch.sqrt(betas * (1 - ahat_prev) / (1 - ahat)).float()

    def step_emb(m):
        half = emb // 2
        w = torch.exp(-math.log(10000) * torch.arange(half) / max(1, half - 1))
        return torch.cat([torch.sin(m * w), torch.cos(m * w)])

    emb_table = torch.stack([step_emb(M - k) for k in range(M)])  # row k: step m = M - k

    def linear_params(*shape_in_out):
        fan_in = shape_in_out[-2]
        bound = 1 / math.sqrt(fan_in)
        return torch.empty(*shape_in_out).uniform_(-bound, bound)

    def agent_params():
        fan1 = A + emb + obs
        b = 1 / math.sqrt(fan1)
        p = {
            "w1x": torch.empty(n, A, H).uniform_(-b, b),
            "w1e": torch.empty(n, emb, H).uniform_(-b, b),
            "w1s": torch.empty(n, obs, H).uniform_(-b, b),
            "b1": torch.empty(n, 1, H).uniform_(-b, b),
            "w2": linear_params(n, H, H),
            "b2": torch.empty(n, 1, H).uniform_(-1 / 16, 1 / 16),
            "w3": linear_params(n, H, H),
            "b3": torch.empty(n, 1, H).uniform_(-1 / 16, 1 / 16),
            "wOut": linear_params(n, H, A),
            "bOut": torch.empty(n, 1, A).uniform_(-1 / 16, 1 / 16),
        }
        return {k: v.requires_grad_() for k, v in p.items()}

    def mixer_params():
        p = {}
        for name, out in [("hw1", n * mix_embed), ("hw2", mix_embed), ("hb3", mix_embed), ("hb4", 1)]:
            widths = [state_dim, hyper_hidden, hyper_hidden, out]
            for l in range(3):
                p[f"{name}/w{l}"] = linear_params(widths[l], widths[l + 1]).requires_grad_()
                p[f"{name}/b{l}"] = torch.empty(widths[l + 1]).uniform_(-0.1, 0.1).requires_grad_()
        return p

    def chain(p, s, noise):
        """x^M -> x^0 for all agents at once: s [n, B, obs], noise [M, n, B, A]; returns x^0 [n, B, A]."""
        state_term = torch.bmm(s, p["w1s"])  # [n, B, H]
        step_bias = torch.matmul(emb_table, p["w1e"]) + p["b1"]  # [n, M, H]
        x = noise[0]
        for k in range(M):
            m = M - k
            h = F.mish(torch.bmm(x, p["w1x"]) + state_term + step_bias[:, k : k + 1, :])
            h = F.mish(torch.baddbmm(p["b2"], h, p["w2"]))
            h = F.mish(torch.baddbmm(p["b3"], h, p["w3"]))
            eps = torch.baddbmm(p["bOut"], h, p["wOut"])
            x = coef_x[m - 1] * x - coef_eps[m - 1] * eps  # eqs. (39)-(40)
            if m > 1:
                x = x + noise[k + 1]
        return x  # qHead 'logits': Q = x^0 (the default)

    def hyper(p, name, st):
        h = st
        for l in range(3):
            h = F.linear(h, p[f"{name}/w{l}"].t(), p[f"{name}/b{l}"])
            if l < 2:
                h = F.relu(h)
        return h

    def mix(p, qs, st):
        B = qs.shape[0]
        w1 = torch.abs(hyper(p, "hw1", st)).view(B, n, mix_embed)
        b3 = hyper(p, "hb3", st)
        hidden = F.elu(torch.bmm(qs.unsqueeze(1), w1).squeeze(1) + b3)
        w2 = torch.abs(hyper(p, "hw2", st))
        b4 = hyper(p, "hb4", st).squeeze(1)
        return (hidden * w2).sum(1) + b4  # eq. (57)

    online, mixer = agent_params(), mixer_params()
    target = {k: v.detach().clone() for k, v in online.items()}
    mixer_target = {k: v.detach().clone() for k, v in mixer.items()}
    params = list(online.values()) + list(mixer.values())
    opt = torch.optim.Adam(params, lr=5e-4)

    def make_noise(B):
        z = torch.randn(M, n, B, A)
        z[1:] *= noise_std.flip(0)[: M - 1].view(M - 1, 1, 1, 1)  # block k: sqrt(betaHat_m), m = M - k + 1
        return z

    def train_step():
        s = torch.rand(n, E, obs)
        s2 = torch.rand(n, E, obs)
        st, st2 = s.transpose(0, 1).reshape(E, state_dim), s2.transpose(0, 1).reshape(E, state_dim)
        actions = torch.randint(0, A, (n, E, 1))
        r = -torch.rand(E)
        q = chain(online, s, make_noise(E))  # [n, E, A]
        q_chosen = q.gather(2, actions).squeeze(2).t()  # [E, n]
        with torch.no_grad():
            q_next = chain(target, s2, make_noise(E)).max(2).values.t()
            y = r + 0.99 * mix(mixer_target, q_next, st2)  # eq. (59)
        loss = 0.5 * ((y - mix(mixer, q_chosen, st)) ** 2).mean()  # eq. (58)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 10.0)
        opt.step()
        with torch.no_grad():  # eqs. (60)-(61)
            for k, v in online.items():
                target[k].mul_(0.999).add_(v.detach(), alpha=0.001)
            for k, v in mixer.items():
                mixer_target[k].mul_(0.999).add_(v.detach(), alpha=0.001)
        return loss.item()

    def decide():
        with torch.no_grad():
            q = chain(online, torch.rand(n, 1, obs), make_noise(1))
            return q.argmax(2)

    for _ in range(3):
        train_step()
    train, slot_decide = [], []
    for _ in range(args.steps):
        t0 = time.perf_counter()
        decide()
        t1 = time.perf_counter()
        train_step()
        slot_decide.append(t1 - t0)
        train.append(time.perf_counter() - t1)
    for _ in range(5):
        decide()
    dec = []
    for _ in range(args.decisions):
        t0 = time.perf_counter()
        decide()
        dec.append(time.perf_counter() - t0)

    def median(v):
        v = sorted(v)
        k = len(v)
        return v[k // 2] if k % 2 else 0.5 * (v[k // 2 - 1] + v[k // 2])

    print(
        json.dumps(
            {
                "bench": "p1-pytorch",
                "torch": torch.__version__,
                "threads": torch.get_num_threads(),
                "trainStepMs": round(1000 * median(train), 1),
                "decisionMs": round(1000 * median(dec), 2),
                "decisionTrainingMs": round(1000 * median(slot_decide), 2),
            }
        )
    )


if __name__ == "__main__":
    main()
