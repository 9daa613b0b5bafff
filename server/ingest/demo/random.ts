/**
 * A small seeded pseudo-random generator for the demo data (sfc32, seeded through splitmix32 from a
 * string/number hash). Pure: no Math.random, no clock; only integer and +−×÷ arithmetic, so the same
 * seed gives the same sequence on every machine and JS engine.
 */

/** A deterministic random stream. */
export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform float in [min, max). */
  float(min: number, max: number): number;
  /** Uniform integer in [min, max] (both inclusive). Throws unless both are integers and min ≤ max. */
  int(min: number, max: number): number;
  /** True with probability p (p ≤ 0 never, p ≥ 1 always). */
  chance(p: number): boolean;
  /** One element, uniformly. Throws on an empty array. */
  pick<T>(items: readonly T[]): T;
  /** One element with probability proportional to its weight (weights ≥ 0, not all 0). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /**
   * Roughly normal value (Irwin–Hall sum of 4 uniforms, rescaled): mean `mean`, standard deviation `sd`,
   * bounded to mean ± 3.46·sd. Avoids log/cos so results are bit-identical across engines.
   */
  normalish(mean: number, sd: number): number;
  /** A new array with the items in random order (Fisher–Yates); the input is not changed. */
  shuffle<T>(items: readonly T[]): T[];
  /** An independent stream derived from this stream's seed and a label (not from its current state). */
  fork(...labels: (string | number)[]): Random;
}

/**
 * 32-bit hash (FNV-1a over UTF-16 code units, then a murmur3 finaliser) of the parts joined by '|'.
 * Used to derive independent seeds from labels, e.g. `hashSeed(20200622, 'villages', '411402')`.
 */
export function hashSeed(...parts: (string | number)[]): number {
  const text = parts.map(String).join('|');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Create a stream from a seed (a number is hashed like a string, so 1 and '1' give the same stream). */
export function createRandom(seed: number | string): Random {
  const seed32 = hashSeed(seed);
  // splitmix32 expands the 32-bit seed into the four words of sfc32's state.
  let s = seed32;
  const splitmix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const nextUint = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32 mixes its state during the first few rounds.
  for (let i = 0; i < 12; i++) nextUint();

  const next = () => nextUint() / 4294967296;
  const random: Random = {
    next,
    float: (min, max) => min + (max - min) * next(),
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min)
        throw new RangeError(`int(${min}, ${max}): needs integers with min ≤ max`);
      return min + Math.floor(next() * (max - min + 1));
    },
    chance: (p) => next() < p,
    pick(items) {
      if (items.length === 0) throw new RangeError('pick() from an empty array');
      return items[Math.floor(next() * items.length)];
    },
    weighted(items, weights) {
      if (items.length === 0 || items.length !== weights.length)
        throw new RangeError('weighted(): items and weights must be non-empty and of equal length');
      let total = 0;
      for (const w of weights) total += w > 0 ? w : 0;
      if (!(total > 0)) throw new RangeError('weighted(): all weights are 0');
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        const w = weights[i] > 0 ? weights[i] : 0;
        if (r < w) return items[i];
        r -= w;
      }
      // Floating-point leftovers: the last item with a positive weight.
      for (let i = items.length - 1; i >= 0; i--) if (weights[i] > 0) return items[i];
      return items[items.length - 1];
    },
    normalish(mean, sd) {
      // Sum of 4 U(0,1) has mean 2 and variance 4/12 = 1/3.
      const sum = next() + next() + next() + next();
      return mean + sd * (sum - 2) * 1.7320508075688772;
    },
    shuffle(items) {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = out[i];
        out[i] = out[j];
        out[j] = tmp;
      }
      return out;
    },
    fork: (...labels) => createRandom(hashSeed(seed32, ...labels)),
  };
  return random;
}
