#!/usr/bin/env python3
"""PyTorch reference of one PPO update of paper 2's Ly-DTMPPO / Ly-MAPPO (src-main/rl/continuous/mappo.ts).

bench/isac.bench.ts times MappoLearner.update() in TensorFlow.js and runs this script with the sizes and
switches of the learner it built (bench/mappo-reference-args.ts reads them from the learner's parsed
hyper-parameters and the environment's shape), so nothing here is a default of the workbench: every size comes
in as JSON (--config). One update, as mappo.ts does it:

  critic V(S) on the rollout's states and next states (no grad), value de-normalisation;
  GAE (46) per value head; returns R_t = A_t + V(s_t); value normalisation of the targets (running mean/std);
  advantage normalisation; then `epochs` x `miniBatches` gradient steps, each:
    actor: per-agent Gaussian policies (separate networks, no parameter sharing) on the local states,
           PPO clip objective (47) + entropy bonus, summed over agents; backward; gradient clipping per agent
           (global L2 norm of that agent's network); Adam;
    critic: centralised V(S) with one output per value head, MSE to the normalised targets (49); backward;
           clipping; Adam;
    the monitoring scalars mappo.ts records (policy loss, entropy, approx KL, clip fraction, value loss,
    gradient norms) are read back to Python every step, as mappo.ts reads them every step.

Two layouts of the same maths, timed alternately (so a loaded machine slows both alike):
  "stacked": the agents' actors as one stacked network, torch.baddbmm per layer (the faster way to write it);
  "loop":    one nn.Sequential per agent, as MAPPO code with separate policies writes it.
`updateMs` is the stacked layout's median (the stricter reference), `updateMsLoop` the loop's.

The rollout is synthetic (random states and rewards of the right shapes; actions sampled from the current
policy, with their log-probabilities): this is a speed reference, not a learning one. Timed over --reps updates
after --warmup untimed ones; medians. Prints one JSON line:
  {"bench": "p2-pytorch", "updateMs": ..., "updateMsLoop": ..., "epochs": ..., ..., "torch": ..., "threads": ...}
Needs python3 with torch (Debian: apt-get install python3-torch libopenblas0-pthread).
Differences that do not change the work: Adam's epsilon sits outside the bias correction of sqrt(v) here
(torch.optim.Adam) and inside it in src-main/rl/continuous/adam.ts.
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn

LOG_SQRT_2PI = 0.5 * math.log(2 * math.pi)
LOG2 = math.log(2.0)

CONFIG_KEYS = {
    "nAgents", "obsDim", "stateDim", "actionDim", "hidden", "valueHeads", "rows", "episodeLength",
    "epochs", "miniBatches", "gaeEachEpoch", "gamma", "gaeLambda", "clipRatio", "entropyCoef", "entropy",
    "stdMode", "logStdMin", "logStdMax", "initLogStd", "policyHeadScale", "lr", "criticLr", "maxGradNorm",
    "valueNorm", "advantageNorm",
}


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config", required=True, help="JSON object with the sizes and switches (bench/mappo-reference-args.ts)")
    ap.add_argument("--reps", type=int, default=7, help="timed updates")
    ap.add_argument("--warmup", type=int, default=2, help="untimed updates first")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--layouts", default="stacked,loop")
    args = ap.parse_args()
    cfg = json.loads(args.config)
    missing, unknown = CONFIG_KEYS - cfg.keys(), cfg.keys() - CONFIG_KEYS
    if missing or unknown:
        ap.error(f"--config: missing {sorted(missing)}, unknown {sorted(unknown)}")
    if cfg["entropy"] not in ("gaussian", "squashed", "off") or cfg["stdMode"] not in ("state", "parameter"):
        ap.error("--config: entropy must be gaussian|squashed|off, stdMode state|parameter")
    layouts = args.layouts.split(",")
    if not layouts or any(l not in ("stacked", "loop") for l in layouts):
        ap.error("--layouts must list stacked and/or loop")
    return cfg, args, layouts


def uniform(shape, bound):
    # PyTorch's default nn.Linear initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), as networks.ts draws it
    return torch.empty(*shape).uniform_(-bound, bound)


class StackedMlp:
    """S independent MLPs of one shape as [S, in, out] weights: ReLU hidden layers, linear output."""

    def __init__(self, stack, sizes, head_scale=1.0):
        self.layers = []
        for l in range(len(sizes) - 1):
            bound = (1 / math.sqrt(sizes[l])) * (head_scale if l == len(sizes) - 2 else 1.0)
            w = uniform((stack, sizes[l], sizes[l + 1]), bound).requires_grad_()
            b = uniform((stack, 1, sizes[l + 1]), bound).requires_grad_()
            self.layers.append((w, b))

    def params(self):
        return [p for wb in self.layers for p in wb]

    def __call__(self, x):  # x [S, B, in] -> [S, B, out]
        for l, (w, b) in enumerate(self.layers):
            x = torch.baddbmm(b, x, w)
            if l < len(self.layers) - 1:
                x = torch.relu(x)
        return x


def sequential_mlp(sizes, head_scale=1.0):
    mods = []
    for l in range(len(sizes) - 1):
        lin = nn.Linear(sizes[l], sizes[l + 1])
        if l == len(sizes) - 2:
            with torch.no_grad():
                lin.weight.mul_(head_scale)
                lin.bias.mul_(head_scale)
        mods += [lin, nn.ReLU()] if l < len(sizes) - 2 else [lin]
    return nn.Sequential(*mods)


def clip_stacked_(params, max_norm):
    """Gradient clipping per stacked member (each agent's network by its own global L2 norm); returns the mean norm."""
    sq = sum(p.grad.pow(2).flatten(1).sum(1) for p in params)  # [S]
    norms = sq.sqrt()
    if max_norm > 0:
        coef = (max_norm / (norms + 1e-6)).clamp(max=1.0)
        for p in params:
            p.grad.mul_(coef.view(-1, *([1] * (p.dim() - 1))))
    return norms.mean()


class StackedModel:
    """Actors as one stacked network (torch.baddbmm per layer), the critic as a stack of one."""

    def __init__(self, cfg):
        n, d = cfg["nAgents"], cfg["actionDim"]
        heads = 2 * d if cfg["stdMode"] == "state" else d
        self.actor = StackedMlp(n, [cfg["obsDim"], *cfg["hidden"], heads], cfg["policyHeadScale"])
        self.log_std = [torch.full((n, 1, d), float(cfg["initLogStd"]), requires_grad=True)] if cfg["stdMode"] == "parameter" else []
        self.critic = StackedMlp(1, [cfg["stateDim"], *cfg["hidden"], cfg["valueHeads"]])
        self.actor_params = self.actor.params() + self.log_std
        self.critic_params = self.critic.params()
        self.actor_opt = torch.optim.Adam(self.actor_params, lr=cfg["lr"])
        self.critic_opt = torch.optim.Adam(self.critic_params, lr=cfg["criticLr"])
        self.max_norm = cfg["maxGradNorm"]

    def actor_out(self, obs):  # obs [n, B, obsDim] -> [n, B, heads]
        return self.actor(obs)

    def param_log_std(self):
        return self.log_std[0] if self.log_std else None

    def values(self, states):  # [B, stateDim] -> [B, H]
        return self.critic(states.unsqueeze(0)).squeeze(0)

    def actor_step(self, loss):
        self.actor_opt.zero_grad(set_to_none=True)
        loss.backward()
        norm = clip_stacked_(self.actor_params, self.max_norm)
        self.actor_opt.step()
        return norm

    def critic_step(self, loss):
        self.critic_opt.zero_grad(set_to_none=True)
        loss.backward()
        norm = clip_stacked_(self.critic_params, self.max_norm)
        self.critic_opt.step()
        return norm


class LoopModel:
    """One nn.Sequential actor per agent (no parameter sharing) and an nn.Sequential critic."""

    def __init__(self, cfg):
        n, d = cfg["nAgents"], cfg["actionDim"]
        heads = 2 * d if cfg["stdMode"] == "state" else d
        self.actors = [sequential_mlp([cfg["obsDim"], *cfg["hidden"], heads], cfg["policyHeadScale"]) for _ in range(n)]
        self.log_std = [nn.Parameter(torch.full((1, d), float(cfg["initLogStd"]))) for _ in range(n)] if cfg["stdMode"] == "parameter" else []
        self.critic = sequential_mlp([cfg["stateDim"], *cfg["hidden"], cfg["valueHeads"]])
        self.groups = [list(a.parameters()) + ([self.log_std[i]] if self.log_std else []) for i, a in enumerate(self.actors)]
        self.actor_opt = torch.optim.Adam([p for g in self.groups for p in g], lr=cfg["lr"])
        self.critic_opt = torch.optim.Adam(self.critic.parameters(), lr=cfg["criticLr"])
        self.max_norm = cfg["maxGradNorm"]

    def actor_out(self, obs):
        return torch.stack([a(obs[i]) for i, a in enumerate(self.actors)])

    def param_log_std(self):
        return torch.stack(self.log_std) if self.log_std else None

    def values(self, states):
        return self.critic(states)

    def _clip(self, params):
        # gradient clipping by global L2 norm (inf: measure only)
        return nn.utils.clip_grad_norm_(params, self.max_norm if self.max_norm > 0 else float("inf"))

    def actor_step(self, loss):
        self.actor_opt.zero_grad(set_to_none=True)
        loss.backward()
        norm = torch.stack([self._clip(g) for g in self.groups]).mean()
        self.actor_opt.step()
        return norm

    def critic_step(self, loss):
        self.critic_opt.zero_grad(set_to_none=True)
        loss.backward()
        norm = self._clip(list(self.critic.parameters()))
        self.critic_opt.step()
        return norm


class RunningNorm:
    """Running mean/std of the value targets (Chan et al.'s parallel update, float64), as running-norm.ts."""

    def __init__(self):
        self.n, self.mean, self.m2 = 0, 0.0, 0.0

    def update(self, x):
        k = x.numel()
        m = x.mean().item()
        m2 = ((x - m) ** 2).sum().item()
        delta, tot = m - self.mean, self.n + k
        self.mean += delta * k / tot
        self.m2 += m2 + delta * delta * self.n * k / tot
        self.n = tot

    def std(self):
        return math.sqrt((self.m2 / self.n if self.n > 0 else 1.0) + 1e-8)

    def normalise(self, x):
        return (x - self.mean) / self.std()

    def denormalise(self, x):
        return x * self.std() + self.mean


def policy(model, cfg, obs):
    """Mean and log-std of every agent's Gaussian, [n, B, d] (log-std [n, 1, d] in 'parameter' mode)."""
    out = model.actor_out(obs)
    d = cfg["actionDim"]
    if cfg["stdMode"] == "parameter":
        return out, model.param_log_std()
    lo, hi = cfg["logStdMin"], cfg["logStdMax"]
    span = hi - lo
    init = min(hi - 1e-3 * span, max(lo + 1e-3 * span, cfg["initLogStd"]))
    offset = math.atanh(2 * (init - lo) / span - 1)
    # smooth bound of the state-dependent log-std to [logStdMin, logStdMax]
    return out[..., :d], lo + 0.5 * span * (torch.tanh(out[..., d:] + offset) + 1)


def gaussian_log_prob(u, mu, log_std):
    # log N(u; mu, sigma) summed over the action entries
    z = (u - mu) / log_std.exp()
    return (-0.5 * z * z - log_std - LOG_SQRT_2PI).sum(-1)


def entropy_term(cfg, mu, log_std):
    """Mean entropy per sample and agent, [n]: the Gaussian's, or the tanh-squashed action's (reparameterised)."""
    gauss = (log_std + 0.5 + LOG_SQRT_2PI).sum(-1)  # entropy of a diagonal Gaussian
    if cfg["entropy"] != "squashed":
        return gauss.mean(-1)
    u = mu + log_std.exp() * torch.randn_like(mu)
    # H[a] = H[u] + E[sum_d log(1 - tanh(u_d)^2)] (change of variables, stable form)
    log_jac = (2 * (LOG2 - u - nn.functional.softplus(-2 * u))).sum(-1)
    return (gauss + log_jac).mean(-1)


def gae(cfg, rewards, values, next_values, terminals, cuts):
    """GAE (46) per value head over the rollout: delta_t = r_t + gamma (1 - term_t) V(s') - V(s);
    A_t = delta_t + gamma lambda (1 - cut_t) A_{t+1}; returns R_t = A_t + V(s_t) (the critic target (49))."""
    g, lam = cfg["gamma"], cfg["gaeLambda"]
    n = rewards.shape[0]
    adv = torch.zeros_like(rewards)
    nxt = torch.zeros(rewards.shape[1], dtype=rewards.dtype)
    for t in range(n - 1, -1, -1):
        delta = rewards[t] + (0.0 if terminals[t] else g) * next_values[t] - values[t]  # TD error delta_t
        nxt = delta + (0.0 if cuts[t] or t == n - 1 else g * lam) * nxt
        adv[t] = nxt
    return adv, adv + values


def targets(model, cfg, vnorm, roll, update_norm):
    """Advantages (normalised) and critic targets (value-normalised) under the current critic."""
    with torch.no_grad():
        v = model.values(roll["states"]).double()
        v_next = model.values(roll["next_states"]).double()
    if vnorm:
        v, v_next = vnorm.denormalise(v), vnorm.denormalise(v_next)
    adv, ret = gae(cfg, roll["rewards"], v, v_next, roll["terminals"], roll["cuts"])
    if vnorm:
        if update_norm:
            vnorm.update(ret)
        ret = vnorm.normalise(ret)
    if cfg["advantageNorm"] and adv.numel() > 1:
        adv = (adv - adv.mean()) / (adv.std(unbiased=False) + 1e-8)  # advantage normalisation
    return adv.float(), ret.float()


def make_rollout(model, cfg):
    """Synthetic rollout: random normalised observations and states, actions sampled from the current policy."""
    n, rows, d = cfg["nAgents"], cfg["rows"], cfg["actionDim"]
    obs = torch.randn(n, rows, cfg["obsDim"])
    with torch.no_grad():
        mu, log_std = policy(model, cfg, obs)
        u = mu + log_std.exp() * torch.randn(n, rows, d)
        old_logp = gaussian_log_prob(u, mu, log_std)  # [n, rows]
    ends = [(t + 1) % cfg["episodeLength"] == 0 or t == rows - 1 for t in range(rows)]
    return {
        "obs": obs,
        "u": u,
        "old_logp": old_logp,
        "states": torch.randn(rows, cfg["stateDim"]),
        "next_states": torch.randn(rows, cfg["stateDim"]),
        "rewards": torch.randn(rows, cfg["valueHeads"], dtype=torch.float64),
        "terminals": ends,
        "cuts": ends,
    }


def update(model, cfg, vnorm, roll):
    """One PPO update: GAE, then epochs x minibatches of actor and critic steps (mappo.ts, update())."""
    n_agents, rows, H = cfg["nAgents"], cfg["rows"], cfg["valueHeads"]
    clip, mbs = cfg["clipRatio"], cfg["miniBatches"]
    adv, tgt = targets(model, cfg, vnorm, roll, True)
    mb_size = max(1, rows // mbs)
    for epoch in range(cfg["epochs"]):
        if cfg["gaeEachEpoch"] and epoch > 0:
            adv, tgt = targets(model, cfg, vnorm, roll, False)
        order = torch.randperm(rows) if mbs > 1 else None
        for m in range(mbs):
            lo, hi = m * mb_size, (rows if m == mbs - 1 else (m + 1) * mb_size)
            if hi <= lo:
                continue
            idx = order[lo:hi] if order is not None else None
            pick_rows = (lambda x: x[idx]) if idx is not None else (lambda x: x)
            pick_cols = (lambda x: x[:, idx]) if idx is not None else (lambda x: x)
            mu, log_std = policy(model, cfg, pick_cols(roll["obs"]))
            a = pick_rows(adv)  # [b, H]
            a = a.t() if H == n_agents else a.t().expand(n_agents, -1)  # agent i's own advantage, [n, b]
            log_ratio = gaussian_log_prob(pick_cols(roll["u"]), mu, log_std) - pick_cols(roll["old_logp"])
            ratio = log_ratio.exp()  # r_t(phi) of (47)
            # PPO clip objective (47): min(r A, clip(r, 1 - eps, 1 + eps) A), per agent the mean over samples
            surr = torch.min(ratio * a, ratio.clamp(1 - clip, 1 + clip) * a)
            policy_loss = -surr.mean(-1)  # [n]
            ent = entropy_term(cfg, mu, log_std)  # [n]
            terms = policy_loss if cfg["entropy"] == "off" else policy_loss - cfg["entropyCoef"] * ent  # entropy bonus
            actor_norm = model.actor_step(terms.sum())
            with torch.no_grad():
                approx_kl = ((ratio - 1) - log_ratio).mean()  # Schulman's k3 estimator of KL, monitoring only
                clip_frac = ((ratio - 1).abs() > clip).float().mean()
            # critic loss (49): MSE of V(S) to the (normalised) returns
            value_loss = (model.values(pick_rows(roll["states"])) - pick_rows(tgt)).pow(2).mean()
            critic_norm = model.critic_step(value_loss)
            # read back every step, as mappo.ts records them
            _ = [x.item() for x in (policy_loss.mean(), ent.mean(), approx_kl, clip_frac, value_loss, actor_norm, critic_norm)]


def median(v):
    v = sorted(v)
    k = len(v)
    return v[k // 2] if k % 2 else 0.5 * (v[k // 2 - 1] + v[k // 2])


def main():
    cfg, args, layouts = parse_args()
    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(True)
    torch.manual_seed(1)
    make = {"stacked": StackedModel, "loop": LoopModel}
    runs = {l: (make[l](cfg), RunningNorm() if cfg["valueNorm"] else None) for l in layouts}
    times = {l: [] for l in layouts}
    for rep in range(args.warmup + args.reps):
        for l in layouts:  # layouts alternate, so a busy machine slows both alike
            model, vnorm = runs[l]
            roll = make_rollout(model, cfg)
            t0 = time.perf_counter()
            update(model, cfg, vnorm, roll)
            if rep >= args.warmup:
                times[l].append(time.perf_counter() - t0)
    ms = {l: round(1000 * median(times[l]), 2) for l in layouts}
    print(
        json.dumps(
            {
                "bench": "p2-pytorch",
                "updateMs": ms.get("stacked", ms.get("loop")),
                "layout": "stacked" if "stacked" in ms else "loop",
                "updateMsLoop": ms.get("loop"),
                "epochs": cfg["epochs"],
                "miniBatches": cfg["miniBatches"],
                "rows": cfg["rows"],
                "nAgents": cfg["nAgents"],
                "obsDim": cfg["obsDim"],
                "stateDim": cfg["stateDim"],
                "actionDim": cfg["actionDim"],
                "hidden": cfg["hidden"],
                "reps": args.reps,
                "torch": torch.__version__,
                "threads": torch.get_num_threads(),
            }
        )
    )


if __name__ == "__main__":
    main()
