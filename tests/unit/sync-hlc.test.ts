import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, decodeHlc, encodeHlc, newNodeId, receive, tick } from '../../lib/sync/hlc';

const node = fc.stringMatching(/^[a-z0-9]{1,12}$/);
const hlc = fc.record({
  wall: fc.integer({ min: 0, max: 95_000_000_000_000 }),
  counter: fc.integer({ min: 0, max: 36 ** 4 - 1 }),
  node,
});

describe('hybrid logical clock', () => {
  it('round-trips and string order equals (wall, counter, node) order', () => {
    fc.assert(
      fc.property(hlc, hlc, (a, b) => {
        expect(decodeHlc(encodeHlc(a))).toEqual(a);
        const byFields =
          a.wall - b.wall ||
          a.counter - b.counter ||
          (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
        expect(Math.sign(compareHlc(encodeHlc(a), encodeHlc(b)))).toBe(Math.sign(byFields));
      }),
    );
  });

  it('tick always moves forward, even when the wall clock goes back', () => {
    fc.assert(
      fc.property(hlc, fc.integer({ min: 0, max: 95_000_000_000_000 }), (last, now) => {
        expect(encodeHlc(tick(last, now)) > encodeHlc(last)).toBe(true);
      }),
    );
  });

  it('after receive, the local clock is past both clocks', () => {
    fc.assert(
      fc.property(
        hlc,
        hlc,
        fc.integer({ min: 0, max: 95_000_000_000_000 }),
        (local, remote, now) => {
          const next = receive(local, { ...remote, node: local.node }, now);
          const text = encodeHlc(next);
          expect(text > encodeHlc(local)).toBe(true);
          expect(
            next.wall > remote.wall || (next.wall === remote.wall && next.counter > remote.counter),
          ).toBe(true);
        },
      ),
    );
  });

  it('counter overflow carries into the next millisecond', () => {
    expect(tick({ wall: 5, counter: 36 ** 4 - 1, node: 'a' }, 0)).toEqual({
      wall: 6,
      counter: 0,
      node: 'a',
    });
  });

  it('rejects text that is not a clock, with the text in the message', () => {
    for (const bad of [
      '',
      'x',
      '0000000000a-0000',
      '0000000000a-0000-UPPER',
      '0000000000a-0000-a-b',
    ]) {
      expect(() => decodeHlc(bad)).toThrow(/Not a clock/);
    }
  });

  it('node ids are 12 base-36 characters', () => {
    expect(newNodeId()).toMatch(/^[a-z0-9]{12}$/);
  });
});
