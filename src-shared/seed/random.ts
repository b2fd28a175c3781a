// A seeded PRNG: Math.random cannot be replayed, and seed data must be byte-identical per seed.
// sfc32 is small, fast and has a 128-bit state, so 100,000 valuations never revisit a state.

// Number#toString(16) is slow in V8; a byte table keeps 100,000 valuations within a second or two.
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const hexByte = (byte: number) => HEX_BYTES[byte & 0xff] as string;

export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** `stream` gives independent sequences for one seed (people, valuations, ...). */
  constructor(seed: number, stream = 0) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
    // splitmix32 spreads a small seed over the whole state, so seeds 1 and 2 differ from the first draw.
    let s = seed >>> 0;
    const mix = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = mix() ^ (Math.floor(seed / 2 ** 32) >>> 0);
    this.#b = mix() ^ stream;
    this.#c = mix();
    this.#d = mix();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 2 ** 32;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new RangeError('cannot pick from an empty list');
    return item;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.float() * total;
    for (const [item, weight] of entries) {
      roll -= weight;
      if (roll < 0) return item;
    }
    // Only float rounding gets here: the last entry owns the top of the range.
    const last = entries.at(-1);
    if (last === undefined) throw new RangeError('cannot pick from an empty list');
    return last[0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** `length` lower-case hex characters, e.g. a fake sha256. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) {
      const word = this.uint32();
      out += hexByte(word >>> 24) + hexByte(word >>> 16) + hexByte(word >>> 8) + hexByte(word);
    }
    return out.slice(0, length);
  }

  /** A UUIDv7 (RFC 9562) whose timestamp is `ms`, so ids sort like the rows' creation times. */
  uuidv7(ms: number): string {
    const high = Math.floor(ms / 2 ** 32);
    const time = hexByte(high >>> 8) + hexByte(high) + hexByte(ms >>> 24) + hexByte(ms >>> 16) + hexByte(ms >>> 8) + hexByte(ms);
    const r = this.hex(19);
    const variant = ((parseInt(r.charAt(3), 16) & 0x3) | 0x8).toString(16);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${r.slice(0, 3)}-${variant}${r.slice(4, 7)}-${r.slice(7)}`;
  }
}
